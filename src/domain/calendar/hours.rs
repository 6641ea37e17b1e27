//! Working-hours windows: the hours of a working day that count for response and repair times.
//!
//! IT-service SLAs often count "4 hours" only within business hours ("工作时间 8:00–12:00,
//! 13:30–17:30"). A day's windows are kept sorted and non-overlapping, and time inside them is
//! counted in whole seconds, so no floating point is involved.

use chrono::{NaiveTime, Timelike};
use serde::{Serialize, Serializer};

use super::error::{CalendarError, HoursProblem};
use crate::domain::lang::{Lang, Localize};

/// Seconds in a day.
pub(crate) const DAY_SECS: u32 = 86_400;

/// A window of a day, `start` to `end`, with `start < end`.
///
/// `end` equal to `00:00` means 24:00, the end of the day (chrono has no 24:00); use
/// [`Window::end_seconds`] to read it as a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Window {
    /// Start of the window.
    pub start: NaiveTime,
    /// End of the window (exclusive); `00:00` means 24:00.
    pub end: NaiveTime,
}

fn hhmm(secs: u32) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if s == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02}:{s:02}")
    }
}

impl Window {
    /// Seconds from midnight to the start.
    pub fn start_seconds(&self) -> u32 {
        self.start.num_seconds_from_midnight()
    }

    /// Seconds from midnight to the end (86 400 for 24:00).
    pub fn end_seconds(&self) -> u32 {
        match self.end.num_seconds_from_midnight() {
            0 => DAY_SECS,
            s => s,
        }
    }

    /// Length in seconds.
    pub fn seconds(&self) -> u32 {
        self.end_seconds().saturating_sub(self.start_seconds())
    }
}

impl std::fmt::Display for Window {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}",
            hhmm(self.start_seconds()),
            hhmm(self.end_seconds())
        )
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The working hours of a working day: sorted, non-overlapping windows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct WorkingHours {
    windows: Vec<Window>,
}

/// Reads `HH:MM` (or `H:MM`, `HH:MM:SS`) as seconds from midnight, allowing 24:00.
fn time_secs(t: &str) -> Option<u32> {
    let parts: Vec<&str> = t.trim().split(':').collect();
    if parts.len() < 2 || parts.len() > 3 {
        return None;
    }
    let num = |s: &str, max_len: usize| -> Option<u32> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            None
        } else {
            s.parse().ok()
        }
    };
    let h = num(parts[0], 2)?;
    if parts[1].len() != 2 {
        return None;
    }
    let m = num(parts[1], 2)?;
    let s = match parts.get(2) {
        Some(p) if p.len() == 2 => num(p, 2)?,
        Some(_) => return None,
        None => 0,
    };
    if m > 59 || s > 59 || h > 24 || (h == 24 && (m > 0 || s > 0)) {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

fn time_of(secs: u32) -> NaiveTime {
    NaiveTime::from_num_seconds_from_midnight_opt(secs % DAY_SECS, 0).unwrap_or(NaiveTime::MIN)
}

impl WorkingHours {
    /// Reads windows such as `08:00-12:00,13:30-17:30` (also `–`, `~` or `至` between the
    /// times and `，` or `;` between windows; `24:00` is allowed as an end). Windows are sorted;
    /// windows that touch are merged.
    ///
    /// # Errors
    /// [`CalendarError::InvalidWorkingHours`] naming the input and the window at fault: no
    /// window, a malformed window or time, a start not before its end, overlapping windows.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::calendar::WorkingHours;
    /// let wh = WorkingHours::parse("13:30-17:30, 08:00-12:00").unwrap();
    /// assert_eq!(wh, WorkingHours::standard());
    /// assert_eq!(wh.seconds_per_day(), 8 * 3600);
    /// assert!(WorkingHours::parse("09:00-08:00").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<WorkingHours, CalendarError> {
        let err = |part: &str, problem| CalendarError::InvalidWorkingHours {
            input: s.to_string(),
            part: part.trim().to_string(),
            problem,
        };
        let mut spans: Vec<(u32, u32, &str)> = Vec::new();
        for part in s.split([',', '，', ';', '；']) {
            if part.trim().is_empty() {
                continue;
            }
            let (a, b) = part
                .split_once(['-', '–', '—', '~', '～', '至'])
                .ok_or_else(|| err(part, HoursProblem::NotAWindow))?;
            let a = time_secs(a).ok_or_else(|| err(part, HoursProblem::BadTime))?;
            let b = time_secs(b).ok_or_else(|| err(part, HoursProblem::BadTime))?;
            if a >= b || a >= DAY_SECS {
                return Err(err(part, HoursProblem::StartNotBeforeEnd));
            }
            spans.push((a, b, part));
        }
        if spans.is_empty() {
            return Err(err(s, HoursProblem::Empty));
        }
        crate::domain::order::sort_by_key(&mut spans, |&(a, b, _)| (a, b));
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for (a, b, part) in spans {
            match merged.last_mut() {
                Some(last) if a < last.1 => return Err(err(part, HoursProblem::Overlap)),
                Some(last) if a == last.1 => last.1 = b,
                _ => merged.push((a, b)),
            }
        }
        Ok(WorkingHours {
            windows: merged
                .into_iter()
                .map(|(a, b)| Window {
                    start: time_of(a),
                    end: time_of(b),
                })
                .collect(),
        })
    }

    /// The standard office hours 08:00–12:00 and 13:30–17:30.
    pub fn standard() -> WorkingHours {
        WorkingHours {
            windows: vec![
                Window {
                    start: time_of(8 * 3600),
                    end: time_of(12 * 3600),
                },
                Window {
                    start: time_of(13 * 3600 + 1800),
                    end: time_of(17 * 3600 + 1800),
                },
            ],
        }
    }

    /// 09:00–17:00, the window of the 5×8 clock.
    pub fn nine_to_five() -> WorkingHours {
        WorkingHours {
            windows: vec![Window {
                start: time_of(9 * 3600),
                end: time_of(17 * 3600),
            }],
        }
    }

    /// The windows, sorted.
    pub fn windows(&self) -> &[Window] {
        &self.windows
    }

    /// When business stops: the end of the last window; None when it runs to 24:00.
    pub fn close(&self) -> Option<NaiveTime> {
        let last = self.windows.last()?;
        (last.end_seconds() < DAY_SECS).then_some(last.end)
    }

    /// Seconds counted in a whole working day.
    pub fn seconds_per_day(&self) -> i64 {
        self.windows.iter().map(|w| i64::from(w.seconds())).sum()
    }

    /// Seconds inside the windows between `a` and `b` seconds from midnight (`a <= b <= 86 400`).
    pub(crate) fn overlap(&self, a: u32, b: u32) -> i64 {
        self.windows
            .iter()
            .map(|w| {
                let s = w.start_seconds().max(a);
                let e = w.end_seconds().min(b);
                i64::from(e.saturating_sub(s))
            })
            .sum()
    }
}

impl std::fmt::Display for WorkingHours {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, w) in self.windows.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{w}")?;
        }
        Ok(())
    }
}

impl Localize for WorkingHours {
    fn localize(&self, lang: Lang) -> String {
        let sep = lang.pick("、", ", ");
        self.windows
            .iter()
            .map(|w| format!("{}–{}", hhmm(w.start_seconds()), hhmm(w.end_seconds())))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// Says again in both languages why `s` is not a working-hours text, when parsing it gives the
/// English message `en` (the loader finds the value a custom serde message came from).
pub fn explain(s: &str, en: &str) -> Option<(String, String)> {
    use crate::domain::{Lang, Localize};
    let e = WorkingHours::parse(s).err()?;
    (e.localize(Lang::En) == en).then(|| (e.localize(Lang::Zh), en.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_forms_and_errors() {
        let wh = WorkingHours::parse("08:00-12:00,13:30-17:30").unwrap();
        assert_eq!(wh.to_string(), "08:00-12:00,13:30-17:30");
        let all = WorkingHours::parse("00:00-24:00").unwrap();
        assert_eq!(all.seconds_per_day(), 86_400);
        assert_eq!(all.windows()[0].end_seconds(), 86_400);
        assert_eq!(all.close(), None);
        assert_eq!(wh.close(), NaiveTime::from_hms_opt(17, 30, 0));
        let merged = WorkingHours::parse("08:00-12:00，12:00-13:00").unwrap();
        assert_eq!(merged.windows().len(), 1);
        for bad in [
            "",
            "8-12",
            "08:00-12:00,11:00-13:00",
            "12:00-12:00",
            "24:00-24:00",
            "08:00-25:00",
            "08:60-09:00",
        ] {
            let e = WorkingHours::parse(bad).unwrap_err();
            assert!(e.to_string().contains(bad), "{e}");
        }
    }
}
