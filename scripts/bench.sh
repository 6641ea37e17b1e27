#!/usr/bin/env bash
# `make bench`: every speed figure against its target (issue 6; the API and CLI figures, issue 10), in one run.
#
#   1. the engine, native (criterion, benches/engine.rs), and the API and the CLI around it
#      (benches/api.rs), the page's reducer natively (benches/page.rs), and memory per
#      incident (benches/memory.rs, a counting allocator);
#   2. the engine in the browser (benches/wasm/engine.rs: the wasm module, release profile, in
#      headless Chromium);
#   3. the page (tests/e2e/suites/measure.mjs on a release build: load to the first report,
#      an edit to its re-rendered results with 2,000 incidents).
#
# Logs go to target/bench/; the summary at the end quotes each figure with its target.
# Timings depend on the machine and its load: compare runs on the same, idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"

echo "== 1/3 engine, native (criterion)"
cargo bench --bench foundation --bench engine --bench api --bench page --bench memory 2>&1 | tee "$out/native.log"

echo "== 2/3 engine in the browser (wasm, release profile, headless Chromium)"
cargo test --locked --profile release --target wasm32-unknown-unknown --test engine_wasm \
  -- --nocapture 2>&1 | tee "$out/wasm.log"

echo "== 3/3 the page (release build, headless Chromium)"
trunk build --release 2>&1 | tail -n 3
LVYUE_E2E_ONLY='^measure: ' node tests/e2e/run.mjs dist 2>&1 | tee "$out/page.log"

# criterion prints "name\n  time: [low estimate high]"; the estimate against its target.
native() { # name-pattern target-ms label
  awk -v pat="$1" -v target="$2" -v label="$3" '
    index($0, pat) { found = 1 }
    found && /time:/ {
      gsub(/[\[\]]/, ""); v = $4; u = $5
      ms = (u == "µs" || u == "us") ? v / 1000 : (u == "ns" ? v / 1e6 : (u == "s" ? v * 1000 : v))
      printf "bench: native: %s: %.2f ms (criterion estimate); target ≤ %s ms: %s\n",
        label, ms, target, (ms <= target ? "met" : "MISSED")
      exit
    }' "$out/native.log"
}
echo
echo "== summary ($(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
native "evaluate 004 + 2,000" 2 "004 year: 2,000 incidents + 500 requirements"
native "evaluate 003" 10 "003 x 3 years: 10,000 incidents, 6 inspections a day"
native "api prepared 004 year: full JSON report" 20 "API: 004 year, a prepared contract (api::load once), full JSON report"
native "api prepared 004 year: compact JSON" 20 "API: 004 year, a prepared contract, compact result (no steps)"
native "api evaluate 004 year: full JSON report" 20 "API: 004 year, one-shot api::evaluate from both texts, full JSON report"
native "cli eval 004 year --json: whole process" 40 "CLI: lvyue eval 004 year --json, whole process"
native "page reducer: a grid cell edit" 8 "the page's reducer natively: a grid cell edit, 2,000 incidents (the page's 16 ms, less rendering, over wasm's ~2×)"
grep -h '^bench: memory' "$out/native.log" || echo "bench: memory: no figures (see $out/native.log)"
grep -h '^bench: ' "$out/wasm.log" || echo "bench: engine in the browser: no figures (see $out/wasm.log)"
grep -h '^measure: ' "$out/page.log" || echo "measure: the page: no figures (see $out/page.log)"
