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
use crate::domain::contract::{
    Base, Consequence, Label, Period, Right, RightKind, Schedule, Side, Span, SpanUnit, Threshold,
    When,
};
use crate::domain::vocabulary::PartyRef;

/// A duty read from a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct DutyDraft {
    pub party: PartyRef,
    pub schedule: Schedule,
    /// Events the schedule names that the contract must declare.
    pub events: Vec<EventWord>,
    /// Events of the duty's own the word table does not hold (id, zh, en): the record states
    /// when they happen.
    pub named: Vec<(&'static str, &'static str, &'static str)>,
    pub confidence: Confidence,
    pub notes: Vec<Label>,
}

fn is_verb(w: Option<Word>) -> bool {
    matches!(w, Some(Word::Submit | Word::Report | Word::Inspect))
}

/// Verbs of a one-off duty the word table leaves to other readings (取消 a lock, 退还 material,
/// 更换 a person, 交付 a plan, 通知 the other side): read only right after a duty's `N日内`.
const DUTY_VERBS: &[&str] = &[
    "取消",
    "拆除",
    "移除",
    "解除",
    "退还",
    "归还",
    "返还",
    "销毁",
    "更换",
    "替换",
    "交付",
    "通知",
    "书面通知",
    "告知",
    "报备",
    "备案",
    "递交",
    "送达",
    "移交",
];

/// Whether a duty's verb follows token `next`: a verb word up to 4 tokens on, or a
/// [`DUTY_VERBS`] word in the part of the sentence after the token before it (up to the next
/// comma, one leading comma skipped: `N日内，将资料退还甲方`).
fn verb_after(s: &Sent, next: usize, upto: usize) -> bool {
    if (next..upto.min(next + 4)).any(|k| is_verb(s.word_at(k))) {
        return true;
    }
    let Some(prev) = next.checked_sub(1).and_then(|k| s.toks.get(k)) else {
        return false;
    };
    let tail = s.chars(prev.end, prev.end + 24);
    let tail = tail.trim_start_matches(['，', ',', '的']);
    let part = tail
        .split(['，', ',', '。', '；', ';'])
        .next()
        .unwrap_or("");
    DUTY_VERBS.iter().any(|v| part.contains(v))
}

/// A duty on each force-majeure entry, due a span after it (by the affected party, unless the
/// text names one): `受不可抗力影响的一方应…在3日内…通知另一方`; `在不可抗力发生后三日内…提供…报告`;
/// `于发生不可抗力事件后的15个工作日内…提供…证明`. The force-majeure word comes before the span,
/// the span is followed by 内, and a verb of notice or report (通知, 提供, 报告, 证明) follows.
fn on_force_majeure(s: &Sent, upto: usize) -> Option<DutyDraft> {
    let fm = s.find(0, |t| *t == Tok::Word(Word::ForceMajeure))?;
    for j in fm + 1..upto {
        let Some(due) = s.span_at(j) else {
            continue;
        };
        if s.word_at(j + 1) != Some(Word::Within) {
            continue;
        }
        let end = s.toks[j + 1].end;
        let rest = s.chars(end, end + 40);
        let rest = rest.split(['，', '。', '；', ';']).next().unwrap_or("");
        let noticed = (j + 2..upto.min(j + 8)).any(|k| {
            s.toks[k].start < end + rest.chars().count()
                && (is_verb(s.word_at(k)) || s.word_at(k) == Some(Word::Event(EventWord::Notice)))
        }) || rest.contains("证明");
        if !noticed {
            continue;
        }
        let mut notes = Vec::new();
        let affected = s.any(&[
            "受影响",
            "受不可抗力影响",
            "影响的一方",
            "该方",
            "任何一方",
            "遭受不可抗力",
            "遇有不可抗力",
            "受到不可抗力",
            "发生不可抗力的一方",
        ]);
        let (party, confidence) = if affected {
            (PartyRef::Breaching, Confidence::High)
        } else if let Some(side) = s.actor() {
            (PartyRef::from(side), Confidence::Medium)
        } else {
            notes.push(note(
                "未写明由哪一方履行，按受不可抗力影响的一方起草",
                "The text names no party: drafted as the party affected by force majeure",
            ));
            (PartyRef::Breaching, Confidence::Low)
        };
        return Some(DutyDraft {
            party,
            schedule: Schedule::OnEntry {
                kind: FORCE_MAJEURE.to_string(),
                when: None,
                due,
            },
            events: Vec::new(),
            named: Vec::new(),
            confidence,
            notes,
        });
    }
    None
}

/// The record kind of a force-majeure entry.
pub const FORCE_MAJEURE: &str = "force_majeure";

/// Reads a duty from the tokens before `upto` (the whole sentence for `s.toks.len()`).
pub fn read(s: &Sent, upto: usize) -> Option<DutyDraft> {
    let money = (0..upto).any(|k| {
        matches!(s.word_at(k), Some(Word::Pay | Word::Penalty))
            || matches!(s.toks[k].tok, Tok::Amount(_) | Tok::Rate(_))
    });
    if money {
        return None;
    }
    if let Some(d) = named(s, upto) {
        return Some(d);
    }
    if let Some(d) = daily(s, upto) {
        return Some(d);
    }
    if s.has(Word::Ahead) {
        return None;
    }
    if let Some(d) = on_force_majeure(s, upto) {
        return Some(d);
    }
    every(s, upto).or_else(|| (!s.any(ON_DEMAND)).then(|| once(s, upto)).flatten())
}

/// A one-off duty stated before a payment it leads to, in one sentence: `合同生效后10个工作日内，
/// 乙方完成项目实施方案并交付甲方确认通过后，甲方将在收到以下单据…后15日内，支付…30%` — the
/// duty's event, span, 内 and verb before the pay word, and the payment's own event after the
/// duty (two events before the pay word, no figure): `收到发票后15日内完成支付` is a payment only.
pub fn before_payment(s: &Sent, pay_at: usize) -> Option<DutyDraft> {
    let upto = pay_at.min(s.toks.len());
    let figures = (0..upto).any(|k| {
        matches!(s.toks[k].tok, Tok::Amount(_) | Tok::Rate(_))
            || matches!(s.word_at(k), Some(Word::Pay | Word::Penalty))
    });
    let events = (0..upto)
        .filter(|k| matches!(s.word_at(*k), Some(Word::Event(_))))
        .count();
    if figures || events < 2 || s.has(Word::Ahead) {
        return None;
    }
    once(s, upto).filter(|d| d.confidence == Confidence::High)
}

/// Events a duty may count from that no payment or term does (the phrase, its id, zh, en): the
/// works starting (施工前5日上报), a replacement asked for (自提出更换要求日起3日内更换), a product's
/// end of maintenance (若产品停止维护，需提前半年告知).
pub const DUTY_EVENTS: &[(&str, &str, &str, &str)] = &[
    ("施工", "construction_start", "施工", "the works starting"),
    ("开工", "construction_start", "施工", "the works starting"),
    (
        "进场施工",
        "construction_start",
        "施工",
        "the works starting",
    ),
    (
        "提出更换要求",
        "replacement_requested",
        "提出更换要求",
        "a replacement being asked for",
    ),
    (
        "要求更换",
        "replacement_requested",
        "提出更换要求",
        "a replacement being asked for",
    ),
    (
        "停止维护",
        "end_of_life",
        "产品停止维护",
        "the product's end of maintenance",
    ),
    ("人员变动", "staff_change", "人员变更", "a change of staff"),
    ("人员变更", "staff_change", "人员变更", "a change of staff"),
    ("人员调整", "staff_change", "人员变更", "a change of staff"),
    (
        "停止技术支持",
        "end_of_life",
        "产品停止维护",
        "the product's end of maintenance",
    ),
];

/// A duty counted from a [`DUTY_EVENTS`] event: the phrase, then `前` and a span (施工前5日 … 上报);
/// or `日起`/`之日起`/`后`, a span and `内` (自提出更换要求日起3日内 … 更换); or, in a sentence that
/// opens with 若/如/如果 and the phrase, `提前` and a span before a verb of notice (需提前半年告之甲方).
/// Then a duty's verb; the party as for any duty.
fn named(s: &Sent, upto: usize) -> Option<DutyDraft> {
    let chars: Vec<char> = s.folded.chars().collect();
    let limit = s.toks.get(upto.saturating_sub(1)).map_or(0, |t| t.end);
    for (phrase, id, zh, en) in DUTY_EVENTS {
        let p: Vec<char> = phrase.chars().collect();
        let starts: Vec<usize> = (0..chars.len())
            .filter(|i| chars[*i..].starts_with(&p) && *i < limit)
            .collect();
        for at in starts {
            let end = at + p.len();
            let first = |from: usize| (0..upto).find(|k| s.toks[*k].start >= from);
            let rest: String = chars[end..chars.len().min(end + 4)].iter().collect();
            let (span, before, next) = if rest.starts_with('前') {
                let Some(j) = first(end + 1).filter(|j| s.toks[*j].start <= end + 2) else {
                    continue;
                };
                let Some(sp) = s.span_at(j) else {
                    continue;
                };
                (sp, true, j + 1)
            } else if let Some(m) = ["之日起", "日起", "后", "起"]
                .iter()
                .find(|w| rest.starts_with(**w))
            {
                let from = end + m.chars().count();
                let Some(j) = first(from).filter(|j| s.toks[*j].start <= from + 1) else {
                    continue;
                };
                let Some(sp) = s.span_at(j) else {
                    continue;
                };
                if s.word_at(j + 1) != Some(Word::Within) {
                    continue;
                }
                (sp, false, j + 2)
            } else {
                let opens = s.any(&["若", "如", "如果", "一旦"]);
                let k = (0..upto)
                    .find(|k| s.word_at(*k) == Some(Word::Ahead) && s.toks[*k].start > end);
                // 人员变更应提前7个工作日告知: 提前 right after the event (时, 应, 须, 至少…).
                let close = k.is_some_and(|k| s.toks[k].start <= end + 5);
                let Some(k) = k.filter(|_| opens || close) else {
                    continue;
                };
                // 提前半年: six months (the word table reads no 半).
                let half = s.chars(s.toks[k].end, s.toks[k].end + 2) == "半年";
                let Some(sp) = s.span_at(k + 1).or(half.then_some(Span {
                    n: 6,
                    unit: SpanUnit::Months,
                })) else {
                    continue;
                };
                let from = if s.span_at(k + 1).is_some() {
                    k + 2
                } else {
                    k + 1
                };
                let notice = (from..upto.min(from + 3)).any(|v| {
                    matches!(
                        s.word_at(v),
                        Some(Word::Report | Word::Submit | Word::Event(EventWord::Notice))
                    )
                }) || {
                    let e = s.toks[from.min(upto) - 1].end;
                    ["报备", "书面通知", "通知", "告知"]
                        .iter()
                        .any(|w| s.chars(e, e + 4).starts_with(w))
                };
                if !notice {
                    continue;
                }
                (sp, true, from)
            };
            if !verb_after(s, next, upto)
                && !(next..upto.min(next + 4))
                    .any(|v| s.word_at(v) == Some(Word::Event(EventWord::Notice)))
            {
                continue;
            }
            let mut notes = Vec::new();
            // The party right before the verb does it (3日内中标方需更换: not 招标方 who asks).
            let addressed = matches!(s.char_before(next), Some('向' | '给' | '对' | '与'));
            // The party that must (乙方应, 中标方需) or the one right after the span (3日内中标方
            // 需更换) does it; the one who asks (甲方要求更换) is not read as the doer.
            let must = (0..upto.min(next + 1))
                .rev()
                .find_map(|k| match s.word_at(k) {
                    Some(Word::Party(side))
                        if ["应", "需", "须", "必须", "负责"]
                            .iter()
                            .any(|w| s.chars(s.toks[k].end, s.toks[k].end + 2).starts_with(w)) =>
                    {
                        Some(side)
                    }
                    _ => None,
                });
            let (party, confidence) =
                match (must, s.word_at(next).filter(|_| next < upto && !addressed)) {
                    (Some(side), _) | (None, Some(Word::Party(side))) => {
                        (PartyRef::from(side), Confidence::High)
                    }
                    _ => {
                        // A party right after a verb (告知甲方, 上报甲方) is the one addressed.
                        let doer = (0..upto).find_map(|k| match s.word_at(k) {
                            Some(Word::Party(side))
                                if !matches!(
                                    s.char_before(k),
                                    Some('向' | '给' | '对' | '与' | '经' | '由' | '受')
                                ) && !(k > 0
                                    && (is_verb(s.word_at(k - 1))
                                        || s.word_at(k - 1)
                                            == Some(Word::Event(EventWord::Notice)))
                                    && s.toks[k - 1].end == s.toks[k].start) =>
                            {
                                Some(side)
                            }
                            _ => None,
                        });
                        let p = PartyRef::from(doer.unwrap_or(Side::Seller));
                        notes.push(note(
                            "未确定由哪一方履行，请核对",
                            "Which side must do it is not certain: check it",
                        ));
                        (p, Confidence::Low)
                    }
                };
            let confidence = confidence.min(Confidence::Medium);
            let due = When {
                event: Some(id.to_string()),
                after: (!before).then_some(span),
                before: before.then_some(span),
                ..When::default()
            };
            return Some(DutyDraft {
                party,
                schedule: Schedule::Once { due },
                events: Vec::new(),
                named: vec![(id, zh, en)],
                confidence,
                notes,
            });
        }
    }
    None
}

/// Several times a day: `巡检每天安排6次`, `每日巡视2次` — 每天/每日 (read as "per day" by the
/// penalty words), a count of 次 within three tokens, and a check or report verb in the same part
/// of the sentence (between commas).
fn daily(s: &Sent, upto: usize) -> Option<DutyDraft> {
    let cut = |c: &char| "，,；;。：:".contains(*c);
    let chars: Vec<char> = s.folded.chars().collect();
    for k in 0..upto {
        if s.word_at(k) != Some(Word::Per)
            || !["每天", "每日"].contains(&s.chars(s.toks[k].start, s.toks[k].end).as_str())
        {
            continue;
        }
        let Some(times) = (k + 1..upto.min(k + 4)).find_map(|j| match s.toks[j].tok {
            Tok::Count(n) if chars.get(s.toks[j].end.saturating_sub(1)) == Some(&'次') => Some(n),
            _ => None,
        }) else {
            continue;
        };
        let at = s.toks[k].start.min(chars.len());
        let a = chars[..at].iter().rposition(cut).map_or(0, |i| i + 1);
        let b = chars[at..]
            .iter()
            .position(cut)
            .map_or(chars.len(), |i| at + i);
        let verb =
            (0..upto).any(|v| s.toks[v].start >= a && s.toks[v].end <= b && is_verb(s.word_at(v)));
        if !verb || times < 1 || on_demand_at(s, k) {
            continue;
        }
        let mut notes = Vec::new();
        let (party, confidence) = party(s, &mut notes);
        return Some(DutyDraft {
            party,
            schedule: Schedule::Every {
                every: Period::Day,
                day_of_month: None,
                working_day_of_period: None,
                in_next_period: false,
                times,
                no_holiday_extension: false,
            },
            events: Vec::new(),
            named: Vec::new(),
            confidence,
            notes,
        });
    }
    None
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
    let Some(Word::Every(mut period)) = s.word_at(i) else {
        return None;
    };
    if !(i + 1..upto).any(|k| is_verb(s.word_at(k))) {
        return None;
    }
    // 每年12月31日前: at each calendar year's end; another date of the year (每年3月31日前) or a
    // day of a quarter's first month (每季度第一个月的10日前) has no schedule: not read.
    let after_every = s.chars(s.toks[i].end, s.toks[i].end + 8);
    if period == Period::ContractYear && after_every.contains('月') && after_every.contains('日')
    {
        if after_every.starts_with("12月31日") {
            period = Period::CalendarYear;
        } else {
            return None;
        }
    }
    if period == Period::Quarter && s.any(&["第一个月", "首月", "第1个月", "第一月"]) {
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
    // 每月5日前提交上月报告: the report on the month before, due in the next one.
    let in_next_period = (working_day.is_some() || day_of_month.is_some())
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
        named: Vec::new(),
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
        if !verb_after(s, next, upto) {
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
            named: Vec::new(),
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

/// A right with no amount that a loss grants: `损失累计金额超过合同款项的5%的，损失方同时有权终止合同
/// 并收回已付款项` — 损失 before 超过, a rate of the total (合同款, 合同总额…), and 有权 with 终止/解除合同.
/// The party that suffered the loss holds it: either side where the text says so (损失方, 守约方,
/// 受损方, 任何一方…), else the side named before 有权. Only the buyer has payments to recover.
pub fn loss_right(s: &Sent) -> Option<(Vec<Right>, Confidence)> {
    if !s.has(Word::Terminate) || !s.contains("有权") {
        return None;
    }
    // A fine stated beside the threshold (每次…0.1%…违约金) is the penalty family's.
    let figures = s
        .toks
        .iter()
        .filter(|t| matches!(t.tok, Tok::Amount(_) | Tok::Rate(_)))
        .count();
    if figures != 1 {
        return None;
    }
    let i = (0..s.toks.len()).find(|k| {
        s.word_at(*k) == Some(Word::Over) && {
            let at = s.toks[*k].start;
            s.chars(at.saturating_sub(8), at).contains("损失")
        }
    })?;
    let (rate, base) = match (s.word_at(i + 1), s.rate_at(i + 1), s.rate_at(i + 2)) {
        (_, Some(r), _) => (r, s.base_before(i + 1)),
        (Some(Word::Base(b)), None, Some(r)) => (r, Some(b)),
        _ => return None,
    };
    if base != Some(super::lexicon::BaseWord::Total) {
        return None;
    }
    let refund = s.has(Word::Refund) || s.any(&["收回已付", "退还已付", "返还已付", "退回已付"]);
    let either = s.any(&[
        "损失方",
        "受损方",
        "守约方",
        "受损失方",
        "受损一方",
        "另一方有权",
    ]) && s.any(&["任何一方", "双方", "一方违反", "损失方", "受损方"]);
    let holders: Vec<Side> = if either {
        vec![Side::Buyer, Side::Seller]
    } else {
        let at = s
            .folded
            .find("有权")
            .map(|b| s.folded[..b].chars().count())?;
        let k = (0..s.toks.len())
            .rev()
            .find(|k| s.toks[*k].end <= at && matches!(s.word_at(*k), Some(Word::Party(_))))?;
        let Some(Word::Party(side)) = s.word_at(k) else {
            return None;
        };
        vec![side]
    };
    let confidence = if either || holders.len() == 1 {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    let rights = holders
        .into_iter()
        .map(|holder| Right {
            holder,
            right: RightKind::Terminate,
            when: Threshold::LossExceeds {
                rate,
                base: Base::Total,
            },
            consequences: if refund && holder == Side::Buyer {
                vec![Consequence::RefundAllPayments]
            } else {
                Vec::new()
            },
        })
        .collect();
    Some((rights, confidence))
}

/// Rights with no figure: a breach deemed (则乙方行为视为构成违约) and a deduction from what is
/// still unpaid (甲方有权从尚未支付的合同价款中扣回索赔金额), each on any occurrence, held by the
/// side before 有权. A sentence with an amount or a rate is the penalty family's; a deemed breach
/// alone (否则视为违约) grants nothing by itself.
pub fn plain_rights(s: &Sent) -> Option<(Vec<Right>, Confidence)> {
    let figures = s
        .toks
        .iter()
        .any(|t| matches!(t.tok, Tok::Amount(_) | Tok::Rate(_)));
    if figures || !s.contains("有权") {
        return None;
    }
    let unpaid = s.any(&["尚未支付", "未支付", "应付", "未付"]);
    let deduct = unpaid && s.any(&["扣回", "扣除", "抵扣", "扣减"]);
    if !deduct {
        return None;
    }
    let at = s
        .folded
        .find("有权")
        .map(|b| s.folded[..b].chars().count())?;
    let k = (0..s.toks.len())
        .rev()
        .find(|k| s.toks[*k].end <= at && matches!(s.word_at(*k), Some(Word::Party(_))))?;
    let Some(Word::Party(holder)) = s.word_at(k) else {
        return None;
    };
    let deemed = s.contains("视为") && s.contains("违约");
    let mut rights = Vec::new();
    if deemed {
        rights.push(Right {
            holder,
            right: RightKind::DeemedBreach,
            when: Threshold::AnyOccurrence,
            consequences: Vec::new(),
        });
    }
    rights.push(Right {
        holder,
        right: RightKind::Deduct,
        when: Threshold::AnyOccurrence,
        consequences: Vec::new(),
    });
    Some((rights, Confidence::Medium))
}
