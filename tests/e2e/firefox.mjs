// The end-to-end smoke in Firefox ESR (Debian's firefox-esr, driven through geckodriver with
// the W3C WebDriver client of webdriver.mjs): open the app, see example 004 and its figures,
// edit the as-of date by typing into the date input, see a figure change, reload and see the
// edit kept. Any JavaScript error or request leaving the origin fails it.
//
//   node tests/e2e/firefox.mjs dist                 # Firefox (GECKODRIVER, FIREFOX override)
//   node tests/e2e/firefox.mjs dist --chromium      # the same smoke in Chromium (chromedriver)
//
// WebDriver classic cannot run a script before the page's own, so the page is served from a
// copy of the site whose index.html loads a recorder first (errors, unhandled rejections,
// console.error; kept in sessionStorage across reloads). Screenshots go to target/e2e/.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './harness.mjs';
import { startDriver, Session } from './webdriver.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dist = path.resolve(process.argv[2] ?? 'dist');
const chromium = process.argv.includes('--chromium');
const browserName = chromium ? 'chromium' : 'firefox';
const shots = path.join(root, 'target/e2e');
fs.mkdirSync(shots, { recursive: true });
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`no built site at ${dist}: run \`trunk build --release\` first`);
  process.exit(2);
}

// --- The site, with the recorder loaded before anything else. ---
const RECORDER = `(() => {
  const KEY = '__lvyue_problems';
  const keep = (p) => {
    try {
      const all = JSON.parse(sessionStorage.getItem(KEY) || '[]');
      all.push(String(p).slice(0, 2000));
      sessionStorage.setItem(KEY, JSON.stringify(all));
    } catch (e) { (window.__lvyueProblems = window.__lvyueProblems || []).push(String(p)); }
  };
  // (Firefox's stack has the frames only: the message goes first.)
  window.addEventListener('error', (e) => keep('uncaught exception: ' + e.message + ' ' + (e.error && e.error.stack || '')));
  window.addEventListener('unhandledrejection', (e) => keep('unhandled rejection: ' + (e.reason && e.reason.message || e.reason)
    + ' ' + (e.reason && e.reason.stack || '')));
  const error = console.error.bind(console);
  console.error = (...a) => { keep('console error: ' + a.map(String).join(' ')); error(...a); };
})();
`;
const site = path.join(shots, `${browserName}-site`);
fs.rmSync(site, { recursive: true, force: true });
fs.cpSync(dist, site, { recursive: true });
fs.writeFileSync(path.join(site, '__recorder.js'), RECORDER);
// The recorder's self-test: three deliberate errors, from a file of the site (the page's
// Content-Security-Policy refuses inline scripts, as it should).
fs.writeFileSync(path.join(site, '__deliberate.js'), "console.error('deliberate');"
  + " setTimeout(() => { throw new Error('deliberate throw'); });"
  + " Promise.reject(new Error('deliberate rejection'));\n");
const index = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
const patched = index.replace(/<head>/i, '<head><script src="/__recorder.js"></script>');
if (patched === index) throw new Error('index.html has no <head> to load the recorder in');
fs.writeFileSync(path.join(site, 'index.html'), patched);

const downloads = path.join(shots, `${browserName}-downloads`);
fs.rmSync(downloads, { recursive: true, force: true });
fs.mkdirSync(downloads, { recursive: true });

const readJson = (f) => JSON.parse(fs.readFileSync(path.join(root, 'examples', f), 'utf8'));
const TITLE_004 = readJson('004-liyang-operations.contract.json').title;
const EVENTS_004 = readJson('004-liyang-operations.events.json');
const WS_KEY = 'lvyue/workspace/v1';

function capabilities() {
  if (chromium) {
    const args = JSON.parse(fs.readFileSync(path.join(root, 'webdriver.json'), 'utf8'))['goog:chromeOptions'].args;
    return {
      browserName: 'chrome',
      'goog:chromeOptions': { binary: process.env.CHROMIUM ?? '/usr/bin/chromium', args },
    };
  }
  return {
    browserName: 'firefox',
    'moz:firefoxOptions': {
      binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      args: ['-headless'],
      prefs: {
        // The app is in zh-CN whatever the browser's language. Firefox's own locale stays
        // en-US (Debian's firefox-esr has no zh-CN language pack), so its date inputs show
        // mm/dd/yyyy and the test types the date in that order.
        'intl.accept_languages': 'zh-CN, zh, en',
        // No network but the page's own server: nothing else is asked for.
        'app.update.enabled': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'network.captive-portal-service.enabled': false,
        'network.connectivity-service.enabled': false,
        // Export: saved without asking, where the test can read it.
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/json',
      },
    },
  };
}

let passed = 0, failed = 0;
const expect = (cond, msg) => { if (!cond) throw new Error(msg); };

const server = await serve({ '/': site });
const driverBin = chromium ? (process.env.CHROMEDRIVER ?? '/usr/bin/chromedriver')
  : (process.env.GECKODRIVER ?? 'geckodriver');
const driver = await startDriver(driverBin);
let s;
try {
  s = await Session.create(driver.url, capabilities());
  await s.setWindowRect({ width: 1280, height: 900 }).catch(() => {});
  const origin = server.origin;

  const problems = async () => {
    const p = await s.execute(`
      const all = JSON.parse(sessionStorage.getItem('__lvyue_problems') || '[]').concat(window.__lvyueProblems || []);
      // Requests that left the origin (no request interception in WebDriver classic).
      for (const e of performance.getEntriesByType('resource')) {
        if (!e.name.startsWith(location.origin + '/') && !e.name.startsWith('data:') && !e.name.startsWith('blob:')) {
          all.push('request leaving the origin: ' + e.name);
        }
      }
      return all;`);
    return p;
  };
  const ready = () => s.waitFor(() => s.execute('return !!document.querySelector(\'[data-ready="1"]\');'), 'the app to be ready', 20000);
  const showTab = async (id) => {
    await s.click(await s.find(`#tab-${id}`));
    await s.waitFor(() => s.execute(`return document.querySelector('#tab-${id}')?.getAttribute('aria-selected') === 'true';`), `the ${id} tab`);
  };
  const text = (css) => s.execute('return document.querySelector(arguments[0])?.textContent ?? null;', css);
  const saved = async () => JSON.parse(await s.execute(`return localStorage.getItem('${WS_KEY}');`) ?? 'null');

  const step = async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      const p = await problems();
      if (p.length) throw new Error(p.join('\n'));
      passed++;
      console.log(`ok   ${browserName}: ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${browserName}: ${name} (${Date.now() - started} ms)\n     ${(e.stack ?? String(e)).split('\n').join('\n     ')}`);
      await s.screenshot(path.join(shots, `${browserName}-failure.png`)).catch(() => {});
      throw e;
    }
  };

  // 004's term renews by a year unless notice is given, and the second instalment (m2) falls
  // due 30 days after the term: as of 2023-07-15 (the example) m2 is due 2023-08-21; as of
  // 2023-10-31 the term has renewed once (to Saturday 2024-07-20, moved to Monday 07-22: Civil
  // Code Art. 203) and m2 is due 2024-08-21.
  await step('a first visit opens example 004 with its figures', async () => {
    await s.navigate(`${origin}/`);
    await ready();
    await s.waitForText('#contract-title', TITLE_004);
    expect(await s.execute('return document.documentElement.lang;') === 'zh-CN', 'html lang is not zh-CN');
    // The tab bar scrolls sideways only (Firefox drew a vertical scrollbar for its 2px overlap).
    const bar = await s.execute(`const n = document.querySelector('.tabs'); return n.offsetWidth - n.clientWidth;`);
    expect(bar === 0, `the tab bar has a vertical scrollbar ${bar} px wide`);
    await showTab('penalties');
    // The whole 004 record (as of 2023-07-15): the second instalment's clause 7.3 is 29,400.00.
    await s.waitForText('[data-clause="7.3"] .clause-total', '29,400.00');
    await showTab('payments');
    await s.waitForText('tr[data-milestone="m2"]', '2023-08-21');
    await s.waitForText('#term', '2022-07-20 – 2023-07-20');
    await s.screenshot(path.join(shots, `${browserName}-payments.png`));
  });

  await step('typing a new as-of date into the date input changes the figures', async () => {
    expect(EVENTS_004.as_of === '2023-07-15', `the 004 record's as-of is ${EVENTS_004.as_of}, not 2023-07-15`);
    await showTab('record');
    const input = await s.find('#as-of');
    expect(await s.property(input, 'type') === 'date', 'the as-of input is not a date input');
    expect(await s.property(input, 'value') === '2023-07-15', 'the as-of input does not show 2023-07-15');
    // As a person would: into the field's first part, then the keys of the date in the order
    // the browser shows its parts. That order follows the browser's own locale (Intl's
    // default, not the page's languages): en-US here for both, mm/dd/yyyy. Key presses, not
    // sendKeys: geckodriver's sendKeys sets a date input's whole value at once.
    const order = await s.execute(`return new Intl.DateTimeFormat()
      .formatToParts(new Date(2023, 9, 31)).filter((p) => p.type !== 'literal').map((p) => p.type);`);
    const part = { year: '2023', month: '10', day: '31' };
    await s.focus(input);
    await s.keys(order.map((p) => part[p]).join(''));
    await s.waitFor(async () => (await saved())?.scenarios?.[0]?.events?.as_of === '2023-10-31',
      'the as-of 2023-10-31 to be saved', 10000).catch(async (e) => {
      throw new Error(`${e.message}; the input shows "${await s.property(input, 'value')}"`);
    });
    await showTab('payments');
    await s.waitForText('tr[data-milestone="m2"]', '2024-08-21');
    await s.waitForText('#term', '2022-07-20 – 2024-07-22');
  });

  await step('a reload keeps the edit and its figures', async () => {
    await s.refresh();
    await ready();
    await s.waitForText('#contract-title', TITLE_004);
    await s.waitForText('tr[data-milestone="m2"]', '2024-08-21');
    await showTab('record');
    expect(await s.property(await s.find('#as-of'), 'value') === '2023-10-31', 'the as-of date was not kept');
    await s.screenshot(path.join(shots, `${browserName}-record-after-reload.png`));
  });

  // The recorder itself: an error in the page must be caught (then it is cleared).
  {
    // In the page's own context (a script element), as the app's code would fail.
    await s.execute(`const el = document.createElement('script');
      el.src = '/__deliberate.js';
      document.head.append(el);`);
    const caught = await s.waitFor(async () => {
      const p = await problems();
      return p.length >= 3 ? p : null;
    }, 'the recorder to catch three deliberate errors', 5000).catch(async () => problems());
    await s.execute(`sessionStorage.removeItem('__lvyue_problems');`);
    const ok = [/console error: deliberate/, /uncaught exception: .*deliberate throw/, /unhandled rejection: .*deliberate rejection/]
      .every((re) => caught.some((p) => re.test(p)));
    if (ok) { passed++; console.log(`ok   ${browserName}: the error recorder catches console errors, exceptions and rejections`); }
    else { failed++; console.log(`FAIL ${browserName}: the error recorder caught only: ${JSON.stringify(caught)}`); }
  }

  // (Chromium's export is tested by run.mjs through Playwright.)
  if (!chromium) {
    await step('export writes the workspace with the edit to a file', async () => {
      await s.click(await s.find('#export-button'));
      const file = path.join(downloads, 'lvyue-workspace.json');
      const ws = await s.waitFor(() => {
        try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
      }, 'the exported file', 10000);
      expect(ws.format === 'lvyue-workspace/1' && ws.contract?.id === '004-liyang-operations', 'the export is not the 004 workspace');
      expect(ws.scenarios[ws.active].events.as_of === '2023-10-31', 'the export lacks the as-of edit');
      expect(ws.unexported !== true, 'the export is marked unexported');
      await s.waitFor(async () => (await saved())?.unexported !== true, 'the saved workspace to be marked exported');
    });
  }
} catch (e) {
  if (failed === 0) { failed++; console.log(`FAIL ${browserName}: ${e.stack ?? e}`); }
} finally {
  if (s) await s.delete().catch(() => {});
  await driver.stop();
  await server.close();
}
console.log(`${browserName}: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
