//! JSON paths into the contract being edited, written as the loader writes them
//! (`clauses[3].rule.formula.rate`, [`crate::domain::load::path_key`]), so that a problem the
//! loader finds is shown at the field it concerns.

use serde_json::{Map, Value};

/// One step of a path: an object's member or an array's element.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A path from the contract's root.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(pub Vec<Seg>);

impl Path {
    pub fn root() -> Path {
        Path(Vec::new())
    }

    /// The path of member `k` of this one.
    pub fn key(&self, k: &str) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Key(k.to_string()));
        p
    }

    /// The path of element `i` of this one.
    pub fn index(&self, i: usize) -> Path {
        let mut p = self.clone();
        p.0.push(Seg::Index(i));
        p
    }

    /// The path `clauses[i]`.
    pub fn clause(i: usize) -> Path {
        Path::root().key("clauses").index(i)
    }

    /// The path as the loader writes it.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for seg in &self.0 {
            s = match seg {
                Seg::Key(k) => crate::domain::load::path_key(&s, k),
                Seg::Index(i) => crate::domain::load::path_index(&s, *i),
            };
        }
        s
    }

    /// The value at this path.
    pub fn get<'a>(&self, v: &'a Value) -> Option<&'a Value> {
        let mut cur = v;
        for seg in &self.0 {
            cur = match seg {
                Seg::Key(k) => cur.get(k.as_str())?,
                Seg::Index(i) => cur.get(*i)?,
            };
        }
        Some(cur)
    }

    /// Sets the value at this path, making the objects on the way; an index past the end of an
    /// array appends. Returns whether anything was set (a path through a scalar is not).
    pub fn set(&self, root: &mut Value, value: Value) -> bool {
        let mut cur = root;
        for seg in &self.0 {
            cur = match seg {
                Seg::Key(k) => {
                    if cur.is_null() {
                        *cur = Value::Object(Map::new());
                    }
                    let Value::Object(m) = cur else {
                        return false;
                    };
                    m.entry(k.clone()).or_insert(Value::Null)
                }
                Seg::Index(i) => {
                    if cur.is_null() {
                        *cur = Value::Array(Vec::new());
                    }
                    let Value::Array(a) = cur else {
                        return false;
                    };
                    if *i >= a.len() {
                        a.push(Value::Null);
                        let last = a.len() - 1;
                        &mut a[last]
                    } else {
                        &mut a[*i]
                    }
                }
            };
        }
        *cur = value;
        true
    }

    /// Removes the member or element at this path. Returns whether it was there.
    pub fn remove(&self, root: &mut Value) -> bool {
        let Some((last, parent)) = self.0.split_last() else {
            return false;
        };
        let mut cur = root;
        for seg in parent {
            let next = match seg {
                Seg::Key(k) => cur.get_mut(k.as_str()),
                Seg::Index(i) => cur.get_mut(*i),
            };
            let Some(n) = next else {
                return false;
            };
            cur = n;
        }
        match (last, cur) {
            (Seg::Key(k), Value::Object(m)) => m.remove(k).is_some(),
            (Seg::Index(i), Value::Array(a)) if *i < a.len() => {
                a.remove(*i);
                true
            }
            _ => false,
        }
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}
