#!/usr/bin/env bash
# The page's XLSX writer as a wasm module of its own, loaded only when the XLSX button is pressed
# (src/ui/xlsx_loader.js): src/bin/lvyue-xlsx.rs built for wasm32, bound with wasm-bindgen
# (--target web) into $TRUNK_STAGING_DIR/xlsx/, and shrunk with wasm-opt -Oz in release builds.
# Then a check that the app's own wasm carries no XLSX code (rust_xlsxwriter, zip, deflate).
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by scripts/post-build.sh}"
profile="${TRUNK_PROFILE:-debug}"
out="$TRUNK_STAGING_DIR/xlsx"

if [ "$profile" = release ]; then
  cargo build --locked --offline --release --target wasm32-unknown-unknown --bin lvyue-xlsx
else
  cargo build --locked --offline --target wasm32-unknown-unknown --bin lvyue-xlsx
fi
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-name lvyue_xlsx --out-dir "$out" \
  "target/wasm32-unknown-unknown/$profile/lvyue-xlsx.wasm"
# The module needs no snippets of its own (any here are the app's, copied along by wasm-bindgen).
rm -rf "$out/snippets"
if [ "$profile" = release ]; then
  wasm-opt -Oz "$out/lvyue_xlsx_bg.wasm" -o "$out/lvyue_xlsx_bg.wasm.opt"
  mv "$out/lvyue_xlsx_bg.wasm.opt" "$out/lvyue_xlsx_bg.wasm"
fi

# The writer is in the module, and not in the app: the workbook's part names are the marker.
grep -q 'xl/worksheets/' "$out/lvyue_xlsx_bg.wasm" \
  || { echo "20-xlsx: the XLSX module lacks the writer" >&2; exit 1; }
for app in "$TRUNK_STAGING_DIR"/*_bg.wasm; do
  if grep -q -e 'xl/worksheets/' -e '\[Content_Types\]\.xml' "$app"; then
    echo "20-xlsx: $app links the XLSX writer; only src/bin/lvyue-xlsx.rs and the CLI may" >&2
    exit 1
  fi
done
raw=$(wc -c < "$out/lvyue_xlsx_bg.wasm")
gz=$(gzip -9c "$out/lvyue_xlsx_bg.wasm" | wc -c)
echo "20-xlsx: xlsx/lvyue_xlsx_bg.wasm $raw B ($gz B gzip -9)"
