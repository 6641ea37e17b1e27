//! Key dates: the as-of date, the dates of the events the contract knows, and acceptances.

use std::rc::Rc;

use yew::prelude::*;

use super::input::{
    date_text, edit, label, opt_date_text, read_date, row_button, CheckField, Kind, SelectField,
    TextField,
};
use crate::domain::events::Acceptance;
use crate::domain::Lang;
use crate::ui::views::ViewProps;

/// The events a record can date: the built-ins, then the contract's own, as (id, name).
pub fn known_events(p: &ViewProps, lang: Lang) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("signing".into(), lang.pick("签订日期", "Signing").into()),
        (
            "effective".into(),
            lang.pick("生效日期", "Effective date").into(),
        ),
        (
            "non_renewal_notice".into(),
            lang.pick("不续约通知", "Notice of non-renewal").into(),
        ),
    ];
    if let Some(c) = p.state.contract() {
        for e in &c.events {
            if !v.iter().any(|(id, _)| id == &e.id) {
                v.push((e.id.clone(), label(&e.label, lang)));
            }
        }
    }
    v
}

#[function_component(Dates)]
pub fn dates(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let Some(s) = p.state.scenario() else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);

    let as_of = edit(st, d, |e, v: String| {
        if let Some(x) = read_date(&v) {
            e.as_of = x;
        }
    });
    let events = known_events(p, lang);
    let date_rows = events.iter().map(|(id, name)| {
        let key = id.clone();
        let onvalid = edit(st, d, move |e, v: String| match read_date(&v) {
            Some(x) => {
                e.dates.insert(key.clone(), x);
            }
            None => {
                e.dates.remove(&key);
            }
        });
        html! {
            <div class="rec-date" data-date={id.clone()} key={id.clone()}>
                <TextField {lang} label={name.clone()} name="date" kind={Kind::Date}
                    value={opt_date_text(ev.dates.get(id).copied())} {onvalid} />
            </div>
        }
    });

    let options = Rc::new(events.clone());
    let acc_rows = ev.acceptances.iter().enumerate().map(|(i, a)| {
        let on_event = edit(st, d, move |e, v: String| {
            if let Some(a) = e.acceptances.get_mut(i) {
                a.event = v;
            }
        });
        let on_date = edit(st, d, move |e, v: String| {
            if let (Some(a), Some(x)) = (e.acceptances.get_mut(i), read_date(&v)) {
                a.date = x;
            }
        });
        let on_passed = edit(st, d, move |e, v: bool| {
            if let Some(a) = e.acceptances.get_mut(i) {
                a.passed = v;
            }
        });
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.acceptances.len() {
                e.acceptances.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-acceptance-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("事件", "Event")} name="event" value={a.event.clone()}
                    options={options.clone()} onchange={on_event} />
                <TextField {lang} label={lang.pick("日期", "Date")} name="date" kind={Kind::Date}
                    required=true value={date_text(a.date)} onvalid={on_date} />
                <CheckField label={lang.pick("通过", "Passed")} name="passed" checked={a.passed}
                    onchange={on_passed} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let first_event = events
        .iter()
        .map(|(id, _)| id.clone())
        .find(|id| id.contains("accept"))
        .or_else(|| events.last().map(|(id, _)| id.clone()))
        .unwrap_or_default();
    let add_acc = edit(st, d, move |e, _: MouseEvent| {
        let date = e.as_of;
        e.acceptances.push(Acceptance {
            event: first_event.clone(),
            date,
            passed: true,
        });
    });

    html! {
        <>
            <div class="rec-grid">
                <TextField {lang} id="as-of" label={lang.pick("评估基准日（截至）", "As of")}
                    name="as_of" kind={Kind::Date} required=true value={date_text(ev.as_of)}
                    onvalid={as_of} />
            </div>
            <h3>{ lang.pick("事件日期", "Event dates") }</h3>
            <p class="hint">{ lang.pick("清空日期即表示该事件尚未发生。", "Clear a date to say the event has not happened.") }</p>
            <div class="rec-grid">{ for date_rows }</div>
            <h3>{ lang.pick("验收", "Acceptances") }</h3>
            <div class="rec-rows">{ for acc_rows }</div>
            <button type="button" class="rec-add" id="add-acceptance" onclick={add_acc}>
                { lang.pick("＋ 添加验收", "+ Add acceptance") }
            </button>
        </>
    }
}
