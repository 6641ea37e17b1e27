//! Errors of the calendar: a holiday file that cannot be used, working hours or a clock that
//! cannot be read, or a computation that leaves the range of representable dates.
//!
//! Each error names the offending input (and, for files, the JSON path and the line and column)
//! so that a person can fix it without reading code.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::date::DateError;
use crate::domain::lang::{Lang, Localize};

/// A position in a JSON text, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

/// Something went wrong in the calendar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum CalendarError {
    /// The JSON is malformed, misses a key, has an unknown key or a value of the wrong type.
    Json {
        /// What is wrong, in English (serde_json's message said again in our words).
        message: String,
        /// The same in Chinese.
        zh: String,
        /// Where.
        at: Option<Location>,
    },
    /// The `format` is not `lvyue-holidays/1`.
    UnsupportedFormat {
        /// The format found.
        found: String,
        /// Where.
        at: Option<Location>,
    },
    /// The year is outside 1–9998.
    YearOutOfRange {
        /// The year given.
        year: i64,
    },
    /// A date in the file is not a `YYYY-MM-DD` date.
    InvalidDate {
        /// JSON path, e.g. `holidays[1].off.from`.
        path: String,
        /// The text found.
        input: String,
        /// Where.
        at: Option<Location>,
        /// Why, when the text is not a date at all (None: a date, but not in `YYYY-MM-DD` form).
        reason: Option<Box<DateError>>,
    },
    /// A range ends before it starts.
    RangeReversed {
        /// JSON path.
        path: String,
        /// Start.
        from: NaiveDate,
        /// End.
        to: NaiveDate,
        /// Where.
        at: Option<Location>,
    },
    /// A date lies outside the schedule's year and the adjacent ones.
    DateOutsideYear {
        /// JSON path.
        path: String,
        /// The date.
        date: NaiveDate,
        /// The schedule's year.
        year: i32,
        /// Where.
        at: Option<Location>,
    },
    /// A make-up workday that is not a Saturday or Sunday.
    MakeUpNotWeekend {
        /// JSON path.
        path: String,
        /// The date.
        date: NaiveDate,
        /// ISO weekday, 1 = Monday.
        weekday: u32,
        /// Where.
        at: Option<Location>,
    },
    /// A date that is both a day off and a make-up workday.
    OffAndMakeUp {
        /// JSON path of the make-up day.
        path: String,
        /// JSON path of the range that makes it a day off.
        other: String,
        /// The date.
        date: NaiveDate,
        /// Where.
        at: Option<Location>,
    },
    /// A date listed twice.
    DuplicateDay {
        /// JSON path of the second mention.
        path: String,
        /// JSON path of the first.
        other: String,
        /// The date.
        date: NaiveDate,
        /// Where.
        at: Option<Location>,
    },
    /// Working hours that cannot be read.
    InvalidWorkingHours {
        /// The whole input.
        input: String,
        /// The part at fault (may equal the input).
        part: String,
        /// What is wrong.
        problem: HoursProblem,
    },
    /// A clock name that is not known.
    InvalidClock {
        /// The input.
        input: String,
    },
    /// A negative duration was given.
    NegativeDuration {
        /// The duration in seconds.
        seconds: i64,
    },
    /// The result would lie beyond the dates chrono can represent (year ±262143).
    OutOfRange {
        /// Where the computation started.
        start: NaiveDateTime,
        /// The amount that was added, described (e.g. `1000000000 working days`).
        amount: String,
    },
}

/// What is wrong with a working-hours text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HoursProblem {
    /// No window at all.
    Empty,
    /// Not of the form `HH:MM-HH:MM`.
    NotAWindow,
    /// A time is not `HH:MM` in 00:00–24:00.
    BadTime,
    /// The start is not before the end.
    StartNotBeforeEnd,
    /// Two windows overlap.
    Overlap,
}

fn at_zh(at: &Option<Location>) -> String {
    at.map(|l| format!("（第{}行第{}列）", l.line, l.column))
        .unwrap_or_default()
}

fn at_en(at: &Option<Location>) -> String {
    at.map(|l| format!(" (line {}, column {})", l.line, l.column))
        .unwrap_or_default()
}

/// The name of an ISO weekday number (1 = Monday), by the calendar's one table of names.
fn iso_weekday_name(n: u32, lang: Lang) -> &'static str {
    u8::try_from(n.wrapping_sub(1))
        .ok()
        .and_then(|i| chrono::Weekday::try_from(i).ok())
        .map_or("?", |w| super::weekday_name(w, lang))
}

impl Localize for HoursProblem {
    fn localize(&self, lang: Lang) -> String {
        let (zh, en) = match self {
            HoursProblem::Empty => ("没有任何时段", "no window given"),
            HoursProblem::NotAWindow => (
                "应写成 HH:MM-HH:MM，多个时段用逗号分隔",
                "expected HH:MM-HH:MM, windows separated by commas",
            ),
            HoursProblem::BadTime => (
                "时间应为 00:00–24:00 之间的 HH:MM",
                "a time must be HH:MM between 00:00 and 24:00",
            ),
            HoursProblem::StartNotBeforeEnd => (
                "开始时间必须早于结束时间",
                "the start must be before the end",
            ),
            HoursProblem::Overlap => ("时段互相重叠", "windows overlap"),
        };
        lang.pick(zh, en).to_string()
    }
}

impl Localize for CalendarError {
    fn localize(&self, lang: Lang) -> String {
        use CalendarError as E;
        match lang {
            Lang::Zh => match self {
                E::Json { zh, at, .. } => format!("放假安排文件有误{}：{zh}", at_zh(at)),
                E::UnsupportedFormat { found, at } => format!(
                    "放假安排文件的格式“{found}”不受支持{}，应为“lvyue-holidays/1”",
                    at_zh(at)
                ),
                E::YearOutOfRange { year } => format!("年份 {year} 超出范围（1–9998）"),
                E::InvalidDate { path, input, at, reason } => match reason {
                    Some(r) => format!("{path}{}：“{input}”不是日期：{}", at_zh(at), r.localize(lang)),
                    None => format!("{path}{}：“{input}”应写成 YYYY-MM-DD", at_zh(at)),
                },
                E::RangeReversed { path, from, to, at } => {
                    format!("{path}{}：结束日 {to} 早于开始日 {from}", at_zh(at))
                }
                E::DateOutsideYear { path, date, year, at } => format!(
                    "{path}{}：{date} 不在 {year} 年及相邻年份内",
                    at_zh(at)
                ),
                E::MakeUpNotWeekend { path, date, weekday, at } => format!(
                    "{path}{}：调休上班日 {date} 是{}，不是周六或周日",
                    at_zh(at),
                    iso_weekday_name(*weekday, Lang::Zh)
                ),
                E::OffAndMakeUp { path, other, date, at } => format!(
                    "{path}{}：{date} 既是放假日（{other}）又是调休上班日",
                    at_zh(at)
                ),
                E::DuplicateDay { path, other, date, at } => {
                    format!("{path}{}：{date} 重复列出（已见于 {other}）", at_zh(at))
                }
                E::InvalidWorkingHours { input, part, problem } => {
                    format!("工作时间“{input}”无法读取：“{part}”{}", problem.localize(lang))
                }
                E::InvalidClock { input } => format!(
                    "计时方式“{input}”未知：可用 7x24、5x8、working-hours 或 working-hours:08:00-12:00,13:30-17:30"
                ),
                E::NegativeDuration { seconds } => format!("时长不能为负数（{seconds} 秒）"),
                E::OutOfRange { start, amount } => {
                    format!("从 {start} 起加 {amount} 超出了可表示的日期范围")
                }
            },
            Lang::En => match self {
                E::Json { message, at, .. } => {
                    format!("the holiday file is not valid JSON{}: {message}", at_en(at))
                }
                E::UnsupportedFormat { found, at } => format!(
                    "the holiday file's format \"{found}\"{} is not supported; expected \"lvyue-holidays/1\"",
                    at_en(at)
                ),
                E::YearOutOfRange { year } => format!("year {year} is out of range (1–9998)"),
                E::InvalidDate { path, input, at, reason } => match reason {
                    Some(r) => format!("{path}{}: \"{input}\" is not a date: {}", at_en(at), r.localize(lang)),
                    None => format!("{path}{}: \"{input}\" must be written YYYY-MM-DD", at_en(at)),
                },
                E::RangeReversed { path, from, to, at } => {
                    format!("{path}{}: the end {to} is before the start {from}", at_en(at))
                }
                E::DateOutsideYear { path, date, year, at } => format!(
                    "{path}{}: {date} is outside {year} and its adjacent years",
                    at_en(at)
                ),
                E::MakeUpNotWeekend { path, date, weekday, at } => format!(
                    "{path}{}: the make-up workday {date} is a {}, not a Saturday or Sunday",
                    at_en(at),
                    iso_weekday_name(*weekday, Lang::En)
                ),
                E::OffAndMakeUp { path, other, date, at } => format!(
                    "{path}{}: {date} is both a day off ({other}) and a make-up workday",
                    at_en(at)
                ),
                E::DuplicateDay { path, other, date, at } => {
                    format!("{path}{}: {date} is listed twice (also in {other})", at_en(at))
                }
                E::InvalidWorkingHours { input, part, problem } => format!(
                    "cannot read the working hours \"{input}\": \"{part}\": {}",
                    problem.localize(lang)
                ),
                E::InvalidClock { input } => format!(
                    "unknown clock \"{input}\": use 7x24, 5x8, working-hours or working-hours:08:00-12:00,13:30-17:30"
                ),
                E::NegativeDuration { seconds } => {
                    format!("a duration cannot be negative ({seconds} seconds)")
                }
                E::OutOfRange { start, amount } => format!(
                    "adding {amount} to {start} leaves the range of representable dates"
                ),
            },
        }
    }
}

impl std::fmt::Display for CalendarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for CalendarError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CalendarError::InvalidDate {
                reason: Some(r), ..
            } => Some(r.as_ref()),
            _ => None,
        }
    }
}
