//! Generated documentation stays in step with the types: the JSON Schemas under `docs/schema/`
//! and the field reference at the end of `docs/formats.md` are rendered from the format types.
//! A stale file fails the test; `LVYUE_BLESS=1 cargo test --test all docs` rewrites them.
//! Every type, field and variant has a Chinese description (`domain::formats::zh`), written
//! beside the English one in the schemas (`x-description-zh`) and in the reference (`含义`).

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

use lvyue::domain::contract::Contract;
use lvyue::domain::events::Events;
use lvyue::domain::formats::{self, ZH_ENUM_KEY, ZH_KEY};

const MARKER: &str = "## Reference: `contract`";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schemas() -> [(&'static str, Value); 3] {
    formats::KINDS.map(|k| (k, formats::schema(k).expect("a known format")))
}

fn name_of(r: &str) -> &str {
    r.rsplit('/').next().unwrap_or(r)
}

/// The type of a schema, in words: `array of Clause`, `Amount or null`, `string/null`.
fn type_of(s: &Value) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return name_of(r).to_string();
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(alts) = s.get(key).and_then(Value::as_array) {
            let parts: Vec<String> = alts.iter().map(type_of).collect();
            return parts.join(" or ");
        }
    }
    let one = |t: &str| match t {
        "array" => format!(
            "array of {}",
            s.get("items").map(type_of).unwrap_or_else(|| "any".into())
        ),
        "object" => match s.get("additionalProperties") {
            Some(v @ Value::Object(_)) => format!("map of {}", type_of(v)),
            _ => "object".into(),
        },
        "string" => match s.get("format").and_then(Value::as_str) {
            Some("date") => "date".into(),
            Some("partial-date-time") | Some("date-time") => "date-time".into(),
            _ => "string".into(),
        },
        other => other.to_string(),
    };
    match s.get("type") {
        Some(Value::String(t)) => one(t),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .map(one)
            .collect::<Vec<_>>()
            .join("/"),
        _ if s.get("const").is_some() => format!("`{}`", s["const"]),
        _ => "any".into(),
    }
}

fn cell(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

/// A table of an object's properties (nothing when it has none but `skip`).
fn table(s: &Value, skip: Option<&str>, out: &mut String) {
    let Some(props) = s.get("properties").and_then(Value::as_object) else {
        return;
    };
    let required: Vec<&str> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let rows: Vec<_> = props
        .iter()
        .filter(|(k, _)| Some(k.as_str()) != skip)
        .collect();
    if rows.is_empty() {
        return;
    }
    out.push_str("\n| field | type | required | meaning | 含义 |\n|---|---|---|---|---|\n");
    for (k, v) in rows {
        let req = if required.contains(&k.as_str()) {
            "yes"
        } else {
            ""
        };
        rows_of(k, v, req, out);
    }
}

/// A field's row, then the rows of the fields of an inline object it holds (`delay.from`).
fn rows_of(name: &str, v: &Value, req: &str, out: &mut String) {
    let _ = writeln!(
        out,
        "| `{name}` | {} | {req} | {} | {} |",
        cell(&type_of(v)),
        cell(text(v, "description")),
        cell(text(v, ZH_KEY))
    );
    let Some(props) = v.get("properties").and_then(Value::as_object) else {
        return;
    };
    let required = v.get("required").and_then(Value::as_array);
    for (k, p) in props {
        let req = match required {
            Some(r) if r.iter().any(|x| x.as_str() == Some(k)) => "yes",
            _ => "",
        };
        rows_of(&format!("{name}.{k}"), p, req, out);
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// A variant's or value's text after its name: `: en / zh`, or nothing.
fn gloss(en: &str, zh: &str) -> String {
    match (en.is_empty(), zh.is_empty()) {
        (true, true) => String::new(),
        (false, true) => format!(": {}", cell(en)),
        (true, false) => format!(": {}", cell(zh)),
        (false, false) => format!(": {} / {}", cell(en), cell(zh)),
    }
}

/// The bullets of a string enum's values, with their Chinese descriptions.
fn values(s: &Value, out: &mut String) {
    let Some(values) = s.get("enum").and_then(Value::as_array) else {
        return;
    };
    for v in values {
        let v = v.as_str().unwrap_or("?");
        let zh = s
            .get(ZH_ENUM_KEY)
            .and_then(|m| m.get(v))
            .and_then(Value::as_str)
            .unwrap_or("");
        let _ = writeln!(out, "- `{v}`{}", gloss("", zh));
    }
}

/// The tag of a variant of an internally tagged enum: the property with a `const`.
fn tag_of(v: &Value) -> Option<(String, String)> {
    v.get("properties")?.as_object()?.iter().find_map(|(k, p)| {
        let c = p.get("const")?.as_str()?;
        Some((k.clone(), c.to_string()))
    })
}

fn definition(name: &str, s: &Value, out: &mut String) {
    let _ = writeln!(out, "\n### {name}");
    for key in ["description", ZH_KEY] {
        if let Some(d) = s.get(key).and_then(Value::as_str) {
            let _ = writeln!(out, "\n{d}");
        }
    }
    if s.get("enum").is_some() {
        let _ = writeln!(out, "\nOne of:\n");
        values(s, out);
    }
    for alts in ["oneOf", "anyOf"].map(|k| s.get(k).and_then(Value::as_array)) {
        let Some(alts) = alts else { continue };
        let _ = writeln!(out, "\nOne of:\n");
        for alt in alts {
            let g = gloss(text(alt, "description"), text(alt, ZH_KEY));
            if alt.get("enum").is_some() {
                values(alt, out);
            } else if let Some(c) = alt.get("const").and_then(Value::as_str) {
                let _ = writeln!(out, "- `{c}`{g}");
            } else if let Some((tag, value)) = tag_of(alt) {
                let _ = writeln!(out, "- `{tag}: \"{value}\"`{g}");
                indented(alt, Some(&tag), out);
            } else {
                let fields: Vec<String> = alt
                    .get("required")
                    .or_else(|| alt.get("properties"))
                    .map(|f| match f {
                        Value::Array(a) => a
                            .iter()
                            .filter_map(Value::as_str)
                            .map(String::from)
                            .collect(),
                        Value::Object(o) => o.keys().cloned().collect(),
                        _ => Vec::new(),
                    })
                    .unwrap_or_default();
                let what = if fields.is_empty() {
                    type_of(alt)
                } else {
                    let f: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
                    format!("object with {}", f.join(", "))
                };
                let _ = writeln!(out, "- {what}{g}");
                indented(alt, None, out);
            }
        }
    }
    table(s, None, out);
}

/// The table of a variant's fields, indented under its bullet.
fn indented(alt: &Value, skip: Option<&str>, out: &mut String) {
    let mut t = String::new();
    table(alt, skip, &mut t);
    if !t.is_empty() {
        out.push('\n');
        for line in t.lines().filter(|l| !l.is_empty()) {
            let _ = writeln!(out, "  {line}");
        }
        out.push('\n');
    }
}

fn reference(kind: &str, schema: &Value) -> String {
    let mut out = format!("## Reference: `{kind}`\n");
    table(schema, None, &mut out);
    if let Some(defs) = schema.get("$defs").and_then(Value::as_object) {
        for (name, def) in defs {
            definition(name, def, &mut out);
        }
    }
    out
}

fn bless() -> bool {
    std::env::var_os("LVYUE_BLESS").is_some()
}

#[test]
fn schemas_and_the_field_reference_are_generated_from_the_types() {
    let mut stale = Vec::new();
    let mut refs = String::new();
    for (kind, schema) in schemas() {
        let path = root().join(format!("docs/schema/{kind}.json"));
        let want = serde_json::to_string_pretty(&schema).expect("JSON") + "\n";
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        let same = serde_json::from_str::<Value>(&have).ok().as_ref() == Some(&schema);
        if !same {
            if bless() {
                std::fs::write(&path, &want).expect("write the schema");
            } else {
                stale.push(path.display().to_string());
            }
        }
        if !refs.is_empty() {
            refs.push('\n');
        }
        refs.push_str(&reference(kind, &schema));
    }
    let doc_path = root().join("docs/formats.md");
    let doc = std::fs::read_to_string(&doc_path).expect("docs/formats.md");
    let head = doc.find(MARKER).map_or(doc.as_str(), |i| &doc[..i]);
    let want = format!("{head}{refs}");
    if doc != want {
        if bless() {
            std::fs::write(&doc_path, &want).expect("write docs/formats.md");
        } else {
            stale.push(doc_path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated docs: {stale:?}; run `LVYUE_BLESS=1 cargo test --test all docs`"
    );
}

#[test]
fn the_reference_names_every_definition() {
    for (kind, schema) in schemas() {
        let text = reference(kind, &schema);
        for name in schema["$defs"].as_object().expect("definitions").keys() {
            assert!(
                text.contains(&format!("### {name}\n")),
                "{kind}: {name} missing"
            );
        }
        assert!(text.contains("| `format` | string | yes |"), "{kind}");
    }
}

/// The loader reads the fields the types declare, no more and no fewer: every top-level field
/// of the contract and events schemas is accepted (not `field.unknown`), and every field the
/// loader accepts is in the schema, with the same required ones (issue 10, item 8: `excuses`
/// was documented and refused).
#[test]
fn the_loader_accepts_exactly_the_fields_of_the_schema() {
    use lvyue::domain::load::{accepted_fields, inspect_contract, load_events};
    let [(_, contract), (_, events), _] = schemas();
    let names = |s: &Value| -> Vec<String> {
        let mut v: Vec<String> = s["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .cloned()
            .collect();
        v.sort();
        v
    };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(names(&contract), sorted(accepted_fields::<Contract>()));
    assert_eq!(names(&events), sorted(accepted_fields::<Events>()));
    let unknown = |problems: Vec<lvyue::domain::load::Problem>| -> Vec<String> {
        problems
            .into_iter()
            .filter(|p| p.code == "field.unknown")
            .map(|p| p.path)
            .collect()
    };
    for name in names(&contract) {
        let text = format!("{{\"format\": \"lvyue-contract/2\", \"{name}\": null}}");
        assert_eq!(
            unknown(inspect_contract(&text).1),
            Vec::<String>::new(),
            "{name}"
        );
    }
    for name in names(&events) {
        let text = format!("{{\"format\": \"lvyue-events/2\", \"{name}\": null}}");
        let problems = load_events(&text).err().map(|p| p.0).unwrap_or_default();
        assert_eq!(unknown(problems), Vec::<String>::new(), "{name}");
    }
    let p = inspect_contract(r#"{"format": "lvyue-contract/2", "colour": 1}"#).1;
    assert_eq!(unknown(p), vec!["colour".to_string()]);
}

/// Every type, field, variant and enum value of the three schemas has a Chinese description in
/// `domain::formats::zh`, the schema carries it at its place, and the table names nothing else.
#[test]
fn every_place_has_a_chinese_description() {
    let table = formats::zh::ZH;
    let mut keys = std::collections::BTreeSet::new();
    let mut twice = Vec::new();
    for (k, zh) in table {
        if !keys.insert(*k) {
            twice.push(*k);
        }
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{k}: not a Chinese description: {zh:?}"
        );
    }
    assert_eq!(twice, Vec::<&str>::new(), "keys given twice");
    let mut missing = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut counts = [0usize; 4];
    for (kind, schema) in schemas() {
        let mut here = std::collections::BTreeSet::new();
        for place in formats::places(&schema) {
            assert!(
                here.insert(place.key.clone()),
                "{kind}: {} twice",
                place.key
            );
            let node = schema
                .pointer(&place.pointer)
                .expect("a place is in its schema");
            let zh = match &place.value {
                Some(v) => node.get(ZH_ENUM_KEY).and_then(|m| m.get(v)),
                None => node.get(ZH_KEY),
            };
            let zh = zh.and_then(Value::as_str).unwrap_or("");
            if zh.trim().is_empty() {
                let en = node
                    .get("description")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                missing.push(format!(
                    "{kind}: {} ({:?}) en: {}",
                    place.key,
                    place.kind,
                    cell(en)
                ));
            }
            if seen.insert(place.key.clone()) {
                counts[place.kind as usize] += 1;
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} places have no Chinese description in src/domain/formats/zh.rs:\n{}",
        missing.len(),
        missing.join("\n")
    );
    let stray: Vec<&str> = keys
        .iter()
        .filter(|k| !seen.contains(**k))
        .copied()
        .collect();
    assert_eq!(stray, Vec::<&str>::new(), "zh entries that name no place");
    // Every kind of place (type, field, variant, enum value) occurs, and there are many.
    assert!(counts.iter().all(|n| *n > 0), "{counts:?}");
    assert!(seen.len() > 500, "{}", seen.len());
}

/// The keys of the Chinese table follow the syntax `domain::formats` documents, on a small
/// schema with one of each shape; a place the table lacks gets no `x-description-zh`.
#[test]
fn places_are_keyed_as_documented() {
    let schema = serde_json::json!({
        "title": "Root",
        "properties": { "a": { "properties": { "b": {} } } },
        "$defs": {
            "E": { "enum": ["x", "y"] },
            "U": { "oneOf": [
                { "const": "c" },
                { "properties": { "of": { "const": "t" }, "f": {} } },
                { "properties": { "ext": { "properties": { "g": {} } } }, "required": ["ext"] },
                { "$ref": "#/$defs/E" },
                { "type": "boolean" },
                { "enum": ["v"] }
            ] },
            "A/B": { "anyOf": [ { "properties": { "q": {}, "p": {} }, "required": ["q", "p"] } ] }
        }
    });
    let keys: Vec<String> = formats::places(&schema)
        .into_iter()
        .map(|p| p.key)
        .collect();
    let want = [
        "Root",
        "Root.a",
        "Root.a.b",
        "E",
        "E::x",
        "E::y",
        "U",
        "U::c",
        "U::t",
        "U::t.f",
        "U::ext",
        "U::ext.ext",
        "U::ext.ext.g",
        "U::E",
        "U::boolean",
        "U::v",
        "A/B",
        "A/B::p+q",
        "A/B::p+q.p",
        "A/B::p+q.q",
    ];
    let mut got = keys;
    let mut want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
    let mut pointers: Vec<String> = formats::places(&schema)
        .into_iter()
        .filter(|p| p.key == "A/B::p+q.p" || p.key == "U::v")
        .map(|p| p.pointer)
        .collect();
    pointers.sort();
    assert_eq!(
        pointers,
        ["/$defs/A~1B/anyOf/0/properties/p", "/$defs/U/oneOf/5"]
    );
    let mut annotated = schema.clone();
    formats::annotate(&mut annotated);
    assert_eq!(annotated, schema, "none of these keys is in the table");
}

/// Every block of docs/formats.md marked `json clause`, `json kind`, `json when` or `json entry`
/// is read as that type (serde's derive, unknown fields denied), so the guide's examples are the
/// format's.
#[test]
fn the_guides_examples_are_the_format() {
    use lvyue::domain::contract::{Clause, When};
    use lvyue::domain::vocabulary::{Entry, KindDef};
    let text = std::fs::read_to_string(root().join("docs/formats.md")).unwrap();
    let mut seen = 0;
    let mut rest = text.as_str();
    while let Some(i) = rest.find("```json ") {
        let after = &rest[i + 8..];
        let (tag, body) = after.split_once('\n').unwrap();
        let end = body.find("```").unwrap();
        let json = &body[..end];
        let ok = match tag.trim() {
            "clause" => serde_json::from_str::<Clause>(json).map(|_| ()),
            "kind" => serde_json::from_str::<KindDef>(json).map(|_| ()),
            "when" => serde_json::from_str::<When>(json).map(|_| ()),
            "entry" => serde_json::from_str::<Entry>(json).map(|_| ()),
            other => panic!("unknown block tag {other}"),
        };
        ok.unwrap_or_else(|e| panic!("docs/formats.md `json {tag}` block: {e}\n{json}"));
        seen += 1;
        rest = &body[end + 3..];
    }
    assert!(seen >= 10, "{seen} blocks");
}
