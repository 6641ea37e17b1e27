//! The page's side of the authoring module (`dist/author/`, loaded on first use by
//! `author_loader.js`): a document opened, dropped or pasted is read and drafted there, and the
//! authoring view is mounted in a container that replaces the tabs while it is open. The view's
//! contract comes back as JSON and is loaded as an opened contract file ([`Action::Authored`]).
//!
//! Why so thin: every byte here is in the page's first load. The reader, the drafter and the
//! view are in the module; the page only tells a document from a contract file
//! ([`crate::domain::document::sniff`]), passes bytes and text along, and builds the view's
//! input as a string (no type of the draft is linked here).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::document::sniff;
use crate::domain::Lang;
use crate::ui::store::{Action, AuthorOpen};

#[wasm_bindgen(module = "/src/ui/author_loader.js")]
extern "C" {
    #[wasm_bindgen(js_name = readDocument)]
    fn read_document(bytes: &[u8], name: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = draftText)]
    fn draft_text(text: &str) -> js_sys::Promise;
    #[wasm_bindgen(js_name = mountAuthor)]
    fn mount_author(host: web_sys::Element, input: &str, on_done: &JsValue) -> js_sys::Promise;
}

/// Whether a file is for the document reader: a Word, PDF, old Word or RTF file by its first
/// bytes, UTF-16 text, or a name ending `.txt`/`.docx`/`.doc`/`.pdf`.
pub fn is_document_file(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    sniff::is_document_bytes(bytes)
        || sniff::seen(bytes) == sniff::Seen::Utf16
        || [".txt", ".docx", ".doc", ".pdf", ".rtf"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// A rejection of the module as a failure to show: the reader's `{code, zh, en}`, or the module
/// that could not be loaded.
fn failure(source: String, e: JsValue) -> Action {
    let reader = e
        .as_string()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok());
    let field = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    if let Some(v) = reader.filter(|v| v["code"].is_string()) {
        return Action::DocumentFailed {
            source,
            code: field(&v, "code"),
            zh: field(&v, "zh"),
            en: field(&v, "en"),
        };
    }
    let why = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_default();
    Action::DocumentFailed {
        source,
        code: "author.unavailable".into(),
        zh: format!("无法载入起草模块（{why}）：请从网站打开本页，或使用单文件版"),
        en: format!("the drafting module could not be loaded ({why}): open the page from its site, or use the one-file build"),
    }
}

/// The view's input: `{"lang", "name", "draft"}` (the draft's JSON spliced in as it is).
fn draft_input(lang: Lang, name: &str, draft: &str) -> String {
    let name = json_text(&serde_json::Value::String(name.to_string()));
    format!(
        r#"{{"lang":"{}","name":{name},"draft":{draft}}}"#,
        lang.code()
    )
}

/// Drafts a text (pasted, or read from a document) and opens the view on the draft.
pub async fn draft_and_open(source: String, text: String, dispatch: Callback<Action>, lang: Lang) {
    match wasm_bindgen_futures::JsFuture::from(draft_text(&text)).await {
        Ok(d) => dispatch.emit(Action::OpenAuthor {
            input: draft_input(lang, &source, &d.as_string().unwrap_or_default()),
            edited: false,
        }),
        Err(e) => dispatch.emit(failure(source, e)),
    }
}

/// A document file: read by the module, then drafted; a `.txt` that holds a contract file's
/// JSON is loaded as one.
pub async fn open_document(name: String, bytes: Vec<u8>, dispatch: Callback<Action>, lang: Lang) {
    let text = match wasm_bindgen_futures::JsFuture::from(read_document(&bytes, &name)).await {
        Ok(t) => t.as_string().unwrap_or_default(),
        Err(e) => return dispatch.emit(failure(name, e)),
    };
    if sniff::is_document_text(&text) {
        draft_and_open(name, text, dispatch, lang).await;
    } else {
        dispatch.emit(Action::LoadText { source: name, text });
    }
}

/// The view's input for a blank contract, or for the current one and its record.
pub fn edit_input(
    lang: Lang,
    contract: Option<&crate::domain::contract::Contract>,
    events: Option<&crate::domain::events::Events>,
) -> String {
    // Through a `Value`, as the workspace is saved: the types' serializers into a `Value` are
    // in the page already, a second serializer per type would add about 20 KB gzip.
    let value = |v: Option<Result<serde_json::Value, serde_json::Error>>| match v {
        Some(Ok(v)) => json_text(&v),
        _ => "null".to_string(),
    };
    format!(
        r#"{{"lang":"{}","contract":{},"events":{}}}"#,
        lang.code(),
        value(contract.map(serde_json::to_value)),
        value(events.map(serde_json::to_value))
    )
}

/// A JSON value as text (pretty: the writer the page links already).
fn json_text(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into())
}

#[derive(Properties, PartialEq)]
pub struct HostProps {
    pub open: std::rc::Rc<AuthorOpen>,
    pub dispatch: Callback<Action>,
    pub lang: Lang,
}

/// The container the module's view is mounted in, replacing the tabs while open.
#[function_component(AuthorHost)]
pub fn author_host(props: &HostProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let dispatch = props.dispatch.clone();
        let lang = props.lang;
        use_effect_with(props.open.clone(), move |open| {
            let input = open.input.clone();
            let source: String = lang.pick("起草的合同", "drafted contract").into();
            let d = dispatch.clone();
            let on_done = Closure::<dyn FnMut(JsValue)>::new(move |v: JsValue| {
                d.emit(match v.as_string() {
                    Some(text) => Action::Authored {
                        source: source.clone(),
                        text,
                    },
                    None => Action::CloseAuthor,
                })
            })
            .into_js_value();
            if let Some(host) = node.cast::<web_sys::Element>() {
                wasm_bindgen_futures::spawn_local(async move {
                    let p = mount_author(host, &input, &on_done);
                    if let Err(e) = wasm_bindgen_futures::JsFuture::from(p).await {
                        dispatch.emit(failure(lang.pick("起草", "drafting").into(), e));
                        dispatch.emit(Action::CloseAuthor);
                    }
                });
            }
        });
    }
    html! { <section id="author" class="author-host" key={props.open.seq.to_string()} ref={node}
    aria-label={props.lang.pick("起草与编辑合同", "Drafting and editing the contract")} /> }
}
