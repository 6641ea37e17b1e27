//! The import dialog's effects: a file's bytes into the rows it holds. Text (CSV/TSV) is decoded
//! by the browser's `TextDecoder` in the encoding `domain::incident_log::encoding_of` names
//! (UTF-8, UTF-16 with a BOM, or GB18030 — Excel/WPS in Chinese save CSV as GB18030), so the
//! page carries no decoder; a workbook (`.xlsx`) is read by the authoring module, loaded on
//! demand (`author_loader.js`: `domain::spreadsheet` is linked there, with the Word reader's
//! zip and XML code, and not in the page's first load).

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::incident_log::{encoding_of, Row, TextEncoding};

#[wasm_bindgen(module = "/src/ui/author_loader.js")]
extern "C" {
    #[wasm_bindgen(js_name = readSheet)]
    fn read_sheet(bytes: &[u8], index: u32) -> js_sys::Promise;
}

/// Text in both languages (a failure, or a note about a cell).
pub type Said = (String, String);

/// A workbook's sheet as the module read it.
#[derive(Clone, PartialEq)]
pub struct Sheet {
    pub names: Vec<String>,
    pub index: usize,
    pub rows: Vec<Row>,
    pub notes: Vec<Said>,
}

/// Whether a file is a workbook: a zip (`PK`), an OLE file (old `.xls`, which the module
/// refuses with its reason), or a name ending `.xlsx`/`.xlsm`/`.xls`.
pub fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || [".xlsx", ".xlsm", ".xls"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// A text file's text and the encoding it was read in; None when it does not decode.
pub fn decode_text(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    let enc = encoding_of(bytes);
    if enc == TextEncoding::Utf8 {
        let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return std::str::from_utf8(b).ok().map(|t| (t.to_string(), enc));
    }
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let d = web_sys::TextDecoder::new_with_label_and_options(enc.label(), &opts).ok()?;
    d.decode_with_u8_array(bytes).ok().map(|t| (t, enc))
}

/// Sheet `index` of a workbook, or why it cannot be read.
pub async fn read_workbook(bytes: Rc<Vec<u8>>, index: usize) -> Result<Sheet, Said> {
    let index = u32::try_from(index).unwrap_or(0);
    let v = wasm_bindgen_futures::JsFuture::from(read_sheet(&bytes, index))
        .await
        .map_err(failure)?;
    let json = v.as_string().unwrap_or_default();
    let v: serde_json::Value = serde_json::from_str(&json).map_err(|e| {
        let e = e.to_string();
        (
            format!("工作簿读取结果无效：{e}"),
            format!("the workbook's reading is invalid: {e}"),
        )
    })?;
    let text = |x: &serde_json::Value| x.as_str().unwrap_or_default().to_string();
    let rows = (v["rows"].as_array().into_iter().flatten())
        .map(|r| Row {
            line: r["line"].as_u64().unwrap_or(0) as usize,
            cells: (r["cells"].as_array().into_iter().flatten())
                .map(text)
                .collect(),
        })
        .collect();
    Ok(Sheet {
        names: (v["sheets"].as_array().into_iter().flatten())
            .map(text)
            .collect(),
        index: v["sheet"].as_u64().unwrap_or(0) as usize,
        rows,
        notes: (v["notes"].as_array().into_iter().flatten())
            .map(|n| (text(&n["zh"]), text(&n["en"])))
            .collect(),
    })
}

/// A rejection of the module: the reader's `{code, zh, en}`, or the module not loaded.
fn failure(e: JsValue) -> Said {
    let reader = e
        .as_string()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .filter(|v| v["code"].is_string());
    if let Some(v) = reader {
        let f = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        return (f("zh"), f("en"));
    }
    let why = e
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_default();
    (
        format!("无法载入工作簿读取模块（{why}）：请从网站打开本页，或使用单文件版；也可另存为 CSV 后导入"),
        format!("the workbook reader could not be loaded ({why}): open the page from its site, or use the one-file build; or save the sheet as CSV and import that"),
    )
}
