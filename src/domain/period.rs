//! Periods and deadlines under Civil Code Arts. 200–204.
//!
//! A contract says "within 30 days of acceptance", "one month after delivery", "10 working
//! days" or "4 hours". Whether a payment or a repair was late depends on exactly which day (or
//! instant) that period ends, and parties dispute it. So every deadline here is returned with
//! the rules applied, in order, as [`Step`]s that render in zh-CN and English and cite the
//! article:
//!
//! - Art. 201: the start day is not counted; a period in hours runs from the agreed time.
//! - Art. 202: months and years end on the corresponding day, or the month's last day.
//! - Art. 203: a last day that is a statutory day off (weekends and official days off; a
//!   make-up workday is a working day) moves to the next working day; the period ends at 24:00
//!   of its last day, or at the close of business where the contract states its working hours
//!   ([`PeriodOptions::close_of_business`]; on a working day only, since a day off has no
//!   business). A period in hours ends at an instant and never moves.
//! - Art. 204: the contract may agree otherwise, e.g. count working days or exclude Art. 203
//!   ([`PeriodOptions::holiday_extension`]).
//!
//! [`period_end`] is the one place where a period in days, working days, months or years ends:
//! the engine's payment dues, deadlines, SLA limits in days, the term's end and renewals and the
//! contract-year duties all call it, so the rules above apply to every one of them alike. A
//! period extended by further lengths (002: retention + 1 month for each major fault) is counted
//! as one period — the lengths are added from the unmoved last day (the corresponding day) and
//! Art. 203 moves only the final last day.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike, Weekday};
use serde::{Serialize, Serializer};

use crate::domain::calendar::{
    weekday_name, Calendar, CalendarError, CalendarWarning, Clock, DayKind, HolidayName,
};
use crate::domain::lang::{Lang, Localize};

/// The unit a period is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Calendar days (日/天).
    Days,
    /// Working days (工作日), by the calendar.
    WorkingDays,
    /// Months (个月).
    Months,
    /// Years (年).
    Years,
    /// Hours (小时), under a [`Clock`].
    Hours,
}

impl Unit {
    /// Reads a unit: `days`/`day`/`日`/`天`, `workdays`/`working-days`/`工作日`,
    /// `months`/`月`/`个月`, `years`/`年`, `hours`/`小时` (case-insensitive).
    ///
    /// # Errors
    /// [`PeriodError::UnknownUnit`] naming the input.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::period::Unit;
    /// assert_eq!(Unit::parse("工作日").unwrap(), Unit::WorkingDays);
    /// assert_eq!(Unit::parse("Months").unwrap(), Unit::Months);
    /// assert!(Unit::parse("weeks").unwrap_err().to_string().contains("weeks"));
    /// ```
    pub fn parse(s: &str) -> Result<Unit, PeriodError> {
        match s.trim().to_lowercase().as_str() {
            "days" | "day" | "d" | "日" | "天" | "自然日" | "日历日" => Ok(Unit::Days),
            "workdays" | "workday" | "working-days" | "working-day" | "working_days"
            | "business-days" | "工作日" | "个工作日" => Ok(Unit::WorkingDays),
            "months" | "month" | "月" | "个月" => Ok(Unit::Months),
            "years" | "year" | "年" => Ok(Unit::Years),
            "hours" | "hour" | "h" | "小时" | "时" => Ok(Unit::Hours),
            _ => Err(PeriodError::UnknownUnit {
                input: s.to_string(),
            }),
        }
    }
}

impl Localize for Unit {
    fn localize(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            Unit::Days => ("日", "days"),
            Unit::WorkingDays => ("个工作日", "working days"),
            Unit::Months => ("个月", "months"),
            Unit::Years => ("年", "years"),
            Unit::Hours => ("小时", "hours"),
        };
        lang.pick(zh, en).to_string()
    }
}

/// A length of a period: N units (never hours in [`period_end`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Length {
    /// N.
    pub n: i64,
    /// The unit.
    pub unit: Unit,
}

/// How a period is computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PeriodOptions {
    /// Art. 203: move a last day that is a day off to the next working day. Default true; a
    /// contract may switch it off (Art. 204).
    pub holiday_extension: bool,
    /// The clock for periods in hours. Default 7×24.
    pub clock: Clock,
    /// Art. 203 ¶2: the time business stops on a working day, where the contract states its
    /// working hours; a period in days then ends at that time of its last day (if that day is a
    /// working day). Default None: 24:00.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub close_of_business: Option<NaiveTime>,
}

impl Default for PeriodOptions {
    fn default() -> Self {
        PeriodOptions {
            holiday_extension: true,
            clock: Clock::Continuous,
            close_of_business: None,
        }
    }
}

/// Where a period ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineEnd {
    /// At 24:00 of this day.
    Day(NaiveDate),
    /// At this instant (periods in hours).
    Instant(NaiveDateTime),
}

fn ser_weekday<S: Serializer>(w: &Weekday, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u32(w.number_from_monday())
}

/// Why a day is not a working day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum OffReason {
    /// An ordinary Saturday or Sunday.
    Weekend,
    /// An official day off of this holiday.
    Holiday {
        /// The holiday.
        name: HolidayName,
    },
}

/// A date with the reason it is (or is not) a day off, for explanations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DayNote {
    /// The date.
    pub date: NaiveDate,
    /// Its weekday (1 = Monday … 7 = Sunday).
    #[serde(serialize_with = "ser_weekday")]
    pub weekday: Weekday,
    /// Why it is off (for a make-up workday: the holiday it belongs to).
    pub reason: OffReason,
}

impl Localize for DayNote {
    fn localize(&self, lang: Lang) -> String {
        let wd = weekday_name(self.weekday, lang);
        match (&self.reason, lang) {
            (OffReason::Weekend, Lang::Zh) => format!("{} {wd}（周末）", self.date),
            (OffReason::Weekend, Lang::En) => format!("{} {wd} (weekend)", self.date),
            (OffReason::Holiday { name }, Lang::Zh) => format!("{} {wd}（{}）", self.date, name.zh),
            (OffReason::Holiday { name }, Lang::En) => format!("{} {wd} ({})", self.date, name.en),
        }
    }
}

fn note(cal: &Calendar, date: NaiveDate) -> DayNote {
    let info = cal.day(date);
    DayNote {
        date,
        weekday: info.weekday,
        reason: match info.holiday {
            Some(name) => OffReason::Holiday { name },
            None => OffReason::Weekend,
        },
    }
}

/// One rule applied while computing a deadline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Step {
    /// N = 0: the deadline is the start day itself.
    ZeroPeriod {
        /// The start day.
        start: NaiveDate,
    },
    /// Art. 201 ¶1: the start day is not counted.
    StartNotCounted {
        /// The start day.
        start: NaiveDate,
        /// The first day counted.
        first_day: NaiveDate,
    },
    /// Days or working days counted from `first_day` to `last_day`.
    Counted {
        /// Day 1 (for working days: the first working day).
        first_day: NaiveDate,
        /// Day N.
        last_day: NaiveDate,
        /// N.
        n: i64,
        /// Days or working days.
        unit: Unit,
    },
    /// Art. 202: the corresponding day of the final month is the last day.
    CorrespondingDay {
        /// Months added (years × 12).
        months: i64,
        /// The last day.
        date: NaiveDate,
    },
    /// Art. 202: the final month has no corresponding day; its last day is the last day.
    MonthEnd {
        /// Months added (years × 12).
        months: i64,
        /// The day of month that does not exist (e.g. 31).
        missing_day: u32,
        /// The month's last day.
        date: NaiveDate,
    },
    /// The last day is a working day: no extension.
    LastDayWorking {
        /// The last day.
        date: NaiveDate,
        /// Its weekday.
        #[serde(serialize_with = "ser_weekday")]
        weekday: Weekday,
        /// Workday or make-up workday.
        kind: DayKind,
        /// For a make-up workday, its holiday.
        holiday: Option<HolidayName>,
    },
    /// Art. 203 ¶1: the last day is a day off; the period ends on the next working day.
    ExtendedPastDaysOff {
        /// The last day as counted.
        from: NaiveDate,
        /// The new last day.
        to: NaiveDate,
        /// The days off passed over.
        days: Vec<DayNote>,
    },
    /// The last day is a day off, but the contract switched Art. 203 off (Art. 204).
    ExtensionOff {
        /// The last day, kept.
        last_day: NaiveDate,
        /// Why it is a day off.
        day: DayNote,
    },
    /// Working days: the non-working days passed over, and make-up days that counted.
    WorkingDaysSkipped {
        /// Ordinary Saturdays and Sundays passed over.
        weekends: i64,
        /// Official days off passed over.
        holidays: Vec<DayNote>,
        /// Make-up weekend workdays that were counted.
        make_up_counted: Vec<DayNote>,
    },
    /// Art. 201 ¶2: a period in hours runs from the agreed time, under a clock.
    HoursFrom {
        /// The start instant.
        start: NaiveDateTime,
        /// The clock.
        clock: Clock,
    },
    /// N hours under the clock end at this instant.
    HoursCounted {
        /// N.
        n: i64,
        /// The end.
        end: NaiveDateTime,
    },
    /// Periods in hours are not extended past days off.
    NoExtensionForHours,
    /// Art. 203 ¶2: the period ends at 24:00 of its last day.
    EndsAt24 {
        /// The last day.
        date: NaiveDate,
    },
    /// Art. 203 ¶2: the period ends when business stops on its last day (the contract's
    /// working hours close then).
    EndsAtClose {
        /// The last day.
        date: NaiveDate,
        /// When business stops.
        #[serde(serialize_with = "ser_hm")]
        time: NaiveTime,
    },
    /// A further length added to the period (an extension per fault, a renewal) when its unit
    /// differs from the period's: counted on from the last day as counted, before Art. 203.
    ThenAdded {
        /// The length added.
        length: Length,
        /// The last day it was added to.
        from: NaiveDate,
        /// The new last day.
        to: NaiveDate,
    },
}

fn ser_hm<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&t.format("%H:%M"))
}

fn list(items: &[DayNote], lang: Lang) -> String {
    items
        .iter()
        .map(|d| d.localize(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

fn months_en(n: i64) -> String {
    if n == 1 {
        "1 month".to_string()
    } else {
        format!("{n} months")
    }
}

fn hm(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%Y-%m-%d %H:%M").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

impl Localize for Step {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (Step::ZeroPeriod { start }, Lang::Zh) => {
                format!("期间为 0：期限即为开始当日 {start}，不再计算或顺延")
            }
            (Step::ZeroPeriod { start }, Lang::En) => format!(
                "The period is 0, so the deadline is the start day itself, {start}; nothing is counted or extended"
            ),
            (Step::StartNotCounted { start, first_day }, Lang::Zh) => format!(
                "开始的当日 {start} 不计入，自下一日 {first_day} 开始计算（民法典第二百零一条第一款）"
            ),
            (Step::StartNotCounted { start, first_day }, Lang::En) => format!(
                "The start day {start} is not counted; counting begins the next day, {first_day} (Civil Code Art. 201 ¶1)"
            ),
            (Step::Counted { first_day, last_day, n, unit: Unit::WorkingDays }, Lang::Zh) => format!(
                "按约定以工作日计算（民法典第二百零四条）：第1个工作日为 {first_day}，第{n}个工作日 {last_day} 为期间的最后一日"
            ),
            (Step::Counted { first_day, last_day, n, unit: Unit::WorkingDays }, Lang::En) => format!(
                "Counted in working days as agreed (Civil Code Art. 204): working day 1 is {first_day}; working day {n}, {last_day}, is the last day of the period"
            ),
            (Step::Counted { first_day, last_day, n, .. }, Lang::Zh) => format!(
                "第1日为 {first_day}，第{n}日 {last_day} 为期间的最后一日"
            ),
            (Step::Counted { first_day, last_day, n, .. }, Lang::En) => format!(
                "Day 1 is {first_day}; day {n}, {last_day}, is the last day of the period"
            ),
            (Step::CorrespondingDay { months, date }, Lang::Zh) => format!(
                "{months}个月后到期月的对应日 {date} 为期间的最后一日（民法典第二百零二条）"
            ),
            (Step::CorrespondingDay { months, date }, Lang::En) => format!(
                "The corresponding day of the month {} later, {date}, is the last day of the period (Civil Code Art. 202)",
                months_en(*months)
            ),
            (Step::MonthEnd { months, missing_day, date }, Lang::Zh) => format!(
                "{months}个月后的到期月没有对应日（{missing_day}日），月末日 {date} 为期间的最后一日（民法典第二百零二条）"
            ),
            (Step::MonthEnd { months, missing_day, date }, Lang::En) => format!(
                "The month {} later has no day {missing_day}, so its last day, {date}, is the last day of the period (Civil Code Art. 202)",
                months_en(*months)
            ),
            (Step::LastDayWorking { date, weekday, kind, holiday }, Lang::Zh) => {
                let wd = weekday_name(*weekday, lang);
                match (kind, holiday) {
                    (DayKind::MakeUpWorkday, Some(h)) => format!(
                        "最后一日 {date}（{wd}）是调休上班日（{}），属于工作日，不顺延",
                        h.zh
                    ),
                    _ => format!("最后一日 {date}（{wd}）是工作日，不顺延"),
                }
            }
            (Step::LastDayWorking { date, weekday, kind, holiday }, Lang::En) => {
                let wd = weekday_name(*weekday, lang);
                match (kind, holiday) {
                    (DayKind::MakeUpWorkday, Some(h)) => format!(
                        "The last day {date} ({wd}) is a make-up working day ({}), so it is a working day: no extension",
                        h.en
                    ),
                    _ => format!("The last day {date} ({wd}) is a working day: no extension"),
                }
            }
            (Step::ExtendedPastDaysOff { from, to, days }, Lang::Zh) => format!(
                "最后一日 {from} 是法定休假日，以休假日结束的次日 {to} 为期间的最后一日（民法典第二百零三条第一款）；顺延跳过：{}",
                list(days, lang)
            ),
            (Step::ExtendedPastDaysOff { from, to, days }, Lang::En) => format!(
                "The last day {from} is a statutory day off, so the last day becomes the day after the days off end, {to} (Civil Code Art. 203 ¶1); passed over: {}",
                list(days, lang)
            ),
            (Step::ExtensionOff { last_day, day }, Lang::Zh) => format!(
                "最后一日 {last_day} 是休息日（{}），但合同约定不顺延（民法典第二百零四条），期间仍于该日届满",
                day.localize(lang)
            ),
            (Step::ExtensionOff { last_day, day }, Lang::En) => format!(
                "The last day {last_day} is a day off ({}), but the contract excludes the extension of Civil Code Art. 203 (Art. 204), so the period still ends that day",
                day.localize(lang)
            ),
            (Step::WorkingDaysSkipped { weekends, holidays, make_up_counted }, Lang::Zh) => {
                let mut s = format!("跳过的非工作日：普通周末 {weekends} 天");
                if !holidays.is_empty() {
                    s += &format!("；法定节假日 {} 天：{}", holidays.len(), list(holidays, lang));
                }
                if !make_up_counted.is_empty() {
                    s += &format!("；计入的调休上班日：{}", list(make_up_counted, lang));
                }
                s
            }
            (Step::WorkingDaysSkipped { weekends, holidays, make_up_counted }, Lang::En) => {
                let mut s = format!("Non-working days passed over: {weekends} ordinary weekend days");
                if !holidays.is_empty() {
                    s += &format!("; {} official days off: {}", holidays.len(), list(holidays, lang));
                }
                if !make_up_counted.is_empty() {
                    s += &format!("; make-up working days counted: {}", list(make_up_counted, lang));
                }
                s
            }
            (Step::HoursFrom { start, clock }, Lang::Zh) => format!(
                "按小时计算，自约定的时间 {} 开始计算（民法典第二百零一条第二款）；计时方式：{}",
                hm(*start),
                clock.localize(lang)
            ),
            (Step::HoursFrom { start, clock }, Lang::En) => format!(
                "Counted in hours from the agreed time {} (Civil Code Art. 201 ¶2); clock: {}",
                hm(*start),
                clock.localize(lang)
            ),
            (Step::HoursCounted { n, end }, Lang::Zh) => {
                format!("计满{n}小时的时刻为 {}，期间于该时刻届满", hm(*end))
            }
            (Step::HoursCounted { n, end }, Lang::En) => {
                format!("{n} hours are complete at {}, when the period ends", hm(*end))
            }
            (Step::NoExtensionForHours, Lang::Zh) => {
                "按小时计算的期间不因节假日顺延（不适用民法典第二百零三条的最后一日顺延）".to_string()
            }
            (Step::NoExtensionForHours, Lang::En) => {
                "A period in hours is not extended past days off (the last-day rule of Civil Code Art. 203 does not apply)".to_string()
            }
            (Step::EndsAt24 { date }, Lang::Zh) => format!(
                "期间于 {date} 二十四时届满（民法典第二百零三条第二款；有业务时间的，以停止业务活动的时间为截止时间）"
            ),
            (Step::EndsAt24 { date }, Lang::En) => format!(
                "The period ends at 24:00 on {date} (Civil Code Art. 203 ¶2; where there are business hours, at the close of business)"
            ),
            (Step::EndsAtClose { date, time }, Lang::Zh) => format!(
                "期间于 {date} {} 届满：合同约定的工作时间于 {} 结束，停止业务活动的时间为截止时间（民法典第二百零三条第二款）",
                time.format("%H:%M"),
                time.format("%H:%M")
            ),
            (Step::EndsAtClose { date, time }, Lang::En) => format!(
                "The period ends at {date} {}, the close of business under the contract's working hours (Civil Code Art. 203 ¶2)",
                time.format("%H:%M")
            ),
            (Step::ThenAdded { length, from, to }, Lang::Zh) => format!(
                "自 {from} 起再加 {}{}，至 {to}",
                length.n,
                length.unit.localize(lang)
            ),
            (Step::ThenAdded { length, from, to }, Lang::En) => format!(
                "{} {} more from {from}: {to}",
                length.n,
                length.unit.localize(lang)
            ),
        }
    }
}

/// A computed deadline with the rules applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The start as given, ISO (`2024-03-01` or `2024-03-01T22:00`).
    pub start: String,
    /// N (of the first length, where further lengths extend the period: see `steps`).
    pub n: i64,
    /// The unit.
    pub unit: Unit,
    /// Where the period ends.
    pub end: DeadlineEnd,
    /// For a period in days: the close of business on the last day, where it ends then instead
    /// of at 24:00 ([`PeriodOptions::close_of_business`]).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_opt_hm")]
    pub closes_at: Option<NaiveTime>,
    /// The rules applied, in order.
    pub steps: Vec<Step>,
    /// Years without holiday data in the range.
    pub warnings: Vec<CalendarWarning>,
}

fn ser_opt_hm<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => ser_hm(t, s),
        None => s.serialize_none(),
    }
}

impl Deadline {
    /// The last day of the period: the day at whose 24:00 it ends; for hours, the day of the end
    /// instant (an end at exactly 00:00 is 24:00 of the day before).
    pub fn last_day(&self) -> NaiveDate {
        match self.end {
            DeadlineEnd::Day(d) => d,
            DeadlineEnd::Instant(t) => {
                if t.num_seconds_from_midnight() == 0 && t.nanosecond() == 0 {
                    t.date().pred_opt().unwrap_or(t.date())
                } else {
                    t.date()
                }
            }
        }
    }

    /// The instant the period ends: 24:00 of the last day (00:00 of the next), the close of
    /// business on it, or the instant of a period in hours. None only past the last
    /// representable date.
    pub fn end_instant(&self) -> Option<NaiveDateTime> {
        match (self.end, self.closes_at) {
            (DeadlineEnd::Instant(t), _) => Some(t),
            (DeadlineEnd::Day(d), Some(close)) => Some(d.and_time(close)),
            (DeadlineEnd::Day(d), None) => d.succ_opt().map(|n| n.and_time(NaiveTime::MIN)),
        }
    }

    /// The explanation, one line per rule applied, then the warnings.
    pub fn explain(&self, lang: Lang) -> Vec<String> {
        self.steps
            .iter()
            .map(|s| s.localize(lang))
            .chain(self.warnings.iter().map(|w| w.localize(lang)))
            .collect()
    }
}

impl Deadline {
    /// The explanation as one sentence (for a step of a report): the rules joined by "；" in
    /// Chinese and "; " in English, each English rule after the first starting in lower case.
    pub fn explain_line(&self, lang: Lang) -> String {
        let parts = self.explain(lang);
        match lang {
            Lang::Zh => parts.join("；"),
            Lang::En => parts
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let mut c = p.chars();
                    match c.next() {
                        Some(f) if i > 0 && f.is_ascii_uppercase() => {
                            f.to_ascii_lowercase().to_string() + c.as_str()
                        }
                        _ => p.clone(),
                    }
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

impl Localize for Deadline {
    fn localize(&self, lang: Lang) -> String {
        self.explain(lang).join("\n")
    }
}

/// A period that cannot be computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum PeriodError {
    /// A negative number of units.
    Negative {
        /// The number given.
        input: i64,
        /// The unit.
        unit: Unit,
    },
    /// The end would lie beyond the representable dates.
    TooLarge {
        /// The number given.
        input: i64,
        /// The unit.
        unit: Unit,
        /// The start, ISO.
        start: String,
    },
    /// A calendar or clock error.
    Calendar(CalendarError),
    /// A period in hours needs a start time, not just a date.
    HoursNeedTime {
        /// The date given.
        start: NaiveDate,
    },
    /// A unit that is not known.
    UnknownUnit {
        /// The input.
        input: String,
    },
}

impl Localize for PeriodError {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (PeriodError::Negative { input, unit }, Lang::Zh) => {
                format!("期间不能为负数：{input}{}", unit.localize(lang))
            }
            (PeriodError::Negative { input, unit }, Lang::En) => {
                format!("a period cannot be negative: {input} {}", unit.localize(lang))
            }
            (PeriodError::TooLarge { input, unit, start }, Lang::Zh) => format!(
                "从 {start} 起 {input}{} 超出了可计算的日期范围",
                unit.localize(lang)
            ),
            (PeriodError::TooLarge { input, unit, start }, Lang::En) => format!(
                "{input} {} from {start} is beyond the range of dates that can be computed",
                unit.localize(lang)
            ),
            (PeriodError::Calendar(e), _) => e.localize(lang),
            (PeriodError::HoursNeedTime { start }, Lang::Zh) => format!(
                "按小时计算的期间需要开始的日期和时间（例如 {start}T09:30），只给了日期 {start}"
            ),
            (PeriodError::HoursNeedTime { start }, Lang::En) => format!(
                "a period in hours needs a start date and time (e.g. {start}T09:30), but only the date {start} was given"
            ),
            (PeriodError::UnknownUnit { input }, Lang::Zh) => format!(
                "未知的期间单位“{input}”：可用 日/天、工作日、个月、年、小时"
            ),
            (PeriodError::UnknownUnit { input }, Lang::En) => format!(
                "unknown period unit \"{input}\": use days, working-days, months, years or hours"
            ),
        }
    }
}

impl std::fmt::Display for PeriodError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for PeriodError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            PeriodError::Calendar(e) => Some(e),
            _ => None,
        }
    }
}

impl From<CalendarError> for PeriodError {
    fn from(e: CalendarError) -> Self {
        PeriodError::Calendar(e)
    }
}

/// The last date a deadline may fall on: 9999-12-31, the last date written `YYYY-MM-DD`.
fn last_supported() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Applies Art. 203 to a last day: returns the final last day and pushes the step.
fn extend(
    cal: &Calendar,
    last: NaiveDate,
    opts: &PeriodOptions,
    steps: &mut Vec<Step>,
    too_large: impl Fn() -> PeriodError,
) -> Result<NaiveDate, PeriodError> {
    let info = cal.day(last);
    if info.working {
        steps.push(Step::LastDayWorking {
            date: last,
            weekday: info.weekday,
            kind: info.kind,
            holiday: info.holiday,
        });
        return Ok(last);
    }
    if !opts.holiday_extension {
        steps.push(Step::ExtensionOff {
            last_day: last,
            day: note(cal, last),
        });
        return Ok(last);
    }
    let to = cal
        .checked_add_working_days(last, 1)
        .ok_or_else(&too_large)?;
    let days = last
        .iter_days()
        .take_while(|d| *d < to)
        .map(|d| note(cal, d))
        .collect();
    steps.push(Step::ExtendedPastDaysOff {
        from: last,
        to,
        days,
    });
    Ok(to)
}

/// The deadline of "N days / working days / months / years after `start`".
///
/// - Days: the start day is not counted (Art. 201); the last day is `start + N`.
/// - Months and years: the corresponding day N months (12·N for years) later, or that month's
///   last day if it has none (Art. 202).
/// - Then, if the last day is not a working day (a weekend or an official day off; a make-up
///   workday is a working day) and `opts.holiday_extension` is on, it moves to the next working
///   day (Art. 203), listing the days passed over.
/// - Working days: the N-th working day after `start` (make-up weekend days count).
/// - N = 0 answers `start` itself.
///
/// The period ends at 24:00 of the last day, or at `opts.close_of_business` on it when that day
/// is a working day (Art. 203 ¶2; [`Deadline::end_instant`]). This is [`period_end`] with one
/// length.
///
/// # Errors
/// [`PeriodError::Negative`] for N < 0; [`PeriodError::HoursNeedTime`] for [`Unit::Hours`]
/// (use [`deadline_hours`]); [`PeriodError::TooLarge`] if the end lies after 9999-12-31.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use lvyue::domain::calendar::Calendar;
/// use lvyue::domain::period::{deadline, PeriodOptions, Unit};
/// use lvyue::domain::Lang;
/// let cal = Calendar::china();
/// let start = NaiveDate::from_ymd_opt(2024, 9, 21).unwrap();
/// let d = deadline(&cal, start, 10, Unit::Days, &PeriodOptions::default()).unwrap();
/// // Day 10 is 2024-10-01, National Day: extended past 10-01..10-07 to Tuesday 10-08.
/// assert_eq!(d.last_day(), NaiveDate::from_ymd_opt(2024, 10, 8).unwrap());
/// assert!(d.explain(Lang::Zh).join("\n").contains("第二百零三条"));
/// assert!(deadline(&cal, start, -1, Unit::Days, &PeriodOptions::default()).is_err());
/// ```
pub fn deadline(
    cal: &Calendar,
    start: NaiveDate,
    n: i64,
    unit: Unit,
    opts: &PeriodOptions,
) -> Result<Deadline, PeriodError> {
    period_end(cal, start, &[Length { n, unit }], opts)
}

/// The end of a period of one or more lengths after `start`: the length the contract states,
/// then any it is extended by (002: 20 months + 1 month for each major fault).
///
/// Lengths of one kind in a row are added up first (20 months + 1 month is 21 months; years are
/// 12 months); a length of another kind is counted on from the last day as counted so far. Only
/// the final last day is moved past days off (Art. 203), so an extension counts from the
/// corresponding day, not from a day the holiday rule moved. Otherwise as [`deadline`].
///
/// # Errors
/// As [`deadline`], for any of the lengths.
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use lvyue::domain::calendar::Calendar;
/// use lvyue::domain::period::{period_end, Length, PeriodOptions, Unit};
/// let cal = Calendar::china();
/// let accepted = NaiveDate::from_ymd_opt(2023, 1, 15).unwrap();
/// let months = |n| Length { n, unit: Unit::Months };
/// // 20 months: Sunday 2024-09-15, Mid-Autumn Festival, moves to Wednesday 09-18.
/// let d = period_end(&cal, accepted, &[months(20)], &PeriodOptions::default()).unwrap();
/// assert_eq!(d.last_day(), NaiveDate::from_ymd_opt(2024, 9, 18).unwrap());
/// // Extended by a month: 2024-10-15, counted from 09-15.
/// let d = period_end(&cal, accepted, &[months(20), months(1)], &PeriodOptions::default()).unwrap();
/// assert_eq!(d.last_day(), NaiveDate::from_ymd_opt(2024, 10, 15).unwrap());
/// ```
pub fn period_end(
    cal: &Calendar,
    start: NaiveDate,
    lengths: &[Length],
    opts: &PeriodOptions,
) -> Result<Deadline, PeriodError> {
    let given = lengths.first().copied().unwrap_or(Length {
        n: 0,
        unit: Unit::Days,
    });
    let start_text = start.format("%Y-%m-%d").to_string();
    let too_large_of = |l: Length| PeriodError::TooLarge {
        input: l.n,
        unit: l.unit,
        start: start_text.clone(),
    };
    let parts = merged(start, lengths, &too_large_of)?;
    let mut steps = Vec::new();
    let mut last = start;
    let mut last_unit = None;
    for (i, part) in parts.iter().enumerate() {
        // The error names the length as given (years, not the months they are counted in).
        let too_large = || too_large_of(if i == 0 { given } else { *part });
        if i == 0 {
            let first_day = start.succ_opt().ok_or_else(too_large)?;
            steps.push(Step::StartNotCounted { start, first_day });
        }
        let to = count(cal, last, *part, &mut steps, &too_large)?;
        if i > 0 && part.unit != Unit::WorkingDays {
            steps.push(Step::ThenAdded {
                length: *part,
                from: last,
                to,
            });
        }
        last = to;
        last_unit = Some(part.unit);
    }
    match last_unit {
        None => steps.push(Step::ZeroPeriod { start }),
        // The N-th working day is a working day: nothing to move.
        Some(Unit::WorkingDays) => {}
        Some(_) => last = extend(cal, last, opts, &mut steps, || too_large_of(given))?,
    }
    if last > last_supported() {
        return Err(too_large_of(given));
    }
    let closes_at = opts.close_of_business.filter(|_| cal.is_working_day(last));
    steps.push(match closes_at {
        Some(time) => Step::EndsAtClose { date: last, time },
        None => Step::EndsAt24 { date: last },
    });
    Ok(Deadline {
        start: start_text,
        n: given.n,
        unit: given.unit,
        end: DeadlineEnd::Day(last),
        closes_at,
        steps,
        warnings: cal.warnings_for(start, last),
    })
}

/// The lengths to count, in order: checked (no negative, no hours), years as months, lengths of
/// one kind in a row added up, zero lengths dropped.
fn merged(
    start: NaiveDate,
    lengths: &[Length],
    too_large: &dyn Fn(Length) -> PeriodError,
) -> Result<Vec<Length>, PeriodError> {
    let mut out: Vec<Length> = Vec::with_capacity(lengths.len());
    for &l in lengths {
        if l.n < 0 {
            return Err(PeriodError::Negative {
                input: l.n,
                unit: l.unit,
            });
        }
        let part = match l.unit {
            Unit::Hours => return Err(PeriodError::HoursNeedTime { start }),
            Unit::Years => Length {
                n: l.n.checked_mul(12).ok_or_else(|| too_large(l))?,
                unit: Unit::Months,
            },
            _ => l,
        };
        if part.n == 0 {
            continue;
        }
        match out.last_mut() {
            Some(prev) if prev.unit == part.unit => {
                prev.n = prev.n.checked_add(part.n).ok_or_else(|| too_large(l))?;
            }
            _ => out.push(part),
        }
    }
    Ok(out)
}

/// Counts one length on from `from` (not counted): the last day as counted, before Art. 203.
fn count(
    cal: &Calendar,
    from: NaiveDate,
    part: Length,
    steps: &mut Vec<Step>,
    too_large: &dyn Fn() -> PeriodError,
) -> Result<NaiveDate, PeriodError> {
    let n = part.n;
    match part.unit {
        Unit::Days => {
            let first_day = from.succ_opt().ok_or_else(too_large)?;
            let last = TimeDelta::try_days(n)
                .and_then(|d| from.checked_add_signed(d))
                .ok_or_else(too_large)?;
            steps.push(Step::Counted {
                first_day,
                last_day: last,
                n,
                unit: Unit::Days,
            });
            Ok(last)
        }
        Unit::Months | Unit::Years => {
            // Years arrive as months (see `merged`).
            let months = n;
            let m = u32::try_from(months).map_err(|_| too_large())?;
            let last = from
                .checked_add_months(Months::new(m))
                .ok_or_else(too_large)?;
            if last.day() == from.day() {
                steps.push(Step::CorrespondingDay { months, date: last });
            } else {
                steps.push(Step::MonthEnd {
                    months,
                    missing_day: from.day(),
                    date: last,
                });
            }
            Ok(last)
        }
        Unit::WorkingDays | Unit::Hours => {
            let count = u64::try_from(n).map_err(|_| too_large())?;
            let last = cal
                .checked_add_working_days(from, count)
                .ok_or_else(too_large)?;
            let first = cal
                .checked_add_working_days(from, 1)
                .ok_or_else(too_large)?;
            let first_day = from.succ_opt().ok_or_else(too_large)?;
            let specials = cal.special_days(first_day, last);
            let days = last.signed_duration_since(from).num_days();
            let weekdays = Calendar::weekends_only().working_days_between(from, last);
            let special_weekend = specials
                .iter()
                .filter(|i| matches!(i.date.weekday(), Weekday::Sat | Weekday::Sun))
                .count() as i64;
            let holidays = specials
                .iter()
                .filter(|i| i.kind == DayKind::Holiday)
                .map(|i| note(cal, i.date))
                .collect();
            let make_up_counted = specials
                .iter()
                .filter(|i| i.kind == DayKind::MakeUpWorkday)
                .map(|i| note(cal, i.date))
                .collect();
            steps.push(Step::Counted {
                first_day: first,
                last_day: last,
                n,
                unit: Unit::WorkingDays,
            });
            steps.push(Step::WorkingDaysSkipped {
                weekends: days - weekdays - special_weekend,
                holidays,
                make_up_counted,
            });
            Ok(last)
        }
    }
}

/// The deadline of "N hours after `start`" under `opts.clock` (Art. 201 ¶2: from the agreed
/// time). No Art. 203 extension applies; the explanation says so.
///
/// # Errors
/// [`PeriodError::Negative`] for N < 0; [`PeriodError::TooLarge`] if the end lies after
/// 9999-12-31.
///
/// # Example
/// ```
/// use lvyue::domain::calendar::{parse_datetime, Calendar};
/// use lvyue::domain::period::{deadline_hours, DeadlineEnd, PeriodOptions};
/// let cal = Calendar::china();
/// let start = parse_datetime("2024-03-01T22:00").unwrap();
/// let d = deadline_hours(&cal, start, 4, &PeriodOptions::default()).unwrap();
/// assert_eq!(d.end, DeadlineEnd::Instant(parse_datetime("2024-03-02T02:00").unwrap()));
/// ```
pub fn deadline_hours(
    cal: &Calendar,
    start: NaiveDateTime,
    n: i64,
    opts: &PeriodOptions,
) -> Result<Deadline, PeriodError> {
    let unit = Unit::Hours;
    if n < 0 {
        return Err(PeriodError::Negative { input: n, unit });
    }
    let start_text = if start.second() == 0 && start.nanosecond() == 0 {
        start.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        start.format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    let too_large = || PeriodError::TooLarge {
        input: n,
        unit,
        start: start_text.clone(),
    };
    let d = TimeDelta::try_hours(n).ok_or_else(too_large)?;
    let end = opts.clock.add(cal, start, d).map_err(|e| match e {
        CalendarError::OutOfRange { .. } => too_large(),
        other => PeriodError::Calendar(other),
    })?;
    if end.date() > last_supported() {
        return Err(too_large());
    }
    let steps = vec![
        Step::HoursFrom {
            start,
            clock: opts.clock.clone(),
        },
        Step::HoursCounted { n, end },
        Step::NoExtensionForHours,
    ];
    let warnings = if opts.clock == Clock::Continuous {
        Vec::new()
    } else {
        cal.warnings_for(start.date(), end.date())
    };
    Ok(Deadline {
        start: start_text,
        n,
        unit,
        end: DeadlineEnd::Instant(end),
        closes_at: None,
        steps,
        warnings,
    })
}
