//! Rights that arise at thresholds: the day each arises and what follows.
//!
//! A right is a date, not an amount: the buyer may terminate from the day the cap is reached
//! (004 §7.2), the seller may stop service on the 60th day unpaid (000 §4.4(1)). Penalty
//! thresholds are measured on the clause's running total before caps, to the exact day late
//! for penalties that accrue by the day.

use chrono::{Days, NaiveDate};

use super::super::context::{label, BaseFacts, Ctx};
use super::super::Schedule;
use super::formula::{day_reaching, Priced};
use super::Work;
use crate::domain::contract::{Base, Clause, Consequence, Label, Right, RightRule, Threshold};
use crate::domain::money::{Amount, Rate};
use crate::domain::report::{ConsequenceResult, RightResult, Step};

fn threshold_amount(ctx: &Ctx<'_>, rate: Rate, base: &Base) -> Option<Amount> {
    ctx.base(base, BaseFacts::default())?
        .amount
        .checked_mul_rate(rate)
}

/// The day a running total of lines (in date order) first reaches `t` (exceeds it, `strict`).
pub fn crossing(ctx: &Ctx<'_>, lines: &[Priced], t: Amount, strict: bool) -> Option<NaiveDate> {
    let mut running = Amount::ZERO;
    for l in lines.iter().filter(|l| !l.void) {
        let next = running.checked_add(l.amount)?;
        let hit = if strict { next > t } else { next >= t };
        if hit && !l.amount.is_zero() {
            let needed = t.checked_sub(running)?;
            return Some(day_reaching(ctx, l, needed, strict));
        }
        running = next;
    }
    None
}

fn what(t: &Threshold) -> Label {
    match t {
        Threshold::DaysLateOver { days } => label(
            format!("逾期超过 {days} 日"),
            format!("more than {days} days late"),
        ),
        Threshold::DaysLateAtLeast { days } => {
            label(format!("逾期满 {days} 日"), format!("{days} days late"))
        }
        Threshold::CapReached => label("违约金达到上限", "the penalty reaches its cap"),
        Threshold::PenaltyReaches { rate, .. } => label(
            format!("违约金累计达到 {}", rate.format_percent()),
            format!("the penalty reaches {}", rate.format_percent()),
        ),
        Threshold::PenaltyExceeds { rate, .. } => label(
            format!("违约金累计超过 {}", rate.format_percent()),
            format!("the penalty exceeds {}", rate.format_percent()),
        ),
        Threshold::LossExceeds { rate, .. } => label(
            format!("损失超过 {}", rate.format_percent()),
            format!("the loss exceeds {}", rate.format_percent()),
        ),
        Threshold::AnyOccurrence => label("发生违约", "a breach occurred"),
        Threshold::OccurrencesAtLeast { count } => label(
            format!("违约达到 {count} 次"),
            format!("the {count}th breach"),
        ),
    }
}

fn consequences(ctx: &Ctx<'_>, cs: &[Consequence], schedule: &Schedule) -> Vec<ConsequenceResult> {
    cs.iter()
        .map(|c| match c {
            Consequence::RefundAllPayments => ConsequenceResult {
                label: label("退还已收取的全部款项", "refund of all payments received"),
                amount: Some(
                    schedule
                        .milestones
                        .iter()
                        .fold(Amount::ZERO, |s, m| s.checked_add(m.paid).unwrap_or(s)),
                ),
            },
            Consequence::Pay { rate, base } => ConsequenceResult {
                label: label(
                    format!("另行支付 {}", rate.format_percent()),
                    format!("a further {}", rate.format_percent()),
                ),
                amount: threshold_amount(ctx, *rate, base),
            },
            Consequence::PayAmount { amount } => ConsequenceResult {
                label: label("另行支付约定金额", "a further stated amount"),
                amount: Some(*amount),
            },
        })
        .collect()
}

fn not_reached() -> Step {
    Step::Note {
        zh: "尚未达到条件".into(),
        en: "the threshold is not reached".into(),
    }
}

fn result(
    ctx: &Ctx<'_>,
    clause: &str,
    r: &Right,
    arises: Option<NaiveDate>,
    extra: Vec<Step>,
    schedule: &Schedule,
) -> RightResult {
    let mut steps = extra;
    match arises {
        Some(on) => steps.push(Step::ThresholdReached {
            what: what(&r.when),
            on,
        }),
        None => steps.push(not_reached()),
    }
    RightResult {
        clause: clause.to_string(),
        holder: r.holder,
        right: r.right,
        arises,
        steps,
        consequences: consequences(ctx, &r.consequences, schedule),
    }
}

/// The rights of a penalty clause.
pub(crate) fn clause_rights(ctx: &Ctx<'_>, w: &Work<'_>, schedule: &Schedule) -> Vec<RightResult> {
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
                Threshold::PenaltyReaches { rate, base }
                | Threshold::PenaltyExceeds { rate, base } => {
                    let strict = matches!(r.when, Threshold::PenaltyExceeds { .. });
                    match threshold_amount(ctx, *rate, base) {
                        Some(t) => {
                            extra.push(Step::Note {
                                zh: format!("门槛金额：{}", t.format()),
                                en: format!("threshold: {}", t.format()),
                            });
                            crossing(ctx, &w.lines, t, strict)
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
            result(ctx, &w.clause.id, r, arises, extra, schedule)
        })
        .collect()
}

/// The rights of a `Right` rule: thresholds on the occurrences the record states for it.
pub fn right_rule(
    ctx: &Ctx<'_>,
    clause: &Clause,
    rr: &RightRule,
    schedule: &Schedule,
) -> Vec<RightResult> {
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
            result(ctx, &clause.id, r, arises, extra, schedule)
        })
        .collect()
}

/// The date of the `n`-th occurrence in date order (None when there are fewer).
fn nth_date(dates: impl Iterator<Item = chrono::NaiveDate>, n: u32) -> Option<chrono::NaiveDate> {
    let mut all: Vec<_> = dates.collect();
    crate::domain::order::sort(&mut all);
    all.get(usize::try_from(n).ok()?.checked_sub(1)?).copied()
}
