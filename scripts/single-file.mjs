// One file: the built site (dist/) as a single self-contained HTML page that works when opened
// from disk (file://) — the CSS, the JS glue, the wasm and every other script inlined. Each wasm
// module goes in gzip -9 compressed, as base64, and is inflated with the browser's
// DecompressionStream before it is instantiated (from bytes: the policy's 'wasm-unsafe-eval' is
// all it needs, as before). A browser without DecompressionStream gets the loading page's
// failure message (web/boot.js) with a line saying why.
//
//   node scripts/single-file.mjs [DIST] [OUT]      (make single: dist → target/single/lvyue.html)
//
// The built-in examples (dist/examples/*.json, which the web version fetches when one is opened:
// src/ui/example_fetch.rs) come along in a `<script type="application/json" id="lvyue-examples">`
// data block, an object from file name to text, that the app reads instead of fetching. The
// page carries its own Content-Security-Policy: nothing but its inline script and style (by
// sha256) and WebAssembly compilation; it loads nothing at all. Node only, no dependency.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { inlineHashes, withPolicy } from './csp.mjs';

const dist = path.resolve(process.argv[2] ?? 'dist');
const out = path.resolve(process.argv[3] ?? 'target/single/lvyue.html');
const local = (href) => {
  const rel = href.replace(/^\.\//, '');
  if (/^[a-z]+:|^\/\//i.test(href) || rel.includes('..')) throw new Error(`not a file of the site: ${href}`);
  return path.join(dist, rel);
};
const read = (href) => fs.readFileSync(local(href), 'utf8');
const attr = (tag, name) => tag.match(new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i'))?.[1];
const TYPES = { '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };
/** A wasm file of the site as base64 of its gzip -9 bytes (what `lvyueInflate` takes). */
const packed = (href) => zlib.gzipSync(fs.readFileSync(local(href)), { level: 9 }).toString('base64');
// The page's own inflater, first in its module script. Its error reaches web/boot.js's handlers
// (they show the failure state with the message in #boot-detail).
const INFLATE = `const lvyueInflate = async (base64) => {
  if (typeof DecompressionStream !== 'function') {
    throw new Error('此浏览器不支持 DecompressionStream，无法解压单文件版履约 lvyue。' +
      'This browser lacks DecompressionStream, which the one-file lvyue needs to unpack itself: use a recent browser, or the web version.');
  }
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};
`;
const safe = (text, what) => {
  if (/<\/(script|style)/i.test(text)) throw new Error(`${what} contains a closing tag and cannot be inlined`);
  return text;
};


// An ES module's text as an expression giving its exports as an object, so that it can live
// inside the one inline module script. Handles the shapes wasm-bindgen and our snippets use:
// `export function|async function|class|const|let NAME` and `export { a, b as c }`.
function moduleAsObject(js, what) {
  if (/^\s*import\b/m.test(js)) throw new Error(`${what}: imports of its own cannot be inlined`);
  const names = [];
  js = js.replace(/^export\s+(async\s+function|function|class|const|let)\s+(\w+)/gm, (_, kw, n) => {
    names.push([n, n]);
    return `${kw} ${n}`;
  });
  js = js.replace(/^export\s*\{([^}]*)\};?/gm, (_, list) => {
    for (const s of list.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [local, as] = s.split(/\s+as\s+/);
      names.push([local, as ?? local]);
    }
    return '';
  });
  if (/^\s*export\b/m.test(js)) throw new Error(`${what}: an export of a shape not handled`);
  return `(() => {\n${safe(js, what)}\nreturn Object.freeze({ ${names.map(([l, a]) => `${a}: ${l}`).join(', ')} });\n})()`;
}
// The glue's imports of wasm-bindgen snippets (e.g. src/ui/xlsx_loader.js) become local objects.
const inlineSnippets = (glue, glueHref) => glue.replace(
  /import\s*\{([^}]*)\}\s*from\s*'(\.\/snippets\/[^']+\.js)';/g,
  (_, list, href) => `const {${list.replace(/\s+as\s+/g, ': ')}} = ${moduleAsObject(read(href), href)};`,
);
// The on-demand modules go in as well, each behind its loader's hook: the XLSX writer
// (dist/xlsx/, `globalThis.__lvyueXlsx`, src/ui/xlsx_loader.js) and the authoring module
// (dist/author/: document reader, drafter and view; `globalThis.__lvyueAuthor`,
// src/ui/author_loader.js). Each hook is a thenable, so that its module is compiled only when
// first asked for (and inflated then).
function moduleHook(dir, name, hook) {
  const glueHref = `./${dir}/${name}.js`;
  if (!fs.existsSync(local(glueHref))) return '';
  const mod = moduleAsObject(read(glueHref), glueHref);
  const b64 = packed(`./${dir}/${name}_bg.wasm`);
  const v = `lvyue_${dir}`;
  return `const ${v}_gzip_base64 = "${b64}";
let ${v} = null;
globalThis.${hook} = { then(ok, fail) {
  ${v} ??= (async () => {
    const m = ${mod};
    await m.default({ module_or_path: await lvyueInflate(${v}_gzip_base64) });
    return m;
  })();
  return ${v}.then(ok, fail);
} };
`;
}
const hooks = () => moduleHook('xlsx', 'lvyue_xlsx', '__lvyueXlsx')
  + moduleHook('author', 'lvyue_author', '__lvyueAuthor');

let html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');

// Stylesheets → <style>, with any url(./file) inside as a data: URL.
html = html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/gi, (tag) => {
  const href = attr(tag, 'href');
  const css = read(href).replace(/url\((['"]?)(\.\/[^'")]+)\1\)/g, (_, q, u) => {
    const type = TYPES[path.extname(u)] ?? 'application/octet-stream';
    return `url(data:${type};base64,${fs.readFileSync(local(u)).toString('base64')})`;
  });
  return `<style>${safe(css, href)}</style>`;
});
// Preloads serve the separate files only; a web manifest means nothing on file://.
html = html.replace(/<link\b[^>]*\brel="(modulepreload|preload|manifest)"[^>]*>/gi, '');

// Trunk's module script imports the glue and calls init with the wasm's URL: the glue goes
// inline (its exports become local names) and init gets the wasm's bytes.
html = html.replace(/<script type="module">([\s\S]*?)<\/script>/gi, (whole, body) => {
  const imp = body.match(/import\s+(\w+)\s*,\s*\*\s*as\s+(\w+)\s+from\s+'([^']+\.js)';/);
  const wasmRef = body.match(/module_or_path:\s*'([^']+\.wasm)'/);
  if (!imp || !wasmRef) return whole;
  const [, initName, nsName, glueHref] = imp;
  let glue = inlineSnippets(read(glueHref), glueHref);
  const exp = glue.match(/export\s*\{([^}]*)\};?/);
  if (!exp || /^\s*export\s+(?!\{)/m.test(glue)) throw new Error(`${glueHref}: unexpected exports`);
  const names = exp[1].split(',').map((s) => s.trim()).filter(Boolean).map((s) => {
    const [local, as] = s.split(/\s+as\s+/);
    return [local, as ?? local];
  });
  const ns = names.map(([l, a]) => `${a}: ${l}`).join(', ');
  if (!names.some(([, a]) => a === 'default')) throw new Error(`${glueHref}: no default export (init)`);
  // In a function of its own, so that its names cannot clash with the bootstrap's.
  glue = `const ${nsName} = (() => {\n${glue.replace(exp[0], `return Object.freeze({ ${ns} });`)}\n})();\n`
    + `const ${initName} = ${nsName}.default;`;
  const b64 = packed(wasmRef[1]);
  const rest = body.replace(imp[0], '').replace(wasmRef[0], 'module_or_path: await lvyueInflate(LVYUE_WASM_GZIP_BASE64)');
  return `<script type="module">\n${INFLATE}${safe(glue, glueHref)}\n${hooks()}const LVYUE_WASM_GZIP_BASE64 = "${b64}";\n${rest}</script>`;
});
// Other scripts of the site (the service-worker registration, which does nothing on file://).
html = html.replace(/<script\b([^>]*)\bsrc="([^"]+)"([^>]*)><\/script>/gi, (_, a, src, b) => {
  const type = attr(a + b, 'type');
  return `<script${type ? ` type="${type}"` : ''}>${safe(read(src), src)}</script>`;
});

// The examples' texts as one JSON data block (not a script: the policy does not apply to it),
// `<` escaped so that no text can close the element.
const exampleDir = local('./examples');
if (fs.existsSync(exampleDir)) {
  const files = Object.fromEntries(fs.readdirSync(exampleDir).filter((f) => f.endsWith('.json')).sort()
    .map((f) => [f, fs.readFileSync(path.join(exampleDir, f), 'utf8')]));
  const json = JSON.stringify(files).replace(/</g, '\\u003c');
  // In the head: the app mounts on the body and replaces what is there.
  html = html.replace(/<\/head>/i, () => `<script type="application/json" id="lvyue-examples">${json}</script>\n</head>`);
}

const left = [...html.matchAll(/\b(?:src|href)\s*=\s*"(?!data:|#)([^"]*)"/gi)].map((m) => m[1]);
if (left.length) throw new Error(`the page still refers to other files: ${left.join(', ')}`);
if (/import\s+[^;]*from\s+'/.test(html)) throw new Error('a module import is left');

html = withPolicy(html, { self: "'none'", styles: inlineHashes(html, 'style') });
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
console.log(`single: ${path.relative(process.cwd(), out)} (${Buffer.byteLength(html)} B, ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(2)} MiB) from ${path.relative(process.cwd(), dist) || '.'}`);
