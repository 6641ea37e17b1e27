//! The authoring view's text input: labelled, keeps half-typed text, checks what it can as the
//! user types (a whole number, a number) and reports every value that parses; the loader's
//! problem for its path is shown under it.

use serde_json::Value;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::app::Ctx;
use super::form::{typed, InputKind};

#[derive(Properties, PartialEq)]
pub struct TextInputProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub label: AttrValue,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub kind: InputKind,
    /// The loader's path of the value (a `data-path` attribute).
    pub path: AttrValue,
    pub value: String,
    pub error: Option<String>,
    pub on_value: Callback<Value>,
}

/// The value of the select an event came from.
pub fn select_value(e: &Event) -> String {
    e.target_dyn_into::<HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

#[function_component(TextInput)]
pub fn text_input(p: &TextInputProps) -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let text = use_state(|| p.value.clone());
    let local = use_state(|| None::<String>);
    {
        // A value changed from outside (undo, a template): shown, unless it is what was typed.
        let text = text.clone();
        let local = local.clone();
        let kind = p.kind;
        use_effect_with(p.value.clone(), move |v| {
            // Compared as shown: `200000` typed is `200,000.00` shown, the same value.
            let same = typed(kind, &text)
                .ok()
                .map(|x| super::form::shown(kind, &super::form::scalar_text(&x)))
                == Some(v.clone());
            if !same {
                text.set(v.clone());
                local.set(None);
            }
        });
    }
    let oninput = {
        let text = text.clone();
        let local = local.clone();
        let on_value = p.on_value.clone();
        let kind = p.kind;
        let lang = ctx.lang;
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| {
                    e.target_dyn_into::<HtmlTextAreaElement>()
                        .map(|t| t.value())
                })
                .unwrap_or_default();
            text.set(v.clone());
            match typed(kind, &v) {
                Ok(x) => {
                    local.set(None);
                    on_value.emit(x);
                }
                Err((zh, en)) => local.set(Some(lang.pick(zh, en))),
            }
        })
    };
    // Left: a value that parses is shown as the contract shows it (`200000` → `200,000.00`,
    // `0.003` → `3‰`); a half-typed one stays, with its error.
    let onblur = {
        let text = text.clone();
        let local = local.clone();
        let value = p.value.clone();
        Callback::from(move |_: FocusEvent| {
            if local.is_none() && *text != value {
                text.set(value.clone());
            }
        })
    };
    let error = (*local).clone().or_else(|| p.error.clone());
    let input_type = match p.kind {
        InputKind::Date => "date",
        _ => "text",
    };
    let mode = match p.kind {
        InputKind::Integer => Some("numeric"),
        InputKind::Amount | InputKind::Decimal => Some("decimal"),
        _ => None,
    };
    let placeholder = match p.kind {
        InputKind::Rate => {
            Some(ctx.pick("如 1%、3‰、万分之三、0.1%", "e.g. 1%, 3‰, 万分之三, 0.1%"))
        }
        InputKind::Amount => {
            Some(ctx.pick("如 ¥200,000、200000、20万", "e.g. ¥200,000, 200000, 20万"))
        }
        InputKind::DateTime => Some("YYYY-MM-DDTHH:MM"),
        _ => None,
    };
    let invalid = error.is_some().then_some("true");
    html! {
        <label class={classes!("af-field", error.is_some().then_some("invalid"))} title={p.hint.clone()}>
            <span class="af-label">{ p.label.clone() }</span>
            if p.kind == InputKind::LongText {
                <textarea id={p.id.clone()} data-path={p.path.clone()} value={(*text).clone()} {oninput} {onblur}
                    aria-invalid={invalid} rows="3" />
            } else {
                <input id={p.id.clone()} type={input_type} inputmode={mode} data-path={p.path.clone()}
                    value={(*text).clone()} {oninput} {onblur} placeholder={placeholder} aria-invalid={invalid} />
            }
            if let Some(e) = error {
                <span class="af-error" role="alert">{ e }</span>
            }
        </label>
    }
}
