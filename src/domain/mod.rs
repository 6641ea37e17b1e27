//! The pure core of lvyue.
//!
//! Invariants, stated as absences (a test in `tests/all/boundary.rs` guards the first three):
//! - nothing here names yew, web-sys, gloo, js-sys or wasm-bindgen;
//! - nothing here reads a clock: "today" and "now" are parameters;
//! - no floating point: money, rates and durations are exact (`rust_decimal`, integers);
//! - nothing here panics on user input: every parse returns an error that names the input.
//!
//! Every result that a person reads implements [`Localize`], so the CLI, the page and later the
//! reports render the same explanation in zh-CN or English.

pub mod bounds;
pub mod calendar;
pub mod checks;
pub mod contract;
pub mod document;
pub mod draft;
pub mod engine;
pub mod escape;
pub mod events;
pub mod explain;
pub mod formats;
pub mod grouping;
pub mod incident_log;
pub mod input;
pub mod instant;
pub mod labels;
pub mod lang;
pub mod limits;
pub mod load;
pub mod migrate;
pub mod money;
pub mod order;
pub mod outlook;
pub mod period;
pub mod quote;
pub mod report;
pub mod spreadsheet;
pub mod statement;
pub mod unused;
pub mod validate;
pub mod vocabulary;

pub use lang::{Lang, Localize};
