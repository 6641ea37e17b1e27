//! Loading and keeping work: the built-in examples, a file picker, drag and drop anywhere on the
//! page, pasted text, export and import of the workspace, and starting over. A contract
//! document (a `.docx`, a `.txt`, pasted prose) and "New contract" / "Edit contract" open the
//! authoring view instead (`ui::author_host`): a document is never reported as a JSON error. A file that fails
//! to load shows every problem (path, line, column) while the current work stays as it was.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::domain::document::sniff;
use crate::domain::Lang;
use crate::ui::author_host;
use crate::ui::examples::EXAMPLES;
use crate::ui::store::{Action, Notice};
use crate::ui::views::ViewProps;

/// Whether loading `text` would replace the whole workspace (a contract or a workspace file,
/// as opposed to a record of events).
pub fn replaces_work(text: &str) -> bool {
    let format = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{feff}'))
        .ok()
        .and_then(|v| v.get("format").and_then(|f| f.as_str()).map(str::to_string));
    !format
        .as_deref()
        .is_some_and(crate::domain::migrate::is_events_tag)
}

/// Asks before work with unexported edits is replaced; true when it may go ahead.
pub fn may_replace(unexported: bool, lang: Lang) -> bool {
    !unexported
        || gloo::dialogs::confirm(lang.pick(
            "当前工作有未导出的修改，载入后将被替换。继续吗？（可先“导出工作区”保存）",
            "Your work has changes that were not exported and will be replaced. Go on? (Export the workspace first to keep it.)",
        ))
}

/// The size of a file beyond the size limit, checked before it is read (a 2 GB file is not read
/// into the page's memory to be refused): `domain::limits`.
fn too_large(f: &gloo::file::File) -> Option<usize> {
    let size = usize::try_from(f.size()).unwrap_or(usize::MAX);
    (size > crate::domain::limits::MAX_FILE_BYTES).then_some(size)
}

/// Reads the chosen files as text and hands each to the reducer (contracts before records),
/// asking first when a file would replace work with unexported edits.
pub fn read_files(
    files: web_sys::FileList,
    dispatch: Callback<Action>,
    unexported: bool,
    lang: Lang,
) {
    let mut list: Vec<gloo::file::File> = (0..files.length())
        .filter_map(|i| files.get(i))
        .map(gloo::file::File::from)
        .collect();
    // A contract must be in place before its record: read contracts first.
    crate::domain::order::sort_by_key(&mut list, |f| f.name().contains(".events."));
    wasm_bindgen_futures::spawn_local(async move {
        for f in list {
            let name = f.name();
            if let Some(size) = too_large(&f) {
                dispatch.emit(Action::TooLarge { source: name, size });
                continue;
            }
            match gloo::file::futures::read_as_bytes(&f).await {
                Ok(bytes) if author_host::is_document_file(&name, &bytes) => {
                    author_host::open_document(name, bytes, dispatch.clone(), lang).await
                }
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    if sniff::is_document_text(&text) {
                        author_host::draft_and_open(name, text, dispatch.clone(), lang).await;
                        continue;
                    }
                    if replaces_work(&text) && !may_replace(unexported, lang) {
                        continue;
                    }
                    dispatch.emit(Action::LoadText { source: name, text })
                }
                Err(e) => dispatch.emit(Action::ReadFailed {
                    source: name,
                    message: e.to_string(),
                }),
            }
        }
    });
}

#[function_component(LoadBar)]
pub fn load_bar(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let paste_open = use_state(|| false);
    let paste_text = use_state(String::new);
    let dispatch = props.dispatch.clone();
    let unexported = props.state.ws.unexported;
    // Read-only (embedding, `?readonly=1`): only export stays.
    let readonly = use_context::<crate::ui::embed::ViewMode>().is_some_and(|m| m.readonly);

    // The picker shows the example that is open (by the contract's id), or its prompt.
    let open_example: String = props
        .state
        .ws
        .contract
        .as_ref()
        .map(|c| c.id.as_str())
        .filter(|id| EXAMPLES.iter().any(|e| e.id == *id))
        .unwrap_or_default()
        .to_string();
    let picker = use_node_ref();
    {
        let (picker, open) = (picker.clone(), open_example.clone());
        use_effect_with(open, move |open| {
            if let Some(s) = picker.cast::<HtmlSelectElement>() {
                s.set_value(open);
            }
        });
    }
    let onexample = {
        let d = dispatch.clone();
        let open = open_example.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let v = s.value();
            if !v.is_empty() && v != open && may_replace(unexported, lang) {
                crate::ui::example_fetch::open(v, d.clone(), false);
            } else {
                s.set_value(&open);
            }
        })
    };
    let onfiles = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                read_files(files, d.clone(), unexported, lang);
            }
            input.set_value("");
        })
    };
    let onexport = {
        let ws = props.state.ws.clone();
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            download("lvyue-workspace.json", &ws.export_json());
            d.emit(Action::Exported);
        })
    };
    let onimport = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(f) = input
                .files()
                .and_then(|l| l.get(0))
                .filter(|_| may_replace(unexported, lang))
            {
                let f = gloo::file::File::from(f);
                let d = d.clone();
                if let Some(size) = too_large(&f) {
                    d.emit(Action::TooLarge {
                        source: f.name(),
                        size,
                    });
                    input.set_value("");
                    return;
                }
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(text) = gloo::file::futures::read_as_text(&f).await {
                        d.emit(Action::Import {
                            source: f.name(),
                            text,
                        });
                    }
                });
            }
            input.set_value("");
        })
    };
    let onclear = {
        let d = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let ok = gloo::dialogs::confirm(lang.pick(
                "清空当前工作？未导出的内容将丢失。",
                "Clear the current work? Anything not exported is lost.",
            ));
            if ok {
                d.emit(Action::Clear);
            }
        })
    };
    let ontoggle = {
        let open = paste_open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onpastetext = {
        let t = paste_text.clone();
        Callback::from(move |e: InputEvent| {
            let ta: HtmlTextAreaElement = e.target_unchecked_into();
            t.set(ta.value());
        })
    };
    let onpasteload = {
        let d = dispatch.clone();
        let t = paste_text.clone();
        let open = paste_open.clone();
        Callback::from(move |_: MouseEvent| {
            let source: String = lang.pick("粘贴的文本", "pasted text").into();
            let text = (*t).clone();
            if sniff::is_document_text(&text) {
                let d = d.clone();
                wasm_bindgen_futures::spawn_local(author_host::draft_and_open(
                    source, text, d, lang,
                ));
            } else {
                d.emit(Action::LoadText { source, text });
            }
            open.set(false);
        })
    };
    // A blank contract, or the current one, in the authoring view.
    let onnew = dispatch.reform(move |_: MouseEvent| Action::OpenAuthor {
        input: author_host::edit_input(lang, None, None),
        edited: false,
    });
    let onedit = {
        let s = props.state.clone();
        dispatch.reform(move |_: MouseEvent| Action::OpenAuthor {
            input: author_host::edit_input(lang, s.contract(), s.scenario().map(|x| &x.events)),
            edited: true,
        })
    };
    let has_contract = props.state.contract().is_some();

    let failure = props.state.failure.as_ref().map(|f| {
        let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissFailure);
        html! {
            <div class="load-failure" role="alert" id="load-failure">
                <p><strong>{ match lang {
                    Lang::Zh => format!("无法载入“{}”，当前工作未受影响：", f.source),
                    Lang::En => format!("Could not load \"{}\"; your work is unchanged:", f.source),
                } }</strong></p>
                <ul>
                    { for f.problems.iter().map(|p| html! {
                        <li>
                            if p.line > 0 {
                                <span class="problem-place">{ format!("{}{}", crate::domain::load::place_text(p, lang), lang.pick("：", ": ")) }</span>
                            }
                            if !p.path.is_empty() { <code>{ p.path.clone() }</code>{ " " } }
                            { lang.pick(p.zh.clone(), p.en.clone()) }</li>
                    }) }
                </ul>
                <button type="button" onclick={dismiss}>{ lang.pick("知道了", "Dismiss") }</button>
            </div>
        }
    });
    let notice = props.state.notice.as_ref().map(|n| {
        let dismiss = dispatch.reform(|_: MouseEvent| Action::DismissNotice);
        let text = match n {
            Notice::StorageFailed => lang
                .pick(
                    "浏览器拒绝保存（存储空间已满或被禁用）。请导出工作区以免丢失。",
                    "The browser refused to save (storage full or blocked). Export the workspace to keep your work.",
                )
                .to_string(),
            Notice::Loaded(s) => match lang {
                Lang::Zh => format!("已载入“{s}”"),
                Lang::En => format!("Loaded \"{s}\""),
            },
            Notice::Migrated { source, from } => match lang {
                Lang::Zh => format!(
                    "已载入“{source}”：它是旧版格式“{from}”，已迁移为当前版本（数值不变），保存与导出时写为当前版本。"
                ),
                Lang::En => format!(
                    "Loaded \"{source}\": it is in the earlier format \"{from}\" and was migrated to the current version (the figures are the same); it is saved and exported in the current version."
                ),
            },
            Notice::Authored { source, edited } => match (lang, edited) {
                (Lang::Zh, false) => format!("已载入由文本起草的合同（{source}）"),
                (Lang::Zh, true) => format!("已载入编辑后的合同（{source}）"),
                (Lang::En, false) => format!("Loaded the contract drafted from the text ({source})"),
                (Lang::En, true) => format!("Loaded the edited contract ({source})"),
            },
            Notice::KeptAside(k) if k.held => match lang {
                Lang::Zh => format!(
                    "上次保存的工作区无法读取（{}），且存储空间已满、无法另存备份：它原样保留，新的修改暂不自动保存。请下载它，并导出当前工作区。",
                    k.reason.zh
                ),
                Lang::En => format!(
                    "The saved workspace cannot be read ({}) and storage is too full to copy it aside: it is left as it was and new edits are not saved for now. Download it, and export the current workspace.",
                    k.reason.en
                ),
            },
            Notice::KeptAside(k) => match lang {
                Lang::Zh => format!(
                    "上次保存的工作区无法读取（{}）。它已原样保留在本机（{}），可下载后用新版 lvyue 打开或修复。",
                    k.reason.zh, k.key
                ),
                Lang::En => format!(
                    "The saved workspace cannot be read ({}). It is kept as it was on this machine ({}); download it to open it in a newer lvyue or repair it.",
                    k.reason.en, k.key
                ),
            },
        };
        let keep = match n {
            Notice::KeptAside(k) => {
                let key = k.key.clone();
                let onclick = Callback::from(move |_: MouseEvent| {
                    if let Some(text) = crate::ui::storage::stored_text(&key) {
                        download("lvyue-workspace-unreadable.json", &text);
                    }
                });
                html! { <button type="button" id="download-kept" {onclick}>
                    { lang.pick("下载无法读取的保存", "Download the unreadable save") }</button> }
            }
            _ => html! {},
        };
        html! { <div class="notice" role="status" id="notice"><span>{ text }</span>{ keep }
            <button type="button" onclick={dismiss}>{ "×" }</button></div> }
    });

    html! {
        <div class="load-bar">
            if readonly {
                <div class="load-actions">
                    <button type="button" id="export-button" onclick={onexport}>{ lang.pick("导出工作区", "Export workspace") }</button>
                </div>
            } else {
            <div class="load-actions">
                <label class="field inline" for="example-select">
                    <span class="field-label">{ lang.pick("示例合同", "Examples") }</span>
                    <select id="example-select" onchange={onexample} ref={picker}>
                        <option value="" selected={open_example.is_empty()}>{ lang.pick("选择示例…", "Open an example…") }</option>
                        { for EXAMPLES.iter().map(|e| html! {
                            <option value={e.id} selected={e.id == open_example}>{ lang.pick(e.title_zh, e.title_en) }</option>
                        }) }
                    </select>
                </label>
                <label class="button" for="file-input">{ lang.pick("打开文件…", "Open files…") }
                    <input id="file-input" type="file" accept=".json,.txt,.docx,application/json,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document" multiple=true onchange={onfiles} class="visually-hidden" />
                </label>
                <button type="button" id="author-new" onclick={onnew}>{ lang.pick("新建合同", "New contract") }</button>
                if has_contract {
                    <button type="button" id="author-edit" onclick={onedit}>{ lang.pick("编辑合同", "Edit contract") }</button>
                }
                <button type="button" id="paste-toggle" onclick={ontoggle} aria-expanded={(*paste_open).to_string()}>
                    { lang.pick("粘贴…", "Paste…") }</button>
                <button type="button" id="export-button" onclick={onexport}>{ lang.pick("导出工作区", "Export workspace") }</button>
                <label class="button" for="import-input">{ lang.pick("导入工作区…", "Import workspace…") }
                    <input id="import-input" type="file" accept=".json,application/json" onchange={onimport} class="visually-hidden" />
                </label>
                <button type="button" id="clear-button" onclick={onclear}>{ lang.pick("清空", "Clear") }</button>
            </div>
            }
            if *paste_open && !readonly {
                <div class="paste-box">
                    <label for="paste-text">{ lang.pick("粘贴合同文本（将起草为合同），或合同、履约记录、工作区的 JSON：", "Paste a contract's text (to draft it), or a contract, a record or a workspace (JSON):") }</label>
                    <textarea id="paste-text" rows="6" value={(*paste_text).clone()} oninput={onpastetext} />
                    <button type="button" id="paste-load" onclick={onpasteload}>{ lang.pick("载入", "Load") }</button>
                </div>
            }
            { for failure }
            { for notice }
        </div>
    }
}

/// Offers `text` as a file download (a blob URL; nothing leaves the machine).
pub fn download(name: &str, text: &str) {
    crate::ui::export_bar::download_bytes(name, text.as_bytes(), "application/json");
}
