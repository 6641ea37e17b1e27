// The size budget (scripts/size.mjs, tests/size-budget.json): the built site is within it, and
// the check itself fails when it should (a self-test on a made-up dist directory).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { measure, check } from '../../../scripts/size.mjs';

export default function register(ctx) {
  const { s, expect, dist, here } = ctx;
  const root = path.resolve(here, '../..');
  const script = path.join(root, 'scripts/size.mjs');
  const budgetFile = path.join(root, 'tests/size-budget.json');
  const run = (...args) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });

  s.test('size: the release wasm, js and css are within tests/size-budget.json', async () => {
    const budget = JSON.parse(fs.readFileSync(budgetFile, 'utf8'));
    const m = measure(dist);
    expect(m.files.some((f) => f.name.endsWith('.wasm')), 'no wasm counted in dist');
    expect(m.files.some((f) => f.name.endsWith('.js')), 'no js counted in dist');
    expect(m.files.some((f) => f.name.endsWith('.css')), 'no css counted in dist');
    const { ok, lines } = check(m, budget);
    for (const l of lines) console.log(`measure: ${l}`);
    expect(ok, lines[0]);
  });

  s.test('size: the budget check fails over budget and counts only top-level wasm, js and css', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lvyue-size-'));
    try {
      // 3 counted files; a subdirectory, the service worker and other files are not counted.
      fs.writeFileSync(path.join(dir, 'app_bg.wasm'), Buffer.alloc(4000, 7));
      fs.writeFileSync(path.join(dir, 'app.js'), 'export const x = 1;\n'.repeat(50));
      fs.writeFileSync(path.join(dir, 'main.css'), 'body { margin: 0 }\n');
      fs.writeFileSync(path.join(dir, 'sw.js'), 'x'.repeat(100000));
      fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
      fs.mkdirSync(path.join(dir, 'api'));
      fs.writeFileSync(path.join(dir, 'api', 'lvyue.js'), 'y'.repeat(100000));
      const m = measure(dir);
      expect(m.files.map((f) => f.name).join(',') === 'app.js,app_bg.wasm,main.css',
        `counted ${m.files.map((f) => f.name).join(',')}`);
      const tiny = path.join(dir, 'tiny.json');
      fs.writeFileSync(tiny, JSON.stringify({ gzip_total_bytes: 10, target_gzip_total_bytes: 5 }));
      const over = run(dir, '--budget', tiny);
      expect(over.status === 1, `over budget: exit ${over.status}, want 1\n${over.stdout}${over.stderr}`);
      expect(/over budget/.test(over.stderr), `no "over budget" message: ${over.stderr}`);
      const roomy = path.join(dir, 'roomy.json');
      fs.writeFileSync(roomy, JSON.stringify({ gzip_total_bytes: m.gzip, target_gzip_total_bytes: 250000 }));
      const exact = run(dir, '--budget', roomy);
      expect(exact.status === 0, `at the budget exactly: exit ${exact.status}, want 0\n${exact.stdout}${exact.stderr}`);
      expect(exact.stdout.includes(`gzip total ${m.gzip} B`), exact.stdout);
      fs.writeFileSync(roomy, JSON.stringify({ gzip_total_bytes: m.gzip - 1 }));
      expect(run(dir, '--budget', roomy).status === 1, 'one byte over the budget passed');
      fs.writeFileSync(roomy, JSON.stringify({ gzip_total_bytes: 'big' }));
      expect(run(dir, '--budget', roomy).status !== 0, 'a malformed budget passed');
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'lvyue-size-empty-'));
      expect(run(empty, '--budget', budgetFile).status === 2, 'an empty dist passed');
      fs.rmSync(empty, { recursive: true });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });
}
