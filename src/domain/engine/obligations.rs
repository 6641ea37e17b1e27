//! Obligation instances and their status: the compliance checklist.
//!
//! Why: a duty such as "a quarterly inspection before the 5th working day of each quarter"
//! (002 附件3 1.1) or "six inspections a day" (003) is a recurrence rule. Expanded over the
//! term it gives dated instances the user can tick off, and penalty clauses count the instances
//! missed. Expanding here, once, keeps every part reading the same due dates.
//!
//! Rules used:
//! - the range is the term: its days are counted from the day after the start to the end
//!   inclusive (Civil Code Art. 201); without a term clause, from the day after signing to the
//!   as-of date plus one period;
//! - `Day`: every day of the range, `times` required each day; `Month` / `Quarter`: every
//!   calendar month / quarter overlapping the range, due on `day_of_month` (the month's last
//!   day where it has no such day; for quarters, of the quarter's last month), on the N-th
//!   working day of the period (of the next period with `in_next_period`), or at the period's
//!   end — dates on the calendar, which are not moved; `ContractYear`: the last day of each full
//!   contract year of the range, a period in years from the start (Civil Code Art. 201–203,
//!   [`Ctx::period`]): a year ending on a statutory day off is due on the next working day
//!   unless the clause switches the move off (001 §8 from 2023-03-01: Saturday 2025-03-01 →
//!   Monday 03-03), and later years still count from the corresponding day;
//! - the last period is cut at the term's end: an instance due at the end of a period that
//!   runs past the term falls due on the term's last day (a quarterly inspection for a quarter
//!   the contract ends in is due when it ends);
//! - an instance due on a day of the month or a working day of the period, before the range
//!   starts or after the term's end, is dropped (the duty lives with the contract: no duty
//!   roster for the month after the end), except an `in_next_period` one due after the end,
//!   which reports on a period of the term;
//! - status: `Done` when the recorded count reaches the required count by the due date,
//!   `DoneLate` when it does so later, `Missed` when the due date has passed without it,
//!   `DueSoon` when the due date is within `due_soon` (7 days by default) after the as-of date,
//!   `NotYetDue` otherwise. Records of done instances are matched by obligation and due date
//!   through a map, so a three-year daily duty costs no more than a linear pass.

use std::collections::HashMap;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::condition::{self, Timers};
use super::{periods, Ctx};
use crate::domain::calendar::Calendar;
use crate::domain::contract::{
    Clause, Condition, Obligation, Period, Rule, Schedule, Side, Span, SpanUnit,
};
use crate::domain::period::{Length, Unit};
use crate::domain::report::{ObligationInstance, ObligationStatus, TimerResult};

/// The default "due soon" window.
const DUE_SOON_DAYS: u32 = 7;

// The most instances one clause expands to: a guard that a record which loaded never
// reaches (`engine::limits` refuses it at load).
use crate::domain::bounds::MAX_INSTANCES;

/// Done records of one instance: (date, count), sorted by date.
type DoneIndex<'a> = HashMap<(&'a str, NaiveDate), Vec<(NaiveDate, u32)>>;

/// Every instance of every obligation clause over the term, up to the as-of date and beyond.
pub fn evaluate(ctx: &Ctx<'_>, sla: &[TimerResult]) -> Vec<ObligationInstance> {
    let mut index: DoneIndex<'_> = HashMap::new();
    for d in &ctx.events.done {
        index
            .entry((d.obligation.as_str(), d.due))
            .or_default()
            .push((d.date, d.count));
    }
    for v in index.values_mut() {
        crate::domain::order::sort(v);
    }
    let mut out = Vec::new();
    let timers = Timers::of(ctx, sla);
    for clause in &ctx.contract.clauses {
        let Rule::Obligation(ob) = &clause.rule else {
            continue;
        };
        let threshold = soon_threshold(ctx, ob.due_soon);
        if let Schedule::OnEntry { kind, when, due } = &ob.schedule {
            for (due, party) in on_entries(ctx, &timers, kind, when.as_ref(), *due) {
                let mut i = instance(ctx, clause, ob, &index, due, 1, threshold);
                i.party = party;
                out.push(i);
            }
            continue;
        }
        let dues = match &ob.schedule {
            Schedule::After { obligation, span } => after(ctx, &out, obligation, *span),
            _ => due_dates(ctx, ob),
        };
        for (due, required) in dues {
            out.push(instance(ctx, clause, ob, &index, due, required, threshold));
        }
    }
    out
}

/// The due dates of a duty that follows another's done instances: for each instance of
/// `obligation` (already expanded, in `done`) that was done, the period `span` after the day it
/// was done (Civil Code Art. 201–203, [`Ctx::add_span`] with the holiday move). The other
/// obligation comes earlier in the contract (the loader checks it).
fn after(
    ctx: &Ctx<'_>,
    done: &[ObligationInstance],
    obligation: &str,
    span: Span,
) -> Vec<(NaiveDate, u32)> {
    let mut out: Vec<(NaiveDate, u32)> = done
        .iter()
        .filter(|i| i.clause == obligation)
        .filter(|i| {
            matches!(
                i.status,
                ObligationStatus::Done | ObligationStatus::DoneLate
            )
        })
        .filter_map(|i| ctx.add_span(i.done?, span, true))
        .map(|d| (d, 1))
        .collect();
    crate::domain::order::sort(&mut out);
    out.dedup();
    out
}

/// The last due date that still counts as "due soon" (a window shown to the user, not a time
/// to act: Art. 203 does not move it).
fn soon_threshold(ctx: &Ctx<'_>, span: Option<Span>) -> NaiveDate {
    let span = span.unwrap_or(Span {
        n: DUE_SOON_DAYS,
        unit: SpanUnit::Days,
    });
    match span.unit {
        SpanUnit::Minutes | SpanUnit::Hours => ctx.as_of,
        _ => ctx.add_span(ctx.as_of, span, false).unwrap_or(ctx.as_of),
    }
}

fn instance(
    ctx: &Ctx<'_>,
    clause: &Clause,
    ob: &Obligation,
    index: &DoneIndex<'_>,
    due: NaiveDate,
    required: u32,
    soon: NaiveDate,
) -> ObligationInstance {
    let mut count = 0u32;
    let mut completed = None;
    let mut last = None;
    if let Some(records) = index.get(&(clause.id.as_str(), due)) {
        for &(date, n) in records {
            count = count.saturating_add(n);
            last = Some(date);
            if completed.is_none() && count >= required {
                completed = Some(date);
            }
        }
    }
    let status = match completed {
        Some(d) if d <= due => ObligationStatus::Done,
        Some(_) => ObligationStatus::DoneLate,
        None if due < ctx.as_of => ObligationStatus::Missed,
        None if due <= soon => ObligationStatus::DueSoon,
        None => ObligationStatus::NotYetDue,
    };
    ObligationInstance {
        clause: clause.id.clone(),
        label: clause.title.clone(),
        party: ob.party.nominal(),
        due,
        required,
        done_count: count,
        done: completed.or(last),
        status,
    }
}

/// The instances of a duty per entry: for every entry of `kind` for which `when` holds, the due
/// date `span` after the entry's day (a period: Civil Code Art. 201–203) and the party its
/// `party` fact names (the seller where none: a duty of a fixed party takes that party instead).
fn on_entries(
    ctx: &Ctx<'_>,
    timers: &Timers<'_>,
    kind: &str,
    when: Option<&Condition>,
    span: Span,
) -> Vec<(NaiveDate, Side)> {
    let hours = crate::domain::calendar::WorkingHours::standard();
    let mut out = Vec::new();
    for (e, id) in ctx.events.entries.iter().zip(&ctx.entry_ids) {
        if e.kind != kind {
            continue;
        }
        let Some(day) = e.instant().map(|t| t.date()) else {
            continue;
        };
        let s = condition::Subject::Entry(e);
        let env = condition::Env {
            ctx,
            hours: &hours,
            timers,
            id,
        };
        if when.is_some_and(|c| !condition::holds(&env, c, &s)) {
            continue;
        }
        let Some(due) = ctx.add_span(day, span, true) else {
            continue;
        };
        let party = match s.fact(ctx, "party") {
            Some(condition::Val::Text(t)) if t == "buyer" => Side::Buyer,
            _ => Side::Seller,
        };
        out.push((due, party));
        if out.len() >= MAX_INSTANCES {
            break;
        }
    }
    out
}

/// The due dates of an obligation's instances with the count each requires, ascending.
pub(crate) fn due_dates(ctx: &Ctx<'_>, ob: &Obligation) -> Vec<(NaiveDate, u32)> {
    match &ob.schedule {
        // Due dates that follow another obligation's done instances: see [`after`].
        Schedule::After { .. } => Vec::new(),
        Schedule::OnEntry { kind, when, due } => {
            on_entries(ctx, &Timers::default(), kind, when.as_ref(), *due)
                .into_iter()
                .map(|(d, _)| (d, 1))
                .collect()
        }
        Schedule::Once { due } => ctx
            .resolve(due, None)
            .map(|r| vec![(r.date, 1)])
            .unwrap_or_default(),
        Schedule::Every {
            every,
            day_of_month,
            working_day_of_period,
            in_next_period,
            times,
            no_holiday_extension,
        } => {
            let Some((first, last, start, from_term)) = range(ctx, *every) else {
                return Vec::new();
            };
            let mut out = every_due(
                ctx,
                *every,
                (first, last, start, from_term),
                DueRule {
                    day_of_month: *day_of_month,
                    working_day: *working_day_of_period,
                    next: *in_next_period,
                },
                *times,
                *no_holiday_extension,
            );
            // A duty the contract says runs from a later day (the service's start) has no
            // instance due before it (004: signed 07-20, service from 08-01: no July roster).
            if let Some(from) = ob.from.as_ref().and_then(|w| ctx.resolve(w, None)) {
                out.retain(|(due, _)| *due >= from.date);
            }
            out
        }
    }
}

/// The due dates of an `every` schedule over its range (see the module's rules).
fn every_due(
    ctx: &Ctx<'_>,
    every: Period,
    (first, last, start, from_term): (NaiveDate, NaiveDate, NaiveDate, bool),
    rule: DueRule,
    times: u32,
    no_holiday_extension: bool,
) -> Vec<(NaiveDate, u32)> {
    let (every, times, no_holiday_extension) = (&every, &times, &no_holiday_extension);
    let mut out = Vec::new();
    match every {
        Period::Day => {
            let mut d = first;
            while d <= last && out.len() < MAX_INSTANCES {
                out.push((d, *times));
                let Some(n) = d.succ_opt() else { break };
                d = n;
            }
        }
        Period::Week | Period::Month | Period::Quarter | Period::CalendarYear => {
            let Some(mut p) = periods::start(ctx, *every, first) else {
                return out;
            };
            while p <= last && out.len() < MAX_INSTANCES {
                let Some(next) = periods::next(*every, p) else {
                    break;
                };
                if let Some(due) = rule.due(ctx.calendar, p, next, *every) {
                    if rule.at_period_end() && from_term && due > last {
                        out.push((last, *times));
                    } else if due >= first && (due <= last || rule.next) {
                        out.push((due, *times));
                    }
                }
                p = next;
            }
        }
        Period::ContractYear => {
            let mut k = 1u32;
            while out.len() < MAX_INSTANCES {
                let Some(end) = k
                    .checked_mul(12)
                    .and_then(|m| start.checked_add_months(Months::new(m)))
                else {
                    break;
                };
                if end > last {
                    break;
                }
                let year = Length {
                    n: i64::from(k),
                    unit: Unit::Years,
                };
                let Some(due) = ctx.period(start, &[year], !no_holiday_extension, None) else {
                    break;
                };
                out.push((due.last_day(), *times));
                k += 1;
            }
        }
    }
    out
}

/// The first and last day of the range, the start it is counted from, and whether the range is
/// the term's.
fn range(ctx: &Ctx<'_>, every: Period) -> Option<(NaiveDate, NaiveDate, NaiveDate, bool)> {
    if let (Some(s), Some(e)) = (ctx.event_date("term_start"), ctx.event_date("term_end")) {
        return Some((s.succ_opt()?, e, s, true));
    }
    let s = ctx
        .event_date("signing")
        .or_else(|| ctx.event_date("effective"))?;
    let e = match every {
        Period::Day => ctx.as_of.checked_add_days(Days::new(1))?,
        Period::Month => ctx.as_of.checked_add_months(Months::new(1))?,
        Period::Week => ctx.as_of.checked_add_days(Days::new(7))?,
        Period::Quarter => ctx.as_of.checked_add_months(Months::new(3))?,
        Period::ContractYear | Period::CalendarYear => {
            ctx.as_of.checked_add_months(Months::new(12))?
        }
    };
    Some((s.succ_opt()?, e, s, false))
}

/// How a month's or quarter's instance falls due.
struct DueRule {
    day_of_month: Option<u32>,
    working_day: Option<u32>,
    next: bool,
}

impl DueRule {
    /// Whether instances fall due at the end of their own period.
    fn at_period_end(&self) -> bool {
        self.day_of_month.is_none() && self.working_day.is_none() && !self.next
    }

    /// The due date of the period `[p, next)`.
    fn due(
        &self,
        cal: &Calendar,
        p: NaiveDate,
        next: NaiveDate,
        every: Period,
    ) -> Option<NaiveDate> {
        let (p, next) = if self.next {
            (next, periods::next(every, next)?)
        } else {
            (p, next)
        };
        let end = next.pred_opt()?;
        if let Some(n) = self.working_day {
            // The n-th working day on or after the period's first day.
            return cal.checked_add_working_days(p.pred_opt()?, u64::from(n.max(1)));
        }
        if let Some(day) = self.day_of_month {
            let y = end.year();
            let m = end.month();
            let d = day.clamp(1, end.day());
            return NaiveDate::from_ymd_opt(y, m, d);
        }
        Some(end)
    }
}
