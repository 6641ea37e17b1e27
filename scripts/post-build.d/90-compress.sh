#!/usr/bin/env bash
# Release builds: NAME.br (brotli 11) and NAME.gz (gzip -9) beside every compressible file of
# the site (scripts/precompress.mjs; docs/deployment.md says how servers send them). Runs after
# every step that writes files, 80-sw.sh included, so that the variants are of the final bytes
# (sw.js too) and the service worker's list never names a variant. Debug builds skip it (quick
# rebuilds); LVYUE_PRECOMPRESS=0 skips it too.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TRUNK_STAGING_DIR:?run by scripts/post-build.sh}"
if [ "${TRUNK_PROFILE:-release}" = debug ] || [ "${LVYUE_PRECOMPRESS:-1}" = 0 ]; then
  echo "90-compress: skipped (${TRUNK_PROFILE:-release} build, LVYUE_PRECOMPRESS=${LVYUE_PRECOMPRESS:-1})"
  exit 0
fi
node scripts/precompress.mjs "$TRUNK_STAGING_DIR"
