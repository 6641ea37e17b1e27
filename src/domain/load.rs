//! Loading contract and events files, with every problem located.
//!
//! A person writes these files by hand, so a loader that stops at the first mistake, or that
//! says "invalid type at line 1 column 5127", wastes their time. This module reads a file in
//! three passes so that it can list **every** problem with its JSON path and its line and
//! column:
//!
//! 1. the text is parsed into a `serde_json::Value` (a syntax error is the one problem then,
//!    at serde_json's position; an empty file, invalid UTF-8 and nesting deeper than 128 are
//!    clean errors too);
//! 2. each top-level field and each array element is deserialized on its own (with
//!    `serde_path_to_error` for the path inside an element), so mistakes in different clauses
//!    are all reported; unknown fields are errors because the types deny them;
//! 3. the result is validated ([`crate::domain::validate`]): duplicate ids, dangling
//!    references, impossible rates.
//!
//! Paths are mapped back to positions by [`PositionIndex`], a small scanner over the text that
//! records where each JSON path starts. Columns count characters, not bytes, from 1.

use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::domain::contract::{self, Contract};
use crate::domain::events::{self, Events};
use crate::domain::quote::shown;
use crate::domain::report::Severity;
use crate::domain::{Lang, Localize};

mod fields;
mod messages;
mod value;
pub use fields::{accepted_fields, check_fields, join};
pub use messages::json_syntax;
use messages::{parse_value, parse_value_noting, serde_problem};

/// One problem in a file: what, where (JSON path, line, column) and how bad.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Stable, machine-readable, e.g. `field.unknown`, `ref.level`, `id.duplicate`.
    pub code: String,
    /// Errors make the file unusable; warnings do not.
    pub severity: Severity,
    /// The JSON path, e.g. `clauses[3].rule.formula.rate` (empty for the whole document).
    pub path: String,
    /// 1-based line in the text; 0 when the problem was found without the text.
    pub line: usize,
    /// 1-based column (in characters) in the text; 0 when unknown.
    pub column: usize,
    /// What was expected there, when that can be said.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// The clause whose figures it concerns, when it concerns one (a consent the clause cannot
    /// use), so that a warning can be shown beside them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The message in Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

impl Problem {
    /// An error-severity problem without a position (see [`locate`]).
    pub fn error(code: &str, path: impl Into<String>, zh: String, en: String) -> Problem {
        Problem {
            code: code.to_string(),
            severity: Severity::Error,
            path: path.into(),
            line: 0,
            column: 0,
            expected: None,
            clause: None,
            zh,
            en,
        }
    }

    /// The same problem, concerning clause `id`.
    pub fn concerning(mut self, id: &str) -> Problem {
        self.clause = Some(id.to_string());
        self
    }

    /// A warning without a position.
    pub fn warning(code: &str, path: impl Into<String>, zh: String, en: String) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(code, path, zh, en)
        }
    }

    /// Whether it is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn at(mut self, pos: Pos) -> Problem {
        self.line = pos.line;
        self.column = pos.column;
        self
    }

    fn expecting(mut self, expected: Option<String>) -> Problem {
        self.expected = expected;
        self
    }
}

/// A warning of the record or the options, as the report carries it: its code, path, clause
/// and message.
impl From<Problem> for crate::domain::report::Warning {
    fn from(p: Problem) -> Self {
        crate::domain::report::Warning {
            code: p.code,
            path: (!p.path.is_empty()).then_some(p.path),
            clause: p.clause,
            zh: p.zh,
            en: p.en,
        }
    }
}

impl Localize for Problem {
    fn localize(&self, lang: Lang) -> String {
        lang.pick(&self.zh, &self.en).clone()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.en)
    }
}

/// Every problem found in a file, in the order of the text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// The problems.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each problem as `file:line:column: path: message` in `lang`.
    pub fn render(&self, file: &str, lang: Lang) -> String {
        self.0
            .iter()
            .map(|p| render_problem(p, file, lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Where a problem is, in words: `第 19 行第 3 列` / `line 19, column 3` (empty when the
/// problem has no place in the text). The page says it so; compilers' `19:3` is the CLI's.
pub fn place_text(p: &Problem, lang: Lang) -> String {
    match (p.line > 0, lang) {
        (false, _) => String::new(),
        (true, Lang::Zh) => format!("第 {} 行第 {} 列", p.line, p.column),
        (true, Lang::En) => format!("line {}, column {}", p.line, p.column),
    }
}

/// One problem as `file:line:column: path: message`.
pub fn render_problem(p: &Problem, file: &str, lang: Lang) -> String {
    let mut s = file.to_string();
    if p.line > 0 {
        s.push_str(&format!(":{}:{}", p.line, p.column));
    }
    s.push_str(": ");
    if !p.path.is_empty() {
        s.push_str(&p.path);
        s.push_str(": ");
    }
    let sev = match (p.severity, lang) {
        (Severity::Warning, Lang::Zh) => "警告：",
        (Severity::Warning, Lang::En) => "warning: ",
        (Severity::Info, Lang::Zh) => "提示：",
        (Severity::Info, Lang::En) => "note: ",
        _ => "",
    };
    s.push_str(sev);
    s.push_str(&p.localize(lang));
    s
}

impl Localize for Problems {
    fn localize(&self, lang: Lang) -> String {
        self.render("", lang)
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Problems {
        Problems(v)
    }
}

/// A position in a text: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

/// The path of a child `key` of `parent`: `parent.key`, or `parent["a.b"]` for a key that is
/// not a plain name.
pub fn path_key(parent: &str, key: &str) -> String {
    let mut p = parent.to_string();
    push_key(&mut p, key);
    p
}

/// The path of element `i` of `parent`: `parent[i]`.
pub fn path_index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// Where each JSON path of a text starts: its value and, for object members, its key.
///
/// Built by a small scanner over a text that is already known to be valid JSON (it is
/// lenient otherwise and never panics). It also notes keys that appear twice in one object,
/// which `serde_json::Value` would silently collapse.
#[derive(Clone, Debug, Default)]
pub struct PositionIndex {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    /// Paths of members whose key repeats an earlier key of the same object.
    pub duplicate_keys: Vec<(String, Pos)>,
}

impl PositionIndex {
    /// Scans `text` (without a BOM), noting where every path starts.
    pub fn new(text: &str) -> PositionIndex {
        PositionIndex::scan(text, None)
    }

    /// Scans `text`, noting where the `wanted` paths start (all paths when `None`) and every
    /// duplicate key. One pass over the bytes with one path buffer: linear in the text, so a
    /// 20 MB file with a million keys is scanned in well under a second (release).
    pub fn scan(text: &str, wanted: Option<&HashSet<String>>) -> PositionIndex {
        PositionIndex::scan_with(text, wanted, true)
    }

    /// [`PositionIndex::scan`], looking for duplicate keys only when `dups`. Without `dups`,
    /// a subtree with no wanted path (`wanted` holds every ancestor of a wanted path) is
    /// skipped over without building paths.
    fn scan_with(text: &str, wanted: Option<&HashSet<String>>, dups: bool) -> PositionIndex {
        let mut s = Scanner {
            bytes: text.as_bytes(),
            i: 0,
            line: 1,
            col: 1,
            path: String::new(),
            wanted,
            dups,
            index: PositionIndex::default(),
        };
        s.skip_ws();
        s.value(0);
        s.index
    }

    /// Where the value at `path` starts, or where its nearest known ancestor starts.
    pub fn value(&self, path: &str) -> Pos {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.values.get(&p) {
                return *pos;
            }
            match parent_path(&p) {
                Some(parent) => p = parent,
                None => return Pos { line: 1, column: 1 },
            }
        }
    }

    /// Where the key of the member at `path` starts (its value when it has no key).
    pub fn key(&self, path: &str) -> Pos {
        self.keys
            .get(path)
            .copied()
            .unwrap_or_else(|| self.value(path))
    }
}

/// The parent of a path, or `None` for the root.
fn parent_path(p: &str) -> Option<String> {
    if p.is_empty() {
        return None;
    }
    if p.ends_with(']') {
        // An index or a quoted key: find the matching '[' outside quotes.
        let bytes = p.as_bytes();
        let mut in_str = false;
        let mut open = None;
        let mut k = 0;
        while k < bytes.len() {
            match bytes[k] {
                b'\\' if in_str => k += 1,
                b'"' => in_str = !in_str,
                b'[' if !in_str => open = Some(k),
                _ => {}
            }
            k += 1;
        }
        return open.map(|o| p[..o].to_string());
    }
    let mut in_str = false;
    let mut cut = 0;
    let bytes = p.as_bytes();
    let mut k = 0;
    while k < bytes.len() {
        match bytes[k] {
            b'\\' if in_str => k += 1,
            b'"' => in_str = !in_str,
            b'.' | b'[' if !in_str => cut = k,
            _ => {}
        }
        k += 1;
    }
    Some(p[..cut].to_string())
}

struct Scanner<'t, 'w> {
    bytes: &'t [u8],
    i: usize,
    line: usize,
    col: usize,
    /// The path of the value being scanned.
    path: String,
    wanted: Option<&'w HashSet<String>>,
    /// Whether to look for duplicate keys (which needs every key of every object).
    dups: bool,
    index: PositionIndex,
}

/// FNV-1a: the keys of one object, hashed for finding duplicates, need no protection against
/// collisions and SipHash dominated the scan of a file with a million keys.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvSet<T> = HashSet<T, std::hash::BuildHasherDefault<Fnv>>;

impl Scanner<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.i).copied()
    }

    /// Moves past one byte; columns count characters, so UTF-8 continuation bytes do not
    /// move the column.
    fn bump(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        if c == b'\n' {
            self.line += 1;
            self.col = 1;
        } else if c & 0xC0 != 0x80 {
            self.col += 1;
        }
        Some(c)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.col,
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    fn want(&self) -> bool {
        self.wanted.is_none_or(|w| w.contains(&self.path))
    }

    /// Whether every wanted path has been found (and no duplicate is looked for): the rest of
    /// the text need not be read. A warning at the first incident of a long record is located
    /// without walking the other incidents' bytes.
    fn done(&self) -> bool {
        !self.dups
            && self
                .wanted
                .is_some_and(|w| self.index.values.len() >= w.len())
    }

    fn value(&mut self, depth: usize) {
        if self.want() {
            self.index.values.insert(self.path.clone(), self.pos());
        } else if !self.dups {
            self.skip_value();
            return;
        }
        if depth > 200 {
            return;
        }
        match self.peek() {
            Some(b'{') => {
                self.bump();
                let mut seen: FnvSet<String> = FnvSet::default();
                loop {
                    if self.done() {
                        return;
                    }
                    self.skip_ws();
                    match self.peek() {
                        Some(b'}') => {
                            self.bump();
                            return;
                        }
                        Some(b'"') => {}
                        None => return,
                        _ => {
                            self.bump();
                            continue;
                        }
                    }
                    let key_pos = self.pos();
                    let key = self.string();
                    let len = self.path.len();
                    push_key(&mut self.path, &key);
                    if self.dups && !seen.insert(key) {
                        self.index.duplicate_keys.push((self.path.clone(), key_pos));
                    }
                    if self.want() {
                        self.index.keys.insert(self.path.clone(), key_pos);
                    }
                    self.skip_ws();
                    if self.peek() == Some(b':') {
                        self.bump();
                    }
                    self.skip_ws();
                    self.value(depth + 1);
                    self.path.truncate(len);
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.bump();
                    }
                }
            }
            Some(b'[') => {
                self.bump();
                let mut n = 0;
                loop {
                    if self.done() {
                        return;
                    }
                    self.skip_ws();
                    match self.peek() {
                        Some(b']') => {
                            self.bump();
                            return;
                        }
                        None => return,
                        _ => {}
                    }
                    let len = self.path.len();
                    {
                        use std::fmt::Write;
                        let _ = write!(self.path, "[{n}]");
                    }
                    let before = self.i;
                    self.value(depth + 1);
                    self.path.truncate(len);
                    n += 1;
                    self.skip_ws();
                    if self.peek() == Some(b',') {
                        self.bump();
                    } else if self.i == before {
                        // Not valid JSON: move on rather than loop.
                        self.bump();
                    }
                }
            }
            Some(b'"') => {
                self.skip_string();
            }
            _ => {
                while let Some(c) = self.peek() {
                    if matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                        break;
                    }
                    self.bump();
                }
            }
        }
    }

    /// Moves past one value (of a valid text) without noting anything in it.
    fn skip_value(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            match c {
                b'"' => self.skip_string(),
                b'{' | b'[' => {
                    depth += 1;
                    self.bump();
                }
                b'}' | b']' => {
                    if depth == 0 {
                        return;
                    }
                    depth -= 1;
                    self.bump();
                }
                b',' if depth == 0 => return,
                _ => {
                    self.bump();
                }
            }
            if depth == 0 && matches!(self.peek(), Some(b',' | b'}' | b']') | None) {
                return;
            }
        }
    }

    /// Moves past a string literal (at its opening quote) without decoding it.
    fn skip_string(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                b'"' => break,
                b'\\' => {
                    self.bump();
                }
                _ => {}
            }
        }
    }

    /// Reads a string literal (at its opening quote) and returns its decoded content.
    fn string(&mut self) -> String {
        let start = self.i + 1;
        self.skip_string();
        let end = self.i.saturating_sub(1).max(start);
        let raw = &self.bytes[start.min(end)..end];
        if !raw.contains(&b'\\') {
            return String::from_utf8_lossy(raw).into_owned();
        }
        let raw = String::from_utf8_lossy(raw);
        let mut out = String::new();
        let mut chars = raw.chars();
        let mut pending_high: Option<u32> = None;
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some('u') => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            let d = chars.next().and_then(|h| h.to_digit(16)).unwrap_or(0);
                            code = code * 16 + d;
                        }
                        if (0xD800..0xDC00).contains(&code) {
                            pending_high = Some(code);
                            continue;
                        }
                        if (0xDC00..0xE000).contains(&code) {
                            if let Some(h) = pending_high.take() {
                                let full = 0x10000 + ((h - 0xD800) << 10) + (code - 0xDC00);
                                out.extend(char::from_u32(full));
                            }
                            continue;
                        }
                        out.extend(char::from_u32(code));
                    }
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('r') => out.push('\r'),
                    Some('b') => out.push('\u{8}'),
                    Some('f') => out.push('\u{c}'),
                    Some(o) => out.push(o),
                    None => break,
                },
                c => out.push(c),
            }
            pending_high = None;
        }
        out
    }
}

/// Appends the segment of child `key` to a path, as [`path_key`] writes it.
fn push_key(path: &mut String, key: &str) {
    let plain = !key.is_empty()
        && !key.chars().any(|c| {
            matches!(c, '.' | '[' | ']' | '"' | '\\')
                || c.is_whitespace()
                || crate::domain::quote::is_invisible(c)
        });
    if plain {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
    } else {
        path.push('[');
        path.push_str(&serde_json::to_string(key).unwrap_or_default());
        path.push(']');
    }
}

/// Fills in the line and column of each problem from its path in `text` (a BOM is skipped).
/// Problems about unknown fields and duplicate keys point at the key, others at the value.
pub fn locate(problems: &mut [Problem], text: &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut wanted = HashSet::new();
    for p in problems.iter().filter(|p| p.line == 0) {
        let mut path = Some(p.path.clone());
        while let Some(q) = path {
            path = parent_path(&q);
            if !wanted.insert(q) {
                break;
            }
        }
    }
    if wanted.is_empty() {
        return;
    }
    let index = PositionIndex::scan_with(text, Some(&wanted), false);
    locate_with(problems, &index);
}

fn locate_with(problems: &mut [Problem], index: &PositionIndex) {
    for p in problems.iter_mut() {
        if p.line > 0 {
            continue;
        }
        let pos = if matches!(p.code.as_str(), "field.unknown" | "json.duplicate-key") {
            index.key(&p.path)
        } else {
            index.value(&p.path)
        };
        p.line = pos.line;
        p.column = pos.column;
    }
}

/// Which file format is being read.
#[derive(Clone, Copy)]
enum Kind {
    Contract,
    Events,
}

impl Kind {
    /// Migrates a document of an earlier version in place: the notice that it did.
    fn migrate(self, doc: &mut Value) -> Option<Problem> {
        match self {
            Kind::Contract => crate::domain::migrate::contract(doc, ""),
            Kind::Events => crate::domain::migrate::events(doc, ""),
        }
    }

    fn tag(self) -> &'static str {
        match self {
            Kind::Contract => contract::FORMAT,
            Kind::Events => events::FORMAT,
        }
    }

    /// Whether the format has internally tagged enums (`{"type": …}`), whose unit variants
    /// let serde ignore keys beside the tag. The record has none (`tests/all/formats.rs` reads
    /// its schema to hold this), so a record that reads whole needs no writing back.
    fn tagged(self) -> bool {
        matches!(self, Kind::Contract)
    }
}

/// Keys of `input` objects that stand next to the tag of a unit variant, which serde ignores.
fn unit_variant_extras(input: &Value, back: &Value, path: &str, out: &mut Vec<Problem>) {
    match (input, back) {
        (Value::Object(i), Value::Object(b)) => {
            let tag_only = b.len() == 1
                && b.keys()
                    .all(|k| matches!(k.as_str(), "on" | "of" | "type" | "kind" | "step"));
            for (k, iv) in i {
                match b.get(k) {
                    Some(bv) => unit_variant_extras(iv, bv, &path_key(path, k), out),
                    None if tag_only => {
                        let tag = b.keys().next().cloned().unwrap_or_default();
                        out.push(
                            Problem::error(
                                "field.unknown",
                                path_key(path, k),
                                format!("未知字段“{k}”（此处只有“{tag}”）"),
                                format!("unknown field `{k}`, expected only `{tag}` here"),
                            )
                            .expecting(Some(format!("`{tag}`"))),
                        );
                    }
                    None => {}
                }
            }
        }
        (Value::Array(i), Value::Array(b)) => {
            for (n, (iv, bv)) in i.iter().zip(b).enumerate() {
                unit_variant_extras(iv, bv, &path_index(path, n), out);
            }
        }
        _ => {}
    }
}

/// The value at a relative path built by [`path_key`] and [`path_index`].
fn value_at<'a>(v: &'a Value, rel: &str) -> Option<&'a Value> {
    if rel.is_empty() {
        return Some(v);
    }
    let parent = parent_path(rel)?;
    let last = &rel[parent.len()..];
    let base = value_at(v, &parent)?;
    if let Some(k) = last.strip_prefix('.') {
        base.get(k)
    } else if let Some(inner) = last.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
        if let Ok(i) = inner.parse::<usize>() {
            base.get(i)
        } else {
            let key: String = serde_json::from_str(inner).ok()?;
            base.get(key.as_str())
        }
    } else {
        base.get(last)
    }
}

/// The duplicate keys of a text, as problems (one pass over the text that notes no path).
pub fn duplicate_keys(bare: &str, prefix: &str) -> Vec<Problem> {
    let index = PositionIndex::scan(bare, Some(&HashSet::new()));
    index
        .duplicate_keys
        .iter()
        .filter(|(path, _)| path.starts_with(prefix))
        .map(|(path, pos)| {
            Problem::error(
                "json.duplicate-key",
                path.clone(),
                "同一对象中字段重复出现".into(),
                "the key appears twice in the same object".into(),
            )
            .at(*pos)
        })
        .collect()
}

/// The problem of a document whose `format` is not `tag` (none when it is, or is no string).
pub fn format_tag(doc: &Value, prefix: &str, tag: &str) -> Option<Problem> {
    let Some(Value::String(found)) = doc.get("format") else {
        return None;
    };
    (found != tag).then(|| {
        Problem::error(
            "format.tag",
            fields::join(prefix, "format"),
            format!("格式标记为“{}”，应为“{tag}”", shown(found)),
            format!("the format tag is \"{}\"; expected \"{tag}\"", shown(found)),
        )
        .expecting(Some(tag.to_string()))
    })
}

/// Reads the whole document `doc` (at `prefix`) as a `T` once its fields were checked
/// ([`check_fields`]), which found every problem; one is reported here only if that check
/// missed it.
///
/// # Errors
/// Every problem found, paths with `prefix`, not yet located.
pub fn read_whole<T: DeserializeOwned + Serialize>(
    doc: &Value,
    prefix: &str,
) -> Result<T, Vec<Problem>> {
    match serde_path_to_error::deserialize::<_, T>(doc) {
        Ok(t) => Ok(t),
        Err(e) => {
            let mut p = String::new();
            for seg in e.path().iter() {
                p = match seg {
                    serde_path_to_error::Segment::Seq { index } => path_index(&p, *index),
                    serde_path_to_error::Segment::Map { key } => path_key(&p, key),
                    _ => p,
                };
            }
            let sub = value_at(doc, &p).unwrap_or(doc);
            let mut problem = serde_problem(&e.into_inner().to_string(), &p, sub);
            problem.path = fields::join(prefix, &problem.path);
            Err(vec![problem])
        }
    }
}

/// The document as a `T` when it reads whole and no key of it is one serde ignores (beside
/// the tag of a unit variant: the value written back is compared with it where it has a tag).
///
/// Read through the same deserializer as [`read_whole`], so that the derived code of every
/// format type is compiled once (the page's module holds one copy, not two).
fn read_clean<T: DeserializeOwned + Serialize>(doc: &Value, tagged: bool) -> Option<T> {
    let t = read_whole::<T>(doc, "").ok()?;
    if tagged && fields::has_tag(doc) {
        let back = serde_json::to_value(&t).ok()?;
        let mut extras = Vec::new();
        unit_variant_extras(doc, &back, "", &mut extras);
        if !extras.is_empty() {
            return None;
        }
    }
    Some(t)
}

/// Passes 1 and 2 for either format: the typed value, or every structural problem.
///
/// A document of an earlier version is migrated first ([`crate::domain::migrate`]); the notice
/// that it was is returned beside the value.
fn load_typed<T: DeserializeOwned + Serialize + Default>(
    text: &str,
    kind: Kind,
) -> Result<(T, Vec<Problem>), Problems> {
    size_limit(text)?;
    let (mut value, repeated) = parse_value_noting(text).map_err(|p| Problems(vec![*p]))?;
    let bare = text.strip_prefix('\u{feff}').unwrap_or(text);
    record_limits(&value, kind, bare)?;
    let mut notices: Vec<Problem> = kind.migrate(&mut value).into_iter().collect();
    locate(&mut notices, bare);
    let mut out = if repeated {
        duplicate_keys(bare, "")
    } else {
        Vec::new()
    };
    if !value.is_object() {
        let p = Problem::error(
            "json.not-object",
            "",
            "顶层应为 JSON 对象".into(),
            "the top level must be a JSON object".into(),
        )
        .at(PositionIndex::scan(bare, None).value(""));
        return Err(Problems(vec![p]));
    }
    out.extend(format_tag(&value, "", kind.tag()));
    // The common case first: a document that reads whole, with no key serde ignored, has no
    // problem that the member-by-member check would find; it runs only to list the problems
    // of one that does not.
    if out.is_empty() {
        if let Some(t) = read_clean::<T>(&value, kind.tagged()) {
            return Ok((t, notices));
        }
    }
    check_fields::<T>(&mut value, "", &[], &mut out);
    let result = if out.iter().any(Problem::is_error) {
        Err(out)
    } else {
        read_whole::<T>(&value, "").map_err(|mut p| {
            out.append(&mut p);
            out
        })
    };
    match result {
        Ok(t) => Ok((t, notices)),
        Err(mut out) => {
            out.append(&mut notices);
            locate(&mut out, bare);
            sort(&mut out);
            Err(Problems(out))
        }
    }
}

/// A text beyond [`crate::domain::limits::MAX_FILE_BYTES`] is refused before it is parsed.
fn size_limit(text: &str) -> Result<(), Problems> {
    match crate::domain::limits::text_size(text) {
        Some(p) => Err(Problems(vec![p])),
        None => Ok(()),
    }
}

/// An events file with more records than [`crate::domain::limits::MAX_RECORDS`] in a list is
/// refused before its records are read one by one.
fn record_limits(value: &Value, kind: Kind, text: &str) -> Result<(), Problems> {
    if !matches!(kind, Kind::Events) {
        return Ok(());
    }
    let mut problems = crate::domain::limits::records(value);
    if problems.is_empty() {
        return Ok(());
    }
    locate(&mut problems, text);
    Err(Problems(problems))
}

/// Reads a text (a BOM is skipped) into a JSON value, or the one problem that stops it (an
/// empty file, a syntax error, nesting deeper than 128), located.
///
/// # Errors
/// The problem, with its line and column.
pub fn parse_document(text: &str) -> Result<Value, Box<Problem>> {
    parse_value(text)
}

/// A serde error message (`invalid type: string "30", expected u32`) in our words, in Chinese
/// and English.
pub fn serde_message(msg: &str) -> (String, String) {
    let p = serde_problem(msg, "", &Value::Null);
    (p.zh, p.en)
}

/// Sorts problems by their place in the text.
pub fn sort(v: &mut Vec<Problem>) {
    crate::domain::order::sort_by_key(v, |p| (p.line, p.column));
}

/// Reads a contract file (`lvyue-contract/2`) and validates it.
///
/// Returns the contract when the file has no error-severity problem (warnings are dropped:
/// use [`inspect_contract`] to see them).
///
/// # Errors
/// [`Problems`] listing every problem with its code, JSON path, line and column: a syntax
/// error, an empty file, nesting deeper than 128 levels, a wrong format tag, unknown or missing
/// fields, values of the wrong type, and every validation error
/// ([`crate::domain::validate::validate_contract`]).
///
/// # Example
/// ```
/// use lvyue::domain::load::load_contract;
/// let text = r#"{
///   "format": "lvyue-contract/2", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
///   "clauses": [ { "id": "1", "title": { "zh": "条" }, "colour": 1 } ]
/// }"#;
/// let problems = load_contract(text).unwrap_err();
/// let p = &problems.0[0];
/// assert_eq!(p.code, "field.unknown");
/// assert_eq!(p.path, "clauses[0].colour");
/// assert_eq!((p.line, p.column), (4, 53));
/// ```
pub fn load_contract(text: &str) -> Result<Contract, Problems> {
    let (contract, problems) = inspect_contract(text);
    match contract {
        Some(c) if !problems.iter().any(Problem::is_error) => Ok(c),
        _ => Err(Problems(problems)),
    }
}

/// Reads a contract file and returns it (when it could be read) with every problem, warnings
/// included, each located in the text.
pub fn inspect_contract(text: &str) -> (Option<Contract>, Vec<Problem>) {
    match load_typed::<Contract>(text, Kind::Contract) {
        Ok((c, notices)) => {
            let mut problems = crate::domain::validate::validate_contract(&c);
            locate(&mut problems, text);
            problems.extend(notices);
            sort(&mut problems);
            (Some(c), problems)
        }
        Err(p) => (None, p.0),
    }
}

/// [`load_contract`] on bytes: invalid UTF-8 is a problem at its line and column.
///
/// # Errors
/// As [`load_contract`], plus `text.invalid-utf8`.
pub fn load_contract_bytes(bytes: &[u8]) -> Result<Contract, Problems> {
    load_contract(utf8(bytes)?)
}

/// [`load_events`] on bytes.
///
/// # Errors
/// As [`load_events`], plus `text.invalid-utf8`.
pub fn load_events_bytes(bytes: &[u8]) -> Result<Events, Problems> {
    load_events(utf8(bytes)?)
}

/// The bytes as UTF-8 text, or the problem at the first invalid byte.
///
/// # Errors
/// `text.invalid-utf8` with the line and column of the first invalid byte;
/// `document.not-contract` for a contract document (a Word file, a PDF, UTF-16 prose:
/// [`crate::domain::document::sniff`]).
pub fn utf8(bytes: &[u8]) -> Result<&str, Problems> {
    std::str::from_utf8(bytes).map_err(|e| {
        if let Some(kind) = crate::domain::document::sniff::document_kind(bytes) {
            return Problems(vec![crate::domain::document::sniff::not_a_contract(kind)]);
        }
        if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
            return Problems(vec![Problem::error(
                "text.invalid-utf8",
                "",
                "文件是 UTF-32 编码：请另存为 UTF-8".into(),
                "the file is UTF-32: save it as UTF-8".into(),
            )
            .at(Pos { line: 1, column: 1 })]);
        }
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Problems(vec![Problem::error(
                "text.invalid-utf8",
                "",
                "文件是 UTF-16 编码（记事本的“Unicode”）：请另存为 UTF-8".into(),
                "the file is UTF-16 (Notepad's \"Unicode\"): save it as UTF-8".into(),
            )
            .at(Pos { line: 1, column: 1 })]);
        }
        let good = &bytes[..e.valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or("");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Problems(vec![Problem::error(
            "text.invalid-utf8",
            "",
            format!(
                "文件不是有效的 UTF-8 文本（第 {} 个字节）",
                e.valid_up_to() + 1
            ),
            format!("the file is not valid UTF-8 (byte {})", e.valid_up_to() + 1),
        )
        .at(Pos { line, column })])
    })
}

/// Reads an events file (`lvyue-events/2`) on its own: structure only, no references to a
/// contract (see [`load_events_for`]).
///
/// # Errors
/// [`Problems`] as for [`load_contract`].
///
/// # Example
/// ```
/// use lvyue::domain::load::load_events;
/// let e = load_events(r#"{ "format": "lvyue-events/2", "as_of": "2024-05-10" }"#).unwrap();
/// assert_eq!(e.as_of.to_string(), "2024-05-10");
/// let bad = load_events(r#"{ "format": "lvyue-events/2", "as_of": "2024-13-10" }"#);
/// assert_eq!(bad.unwrap_err().0[0].path, "as_of");
/// ```
pub fn load_events(text: &str) -> Result<Events, Problems> {
    load_typed::<Events>(text, Kind::Events).map(|(e, _)| e)
}

/// Reads an events file and validates it against its contract; returns the events (when they
/// could be read) with every problem, warnings included, located in the text.
pub fn inspect_events(contract: &Contract, text: &str) -> (Option<Events>, Vec<Problem>) {
    match load_typed::<Events>(text, Kind::Events) {
        Ok((e, notices)) => {
            let mut problems = crate::domain::validate::validate_events(contract, &e);
            locate(&mut problems, text);
            problems.extend(notices);
            sort(&mut problems);
            (Some(e), problems)
        }
        Err(p) => (None, p.0),
    }
}

/// Reads an events file and validates its references to `contract`.
///
/// # Errors
/// [`Problems`]: every structural problem, or every validation error
/// ([`crate::domain::validate::validate_events`]).
pub fn load_events_for(contract: &Contract, text: &str) -> Result<Events, Problems> {
    let (events, problems) = inspect_events(contract, text);
    match events {
        Some(e) if !problems.iter().any(Problem::is_error) => Ok(e),
        _ => Err(Problems(problems)),
    }
}
