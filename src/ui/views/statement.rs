//! The calculation statement (计算说明书), laid out for A4 paper: it draws
//! [`crate::domain::statement::Statement`] and offers the browser's print dialog (print or save
//! as PDF). The print stylesheet (`style/main.css`, "Calculation statement") hides the rest of
//! the page. Every contract string is rendered as text; every figure and sentence comes from the
//! domain (`domain::statement`, `domain::outlook`). A checkbox adds the tool's document checks,
//! which are left out by default (the parties sign the figures, not the tool's review).

use yew::prelude::*;

use super::{no_report, ViewProps};
use crate::domain::statement::{self, Duty, Figure, Options, Row, Section, Statement};
use crate::domain::Lang;

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
            if let Some(q) = &r.quote {
                <blockquote class="st-quote" lang="zh-CN">{ q.clone() }</blockquote>
            }
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

fn duties(st: &Statement) -> Html {
    let lang = st.lang;
    let h = statement::duty_headers(lang);
    html! {
        <section class="st-section" data-section="obligations">
            <h3>{ st.duties_title.clone() }</h3>
            if st.duties.is_empty() {
                <p class="st-empty">{ lang.pick("无。", "None.") }</p>
            } else {
                <table class="st-duties">
                    <thead><tr>{ for h.iter().map(|x| html! { <th scope="col">{ *x }</th> }) }</tr></thead>
                    <tbody>
                        { for st.duties.iter().map(|d| html! {
                            <tr data-duty={d.clause.clone()}>
                                <td class="st-clause">{ d.clause.clone() }</td>
                                <td>{ d.label.clone() }</td>
                                <td>{ d.party.clone() }</td>
                                <td class="st-dates">{ Duty::dates(&d.missed, lang) }</td>
                                <td class="st-dates">{ Duty::dates(&d.late, lang) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

fn position(st: &Statement) -> Html {
    let lang = st.lang;
    html! {
        <>
            <section class="st-section" data-section="position">
                <h3>{ statement::position_title(lang) }</h3>
                <ul class="st-position">{ for st.position.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
            </section>
            if !st.rooms.is_empty() {
                <section class="st-section" data-section="rooms">
                    <h3>{ statement::rooms_title(lang) }</h3>
                    <ul class="st-rooms">{ for st.rooms.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
                </section>
            }
        </>
    }
}

fn readings(st: &Statement) -> Html {
    let lang = st.lang;
    if st.readings.is_empty() {
        return html! {};
    }
    html! {
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
}

fn signatures(st: &Statement) -> Html {
    html! {
        <div class="st-signatures">
            { for st.signatures.iter().map(|s| html! {
                <div class="st-signature">
                    <p class="st-party"><strong>{ s.party.clone() }</strong>{ st.lang.pick("：", ": ") }{ s.name.clone() }</p>
                    { for s.lines.iter().map(|l| html! {
                        <p class="st-sign-line"><span>{ l.clone() }</span><span class="st-blank"></span></p>
                    }) }
                </div>
            }) }
        </div>
    }
}

fn article(st: &Statement) -> Html {
    let lang = st.lang;
    html! {
        <article class="statement" id="statement" lang={lang.pick("zh-CN", "en")} data-as-of={st.as_of.to_string()}>
            <header class="st-header">
                <h1>{ st.heading.clone() }</h1>
                <h2 id="statement-title">{ st.title.clone() }</h2>
            </header>
            <table class="st-identity">
                <tbody>
                    // Two fields a row, to keep the first page short.
                    { for st.identity.chunks(2).map(|pair| html! {
                        <tr>
                            { for pair.iter().map(|f| html! {
                                <>
                                    <th scope="row" data-field={f.key}>{ f.label.clone() }</th>
                                    <td data-field-value={f.key} colspan={if pair.len() == 1 { "3" } else { "1" }}>{ f.value.clone() }</td>
                                </>
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <section class="st-section" data-section="totals">
                <h3>{ lang.pick("合计", "Totals") }</h3>
                <table class="st-totals">
                    <tbody>
                        { for st.totals.iter().filter(|t| t.figure.is_some() || t.key == "worst_seller" || t.key == "worst_buyer").map(|t| html! {
                            <tr data-total={t.key}>
                                <th scope="row">{ t.label.clone() }</th>
                                <td class="num">{ t.value.clone() }</td>
                                <td class="st-words">{ t.figure.as_ref().map(|f| f.words.clone()).unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="st-counts">
                    { for st.totals.iter().filter(|t| t.figure.is_none() && t.key != "worst_seller" && t.key != "worst_buyer").map(|t| html! {
                        <span class="st-count" data-total={t.key}>{ t.label.clone() }{ lang.pick("：", ": ") }<strong>{ t.value.clone() }</strong></span>
                    }) }
                </p>
            </section>
            { position(st) }
            { readings(st) }
            { for st.sections.iter().map(section) }
            { duties(st) }
            if !st.notes.is_empty() {
                <section class="st-section" data-section="notes">
                    <h3>{ lang.pick("计算提示", "Notes") }</h3>
                    <ul class="st-notes">{ for st.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                </section>
            }
            <p class="st-disclaimer">{ st.disclaimer.clone() }</p>
            { signatures(st) }
        </article>
    }
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let checks = use_state(|| false);
    let (Some(report), Some(contract)) = (&props.state.report, props.state.contract()) else {
        return no_report(&props.state);
    };
    let st = statement::statement_with(contract, report, lang, Options { checks: *checks });
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let ontoggle = {
        let checks = checks.clone();
        Callback::from(move |_: Event| checks.set(!*checks))
    };
    html! {
        <div class="statement-view">
            <div class="st-toolbar">
                <button type="button" id="print-button" class="primary" onclick={onprint}>
                    { lang.pick("打印 / 存为 PDF", "Print / save as PDF") }</button>
                <label class="st-option">
                    <input type="checkbox" id="statement-checks" checked={*checks} onchange={ontoggle} />
                    { lang.pick("附上合同文本检查", "Add the document checks") }
                </label>
                <p class="hint">{ match lang {
                    Lang::Zh => "按 A4 纸排版；打印时只输出说明书本身。",
                    Lang::En => "Laid out for A4; only the statement itself is printed.",
                } }</p>
            </div>
            { article(&st) }
        </div>
    }
}
