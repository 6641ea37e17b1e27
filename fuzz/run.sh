#!/usr/bin/env bash
# Runs every fuzz target in turn, SECONDS each (default 120), one job: `make fuzz`.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-120}
for t in evaluate load_contract load_events; do
  seeds=seeds/contract
  case $t in evaluate) seeds=seeds/evaluate;; load_events) seeds=seeds/events;; load_contract) seeds="seeds/contract ../tests/bad-input/contract";; esac
  mkdir -p corpus/$t
  cargo fuzz run -O -a -s none "$t" corpus/$t $seeds -- \
    -dict=json.dict -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
