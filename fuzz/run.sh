#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS each (default 120), one job: `make fuzz`.
#
# Seeds come from the examples (and the bad-input corpus for load_contract); the corpus the
# fuzzer grows stays in fuzz/corpus/, crashes in fuzz/artifacts/ (both ignored by git).
# Reproduce a crash: cargo fuzz run TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-120}

# Seeds. evaluate: a first byte 2k (contract k fuzzed) or 2k+1 (events k fuzzed);
# load_events: a first byte k (the contract the events go with).
rm -rf seeds
mkdir -p seeds/contract seeds/events seeds/evaluate
k=0
for c in ../examples/*.contract.json; do
  n=$(basename "$c" .contract.json)
  e=../examples/$n.events.json
  cp "$c" "seeds/contract/$n.json"
  { printf "\\x$(printf %02x "$k")"; cat "$e"; } > "seeds/events/$n.json"
  { printf "\\x$(printf %02x $((2 * k)))"; cat "$c"; } > "seeds/evaluate/$n-contract.json"
  { printf "\\x$(printf %02x $((2 * k + 1)))"; cat "$e"; } > "seeds/evaluate/$n-events.json"
  k=$((k + 1))
done

for t in evaluate load_contract load_events; do
  case $t in
    evaluate) seeds=(seeds/evaluate) ;;
    load_contract) seeds=(seeds/contract ../tests/bad-input/contract) ;;
    load_events) seeds=(seeds/events) ;;
  esac
  mkdir -p "corpus/$t"
  cargo fuzz run -O -a -s none "$t" "corpus/$t" "${seeds[@]}" -- \
    -dict=json.dict -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1
done
