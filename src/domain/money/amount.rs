//! Amounts of money in yuan, exact.
//!
//! Contracts state sums as "¥1,350,000.00", "135万元" or "人民币980,000.00元"; penalties are
//! fractions of them. An [`Amount`] holds the exact decimal value so nothing is lost before
//! the one place where a rule says to round to the fen (分).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::error::MoneyError;
use super::rate::Rate;

/// An amount of money in yuan, exact, not necessarily rounded.
///
/// Serializes as its exact decimal with at least two decimals ([`Amount::decimal_text`]): an
/// amount rounded to the fen always has exactly two (`"924528.30"`, `"0.00"`), whatever scale
/// the arithmetic left it with; an unrounded figure keeps its digits (`"1688.88888"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Amount(Decimal);

impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.decimal_text())
    }
}

/// Reads an amount from JSON as people write it: a string in any form [`Amount::parse`]
/// accepts (`"980,000.00"`, `"125万"`) or a whole number (`980000`). Fractional JSON numbers
/// are refused (serde reports them against the expected forms): they would pass through
/// binary floating point on the way in.
impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Amount, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an amount such as \"980000.00\", \"980,000\" or \"125万\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                Amount::parse(v).map_err(|e| {
                    E::custom(crate::domain::Localize::localize(
                        &e,
                        crate::domain::Lang::En,
                    ))
                })
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An amount in yuan: a decimal string (\"980000.00\", \"980,000\", \"¥1,350,000.00\", \"125万\") or a whole number.",
            "type": ["string", "integer"]
        })
    }
}

/// Folds full-width digits and punctuation to ASCII; other characters pass unchanged.
pub(super) fn fold_width(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFF10 + u32::from(b'0')).unwrap_or(c),
        '，' => ',',
        '．' => '.',
        '－' | '−' => '-',
        '＋' => '+',
        '％' => '%',
        _ => c,
    }
}

/// A character cursor over the input, keeping each character's 1-based position.
pub(super) struct Cursor {
    chars: Vec<(usize, char)>,
    i: usize,
    end: usize,
}

impl Cursor {
    /// A cursor over `input` with full-width forms folded and surrounding whitespace trimmed.
    pub(super) fn new(input: &str) -> Cursor {
        let chars: Vec<(usize, char)> = input
            .chars()
            .enumerate()
            .map(|(i, c)| (i + 1, fold_width(c)))
            .collect();
        let mut i = 0;
        let mut end = chars.len();
        while i < end && chars.get(i).is_some_and(|&(_, c)| c.is_whitespace()) {
            i += 1;
        }
        while end > i && chars.get(end - 1).is_some_and(|&(_, c)| c.is_whitespace()) {
            end -= 1;
        }
        Cursor { chars, i, end }
    }

    pub(super) fn at_end(&self) -> bool {
        self.i >= self.end
    }

    pub(super) fn peek(&self) -> Option<(usize, char)> {
        if self.at_end() {
            None
        } else {
            self.chars.get(self.i).copied()
        }
    }

    pub(super) fn bump(&mut self) {
        if !self.at_end() {
            self.i += 1;
        }
    }

    pub(super) fn skip_ws(&mut self) {
        while self.peek().is_some_and(|(_, c)| c.is_whitespace()) {
            self.bump();
        }
    }

    /// Consumes `word` if the input continues with it (ASCII letters case-insensitively).
    pub(super) fn eat(&mut self, word: &str) -> bool {
        let mut j = self.i;
        for w in word.chars() {
            if j >= self.end {
                return false;
            }
            match self.chars.get(j) {
                Some(&(_, c)) if c.eq_ignore_ascii_case(&w) => j += 1,
                _ => return false,
            }
        }
        self.i = j;
        true
    }

    /// Consumes the first of `words` that the input continues with.
    pub(super) fn eat_any(&mut self, words: &[&str]) -> bool {
        words.iter().any(|w| self.eat(w))
    }

    /// Consumes characters while `f` holds and returns them.
    pub(super) fn take_while(&mut self, f: impl Fn(char) -> bool) -> Vec<(usize, char)> {
        let mut out = Vec::new();
        while let Some((p, c)) = self.peek() {
            if !f(c) {
                break;
            }
            out.push((p, c));
            self.bump();
        }
        out
    }
}

/// Turns `-0` into `0` so that formatting never shows "-0.00".
fn clean(mut d: Decimal) -> Decimal {
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

/// Reads the digits, separators and decimal point of a plain number (already split off).
///
/// Returns the digits as a string `Decimal` can read exactly.
pub(super) fn number_text(
    input: &str,
    num: &[(usize, char)],
    allow_separators: bool,
) -> Result<String, MoneyError> {
    let mut point: Option<usize> = None;
    for (k, &(pos, c)) in num.iter().enumerate() {
        match c {
            '.' if point.is_some() => {
                return Err(MoneyError::MultipleDecimalPoints {
                    input: input.to_string(),
                    position: pos,
                })
            }
            '.' => point = Some(k),
            ',' if point.is_some() || !allow_separators => {
                return Err(MoneyError::MisplacedSeparator {
                    input: input.to_string(),
                    position: pos,
                })
            }
            _ => {}
        }
    }
    let (int_part, frac_part) = match point {
        Some(k) => (num.get(..k).unwrap_or(&[]), num.get(k + 1..).unwrap_or(&[])),
        None => (num, &[][..]),
    };
    // Thousands separators: first group 1–3 digits, every later group exactly 3.
    let mut group_len = 0usize;
    let mut seen_sep: Option<usize> = None;
    let mut digits = String::new();
    for &(pos, c) in int_part {
        if c == ',' {
            let bad = match seen_sep {
                None => group_len == 0 || group_len > 3,
                Some(_) => group_len != 3,
            };
            if bad {
                return Err(MoneyError::MisplacedSeparator {
                    input: input.to_string(),
                    position: seen_sep.filter(|_| group_len != 0).unwrap_or(pos),
                });
            }
            seen_sep = Some(pos);
            group_len = 0;
        } else {
            digits.push(c);
            group_len += 1;
        }
    }
    if let Some(pos) = seen_sep {
        if group_len != 3 {
            return Err(MoneyError::MisplacedSeparator {
                input: input.to_string(),
                position: pos,
            });
        }
    }
    let frac: String = frac_part.iter().map(|&(_, c)| c).collect();
    if digits.is_empty() && frac.is_empty() {
        return Err(MoneyError::NoDigits {
            input: input.to_string(),
        });
    }
    if digits.is_empty() {
        digits.push('0');
    }
    if !frac.is_empty() {
        digits.push('.');
        digits.push_str(&frac);
    }
    Ok(digits)
}

/// Reads a digit string from [`number_text`] exactly, telling "too large" from "too precise".
/// Trailing zeros of the fraction carry no value: `"79228162514264337593543950335.00"` (the
/// largest amount, as it serialises) reads although 31 digits do not fit a `Decimal`.
pub(super) fn exact_decimal(input: &str, text: &str) -> Result<Decimal, MoneyError> {
    let exact = Decimal::from_str_exact(text).or_else(|e| match text.split_once('.') {
        Some((int, frac)) if frac.ends_with('0') => match frac.trim_end_matches('0') {
            "" => Decimal::from_str_exact(int),
            frac => Decimal::from_str_exact(&format!("{int}.{frac}")),
        },
        _ => Err(e),
    });
    exact.map_err(|_| {
        let int = text.split('.').next().unwrap_or("");
        if Decimal::from_str_exact(int).is_err() {
            MoneyError::TooLarge {
                input: input.to_string(),
            }
        } else {
            MoneyError::TooPrecise {
                input: input.to_string(),
            }
        }
    })
}

/// Inserts thousands separators into a string of ASCII digits.
fn group_thousands(int: &str) -> String {
    let n = int.chars().count();
    let mut out = String::with_capacity(n + n / 3);
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (n - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl Amount {
    /// Zero yuan.
    pub const ZERO: Amount = Amount(Decimal::ZERO);

    /// The largest amount computed exactly to the fen: every digit of a `Decimal` at two
    /// decimals, ¥792,281,625,142,643,375,935,439,503.35 (about 7.9 × 10²⁶). Sums and differences
    /// of whole-fen amounts within it are exact; beyond it a sum would round silently.
    pub const MAX_FEN: Amount = Amount(Decimal::from_parts(u32::MAX, u32::MAX, u32::MAX, false, 2));

    /// Whether the amount is within ±[`Amount::MAX_FEN`].
    pub fn within_fen_range(self) -> bool {
        self.0.abs() <= Amount::MAX_FEN.0
    }

    /// An amount of `yuan`, kept exactly.
    pub fn new(yuan: Decimal) -> Amount {
        Amount(clean(yuan))
    }

    /// An amount from a whole number of fen (分), e.g. `Amount::from_fen(12345)` is ¥123.45.
    pub fn from_fen(fen: i64) -> Amount {
        Amount(Decimal::new(fen, 2))
    }

    /// The value in yuan, exact.
    pub fn yuan(self) -> Decimal {
        self.0
    }

    /// Parses an amount as contracts and people write it.
    ///
    /// Accepts `980000`, `980,000.00`, `¥1,350,000.00`, `￥1,350,000.00`, `RMB 980000`,
    /// `125万`, `135万元`, `1.2亿`, `1,000元`, `人民币980,000.00元`, `-12.5`, `-¥12.50`,
    /// full-width digits and the full-width comma, and surrounding spaces.
    ///
    /// # Errors
    /// [`MoneyError`] naming the input: `Empty`; `InvalidChar` with the character and its
    /// 1-based position; `MultipleDecimalPoints`; `MisplacedSeparator` when thousands
    /// separators do not group by three (`9,80000`, position of the comma); `NoDigits`;
    /// `TooLarge`; `TooPrecise`.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{Amount, MoneyError};
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Amount::parse("¥1,350,000.00")?, Amount::new(Decimal::from(1_350_000)));
    /// assert_eq!(Amount::parse("125万")?, Amount::new(Decimal::from(1_250_000)));
    /// let err = Amount::parse("12a3.4元").err();
    /// assert_eq!(err.as_ref().and_then(MoneyError::position), Some(3));
    /// assert!(err.is_some_and(|e| e.to_string().contains("'a'")));
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn parse(input: &str) -> Result<Amount, MoneyError> {
        let mut cur = Cursor::new(input);
        if cur.at_end() {
            return Err(MoneyError::Empty {
                input: input.to_string(),
            });
        }
        let mut negative = false;
        let mut signed = false;
        loop {
            cur.skip_ws();
            if !signed && cur.eat("-") {
                negative = true;
                signed = true;
            } else if !signed && cur.eat("+") {
                signed = true;
            } else if !cur.eat_any(&["人民币", "人民幣", "RMB", "CNY", "¥", "￥"]) {
                break;
            }
        }
        let num = cur.take_while(|c| c.is_ascii_digit() || c == ',' || c == '.');
        cur.skip_ws();
        let multiplier = if cur.eat("万亿") {
            Decimal::from(1_000_000_000_000u64)
        } else if cur.eat("亿") {
            Decimal::from(100_000_000u64)
        } else if cur.eat("万") {
            Decimal::from(10_000u64)
        } else {
            Decimal::ONE
        };
        cur.skip_ws();
        if cur.eat_any(&["元", "圆"]) {
            cur.skip_ws();
            cur.eat_any(&["整", "正"]);
        }
        cur.skip_ws();
        cur.eat_any(&["RMB", "CNY"]);
        cur.skip_ws();
        let trailing = cur.peek();
        if num.is_empty() {
            return Err(match trailing {
                Some((position, found)) => MoneyError::InvalidChar {
                    input: input.to_string(),
                    found,
                    position,
                },
                None => MoneyError::NoDigits {
                    input: input.to_string(),
                },
            });
        }
        let text = number_text(input, &num, true)?;
        if let Some((position, found)) = trailing {
            return Err(MoneyError::InvalidChar {
                input: input.to_string(),
                found,
                position,
            });
        }
        let value = exact_decimal(input, &text)?;
        let value = value
            .checked_mul(multiplier)
            .ok_or_else(|| MoneyError::TooLarge {
                input: input.to_string(),
            })?;
        Ok(Amount::new(if negative { -value } else { value }))
    }

    /// Rounds half-up (away from zero at the midpoint) to the fen, 0.01 yuan; keeps two decimals.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{Amount, MoneyError};
    /// let a: Amount = "2.675".parse()?;
    /// assert_eq!(a.round_fen().to_string(), "2.68");
    /// assert_eq!("-0.005".parse::<Amount>()?.round_fen().to_string(), "-0.01");
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn round_fen(self) -> Amount {
        let mut d = self
            .0
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        Amount(clean(d))
    }

    /// Whether the amount is a whole number of fen (no digits beyond 0.01).
    pub fn is_whole_fen(self) -> bool {
        self.round_fen().0 == self.0
    }

    /// Formats with thousands separators and at least two decimals, more if the value has them:
    /// `1,350,000.00`, `924,528.301886792…`, `-12.50`. Unrounded figures stay visible.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{Amount, MoneyError};
    /// assert_eq!("1350000".parse::<Amount>()?.format(), "1,350,000.00");
    /// assert_eq!("0.125".parse::<Amount>()?.format(), "0.125");
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn format(self) -> String {
        let text = self.0.abs().normalize().to_string();
        let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
        let mut frac = frac.to_string();
        while frac.len() < 2 {
            frac.push('0');
        }
        let sign = if self.is_negative() { "-" } else { "" };
        format!("{sign}{}.{frac}", group_thousands(int))
    }

    /// The exact decimal without separators, with at least two decimals and no trailing zeros
    /// beyond them: `7500.00` (from `7500.000`), `0.00`, `-3.50`, `1688.88888`. What an amount
    /// serialises as, and what the exports write as its exact text.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{Amount, MoneyError};
    /// assert_eq!("7500.000".parse::<Amount>()?.decimal_text(), "7500.00");
    /// assert_eq!("1688.88888".parse::<Amount>()?.decimal_text(), "1688.88888");
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn decimal_text(self) -> String {
        let text = clean(self.0.normalize()).to_string();
        match text.split_once('.') {
            Some((_, frac)) if frac.len() >= 2 => text,
            Some(_) => format!("{text}0"),
            None => format!("{text}.00"),
        }
    }

    /// Formats with the yuan sign: `¥1,350,000.00`; negative `-¥12.50`.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{Amount, MoneyError};
    /// assert_eq!("1350000".parse::<Amount>()?.format_yuan(), "¥1,350,000.00");
    /// assert_eq!("-12.5".parse::<Amount>()?.format_yuan(), "-¥12.50");
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn format_yuan(self) -> String {
        if self.is_negative() {
            format!("-¥{}", self.abs().format())
        } else {
            format!("¥{}", self.format())
        }
    }

    /// The absolute value.
    pub fn abs(self) -> Amount {
        Amount(self.0.abs())
    }

    /// Adds, or `None` on overflow.
    pub fn checked_add(self, o: Amount) -> Option<Amount> {
        self.0.checked_add(o.0).map(Amount::new)
    }

    /// Subtracts, or `None` on overflow.
    pub fn checked_sub(self, o: Amount) -> Option<Amount> {
        self.0.checked_sub(o.0).map(Amount::new)
    }

    /// Multiplies by a rate (unrounded), or `None` on overflow.
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::money::{Amount, MoneyError, Rate};
    /// let a: Amount = "1,000,000".parse()?;
    /// let r = Rate::parse("万分之五")?;
    /// assert_eq!(a.checked_mul_rate(r).map(Amount::format), Some("500.00".to_string()));
    /// # Ok::<(), MoneyError>(())
    /// ```
    pub fn checked_mul_rate(self, r: Rate) -> Option<Amount> {
        self.0.checked_mul(r.fraction()).map(Amount::new)
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// Whether the amount is zero.
    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl FromStr for Amount {
    type Err = MoneyError;

    fn from_str(s: &str) -> Result<Amount, MoneyError> {
        Amount::parse(s)
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format())
    }
}

impl From<Decimal> for Amount {
    fn from(d: Decimal) -> Amount {
        Amount::new(d)
    }
}
