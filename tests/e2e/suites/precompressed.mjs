// Issue 14, items 2 and 3: the release's precompressed files (scripts/precompress.mjs,
// scripts/post-build.d/90-compress.sh), the harness's server sending them as a deployment does
// (tests/e2e/harness.mjs `negotiate`), the size figures in gzip and brotli with the first load
// the page really requests (scripts/size.mjs), and the single file with its wasm compressed
// (scripts/single-file.mjs).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { COMPRESSIBLE, MIN_BYTES, VARIANTS, brotliOptions, filesOf } from '../../../scripts/precompress.mjs';
import { measure, check, firstLoadFiles, wholeApp } from '../../../scripts/size.mjs';

/** GET `url` with `headers`; resolves { status, headers, body } (the body as sent, not decoded). */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

export default function register(ctx) {
  const { s, expect, serve, dist, shots, here } = ctx;
  const repo = path.resolve(here, '../..');
  const file = (rel) => fs.readFileSync(path.join(dist, rel));
  const unbr = (b) => zlib.brotliDecompressSync(b);
  const ungz = (b) => zlib.gunzipSync(b);
  const appWasm = () => fs.readdirSync(dist).find((f) => /^lvyue-web-.*_bg\.wasm$/.test(f));

  s.test('precompressed: every compressible file of dist has a .br and a .gz of exactly its bytes, nothing else has one', async () => {
    const all = filesOf(dist);
    const originals = all.filter((f) => !VARIANTS.test(f));
    const want = originals.filter((f) => COMPRESSIBLE.test(f) && fs.statSync(path.join(dist, f)).size >= MIN_BYTES);
    // Not vacuous: the app's wasm, glue, css and page, the worker, the on-demand modules, the API.
    for (const re of [/^lvyue-web-.*_bg\.wasm$/, /^lvyue-web-.*\.js$/, /^main-.*\.css$/, /^index\.html$/, /^sw\.js$/,
      /^xlsx\/lvyue_xlsx_bg\.wasm$/, /^author\/lvyue_author_bg\.wasm$/, /^api\/lvyue_bg\.wasm$/]) {
      expect(want.some((f) => re.test(f)), `no compressible file ${re} in dist`);
    }
    let raw = 0, br = 0, gz = 0;
    for (const f of want) {
      for (const ext of ['.br', '.gz']) expect(all.includes(f + ext), `${f}${ext} is missing`);
      const data = file(f), b = file(`${f}.br`), g = file(`${f}.gz`);
      expect(unbr(b).equals(data), `${f}.br does not decode to ${f}`);
      expect(ungz(g).equals(data), `${f}.gz does not decode to ${f}`);
      expect(b.length < data.length && g.length < data.length, `${f}: a variant is not smaller (${data.length} raw, ${g.length} gz, ${b.length} br)`);
      raw += data.length; br += b.length; gz += g.length;
    }
    // Nothing else: no variant of a small or already compressed file, and no orphan.
    const variants = all.filter((f) => VARIANTS.test(f));
    const orphans = variants.filter((v) => !want.includes(v.replace(VARIANTS, '')));
    expect(orphans.length === 0, `variants of no compressible file: ${orphans.join(', ')}`);
    expect(variants.length === 2 * want.length, `${variants.length} variants for ${want.length} files`);
    // Maximum quality: a file's .br is as small as brotli 11 makes it, its .gz as gzip -9.
    const wasm = appWasm();
    expect(file(`${wasm}.gz`).length === zlib.gzipSync(file(wasm), { level: 9 }).length, `${wasm}.gz is not gzip -9`);
    const page = file('index.html');
    expect(file('index.html.br').length === zlib.brotliCompressSync(page, brotliOptions(page.length)).length, 'index.html.br is not brotli 11');
    expect(file(`${wasm}.br`).length < file(`${wasm}.gz`).length * 0.8, `${wasm}: brotli saves less than 20% over gzip`);
    console.log(`measure: precompressed ${want.length} files: ${raw} B raw, ${gz} B gzip, ${br} B brotli`);
  });

  s.test('precompressed: the service worker precaches every file of the release and no .br or .gz', async () => {
    const sw = file('sw.js').toString('utf8');
    const list = JSON.parse(sw.match(/const FILES = (\[[\s\S]*?\]);/)[1].replace(/,\s*\]$/, ']'));
    const listed = list.map((f) => f.replace(/^\.\//, '')).sort();
    expect(!listed.some((f) => VARIANTS.test(f)), `the worker lists variants: ${listed.filter((f) => VARIANTS.test(f)).join(', ')}`);
    const originals = filesOf(dist).filter((f) => !VARIANTS.test(f) && f !== 'sw.js');
    expect(JSON.stringify(listed) === JSON.stringify(originals),
      `the worker's list differs from dist: missing ${originals.filter((f) => !listed.includes(f)).join(', ') || '-'}; extra ${listed.filter((f) => !originals.includes(f)).join(', ') || '-'}`);
  });

  s.test('precompressed: the server sends the variant the request accepts, with Content-Encoding and Vary', async () => {
    const server = await serve({ '/': dist });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lvyue-stale-'));
    try {
      const wasm = appWasm();
      const data = file(wasm);
      const cases = [
        ['gzip, deflate, br, zstd', 'br'], ['br', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip'],
        ['*', 'br'], ['br;q=0, *;q=0.1', 'gzip'], ['identity', undefined], [undefined, undefined],
        ['gzip;q=0, deflate', undefined],
      ];
      for (const [ae, want] of cases) {
        const r = await get(`${server.origin}/${wasm}`, ae === undefined ? {} : { 'accept-encoding': ae });
        const what = `Accept-Encoding ${JSON.stringify(ae)}`;
        expect(r.status === 200, `${what}: status ${r.status}`);
        expect(r.headers['content-encoding'] === want, `${what}: Content-Encoding ${r.headers['content-encoding']}, want ${want}`);
        expect(r.headers.vary === 'Accept-Encoding', `${what}: Vary ${r.headers.vary}`);
        expect(r.headers['content-type'] === 'application/wasm', `${what}: Content-Type ${r.headers['content-type']}`);
        const body = want === 'br' ? unbr(r.body) : want === 'gzip' ? ungz(r.body) : r.body;
        expect(body.equals(data), `${what}: the body is not the wasm`);
        expect(Number(r.headers['content-length']) === r.body.length, `${what}: Content-Length ${r.headers['content-length']} for ${r.body.length} B`);
      }
      // A small file has no variant: sent as it is, and no Vary.
      const small = filesOf(dist).find((f) => !VARIANTS.test(f) && fs.statSync(path.join(dist, f)).size < MIN_BYTES
        && !fs.existsSync(path.join(dist, `${f}.br`)));
      if (small) {
        const r = await get(`${server.origin}/${small}`, { 'accept-encoding': 'br, gzip' });
        expect(!r.headers['content-encoding'] && !r.headers.vary, `${small}: ${r.headers['content-encoding']} ${r.headers.vary}`);
      }
      // A stale variant (the file changed after it was written) is never sent.
      fs.writeFileSync(path.join(tmp, 'a.js'), 'export const a = 2;\n'.repeat(100));
      fs.writeFileSync(path.join(tmp, 'a.js.br'), zlib.brotliCompressSync(Buffer.from('export const a = 1;\n'.repeat(100))));
      fs.writeFileSync(path.join(tmp, 'a.js.gz'), zlib.gzipSync(Buffer.from('export const a = 2;\n'.repeat(100))));
      const other = await serve({ '/': tmp });
      try {
        const r = await get(`${other.origin}/a.js`, { 'accept-encoding': 'br, gzip' });
        expect(r.headers['content-encoding'] === 'gzip' && ungz(r.body).toString().startsWith('export const a = 2;'),
          `the stale .br was sent, or not the .gz: ${r.headers['content-encoding']}`);
      } finally {
        await other.close();
      }
    } finally {
      await server.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  s.test('precompressed: the default page gets its first load compressed, exactly the files size.mjs counts as the first load', async ({ page, origin }) => {
    const got = new Map();
    page.on('response', async (r) => {
      const url = new URL(r.url());
      if (url.origin !== origin) return;
      const rel = decodeURIComponent(url.pathname).replace(/^\//, '') || 'index.html';
      got.set(rel, { status: r.status(), encoding: (await r.allHeaders())['content-encoding'] ?? 'identity' });
    });
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => performance.getEntriesByName('lvyue:first-report')[0], null, { timeout: 20000 });
    expect(/\d{1,3}(,\d{3})*\.\d{2}/.test(await page.textContent('#panel')), 'no figure in the summary');
    await page.waitForTimeout(300);
    const requested = [...got.keys()].sort();
    const counted = firstLoadFiles(dist);
    expect(JSON.stringify(requested) === JSON.stringify(counted),
      `the page requested ${requested.join(', ')}\n     size.mjs counts ${counted.join(', ')}`);
    const plain = requested.filter((f) => fs.existsSync(path.join(dist, `${f}.br`)) && got.get(f).encoding === 'identity');
    expect(plain.length === 0, `sent uncompressed although a variant exists: ${plain.join(', ')}`);
    const wasm = appWasm();
    expect(['br', 'gzip'].includes(got.get(wasm)?.encoding), `the app's wasm came ${got.get(wasm)?.encoding}`);
    console.log(`measure: first load as requested: ${requested.map((f) => `${f} (${got.get(f).encoding})`).join(', ')}`);
    const m = firstLoadFiles(dist).length;
    expect(m >= 6, `only ${m} first-load files`);
  });

  s.test('size: brotli per file and in total, its budget enforced, the first load and the whole app', async () => {
    const m = measure(dist);
    for (const f of m.files) {
      const br = path.join(dist, `${f.name}.br`);
      expect(fs.existsSync(br) && f.brotli === fs.statSync(br).size, `${f.name}: brotli ${f.brotli}, its .br ${fs.existsSync(br) ? fs.statSync(br).size : 'missing'}`);
      expect(f.brotli < f.gzip, `${f.name}: brotli ${f.brotli} ≥ gzip ${f.gzip}`);
    }
    expect(m.brotli === m.files.reduce((n, f) => n + f.brotli, 0), 'the brotli total is not the sum');
    const budget = JSON.parse(fs.readFileSync(path.join(repo, 'tests/size-budget.json'), 'utf8'));
    expect(Number.isInteger(budget.brotli_total_bytes), 'no brotli budget in tests/size-budget.json');
    const { ok, lines } = check(m, budget);
    for (const l of lines) console.log(`measure: ${l}`);
    expect(ok && lines.some((l) => l.startsWith('size budget: brotli total')), lines.join('; '));
    expect(!check(m, { ...budget, brotli_total_bytes: m.brotli - 1 }).ok, 'one byte over the brotli budget passed');
    expect(check(m, { ...budget, brotli_total_bytes: m.brotli }).ok, 'the brotli budget exactly failed');
    let threw = false;
    try { check(m, { ...budget, brotli_total_bytes: 'big' }); } catch { threw = true; }
    expect(threw, 'a malformed brotli budget passed');

    // The first load: index.html, what it names and the glue's snippets; no on-demand module.
    const first = firstLoadFiles(dist);
    for (const f of [...m.files.map((x) => x.name), 'index.html']) expect(first.includes(f), `${f} is not in the first load`);
    expect(first.some((f) => f.startsWith('snippets/')), 'the glue\'s snippets are not in the first load');
    expect(!first.some((f) => /^(xlsx|author|api|host)\/|^sw\.js$|\.(br|gz)$/.test(f)), `on-demand files in the first load: ${first.join(', ')}`);
    const whole = wholeApp(dist);
    const names = whole.files.map((f) => f.name);
    for (const f of [...first, 'xlsx/lvyue_xlsx_bg.wasm', 'author/lvyue_author_bg.wasm']) expect(names.includes(f), `${f} is not in the whole app`);
    expect(!names.some((f) => /^(api|host)\/|^sw\.js$|\.(br|gz)$/.test(f)), `not of the app: ${names.join(', ')}`);
    const out = spawnSync(process.execPath, [path.join(repo, 'scripts/size.mjs'), dist, '--json'], { encoding: 'utf8' });
    const j = JSON.parse(out.stdout);
    expect(j.brotli === m.brotli && j.first_load.brotli > m.brotli && j.whole_app.brotli > j.first_load.brotli, 'size.mjs --json disagrees');
    console.log(`measure: first load ${j.first_load.files.length} files: ${j.first_load.raw} B raw, ${j.first_load.gzip} B gzip, ${j.first_load.brotli} B brotli`);
    console.log(`measure: whole app ${j.whole_app.files.length} files: ${j.whole_app.raw} B raw, ${j.whole_app.gzip} B gzip, ${j.whole_app.brotli} B brotli`);
  });

  s.test('one file: each wasm module is inlined gzip-compressed and inflates to dist\'s bytes; without DecompressionStream the loading page says why', async ({ browser }) => {
    const out = path.join(shots, 'single-compressed', 'lvyue.html');
    execFileSync('node', ['scripts/single-file.mjs', dist, out], { cwd: repo, stdio: 'pipe' });
    const html = fs.readFileSync(out, 'utf8');
    const inlined = (name) => {
      const m = html.match(new RegExp(`const ${name} = "([A-Za-z0-9+/=]+)";`));
      expect(m, `no ${name} in the single file`);
      return ungz(Buffer.from(m[1], 'base64'));
    };
    expect(inlined('LVYUE_WASM_GZIP_BASE64').equals(file(appWasm())), 'the inlined app wasm is not dist\'s');
    expect(inlined('lvyue_xlsx_gzip_base64').equals(file('xlsx/lvyue_xlsx_bg.wasm')), 'the inlined XLSX module is not dist\'s');
    expect(inlined('lvyue_author_gzip_base64').equals(file('author/lvyue_author_bg.wasm')), 'the inlined authoring module is not dist\'s');
    // No wasm left uncompressed: base64 of "\0asm\x01\0\0\0" would start "AGFzbQEAAAA".
    expect(!html.includes('AGFzbQEAAAA'), 'an uncompressed wasm is inlined');
    const size = Buffer.byteLength(html);
    const wasmRaw = [appWasm(), 'xlsx/lvyue_xlsx_bg.wasm', 'author/lvyue_author_bg.wasm'].reduce((n, f) => n + file(f).length, 0);
    expect(size < wasmRaw, `the single file (${size} B) is not smaller than its wasm modules raw (${wasmRaw} B)`);
    console.log(`measure: single file ${size} B (${(size / 1024 / 1024).toFixed(2)} MiB; target 1.2 MB)`);

    // A browser without DecompressionStream: the failure state, with the reason, and no app.
    const url = pathToFileURL(out).href;
    const context = await browser.newContext({ locale: 'zh-CN', serviceWorkers: 'block' });
    const errors = [];
    try {
      await context.route('**/*', (r) => (r.request().url().startsWith(url) || r.request().url().startsWith('data:') ? r.continue() : r.abort()));
      await context.addInitScript(() => { delete window.DecompressionStream; });
      const page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      await page.waitForSelector('#boot[data-state="failed"]', { timeout: 15000 });
      const detail = await page.textContent('#boot-detail');
      expect(/DecompressionStream/.test(detail) && /此浏览器不支持/.test(detail), `#boot-detail says: ${detail}`);
      expect(await page.isVisible('#boot-failed'), 'the failure message is not shown');
      expect(!(await page.locator('[data-ready]').count()), 'the app started without DecompressionStream');
      expect(errors.length === 1 && /DecompressionStream/.test(errors[0]), `page errors: ${errors.join(' | ')}`);
      await page.screenshot({ path: path.join(shots, 'single-file-no-decompressionstream.png') });
    } finally {
      await context.close();
    }
  });
}
