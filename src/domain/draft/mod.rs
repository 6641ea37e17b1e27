//! Drafting: a contract's Chinese text turned into `lvyue-contract/2` rules, offline and
//! deterministic — no model weights, a phrase grammar over typed tokens.
//!
//! Why a grammar and not a lookup: the contracts this market signs say the same few things
//! (a rate of a base per day late, a fine per occurrence, a limit per fault level, an
//! instalment after an event, a duty per period) in many word orders. The drafter reads a
//! sentence as a sequence of typed tokens ([`lexicon`]: amounts, rates, spans, bases, parties,
//! penalty and duty words), and each phrase family ([`families`]) matches a shape of tokens,
//! not a sentence. Every rule it emits keeps the character span of the sentence it came from
//! and a confidence; every sentence that speaks of money, a rate, a time limit, a penalty or
//! a duty and gave no rule is listed as not understood; an ambiguity becomes readings.
//!
//! [`canonical`] renders each drafted rule back as one canonical Chinese sentence, and drafting
//! that sentence gives the same rule (the round-trip property in `tests/all/draft.rs`).

pub mod build;
pub mod canonical;
pub mod duty;
pub mod level_fine;
pub mod lexicon;
pub mod payment;
pub mod penalty;
pub mod sent;
pub mod sla;
pub mod term;
pub mod text;
pub mod yearly;

use serde::{Deserialize, Serialize};

use crate::domain::contract::{Contract, Label};

/// The format tag of a draft (the drafter's output, read by the authoring view).
pub const FORMAT: &str = "lvyue-draft/1";

/// What the drafter made of a text: a contract, what each part came from, and what it could
/// not read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    /// Always `lvyue-draft/1`.
    pub format: String,
    /// The text drafted from (line endings normalised to `\n`); spans index its characters.
    pub text: String,
    /// The drafted contract (valid `lvyue-contract/2`).
    pub contract: Contract,
    /// What was understood, in the order of the text.
    pub found: Vec<Found>,
    /// Sentences that speak of money, a rate, a time limit, a penalty or a duty and gave no
    /// rule, in the order of the text.
    pub not_understood: Vec<Unread>,
}

/// A half-open range of characters (Unicode scalar values, not bytes) of the draft's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
}

/// How sure the drafter is of one thing it read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// Some part was assumed (a base, a party, a start): check it.
    Low,
    /// Every part was read, but the sentence says more than the rule holds.
    Medium,
    /// Every word of the sentence that matters went into the rule.
    High,
}

/// What a found part is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundKind {
    Title,
    Parties,
    Total,
    Signing,
    Term,
    Penalty,
    Payment,
    Sla,
    Obligation,
    Right,
    SharedCap,
    Item,
}

/// One thing the drafter understood.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Found {
    pub kind: FoundKind,
    /// The id of the clause it produced in the contract (absent for the title, the parties,
    /// the total and other contract-wide facts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The sentence it came from.
    pub span: TextSpan,
    pub confidence: Confidence,
    /// The rule said again as one canonical sentence.
    pub sentence: Label,
    /// What was assumed, and which readings a word allows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Label>,
}

/// Why a sentence was worth reading: the words that made it so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Signal {
    Money,
    Rate,
    TimeLimit,
    PenaltyWord,
    Duty,
}

/// A sentence that gave no rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unread {
    pub span: TextSpan,
    /// The clause number it stands under, as the text writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    pub signals: Vec<Signal>,
}

/// Drafts a contract from its text.
///
/// Never fails: a text with nothing to read gives a contract with no clauses and every
/// sentence that carries a signal in `not_understood`.
///
/// # Example
/// ```
/// let d = lvyue::domain::draft::draft("乙方每逾期一日，按合同总额的3‰支付违约金。");
/// assert_eq!(d.format, "lvyue-draft/1");
/// ```
pub fn draft(text: &str) -> Draft {
    let doc = text::Document::new(text);
    let contract = Contract {
        format: crate::domain::contract::FORMAT.to_string(),
        id: "draft".to_string(),
        title: doc.title().unwrap_or("未命名合同").to_string(),
        currency: "CNY".to_string(),
        ..Contract::default()
    };
    let mut d = build::Drafting::new(contract);
    let roles = sent::Roles::read(doc.sentences());
    for s in doc.sentences() {
        d.sentence(&sent::Sent::with_roles(s, roles));
    }
    d.roles(&roles, doc.sentences());
    d.finish();
    let build::Drafting {
        contract,
        found,
        unread,
        ..
    } = d;
    vetted(Draft {
        format: FORMAT.to_string(),
        text: doc.text().to_string(),
        contract,
        found,
        not_understood: unread,
    })
}

/// The draft with every clause the loader refuses taken out and its sentences listed as not
/// understood: a draft is always a contract the user can open (a rate of 105% read from a
/// garbled sentence is no rule). Each round drops the clauses and shared caps a problem is in,
/// then reads again, since a dropped clause can leave a reference behind.
fn vetted(mut d: Draft) -> Draft {
    for _ in 0..4 {
        let Ok(json) = serde_json::to_string(&d.contract) else {
            return d;
        };
        let (_, problems) = crate::domain::load::inspect_contract(&json);
        let bad: Vec<String> = problems
            .iter()
            .filter(|p| p.is_error())
            .map(|p| p.path.clone())
            .collect();
        if bad.is_empty() {
            return d;
        }
        let (clauses, caps) = (indices(&bad, "clauses["), indices(&bad, "shared_caps["));
        if clauses.is_empty() && caps.is_empty() {
            return d;
        }
        let dropped: Vec<String> = clauses
            .iter()
            .filter_map(|&i| d.contract.clauses.get(i).map(|c| c.id.clone()))
            .collect();
        drop_at(&mut d.contract.clauses, &clauses);
        drop_at(&mut d.contract.shared_caps, &caps);
        unread_again(&mut d, &dropped);
    }
    d
}

/// `list` without the elements at `at`.
fn drop_at<T>(list: &mut Vec<T>, at: &[usize]) {
    let mut i = 0;
    list.retain(|_| {
        i += 1;
        !at.contains(&(i - 1))
    });
}

/// The indices `n` of the paths that start `prefix` + `n]`.
fn indices(paths: &[String], prefix: &str) -> Vec<usize> {
    let mut out: Vec<usize> = paths
        .iter()
        .filter_map(|p| p.strip_prefix(prefix)?.split(']').next()?.parse().ok())
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// What was found for the dropped clauses, listed as not understood.
fn unread_again(d: &mut Draft, dropped: &[String]) {
    let chars: Vec<char> = d.text.chars().collect();
    let (gone, kept): (Vec<Found>, Vec<Found>) = std::mem::take(&mut d.found)
        .into_iter()
        .partition(|f| f.clause.as_ref().is_some_and(|c| dropped.contains(c)));
    d.found = kept;
    for f in gone {
        let end = f.span.end.min(chars.len());
        let sentence: String = chars[f.span.start.min(end)..end].iter().collect();
        d.not_understood.push(Unread {
            span: f.span,
            clause: f.clause,
            signals: text::signals(&sentence),
        });
    }
    d.not_understood.sort_by_key(|u| u.span);
}

/// What one phrase family read from a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub what: Drafted,
    pub confidence: Confidence,
    pub notes: Vec<Label>,
}

/// The rule a family drafted, with what it needs declared.
#[derive(Clone, Debug, PartialEq)]
pub enum Drafted {
    Penalty(penalty::PenaltyDraft),
}

impl Reading {
    pub fn penalty(p: penalty::PenaltyDraft, confidence: Confidence, notes: Vec<Label>) -> Reading {
        Reading {
            what: Drafted::Penalty(p),
            confidence,
            notes,
        }
    }
}

/// The draft as JSON (for the page's authoring module and `lvyue draft --json`).
pub fn draft_json(text: &str) -> String {
    serde_json::to_string(&draft(text)).unwrap_or_else(|_| String::from("{}"))
}
