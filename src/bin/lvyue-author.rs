//! The page's authoring module, a wasm module of its own (built by
//! `scripts/post-build.d/30-author.sh` into `dist/author/`): the document reader
//! (`lvyue::domain::document`), the workbook reader of the incident import
//! (`lvyue::domain::spreadsheet`: it shares the reader's zip and XML code, so it costs this
//! module little and the page's first load nothing), the drafter (`lvyue::domain::draft`) and
//! the authoring view (`lvyue::ui::author`). The page loads it on the first document opened, dropped or pasted, or
//! on "New contract" / "Edit contract" (`src/ui/author_loader.js`), so that none of this code is
//! in its first load. Natively this binary does nothing; the CLI drafts itself (`lvyue draft`).

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    /// A document file's text (`.docx`, `.txt` in UTF-8, UTF-16 or GB18030).
    ///
    /// # Errors
    /// The document's error as a JSON string `{"code", "zh", "en"}`
    /// (`lvyue::domain::document::DocumentError`).
    #[wasm_bindgen]
    pub fn read_document(bytes: &[u8], name: &str) -> Result<String, JsValue> {
        let name = (!name.is_empty()).then_some(name);
        lvyue::domain::document::read(bytes, name)
            .map_err(|e| JsValue::from_str(&e.to_json().to_string()))
    }

    /// Sheet `index` (from 0) of a workbook (`.xlsx`) as JSON
    /// (`lvyue::domain::spreadsheet::Sheet::to_json`).
    ///
    /// # Errors
    /// The workbook's error as a JSON string `{"code", "zh", "en"}`
    /// (`lvyue::domain::spreadsheet::XlsxError`).
    #[wasm_bindgen]
    pub fn read_sheet(bytes: &[u8], index: u32) -> Result<String, JsValue> {
        lvyue::domain::spreadsheet::read_json(bytes, index as usize)
            .map_err(|e| JsValue::from_str(&e))
    }

    /// Whether a text is a contract's prose rather than a contract file (JSON).
    #[wasm_bindgen]
    pub fn is_document_text(text: &str) -> bool {
        lvyue::domain::document::sniff::is_document_text(text)
    }

    /// The draft of a text (`lvyue-draft/1` JSON).
    #[wasm_bindgen]
    pub fn draft(text: &str) -> String {
        lvyue::domain::draft::draft_json(text)
    }

    /// Mounts the authoring view in `host` with `input_json` (`lvyue::ui::author::AuthorInput`);
    /// `on_done` is called with the finished contract's JSON, or `null`.
    ///
    /// # Errors
    /// An input that cannot be read, as a string.
    #[wasm_bindgen]
    pub fn mount(
        host: web_sys::Element,
        input_json: &str,
        on_done: js_sys::Function,
    ) -> Result<(), JsValue> {
        lvyue::ui::author::mount(host, input_json, on_done).map_err(|e| JsValue::from_str(&e))
    }
}

fn main() {}
