//! Excel's dates: a date cell is a number (days since the workbook's epoch, the time of day as
//! the fraction) that only its number format says is a date. Read here into the text
//! `calendar::parse_datetime` reads (`2023-03-10 09:00`), so that an imported workbook's times
//! go through the same parse, order checks and messages as a CSV's.
//!
//! Why exact: the serial is parsed as a `Decimal` (no floats in the domain) and the time of day
//! rounded to the second, as Excel shows it. The 1900 system keeps Lotus 1-2-3's mistake
//! (serial 60 is 29 February 1900, a day that never was: it is given as `1900-02-29`, which the
//! parse then refuses at its row); the 1904 system (old Mac workbooks, `date1904`) counts
//! from 1 January 1904.

use chrono::{Duration, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// What a number format shows of a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// A number (General, `0.00`, `#,##0`…).
    Number,
    Date,
    Time,
    DateTime,
}

/// What built-in format `id` shows: 14–17 dates, 18–21 times, 22 date and time, 45–47 times
/// (minutes and seconds), and the East Asian built-ins (27–36, 50–58: `yyyy"年"m"月"d"日"`,
/// `h"时"mm"分"`…) that Chinese Excel and WPS write by number.
pub fn builtin(id: u32) -> Shown {
    match id {
        14..=17 | 27..=31 | 36 | 50..=58 => Shown::Date,
        18..=21 | 32..=35 | 45..=47 => Shown::Time,
        22 => Shown::DateTime,
        _ => Shown::Number,
    }
}

/// What custom format `code` shows: a date when it has y, d (or m without h or s), a time when
/// it has h or s — outside quoted text, escaped characters and bracketed colours or locales
/// (`[Red]`, `[$-804]`; `[h]` and `[mm]` are elapsed times and count). Only the first section
/// (positive numbers) is read.
pub fn custom(code: &str) -> Shown {
    let (mut date, mut time, mut month) = (false, false, false);
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c.to_ascii_lowercase() {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let inner: String = chars.by_ref().take_while(|&b| b != ']').collect();
                let lower = inner.to_ascii_lowercase();
                if !lower.is_empty() && lower.chars().all(|x| matches!(x, 'h' | 'm' | 's')) {
                    time = true;
                }
            }
            'y' | 'd' => date = true,
            'h' | 's' => time = true,
            'm' => month = true,
            _ => {}
        }
    }
    let date = date || (month && !time);
    match (date, time) {
        (true, true) => Shown::DateTime,
        (true, false) => Shown::Date,
        (false, true) => Shown::Time,
        (false, false) => Shown::Number,
    }
}

/// What a format code shows (`General` is a number).
pub fn shown_by(code: &str) -> Shown {
    if code.eq_ignore_ascii_case("general") {
        Shown::Number
    } else {
        custom(code)
    }
}

/// A serial number shown as `shown`, in the 1900 or the 1904 system; None when it is no date
/// Excel shows (negative, or past 9999-12-31): the number is then kept as written.
pub fn serial_text(serial: Decimal, shown: Shown, date1904: bool) -> Option<String> {
    if serial.is_sign_negative() || serial > Decimal::from(2_958_466) {
        return None;
    }
    let mut days = serial.floor().to_i64()?;
    let mut secs = ((serial - serial.floor()) * Decimal::from(86_400))
        .round()
        .to_i64()?;
    if secs >= 86_400 {
        days += 1;
        secs -= 86_400;
    }
    let time = if secs % 60 == 0 {
        format!("{:02}:{:02}", secs / 3600, secs / 60 % 60)
    } else {
        format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    };
    if shown == Shown::Time {
        return Some(time);
    }
    let date = date_text(days, date1904)?;
    Some(match shown {
        // A date format that hides the time of a value that has one: the value is read.
        Shown::Date if secs == 0 => date,
        _ => format!("{date} {time}"),
    })
}

/// Day `days` of the epoch as `YYYY-MM-DD`.
fn date_text(days: i64, date1904: bool) -> Option<String> {
    let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    let date = if date1904 {
        ymd(1904, 1, 1)?.checked_add_signed(Duration::days(days))?
    } else if days == 60 {
        return Some("1900-02-29".to_string());
    } else if days == 0 {
        return Some("1900-01-00".to_string());
    } else if days < 60 {
        ymd(1899, 12, 31)?.checked_add_signed(Duration::days(days))?
    } else {
        ymd(1899, 12, 30)?.checked_add_signed(Duration::days(days))?
    };
    Some(date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(shown_by("yyyy/m/d h:mm"), Shown::DateTime);
        assert_eq!(shown_by("yyyy\"年\"m\"月\"d\"日\""), Shown::Date);
        assert_eq!(shown_by("[$-804]yyyy-mm-dd"), Shown::Date);
        assert_eq!(shown_by("[h]:mm"), Shown::Time);
        assert_eq!(shown_by("mm:ss"), Shown::Time);
        assert_eq!(shown_by("[Red]0.00"), Shown::Number);
        assert_eq!(shown_by("0.00E+00"), Shown::Number);
        assert_eq!(shown_by("#,##0\"天\""), Shown::Number);
        assert_eq!(shown_by("General"), Shown::Number);
    }

    #[test]
    fn serials() {
        let t = |s, shown, b| serial_text(d(s), shown, b);
        assert_eq!(
            t("44995.375", Shown::DateTime, false).unwrap(),
            "2023-03-10 09:00"
        );
        assert_eq!(t("1", Shown::Date, false).unwrap(), "1900-01-01");
        assert_eq!(t("59", Shown::Date, false).unwrap(), "1900-02-28");
        assert_eq!(t("60", Shown::Date, false).unwrap(), "1900-02-29");
        assert_eq!(t("61", Shown::Date, false).unwrap(), "1900-03-01");
        assert_eq!(t("0", Shown::Date, true).unwrap(), "1904-01-01");
        assert_eq!(
            t("43533.375", Shown::DateTime, true).unwrap(),
            "2023-03-10 09:00"
        );
        assert_eq!(t("0.5", Shown::Time, false).unwrap(), "12:00");
        assert_eq!(
            t("0.99999999", Shown::DateTime, false).unwrap(),
            "1900-01-01 00:00"
        );
        assert_eq!(
            t("1.00001", Shown::DateTime, false).unwrap(),
            "1900-01-01 00:00:01"
        );
        assert!(t("-1", Shown::Date, false).is_none());
    }
}
