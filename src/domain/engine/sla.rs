//! SLA timers on incidents and requirements.
//!
//! Why: the service-level tables of the seed contracts (CLAUSES.md §5) all have the same shape —
//! a clock starts at one instant of an incident or a requirement (reported, submitted,
//! resolved…), stops at another (responded, on site, report delivered…), and must stop within a
//! limit that depends on the level and on *how* the incident came (in working hours or not, on
//! a working day or not, with a resident engineer or not, a complex requirement or not). Each
//! timer is evaluated here once per subject, and penalty clauses read the results.
//!
//! Rules used:
//! - the first `limits` entry whose conditions all match applies; no match means the timer does
//!   not apply to that subject (no result). Working hours are the clause's `working_hours`, or
//!   the standard office hours 08:00–12:00 and 13:30–17:30 where it states none, on the
//!   calendar's working days; an incident whose `resident` fact is not recorded counts as having
//!   no resident engineer;
//! - minutes and hours are counted 7×24 and end at an instant (Civil Code Art. 201 ¶2); days,
//!   working days, weeks, months and years are periods under Art. 201–203 ([`Ctx::limit_end`]):
//!   the day the timer starts is not counted, a last day that is a statutory day off moves to
//!   the next working day (unless the limit's `no_holiday_extension`), and the limit ends at
//!   24:00 of the last day — at the close of business where the clause states its working hours
//!   (003: a report due 3 working days after a fix at 11:40 on Tuesday 2025-09-30 is due by 24:00
//!   on Saturday 10-11, a make-up working day after National Day; delivered 15:00 that day it is
//!   on time);
//! - a timer not stopped yet is measured to the end of the as-of day (24:00): `Running` while
//!   within the limit, `Overdue` past it; a stopped one is `Met` or `Breached`; a subject with an
//!   excuse (force majeure, the buyer's fault) is `Excused`, whatever the times;
//! - elapsed and over-limit minutes are whole minutes rounded up, so a breach by seconds shows
//!   as one minute over.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveDateTime, Timelike};

use super::condition::{self, Env, Timers};
use super::context::{span_en, span_zh};
use super::Ctx;
use crate::domain::calendar::{Calendar, WorkingHours};
use crate::domain::contract::{Complexity, Excuse, Limit, MomentRef, Rule, SlaSubject};
use crate::domain::report::{Step, TimerResult, TimerStatus};
use crate::domain::Lang;

/// What a timer needs to know about its subject.
struct Subject<'a> {
    id: Cow<'a, str>,
    level: Option<&'a str>,
    resident: Option<bool>,
    complexity: Option<Complexity>,
    excuse: Option<Excuse>,
    of: condition::Subject<'a>,
}

impl Subject<'_> {
    fn moment(&self, m: &MomentRef) -> Option<NaiveDateTime> {
        self.of.moment(m)
    }

    fn incident(&self) -> bool {
        matches!(self.of, condition::Subject::Incident(_))
    }
}

/// 24:00 of a day (00:00 of the next).
pub(super) fn end_of_day(d: NaiveDate) -> Option<NaiveDateTime> {
    d.succ_opt()?.and_hms_opt(0, 0, 0)
}

/// Whether an instant falls inside the working hours of a working day.
pub fn in_working_hours(cal: &Calendar, hours: &WorkingHours, t: NaiveDateTime) -> bool {
    if !cal.is_working_day(t.date()) {
        return false;
    }
    let s = t.time().num_seconds_from_midnight();
    hours
        .windows()
        .iter()
        .any(|w| w.start_seconds() <= s && s < w.end_seconds())
}

fn hm(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

/// Whole minutes from `a` to `b`, rounded up; 0 when `b <= a`.
fn minutes_up(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let secs = (b - a).num_seconds();
    if secs <= 0 {
        0
    } else {
        (secs + 59) / 60
    }
}

/// The conditions of a limit that the subject meets, as "zh / en" strings (written only when
/// `explain`: the limits tried before the one that applies need no words); None when one fails.
fn matches(
    env: &Env<'_, '_>,
    limit: &Limit,
    s: &Subject<'_>,
    start: NaiveDateTime,
    explain: bool,
) -> Option<Vec<String>> {
    let (cal, hours) = (env.ctx.calendar, env.hours);
    let mut why = Vec::new();
    if !limit.levels.is_empty() {
        let level = s.level?;
        if !limit.levels.iter().any(|l| l == level) {
            return None;
        }
        // The level by its declared label (its id is for files, not for readers).
        let l = env.ctx.contract.levels.iter().find(|l| l.id == level);
        let (zh, en) = match l {
            Some(l) => (
                l.label.zh.as_str(),
                l.label.en.as_deref().unwrap_or(&l.label.zh),
            ),
            None => (level, level),
        };
        if explain {
            why.push(format!("级别：{zh} / level: {en}"));
        }
    }
    if let Some(want) = limit.in_working_hours {
        let is = in_working_hours(cal, hours, start);
        if is != want {
            return None;
        }
        if explain {
            why.push(if is {
                "工作时间内开始 / started in working hours".to_string()
            } else {
                "工作时间外开始 / started outside working hours".to_string()
            });
        }
    }
    if let Some(want) = limit.on_working_day {
        let is = cal.is_working_day(start.date());
        if is != want {
            return None;
        }
        if explain {
            why.push(if is {
                "工作日开始 / started on a working day".to_string()
            } else {
                "非工作日开始 / started on a day off".to_string()
            });
        }
    }
    if let Some(want) = limit.resident {
        if !s.incident() {
            return None;
        }
        let is = s.resident.unwrap_or(false);
        if is != want {
            return None;
        }
        if explain {
            why.push(match (is, s.resident.is_some()) {
                (true, _) => "有驻场工程师 / resident engineer on site".to_string(),
                (false, true) => "无驻场工程师 / no resident engineer".to_string(),
                (false, false) => {
                    "未记录驻场工程师，按无驻场计 / resident engineer not recorded: counted as none"
                        .to_string()
                }
            });
        }
    }
    if let Some(want) = limit.complexity {
        let is = s.complexity?;
        if is != want {
            return None;
        }
        if explain {
            why.push(match is {
                Complexity::Ordinary => "一般需求 / ordinary requirement".to_string(),
                Complexity::Complex => "复杂需求 / complex requirement".to_string(),
            });
        }
    }
    if let Some(c) = &limit.when {
        if !condition::holds(env, c, &s.of) {
            return None;
        }
        if explain {
            let l = condition::describe(env.ctx, s.of.kind(), c);
            let en = l.en.as_deref().unwrap_or(&l.zh);
            why.push(format!("{} / {en}", l.zh));
        }
    }
    if explain && why.is_empty() {
        {
            why.push("无条件 / unconditional".to_string());
        }
    }
    Some(why)
}

fn excuse_name(e: Excuse) -> String {
    match e {
        Excuse::ForceMajeure => "force_majeure",
        Excuse::BuyerFault => "buyer_fault",
        Excuse::SellerFault => "seller_fault",
        Excuse::FiscalDelay => "fiscal_delay",
    }
    .to_string()
}

/// Every timer of every SLA clause on every incident or requirement it applies to, in the
/// contract's order, then the timers' order, then the record's order.
pub fn evaluate(ctx: &Ctx<'_>) -> Vec<TimerResult> {
    let mut out = Vec::new();
    let subjects_inc: Vec<Subject<'_>> = ctx
        .events
        .incidents
        .iter()
        .map(|i| Subject {
            id: Cow::Borrowed(&i.id),
            level: Some(&i.level),
            resident: i.resident,
            complexity: None,
            excuse: i.excuse,
            of: condition::Subject::Incident(i),
        })
        .collect();
    let subjects_req: Vec<Subject<'_>> = ctx
        .events
        .requirements
        .iter()
        .map(|r| Subject {
            id: Cow::Borrowed(&r.id),
            level: None,
            resident: None,
            complexity: Some(r.complexity),
            excuse: r.excuse,
            of: condition::Subject::Requirement(r),
        })
        .collect();
    let entry_ids = &ctx.entry_ids;
    let mut timers = Timers::new(ctx);
    // The end of the as-of day: where open timers are measured to.
    let horizon = end_of_day(ctx.as_of);
    for clause in &ctx.contract.clauses {
        let Rule::Sla(sla) = &clause.rule else {
            continue;
        };
        let of_kind: Vec<Subject<'_>>;
        let subjects = match &sla.applies_to {
            SlaSubject::Incidents => &subjects_inc,
            SlaSubject::Requirements => &subjects_req,
            SlaSubject::Kind(k) => {
                of_kind = ctx
                    .events
                    .entries
                    .iter()
                    .zip(entry_ids)
                    .filter(|(e, _)| e.kind == *k)
                    .map(|(e, id)| Subject {
                        id: Cow::Borrowed(id.as_str()),
                        level: None,
                        resident: None,
                        complexity: None,
                        excuse: None,
                        of: condition::Subject::Entry(e),
                    })
                    .collect();
                &of_kind
            }
        };
        let hours = sla
            .working_hours
            .as_ref()
            .map_or_else(WorkingHours::standard, |h| h.0.clone());
        let close = sla.working_hours.as_ref().and_then(|h| h.0.close());
        for timer in &sla.timers {
            out.reserve(subjects.len());
            for s in subjects {
                let Some(started) = s.moment(&timer.from) else {
                    continue;
                };
                let env = Env {
                    ctx,
                    hours: &hours,
                    timers: &timers,
                    id: &s.id,
                };
                let applies = match &timer.when {
                    None => None,
                    Some(c) => match condition::check(&env, c, &s.of) {
                        Some(step) => Some(step),
                        None => continue,
                    },
                };
                // The limit that applies, found without words; then why, for it alone.
                let Some(limit) = timer
                    .limits
                    .iter()
                    .find(|l| matches(&env, l, s, started, false).is_some())
                else {
                    continue;
                };
                let why = matches(&env, limit, s, started, true).unwrap_or_default();
                let Some((deadline, period)) =
                    ctx.limit_end(started, limit.within, !limit.no_holiday_extension, close)
                else {
                    continue;
                };
                let stopped = s.moment(&timer.to);
                let Some(until) = stopped.or(horizon) else {
                    continue;
                };
                let elapsed = minutes_up(started, until);
                let over = minutes_up(deadline, until);
                let mut steps = Vec::with_capacity(4);
                steps.extend(applies);
                steps.push(Step::LimitChosen {
                    limit: limit.within,
                    conditions: why,
                });
                if let Some(p) = &period {
                    // A limit in days is a period: how its last day and its end were found.
                    steps.push(Step::Note {
                        zh: format!(
                            "{} 起 {}：{}",
                            hm(started),
                            span_zh(limit.within),
                            p.explain_line(Lang::Zh)
                        ),
                        en: format!(
                            "{} from {}: {}",
                            span_en(limit.within),
                            hm(started),
                            p.explain_line(Lang::En)
                        ),
                    });
                }
                let status = if let Some(e) = s.excuse {
                    steps.push(Step::Excused {
                        excuse: excuse_name(e),
                    });
                    TimerStatus::Excused
                } else {
                    match (stopped.is_some(), until > deadline) {
                        (true, false) => TimerStatus::Met,
                        (true, true) => TimerStatus::Breached,
                        (false, false) => TimerStatus::Running,
                        (false, true) => TimerStatus::Overdue,
                    }
                };
                if stopped.is_none() {
                    steps.push(Step::Note {
                        zh: format!("尚未完成：计至 {} 日终", ctx.as_of),
                        en: format!("not stopped yet: measured to the end of {}", ctx.as_of),
                    });
                }
                let result = TimerResult {
                    clause: clause.id.clone(),
                    timer: timer.id.clone(),
                    label: timer.label.clone(),
                    subject: s.id.to_string(),
                    level: s.level.map(str::to_string),
                    started,
                    limit: limit.within,
                    deadline,
                    stopped,
                    elapsed_minutes: elapsed,
                    over_minutes: over,
                    status,
                    steps,
                };
                timers.add(s.id.clone(), &clause.id, &timer.id, status);
                out.push(result);
            }
        }
    }
    out
}

/// The id of every record entry: its own, or `kind@date` (numbered `#2`, `#3`… within a day);
/// found once per evaluation ([`Ctx::entry_ids`]).
pub(super) fn entry_ids(events: &crate::domain::events::Events) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<(String, String), usize> = Default::default();
    events
        .entries
        .iter()
        .map(|e| {
            if let Some(id) = &e.id {
                return id.clone();
            }
            let day = e
                .instant()
                .map(|t| t.date().to_string())
                .unwrap_or_default();
            let n = seen.entry((e.kind.clone(), day.clone())).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{}@{day}", e.kind)
            } else {
                format!("{}@{day}#{n}", e.kind)
            }
        })
        .collect()
}
