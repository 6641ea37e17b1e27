// End-to-end tests of the built site (`trunk build --release` → dist/) in headless Chromium.
//
//   node tests/e2e/run.mjs dist
//
// Every page is guarded (harness.mjs): a console error, an uncaught exception or a request that
// leaves the origin fails the test. Screenshots go to target/e2e/; look at them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve, launch, suite, guardedPage } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? 'dist');
const shots = path.resolve(here, '../../target/e2e');
fs.mkdirSync(shots, { recursive: true });
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`no built site at ${dist}: run \`trunk build --release\` first`);
  process.exit(2);
}

// Tests that need a view not yet built on this branch (results, record editor, charts,
// scenarios). By default EVERY test runs — the merged app must pass them all; set
// LVYUE_E2E_PENDING=skip to skip these while the views are still stubs.
const PENDING = [
  'examples: each opens with its title and a report',
  'acceptance: a major incident on the ECG system handled in 2 h costs 49,200.00 (附件2-5.3)',
  'acceptance: the incident editor turns the ECG incident into 49,200.00',
  'acceptance: the second instalment 40 days late: 29,400.00, restored after a reload, in English too',
  'acceptance: export, clear and import give the same penalty ledger',
  'acceptance: a broken file leaves the figures as they were',
  'measure: load to the first rendered report',
  'measure: an as-of edit with 2,000 incidents loaded',
];
const skipPending = process.env.LVYUE_E2E_PENDING === 'skip';
// LVYUE_E2E_ONLY=regex runs only the tests whose names match (for working on a few).
const only = process.env.LVYUE_E2E_ONLY ? new RegExp(process.env.LVYUE_E2E_ONLY) : null;

const s0 = suite();
const registered = new Set();
const s = {
  test(name, fn, opts) {
    registered.add(name);
    if (skipPending && PENDING.includes(name)) { console.log(`skip ${name} (pending: LVYUE_E2E_PENDING=skip)`); return; }
    if (only && !only.test(name)) return;
    s0.test(name, fn, opts);
  },
  run: (...a) => s0.run(...a),
};
const expect = (cond, msg) => { if (!cond) throw new Error(msg); };
async function textOf(page, sel) {
  await page.waitForSelector(sel, { timeout: 10000 });
  return (await page.textContent(sel)) ?? '';
}
async function waitForText(page, sel, needle, timeout = 5000) {
  try {
    await page.waitForFunction(([s, n]) => (document.querySelector(s)?.textContent ?? '').includes(n),
      [sel, needle], { timeout });
  } catch {
    throw new Error(`${sel} never contained "${needle}"; it shows: "${await page.textContent(sel, { timeout: 100 }).catch(() => '(missing)')}"`);
  }
}
async function open(page, origin, query = '#tools') {
  await page.goto(`${origin}/${query}`);
  await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
}

// --- The harness guards itself: each bad page must be caught, the clean one must pass. ---
s.test('harness catches a console error', async ({ page, origin }) => {
  await page.goto(`${origin}/__fixtures__/console-error.html`);
}, { expectProblems: [/console error: deliberate/] });
s.test('harness catches an uncaught exception', async ({ page, origin }) => {
  await page.goto(`${origin}/__fixtures__/exception.html`);
  await page.waitForTimeout(50);
}, { expectProblems: [/uncaught exception: .*deliberate/] });
s.test('harness catches and blocks a request leaving the origin', async ({ page, origin }) => {
  await page.goto(`${origin}/__fixtures__/offsite.html`);
}, { expectProblems: [/request leaving the origin: https:\/\/lvyue-offsite\.invalid/] });
s.test('harness passes a clean page', async ({ page, origin }) => {
  await page.goto(`${origin}/__fixtures__/clean.html`);
  expect((await textOf(page, '#ok')) === 'clean', 'clean fixture did not render');
});

// --- The app ---
s.test('opens in Chinese with the tools and their demo figures', async ({ page, origin }) => {
  await open(page, origin);
  expect(await page.getAttribute('html', 'lang') === 'zh-CN', 'html lang is not zh-CN');
  await waitForText(page, '#deadline-result', '2024-10-08');
  await waitForText(page, '#deadline-result', '第二百零三条');
  await waitForText(page, '#workday-result', '调休');
  await waitForText(page, '#words-result', '肆拾万伍仟元整');
  await waitForText(page, '#words-check', '仟');
  await waitForText(page, '#vat-result', '924,528.30');
  await waitForText(page, '#vat-result', '55,471.70');
  await page.screenshot({ path: path.join(shots, 'tools-zh-1280x800.png'), fullPage: true });
});

s.test('deadline: working days across National Day 2022', async ({ page, origin }) => {
  await open(page, origin);
  await page.fill('#deadline-start', '2022-09-26');
  await page.fill('#deadline-n', '10');
  await page.selectOption('#deadline-unit', 'workdays');
  await waitForText(page, '#deadline-result', '2022-10-13');
});

s.test('deadline: one month after 2024-01-31, and 30 days with and without Art. 203', async ({ page, origin }) => {
  await open(page, origin);
  await page.fill('#deadline-start', '2024-01-31');
  await page.fill('#deadline-n', '1');
  await page.selectOption('#deadline-unit', 'months');
  await waitForText(page, '#deadline-result', '2024-02-29');
  await page.fill('#deadline-start', '2024-03-01');
  await page.fill('#deadline-n', '30');
  await page.selectOption('#deadline-unit', 'days');
  await waitForText(page, '#deadline-result', '2024-04-01');
  await page.uncheck('#deadline-extension');
  await waitForText(page, '#deadline-result', '2024-03-31');
});

s.test('deadline: a negative number is an error naming it, and the page survives', async ({ page, origin }) => {
  await open(page, origin);
  await page.fill('#deadline-n', '-3');
  await waitForText(page, '#deadline-result', '-3');
  expect(await page.locator('#deadline-result [role=alert]').count() > 0, 'no alert shown');
  await page.fill('#deadline-n', '10');
  await waitForText(page, '#deadline-result', '2024-10-08');
});

s.test('deadline: hours under 7x24 and under working hours across a make-up Saturday', async ({ page, origin }) => {
  await open(page, origin);
  await page.selectOption('#deadline-unit', 'hours');
  await page.fill('#deadline-start', '2024-03-01');
  await page.fill('#deadline-time', '22:00');
  await page.fill('#deadline-n', '4');
  await waitForText(page, '#deadline-result', '2024-03-02 02:00');
  // Friday 16:00 + 4 h of 08:00–12:00, 13:30–17:30: 1.5 h on Friday, then Saturday 2024-09-14
  // is a make-up working day (Mid-Autumn): 08:00 + 2.5 h = 10:30.
  await page.fill('#deadline-start', '2024-09-13');
  await page.fill('#deadline-time', '16:00');
  await page.selectOption('#deadline-clock', 'working-hours');
  await waitForText(page, '#deadline-result', '2024-09-14 10:30');
});

s.test('working day: 2026-02-23 is a Spring Festival day off; years without data warn', async ({ page, origin }) => {
  await open(page, origin);
  await page.fill('#workday-date', '2026-02-23');
  await waitForText(page, '#workday-result', '春节');
  await page.fill('#workday-date', '2027-03-01');
  await waitForText(page, '#workday-result', '2027');
  expect(await page.locator('#workday-result [role=status], #workday-result .warning').count() > 0,
    'no warning for a year without a schedule');
});

s.test('amount in words: write, check, and reject a bad amount', async ({ page, origin }) => {
  await open(page, origin);
  await page.fill('#words-amount', '16409.02');
  await waitForText(page, '#words-result', '壹万陆仟肆佰零玖元零贰分');
  await page.fill('#words-text', '壹万陆仟肆佰零玖元零贰分');
  await waitForText(page, '#words-check', '✓');
  await page.fill('#words-amount', '12a3.4元');
  await waitForText(page, '#words-result', '12a3.4元');
  expect(await page.locator('#words-result [role=alert]').count() > 0, 'no alert for a bad amount');
});

s.test('VAT: 254,400 at 6%', async ({ page, origin }) => {
  await open(page, origin);
  await page.fill('#vat-amount', '254400');
  await page.fill('#vat-rate', '6%');
  await waitForText(page, '#vat-result', '240,000.00');
  await waitForText(page, '#vat-result', '14,400.00');
  await page.fill('#vat-rate', 'abc');
  await waitForText(page, '#vat-result', 'abc');
});

s.test('language switch to English is remembered across a reload', async ({ page, origin }) => {
  await open(page, origin);
  await page.click('#lang-switch');
  await waitForText(page, '#deadline-result', 'Art. 203');
  expect(await page.getAttribute('html', 'lang') === 'en', 'html lang is not en after the switch');
  await page.reload();
  await page.waitForSelector('[data-ready="1"]');
  await waitForText(page, '#deadline-result', 'National Day');
  await page.screenshot({ path: path.join(shots, 'tools-en-1280x800.png'), fullPage: true });
});

s.test('phone screen 390x844', async ({ page, origin }) => {
  await open(page, origin);
  await waitForText(page, '#vat-result', '924,528.30');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 0, `the page is ${overflow}px wider than the phone screen`);
  await page.screenshot({ path: path.join(shots, 'tools-zh-390x844.png'), fullPage: true });
}, { viewport: { width: 390, height: 844 } });

// --- The app: examples, the acceptance scenarios, screenshots, measurements ---

const examplesDir = path.resolve(here, '../../examples');
const readJson = (name) => JSON.parse(fs.readFileSync(path.join(examplesDir, name), 'utf8'));
const EXAMPLE_IDS = ['004-liyang-operations', '000-cloud-services', '001-oa-maintenance',
  '002-im-platform', '003-insurance-datacentre'];
const contractOf = (id) => readJson(`${id}.contract.json`);
const eventsOf = (id) => readJson(`${id}.events.json`);
const MONEY = /\d{1,3}(,\d{3})*\.\d{2}/;
const WS_KEY = 'lvyue/workspace/v1';

async function openApp(page, origin, hash = '') {
  await page.goto(`${origin}/${hash}`);
  await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
}
async function showTab(page, id) {
  await page.click(`#tab-${id}`);
  await page.waitForSelector(`#tab-${id}[aria-selected="true"]`, { timeout: 5000 });
}
async function waitForTitle(page, title) {
  await waitForText(page, '#contract-title', title, 10000);
}
/** The workspace autosaved in localStorage. */
async function saved(page) {
  const text = await page.evaluate((k) => localStorage.getItem(k), WS_KEY);
  expect(text, 'no workspace saved in localStorage');
  return JSON.parse(text);
}
async function waitForSaved(page, pred, what, timeout = 10000) {
  const started = Date.now();
  for (;;) {
    const ws = await saved(page).catch(() => null);
    if (ws && pred(ws)) return ws;
    if (Date.now() - started > timeout) throw new Error(`the saved workspace never had ${what}`);
    await page.waitForTimeout(50);
  }
}
const activeEvents = (ws) => ws.scenarios[ws.active].events;
async function paste(page, text) {
  if (!(await page.locator('#paste-text').count())) await page.click('#paste-toggle');
  await page.fill('#paste-text', text);
  await page.click('#paste-load');
}
async function loadFiles(page, files, sel = '#file-input') {
  await page.setInputFiles(sel, files.map(({ name, text }) => ({
    name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8'),
  })));
}
/** Text of `sel` once it matches `re`. */
async function waitForMatch(page, sel, re, timeout = 10000) {
  try {
    await page.waitForFunction(([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent ?? ''),
      [sel, re.source, re.flags], { timeout });
  } catch {
    throw new Error(`${sel} never matched ${re}; it shows: "${await page.textContent(sel, { timeout: 100 }).catch(() => '(missing)')}"`);
  }
  return page.textContent(sel);
}
/** Every penalty clause's total on the penalties tab: { clause: text }. */
async function ledger(page) {
  await showTab(page, 'penalties');
  await page.waitForSelector('[data-clause] .clause-total', { timeout: 10000 });
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-clause]')]
    .filter((e) => e.querySelector('.clause-total'))
    .map((e) => [e.dataset.clause, e.querySelector('.clause-total').textContent.trim()])));
}

// 004 with only the ECG major incident (reported 09:00, handled 11:00: 2 h, within 3 h), so
// that the shared cap of 附件2-5.6 cannot interfere: 25% × 196,800 = 49,200.00.
function ecgOnlyEvents() {
  const e = eventsOf('004-liyang-operations');
  e.incidents = e.incidents.filter((i) => i.id === 'SEC-2022-02');
  expect(e.incidents.length === 1 && e.incidents[0].item === 'ecg' && e.incidents[0].level === 'major',
    'the 004 example no longer has the ECG major incident SEC-2022-02');
  return e;
}
// 004's second instalment (490,000, due 2023-08-21) paid on 2023-09-30: 40 days late;
// renewal off so that the term ends on 2023-07-20. 0.1% × 40 × 490,000 = 19,600 penalty plus
// 0.05% × 40 × 490,000 = 9,800 interest = 29,400.00 (under the 49,000 cap).
function lateSecondInstalment() {
  const c = contractOf('004-liyang-operations');
  const term = c.clauses.find((cl) => cl.rule.kind === 'term');
  expect(term && term.rule.renewal, 'the 004 contract has no renewable term any more');
  delete term.rule.renewal;
  const e = eventsOf('004-liyang-operations');
  e.payments = [
    { milestone: 'm1', date: '2022-08-15', amount: '490000' },
    { milestone: 'm2', date: '2023-09-30', amount: '490000' },
  ];
  e.as_of = '2023-10-31';
  return {
    files: [
      // The record first on purpose: the load bar must read the contract before its record.
      { name: '004-late.events.json', text: JSON.stringify(e, null, 2) },
      { name: '004-no-renewal.contract.json', text: JSON.stringify(c, null, 2) },
    ],
  };
}

// -- examples --
async function openEachExample(page, origin, views) {
  await openApp(page, origin);
  for (const id of EXAMPLE_IDS) {
    const c = contractOf(id);
    await page.selectOption('#example-select', id);
    await waitForTitle(page, c.title);
    const ws = await waitForSaved(page, (w) => w.contract?.id === id, `contract ${id}`);
    expect(activeEvents(ws).as_of === eventsOf(id).as_of, `${id}: the saved record is not the example's`);
    expect(await page.inputValue('#example-select') === id, 'the example select does not show the open example');
    expect(await page.locator('#load-failure').count() === 0, `${id}: a load failure is shown`);
    if (!views) continue;
    await showTab(page, 'summary');
    await waitForMatch(page, '#panel', /\d{1,3}(,\d{3})*\.\d{2}|\d{4}-\d{2}-\d{2}/);
    const penalty = c.clauses.find((cl) => cl.rule.kind === 'penalty');
    if (penalty) {
      await showTab(page, 'penalties');
      await waitForMatch(page, `[data-clause="${penalty.id}"] .clause-total`, MONEY);
    } else {
      await showTab(page, 'checklist');
      await page.waitForSelector('[data-status]', { timeout: 10000 });
    }
  }
}
s.test('examples: each opens with its title and its record', ({ page, origin }) => openEachExample(page, origin, false));
s.test('examples: each opens with its title and a report', ({ page, origin }) => openEachExample(page, origin, true));

s.test('a first visit opens 004 on the summary; the hash opens a tab', async ({ page, origin }) => {
  await openApp(page, origin);
  await waitForTitle(page, contractOf('004-liyang-operations').title);
  expect(await page.getAttribute('#tab-summary', 'aria-selected') === 'true', 'summary is not the first tab');
  await showTab(page, 'penalties');
  expect(new URL(page.url()).hash === '#penalties', `the hash is ${new URL(page.url()).hash}`);
  // A new load (not a same-document hash change) reads the tab from the hash.
  await page.goto('about:blank');
  await openApp(page, origin, '#payments');
  expect(await page.getAttribute('#tab-payments', 'aria-selected') === 'true', '#payments did not open the payments tab');
  expect(await page.locator('[role=tab][aria-selected="true"]').count() === 1, 'more than one tab selected');
});

// -- acceptance: 附件2-5.3 --
s.test('acceptance: a pasted record replaces the record and is saved', async ({ page, origin }) => {
  await openApp(page, origin);
  await paste(page, JSON.stringify(ecgOnlyEvents(), null, 2));
  const ws = await waitForSaved(page, (w) => activeEvents(w).incidents.length === 1, 'one incident');
  expect(activeEvents(ws).incidents[0].id === 'SEC-2022-02', 'the wrong incident was kept');
  expect(await page.locator('#load-failure').count() === 0, 'a load failure is shown');
  await waitForTitle(page, contractOf('004-liyang-operations').title);
});

s.test('acceptance: a major incident on the ECG system handled in 2 h costs 49,200.00 (附件2-5.3)', async ({ page, origin }) => {
  await openApp(page, origin, '#penalties');
  const before = await waitForMatch(page, '[data-clause="附件2-5.3"] .clause-total', MONEY);
  await paste(page, JSON.stringify(ecgOnlyEvents(), null, 2));
  await waitForText(page, '[data-clause="附件2-5.3"] .clause-total', '49,200.00');
  expect(!before.includes('49,200.00'), `the whole 004 record already showed ${before}`);
  await waitForText(page, '[data-clause="附件2-5.3"] [data-subject*="SEC-2022-02"] .line-amount', '49,200.00');
});

s.test('acceptance: the incident editor turns the ECG incident into 49,200.00', async ({ page, origin }) => {
  await openApp(page, origin, '#record');
  const ids = eventsOf('004-liyang-operations').incidents.map((i) => i.id).filter((id) => id !== 'SEC-2022-02');
  for (const id of ids) {
    await page.click(`[data-incident="${id}"] [data-action="delete"]`, { timeout: 10000 });
    await page.waitForSelector(`[data-incident="${id}"]`, { state: 'detached', timeout: 5000 });
  }
  const resolved = `[data-incident="SEC-2022-02"] input[name="resolved"]`;
  // Handled in 4 h (late), then in 2 h: the figure must follow the edit.
  await page.fill(resolved, '2022-10-10T13:00');
  await waitForSaved(page, (w) => activeEvents(w).incidents.length === 1
    && activeEvents(w).incidents[0].resolved.startsWith('2022-10-10T13:00'), 'the 13:00 edit');
  await showTab(page, 'penalties');
  const late = await waitForMatch(page, '[data-clause="附件2-5.3"] .clause-total', MONEY);
  expect(!late.includes('49,200.00'), `handled in 4 h still shows ${late}`);
  await showTab(page, 'record');
  await page.fill(resolved, '2022-10-10T11:00');
  await showTab(page, 'penalties');
  await waitForText(page, '[data-clause="附件2-5.3"] .clause-total', '49,200.00');
});

s.test('edits not exported are not replaced without asking', async ({ page, origin }) => {
  await openApp(page, origin, '#record');
  const title004 = contractOf('004-liyang-operations').title;
  // A fresh example has nothing to lose: opening another asks nothing.
  await page.selectOption('#example-select', '000-cloud-services');
  await waitForTitle(page, contractOf('000-cloud-services').title);
  await page.selectOption('#example-select', '004-liyang-operations');
  await waitForTitle(page, title004);
  // An edit makes the work unexported: declining keeps it, accepting replaces it.
  await showTab(page, 'record');
  await page.fill('#as-of', '2023-07-01');
  await waitForSaved(page, (w) => w.unexported === true && activeEvents(w).as_of === '2023-07-01', 'the edit');
  let asked = 0;
  page.once('dialog', (d) => { asked++; d.dismiss(); });
  await page.selectOption('#example-select', '000-cloud-services');
  await page.waitForTimeout(300);
  expect(asked === 1, `asked ${asked} times before replacing edited work`);
  await waitForTitle(page, title004);
  page.once('dialog', (d) => { asked++; d.accept(); });
  await page.selectOption('#example-select', '000-cloud-services');
  await waitForTitle(page, contractOf('000-cloud-services').title);
  expect(asked === 2, 'the second attempt did not ask');
  // After an export nothing is unexported: no question.
  await page.selectOption('#example-select', '004-liyang-operations');
  await waitForTitle(page, title004);
  await showTab(page, 'record');
  await page.fill('#as-of', '2023-07-02');
  await waitForSaved(page, (w) => w.unexported === true, 'the second edit');
  const download = page.waitForEvent('download');
  await page.click('#export-button');
  await download;
  await waitForSaved(page, (w) => w.unexported !== true, 'the export');
  await page.selectOption('#example-select', '000-cloud-services');
  await waitForTitle(page, contractOf('000-cloud-services').title);
  expect(asked === 2, 'asked after an export');
});

// -- acceptance: 7.3, 40 days late --
s.test('acceptance: contract and record files load together and survive a reload', async ({ page, origin }) => {
  await openApp(page, origin);
  const { files } = lateSecondInstalment();
  await loadFiles(page, files);
  const check = async () => {
    const ws = await waitForSaved(page, (w) => activeEvents(w).as_of === '2023-10-31', 'the late-payment record');
    const term = ws.contract.clauses.find((cl) => cl.rule.kind === 'term');
    expect(!term.rule.renewal, 'the saved contract still renews');
    expect(activeEvents(ws).payments.some((p) => p.milestone === 'm2' && p.date === '2023-09-30'), 'm2 payment not saved');
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    expect(await page.locator('#load-failure').count() === 0, 'a load failure is shown');
  };
  await check();
  await page.reload();
  await page.waitForSelector('[data-ready="1"]');
  await check();
});

s.test('acceptance: the second instalment 40 days late: 29,400.00, restored after a reload, in English too', async ({ page, origin }) => {
  await openApp(page, origin, '#payments');
  const sel = 'tr[data-milestone="m2"] .penalty-interest';
  await page.waitForSelector('tr[data-milestone="m2"]', { timeout: 10000 });
  const before = (await page.textContent('tr[data-milestone="m2"]')) ?? '';
  expect(!before.includes('29,400.00'), `m2 already shows 29,400.00 in the 004 record: ${before}`);
  await loadFiles(page, lateSecondInstalment().files);
  await waitForText(page, sel, '29,400.00', 10000);
  await showTab(page, 'penalties');
  await waitForText(page, '[data-clause="7.3"] .clause-total', '29,400.00');
  await page.reload();
  await page.waitForSelector('[data-ready="1"]');
  expect(await page.getAttribute('#tab-penalties', 'aria-selected') === 'true', 'the tab was not restored');
  await waitForText(page, '[data-clause="7.3"] .clause-total', '29,400.00');
  await showTab(page, 'payments');
  await waitForText(page, sel, '29,400.00');
  await page.click('#lang-switch');
  await waitForText(page, '#tab-payments', 'Payments');
  await waitForText(page, sel, '29,400.00');
  // The milestone's label comes from the contract in the chosen language.
  await waitForText(page, 'tr[data-milestone="m2"]', 'Instalment 2');
});

s.test('language: the switch turns the frame English and back', async ({ page, origin }) => {
  await openApp(page, origin);
  await waitForText(page, '#tab-penalties', '违约金');
  await page.click('#lang-switch');
  await waitForText(page, '#tab-penalties', 'Penalties');
  await waitForText(page, '#tab-record', 'Record');
  expect(await page.getAttribute('html', 'lang') === 'en', 'html lang is not en');
  expect(/contract calculator/.test(await page.title()), `title: ${await page.title()}`);
  expect((await page.textContent('#export-button')).includes('Export'), 'the load bar is still Chinese');
  const ws = await waitForSaved(page, (w) => w.lang === 'en', 'lang en');
  expect(ws.contract?.id === '004-liyang-operations', 'the language switch lost the contract');
  await page.click('#lang-switch');
  await waitForText(page, '#tab-penalties', '违约金');
});

// -- acceptance: export, clear, import --
async function exportClearImport(page, origin, views) {
  await openApp(page, origin);
  await loadFiles(page, lateSecondInstalment().files);
  await waitForSaved(page, (w) => activeEvents(w).as_of === '2023-10-31', 'the late-payment record');
  const before = views ? await ledger(page) : null;
  if (views) expect(before['7.3'] === '29,400.00' || before['7.3']?.includes('29,400.00'), `7.3 before export: ${before['7.3']}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-button')]);
  expect(download.suggestedFilename() === 'lvyue-workspace.json', `download named ${download.suggestedFilename()}`);
  const file = path.join(shots, 'lvyue-workspace.json');
  await download.saveAs(file);
  const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(exported.format === 'lvyue-workspace/1', `exported format ${exported.format}`);
  expect(activeEvents(exported).as_of === '2023-10-31', 'the export is not the current work');
  const savedBefore = await saved(page);

  // Declining the dialog keeps the work; accepting it clears.
  page.once('dialog', (d) => d.dismiss());
  await page.click('#clear-button');
  await page.waitForTimeout(100);
  await waitForTitle(page, contractOf('004-liyang-operations').title);
  page.once('dialog', (d) => { expect(d.type() === 'confirm', `a ${d.type()} dialog`); d.accept(); });
  await page.click('#clear-button');
  await waitForText(page, '#contract-title', '未载入合同');
  await waitForSaved(page, (w) => !w.contract, 'no contract after clearing');
  if (views) {
    await showTab(page, 'penalties');
    expect(await page.locator('[data-clause]').count() === 0, 'the ledger survived clearing');
  }

  await page.setInputFiles('#import-input', file);
  await waitForTitle(page, contractOf('004-liyang-operations').title);
  await waitForText(page, '#notice', 'lvyue-workspace.json');
  const savedAfter = await waitForSaved(page, (w) => !!w.contract, 'the imported contract');
  expect(JSON.stringify(savedAfter) === JSON.stringify(savedBefore), 'the imported workspace differs from the exported one');
  if (views) {
    const after = await ledger(page);
    expect(JSON.stringify(after) === JSON.stringify(before),
      `the ledger changed:\n before ${JSON.stringify(before)}\n after  ${JSON.stringify(after)}`);
  }
}
s.test('acceptance: export, clear and import give the same workspace', ({ page, origin }) => exportClearImport(page, origin, false));
s.test('acceptance: export, clear and import give the same penalty ledger', ({ page, origin }) => exportClearImport(page, origin, true));

// -- acceptance: broken files --
async function brokenFiles(page, origin, views) {
  await openApp(page, origin);
  await loadFiles(page, lateSecondInstalment().files);
  const savedBefore = JSON.stringify(await waitForSaved(page, (w) => activeEvents(w).as_of === '2023-10-31', 'the late-payment record'));
  const before = views ? await ledger(page) : null;
  const title = contractOf('004-liyang-operations').title;

  // Invalid JSON: the value on line 3 is not JSON.
  await paste(page, '{\n  "format": "lvyue-contract/2",\n  "id": oops\n}\n');
  await page.waitForSelector('#load-failure[role=alert]', { timeout: 5000 });
  // The place in words (issue 13): 第 3 行第 9 列.
  await waitForMatch(page, '#load-failure', /第 3 行第 \d+ 列/);
  await waitForTitle(page, title);

  // A contract with an unknown field: the panel names it with its line and column.
  await page.click('#load-failure button');
  await page.waitForSelector('#load-failure', { state: 'detached', timeout: 5000 });
  const c = contractOf('004-liyang-operations');
  const bad = JSON.stringify({ ...c, colour: 'red' }, null, 2);
  const line = bad.split('\n').findIndex((l) => l.includes('"colour"')) + 1;
  await loadFiles(page, [{ name: 'bad.contract.json', text: bad }]);
  await waitForText(page, '#load-failure', 'bad.contract.json');
  await waitForText(page, '#load-failure', 'colour');
  await waitForMatch(page, '#load-failure', new RegExp(`第 ${line} 行第 \\d+ 列`));
  await waitForTitle(page, title);
  expect(JSON.stringify(await saved(page)) === savedBefore, 'a failed load changed the saved work');
  if (views) {
    const after = await ledger(page);
    expect(JSON.stringify(after) === JSON.stringify(before), `the figures changed: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    expect(after['7.3']?.includes('29,400.00'), `7.3 shows ${after['7.3']}`);
    expect(await page.locator('#load-failure').count() === 1, 'the failure panel went away on the tab switch');
  }
}
s.test('acceptance: a broken file shows its line and column and keeps the work', ({ page, origin }) => brokenFiles(page, origin, false));
s.test('acceptance: a broken file leaves the figures as they were', ({ page, origin }) => brokenFiles(page, origin, true));

// -- screenshots --
for (const [w, h] of [[1280, 800], [390, 844]]) {
  s.test(`screenshots ${w}x${h}: summary, penalties, record, charts`, async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    for (const tab of ['summary', 'penalties', 'record', 'charts']) {
      await showTab(page, tab);
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(shots, `${tab}-zh-${w}x${h}.png`), fullPage: true });
    }
  }, { viewport: { width: w, height: h } });
}

// -- measurements (printed, not asserted) --
const median = (xs) => { const a = [...xs].sort((x, y) => x - y); return a[Math.floor((a.length - 1) / 2)]; };
const p95 = (xs) => { const a = [...xs].sort((x, y) => x - y); return a[Math.min(a.length - 1, Math.ceil(a.length * 0.95) - 1)]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;

// What counts as the page is scripts/size.mjs's `measure` (the budget's own definition).
s.test('measure: release size of wasm, js and css', async () => {
  const { measure } = await import('../../scripts/size.mjs');
  const m = measure(dist);
  expect(m.raw > 0, 'no wasm, js or css in dist');
  console.log(`measure: release files = ${m.files.map((f) => `${f.name} ${kb(f.raw)} (${kb(f.gzip)} gz)`).join('; ')}`);
  console.log(`measure: release wasm+js+css raw = ${kb(m.raw)} (${m.raw} B)`);
  console.log(`measure: release wasm+js+css gzip = ${kb(m.gzip)} (${m.gzip} B)`);
  console.log(`measure: release wasm+js+css brotli = ${kb(m.brotli)} (${m.brotli} B)`);
});

// The page's timings (load, edits) are measured in suites/measure.mjs.

/** 004's record with `n` incidents spread over the first year (operation and general levels). */
function manyIncidents(n) {
  const e = eventsOf('004-liyang-operations');
  const items = contractOf('004-liyang-operations').items.map((i) => i.id);
  const fmt = (ms) => new Date(ms).toISOString().slice(0, 19);
  const start = Date.UTC(2022, 7, 5, 8, 0, 0);
  e.incidents = Array.from({ length: n }, (_, k) => {
    const t = start + k * 4 * 3600e3;
    const general = k % 5 === 0;
    return {
      id: `GEN-${String(k).padStart(4, '0')}`,
      item: items[k % items.length],
      kind: general ? 'security' : 'operation',
      level: general ? 'general' : 'operation',
      reported: fmt(t),
      responded: fmt(t + (5 + (k % 50)) * 60e3),
      resolved: fmt(t + (30 + (k % 300)) * 60e3),
    };
  });
  return e;
}
// --- Suites in tests/e2e/suites/*.mjs: each default-exports `register(ctx)` and adds its tests
// with ctx.s.test(name, async ({ page, origin, browser, context, problems }) => …, opts). ---
const ctx = {
  s, expect, textOf, waitForText, open, openApp, showTab, waitForTitle, saved, waitForSaved,
  activeEvents, paste, loadFiles, waitForMatch, ledger, ecgOnlyEvents, lateSecondInstalment,
  contractOf, eventsOf, readJson, EXAMPLE_IDS, MONEY, WS_KEY, median, p95, kb, manyIncidents,
  dist, shots, here, serve, launch, guardedPage,
};
const suitesDir = path.join(here, 'suites');
for (const f of fs.readdirSync(suitesDir).filter((f) => f.endsWith('.mjs')).sort()) {
  (await import(pathToFileURL(path.join(suitesDir, f)).href)).default(ctx);
}

const strayPending = PENDING.filter((n) => !registered.has(n));
if (strayPending.length) { console.error(`PENDING names no test: ${strayPending.join('; ')}`); process.exit(2); }

const server = await serve({ '/__fixtures__/': path.join(here, 'fixtures'), '/': dist });
const browser = await launch();
let result;
try {
  result = await s.run({ browser, origin: server.origin });
} finally {
  await browser.close();
  await server.close();
}
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed === 0 ? 0 : 1);
