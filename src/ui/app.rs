//! The root component: the reducer, the effects, and the page's frame (header, load bar, tabs).
//!
//! Effects live here only: autosave of the workspace to localStorage after every change (a
//! refused save becomes a notice offering export), the document's language and title, the tab
//! in the URL's hash, and files dropped anywhere on the page.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::Lang;
use crate::ui::embed::{UrlSettings, ViewMode};
use crate::ui::export_bar::ExportBar;
use crate::ui::lang_switch::LangSwitch;
use crate::ui::load_bar::{read_files, LoadBar};
use crate::ui::store::{Action, AppState, Notice, Tab};
use crate::ui::tools_page::ToolsPage;
use crate::ui::views::{self, ViewProps};
use crate::ui::workspace::Workspace;
use crate::ui::{perf, storage};

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
    let state = use_reducer_eq(|| {
        // Embedded (an allow-list of hosts is given): the user's saved workspace is neither
        // read (a host could ask for its report) nor written (the host's data would replace it).
        let (mut ws, kept) = if embedded {
            (Default::default(), None)
        } else {
            let loaded = storage::load();
            (loaded.workspace, loaded.kept)
        };
        if let Some(lang) = url.lang {
            ws.lang = lang;
        }
        let mut state = AppState::new(ws, tab_from_hash(), today());
        state.notice = kept.map(Notice::KeptAside);
        state
    });
    let mode = use_state(|| url.mode);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| {
            perf::input();
            state.dispatch(a)
        })
    };

    // Autosave: after every change of the workspace (compared by identity: every change makes
    // a new one), in a task right after this render (see `storage::save_soon`); never when
    // embedded. Its outcome goes straight to the reducer, not through `dispatch`, which marks
    // an edit for the performance measurements.
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
        use_effect_with(Same(state.ws.clone()), move |ws| {
            if !embedded {
                storage::save_soon(ws.0.clone(), outcome);
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
    let title = state
        .contract()
        .map(|c| c.title.clone())
        .unwrap_or_else(|| lang.pick("未载入合同", "No contract loaded").to_string());
    let scenario = state.scenario().map(|s| s.name.clone()).unwrap_or_default();

    let tabs = Tab::ALL.iter().filter(|t| shown(**t)).map(|t| {
        let t = *t;
        let onclick = dispatch.reform(move |_: MouseEvent| Action::SetTab(t));
        let selected = t == tab;
        html! {
            <button type="button" role="tab" id={format!("tab-{}", t.id())}
                aria-selected={selected.to_string()} aria-controls="panel"
                class={classes!("tab", selected.then_some("is-active"))} {onclick}>
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
            data-ready="1" {ondragover} {ondrop}>
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
            <LoadBar ..props.clone() />
            <ExportBar ..props.clone() />
            <nav class="tabs" role="tablist" aria-label={lang.pick("页面", "Sections")}>{ for tabs }</nav>
            <main id="panel" role="tabpanel" aria-labelledby={format!("tab-{}", tab.id())} class="panel">
                { panel }
            </main>
            <footer class="bottom">
                <p>{ lang.pick("所有计算都在本机浏览器中完成，不上传任何数据。", "Everything is computed in this browser; nothing leaves your machine.") }</p>
                <p>{ lang.pick("履约 lvyue · 计算结果仅供参考，不构成法律意见。", "lvyue · Figures for reference; not legal advice.") }</p>
            </footer>
        </div>
        </ContextProvider<ViewMode>>
    }
}

/// The host of an embedded page: the `lvyue-embed/1` protocol's effects (docs/embedding.md).
mod host {
    use std::rc::Rc;

    use serde_json::{json, Value};
    use wasm_bindgen::JsValue;
    use yew::prelude::*;

    use crate::ui::embed::{self, Request, UrlSettings, ViewMode};
    use crate::ui::store::{Action, AppState};
    use crate::ui::workspace::Scenario;

    /// What a host asked that is answered after the next render.
    #[derive(Clone, Copy, PartialEq)]
    enum Reply {
        Report,
        Load,
    }

    #[derive(Default)]
    struct Session {
        /// The host that spoke last: its window and origin.
        host: Option<(JsValue, String)>,
        pending: Vec<Reply>,
        /// The contract and scenario last reported, to tell a change.
        last: Option<(Option<crate::domain::contract::Contract>, Option<Scenario>)>,
        /// The state as of the last render (the listener outlives renders).
        state: Option<Rc<AppState>>,
        /// Requests received, so that each one re-runs the answering effect.
        seq: u32,
    }

    fn report_of(state: &AppState) -> Value {
        state
            .report
            .as_ref()
            .and_then(|r| serde_json::to_value(&**r).ok())
            .unwrap_or(Value::Null)
    }

    fn problems_of(state: &AppState) -> Value {
        state
            .failure
            .as_ref()
            .map(|f| json!(f.problems))
            .unwrap_or_else(|| json!([]))
    }

    #[hook]
    pub fn use_host(
        url: &Rc<UrlSettings>,
        state: &UseReducerHandle<AppState>,
        dispatch: Callback<Action>,
        set_mode: UseStateSetter<ViewMode>,
    ) {
        let session = use_mut_ref(Session::default);
        let tick = use_state(|| 0u32);
        session.borrow_mut().state = Some(Rc::new((**state).clone()));

        // The listener, once: requests from allowed origins go to the reducer; the answer is
        // posted after the render that follows (below).
        {
            let session = session.clone();
            let url = url.clone();
            let tick = tick.clone();
            use_effect_with((), move |_| {
                if url.embedded() {
                    let origins = url.origins.clone();
                    let base = url.mode;
                    embed::listen(move |origin, source, data| {
                        let Some(req) = embed::parse_request(&origin, &data, &origins) else {
                            gloo::console::debug!("lvyue: message ignored from", origin);
                            return;
                        };
                        session.borrow_mut().host = Some((source.clone(), origin.clone()));
                        let req = match req {
                            Ok(r) => r,
                            Err(problems) => {
                                let msg = embed::message("error", json!({ "problems": problems }));
                                embed::post(&source, &origin, &msg);
                                return;
                            }
                        };
                        let current = session.borrow().state.clone();
                        let apply = |h: embed::HostSettings, events: Option<_>| {
                            if let Some(l) = h.lang {
                                dispatch.emit(Action::SetLang(l));
                            }
                            if h.readonly.is_some() || h.compact.is_some() {
                                set_mode.set(ViewMode {
                                    readonly: h.readonly.unwrap_or(base.readonly),
                                    compact: h.compact.unwrap_or(base.compact),
                                });
                            }
                            if let (Some(d), Some(mut e)) = (h.as_of, events) {
                                let e: &mut crate::domain::events::Events = &mut e;
                                e.as_of = d;
                                dispatch.emit(Action::SetEvents(e.clone()));
                            }
                            for (clause, reading) in h.readings {
                                dispatch.emit(Action::SetReading {
                                    clause,
                                    reading: Some(reading),
                                });
                            }
                        };
                        let reply = match req {
                            Request::Load {
                                contract,
                                events,
                                settings,
                            } => {
                                // An as_of given with the load is the record's.
                                let as_of = settings.as_ref().and_then(|h| h.as_of);
                                let events = match (as_of, serde_json::from_str::<Value>(&events)) {
                                    (Some(d), Ok(Value::Object(mut m))) => {
                                        m.insert("as_of".into(), json!(d));
                                        Value::Object(m).to_string()
                                    }
                                    _ => events,
                                };
                                dispatch.emit(Action::LoadPair {
                                    source: "host".into(),
                                    contract,
                                    events,
                                });
                                if let Some(h) = settings {
                                    apply(h, None);
                                }
                                Reply::Load
                            }
                            Request::Settings(h) => {
                                let ev = current
                                    .as_ref()
                                    .and_then(|s| s.scenario().map(|x| x.events.clone()));
                                apply(h, ev);
                                Reply::Report
                            }
                            Request::GetReport => Reply::Report,
                        };
                        let seq = {
                            let mut s = session.borrow_mut();
                            s.pending.push(reply);
                            s.seq += 1;
                            s.seq
                        };
                        tick.set(seq);
                    });
                    embed::ready(
                        &url.origins,
                        &embed::message("ready", json!({ "version": env!("CARGO_PKG_VERSION") })),
                    );
                }
            });
        }

        // After each render: answer pending requests, and say `changed` when the contract,
        // the record or a reading changed.
        {
            let session = session.clone();
            let st = (**state).clone();
            let key = (Rc::as_ptr(&state.ws) as usize, state.failure.clone(), *tick);
            use_effect_with(key, move |_| {
                let mut s = session.borrow_mut();
                let now = (st.ws.contract.clone(), st.ws.scenario().cloned());
                let changed = s.last.as_ref().is_some_and(|l| *l != now);
                s.last = Some(now);
                let Some((target, origin)) = s.host.clone() else {
                    s.pending.clear();
                    return;
                };
                let pending = std::mem::take(&mut s.pending);
                drop(s);
                for reply in pending {
                    let msg = if reply == Reply::Load && st.failure.is_some() {
                        let f = st
                            .failure
                            .as_ref()
                            .map(|f| (f.source.clone(), json!(f.problems)));
                        let (source, problems) = f.unwrap_or_default();
                        embed::message("error", json!({ "source": source, "problems": problems }))
                    } else {
                        embed::message(
                            "report",
                            json!({ "report": report_of(&st), "problems": problems_of(&st) }),
                        )
                    };
                    embed::post(&target, &origin, &msg);
                }
                if changed {
                    let events = st
                        .scenario()
                        .map(|x| json!(x.events))
                        .unwrap_or(Value::Null);
                    let msg = embed::message(
                        "changed",
                        json!({ "report": report_of(&st), "events": events,
                                "readings": st.scenario().map(|x| json!(x.readings)) }),
                    );
                    embed::post(&target, &origin, &msg);
                }
            });
        }
    }
}
