// The statement both parties sign, the real situation, exports people sum, shared caps where
// they act (issue 13, items 3, 5, 6, 7) — on the release build in headless Chromium.
//
// The figures asserted are worked out here from the contract's clauses and the record (rates ×
// the contract total, days late × the daily rate), not read from the page or the CLI:
//   7.2  seller, 1% × 980,000 a day, cap 5% × 980,000 = 49,000; service 3 days late = 29,400
//   7.3  buyer, (0.1% + 0.05%) × 490,000 = 735 a day, cap 49,000; m1 40 days late = 29,400,
//        19,600 left = ⌈19,600 / 735⌉ = 27 more days
//   附件2-5.6 shared cap 10% × 980,000 = 98,000 over every 附件2 clause (their lines pass it)
//   worst case: seller 49,000 + 98,000 = 147,000; buyer 49,000; net: the seller pays 98,000.

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';

/** A zip's entries as text (central directory; stored or deflated), with Node alone. */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28), extra = buf.readUInt16LE(p + 30), comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.set(name, (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

/** A worksheet's cells: { ref: { t, s, v, text } }, reading shared strings. */
function cells(xml, strings) {
  const out = {};
  for (const m of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)) {
    const attrs = m[2], body = m[3] ?? '';
    const t = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
    const s = +(/\bs="(\d+)"/.exec(attrs)?.[1] ?? 0);
    const v = /<v>(.*?)<\/v>/s.exec(body)?.[1];
    out[m[1]] = { t, s, v, text: t === 's' ? strings[+v] : v };
  }
  return out;
}

const yuan = (n) => `¥${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const pct = (s) => { const m = /^([\d.]+)%$/.exec(s); if (!m) throw new Error(`not a percent: ${s}`); return +m[1] / 100; };
const perMille = (s) => ({ '1‰': 0.001, '万分之五': 0.0005 })[s] ?? pct(s);
const days = (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 86400000);

export default function register(ctx) {
  const { s, expect, openApp, showTab, waitForText, waitForTitle, contractOf, eventsOf, shots } = ctx;
  const out = path.join(shots, 'statement');
  fs.mkdirSync(out, { recursive: true });
  const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

  // -- the expected figures, from the contract's clauses and the record --
  const c = contractOf('004-liyang-operations');
  const ev = eventsOf('004-liyang-operations');
  const clause = (id) => c.clauses.find((x) => x.id === id);
  const total = +c.total;
  const cap72 = total * pct(clause('7.2').rule.cap.rate);
  const cap73 = total * pct(clause('7.3').rule.cap.rate);
  const shared = total * pct(c.shared_caps[0].cap.rate);
  const m1 = ev.payments.find((p) => p.milestone === 'm1');
  const daily73 = 490000 * (perMille(clause('7.3').rule.formula.rate) + perMille(clause('7.3').rule.interest));
  const late73 = days('2022-08-19', m1.date); // due 30 days after signing (2022-07-20)
  const so73 = daily73 * late73;
  const left73 = cap73 - so73;
  const more73 = Math.ceil(left73 / daily73);
  const so72 = total * pct(clause('7.2').rule.formula.rate) * 3;
  const sellerWorst = cap72 + shared;
  const net = so72 + shared - so73;
  const expected = { cap72, cap73, shared, daily73, late73, so73, left73, more73, sellerWorst, net };
  const want = { cap72: 49000, cap73: 49000, shared: 98000, daily73: 735, late73: 40, so73: 29400, left73: 19600, more73: 27, sellerWorst: 147000, net: 98000 };
  for (const [k, v] of Object.entries(want)) {
    if (Math.abs(expected[k] - v) > 1e-6) throw new Error(`statement suite: ${k} computes to ${expected[k]}, not ${v}`);
  }

  // Words the input files themselves write in Latin letters (record numbers, "APP"…): data.
  const data = JSON.stringify(c) + JSON.stringify(ev);
  const foreign = (text) => [...new Set((text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !data.includes(w)))];
  // Ids: snake_case tokens, `clause@date` instance ids, reading ids, the file and its id.
  const ids = (text) => [
    ...(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []),
    ...(text.match(/\S+@\d{4}-\d{2}-\d{2}/g) ?? []),
    ...['plus-1-point', 'seeds/', '004-liyang-operations', 'penalty.', 'words.'].filter((x) => text.includes(x)),
  ];

  /** Opens the statement from the results toolbar, checks that it asked for the print dialog. */
  async function openStatement(page, origin) {
    await page.addInitScript(() => { window.__prints = 0; window.print = () => { window.__prints += 1; }; });
    await openApp(page, origin);
    await waitForTitle(page, c.title);
    await page.click('#statement-button');
    await page.waitForSelector('#tab-statement[aria-selected="true"]', { timeout: 5000 });
    await page.waitForSelector('#statement .st-signatures', { timeout: 10000 });
    await page.waitForFunction(() => window.__prints === 1, null, { timeout: 5000 });
  }

  async function pdf(page, name) {
    const file = path.join(out, `${name}.pdf`);
    fs.writeFileSync(file, await page.pdf({ format: 'A4' }));
    const info = run('pdfinfo', [file]);
    const pages = +/Pages:\s+(\d+)/.exec(info)[1];
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect(size && Math.abs(+size[1] - 595.28) < 1 && Math.abs(+size[2] - 841.89) < 1, `not A4: ${info}`);
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(out, name)]);
    return { pages, text: run('pdftotext', [file, '-']).replace(/[ \t]+/g, ' ') };
  }

  s.test('statement: 004 in zh prints on at most 4 A4 pages, quotes the clauses, shows the worst cases and the net, no ids and no English', async ({ page, origin }) => {
    await openStatement(page, origin);
    // The heading is not letter-spaced.
    const spacing = await page.$eval('#statement h1', (h) => getComputedStyle(h).letterSpacing);
    expect(spacing === 'normal' || spacing === '0px', `the heading is letter-spaced: ${spacing}`);
    await page.screenshot({ path: path.join(shots, 'statement-zh-1280x800.png') });
    const { pages, text } = await pdf(page, 'statement-004-zh');
    expect(pages <= 4, `004's statement is ${pages} pages, not 3–4`);
    const flat = text.replace(/\s+/g, '');
    // Quoted clause wording beside the figures (pdftotext wraps lines: compare without spaces).
    for (const id of ['7.2', '7.3']) {
      const q = clause(id).text.replace(/\s+/g, '').slice(0, 30);
      expect(flat.includes(q), `the PDF does not quote ${id}: ${q}`);
    }
    expect(flat.includes('计算说明书'), 'the heading is not one word');
    for (const needle of [
      `乙方最多应付（各上限合计）${yuan(sellerWorst)}`, `甲方最多应付（各上限合计）${yuan(cap73)}`,
      `相抵后乙方净付甲方${yuan(net)}`, `尚余${yuan(left73)}`, `逾期${more73}日`, '假设',
      `7.3上限${yuan(cap73)}`, `共同上限附件2-5.6${yuan(shared)}`,
    ]) {
      expect(flat.includes(needle.replace(/\s+/g, '')), `the PDF lacks "${needle}"`);
    }
    // Missed duties once, in a table (the inspection duty 附件2-1.2-5 in one row).
    expect(await page.locator('#statement [data-duty="附件2-1.2-5"]').count() === 1, 'the monthly inspection duty is not one row');
    expect(flat.includes('附件2-1.2-5云计算平台'), 'the duties table lacks 附件2-1.2-5');
    // (From the service start, 2022-08-01: July is not missed.)
    expect(flat.includes('2022-10-31、2023-01-31') && !flat.includes('2022-07-31'), 'the missed months are not listed in one cell');
    // The document checks are left out by default.
    expect(!flat.includes('合同文本检查'), 'the document checks are in the default statement');
    const idsFound = ids(text);
    expect(idsFound.length === 0, `ids in the zh PDF: ${idsFound.join(', ')}`);
    const words = foreign(text);
    expect(words.length === 0, `English in the zh PDF: ${words.join(', ')}`);
    // The option adds the checks.
    await page.check('#statement-checks');
    await page.waitForSelector('#statement [data-section="findings"]', { timeout: 5000 });
  }, { viewport: { width: 1280, height: 800 } });

  s.test('statement: 004 in English has the English title, quoted clauses and no ids, on at most 4 pages', async ({ page, origin }) => {
    await openStatement(page, origin);
    await page.click('.lang-switch');
    await waitForText(page, '#statement h1', 'Calculation statement');
    await page.screenshot({ path: path.join(shots, 'statement-en-1280x800.png') });
    const { pages, text } = await pdf(page, 'statement-004-en');
    expect(pages <= 4, `the English statement of 004 is ${pages} pages`);
    const flat = text.replace(/\s+/g, '');
    expect(!flat.includes(c.title.replace(/\s+/g, '')), 'the Chinese title is in the English statement');
    expect(flat.includes(c.title_en.replace(/\s+/g, '')), 'no English title');
    expect(flat.includes(clause('7.3').text.replace(/\s+/g, '').slice(0, 30)), 'the English PDF does not quote 7.3');
    for (const needle of [`Most the seller can owe (caps together) ${yuan(sellerWorst)}`, `Net: the seller pays the buyer ${yuan(net)}`,
      `${yuan(left73)} left`, `after ${more73} days late`, 'What-if', 'Handled: 2 hours against 3 hours (met)']) {
      expect(flat.includes(needle.replace(/\s+/g, '')), `the English PDF lacks "${needle}"`);
    }
    // The tool's own labels are English: none of its Chinese labels appear.
    for (const zh of ['计算说明书', '甲方最多应付', '签字', '条款原文', '合计']) {
      expect(!flat.includes(zh), `the English PDF says "${zh}"`);
    }
    const idsFound = ids(text);
    expect(idsFound.length === 0, `ids in the English PDF: ${idsFound.join(', ')}`);
  }, { viewport: { width: 1280, height: 800 } });

  s.test('summary: the worst case of each side, the net position and the room left under 7.3 with the day it is reached', async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, c.title);
    await showTab(page, 'summary');
    await waitForText(page, '#summary-worst-seller', yuan(sellerWorst));
    await waitForText(page, '#summary-worst-buyer', yuan(cap73));
    await waitForText(page, '#summary-net', yuan(net));
    await waitForText(page, '#summary-net', '乙方净付甲方');
    const room = (await page.textContent('.cap-room[data-clause="7.3"]')) ?? '';
    for (const needle of [`尚余 ${yuan(left73)}`, `逾期 ${more73} 日`, '假设', '2023-09-17']) {
      expect(room.includes(needle), `the 7.3 room lacks "${needle}": ${room}`);
    }
    await page.screenshot({ path: path.join(shots, 'summary-position-zh-1280x800.png'), fullPage: true });
    await page.click('.lang-switch');
    await waitForText(page, '#summary-net', 'the seller owes the buyer');
    await waitForText(page, '.cap-room[data-clause="7.3"]', `${yuan(left73)} left`);
    await page.screenshot({ path: path.join(shots, 'summary-position-en-1280x800.png'), fullPage: true });
    // The exposure curve of 7.3: a what-if, with the actual day of m1 marked.
    await showTab(page, 'charts');
    await waitForText(page, '[data-exposure="7.3"] figcaption', 'What-if');
    await waitForText(page, '[data-exposure="7.3"] .actual', `actual: ${late73} days late, ${yuan(so73)}`);
  }, { viewport: { width: 1280, height: 800 } });

  s.test('shared caps: a card in the contract tab, its clauses not "无上限", the ledger naming it and the timer outcome', async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, c.title);
    await showTab(page, 'contract');
    const card = '[data-shared-cap-card="附件2-5.6"]';
    await waitForText(page, card, '10%');
    await waitForText(page, card, `上限 ${yuan(shared)}`);
    await waitForText(page, card, '附件2-5.4.4(1)');
    const under = (await page.textContent('[data-clause-card="附件2-5.3"] .rule-summary')) ?? '';
    expect(!under.includes('无上限') && under.includes('共同上限 附件2-5.6'), `附件2-5.3's card: ${under}`);
    await page.locator(card).screenshot({ path: path.join(shots, 'shared-cap-card-zh.png') });
    await showTab(page, 'penalties');
    const line = '[data-clause="附件2-5.3"] [data-subject="SEC-2022-02"]';
    // 25% × 196,800 = 49,200 before the cap; 98,000 − 78,864 (SEC-2022-01) − 300 (5.5.2 lines before it) = 18,836.
    await waitForText(page, `${line} .line-cut`, '附件2-5.6');
    await waitForText(page, `${line} .line-cut`, '¥49,200.00 → ¥18,836.00');
    await waitForText(page, `${line} .line-timer`, '用时 2 小时，时限 3 小时（达标）');
    await page.click('.lang-switch');
    await waitForText(page, `${line} .line-timer`, 'Handled: 2 hours against 3 hours (met)');
  });

  s.test('exports: the XLSX reads back typed — numbers, date cells, autofilters, cap columns, no subtotal among the lines; the CSV in zh', async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, c.title);
    const [d] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const file = path.join(out, d.suggestedFilename());
    await d.saveAs(file);
    const z = unzip(fs.readFileSync(file));
    const strings = [...(z.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>(.*?)<\/si>/gs)]
      .map((m) => [...m[1].matchAll(/<t[^>]*>(.*?)<\/t>/gs)].map((t) => t[1]).join(''));
    const wb = z.get('xl/workbook.xml');
    const names = [...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
    expect(names.join(',') === '概览,违约金,付款,服务时限,义务清单,权利与敞口,文本检查,条款合计', `sheets: ${names}`);
    // Styles: which cell formats are dates.
    const styles = z.get('xl/styles.xml');
    const fmts = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]+)"/g)].map((m) => [m[1], m[2]]));
    const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? '').matchAll(/<xf ([^>]*?)\/?>/g)]
      .map((m) => fmts[/numFmtId="(\d+)"/.exec(m[1])?.[1]] ?? '');
    const pen = cells(z.get('xl/worksheets/sheet2.xml'), strings);
    const headers = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'].map((col) => pen[`${col}1`]?.text);
    expect(headers[4] === '日期' && headers[5] === '金额' && headers[7] === '封顶前' && headers[9] === '本条上限' && headers[10]?.startsWith('共同上限'),
      `penalty headers: ${headers}`);
    expect(/<autoFilter ref="A1:K\d+"/.test(z.get('xl/worksheets/sheet2.xml')), 'no autofilter on the penalties sheet');
    const rows = Object.keys(pen).filter((r) => /^A\d+$/.test(r)).map((r) => +r.slice(1)).filter((n) => n > 1);
    // One row per penalty line of the record: 7.2, 7.3, four incidents under 5.3, seven requirement
    // lines under 5.4.4, six on-site lines under 5.5.2 — and nothing else.
    expect(rows.length === 19, `penalty rows: ${rows.length}`);
    let sum = 0;
    for (const r of rows) {
      const date = pen[`E${r}`], amount = pen[`F${r}`];
      expect(date && date.t === 'n' && /^\d+$/.test(date.v) && xfs[date.s] === 'yyyy-mm-dd', `E${r} is not a date cell: ${JSON.stringify(date)}`);
      expect(amount && amount.t === 'n', `F${r} is not a number: ${JSON.stringify(amount)}`);
      expect(!['条款合计', '合计', 'Clause total'].includes(pen[`D${r}`]?.text), `a subtotal row at ${r}`);
      sum += +amount.v;
    }
    // The amount column sums to both sides' totals: 7.2 + 附件2 under its shared cap + 7.3.
    expect(Math.abs(sum - (so72 + shared + so73)) < 0.005, `the amount column sums to ${sum}, not ${so72 + shared + so73}`);
    // 7.3's line: its own cap as a number; the SEC-2022-02 line names the shared cap that cut it.
    const r73 = rows.find((r) => pen[`A${r}`]?.text === '7.3');
    expect(+pen[`J${r73}`]?.v === cap73 && pen[`D${r73}`]?.text === '第一期（50%）', `7.3's row: ${JSON.stringify([pen[`D${r73}`], pen[`J${r73}`]])}`);
    const rSec = rows.find((r) => pen[`D${r}`]?.text === 'SEC-2022-02');
    expect(pen[`K${rSec}`]?.text === '附件2-5.6' && +pen[`H${rSec}`]?.v === 49200, 'SEC-2022-02 lacks its shared cap or its before-cap amount');
    // Clause totals on their own sheet, the grand totals below a blank row.
    const tot = cells(z.get('xl/worksheets/sheet8.xml'), strings);
    const last = Math.max(...Object.keys(tot).map((r) => +r.replace(/^[A-Z]+/, '')));
    expect(tot[`A${last}`]?.text === '合计' && !tot[`A${last - 2}`] && tot[`A${last - 3}`], 'the totals are not below a blank row');
    // Payments: due dates as date cells.
    const pay = cells(z.get('xl/worksheets/sheet3.xml'), strings);
    expect(xfs[pay.E2?.s] === 'yyyy-mm-dd' && pay.E2.t === 'n', `the payment due date is not a date cell: ${JSON.stringify(pay.E2)}`);

    // CSV in zh: zh column names and zh section names.
    const [dc] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csvFile = path.join(out, dc.suggestedFilename());
    await dc.saveAs(csvFile);
    const lines = fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    expect(lines[0] === '类别,条款,对象,日期,金额,状态,一方,说明', `CSV header: ${lines[0]}`);
    const sections = new Set(lines.slice(1).map((l) => l.split(',')[0]));
    for (const sec of sections) expect(['违约金', '权利', '风险敞口', '付款', '服务时限', '义务'].includes(sec), `CSV section "${sec}" is not zh`);
  });
}
