//! Exposure: what a delay clause costs by days late, so a reader sees how fast it grows, where
//! it stops (the cap) and when the other side may walk away (the first right).
//!
//! For a late-payment clause the base is the largest milestone's amount (or the clause's own
//! base when it is not the overdue amount).

use super::super::context::{BaseFacts, Ctx};
use super::super::Schedule;
use super::formula::{mul_int, period_days, periods};
use super::{cap_limit, Work};
use crate::domain::contract::{Formula, Measure, Threshold, Trigger};
use crate::domain::money::Amount;
use crate::domain::report::{Exposure, ExposurePoint};

/// The furthest day late scanned for the cap and rights.
const MAX_SCAN: u32 = 3660;
/// The most points a curve has.
const MAX_POINTS: usize = 120;

/// The exposure of a delay clause; None for other clauses or when its base is not known.
pub(crate) fn exposure(ctx: &Ctx<'_>, w: &Work<'_>, schedule: &Schedule) -> Option<Exposure> {
    let p = w.penalty;
    let largest = schedule.milestones.iter().filter_map(|m| m.amount).max();
    let facts = match &p.trigger {
        Trigger::Deadline { .. } => BaseFacts::default(),
        Trigger::LatePayment { .. } => BaseFacts {
            overdue: largest,
            ..BaseFacts::default()
        },
        _ => return None,
    };
    let reading = w.reading.as_deref().unwrap_or("complete");
    // (amount per unit, unit length in days, started periods count)
    let (base, rate, pd, started) = match &p.formula {
        Formula::PerDay { rate, base, .. } => (base, *rate, 1i64, false),
        Formula::PerPeriod { period, rate, base } => {
            let (pd, _) = period_days(*period)?;
            (base, *rate, pd, reading == "started")
        }
        Formula::PerOccurrence(_) => return None,
    };
    let named = ctx.base(base, facts)?;
    let step = named.amount.checked_mul_rate(rate)?;
    let daily_interest = match p.interest {
        Some(ir) => named.amount.checked_mul_rate(ir)?,
        None => Amount::ZERO,
    };
    let penalty_at = |d: u32| mul_int(step, periods(i64::from(d), pd, started));
    let interest_at = |d: u32| mul_int(daily_interest, i64::from(d));
    let uncapped = |d: u32| -> Option<Amount> { penalty_at(d)?.checked_add(interest_at(d)?) };
    let cap = p
        .cap
        .as_ref()
        .and_then(|c| cap_limit(ctx, c, facts))
        .map(|(l, _)| l);
    let first_day = |pred: &dyn Fn(Amount) -> bool| -> Option<u32> {
        (1..=MAX_SCAN).find(|d| uncapped(*d).is_some_and(pred))
    };
    let cap_day = cap.and_then(|c| first_day(&|a| a >= c));
    // The running total a threshold measures, by days late.
    let measured = |m: Measure, d: u32| -> Option<Amount> {
        match m {
            Measure::Penalty => penalty_at(d),
            Measure::Interest => interest_at(d),
            Measure::PenaltyAndInterest => uncapped(d),
            Measure::Deducted => uncapped(d).map(|a| cap.map_or(a, |c| a.min(c))),
        }
    };
    let first_measured = |m: Measure, pred: &dyn Fn(Amount) -> bool| -> Option<u32> {
        (1..=MAX_SCAN).find(|d| measured(m, *d).is_some_and(pred))
    };
    let mut right_day: Option<u32> = None;
    for r in &p.rights {
        let d = match &r.when {
            Threshold::DaysLateOver { days } => days.checked_add(1),
            Threshold::DaysLateAtLeast { days } => Some(*days),
            Threshold::CapReached => cap_day,
            Threshold::PenaltyReaches {
                rate,
                base,
                measure,
            } => ctx
                .base(base, BaseFacts::default())
                .and_then(|n| n.amount.checked_mul_rate(*rate))
                .and_then(|t| first_measured(*measure, &|a| a >= t)),
            Threshold::PenaltyExceeds {
                rate,
                base,
                measure,
            } => ctx
                .base(base, BaseFacts::default())
                .and_then(|n| n.amount.checked_mul_rate(*rate))
                .and_then(|t| first_measured(*measure, &|a| a > t)),
            Threshold::LossExceeds { .. }
            | Threshold::AnyOccurrence
            | Threshold::OccurrencesAtLeast { .. } => None,
        };
        if let Some(d) = d {
            right_day = Some(right_day.map_or(d, |r| r.min(d)));
        }
    }
    let amount_at = |d: u32| -> Amount {
        let a = uncapped(d).unwrap_or(Amount::ZERO);
        match cap {
            Some(c) if a > c => c,
            _ => a,
        }
    };
    let pd32 = u32::try_from(pd).unwrap_or(u32::MAX).max(1);
    let stop = cap_day.into_iter().chain(right_day).max();
    let mut points = Vec::new();
    if pd == 1 {
        // Per day: up to the cap / right day and a few more (60 days when there is neither).
        // Every day while that fits in MAX_POINTS; beyond, evenly spaced days plus the cap and
        // right days themselves, so the curve always reaches what the clause can cost.
        let last = stop.map_or(60, |s| s.saturating_add(3)).min(MAX_SCAN);
        let budget = u32::try_from(MAX_POINTS)
            .unwrap_or(120)
            .saturating_sub(3)
            .max(1);
        let step = last.div_ceil(budget).max(1);
        let mut days: Vec<u32> = (0..=last).step_by(step as usize).collect();
        days.extend(cap_day.into_iter().chain(right_day).filter(|d| *d <= last));
        days.push(last);
        crate::domain::order::sort(&mut days);
        days.dedup();
        for d in days {
            points.push(ExposurePoint {
                days: d,
                amount: amount_at(d),
            });
        }
    } else {
        // Per period: each boundary where the amount changes.
        let last = stop.map_or_else(
            || pd32.saturating_mul(10).max(60),
            |s| s.saturating_add(pd32),
        );
        points.push(ExposurePoint {
            days: 0,
            amount: Amount::ZERO,
        });
        let mut k: u32 = 1;
        while points.len() < MAX_POINTS {
            let d = if started {
                (k - 1).saturating_mul(pd32).saturating_add(1)
            } else {
                k.saturating_mul(pd32)
            };
            if d > last || d == u32::MAX {
                break;
            }
            points.push(ExposurePoint {
                days: d,
                amount: amount_at(d),
            });
            if cap.is_some_and(|c| amount_at(d) >= c) && right_day.is_none_or(|r| d >= r) {
                break;
            }
            k = k.saturating_add(1);
        }
    }
    let worst = match cap {
        Some(c) => c,
        None => points.last().map_or(Amount::ZERO, |p| p.amount),
    };
    Some(Exposure {
        clause: w.clause.id.clone(),
        payer: p.payer,
        points,
        cap,
        cap_day,
        right_day,
        worst,
        uncapped: cap.is_none(),
    })
}
