//! The period a date falls in: a day, a calendar week, month, quarter or year, or a contract
//! year.
//!
//! Why one place: shared caps and escalation count "per period", the consecutive trigger needs
//! to know whether two periods follow each other, and the period's fee needs a period's first
//! and last day. Each period has a number (`key`) such that the next period's is one more, and
//! a label in both languages.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::context::{label, Ctx};
use crate::domain::contract::{Label, Period};

/// The number of the period `d` falls in; consecutive periods have consecutive numbers.
pub fn key(ctx: &Ctx<'_>, p: Period, d: NaiveDate) -> i64 {
    let y = i64::from(d.year());
    match p {
        Period::Day => i64::from(d.num_days_from_ce()),
        Period::Week => {
            let monday =
                i64::from(d.num_days_from_ce()) - i64::from(d.weekday().num_days_from_monday());
            monday.div_euclid(7)
        }
        Period::Month => y * 12 + i64::from(d.month0()),
        Period::Quarter => y * 4 + i64::from(d.month0() / 3),
        Period::CalendarYear => y,
        Period::ContractYear => i64::from(ctx.contract_year(d)),
    }
}

/// The first day of the calendar period containing `d` (a contract year: its anniversary).
pub fn start(ctx: &Ctx<'_>, p: Period, d: NaiveDate) -> Option<NaiveDate> {
    match p {
        Period::Day => Some(d),
        Period::Week => {
            d.checked_sub_days(Days::new(u64::from(d.weekday().num_days_from_monday())))
        }
        Period::Month => NaiveDate::from_ymd_opt(d.year(), d.month(), 1),
        Period::Quarter => NaiveDate::from_ymd_opt(d.year(), (d.month0() / 3) * 3 + 1, 1),
        Period::CalendarYear => NaiveDate::from_ymd_opt(d.year(), 1, 1),
        Period::ContractYear => {
            let s = ctx
                .event_date("term_start")
                .or_else(|| ctx.event_date("signing"))?;
            let years = ctx.contract_year(d).saturating_sub(1);
            s.checked_add_months(Months::new(years.checked_mul(12)?))
        }
    }
}

/// The first day of the period after the one starting on `p`.
pub fn next(p: Period, first: NaiveDate) -> Option<NaiveDate> {
    match p {
        Period::Day => first.succ_opt(),
        Period::Week => first.checked_add_days(Days::new(7)),
        Period::Month => first.checked_add_months(Months::new(1)),
        Period::Quarter => first.checked_add_months(Months::new(3)),
        Period::CalendarYear | Period::ContractYear => first.checked_add_months(Months::new(12)),
    }
}

/// The first and last day of the period containing `d`.
pub fn bounds(ctx: &Ctx<'_>, p: Period, d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let s = start(ctx, p, d)?;
    Some((s, next(p, s)?.pred_opt()?))
}

/// The months a period has (None for days and weeks).
pub fn months(p: Period) -> Option<u32> {
    match p {
        Period::Day | Period::Week => None,
        Period::Month => Some(1),
        Period::Quarter => Some(3),
        Period::CalendarYear | Period::ContractYear => Some(12),
    }
}

/// The period containing `d`, named: "2023年第3季度" / "2023 Q3".
pub fn name(ctx: &Ctx<'_>, p: Period, d: NaiveDate) -> Label {
    let y = d.year();
    match p {
        Period::Day => label(d.to_string(), d.to_string()),
        Period::Week => {
            let (s, e) = bounds(ctx, p, d).unwrap_or((d, d));
            label(format!("{s}至{e}当周"), format!("the week {s} to {e}"))
        }
        Period::Month => label(
            format!("{y}年{}月", d.month()),
            format!("{y}-{:02}", d.month()),
        ),
        Period::Quarter => {
            let q = d.month0() / 3 + 1;
            label(format!("{y}年第{q}季度"), format!("{y} Q{q}"))
        }
        Period::CalendarYear => label(format!("{y}年度"), format!("the year {y}")),
        Period::ContractYear => {
            let n = ctx.contract_year(d);
            label(format!("第{n}合同年度"), format!("contract year {n}"))
        }
    }
}

/// The period kind, named: "季度" / "quarter".
pub fn kind_name(p: Period) -> Label {
    match p {
        Period::Day => label("日", "day"),
        Period::Week => label("周", "week"),
        Period::Month => label("月", "month"),
        Period::Quarter => label("季度", "quarter"),
        Period::CalendarYear => label("自然年", "calendar year"),
        Period::ContractYear => label("合同年度", "contract year"),
    }
}
