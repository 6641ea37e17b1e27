//! A labelled text input: the one shape every tool's inputs share.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::Lang;
use crate::ui::state::Outcome;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The input's id (the label points at it; tests find it by it).
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    /// `text` (default), `date` or `time`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub placeholder: AttrValue,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    pub oninput: Callback<String>,
}

/// A label and an input that reports every keystroke.
#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.value());
        })
    };
    html! {
        <label class="field" for={props.id.clone()}>
            <span class="field-label">{ props.label.clone() }</span>
            <input
                id={props.id.clone()}
                type={props.kind.clone()}
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                inputmode={props.inputmode.clone()}
                autocomplete="off"
                spellcheck="false"
                {oninput}
            />
        </label>
    }
}

/// An error the user must see, read out by screen readers.
pub fn alert(text: String) -> Html {
    html! { <p class="error" role="alert">{ text }</p> }
}

/// A warning about the answer (for example a year with no holiday schedule).
pub fn warning(text: String) -> Html {
    html! { <p class="warning" role="status">{ text }</p> }
}

/// Draws a computed outcome: nothing yet, the error as an alert, or the answer by `ok`.
pub fn outcome<T>(lang: Lang, outcome: &Outcome<T>, ok: impl FnOnce(&T) -> Html) -> Html {
    match outcome {
        Outcome::Empty => html! {},
        Outcome::Err(e) => alert(e.localize(lang)),
        Outcome::Ok(v) => ok(v),
    }
}
