//! The record tab: editors for everything the record of events holds. Every edit builds the new
//! [`Events`](crate::domain::events::Events) and dispatches `Action::SetEvents`, so the report
//! follows at once. Text that does not parse stays in its input with the error beside it and is
//! not dispatched; selects only offer what the contract defines.

pub mod dates;
pub mod incidents;
pub mod input;
pub mod money;
pub mod other;

use yew::prelude::*;

use super::{no_contract, ViewProps};
use crate::domain::validate::validate_events;
use crate::domain::Lang;

/// The sections, as (id, zh, en).
const SECTIONS: [(&str, &str, &str); 9] = [
    ("rec-dates", "关键日期与基准日", "Key dates and as-of"),
    ("rec-incidents", "故障与事件", "Incidents"),
    (
        "rec-payments",
        "付款、发票与事实",
        "Payments, invoices and facts",
    ),
    ("rec-requirements", "需求", "Requirements"),
    ("rec-staff", "人员事件", "Staff events"),
    ("rec-consents", "书面同意", "Consents"),
    ("rec-occurrences", "手工记录的违约", "Recorded breaches"),
    ("rec-obligations", "义务完成情况", "Obligations done"),
    ("rec-excuses", "免责主张", "Excuses claimed"),
];

fn section(id: &'static str, lang: Lang, count: Option<usize>, body: Html) -> Html {
    let (zh, en) = SECTIONS
        .iter()
        .find(|s| s.0 == id)
        .map(|s| (s.1, s.2))
        .unwrap_or(("", ""));
    html! {
        <details class="rec-section" {id} open=true>
            <summary>
                <h2 class="rec-title">{ lang.pick(zh, en) }
                    if let Some(n) = count { <span class="rec-count">{ format!(" ({n})") }</span> }
                </h2>
            </summary>
            <div class="rec-body">{ body }</div>
        </details>
    }
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    // No report is needed to edit the record: a record whose figures overflow stays editable.
    let (Some(contract), Some(scenario)) = (props.state.contract(), props.state.scenario()) else {
        return no_contract(lang);
    };
    let ev = &scenario.events;
    let problems = validate_events(contract, ev);
    let p = props.clone();
    let nav = SECTIONS.iter().map(|(id, zh, en)| {
        html! { <li><a href={format!("#{id}")} onclick={Callback::from(|e: MouseEvent| {
            // The page's hash names the tab: scroll instead of navigating.
            e.prevent_default();
            if let Some(t) = e.target_dyn_into::<web_sys::Element>()
                .and_then(|a| a.get_attribute("href"))
                .and_then(|h| gloo::utils::document().get_element_by_id(h.trim_start_matches('#')))
            {
                t.scroll_into_view();
            }
        })}>{ lang.pick(*zh, *en) }</a></li> }
    });
    html! {
        <section class="view record" id="view-record">
            <nav class="rec-nav" aria-label={lang.pick("履约记录分区", "Record sections")}>
                <ul>{ for nav }</ul>
            </nav>
            if !problems.is_empty() {
                <div class="rec-problems" role="status">
                    <h3>{ lang.pick("记录中的问题", "Problems in the record") }</h3>
                    <ul>{ for problems.iter().map(|pr| html! {
                        <li class={if pr.is_error() { "error" } else { "warning" }}>
                            { format!("{}: {}", pr.path, lang.pick(&pr.zh, &pr.en)) }
                        </li>
                    }) }</ul>
                </div>
            }
            { section("rec-dates", lang, None, html! { <dates::Dates ..p.clone() /> }) }
            { section("rec-incidents", lang, Some(ev.incidents.len()),
                html! { <incidents::Incidents ..p.clone() /> }) }
            { section("rec-payments", lang, Some(ev.payments.len() + ev.invoices.len()),
                html! { <money::Money ..p.clone() /> }) }
            { section("rec-requirements", lang, Some(ev.requirements.len()),
                html! { <other::Requirements ..p.clone() /> }) }
            { section("rec-staff", lang, Some(ev.staff.len()), html! { <other::Staff ..p.clone() /> }) }
            { section("rec-consents", lang, Some(ev.consents.len()),
                html! { <other::Consents ..p.clone() /> }) }
            { section("rec-occurrences", lang, Some(ev.occurrences.len()),
                html! { <other::Occurrences ..p.clone() /> }) }
            { section("rec-obligations", lang, Some(ev.done.len()),
                html! { <other::Obligations ..p.clone() /> }) }
            { section("rec-excuses", lang, Some(ev.excuses.len()),
                html! { <other::Excuses ..p.clone() /> }) }
        </section>
    }
}
