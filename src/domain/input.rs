//! Small parsers for raw user input that belongs to no one module: whole numbers typed into a
//! form or given on the command line. Errors quote the input and render in both languages.

use crate::domain::{Lang, Localize};
use serde::Serialize;
use std::fmt;

/// A whole number could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CountError {
    /// The input as given.
    pub input: String,
}

impl Localize for CountError {
    fn localize(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("“{}”不是整数：请输入如 10 或 30 的整数", self.input),
            Lang::En => format!(
                "\"{}\" is not a whole number: enter one such as 10 or 30",
                self.input
            ),
        }
    }
}

impl fmt::Display for CountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for CountError {}

/// Reads a whole number such as `10`, `-3`, `+5` or full-width `１０`. The sign is kept: whether a
/// negative count is allowed is for the caller to say.
///
/// # Errors
/// [`CountError`] when the input is empty, has anything but an optional sign and digits, or does
/// not fit in 64 bits.
///
/// # Example
/// ```
/// use lvyue::domain::input::parse_count;
/// assert_eq!(parse_count(" 30 ").unwrap(), 30);
/// assert_eq!(parse_count("-3").unwrap(), -3);
/// assert_eq!(parse_count("１０").unwrap(), 10);
/// assert!(parse_count("3.5").is_err());
/// ```
pub fn parse_count(input: &str) -> Result<i64, CountError> {
    let normalized: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '－' => '-',
            '＋' => '+',
            c => c,
        })
        .collect();
    let digits = normalized.strip_prefix(['-', '+']).unwrap_or(&normalized);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CountError {
            input: input.to_string(),
        });
    }
    normalized.parse::<i64>().map_err(|_| CountError {
        input: input.to_string(),
    })
}
