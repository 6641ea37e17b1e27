// Embedding (docs/embedding.md): the example host page on a second origin drives the app in a
// frame with the lvyue-embed/1 protocol; a third origin not on the allow-list is ignored; the
// URL parameters; the JavaScript module with no UI.
//
// The servers: the harness's own (the app, `origin`), a second one serving the same site (the
// host page), and a third serving the fixtures (an untrusted page). Each page here allows
// requests to exactly the origins it needs and still fails on console errors.

import path from 'node:path';

export default function register(ctx) {
  const { s, expect, serve, dist, here, contractOf, eventsOf, ecgOnlyEvents, MONEY, shots } = ctx;
  const PROTOCOL = 'lvyue-embed/1';
  let second = null;
  let third = null;
  async function servers() {
    if (!second) second = await serve({ '/': dist });
    if (!third) third = await serve({ '/': path.join(here, 'fixtures') });
    return { host: second.origin, untrusted: third.origin };
  }
  /** The page may request `origins` only (page routes take precedence over the context's). */
  async function allow(page, problems, origins) {
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || url.startsWith('blob:') || origins.some((o) => url.startsWith(o + '/'))) {
        return route.continue();
      }
      problems.push(`request leaving the allowed origins: ${url}`);
      return route.abort('blockedbyclient');
    });
  }
  const received = (page) => page.evaluate(() => (window.lvyueHost?.received ?? []).map((m) => m));
  /** The first message received after `from` that satisfies `pred` (evaluated in the page). */
  async function waitForMessage(page, from, predSrc, what, timeout = 15000) {
    try {
      await page.waitForFunction(([n, src]) => {
        const pred = new Function('m', `return (${src});`);
        return (window.lvyueHost?.received ?? []).slice(n).some((m) => pred(m));
      }, [from, predSrc], { timeout });
    } catch {
      const got = (await received(page)).slice(from).map((m) => m.type);
      throw new Error(`no ${what} message arrived (after #${from}: ${JSON.stringify(got)})`);
    }
    const all = await received(page);
    return all.slice(from).find((m) => new Function('m', `return (${predSrc});`)(m));
  }
  const clause = (report, id) => report.penalties.find((p) => p.clause === id)?.total;
  const count = async (page) => (await received(page)).length;

  s.test('embed: the host page on another origin drives the app in a frame', async ({ page, origin, problems }) => {
    const { host } = await servers();
    await allow(page, problems, [origin, host]);
    await page.goto(`${host}/host/?app=${encodeURIComponent(origin + '/')}`);
    await waitForMessage(page, 0, `m.type === 'ready'`, 'ready');
    const ready = (await received(page)).find((m) => m.type === 'ready');
    expect(ready.protocol === PROTOCOL, `ready without the protocol: ${JSON.stringify(ready)}`);

    // The host sends 004 on ready: the report carries 004's real figures (as `lvyue eval`).
    const first = await waitForMessage(page, 0, `m.type === 'report'`, 'report');
    expect(first.report.format === 'lvyue-report/1', `report format ${first.report.format}`);
    expect(first.report.contract === '004-liyang-operations', `contract ${first.report.contract}`);
    expect(first.report.totals.seller_pays === '127400.00', `seller pays ${first.report.totals.seller_pays}`);
    expect(clause(first.report, '附件2-5.3') === '97700.00', `附件2-5.3 ${clause(first.report, '附件2-5.3')}`);
    await page.waitForFunction(() => document.querySelector('#embed-total')?.textContent === '127,400.00');
    // The JavaScript module on the host page gives the same figures with no UI.
    await page.waitForFunction(() => document.querySelector('#api-total')?.textContent === '127,400.00',
      null, { timeout: 15000 });
    expect(await page.textContent('#api-clause') === '97,700.00', 'the module gives another 附件2-5.3');

    // The frame: the compact layout.
    const frame = page.frames().find((f) => f.url().startsWith(origin + '/'));
    expect(frame, 'no frame of the app');
    await frame.waitForSelector('.app.is-compact[data-ready="1"]');
    expect(await frame.locator('#tab-tools').count() === 0, 'compact still shows the tools tab');
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t),
      contractOf('004-liyang-operations').title);

    // The ECG major incident alone (objects, not text): 49,200.00 for 附件2-5.3.
    let n = await count(page);
    await page.evaluate(([c, e]) => window.lvyueHost.send({ type: 'load', contract: c, events: e }),
      [contractOf('004-liyang-operations'), ecgOnlyEvents()]);
    const ecg = await waitForMessage(page, n, `m.type === 'report'`, 'report after the ECG load');
    expect(clause(ecg.report, '附件2-5.3') === '49200.00', `ECG only: 附件2-5.3 ${clause(ecg.report, '附件2-5.3')}`);
    await page.waitForFunction(() => document.querySelector('#embed-clause')?.textContent === '49,200.00');

    // A change of as-of through settings: `changed` with the new report.
    n = await count(page);
    await page.evaluate(() => window.lvyueHost.send({ type: 'settings', as_of: '2022-08-01' }));
    const byHost = await waitForMessage(page, n, `m.type === 'changed' && m.report.as_of === '2022-08-01'`, 'changed (settings)');
    expect(byHost.events.as_of === '2022-08-01', `changed carries events as of ${byHost.events.as_of}`);

    // An edit inside the frame (the record editor's as-of): `changed` with the new report.
    n = await count(page);
    await frame.click('#tab-record');
    await frame.waitForSelector('#as-of');
    await frame.evaluate(() => {
      const input = document.querySelector('#as-of');
      input.value = '2022-12-31';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const byUser = await waitForMessage(page, n, `m.type === 'changed' && m.report.as_of === '2022-12-31'`, 'changed (edit in the frame)');
    expect(clause(byUser.report, '附件2-5.3') === '49200.00', `after the edit: ${clause(byUser.report, '附件2-5.3')}`);

    // get-report answers with the current report.
    n = await count(page);
    await page.evaluate(() => window.lvyueHost.send({ type: 'get-report' }));
    const now = await waitForMessage(page, n, `m.type === 'report'`, 'report (get-report)');
    expect(now.report.as_of === '2022-12-31' && now.problems.length === 0, `get-report: ${now.report.as_of}`);

    // A broken contract: an error with located problems; the frame keeps its figures.
    n = await count(page);
    await page.evaluate(([e]) => window.lvyueHost.send({ type: 'load', contract: '{\n  "format": "lvyue-contract/2",\n  "id": oops\n}', events: e }),
      [JSON.stringify(eventsOf('004-liyang-operations'))]);
    const error = await waitForMessage(page, n, `m.type === 'error'`, 'error');
    expect(error.problems[0].code === 'json.syntax' && error.problems[0].line === 3, `error: ${JSON.stringify(error.problems[0])}`);
    await frame.waitForSelector('#load-failure');

    // Embedded, the app neither reads nor writes the user's saved workspace.
    const savedInFrame = await frame.evaluate(() => localStorage.getItem('lvyue/workspace/v1'));
    expect(savedInFrame === null, 'the embedded app saved the host\'s data as the user\'s workspace');
    // Every message to the host came from the app's origin with the protocol.
    for (const m of await received(page)) expect(m.protocol === PROTOCOL, `message without protocol: ${m.type}`);
    await page.screenshot({ path: path.join(shots, 'embed-host-1280x800.png'), fullPage: true });
  });

  s.test('embed: a page on an origin not on the allow-list is ignored', async ({ page, origin, problems }) => {
    const { host, untrusted } = await servers();
    await allow(page, problems, [origin, untrusted]);
    const src = `${origin}/?origins=${encodeURIComponent(host)}`;
    await page.goto(`${untrusted}/untrusted-host.html?src=${encodeURIComponent(src)}`);
    const frame = await (await page.waitForSelector('#app')).contentFrame();
    await frame.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    const title = contractOf('004-liyang-operations').title;
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t), title);
    await page.evaluate((c) => { window.talk({ type: 'load', contract: c.contract, events: c.events }); window.talk({ type: 'get-report' }); },
      { contract: contractOf('000-cloud-services'), events: eventsOf('000-cloud-services') });
    await page.waitForTimeout(1500);
    const shown = await frame.textContent('#contract-title');
    expect(shown.includes(title), `the app obeyed an untrusted origin: it shows "${shown}"`);
    const heard = await page.evaluate(() => window.heard);
    expect(heard.length === 0, `the app spoke to an untrusted origin: ${JSON.stringify(heard).slice(0, 200)}`);
    // Nothing was counted as an error in the console (the guard fails the test otherwise).
  });

  const WS_KEY = 'lvyue/workspace/v1';
  /** Saves 000 as the user's work at the app's own origin (the example, opened and autosaved). */
  async function saveWork(page, origin) {
    await page.goto(`${origin}/`);
    await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    await page.selectOption('#example-select', '000-cloud-services');
    await page.waitForFunction((k) => (localStorage.getItem(k) ?? '').includes('000-cloud-services'), WS_KEY,
      { timeout: 15000 });
    return page.evaluate((k) => localStorage.getItem(k), WS_KEY);
  }

  s.test('embed: framed by another site without origins=, the saved work stays hidden until the user asks', async ({ page, origin, problems }) => {
    const { untrusted } = await servers();
    await allow(page, problems, [origin, untrusted]);
    const saved = await saveWork(page, origin);
    const mine = contractOf('000-cloud-services').title;
    const demo = contractOf('004-liyang-operations').title;
    // The stranger's page frames the app with no allow-list (the clickjacking set-up).
    await page.goto(`${untrusted}/untrusted-host.html?src=${encodeURIComponent(`${origin}/`)}`);
    const frame = await (await page.waitForSelector('#app')).contentFrame();
    await frame.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    await frame.waitForSelector('#held-notice');
    await ctx.waitForText(frame, '#held-notice', '不显示');
    expect(await frame.locator('#held-show').count() === 1, 'no button to show the saved work');
    // The example, not the user's work; nothing of it anywhere on the page.
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t), demo);
    const body = await frame.textContent('body');
    expect(!body.includes(mine), 'the framed page shows the saved contract before the user asked');
    // An edit in the frame is not saved over the user's work.
    await frame.selectOption('#example-select', '001-oa-maintenance');
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t),
      contractOf('001-oa-maintenance').title);
    await page.waitForTimeout(500);
    const after = await frame.evaluate((k) => localStorage.getItem(k), WS_KEY);
    expect(after === saved, 'the framed page wrote over the saved work before the user asked');
    await page.screenshot({ path: path.join(shots, 'embed-held-notice-1280x800.png'), fullPage: true });
    // The user asks: the saved work is shown, and the notice goes.
    await frame.click('#held-show');
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t), mine);
    expect(await frame.locator('#held-notice').count() === 0, 'the notice stays after the user asked');
    await page.screenshot({ path: path.join(shots, 'embed-held-shown-1280x800.png'), fullPage: true });
    // At the top level the saved work opens as always, with no notice.
    await page.goto(`${origin}/`);
    await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    await page.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t), mine);
    expect(await page.locator('#held-notice').count() === 0, 'the notice shows at the top level');
  });

  s.test('embed: a message from a window that is not the parent is ignored, even from an allowed origin', async ({ page, origin, problems }) => {
    const { untrusted } = await servers();
    await allow(page, problems, [origin, untrusted]);
    // This time the stranger's origin is on the list: its page is the parent and is answered.
    const src = `${origin}/?origins=${encodeURIComponent(untrusted)}`;
    await page.goto(`${untrusted}/untrusted-host.html?src=${encodeURIComponent(src)}`);
    const frame = await (await page.waitForSelector('#app')).contentFrame();
    await frame.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    const demo = contractOf('004-liyang-operations').title;
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t), demo);
    // A sibling frame of the same (allowed) origin sends a load and asks for the report.
    await page.evaluate(([c, e]) => {
      const sib = document.createElement('iframe');
      sib.id = 'sibling';
      document.body.append(sib);
      sib.contentWindow.heard = [];
      sib.contentWindow.addEventListener('message', (ev) => sib.contentWindow.heard.push(ev.data));
      // Called in the sibling's realm, so the message's source is the sibling, not the parent.
      const send = new sib.contentWindow.Function('w', 'm', "w.postMessage(m, '*')");
      send(window.frames[0], { protocol: 'lvyue-embed/1', type: 'load', contract: c, events: e });
      send(window.frames[0], { protocol: 'lvyue-embed/1', type: 'get-report' });
    }, [contractOf('000-cloud-services'), eventsOf('000-cloud-services')]);
    await page.waitForTimeout(1500);
    const shown = await frame.textContent('#contract-title');
    expect(shown.includes(demo), `the app obeyed a window that is not its parent: it shows "${shown}"`);
    const sibling = await page.evaluate(() => document.querySelector('#sibling').contentWindow.heard);
    expect(sibling.length === 0, `the app answered a window that is not its parent: ${JSON.stringify(sibling).slice(0, 200)}`);
    // The parent itself, the same origin: obeyed.
    const n = (await page.evaluate(() => window.heard)).length;
    await page.evaluate(([c, e]) => window.talk({ type: 'load', contract: c, events: e }),
      [contractOf('000-cloud-services'), eventsOf('000-cloud-services')]);
    await frame.waitForFunction((t) => document.querySelector('#contract-title')?.textContent.includes(t),
      contractOf('000-cloud-services').title, { timeout: 15000 });
    await page.waitForFunction((k) => window.heard.slice(k).some((m) => m.type === 'report'), n, { timeout: 15000 });
  });

  s.test('embed: readonly=1 hides the editors, lang=en is English, compact=1 sets the class', async ({ page, origin }) => {
    await page.goto(`${origin}/?readonly=1&lang=en&compact=1#penalties`);
    await page.waitForSelector('[data-ready="1"]', { timeout: 15000 });
    expect(await page.getAttribute('html', 'lang') === 'en', 'html lang is not en');
    await ctx.waitForText(page, '#tab-penalties', 'Penalties');
    expect(await page.locator('.app.is-compact.is-readonly').count() === 1, 'no compact/readonly class on the root');
    for (const sel of ['#tab-record', '#tab-scenarios', '#tab-tools', '#file-input', '#example-select', '#clear-button', '#import-input', '#paste-toggle']) {
      expect(await page.locator(sel).count() === 0, `read-only still shows ${sel}`);
    }
    expect(await page.locator('#export-button').count() === 1, 'read-only lost the export');
    await ctx.waitForMatch(page, '[data-clause="附件2-5.3"] .clause-total', MONEY);
    // The record tab by its hash falls back to the summary.
    await page.goto(`${origin}/?readonly=1#record`);
    await page.waitForSelector('[data-ready="1"]');
    expect(await page.locator('#as-of').count() === 0, 'read-only shows the record editor');
    // An unknown value is ignored with a visible notice, not a crash.
    await page.goto(`${origin}/?lang=fr&compact=maybe`);
    await page.waitForSelector('[data-ready="1"]');
    await ctx.waitForText(page, '#url-notice', 'lang=fr');
    await ctx.waitForText(page, '#url-notice', 'compact=maybe');
    expect(await page.locator('.app.is-compact').count() === 0, 'compact=maybe made the layout compact');
  });

  s.test('embed: the JavaScript module evaluates, checks and gives schemas with no UI', async ({ page, origin }) => {
    await page.goto(`${origin}/__fixtures__/clean.html`);
    const out = await page.evaluate(async ([c, e]) => {
      const m = await import('/api/lvyue.js');
      await m.default();
      const report = JSON.parse(m.evaluate(JSON.stringify(c), JSON.stringify(e), '{"lang":"en"}'));
      let error = null;
      const bad = JSON.stringify({ ...c, colour: 'red' }, null, 2);
      const line = bad.split('\n').findIndex((l) => l.includes('"colour"')) + 1;
      try {
        m.evaluate(bad, JSON.stringify(e), '{"lang":"en"}');
      } catch (err) {
        error = { isError: err instanceof Error, message: err.message, code: err.code, first: err.problems?.[0], line };
      }
      let optionError = null;
      try { m.evaluate(JSON.stringify(c), JSON.stringify(e), '{"colour":1}'); } catch (err) { optionError = err.code; }
      const schema = JSON.parse(m.schema('contract'));
      const check = JSON.parse(m.check(JSON.stringify(c)));
      // A contract loaded once, evaluated twice: the full report and the compact one.
      const loaded = m.load(JSON.stringify(c));
      const again = loaded.evaluate(JSON.stringify(e), '{"lang":"en"}');
      const compact = JSON.parse(loaded.evaluate(JSON.stringify(e), '{"result":"compact"}'));
      let loadError = null;
      try { m.load(JSON.stringify(c), '{"as_of":"2023-01-01"}'); } catch (err) { loadError = err.code; }
      loaded.free();
      return { report, error, optionError, schema: { $schema: schema.$schema, title: schema.title }, check: check.ok, version: m.version(),
        same: again === m.evaluate(JSON.stringify(c), JSON.stringify(e), '{"lang":"en"}'), compact, loadError };
    }, [contractOf('004-liyang-operations'), ecgOnlyEvents()]);
    expect(out.same, 'the loaded contract gives what evaluate gives');
    expect(out.compact.compact === true && clause(out.compact, '附件2-5.3') === '49200.00'
      && out.compact.penalties.every((p) => p.lines.every((l) => l.steps.length === 0)),
      `compact: ${JSON.stringify(out.compact.totals)}`);
    expect(out.loadError === 'options.evaluate-only', `load with as_of gave ${out.loadError}`);
    expect(clause(out.report, '附件2-5.3') === '49200.00', `附件2-5.3 = ${clause(out.report, '附件2-5.3')}`);
    expect(out.error?.isError, `no Error thrown: ${JSON.stringify(out.error)}`);
    expect(out.error.code === 'field.unknown', `code ${out.error.code}`);
    expect(out.error.first.path === 'colour' && out.error.first.line === out.error.line && out.error.first.column > 0,
      `first problem ${JSON.stringify(out.error.first)} (colour is on line ${out.error.line})`);
    expect(out.error.first.input === 'contract' && out.error.first.en.includes('colour'), `first problem ${JSON.stringify(out.error.first)}`);
    expect(out.error.message.startsWith(`contract:${out.error.line}:`), `message ${out.error.message}`);
    expect(out.optionError === 'field.unknown', `an unknown option gave ${out.optionError}`);
    expect(typeof out.schema.$schema === 'string' && typeof out.schema.title === 'string', `schema ${JSON.stringify(out.schema)}`);
    expect(typeof out.check === 'boolean' && /\d+\.\d+\.\d+/.test(out.version), `check ${out.check}, version ${out.version}`);
  });
}
