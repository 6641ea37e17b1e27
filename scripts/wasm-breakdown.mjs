// What a wasm module is made of, by crate and part (docs/size-breakdown.md).
//
//   node scripts/wasm-breakdown.mjs MODULE.wasm [--json] [--top N] [--grep REGEX]
//
// MODULE must keep its name section: build the bin with cargo, bind it with wasm-bindgen
// (which keeps names) and shrink it with `wasm-opt -Oz -g` (`-g` keeps them; without it
// wasm-opt drops them). Each function body of the code section is put in one group by its
// demangled name (c++filt), the first rule of GROUPS that matches; the data section's
// segments are searched for the built-in examples' text. Per group: raw bytes, share of the
// module, and the brotli size of the group's bodies compressed alone (a function compresses
// better among its kind, so the sum of those exceeds the module's brotli size; the share
// that matters for splitting is the raw one and the alone-compressed one side by side).
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const asJson = args.includes('--json');
const topIdx = args.indexOf('--top');
const top = topIdx >= 0 ? Number(args[topIdx + 1]) : 25;
if (!file) {
  console.error('usage: node scripts/wasm-breakdown.mjs MODULE.wasm [--json] [--top N]');
  process.exit(2);
}
const bytes = readFileSync(file);

function leb(buf, i) {
  let r = 0;
  let s = 0;
  for (;;) {
    const b = buf[i++];
    r += (b & 0x7f) * 2 ** s;
    s += 7;
    if (b < 0x80) return [r, i];
  }
}

// Sections, imported function count, code bodies, data segments, function names.
const sections = [];
let importedFuncs = 0;
const bodies = [];
const segments = [];
const names = new Map();
for (let i = 8; i < bytes.length; ) {
  const id = bytes[i++];
  let size;
  [size, i] = leb(bytes, i);
  const start = i;
  const end = i + size;
  let custom = '';
  if (id === 0) {
    let l;
    let j;
    [l, j] = leb(bytes, i);
    custom = bytes.subarray(j, j + l).toString();
    if (custom === 'name') readNames(j + l, end);
  } else if (id === 2) {
    readImports(start);
  } else if (id === 10) {
    let [n, j] = leb(bytes, start);
    for (let k = 0; k < n; k++) {
      let len;
      [len, j] = leb(bytes, j);
      bodies.push({ index: importedFuncs + k, start: j, size: len });
      j += len;
    }
  } else if (id === 11) {
    readData(start);
  }
  sections.push({ id, custom, size });
  i = end;
}

function readImports(at) {
  let [n, j] = leb(bytes, at);
  for (let k = 0; k < n; k++) {
    for (let s = 0; s < 2; s++) {
      let l;
      [l, j] = leb(bytes, j);
      j += l;
    }
    const kind = bytes[j++];
    if (kind === 0) {
      [, j] = leb(bytes, j);
      importedFuncs++;
    } else if (kind === 1) {
      j++;
      const flags = bytes[j++];
      [, j] = leb(bytes, j);
      if (flags & 1) [, j] = leb(bytes, j);
    } else if (kind === 2) {
      const flags = bytes[j++];
      [, j] = leb(bytes, j);
      if (flags & 1) [, j] = leb(bytes, j);
    } else if (kind === 3) {
      j += 2;
    } else if (kind === 4) {
      j++;
      [, j] = leb(bytes, j);
    }
  }
}

function readNames(at, end) {
  let k = at;
  while (k < end) {
    const sub = bytes[k++];
    let len;
    [len, k] = leb(bytes, k);
    if (sub === 1) {
      let [n, m] = leb(bytes, k);
      for (let c = 0; c < n; c++) {
        let idx;
        let l;
        [idx, m] = leb(bytes, m);
        [l, m] = leb(bytes, m);
        names.set(idx, bytes.subarray(m, m + l).toString());
        m += l;
      }
    }
    k += len;
  }
}

function readData(at) {
  let [n, j] = leb(bytes, at);
  for (let k = 0; k < n; k++) {
    let flags;
    [flags, j] = leb(bytes, j);
    if (flags === 2) [, j] = leb(bytes, j);
    if (flags !== 1) {
      // An init expression: skip to its `end` (0x0b).
      while (bytes[j] !== 0x0b) j++;
      j++;
    }
    let len;
    [len, j] = leb(bytes, j);
    segments.push(bytes.subarray(j, j + len));
    j += len;
  }
}

// Demangled names, in one c++filt call.
const raw = bodies.map((b) => names.get(b.index) ?? `func${b.index}`);
const demangled = execFileSync('c++filt', [], {
  input: raw.join('\n'),
  maxBuffer: 1 << 28,
})
  .toString()
  .split('\n');
bodies.forEach((b, k) => {
  b.name = (demangled[k] ?? raw[k]).replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');
});

// Groups. Build with `RUSTFLAGS="-C symbol-mangling-version=v0"` so that names keep their
// generic arguments: a derived deserialiser is then named for the type it reads, and yew's
// `CompStateInner<C>::view` for the component C whose view was inlined into it. Rules, first
// match wins: serde's reading and writing code (by the module of the lvyue type it is for),
// schemars, then the first `lvyue::` module named anywhere (a generic of another crate
// instantiated for an lvyue type counts as that module's), then the crate of the path.
const lvyueModule = (name) => {
  const m = name.match(/lvyue::(ui::views::\w+|ui::\w+|domain::\w+|\w+)/);
  return m ? `lvyue::${m[1]}` : null;
};
const SERDE_DE = /serde(?:_core)?::de::|serde::private::de|serde_path_to_error::de|__FieldVisitor|__Visitor/;
const SERDE_SER = /serde(?:_core)?::ser::|serde::private::ser/;
function groupOf(name) {
  if (/schemars::|JsonSchema/.test(name)) return 'schemars';
  if (SERDE_DE.test(name) && !/serde_json::(?:ser|value::ser)/.test(name)) {
    const m = lvyueModule(name);
    return m ? `serde de: ${m}` : 'serde de (serde_json reader, std types)';
  }
  if (SERDE_SER.test(name)) {
    const m = lvyueModule(name);
    return m ? `serde ser: ${m}` : 'serde ser (serde_json writer, std types)';
  }
  const m = lvyueModule(name);
  if (m) return m;
  const c = name.replace(/^[<&\[(\s]*(?:mut |dyn |impl )?/, '').match(/^(\w+)/);
  return c ? c[1] : 'other';
}
// Broad parts (the headline table), from the groups above.
function partOf(group) {
  if (group.startsWith('serde de:') || group.startsWith('serde de ')) return 'serde deserialisers';
  if (group.startsWith('serde ser')) return 'serde serialisers';
  if (group.startsWith('lvyue::ui::views::')) return 'lvyue::ui::views (the tabs)';
  if (group.startsWith('lvyue::ui::')) return 'lvyue::ui (shell, store, bars, tools)';
  if (group.startsWith('lvyue::domain::')) return 'lvyue::domain';
  if (/^func\d+$/.test(group)) return 'unnamed (wasm-bindgen glue)';
  if (['core', 'alloc', 'std', 'dlmalloc', 'compiler_builtins', 'hashbrown', 'str', 'char', 'f64', 'f32', 'u8', 'u16', 'u32', 'u64', 'u128', 'i32', 'i64', 'usize', 'isize', 'itoa', 'zmij', 'main'].includes(group) || /^__/.test(group)) return 'core/alloc/std (fmt, collections, strings, numbers)';
  if (['wasm_bindgen', 'js_sys', 'web_sys', 'wasm_bindgen_futures'].includes(group) || group.startsWith('gloo')) return 'wasm-bindgen/js-sys/web-sys/gloo';
  return group;
}

// Shares are of the module as shipped: without the name section that `-g` kept.
const nameSection = sections.find((s) => s.custom === 'name')?.size ?? 0;
const total = bytes.length - nameSection;
const codeTotal = bodies.reduce((s, b) => s + b.size, 0);
const groups = new Map();
for (const b of bodies) {
  const g = groupOf(b.name);
  const e = groups.get(g) ?? { group: g, bytes: 0, functions: 0, parts: [] };
  e.bytes += b.size;
  e.functions += 1;
  e.parts.push(bytes.subarray(b.start, b.start + b.size));
  groups.set(g, e);
}
const br = (buf) =>
  brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const rows = [...groups.values()]
  .map((g) => ({
    group: g.group,
    functions: g.functions,
    bytes: g.bytes,
    share: g.bytes / total,
    brotli_alone: br(Buffer.concat(g.parts)),
  }))
  .sort((a, b) => b.bytes - a.bytes);

const parts = new Map();
for (const r of rows) {
  const p = partOf(r.group);
  const e = parts.get(p) ?? { part: p, bytes: 0, functions: 0 };
  e.bytes += r.bytes;
  e.functions += r.functions;
  parts.set(p, e);
}
const partRows = [...parts.values()].sort((a, b) => b.bytes - a.bytes);

// The deserialisers by the deserializer they are instantiated for (a derived impl is compiled
// once per deserializer type it is read through).
const DESERIALIZERS = [
  ['serde Content buffer (tagged/untagged enums, flatten)', /Content(?:Ref)?Deserializer|private::de::content|Content(?:Visitor)?>/],
  ['serde_path_to_error over serde_json::Value', /serde_path_to_error/],
  ['serde_json::Value', /serde_json::value/],
  ['serde_json text reader (StrRead/SliceRead)', /serde_json::(?:de|read)::/],
];
const byDeserializer = new Map();
for (const b of bodies) {
  if (!groupOf(b.name).startsWith('serde de')) continue;
  const k = DESERIALIZERS.find(([, re]) => re.test(b.name))?.[0] ?? 'other (visitors, field names)';
  byDeserializer.set(k, (byDeserializer.get(k) ?? 0) + b.size);
}
const deserializerRows = [...byDeserializer.entries()].map(([via, n]) => ({ via, bytes: n })).sort((a, b) => b.bytes - a.bytes);

// Data by source file: each string literal (12 bytes or more) of src/**/*.rs found verbatim in
// the data section counts once for the first file that has it (a lower bound: formatted
// pieces split at `{}` are counted only where a piece is long enough).
const srcDir = new URL('../src/', import.meta.url);
const dataText = Buffer.concat(segments);
const counted = new Set();
const bySource = new Map();
const walkSrc = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const u = new URL(e.name + (e.isDirectory() ? '/' : ''), dir);
    if (e.isDirectory()) walkSrc(u);
    else if (e.name.endsWith('.rs')) {
      const text = readFileSync(u, 'utf8');
      const rel = u.pathname.slice(srcDir.pathname.length);
      for (const m of text.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)) {
        const lit = m[1].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
        for (const piece of lit.split(/\{[^}]*\}/)) {
          const b = Buffer.from(piece);
          if (b.length < 12 || counted.has(piece) || dataText.indexOf(b) < 0) continue;
          counted.add(piece);
          bySource.set(rel, (bySource.get(rel) ?? 0) + b.length);
        }
      }
    }
  }
};
walkSrc(srcDir);
const sourceRows = [...bySource.entries()].map(([file, n]) => ({ file, bytes: n })).sort((a, b) => b.bytes - a.bytes);
const srcDirs = new Map();
for (const r of sourceRows) {
  const d = r.file.split('/').slice(0, r.file.startsWith('ui/views') || r.file.startsWith('domain') ? 2 : 2).join('/').replace(/\.rs$/, '');
  srcDirs.set(d, (srcDirs.get(d) ?? 0) + r.bytes);
}

// Data: the built-in examples found verbatim, and what remains.
const data = Buffer.concat(segments);
const exampleDir = new URL('../examples/', import.meta.url);
const examples = [];
for (const f of readdirSync(exampleDir).filter((f) => f.endsWith('.json'))) {
  const text = readFileSync(new URL(f, exampleDir));
  if (data.indexOf(text) >= 0) examples.push({ file: f, bytes: text.length });
}
const exampleBytes = examples.reduce((s, e) => s + e.bytes, 0);
let cjk = 0;
for (const ch of data.toString('utf8')) if (/[\u3000-\u9fff\uff00-\uffef]/.test(ch)) cjk++;

// The largest single functions.
const largest = [...bodies]
  .sort((a, b) => b.size - a.size)
  .slice(0, top)
  .map((b) => ({ bytes: b.size, group: groupOf(b.name), name: b.name.slice(0, 160) }));

const summary = {
  file,
  bytes: total,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: br(bytes),
  code: codeTotal,
  data: data.length,
  data_brotli: br(data),
  functions: bodies.length,
  named: bodies.filter((b) => names.has(b.index)).length,
  sections: sections.map((s) => ({ id: s.id, custom: s.custom || undefined, bytes: s.size })),
  parts: partRows,
  deserialisers_by_deserializer: deserializerRows,
  groups: rows,
  data_by_source: sourceRows,
  data_examples: { files: examples, bytes: exampleBytes, cjk_chars_in_data: cjk },
  largest,
};

// --grep REGEX: the functions whose name matches, summed (to measure one candidate).
const grepIdx = args.indexOf('--grep');
if (grepIdx >= 0) {
  const re = new RegExp(args[grepIdx + 1]);
  const hit = bodies.filter((b) => re.test(b.name));
  const n = hit.reduce((s, b) => s + b.size, 0);
  console.log(`--grep ${re}: ${hit.length} functions, ${n} B (${((100 * n) / total).toFixed(1)}% of the module), brotli alone ${br(Buffer.concat(hit.map((b) => bytes.subarray(b.start, b.start + b.size))))}`);
  process.exit(0);
}
if (asJson) {
  console.log(JSON.stringify(summary, null, 2));
} else {
  const pct = (n) => `${((100 * n) / total).toFixed(1)}%`;
  console.log(`${file}: ${bytes.length} B (${total} B without its name section), gzip ${summary.gzip}, brotli ${summary.brotli}`);
  console.log(`code ${codeTotal} B (${pct(codeTotal)}) in ${bodies.length} functions (${summary.named} named); data ${data.length} B (${pct(data.length)}, brotli alone ${summary.data_brotli})`);
  for (const s of sections) console.log(`  section ${s.id}${s.custom ? ` ${s.custom}` : ''}: ${s.size}`);
  console.log('\n| part | functions | bytes | % of module |\n|---|---:|---:|---:|');
  for (const r of partRows) console.log(`| ${r.part} | ${r.functions} | ${r.bytes} | ${pct(r.bytes)} |`);
  console.log('\n| deserialisers read through | bytes | % of module |\n|---|---:|---:|');
  for (const r of deserializerRows) console.log(`| ${r.via} | ${r.bytes} | ${pct(r.bytes)} |`);
  console.log('\n| group | functions | bytes | % of module | brotli alone |\n|---|---:|---:|---:|---:|');
  for (const r of rows)
    console.log(`| ${r.group} | ${r.functions} | ${r.bytes} | ${pct(r.bytes)} | ${r.brotli_alone} |`);
  const found = sourceRows.reduce((s, r) => s + r.bytes, 0);
  console.log(`\ndata: string literals of src/ found verbatim: ${found} B of ${data.length}`);
  console.log('| source | bytes |\n|---|---:|');
  for (const r of sourceRows.slice(0, top)) console.log(`| ${r.file} | ${r.bytes} |`);
  console.log(`\nexamples in data: ${examples.length} files, ${exampleBytes} B (${pct(exampleBytes)}); CJK characters in data: ${cjk}`);
  console.log(`\n| bytes | group | function |\n|---:|---|---|`);
  for (const l of largest) console.log(`| ${l.bytes} | ${l.group} | \`${l.name.replace(/\|/g, '\\|')}\` |`);
}
