//! The host of an embedded page: the `lvyue-embed/1` protocol's effects (docs/embedding.md).
//!
//! `ui::embed` parses the URL and the messages (pure); this hook holds the listener, turns
//! requests into reducer actions and posts the answers after the render that follows. Nothing
//! here runs when the page is not embedded (no `origins` in the URL).

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

/// The problems to report beside the report: those of a file that failed to load, or why the
/// loaded contract gives no report (`eval.overflow`, at its clause).
fn problems_of(state: &AppState) -> Value {
    if let Some(f) = &state.failure {
        return json!(f.problems);
    }
    match (&state.eval_error, state.contract()) {
        (Some(e), Some(c)) => json!([e.problem(c)]),
        _ => json!([]),
    }
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
    let embedded = url.embedded();
    if embedded {
        session.borrow_mut().state = Some(Rc::new((**state).clone()));
    }

    // The listener, once: requests from the parent window, of an allowed origin, go to the
    // reducer; the answer is posted after the render that follows (below).
    {
        let session = session.clone();
        let url = url.clone();
        let tick = tick.clone();
        use_effect_with((), move |_| {
            if url.embedded() {
                let origins = url.origins.clone();
                let base = url.mode;
                embed::listen(move |origin, source, data| {
                    let from_parent = embed::from_parent(&source);
                    let Some(req) = embed::parse_request(&origin, from_parent, &data, &origins)
                    else {
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
                    // A reading the contract's clause does not have is an error listing those
                    // it has; nothing is applied then (as for any bad setting).
                    if let (Request::Settings(h), Some(c)) =
                        (&req, current.as_ref().and_then(|s| s.ws.contract.as_ref()))
                    {
                        let wrong = crate::domain::validate::readings(c, &h.readings);
                        if !wrong.is_empty() {
                            let msg = embed::message("error", json!({ "problems": wrong }));
                            embed::post(&source, &origin, &msg);
                            return;
                        }
                    }
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
            // Standalone, there is no host to tell: no copy of the record to compare.
            if !embedded {
                return;
            }
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
