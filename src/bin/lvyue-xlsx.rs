//! The page's XLSX writer, a wasm module of its own (built by `scripts/post-build.d/20-xlsx.sh`
//! into `dist/xlsx/`): the app loads it only when the XLSX button is pressed and hands it the
//! workbook model as JSON (`lvyue::export::workbook`). Natively this binary does nothing; the
//! CLI writes workbooks itself (`lvyue eval --format xlsx --output FILE`).

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    /// The workbook model (`lvyue-workbook/1` JSON) as XLSX bytes.
    ///
    /// # Errors
    /// A model that cannot be read (its JSON path) or written, as a string.
    #[wasm_bindgen]
    pub fn write_xlsx(model_json: &str) -> Result<Vec<u8>, JsValue> {
        lvyue::export::xlsx::write_json(model_json).map_err(|e| JsValue::from_str(&e))
    }
}

fn main() {}
