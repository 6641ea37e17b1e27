// Labels, not ids (issue 13, items 1, 8, 10, 11): every tab's visible text and the statement of
// every built-in example, in Chinese and in English, scanned for the contract's internal ids;
// the page before and without WebAssembly; the tabs' arrow keys; English ordinals and plurals.
//
// The scan: the ids are read from the contract's own JSON (every `id` of a declaration — line,
// level, reading, item, deadline, moment, fact, kind, option, milestone, timer — and the names
// the rules refer to), plus the formats' own moments (`signing`, `term_end`…). An id counts
// when it appears as a whole token (no letter, digit, `_`, `-` or `.` beside it) and is not
// also words of the contract's own labels or text. Clause numbers (`7.2`, `附件2-5.3`, `(1)`) and
// ids without a lower-case letter (`L1`, `II`) are the contract's numbering, not ids; in English,
// an id that is a plain English word (`major`, `report`) is not told from the word. Besides the
// declared ids, any snake_case token (`term_end`), any `clause@date` occurrence id, and any
// finding code (`penalty.high-annual-rate`) fails.

import fs from 'node:fs';
import path from 'node:path';

const ID_KEYS = new Set(['id', 'reading', 'level', 'levels', 'event', 'milestone', 'milestones',
  'fact', 'moment', 'kind', 'item', 'deadline', 'done', 'timer', 'excuse', 'choice', 'option',
  'balance', 'obligation']);
const LABEL_KEYS = new Set(['label', 'title', 'name', 'title_en', 'description', 'text', 'unit', 'source']);
const BUILT_IN = ['signing', 'effective', 'term_start', 'term_end', 'non_renewal_notice',
  'force_majeure', 'buyer_fault', 'seller_fault', 'fiscal_delay'];
// English words that the English text uses as words and some contract uses as an id.
const EN_WORDS = new Set(['on-site', 'one-off', 'go-live']);

/** The contract's ids and the text of its labels. */
export function idsOf(contract) {
  const ids = new Set(BUILT_IN);
  const labels = [];
  const walk = (v) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (LABEL_KEYS.has(k)) { labels.push(typeof x === 'string' ? x : JSON.stringify(x)); continue; }
      if (ID_KEYS.has(k) && typeof x === 'string') ids.add(x);
      if (ID_KEYS.has(k) && Array.isArray(x)) x.filter((s) => typeof s === 'string').forEach((s) => ids.add(s));
      walk(x);
    }
  };
  walk(contract);
  ids.delete(contract.id);
  return { ids: [...ids], labels: labels.join('\n') };
}

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const token = (id, flags = '') =>
  new RegExp(`(?<![A-Za-z0-9_.\\-])${esc(id)}(?![A-Za-z0-9_\\-]|\\.[A-Za-z0-9])`, flags);

/** The ids `text` shows, each with a little of its context. */
export function idsIn(text, contract, lang) {
  const { ids, labels } = idsOf(contract);
  const bad = new Map();
  const note = (id, at) => {
    if (!bad.has(id)) bad.set(id, text.slice(Math.max(0, at - 30), at + id.length + 30).replace(/\s+/g, ' '));
  };
  for (const id of ids) {
    if (!/[a-z]/.test(id)) continue; // numbering: 7.2, 附件2-5.3, L1, II
    if (/^[a-z]+$/.test(id) && lang === 'en') continue; // a plain English word
    if (lang === 'en' && EN_WORDS.has(id)) continue;
    if (token(id).test(labels)) continue; // the contract's own words
    const m = token(id, 'g').exec(text);
    if (m) note(id, m.index);
  }
  for (const m of text.matchAll(/(?<![A-Za-z0-9_.\-/])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![A-Za-z0-9_])/g)) {
    if (!token(m[0]).test(labels)) note(m[0], m.index);
  }
  for (const m of text.matchAll(/[^\s（(]+@\d{4}-\d{2}-\d{2}/g)) note(m[0], m.index);
  for (const m of text.matchAll(/(?<![A-Za-z0-9_.\-])(?:penalty|payment|sla|record|format|json|words|sum|term|obligation|sme|tax|cap|span|levels|clause|right|document|eval|draft)\.[a-z][a-z0-9]*(?:-[a-z0-9]+)+/g)) {
    note(m[0], m.index);
  }
  return [...bad].map(([id, at]) => `${id} in "…${at}…"`);
}

export default function register(ctx) {
  const { s, expect, openApp, showTab, waitForTitle, waitForText, contractOf, EXAMPLE_IDS, shots } = ctx;
  const out = path.join(shots, 'labels');
  fs.mkdirSync(out, { recursive: true });

  const TABS = ['summary', 'contract', 'record', 'penalties', 'payments', 'sla', 'checklist',
    'findings', 'charts', 'scenarios', 'statement'];

  /** The visible text of the panel (details opened, so that every step is read). */
  async function panelText(page) {
    return page.evaluate(() => {
      for (const d of document.querySelectorAll('#panel details')) d.open = true;
      // Options of selects are what a reader sees in the picker.
      const opts = [...document.querySelectorAll('#panel option')].map((o) => o.textContent).join('\n');
      // SVG <title>s are the charts' tooltips.
      const titles = [...document.querySelectorAll('#panel svg title')].map((t) => t.textContent).join('\n');
      return `${document.querySelector('#panel')?.innerText ?? ''}\n${opts}\n${titles}`;
    });
  }
  async function setLang(page, lang) {
    const now = (await page.getAttribute('html', 'lang')) ?? '';
    if (now.startsWith(lang === 'en' ? 'en' : 'zh')) return;
    await page.click('#lang-switch');
    await page.waitForFunction((l) => (document.documentElement.lang ?? '').startsWith(l), lang === 'en' ? 'en' : 'zh');
  }

  for (const lang of ['zh', 'en']) {
    s.test(`labels: no internal id on any tab or in the statement of the five examples (${lang})`, async ({ page, origin }) => {
      await openApp(page, origin);
      await setLang(page, lang);
      const found = [];
      let scanned = 0;
      for (const id of EXAMPLE_IDS) {
        const c = contractOf(id);
        await page.selectOption('#example-select', id);
        await waitForTitle(page, c.title);
        for (const tab of TABS) {
          await showTab(page, tab);
          await page.waitForTimeout(tab === 'statement' || tab === 'charts' ? 150 : 40);
          const text = await panelText(page);
          scanned += text.length;
          for (const bad of idsIn(text, c, lang)) found.push(`${id} ${tab}: ${bad}`);
        }
        // The header and the load bar too (the example picker, the scenario name).
        const head = await page.evaluate(() => `${document.querySelector('header.top')?.innerText ?? ''}\n${document.querySelector('.load-bar')?.innerText ?? ''}`);
        for (const bad of idsIn(head, c, lang)) found.push(`${id} header: ${bad}`);
      }
      expect(scanned > 100000, `only ${scanned} characters scanned`);
      expect(found.length === 0, `${found.length} internal ids shown:\n${found.join('\n')}`);
    }, { timeout: 240000 });
  }

  s.test('labels: the id scan tells an id from a label', async () => {
    const c = contractOf('004-liyang-operations');
    expect(idsIn('附件2-5.5.2(1)@2022-09-14 ¥100.00', c, 'zh').length === 1, 'an occurrence id was not found');
    expect(idsIn('especially_major 30%', c, 'en').length === 1, 'a level id was not found');
    expect(idsIn('采用 plus-1-point', c, 'zh').length === 1, 'a reading id was not found');
    expect(idsIn('[警告] penalty.high-annual-rate: 年化', c, 'zh').length === 1, 'a finding code was not found');
    expect(idsIn('term_end 后 30 日', c, 'zh').length === 1, 'a moment id was not found');
    expect(idsIn('m1 (2022-09-28)', c, 'en').length === 1, 'a milestone id was not found');
    expect(idsIn('第 附件2-5.3 条：特别重大安全事件 Major incident; Incident penalties', c, 'en').length === 0,
      'a clause number or a label was taken for an id');
  });

  // --- Before the wasm runs ---
  s.test('boot: the page shows a loading state before the app mounts, and none after', async ({ page, origin }) => {
    // Hold the wasm back: the static HTML must already say that it is loading.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
    await page.goto(`${origin}/`);
    await page.waitForSelector('#boot-loading', { state: 'visible', timeout: 5000 });
    const text = await page.textContent('#boot-loading');
    expect(text.includes('正在载入') && text.includes('Loading'), `the loading state says "${text}"`);
    await page.screenshot({ path: path.join(out, 'boot-loading-1280x800.png') });
    release();
    await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    await page.waitForSelector('#boot', { state: 'detached', timeout: 5000 });
  });

  s.test('boot: without WebAssembly the page says so in Chinese and English, not a blank page', async ({ page, origin }) => {
    await page.addInitScript(() => { delete globalThis.WebAssembly; });
    await page.goto(`${origin}/`);
    await page.waitForSelector('#boot-failed', { state: 'visible', timeout: 5000 });
    const text = await page.textContent('#boot-failed');
    for (const needle of ['WebAssembly', '浏览器', 'This browser cannot run lvyue']) {
      expect(text.includes(needle), `the message lacks "${needle}": ${text}`);
    }
    expect(await page.getAttribute('#boot', 'role') === 'alert', 'the message is not an alert');
    expect(await page.locator('[data-ready]').count() === 0, 'the app mounted without WebAssembly');
    expect(!(await page.isVisible('#boot-loading')), 'the loading state is still shown');
    await page.screenshot({ path: path.join(out, 'boot-no-wasm-1280x800.png') });
  }, { expectProblems: [/WebAssembly/] });

  s.test('boot: a wasm that fails to load gives the message too', async ({ page, origin }) => {
    await page.route(/\.wasm$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
    await page.goto(`${origin}/`);
    await page.waitForSelector('#boot-failed', { state: 'visible', timeout: 10000 });
    expect(await page.locator('[data-ready]').count() === 0, 'the app mounted from a broken wasm');
  }, { expectProblems: [/./] });

  // --- Tabs: the ARIA tabs pattern ---
  s.test('tabs: arrow keys, Home and End move the focus and the selection (roving tabindex)', async ({ page, origin }) => {
    await openApp(page, origin, '#summary');
    const selected = () => page.evaluate(() => document.querySelector('[role=tab][aria-selected="true"]')?.id);
    const focused = () => page.evaluate(() => document.activeElement?.id);
    const order = await page.evaluate(() => [...document.querySelectorAll('[role=tab]')].map((t) => t.id));
    expect(order.length >= 10, `only ${order.length} tabs`);
    // Only the selected tab is in the Tab order.
    const stops = await page.evaluate(() => [...document.querySelectorAll('[role=tab]')].map((t) => t.tabIndex));
    expect(stops.filter((t) => t === 0).length === 1 && stops.filter((t) => t === -1).length === order.length - 1,
      `tabindex of the tabs: ${stops}`);
    await page.focus('#tab-summary');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`#${order[1]}[aria-selected="true"]`, { timeout: 3000 });
    expect(await focused() === order[1], `focus is on ${await focused()} after ArrowRight`);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`#${order[2]}[aria-selected="true"]`, { timeout: 3000 });
    expect(await focused() === order[2] && await selected() === order[2], 'the second ArrowRight did not move on');
    expect(await page.getAttribute(`#${order[2]}`, 'tabindex') === '0', 'the new tab is not the Tab stop');
    await page.keyboard.press('ArrowLeft');
    await page.waitForSelector(`#${order[1]}[aria-selected="true"]`, { timeout: 3000 });
    await page.keyboard.press('End');
    await page.waitForSelector(`#${order.at(-1)}[aria-selected="true"]`, { timeout: 3000 });
    expect(await focused() === order.at(-1), 'End did not focus the last tab');
    await page.keyboard.press('ArrowRight'); // wraps
    await page.waitForSelector(`#${order[0]}[aria-selected="true"]`, { timeout: 3000 });
    await page.keyboard.press('Home');
    expect(await selected() === order[0] && await focused() === order[0], 'Home did not stay on the first tab');
    expect(new URL(page.url()).hash === '#summary', `the hash is ${new URL(page.url()).hash}`);
  });

  // --- English: ordinals and plurals ---
  s.test('English: ordinals and plurals in the explanations (1 hour, 2nd occurrence)', async ({ page, origin }) => {
    await openApp(page, origin, '#penalties');
    await setLang(page, 'en');
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    const text = await panelText(page);
    // 附件2-5.3: SEC-2022-01 not handled within 1 hour; SEC-2023-01 the 2nd occurrence.
    expect(text.includes('Not handled within 1 hour ('), 'no "within 1 hour"');
    expect(!/\b1 hours\b|\b1 days\b|\b1 minutes\b|\b1 periods\b/.test(text), `a singular in the plural: ${(/.{40}\b1 (hours|days|minutes|periods)\b.{10}/.exec(text) ?? [''])[0]}`);
    expect(/2nd occurrence: previous/.test(text), 'no "2nd occurrence"');
    expect(/took 1 hour 30 minutes|took 4 hours 30 minutes/.test(text), 'durations are not in words');
    await showTab(page, 'sla');
    const sla = await page.textContent('#panel');
    expect(!/\b1 (hours|minutes|days)\b/.test(sla), 'the SLA table says "1 hours"');
    await page.screenshot({ path: path.join(out, 'penalties-en-1280x800.png'), fullPage: false });
  });

  s.test('English: the header names the contract in English and the scenario as "As recorded"', async ({ page, origin }) => {
    await openApp(page, origin);
    const c = contractOf('004-liyang-operations');
    await waitForTitle(page, c.title);
    expect((await page.textContent('#contract-title')).includes('实际情况'), 'the Chinese scenario name is not shown in Chinese');
    await setLang(page, 'en');
    await waitForText(page, '#contract-title', c.title_en);
    const head = await page.textContent('#contract-title');
    expect(head.includes('As recorded') && !head.includes('实际情况'), `the English header says "${head}"`);
    await showTab(page, 'scenarios');
    const panel = await page.textContent('#panel');
    expect(!panel.includes('实际情况'), 'the scenarios tab shows the Chinese default name in English');
    await page.screenshot({ path: path.join(out, 'scenarios-en-1280x800.png') });
  });

  // --- The smaller findings ---
  s.test('example picker: shows the example that is open', async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    expect(await page.inputValue('#example-select') === '004-liyang-operations', 'the picker does not show 004');
    await page.selectOption('#example-select', '002-im-platform');
    await waitForTitle(page, contractOf('002-im-platform').title);
    expect(await page.inputValue('#example-select') === '002-im-platform', 'the picker does not show 002');
  });

  s.test('a contract without its record says that the record is empty', async ({ page, origin }) => {
    await openApp(page, origin);
    const c = contractOf('000-cloud-services');
    await ctx.loadFiles(page, [{ name: '000.contract.json', text: JSON.stringify(c) }]);
    await waitForTitle(page, c.title);
    await showTab(page, 'summary');
    await waitForText(page, '#record-empty', '履约记录为空');
    await page.selectOption('#example-select', '004-liyang-operations').catch(() => {});
  });

  s.test('a syntax error is said in Chinese with its place in words', async ({ page, origin }) => {
    await openApp(page, origin);
    const text = '{\n  "format": "lvyue-events/2",\n  "as_of": "2023-01-01",\n}\n';
    await ctx.loadFiles(page, [{ name: 'bad.events.json', text }]);
    await waitForText(page, '#load-failure', '第 4 行第 1 列');
    const t = await page.textContent('#load-failure');
    expect(t.includes('多余的逗号'), `the message is "${t}"`);
    expect(!/trailing|comma|line \d/.test(t), `English in the Chinese message: "${t}"`);
  });

  s.test('charts: a capped-to-zero incident is drawn apart from one without a penalty, keys as marks', async ({ page, origin }) => {
    await openApp(page, origin, '#charts');
    await page.waitForSelector('#chart-timeline', { timeout: 10000 });
    // 004: SEC-2023-01 and SEC-2023-02 arose but the shared cap of 附件2-5.6 took them to ¥0.
    const capped = await page.locator('#chart-timeline .tl-incident.is-capped').count();
    const penalised = await page.locator('#chart-timeline .tl-incident.is-penalised').count();
    expect(capped >= 2, `${capped} incidents drawn as capped to nothing`);
    expect(penalised >= 2, `${penalised} incidents drawn with a penalty`);
    const titles = await page.$$eval('#chart-timeline .tl-incident.is-capped title', (t) => t.map((x) => x.textContent));
    expect(titles.every((t) => t.includes('已达上限')), `capped incidents say: ${titles}`);
    // Each legend key is drawn in the classes of its marks.
    for (const cls of ['tl-due', 'tl-paid', 'tl-penalty', 'tl-incident.is-penalised', 'tl-incident.is-capped', 'tl-incident.is-clear']) {
      expect(await page.locator(`.legend .key-svg .${cls}`).count() >= 1, `no legend key drawn as .${cls}`);
    }
    const same = await page.evaluate(() => {
      const stroke = (sel) => { const e = document.querySelector(sel); return e && getComputedStyle(e).stroke; };
      return ['is-penalised', 'is-capped', 'is-clear'].every((k) =>
        stroke(`.legend .tl-incident.${k} line`) === stroke(`#chart-timeline .tl-incident.${k} line`));
    });
    expect(same, 'a legend key is not coloured as its marks');
    await page.screenshot({ path: path.join(out, 'charts-zh-1280x800.png'), fullPage: true });
  });

  for (const lang of ['zh', 'en']) {
    s.test(`labels: screenshots of the penalties, contract and statement tabs (${lang}, 1280x800)`, async ({ page, origin }) => {
      await openApp(page, origin);
      await setLang(page, lang);
      await waitForTitle(page, contractOf('004-liyang-operations').title);
      for (const tab of ['penalties', 'contract', 'sla', 'statement']) {
        await showTab(page, tab);
        await page.waitForTimeout(150);
        await page.screenshot({ path: path.join(out, `${tab}-${lang}-1280x800.png`) });
      }
    });
  }
}
