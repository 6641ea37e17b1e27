// Precompressed files: `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip -9) beside each
// compressible file of the built site, so that a server sends them as they are instead of
// compressing every response again, or not at all (docs/deployment.md: nginx gzip_static and
// brotli_static, IIS and Apache rewrites). The e2e harness's server serves them the same way
// (tests/e2e/harness.mjs), so the end-to-end tests run against what a deployment sends.
//
//   node scripts/precompress.mjs DIR      (scripts/post-build.d/90-compress.sh, release builds)
//
// Compressible: text and wasm (see COMPRESSIBLE) of at least MIN_BYTES; not images, fonts or
// archives that are compressed already, and not files so small that a variant does not pay.
// Variants left from an earlier run are removed first: the result depends only on DIR's files.
// Node's zlib only (no dependency); its output is the same for the same bytes on every machine,
// which scripts/size.mjs relies on when it reads the .br sizes as the brotli figures.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|webmanifest|txt|xml|map|ts|ico)$/;
export const MIN_BYTES = 1024;
export const VARIANTS = /\.(br|gz)$/;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Brotli at its maximum quality, with a window as large as the file needs (up to 16 MiB). */
export const brotliOptions = (size) => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
    [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: size,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_GENERIC,
  },
});
// The same as scripts/size.mjs measures with, so that a .gz is the figure the budget counts.
export const GZIP_OPTIONS = { level: 9 };

/** Every file under `dir` (relative paths, sorted), hidden ones excepted. */
export function filesOf(dir) {
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.name.startsWith('.') ? [] : e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  return walk(dir).map((f) => path.relative(dir, f).split(path.sep).join('/')).sort();
}

/** Whether `rel` (a file of `dir`, not a variant) gets a .br and a .gz beside it. */
export function compressible(dir, rel) {
  return COMPRESSIBLE.test(rel) && !VARIANTS.test(rel) && fs.statSync(path.join(dir, rel)).size >= MIN_BYTES;
}

/** Writes the variants of every compressible file of `dir`; returns what it wrote. */
export async function precompress(dir) {
  for (const rel of filesOf(dir).filter((f) => VARIANTS.test(f))) fs.rmSync(path.join(dir, rel));
  const todo = filesOf(dir).filter((rel) => compressible(dir, rel));
  // Largest first: zlib's async calls run on libuv's thread pool, one file per core.
  todo.sort((a, b) => fs.statSync(path.join(dir, b)).size - fs.statSync(path.join(dir, a)).size);
  return Promise.all(todo.map(async (rel) => {
    const full = path.join(dir, rel);
    const data = fs.readFileSync(full);
    const [br, gz] = await Promise.all([brotli(data, brotliOptions(data.length)), gzip(data, GZIP_OPTIONS)]);
    // The variants carry their file's modification time, as nginx's gzip_static recommends
    // (its Last-Modified and ETag then agree across the representations).
    const { atimeMs, mtimeMs } = fs.statSync(full);
    for (const [ext, bytes] of [['.br', br], ['.gz', gz]]) {
      fs.writeFileSync(full + ext, bytes);
      fs.utimesSync(full + ext, atimeMs / 1000, mtimeMs / 1000);
    }
    return { rel, raw: data.length, br: br.length, gzip: gz.length };
  }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir || !fs.existsSync(dir)) { console.error('usage: node scripts/precompress.mjs DIR'); process.exit(2); }
  const t0 = Date.now();
  const done = await precompress(dir);
  const sum = (k) => done.reduce((n, f) => n + f[k], 0);
  console.log(`precompress: ${done.length} files, ${sum('raw')} B → ${sum('gzip')} B gzip, ${sum('br')} B brotli (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
