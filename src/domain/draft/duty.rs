//! Duty phrases: a duty every period (每月/每季度/每年/每周 提交报告, 巡检; 每月28日前; 每季度前五个
//! 工作日之前完成上季度巡检), or once a span after an event (合同生效后10个工作日内完成实施方案;
//! 接到安装通知之日起10日内完成安装) or before one (服务期满前30日提交).
//!
//! A duty needs a verb (提交, 提供, 巡检, 报告, 完成…) after its timing, and no money: a sentence
//! that pays or fines is another family's.

use super::lexicon::{EventWord, Tok, Word};
use super::penalty::note;
use super::sent::Sent;
use super::Confidence;
use crate::domain::contract::{Label, Period, Schedule, Side, Span, SpanUnit, When};
use crate::domain::vocabulary::PartyRef;

/// A duty read from a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct DutyDraft {
    pub party: PartyRef,
    pub schedule: Schedule,
    /// Events the schedule names that the contract must declare.
    pub events: Vec<EventWord>,
    pub confidence: Confidence,
    pub notes: Vec<Label>,
}

fn is_verb(w: Option<Word>) -> bool {
    matches!(w, Some(Word::Submit | Word::Report | Word::Inspect))
}

/// Reads a duty from the tokens before `upto` (the whole sentence for `s.toks.len()`).
pub fn read(s: &Sent, upto: usize) -> Option<DutyDraft> {
    let money = (0..upto).any(|k| {
        matches!(s.word_at(k), Some(Word::Pay | Word::Penalty))
            || matches!(s.toks[k].tok, Tok::Amount(_) | Tok::Rate(_))
    });
    if money || s.has(Word::Ahead) {
        return None;
    }
    every(s, upto).or_else(|| (!s.any(ON_DEMAND)).then(|| once(s, upto)).flatten())
}

/// Words that make a duty one on request, not on a schedule (按需提供, 不定期检查).
const ON_DEMAND: &[&str] = &["按需", "不定期", "根据需要", "视情况"];

/// Whether the part of the sentence between two commas around token `i` asks on request
/// (每年按需提供: not a schedule; 接受不定期检查，按月提供记录: the monthly one is).
fn on_demand_at(s: &Sent, i: usize) -> bool {
    let cut = |c: &char| "，,；;。".contains(*c);
    let chars: Vec<char> = s.folded.chars().collect();
    let at = s.toks[i].start.min(chars.len());
    let a = chars[..at].iter().rposition(cut).map_or(0, |k| k + 1);
    let b = chars[at..]
        .iter()
        .position(cut)
        .map_or(chars.len(), |k| at + k);
    let part: String = chars[a..b].iter().collect();
    ON_DEMAND.iter().any(|w| part.contains(w))
}

/// A duty each time another is done: `巡检或健康检查结束后一周内需出具巡检记录、巡检报告` —
/// a check or report word, then 结束后/完成后/完毕后, a span, 内, and a verb. The span.
pub fn after_done(s: &Sent) -> Option<Span> {
    if (0..s.toks.len()).any(|k| {
        matches!(s.word_at(k), Some(Word::Pay | Word::Penalty))
            || matches!(s.toks[k].tok, Tok::Amount(_) | Tok::Rate(_))
    }) {
        return None;
    }
    for k in 0..s.toks.len() {
        if !matches!(s.word_at(k), Some(Word::Inspect | Word::Report)) {
            continue;
        }
        let end = s.toks[k].end;
        let tail = s.chars(end, end + 3);
        if !["结束后", "完成后", "完毕后"].contains(&tail.as_str()) {
            continue;
        }
        let Some(j) = (k + 1..s.toks.len()).find(|j| s.toks[*j].start >= end + 3) else {
            continue;
        };
        let Some(span) = s.span_at(j).filter(|_| s.toks[j].start <= end + 4) else {
            continue;
        };
        if s.word_at(j + 1) != Some(Word::Within) {
            continue;
        }
        if (j + 2..s.toks.len().min(j + 6)).any(|v| is_verb(s.word_at(v))) {
            return Some(span);
        }
    }
    None
}

fn party(s: &Sent, notes: &mut Vec<Label>) -> (PartyRef, Confidence) {
    match s.actor() {
        Some(side) => (PartyRef::from(side), Confidence::High),
        None => {
            notes.push(note(
                "未写明由哪一方履行，按乙方起草",
                "The text names no party: drafted as the seller",
            ));
            (PartyRef::from(Side::Seller), Confidence::Low)
        }
    }
}

/// 每月/每季度/每年/每周 … a verb; 每月28日前; 每季度前五个工作日之前; 每月1次.
fn every(s: &Sent, upto: usize) -> Option<DutyDraft> {
    let i = (0..upto)
        .find(|k| matches!(s.word_at(*k), Some(Word::Every(_))) && !on_demand_at(s, *k))?;
    let Some(Word::Every(period)) = s.word_at(i) else {
        return None;
    };
    if !(i + 1..upto).any(|k| is_verb(s.word_at(k))) {
        return None;
    }
    let mut notes = Vec::new();
    let (party, confidence) = party(s, &mut notes);
    let same: Vec<usize> = (i..upto)
        .filter(|k| s.word_at(*k) == Some(Word::Every(period)))
        .collect();
    let mut day_of_month = None;
    let mut working_day = None;
    let mut times = 1;
    for &k in &same {
        if let Some(Tok::DayOfMonth(d)) = s.toks.get(k + 1).map(|t| &t.tok) {
            if (1..=31).contains(d) {
                day_of_month = Some(*d);
            }
        }
        let at = if s.word_at(k + 1) == Some(Word::Before) {
            k + 2
        } else {
            k + 1
        };
        if let Some(sp) = s.span_at(at).filter(|sp| sp.unit == SpanUnit::WorkingDays) {
            working_day = Some(sp.n);
        }
        if let Some(Tok::Count(n)) = (k + 1..upto.min(k + 7))
            .map(|j| &s.toks[j].tok)
            .find(|t| matches!(t, Tok::Count(_)))
        {
            times = (*n).max(1);
        }
    }
    let in_next_period = working_day.is_some()
        && s.any(&[
            "上季度",
            "上一季度",
            "上月",
            "上个月",
            "上一月",
            "上年度",
            "上一年度",
        ]);
    Some(DutyDraft {
        party,
        schedule: Schedule::Every {
            every: period,
            day_of_month,
            working_day_of_period: working_day,
            in_next_period,
            times,
            no_holiday_extension: false,
        },
        events: Vec::new(),
        confidence,
        notes,
    })
}

/// An event, then `后N日内` (or `之日起N日内`), then a verb; or `期满前N日` then a verb.
fn once(s: &Sent, upto: usize) -> Option<DutyDraft> {
    if (0..upto).any(|k| matches!(s.word_at(k), Some(Word::Every(_) | Word::Per))) {
        return None;
    }
    for i in 0..upto {
        let Some(Word::Event(e)) = s.word_at(i) else {
            continue;
        };
        let (span, before, next) = match (s.word_at(i + 1), s.span_at(i + 2)) {
            (Some(Word::After), Some(sp)) if s.word_at(i + 3) == Some(Word::Within) => {
                (sp, false, i + 4)
            }
            (Some(Word::Before), Some(sp)) => (sp, true, i + 3),
            _ => continue,
        };
        if !(next..upto.min(next + 4)).any(|k| is_verb(s.word_at(k))) {
            continue;
        }
        let mut notes = Vec::new();
        let (party, confidence) = party(s, &mut notes);
        let event = super::payment::event_id(e).to_string();
        let due = if before {
            When {
                event: Some(event),
                before: Some(span),
                ..When::default()
            }
        } else {
            When {
                event: Some(event),
                after: Some(span),
                ..When::default()
            }
        };
        return Some(DutyDraft {
            party,
            schedule: Schedule::Once { due },
            events: vec![e],
            confidence,
            notes,
        });
    }
    None
}

/// The zh and en words of a period (每月 / every month).
pub fn period_words(p: Period) -> (&'static str, &'static str) {
    match p {
        Period::Day => ("每日", "every day"),
        Period::Week => ("每周", "every week"),
        Period::Month => ("每月", "every month"),
        Period::Quarter => ("每季度", "every quarter"),
        Period::ContractYear => ("每年", "every contract year"),
        Period::CalendarYear => ("每个日历年", "every calendar year"),
    }
}
