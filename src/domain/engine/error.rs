//! Why an evaluation gives no report: a figure too large to compute.
//!
//! Why it is an error and not a note: a `Decimal` holds 96 bits of digits (about 7.9 × 10²⁸);
//! with the two digits of the fen, amounts are exact to the fen up to [`LIMIT`], about
//! ¥7.9 × 10²⁶ (beyond it a sum would round silently). Amounts, rates, counts and escalation
//! factors from the input can pass it (¥1,000 a breach, +50% per repeat, 150 repeats). A total
//! that silently kept its old value, or a line dropped with a note, would be a figure both
//! sides might sign; so every amount a party pays is checked against [`LIMIT`] and every
//! operation on money that fails stops the evaluation with an [`EvalError`] naming the clause
//! (or shared cap) and the occurrence it was computing, in both languages. Callers show it like a bad input: the CLI
//! exits 2, the API answers an `eval.overflow` problem located at the clause, the page keeps the
//! work and shows the message.
//!
//! Inside the engine, arithmetic returns [`Overflow`] (what was being computed); the functions
//! that know the clause and the occurrence turn it into an [`EvalError`] with [`Overflow::at`].

use crate::domain::load::{self, Problem};
use crate::domain::money::Amount;
use crate::domain::{Lang, Localize};

/// The largest amount computed exactly to the fen ([`Amount::MAX_FEN`]).
pub const LIMIT: Amount = Amount::MAX_FEN;

/// The figure that could not be computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// The amount of one penalty (a rate of a base, days or periods late, persons).
    Penalty,
    /// Late interest.
    Interest,
    /// A repeat's escalated amount.
    Escalation,
    /// A tier's amount.
    Tier,
    /// A fact's multiplier.
    Multiplier,
    /// The rule for late handling.
    LateHandling,
    /// A cap's limit, or the running total it is measured on.
    Cap,
    /// A shared cap's limit or running totals.
    SharedCap,
    /// A clause's total (or a reading's).
    ClauseTotal,
    /// The total a party pays, over every clause.
    Totals,
    /// A payment milestone's amount.
    Milestone,
    /// The payments recorded for a milestone.
    Payments,
    /// A milestone's late-payment penalty and interest.
    MilestonePenalty,
    /// An amount that follows from a right (a refund, a further payment).
    Consequence,
}

impl Figure {
    fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Figure::Penalty => ("违约金金额", "penalty"),
            Figure::Interest => ("利息", "interest"),
            Figure::Escalation => ("重复违约的递增金额", "escalated amount of a repeat"),
            Figure::Tier => ("分档金额", "tier's amount"),
            Figure::Multiplier => ("加倍后的金额", "multiplied amount"),
            Figure::LateHandling => ("未按时处理的加罚金额", "amount for late handling"),
            Figure::Cap => ("上限或其累计", "cap or its running total"),
            Figure::SharedCap => ("共同上限或其累计", "shared cap or its running totals"),
            Figure::ClauseTotal => ("条款合计", "clause's total"),
            Figure::Totals => ("一方应付合计", "total a party pays"),
            Figure::Milestone => ("付款节点金额", "milestone's amount"),
            Figure::Payments => ("已付款合计", "sum of the payments"),
            Figure::MilestonePenalty => {
                ("付款节点的违约金与利息", "milestone's penalty and interest")
            }
            Figure::Consequence => ("行使权利后应付的金额", "amount that follows from the right"),
        };
        lang.pick(zh, en)
    }
}

/// A checked operation on money failed: what was being computed. The engine's functions return
/// it until one that knows the clause makes it an [`EvalError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow(pub Figure);

impl Overflow {
    /// The error of this overflow in `clause`, computing `subject` (an occurrence, a line, a
    /// milestone) when there is one.
    pub fn at(self, clause: &str, subject: Option<&str>) -> EvalError {
        EvalError {
            clause: clause.to_string(),
            subject: subject.map(str::to_string),
            figure: self.0,
            shared_cap: false,
        }
    }

    /// The error of this overflow in a shared cap of the contract.
    pub fn at_shared_cap(self, id: &str, subject: Option<&str>) -> EvalError {
        EvalError {
            shared_cap: true,
            ..self.at(id, subject)
        }
    }
}

/// Why an evaluation gave no report: a figure of `clause` (or of the shared cap `clause` when
/// `shared_cap`) is too large to compute, while computing `subject`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EvalError {
    /// The clause id (or the shared cap's id).
    pub clause: String,
    /// The occurrence, line or milestone being computed, if any.
    pub subject: Option<String>,
    pub figure: Figure,
    /// Whether `clause` names a shared cap (`shared_caps[]`) rather than a clause.
    pub shared_cap: bool,
}

impl EvalError {
    /// The stable code of the error, as the API reports it.
    pub const CODE: &'static str = "eval.overflow";

    /// The error as a problem of `contract`: code [`EvalError::CODE`], the path of the clause
    /// (`clauses[i]`) or shared cap (`shared_caps[i]`) it names, not yet located in a text
    /// (`load::locate` finds the line and column).
    pub fn problem(&self, contract: &crate::domain::contract::Contract) -> Problem {
        let path = if self.shared_cap {
            contract
                .shared_caps
                .iter()
                .position(|s| s.id == self.clause)
                .map(|i| load::path_index("shared_caps", i))
        } else {
            contract
                .clauses
                .iter()
                .position(|c| c.id == self.clause)
                .map(|i| load::path_index("clauses", i))
        };
        Problem::error(
            EvalError::CODE,
            path.unwrap_or_default(),
            self.localize(Lang::Zh),
            self.localize(Lang::En),
        )
    }
}

impl Localize for EvalError {
    fn localize(&self, lang: Lang) -> String {
        let whose = match (self.shared_cap, lang) {
            (false, Lang::Zh) => format!("第 {} 条", self.clause),
            (true, Lang::Zh) => format!("共同上限“{}”", self.clause),
            (false, Lang::En) => format!("clause {}", self.clause),
            (true, Lang::En) => format!("shared cap {}", self.clause),
        };
        let subject = match (&self.subject, lang) {
            (Some(s), Lang::Zh) => format!("（{s}）"),
            (Some(s), Lang::En) => format!(" ({s})"),
            (None, _) => String::new(),
        };
        match lang {
            Lang::Zh => format!(
                "{whose}{subject}的{}超出可精确到分计算的范围（约 7.9×10²⁶ 元）：请检查金额、比例、次数与倍数，未出具结果",
                self.figure.name(lang)
            ),
            Lang::En => format!(
                "{whose}{subject}: the {} is too large to compute to the fen (beyond about ¥7.9 × 10^26); check the amounts, rates, counts and factors. No report was made",
                self.figure.name(lang)
            ),
        }
    }
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for EvalError {}

/// `a`, if it is within [`LIMIT`]; else the overflow of `figure`.
pub fn within(a: Amount, figure: Figure) -> Result<Amount, Overflow> {
    if a.within_fen_range() {
        Ok(a)
    } else {
        Err(Overflow(figure))
    }
}

/// `a` rounded half-up to the fen, if within [`LIMIT`].
pub fn fen(a: Amount, figure: Figure) -> Result<Amount, Overflow> {
    within(a.round_fen(), figure)
}

/// `a + b` on money, within [`LIMIT`], or the overflow of `figure`.
pub fn add(a: Amount, b: Amount, figure: Figure) -> Result<Amount, Overflow> {
    within(a.checked_add(b).ok_or(Overflow(figure))?, figure)
}

/// The sum of amounts, within [`LIMIT`], or the overflow of `figure`.
pub fn sum(amounts: impl IntoIterator<Item = Amount>, figure: Figure) -> Result<Amount, Overflow> {
    amounts
        .into_iter()
        .try_fold(Amount::ZERO, |s, x| add(s, x, figure))
}
