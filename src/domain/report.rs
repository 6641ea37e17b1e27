//! The report format, `lvyue-report/1`: everything the engine computed, as data.
//!
//! Every figure carries its explanation as structured [`Step`]s (formula, inputs, rounding,
//! cap), which render in either language through [`Localize`]; the report itself stores no
//! sentence except the document findings' texts, which are kept in both languages. Amounts are
//! decimal strings. A report survives JSON and back unchanged.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::contract::{Label, RightKind, Side, Span};
use crate::domain::money::{Amount, Rate};

/// The format tag of a report.
pub const FORMAT: &str = "lvyue-report/1";

/// The result of evaluating a contract against its record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always `lvyue-report/1`.
    pub format: String,
    /// The contract's id and title.
    pub contract: String,
    pub title: String,
    /// The day the evaluation stands on.
    pub as_of: NaiveDate,
    /// The reading used for each ambiguous clause (clause id → reading id).
    pub readings: BTreeMap<String, String>,
    /// Penalty clauses, in the contract's order.
    pub penalties: Vec<ClauseResult>,
    /// Caps shared by groups of clauses.
    pub shared_caps: Vec<SharedCapResult>,
    /// Totals by payer, after all caps.
    pub totals: Totals,
    /// Rights with no amount (losses above a threshold).
    pub rights: Vec<RightResult>,
    /// The payment schedule.
    pub payments: Vec<MilestoneResult>,
    /// SLA timers per incident or requirement.
    pub sla: Vec<TimerResult>,
    /// Obligation instances (the compliance checklist).
    pub obligations: Vec<ObligationInstance>,
    /// For each delay clause, the penalty by days late up to its cap or the right to terminate.
    pub exposure: Vec<Exposure>,
    /// The contract period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<TermResult>,
    /// Findings about the contract text.
    pub findings: Vec<Finding>,
    /// Warnings about the evaluation itself (a year without a holiday schedule, a consent or a
    /// reading the figures cannot use, an as-of date before signing), each with the clause it
    /// concerns where there is one.
    pub warnings: Vec<Warning>,
    /// The contract's balances: granted, used, left, each draw.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub balances: Vec<BalanceResult>,
    /// True when the explanations were left out (the API's compact result: the same figures,
    /// every `steps` list and every exposure curve's `points` empty); absent in a full report.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub compact: bool,
}

impl Report {
    /// The report without its explanations: every `steps` list and every exposure curve's
    /// `points` emptied (the curve's cap, days and worst case stay), and [`Report::compact`]
    /// set. The figures, statuses, caps and warnings are those of the full report.
    pub fn into_compact(mut self) -> Report {
        for c in &mut self.penalties {
            c.lines.iter_mut().for_each(|l| l.steps = Vec::new());
            if let Some(cap) = &mut c.cap {
                cap.steps = Vec::new();
            }
            c.rights.iter_mut().for_each(|r| r.steps = Vec::new());
        }
        self.rights.iter_mut().for_each(|r| r.steps = Vec::new());
        self.payments.iter_mut().for_each(|m| m.steps = Vec::new());
        self.sla.iter_mut().for_each(|t| t.steps = Vec::new());
        if let Some(t) = &mut self.term {
            t.steps = Vec::new();
        }
        self.exposure.iter_mut().for_each(|x| x.points = Vec::new());
        self.compact = true;
        self
    }
}

/// A balance drawn down by the record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BalanceResult {
    pub balance: String,
    pub label: Label,
    pub unit: Label,
    /// The quantity granted.
    pub quantity: rust_decimal::Decimal,
    /// What the draws that counted used (those on or before the expiry, up to the quantity).
    pub used: rust_decimal::Decimal,
    /// What is left (never below 0).
    pub left: rust_decimal::Decimal,
    /// The last day a draw counts; absent when the event it depends on has no date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<NaiveDate>,
    /// Whether the expiry is before or on the as-of date: what is left then is the shortfall.
    pub expired: bool,
    /// Each draw up to the as-of date, in date order.
    pub draws: Vec<DrawResult>,
}

/// One draw from a balance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DrawResult {
    pub date: NaiveDate,
    /// The quantity the record states.
    pub quantity: rust_decimal::Decimal,
    /// What was left after it (never below 0).
    pub left: rust_decimal::Decimal,
    /// What it drew beyond what was left (0 when it fitted).
    pub over: rust_decimal::Decimal,
    /// Drawn after the balance expired: it does not count.
    pub after_expiry: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A penalty clause's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClauseResult {
    pub clause: String,
    pub title: Label,
    pub payer: Side,
    /// Each penalty, in the order it arose.
    pub lines: Vec<Line>,
    /// The clause's total after its own cap and shared caps.
    pub total: Amount,
    /// Before any cap.
    pub uncapped: Amount,
    /// The clause's own cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapResult>,
    /// Rights that arise under the clause, with the date each arises (None: not yet).
    pub rights: Vec<RightResult>,
    /// For an ambiguous clause, the total under every reading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<ReadingTotal>,
}

/// One penalty.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Line {
    /// What it is for (the incident, requirement, milestone, deadline, instance…).
    pub subject: String,
    /// The day it arose (for late days, the last day counted).
    pub date: NaiveDate,
    /// The amount owed after caps.
    pub amount: Amount,
    /// Before caps.
    pub uncapped: Amount,
    /// The party that pays it, where the clause binds whichever party breaches (the clause's
    /// `payer` otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<Side>,
    /// How it was computed.
    pub steps: Vec<Step>,
}

/// A cap's effect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapResult {
    pub limit: Amount,
    pub steps: Vec<Step>,
    /// The day the cap was reached, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached_on: Option<NaiveDate>,
}

/// A shared cap's effect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedCapResult {
    pub id: String,
    pub label: Label,
    pub clauses: Vec<String>,
    pub limit: Amount,
    /// The clauses' total before and after the shared cap.
    pub before: Amount,
    pub after: Amount,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reached_on: Option<NaiveDate>,
}

/// The total under one reading of an ambiguous clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadingTotal {
    pub reading: String,
    pub label: Label,
    pub total: Amount,
    pub used: bool,
}

/// A right and when it arises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightResult {
    pub clause: String,
    pub holder: Side,
    pub right: RightKind,
    /// The day it arises; None while the threshold is not reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arises: Option<NaiveDate>,
    /// Why (the threshold and the facts).
    pub steps: Vec<Step>,
    /// Amounts that follow (a refund, a further payment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<ConsequenceResult>,
}

/// An amount that follows from a right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsequenceResult {
    pub label: Label,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

/// Totals by payer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    pub seller_pays: Amount,
    pub buyer_pays: Amount,
}

/// A payment milestone's state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneResult {
    pub clause: String,
    pub milestone: String,
    pub label: Label,
    /// The amount due (None while its base is unknown, e.g. before the audit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// The due date (None while the event it hangs on has not happened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// How the amount and the due date were found.
    pub steps: Vec<Step>,
    pub paid: Amount,
    /// The day the last payment was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_on: Option<NaiveDate>,
    pub outstanding: Amount,
    /// Days late so far (to the payment or to the as-of date).
    pub days_late: i64,
    pub status: PaymentStatus,
    /// Late-payment penalty and interest under the contract's clauses.
    pub penalty: Amount,
    pub interest: Amount,
    /// Seller's penalties the buyer sets off against this milestone.
    pub set_off: Amount,
    /// What the buyer still has to pay: outstanding − set-off.
    pub net_payable: Amount,
}

/// The state of a milestone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    Paid,
    PaidLate,
    Overdue,
    Due,
    NotYetDue,
    /// The amount or the due date is not known yet.
    Pending,
}

/// One SLA timer on one incident or requirement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimerResult {
    pub clause: String,
    pub timer: String,
    pub label: Label,
    /// The incident or requirement id.
    pub subject: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    pub started: NaiveDateTime,
    /// The limit that applied, and why it was chosen.
    pub limit: Span,
    pub deadline: NaiveDateTime,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopped: Option<NaiveDateTime>,
    /// Time taken, in minutes (to the stop, or to the end of the as-of day while open).
    pub elapsed_minutes: i64,
    /// Minutes over the limit (0 when met).
    pub over_minutes: i64,
    pub status: TimerStatus,
    pub steps: Vec<Step>,
}

/// A timer's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimerStatus {
    Met,
    Breached,
    /// Not stopped yet, still within the limit.
    Running,
    /// Not stopped yet and past the limit.
    Overdue,
    /// Excused (force majeure, the buyer's fault).
    Excused,
}

/// One instance of an obligation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObligationInstance {
    pub clause: String,
    pub label: Label,
    pub party: Side,
    pub due: NaiveDate,
    /// Instances required by the due date (several a day for 003).
    pub required: u32,
    pub done_count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<NaiveDate>,
    pub status: ObligationStatus,
}

/// An instance's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ObligationStatus {
    Done,
    DoneLate,
    Missed,
    DueSoon,
    NotYetDue,
}

/// A delay clause's exposure: the penalty by days late.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Exposure {
    pub clause: String,
    pub payer: Side,
    /// (days late, penalty) at every day where the penalty changes, up to the cap or the
    /// right to terminate (and a little past it).
    pub points: Vec<ExposurePoint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Amount>,
    /// The first day late on which the cap is reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap_day: Option<u32>,
    /// The first day late on which a right arises.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub right_day: Option<u32>,
    /// The most the clause can cost (the cap; without one, the amount on the last day shown).
    pub worst: Amount,
    /// Whether the clause has no cap.
    pub uncapped: bool,
}

/// A point of an exposure curve.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExposurePoint {
    pub days: u32,
    pub amount: Amount,
}

/// The contract period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermResult {
    pub clause: String,
    pub start: NaiveDate,
    /// The last day of the current period (after renewals and extensions up to the as-of date).
    pub end: NaiveDate,
    /// The last day to give notice of non-renewal, where the contract renews.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice_by: Option<NaiveDate>,
    pub renewals: u32,
    pub steps: Vec<Step>,
}

/// A finding about the contract text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Stable, e.g. `words.nonstandard-numeral`, `penalty.uncapped`.
    pub code: String,
    pub severity: Severity,
    /// The clauses it concerns.
    pub clauses: Vec<String>,
    pub zh: String,
    pub en: String,
}

/// How much a finding matters.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// A warning about the evaluation: something given that the figures do not use, or a fact
/// that makes them doubtful. Where it concerns one clause it names it, so that the report and
/// the page show it beside that clause's figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    pub code: String,
    /// The JSON path of what it is about, in the record (`consents[0]`, `as_of`) or in the
    /// options (`readings["7.3"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The clause whose figures it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    pub zh: String,
    pub en: String,
}

/// A value a step names: an amount with what it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Named {
    pub label: Label,
    pub amount: Amount,
}

/// The days of one band of a per-day schedule, priced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandPart {
    /// The band's first and last counted day late.
    pub from: i64,
    pub to: i64,
    /// The days in it that cost (free days left out).
    pub days: i64,
    pub rate: Rate,
    pub amount: Amount,
}

/// One step of an explanation. Each renders in zh and en (see `explain.rs`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "step", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// The clause and what triggered it.
    Trigger { clause: String, what: Label },
    /// A date found from a rule ("30 days after signing").
    DateFound {
        what: Label,
        date: NaiveDate,
        how: Vec<Label>,
    },
    /// Days late: from the day after the due date to the end day, inclusive.
    DaysLate {
        due: NaiveDate,
        until: NaiveDate,
        days: i64,
        working_days: bool,
    },
    /// Grace granted in writing.
    Grace { days: u32, consent: NaiveDate },
    /// `rate × base × days`.
    PerDay {
        rate: Rate,
        base: Named,
        days: i64,
        amount: Amount,
    },
    /// `rate × base × periods` with the reading of started periods.
    PerPeriod {
        rate: Rate,
        base: Named,
        days: i64,
        period_days: u32,
        periods: i64,
        reading: String,
        amount: Amount,
    },
    /// A piecewise per-day schedule over the days late: each band's days at its rate
    /// (`stepped`), or every day at the rate of the last day's band (`whole`).
    Schedule {
        base: Named,
        /// Days late counted (excused days left out).
        days: i64,
        working_days: bool,
        reading: String,
        parts: Vec<BandPart>,
        amount: Amount,
    },
    /// The first days late cost nothing (宽限 n 日).
    FreeDays { days: u32, working_days: bool },
    /// Accrual stopped on a date: days after it are not counted.
    AccrualStopped { on: NaiveDate },
    /// Days late excused from a date (force majeure from day 4): they are not counted.
    ExcusedDays {
        excuse: String,
        from: NaiveDate,
        until: NaiveDate,
        days: i64,
        working_days: bool,
    },
    /// The remedy in force among the clause's alternatives, elected in the record or read.
    Alternative {
        holder: Side,
        choice: Label,
        option: Label,
        elected: bool,
    },
    /// A fixed amount.
    Fixed { amount: Amount },
    /// `rate × base`.
    RateOf {
        rate: Rate,
        base: Named,
        amount: Amount,
    },
    /// One end of a range, as the reading.
    RangeEnd {
        reading: String,
        low: Amount,
        high: Amount,
        amount: Amount,
    },
    /// The n-th occurrence in its scope costs the previous amount × factor.
    Escalated {
        nth: u32,
        factor: rust_decimal::Decimal,
        previous: Amount,
        amount: Amount,
    },
    /// The tier for the count of occurrences.
    Tier {
        count: u32,
        rate: Rate,
        base: Named,
        amount: Amount,
    },
    /// A fact multiplies the amount.
    Multiplied {
        fact: String,
        factor: rust_decimal::Decimal,
        before: Amount,
        amount: Amount,
    },
    /// Not handled in time: the reading's rule.
    LateHandling {
        limit: Span,
        took_minutes: i64,
        reading: String,
        before: Amount,
        amount: Amount,
    },
    /// Per person.
    PerPerson {
        persons: u32,
        each: Amount,
        amount: Amount,
    },
    /// Late interest besides the penalty.
    Interest {
        rate: Rate,
        base: Named,
        days: i64,
        amount: Amount,
    },
    /// Excused: nothing owed.
    Excused { excuse: String },
    /// Waived by a written consent.
    Waived { consent: NaiveDate },
    /// The clause's cap limited the amount.
    Capped {
        limit: Amount,
        cap_rate: Option<Rate>,
        cap_base: Option<Named>,
        before: Amount,
        amount: Amount,
    },
    /// A shared cap limited the amount.
    SharedCapped {
        cap: String,
        limit: Amount,
        used_before: Amount,
        before: Amount,
        amount: Amount,
    },
    /// Rounded half-up to the fen.
    Rounded { raw: Amount, amount: Amount },
    /// A threshold reached on a day.
    ThresholdReached { what: Label, on: NaiveDate },
    /// A timer's limit chosen by the conditions that matched.
    LimitChosen {
        limit: Span,
        conditions: Vec<String>,
    },
    /// A payment's amount found as `rate × base`, or the recorded amount.
    Note { zh: String, en: String },
    /// A condition of the rule held for the subject: what it says, with the contract's labels.
    ConditionMet { what: Label },
    /// The amount multiplied by a number fact of the entry (`per`).
    PerFact {
        fact: Label,
        n: u32,
        each: Amount,
        amount: Amount,
    },
}
