//! The parts of a workbook other than its sheets: the list of sheets and where each is
//! (`xl/workbook.xml` and its relationships), the date system, the styles' number formats
//! (which cells are dates) and the shared strings. Each part is read through the Word reader's
//! size-limited unpacking (`document::docx::part`), so a zip bomb stops at the limit here too.

use std::io::Cursor;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::dates::{builtin, shown_by, Shown};
use super::error::XlsxError;
use crate::domain::document::docx;
use crate::domain::document::xml::{attr, name, reference};
use crate::domain::document::DocumentError;

pub type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

pub const WORKBOOK: &str = "xl/workbook.xml";
const RELS: &str = "xl/_rels/workbook.xml.rels";
const STYLES: &str = "xl/styles.xml";
const SHARED: &str = "xl/sharedStrings.xml";

/// One part's text, None when the archive lacks it.
pub fn part(zip: &mut Zip<'_>, name: &str) -> Result<Option<String>, XlsxError> {
    docx::part(zip, name).map_err(|e| match e {
        DocumentError::PartTooLarge { part, limit } => XlsxError::PartTooLarge { part, limit },
        DocumentError::BadXml { part, byte, reason } => XlsxError::BadXml { part, byte, reason },
        DocumentError::BadPart { part, reason } => XlsxError::BadPart { part, reason },
        other => XlsxError::BadPart {
            part: name.to_string(),
            reason: other.code().to_string(),
        },
    })
}

/// What the walk over a part sees.
pub enum Seen<'a, 'b> {
    Open(&'a BytesStart<'b>, bool),
    Close(&'a [u8]),
    Text(String),
}

/// Walks `xml` (part `part`), calling `f` on every element opened (and whether it is empty),
/// closed (its local name) and every piece of text; `f` may stop the walk with an error.
pub fn walk(
    xml: &str,
    part: &str,
    mut f: impl FnMut(Seen<'_, '_>) -> Result<(), XlsxError>,
) -> Result<(), XlsxError> {
    let mut r = Reader::from_str(xml);
    loop {
        let ev = r.read_event().map_err(|e| XlsxError::BadXml {
            part: part.to_string(),
            byte: usize::try_from(r.error_position())
                .unwrap_or(usize::MAX)
                .saturating_add(1),
            reason: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => f(Seen::Open(&e, false))?,
            Event::Empty(e) => {
                f(Seen::Open(&e, true))?;
                f(Seen::Close(name(&e)))?;
            }
            Event::End(e) => {
                let full = e.name().into_inner();
                let local = match full.iter().position(|&b| b == b':') {
                    Some(i) => &full[i + 1..],
                    None => full,
                };
                f(Seen::Close(local))?;
            }
            Event::Text(t) => f(Seen::Text(String::from_utf8_lossy(&t).into_owned()))?,
            Event::CData(t) => f(Seen::Text(String::from_utf8_lossy(&t).into_owned()))?,
            Event::GeneralRef(g) => f(Seen::Text(reference(&g)))?,
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// A sheet the workbook lists: its name and its part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetRef {
    pub name: String,
    pub part: String,
}

/// The workbook's sheets in their order, and whether it counts dates from 1904.
pub fn workbook(zip: &mut Zip<'_>) -> Result<(Vec<SheetRef>, bool), XlsxError> {
    let Some(xml) = part(zip, WORKBOOK)? else {
        return Err(XlsxError::NotWorkbook {
            part: WORKBOOK.to_string(),
        });
    };
    let rels = relationships(zip)?;
    let (mut sheets, mut date1904) = (Vec::new(), false);
    walk(&xml, WORKBOOK, |s| {
        if let Seen::Open(e, _) = s {
            match name(e) {
                b"workbookPr" => {
                    date1904 = attr(e, b"date1904")
                        .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
                }
                b"sheet" => {
                    let n = sheets.len() + 1;
                    let part = attr(e, b"id")
                        .and_then(|id| rels.iter().find(|(k, _)| *k == id))
                        .map(|(_, t)| t.clone())
                        .unwrap_or_else(|| format!("xl/worksheets/sheet{n}.xml"));
                    let name = attr(e, b"name").unwrap_or_else(|| format!("Sheet{n}"));
                    sheets.push(SheetRef { name, part });
                }
                _ => {}
            }
        }
        Ok(())
    })?;
    Ok((sheets, date1904))
}

/// The workbook's relationships: id → the part it names (relative to `xl/`, or absolute).
fn relationships(zip: &mut Zip<'_>) -> Result<Vec<(String, String)>, XlsxError> {
    let Some(xml) = part(zip, RELS)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    walk(&xml, RELS, |s| {
        if let Seen::Open(e, _) = s {
            if name(e) == b"Relationship" {
                if let (Some(id), Some(t)) = (attr(e, b"Id"), attr(e, b"Target")) {
                    let t = match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("xl/{}", t.trim_start_matches("./")),
                    };
                    out.push((id, t));
                }
            }
        }
        Ok(())
    })?;
    Ok(out)
}

/// What each cell style (`s="N"`, an index into `cellXfs`) shows of a number.
pub fn styles(zip: &mut Zip<'_>) -> Result<Vec<Shown>, XlsxError> {
    let Some(xml) = part(zip, STYLES)? else {
        return Ok(Vec::new());
    };
    let (mut custom, mut xfs): (Vec<(u32, Shown)>, Vec<u32>) = (Vec::new(), Vec::new());
    let mut in_xfs = false;
    walk(&xml, STYLES, |s| {
        match s {
            Seen::Open(e, _) => match name(e) {
                b"numFmt" => {
                    let id = attr(e, b"numFmtId").and_then(|v| v.trim().parse().ok());
                    if let (Some(id), Some(code)) = (id, attr(e, b"formatCode")) {
                        custom.push((id, shown_by(&code)));
                    }
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    xfs.push(
                        attr(e, b"numFmtId")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0),
                    );
                }
                _ => {}
            },
            Seen::Close(b"cellXfs") => in_xfs = false,
            _ => {}
        }
        Ok(())
    })?;
    Ok(xfs
        .into_iter()
        .map(|id| {
            custom
                .iter()
                .find(|(c, _)| *c == id)
                .map_or_else(|| builtin(id), |(_, s)| *s)
        })
        .collect())
}

/// The shared strings, in order (rich text runs joined; phonetic guides left out).
pub fn shared_strings(zip: &mut Zip<'_>) -> Result<Vec<String>, XlsxError> {
    let Some(xml) = part(zip, SHARED)? else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let (mut cur, mut in_t, mut in_ph) = (String::new(), false, 0usize);
    walk(&xml, SHARED, |s| {
        match s {
            Seen::Open(e, empty) => match name(e) {
                b"si" => cur.clear(),
                b"t" if !empty => in_t = true,
                b"rPh" if !empty => in_ph += 1,
                _ => {}
            },
            Seen::Close(n) => match n {
                b"si" => out.push(std::mem::take(&mut cur)),
                b"t" => in_t = false,
                b"rPh" => in_ph = in_ph.saturating_sub(1),
                _ => {}
            },
            Seen::Text(t) if in_t && in_ph == 0 => cur.push_str(&t),
            Seen::Text(_) => {}
        }
        Ok(())
    })?;
    Ok(out)
}
