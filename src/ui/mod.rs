//! The Yew app: the tools page.
//!
//! One component per file. State lives in [`state`] behind a pure reducer that delegates every
//! computation to the domain; the effects (saving to localStorage, the document's `lang`) live in
//! [`app`] and [`storage`] only.

pub mod app;
pub mod deadline_tool;
pub mod field;
pub mod i18n;
pub mod lang_switch;
pub mod state;
pub mod storage;
pub mod vat_tool;
pub mod words_tool;
pub mod workday_tool;

pub use app::App;

/// Mounts the app on the document's body. Called by `src/bin/lvyue-web.rs`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
