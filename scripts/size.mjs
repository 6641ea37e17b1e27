#!/usr/bin/env node
// The size of the built app, gzip -9 and brotli 11, in three sets of a dist directory:
//
// - the budget's set: each of its own top-level .wasm, .js and .css files, raw, gzipped and
//   brotli'd, and the totals. Subdirectories (dist/api/, …) and the service worker's script
//   (sw.js, service-worker.js) are not counted. tests/size-budget.json holds its budget.
// - the first load: what the default page requests before it shows the summary — index.html and
//   what it names (stylesheets, scripts, preloads, the module script's JS and wasm), and the
//   static imports of those scripts (the glue's snippets), and the default example's two files
//   (dist/examples/004-*.json, fetched at start). Not the on-demand modules (xlsx/,
//   author/), not dist/api/ (for embedders), not the service worker (registered after the page
//   runs; it then fetches the whole app into its cache in the background).
// - the whole app: the first load and every on-demand module (every file but dist/api/,
//   dist/host/, the precompressed variants and the service worker).
//
// Gzip is node's zlib at level 9 (deterministic for the same bytes). Brotli is the size of the
// file's NAME.br beside it when that decodes to the file (scripts/precompress.mjs, release
// builds: what a server sends), else compressed here with the same settings (quality 11).
//
//   node scripts/size.mjs dist                                  print the tables
//   node scripts/size.mjs dist --budget tests/size-budget.json  and fail if over the budget
//   node scripts/size.mjs dist --json                           the figures as JSON
//
// The budget file: { "gzip_total_bytes": N, "brotli_total_bytes": M (optional),
// "target_gzip_total_bytes": …, "target_brotli_total_bytes": …, "note": "…" }, for the budget's set.
// Exit status: 0 within budget (or no budget given), 1 over budget, 2 bad usage or no files.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { brotliOptions, VARIANTS } from './precompress.mjs';

const NOT_COUNTED = /^(sw|service-worker)\.js$/;

/** The brotli size of `full` (bytes `data`): its .br beside it if that is of these bytes. */
function brotliSize(full, data) {
  const br = `${full}.br`;
  if (fs.existsSync(br)) {
    const packed = fs.readFileSync(br);
    try {
      if (zlib.brotliDecompressSync(packed).equals(data)) return packed.length;
    } catch { /* not brotli: measured below */ }
  }
  return zlib.brotliCompressSync(data, brotliOptions(data.length)).length;
}

/** Raw, gzip -9 and brotli sizes of the files `rels` (relative to `dir`), and their totals. */
export function sizes(dir, rels) {
  const files = rels.map((name) => {
    const full = path.join(dir, name);
    const data = fs.readFileSync(full);
    return { name, raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length, brotli: brotliSize(full, data) };
  });
  const sum = (k) => files.reduce((n, f) => n + f[k], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip'), brotli: sum('brotli') };
}

/** The budget's set: top-level .wasm, .js and .css, not the service worker. */
export function measure(dir) {
  const names = fs.readdirSync(dir).sort().filter((name) => fs.statSync(path.join(dir, name)).isFile()
    && /\.(wasm|js|css)$/.test(name) && !NOT_COUNTED.test(name));
  return sizes(dir, names);
}

/**
 * The files the default page requests before it shows anything: index.html, every local file
 * it names (href, src, the module script's `from './…'` and `module_or_path: './…'`), and the
 * static imports of those scripts, transitively. Dynamic `import(…)` is on demand: not followed.
 */
const DEFAULT_EXAMPLE = '004-liyang-operations';

export function firstLoadFiles(dir) {
  const seen = new Set();
  const visit = (rel) => {
    rel = path.posix.normalize(rel);
    if (seen.has(rel) || rel.startsWith('..') || !fs.existsSync(path.join(dir, rel))) return;
    seen.add(rel);
    const text = /\.(html|m?js)$/.test(rel) ? fs.readFileSync(path.join(dir, rel), 'utf8') : '';
    const base = path.posix.dirname(rel);
    const refs = rel.endsWith('.html')
      ? [...text.matchAll(/\b(?:href|src)\s*=\s*"([^"]+)"|\bfrom\s*'([^']+)'|module_or_path:\s*'([^']+)'/g)]
      : [...text.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)];
    for (const m of refs) {
      const ref = m.slice(1).find(Boolean);
      if (!ref || /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i.test(ref)) continue; // data:, https:, //host, #id
      visit(path.posix.join(base, ref.split(/[?#]/)[0]));
    }
  };
  visit('index.html');
  // The default example's two files, which the app fetches at start (src/ui/example_fetch.rs;
  // scripts/post-build.d/40-examples.sh): the first of the picker's list in src/ui/examples.rs.
  for (const f of fs.existsSync(path.join(dir, 'examples')) ? fs.readdirSync(path.join(dir, 'examples')) : []) {
    if (f.startsWith(`${DEFAULT_EXAMPLE}.`) && f.endsWith('.json')) visit(`examples/${f}`);
  }
  return [...seen].sort();
}

export const firstLoad = (dir) => sizes(dir, firstLoadFiles(dir));

/** Every file of the app as a browser may fetch it: not dist/api/, dist/host/, variants, sw. */
export function wholeApp(dir) {
  const walk = (d) => fs.readdirSync(path.join(dir, d), { withFileTypes: true }).flatMap((e) => {
    const rel = d ? `${d}/${e.name}` : e.name;
    if (e.name.startsWith('.') || (!d && ['api', 'host'].includes(e.name))) return [];
    return e.isDirectory() ? walk(rel) : [rel];
  });
  return sizes(dir, walk('').filter((f) => !VARIANTS.test(f) && !NOT_COUNTED.test(f)).sort());
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

/** Checks `m` against a budget; returns the lines to print and whether it passes. */
export function check(m, budget) {
  const positive = (k) => {
    if (!Number.isInteger(budget[k]) || budget[k] <= 0) throw new Error(`budget: ${k} must be a positive integer`);
    return budget[k];
  };
  const lines = [];
  let ok = true;
  for (const [what, key] of [['gzip', 'gzip_total_bytes'], ['brotli', 'brotli_total_bytes']]) {
    // gzip's budget is required; brotli's is checked when the file has one.
    if (what === 'brotli' && budget[key] === undefined) continue;
    const limit = positive(key);
    const within = m[what] <= limit;
    ok &&= within;
    lines.push(`size budget: ${what} total ${m[what]} B (${kb(m[what])}) ${within ? '<=' : '>'} budget ${limit} B (${kb(limit)})` +
      (within ? `, ${kb(limit - m[what])} to spare` : `, ${kb(m[what] - limit)} over`));
  }
  for (const what of ['gzip', 'brotli']) {
    const target = budget[`target_${what}_total_bytes`];
    if (!Number.isInteger(target)) continue;
    lines.push(`size target (${what}): ${target} B (${kb(target)}) — ${m[what] <= target ? 'met' : `missed by ${kb(m[what] - target)}`}`);
  }
  return { ok, lines };
}

/** The table of one set of files. */
function table(title, m) {
  const w = Math.max(...m.files.map((f) => f.name.length), 5);
  const row = (name, f) => `${name.padEnd(w)}  ${kib(f.raw).padStart(12)}  ${kib(f.gzip).padStart(12)}  ${kib(f.brotli).padStart(12)}`;
  return [
    `${title}`,
    `${'file'.padEnd(w)}  ${'raw'.padStart(12)}  ${'gzip -9'.padStart(12)}  ${'brotli 11'.padStart(12)}`,
    ...m.files.map((f) => row(f.name, f)),
    `${row('total', m)}   (${m.raw} B raw, ${m.gzip} B gzip, ${m.brotli} B brotli)`,
  ].join('\n');
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
  const first = firstLoad(dir);
  const whole = wholeApp(dir);
  if (args.includes('--json')) {
    console.log(JSON.stringify({ ...m, first_load: first, whole_app: whole }, null, 2));
  } else {
    console.log(table('budget: top-level wasm, js and css (tests/size-budget.json)', m));
    console.log(`\n${table('first load: what the default page requests before it shows the summary', first)}`);
    const onDemand = { raw: whole.raw - first.raw, gzip: whole.gzip - first.gzip, brotli: whole.brotli - first.brotli };
    console.log(`\nwhole app (first load + every on-demand module; not api/, host/, sw.js): ${whole.files.length} files, ` +
      `${whole.raw} B raw, ${whole.gzip} B gzip, ${whole.brotli} B brotli ` +
      `(on demand: ${onDemand.raw} B raw, ${onDemand.gzip} B gzip, ${onDemand.brotli} B brotli)`);
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
