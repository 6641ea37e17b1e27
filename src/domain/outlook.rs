//! Where the contract stands and where it is heading, from the report's facts: the room left
//! under every cap (a clause's own and each shared cap) and the day it will be reached, the
//! worst case each side can owe (own caps and shared caps together), the net position between
//! the parties, and what the ledger says beside a line (the shared cap that cut it, the timer
//! that priced it).
//!
//! The summary, the charts, the ledger and the statement all show these figures; they are
//! computed here once so that no view does arithmetic (`ARCHITECTURE.md`: the views compute no
//! figure). Pure: the as-of date is the report's, no clock is read.
//!
//! **The day a cap is reached.** A delay clause's exposure curve (`Report::exposure`) prices a
//! payment (the largest milestone) or a deadline by days late. The clause's total so far sits on
//! that curve at some day `d₀` (the first day whose amount reaches it); the cap is reached on
//! `cap_day`, so `cap_day − d₀` more days late reach it. When a line of the clause is still
//! growing on the as-of date (its last day counted is the as-of date), that is a date: as-of +
//! those days. When nothing accrues, it is a what-if and said as one: "if the next payment is
//! late", dated from that payment's due date where one is unpaid and not yet due.

use chrono::{Days, NaiveDate};

use crate::domain::contract::{Contract, Label, Rule, Side, SpanUnit, Trigger};
use crate::domain::engine::error::{add, EvalError, Figure};
use crate::domain::explain::{label, minutes_text, side, span_text, timer_status};
use crate::domain::money::Amount;
use crate::domain::report::{
    ClauseResult, Line, PaymentStatus, Report, Step, TimerResult, TimerStatus,
};
use crate::domain::Lang;
use crate::domain::Localize;

/// Whose cap it is: a clause's own, or one shared by a group of clauses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapKind {
    Own,
    Shared,
}

/// How fast the rest of a cap is used, from the clause's exposure curve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pace {
    /// What one more day late adds at this point of the curve.
    pub per_day: Amount,
    /// More days late until the cap is reached.
    pub days: u32,
    /// A line of the clause is growing on the as-of date: `on` is a projection of fact.
    pub accruing: bool,
    /// The day the cap is reached: as-of + `days` when accruing; otherwise, for a late-payment
    /// clause, the next unpaid milestone's due date + `days` (a what-if).
    pub on: Option<NaiveDate>,
    /// For a what-if: the milestone it assumes late (its label and due date).
    pub assumes: Option<(Label, NaiveDate)>,
}

/// The room left under one cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CapRoom {
    pub kind: CapKind,
    /// The clause the cap is in (a shared cap: the clause that states it).
    pub clause: String,
    /// The clause's title, or the shared cap's label.
    pub label: Label,
    pub payer: Side,
    pub limit: Amount,
    /// What counts against it so far (after caps).
    pub used: Amount,
    /// `limit − used`, never below zero.
    pub left: Amount,
    /// The day it was reached, if it was.
    pub reached_on: Option<NaiveDate>,
    /// How fast the rest goes (delay clauses with an exposure curve, cap not reached).
    pub pace: Option<Pace>,
    /// The cap counts again each contract year (or another period).
    pub per_period: bool,
}

/// The most one side can owe under the contract's caps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Worst {
    pub side: Side,
    /// What it owes so far (the report's total for that payer).
    pub so_far: Amount,
    /// The bound of the capped part: each own cap outside a shared cap, plus each shared cap
    /// (or the sum of its members' own caps when that is lower).
    pub capped: Amount,
    /// The parts of `capped`: the cap's clause, whether shared, and its bound.
    pub parts: Vec<(String, CapKind, Amount)>,
    /// Clauses of this payer under no cap at all: while any is listed, there is no bound.
    pub uncapped: Vec<String>,
    /// Some cap in `parts` counts per period (the bound is per contract year).
    pub per_period: bool,
}

impl Worst {
    /// The bound, or `None` when some clause is under no cap.
    pub fn bound(&self) -> Option<Amount> {
        self.uncapped.is_empty().then_some(self.capped)
    }
}

/// Who owes whom once the two sides' penalties are set against each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Net {
    /// The side that owes the difference; `None` when they are equal.
    pub payer: Option<Side>,
    /// The difference (never negative).
    pub amount: Amount,
    pub seller_pays: Amount,
    pub buyer_pays: Amount,
}

/// Everything above, for one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outlook {
    pub rooms: Vec<CapRoom>,
    /// The seller's and the buyer's worst case; an error naming the cap whose bound could not
    /// be added up to the fen (never a saturated bound).
    pub worst: [Result<Worst, EvalError>; 2],
    pub net: Net,
}

fn sub0(a: Amount, b: Amount) -> Amount {
    a.checked_sub(b)
        .filter(|d| !d.is_negative())
        .unwrap_or(Amount::ZERO)
}

fn is_late_payment(contract: Option<&Contract>, clause: &str) -> bool {
    contract
        .and_then(|c| c.clauses.iter().find(|cl| cl.id == clause))
        .is_some_and(|cl| {
            matches!(&cl.rule, Rule::Penalty(p) if matches!(p.trigger, Trigger::LatePayment { .. }))
        })
}

/// The pace of a clause's cap from its exposure curve, where it has one.
fn pace(report: &Report, c: &ClauseResult, contract: Option<&Contract>) -> Option<Pace> {
    let e = report.exposure.iter().find(|e| e.clause == c.clause)?;
    let cap_day = e.cap_day?;
    // The day of the curve the total so far stands on.
    let at = e
        .points
        .iter()
        .find(|p| p.amount >= c.total)
        .map(|p| p.days)?;
    if at >= cap_day {
        return None;
    }
    let days = cap_day - at;
    let here = e.points.iter().find(|p| p.days == at)?.amount;
    let next = e
        .points
        .iter()
        .find(|p| p.days == at + 1)
        .map_or(here, |p| p.amount);
    let accruing = c.lines.iter().any(|l| l.date >= report.as_of) && !c.total.is_zero();
    let next_due = report
        .payments
        .iter()
        .filter(|m| m.status == PaymentStatus::NotYetDue)
        .filter_map(|m| m.due.map(|d| (d, m)))
        .min_by_key(|(d, _)| *d);
    let (on, assumes) = if accruing {
        (report.as_of.checked_add_days(Days::new(days.into())), None)
    } else if is_late_payment(contract, &c.clause) {
        match next_due {
            Some((d, m)) => (
                d.checked_add_days(Days::new(days.into())),
                Some((m.label.clone(), d)),
            ),
            None => (None, None),
        }
    } else {
        (None, None)
    };
    Some(Pace {
        per_day: sub0(next, here),
        days,
        accruing,
        on,
        assumes,
    })
}

/// The room left under every cap: each clause's own cap, then each shared cap.
pub fn rooms(report: &Report, contract: Option<&Contract>) -> Vec<CapRoom> {
    let mut out: Vec<CapRoom> = report
        .penalties
        .iter()
        .filter_map(|c| {
            let cap = c.cap.as_ref()?;
            Some(CapRoom {
                kind: CapKind::Own,
                clause: c.clause.clone(),
                label: c.title.clone(),
                payer: c.payer,
                limit: cap.limit,
                used: c.total.min(cap.limit),
                left: sub0(cap.limit, c.total),
                reached_on: cap.reached_on,
                pace: if cap.reached_on.is_none() {
                    pace(report, c, contract)
                } else {
                    None
                },
                per_period: false,
            })
        })
        .collect();
    for s in &report.shared_caps {
        let payer = report
            .penalties
            .iter()
            .find(|c| s.clauses.contains(&c.clause))
            .map_or(Side::Seller, |c| c.payer);
        let per_period = contract
            .and_then(|c| c.shared_caps.iter().find(|x| x.id == s.id))
            .is_some_and(|x| x.period().is_some());
        out.push(CapRoom {
            kind: CapKind::Shared,
            clause: s.id.clone(),
            label: s.label.clone(),
            payer,
            limit: s.limit,
            used: s.after,
            left: sub0(s.limit, s.after),
            reached_on: s.reached_on,
            pace: None,
            per_period,
        });
    }
    out
}

/// The worst case of one side: own caps and shared caps together.
///
/// # Errors
///
/// When the caps' bounds add up past what is exact to the fen: the error names the cap (the
/// clause, or the shared cap) whose bound was being added.
pub fn worst(report: &Report, side_: Side) -> Result<Worst, EvalError> {
    let mine: Vec<&ClauseResult> = report
        .penalties
        .iter()
        .filter(|c| c.payer == side_)
        .collect();
    let mut assigned: Vec<&str> = Vec::new();
    let mut parts = Vec::new();
    let mut per_period = false;
    for s in &report.shared_caps {
        let members: Vec<&&ClauseResult> = mine
            .iter()
            .filter(|c| s.clauses.contains(&c.clause) && !assigned.contains(&c.clause.as_str()))
            .collect();
        if members.is_empty() {
            continue;
        }
        // The members' own caps, when every member has one, may bound them lower (a sum past
        // what can be computed is above the shared cap's limit, which then bounds them).
        let own: Option<Amount> = members
            .iter()
            .map(|c| c.cap.as_ref().map(|k| k.limit))
            .try_fold(Amount::ZERO, |a, b| b.and_then(|b| a.checked_add(b)));
        let bound = own.map_or(s.limit, |o| o.min(s.limit));
        assigned.extend(members.iter().map(|c| c.clause.as_str()));
        parts.push((s.id.clone(), CapKind::Shared, bound));
        per_period = true;
    }
    let mut uncapped = Vec::new();
    for c in &mine {
        if assigned.contains(&c.clause.as_str()) {
            continue;
        }
        match &c.cap {
            Some(k) => parts.push((c.clause.clone(), CapKind::Own, k.limit)),
            None => uncapped.push(c.clause.clone()),
        }
    }
    let capped = parts
        .iter()
        .try_fold(Amount::ZERO, |a, (id, kind, bound)| {
            add(a, *bound, Figure::Cap).map_err(|o| match kind {
                CapKind::Shared => o.at_shared_cap(id, None),
                CapKind::Own => o.at(id, None),
            })
        })?;
    Ok(Worst {
        side: side_,
        so_far: match side_ {
            Side::Seller => report.totals.seller_pays,
            Side::Buyer => report.totals.buyer_pays,
        },
        capped,
        parts,
        uncapped,
        per_period,
    })
}

/// The net position: the two totals set against each other.
pub fn net(report: &Report) -> Net {
    let (s, b) = (report.totals.seller_pays, report.totals.buyer_pays);
    let (payer, amount) = if s > b {
        (Some(Side::Seller), sub0(s, b))
    } else if b > s {
        (Some(Side::Buyer), sub0(b, s))
    } else {
        (None, Amount::ZERO)
    };
    Net {
        payer,
        amount,
        seller_pays: s,
        buyer_pays: b,
    }
}

/// The whole outlook of a report (the contract tells late-payment clauses and per-year caps).
pub fn outlook(report: &Report, contract: Option<&Contract>) -> Outlook {
    Outlook {
        rooms: rooms(report, contract),
        worst: [worst(report, Side::Seller), worst(report, Side::Buyer)],
        net: net(report),
    }
}

fn y(a: Amount) -> String {
    a.format_yuan()
}

/// A side's worst case in words, or the error that kept it from being computed.
pub fn worst_or_error(w: &Result<Worst, EvalError>, lang: Lang) -> String {
    match w {
        Ok(w) => worst_line(w, lang),
        Err(e) => e.localize(lang),
    }
}

/// One room in words: "7.3 甲方迟延付款违约金及利息：上限 ¥49,000.00，已计 ¥29,400.00，尚余
/// ¥19,600.00；……".
pub fn room_line(r: &CapRoom, lang: Lang) -> String {
    let name = match (r.kind, lang) {
        (CapKind::Own, _) => format!("{} {}", r.clause, label(&r.label, lang)),
        (CapKind::Shared, Lang::Zh) => {
            format!("共同上限 {}（{}）", r.clause, label(&r.label, lang))
        }
        (CapKind::Shared, Lang::En) => {
            format!("Shared cap {} ({})", r.clause, label(&r.label, lang))
        }
    };
    let per = if r.per_period {
        lang.pick("（每合同年度）", " (per contract year)")
    } else {
        ""
    };
    let mut s = match lang {
        Lang::Zh => format!(
            "{name}：上限 {}{per}，已计 {}，尚余 {}",
            y(r.limit),
            y(r.used),
            y(r.left)
        ),
        Lang::En => format!(
            "{name}: cap {}{per}, {} so far, {} left",
            y(r.limit),
            y(r.used),
            y(r.left)
        ),
    };
    if let Some(d) = r.reached_on {
        s.push_str(&match lang {
            Lang::Zh => format!("；已于 {d} 达到上限"),
            Lang::En => format!("; reached on {d}"),
        });
    } else if let Some(p) = &r.pace {
        s.push_str(&pace_text(p, lang));
    }
    s
}

fn pace_text(p: &Pace, lang: Lang) -> String {
    let days = p.days;
    match (lang, p.accruing, &p.assumes, p.on) {
        (Lang::Zh, true, _, Some(on)) => format!(
            "；正在按每日约 {} 累计，约再 {days} 日（{on}）达到上限",
            y(p.per_day)
        ),
        (Lang::En, true, _, Some(on)) => format!(
            "; accruing at about {} a day, the cap is reached in about {days} more days ({on})",
            y(p.per_day)
        ),
        (Lang::Zh, false, Some((m, due)), Some(on)) => format!(
            "；目前未在累计。假设：若{}（{due} 到期）逾期，按每日约 {}，逾期 {days} 日（{on}）达到上限",
            label(m, lang),
            y(p.per_day)
        ),
        (Lang::En, false, Some((m, due)), Some(on)) => format!(
            "; nothing accrues now. What-if: were {} (due {due}) late, at about {} a day the cap would be reached after {days} days late ({on})",
            label(m, lang),
            y(p.per_day)
        ),
        (Lang::Zh, _, _, _) => format!(
            "；目前未在累计。假设：再迟延约 {days} 日（每日约 {}）即达到上限",
            y(p.per_day)
        ),
        (Lang::En, _, _, _) => format!(
            "; nothing accrues now. What-if: about {days} more days late (about {} a day) reach the cap",
            y(p.per_day)
        ),
    }
}

/// A side's worst case in words.
pub fn worst_line(w: &Worst, lang: Lang) -> String {
    let who = side(w.side, lang);
    let parts: Vec<String> = w
        .parts
        .iter()
        .map(|(clause, kind, a)| match (kind, lang) {
            (CapKind::Own, Lang::Zh) => format!("{clause} 上限 {}", y(*a)),
            (CapKind::Own, Lang::En) => format!("{clause} cap {}", y(*a)),
            (CapKind::Shared, Lang::Zh) => format!("共同上限 {clause} {}", y(*a)),
            (CapKind::Shared, Lang::En) => format!("shared cap {clause} {}", y(*a)),
        })
        .collect();
    let per = if w.per_period {
        lang.pick(
            "（共同上限按合同年度计）",
            " (shared caps per contract year)",
        )
    } else {
        ""
    };
    match (w.bound(), lang) {
        (Some(b), Lang::Zh) => format!(
            "{who}最多应付 {}{per}：{}；已计 {}",
            y(b),
            parts.join(" + "),
            y(w.so_far)
        ),
        (Some(b), Lang::En) => format!(
            "The {who} owes at most {}{per}: {}; {} so far",
            y(b).to_string(),
            parts.join(" + "),
            y(w.so_far)
        ),
        (None, Lang::Zh) => format!(
            "{who}无总上限：{} 无上限；已计 {}",
            w.uncapped.join("、"),
            y(w.so_far)
        ),
        (None, Lang::En) => format!(
            "The {who} has no overall bound: {} uncapped; {} so far",
            w.uncapped.join(", "),
            y(w.so_far)
        ),
    }
}

/// The net position in words.
pub fn net_line(n: &Net, lang: Lang) -> String {
    match (n.payer, lang) {
        (Some(p), Lang::Zh) => format!(
            "违约金及利息相抵后，{}净付{} {}（乙方应付 {}，甲方应付 {}）",
            side(p, lang),
            side(other(p), lang),
            y(n.amount),
            y(n.seller_pays),
            y(n.buyer_pays)
        ),
        (Some(p), Lang::En) => format!(
            "Penalties and interest set against each other: the {} owes the {} {} net (seller {}, buyer {})",
            side(p, lang),
            side(other(p), lang),
            y(n.amount),
            y(n.seller_pays),
            y(n.buyer_pays)
        ),
        (None, Lang::Zh) => format!("违约金及利息相抵后双方互不欠付（各 {}）", y(n.seller_pays)),
        (None, Lang::En) => format!(
            "Penalties and interest set against each other: neither owes the other (each {})",
            y(n.seller_pays)
        ),
    }
}

fn other(s: Side) -> Side {
    match s {
        Side::Buyer => Side::Seller,
        Side::Seller => Side::Buyer,
    }
}

/// The actual days late of a delay clause's lines, for its exposure curve: (days, amount).
pub fn actual_days(report: &Report, clause: &str) -> Vec<(u32, Amount)> {
    let Some(c) = report.penalties.iter().find(|c| c.clause == clause) else {
        return Vec::new();
    };
    c.lines
        .iter()
        .filter_map(|l| {
            l.steps.iter().find_map(|s| match s {
                Step::DaysLate { days, .. } => u32::try_from(*days).ok().map(|d| (d, l.uncapped)),
                _ => None,
            })
        })
        .collect()
}

/// An actual day on a curve in words: "实际：逾期 40 日，¥29,400.00" / "actual: 40 days late, ¥29,400.00".
pub fn actual_text(days: u32, amount: Amount, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("实际：逾期 {days} 日，{}", y(amount)),
        Lang::En => format!("actual: {days} days late, {}", y(amount)),
    }
}

/// Where a shared cap cut a line: the cap's clause and label, before and after.
pub fn shared_cut(report: &Report, l: &Line) -> Option<(String, Label, Amount, Amount)> {
    l.steps.iter().find_map(|s| match s {
        Step::SharedCapped {
            cap,
            before,
            amount,
            ..
        } => {
            let label = report
                .shared_caps
                .iter()
                .find(|c| &c.id == cap)
                .map_or_else(
                    || Label {
                        zh: cap.clone(),
                        en: None,
                    },
                    |c| c.label.clone(),
                );
            Some((cap.clone(), label, *before, *amount))
        }
        _ => None,
    })
}

/// A shared cap's cut of a line in words.
pub fn shared_cut_line(report: &Report, l: &Line, lang: Lang) -> Option<String> {
    let (cap, lab, before, after) = shared_cut(report, l)?;
    Some(match lang {
        Lang::Zh => format!(
            "共同上限 {cap}（{}）削减：{} → {}",
            label(&lab, lang),
            y(before),
            y(after)
        ),
        Lang::En => format!(
            "cut by shared cap {cap} ({}): {} → {}",
            label(&lab, lang),
            y(before),
            y(after)
        ),
    })
}

/// The timers of a line's subject (an incident or a requirement) that were stopped or ran out.
pub fn line_timers<'a>(report: &'a Report, l: &Line) -> Vec<&'a TimerResult> {
    report
        .sla
        .iter()
        .filter(|t| t.subject == l.subject && t.status != TimerStatus::Running)
        .collect()
}

/// A timer's outcome in a few words: "完成处置：用时 2 小时，时限 3 小时（按时）" / "Handled: 2 h
/// against 3 h (met)".
pub fn timer_outcome(t: &TimerResult, lang: Lang) -> String {
    let took = minutes_text(t.elapsed_minutes, lang);
    let limit = match t.limit.unit {
        SpanUnit::Minutes => minutes_text(i64::from(t.limit.n), lang),
        SpanUnit::Hours => minutes_text(i64::from(t.limit.n) * 60, lang),
        _ => span_text(&t.limit, lang),
    };
    let status = timer_status(t.status, lang);
    match lang {
        Lang::Zh => format!(
            "{}：用时 {took}，时限 {limit}（{status}）",
            label(&t.label, lang)
        ),
        Lang::En => format!(
            "{}: {took} against {limit} ({status})",
            label(&t.label, lang)
        ),
    }
}
