//! Service-level phrases: a limit on the time from a fault's report to a response, to an
//! engineer on site, to the fix (接到故障通知后30分钟内响应; 2小时内到达现场; 12小时内解决), by fault
//! level (一级故障…, I级…, 特别重大…) and by clock (工作时间内不大于15分钟，非工作时间内不大于30分钟;
//! 7×24 is round the clock: no condition).
//!
//! Each span of minutes, hours or days that a within-word or a cap word bounds is paired with
//! the timer verb nearest after it (`30分钟内响应`), else the one right before it
//! (`响应时间不超过15分钟`). A span with no verb beside it is not a limit.

use super::lexicon::{Tok, Word};
use super::penalty::note;
use super::sent::Sent;
use crate::domain::contract::{Complexity, Label, Limit, Moment, MomentRef, Span, SpanUnit, Timer};
use crate::domain::vocabulary::{Condition, Elapsed};

/// The timers a verb starts and stops: id, label, the moment that stops it.
pub fn timer_of(w: Word) -> Option<(&'static str, Label, Moment)> {
    Some(match w {
        Word::Respond => ("response", note("响应", "Response"), Moment::Responded),
        Word::Arrive => ("on-site", note("到达现场", "On site"), Moment::OnSite),
        Word::Resolve => ("resolve", note("解决", "Resolved"), Moment::Resolved),
        _ => return None,
    })
}

/// One limit read: the timer's verb, the limit.
#[derive(Clone, Debug, PartialEq)]
pub struct LimitDraft {
    pub verb: Word,
    pub limit: Limit,
    /// The timer applies only when this holds (远程技术支持无法解决的，12小时内到达现场).
    pub when: Option<Condition>,
}

/// The fact a flag condition of this grammar names: remote or phone help failed.
pub const REMOTE_FAILED: &str = "remote_failed";

/// Where a condition on remote help failing ends (`远程技术支持无法解决的，` / `电话指导不能排除
/// 的`): the char index after its 的. Limits after it hold only when remote help failed.
pub fn remote_failed_end(s: &Sent) -> Option<usize> {
    let chars: Vec<char> = s.folded.chars().collect();
    let at = |k: usize, w: &str| {
        w.chars()
            .enumerate()
            .all(|(j, c)| chars.get(k + j) == Some(&c))
    };
    let punct = |c: &char| "，,；;。：:".contains(*c);
    for k in 0..chars.len() {
        if !["无法", "不能", "未能"].iter().any(|w| at(k, w)) {
            continue;
        }
        let Some(fix) = ["解决", "排除", "修复"].iter().find(|w| at(k + 2, w)) else {
            continue;
        };
        let fix_end = k + 2 + fix.chars().count();
        // 的 right after the fix word (无法解决的) or after a short object (无法解决问题的).
        let Some(de) = (fix_end..chars.len().min(fix_end + 4))
            .take_while(|j| !punct(&chars[*j]))
            .find(|j| chars[*j] == '的')
        else {
            continue;
        };
        let start = chars[..k].iter().rposition(punct).map_or(0, |p| p + 1);
        let before: String = chars[start..k].iter().collect();
        if ["远程", "电话", "在线"].iter().any(|w| before.contains(w)) {
            return Some(de + 1);
        }
    }
    None
}

/// Where a clause opened by 否则 / 如未按时 … starts, after a limit was said (`48小时内到场维修，
/// 否则甲方有权聘请其他单位…`): what follows is the consequence of a miss.
pub fn otherwise_at(s: &Sent) -> Option<usize> {
    let chars: Vec<char> = s.folded.chars().collect();
    let k = (1..chars.len())
        .find(|k| "，,；;".contains(chars[*k - 1]) && chars[*k..].starts_with(&['否', '则']))?;
    // Only after a span: 否则 opening the sentence is a condition of its own.
    s.toks
        .iter()
        .any(|t| t.start < k && matches!(t.tok, Tok::Span(_)))
        .then_some(k)
}

/// The timer verb a short heading names for the lines under it (`4.9.4响应时限要求：`,
/// `到场时间：`).
pub fn heading_verb(s: &Sent) -> Option<Word> {
    let f = s.folded.trim();
    let short = f.chars().count() <= 20 && !s.toks.iter().any(|t| matches!(t.tok, Tok::Span(_)));
    let heading =
        f.ends_with(['：', ':']) && ["时限", "时间", "要求"].iter().any(|w| f.contains(w));
    if !(short && heading) {
        return None;
    }
    let mut verbs = s.toks.iter().filter_map(|t| match t.tok {
        Tok::Word(w) if timer_of(w).is_some() => Some(w),
        _ => None,
    });
    let v = verbs.next()?;
    verbs.all(|w| w == v).then_some(v)
}

/// A line of a level and its span only (`一级故障：15分钟`): the limit of the heading's verb.
fn level_line(s: &Sent, i: usize) -> bool {
    let start = s.toks[i].start;
    let before = s.chars(0, start);
    let rest = s.chars(s.toks[i].end, s.folded.chars().count());
    let rest = rest.trim_end_matches(|c: char| c.is_whitespace() || "；;。，,".contains(c));
    before.trim_end().ends_with(['：', ':'])
        && rest.trim().is_empty()
        && (0..i).any(|k| matches!(s.word_at(k), Some(Word::Level(_))))
        && !s
            .toks
            .iter()
            .any(|t| matches!(t.tok, Tok::Word(w) if timer_of(w).is_some()))
}

/// The limits of a sentence; `level` is the level the clause's heading named, if any, `heading`
/// the timer verb it named.
pub fn read(s: &Sent, level: Option<&'static str>, heading: Option<Word>) -> Vec<LimitDraft> {
    // What the sentence says would follow a miss (否则甲方有权…, 费用从质保金中扣除) is not
    // part of the limit: only the words before it count.
    let otherwise = otherwise_at(s);
    let before_otherwise = |w: Word| {
        s.toks
            .iter()
            .any(|t| t.tok == Tok::Word(w) && otherwise.is_none_or(|o| t.start < o))
    };
    if before_otherwise(Word::Penalty) || before_otherwise(Word::Pay) || before_otherwise(Word::Per)
    {
        return Vec::new();
    }
    let conditional_span =
        (1..s.toks.len()).any(|i| s.word_at(i - 1) == Some(Word::Over) && s.span_at(i).is_some());
    if conditional_span {
        return escalation(s);
    }
    let class = lead_class(s);
    let remote_failed = remote_failed_end(s);
    let mut out = Vec::new();
    for i in 0..s.toks.len() {
        if otherwise.is_some_and(|o| s.toks[i].start >= o) {
            break;
        }
        let Some(span) = s.span_at(i).filter(|sp| is_timer_unit(sp.unit)) else {
            continue;
        };
        let listed = heading.filter(|_| level_line(s, i));
        if (!bounded(s, i) && listed.is_none()) || after_a_fix(s, i) {
            continue;
        }
        let Some(verb) = verb_for(s, i).or(listed) else {
            continue;
        };
        let levels = level_before(s, i)
            .or(level)
            .map(str::to_string)
            .or_else(|| class.clone())
            .map(|l| vec![l])
            .unwrap_or_default();
        let limit = Limit {
            within: span,
            levels,
            in_working_hours: clock(s, i),
            on_working_day: None,
            resident: None,
            complexity: None,
            when: None,
            no_holiday_extension: false,
        };
        let when = remote_failed
            .filter(|end| s.toks[i].start >= *end)
            .map(|_| Condition::Fact {
                fact: REMOTE_FAILED.to_string(),
            });
        out.push(LimitDraft { verb, limit, when });
    }
    out
}

fn is_timer_unit(u: SpanUnit) -> bool {
    matches!(
        u,
        SpanUnit::Minutes | SpanUnit::Hours | SpanUnit::Days | SpanUnit::WorkingDays
    )
}

/// A span a within-word follows (30分钟内) or a cap word precedes (不超过3小时, 不大于15分钟).
fn bounded(s: &Sent, i: usize) -> bool {
    let end = s.toks[i].end;
    let within = s.word_at(i + 1) == Some(Word::Within) && s.toks[i + 1].start <= end + 1;
    let clock_spec = s
        .chars(end, end + 2)
        .trim_start()
        .starts_with(['*', '×', 'x', 'X']);
    if clock_spec {
        return false;
    }
    let cap = i > 0 && s.word_at(i - 1) == Some(Word::Cap);
    // 30分钟响应, 4小时解决: a span right before a timer's verb is its limit.
    let verb_next = s.toks.get(i + 1).is_some_and(|t| {
        t.start <= end + 1 && matches!(t.tok, Tok::Word(w) if timer_of(w).is_some())
    });
    let before: String = s.chars(s.toks[i].start.saturating_sub(5), s.toks[i].start);
    let before = before.trim_end();
    within
        || cap
        || verb_next
        || ["不大于", "小于", "不超过"]
            .iter()
            .any(|w| before.ends_with(w))
}

/// A span counted from the fix (解决后24小时内, 处理完毕3个工作日内): not a limit from the report.
fn after_a_fix(s: &Sent, i: usize) -> bool {
    let fix = |k: usize| s.word_at(k) == Some(Word::Resolve);
    let before: String = s.chars(s.toks[i].start.saturating_sub(3), s.toks[i].start);
    (i >= 2 && s.word_at(i - 1) == Some(Word::After) && fix(i - 2))
        || before.contains("完毕")
        || before.contains("完成后")
}

/// Whether the sentence makes its limits conditional (远程技术支持无法解决的; 如需现场服务的).
pub fn conditional(s: &Sent) -> bool {
    s.any(&["无法解决的", "不能解决的", "如需", "无法远程", "不能远程"])
}

/// The timer verb of the span at `i`: the first verb after it (before the next span), else the
/// last one before it (before the previous span).
fn verb_for(s: &Sent, i: usize) -> Option<Word> {
    let is_verb = |k: usize| s.word_at(k).filter(|w| timer_of(*w).is_some());
    if let Some(v) = verb_before_bracket(s, i) {
        return Some(v);
    }
    let stops = |k: &usize| {
        s.span_at(*k).is_none()
            && !(s.word_at(*k) == Some(Word::Submit)
                && s.chars(s.toks[*k].start, s.toks[*k].end) != "完成")
    };
    // A verb that qualifies a noun (能够处理故障的技术人员到达现场) is not the timer's.
    let attributive = |k: usize| {
        let end = s.toks[k].end;
        s.chars(end, end + 4)
            .split(['，', ',', '；', ';', '。'])
            .next()
            .is_some_and(|p| p.contains('的'))
    };
    // The verb after it in the same part of the sentence (故障响应时间不超过2小时，故障修复…: the
    // next part's verb is another timer's).
    let span_end = s.toks[i].end;
    let same_part = |k: &usize| {
        !s.chars(span_end, s.toks[*k].start)
            .contains(['，', ',', '；', ';', '。'])
    };
    let after = (i + 1..s.toks.len())
        .take_while(stops)
        .take_while(same_part)
        .take(4)
        .filter(|k| !attributive(*k))
        .find_map(is_verb);
    let before = || {
        let k = (i.saturating_sub(10)..i)
            .rev()
            .find(|k| is_verb(*k).is_some())?;
        // Only limits of the same verb between (响应（工作时间内不大于15分钟，非工作时间内不大于30分钟）).
        let shared = |j: usize| {
            s.span_at(j).is_some()
                || matches!(
                    s.word_at(j),
                    Some(
                        Word::Within
                            | Word::Cap
                            | Word::WorkingHours
                            | Word::OffHours
                            | Word::Level(_)
                    )
                )
        };
        let near = k + 3 >= i;
        let between = (k + 1..i).any(|j| {
            matches!(
                s.word_at(j),
                Some(Word::After | Word::Event(_) | Word::Party(_) | Word::Submit)
            ) || (!near && !shared(j))
        });
        if between {
            return None;
        }
        let on_site = is_verb(k) == Some(Word::Respond)
            && k > 0
            && s.word_at(k - 1) == Some(Word::Arrive)
            && s.toks[k - 1].end == s.toks[k].start;
        if on_site {
            Some(Word::Arrive)
        } else {
            is_verb(k)
        }
    };
    after.or_else(before)
}

/// A span inside brackets right after a timer verb is that verb's (`及时响应（工作时间内不大于15
/// 分钟，非工作时间内不大于30分钟）及时处理（…不大于30分钟）`).
fn verb_before_bracket(s: &Sent, i: usize) -> Option<Word> {
    let chars: Vec<char> = s.folded.chars().collect();
    let at = s.toks[i].start.min(chars.len());
    let open = chars[..at].iter().rposition(|c| matches!(c, '(' | '['))?;
    if chars[open..at].iter().any(|c| matches!(c, ')' | ']')) {
        return None;
    }
    let k = (0..i).rev().find(|k| s.toks[*k].end <= open)?;
    let gap: String = chars[s.toks[k].end..open].iter().collect();
    let w = s.word_at(k).filter(|w| timer_of(*w).is_some())?;
    gap.trim().is_empty().then_some(w)
}

/// The level named before the span at `i` (since the previous span).
fn level_before(s: &Sent, i: usize) -> Option<&'static str> {
    (0..i).rev().find_map(|k| match s.word_at(k) {
        Some(Word::Level(l)) => Some(l),
        _ => None,
    })
}

/// 工作时间内… (true) / 非工作时间… (false), the nearest before the span.
fn clock(s: &Sent, i: usize) -> Option<bool> {
    (0..i)
        .rev()
        .take_while(|k| s.span_at(*k).is_none())
        .find_map(|k| match s.word_at(k) {
            Some(Word::WorkingHours) => Some(true),
            Some(Word::OffHours) => Some(false),
            _ => None,
        })
}

/// A timer of a verb with its first limit.
pub fn timer(verb: Word, limit: Limit, when: Option<Condition>) -> Option<Timer> {
    let (id, label, to) = timer_of(verb)?;
    let remote = matches!(&when, Some(Condition::Fact { fact }) if fact == REMOTE_FAILED);
    let (id, label) = match &when {
        Some(_) if remote => (
            id.to_string(),
            note(
                &format!("{}（远程无法解决时）", label.zh),
                &format!("{} (when remote help fails)", label.en.unwrap_or_default()),
            ),
        ),
        _ => (id.to_string(), label),
    };
    Some(Timer {
        id,
        label,
        from: MomentRef::Builtin(Moment::Reported),
        to: MomentRef::Builtin(to),
        when,
        limits: vec![limit],
    })
}

/// The label of a level id the grammar declares.
pub fn level_label(id: &str) -> Label {
    let (zh, en) = match id {
        "L1" => ("一级", "Level 1"),
        "L2" => ("二级", "Level 2"),
        "L3" => ("三级", "Level 3"),
        "L4" => ("四级", "Level 4"),
        "L5" => ("五级", "Level 5"),
        "I" => ("I级", "Level I"),
        "II" => ("II级", "Level II"),
        "III" => ("III级", "Level III"),
        "IV" => ("IV级", "Level IV"),
        "especially_major" => ("特别重大", "Especially major"),
        "major" => ("重大", "Major"),
        "relatively_major" => ("较重大", "Relatively major"),
        "general" => ("一般", "General"),
        "urgent" => ("紧急", "Urgent"),
        "severe" => ("严重", "Severe"),
        _ => {
            return note(id, &format!("Class “{id}”"));
        }
    };
    note(zh, en)
}

/// A text without its item number (`1)`, `(2)`, `3.`, `四、`, `（十）`).
fn item_marker_stripped(head: &str) -> &str {
    let mut h = head.trim_start();
    loop {
        let before = h;
        h = h.trim_start_matches(|c: char| c.is_ascii_digit() || "()（）.、 ".contains(c));
        let numeral: String = h
            .chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .collect();
        if !numeral.is_empty() {
            let rest = &h[numeral.len()..];
            if rest.starts_with(['、', ')', '）']) {
                h = rest;
            }
        }
        if h == before {
            return h.trim();
        }
    }
}

/// Words that end the name of a class of incidents a sentence's limits are for.
const CLASS_ENDS: &[&str] = &["问题", "故障", "事件", "需求", "请求", "事故"];

/// The class of incidents a sentence opens with, before a colon (`1) 日常系统操作问题：…维护人员
/// 及时响应…`): its limits hold for that class only, declared as a level of its own. A level word
/// of the grammar (一级故障：) is not a class.
pub fn lead_class(s: &Sent) -> Option<String> {
    let f = s.folded.trim_start();
    let colon = f.find(['：', ':'])?;
    let head = f[..colon].trim();
    let head = item_marker_stripped(head);
    let n = head.chars().count();
    let plain = head
        .chars()
        .all(|c| !c.is_ascii_punctuation() && !"，。；、（）“”".contains(c) && !c.is_ascii_digit());
    let ends = CLASS_ENDS.iter().any(|e| head.ends_with(e));
    let level_word = super::lexicon::tokens(head)
        .iter()
        .any(|t| matches!(t.tok, Tok::Word(Word::Level(_))));
    (ends && plain && (3..=12).contains(&n) && !level_word).then(|| head.to_string())
}

/// The zh words of a span (30分钟, 2小时, 1个工作日).
pub fn span_zh(sp: Span) -> String {
    let u = match sp.unit {
        SpanUnit::Minutes => "分钟",
        SpanUnit::Hours => "小时",
        SpanUnit::Days => "日",
        SpanUnit::WorkingDays => "个工作日",
        SpanUnit::Weeks => "周",
        SpanUnit::Months => "个月",
        SpanUnit::Years => "年",
    };
    format!("{}{u}", sp.n)
}

/// The en words of a span.
pub fn span_en(sp: Span) -> String {
    let u = match sp.unit {
        SpanUnit::Minutes => "minute",
        SpanUnit::Hours => "hour",
        SpanUnit::Days => "day",
        SpanUnit::WorkingDays => "working day",
        SpanUnit::Weeks => "week",
        SpanUnit::Months => "month",
        SpanUnit::Years => "year",
    };
    let s = if sp.n == 1 { "" } else { "s" };
    format!("{} {u}{s}", sp.n)
}

/// The level a short heading line names ((1) 特别重大安全事件; 一级故障：).
pub fn heading_level(s: &Sent) -> Option<&'static str> {
    let short =
        s.folded.chars().count() <= 16 && !s.toks.iter().any(|t| matches!(t.tok, Tok::Span(_)));
    if !short {
        return None;
    }
    s.toks.iter().find_map(|t| match t.tok {
        Tok::Word(Word::Level(l)) => Some(l),
        _ => None,
    })
}

/// Words naming a requirement's complexity.
const COMPLEXITY: &[(&str, Complexity)] = &[
    ("普通需求", Complexity::Ordinary),
    ("一般需求", Complexity::Ordinary),
    ("简单需求", Complexity::Ordinary),
    ("常规需求", Complexity::Ordinary),
    ("复杂需求", Complexity::Complex),
    ("重大需求", Complexity::Complex),
];

/// Words of a first answer to a requirement.
const FIRST_ANSWER: &[&str] = &["反馈", "答复", "回复"];

/// Limits on the first answer to a requirement by its complexity (`普通需求24小时内、复杂需求72小时
/// 内初步反馈解决方案`): each span after a complexity word and bounded by 内, the answer word after
/// the last one. Also inside a penalty's condition (如不能按规定时间（…）初步反馈…，则按每个需求罚款).
pub fn requirement_limits(s: &Sent) -> Vec<Limit> {
    let chars: Vec<char> = s.folded.chars().collect();
    let mut out = Vec::new();
    let mut from = 0;
    let mut last_end = None;
    for i in 0..s.toks.len() {
        let Some(span) = s.span_at(i).filter(|sp| is_timer_unit(sp.unit)) else {
            continue;
        };
        let start = s.toks[i].start;
        let seg: String = chars[from.min(start)..start].iter().collect();
        from = s.toks[i].end;
        let within = s.word_at(i + 1) == Some(Word::Within);
        let Some(c) = COMPLEXITY
            .iter()
            .filter_map(|(w, c)| seg.rfind(w).map(|at| (at, *c)))
            .max_by_key(|(at, _)| *at)
            .map(|(_, c)| c)
        else {
            continue;
        };
        if !within {
            continue;
        }
        last_end = Some(s.toks[i + 1].end);
        out.push(Limit {
            within: span,
            levels: Vec::new(),
            in_working_hours: None,
            on_working_day: None,
            resident: None,
            complexity: Some(c),
            when: None,
            no_holiday_extension: false,
        });
    }
    let Some(end) = last_end else {
        return Vec::new();
    };
    // The answer word soon after the last limit (past a closing bracket).
    let after: String = chars[end.min(chars.len())..chars.len().min(end + 8)]
        .iter()
        .collect();
    let answered = FIRST_ANSWER.iter().any(|w| {
        after
            .find(w)
            .is_some_and(|at| !after[..at].contains(['，', ',', '；', ';', '。']))
    });
    if answered {
        out
    } else {
        Vec::new()
    }
}

/// The timer of a first answer to a requirement.
pub fn first_answer_timer(limits: Vec<Limit>) -> Timer {
    Timer {
        id: "first-answer".to_string(),
        label: note("初步反馈", "First answer"),
        from: MomentRef::Builtin(Moment::Submitted),
        to: MomentRef::Builtin(Moment::FirstAnswer),
        when: None,
        limits,
    }
}

/// The incident flag of a fault that affects the buyer's business.
pub const BUSINESS_AFFECTED: &str = "business_affected";

/// A sentence opened by a condition on the business (`如故障影响医院业务运行，…`).
fn business_condition(s: &Sent) -> Option<Condition> {
    let f = s.folded.trim_start();
    let f = item_marker_stripped(f);
    let head = f.split(['，', ',', '；', ';']).next()?;
    let opens = ["如", "若", "如果", "凡"]
        .iter()
        .any(|w| head.starts_with(w));
    let affects = head
        .find("影响")
        .is_some_and(|at| head[at..].contains("业务") || head[at..].contains("运行"));
    (opens && affects).then(|| Condition::Fact {
        fact: BUSINESS_AFFECTED.to_string(),
    })
}

/// An on-site visit due when the fault is still not fixed N hours after the report (`超过12小时
/// 仍无法解决问题的，原厂技术人员需到达现场处理，并于24小时内…解决问题`): the on-site timer has that
/// span and holds only for faults open longer; a limit after it with a fix word is the fix's.
fn escalation(s: &Sent) -> Vec<LimitDraft> {
    let Some(i) = (1..s.toks.len()).find(|i| {
        s.word_at(i - 1) == Some(Word::Over)
            && s.span_at(*i).is_some_and(|sp| is_timer_unit(sp.unit))
    }) else {
        return Vec::new();
    };
    let Some(span) = s.span_at(i) else {
        return Vec::new();
    };
    let n = s.folded.chars().count();
    let after = s.chars(s.toks[i].end, n);
    let after = after.trim_start().trim_start_matches(['内', '后']);
    let after = after.trim_start_matches(['仍', '还', '尚']);
    let unfixed = [
        "无法解决",
        "未能解决",
        "不能解决",
        "未解决",
        "未能修复",
        "无法修复",
        "未排除",
    ]
    .iter()
    .any(|w| after.starts_with(w));
    let Some(arrive) = (i + 1..s.toks.len())
        .take(8)
        .find(|k| s.word_at(*k) == Some(Word::Arrive))
    else {
        return Vec::new();
    };
    if !unfixed || (i + 1..arrive).any(|k| s.span_at(k).is_some()) {
        return Vec::new();
    }
    let open_longer = Condition::Elapsed {
        elapsed: Elapsed {
            from: "reported".to_string(),
            to: "resolved".to_string(),
            over: span,
        },
    };
    let business = business_condition(s);
    let plain = |within: Span| Limit {
        within,
        levels: Vec::new(),
        in_working_hours: None,
        on_working_day: None,
        resident: None,
        complexity: None,
        when: None,
        no_holiday_extension: false,
    };
    let on_site_when = match &business {
        Some(b) => Condition::All {
            all: vec![b.clone(), open_longer],
        },
        None => open_longer,
    };
    let mut out = vec![LimitDraft {
        verb: Word::Arrive,
        limit: plain(span),
        when: Some(on_site_when),
    }];
    for k in arrive + 1..s.toks.len() {
        let Some(sp) = s.span_at(k).filter(|sp| is_timer_unit(sp.unit)) else {
            continue;
        };
        if s.word_at(k + 1) != Some(Word::Within) {
            continue;
        }
        // The fix word later in the same clause (于24小时内免费提供…设备或软件解决问题).
        let rest = s.chars(s.toks[k].end, n);
        let clause = rest
            .split(['，', ',', '；', ';', '。'])
            .next()
            .unwrap_or("");
        if clause.contains("解决") || clause.contains("修复") || clause.contains("排除") {
            out.push(LimitDraft {
                verb: Word::Resolve,
                limit: plain(sp),
                when: business.clone(),
            });
        }
    }
    out
}

/// The flags a condition names, for their declaration.
pub fn flags_of(c: &Condition, out: &mut Vec<String>) {
    match c {
        Condition::Fact { fact } if !out.contains(fact) => out.push(fact.clone()),
        Condition::All { all } => all.iter().for_each(|x| flags_of(x, out)),
        Condition::Any { any } => any.iter().for_each(|x| flags_of(x, out)),
        Condition::Not { not } => flags_of(not, out),
        _ => {}
    }
}
