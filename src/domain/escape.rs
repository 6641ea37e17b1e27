//! Contract text written into other languages: CSV cells, Markdown, a terminal.
//!
//! Why: every string of a contract or a record comes from outside, and each output has readers
//! that act on text. A spreadsheet runs a CSV cell that starts with `=`, `+`, `-` or `@` as a
//! formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`); a Markdown renderer turns `<script>`, `[x](…)`
//! and a line `# …` into markup, so a title could forge a heading and a totals table above the
//! real one; a terminal acts on ESC sequences (`ESC[2J` clears the screen) and shows text reordered
//! by bidi overrides. The writers call the functions here for every string they did not write
//! themselves, so that what reaches the reader is the same text, shown, never acted on:
//!
//! - [`visible_controls`]: control characters and bidi controls written out as `\u{1b}`;
//! - [`csv_text`]: OWASP's rule for CSV (a text cell that a spreadsheet would run gets a
//!   leading `'` and quotes); the writer leaves its number cells as they are;
//! - [`md_text`] / [`md_code`]: Markdown that renders back to the string and to nothing else;
//! - [`json_for_terminal`]: JSON with the characters JSON leaves raw (DEL, C1, bidi) escaped,
//!   the same value.
//!
//! Pure functions of strings; they read and name nothing else.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a terminal would act on `c`, or reorder what it shows: a C0 control other than tab
/// and newline (a carriage return is judged by [`visible_controls`]: it stays only before a
/// newline), DEL, a C1 control, or a bidi embedding, override or isolate (U+202A–U+202E,
/// U+2066–U+2069).
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Whether `s` holds a hidden control ([`is_hidden_control`]), found on its UTF-8 bytes: a
/// report of several megabytes is checked before the terminal gets it, and decoding every
/// character for that was a quarter of `lvyue eval --json`'s own time. The controls are
/// U+0000–U+001F (less tab, newline, carriage return) and U+007F–U+009F, one or two bytes
/// (`C2 80`–`C2 9F`), and the bidi controls U+202A–U+202E and U+2066–U+2069 (`E2 80 AA`–`AE`,
/// `E2 81 A6`–`A9`).
pub fn has_hidden_control(s: &str) -> bool {
    // Most of a report is bytes that start no control: 32 of them at a time are passed over
    // with one test each (which the compiler turns into vector instructions).
    let plain = |c: u8| {
        (c >= 0x20 || matches!(c, b'\n' | b'\t' | b'\r')) && !matches!(c, 0x7f | 0xc2 | 0xe2)
    };
    let b = s.as_bytes();
    b.chunks(32).enumerate().any(|(k, chunk)| {
        !chunk.iter().fold(true, |all, &c| all & plain(c))
            && (k * 32..k * 32 + chunk.len()).any(|i| control_at(b, i))
    })
}

/// Whether a hidden control starts at byte `i` of `b`.
fn control_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'\t' | b'\r' => false,
        0x00..=0x1f | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

/// `s` with every hidden control ([`is_hidden_control`]) and every carriage return that does
/// not end a CRLF line written out as `\u{…}` (lowercase hex), so that it is seen and nothing
/// acts on it. Newlines, tabs and CRLF line ends stay.
///
/// ```
/// # use lvyue::domain::escape::visible_controls;
/// assert_eq!(visible_controls("a\u{1b}[2J\u{202e}b\r\n"), "a\\u{1b}[2J\\u{202e}b\r\n");
/// assert_eq!(visible_controls("plain 文本"), "plain 文本");
/// ```
pub fn visible_controls(s: &str) -> Cow<'_, str> {
    let lone_cr = |i: usize| s.as_bytes().get(i + 1) != Some(&b'\n');
    let hidden = |(i, c): (usize, char)| is_hidden_control(c) || (c == '\r' && lone_cr(i));
    if !s.char_indices().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for (i, c) in s.char_indices() {
        if hidden((i, c)) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// What a spreadsheet takes for the start of a formula (OWASP's list, with the full-width
/// forms that Chinese input methods type).
fn starts_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
}

/// A CSV field: quoted when it holds a separator (`,`, and `;` and tab, the separators of
/// other locales), a quote or a line break; quotes doubled.
fn csv_quote(s: &str, force: bool) -> String {
    if force || s.contains([',', ';', '"', '\n', '\r', '\t']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A text cell of a CSV: control characters written out ([`visible_controls`]), and a cell a
/// spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or carriage
/// return) prefixed with `'` and quoted, so Excel and WPS show it as the text it is.
///
/// ```
/// # use lvyue::domain::escape::csv_text;
/// assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
/// assert_eq!(csv_text("-2+3"), "\"'-2+3\"");
/// assert_eq!(csv_text("附件2-5.3"), "附件2-5.3");
/// assert_eq!(csv_text("a,b"), "\"a,b\"");
/// ```
pub fn csv_text(s: &str) -> String {
    let s = visible_controls(s);
    if starts_formula(&s) {
        csv_quote(&format!("'{s}"), true)
    } else {
        csv_quote(&s, false)
    }
}

/// The ASCII punctuation that can start Markdown structure or inline markup (CommonMark and
/// GFM: emphasis, code, links and images, headings, tables, strikethrough, footnotes; `$` for
/// math, `{` `}` for kramdown's attribute lists), escaped with a backslash wherever it stands.
const MD_PUNCT: &[char] = &['\\', '`', '*', '_', '[', ']', '#', '|', '~', '$', '{', '}'];

/// A string as Markdown text that renders to exactly that string and to no markup: HTML's
/// `<`, `>` and `&` as entities; Markdown punctuation ([`MD_PUNCT`]) backslash-escaped; a
/// leading list marker (`-`, `+`, `1.`, `1)`) escaped; every run of
/// spaces, tabs and line breaks as one space (a heading or a table cell is one line; a title
/// cannot start a heading or a table of its own); control characters written out.
///
/// For headings, list items, table cells and text alike: one function for every Markdown
/// writer (`explain::report_markdown`, `statement::statement_markdown`).
///
/// ```
/// # use lvyue::domain::escape::md_text;
/// assert_eq!(md_text("a\n# b | c"), "a \\# b \\| c");
/// assert_eq!(md_text("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
/// assert_eq!(md_text("<script>"), "&lt;script&gt;");
/// assert_eq!(md_text("- 1. item"), "\\- 1. item");
/// assert_eq!(md_text("附件2-5.3"), "附件2-5.3");
/// ```
pub fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}') {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c if is_hidden_control(c) => push_escape(&mut out, c),
            c if MD_PUNCT.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    escape_block_start(out)
}

/// A leading `-` or `+` (a list item, a thematic break) escaped, and a leading `1.` or `1)`
/// followed by a space or nothing (an ordered list item), for text that starts a line of its
/// own (a list item's text).
fn escape_block_start(s: String) -> String {
    if s.starts_with(['-', '+']) {
        return format!("\\{s}");
    }
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let marker = matches!(s.as_bytes().get(digits), Some(b'.' | b')'));
    let then = s.as_bytes().get(digits + 1);
    if digits > 0 && marker && matches!(then, None | Some(b' ')) {
        let (n, rest) = s.split_at(digits);
        return format!("{n}\\{rest}");
    }
    s
}

/// A string as a Markdown code span: fenced by one backtick more than its longest run of
/// backticks, padded when it starts or ends with one; line breaks as spaces and control
/// characters written out. Nothing in a code span is markup.
///
/// ```
/// # use lvyue::domain::escape::md_code;
/// assert_eq!(md_code("004-liyang"), "`004-liyang`");
/// assert_eq!(md_code("a`b"), "``a`b``");
/// assert_eq!(md_code("`x"), "`` `x ``");
/// ```
pub fn md_code(s: &str) -> String {
    let mut body = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => body.push(' '),
            c if is_hidden_control(c) => push_escape(&mut body, c),
            c => body.push(c),
        }
    }
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    if body.is_empty() {
        body.push(' ');
    }
    let pad = if body.starts_with('`') || body.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

/// JSON text as it may go to a terminal: serde_json already escapes C0 controls; this escapes
/// the characters it leaves raw that a terminal acts on (DEL, C1, bidi controls) as `\uXXXX`.
/// They can only stand inside strings, so the JSON means exactly what it meant.
///
/// ```
/// # use lvyue::domain::escape::json_for_terminal;
/// let j = serde_json::to_string("a\u{9b}2J\u{202e}").unwrap();
/// let safe = json_for_terminal(&j);
/// assert_eq!(safe, r#""a\u009b2J\u202e""#);
/// assert_eq!(serde_json::from_str::<String>(&safe).unwrap(), "a\u{9b}2J\u{202e}");
/// ```
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if !has_hidden_control(json) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_hidden_control(c) {
            // Every hidden control is in the BMP: one \uXXXX.
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_check_finds_what_the_character_check_finds() {
        for c in (0u32..0x3000).filter_map(char::from_u32) {
            let long = format!("{}{c}{}", "x".repeat(31), "中".repeat(20));
            for s in [
                format!("{c}"),
                format!("ab{c}中"),
                format!("{c}\u{202f}"),
                long,
            ] {
                assert_eq!(
                    has_hidden_control(&s),
                    s.chars().any(is_hidden_control),
                    "{c:?}"
                );
            }
        }
        assert!(!has_hidden_control("plain 文本 — “quoted” \r\n\t"));
    }

    #[test]
    fn controls_are_written_out_and_crlf_stays() {
        assert_eq!(
            visible_controls("\u{1b}[2J\u{7}\u{7f}\u{85}\u{9b}\u{2066}\r\r\n\t\n"),
            "\\u{1b}[2J\\u{7}\\u{7f}\\u{85}\\u{9b}\\u{2066}\\u{d}\r\n\t\n"
        );
        assert!(matches!(visible_controls("一切正常"), Cow::Borrowed(_)));
        // Marks and zero-width characters do not reorder text or act on a terminal.
        assert_eq!(visible_controls("a\u{200b}\u{200e}b"), "a\u{200b}\u{200e}b");
    }

    #[test]
    fn every_formula_start_is_neutralised_and_numbers_are_not() {
        for s in [
            "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r\n=1", "＝1+1", "－1",
        ] {
            let cell = csv_text(s);
            assert!(cell.starts_with("\"'"), "{s:?} → {cell}");
        }
        assert_eq!(csv_text("\r\n=1"), "\"'\r\n=1\"");
        // A lone carriage return is written out: the cell no longer starts with one.
        assert_eq!(csv_text("\r=1"), "\\u{d}=1");
        assert_eq!(csv_text("x\u{1b}[2J"), "x\\u{1b}[2J");
        assert_eq!(csv_text("a;b"), "\"a;b\"");
        assert_eq!(csv_text(""), "");
    }

    #[test]
    fn markdown_text_is_one_line_of_text() {
        assert_eq!(
            md_text("合同\n\n# 伪造标题\n\n| 乙方应付 | ¥0.00 |\n|---|---|\n"),
            "合同 \\# 伪造标题 \\| 乙方应付 \\| ¥0.00 \\| \\|---\\|---\\|"
        );
        assert_eq!(md_text("  lead\t\ttrail  "), "lead trail");
        assert_eq!(md_text("a\r\nb\rc"), "a b c");
        assert_eq!(
            md_text("*x* _y_ ~z~ `c`"),
            "\\*x\\* \\_y\\_ \\~z\\~ \\`c\\`"
        );
        assert_eq!(md_text("&lt;b&gt;"), "&amp;lt;b&amp;gt;");
        assert_eq!(md_text("12) x"), "12\\) x");
        assert_eq!(md_text("7.2 条款"), "7.2 条款");
        assert_eq!(md_text("1."), "1\\.");
        assert_eq!(md_text("-- -"), "\\-- -");
        assert_eq!(md_text("\u{1b}[2J"), "\\u{1b}\\[2J");
        assert_eq!(md_text("C:\\x"), "C:\\\\x");
        assert_eq!(md_text(""), "");
    }

    #[test]
    fn code_spans_hold_any_backticks() {
        assert_eq!(md_code("a``b"), "```a``b```");
        assert_eq!(md_code("x\ny"), "`x y`");
        assert_eq!(md_code(""), "` `");
    }

    #[test]
    fn json_keeps_its_value() {
        let v = serde_json::json!({ "t": "\u{7f}\u{80}\u{202a}\u{2069}\u{1b}" });
        let j = serde_json::to_string(&v).unwrap();
        let safe = json_for_terminal(&j);
        assert!(!safe.chars().any(is_hidden_control), "{safe}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }
}
