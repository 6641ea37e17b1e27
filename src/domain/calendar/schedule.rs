//! One year's official holiday schedule, and the `lvyue-holidays/1` file format it is stored in.
//!
//! The State Council (国务院办公厅) publishes each year's holiday and make-up-workday
//! arrangement in a notice, usually in November or December of the year before. The schedule is
//! therefore *data*, not code: lvyue embeds the years it knows (2020–2026, transcribed from
//! REFERENCE.md §4.1) and a user can load a newer year from a file in the same format, without
//! a new release.
//!
//! # The `lvyue-holidays/1` format
//!
//! A JSON object; unknown keys are rejected so that a typo cannot silently drop a day:
//!
//! ```json
//! {
//!   "format": "lvyue-holidays/1",
//!   "year": 2024,
//!   "notice": {
//!     "title": "国务院办公厅关于2024年部分节假日安排的通知",
//!     "url": "https://www.gov.cn/zhengce/zhengceku/202310/content_6911528.htm",
//!     "published": "2023-10-25",
//!     "number": null,
//!     "unverified": false,
//!     "note": "free text (optional)",
//!     "supplements": []
//!   },
//!   "holidays": [
//!     { "name": { "zh": "春节", "en": "Spring Festival" },
//!       "off": { "from": "2024-02-10", "to": "2024-02-17" },
//!       "makeup": ["2024-02-04", "2024-02-18"],
//!       "note": "optional free text" }
//!   ]
//! }
//! ```
//!
//! - `year`: the year the notice is for (1–9998).
//! - `notice`: provenance. `url`, `published` (`YYYY-MM-DD`), `number` (文号, e.g.
//!   `国办发明电〔2021〕11号`), `note` are optional; `unverified: true` marks a notice whose
//!   number or title has not been checked against the official text; `supplements` lists later
//!   notices that amended this one (e.g. the 2020 extension of the Spring Festival holiday).
//! - `holidays`: each with its zh and en name, the official days off as an inclusive range
//!   `off.from`–`off.to` (weekend days inside the range are days off too), and the make-up
//!   workdays (调休上班), which must be Saturdays or Sundays.
//! - Dates are `YYYY-MM-DD` and must lie in the year or the adjacent ones (the 2023 notice
//!   makes 2022-12-31 a day off). A date may not be both a day off and a make-up workday, nor
//!   be listed twice.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::date::parse_date;
use super::error::{CalendarError, Location};
use crate::domain::lang::{Lang, Localize};

/// The format tag of a holiday file.
pub const FORMAT: &str = "lvyue-holidays/1";

/// The embedded schedule files, as `(year, JSON text)`.
pub const EMBEDDED: [(i32, &str); 7] = [
    (2020, include_str!("data/2020.json")),
    (2021, include_str!("data/2021.json")),
    (2022, include_str!("data/2022.json")),
    (2023, include_str!("data/2023.json")),
    (2024, include_str!("data/2024.json")),
    (2025, include_str!("data/2025.json")),
    (2026, include_str!("data/2026.json")),
];

/// A holiday's name in both languages, e.g. 春节 / Spring Festival.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayName {
    /// Chinese name, e.g. `国庆节`.
    pub zh: String,
    /// English name, e.g. `National Day`.
    pub en: String,
}

impl Localize for HolidayName {
    fn localize(&self, lang: Lang) -> String {
        lang.pick(&self.zh, &self.en).clone()
    }
}

/// An inclusive range of dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayRange {
    /// First day.
    pub from: NaiveDate,
    /// Last day (inclusive).
    pub to: NaiveDate,
}

impl DayRange {
    /// Every date of the range, in order (empty if `to < from`).
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> {
        let to = self.to;
        self.from.iter_days().take_while(move |d| *d <= to)
    }
}

/// Where a schedule comes from: the State Council notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    /// Title, e.g. 国务院办公厅关于2024年部分节假日安排的通知.
    pub title: String,
    /// The notice on gov.cn, where known.
    #[serde(default)]
    pub url: Option<String>,
    /// Publication date, where known.
    #[serde(default)]
    pub published: Option<NaiveDate>,
    /// Document number (文号), where known.
    #[serde(default)]
    pub number: Option<String>,
    /// True when the title or number has not been checked against the official text.
    #[serde(default)]
    pub unverified: bool,
    /// Free-text remarks.
    #[serde(default)]
    pub note: Option<String>,
    /// Later notices that amended this one.
    #[serde(default)]
    pub supplements: Vec<Notice>,
}

/// One holiday of a year: its days off and its make-up workdays.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// Name in zh and en.
    pub name: HolidayName,
    /// The official days off, inclusive.
    pub off: DayRange,
    /// Weekend days that are working days (调休上班).
    #[serde(default)]
    pub makeup: Vec<NaiveDate>,
    /// Free-text remarks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The holiday schedule of one year, from one State Council notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSchedule {
    /// The year the notice is for.
    pub year: i32,
    /// The notice.
    pub notice: Notice,
    /// The holidays.
    pub holidays: Vec<Holiday>,
}

// ---- the raw file, with dates still as text so that errors can name them ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    format: String,
    year: i64,
    notice: RawNotice,
    holidays: Vec<RawHoliday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNotice {
    title: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    unverified: bool,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    supplements: Vec<RawNotice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHoliday {
    name: HolidayName,
    off: RawRange,
    #[serde(default)]
    makeup: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange {
    from: String,
    to: String,
}

/// Line and column (1-based) of the first occurrence of `"text"` in `src`.
fn locate(src: Option<&str>, text: &str) -> Option<Location> {
    let src = src?;
    let needle = format!("\"{text}\"");
    let at = src.find(&needle)?;
    let before = &src[..at];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    Some(Location { line, column })
}

fn file_date(src: &str, path: String, text: &str) -> Result<NaiveDate, CalendarError> {
    let strict = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let parsed = parse_date(text);
    match parsed {
        Ok(d) if strict => Ok(d),
        Ok(_) => Err(CalendarError::InvalidDate {
            path,
            input: text.to_string(),
            at: locate(Some(src), text),
            reason: None,
        }),
        Err(e) => Err(CalendarError::InvalidDate {
            path,
            input: text.to_string(),
            at: locate(Some(src), text),
            reason: Some(Box::new(e)),
        }),
    }
}

fn raw_notice(src: &str, path: &str, raw: RawNotice) -> Result<Notice, CalendarError> {
    let published = match raw.published {
        Some(p) => Some(file_date(src, format!("{path}.published"), &p)?),
        None => None,
    };
    let mut supplements = Vec::with_capacity(raw.supplements.len());
    for (i, s) in raw.supplements.into_iter().enumerate() {
        supplements.push(raw_notice(src, &format!("{path}.supplements[{i}]"), s)?);
    }
    Ok(Notice {
        title: raw.title,
        url: raw.url,
        published,
        number: raw.number,
        unverified: raw.unverified,
        note: raw.note,
        supplements,
    })
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl YearSchedule {
    /// Reads a schedule from a `lvyue-holidays/1` JSON text and checks it (see
    /// [`YearSchedule::validate`]).
    ///
    /// # Errors
    /// [`CalendarError::Json`] with line and column for malformed JSON, a missing or unknown
    /// key, or a value of the wrong type; [`CalendarError::UnsupportedFormat`] for another
    /// `format`; the content errors of [`YearSchedule::validate`], each naming the JSON path
    /// (e.g. `holidays[1].makeup[0]`) and, where found, the line and column.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::calendar::YearSchedule;
    /// let json = r#"{"format": "lvyue-holidays/1", "year": 2027,
    ///   "notice": {"title": "test data"},
    ///   "holidays": [{"name": {"zh": "元旦", "en": "New Year's Day"},
    ///                 "off": {"from": "2027-01-01", "to": "2027-01-03"}}]}"#;
    /// let s = YearSchedule::from_json(json).unwrap();
    /// assert_eq!(s.year, 2027);
    /// let bad = json.replace("2027-01-03", "2027-01-32");
    /// let err = YearSchedule::from_json(&bad).unwrap_err();
    /// assert!(err.to_string().contains("holidays[0].off.to"));
    /// ```
    pub fn from_json(json: &str) -> Result<YearSchedule, CalendarError> {
        let raw: RawFile = serde_json::from_str(json).map_err(|e| {
            // The loader's words for serde_json's and serde's messages, and its 1-based
            // columns in characters.
            let p = crate::domain::load::json_syntax(json, &e);
            let (zh, message) = if e.is_syntax() || e.is_eof() {
                (p.zh.clone(), p.en.clone())
            } else {
                let m = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                let m = m.strip_suffix(&suffix).map(str::to_string).unwrap_or(m);
                crate::domain::load::serde_message(&m)
            };
            CalendarError::Json {
                message,
                zh,
                at: Some(Location {
                    line: p.line,
                    column: p.column,
                }),
            }
        })?;
        if raw.format != FORMAT {
            return Err(CalendarError::UnsupportedFormat {
                found: raw.format.clone(),
                at: locate(Some(json), &raw.format),
            });
        }
        if !(1..=9998).contains(&raw.year) {
            return Err(CalendarError::YearOutOfRange { year: raw.year });
        }
        let year = raw.year as i32;
        let notice = raw_notice(json, "notice", raw.notice)?;
        let mut holidays = Vec::with_capacity(raw.holidays.len());
        for (i, h) in raw.holidays.into_iter().enumerate() {
            let from = file_date(json, format!("holidays[{i}].off.from"), &h.off.from)?;
            let to = file_date(json, format!("holidays[{i}].off.to"), &h.off.to)?;
            let mut makeup = Vec::with_capacity(h.makeup.len());
            for (j, m) in h.makeup.iter().enumerate() {
                makeup.push(file_date(json, format!("holidays[{i}].makeup[{j}]"), m)?);
            }
            holidays.push(Holiday {
                name: h.name,
                off: DayRange { from, to },
                makeup,
                note: h.note,
            });
        }
        let schedule = YearSchedule {
            year,
            notice,
            holidays,
        };
        schedule.check(Some(json))?;
        Ok(schedule)
    }

    /// Writes the schedule in the `lvyue-holidays/1` format.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct File<'a> {
            format: &'static str,
            #[serde(flatten)]
            schedule: &'a YearSchedule,
        }
        serde_json::to_string_pretty(&File {
            format: FORMAT,
            schedule: self,
        })
        .unwrap_or_default()
    }

    /// Checks the content: year in 1–9998; each range has `from <= to`; dates within the year
    /// or the adjacent ones; make-up workdays are Saturdays or Sundays; no date is both off and
    /// a make-up day, or listed twice.
    ///
    /// # Errors
    /// The first problem found, naming the JSON path and the date.
    pub fn validate(&self) -> Result<(), CalendarError> {
        self.check(None)
    }

    fn check(&self, src: Option<&str>) -> Result<(), CalendarError> {
        if !(1..=9998).contains(&self.year) {
            return Err(CalendarError::YearOutOfRange {
                year: i64::from(self.year),
            });
        }
        let lo = NaiveDate::from_ymd_opt(self.year - 1, 1, 1);
        let hi = NaiveDate::from_ymd_opt(self.year + 1, 12, 31);
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Err(CalendarError::YearOutOfRange {
                year: i64::from(self.year),
            });
        };
        let loc = |d: NaiveDate| locate(src, &d.format("%Y-%m-%d").to_string());
        let within = |path: String, d: NaiveDate| {
            if d < lo || d > hi {
                Err(CalendarError::DateOutsideYear {
                    path,
                    date: d,
                    year: self.year,
                    at: loc(d),
                })
            } else {
                Ok(())
            }
        };
        let mut seen: BTreeMap<NaiveDate, (String, bool)> = BTreeMap::new();
        for (i, h) in self.holidays.iter().enumerate() {
            let pf = format!("holidays[{i}].off.from");
            let pt = format!("holidays[{i}].off.to");
            within(pf.clone(), h.off.from)?;
            within(pt.clone(), h.off.to)?;
            if h.off.to < h.off.from {
                return Err(CalendarError::RangeReversed {
                    path: format!("holidays[{i}].off"),
                    from: h.off.from,
                    to: h.off.to,
                    at: loc(h.off.from),
                });
            }
            for d in h.off.days() {
                if let Some((other, _)) = seen.insert(d, (pf.clone(), true)) {
                    return Err(CalendarError::DuplicateDay {
                        path: format!("holidays[{i}].off"),
                        other,
                        date: d,
                        at: loc(d),
                    });
                }
            }
        }
        for (i, h) in self.holidays.iter().enumerate() {
            for (j, &m) in h.makeup.iter().enumerate() {
                let path = format!("holidays[{i}].makeup[{j}]");
                within(path.clone(), m)?;
                if !is_weekend(m) {
                    return Err(CalendarError::MakeUpNotWeekend {
                        path,
                        date: m,
                        weekday: m.weekday().number_from_monday(),
                        at: loc(m),
                    });
                }
                match seen.get(&m) {
                    Some((other, true)) => {
                        return Err(CalendarError::OffAndMakeUp {
                            path,
                            other: other.clone(),
                            date: m,
                            at: loc(m),
                        })
                    }
                    Some((other, false)) => {
                        return Err(CalendarError::DuplicateDay {
                            path,
                            other: other.clone(),
                            date: m,
                            at: loc(m),
                        })
                    }
                    None => {
                        seen.insert(m, (path, false));
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_and_round_trips() {
        for (year, text) in EMBEDDED {
            let s = YearSchedule::from_json(text).unwrap_or_else(|e| panic!("{year}: {e}"));
            assert_eq!(s.year, year);
            let again = YearSchedule::from_json(&s.to_json()).unwrap();
            assert_eq!(again, s);
        }
    }

    #[test]
    fn locate_finds_line_and_column() {
        let src = "{\n  \"a\": \"x\"\n}";
        assert_eq!(
            locate(Some(src), "x"),
            Some(Location { line: 2, column: 8 })
        );
    }
}
