//! Importing an incident log (a help-desk export as CSV or TSV): the file's columns with the
//! field each is read as, guessed from its header (`domain::incident_log::guess_all`) and
//! changeable one by one, the rows that will be added and those that cannot be read with the
//! reason, then one button that adds them (one undoable step). Nothing is added before the user
//! confirms, and no row or column is left out without a line saying so.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::incident_log::{self as log, Field, Row};
use crate::domain::lang::Localize;
use crate::domain::Lang;
use crate::ui::store::Action;
use crate::ui::views::ViewProps;

/// A file read and waiting for its mapping to be confirmed.
#[derive(Clone, PartialEq)]
struct Pending {
    name: String,
    header: Option<Row>,
    rows: Vec<Row>,
    mapping: Vec<Field>,
}

/// What the panel says: a file it cannot read, or what an import added and left out.
#[derive(Clone, PartialEq, Default)]
struct Said {
    text: String,
    problems: Vec<String>,
}

fn unreadable(name: &str, lang: Lang) -> String {
    let lower = name.to_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xls") {
        return match lang {
            Lang::Zh => format!("“{name}”是 Excel 工作簿：暂不能直接导入，请在 Excel/WPS 中另存为“CSV UTF-8”再导入，或复制表格粘贴到上方的表格中"),
            Lang::En => format!("\"{name}\" is an Excel workbook, which cannot be imported yet: save it as \"CSV UTF-8\" in Excel/WPS and import that, or copy the rows and paste them into the grid above"),
        };
    }
    match lang {
        Lang::Zh => {
            format!("“{name}”不是 UTF-8 编码的文本：请在 Excel/WPS 中另存为“CSV UTF-8”再导入")
        }
        Lang::En => format!(
            "\"{name}\" is not UTF-8 text: save it as \"CSV UTF-8\" in Excel/WPS and import that"
        ),
    }
}

#[function_component(Import)]
pub fn import(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let pending = use_state(|| None::<Pending>);
    let said = use_state(Said::default);
    let (Some(c), Some(s)) = (p.state.contract(), p.state.scenario()) else {
        return html! {};
    };

    let on_file = {
        let (pending, said) = (pending.clone(), said.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(f) = input.files().and_then(|l| l.get(0)) else {
                return;
            };
            input.set_value("");
            let f = gloo::file::File::from(f);
            let (pending, said) = (pending.clone(), said.clone());
            yew::platform::spawn_local(async move {
                let name = f.name();
                let bytes = gloo::file::futures::read_as_bytes(&f)
                    .await
                    .unwrap_or_default();
                match String::from_utf8(bytes) {
                    Ok(text) => {
                        let (header, rows, mapping) = log::prepare(&text, 0);
                        said.set(Said::default());
                        pending.set(Some(Pending {
                            name,
                            header,
                            rows,
                            mapping,
                        }));
                    }
                    Err(_) => {
                        pending.set(None);
                        said.set(Said {
                            text: unreadable(&name, lang),
                            problems: Vec::new(),
                        });
                    }
                }
            });
        })
    };

    let body = match &*pending {
        None => html! {},
        Some(pd) => {
            let read = log::read(c, &s.events, pd.header.as_ref(), &pd.rows, &pd.mapping);
            let n = read.incidents.len();
            let columns = pd.mapping.iter().enumerate().map(|(k, f)| {
                let head = pd.header.as_ref().and_then(|h| h.cells.get(k)).cloned().unwrap_or_else(|| {
                    format!("{} {}", lang.pick("第", "column"), k + 1) + lang.pick(" 列", "")
                });
                let sample = pd.rows.first().and_then(|r| r.cells.get(k)).cloned().unwrap_or_default();
                let pending = pending.clone();
                let on = Callback::from(move |e: Event| {
                    let sel: HtmlSelectElement = e.target_unchecked_into();
                    if let (Some(mut x), Some(f)) = ((*pending).clone(), Field::from_key(&sel.value())) {
                        // A field is read from one column: the one it was in before is left out.
                        for m in x.mapping.iter_mut() {
                            if *m == f && f != Field::Ignore {
                                *m = Field::Ignore;
                            }
                        }
                        if let Some(m) = x.mapping.get_mut(k) {
                            *m = f;
                        }
                        pending.set(Some(x));
                    }
                });
                html! {
                    <tr>
                        <th scope="row">{ head.clone() }</th>
                        <td class="muted">{ sample }</td>
                        <td>
                            <select class="import-map" data-column={k.to_string()} onchange={on}
                                aria-label={format!("{}{head}", lang.pick("读作：", "Read as: "))}>
                                { for Field::ALL.iter().map(|g| html! {
                                    <option value={g.key()} selected={g == f}>{ g.name(lang) }</option>
                                }) }
                            </select>
                        </td>
                    </tr>
                }
            });
            let confirm = {
                let (pending, said, d) = (pending.clone(), said.clone(), p.dispatch.clone());
                let (incidents, problems, total) =
                    (read.incidents.clone(), read.problems.clone(), pd.rows.len());
                Callback::from(move |_: MouseEvent| {
                    let n = incidents.len();
                    said.set(Said {
                        text: match lang {
                            Lang::Zh => format!("已导入 {n} 行（共 {total} 行）"),
                            Lang::En => format!("{n} of {total} rows imported"),
                        },
                        problems: problems.iter().map(|x| x.localize(lang)).collect(),
                    });
                    pending.set(None);
                    if n > 0 {
                        d.emit(Action::AddIncidents(incidents.clone()));
                    }
                })
            };
            let cancel = {
                let pending = pending.clone();
                Callback::from(move |_: MouseEvent| pending.set(None))
            };
            html! {
                <div class="import-pending" id="import-pending">
                    <p>{ match lang {
                        Lang::Zh => format!("“{}”：{} 行。请确认每一列读作什么（已按表头自动对应）：", pd.name, pd.rows.len()),
                        Lang::En => format!("\"{}\": {} rows. Confirm what each column is read as (matched from the headers):", pd.name, pd.rows.len()),
                    } }</p>
                    <div class="table-scroll">
                        <table class="import-mapping">
                            <thead><tr>
                                <th scope="col">{ lang.pick("文件中的列", "Column in the file") }</th>
                                <th scope="col">{ lang.pick("第一行的值", "First row") }</th>
                                <th scope="col">{ lang.pick("读作", "Read as") }</th>
                            </tr></thead>
                            <tbody>{ for columns }</tbody>
                        </table>
                    </div>
                    <p id="import-preview">{ match lang {
                        Lang::Zh => format!("将添加 {n} 行；{} 行无法读取", pd.rows.len() - n),
                        Lang::En => format!("{n} rows will be added; {} cannot be read", pd.rows.len() - n),
                    } }</p>
                    if !read.problems.is_empty() {
                        <ul class="grid-problems" id="import-problems">
                            { for read.problems.iter().map(|x| html! { <li>{ x.localize(lang) }</li> }) }
                        </ul>
                    }
                    <div class="rec-toolbar">
                        <button type="button" class="rec-add" id="import-confirm" onclick={confirm} disabled={n == 0}>
                            { match lang { Lang::Zh => format!("导入 {n} 行"), Lang::En => format!("Import {n} rows") } }
                        </button>
                        <button type="button" class="rec-btn" id="import-cancel" onclick={cancel}>{ lang.pick("取消", "Cancel") }</button>
                    </div>
                </div>
            }
        }
    };

    html! {
        <div class="import" id="incident-import-panel">
            <label class="field rec-field">
                <span class="field-label">{ lang.pick(
                    "导入事件日志（CSV/TSV，如服务台导出的工单）",
                    "Import an incident log (CSV/TSV, e.g. a help-desk export)") }</span>
                <input type="file" id="incident-import" accept=".csv,.tsv,.txt,text/csv" onchange={on_file} />
            </label>
            if !said.text.is_empty() {
                <div class="grid-said" id="import-said" role="status">
                    <p>{ said.text.clone() }</p>
                    if !said.problems.is_empty() {
                        <ul class="grid-problems" id="import-left-out">{ for said.problems.iter().map(|x| html! { <li>{ x.clone() }</li> }) }</ul>
                    }
                </div>
            }
            { body }
        </div>
    }
}
