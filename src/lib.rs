//! 履约 lvyue: a contract calculator and compliance checker for Chinese IT-service contracts.
//!
//! The crate is one library with two thin shells over it:
//!
//! - [`domain`] is the pure core: money, the working-day calendar, legal periods. It never
//!   names a web crate and never reads a clock; "today" is always a parameter.
//! - [`ui`] is the Yew app, built for the browser by Trunk (`src/bin/lvyue-web.rs`).
//! - [`api`] is the library as calls on JSON text (`evaluate`, `check`, `schema`), shared by
//!   the CLI and the JavaScript module (`src/bin/lvyue-api.rs`).
//! - [`cli`] is the `lvyue` command-line tool (`src/bin/lvyue.rs`).
//! - [`export`] writes a report as JSON, CSV and XLSX, for both shells.
//!
//! See `ARCHITECTURE.md` for the map and its invariants.

pub mod api;
pub mod cli;
pub mod domain;
pub mod export;
pub mod ui;

/// The benchmarks' generated inputs (native and browser benchmarks share them).
#[doc(hidden)]
pub mod bench_support;
