//! Days late that count: where accrual stops, which days an excuse takes out, which first days
//! are free, and what a piecewise schedule of daily rates makes of the rest.
//!
//! Why a module of its own: a plain per-day penalty is `rate × base × days` (formula.rs keeps
//! that path unchanged); the v2 amounts (`stop_at`, a recorded excuse from a date, `start_after`,
//! `schedule`) all change *which* days count and at what rate, and the same counting serves the
//! line, the day a threshold is reached and the exposure curve.
//!
//! Days are numbered from the first day late (1, 2, …), excused days left out: an excused day is
//! not a day of the payer's delay, so the band "from day 11" is the payer's 11th day of delay.

use chrono::NaiveDate;

use super::super::context::Ctx;
use super::formula::{day_after, mul_int, Steps};
use super::occurrences::{excuse_id, Excusal, Late};
use crate::domain::contract::{Band, Excuse};
use crate::domain::money::{Amount, Rate};
use crate::domain::report::{BandPart, Step};

/// A band of daily amounts: days `from`..=`to` (open without `to`) at `daily`.
#[derive(Clone, Debug, PartialEq)]
pub struct DayBand {
    pub from: i64,
    pub to: Option<i64>,
    pub rate: Rate,
    pub daily: Amount,
}

/// The bands of a per-day formula for a base: its schedule, or its one rate from day 1.
pub fn day_bands(rate: Option<Rate>, schedule: &[Band], base: Amount) -> Option<Vec<DayBand>> {
    let one = rate.map(|r| Band {
        from: 1,
        to: None,
        rate: r,
    });
    let bands: Vec<Band> = if schedule.is_empty() {
        one.into_iter().collect()
    } else {
        schedule.to_vec()
    };
    bands
        .iter()
        .map(|b| {
            Some(DayBand {
                from: i64::from(b.from),
                to: b.to.map(i64::from),
                rate: b.rate,
                daily: base.checked_mul_rate(b.rate)?,
            })
        })
        .collect()
}

/// Days of `lo..=hi` inside a band.
fn overlap(b: &DayBand, lo: i64, hi: i64) -> i64 {
    let a = b.from.max(lo);
    let z = b.to.map_or(hi, |t| t.min(hi));
    (z - a + 1).max(0)
}

/// The penalty of `k` counted days, the first `free` free: each band's days at its rate
/// (`whole` false), or every charged day at the rate of day `k`'s band. None on overflow.
pub fn banded(k: i64, free: i64, bands: &[DayBand], whole: bool) -> Option<Amount> {
    let charged = (k - free).max(0);
    if charged == 0 {
        return Some(Amount::ZERO);
    }
    if whole {
        let b = bands.iter().find(|b| overlap(b, k, k) == 1)?;
        return mul_int(b.daily, charged);
    }
    let mut total = Amount::ZERO;
    for b in bands {
        let n = overlap(b, free + 1, k);
        if n > 0 {
            total = total.checked_add(mul_int(b.daily, n)?)?;
        }
    }
    Some(total)
}

/// The parts of [`banded`] for the explanation.
pub fn parts(k: i64, free: i64, bands: &[DayBand], whole: bool) -> Option<Vec<BandPart>> {
    let charged = (k - free).max(0);
    if whole {
        let Some(b) = bands.iter().find(|b| overlap(b, k, k) == 1) else {
            return Some(Vec::new());
        };
        return Some(vec![BandPart {
            from: 1,
            to: k,
            days: charged,
            rate: b.rate,
            amount: mul_int(b.daily, charged)?,
        }]);
    }
    let mut out = Vec::new();
    for b in bands.iter().filter(|b| b.from <= k) {
        let days = overlap(b, free + 1, k);
        out.push(BandPart {
            from: b.from,
            to: b.to.map_or(k, |t| t.min(k)),
            days,
            rate: b.rate,
            amount: mul_int(b.daily, days)?,
        });
    }
    Some(out)
}

/// The counted days of a lateness: the stretches `(after, last)` (days after `after` up to
/// `last`, inclusive) that remain once accrual stops and excused days are taken out.
#[derive(Clone, Debug, PartialEq)]
pub struct Counted {
    /// The last day counted (the end, or the stop when earlier).
    pub until: NaiveDate,
    /// Days from the due date to `until`, before excused days are taken out.
    pub gross: i64,
    /// Days counted.
    pub days: i64,
    pub stretches: Vec<(NaiveDate, NaiveDate)>,
    /// The stop, when it cut the lateness short.
    pub stopped: Option<NaiveDate>,
    /// The excused days taken out: (excuse, first day, last day, days).
    pub cuts: Vec<(Excuse, NaiveDate, NaiveDate, i64)>,
}

impl Counted {
    /// The steps of the count: the stop, the days late, each excused stretch.
    pub(crate) fn steps(&self, late: &Late, working: bool, steps: &mut Steps) {
        if let Some(on) = self.stopped {
            steps.push(|| Step::AccrualStopped { on });
        }
        steps.push(|| Step::DaysLate {
            due: late.due,
            until: self.until,
            days: self.gross,
            working_days: working,
        });
        for (excuse, from, until, days) in &self.cuts {
            steps.push(|| Step::ExcusedDays {
                excuse: excuse_id(*excuse).to_string(),
                from: *from,
                until: *until,
                days: *days,
                working_days: working,
            });
        }
    }
}

/// (Working) days after `a` up to `b`.
fn between(ctx: &Ctx<'_>, a: NaiveDate, b: NaiveDate, working: bool) -> i64 {
    if b <= a {
        return 0;
    }
    if working {
        ctx.calendar.working_days_between(a, b).max(0)
    } else {
        (b - a).num_days()
    }
}

/// Counts a lateness: up to `stop`, without the excused windows.
pub fn count(
    ctx: &Ctx<'_>,
    late: &Late,
    stop: Option<NaiveDate>,
    excused: &[Excusal],
    working: bool,
) -> Counted {
    let mut until = late.until;
    let stopped = stop.filter(|s| *s < until);
    if let Some(s) = stopped {
        until = s.max(late.due);
    }
    let mut cuts = Vec::new();
    // Excused windows clipped to the lateness, in order, merged where they overlap.
    let mut windows: Vec<(NaiveDate, NaiveDate, &Excusal)> = excused
        .iter()
        .filter_map(|x| {
            let first = x.from.unwrap_or(late.due).max(late.due.succ_opt()?);
            let last = x.until.unwrap_or(until).min(until);
            (first <= last).then_some((first, last, x))
        })
        .collect();
    crate::domain::order::sort_by(&mut windows, |a, b| a.0.cmp(&b.0));
    let mut stretches = Vec::new();
    let mut after = late.due;
    let mut days = 0i64;
    for (first, last, x) in windows {
        let Some(before_first) = first.pred_opt() else {
            continue;
        };
        if last <= after {
            continue;
        }
        let start = before_first.max(after);
        if start > after {
            stretches.push((after, start));
            days += between(ctx, after, start, working);
        }
        let cut = between(ctx, start, last, working);
        let shown_from = start.succ_opt().unwrap_or(start);
        cuts.push((x.excuse, shown_from, last, cut));
        after = last;
    }
    if until > after {
        stretches.push((after, until));
        days += between(ctx, after, until, working);
    }
    Counted {
        until,
        gross: between(ctx, late.due, until, working),
        days,
        stretches,
        stopped,
        cuts,
    }
}

/// The day the `k`-th counted day falls on.
pub fn kth_day(
    ctx: &Ctx<'_>,
    stretches: &[(NaiveDate, NaiveDate)],
    k: i64,
    working: bool,
) -> Option<NaiveDate> {
    let mut left = k;
    for (after, last) in stretches {
        let n = between(ctx, *after, *last, working);
        if left <= n {
            return day_after(ctx, *after, left, working);
        }
        left -= n;
    }
    None
}
