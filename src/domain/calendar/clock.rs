//! Clocks: how an SLA duration is counted.
//!
//! "4小时内响应" means different things under different service levels: 7×24 counts every
//! hour; 5×8 counts 09:00–17:00 on working days; "working hours" counts the agreed windows on
//! working days. Working days come from the [`Calendar`], so a State Council make-up Saturday
//! counts and a holiday does not. Window arithmetic is done in whole seconds and skips whole
//! working days arithmetically, so long durations cost no more than short ones.

use chrono::{NaiveDate, NaiveDateTime, TimeDelta, Timelike};
use serde::Serialize;

use super::error::CalendarError;
use super::hours::{WorkingHours, DAY_SECS};
use super::Calendar;
use crate::domain::lang::{Lang, Localize};

/// How time is counted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "clock", content = "hours", rename_all = "snake_case")]
pub enum Clock {
    /// 7×24: every second counts.
    #[default]
    Continuous,
    /// 5×8: 09:00–17:00 on the calendar's working days.
    FiveByEight,
    /// The given windows on the calendar's working days.
    WorkingHours(WorkingHours),
}

fn describe(d: TimeDelta) -> String {
    format!("{} seconds", d.num_seconds())
}

/// Consumes `remaining` seconds from `from` (seconds from midnight) through the windows;
/// returns the end (seconds from midnight, possibly 86 400) if it is reached that day.
fn consume(wh: &WorkingHours, from: u32, remaining: &mut i64) -> Option<u32> {
    for w in wh.windows() {
        let (ws, we) = (w.start_seconds(), w.end_seconds());
        if we <= from {
            continue;
        }
        let s = ws.max(from);
        let avail = i64::from(we - s);
        if *remaining <= avail {
            let r = u32::try_from(*remaining).ok()?;
            return Some(s + r);
        }
        *remaining -= avail;
    }
    None
}

fn at_secs(date: NaiveDate, secs: u32) -> Option<NaiveDateTime> {
    date.and_hms_opt(0, 0, 0)?
        .checked_add_signed(TimeDelta::try_seconds(i64::from(secs))?)
}

impl Clock {
    /// Reads a clock: `7x24` / `7×24`, `5x8` / `5×8`, `working-hours` (the standard windows
    /// 08:00–12:00, 13:30–17:30) or `working-hours:08:00-12:00,13:30-17:30` (case-insensitive;
    /// `工作时间` also works).
    ///
    /// # Errors
    /// [`CalendarError::InvalidClock`] naming the input, or
    /// [`CalendarError::InvalidWorkingHours`] for bad windows.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::calendar::{Clock, WorkingHours};
    /// assert_eq!(Clock::parse("7×24").unwrap(), Clock::Continuous);
    /// assert_eq!(Clock::parse("5x8").unwrap(), Clock::FiveByEight);
    /// assert_eq!(
    ///     Clock::parse("working-hours").unwrap(),
    ///     Clock::WorkingHours(WorkingHours::standard())
    /// );
    /// assert!(Clock::parse("6x9").unwrap_err().to_string().contains("6x9"));
    /// ```
    pub fn parse(s: &str) -> Result<Clock, CalendarError> {
        let t = s.trim().to_lowercase();
        let t = t.replace(['×', '*', 'X'], "x");
        match t.as_str() {
            "7x24" | "24x7" | "continuous" => return Ok(Clock::Continuous),
            "5x8" => return Ok(Clock::FiveByEight),
            "working-hours" | "working_hours" | "workinghours" | "工作时间" => {
                return Ok(Clock::WorkingHours(WorkingHours::standard()))
            }
            _ => {}
        }
        for prefix in ["working-hours", "working_hours", "工作时间"] {
            if let Some(rest) = t.strip_prefix(prefix) {
                if let Some(spec) = rest.strip_prefix([':', '：', '=']) {
                    return WorkingHours::parse(spec).map(Clock::WorkingHours);
                }
            }
        }
        Err(CalendarError::InvalidClock {
            input: s.to_string(),
        })
    }

    fn hours(&self) -> Option<WorkingHours> {
        match self {
            Clock::Continuous => None,
            Clock::FiveByEight => Some(WorkingHours::nine_to_five()),
            Clock::WorkingHours(wh) => Some(wh.clone()),
        }
    }

    /// The time counted under the clock between `from` and `to`; zero if `to <= from`.
    ///
    /// Windowed clocks count whole seconds.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::calendar::{parse_datetime, Calendar, Clock};
    /// let cal = Calendar::china();
    /// let t = |s| parse_datetime(s).unwrap();
    /// // Friday 16:00 to Monday 10:00 under 5×8: 1 h on Friday + 1 h on Monday.
    /// let d = Clock::FiveByEight.elapsed(&cal, t("2024-03-01 16:00"), t("2024-03-04 10:00"));
    /// assert_eq!(d.num_hours(), 2);
    /// ```
    pub fn elapsed(&self, cal: &Calendar, from: NaiveDateTime, to: NaiveDateTime) -> TimeDelta {
        if to <= from {
            return TimeDelta::zero();
        }
        let Some(wh) = self.hours() else {
            return to.signed_duration_since(from);
        };
        let (fd, td) = (from.date(), to.date());
        let (fs, ts) = (
            from.time().num_seconds_from_midnight(),
            to.time().num_seconds_from_midnight(),
        );
        let secs = if fd == td {
            if cal.is_working_day(fd) {
                wh.overlap(fs, ts)
            } else {
                0
            }
        } else {
            let first = if cal.is_working_day(fd) {
                wh.overlap(fs, DAY_SECS)
            } else {
                0
            };
            let last = if cal.is_working_day(td) {
                wh.overlap(0, ts)
            } else {
                0
            };
            let middle = td
                .pred_opt()
                .map(|before| cal.working_days_between(fd, before))
                .unwrap_or(0);
            first + last + middle.saturating_mul(wh.seconds_per_day())
        };
        TimeDelta::try_seconds(secs).unwrap_or(TimeDelta::MAX)
    }

    /// The instant at which `d`, counted under the clock from `start`, ends.
    ///
    /// If it ends exactly at the end of a window, the answer is that end (e.g. 12:00), not the
    /// start of the next window. A zero duration answers `start`.
    ///
    /// # Errors
    /// [`CalendarError::NegativeDuration`] for `d < 0`; [`CalendarError::OutOfRange`] if the end
    /// lies beyond chrono's date range.
    ///
    /// # Example
    /// ```
    /// use chrono::TimeDelta;
    /// use lvyue::domain::calendar::{parse_datetime, Calendar, Clock};
    /// let cal = Calendar::china();
    /// let t = |s| parse_datetime(s).unwrap();
    /// let wh = Clock::parse("working-hours").unwrap();
    /// // 10:00 + 4 h: 2 h until 12:00, lunch, 2 h from 13:30.
    /// let end = wh.add(&cal, t("2024-03-01 10:00"), TimeDelta::hours(4)).unwrap();
    /// assert_eq!(end, t("2024-03-01 15:30"));
    /// ```
    pub fn add(
        &self,
        cal: &Calendar,
        start: NaiveDateTime,
        d: TimeDelta,
    ) -> Result<NaiveDateTime, CalendarError> {
        if d < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration {
                seconds: d.num_seconds(),
            });
        }
        let out_of_range = || CalendarError::OutOfRange {
            start,
            amount: describe(d),
        };
        let Some(wh) = self.hours() else {
            return start.checked_add_signed(d).ok_or_else(out_of_range);
        };
        let mut remaining = d.num_seconds();
        if remaining == 0 {
            return Ok(start);
        }
        let date = start.date();
        if cal.is_working_day(date) {
            let from = start.time().num_seconds_from_midnight();
            if let Some(end) = consume(&wh, from, &mut remaining) {
                return at_secs(date, end).ok_or_else(out_of_range);
            }
        }
        let daily = wh.seconds_per_day();
        if daily <= 0 {
            return Err(out_of_range());
        }
        // Whole working days consumed entirely, leaving 0 < remaining <= daily.
        let full = (remaining - 1) / daily;
        remaining -= full * daily;
        let full = u64::try_from(full).map_err(|_| out_of_range())?;
        let last_full = cal
            .checked_add_working_days(date, full)
            .ok_or_else(out_of_range)?;
        let day = cal
            .checked_add_working_days(last_full, 1)
            .ok_or_else(out_of_range)?;
        let end = consume(&wh, 0, &mut remaining).ok_or_else(out_of_range)?;
        at_secs(day, end).ok_or_else(out_of_range)
    }
}

impl Localize for Clock {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (Clock::Continuous, Lang::Zh) => "7×24（连续计时）：每天24小时、每周7天都计入".into(),
            (Clock::Continuous, Lang::En) => {
                "7×24 (continuous): every hour of every day counts".into()
            }
            (Clock::FiveByEight, Lang::Zh) => {
                "5×8：只计工作日（含调休上班日，不含周末和法定节假日）09:00–17:00".into()
            }
            (Clock::FiveByEight, Lang::En) => {
                "5×8: only 09:00–17:00 on working days counts (make-up working days included; weekends and official days off excluded)".into()
            }
            (Clock::WorkingHours(wh), Lang::Zh) => format!(
                "工作时间：只计工作日（含调休上班日，不含周末和法定节假日）{}",
                wh.localize(lang)
            ),
            (Clock::WorkingHours(wh), Lang::En) => format!(
                "working hours: only {} on working days counts (make-up working days included; weekends and official days off excluded)",
                wh.localize(lang)
            ),
        }
    }
}

/// The clock in the form [`Clock::parse`] reads: `7x24`, `5x8`, `working-hours:08:00-12:00,…`.
impl std::fmt::Display for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clock::Continuous => f.write_str("7x24"),
            Clock::FiveByEight => f.write_str("5x8"),
            Clock::WorkingHours(wh) => write!(f, "working-hours:{wh}"),
        }
    }
}
