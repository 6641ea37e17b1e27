// The end-to-end harness: a static server for the built site, headless Chromium driven by
// playwright-core, and a guard that fails a page on any console error, any uncaught exception
// and any request that leaves the page's origin (such requests are also blocked).
//
// Nothing here downloads a browser: Chromium is Debian's /usr/bin/chromium.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};

// Whether `variant` decodes to `file`'s bytes, remembered per (size, mtime) of both.
const checked = new Map();
function sameBytes(file, variant, encoding) {
  const stamp = [file, variant].map((f) => { const st = fs.statSync(f); return `${st.size}:${st.mtimeMs}`; }).join('|');
  const known = checked.get(variant);
  if (known?.stamp === stamp) return known.ok;
  const data = fs.readFileSync(variant);
  let ok = false;
  try {
    ok = (encoding === 'br' ? zlib.brotliDecompressSync(data) : zlib.gunzipSync(data)).equals(fs.readFileSync(file));
  } catch { ok = false; }
  checked.set(variant, { stamp, ok });
  return ok;
}

/**
 * The precompressed variant of `file` to send for a request's Accept-Encoding, as a deployment
 * does (docs/deployment.md; scripts/precompress.mjs writes NAME.br and NAME.gz): brotli before
 * gzip, each only if the header accepts it (a q of 0 refuses; `*` accepts what is not named)
 * and its file exists and holds exactly the file's bytes (a test that edits a copy of the site
 * leaves the old variants stale: those are not sent). Returns { encoding, path } or null for the
 * file as it is.
 */
export function negotiate(file, acceptEncoding = '') {
  const q = new Map();
  for (const part of String(acceptEncoding).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    if (!name) continue;
    const qp = params.find((p) => p.startsWith('q='));
    const v = qp ? Number(qp.slice(2)) : 1;
    q.set(name, Number.isFinite(v) ? v : 0);
  }
  const accepts = (enc) => (q.has(enc) ? q.get(enc) > 0 : (q.get('*') ?? 0) > 0);
  for (const [encoding, ext] of [['br', '.br'], ['gzip', '.gz']]) {
    if (accepts(encoding) && fs.existsSync(file + ext) && sameBytes(file, file + ext, encoding)) {
      return { encoding, path: file + ext };
    }
  }
  return null;
}

/**
 * Serves `mounts` ({ urlPrefix: directory }) on 127.0.0.1 at a free port. A file with
 * precompressed variants beside it is sent as the variant the request accepts, with
 * Content-Encoding and `Vary: Accept-Encoding` (see `negotiate`), as from nginx's
 * gzip_static/brotli_static; `served` counts the responses by encoding ('br', 'gzip', 'identity').
 */
export async function serve(mounts) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let rel = decodeURIComponent(url.pathname);
    const prefix = Object.keys(mounts).sort((a, b) => b.length - a.length).find((p) => rel.startsWith(p));
    if (prefix === undefined) { res.writeHead(404).end('not found'); return; }
    const root = path.resolve(mounts[prefix]);
    let file = path.resolve(root, '.' + rel.slice(prefix.length - 1));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    const variant = fs.existsSync(file) ? negotiate(file, req.headers['accept-encoding']) : null;
    fs.readFile(variant?.path ?? file, (err, data) => {
      if (err) { res.writeHead(404).end('not found'); return; }
      const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
                        'cache-control': 'no-store', 'content-length': data.length };
      if (variant) headers['content-encoding'] = variant.encoding;
      if (variant || fs.existsSync(file + '.br') || fs.existsSync(file + '.gz')) headers.vary = 'Accept-Encoding';
      served[variant?.encoding ?? 'identity']++;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : data);
    });
  });
  const served = { br: 0, gzip: 0, identity: 0 };
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, served, close: () => new Promise((ok) => server.close(ok)) };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens a guarded page: every console error, uncaught exception and off-origin request is
 * recorded in `problems`, and off-origin requests are aborted.
 */
export async function guardedPage(browser, origin, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith(origin + '/')) {
      return route.continue();
    }
    problems.push(`request leaving the origin: ${url}`);
    return route.abort('blockedbyclient');
  });
  return { page, context, problems };
}

/** A tiny test runner: named async tests, each with a guarded page; prints a summary line. */
export function suite() {
  const tests = [];
  return {
    test(name, fn, opts = {}) { tests.push({ name, fn, opts }); },
    async run({ browser, origin }) {
      let passed = 0, failed = 0;
      for (const t of tests) {
        const { page, context, problems } = await guardedPage(browser, origin, t.opts);
        const started = Date.now();
        let error = null;
        try {
          await t.fn({ page, problems, origin, browser, context });
          // Let late console errors and requests arrive before judging the page.
          await page.waitForTimeout(100);
        } catch (e) {
          error = e;
        }
        const expectProblems = t.opts.expectProblems;
        if (expectProblems) {
          // A harness self-test: the page is bad on purpose and the guard must catch it.
          const missing = expectProblems.filter((re) => !problems.some((p) => re.test(p)));
          if (error) problems.unshift(`test threw: ${error.message}`);
          else if (missing.length) problems.unshift(`guard missed: ${missing.join(', ')}`);
          else problems.length = 0;
        } else if (error) {
          problems.unshift(error.stack ?? String(error));
        }
        await context.close();
        const ms = Date.now() - started;
        if (problems.length === 0) {
          passed++;
          console.log(`ok   ${t.name} (${ms} ms)`);
        } else {
          failed++;
          console.log(`FAIL ${t.name} (${ms} ms)`);
          for (const p of problems) console.log(`     ${p.split('\n').join('\n     ')}`);
        }
      }
      return { passed, failed };
    },
  };
}
