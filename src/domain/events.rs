//! The events format, `lvyue-events/2`: what actually happened under a contract.
//!
//! A contract says what should happen; the record says what did: dates of events, invoices and
//! payments, incidents with their instants, requirements, staff events, obligations done,
//! consents, occurrences of breaches recorded by hand, and facts known later (the audited
//! price, losses). The as-of date is part of the record: the engine never reads a clock.
//!
//! Unknown fields are errors; references to the contract (event, milestone, item, level,
//! clause and obligation ids) are checked by [`crate::domain::validate`].

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::contract::{Complexity, Excuse, Penalty, StaffKind, Trigger};
use crate::domain::instant;
use crate::domain::money::Amount;
pub use crate::domain::vocabulary::{Entry, FactValue};

/// The format tag of an events file.
pub const FORMAT: &str = "lvyue-events/2";

/// What happened.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Events {
    /// Always `lvyue-events/2`.
    pub format: String,
    /// The contract these events belong to (its `id`), checked when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
    /// The day the evaluation stands on ("today"): what is not done by then is late or missed.
    pub as_of: NaiveDate,
    /// Dates of events by id: `signing`, `effective`, and the contract's `events`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub dates: BTreeMap<String, NaiveDate>,
    /// Acceptances, passed or failed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptances: Vec<Acceptance>,
    /// Invoices received.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub invoices: Vec<Invoice>,
    /// Payments made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub payments: Vec<Payment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incidents: Vec<Incident>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requirements: Vec<Requirement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<StaffEvent>,
    /// Obligation instances done.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done: Vec<Done>,
    /// Written consents: extensions granted, deferrals agreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// Breaches recorded by hand for clauses triggered by occurrences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<Occurrence>,
    /// Entries of the kinds the contract declares (`kinds`), with their moments and facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<Entry>,
    /// Facts known later.
    #[serde(default, skip_serializing_if = "Facts::is_empty")]
    pub facts: Facts,
    /// Excuses stated for a clause's lateness that has no record of its own to carry them (a
    /// deadline missed through force majeure or the buyer's fault). Payments, incidents and
    /// requirements carry their own `excuse`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excuses: Vec<ClaimedExcuse>,
    /// Quantities drawn from the contract's balances (person-days used).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub draws: Vec<Draw>,
    /// The injured side's choices between remedies: a clause's `alternatives.choice` → the
    /// option chosen.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub elections: BTreeMap<String, String>,
}

/// A quantity drawn from a balance of the contract on a day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Draw {
    /// The balance's id.
    pub balance: String,
    pub date: NaiveDate,
    /// Greater than 0 (e.g. `"12.5"`).
    #[serde(deserialize_with = "crate::domain::money::factor::deserialize")]
    pub quantity: rust_decimal::Decimal,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An excuse the record states for a penalty clause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimedExcuse {
    /// The penalty clause it excuses.
    pub clause: String,
    pub excuse: Excuse,
    /// What it excuses (a deadline, milestone, incident or requirement id); every occurrence of
    /// the clause when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The first day it excuses (force majeure from day 4): days late from it are excused and
    /// the rest accrue; the whole lateness when neither `from` nor `until` is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// The last day it excuses (inclusive); open-ended when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// An acceptance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    /// The event it is (for example `final_acceptance`, `acceptance_year_1`).
    pub event: String,
    pub date: NaiveDate,
    pub passed: bool,
}

/// An invoice received by the buyer for a milestone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Invoice {
    pub milestone: String,
    pub date: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
}

/// A payment made for a milestone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    pub milestone: String,
    pub date: NaiveDate,
    pub amount: Amount,
    /// A fact that excuses lateness (fiscal delay, the seller's fault, force majeure).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excuse: Option<Excuse>,
}

/// An incident (fault, security event).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// A unique id within the record.
    pub id: String,
    /// The affected item (subsystem), when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// A kind, for counting repeats of "the same kind" (e.g. `security`, `outage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub level: String,
    #[serde(deserialize_with = "instant::one")]
    pub reported: NaiveDateTime,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub notified: Option<NaiveDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub responded: Option<NaiveDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub diagnosed: Option<NaiveDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub on_site: Option<NaiveDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub workaround: Option<NaiveDateTime>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub resolved: Option<NaiveDateTime>,
    /// When the fault report was delivered.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub reported_back: Option<NaiveDateTime>,
    /// Whether a resident engineer was on site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resident: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excuse: Option<Excuse>,
    /// The highest complaint level it led to (`city_government`, `health_bureau`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint: Option<String>,
    /// Facts the contract declares for incidents (a kind `incident` in `kinds`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, FactValue>,
}

/// A requirement (a change the buyer asks for).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    pub id: String,
    #[serde(deserialize_with = "instant::one")]
    pub submitted: NaiveDateTime,
    pub complexity: Complexity,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "instant::maybe"
    )]
    pub first_answer: Option<NaiveDateTime>,
    /// The completion date both sides agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub business_affected: bool,
    /// The highest complaint level it led to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complaint: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excuse: Option<Excuse>,
    /// Facts the contract declares for requirements (a kind `requirement` in `kinds`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, FactValue>,
}

/// A staff event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffEvent {
    pub kind: StaffKind,
    pub date: NaiveDate,
    /// How many people it concerned (at least 1).
    #[serde(default = "one")]
    pub persons: u32,
    /// For changes: when notice was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notice: Option<NaiveDate>,
    /// For changes: whether the buyer consented in writing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub consent: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn one() -> u32 {
    1
}

/// An obligation instance done.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Done {
    /// The obligation clause id.
    pub obligation: String,
    /// The due date of the instance it fulfils.
    pub due: NaiveDate,
    /// When it was done.
    pub date: NaiveDate,
    /// For obligations with several instances a period: how many were done (at least 1).
    #[serde(default = "one")]
    pub count: u32,
}

/// A written consent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The clause it is given under.
    pub clause: String,
    pub date: NaiveDate,
    /// An extension granted, when it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension_days: Option<u32>,
    /// Whether it is in writing.
    #[serde(default = "yes")]
    pub written: bool,
}

fn yes() -> bool {
    true
}

impl Consent {
    /// Whether it can extend the deadline of penalty `p`: the clause grants grace by consent,
    /// the consent states the extension, and it is in writing where the grace asks for that.
    /// (How far it extends is the engine's: at most the grace's `max`.)
    pub fn extends(&self, p: &Penalty) -> bool {
        match &p.trigger {
            Trigger::Deadline { grace: Some(g), .. } => {
                self.extension_days.is_some() && (self.written || !g.written_consent)
            }
            _ => false,
        }
    }

    /// Whether it can waive penalty `p` (000 §4.4: none owed for a delay the other side agreed
    /// to in writing): the clause says so and the consent is in writing. Under a clause with
    /// grace, a consent that states an extension is an extension, not a waiver. (Which lines it
    /// waives is the engine's: those whose delay had not ended before it.)
    pub fn waives(&self, p: &Penalty) -> bool {
        let grace = matches!(p.trigger, Trigger::Deadline { grace: Some(_), .. });
        p.waived_by_written_consent && self.written && !(grace && self.extension_days.is_some())
    }
}

/// A breach recorded by hand.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Occurrence {
    pub clause: String,
    pub date: NaiveDate,
    /// How many times (default 1): from 1 to 1,000 (`count.zero`, `count.too-large`).
    #[serde(default = "one")]
    pub count: u32,
    /// People concerned, for per-person fines (at least 1).
    #[serde(default = "one")]
    pub persons: u32,
    /// The amount it concerns (the goods concerned), for rates of the occurrence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// A loss it caused, for rights that arise from losses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loss: Option<Amount>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Facts known later.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The audited price (002: milestones 3 and 4 are rates of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audited_price: Option<Amount>,
    /// Amounts the record states: of milestones (usage fees), by milestone id, and the facts
    /// a `recorded` base reads (the part delivered late), by fact id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub amounts: BTreeMap<String, Amount>,
}

impl Events {
    /// Whether the record holds nothing that happened: no date, payment, incident, requirement,
    /// staff event, done instance, consent, occurrence, entry, fact, excuse, draw or election
    /// (a contract opened without its record). The page says so, since every figure is then
    /// the contract's alone.
    pub fn is_blank(&self) -> bool {
        self.dates.is_empty()
            && self.acceptances.is_empty()
            && self.invoices.is_empty()
            && self.payments.is_empty()
            && self.incidents.is_empty()
            && self.requirements.is_empty()
            && self.staff.is_empty()
            && self.done.is_empty()
            && self.consents.is_empty()
            && self.occurrences.is_empty()
            && self.entries.is_empty()
            && self.facts.is_empty()
            && self.excuses.is_empty()
            && self.draws.is_empty()
            && self.elections.is_empty()
    }
}

impl Facts {
    /// Whether no fact is stated.
    pub fn is_empty(&self) -> bool {
        self.audited_price.is_none() && self.amounts.is_empty()
    }
}
