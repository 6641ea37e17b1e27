//! The summary tab: one screen with where the contract stands on its as-of date: penalties
//! against their caps, each side's worst case and the net position between them, rights
//! triggered and near with the room left under each cap and the day it will be reached
//! (`domain::outlook`), what the buyer has to pay now, the next deadlines, and the evaluation's
//! warnings.

use yew::prelude::*;

use super::widgets::{money, side_name, sum, text, timer_status};
use super::{no_report, ViewProps};
use crate::domain::contract::Side;
use crate::domain::explain::right_line;
use crate::domain::outlook;
use crate::domain::report::{ObligationStatus, PaymentStatus, RightResult, TimerStatus};
use crate::domain::{Lang, Localize};
use crate::ui::store::{Action, Tab};

/// How many upcoming items of each kind the summary lists.
const NEXT: usize = 5;

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let as_of = report.as_of;
    let goto = |tab: Tab, zh: &'static str, en: &'static str| {
        let onclick = props
            .dispatch
            .reform(move |_: MouseEvent| Action::SetTab(tab));
        html! { <button type="button" class="link-button" {onclick}>{ lang.pick(zh, en) }</button> }
    };

    // Penalties against caps.
    let clauses = report
        .penalties
        .iter()
        .filter(|c| !c.total.is_zero() || c.cap.is_some());
    let clause_rows = clauses.map(|c| {
        html! {
            <li class="cap-row" data-clause={c.clause.clone()}>
                <span class="cap-title"><span class="clause-id">{ c.clause.clone() }</span>{ " " }{ text(&c.title, lang) }
                    <span class="sub">{ side_name(c.payer, lang) }</span></span>
                <span class="cap-figure num">
                    { money(c.total) }
                    if let Some(cap) = &c.cap {
                        { " / " }{ lang.pick("上限 ", "cap ") }{ money(cap.limit) }
                    }
                </span>
                if let Some(cap) = &c.cap {
                    <progress class={classes!("cap-bar", cap.reached_on.is_some().then_some("is-reached"))}
                        max={cap.limit.yuan().to_string()} value={c.total.yuan().to_string()}
                        aria-label={format!("{} {}", c.clause, lang.pick("已用上限", "share of the cap used"))}></progress>
                }
            </li>
        }
    });

    // Rights: triggered (on or before the as-of date) and not yet.
    let all_rights: Vec<&RightResult> = report
        .penalties
        .iter()
        .flat_map(|c| c.rights.iter())
        .chain(report.rights.iter())
        .collect();
    let triggered: Vec<&&RightResult> = all_rights
        .iter()
        .filter(|r| r.arises.is_some_and(|d| d <= as_of))
        .collect();
    let upcoming_rights: Vec<&&RightResult> = all_rights
        .iter()
        .filter(|r| r.arises.is_some_and(|d| d > as_of))
        .collect();
    // The room left under each cap not yet reached, and the day it will be (a what-if said so).
    let outlook = outlook::outlook(report, props.state.contract());
    let near: Vec<(String, String)> = outlook
        .rooms
        .iter()
        .filter(|r| r.reached_on.is_none())
        .map(|r| (r.clause.clone(), outlook::room_line(r, lang)))
        .collect();
    let worst_rows = outlook
        .worst
        .iter()
        .zip([Side::Seller, Side::Buyer])
        .map(|(w, side)| {
            let id = match side {
                Side::Seller => "summary-worst-seller",
                Side::Buyer => "summary-worst-buyer",
            };
            html! {
                <li class="worst-row" {id}>{ outlook::worst_or_error(w, lang) }</li>
            }
        });

    // Payable now.
    let due_now: Vec<_> = report
        .payments
        .iter()
        .filter(|m| matches!(m.status, PaymentStatus::Due | PaymentStatus::Overdue))
        .collect();
    let payable = sum(due_now.iter().map(|m| &m.net_payable));

    // Next deadlines.
    let mut next_payments: Vec<_> = report
        .payments
        .iter()
        .filter(|m| matches!(m.status, PaymentStatus::NotYetDue | PaymentStatus::Due))
        .filter_map(|m| m.due.map(|d| (d, m)))
        .collect();
    crate::domain::order::sort_by_key(&mut next_payments, |(d, _)| *d);
    let mut next_obligations: Vec<_> = report
        .obligations
        .iter()
        .filter(|o| o.status == ObligationStatus::DueSoon)
        .collect();
    crate::domain::order::sort_by_key(&mut next_obligations, |o| o.due);
    let open_timers: Vec<_> = report
        .sla
        .iter()
        .filter(|t| matches!(t.status, TimerStatus::Running | TimerStatus::Overdue))
        .collect();

    let date_li = |d: String, what: String| {
        html! { <li><span class="num date">{ d }</span>{ " " }{ what }</li> }
    };

    html! {
        <section class="view summary" id="view-summary" aria-labelledby="summary-title">
            <header class="summary-head">
                <h2 id="summary-title">{ report.title.clone() }</h2>
            if props.state.scenario().is_some_and(|s| s.events.is_blank()) {
                <p class="notice record-empty" role="status" id="record-empty">{ lang.pick(
                    "履约记录为空：尚未录入任何付款、故障、需求或履约情况，以下数字只反映合同本身。请在“履约记录”中录入，或打开记录文件。",
                    "The record is empty: no payment, incident, requirement or duty done has been entered, so the figures below reflect the contract alone. Enter what happened on the Record tab, or open a record file.") }</p>
            }
                <p class="as-of">{ lang.pick("计算基准日：", "As of: ") }<time class="num" id="summary-as-of" datetime={as_of.to_string()}>{ as_of.to_string() }</time></p>
            </header>
            <div class="summary-grid">
                <section class="card" aria-labelledby="sum-penalties">
                    <h3 id="sum-penalties">{ lang.pick("违约金（已计）", "Penalties so far") }</h3>
                    <dl class="figures">
                        <dt>{ lang.pick("乙方应付", "Seller pays") }</dt>
                        <dd id="summary-seller-pays">{ money(report.totals.seller_pays) }</dd>
                        <dt>{ lang.pick("甲方应付", "Buyer pays") }</dt>
                        <dd id="summary-buyer-pays">{ money(report.totals.buyer_pays) }</dd>
                    </dl>
                    <ul class="cap-list">{ for clause_rows }</ul>
                    { goto(Tab::Penalties, "查看明细", "See the ledger") }
                </section>

                <section class="card" id="summary-position" aria-labelledby="sum-position">
                    <h3 id="sum-position">{ lang.pick("最坏情况与净额", "Worst case and net position") }</h3>
                    <ul class="worst-list">{ for worst_rows }</ul>
                    <p class="net-line" id="summary-net">{ outlook::net_line(&outlook.net, lang) }</p>
                </section>

                <section class="card" aria-labelledby="sum-payable">
                    <h3 id="sum-payable">{ lang.pick("当前应付款", "Payable now") }</h3>
                    <p class="big" id="payable-now">{ payable.map(money).unwrap_or_default() }</p>
                    <p class="hint">{ match lang {
                        Lang::Zh => format!("已到期及逾期节点 {} 个的净应付额", due_now.len()),
                        Lang::En => format!("Net payable of {} due or overdue milestones", due_now.len()),
                    } }</p>
                    if let Some(t) = &report.term {
                        <p class="term-line">{ lang.pick("合同期限：", "Term: ") }{ format!("{} – {}", t.start, t.end) }
                            if let Some(n) = t.notice_by {
                                { lang.pick("；不续期通知截止 ", "; notice of non-renewal by ") }<strong class="num">{ n.to_string() }</strong>
                            }
                        </p>
                    }
                    { goto(Tab::Payments, "查看付款", "See payments") }
                </section>

                <section class="card" aria-labelledby="sum-rights">
                    <h3 id="sum-rights">{ lang.pick("权利", "Rights") }</h3>
                    if triggered.is_empty() && upcoming_rights.is_empty() && near.is_empty() {
                        <p class="empty">{ lang.pick("尚无已触发或临近的权利。", "No right triggered or near.") }</p>
                    }
                    if !triggered.is_empty() {
                        <h4>{ lang.pick("已触发", "Triggered") }</h4>
                        <ul class="rights-triggered">
                            { for triggered.iter().map(|r| html! { <li class="right is-triggered" data-clause={r.clause.clone()}>{ right_line(r, lang) }</li> }) }
                        </ul>
                    }
                    if !upcoming_rights.is_empty() || !near.is_empty() {
                        <h4>{ lang.pick("即将触发", "Coming up") }</h4>
                        <ul class="rights-soon">
                            { for upcoming_rights.iter().map(|r| html! { <li class="right" data-clause={r.clause.clone()}>{ right_line(r, lang) }</li> }) }
                            { for near.into_iter().map(|(clause, s)| html! { <li class="cap-room" data-clause={clause}>{ s }</li> }) }
                        </ul>
                    }
                </section>

                <section class="card" aria-labelledby="sum-next">
                    <h3 id="sum-next">{ lang.pick("下一批期限", "Next deadlines") }</h3>
                    if next_payments.is_empty() && next_obligations.is_empty() && open_timers.is_empty() {
                        <p class="empty">{ lang.pick("没有临近的期限。", "No deadline coming up.") }</p>
                    }
                    if !next_payments.is_empty() {
                        <h4>{ lang.pick("付款", "Payments") }</h4>
                        <ul class="next-payments">
                            { for next_payments.iter().take(NEXT).map(|(d, m)| date_li(d.to_string(),
                                format!("{} {}", text(&m.label, lang), m.amount.map(|a| a.format_yuan()).unwrap_or_default()))) }
                        </ul>
                    }
                    if !next_obligations.is_empty() {
                        <h4>{ match lang { Lang::Zh => format!("即将到期的义务（{}）", next_obligations.len()), Lang::En => format!("Obligations due soon ({})", next_obligations.len()) } }</h4>
                        <ul class="next-obligations">
                            { for next_obligations.iter().take(NEXT).map(|o| date_li(o.due.to_string(),
                                format!("{} ({})", text(&o.label, lang), side_name(o.party, lang)))) }
                        </ul>
                    }
                    if !open_timers.is_empty() {
                        <h4>{ match lang { Lang::Zh => format!("未结束的服务计时（{}）", open_timers.len()), Lang::En => format!("Open service-level timers ({})", open_timers.len()) } }</h4>
                        <ul class="open-timers">
                            { for open_timers.iter().take(NEXT).map(|t| date_li(crate::domain::explain::deadline_text(t.deadline),
                                format!("{} {} — {}", t.subject, text(&t.label, lang), timer_status(t.status, lang)))) }
                        </ul>
                    }
                </section>
            </div>
            if !report.warnings.is_empty() {
                <section class="card warnings" aria-labelledby="sum-warnings">
                    <h3 id="sum-warnings">{ lang.pick("计算提示", "Warnings") }</h3>
                    <ul class="warning-list">
                        { for report.warnings.iter().map(|w| html! { <li class="warning">{ w.localize(lang) }</li> }) }
                    </ul>
                </section>
            }
        </section>
    }
}
