// End-to-end tests of the built site (`trunk build --release` → dist/) in headless Chromium.
//
//   node tests/e2e/run.mjs dist
//
// Every page is guarded (harness.mjs): a console error, an uncaught exception or a request that
// leaves the origin fails the test. Screenshots go to target/e2e/; look at them.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, suite } from './harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(process.argv[2] ?? 'dist');
const shots = path.resolve(here, '../../target/e2e');
fs.mkdirSync(shots, { recursive: true });
if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`no built site at ${dist}: run \`trunk build --release\` first`);
  process.exit(2);
}

const s = suite();
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
    throw new Error(`${sel} never contained "${needle}"; it shows: "${await page.textContent(sel).catch(() => '(missing)')}"`);
  }
}
async function open(page, origin, query = '') {
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
