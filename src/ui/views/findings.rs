//! The findings tab: what the document checks found in the contract text, by severity, and the
//! warnings about the evaluation.

use yew::prelude::*;

use super::widgets::{severity_id, severity_name};
use super::{no_report, ViewProps};
use crate::domain::report::Severity;
use crate::domain::Localize;

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let groups = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|sev| {
            let items: Vec<_> = report.findings.iter().filter(|f| f.severity == sev).collect();
            if items.is_empty() {
                return html! {};
            }
            let id = severity_id(sev);
            html! {
                <section class={classes!("finding-group", format!("severity-{id}"))}
                    data-severity={id} aria-labelledby={format!("findings-{id}")}>
                    <h3 id={format!("findings-{id}")}>
                        { format!("{} ({})", severity_name(sev, lang), items.len()) }
                    </h3>
                    <ul class="finding-list">
                        { for items.iter().map(|f| html! {
                            <li class="finding-item" data-code={f.code.clone()}>
                                if !f.clauses.is_empty() {
                                    <span class="finding-clauses">
                                        { lang.pick("条款 ", "clauses ") }{ f.clauses.join(", ") }
                                    </span>
                                }
                                <p class="finding-text">{ lang.pick(f.zh.clone(), f.en.clone()) }</p>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        });
    html! {
        <section class="view" id="view-findings" aria-labelledby="findings-title">
            <h2 id="findings-title">{ lang.pick("文本检查", "Findings about the text") }</h2>
            if report.findings.is_empty() {
                <p class="empty">{ lang.pick("文本检查未发现问题。", "The checks found nothing in the text.") }</p>
            }
            { for groups }
            <section class="eval-warnings" aria-labelledby="eval-warnings-title">
                <h3 id="eval-warnings-title">{ lang.pick("计算提示", "Evaluation warnings") }</h3>
                if report.warnings.is_empty() {
                    <p class="empty">{ lang.pick("无。", "None.") }</p>
                } else {
                    <ul class="warning-list">
                        { for report.warnings.iter().map(|w| html! {
                            <li class="warning" data-code={w.code.clone()}>{ w.localize(lang) }</li>
                        }) }
                    </ul>
                }
            </section>
        </section>
    }
}
