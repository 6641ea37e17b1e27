//! What can go wrong reading a workbook, and what is said about a cell that was read without
//! its value, in both languages and naming the part (`xl/worksheets/sheet1.xml`) or the cell
//! (`Sheet1!C7`), so that a user knows which cell to look at, or to save the file again in
//! Excel/WPS, or as CSV.

use serde::Serialize;

use crate::domain::quote::shown;
use crate::domain::{Lang, Localize};

/// Why a workbook could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum XlsxError {
    /// More than [`crate::domain::limits::MAX_FILE_BYTES`] bytes.
    #[serde(rename = "xlsx.too-large")]
    TooLarge { size: usize },
    /// An Excel 97–2003 `.xls` (an OLE compound file), which is not read.
    #[serde(rename = "xlsx.xls")]
    Xls,
    /// Not a readable zip archive.
    #[serde(rename = "xlsx.not-zip")]
    NotZip { reason: String },
    /// A zip archive without the part every workbook has.
    #[serde(rename = "xlsx.not-workbook")]
    NotWorkbook { part: String },
    /// A workbook that lists no worksheet, or whose worksheet's part is missing.
    #[serde(rename = "xlsx.no-sheet")]
    NoSheet { sheet: String, part: String },
    /// A sheet asked for by number that the workbook does not have.
    #[serde(rename = "xlsx.no-such-sheet")]
    NoSuchSheet { index: usize, count: usize },
    /// A part that unpacks beyond the limit (a zip bomb, or a workbook too large).
    #[serde(rename = "xlsx.part-too-large")]
    PartTooLarge { part: String, limit: usize },
    /// A part that cannot be unpacked (damaged, encrypted, an unknown compression).
    #[serde(rename = "xlsx.bad-part")]
    BadPart { part: String, reason: String },
    /// A part that is not well-formed XML.
    #[serde(rename = "xlsx.bad-xml")]
    BadXml {
        part: String,
        byte: usize,
        reason: String,
    },
    /// A sheet (its stated dimension or a cell) beyond the rows or columns read.
    #[serde(rename = "xlsx.sheet-too-large")]
    SheetTooLarge {
        place: String,
        rows: usize,
        columns: usize,
    },
    /// More cells (empty ones between them counted) than are read.
    #[serde(rename = "xlsx.too-many-cells")]
    TooManyCells { place: String, limit: usize },
    /// A cell that cannot be read (a bad reference, a shared string that is not there).
    #[serde(rename = "xlsx.bad-cell")]
    BadCell { place: String, reason: String },
}

impl XlsxError {
    /// The stable code, e.g. `xlsx.not-zip`.
    pub fn code(&self) -> &'static str {
        use XlsxError::*;
        match self {
            TooLarge { .. } => "xlsx.too-large",
            Xls => "xlsx.xls",
            NotZip { .. } => "xlsx.not-zip",
            NotWorkbook { .. } => "xlsx.not-workbook",
            NoSheet { .. } => "xlsx.no-sheet",
            NoSuchSheet { .. } => "xlsx.no-such-sheet",
            PartTooLarge { .. } => "xlsx.part-too-large",
            BadPart { .. } => "xlsx.bad-part",
            BadXml { .. } => "xlsx.bad-xml",
            SheetTooLarge { .. } => "xlsx.sheet-too-large",
            TooManyCells { .. } => "xlsx.too-many-cells",
            BadCell { .. } => "xlsx.bad-cell",
        }
    }

    /// `{"code", "zh", "en"}`: what the page's module throws.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code(),
            "zh": self.localize(Lang::Zh),
            "en": self.localize(Lang::En),
        })
    }
}

impl Localize for XlsxError {
    fn localize(&self, lang: Lang) -> String {
        use XlsxError::*;
        match (self, lang) {
            (TooLarge { size }, Lang::Zh) => format!("文件过大（{size} 字节）：最多 32 MiB"),
            (TooLarge { size }, Lang::En) => {
                format!("the file is too large ({size} bytes): at most 32 MiB")
            }
            (Xls, Lang::Zh) => "这是旧版 Excel（.xls）文件，暂不读取：请在 Excel/WPS 中另存为 .xlsx 或“CSV UTF-8”".into(),
            (Xls, Lang::En) => "this is an old Excel (.xls) file, which is not read: save it as .xlsx or \"CSV UTF-8\" in Excel/WPS".into(),
            (NotZip { reason }, Lang::Zh) => format!(
                "不是可读取的 Excel 工作簿（.xlsx 应为 zip 压缩包）：{}；请用 Excel/WPS 重新保存",
                shown(reason)
            ),
            (NotZip { reason }, Lang::En) => format!(
                "not a readable Excel workbook (an .xlsx is a zip archive): {}; save it again in Excel/WPS",
                shown(reason)
            ),
            (NotWorkbook { part }, Lang::Zh) => {
                format!("压缩包中没有 {part}：这不是 Excel（.xlsx）工作簿")
            }
            (NotWorkbook { part }, Lang::En) => {
                format!("the archive has no {part}: this is not an Excel (.xlsx) workbook")
            }
            (NoSheet { sheet, part }, Lang::Zh) if sheet.is_empty() => {
                format!("{part} 中没有工作表")
            }
            (NoSheet { sheet, part }, Lang::En) if sheet.is_empty() => {
                format!("{part} lists no worksheet")
            }
            (NoSheet { sheet, part }, Lang::Zh) => {
                format!("工作表“{}”的内容（{part}）不在压缩包中", shown(sheet))
            }
            (NoSheet { sheet, part }, Lang::En) => format!(
                "the content of sheet \"{}\" ({part}) is not in the archive",
                shown(sheet)
            ),
            (NoSuchSheet { index, count }, Lang::Zh) => {
                format!("没有第 {} 个工作表（共 {count} 个）", index + 1)
            }
            (NoSuchSheet { index, count }, Lang::En) => {
                format!("there is no sheet {} (the workbook has {count})", index + 1)
            }
            (PartTooLarge { part, limit }, Lang::Zh) => format!(
                "{part} 解压后超过 {limit} 字节，未读取（可能是压缩炸弹，或工作簿过大）"
            ),
            (PartTooLarge { part, limit }, Lang::En) => format!(
                "{part} unpacks to more than {limit} bytes and was not read (a zip bomb, or a workbook too large)"
            ),
            (BadPart { part, reason }, Lang::Zh) => {
                format!("无法解压 {part}：{}（文件损坏或已加密）", shown(reason))
            }
            (BadPart { part, reason }, Lang::En) => {
                format!("cannot unpack {part}: {} (damaged or encrypted)", shown(reason))
            }
            (BadXml { part, byte, reason }, Lang::Zh) => format!(
                "{part} 第 {byte} 个字节处不是有效的 XML：{}；请用 Excel/WPS 重新保存",
                shown(reason)
            ),
            (BadXml { part, byte, reason }, Lang::En) => format!(
                "{part} is not valid XML at byte {byte}: {}; save it again in Excel/WPS",
                shown(reason)
            ),
            (SheetTooLarge { place, rows, columns }, Lang::Zh) => format!(
                "{}：工作表超出可读取的范围（最多 {rows} 行、{columns} 列），未读取",
                shown(place)
            ),
            (SheetTooLarge { place, rows, columns }, Lang::En) => format!(
                "{}: the sheet is larger than what is read (at most {rows} rows and {columns} columns), not read",
                shown(place)
            ),
            (TooManyCells { place, limit }, Lang::Zh) => {
                format!("{}：单元格超过 {limit} 个，未读取", shown(place))
            }
            (TooManyCells { place, limit }, Lang::En) => {
                format!("{}: more than {limit} cells, not read", shown(place))
            }
            (BadCell { place, reason }, Lang::Zh) => {
                format!("{}：无法读取单元格（{}）", shown(place), shown(reason))
            }
            (BadCell { place, reason }, Lang::En) => {
                format!("{}: the cell cannot be read ({})", shown(place), shown(reason))
            }
        }
    }
}

/// Something said about a cell that was read (the read goes on).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum CellNote {
    /// A formula saved without its value (written by a program, never opened in Excel): the
    /// cell is read as empty — lvyue does not calculate formulas.
    #[serde(rename = "xlsx.formula-without-value")]
    FormulaWithoutValue { place: String, formula: String },
}

impl Localize for CellNote {
    fn localize(&self, lang: Lang) -> String {
        match (self, lang) {
            (CellNote::FormulaWithoutValue { place, formula }, Lang::Zh) => format!(
                "{}：公式 ={} 没有保存计算结果，按空单元格读取（不计算公式；请在 Excel/WPS 中打开并保存后再导入）",
                shown(place),
                shown(formula)
            ),
            (CellNote::FormulaWithoutValue { place, formula }, Lang::En) => format!(
                "{}: the formula ={} has no saved value and is read as empty (formulas are not calculated; open and save the file in Excel/WPS, then import it)",
                shown(place),
                shown(formula)
            ),
        }
    }
}
