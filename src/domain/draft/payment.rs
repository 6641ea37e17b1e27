//! Payment phrases: an instalment after an event (合同签订后30日内支付合同总额的50%; 验收合格后由
//! 甲方支付合同金额的95%; 收到发票后15日内; 服务期满后30日内), of the total or of the audited price
//! (审计价, 审价金额), the rest held back (剩余5%一年后付清), and retention returned after the
//! warranty (质保金（合同金额的5%）质保期满后无息退还).
//!
//! A sentence is read left to right: each event word opens a timing (its span after it: `后
//! 30日内`), each pay or refund word met with a rate makes one milestone timed by the last event
//! before it; events of acceptance met before that last one become `not_before` dates. A
//! sentence that caps, weighs or splits payments (累计付款不超过, 权重) is left unread.

use super::lexicon::{BaseWord, EventWord, Tok, Word};
use super::penalty::note;
use super::sent::Sent;
use super::Confidence;
use crate::domain::contract::{Base, ExtendPerIncident, Label, MilestoneAmount, Span, When};
use crate::domain::money::{Amount, Rate};

/// One instalment read from a sentence (its id and label are given when it is added).
#[derive(Clone, Debug, PartialEq)]
pub struct PaymentDraft {
    pub amount: MilestoneAmount,
    pub due: When,
    pub retention: bool,
    pub stated: Option<Amount>,
    pub stated_in_words: Option<String>,
    /// The events the due date names that the contract must declare.
    pub events: Vec<EventWord>,
    pub confidence: Confidence,
    pub notes: Vec<Label>,
}

/// Words that make a payment sentence one the grammar does not read.
const UNREAD: &[&str] = &["权重", "比例进行付款", "不予支付", "暂扣", "扣留", "另行"];

/// The event id a word stands for, and the label of a declared one.
pub fn event_id(e: EventWord) -> &'static str {
    match e {
        EventWord::Signing => "signing",
        EventWord::Effective => "effective",
        EventWord::Acceptance => "acceptance",
        EventWord::Delivery => "delivery",
        EventWord::GoLive => "go_live",
        EventWord::Invoice => "invoice",
        EventWord::TermEnd => "term_end",
        EventWord::WarrantyEnd => "warranty_end",
        EventWord::Notice => "notice",
        EventWord::Audit => "price_audit",
    }
}

/// The label of an event the contract declares (None for the built-in ones).
pub fn event_label(e: EventWord) -> Option<Label> {
    let (zh, en) = match e {
        EventWord::Acceptance => ("验收合格", "Acceptance"),
        EventWord::Delivery => ("交付", "Delivery"),
        EventWord::GoLive => ("上线", "Go-live"),
        EventWord::WarrantyEnd => ("质保期满", "End of the warranty"),
        EventWord::Notice => ("通知", "Notice"),
        EventWord::Audit => ("价格审计", "Price audit"),
        _ => return None,
    };
    Some(note(zh, en))
}

/// The event word an id stands for (the inverse of [`event_id`]).
pub fn event_word(id: &str) -> Option<EventWord> {
    use EventWord::*;
    [
        Signing,
        Effective,
        Acceptance,
        Delivery,
        GoLive,
        Invoice,
        TermEnd,
        WarrantyEnd,
        Notice,
        Audit,
    ]
    .into_iter()
    .find(|e| event_id(*e) == id)
}

/// A timing being read: an event, the span after it and its extension per incident.
#[derive(Clone, Debug, PartialEq)]
struct Timing {
    event: EventWord,
    after: Option<Span>,
    extend: Option<ExtendPerIncident>,
}

impl Timing {
    fn at(event: EventWord) -> Timing {
        Timing {
            event,
            after: None,
            extend: None,
        }
    }
}

/// An extension per incident (期间若每发生一次重大故障，维保期顺延1个月): the tokens it spans
/// (first and last) and the extension. Only major faults are read (the levels the contract
/// marks major); another level leaves the sentence unread.
fn per_incident(s: &Sent) -> Option<(usize, usize, ExtendPerIncident)> {
    let per = s.find(0, |t| *t == Tok::Word(Word::Per))?;
    let level = (per + 1..s.toks.len().min(per + 5)).find_map(|k| match s.word_at(k) {
        Some(Word::Level(l)) => Some((k, l)),
        _ => None,
    });
    let (lk, level) = level?;
    if !matches!(level, "major" | "especially_major") {
        return None;
    }
    let sk = (lk + 1..s.toks.len().min(lk + 3)).find(|k| s.span_at(*k).is_some())?;
    let between = s.chars(s.toks[lk].end, s.toks[sk].start);
    if !(between.contains("顺延") || between.contains("延长")) {
        return None;
    }
    let by = s.span_at(sk)?;
    Some((
        per,
        sk,
        ExtendPerIncident {
            levels: Vec::new(),
            by,
        },
    ))
}

/// Reads the instalments of a sentence.
pub fn read(s: &Sent) -> Vec<PaymentDraft> {
    let pays = s.has(Word::Pay) || (s.has(Word::Refund) && s.has(Word::Retention));
    if !pays || s.has(Word::Penalty) || money_cap(s) || s.any(UNREAD) {
        return Vec::new();
    }
    let ext = per_incident(s);
    let per_outside = s.toks.iter().enumerate().any(|(k, t)| {
        t.tok == Tok::Word(Word::Per) && ext.as_ref().is_none_or(|(a, b, _)| k < *a || k > *b)
    });
    if s.has(Word::Late) || per_outside {
        return Vec::new();
    }
    if !s.toks.iter().any(|t| matches!(t.tok, Tok::Rate(_))) {
        return unrated(s).into_iter().collect();
    }
    let mut out: Vec<PaymentDraft> = Vec::new();
    let mut st = State::default();
    let mut i = 0;
    while i < s.toks.len() {
        if let Some((_, b, e)) = ext.as_ref().filter(|(a, _, _)| *a == i) {
            st.extend(e);
            i = b + 1;
            continue;
        }
        match &s.toks[i].tok {
            Tok::Word(Word::Pay) => st.pay_open = true,
            Tok::Word(Word::Refund) => {
                st.pay_open = true;
                st.refund = true;
            }
            Tok::Rate(r)
                if !st.pay_open
                    && s.word_at(i + 1) == Some(Word::Retention)
                    && s.has(Word::Refund) =>
            {
                // The retention's size (10%履约保证金作为维护预留…分期退还): the refunds after it
                // are the instalments; they must add up to it.
                st.held = Some(*r);
                st.held_at = Some(i);
            }
            Tok::Rate(r) if rate_is_instalment(s, i, st.pay_open) => {
                let end = if st.pay_open {
                    i
                } else {
                    pay_after(s, i).unwrap_or(i)
                };
                for k in i + 1..=end {
                    st.absorb(s, k);
                }
                let Some(mut p) = milestone(s, i, *r, &st) else {
                    return Vec::new();
                };
                stated(s, i, &mut p);
                out.push(p);
                st.last = st.timings.last().cloned().or(st.last.take());
                st.timings.clear();
                st.loose = None;
                st.pay_open = false;
                st.refund = false;
                st.notes.clear();
                i = end;
            }
            Tok::Rate(_) => return Vec::new(),
            _ => st.absorb(s, i),
        }
        i += 1;
    }
    if let (Some(held), Some(at)) = (st.held, st.held_at) {
        // 剩余5%作为质量保证金，在质保期满后15日内无息返还: one refund of the whole retention,
        // timed by what follows it.
        if !out.iter().any(|p| p.retention) {
            if let Some(p) = whole_refund(s, at, held) {
                out.push(p);
            }
        }
    }
    if let Some(held) = st.held {
        let refunded: rust_decimal::Decimal = out
            .iter()
            .filter(|p| p.retention)
            .filter_map(|p| match &p.amount {
                MilestoneAmount::Rate { rate, .. } => Some(rate.fraction()),
                _ => None,
            })
            .sum();
        if refunded != held.fraction() {
            let n = note(
                &format!("保证金为{held}，各期退还合计不等于它：请核对"),
                &format!("The retention is {held}; the refunds do not add up to it: check them"),
            );
            for p in &mut out {
                p.notes.push(n.clone());
                p.confidence = p.confidence.min(Confidence::Low);
            }
        }
    }
    out
}

/// The retention stated at `at` refunded whole, timed by the events and spans after it, when a
/// refund or pay word follows.
fn whole_refund(s: &Sent, at: usize, held: Rate) -> Option<PaymentDraft> {
    let refund = (at + 1..s.toks.len())
        .any(|k| matches!(s.word_at(k), Some(Word::Refund) | Some(Word::Pay)));
    if !refund {
        return None;
    }
    let mut st = State::default();
    (at + 2..s.toks.len()).for_each(|k| st.absorb(s, k));
    st.refund = true;
    let mut p = milestone(s, at, held, &st)?;
    p.retention = true;
    Some(p)
}

/// Whether a cap word limits money (累计付款不超过合同金额的50%): a rate, an amount or a base in
/// its part of the sentence (between commas); 以免费质保期为限 limits a period, not money.
fn money_cap(s: &Sent) -> bool {
    let chars: Vec<char> = s.folded.chars().collect();
    let stop = |c: &char| matches!(c, '，' | ',' | '；' | ';' | '。' | '（' | '）' | '(' | ')');
    s.toks.iter().any(|t| {
        if t.tok != Tok::Word(Word::Cap) {
            return false;
        }
        let from = (0..t.start)
            .rev()
            .find(|k| stop(&chars[*k]))
            .map_or(0, |k| k + 1);
        let to = (t.end..chars.len())
            .find(|k| stop(&chars[*k]))
            .unwrap_or(chars.len());
        s.toks.iter().any(|x| {
            x.start >= from
                && x.end <= to
                && matches!(
                    x.tok,
                    Tok::Rate(_) | Tok::Amount(_) | Tok::Word(Word::Base(_))
                )
        })
    })
}

/// Words that make an instalment's amount the one recorded (根据该年实际使用量支付).
const RECORDED: &[&str] = &[
    "实际使用量",
    "实际用量",
    "实际使用情况",
    "实际发生",
    "按实结算",
    "据实结算",
];

/// Words of one payment of the whole price (一次性支付).
const LUMP: &[&str] = &["一次性支付", "一次性付清", "一次付清", "一次性付款"];

/// An instalment with no rate: an amount stated after the pay word (支付人民币10万元), the amount
/// used (根据该年实际使用量支付), or one payment of the whole (一次性支付, the total assumed); timed
/// by the last event before the pay word.
fn unrated(s: &Sent) -> Option<PaymentDraft> {
    // One pay word, or a run of them (按实结算支付).
    let pays: Vec<usize> = (0..s.toks.len())
        .filter(|k| s.word_at(*k) == Some(Word::Pay) && s.word_at(k + 1) != Some(Word::Pay))
        .collect();
    let [p] = pays[..] else {
        return None;
    };
    let mut st = State::default();
    (0..p).for_each(|k| st.absorb(s, k));
    let anchor = st.timings.last()?.clone();
    let mut notes = st.notes.clone();
    let mut confidence = if notes.is_empty() {
        Confidence::High
    } else {
        Confidence::Low
    };
    let stated = (p + 1..s.toks.len().min(p + 4)).find_map(|k| s.amount_at(k));
    let amount = if let Some(a) = stated {
        MilestoneAmount::Fixed { amount: a }
    } else if s.any(RECORDED) {
        MilestoneAmount::Recorded
    } else if s.any(LUMP) && !s.toks.iter().any(|t| matches!(t.tok, Tok::Amount(_))) {
        notes.push(note(
            "未写明本期金额，按合同总额一次性支付起草：请核对",
            "The text states no amount for this payment: drafted as the whole total",
        ));
        confidence = Confidence::Low;
        MilestoneAmount::Rate {
            rate: Rate::from_fraction(rust_decimal::Decimal::ONE),
            base: Base::Total,
        }
    } else {
        return None;
    };
    let gates = gates(&st.timings[..st.timings.len() - 1], anchor.event);
    let mut events = vec![anchor.event];
    events.extend(gates.iter().map(|t| t.event));
    Some(PaymentDraft {
        amount,
        due: When {
            event: Some(event_id(anchor.event).to_string()),
            after: anchor.after,
            extend_per_incident: anchor.extend.clone(),
            not_before: gates
                .iter()
                .map(|t| When {
                    event: Some(event_id(t.event).to_string()),
                    after: t.after,
                    extend_per_incident: t.extend.clone(),
                    ..When::default()
                })
                .collect(),
            ..When::default()
        },
        retention: s.has(Word::Retention),
        stated: None,
        stated_in_words: None,
        events,
        confidence,
        notes,
    })
}

/// What has been read since the last instalment.
#[derive(Default)]
struct State {
    timings: Vec<Timing>,
    /// A span with no event before it (剩余5%一年后付清).
    loose: Option<Span>,
    /// The timing of the previous instalment.
    last: Option<Timing>,
    pay_open: bool,
    /// The pay word met is a refund (退还): in a sentence of retention, the refund is of it.
    refund: bool,
    /// The end of a warranty whose length the sentence states (维保期满20个月后): its start
    /// and length, for a later bare 维保期结束.
    warranty: Option<Timing>,
    /// What was assumed in reading the timings (a warranty's start).
    notes: Vec<Label>,
    /// A retention's size stated before its refunds (10%履约保证金).
    held: Option<Rate>,
    /// Where it was stated.
    held_at: Option<usize>,
}

impl State {
    fn absorb(&mut self, s: &Sent, i: usize) {
        match &s.toks[i].tok {
            Tok::Word(Word::Event(EventWord::WarrantyEnd)) if self.warranty.is_some() => {
                let w = self.warranty.clone();
                self.timings.extend(w);
            }
            Tok::Word(Word::Event(e)) => self.timings.push(Timing::at(*e)),
            Tok::Word(Word::Invoice) if invoice_received(s, i) => {
                self.timings.push(Timing::at(EventWord::Invoice));
            }
            Tok::Span(sp) if is_after(s, i) && warranty_length(s, i) => {
                self.warranty_of(*sp);
            }
            Tok::Span(sp) if is_after(s, i) => match self.timings.last_mut() {
                Some(t) if t.after.is_none() => t.after = Some(*sp),
                _ => self.loose = Some(*sp),
            },
            _ => {}
        }
    }

    /// `质保期满1年后`, `维保期满20个月后`: the warranty has run for the span since it began
    /// (终验后进入维保期): the moment is its start (the acceptance before it in the sentence,
    /// else acceptance assumed) plus the span.
    fn warranty_of(&mut self, sp: Span) {
        self.timings.pop();
        let start = self.timings.iter().rev().map(|t| t.event).find(|e| {
            matches!(
                e,
                EventWord::Acceptance | EventWord::Delivery | EventWord::GoLive
            )
        });
        let event = start.unwrap_or_else(|| {
            self.notes.push(note(
                "未写明质保期的起算事件，按验收合格起算",
                "The text names no start for the warranty: counted from acceptance",
            ));
            EventWord::Acceptance
        });
        let t = Timing {
            event,
            after: Some(sp),
            extend: None,
        };
        self.warranty = Some(t.clone());
        self.timings.push(t);
    }

    /// An extension per incident lengthens the period read last (and the warranty, if that is it).
    fn extend(&mut self, e: &ExtendPerIncident) {
        let Some(t) = self.timings.iter_mut().rev().find(|t| t.after.is_some()) else {
            self.notes.push(note(
                "顺延的期限未能对应到付款时间，请核对",
                "The extension per incident was not tied to a payment's timing: check it",
            ));
            return;
        };
        let was_warranty = self.warranty.as_ref() == Some(t);
        t.extend = Some(e.clone());
        if was_warranty {
            self.warranty = Some(t.clone());
        }
    }
}

/// Whether the invoice word at `i` is a moment (收到乙方开具的合法有效发票后, 乙方提交发票原件后):
/// a word of receiving or issuing earlier in its part of the sentence, and 后 just after it.
fn invoice_received(s: &Sent, i: usize) -> bool {
    let t = &s.toks[i];
    let after = s.chars(t.end, t.end + 5);
    let later = after.starts_with('后')
        || ["原件后", "正本后", "及复印件后"]
            .iter()
            .any(|w| after.starts_with(w));
    let part_start = (0..t.start)
        .rev()
        .find(|k| matches!(s.chars(*k, k + 1).as_str(), "，" | "," | "；" | ";" | "。"))
        .map_or(0, |k| k + 1);
    let before = s.chars(part_start, t.start);
    let moved = [
        "收到", "接到", "收取", "提交", "开具", "提供", "出具", "取得",
    ]
    .iter()
    .any(|w| before.contains(w));
    later && moved
}

/// Whether the span at `i` is a warranty's length (right after 质保期满/维保期满: 质保期满1年后).
fn warranty_length(s: &Sent, i: usize) -> bool {
    i > 0
        && s.word_at(i - 1) == Some(Word::Event(EventWord::WarrantyEnd))
        && s.toks[i].start == s.toks[i - 1].end
}

/// The pay or refund word closely after a rate (剩余5%一年后付清; 5%…质保期满后无息退还).
fn pay_after(s: &Sent, i: usize) -> Option<usize> {
    (i + 1..s.toks.len().min(i + 6))
        .take_while(|k| !matches!(s.toks[*k].tok, Tok::Rate(_)))
        .find(|k| matches!(s.word_at(*k), Some(Word::Pay) | Some(Word::Refund)))
}

/// Whether the pay word closely after a rate is a refund (5%…质保期满后无息退还).
fn pay_after_is_refund(s: &Sent, i: usize) -> bool {
    pay_after(s, i).is_some_and(|k| s.word_at(k) == Some(Word::Refund))
}

/// Whether the span at `i` counts after an event: `后30日内`, `之日起15日内`, `一年后`.
fn is_after(s: &Sent, i: usize) -> bool {
    let after_word = i > 0 && s.word_at(i - 1) == Some(Word::After);
    let within = matches!(s.word_at(i + 1), Some(Word::Within) | Some(Word::After));
    after_word || within
}

/// Whether a rate is an instalment's: a pay word met before it or right after it, and not a
/// bond paid by the seller (支付10%履约保证金).
fn rate_is_instalment(s: &Sent, i: usize, pay_open: bool) -> bool {
    let bond_next = s.word_at(i + 1) == Some(Word::Retention)
        && !s.has(Word::Refund)
        && s.base_before(i).is_none();
    let threshold = i > 0 && matches!(s.word_at(i - 1), Some(Word::Reach) | Some(Word::Over));
    !bond_next && !threshold && (pay_open || pay_after(s, i).is_some())
}

fn milestone(s: &Sent, i: usize, rate: Rate, st: &State) -> Option<PaymentDraft> {
    let (timings, last, loose) = (&st.timings, st.last.clone(), st.loose);
    let mut notes = st.notes.clone();
    let mut confidence = if notes.is_empty() {
        Confidence::High
    } else {
        Confidence::Low
    };
    if rate.fraction() > rust_decimal::Decimal::ONE || rate.fraction().is_zero() {
        return None;
    }
    let base = match s.base_before(i) {
        Some(BaseWord::Audited) => Base::AuditedPrice,
        Some(BaseWord::Total) | Some(BaseWord::Remaining) | Some(BaseWord::AnnualFee) => {
            Base::Total
        }
        Some(_) => return None,
        None => {
            notes.push(note(
                "未写明比例的基数，按合同总额起草",
                "The text names no base for the rate: drafted as the contract total",
            ));
            confidence = Confidence::Low;
            Base::Total
        }
    };
    let anchor = match (timings.last(), last, loose) {
        (Some(t), _, _) => t.clone(),
        (None, Some(prev), Some(sp)) => {
            notes.push(note(
                "“N后”未写明起算事件，按上一期的付款事件起算",
                "The span names no event: counted from the previous instalment's event",
            ));
            confidence = confidence.min(Confidence::Medium);
            Timing {
                event: prev.event,
                after: Some(add(prev.after, sp)?),
                extend: None,
            }
        }
        _ => return None,
    };
    let mut events = vec![anchor.event];
    let gates = gates(&timings[..timings.len().saturating_sub(1)], anchor.event);
    let not_before: Vec<When> = gates
        .iter()
        .map(|t| {
            events.push(t.event);
            When {
                event: Some(event_id(t.event).to_string()),
                after: t.after,
                extend_per_incident: t.extend.clone(),
                ..When::default()
            }
        })
        .collect();
    if anchor.event == EventWord::Invoice && not_before.is_empty() && timings.len() > 1 {
        notes.push(note(
            "付款前的其他条件未能读出，请核对",
            "Other conditions before payment were not read: check them",
        ));
        confidence = confidence.min(Confidence::Low);
    }
    let refund_of_retention =
        s.has(Word::Retention) && (st.refund || (!st.pay_open && pay_after_is_refund(s, i)));
    // 支付合同总价的95%，剩余5%作为质量保证金: the retention word near the rate, not past
    // another rate.
    let is_rate = |k: usize| matches!(s.toks[k].tok, Tok::Rate(_));
    let is_retention = |k: usize| s.word_at(k) == Some(Word::Retention);
    let after = (i + 1..s.toks.len().min(i + 4))
        .take_while(|k| !is_rate(*k))
        .any(is_retention);
    let before = (i.saturating_sub(4)..i)
        .rev()
        .take_while(|k| !is_rate(*k))
        .any(is_retention);
    let retention = refund_of_retention || after || before;
    Some(PaymentDraft {
        amount: MilestoneAmount::Rate { rate, base },
        due: When {
            event: Some(event_id(anchor.event).to_string()),
            after: anchor.after,
            extend_per_incident: anchor.extend.clone(),
            not_before,
            ..When::default()
        },
        retention,
        stated: None,
        stated_in_words: None,
        events,
        confidence,
        notes,
    })
}

/// The events before the anchor that gate the payment, once each (the later moment of one
/// event: 终验后…终验20个月后 is the latter); a delivery or go-live that an acceptance follows
/// is implied by it.
fn gates(before: &[Timing], anchor: EventWord) -> Vec<Timing> {
    let mut out: Vec<Timing> = Vec::new();
    for t in before {
        if !is_milestone_event(t.event) || t.event == anchor {
            continue;
        }
        if t.event == EventWord::Acceptance {
            out.retain(|o| !matches!(o.event, EventWord::Delivery | EventWord::GoLive));
        }
        match out.iter_mut().find(|o| o.event == t.event) {
            Some(o) if later(t, o) => *o = t.clone(),
            Some(_) => {}
            None => out.push(t.clone()),
        }
    }
    if anchor == EventWord::Acceptance {
        out.retain(|o| !matches!(o.event, EventWord::Delivery | EventWord::GoLive));
    }
    out
}

/// Whether `a` is a later moment of the same event than `b` (a span after it, a longer one of
/// the same unit, an extension).
fn later(a: &Timing, b: &Timing) -> bool {
    match (a.after, b.after) {
        (Some(_), None) => true,
        (Some(x), Some(y)) if x.unit == y.unit => {
            x.n > y.n || (x.n == y.n && a.extend.is_some() && b.extend.is_none())
        }
        _ => false,
    }
}

/// Events that gate a payment (acceptance, delivery, go-live, the end of the term or warranty).
fn is_milestone_event(e: EventWord) -> bool {
    matches!(
        e,
        EventWord::Acceptance
            | EventWord::Delivery
            | EventWord::GoLive
            | EventWord::TermEnd
            | EventWord::WarrantyEnd
            | EventWord::Audit
    )
}

/// Two spans of one unit added (验收合格后 + 一年后); None across units.
fn add(a: Option<Span>, b: Span) -> Option<Span> {
    match a {
        None => Some(b),
        Some(a) if a.unit == b.unit => Some(Span {
            n: a.n.checked_add(b.n)?,
            unit: a.unit,
        }),
        Some(_) => None,
    }
}

/// The amount the text states beside the rate (即人民币肆拾万伍千元整（￥405,000.00元）).
fn stated(s: &Sent, i: usize, p: &mut PaymentDraft) {
    let amounts: Vec<(Amount, String)> = s.toks[i + 1..]
        .iter()
        .take(3)
        .take_while(|t| !matches!(t.tok, Tok::Rate(_)))
        .filter_map(|t| match t.tok {
            Tok::Amount(a) => Some((a, s.chars(t.start, t.end))),
            _ => None,
        })
        .collect();
    let Some((a, _)) = amounts.first() else {
        return;
    };
    p.stated = Some(*a);
    p.stated_in_words = amounts
        .iter()
        .find(|(_, t)| t.contains('元') && t.chars().any(|c| "壹贰叁肆伍陆柒捌玖拾".contains(c)))
        .map(|(_, t)| t.trim_start_matches("人民币").trim().to_string());
}
