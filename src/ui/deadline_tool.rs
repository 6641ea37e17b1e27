//! The deadline calculator: "N days / working days / months / years / hours after D".

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::period::DeadlineEnd;
use crate::domain::Localize;
use crate::ui::field::{outcome, warning, Field as Input};
use crate::ui::i18n::{tr, T};
use crate::ui::state::{Action, Field};
use crate::ui::tools_page::ToolProps;

#[function_component(DeadlineTool)]
pub fn deadline_tool(props: &ToolProps) -> Html {
    let lang = props.state.lang;
    let inputs = &props.state.inputs;
    let set = |field: Field| props.set(field);
    let onunit = props.dispatch.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Set(Field::DeadlineUnit, select.value())
    });
    let onclock = props.dispatch.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Set(Field::DeadlineClock, select.value())
    });
    let onextension = props.dispatch.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetExtension(input.checked())
    });
    let hours = inputs.deadline_unit == "hours";
    let unit_option = |value: &'static str, text: T| {
        html! { <option {value} selected={inputs.deadline_unit == value}>{ tr(lang, text) }</option> }
    };
    let clock_option = |value: &'static str, text: T| {
        html! { <option {value} selected={inputs.deadline_clock == value}>{ tr(lang, text) }</option> }
    };

    let result = outcome(lang, &props.state.results.deadline, |d| {
        let (label, answer, day) = match &d.end {
            DeadlineEnd::Day(date) => (
                tr(lang, T::LastDay),
                date.format("%Y-%m-%d").to_string(),
                Some(props.state.calendar.day(*date).localize(lang)),
            ),
            DeadlineEnd::Instant(at) => (
                tr(lang, T::EndInstant),
                at.format("%Y-%m-%d %H:%M").to_string(),
                None,
            ),
        };
        html! {
            <>
                <p class="answer"><span class="answer-label">{ label }</span>
                    <strong class="answer-value">{ answer }</strong></p>
                if let Some(day) = day { <p class="answer-note">{ day }</p> }
                <ol class="steps">
                    { for d.explain(lang).into_iter().map(|s| html! { <li>{ s }</li> }) }
                </ol>
                { for d.warnings.iter().map(|w| warning(w.localize(lang))) }
            </>
        }
    });

    html! {
        <section class="tool" aria-labelledby="deadline-title">
            <h2 id="deadline-title">{ tr(lang, T::DeadlineTitle) }</h2>
            <p class="hint">{ tr(lang, T::DeadlineHint) }</p>
            <div class="inputs">
                <Input id="deadline-start" kind="date" label={tr(lang, T::StartDate)}
                    value={inputs.deadline_start.clone()} oninput={set(Field::DeadlineStart)} />
                if hours {
                    <Input id="deadline-time" kind="time" label={tr(lang, T::StartTime)}
                        value={inputs.deadline_time.clone()} oninput={set(Field::DeadlineTime)} />
                }
                <Input id="deadline-n" label={tr(lang, T::Count)} inputmode="numeric"
                    value={inputs.deadline_n.clone()} oninput={set(Field::DeadlineN)} />
                <label class="field" for="deadline-unit">
                    <span class="field-label">{ tr(lang, T::Unit) }</span>
                    <select id="deadline-unit" onchange={onunit}>
                        { unit_option("days", T::UnitDays) }
                        { unit_option("workdays", T::UnitWorkdays) }
                        { unit_option("months", T::UnitMonths) }
                        { unit_option("years", T::UnitYears) }
                        { unit_option("hours", T::UnitHours) }
                    </select>
                </label>
                if hours {
                    <label class="field" for="deadline-clock">
                        <span class="field-label">{ tr(lang, T::ClockLabel) }</span>
                        <select id="deadline-clock" onchange={onclock}>
                            { clock_option("7x24", T::Clock7x24) }
                            { clock_option("5x8", T::Clock5x8) }
                            { clock_option("working-hours", T::ClockWorkingHours) }
                        </select>
                    </label>
                } else {
                    <label class="check" for="deadline-extension">
                        <input id="deadline-extension" type="checkbox"
                            checked={inputs.deadline_extension} onchange={onextension} />
                        <span>{ tr(lang, T::HolidayExtension) }</span>
                    </label>
                }
            </div>
            <div id="deadline-result" class="result" aria-live="polite">{ result }</div>
        </section>
    }
}
