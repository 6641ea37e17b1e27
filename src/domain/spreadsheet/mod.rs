//! A workbook (`.xlsx`: Office Open XML, a zip of XML parts) read into the rows of cells that
//! `domain::incident_log` reads — the same table a CSV gives, so that an exported help-desk
//! log goes through the same mapping, row reasons and order checks.
//!
//! Why here and pure: the page's on-demand module (`dist/author/`, `src/bin/lvyue-author.rs`:
//! it already links zip and quick-xml for the Word reader) and native code read workbooks the
//! same way. Nothing is calculated: a formula's saved value is read, and one saved without a
//! value is said ([`CellNote`]). Every part is size-limited as the Word reader's are, and a
//! sheet's size is checked before cells are made ([`sheet::MAX_ROWS`], [`sheet::MAX_COLUMNS`],
//! [`sheet::MAX_CELLS`]); every error names the part or the cell (`Sheet1!C7`) in both
//! languages ([`XlsxError`]).

pub mod dates;
pub mod error;
mod parts;
pub mod sheet;

use std::io::Cursor;

pub use error::{CellNote, XlsxError};

use crate::domain::incident_log::Row;
use crate::domain::Localize;

/// A sheet read: the workbook's sheet names, which one this is, its rows (`line` is the
/// sheet's row number) and what was said of its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    pub names: Vec<String>,
    pub index: usize,
    pub rows: Vec<Row>,
    pub notes: Vec<CellNote>,
}

impl Sheet {
    /// `{"sheets": [names], "sheet": index, "rows": [{"line", "cells"}], "notes": [{"code",
    /// "zh", "en"}]}`: what the page's module hands the import dialog.
    pub fn to_json(&self) -> serde_json::Value {
        use crate::domain::Lang;
        serde_json::json!({
            "sheets": self.names,
            "sheet": self.index,
            "rows": self.rows.iter().map(|r| serde_json::json!({"line": r.line, "cells": r.cells})).collect::<Vec<_>>(),
            "notes": self.notes.iter().map(|n| serde_json::json!({
                "place": match n { CellNote::FormulaWithoutValue { place, .. } => place },
                "zh": n.localize(Lang::Zh),
                "en": n.localize(Lang::En),
            })).collect::<Vec<_>>(),
        })
    }
}

/// Sheet number `index` (from 0: the first sheet) of the workbook `bytes`.
///
/// # Errors
/// [`XlsxError`]: too large, an old `.xls`, not a zip, no workbook or no such sheet, a part
/// too large, damaged or not XML (naming the part), a sheet too large or a cell that cannot be
/// read (naming the cell).
///
/// # Example
/// ```
/// use lvyue::domain::spreadsheet::read;
/// assert_eq!(read(b"not a zip", 0).unwrap_err().code(), "xlsx.not-zip");
/// ```
pub fn read(bytes: &[u8], index: usize) -> Result<Sheet, XlsxError> {
    if bytes.len() > crate::domain::limits::MAX_FILE_BYTES {
        return Err(XlsxError::TooLarge { size: bytes.len() });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(XlsxError::Xls);
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| XlsxError::NotZip {
        reason: e.to_string(),
    })?;
    let (sheets, date1904) = parts::workbook(&mut zip)?;
    let Some(want) = sheets.get(index) else {
        return Err(match sheets.len() {
            0 => XlsxError::NoSheet {
                sheet: String::new(),
                part: parts::WORKBOOK.to_string(),
            },
            count => XlsxError::NoSuchSheet { index, count },
        });
    };
    let Some(xml) = parts::part(&mut zip, &want.part)? else {
        return Err(XlsxError::NoSheet {
            sheet: want.name.clone(),
            part: want.part.clone(),
        });
    };
    let styles = parts::styles(&mut zip)?;
    let shared = parts::shared_strings(&mut zip)?;
    let cx = sheet::Context {
        sheet: &want.name,
        part: &want.part,
        shared: &shared,
        styles: &styles,
        date1904,
    };
    let (rows, notes) = sheet::read(&xml, &cx)?;
    Ok(Sheet {
        names: sheets.into_iter().map(|s| s.name).collect(),
        index,
        rows,
        notes,
    })
}

/// [`read`] as the page's module answers: the sheet's JSON ([`Sheet::to_json`]), or the
/// error's `{"code", "zh", "en"}`.
pub fn read_json(bytes: &[u8], index: usize) -> Result<String, String> {
    read(bytes, index)
        .map(|s| s.to_json().to_string())
        .map_err(|e| e.to_json().to_string())
}
