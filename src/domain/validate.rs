//! Semantic validation of contract and events files.
//!
//! A file can be well-formed JSON of the right shape and still be wrong: two clauses with one
//! id, a penalty on a level the contract never defines, a payment for a milestone that does not
//! exist, a cap of 500%. The engine would compute something from such a file, silently; this
//! module lists every such problem instead, each with the JSON path of the offending value, so
//! that [`crate::domain::load`] can point at its line and column.
//!
//! Errors make a file unusable; warnings (a cap below one day's penalty) are shown and the
//! file is still evaluated.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::domain::contract::*;
use crate::domain::events::Events;
use crate::domain::load::{path_index, path_key, Problem};
use crate::domain::money::{Amount, Rate};

/// Event ids every contract knows without declaring them.
pub const BUILTIN_EVENTS: [&str; 6] = [
    "signing",
    "effective",
    "term_start",
    "term_end",
    "invoice",
    "non_renewal_notice",
];

/// What ids a contract defines, for checking references.
struct Ids<'a> {
    items: BTreeSet<&'a str>,
    levels: BTreeSet<&'a str>,
    events: BTreeSet<&'a str>,
    deadlines: BTreeSet<&'a str>,
    milestones: BTreeSet<&'a str>,
    clauses: BTreeMap<&'a str, &'a Rule>,
}

impl<'a> Ids<'a> {
    fn of(c: &'a Contract) -> Ids<'a> {
        // order::set and order::map: no sort compiled per collection type (issue 6, size).
        use crate::domain::order::{map, set};
        let mut events: BTreeSet<&str> = set(BUILTIN_EVENTS);
        events.extend(c.events.iter().map(|e| e.id.as_str()));
        Ids {
            items: set(c.items.iter().map(|i| i.id.as_str())),
            levels: set(c.levels.iter().map(|l| l.id.as_str())),
            events,
            deadlines: set(c.deadlines.iter().map(|d| d.id.as_str())),
            milestones: set(c.clauses.iter().filter_map(|cl| match &cl.rule {
                Rule::Payment(m) => Some(m.id.as_str()),
                _ => None,
            })),
            clauses: map(c.clauses.iter().map(|cl| (cl.id.as_str(), &cl.rule))),
        }
    }
}

struct V<'a> {
    ids: Ids<'a>,
    bases: Bases<'a>,
    out: Vec<Problem>,
}

/// What a reference names, in both languages, and its problem code.
#[derive(Clone, Copy)]
enum RefKind {
    Item,
    Level,
    Event,
    Deadline,
    Milestone,
    Clause,
    Timer,
    Obligation,
}

impl RefKind {
    fn code(self) -> &'static str {
        match self {
            RefKind::Item => "ref.item",
            RefKind::Level => "ref.level",
            RefKind::Event => "ref.event",
            RefKind::Deadline => "ref.deadline",
            RefKind::Milestone => "ref.milestone",
            RefKind::Clause => "ref.clause",
            RefKind::Timer => "ref.timer",
            RefKind::Obligation => "ref.obligation",
        }
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            RefKind::Item => ("分项", "item", "items"),
            RefKind::Level => ("等级", "level", "levels"),
            RefKind::Event => ("事件", "event", "events"),
            RefKind::Deadline => ("期限", "deadline", "deadlines"),
            RefKind::Milestone => ("付款节点", "milestone", "payment clauses"),
            RefKind::Clause => ("条款", "clause", "clauses"),
            RefKind::Timer => ("时限", "timer", "SLA clauses"),
            RefKind::Obligation => ("义务条款", "obligation clause", "obligation clauses"),
        }
    }
}

fn dangling(kind: RefKind, path: String, id: &str) -> Problem {
    let (zh, en, list) = kind.names();
    Problem::error(
        kind.code(),
        path,
        format!("引用了未定义的{zh}“{id}”"),
        format!("{en} \"{id}\" is not defined in the contract's {list}"),
    )
}

impl<'a> V<'a> {
    fn check_ref(&mut self, kind: RefKind, path: String, id: &str) {
        let known = match kind {
            RefKind::Item => self.ids.items.contains(id),
            RefKind::Level => self.ids.levels.contains(id),
            RefKind::Event => self.ids.events.contains(id),
            RefKind::Deadline => self.ids.deadlines.contains(id),
            RefKind::Milestone => self.ids.milestones.contains(id),
            RefKind::Clause => self.ids.clauses.contains_key(id),
            RefKind::Timer => timer_exists(&self.ids, id),
            RefKind::Obligation => {
                matches!(self.ids.clauses.get(id), Some(Rule::Obligation(_)))
            }
        };
        if !known {
            self.out.push(dangling(kind, path, id));
        }
    }

    fn levels(&mut self, path: &str, levels: &[String]) {
        for (i, l) in levels.iter().enumerate() {
            self.check_ref(RefKind::Level, path_index(path, i), l);
        }
    }

    fn amount(&mut self, path: String, a: Amount) {
        if a.is_negative() {
            self.out.push(Problem::error(
                "amount.negative",
                path,
                format!("金额不能为负：{}", a.format_yuan()),
                format!("an amount cannot be negative: {}", a.format_yuan()),
            ));
        }
    }

    /// A rate that cannot exceed 100% (a cap, a milestone's share, a tax rate).
    fn rate_at_most_100(&mut self, path: String, r: Rate) {
        if r.fraction() > Decimal::ONE {
            self.out.push(Problem::error(
                "rate.above-100",
                path,
                format!("比例 {} 超过 100%，此处不可能", r.format_percent()),
                format!(
                    "a rate of {} is above 100%, impossible here",
                    r.format_percent()
                ),
            ));
        }
    }

    fn base(&mut self, path: &str, b: &Base) {
        match b {
            Base::Item { item: Some(i) } => {
                self.check_ref(RefKind::Item, path_key(path, "item"), i)
            }
            Base::Amount { amount } => self.amount(path_key(path, "amount"), *amount),
            _ => {}
        }
    }

    fn when(&mut self, path: &str, w: &When) {
        match (&w.event, &w.date) {
            (Some(e), None) => self.check_ref(RefKind::Event, path_key(path, "event"), e),
            (None, Some(_)) => {}
            (Some(_), Some(_)) => self.out.push(Problem::error(
                "when.both",
                path,
                "日期规则只能给出 event 与 date 之一".into(),
                "a date rule gives exactly one of `event` and `date`, not both".into(),
            )),
            (None, None) => self.out.push(Problem::error(
                "when.neither",
                path,
                "日期规则须给出 event 或 date".into(),
                "a date rule needs one of `event` and `date`".into(),
            )),
        }
        for (i, nb) in w.not_before.iter().enumerate() {
            self.when(&path_index(&path_key(path, "not_before"), i), nb);
        }
        if let Some(x) = &w.extend_per_incident {
            self.levels(
                &path_key(&path_key(path, "extend_per_incident"), "levels"),
                &x.levels,
            );
        }
    }

    fn cap(&mut self, path: &str, cap: &Cap) {
        if let Some(r) = cap.rate {
            self.rate_at_most_100(path_key(path, "rate"), r);
        }
        if let Some(b) = &cap.base {
            self.base(&path_key(path, "base"), b);
        }
        if let Some(a) = cap.amount {
            self.amount(path_key(path, "amount"), a);
        }
        let has_rate = cap.rate.is_some() && cap.base.is_some();
        if !has_rate && cap.amount.is_none() {
            self.out.push(Problem::error(
                "cap.empty",
                path,
                "上限须给出 rate 与 base，或 amount".into(),
                "a cap needs `rate` and `base`, or `amount`".into(),
            ));
        }
    }

    fn rights(&mut self, path: &str, rights: &[Right]) {
        for (i, r) in rights.iter().enumerate() {
            let rp = path_index(path, i);
            match &r.when {
                Threshold::PenaltyReaches { base, .. }
                | Threshold::PenaltyExceeds { base, .. }
                | Threshold::LossExceeds { base, .. } => {
                    self.base(&path_key(&path_key(&rp, "when"), "base"), base)
                }
                _ => {}
            }
            for (j, c) in r.consequences.iter().enumerate() {
                let cp = path_index(&path_key(&rp, "consequences"), j);
                match c {
                    Consequence::Pay { base, .. } => self.base(&path_key(&cp, "base"), base),
                    Consequence::PayAmount { amount } => {
                        self.amount(path_key(&cp, "amount"), *amount)
                    }
                    Consequence::RefundAllPayments => {}
                }
            }
        }
    }

    fn penalty(&mut self, path: &str, p: &Penalty) {
        let tp = path_key(path, "trigger");
        match &p.trigger {
            Trigger::Deadline { deadline, .. } => {
                self.check_ref(RefKind::Deadline, path_key(&tp, "deadline"), deadline)
            }
            Trigger::LatePayment { milestones } => {
                for (i, m) in milestones.iter().enumerate() {
                    self.check_ref(
                        RefKind::Milestone,
                        path_index(&path_key(&tp, "milestones"), i),
                        m,
                    );
                }
            }
            Trigger::Incident {
                levels,
                within_after_obligation,
                ..
            } => {
                self.levels(&path_key(&tp, "levels"), levels);
                if let Some(w) = within_after_obligation {
                    self.check_ref(
                        RefKind::Obligation,
                        path_key(&path_key(&tp, "within_after_obligation"), "obligation"),
                        &w.obligation,
                    );
                }
            }
            Trigger::TimerBreached { timer } => {
                self.check_ref(RefKind::Timer, path_key(&tp, "timer"), timer)
            }
            Trigger::ObligationMissed { obligation, .. } => {
                self.check_ref(RefKind::Obligation, path_key(&tp, "obligation"), obligation)
            }
            Trigger::Requirement { .. } | Trigger::Staff { .. } | Trigger::Occurrence => {}
        }
        let fp = path_key(path, "formula");
        match &p.formula {
            Formula::PerDay { base, rate, .. } | Formula::PerPeriod { base, rate, .. } => {
                self.rate_at_most_100(path_key(&fp, "rate"), *rate);
                self.base(&path_key(&fp, "base"), base)
            }
            Formula::PerOccurrence(po) => {
                let ap = path_key(&fp, "amount");
                match &po.amount {
                    OccurrenceAmount::Fixed { amount } => {
                        self.amount(path_key(&ap, "amount"), *amount)
                    }
                    OccurrenceAmount::Range { low, high } => {
                        self.amount(path_key(&ap, "low"), *low);
                        self.amount(path_key(&ap, "high"), *high);
                        if high < low {
                            self.out.push(Problem::error(
                                "range.reversed",
                                ap.clone(),
                                "区间下限高于上限".into(),
                                "the range's low end is above its high end".into(),
                            ));
                        }
                    }
                    OccurrenceAmount::Rate { base, .. }
                    | OccurrenceAmount::RateRange { base, .. } => {
                        self.base(&path_key(&ap, "base"), base)
                    }
                    OccurrenceAmount::ByLevel { rates, base } => {
                        for (i, lr) in rates.iter().enumerate() {
                            let lp = path_index(&path_key(&ap, "rates"), i);
                            self.check_ref(RefKind::Level, path_key(&lp, "level"), &lr.level);
                        }
                        self.base(&path_key(&ap, "base"), base)
                    }
                }
                if let Some(t) = &po.tiers {
                    self.base(&path_key(&path_key(&fp, "tiers"), "base"), &t.base);
                }
                if let Some(lh) = &po.late_handling {
                    for (i, r) in lh.rules.iter().enumerate() {
                        let rp = path_index(&path_key(&path_key(&fp, "late_handling"), "rules"), i);
                        self.levels(&path_key(&rp, "levels"), &r.levels);
                    }
                }
            }
        }
        if let Some(i) = p.interest {
            self.rate_at_most_100(path_key(path, "interest"), i);
        }
        if let Some(cap) = &p.cap {
            let cp = path_key(path, "cap");
            self.cap(&cp, cap);
            self.cap_vs_one_day(&cp, p, cap);
        }
        self.rights(&path_key(path, "rights"), &p.rights);
    }

    /// Warns when a per-day penalty's cap is below one day's penalty.
    fn cap_vs_one_day(&mut self, path: &str, p: &Penalty, cap: &Cap) {
        let Formula::PerDay { rate, base, .. } = &p.formula else {
            return;
        };
        let (Some(base_amount), Some(limit)) = (self.bases.value(base), self.bases.cap(cap)) else {
            return;
        };
        let Some(day) = base_amount.checked_mul_rate(*rate) else {
            return;
        };
        let day = match p.interest.and_then(|i| base_amount.checked_mul_rate(i)) {
            Some(i) => day.checked_add(i).unwrap_or(day),
            None => day,
        };
        if limit < day.round_fen() {
            self.out.push(Problem::warning(
                "cap.below-one-day",
                path,
                format!(
                    "上限 {} 低于一日的违约金 {}：逾期第一日即达上限",
                    limit.format_yuan(),
                    day.round_fen().format_yuan()
                ),
                format!(
                    "the cap {} is below one day's penalty {}: it is reached on the first day",
                    limit.format_yuan(),
                    day.round_fen().format_yuan()
                ),
            ));
        }
    }
}

/// Every event a date rule counts from (its own and those of its `not_before` rules), with the
/// path of each `event` field.
fn when_events<'w>(path: &str, w: &'w When, out: &mut Vec<(String, &'w str)>) {
    if let Some(e) = &w.event {
        out.push((path_key(path, "event"), e.as_str()));
    }
    for (i, nb) in w.not_before.iter().enumerate() {
        when_events(&path_index(&path_key(path, "not_before"), i), nb, out);
    }
}

fn cycle(path: String, zh: String, en: String) -> Problem {
    Problem::error("ref.cycle", path, zh, en)
}

/// Dates that depend on themselves: a term that starts from its own start or end, a deadline
/// counted from the event that meets it. The engine would silently find no date (or an
/// always-met deadline); the file is wrong instead.
fn cycles(c: &Contract, out: &mut Vec<Problem>) {
    for (i, d) in c.deadlines.iter().enumerate() {
        let mut evs = Vec::new();
        when_events(
            &path_key(&path_index("deadlines", i), "due"),
            &d.due,
            &mut evs,
        );
        for (p, e) in evs {
            if e == d.done {
                out.push(cycle(
                    p,
                    format!("循环引用：期限“{}”从事件“{e}”起算，而该事件正是期限的完成", d.id),
                    format!(
                        "circular reference: deadline \"{}\" counts from \"{e}\", the very event that meets it",
                        d.id
                    ),
                ));
            }
        }
    }
    for (i, cl) in c.clauses.iter().enumerate() {
        let Rule::Term(t) = &cl.rule else { continue };
        let mut evs = Vec::new();
        let sp = path_key(&path_key(&path_index("clauses", i), "rule"), "start");
        when_events(&sp, &t.start, &mut evs);
        for (p, e) in evs {
            if matches!(e, "term_start" | "term_end") {
                out.push(cycle(
                    p,
                    format!("循环引用：服务期的开始取决于“{e}”，而它由服务期本身得出"),
                    format!(
                        "circular reference: the term starts from \"{e}\", which the term itself defines"
                    ),
                ));
            }
        }
    }
}

/// The amount a base stands for when the contract alone says it (for one lookup; a check that
/// looks up a base per clause uses [`Bases`]).
pub fn base_value(c: &Contract, b: &Base) -> Option<Amount> {
    match b {
        Base::Total => c.total,
        Base::Item { item: Some(i) } => c.items.iter().find(|it| &it.id == i).map(|it| it.amount),
        Base::Amount { amount } => Some(*amount),
        _ => None,
    }
}

/// A cap's limit when the contract alone says it (for one lookup; see [`Bases`]).
pub fn cap_value(c: &Contract, cap: &Cap) -> Option<Amount> {
    cap_limit(cap, |b| base_value(c, b))
}

fn cap_limit(cap: &Cap, base: impl Fn(&Base) -> Option<Amount>) -> Option<Amount> {
    if let Some(a) = cap.amount {
        return Some(a);
    }
    let base = base(cap.base.as_ref()?)?;
    base.checked_mul_rate(cap.rate?).map(Amount::round_fen)
}

/// The amounts the contract alone gives its bases, with the items indexed by id once: a lookup
/// per clause no longer scans every item (clauses × items, issue 10 item 16). The first item of
/// a repeated id counts, as in [`base_value`].
pub struct Bases<'a> {
    total: Option<Amount>,
    items: BTreeMap<&'a str, Amount>,
}

impl<'a> Bases<'a> {
    /// The contract's total and items.
    pub fn of(c: &'a Contract) -> Bases<'a> {
        Bases {
            total: c.total,
            items: crate::domain::order::map(
                c.items.iter().rev().map(|it| (it.id.as_str(), it.amount)),
            ),
        }
    }

    /// [`base_value`], looked up in the index.
    pub fn value(&self, b: &Base) -> Option<Amount> {
        match b {
            Base::Total => self.total,
            Base::Item { item: Some(i) } => self.items.get(i.as_str()).copied(),
            Base::Amount { amount } => Some(*amount),
            _ => None,
        }
    }

    /// [`cap_value`], looked up in the index.
    pub fn cap(&self, cap: &Cap) -> Option<Amount> {
        cap_limit(cap, |b| self.value(b))
    }
}

fn timer_exists(ids: &Ids, id: &str) -> bool {
    let Some((clause, timer)) = id.rsplit_once('/') else {
        return false;
    };
    matches!(ids.clauses.get(clause), Some(Rule::Sla(s)) if s.timers.iter().any(|t| t.id == timer))
}

/// Reports every id of `ids` (with paths) that repeats an earlier one.
fn duplicates<'a>(
    out: &mut Vec<Problem>,
    what: (&str, &str),
    ids: impl Iterator<Item = (String, &'a str)>,
) {
    let mut seen = BTreeSet::new();
    for (path, id) in ids {
        if !seen.insert(id) {
            out.push(Problem::error(
                "id.duplicate",
                path,
                format!("{}编号“{id}”重复", what.0),
                format!("duplicate {} id \"{id}\"", what.1),
            ));
        }
    }
}

/// Every semantic problem of a contract, with JSON paths (line and column 0: see
/// [`crate::domain::load::locate`]).
///
/// # Example
/// ```
/// use lvyue::domain::{contract::Contract, validate::validate_contract};
/// let c: Contract = serde_json::from_str(r#"{
///   "format": "lvyue-contract/1", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
///   "deadlines": [ { "id": "d", "label": { "zh": "上线" },
///                    "due": { "event": "kickoff" }, "done": "go_live" } ]
/// }"#).unwrap();
/// let problems = validate_contract(&c);
/// assert_eq!(problems[0].code, "ref.event");
/// assert_eq!(problems[0].path, "deadlines[0].due.event");
/// ```
pub fn validate_contract(c: &Contract) -> Vec<Problem> {
    let mut v = V {
        ids: Ids::of(c),
        bases: Bases::of(c),
        out: Vec::new(),
    };
    let out = &mut v.out;
    duplicates(
        out,
        ("分项", "item"),
        c.items
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("items", i), "id"), x.id.as_str())),
    );
    duplicates(
        out,
        ("等级", "level"),
        c.levels
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("levels", i), "id"), x.id.as_str())),
    );
    duplicates(
        out,
        ("事件", "event"),
        c.events
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("events", i), "id"), x.id.as_str())),
    );
    duplicates(
        out,
        ("期限", "deadline"),
        c.deadlines
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("deadlines", i), "id"), x.id.as_str())),
    );
    duplicates(
        out,
        ("条款", "clause"),
        c.clauses
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("clauses", i), "id"), x.id.as_str())),
    );
    duplicates(
        out,
        ("共同上限", "shared cap"),
        c.shared_caps
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("shared_caps", i), "id"), x.id.as_str())),
    );
    duplicates(
        out,
        ("付款节点", "milestone"),
        c.clauses
            .iter()
            .enumerate()
            .filter_map(|(i, cl)| match &cl.rule {
                Rule::Payment(m) => Some((
                    path_key(&path_key(&path_index("clauses", i), "rule"), "id"),
                    m.id.as_str(),
                )),
                _ => None,
            }),
    );
    for (i, cl) in c.clauses.iter().enumerate() {
        if let Rule::Sla(s) = &cl.rule {
            duplicates(
                out,
                ("时限", "timer"),
                s.timers.iter().enumerate().map(|(j, t)| {
                    (
                        format!("{}.rule.timers[{j}].id", path_index("clauses", i)),
                        t.id.as_str(),
                    )
                }),
            );
        }
    }
    if let Some(t) = c.total {
        v.amount("total".into(), t);
    }
    if let Some(tax) = &c.tax {
        v.rate_at_most_100("tax.rate".into(), tax.rate);
        for (i, p) in tax.parts.iter().enumerate() {
            let pp = path_index("tax.parts", i);
            v.amount(path_key(&pp, "amount"), p.amount);
            v.rate_at_most_100(path_key(&pp, "rate"), p.rate);
        }
    }
    for (i, it) in c.items.iter().enumerate() {
        v.amount(path_key(&path_index("items", i), "amount"), it.amount);
    }
    for (i, d) in c.deadlines.iter().enumerate() {
        let dp = path_index("deadlines", i);
        v.when(&path_key(&dp, "due"), &d.due);
        v.check_ref(RefKind::Event, path_key(&dp, "done"), &d.done);
    }
    for (i, cl) in c.clauses.iter().enumerate() {
        let rp = path_key(&path_index("clauses", i), "rule");
        match &cl.rule {
            Rule::Penalty(p) => v.penalty(&rp, p),
            Rule::Payment(m) => {
                let ap = path_key(&rp, "amount");
                match &m.amount {
                    MilestoneAmount::Rate { rate, base } => {
                        v.rate_at_most_100(path_key(&ap, "rate"), *rate);
                        v.base(&path_key(&ap, "base"), base);
                    }
                    MilestoneAmount::Fixed { amount } => v.amount(path_key(&ap, "amount"), *amount),
                    MilestoneAmount::Recorded => {}
                }
                v.when(&path_key(&rp, "due"), &m.due);
                if let Some(s) = m.stated {
                    v.amount(path_key(&rp, "stated"), s);
                }
            }
            Rule::Sla(s) => {
                for (j, t) in s.timers.iter().enumerate() {
                    for (k, l) in t.limits.iter().enumerate() {
                        let lp = format!("{rp}.timers[{j}].limits[{k}].levels");
                        v.levels(&lp, &l.levels);
                    }
                }
            }
            Rule::Obligation(o) => {
                if let Schedule::Once { due } = &o.schedule {
                    v.when(&path_key(&path_key(&rp, "schedule"), "due"), due);
                }
            }
            Rule::Term(t) => {
                v.when(&path_key(&rp, "start"), &t.start);
                if let Some(e) = &t.extended_until {
                    v.check_ref(RefKind::Event, path_key(&rp, "extended_until"), e);
                }
            }
            Rule::Right(r) => v.rights(&path_key(&rp, "rights"), &r.rights),
        }
    }
    for (i, sc) in c.shared_caps.iter().enumerate() {
        let sp = path_index("shared_caps", i);
        for (j, id) in sc.clauses.iter().enumerate() {
            let p = path_index(&path_key(&sp, "clauses"), j);
            match v.ids.clauses.get(id.as_str()) {
                None => v.out.push(dangling(RefKind::Clause, p, id)),
                Some(Rule::Penalty(_)) => {}
                Some(_) => v.out.push(Problem::error(
                    "ref.clause-kind",
                    p,
                    format!("共同上限只能包含违约金条款，“{id}”不是"),
                    format!("a shared cap groups penalty clauses; \"{id}\" is not one"),
                )),
            }
        }
        v.cap(&path_key(&sp, "cap"), &sc.cap);
    }
    if let Some(so) = &c.set_off {
        v.check_ref(RefKind::Clause, "set_off.clause".into(), &so.clause);
    }
    cycles(c, &mut v.out);
    for (i, s) in c.stated_amounts.iter().enumerate() {
        v.amount(
            path_key(&path_index("stated_amounts", i), "amount"),
            s.amount,
        );
    }
    for (i, s) in c.stated_spans.iter().enumerate() {
        if s.to < s.from {
            v.out.push(Problem::error(
                "span.reversed",
                path_index("stated_spans", i),
                "期间的结束日期早于开始日期".into(),
                "the span ends before it starts".into(),
            ));
        }
    }
    v.out
}

/// Every problem of an events file against its contract: ids it names that the contract lacks,
/// duplicate ids, negative amounts, a `contract` that is another contract's id.
///
/// # Example
/// ```
/// use lvyue::domain::{contract::Contract, events::Events, validate::validate_events};
/// let c: Contract = serde_json::from_str(r#"{
///   "format": "lvyue-contract/1", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } }
/// }"#).unwrap();
/// let e: Events = serde_json::from_str(r#"{
///   "format": "lvyue-events/1", "contract": "other", "as_of": "2024-01-01"
/// }"#).unwrap();
/// assert_eq!(validate_events(&c, &e)[0].code, "events.contract-mismatch");
/// ```
pub fn validate_events(c: &Contract, e: &Events) -> Vec<Problem> {
    let mut v = V {
        ids: Ids::of(c),
        bases: Bases::of(c),
        out: Vec::new(),
    };
    if let Some(id) = &e.contract {
        if id != &c.id {
            v.out.push(Problem::error(
                "events.contract-mismatch",
                "contract",
                format!("记录属于合同“{id}”，而所给合同为“{}”", c.id),
                format!("the events belong to contract \"{id}\", not \"{}\"", c.id),
            ));
        }
    }
    for k in e.dates.keys() {
        v.check_ref(RefKind::Event, path_key("dates", k), k);
    }
    for (i, a) in e.acceptances.iter().enumerate() {
        v.check_ref(
            RefKind::Event,
            path_key(&path_index("acceptances", i), "event"),
            &a.event,
        );
    }
    for (i, inv) in e.invoices.iter().enumerate() {
        let p = path_index("invoices", i);
        v.check_ref(
            RefKind::Milestone,
            path_key(&p, "milestone"),
            &inv.milestone,
        );
        if let Some(a) = inv.amount {
            v.amount(path_key(&p, "amount"), a);
        }
    }
    for (i, pay) in e.payments.iter().enumerate() {
        let p = path_index("payments", i);
        v.check_ref(
            RefKind::Milestone,
            path_key(&p, "milestone"),
            &pay.milestone,
        );
        v.amount(path_key(&p, "amount"), pay.amount);
    }
    duplicates(
        &mut v.out,
        ("事件", "incident"),
        e.incidents
            .iter()
            .enumerate()
            .map(|(i, x)| (path_key(&path_index("incidents", i), "id"), x.id.as_str())),
    );
    duplicates(
        &mut v.out,
        ("需求", "requirement"),
        e.requirements.iter().enumerate().map(|(i, x)| {
            (
                path_key(&path_index("requirements", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    for (i, inc) in e.incidents.iter().enumerate() {
        let p = path_index("incidents", i);
        if let Some(item) = &inc.item {
            v.check_ref(RefKind::Item, path_key(&p, "item"), item);
        }
        v.check_ref(RefKind::Level, path_key(&p, "level"), &inc.level);
    }
    for (i, d) in e.done.iter().enumerate() {
        v.check_ref(
            RefKind::Obligation,
            path_key(&path_index("done", i), "obligation"),
            &d.obligation,
        );
    }
    for (i, cs) in e.consents.iter().enumerate() {
        let p = path_key(&path_index("consents", i), "clause");
        match v.ids.clauses.get(cs.clause.as_str()) {
            None => v.out.push(dangling(RefKind::Clause, p, &cs.clause)),
            Some(Rule::Penalty(_)) | Some(Rule::Payment(_)) => {}
            Some(_) => v.out.push(Problem::error(
                "ref.clause-kind",
                p,
                format!("书面同意应针对违约金或付款条款，“{}”不是", cs.clause),
                format!(
                    "a consent is given under a penalty or payment clause; \"{}\" is neither",
                    cs.clause
                ),
            )),
        }
    }
    for (i, o) in e.occurrences.iter().enumerate() {
        let op = path_index("occurrences", i);
        let p = path_key(&op, "clause");
        match v.ids.clauses.get(o.clause.as_str()) {
            None => v.out.push(dangling(RefKind::Clause, p, &o.clause)),
            Some(Rule::Penalty(Penalty {
                trigger: Trigger::Occurrence,
                ..
            }))
            | Some(Rule::Right(_)) => {}
            Some(_) => v.out.push(Problem::error(
                "ref.clause-kind",
                p,
                format!("手工记录的违约只能针对按次触发（occurrence）的违约金条款或权利条款，“{}”不是", o.clause),
                format!(
                    "occurrences are recorded for penalty clauses triggered by occurrences or for right clauses; \"{}\" is neither",
                    o.clause
                ),
            )),
        }
        if let Some(a) = o.amount {
            v.amount(path_key(&op, "amount"), a);
        }
        if let Some(a) = o.loss {
            v.amount(path_key(&op, "loss"), a);
        }
    }
    if let Some(a) = e.facts.audited_price {
        v.amount("facts.audited_price".into(), a);
    }
    for (k, a) in &e.facts.amounts {
        let p = path_key("facts.amounts", k);
        v.check_ref(RefKind::Milestone, p.clone(), k);
        v.amount(p, *a);
    }
    v.out
}
