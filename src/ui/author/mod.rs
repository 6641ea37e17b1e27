//! The authoring view: a contract drafted from its text, reviewed and edited clause by clause,
//! or written from a blank contract and the template library. It is a Yew app of its own, built
//! into the on-demand module `dist/author/` (`src/bin/lvyue-author.rs`): the page's first
//! module never links it (nor the document reader and the drafter).
//!
//! The page mounts it with [`mount`] and gets the finished contract back as JSON, which it loads
//! as any opened contract file.

pub mod app;
pub mod clause_card;
pub mod declarations;
pub mod document;
pub mod form;
pub mod form_view;
pub mod header_form;
pub mod inputs;
pub mod path;
pub mod state;
pub mod templates;
pub mod toolbar;

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
    use wasm_bindgen::JsValue;
    let input: AuthorInput = serde_json::from_str(input_json).map_err(|e| e.to_string())?;
    style::adopt();
    host.set_text_content(None);
    let now = js_sys::Date::new_0();
    let today = chrono::NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_default();
    let on_done = yew::Callback::from(move |v: Option<String>| {
        let arg = v.map(|t| JsValue::from_str(&t)).unwrap_or(JsValue::NULL);
        let _ = on_done.call1(&JsValue::NULL, &arg);
    });
    let props = app::AppProps {
        input: std::rc::Rc::new(input),
        as_of: today,
        on_done,
    };
    yew::Renderer::<app::AuthorApp>::with_root_and_props(host, props).render();
    Ok(())
}

/// The view's styles (`style/author.css`, in this module only: the page's first load does not
/// carry them), adopted by the document as a constructed style sheet — allowed by the page's
/// `style-src` policy, which refuses inline `<style>` elements.
#[cfg(target_arch = "wasm32")]
mod style {
    use js_sys::{Array, Function, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    const CSS: &str = include_str!("../../../style/author.css");

    pub fn adopt() {
        let _ = try_adopt();
    }

    fn try_adopt() -> Result<(), JsValue> {
        let global = js_sys::global();
        let doc = Reflect::get(&global, &"document".into())?;
        let adopted = Reflect::get(&doc, &"adoptedStyleSheets".into())?;
        let list: Array = adopted.dyn_into()?;
        if list.iter().any(|s| {
            Reflect::get(&s, &"__lvyueAuthor".into())
                .map(|v| v.is_truthy())
                .unwrap_or(false)
        }) {
            return Ok(());
        }
        let ctor: Function = Reflect::get(&global, &"CSSStyleSheet".into())?.dyn_into()?;
        let sheet = Reflect::construct(&ctor, &Array::new())?;
        let replace: Function = Reflect::get(&sheet, &"replaceSync".into())?.dyn_into()?;
        replace.call1(&sheet, &JsValue::from_str(CSS))?;
        Reflect::set(&sheet, &"__lvyueAuthor".into(), &JsValue::TRUE)?;
        let next = list.concat(&Array::of1(&sheet));
        Reflect::set(&doc, &"adoptedStyleSheets".into(), &next)?;
        Ok(())
    }
}
