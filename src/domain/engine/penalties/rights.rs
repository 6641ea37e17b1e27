//! Rights that arise at thresholds: the day each arises and what follows.
//!
//! A right is a date, not an amount: the buyer may terminate from the day the cap is reached
//! (004 §7.2), the seller may stop service on the 60th day unpaid (000 §4.4(1)). Penalty
//! thresholds are measured on the running total their [`Measure`] names — the penalty alone
//! before caps unless the threshold says otherwise (004 §7.3: the right arises on the penalty,
//! the interest beside it counts only for the cap) — to the exact day late for penalties that
//! accrue by the day.

use chrono::{Days, NaiveDate};

use super::super::context::{label, BaseFacts, Ctx};
use super::super::error::{fen, sum, EvalError, Figure, Overflow};
use super::super::Schedule;
use super::formula::{day_reaching_part, Part, Priced};
use super::Work;
use crate::domain::contract::{
    Base, Clause, Consequence, Label, Measure, Right, RightRule, Threshold,
};
use crate::domain::money::{Amount, Rate};
use crate::domain::report::{ConsequenceResult, RightResult, Step};

fn threshold_amount(ctx: &Ctx<'_>, rate: Rate, base: &Base) -> Option<Amount> {
    ctx.base(base, BaseFacts::default())?
        .amount
        .checked_mul_rate(rate)
}

/// The day a running total first reaches `t` (exceeds it, `strict`): `lines` in date order,
/// each with the amount it adds, which accrues as the line's `part` does.
pub fn crossing<'l>(
    ctx: &Ctx<'_>,
    lines: impl IntoIterator<Item = (&'l Priced, Amount)>,
    part: Part,
    t: Amount,
    strict: bool,
) -> Option<NaiveDate> {
    let mut running = Amount::ZERO;
    for (l, a) in lines.into_iter().filter(|(l, _)| !l.void) {
        let next = running.checked_add(a)?;
        let hit = if strict { next > t } else { next >= t };
        if hit && !a.is_zero() {
            let needed = t.checked_sub(running)?;
            return Some(day_reaching_part(ctx, l, part, needed, strict));
        }
        running = next;
    }
    None
}

/// The day a threshold on the clause's `measure` is reached (exceeded, `strict`).
fn measured_crossing(
    ctx: &Ctx<'_>,
    w: &Work<'_>,
    measure: Measure,
    t: Amount,
    strict: bool,
) -> Option<NaiveDate> {
    let lines = w.lines.iter();
    match measure {
        Measure::Penalty => crossing(ctx, lines.map(|l| (l, l.penalty)), Part::Penalty, t, strict),
        Measure::Interest => crossing(
            ctx,
            lines.map(|l| (l, l.interest)),
            Part::Interest,
            t,
            strict,
        ),
        Measure::PenaltyAndInterest => {
            crossing(ctx, lines.map(|l| (l, l.amount)), Part::All, t, strict)
        }
        Measure::Deducted => crossing(ctx, lines.zip(w.owed.iter().copied()), Part::All, t, strict),
    }
}

/// What a penalty threshold measures, in words (the penalty "without interest" only where
/// the clause charges interest).
fn measure_label(m: Measure, with_interest: bool) -> Label {
    let (zh, en) = crate::domain::explain::measure_words(m, with_interest);
    label(zh, en)
}

fn what(t: &Threshold, with_interest: bool) -> Label {
    match t {
        Threshold::DaysLateOver { days } => label(
            format!("逾期超过 {days} 日"),
            format!("more than {days} days late"),
        ),
        Threshold::DaysLateAtLeast { days } => {
            label(format!("逾期满 {days} 日"), format!("{days} days late"))
        }
        Threshold::CapReached => label("违约金达到上限", "the penalty reaches its cap"),
        Threshold::PenaltyReaches { rate, measure, .. } => {
            let m = measure_label(*measure, with_interest);
            label(
                format!("{}累计达到 {}", m.zh, rate.format_percent()),
                format!(
                    "{} reaches {}",
                    m.en.unwrap_or_default(),
                    rate.format_percent()
                ),
            )
        }
        Threshold::PenaltyExceeds { rate, measure, .. } => {
            let m = measure_label(*measure, with_interest);
            label(
                format!("{}累计超过 {}", m.zh, rate.format_percent()),
                format!(
                    "{} exceeds {}",
                    m.en.unwrap_or_default(),
                    rate.format_percent()
                ),
            )
        }
        Threshold::LossExceeds { rate, .. } => label(
            format!("损失超过 {}", rate.format_percent()),
            format!("the loss exceeds {}", rate.format_percent()),
        ),
        Threshold::AnyOccurrence => label("发生违约", "a breach occurred"),
        Threshold::OccurrencesAtLeast { count } => label(
            format!("违约达到 {count} 次"),
            format!(
                "the {} breach",
                crate::domain::labels::ordinal_en(i64::from(*count))
            ),
        ),
    }
}

/// The amounts that follow from a right, each rounded half-up to the fen (a party pays them).
fn consequences(
    ctx: &Ctx<'_>,
    cs: &[Consequence],
    schedule: &Schedule,
) -> Result<Vec<ConsequenceResult>, Overflow> {
    let f = Figure::Consequence;
    cs.iter()
        .map(|c| {
            Ok(match c {
                Consequence::RefundAllPayments => ConsequenceResult {
                    label: label("退还已收取的全部款项", "refund of all payments received"),
                    amount: Some(fen(sum(schedule.milestones.iter().map(|m| m.paid), f)?, f)?),
                },
                Consequence::Pay { rate, base } => ConsequenceResult {
                    label: label(
                        format!("另行支付 {}", rate.format_percent()),
                        format!("a further {}", rate.format_percent()),
                    ),
                    amount: match ctx.base(base, BaseFacts::default()) {
                        Some(n) => Some(fen(
                            n.amount.checked_mul_rate(*rate).ok_or(Overflow(f))?,
                            f,
                        )?),
                        None => None,
                    },
                },
                Consequence::PayAmount { amount } => ConsequenceResult {
                    label: label("另行支付约定金额", "a further stated amount"),
                    amount: Some(fen(*amount, f)?),
                },
            })
        })
        .collect()
}

fn not_reached() -> Step {
    Step::Note {
        zh: "尚未达到条件".into(),
        en: "the threshold is not reached".into(),
    }
}

/// A right's result; `with_interest`: whether the clause charges interest besides its
/// penalty (for the words of a penalty threshold).
fn result(
    ctx: &Ctx<'_>,
    clause: &str,
    r: &Right,
    (arises, with_interest): (Option<NaiveDate>, bool),
    extra: Vec<Step>,
    schedule: &Schedule,
) -> Result<RightResult, EvalError> {
    let mut steps = extra;
    match arises {
        Some(on) => steps.push(Step::ThresholdReached {
            what: what(&r.when, with_interest),
            on,
        }),
        None => steps.push(not_reached()),
    }
    Ok(RightResult {
        clause: clause.to_string(),
        holder: r.holder,
        right: r.right,
        arises,
        steps,
        consequences: consequences(ctx, &r.consequences, schedule)
            .map_err(|e| e.at(clause, None))?,
    })
}

/// The rights of a penalty clause.
///
/// # Errors
/// An amount that follows from a right too large to compute.
pub(crate) fn clause_rights(
    ctx: &Ctx<'_>,
    w: &Work<'_>,
    schedule: &Schedule,
) -> Result<Vec<RightResult>, EvalError> {
    let live: Vec<&Priced> = w.lines.iter().filter(|l| !l.void).collect();
    w.penalty
        .rights
        .iter()
        .map(|r| {
            let mut extra = Vec::new();
            let arises = match &r.when {
                Threshold::DaysLateOver { days } | Threshold::DaysLateAtLeast { days } => {
                    let n = match r.when {
                        Threshold::DaysLateOver { .. } => u64::from(*days) + 1,
                        _ => u64::from(*days),
                    };
                    live.iter()
                        .filter_map(|l| l.late.as_ref())
                        .filter_map(|late| {
                            late.due
                                .checked_add_days(Days::new(n))
                                .filter(|d| *d <= late.until)
                        })
                        .min()
                }
                Threshold::CapReached => w.cap.as_ref().and_then(|c| c.reached_on),
                Threshold::PenaltyReaches {
                    rate,
                    base,
                    measure,
                }
                | Threshold::PenaltyExceeds {
                    rate,
                    base,
                    measure,
                } => {
                    let strict = matches!(r.when, Threshold::PenaltyExceeds { .. });
                    match threshold_amount(ctx, *rate, base) {
                        Some(t) => {
                            let m = measure_label(*measure, w.penalty.interest.is_some());
                            extra.push(Step::Note {
                                zh: format!("门槛金额：{}（计量：{}）", t.format(), m.zh),
                                en: format!(
                                    "threshold: {} (measured on {})",
                                    t.format(),
                                    m.en.unwrap_or_default()
                                ),
                            });
                            measured_crossing(ctx, w, *measure, t, strict)
                        }
                        None => {
                            extra.push(super::formula::missing_base(base));
                            None
                        }
                    }
                }
                Threshold::LossExceeds { rate, base } => match threshold_amount(ctx, *rate, base) {
                    Some(t) => live
                        .iter()
                        .filter(|l| l.loss.is_some_and(|x| x > t))
                        .map(|l| l.date)
                        .min(),
                    None => {
                        extra.push(super::formula::missing_base(base));
                        None
                    }
                },
                Threshold::AnyOccurrence => live.iter().map(|l| l.date).min(),
                Threshold::OccurrencesAtLeast { count } => {
                    nth_date(live.iter().map(|l| l.date), *count)
                }
            };
            let with_interest = w.penalty.interest.is_some();
            result(
                ctx,
                &w.clause.id,
                r,
                (arises, with_interest),
                extra,
                schedule,
            )
        })
        .collect()
}

/// The rights of a `Right` rule: thresholds on the occurrences the record states for it.
///
/// # Errors
/// An amount that follows from a right too large to compute.
pub fn right_rule(
    ctx: &Ctx<'_>,
    clause: &Clause,
    rr: &RightRule,
    schedule: &Schedule,
) -> Result<Vec<RightResult>, EvalError> {
    let occs = ctx.index.occurrences(&clause.id);
    rr.rights
        .iter()
        .map(|r| {
            let mut extra = Vec::new();
            let arises = match &r.when {
                Threshold::LossExceeds { rate, base } => match threshold_amount(ctx, *rate, base) {
                    Some(t) => occs
                        .iter()
                        .filter(|o| o.loss.is_some_and(|x| x > t))
                        .map(|o| o.date)
                        .min(),
                    None => {
                        extra.push(super::formula::missing_base(base));
                        None
                    }
                },
                Threshold::AnyOccurrence => occs.iter().map(|o| o.date).min(),
                Threshold::OccurrencesAtLeast { count } => {
                    nth_date(occs.iter().map(|o| o.date), *count)
                }
                _ => {
                    extra.push(Step::Note {
                        zh: "此类条件只适用于违约金条款".into(),
                        en: "this threshold applies to penalty clauses only".into(),
                    });
                    None
                }
            };
            result(ctx, &clause.id, r, (arises, false), extra, schedule)
        })
        .collect()
}

/// The date of the `n`-th occurrence in date order (None when there are fewer).
fn nth_date(dates: impl Iterator<Item = chrono::NaiveDate>, n: u32) -> Option<chrono::NaiveDate> {
    let mut all: Vec<_> = dates.collect();
    crate::domain::order::sort(&mut all);
    all.get(usize::try_from(n).ok()?.checked_sub(1)?).copied()
}
