//! The contract format, `lvyue-contract/2`: a contract described as data.
//!
//! Every computable rule of a contract is a [`Clause`] with the source's own section number and
//! one [`Rule`]. The rules are built from a few composable parts (CLAUSES.md §10) rather than one
//! type per seed clause, so that the sixth contract a user brings fits too:
//!
//! - a **trigger** says which facts a penalty looks at: a [`Deadline`] missed, a payment late, an
//!   incident, a requirement, a staff event, an SLA timer breached, an obligation missed, or an
//!   occurrence the user records by hand;
//! - a **formula** says how much: a rate of a [`Base`] per day or per period, a fixed amount, a
//!   range, a rate by level, tiers by count, escalation on repeats, multipliers from facts;
//! - **limits and consequences**: a [`Cap`] per clause, [`SharedCap`]s across clauses, and
//!   [`Right`]s that arise at a threshold (terminate, stop service, refund…).
//!
//! Payment [`Milestone`]s, SLA [`Timer`]s, [`Obligation`]s and the [`Term`] are rules too, so every
//! figure in a report traces back to a clause id.
//!
//! Unknown fields are errors: a typo must not silently drop a clause. References between parts
//! (items, levels, milestones, deadlines, events, clauses) are checked by
//! [`crate::domain::validate`].

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::WorkingHours;
use crate::domain::money::{Amount, Rate};
pub use crate::domain::vocabulary::{Condition, KindDef, PartyRef};

/// The format tag of a contract file.
pub const FORMAT: &str = "lvyue-contract/2";

/// A contract.
///
/// Ids (of items, events, levels, deadlines, clauses, milestones, timers, readings) hold no
/// invisible character (zero-width, bidirectional, control) and no combining mark or
/// compatibility ideograph, so that two ids that look the same are the same (`id.invisible`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    /// Always `lvyue-contract/2`.
    pub format: String,
    /// A short identifier, e.g. `004-liyang-operations`.
    pub id: String,
    /// The contract's title in the source language.
    pub title: String,
    /// The title in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// What the file is and what it assumes (for example a total the source does not state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Where the contract comes from (a file name, a contract number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The contract's own number as the parties wrote it (合同编号), shown on the statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The parties.
    pub parties: Parties,
    /// The currency; only `CNY` is supported (another is refused: `currency.unsupported`).
    #[serde(default = "cny")]
    pub currency: String,
    /// The contract total (tax-inclusive where `tax.included`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Amount>,
    /// The total as the contract writes it in words (大写), checked against the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_in_words: Option<String>,
    /// True when the source states no total and the file supplies one.
    #[serde(default, skip_serializing_if = "is_false")]
    pub total_assumed: bool,
    /// VAT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<Tax>,
    /// Priced line items or subsystems (annual fees for maintenance contracts).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// Events the contract refers to and the record supplies dates for (signing, go-live,
    /// final acceptance…). `signing` and `effective` are always known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<EventDef>,
    /// Severity levels of incidents (faults, security events), most severe first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<LevelDef>,
    /// The kinds of things the record holds besides incidents and requirements (a
    /// confidentiality breach, a force-majeure event), with their facts and moments; a kind with
    /// id `incident` or `requirement` adds facts to those.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<KindDef>,
    /// Deadlines whose lateness clauses penalise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deadlines: Vec<Deadline>,
    /// The clauses, in the contract's order.
    #[serde(default)]
    pub clauses: Vec<Clause>,
    /// Caps shared by a group of clauses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_caps: Vec<SharedCap>,
    /// Amounts stated elsewhere in the text (with their words), for the document checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stated_amounts: Vec<StatedAmount>,
    /// Spans the text states both as dates and as a length, for the document checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stated_spans: Vec<StatedSpan>,
    /// Whether the buyer may set the seller's penalties off against unpaid amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_off: Option<SetOff>,
    /// Quantities the record draws down (002 附件2 五: 100 person-days within 20 months).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub balances: Vec<Balance>,
}

/// A quantity granted by the contract, drawn down by the record's `draws` until it expires. Its
/// label names the section that grants it (a balance is not a clause: it has no rule of its own).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Balance {
    /// Referenced by the record's draws, e.g. `person_days`.
    pub id: String,
    pub label: Label,
    /// The quantity granted: not negative (e.g. `"100"`).
    #[serde(deserialize_with = "crate::domain::money::factor::deserialize")]
    pub quantity: rust_decimal::Decimal,
    /// The unit, e.g. 人天 / person-days.
    pub unit: Label,
    /// The last day a draw counts (a period from an event: 20 months after signing).
    pub expires: When,
}

fn cny() -> String {
    "CNY".into()
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A text in Chinese with an optional English rendering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub zh: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

/// Buyer (甲方) and seller (乙方).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    pub buyer: Party,
    pub seller: Party,
}

/// One party. Names are placeholders in the examples: lvyue never needs real ones.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    /// A 机关 or 事业单位 (a public hospital, a health bureau): the SME payment rules apply to it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub public_body: bool,
    /// A large enterprise (for example a state telecom operator).
    #[serde(default, skip_serializing_if = "is_false")]
    pub large_enterprise: bool,
    /// A small or medium-sized enterprise at signing.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sme: bool,
    /// Whether the SME told the buyer so at signing (SME Payment Regulation Art. 3).
    #[serde(default, skip_serializing_if = "is_false")]
    pub sme_notified: bool,
}

/// The party who pays a penalty or holds a right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// 甲方.
    Buyer,
    /// 乙方.
    Seller,
}

/// VAT on the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tax {
    pub rate: Rate,
    /// Whether the total includes the tax (含税).
    #[serde(default = "yes")]
    pub included: bool,
    /// Parts of the total stated with their own rate (004: the cloud services, 254,400 at 6%).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<TaxPart>,
}

fn yes() -> bool {
    true
}

/// A part of the total with its own VAT rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxPart {
    pub label: Label,
    pub amount: Amount,
    pub rate: Rate,
}

/// A priced line item or subsystem.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Referenced by incidents and bases, e.g. `ecg`.
    pub id: String,
    pub name: Label,
    /// The price (for maintenance contracts, the annual fee).
    pub amount: Amount,
    /// A group the item belongs to in the price list (004 附件1 groups subsystems).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// An event the record supplies a date for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventDef {
    /// e.g. `go_live`, `final_acceptance`, `plan_accepted`.
    pub id: String,
    pub label: Label,
}

/// A severity level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelDef {
    /// e.g. `I`, `especially-major`.
    pub id: String,
    pub label: Label,
    /// Whether the level counts as a major fault (extends retention in 002).
    #[serde(default, skip_serializing_if = "is_false")]
    pub major: bool,
}

/// A length of time: `{ "n": 30, "unit": "days" }`. At most 1,000 years: `n` is at most 1,000
/// years, 12,000 months, 52,178 weeks, 365,250 days or working days, 8,766,000 hours or
/// 525,960,000 minutes (`span.too-long`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub n: u32,
    pub unit: SpanUnit,
}

/// The unit of a [`Span`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SpanUnit {
    Minutes,
    Hours,
    /// Calendar days; a period in days follows Civil Code Art. 201–203.
    Days,
    /// China's working days (the calendar's make-up days count).
    WorkingDays,
    Weeks,
    Months,
    Years,
}

/// A date the contract defines: an event's date, a fixed date, or either shifted by a span,
/// no earlier than other dates, extended per incident.
///
/// Exactly one of `event` and `date` is given.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct When {
    /// An event id: `signing`, `effective`, `term_start`, `term_end`, `invoice` (the invoice of
    /// the milestone in question), `non_renewal_notice` (notice that the term will not renew),
    /// or one of the contract's `events`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// A fixed date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// A span after it ("N days after D", Civil Code Art. 201–203 unless `no_holiday_extension`):
    /// the start day is not counted and the period's last day, if a statutory day off, moves to
    /// the day after the days off end. A fixed `date` or an `event` alone is not a period and
    /// does not move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Span>,
    /// A span before it (a notice due N days before the end); counted back, never moved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Span>,
    /// The contract switches Art. 203 off (Art. 204: "遇节假日不顺延"): the last day of the
    /// period `after` (with its `extend_per_incident` extensions) is kept on a day off.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_holiday_extension: bool,
    /// The date is no earlier than each of these (payment 15 days after the invoice, but not
    /// before final acceptance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_before: Vec<When>,
    /// Extended by a span for each incident of these levels (002: retention +1 month for every
    /// major fault). The extensions lengthen the period `after` (counted on from its unmoved last
    /// day; the holiday rule applies once, to the final last day); without `after`, they are a
    /// period from the date itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend_per_incident: Option<ExtendPerIncident>,
    /// Moves that lengthen the period (顺延): the other side's delay, an extension agreed by
    /// consent. Each adds days to the period `after` (without `after`, they are a period from
    /// the date itself), never fewer than none; the holiday rule applies once, to the final
    /// last day.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extended_by: Vec<Extension>,
}

/// A move of a date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Extension {
    /// The other side's delay (因甲方原因…工期顺延): the days from `from` (when the other side
    /// was due to act) to `to` (when it did; as-of while it has not). Nothing while `from` is
    /// not known; never negative.
    Delay { from: Box<When>, to: Box<When> },
    /// An extension the other side agreed under `clause` (a recorded consent in writing with
    /// `extension_days`; the longest counts), at most `max` when given.
    Consent {
        clause: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<Span>,
    },
}

/// Extension of a date per incident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtendPerIncident {
    /// The levels that count; empty means the levels marked `major`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    pub by: Span,
}

/// A deadline whose lateness a clause penalises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deadline {
    /// e.g. `go-live`.
    pub id: String,
    pub label: Label,
    /// When it is due.
    pub due: When,
    /// The event that meets it (its date is when the thing was done).
    pub done: String,
}

/// A clause: its id in the source, its title and text, and its rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// The source's own section number, e.g. `7.2`, `附件2-5.3`.
    pub id: String,
    pub title: Label,
    /// The source text, where the file has it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub rule: Rule,
}

/// What a clause does.
// A contract holds tens of clauses, read once: boxing the penalty would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// A penalty: trigger, formula, limits.
    Penalty(Penalty),
    /// A payment milestone.
    Payment(Milestone),
    /// Service-level timers by severity.
    Sla(Sla),
    /// A recurring or one-off duty.
    Obligation(Obligation),
    /// The contract period, renewal and extension.
    Term(Term),
    /// A right that arises from facts the record states (a loss above a share of the total),
    /// with no amount to compute.
    Right(RightRule),
}

/// A penalty clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// Who pays: `buyer`, `seller`, or `breaching` (the party the entry's `party` fact names;
    /// only with an `entries` trigger on a kind that declares one).
    pub payer: PartyRef,
    /// Which facts it looks at.
    pub trigger: Trigger,
    /// How much.
    pub formula: Formula,
    /// Facts that excuse the payer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excuses: Vec<Excuse>,
    /// The clause's own cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Cap>,
    /// Rights that arise at thresholds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rights: Vec<Right>,
    /// No penalty is owed for a delay the other side agreed to in writing (000 §4.4).
    #[serde(default, skip_serializing_if = "is_false")]
    pub waived_by_written_consent: bool,
    /// The late-interest rate per day charged besides the penalty, on the same base and days
    /// (004 §7.3: 0.05% a day on the overdue amount); the clause's cap covers both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interest: Option<Rate>,
    /// Accrual stops on this date (a window's end, the extended deadline, termination): days
    /// late are counted up to it (inclusive), penalty and interest alike; an occurrence of a
    /// per-occurrence formula arising after it costs nothing. Not yet known (an event that has
    /// not happened): accrual goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_at: Option<When>,
    /// Remedies the injured side chooses between (逾期超过30日的，甲方可解除合同并要求支付合同总额5%的
    /// 违约金，或要求继续履行并按日支付违约金): each is computed; the record's `elections` or the
    /// reading chooses the one in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternatives: Option<Alternatives>,
}

/// A choice between remedies of one clause, made by the injured side.
///
/// Each option is a reading of the clause (its id; `option/reading` when the option's formula
/// has readings of its own): every one is priced and its total reported. The one in force is the
/// reading chosen, else the record's election (`elections[choice]`), else the first option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alternatives {
    /// The choice's id, as the record's `elections` name it (unique in the contract).
    pub choice: String,
    /// Who chooses.
    pub holder: Side,
    /// What is chosen.
    pub label: Label,
    /// The remedies, the default first; at least two.
    pub options: Vec<Alternative>,
}

/// One remedy of a choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alternative {
    /// e.g. `terminate`, `perform`.
    pub id: String,
    pub label: Label,
    /// How much under this remedy; the clause's own `formula` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<Formula>,
}

/// What a penalty looks at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "on", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// A deadline missed: measured in days late from the due date to the done date (or as-of).
    Deadline {
        deadline: String,
        /// Grace: extra time granted only with the other side's written consent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        grace: Option<Grace>,
    },
    /// Payment milestones paid late (all of them when `milestones` is empty).
    LatePayment {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        milestones: Vec<String>,
    },
    /// Incidents of these levels (all levels when empty) and kinds (all when empty).
    Incident {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        levels: Vec<String>,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        kinds: Vec<String>,
        /// Only incidents within this span after an instance of this obligation was done
        /// (002 附件3 §1.1: within 30 days after a quarterly inspection).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        within_after_obligation: Option<WithinAfter>,
        /// Only incidents for which this holds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<Condition>,
    },
    /// Requirements in a condition.
    Requirement {
        condition: RequirementCondition,
        /// Only requirements for which this also holds.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<Condition>,
    },
    /// Record entries of a declared kind: one occurrence per entry for which `when` holds (every
    /// entry of the kind when absent), on the entry's date.
    Entries {
        kind: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<Condition>,
    },
    /// Staff events of a kind.
    Staff {
        kind: StaffKind,
        /// For changes: the notice the contract requires before a change (001 §6.7: 7 working
        /// days and written consent); a change that had both is not an occurrence.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notice: Option<Span>,
        #[serde(default, skip_serializing_if = "is_false")]
        consent_required: bool,
    },
    /// Breaches of an SLA timer, `clause/timer` (e.g. `附件2-5.4.4/first-answer`).
    TimerBreached { timer: String },
    /// Missed (or late) instances of an obligation clause.
    ObligationMissed {
        obligation: String,
        /// Count instances done late as well.
        #[serde(default, skip_serializing_if = "is_false")]
        include_late: bool,
    },
    /// Occurrences the user records by hand for this clause (a commitment not kept, a dongle
    /// found, a confidentiality breach).
    Occurrence,
    /// Periods in a row with incidents (002 附件3 §1.1 "连续发生二次"): the periods (quarters…)
    /// in which at least one incident passing `incidents` happened form runs of consecutive
    /// periods; an occurrence arises in the `at_least`-th period of a run and in each further
    /// one, on the day of that period's first incident, with its item. With `same_item`, runs are
    /// counted per item.
    Consecutive {
        period: Period,
        /// Which incidents count.
        #[serde(default)]
        incidents: IncidentFilter,
        /// The position in a run from which an occurrence arises; 2 (two in a row) by default,
        /// at least 2.
        #[serde(default = "two")]
        at_least: u32,
        #[serde(default, skip_serializing_if = "is_false")]
        same_item: bool,
    },
}

fn two() -> u32 {
    2
}

/// Which incidents count: by level and kind (all when empty), and only within a span after an
/// obligation instance was done, as [`Trigger::Incident`] filters them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentFilter {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_after_obligation: Option<WithinAfter>,
}

/// Within a span after an obligation instance was done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WithinAfter {
    pub obligation: String,
    pub span: Span,
}

/// The condition a requirement must be in to count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequirementCondition {
    /// Not finished by the agreed date.
    Late,
    /// Not finished by the agreed date and the buyer's business was affected.
    LateAndBusinessAffected,
}

/// A kind of staff event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffKind {
    /// An engineer replaced.
    Change,
    /// A resident engineer left the site on a working day without filing.
    LeftWithoutFiling,
    /// A duty engineer was late.
    LateForDuty,
    /// Holiday duty: an urgent problem was not answered.
    NoAnswerOnDuty,
    /// Staff information wrong or staff not responding (002 附件3 §5).
    Unresponsive,
}

/// Grace that needs written consent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Grace {
    /// The most the other side may grant.
    pub max: Span,
    /// Only with written consent (recorded as a consent in the events).
    #[serde(default = "yes")]
    pub written_consent: bool,
}

/// How a penalty's amount is computed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Formula {
    /// `rate × base × days late` (calendar or working days), or a piecewise `schedule` of rates
    /// over the days late instead of one `rate` (exactly one of the two is given).
    PerDay {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rate: Option<Rate>,
        /// Rates by band of days late (1–10 days 0.5‰, from day 11 1‰): bands from day 1, each
        /// starting the day after the previous one ends, only the last open-ended. How a band
        /// applies is a reading: `stepped` (each day at its band's rate, the default) or `whole`
        /// (every day at the rate of the band the last day falls in).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        schedule: Vec<Band>,
        /// The first `start_after` days late cost nothing (宽限 n 日, unconditional; a grace that
        /// needs the other side's consent is the deadline trigger's `grace`). Bands still number
        /// the days from the first day late.
        #[serde(default, skip_serializing_if = "is_zero")]
        start_after: u32,
        base: Base,
        #[serde(default, skip_serializing_if = "is_false")]
        working_days: bool,
    },
    /// `rate × base` for every period of `period` late; how a started period counts is a
    /// reading (CLAUSES.md §2: complete periods by default).
    PerPeriod {
        period: Span,
        rate: Rate,
        base: Base,
    },
    /// Per occurrence: a fixed amount, a range, or a rate of a base; then multipliers,
    /// escalation on repeats, tiers by count, the per-level table, lateness.
    PerOccurrence(PerOccurrence),
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One band of a per-day schedule: days `from` to `to` late (inclusive; open-ended without
/// `to`), at `rate` a day. At most 100%.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The first day late it covers, from 1.
    pub from: u32,
    /// The last day late it covers; absent for the last band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
    pub rate: Rate,
}

impl Formula {
    /// The highest daily rate of a per-day formula (its `rate`, or its schedule's highest band),
    /// for the checks that compare a rate with the law's expectations.
    pub fn per_day_rate(rate: Option<Rate>, schedule: &[Band]) -> Rate {
        rate.or_else(|| schedule.iter().map(|b| b.rate).max_by_key(|r| r.fraction()))
            .unwrap_or(Rate::from_fraction(rust_decimal::Decimal::ZERO))
    }
}

/// The amount of one occurrence, and how repeats and facts change it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerOccurrence {
    /// The amount of one occurrence.
    pub amount: OccurrenceAmount,
    /// Facts that multiply the amount (002: a complaint to the city government × 2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub multipliers: Vec<Multiplier>,
    /// Each repeat in the scope costs the previous amount × factor (004 §5.3: +50%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Escalation>,
    /// Amounts by count of occurrences in a scope (002 附件3 §5: 5%, 25%, the whole fee).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiers: Option<Tiers>,
    /// For incidents: what happens when one is not handled in time (its level's limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_handling: Option<LateHandling>,
    /// The amount is per person named in the occurrence (001 §6.7).
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_person: bool,
    /// The amount is multiplied by this number fact of the entry (persons, days, copies); a
    /// whole number of at least 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
}

/// The amount of one occurrence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum OccurrenceAmount {
    /// A fixed amount.
    Fixed { amount: Amount },
    /// A range: each end is a reading (`low`, `high`); `low` by default.
    Range { low: Amount, high: Amount },
    /// A rate of a base.
    Rate { rate: Rate, base: Base },
    /// A range of rates of a base: each end is a reading.
    RateRange { low: Rate, high: Rate, base: Base },
    /// A rate of a base by the incident's level.
    ByLevel { rates: Vec<LevelRate>, base: Base },
}

/// A level's rate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelRate {
    pub level: String,
    pub rate: Rate,
    /// The time within which the level must be handled (004 §5.2: 1 h, 3 h, 6 h).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handle_within: Option<Span>,
}

/// A fact that multiplies an occurrence's amount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Multiplier {
    /// The complaint level the occurrence reached (`city_government`, `health_bureau`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint: Option<String>,
    /// A condition over the occurrence's subject (one of `complaint` and `when` is given; with
    /// both, both must hold).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Not negative.
    #[serde(deserialize_with = "crate::domain::money::factor::deserialize")]
    pub factor: rust_decimal::Decimal,
}

/// Escalation on repeats.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Each repeat costs the previous amount × this factor (1.5 for "+50%"); not negative.
    #[serde(deserialize_with = "crate::domain::money::factor::deserialize")]
    pub factor: rust_decimal::Decimal,
    /// Where repeats are counted.
    pub scope: Scope,
}

/// Where occurrences are counted for escalation and tiers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Count within each contract year (from the term's start) rather than over the whole term
    /// (the same as `per: contract_year`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_contract_year: bool,
    /// Count within each period of this kind (calendar year, quarter, month…): the count starts
    /// again in each. Not together with `per_contract_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Period>,
    /// Count separately per incident kind.
    #[serde(default, skip_serializing_if = "is_false")]
    pub same_kind: bool,
    /// Count separately per level.
    #[serde(default, skip_serializing_if = "is_false")]
    pub same_level: bool,
    /// Count separately per item.
    #[serde(default, skip_serializing_if = "is_false")]
    pub same_item: bool,
}

/// Amounts by count of occurrences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    /// From the `from`-th occurrence on, the rate of the base (ascending `from`).
    pub tiers: Vec<Tier>,
    pub base: Base,
    pub scope: Scope,
}

/// One tier. Tiers go in ascending order of `from`, each from a different occurrence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// The first occurrence it applies to, from 1.
    pub from: u32,
    /// At most 100%.
    pub rate: Rate,
}

/// What happens to an incident's penalty when it is not handled in time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateHandling {
    /// Per level, the readings of the clause (one reading for a clear clause).
    pub rules: Vec<LateRule>,
}

/// The lateness rule of some levels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateRule {
    pub levels: Vec<String>,
    /// The readings; the first is the default.
    pub readings: Vec<LateReading>,
}

/// One reading of a lateness rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateReading {
    /// e.g. `plus-1-point`, `times-1.01`, `double`.
    pub id: String,
    pub label: Label,
    /// Multiply the amount (not by a negative factor).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::domain::money::factor::deserialize_option"
    )]
    pub factor: Option<rust_decimal::Decimal>,
    /// Add this rate of the same base (percentage points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub add_rate: Option<Rate>,
}

/// What a rate is applied to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "of", rename_all = "snake_case", deny_unknown_fields)]
pub enum Base {
    /// The contract total.
    Total,
    /// A line item's amount: the named item, or the occurrence's item when `item` is absent.
    Item {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
    },
    /// The overdue amount of a late payment.
    Overdue,
    /// The audited price (a fact the record supplies).
    AuditedPrice,
    /// The amount the occurrence names (000 §4.8: the goods concerned).
    Occurrence,
    /// An amount the record states in `facts.amounts` under `fact` (the part delivered late,
    /// the goods concerned), shown by its `label`.
    Recorded { fact: String, label: Label },
    /// An amount fact of the entry (the goods concerned, the part delivered late).
    Fact { fact: String },
    /// A fixed amount.
    Amount { amount: Amount },
    /// The contract total for one period of the term (001 §10 "第一年维保费" where the total
    /// covers three years): the total × the period's months ÷ the term's months (a year of a
    /// three-year term is 12/36). The term clause states the length in months or years.
    TermShare {
        /// month, quarter, contract_year or calendar_year.
        period: Period,
    },
    /// The fee of an item for the period the occurrence falls in (002 附件3 §1.1 "此系统当期服务
    /// 金额"): the item's amount (for a year, or for the whole term with `for_term`) spread
    /// over the term, then taken for one period. How it is spread is a reading of the clause:
    /// `fee-by-months` (the default: the period's months ÷ the term's months; a quarter of a
    /// 20-month term is 3/20) or `fee-by-days` (the period's days inside the term ÷ the term's
    /// days). The named item, or the occurrence's item when `item` is absent.
    PeriodFee {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        item: Option<String>,
        /// month, quarter, contract_year or calendar_year.
        period: Period,
        /// The item's amount is for the whole term (002: 125万 covers 20 months of maintenance),
        /// not for a year.
        #[serde(default, skip_serializing_if = "is_false")]
        for_term: bool,
    },
}

/// A cap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cap {
    /// A rate of a base…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Rate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<Base>,
    /// …or an amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

/// A cap shared by a group of clauses, applied in the order the penalties arose.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SharedCap {
    /// The clause that states it, e.g. `附件2-5.6`.
    pub id: String,
    pub label: Label,
    pub clauses: Vec<String>,
    pub cap: Cap,
    /// Whether the cap counts per contract year (the same as `per: contract_year`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub per_contract_year: bool,
    /// The cap counts again in each period of this kind (a calendar year, a quarter…). Not
    /// together with `per_contract_year`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<Period>,
}

impl SharedCap {
    /// The period the cap counts per, if any.
    pub fn period(&self) -> Option<Period> {
        self.per
            .or(self.per_contract_year.then_some(Period::ContractYear))
    }
}

impl Scope {
    /// The period repeats are counted per, if any.
    pub fn period(&self) -> Option<Period> {
        self.per
            .or(self.per_contract_year.then_some(Period::ContractYear))
    }
}

/// A right that arises at a threshold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Right {
    pub holder: Side,
    pub right: RightKind,
    pub when: Threshold,
    /// What else follows (the seller refunds all payments, pays 20% of the total).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<Consequence>,
}

/// A kind of right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RightKind {
    Terminate,
    StopService,
    Refund,
    ExtraPenalty,
    DeemedBreach,
    Deduct,
    /// A formal reprimand (通报批评) and what follows it (004 附件2 §5.5.2(1)).
    Reprimand,
}

/// When a right arises.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Threshold {
    /// More than `days` late (000 §4.3: > 30 days).
    DaysLateOver { days: u32 },
    /// At least `days` late (000 §4.4(1): 60 days unpaid).
    DaysLateAtLeast { days: u32 },
    /// The clause's cap is reached (004 §7.2).
    CapReached,
    /// The clause's running total reaches a rate of a base (004 §7.3: the penalty reaches 5%
    /// of the contract amount; 000 §4.5: deductions of 50%). `measure` says which total.
    PenaltyReaches {
        rate: Rate,
        base: Base,
        /// What is measured; the penalty alone when absent.
        #[serde(default, skip_serializing_if = "Measure::is_default")]
        measure: Measure,
    },
    /// The clause's running total exceeds a rate of a base (001 §6.5: cumulative > 5%).
    PenaltyExceeds {
        rate: Rate,
        base: Base,
        /// What is measured; the penalty alone when absent.
        #[serde(default, skip_serializing_if = "Measure::is_default")]
        measure: Measure,
    },
    /// A loss the record states exceeds a rate of a base (000 §4.6).
    LossExceeds { rate: Rate, base: Base },
    /// Any occurrence.
    AnyOccurrence,
    /// The `count`-th occurrence (004 附件2 §5.5.2(1): three times or more → reprimand);
    /// `count` is at least 1.
    OccurrencesAtLeast { count: u32 },
}

/// What a penalty threshold measures, summed over the clause's lines in the order they arose.
///
/// A clause that charges interest besides its penalty may tie a right to one and a cap to both
/// (004 §7.3: "违约金，一旦达到合同金额的百分之五，乙方有权解除合同。除前述违约金外…利息…以上总额不超过
/// 合同金额的百分之五"): the right arises on the penalty alone, the cap covers the sum.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// The penalty alone, before caps, without the clause's `interest` (the default: for a
    /// clause without interest, everything it charges before caps).
    #[default]
    Penalty,
    /// The clause's `interest` alone, before caps.
    Interest,
    /// Penalty and interest together, before caps.
    PenaltyAndInterest,
    /// What the clause deducts: penalty and interest after its own cap and the shared caps
    /// (000 §4.5: "扣除比例达到总合同金额的50%").
    Deducted,
}

impl Measure {
    /// Whether it is the default ([`Measure::Penalty`]), which files leave out.
    pub fn is_default(&self) -> bool {
        *self == Measure::Penalty
    }
}

/// A consequence of a right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Consequence {
    /// The other side refunds all payments received.
    RefundAllPayments,
    /// The other side pays a further amount.
    Pay { rate: Rate, base: Base },
    /// A fixed further amount.
    PayAmount { amount: Amount },
}

/// A fact that excuses a penalty.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Excuse {
    ForceMajeure,
    BuyerFault,
    SellerFault,
    FiscalDelay,
}

/// A right with no amount, arising from stated facts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RightRule {
    pub rights: Vec<Right>,
}

/// A payment milestone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// e.g. `m1`.
    pub id: String,
    pub label: Label,
    /// How much: a rate of a base, or an amount the record supplies (usage fees).
    pub amount: MilestoneAmount,
    /// When it is due.
    pub due: When,
    /// Retention money (质保金).
    #[serde(default, skip_serializing_if = "is_false")]
    pub retention: bool,
    /// The amount as the text states it, in figures and words, for the document checks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_in_words: Option<String>,
}

/// A milestone's amount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum MilestoneAmount {
    Rate {
        rate: Rate,
        base: Base,
    },
    Fixed {
        amount: Amount,
    },
    /// The record states it (`facts.amounts`, keyed by the milestone id).
    Recorded,
}

/// Service-level timers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sla {
    /// What the timers run on.
    pub applies_to: SlaSubject,
    pub timers: Vec<Timer>,
    /// The working hours the clause states (工作时间), e.g. `"08:30-12:00,13:30-17:00"`. Where
    /// given, `in_working_hours` conditions use them, and a limit in days ends at their close on
    /// its last day, when that day is a working day (Civil Code Art. 203 ¶2: where there are
    /// business hours, the period ends when business stops). Absent: conditions use the
    /// standard 08:00–12:00, 13:30–17:30 and limits in days end at 24:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_hours: Option<StatedHours>,
}

/// Working hours as a contract writes them: windows such as `"08:00-12:00,13:30-17:30"` (see
/// [`WorkingHours::parse`]), written back in that form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedHours(pub WorkingHours);

impl Serialize for StatedHours {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for StatedHours {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<StatedHours, D::Error> {
        let text = String::deserialize(d)?;
        WorkingHours::parse(&text).map(StatedHours).map_err(|e| {
            serde::de::Error::custom(crate::domain::Localize::localize(
                &e,
                crate::domain::Lang::En,
            ))
        })
    }
}

impl JsonSchema for StatedHours {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StatedHours".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Working hours: windows `HH:MM-HH:MM` separated by commas, e.g. \"08:30-12:00,13:30-17:00\" (24:00 allowed as an end).",
            "type": "string"
        })
    }
}

/// What timers run on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SlaSubject {
    Incidents,
    Requirements,
    /// Record entries of a declared kind (`{"kind": "fault"}`): timers from and to its moments.
    Kind(String),
}

/// One timer: from one instant of the incident to another, within a limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Timer {
    /// e.g. `response`, `on-site`.
    pub id: String,
    pub label: Label,
    /// The instant it starts: `reported` (incidents), `submitted` (requirements), `resolved`,
    /// or a moment the kind declares (timers on entries).
    pub from: MomentRef,
    /// The instant that stops it.
    pub to: MomentRef,
    /// The timer applies to a subject only if this holds ("only when remote diagnosis
    /// failed"; "only for faults that overran": another timer's outcome).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// Limits, the first that matches applies; no match means the timer does not apply.
    pub limits: Vec<Limit>,
}

/// A moment of a timer: a built-in moment of incidents and requirements, or a moment a kind
/// declares.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum MomentRef {
    Builtin(Moment),
    Declared(String),
}

impl MomentRef {
    /// The name as written (`on_site`, a declared id). A kind may declare a moment named like a
    /// built-in one (`reported`): on its entries the name is what counts.
    pub fn name(&self) -> &str {
        match self {
            MomentRef::Declared(s) => s,
            MomentRef::Builtin(b) => b.name(),
        }
    }
}

impl From<Moment> for MomentRef {
    fn from(m: Moment) -> MomentRef {
        MomentRef::Builtin(m)
    }
}

/// A moment in an incident's or a requirement's life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Moment {
    Reported,
    Notified,
    Responded,
    Diagnosed,
    OnSite,
    Workaround,
    Resolved,
    Submitted,
    FirstAnswer,
    Done,
    /// When the incident's fault report was delivered (`reported_back` in the record): 002
    /// 附件3 §3.1 wants a report within 24 h after the fix, a timer from `resolved` to this.
    ReportedBack,
}

impl Moment {
    /// Every moment, with the name the files write and its words in both languages.
    const ALL: [(Moment, &'static str, &'static str, &'static str); 11] = [
        (Moment::Reported, "reported", "报修", "reported"),
        (Moment::Notified, "notified", "通知", "notified"),
        (Moment::Responded, "responded", "响应", "responded"),
        (Moment::Diagnosed, "diagnosed", "诊断", "diagnosed"),
        (Moment::OnSite, "on_site", "到场", "on site"),
        (
            Moment::Workaround,
            "workaround",
            "临时恢复",
            "worked around",
        ),
        (Moment::Resolved, "resolved", "解决", "resolved"),
        (Moment::Submitted, "submitted", "提出", "submitted"),
        (
            Moment::FirstAnswer,
            "first_answer",
            "首次答复",
            "first answered",
        ),
        (Moment::Done, "done", "完成", "done"),
        (
            Moment::ReportedBack,
            "reported_back",
            "提交故障报告",
            "report delivered",
        ),
    ];

    fn row(self) -> (Moment, &'static str, &'static str, &'static str) {
        Moment::ALL
            .into_iter()
            .find(|r| r.0 == self)
            .unwrap_or((self, "", "", ""))
    }

    /// The built-in moment a file names (`on_site`), if it is one.
    pub fn from_name(name: &str) -> Option<Moment> {
        Moment::ALL.into_iter().find(|r| r.1 == name).map(|r| r.0)
    }

    /// The name the files write (`on_site`).
    pub fn name(self) -> &'static str {
        self.row().1
    }

    /// The moment's name in both languages (报修, 到场, …).
    pub fn label(self) -> Label {
        let (_, _, zh, en) = self.row();
        Label {
            zh: zh.into(),
            en: Some(en.into()),
        }
    }
}

/// A limit and when it applies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limit {
    pub within: Span,
    /// Only for these levels (all when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    /// Only when the timer started in working hours (true) or outside them (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_working_hours: Option<bool>,
    /// Only when the timer started on a working day (true) or not (false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_working_day: Option<bool>,
    /// Only when a resident engineer was (true) or was not (false) present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident: Option<bool>,
    /// Only for requirements of this complexity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complexity: Option<Complexity>,
    /// Only when this holds (a fact of the subject: 003's circuit vs transmission faults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// The contract switches Art. 203 off for this limit (Art. 204): a limit in days whose last
    /// day is a day off ends on that day, not on the next working day. Minutes and hours never
    /// move.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_holiday_extension: bool,
}

/// Whether `r`, the `clause/timer` reference of a [`Trigger::TimerBreached`], names timer
/// `timer` of SLA clause `clause`. Clause ids and timer ids may both hold a `/`; a reference
/// that names two timers (`3/x/response`: timer `x/response` of clause `3`, or `response` of
/// `3/x`) is refused by [`crate::domain::validate`].
pub fn names_timer(r: &str, clause: &str, timer: &str) -> bool {
    r.len() == clause.len() + 1 + timer.len()
        && r.starts_with(clause)
        && r[clause.len()..].starts_with('/')
        && r.ends_with(timer)
}

/// A requirement's complexity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Complexity {
    Ordinary,
    Complex,
}

/// A duty: once, or recurring over the term.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// Who must do it: `buyer`, `seller`, or `breaching` (the party the entry's `party` fact
    /// names; only with an `on_entry` schedule).
    pub party: PartyRef,
    pub schedule: Schedule,
    /// How soon before its due date an instance counts as "due soon".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_soon: Option<Span>,
    /// The day the duty runs from, when it is later than the term's start (a service that
    /// starts after signing): no instance of an `every` schedule falls due before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<When>,
}

/// When instances of an obligation fall due.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Schedule {
    /// Once, by a date.
    Once { due: When },
    /// Every period over the term: due at the period's end, on a day of the month (1–31; the
    /// month's last day where it has fewer), or by the N-th working day of the period (of the
    /// next period, with `in_next_period`; 1 to 1 for a day, 23 for a month, 66 for a quarter,
    /// 261 for a contract year). `times` is at least 1. One clause has at most 100,000
    /// instances over the period evaluated (`obligation.too-many-instances`).
    Every {
        every: Period,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        day_of_month: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        working_day_of_period: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        in_next_period: bool,
        /// Several instances a period (003: six inspections a day).
        #[serde(default = "one", skip_serializing_if = "is_one")]
        times: u32,
        /// The contract switches Art. 203 off (Art. 204) for the last days of its contract years:
        /// a year ending on a day off is due that day. (Calendar months and quarters, days of
        /// the month and working days of a period are dates on the calendar, not ends of periods
        /// counted from an event: they never move.)
        #[serde(default, skip_serializing_if = "is_false")]
        no_holiday_extension: bool,
    },
    /// One instance for each done instance of another obligation, due `span` after the day it
    /// was done (Civil Code Art. 201–203: the day it was done is not counted; a last day on a
    /// statutory day off moves to the next working day). 002 附件3 1.1: "巡检或健康检查结束后一周内
    /// 需出具巡检记录、巡检报告" — a report within one week after each inspection. An instance
    /// of the other obligation that was never done gives no instance here (its miss is the
    /// other obligation's).
    After {
        /// The obligation clause whose done instances start this one.
        obligation: String,
        span: Span,
    },
    /// Once per record entry of a kind for which `when` holds, due a span after the entry's date
    /// (force majeure: notify the other side within 15 days). A period in days moves past
    /// statutory days off (Civil Code Art. 203). Done through the record's `done`, with the
    /// instance's due date.
    OnEntry {
        kind: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        when: Option<Condition>,
        due: Span,
    },
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// A period: of the calendar (day, week, month, quarter, calendar year) or of the contract
/// (contract year, counted from the term's start).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Day,
    /// A calendar week, Monday to Sunday.
    Week,
    Month,
    /// A calendar quarter (January–March, April–June, …).
    Quarter,
    /// A contract year: from the term's start (or signing) to its anniversary.
    ContractYear,
    /// A calendar year, 1 January to 31 December (001 §8 "每年年底": at each year's end). The
    /// first and last years of a term are partial: they count as periods of their own, cut at
    /// the term's start and end (an instance due at such a year's end falls due on the term's
    /// last day).
    CalendarYear,
}

/// The contract period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub start: When,
    pub length: Span,
    /// Automatic renewal unless a side gives notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewal: Option<Renewal>,
    /// The period runs on until this event (a failed yearly acceptance extends it until one
    /// passes: 001 §3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_until: Option<String>,
    /// The contract switches Art. 203 off for the term's end (Art. 204: "届满日不顺延"): an end
    /// (or a renewed end) on a day off is kept. By default it moves to the next working day, as
    /// every period in days, months or years does.
    #[serde(default, skip_serializing_if = "is_false")]
    pub no_holiday_extension: bool,
}

/// Automatic renewal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    pub length: Span,
    /// Notice of non-renewal is due this long before the end.
    pub notice: Span,
}

/// How the buyer may set the seller's penalties off against what it still owes.
///
/// A set-off takes only from the clauses it names: "延期履约违约金…甲方有权从应付合同款中扣除" lets the
/// buyer deduct that clause's penalty, not every penalty of the contract.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetOff {
    /// The clause that allows it.
    pub clause: String,
    /// The seller's penalty clauses whose penalties may be set off. When absent: the clause
    /// `clause` alone if it is a penalty clause (its own text lets the buyer deduct its own
    /// penalty), otherwise every penalty clause the seller pays (a clause on set-off of its own,
    /// 002 §6 5): "从尚未支付的合同价款中扣回索赔金额").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<String>,
}

impl SetOff {
    /// The ids of the clauses whose penalties may be set off: penalties the seller pays, among
    /// the clauses named (see [`SetOff::clauses`] for the default).
    pub fn covered<'c>(&self, contract: &'c Contract) -> std::collections::BTreeSet<&'c str> {
        let named = crate::domain::order::set(self.clauses.iter().map(String::as_str));
        let own_penalty = contract
            .clauses
            .iter()
            .any(|c| c.id == self.clause && matches!(c.rule, Rule::Penalty(_)));
        crate::domain::order::set(
            contract
                .clauses
                .iter()
                .filter(|c| matches!(&c.rule, Rule::Penalty(p) if p.payer == Side::Seller))
                .map(|c| c.id.as_str())
                .filter(|id| match (named.is_empty(), own_penalty) {
                    (false, _) => named.contains(id),
                    (true, true) => *id == self.clause,
                    (true, false) => true,
                }),
        )
    }
}

/// An amount the text states, in figures and in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedAmount {
    /// The clause it stands in.
    pub clause: String,
    pub amount: Amount,
    pub words: String,
}

/// A span the text states as two dates and a length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatedSpan {
    pub clause: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub length: Span,
}
