//! The record tab: editors for everything the record of events holds. Every edit builds the new
//! [`Events`](crate::domain::events::Events) and dispatches `Action::SetEvents` (or an
//! `Action::Edit` the reducer applies), so the report follows at once. The entries of the
//! contract's declared kinds, their facts and those of incidents and requirements have editors
//! generated from the declarations (`entries`). Text that does not parse stays in its input with the error beside it and is
//! not dispatched; selects only offer what the contract defines.

pub mod dates;
pub mod draws;
pub mod entries;
pub mod grid;
pub mod import;
pub mod import_read;
pub mod incidents;
pub mod input;
pub mod money;
pub mod other;

use yew::prelude::*;

use super::{no_contract, ViewProps};
use crate::ui::record_edit::{choices, entry_kinds};
use crate::ui::store::Action;

/// A section: its id (the nav links to it), title, count of rows and body.
type Section = (String, String, Option<usize>, Html);

fn section((id, title, count, body): Section) -> Html {
    html! {
        <details class="rec-section" key={id.clone()} {id} open=true>
            <summary>
                <h2 class="rec-title">{ title }
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
    let problems = &props.state.record_problems;
    let p = props.clone();
    let s = |id: &str, zh: &str, en: &str, count: Option<usize>, body: Html| -> Section {
        (id.to_string(), lang.pick(zh, en).to_string(), count, body)
    };
    let mut sections = vec![
        s(
            "rec-dates",
            "关键日期与基准日",
            "Key dates and as-of",
            None,
            html! { <dates::Dates ..p.clone() /> },
        ),
        s(
            "rec-incidents",
            "故障与事件",
            "Incidents",
            Some(ev.incidents.len()),
            html! {
                <>
                    <grid::Grid ..p.clone() />
                    <import::Import ..p.clone() />
                    <details class="rec-more" id="incident-cards" open=true>
                        <summary>{ lang.pick("逐条编辑（全部栏目：通知、诊断、免责、驻场、合同约定的事实）", "One by one (every field: notified, diagnosed, excuse, resident, the contract's facts)") }</summary>
                        <incidents::Incidents ..p.clone() />
                    </details>
                </>
            },
        ),
    ];
    // One section for each kind the contract declares, drawn from its declaration.
    for (i, k) in entry_kinds(contract) {
        let count = ev.entries.iter().filter(|x| x.kind == k.id).count();
        let (state, dispatch) = (p.state.clone(), p.dispatch.clone());
        sections.push((
            format!("rec-kind-{i}"),
            input::label(&k.label, lang),
            Some(count),
            html! { <entries::Entries {state} {dispatch} kind={i} /> },
        ));
    }
    sections.extend([
        s(
            "rec-payments",
            "付款、发票与事实",
            "Payments, invoices and facts",
            Some(ev.payments.len() + ev.invoices.len()),
            html! { <money::Money ..p.clone() /> },
        ),
        s(
            "rec-requirements",
            "需求",
            "Requirements",
            Some(ev.requirements.len()),
            html! { <other::Requirements ..p.clone() /> },
        ),
        s(
            "rec-staff",
            "人员事件",
            "Staff events",
            Some(ev.staff.len()),
            html! { <other::Staff ..p.clone() /> },
        ),
        s(
            "rec-consents",
            "书面同意",
            "Consents",
            Some(ev.consents.len()),
            html! { <other::Consents ..p.clone() /> },
        ),
        s(
            "rec-occurrences",
            "手工记录的违约",
            "Recorded breaches",
            Some(ev.occurrences.len()),
            html! { <other::Occurrences ..p.clone() /> },
        ),
        s(
            "rec-obligations",
            "义务完成情况",
            "Obligations done",
            Some(ev.done.len()),
            html! { <other::Obligations ..p.clone() /> },
        ),
        s(
            "rec-excuses",
            "免责主张",
            "Excuses claimed",
            Some(ev.excuses.len()),
            html! { <other::Excuses ..p.clone() /> },
        ),
    ]);
    if choices(contract).next().is_some() {
        sections.push(s(
            "rec-elections",
            "救济的选择",
            "Remedies elected",
            Some(ev.elections.len()),
            draws::elections(&p),
        ));
    }
    if !contract.balances.is_empty() {
        sections.push(s(
            "rec-draws",
            "余额支取",
            "Balance draws",
            Some(ev.draws.len()),
            draws::draws(&p),
        ));
    }
    let nav = sections.iter().map(|(id, title, ..)| {
        html! { <li><a href={format!("#{id}")} onclick={Callback::from(|e: MouseEvent| {
            // The page's hash names the tab: scroll instead of navigating.
            e.prevent_default();
            if let Some(t) = e.target_dyn_into::<web_sys::Element>()
                .and_then(|a| a.get_attribute("href"))
                .and_then(|h| gloo::utils::document().get_element_by_id(h.trim_start_matches('#')))
            {
                t.scroll_into_view();
            }
        })}>{ title.clone() }</a></li> }
    });
    let history = &props.state.history;
    let act = |a: Action| {
        let d = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let on_key = {
        let d = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            // In a field, Ctrl+Z / Ctrl+Y are the browser's own: they undo the typing there.
            if !(e.ctrl_key() || e.meta_key()) || in_field(&e) {
                return;
            }
            let key = e.key().to_lowercase();
            let action = match key.as_str() {
                "z" if e.shift_key() => Action::Redo,
                "z" => Action::Undo,
                "y" => Action::Redo,
                _ => return,
            };
            e.prevent_default();
            d.emit(action);
        })
    };
    let demo = crate::ui::examples::is_demo(contract, ev);
    let toolbar = html! {
        <div class="rec-toolbar rec-history" id="record-toolbar">
            <button type="button" class="rec-btn" id="record-undo" onclick={act(Action::Undo)}
                disabled={history.undo.is_empty()} title="Ctrl+Z">{ lang.pick("↶ 撤销", "↶ Undo") }</button>
            <button type="button" class="rec-btn" id="record-redo" onclick={act(Action::Redo)}
                disabled={history.redo.is_empty()} title="Ctrl+Y">{ lang.pick("↷ 重做", "↷ Redo") }</button>
            <button type="button" class="rec-btn" id="blank-record" onclick={act(Action::BlankRecord)}
                title={lang.pick("清空本情景的履约记录，从空白开始（可撤销）", "Empty this scenario's record and start afresh (undoable)")}>
                { lang.pick("空白记录", "Blank record") }</button>
            if demo {
                <span class="demo-badge" id="demo-badge" role="note">{ lang.pick(
                    "示例记录：这是内置示例的履约记录，不是您的实际情况",
                    "Demo record: the built-in example's record, not what happened to you") }</span>
            }
        </div>
    };
    html! {
        <section class="view record" id="view-record" onkeydown={on_key}>
            { toolbar }
            <nav class="rec-nav" aria-label={lang.pick("履约记录分区", "Record sections")}>
                <ul>{ for nav }</ul>
            </nav>
            if !problems.is_empty() {
                <div class="rec-problems" role="status">
                    <h3>{ lang.pick("记录中的问题", "Problems in the record") }</h3>
                    <ul>{ for problems.iter().map(|pr| html! {
                        <li class={if pr.is_error() { "error" } else { "warning" }}>
                            { if pr.path.is_empty() {
                                lang.pick(&pr.zh, &pr.en).to_string()
                            } else {
                                format!("{}{}{}", crate::domain::labels::record_place(ev, &pr.path, lang), lang.pick("：", ": "), lang.pick(&pr.zh, &pr.en))
                            } }
                        </li>
                    }) }</ul>
                </div>
            }
            { for sections.into_iter().map(section) }
        </section>
    }
}

/// Whether a key was pressed in a field that edits text of its own (an input, a text area, a
/// select, anything editable): there the browser's undo is the one the user means.
fn in_field(e: &KeyboardEvent) -> bool {
    let Some(t) = e.target_dyn_into::<web_sys::HtmlElement>() else {
        return false;
    };
    let tag = t.tag_name().to_ascii_lowercase();
    let button = matches!(
        t.get_attribute("type").unwrap_or_default().as_str(),
        "checkbox" | "radio" | "button" | "submit" | "reset" | "file"
    );
    (tag == "input" && !button) || tag == "textarea" || tag == "select" || t.is_content_editable()
}
