//! The injured side's elections between remedies, and the quantities drawn from balances.

use std::rc::Rc;

use rust_decimal::Decimal;
use yew::prelude::*;

use super::entries::send;
use super::input::{
    date_text, label, read_date, read_text, row_button, Kind, SelectField, TextField,
};
use crate::domain::money::factor;
use crate::ui::record_edit::{choices, Edit};
use crate::ui::views::widgets::side_name;
use crate::ui::views::ViewProps;

/// For each penalty with alternatives, the option elected (the first when none is). (Plain
/// functions, not components: they hold no state of their own, and a component costs the
/// page's size.)
pub fn elections(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(c), Some(s)) = (p.state.contract(), p.state.scenario()) else {
        return html! {};
    };
    let d = &p.dispatch;
    let rows = choices(c).map(|(cl, a)| {
        let mut options = vec![(
            String::new(),
            format!(
                "{}{}",
                lang.pick("未选择（默认：", "not elected (default: "),
                a.options.first().map(|o| label(&o.label, lang)).unwrap_or_default()
            ) + lang.pick("）", ")"),
        )];
        options.extend(a.options.iter().map(|o| (o.id.clone(), label(&o.label, lang))));
        let choice = a.choice.clone();
        html! {
            <div class="rec-row" data-election={a.choice.clone()} key={a.choice.clone()}>
                <SelectField label={format!("{} {} · {}（{}）", cl.id, label(&cl.title, lang),
                        label(&a.label, lang), side_name(a.holder, lang))}
                    name="election" value={s.events.elections.get(&a.choice).cloned().unwrap_or_default()}
                    options={Rc::new(options)}
                    onchange={send(d, move |v: String| Some(Edit::Elect(choice.clone(), read_text(&v))))} />
            </div>
        }
    });
    html! { <div class="rec-rows">{ for rows }</div> }
}

/// For each balance of the contract, its draws: date, quantity, note.
pub fn draws(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(c), Some(s)) = (p.state.contract(), p.state.scenario()) else {
        return html! {};
    };
    let ev = &s.events;
    let d = &p.dispatch;
    let balances = c.balances.iter().map(|b| {
        let unit = label(&b.unit, lang);
        let rows = (ev.draws.iter().enumerate())
            .filter(|(_, x)| x.balance == b.id)
            .map(|(i, x)| {
                let positive = Callback::from(move |v: String| {
                    factor::parse(&v)
                        .is_ok_and(|q| q <= Decimal::ZERO)
                        .then(|| lang.pick("应大于 0", "must be greater than 0").to_string())
                });
                html! {
                    <div class="rec-row" data-draw-index={i.to_string()} key={i}>
                        <TextField {lang} label={lang.pick("日期", "Date")} name="date" kind={Kind::Date}
                            required=true value={date_text(x.date)}
                            onvalid={send(d, move |v: String| read_date(&v).map(|t| Edit::DrawDate(i, t)))} />
                        <TextField {lang} label={format!("{}（{unit}）", lang.pick("数量", "Quantity"))}
                            name="quantity" kind={Kind::Number} required=true
                            value={x.quantity.normalize().to_string()} extra={positive}
                            onvalid={send(d, move |v: String| factor::parse(&v).ok().map(|q| Edit::DrawQuantity(i, q)))} />
                        <TextField {lang} label={lang.pick("备注", "Note")} name="note" kind={Kind::Text}
                            value={x.note.clone().unwrap_or_default()}
                            onvalid={send(d, move |v: String| Some(Edit::DrawNote(i, read_text(&v))))} />
                        { row_button(lang.pick("删除", "Delete"), "delete",
                            send(d, move |_: MouseEvent| Some(Edit::RemoveDraw(i)))) }
                    </div>
                }
            });
        let id = b.id.clone();
        html! {
            <div data-balance={b.id.clone()} key={b.id.clone()}>
                <h3>{ format!("{}（{} {unit}）", label(&b.label, lang), b.quantity.normalize()) }</h3>
                <div class="rec-rows">{ for rows }</div>
                <button type="button" class="rec-add" data-add-draw={b.id.clone()}
                    onclick={send(d, move |_: MouseEvent| Some(Edit::AddDraw(id.clone())))}>
                    { lang.pick("＋ 添加支取", "+ Add draw") }
                </button>
            </div>
        }
    });
    html! { <>{ for balances }</> }
}
