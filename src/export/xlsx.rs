//! The XLSX writer: a [`Workbook`] model to bytes, with `rust_xlsxwriter`.
//!
//! Only the CLI (`lvyue eval --format xlsx`) and the page's lazily loaded XLSX module
//! (`src/bin/lvyue-xlsx.rs`) call this; the page's own wasm never references it, so the linker
//! leaves `rust_xlsxwriter`, zip and deflate out of it (`scripts/post-build.d/20-xlsx.sh` checks).

use std::collections::HashMap;

use chrono::Datelike;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, XlsxError};

use super::workbook::{self, Cell, Workbook};
use crate::domain::report::Report;
use crate::domain::statement::Statement;

pub use super::workbook::amount_number;

/// The workbook as bytes. The same model gives the same bytes (no clock is read: the creation
/// date is the model's).
///
/// # Errors
/// What `rust_xlsxwriter` reports (a sheet name it refuses, a string too long for a cell), or a
/// number cell whose value is not a number.
pub fn write(model: &Workbook) -> Result<Vec<u8>, XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut props = DocProperties::new().set_title(&model.title);
    if let Some(d) = model.created {
        if let (Ok(y), Ok(m), Ok(day)) = (
            u16::try_from(d.year()),
            u8::try_from(d.month()),
            u8::try_from(d.day()),
        ) {
            if let Ok(date) = ExcelDateTime::from_ymd(y, m, day) {
                props = props.set_creation_datetime(&date);
            }
        }
    }
    wb.set_properties(&props);
    let head = Format::new().set_bold();
    let mut formats: HashMap<&str, Format> = HashMap::new();
    for sheet in &model.sheets {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, col) in sheet.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, &col.header, &head)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text { text } if !text.is_empty() => {
                        ws.write_string(r, c, text)?;
                    }
                    Cell::Number { value, format } => {
                        let n: f64 = value.parse().map_err(|_| {
                            XlsxError::ParameterError(format!("not a number: {value:?}"))
                        })?;
                        match format {
                            Some(f) => {
                                let f = formats
                                    .entry(f.as_str())
                                    .or_insert_with(|| Format::new().set_num_format(f));
                                ws.write_number_with_format(r, c, n, f)?;
                            }
                            None => {
                                ws.write_number(r, c, n)?;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        for (c, col) in sheet.columns.iter().enumerate() {
            ws.set_column_width(c as u16, col.width)?;
        }
        if sheet.frozen_rows > 0 {
            ws.set_freeze_panes(sheet.frozen_rows, 0)?;
        }
    }
    wb.save_to_buffer()
}

/// The model's JSON (as the page sends it) to bytes.
///
/// # Errors
/// A model that cannot be read (its JSON path, line and column) or written.
pub fn write_json(json: &str) -> Result<Vec<u8>, String> {
    let model = workbook::from_json(json)?;
    write(&model).map_err(|e| e.to_string())
}

/// The report's workbook as bytes: [`workbook::workbook`] then [`write`].
///
/// # Errors
/// As [`write`].
pub fn report_xlsx(report: &Report, st: &Statement) -> Result<Vec<u8>, XlsxError> {
    write(&workbook::workbook(report, st))
}
