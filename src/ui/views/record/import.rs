//! Importing an incident log (a help-desk export as an Excel workbook, CSV or TSV; the
//! reading is `import_read`'s, the encoding or sheet said in the dialog): the file's columns with the
//! field each is read as, guessed from its header (`domain::incident_log::guess_all`) and
//! changeable one by one, the rows that will be added and those that cannot be read with the
//! reason, then one button that adds them (one undoable step). Nothing is added before the user
//! confirms, and no row or column is left out without a line saying so.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::import_read::{self as read, Said as Pair, Sheet};
use crate::domain::incident_log::{self as log, Field, Row, TextEncoding};
use crate::domain::lang::Localize;
use crate::domain::Lang;
use crate::ui::store::Action;
use crate::ui::views::ViewProps;

/// Where a pending table came from: a text file in an encoding, or a workbook's sheet (its
/// bytes kept, to read another sheet when the user picks one).
#[derive(Clone, PartialEq)]
enum Source {
    Text(TextEncoding),
    Workbook {
        bytes: Rc<Vec<u8>>,
        names: Vec<String>,
        index: usize,
    },
}

/// A file read and waiting for its mapping to be confirmed.
#[derive(Clone, PartialEq)]
struct Pending {
    name: String,
    source: Source,
    header: Option<Row>,
    rows: Vec<Row>,
    mapping: Vec<Field>,
    /// What was said of the workbook's cells (formulas without a saved value).
    notes: Vec<Pair>,
}

impl Pending {
    fn new(name: String, source: Source, rows: Vec<Row>, notes: Vec<Pair>) -> Pending {
        let (header, rows, mapping) = log::prepare_rows(rows, 0);
        Pending {
            name,
            source,
            header,
            rows,
            mapping,
            notes,
        }
    }
}

/// What the panel says: a file it cannot read, or what an import added and left out.
#[derive(Clone, PartialEq, Default)]
struct Said {
    text: String,
    problems: Vec<String>,
}

fn unreadable(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "“{name}”不是可读取的文本（UTF-8、UTF-16 或 GB18030）：请在 Excel/WPS 中另存为“CSV UTF-8”或 .xlsx 再导入"
        ),
        Lang::En => format!(
            "\"{name}\" is not readable text (UTF-8, UTF-16 or GB18030): save it as \"CSV UTF-8\" or .xlsx in Excel/WPS and import that"
        ),
    }
}

/// Reads sheet `index` of a workbook into the dialog, or says why it cannot.
async fn open_sheet(
    name: String,
    bytes: Rc<Vec<u8>>,
    index: usize,
    pending: UseStateHandle<Option<Pending>>,
    said: UseStateHandle<Said>,
    lang: Lang,
) {
    match read::read_workbook(bytes.clone(), index).await {
        Ok(Sheet {
            names,
            index,
            rows,
            notes,
        }) => {
            said.set(Said::default());
            let source = Source::Workbook {
                bytes,
                names,
                index,
            };
            pending.set(Some(Pending::new(name, source, rows, notes)));
        }
        Err((zh, en)) => {
            pending.set(None);
            said.set(Said {
                text: format!("“{name}”：{}", lang.pick(&zh, &en)),
                problems: Vec::new(),
            });
        }
    }
}

/// A file chosen: a workbook goes to the module, text is decoded here.
async fn open_file(
    f: gloo::file::File,
    pending: UseStateHandle<Option<Pending>>,
    said: UseStateHandle<Said>,
    lang: Lang,
) {
    let name = f.name();
    let bytes = gloo::file::futures::read_as_bytes(&f)
        .await
        .unwrap_or_default();
    if read::is_workbook(&name, &bytes) {
        return open_sheet(name, Rc::new(bytes), 0, pending, said, lang).await;
    }
    match read::decode_text(&bytes) {
        Some((text, enc)) => {
            said.set(Said::default());
            let rows = log::parse_table(&text);
            pending.set(Some(Pending::new(
                name,
                Source::Text(enc),
                rows,
                Vec::new(),
            )));
        }
        None => {
            pending.set(None);
            said.set(Said {
                text: unreadable(&name, lang),
                problems: Vec::new(),
            });
        }
    }
}

/// Where the table came from: its encoding, or its sheet (a picker when there are several).
fn source_line(pd: &Pending, on_sheet: Callback<usize>, lang: Lang) -> Html {
    match &pd.source {
        Source::Text(enc) => html! {
            <p id="import-source" class="muted">{ format!("{}{}", lang.pick("编码：", "Encoding: "), enc.name(lang)) }</p>
        },
        Source::Workbook { names, index, .. } if names.len() > 1 => {
            let on = Callback::from(move |e: Event| {
                let sel: HtmlSelectElement = e.target_unchecked_into();
                if let Ok(k) = sel.value().parse() {
                    on_sheet.emit(k);
                }
            });
            html! {
                <p id="import-source">
                    <label>{ lang.pick("工作表：", "Sheet: ") }
                        <select id="import-sheet" onchange={on}>
                            { for names.iter().enumerate().map(|(k, n)| html! {
                                <option value={k.to_string()} selected={k == *index}>{ n.clone() }</option>
                            }) }
                        </select>
                    </label>
                    { match lang {
                        Lang::Zh => format!("（共 {} 个工作表）", names.len()),
                        Lang::En => format!(" ({} sheets)", names.len()),
                    } }
                </p>
            }
        }
        Source::Workbook { names, index, .. } => html! {
            <p id="import-source" class="muted">{ format!("{}{}", lang.pick("工作表：", "Sheet: "),
                names.get(*index).cloned().unwrap_or_default()) }</p>
        },
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
            yew::platform::spawn_local(open_file(f, pending.clone(), said.clone(), lang));
        })
    };
    let on_sheet = {
        let (pending, said) = (pending.clone(), said.clone());
        Callback::from(move |k: usize| {
            if let Some(Pending {
                name,
                source: Source::Workbook { bytes, .. },
                ..
            }) = (*pending).clone()
            {
                yew::platform::spawn_local(open_sheet(
                    name,
                    bytes,
                    k,
                    pending.clone(),
                    said.clone(),
                    lang,
                ));
            }
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
                    { source_line(pd, on_sheet.clone(), lang) }
                    if !pd.notes.is_empty() {
                        <ul class="grid-problems" id="import-notes">
                            { for pd.notes.iter().map(|(zh, en)| html! { <li>{ lang.pick(zh, en).to_string() }</li> }) }
                        </ul>
                    }
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
                    "导入事件日志（Excel .xlsx 或 CSV/TSV，如服务台导出的工单）",
                    "Import an incident log (Excel .xlsx or CSV/TSV, e.g. a help-desk export)") }</span>
                <input type="file" id="incident-import" accept=".xlsx,.xlsm,.csv,.tsv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onchange={on_file} />
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
