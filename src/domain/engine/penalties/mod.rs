//! Penalty clauses, caps, shared caps, rights and exposure.
//!
//! Why it is built this way: every penalty in the five source contracts is the same pipeline —
//! a trigger finds occurrences ([`occurrences`]), a formula prices each one ([`formula`]), the
//! clause's cap and then the caps shared by a group of clauses limit the amounts in the order
//! they arose, and rights arise at thresholds ([`rights`]). Delay clauses also get an exposure
//! curve ([`exposure`]): what the clause would cost for every day late, up to its cap or the
//! right to terminate.
//!
//! Ambiguous clauses are priced under every reading; the reading in force (the option's, or the
//! clause's default) makes the lines, and every reading's total (after the clause's own cap,
//! before shared caps, which only the reading in force goes through) is reported beside it.
//!
//! Nothing here panics on input: a base the record does not give makes a line of 0 with a note.

pub mod exposure;
pub mod formula;
pub mod occurrences;
pub mod rights;

use chrono::NaiveDate;

use super::context::{label, BaseFacts, Ctx};
use super::{PenaltyOutcome, Schedule};
use crate::domain::contract::{Cap, Clause, Penalty, Rule, Side, Trigger};
use crate::domain::money::Amount;
use crate::domain::report::{
    CapResult, ClauseResult, Line, Named, ObligationInstance, ReadingTotal, SharedCapResult, Step,
    TimerResult,
};
use formula::{day_reaching, Priced};

/// A clause being evaluated: its priced lines (in date order) and its cap.
pub(crate) struct Work<'c> {
    pub clause: &'c Clause,
    pub penalty: &'c Penalty,
    pub lines: Vec<Priced>,
    /// The amount owed per line after caps (parallel to `lines`).
    pub owed: Vec<Amount>,
    /// Cap steps per line (parallel to `lines`).
    pub cap_steps: Vec<Vec<Step>>,
    pub cap: Option<CapResult>,
    pub readings: Vec<ReadingTotal>,
    pub reading: Option<String>,
}

/// A cap's limit, with the rate and base it came from.
pub fn cap_limit(
    ctx: &Ctx<'_>,
    cap: &Cap,
    facts: BaseFacts<'_>,
) -> Option<(Amount, Option<Named>)> {
    if let Some(a) = cap.amount {
        return Some((a, None));
    }
    let named = ctx.base(cap.base.as_ref()?, facts)?;
    let limit = named.amount.checked_mul_rate(cap.rate?)?;
    Some((limit, Some(named)))
}

/// Applies a clause cap to lines in date order: the amounts owed, the cap steps per line, and
/// the cap's result.
fn apply_cap(
    ctx: &Ctx<'_>,
    cap: &Cap,
    lines: &[Priced],
) -> (Vec<Amount>, Vec<Vec<Step>>, Option<CapResult>) {
    let mut owed: Vec<Amount> = lines.iter().map(|l| l.amount).collect();
    let mut steps = vec![Vec::new(); lines.len()];
    let Some((limit, named)) = cap_limit(ctx, cap, BaseFacts::default()) else {
        let cr = CapResult {
            limit: Amount::ZERO,
            steps: vec![Step::Note {
                zh: "上限的计算基数缺失，未适用上限".into(),
                en: "the cap's base is missing; no cap applied".into(),
            }],
            reached_on: None,
        };
        return (owed, steps, Some(cr));
    };
    let mut running = Amount::ZERO;
    let mut reached_on = None;
    for (i, l) in lines.iter().enumerate() {
        let u = l.amount;
        let after = running.checked_add(u).unwrap_or(limit);
        if reached_on.is_none() && after >= limit && !u.is_zero() {
            let needed = limit.checked_sub(running).unwrap_or(Amount::ZERO);
            reached_on = Some(day_reaching(ctx, l, needed, false));
        }
        if after > limit {
            let left = limit.checked_sub(running).unwrap_or(Amount::ZERO);
            let left = if left.is_negative() {
                Amount::ZERO
            } else {
                left
            };
            steps[i].push(Step::Capped {
                limit,
                cap_rate: cap.rate.filter(|_| named.is_some()),
                cap_base: named.clone(),
                before: u,
                amount: left,
            });
            owed[i] = left;
        }
        running = running.checked_add(owed[i]).unwrap_or(running);
    }
    let mut cap_steps = Vec::new();
    if let (Some(rate), Some(n)) = (cap.rate, named) {
        cap_steps.push(Step::RateOf {
            rate,
            base: n,
            amount: limit,
        });
    }
    if let Some(d) = reached_on {
        cap_steps.push(Step::ThresholdReached {
            what: label("达到违约金上限", "the cap is reached"),
            on: d,
        });
    }
    (
        owed,
        steps,
        Some(CapResult {
            limit,
            steps: cap_steps,
            reached_on,
        }),
    )
}

fn sum(a: impl IntoIterator<Item = Amount>) -> Amount {
    a.into_iter()
        .fold(Amount::ZERO, |s, x| s.checked_add(x).unwrap_or(s))
}

/// Prices a clause under a reading and applies its own cap.
fn price_capped(
    ctx: &Ctx<'_>,
    clause: &Clause,
    p: &Penalty,
    occs: &[occurrences::Occ],
    reading: &str,
    explain: bool,
) -> (Vec<Priced>, Vec<Amount>, Vec<Vec<Step>>, Option<CapResult>) {
    let mut lines = formula::price_all(ctx, &clause.id, p, occs, reading, explain);
    // Date order; ties keep the order the occurrences arose.
    crate::domain::order::sort_by_key(&mut lines, |l| l.date);
    match &p.cap {
        Some(cap) => {
            let (owed, steps, cr) = apply_cap(ctx, cap, &lines);
            (lines, owed, steps, cr)
        }
        None => {
            let owed = lines.iter().map(|l| l.amount).collect();
            let steps = vec![Vec::new(); lines.len()];
            (lines, owed, steps, None)
        }
    }
}

fn work<'c>(
    ctx: &Ctx<'_>,
    clause: &'c Clause,
    p: &'c Penalty,
    found: &occurrences::Found<'_>,
    schedule: &Schedule,
) -> Work<'c> {
    let occs = occurrences::collect(ctx, &clause.id, p, found, schedule);
    let options = formula::reading_options(p);
    let reading = options.first().map(|d| {
        let r = ctx.reading(&clause.id, &d.id);
        if options.iter().any(|o| o.id == r) {
            r
        } else {
            d.id.clone()
        }
    });
    let used = reading.clone().unwrap_or_default();
    let mut readings = Vec::new();
    let mut in_force = None;
    for o in &options {
        // Only the reading in force makes lines; the others report their total, so their
        // lines are priced without explanations.
        let in_use = o.id == used;
        let priced = price_capped(ctx, clause, p, &occs, &o.id, in_use);
        readings.push(ReadingTotal {
            reading: o.id.clone(),
            label: o.label.clone(),
            total: sum(priced.1.iter().copied()),
            used: in_use,
        });
        if in_use {
            in_force = Some(priced);
        }
    }
    let (lines, owed, cap_steps, cap) =
        in_force.unwrap_or_else(|| price_capped(ctx, clause, p, &occs, &used, true));
    Work {
        clause,
        penalty: p,
        lines,
        owed,
        cap_steps,
        cap,
        readings,
        reading,
    }
}

/// Applies the contract's shared caps over the lines of their clauses, in date order (ties:
/// contract order).
fn shared_caps(ctx: &Ctx<'_>, works: &mut [Work<'_>]) -> Vec<SharedCapResult> {
    let mut out = Vec::new();
    for sc in &ctx.contract.shared_caps {
        let Some((limit, _)) = cap_limit(ctx, &sc.cap, BaseFacts::default()) else {
            continue;
        };
        let mut refs: Vec<(NaiveDate, usize, usize)> = Vec::new();
        for (wi, w) in works.iter().enumerate() {
            if sc.clauses.contains(&w.clause.id) {
                for (li, l) in w.lines.iter().enumerate() {
                    refs.push((l.date, wi, li));
                }
            }
        }
        crate::domain::order::sort(&mut refs);
        let mut running: std::collections::BTreeMap<u32, Amount> = Default::default();
        let mut before = Amount::ZERO;
        let mut after = Amount::ZERO;
        let mut reached_on = None;
        for (date, wi, li) in refs {
            let year = if sc.per_contract_year {
                ctx.contract_year(date)
            } else {
                0
            };
            let r = running.entry(year).or_insert(Amount::ZERO);
            let a = works[wi].owed[li];
            before = before.checked_add(a).unwrap_or(before);
            let total = r.checked_add(a).unwrap_or(limit);
            if reached_on.is_none() && total >= limit && !a.is_zero() {
                let needed = limit.checked_sub(*r).unwrap_or(Amount::ZERO);
                reached_on = Some(day_reaching(ctx, &works[wi].lines[li], needed, false));
            }
            let mut owed = a;
            if total > limit {
                let left = limit.checked_sub(*r).unwrap_or(Amount::ZERO);
                owed = if left.is_negative() {
                    Amount::ZERO
                } else {
                    left
                };
                works[wi].cap_steps[li].push(Step::SharedCapped {
                    cap: sc.id.clone(),
                    limit,
                    used_before: *r,
                    before: a,
                    amount: owed,
                });
                works[wi].owed[li] = owed;
            }
            *r = r.checked_add(owed).unwrap_or(*r);
            after = after.checked_add(owed).unwrap_or(after);
        }
        out.push(SharedCapResult {
            id: sc.id.clone(),
            label: sc.label.clone(),
            clauses: sc.clauses.clone(),
            limit,
            before,
            after,
            reached_on,
        });
    }
    out
}

/// Every penalty clause: lines, caps, shared caps, rights, exposure, totals.
pub fn evaluate(
    ctx: &Ctx<'_>,
    sla: &[TimerResult],
    obligations: &[ObligationInstance],
    schedule: &Schedule,
) -> PenaltyOutcome {
    let mut out = PenaltyOutcome::default();
    let mut works = Vec::new();
    let found = occurrences::Found::new(ctx.events, sla, obligations);
    for clause in &ctx.contract.clauses {
        match &clause.rule {
            Rule::Penalty(p) => works.push(work(ctx, clause, p, &found, schedule)),
            Rule::Right(rr) => out
                .rights
                .extend(rights::right_rule(ctx, clause, rr, schedule)),
            _ => {}
        }
    }
    out.shared_caps = shared_caps(ctx, &mut works);
    for w in works {
        let clause_rights = rights::clause_rights(ctx, &w, schedule);
        if let Some(e) = exposure::exposure(ctx, &w, schedule) {
            out.exposure.push(e);
        }
        if let Some(r) = &w.reading {
            out.readings.insert(w.clause.id.clone(), r.clone());
        }
        let late_payment = matches!(w.penalty.trigger, Trigger::LatePayment { .. });
        let total = sum(w.owed.iter().copied());
        let uncapped = sum(w.lines.iter().map(|l| l.amount));
        let mut lines = Vec::with_capacity(w.lines.len());
        // The priced lines are moved into the report's lines, explanation and all (no copy).
        let priced = w.lines.into_iter().zip(w.owed).zip(w.cap_steps);
        for ((l, owed), cap_steps) in priced {
            if late_payment && w.penalty.payer == Side::Buyer {
                if let Some(m) = &l.milestone {
                    let (pen, int) = split_capped(owed, l.penalty, l.amount);
                    let e = out
                        .by_milestone
                        .entry(m.clone())
                        .or_insert((Amount::ZERO, Amount::ZERO));
                    e.0 = e.0.checked_add(pen).unwrap_or(e.0);
                    e.1 = e.1.checked_add(int).unwrap_or(e.1);
                }
            }
            let mut steps = l.steps;
            steps.extend(cap_steps);
            lines.push(Line {
                subject: l.subject,
                date: l.date,
                amount: owed,
                uncapped: l.amount,
                steps,
            });
        }
        match w.penalty.payer {
            Side::Seller => {
                out.totals.seller_pays = out
                    .totals
                    .seller_pays
                    .checked_add(total)
                    .unwrap_or(out.totals.seller_pays)
            }
            Side::Buyer => {
                out.totals.buyer_pays = out
                    .totals
                    .buyer_pays
                    .checked_add(total)
                    .unwrap_or(out.totals.buyer_pays)
            }
        }
        out.clauses.push(ClauseResult {
            clause: w.clause.id.clone(),
            title: w.clause.title.clone(),
            payer: w.penalty.payer,
            lines,
            total,
            uncapped,
            cap: w.cap,
            rights: clause_rights,
            readings: w.readings,
        });
    }
    out
}

/// Splits what is owed on a line into penalty and interest. Uncapped, that is the line's own
/// penalty and the rest. When a cap that covers both binds (004 §7.3: "以上总额不超过合同金额的
/// 百分之五"), the clause gives neither priority, so the capped sum is shared in proportion to
/// the uncapped figures: the penalty's share rounded half-up to the fen, the interest the
/// difference. Paying later then never lowers either.
fn split_capped(owed: Amount, penalty: Amount, uncapped: Amount) -> (Amount, Amount) {
    if owed >= uncapped || uncapped.is_zero() {
        let pen = owed.min(penalty);
        return (pen, owed.checked_sub(pen).unwrap_or(Amount::ZERO));
    }
    let share = owed
        .yuan()
        .checked_mul(penalty.yuan())
        .and_then(|x| x.checked_div(uncapped.yuan()))
        .map(|x| Amount::new(x).round_fen())
        .unwrap_or(owed)
        .min(owed);
    (share, owed.checked_sub(share).unwrap_or(Amount::ZERO))
}
