//! The template library ([`templates.json`](./templates.json), embedded): the common clause shapes
//! of this market as `lvyue-contract/2` clauses with sensible defaults, named and described in
//! both languages; and the blank contract a new one starts from.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::domain::contract::Label;
use crate::domain::Lang;

const LIBRARY: &str = include_str!("templates.json");

/// One template: what it adds to a contract.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    pub id: String,
    pub name: Label,
    pub description: Label,
    /// Declarations the clauses need, by the contract's member (`events`, `deadlines`,
    /// `levels`…): each added unless an entry of that id is there.
    #[serde(default)]
    pub declare: Map<String, Value>,
    #[serde(default)]
    pub clauses: Vec<Value>,
    /// A shared cap (over every penalty clause when its `clauses` is empty).
    #[serde(default)]
    pub shared_cap: Option<Value>,
}

#[derive(Deserialize)]
struct Library {
    #[allow(dead_code)]
    about: String,
    templates: Vec<Template>,
}

/// Every template, in the library's order.
pub fn all() -> Vec<Template> {
    serde_json::from_str::<Library>(LIBRARY)
        .map(|l| l.templates)
        .unwrap_or_default()
}

/// The template with this id.
pub fn find(id: &str) -> Option<Template> {
    all().into_iter().find(|t| t.id == id)
}

impl Template {
    /// Its name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        label(&self.name, lang)
    }

    /// Its description in `lang`.
    pub fn description(&self, lang: Lang) -> &str {
        label(&self.description, lang)
    }

    /// Adds the template to `contract` (a `lvyue-contract/2` value) as clause number `n` (`@`
    /// in the template's strings); returns the ids of the clauses added.
    pub fn apply(&self, contract: &mut Value, n: &str) -> Vec<String> {
        if !contract.is_object() {
            return Vec::new();
        }
        for (member, entries) in &self.declare {
            let Value::Array(entries) = substitute(entries, n) else {
                continue;
            };
            let list = member_array(contract, member);
            for e in entries {
                let id = e.get("id").cloned();
                if !list.iter().any(|x| x.get("id") == id.as_ref()) {
                    list.push(e);
                }
            }
        }
        let mut added = Vec::new();
        for c in &self.clauses {
            let c = substitute(c, n);
            if let Some(id) = c.get("id").and_then(Value::as_str) {
                added.push(id.to_string());
            }
            member_array(contract, "clauses").push(c);
        }
        if let Some(cap) = &self.shared_cap {
            let mut cap = substitute(cap, n);
            let empty = cap
                .get("clauses")
                .and_then(Value::as_array)
                .is_none_or(Vec::is_empty);
            if empty {
                let penalties: Vec<Value> = contract
                    .get("clauses")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|c| c.pointer("/rule/kind").and_then(Value::as_str) == Some("penalty"))
                    .filter_map(|c| c.get("id").cloned())
                    .collect();
                cap["clauses"] = Value::Array(penalties);
            }
            member_array(contract, "shared_caps").push(cap);
        }
        added
    }
}

fn label(l: &Label, lang: Lang) -> &str {
    match lang {
        Lang::En => l.en.as_deref().unwrap_or(&l.zh),
        _ => &l.zh,
    }
}

/// The array `member` of an object, made when absent.
fn member_array<'a>(contract: &'a mut Value, member: &str) -> &'a mut Vec<Value> {
    let slot = &mut contract[member];
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    match slot {
        Value::Array(a) => a,
        _ => unreachable!("made an array above"),
    }
}

/// `v` with every `@` in its strings replaced by `n`.
fn substitute(v: &Value, n: &str) -> Value {
    match v {
        Value::String(s) => Value::String(s.replace('@', n)),
        Value::Array(a) => Value::Array(a.iter().map(|x| substitute(x, n)).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, x)| (k.clone(), substitute(x, n)))
                .collect(),
        ),
        x => x.clone(),
    }
}

/// The next free clause number of a contract: one more than the highest whole-number clause id
/// (1 for none), skipping ids the contract's declarations already use.
pub fn next_number(contract: &Value) -> String {
    let ids = |m: &str| -> Vec<String> {
        contract
            .get(m)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("id").and_then(Value::as_str).map(str::to_string))
            .collect()
    };
    let taken: Vec<String> = ["clauses", "deadlines", "events", "shared_caps"]
        .iter()
        .flat_map(|m| ids(m))
        .collect();
    let mut n = taken
        .iter()
        .filter_map(|id| id.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    while taken.iter().any(|t| {
        t == &n.to_string() || t.starts_with(&format!("{n}.")) || t.starts_with(&format!("{n}-"))
    }) {
        n += 1;
    }
    n.to_string()
}

/// The id of the blank contract's term clause.
pub const TERM_CLAUSE: &str = "term";

/// A blank contract: a title, the two parties, the currency, and a one-year term from signing
/// (the header form edits them; the total is added there).
pub fn blank(lang: Lang) -> Value {
    let (title, buyer, seller, term) = match lang {
        Lang::En => ("New contract", "Buyer", "Seller", "Contract term"),
        _ => ("新合同", "甲方", "乙方", "合同期限"),
    };
    json!({
        "format": crate::domain::contract::FORMAT,
        "id": "new-contract",
        "title": title,
        "parties": { "buyer": { "name": buyer }, "seller": { "name": seller } },
        "currency": "CNY",
        "clauses": [
            {
                "id": TERM_CLAUSE,
                "title": { "zh": "合同期限", "en": term },
                "rule": { "kind": "term", "start": { "event": "signing" }, "length": { "n": 1, "unit": "years" } }
            }
        ]
    })
}
