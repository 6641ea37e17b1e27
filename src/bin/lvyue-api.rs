//! The JavaScript module: `lvyue::api` exported with wasm-bindgen, no UI.
//!
//! Built by `scripts/post-build.d/10-api.sh` into `dist/api/lvyue.js` (+ `lvyue_bg.wasm`,
//! `lvyue.d.ts`); see `docs/embedding.md`:
//!
//! ```js
//! import init, { evaluate, load, check, schema, version } from './api/lvyue.js';
//! await init();
//! const report = JSON.parse(evaluate(contractJson, eventsJson, '{"lang":"en"}'));
//! const contract = load(contractJson);            // read and checked once
//! const totals = JSON.parse(contract.evaluate(eventsJson, '{"result":"compact"}')).totals;
//! contract.free();
//! ```
//!
//! A bad input throws a JS `Error` whose message is the first problem in the language asked
//! for (`input:line:column: path: message`), with `.code` (the first problem's code) and
//! `.problems` (every problem: `input`, `code`, `severity`, `path`, `line`, `column`,
//! `expected`, `zh`, `en`). On a native target this binary only says where to look.

#[cfg(target_arch = "wasm32")]
mod js {
    use lvyue::api::{self, ApiError};
    use lvyue::domain::Lang;
    use wasm_bindgen::prelude::*;

    /// The error thrown to JavaScript: an `Error` with `.code` and `.problems`.
    fn thrown(e: &ApiError, lang: Lang) -> JsValue {
        let err = js_sys::Error::new(&e.message(lang));
        let problems = js_sys::JSON::parse(&e.to_json())
            .ok()
            .and_then(|v| js_sys::Reflect::get(&v, &JsValue::from_str("problems")).ok())
            .unwrap_or_else(|| js_sys::Array::new().into());
        let _ = js_sys::Reflect::set(&err, &"problems".into(), &problems);
        let _ = js_sys::Reflect::set(&err, &"code".into(), &JsValue::from_str(e.code()));
        err.into()
    }

    /// Evaluates a contract against its record: the report (`lvyue-report/1`) as JSON text.
    #[wasm_bindgen]
    pub fn evaluate(
        contract: &str,
        events: &str,
        options: Option<String>,
    ) -> Result<String, JsValue> {
        let options = options.unwrap_or_default();
        api::evaluate(contract, events, &options).map_err(|e| thrown(&e, api::sniff_lang(&options)))
    }

    /// A contract loaded once (`load`): read, validated and checked, for evaluating many
    /// records against it. `free()` releases it.
    #[wasm_bindgen(js_name = Contract)]
    pub struct Loaded(api::Loaded);

    /// Loads a contract (`lvyue-contract/2` JSON) with options (`lang`, `holidays`).
    #[wasm_bindgen]
    pub fn load(contract: &str, options: Option<String>) -> Result<Loaded, JsValue> {
        let options = options.unwrap_or_default();
        api::load(contract, &options)
            .map(Loaded)
            .map_err(|e| thrown(&e, api::sniff_lang(&options)))
    }

    #[wasm_bindgen(js_class = Contract)]
    impl Loaded {
        /// Evaluates a record against the loaded contract: the report as JSON text (with
        /// `{"result":"compact"}`, the figures without their steps).
        pub fn evaluate(&self, events: &str, options: Option<String>) -> Result<String, JsValue> {
            let options = options.unwrap_or_default();
            self.0
                .evaluate(events, &options)
                .map_err(|e| thrown(&e, api::sniff_lang(&options)))
        }
    }

    /// Checks a contract's text: its problems and the findings, as JSON text.
    #[wasm_bindgen]
    pub fn check(contract: &str, options: Option<String>) -> Result<String, JsValue> {
        let options = options.unwrap_or_default();
        api::check(contract, &options).map_err(|e| thrown(&e, api::sniff_lang(&options)))
    }

    /// The JSON Schema of `contract`, `events` or `report`, as JSON text.
    #[wasm_bindgen]
    pub fn schema(name: &str) -> Result<String, JsValue> {
        api::schema(name).map_err(|e| thrown(&e, Lang::En))
    }

    /// The version of lvyue.
    #[wasm_bindgen]
    pub fn version() -> String {
        api::version().to_string()
    }
}

fn main() {
    #[cfg(not(target_arch = "wasm32"))]
    eprintln!(
        "lvyue-api is the JavaScript module (wasm32 only): see docs/embedding.md; \
         on the command line use `lvyue eval`, `lvyue check` and `lvyue schema`"
    );
}
