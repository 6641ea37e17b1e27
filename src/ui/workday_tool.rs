//! Is a date a working day, and why; and how many working days lie between two dates.

use yew::prelude::*;

use crate::domain::{Lang, Localize};
use crate::ui::field::{outcome, warning, Field as Input};
use crate::ui::i18n::{tr, T};
use crate::ui::state::Field;
use crate::ui::tools_page::ToolProps;

#[function_component(WorkdayTool)]
pub fn workday_tool(props: &ToolProps) -> Html {
    let lang = props.state.lang;
    let inputs = &props.state.inputs;
    let results = &props.state.results;
    let set = |field: Field| props.set(field);

    let day = outcome(lang, &results.workday, |info| {
        html! {
            <>
                <p class={classes!("answer", if info.working { "is-working" } else { "is-off" })}>
                    <strong class="answer-value">{ info.localize(lang) }</strong>
                </p>
                { for info.warning.iter().map(|w| warning(w.localize(lang))) }
            </>
        }
    });
    let between = outcome(lang, &results.between, |b| {
        html! {
            <>
                <p class="answer"><span class="answer-label">{ tr(lang, T::WorkingDaysBetween) }</span>
                    <strong class="answer-value">{ count_text(lang, b.count) }</strong></p>
                { for b.warnings.iter().map(|w| warning(w.localize(lang))) }
            </>
        }
    });

    html! {
        <section class="tool" aria-labelledby="workday-title">
            <h2 id="workday-title">{ tr(lang, T::WorkdayTitle) }</h2>
            <p class="hint">{ tr(lang, T::WorkdayHint) }</p>
            <div class="inputs">
                <Input id="workday-date" kind="date" label={tr(lang, T::Date)}
                    value={inputs.workday_date.clone()} oninput={set(Field::WorkdayDate)} />
            </div>
            <div id="workday-result" class="result" aria-live="polite">{ day }</div>
            <div class="inputs">
                <Input id="between-from" kind="date" label={tr(lang, T::BetweenFrom)}
                    value={inputs.between_from.clone()} oninput={set(Field::BetweenFrom)} />
                <Input id="between-to" kind="date" label={tr(lang, T::BetweenTo)}
                    value={inputs.between_to.clone()} oninput={set(Field::BetweenTo)} />
            </div>
            <div id="between-result" class="result" aria-live="polite">{ between }</div>
        </section>
    }
}

fn count_text(lang: Lang, n: i64) -> String {
    match lang {
        Lang::Zh => format!("{n} 个工作日"),
        Lang::En if n == 1 || n == -1 => format!("{n} working day"),
        Lang::En => format!("{n} working days"),
    }
}
