#!/usr/bin/env bash
# The page's XLSX writer as a wasm module of its own, loaded only when the XLSX button is pressed
# (src/ui/xlsx_loader.js): src/bin/lvyue-xlsx.rs built for wasm32, bound with wasm-bindgen
# (--target web) into $TRUNK_STAGING_DIR/xlsx/, and shrunk with wasm-opt -Oz in release builds.
# Then a check that the app's own wasm carries no XLSX code (rust_xlsxwriter, zip, deflate).
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by scripts/post-build.sh}"
cd "$(dirname "$0")/../.."
scripts/wasm-module.sh lvyue-xlsx xlsx lvyue_xlsx --no-typescript
out="$TRUNK_STAGING_DIR/xlsx"

# The writer is in the module, and not in the app: the workbook's part names are the marker.
grep -q 'xl/worksheets/' "$out/lvyue_xlsx_bg.wasm" \
  || { echo "20-xlsx: the XLSX module lacks the writer" >&2; exit 1; }
for app in "$TRUNK_STAGING_DIR"/*_bg.wasm; do
  if grep -q -e 'xl/worksheets/' -e '\[Content_Types\]\.xml' "$app"; then
    echo "20-xlsx: $app links the XLSX writer; only src/bin/lvyue-xlsx.rs and the CLI may" >&2
    exit 1
  fi
done
