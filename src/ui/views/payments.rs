//! The payments tab: the schedule, one row per milestone, with lateness, penalty and interest,
//! set-off and what the buyer still has to pay; then the contract period.

use yew::prelude::*;

use super::widgets::{
    clause_warnings, money, money_class, payment_status, payment_status_id, steps_details, sum,
    text,
};
use super::{no_report, ViewProps};
use crate::domain::Lang;

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let labels = super::widgets::labels(&props.state);
    let pending = || html! { <span class="pending">{ lang.pick("待定", "pending") }</span> };
    let rows = report.payments.iter().map(|m| {
        let late = matches!(
            m.status,
            crate::domain::report::PaymentStatus::Overdue
                | crate::domain::report::PaymentStatus::PaidLate
        );
        let pi = m.penalty.checked_add(m.interest);
        html! {
            <tr data-milestone={m.milestone.clone()} data-status={payment_status_id(m.status)}
                class={classes!(late.then_some("is-late"))}>
                <th scope="row">
                    { text(&m.label, lang) }
                    { clause_warnings(report, &m.clause, lang) }
                    { steps_details(&m.steps, &labels, lang) }
                </th>
                <td class="num">{ m.amount.map(money).unwrap_or_else(pending) }</td>
                <td class="num">{ m.due.map(|d| html! { d.to_string() }).unwrap_or_else(pending) }</td>
                <td><span class={classes!("status", format!("status-{}", payment_status_id(m.status)))}>
                    { payment_status(m.status, lang) }</span></td>
                <td class="num">{ money(m.paid) }
                    if let Some(d) = m.paid_on { <span class="sub">{ d.to_string() }</span> }
                </td>
                <td class="num days-late">{ m.days_late }</td>
                <td class="num">{ pi.map(|a| money_class(a, "penalty-interest")).unwrap_or_default() }</td>
                <td class="num">{ money(m.set_off) }</td>
                <td class="num net-payable">{ money(m.net_payable) }</td>
            </tr>
        }
    });
    let ps = &report.payments;
    let total_amount = sum(ps.iter().filter_map(|m| m.amount.as_ref()));
    let total_paid = sum(ps.iter().map(|m| &m.paid));
    let total_pi = ps
        .iter()
        .map(|m| m.penalty.checked_add(m.interest))
        .collect::<Option<Vec<_>>>()
        .and_then(|v| sum(v.iter()));
    let total_set_off = sum(ps.iter().map(|m| &m.set_off));
    let total_net = sum(ps.iter().map(|m| &m.net_payable));
    let cell = |a: Option<crate::domain::money::Amount>| a.map(money).unwrap_or_default();

    let term = report.term.as_ref().map(|t| {
        html! {
            <section class="term" id="term" aria-labelledby="term-title">
                <h3 id="term-title">{ lang.pick("合同期限", "Contract period") }</h3>
                <dl class="figures">
                    <dt>{ lang.pick("期间", "Period") }</dt>
                    <dd class="num">{ format!("{} – {}", t.start, t.end) }</dd>
                    <dt>{ lang.pick("已续期", "Renewals") }</dt>
                    <dd class="num">{ t.renewals }</dd>
                    if let Some(n) = t.notice_by {
                        <dt>{ lang.pick("不续期通知截止", "Notice of non-renewal by") }</dt>
                        <dd class="num notice-by" id="term-notice-by">{ n.to_string() }</dd>
                    }
                </dl>
                { steps_details(&t.steps, &labels, lang) }
            </section>
        }
    });

    html! {
        <section class="view" id="view-payments" aria-labelledby="payments-title">
            <h2 id="payments-title">{ lang.pick("付款进度", "Payment schedule") }</h2>
            if ps.is_empty() {
                <p class="empty">{ lang.pick("本合同没有付款节点。", "This contract has no payment milestones.") }</p>
            } else {
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="payments-title">
                    <table class="data payments">
                        <thead><tr>
                            <th scope="col">{ lang.pick("付款节点", "Milestone") }</th>
                            <th scope="col">{ lang.pick("金额", "Amount") }</th>
                            <th scope="col">{ lang.pick("到期日", "Due") }</th>
                            <th scope="col">{ lang.pick("状态", "Status") }</th>
                            <th scope="col">{ lang.pick("已付", "Paid") }</th>
                            <th scope="col">{ lang.pick("逾期天数", "Days late") }</th>
                            <th scope="col">{ lang.pick("违约金+利息", "Penalty + interest") }</th>
                            <th scope="col">{ lang.pick("抵扣", "Set-off") }</th>
                            <th scope="col">{ lang.pick("净应付", "Net payable") }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                        <tfoot><tr class="totals-row">
                            <th scope="row">{ lang.pick("合计", "Total") }</th>
                            <td class="num">{ cell(total_amount) }</td>
                            <td></td><td></td>
                            <td class="num">{ cell(total_paid) }</td>
                            <td></td>
                            <td class="num">{ total_pi.map(|a| money_class(a, "penalty-interest-total")).unwrap_or_default() }</td>
                            <td class="num">{ cell(total_set_off) }</td>
                            <td class="num net-payable-total">{ cell(total_net) }</td>
                        </tr></tfoot>
                    </table>
                </div>
            }
            { term.unwrap_or_default() }
            if report.term.is_none() {
                <p class="hint">{ match lang { Lang::Zh => "合同未约定期限条款。", Lang::En => "The contract states no term clause." } }</p>
            }
        </section>
    }
}
