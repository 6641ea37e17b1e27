//! The engine in the browser: the two inputs of `benches/engine.rs` (shared through
//! `lvyue::bench_support`) evaluated by the wasm module in headless Chromium, timed with the
//! page's `performance.now()`; prints the median and p95 of each against its target
//! (004 year ≤ 5 ms, 003 × 3 years ≤ 50 ms).
//!
//! `make bench` runs it with the app's own release profile (opt-level "z", LTO: the code the
//! page ships, before wasm-opt):
//!   cargo test --profile release --target wasm32-unknown-unknown --test engine_wasm
//! A debug build (`make test`) evaluates each input once: it keeps the benchmark compiling and
//! running, and asserts that the inputs give real reports. Not a timed test: the figures are
//! printed, never asserted.
#![cfg(target_arch = "wasm32")]

use lvyue::bench_support::inputs;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{evaluate, Options};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Timed runs per input (after one warm-up run); one in a debug build.
const RUNS: usize = if cfg!(debug_assertions) { 1 } else { 40 };

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

fn quantile(sorted: &[f64], q: f64) -> f64 {
    let i = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

#[wasm_bindgen_test]
fn engine_in_the_browser() {
    let cal = Calendar::china();
    let options = Options::default();
    for (name, _native, target, (contract, events)) in inputs() {
        let warm = evaluate(&contract, &events, &cal, &options).expect("the input evaluates");
        // The input is a real workload: every incident has its timers, the obligations are
        // evaluated.
        assert!(
            warm.sla.len() >= events.incidents.len(),
            "{name}: no timers"
        );
        assert!(!warm.obligations.is_empty(), "{name}: no obligation");
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = now();
            let report = evaluate(&contract, &events, &cal, &options).expect("the input evaluates");
            times.push(now() - t);
            assert_eq!(report.totals, warm.totals, "{name}: not deterministic");
        }
        times.sort_by(f64::total_cmp);
        let (median, p95) = (quantile(&times, 0.5), quantile(&times, 0.95));
        let fastest = times[0];
        if cfg!(debug_assertions) {
            console_log!("bench: engine in the browser: {name}: ran once (debug build: no figure)");
        } else {
            let verdict = if median <= target { "met" } else { "MISSED" };
            console_log!(
                "bench: engine in the browser (wasm, release profile): {name}: median = \
                 {median:.2} ms, p95 = {p95:.2} ms, fastest = {fastest:.2} ms (n = {RUNS}); \
                 target median ≤ {target} ms: {verdict}"
            );
        }
    }
}
