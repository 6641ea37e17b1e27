//! Checking a document field by field, with the field lists of the types themselves.
//!
//! Why: a hand-written table of the fields a format has (`("set_off", false, …)`) drifts from
//! the type: `excuses` was documented, in the schema and read by the engine, and refused by the
//! loader. Here nothing names a field. Each top-level member of the document is deserialized
//! in turn as the one member taken from the user, in a *donor* document of the same type (the
//! type's `Default`, written out: it has every required field), so serde's derive — the same
//! code that reads the whole file — decides whether the name exists and what its value must
//! be. An array member is checked one element at a time, and an object member one entry at a
//! time when its type is a map (or a struct of optional fields), so that every mistake of a
//! long record is reported, not just the first. The value read is written back and compared
//! with the input, which finds keys serde ignores beside the tag of a unit variant.
//!
//! Which fields are required is asked of serde too: a field is required when the donor
//! without it does not deserialize. The members are moved into the probe and back, never
//! copied: a 20 MB record costs no second copy.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::{path_index, path_key, serde_problem, unit_variant_extras, value_at, Problem};

/// Checks every member of the object `doc` (whose path is `prefix`) as a field of `T`,
/// except the members named in `skip`, and that no required field of `T` is missing; pushes
/// each problem found, with its full path (not yet located).
pub fn check_fields<T: DeserializeOwned + Serialize + Default>(
    doc: &mut Value,
    prefix: &str,
    skip: &[&str],
    out: &mut Vec<Problem>,
) {
    let Value::Object(map) = doc else { return };
    let mut probe = Probe::new::<T>();
    for name in probe.required(deserialize_probe::<T>) {
        if !map.contains_key(&name) {
            out.push(
                Problem::error(
                    "field.missing",
                    prefix,
                    format!("缺少必填字段“{name}”"),
                    format!("missing field `{name}`"),
                )
                .expecting(Some(format!("`{name}`"))),
            );
        }
    }
    let keys: Vec<String> = map
        .keys()
        .filter(|k| !skip.contains(&k.as_str()))
        .cloned()
        .collect();
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

/// The outcome of deserializing a probe: the value read, written back, or the path of the
/// error (relative to the probe) and its message.
type Outcome = Result<Value, (String, String)>;

/// Deserializes the probe as a `T` and, when `back`, writes it back. The only generic part:
/// what is made of the outcome is compiled once ([`Probe::field`]), not once per document type.
fn deserialize_probe<T: DeserializeOwned + Serialize>(probe: &Value, back: bool) -> Outcome {
    match serde_path_to_error::deserialize::<_, T>(probe) {
        Ok(t) if back => Ok(serde_json::to_value(&t).unwrap_or_default()),
        Ok(_) => Ok(Value::Null),
        Err(e) => {
            let mut p = String::new();
            for seg in e.path().iter() {
                p = match seg {
                    serde_path_to_error::Segment::Seq { index } => path_index(&p, *index),
                    serde_path_to_error::Segment::Map { key } => path_key(&p, key),
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => p,
                };
            }
            Err((p, e.into_inner().to_string()))
        }
    }
}

/// The donor document, with one member of the user's in it at a time.
struct Probe {
    doc: Map<String, Value>,
}

impl Probe {
    fn new<T: Serialize + Default>() -> Probe {
        let doc = match serde_json::to_value(T::default()) {
            Ok(Value::Object(m)) => m,
            _ => Map::new(),
        };
        Probe { doc }
    }

    /// The donor's fields without which it does not deserialize.
    fn required(&mut self, de: fn(&Value, bool) -> Outcome) -> Vec<String> {
        let names: Vec<String> = self.doc.keys().cloned().collect();
        let mut out = Vec::new();
        for name in names {
            let Some(v) = self.doc.remove(&name) else {
                continue;
            };
            let doc = Value::Object(std::mem::take(&mut self.doc));
            if de(&doc, false).is_err() {
                out.push(name.clone());
            }
            if let Value::Object(m) = doc {
                self.doc = m;
            }
            self.doc.insert(name, v);
        }
        out
    }

    /// Deserializes the donor with `{key: v}` in it; `v` stays until [`Probe::take`].
    fn run(
        &mut self,
        de: fn(&Value, bool) -> Outcome,
        key: &str,
        v: Value,
    ) -> (Outcome, Option<Value>) {
        // Only a value with a tag in it can have keys serde ignores: the others need not be
        // written back.
        let back = has_tag(&v);
        let donor = self.doc.insert(key.to_string(), v);
        let doc = Value::Object(std::mem::take(&mut self.doc));
        let outcome = de(&doc, back);
        if let Value::Object(m) = doc {
            self.doc = m;
        }
        (outcome, donor)
    }

    /// The value of the last run, taken back, and the donor's own value put back.
    fn take(&mut self, key: &str, donor: Option<Value>) -> Value {
        let v = self.doc.remove(key).unwrap_or_default();
        if let Some(d) = donor {
            self.doc.insert(key.to_string(), d);
        }
        v
    }

    /// The problems of an outcome: serde's message, refined and put in our words, at the path
    /// with `prefix` before it; or the keys serde ignored (`input` against `back`, what was
    /// read of it).
    #[allow(clippy::too_many_arguments)]
    fn problems(
        &mut self,
        outcome: Outcome,
        at: &str,
        input: &dyn Fn(&Map<String, Value>) -> Option<&Value>,
        back: &dyn Fn(&Value) -> Option<&Value>,
        prefix: &str,
        fix: &dyn Fn(String) -> String,
        out: &mut Vec<Problem>,
    ) {
        match outcome {
            Ok(written) => {
                if let (Some(i), Some(b)) = (input(&self.doc), back(&written)) {
                    unit_variant_extras(i, b, &join(prefix, at), out);
                }
            }
            Err((path, msg)) => {
                // The donor has every required field; a missing one at the top is not the
                // member's problem.
                if path.is_empty() && msg.starts_with("missing field ") {
                    return;
                }
                let doc = Value::Object(std::mem::take(&mut self.doc));
                let sub = value_at(&doc, &path).unwrap_or(&doc);
                let mut p = serde_problem(&msg, &path, sub);
                p.path = join(prefix, &fix(p.path));
                out.push(p);
                if let Value::Object(m) = doc {
                    self.doc = m;
                }
            }
        }
    }

    /// Checks the member `key` with value `v` (whole, or element by element, or entry by
    /// entry); returns the value.
    fn field(
        &mut self,
        de: fn(&Value, bool) -> Outcome,
        key: &str,
        v: Value,
        prefix: &str,
        out: &mut Vec<Problem>,
    ) -> Value {
        let own = path_key("", key);
        // Whether the member's type takes an empty array (an empty object): then each element
        // (entry) can be read on its own.
        let takes = |this: &mut Probe, empty: Value| {
            let (outcome, donor) = this.run(de, key, empty);
            this.take(key, donor);
            outcome.map_or_else(|(p, _)| p != own, |_| true)
        };
        match v {
            Value::Array(items) if items.len() > 1 && takes(self, Value::Array(Vec::new())) => {
                let mut items = items;
                let first = path_index(&own, 0);
                for (i, slot) in items.iter_mut().enumerate() {
                    let item = std::mem::take(slot);
                    let (outcome, donor) = self.run(de, key, Value::Array(vec![item]));
                    let at = path_index(&own, i);
                    let fix = |p: String| match p.strip_prefix(first.as_str()) {
                        Some(rest) => format!("{at}{rest}"),
                        None => p,
                    };
                    self.problems(
                        outcome,
                        &at,
                        &|m| m.get(key).and_then(|a| a.get(0)),
                        &|w| w.get(key).and_then(|a| a.get(0)),
                        prefix,
                        &fix,
                        out,
                    );
                    if let Value::Array(mut one) = self.take(key, donor) {
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
                    let (outcome, donor) = self.run(de, key, Value::Object(one));
                    let at = path_key(&own, &name);
                    self.problems(
                        outcome,
                        &at,
                        &|m| m.get(key).and_then(|o| o.get(&name)),
                        &|w| w.get(key).and_then(|o| o.get(&name)),
                        prefix,
                        &|p| p,
                        out,
                    );
                    if let (Value::Object(mut one), Some(slot)) =
                        (self.take(key, donor), entries.get_mut(&name))
                    {
                        *slot = one.remove(&name).unwrap_or_default();
                    }
                }
                Value::Object(entries)
            }
            v => {
                let (outcome, donor) = self.run(de, key, v);
                self.problems(
                    outcome,
                    &own,
                    &|m| m.get(key),
                    &|w| w.get(key),
                    prefix,
                    &|p| p,
                    out,
                );
                self.take(key, donor)
            }
        }
    }
}

/// Whether `v` holds an object with a key that tags a variant (where serde ignores extra keys
/// next to a unit variant's tag).
pub(super) fn has_tag(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.iter().any(|(k, c)| {
            matches!(k.as_str(), "on" | "of" | "type" | "kind" | "step") || has_tag(c)
        }),
        Value::Array(a) => a.iter().any(has_tag),
        _ => false,
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

/// The names of the fields serde's derive reads for the struct `T`, as serde itself lists them
/// (in the message refusing an unknown field), in declaration order.
///
/// # Example
/// ```
/// use lvyue::domain::{events::Events, load::accepted_fields};
/// assert!(accepted_fields::<Events>().iter().any(|f| f == "excuses"));
/// ```
pub fn accepted_fields<T: DeserializeOwned>() -> Vec<String> {
    let mut probe = Map::new();
    probe.insert("\u{1}".into(), Value::Null);
    match serde_json::from_value::<T>(Value::Object(probe)) {
        Err(e) => {
            let msg = e.to_string();
            let list = msg.split_once(", expected ").map_or("", |(_, l)| l);
            list.split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, s)| s.to_string())
                .collect()
        }
        Ok(_) => Vec::new(),
    }
}
