// Print and export: the calculation statement printed to PDF in headless Chromium and read back
// with poppler's pdftotext/pdfinfo/pdftoppm (Debian's poppler-utils, installed by setup.sh), and
// the three exports downloaded and checked against the CLI and the zip format.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';

/** A zip's entries as text, read with Node alone (central directory, stored or deflated). */
function unzip(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
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

export default function register(ctx) {
  const { s, expect, openApp, showTab, waitForText, waitForTitle, paste, ecgOnlyEvents, contractOf, shots, here } = ctx;
  const root = path.resolve(here, '../..');
  const out = path.join(shots, 'print');
  fs.mkdirSync(out, { recursive: true });
  const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });

  /** Prints the statement tab to A4, saves the PDF and a PNG of `pngPage`; returns the text. */
  async function printStatement(page, name, pngPage = 1) {
    await showTab(page, 'statement');
    await page.waitForSelector('#statement .st-signatures', { timeout: 10000 });
    const pdf = path.join(out, `${name}.pdf`);
    fs.writeFileSync(pdf, await page.pdf({ format: 'A4' }));
    const info = run('pdfinfo', [pdf]);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    expect(size && Math.abs(+size[1] - 595.28) < 1 && Math.abs(+size[2] - 841.89) < 1, `not A4: ${info}`);
    const pages = +/Pages:\s+(\d+)/.exec(info)[1];
    run('pdftoppm', ['-png', '-r', '70', '-f', String(pngPage), '-l', String(pngPage), pdf, path.join(out, name)]);
    run('pdftoppm', ['-png', '-r', '70', '-f', String(pages), '-l', String(pages), pdf, path.join(out, `${name}-last`)]);
    // -layout keeps a row's clause, title and figure on one line.
    return { text: run('pdftotext', ['-layout', pdf, '-']), pages };
  }
  const squash = (t) => t.replace(/[ \t]+/g, ' ');

  // The toolbar's button opens the print dialog (issue 13 item 5); page.pdf prints here instead.
  const noDialog = (page) => page.addInitScript(() => { window.print = () => {}; });

  s.test('print: the statement of 004 with the ECG record prints to A4 with its figures, words and signatures', async ({ page, origin }) => {
    await noDialog(page);
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    await paste(page, JSON.stringify(ecgOnlyEvents(), null, 2));
    await page.click('#statement-button');
    await page.waitForSelector('#tab-statement[aria-selected="true"]', { timeout: 5000 });
    await waitForText(page, '[data-section="penalties"] [data-clause="附件2-5.3"] .st-figure', '49,200.00');
    const { text, pages } = await printStatement(page, 'statement-004-ecg');
    const t = squash(text);
    // (No contract id nor reading id: the statement names things, issue 13 item 5.)
    for (const needle of ['计算说明书', '某市智慧医疗项目运维服务合同',
      '某市卫生健康局（甲方）', '某通信运营商某分公司（乙方）', '计算基准日 2023-07-15',
      '附件2-5.3', '¥49,200.00', '人民币肆万玖仟贰佰元整', '7.2', '¥29,400.00',
      '有歧义条款采用的解读', '处罚比例加1个', '签字：', '盖章：', '日期：']) {
      expect(t.includes(needle), `the PDF lacks "${needle}"`);
    }
    // The clause, its title and its figure on one line of the page.
    expect(/附件2-5\.3 故障处罚措施（乙方）\s+¥49,200\.00/.test(t), 'the 附件2-5.3 row is not clause, title, figure on one line');
    // Both signature blocks: 甲方 and 乙方 each with their signature line.
    expect((t.match(/签字：/g) ?? []).length === 2, 'not two signature lines');
    expect(/甲方：某市卫生健康局/.test(t) && /乙方：某通信运营商某分公司/.test(t), 'the signature blocks do not name the parties');
    // The app's chrome is not printed.
    for (const chrome of ['导出工作区', '示例合同', '打印 / 存为 PDF', '所有计算都在本机浏览器中完成']) {
      expect(!t.includes(chrome), `the PDF shows the page's "${chrome}"`);
    }
    expect(!t.includes('plus-1-point'), 'the PDF shows the reading\'s id');
    // Page numbers in the bottom margin ("1 / N").
    expect(new RegExp(`(^|\\s)1\\s*/\\s*${pages}\\s`).test(t), `no page number "1 / ${pages}"`);
  });

  s.test('print: the statement names the reading chosen for 000 §4.5, in English too', async ({ page, origin }) => {
    await noDialog(page);
    await openApp(page, origin);
    await page.selectOption('#example-select', '000-cloud-services');
    await waitForTitle(page, contractOf('000-cloud-services').title);
    await showTab(page, 'penalties');
    await page.selectOption('select[data-reading-for="4.5"]', 'started');
    await page.click('#statement-button');
    await waitForText(page, '[data-reading="4.5"]', '¥50,000.00');
    const zh = squash((await printStatement(page, 'statement-000-started')).text);
    // The readings table (its cells wrap, so read it as one block): 4.5 under "started" is
    // 50,000.00; under "complete" it would be 40,000.00.
    const start = zh.indexOf('有歧义条款采用的解读');
    expect(start >= 0, 'no readings table');
    const readings = zh.slice(start, start + 400);
    // Readings by their labels, not their ids (issue 13).
    expect(!readings.includes('(started)') && !readings.includes('(complete)'), `reading ids in the table: ${readings}`);
    for (const needle of ['4.5 30天实施完毕', '不满一期按一期计', '¥50,000.00', '仅计满期', '¥40,000.00']) {
      expect(readings.includes(needle), `the readings table lacks "${needle}": ${readings}`);
    }
    expect(zh.includes('人民币伍万元整'), 'the 4.5 total lacks its words');
    await page.click('.lang-switch');
    await waitForText(page, '#statement h1', 'Calculation statement');
    const en = squash((await printStatement(page, 'statement-000-started-en')).text);
    for (const needle of ['Calculation statement', 'Readings chosen for ambiguous clauses', 'As of', 'Signature:', 'Seal:', 'Date:']) {
      expect(en.includes(needle), `the English PDF lacks "${needle}"`);
    }
    const enReadings = en.slice(en.indexOf('Readings chosen for ambiguous clauses'), en.indexOf('Readings chosen for ambiguous clauses') + 400);
    for (const needle of ['4.5 Live in 30 days', 'a started period', '¥50,000.00', 'complete periods only:', '¥40,000.00']) {
      expect(enReadings.includes(needle), `the English readings table lacks "${needle}": ${enReadings}`);
    }
  });

  async function download(page, button) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
    const file = path.join(out, d.suggestedFilename());
    await d.saveAs(file);
    return { name: d.suggestedFilename(), bytes: fs.readFileSync(file), file };
  }

  s.test('export: JSON equals the CLI report, CSV has the BOM, XLSX (its module loaded on the first click) equals the CLI workbook', async ({ page, origin }) => {
    // Every request of the page, to see when the XLSX module (xlsx/) is fetched.
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const xlsxRequests = () => requests.filter((u) => new URL(u).pathname.includes('/xlsx/'));
    await noDialog(page);
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    const events = ecgOnlyEvents();
    await paste(page, JSON.stringify(events, null, 2));
    await page.click('#statement-button');
    await waitForText(page, '[data-section="penalties"] [data-clause="附件2-5.3"] .st-figure', '49,200.00');

    // JSON: the same lvyue-report/1 as `lvyue eval --format json` on the same files.
    const json = await download(page, '#export-json');
    expect(json.name === '004-liyang-operations-2023-07-15.json', `JSON named ${json.name}`);
    const eventsFile = path.join(out, 'ecg.events.json');
    fs.writeFileSync(eventsFile, JSON.stringify(events, null, 2));
    const cli = path.join(root, 'target/debug/lvyue');
    // `make test` builds it in its native step; alone, this suite builds it.
    if (!fs.existsSync(cli)) run('cargo', ['build', '-q', '--bin', 'lvyue'], { cwd: root, stdio: 'inherit' });
    const fromCli = run(cli, ['eval', path.join(root, 'examples/004-liyang-operations.contract.json'),
      '--events', eventsFile, '--format', 'json']);
    expect(json.bytes.toString('utf8') + '\n' === fromCli, 'the page\'s JSON differs from the CLI\'s');
    const report = JSON.parse(json.bytes.toString('utf8'));
    expect(report.format === 'lvyue-report/1', 'not lvyue-report/1');
    expect(report.penalties.find((c) => c.clause === '附件2-5.3').total === '49200.00', '附件2-5.3 is not 49200.00 in the JSON');

    // CSV: UTF-8 with a BOM, the Chinese header, the 附件2-5.3 row.
    const csv = await download(page, '#export-csv');
    expect(csv.name.endsWith('.csv'), `CSV named ${csv.name}`);
    expect(csv.bytes[0] === 0xEF && csv.bytes[1] === 0xBB && csv.bytes[2] === 0xBF, `no BOM: ${csv.bytes.subarray(0, 3).toString('hex')}`);
    const lines = csv.bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0].startsWith('类别,条款,对象,日期,金额'), `CSV header: ${lines[0]}`);
    // The section names are Chinese in a Chinese CSV (issue 13 item 6).
    expect(lines.some((l) => l.startsWith('违约金,附件2-5.3,SEC-2022-02,') && l.includes(',49200.00,')), 'no 附件2-5.3 row with 49200.00');
    const cliCsv = execFileSync(cli, ['eval', path.join(root, 'examples/004-liyang-operations.contract.json'),
      '--events', eventsFile, '--format', 'csv']);
    expect(Buffer.concat([csv.bytes, Buffer.from('\n')]).equals(cliCsv), 'the page\'s CSV differs from the CLI\'s');

    // XLSX: the page's load fetched no part of the XLSX module; the first click fetches it
    // (held back here to see the busy state), then the workbook downloads.
    expect(xlsxRequests().length === 0, `the page fetched the XLSX module before the click: ${xlsxRequests().join(', ')}`);
    let release;
    const gate = new Promise((ok) => { release = ok; });
    await page.route('**/xlsx/lvyue_xlsx_bg.wasm', async (route) => { await gate; await route.fallback(); });
    const downloaded = page.waitForEvent('download');
    await page.click('#export-xlsx');
    await page.waitForSelector('#export-xlsx[disabled][aria-busy="true"]', { timeout: 5000 });
    await waitForText(page, '.export-busy', '正在载入 XLSX 模块');
    release();
    const d = await downloaded;
    const xfile = path.join(out, d.suggestedFilename());
    await d.saveAs(xfile);
    const xlsx = { name: d.suggestedFilename(), bytes: fs.readFileSync(xfile) };
    await page.waitForSelector('#export-xlsx:not([disabled])', { timeout: 5000 });
    const fetched = xlsxRequests().map((u) => new URL(u).pathname.replace(/^.*\/xlsx\//, 'xlsx/'));
    expect(fetched.includes('xlsx/lvyue_xlsx.js') && fetched.includes('xlsx/lvyue_xlsx_bg.wasm'), `the click did not load the module: ${fetched.join(', ')}`);
    // The bytes are the CLI's: the same model, written by the same writer.
    const cliXlsx = path.join(out, 'cli-004-ecg.xlsx');
    run(cli, ['eval', path.join(root, 'examples/004-liyang-operations.contract.json'),
      '--events', eventsFile, '--format', 'xlsx', '--output', cliXlsx]);
    expect(xlsx.bytes.equals(fs.readFileSync(cliXlsx)), 'the page\'s XLSX differs from the CLI\'s');
    // A second export reuses the loaded module.
    const again = await download(page, '#export-xlsx');
    expect(again.bytes.equals(xlsx.bytes), 'the second XLSX differs from the first');
    expect(xlsxRequests().filter((u) => u.endsWith('/xlsx/lvyue_xlsx_bg.wasm')).length === 1, 'the XLSX module was fetched twice');

    // A zip with the workbook and one sheet per section; the figure as a number cell.
    expect(xlsx.name.endsWith('.xlsx') && xlsx.bytes.subarray(0, 2).toString() === 'PK', `XLSX ${xlsx.name} is not a zip`);
    const entries = unzip(xlsx.bytes);
    const zip = {
      names: [...entries.keys()],
      workbook: entries.get('xl/workbook.xml') ?? '',
      penalties: entries.get('xl/worksheets/sheet2.xml') ?? '',
    };
    for (const sheet of ['概览', '违约金', '付款', '服务时限', '义务清单', '权利与敞口', '文本检查', '条款合计']) {
      expect(zip.workbook.includes(`<sheet name="${sheet}"`), `no sheet ${sheet}`);
    }
    expect(zip.names.includes('xl/worksheets/sheet8.xml'), 'not eight sheets');
    expect(zip.penalties.includes('<v>49200</v>'), 'no 49200 number cell on the penalties sheet');
  });

  s.test('export: XLSX uses an already loaded module set on globalThis.__lvyueXlsx, and fetches nothing', async ({ page, origin }) => {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    // What the one-file build does: hand the app the XLSX module it already holds.
    await page.addInitScript(() => {
      globalThis.__lvyueXlsx = {
        write_xlsx(json) {
          globalThis.__lvyueModel = JSON.parse(json);
          return new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
        },
      };
    });
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    const got = await download(page, '#export-xlsx');
    expect(got.bytes.length === 22 && got.bytes.subarray(0, 4).toString('hex') === '504b0506', `not the hook's bytes: ${got.bytes.toString('hex')}`);
    const model = await page.evaluate(() => globalThis.__lvyueModel);
    expect(model.format === 'lvyue-workbook/1' && model.sheets.length === 8, `model: ${JSON.stringify(model).slice(0, 200)}`);
    expect(model.created === '2023-07-15' && model.sheets[1].name === '违约金' && model.sheets[1].frozen_rows === 1, 'the model lacks its date, sheet or frozen row');
    const money = model.sheets[1].rows.flat().find((c) => c.kind === 'number' && c.format === '#,##0.00');
    expect(money && /^-?\d+\.\d{2}$/.test(money.value), `no exact money number cell: ${JSON.stringify(money)}`);
    expect(!requests.some((u) => new URL(u).pathname.includes('/xlsx/')), 'the hook was set, yet the module was fetched');
  });

  s.test('export: when the XLSX module cannot be loaded, a notice points to CSV and the page goes on', async ({ page, origin }) => {
    // The module's script fails as it would where it cannot be fetched.
    await page.route('**/xlsx/lvyue_xlsx.js', (route) => route.fulfill({
      status: 200, contentType: 'text/javascript', body: 'throw new Error("the XLSX module is not here");',
    }));
    await openApp(page, origin);
    await waitForTitle(page, contractOf('004-liyang-operations').title);
    await page.click('#export-xlsx');
    await waitForText(page, '#export-xlsx-error', 'XLSX 导出需要在线或已安装的版本；CSV 同样可以用 Excel 打开。');
    await page.waitForSelector('#export-xlsx:not([disabled])', { timeout: 5000 });
    // The rest of the toolbar still works.
    const csv = await download(page, '#export-csv');
    expect(csv.bytes[0] === 0xEF, 'no CSV after the failed XLSX');
    await page.click('.lang-switch');
    await waitForText(page, '#export-xlsx-error', 'XLSX export needs the hosted or installed copy; CSV opens in Excel too.');
  });
}
