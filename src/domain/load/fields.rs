//! Checking a document field by field, with the field lists of the types themselves.
//!
//! Why: a hand-written table of the fields a format has (`("set_off", false, …)`) drifts from
//! the type: `excuses` was documented, in the schema and read by the engine, and refused by the
//! loader. Here nothing names a field. Each top-level member of the document is deserialized
//! as the one member of an otherwise empty object of the document's own type, so serde's
//! derive — the same code that reads the whole file — decides whether the name exists and
//! what its value must be. An array member is checked one element at a time, and an object
//! member one entry at a time when its type is a map (or a struct of optional fields), so that
//! every mistake of a long record is reported, not just the first.
//!
//! The members are moved into the probe object and back, never copied: a 20 MB record costs no
//! second copy. The probe's "missing field" errors about the document itself are not problems
//! (the probe lacks the other members on purpose); a missing required member is reported by the
//! final reading of the whole document.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::{path_index, path_key, serde_problem, value_at, Problem};

/// Checks every member of the object `doc` (whose path is `prefix`) as a field of `T`,
/// except the members named in `skip`; pushes each problem found, with its full path.
pub fn check_fields<T: DeserializeOwned>(
    doc: &mut Value,
    prefix: &str,
    skip: &[&str],
    out: &mut Vec<Problem>,
) {
    let Value::Object(map) = doc else { return };
    let keys: Vec<String> = map
        .keys()
        .filter(|k| !skip.contains(&k.as_str()))
        .cloned()
        .collect();
    let mut probe = Probe::default();
    for key in keys {
        let Some(slot) = map.get_mut(&key) else {
            continue;
        };
        let v = std::mem::take(slot);
        let v = probe.field(deserialize_probe::<T>, &key, v, prefix, out);
        if let Some(slot) = map.get_mut(&key) {
            *slot = v;
        }
    }
}

/// The outcome of deserializing a probe: the path of the error (relative to the probe) and its
/// message.
type Outcome = Option<(String, String)>;

/// Deserializes the probe object as a `T`. The only generic part: what is made of the outcome
/// is compiled once ([`Probe::field`]), not once per document type.
fn deserialize_probe<T: DeserializeOwned>(probe: &Value) -> Outcome {
    let e = serde_path_to_error::deserialize::<_, T>(probe).err()?;
    let mut p = String::new();
    for seg in e.path().iter() {
        p = match seg {
            serde_path_to_error::Segment::Seq { index } => path_index(&p, *index),
            serde_path_to_error::Segment::Map { key } => path_key(&p, key),
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {
                p
            }
        };
    }
    let msg = e.into_inner().to_string();
    // The probe lacks the document's other members on purpose.
    if p.is_empty() && msg.starts_with("missing field ") {
        return None;
    }
    Some((p, msg))
}

/// The one-member object that is deserialized in turn for each member.
#[derive(Default)]
struct Probe {
    doc: Value,
}

impl Probe {
    /// Deserializes `{key: v}`; `v` stays in the probe until [`Probe::take`].
    fn run(&mut self, de: fn(&Value) -> Outcome, key: &str, v: Value) -> Outcome {
        let mut m = Map::new();
        m.insert(key.to_string(), v);
        self.doc = Value::Object(m);
        de(&self.doc)
    }

    /// The value of the last run, taken back.
    fn take(&mut self, key: &str) -> Value {
        match &mut self.doc {
            Value::Object(m) => m.remove(key).unwrap_or_default(),
            _ => Value::Null,
        }
    }

    /// The problem of an outcome: the message of serde, refined and put in our words, at the
    /// path with `prefix` before it.
    fn problem(&self, outcome: Outcome, prefix: &str, fix: &dyn Fn(String) -> String) -> Option<Problem> {
        let (path, msg) = outcome?;
        let sub = value_at(&self.doc, &path).unwrap_or(&self.doc);
        let mut p = serde_problem(&msg, &path, sub);
        p.path = join(prefix, &fix(p.path));
        Some(p)
    }

    /// Checks the member `key` with value `v` (whole, or element by element, or entry by
    /// entry); returns the value.
    fn field(
        &mut self,
        de: fn(&Value) -> Outcome,
        key: &str,
        v: Value,
        prefix: &str,
        out: &mut Vec<Problem>,
    ) -> Value {
        let whole = |this: &mut Probe, v: Value, out: &mut Vec<Problem>| {
            let outcome = this.run(de, key, v);
            out.extend(this.problem(outcome, prefix, &|p| p));
            this.take(key)
        };
        let own = path_key("", key);
        // Whether the member's type takes an empty array (an empty object): then each element
        // (entry) can be read on its own.
        let takes = |this: &mut Probe, empty: Value| {
            this.run(de, key, empty).is_none_or(|(p, _)| p != own)
        };
        match v {
            Value::Array(items) if items.len() > 1 && takes(self, Value::Array(Vec::new())) => {
                let mut items = items;
                let first = path_index(&own, 0);
                for (i, slot) in items.iter_mut().enumerate() {
                    let item = std::mem::take(slot);
                    let outcome = self.run(de, key, Value::Array(vec![item]));
                    let at = path_index(&own, i);
                    let fix = |p: String| match p.strip_prefix(first.as_str()) {
                        Some(rest) => format!("{at}{rest}"),
                        None => p,
                    };
                    out.extend(self.problem(outcome, prefix, &fix));
                    if let Value::Array(mut one) = self.take(key) {
                        *slot = one.pop().unwrap_or_default();
                    }
                }
                Value::Array(items)
            }
            Value::Object(entries)
                if entries.len() > 1 && takes(self, Value::Object(Map::new())) =>
            {
                let mut entries = entries;
                let names: Vec<String> = entries.keys().cloned().collect();
                for name in names {
                    let Some(slot) = entries.get_mut(&name) else {
                        continue;
                    };
                    let mut one = Map::new();
                    one.insert(name.clone(), std::mem::take(slot));
                    let outcome = self.run(de, key, Value::Object(one));
                    out.extend(self.problem(outcome, prefix, &|p| p));
                    if let (Value::Object(mut one), Some(slot)) =
                        (self.take(key), entries.get_mut(&name))
                    {
                        *slot = one.remove(&name).unwrap_or_default();
                    }
                }
                Value::Object(entries)
            }
            v => whole(self, v, out),
        }
    }
}

/// `rel` (a path relative to `prefix`) as a full path.
pub fn join(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() {
        rel.to_string()
    } else if rel.is_empty() {
        prefix.to_string()
    } else if rel.starts_with('[') {
        format!("{prefix}{rel}")
    } else {
        format!("{prefix}.{rel}")
    }
}

/// The names of the fields serde's derive reads for the struct `T` (its own list, asked of it),
/// in declaration order. Empty when `T` is not a struct.
///
/// # Example
/// ```
/// use lvyue::domain::{events::Events, load::accepted_fields};
/// assert!(accepted_fields::<Events>().contains(&"excuses"));
/// ```
pub fn accepted_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Deserializer, Error as _, Visitor};
    use serde::forward_to_deserialize_any;

    struct Ask<'a>(&'a mut &'static [&'static str]);

    impl<'de> Deserializer<'de> for Ask<'_> {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }

        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("asked"))
        }

        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }

    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Ask(&mut fields));
    fields
}
