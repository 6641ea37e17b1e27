//! The payment schedule: amounts, due dates, what was paid and when, what is late.
//!
//! Why: late-payment penalties (004 §7.3: 0.1% of the overdue amount per day) need more than a
//! due date and a payment date. A milestone may be paid in parts, some on time and some late,
//! and part may still be unpaid; its amount may hang on a fact known later (002: 15% of the
//! audited price) and its due date on an invoice, an acceptance and a count of major faults.
//! This part works that out once, as [`OverdueSegment`](super::OverdueSegment)s the penalty
//! part prices, and afterwards settles each milestone: penalty, interest, set-off, net payable.
//!
//! Rules used:
//! - the amount is a rate of a base, a fixed amount, or the amount the record states; it is
//!   rounded half-up to the fen; while its base is unknown (no audited price yet) it is None and
//!   the milestone is `Pending`;
//! - the due date is the milestone's `due` resolved by the Civil Code rules (Art. 201–203: "within
//!   30 days after" does not count the starting day and moves a last day off to the next
//!   working day); None while an event it hangs on has not happened (`Pending`);
//! - payments are applied in date order; payments dated after the as-of date have not happened
//!   as of it and are left out;
//! - days late run from the day after the due date through the payment day inclusive (REFERENCE
//!   §8.3), or through the as-of date while unpaid. Each portion paid late is a segment of its
//!   own (due + 1 … its payment day); what is still unpaid is a segment due + 1 … as-of;
//! - status: `Paid` / `PaidLate` once fully paid (late when the completing payment came after
//!   the due date), `Overdue` after the due date while anything is outstanding, `Due` on the due
//!   date itself (the last day to pay), `NotYetDue` before it, `Pending` while the amount or
//!   the due date is unknown;
//! - set-off (002 §6 5)): the penalties of the clauses the set-off covers settle parts of the
//!   outstanding amounts ([`super::set_off`]); a part set off counts as paid on the day of the
//!   penalty it takes from, so it is neither unpaid nor late after that day; `paid` and
//!   `outstanding` are the cash paid and not paid, and the buyer's net payable is
//!   outstanding − set-off;
//! - a sum too large to compute (an amount, the payments of a milestone) is an
//!   [`EvalError`] naming the payment clause, never a milestone left pending or a sum kept short.

use chrono::NaiveDate;

use super::context::{label, BaseFacts};
use super::error::{add, fen, EvalError, Figure, Overflow};
use super::set_off::Credit;
use super::{Ctx, OverdueSegment, PenaltyOutcome, Schedule};
use crate::domain::contract::{Clause, Excuse, Milestone, MilestoneAmount, Rule};
use crate::domain::money::Amount;
use crate::domain::report::{MilestoneResult, PaymentStatus, Step};

/// Amounts, due dates, payments and overdue segments of every milestone, in contract order.
///
/// # Errors
/// A milestone's amount or payments too large to compute.
pub fn schedule(ctx: &Ctx<'_>) -> Result<Schedule, EvalError> {
    schedule_with(ctx, &[])
}

/// [`schedule`], with parts of milestones settled by set-off.
///
/// # Errors
/// A milestone's amount or payments too large to compute.
pub fn schedule_with(ctx: &Ctx<'_>, credits: &[Credit]) -> Result<Schedule, EvalError> {
    let mut out = Schedule::default();
    for clause in &ctx.contract.clauses {
        let Rule::Payment(m) = &clause.rule else {
            continue;
        };
        let mine: Vec<&Credit> = credits.iter().filter(|c| c.milestone == m.id).collect();
        let (result, segments) =
            milestone(ctx, clause, m, &mine).map_err(|e| e.at(&clause.id, Some(&m.id)))?;
        out.milestones.push(result);
        out.overdue.extend(segments);
    }
    Ok(out)
}

/// The amount of a milestone with the steps that found it; None while unknown.
fn amount(ctx: &Ctx<'_>, m: &Milestone, steps: &mut Vec<Step>) -> Result<Option<Amount>, Overflow> {
    let raw = match &m.amount {
        MilestoneAmount::Fixed { amount } => {
            steps.push(Step::Fixed { amount: *amount });
            *amount
        }
        MilestoneAmount::Rate { rate, base } => {
            let Some(named) = ctx.base(base, BaseFacts::default()) else {
                steps.push(Step::Note {
                    zh: "计算基数尚未确定（如审计价未出）：金额待定".into(),
                    en: "the base is not known yet (for example the audited price): amount pending"
                        .into(),
                });
                return Ok(None);
            };
            let raw = named
                .amount
                .checked_mul_rate(*rate)
                .ok_or(Overflow(Figure::Milestone))?;
            steps.push(Step::RateOf {
                rate: *rate,
                base: named,
                amount: raw,
            });
            raw
        }
        MilestoneAmount::Recorded => {
            let Some(a) = ctx.events.facts.amounts.get(&m.id).copied() else {
                steps.push(Step::Note {
                    zh: "金额由记录提供，尚未记录：金额待定".into(),
                    en: "the record states the amount and does not yet: amount pending".into(),
                });
                return Ok(None);
            };
            steps.push(Step::Note {
                zh: format!("记录的金额：{}", a.format_yuan()),
                en: format!("amount stated in the record: {}", a.format_yuan()),
            });
            a
        }
    };
    let rounded = fen(raw, Figure::Milestone)?;
    if !raw.is_whole_fen() {
        steps.push(Step::Rounded {
            raw,
            amount: rounded,
        });
    }
    Ok(Some(rounded))
}

/// One settlement of a milestone: a payment in cash, or a part set off.
struct Settled {
    date: NaiveDate,
    amount: Amount,
    excuse: Option<Excuse>,
}

/// A milestone and the stretches it was paid late.
type Milestoned = (MilestoneResult, Vec<OverdueSegment>);

fn milestone(
    ctx: &Ctx<'_>,
    clause: &Clause,
    m: &Milestone,
    credits: &[&Credit],
) -> Result<Milestoned, Overflow> {
    let mut steps = Vec::new();
    let amount = amount(ctx, m, &mut steps)?;
    let due = match ctx.resolve(&m.due, Some(&m.id)) {
        Some(r) => {
            steps.push(ctx.date_step(label("付款期限", "payment due"), &r));
            Some(r.date)
        }
        None => {
            steps.push(Step::Note {
                zh: "付款期限所依据的事件（发票、验收等）尚未发生：期限待定".into(),
                en: "an event the due date hangs on (an invoice, an acceptance…) has not happened: due date pending".into(),
            });
            None
        }
    };

    let mut pays: Vec<_> = ctx.index.payments(&m.id).to_vec();
    crate::domain::order::sort_by_key(&mut pays, |p| p.date);
    let future = pays.iter().filter(|p| p.date > ctx.as_of).count();
    if future > 0 {
        steps.push(Step::Note {
            zh: format!("{future} 笔付款日期晚于评估日 {}，不计入", ctx.as_of),
            en: format!(
                "{future} payment(s) dated after the as-of date {} left out",
                ctx.as_of
            ),
        });
    }
    pays.retain(|p| p.date <= ctx.as_of);

    let mut paid = Amount::ZERO;
    let mut paid_on = None;
    for p in &pays {
        paid = add(paid, p.amount, Figure::Payments)?;
        paid_on = Some(p.date);
    }
    let outstanding = match amount {
        Some(a) => a.checked_sub(paid).ok_or(Overflow(Figure::Payments))?,
        None => Amount::ZERO,
    };
    let outstanding = if outstanding.is_negative() {
        Amount::ZERO
    } else {
        outstanding
    };
    // At most `outstanding` (set_off_steps stops there): the difference cannot fail.
    let set_off = set_off_steps(ctx, credits, outstanding, &mut steps);
    let unsettled = outstanding
        .checked_sub(set_off)
        .ok_or(Overflow(Figure::Payments))?;
    let mut settled: Vec<Settled> = pays
        .iter()
        .map(|p| Settled {
            date: p.date,
            amount: p.amount,
            excuse: p.excuse,
        })
        .chain(credits.iter().map(|c| Settled {
            date: c.date,
            amount: c.amount,
            excuse: None,
        }))
        .collect();
    crate::domain::order::sort_by_key(&mut settled, |s| s.date);

    // Walk the settlements against the amount: late portions, the completing day, the rest.
    let mut segments = Vec::new();
    let mut completed_on = None;
    if let Some(total) = amount {
        let mut remaining = total;
        for p in &settled {
            if remaining.is_zero() || remaining.is_negative() {
                break;
            }
            let portion = p.amount.min(remaining);
            if !portion.is_negative() && !portion.is_zero() {
                if let Some(due) = due {
                    if p.date > due {
                        if let Some(from) = due.succ_opt() {
                            segments.push(OverdueSegment {
                                milestone: m.id.clone(),
                                due,
                                from,
                                to: p.date,
                                amount: portion,
                                paid: true,
                                excuse: p.excuse,
                            });
                        }
                    }
                }
            }
            remaining = remaining
                .checked_sub(portion)
                .ok_or(Overflow(Figure::Payments))?;
            if remaining.is_zero() || remaining.is_negative() {
                completed_on = Some(p.date);
            }
        }
        if let Some(due) = due {
            if !unsettled.is_zero() && ctx.as_of > due {
                if let Some(from) = due.succ_opt() {
                    segments.push(OverdueSegment {
                        milestone: m.id.clone(),
                        due,
                        from,
                        to: ctx.as_of,
                        amount: unsettled,
                        paid: false,
                        excuse: None,
                    });
                }
            }
        }
    }

    let fully_paid = amount.is_some() && unsettled.is_zero() && completed_on.is_some();
    let status = match (amount, due) {
        _ if fully_paid => match (due, completed_on) {
            (Some(d), Some(c)) if c > d => PaymentStatus::PaidLate,
            _ => PaymentStatus::Paid,
        },
        (Some(_), Some(d)) if ctx.as_of > d => PaymentStatus::Overdue,
        (Some(_), Some(d)) if ctx.as_of == d => PaymentStatus::Due,
        (Some(_), Some(_)) => PaymentStatus::NotYetDue,
        _ => PaymentStatus::Pending,
    };
    let days_late = match (due, status) {
        (Some(d), PaymentStatus::PaidLate) => completed_on.map_or(0, |c| days_after(d, c)),
        (Some(d), PaymentStatus::Overdue) => days_after(d, ctx.as_of),
        _ => 0,
    };
    if days_late > 0 {
        if let Some(d) = due {
            let until = if status == PaymentStatus::Overdue {
                ctx.as_of
            } else {
                completed_on.unwrap_or(ctx.as_of)
            };
            steps.push(Step::DaysLate {
                due: d,
                until,
                days: days_late,
                working_days: false,
            });
        }
    }

    Ok((
        MilestoneResult {
            clause: clause.id.clone(),
            milestone: m.id.clone(),
            label: m.label.clone(),
            amount,
            due,
            steps,
            paid: norm(paid),
            paid_on,
            outstanding: norm(outstanding),
            days_late,
            status,
            penalty: Amount::ZERO,
            interest: Amount::ZERO,
            set_off: norm(set_off),
            net_payable: norm(unsettled.round_fen()),
        },
        segments,
    ))
}

/// The total set off against a milestone (at most what is outstanding), with a step that
/// names the clause allowing it and each clause taken from.
fn set_off_steps(
    ctx: &Ctx<'_>,
    credits: &[&Credit],
    outstanding: Amount,
    steps: &mut Vec<Step>,
) -> Amount {
    let (Some(so), false) = (&ctx.contract.set_off, credits.is_empty()) else {
        return Amount::ZERO;
    };
    // Per clause taken from, in the order first taken.
    let mut by_clause: Vec<(&str, Amount)> = Vec::new();
    let mut total = Amount::ZERO;
    for c in credits {
        let Some(t) = total.checked_add(c.amount).filter(|t| *t <= outstanding) else {
            break;
        };
        // Each clause's part is at most `total`, which did not overflow.
        match by_clause.iter_mut().find(|(id, _)| *id == c.clause) {
            Some((_, a)) => match a.checked_add(c.amount) {
                Some(x) => *a = x,
                None => break,
            },
            None => by_clause.push((c.clause.as_str(), c.amount)),
        }
        total = t;
    }
    // `total` is at most `outstanding`.
    let net = outstanding
        .checked_sub(total)
        .map_or(outstanding, Amount::round_fen);
    // The clauses taken from, unless it is only the clause that allows it.
    let own = matches!(by_clause.as_slice(), [(id, _)] if *id == so.clause);
    let parts = |zh: bool| {
        if own {
            return String::new();
        }
        let each = by_clause
            .iter()
            .map(|(id, a)| match zh {
                true => format!("第 {id} 条 {}", a.format_yuan()),
                false => format!("clause {id} {}", a.format_yuan()),
            })
            .collect::<Vec<_>>();
        match zh {
            true => format!("（{}）", each.join("，")),
            false => format!(" ({})", each.join(", ")),
        }
    };
    steps.push(Step::Note {
        zh: format!(
            "依第 {} 条，以乙方违约金 {}{}抵扣未付款，抵扣部分自违约金发生之日起视为已付：应付净额 {}",
            so.clause,
            total.format_yuan(),
            parts(true),
            net.format_yuan()
        ),
        en: format!(
            "under clause {}, the seller's penalties of {}{} are set off against the unpaid amount, the part set off counting as paid from the day each penalty arose: net payable {}",
            so.clause,
            total.format_yuan(),
            parts(false),
            net.format_yuan()
        ),
    });
    total
}

/// Zero as [`Amount::ZERO`] (a computed zero such as `405000.00 − 405000` keeps a scale and
/// would serialize as `0.00`, which reads back as `0`): reports survive JSON unchanged.
fn norm(a: Amount) -> Amount {
    if a.is_zero() {
        Amount::ZERO
    } else {
        a
    }
}

/// Days from `due + 1` through `until` inclusive; 0 when `until <= due`.
fn days_after(due: NaiveDate, until: NaiveDate) -> i64 {
    (until - due).num_days().max(0)
}

/// Adds late-payment penalties and interest to each milestone (the set-off and the net
/// payable are the schedule's: [`schedule_with`]). Every figure it takes is whole fen already
/// (milestone amounts and penalty lines are rounded), so nothing here can overflow.
pub fn settle(schedule: Schedule, pen: &PenaltyOutcome) -> Vec<MilestoneResult> {
    let mut ms = schedule.milestones;
    for m in &mut ms {
        if let Some((p, i)) = pen.by_milestone.get(&m.milestone) {
            m.penalty = *p;
            m.interest = *i;
        }
    }
    ms
}
