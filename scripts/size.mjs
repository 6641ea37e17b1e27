#!/usr/bin/env node
// The size of the built app: each of its own top-level .wasm, .js and .css files in a dist
// directory, raw and gzipped (gzip -9, node's zlib: deterministic for the same bytes), and the
// total. Subdirectories (dist/api/, …) and the service worker's script (sw.js, service-worker.js)
// are not counted: the budget is what a browser downloads to show the page.
//
//   node scripts/size.mjs dist                                  print the table
//   node scripts/size.mjs dist --budget tests/size-budget.json  and fail if over the budget
//   node scripts/size.mjs dist --json                           the figures as JSON
//
// The budget file: { "gzip_total_bytes": N, "target_gzip_total_bytes": 256000, "note": "…" }.
// Exit status: 0 within budget (or no budget given), 1 over budget, 2 bad usage or no files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const NOT_COUNTED = /^(sw|service-worker)\.js$/;

export function measure(dir) {
  const files = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (!fs.statSync(full).isFile() || !/\.(wasm|js|css)$/.test(name) || NOT_COUNTED.test(name)) continue;
    const data = fs.readFileSync(full);
    files.push({ name, raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length });
  }
  const sum = (k) => files.reduce((n, f) => n + f[k], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip') };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** Checks `m` against a budget; returns the lines to print and whether it passes. */
export function check(m, budget) {
  const limit = budget.gzip_total_bytes;
  if (!Number.isInteger(limit) || limit <= 0) throw new Error('budget: gzip_total_bytes must be a positive integer');
  const target = budget.target_gzip_total_bytes;
  const ok = m.gzip <= limit;
  const lines = [
    `size budget: gzip total ${m.gzip} B (${kb(m.gzip)}) ${ok ? '<=' : '>'} budget ${limit} B (${kb(limit)})` +
      (ok ? `, ${kb(limit - m.gzip)} to spare` : `, ${kb(m.gzip - limit)} over`),
  ];
  if (Number.isInteger(target)) {
    lines.push(`size target: ${target} B (${kb(target)}) — ${m.gzip <= target ? 'met' : `missed by ${kb(m.gzip - target)}`}`);
  }
  return { ok, lines };
}

function main(argv) {
  const args = argv.slice(2);
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--budget');
  const bi = args.indexOf('--budget');
  const budgetPath = bi >= 0 ? args[bi + 1] : null;
  if (!dir || (bi >= 0 && !budgetPath)) {
    console.error('usage: node scripts/size.mjs DIST [--budget FILE.json] [--json]');
    return 2;
  }
  const m = measure(dir);
  if (m.files.length === 0) {
    console.error(`size: no .wasm, .js or .css files in ${dir}`);
    return 2;
  }
  if (args.includes('--json')) {
    console.log(JSON.stringify(m, null, 2));
  } else {
    const w = Math.max(...m.files.map((f) => f.name.length), 5);
    console.log(`${'file'.padEnd(w)}  ${'raw'.padStart(12)}  ${'gzip -9'.padStart(12)}`);
    for (const f of m.files) console.log(`${f.name.padEnd(w)}  ${kib(f.raw).padStart(12)}  ${kib(f.gzip).padStart(12)}`);
    console.log(`${'total'.padEnd(w)}  ${kib(m.raw).padStart(12)}  ${kib(m.gzip).padStart(12)}   (${m.raw} B raw, ${m.gzip} B gzip)`);
  }
  if (!budgetPath) return 0;
  const { ok, lines } = check(m, JSON.parse(fs.readFileSync(budgetPath, 'utf8')));
  for (const l of lines) console.log(l);
  if (!ok) console.error(`size: over budget (${budgetPath}); shrink the app or, if the growth is wanted, raise the budget there`);
  return ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scripts/size.mjs')) {
  process.exitCode = main(process.argv);
}
