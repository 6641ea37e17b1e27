//! Reading a record's date-times (`2022-09-05T10:00:00`) quickly, as chrono reads them.
//!
//! Why: a year's record holds tens of thousands of them, and chrono's general parser (items,
//! padding, a `Parsed` resolved at the end) was a fifth of reading it. The one shape the
//! formats write — `YYYY-MM-DDTHH:MM:SS`, 19 ASCII bytes — is read here by position; anything
//! else (fractions of a second, a leap second, an impossible date, another shape) goes to
//! chrono, so that what is accepted and the error for what is not are chrono's own.
//!
//! Used by the record's fields as `#[serde(deserialize_with = "instant::one")]` and
//! `deserialize_with = "instant::maybe"`; the JSON Schema stays the field type's.

use std::fmt;

use chrono::{NaiveDate, NaiveDateTime};
use serde::de::{self, Deserializer, Visitor};

/// `YYYY-MM-DDTHH:MM:SS` by position, or `None` for any other text (chrono then decides).
///
/// # Example
/// ```
/// use lvyue::domain::instant::fast;
/// let t = fast("2022-09-05T10:00:00").unwrap();
/// assert_eq!(t, "2022-09-05T10:00:00".parse().unwrap());
/// assert_eq!(fast("2022-02-30T10:00:00"), None); // chrono says why
/// assert_eq!(fast("2022-09-05T10:00:00.5"), None);
/// ```
pub fn fast(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let year = i32::try_from(num(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, num(5, 7)?, num(8, 10)?)?.and_hms_opt(
        num(11, 13)?,
        num(14, 16)?,
        num(17, 19)?,
    )
}

/// A date-time as chrono reads it.
fn parse<E: de::Error>(s: &str) -> Result<NaiveDateTime, E> {
    match fast(s) {
        Some(t) => Ok(t),
        None => s.parse().map_err(E::custom),
    }
}

struct Instant;

impl Visitor<'_> for Instant {
    type Value = NaiveDateTime;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        // chrono's words, so that a wrong type reads as it did.
        f.write_str("a formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDateTime, E> {
        parse(s)
    }
}

/// A required date-time field.
///
/// # Errors
/// chrono's error for a text it does not read, serde's for a value that is not a string.
pub fn one<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    d.deserialize_str(Instant)
}

struct Maybe;

impl<'de> Visitor<'de> for Maybe {
    type Value = Option<NaiveDateTime>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        one(d).map(Some)
    }
}

/// An optional date-time field (`null` is none), as serde reads an `Option<NaiveDateTime>`.
///
/// # Errors
/// As [`one`].
pub fn maybe<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
    d.deserialize_option(Maybe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_agrees_with_chrono_on_every_shape() {
        for s in [
            "2022-09-05T10:00:00",
            "2024-02-29T23:59:59",
            "0001-01-01T00:00:00",
            "2023-02-29T10:00:00",
            "2022-13-01T10:00:00",
            "2022-09-05T24:00:00",
            "2022-09-05T10:60:00",
            "2022-09-05T23:59:60",
            "2022-09-05 10:00:00",
            "2022-09-05T10:00",
            "2022-09-05T10:00:00.250",
            "2022-9-05T10:00:000",
            "+202-09-05T10:00:00",
            "２０２２-09-05T10:00:0",
        ] {
            let chrono = s.parse::<NaiveDateTime>().ok();
            assert_eq!(parse::<serde_json::Error>(s).ok(), chrono, "{s}");
            if let Some(t) = fast(s) {
                assert_eq!(Some(t), chrono, "{s}");
            }
        }
        assert!(fast("2022-09-05T10:00:00").is_some());
    }

    #[test]
    fn errors_read_as_chronos() {
        #[derive(serde::Deserialize, Debug)]
        struct T {
            #[serde(deserialize_with = "one")]
            #[allow(dead_code)]
            a: NaiveDateTime,
            #[serde(default, deserialize_with = "maybe")]
            b: Option<NaiveDateTime>,
        }
        #[derive(serde::Deserialize, Debug)]
        struct C {
            #[allow(dead_code)]
            a: NaiveDateTime,
            #[allow(dead_code)]
            #[serde(default)]
            b: Option<NaiveDateTime>,
        }
        for text in [
            r#"{"a": "2022-02-30T10:00:00"}"#,
            r#"{"a": 5}"#,
            r#"{"a": "2022-09-05T10:00:00", "b": 5}"#,
            r#"{"a": "2022-09-05T10:00:00", "b": "x"}"#,
        ] {
            let ours = serde_json::from_str::<T>(text).unwrap_err().to_string();
            let theirs = serde_json::from_str::<C>(text).unwrap_err().to_string();
            assert_eq!(ours, theirs, "{text}");
        }
        let t: T = serde_json::from_str(r#"{"a": "2022-09-05T10:00:00", "b": null}"#).unwrap();
        assert_eq!(t.b, None);
        let v = serde_json::json!({"a": "2022-09-05T10:00:00", "b": "2022-09-05T11:00:00"});
        assert!(serde_json::from_value::<T>(v).unwrap().b.is_some());
    }
}
