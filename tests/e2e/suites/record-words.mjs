// The record's words and keys (issue 13, items 1, 2 and 4): the incident grid's 类型 column says
// a kind by a name, never by the record's raw value (`security`, `operation`), and is a picker —
// of the contract's declared kinds where it declares some (a record's value outside them shown
// flagged, kept), of the record's own kinds where it declares none; Ctrl+Z in a text field is
// the browser's text undo, not the record's, which Ctrl+Z outside a field still does.

import fs from 'node:fs';
import path from 'node:path';

export default function register(ctx) {
  const { s, expect, openApp, waitForText, saved, waitForSaved, activeEvents, loadFiles,
    contractOf, eventsOf, shots } = ctx;
  const out = path.join(shots, 'record-words');
  fs.mkdirSync(out, { recursive: true });

  /** Each kind cell of the drawn rows: its value, its shown text, its options, its flag. */
  async function kindCells(page) {
    return page.$$eval('td[data-col="kind"]', (tds) => tds.map((td) => {
      const sel = td.querySelector('select');
      return sel && {
        value: sel.value,
        shown: sel.options[sel.selectedIndex]?.textContent ?? '',
        options: [...sel.options].map((o) => o.textContent),
        undeclared: sel.dataset.undeclared === 'true',
      };
    }));
  }

  s.test('grid: a kind is a picker, said by its name, never the raw value', async ({ page, origin }) => {
    await openApp(page, origin, '#record');
    await page.waitForSelector('#incident-grid td[data-col="kind"]', { timeout: 10000 });
    const cells = await kindCells(page);
    expect(cells.length > 0 && cells.every((c) => c), 'a kind cell is not a picker');
    const shown = cells.map((c) => c.shown);
    expect(cells.some((c) => c.value === 'security') && shown.includes('安全'), `security not said as 安全: ${shown}`);
    for (const c of cells) {
      expect(!/\b(security|operation)\b/.test([c.shown, ...c.options].join(' ')), `a raw kind shown: ${c.shown} / ${c.options}`);
      expect(!c.undeclared, `004 declares no kinds, yet ${c.value} is flagged`);
    }
    await page.locator('#incident-grid').screenshot({ path: path.join(out, 'kinds-004.png') });
  });

  s.test('grid: with declared kinds, a record value outside them is flagged and kept', async ({ page, origin }) => {
    await openApp(page, origin, '#record');
    const c = contractOf('004-liyang-operations');
    const cl = c.clauses.find((x) => x.id === '附件2-5.3');
    cl.rule.trigger.kinds = ['security'];
    await loadFiles(page, [
      { name: 'kinds.contract.json', text: JSON.stringify(c) },
      { name: 'kinds.events.json', text: JSON.stringify(eventsOf('004-liyang-operations')) },
    ]);
    await page.waitForSelector('#incident-grid select[data-undeclared="true"]', { timeout: 10000 });
    const cells = await kindCells(page);
    const flagged = cells.filter((x) => x.undeclared);
    expect(flagged.length > 0 && flagged.every((x) => x.value === 'operation'), `flagged: ${JSON.stringify(flagged)}`);
    for (const f of flagged) {
      expect(f.shown.includes('（合同未定义）') && !/\boperation\b/.test(f.shown), `the flagged cell shows "${f.shown}"`);
    }
    const declared = cells.find((x) => x.value === 'security');
    expect(declared && JSON.stringify(declared.options) === JSON.stringify(['（无）', '安全']), `options: ${declared?.options}`);
    // Kept: the record still has its value.
    const ws = await saved(page);
    expect(activeEvents(ws).incidents.some((i) => i.kind === 'operation'), 'the undeclared kind was dropped');
    // Picking a declared kind takes it.
    const row = await page.$eval('select[data-undeclared="true"]', (x) => x.closest('[data-incident-row]').dataset.incidentRow);
    await page.selectOption(`[data-incident-row="${row}"] td[data-col="kind"] select`, 'security');
    await waitForSaved(page, (w) => activeEvents(w).incidents.find((i) => i.id === row)?.kind === 'security', `${row} set to security`);
    await page.locator('#incident-grid').screenshot({ path: path.join(out, 'kinds-declared.png') });
  });

  s.test('record: Ctrl+Z in a text field undoes the typing there, outside it the record edit', async ({ page, origin }) => {
    await openApp(page, origin, '#record');
    await page.waitForSelector('#incident-grid', { timeout: 10000 });
    const before = activeEvents(await saved(page)).incidents.length;
    await page.click('#grid-add');
    await waitForSaved(page, (w) => activeEvents(w).incidents.length === before + 1, 'the added row');
    // Type in the id filter, then Ctrl+Z: the browser takes back the typing; the row stays.
    const filter = '.grid-filter[data-filter="id"]';
    await page.click(filter);
    await page.keyboard.type('SEC');
    expect((await page.inputValue(filter)) === 'SEC', 'the filter did not take the typing');
    await page.keyboard.press('Control+z');
    await page.waitForFunction((f) => document.querySelector(f).value !== 'SEC', filter, { timeout: 3000 })
      .catch(() => { throw new Error('Ctrl+Z in the filter did not undo the typing'); });
    await page.waitForTimeout(300);
    expect(activeEvents(await saved(page)).incidents.length === before + 1, 'Ctrl+Z in a text field undid the record edit');
    expect(!(await page.isDisabled('#record-undo')), 'the record undo was used up');
    // Outside a field, Ctrl+Z is the record's undo.
    await page.focus('#grid-add');
    await page.keyboard.press('Control+z');
    await waitForSaved(page, (w) => activeEvents(w).incidents.length === before, 'the added row undone by Ctrl+Z');
  });
}
