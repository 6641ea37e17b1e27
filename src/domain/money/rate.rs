//! Rates as exact fractions.
//!
//! Contracts state penalty and interest rates in many ways: "0.1%", "3‰", "万分之五",
//! "百分之零点一", "日万分之三". A [`Rate`] is the one exact fraction behind all of them
//! (3‰ is 0.003), so penalties computed from any of these spellings agree to the last digit.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::amount::{exact_decimal, number_text, Cursor};
use super::error::MoneyError;

/// A rate as an exact fraction: 3‰ is 0.003.
///
/// Serializes as the decimal string of the fraction (`"0.003"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Rate(#[serde(with = "rust_decimal::serde::str")] Decimal);

/// Reads a rate from JSON in any form [`Rate::parse`] accepts: `"1%"`, `"3‰"`, `"万分之五"`,
/// or the fraction `"0.01"` it serializes as.
impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Rate, D::Error> {
        let text = String::deserialize(d)?;
        Rate::parse(&text).map_err(|e| {
            serde::de::Error::custom(crate::domain::Localize::localize(
                &e,
                crate::domain::Lang::En,
            ))
        })
    }
}

impl schemars::JsonSchema for Rate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rate".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A rate: \"1%\", \"0.1%\", \"3‰\", \"万分之五\", \"百分之五\", or a fraction such as \"0.003\".",
            "type": "string"
        })
    }
}

/// The value of a Chinese or arabic digit character, if it is one.
fn digit_value(c: char) -> Option<u8> {
    Some(match c {
        '0' | '零' | '〇' => 0,
        '1' | '一' | '壹' => 1,
        '2' | '二' | '两' | '兩' | '贰' | '貳' => 2,
        '3' | '三' | '叁' | '參' | '叄' => 3,
        '4' | '四' | '肆' => 4,
        '5' | '五' | '伍' => 5,
        '6' | '六' | '陆' | '陸' => 6,
        '7' | '七' | '柒' => 7,
        '8' | '八' | '捌' => 8,
        '9' | '九' | '玖' => 9,
        _ => return None,
    })
}

/// The value of a Chinese small unit (十百千), if it is one.
fn unit_value(c: char) -> Option<u64> {
    match c {
        '十' | '拾' => Some(10),
        '百' | '佰' => Some(100),
        '千' | '仟' => Some(1000),
        _ => None,
    }
}

/// Reads a number written in Chinese numerals (十五, 零点一, 二点五) or arabic digits (0.5).
///
/// On failure returns the 1-based position of the first character that does not fit.
fn parse_numeral(chars: &[(usize, char)], input: &str) -> Result<Decimal, Option<usize>> {
    if chars.is_empty() {
        return Err(None);
    }
    if chars.iter().all(|&(_, c)| c.is_ascii_digit() || c == '.') {
        let text = number_text(input, chars, false).map_err(|e| e.position())?;
        return exact_decimal(input, &text).map_err(|_| None);
    }
    let split = chars.iter().position(|&(_, c)| c == '点' || c == '.');
    let (int_part, frac_part) = match split {
        Some(k) => (
            chars.get(..k).unwrap_or(&[]),
            chars.get(k + 1..).unwrap_or(&[]),
        ),
        None => (chars, &[][..]),
    };
    if split.is_some() && frac_part.is_empty() {
        return Err(chars.last().map(|&(p, _)| p));
    }
    let has_units = int_part.iter().any(|&(_, c)| unit_value(c).is_some());
    let mut int: u64 = 0;
    if has_units {
        let mut pending: Option<u64> = None;
        let mut last_unit = u64::MAX;
        for &(pos, c) in int_part {
            if let Some(d) = digit_value(c) {
                if pending.is_some() {
                    return Err(Some(pos));
                }
                if d != 0 {
                    pending = Some(u64::from(d));
                }
            } else if let Some(u) = unit_value(c) {
                let d = match pending {
                    Some(d) => d,
                    None if u == 10 && int == 0 => 1,
                    None => return Err(Some(pos)),
                };
                if u >= last_unit {
                    return Err(Some(pos));
                }
                int += d * u;
                last_unit = u;
                pending = None;
            } else {
                return Err(Some(pos));
            }
        }
        int += pending.unwrap_or(0);
    } else {
        for &(pos, c) in int_part {
            let d = digit_value(c).ok_or(Some(pos))?;
            int = int
                .checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d)))
                .ok_or(Some(pos))?;
        }
    }
    let mut text = int.to_string();
    if !frac_part.is_empty() {
        text.push('.');
        for &(pos, c) in frac_part {
            let d = digit_value(c).ok_or(Some(pos))?;
            text.push(char::from(b'0' + d));
        }
    }
    Decimal::from_str_exact(&text).map_err(|_| None)
}

/// Formats a decimal without trailing zeros.
fn trimmed(d: Decimal) -> String {
    let mut d = d.normalize();
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d.to_string()
}

impl Rate {
    /// A rate from its fraction (0.003 for 3‰).
    pub fn from_fraction(f: Decimal) -> Rate {
        Rate(f)
    }

    /// The fraction (0.003 for 3‰).
    pub fn fraction(self) -> Decimal {
        self.0
    }

    /// Parses a rate as contracts write it.
    ///
    /// Accepts `0.1%`, `6 %`, `3‰`, `0.5‱` (per ten thousand), `百分之五`, `千分之三`,
    /// `万分之三`, `百分之零点一`, `万分之二点五`, `百分之十五`, `万分之0.5`, and a bare number,
    /// which is the fraction itself (`0.06` is 6%). The 之-forms take Chinese numerals
    /// 零一二三四五六七八九十百两 with 点 as the decimal point, or arabic digits.
    ///
    /// # Errors
    /// [`MoneyError::RateEmpty`] for an empty input, [`MoneyError::NotARate`] naming the input
    /// (and the position of the first unreadable character when there is one),
    /// [`MoneyError::NegativeRate`] for a rate below zero.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{MoneyError, Rate};
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Rate::parse("3‰")?.fraction(), Decimal::new(3, 3));
    /// assert_eq!(Rate::parse("万分之五")?.fraction(), Decimal::new(5, 4));
    /// assert_eq!(Rate::parse("百分之零点一")?.format_percent(), "0.1%");
    /// let err = Rate::parse("abc").err();
    /// assert!(err.is_some_and(|e| e.to_string().contains("\"abc\"")));
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Rate, MoneyError> {
        let mut cur = Cursor::new(input);
        if cur.at_end() {
            return Err(MoneyError::RateEmpty {
                input: input.to_string(),
            });
        }
        let not_a_rate = |position: Option<usize>| MoneyError::NotARate {
            input: input.to_string(),
            position,
        };
        let negative = cur.eat("-") || cur.eat("负");
        if !negative {
            cur.eat("+");
        }
        cur.skip_ws();
        let per: Option<u64> = if cur.eat("百分之") {
            Some(100)
        } else if cur.eat("千分之") {
            Some(1000)
        } else if cur.eat_any(&["万分之", "萬分之"]) {
            Some(10_000)
        } else {
            None
        };
        let rest = cur.take_while(|_| true);
        let value = if let Some(per) = per {
            let v = parse_numeral(&rest, input).map_err(not_a_rate)?;
            v.checked_div(Decimal::from(per))
                .ok_or_else(|| not_a_rate(None))?
        } else {
            let (body, divisor) = match rest.last() {
                Some(&(_, '%')) => (rest.get(..rest.len() - 1).unwrap_or(&[]), 100u64),
                Some(&(_, '‰')) => (rest.get(..rest.len() - 1).unwrap_or(&[]), 1000),
                Some(&(_, '‱')) => (rest.get(..rest.len() - 1).unwrap_or(&[]), 10_000),
                _ => (rest.as_slice(), 1),
            };
            let body: Vec<(usize, char)> = {
                let mut b = body.to_vec();
                while b.last().is_some_and(|&(_, c)| c.is_whitespace()) {
                    b.pop();
                }
                b
            };
            if body.is_empty() {
                return Err(not_a_rate(None));
            }
            if let Some(&(pos, _)) = body
                .iter()
                .find(|&&(_, c)| !(c.is_ascii_digit() || c == '.'))
            {
                return Err(not_a_rate(Some(pos)));
            }
            let text = number_text(input, &body, false).map_err(|e| not_a_rate(e.position()))?;
            let v = exact_decimal(input, &text).map_err(|_| not_a_rate(None))?;
            v.checked_div(Decimal::from(divisor))
                .ok_or_else(|| not_a_rate(None))?
        };
        if negative && !value.is_zero() {
            return Err(MoneyError::NegativeRate {
                input: input.to_string(),
            });
        }
        Ok(Rate(value.abs()))
    }

    /// Formats as a percentage with trailing zeros trimmed: 0.003 → `0.3%`, 0.06 → `6%`.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::Rate;
    /// use rust_decimal::Decimal;
    /// assert_eq!(Rate::from_fraction(Decimal::new(3, 4)).format_percent(), "0.03%");
    /// assert_eq!(Rate::from_fraction(Decimal::new(3, 3)).format_per_mille(), "3‰");
    /// ```
    pub fn format_percent(self) -> String {
        match self.0.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", trimmed(p)),
            None => format!("{}×100%", trimmed(self.0)),
        }
    }

    /// Formats per mille: 0.003 → `3‰`.
    pub fn format_per_mille(self) -> String {
        match self.0.checked_mul(Decimal::ONE_THOUSAND) {
            Some(p) => format!("{}‰", trimmed(p)),
            None => format!("{}×1000‰", trimmed(self.0)),
        }
    }

    /// The simple annual rate of a daily rate over a year of `days_in_year` days:
    /// 0.003 over 365 days → 1.095 (109.5%). Saturates at the largest decimal on overflow
    /// (see [`Rate::checked_annualised`]).
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::Rate;
    /// use lvyue::domain::money::MoneyError;
    /// assert_eq!(Rate::parse("3‰")?.annualised(365).format_percent(), "109.5%");
    /// assert_eq!(Rate::parse("万分之五")?.annualised(365).format_percent(), "18.25%");
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn annualised(self, days_in_year: u32) -> Rate {
        self.checked_annualised(days_in_year)
            .unwrap_or(Rate(Decimal::MAX))
    }

    /// [`Rate::annualised`], or `None` on overflow.
    pub fn checked_annualised(self, days_in_year: u32) -> Option<Rate> {
        self.0.checked_mul(Decimal::from(days_in_year)).map(Rate)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_percent())
    }
}

impl std::str::FromStr for Rate {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Rate, MoneyError> {
        Rate::parse(s)
    }
}
