//! Reading earlier versions of the formats: every older file migrates to the current one.
//!
//! Why: the formats are public interfaces. A contract written for `lvyue-contract/1` — by hand,
//! by another tool, or saved in a workspace a year ago — must keep loading and keep giving the
//! same figures after `lvyue-contract/2` exists. So the loader never reads an old version with
//! old types: it rewrites the parsed JSON value into the current version first (one function
//! per step, `v1 → v2`, chained when there are more), then reads it with the current types, and
//! tells the user that it did (`format.migrated`, an information, never silent).
//!
//! A migration works on the JSON value, not on text, so positions stay those of the user's
//! file: a problem at a path the migration created is located at its nearest ancestor in the
//! original (see [`crate::domain::load::locate`]).
//!
//! What changed from version 1 to version 2 is listed in `docs/formats.md` ("From version 1").
//! Version 2 only adds to version 1 (declared kinds and entries, conditions, schedules of
//! rates, date extensions, calendar periods, balances…): a version-1 file means the same thing
//! read as version 2, so the step rewrites the tag alone.
//!
//! # Example
//! ```
//! use lvyue::domain::migrate;
//! let mut doc = serde_json::json!({"format": "lvyue-contract/1", "id": "demo"});
//! let notice = migrate::contract(&mut doc, "").expect("a version-1 file migrates");
//! assert_eq!(doc["format"], "lvyue-contract/2");
//! assert_eq!(notice.code, "format.migrated");
//! assert!(migrate::contract(&mut doc, "").is_none()); // already current
//! ```

use serde_json::Value;

use crate::domain::contract;
use crate::domain::events;
use crate::domain::load::{join, Problem};
use crate::domain::report::Severity;

/// The earlier tags of the contract format, oldest first.
pub const CONTRACT_EARLIER: &[&str] = &["lvyue-contract/1"];
/// The earlier tags of the events format, oldest first.
pub const EVENTS_EARLIER: &[&str] = &["lvyue-events/1"];

/// Whether `tag` names an events file of any version this build reads.
#[must_use]
pub fn is_events_tag(tag: &str) -> bool {
    tag == events::FORMAT || EVENTS_EARLIER.contains(&tag)
}

/// Whether `tag` names a contract file of any version this build reads.
#[must_use]
pub fn is_contract_tag(tag: &str) -> bool {
    tag == contract::FORMAT || CONTRACT_EARLIER.contains(&tag)
}

/// The tag of a document, when it has a string one.
fn tag(doc: &Value) -> Option<&str> {
    doc.get("format").and_then(Value::as_str)
}

/// Whether `tag` names an earlier version of either format (a document this build migrates).
#[must_use]
pub fn is_earlier(tag: &str) -> bool {
    CONTRACT_EARLIER.contains(&tag) || EVENTS_EARLIER.contains(&tag)
}

/// Rewrites a contract document of an earlier version (at `prefix` in its file) into the current
/// version, in place, and returns the notice saying so; `None` (and the document untouched) when
/// it is current or of no version this build knows (the loader reports that).
pub fn contract(doc: &mut Value, prefix: &str) -> Option<Problem> {
    // v1 → v2: the tag (version 2 adds to version 1; nothing else to rewrite).
    step(doc, prefix, CONTRACT_EARLIER, contract::FORMAT)
}

/// Rewrites an events document of an earlier version into the current one, in place (see
/// [`contract`]).
pub fn events(doc: &mut Value, prefix: &str) -> Option<Problem> {
    step(doc, prefix, EVENTS_EARLIER, events::FORMAT)
}

/// The tag of a document of one of the `earlier` versions rewritten to `current`, and the notice.
fn step(doc: &mut Value, prefix: &str, earlier: &[&str], current: &str) -> Option<Problem> {
    let from = tag(doc).filter(|t| earlier.contains(t))?.to_string();
    doc["format"] = Value::String(current.into());
    Some(notice(prefix, &from, current))
}

/// The information that a document was read as an earlier version and migrated.
fn notice(prefix: &str, from: &str, to: &str) -> Problem {
    let mut p = Problem::error(
        "format.migrated",
        join(prefix, "format"),
        format!("此文件为旧版格式“{from}”，已按“{to}”读取（数值不变）；保存或导出时写为“{to}”"),
        format!(
            "this file is in the earlier format \"{from}\" and was read as \"{to}\" (the figures \
             are the same); it is saved and exported as \"{to}\""
        ),
    );
    p.severity = Severity::Info;
    p
}
