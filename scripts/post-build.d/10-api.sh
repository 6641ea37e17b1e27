#!/usr/bin/env bash
# The JavaScript module (docs/embedding.md): lvyue::api built from src/bin/lvyue-api.rs with
# wasm-bindgen into $TRUNK_STAGING_DIR/api/ (lvyue.js, lvyue_bg.wasm, lvyue.d.ts), and the
# example host page (examples/host/ + the 004 example pair) into $TRUNK_STAGING_DIR/host/.
# Release builds shrink the module with wasm-opt -Oz; debug builds skip it.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TRUNK_STAGING_DIR:?run by Trunk as its post_build hook (scripts/post-build.sh)}"
profile="${TRUNK_PROFILE:-debug}"
out="$TRUNK_STAGING_DIR/api"
mkdir -p "$out" "$TRUNK_STAGING_DIR/host/examples"

if [ "$profile" = release ]; then
  cargo build --locked --release --target wasm32-unknown-unknown --bin lvyue-api
  wasm="target/wasm32-unknown-unknown/release/lvyue-api.wasm"
else
  cargo build --locked --target wasm32-unknown-unknown --bin lvyue-api
  wasm="target/wasm32-unknown-unknown/debug/lvyue-api.wasm"
fi
wasm-bindgen --target web --out-name lvyue --out-dir "$out" "$wasm"
if [ "$profile" = release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/lvyue_bg.wasm" -o "$out/lvyue_bg.wasm"
fi

cp examples/host/index.html examples/host/host.js "$TRUNK_STAGING_DIR/host/"
cp examples/004-liyang-operations.contract.json examples/004-liyang-operations.events.json \
  "$TRUNK_STAGING_DIR/host/examples/"
echo "post-build: api/lvyue_bg.wasm $(wc -c < "$out/lvyue_bg.wasm") B"
