#!/usr/bin/env bash
# The Content-Security-Policy <meta> in every built page, with the sha256 of each inline script
# (scripts/csp.mjs). Runs before 80-sw.sh so that the service worker's cache name covers it.
set -euo pipefail
node scripts/csp.mjs "$TRUNK_STAGING_DIR"
