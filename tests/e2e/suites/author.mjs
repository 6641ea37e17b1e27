// Issue 12: bringing a contract document in. A .docx built here from seed 004's text, opened
// through the file input, loads the authoring module (dist/author/, from the origin only) and
// mounts the authoring view in place of the tabs; pasted prose does the same; a damaged .docx
// gives a localised message, never a JSON syntax error; the view's contract (`on_done`) loads as
// an opened contract file, and `on_done(null)` closes the view with nothing changed.

import fs from 'node:fs';
import path from 'node:path';

// CRC-32 (IEEE), for the zip written below.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xFFFFFFFF;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

/** A zip of stored (uncompressed) entries: [[name, text]]. */
function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const n = Buffer.from(name, 'utf8');
    const data = Buffer.from(text, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8); central.writeUInt32LE(crc, 16); central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const para = (t) => (t ? `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>` : '<w:p/>');

/** A minimal .docx of a text: each line a paragraph, lines with tabs the rows of a table. */
function docxOf(text) {
  let body = '';
  let table = false;
  for (const line of text.split('\n')) {
    const row = line.includes('\t');
    if (row && !table) body += '<w:tbl>';
    if (!row && table) body += '</w:tbl>';
    table = row;
    body += row ? `<w:tr>${line.split('\t').map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>` : para(line);
  }
  if (table) body += '</w:tbl>';
  return zipOf([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'],
    ['word/document.xml', `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`],
  ]);
}

export default function register(ctx) {
  const { s, expect, openApp, waitForText, waitForTitle, contractOf, paste, here, showTab, ledger } = ctx;
  const seeds = path.resolve(here, '../../../shared/seeds');
  const seed004 = () => fs.readFileSync(path.join(seeds, fs.readdirSync(seeds).find((f) => f.startsWith('004_'))), 'utf8');
  const TITLE_004 = contractOf('004-liyang-operations').title;
  const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

  /** Every request of the page, and those of the authoring module. */
  function watch(page) {
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    return { requests, author: () => requests.filter((u) => new URL(u).pathname.includes('/author/')) };
  }

  s.test('author: a .docx of 004 opened by the file input loads the module from the origin and shows the authoring view', async ({ page, origin }) => {
    const w = watch(page);
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    expect(w.author().length === 0, `the module was fetched before it was needed: ${w.author().join(', ')}`);
    await page.setInputFiles('#file-input', [{ name: '溧阳运维合同.docx', mimeType: DOCX, buffer: docxOf(seed004()) }]);
    await page.waitForSelector('#author', { timeout: 20000 });
    expect(!(await page.locator('#panel').count()), 'the tabs are still shown beside the authoring view');
    expect(!(await page.locator('#load-failure').count()), `a failure: ${await page.textContent('#load-failure').catch(() => '')}`);
    const fetched = w.author().map((u) => new URL(u));
    expect(fetched.every((u) => u.origin === origin), `the module came from elsewhere: ${fetched.join(', ')}`);
    const names = fetched.map((u) => u.pathname.replace(/^.*\/author\//, ''));
    expect(names.includes('lvyue_author.js') && names.includes('lvyue_author_bg.wasm'), `the module's files: ${names.join(', ')}`);
  });

  s.test('author: pasted prose is drafted and opens the authoring view, never a JSON error', async ({ page, origin }) => {
    const w = watch(page);
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    await paste(page, seed004());
    await page.waitForSelector('#author', { timeout: 20000 });
    expect(!(await page.locator('#load-failure').count()), 'pasted prose gave a failure');
    expect(w.author().some((u) => u.endsWith('/author/lvyue_author_bg.wasm')), 'the module was not loaded');
  });

  s.test('author: a damaged .docx says so in the chosen language, not as a JSON syntax error', async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    const bad = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 7)]);
    await page.setInputFiles('#file-input', [{ name: 'broken.docx', mimeType: DOCX, buffer: bad }]);
    await waitForText(page, '#load-failure', '不是可读取的 Word 文档', 20000);
    const zh = await page.textContent('#load-failure');
    expect(!zh.includes('JSON'), `a JSON error for a document: ${zh}`);
    expect(zh.includes('broken.docx'), `the failure does not name the file: ${zh}`);
    // English: a new failure in the chosen language.
    await page.click('.lang-switch');
    await page.setInputFiles('#file-input', [{ name: 'broken.docx', mimeType: DOCX, buffer: bad }]);
    await waitForText(page, '#load-failure', 'not a readable Word document', 20000);
    await waitForTitle(page, TITLE_004);
  });

  s.test('author: the view\'s contract loads as an opened file; null closes it with nothing changed', async ({ page, origin }) => {
    // A stand-in module on the hook (as the one-file build sets it): its view hands back a
    // contract, or nothing.
    const contract = fs.readFileSync(path.resolve(here, '../../examples/001-oa-maintenance.contract.json'), 'utf8');
    await page.addInitScript((c) => {
      globalThis.__lvyueAuthor = {
        read_document: () => { throw new Error('not used'); },
        draft: () => '{}',
        mount(host, input, onDone) {
          globalThis.__lvyueInput = JSON.parse(input);
          const keep = document.createElement('button');
          keep.id = 'fake-keep'; keep.textContent = 'keep';
          keep.onclick = () => onDone(c);
          const leave = document.createElement('button');
          leave.id = 'fake-leave'; leave.textContent = 'leave';
          leave.onclick = () => onDone(null);
          host.append(keep, leave);
        },
      };
    }, contract);
    const w = watch(page);
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    // Edit contract: the current contract and record go to the view; leaving changes nothing.
    await page.click('#author-edit');
    await page.waitForSelector('#author #fake-leave', { timeout: 10000 });
    const input = await page.evaluate(() => globalThis.__lvyueInput);
    expect(input.lang === 'zh' && input.contract.title === TITLE_004 && input.events.format === 'lvyue-events/2', `input: ${JSON.stringify(input).slice(0, 200)}`);
    await page.click('#fake-leave');
    await page.waitForSelector('#panel', { timeout: 5000 });
    await waitForTitle(page, TITLE_004);
    // New contract: a blank input; the contract handed back is loaded with a notice.
    await page.click('#author-new');
    await page.waitForSelector('#author #fake-keep', { timeout: 10000 });
    const blank = await page.evaluate(() => globalThis.__lvyueInput);
    expect(blank.contract === null && !blank.draft, `blank input: ${JSON.stringify(blank)}`);
    await page.click('#fake-keep');
    await waitForTitle(page, JSON.parse(contract).title);
    await waitForText(page, '#notice', '已载入');
    expect(!(await page.locator('#author').count()), 'the view is still open');
    expect(w.author().length === 0, 'the hook was set, yet the module was fetched');
  });

  /** Types a date into the record tab's field of event `id`. */
  async function recordDate(page, id, date) {
    const input = page.locator(`.rec-date[data-date="${id}"] input`);
    await input.fill(date);
    await input.blur();
  }

  /** Screenshots of the authoring view at the two sizes. */
  async function shoot(page, name) {
    for (const [w, h] of [[1280, 800], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      await page.waitForTimeout(150);
      await page.screenshot({ path: path.join(ctx.shots, `${name}-${w}x${h}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  s.test('author: 004 pasted, every clause accepted, done; 3 days late recorded in the record tab: 7.2 = 29,400.00', async ({ page, origin }) => {
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    await paste(page, seed004());
    await page.waitForSelector('#author .clause-card', { timeout: 20000 });
    // The document beside the clauses, each clause linked to its span.
    await page.waitForSelector('#author .doc-text mark.span-found[data-span-clause="7.2"]');
    await page.click('#author mark.span-found[data-span-clause="7.2"]');
    await page.waitForSelector('#author .clause-card.selected[data-clause="7.2"]');
    expect(await page.locator('#author .span-unread').count() > 0, 'no sentence is marked as not understood');
    await page.click('#author-accept-all');
    await page.waitForSelector('#author .clause-card.pending', { state: 'detached', timeout: 5000 });
    // The card's form is generated: open 7.2's and see its rate at its path.
    await page.click('#author .clause-card[data-clause="7.2"] .cl-actions .edit');
    const rate = page.locator('#author .clause-card[data-clause="7.2"] [data-path$=".rule.formula.rate"]');
    expect(await rate.inputValue() !== '', 'the rate field is empty');
    await shoot(page, 'author-004');
    expect(!(await page.locator('#author-json').count()), 'JSON shown without asking');
    await page.click('#author-done');
    await page.waitForSelector('#author', { state: 'detached', timeout: 10000 });
    await page.waitForSelector('#panel', { timeout: 5000 });
    await showTab(page, 'record');
    await page.fill('#as-of', '2022-09-01');
    await recordDate(page, 'signing', '2022-07-20');
    await recordDate(page, '7.2-due', '2022-08-01');
    await recordDate(page, '7.2-done', '2022-08-04');
    // 1% × 980,000 × 3 days = 29,400.00 (cap 5% × 980,000 = 49,000 not reached).
    let l = {};
    for (let i = 0; i < 50 && l['7.2']?.replace('¥', '') !== '29,400.00'; i++) { l = await ledger(page); if (l['7.2']?.replace('¥', '') !== '29,400.00') { await showTab(page, 'record'); await page.waitForTimeout(100); } }
    expect(l['7.2']?.replace('¥', '') === '29,400.00', `7.2: ${JSON.stringify(l)}`);
  });

  /**
   * The blank flow: a new contract of ¥200,000, the per-day template (3‰ a day of the total,
   * capped at 5%) typed through its fields, a refused rate shown at its field, an edit undone
   * and redone; done; 40 days late recorded: 200,000 × 0.003 × 40 = 24,000, capped at
   * 5% × 200,000 = 10,000.00. In the language `lang` (`en`: the page switched first).
   */
  async function blankFlow(page, origin, lang) {
    const en = lang === 'en';
    await openApp(page, origin);
    await waitForTitle(page, TITLE_004);
    if (en) {
      await page.click('#lang-switch');
      await waitForText(page, '#tab-penalties', 'Penalties');
    }
    await page.click('#author-new');
    await page.waitForSelector('#author #author-total', { timeout: 20000 });
    const title = en ? 'Equipment maintenance' : '设备维护合同';
    await page.fill('#author-title', title);
    await page.fill('#author-buyer', en ? 'A city bureau' : '某市某局');
    await page.fill('#author-seller', en ? 'A technology company' : '某科技有限公司');
    await page.fill('#author-total', '200000');
    await page.fill('#author-signing', '2024-01-02');
    await page.click('#author-add');
    await page.click('#author [data-template="per-day-late"]');
    await page.waitForSelector('#author .clause-card[data-clause="1"]');
    expect((await page.textContent('#author-done')).trim() === (en ? 'Done' : '完成'), `done button: ${await page.textContent('#author-done')}`);
    // The form: rate 3‰ a day of the total, cap 5% of the total (typed through the fields).
    await page.click('#author .clause-card[data-clause="1"] .cl-actions .edit');
    const card = '#author .clause-card[data-clause="1"]';
    const rate = `${card} [data-path="clauses[1].rule.formula.rate"]`;
    const cap = `${card} [data-path="clauses[1].rule.cap.rate"]`;
    // The template's rates are shown as written, not as fractions.
    expect(await page.inputValue(rate) === '3‰', `rate shown: ${await page.inputValue(rate)}`);
    expect(await page.inputValue(cap) === '5%', `cap shown: ${await page.inputValue(cap)}`);
    // No option of the form is an internal id (snake_case, kebab-case).
    // (English compounds of the descriptions, "one-off", are words.)
    const options = await page.$$eval(`${card} option, ${card} .af-label, ${card} .af-add, ${card} .af-check, ${card} .af-group > legend`,
      (xs) => xs.map((x) => x.textContent.trim()));
    const words = ['one-off', 'count-th'];
    const idLike = (t) => t.split(/\s+/).some((w) => /^[a-z0-9.]+[_-][a-z0-9._-]+$/.test(w) && !words.includes(w))
      || (/^[a-z0-9_.-]+$/.test(t) && /[a-z]/.test(t)) || (!en && /^[a-z0-9_ .-]+$/.test(t) && /[a-z]/.test(t));
    const ids = options.filter(idLike);
    expect(options.length > 40, `${options.length} labels`);
    expect(ids.length === 0, `id-like labels: ${ids.join(' | ')}`);
    await page.fill(rate, '万分之三');
    await page.fill(rate, '3‰');
    await page.fill(cap, '5%');
    // A rate the loader refuses is shown at its field, then corrected.
    await page.fill(rate, '三成多');
    await page.waitForSelector(`${card} .af-field.invalid [data-path="clauses[1].rule.formula.rate"]`, { timeout: 5000 });
    const said = await page.textContent(`${card} .af-field.invalid .af-error`);
    expect(said.includes('三成多') && (en ? /rate/i.test(said) : said.includes('费率') || said.includes('比率') || said.includes('利率')), `the rate's error: ${said}`);
    await page.fill(rate, '3‰');
    await page.waitForSelector(`${card} .af-field.invalid`, { state: 'detached', timeout: 5000 });
    // Undo and redo: the cap changed to 4%, undone (5% again), redone (4%), then set back.
    await page.fill(cap, '4%');
    await page.click('#author-undo');
    await page.waitForFunction((sel) => document.querySelector(sel)?.value === '5%', cap, { timeout: 5000 });
    await page.click('#author-redo');
    await page.waitForFunction((sel) => document.querySelector(sel)?.value === '4%', cap, { timeout: 5000 });
    await page.fill(cap, '5%');
    // The total typed as 200000 is shown with thousands separators once left.
    expect(await page.inputValue('#author-total') === '200,000.00', `total: ${await page.inputValue('#author-total')}`);
    await shoot(page, en ? 'author-blank-en' : 'author-blank');
    await page.click('#author-done');
    await waitForTitle(page, title);
    await showTab(page, 'record');
    await page.fill('#as-of', '2024-06-30');
    await recordDate(page, '1-due', '2024-03-01');
    await recordDate(page, '1-done', '2024-04-10');
    // 200,000 × 0.003 × 40 = 24,000, capped at 5% × 200,000 = 10,000.00.
    let l = {};
    for (let i = 0; i < 50 && l['1']?.replace('¥', '') !== '10,000.00'; i++) { l = await ledger(page); if (l['1']?.replace('¥', '') !== '10,000.00') { await showTab(page, 'record'); await page.waitForTimeout(100); } }
    expect(l['1']?.replace('¥', '') === '10,000.00', `1: ${JSON.stringify(l)}`);
  }

  s.test('author: a blank contract of ¥200,000 with the per-day template (3‰, cap 5%), an edit undone and redone, 40 days late: 10,000.00', async ({ page, origin }) => {
    await blankFlow(page, origin, 'zh');
  });

  s.test('author: the blank flow in English, 40 days late: 10,000.00', async ({ page, origin }) => {
    await blankFlow(page, origin, 'en');
  });
}
