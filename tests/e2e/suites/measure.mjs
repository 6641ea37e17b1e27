// Page measurements (printed against their targets, never asserted: timings are not tests).
// They read the app's own performance marks (src/ui/perf.rs):
//   lvyue:first-report  a mark, once: the effect after the first render showing a report;
//   lvyue:edit          a measure per edit: the action's dispatch → the effect after the
//                       re-rendered results (reducer with the engine, and rendering).
// `make bench` runs only these (LVYUE_E2E_ONLY='^measure: ') and prints them with the others.
// LVYUE_PROFILE=1 also profiles the edits with the Chrome DevTools Protocol and prints the
// functions with the most self time.

const TARGET_EDIT_P95 = 16; // ms
const TARGET_FIRST_REPORT = 500; // ms
const EDITS = 30;

export default function register(ctx) {
  const { s, expect, openApp, loadFiles, waitForSaved, activeEvents, saved, manyIncidents,
    median, p95, WS_KEY } = ctx;
  const verdict = (x, target) => (x <= target ? `target ≤ ${target} ms: met` : `target ≤ ${target} ms: MISSED`);
  const list = (xs) => xs.map((x) => x.toFixed(1)).join(', ');

  // Installed before the page's scripts: when [data-ready] first appears.
  const WATCH = `(() => {
    new MutationObserver((_, o) => {
      if (!window.__ready && document.querySelector('[data-ready="1"]')) { window.__ready = performance.now(); o.disconnect(); }
    }).observe(document, { subtree: true, childList: true, attributes: true });
  })();`;
  // Loads the page `runs` times as a first visit; returns what `read` finds in each.
  async function loads(page, origin, read, runs = 7) {
    await page.addInitScript(WATCH);
    const out = [];
    for (let i = 0; i < runs; i++) {
      await page.goto(`${origin}/`);
      await page.waitForFunction(read, null, { timeout: 15000 });
      out.push(await page.evaluate(read));
      await page.evaluate(() => localStorage.clear()); // every run a first visit
    }
    return out;
  }

  s.test('measure: load to the ready app', async ({ page, origin }) => {
    const t = await loads(page, origin, () => window.__ready);
    console.log(`measure: load to ready (navigation start → [data-ready]): median = ${median(t).toFixed(0)} ms (runs: ${list(t)})`);
  });

  s.test('measure: load to the first rendered report', async ({ page, origin }) => {
    const t = await loads(page, origin,
      () => performance.getEntriesByName('lvyue:first-report')[0]?.startTime);
    // The mark stands for a figure on the page: the summary shows money.
    expect(/\d{1,3}(,\d{3})*\.\d{2}/.test(await page.textContent('#panel')), 'no figure in the summary');
    console.log(`measure: load to first rendered report (navigation start → mark lvyue:first-report): median = ${median(t).toFixed(0)} ms, p95 = ${p95(t).toFixed(0)} ms (n = ${t.length}; ${list(t)}); ${verdict(median(t), TARGET_FIRST_REPORT)}`);
  });

  s.test('measure: an as-of edit with 2,000 incidents loaded', async ({ page, origin, context }) => {
    await openApp(page, origin, '#record');
    const e = manyIncidents(2000);
    const t0 = Date.now();
    await loadFiles(page, [{ name: 'many.events.json', text: JSON.stringify(e) }]);
    await waitForSaved(page, (w) => activeEvents(w).incidents.length === 2000, '2,000 incidents', 60000);
    console.log(`measure: loading a record of 2,000 incidents (file → saved) = ${Date.now() - t0} ms`);
    await page.waitForSelector('#as-of', { timeout: 10000 });
    const profiling = process.env.LVYUE_PROFILE === '1';
    let cdp;
    if (profiling) {
      cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const edits = [];
    const saves = [];
    for (let i = 0; i < EDITS; i++) {
      const d = new Date(Date.UTC(2023, 1, 1 + i * 7)).toISOString().slice(0, 10);
      // In the page: set the date as a user would (an input event), wait for the measure of
      // the edit, then for the save of the new as-of (autosave runs in a task right after the
      // render) and a frame.
      const [edit, save] = await page.evaluate(async ([date, key]) => {
        const before = performance.getEntriesByName('lvyue:edit').length;
        const input = document.querySelector('#as-of');
        const t = performance.now();
        input.value = date;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const ch = new MessageChannel();
        const tick = () => new Promise((r) => { ch.port1.onmessage = r; ch.port2.postMessage(0); });
        for (;;) {
          const text = localStorage.getItem(key) ?? '';
          if (text.includes(`"as_of": "${date}"`)) break;
          if (performance.now() - t > 20000) throw new Error(`as-of ${date} was never saved`);
          await tick();
        }
        await new Promise((r) => requestAnimationFrame(() => r()));
        const m = performance.getEntriesByName('lvyue:edit').slice(before);
        if (m.length !== 1) throw new Error(`expected one lvyue:edit measure, found ${m.length}`);
        return [m[0].duration, performance.now() - t];
      }, [d, WS_KEY]);
      edits.push(edit);
      saves.push(save);
    }
    const ws = await saved(page);
    expect(activeEvents(ws).incidents.length === 2000, 'the edits lost incidents');
    expect(activeEvents(ws).as_of === new Date(Date.UTC(2023, 1, 1 + (EDITS - 1) * 7)).toISOString().slice(0, 10),
      'the last as-of was not saved');
    console.log(`measure: as-of edit → re-rendered results (measure lvyue:edit), 2,000 incidents: median = ${median(edits).toFixed(1)} ms, p95 = ${p95(edits).toFixed(1)} ms, fastest = ${Math.min(...edits).toFixed(1)} ms (n = ${edits.length}); ${verdict(p95(edits), TARGET_EDIT_P95)} (p95)`);
    console.log(`measure: as-of edit → saved + next frame, 2,000 incidents: median = ${median(saves).toFixed(1)} ms, p95 = ${p95(saves).toFixed(1)} ms (n = ${saves.length})`);
    if (profiling) {
      const { profile } = await cdp.send('Profiler.stop');
      const self = new Map();
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const dt = profile.timeDeltas;
      profile.samples.forEach((id, k) => {
        const f = byId.get(id).callFrame;
        const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}`;
        self.set(name, (self.get(name) ?? 0) + (dt[k] ?? 0) / 1000);
      });
      const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
      console.log('profile: self time over the edits (ms):');
      for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${name}`);
    }
  });
}
