//! Incidents: a paginated list of rows, each editable in place; add, duplicate, delete, and a
//! filter so that a record of thousands stays usable.

use std::cell::RefCell;
use std::rc::Rc;

use chrono::NaiveDateTime;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::entries::fact_inputs;
use super::input::{
    datetime_text, edit, excuse_id, excuse_of, excuse_options, label, next_id, opt_datetime_text,
    read_datetime, read_text, row_button, CheckField, Kind, SelectField, TextField,
};
use crate::domain::events::{Events, FactValue, Incident};
use crate::ui::record_edit::{fact_specs, Edit, FactSpec, Subject};
use crate::ui::store::{Action, AppState};
use crate::ui::views::ViewProps;

/// Incidents shown per page.
pub const PAGE: usize = 50;

/// The prefix new ids take after this one: `F-12` → `F`; an id with no number → itself.
pub fn id_prefix(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((p, n)) if !p.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            p
        }
        _ => id,
    }
}

/// A fresh id for a copy of (or a successor to) the incident with id `like`.
pub fn fresh_incident_id(events: &Events, like: Option<&str>) -> String {
    let prefix = like
        .map(id_prefix)
        .filter(|p| !p.is_empty())
        .unwrap_or("inc");
    next_id(prefix, events.incidents.iter().map(|i| i.id.as_str()))
}

/// Whether an incident matches a filter (id, item, kind, level or complaint contains it).
pub fn matches(i: &Incident, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty()
        || i.id.to_lowercase().contains(&f)
        || i.level.to_lowercase().contains(&f)
        || [&i.item, &i.kind, &i.complaint]
            .iter()
            .any(|x| x.as_deref().is_some_and(|s| s.to_lowercase().contains(&f)))
}

type Instant = fn(&mut Incident) -> &mut Option<NaiveDateTime>;

/// The optional instants, by field name.
const INSTANTS: [(&str, &str, &str, Instant); 7] = [
    ("notified", "通知时间", "Notified", |i| &mut i.notified),
    ("responded", "响应时间", "Responded", |i| {
        &mut i.responded
    }),
    ("diagnosed", "诊断时间", "Diagnosed", |i| {
        &mut i.diagnosed
    }),
    ("on_site", "到场时间", "On site", |i| &mut i.on_site),
    ("workaround", "临时恢复", "Workaround", |i| {
        &mut i.workaround
    }),
    ("resolved", "解决时间", "Resolved", |i| &mut i.resolved),
    (
        "reported_back",
        "故障报告提交",
        "Report delivered",
        |i| &mut i.reported_back,
    ),
];

fn instant_of(i: &Incident, name: &str) -> Option<NaiveDateTime> {
    match name {
        "notified" => i.notified,
        "responded" => i.responded,
        "diagnosed" => i.diagnosed,
        "on_site" => i.on_site,
        "workaround" => i.workaround,
        "resolved" => i.resolved,
        "reported_back" => i.reported_back,
        _ => None,
    }
}

#[function_component(Incidents)]
pub fn incidents(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let page = use_state(|| 0usize);
    let filter = use_state(String::new);
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    // The rows' callbacks read the state and dispatch of the latest render, so a row whose
    // incident did not change is not drawn again (an as-of edit redraws none of the 50).
    let latest = Latest(use_mut_ref(|| (st.clone(), d.clone())));
    *latest.0.borrow_mut() = (st.clone(), d.clone());

    let mut items = vec![(String::new(), lang.pick("（无）", "(none)").to_string())];
    items.extend(
        c.items
            .iter()
            .map(|it| (it.id.clone(), label(&it.name, lang).to_string())),
    );
    let items = Rc::new(items);
    let levels = Rc::new(
        c.levels
            .iter()
            .map(|l| (l.id.clone(), label(&l.label, lang).to_string()))
            .collect::<Vec<_>>(),
    );
    let excuses = Rc::new(excuse_options(lang));
    // The complaint levels some clause prices: a picker, not free text (issue 13, item 2).
    let mut complaints = vec![(String::new(), lang.pick("（无）", "(none)").to_string())];
    complaints.extend(
        crate::domain::incident_log::complaint_levels(c)
            .into_iter()
            .map(|(id, f)| {
                let l = crate::domain::incident_log::complaint_label(&id, f, lang);
                (id, l)
            }),
    );
    let complaints = Rc::new(complaints);
    // The facts the contract declares for incidents (a kind `incident`).
    let facts = Rc::new(
        c.kinds
            .iter()
            .find(|k| k.id == "incident")
            .map(|k| fact_specs(c, k, lang))
            .unwrap_or_default(),
    );

    let shown: Vec<usize> = ev
        .incidents
        .iter()
        .enumerate()
        .filter(|(_, i)| matches(i, &filter))
        .map(|(n, _)| n)
        .collect();
    let pages = shown.len().div_ceil(PAGE).max(1);
    let current = (*page).min(pages - 1);

    let rows = shown
        .iter()
        .skip(current * PAGE)
        .take(PAGE)
        .filter_map(|&i| ev.incidents.get(i).map(|inc| (i, inc)))
        .map(|(i, inc)| {
            html! {
                <IncidentRow key={i} {i} inc={inc.clone()} {lang} items={items.clone()}
                    levels={levels.clone()} excuses={excuses.clone()} facts={facts.clone()}
                    complaints={complaints.clone()}
                    latest={latest.clone()} />
            }
        });

    let add = {
        // New rows take the least severe level (levels are declared most severe first).
        let level = crate::domain::incident_log::least_severe(c);
        let cb = edit(st, d, move |e, _: MouseEvent| {
            let like = e.incidents.last().map(|x| x.id.clone());
            let id = fresh_incident_id(e, like.as_deref());
            let reported = e.as_of.and_hms_opt(9, 0, 0).unwrap_or_default();
            e.incidents.push(Incident {
                id,
                item: None,
                kind: None,
                level: level.clone(),
                reported,
                notified: None,
                responded: None,
                diagnosed: None,
                on_site: None,
                workaround: None,
                resolved: None,
                reported_back: None,
                resident: None,
                excuse: None,
                complaint: None,
                facts: Default::default(),
            });
        });
        let page = page.clone();
        let filter = filter.clone();
        let last = ev.incidents.len() / PAGE;
        Callback::from(move |m: MouseEvent| {
            cb.emit(m);
            filter.set(String::new());
            page.set(last);
        })
    };
    let on_filter = {
        let filter = filter.clone();
        let page = page.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            filter.set(i.value());
            page.set(0);
        })
    };
    let go = |to: usize, text: &'static str, id: &'static str, disabled: bool| {
        let page = page.clone();
        html! {
            <button type="button" class="rec-btn" {id} {disabled}
                onclick={Callback::from(move |_: MouseEvent| page.set(to))}>{ text }</button>
        }
    };
    let pager = html! {
        <nav class="rec-pager" aria-label={lang.pick("事件分页", "Incident pages")}>
            { go(current.saturating_sub(1), lang.pick("‹ 上一页", "‹ Previous"), "incidents-prev", current == 0) }
            <span class="rec-page" id="incidents-page" aria-live="polite">{
                match lang {
                    crate::domain::Lang::Zh => format!("第 {} / {} 页，共 {} 条", current + 1, pages, shown.len()),
                    crate::domain::Lang::En => format!("Page {} of {}, {} incidents", current + 1, pages, shown.len()),
                }
            }</span>
            { go(current + 1, lang.pick("下一页 ›", "Next ›"), "incidents-next", current + 1 >= pages) }
        </nav>
    };

    html! {
        <>
            <div class="rec-toolbar">
                <button type="button" class="rec-add" id="add-incident" onclick={add}>
                    { lang.pick("＋ 添加事件", "+ Add incident") }
                </button>
                <label class="field rec-field rec-filter">
                    <span class="field-label">{ lang.pick("筛选（编号、级别、系统、类型）", "Filter (id, level, item, kind)") }</span>
                    <input type="search" id="incident-filter" value={(*filter).clone()} oninput={on_filter} />
                </label>
            </div>
            if c.levels.is_empty() {
                <p class="warning" role="status">{ lang.pick("本合同未定义故障级别。", "This contract defines no incident levels.") }</p>
            }
            if pages > 1 { { pager.clone() } }
            <ol class="rec-cards">{ for rows }</ol>
            if pages > 1 { { pager } }
        </>
    }
}

/// The latest state and dispatch of the incidents list, shared by its rows (compared by
/// identity: it is the same cell for the list's whole life).
#[derive(Clone)]
pub struct Latest(Rc<RefCell<(Rc<AppState>, Callback<Action>)>>);

impl PartialEq for Latest {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Like [`edit`](super::input::edit), reading the state when the user acts, not when drawn.
fn edit_latest<T: 'static>(latest: &Latest, f: impl Fn(&mut Events, T) + 'static) -> Callback<T> {
    let latest = latest.clone();
    Callback::from(move |v: T| {
        let (st, d) = latest.0.borrow().clone();
        if let Some(s) = st.scenario() {
            let mut e = s.events.clone();
            f(&mut e, v);
            d.emit(Action::SetEvents(e));
        }
    })
}

type Options = Rc<Vec<(String, String)>>;

#[derive(Properties, PartialEq)]
pub struct RowProps {
    pub i: usize,
    pub inc: Incident,
    pub lang: crate::domain::Lang,
    pub items: Options,
    pub levels: Options,
    pub excuses: Options,
    pub complaints: Options,
    pub facts: Rc<Vec<FactSpec>>,
    pub latest: Latest,
}

/// One incident, editable in place; drawn again only when its props change.
#[function_component(IncidentRow)]
fn incident_row(props: &RowProps) -> Html {
    let RowProps {
        i,
        inc,
        lang,
        items,
        levels,
        excuses,
        complaints,
        facts,
        latest,
    } = props;
    let (i, lang) = (*i, *lang);
    let taken = {
        let latest = latest.clone();
        Callback::from(move |v: String| {
            let st = latest.0.borrow().0.clone();
            let dup = st.scenario().is_some_and(|s| {
                s.events
                    .incidents
                    .iter()
                    .enumerate()
                    .any(|(j, x)| j != i && x.id == v)
            });
            dup.then(|| lang.pick("编号已被使用", "this id is taken").to_string())
        })
    };
    let on_id = edit_latest(latest, move |e, v: String| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.id = v;
        }
    });
    let on_item = edit_latest(latest, move |e, v: String| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.item = read_text(&v);
        }
    });
    let on_kind = edit_latest(latest, move |e, v: String| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.kind = read_text(&v);
        }
    });
    let on_level = edit_latest(latest, move |e, v: String| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.level = v;
        }
    });
    let on_reported = edit_latest(latest, move |e, v: String| {
        if let (Some(x), Some(t)) = (e.incidents.get_mut(i), read_datetime(&v)) {
            x.reported = t;
        }
    });
    let instants = INSTANTS.iter().map(|&(name, zh, en, field)| {
        let on = edit_latest(latest, move |e, v: String| {
            if let Some(x) = e.incidents.get_mut(i) {
                *field(x) = read_datetime(&v);
            }
        });
        html! {
            <TextField {lang} label={lang.pick(zh, en)} name={name} kind={Kind::DateTime}
                value={opt_datetime_text(instant_of(inc, name))} onvalid={on} />
        }
    });
    let on_resident = edit_latest(latest, move |e, v: bool| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.resident = if v {
                Some(true)
            } else {
                x.resident.map(|_| false)
            };
        }
    });
    let on_excuse = edit_latest(latest, move |e, v: String| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.excuse = excuse_of(&v);
        }
    });
    let on_complaint = edit_latest(latest, move |e, v: String| {
        if let Some(x) = e.incidents.get_mut(i) {
            x.complaint = read_text(&v);
        }
    });
    let on_fact = {
        let latest = latest.clone();
        Callback::from(move |(id, v): (String, Option<FactValue>)| {
            let d = latest.0.borrow().1.clone();
            d.emit(Action::Edit(Edit::Fact(Subject::Incident(i), id, v)));
        })
    };
    let on_delete = edit_latest(latest, move |e, _: MouseEvent| {
        if i < e.incidents.len() {
            e.incidents.remove(i);
        }
    });
    let on_duplicate = edit_latest(latest, move |e, _: MouseEvent| {
        if let Some(x) = e.incidents.get(i).cloned() {
            let id = fresh_incident_id(e, Some(&x.id));
            e.incidents.insert(i + 1, Incident { id, ..x });
        }
    });
    html! {
            <li class="rec-card" data-incident={inc.id.clone()} key={i}>
                <div class="rec-card-head">
                    <span class="rec-card-title">{ format!("#{} · {}", i + 1, inc.id) }</span>
                    { row_button(lang.pick("复制", "Duplicate"), "duplicate", on_duplicate) }
                    { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
                </div>
                <div class="rec-grid">
                    <TextField {lang} label={lang.pick("编号", "Id")} name="id" kind={Kind::Text}
                        required=true value={inc.id.clone()} extra={taken} onvalid={on_id} />
                    <SelectField label={lang.pick("系统/项目", "Item")} name="item"
                        value={inc.item.clone().unwrap_or_default()} options={items.clone()} onchange={on_item} />
                    <TextField {lang} label={lang.pick("类型", "Kind")} name="kind" kind={Kind::Text}
                        value={inc.kind.clone().unwrap_or_default()} onvalid={on_kind} />
                    <SelectField label={lang.pick("级别", "Level")} name="level"
                        value={inc.level.clone()} options={levels.clone()} onchange={on_level} />
                    <TextField {lang} label={lang.pick("报告时间", "Reported")} name="reported"
                        kind={Kind::DateTime} required=true value={datetime_text(inc.reported)}
                        onvalid={on_reported} />
                    { for instants }
                    <SelectField label={lang.pick("免责事由", "Excuse")} name="excuse"
                        value={excuse_id(inc.excuse)} options={excuses.clone()} onchange={on_excuse} />
    <SelectField label={lang.pick("投诉级别", "Complaint")} name="complaint"
                        value={inc.complaint.clone().unwrap_or_default()} options={complaint_options(complaints, inc)}
                        onchange={on_complaint} />
                    <CheckField label={lang.pick("有驻场工程师", "Resident engineer on site")}
                        name="resident" checked={inc.resident.unwrap_or(false)} onchange={on_resident} />
                    { fact_inputs(facts, &inc.facts, lang, &on_fact) }
                </div>
            </li>
        }
}

/// The complaint picker's options, with a value the contract does not price shown as such
/// (from a file), not hidden.
fn complaint_options(known: &Options, inc: &Incident) -> Options {
    match inc.complaint.as_deref() {
        Some(v) if !known.iter().any(|o| o.0 == v) => {
            let mut o = (**known).clone();
            o.push((v.to_string(), format!("{v} (?)")));
            Rc::new(o)
        }
        _ => known.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(id_prefix("F-12"), "F");
        assert_eq!(id_prefix("inc-2024-3"), "inc-2024");
        assert_eq!(id_prefix("outage"), "outage");
        assert_eq!(id_prefix("-3"), "-3");
    }

    #[test]
    fn fresh_ids_are_unique() {
        let mut e = Events::default();
        assert_eq!(fresh_incident_id(&e, None), "inc-1");
        let base = Incident {
            id: "F-1".into(),
            item: None,
            kind: None,
            level: "I".into(),
            reported: NaiveDateTime::default(),
            notified: None,
            responded: None,
            diagnosed: None,
            on_site: None,
            workaround: None,
            resolved: None,
            reported_back: None,
            resident: None,
            excuse: None,
            complaint: None,
            facts: Default::default(),
        };
        e.incidents.push(base.clone());
        e.incidents.push(Incident {
            id: "F-3".into(),
            ..base
        });
        assert_eq!(fresh_incident_id(&e, Some("F-1")), "F-4");
        assert_eq!(fresh_incident_id(&e, Some("x")), "x-1");
    }
}
