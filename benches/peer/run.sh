#!/usr/bin/env bash
# The peer benchmark (README.md): lvyue against Accord Project's Cicero in one Node process.
#
#   benches/peer/run.sh [--requests N] [--rounds R] [--json FILE]
#
# Installs Cicero into benches/peer/node_modules when it is missing (npm ci from this folder's
# package-lock.json; PEER_NPM_FLAGS=--offline to install from a populated npm cache only), and
# builds lvyue's JS module (dist/api/) when dist/api/lvyue.js is missing (trunk build --release).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"

if [ ! -f "$here/node_modules/@accordproject/cicero-engine/package.json" ] ||
   [ ! -f "$here/node_modules/@accordproject/cicero-core/package.json" ]; then
  echo "bench-peer: installing Cicero into benches/peer/node_modules"
  (cd "$here" && npm ci --no-audit --no-fund ${PEER_NPM_FLAGS:-})
fi

if [ ! -f "$root/dist/api/lvyue.js" ]; then
  echo "bench-peer: building lvyue (trunk build --release) for dist/api/"
  (cd "$root" && scripts/setup.sh build && trunk build --release)
fi

# dist/api/lvyue.js is an ES module in a folder with no package.json: Node says so once.
exec node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON "$here/run.mjs" "$@"
