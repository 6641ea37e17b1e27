//! Yearly fees of a term of several years: `双方签订合同后，甲方支付第一年维保费，第二年开始凭前
//! 一年的验收合格报告支付当年维保费，直至付清`. One instalment per contract year of the drafted
//! term, each the total's share for a year (`Base::TermShare`: the total × 12 ÷ the term's
//! months), the first on the event the sentence names, the later ones on the previous year's
//! acceptance (凭前一年的验收合格报告) or, where no condition is stated, at the start of their year.
//!
//! Why a family of its own: the sentence states neither an amount nor a count; both come from
//! the contract's term, which only the assembly knows (`build`). The amount is a reading (an
//! even split of the total): the draft says so.

use super::lexicon::{EventWord, Tok, Word};
use super::sent::Sent;

/// Words for a year's fee.
const FEES: &[&str] = &[
    "维保费",
    "维护费",
    "服务费",
    "运维费",
    "年费",
    "维保费用",
    "服务费用",
];

/// When the later years are paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Later {
    /// On the previous year's acceptance (凭前一年的验收合格报告).
    PreviousAcceptance,
    /// At the start of each year (此后每年支付当年维保费).
    YearStart,
}

/// A sentence of yearly fees.
#[derive(Clone, Debug, PartialEq)]
pub struct Yearly {
    /// The event the first year is paid on (签订合同后), if named.
    pub first: Option<EventWord>,
    pub later: Later,
    /// The fee's word as written (维保费).
    pub fee: &'static str,
}

/// Reads a sentence of yearly fees; None when it is not one.
pub fn read(s: &Sent) -> Option<Yearly> {
    if !s.has(Word::Pay) || s.has(Word::Penalty) {
        return None;
    }
    let stated = s
        .toks
        .iter()
        .any(|t| matches!(t.tok, Tok::Amount(_) | Tok::Rate(_)));
    if stated {
        return None;
    }
    let fee = *FEES.iter().rev().find(|f| s.contains(f))?;
    let first_year = s.any(&["第一年", "首年", "第1年"]);
    let later_years = s.any(&[
        "第二年开始",
        "第二年起",
        "第2年开始",
        "第2年起",
        "次年起",
        "以后每年",
        "此后每年",
        "其后每年",
        "以后各年",
    ]);
    if !(first_year && later_years) {
        return None;
    }
    let on_acceptance =
        s.any(&["前一年", "上一年", "上年度", "上一年度", "前一年度"]) && s.contains("验收");
    let later = if on_acceptance {
        Later::PreviousAcceptance
    } else if s.contains("验收") {
        // An acceptance of another year or of the whole service: not read here.
        return None;
    } else {
        Later::YearStart
    };
    let first_at = ["第一年", "首年", "第1年"]
        .iter()
        .find_map(|w| s.folded.find(w))
        .map(|b| s.folded[..b].chars().count());
    let first = s.toks.iter().find_map(|t| match t.tok {
        Tok::Word(Word::Event(e)) if first_at.is_none_or(|at| t.start < at) => Some(e),
        _ => None,
    });
    Some(Yearly { first, later, fee })
}
