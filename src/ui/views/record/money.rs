//! Payments, invoices and the facts known later (audited price, recorded milestone amounts, the
//! amounts the contract's `recorded` bases read).

use std::rc::Rc;

use yew::prelude::*;

use super::input::{
    amount_text, date_text, edit, excuse_id, excuse_of, excuse_options, label, opt_amount_text,
    read_amount, read_date, row_button, Kind, SelectField, TextField,
};
use crate::domain::contract::{Contract, MilestoneAmount, Rule};
use crate::domain::events::{Invoice, Payment};
use crate::domain::money::Amount;
use crate::domain::Lang;
use crate::ui::views::ViewProps;

/// The contract's payment milestones as (id, name), and whether the record states the amount.
pub fn milestones(c: &Contract, lang: Lang) -> Vec<(String, String, bool)> {
    c.clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Payment(m) => Some((
                m.id.clone(),
                crate::domain::labels::of_clause(&label(&m.label, lang), &cl.id, lang),
                matches!(m.amount, MilestoneAmount::Recorded),
            )),
            _ => None,
        })
        .collect()
}

#[function_component(Money)]
pub fn money(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let ms = milestones(c, lang);
    let options = Rc::new(
        ms.iter()
            .map(|(id, n, _)| (id.clone(), n.clone()))
            .collect::<Vec<_>>(),
    );
    let first = ms.first().map(|m| m.0.clone()).unwrap_or_default();
    let excuses = Rc::new(excuse_options(lang));

    let pay_rows = ev.payments.iter().enumerate().map(|(i, pay)| {
        let on_ms = edit(st, d, move |e, v: String| {
            if let Some(x) = e.payments.get_mut(i) {
                x.milestone = v;
            }
        });
        let on_date = edit(st, d, move |e, v: String| {
            if let (Some(x), Some(t)) = (e.payments.get_mut(i), read_date(&v)) {
                x.date = t;
            }
        });
        let on_amount = edit(st, d, move |e, v: String| {
            if let (Some(x), Some(a)) = (e.payments.get_mut(i), read_amount(&v)) {
                x.amount = a;
            }
        });
        let on_excuse = edit(st, d, move |e, v: String| {
            if let Some(x) = e.payments.get_mut(i) {
                x.excuse = excuse_of(&v);
            }
        });
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.payments.len() {
                e.payments.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-payment-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("付款节点", "Milestone")} name="milestone"
                    value={pay.milestone.clone()} options={options.clone()} onchange={on_ms} />
                <TextField {lang} label={lang.pick("付款日期", "Date paid")} name="date" kind={Kind::Date}
                    required=true value={date_text(pay.date)} onvalid={on_date} />
                <TextField {lang} label={lang.pick("金额（元）", "Amount (CNY)")} name="amount"
                    kind={Kind::Amount} required=true value={amount_text(pay.amount)} onvalid={on_amount} />
                <SelectField label={lang.pick("免责事由", "Excuse")} name="excuse"
                    value={excuse_id(pay.excuse)} options={excuses.clone()} onchange={on_excuse} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let add_pay = {
        let first = first.clone();
        edit(st, d, move |e, _: MouseEvent| {
            let date = e.as_of;
            e.payments.push(Payment {
                milestone: first.clone(),
                date,
                amount: Amount::default(),
                excuse: None,
            });
        })
    };

    let inv_rows = ev.invoices.iter().enumerate().map(|(i, inv)| {
        let on_ms = edit(st, d, move |e, v: String| {
            if let Some(x) = e.invoices.get_mut(i) {
                x.milestone = v;
            }
        });
        let on_date = edit(st, d, move |e, v: String| {
            if let (Some(x), Some(t)) = (e.invoices.get_mut(i), read_date(&v)) {
                x.date = t;
            }
        });
        let on_amount = edit(st, d, move |e, v: String| {
            if let Some(x) = e.invoices.get_mut(i) {
                x.amount = read_amount(&v);
            }
        });
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.invoices.len() {
                e.invoices.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-invoice-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("付款节点", "Milestone")} name="milestone"
                    value={inv.milestone.clone()} options={options.clone()} onchange={on_ms} />
                <TextField {lang} label={lang.pick("收票日期", "Date received")} name="date" kind={Kind::Date}
                    required=true value={date_text(inv.date)} onvalid={on_date} />
                <TextField {lang} label={lang.pick("发票金额（元，可空）", "Amount (CNY, optional)")} name="amount"
                    kind={Kind::Amount} value={opt_amount_text(inv.amount)} onvalid={on_amount} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let add_inv = edit(st, d, move |e, _: MouseEvent| {
        let date = e.as_of;
        e.invoices.push(Invoice {
            milestone: first.clone(),
            date,
            amount: None,
        });
    });

    let on_audited = edit(st, d, |e, v: String| {
        e.facts.audited_price = read_amount(&v);
    });
    let recorded = ms.iter().filter(|m| m.2).map(|(id, name, _)| {
        let key = id.clone();
        let on = edit(st, d, move |e, v: String| match read_amount(&v) {
            Some(a) => {
                e.facts.amounts.insert(key.clone(), a);
            }
            None => {
                e.facts.amounts.remove(&key);
            }
        });
        html! {
            <div data-fact-amount={id.clone()} key={id.clone()}>
                <TextField {lang} label={format!("{}{name}", lang.pick("节点金额：", "Amount of "))}
                    name="amount" kind={Kind::Amount}
                    value={opt_amount_text(ev.facts.amounts.get(id).copied())} onvalid={on} />
            </div>
        }
    });
    // The amounts the contract's `recorded` bases read (the part delivered late), by label.
    let bases = crate::domain::unused::recorded_bases(c).into_iter().map(|(id, name)| {
        let id = id.to_string();
        let key = id.clone();
        let on = edit(st, d, move |e, v: String| match read_amount(&v) {
            Some(a) => {
                e.facts.amounts.insert(key.clone(), a);
            }
            None => {
                e.facts.amounts.remove(&key);
            }
        });
        html! {
            <div data-fact-amount={id.clone()} key={id.clone()}>
                <TextField {lang} label={format!("{}{}", label(name, lang), lang.pick("（元）", " (CNY)"))}
                    name="amount" kind={Kind::Amount}
                    value={opt_amount_text(ev.facts.amounts.get(&id).copied())} onvalid={on} />
            </div>
        }
    });
    let no_ms = ms.is_empty();

    html! {
        <>
            <h3>{ lang.pick("付款", "Payments") }</h3>
            if no_ms {
                <p class="hint">{ lang.pick("本合同未定义付款节点。", "This contract defines no payment milestones.") }</p>
            }
            <div class="rec-rows">{ for pay_rows }</div>
            <button type="button" class="rec-add" id="add-payment" onclick={add_pay} disabled={no_ms}>
                { lang.pick("＋ 添加付款", "+ Add payment") }
            </button>
            <h3>{ lang.pick("发票", "Invoices") }</h3>
            <div class="rec-rows">{ for inv_rows }</div>
            <button type="button" class="rec-add" id="add-invoice" onclick={add_inv} disabled={no_ms}>
                { lang.pick("＋ 添加发票", "+ Add invoice") }
            </button>
            <h3>{ lang.pick("后来确认的事实", "Facts known later") }</h3>
            <div class="rec-grid">
                <TextField {lang} id="audited-price" label={lang.pick("审计价（元）", "Audited price (CNY)")}
                    name="audited_price" kind={Kind::Amount}
                    value={opt_amount_text(ev.facts.audited_price)} onvalid={on_audited} />
                { for recorded }
                { for bases }
            </div>
        </>
    }
}
