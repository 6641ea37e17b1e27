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
use crate::domain::quote::shown;

pub(crate) mod vocab;

pub use vocab::{reads, Reads};

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
        format!("引用了未定义的{zh}“{}”", shown(id)),
        format!(
            "{en} \"{}\" is not defined in the contract's {list}",
            shown(id)
        ),
    )
}

impl<'a> V<'a> {
    fn check_ref(&mut self, kind: RefKind, path: String, id: &str) {
        self.check_ref_at(kind, id, || path);
    }

    /// [`V::check_ref`] with the path written only for a problem (a record holds thousands
    /// of incidents).
    fn check_ref_at(&mut self, kind: RefKind, id: &str, path: impl FnOnce() -> String) {
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
            self.out.push(dangling(kind, path(), id));
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
            Base::TermShare { period } if matches!(period, Period::Day | Period::Week) => {
                self.out.push(Problem::error(
                    "term-share.period",
                    path_key(path, "period"),
                    "按服务期分摊的金额按月、季度或年计，不能按日或周".into(),
                    "a share of the term is for a month, a quarter or a year, not a day or a week"
                        .into(),
                ));
            }
            Base::PeriodFee { item, period, .. } => {
                if let Some(i) = item {
                    self.check_ref(RefKind::Item, path_key(path, "item"), i);
                }
                if matches!(period, Period::Day | Period::Week) {
                    self.out.push(Problem::error(
                        "period-fee.period",
                        path_key(path, "period"),
                        "当期服务金额按月、季度或年计，不能按日或周".into(),
                        "a period's fee is for a month, a quarter or a year, not a day or a week"
                            .into(),
                    ));
                }
            }
            _ => {}
        }
    }

    /// A scope or a shared cap counted both per contract year and per another period.
    fn per_twice(&mut self, path: &str, per_contract_year: bool, per: Option<Period>) {
        if per_contract_year && per.is_some() {
            self.out.push(Problem::error(
                "per.twice",
                path_key(path, "per"),
                "`per` 与 `per_contract_year` 只能给出其一".into(),
                "give one of `per` and `per_contract_year`, not both".into(),
            ));
        }
    }

    fn when(&mut self, path: &str, w: &When) {
        match (&w.event, &w.date) {
            (Some(e), None) => self.check_ref(RefKind::Event, path_key(path, "event"), e),
            (None, Some(_)) => {}
            (Some(_), Some(_)) => self.out.push(Problem::error(
                "when.both",
                path,
                "日期规则只能给出 `event` 与 `date` 之一".into(),
                "a date rule gives exactly one of `event` and `date`, not both".into(),
            )),
            (None, None) => self.out.push(Problem::error(
                "when.neither",
                path,
                "日期规则须给出 `event` 或 `date`".into(),
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
        for (i, x) in w.extended_by.iter().enumerate() {
            let xp = path_index(&path_key(path, "extended_by"), i);
            match x {
                Extension::Delay { from, to } => {
                    let dp = path_key(&xp, "delay");
                    self.when(&path_key(&dp, "from"), from);
                    self.when(&path_key(&dp, "to"), to);
                }
                Extension::Consent { clause, .. } => self.check_ref(
                    RefKind::Clause,
                    path_key(&path_key(&xp, "consent"), "clause"),
                    clause,
                ),
            }
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
                "上限须给出 `rate` 与 `base`，或 `amount`".into(),
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
            Trigger::Consecutive {
                incidents,
                at_least,
                ..
            } => {
                let ip = path_key(&tp, "incidents");
                self.levels(&path_key(&ip, "levels"), &incidents.levels);
                if let Some(w) = &incidents.within_after_obligation {
                    self.check_ref(
                        RefKind::Obligation,
                        path_key(&path_key(&ip, "within_after_obligation"), "obligation"),
                        &w.obligation,
                    );
                }
                if *at_least < 2 {
                    self.out.push(Problem::error(
                        "consecutive.at-least",
                        path_key(&tp, "at_least"),
                        format!("“连续”至少为 2 期，而不是 {at_least}"),
                        format!("\"in a row\" needs at least 2 periods, not {at_least}"),
                    ));
                }
            }
            Trigger::Requirement { .. }
            | Trigger::Staff { .. }
            | Trigger::Occurrence
            | Trigger::Entries { .. } => {}
        }
        self.formula(&path_key(path, "formula"), &p.formula);
        if let Some(w) = &p.stop_at {
            self.when(&path_key(path, "stop_at"), w);
        }
        if let Some(a) = &p.alternatives {
            self.alternatives(&path_key(path, "alternatives"), a);
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

    /// A choice of remedies: at least two, with distinct ids; each option's formula.
    fn alternatives(&mut self, path: &str, a: &Alternatives) {
        let op = path_key(path, "options");
        if a.options.len() < 2 {
            self.out.push(Problem::error(
                "alternatives.few",
                op.clone(),
                "可选择的救济方式至少两种".into(),
                "a choice of remedies needs at least two options".into(),
            ));
        }
        for (i, o) in a.options.iter().enumerate() {
            let p = path_index(&op, i);
            if a.options[..i].iter().any(|x| x.id == o.id) {
                self.out.push(Problem::error(
                    "alternatives.duplicate",
                    path_key(&p, "id"),
                    format!("救济方式“{}”重复", o.id),
                    format!("the remedy \"{}\" is listed twice", o.id),
                ));
            }
            if let Some(f) = &o.formula {
                self.formula(&path_key(&p, "formula"), f);
            }
        }
    }

    fn formula(&mut self, fp: &str, f: &Formula) {
        let fp = fp.to_string();
        match f {
            Formula::PerDay {
                base,
                rate,
                schedule,
                ..
            } => {
                if let Some(r) = rate {
                    self.rate_at_most_100(path_key(&fp, "rate"), *r);
                }
                if rate.is_some() != schedule.is_empty() {
                    self.out.push(Problem::error(
                        "per-day.rate",
                        fp.clone(),
                        "按日计算的违约金须给出 `rate` 或 `schedule` 之一".into(),
                        "a per-day penalty gives exactly one of `rate` and `schedule`".into(),
                    ));
                }
                self.base(&path_key(&fp, "base"), base)
            }
            Formula::PerPeriod { base, rate, .. } => {
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
                    let tp = path_key(&fp, "tiers");
                    self.base(&path_key(&tp, "base"), &t.base);
                    let sp = path_key(&tp, "scope");
                    self.per_twice(&sp, t.scope.per_contract_year, t.scope.per);
                }
                if let Some(e) = &po.escalation {
                    let sp = path_key(&path_key(&fp, "escalation"), "scope");
                    self.per_twice(&sp, e.scope.per_contract_year, e.scope.per);
                }
                if let Some(lh) = &po.late_handling {
                    for (i, r) in lh.rules.iter().enumerate() {
                        let rp = path_index(&path_key(&path_key(&fp, "late_handling"), "rules"), i);
                        self.levels(&path_key(&rp, "levels"), &r.levels);
                    }
                }
            }
        }
    }

    /// Warns when a per-day penalty's cap is below one day's penalty.
    fn cap_vs_one_day(&mut self, path: &str, p: &Penalty, cap: &Cap) {
        let Formula::PerDay {
            rate: Some(rate),
            base,
            ..
        } = &p.formula
        else {
            return;
        };
        let (Some(base_amount), Some(limit)) = (self.bases.value(base), self.bases.cap(cap)) else {
            return;
        };
        let Some(day) = base_amount.checked_mul_rate(*rate) else {
            return;
        };
        let day = match p.interest.and_then(|i| base_amount.checked_mul_rate(i)) {
            Some(i) => match day.checked_add(i) {
                Some(both) => both,
                None => return,
            },
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

/// A duty due after another's done instances: the other is an obligation clause that comes
/// earlier (instances are expanded in the contract's order), and the span is of days or longer
/// (a done instance has a day, not an instant).
fn after_schedule(c: &Contract, at: usize, path: &str, ob: &str, span: Span, v: &mut V<'_>) {
    let op = path_key(path, "obligation");
    let pos = c.clauses.iter().position(|cl| cl.id == ob);
    match pos.map(|p| (p, &c.clauses[p].rule)) {
        None
        | Some((
            _,
            Rule::Payment(_) | Rule::Penalty(_) | Rule::Sla(_) | Rule::Term(_) | Rule::Right(_),
        )) => v.check_ref(RefKind::Obligation, op, ob),
        Some((p, _)) if p >= at => v.out.push(Problem::error(
            "schedule.after-order",
            op,
            format!("义务“{}”须写在依其完成日起算的义务之前", shown(ob)),
            format!(
                "obligation \"{}\" must come before the duty that counts from its done dates",
                shown(ob)
            ),
        )),
        Some(_) => {}
    }
    if matches!(span.unit, SpanUnit::Minutes | SpanUnit::Hours) {
        v.out.push(Problem::error(
            "schedule.after-unit",
            path_key(path, "span"),
            "完成日之后的期间以日、工作日、周、月或年计".into(),
            "a span after a done date is in days, working days, weeks, months or years".into(),
        ));
    }
}

/// Balances: ids once each, a quantity not negative, an expiry rule that resolves.
fn balances(c: &Contract, v: &mut V<'_>) {
    duplicates(
        &mut v.out,
        ("余额", "balance"),
        c.balances.iter().enumerate().map(|(i, b)| {
            (
                move || path_key(&path_index("balances", i), "id"),
                b.id.as_str(),
            )
        }),
    );
    for (i, b) in c.balances.iter().enumerate() {
        let bp = path_index("balances", i);
        if b.quantity.is_sign_negative() && !b.quantity.is_zero() {
            v.out.push(Problem::error(
                "balance.negative",
                path_key(&bp, "quantity"),
                format!("数量不能为负：{}", b.quantity),
                format!("a quantity cannot be negative: {}", b.quantity),
            ));
        }
        v.when(&path_key(&bp, "expires"), &b.expires);
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
    !timer_splits(ids, id).is_empty()
}

/// Reports every id of `ids` (with paths) that repeats an earlier one.
fn duplicates<'a, P: FnOnce() -> String>(
    out: &mut Vec<Problem>,
    what: (&str, &str),
    ids: impl Iterator<Item = (P, &'a str)>,
) {
    let mut seen = BTreeSet::new();
    for (path, id) in ids {
        if !seen.insert(id) {
            out.push(Problem::error(
                "id.duplicate",
                path(),
                format!("{}编号“{}”重复", what.0, shown(id)),
                format!("duplicate {} id \"{}\"", what.1, shown(id)),
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
///   "format": "lvyue-contract/2", "id": "demo", "title": "示例",
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
        c.items.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("items", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        out,
        ("等级", "level"),
        c.levels.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("levels", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        out,
        ("事件", "event"),
        c.events.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("events", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        out,
        ("期限", "deadline"),
        c.deadlines.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("deadlines", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        out,
        ("条款", "clause"),
        c.clauses.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("clauses", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        out,
        ("共同上限", "shared cap"),
        c.shared_caps.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("shared_caps", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        out,
        ("付款节点", "milestone"),
        c.clauses
            .iter()
            .enumerate()
            .filter_map(|(i, cl)| match &cl.rule {
                Rule::Payment(m) => Some((
                    move || path_key(&path_key(&path_index("clauses", i), "rule"), "id"),
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
                        move || format!("{}.rule.timers[{j}].id", path_index("clauses", i)),
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
            Rule::Obligation(o) => match &o.schedule {
                Schedule::Once { due } => {
                    v.when(&path_key(&path_key(&rp, "schedule"), "due"), due);
                }
                Schedule::After { obligation, span } => {
                    after_schedule(c, i, &path_key(&rp, "schedule"), obligation, *span, &mut v);
                }
                Schedule::Every { .. } | Schedule::OnEntry { .. } => {}
            },
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
        v.per_twice(&sp, sc.per_contract_year, sc.per);
    }
    balances(c, &mut v);
    if let Some(so) = &c.set_off {
        v.check_ref(RefKind::Clause, "set_off.clause".into(), &so.clause);
    }
    cycles(c, &mut v.out);
    misleading_contract(c, &mut v);
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
    vocab::contract(c, &mut v.out);
    v.out.extend(crate::domain::bounds::contract(c));
    v.out
}

/// Every problem of an events file against its contract: ids it names that the contract lacks,
/// duplicate ids, negative amounts, a `contract` that is another contract's id.
///
/// # Example
/// ```
/// use lvyue::domain::{contract::Contract, events::Events, validate::validate_events};
/// let c: Contract = serde_json::from_str(r#"{
///   "format": "lvyue-contract/2", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } }
/// }"#).unwrap();
/// let e: Events = serde_json::from_str(r#"{
///   "format": "lvyue-events/2", "contract": "other", "as_of": "2024-01-01"
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
        e.incidents.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("incidents", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    duplicates(
        &mut v.out,
        ("需求", "requirement"),
        e.requirements.iter().enumerate().map(|(i, x)| {
            (
                move || path_key(&path_index("requirements", i), "id"),
                x.id.as_str(),
            )
        }),
    );
    for (i, inc) in e.incidents.iter().enumerate() {
        let at = |field: &'static str| move || path_key(&path_index("incidents", i), field);
        if let Some(item) = &inc.item {
            v.check_ref_at(RefKind::Item, item, at("item"));
        }
        v.check_ref_at(RefKind::Level, &inc.level, at("level"));
    }
    for (i, d) in e.done.iter().enumerate() {
        v.check_ref(
            RefKind::Obligation,
            path_key(&path_index("done", i), "obligation"),
            &d.obligation,
        );
    }
    for (i, d) in e.draws.iter().enumerate() {
        let dp = path_index("draws", i);
        if !c.balances.iter().any(|b| b.id == d.balance) {
            v.out.push(Problem::error(
                "ref.balance",
                path_key(&dp, "balance"),
                format!("引用了未定义的余额“{}”", shown(&d.balance)),
                format!(
                    "balance \"{}\" is not defined in the contract's balances",
                    shown(&d.balance)
                ),
            ));
        }
        if d.quantity <= Decimal::ZERO {
            v.out.push(Problem::error(
                "draw.not-positive",
                path_key(&dp, "quantity"),
                format!("支取数量须大于 0：{}", d.quantity),
                format!("a quantity drawn must be greater than 0: {}", d.quantity),
            ));
        }
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
                format!("手工记录的违约只能针对按次触发（`occurrence`）的违约金条款或权利条款，“{}”不是", o.clause),
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
    let recorded = recorded_facts(c);
    for (k, a) in &e.facts.amounts {
        let p = path_key("facts.amounts", k);
        if !recorded.contains(k.as_str()) {
            v.check_ref(RefKind::Milestone, p.clone(), k);
        }
        v.amount(p, *a);
    }
    elections(c, e, &mut v.out);
    for (i, x) in e.excuses.iter().enumerate() {
        if let (Some(f), Some(u)) = (x.from, x.until) {
            if u < f {
                v.out.push(Problem::error(
                    "excuse.reversed",
                    path_key(&path_index("excuses", i), "until"),
                    format!("免责期间的结束日 {u} 早于开始日 {f}"),
                    format!("the excuse ends ({u}) before it starts ({f})"),
                ));
            }
        }
    }
    v.out.extend(impossible_times(e));
    vocab::events(c, e, &mut v.out);
    v.out.extend(record_warnings(c, e));
    v.out.extend(crate::domain::bounds::events(c, e));
    v.out
}

/// The facts `recorded` bases read from the record's `facts.amounts`, anywhere in the contract.
fn recorded_facts(c: &Contract) -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if m.get("of").and_then(|x| x.as_str()) == Some("recorded") {
                    if let Some(f) = m.get("fact").and_then(|x| x.as_str()) {
                        out.insert(f.to_string());
                    }
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    let has = c
        .clauses
        .iter()
        .any(|cl| matches!(&cl.rule, Rule::Penalty(_) | Rule::Payment(_)));
    if has {
        if let Ok(v) = serde_json::to_value(&c.clauses) {
            walk(&v, &mut out);
        }
    }
    out
}

/// The record's elections: each names a clause's choice of remedies and one of its options.
fn elections(c: &Contract, e: &Events, out: &mut Vec<Problem>) {
    for (choice, option) in &e.elections {
        let p = path_key("elections", choice);
        let alts = c.clauses.iter().find_map(|cl| match &cl.rule {
            Rule::Penalty(Penalty {
                alternatives: Some(a),
                ..
            }) if &a.choice == choice => Some(a),
            _ => None,
        });
        let Some(a) = alts else {
            out.push(Problem::error(
                "ref.choice",
                p,
                format!("合同没有可选择的救济“{choice}”"),
                format!("the contract has no choice of remedies \"{choice}\""),
            ));
            continue;
        };
        if !a.options.iter().any(|o| &o.id == option) {
            let ids: Vec<&str> = a.options.iter().map(|o| o.id.as_str()).collect();
            let mut pr = Problem::error(
                "election.option",
                p,
                format!("“{choice}”没有选项“{option}”：可选 {}", ids.join("、")),
                format!(
                    "\"{choice}\" has no option \"{option}\": use {}",
                    ids.join(", ")
                ),
            );
            pr.expected = Some(ids.join(" | "));
            out.push(pr);
        }
    }
}

// ------------------------------------------------------------------------------------------
// What the figures would silently not use: references that name two things, consents a clause
// cannot use, complaint levels no clause prices, readings a clause does not have, times in an
// impossible order. Errors where the input cannot mean anything (the file is refused at the
// field); warnings, naming the clause, where the evaluation can go on but a figure is not
// what the user may think (the engine puts them in the report beside the clause too).

/// The splits of a `clause/timer` reference that name a timer of an SLA clause (one per `/`:
/// clause ids and timer ids may both hold one).
fn timer_splits<'r>(ids: &Ids, r: &'r str) -> Vec<(&'r str, &'r str)> {
    r.match_indices('/')
        .map(|(i, _)| (&r[..i], &r[i + 1..]))
        .filter(|(c, t)| {
            matches!(ids.clauses.get(c), Some(Rule::Sla(s)) if s.timers.iter().any(|x| x.id == *t))
        })
        .collect()
}

/// A timer reference that names two timers, a threshold on interest a clause does not charge,
/// a set-off over clauses that are not the seller's penalties.
fn misleading_contract(c: &Contract, v: &mut V<'_>) {
    for (i, cl) in c.clauses.iter().enumerate() {
        let Rule::Penalty(p) = &cl.rule else { continue };
        let rp = path_key(&path_index("clauses", i), "rule");
        if let Trigger::TimerBreached { timer } = &p.trigger {
            let splits = timer_splits(&v.ids, timer);
            if splits.len() > 1 {
                let (zh, en): (Vec<String>, Vec<String>) = splits
                    .iter()
                    .map(|(c, t)| {
                        (
                            format!("第 {c} 条的时限“{t}”"),
                            format!("timer \"{t}\" of clause {c}"),
                        )
                    })
                    .unzip();
                v.out.push(Problem::error(
                    "ref.timer-ambiguous",
                    path_key(&path_key(&rp, "trigger"), "timer"),
                    format!("时限引用“{timer}”可指{}：请改用不含歧义的条款或时限编号", zh.join("或")),
                    format!(
                        "the timer reference \"{timer}\" can name {}: rename the clause or the timer",
                        en.join(" or ")
                    ),
                ));
            }
        }
        if p.interest.is_none() {
            for (j, r) in p.rights.iter().enumerate() {
                let m = match &r.when {
                    Threshold::PenaltyReaches { measure, .. }
                    | Threshold::PenaltyExceeds { measure, .. } => *measure,
                    _ => continue,
                };
                if m == Measure::Interest {
                    v.out.push(Problem::error(
                        "threshold.no-interest",
                        path_key(&path_key(&path_index(&path_key(&rp, "rights"), j), "when"), "measure"),
                        format!("第 {} 条不计利息，以利息为计量的门槛永远达不到", cl.id),
                        format!(
                            "clause {} charges no interest (no `interest`): a threshold on the interest is never reached",
                            cl.id
                        ),
                    ));
                }
            }
        }
    }
    let Some(so) = &c.set_off else { return };
    let seller_penalty = |id: &str| matches!(v.ids.clauses.get(id), Some(Rule::Penalty(p)) if p.payer == Side::Seller);
    let mut out = Vec::new();
    for (j, id) in so.clauses.iter().enumerate() {
        let p = path_index("set_off.clauses", j);
        match v.ids.clauses.get(id.as_str()) {
            None => out.push(dangling(RefKind::Clause, p, id)),
            Some(_) if seller_penalty(id) => {}
            Some(_) => out.push(set_off_kind(p, id)),
        }
    }
    if so.clauses.is_empty()
        && matches!(
            v.ids.clauses.get(so.clause.as_str()),
            Some(Rule::Penalty(_))
        )
        && !seller_penalty(&so.clause)
    {
        out.push(set_off_kind("set_off.clause".into(), &so.clause));
    }
    v.out.extend(out);
}

fn set_off_kind(path: String, id: &str) -> Problem {
    Problem::error(
        "ref.clause-kind",
        path,
        format!("抵扣的是乙方应付的违约金，“{id}”不是乙方支付的违约金条款"),
        format!("a set-off takes from penalties the seller pays; \"{id}\" is not such a clause"),
    )
}

/// An incident or a requirement whose times run backwards: a response before the report
/// ("用时 0 分钟，达标"), a fix before the report, a fault report before the fix, a requirement
/// answered, agreed or done before it was submitted. Each is an error at the later field.
fn impossible_times(e: &Events) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut before = |path: String,
                      field: &str,
                      t: &dyn std::fmt::Display,
                      start: &str,
                      s: &dyn std::fmt::Display| {
        out.push(Problem::error(
            "time.order",
            path,
            format!("“{field}”（{t}）早于“{start}”（{s}）：时间顺序不可能"),
            format!("`{field}` ({t}) is before `{start}` ({s}): an impossible order of times"),
        ));
    };
    for (i, inc) in e.incidents.iter().enumerate() {
        let ip = path_index("incidents", i);
        let after_report = [
            ("notified", inc.notified),
            ("responded", inc.responded),
            ("diagnosed", inc.diagnosed),
            ("on_site", inc.on_site),
            ("workaround", inc.workaround),
            ("resolved", inc.resolved),
            ("reported_back", inc.reported_back),
        ];
        for (field, t) in after_report {
            if let Some(t) = t.filter(|t| *t < inc.reported) {
                before(path_key(&ip, field), field, &t, "reported", &inc.reported);
            }
        }
        if let (Some(back), Some(fixed)) = (inc.reported_back, inc.resolved) {
            if back < fixed && back >= inc.reported {
                before(
                    path_key(&ip, "reported_back"),
                    "reported_back",
                    &back,
                    "resolved",
                    &fixed,
                );
            }
        }
    }
    for (i, r) in e.requirements.iter().enumerate() {
        let rp = path_index("requirements", i);
        if let Some(t) = r.first_answer.filter(|t| *t < r.submitted) {
            before(
                path_key(&rp, "first_answer"),
                "first_answer",
                &t,
                "submitted",
                &r.submitted,
            );
        }
        let day = r.submitted.date();
        for (field, d) in [("agreed", r.agreed), ("done", r.done)] {
            if let Some(d) = d.filter(|d| *d < day) {
                before(path_key(&rp, field), field, &d, "submitted", &r.submitted);
            }
        }
    }
    out
}

/// Warnings about a record that the evaluation can use but whose figures are not what the user
/// may think: a consent the clause cannot use, a complaint level no clause prices, an as-of date
/// before signing. Each names its path and, where there is one, the clause whose figure it
/// concerns. The loader lists them ([`validate_events`]) and the engine puts them in the
/// report's warnings.
pub fn record_warnings(c: &Contract, e: &Events) -> Vec<Problem> {
    let mut out = unused_consents(c, e);
    out.extend(unknown_complaints(c, e));
    out.extend(crate::domain::unused::unused(c, e));
    vocab::record_warnings(c, e, &mut out);
    if let Some(s) = e.dates.get("signing").filter(|s| e.as_of < **s) {
        out.push(Problem::warning(
            "as-of.before-signing",
            "as_of",
            format!(
                "评估日 {} 早于签订日 {s}：合同尚未签订，各项尚未到期、也无违约可计",
                e.as_of
            ),
            format!(
                "the as-of date {} is before signing ({s}): nothing is due or late yet",
                e.as_of
            ),
        ));
    }
    out
}

/// A consent the clause it names cannot use: a payment clause, a penalty with no grace by
/// consent and no waiver by written consent, a consent not in writing where writing is needed,
/// an extension under a clause without grace. (References to unknown clauses and to other
/// kinds of clause are errors of [`validate_events`].)
fn unused_consents(c: &Contract, e: &Events) -> Vec<Problem> {
    if e.consents.is_empty() {
        return Vec::new();
    }
    let rules = crate::domain::order::map(c.clauses.iter().map(|cl| (cl.id.as_str(), &cl.rule)));
    let extending = crate::domain::unused::consents_extending_dates(c);
    let mut out = Vec::new();
    for (i, cs) in e.consents.iter().enumerate() {
        let path = path_index("consents", i);
        let id = cs.clause.as_str();
        if cs.written && cs.extension_days.is_some() && extending.contains(id) {
            continue;
        }
        let (zh, en) = match rules.get(id) {
            Some(Rule::Payment(_)) => (
                format!("第 {id} 条是付款条款，书面同意不改变其任何数字（延期付款的同意应记在逾期付款违约金条款下）"),
                format!("clause {id} is a payment clause: a consent changes none of its figures (a deferral agreed goes under the late-payment penalty clause)"),
            ),
            Some(Rule::Penalty(p)) => {
                let grace = match &p.trigger {
                    Trigger::Deadline { grace, .. } => grace.as_ref(),
                    _ => None,
                };
                if cs.extends(p) || (cs.waives(p) && (grace.is_some() || cs.extension_days.is_none())) {
                    continue;
                }
                match (grace, p.waived_by_written_consent, cs.written, cs.extension_days) {
                    (None, true, true, Some(n)) => (
                        format!("第 {id} 条没有宽限期，延长 {n} 日不适用；该书面同意按条款免除违约金"),
                        format!("clause {id} grants no grace: the extension of {n} days does not apply; the written consent waives the penalty as the clause says"),
                    ),
                    (None, false, _, _) => (
                        format!("第 {id} 条既没有经同意的宽限期，也不因书面同意免除违约金：该同意不影响任何数字"),
                        format!("clause {id} has no grace by consent and no waiver by written consent: the consent changes no figure"),
                    ),
                    (_, _, false, _) => (
                        format!("该同意不是书面的，而第 {id} 条只认书面同意：未采用"),
                        format!("the consent is not in writing and clause {id} needs written consent: not used"),
                    ),
                    _ => (
                        format!("第 {id} 条的宽限期须写明延长的天数（extension_days）：该同意未采用"),
                        format!("clause {id}'s grace needs the days granted (`extension_days`): the consent is not used"),
                    ),
                }
            }
            _ => continue,
        };
        out.push(
            Problem::warning(
                "consent.unused",
                path,
                format!("{} 的同意：{zh}", cs.date),
                format!("the consent of {}: {en}", cs.date),
            )
            .concerning(id),
        );
    }
    out
}

/// The clauses with complaint multipliers that see incidents (`incidents`) or requirements.
fn multiplier_clauses(c: &Contract, incidents: bool) -> Vec<&str> {
    c.clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Penalty(Penalty {
                trigger,
                formula: Formula::PerOccurrence(po),
                ..
            }) if !po.multipliers.is_empty() => {
                let sees = match trigger {
                    Trigger::Incident { .. } => incidents,
                    Trigger::Requirement { .. } => !incidents,
                    Trigger::TimerBreached { .. } => true,
                    _ => false,
                };
                sees.then_some(cl.id.as_str())
            }
            _ => None,
        })
        .collect()
}

/// A complaint level no clause multiplies by (`市政府` typed for `city_government`): no
/// multiplier applies, which the user may not expect. One warning per clause that would have
/// multiplied the incident's or requirement's penalty, or one with no clause when none would.
fn unknown_complaints(c: &Contract, e: &Events) -> Vec<Problem> {
    let known = crate::domain::order::set(c.clauses.iter().flat_map(|cl| {
        match &cl.rule {
            Rule::Penalty(Penalty {
                formula: Formula::PerOccurrence(po),
                ..
            }) => po
                .multipliers
                .iter()
                .filter_map(|m| m.complaint.as_deref())
                .collect(),
            _ => Vec::new(),
        }
    }));
    let listed = known.iter().copied().collect::<Vec<_>>().join(", ");
    let (on_incidents, on_requirements) =
        (multiplier_clauses(c, true), multiplier_clauses(c, false));
    let mut out = Vec::new();
    let records = e
        .incidents
        .iter()
        .enumerate()
        .map(|(i, x)| (path_index("incidents", i), &x.complaint, &on_incidents))
        .chain(e.requirements.iter().enumerate().map(|(i, x)| {
            (
                path_index("requirements", i),
                &x.complaint,
                &on_requirements,
            )
        }));
    for (rp, complaint, clauses) in records {
        let Some(level) = complaint.as_deref().filter(|l| !known.contains(l)) else {
            continue;
        };
        let (zh, en) = if known.is_empty() {
            (
                format!("投诉级别“{level}”：本合同没有按投诉级别加倍的条款，不影响任何数字"),
                format!("complaint level \"{level}\": no clause of the contract multiplies by a complaint; it changes no figure"),
            )
        } else {
            (
                format!("投诉级别“{level}”不是合同所列的级别（{listed}）：不按投诉加倍"),
                format!("complaint level \"{level}\" is not one the contract lists ({listed}): no multiplier applies"),
            )
        };
        let p = Problem::warning("complaint.unknown", path_key(&rp, "complaint"), zh, en);
        if clauses.is_empty() {
            out.push(p);
        } else {
            out.extend(clauses.iter().map(|id| p.clone().concerning(id)));
        }
    }
    out
}

/// Every problem of the readings chosen for ambiguous clauses (clause id → reading id, the
/// `--reading` option and the page's choice): a clause the contract does not have or that has
/// no readings, a reading the clause does not have (listing those it has). Paths are
/// `readings["7.3"]`; the API and the CLI refuse them, the engine warns and uses the default.
pub fn readings(c: &Contract, chosen: &BTreeMap<String, String>) -> Vec<Problem> {
    use crate::domain::engine::penalties::formula::reading_options;
    let mut out = Vec::new();
    for (clause, reading) in chosen {
        let path = path_key("readings", clause);
        let rule = c
            .clauses
            .iter()
            .find(|cl| &cl.id == clause)
            .map(|cl| &cl.rule);
        let options = match rule {
            Some(Rule::Penalty(p)) => reading_options(p),
            _ => Vec::new(),
        };
        if options.is_empty() {
            let (zh, en) = match rule {
                None => (
                    format!("合同没有第 {clause} 条，无从选择解读"),
                    format!("the contract has no clause {clause} to choose a reading for"),
                ),
                Some(_) => (
                    format!("第 {clause} 条没有可选的解读（条文无歧义）"),
                    format!("clause {clause} has no readings to choose from (it is not ambiguous)"),
                ),
            };
            out.push(Problem::error("reading.clause", path, zh, en).concerning(clause));
            continue;
        }
        if options.iter().any(|o| &o.id == reading) {
            continue;
        }
        let ids = options.iter().map(|o| o.id.as_str()).collect::<Vec<_>>();
        let mut p = Problem::error(
            "reading.unknown",
            path,
            format!("第 {clause} 条没有解读“{reading}”：可选 {}", ids.join("、")),
            format!(
                "clause {clause} has no reading \"{reading}\": use {}",
                ids.join(", ")
            ),
        )
        .concerning(clause);
        p.expected = Some(ids.join(" | "));
        out.push(p);
    }
    out
}
