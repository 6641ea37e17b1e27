//! A plain-text document's bytes as text: UTF-8 (with or without a BOM), UTF-16 LE or BE with a
//! BOM (Notepad's "Unicode"), and GB18030 — what Windows in Chinese saves a `.txt` as ("ANSI"),
//! a superset of GBK and GB2312.
//!
//! Why GB18030 is tried last and only for bytes that are not UTF-8: valid UTF-8 is almost never
//! GB18030 prose by accident, while GB18030 accepts most byte sequences; so a file with a NUL or
//! other control characters that no text has is refused as binary instead of being decoded into
//! nonsense.

use super::error::DocumentError;

/// The text of `bytes`, decoded by the rules above.
///
/// # Errors
/// [`DocumentError::NotText`] (the first byte that does not decode, and the encoding tried),
/// [`DocumentError::Binary`] for control characters no text has.
///
/// # Example
/// ```
/// use lvyue::domain::document::plain::decode;
/// assert_eq!(decode(b"\xEF\xBB\xBF\xE7\x94\xB2").unwrap(), "甲");
/// assert_eq!(decode(&[0xFF, 0xFE, 0x32, 0x75]).unwrap(), "甲");
/// assert_eq!(decode(&[0xBC, 0xD7]).unwrap(), "甲"); // GBK
/// ```
pub fn decode(bytes: &[u8]) -> Result<String, DocumentError> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        std::str::from_utf8(rest)
            .map(str::to_string)
            .map_err(|e| not_text(e.valid_up_to() + 3, "UTF-8"))?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, false)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, true)?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => gb18030(bytes)?,
        }
    };
    if text.chars().any(binary_control) {
        return Err(DocumentError::Binary);
    }
    Ok(text)
}

fn not_text(byte: usize, encoding: &str) -> DocumentError {
    DocumentError::NotText {
        byte,
        encoding: encoding.to_string(),
    }
}

/// A control character that text files do not hold (NUL and friends; tab, newlines, form feed
/// and escape-free text are fine).
fn binary_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{E}'..='\u{1A}' | '\u{1C}'..='\u{1F}')
}

/// UTF-16 after its BOM; an odd length or an unpaired surrogate is an error at its byte.
fn utf16(bytes: &[u8], be: bool) -> Result<String, DocumentError> {
    let name = if be { "UTF-16 BE" } else { "UTF-16 LE" };
    if bytes.len() % 2 == 1 {
        return Err(not_text(bytes.len() + 2, name));
    }
    let units = bytes.chunks_exact(2).map(|p| {
        if be {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let mut out = String::with_capacity(bytes.len());
    let mut at = 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                at += c.len_utf16() * 2;
                out.push(c);
            }
            Err(_) => return Err(not_text(at + 1, name)),
        }
    }
    Ok(out)
}

/// GB18030 without replacement: the first byte that does not decode is the error.
fn gb18030(bytes: &[u8]) -> Result<String, DocumentError> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let room = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .ok_or_else(|| not_text(1, "GB18030"))?;
    let mut out = vec![0u8; room];
    let (result, read, written) = decoder.decode_to_utf8_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => {
            out.truncate(written);
            String::from_utf8(out).map_err(|_| not_text(1, "GB18030"))
        }
        // `read` counts the malformed bytes and the `extra` ones read after them.
        encoding_rs::DecoderResult::Malformed(bad, extra) => Err(not_text(
            read.saturating_sub(usize::from(bad) + usize::from(extra)) + 1,
            "GB18030",
        )),
        encoding_rs::DecoderResult::OutputFull => Err(not_text(read + 1, "GB18030")),
    }
}
