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
use crate::domain::contract::{Base, Label, MilestoneAmount, Span, When};
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

/// A timing being read: an event and the span after it.
#[derive(Clone, Copy, Debug)]
struct Timing {
    event: EventWord,
    after: Option<Span>,
}

/// Reads the instalments of a sentence.
pub fn read(s: &Sent) -> Vec<PaymentDraft> {
    let pays = s.has(Word::Pay) || (s.has(Word::Refund) && s.has(Word::Retention));
    if !pays || s.has(Word::Penalty) || s.has(Word::Cap) || s.any(UNREAD) {
        return Vec::new();
    }
    if s.has(Word::Late) || s.has(Word::Per) {
        return Vec::new();
    }
    let mut out: Vec<PaymentDraft> = Vec::new();
    let mut st = State::default();
    let mut i = 0;
    while i < s.toks.len() {
        match &s.toks[i].tok {
            Tok::Word(Word::Pay) | Tok::Word(Word::Refund) => st.pay_open = true,
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
                st.last = st.timings.last().copied().or(st.last);
                st.timings.clear();
                st.loose = None;
                st.pay_open = false;
                i = end;
            }
            Tok::Rate(_) => return Vec::new(),
            _ => st.absorb(s, i),
        }
        i += 1;
    }
    out
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
}

impl State {
    fn absorb(&mut self, s: &Sent, i: usize) {
        match &s.toks[i].tok {
            Tok::Word(Word::Event(e)) => self.timings.push(Timing {
                event: *e,
                after: None,
            }),
            Tok::Span(sp) if is_after(s, i) => match self.timings.last_mut() {
                Some(t) if t.after.is_none() => t.after = Some(*sp),
                _ => self.loose = Some(*sp),
            },
            _ => {}
        }
    }
}

/// The pay or refund word closely after a rate (剩余5%一年后付清; 5%…质保期满后无息退还).
fn pay_after(s: &Sent, i: usize) -> Option<usize> {
    (i + 1..s.toks.len().min(i + 6))
        .take_while(|k| !matches!(s.toks[*k].tok, Tok::Rate(_)))
        .find(|k| matches!(s.word_at(*k), Some(Word::Pay) | Some(Word::Refund)))
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
    let bond_next = s.word_at(i + 1) == Some(Word::Retention) && !s.has(Word::Refund);
    let threshold = i > 0 && matches!(s.word_at(i - 1), Some(Word::Reach) | Some(Word::Over));
    !bond_next && !threshold && (pay_open || pay_after(s, i).is_some())
}

fn milestone(s: &Sent, i: usize, rate: Rate, st: &State) -> Option<PaymentDraft> {
    let (timings, last, loose) = (&st.timings, st.last, st.loose);
    let mut notes = Vec::new();
    let mut confidence = Confidence::High;
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
        (Some(t), _, _) => *t,
        (None, Some(prev), Some(sp)) => {
            notes.push(note(
                "“N后”未写明起算事件，按上一期的付款事件起算",
                "The span names no event: counted from the previous instalment's event",
            ));
            confidence = confidence.min(Confidence::Medium);
            Timing {
                event: prev.event,
                after: Some(add(prev.after, sp)?),
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
    let retention = (i.saturating_sub(4)..s.toks.len().min(i + 4))
        .any(|k| s.word_at(k) == Some(Word::Retention));
    Some(PaymentDraft {
        amount: MilestoneAmount::Rate { rate, base },
        due: When {
            event: Some(event_id(anchor.event).to_string()),
            after: anchor.after,
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

/// The events before the anchor that gate the payment, once each; a delivery or go-live that an
/// acceptance follows is implied by it.
fn gates(before: &[Timing], anchor: EventWord) -> Vec<Timing> {
    let mut out: Vec<Timing> = Vec::new();
    for t in before {
        if !is_milestone_event(t.event) || t.event == anchor {
            continue;
        }
        if t.event == EventWord::Acceptance {
            out.retain(|o| !matches!(o.event, EventWord::Delivery | EventWord::GoLive));
        }
        if !out.iter().any(|o| o.event == t.event) {
            out.push(*t);
        }
    }
    out
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
