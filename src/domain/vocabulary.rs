//! The contract's own vocabulary (format v2, §1–§2 of `docs/design/format-v2.md`): the kinds of
//! things its record holds, their facts and moments, and conditions over them.
//!
//! Why its own module: a contract lvyue has never seen must be able to say "a force-majeure
//! event, with the party it struck" or "a fault, with whether remote diagnosis failed" without a
//! new enum variant. The engine reads these declarations and never names a kind, a fact or a
//! moment itself; [`Condition`]s are data, evaluated in one place (`engine::condition`).

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::contract::{Label, Side};

/// A kind of thing the record holds many of (a confidentiality breach, a force-majeure event, a
/// staff absence). `incident` and `requirement` name the built-in subjects: a kind with one of
/// those ids adds facts (not moments) to them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    /// e.g. `force_majeure`, `confidentiality_breach`; `incident` / `requirement` extend those.
    pub id: String,
    pub label: Label,
    /// Named instants in an entry's life, in the order they happen (a record entry whose later
    /// moment is before an earlier one is an error).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moments: Vec<MomentDef>,
    /// The facts an entry states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<FactDef>,
}

/// A named instant of a kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MomentDef {
    /// e.g. `reported`, `notified`.
    pub id: String,
    pub label: Label,
}

/// A fact an entry of a kind states.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FactDef {
    /// e.g. `remote_failed`, `category`, `party`.
    pub id: String,
    pub label: Label,
    /// What values it takes.
    #[serde(rename = "type")]
    pub ty: FactType,
    /// Every entry must state it (unless it has a `default`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// The value of an entry that does not state it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<FactValue>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The type of a fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum FactType {
    /// Yes or no (`true` / `false`).
    Flag,
    /// A number (a whole JSON number or a decimal string), within `min` and `max` where given.
    Number {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Label>,
    },
    /// An amount in yuan (as amounts are written).
    Amount,
    /// A date `YYYY-MM-DD`.
    Date,
    /// Free text.
    Text,
    /// One of the options, by id.
    Choice { options: Vec<ChoiceOption> },
    /// A level of the contract's `levels`, by id.
    Level,
    /// An item of the contract's `items`, by id.
    Item,
    /// `buyer` or `seller`: the party it concerns (who breached, who was struck).
    Party,
}

/// An option of a choice fact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Label,
}

/// A fact's value as the record writes it; its meaning is the declared type's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum FactValue {
    /// A flag.
    Flag(bool),
    /// A whole number (numbers and amounts may also be strings).
    Whole(i64),
    /// Text: a number or amount as a string, a date, a choice/level/item id, `buyer`/`seller`.
    Text(String),
}

impl FactValue {
    /// The text of a string value or of a whole number.
    pub fn text(&self) -> Option<std::borrow::Cow<'_, str>> {
        match self {
            FactValue::Flag(_) => None,
            FactValue::Whole(n) => Some(n.to_string().into()),
            FactValue::Text(s) => Some(s.as_str().into()),
        }
    }
}

/// A record entry of a declared kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The kind (an id of the contract's `kinds`).
    pub kind: String,
    /// A unique id within the record; `kind@date` (numbered within a day) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The day it happened…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// …or the instant (one of `date` and `at` is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
    /// Instants of its declared moments; a moment left out has not happened yet.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub moments: BTreeMap<String, NaiveDateTime>,
    /// Values of its declared facts.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: BTreeMap<String, FactValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Entry {
    /// When it happened: `at`, or 00:00 of `date`, or its first moment.
    pub fn instant(&self) -> Option<NaiveDateTime> {
        self.at
            .or_else(|| self.date.map(|d| d.and_time(chrono::NaiveTime::MIN)))
            .or_else(|| self.moments.values().min().copied())
    }
}

/// The party that pays or must act: a fixed side, or whichever party the record's entry names in
/// its `party` fact (force-majeure notice, confidentiality: "either party").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PartyRef {
    /// 甲方.
    Buyer,
    /// 乙方.
    Seller,
    /// The party named by the entry's fact of type `party` (the one who breached or was struck).
    Breaching,
}

impl PartyRef {
    /// The fixed side, None for [`PartyRef::Breaching`].
    pub fn side(self) -> Option<Side> {
        match self {
            PartyRef::Buyer => Some(Side::Buyer),
            PartyRef::Seller => Some(Side::Seller),
            PartyRef::Breaching => None,
        }
    }

    /// The side shown where one side must be named for a clause of either party (the seller: the
    /// side most clauses bind); its lines name the party that actually pays.
    pub fn nominal(self) -> Side {
        self.side().unwrap_or(Side::Seller)
    }
}

impl From<Side> for PartyRef {
    fn from(s: Side) -> PartyRef {
        match s {
            Side::Buyer => PartyRef::Buyer,
            Side::Seller => PartyRef::Seller,
        }
    }
}

impl PartialEq<Side> for PartyRef {
    fn eq(&self, s: &Side) -> bool {
        self.side() == Some(*s)
    }
}

/// A condition over a subject (an incident, a requirement or an entry) and the record. Written
/// as the shapes below; conditions compose with `all`, `any` and `not`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Condition {
    /// `{"all": [...]}`: every condition holds (true when empty).
    All { all: Vec<Condition> },
    /// `{"any": [...]}`: at least one holds.
    Any { any: Vec<Condition> },
    /// `{"not": ...}`: it does not hold.
    Not { not: Box<Condition> },
    /// `{"fact": "category", "in": ["circuit"]}`: a choice, level, item, party or text fact is one
    /// of these values.
    FactIn {
        fact: String,
        #[serde(rename = "in")]
        values: Vec<String>,
    },
    /// `{"fact": "level", "at_least": "L2"}`: a level as severe as this one or more (levels are
    /// ordered most severe first).
    FactAtLeast { fact: String, at_least: String },
    /// `{"fact": "persons", "op": ">=", "value": "2"}`: a number or amount fact compared.
    FactCompare {
        fact: String,
        op: CompareOp,
        value: FactValue,
    },
    /// `{"fact": "business_affected"}`: a flag is true.
    Fact { fact: String },
    /// `{"level_has": "major"}`: the subject's level is marked major.
    LevelHas { level_has: LevelFlag },
    /// `{"moment": "on_site", "present": true}`: the record states that moment (or not).
    Moment {
        moment: String,
        #[serde(default = "yes")]
        present: bool,
    },
    /// `{"elapsed": {"from": "reported", "to": "resolved", "over": {"n": 12, "unit": "hours"}}}`:
    /// more than `over` passed between two moments of the subject — `to` is later than
    /// `from` + `over`, or not recorded while the as-of date has passed that instant (001
    /// §4.9.2: "超过12小时仍无法解决的" — still unresolved 12 hours after the report). Counted on the
    /// clock (minutes, hours or calendar days), not in working time; no timer is needed.
    Elapsed { elapsed: Elapsed },
    /// `{"timer": "clause/timer", "outcome": "breached"}`: another timer's outcome for the same
    /// subject (a timer of an earlier clause, or earlier in the same clause).
    Timer { timer: String, outcome: Outcome },
    /// `{"started": "in_working_hours"}`: when the subject began (an incident's report, a
    /// requirement's submission, an entry's instant).
    Started { started: StartedIn },
    /// `{"consent": "4.5"}`: the record holds a written consent under this clause.
    Consent { consent: String },
    /// `{"event": "acceptance_failed", "happened": true}`: the record dates the event (or not).
    Event {
        event: String,
        #[serde(default = "yes")]
        happened: bool,
    },
}

fn yes() -> bool {
    true
}

/// Time between two moments of a subject, for [`Condition::Elapsed`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Elapsed {
    /// The moment counted from (`reported`, a declared moment).
    pub from: String,
    /// The moment that ends it (`resolved`, a declared moment).
    pub to: String,
    /// Minutes, hours or calendar days.
    pub over: crate::domain::contract::Span,
}

/// A comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum CompareOp {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
}

/// A property of a level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LevelFlag {
    Major,
}

/// A timer's outcome, as a condition reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Stopped within the limit.
    Met,
    /// Past the limit: stopped late, or not stopped and overdue.
    Breached,
    /// Not stopped, within the limit so far.
    Running,
    /// Not stopped, past the limit.
    Overdue,
    /// Excused.
    Excused,
}

/// When a subject began, as a condition reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StartedIn {
    InWorkingHours,
    OutsideWorkingHours,
    OnWorkingDay,
    OnDayOff,
}
