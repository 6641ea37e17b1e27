#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml): runs every scripts/post-build.d/*.sh in name order on the
# staging directory before Trunk moves it to dist/. Each step sees Trunk's environment:
# TRUNK_STAGING_DIR (the site being built), TRUNK_PROFILE (debug|release), TRUNK_SOURCE_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TRUNK_STAGING_DIR:?run by Trunk as its post_build hook}"
shopt -s nullglob
for step in scripts/post-build.d/*.sh; do
  echo "post-build: $step"
  bash "$step"
done
