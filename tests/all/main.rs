//! lvyue's one integration-test binary. Each module holds the tests of one area.
//!
//! Native tests use `#[test]`; the browser tests (`web`) use `#[wasm_bindgen_test]` and run
//! under `wasm-bindgen-test-runner` in headless Chromium.

#[cfg(not(target_arch = "wasm32"))]
mod api;
mod api_loaded;
#[cfg(not(target_arch = "wasm32"))]
mod author;
#[cfg(not(target_arch = "wasm32"))]
mod bad_input;
#[cfg(not(target_arch = "wasm32"))]
mod boundary;
#[cfg(not(target_arch = "wasm32"))]
mod calendar;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod cli_draft;
#[cfg(not(target_arch = "wasm32"))]
mod docs;
#[cfg(not(target_arch = "wasm32"))]
mod document;
#[cfg(not(target_arch = "wasm32"))]
mod draft;
#[cfg(not(target_arch = "wasm32"))]
mod draft_accept;
#[cfg(not(target_arch = "wasm32"))]
mod draft_duty;
#[cfg(not(target_arch = "wasm32"))]
mod draft_level;
#[cfg(not(target_arch = "wasm32"))]
mod draft_payment;
#[cfg(not(target_arch = "wasm32"))]
mod draft_penalty;
#[cfg(not(target_arch = "wasm32"))]
mod draft_sla;
#[cfg(not(target_arch = "wasm32"))]
mod draft_yearly;
#[cfg(not(target_arch = "wasm32"))]
mod durability;
#[cfg(not(target_arch = "wasm32"))]
mod engine_penalties;
#[cfg(not(target_arch = "wasm32"))]
mod engine_schedule;
#[cfg(not(target_arch = "wasm32"))]
mod examples;
#[cfg(not(target_arch = "wasm32"))]
mod examples_outside;
#[cfg(not(target_arch = "wasm32"))]
mod export_labels;
#[cfg(not(target_arch = "wasm32"))]
mod formats;
#[cfg(not(target_arch = "wasm32"))]
mod grid;
#[cfg(not(target_arch = "wasm32"))]
mod grid_kinds;
#[cfg(not(target_arch = "wasm32"))]
mod html_safety;
#[cfg(not(target_arch = "wasm32"))]
mod labels;
#[cfg(not(target_arch = "wasm32"))]
mod migration;
#[cfg(not(target_arch = "wasm32"))]
mod money;
#[cfg(not(target_arch = "wasm32"))]
mod output_safety;
#[cfg(not(target_arch = "wasm32"))]
mod overflow;
#[cfg(not(target_arch = "wasm32"))]
mod period;
#[cfg(not(target_arch = "wasm32"))]
mod period_ends;
#[cfg(not(target_arch = "wasm32"))]
mod print;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
#[cfg(not(target_arch = "wasm32"))]
mod record_editor;
#[cfg(not(target_arch = "wasm32"))]
mod record_history;
#[cfg(not(target_arch = "wasm32"))]
mod resources;
#[cfg(not(target_arch = "wasm32"))]
mod rounding;
#[cfg(not(target_arch = "wasm32"))]
mod statement_outlook;
#[cfg(not(target_arch = "wasm32"))]
mod unused_input;
mod v2_amounts;
#[cfg(not(target_arch = "wasm32"))]
mod v2_periods;
mod v2_seeds;
#[cfg(not(target_arch = "wasm32"))]
mod vocabulary;
#[cfg(target_arch = "wasm32")]
mod web;
#[cfg(not(target_arch = "wasm32"))]
mod workspace;
#[cfg(not(target_arch = "wasm32"))]
mod xlsx_import;
