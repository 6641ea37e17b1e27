#!/usr/bin/env bash
# The JavaScript module (docs/embedding.md): lvyue::api built from src/bin/lvyue-api.rs with
# wasm-bindgen into $TRUNK_STAGING_DIR/api/ (lvyue.js, lvyue_bg.wasm, lvyue.d.ts), and the
# example host page (examples/host/ + the 004 example pair) into $TRUNK_STAGING_DIR/host/.
# Release builds shrink the module with wasm-opt -Oz; debug builds skip it.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TRUNK_STAGING_DIR:?run by Trunk as its post_build hook (scripts/post-build.sh)}"
scripts/wasm-module.sh lvyue-api api lvyue
mkdir -p "$TRUNK_STAGING_DIR/host/examples"
cp examples/host/index.html examples/host/host.js "$TRUNK_STAGING_DIR/host/"
cp examples/004-liyang-operations.contract.json examples/004-liyang-operations.events.json \
  "$TRUNK_STAGING_DIR/host/examples/"
