//! Factors: plain numbers that multiply an amount (escalation `1.5` for "+50%", a complaint's
//! `2`).
//!
//! Why its own reader: `rust_decimal`'s serde says "expected a Decimal type representing a
//! fixed-point number" and "Invalid decimal: unknown character", in English only. A factor is
//! written as a string (`"1.5"`) or a whole JSON number (`2`); a fractional JSON number is
//! refused, as for amounts, because it would pass through binary floating point on the way
//! in. The error is a [`MoneyError`] that quotes the input and speaks both languages. Whether a factor may be negative is for the
//! validation to say (with the path): here any number is read.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::MoneyError;

/// Reads a factor from text: `1.5`, `2`, `-0.5`, `1e3`, full-width digits, spaces around.
///
/// # Errors
/// [`MoneyError::NotAFactor`] when the text is not such a number or does not fit.
///
/// # Example
/// ```
/// use lvyue::domain::money::factor::parse;
/// assert_eq!(parse(" 1.5 ").unwrap().to_string(), "1.5");
/// assert!(parse("1.5x").is_err());
/// ```
pub fn parse(s: &str) -> Result<Decimal, MoneyError> {
    let folded: String = s.trim().chars().map(super::amount::fold_width).collect();
    Decimal::from_str_exact(&folded)
        .or_else(|_| Decimal::from_scientific(&folded))
        .or_else(|_| Decimal::from_str(&folded))
        .map_err(|_| MoneyError::NotAFactor {
            input: s.to_string(),
        })
}

/// What a factor is, as serde's messages say it (the loader says it in both languages).
pub const EXPECTING: &str = "a factor such as \"1.5\" or a whole number";

struct V;

impl serde::de::Visitor<'_> for V {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(EXPECTING)
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v).map_err(|e| {
            E::custom(crate::domain::Localize::localize(
                &e,
                crate::domain::Lang::En,
            ))
        })
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
}

/// `#[serde(deserialize_with = "crate::domain::money::factor::deserialize")]`.
///
/// # Errors
/// As [`parse`], or a value that is neither a number nor a string.
pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(V)
}

/// [`deserialize`] for an optional factor.
///
/// # Errors
/// As [`deserialize`].
pub fn deserialize_option<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Decimal>, D::Error> {
    struct O;
    impl<'de> serde::de::Visitor<'de> for O {
        type Value = Option<Decimal>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(EXPECTING)
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            deserialize(d).map(Some)
        }
    }
    d.deserialize_option(O)
}
