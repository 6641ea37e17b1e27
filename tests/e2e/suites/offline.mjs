// Issue 5: the offline copy (service worker), one self-contained file, any sub-path, and the
// Content-Security-Policy with contract text rendered as text.
//
// The harness's own pages block service workers; the tests here that need one open a context of
// their own with `swContext`, guarded the same way: a console error, an uncaught exception or a
// request leaving the origin fails the test.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

export default function register(ctx) {
  const { s, expect, serve, openApp, showTab, waitForText, waitForTitle, ledger, contractOf, eventsOf,
    paste, loadFiles, dist, shots, here } = ctx;
  const repo = path.resolve(here, '../..');
  const TITLE_004 = contractOf('004-liyang-operations').title;
  // 004's late service (7.2): 3 days × 1% × 980,000 = 29,400.00 (lvyue eval of the example).
  const LATE_SERVICE = '29,400.00';

  /** A browser context that allows service workers, guarded like the harness's pages. */
  async function swContext(browser, problems, allowed) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN',
      serviceWorkers: 'allow' });
    const ok = (url) => url.startsWith('data:') || url.startsWith('blob:') || allowed(url);
    context.on('page', (page) => {
      page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
      page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
    });
    // Requests of the pages and of the service worker (which the route below may not see).
    context.on('request', (req) => { if (!ok(req.url())) problems.push(`request leaving the origin: ${req.url()}`); });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (ok(url)) return route.continue();
      problems.push(`request leaving the origin: ${url}`);
      return route.abort('blockedbyclient');
    });
    return context;
  }
  const sameOrigin = (origin) => (url) => url.startsWith(origin + '/');

  async function ready(page) {
    await page.waitForSelector('[data-ready="1"]', { timeout: 20000 });
  }
  async function controlled(page) {
    await page.waitForFunction(() => !!navigator.serviceWorker?.controller, null, { timeout: 20000 });
  }
  const cacheNames = (page) => page.evaluate(() => caches.keys());
  async function late7_2(page) {
    const l = await ledger(page);
    expect(l['7.2']?.includes(LATE_SERVICE), `7.2 shows ${l['7.2']}, not ${LATE_SERVICE}`);
    return l;
  }
  /** A copy of the built site in a temporary directory. */
  function copyOfDist() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvyue-release-'));
    fs.cpSync(dist, dir, { recursive: true });
    return dir;
  }
  /** Runs post-build steps on `dir` as Trunk would. */
  function postBuild(dir, ...steps) {
    for (const step of steps) {
      execFileSync('bash', [`scripts/post-build.d/${step}`], { cwd: repo, stdio: 'pipe',
        env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PROFILE: 'release' } });
    }
  }

  // ---- 1. Offline ----

  s.test('offline: a second visit works with the network off, with the 004 figures', async ({ browser, problems }) => {
    const site = copyOfDist();
    const server = await serve({ '/': site });
    const context = await swContext(browser, problems, sameOrigin(server.origin));
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/`);
      await ready(page);
      await controlled(page);
      const names = await cacheNames(page);
      expect(names.length === 1 && names[0].startsWith(`lvyue:${server.origin}/:`), `caches: ${names}`);
      const online = await late7_2(page);
      // Network off, and the server gone too: only the service worker can answer.
      await context.setOffline(true);
      server.close();
      await page.reload();
      await ready(page);
      expect(await page.evaluate(() => navigator.onLine) === false, 'the page is not offline');
      await waitForTitle(page, TITLE_004);
      const offline = await late7_2(page);
      expect(JSON.stringify(offline) === JSON.stringify(online), `offline ledger differs:\n ${JSON.stringify(online)}\n ${JSON.stringify(offline)}`);
      await showTab(page, 'summary');
      await page.waitForFunction(() => /\d{1,3}(,\d{3})*\.\d{2}/.test(document.querySelector('#panel')?.textContent ?? ''));
      // A fresh tab offline: the navigation itself comes from the cache.
      const other = await context.newPage();
      await other.goto(`${server.origin}/#penalties`);
      await ready(other);
      await waitForText(other, '[data-clause="7.2"] .clause-total', LATE_SERVICE, 10000);
      await page.screenshot({ path: path.join(shots, 'offline-summary-zh.png') });
    } finally {
      await context.close();
      await server.close().catch(() => {});
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  s.test('offline: a new release replaces the old one: notice, new files, old cache gone', async ({ browser, problems }) => {
    const site = copyOfDist();
    const server = await serve({ '/': site });
    const context = await swContext(browser, problems, sameOrigin(server.origin));
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/`);
      await ready(page);
      await controlled(page);
      const [oldCache] = await cacheNames(page);
      const oldJs = fs.readdirSync(site).find((f) => /^lvyue-web-.*\.js$/.test(f));
      expect(oldJs, 'no JS glue in dist');
      const oldStem = oldJs.replace(/\.js$/, '');

      // The new release as a deploy brings it: JS and wasm under new names, the old files gone,
      // a new index.html (with its CSP) and a new sw.js.
      const newStem = 'lvyue-web-0000000000release2';
      fs.renameSync(path.join(site, `${oldStem}.js`), path.join(site, `${newStem}.js`));
      fs.renameSync(path.join(site, `${oldStem}_bg.wasm`), path.join(site, `${newStem}_bg.wasm`));
      const index = fs.readFileSync(path.join(site, 'index.html'), 'utf8').replaceAll(oldStem, newStem)
        .replace('<title>', '<meta name="lvyue-release" content="2" />\n    <title>');
      fs.writeFileSync(path.join(site, 'index.html'), index);
      postBuild(site, '70-csp.sh', '80-sw.sh');

      // The next visit is still served the old release by the old worker; the new one installs,
      // takes over and the page says so.
      await page.reload();
      await ready(page);
      expect(await page.locator('meta[name=lvyue-release]').count() === 0, 'the old worker served the new index.html');
      await page.waitForSelector('#update-notice[role=status]', { timeout: 20000 });
      await waitForText(page, '#update-notice', '新版本');
      await late7_2(page);
      // The controller changes as the new worker activates; its activate handler then deletes
      // the old release's cache.
      await page.waitForFunction(async (old) => { const k = await caches.keys(); return k.length === 1 && k[0] !== old; },
        oldCache, { timeout: 10000 }).catch(async () => { throw new Error(`caches after the update: ${await cacheNames(page)} (old ${oldCache})`); });
      let names;

      // Reload (the notice's button): the new release, every file from the new cache.
      await Promise.all([page.waitForNavigation(), page.click('#update-notice button')]);
      await ready(page);
      expect(await page.locator('meta[name=lvyue-release]').count() === 1, 'the reload did not bring the new release');
      expect(await page.locator('#update-notice').count() === 0, 'the notice came back after the reload');
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(loaded.some((u) => u.includes(`${newStem}.js`)) && loaded.some((u) => u.includes(`${newStem}_bg.wasm`)),
        `the new JS and wasm were not loaded: ${loaded.join(', ')}`);
      expect(!loaded.some((u) => u.includes(oldStem)), `an old file was loaded: ${loaded.join(', ')}`);
      await waitForTitle(page, TITLE_004);
      await late7_2(page);
      names = await cacheNames(page);
      expect(names.length === 1 && names[0] !== oldCache, `caches: ${names}`);
      // And the new release works offline.
      await context.setOffline(true);
      await page.reload();
      await ready(page);
      expect(await page.locator('meta[name=lvyue-release]').count() === 1, 'offline: not the new release');
      await late7_2(page);
    } finally {
      await context.close();
      await server.close();
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  // ---- 3. Any path ----

  s.test('sub-path: the site under /tools/lvyue/ loads only from there, and its worker works there', async ({ browser, problems }) => {
    const server = await serve({ '/tools/lvyue/': dist });
    const base = `${server.origin}/tools/lvyue/`;
    const context = await swContext(browser, problems, (u) => u.startsWith(base));
    try {
      const page = await context.newPage();
      await page.goto(`${base}#penalties`);
      await ready(page);
      await waitForTitle(page, TITLE_004);
      await late7_2(page);
      await controlled(page);
      const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
      expect(scope === base, `the worker's scope is ${scope}`);
      const names = await cacheNames(page);
      expect(names.length === 1 && names[0].startsWith(`lvyue:${base}:`), `caches: ${names}`);
      const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
      expect(loaded.length >= 3 && loaded.every((u) => u.startsWith(base) || u.startsWith('data:')),
        `files loaded from outside ${base}: ${loaded.join(', ')}`);
      await context.setOffline(true);
      server.close();
      await page.reload();
      await ready(page);
      await late7_2(page);
    } finally {
      await context.close();
      await server.close().catch(() => {});
    }
  });

  // ---- 2. One file ----

  s.test('one file: lvyue.html opened from file:// runs example 004, drafts pasted text, loads nothing, registers no worker', async ({ browser, problems }) => {
    const out = path.join(shots, 'single', 'lvyue.html');
    execFileSync('node', ['scripts/single-file.mjs', dist, out], { cwd: repo, stdio: 'pipe' });
    const html = fs.readFileSync(out, 'utf8');
    expect(!/\b(src|href)="\.\//.test(html), 'the single file refers to other files');
    expect(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/.test(html), 'no CSP in the single file');
    const url = pathToFileURL(out).href;
    const context = await swContext(browser, problems, (u) => u === url || u.startsWith(url + '#'));
    try {
      await context.addInitScript(() => {
        window.__swRegister = 0;
        window.__csp = [];
        addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.effectiveDirective} ${e.blockedURI}`));
        const sw = navigator.serviceWorker;
        if (sw) {
          const register = sw.register.bind(sw);
          sw.register = (...a) => { window.__swRegister++; return register(...a); };
        }
      });
      const page = await context.newPage();
      await page.goto(url);
      await ready(page);
      await page.selectOption('#example-select', '000-cloud-services');
      await waitForTitle(page, contractOf('000-cloud-services').title);
      // The work is kept on file:// too (localStorage of the file's origin).
      await page.reload();
      await ready(page);
      await waitForTitle(page, contractOf('000-cloud-services').title);
      await page.selectOption('#example-select', '004-liyang-operations');
      await waitForTitle(page, TITLE_004);
      await late7_2(page);
      // XLSX export works from disk too: the writer is inlined behind the loader's hook.
      const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), page.click('#export-xlsx')]);
      const xlsx = fs.readFileSync(await dl.path());
      expect(dl.suggestedFilename().endsWith('.xlsx') && xlsx.subarray(0, 2).toString() === 'PK',
        `the single file's XLSX export gave ${dl.suggestedFilename()} (${xlsx.length} B), not a workbook`);
      await showTab(page, 'charts');
      await page.waitForTimeout(200);
      expect(await page.evaluate(() => window.__swRegister) === 0, 'a service worker registration was attempted on file://');
      const violations = await page.evaluate(() => window.__csp);
      expect(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
      await page.screenshot({ path: path.join(shots, 'single-file-charts-zh.png') });
      // Drafting works from disk too: the authoring module is inlined behind its loader's hook.
      await paste(page, '溧阳市智慧医疗项目运维服务合同\n乙方每逾期一日，按合同总额的3‰支付违约金。');
      await page.waitForSelector('#author', { timeout: 20000 });
      expect(!(await page.locator('#load-failure').count()), 'drafting failed in the single file');
    } finally {
      await context.close();
    }
  });

  // ---- 7. Security ----

  const RECORD_CSP = () => {
    window.__csp = [];
    addEventListener('securitypolicyviolation', (e) => window.__csp.push(
      { directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  };

  s.test('CSP: the policy is in the page and allows only the app\'s own files', async ({ page, origin }) => {
    await openApp(page, origin);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp, 'no Content-Security-Policy meta');
    const d = Object.fromEntries(csp.split(';').map((x) => x.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    const is = (k, ...v) => expect(JSON.stringify(d[k]) === JSON.stringify(v), `${k}: ${d[k]?.join(' ')}`);
    is('default-src', "'self'");
    is('style-src', "'self'");
    is('img-src', "'self'", 'data:');
    is('connect-src', "'self'");
    is('object-src', "'none'");
    is('base-uri', "'none'");
    is('form-action', "'none'");
    is('worker-src', "'self'");
    const scripts = d['script-src'] ?? [];
    expect(scripts[0] === "'self'" && scripts.includes("'wasm-unsafe-eval'") && !scripts.includes("'unsafe-inline'")
      && !scripts.includes("'unsafe-eval'"), `script-src: ${scripts.join(' ')}`);
    const inline = await page.evaluate(() => [...document.scripts].filter((x) => !x.src).length);
    expect(scripts.filter((x) => x.startsWith("'sha256-")).length === inline, `${inline} inline scripts, hashes: ${scripts.join(' ')}`);
    // The policy comes before every script.
    expect(await page.evaluate(() => document.head.firstElementChild.nextElementSibling.httpEquiv) === 'Content-Security-Policy',
      'the policy is not right after <meta charset>');
  });

  s.test('CSP: no violation in normal use of every tab; injected scripts are refused', async ({ page, origin, problems }) => {
    await page.addInitScript(RECORD_CSP);
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    const tabs = await page.evaluate(() => [...document.querySelectorAll('[role=tab]')].map((t) => t.id.replace(/^tab-/, '')));
    expect(tabs.length >= 10, `only ${tabs.length} tabs`);
    for (const lang of ['zh', 'en']) {
      for (const tab of tabs) {
        await showTab(page, tab);
        await page.waitForTimeout(100);
      }
      if (lang === 'zh') await page.click('#lang-switch');
    }
    let violations = await page.evaluate(() => window.__csp);
    expect(violations.length === 0, `violations in normal use: ${JSON.stringify(violations)}`);

    // An external script and an inline one, as an injection would add them: both refused.
    await page.evaluate(() => {
      const ext = document.createElement('script');
      ext.src = 'https://lvyue-offsite.invalid/x.js';
      document.head.append(ext);
      const inline = document.createElement('script');
      inline.textContent = 'window.__injected = 1';
      document.head.append(inline);
    });
    await page.waitForFunction(() => window.__csp.length >= 2, null, { timeout: 5000 });
    violations = await page.evaluate(() => window.__csp);
    expect(violations.some((v) => v.directive === 'script-src-elem' && v.blocked.includes('lvyue-offsite.invalid')),
      `no violation for the external script: ${JSON.stringify(violations)}`);
    expect(violations.some((v) => v.directive === 'script-src-elem' && v.blocked === 'inline'),
      `no violation for the inline script: ${JSON.stringify(violations)}`);
    expect(await page.evaluate(() => window.__injected) === undefined, 'the injected inline script ran');
    // Chromium reports each refusal as a console error: those two are expected, nothing else.
    await page.waitForTimeout(100);
    for (let i = problems.length - 1; i >= 0; i--) {
      if (/console error: (Loading the script 'https:\/\/lvyue-offsite\.invalid\/x\.js'|Executing inline script) violates the following Content Security Policy/.test(problems[i])) problems.splice(i, 1);
    }
  });

  // A contract whose every string is HTML and script.
  const EVIL = [
    '<img src=x onerror="window.__pwned=1">',
    '<script>window.__pwned=1</script>',
    '"><svg onload="window.__pwned=1">',
    "'><iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
  ];
  const evil = (i, plain) => `${plain} ${EVIL[i % EVIL.length]}`;
  function evilFiles() {
    const c = contractOf('004-liyang-operations');
    c.title = evil(0, '恶意合同') + EVIL.slice(1).join('');
    c.title_en = evil(1, 'Evil contract');
    c.description = EVIL.join(' ');
    c.parties.buyer.name = evil(2, '甲方');
    c.parties.seller.name = evil(3, '乙方');
    c.items.forEach((it, i) => { it.name = { zh: evil(i, it.name.zh), en: evil(i + 1, it.name.en) }; });
    c.clauses.forEach((cl, i) => {
      if (cl.title) cl.title = { zh: evil(i, cl.title.zh ?? ''), en: evil(i + 2, cl.title.en ?? '') };
      if (typeof cl.text === 'string') cl.text = evil(i + 1, cl.text);
    });
    const e = eventsOf('004-liyang-operations');
    e.incidents.forEach((inc, i) => { inc.id = `${inc.id}${EVIL[i % EVIL.length]}`; });
    e.staff.forEach((st, i) => { st.note = evil(i, st.note ?? ''); });
    return { c, e };
  }
  async function visitEveryTabUnharmed(page, { c, e }, shipped) {
    await waitForText(page, '#contract-title', EVIL[0], 10000);
    const tabs = await page.evaluate(() => [...document.querySelectorAll('[role=tab]')].map((t) => t.id.replace(/^tab-/, '')));
    let shown = '';
    for (const tab of tabs) {
      await showTab(page, tab);
      await page.waitForTimeout(100);
      shown += await page.evaluate(() => document.body.textContent + [...document.querySelectorAll('input, textarea')].map((x) => x.value).join('\n'));
      const harm = await page.evaluate(() => ({
        pwned: window.__pwned,
        imgs: document.querySelectorAll('img[src="x"], svg[onload], iframe').length,
        scripts: document.scripts.length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      }));
      expect(harm.pwned === undefined, `${tab}: a script from the contract ran`);
      expect(harm.imgs === 0, `${tab}: an element was made from the contract's text`);
      expect(harm.scripts === shipped, `${tab}: ${harm.scripts} script elements (the page ships ${shipped})`);
      expect(harm.handlers.length === 0, `${tab}: event-handler attributes: ${harm.handlers.join(', ')}`);
    }
    // The literal text is shown: the title, a party, an item, a clause title and text, an incident id.
    for (const [what, text] of [['title', c.title], ['buyer', c.parties.buyer.name], ['item', c.items[0].name.zh],
      ['clause title', c.clauses[0].title.zh], ['clause text', c.clauses[0].text], ['incident id', e.incidents[0].id]]) {
      expect(shown.includes(text), `the ${what} is not shown as text: ${text}`);
    }
  }

  s.test('security: a contract of HTML and script, pasted, shows as text on every tab and runs nothing', async ({ page, origin }) => {
    await page.addInitScript(RECORD_CSP);
    await openApp(page, origin);
    const shipped = await page.evaluate(() => document.scripts.length);
    const files = evilFiles();
    await paste(page, JSON.stringify(files.c, null, 2));
    await waitForText(page, '#contract-title', EVIL[0], 10000);
    await paste(page, JSON.stringify(files.e, null, 2));
    await page.waitForFunction((id) => (localStorage.getItem('lvyue/workspace/v1') ?? '').includes(JSON.stringify(id).slice(1, -1)),
      files.e.incidents[0].id, { timeout: 10000 });
    expect(await page.locator('#load-failure').count() === 0, `a load failure: ${await page.textContent('#load-failure').catch(() => '')}`);
    await visitEveryTabUnharmed(page, files, shipped);
    await page.click('#lang-switch');
    await waitForText(page, '#contract-title', EVIL[1]);
    expect(await page.evaluate(() => window.__pwned) === undefined, 'a script from the contract ran (English)');
    expect((await page.evaluate(() => window.__csp)).length === 0, 'a CSP violation: something tried to run');
  });

  s.test('security: a contract of HTML and script, loaded as files, shows as text on every tab and runs nothing', async ({ page, origin }) => {
    await page.addInitScript(RECORD_CSP);
    await openApp(page, origin);
    const shipped = await page.evaluate(() => document.scripts.length);
    const files = evilFiles();
    await loadFiles(page, [
      { name: 'evil.contract.json', text: JSON.stringify(files.c, null, 2) },
      { name: 'evil.events.json', text: JSON.stringify(files.e, null, 2) },
    ]);
    await waitForText(page, '#contract-title', EVIL[0], 10000);
    expect(await page.locator('#load-failure').count() === 0, `a load failure: ${await page.textContent('#load-failure').catch(() => '')}`);
    await visitEveryTabUnharmed(page, files, shipped);
    // And after a reload, from the saved workspace.
    await page.reload();
    await ready(page);
    await visitEveryTabUnharmed(page, files, shipped);
    expect((await page.evaluate(() => window.__csp)).length === 0, 'a CSP violation: something tried to run');
  });
}
