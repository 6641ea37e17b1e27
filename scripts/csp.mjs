// The Content-Security-Policy of lvyue's pages: the page runs no script it did not ship.
//
//   node scripts/csp.mjs DIR     adds the policy as a <meta> to every *.html in DIR (post-build)
//
// The policy allows only the app's own files ('self'), WebAssembly compilation, and each inline
// <script> by the sha256 of its exact text. It is also imported by scripts/single-file.mjs, whose
// page has no 'self' to speak of and allows its inlined script and style by hash only.
// docs/deployment.md gives the same policy as an HTTP header.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The sha256 sources of every inline element `tag` (script or style) in `html`. */
export function inlineHashes(html, tag = 'script') {
  const re = new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'gi');
  const out = [];
  for (const m of html.matchAll(re)) {
    if (tag === 'script' && /\bsrc\s*=/i.test(m[1])) continue;
    out.push(sha256(m[2]));
  }
  return out;
}

/**
 * The policy. `self` is the source list for the app's own files: "'self'" on a web server,
 * "'none'" for the single file (which loads nothing). frame-ancestors cannot be set by a meta
 * tag (browsers ignore it there and say so): servers send it as a header (docs/deployment.md).
 */
export function policy({ scripts = [], styles = [], self = "'self'" } = {}) {
  const own = (extra) => [self === "'none'" && extra.length ? null : self, ...extra].filter(Boolean).join(' ');
  return [
    `default-src ${self}`,
    `script-src ${own(scripts)} 'wasm-unsafe-eval'`,
    `style-src ${own(styles)}`,
    `img-src ${self === "'none'" ? '' : self + ' '}data:`,
    `connect-src ${self}`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `worker-src ${self}`,
  ].join('; ');
}

/** `html` with the policy as the first element of <head> after <meta charset>. */
export function withPolicy(html, opts) {
  const without = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy({ scripts: inlineHashes(without), ...opts })}" />`;
  const at = without.search(/<meta charset[^>]*>/i);
  if (at < 0) throw new Error('no <meta charset> to put the policy after');
  const end = without.indexOf('>', at) + 1;
  return `${without.slice(0, end)}\n    ${meta}${without.slice(end)}`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) { console.error('usage: node scripts/csp.mjs DIR'); process.exit(2); }
  // host/ is the example host page (docs/embedding.md): it stands for another site's page,
  // which frames the app from elsewhere, and is left with no policy of ours.
  const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.name.startsWith('.') || (d === dir && e.name === 'host') ? []
      : e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
  for (const file of walk(dir).filter((f) => f.endsWith('.html'))) {
    const html = fs.readFileSync(file, 'utf8');
    if (!/<meta charset/i.test(html)) continue;
    fs.writeFileSync(file, withPolicy(html));
    console.log(`csp: ${path.relative(dir, file)}: ${inlineHashes(html).length} inline script(s) allowed by hash`);
  }
}
