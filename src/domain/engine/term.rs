//! The contract period: start, end, automatic renewals and extensions.
//!
//! Why a part of its own: several other rules hang on the term's end (004 §3.5 pays the second
//! instalment 30 days after the service period ends; obligations recur over the term), and the
//! end is not a fixed date. It moves with automatic renewals (004 §1.2: one more year unless a
//! side gives notice 30 days before the end) and with extensions (001 §3: a failed yearly
//! acceptance extends the period until one passes). This part works out the end as of the
//! evaluation date and records it as the `term_end` event for the parts that follow.
//!
//! Rules used:
//! - the start is the clause's `start` date; the end is `start + length` by Civil Code
//!   Art. 201–203, as every period in days, months or years the engine ends ([`Ctx::period`]):
//!   the starting day is not counted, a period in months or years ends on the corresponding day
//!   (one year from 2022-07-20 ends on 2023-07-20), and a last day that is a statutory day off
//!   moves to the day after the days off end (one year from 2024-07-20 ends on Monday
//!   2025-07-21, not Sunday 07-20) — unless the clause switches the move off
//!   (`no_holiday_extension`, Art. 204);
//! - renewal: while the as-of date is past the end and no `non_renewal_notice` was recorded on
//!   or before `end − notice`, the period renews by the renewal length. A notice given too late
//!   for one end still stops the next renewal. A renewed end is counted from the start as one
//!   period (length + k renewals), from the corresponding day: a moved end does not shift the
//!   later anniversaries;
//! - extension: when the `extended_until` event happened after the end, the end moves to it;
//!   when it has not happened and the as-of date is past the end, the period is still running
//!   (the end shown is the as-of date).

use chrono::NaiveDate;

use super::context::{label, length, period_label, span_en, span_zh};
use super::Ctx;
use crate::domain::contract::{Rule, Span, Term};
use crate::domain::period::{Deadline, Length};
use crate::domain::report::{Step, TermResult};

/// The event id of a notice of non-renewal in the record's `dates`.
pub const NON_RENEWAL_NOTICE: &str = "non_renewal_notice";

// The most renewals counted: a guard that a record which loaded never reaches
// (`engine::limits` refuses it at load).
use crate::domain::bounds::MAX_RENEWALS;

/// The term as of the evaluation date; updates `term_end` in the context after renewals and
/// extensions. None when the contract has no term clause or its start is not known yet.
pub fn evaluate(ctx: &mut Ctx<'_>) -> Option<TermResult> {
    let (clause, term) = ctx.contract.clauses.iter().find_map(|c| match &c.rule {
        Rule::Term(t) => Some((c.id.clone(), t)),
        _ => None,
    })?;
    let (result, end) = compute(ctx, clause, term)?;
    ctx.set_event_date("term_end", end);
    Some(result)
}

fn compute(ctx: &Ctx<'_>, clause: String, term: &Term) -> Option<(TermResult, NaiveDate)> {
    let mut steps = Vec::new();
    let start = ctx.resolve(&term.start, None)?;
    steps.push(ctx.date_step(label("服务期开始", "start of the term"), &start));
    let start = start.date;

    let first = end_after(ctx, start, term, 0)?;
    let mut end = first.last_day();
    steps.push(Step::DateFound {
        what: label("服务期届满", "end of the term"),
        date: end,
        how: vec![period_label(
            &format!("自 {start} 起 {}", span_zh(term.length)),
            &format!("{} from {start}", span_en(term.length)),
            &first,
        )],
    });

    let mut renewals = 0u32;
    let mut notice_by = None;
    if let Some(renewal) = &term.renewal {
        let notice = ctx.event_date(NON_RENEWAL_NOTICE);
        loop {
            let by = ctx.sub_span(end, renewal.notice);
            notice_by = by;
            if ctx.as_of <= end {
                break;
            }
            if let (Some(n), Some(by)) = (notice, by) {
                if n <= by {
                    steps.push(Step::Note {
                        zh: format!(
                            "{n} 已发出不续约通知（不晚于 {by}，即届满前 {}）：合同于 {end} 终止，不再续期",
                            span_zh(renewal.notice)
                        ),
                        en: format!(
                            "notice of non-renewal given on {n} (by {by}, {} before the end): the contract ends on {end} and does not renew",
                            span_en(renewal.notice)
                        ),
                    });
                    break;
                }
            }
            if renewals >= MAX_RENEWALS {
                break;
            }
            let Some(next) = end_after(ctx, start, term, renewals + 1) else {
                break;
            };
            renewals += 1;
            let mut step = renewal_step(end, next.last_day(), renewal.length, renewal.notice, by);
            if let Step::DateFound { how, .. } = &mut step {
                how.push(period_label(
                    &format!(
                        "自 {start} 起 {} 加续期 {renewals} 次（每次 {}），按对应日计算",
                        span_zh(term.length),
                        span_zh(renewal.length)
                    ),
                    &format!(
                        "{} from {start} plus {renewals} renewal(s) of {}, counted to the corresponding day",
                        span_en(term.length),
                        span_en(renewal.length)
                    ),
                    &next,
                ));
            }
            steps.push(step);
            end = next.last_day();
        }
        if let Some(by) = notice_by {
            steps.push(Step::DateFound {
                what: label("不续约通知截止日", "last day to give notice of non-renewal"),
                date: by,
                how: vec![label(
                    format!("届满日 {end} 前 {}", span_zh(renewal.notice)),
                    format!("{} before the end on {end}", span_en(renewal.notice)),
                )],
            });
        }
    }

    if let Some(ev) = &term.extended_until {
        let l = ctx.event_label(ev);
        let en = l.en.clone().unwrap_or_else(|| l.zh.clone());
        match ctx.event_date(ev) {
            Some(d) if d > end => {
                steps.push(Step::DateFound {
                    what: label("服务期延长至", "term extended to"),
                    date: d,
                    how: vec![label(
                        format!("服务期延长至“{}”（{d}），晚于原届满日 {end}", l.zh),
                        format!("the term runs on until {en} ({d}), after the end on {end}"),
                    )],
                });
                end = d;
            }
            Some(_) => {}
            None if ctx.as_of > end => {
                steps.push(Step::Note {
                    zh: format!(
                        "原届满日 {end} 已过，但“{}”尚未发生：服务期延续至该事件发生，截至 {} 仍在履行",
                        l.zh, ctx.as_of
                    ),
                    en: format!(
                        "the end on {end} has passed but {en} has not happened: the term is extended pending it and is still running on {}",
                        ctx.as_of
                    ),
                });
                end = ctx.as_of;
            }
            None => {}
        }
    }

    Some((
        TermResult {
            clause,
            start,
            end,
            notice_by,
            renewals,
            steps,
        },
        end,
    ))
}

/// The term's end after `renewals` renewals: the length, then the renewals' lengths, counted
/// from the start as one period ([`Ctx::period`]); the final last day moves past days off unless
/// the clause switches the move off. None when the length is in minutes or hours, or too large.
pub fn end_after(ctx: &Ctx<'_>, start: NaiveDate, term: &Term, renewals: u32) -> Option<Deadline> {
    let mut lengths = vec![length(term.length)?];
    if renewals > 0 {
        let r = length(term.renewal.as_ref()?.length)?;
        lengths.push(Length {
            n: r.n.checked_mul(i64::from(renewals))?,
            unit: r.unit,
        });
    }
    ctx.period(start, &lengths, !term.no_holiday_extension, None)
}

fn renewal_step(
    end: NaiveDate,
    next: NaiveDate,
    length: Span,
    notice: Span,
    by: Option<NaiveDate>,
) -> Step {
    let by_zh = by.map(|b| format!("（{b} 前）")).unwrap_or_default();
    let by_en = by.map(|b| format!(" (by {b})")).unwrap_or_default();
    Step::DateFound {
        what: label("自动续期", "automatic renewal"),
        date: next,
        how: vec![label(
            format!(
                "届满前 {}{by_zh}未收到不续约通知：自 {end} 起自动续期 {}，至 {next}",
                span_zh(notice),
                span_zh(length)
            ),
            format!(
                "no notice of non-renewal {} before the end{by_en}: renewed from {end} by {}, to {next}",
                span_en(notice),
                span_en(length)
            ),
        )],
    }
}
