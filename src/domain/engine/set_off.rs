//! Set-off: the seller's penalties the buyer deducts from what it still owes.
//!
//! Why a part of its own: a set-off is a way of paying. The part of a milestone it covers is
//! settled, so it is neither unpaid nor late (the buyer who pays the rest on time has paid on
//! time), and the schedule has to know it before it finds what is overdue. This part works out
//! the [`Credit`]s once the penalties are known; the engine then builds the schedule again
//! with them (`payments::schedule_with`), and the late-payment penalties are priced on what is
//! really overdue.
//!
//! Rules used:
//! - only the penalties of the clauses the contract's [`SetOff`](crate::domain::contract::SetOff)
//!   covers are set off, after their caps, each line rounded half-up to the fen;
//! - they go against the amounts still unpaid after the cash payments up to the as-of date, in
//!   due-date order (milestones without a due date last; ties in contract order), each
//!   milestone taking the lines in the order they arose;
//! - a credit settles its part of the milestone on the day the penalty line stands on (the day
//!   it became owed: the end of a delay, the day of a breach) — from then on, not before: a
//!   part set off after the due date was late until then.

use chrono::NaiveDate;

use super::{Ctx, PenaltyOutcome, Schedule};
use crate::domain::contract::Side;
use crate::domain::money::Amount;

/// A part of a milestone settled by setting off a penalty.
#[derive(Clone, Debug, PartialEq)]
pub struct Credit {
    pub milestone: String,
    /// The penalty clause it takes from.
    pub clause: String,
    /// The day it settles its part: the day the penalty line stands on.
    pub date: NaiveDate,
    pub amount: Amount,
}

/// A penalty line that may be set off, with what is left of it.
struct Available {
    clause: String,
    date: NaiveDate,
    left: Amount,
}

/// The credits of a schedule built without set-off, from the penalties priced on it.
pub fn credits(ctx: &Ctx<'_>, schedule: &Schedule, pen: &PenaltyOutcome) -> Vec<Credit> {
    let Some(so) = &ctx.contract.set_off else {
        return Vec::new();
    };
    let covered = so.covered(ctx.contract);
    let mut lines: Vec<Available> = pen
        .clauses
        .iter()
        .filter(|c| c.payer == Side::Seller && covered.contains(c.clause.as_str()))
        .flat_map(|c| {
            c.lines.iter().map(|l| Available {
                clause: c.clause.clone(),
                date: l.date,
                left: l.amount.round_fen(),
            })
        })
        .filter(|a| !a.left.is_zero() && !a.left.is_negative())
        .collect();
    // The order they arose; ties in contract order (the clauses' order above).
    crate::domain::order::sort_by_key(&mut lines, |a| a.date);
    let ms = &schedule.milestones;
    let order = crate::domain::order::stable_order(ms.len(), &|a, b| {
        (ms[a].due.is_none(), ms[a].due).cmp(&(ms[b].due.is_none(), ms[b].due))
    });
    let mut out = Vec::new();
    let mut next = 0;
    for i in order {
        let m = &ms[i];
        let mut owed = m.outstanding;
        while !owed.is_zero() && !owed.is_negative() && next < lines.len() {
            let line = &mut lines[next];
            let take = owed.min(line.left);
            out.push(Credit {
                milestone: m.milestone.clone(),
                clause: line.clause.clone(),
                date: line.date,
                amount: take,
            });
            // `take` is at most each of them: neither difference can fail or go below zero.
            let (Some(o), Some(l)) = (owed.checked_sub(take), line.left.checked_sub(take)) else {
                break;
            };
            owed = o;
            line.left = l;
            if l.is_zero() {
                next += 1;
            }
        }
    }
    out
}
