//! The results toolbar: print the calculation statement, and download the report as JSON,
//! CSV (UTF-8 with a BOM) or an XLSX workbook. The files are made by [`crate::export`], the
//! same code the CLI runs; the download is an effect here (a Blob and an object URL: nothing
//! leaves the machine).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::domain::{statement, Lang};
use crate::export;
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
    let error = use_state(|| None::<String>);
    let (Some(report), Some(contract)) = (props.state.report.clone(), props.state.contract())
    else {
        return html! {};
    };
    let contract = contract.clone();
    let on = |kind: Kind| {
        let report = report.clone();
        let contract = contract.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| match kind {
            Kind::Json => download_bytes(
                &export::file_name(&report, "json"),
                export::report_json(&report).as_bytes(),
                "application/json",
            ),
            Kind::Csv => download_bytes(
                &export::file_name(&report, "csv"),
                export::report_csv(&report, lang).as_bytes(),
                "text/csv;charset=utf-8",
            ),
            Kind::Xlsx => {
                let st = statement::statement(&contract, &report, lang);
                match export::xlsx::report_xlsx(&report, &st) {
                    Ok(bytes) => {
                        error.set(None);
                        download_bytes(
                            &export::file_name(&report, "xlsx"),
                            &bytes,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        )
                    }
                    Err(e) => error.set(Some(e.to_string())),
                }
            }
        })
    };
    let onprint = props
        .dispatch
        .reform(|_: MouseEvent| Action::SetTab(Tab::Statement));
    html! {
        <div class="export-bar" role="toolbar" aria-label={lang.pick("结果", "Results")}>
            <button type="button" id="statement-button" onclick={onprint}>
                { lang.pick("打印计算说明书", "Print statement") }</button>
            <span class="export-label">{ lang.pick("导出结果：", "Export the report:") }</span>
            <button type="button" id="export-json" onclick={on(Kind::Json)}>{ "JSON" }</button>
            <button type="button" id="export-csv" onclick={on(Kind::Csv)}
                title={lang.pick("UTF-8（带 BOM），Excel 与 WPS 可直接打开", "UTF-8 with a BOM: Excel and WPS open it directly")}>{ "CSV" }</button>
            <button type="button" id="export-xlsx" onclick={on(Kind::Xlsx)}>{ "XLSX" }</button>
            if let Some(e) = &*error {
                <p class="error" role="alert">{ match lang {
                    Lang::Zh => format!("无法生成 XLSX：{e}"),
                    Lang::En => format!("Could not make the XLSX: {e}"),
                } }</p>
            }
        </div>
    }
}
