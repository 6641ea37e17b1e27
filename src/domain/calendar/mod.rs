//! The working-day calendar of mainland China.
//!
//! Contract deadlines ("30个工作日", "N日内" extended past a holiday under Civil Code Art. 203)
//! depend on which days are working days. That is not a rule but a yearly decision: every year
//! a State Council notice moves some weekend days into working days (调休上班) and declares
//! holiday days off. So the calendar is built from data (one [`YearSchedule`] per year,
//! embedded for 2020–2026 and loadable for later years), and for a year without data it falls
//! back to "weekends only" and says so with a [`CalendarWarning`] rather than guessing.
//!
//! Counting is arithmetic, not a walk over days: weekdays are counted by formula and corrected
//! by the few special days in range, kept in a sorted index with prefix sums, so that spans of
//! years take microseconds (the page recomputes on every keystroke).
//!
//! Submodules: [`date`] reads typed dates, [`schedule`] holds the data format, [`hours`] and
//! [`clock`] count time within working hours.

pub mod clock;
pub mod date;
pub mod error;
pub mod hours;
pub mod schedule;

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use serde::{Serialize, Serializer};

pub use clock::Clock;
pub use date::{parse_date, parse_datetime, DateError};
pub use error::{CalendarError, HoursProblem, Location};
pub use hours::{Window, WorkingHours};
pub use schedule::{DayRange, Holiday, HolidayName, Notice, YearSchedule, FORMAT};

use crate::domain::lang::{Lang, Localize};

/// What kind of day a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Monday to Friday, not a day off.
    Workday,
    /// Saturday or Sunday, not otherwise scheduled.
    Weekend,
    /// An official day off (also when it falls on a weekend).
    Holiday,
    /// 调休上班: a Saturday or Sunday that is a working day.
    MakeUpWorkday,
}

impl Localize for DayKind {
    fn localize(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            DayKind::Workday => ("工作日", "working day"),
            DayKind::Weekend => ("周末休息日", "weekend"),
            DayKind::Holiday => ("法定节假日放假", "official day off"),
            DayKind::MakeUpWorkday => ("调休上班日", "make-up working day"),
        };
        lang.pick(zh, en).to_string()
    }
}

/// A note attached to a result computed over years the calendar has no data for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum CalendarWarning {
    /// No schedule for this year: only weekends are days off.
    UnknownYear {
        /// The year.
        year: i32,
    },
    /// No schedule for any year of this (long) run; reported once instead of per year.
    UnknownYears {
        /// First year.
        from: i32,
        /// Last year (inclusive).
        to: i32,
    },
}

impl Localize for CalendarWarning {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (CalendarWarning::UnknownYear { year }, Lang::Zh) => {
                format!("{year}年没有国务院放假安排数据，只按周末计算")
            }
            (CalendarWarning::UnknownYear { year }, Lang::En) => {
                format!("No State Council holiday schedule for {year}: only weekends are counted")
            }
            (CalendarWarning::UnknownYears { from, to }, Lang::Zh) => {
                format!("{from}年至{to}年没有国务院放假安排数据，只按周末计算")
            }
            (CalendarWarning::UnknownYears { from, to }, Lang::En) => format!(
                "No State Council holiday schedules for {from}–{to}: only weekends are counted"
            ),
        }
    }
}

/// Serializes a weekday as its ISO number, 1 = Monday … 7 = Sunday.
fn ser_weekday<S: Serializer>(w: &Weekday, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u32(w.number_from_monday())
}

/// The weekday's name.
pub fn weekday_name(w: Weekday, lang: Lang) -> &'static str {
    let i = w.num_days_from_monday() as usize;
    let zh = [
        "星期一",
        "星期二",
        "星期三",
        "星期四",
        "星期五",
        "星期六",
        "星期日",
    ];
    let en = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    lang.pick(zh, en).get(i).copied().unwrap_or("?")
}

/// Everything the calendar knows about one date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayInfo {
    /// The date.
    pub date: NaiveDate,
    /// Its weekday (serialized as 1 = Monday … 7 = Sunday).
    #[serde(serialize_with = "ser_weekday")]
    pub weekday: Weekday,
    /// Workday, weekend, holiday or make-up workday.
    pub kind: DayKind,
    /// The holiday a day off or make-up workday belongs to.
    pub holiday: Option<HolidayName>,
    /// Whether it is a working day.
    pub working: bool,
    /// Set when the calendar has no schedule for the year. Not part of the day's text: every
    /// shell shows it on its own, so that it stands out and is never shown twice.
    pub warning: Option<CalendarWarning>,
}

impl Localize for DayInfo {
    fn localize(&self, lang: Lang) -> String {
        let wd = weekday_name(self.weekday, lang);
        let kind = self.kind.localize(lang);
        let holiday = self
            .holiday
            .as_ref()
            .map(|h| match lang {
                Lang::Zh => format!("（{}）", h.zh),
                Lang::En => format!(" ({})", h.en),
            })
            .unwrap_or_default();
        match lang {
            Lang::Zh => format!("{} {wd}：{kind}{holiday}", self.date),
            Lang::En => format!("{}, {wd}: {kind}{holiday}", self.date),
        }
    }
}

/// A scheduled special day in the index.
#[derive(Clone, Copy, Debug)]
struct Special {
    date: NaiveDate,
    off: bool,
    year: i32,
    holiday: usize,
}

impl Special {
    /// How the day changes the weekday count: -1 for a weekday off, +1 for a weekend make-up day.
    fn delta(&self) -> i64 {
        match (self.off, is_weekend(self.date)) {
            (true, false) => -1,
            (false, true) => 1,
            _ => 0,
        }
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Number of Monday–Friday days in `[0001-01-01, d]` (negative-safe: differences are right).
fn weekdays_through(d: NaiveDate) -> i64 {
    // 0001-01-01 (day 1 from the common era) is a Monday.
    let k = i64::from(d.num_days_from_ce()) - 1;
    let q = (k + 1).div_euclid(7);
    let r = (k + 1).rem_euclid(7);
    5 * q + r.min(5)
}

/// Runs of unknown years longer than this are reported as one [`CalendarWarning::UnknownYears`].
const MAX_YEARS_WARNED_ONE_BY_ONE: i32 = 100;

/// A working-day calendar: weekends plus the State Council schedules it holds.
///
/// Its parts are shared: a copy (of [`Calendar::china`], for each call that needs one) costs
/// three reference counts, not the schedules; adding a year copies them once.
#[derive(Clone, Debug, Default)]
pub struct Calendar {
    years: Arc<BTreeMap<i32, YearSchedule>>,
    /// Special days, sorted by date, one per date.
    index: Arc<Vec<Special>>,
    /// `prefix[i]` = sum of `index[..i].delta()`.
    prefix: Arc<Vec<i64>>,
}

static CHINA: OnceLock<Calendar> = OnceLock::new();

impl Calendar {
    /// The calendar with the embedded 2020–2026 State Council schedules.
    ///
    /// The embedded files are parsed once per process; a test checks that all of them parse
    /// (a file that did not would be left out, never panic).
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use lvyue::domain::calendar::{Calendar, DayKind};
    /// let cal = Calendar::china();
    /// let d = NaiveDate::from_ymd_opt(2024, 2, 4).unwrap(); // a Sunday
    /// assert_eq!(cal.day(d).kind, DayKind::MakeUpWorkday);
    /// assert!(cal.has_year(2026) && !cal.has_year(2027));
    /// ```
    pub fn china() -> Calendar {
        CHINA
            .get_or_init(|| {
                let mut cal = Calendar::weekends_only();
                for (_, text) in schedule::EMBEDDED {
                    if let Ok(s) = YearSchedule::from_json(text) {
                        Arc::make_mut(&mut cal.years).insert(s.year, s);
                    }
                }
                cal.rebuild();
                cal
            })
            .clone()
    }

    /// A calendar without any schedule: Saturdays and Sundays are the only days off.
    pub fn weekends_only() -> Calendar {
        Calendar::default()
    }

    /// Adds a year's schedule, or replaces the schedule of that year entirely.
    ///
    /// The schedule is taken as given; use [`YearSchedule::validate`] or
    /// [`Calendar::load_schedule_json`] to check it. A date both off and a make-up day counts as
    /// off; a make-up day on a weekday changes nothing.
    pub fn add_schedule(&mut self, s: YearSchedule) {
        Arc::make_mut(&mut self.years).insert(s.year, s);
        self.rebuild();
    }

    /// Reads a `lvyue-holidays/1` file (see [`schedule`]) and adds or replaces its year.
    ///
    /// # Errors
    /// [`CalendarError`] naming the JSON path, line and column and the invalid content: malformed
    /// JSON, another format, a malformed date, a date both off and a make-up day, a make-up day
    /// that is not a weekend, a date listed twice. The calendar is unchanged on error.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use lvyue::domain::calendar::Calendar;
    /// let mut cal = Calendar::china();
    /// let year = cal.load_schedule_json(r#"{"format": "lvyue-holidays/1", "year": 2027,
    ///   "notice": {"title": "test data, not a real notice"},
    ///   "holidays": [{"name": {"zh": "元旦", "en": "New Year's Day"},
    ///                 "off": {"from": "2027-01-01", "to": "2027-01-01"}}]}"#).unwrap();
    /// assert_eq!(year, 2027);
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()));
    /// let err = cal.load_schedule_json("{\"format\": 1}").unwrap_err();
    /// assert!(err.to_string().contains("line 1"));
    /// ```
    pub fn load_schedule_json(&mut self, json: &str) -> Result<i32, CalendarError> {
        let s = YearSchedule::from_json(json)?;
        let year = s.year;
        self.add_schedule(s);
        Ok(year)
    }

    /// The schedules held, by year.
    pub fn schedules(&self) -> impl Iterator<Item = &YearSchedule> {
        self.years.values()
    }

    /// Whether the calendar holds a schedule for `year`.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    fn rebuild(&mut self) {
        // Later entries win: schedules are visited by year, and then the schedule of the date's
        // own year is visited last, so that it decides a date two notices both mention.
        let mut map: BTreeMap<NaiveDate, Special> = BTreeMap::new();
        let mut put = |sp: Special, own_pass: bool| {
            if own_pass == (sp.date.year() == sp.year) {
                map.insert(sp.date, sp);
            }
        };
        for own_pass in [false, true] {
            for (&year, s) in self.years.iter() {
                for (i, h) in s.holidays.iter().enumerate() {
                    for &m in &h.makeup {
                        put(
                            Special {
                                date: m,
                                off: false,
                                year,
                                holiday: i,
                            },
                            own_pass,
                        );
                    }
                    for d in h.off.days() {
                        put(
                            Special {
                                date: d,
                                off: true,
                                year,
                                holiday: i,
                            },
                            own_pass,
                        );
                    }
                }
            }
        }
        let index: Vec<Special> = map.into_values().collect();
        let mut prefix = Vec::with_capacity(index.len() + 1);
        let mut acc = 0;
        prefix.push(0);
        for sp in &index {
            acc += sp.delta();
            prefix.push(acc);
        }
        self.index = Arc::new(index);
        self.prefix = Arc::new(prefix);
    }

    fn special(&self, date: NaiveDate) -> Option<&Special> {
        self.index
            .binary_search_by_key(&date, |s| s.date)
            .ok()
            .and_then(|i| self.index.get(i))
    }

    fn holiday_name(&self, sp: &Special) -> Option<&HolidayName> {
        self.years
            .get(&sp.year)
            .and_then(|s| s.holidays.get(sp.holiday))
            .map(|h| &h.name)
    }

    /// Everything known about `date`: its kind, holiday and whether it is a working day.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use lvyue::domain::calendar::Calendar;
    /// use lvyue::domain::{Lang, Localize};
    /// let info = Calendar::china().day(NaiveDate::from_ymd_opt(2024, 2, 4).unwrap());
    /// assert_eq!(info.localize(Lang::Zh), "2024-02-04 星期日：调休上班日（春节）");
    /// assert_eq!(info.localize(Lang::En), "2024-02-04, Sunday: make-up working day (Spring Festival)");
    /// ```
    pub fn day(&self, date: NaiveDate) -> DayInfo {
        let weekday = date.weekday();
        let (kind, holiday) = match self.special(date) {
            Some(sp) if sp.off => (DayKind::Holiday, self.holiday_name(sp).cloned()),
            Some(sp) if is_weekend(date) => {
                (DayKind::MakeUpWorkday, self.holiday_name(sp).cloned())
            }
            _ if is_weekend(date) => (DayKind::Weekend, None),
            _ => (DayKind::Workday, None),
        };
        let warning = (!self.has_year(date.year()))
            .then_some(CalendarWarning::UnknownYear { year: date.year() });
        DayInfo {
            date,
            weekday,
            kind,
            holiday,
            working: matches!(kind, DayKind::Workday | DayKind::MakeUpWorkday),
            warning,
        }
    }

    /// Whether `date` is a working day (a make-up workday is one).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        match self.special(date) {
            Some(sp) => !sp.off,
            None => !is_weekend(date),
        }
    }

    /// The first working day strictly after `date`.
    ///
    /// Saturates at `NaiveDate::MAX` at the very end of chrono's range; use
    /// [`Calendar::checked_add_working_days`] to detect that.
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        self.add_working_days(date, 1)
    }

    /// Sum of the special-day corrections for dates `<= d`.
    fn correction_through(&self, d: NaiveDate) -> i64 {
        let i = self.index.partition_point(|s| s.date <= d);
        self.prefix.get(i).copied().unwrap_or(0)
    }

    /// Working days `d` with `from < d <= to`; negative (minus the count of `to < d <= from`) if
    /// `to < from`. Arithmetic: takes microseconds over any span.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use lvyue::domain::calendar::Calendar;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let cal = Calendar::china();
    /// // 2024-09-30 (Mon) … 2024-10-08 (Tue): 09-30 and 10-08 work, 10-01..10-07 are off.
    /// assert_eq!(cal.working_days_between(d(2024, 9, 29), d(2024, 10, 8)), 2);
    /// assert_eq!(cal.working_days_between(d(2024, 10, 8), d(2024, 9, 29)), -2);
    /// ```
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        (weekdays_through(to) + self.correction_through(to))
            - (weekdays_through(from) + self.correction_through(from))
    }

    /// The `n`-th working day after `date` (`date` itself when `n` is 0).
    ///
    /// Saturates at `NaiveDate::MAX` if the answer lies beyond chrono's range; use
    /// [`Calendar::checked_add_working_days`] to detect that.
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use lvyue::domain::calendar::Calendar;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // National Day 2022, then the make-up Saturday 10-08 and Sunday 10-09.
    /// assert_eq!(Calendar::china().add_working_days(d(2022, 9, 26), 10), d(2022, 10, 13));
    /// ```
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> NaiveDate {
        self.checked_add_working_days(date, u64::from(n))
            .unwrap_or(NaiveDate::MAX)
    }

    /// The `n`-th working day after `date`, or `None` beyond chrono's date range.
    pub fn checked_add_working_days(&self, date: NaiveDate, n: u64) -> Option<NaiveDate> {
        if n == 0 {
            return Some(date);
        }
        let n = i64::try_from(n).ok()?;
        let count = |days: i64| -> Option<i64> {
            let d = date.checked_add_signed(TimeDelta::try_days(days)?)?;
            Some(self.working_days_between(date, d))
        };
        // Find an upper bound by doubling, then bisect for the first day reaching n.
        let mut lo: i64 = 0; // count(lo) < n
        let mut hi: i64 = n.checked_add(n / 2)?.checked_add(7)?;
        loop {
            match count(hi) {
                Some(c) if c >= n => break,
                Some(_) => {
                    lo = hi;
                    hi = hi.checked_mul(2)?;
                }
                None => {
                    // Try the last representable date before giving up.
                    let max_days = NaiveDate::MAX.signed_duration_since(date).num_days();
                    if max_days > lo && count(max_days)? >= n {
                        hi = max_days;
                        break;
                    }
                    return None;
                }
            }
        }
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if count(mid)? >= n {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        date.checked_add_signed(TimeDelta::try_days(hi)?)
    }

    /// One [`CalendarWarning::UnknownYear`] per year from `from` to `to` (either order) without
    /// a schedule; runs of more than 100 such years are reported as one
    /// [`CalendarWarning::UnknownYears`].
    ///
    /// # Example
    /// ```
    /// use chrono::NaiveDate;
    /// use lvyue::domain::calendar::{Calendar, CalendarWarning};
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let w = Calendar::china().warnings_for(d(2026, 12, 1), d(2027, 3, 1));
    /// assert_eq!(w, vec![CalendarWarning::UnknownYear { year: 2027 }]);
    /// ```
    pub fn warnings_for(&self, from: NaiveDate, to: NaiveDate) -> Vec<CalendarWarning> {
        let (a, b) = if from <= to {
            (from.year(), to.year())
        } else {
            (to.year(), from.year())
        };
        let mut out = Vec::new();
        let mut run_start: Option<i32> = None;
        let flush = |out: &mut Vec<CalendarWarning>, s: i32, e: i32| {
            if e - s + 1 > MAX_YEARS_WARNED_ONE_BY_ONE {
                out.push(CalendarWarning::UnknownYears { from: s, to: e });
            } else {
                out.extend((s..=e).map(|year| CalendarWarning::UnknownYear { year }));
            }
        };
        for y in a..=b {
            if self.has_year(y) {
                if let Some(s) = run_start.take() {
                    flush(&mut out, s, y - 1);
                }
            } else if run_start.is_none() {
                run_start = Some(y);
            }
        }
        if let Some(s) = run_start {
            flush(&mut out, s, b);
        }
        out
    }

    /// The special days (days off and make-up workdays) with `from <= date <= to`, in order.
    pub fn special_days(&self, from: NaiveDate, to: NaiveDate) -> Vec<DayInfo> {
        let i = self.index.partition_point(|s| s.date < from);
        self.index[i..]
            .iter()
            .take_while(|s| s.date <= to)
            .map(|s| self.day(s.date))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekday_formula_matches_chrono() {
        let mut d = NaiveDate::from_ymd_opt(1999, 12, 20).unwrap();
        let mut count = 0;
        let start = weekdays_through(d);
        for _ in 0..800 {
            d = d.succ_opt().unwrap();
            if !is_weekend(d) {
                count += 1;
            }
            assert_eq!(weekdays_through(d) - start, count);
        }
        // Far ends of chrono's range do not overflow.
        let _ = weekdays_through(NaiveDate::MIN);
        let _ = weekdays_through(NaiveDate::MAX);
    }

    #[test]
    fn add_working_days_at_the_end_of_time() {
        let cal = Calendar::china();
        assert_eq!(cal.checked_add_working_days(NaiveDate::MAX, 1), None);
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(cal.checked_add_working_days(NaiveDate::MIN, u64::MAX), None);
    }
}
