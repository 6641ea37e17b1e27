//! Pretty JSON with every object's keys in sorted order, written directly from a `Serialize`
//! value: the same text as `serde_json::to_string_pretty(&serde_json::to_value(v)?)`, without
//! building the `Value`.
//!
//! Why: the report's JSON has always been written through a `Value` (whose objects are B-tree
//! maps, so keys come out sorted, and that order is now what `lvyue-report/1` files look like).
//! For a year of 004 that `Value` was most of the API's time: a heap string per key and per
//! value, a B-tree node per object, and dropping them all (issue 10, item 18). Here each object is
//! written in the order its fields come, each entry's place noted; at the object's end, entries
//! out of order are moved into sorted order with one copy of the object's text.

use std::borrow::Cow;

use serde::ser::{self, Serialize};

/// Why writing failed (a map key that is not a string or a number; a custom error).
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Error {
        Error(msg.to_string())
    }
}

/// `v` as pretty JSON (two-space indent) with sorted keys, as `serde_json::to_value` and then
/// `serde_json::to_string_pretty` would write it.
///
/// # Errors
/// What `serde_json::to_value` would refuse: a map key that is neither a string nor a number.
pub fn to_sorted_pretty<T: Serialize + ?Sized>(v: &T) -> Result<String, Error> {
    let mut w = Writer {
        out: Vec::with_capacity(4096),
        ..Writer::default()
    };
    v.serialize(&mut w)?;
    // Only valid UTF-8 was written: strings come from `&str`, the rest is ASCII.
    String::from_utf8(w.out).map_err(|e| Error(e.to_string()))
}

#[derive(Default)]
struct Writer {
    out: Vec<u8>,
    depth: usize,
    /// The entries of the objects being written, innermost last ([`Obj`]).
    entries: Vec<(Cow<'static, str>, usize, usize)>,
    /// An object's text while its entries are put in order.
    scratch: Vec<u8>,
    /// [`Writer::order`]'s lists: the sorted entries, their texts, where each was put aside
    /// and where each goes.
    idx: Vec<usize>,
    texts: Vec<(usize, usize)>,
    aside: Vec<usize>,
    at: Vec<usize>,
    /// A value written with `Display` (dates, amounts), before it is quoted.
    shown: String,
}

impl Writer {
    fn newline(&mut self, depth: usize) {
        const SPACES: &[u8; 64] = &[b' '; 64];
        self.out.push(b'\n');
        let mut n = 2 * depth;
        while n > 0 {
            let k = n.min(SPACES.len());
            self.out.extend_from_slice(&SPACES[..k]);
            n -= k;
        }
    }

    fn string(&mut self, s: &str) {
        // serde_json's own escaping, into our buffer.
        let _ = serde_json::to_writer(&mut self.out, s);
    }

    /// A key: a field's name (letters, digits, `_`) as it is, any other through [`Writer::string`].
    fn key(&mut self, s: &str) {
        if s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            self.out.push(b'"');
            self.out.extend_from_slice(s.as_bytes());
            self.out.push(b'"');
        } else {
            self.string(s);
        }
    }

    fn scalar<T: Serialize>(&mut self, v: T) {
        let _ = serde_json::to_writer(&mut self.out, &v);
    }

    fn float(&mut self, v: f64) {
        // As a `Value`: a finite float is a number, anything else null.
        if v.is_finite() {
            self.scalar(v);
        } else {
            self.out.extend_from_slice(b"null");
        }
    }
}

/// An array being written.
struct Seq<'w> {
    w: &'w mut Writer,
    /// Whether the array is the value of a one-key object (a tuple or newtype variant).
    wrapped: bool,
    empty: bool,
}

impl Seq<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        if !self.empty {
            self.w.out.push(b',');
        }
        self.empty = false;
        self.w.newline(self.w.depth);
        v.serialize(&mut *self.w)
    }

    fn end(self) {
        self.w.depth -= 1;
        if !self.empty {
            self.w.newline(self.w.depth);
        }
        self.w.out.push(b']');
        if self.wrapped {
            close_wrapper(self.w);
        }
    }
}

/// An object being written. Its entries — key, where the entry's text starts and ends — are
/// the writer's [`Writer::entries`] from `base` on (a nested object's come after them and are
/// gone when it ends), so that no object allocates a list of its own.
struct Obj<'w> {
    w: &'w mut Writer,
    wrapped: bool,
    /// Where the object's first entry starts.
    body: usize,
    /// Where its entries start in [`Writer::entries`].
    base: usize,
    /// A map key written, waiting for its value.
    key: Option<Cow<'static, str>>,
}

impl Obj<'_> {
    fn entry<T: Serialize + ?Sized>(&mut self, key: Cow<'static, str>, v: &T) -> Result<(), Error> {
        let start = self.w.out.len();
        if self.w.entries.len() > self.base {
            self.w.out.push(b',');
        }
        self.w.newline(self.w.depth);
        self.w.key(&key);
        self.w.out.extend_from_slice(b": ");
        v.serialize(&mut *self.w)?;
        let end = self.w.out.len();
        self.w.entries.push((key, start, end));
        Ok(())
    }

    fn end(self) {
        self.w.depth -= 1;
        if self.w.entries.len() == self.base {
            self.w.out.push(b'}');
        } else {
            self.w.order(self.base, self.body);
            self.w.entries.truncate(self.base);
            self.w.newline(self.w.depth);
            self.w.out.push(b'}');
        }
        if self.wrapped {
            close_wrapper(self.w);
        }
    }
}

impl Writer {
    /// Moves the entries `entries[base..]` of the object whose first entry starts at `body`
    /// into sorted key order; a repeated key keeps its last value (as a map does). The lists
    /// it needs are the writer's, reused: ordering runs after every nested object has ended.
    fn order(&mut self, base: usize, body: usize) {
        let entries = &self.entries[base..];
        if entries.windows(2).all(|p| p[0].0 < p[1].0) {
            return;
        }
        // The indices in key order, of equal keys the last written kept: an insertion sort in
        // place for an object's few keys, a sort of the whole for a long map.
        let idx = &mut self.idx;
        idx.clear();
        if entries.len() <= 32 {
            for i in 0..entries.len() {
                let mut j = idx.len();
                while j > 0 && entries[idx[j - 1]].0 > entries[i].0 {
                    j -= 1;
                }
                if j > 0 && entries[idx[j - 1]].0 == entries[i].0 {
                    idx[j - 1] = i;
                } else {
                    idx.insert(j, i);
                }
            }
        } else {
            let mut all: Vec<usize> = (0..entries.len()).collect();
            crate::domain::order::sort_by(&mut all, |a, b| {
                entries[*a].0.cmp(&entries[*b].0).then(a.cmp(b))
            });
            for i in all {
                match idx.last_mut() {
                    Some(k) if entries[*k].0 == entries[i].0 => *k = i,
                    _ => idx.push(i),
                }
            }
        }
        // The entries' texts without their leading commas, in sorted order. The largest stays
        // in the buffer and is moved once to its place; only the others are copied aside, so an
        // object holding one long list (the report's lines) is not copied whole.
        let out = &mut self.out;
        self.texts.clear();
        self.texts.extend(idx.iter().map(|&i| {
            let (_, start, end) = &entries[i];
            let start = if out[*start] == b',' {
                start + 1
            } else {
                *start
            };
            (start, *end)
        }));
        let texts = &self.texts;
        let big = (0..texts.len())
            .max_by_key(|&k| texts[k].1 - texts[k].0)
            .unwrap_or(0);
        self.scratch.clear();
        self.aside.clear();
        for (k, &(start, end)) in texts.iter().enumerate() {
            self.aside.push(self.scratch.len());
            if k != big {
                self.scratch.extend_from_slice(&out[start..end]);
            }
        }
        self.at.clear();
        let mut pos = body;
        for (k, &(start, end)) in texts.iter().enumerate() {
            if k > 0 {
                pos += 1;
            }
            self.at.push(pos);
            pos += end - start;
        }
        let at = &self.at;
        out.copy_within(texts[big].0..texts[big].1, at[big]);
        for (k, &(start, end)) in texts.iter().enumerate() {
            if k > 0 {
                out[at[k] - 1] = b',';
            }
            if k != big {
                let len = end - start;
                let from = self.aside[k];
                out[at[k]..at[k] + len].copy_from_slice(&self.scratch[from..from + len]);
            }
        }
        out.truncate(pos);
    }
}

/// Opens `{ "variant": ` around the value of a newtype, tuple or struct variant.
fn open_wrapper(w: &mut Writer, variant: &'static str) {
    w.out.push(b'{');
    w.depth += 1;
    w.newline(w.depth);
    w.string(variant);
    w.out.extend_from_slice(b": ");
}

fn close_wrapper(w: &mut Writer) {
    w.depth -= 1;
    w.newline(w.depth);
    w.out.push(b'}');
}

fn seq(w: &mut Writer, wrapped: bool) -> Seq<'_> {
    w.out.push(b'[');
    w.depth += 1;
    Seq {
        w,
        wrapped,
        empty: true,
    }
}

fn obj(w: &mut Writer, wrapped: bool) -> Obj<'_> {
    w.out.push(b'{');
    w.depth += 1;
    let body = w.out.len();
    let base = w.entries.len();
    Obj {
        w,
        wrapped,
        body,
        base,
        key: None,
    }
}

impl<'w> ser::Serializer for &'w mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'w>;
    type SerializeTuple = Seq<'w>;
    type SerializeTupleStruct = Seq<'w>;
    type SerializeTupleVariant = Seq<'w>;
    type SerializeMap = Obj<'w>;
    type SerializeStruct = Obj<'w>;
    type SerializeStructVariant = Obj<'w>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.scalar(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.float(f64::from(v));
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.float(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    /// Dates and amounts are written with `Display`: into one reused buffer, not a new string
    /// each.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, v: &T) -> Result<(), Error> {
        use std::fmt::Write;
        let mut shown = std::mem::take(&mut self.shown);
        shown.clear();
        let _ = write!(shown, "{v}");
        self.string(&shown);
        self.shown = shown;
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut s = seq(self, false);
        for b in v {
            s.element(b)?;
        }
        s.end();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        open_wrapper(self, variant);
        v.serialize(&mut *self)?;
        close_wrapper(self);
        Ok(())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'w>, Error> {
        Ok(seq(self, false))
    }
    fn serialize_tuple(self, _: usize) -> Result<Seq<'w>, Error> {
        Ok(seq(self, false))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Seq<'w>, Error> {
        Ok(seq(self, false))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'w>, Error> {
        open_wrapper(self, variant);
        Ok(seq(self, true))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Obj<'w>, Error> {
        Ok(obj(self, false))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Obj<'w>, Error> {
        Ok(obj(self, false))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Obj<'w>, Error> {
        open_wrapper(self, variant);
        Ok(obj(self, true))
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        self.element(v)
    }
    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeMap for Obj<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        // Keys as a `Value` has them: strings, and numbers written as strings.
        let k = match serde_json::to_value(key).map_err(|e| Error(e.to_string()))? {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => return Err(Error("a map key must be a string".into())),
        };
        self.key = Some(Cow::Owned(k));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value without its key".into()))?;
        self.entry(key, v)
    }
    fn end(self) -> Result<(), Error> {
        Obj::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Obj<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.entry(Cow::Borrowed(key), v)
    }
    fn end(self) -> Result<(), Error> {
        Obj::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Obj<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Error> {
        self.entry(Cow::Borrowed(key), v)
    }
    fn end(self) -> Result<(), Error> {
        Obj::end(self);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn via_value<T: Serialize>(v: &T) -> String {
        serde_json::to_string_pretty(&serde_json::to_value(v).unwrap()).unwrap()
    }

    #[derive(Serialize)]
    #[serde(tag = "step", rename_all = "snake_case")]
    enum Step {
        Note { zh: String, en: String },
        Nothing,
    }

    #[derive(Serialize)]
    enum Outer {
        New(u32),
        Pair(u8, u8),
        Named { z: u8, a: u8 },
        Unit,
    }

    #[derive(Serialize)]
    struct S {
        zeta: Vec<Step>,
        alpha: Option<u32>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u32>,
        map: BTreeMap<String, i64>,
        nums: BTreeMap<u32, bool>,
        empty: Vec<u8>,
        empty_map: BTreeMap<String, u8>,
        outer: Vec<Outer>,
        text: &'static str,
        tuple: (u8, &'static str),
        f: f64,
    }

    #[test]
    fn the_same_text_as_through_a_value() {
        let s = S {
            zeta: vec![
                Step::Note {
                    zh: "甲\n\"乙\"\u{1b}".into(),
                    en: "a/b\\c".into(),
                },
                Step::Nothing,
            ],
            alpha: None,
            skipped: None,
            map: [("b".to_string(), -1), ("a".to_string(), 2)].into(),
            nums: [(10, true), (9, false)].into(),
            empty: vec![],
            empty_map: BTreeMap::new(),
            outer: vec![
                Outer::New(1),
                Outer::Pair(1, 2),
                Outer::Named { z: 1, a: 2 },
                Outer::Unit,
            ],
            text: "",
            tuple: (1, "x"),
            f: 1.5,
        };
        assert_eq!(to_sorted_pretty(&s).unwrap(), via_value(&s));
        for v in [
            json!({}),
            json!([]),
            json!(null),
            json!({"b": [1, {"d": 1, "c": []}], "a": "x"}),
        ] {
            assert_eq!(to_sorted_pretty(&v).unwrap(), via_value(&v));
        }
    }

    /// A map written with a key twice, out of order: the last value stays, as in a `Value`.
    struct Twice(Vec<(&'static str, u32)>);

    impl Serialize for Twice {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut m = s.serialize_map(None)?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }

    #[test]
    fn long_maps_repeated_keys_odd_keys_and_deep_nesting() {
        let long: std::collections::HashMap<String, u32> = (0..100)
            .map(|i| (format!("k{}", (i * 37) % 100), i))
            .collect();
        assert_eq!(to_sorted_pretty(&long).unwrap(), via_value(&long));
        let twice = Twice(vec![("b", 1), ("a", 2), ("b", 3), ("c", 4), ("a", 5)]);
        assert_eq!(
            to_sorted_pretty(&twice).unwrap(),
            "{\n  \"a\": 5,\n  \"b\": 3,\n  \"c\": 4\n}"
        );
        let many: Vec<(&'static str, u32)> = (0..40)
            .map(|i| (["x", "y", "z"][i % 3], i as u32))
            .collect();
        let expect = "{\n  \"x\": 39,\n  \"y\": 37,\n  \"z\": 38\n}";
        assert_eq!(to_sorted_pretty(&Twice(many)).unwrap(), expect);
        let odd = json!({"附件2-5.3": 1, "a b": 2, "\"q\"": 3, "": 4, "Z_9": 5});
        assert_eq!(to_sorted_pretty(&odd).unwrap(), via_value(&odd));
        let mut deep = json!({"leaf": [1, 2]});
        for i in 0..40 {
            deep = json!({ format!("n{i}"): deep, "a": i });
        }
        assert_eq!(to_sorted_pretty(&deep).unwrap(), via_value(&deep));
    }
}
