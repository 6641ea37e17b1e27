//! Exports of a report: JSON (`lvyue-report/1`), CSV and an XLSX workbook.
//!
//! The same functions serve the CLI (`lvyue eval --format json|csv|xlsx`) and the page (the
//! export buttons), so both give the same bytes for the same input. JSON and CSV are text from
//! the domain. The workbook is in two parts: [`workbook`], a plain model of the sheets built from
//! the report (cheap, serialisable, used by the page and the CLI), and [`xlsx`], its writer with
//! `rust_xlsxwriter` — called by the CLI natively and, for the page, by a separate wasm module
//! loaded on the first click of the XLSX button (`src/bin/lvyue-xlsx.rs`), so that a download
//! used now and then does not weigh on every page load.

pub mod json;
pub mod workbook;
pub mod xlsx;

use crate::domain::explain;
use crate::domain::labels::Labels;
use crate::domain::report::Report;
use crate::domain::Lang;

/// The report as the CLI's `--format json` prints it: pretty JSON of `lvyue-report/1`, keys in
/// sorted order, written directly ([`json::to_sorted_pretty`]: no `Value` of the report).
pub fn report_json(report: &Report) -> String {
    json::to_sorted_pretty(report).unwrap_or_default()
}

/// The report as CSV: UTF-8 starting with a byte-order mark (EF BB BF), so that Excel and WPS
/// read the Chinese; rows end with CRLF; everything the contract names said by its label
/// (`labels`: [`Labels::of_report`] of the report's contract). One code path:
/// [`explain::report_csv`].
pub fn report_csv(report: &Report, labels: &Labels, lang: Lang) -> String {
    explain::report_csv(report, labels, lang)
}

/// A file name for an export: `004-liyang-operations-2023-07-15.xlsx`.
pub fn file_name(report: &Report, ext: &str) -> String {
    let id: String = report
        .contract
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("{id}-{}.{ext}", report.as_of)
}
