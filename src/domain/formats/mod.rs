//! The JSON Schemas of the three formats (`lvyue-contract/2`, `lvyue-events/2`,
//! `lvyue-report/1`), as `lvyue schema`, the JavaScript module and `docs/schema/` give them.
//!
//! The schemas are generated from the types by schemars: the English `description`s are the
//! types' doc comments. The Chinese descriptions are kept in one table, [`zh::ZH`], keyed by a
//! place's [`Place::key`]; [`schema`] writes each beside its place as `x-description-zh` (and,
//! for the values of a plain string enum, which have no node of their own, as the map
//! `x-enum-descriptions-zh` on the enum). A test (`tests/all/docs.rs`) fails when a place of the
//! three schemas has no Chinese description or the table names a place no schema has, so the
//! table moves with the types.
//!
//! Keys, from a schema's structure:
//! - a type: its name (`Clause`; the root by its title, `Contract`);
//! - a field: `Type.field` (`Clause.rule`), a field of an inline object inside it `Type.a.b`;
//! - a variant of a `oneOf`/`anyOf`: `Type::id`, where `id` is the variant's constant
//!   (`SpanUnit::days`), its tag's value (`Rule::penalty`), the name of the type it refers to
//!   (`MomentRef::Moment`), its required fields joined by `+` (`Condition::fact+in`), or its
//!   JSON type (`FactValue::boolean`); a variant's field `Type::id.field`;
//! - a value of a string enum: `Type::value` (`Excuse::force_majeure`).

pub mod zh;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::domain::{contract::Contract, events::Events, report::Report};

/// The names of the three formats' schemas.
pub const KINDS: [&str; 3] = ["contract", "events", "report"];

/// The key of the Chinese description of a place.
pub const ZH_KEY: &str = "x-description-zh";
/// The key of the Chinese descriptions of a string enum's values (value → description).
pub const ZH_ENUM_KEY: &str = "x-enum-descriptions-zh";

/// What a place of a schema is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceKind {
    /// A type (a definition, or the root).
    Type,
    /// A field of an object.
    Field,
    /// A variant of a `oneOf` or `anyOf`.
    Variant,
    /// A value of a string enum (`enum`).
    Value,
}

/// A place of a schema that carries a description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The key of its Chinese description in [`zh::ZH`].
    pub key: String,
    /// Its JSON pointer in the schema (for a value of an enum: the enum's node).
    pub pointer: String,
    /// What it is.
    pub kind: PlaceKind,
    /// For a value of an enum: the value.
    pub value: Option<String>,
}

/// The schema of `contract`, `events` or `report`, with the Chinese descriptions.
pub fn schema(kind: &str) -> Option<Value> {
    let generated = match kind.trim() {
        "contract" => schemars::schema_for!(Contract),
        "events" => schemars::schema_for!(Events),
        "report" => schemars::schema_for!(Report),
        _ => return None,
    };
    let mut value = serde_json::to_value(&generated).ok()?;
    annotate(&mut value);
    Some(value)
}

/// Writes the Chinese description of every place of `schema` the table has beside it.
pub fn annotate(schema: &mut Value) {
    let table: BTreeMap<&str, &str> = zh::ZH.iter().copied().collect();
    for place in places(schema) {
        let Some(zh) = table.get(place.key.as_str()) else {
            continue;
        };
        let Some(Value::Object(node)) = schema.pointer_mut(&place.pointer) else {
            continue;
        };
        match place.value {
            Some(v) => {
                let map = node
                    .entry(ZH_ENUM_KEY)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(m) = map {
                    m.insert(v, Value::String((*zh).to_string()));
                }
            }
            None => {
                node.insert(ZH_KEY.to_string(), Value::String((*zh).to_string()));
            }
        }
    }
}

/// Every place of a schema that carries a description, in the schema's order: the root, its
/// fields, then each definition with its variants and fields.
pub fn places(schema: &Value) -> Vec<Place> {
    let mut out = Vec::new();
    let title = schema
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("Root");
    node(title, "", schema, &mut out);
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, def) in defs {
            node(name, &format!("/$defs/{}", escape(name)), def, &mut out);
        }
    }
    out
}

/// The name a `$ref` ends with.
fn ref_name(r: &str) -> &str {
    r.rsplit('/').next().unwrap_or(r)
}

/// A JSON pointer's token for `s` (RFC 6901).
fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The field that holds an internally tagged variant's tag (a property with a `const`).
fn tag_field(alt: &Value) -> Option<(&str, String)> {
    alt.get("properties")?
        .as_object()?
        .iter()
        .find_map(|(k, p)| {
            let c = p.get("const")?;
            Some((
                k.as_str(),
                c.as_str().map_or_else(|| c.to_string(), str::to_string),
            ))
        })
}

/// The id of a variant in its key (see the module's documentation).
fn variant_id(alt: &Value) -> String {
    if let Some(c) = alt.get("const") {
        return c.as_str().map_or_else(|| c.to_string(), str::to_string);
    }
    if let Some((_, v)) = tag_field(alt) {
        return v;
    }
    if let Some(r) = alt.get("$ref").and_then(Value::as_str) {
        return ref_name(r).to_string();
    }
    let names = |v: Option<&Value>| -> Vec<String> {
        match v {
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            Some(Value::Object(o)) => o.keys().cloned().collect(),
            _ => Vec::new(),
        }
    };
    let mut fields = names(alt.get("required"));
    if fields.is_empty() {
        fields = names(alt.get("properties"));
    }
    if !fields.is_empty() {
        fields.sort();
        return fields.join("+");
    }
    match alt.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("/"),
        _ => "any".into(),
    }
}

fn enum_values(key: &str, pointer: &str, s: &Value, out: &mut Vec<Place>) {
    for v in s
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let v = v.as_str().map_or_else(|| v.to_string(), str::to_string);
        out.push(Place {
            key: format!("{key}::{v}"),
            pointer: pointer.to_string(),
            kind: PlaceKind::Value,
            value: Some(v),
        });
    }
}

fn fields(key: &str, pointer: &str, s: &Value, skip: Option<&str>, out: &mut Vec<Place>) {
    let Some(props) = s.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, p) in props {
        if Some(name.as_str()) == skip {
            continue;
        }
        let k = format!("{key}.{name}");
        let ptr = format!("{pointer}/properties/{}", escape(name));
        out.push(Place {
            key: k.clone(),
            pointer: ptr.clone(),
            kind: PlaceKind::Field,
            value: None,
        });
        fields(&k, &ptr, p, None, out);
    }
}

fn node(name: &str, pointer: &str, s: &Value, out: &mut Vec<Place>) {
    out.push(Place {
        key: name.to_string(),
        pointer: pointer.to_string(),
        kind: PlaceKind::Type,
        value: None,
    });
    enum_values(name, pointer, s, out);
    for of in ["oneOf", "anyOf"] {
        let alts = s.get(of).and_then(Value::as_array).into_iter().flatten();
        for (i, alt) in alts.enumerate() {
            let ptr = format!("{pointer}/{of}/{i}");
            if alt.get("enum").is_some() {
                // A group of undocumented unit variants: each value is a variant of the type.
                enum_values(name, &ptr, alt, out);
                continue;
            }
            let k = format!("{name}::{}", variant_id(alt));
            out.push(Place {
                key: k.clone(),
                pointer: ptr.clone(),
                kind: PlaceKind::Variant,
                value: None,
            });
            fields(&k, &ptr, alt, tag_field(alt).map(|(f, _)| f), out);
        }
    }
    fields(name, pointer, s, None, out);
}
