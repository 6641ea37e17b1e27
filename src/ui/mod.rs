//! The Yew app: load a contract and its record, see every figure, keep the work.
//!
//! One component per file. State lives in [`state`] behind a pure reducer that delegates every
//! computation to the domain; the effects (saving to localStorage, the document's `lang`) live in
//! [`app`] and [`storage`] only.

pub mod app;
pub mod author;
pub mod author_host;
pub mod deadline_tool;
pub mod embed;
pub mod example_fetch;
pub mod examples;
pub mod export_bar;
pub mod field;
pub mod host;
pub mod i18n;
pub mod lang_switch;
pub mod load_bar;
pub mod perf;
pub mod record_edit;
pub mod state;
pub mod storage;
pub mod store;
pub mod tools_page;
pub mod vat_tool;
pub mod views;
pub mod words_tool;
pub mod workday_tool;
pub mod workspace;

pub use app::App;

/// Mounts the app on the document's body. Called by `src/bin/lvyue-web.rs`.
pub fn start() {
    storage::save_when_hidden();
    yew::Renderer::<App>::new().render();
}
