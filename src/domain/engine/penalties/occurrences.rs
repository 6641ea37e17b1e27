//! Occurrences: what a penalty clause's trigger finds in the record.
//!
//! Every trigger (a deadline, late payments, incidents, requirements, staff events, SLA timers,
//! obligation instances, hand-recorded occurrences) turns into the same shape, [`Occ`], so that
//! the formulas, caps and rights downstream never care where a penalty came from.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use super::super::context::{label, period_label, Ctx};
use super::super::Schedule;
use std::collections::{BTreeMap, BTreeSet};

use super::super::condition::{self, Env, Subject, Timers};
use super::super::periods;
use crate::domain::calendar::WorkingHours;
use crate::domain::contract::{
    Condition, Excuse, Formula, IncidentFilter, Label, Penalty, Period, RequirementCondition, Side,
    Span, SpanUnit, StaffKind, Trigger,
};
use crate::domain::events::{Done, Events, Incident, Requirement};
use crate::domain::money::Amount;
use crate::domain::order;
use crate::domain::period::{Length, Unit};
use crate::domain::report::{ObligationInstance, ObligationStatus, Step, TimerResult, TimerStatus};
use crate::domain::vocabulary::FactType;

/// A stretch of lateness: from the day after `due` to `until`, inclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct Late {
    pub due: NaiveDate,
    pub until: NaiveDate,
    /// The overdue amount (late payments).
    pub overdue: Option<Amount>,
}

/// An excuse the record dates (force majeure from a day): the days late it covers do not count.
#[derive(Clone, Debug, PartialEq)]
pub struct Excusal {
    pub excuse: Excuse,
    /// The first day excused; from the first day late when absent.
    pub from: Option<NaiveDate>,
    /// The last day excused; open-ended when absent.
    pub until: Option<NaiveDate>,
}

/// One thing a trigger found.
#[derive(Clone, Debug, PartialEq)]
pub struct Occ {
    /// A human id (incident id, requirement id, milestone id, `clause@date`…).
    pub subject: String,
    /// The day it arose.
    pub arose: NaiveDate,
    /// For ordering occurrences of one day.
    pub at: NaiveDateTime,
    /// What triggered it.
    pub what: Label,
    /// Steps found while collecting (dates, grace).
    pub steps: Vec<Step>,
    pub late: Option<Late>,
    pub item: Option<String>,
    pub kind: Option<String>,
    pub level: Option<String>,
    pub complaint: Option<String>,
    pub persons: u32,
    pub amount: Option<Amount>,
    pub loss: Option<Amount>,
    /// Reported and resolved instants of an incident.
    pub handling: Option<(NaiveDateTime, Option<NaiveDateTime>)>,
    /// An excuse the clause accepts.
    pub excuse: Option<Excuse>,
    /// The milestone of a late payment.
    pub milestone: Option<String>,
    /// Dated excuses: the days they cover are not counted (the rest accrue).
    pub excused_days: Vec<Excusal>,
    /// The party that pays, where the clause's payer is the breaching party (the entry's
    /// `party` fact).
    pub party: Option<Side>,
    /// For each of the formula's multipliers, whether its `when` held (true without one).
    pub held: Vec<bool>,
    /// The number fact the formula's `per` names, with its label.
    pub per: Option<(Label, u32)>,
    /// The entry's amount facts, for bases `{"of": "fact"}`.
    pub fact_amounts: Vec<(String, Amount)>,
    /// The kind of its subject (`incident`, `requirement`, an entry's kind), for the labels of
    /// its facts.
    pub subject_kind: String,
}

impl Occ {
    fn new(subject: String, arose: NaiveDate, what: Label) -> Occ {
        Occ {
            subject,
            arose,
            at: arose.and_time(NaiveTime::MIN),
            what,
            steps: Vec::new(),
            late: None,
            item: None,
            kind: None,
            level: None,
            complaint: None,
            persons: 1,
            amount: None,
            loss: None,
            handling: None,
            excuse: None,
            milestone: None,
            excused_days: Vec::new(),
            party: None,
            held: Vec::new(),
            per: None,
            fact_amounts: Vec::new(),
            subject_kind: String::new(),
        }
    }
}

/// The excuse's id as the report names it.
pub fn excuse_id(e: Excuse) -> &'static str {
    match e {
        Excuse::ForceMajeure => "force_majeure",
        Excuse::BuyerFault => "buyer_fault",
        Excuse::SellerFault => "seller_fault",
        Excuse::FiscalDelay => "fiscal_delay",
    }
}

fn accepted(p: &Penalty, e: Option<Excuse>) -> Option<Excuse> {
    e.filter(|e| p.excuses.contains(e))
}

/// The days after each done record of an obligation in which an incident counts
/// (`within_after_obligation`): sorted by start, with the latest end so far, so that whether a
/// day is covered is a binary search (not a scan of every record per incident).
struct Windows {
    /// (start, latest end of this and every earlier window), by start.
    spans: Vec<(NaiveDate, NaiveDate)>,
}

impl Windows {
    fn new(ctx: &Ctx<'_>, done: &[&Done], span: Span) -> Windows {
        let mut spans: Vec<(NaiveDate, NaiveDate)> = done
            .iter()
            .map(|d| (d.date, ctx.add_span(d.date, span, false).unwrap_or(d.date)))
            .collect();
        order::sort(&mut spans);
        let mut latest: Option<NaiveDate> = None;
        for s in &mut spans {
            let end = latest.map_or(s.1, |l| l.max(s.1));
            latest = Some(end);
            s.1 = end;
        }
        Windows { spans }
    }

    /// Whether some window starts on or before `day` and ends on or after it.
    fn covers(&self, day: NaiveDate) -> bool {
        let started = self.spans.partition_point(|s| s.0 <= day);
        started > 0 && self.spans[started - 1].1 >= day
    }
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

// The most occurrences one hand-recorded entry expands to: a count above it (or 0) is refused
// at load (`domain::bounds`).
use crate::domain::bounds::MAX_OCCURRENCE_COUNT as MAX_COUNT;

/// What the parts before the penalties found, and the record's subjects, indexed once for all
/// penalty clauses: the timer results by (clause, timer), the obligation instances by clause,
/// the incidents and requirements by id (a clause no longer scans them all).
pub struct Found<'r> {
    timers: BTreeMap<(&'r str, &'r str), Vec<&'r TimerResult>>,
    obligations: BTreeMap<&'r str, Vec<&'r ObligationInstance>>,
    incidents: BTreeMap<&'r str, &'r Incident>,
    requirements: BTreeMap<&'r str, &'r Requirement>,
    /// Timer outcomes, for conditions on them.
    pub outcomes: Timers<'r>,
}

impl<'r> Found<'r> {
    /// Indexes the timer results, the instances and the record's subjects.
    pub fn new(
        ctx: &'r Ctx<'_>,
        events: &'r Events,
        sla: &'r [TimerResult],
        obligations: &'r [ObligationInstance],
    ) -> Found<'r> {
        let mut timers: BTreeMap<(&str, &str), Vec<&TimerResult>> = BTreeMap::new();
        for t in sla {
            timers
                .entry((t.clause.as_str(), t.timer.as_str()))
                .or_default()
                .push(t);
        }
        let mut by_clause: BTreeMap<&str, Vec<&ObligationInstance>> = BTreeMap::new();
        for i in obligations {
            by_clause.entry(i.clause.as_str()).or_default().push(i);
        }
        // The first subject of a repeated id, as a search from the start would find.
        Found {
            timers,
            obligations: by_clause,
            incidents: order::map(events.incidents.iter().rev().map(|i| (i.id.as_str(), i))),
            requirements: order::map(events.requirements.iter().rev().map(|r| (r.id.as_str(), r))),
            outcomes: Timers::of(ctx, sla),
        }
    }
}

/// Every occurrence of a penalty clause's trigger, in the order they arose.
/// The deadline `days` of grace after `due`: an extended time to act is a period in days, so its
/// last day moves past statutory days off (Civil Code Art. 203), with a step saying so when it
/// does.
fn graced(ctx: &Ctx<'_>, due: NaiveDate, days: u32, steps: &mut Vec<Step>) -> Option<NaiveDate> {
    let grace = Length {
        n: i64::from(days),
        unit: Unit::Days,
    };
    let p = ctx.period(due, &[grace], true, None)?;
    let end = p.last_day();
    if due.checked_add_days(Days::new(u64::from(days))) != Some(end) {
        steps.push(Step::DateFound {
            what: label("宽限后的期限", "the deadline after the grace"),
            date: end,
            how: vec![period_label(
                &format!("{due} 后宽限 {days} 日"),
                &format!("{days} days' grace after {due}"),
                &p,
            )],
        });
    }
    Some(end)
}

pub fn collect(
    ctx: &Ctx<'_>,
    clause: &str,
    p: &Penalty,
    found: &Found<'_>,
    schedule: &Schedule,
) -> Vec<Occ> {
    let ev = ctx.events;
    let mut out = Vec::new();
    match &p.trigger {
        Trigger::Deadline { deadline, grace } => {
            let Some(d) = ctx.contract.deadlines.iter().find(|d| &d.id == deadline) else {
                return out;
            };
            let Some(r) = ctx.resolve(&d.due, None) else {
                return out;
            };
            let mut steps = vec![ctx.date_step(d.label.clone(), &r)];
            let mut due = r.date;
            if let Some(g) = grace {
                let consent = ctx
                    .index
                    .consents(clause)
                    .iter()
                    .copied()
                    .filter(|c| c.extends(p))
                    .filter_map(|c| c.extension_days.map(|n| (c, n)))
                    .max_by_key(|(c, n)| (*n, c.date));
                if let Some((c, n)) = consent {
                    let wanted = due.checked_add_days(Days::new(u64::from(n)));
                    let most = match g.max.unit {
                        SpanUnit::Minutes | SpanUnit::Hours => Some(due),
                        _ => ctx.add_span(due, g.max, false),
                    };
                    if let (Some(w), Some(m)) = (wanted, most) {
                        let new_due = w.min(m);
                        let days = u32::try_from((new_due - due).num_days()).unwrap_or(0);
                        if days > 0 {
                            steps.push(Step::Grace {
                                days,
                                consent: c.date,
                            });
                            due = graced(ctx, due, days, &mut steps).unwrap_or(new_due);
                        }
                    }
                }
            }
            let until = ctx.event_date(&d.done).unwrap_or(ctx.as_of);
            if until <= due {
                return out;
            }
            let mut o = Occ::new(d.id.clone(), next_day(due), d.label.clone());
            o.steps = steps;
            o.late = Some(Late {
                due,
                until,
                overdue: None,
            });
            out.push(o);
        }
        Trigger::LatePayment { milestones } => {
            let named: BTreeSet<&str> = order::set(milestones.iter().map(String::as_str));
            let labels: BTreeMap<&str, &Label> = order::map(
                schedule
                    .milestones
                    .iter()
                    .rev()
                    .map(|m| (m.milestone.as_str(), &m.label)),
            );
            for seg in &schedule.overdue {
                if !named.is_empty() && !named.contains(seg.milestone.as_str()) {
                    continue;
                }
                if seg.to < seg.from {
                    continue;
                }
                let what = labels
                    .get(seg.milestone.as_str())
                    .map(|l| (*l).clone())
                    .unwrap_or_else(|| label(seg.milestone.clone(), seg.milestone.clone()));
                let mut o = Occ::new(seg.milestone.clone(), seg.from, what);
                o.late = Some(Late {
                    due: seg.due,
                    until: seg.to,
                    overdue: Some(seg.amount),
                });
                o.excuse = accepted(p, seg.excuse);
                o.milestone = Some(seg.milestone.clone());
                out.push(o);
            }
        }
        Trigger::Incident {
            levels,
            kinds,
            within_after_obligation,
            when,
        } => {
            let filter = IncidentFilter {
                levels: levels.clone(),
                kinds: kinds.clone(),
                within_after_obligation: within_after_obligation.clone(),
            };
            for i in incidents(ctx, &filter) {
                let s = Subject::Incident(i);
                let Some(held) = selected(ctx, found, when.as_ref(), &s, &i.id) else {
                    continue;
                };
                let mut o = incident_occ(ctx, p, i);
                o.steps.extend(held);
                facts_of(ctx, found, p, &s, &i.id, &mut o);
                out.push(o);
            }
        }
        Trigger::Consecutive {
            period,
            incidents: filter,
            at_least,
            same_item,
        } => {
            let found = incidents(ctx, filter);
            out.extend(consecutive(ctx, p, &found, *period, *at_least, *same_item));
        }
        Trigger::Requirement { condition, when } => {
            for r in &ev.requirements {
                let Some(agreed) = r.agreed else { continue };
                let until = r.done.unwrap_or(ctx.as_of);
                if until <= agreed {
                    continue;
                }
                if *condition == RequirementCondition::LateAndBusinessAffected
                    && !r.business_affected
                {
                    continue;
                }
                let s = Subject::Requirement(r);
                let Some(held) = selected(ctx, found, when.as_ref(), &s, &r.id) else {
                    continue;
                };
                let mut o = Occ::new(
                    r.id.clone(),
                    next_day(agreed),
                    label(
                        "需求未按约定时间完成",
                        "requirement not finished by the agreed date",
                    ),
                );
                o.late = Some(Late {
                    due: agreed,
                    until,
                    overdue: None,
                });
                o.complaint = r.complaint.clone();
                o.excuse = accepted(p, r.excuse);
                o.steps.extend(held);
                facts_of(ctx, found, p, &s, &r.id, &mut o);
                out.push(o);
            }
        }
        Trigger::Entries { kind, when } => entries(ctx, p, found, kind, when.as_ref(), &mut out),
        Trigger::Staff {
            kind,
            notice,
            consent_required,
        } => {
            // How many earlier entries of the kind fall on each day (for numbering subjects).
            let mut same_days: BTreeMap<NaiveDate, usize> = BTreeMap::new();
            for s in &ev.staff {
                if s.kind != *kind {
                    continue;
                }
                let seen = same_days.entry(s.date).or_insert(0);
                let same_day = *seen;
                *seen += 1;
                if *kind == StaffKind::Change {
                    let notice_ok = match (notice, s.notice) {
                        (None, _) => true,
                        (Some(span), Some(given)) => ctx
                            .sub_span(s.date, *span)
                            .is_some_and(|latest| given <= latest),
                        (Some(_), None) => false,
                    };
                    if notice_ok && (!consent_required || s.consent) {
                        continue;
                    }
                }
                // `clause@date`, numbered when one day has several.
                let subject = if same_day == 0 {
                    format!("{clause}@{}", s.date)
                } else {
                    format!("{clause}@{}#{}", s.date, same_day + 1)
                };
                let mut o = Occ::new(subject, s.date, staff_label(s.kind));
                o.persons = s.persons;
                out.push(o);
            }
        }
        Trigger::TimerBreached { timer } => {
            // The split of `clause/timer` that names a timer (the loader refuses a reference
            // that names two).
            let results = timer
                .match_indices('/')
                .find_map(|(i, _)| found.timers.get(&(&timer[..i], &timer[i + 1..])))
                .map_or(&[][..], Vec::as_slice);
            for t in results {
                if !matches!(t.status, TimerStatus::Breached | TimerStatus::Overdue) {
                    continue;
                }
                let day = t.deadline.date();
                let mut o = Occ::new(t.subject.clone(), day, t.label.clone());
                o.at = t.deadline;
                o.level = t.level.clone();
                if let Some(i) = found.incidents.get(t.subject.as_str()) {
                    o.item = i.item.clone();
                    o.kind = i.kind.clone();
                    o.complaint = i.complaint.clone();
                    o.excuse = accepted(p, i.excuse);
                    facts_of(ctx, found, p, &Subject::Incident(i), &i.id, &mut o);
                } else if let Some(r) = found.requirements.get(t.subject.as_str()) {
                    o.complaint = r.complaint.clone();
                    o.excuse = accepted(p, r.excuse);
                    facts_of(ctx, found, p, &Subject::Requirement(r), &r.id, &mut o);
                }
                out.push(o);
            }
        }
        Trigger::ObligationMissed {
            obligation,
            include_late,
        } => {
            let instances = found
                .obligations
                .get(obligation.as_str())
                .map_or(&[][..], Vec::as_slice);
            for i in instances {
                let counts = i.status == ObligationStatus::Missed
                    || (*include_late && i.status == ObligationStatus::DoneLate);
                if !counts {
                    continue;
                }
                let until = i.done.unwrap_or(ctx.as_of);
                let mut o = Occ::new(
                    format!("{}@{}", i.clause, i.due),
                    next_day(i.due),
                    i.label.clone(),
                );
                if until > i.due {
                    o.late = Some(Late {
                        due: i.due,
                        until,
                        overdue: None,
                    });
                }
                out.push(o);
            }
        }
        Trigger::Occurrence => {
            for oc in ctx.index.occurrences(clause) {
                let what = oc
                    .note
                    .as_ref()
                    .map(|n| label(n.clone(), n.clone()))
                    .unwrap_or_else(|| label("记录的违约", "a recorded breach"));
                let count = oc.count.clamp(1, MAX_COUNT);
                for k in 1..=count {
                    let subject = if count > 1 {
                        format!("{clause}@{}#{k}", oc.date)
                    } else {
                        format!("{clause}@{}", oc.date)
                    };
                    let mut o = Occ::new(subject, oc.date, what.clone());
                    o.persons = oc.persons;
                    o.amount = oc.amount;
                    o.loss = oc.loss;
                    out.push(o);
                }
            }
        }
    }
    // Excuses the record states for the clause itself: the first it accepts, for every
    // occurrence or for the occurrence's subject (indexed once, not searched per occurrence).
    // A dated excuse takes out the days it covers instead (every occurrence's, or its
    // subject's).
    let mut any: Option<(usize, Excuse)> = None;
    let mut by_subject: BTreeMap<&str, (usize, Excuse)> = BTreeMap::new();
    let mut dated: Vec<(Option<&str>, Excusal)> = Vec::new();
    for (n, x) in ctx.index.excuses(clause).iter().enumerate() {
        let Some(e) = accepted(p, Some(x.excuse)) else {
            continue;
        };
        if x.from.is_some() || x.until.is_some() {
            let window = Excusal {
                excuse: e,
                from: x.from,
                until: x.until,
            };
            dated.push((x.subject.as_deref(), window));
            continue;
        }
        match &x.subject {
            None => {
                any.get_or_insert((n, e));
            }
            Some(s) => {
                by_subject.entry(s.as_str()).or_insert((n, e));
            }
        }
    }
    for o in &mut out {
        for (subject, w) in &dated {
            if subject.is_none_or(|s| s == o.subject) {
                o.excused_days.push(w.clone());
            }
        }
        if o.excuse.is_none() {
            let own = by_subject.get(o.subject.as_str()).copied();
            o.excuse = match (own, any) {
                (Some(a), Some(b)) => Some(if a.0 < b.0 { a.1 } else { b.1 }),
                (a, b) => a.or(b).map(|x| x.1),
            };
        }
    }
    crate::domain::order::sort_by(&mut out, |a, b| a.at.cmp(&b.at).then(a.arose.cmp(&b.arose)));
    out
}

/// The record's incidents that pass a filter, in the record's order.
fn incidents<'e>(ctx: &Ctx<'e>, f: &IncidentFilter) -> Vec<&'e Incident> {
    let levels: BTreeSet<&str> = order::set(f.levels.iter().map(String::as_str));
    let kinds: BTreeSet<&str> = order::set(f.kinds.iter().map(String::as_str));
    let windows = f
        .within_after_obligation
        .as_ref()
        .map(|w| Windows::new(ctx, ctx.index.done(&w.obligation), w.span));
    ctx.events
        .incidents
        .iter()
        .filter(|i| levels.is_empty() || levels.contains(i.level.as_str()))
        .filter(|i| kinds.is_empty() || i.kind.as_deref().is_some_and(|k| kinds.contains(k)))
        .filter(|i| windows.as_ref().is_none_or(|w| w.covers(i.reported.date())))
        .collect()
}

/// An incident as an occurrence.
fn incident_occ(ctx: &Ctx<'_>, p: &Penalty, i: &Incident) -> Occ {
    let what = ctx
        .index
        .level_label(&i.level)
        .cloned()
        .unwrap_or_else(|| label(i.level.clone(), i.level.clone()));
    let mut o = Occ::new(i.id.clone(), i.reported.date(), what);
    o.at = i.reported;
    o.item = i.item.clone();
    o.kind = i.kind.clone();
    o.level = Some(i.level.clone());
    o.complaint = i.complaint.clone();
    o.handling = Some((i.reported, i.resolved));
    o.excuse = accepted(p, i.excuse);
    o
}

/// Runs of consecutive periods with incidents: an occurrence in the `at_least`-th period of a
/// run and each further one, on its first incident, with a step naming the run's periods.
fn consecutive(
    ctx: &Ctx<'_>,
    p: &Penalty,
    found: &[&Incident],
    period: Period,
    at_least: u32,
    same_item: bool,
) -> Vec<Occ> {
    // Per item (or one group), the first incident of each period, by period number.
    let mut groups: BTreeMap<Option<&str>, BTreeMap<i64, &Incident>> = BTreeMap::new();
    for i in found {
        let g = if same_item { i.item.as_deref() } else { None };
        let k = periods::key(ctx, period, i.reported.date());
        let slot = groups.entry(g).or_default().entry(k).or_insert(i);
        if i.reported < slot.reported {
            *slot = i;
        }
    }
    let mut out = Vec::new();
    for by_period in groups.values() {
        let mut run: Vec<&Incident> = Vec::new();
        let mut last: Option<i64> = None;
        for (&k, &i) in by_period {
            if last.is_none_or(|l| l.checked_add(1) != Some(k)) {
                run.clear();
            }
            run.push(i);
            last = Some(k);
            if run.len() < at_least.max(2) as usize {
                continue;
            }
            let names: Vec<Label> = run
                .iter()
                .map(|r| periods::name(ctx, period, r.reported.date()))
                .collect();
            let kind = periods::kind_name(period);
            let mut o = incident_occ(ctx, p, i);
            o.what = label(
                format!("连续第{}个{}发生事件", run.len(), kind.zh),
                format!(
                    "incidents in {} {}s in a row",
                    run.len(),
                    kind.en.clone().unwrap_or_default()
                ),
            );
            o.steps.push(Step::Note {
                zh: format!(
                    "连续{}：{}（各期首个事件：{}）",
                    kind.zh,
                    names
                        .iter()
                        .map(|n| n.zh.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                    run.iter()
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>()
                        .join("、")
                ),
                en: format!(
                    "consecutive {}s: {} (first incident of each: {})",
                    kind.en.unwrap_or_default(),
                    names
                        .iter()
                        .map(|n| n.en.as_deref().unwrap_or(&n.zh))
                        .collect::<Vec<_>>()
                        .join(", "),
                    run.iter()
                        .map(|r| r.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            });
            out.push(o);
        }
    }
    out
}

/// Whether an occurrence's subject is selected: `Some(steps)` when the trigger's condition holds
/// (or there is none), with the step saying what held.
fn selected(
    ctx: &Ctx<'_>,
    found: &Found<'_>,
    when: Option<&Condition>,
    s: &Subject<'_>,
    id: &str,
) -> Option<Vec<Step>> {
    let Some(c) = when else {
        return Some(Vec::new());
    };
    let hours = WorkingHours::standard();
    let env = Env {
        ctx,
        hours: &hours,
        timers: &found.outcomes,
        id,
    };
    condition::check(&env, c, s).map(|step| vec![step])
}

/// What the formula reads of the subject's declared facts: which multipliers' conditions hold,
/// the number fact `per` names, the amount facts, the party of an "either party" clause.
fn facts_of(ctx: &Ctx<'_>, found: &Found<'_>, p: &Penalty, s: &Subject<'_>, id: &str, o: &mut Occ) {
    let hours = WorkingHours::standard();
    let env = Env {
        ctx,
        hours: &hours,
        timers: &found.outcomes,
        id,
    };
    let kind = condition::kind_def(ctx, s.kind());
    o.subject_kind = s.kind().to_string();
    if let Formula::PerOccurrence(po) = &p.formula {
        o.held = po
            .multipliers
            .iter()
            .map(|m| m.when.as_ref().is_none_or(|c| condition::holds(&env, c, s)))
            .collect();
        if let Some(f) = &po.per {
            let n = match s.fact(ctx, f) {
                Some(condition::Val::Text(t)) => t.trim().parse::<u32>().ok(),
                _ => None,
            };
            let l = kind
                .and_then(|k| k.facts.iter().find(|d| d.id == *f))
                .map_or_else(|| label(f.as_str(), f.as_str()), |d| d.label.clone());
            o.per = Some((l, n.unwrap_or(0)));
        }
    }
    if let Some(k) = kind {
        for f in &k.facts {
            match (&f.ty, s.fact(ctx, &f.id)) {
                (FactType::Amount, Some(condition::Val::Text(t))) => {
                    if let Ok(a) = Amount::parse(&t) {
                        o.fact_amounts.push((f.id.clone(), a));
                    }
                }
                (FactType::Party, Some(condition::Val::Text(t))) if o.party.is_none() => {
                    o.party = match &*t {
                        "buyer" => Some(Side::Buyer),
                        "seller" => Some(Side::Seller),
                        _ => None,
                    };
                    if o.party.is_some() && p.payer.side().is_none() {
                        let (zh, en) = match o.party {
                            Some(Side::Buyer) => ("甲方", "the buyer"),
                            _ => ("乙方", "the seller"),
                        };
                        let l = &f.label;
                        o.steps.push(Step::Note {
                            zh: format!("由违约方支付：据记录的“{}”，为{zh}", l.zh),
                            en: format!(
                                "Paid by the breaching party: by the record's \"{}\", {en}",
                                l.en.as_deref().unwrap_or(&l.zh)
                            ),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    if o.party.is_none() && p.payer.side().is_none() {
        o.steps.push(Step::Note {
            zh: "由违约方支付，但记录未载明违约方：按乙方计".into(),
            en: "Paid by the breaching party, but the record does not say which: counted as the seller"
                .into(),
        });
    }
}

/// One occurrence per record entry of `kind` for which `when` holds, on the entry's day.
fn entries(
    ctx: &Ctx<'_>,
    p: &Penalty,
    found: &Found<'_>,
    kind: &str,
    when: Option<&Condition>,
    out: &mut Vec<Occ>,
) {
    let what =
        condition::kind_def(ctx, kind).map_or_else(|| label(kind, kind), |k| k.label.clone());
    for (e, id) in ctx.events.entries.iter().zip(&ctx.entry_ids) {
        if e.kind != kind {
            continue;
        }
        let Some(at) = e.instant() else { continue };
        let s = Subject::Entry(e);
        let Some(held) = selected(ctx, found, when, &s, id) else {
            continue;
        };
        let mut o = Occ::new(id.clone(), at.date(), what.clone());
        o.at = at;
        o.steps = held;
        if let Some(condition::Val::Text(l)) = s.fact(ctx, "level") {
            o.level = Some(l.into_owned());
        }
        if let Some(condition::Val::Text(i)) = s.fact(ctx, "item") {
            o.item = Some(i.into_owned());
        }
        facts_of(ctx, found, p, &s, id, &mut o);
        out.push(o);
    }
}

fn staff_label(k: StaffKind) -> Label {
    match k {
        StaffKind::Change => label(
            "更换维护人员未提前通知或未经书面同意",
            "an engineer replaced without notice or written consent",
        ),
        StaffKind::LeftWithoutFiling => label(
            "驻场人员未报备离岗",
            "a resident engineer left the site without filing",
        ),
        StaffKind::LateForDuty => label("值班人员迟到", "a duty engineer was late"),
        StaffKind::NoAnswerOnDuty => label(
            "节假日值班未响应紧急问题",
            "holiday duty: an urgent problem was not answered",
        ),
        StaffKind::Unresponsive => label(
            "人员信息有误或人员不响应",
            "staff information wrong or staff not responding",
        ),
    }
}
