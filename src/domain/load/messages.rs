//! The words of the loader's problems: serde's and serde_json's English, parsed and said
//! again in both languages.
//!
//! Why: serde reports `invalid type: string "30", expected u32` and serde_json `trailing
//! comma`; passing that through put English (and Rust type names) inside the Chinese
//! messages. Here each message is taken apart — what was found (`string "30"`, `floating point
//! `1e20``), what was expected (`u32`, `a formatted date string`, `one of `a`, `b``), which
//! field or variant — and each part is rendered by us, in Chinese and in English. A custom
//! message of our own types (an amount or a rate that does not parse) is recognised by parsing
//! the value again ([`crate::domain::money::explain`]), which gives both languages. A quoted
//! input is shown through [`shown`]: shortened, with invisible characters escaped.

use serde_json::Value;

use super::{parent_path, path_index, path_key, Pos, Problem};
use crate::domain::quote::shown;

/// The text between the first pair of backquotes after `prefix`.
fn quoted_after<'a>(msg: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = msg.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split('`').next()
}

/// Searches `v` (at `path`) depth-first for the first place `found` says yes; returns its path.
pub(super) fn find_path(v: &Value, path: &str, found: &dyn Fn(&Value) -> bool) -> Option<String> {
    if found(v) {
        return Some(path.to_string());
    }
    match v {
        Value::Object(m) => m
            .iter()
            .find_map(|(k, c)| find_path(c, &path_key(path, k), found)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .find_map(|(i, c)| find_path(c, &path_index(path, i), found)),
        _ => None,
    }
}

/// A list serde writes as `` `a` ``, `` `a` or `b` `` or `` one of `a`, `b`, `c` ``, as names.
fn names_in(list: &str) -> Vec<String> {
    list.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// A list of names in both languages: `a`、`b` 或 `c` / `a`, `b` or `c`.
fn list_of(names: &[String]) -> (String, String) {
    let q: Vec<String> = names.iter().map(|n| format!("`{}`", shown(n))).collect();
    match q.as_slice() {
        [] => ("（无）".into(), "(none)".into()),
        [one] => (one.clone(), one.clone()),
        [init @ .., last] => (
            format!("{} 或 {last}", init.join("、")),
            format!("{} or {last}", init.join(", ")),
        ),
    }
}

/// What serde says it found (`string "30"`, `integer `5``, `floating point `1e20``,
/// `boolean `true``, `null`, `sequence`, `map`), in both languages.
fn found_words(what: &str) -> (String, String) {
    if let Some(s) = what.strip_prefix("string ") {
        let s: String = serde_json::from_str(s).unwrap_or_else(|_| s.to_string());
        return (
            format!("文本“{}”", shown(&s)),
            format!("the text \"{}\"", shown(&s)),
        );
    }
    let literal = |prefix: &str| {
        what.strip_prefix(prefix)
            .map(|l| l.trim_matches('`').to_string())
    };
    if let Some(n) = literal("integer ") {
        return (format!("整数 {n}"), format!("the whole number {n}"));
    }
    if let Some(f) = literal("floating point ") {
        return number_words(&f);
    }
    if let Some(b) = literal("boolean ") {
        return (format!("布尔值 {b}"), format!("the boolean {b}"));
    }
    match what {
        "null" | "unit value" => ("空值 null".into(), "null".into()),
        "sequence" => ("数组".into(), "an array".into()),
        "map" => ("对象".into(), "an object".into()),
        _ => ("该值".into(), "this value".into()),
    }
}

/// A JSON number serde read as floating point (`1.5`, `1e20`, `1e+20`), read exactly from
/// its text: a whole number is called one (1e20 is the whole number 100000000000000000000);
/// past 15 digits binary floating point may have changed the last ones, so the number is given
/// as "about".
fn number_words(f: &str) -> (String, String) {
    use rust_decimal::Decimal;
    let text = f.replace("e+", "e").replace("E+", "e");
    let exact = Decimal::from_str_exact(&text).or_else(|_| Decimal::from_scientific(&text));
    match exact {
        Ok(d) if d.fract().is_zero() => {
            let n = d.normalize().to_string();
            if n.trim_start_matches('-').len() > 15 {
                (
                    format!("整数（约 {n}）"),
                    format!("a whole number (about {n})"),
                )
            } else {
                (format!("整数 {n}"), format!("the whole number {n}"))
            }
        }
        Ok(d) => (
            format!("小数 {}", d.normalize()),
            format!("the fraction {}", d.normalize()),
        ),
        // Beyond exact arithmetic (1e30): the number as written.
        Err(_) => (format!("数字 {f}"), format!("the number {f}")),
    }
}

/// What serde says it expected, in both languages: Rust integer types become their ranges,
/// chrono's and rust_decimal's phrases ours, lists of names lists.
fn expected_words(e: &str) -> (String, String) {
    let range = |lo: &str, hi: &str| {
        (
            format!("介于 {lo} 与 {hi} 之间的整数"),
            format!("a whole number from {lo} to {hi}"),
        )
    };
    match e {
        "u8" => return range("0", "255"),
        "u16" => return range("0", "65535"),
        "u32" => return range("0", "4294967295"),
        "u64" | "usize" => return range("0", "18446744073709551615"),
        "i32" => return range("-2147483648", "2147483647"),
        "i64" | "isize" => return range("-9223372036854775808", "9223372036854775807"),
        "a string" => {
            return (
                "文本（用双引号括起的字符串）".into(),
                "a text in double quotes".into(),
            )
        }
        "a boolean" => return ("布尔值 true 或 false".into(), "true or false".into()),
        "a sequence" => return ("数组 [ … ]".into(), "an array [ … ]".into()),
        "a map" => return ("对象 { … }".into(), "an object { … }".into()),
        "a formatted date string" => {
            return (
                "写作 YYYY-MM-DD 的日期".into(),
                "a date written YYYY-MM-DD".into(),
            )
        }
        "a formatted date and time string"
        | "a formatted date and time string or a unix timestamp" => {
            return (
                "写作 YYYY-MM-DDTHH:MM:SS 的日期时间".into(),
                "a date and time written YYYY-MM-DDTHH:MM:SS".into(),
            )
        }
        "a Decimal type representing a fixed-point number" => {
            return ("数字，如 1.5".into(), "a number such as 1.5".into())
        }
        crate::domain::money::factor::EXPECTING => {
            return (
                "倍数，写作字符串如 \"1.5\"，或整数".into(),
                "a factor written as a string such as \"1.5\", or a whole number".into(),
            )
        }
        _ => {}
    }
    if e.starts_with("an amount such as") {
        return (
            "金额，如 \"980000.00\"、\"980,000\" 或 \"125万\"".into(),
            "an amount such as \"980000.00\", \"980,000\" or \"125万\"".into(),
        );
    }
    if e.starts_with("struct ")
        || e.starts_with("internally tagged enum ")
        || e.starts_with("enum ")
        || e.starts_with("tuple")
    {
        return ("对象 { … }".into(), "an object { … }".into());
    }
    if e.contains('`') {
        let (zh, en) = list_of(&names_in(e));
        return (format!("以下之一：{zh}"), format!("one of {en}"));
    }
    ("另一种取值".into(), "another kind of value".into())
}

/// Turns a serde error message into a problem, refining the path inside internally tagged
/// parts (which `serde_path_to_error` cannot see into) by looking for the offending key or
/// value in the subtree.
pub(super) fn serde_problem(msg: &str, path: &str, sub: &Value) -> Problem {
    let expected = msg.split_once(", expected ").map(|(_, e)| e.to_string());
    if let Some(field) = quoted_after(msg, "unknown field ") {
        let already = parent_path(path).is_some_and(|parent| path_key(&parent, field) == path);
        let at = if already {
            path.to_string()
        } else {
            let owner = find_path(sub, path, &|v| {
                v.as_object().is_some_and(|m| m.contains_key(field))
            })
            .unwrap_or_else(|| path.to_string());
            path_key(&owner, field)
        };
        let (zh, en) = list_of(&names_in(expected.as_deref().unwrap_or("")));
        return Problem::error(
            "field.unknown",
            at,
            format!("未知字段“{}”（此处可用的字段：{zh}）", shown(field)),
            format!("unknown field `{}`, expected {en}", shown(field)),
        )
        .expecting(expected);
    }
    if let Some(field) = quoted_after(msg, "missing field ") {
        return Problem::error(
            "field.missing",
            path,
            format!("缺少必填字段“{field}”"),
            format!("missing field `{field}`"),
        )
        .expecting(Some(format!("`{field}`")));
    }
    if let Some(variant) = quoted_after(msg, "unknown variant ") {
        let at = find_path(sub, path, &|v| v.as_str() == Some(variant))
            .unwrap_or_else(|| path.to_string());
        let (zh, en) = list_of(&names_in(expected.as_deref().unwrap_or("")));
        return Problem::error(
            "value.unknown-variant",
            at,
            format!("未知取值“{}”（应为 {zh} 之一）", shown(variant)),
            format!("unknown value `{}`, expected {en}", shown(variant)),
        )
        .expecting(expected);
    }
    if msg.starts_with("invalid type: ") || msg.starts_with("invalid value: ") {
        let what = msg
            .split_once(": ")
            .map(|(_, r)| r)
            .unwrap_or(msg)
            .split(", expected ")
            .next()
            .unwrap_or("");
        let at = locate_literal(sub, path, what).unwrap_or_else(|| path.to_string());
        let (found_zh, found_en) = found_words(what);
        let (exp_zh, exp_en) = expected_words(expected.as_deref().unwrap_or(""));
        return Problem::error(
            "value.type",
            at,
            format!("取值不对：{found_zh}，应为{exp_zh}"),
            format!("wrong value: {found_en}; expected {exp_en}"),
        )
        .expecting(expected.map(|_| exp_en));
    }
    if let Some(rest) = msg.strip_prefix("invalid length ") {
        let n = rest.split(',').next().unwrap_or("");
        let (exp_zh, exp_en) = expected_words(expected.as_deref().unwrap_or(""));
        return Problem::error(
            "value.type",
            path,
            format!("取值不对：{n} 个元素，应为{exp_zh}"),
            format!("wrong value: {n} elements; expected {exp_en}"),
        );
    }
    // chrono's messages do not quote the value: say which date is wrong and why.
    if let Some(p) = date_problem(msg, path, sub) {
        return p;
    }
    // A custom message of our own types (an amount or a rate that does not parse): find the
    // string that gives this message when parsed again, which says it in both languages.
    let explained = |v: &Value| {
        v.as_str().and_then(|s| {
            crate::domain::money::explain(s, msg)
                .or_else(|| crate::domain::calendar::hours::explain(s, msg))
        })
    };
    if let Some(at) = find_path(sub, path, &|v| explained(v).is_some()) {
        let v = super::value_at(sub, at.strip_prefix(path).unwrap_or(""));
        if let Some((zh, en)) = v.and_then(explained) {
            return Problem::error("value.invalid", at, zh, en);
        }
    }
    let value = sub.as_str().map(shown);
    Problem::error(
        "value.invalid",
        path,
        match &value {
            Some(v) => format!("取值“{v}”无效"),
            None => "取值无效".to_string(),
        },
        msg.to_string(),
    )
}

/// A date or date-time that chrono could not read, as a problem that names it and says why
/// (`2023-02-29`: 2023 is not a leap year). The code stays `value.invalid`.
fn date_problem(msg: &str, path: &str, sub: &Value) -> Option<Problem> {
    const CHRONO: [&str; 5] = [
        "input is out of range",
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
    ];
    if !CHRONO.contains(&msg) {
        return None;
    }
    let s = sub.as_str()?;
    let (zh, en) = date_reason(s);
    Some(Problem::error(
        "value.invalid",
        path,
        format!("日期“{}”无效：{zh}", shown(s)),
        format!("\"{}\" is not a valid date: {en}", shown(s)),
    ))
}

/// Why a text is not a date: a day the month lacks, a month or an hour that does not exist,
/// or a shape other than `YYYY-MM-DD` (`YYYY-MM-DDTHH:MM:SS` for a time).
fn date_reason(s: &str) -> (String, String) {
    let shape = (
        "应写作 YYYY-MM-DD（时间写作 YYYY-MM-DDTHH:MM:SS）".to_string(),
        "write YYYY-MM-DD (a time as YYYY-MM-DDTHH:MM:SS)".to_string(),
    );
    let (date, time) = match s.split_once(['T', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return shape;
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return shape;
    };
    if !(1..=12).contains(&m) {
        return (format!("没有{m}月"), format!("there is no month {m}"));
    }
    let first = chrono::NaiveDate::from_ymd_opt(y, m, 1);
    let next = if m == 12 {
        chrono::NaiveDate::from_ymd_opt(y.saturating_add(1), 1, 1)
    } else {
        chrono::NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    if let (Some(f), Some(n)) = (first, next) {
        let days = (n - f).num_days();
        if d == 0 || i64::from(d) > days {
            let leap = if m == 2 && days == 28 {
                ("（该年不是闰年）", " (not a leap year)")
            } else {
                ("", "")
            };
            return (
                format!("{y}年{m}月只有{days}天{}", leap.0),
                format!("{y}-{m:02} has {days} days{}", leap.1),
            );
        }
    } else {
        return ("年份超出范围".into(), "the year is out of range".into());
    }
    if let Some(t) = time {
        let nums: Vec<Option<u32>> = t.split(':').map(|x| x.parse().ok()).collect();
        if let Some(Some(h)) = nums.first() {
            if *h > 23 {
                return (format!("没有{h}点"), format!("there is no hour {h}"));
            }
        }
        if let Some(Some(min)) = nums.get(1) {
            if *min > 59 {
                return (
                    format!("没有第{min}分"),
                    format!("there is no minute {min}"),
                );
            }
        }
    }
    shape
}

/// Finds a scalar that serde describes as `string "x"`, `integer `5`` or `null`.
fn locate_literal(sub: &Value, path: &str, what: &str) -> Option<String> {
    if what == "null" || what == "unit value" {
        return find_path(sub, path, &Value::is_null);
    }
    if let Some(s) = what.strip_prefix("string ") {
        let s: String = serde_json::from_str(s).ok()?;
        return find_path(sub, path, &|v| v.as_str() == Some(s.as_str()));
    }
    for prefix in ["integer ", "floating point ", "boolean "] {
        if let Some(lit) = what.strip_prefix(prefix) {
            let lit: Value = serde_json::from_str(lit.trim_matches('`')).ok()?;
            return find_path(sub, path, &|v| !v.is_object() && !v.is_array() && *v == lit);
        }
    }
    None
}

/// The one problem of a text that is not JSON, at its place (columns in characters), in our
/// words: serde_json's message names a category (`trailing comma`, `EOF while parsing a
/// string`), which is said again in both languages.
pub fn json_syntax(text: &str, e: &serde_json::Error) -> Problem {
    let line = e.line().max(1);
    // serde_json counts bytes in the line; report characters, from 1.
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    let byte_col = e.column().max(1);
    let column = line_text
        .char_indices()
        .take_while(|(b, _)| *b < byte_col)
        .count()
        .max(1);
    let msg = e.to_string();
    let detail = msg
        .rsplit_once(" at line ")
        .map(|(m, _)| m.to_string())
        .unwrap_or(msg);
    if detail.contains("recursion limit") {
        return Problem::error(
            "json.too-deep",
            "",
            "嵌套层数超过 128 层：文件不是有效的合同或记录".into(),
            "nesting is deeper than 128 levels: not a contract or events file".into(),
        )
        .at(Pos { line, column });
    }
    let (zh, en) = syntax_words(&detail);
    Problem::error(
        "json.syntax",
        "",
        format!("JSON 语法错误：{zh}"),
        format!("JSON syntax error: {en}"),
    )
    .at(Pos { line, column })
}

/// serde_json's syntax messages in both languages.
fn syntax_words(detail: &str) -> (String, String) {
    let pair = |zh: &str, en: &str| (zh.to_string(), en.to_string());
    let eof = |what_zh: &str, what_en: &str| {
        (
            format!("文件在{what_zh}中途结束"),
            format!("the file ends in the middle of {what_en}"),
        )
    };
    match detail {
        "EOF while parsing a list" => eof("数组", "an array"),
        "EOF while parsing an object" => eof("对象", "an object"),
        "EOF while parsing a string" => eof("字符串", "a string (a closing \" is missing)"),
        "EOF while parsing a value" => eof("取值", "a value"),
        "expected `:`" => pair("此处应为冒号 :", "a colon : belongs here"),
        "expected `,` or `]`" => pair("此处应为逗号 , 或 ]", "a comma , or ] belongs here"),
        "expected `,` or `}`" => pair("此处应为逗号 , 或 }", "a comma , or } belongs here"),
        "expected ident" => pair(
            "无法识别的词（只有 true、false、null 可不加引号）",
            "an unknown word (only true, false and null go without quotes)",
        ),
        "expected value" => pair("此处应为一个取值", "a value belongs here"),
        "invalid escape" => pair(
            "字符串中的转义符 \\ 无效",
            "an invalid escape \\ in a string",
        ),
        "invalid number" => pair("数字写法无效", "an invalid number"),
        "number out of range" => pair("数字超出可读范围", "a number out of range"),
        "invalid unicode code point" => {
            pair("无效的 Unicode 码位", "an invalid Unicode code point")
        }
        "control character (\\u0000-\\u001F) found while parsing a string" => pair(
            "字符串中有控制字符（U+0000–U+001F），应写作转义形式",
            "a control character (U+0000–U+001F) in a string: write it escaped",
        ),
        "key must be a string" => pair(
            "对象的键须为带双引号的字符串",
            "an object key must be a string in double quotes",
        ),
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => pair(
            "字符串中的 \\u 转义不完整",
            "an incomplete \\u escape in a string",
        ),
        "trailing comma" => pair("多余的逗号（最后一项后面）", "a comma after the last item"),
        "trailing characters" => pair(
            "JSON 结束后还有多余的字符",
            "characters after the end of the JSON",
        ),
        _ => pair("文本不是有效的 JSON", "the text is not valid JSON"),
    }
}

/// Reads the text into a JSON value, or the one problem that stops it.
pub(super) fn parse_value(text: &str) -> Result<Value, Box<Problem>> {
    parse_value_noting(text).map(|(v, _)| v)
}

/// [`parse_value`], and whether some object in it repeats a key
/// ([`super::value::parse_noting_repeats`]).
pub(super) fn parse_value_noting(text: &str) -> Result<(Value, bool), Box<Problem>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Box::new(
            Problem::error(
                "json.empty",
                "",
                "文件为空：应为一个 JSON 对象".into(),
                "the file is empty: expected a JSON object".into(),
            )
            .at(Pos { line: 1, column: 1 }),
        ));
    }
    super::value::parse_noting_repeats(text).map_err(|e| {
        // A contract's prose is a document to draft, not a JSON file with a syntax error at 1:1.
        use crate::domain::document::sniff;
        Box::new(if sniff::is_document_text(text) {
            sniff::not_a_contract(sniff::Seen::Other)
        } else {
            json_syntax(text, &e)
        })
    })
}
