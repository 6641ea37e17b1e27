//! The calculation statement (计算说明书), laid out for A4 paper: it draws
//! [`crate::domain::statement::Statement`] and offers the browser's print dialog (print or save
//! as PDF). The print stylesheet (`style/main.css`, "Calculation statement") hides the rest of
//! the page. Every contract string is rendered as text.

use yew::prelude::*;

use super::{no_report, ViewProps};
use crate::domain::statement::{self, Figure, Row, Section};

fn figure(f: &Figure) -> Html {
    html! {
        <>
            <span class="st-figure num">{ f.text.clone() }</span>
            if !f.words.is_empty() { <span class="st-words">{ f.words.clone() }</span> }
        </>
    }
}

fn row(r: &Row) -> Html {
    html! {
        <div class="st-row" data-clause={r.clause.clone()}>
            <div class="st-row-head">
                <span class="st-clause">{ r.clause.clone() }</span>
                <span class="st-title">{ r.title.clone() }</span>
                <span class="st-amount">
                    if let Some(f) = &r.figure { { figure(f) } } else { <span class="st-note">{ r.note.clone() }</span> }
                </span>
            </div>
            if !r.explanation.is_empty() {
                <ol class="st-steps">{ for r.explanation.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ol>
            }
        </div>
    }
}

fn section(s: &Section) -> Html {
    html! {
        <section class="st-section" data-section={s.id}>
            <h3>{ s.title.clone() }</h3>
            if s.rows.is_empty() {
                <p class="st-empty">{ s.empty.clone() }</p>
            } else {
                { for s.rows.iter().map(row) }
            }
        </section>
    }
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let (Some(report), Some(contract)) = (&props.state.report, props.state.contract()) else {
        return no_report(&props.state);
    };
    let st = statement::statement(contract, report, lang);
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <div class="statement-view">
            <div class="st-toolbar">
                <button type="button" id="print-button" class="primary" onclick={onprint}>
                    { lang.pick("打印 / 存为 PDF", "Print / save as PDF") }</button>
                <p class="hint">{ lang.pick(
                    "按 A4 纸排版；打印时只输出说明书本身。",
                    "Laid out for A4; only the statement itself is printed.") }</p>
            </div>
            <article class="statement" id="statement" data-as-of={st.as_of.to_string()}>
                <header class="st-header">
                    <h1>{ st.heading.clone() }</h1>
                    <h2 id="statement-title">{ st.title.clone() }</h2>
                </header>
                <table class="st-identity">
                    <tbody>
                        { for st.identity.iter().map(|f| html! {
                            <tr data-field={f.key}><th scope="row">{ f.label.clone() }</th><td>{ f.value.clone() }</td></tr>
                        }) }
                    </tbody>
                </table>
                <section class="st-section" data-section="totals">
                    <h3>{ lang.pick("合计", "Totals") }</h3>
                    <table class="st-totals">
                        <tbody>
                            { for st.totals.iter().map(|t| html! {
                                <tr data-total={t.key}>
                                    <th scope="row">{ t.label.clone() }</th>
                                    <td class="num">{ t.value.clone() }</td>
                                    <td class="st-words">{ t.figure.as_ref().map(|f| f.words.clone()).unwrap_or_default() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
                if !st.readings.is_empty() {
                    <section class="st-section" data-section="readings">
                        <h3>{ lang.pick("有歧义条款采用的解读", "Readings chosen for ambiguous clauses") }</h3>
                        <table class="st-readings">
                            <thead><tr>
                                <th>{ lang.pick("条款", "Clause") }</th>
                                <th>{ lang.pick("采用的解读", "Reading used") }</th>
                                <th>{ lang.pick("合计", "Total") }</th>
                                <th>{ lang.pick("其他解读的合计", "Other readings' totals") }</th>
                            </tr></thead>
                            <tbody>
                                { for st.readings.iter().map(|r| html! {
                                    <tr data-reading={r.clause.clone()}>
                                        <td><span class="st-clause">{ r.clause.clone() }</span>{ " " }{ r.title.clone() }</td>
                                        <td>{ r.chosen_label.clone() }</td>
                                        <td class="num">{ r.chosen_total.text.clone() }</td>
                                        <td>{ r.others_text() }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </section>
                }
                { for st.sections.iter().map(section) }
                if !st.notes.is_empty() {
                    <section class="st-section" data-section="notes">
                        <h3>{ lang.pick("计算提示", "Notes") }</h3>
                        <ul class="st-notes">{ for st.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    </section>
                }
                <p class="st-disclaimer">{ st.disclaimer.clone() }</p>
                <div class="st-signatures">
                    { for st.signatures.iter().map(|s| html! {
                        <div class="st-signature">
                            <p class="st-party"><strong>{ s.party.clone() }</strong>{ "：" }{ s.name.clone() }</p>
                            { for s.lines.iter().map(|l| html! {
                                <p class="st-sign-line"><span>{ l.clone() }</span><span class="st-blank"></span></p>
                            }) }
                        </div>
                    }) }
                </div>
            </article>
        </div>
    }
}
