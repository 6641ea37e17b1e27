//! The root component: the reducer, the effects, and the page's frame (header, load bar, tabs).
//!
//! Effects live here only: autosave of the workspace to localStorage after every change (a
//! refused save becomes a notice offering export), the document's language and title, the tab
//! in the URL's hash, and files dropped anywhere on the page. What the page may do with the
//! saved work is decided once by `embed::saved_work`: framed by another site without the
//! embedding protocol, it is neither shown nor written until the user presses the held notice's
//! button.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::Lang;
use crate::ui::author_host::AuthorHost;
use crate::ui::embed::{self, SavedWork, UrlSettings, ViewMode};
use crate::ui::export_bar::ExportBar;
use crate::ui::host;
use crate::ui::lang_switch::LangSwitch;
use crate::ui::load_bar::{read_files, LoadBar};
use crate::ui::storage::KeptAside;
use crate::ui::store::{Action, AppState, Notice, Tab};
use crate::ui::tools_page::ToolsPage;
use crate::ui::views::{self, ViewProps};
use crate::ui::workspace::Workspace;
use crate::ui::{perf, storage};

/// The tab an arrow key, Home or End moves to from `at` among the `visible` tabs (wrapping).
fn tab_key(visible: &[Tab], at: Tab, key: &str) -> Option<Tab> {
    let n = visible.len();
    let i = visible.iter().position(|t| *t == at)?;
    let j = match key {
        "ArrowRight" | "ArrowDown" => (i + 1) % n,
        "ArrowLeft" | "ArrowUp" => (i + n - 1) % n,
        "Home" => 0,
        "End" => n.checked_sub(1)?,
        _ => return None,
    };
    visible.get(j).copied()
}

/// Moves the keyboard focus to a tab's button (it is drawn already; the selection follows).
fn focus_tab(t: Tab) {
    use wasm_bindgen::JsCast;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(&format!("tab-{}", t.id())))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        let _ = el.focus();
    }
}

fn tab_from_hash() -> Tab {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| Tab::from_id(h.trim_start_matches('#')))
        .unwrap_or(Tab::Summary)
}

/// Today in the user's time zone: the shell reads the clock, the domain never does.
fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// The URL's query, read once (`?lang=en&readonly=1&compact=1&origins=…`).
fn url_settings() -> UrlSettings {
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    UrlSettings::parse(&query)
}

/// The saved workspace (and what was kept aside), with the URL's language.
fn saved_workspace(url: &UrlSettings) -> (Workspace, Option<KeptAside>) {
    let loaded = storage::load();
    let mut ws = loaded.workspace;
    if let Some(lang) = url.lang {
        ws.lang = lang;
    }
    (ws, loaded.kept)
}

/// The workspace, compared by identity: the reducer makes a new one for every change, so
/// comparing 2,000 incidents field by field after every render is not needed. Holding the `Rc`
/// keeps its address from being reused by a later workspace.
struct Same(Rc<Workspace>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let url = use_memo((), |_| url_settings());
    let embedded = url.embedded();
    let framing = use_memo((), |_| embed::framing());
    let confirmed = use_state(|| false);
    let saved = embed::saved_work(&url, *framing, *confirmed);
    let state = use_reducer_eq(|| {
        // Embedded (an allow-list of hosts is given): the user's saved workspace is neither
        // read (a host could ask for its report) nor written (the host's data would replace it).
        // Framed by another site without the protocol: not read until the user asks.
        let (ws, kept) = if saved == SavedWork::Use {
            saved_workspace(&url)
        } else {
            let mut ws = Workspace::default();
            if let Some(lang) = url.lang {
                ws.lang = lang;
            }
            (ws, None)
        };
        let mut state = AppState::new(ws, tab_from_hash(), today());
        state.notice = kept.map(Notice::KeptAside);
        state
    });
    let mode = use_state(|| url.mode);
    // The workspace the page started with: empty while the default example is being fetched.
    let initial = use_memo((), |_| state.ws.clone());
    // Ready (`data-ready`) once the default example is open or could not be fetched, or the
    // page started with work of its own.
    let starting =
        state.ws.contract.is_none() && Rc::ptr_eq(&state.ws, &initial) && state.failure.is_none();
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| {
            perf::input();
            state.dispatch(a)
        })
    };

    // Autosave: after every change of the workspace (compared by identity: every change makes
    // a new one), in a task right after this render (see `storage::save_soon`); never when
    // embedded, nor while the saved work is held (it would be written over). Its outcome goes
    // straight to the reducer, not through `dispatch`, which marks an edit for the performance
    // measurements.
    {
        let outcome = {
            let raw = state.dispatcher();
            Callback::from(move |o: storage::SaveOutcome| {
                raw.dispatch(match o {
                    storage::SaveOutcome::Saved => Action::StorageSaved,
                    // Nothing saved: the reducer keeps the notice of the unreadable save if it
                    // is still shown (it says so already), and shows the one offering export if
                    // it was dismissed.
                    storage::SaveOutcome::Refused | storage::SaveOutcome::Held => {
                        Action::StorageFailed
                    }
                    storage::SaveOutcome::KeptAsideThenSaved(key) => Action::KeptAsideNow(key),
                })
            })
        };
        // The empty workspace the page starts with while the default example is fetched is
        // not saved: it is not the user's work, and the example replaces it in a moment.
        let initial = initial.clone();
        use_effect_with(Same(state.ws.clone()), move |ws| {
            let waiting = ws.0.contract.is_none() && Rc::ptr_eq(&ws.0, &initial);
            if saved == SavedWork::Use && !waiting {
                storage::save_soon(ws.0.clone(), outcome);
            }
        });
    }
    // A page that starts with no contract opens the default example, fetched (`ui::examples`).
    {
        let (raw, empty) = (state.dispatcher(), state.ws.contract.is_none());
        use_effect_with((), move |_| {
            if empty {
                let id = crate::ui::examples::EXAMPLES[0].id.to_string();
                crate::ui::example_fetch::open(id, Callback::from(move |a| raw.dispatch(a)), true);
            }
        });
    }
    host::use_host(&url, &state, dispatch.clone(), mode.setter());
    // The performance marks of an edit and of the first report (`ui::perf`).
    {
        let report = state.report.is_some();
        use_effect(move || perf::rendered(report));
    }
    // The document's language and title follow the workspace's language.
    use_effect_with(state.lang(), |lang| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.html_tag());
        }
        gloo::utils::document()
            .set_title(lang.pick("履约 lvyue · 合同履约计算", "lvyue · contract calculator"));
    });
    // The tab is in the URL's hash, so a link (or the back button) opens it.
    use_effect_with(state.tab, |tab| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(tab.id());
        }
    });

    let lang: Lang = state.lang();
    let onswitch = dispatch.reform(Action::SetLang);
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let unexported = state.ws.unexported;
    let view = *mode;
    let ondrop = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if view.readonly {
                return;
            }
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                read_files(files, dispatch.clone(), unexported, lang);
            }
        })
    };
    let props = ViewProps {
        state: Rc::new((*state).clone()),
        dispatch: dispatch.clone(),
    };
    // Read-only hides the editors (record, scenarios); compact drops the tools.
    let shown = |t: Tab| {
        !(view.readonly && matches!(t, Tab::Record | Tab::Scenarios)
            || view.compact && t == Tab::Tools)
    };
    let tab = if shown(state.tab) {
        state.tab
    } else {
        Tab::Summary
    };
    // In English the contract's English title first, its own (Chinese) title beside it.
    let title = state
        .contract()
        .map(|c| match (lang, &c.title_en) {
            (Lang::En, Some(en)) => format!("{en} · {}", c.title),
            _ => c.title.clone(),
        })
        .unwrap_or_else(|| lang.pick("未载入合同", "No contract loaded").to_string());
    let scenario = state
        .scenario()
        .map(|s| s.shown_name(lang))
        .unwrap_or_default();

    // The held notice's button: the saved work, read now, replaces the example.
    let held = (saved == SavedWork::Held).then(|| {
        let confirmed = confirmed.clone();
        let raw = state.dispatcher();
        let url = url.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let (workspace, kept) = saved_workspace(&url);
            confirmed.set(true);
            raw.dispatch(Action::RestoreSaved {
                workspace: Box::new(workspace),
                kept,
            });
        });
        let here = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        let words = embed::held_notice(lang);
        html! {
            <div class="notice notice-held" role="alert" id="held-notice">
                <span>{ words.text }</span>
                <button type="button" id="held-show" {onclick}>{ words.button }</button>
                <a id="held-open" href={here} target="_blank" rel="noopener noreferrer">{ words.open }</a>
            </div>
        }
    });

    let visible: Vec<Tab> = Tab::ALL.iter().copied().filter(|t| shown(*t)).collect();
    let onkeydown = {
        let (d, visible) = (dispatch.clone(), visible.clone());
        Callback::from(move |e: KeyboardEvent| {
            if let Some(next) = tab_key(&visible, tab, &e.key()) {
                e.prevent_default();
                focus_tab(next);
                d.emit(Action::SetTab(next));
            }
        })
    };
    let tabs = visible.iter().map(|t| {
        let t = *t;
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetTab(t));
        let selected = t == tab;
        // Roving tabindex (the ARIA tabs pattern): only the selected tab is in the Tab order;
        // the arrow keys, Home and End move between tabs.
        html! {
            <button type="button" role="tab" id={format!("tab-{}", t.id())}
                aria-selected={selected.to_string()} aria-controls="panel"
                tabindex={if selected { "0" } else { "-1" }}
                class={classes!("tab", selected.then_some("is-active"))} {onclick}
                onkeydown={onkeydown.clone()}>
                { t.name(lang) }
            </button>
        }
    });
    let panel = match tab {
        Tab::Summary => html! { <views::summary::View ..props.clone() /> },
        Tab::Contract => html! { <views::contract::View ..props.clone() /> },
        Tab::Record => html! { <views::record::View ..props.clone() /> },
        Tab::Penalties => html! { <views::penalties::View ..props.clone() /> },
        Tab::Payments => html! { <views::payments::View ..props.clone() /> },
        Tab::Sla => html! { <views::sla::View ..props.clone() /> },
        Tab::Checklist => html! { <views::checklist::View ..props.clone() /> },
        Tab::Findings => html! { <views::findings::View ..props.clone() /> },
        Tab::Charts => html! { <views::charts::View ..props.clone() /> },
        Tab::Scenarios => html! { <views::scenarios::View ..props.clone() /> },
        Tab::Statement => html! { <views::statement::View ..props.clone() /> },
        Tab::Tools => {
            let onchange = dispatch.reform(Action::SetTools);
            html! { <ToolsPage {lang} inputs={state.ws.tools.clone()} {onchange} /> }
        }
    };

    html! {
        <ContextProvider<ViewMode> context={view}>
        <div class={classes!("app", view.compact.then_some("is-compact"), view.readonly.then_some("is-readonly"), embedded.then_some("is-embedded"))}
            data-ready={if starting { "0" } else { "1" }} {ondragover} {ondrop}>
            <header class="top">
                <div class="brand">
                    <h1>{ "履约" }<span class="brand-latin">{ " lvyue" }</span></h1>
                    <p class="tagline" id="contract-title">{ title }
                        if !scenario.is_empty() { <span class="scenario-name">{ format!(" · {scenario}") }</span> }
                    </p>
                </div>
                <LangSwitch {lang} {onswitch} />
            </header>
            if let Some(text) = url.notice(lang) {
                <div class="notice" role="status" id="url-notice"><span>{ text }</span></div>
            }
            { for held }
            <LoadBar ..props.clone() />
            <ExportBar ..props.clone() />
            if let Some(open) = state.author.clone() {
                <AuthorHost {open} dispatch={dispatch.clone()} {lang} />
            } else {
            <nav class="tabs" role="tablist" aria-label={lang.pick("页面", "Sections")}>{ for tabs }</nav>
            <main id="panel" role="tabpanel" aria-labelledby={format!("tab-{}", tab.id())} class="panel">
                { panel }
            </main>
            }
            <footer class="bottom">
                <p>{ lang.pick("所有计算都在本机浏览器中完成，不上传任何数据。", "Everything is computed in this browser; nothing leaves your machine.") }</p>
                <p>{ lang.pick("履约 lvyue · 计算结果仅供参考，不构成法律意见。", "lvyue · Figures for reference; not legal advice.") }</p>
            </footer>
        </div>
        </ContextProvider<ViewMode>>
    }
}
