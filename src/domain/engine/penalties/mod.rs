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
//! Every line is rounded to the fen when it is priced; caps are whole fen (a cap that is a rate
//! of a base is rounded half-up, the unrounded figure in its steps), so a line a cap cuts is cut
//! to the rounded room left and every total is a sum of rounded lines.
//!
//! Nothing here panics on input: a base the record does not give makes a line of 0 with a note;
//! a figure too large to compute is an [`EvalError`] naming the clause (or shared cap).

pub mod days;
pub mod exposure;
pub mod formula;
pub mod occurrences;
pub mod rights;

use chrono::NaiveDate;

use super::context::{label, BaseFacts, Ctx};
use super::error::{add, fen, sum, EvalError, Figure, Overflow};
use super::{PenaltyOutcome, Schedule};
use crate::domain::contract::{Cap, Clause, Penalty, Rule, Side, Trigger};
use crate::domain::money::{Amount, Rate};
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

/// A cap's limit, rounded half-up to the fen, with what it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct CapLimit {
    pub limit: Amount,
    /// The base of a cap that is a rate of it.
    pub named: Option<Named>,
    /// The limit before rounding (rate × base, or the amount stated).
    pub raw: Amount,
}

impl CapLimit {
    /// The steps that found the limit: `rate × base` and its rounding.
    fn steps(&self, rate: Option<Rate>) -> Vec<Step> {
        let mut out = Vec::new();
        if let (Some(rate), Some(n)) = (rate, &self.named) {
            out.push(Step::RateOf {
                rate,
                base: n.clone(),
                amount: self.raw,
            });
        }
        if self.raw != self.limit {
            out.push(Step::Rounded {
                raw: self.raw,
                amount: self.limit,
            });
        }
        out
    }
}

/// A cap's limit; `Ok(None)` when its base is not known.
///
/// # Errors
/// [`Figure::Cap`] when `rate × base` is too large to compute.
pub fn cap_limit(
    ctx: &Ctx<'_>,
    cap: &Cap,
    facts: BaseFacts<'_>,
) -> Result<Option<CapLimit>, Overflow> {
    let (raw, named) = match (cap.amount, cap.base.as_ref(), cap.rate) {
        (Some(a), _, _) => (a, None),
        (None, Some(base), Some(rate)) => {
            let Some(named) = ctx.base(base, facts) else {
                return Ok(None);
            };
            let raw = named
                .amount
                .checked_mul_rate(rate)
                .ok_or(Overflow(Figure::Cap))?;
            (raw, Some(named))
        }
        _ => return Ok(None),
    };
    Ok(Some(CapLimit {
        limit: fen(raw, Figure::Cap)?,
        named,
        raw,
    }))
}

/// The room a cap of `limit` leaves after `used`: never below zero.
fn room(limit: Amount, used: Amount, figure: Figure) -> Result<Amount, Overflow> {
    let left = limit.checked_sub(used).ok_or(Overflow(figure))?;
    Ok(if left.is_negative() {
        Amount::ZERO
    } else {
        left
    })
}

/// What a clause cap makes of lines in date order: the amounts owed, the cap steps per line,
/// and the cap's result.
type Capped = (Vec<Amount>, Vec<Vec<Step>>, Option<CapResult>);

/// Applies a clause cap to lines in date order.
fn apply_cap(ctx: &Ctx<'_>, cap: &Cap, lines: &[Priced]) -> Result<Capped, Overflow> {
    let mut owed: Vec<Amount> = lines.iter().map(|l| l.amount).collect();
    let mut steps = vec![Vec::new(); lines.len()];
    let Some(cl) = cap_limit(ctx, cap, BaseFacts::default())? else {
        let cr = CapResult {
            limit: Amount::ZERO,
            steps: vec![Step::Note {
                zh: "上限的计算基数缺失，未适用上限".into(),
                en: "the cap's base is missing; no cap applied".into(),
            }],
            reached_on: None,
        };
        return Ok((owed, steps, Some(cr)));
    };
    let limit = cl.limit;
    let f = Figure::Cap;
    let mut running = Amount::ZERO;
    let mut reached_on = None;
    for (i, l) in lines.iter().enumerate() {
        let u = l.amount;
        let after = add(running, u, f)?;
        if reached_on.is_none() && after >= limit && !u.is_zero() {
            let needed = room(limit, running, f)?;
            reached_on = Some(day_reaching(ctx, l, needed, false));
        }
        if after > limit {
            let left = room(limit, running, f)?;
            steps[i].push(Step::Capped {
                limit,
                cap_rate: cap.rate.filter(|_| cl.named.is_some()),
                cap_base: cl.named.clone(),
                before: u,
                amount: left,
            });
            owed[i] = left;
        }
        running = add(running, owed[i], f)?;
    }
    let mut cap_steps = cl.steps(cap.rate);
    if let Some(d) = reached_on {
        cap_steps.push(Step::ThresholdReached {
            what: label("达到违约金上限", "the cap is reached"),
            on: d,
        });
    }
    Ok((
        owed,
        steps,
        Some(CapResult {
            limit,
            steps: cap_steps,
            reached_on,
        }),
    ))
}

/// Prices a clause under a reading and applies its own cap.
fn price_capped(
    ctx: &Ctx<'_>,
    clause: &Clause,
    p: &Penalty,
    occs: &[occurrences::Occ],
    reading: &str,
    explain: bool,
) -> Result<(Vec<Priced>, Capped), EvalError> {
    let mut lines = formula::price_all(ctx, &clause.id, p, occs, reading, explain)?;
    // Date order; ties keep the order the occurrences arose.
    crate::domain::order::sort_by_key(&mut lines, |l| l.date);
    let capped = match &p.cap {
        Some(cap) => apply_cap(ctx, cap, &lines).map_err(|e| e.at(&clause.id, None))?,
        None => {
            let owed = lines.iter().map(|l| l.amount).collect();
            let steps = vec![Vec::new(); lines.len()];
            (owed, steps, None)
        }
    };
    Ok((lines, capped))
}

fn work<'c>(
    ctx: &Ctx<'_>,
    clause: &'c Clause,
    p: &'c Penalty,
    found: &occurrences::Found<'_>,
    schedule: &Schedule,
) -> Result<Work<'c>, EvalError> {
    let occs = occurrences::collect(ctx, &clause.id, p, found, schedule);
    let options = formula::reading_options(p);
    let elected = formula::elected_reading(ctx, p, &options);
    let reading = options.first().map(|d| {
        let r = ctx.reading(&clause.id, elected.as_deref().unwrap_or(&d.id));
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
        let priced = price_capped(ctx, clause, p, &occs, &o.id, in_use)?;
        let total = sum(priced.1 .0.iter().copied(), Figure::ClauseTotal)
            .map_err(|e| e.at(&clause.id, None))?;
        readings.push(ReadingTotal {
            reading: o.id.clone(),
            label: o.label.clone(),
            total,
            used: in_use,
        });
        if in_use {
            in_force = Some(priced);
        }
    }
    let (lines, (owed, cap_steps, cap)) = match in_force {
        Some(priced) => priced,
        None => price_capped(ctx, clause, p, &occs, &used, true)?,
    };
    Ok(Work {
        clause,
        penalty: p,
        lines,
        owed,
        cap_steps,
        cap,
        readings,
        reading,
    })
}

/// Applies the contract's shared caps over the lines of their clauses, in date order (ties:
/// contract order).
fn shared_caps(ctx: &Ctx<'_>, works: &mut [Work<'_>]) -> Result<Vec<SharedCapResult>, EvalError> {
    let mut out = Vec::new();
    for sc in &ctx.contract.shared_caps {
        let limit = cap_limit(ctx, &sc.cap, BaseFacts::default())
            .map_err(|e| e.at_shared_cap(&sc.id, None))?;
        let Some(CapLimit { limit, .. }) = limit else {
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
        let mut running: std::collections::BTreeMap<i64, Amount> = Default::default();
        let mut before = Amount::ZERO;
        let mut after = Amount::ZERO;
        let mut reached_on = None;
        let f = Figure::SharedCap;
        for (date, wi, li) in refs {
            let year = sc.period().map_or(0, |p| super::periods::key(ctx, p, date));
            let r = running.entry(year).or_insert(Amount::ZERO);
            let a = works[wi].owed[li];
            let line = &works[wi].lines[li];
            let at = |e: Overflow| e.at_shared_cap(&sc.id, Some(&line.subject));
            before = add(before, a, f).map_err(at)?;
            let total = add(*r, a, f).map_err(at)?;
            if reached_on.is_none() && total >= limit && !a.is_zero() {
                let needed = room(limit, *r, f).map_err(at)?;
                reached_on = Some(day_reaching(ctx, line, needed, false));
            }
            let mut owed = a;
            if total > limit {
                owed = room(limit, *r, f).map_err(at)?;
                works[wi].cap_steps[li].push(Step::SharedCapped {
                    cap: sc.id.clone(),
                    limit,
                    used_before: *r,
                    before: a,
                    amount: owed,
                });
                works[wi].owed[li] = owed;
            }
            *r = add(*r, owed, f).map_err(|e| e.at_shared_cap(&sc.id, None))?;
            after = add(after, owed, f).map_err(|e| e.at_shared_cap(&sc.id, None))?;
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
    Ok(out)
}

/// Every penalty clause: lines, caps, shared caps, rights, exposure, totals.
///
/// # Errors
/// The first figure too large to compute, naming its clause (or shared cap) and occurrence.
pub fn evaluate(
    ctx: &Ctx<'_>,
    sla: &[TimerResult],
    obligations: &[ObligationInstance],
    schedule: &Schedule,
) -> Result<PenaltyOutcome, EvalError> {
    let mut out = PenaltyOutcome::default();
    let mut works = Vec::new();
    let found = occurrences::Found::new(ctx, ctx.events, sla, obligations);
    for clause in &ctx.contract.clauses {
        match &clause.rule {
            Rule::Penalty(p) => works.push(work(ctx, clause, p, &found, schedule)?),
            Rule::Right(rr) => out
                .rights
                .extend(rights::right_rule(ctx, clause, rr, schedule)?),
            _ => {}
        }
    }
    out.shared_caps = shared_caps(ctx, &mut works)?;
    for w in works {
        let id = w.clause.id.as_str();
        let clause_rights = rights::clause_rights(ctx, &w, schedule)?;
        if let Some(e) = exposure::exposure(ctx, &w, schedule).map_err(|e| e.at(id, None))? {
            out.exposure.push(e);
        }
        if let Some(r) = &w.reading {
            out.readings.insert(w.clause.id.clone(), r.clone());
        }
        let late_payment = matches!(w.penalty.trigger, Trigger::LatePayment { .. });
        let at = |e: Overflow| e.at(id, None);
        let total = sum(w.owed.iter().copied(), Figure::ClauseTotal).map_err(at)?;
        let uncapped = sum(w.lines.iter().map(|l| l.amount), Figure::ClauseTotal).map_err(at)?;
        let mut lines = Vec::with_capacity(w.lines.len());
        // The priced lines are moved into the report's lines, explanation and all (no copy).
        let priced = w.lines.into_iter().zip(w.owed).zip(w.cap_steps);
        for ((l, owed), cap_steps) in priced {
            if late_payment && w.penalty.payer == Side::Buyer {
                if let Some(m) = &l.milestone {
                    let (pen, int) = split_capped(owed, l.penalty, l.amount)
                        .map_err(|e| e.at(id, Some(&l.subject)))?;
                    let e = out
                        .by_milestone
                        .entry(m.clone())
                        .or_insert((Amount::ZERO, Amount::ZERO));
                    let f = Figure::MilestonePenalty;
                    e.0 = add(e.0, pen, f).map_err(|e| e.at(id, Some(m)))?;
                    e.1 = add(e.1, int, f).map_err(|e| e.at(id, Some(m)))?;
                }
            }
            let mut steps = l.steps;
            steps.extend(cap_steps);
            // The party a line of an "either party" clause falls on (the seller where the
            // entry names none: validation asks the kind to declare a party fact).
            let payer = w.penalty.payer.side().or(l.party).unwrap_or(Side::Seller);
            let side_total = match payer {
                Side::Seller => &mut out.totals.seller_pays,
                Side::Buyer => &mut out.totals.buyer_pays,
            };
            *side_total = add(*side_total, owed, Figure::Totals).map_err(at)?;
            lines.push(Line {
                subject: l.subject,
                date: l.date,
                amount: owed,
                uncapped: l.amount,
                payer: w.penalty.payer.side().is_none().then_some(payer),
                steps,
            });
        }
        out.clauses.push(ClauseResult {
            clause: w.clause.id.clone(),
            title: w.clause.title.clone(),
            payer: w.penalty.payer.nominal(),
            lines,
            total,
            uncapped,
            cap: w.cap,
            rights: clause_rights,
            readings: w.readings,
        });
    }
    Ok(out)
}

/// Splits what is owed on a line into penalty and interest. Uncapped, that is the line's own
/// penalty and the rest. When a cap that covers both binds (004 §7.3: "以上总额不超过合同金额的
/// 百分之五"), the clause gives neither priority, so the capped sum is shared in proportion to
/// the uncapped figures: the penalty's share rounded half-up to the fen, the interest the
/// difference. Paying later then never lowers either. Every figure here is whole fen (lines and
/// caps are), so both parts are.
fn split_capped(
    owed: Amount,
    penalty: Amount,
    uncapped: Amount,
) -> Result<(Amount, Amount), Overflow> {
    let f = Figure::MilestonePenalty;
    if owed >= uncapped || uncapped.is_zero() {
        let pen = owed.min(penalty);
        return Ok((pen, owed.checked_sub(pen).ok_or(Overflow(f))?));
    }
    // owed × penalty / uncapped, with owed < uncapped: the quotient is below `penalty`; the
    // product can pass Decimal's range where the quotient does not, so divide first then.
    let share = owed
        .yuan()
        .checked_mul(penalty.yuan())
        .and_then(|x| x.checked_div(uncapped.yuan()))
        .or_else(|| {
            owed.yuan()
                .checked_div(uncapped.yuan())?
                .checked_mul(penalty.yuan())
        })
        .ok_or(Overflow(f))?;
    let share = Amount::new(share).round_fen().min(owed);
    Ok((share, owed.checked_sub(share).ok_or(Overflow(f))?))
}
