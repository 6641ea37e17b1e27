#!/usr/bin/env bash
# A wasm module of the site beside the app (used by scripts/post-build.d/): builds BIN for
# wasm32 in Trunk's profile, binds it with wasm-bindgen (--target web) into
# $TRUNK_STAGING_DIR/SUBDIR as NAME.js + NAME_bg.wasm, and shrinks it with wasm-opt -Oz in
# release builds. wasm-bindgen copies every snippet of the crate along; the modules import none
# of the app's, so they are dropped.
#
#   scripts/wasm-module.sh BIN SUBDIR NAME [--no-typescript]
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TRUNK_STAGING_DIR:?run from a post-build step (scripts/post-build.sh)}"
bin="$1" sub="$2" name="$3"
out="$TRUNK_STAGING_DIR/$sub"
shift 3
profile="${TRUNK_PROFILE:-debug}"
if [ "$profile" = release ]; then
  cargo build --locked --offline --release --target wasm32-unknown-unknown --bin "$bin"
else
  cargo build --locked --offline --target wasm32-unknown-unknown --bin "$bin"
fi
rm -rf "$out"
wasm-bindgen --target web "$@" --out-name "$name" --out-dir "$out" \
  "target/wasm32-unknown-unknown/$profile/$bin.wasm"
if grep -q "from './snippets/" "$out/$name.js"; then
  echo "wasm-module: $out/$name.js imports a snippet; keep them" >&2
else
  rm -rf "$out/snippets"
fi
if [ "$profile" = release ]; then
  wasm-opt -Oz "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm.opt"
  mv "$out/${name}_bg.wasm.opt" "$out/${name}_bg.wasm"
fi
raw=$(wc -c < "$out/${name}_bg.wasm")
gz=$(gzip -9c "$out/${name}_bg.wasm" | wc -c)
echo "wasm-module: $sub/${name}_bg.wasm $raw B ($gz B gzip -9)"
