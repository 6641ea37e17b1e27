//! Reading dates and date-times typed by a person.
//!
//! Contracts and users write dates as `2024-03-01`, `2024/3/1` or `2024年3月1日`. A wrong date
//! must never become a silently different date (chrono's lenient parsers and "rolling over"
//! arithmetic would do that), so every rejection says which input was wrong and why, e.g. that
//! 2023 is not a leap year.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use crate::domain::lang::{Lang, Localize};

/// Why a date or date-time could not be read. Every variant carries the input as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "error", rename_all = "snake_case")]
pub enum DateError {
    /// Nothing was typed.
    Empty {
        /// The input (blank).
        input: String,
    },
    /// The input does not look like a date at all.
    NotADate {
        /// The input.
        input: String,
    },
    /// The year is outside 1..=9999.
    YearOutOfRange {
        /// The input.
        input: String,
        /// The year read.
        year: i64,
    },
    /// The month is not 1..=12.
    MonthOutOfRange {
        /// The input.
        input: String,
        /// The month read.
        month: u32,
    },
    /// The day does not exist in that month.
    DayOutOfRange {
        /// The input.
        input: String,
        /// The year read.
        year: i32,
        /// The month read.
        month: u32,
        /// The day read.
        day: u32,
        /// How many days that month has.
        days_in_month: u32,
    },
    /// A date-time was expected but only a date (or a malformed time) was given.
    NotADateTime {
        /// The input.
        input: String,
    },
    /// `24:00` was given; lvyue asks for `00:00` of the next day instead.
    Hour24 {
        /// The input.
        input: String,
    },
    /// The hour, minute or second is out of range.
    TimeOutOfRange {
        /// The input.
        input: String,
        /// Which part: `hour`, `minute` or `second`.
        part: String,
        /// The value read.
        value: u32,
    },
}

impl DateError {
    /// The input that was rejected.
    pub fn input(&self) -> &str {
        match self {
            DateError::Empty { input }
            | DateError::NotADate { input }
            | DateError::YearOutOfRange { input, .. }
            | DateError::MonthOutOfRange { input, .. }
            | DateError::DayOutOfRange { input, .. }
            | DateError::NotADateTime { input }
            | DateError::Hour24 { input }
            | DateError::TimeOutOfRange { input, .. } => input,
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month of the proleptic Gregorian calendar (month 1..=12).
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            if is_leap(year) {
                29
            } else {
                28
            }
        }
    }
}

impl Localize for DateError {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (DateError::Empty { .. }, Lang::Zh) => "没有输入日期".to_string(),
            (DateError::Empty { .. }, Lang::En) => "no date was given".to_string(),
            (DateError::NotADate { input }, Lang::Zh) => format!(
                "“{input}”不是日期：请写成 2024-03-01、2024/3/1 或 2024年3月1日"
            ),
            (DateError::NotADate { input }, Lang::En) => format!(
                "\"{input}\" is not a date: write it as 2024-03-01, 2024/3/1 or 2024年3月1日"
            ),
            (DateError::YearOutOfRange { input, year }, Lang::Zh) => {
                format!("“{input}”：年份 {year} 超出范围（1–9999）")
            }
            (DateError::YearOutOfRange { input, year }, Lang::En) => {
                format!("\"{input}\": year {year} is out of range (1–9999)")
            }
            (DateError::MonthOutOfRange { input, month }, Lang::Zh) => {
                format!("“{input}”：月份 {month} 超出范围（1–12）")
            }
            (DateError::MonthOutOfRange { input, month }, Lang::En) => {
                format!("\"{input}\": month {month} is out of range (1–12)")
            }
            (
                DateError::DayOutOfRange {
                    input,
                    year,
                    month,
                    day,
                    days_in_month,
                },
                Lang::Zh,
            ) => {
                let leap = if *month == 2 && *day == 29 && !is_leap(*year) {
                    format!("{year}年不是闰年，")
                } else {
                    String::new()
                };
                format!(
                    "“{input}”不是有效日期：{leap}{year}年{month}月只有{days_in_month}天，没有{day}日"
                )
            }
            (
                DateError::DayOutOfRange {
                    input,
                    year,
                    month,
                    day,
                    days_in_month,
                },
                Lang::En,
            ) => {
                let leap = if *month == 2 && *day == 29 && !is_leap(*year) {
                    format!("{year} is not a leap year; ")
                } else {
                    String::new()
                };
                format!(
                    "\"{input}\" is not a valid date: {leap}{} {year} has {days_in_month} days, so there is no day {day}",
                    month_name(*month)
                )
            }
            (DateError::NotADateTime { input }, Lang::Zh) => format!(
                "“{input}”不是日期时间：请写成 2024-03-01T09:30 或 2024-03-01 09:30（秒可选）"
            ),
            (DateError::NotADateTime { input }, Lang::En) => format!(
                "\"{input}\" is not a date-time: write it as 2024-03-01T09:30 or 2024-03-01 09:30 (seconds optional)"
            ),
            (DateError::Hour24 { input }, Lang::Zh) => {
                format!("“{input}”：不接受 24:00，请写次日的 00:00")
            }
            (DateError::Hour24 { input }, Lang::En) => {
                format!("\"{input}\": 24:00 is not accepted; use 00:00 of the next day")
            }
            (DateError::TimeOutOfRange { input, part, value }, Lang::Zh) => {
                let p = match part.as_str() {
                    "hour" => "小时（0–23）",
                    "minute" => "分钟（0–59）",
                    _ => "秒（0–59）",
                };
                format!("“{input}”：{p}不能是 {value}")
            }
            (DateError::TimeOutOfRange { input, part, value }, Lang::En) => {
                let p = match part.as_str() {
                    "hour" => "hour (0–23)",
                    "minute" => "minute (0–59)",
                    _ => "second (0–59)",
                };
                format!("\"{input}\": the {p} cannot be {value}")
            }
        }
    }
}

fn month_name(month: u32) -> &'static str {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    NAMES
        .get((month as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for DateError {}

/// Parses an unsigned decimal of 1..=max_len ASCII digits.
fn digits(s: &str, max_len: usize) -> Option<u32> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Reads a date written as `2024-03-01`, `2024/3/1`, `2024.3.1` or `2024年3月1日`.
///
/// The year has four digits; month and day one or two. Surrounding blanks are ignored.
///
/// # Errors
/// [`DateError`] naming the input: not a date at all, a month outside 1–12, or a day the month
/// does not have (with the reason, e.g. that 2023 is not a leap year).
///
/// # Example
/// ```
/// use lvyue::domain::calendar::parse_date;
/// use lvyue::domain::{Lang, Localize};
/// let d = parse_date("2024年3月1日").unwrap();
/// assert_eq!(d.to_string(), "2024-03-01");
/// assert_eq!(parse_date("2024/3/1").unwrap(), d);
/// let err = parse_date("2023-02-29").unwrap_err();
/// assert!(err.to_string().contains("2023 is not a leap year"));
/// assert!(err.localize(Lang::Zh).contains("2023-02-29"));
/// ```
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let not_a_date = || DateError::NotADate {
        input: input.to_string(),
    };
    if s.is_empty() {
        return Err(DateError::Empty {
            input: input.to_string(),
        });
    }
    let parts: Vec<&str> = if s.contains('年') {
        let (y, rest) = s.split_once('年').ok_or_else(not_a_date)?;
        let (m, rest) = rest.split_once('月').ok_or_else(not_a_date)?;
        let d = rest
            .strip_suffix('日')
            .or(rest.strip_suffix('号'))
            .unwrap_or(rest);
        vec![y.trim(), m.trim(), d.trim()]
    } else {
        let sep = s
            .chars()
            .find(|c| matches!(c, '-' | '/' | '.'))
            .ok_or_else(not_a_date)?;
        s.split(sep).collect()
    };
    if parts.len() != 3 || parts[0].len() != 4 {
        return Err(not_a_date());
    }
    let year = digits(parts[0], 4).ok_or_else(not_a_date)?;
    let month = digits(parts[1], 2).ok_or_else(not_a_date)?;
    let day = digits(parts[2], 2).ok_or_else(not_a_date)?;
    if year == 0 {
        return Err(DateError::YearOutOfRange {
            input: input.to_string(),
            year: 0,
        });
    }
    let year = year as i32;
    if !(1..=12).contains(&month) {
        return Err(DateError::MonthOutOfRange {
            input: input.to_string(),
            month,
        });
    }
    let dim = days_in_month(year, month);
    if day == 0 || day > dim {
        return Err(DateError::DayOutOfRange {
            input: input.to_string(),
            year,
            month,
            day,
            days_in_month: dim,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(not_a_date)
}

/// Reads a time of day `HH:MM` or `HH:MM:SS`; `24:00` is rejected (use 00:00 of the next day).
pub(crate) fn parse_time_part(t: &str, input: &str) -> Result<NaiveTime, DateError> {
    let bad = || DateError::NotADateTime {
        input: input.to_string(),
    };
    let parts: Vec<&str> = t.trim().split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return Err(bad());
    }
    let h = digits(parts[0], 2).ok_or_else(bad)?;
    let m = digits(parts[1], 2).ok_or_else(bad)?;
    if parts[1].len() != 2 {
        return Err(bad());
    }
    let s = match parts.get(2) {
        Some(s) if s.len() == 2 => digits(s, 2).ok_or_else(bad)?,
        Some(_) => return Err(bad()),
        None => 0,
    };
    let out = |part: &str, value: u32| DateError::TimeOutOfRange {
        input: input.to_string(),
        part: part.to_string(),
        value,
    };
    if h == 24 {
        return Err(DateError::Hour24 {
            input: input.to_string(),
        });
    }
    if h > 23 {
        return Err(out("hour", h));
    }
    if m > 59 {
        return Err(out("minute", m));
    }
    if s > 59 {
        return Err(out("second", s));
    }
    NaiveTime::from_hms_opt(h, m, s).ok_or_else(bad)
}

/// Reads a date-time: `2024-03-01T09:30`, `2024-03-01 09:30`, optionally with `:SS`; the date
/// part takes every form [`parse_date`] takes.
///
/// # Errors
/// [`DateError`] naming the input: a bad date part (as in [`parse_date`]), no time part, a time
/// out of range, or `24:00` (write 00:00 of the next day instead).
///
/// # Example
/// ```
/// use lvyue::domain::calendar::parse_datetime;
/// let t = parse_datetime("2024-03-01 09:30").unwrap();
/// assert_eq!(t.to_string(), "2024-03-01 09:30:00");
/// assert_eq!(parse_datetime("2024-03-01T09:30:00").unwrap(), t);
/// let err = parse_datetime("2024-03-01 24:00").unwrap_err();
/// assert!(err.to_string().contains("00:00 of the next day"));
/// ```
pub fn parse_datetime(input: &str) -> Result<NaiveDateTime, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Empty {
            input: input.to_string(),
        });
    }
    let split = s
        .split_once('T')
        .or_else(|| s.split_once(' '))
        .or_else(|| s.split_once('日'));
    let Some((d, t)) = split else {
        // A date alone: say so, unless it is not even a date.
        parse_date(s).map_err(|e| match e {
            DateError::NotADate { .. } => DateError::NotADateTime {
                input: input.to_string(),
            },
            other => with_input(other, input),
        })?;
        return Err(DateError::NotADateTime {
            input: input.to_string(),
        });
    };
    let date = parse_date(d).map_err(|e| with_input(e, input))?;
    let time = parse_time_part(t, input)?;
    Ok(date.and_time(time))
}

/// Replaces the input recorded in a date error by the whole input.
fn with_input(e: DateError, input: &str) -> DateError {
    let input = input.to_string();
    match e {
        DateError::Empty { .. } => DateError::NotADateTime { input },
        DateError::NotADate { .. } => DateError::NotADateTime { input },
        DateError::YearOutOfRange { year, .. } => DateError::YearOutOfRange { input, year },
        DateError::MonthOutOfRange { month, .. } => DateError::MonthOutOfRange { input, month },
        DateError::DayOutOfRange {
            year,
            month,
            day,
            days_in_month,
            ..
        } => DateError::DayOutOfRange {
            input,
            year,
            month,
            day,
            days_in_month,
        },
        DateError::NotADateTime { .. } => DateError::NotADateTime { input },
        DateError::Hour24 { .. } => DateError::Hour24 { input },
        DateError::TimeOutOfRange { part, value, .. } => {
            DateError::TimeOutOfRange { input, part, value }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 1);
        assert_eq!(parse_date("2024-03-01").ok(), d);
        assert_eq!(parse_date(" 2024/3/1 ").ok(), d);
        assert_eq!(parse_date("2024年3月1日").ok(), d);
        assert_eq!(parse_date("2024.03.01").ok(), d);
    }

    #[test]
    fn rejections() {
        assert!(matches!(
            parse_date("2024-13-01"),
            Err(DateError::MonthOutOfRange { month: 13, .. })
        ));
        assert!(matches!(parse_date("abc"), Err(DateError::NotADate { .. })));
        assert!(matches!(
            parse_date("2024-03"),
            Err(DateError::NotADate { .. })
        ));
        assert!(matches!(
            parse_date("24-03-01"),
            Err(DateError::NotADate { .. })
        ));
        assert!(matches!(
            parse_date("2024-04-31"),
            Err(DateError::DayOutOfRange { .. })
        ));
        let e = parse_date("2023-02-29").unwrap_err();
        assert!(e.localize(Lang::Zh).contains("2023年不是闰年"));
        assert!(e.localize(Lang::En).contains("February 2023 has 28 days"));
        assert!(matches!(
            parse_datetime("2024-03-01 24:00"),
            Err(DateError::Hour24 { .. })
        ));
        assert!(matches!(
            parse_datetime("2024-03-01"),
            Err(DateError::NotADateTime { .. })
        ));
        assert!(matches!(
            parse_datetime("2024-03-01T09:60"),
            Err(DateError::TimeOutOfRange { .. })
        ));
        assert!(parse_datetime("2024年3月1日 09:30").is_ok());
        assert!(parse_datetime("2024年3月1日09:30").is_ok());
        assert!(parse_datetime("é").is_err());
    }
}
