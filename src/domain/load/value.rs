//! JSON text read into a [`Value`], noting whether some object repeats a key.
//!
//! Why: `serde_json::Value` keeps the last of two equal keys and says nothing, and a repeated
//! key in a contract or a record is a mistake the loader must name (`json.duplicate-key`). The
//! position scan that names it (`PositionIndex`) builds every path of the document; done for
//! every file it was the larger part of reading a long record. Here the parse that builds the
//! value notes a repeat as it inserts (a map insert that replaces), so the scan runs only for a
//! file that has one.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `text` as [`serde_json::from_str`] does, and whether an object repeated a key.
///
/// A text with a fractional number in it (the formats have none: amounts and rates are
/// strings) is parsed by serde_json itself and said to repeat a key, so that the scan decides:
/// the domain names no float type, not even to carry one.
///
/// # Errors
/// serde_json's error for a text that is not one JSON value (its nesting limit included).
pub fn parse_noting_repeats(text: &str) -> Result<(Value, bool), serde_json::Error> {
    let repeated = Cell::new(false);
    let mut de = serde_json::Deserializer::from_str(text);
    match Noting(&repeated)
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
    {
        Ok(value) => Ok((value, repeated.get())),
        Err(_) => serde_json::from_str::<Value>(text).map(|v| (v, true)),
    }
}

/// A value being read; the cell turns true at the first repeated key.
#[derive(Clone, Copy)]
struct Noting<'a>(&'a Cell<bool>);

impl<'de> DeserializeSeed<'de> for Noting<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Noting<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element_seed(self)? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let v = map.next_value_seed(self)?;
            if out.insert(key, v).is_some() {
                self.0.set(true);
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_is_serde_jsons_and_a_repeat_is_noted_at_any_depth() {
        let text = r#"{"a": [1, -2, 3.5, "x\u00e9", null, true, {"b": {}}], "c": {"d": 1e300}}"#;
        let (v, repeated) = parse_noting_repeats(text).unwrap();
        assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(v["a"][3], "xé");
        // The fraction: parsed by serde_json, and the scan asked to decide.
        assert!(repeated);
        let (v, repeated) =
            parse_noting_repeats(r#"{"a": [1, -2, "x", null, true, {"b": {}}]}"#).unwrap();
        assert_eq!(v["a"][0], 1);
        assert!(!repeated);
        for text in [
            r#"{"a": 1, "a": 2}"#,
            r#"[{"x": {"y": 1, "y": 1}}]"#,
            r#"{"\u0061": 1, "a": 2}"#,
        ] {
            let (v, repeated) = parse_noting_repeats(text).unwrap();
            assert!(repeated, "{text}");
            assert_eq!(v, serde_json::from_str::<Value>(text).unwrap(), "{text}");
        }
        assert!(parse_noting_repeats("{\"a\": 1} x").is_err());
        assert!(parse_noting_repeats(&"[".repeat(200)).is_err());
    }
}
