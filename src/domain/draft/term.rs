//! Term phrases: the service period (服务期限：自合同签订之日起一年; 服务期限自2022年1月1日起至2022年
//! 12月31日止; 履行期限：2023-04-20 —— 2025-04-19; 服务期限为壹年) and its automatic renewal
//! (期满自动续期一年; 除非任何一方在服务期限届满前30日书面通知另一方不再续展，否则服务期限将自动续展，
//! 续展的期限与本合同服务期限相同).

use super::lexicon::{EventWord, Tok, Word};
use super::penalty::note;
use super::sent::Sent;
use super::Confidence;
use crate::domain::contract::{Label, Renewal, Span, SpanUnit, Term, When};
use chrono::{Datelike, Months, NaiveDate};

/// What a sentence says of the term.
#[derive(Clone, Debug, PartialEq)]
pub struct TermDraft {
    pub term: Term,
    pub confidence: Confidence,
    pub notes: Vec<Label>,
}

/// Reads the term (and a renewal in the same sentence).
pub fn read(s: &Sent) -> Option<TermDraft> {
    // `first`: the first token that can say the start or the length.
    let (t, first) = match s.find(0, |t| *t == Tok::Word(Word::TermWord)) {
        Some(t) => (t, t + 1),
        None => {
            let e = service_period(s)?;
            (e, e)
        }
    };
    if s.has(Word::Pay) || s.has(Word::Penalty) || s.has(Word::Late) {
        return None;
    }
    let mut notes = Vec::new();
    let mut confidence = Confidence::High;
    let dates: Vec<NaiveDate> = s.toks[t..]
        .iter()
        .filter_map(|x| match x.tok {
            Tok::Date(d) => Some(d),
            _ => None,
        })
        .collect();
    let (start, length) = if let [from, to, ..] = dates[..] {
        let length = between(from, to)?;
        (
            When {
                date: Some(from),
                ..When::default()
            },
            length,
        )
    } else {
        let k = (first..s.toks.len()).find(|k| {
            matches!(s.toks[*k].tok, Tok::Span(sp) if is_term_unit(sp.unit))
                && !matches!(s.word_at(k - 1), Some(Word::Before | Word::Ahead))
        })?;
        if s.has(Word::Renew) && (first..k).any(|j| s.word_at(j) == Some(Word::Renew)) {
            return None;
        }
        let length = s.span_at(k)?;
        if let [from] = dates[..] {
            // 自2024年1月1日起提供一年的免费维护服务: a date and a length.
            let start = When {
                date: Some(from),
                ..When::default()
            };
            return finish(s, start, length, notes, confidence);
        }
        let event = (first..k).rev().find_map(|j| match s.word_at(j) {
            Some(Word::Event(e)) => Some(e),
            _ => None,
        });
        let event = match event {
            Some(e) => super::payment::event_id(e).to_string(),
            None => {
                notes.push(note(
                    "未写明服务期的起算日，按合同签订日起草",
                    "The text names no start for the term: drafted from signing",
                ));
                confidence = Confidence::Low;
                "signing".to_string()
            }
        };
        if matches!(event.as_str(), "term_end" | "term_start") {
            return None;
        }
        (
            When {
                event: Some(event),
                ..When::default()
            },
            length,
        )
    };
    finish(s, start, length, notes, confidence)
}

/// The term from its start and length: the renewal in the same sentence, and a period that runs
/// on until an acceptance passes (若验收不合格，则维保时间延续至验收合格).
fn finish(
    s: &Sent,
    start: When,
    length: Span,
    mut notes: Vec<Label>,
    mut confidence: Confidence,
) -> Option<TermDraft> {
    let mut term = Term {
        start,
        length,
        renewal: None,
        extended_until: None,
        no_holiday_extension: false,
    };
    if let Some(e) = runs_on_until(s) {
        term.extended_until = Some(super::payment::event_id(e).to_string());
        notes.push(note(
            "服务期延续至验收合格：请核对记录中的验收事件（如最后一年的验收）",
            "The term runs on until an acceptance passes: check which acceptance of the record it is (e.g. the last year's)",
        ));
        confidence = confidence.min(Confidence::Medium);
    }
    if let Some((r, mut n)) = renewal(s, length) {
        term.renewal = Some(r);
        if !n.is_empty() {
            confidence = confidence.min(Confidence::Low);
        }
        notes.append(&mut n);
    }
    Some(TermDraft {
        term,
        confidence,
        notes,
    })
}

/// `延续至验收合格`, `顺延至验收通过`: the event the term runs on until.
fn runs_on_until(s: &Sent) -> Option<EventWord> {
    ["延续至", "延长至", "顺延至", "延续到", "延长到"]
        .iter()
        .filter_map(|w| s.folded.find(w).map(|b| s.folded[..b].chars().count() + 3))
        .find_map(|at| {
            s.toks
                .iter()
                .find(|t| t.start >= at && t.start <= at + 1)
                .and_then(|t| match t.tok {
                    Tok::Word(Word::Event(e @ (EventWord::Acceptance | EventWord::Delivery))) => {
                        Some(e)
                    }
                    _ => None,
                })
        })
}

/// A service period without a term word: `自本合同验收之日起，提供两年的免费质保服务`,
/// `提供自本项目验收之日起20个月的免费维护服务` — an event and 起, then a length and `的…服务`
/// of warranty or maintenance. The index of the event (or the date).
fn service_period(s: &Sent) -> Option<usize> {
    const KINDS: &[&str] = &["质保", "维保", "维护", "保修", "运维"];
    let k = (1..s.toks.len()).find(|k| {
        let Some(sp) = s.span_at(*k) else {
            return false;
        };
        let tail = s.chars(s.toks[*k].end, s.toks[*k].end + 10);
        let Some(end) = tail.find("服务") else {
            return false;
        };
        is_term_unit(sp.unit)
            && tail.starts_with('的')
            && KINDS.iter().any(|w| tail[..end].contains(w))
    })?;
    let after = (0..k).rev().find(|j| s.word_at(*j) == Some(Word::After))?;
    let event = (0..after).rev().find(|j| {
        matches!(s.word_at(*j), Some(Word::Event(_))) || matches!(s.toks[*j].tok, Tok::Date(_))
    })?;
    if !s.chars(0, s.toks[event].start).contains('自') {
        return None;
    }
    Some(event)
}

fn is_term_unit(u: SpanUnit) -> bool {
    matches!(
        u,
        SpanUnit::Years | SpanUnit::Months | SpanUnit::Days | SpanUnit::Weeks
    )
}

/// The length from `from` to `to` inclusive: whole years, whole months, else days.
pub fn between(from: NaiveDate, to: NaiveDate) -> Option<Span> {
    if to < from {
        return None;
    }
    let end = to.succ_opt()?;
    let months = (end.year() - from.year()) * 12 + end.month() as i32 - from.month() as i32;
    if months > 0 && from.checked_add_months(Months::new(months as u32)) == Some(end) {
        return Some(if months % 12 == 0 {
            Span {
                n: (months / 12) as u32,
                unit: SpanUnit::Years,
            }
        } else {
            Span {
                n: months as u32,
                unit: SpanUnit::Months,
            }
        });
    }
    let days = (end - from).num_days();
    u32::try_from(days).ok().map(|n| Span {
        n,
        unit: SpanUnit::Days,
    })
}

/// A renewal: 自动续期一年 / 续展的期限与本合同服务期限相同; the notice (届满前30日, 提前一个月).
pub fn renewal(s: &Sent, term_length: Span) -> Option<(Renewal, Vec<Label>)> {
    let r = s.find(0, |t| *t == Tok::Word(Word::Renew))?;
    if s.has(Word::NoRenew) {
        return None;
    }
    let mut notes = Vec::new();
    let length = (r + 1..s.toks.len().min(r + 3))
        .find(|k| {
            matches!(s.toks[*k].tok, Tok::Span(sp) if is_term_unit(sp.unit))
                && !matches!(s.word_at(k - 1), Some(Word::Before | Word::Ahead))
        })
        .and_then(|k| s.span_at(k))
        .filter(|_| !s.contains("相同"))
        .unwrap_or(term_length);
    let notice = (1..s.toks.len())
        .find(|k| {
            matches!(s.word_at(k - 1), Some(Word::Before | Word::Ahead)) && s.span_at(*k).is_some()
        })
        .and_then(|k| s.span_at(k));
    let notice = notice.unwrap_or_else(|| {
        notes.push(note(
            "未写明不续约通知的期限，按0日起草",
            "The text states no notice period for non-renewal: drafted as none",
        ));
        Span {
            n: 0,
            unit: SpanUnit::Days,
        }
    });
    Some((Renewal { length, notice }, notes))
}

/// `选择以下第[2]种方式`: the option chosen among numbered ones.
pub fn choice(s: &Sent) -> Option<u32> {
    let f = &s.folded;
    let at = f.find("选择")?;
    let rest = &f[at..];
    let di = rest.find('第')?;
    let digits: String = rest[di + '第'.len_utf8()..]
        .chars()
        .filter(|c| *c != '[' && *c != ' ')
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// The last day of a term of `length` from `start` (the day before the anniversary).
pub fn end_of(start: NaiveDate, length: Span) -> Option<NaiveDate> {
    let after = match length.unit {
        SpanUnit::Years => start.checked_add_months(Months::new(length.n.checked_mul(12)?))?,
        SpanUnit::Months => start.checked_add_months(Months::new(length.n))?,
        SpanUnit::Days => start.checked_add_days(chrono::Days::new(u64::from(length.n)))?,
        SpanUnit::Weeks => start.checked_add_days(chrono::Days::new(u64::from(length.n) * 7))?,
        _ => return None,
    };
    after.pred_opt()
}
