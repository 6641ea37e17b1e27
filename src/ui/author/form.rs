//! Forms generated from the JSON Schema of `lvyue-contract/2` (`formats::schema("contract")`,
//! schemars' output with the Chinese descriptions of `formats::zh`): no form is written for a
//! rule kind in particular. The schema is walked beside the value being edited:
//!
//! - an object becomes a group of fields labelled from the schema's descriptions; its optional
//!   members that are absent become "add" buttons, each adding the member's default shape;
//! - a tagged union (`oneOf` of objects told apart by a constant `kind`/`on`/`type`/`of`), or an
//!   untagged one (told apart by required members), becomes a kind picker that swaps in the
//!   default shape of the variant chosen;
//! - an enum (or a `oneOf` of constants) becomes a select;
//! - strings, amounts, rates, whole numbers, dates become inputs (the loader's problem for the
//!   path is shown at the field);
//! - arrays become rows with add and remove;
//! - a field that takes a declared name (a deadline, an item, a level, an event, a milestone, a
//!   clause, a duty, a timer) becomes a select (or checkboxes, for a list) of the contract's
//!   declarations, shown by their labels.
//!
//! Pure data ([`Field`]): the view draws it (`form_view.rs`); tested natively.

use serde_json::{Map, Value};

use super::path::Path;
use crate::domain::Lang;

/// The contract's schema, walked by the forms.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema {
    root: Value,
}

/// What an input holds (how its text becomes a value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Text,
    /// A long text (a clause's source text).
    LongText,
    /// An amount of money (a string the loader reads: `200000`, `¥200,000`, `20万`).
    Amount,
    /// A rate (`3‰`, `0.5%`, `万分之五`).
    Rate,
    /// A decimal factor (`1.5`).
    Decimal,
    /// A whole number (a JSON number).
    Integer,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DDTHH:MM`.
    DateTime,
}

/// One field of a form.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub path: Path,
    /// The member's name (empty for an array's row or a root).
    pub key: String,
    pub label: String,
    /// The schema's full description, as a hint.
    pub hint: String,
    /// Whether removing it is allowed (an optional member, an array's row).
    pub removable: bool,
    pub control: Control,
}

/// A member that may be added, with its default shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Addable {
    pub key: String,
    pub label: String,
    pub hint: String,
    pub value: Value,
}

/// A choice offered by a select: the value it sets, and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub value: Value,
    pub label: String,
}

/// How a field is edited.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    /// An object's members, then the optional members it may have.
    Group {
        fields: Vec<Field>,
        addable: Vec<Addable>,
    },
    /// A kind picker: choosing sets the field to the choice's value (a variant's default shape);
    /// then the chosen variant's members.
    Variant {
        choices: Vec<Choice>,
        chosen: Option<usize>,
        body: Box<Control>,
    },
    /// A select of values (an enum, a declared name).
    Select {
        choices: Vec<Choice>,
        chosen: Option<usize>,
    },
    /// Checkboxes: a list of declared names.
    Multi {
        choices: Vec<Choice>,
        chosen: Vec<bool>,
    },
    Input {
        kind: InputKind,
        text: String,
    },
    Check(bool),
    /// An array's rows, and the default shape of a new row.
    List {
        rows: Vec<Field>,
        new_row: Value,
    },
    /// Nothing to edit (a constant, a tag).
    Nothing,
    /// A part of the schema the forms do not draw: shown as JSON.
    Raw(String),
}

/// The contract's declared names, for the pickers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub deadlines: Vec<(String, String)>,
    pub items: Vec<(String, String)>,
    pub levels: Vec<(String, String)>,
    pub events: Vec<(String, String)>,
    pub kinds: Vec<(String, String)>,
    pub milestones: Vec<(String, String)>,
    pub clauses: Vec<(String, String)>,
    pub duties: Vec<(String, String)>,
    pub timers: Vec<(String, String)>,
    pub penalties: Vec<(String, String)>,
}

fn label_of(v: &Value, lang: Lang) -> Option<String> {
    let l = v
        .get("label")
        .or_else(|| v.get("title"))
        .or_else(|| v.get("name"))?;
    let zh = l.get("zh").and_then(Value::as_str).unwrap_or_default();
    let en = l.get("en").and_then(Value::as_str);
    Some(match lang {
        Lang::En => en.unwrap_or(zh).to_string(),
        _ => zh.to_string(),
    })
    .filter(|s| !s.is_empty())
}

fn ids_labels(list: Option<&Value>, lang: Lang) -> Vec<(String, String)> {
    list.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| {
            let id = x.get("id")?.as_str()?.to_string();
            let l = label_of(x, lang).unwrap_or_else(|| id_label(&id, lang));
            Some((id, l))
        })
        .collect()
}

/// A label for a declared name the contract gives none: the domain's one derivation
/// ([`crate::domain::labels::derive`]), shared with the report's views and the statement.
pub use crate::domain::labels::derive as id_label;

/// A clause id as its number is shown: without the drafter's `#2` that tells apart two clauses
/// of one section (`3.5#2` → `3.5`).
pub fn section(id: &str) -> &str {
    id.split_once('#').map_or(id, |(n, _)| n)
}

/// A clause as a picker shows it: `第7.2条 标题` / `§7.2 Title`.
pub fn clause_name(c: &Value, lang: Lang) -> String {
    let id = c.get("id").and_then(Value::as_str).unwrap_or_default();
    let title = label_of(c, lang).unwrap_or_default();
    if !id.chars().any(|c| c.is_ascii_digit()) && !title.is_empty() {
        return title;
    }
    let id = section(id);
    match lang {
        Lang::En => format!("§{id} {title}"),
        _ => format!("第{id}条 {title}"),
    }
    .trim()
    .to_string()
}

impl Names {
    /// The names `contract` declares.
    pub fn of(contract: &Value, lang: Lang) -> Names {
        let mut n = Names {
            deadlines: ids_labels(contract.get("deadlines"), lang),
            items: ids_labels(contract.get("items"), lang),
            levels: ids_labels(contract.get("levels"), lang),
            kinds: ids_labels(contract.get("kinds"), lang),
            ..Names::default()
        };
        n.events = vec![
            ("signing".into(), lang.pick("签订日期", "Signing").into()),
            (
                "effective".into(),
                lang.pick("生效日期", "Effective date").into(),
            ),
            (
                "term_start".into(),
                lang.pick("期限起始日", "Term start").into(),
            ),
            (
                "term_end".into(),
                lang.pick("期限届满日", "Term end").into(),
            ),
        ];
        for e in ids_labels(contract.get("events"), lang) {
            if !n.events.iter().any(|(id, _)| id == &e.0) {
                n.events.push(e);
            }
        }
        let clauses = contract
            .get("clauses")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for c in &clauses {
            let Some(id) = c.get("id").and_then(Value::as_str) else {
                continue;
            };
            let name = clause_name(c, lang);
            n.clauses.push((id.to_string(), name.clone()));
            let rule = &c["rule"];
            match rule.get("kind").and_then(Value::as_str) {
                Some("payment") => {
                    if let Some(m) = rule.get("id").and_then(Value::as_str) {
                        let l = label_of(rule, lang).unwrap_or(name);
                        n.milestones.push((m.to_string(), l));
                    }
                }
                Some("obligation") => n.duties.push((id.to_string(), name)),
                Some("penalty") => n.penalties.push((id.to_string(), name)),
                Some("sla") => {
                    for t in rule["timers"].as_array().into_iter().flatten() {
                        if let Some(t_id) = t.get("id").and_then(Value::as_str) {
                            let l = label_of(t, lang).unwrap_or_else(|| id_label(t_id, lang));
                            n.timers
                                .push((format!("{id}/{t_id}"), format!("{name}：{l}")));
                        }
                    }
                }
                _ => {}
            }
        }
        n
    }

    /// The declarations a member of this name takes, when it takes one.
    fn for_key(&self, key: &str) -> Option<&[(String, String)]> {
        Some(match key {
            "deadline" => &self.deadlines,
            "item" => &self.items,
            "level" | "levels" => &self.levels,
            "event" | "done" | "extended_until" => &self.events,
            "milestone" | "milestones" => &self.milestones,
            "obligation" => &self.duties,
            "timer" => &self.timers,
            "clauses" => &self.penalties,
            "clause" => &self.clauses,
            "kind" => &self.kinds,
            _ => return None,
        })
    }
}

/// The depth at which forms stop (a condition inside a condition inside…): shown as JSON below.
const DEPTH: usize = 12;

impl Schema {
    /// The schema of `lvyue-contract/2`.
    pub fn contract() -> Schema {
        Schema {
            root: crate::domain::formats::schema("contract").unwrap_or(Value::Null),
        }
    }

    fn def(&self, name: &str) -> Option<&Value> {
        self.root.get("$defs")?.get(name)
    }

    /// A definition's node (`Clause`, `SharedCap`…), or the root for `Contract`.
    pub fn node(&self, name: &str) -> Option<&Value> {
        if name == "Contract" {
            return Some(&self.root);
        }
        self.def(name)
    }

    /// A node with its `$ref` followed (once per call; definitions do not refer to refs).
    fn resolve<'a>(&'a self, node: &'a Value) -> &'a Value {
        let mut n = node;
        for _ in 0..4 {
            match n.get("$ref").and_then(Value::as_str) {
                Some(r) => match self.def(r.rsplit('/').next().unwrap_or_default()) {
                    Some(d) => n = d,
                    None => break,
                },
                None => break,
            }
        }
        n
    }

    /// The name of the definition a node refers to.
    fn ref_name(node: &Value) -> Option<&str> {
        node.get("$ref")?.as_str()?.rsplit('/').next()
    }

    /// `X` of `anyOf: [X, null]`, or of `type: [T, "null"]`; None when the node is not optional.
    fn unnull(node: &Value) -> Option<Value> {
        if let Some(list) = node.get("anyOf").and_then(Value::as_array) {
            let rest: Vec<&Value> = list
                .iter()
                .filter(|x| x.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
            if rest.len() + 1 == list.len() && rest.len() == 1 {
                let mut x = rest[0].clone();
                copy_descriptions(node, &mut x);
                return Some(x);
            }
        }
        if let Some(types) = node.get("type").and_then(Value::as_array) {
            if types.iter().any(|t| t == "null") {
                let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
                let mut x = node.clone();
                x["type"] = if rest.len() == 1 {
                    rest[0].clone()
                } else {
                    Value::Array(rest)
                };
                return Some(x);
            }
        }
        None
    }

    /// The default shape of a node: required members with their defaults, a union's first
    /// variant, an enum's first value; declared names take the first declared.
    pub fn default_of(&self, node: &Value, key: &str, names: &Names, depth: usize) -> Value {
        if depth > DEPTH {
            return Value::Null;
        }
        if let Some(x) = Self::unnull(node) {
            return self.default_of(&x, key, names, depth);
        }
        match Self::ref_name(node) {
            Some("Rate") => return Value::String("1%".into()),
            Some("Amount") => return Value::String("1000".into()),
            Some("Label") => return serde_json::json!({ "zh": "" }),
            _ => {}
        }
        let n = self.resolve(node);
        if let Some(c) = n.get("const") {
            return c.clone();
        }
        if let Some(e) = n
            .get("enum")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
        {
            return e.clone();
        }
        if let Some(vs) = variants(n) {
            return vs
                .first()
                .map(|v| self.default_of(v, key, names, depth + 1))
                .unwrap_or(Value::Null);
        }
        match type_of(n).as_deref() {
            Some("object") => {
                let mut m = Map::new();
                let props = n.get("properties").and_then(Value::as_object);
                // A rate and its base are part of a shape's default even where the schema
                // makes them optional (a per-day formula, a cap): the loader wants one of them.
                let mut keys = required(n);
                for k in ["rate", "base"] {
                    if props.is_some_and(|p| p.contains_key(k)) && !keys.iter().any(|r| r == k) {
                        keys.push(k.to_string());
                    }
                }
                for r in keys {
                    if let Some(p) = props.and_then(|p| p.get(&r)) {
                        m.insert(r.clone(), self.default_of(p, &r, names, depth + 1));
                    }
                }
                Value::Object(m)
            }
            Some("array") => Value::Array(Vec::new()),
            Some("integer") | Some("number") => Value::from(1),
            Some("boolean") => Value::Bool(false),
            _ => match names.for_key(key).and_then(|l| l.first()) {
                Some((id, _)) => Value::String(id.clone()),
                None => match n.get("format").and_then(Value::as_str) {
                    Some("date") => Value::String("2025-01-01".into()),
                    _ => Value::String(String::new()),
                },
            },
        }
    }

    /// The form of `value` (at `path`) as the node `node` describes it.
    pub fn field(
        &self,
        node: &Value,
        key: &str,
        value: &Value,
        path: &Path,
        names: &Names,
        lang: Lang,
    ) -> Field {
        let (label, hint) = describe(node, self.resolve(node), key, lang);
        Field {
            path: path.clone(),
            key: key.to_string(),
            label,
            hint,
            removable: false,
            control: self.control(node, key, value, path, names, lang, 0),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn control(
        &self,
        node: &Value,
        key: &str,
        value: &Value,
        path: &Path,
        names: &Names,
        lang: Lang,
        depth: usize,
    ) -> Control {
        if depth > DEPTH {
            return Control::Raw(serde_json::to_string_pretty(value).unwrap_or_default());
        }
        if let Some(x) = Self::unnull(node) {
            return self.control(&x, key, value, path, names, lang, depth);
        }
        let kind = match Self::ref_name(node) {
            Some("Rate") => Some(InputKind::Rate),
            Some("Amount") => Some(InputKind::Amount),
            _ => None,
        };
        if let Some(kind) = kind {
            return Control::Input {
                kind,
                text: shown(kind, &scalar_text(value)),
            };
        }
        let n = self.resolve(node);
        if n.get("const").is_some() {
            return Control::Nothing;
        }
        if let Some(vs) = variants(n) {
            return self.union(n, &vs, key, value, path, names, lang, depth);
        }
        if let Some(values) = n.get("enum").and_then(Value::as_array) {
            let choices = enum_choices(n, values, lang);
            let chosen = choices.iter().position(|c| &c.value == value);
            return Control::Select { choices, chosen };
        }
        match type_of(n).as_deref() {
            Some("object") if n.get("properties").is_some() => {
                self.group(n, value, path, names, lang, depth)
            }
            Some("array") => {
                let item = n.get("items").cloned().unwrap_or(Value::Null);
                let item_plain = type_of(self.resolve(&item)).as_deref() == Some("string")
                    && self.resolve(&item).get("enum").is_none();
                if let (true, Some(decl)) = (item_plain, names.for_key(key)) {
                    let chosen_ids: Vec<&str> = value
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(Value::as_str)
                        .collect();
                    let mut choices = named(decl);
                    for id in &chosen_ids {
                        if !choices.iter().any(|c| c.value == *id) {
                            choices.push(Choice {
                                value: Value::String((*id).to_string()),
                                label: id_label(id, lang),
                            });
                        }
                    }
                    let chosen = choices
                        .iter()
                        .map(|c| chosen_ids.iter().any(|id| c.value == *id))
                        .collect();
                    return Control::Multi { choices, chosen };
                }
                let rows = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .enumerate()
                    .map(|(i, v)| {
                        let p = path.index(i);
                        let (label, hint) = describe(&item, self.resolve(&item), "", lang);
                        Field {
                            path: p.clone(),
                            key: String::new(),
                            label: format!("{label} {}", i + 1).trim().to_string(),
                            hint,
                            removable: true,
                            control: self.control(&item, key, v, &p, names, lang, depth + 1),
                        }
                    })
                    .collect();
                Control::List {
                    rows,
                    new_row: self.default_of(&item, key, names, 0),
                }
            }
            Some("boolean") => Control::Check(value.as_bool().unwrap_or(false)),
            Some("integer") => Control::Input {
                kind: InputKind::Integer,
                text: scalar_text(value),
            },
            Some("number") => Control::Input {
                kind: InputKind::Decimal,
                text: scalar_text(value),
            },
            Some(t) if t == "string" || t.contains("string") => {
                if let Some(decl) = names.for_key(key) {
                    let mut choices = named(decl);
                    if let Some(s) = value.as_str() {
                        if !choices.iter().any(|c| c.value == s) {
                            choices.push(Choice {
                                value: value.clone(),
                                label: id_label(s, lang),
                            });
                        }
                    }
                    let chosen = choices.iter().position(|c| &c.value == value);
                    return Control::Select { choices, chosen };
                }
                let kind = match (n.get("format").and_then(Value::as_str), key) {
                    (Some("date"), _) => InputKind::Date,
                    (Some("date-time") | Some("partial-date-time"), _) => InputKind::DateTime,
                    (_, "text" | "description") => InputKind::LongText,
                    _ if t.contains("number") => InputKind::Decimal,
                    _ if t.contains("integer") => InputKind::Amount,
                    _ => InputKind::Text,
                };
                Control::Input {
                    kind,
                    text: shown(kind, &scalar_text(value)),
                }
            }
            _ => Control::Raw(serde_json::to_string_pretty(value).unwrap_or_default()),
        }
    }

    fn group(
        &self,
        n: &Value,
        value: &Value,
        path: &Path,
        names: &Names,
        lang: Lang,
        depth: usize,
    ) -> Control {
        let empty = Map::new();
        let props = n
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let req = required(n);
        let mut order: Vec<&String> = req.iter().filter(|r| props.contains_key(*r)).collect();
        let mut rest: Vec<&String> = props.keys().filter(|k| !req.contains(k)).collect();
        rest.sort_by_key(|k| (k.as_str() == "text", k.as_str()));
        order.extend(rest);
        let mut fields = Vec::new();
        let mut addable = Vec::new();
        for k in order {
            let p = &props[k];
            if self.resolve(p).get("const").is_some() {
                continue;
            }
            let (label, hint) = describe(p, self.resolve(p), k, lang);
            match value.get(k) {
                Some(v) if !v.is_null() => {
                    let fp = path.key(k);
                    fields.push(Field {
                        path: fp.clone(),
                        key: k.clone(),
                        label,
                        hint,
                        removable: !req.contains(k),
                        control: self.control(p, k, v, &fp, names, lang, depth + 1),
                    });
                }
                _ if req.contains(k) => {
                    let fp = path.key(k);
                    let d = self.default_of(p, k, names, 0);
                    fields.push(Field {
                        path: fp.clone(),
                        key: k.clone(),
                        label,
                        hint,
                        removable: false,
                        control: self.control(p, k, &d, &fp, names, lang, depth + 1),
                    });
                }
                _ => {
                    let mut d = self.default_of(p, k, names, 0);
                    if d == Value::Bool(false) {
                        d = Value::Bool(true);
                    }
                    addable.push(Addable {
                        key: k.clone(),
                        label,
                        hint,
                        value: d,
                    })
                }
            }
        }
        Control::Group { fields, addable }
    }

    #[allow(clippy::too_many_arguments)]
    fn union(
        &self,
        n: &Value,
        vs: &[Value],
        key: &str,
        value: &Value,
        path: &Path,
        names: &Names,
        lang: Lang,
        depth: usize,
    ) -> Control {
        // Scalar variants (constants, enums) are values to choose; object variants are shapes.
        let mut choices = Vec::new();
        let mut shapes: Vec<(usize, &Value)> = Vec::new();
        for v in vs {
            let r = self.resolve(v);
            if let Some(c) = r.get("const") {
                choices.push(Choice {
                    value: c.clone(),
                    label: variant_label(v, r, c.as_str().unwrap_or_default(), lang),
                });
            } else if let Some(values) = r.get("enum").and_then(Value::as_array) {
                choices.extend(enum_choices(r, values, lang));
            } else if let Some(inner) = self.scalar_choices(r, lang) {
                choices.extend(inner);
            } else if type_of(r).as_deref() == Some("object") {
                shapes.push((choices.len(), v));
                let tag = tag_value(r).unwrap_or_default();
                choices.push(Choice {
                    value: self.default_of(v, key, names, 0),
                    label: variant_label(v, r, &tag, lang),
                });
            } else {
                // A plain string beside built-in values (a declared moment): the names picker.
                let name = Value::String(String::new());
                choices.push(Choice {
                    value: name,
                    label: lang.pick("其他（自定义）", "Other (declared)").into(),
                });
            }
        }
        let chosen_scalar = choices
            .iter()
            .position(|c| &c.value == value && !value.is_object());
        if let Some(i) = chosen_scalar {
            return Control::Variant {
                choices,
                chosen: Some(i),
                body: Box::new(Control::Nothing),
            };
        }
        if value.is_string() && shapes.is_empty() {
            // A declared name not among the built-ins.
            let s = value.as_str().unwrap_or_default();
            choices.push(Choice {
                value: value.clone(),
                label: names
                    .events
                    .iter()
                    .find(|(id, _)| id == s)
                    .map(|(_, l)| l.clone())
                    .unwrap_or_else(|| id_label(s, lang)),
            });
            let last = choices.len() - 1;
            return Control::Variant {
                choices,
                chosen: Some(last),
                body: Box::new(Control::Nothing),
            };
        }
        let tag_key = tag_key(n, self);
        let which = shapes.iter().find(|(_, v)| {
            let r = self.resolve(v);
            match &tag_key {
                Some(t) => r["properties"][t.as_str()].get("const") == value.get(t.as_str()),
                None => fits(r, value),
            }
        });
        match which {
            Some((i, v)) => Control::Variant {
                choices,
                chosen: Some(*i),
                body: Box::new(self.group(self.resolve(v), value, path, names, lang, depth + 1)),
            },
            None => Control::Variant {
                choices,
                chosen: None,
                body: Box::new(Control::Raw(
                    serde_json::to_string_pretty(value).unwrap_or_default(),
                )),
            },
        }
    }
}

impl Schema {
    /// The values of a union of constants and enums (nested unions included); None when a
    /// variant is not a constant.
    fn scalar_choices(&self, n: &Value, lang: Lang) -> Option<Vec<Choice>> {
        let mut out = Vec::new();
        for v in variants(n)? {
            let r = self.resolve(&v);
            if let Some(c) = r.get("const") {
                out.push(Choice {
                    value: c.clone(),
                    label: variant_label(&v, r, c.as_str().unwrap_or_default(), lang),
                });
            } else if let Some(values) = r.get("enum").and_then(Value::as_array) {
                out.extend(enum_choices(r, values, lang));
            } else {
                out.extend(self.scalar_choices(r, lang)?);
            }
        }
        Some(out)
    }
}

/// A field's label and hint: the schema's description, shortened to its first phrase for the
/// label (Chinese from `x-description-zh`); the member's name when there is none.
fn describe(node: &Value, resolved: &Value, key: &str, lang: Lang) -> (String, String) {
    let zh = node
        .get(crate::domain::formats::ZH_KEY)
        .or_else(|| resolved.get(crate::domain::formats::ZH_KEY))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let en = node
        .get("description")
        .or_else(|| resolved.get("description"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    match lang {
        Lang::En => (
            short_label_en(key).unwrap_or_else(|| first_phrase(en, &['.', ':', '(', ';'])),
            en.replace('`', ""),
        ),
        _ => (
            short_label_zh(key)
                .unwrap_or_else(|| first_phrase(zh, &['。', '：', '（', '；', '，'])),
            zh.replace('`', ""),
        ),
    }
}

/// A description's first phrase, without code marks; a member's name quoted in it (逾期前
/// `start_after` 日, 逾期超过 `days` 日) is said as `N` (逾期前 N 日): a label never shows a
/// member's name.
fn first_phrase(s: &str, stops: &[char]) -> String {
    let mut out = String::new();
    for (i, part) in s.split('`').enumerate() {
        let is_name = i % 2 == 1
            && part.starts_with(|c: char| c.is_ascii_lowercase())
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.');
        // A path into the record (`facts.amounts`) is left out.
        let is_path = is_name && part.contains('.');
        out.push_str(match (is_name, is_path) {
            (_, true) => "…",
            (true, _) => "N",
            _ => part,
        });
    }
    let s = out;
    let cut = s.find(|c| stops.contains(&c)).unwrap_or(s.len());
    let p = s[..cut].trim();
    if p.chars().count() > 28 {
        p.chars().take(26).collect::<String>() + "…"
    } else {
        p.to_string()
    }
}

/// Short Chinese labels of the commonest members (their descriptions are sentences).
fn short_label_zh(key: &str) -> Option<String> {
    Some(
        match key {
            "id" => "编号",
            "title" => "标题",
            "label" => "名称",
            "zh" => "中文",
            "en" => "英文",
            "rate" => "费率",
            "base" => "计算基数",
            "cap" => "上限",
            "amount" => "金额",
            "payer" => "付款方",
            "holder" => "权利人",
            "party" => "履行方",
            "trigger" => "触发条件",
            "formula" => "计算方法",
            "rule" => "计算规则",
            "rights" => "权利",
            "right" => "权利种类",
            "when" => "条件",
            "days" => "天数",
            "n" => "数量",
            "unit" => "单位",
            "levels" => "级别",
            "level" => "级别",
            "excuses" => "免责事由",
            "deadline" => "履约期限",
            "due" => "到期",
            "event" => "事件",
            "after" => "之后",
            "before" => "之前",
            "text" => "条款原文",
            "timers" => "时限",
            "limits" => "时限要求",
            "within" => "时限",
            "from" => "起算时刻",
            "to" => "截止时刻",
            "every" => "周期",
            "low" => "下限",
            "high" => "上限",
            "period" => "期间",
            "length" => "期限长度",
            "start" => "起始",
            "interest" => "逾期利息日利率",
            "consequences" => "后果",
            "rates" => "各级别费率",
            "retention" => "质保金",
            "clauses" => "适用条款",
            _ => return None,
        }
        .to_string(),
    )
}

/// English labels: the member's name in words.
fn short_label_en(key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    let words = key.replace('_', " ");
    let mut c = words.chars();
    let first = c.next()?.to_uppercase().collect::<String>();
    Some(match key {
        "zh" => "Chinese".into(),
        "en" => "English".into(),
        "n" => "Number".into(),
        _ => first + c.as_str(),
    })
}

fn variant_label(v: &Value, r: &Value, tag: &str, lang: Lang) -> String {
    let (l, _) = describe(v, r, "", lang);
    // An English description that is the Chinese term alone (`乙方.`): the value in words.
    let chinese_only = lang == Lang::En && !l.chars().any(|c| c.is_ascii_alphabetic());
    if (tag.is_empty() || !chinese_only) && !l.is_empty() {
        return l.trim_end_matches(['。', '.']).to_string();
    }
    match lang {
        Lang::En => short_label_en(tag).unwrap_or_default(),
        _ => id_label(tag, lang),
    }
}

fn enum_choices(n: &Value, values: &[Value], lang: Lang) -> Vec<Choice> {
    let zh = n.get(crate::domain::formats::ZH_ENUM_KEY);
    values
        .iter()
        .map(|v| {
            let s = v.as_str().unwrap_or_default();
            let label = match lang {
                Lang::En => short_label_en(s).unwrap_or_default(),
                _ => zh
                    .and_then(|m| m.get(s))
                    .and_then(Value::as_str)
                    .map(|x| x.trim_end_matches('。').to_string())
                    .unwrap_or_else(|| id_label(s, lang)),
            };
            Choice {
                value: v.clone(),
                label,
            }
        })
        .collect()
}

fn named(decl: &[(String, String)]) -> Vec<Choice> {
    decl.iter()
        .map(|(id, l)| Choice {
            value: Value::String(id.clone()),
            label: l.clone(),
        })
        .collect()
}

fn variants(n: &Value) -> Option<Vec<Value>> {
    let list = n.get("oneOf").or_else(|| n.get("anyOf"))?.as_array()?;
    Some(list.clone())
}

fn type_of(n: &Value) -> Option<String> {
    match n.get("type")? {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => Some(
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("|"),
        ),
        _ => None,
    }
}

fn required(n: &Value) -> Vec<String> {
    n.get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect()
}

/// The constant member of a variant (its tag's value).
fn tag_value(r: &Value) -> Option<String> {
    r.get("properties")?
        .as_object()?
        .values()
        .find_map(|p| p.get("const").and_then(Value::as_str).map(str::to_string))
}

/// The member every object variant of a union has as a constant (`kind`, `on`, `type`, `of`).
fn tag_key(n: &Value, s: &Schema) -> Option<String> {
    let vs = variants(n)?;
    let objects: Vec<&Value> = vs
        .iter()
        .map(|v| s.resolve(v))
        .filter(|r| type_of(r).as_deref() == Some("object"))
        .collect();
    let first = objects.first()?.get("properties")?.as_object()?;
    first
        .iter()
        .filter(|(_, p)| p.get("const").is_some())
        .map(|(k, _)| k.clone())
        .find(|k| {
            objects
                .iter()
                .all(|o| o["properties"][k.as_str()].get("const").is_some())
        })
}

/// Whether an untagged variant fits a value: its required members are there and every member
/// is one of its own.
fn fits(r: &Value, value: &Value) -> bool {
    let Some(m) = value.as_object() else {
        return false;
    };
    let props = r.get("properties").and_then(Value::as_object);
    required(r).iter().all(|k| m.contains_key(k))
        && m.keys().all(|k| props.is_some_and(|p| p.contains_key(k)))
}

fn copy_descriptions(from: &Value, to: &mut Value) {
    for k in ["description", crate::domain::formats::ZH_KEY] {
        if let (Some(d), Value::Object(m)) = (from.get(k), &mut *to) {
            m.entry(k.to_string()).or_insert(d.clone());
        }
    }
}

/// A scalar as an input shows it.
pub fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

/// The value typed text sets, or why it cannot (in both languages). A rate is read by
/// [`Rate::parse`] and an amount by [`Amount::parse`] as the user types (`1%`, `3‰`, `万分之三`,
/// `0.1%`; `¥200,000`, `200000`, `20万`): the text is kept as typed, in the form the user wrote
/// it, and a text that is no rate or amount gets the loader's own message.
///
/// [`Rate::parse`]: crate::domain::money::Rate::parse
/// [`Amount::parse`]: crate::domain::money::Amount::parse
pub fn typed(kind: InputKind, text: &str) -> Result<Value, (String, String)> {
    use crate::domain::money::{Amount, Rate};
    use crate::domain::{Lang, Localize};
    let t = text.trim();
    let says = |zh: &str, en: &str| (zh.to_string(), en.to_string());
    match kind {
        InputKind::Integer => t
            .parse::<u64>()
            .map(Value::from)
            .map_err(|_| says("请输入非负整数", "enter a whole number")),
        InputKind::Decimal => {
            if t.parse::<rust_decimal::Decimal>().is_ok() {
                Ok(Value::String(t.to_string()))
            } else {
                Err(says("请输入数字", "enter a number"))
            }
        }
        InputKind::Rate => match Rate::parse(t) {
            Ok(_) => Ok(Value::String(t.to_string())),
            Err(e) => Err((e.localize(Lang::Zh), e.localize(Lang::En))),
        },
        InputKind::Amount if t.is_empty() => Ok(Value::String(String::new())),
        InputKind::Amount => match Amount::parse(t) {
            Ok(_) => Ok(Value::String(t.to_string())),
            Err(e) => Err((e.localize(Lang::Zh), e.localize(Lang::En))),
        },
        _ => Ok(Value::String(text.to_string())),
    }
}

/// A stored value as its input shows it. A rate the contract stores in a written form (`3‰`,
/// `万分之三`, `0.1%`) is shown as written; a bare fraction (`0.01`, what the drafter and the
/// loader write) the way contracts write it: [`rate_text`]. An amount stored as a plain number
/// (`200000`, `980000.00`) gets thousands separators (`200,000.00`); one in a written form
/// (`¥200,000`, `20万`) is shown as written. Anything that does not parse is shown as it is
/// (the loader's problem is at the field).
pub fn shown(kind: InputKind, text: &str) -> String {
    use crate::domain::money::{Amount, Rate};
    let t = text.trim();
    let plain = !t.is_empty()
        && t.trim_start_matches('-')
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    match kind {
        InputKind::Rate if plain => Rate::parse(t)
            .map(rate_text)
            .unwrap_or_else(|_| text.to_string()),
        InputKind::Amount if plain => Amount::parse(t)
            .map(Amount::format)
            .unwrap_or_else(|_| text.to_string()),
        _ => text.to_string(),
    }
}

/// A rate the way contracts write it: per mille when that is a whole number of ‰ below 1%
/// (`3‰`, `1‰`: 千分之三), else a percentage (`1%`, `0.1%`, `0.05%` for 万分之五, `5%`).
pub fn rate_text(r: crate::domain::money::Rate) -> String {
    let f = r.fraction();
    let mille = f.checked_mul(rust_decimal::Decimal::ONE_THOUSAND);
    let percent_whole = f
        .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
        .is_some_and(|p| p.fract().is_zero());
    match mille {
        Some(m)
            if !f.is_zero()
                && !percent_whole
                && m < rust_decimal::Decimal::TEN
                && m.fract().is_zero() =>
        {
            r.format_per_mille()
        }
        _ => r.format_percent(),
    }
}

/// The form of clause `i` of `contract`.
pub fn clause_form(schema: &Schema, contract: &Value, i: usize, lang: Lang) -> Option<Field> {
    let names = Names::of(contract, lang);
    let node = schema.node("Clause")?.clone();
    let path = Path::clause(i);
    let value = path.get(contract)?;
    Some(schema.field(&node, "", value, &path, &names, lang))
}

/// The form of a contract-wide member (`shared_caps`, `deadlines`, `events`, `levels`, `items`).
pub fn member_form(schema: &Schema, contract: &Value, key: &str, lang: Lang) -> Option<Field> {
    let names = Names::of(contract, lang);
    let node = schema
        .node("Contract")?
        .get("properties")?
        .get(key)?
        .clone();
    let path = Path::root().key(key);
    let value = path
        .get(contract)
        .cloned()
        .unwrap_or(Value::Array(Vec::new()));
    Some(schema.field(&node, key, &value, &path, &names, lang))
}

/// The value a kind picker sets: the new variant's default shape, with the members of the old
/// value that the new shape also has kept (a rate and a base survive a change of formula).
pub fn swapped(old: &Value, new: &Value) -> Value {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let mut out = n.clone();
            for (k, v) in out.iter_mut() {
                if ["kind", "on", "type", "of"].contains(&k.as_str()) {
                    continue;
                }
                if let Some(x) = o.get(k) {
                    *v = x.clone();
                }
            }
            Value::Object(out)
        }
        _ => new.clone(),
    }
}
