//! The evaluation engine: `evaluate(contract, events, calendar, options) -> Report`.
//!
//! Pure and deterministic: the same inputs give the same report, byte for byte. The parts run
//! in the order their facts need:
//!
//! 1. [`term`]: the contract period (renewals, extensions), so `term_end` is a known date;
//! 2. [`sla`]: every timer on every incident and requirement;
//! 3. [`obligations`]: every instance of every duty, with its status;
//! 4. [`payments`]: the schedule (amounts, due dates, what was paid and when);
//! 5. [`penalties`]: every penalty clause, its caps, shared caps, rights and exposure, using the
//!    timers, instances and late payments above;
//! 6. [`set_off`]: where the contract lets the buyer set the seller's penalties off, the parts
//!    of milestones they settle; the schedule is built again with them (a part set off is
//!    neither unpaid nor late) and the penalties priced again on it (the late payments change;
//!    the seller's penalties set off do not depend on them);
//! 7. [`payments::settle`]: late-payment penalties and interest per milestone;
//! 8. the document checks ([`crate::domain::checks`]).
//!
//! Amounts a party pays are rounded half-up to the fen at the line (the unrounded figure stays
//! in its steps) and every total is a sum of rounded lines. A figure too large to compute gives
//! no report but an [`EvalError`] naming the clause and the occurrence ([`error`]).

pub mod balances;
pub mod condition;
pub mod context;
pub mod error;
pub mod index;
pub mod limits;
pub mod obligations;
pub mod payments;
pub mod penalties;
pub mod period_fee;
pub mod periods;
pub mod prepared;
pub mod set_off;
pub mod sla;
pub mod term;

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::calendar::Calendar;
use crate::domain::contract::{Contract, Excuse};
use crate::domain::events::Events;
use crate::domain::money::Amount;
use crate::domain::report::{
    ClauseResult, Exposure, MilestoneResult, Report, RightResult, SharedCapResult, Totals, Warning,
    FORMAT,
};
use crate::domain::validate;

pub use context::{Ctx, Options};
pub use error::{EvalError, Figure};
pub use prepared::Prepared;

/// A stretch of days a payment was overdue: from the first day late to the last day late
/// (inclusive), with the amount outstanding over it.
#[derive(Clone, Debug, PartialEq)]
pub struct OverdueSegment {
    pub milestone: String,
    /// The due date.
    pub due: NaiveDate,
    /// First day late (due + 1).
    pub from: NaiveDate,
    /// Last day late, inclusive (the payment day, or the as-of date while unpaid).
    pub to: NaiveDate,
    pub amount: Amount,
    /// Whether it was paid on `to` (false: still unpaid at the as-of date).
    pub paid: bool,
    pub excuse: Option<Excuse>,
}

impl OverdueSegment {
    /// Days late in the segment.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }
}

/// The payment schedule before penalties: what is due when, and what was paid late.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schedule {
    pub milestones: Vec<MilestoneResult>,
    pub overdue: Vec<OverdueSegment>,
}

/// Everything the penalty part computes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PenaltyOutcome {
    pub clauses: Vec<ClauseResult>,
    pub shared_caps: Vec<SharedCapResult>,
    /// Rights of `Right` rules (losses above a threshold).
    pub rights: Vec<RightResult>,
    pub exposure: Vec<Exposure>,
    pub totals: Totals,
    /// Late-payment penalty and interest per milestone id (after caps).
    pub by_milestone: BTreeMap<String, (Amount, Amount)>,
    /// The reading used per ambiguous clause.
    pub readings: BTreeMap<String, String>,
}

/// Evaluates a contract against its record.
///
/// # Example
/// ```
/// # use lvyue::domain::{calendar::Calendar, contract::Contract, events::Events, engine};
/// let contract: Contract = serde_json::from_str(r#"{
///   "format": "lvyue-contract/2", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
///   "total": "980000", "clauses": []
/// }"#).unwrap();
/// let events: Events = serde_json::from_str(r#"{
///   "format": "lvyue-events/2", "as_of": "2023-01-01"
/// }"#).unwrap();
/// let report = engine::evaluate(&contract, &events, &Calendar::china(), &engine::Options::default())?;
/// assert_eq!(report.format, "lvyue-report/1");
/// assert!(report.penalties.is_empty());
/// # Ok::<(), engine::EvalError>(())
/// ```
///
/// # Errors
/// [`EvalError`] when a figure is too large to compute (amounts near `Decimal`'s limit of about
/// 7.9 × 10²⁸, escalations compounding over many repeats): it names the clause (or shared cap)
/// and the occurrence, in both languages. No report is made then: a report with a total left
/// short would be worse than none.
pub fn evaluate(
    contract: &Contract,
    events: &Events,
    calendar: &Calendar,
    options: &Options,
) -> Result<Report, EvalError> {
    evaluate_checked(
        contract,
        events,
        calendar,
        options,
        crate::domain::checks::check(contract, calendar),
    )
}

/// [`evaluate`] with the document checks already made ([`Prepared`] makes them once).
fn evaluate_checked(
    contract: &Contract,
    events: &Events,
    calendar: &Calendar,
    options: &Options,
    findings: Vec<crate::domain::report::Finding>,
) -> Result<Report, EvalError> {
    let mut ctx = Ctx::new(contract, events, calendar, options);
    let mut warnings = Vec::new();
    let term = term::evaluate(&mut ctx);
    let sla = sla::evaluate(&ctx);
    let obligations = obligations::evaluate(&ctx, &sla);
    let (balances, balance_warnings) = balances::evaluate(&ctx);
    warnings.extend(balance_warnings);
    let mut schedule = payments::schedule(&ctx)?;
    let mut pen = penalties::evaluate(&ctx, &sla, &obligations, &schedule)?;
    let credits = set_off::credits(&ctx, &schedule, &pen);
    if !credits.is_empty() {
        schedule = payments::schedule_with(&ctx, &credits)?;
        pen = penalties::evaluate(&ctx, &sla, &obligations, &schedule)?;
    }
    let payments = payments::settle(schedule, &pen);
    if let Some(start) = ctx.event_date("signing").or(ctx.event_date("term_start")) {
        warnings.extend(ctx.calendar_warnings(start, ctx.as_of));
    }
    // What the figures do not use, beside the clause it concerns: the loader lists the record's
    // too; a reading the clause does not have falls back to its default.
    let unused = validate::record_warnings(contract, events)
        .into_iter()
        .chain(validate::readings(contract, &options.readings));
    warnings.extend(unused.map(Warning::from));
    Ok(Report {
        format: FORMAT.to_string(),
        contract: contract.id.clone(),
        title: contract.title.clone(),
        as_of: events.as_of,
        readings: pen.readings,
        penalties: pen.clauses,
        shared_caps: pen.shared_caps,
        totals: pen.totals,
        rights: pen.rights,
        payments,
        sla,
        obligations,
        exposure: pen.exposure,
        term,
        findings,
        warnings,
        balances,
        compact: false,
    })
}
