// No data lost: the renderer killed mid-edit, localStorage full, and saves written by older (and
// newer) versions of lvyue. Fixtures: tests/e2e/fixtures/durability/ (see tests/all/durability.rs).
//
// The tests never rely on when autosave runs: they poll localStorage until an edit is there
// before they kill the page, and they read back what is stored, not what they expect to be.

import fs from 'node:fs';
import path from 'node:path';

const BACKUP_KEY = 'lvyue/workspace/unreadable';
const TOOLS_KEY = 'lvyue/tools/v1';

export default function register(ctx) {
  const { s, expect, openApp, showTab, waitForText, waitForTitle, saved, waitForSaved, activeEvents,
    contractOf, eventsOf, WS_KEY, here, shots } = ctx;
  const fixture = (f) => fs.readFileSync(path.join(here, 'fixtures/durability', f), 'utf8');
  const TITLE_004 = contractOf('004-liyang-operations').title;
  // 004's term renews by a year unless notice is given, and the second instalment (m2) falls due
  // 30 days after the term: as of 2023-07-15 (the example) it is due 2023-08-21; as of 2023-10-31
  // the term has renewed once (to Saturday 2024-07-20, moved to Monday 07-22: Civil Code
  // Art. 203) and m2 is due 2024-08-21; as of 2024-10-31, twice (Sunday 2025-07-20 → 07-21):
  // 2025-08-20.
  const m2Due = async (page, date) => {
    await showTab(page, 'payments');
    await waitForText(page, 'tr[data-milestone="m2"]', date, 10000);
  };
  /** The same guard as the harness's, for a page opened after a crash. */
  function guard(page, problems) {
    page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
    page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  }
  /** Kills the renderer without unload handlers, as a crash or an OOM kill would. */
  async function crash(page, context) {
    const cdp = await context.newCDPSession(page);
    const crashed = page.waitForEvent('crash', { timeout: 10000 });
    cdp.send('Page.crash').catch(() => {}); // never answers: the renderer is gone
    await crashed;
  }
  /** Fills localStorage until it refuses even one more character; returns the keys used. */
  const fill = (page) => page.evaluate(() => {
    const keys = [];
    let size = 1 << 20;
    let n = 0;
    while (size >= 1) {
      const key = `__filler/${n}`;
      try { localStorage.setItem(key, 'x'.repeat(size)); keys.push(key); n++; } catch { size = Math.floor(size / 2); }
    }
    // Prove it is full: a one-character value under a new key is refused.
    try { localStorage.setItem('__filler/probe', 'x'); return { keys, full: false }; } catch { return { keys, full: true }; }
  });
  const free = (page, keys) => page.evaluate((ks) => ks.forEach((k) => localStorage.removeItem(k)), keys);
  /** JSON with its object keys sorted (the current writer sorts them; the first one did not). */
  // Keys sorted, and decimal strings by value: amounts are written with two decimals now
  // ("490000" is saved again as "490000.00"), which is the same amount.
  const decimal = (x) => (typeof x === 'string' && /^-?\d+\.\d+$/.test(x)
    ? x.replace(/\.?0+$/, '') : x);
  const canonical = (v) => JSON.stringify(v, (k, x) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((key) => [key, x[key]])) : decimal(x)));
  const raw = (page, key) => page.evaluate((k) => localStorage.getItem(k), key);

  // -- (a) the renderer killed mid-edit --
  s.test('durability: an edit saved before the renderer crashes is there after a reload, with its figures', async ({ context, origin, problems }) => {
    const page = await context.newPage(); // crashed below: the harness's own page stays
    guard(page, problems);
    await openApp(page, origin, '#record');
    await waitForTitle(page, TITLE_004);
    expect(eventsOf('004-liyang-operations').as_of === '2023-07-15', 'the 004 record is no longer as of 2023-07-15');
    await page.fill('#as-of', '2023-10-31');
    await page.click('#add-incident');
    const n = eventsOf('004-liyang-operations').incidents.length + 1;
    const before = await waitForSaved(page, (w) => activeEvents(w).as_of === '2023-10-31'
      && activeEvents(w).incidents.length === n, 'the as-of edit and the added incident');
    const added = activeEvents(before).incidents[n - 1].id;
    await crash(page, context);
    const next = await context.newPage();
    guard(next, problems);
    await openApp(next, origin, '#record');
    await waitForTitle(next, TITLE_004);
    expect(await next.inputValue('#as-of') === '2023-10-31', 'the as-of edit is gone');
    await next.waitForSelector(`[data-incident="${added}"]`, { timeout: 10000 });
        await m2Due(next, '2024-08-21');
    expect(await next.locator('#notice').count() === 0, 'a notice is shown after the crash');
    expect(JSON.stringify(await saved(next)) === JSON.stringify(before), 'the save changed across the crash');
  });

  // What a user would expect of a half-filled incident: every field that parses is committed
  // (and saved) as it is typed; a field whose text does not parse yet (a half-typed time, a
  // duplicate id) is shown with its error and never reaches the record. So a crash loses at
  // most the text of that one field, and the saved record is always a valid one.
  s.test('durability: a half-filled incident at the moment of a crash leaves the last valid record', async ({ context, origin, problems }) => {
    const page = await context.newPage(); // crashed below: the harness's own page stays
    guard(page, problems);
    await openApp(page, origin, '#record');
    await waitForTitle(page, TITLE_004);
    const n = eventsOf('004-liyang-operations').incidents.length + 1;
    await page.click('#add-incident');
    const ws1 = await waitForSaved(page, (w) => activeEvents(w).incidents.length === n, 'the new incident');
    const id = activeEvents(ws1).incidents[n - 1].id;
    const card = `[data-incident="${id}"]`;
    await page.fill(`${card} input[name="kind"]`, '数据库宕机');
    await waitForSaved(page, (w) => activeEvents(w).incidents[n - 1]?.kind === '数据库宕机', 'the typed kind');
    // Half-typed: the id of another incident (refused), and a time typed only as far as its year.
    await page.fill(`${card} input[name="id"]`, 'SEC-2022-02');
    await page.waitForSelector(`${card} input[name="id"][aria-invalid="true"]`, { timeout: 5000 });
    // (The browser keeps a half-typed date to itself: the input's value stays empty.)
    const resolved = page.locator(`${card} input[name="resolved"]`);
    await resolved.click();
    await page.keyboard.type('2023');
    const last = await saved(page);
    const inc = activeEvents(last).incidents[n - 1];
    expect(inc.id === id && inc.kind === '数据库宕机' && !inc.resolved, `the saved incident is ${JSON.stringify(inc)}`);
    expect(activeEvents(last).incidents.filter((i) => i.id === 'SEC-2022-02').length === 1, 'a duplicate id was saved');
    await crash(page, context);
    const next = await context.newPage();
    guard(next, problems);
    await openApp(next, origin, '#record');
    await next.waitForSelector(card, { timeout: 10000 });
    expect(await next.inputValue(`${card} input[name="kind"]`) === '数据库宕机', 'the committed kind is gone');
    expect(await next.inputValue(`${card} input[name="id"]`) === id, 'the id field lost its committed id');
    expect(await next.inputValue(`${card} input[name="resolved"]`) === '', 'a half-typed time was saved');
    expect(await next.locator('#load-failure, #notice').count() === 0, 'the reloaded workspace shows a failure or notice');
    expect(JSON.stringify(await saved(next)) === JSON.stringify(last), 'the save changed across the crash');
  });

  // -- (b) localStorage full --
  s.test('durability: with storage full an edit shows the export notice, the figures follow, export has it all', async ({ page, origin }) => {
    await openApp(page, origin, '#record');
    await waitForTitle(page, TITLE_004);
    await waitForSaved(page, (w) => w.contract?.id === '004-liyang-operations', '004');
    const { keys, full } = await fill(page);
    expect(full && keys.length > 0, 'localStorage never filled up');
    const stored = await raw(page, WS_KEY);
    // An edit that makes the save longer: refused.
    const n = eventsOf('004-liyang-operations').incidents.length + 1;
    await page.click('#add-incident');
    await page.waitForSelector('#notice', { timeout: 10000 });
    await waitForText(page, '#notice', '浏览器拒绝保存');
    await page.fill('#as-of', '2023-10-31');
    await m2Due(page, '2024-08-21');
    expect(await raw(page, WS_KEY) === stored, 'the earlier save was changed or damaged');
    await page.screenshot({ path: path.join(shots, 'durability-storage-full.png') });
    // Export still gives the whole workspace.
    const download = page.waitForEvent('download');
    await page.click('#export-button');
    const file = await (await download).path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(activeEvents(exported).as_of === '2023-10-31' && activeEvents(exported).incidents.length === n,
      `the export lacks the edits: as of ${activeEvents(exported).as_of}, ${activeEvents(exported).incidents.length} incidents`);
    expect(exported.contract.id === '004-liyang-operations', 'the export has no contract');
    expect(await raw(page, WS_KEY) === stored, 'the earlier save was changed after the export');
    // Room again: the next edit saves, and the notice goes.
    await free(page, keys);
    await showTab(page, 'record');
    await page.fill('#as-of', '2024-10-31');
    const ws = await waitForSaved(page, (w) => activeEvents(w).as_of === '2024-10-31', 'the edit after freeing space');
    expect(activeEvents(ws).incidents.length === n, 'the incident added while full was not saved with it');
    await page.waitForSelector('#notice', { state: 'detached', timeout: 5000 });
    await m2Due(page, '2025-08-20');
  });

  s.test('durability: a start with storage full opens the saved work, keeps it intact, and says when a save fails', async ({ page, origin }) => {
    await openApp(page, origin, '#record');
    await page.fill('#as-of', '2023-10-31');
    await waitForSaved(page, (w) => activeEvents(w).as_of === '2023-10-31', 'the as-of edit');
    const { keys, full } = await fill(page);
    expect(full, 'localStorage never filled up');
    const stored = await raw(page, WS_KEY);
    await page.reload();
    await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    await waitForTitle(page, TITLE_004);
    await m2Due(page, '2024-08-21');
    expect(await raw(page, WS_KEY) === stored, 'the save was changed by the start');
    await showTab(page, 'record');
    await page.click('#add-incident');
    await waitForText(page, '#notice', '浏览器拒绝保存');
    expect(await raw(page, WS_KEY) === stored, 'a refused save damaged the earlier one');
    await free(page, keys);
  });

  // -- (c) saves of other versions --
  s.test('durability: the tools save of version 1 (lvyue/tools/v1) opens with its language and inputs', async ({ page, origin }) => {
    const old = fixture('tools-v1.json');
    await page.goto(`${origin}/__fixtures__/clean.html`);
    await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [TOOLS_KEY, old]);
    await openApp(page, origin, '#tools');
    expect(await page.getAttribute('html', 'lang') === 'en', 'the saved language (English) was not kept');
    // 254,400 including 6% VAT: 240,000.00 before tax.
    await waitForText(page, '#vat-result', '240,000.00');
    expect(await page.inputValue('#deadline-n') === '15', 'the saved deadline count was not kept');
    await waitForTitle(page, TITLE_004);
    const ws = await waitForSaved(page, (w) => w.lang === 'en' && w.tools.vat_amount === '254400', 'the migrated workspace');
    expect(ws.format === 'lvyue-workspace/1', `saved as ${ws.format}`);
    expect(await raw(page, TOOLS_KEY) === old, 'the old save was changed or removed');
    expect(await page.locator('#notice').count() === 0, 'a notice is shown for a readable old save');
  });

  s.test('durability: a workspace saved by the first workspace version (6049b9a) opens with its scenarios', async ({ page, origin }) => {
    const old = fixture('workspace-6049b9a.json');
    await page.goto(`${origin}/__fixtures__/clean.html`);
    await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [WS_KEY, old]);
    await openApp(page, origin, '#payments');
    await waitForTitle(page, TITLE_004);
    await m2Due(page, '2024-08-21');
    await showTab(page, 'scenarios');
    await waitForText(page, '#panel', 'm2 于 2023-09-30 付款');
    const ws = await saved(page);
    expect(ws.scenarios.length === 2 && ws.compare === 1, 'the scenarios or the comparison were lost');
    // The same scenarios, their records now written in the current events version (migrated).
    const migrated = JSON.parse(old).scenarios.map((sc) => ({ ...sc, events: { ...sc.events, format: 'lvyue-events/2' } }));
    expect(JSON.parse(old).scenarios.every((sc) => sc.events.format === 'lvyue-events/1'), 'the fixture is not version 1');
    expect(canonical(ws.scenarios) === canonical(migrated), 'the scenarios changed on load');
    expect(await page.locator('#notice, #load-failure').count() === 0, 'a notice or failure is shown');
  });

  const unreadable = [
    ['a save from a future version (lvyue-workspace/2)', 'workspace-v2-future.json', 'lvyue-workspace/2'],
    ['a damaged save', 'workspace-damaged.json', 'JSON 语法错误'],
  ];
  for (const [what, file, reason] of unreadable) {
    s.test(`durability: ${what} is kept aside with a notice and the app starts usable`, async ({ page, origin }) => {
      const text = fixture(file);
      await page.goto(`${origin}/__fixtures__/clean.html`);
      await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [WS_KEY, text]);
      await openApp(page, origin, '#record');
      await waitForTitle(page, TITLE_004);
      await waitForText(page, '#notice', reason);
      await waitForText(page, '#notice', BACKUP_KEY);
      expect(await raw(page, BACKUP_KEY) === text, 'the unreadable save was not kept exactly');
      // Usable: an edit is saved, and the kept copy stays.
      await page.fill('#as-of', '2023-10-31');
      await waitForSaved(page, (w) => activeEvents(w).as_of === '2023-10-31', 'an edit');
      await m2Due(page, '2024-08-21');
      // The kept save can be downloaded as it was.
      const download = page.waitForEvent('download');
      await page.click('#download-kept');
      expect(fs.readFileSync(await (await download).path(), 'utf8') === text, 'the download is not the kept save');
      // A second unreadable save does not replace the first one kept.
      await page.evaluate(([k, v]) => localStorage.setItem(k, v), [WS_KEY, '{"format": "lvyue-workspace/1", "lang": ']);
      await page.reload();
      await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
      await waitForText(page, '#notice', `${BACKUP_KEY}/2`);
      expect(await raw(page, BACKUP_KEY) === text, 'the first kept save was replaced');
      expect(await raw(page, `${BACKUP_KEY}/2`) === '{"format": "lvyue-workspace/1", "lang": ', 'the second was not kept');
      if (file.includes('future')) await page.screenshot({ path: path.join(shots, 'durability-kept-aside.png') });
    });
  }

  s.test('durability: an unreadable save with storage full is left in place until there is room', async ({ page, origin }) => {
    const text = fixture('workspace-v2-future.json');
    await page.goto(`${origin}/__fixtures__/clean.html`);
    await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [WS_KEY, text]);
    const { keys, full } = await fill(page);
    expect(full, 'localStorage never filled up');
    await openApp(page, origin, '#record');
    await waitForTitle(page, TITLE_004);
    await waitForText(page, '#notice', 'lvyue-workspace/2');
    await waitForText(page, '#notice', '原样保留');
    await page.fill('#as-of', '2023-10-31');
    await m2Due(page, '2024-08-21');
    expect(await raw(page, WS_KEY) === text, 'the unreadable save was overwritten');
    await free(page, keys);
    await showTab(page, 'record');
    await page.fill('#as-of', '2024-10-31');
    await waitForSaved(page, (w) => activeEvents(w).as_of === '2024-10-31', 'the edit once there is room');
    expect(await raw(page, BACKUP_KEY) === text, 'the unreadable save was not kept aside once there was room');
    await waitForText(page, '#notice', BACKUP_KEY);
  });

  s.test('durability: with that notice dismissed, an edit that cannot be saved says so', async ({ page, origin }) => {
    const text = fixture('workspace-v2-future.json');
    await page.goto(`${origin}/__fixtures__/clean.html`);
    await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [WS_KEY, text]);
    const { keys, full } = await fill(page);
    expect(full, 'localStorage never filled up');
    await openApp(page, origin, '#record');
    await waitForText(page, '#notice', '原样保留');
    await page.click('#notice button:last-child');
    await page.waitForSelector('#notice', { state: 'detached', timeout: 5000 });
    await page.fill('#as-of', '2023-10-31');
    await waitForText(page, '#notice', '浏览器拒绝保存');
    expect(await raw(page, WS_KEY) === text, 'the unreadable save was overwritten');
    await free(page, keys);
    await showTab(page, 'record');
    await page.fill('#as-of', '2024-10-31');
    await waitForSaved(page, (w) => activeEvents(w).as_of === '2024-10-31', 'the edit once there is room');
    expect(await raw(page, BACKUP_KEY) === text, 'the unreadable save was not kept aside');
    await page.waitForSelector('#notice', { state: 'detached', timeout: 5000 });
  });
}
