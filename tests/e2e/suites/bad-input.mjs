// The bad-input corpus (tests/bad-input/cases.json) through the JavaScript module
// (dist/api/lvyue.js) in headless Chromium: every broken file makes `evaluate` throw an Error
// whose `.problems` name exactly the case's errors (code, path, and line and column where the
// case states them); the valid cases give a report. Never a crash, never a hang: the whole
// corpus, the 21 MB and 10,000-deep files included, runs in one page under a time limit.
//
// The same manifest runs natively through the library, the CLI and `lvyue::api`
// (tests/all/bad_input.rs); the rules of comparison are the same as there (`compare`).
import fs from 'node:fs';
import path from 'node:path';

export default function register(ctx) {
  const { s, expect, here } = ctx;
  const dir = path.resolve(here, '../bad-input');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
  const minEvents = fs.readFileSync(path.join(dir, manifest.events_for_contract_cases), 'utf8');

  s.test(`bad input: all ${manifest.cases.length} corpus cases through the JS module's evaluate`, async ({ page, origin }) => {
    await page.goto(`${origin}/__fixtures__/clean.html`);
    await page.evaluate(async () => {
      const api = await import('/api/lvyue.js');
      await api.default();
      window.__api = api;
      // The generator of tests/bad-input/README.md: prefix + repeat×times + middle + close×times + suffix.
      window.__generate = (g) => {
        const parts = [g.prefix ?? ''];
        for (let i = 0; i < g.times; i++) parts.push((g.repeat ?? '').replaceAll('{i}', String(i)));
        parts.push(g.middle ?? '');
        parts.push((g.close ?? '').repeat(g.times));
        parts.push(g.suffix ?? '');
        return parts.join('');
      };
    });
    const failures = [];
    let errorsSeen = 0, reports = 0, undecodable = 0;
    for (const c of manifest.cases) {
      const other = c.kind === 'contract' ? minEvents : fs.readFileSync(path.join(dir, c.contract), 'utf8');
      const bytes = c.file ? fs.readFileSync(path.join(dir, c.file)).toString('base64') : null;
      const started = Date.now();
      const out = await page.evaluate(async ({ c, bytes, other }) => {
        let text;
        if (bytes === null) {
          text = window.__generate(c.generate);
        } else {
          const raw = Uint8Array.from(atob(bytes), (ch) => ch.charCodeAt(0));
          try {
            // Keep a byte-order mark as the Rust side does (the loader accepts it).
            text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
          } catch {
            return { undecodable: true };
          }
        }
        const [contract, events] = c.kind === 'contract' ? [text, other] : [other, text];
        try {
          const report = JSON.parse(window.__api.evaluate(contract, events, '{}'));
          return { report: report.format };
        } catch (e) {
          if (!Array.isArray(e.problems)) return { thrown: String(e && e.stack || e) };
          return {
            code: e.code,
            message: e.message,
            problems: e.problems
              .map(({ input, code, path, severity, line, column }) => ({ input, code, path, severity, line, column })),
          };
        }
      }, { c, bytes, other });
      const ms = Date.now() - started;
      // A file that loads may still not evaluate (`eval`: an overflow, located in the contract
      // unless the expectation names its `input`); those are the errors then.
      const loadErrors = (c.expect ?? []).filter((e) => (e.severity ?? 'error') === 'error');
      const evalErrors = loadErrors.length ? [] : (c.eval ?? []).map((e) => ({ input: 'contract', ...e }));
      const errors = loadErrors.length ? loadErrors.map((e) => ({ input: c.kind, ...e })) : evalErrors;
      const fail = (why) => failures.push(`${c.name}: ${why}`);
      if (ms > 60000) fail(`took ${ms} ms`);
      if (out.undecodable) {
        undecodable++;
        if (!errors.some((e) => e.code === 'text.invalid-utf8')) fail('not UTF-8, but the case expects no text.invalid-utf8');
        continue;
      }
      if (out.thrown) { fail(`threw something that is not an lvyue error: ${out.thrown}`); continue; }
      if (out.report !== undefined) {
        reports++;
        if (errors.length) fail(`a report, but the case expects ${errors.map((e) => e.code).join(', ')}`);
        else if (out.report !== 'lvyue-report/1') fail(`not a report: ${out.report}`);
        continue;
      }
      errorsSeen++;
      if (!errors.length) { fail(`threw ${out.code}: ${out.message}`); continue; }
      const inputs = new Set(errors.map((e) => e.input));
      const found = out.problems.filter((p) => p.severity === 'error' && inputs.has(p.input));
      const left = [...found];
      for (const e of errors) {
        const k = left.findIndex((f) => f.input === e.input && f.code === e.code && f.path === e.path
          && (e.line === undefined || e.line === f.line) && (e.column === undefined || e.column === f.column));
        if (k < 0) fail(`missing ${JSON.stringify(e)}; found ${JSON.stringify(found.slice(0, 3))}`);
        else left.splice(k, 1);
      }
      if (!c.more && left.length) fail(`unexpected ${JSON.stringify(left.slice(0, 3))}`);
      if (found.length < (c.min ?? 0)) fail(`${found.length} problems, expected at least ${c.min}`);
      if (found.some((f) => !f.line || !f.column)) fail('a problem without line and column');
      if (!out.message || !out.code) fail('the Error has no message or code');
    }
    console.log(`bad input (JS module): ${manifest.cases.length} cases: ${errorsSeen} threw the expected problems, ${reports} gave a report, ${undecodable} were not UTF-8 (refused by the decoder)`);
    expect(failures.length === 0, `${failures.length} cases differ:\n${failures.join('\n')}`);
    expect(errorsSeen >= 60, `only ${errorsSeen} cases threw`);
  }, { timeout: 600000 });
}
