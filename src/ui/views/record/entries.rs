//! Entries of the contract's declared kinds: one editor for every kind, drawn from its
//! declaration (`ui::record_edit::fact_specs`), and the one input of a declared fact, which the
//! incident and requirement editors use too.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::input::{
    label, opt_date_text, opt_datetime_text, read_date, read_datetime, read_text, row_button,
    CheckField, Kind, SelectField, TextField,
};
use crate::domain::events::FactValue;
use crate::domain::Lang;
use crate::ui::record_edit::{
    bounds_error, fact_specs, fact_text, flag_value, moment_error, text_value, Control, Edit,
    FactSpec,
};
use crate::ui::store::{Action, AppState};
use crate::ui::views::widgets::{page_bounds, Pager};

/// Entries shown per page.
pub const PAGE: usize = 50;

/// A callback that sends the edit `f` makes of its value (none: nothing).
pub fn send<T: 'static>(
    d: &Callback<Action>,
    f: impl Fn(T) -> Option<Edit> + 'static,
) -> Callback<T> {
    let d = d.clone();
    Callback::from(move |v: T| {
        if let Some(e) = f(v) {
            d.emit(Action::Edit(e));
        }
    })
}

/// The input of one declared fact, chosen by its type; `on` receives the new value (None: not
/// stated). A value that does not parse or fit stays in its input with the error beside it.
pub fn fact_input(
    spec: &FactSpec,
    value: Option<&FactValue>,
    lang: Lang,
    on: Callback<Option<FactValue>>,
) -> Html {
    let name = AttrValue::from(format!("fact-{}", spec.id));
    let label = AttrValue::from(spec.label.clone());
    let s = Rc::new(spec.clone());
    match &spec.control {
        Control::Check => {
            let checked = match value {
                Some(FactValue::Flag(b)) => *b,
                _ => spec.default_flag,
            };
            html! { <CheckField {label} {name} {checked}
            onchange={on.reform(move |b| flag_value(&s, b))} /> }
        }
        Control::Select(options) => html! {
            <SelectField {label} {name} value={fact_text(value)} options={options.clone()}
                onchange={on.reform(move |v: String| text_value(&s, &v))} />
        },
        Control::Text(kind, ..) => {
            let x = s.clone();
            let extra = Callback::from(move |v: String| bounds_error(&x, &v, lang));
            html! {
                <TextField {lang} {label} {name} kind={*kind} required={spec.required}
                    value={fact_text(value)} {extra}
                    onvalid={on.reform(move |v: String| text_value(&s, &v))} />
            }
        }
    }
}

/// The inputs of every declared fact of a subject; `on` receives (fact id, new value).
pub fn fact_inputs(
    specs: &[FactSpec],
    facts: &BTreeMap<String, FactValue>,
    lang: Lang,
    on: &Callback<(String, Option<FactValue>)>,
) -> Html {
    specs
        .iter()
        .map(|s| {
            let id = s.id.clone();
            fact_input(
                s,
                facts.get(&s.id),
                lang,
                on.reform(move |v| (id.clone(), v)),
            )
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct EntriesProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
    /// The kind's index in the contract's `kinds`.
    pub kind: usize,
}

/// The record's entries of one declared kind: add, delete, and every part of each.
#[function_component(Entries)]
pub fn entries(p: &EntriesProps) -> Html {
    let lang = p.state.lang();
    let page = use_state(|| 0usize);
    let (Some(c), Some(s)) = (p.state.contract(), p.state.scenario()) else {
        return html! {};
    };
    let Some(k) = c.kinds.get(p.kind) else {
        return html! {};
    };
    let ev = &s.events;
    let d = &p.dispatch;
    let specs = fact_specs(c, k, lang);
    let mine: Vec<usize> = (0..ev.entries.len())
        .filter(|&i| ev.entries[i].kind == k.id)
        .collect();
    let b = page_bounds(mine.len(), *page, PAGE);
    let rows = mine[b.start..b.end].iter().map(|&i| {
        let x = &ev.entries[i];
        let taken = {
            let st = p.state.clone();
            Callback::from(move |v: String| {
                let dup = st.scenario().is_some_and(|s| {
                    (s.events.entries.iter().enumerate())
                        .any(|(j, y)| j != i && y.id.as_deref() == Some(v.as_str()))
                });
                dup.then(|| lang.pick("编号已被使用", "this id is taken").to_string())
            })
        };
        let day = x.date.or(x.at.map(|t| t.date()));
        let moments = k.moments.iter().map(|m| {
            let id = m.id.clone();
            // Read when the user types: the kind and the entry as they are then.
            let extra = {
                let (st, kind, id) = (p.state.clone(), p.kind, id.clone());
                Callback::from(move |v: String| {
                    let k = st.contract()?.kinds.get(kind)?;
                    let x = st.scenario()?.events.entries.get(i)?;
                    moment_error(k, x, &id, read_datetime(&v)?, lang)
                })
            };
            html! {
                <TextField {lang} label={label(&m.label, lang)} name={format!("moment-{id}")}
                    kind={Kind::DateTime} value={opt_datetime_text(x.moments.get(&m.id).copied())}
                    {extra} onvalid={send(d, move |v: String| {
                        Some(Edit::EntryMoment(i, id.clone(), read_datetime(&v)))
                    })} />
            }
        });
        let on_fact = send(d, move |(id, v)| {
            Some(Edit::Fact(crate::ui::record_edit::Subject::Entry(i), id, v))
        });
        html! {
            <li class="rec-card" data-entry={x.id.clone().unwrap_or_default()} key={i}>
                <div class="rec-card-head">
                    <span class="rec-card-title">{ format!("#{} · {}", i + 1, x.id.as_deref().unwrap_or("")) }</span>
                    { row_button(lang.pick("删除", "Delete"), "delete", send(d, move |_: MouseEvent| Some(Edit::RemoveEntry(i)))) }
                </div>
                <div class="rec-grid">
                    <TextField {lang} label={lang.pick("编号", "Id")} name="id" kind={Kind::Text}
                        value={x.id.clone().unwrap_or_default()} extra={taken}
                        onvalid={send(d, move |v: String| Some(Edit::EntryId(i, read_text(&v))))} />
                    <TextField {lang} label={lang.pick("日期 *", "Date *")} name="date" kind={Kind::Date}
                        required=true value={opt_date_text(day)}
                        onvalid={send(d, move |v: String| read_date(&v).map(|t| Edit::EntryDate(i, t)))} />
                    <TextField {lang} label={lang.pick("时刻（可空）", "Time (optional)")} name="at"
                        kind={Kind::DateTime} value={opt_datetime_text(x.at)}
                        onvalid={send(d, move |v: String| Some(Edit::EntryAt(i, read_datetime(&v))))} />
                    { for moments }
                    { fact_inputs(&specs, &x.facts, lang, &on_fact) }
                    <TextField {lang} label={lang.pick("备注", "Note")} name="note" kind={Kind::Text}
                        value={x.note.clone().unwrap_or_default()}
                        onvalid={send(d, move |v: String| Some(Edit::EntryNote(i, read_text(&v))))} />
                </div>
            </li>
        }
    });
    let id = k.id.clone();
    let last = mine.len() / PAGE;
    let add = {
        let page = page.clone();
        let d = d.clone();
        Callback::from(move |_: MouseEvent| {
            d.emit(Action::Edit(Edit::AddEntry(id.clone())));
            page.set(last);
        })
    };
    let name = label(&k.label, lang);
    let onpage = Callback::from(move |n| page.set(n));
    html! {
        <>
            <Pager id={format!("entries-{}", p.kind)} {lang} bounds={b} len={mine.len()}
                {onpage} />
            <ol class="rec-cards">{ for rows }</ol>
            <button type="button" class="rec-add" data-add-kind={k.id.clone()} onclick={add}>
                { lang.pick(format!("＋ 添加{name}"), format!("+ Add {name}")) }
            </button>
        </>
    }
}
