//! Formulas: how much each occurrence costs, under one reading of the clause.
//!
//! Every figure that goes into an amount is kept exact as a [`Step`]; the line itself — what a
//! party pays — is rounded half-up to the fen (a penalty and its interest each, as the milestone
//! reports them apart), with a `rounded` step showing both figures. A missing base never fails
//! the evaluation: the line costs nothing and says, in both languages, what is missing. A figure
//! too large to compute does: [`price_all`] returns the [`EvalError`] naming the clause and the
//! occurrence (never a line silently left at 0 or an escalation silently skipped).
//!
//! Per occurrence, the order is: the amount of one occurrence (fixed, range end, rate of a base,
//! rate by level); tiers by count (which replace that amount) or escalation (the n-th in its
//! scope costs the previous one's amount × factor, compounding); lateness in handling; the
//! largest matching multiplier; persons. Excused and waived occurrences cost nothing and do not
//! count as repeats.
//!
//! Ambiguous clauses are priced once per reading; the caller picks the reading in force and
//! reports the others' totals. The reading ids are `complete`/`started` (periods), `low`/`high`
//! (ranges), `cumulative`/`each` (tiers) and the clause's own late-handling readings.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;

use super::super::context::{label, BaseFacts, Ctx};
use super::super::error::{add, fen, within, EvalError, Figure, Overflow};
use super::days;
use super::occurrences::{excuse_id, Excusal, Late, Occ};
use crate::domain::contract::{
    Alternative, Band, Base, Formula, Label, Multiplier, OccurrenceAmount, Penalty, PerOccurrence,
    Scope, Side, Span, SpanUnit,
};
use crate::domain::money::{Amount, Rate};
use crate::domain::report::{Named, Step};

/// How a line's amount accrues over its days late, to find the day a total reaches a figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Accrual {
    /// The same penalty and interest every (working) day after `due`.
    Daily {
        due: NaiveDate,
        penalty: Amount,
        interest: Amount,
        working: bool,
    },
    /// `step` for every period of `period_days` (working) days after `due`, and `interest`
    /// every calendar day.
    Periodic {
        due: NaiveDate,
        step: Amount,
        period_days: i64,
        started: bool,
        working: bool,
        interest: Amount,
    },
    /// A per-day penalty over counted stretches of days (a stop, excused days), the first
    /// `free` days free, by bands of daily amounts; `interest` every charged day.
    Counted {
        stretches: Vec<(NaiveDate, NaiveDate)>,
        working: bool,
        free: i64,
        bands: Vec<days::DayBand>,
        whole: bool,
        interest: Amount,
    },
}

/// Which part of a line's amount a running total counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Penalty and interest.
    All,
    Penalty,
    Interest,
}

/// One occurrence priced.
#[derive(Clone, Debug, PartialEq)]
pub struct Priced {
    /// The occurrence's subject.
    pub subject: String,
    /// The day the line stands on.
    pub date: NaiveDate,
    /// Penalty plus interest, before caps.
    pub amount: Amount,
    pub penalty: Amount,
    pub interest: Amount,
    pub steps: Vec<Step>,
    pub accrual: Option<Accrual>,
    /// Excused or waived: nothing owed, and it does not count for rights.
    pub void: bool,
    pub late: Option<Late>,
    pub loss: Option<Amount>,
    pub milestone: Option<String>,
    /// The party that pays, for a clause of the breaching party.
    pub party: Option<Side>,
}

/// A reading of an ambiguous clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingOpt {
    pub id: String,
    pub label: Label,
}

fn opt(id: &str, zh: &str, en: &str) -> ReadingOpt {
    ReadingOpt {
        id: id.into(),
        label: label(zh, en),
    }
}

/// The reading of a period's fee spread by days (`fee-by-months` is the other).
pub const FEE_BY_DAYS: &str = "fee-by-days";

/// Whether a formula takes a period's fee as a base.
fn uses_period_fee(f: &Formula) -> bool {
    let fee = |b: &Base| matches!(b, Base::PeriodFee { .. });
    match f {
        Formula::PerDay { base, .. } | Formula::PerPeriod { base, .. } => fee(base),
        Formula::PerOccurrence(po) => {
            po.tiers.as_ref().is_some_and(|t| fee(&t.base))
                || match &po.amount {
                    OccurrenceAmount::Rate { base, .. }
                    | OccurrenceAmount::RateRange { base, .. }
                    | OccurrenceAmount::ByLevel { base, .. } => fee(base),
                    OccurrenceAmount::Fixed { .. } | OccurrenceAmount::Range { .. } => false,
                }
        }
    }
}

/// The readings of a clause, the default first; empty for a clear clause. A clause with
/// alternatives reads as its options (`option/reading` where the option's formula has
/// readings of its own).
pub fn reading_options(p: &Penalty) -> Vec<ReadingOpt> {
    let Some(alts) = &p.alternatives else {
        return formula_options(&p.formula);
    };
    let mut out = Vec::new();
    for a in &alts.options {
        let inner = formula_options(a.formula.as_ref().unwrap_or(&p.formula));
        if inner.is_empty() {
            out.push(ReadingOpt {
                id: a.id.clone(),
                label: a.label.clone(),
            });
        }
        for r in inner {
            let (az, aen) = (&a.label.zh, a.label.en.as_deref().unwrap_or(&a.label.zh));
            let rz = &r.label.zh;
            let ren = r.label.en.as_deref().unwrap_or(rz);
            out.push(ReadingOpt {
                id: format!("{}/{}", a.id, r.id),
                label: label(format!("{az}（{rz}）"), format!("{aen} ({ren})")),
            });
        }
    }
    out
}

/// What a reading of a clause prices: the formula (the alternative's, or the clause's own),
/// the formula's own reading, and the alternative.
pub fn in_force<'p, 'r>(
    p: &'p Penalty,
    reading: &'r str,
) -> (&'p Formula, &'r str, Option<&'p Alternative>) {
    let Some(alts) = &p.alternatives else {
        return (&p.formula, reading, None);
    };
    let chosen = alts
        .options
        .iter()
        .find_map(|a| {
            if reading == a.id {
                return Some((a, ""));
            }
            let inner = reading.strip_prefix(a.id.as_str())?.strip_prefix('/')?;
            Some((a, inner))
        })
        .or_else(|| alts.options.first().map(|a| (a, "")));
    match chosen {
        Some((a, inner)) => (a.formula.as_ref().unwrap_or(&p.formula), inner, Some(a)),
        None => (&p.formula, reading, None),
    }
}

/// The reading the record's election makes the default: the first reading of the option the
/// record elected.
pub fn elected_reading(ctx: &Ctx<'_>, p: &Penalty, options: &[ReadingOpt]) -> Option<String> {
    let alts = p.alternatives.as_ref()?;
    let chosen = ctx.events.elections.get(&alts.choice)?;
    options
        .iter()
        .find(|o| {
            o.id == *chosen
                || o.id
                    .strip_prefix(chosen.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
        .map(|o| o.id.clone())
}

fn formula_options(f: &Formula) -> Vec<ReadingOpt> {
    let mut out: Vec<ReadingOpt> = Vec::new();
    if uses_period_fee(f) {
        out.push(opt(
            "fee-by-months",
            "当期服务金额按月数分摊",
            "the period's fee spread by months",
        ));
        out.push(opt(
            FEE_BY_DAYS,
            "当期服务金额按日数分摊",
            "the period's fee spread by days",
        ));
    }
    match f {
        Formula::PerPeriod { .. } => {
            out.push(opt("complete", "仅计满期", "complete periods only"));
            out.push(opt(
                "started",
                "不满一期按一期计",
                "a started period counts",
            ));
        }
        Formula::PerOccurrence(po) => {
            if let Some(lh) = &po.late_handling {
                // A rule with a single reading is clear, not a choice: only rules with several
                // readings make the clause ambiguous (004 附件2-5.3: "增加1%" has two, "2倍" one).
                for rule in lh.rules.iter().filter(|r| r.readings.len() > 1) {
                    for r in &rule.readings {
                        if !out.iter().any(|o| o.id == r.id) {
                            out.push(ReadingOpt {
                                id: r.id.clone(),
                                label: r.label.clone(),
                            });
                        }
                    }
                }
            }
            if po.tiers.is_some() {
                out.push(opt(
                    "cumulative",
                    "累计：N次合计按第N档",
                    "cumulative: N occurrences cost the N-th tier in total",
                ));
                out.push(opt(
                    "each",
                    "逐次：每次按其所在档",
                    "each: every occurrence costs its own tier",
                ));
            }
            if matches!(
                po.amount,
                OccurrenceAmount::Range { .. } | OccurrenceAmount::RateRange { .. }
            ) {
                out.push(opt("low", "区间下限", "the low end"));
                out.push(opt("high", "区间上限", "the high end"));
            }
        }
        Formula::PerDay { schedule, .. } => {
            if !schedule.is_empty() {
                out.push(opt(
                    "stepped",
                    "逐段计：每日按其所在档费率",
                    "stepped: each day at its band's rate",
                ));
                out.push(opt(
                    "whole",
                    "整段计：全部天数按最后一日所在档费率",
                    "whole: every day at the rate of the last day's band",
                ));
            }
        }
    }
    out
}

fn note(zh: impl Into<String>, en: impl Into<String>) -> Step {
    Step::Note {
        zh: zh.into(),
        en: en.into(),
    }
}

/// `a × n`.
pub fn mul_int(a: Amount, n: i64) -> Option<Amount> {
    a.yuan().checked_mul(Decimal::from(n)).map(Amount::new)
}

/// `a × f`.
pub fn mul_dec(a: Amount, f: Decimal) -> Option<Amount> {
    a.yuan().checked_mul(f).map(Amount::new)
}

/// Rounds an amount a party pays half-up to the fen; a `rounded` step shows both figures when
/// rounding changes it.
///
/// # Errors
/// `figure` when the amount is beyond what is computed exactly to the fen.
pub(crate) fn round_payable(
    raw: Amount,
    figure: Figure,
    steps: &mut Steps,
) -> Result<Amount, Overflow> {
    let rounded = fen(raw, figure)?;
    if rounded != raw {
        steps.push(|| Step::Rounded {
            raw,
            amount: rounded,
        });
    }
    Ok(rounded)
}

/// `amount × n` rounded to the fen: what `n` days or periods of `amount` cost (the exposure
/// curve prices a day late as a line would).
///
/// # Errors
/// `figure` when it is too large to compute to the fen.
pub fn accrued(amount: Amount, n: i64, figure: Figure) -> Result<Amount, Overflow> {
    fen(mul_int(amount, n).ok_or(Overflow(figure))?, figure)
}

/// The step of a missing base.
pub fn missing_base(base: &Base) -> Step {
    let (zh, en) = match base {
        Base::Total => ("合同总额", "the contract total"),
        Base::Item { item: Some(_) } => ("该项目的金额", "the item's amount"),
        Base::Item { item: None } => ("所涉子系统（项目）", "the item (subsystem) concerned"),
        Base::Overdue => ("逾期金额", "the overdue amount"),
        Base::AuditedPrice => ("审计价", "the audited price"),
        Base::Occurrence => ("所涉金额", "the amount concerned"),
        Base::Amount { .. } => ("约定金额", "the stated amount"),
        Base::TermShare { .. } => (
            "合同总额按服务期分摊的金额（合同总额或服务期不明）",
            "the total's share for the period (the total or the term is not known)",
        ),
        Base::PeriodFee { .. } => (
            "当期服务金额（所涉分项、服务期或当期不明）",
            "the period's fee (the item, the term or the period is not known)",
        ),
        Base::Recorded { label: l, .. } => {
            let en = l.en.as_deref().unwrap_or(&l.zh);
            return note(
                format!("缺少计算基数：{}（记录未给出），本项按 0 计", l.zh),
                format!("missing base: {en} (the record does not state it); this line counts as 0"),
            );
        }
        Base::Fact { .. } => ("记录所载的金额", "the amount the record states"),
    };
    note(
        format!("缺少计算基数：{zh}，本项按 0 计"),
        format!("missing base: {en}; this line counts as 0"),
    )
}

/// Days late (calendar or working) of a lateness.
pub fn days_late(ctx: &Ctx<'_>, late: &Late, working: bool) -> i64 {
    if working {
        ctx.calendar
            .working_days_between(late.due, late.until)
            .max(0)
    } else {
        (late.until - late.due).num_days().max(0)
    }
}

/// The day `k` (working) days after `due`.
pub fn day_after(ctx: &Ctx<'_>, due: NaiveDate, k: i64, working: bool) -> Option<NaiveDate> {
    let k = u64::try_from(k).ok()?;
    if working {
        ctx.calendar.checked_add_working_days(due, k)
    } else {
        due.checked_add_days(Days::new(k))
    }
}

/// A period's length in (working) days, for counting periods late; None for spans shorter than
/// a day.
pub fn period_days(span: Span) -> Option<(i64, bool)> {
    let n = i64::from(span.n);
    let d = match span.unit {
        SpanUnit::Days => (n, false),
        SpanUnit::Weeks => (n.checked_mul(7)?, false),
        SpanUnit::WorkingDays => (n, true),
        SpanUnit::Months => (n.checked_mul(30)?, false),
        SpanUnit::Years => (n.checked_mul(365)?, false),
        SpanUnit::Minutes | SpanUnit::Hours => return None,
    };
    (d.0 > 0).then_some(d)
}

/// Periods late: complete or started.
pub fn periods(days: i64, pd: i64, started: bool) -> i64 {
    if pd <= 0 || days <= 0 {
        return 0;
    }
    let full = days / pd;
    if started && days % pd != 0 {
        full + 1
    } else {
        full
    }
}

/// Periods late by the calendar for months and years (the corresponding day, Art. 201–202;
/// the holiday rule is for the last day of a time to act, and these boundaries only count the
/// lateness); by day counts otherwise.
fn periods_late(ctx: &Ctx<'_>, late: &Late, span: Span, started: bool) -> Option<(i64, i64, i64)> {
    let (pd, working) = period_days(span)?;
    let days = days_late(ctx, late, working);
    if matches!(span.unit, SpanUnit::Months | SpanUnit::Years) {
        let mut full = 0i64;
        let mut boundary = late.due;
        while full < 10_000 {
            let next = ctx.add_span(boundary, span, false)?;
            if next > late.until {
                break;
            }
            full += 1;
            boundary = next;
        }
        let n = if started && boundary < late.until {
            full + 1
        } else {
            full
        };
        return Some((days, pd, n));
    }
    Some((days, pd, periods(days, pd, started)))
}

fn base_of(ctx: &Ctx<'_>, base: &Base, o: &Occ, reading: &str) -> Option<Named> {
    let facts = BaseFacts {
        item: o.item.as_deref(),
        overdue: o.late.as_ref().and_then(|l| l.overdue),
        occurrence: o.amount,
        date: Some(o.arose),
        fee_by_days: reading == FEE_BY_DAYS,
        facts: &o.fact_amounts,
    };
    ctx.base(base, facts)
}

/// The written consent that waives a line, if the clause allows it.
fn waiver(ctx: &Ctx<'_>, clause: &str, p: &Penalty, o: &Occ) -> Option<NaiveDate> {
    if !p.waived_by_written_consent {
        return None;
    }
    let by = o.late.as_ref().map_or(o.arose, |l| l.until);
    ctx.index
        .consents(clause)
        .iter()
        .filter(|c| c.waives(p) && c.date <= by)
        .map(|c| c.date)
        .min()
}

/// The scope key of an occurrence (borrowed from it: pricing a line allocates no key).
type ScopeKey<'o> = (
    Option<i64>,
    Option<&'o str>,
    Option<&'o str>,
    Option<&'o str>,
);

/// Per scope: how many occurrences so far, and the last amount (what the next one escalates).
type Seen<'o> = BTreeMap<ScopeKey<'o>, (u32, Option<Amount>)>;

fn scope_key<'o>(ctx: &Ctx<'_>, s: &Scope, o: &'o Occ) -> ScopeKey<'o> {
    (
        s.period()
            .map(|p| super::super::periods::key(ctx, p, o.arose)),
        if s.same_kind { o.kind.as_deref() } else { None },
        if s.same_level {
            o.level.as_deref()
        } else {
            None
        },
        if s.same_item { o.item.as_deref() } else { None },
    )
}

/// Where a line's explanation goes. A reading that is not in force reports its total only, so
/// its lines' steps are never built (`keep` false): the closures given to `push` do not run.
pub(crate) struct Steps {
    keep: bool,
    v: Vec<Step>,
}

impl Steps {
    pub(crate) fn new(keep: bool, collected: usize) -> Steps {
        // Room for the trigger, the collected steps and the formula's steps (one allocation).
        let v = if keep {
            Vec::with_capacity(collected + 6)
        } else {
            Vec::new()
        };
        Steps { keep, v }
    }

    #[inline]
    pub(crate) fn push(&mut self, step: impl FnOnce() -> Step) {
        if self.keep {
            self.v.push(step());
        }
    }
}

/// Prices every occurrence of a clause under one reading; `explain` false: amounts only, no
/// steps (the total of a reading not in force).
///
/// # Errors
/// The occurrence whose amount is too large to compute.
pub fn price_all(
    ctx: &Ctx<'_>,
    clause: &str,
    p: &Penalty,
    occs: &[Occ],
    reading: &str,
    explain: bool,
) -> Result<Vec<Priced>, EvalError> {
    let mut seen: Seen<'_> = BTreeMap::new();
    let mut out = Vec::with_capacity(occs.len());
    let stop = p
        .stop_at
        .as_ref()
        .and_then(|w| ctx.resolve(w, None))
        .map(|r| r.date);
    for o in occs {
        let mut steps = Steps::new(explain, o.steps.len());
        steps.push(|| Step::Trigger {
            clause: clause.to_string(),
            what: o.what.clone(),
        });
        if steps.keep {
            steps.v.extend(o.steps.iter().cloned());
        }
        let (formula, reading, alt) = in_force(p, reading);
        if let (Some(a), Some(alts)) = (alt, &p.alternatives) {
            steps.push(|| Step::Alternative {
                holder: alts.holder,
                choice: alts.label.clone(),
                option: a.label.clone(),
                elected: ctx.events.elections.get(&alts.choice) == Some(&a.id),
            });
        }
        let by_days = matches!(formula, Formula::PerDay { .. } | Formula::PerPeriod { .. });
        let date = match (&o.late, by_days) {
            (Some(l), true) => l.until,
            _ => o.arose,
        };
        let mut pr = Priced {
            subject: o.subject.clone(),
            date,
            amount: Amount::ZERO,
            penalty: Amount::ZERO,
            interest: Amount::ZERO,
            steps: Vec::new(),
            accrual: None,
            void: false,
            late: o.late.clone(),
            loss: o.loss,
            milestone: o.milestone.clone(),
            party: o.party,
        };
        if let Some(e) = o.excuse {
            steps.push(|| Step::Excused {
                excuse: excuse_id(e).to_string(),
            });
            pr.void = true;
            pr.steps = steps.v;
            out.push(pr);
            continue;
        }
        if let Some(consent) = waiver(ctx, clause, p, o) {
            steps.push(|| Step::Waived { consent });
            pr.void = true;
            pr.steps = steps.v;
            out.push(pr);
            continue;
        }
        if !by_days && stopped_or_excused(o, stop, &mut steps) {
            pr.void = true;
            pr.steps = steps.v;
            out.push(pr);
            continue;
        }
        let priced = match formula {
            Formula::PerDay {
                rate: Some(rate),
                schedule,
                start_after: 0,
                base,
                working_days,
            } if schedule.is_empty() && stop.is_none() && o.excused_days.is_empty() => per_day(
                ctx,
                p,
                o,
                *rate,
                base,
                *working_days,
                reading,
                &mut pr,
                &mut steps,
            ),
            Formula::PerDay {
                rate,
                schedule,
                start_after,
                base,
                working_days,
            } => {
                let f = DayFormula {
                    rate: *rate,
                    schedule,
                    start_after: *start_after,
                    base,
                    working: *working_days,
                    whole: reading == "whole",
                    reading,
                };
                per_day_counted(ctx, p, o, &f, stop, &mut pr, &mut steps)
            }
            Formula::PerPeriod { period, rate, base } => {
                let shifted = shifted(ctx, o, stop, &mut steps);
                let o = shifted.as_ref().unwrap_or(o);
                if shifted.is_some() {
                    pr.date = o.late.as_ref().map_or(pr.date, |l| l.until);
                }
                per_period(
                    ctx, p, o, *period, *rate, base, reading, &mut pr, &mut steps,
                )
            }
            Formula::PerOccurrence(po) => {
                per_occurrence(ctx, po, o, reading, &mut seen, &mut pr, &mut steps)
            }
        };
        priced.map_err(|e| e.at(clause, Some(&o.subject)))?;
        pr.steps = steps.v;
        out.push(pr);
    }
    Ok(out)
}

/// Sets a line's penalty and interest, each rounded to the fen, and its amount, their sum.
fn set_payable(pr: &mut Priced, penalty: Amount, interest: Amount) -> Result<(), Overflow> {
    pr.penalty = penalty;
    pr.interest = interest;
    pr.amount = add(penalty, interest, Figure::Interest)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn per_day(
    ctx: &Ctx<'_>,
    p: &Penalty,
    o: &Occ,
    rate: Rate,
    base: &Base,
    working: bool,
    reading: &str,
    pr: &mut Priced,
    steps: &mut Steps,
) -> Result<(), Overflow> {
    let Some(late) = &o.late else {
        steps.push(|| {
            note(
                "无逾期天数可计",
                "no days late to count for a per-day penalty",
            )
        });
        return Ok(());
    };
    let Some(named) = base_of(ctx, base, o, reading) else {
        steps.push(|| missing_base(base));
        return Ok(());
    };
    let days = days_late(ctx, late, working);
    steps.push(|| Step::DaysLate {
        due: late.due,
        until: late.until,
        days,
        working_days: working,
    });
    let too_large = Overflow(Figure::Penalty);
    let daily = named.amount.checked_mul_rate(rate).ok_or(too_large)?;
    let penalty = mul_int(daily, days).ok_or(too_large)?;
    steps.push(|| Step::PerDay {
        rate,
        base: named.clone(),
        days,
        amount: penalty,
    });
    let penalty = round_payable(penalty, Figure::Penalty, steps)?;
    let mut daily_interest = Amount::ZERO;
    let mut interest = Amount::ZERO;
    if let Some(ir) = p.interest {
        let too_large = Overflow(Figure::Interest);
        let di = named.amount.checked_mul_rate(ir).ok_or(too_large)?;
        let int = mul_int(di, days).ok_or(too_large)?;
        steps.push(|| Step::Interest {
            rate: ir,
            base: named.clone(),
            days,
            amount: int,
        });
        daily_interest = di;
        interest = round_payable(int, Figure::Interest, steps)?;
    }
    set_payable(pr, penalty, interest)?;
    pr.accrual = Some(Accrual::Daily {
        due: late.due,
        penalty: daily,
        interest: daily_interest,
        working,
    });
    Ok(())
}

/// Whether an occurrence of a formula that does not accrue by days arose after accrual
/// stopped, or on a day a dated excuse covers: it costs nothing, and a step says why.
fn stopped_or_excused(o: &Occ, stop: Option<NaiveDate>, steps: &mut Steps) -> bool {
    if let Some(s) = stop.filter(|s| o.arose > *s) {
        steps.push(|| Step::AccrualStopped { on: s });
        return true;
    }
    let covers =
        |x: &&Excusal| x.from.is_none_or(|f| f <= o.arose) && x.until.is_none_or(|u| o.arose <= u);
    if let Some(x) = o.excused_days.iter().find(covers) {
        steps.push(|| Step::Excused {
            excuse: excuse_id(x.excuse).to_string(),
        });
        return true;
    }
    false
}

/// A per-period lateness counted up to the stop and without excused days: the end moved back
/// by the days taken out (periods count the days of the payer's own delay). None when nothing
/// changes.
fn shifted(ctx: &Ctx<'_>, o: &Occ, stop: Option<NaiveDate>, steps: &mut Steps) -> Option<Occ> {
    let late = o.late.as_ref()?;
    if stop.is_none_or(|s| s >= late.until) && o.excused_days.is_empty() {
        return None;
    }
    let c = days::count(ctx, late, stop, &o.excused_days, false);
    if let Some(on) = c.stopped {
        steps.push(|| Step::AccrualStopped { on });
    }
    for (excuse, from, until, days) in &c.cuts {
        steps.push(|| Step::ExcusedDays {
            excuse: excuse_id(*excuse).to_string(),
            from: *from,
            until: *until,
            days: *days,
            working_days: false,
        });
    }
    let until = late
        .due
        .checked_add_days(Days::new(u64::try_from(c.days).ok()?))?;
    let mut moved = o.clone();
    moved.late = Some(Late {
        until,
        ..late.clone()
    });
    Some(moved)
}

/// A per-day formula with any of the v2 amounts (a schedule, free days, a stop, excused days).
struct DayFormula<'f> {
    rate: Option<Rate>,
    schedule: &'f [Band],
    start_after: u32,
    base: &'f Base,
    working: bool,
    whole: bool,
    /// The clause's reading (the period's fee by days or by months).
    reading: &'f str,
}

/// `rate × base` for each counted day late, by band, after the free days.
fn per_day_counted(
    ctx: &Ctx<'_>,
    p: &Penalty,
    o: &Occ,
    f: &DayFormula<'_>,
    stop: Option<NaiveDate>,
    pr: &mut Priced,
    steps: &mut Steps,
) -> Result<(), Overflow> {
    let Some(late) = &o.late else {
        steps.push(|| {
            note(
                "无逾期天数可计",
                "no days late to count for a per-day penalty",
            )
        });
        return Ok(());
    };
    let Some(named) = base_of(ctx, f.base, o, f.reading) else {
        steps.push(|| missing_base(f.base));
        return Ok(());
    };
    let too_large = Overflow(Figure::Penalty);
    let bands = days::day_bands(f.rate, f.schedule, named.amount).ok_or(too_large)?;
    let working = f.working;
    let c = days::count(ctx, late, stop, &o.excused_days, working);
    pr.date = c.until;
    c.steps(late, working, steps);
    let free = i64::from(f.start_after).min(c.days);
    if f.start_after > 0 {
        let n = f.start_after;
        steps.push(|| Step::FreeDays {
            days: n,
            working_days: working,
        });
    }
    let penalty = days::banded(c.days, free, &bands, f.whole).ok_or(too_large)?;
    let charged = c.days - free;
    if f.schedule.is_empty() {
        steps.push(|| Step::PerDay {
            rate: bands[0].rate,
            base: named.clone(),
            days: charged,
            amount: penalty,
        });
    } else {
        let parts = days::parts(c.days, free, &bands, f.whole).ok_or(too_large)?;
        steps.push(|| Step::Schedule {
            base: named.clone(),
            days: c.days,
            working_days: working,
            reading: if f.whole { "whole" } else { "stepped" }.into(),
            parts,
            amount: penalty,
        });
    }
    let penalty = round_payable(penalty, Figure::Penalty, steps)?;
    let mut daily_interest = Amount::ZERO;
    let mut interest = Amount::ZERO;
    if let Some(ir) = p.interest {
        let too_large = Overflow(Figure::Interest);
        let di = named.amount.checked_mul_rate(ir).ok_or(too_large)?;
        let int = mul_int(di, charged).ok_or(too_large)?;
        steps.push(|| Step::Interest {
            rate: ir,
            base: named.clone(),
            days: charged,
            amount: int,
        });
        daily_interest = di;
        interest = round_payable(int, Figure::Interest, steps)?;
    }
    set_payable(pr, penalty, interest)?;
    pr.accrual = Some(Accrual::Counted {
        stretches: c.stretches,
        working,
        free,
        bands,
        whole: f.whole,
        interest: daily_interest,
    });
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn per_period(
    ctx: &Ctx<'_>,
    p: &Penalty,
    o: &Occ,
    period: Span,
    rate: Rate,
    base: &Base,
    reading: &str,
    pr: &mut Priced,
    steps: &mut Steps,
) -> Result<(), Overflow> {
    let Some(late) = &o.late else {
        steps.push(|| {
            note(
                "无逾期天数可计",
                "no days late to count for a per-period penalty",
            )
        });
        return Ok(());
    };
    let Some(named) = base_of(ctx, base, o, reading) else {
        steps.push(|| missing_base(base));
        return Ok(());
    };
    let started = reading == "started";
    let Some((days, pd, n)) = periods_late(ctx, late, period, started) else {
        steps.push(|| {
            note(
                "期间长度无法按日计算",
                "the period cannot be counted in days",
            )
        });
        return Ok(());
    };
    let working = period.unit == SpanUnit::WorkingDays;
    let period_u32 = u32::try_from(pd).map_err(|_| Overflow(Figure::Penalty))?;
    steps.push(|| Step::DaysLate {
        due: late.due,
        until: late.until,
        days,
        working_days: working,
    });
    let too_large = Overflow(Figure::Penalty);
    let step_amt = named.amount.checked_mul_rate(rate).ok_or(too_large)?;
    let penalty = mul_int(step_amt, n).ok_or(too_large)?;
    steps.push(|| Step::PerPeriod {
        rate,
        base: named.clone(),
        days,
        period_days: period_u32,
        periods: n,
        reading: if started { "started" } else { "complete" }.to_string(),
        amount: penalty,
    });
    let penalty = round_payable(penalty, Figure::Penalty, steps)?;
    let mut interest = Amount::ZERO;
    let mut daily_interest = Amount::ZERO;
    if let Some(ir) = p.interest {
        let cal_days = days_late(ctx, late, false);
        let too_large = Overflow(Figure::Interest);
        let di = named.amount.checked_mul_rate(ir).ok_or(too_large)?;
        let int = mul_int(di, cal_days).ok_or(too_large)?;
        daily_interest = di;
        steps.push(|| Step::Interest {
            rate: ir,
            base: named.clone(),
            days: cal_days,
            amount: int,
        });
        interest = round_payable(int, Figure::Interest, steps)?;
    }
    set_payable(pr, penalty, interest)?;
    pr.accrual = Some(Accrual::Periodic {
        due: late.due,
        step: step_amt,
        period_days: pd,
        started,
        working,
        interest: daily_interest,
    });
    Ok(())
}

/// The deadline by which an incident had to be handled: the instant for minutes and hours, the
/// end of a period in days otherwise (Civil Code Art. 201–203, [`Ctx::limit_end`]).
fn handle_deadline(ctx: &Ctx<'_>, from: NaiveDateTime, span: Span) -> Option<NaiveDateTime> {
    ctx.limit_end(from, span, true, None).map(|(end, _)| end)
}

#[allow(clippy::too_many_arguments)]
fn per_occurrence<'o>(
    ctx: &Ctx<'_>,
    po: &PerOccurrence,
    o: &'o Occ,
    reading: &str,
    seen: &mut Seen<'o>,
    pr: &mut Priced,
    steps: &mut Steps,
) -> Result<(), Overflow> {
    let high = reading == "high";
    let range_reading = if high { "high" } else { "low" };
    // 1. The amount of one occurrence, and the base a late-handling rate adds to.
    let mut limit: Option<Span> = None;
    let mut named: Option<Named> = None;
    let base_amount: Option<Amount> = match &po.amount {
        OccurrenceAmount::Fixed { amount } => {
            steps.push(|| Step::Fixed { amount: *amount });
            Some(*amount)
        }
        OccurrenceAmount::Range { low, high: hi } => {
            let a = if high { *hi } else { *low };
            steps.push(|| Step::RangeEnd {
                reading: range_reading.into(),
                low: *low,
                high: *hi,
                amount: a,
            });
            Some(a)
        }
        OccurrenceAmount::Rate { rate, base } => match base_of(ctx, base, o, reading) {
            Some(n) => {
                let a = n.amount.checked_mul_rate(*rate);
                if let Some(a) = a {
                    steps.push(|| Step::RateOf {
                        rate: *rate,
                        base: n.clone(),
                        amount: a,
                    });
                }
                named = Some(n);
                a
            }
            None => {
                steps.push(|| missing_base(base));
                return Ok(());
            }
        },
        OccurrenceAmount::RateRange {
            low,
            high: hi,
            base,
        } => match base_of(ctx, base, o, reading) {
            Some(n) => {
                let too_large = Overflow(Figure::Penalty);
                let l = n.amount.checked_mul_rate(*low).ok_or(too_large)?;
                let h = n.amount.checked_mul_rate(*hi).ok_or(too_large)?;
                let (r, a) = if high { (*hi, h) } else { (*low, l) };
                steps.push(|| Step::RateOf {
                    rate: r,
                    base: n.clone(),
                    amount: a,
                });
                steps.push(|| Step::RangeEnd {
                    reading: range_reading.into(),
                    low: l,
                    high: h,
                    amount: a,
                });
                named = Some(n);
                Some(a)
            }
            None => {
                steps.push(|| missing_base(base));
                return Ok(());
            }
        },
        OccurrenceAmount::ByLevel { rates, base } => {
            let lr = o
                .level
                .as_ref()
                .and_then(|l| rates.iter().find(|r| &r.level == l));
            let Some(lr) = lr else {
                steps.push(|| {
                    note(
                        format!(
                            "本条对等级 {} 未规定处罚比例，本项按 0 计",
                            o.level.as_deref().unwrap_or("-")
                        ),
                        format!(
                            "the clause sets no rate for level {}; this line counts as 0",
                            o.level.as_deref().unwrap_or("-")
                        ),
                    )
                });
                return Ok(());
            };
            limit = lr.handle_within;
            match base_of(ctx, base, o, reading) {
                Some(n) => {
                    let a = n.amount.checked_mul_rate(lr.rate);
                    if let Some(a) = a {
                        steps.push(|| Step::RateOf {
                            rate: lr.rate,
                            base: n.clone(),
                            amount: a,
                        });
                    }
                    named = Some(n);
                    a
                }
                None => {
                    steps.push(|| missing_base(base));
                    return Ok(());
                }
            }
        }
    };
    let mut amount = base_amount.ok_or(Overflow(Figure::Penalty))?;
    // 2. Tiers by count replace the amount; otherwise repeats escalate.
    if let Some(t) = &po.tiers {
        let key = scope_key(ctx, &t.scope, o);
        let (n, _) = seen.entry(key).or_insert((0, None));
        *n = n.checked_add(1).ok_or(Overflow(Figure::Tier))?;
        let count = *n;
        let Some(tb) = base_of(ctx, &t.base, o, reading) else {
            steps.push(|| missing_base(&t.base));
            return Ok(());
        };
        let rate_for = |c: u32| -> Rate {
            t.tiers
                .iter()
                .filter(|x| x.from <= c)
                .max_by_key(|x| x.from)
                .map(|x| x.rate)
                .unwrap_or(Rate::from_fraction(Decimal::ZERO))
        };
        let r = rate_for(count);
        let full = tb.amount.checked_mul_rate(r);
        let a = if reading == "each" {
            full
        } else {
            let prev = tb
                .amount
                .checked_mul_rate(rate_for(count.saturating_sub(1)));
            full.zip(prev).and_then(|(f, p)| f.checked_sub(p)).map(|d| {
                if d.is_negative() {
                    Amount::ZERO
                } else {
                    d
                }
            })
        };
        let a = a.ok_or(Overflow(Figure::Tier))?;
        steps.push(|| Step::Tier {
            count,
            rate: r,
            base: tb.clone(),
            amount: a,
        });
        amount = a;
        named = Some(tb);
    } else if let Some(e) = &po.escalation {
        let key = scope_key(ctx, &e.scope, o);
        let (nth, esc_prev) = seen.entry(key).or_insert((0, None));
        let too_large = Overflow(Figure::Escalation);
        *nth = nth.checked_add(1).ok_or(too_large)?;
        let nth = *nth;
        if let Some(prev) = *esc_prev {
            let a = within(
                mul_dec(prev, e.factor).ok_or(too_large)?,
                Figure::Escalation,
            )?;
            steps.push(|| Step::Escalated {
                nth,
                factor: e.factor,
                previous: prev,
                amount: a,
            });
            amount = a;
        }
        *esc_prev = Some(amount);
    }
    // 3. Not handled in time.
    if let (Some(lh), Some(limit), Some((reported, resolved)), Some(level)) =
        (&po.late_handling, limit, o.handling, &o.level)
    {
        let end = resolved.unwrap_or_else(|| {
            ctx.as_of
                .succ_opt()
                .unwrap_or(ctx.as_of)
                .and_time(NaiveTime::MIN)
        });
        let took = (end - reported).num_minutes();
        let late = handle_deadline(ctx, reported, limit).is_some_and(|d| end > d);
        let rule = lh.rules.iter().find(|r| r.levels.contains(level));
        if let (true, Some(rule)) = (late, rule) {
            let chosen = rule
                .readings
                .iter()
                .find(|r| r.id == reading)
                .or_else(|| rule.readings.first());
            if let Some(rd) = chosen {
                let before = amount;
                let mut a = Some(amount);
                if let Some(f) = rd.factor {
                    a = a.and_then(|x| mul_dec(x, f));
                }
                if let Some(add) = rd.add_rate {
                    let extra = named.as_ref().and_then(|n| n.amount.checked_mul_rate(add));
                    a = a.zip(extra).and_then(|(x, e)| x.checked_add(e));
                }
                let a = within(
                    a.ok_or(Overflow(Figure::LateHandling))?,
                    Figure::LateHandling,
                )?;
                steps.push(|| Step::LateHandling {
                    limit,
                    took_minutes: took,
                    reading: rd.id.clone(),
                    before,
                    amount: a,
                });
                amount = a;
            }
        }
    }
    // 4. Facts that multiply: the largest applies (a complaint level, a condition, or both).
    let applies = |(i, m): &(usize, &Multiplier)| {
        let complaint = match &m.complaint {
            Some(c) => o.complaint.as_ref() == Some(c),
            None => m.when.is_some(),
        };
        complaint && o.held.get(*i).copied().unwrap_or(m.when.is_none())
    };
    if let Some((_, m)) = po
        .multipliers
        .iter()
        .enumerate()
        .filter(applies)
        .max_by(|a, b| a.1.factor.cmp(&b.1.factor))
    {
        let a = mul_dec(amount, m.factor).ok_or(Overflow(Figure::Multiplier))?;
        let a = within(a, Figure::Multiplier)?;
        if let Some(c) = &m.when {
            steps.push(|| Step::ConditionMet {
                what: super::super::condition::describe(ctx, &o.subject_kind, c),
            });
        }
        steps.push(|| Step::Multiplied {
            fact: m
                .complaint
                .clone()
                .unwrap_or_else(|| "condition".to_string()),
            factor: m.factor,
            before: amount,
            amount: a,
        });
        amount = a;
    }
    // 5. Per unit of a number fact (`per`), then per person.
    if let Some((fact, n)) = &o.per {
        let a = mul_int(amount, i64::from(*n)).ok_or(Overflow(Figure::Penalty))?;
        steps.push(|| Step::PerFact {
            fact: fact.clone(),
            n: *n,
            each: amount,
            amount: a,
        });
        amount = a;
    }
    if po.per_person {
        let a = mul_int(amount, i64::from(o.persons)).ok_or(Overflow(Figure::Penalty))?;
        steps.push(|| Step::PerPerson {
            persons: o.persons,
            each: amount,
            amount: a,
        });
        amount = a;
    }
    let amount = round_payable(amount, Figure::Penalty, steps)?;
    set_payable(pr, amount, Amount::ZERO)
}

/// The day a line's uncapped amount first reaches (or, `strict`, exceeds) `needed`, by its
/// accrual; the line's own date when it does not accrue over days.
pub fn day_reaching(ctx: &Ctx<'_>, p: &Priced, needed: Amount, strict: bool) -> NaiveDate {
    day_reaching_part(ctx, p, Part::All, needed, strict)
}

/// [`day_reaching`] for a part of the line's amount: its penalty, its interest, or both.
pub fn day_reaching_part(
    ctx: &Ctx<'_>,
    p: &Priced,
    part: Part,
    needed: Amount,
    strict: bool,
) -> NaiveDate {
    let steps_needed = |unit: Amount| -> Option<i64> {
        if unit.is_zero() || unit.is_negative() {
            return None;
        }
        let q = needed.yuan().checked_div(unit.yuan())?;
        let k = if strict {
            q.floor().checked_add(Decimal::ONE)?
        } else {
            q.ceil()
        };
        i64::try_from(k).ok().map(|k| k.max(1))
    };
    let found = match &p.accrual {
        Some(Accrual::Daily {
            due,
            penalty,
            interest,
            working,
        }) => {
            let daily = match part {
                Part::All => penalty.checked_add(*interest),
                Part::Penalty => Some(*penalty),
                Part::Interest => Some(*interest),
            };
            daily
                .and_then(steps_needed)
                .and_then(|k| day_after(ctx, *due, k, *working))
        }
        Some(Accrual::Periodic { due, interest, .. }) if part == Part::Interest => {
            steps_needed(*interest).and_then(|k| day_after(ctx, *due, k, false))
        }
        Some(Accrual::Periodic {
            due,
            step,
            period_days,
            started,
            working,
            ..
        }) => steps_needed(*step).and_then(|k| {
            let d = if *started {
                k.checked_sub(1)?
                    .checked_mul(*period_days)?
                    .checked_add(1)?
            } else {
                k.checked_mul(*period_days)?
            };
            day_after(ctx, *due, d, *working)
        }),
        Some(Accrual::Counted {
            stretches,
            working,
            free,
            bands,
            whole,
            interest,
        }) => {
            let at = |k: i64| -> Option<Amount> {
                let pen = || days::banded(k, *free, bands, *whole);
                let int = || mul_int(*interest, (k - free).max(0));
                match part {
                    Part::All => pen()?.checked_add(int()?),
                    Part::Penalty => pen(),
                    Part::Interest => int(),
                }
            };
            let total: i64 = stretches
                .iter()
                .map(|(a, b)| {
                    if *working {
                        ctx.calendar.working_days_between(*a, *b).max(0)
                    } else {
                        (*b - *a).num_days().max(0)
                    }
                })
                .sum();
            (1..=total)
                .find(|k| at(*k).is_some_and(|a| if strict { a > needed } else { a >= needed }))
                .and_then(|k| days::kth_day(ctx, stretches, k, *working))
        }
        None => None,
    };
    found.map_or(p.date, |d| d.min(p.date))
}
