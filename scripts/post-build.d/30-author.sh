#!/usr/bin/env bash
# The page's authoring module as a wasm module of its own, loaded on the first document opened,
# dropped or pasted, or on "New contract" / "Edit contract" (src/ui/author_loader.js):
# src/bin/lvyue-author.rs (the document reader, the drafter and the authoring view) bound with
# wasm-bindgen into $TRUNK_STAGING_DIR/author/, shrunk with wasm-opt -Oz in release builds.
# Then a check that the app's own wasm carries neither the reader nor the drafter: the page's
# first load must not grow (tests/size-budget.json).
set -euo pipefail
: "${TRUNK_STAGING_DIR:?run by scripts/post-build.sh}"
cd "$(dirname "$0")/../.."
scripts/wasm-module.sh lvyue-author author lvyue_author --no-typescript
out="$TRUNK_STAGING_DIR/author"

# Markers: the Word body's part name (only domain::document::docx has it), the workbook's
# relationships part (of the readers, only domain::spreadsheet has it; the XLSX writer in
# dist/xlsx/ writes it) and the drafter's format tag (only domain::draft has it).
for marker in 'word/document.xml' 'xl/_rels/workbook.xml.rels' 'lvyue-draft/1'; do
  grep -qF "$marker" "$out/lvyue_author_bg.wasm" \
    || { echo "30-author: the authoring module lacks '$marker'" >&2; exit 1; }
  for app in "$TRUNK_STAGING_DIR"/*_bg.wasm; do
    if grep -qF "$marker" "$app"; then
      echo "30-author: $app links '$marker' (the document reader or the drafter); only src/bin/lvyue-author.rs and the CLI may" >&2
      exit 1
    fi
  done
done
