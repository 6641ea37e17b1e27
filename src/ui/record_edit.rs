//! The record's edits as data, and the inputs the contract's vocabulary asks for.
//!
//! Why data: an edit of an entry of a declared kind, of a declared fact of an incident or a
//! requirement, of an election or of a draw is an [`Edit`], which the reducer applies
//! (`Action::Edit`) to a copy of the active record; the copy then goes through the validation a
//! loaded record goes through (`Action::SetEvents`). The record editors are drawn from the
//! declarations ([`fact_specs`]): one editor for every kind, none written for a kind in
//! particular (format v2 §1: "the record editors are generated from the vocabulary"). Nothing
//! here touches the DOM, so all of it is tested natively.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::domain::contract::{Alternatives, Clause, Contract, Penalty, Rule, Side};
use crate::domain::events::{Draw, Entry, Events, FactValue};
use crate::domain::money::factor;
use crate::domain::vocabulary::{FactType, KindDef};
use crate::domain::Lang;
use crate::ui::views::record::input::{date_text, label, next_id, Kind};
use crate::ui::views::widgets::side_name;

/// What holds the facts an edit sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The record's `entries[i]`.
    Entry(usize),
    /// `incidents[i]` (facts of the kind `incident`).
    Incident(usize),
    /// `requirements[i]` (facts of the kind `requirement`).
    Requirement(usize),
}

/// One change to the active record. Indexes out of range change nothing.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new entry of the kind with this id, on the as-of day, with a fresh id and its required
    /// facts stated (the first option, the lower bound…: see [`placeholder`]), so that the
    /// record stays valid.
    AddEntry(String),
    RemoveEntry(usize),
    /// The entry's id (None: `kind@date`).
    EntryId(usize, Option<String>),
    /// The entry's day; an entry with an instant keeps its time of day.
    EntryDate(usize, NaiveDate),
    /// The entry's instant; None keeps its day only.
    EntryAt(usize, Option<NaiveDateTime>),
    /// A declared moment's instant (None: not yet).
    EntryMoment(usize, String, Option<NaiveDateTime>),
    EntryNote(usize, Option<String>),
    /// A declared fact's value (None: not stated).
    Fact(Subject, String, Option<FactValue>),
    /// The option elected for a choice of remedies (None: the default, its first option).
    Elect(String, Option<String>),
    /// A draw of one unit from the balance with this id, on the as-of day.
    AddDraw(String),
    RemoveDraw(usize),
    DrawDate(usize, NaiveDate),
    DrawQuantity(usize, Decimal),
    DrawNote(usize, Option<String>),
}

impl Edit {
    /// Applies the edit to the record `e` of contract `c`.
    pub fn apply(self, c: &Contract, e: &mut Events) {
        match self {
            Edit::AddEntry(kind) => {
                if let Some(k) = c.kinds.iter().find(|k| k.id == kind) {
                    let x = new_entry(c, e, k);
                    e.entries.push(x);
                }
            }
            Edit::RemoveEntry(i) => {
                if i < e.entries.len() {
                    e.entries.remove(i);
                }
            }
            Edit::EntryId(i, id) => entry(e, i, |x| x.id = id),
            Edit::EntryDate(i, d) => entry(e, i, |x| match x.at {
                Some(t) => x.at = Some(d.and_time(t.time())),
                None => x.date = Some(d),
            }),
            Edit::EntryAt(i, t) => entry(e, i, |x| match t {
                Some(t) => {
                    x.at = Some(t);
                    x.date = None;
                }
                None => {
                    x.date = x.date.or(x.at.map(|t| t.date()));
                    x.at = None;
                }
            }),
            Edit::EntryMoment(i, m, t) => entry(e, i, |x| match t {
                Some(t) => {
                    x.moments.insert(m, t);
                }
                None => without(&mut x.moments, &m),
            }),
            Edit::EntryNote(i, n) => entry(e, i, |x| x.note = n),
            Edit::Fact(s, id, v) => {
                let facts = match s {
                    Subject::Entry(i) => e.entries.get_mut(i).map(|x| &mut x.facts),
                    Subject::Incident(i) => e.incidents.get_mut(i).map(|x| &mut x.facts),
                    Subject::Requirement(i) => e.requirements.get_mut(i).map(|x| &mut x.facts),
                };
                if let Some(f) = facts {
                    match v {
                        Some(v) => {
                            f.insert(id, v);
                        }
                        None => without(f, &id),
                    }
                }
            }
            Edit::Elect(choice, o) => {
                match o {
                    Some(o) => e.elections.insert(choice, o),
                    None => e.elections.remove(&choice),
                };
            }
            Edit::AddDraw(balance) => {
                let date = e.as_of;
                e.draws.push(Draw {
                    balance,
                    date,
                    quantity: Decimal::ONE,
                    note: None,
                });
            }
            Edit::RemoveDraw(i) => {
                if i < e.draws.len() {
                    e.draws.remove(i);
                }
            }
            Edit::DrawDate(i, d) => draw(e, i, |x| x.date = d),
            Edit::DrawQuantity(i, q) => draw(e, i, |x| x.quantity = q),
            Edit::DrawNote(i, n) => draw(e, i, |x| x.note = n),
        }
    }
}

/// Removes `key` from `m`. Rebuilt, not `remove`d: a map's `remove` compiles the B-tree's
/// rebalancing again for each key and value type (the page's size), while its iteration and
/// insertion are compiled already (the loader builds these maps).
fn without<V>(m: &mut BTreeMap<String, V>, key: &str) {
    if m.contains_key(key) {
        *m = crate::domain::order::map(std::mem::take(m).into_iter().filter(|(k, _)| k != key));
    }
}

fn entry(e: &mut Events, i: usize, f: impl FnOnce(&mut Entry)) {
    if let Some(x) = e.entries.get_mut(i) {
        f(x);
    }
}

fn draw(e: &mut Events, i: usize, f: impl FnOnce(&mut Draw)) {
    if let Some(x) = e.draws.get_mut(i) {
        f(x);
    }
}

/// A new entry of kind `k` for record `e`: id `kind-N` (one past the largest in use), on the
/// as-of day, every required fact without a default stated by its [`placeholder`].
pub fn new_entry(c: &Contract, e: &Events, k: &KindDef) -> Entry {
    let id = next_id(&k.id, e.entries.iter().filter_map(|x| x.id.as_deref()));
    // Inserted, not collected: `collect()` into a map compiles a sort (`domain::order`).
    let facts = crate::domain::order::map(
        k.facts
            .iter()
            .filter(|f| f.required && f.default.is_none())
            .map(|f| (f.id.clone(), placeholder(c, &f.ty, e.as_of))),
    );
    Entry {
        kind: k.id.clone(),
        id: Some(id),
        date: Some(e.as_of),
        at: None,
        moments: Default::default(),
        facts,
        note: None,
    }
}

/// The value a new entry states for a required fact, for the user to change: no, the lower
/// bound (or 0 within the bounds), 0 yuan, the as-of day, empty text, the first option, level
/// or item, the seller.
pub fn placeholder(c: &Contract, ty: &FactType, as_of: NaiveDate) -> FactValue {
    let first = |id: Option<&String>| FactValue::Text(id.cloned().unwrap_or_default());
    match ty {
        FactType::Flag => FactValue::Flag(false),
        FactType::Number { min, max, .. } => {
            let bound = |b: &Option<String>| b.as_deref().and_then(|s| factor::parse(s).ok());
            let n = bound(min).unwrap_or(Decimal::ZERO);
            number_value(bound(max).map_or(n, |m| n.min(m)))
        }
        FactType::Amount => FactValue::Text("0".into()),
        FactType::Date => FactValue::Text(date_text(as_of)),
        FactType::Text => FactValue::Text(String::new()),
        FactType::Choice { options } => first(options.first().map(|o| &o.id)),
        FactType::Level => first(c.levels.first().map(|l| &l.id)),
        FactType::Item => first(c.items.first().map(|i| &i.id)),
        FactType::Party => FactValue::Text("seller".into()),
    }
}

/// A number as the record writes it: a whole JSON number when it is one, else its text.
pub fn number_value(n: Decimal) -> FactValue {
    match n.fract().is_zero().then(|| n.to_i64()).flatten() {
        Some(w) => FactValue::Whole(w),
        None => FactValue::Text(n.normalize().to_string()),
    }
}

/// The input a declared fact is edited with.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    /// A checkbox (a flag).
    Check,
    /// A select of (value, text): a choice's options, the contract's levels or items, the two
    /// parties; a first option "" (not stated) unless the fact is required.
    Select(Rc<Vec<(String, String)>>),
    /// A text field of this kind (a number's bounds beside it).
    Text(Kind, Option<Decimal>, Option<Decimal>),
}

/// How one declared fact is edited, from its declaration.
#[derive(Clone, Debug, PartialEq)]
pub struct FactSpec {
    pub id: String,
    /// The declared label in the language, with its unit, its default and `*` when required.
    pub label: String,
    /// The record must state it: an entry's required fact with no default. (Incidents' and
    /// requirements' facts are never required by the record.)
    pub required: bool,
    pub control: Control,
    /// A flag's value when the record does not state it.
    pub default_flag: bool,
}

/// The inputs of kind `k`'s facts, in the declared order.
pub fn fact_specs(c: &Contract, k: &KindDef, lang: Lang) -> Vec<FactSpec> {
    let builtin = k.id == "incident" || k.id == "requirement";
    let mut specs = Vec::with_capacity(k.facts.len());
    for f in &k.facts {
        let required = f.required && f.default.is_none() && !builtin;
        let mut text = label(&f.label, lang);
        let default = f.default.as_ref().and_then(|d| d.text());
        // A select's options: "not stated" (naming the default) unless required, then the
        // values by label.
        let mut v: Vec<(String, String)> = Vec::new();
        let mut add = |id: &str, l: &crate::domain::contract::Label| {
            v.push((id.to_string(), label(l, lang)));
        };
        let bound = |b: &Option<String>| b.as_deref().and_then(|s| factor::parse(s).ok());
        let control = match &f.ty {
            FactType::Flag => Control::Check,
            FactType::Choice { options } => {
                options.iter().for_each(|o| add(&o.id, &o.label));
                Control::Select(Rc::default())
            }
            FactType::Level => {
                c.levels.iter().for_each(|l| add(&l.id, &l.label));
                Control::Select(Rc::default())
            }
            FactType::Item => {
                c.items.iter().for_each(|i| add(&i.id, &i.name));
                Control::Select(Rc::default())
            }
            FactType::Party => {
                for (s, id) in [(Side::Buyer, "buyer"), (Side::Seller, "seller")] {
                    v.push((id.to_string(), side_name(s, lang).to_string()));
                }
                Control::Select(Rc::default())
            }
            FactType::Number { min, max, unit } => {
                if let Some(u) = unit {
                    text = format!("{text}（{}）", label(u, lang));
                }
                Control::Text(Kind::Number, bound(min), bound(max))
            }
            FactType::Amount => Control::Text(Kind::Amount, None, None),
            FactType::Date => Control::Text(Kind::Date, None, None),
            FactType::Text => Control::Text(Kind::Text, None, None),
        };
        let control = match control {
            Control::Select(_) => {
                if !required {
                    let none = match &default {
                        Some(d) => {
                            let shown = (v.iter().find(|o| o.0 == **d))
                                .map_or(d.to_string(), |o| o.1.clone());
                            format!("{}{shown}", lang.pick("默认：", "default: "))
                        }
                        None => lang.pick("（未填）", "(not stated)").to_string(),
                    };
                    v.insert(0, (String::new(), none));
                }
                Control::Select(Rc::new(v))
            }
            Control::Text(..) => {
                if let Some(d) = &default {
                    text = format!(
                        "{text}{}{d}{}",
                        lang.pick("（默认 ", " (default "),
                        lang.pick("）", ")")
                    );
                }
                control
            }
            Control::Check => control,
        };
        if f.required {
            text.push_str(" *");
        }
        specs.push(FactSpec {
            id: f.id.clone(),
            label: text,
            required,
            control,
            default_flag: f.default == Some(FactValue::Flag(true)),
        });
    }
    specs
}

/// The text an input shows of a fact's value (empty: not stated, or a flag).
pub fn fact_text(v: Option<&FactValue>) -> String {
    v.and_then(FactValue::text)
        .map(|t| t.into_owned())
        .unwrap_or_default()
}

/// The value of a checkbox: not stated when it is the default (and the fact is not required).
pub fn flag_value(spec: &FactSpec, checked: bool) -> Option<FactValue> {
    (spec.required || checked != spec.default_flag).then_some(FactValue::Flag(checked))
}

/// The value of a select's option or of a text field's canonical text (empty: not stated).
pub fn text_value(spec: &FactSpec, text: &str) -> Option<FactValue> {
    if text.is_empty() {
        return None;
    }
    Some(match spec.control {
        Control::Text(Kind::Number, ..) => match factor::parse(text) {
            Ok(n) => number_value(n),
            Err(_) => FactValue::Text(text.into()),
        },
        _ => FactValue::Text(text.into()),
    })
}

/// Why a number does not fit its fact's bounds, in the language (None: it fits, or it is not a
/// number).
pub fn bounds_error(spec: &FactSpec, text: &str, lang: Lang) -> Option<String> {
    let Control::Text(Kind::Number, min, max) = &spec.control else {
        return None;
    };
    let n = factor::parse(text).ok()?;
    match (min, max) {
        (Some(m), _) if n < *m => Some(format!(
            "{}{m}",
            lang.pick("应不小于 ", "must be at least ")
        )),
        (_, Some(m)) if n > *m => {
            Some(format!("{}{m}", lang.pick("应不大于 ", "must be at most ")))
        }
        _ => None,
    }
}

/// Why instant `t` of moment `moment` of entry `x` is out of the declared order of kind `k`'s
/// moments, in the language (None: in order).
pub fn moment_error(
    k: &KindDef,
    x: &Entry,
    moment: &str,
    t: NaiveDateTime,
    lang: Lang,
) -> Option<String> {
    let mut last: Option<(NaiveDateTime, String)> = None;
    for m in &k.moments {
        let at = if m.id == moment {
            Some(t)
        } else {
            x.moments.get(&m.id).copied()
        };
        let Some(at) = at else { continue };
        let name = label(&m.label, lang);
        if let Some((before, earlier)) = last.as_ref().filter(|(b, _)| at < *b) {
            return Some(match lang {
                Lang::Zh => format!("“{name}”早于“{earlier}”（{before}）"),
                Lang::En => format!("\"{name}\" is before \"{earlier}\" ({before})"),
            });
        }
        last = Some((at, name));
    }
    None
}

/// The contract's choices of remedies: each penalty clause with `alternatives`.
pub fn choices(c: &Contract) -> impl Iterator<Item = (&Clause, &Alternatives)> {
    c.clauses.iter().filter_map(|cl| match &cl.rule {
        Rule::Penalty(Penalty {
            alternatives: Some(a),
            ..
        }) => Some((cl, a)),
        _ => None,
    })
}

/// The kinds with an editor of their own: every declared kind but `incident` and
/// `requirement` (whose facts the incident and requirement editors show), with its index.
pub fn entry_kinds(c: &Contract) -> impl Iterator<Item = (usize, &KindDef)> {
    c.kinds
        .iter()
        .enumerate()
        .filter(|(_, k)| k.id != "incident" && k.id != "requirement")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract() -> Contract {
        serde_json::from_str(
            r#"{ "format": "lvyue-contract/2", "id": "t", "title": "t",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "levels": [ { "id": "L1", "label": { "zh": "一级", "en": "Level 1" } } ],
  "items": [ { "id": "ecg", "name": { "zh": "心电", "en": "ECG" }, "amount": "100" } ],
  "kinds": [ { "id": "absence", "label": { "zh": "缺岗", "en": "Absence" },
    "moments": [ { "id": "noticed", "label": { "zh": "发现", "en": "Noticed" } },
                 { "id": "back", "label": { "zh": "返岗", "en": "Back" } } ],
    "facts": [
      { "id": "persons", "label": { "zh": "人数", "en": "Persons" },
        "type": { "number": { "min": "1", "max": "9", "unit": { "zh": "人", "en": "people" } } }, "default": 1 },
      { "id": "holiday", "label": { "zh": "节假日", "en": "On a holiday" }, "type": "flag" },
      { "id": "cause", "label": { "zh": "原因", "en": "Cause" }, "required": true,
        "type": { "choice": { "options": [ { "id": "ill", "label": { "zh": "病假", "en": "Illness" } },
                              { "id": "none", "label": { "zh": "无故", "en": "No reason" } } ] } } },
      { "id": "level", "label": { "zh": "级别", "en": "Level" }, "type": "level" },
      { "id": "item", "label": { "zh": "系统", "en": "Item" }, "type": "item", "required": true },
      { "id": "by", "label": { "zh": "责任方", "en": "Party" }, "type": "party", "required": true },
      { "id": "loss", "label": { "zh": "损失", "en": "Loss" }, "type": "amount", "required": true },
      { "id": "on", "label": { "zh": "日期", "en": "Date" }, "type": "date", "required": true },
      { "id": "why", "label": { "zh": "说明", "en": "Why" }, "type": "text" },
      { "id": "n", "label": { "zh": "次数", "en": "Times" }, "type": { "number": { "min": "-2.5" } }, "required": true }
    ] } ] }"#,
        )
        .unwrap()
    }

    fn events() -> Events {
        Events {
            format: crate::domain::events::FORMAT.into(),
            as_of: "2025-03-31".parse().unwrap(),
            ..Events::default()
        }
    }

    #[test]
    fn specs_come_from_the_declarations_in_the_language() {
        let c = contract();
        let s = fact_specs(&c, &c.kinds[0], Lang::En);
        let labels: Vec<&str> = s.iter().map(|x| x.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Persons（people） (default 1)",
                "On a holiday",
                "Cause *",
                "Level",
                "Item *",
                "Party *",
                "Loss *",
                "Date *",
                "Why",
                "Times *"
            ]
        );
        let zh = fact_specs(&c, &c.kinds[0], Lang::Zh);
        assert_eq!(zh[0].label, "人数（人）（默认 1）");
        let opts = |x: &FactSpec| match &x.control {
            Control::Select(o) => o.as_ref().clone(),
            other => panic!("not a select: {other:?}"),
        };
        // A required choice offers its options by label, no "not stated".
        assert_eq!(
            opts(&s[2]),
            [
                ("ill".to_string(), "Illness".to_string()),
                ("none".to_string(), "No reason".to_string())
            ]
        );
        assert_eq!(
            opts(&zh[3]),
            [
                (String::new(), "（未填）".to_string()),
                ("L1".to_string(), "一级".to_string())
            ]
        );
        assert_eq!(opts(&s[4])[0].1, "ECG");
        assert_eq!(opts(&zh[5])[0].1, "甲方");
        assert_eq!(
            s[0].control,
            Control::Text(Kind::Number, Some(Decimal::ONE), Some(Decimal::from(9)))
        );
        assert_eq!(s[1].control, Control::Check);
        assert_eq!(s[6].control, Control::Text(Kind::Amount, None, None));
        assert_eq!(s[7].control, Control::Text(Kind::Date, None, None));
        assert!(s[2].required && !s[0].required && !s[1].required);
    }

    #[test]
    fn values_from_inputs() {
        let c = contract();
        let s = fact_specs(&c, &c.kinds[0], Lang::Zh);
        assert_eq!(text_value(&s[0], "3"), Some(FactValue::Whole(3)));
        assert_eq!(
            text_value(&s[0], "2.50"),
            Some(FactValue::Text("2.5".into()))
        );
        assert_eq!(text_value(&s[0], ""), None);
        assert_eq!(
            text_value(&s[2], "ill"),
            Some(FactValue::Text("ill".into()))
        );
        assert_eq!(
            bounds_error(&s[0], "0", Lang::Zh).as_deref(),
            Some("应不小于 1")
        );
        assert_eq!(
            bounds_error(&s[0], "10", Lang::En).as_deref(),
            Some("must be at most 9")
        );
        assert_eq!(bounds_error(&s[0], "9", Lang::En), None);
        // A flag at its default is not stated; a required one always is.
        assert_eq!(flag_value(&s[1], false), None);
        assert_eq!(flag_value(&s[1], true), Some(FactValue::Flag(true)));
        assert_eq!(fact_text(Some(&FactValue::Whole(7))), "7");
        assert_eq!(fact_text(Some(&FactValue::Flag(true))), "");
        assert_eq!(fact_text(None), "");
    }

    #[test]
    fn a_new_entry_states_its_required_facts_and_stays_valid() {
        let c = contract();
        let mut e = events();
        Edit::AddEntry("absence".into()).apply(&c, &mut e);
        Edit::AddEntry("absence".into()).apply(&c, &mut e);
        Edit::AddEntry("nothing".into()).apply(&c, &mut e);
        assert_eq!(e.entries.len(), 2);
        let x = &e.entries[1];
        assert_eq!(x.id.as_deref(), Some("absence-2"));
        assert_eq!(x.date, Some(e.as_of));
        let t = |s: &str| Some(FactValue::Text(s.into()));
        assert_eq!(x.facts.get("cause").cloned(), t("ill"));
        assert_eq!(x.facts.get("item").cloned(), t("ecg"));
        assert_eq!(x.facts.get("by").cloned(), t("seller"));
        assert_eq!(x.facts.get("loss").cloned(), t("0"));
        assert_eq!(x.facts.get("on").cloned(), t("2025-03-31"));
        assert_eq!(x.facts.get("n"), Some(&FactValue::Text("-2.5".into())));
        // Not required, or required with a default: not stated.
        assert!(!x.facts.contains_key("persons") && !x.facts.contains_key("holiday"));
        let problems = crate::domain::validate::validate_events(&c, &e);
        assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    }

    #[test]
    fn entry_edits() {
        let c = contract();
        let mut e = events();
        Edit::AddEntry("absence".into()).apply(&c, &mut e);
        let t: NaiveDateTime = "2025-03-02T10:30:00".parse().unwrap();
        Edit::EntryAt(0, Some(t)).apply(&c, &mut e);
        assert_eq!((e.entries[0].date, e.entries[0].at), (None, Some(t)));
        // A new day keeps the time of day.
        Edit::EntryDate(0, "2025-03-05".parse().unwrap()).apply(&c, &mut e);
        assert_eq!(e.entries[0].at, "2025-03-05T10:30:00".parse().ok());
        // No instant: its day stays.
        Edit::EntryAt(0, None).apply(&c, &mut e);
        assert_eq!(
            (e.entries[0].date, e.entries[0].at),
            ("2025-03-05".parse().ok(), None)
        );
        Edit::EntryMoment(0, "noticed".into(), Some(t)).apply(&c, &mut e);
        assert_eq!(e.entries[0].moments.get("noticed"), Some(&t));
        Edit::Fact(
            Subject::Entry(0),
            "persons".into(),
            Some(FactValue::Whole(2)),
        )
        .apply(&c, &mut e);
        assert_eq!(
            e.entries[0].facts.get("persons"),
            Some(&FactValue::Whole(2))
        );
        Edit::Fact(Subject::Entry(0), "persons".into(), None).apply(&c, &mut e);
        assert!(!e.entries[0].facts.contains_key("persons"));
        Edit::EntryId(0, None).apply(&c, &mut e);
        assert_eq!(e.entries[0].id, None);
        Edit::Fact(Subject::Incident(3), "x".into(), None).apply(&c, &mut e);
        Edit::RemoveEntry(5).apply(&c, &mut e);
        Edit::RemoveEntry(0).apply(&c, &mut e);
        assert!(e.entries.is_empty());
    }

    #[test]
    fn moments_in_their_declared_order() {
        let c = contract();
        let mut e = events();
        Edit::AddEntry("absence".into()).apply(&c, &mut e);
        let k = &c.kinds[0];
        let t = |s: &str| s.parse::<NaiveDateTime>().unwrap();
        Edit::EntryMoment(0, "back".into(), Some(t("2025-03-02T10:00:00"))).apply(&c, &mut e);
        let x = &e.entries[0];
        assert_eq!(
            moment_error(k, x, "noticed", t("2025-03-02T09:00:00"), Lang::En),
            None
        );
        assert_eq!(
            moment_error(k, x, "noticed", t("2025-03-02T11:00:00"), Lang::En).as_deref(),
            Some("\"Back\" is before \"Noticed\" (2025-03-02 11:00:00)")
        );
        assert_eq!(
            moment_error(k, x, "noticed", t("2025-03-02T11:00:00"), Lang::Zh).as_deref(),
            Some("“返岗”早于“发现”（2025-03-02 11:00:00）")
        );
    }

    #[test]
    fn elections_and_draws() {
        let c = contract();
        let mut e = events();
        Edit::Elect("remedy".into(), Some("terminate".into())).apply(&c, &mut e);
        assert_eq!(
            e.elections.get("remedy").map(String::as_str),
            Some("terminate")
        );
        Edit::Elect("remedy".into(), None).apply(&c, &mut e);
        assert!(e.elections.is_empty());
        Edit::AddDraw("u".into()).apply(&c, &mut e);
        Edit::DrawQuantity(0, Decimal::new(125, 1)).apply(&c, &mut e);
        Edit::DrawDate(0, "2025-01-02".parse().unwrap()).apply(&c, &mut e);
        Edit::DrawNote(0, Some("x".into())).apply(&c, &mut e);
        let d = &e.draws[0];
        assert_eq!(
            (
                d.balance.as_str(),
                d.quantity,
                d.date.to_string(),
                d.note.as_deref()
            ),
            (
                "u",
                Decimal::new(125, 1),
                "2025-01-02".to_string(),
                Some("x")
            )
        );
        Edit::RemoveDraw(0).apply(&c, &mut e);
        assert!(e.draws.is_empty());
    }
}
