#!/usr/bin/env bash
# The built-in examples as static files of the site: $TRUNK_STAGING_DIR/examples/ID.contract.json
# and ID.events.json for each example the page lists (src/ui/examples.rs, EXAMPLES), fetched
# when one is opened (src/ui/example_fetch.rs; the service worker lists them, 80-sw.sh). Then a
# check that no wasm module of the page carries their text: the page's first load must not
# hold the four examples it does not open (issue 14, tests/size-budget.json).
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by scripts/post-build.sh}"
cd "$(dirname "$0")/../.."
out="$TRUNK_STAGING_DIR/examples"
rm -rf "$out"
mkdir -p "$out"
# The ids of the picker's list: the `id: "NNN-name"` lines of EXAMPLES.
mapfile -t ids < <(sed -n '/^pub const EXAMPLES/,/^];/s/^ *id: "\([0-9a-z-]*\)",$/\1/p' src/ui/examples.rs)
[ "${#ids[@]}" -gt 0 ] || { echo "40-examples: no example ids in src/ui/examples.rs" >&2; exit 1; }
for id in "${ids[@]}"; do
  for part in contract events; do
    cp "examples/$id.$part.json" "$out/"
  done
done
node - "$out" "$TRUNK_STAGING_DIR" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const [out, staging] = process.argv.slice(2);
const wasm = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.wasm')) wasm.push(p);
  }
};
walk(staging);
const texts = fs.readdirSync(out).map((f) => [f, fs.readFileSync(path.join(out, f))]);
for (const w of wasm) {
  const bytes = fs.readFileSync(w);
  for (const [f, t] of texts) {
    if (bytes.includes(t)) {
      console.error(`40-examples: ${path.relative(staging, w)} carries examples/${f}; the page fetches it (ui::example_fetch)`);
      process.exit(1);
    }
  }
}
console.log(`40-examples: ${texts.length} files in examples/, in no wasm module (${wasm.length} checked)`);
JS
