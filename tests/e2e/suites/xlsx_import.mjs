// An incident log imported from an Excel workbook or a GB18030 CSV (issue 13, item 4): the
// record tab's import dialog, through its file input, with the mapping the test confirms.
//
// The workbook is built here (a zip of XML parts, stored: shared strings, a date style, two
// sheets, a formula saved without a value) and read by the page's on-demand authoring module;
// the GB18030 bytes are encoded here with a table made from the browser-standard decoder
// (Node's TextDecoder decodes gb18030 but does not encode it). Both carry the five rows of
// grid.mjs's CSV test, so the ledger must give its figure: ecg 25 % + video 20 % of the items'
// fees read from the contract file = 76,240.00, with the same two rows refused at their lines.

import path from 'node:path';
import zlib from 'node:zlib';

/** A zip archive of `files` ([name, Buffer|string]), stored (no compression). */
function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6); // UTF-8 names
    head.writeUInt16LE(0, 8); // stored
    head.writeUInt16LE(0, 10);
    head.writeUInt16LE(0x21, 12); // 1980-01-01
    head.writeUInt32LE(crc, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    head.writeUInt16LE(0, 28);
    locals.push(head, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(0, 10);
    c.writeUInt16LE(0, 12);
    c.writeUInt16LE(0x21, 14);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += head.length + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Excel's serial (1900 system) of `YYYY-MM-DD HH:MM`. */
function serial(t) {
  const [d, hm] = t.split(' ');
  const [y, m, day] = d.split('-').map(Number);
  const [h, mi] = hm.split(':').map(Number);
  return (Date.UTC(y, m - 1, day, h, mi) - Date.UTC(1899, 11, 30)) / 86400000;
}

/** The workbook: a notes sheet first, the log second (times as date cells in style 1). */
function workbook(header, rows) {
  const sst = [];
  const si = (s) => { let k = sst.indexOf(s); if (k < 0) { k = sst.length; sst.push(s); } return k; };
  const col = (k) => String.fromCharCode(65 + k);
  const cell = (r, k, v) => {
    const at = `${col(k)}${r}`;
    if (v === '') return '';
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d$/.test(v)) return `<c r="${at}" s="1"><v>${serial(v)}</v></c>`;
    return `<c r="${at}" t="s"><v>${si(v)}</v></c>`;
  };
  const rowXml = (r, cells, extra = '') => `<row r="${r}">${cells.map((v, k) => cell(r, k, v)).join('')}${extra}</row>`;
  const sheet = (body) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
  // Row 6 also has a formula saved without its value (a program wrote it): said, at its cell.
  const log = [header, ...rows]
    .map((cells, i) => rowXml(i + 1, cells, i + 1 === 6 ? '<c r="F6"><f>CONCAT(A6,"h")</f></c>' : ''))
    .join('');
  const notes = rowXml(1, ['本表由服务台导出，工单在第二个工作表']);
  const sstXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${sst.length}" uniqueCount="${sst.length}">${sst.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`;
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="工单" sheetId="2" r:id="rId2"/></sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`],
    ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/m/d h:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`],
    ['xl/sharedStrings.xml', sstXml],
    ['xl/worksheets/sheet1.xml', sheet(notes)],
    ['xl/worksheets/sheet2.xml', sheet(log)],
  ]);
}

/** `text` in GB18030, by a table made from decoding every two-byte GBK sequence. */
function gb18030(text) {
  const dec = new TextDecoder('gb18030');
  const table = new Map();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out = [];
  for (const ch of text) {
    const code = ch.codePointAt(0);
    if (code < 0x80) out.push(code);
    else if (table.has(ch)) out.push(...table.get(ch));
    else throw new Error(`no two-byte GB18030 code for ${ch}`);
  }
  const bytes = Buffer.from(out);
  if (dec.decode(bytes) !== text) throw new Error('the GB18030 bytes do not decode back');
  return bytes;
}

export default function register(ctx) {
  const { s, expect, openApp, waitForText, saved, waitForSaved, activeEvents, loadFiles, ledger,
    contractOf, eventsOf, shots } = ctx;
  const contract = contractOf('004-liyang-operations');
  const fee = (id) => contract.items.find((i) => i.id === id).amount;
  const clause53 = contract.clauses.find((c) => c.id === '附件2-5.3').rule.formula;
  const rate = (level) => Number(clause53.amount.rates.find((r) => r.level === level).rate.replace('%', '')) / 100;
  const yuan = (x) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // grid.mjs's CSV rows: two priced, one with its times reversed, one of no level, one fine.
  const HEADER = ['报告时间', '处理完成', '级别', '系统', '描述'];
  const ROWS = [
    ['2023-03-10 09:00', '2023-03-10 11:00', '重大安全事件', '区域心电软件系统', '心电, 无法出报告'],
    ['2023-04-02 08:00', '2023-04-02 12:00', '较重大安全事件', 'video', '会议中断'],
    ['2023-04-05 10:00', '2023-04-05 09:00', '一般安全事件', 'ecg', '时间写反'],
    ['2023-04-06 10:00', '', '三级', 'ecg', '未知级别'],
    ['2023-04-07 10:00', '', '一般', 'ecg', ''],
  ];
  const want = fee('ecg') * rate('major') + fee('video') * rate('relatively_major'); // 2 h and 4 h: on time

  async function openBare(page, origin) {
    const e = eventsOf('004-liyang-operations');
    e.incidents = [];
    e.requirements = [];
    e.staff = [];
    await openApp(page, origin, '#record');
    await loadFiles(page, [{ name: 'bare.events.json', text: JSON.stringify(e) }]);
    await waitForSaved(page, (w) => (activeEvents(w).incidents ?? []).length === 0 && (activeEvents(w).staff ?? []).length === 0, 'the bare record');
    await page.waitForSelector('#incident-grid', { timeout: 10000 });
  }

  /** The mapping confirmed as grid.mjs's: 处理完成 read as resolved; then import and check. */
  async function confirmAndCheck(page) {
    const guessed = await page.$$eval('.import-map', (xs) => xs.map((x) => x.value));
    expect(JSON.stringify(guessed.slice(0, 5)) === JSON.stringify(['reported', 'ignore', 'level', 'item', 'ignore']), `guessed mapping ${guessed}`);
    expect((activeEvents(await saved(page)).incidents ?? []).length === 0, 'rows added before the mapping was confirmed');
    await page.selectOption('.import-map[data-column="1"]', 'resolved');
    await waitForText(page, '#import-preview', '将添加 3 行；2 行无法读取');
    await waitForText(page, '#import-problems', '第 4 行：解决时间（2023-04-05 09:00）早于报告时间（2023-04-05 10:00）');
    await waitForText(page, '#import-problems', '第 5 行：级别“三级”不是本合同的级别');
    await page.click('#import-confirm');
    await waitForText(page, '#import-said', '已导入 3 行（共 5 行）');
    const ws = await waitForSaved(page, (w) => activeEvents(w).incidents.length === 3, '3 imported incidents');
    const inc = activeEvents(ws).incidents;
    expect(inc[0].reported === '2023-03-10T09:00:00' && inc[0].resolved === '2023-03-10T11:00:00' && inc[0].item === 'ecg' && inc[0].level === 'major',
      `the first row read as ${JSON.stringify(inc[0])}`);
    expect(inc[1].resolved === '2023-04-02T12:00:00' && inc[1].item === 'video', `the second row read as ${JSON.stringify(inc[1])}`);
    const l = await ledger(page);
    expect(yuan(want) === '76,240.00' && l['附件2-5.3'] === `¥${yuan(want)}`, `附件2-5.3 shows ${l['附件2-5.3']}, expected ${yuan(want)}`);
  }

  s.test('xlsx import: a workbook\'s second sheet imported with a confirmed mapping shows its penalties', async ({ page, origin }) => {
    await openBare(page, origin);
    const bytes = workbook(HEADER, ROWS);
    await page.setInputFiles('#incident-import', [{ name: '服务台工单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes }]);
    // The reader is in the authoring module, loaded now.
    await page.waitForSelector('#import-pending', { timeout: 30000 });
    await waitForText(page, '#import-source', '共 2 个工作表');
    expect(await page.$eval('#import-sheet', (x) => x.selectedOptions[0].textContent) === '说明', 'the first sheet is not the one shown first');
    await page.selectOption('#import-sheet', '1');
    await page.waitForFunction(() => document.querySelector('#import-sheet')?.value === '1'
      && document.querySelectorAll('.import-map').length >= 5, null, { timeout: 10000 });
    await waitForText(page, '#import-pending', '“服务台工单.xlsx”：5 行');
    await waitForText(page, '#import-notes', '工单!F6：公式 =CONCAT(A6,"h") 没有保存计算结果');
    // The first row's values as the file shows them: a date cell as its time.
    const sample = await page.$$eval('.import-mapping tbody tr td.muted', (xs) => xs.map((x) => x.textContent));
    expect(sample[0] === '2023-03-10 09:00' && sample[3] === '区域心电软件系统', `first row shown as ${sample}`);
    await page.$eval('#import-pending', (e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(shots, 'xlsx-import-zh-1280x800.png') });
    await confirmAndCheck(page);
  });

  s.test('xlsx import: a GB18030 CSV (Excel/WPS in Chinese) is decoded, the dialog names the encoding, the ledger is the same', async ({ page, origin }) => {
    await openBare(page, origin);
    const csv = [HEADER, ...ROWS].map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n') + '\r\n';
    const bytes = gb18030(csv);
    expect(bytes[0] === 0xb1 && bytes[1] === 0xa8, `报 is ${bytes.subarray(0, 2).toString('hex')} in GB18030`);
    let utf8ok = true;
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch { utf8ok = false; }
    expect(!utf8ok, 'the GB18030 bytes are valid UTF-8: the test proves nothing');
    await page.setInputFiles('#incident-import', [{ name: 'helpdesk-gbk.csv', mimeType: 'text/csv', buffer: bytes }]);
    await page.waitForSelector('#import-pending', { timeout: 10000 });
    await waitForText(page, '#import-source', '编码：GB18030（GBK，Windows 中文默认编码）');
    await page.$eval('#import-pending', (e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(shots, 'gb18030-import-zh-1280x800.png') });
    await confirmAndCheck(page);
  });

  s.test('xlsx import: Excel\'s "Unicode text" (UTF-16 LE with its BOM) is decoded and named', async ({ page, origin }) => {
    await openBare(page, origin);
    const tsv = [HEADER, ...ROWS].map((r) => r.join('\t')).join('\r\n') + '\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]);
    await page.setInputFiles('#incident-import', [{ name: 'helpdesk.txt', mimeType: 'text/plain', buffer: bytes }]);
    await page.waitForSelector('#import-pending', { timeout: 10000 });
    await waitForText(page, '#import-source', '编码：UTF-16 LE');
    await confirmAndCheck(page);
  });
}
