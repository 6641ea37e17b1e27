//! The XLSX writer: a [`Workbook`] model to bytes, with `rust_xlsxwriter`.
//!
//! Only the CLI (`lvyue eval --format xlsx`) and the page's lazily loaded XLSX module
//! (`src/bin/lvyue-xlsx.rs`) call this; the page's own wasm never references it, so the linker
//! leaves `rust_xlsxwriter`, zip and deflate out of it (`scripts/post-build.d/20-xlsx.sh` checks).

use std::collections::HashMap;

use chrono::{Datelike, Timelike};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, XlsxError};

use super::workbook::{self, Cell, Workbook};
use crate::domain::contract::Contract;
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
                    Cell::Date { value, format } => {
                        let d = excel_date(value).ok_or_else(|| {
                            XlsxError::ParameterError(format!("not a date: {value:?}"))
                        })?;
                        let f = formats
                            .entry(format.as_str())
                            .or_insert_with(|| Format::new().set_num_format(format));
                        ws.write_datetime_with_format(r, c, &d, f)?;
                    }
                    _ => {}
                }
            }
        }
        if sheet.autofilter && !sheet.columns.is_empty() {
            let last_col = (sheet.columns.len() - 1) as u16;
            ws.autofilter(0, 0, sheet.rows.len() as u32, last_col)?;
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

/// A date cell's value (`2023-07-15` or `2023-07-15T10:00`) as Excel's date; `None` for any
/// other text.
fn excel_date(value: &str) -> Option<ExcelDateTime> {
    let (d, hm) = match chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M") {
        Ok(dt) => (dt.date(), Some((dt.time().hour(), dt.time().minute()))),
        Err(_) => (
            chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()?,
            None,
        ),
    };
    let date = ExcelDateTime::from_ymd(
        u16::try_from(d.year()).ok()?,
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
    .ok()?;
    match hm {
        Some((h, m)) => date
            .and_hms(u16::try_from(h).ok()?, u8::try_from(m).ok()?, 0)
            .ok(),
        None => Some(date),
    }
}

/// The model's JSON (as the page sends it) to bytes.
///
/// # Errors
/// A model that cannot be read (its JSON path, line and column) or written.
///
/// The error is the JSON text `{"zh": …, "en": …}`: the message in both languages, for the page
/// to show in its language.
pub fn write_json(json: &str) -> Result<Vec<u8>, String> {
    let both = |zh: String, en: String| serde_json::json!({ "zh": zh, "en": en }).to_string();
    let model = workbook::from_json(json).map_err(|e| {
        both(
            format!("工作簿模型无效：{e}"),
            format!("the workbook model is invalid: {e}"),
        )
    })?;
    write(&model).map_err(|e| {
        let (zh, en) = describe(&e);
        both(zh, en)
    })
}

/// Why the writer refused a workbook, in Chinese and English (`rust_xlsxwriter` says it in
/// English only: "String exceeds Excel's limit of 32,767 characters").
pub fn describe(e: &XlsxError) -> (String, String) {
    match e {
        XlsxError::MaxStringLengthExceeded => (
            "有一格文本超过 Excel 每格 32,767 个字符的上限：请缩短合同中的长文本（如标题、说明），或改用 CSV 导出".into(),
            "a cell's text is longer than Excel's limit of 32,767 characters: shorten the long text in the contract (a title, a description) or export CSV".into(),
        ),
        XlsxError::RowColumnLimitError => (
            "超出 Excel 工作表的上限（1,048,576 行、16,384 列）：请改用 CSV 导出".into(),
            "beyond an Excel worksheet's limit (1,048,576 rows, 16,384 columns): export CSV instead".into(),
        ),
        XlsxError::SheetnameCannotBeBlank(_)
        | XlsxError::SheetnameLengthExceeded(_)
        | XlsxError::SheetnameReused(_)
        | XlsxError::SheetnameContainsInvalidCharacter(_)
        | XlsxError::SheetnameStartsOrEndsWithApostrophe(_) => (
            "Excel 不接受某个工作表名称（不能为空、超过 31 个字符、含 [ ] : * ? / \\、以 ' 开头或结尾，或与其他工作表重名）".into(),
            "Excel refuses a worksheet name (empty, longer than 31 characters, holding [ ] : * ? / \\, starting or ending with ', or used twice)".into(),
        ),
        XlsxError::MaxUrlLengthExceeded => (
            "链接超过 Excel 的长度上限".into(),
            "a link is longer than Excel allows".into(),
        ),
        other => (
            "无法写出 XLSX 文件（写入程序拒绝了工作簿）：请改用 CSV 导出".into(),
            format!("the XLSX file could not be written ({other}): export CSV instead"),
        ),
    }
}

/// The report's workbook as bytes: [`workbook::workbook`] then [`write`].
///
/// # Errors
/// As [`write`].
pub fn report_xlsx(
    report: &Report,
    contract: &Contract,
    st: &Statement,
) -> Result<Vec<u8>, XlsxError> {
    write(&workbook::workbook(report, contract, st))
}
