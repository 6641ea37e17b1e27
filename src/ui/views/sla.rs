//! The service-level tab: every SLA timer, breaches marked, with a "breached only" filter and
//! pages of 100 rows for contracts with thousands of incidents.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::widgets::{page_bounds, text, timer_status, timer_status_id, Pager};
use super::{no_report, ViewProps};
use crate::domain::explain::{deadline_text, minutes_text, span_text};
use crate::domain::report::{TimerResult, TimerStatus};
use crate::domain::Lang;

/// Rows a page.
pub const PER_PAGE: usize = 100;

/// Whether a timer went past its limit.
pub fn is_breached(t: &TimerResult) -> bool {
    matches!(t.status, TimerStatus::Breached | TimerStatus::Overdue)
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let breached_only = use_state(|| false);
    let page = use_state(|| 0usize);
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let all = &report.sla;
    let breached_count = all.iter().filter(|t| is_breached(t)).count();
    let rows: Vec<&TimerResult> = all
        .iter()
        .filter(|t| !*breached_only || is_breached(t))
        .collect();
    let b = page_bounds(rows.len(), *page, PER_PAGE);
    let onfilter = {
        let breached_only = breached_only.clone();
        let page = page.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            breached_only.set(input.checked());
            page.set(0);
        })
    };
    let onpage = {
        let page = page.clone();
        Callback::from(move |p: usize| page.set(p))
    };
    let labels = super::widgets::labels(&props.state);
    let body = rows[b.start..b.end].iter().map(|t| {
        let breached = is_breached(t);
        html! {
            <tr class={classes!(breached.then_some("is-breached"))}
                data-subject={t.subject.clone()} data-timer={t.timer.clone()}
                data-status={timer_status_id(t.status)}>
                <th scope="row">{ t.subject.clone() }</th>
                <td>{ text(&t.label, lang) }<span class="sub">{ t.clause.clone() }</span></td>
                <td>{ t.level.as_deref().map_or_else(|| "–".into(), |l| labels.name(l, lang)) }</td>
                <td class="num">{ t.started.format("%Y-%m-%d %H:%M").to_string() }</td>
                <td>{ span_text(&t.limit, lang) }</td>
                <td class="num">{ deadline_text(t.deadline) }</td>
                <td class="num">{ t.stopped.map(|s| s.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "–".into()) }</td>
                <td class="num">{ minutes_text(t.elapsed_minutes, lang) }</td>
                <td class="num over">{ if t.over_minutes > 0 { minutes_text(t.over_minutes, lang) } else { "–".into() } }</td>
                <td><span class={classes!("status", format!("status-{}", timer_status_id(t.status)))}>
                    { timer_status(t.status, lang) }</span></td>
            </tr>
        }
    });
    let summary = match lang {
        Lang::Zh => format!("共 {} 个计时，超时 {} 个", all.len(), breached_count),
        Lang::En => format!("{} timers, {} breached", all.len(), breached_count),
    };
    html! {
        <section class="view" id="view-sla" aria-labelledby="sla-title">
            <h2 id="sla-title">{ lang.pick("服务时限", "Service levels") }</h2>
            <p class="view-summary" id="sla-summary">{ summary }</p>
            if all.is_empty() {
                <p class="empty">{ lang.pick("没有服务时限记录。", "No service-level timers.") }</p>
            } else {
                <div class="toolbar">
                    <label class="check" for="sla-breached-only">
                        <input type="checkbox" id="sla-breached-only" checked={*breached_only} onchange={onfilter} />
                        { lang.pick("只看超时", "Breached only") }
                    </label>
                </div>
                <Pager id="sla-pager" {lang} bounds={b} len={rows.len()} onpage={onpage.clone()} />
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="sla-title">
                    <table class="data sla" id="sla-table">
                        <thead><tr>
                            <th scope="col">{ lang.pick("事件", "Subject") }</th>
                            <th scope="col">{ lang.pick("计时", "Timer") }</th>
                            <th scope="col">{ lang.pick("级别", "Level") }</th>
                            <th scope="col">{ lang.pick("开始", "Started") }</th>
                            <th scope="col">{ lang.pick("时限", "Limit") }</th>
                            <th scope="col">{ lang.pick("截止", "Deadline") }</th>
                            <th scope="col">{ lang.pick("结束", "Stopped") }</th>
                            <th scope="col">{ lang.pick("用时", "Elapsed") }</th>
                            <th scope="col">{ lang.pick("超出", "Over by") }</th>
                            <th scope="col">{ lang.pick("状态", "Status") }</th>
                        </tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
                if b.pages > 1 {
                    <Pager id="sla-pager-bottom" {lang} bounds={b} len={rows.len()} {onpage} />
                }
            }
        </section>
    }
}
