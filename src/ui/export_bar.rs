//! The results toolbar: print the calculation statement (it opens the statement tab and the
//! browser's print dialog), and download the report as JSON,
//! CSV (UTF-8 with a BOM) or an XLSX workbook. The files are made by [`crate::export`], the
//! same code the CLI runs; the download is an effect here (a Blob and an object URL: nothing
//! leaves the machine).
//!
//! The XLSX writer is not in the app's wasm: the button builds the workbook model
//! ([`export::workbook`]) and hands its JSON to a separate wasm module (`xlsx/lvyue_xlsx.js`,
//! from `src/bin/lvyue-xlsx.rs`) that `xlsx_loader.js` imports on the first click.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::labels::Labels;
use crate::domain::{statement, Lang};
use crate::export;

#[wasm_bindgen(module = "/src/ui/xlsx_loader.js")]
extern "C" {
    /// The workbook model's JSON to XLSX bytes (a promise of a `Uint8Array`); rejects with an
    /// `XlsxLoadError` when the module cannot be loaded, with the writer's message otherwise.
    #[wasm_bindgen(js_name = writeXlsx)]
    fn write_xlsx(model_json: &str) -> js_sys::Promise;
}

/// Why an XLSX export failed.
#[derive(Clone, PartialEq)]
enum XlsxFailure {
    /// The module could not be loaded (file://, offline without the installed copy).
    Load,
    /// The writer refused the workbook.
    Write(String),
}

/// The workbook through the XLSX module.
async fn xlsx_bytes(model_json: String) -> Result<Vec<u8>, XlsxFailure> {
    match wasm_bindgen_futures::JsFuture::from(write_xlsx(&model_json)).await {
        Ok(v) => Ok(js_sys::Uint8Array::new(&v).to_vec()),
        Err(e) => match e.dyn_ref::<js_sys::Error>() {
            Some(err) if err.name() == "XlsxLoadError" => Err(XlsxFailure::Load),
            Some(err) => Err(XlsxFailure::Write(String::from(err.message()))),
            None => Err(XlsxFailure::Write(e.as_string().unwrap_or_default())),
        },
    }
}
use crate::ui::store::{Action, Tab};
use crate::ui::views::ViewProps;

/// Offers `bytes` as a file download named `name`.
pub fn download_bytes(name: &str, bytes: &[u8], mime: &str) {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        if let Ok(el) = a.clone().dyn_into::<web_sys::HtmlElement>() {
            el.click();
        }
        let _ = body.remove_child(&a);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Json,
    Csv,
    Xlsx,
}

#[function_component(ExportBar)]
pub fn export_bar(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let error = use_state(|| None::<XlsxFailure>);
    let busy = use_state(|| false);
    let (Some(report), Some(contract)) = (props.state.report.clone(), props.state.contract())
    else {
        return html! {};
    };
    let contract = contract.clone();
    let on = |kind: Kind| {
        let report = report.clone();
        let contract = contract.clone();
        let error = error.clone();
        let busy = busy.clone();
        Callback::from(move |_: MouseEvent| match kind {
            Kind::Json => download_bytes(
                &export::file_name(&report, "json"),
                export::report_json(&report).as_bytes(),
                "application/json",
            ),
            Kind::Csv => download_bytes(
                &export::file_name(&report, "csv"),
                export::report_csv(&report, &Labels::of_report(&contract, &report), lang)
                    .as_bytes(),
                "text/csv;charset=utf-8",
            ),
            Kind::Xlsx => {
                if *busy {
                    return;
                }
                let st = statement::statement(&contract, &report, lang);
                let model =
                    export::workbook::to_json(&export::workbook::workbook(&report, &contract, &st));
                let name = export::file_name(&report, "xlsx");
                let (busy, error) = (busy.clone(), error.clone());
                busy.set(true);
                error.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    match xlsx_bytes(model).await {
                        Ok(bytes) => download_bytes(
                            &name,
                            &bytes,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        ),
                        Err(e) => error.set(Some(e)),
                    }
                    busy.set(false);
                });
            }
        })
    };
    // Shows the statement, then opens the browser's print dialog once it is drawn.
    let onprint = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::SetTab(Tab::Statement));
            wasm_bindgen_futures::spawn_local(async {
                yew::platform::time::sleep(std::time::Duration::from_millis(120)).await;
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            });
        })
    };
    html! {
        <div class="export-bar" role="toolbar" aria-label={lang.pick("结果", "Results")}>
            <button type="button" id="statement-button" onclick={onprint}>
                { lang.pick("打印计算说明书", "Print statement") }</button>
            <span class="export-label">{ lang.pick("导出结果：", "Export the report:") }</span>
            <button type="button" id="export-json" onclick={on(Kind::Json)}>{ "JSON" }</button>
            <button type="button" id="export-csv" onclick={on(Kind::Csv)}
                title={lang.pick("UTF-8（带 BOM），Excel 与 WPS 可直接打开", "UTF-8 with a BOM: Excel and WPS open it directly")}>{ "CSV" }</button>
            <button type="button" id="export-xlsx" onclick={on(Kind::Xlsx)}
                disabled={*busy} aria-busy={busy.to_string()}>{ "XLSX" }</button>
            if *busy {
                <span class="export-busy" role="status">{
                    lang.pick("正在载入 XLSX 模块…", "Loading the XLSX module…") }</span>
            }
            if let Some(e) = &*error {
                <p class="error" role="alert" id="export-xlsx-error">{ match (e, lang) {
                    (XlsxFailure::Load, Lang::Zh) => "XLSX 导出需要在线或已安装的版本；CSV 同样可以用 Excel 打开。".to_string(),
                    (XlsxFailure::Load, Lang::En) => "XLSX export needs the hosted or installed copy; CSV opens in Excel too.".to_string(),
                    (XlsxFailure::Write(m), _) => {
                        // `{"zh": …, "en": …}` from the writer (`export::xlsx::write_json`).
                        let both: Option<(String, String)> = serde_json::from_str::<serde_json::Value>(m)
                            .ok()
                            .and_then(|v| Some((v["zh"].as_str()?.to_string(), v["en"].as_str()?.to_string())));
                        match both {
                            Some((zh, en)) => lang.pick(
                                format!("无法生成 XLSX：{zh}"),
                                format!("Could not make the XLSX: {en}"),
                            ),
                            None => lang.pick(format!("无法生成 XLSX：{m}"), format!("Could not make the XLSX: {m}")),
                        }
                    }
                } }</p>
            }
        </div>
    }
}
