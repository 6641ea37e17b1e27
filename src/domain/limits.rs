//! The size limits of the inputs (issue 10, item 17), and their problems.
//!
//! Without limits, `lvyue check /dev/zero` read until memory ran out, and a record of a million
//! incidents aborted the evaluation at 6 GB. Every surface — the CLI, the API and the JavaScript
//! module, the page — refuses, with a located problem in both languages, a file or a record
//! beyond these limits before spending memory on it:
//!
//! - **a file** (contract, record, options, holiday schedule) is at most [`MAX_FILE_BYTES`],
//!   32 MiB: 45 times a year of contract 004 with 2,000 incidents (0.7 MB), and room for the
//!   corpus's 21 MB cases; parsed, such a file takes a few hundred MB, which a browser tab and a
//!   small server still have. The CLI reads at most one byte more than the limit (from a file, a
//!   pipe or `/dev/zero`: `cli::files`), the page checks a file's size before reading it;
//! - **records** that the engine turns into results one by one — incidents, requirements, staff
//!   events, done records, payments, invoices, consents, claimed excuses, and occurrences counted
//!   with their `count` — are at most [`MAX_RECORDS`], 100,000 in each list: 50 years of 004's
//!   incidents, ten times the largest benchmark (003 over three years, 10,000 incidents). Each
//!   incident costs the evaluation a few KB for every timer and penalty line it makes, so the
//!   limit keeps the largest evaluation within a few GB at worst. Acceptances and dates are one
//!   date each and are limited by the file size alone.
//!
//! The problems: `file.too-large` (located at the first byte beyond the limit) and
//! `records.too-many` (at the first record beyond the limit).

use serde_json::Value;

use crate::domain::load::{path_index, path_key, Pos, Problem};

/// The largest file read: 32 MiB.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The most records in one list of an events file (occurrences: the sum of their counts).
pub const MAX_RECORDS: usize = 100_000;

/// The lists of an events file that [`MAX_RECORDS`] limits.
pub const LIMITED_LISTS: [&str; 10] = [
    "incidents",
    "requirements",
    "staff",
    "done",
    "payments",
    "invoices",
    "consents",
    "excuses",
    "occurrences",
    "draws",
];

/// "33,554,432".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The line and column (1-based, columns in characters) of the byte at `at` in `bytes` (any
/// bytes: a file cut at the limit may end inside a character).
fn position(bytes: &[u8], at: usize) -> Pos {
    let head = &bytes[..at.min(bytes.len())];
    let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    Pos {
        line: head.iter().filter(|&&b| b == b'\n').count() + 1,
        column: head[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1,
    }
}

/// The problem of a file longer than [`MAX_FILE_BYTES`], given at least its first
/// `MAX_FILE_BYTES + 1` bytes (what the CLI reads); None for a file within the limit. Located at
/// the first byte beyond the limit.
pub fn file_size(bytes: &[u8]) -> Option<Problem> {
    if bytes.len() <= MAX_FILE_BYTES {
        return None;
    }
    let mut p = too_large(Some(bytes.len()));
    let pos = position(bytes, MAX_FILE_BYTES);
    p.line = pos.line;
    p.column = pos.column;
    Some(p)
}

/// The problem of a file of `size` bytes (None: not known), not located: for a surface that
/// knows the size before reading (the page) and for [`file_size`].
pub fn too_large(size: Option<usize>) -> Problem {
    let limit = grouped(MAX_FILE_BYTES);
    let (zh_size, en_size) = match size {
        Some(n) if n > MAX_FILE_BYTES + 1 => (
            format!("（{} 字节）", grouped(n)),
            format!(" ({} bytes)", grouped(n)),
        ),
        _ => (String::new(), String::new()),
    };
    let mut p = Problem::error(
        "file.too-large",
        "",
        format!(
            "文件过大{zh_size}：最多 32 MiB（{limit} 字节），超出的部分未读取；请按年度或项目拆分文件"
        ),
        format!(
            "the file is too large{en_size}: at most 32 MiB ({limit} bytes), and what lies beyond was not read; split it by year or by project"
        ),
    );
    p.expected = Some(format!("at most {limit} bytes"));
    p
}

/// [`file_size`] for a text already in memory (the API, the library).
pub fn text_size(text: &str) -> Option<Problem> {
    file_size(text.as_bytes())
}

/// The records of an events file (the parsed value) beyond [`MAX_RECORDS`], one problem per
/// list, at the first record beyond the limit (for occurrences: the one whose `count` passes it).
pub fn records(events: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    for list in LIMITED_LISTS {
        let Some(items) = events.get(list).and_then(Value::as_array) else {
            continue;
        };
        let mut total: u64 = 0;
        for (i, it) in items.iter().enumerate() {
            let n = if list == "occurrences" {
                // A count that is not a u32 is the loader's type error, not a record count.
                it.get("count")
                    .and_then(Value::as_u64)
                    .filter(|n| *n <= u64::from(u32::MAX))
                    .unwrap_or(1)
                    .max(1)
            } else {
                1
            };
            total = total.saturating_add(n);
            if total > MAX_RECORDS as u64 {
                out.push(too_many(list, i, n > 1));
                break;
            }
        }
    }
    out
}

/// A limited list of the events file, as the Chinese messages name it.
fn list_zh(list: &str) -> &'static str {
    match list {
        "incidents" => "故障与事件记录",
        "requirements" => "需求记录",
        "staff" => "人员事件记录",
        "done" => "已完成事项记录",
        "payments" => "付款记录",
        "invoices" => "发票记录",
        "consents" => "书面同意记录",
        "excuses" => "免责事由记录",
        "occurrences" => "违约记录",
        "draws" => "余额支取记录",
        _ => "记录",
    }
}

fn too_many(list: &str, i: usize, counted: bool) -> Problem {
    let path = path_index(list, i);
    let limit = grouped(MAX_RECORDS);
    let (path, zh, en) = if counted {
        (
            path_key(&path, "count"),
            format!("记录过多：{}按次数合计超过 {limit} 次；请按年度或项目拆分记录文件", list_zh(list)),
            format!("too many records: the {list}' counts add up to more than {limit}; split the record by year or by project"),
        )
    } else {
        (
            path,
            format!(
                "记录过多：{}最多 {limit} 条（此处为第 {} 条）；请按年度或项目拆分记录文件",
                list_zh(list),
                grouped(i + 1)
            ),
            format!(
                "too many records: at most {limit} {list} (this is no. {}); split the record by year or by project",
                grouped(i + 1)
            ),
        )
    };
    let mut p = Problem::error("records.too-many", path, zh, en);
    p.expected = Some(format!("at most {limit} {list}"));
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_from_one() {
        assert_eq!(position(b"ab\ncd", 4), Pos { line: 2, column: 2 });
        assert_eq!(position("甲乙".as_bytes(), 3), Pos { line: 1, column: 2 });
        assert_eq!(position(b"", 0), Pos { line: 1, column: 1 });
        assert_eq!(grouped(33_554_432), "33,554,432");
        assert_eq!(grouped(100), "100");
    }

    #[test]
    fn a_file_one_byte_over_is_refused() {
        let at_limit = vec![b' '; MAX_FILE_BYTES];
        assert!(file_size(&at_limit).is_none());
        let over = vec![b'\n'; MAX_FILE_BYTES + 1];
        let p = file_size(&over).expect("too large");
        assert_eq!(p.code, "file.too-large");
        assert_eq!((p.line, p.column), (MAX_FILE_BYTES + 1, 1));
        assert!(p.zh.contains("32 MiB") && p.en.contains("33,554,432 bytes"));
    }

    #[test]
    fn records_beyond_the_limit() {
        let many: Vec<Value> = (0..=MAX_RECORDS).map(|_| Value::Null).collect();
        let v = serde_json::json!({ "incidents": many, "acceptances": many });
        let ps = records(&v);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].path, "incidents[100000]");
        let v = serde_json::json!({ "occurrences": [ { "count": 60_000 }, { "count": 50_000 } ] });
        assert_eq!(records(&v)[0].path, "occurrences[1].count");
    }
}
