//! Amounts in uppercase words (大写金额): write one, and check a contract's against its figure.

use yew::prelude::*;

use crate::domain::Localize;
use crate::ui::field::{alert, outcome, Field as Input};
use crate::ui::i18n::{tr, T};
use crate::ui::state::Field;
use crate::ui::tools_page::ToolProps;

#[function_component(WordsTool)]
pub fn words_tool(props: &ToolProps) -> Html {
    let lang = props.state.lang;
    let inputs = &props.state.inputs;
    let results = &props.state.results;
    let set = |field: Field| props.set(field);

    let words = outcome(lang, &results.words, |w| {
        html! {
            <p class="answer"><strong class="answer-value words">{ format!("人民币{w}") }</strong></p>
        }
    });
    let check = match &results.words_check {
        None => html! {},
        Some(c) => {
            let verdict = if c.matches {
                T::WordsMatch
            } else {
                T::WordsMismatch
            };
            html! {
                <>
                    <p class={classes!("verdict", if c.is_clean() { "is-ok" } else if c.matches { "is-warn" } else { "is-bad" })}>
                        { tr(lang, verdict) }
                        if let Some(read) = &c.read {
                            <span class="answer-note">{ format!(" ({} {})", tr(lang, T::WordsReadAs), read.format_yuan()) }</span>
                        }
                    </p>
                    if let Some(e) = &c.error { { alert(e.localize(lang)) } }
                    <ul class="findings">
                        { for c.findings.iter().map(|f| html! { <li class="finding">{ f.localize(lang) }</li> }) }
                    </ul>
                </>
            }
        }
    };

    html! {
        <section class="tool" aria-labelledby="words-title">
            <h2 id="words-title">{ tr(lang, T::WordsTitle) }</h2>
            <p class="hint">{ tr(lang, T::WordsHint) }</p>
            <div class="inputs">
                <Input id="words-amount" label={tr(lang, T::Amount)} inputmode="decimal"
                    value={inputs.words_amount.clone()} oninput={set(Field::WordsAmount)} />
            </div>
            <div id="words-result" class="result" aria-live="polite">{ words }</div>
            <div class="inputs">
                <Input id="words-text" label={tr(lang, T::WrittenText)}
                    placeholder={tr(lang, T::WrittenTextPlaceholder)}
                    value={inputs.words_text.clone()} oninput={set(Field::WordsText)} />
            </div>
            <div id="words-check" class="result" aria-live="polite">{ check }</div>
        </section>
    }
}
