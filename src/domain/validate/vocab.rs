//! Validation of the declared vocabulary: the kinds, the conditions and other rules that name
//! their facts and moments, and the record entries against their kinds.
//!
//! Why here and once: every rule that reads a fact ([`Use`]) is listed by one walk over the
//! contract, so that a reference to a fact no kind declares is an error at its path, and a
//! declared fact that nothing reads is a warning (`vocabulary.unused-fact`): a vocabulary
//! stretched to fit a contract shows where it does not.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::domain::contract::*;
use crate::domain::events::{Events, FactValue};
use crate::domain::load::{path_index, path_key, Problem};
use crate::domain::money::{factor, Amount};
use crate::domain::quote::shown;
use crate::domain::vocabulary::{Condition, FactDef, FactType};

/// What a rule reads of a kind.
enum Read<'c> {
    Cond(&'c Condition),
    /// A number fact multiplying the amount (`per`).
    Per(&'c str),
    /// An amount fact as a base.
    BaseFact(&'c str),
    /// The `party` fact, for a rule of the breaching party.
    Party,
    /// A moment (a timer's `from`/`to`).
    Moment(&'c MomentRef),
    /// The kind itself (a trigger, an SLA, a duty).
    Kind,
}

/// One read, with where it is and the kind of subject it reads.
struct Use<'c> {
    path: String,
    kind: &'c str,
    read: Read<'c>,
}

fn timer_kind<'c>(c: &'c Contract, r: &str) -> Option<&'c str> {
    c.clauses.iter().find_map(|cl| match &cl.rule {
        Rule::Sla(s) if s.timers.iter().any(|t| names_timer(r, &cl.id, &t.id)) => {
            Some(subject_kind(&s.applies_to))
        }
        _ => None,
    })
}

fn subject_kind(s: &SlaSubject) -> &str {
    match s {
        SlaSubject::Incidents => "incident",
        SlaSubject::Requirements => "requirement",
        SlaSubject::Kind(k) => k,
    }
}

/// Every read of the vocabulary in the contract.
fn uses(c: &Contract) -> Vec<Use<'_>> {
    let mut v: Vec<Use<'_>> = Vec::new();
    for (i, cl) in c.clauses.iter().enumerate() {
        let rp = path_key(&path_index("clauses", i), "rule");
        match &cl.rule {
            Rule::Penalty(p) => penalty_uses(c, &rp, p, &mut v),
            Rule::Sla(s) => {
                let kind = subject_kind(&s.applies_to);
                if let SlaSubject::Kind(_) = s.applies_to {
                    v.push(Use {
                        path: path_key(&rp, "applies_to"),
                        kind,
                        read: Read::Kind,
                    });
                }
                for (j, t) in s.timers.iter().enumerate() {
                    let tp = path_index(&path_key(&rp, "timers"), j);
                    for (f, m) in [("from", &t.from), ("to", &t.to)] {
                        v.push(Use {
                            path: path_key(&tp, f),
                            kind,
                            read: Read::Moment(m),
                        });
                    }
                    if let Some(w) = &t.when {
                        v.push(Use {
                            path: path_key(&tp, "when"),
                            kind,
                            read: Read::Cond(w),
                        });
                    }
                    for (k, l) in t.limits.iter().enumerate() {
                        if let Some(w) = &l.when {
                            v.push(Use {
                                path: path_key(&path_index(&path_key(&tp, "limits"), k), "when"),
                                kind,
                                read: Read::Cond(w),
                            });
                        }
                    }
                }
            }
            Rule::Obligation(o) => {
                if let Schedule::OnEntry { kind, when, .. } = &o.schedule {
                    let sp = path_key(&rp, "schedule");
                    v.push(Use {
                        path: path_key(&sp, "kind"),
                        kind,
                        read: Read::Kind,
                    });
                    if let Some(w) = when {
                        v.push(Use {
                            path: path_key(&sp, "when"),
                            kind,
                            read: Read::Cond(w),
                        });
                    }
                    if o.party == PartyRef::Breaching {
                        v.push(Use {
                            path: path_key(&rp, "party"),
                            kind,
                            read: Read::Party,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    v
}

fn penalty_uses<'c>(c: &'c Contract, rp: &str, p: &'c Penalty, v: &mut Vec<Use<'c>>) {
    let tp = path_key(rp, "trigger");
    let (kind, when): (Option<&str>, Option<&Condition>) = match &p.trigger {
        Trigger::Incident { when, .. } => (Some("incident"), when.as_ref()),
        Trigger::Requirement { when, .. } => (Some("requirement"), when.as_ref()),
        Trigger::Entries { kind, when } => {
            v.push(Use {
                path: path_key(&tp, "kind"),
                kind,
                read: Read::Kind,
            });
            (Some(kind.as_str()), when.as_ref())
        }
        Trigger::TimerBreached { timer } => (timer_kind(c, timer), None),
        _ => (None, None),
    };
    let Some(kind) = kind else {
        if p.payer == PartyRef::Breaching {
            v.push(Use {
                path: path_key(rp, "payer"),
                kind: "",
                read: Read::Party,
            });
        }
        return;
    };
    if let Some(w) = when {
        v.push(Use {
            path: path_key(&tp, "when"),
            kind,
            read: Read::Cond(w),
        });
    }
    if p.payer == PartyRef::Breaching {
        v.push(Use {
            path: path_key(rp, "payer"),
            kind,
            read: Read::Party,
        });
    }
    let fp = path_key(rp, "formula");
    if let Formula::PerOccurrence(po) = &p.formula {
        for (i, m) in po.multipliers.iter().enumerate() {
            if let Some(w) = &m.when {
                v.push(Use {
                    path: path_key(&path_index(&path_key(&fp, "multipliers"), i), "when"),
                    kind,
                    read: Read::Cond(w),
                });
            }
        }
        if let Some(f) = &po.per {
            v.push(Use {
                path: path_key(&fp, "per"),
                kind,
                read: Read::Per(f),
            });
        }
        let base = match &po.amount {
            OccurrenceAmount::Rate { base, .. }
            | OccurrenceAmount::RateRange { base, .. }
            | OccurrenceAmount::ByLevel { base, .. } => Some(base),
            _ => None,
        };
        if let Some(Base::Fact { fact }) = base {
            v.push(Use {
                path: path_key(&path_key(&fp, "amount"), "base"),
                kind,
                read: Read::BaseFact(fact),
            });
        }
    }
}

/// A fact of a kind, built-in or declared: its type (None for free text built-ins).
#[derive(Clone, PartialEq)]
enum Known<'c> {
    Declared(&'c FactDef),
    Builtin(FactType),
}

impl Known<'_> {
    fn ty(&self) -> &FactType {
        match self {
            Known::Declared(f) => &f.ty,
            Known::Builtin(t) => t,
        }
    }
}

fn builtin(kind: &str, fact: &str) -> Option<FactType> {
    let opts = |ids: &[&str]| FactType::Choice {
        options: ids
            .iter()
            .map(|i| crate::domain::vocabulary::ChoiceOption {
                id: (*i).into(),
                label: Label {
                    zh: (*i).into(),
                    en: None,
                },
            })
            .collect(),
    };
    Some(match (kind, fact) {
        ("incident", "level") => FactType::Level,
        ("incident", "item") => FactType::Item,
        ("incident", "complaint") | ("requirement", "complaint") => FactType::Text,
        ("incident", "resident") | ("requirement", "business_affected") => FactType::Flag,
        ("requirement", "complexity") => opts(&["ordinary", "complex"]),
        _ => return None,
    })
}

fn kind_def<'c>(c: &'c Contract, kind: &str) -> Option<&'c KindDef> {
    c.kinds.iter().find(|k| k.id == kind)
}

fn known<'c>(c: &'c Contract, kind: &str, fact: &str) -> Option<Known<'c>> {
    if let Some(t) = builtin(kind, fact) {
        return Some(Known::Builtin(t));
    }
    kind_def(c, kind)?
        .facts
        .iter()
        .find(|f| f.id == fact)
        .map(Known::Declared)
}

fn is_builtin_kind(k: &str) -> bool {
    k == "incident" || k == "requirement"
}

fn err(code: &str, path: String, zh: String, en: String) -> Problem {
    Problem::error(code, path, zh, en)
}

/// Problems of the vocabulary and of every rule that reads it.
pub(super) fn contract(c: &Contract, out: &mut Vec<Problem>) {
    let mut seen = BTreeSet::new();
    for (i, k) in c.kinds.iter().enumerate() {
        let kp = path_index("kinds", i);
        if !seen.insert(k.id.as_str()) {
            out.push(err(
                "id.duplicate",
                path_key(&kp, "id"),
                format!("种类“{}”重复定义", shown(&k.id)),
                format!("kind \"{}\" is declared twice", shown(&k.id)),
            ));
        }
        if is_builtin_kind(&k.id) && !k.moments.is_empty() {
            out.push(err(
                "kind.builtin-moments",
                path_key(&kp, "moments"),
                format!("“{}”的时点是固定的，只能增加事实", k.id),
                format!(
                    "\"{}\" has fixed moments: a declaration may only add facts",
                    k.id
                ),
            ));
        }
        let mut ids = BTreeSet::new();
        for (j, f) in k.facts.iter().enumerate() {
            let fp = path_index(&path_key(&kp, "facts"), j);
            if !ids.insert(f.id.as_str()) || builtin(&k.id, &f.id).is_some() {
                out.push(err(
                    "id.duplicate",
                    path_key(&fp, "id"),
                    format!("事实“{}”重复定义", shown(&f.id)),
                    format!("fact \"{}\" is declared twice", shown(&f.id)),
                ));
            }
            if let Some(d) = &f.default {
                value(c, &f.ty, d, path_key(&fp, "default"), out);
            }
        }
        let mut ms = BTreeSet::new();
        for (j, m) in k.moments.iter().enumerate() {
            if !ms.insert(m.id.as_str()) {
                out.push(err(
                    "id.duplicate",
                    path_key(&path_index(&path_key(&kp, "moments"), j), "id"),
                    format!("时点“{}”重复定义", shown(&m.id)),
                    format!("moment \"{}\" is declared twice", shown(&m.id)),
                ));
            }
        }
    }
    for u in uses(c) {
        read(c, &u, out);
    }
    unused(c, out);
}

fn read(c: &Contract, u: &Use<'_>, out: &mut Vec<Problem>) {
    let declared = is_builtin_kind(u.kind) || kind_def(c, u.kind).is_some();
    match &u.read {
        Read::Party => {
            let has = kind_def(c, u.kind)
                .is_some_and(|k| k.facts.iter().any(|f| f.ty == FactType::Party));
            if !has || u.kind.is_empty() {
                out.push(err(
                    "party.breaching",
                    u.path.clone(),
                    "“违约方”须由记录条目的“当事方”事实确定：规则须针对声明了当事方事实的种类".into(),
                    "\"breaching\" is decided by a record entry's party fact: the rule must be on entries of a kind that declares one".into(),
                ));
            }
        }
        Read::Kind if !declared => out.push(err(
            "ref.kind",
            u.path.clone(),
            format!("引用了未定义的种类“{}”", shown(u.kind)),
            format!(
                "kind \"{}\" is not declared in the contract's kinds",
                shown(u.kind)
            ),
        )),
        Read::Kind => {}
        _ if !declared => {}
        Read::Cond(cond) => condition(c, u.kind, cond, &u.path, out),
        Read::Per(f) => want(c, u, f, &[Ty::Number], out),
        Read::BaseFact(f) => want(c, u, f, &[Ty::Amount], out),
        Read::Moment(m) => moment_ref(c, u.kind, m.name(), &u.path, out),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Ty {
    Flag,
    Number,
    Amount,
    Ordered,
    Valued,
}

fn fits(t: &FactType, want: Ty) -> bool {
    match want {
        Ty::Flag => *t == FactType::Flag,
        Ty::Number => matches!(t, FactType::Number { .. }),
        Ty::Amount => *t == FactType::Amount,
        Ty::Ordered => matches!(t, FactType::Level | FactType::Choice { .. }),
        Ty::Valued => matches!(
            t,
            FactType::Level
                | FactType::Choice { .. }
                | FactType::Item
                | FactType::Party
                | FactType::Text
        ),
    }
}

fn want(c: &Contract, u: &Use<'_>, fact: &str, tys: &[Ty], out: &mut Vec<Problem>) {
    want_at(c, u.kind, fact, tys, &u.path, out);
}

fn want_at(
    c: &Contract,
    kind: &str,
    fact: &str,
    tys: &[Ty],
    path: &str,
    out: &mut Vec<Problem>,
) -> Option<FactType> {
    let Some(k) = known(c, kind, fact) else {
        out.push(err(
            "ref.fact",
            path.to_string(),
            format!("种类“{}”没有事实“{}”", shown(kind), shown(fact)),
            format!(
                "kind \"{}\" declares no fact \"{}\"",
                shown(kind),
                shown(fact)
            ),
        ));
        return None;
    };
    if !tys.iter().any(|t| fits(k.ty(), *t)) {
        out.push(err(
            "fact.type",
            path.to_string(),
            format!("事实“{}”的类型不适用于此处", shown(fact)),
            format!("fact \"{}\" is not of a type this reads", shown(fact)),
        ));
        return None;
    }
    Some(k.ty().clone())
}

fn condition(c: &Contract, kind: &str, cond: &Condition, path: &str, out: &mut Vec<Problem>) {
    match cond {
        Condition::All { all } => {
            for (i, x) in all.iter().enumerate() {
                condition(c, kind, x, &path_index(&path_key(path, "all"), i), out);
            }
        }
        Condition::Any { any } => {
            for (i, x) in any.iter().enumerate() {
                condition(c, kind, x, &path_index(&path_key(path, "any"), i), out);
            }
        }
        Condition::Not { not } => condition(c, kind, not, &path_key(path, "not"), out),
        Condition::Fact { fact } => {
            want_at(c, kind, fact, &[Ty::Flag], &path_key(path, "fact"), out);
        }
        Condition::FactIn { fact, values } => {
            let fp = path_key(path, "fact");
            if let Some(t) = want_at(c, kind, fact, &[Ty::Valued], &fp, out) {
                for (i, v) in values.iter().enumerate() {
                    one_of(c, &t, v, path_index(&path_key(path, "in"), i), out);
                }
            }
        }
        Condition::FactAtLeast { fact, at_least } => {
            let fp = path_key(path, "fact");
            if let Some(t) = want_at(c, kind, fact, &[Ty::Ordered], &fp, out) {
                one_of(c, &t, at_least, path_key(path, "at_least"), out);
            }
        }
        Condition::FactCompare { fact, value: v, .. } => {
            let fp = path_key(path, "fact");
            if let Some(t) = want_at(c, kind, fact, &[Ty::Number, Ty::Amount], &fp, out) {
                value(c, &t, v, path_key(path, "value"), out);
            }
        }
        Condition::LevelHas { .. } => {
            want_at(c, kind, "level", &[Ty::Ordered], path, out);
        }
        Condition::Moment { moment, .. } => {
            moment_ref(c, kind, moment, &path_key(path, "moment"), out);
        }
        Condition::Elapsed { elapsed: e } => {
            let ep = path_key(path, "elapsed");
            moment_ref(c, kind, &e.from, &path_key(&ep, "from"), out);
            moment_ref(c, kind, &e.to, &path_key(&ep, "to"), out);
            if crate::domain::engine::condition::clock_span(e.over).is_none() {
                out.push(err(
                    "elapsed.unit",
                    path_key(&path_key(&ep, "over"), "unit"),
                    "经过时长应以分钟、小时或日计".to_string(),
                    "an elapsed time is counted in minutes, hours or days".to_string(),
                ));
            }
        }
        Condition::Timer { timer, .. } => {
            if timer_kind(c, timer).is_none() {
                out.push(err(
                    "ref.timer",
                    path_key(path, "timer"),
                    format!("引用了未定义的时限“{}”", shown(timer)),
                    format!(
                        "timer \"{}\" is not defined in the contract's SLA clauses",
                        shown(timer)
                    ),
                ));
            }
        }
        Condition::Consent { consent } => {
            if !c.clauses.iter().any(|cl| cl.id == *consent) {
                out.push(err(
                    "ref.clause",
                    path_key(path, "consent"),
                    format!("引用了未定义的条款“{}”", shown(consent)),
                    format!(
                        "clause \"{}\" is not defined in the contract's clauses",
                        shown(consent)
                    ),
                ));
            }
        }
        Condition::Event { event, .. } => {
            let ok = super::BUILTIN_EVENTS.contains(&event.as_str())
                || c.events.iter().any(|e| e.id == *event);
            if !ok {
                out.push(err(
                    "ref.event",
                    path_key(path, "event"),
                    format!("引用了未定义的事件“{}”", shown(event)),
                    format!(
                        "event \"{}\" is not defined in the contract's events",
                        shown(event)
                    ),
                ));
            }
        }
        Condition::Started { .. } => {}
    }
}

/// A moment a condition names that the subject's kind does not have.
fn moment_ref(c: &Contract, kind: &str, moment: &str, path: &str, out: &mut Vec<Problem>) {
    let ok = match kind {
        k if is_builtin_kind(k) => Moment::from_name(moment).is_some(),
        k => kind_def(c, k).is_some_and(|d| d.moments.iter().any(|m| m.id == *moment)),
    };
    if !ok {
        out.push(err(
            "ref.moment",
            path.to_string(),
            format!("种类“{}”没有时点“{}”", shown(kind), shown(moment)),
            format!(
                "kind \"{}\" has no moment \"{}\"",
                shown(kind),
                shown(moment)
            ),
        ));
    }
}

/// A value of a choice, level, item or party fact that is not one of its values.
fn one_of(c: &Contract, t: &FactType, v: &str, path: String, out: &mut Vec<Problem>) {
    let ok = match t {
        FactType::Choice { options } => options.iter().any(|o| o.id == v),
        FactType::Level => c.levels.iter().any(|l| l.id == v),
        FactType::Item => c.items.iter().any(|i| i.id == v),
        FactType::Party => v == "buyer" || v == "seller",
        _ => true,
    };
    if !ok {
        out.push(err(
            "fact.value",
            path,
            format!("“{}”不是该事实的可选值", shown(v)),
            format!("\"{}\" is not one of the fact's values", shown(v)),
        ));
    }
}

/// A value that does not fit its fact's type.
fn value(c: &Contract, t: &FactType, v: &FactValue, path: String, out: &mut Vec<Problem>) {
    let text = v.text();
    let bad = |zh: &str, en: &str| {
        err(
            "fact.type",
            path.clone(),
            format!("应为{zh}"),
            format!("expected {en}"),
        )
    };
    match (t, v, text.as_deref()) {
        (FactType::Flag, FactValue::Flag(_), _) => {}
        (FactType::Flag, _, _) => out.push(bad("是或否（true/false）", "true or false")),
        (_, FactValue::Flag(_), _) => out.push(bad("文字或数字", "text or a number")),
        (FactType::Number { min, max, .. }, _, Some(s)) => match factor::parse(s) {
            Ok(n) => {
                let lo = min.as_deref().and_then(|m| factor::parse(m).ok());
                let hi = max.as_deref().and_then(|m| factor::parse(m).ok());
                if lo.is_some_and(|l| n < l) || hi.is_some_and(|h| n > h) {
                    out.push(bad("范围内的数", "a number within the declared bounds"));
                }
            }
            Err(_) => out.push(bad("数字", "a number")),
        },
        (FactType::Amount, _, Some(s)) if Amount::parse(s).is_err() => {
            out.push(bad("金额", "an amount"));
        }
        (FactType::Date, _, Some(s)) if s.parse::<NaiveDate>().is_err() => {
            out.push(bad("日期（YYYY-MM-DD）", "a date (YYYY-MM-DD)"));
        }
        (
            FactType::Choice { .. } | FactType::Level | FactType::Item | FactType::Party,
            _,
            Some(s),
        ) => one_of(c, t, s, path.clone(), out),
        _ => {}
    }
}

/// Declared facts and kinds no rule reads.
fn unused(c: &Contract, out: &mut Vec<Problem>) {
    let mut read: BTreeSet<(&str, String)> = BTreeSet::new();
    let mut kinds: BTreeSet<&str> = BTreeSet::new();
    for u in uses(c) {
        kinds.insert(u.kind);
        match &u.read {
            Read::Cond(cond) => facts_in(cond, &mut |f| {
                read.insert((u.kind, f.to_string()));
            }),
            Read::Per(f) | Read::BaseFact(f) => {
                read.insert((u.kind, f.to_string()));
            }
            Read::Party => {
                if let Some(k) = kind_def(c, u.kind) {
                    for f in k.facts.iter().filter(|f| f.ty == FactType::Party) {
                        read.insert((u.kind, f.id.clone()));
                    }
                }
            }
            _ => {}
        }
    }
    for (i, k) in c.kinds.iter().enumerate() {
        let kp = path_index("kinds", i);
        if !is_builtin_kind(&k.id) && !kinds.contains(k.id.as_str()) {
            out.push(Problem::warning(
                "vocabulary.unused-kind",
                path_key(&kp, "id"),
                format!("种类“{}”未被任何规则使用", k.label.zh),
                format!(
                    "no rule uses the kind \"{}\"",
                    k.label.en.as_deref().unwrap_or(&k.label.zh)
                ),
            ));
        }
        for (j, f) in k.facts.iter().enumerate() {
            if !read.contains(&(k.id.as_str(), f.id.clone())) {
                out.push(Problem::warning(
                    "vocabulary.unused-fact",
                    path_key(&path_index(&path_key(&kp, "facts"), j), "id"),
                    format!("事实“{}”未被任何条件、倍数、基数或计量读取", f.label.zh),
                    format!(
                        "no condition, multiplier, base or `per` reads the fact \"{}\"",
                        f.label.en.as_deref().unwrap_or(&f.label.zh)
                    ),
                ));
            }
        }
    }
}

fn facts_in(c: &Condition, f: &mut dyn FnMut(&str)) {
    match c {
        Condition::All { all } => all.iter().for_each(|x| facts_in(x, f)),
        Condition::Any { any } => any.iter().for_each(|x| facts_in(x, f)),
        Condition::Not { not } => facts_in(not, f),
        Condition::Fact { fact }
        | Condition::FactIn { fact, .. }
        | Condition::FactAtLeast { fact, .. }
        | Condition::FactCompare { fact, .. } => f(fact),
        Condition::LevelHas { .. } => f("level"),
        _ => {}
    }
}

/// Problems of the record's entries and of the declared facts of incidents and requirements.
pub(super) fn events(c: &Contract, e: &Events, out: &mut Vec<Problem>) {
    for (i, x) in e.incidents.iter().enumerate() {
        facts(
            c,
            "incident",
            &x.facts,
            &path_index("incidents", i),
            false,
            out,
        );
    }
    for (i, x) in e.requirements.iter().enumerate() {
        facts(
            c,
            "requirement",
            &x.facts,
            &path_index("requirements", i),
            false,
            out,
        );
    }
    let mut ids = BTreeSet::new();
    for (i, x) in e.entries.iter().enumerate() {
        let ep = path_index("entries", i);
        let Some(k) = kind_def(c, &x.kind).filter(|k| !is_builtin_kind(&k.id)) else {
            out.push(err(
                "ref.kind",
                path_key(&ep, "kind"),
                format!("引用了未定义的种类“{}”", shown(&x.kind)),
                format!(
                    "kind \"{}\" is not declared in the contract's kinds",
                    shown(&x.kind)
                ),
            ));
            continue;
        };
        if let Some(id) = &x.id {
            if !ids.insert(id.as_str()) {
                out.push(err(
                    "id.duplicate",
                    path_key(&ep, "id"),
                    format!("记录条目“{}”重复", shown(id)),
                    format!("entry \"{}\" appears twice", shown(id)),
                ));
            }
        }
        if x.date.is_some() == x.at.is_some() {
            out.push(err(
                "entry.date",
                ep.clone(),
                "记录条目须给出 date 或 at 之一".into(),
                "an entry gives one of `date` and `at`".into(),
            ));
        }
        facts(c, &k.id, &x.facts, &ep, true, out);
        let mut last: Option<(chrono::NaiveDateTime, &str)> = None;
        for m in &k.moments {
            let Some(t) = x.moments.get(&m.id) else {
                continue;
            };
            if let Some((before, name)) = last.filter(|(b, _)| t < b) {
                out.push(err(
                    "entry.moment-order",
                    path_key(&path_key(&ep, "moments"), &m.id),
                    format!("“{}”{t} 早于“{name}”{before}", m.label.zh),
                    format!(
                        "\"{}\" ({t}) is before \"{name}\" ({before})",
                        m.label.en.as_deref().unwrap_or(&m.label.zh)
                    ),
                ));
            }
            last = Some((*t, &m.label.zh));
        }
        for m in x.moments.keys() {
            if !k.moments.iter().any(|d| d.id == *m) {
                out.push(err(
                    "ref.moment",
                    path_key(&path_key(&ep, "moments"), m),
                    format!("种类“{}”没有时点“{}”", shown(&k.id), shown(m)),
                    format!("kind \"{}\" has no moment \"{}\"", shown(&k.id), shown(m)),
                ));
            }
        }
    }
}

fn facts(
    c: &Contract,
    kind: &str,
    stated: &std::collections::BTreeMap<String, FactValue>,
    path: &str,
    required: bool,
    out: &mut Vec<Problem>,
) {
    let fp = path_key(path, "facts");
    let def = kind_def(c, kind);
    for (id, v) in stated {
        match def.and_then(|k| k.facts.iter().find(|f| f.id == *id)) {
            Some(f) => value(c, &f.ty, v, path_key(&fp, id), out),
            None => out.push(err(
                "ref.fact",
                path_key(&fp, id),
                format!("种类“{}”没有事实“{}”", shown(kind), shown(id)),
                format!(
                    "kind \"{}\" declares no fact \"{}\"",
                    shown(kind),
                    shown(id)
                ),
            )),
        }
    }
    if !required {
        return;
    }
    for f in def.into_iter().flat_map(|k| &k.facts) {
        if f.required && f.default.is_none() && !stated.contains_key(&f.id) {
            out.push(err(
                "entry.required-fact",
                path.to_string(),
                format!("缺少必填事实“{}”", f.label.zh),
                format!(
                    "the required fact \"{}\" is missing",
                    f.label.en.as_deref().unwrap_or(&f.label.zh)
                ),
            ));
        }
    }
}

/// Entries of a kind no rule reads: the record says something the figures do not use.
pub(super) fn record_warnings(c: &Contract, e: &Events, out: &mut Vec<Problem>) {
    let used: BTreeSet<&str> = uses(c).iter().map(|u| u.kind).collect();
    let mut warned = BTreeSet::new();
    for (i, x) in e.entries.iter().enumerate() {
        if kind_def(c, &x.kind).is_some()
            && !used.contains(x.kind.as_str())
            && warned.insert(&x.kind)
        {
            out.push(Problem::warning(
                "entry.unused-kind",
                path_key(&path_index("entries", i), "kind"),
                format!(
                    "没有规则使用“{}”类记录条目，其不影响任何数字",
                    shown(&x.kind)
                ),
                format!(
                    "no rule uses entries of kind \"{}\": they change no figure",
                    shown(&x.kind)
                ),
            ));
        }
    }
}

/// What the contract's rules read of one kind of subject (`incident`, `requirement`, a declared
/// kind): the moments (timers' ends and `moment` conditions) and the facts (conditions, `per`,
/// fact bases), by name. `domain::unused` warns of a record field outside these.
#[derive(Debug, Default)]
pub struct Reads {
    pub moments: BTreeSet<String>,
    pub facts: BTreeSet<String>,
}

/// The reads of `kind` in `c` (see [`Reads`]).
pub fn reads(c: &Contract, kind: &str) -> Reads {
    let mut r = Reads::default();
    for u in uses(c).into_iter().filter(|u| u.kind == kind) {
        match u.read {
            Read::Moment(m) => {
                r.moments.insert(m.name().to_string());
            }
            Read::Cond(cond) => cond_reads(cond, &mut r),
            Read::Per(f) | Read::BaseFact(f) => {
                r.facts.insert(f.to_string());
            }
            Read::Party => {
                r.facts.insert("party".into());
            }
            Read::Kind => {}
        }
    }
    r
}

/// The timers whose outcome a condition of `c` reads, as (clause, timer) for every way of
/// splitting each `clause/timer` reference at a `/` (a clause id may hold one): what the engine
/// needs to index of the timer results, and no more.
pub fn timers_read(c: &Contract) -> BTreeMap<String, BTreeSet<String>> {
    fn walk(cond: &Condition, out: &mut BTreeMap<String, BTreeSet<String>>) {
        match cond {
            Condition::All { all: xs } | Condition::Any { any: xs } => {
                xs.iter().for_each(|x| walk(x, out));
            }
            Condition::Not { not } => walk(not, out),
            Condition::Timer { timer, .. } => {
                for (i, _) in timer.match_indices('/') {
                    out.entry(timer[..i].to_string())
                        .or_default()
                        .insert(timer[i + 1..].to_string());
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    for u in uses(c) {
        if let Read::Cond(cond) = u.read {
            walk(cond, &mut out);
        }
    }
    out
}

fn cond_reads(cond: &Condition, r: &mut Reads) {
    match cond {
        Condition::All { all: xs } | Condition::Any { any: xs } => {
            xs.iter().for_each(|x| cond_reads(x, r));
        }
        Condition::Not { not } => cond_reads(not, r),
        Condition::Fact { fact }
        | Condition::FactIn { fact, .. }
        | Condition::FactAtLeast { fact, .. }
        | Condition::FactCompare { fact, .. } => {
            r.facts.insert(fact.clone());
        }
        Condition::LevelHas { .. } => {
            r.facts.insert("level".into());
        }
        Condition::Moment { moment, .. } => {
            r.moments.insert(moment.clone());
        }
        Condition::Elapsed { elapsed: e } => {
            r.moments.insert(e.from.clone());
            r.moments.insert(e.to.clone());
        }
        Condition::Timer { .. }
        | Condition::Started { .. }
        | Condition::Consent { .. }
        | Condition::Event { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `{"timer": …, "outcome": …}` condition anywhere in the contract's JSON.
    fn timer_conditions(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some(t), Some(_)) =
                    (m.get("timer").and_then(|t| t.as_str()), m.get("outcome"))
                {
                    out.insert(t.to_string());
                }
                m.values().for_each(|x| timer_conditions(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| timer_conditions(x, out)),
            _ => {}
        }
    }

    /// `timers_read` finds every timer condition of every example contract (the engine
    /// indexes only those timers' outcomes): checked against a walk of the raw JSON.
    #[test]
    fn timers_read_finds_every_timer_condition() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let mut found_any = false;
        for entry in std::fs::read_dir(dir).expect("examples/") {
            let path = entry.expect("an entry").path();
            if !path.to_string_lossy().ends_with(".contract.json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            let Ok(c) = crate::domain::load::load_contract(&text) else {
                continue;
            };
            let raw: serde_json::Value = serde_json::from_str(&text).expect("JSON");
            let mut want = BTreeSet::new();
            timer_conditions(&raw, &mut want);
            let read = timers_read(&c);
            for t in &want {
                found_any = true;
                let hit = t
                    .match_indices('/')
                    .any(|(i, _)| read.get(&t[..i]).is_some_and(|s| s.contains(&t[i + 1..])));
                assert!(hit, "{}: the condition on {t} is not found", path.display());
            }
        }
        assert!(
            found_any,
            "no example has a timer condition: the test checks nothing"
        );
    }
}
