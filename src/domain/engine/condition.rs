//! Conditions over a subject (an incident, a requirement, a record entry): the one place where
//! a [`Condition`] is evaluated and said in words.
//!
//! Why one module: timers, limits, penalty triggers, multipliers and duties all ask "does this
//! hold for that fault?" (`remote_failed`, a category, another timer's outcome, a consent). One
//! evaluator keeps their meaning the same everywhere, and one describer gives every step the same
//! words, with the contract's labels (never an id where a label exists), in both languages.
//!
//! Rules used:
//! - a fact the subject does not state takes its declared `default`; a flag with neither is
//!   false, and every other comparison on a missing fact fails;
//! - built-in facts: incidents have `level`, `item`, `resident`, `complaint` (v1's `kind` stays
//!   the trigger's `kinds`: a contract may declare a `category` fact of its own); requirements have `complexity`, `business_affected`, `complaint`; a kind
//!   `incident` / `requirement` in the contract adds its own;
//! - levels are ordered most severe first (`at_least`: this level or a more severe one); choice
//!   options likewise in their declared order;
//! - a timer's `breached` is "past its limit": stopped late or not stopped and overdue;
//! - "started" reads the subject's first instant (an incident's report, a requirement's
//!   submission, an entry's `at`/date) against the working hours of the clause (the standard
//!   hours elsewhere).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDateTime;
use rust_decimal::Decimal;

use super::context::label;
use super::Ctx;
use crate::domain::calendar::WorkingHours;
use crate::domain::contract::{Complexity, Label, Moment, MomentRef, Rule, Span, SpanUnit};
use crate::domain::events::{Entry, FactValue, Incident, Requirement};
use crate::domain::money::{factor, Amount};
use crate::domain::report::{TimerResult, TimerStatus};
use crate::domain::vocabulary::{
    CompareOp, Condition, Elapsed, FactDef, FactType, KindDef, LevelFlag, Outcome, StartedIn,
};

/// What a condition is asked about.
#[derive(Clone, Copy)]
pub enum Subject<'a> {
    Incident(&'a Incident),
    Requirement(&'a Requirement),
    Entry(&'a Entry),
}

/// A fact's value as conditions read it.
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    Flag(bool),
    Text(Cow<'a, str>),
}

impl<'a> Subject<'a> {
    /// The kind id: `incident`, `requirement` or the entry's kind.
    pub fn kind(&self) -> &'a str {
        match self {
            Subject::Incident(_) => "incident",
            Subject::Requirement(_) => "requirement",
            Subject::Entry(e) => &e.kind,
        }
    }

    fn declared(&self) -> &'a BTreeMap<String, FactValue> {
        match self {
            Subject::Incident(i) => &i.facts,
            Subject::Requirement(r) => &r.facts,
            Subject::Entry(e) => &e.facts,
        }
    }

    /// A fact's value: built-in, stated, or the declared default.
    pub fn fact(&self, ctx: &Ctx<'_>, id: &str) -> Option<Val<'a>> {
        let text = |s: &'a str| Some(Val::Text(Cow::Borrowed(s)));
        match (self, id) {
            (Subject::Incident(i), "level") => return text(&i.level),
            (Subject::Incident(i), "item") => return i.item.as_deref().and_then(text),
            (Subject::Incident(i), "complaint") => return i.complaint.as_deref().and_then(text),
            (Subject::Incident(i), "resident") => return Some(Val::Flag(i.resident == Some(true))),
            (Subject::Requirement(r), "complaint") => return r.complaint.as_deref().and_then(text),
            (Subject::Requirement(r), "business_affected") => {
                return Some(Val::Flag(r.business_affected))
            }
            (Subject::Requirement(r), "complexity") => {
                return text(match r.complexity {
                    Complexity::Ordinary => "ordinary",
                    Complexity::Complex => "complex",
                })
            }
            _ => {}
        }
        let stated = self
            .declared()
            .get(id)
            .or_else(|| fact_def(ctx, self.kind(), id)?.default.as_ref());
        match stated? {
            FactValue::Flag(b) => Some(Val::Flag(*b)),
            v => v.text().map(|t| Val::Text(Cow::Owned(t.into_owned()))),
        }
    }

    /// The instant of a moment, None while the record does not state it.
    pub fn moment(&self, m: &MomentRef) -> Option<NaiveDateTime> {
        use crate::domain::contract::Moment as M;
        match (self, m) {
            (Subject::Entry(e), m) => e.moments.get(m.name()).copied(),
            (Subject::Incident(i), MomentRef::Builtin(b)) => match b {
                M::Reported => Some(i.reported),
                M::Notified => i.notified,
                M::Responded => i.responded,
                M::Diagnosed => i.diagnosed,
                M::OnSite => i.on_site,
                M::Workaround => i.workaround,
                M::Resolved => i.resolved,
                M::ReportedBack => i.reported_back,
                M::Submitted | M::FirstAnswer | M::Done => None,
            },
            (Subject::Requirement(r), MomentRef::Builtin(b)) => match b {
                M::Submitted => Some(r.submitted),
                M::FirstAnswer => r.first_answer,
                M::Done => r.done.and_then(|d| d.succ_opt()?.and_hms_opt(0, 0, 0)),
                _ => None,
            },
            _ => None,
        }
    }

    /// A moment named by its id as a condition writes it (`on_site`, `resolved`).
    fn moment_named(&self, id: &str) -> Option<NaiveDateTime> {
        match self {
            Subject::Entry(e) => e.moments.get(id).copied(),
            _ => self.moment(&MomentRef::Builtin(Moment::from_name(id)?)),
        }
    }

    /// When the subject began.
    pub fn start(&self) -> Option<NaiveDateTime> {
        match self {
            Subject::Incident(i) => Some(i.reported),
            Subject::Requirement(r) => Some(r.submitted),
            Subject::Entry(e) => e.instant(),
        }
    }
}

/// The kind a subject's facts are declared by.
pub fn kind_def<'c>(ctx: &Ctx<'c>, kind: &str) -> Option<&'c KindDef> {
    ctx.contract.kinds.iter().find(|k| k.id == kind)
}

fn fact_def<'c>(ctx: &Ctx<'c>, kind: &str, fact: &str) -> Option<&'c FactDef> {
    kind_def(ctx, kind)?.facts.iter().find(|f| f.id == fact)
}

/// Timer outcomes by (subject, clause, timer), for conditions on another timer: only those of
/// the timers some condition reads ([`Ctx::timers_read`]; none for most contracts). The keys
/// borrow the ids of the results (or of the contract and the record, as the SLA pass adds
/// them): indexing allocates no string, and a lookup none either.
#[derive(Default)]
pub struct Timers<'a> {
    by: BTreeMap<(Cow<'a, str>, &'a str, &'a str), TimerStatus>,
    read: Option<&'a BTreeMap<String, BTreeSet<String>>>,
}

impl<'a> Timers<'a> {
    /// An empty index of the outcomes of the timers `ctx`'s contract reads.
    pub fn new(ctx: &'a Ctx<'_>) -> Timers<'a> {
        Timers {
            by: BTreeMap::new(),
            read: Some(&ctx.timers_read),
        }
    }

    /// Indexes timer results.
    pub fn of(ctx: &'a Ctx<'_>, results: &'a [TimerResult]) -> Timers<'a> {
        let mut t = Timers::new(ctx);
        for r in results {
            t.add(Cow::Borrowed(&r.subject), &r.clause, &r.timer, r.status);
        }
        t
    }

    /// Adds one outcome (the SLA pass adds them as it goes), if a condition reads its timer.
    pub fn add(&mut self, subject: Cow<'a, str>, clause: &'a str, timer: &'a str, s: TimerStatus) {
        let read = self
            .read
            .and_then(|r| r.get(clause))
            .is_some_and(|t| t.contains(timer));
        if read {
            self.by.insert((subject, clause, timer), s);
        }
    }

    fn get(&self, subject: &str, r: &str) -> Option<TimerStatus> {
        lookup(self, subject, r)
    }
}

/// `clause/timer` of `subject` in `t` (its keys seen at the lookup's shorter lifetime).
fn lookup<'s>(t: &Timers<'s>, subject: &'s str, r: &'s str) -> Option<TimerStatus> {
    r.match_indices('/').find_map(|(i, _)| {
        t.by.get(&(Cow::Borrowed(subject), &r[..i], &r[i + 1..]))
            .copied()
    })
}

/// What a condition is evaluated in.
pub struct Env<'e, 'c> {
    pub ctx: &'e Ctx<'c>,
    pub hours: &'e WorkingHours,
    pub timers: &'e Timers<'e>,
    /// The subject's id (for timer outcomes).
    pub id: &'e str,
}

/// Whether `c` holds for `s`.
pub fn holds(env: &Env<'_, '_>, c: &Condition, s: &Subject<'_>) -> bool {
    let ctx = env.ctx;
    match c {
        Condition::All { all } => all.iter().all(|c| holds(env, c, s)),
        Condition::Any { any } => any.iter().any(|c| holds(env, c, s)),
        Condition::Not { not } => !holds(env, not, s),
        Condition::Fact { fact } => s.fact(ctx, fact) == Some(Val::Flag(true)),
        Condition::FactIn { fact, values } => match s.fact(ctx, fact) {
            Some(Val::Text(t)) => values.iter().any(|v| *v == *t),
            _ => false,
        },
        Condition::FactAtLeast { fact, at_least } => match s.fact(ctx, fact) {
            Some(Val::Text(t)) => {
                let order = value_order(ctx, s.kind(), fact);
                let rank = |v: &str| order.iter().position(|o| *o == v);
                matches!((rank(&t), rank(at_least)), (Some(a), Some(b)) if a <= b)
            }
            _ => false,
        },
        Condition::FactCompare { fact, op, value } => {
            let (Some(Val::Text(t)), Some(want)) = (s.fact(ctx, fact), value.text()) else {
                return false;
            };
            match (number(&t), number(&want)) {
                (Some(a), Some(b)) => compare(*op, a, b),
                _ => false,
            }
        }
        Condition::LevelHas {
            level_has: LevelFlag::Major,
        } => match s.fact(ctx, "level") {
            Some(Val::Text(t)) => ctx.contract.levels.iter().any(|l| l.id == *t && l.major),
            _ => false,
        },
        Condition::Moment { moment, present } => s.moment_named(moment).is_some() == *present,
        Condition::Elapsed { elapsed } => elapsed_over(ctx, elapsed, s),
        Condition::Timer { timer, outcome } => env
            .timers
            .get(env.id, timer)
            .is_some_and(|st| outcome_is(*outcome, st)),
        Condition::Started { started } => s.start().is_some_and(|t| {
            let cal = ctx.calendar;
            match started {
                StartedIn::InWorkingHours => super::sla::in_working_hours(cal, env.hours, t),
                StartedIn::OutsideWorkingHours => !super::sla::in_working_hours(cal, env.hours, t),
                StartedIn::OnWorkingDay => cal.is_working_day(t.date()),
                StartedIn::OnDayOff => !cal.is_working_day(t.date()),
            }
        }),
        Condition::Consent { consent } => ctx.index.consents(consent).iter().any(|c| c.written),
        Condition::Event { event, happened } => ctx.event_date(event).is_some() == *happened,
    }
}

/// Whether more than `e.over` passed from `e.from` to `e.to` (or to the end of the as-of day,
/// while `e.to` is not recorded). False while `e.from` is not recorded.
fn elapsed_over(ctx: &Ctx<'_>, e: &Elapsed, s: &Subject<'_>) -> bool {
    let Some(from) = s.moment_named(&e.from) else {
        return false;
    };
    let Some(limit) = clock_span(e.over).and_then(|d| from.checked_add_signed(d)) else {
        return false;
    };
    match s.moment_named(&e.to) {
        Some(to) => to > limit,
        None => super::sla::end_of_day(ctx.as_of).is_some_and(|end| end > limit),
    }
}

/// A span on the clock: minutes, hours or calendar days (None for other units: the loader
/// refuses them in an `elapsed` condition).
pub fn clock_span(s: Span) -> Option<chrono::TimeDelta> {
    let n = i64::from(s.n);
    match s.unit {
        SpanUnit::Minutes => chrono::TimeDelta::try_minutes(n),
        SpanUnit::Hours => chrono::TimeDelta::try_hours(n),
        SpanUnit::Days => chrono::TimeDelta::try_days(n),
        _ => None,
    }
}

fn outcome_is(o: Outcome, st: TimerStatus) -> bool {
    match o {
        Outcome::Met => st == TimerStatus::Met,
        Outcome::Breached => matches!(st, TimerStatus::Breached | TimerStatus::Overdue),
        Outcome::Running => st == TimerStatus::Running,
        Outcome::Overdue => st == TimerStatus::Overdue,
        Outcome::Excused => st == TimerStatus::Excused,
    }
}

/// A number or an amount written as text.
pub fn number(t: &str) -> Option<Decimal> {
    factor::parse(t)
        .ok()
        .or_else(|| Amount::parse(t).ok().map(|a| a.yuan()))
}

fn compare(op: CompareOp, a: Decimal, b: Decimal) -> bool {
    match op {
        CompareOp::Lt => a < b,
        CompareOp::Le => a <= b,
        CompareOp::Eq => a == b,
        CompareOp::Ge => a >= b,
        CompareOp::Gt => a > b,
    }
}

/// The declared order of a level or choice fact's values, most severe first.
fn value_order<'c>(ctx: &Ctx<'c>, kind: &str, fact: &str) -> Vec<&'c str> {
    let levels = || ctx.contract.levels.iter().map(|l| l.id.as_str()).collect();
    match fact_def(ctx, kind, fact).map(|f| &f.ty) {
        Some(FactType::Choice { options }) => options.iter().map(|o| o.id.as_str()).collect(),
        Some(FactType::Level) => levels(),
        _ if fact == "level" => levels(),
        _ => Vec::new(),
    }
}

// ---- words ----

fn en(l: &Label) -> &str {
    l.en.as_deref().unwrap_or(&l.zh)
}

/// A fact's label: declared, built-in, or its id.
fn fact_label(ctx: &Ctx<'_>, kind: &str, fact: &str) -> Label {
    if let Some(f) = fact_def(ctx, kind, fact) {
        return f.label.clone();
    }
    match fact {
        "level" => label("级别", "level"),
        "item" => label("分项", "item"),
        "complaint" => label("投诉级别", "complaint"),
        "resident" => label("有驻场工程师", "resident engineer on site"),
        "complexity" => label("复杂程度", "complexity"),
        "business_affected" => label("影响业务", "business affected"),
        _ => label(fact, fact),
    }
}

/// A value's label: a choice option, a level, an item, a party, or the value itself.
fn value_label(ctx: &Ctx<'_>, kind: &str, fact: &str, v: &str) -> Label {
    if let Some(FactType::Choice { options }) = fact_def(ctx, kind, fact).map(|f| &f.ty) {
        if let Some(o) = options.iter().find(|o| o.id == v) {
            return o.label.clone();
        }
    }
    if let Some(l) = ctx.index.level_label(v) {
        return l.clone();
    }
    if let Some(i) = ctx.contract.items.iter().find(|i| i.id == v) {
        return i.name.clone();
    }
    match v {
        "buyer" => label("甲方", "the buyer"),
        "seller" => label("乙方", "the seller"),
        _ => label(v, v),
    }
}

fn moment_label(ctx: &Ctx<'_>, kind: &str, m: &str) -> Label {
    if let Some(x) = kind_def(ctx, kind).and_then(|k| k.moments.iter().find(|x| x.id == m)) {
        return x.label.clone();
    }
    Moment::from_name(m).map_or_else(|| label(m, m), Moment::label)
}

fn timer_label(ctx: &Ctx<'_>, r: &str) -> Label {
    for c in &ctx.contract.clauses {
        if let Rule::Sla(sla) = &c.rule {
            for t in &sla.timers {
                if crate::domain::contract::names_timer(r, &c.id, &t.id) {
                    return Label {
                        zh: format!("第{}条“{}”", c.id, t.label.zh),
                        en: Some(format!("clause {} \"{}\"", c.id, en(&t.label))),
                    };
                }
            }
        }
    }
    label(r, r)
}

fn join(parts: Vec<Label>, zh: &str, en_sep: &str) -> Label {
    Label {
        zh: parts
            .iter()
            .map(|l| l.zh.as_str())
            .collect::<Vec<_>>()
            .join(zh),
        en: Some(parts.iter().map(en).collect::<Vec<_>>().join(en_sep)),
    }
}

/// What a condition says, in both languages, for subjects of `kind`.
pub fn describe(ctx: &Ctx<'_>, kind: &str, c: &Condition) -> Label {
    let two = |zh: String, e: String| Label { zh, en: Some(e) };
    match c {
        Condition::All { all } => {
            let parts = all.iter().map(|c| describe(ctx, kind, c)).collect();
            join(parts, "且", " and ")
        }
        Condition::Any { any } => {
            let parts = any.iter().map(|c| describe(ctx, kind, c)).collect();
            let l = join(parts, "或", " or ");
            two(format!("（{}）", l.zh), format!("({})", en(&l)))
        }
        Condition::Not { not } => {
            let l = describe(ctx, kind, not);
            two(format!("并非（{}）", l.zh), format!("not ({})", en(&l)))
        }
        Condition::Fact { fact } => fact_label(ctx, kind, fact),
        Condition::FactIn { fact, values } => {
            let f = fact_label(ctx, kind, fact);
            let vs = values
                .iter()
                .map(|v| value_label(ctx, kind, fact, v))
                .collect();
            let v = join(vs, "、", " or ");
            two(
                format!("{}为{}", f.zh, v.zh),
                format!("{} is {}", en(&f), en(&v)),
            )
        }
        Condition::FactAtLeast { fact, at_least } => {
            let f = fact_label(ctx, kind, fact);
            let v = value_label(ctx, kind, fact, at_least);
            two(
                format!("{}不低于{}", f.zh, v.zh),
                format!("{} at least {}", en(&f), en(&v)),
            )
        }
        Condition::FactCompare { fact, op, value } => {
            let f = fact_label(ctx, kind, fact);
            let o = match op {
                CompareOp::Lt => "<",
                CompareOp::Le => "≤",
                CompareOp::Eq => "=",
                CompareOp::Ge => "≥",
                CompareOp::Gt => ">",
            };
            let v = value.text().map(Cow::into_owned).unwrap_or_default();
            two(format!("{} {o} {v}", f.zh), format!("{} {o} {v}", en(&f)))
        }
        Condition::LevelHas { .. } => label("重大级别", "a major level"),
        Condition::Moment { moment, present } => {
            let m = moment_label(ctx, kind, moment);
            if *present {
                two(format!("已记录{}", m.zh), format!("{} recorded", en(&m)))
            } else {
                two(
                    format!("未记录{}", m.zh),
                    format!("{} not recorded", en(&m)),
                )
            }
        }
        Condition::Elapsed { elapsed: e } => {
            let (f, t) = (
                moment_label(ctx, kind, &e.from),
                moment_label(ctx, kind, &e.to),
            );
            let n = e.over.n;
            let (uz, ue) = match e.over.unit {
                SpanUnit::Minutes => ("分钟", "minutes"),
                SpanUnit::Hours => ("小时", "hours"),
                _ => ("日", "days"),
            };
            two(
                format!("{}后超过{n}{uz}仍未{}", f.zh, t.zh),
                format!("no {} within {n} {ue} of {}", en(&t), en(&f)),
            )
        }
        Condition::Timer { timer, outcome } => {
            let t = timer_label(ctx, timer);
            let (zh, e) = match outcome {
                Outcome::Met => ("按时完成", "met"),
                Outcome::Breached => ("超时", "over its limit"),
                Outcome::Running => ("计时中", "running"),
                Outcome::Overdue => ("未完成且已超时", "overdue"),
                Outcome::Excused => ("免责", "excused"),
            };
            two(format!("{}{zh}", t.zh), format!("{}: {e}", en(&t)))
        }
        Condition::Started { started } => match started {
            StartedIn::InWorkingHours => label("工作时间内开始", "started in working hours"),
            StartedIn::OutsideWorkingHours => {
                label("工作时间外开始", "started outside working hours")
            }
            StartedIn::OnWorkingDay => label("工作日开始", "started on a working day"),
            StartedIn::OnDayOff => label("非工作日开始", "started on a day off"),
        },
        Condition::Consent { consent } => two(
            format!("第{consent}条下有书面同意"),
            format!("a written consent under clause {consent}"),
        ),
        Condition::Event { event, happened } => {
            let l = ctx
                .contract
                .events
                .iter()
                .find(|e| e.id == *event)
                .map_or_else(
                    || label(event.as_str(), event.as_str()),
                    |e| e.label.clone(),
                );
            if *happened {
                two(format!("{}已发生", l.zh), format!("{} happened", en(&l)))
            } else {
                two(
                    format!("{}未发生", l.zh),
                    format!("{} has not happened", en(&l)),
                )
            }
        }
    }
}

/// Whether `c` holds, and the step saying so when it does.
pub fn check(
    env: &Env<'_, '_>,
    c: &Condition,
    s: &Subject<'_>,
) -> Option<crate::domain::report::Step> {
    holds(env, c, s).then(|| crate::domain::report::Step::ConditionMet {
        what: describe(env.ctx, s.kind(), c),
    })
}
