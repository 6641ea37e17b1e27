//! Fetching a built-in example's two files when it is opened (issue 14: the examples are static
//! files of the site, not part of the page's wasm; `ui::examples`).
//!
//! The site serves them as `examples/ID.contract.json` and `examples/ID.events.json` beside the
//! page (scripts/post-build.d/40-examples.sh; the service worker keeps them for offline use).
//! The single-file build has no site to fetch from: it carries them in a
//! `<script type="application/json" id="lvyue-examples">` element (a data block, which the
//! page's policy does not treat as a script), an object from file name to text, read first.
//! Once fetched, an example's texts stay in `ui::examples` and opening it again fetches nothing.
//! A failure reaches the reducer as [`Action::ExampleFailed`], which shows it in the page.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::Callback;

use crate::ui::examples::{self, Texts};
use crate::ui::store::Action;

/// The id of the single-file build's element holding the examples' texts.
pub const INLINE_ID: &str = "lvyue-examples";

/// Opens example `id`: at once if its texts are at hand, else after fetching them. `start`: the
/// default example at start-up ([`Action::StartExample`]), else one the user picked.
pub fn open(id: String, dispatch: Callback<Action>, start: bool) {
    let opened = move |id: String| {
        if start {
            Action::StartExample(id)
        } else {
            Action::LoadExample(id)
        }
    };
    if examples::texts(&id).is_some() {
        dispatch.emit(opened(id));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_texts(&id).await {
            Ok(texts) => {
                examples::remember(&id, texts);
                dispatch.emit(opened(id));
            }
            Err(message) => dispatch.emit(Action::ExampleFailed { id, message }),
        }
    });
}

/// Both files of example `id`.
async fn fetch_texts(id: &str) -> Result<Texts, String> {
    let (contract, events) = examples::files(id);
    Ok(Texts {
        contract: file_text(&contract).await?.into(),
        events: file_text(&events).await?.into(),
    })
}

/// One file of the examples: from the single-file build's element, else from the site.
async fn file_text(name: &str) -> Result<String, String> {
    if let Some(text) = inline_text(name) {
        return Ok(text);
    }
    fetch(&format!("./examples/{name}")).await
}

/// The file's text from the single-file build's JSON element, if the page has one.
fn inline_text(name: &str) -> Option<String> {
    let text = gloo::utils::document()
        .get_element_by_id(INLINE_ID)?
        .text_content()?;
    let all: serde_json::Value = serde_json::from_str(&text).ok()?;
    all.get(name)?.as_str().map(str::to_string)
}

/// A file of the site as text; the error says what failed (the status, or the browser's word).
async fn fetch(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or_else(|| "no window".to_string())?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| describe(&e, url))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|_| format!("{url}: not a response"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = response.text().map_err(|e| describe(&e, url))?;
    JsFuture::from(text)
        .await
        .map_err(|e| describe(&e, url))?
        .as_string()
        .ok_or_else(|| format!("{url}: not text"))
}

/// A JavaScript error as a line of text.
fn describe(e: &wasm_bindgen::JsValue, url: &str) -> String {
    let what = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "fetch failed".to_string());
    format!("{url}: {what}")
}
