//! Penalty phrases: a rate or an amount per day late (每逾期一日…按合同总额的3‰), per period
//! late (每超期7天…5%), per occurrence (罚款200元/次, 每次按合同总额的5%), with the cap
//! (累计不超过…, 最高不超过…), the rights a threshold grants (超过30日…有权解除合同) and the
//! excuses (除甲方原因或不可抗力外).

use super::lexicon::{BaseWord, Tok, Word};
use super::sent::Sent;
use super::{Confidence, Drafted, Reading};
use crate::domain::contract::Label;
use crate::domain::contract::{
    Band, Base, Cap, Consequence, Escalation, Excuse, Formula, Grace, Multiplier, OccurrenceAmount,
    Penalty, PerOccurrence, Right, RightKind, Scope, Side, Span, SpanUnit, Threshold, Trigger,
};
use crate::domain::vocabulary::PartyRef;

/// What a penalty needs declared: the deadline it measures (its label), if any.
#[derive(Clone, Debug, PartialEq)]
pub struct PenaltyDraft {
    pub penalty: Penalty,
    /// The deadline's words (交货, 提供服务), for a deadline trigger.
    pub deadline: Option<String>,
}

/// Reads a penalty sentence; `leveled` when it stands under a heading that names a level (a
/// rate of "the system's fee" is then of the incident's item).
pub fn read(s: &Sent, leveled: bool) -> Option<Reading> {
    if !s.has(Word::Penalty) && !s.contains("支付") {
        return None;
    }
    if !s.has(Word::Penalty) || unreadable(s, leveled) {
        return None;
    }
    banded(s)
        .or_else(|| per_time(s))
        .or_else(|| per_occurrence(s))
}

/// The first day late of each band a sentence starts (拖延十天以上，…每日…1‰ gives day 10;
/// 拖延一天，…1‰ gives day 1; 一个月以上 gives day 30, with a note): the token after the marker
/// and the day.
fn band_starts(s: &Sent, notes: &mut Vec<Label>) -> Vec<(usize, u32)> {
    let mut out = Vec::new();
    for i in 1..s.toks.len() {
        // 拖延十天以上 / 逾期交货5天以上: the span after a delay word (and what is late).
        let late_at = match s.word_at(i - 1) {
            Some(Word::Late) => i - 1,
            Some(Word::Event(_)) if i >= 2 && s.word_at(i - 2) == Some(Word::Late) => i - 2,
            _ => continue,
        };
        if late_at >= 1 && s.word_at(late_at - 1) == Some(Word::Per) {
            continue;
        }
        let Some(span) = s.span_at(i) else { continue };
        let after = s.chars(s.toks[i].end, s.toks[i].end + 3);
        let day = match span.unit {
            SpanUnit::Days if after.starts_with("以上") || after.starts_with("及以上") => {
                span.n
            }
            SpanUnit::Days if span.n == 1 && after.starts_with(['，', ',']) => 1,
            SpanUnit::Months if after.starts_with("以上") => {
                notes.push(note(
                    "“一个月以上”按30日计",
                    "“a month or more” read as 30 days",
                ));
                span.n.saturating_mul(30)
            }
            _ => continue,
        };
        out.push((i + 1, day));
    }
    out
}

/// 拖延十天以上，甲方每日支付…1‰；拖延一个月以上，甲方每日支付…5‰: a per-day rate by days late,
/// the days before the first band free. A band of a later sentence of the clause joins the rule
/// (the drafting's `add`).
fn banded(s: &Sent) -> Option<Reading> {
    let mut notes = Vec::new();
    let starts = band_starts(s, &mut notes);
    if starts.is_empty() || s.has(Word::Time) {
        return None;
    }
    let per = s.per_period();
    if starts.len() == 1 && starts[0].1 > 1 && per.is_none() {
        return None;
    }
    let mut bands: Vec<Band> = Vec::new();
    let mut base_word = None;
    for (k, (from, day)) in starts.iter().enumerate() {
        let until = starts.get(k + 1).map_or(s.toks.len(), |(f, _)| *f);
        let (ri, rate) = (*from..until).find_map(|i| s.rate_at(i).map(|r| (i, r)))?;
        if (*from..ri).any(|i| s.word_at(i) == Some(Word::Cap)) {
            return None;
        }
        base_word = base_word.or(s.base_before(ri));
        if let Some(last) = bands.last_mut() {
            if last.from >= *day {
                return None;
            }
            last.to = Some(day - 1);
        } else if *day > 1 {
            bands.push(Band {
                from: 1,
                to: Some(day - 1),
                rate: crate::domain::money::Rate::from_fraction(rust_decimal::Decimal::ZERO),
            });
        }
        bands.push(Band {
            from: *day,
            to: None,
            rate,
        });
    }
    let payer = payer(s, &mut notes);
    let late_payment = payer == Side::Buyer && (is_payment_delay(s) || buyer_late_with_nothing(s));
    let base = base(base_word, late_payment, &mut notes)?;
    let formula = Formula::PerDay {
        rate: None,
        schedule: bands,
        start_after: 0,
        base,
        working_days: false,
    };
    let last = starts.last().map_or(0, |(f, _)| *f);
    let mut r = finish(s, last, payer, late_payment, formula, notes);
    let Drafted::Penalty(p) = &mut r.what;
    {
        if !p.penalty.rights.is_empty() {
            p.penalty.rights.clear();
            r.notes.push(note(
                "分段费率的条文写有权利，未读出：请核对",
                "The stepped clause states a right, not read: check it",
            ));
            r.confidence = Confidence::Low;
        }
    }
    r.notes.push(note(
        "分段日费率：较高费率只计其段内天数，或自达到之日起计全部天数，两种读法",
        "A stepped daily rate: the higher rate for the days of its band only, or for every day once reached",
    ));
    Some(r)
}

/// Shapes the penalty grammar does not read, whatever else the sentence says: an amount per
/// hour or minute over (每超时1小时), the fee of an item not named (子系统年维护费), a step on
/// another penalty (处罚金额增加1%, 按处罚金额的2倍), a fine per any other unit of time.
fn unreadable(s: &Sent, leveled: bool) -> bool {
    let per_short_span = (0..s.toks.len()).any(|i| {
        s.word_at(i) == Some(Word::Per)
            && (i + 1..s.toks.len().min(i + 3)).any(|k| {
                s.span_at(k).is_some_and(|sp| {
                    matches!(
                        sp.unit,
                        SpanUnit::Hours | SpanUnit::Minutes | SpanUnit::Months | SpanUnit::Years
                    )
                })
            })
    });
    let has = |b: BaseWord| s.toks.iter().any(|t| t.tok == Tok::Word(Word::Base(b)));
    let escalates = s.any(&["基础上递增", "基础上增加", "基础上加收"]);
    let base_unread = (has(BaseWord::ItemFee) && !leveled)
        || has(BaseWord::PeriodFee)
        || (has(BaseWord::PriorPenalty) && !escalates);
    let step = (1..s.toks.len())
        .any(|i| matches!(s.toks[i].tok, Tok::Rate(_)) && s.word_at(i - 1) == Some(Word::Increase))
        && !s.any(&["前次", "上一次", "基础上"]);
    per_short_span || base_unread || step
}

/// The side that pays: the one 由…向 names (由乙方向甲方支付), the subject of 应/须/需/将, the
/// actor, else the seller (assumed).
fn payer(s: &Sent, notes: &mut Vec<Label>) -> Side {
    let by = s.toks.iter().enumerate().find_map(|(i, t)| match t.tok {
        Tok::Word(Word::Party(side))
            if s.char_before(i) == Some('由') && s.chars(t.end, t.end + 1) == "向" =>
        {
            Some(side)
        }
        _ => None,
    });
    if let Some(side) = by {
        return side;
    }
    // 甲方有权按每次2000元扣减服务费: the side entitled to deduct is paid; the other pays.
    let deducts = s.any(&[
        "扣减",
        "扣除",
        "扣罚",
        "扣款",
        "罚款",
        "处罚",
        "索赔",
        "收取违约金",
    ]);
    let entitled = s.toks.iter().find_map(|t| match t.tok {
        Tok::Word(Word::Party(side)) if s.chars(t.end, t.end + 2) == "有权" => Some(side),
        _ => None,
    });
    if let (true, Some(side)) = (deducts, entitled) {
        let paying_named = s.toks.iter().any(|t| {
            t.tok == Tok::Word(Word::Party(other(side)))
                && s.chars(t.end, t.end + 1)
                    .starts_with(['应', '须', '需', '将'])
        });
        if !paying_named {
            return other(side);
        }
    }
    let subject = s.toks.iter().find_map(|t| match t.tok {
        Tok::Word(Word::Party(side))
            if s.chars(t.end, t.end + 1)
                .starts_with(['应', '须', '需', '将']) =>
        {
            Some(side)
        }
        _ => None,
    });
    // The party of a consent (若乙方不同意延期，甲方…) is not the one that pays.
    let consenting = |side: Side| {
        s.toks.iter().any(|t| {
            t.tok == Tok::Word(Word::Party(side)) && {
                let after = s.chars(t.end, t.end + 3);
                after.starts_with("不同意") || after.starts_with("未同意")
            }
        })
    };
    let actor = s.actor().map(|a| {
        let other_named = s.has(Word::Party(other(a)));
        if consenting(a) && other_named && !consenting(other(a)) {
            other(a)
        } else {
            a
        }
    });
    subject.or(actor).unwrap_or_else(|| {
        notes.push(note(
            "未写明由哪一方支付，按乙方（卖方）起草",
            "The text names no payer: drafted as the seller",
        ));
        Side::Seller
    })
}

pub fn note(zh: &str, en: &str) -> Label {
    Label {
        zh: zh.to_string(),
        en: Some(en.to_string()),
    }
}

fn other(side: Side) -> Side {
    match side {
        Side::Buyer => Side::Seller,
        Side::Seller => Side::Buyer,
    }
}

fn party(side: Side) -> PartyRef {
    match side {
        Side::Buyer => PartyRef::Buyer,
        Side::Seller => PartyRef::Seller,
    }
}

/// A base word as a base; the drafter's reading of each, and whether it was assumed.
fn base(word: Option<BaseWord>, late_payment: bool, notes: &mut Vec<Label>) -> Option<Base> {
    match word {
        Some(BaseWord::Total) | Some(BaseWord::AnnualFee) => Some(Base::Total),
        Some(BaseWord::Overdue) if late_payment => Some(Base::Overdue),
        Some(BaseWord::Audited) => Some(Base::AuditedPrice),
        Some(BaseWord::Part) | Some(BaseWord::Overdue) => Some(Base::Occurrence),
        // 发生安全事件子系统年维护费金额: the fee of the item the incident names.
        Some(BaseWord::ItemFee) => {
            notes.push(note(
                "比例按发生事件的子系统（分项）费用计：每次事件须在记录中注明所涉分项",
                "The rate is of the fee of the item the incident concerns: each incident names its item in the record",
            ));
            Some(Base::Item { item: None })
        }
        Some(BaseWord::Remaining) | Some(BaseWord::PeriodFee) | Some(BaseWord::PriorPenalty) => {
            None
        }
        None => {
            notes.push(note(
                "未写明比例的基数，按合同总额起草",
                "The text names no base for the rate: drafted as the contract total",
            ));
            Some(Base::Total)
        }
    }
}

/// The rate of a formula: the first rate after `from`, with its base.
fn rate_after(s: &Sent, from: usize) -> Option<(usize, crate::domain::money::Rate)> {
    let i = s.find(from, |t| matches!(t, Tok::Rate(_)))?;
    let cap_before = (from..i).any(|k| s.word_at(k) == Some(Word::Cap));
    if cap_before {
        return None;
    }
    Some((i, s.rate_at(i)?))
}

/// Whether a sentence speaks of lateness: a word of it (逾期, 延迟, 未按期…), or a time kept
/// negated with words between (未按实施整改计划如期整改, 不能在约定期限内完成).
fn lateness(s: &Sent) -> bool {
    s.has(Word::Late)
        || (s.any(&[
            "如期",
            "按期",
            "按时",
            "准时",
            "期限内",
            "规定时间内",
            "约定时间内",
        ]) && s.any(&["未", "不能", "没有", "无法"]))
}

/// Per day or per period late.
fn per_time(s: &Sent) -> Option<Reading> {
    let (after, period) = s.per_period()?;
    let mut notes = Vec::new();
    let payer = payer(s, &mut notes);
    let late_payment = payer == Side::Buyer && (is_payment_delay(s) || buyer_late_with_nothing(s));
    // 每缺1人每天扣罚300元: a day of something other than lateness (a shortage, an absence) is
    // not a day late.
    if !lateness(s) && !late_payment && !is_payment_delay(s) {
        return None;
    }
    if late_payment && !is_payment_delay(s) {
        notes.push(note(
            "条文未写明甲方逾期的事项：按甲方逾期付款起草",
            "The text does not say what the buyer is late with: drafted as a late payment",
        ));
    }
    let (ri, rate) = match rate_after(s, after) {
        Some(r) => r,
        None => return fixed_per_day(s, after, payer, late_payment, period, notes),
    };
    let base = base(s.base_before(ri), late_payment, &mut notes)?;
    let formula = if period.n == 1 && period.unit != SpanUnit::Weeks {
        Formula::PerDay {
            rate: Some(rate),
            schedule: Vec::new(),
            start_after: 0,
            base,
            working_days: period.unit == SpanUnit::WorkingDays,
        }
    } else {
        notes.push(note(
            "“每超期N天”：未满一期是否计一期有两种读法，默认只计满期（CLAUSES §2）",
            "“per N days late”: whether a started period counts has two readings; complete periods by default",
        ));
        Formula::PerPeriod {
            period: days_of(period),
            rate,
            base,
        }
    };
    Some(finish(s, ri + 1, payer, late_payment, formula, notes))
}

fn days_of(p: Span) -> Span {
    match p.unit {
        SpanUnit::Weeks => Span {
            n: p.n.saturating_mul(7),
            unit: SpanUnit::Days,
        },
        _ => p,
    }
}

/// 每逾期一日罚款500元: a fixed amount a day.
fn fixed_per_day(
    s: &Sent,
    after: usize,
    payer: Side,
    late: bool,
    period: Span,
    notes: Vec<Label>,
) -> Option<Reading> {
    let i = s.find(after, |t| matches!(t, Tok::Amount(_)))?;
    if (after..i).any(|k| s.word_at(k) == Some(Word::Cap)) || period.n != 1 {
        return None;
    }
    let amount = s.amount_at(i)?;
    let formula = Formula::PerDay {
        rate: Some(crate::domain::money::Rate::from_fraction(
            rust_decimal::Decimal::ONE,
        )),
        schedule: Vec::new(),
        start_after: 0,
        base: Base::Amount { amount },
        working_days: period.unit == SpanUnit::WorkingDays,
    };
    Some(finish(s, i + 1, payer, late, formula, notes))
}

/// A buyer's delay that names nothing it is late with (如乙方不同意延期，甲方应按每迟延一日…):
/// a buyer's one duty of time in these contracts is to pay.
fn buyer_late_with_nothing(s: &Sent) -> bool {
    deadline_words(s) == "履约"
        && !s
            .toks
            .iter()
            .any(|t| matches!(t.tok, Tok::Word(Word::Event(_))))
}

/// Whether the delay is of a payment (迟延付款, 逾期支付, 未按约定支付…).
fn is_payment_delay(s: &Sent) -> bool {
    let pay = s.toks.iter().position(|t| t.tok == Tok::Word(Word::Pay));
    let per = s.per_period().map(|(i, _)| i);
    match (pay, per) {
        (Some(p), Some(q)) => {
            p < q
                || s.any(&[
                    "逾期付款",
                    "迟延付款",
                    "延迟付款",
                    "逾期支付",
                    "未按时付款",
                    "拖欠",
                ])
        }
        _ => false,
    }
}

/// The trigger, cap, rights and excuses after the formula, and the reading.
fn finish(
    s: &Sent,
    from: usize,
    payer: Side,
    late_payment: bool,
    formula: Formula,
    mut notes: Vec<Label>,
) -> Reading {
    let grace = grace(s);
    let waived = grace.is_none() && consent_waives(s);
    let trigger = if late_payment {
        Trigger::LatePayment {
            milestones: Vec::new(),
        }
    } else {
        Trigger::Deadline {
            deadline: String::new(),
            grace,
        }
    };
    let mut cap = cap(s, from);
    // The overdue amount of a delay that is not a payment is the part late (base()).
    if let Some(c) = &mut cap {
        if c.base == Some(Base::Overdue) && !late_payment {
            c.base = Some(Base::Occurrence);
        }
    }
    let rights = late_rights(rights(s, payer));
    let excuses = excuses(s, payer);
    let interest = interest(s);
    if cap.is_none() && !s.has(Word::Cap) {
        notes.push(note("条文未写上限", "The text states no cap"));
    }
    let deadline = (!late_payment).then(|| deadline_words(s));
    let penalty = Penalty {
        payer: party(payer),
        trigger,
        formula,
        excuses,
        cap,
        rights,
        waived_by_written_consent: waived,
        interest,
        stop_at: None,
        alternatives: None,
    };
    // 甲方仍需求的，乙方应立即发货并…: the penalty is one remedy of a choice the other side
    // makes (the other, termination, stated elsewhere); the choice is not drafted.
    if s.any(&["仍需求", "仍需要", "仍要求", "仍然需要", "仍同意履行"]) {
        notes.push(note(
            "未写明的选择：条文的违约金是对方可选的救济之一（仍需求的…），另一救济（如解除合同）未读出，请核对",
            "A choice not drafted: this penalty is one remedy the other side may choose (if it still wants the goods); the other remedy (termination) was not read: check it",
        ));
    }
    let confidence = if notes.iter().any(|n| n.zh.starts_with("未写明")) {
        Confidence::Low
    } else if notes.iter().any(|n| n.zh.starts_with("条文未写明")) {
        Confidence::Medium
    } else {
        Confidence::High
    };
    Reading::penalty(PenaltyDraft { penalty, deadline }, confidence, notes)
}

/// A cap: a cap word then a rate of a base or an amount (最高不超过合同总金额的百分之五;
/// 以合同总额的10%为限; 累计不超过5万元).
pub fn cap(s: &Sent, from: usize) -> Option<Cap> {
    let ci = s.find(from, |t| *t == Tok::Word(Word::Cap))?;
    let is_limit_after = s.word_at(ci) == Some(Word::Cap)
        && s.toks[ci].end - s.toks[ci].start == 2
        && s.chars(s.toks[ci].start, s.toks[ci].end) == "为限";
    let window: Vec<usize> = if is_limit_after {
        (from..ci).rev().take(3).collect()
    } else {
        (ci + 1..s.toks.len()).take(3).collect()
    };
    window.into_iter().find_map(|k| match s.toks[k].tok {
        Tok::Rate(rate) => {
            // 不超过延期交货部分货款的5%: of the part late, as the daily rate is.
            let base = match s.base_before(k) {
                Some(BaseWord::Overdue) => Base::Overdue,
                Some(BaseWord::Part) => Base::Occurrence,
                Some(BaseWord::Audited) => Base::AuditedPrice,
                _ => Base::Total,
            };
            Some(Cap {
                rate: Some(rate),
                base: Some(base),
                amount: None,
            })
        }
        Tok::Amount(amount) => Some(Cap {
            rate: None,
            base: None,
            amount: Some(amount),
        }),
        _ => None,
    })
}

/// 经甲方书面同意…最多延期15天 / 宽限期15日.
fn grace(s: &Sent) -> Option<Grace> {
    if !s.has(Word::Consent) && !s.contains("宽限") {
        return None;
    }
    let i = s.find(0, |t| matches!(t, Tok::Span(_)))?;
    let max = s.span_at(i)?;
    let before_per = s.per_period().is_some_and(|(p, _)| i + 1 < p);
    before_per.then_some(Grace {
        max,
        written_consent: s.contains("书面"),
    })
}

/// 如乙方不同意延期，甲方应按每迟延一日… / 未经甲方同意延期的: the penalty is owed only when
/// the other side did not agree to the delay (a consent waives it).
fn consent_waives(s: &Sent) -> bool {
    let delay = s.any(&["延期", "延长", "推迟", "顺延"]);
    delay
        && (0..s.toks.len()).any(|i| {
            s.word_at(i) == Some(Word::Consent)
                && (matches!(s.char_before(i), Some('不' | '未'))
                    || s.chars(s.toks[i].start.saturating_sub(2), s.toks[i].start) == "未经")
        })
}

/// The rights a threshold grants the other side: to terminate (解除合同), to stop performing
/// (停止服务, 不予通电), to reprimand (通报批评), to be refunded (有权要求…退回已支付的所有款项),
/// with the refund a termination brings (并要求乙方退回所有已支付款项).
pub fn rights(s: &Sent, payer: Side) -> Vec<Right> {
    let refund = s.has(Word::Refund) && s.any(&["已付", "已支付", "已经支付", "所付"]);
    // A right is granted (有权, 可以, 可解除): a heading (合同的变更与解除) or a dissolution by
    // itself (本合同自动解除) grants none.
    let granted = s.any(&[
        "有权",
        "可以",
        "可解除",
        "可终止",
        "可单方",
        "可停止",
        "可暂停",
        "得解除",
        "权利",
    ]);
    let automatic = s.any(&["自动解除", "自动终止", "自行解除", "自行终止"]) || !granted;
    if granted && conditioned_on_share(s) {
        return Vec::new();
    }
    let kind = if s.has(Word::Terminate) && !automatic {
        RightKind::Terminate
    } else if s.has(Word::StopService) && granted {
        RightKind::StopService
    } else if s.has(Word::Reprimand) {
        RightKind::Reprimand
    } else if refund && s.contains("有权") {
        RightKind::Refund
    } else {
        return Vec::new();
    };
    let holder = other(payer);
    let when = threshold(s).unwrap_or(Threshold::AnyOccurrence);
    let consequences = if refund && matches!(kind, RightKind::Terminate | RightKind::Refund) {
        vec![Consequence::RefundAllPayments]
    } else {
        Vec::new()
    };
    vec![Right {
        holder,
        right: kind,
        when,
        consequences,
    }]
}

/// A right under a condition on a share done (已交货套数未达合同约定套数90%的, 交付数量不足80%):
/// not a threshold the record measures; not read.
fn conditioned_on_share(s: &Sent) -> bool {
    let grant = ["有权", "可以", "可解除", "可终止"]
        .iter()
        .filter_map(|w| s.folded.find(w))
        .min()
        .map_or(0, |b| s.folded[..b].chars().count());
    let rate_before = s
        .toks
        .iter()
        .any(|t| matches!(t.tok, Tok::Rate(_)) && t.end <= grant);
    let share = s.any(&["套数", "件数", "数量", "已交货", "已交付", "已供货"]);
    rate_before && share && s.any(&["未达", "未能达到", "不足", "已达", "达到"])
}

/// A right of a penalty per day late with no threshold stated arises on the first day late
/// (逾期交货的，甲方有权解除合同).
pub fn late_rights(rights: Vec<Right>) -> Vec<Right> {
    rights
        .into_iter()
        .map(|mut r| {
            if r.when == Threshold::AnyOccurrence {
                r.when = Threshold::DaysLateAtLeast { days: 1 };
            }
            r
        })
        .collect()
}

/// 超过30日 (days late over); 逾期30天以上, 达到三天以上, 逾期60日未支付, 逾期30日的, 满30日
/// (days late at least: 以上 counts the number itself, Civil Code art. 1259); 超过…5% (the penalty
/// exceeding a rate); 达到…5% (reaching it); 三次以上 (the third occurrence); or the cap reached
/// (达到上限, 最高限额).
fn threshold(s: &Sent) -> Option<Threshold> {
    for i in 0..s.toks.len() {
        if s.word_at(i) == Some(Word::Over) {
            if let Some(span) = s.span_at(i + 1).filter(|sp| sp.unit == SpanUnit::Days) {
                return Some(Threshold::DaysLateOver { days: span.n });
            }
            if let Some(rate) = s.rate_at(i + 1).or_else(|| {
                matches!(s.word_at(i + 1), Some(Word::Base(_)))
                    .then(|| s.rate_at(i + 2))
                    .flatten()
            }) {
                let k = if s.rate_at(i + 1).is_some() {
                    i + 1
                } else {
                    i + 2
                };
                let base = match s.base_before(k) {
                    Some(BaseWord::Overdue) => Base::Overdue,
                    _ => Base::Total,
                };
                return Some(Threshold::PenaltyExceeds {
                    rate,
                    base,
                    measure: Default::default(),
                });
            }
            if let Some(Tok::Count(n)) = s.toks.get(i + 1).map(|t| t.tok.clone()) {
                return Some(Threshold::OccurrencesAtLeast {
                    count: n.saturating_add(1),
                });
            }
        }
        if let Some(Tok::Count(n)) = s.toks.get(i).map(|t| t.tok.clone()) {
            let after = s.chars(s.toks[i].end, s.toks[i].end + 3);
            if n >= 1 && (after.starts_with("以上") || after.starts_with("或以上")) {
                return Some(Threshold::OccurrencesAtLeast { count: n });
            }
        }
        let after_per = (i.saturating_sub(2)..i).any(|k| s.word_at(k) == Some(Word::Per));
        if let Some(span) = s
            .span_at(i)
            .filter(|sp| sp.unit == SpanUnit::Days && !after_per)
        {
            let after = s.chars(s.toks[i].end, s.toks[i].end + 2);
            let late_before = matches!(
                s.word_at(i.saturating_sub(1)),
                Some(Word::Late | Word::Reach)
            ) || s.char_before(i) == Some('满');
            if after.starts_with("以上")
                || after.starts_with("及以上")
                || late_before
                    && (after.starts_with('的')
                        || after.starts_with('未')
                        || after.starts_with("仍未")
                        || after.starts_with("尚未"))
            {
                return Some(Threshold::DaysLateAtLeast { days: span.n });
            }
        }
        if s.word_at(i) == Some(Word::Reach) {
            if s.find(i + 1, |t| *t == Tok::Word(Word::Cap))
                .is_some_and(|k| k <= i + 2)
            {
                return Some(Threshold::CapReached);
            }
            if let Some(k) = s
                .find(i + 1, |t| matches!(t, Tok::Rate(_)))
                .filter(|k| *k <= i + 3)
            {
                let rate = s.rate_at(k)?;
                return Some(Threshold::PenaltyReaches {
                    rate,
                    base: Base::Total,
                    measure: Default::default(),
                });
            }
        }
    }
    None
}

/// 除甲方原因或不可抗力外: the excuses (the other side's fault, force majeure, fiscal delay).
fn excuses(s: &Sent, payer: Side) -> Vec<Excuse> {
    let mut out = Vec::new();
    if s.has(Word::FaultOf(other(payer))) {
        out.push(if payer == Side::Seller {
            Excuse::BuyerFault
        } else {
            Excuse::SellerFault
        });
    }
    if s.has(Word::ForceMajeure) {
        out.push(Excuse::ForceMajeure);
    }
    if s.contains("财政") {
        out.push(Excuse::FiscalDelay);
    }
    out
}

/// 并按…万分之五支付利息: a daily interest rate besides the penalty.
/// A rate written next to `word` (另按每日0.05%计收利息): within 8 characters of it, either side.
pub fn rate_near(s: &Sent, word: &str) -> Option<crate::domain::money::Rate> {
    let b = s.folded.find(word)?;
    let at = s.folded[..b].chars().count();
    let end = at + word.chars().count();
    s.toks
        .iter()
        .position(|t| matches!(t.tok, Tok::Rate(_)) && t.end + 8 >= at && t.start <= end + 8)
        .and_then(|k| s.rate_at(k))
}

fn interest(s: &Sent) -> Option<crate::domain::money::Rate> {
    let i = s.folded.find("利息")?;
    let at = s.folded[..i].chars().count();
    let k = s
        .toks
        .iter()
        .rposition(|t| t.end <= at + 6 && matches!(t.tok, Tok::Rate(_)))?;
    let first = s.find(0, |t| matches!(t, Tok::Rate(_)))?;
    (k != first).then(|| s.rate_at(k)).flatten()
}

/// The words after the first 逾期/迟延 that is not followed by a span: what is late (交货,
/// 提供服务), for the deadline's label.
fn deadline_words(s: &Sent) -> String {
    for (i, t) in s.toks.iter().enumerate() {
        if t.tok == Tok::Word(Word::Late) && s.span_at(i + 1).is_none() {
            let text: String = s
                .folded
                .chars()
                .skip(t.end)
                .take_while(|c| !"，,。；;的、（(".contains(*c))
                .take(10)
                .collect();
            let text = text.trim().to_string();
            if text.chars().count() >= 2
                && !text.starts_with("时间")
                && !text.starts_with("天数")
                && !text.starts_with(|c: char| {
                    c.is_ascii_digit() || "一二三四五六七八九十每".contains(c)
                })
            {
                return text;
            }
        }
    }
    "履约".to_string()
}

/// Per occurrence: 罚款200元/次, 每次按合同总额的5%, 100元/次-300元/次之间, 每人每次1000元.
fn per_occurrence(s: &Sent) -> Option<Reading> {
    let mut notes = Vec::new();
    let first = s.find(0, |t| matches!(t, Tok::Amount(_) | Tok::Rate(_)))?;
    if (0..first).any(|k| s.word_at(k) == Some(Word::Cap)) {
        return None;
    }
    // A threshold (扣除比例达到…50%, 损失…超过合同款项的5%) is not the amount of a fine.
    let threshold = (first.saturating_sub(2)..first)
        .any(|k| matches!(s.word_at(k), Some(Word::Reach | Word::Over)));
    // 可用率不低于99.9%: a level a measure must keep, not an amount.
    let before = s.chars(s.toks[first].start.saturating_sub(4), s.toks[first].start);
    let measure = ["低于", "少于", "高于", "大于", "小于", "达到", "不足"]
        .iter()
        .any(|w| before.ends_with(w));
    // 逾期交付超过30日的，…按合同总价的30%支付违约金: one sum once a delay passes a length, not
    // a fine each time; no rule says that yet, so the sentence is listed.
    let delay_threshold = s.has(Word::Late)
        && (0..first).any(|k| {
            s.span_at(k)
                .is_some_and(|sp| matches!(sp.unit, SpanUnit::Days | SpanUnit::WorkingDays))
        });
    if threshold || measure || delay_threshold {
        return None;
    }
    let amount = occurrence_amount(s, first, &mut notes)?;
    let payer = payer(s, &mut notes);
    let per_person = s.has(Word::Person);
    let escalation = escalation(s);
    let formula = Formula::PerOccurrence(PerOccurrence {
        amount,
        multipliers: multipliers(s),
        escalation,
        tiers: None,
        late_handling: None,
        per_person,
        per: None,
    });
    let mut r = finish_occurrence(s, first + 1, payer, formula, notes);
    if s.per_period().is_some() {
        // 每缺1人每天扣罚300元: a fine per day of a shortage, not of lateness.
        r.notes.push(note(
            "按日计罚但不是逾期：每一日（每人）在记录中记为一次",
            "A fine per day that is not for lateness: record each day (each person) as one occurrence",
        ));
        r.confidence = r.confidence.min(Confidence::Medium);
    }
    if !s.has(Word::Time) && !s.contains("每") {
        r.notes.push(note(
            "条文未写“每次”，按每发生一次计",
            "The text does not say “each time”: drafted as per occurrence",
        ));
        r.confidence = r.confidence.min(Confidence::Medium);
    }
    Some(r)
}

fn occurrence_amount(s: &Sent, i: usize, notes: &mut Vec<Label>) -> Option<OccurrenceAmount> {
    let range_end = (s.word_at(i + 1) == Some(Word::To))
        .then_some(i + 2)
        .or_else(|| {
            (s.word_at(i + 1) == Some(Word::Time) && s.word_at(i + 2) == Some(Word::To))
                .then_some(i + 3)
        });
    match (
        s.toks[i].tok.clone(),
        range_end.and_then(|k| s.toks.get(k)).map(|t| t.tok.clone()),
    ) {
        (Tok::Amount(low), Some(Tok::Amount(high))) => {
            notes.push(note(
                "金额为区间：两端各为一种读法，默认取低端",
                "A range: each end is a reading; the low end by default",
            ));
            Some(OccurrenceAmount::Range { low, high })
        }
        (Tok::Rate(low), Some(Tok::Rate(high))) => {
            notes.push(note(
                "比例为区间：两端各为一种读法，默认取低端",
                "A range of rates: each end is a reading; the low end by default",
            ));
            let base = base(s.base_before(i), false, notes)?;
            Some(OccurrenceAmount::RateRange { low, high, base })
        }
        (Tok::Amount(amount), _) => Some(OccurrenceAmount::Fixed { amount }),
        (Tok::Rate(rate), _) => Some(OccurrenceAmount::Rate {
            rate,
            base: base(s.base_before(i), false, notes)?,
        }),
        _ => None,
    }
}

/// 在前次处罚金额的基础上递增50% / 加收50% / 加倍.
fn escalation(s: &Sent) -> Option<Escalation> {
    let i = s.find(0, |t| *t == Tok::Word(Word::Increase))?;
    let factor = match s.rate_at(i + 1) {
        Some(r) => rust_decimal::Decimal::ONE.checked_add(r.fraction())?,
        None if s.contains("加倍") => rust_decimal::Decimal::TWO,
        None => return None,
    };
    let scope = Scope {
        per_contract_year: s.contains("年度内") || s.contains("每年"),
        same_kind: s.contains("同类"),
        ..Scope::default()
    };
    Some(Escalation { factor, scope })
}

fn finish_occurrence(
    s: &Sent,
    from: usize,
    payer: Side,
    formula: Formula,
    notes: Vec<Label>,
) -> Reading {
    let cap = cap(s, from);
    let penalty = Penalty {
        payer: party(payer),
        trigger: Trigger::Occurrence,
        formula,
        excuses: excuses(s, payer),
        cap,
        rights: rights(s, payer),
        waived_by_written_consent: false,
        interest: None,
        stop_at: None,
        alternatives: None,
    };
    let confidence = if notes.iter().any(|n| n.zh.starts_with("未写明")) {
        Confidence::Low
    } else {
        Confidence::High
    };
    Reading::penalty(
        PenaltyDraft {
            penalty,
            deadline: None,
        },
        confidence,
        notes,
    )
}

/// The bodies a complaint reaches (投诉到市委市政府部门, 投诉到卫生健康局), as the record's
/// complaint levels; the first that a part of the sentence names.
pub const COMPLAINT_BODIES: &[(&str, &str)] = &[
    ("市委市政府", "city_government"),
    ("市政府", "city_government"),
    ("区政府", "city_government"),
    ("县政府", "city_government"),
    ("政府", "city_government"),
    ("卫生健康局", "health_bureau"),
    ("卫生健康委", "health_bureau"),
    ("卫健委", "health_bureau"),
    ("卫健局", "health_bureau"),
    ("卫生局", "health_bureau"),
];

/// 投诉到市委市政府部门的，按2倍金额处罚、投诉到卫生健康局的按1.5倍金额处罚: a factor per body
/// complained to, each factor with the body named between it and the factor before it.
pub fn multipliers(s: &Sent) -> Vec<Multiplier> {
    let mut out: Vec<Multiplier> = Vec::new();
    let mut from = 0;
    for t in &s.toks {
        let Tok::Factor(factor) = t.tok else {
            continue;
        };
        let part = s.chars(from, t.start);
        from = t.end;
        let Some(at) = part.rfind("投诉") else {
            continue;
        };
        let named = &part[at..];
        let body = COMPLAINT_BODIES
            .iter()
            .filter_map(|(w, id)| named.find(w).map(|k| (k, *id)))
            .min_by_key(|(k, _)| *k)
            .map(|(_, id)| id);
        if let Some(id) = body {
            if !out.iter().any(|m| m.complaint.as_deref() == Some(id))
                && factor > rust_decimal::Decimal::ZERO
            {
                out.push(Multiplier {
                    complaint: Some(id.to_string()),
                    when: None,
                    factor,
                });
            }
        }
    }
    out
}

/// One rate binding whichever side is late (如乙方延期交货或甲方延期付款，每逾期一天，违约方应按
/// 延期交货所折合的金额或延期付款金额每天2‰…向对方支付违约金): each side's half drafted on its
/// own. The buyer's late payment on the overdue amount; the seller's late delivery on the part
/// concerned (the value delivered late, an amount the record states: low, check it). Rights the
/// sentence grants under conditions of quantities delivered are not read.
pub fn read_mutual(s: &Sent) -> Vec<Reading> {
    if !s.any(&["违约方", "违约一方"]) || !s.has(Word::Penalty) || unreadable(s, false) {
        return Vec::new();
    }
    // Each side named right before a delay word (乙方延期交货, 甲方逾期付款).
    let late = |side: Side| {
        s.toks.iter().enumerate().any(|(i, t)| {
            t.tok == Tok::Word(Word::Party(side))
                && s.word_at(i + 1) == Some(Word::Late)
                && s.toks[i + 1].start == t.end
        })
    };
    if !late(Side::Buyer) || !late(Side::Seller) {
        return Vec::new();
    }
    let Some((after, period)) = s.per_period() else {
        return Vec::new();
    };
    if period.n != 1 || period.unit != SpanUnit::Days {
        return Vec::new();
    }
    let Some((ri, rate)) = rate_after(s, after) else {
        return Vec::new();
    };
    // The overdue amount among the bases before the rate (延期付款金额).
    let overdue = (after..ri).any(|k| s.word_at(k) == Some(Word::Base(BaseWord::Overdue)));
    if !overdue {
        return Vec::new();
    }
    let formula = |base: Base| Formula::PerDay {
        rate: Some(rate),
        schedule: Vec::new(),
        start_after: 0,
        base,
        working_days: false,
    };
    let both = note(
        "条文对双方适用（违约方）：按买方逾期付款、卖方逾期交付分别起草",
        "The clause binds whichever side is late: drafted as the buyer's late payment and the seller's late delivery",
    );
    let mut out = Vec::new();
    for (side, late_payment) in [(Side::Seller, false), (Side::Buyer, true)] {
        let mut notes = vec![both.clone()];
        let base = if late_payment {
            Base::Overdue
        } else {
            notes.push(note(
                "延期交付部分的金额按所涉部分起草：请核对记录中的金额",
                "The value delivered late drafted as the part concerned: check the amount on the record",
            ));
            Base::Occurrence
        };
        let mut r = finish(s, ri + 1, side, late_payment, formula(base), notes);
        let Drafted::Penalty(p) = &mut r.what;
        if !p.penalty.rights.is_empty() {
            p.penalty.rights.clear();
            r.notes.push(note(
                "条文写有附条件的解除权，未读出：请核对",
                "The clause states a right under conditions, not read: check it",
            ));
        }
        // The excuses of one side do not apply to the other; the sentence says more than
        // either rule holds.
        r.confidence = if late_payment {
            r.confidence.min(Confidence::Medium)
        } else {
            Confidence::Low
        };
        out.push(r);
    }
    out
}
