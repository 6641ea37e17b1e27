//! A Word document (`.docx`: Office Open XML, a zip of XML parts) as text.
//!
//! The text is laid out as the seeds' texts are (they came from `.docx` files): a paragraph is a
//! line; a table row is a line of its cells joined by tabs (a cell spanning N grid columns
//! followed by N−1 empty ones, so columns stay aligned; a cell's own paragraphs joined by
//! newlines); `w:tab` is a tab and `w:br`/`w:cr` a newline. Deleted text (`w:del`, `w:delText`)
//! is left out and inserted text kept, as Word shows the document with its changes accepted.
//! Automatic list numbers are written before their paragraph ([`super::numbering`]). Footnotes,
//! headers, footers and comments are not read: a contract's rules are in its body.
//!
//! Why limits on every part: a `.docx` is compressed, and a few KB can unpack to gigabytes (a
//! zip bomb). Each part is read through a reader that stops one byte past the limit, whatever
//! the archive claims its size is.

use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::error::{DocumentError, Unsupported};
use super::numbering::{Numbering, ParaNum};
use super::xml::{attr, name, reference, val_num};

/// The part that holds a Word document's body.
pub const BODY: &str = "word/document.xml";
const NUMBERING: &str = "word/numbering.xml";
const STYLES: &str = "word/styles.xml";

/// The most bytes a part may unpack to.
pub const PART_LIMIT: usize = crate::domain::limits::MAX_FILE_BYTES;

/// The text of a `.docx` file.
///
/// # Errors
/// [`DocumentError::NotZip`], [`DocumentError::MissingPart`] (or `Unsupported` for an
/// OpenDocument file), [`DocumentError::PartTooLarge`], [`DocumentError::BadPart`] and
/// [`DocumentError::BadXml`], each naming the part.
pub fn read(bytes: &[u8]) -> Result<String, DocumentError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| DocumentError::NotZip {
        reason: e.to_string(),
    })?;
    let Some(body) = part(&mut zip, BODY)? else {
        if zip.by_name("content.xml").is_ok() {
            return Err(DocumentError::Unsupported {
                format: Unsupported::Odt,
            });
        }
        return Err(DocumentError::MissingPart {
            part: BODY.to_string(),
        });
    };
    let numbering = part(&mut zip, NUMBERING).ok().flatten();
    let styles = part(&mut zip, STYLES).ok().flatten();
    let mut lists = Numbering::new(numbering.as_deref(), styles.as_deref());
    body_text(&body, &mut lists)
}

/// One part as text, at most [`PART_LIMIT`] bytes unpacked; None when the archive lacks it.
pub(crate) fn part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, DocumentError> {
    let bad = |reason: String| DocumentError::BadPart {
        part: name.to_string(),
        reason,
    };
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(e.to_string())),
    };
    let too_large = || DocumentError::PartTooLarge {
        part: name.to_string(),
        limit: PART_LIMIT,
    };
    if file.size() > PART_LIMIT as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(PART_LIMIT as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| bad(e.to_string()))?;
    if bytes.len() > PART_LIMIT {
        return Err(too_large());
    }
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|e| DocumentError::BadXml {
            part: name.to_string(),
            byte: e.utf8_error().valid_up_to() + 1,
            reason: "not UTF-8".to_string(),
        })
}

/// A table being read: the row's cells so far, and the cell's paragraphs.
#[derive(Default)]
struct Table {
    row: Vec<String>,
    cell: Vec<String>,
    span: usize,
}

/// The state of the walk over the body.
#[derive(Default)]
struct Walk {
    lines: Vec<String>,
    tables: Vec<Table>,
    /// Paragraphs open (a text box's paragraphs sit inside a paragraph).
    paras: Vec<(String, ParaNum)>,
    /// Depth inside elements whose content is not text of the document.
    skip: usize,
    in_text: bool,
    in_run: usize,
    in_ppr: bool,
}

impl Walk {
    /// A finished line goes into the open cell, or into the document.
    fn emit(&mut self, line: String) {
        match self.tables.last_mut() {
            Some(t) => t.cell.push(line),
            None => self.lines.push(line),
        }
    }

    fn text(&mut self, s: &str) {
        if self.skip == 0 && self.in_text {
            if let Some((p, _)) = self.paras.last_mut() {
                p.push_str(s);
            }
        }
    }

    fn push_char(&mut self, c: char) {
        if self.skip == 0 && self.in_run > 0 {
            if let Some((p, _)) = self.paras.last_mut() {
                p.push(c);
            }
        }
    }

    fn open(&mut self, e: &BytesStart<'_>, empty: bool) {
        let n = name(e);
        if self.skip > 0 || is_skipped(n) {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match n {
            b"p" => {
                self.paras.push((String::new(), ParaNum::default()));
                if empty {
                    self.close_para(None);
                }
            }
            b"pPr" if !empty => self.in_ppr = true,
            b"pStyle" if self.in_ppr => self.para_num(|p| p.style = attr(e, b"val")),
            b"numId" if self.in_ppr => self.para_num(|p| p.num = attr(e, b"val")),
            b"ilvl" if self.in_ppr => {
                let l = val_num(e).and_then(|v| u8::try_from(v).ok());
                self.para_num(|p| p.level = l);
            }
            b"r" if !empty => self.in_run += 1,
            b"t" if !empty => self.in_text = true,
            b"tab" => self.push_char('\t'),
            b"br" | b"cr" => self.push_char('\n'),
            b"noBreakHyphen" => self.push_char('-'),
            b"tbl" if !empty => self.tables.push(Table::default()),
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                    t.span = 1;
                }
            }
            b"gridSpan" => {
                let span = val_num(e).map_or(1, |v| v.clamp(1, 64) as usize);
                if let Some(t) = self.tables.last_mut() {
                    t.span = span;
                }
            }
            _ => {}
        }
    }

    fn para_num(&mut self, f: impl FnOnce(&mut ParaNum)) {
        if let Some((_, n)) = self.paras.last_mut() {
            f(n);
        }
    }

    fn close(&mut self, n: &[u8], lists: &mut Numbering) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match n {
            b"p" => self.close_para(Some(lists)),
            b"pPr" => self.in_ppr = false,
            b"r" => self.in_run = self.in_run.saturating_sub(1),
            b"t" => self.in_text = false,
            b"tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell).join("\n");
                    t.row.push(cell);
                    t.row.extend((1..t.span).map(|_| String::new()));
                }
            }
            b"tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row).join("\t");
                    // The row belongs to the enclosing cell, or to the document.
                    let t = self.tables.pop();
                    self.emit(row);
                    self.tables.extend(t);
                }
            }
            b"tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    fn close_para(&mut self, lists: Option<&mut Numbering>) {
        let Some((text, num)) = self.paras.pop() else {
            return;
        };
        let number = match lists {
            Some(l) if num != ParaNum::default() => l.next(&num),
            _ => None,
        };
        self.emit(number.unwrap_or_default() + &text);
    }
}

/// Elements whose content is not the document's text as shown: deleted text, the old
/// properties of a tracked change, field codes, a drawing's fallback copy, comments' anchors.
fn is_skipped(n: &[u8]) -> bool {
    matches!(
        n,
        b"del" | b"delText" | b"pPrChange" | b"rPrChange" | b"instrText" | b"Fallback" | b"tabs"
    )
}

/// The body's text.
fn body_text(xml: &str, lists: &mut Numbering) -> Result<String, DocumentError> {
    let mut r = Reader::from_str(xml);
    let mut w = Walk::default();
    loop {
        let ev = r.read_event().map_err(|e| DocumentError::BadXml {
            part: BODY.to_string(),
            byte: usize::try_from(r.error_position())
                .unwrap_or(usize::MAX)
                .saturating_add(1),
            reason: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => w.open(&e, false),
            Event::Empty(e) => w.open(&e, true),
            Event::End(e) => {
                let full = e.name().into_inner();
                let local = match full.iter().position(|&b| b == b':') {
                    Some(i) => &full[i + 1..],
                    None => full,
                };
                w.close(local, lists);
            }
            Event::Text(t) => w.text(&String::from_utf8_lossy(&t)),
            Event::CData(t) => w.text(&String::from_utf8_lossy(&t)),
            Event::GeneralRef(g) => w.text(&reference(&g)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(w.lines.join("\n"))
}
