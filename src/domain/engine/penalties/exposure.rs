//! Exposure: what a delay clause costs by days late, so a reader sees how fast it grows, where
//! it stops (the cap) and when the other side may walk away (the first right).
//!
//! For a late-payment clause the base is the largest milestone's amount (or the clause's own
//! base when it is not the overdue amount).
//!
//! Each day is priced as a line would be: the penalty and the interest each rounded half-up to
//! the fen, the cap rounded; a day too large to compute is an error, not the end of the curve.

use super::super::context::{BaseFacts, Ctx};
use super::super::error::{add, fen, Figure, Overflow};
use super::super::Schedule;
use super::days::{banded, day_bands};
use super::formula::{accrued, in_force, period_days, periods};
use super::{cap_limit, Work};
use crate::domain::contract::{Formula, Measure, Threshold, Trigger};
use crate::domain::money::Amount;
use crate::domain::report::{Exposure, ExposurePoint};

/// The furthest day late scanned for the cap and rights.
const MAX_SCAN: u32 = 3660;
/// The most points a curve has.
const MAX_POINTS: usize = 120;

/// The exposure of a delay clause; None for other clauses or when its base is not known.
///
/// # Errors
/// [`Figure::Penalty`] when a day of the curve is too large to compute.
pub(crate) fn exposure(
    ctx: &Ctx<'_>,
    w: &Work<'_>,
    schedule: &Schedule,
) -> Result<Option<Exposure>, Overflow> {
    let p = w.penalty;
    let largest = schedule.milestones.iter().filter_map(|m| m.amount).max();
    let facts = match &p.trigger {
        Trigger::Deadline { .. } => BaseFacts::default(),
        Trigger::LatePayment { .. } => BaseFacts {
            overdue: largest,
            ..BaseFacts::default()
        },
        _ => return Ok(None),
    };
    let (formula, reading, _) = in_force(p, w.reading.as_deref().unwrap_or(""));
    // (the per-day rates or the period's rate, unit length in days, started periods count)
    let (base, rates, pd, started) = match formula {
        Formula::PerDay {
            rate,
            schedule,
            base,
            ..
        } => (base, Ok((*rate, schedule.as_slice())), 1i64, false),
        Formula::PerPeriod { period, rate, base } => {
            let Some((pd, _)) = period_days(*period) else {
                return Ok(None);
            };
            (base, Err(*rate), pd, reading == "started")
        }
        Formula::PerOccurrence(_) => return Ok(None),
    };
    let Some(named) = ctx.base(base, facts) else {
        return Ok(None);
    };
    let too_large = Overflow(Figure::Penalty);
    // A per-day formula by its bands (its free days, its reading); a period's step otherwise.
    let (step, bands) = match rates {
        Ok((rate, schedule)) => {
            let b = day_bands(rate, schedule, named.amount).ok_or(too_large)?;
            (Amount::ZERO, Some(b))
        }
        Err(rate) => (named.amount.checked_mul_rate(rate).ok_or(too_large)?, None),
    };
    let (free, whole) = match formula {
        Formula::PerDay { start_after, .. } => (i64::from(*start_after), reading == "whole"),
        _ => (0, false),
    };
    let daily_interest = match p.interest {
        Some(ir) => named
            .amount
            .checked_mul_rate(ir)
            .ok_or(Overflow(Figure::Interest))?,
        None => Amount::ZERO,
    };
    // What a line `d` days late costs: the penalty and the interest each rounded to the fen.
    let penalty_at = |d: u32| match &bands {
        Some(b) => fen(
            banded(i64::from(d), free, b, whole).ok_or(too_large)?,
            Figure::Penalty,
        ),
        None => accrued(step, periods(i64::from(d), pd, started), Figure::Penalty),
    };
    let charged = |d: u32| (i64::from(d) - free).max(0);
    let interest_at = |d: u32| accrued(daily_interest, charged(d), Figure::Interest);
    let uncapped = |d: u32| -> Result<Amount, Overflow> {
        add(penalty_at(d)?, interest_at(d)?, Figure::Penalty)
    };
    let cap = match &p.cap {
        Some(c) => cap_limit(ctx, c, facts)?.map(|cl| cl.limit),
        None => None,
    };
    // The running total a threshold measures, by days late.
    let measured = |m: Measure, d: u32| -> Result<Amount, Overflow> {
        match m {
            Measure::Penalty => penalty_at(d),
            Measure::Interest => interest_at(d),
            Measure::PenaltyAndInterest => uncapped(d),
            Measure::Deducted => uncapped(d).map(|a| cap.map_or(a, |c| a.min(c))),
        }
    };
    let first_measured =
        |m: Measure, pred: &dyn Fn(Amount) -> bool| -> Result<Option<u32>, Overflow> {
            for d in 1..=MAX_SCAN {
                if pred(measured(m, d)?) {
                    return Ok(Some(d));
                }
            }
            Ok(None)
        };
    let cap_day = match cap {
        Some(c) => first_measured(Measure::PenaltyAndInterest, &|a| a >= c)?,
        None => None,
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
            } => match threshold_of(ctx, *rate, base) {
                Some(t) => first_measured(*measure, &|a| a >= t)?,
                None => None,
            },
            Threshold::PenaltyExceeds {
                rate,
                base,
                measure,
            } => match threshold_of(ctx, *rate, base) {
                Some(t) => first_measured(*measure, &|a| a > t)?,
                None => None,
            },
            Threshold::LossExceeds { .. }
            | Threshold::AnyOccurrence
            | Threshold::OccurrencesAtLeast { .. } => None,
        };
        if let Some(d) = d {
            right_day = Some(right_day.map_or(d, |r| r.min(d)));
        }
    }
    let amount_at = |d: u32| -> Result<Amount, Overflow> {
        let a = uncapped(d)?;
        Ok(match cap {
            Some(c) if a > c => c,
            _ => a,
        })
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
                amount: amount_at(d)?,
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
            let amount = amount_at(d)?;
            points.push(ExposurePoint { days: d, amount });
            if cap.is_some_and(|c| amount >= c) && right_day.is_none_or(|r| d >= r) {
                break;
            }
            k = k.saturating_add(1);
        }
    }
    let worst = match cap {
        Some(c) => c,
        None => points.last().map_or(Amount::ZERO, |p| p.amount),
    };
    Ok(Some(Exposure {
        clause: w.clause.id.clone(),
        payer: p.payer.nominal(),
        points,
        cap,
        cap_day,
        right_day,
        worst,
        uncapped: cap.is_none(),
    }))
}

/// A threshold's amount: a rate of a base (None while the base is unknown or too large).
fn threshold_of(
    ctx: &Ctx<'_>,
    rate: crate::domain::money::Rate,
    base: &crate::domain::contract::Base,
) -> Option<Amount> {
    ctx.base(base, BaseFacts::default())?
        .amount
        .checked_mul_rate(rate)
}
