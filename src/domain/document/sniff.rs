//! Telling a contract document (a Word file, a PDF, prose) from a contract file (JSON) by a
//! look at its first bytes or characters.
//!
//! Why apart from the reader: the loader, the CLI and the page ask this before they report a
//! JSON syntax error (a user who opens the Word contract must hear "this is a document: draft
//! it", never "1:1 JSON 语法错误"), and the page's first module must stay small: this file
//! links no zip, XML or encoding code, so the page can ask it without the reader.

use crate::domain::load::Problem;

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seen {
    /// A zip archive (a `.docx`, or another Office Open XML or OpenDocument file).
    Zip,
    /// `%PDF-`.
    Pdf,
    /// An OLE compound file (Word 97–2003 `.doc`, WPS).
    Ole,
    /// `{\rtf`.
    Rtf,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// Anything else: maybe text.
    Other,
}

/// What the first bytes of `bytes` say it is.
///
/// # Example
/// ```
/// use lvyue::domain::document::sniff::{seen, Seen};
/// assert_eq!(seen(b"PK\x03\x04rest"), Seen::Zip);
/// assert_eq!(seen(b"%PDF-1.7"), Seen::Pdf);
/// assert_eq!(seen(b"{\"format\": 1}"), Seen::Other);
/// ```
pub fn seen(bytes: &[u8]) -> Seen {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Seen::Zip
    } else if bytes.starts_with(b"%PDF-") {
        Seen::Pdf
    } else if bytes.starts_with(&OLE) {
        Seen::Ole
    } else if bytes.starts_with(b"{\\rtf") {
        Seen::Rtf
    } else if (bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFF, 0xFE, 0, 0]))
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        Seen::Utf16
    } else {
        Seen::Other
    }
}

/// Whether the bytes are a document by their first bytes alone (zip, PDF, OLE, RTF).
pub fn is_document_bytes(bytes: &[u8]) -> bool {
    matches!(seen(bytes), Seen::Zip | Seen::Pdf | Seen::Ole | Seen::Rtf)
}

/// Whether a text is prose (a contract's text, pasted or from a `.txt`) rather than JSON.
///
/// JSON starts with `{`, `[` and a value, `"`, a number or `true`/`false`/`null`; prose starts
/// otherwise (a word, a heading, Word's `[bookmark: …]`) and has several words: at least two CJK characters or three words of (ASCII) letters in its first 2,000
/// characters. A broken JSON file (`{"format": oops`) stays JSON, so its syntax error is
/// still reported where it is.
///
/// # Example
/// ```
/// use lvyue::domain::document::sniff::is_document_text;
/// assert!(is_document_text("\u{feff}  溧阳市智慧医疗项目运维服务合同\n甲方：……"));
/// assert!(is_document_text("This Agreement is made between"));
/// assert!(is_document_text("[bookmark: _Toc344816509]柳州市工人医院腾讯云服务包技术参数要求"));
/// assert!(!is_document_text("[\n  true, 1"));
/// assert!(!is_document_text("{\n  \"format\": oops"));
/// assert!(!is_document_text("null"));
/// assert!(!is_document_text("hello"));
/// ```
pub fn is_document_text(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.is_empty() || starts_like_json(t) {
        return false;
    }
    let head: String = t.chars().take(2_000).collect();
    let cjk = head.chars().filter(|&c| is_cjk(c)).count();
    // ASCII letters only: `char::is_alphabetic` would link Unicode's tables into the page.
    let words = head
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .count();
    cjk >= 2 || words >= 3
}

/// Whether a text starts as a JSON value does: `{`, `"`, a number, or `[` followed by a value
/// (the seeds' `[bookmark: _Toc…]` is no JSON array).
fn starts_like_json(t: &str) -> bool {
    let value = |s: &str| {
        s.starts_with(['{', '[', '"', '-', ']'])
            || s.starts_with(|c: char| c.is_ascii_digit())
            || ["true", "false", "null"].iter().any(|w| s.starts_with(w))
    };
    match t.strip_prefix('[') {
        Some(rest) => {
            let rest = rest.trim_start();
            rest.is_empty() || value(rest)
        }
        None => t.starts_with(['{', '"', '-']) || t.starts_with(|c: char| c.is_ascii_digit()),
    }
}

/// A CJK ideograph (the unified block and extension A) or a CJK punctuation mark.
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF5E}')
}

/// UTF-16 bytes with a BOM as text, as far as they decode (for the recognition only).
fn utf16_head(bytes: &[u8]) -> String {
    let be = bytes.starts_with(&[0xFE, 0xFF]);
    let units = bytes
        .get(2..)
        .unwrap_or(&[])
        .chunks_exact(2)
        .take(2_000)
        .map(|p| {
            if be {
                u16::from_be_bytes([p[0], p[1]])
            } else {
                u16::from_le_bytes([p[0], p[1]])
            }
        });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or('\u{FFFD}'))
        .collect()
}

/// What a file that is a contract document is, when it is one (by its bytes: a Word file, a
/// PDF, UTF-16 prose; or by its text: prose), as the loader names it.
pub fn document_kind(bytes: &[u8]) -> Option<Seen> {
    match seen(bytes) {
        Seen::Other => std::str::from_utf8(bytes.get(..bytes.len().min(8_000)).unwrap_or(bytes))
            .or_else(|e| std::str::from_utf8(&bytes[..e.valid_up_to()]))
            .ok()
            .filter(|t| is_document_text(t))
            .map(|_| Seen::Other),
        Seen::Utf16 => is_document_text(&utf16_head(bytes)).then_some(Seen::Utf16),
        s => Some(s),
    }
}

/// The loader's problem for a contract document given where a contract or events file was
/// expected: `document.not-contract`, at 1:1, saying how to draft it.
pub fn not_a_contract(kind: Seen) -> Problem {
    let (zh, en) = match kind {
        Seen::Zip => ("（Word 文档）", " (a Word document)"),
        Seen::Pdf => ("（PDF 文件）", " (a PDF file)"),
        Seen::Ole => ("（旧版 Word 文档）", " (an old Word document)"),
        Seen::Rtf => ("（RTF 文档）", " (an RTF document)"),
        Seen::Utf16 | Seen::Other => ("", ""),
    };
    let mut p = Problem::error(
        "document.not-contract",
        "",
        format!(
            "这是合同文本{zh}，不是合同文件（lvyue-contract/2 JSON）：请用“lvyue draft 文件”起草合同，或在网页中打开或粘贴它"
        ),
        format!(
            "this is a contract document{en}, not a contract file (lvyue-contract/2 JSON): draft it with `lvyue draft FILE`, or open or paste it in the page"
        ),
    );
    p.line = 1;
    p.column = 1;
    p.expected = Some("a contract file (JSON)".to_string());
    p
}
