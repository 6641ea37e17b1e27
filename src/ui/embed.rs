//! Embedding: the page's URL parameters and the `lvyue-embed/1` postMessage protocol
//! (`docs/embedding.md`).
//!
//! The parsing is pure and tested natively: [`UrlSettings::parse`] reads the query once
//! (`lang`, `readonly`, `compact`, `origins`), and [`parse_request`] turns a message into a
//! [`Request`] — or ignores it when it does not come from the parent window, its origin is not on
//! the allow-list or it lacks the protocol field. [`saved_work`] decides what the page does with
//! the work saved in this browser, from the URL and where the page is shown ([`Framing`]): a page
//! framed by another site without the protocol (clickjacking, where the server cannot send
//! `frame-ancestors`, and always for the single file) shows it only once the user asks
//! ([`held_notice`]). The effects (the window's `message` listener, `postMessage`, finding the
//! frame's ancestors) are in [`listen`], [`post`], [`from_parent`] and [`framing`], called by the
//! app shell only; every state change goes through the reducer.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::domain::calendar;
use crate::domain::load::Problem;
use crate::domain::Lang;

/// The protocol's version tag, in every message both ways.
pub const PROTOCOL: &str = "lvyue-embed/1";

/// How the page is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewMode {
    /// No edits: no load bar actions but export, no record editors, no scenario edits.
    pub readonly: bool,
    /// A denser layout for a narrow frame: smaller header, no tools tab, tighter tables.
    pub compact: bool,
}

/// The URL's parameters, read once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlSettings {
    pub lang: Option<Lang>,
    pub mode: ViewMode,
    /// Exact origins allowed to send messages; empty: messages are never accepted.
    pub origins: Vec<String>,
    /// `key=value` pairs ignored because the value is not understood (shown as a notice).
    pub ignored: Vec<String>,
}

impl UrlSettings {
    /// Reads a query string (`?lang=en&readonly=1&origins=https://a.example,https://b.example`).
    /// Unknown values are ignored and listed in `ignored`; unknown keys are left alone.
    pub fn parse(query: &str) -> UrlSettings {
        let mut s = UrlSettings::default();
        for pair in query.trim_start_matches('?').split('&') {
            if pair.is_empty() {
                continue;
            }
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (k, v) = (decode(k), decode(v));
            let flag = |v: &str| match v {
                "1" | "true" | "yes" | "" => Some(true),
                "0" | "false" | "no" => Some(false),
                _ => None,
            };
            let ok = match k.as_str() {
                "lang" => Lang::parse(&v).map(|l| s.lang = Some(l)).is_some(),
                "readonly" => flag(&v).map(|b| s.mode.readonly = b).is_some(),
                "compact" => flag(&v).map(|b| s.mode.compact = b).is_some(),
                "origins" => {
                    let mut all = true;
                    for o in v.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                        match normalize_origin(o) {
                            Some(o) if !s.origins.contains(&o) => s.origins.push(o),
                            Some(_) => {}
                            None => {
                                all = false;
                                s.ignored.push(format!("origins={o}"));
                            }
                        }
                    }
                    all
                }
                _ => true,
            };
            if !ok && k != "origins" {
                s.ignored.push(format!("{k}={v}"));
            }
        }
        s
    }

    /// Whether a host may talk to the page (an allow-list was given).
    pub fn embedded(&self) -> bool {
        !self.origins.is_empty()
    }

    /// The notice for ignored parameters, in `lang` (None when nothing was ignored).
    pub fn notice(&self, lang: Lang) -> Option<String> {
        if self.ignored.is_empty() {
            return None;
        }
        let list = self.ignored.join(", ");
        Some(match lang {
            Lang::Zh => format!("已忽略无法识别的网址参数：{list}"),
            Lang::En => format!("Ignored URL parameters that were not understood: {list}"),
        })
    }
}

/// An origin as the browser writes it (`scheme://host[:port]`, no path), or None.
pub fn normalize_origin(o: &str) -> Option<String> {
    let (scheme, rest) = o.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https") {
        return None;
    }
    let host = rest.strip_suffix('/').unwrap_or(rest);
    let bad = |c: char| matches!(c, '/' | '?' | '#' | '@' | '*') || c.is_whitespace();
    if host.is_empty() || host.contains(bad) {
        return None;
    }
    if let Some((_, port)) = host.rsplit_once(':').filter(|_| !host.ends_with(']')) {
        if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    Some(format!("{scheme}://{}", host.to_ascii_lowercase()))
}

/// `%XX` and `+` decoded (invalid escapes are kept as they are).
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = |c: u8| (c as char).to_digit(16);
                match (hex(b[i + 1]), hex(b[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Settings a host may send (`settings`, or with `load`); each is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostSettings {
    pub lang: Option<Lang>,
    pub readonly: Option<bool>,
    pub compact: Option<bool>,
    pub as_of: Option<chrono::NaiveDate>,
    pub readings: BTreeMap<String, String>,
}

/// A host's request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// A contract and its record (as JSON text), then optional settings.
    Load {
        contract: String,
        events: String,
        settings: Option<HostSettings>,
    },
    Settings(HostSettings),
    GetReport,
}

fn bad(code: &str, path: &str, zh: String, en: String) -> Problem {
    Problem::error(code, path, zh, en)
}

/// A document given as JSON text or as an object: its text.
fn text_of(v: Option<&Value>, name: &str) -> Result<String, Vec<Problem>> {
    match v {
        Some(Value::String(s)) => Ok(s.clone()),
        Some(v @ Value::Object(_)) => Ok(serde_json::to_string_pretty(v).unwrap_or_default()),
        _ => Err(vec![bad(
            "embed.missing",
            name,
            format!("load 消息缺少 {name}（JSON 文本或对象）"),
            format!("a load message needs {name} (JSON text or an object)"),
        )]),
    }
}

fn settings_of(v: &Value, at: &str) -> Result<HostSettings, Vec<Problem>> {
    let mut s = HostSettings::default();
    let Value::Object(map) = v else {
        return Err(vec![bad(
            "embed.settings",
            at,
            "settings 应为对象".into(),
            "settings must be an object".into(),
        )]);
    };
    let mut problems = Vec::new();
    for (k, v) in map {
        let path = format!("{at}.{k}");
        let flag = v.as_bool();
        match k.as_str() {
            "lang" => match v.as_str().and_then(Lang::parse) {
                Some(l) => s.lang = Some(l),
                None => problems.push(bad(
                    "embed.lang",
                    &path,
                    format!("不支持的语言 {v}：可选 \"zh\" 或 \"en\""),
                    format!("unsupported language {v}: use \"zh\" or \"en\""),
                )),
            },
            "readonly" | "compact" => match flag {
                Some(b) if k == "readonly" => s.readonly = Some(b),
                Some(b) => s.compact = Some(b),
                None => problems.push(bad(
                    "embed.flag",
                    &path,
                    format!("{k} 应为 true 或 false，却是 {v}"),
                    format!("{k} must be true or false, not {v}"),
                )),
            },
            "as_of" => match v.as_str().map(calendar::parse_date) {
                Some(Ok(d)) => s.as_of = Some(d),
                _ => problems.push(bad(
                    "embed.as-of",
                    &path,
                    format!("as_of 应为 YYYY-MM-DD 日期，却是 {v}"),
                    format!("as_of must be a YYYY-MM-DD date, not {v}"),
                )),
            },
            "readings" => match v.as_object() {
                Some(r) => {
                    for (c, x) in r {
                        match x.as_str() {
                            Some(x) if !x.is_empty() => {
                                s.readings.insert(c.clone(), x.to_string());
                            }
                            _ => problems.push(bad(
                                "embed.reading",
                                &format!("{path}.{c}"),
                                format!("条款“{c}”的解读应为字符串"),
                                format!("the reading of clause \"{c}\" must be a string"),
                            )),
                        }
                    }
                }
                None => problems.push(bad(
                    "embed.readings",
                    &path,
                    "readings 应为对象 {条款: 解读}".into(),
                    "readings must be an object {clause: reading}".into(),
                )),
            },
            _ => problems.push(bad(
                "field.unknown",
                &path,
                format!("未知设置“{k}”：可用 lang、readonly、compact、as_of、readings"),
                format!("unknown setting \"{k}\": use lang, readonly, compact, as_of, readings"),
            )),
        }
    }
    if problems.is_empty() {
        Ok(s)
    } else {
        Err(problems)
    }
}

/// A message from `origin`: None when it is to be ignored (it does not come from the parent
/// window — `event.source === window.parent` is `from_parent` —, the origin is not on
/// `allowed`, or the message has no `protocol: "lvyue-embed/1"`), else the request or what is
/// wrong with it. A window of an allowed origin that is not the parent (a sibling frame, a popup,
/// a frame inside the app) is not the host, whatever its origin.
pub fn parse_request(
    origin: &str,
    from_parent: bool,
    data: &Value,
    allowed: &[String],
) -> Option<Result<Request, Vec<Problem>>> {
    if !from_parent || !allowed.iter().any(|a| a == origin) || data.get("protocol")? != PROTOCOL {
        return None;
    }
    let ty = data.get("type").and_then(Value::as_str).unwrap_or("");
    Some(match ty {
        "load" => {
            let contract = text_of(data.get("contract"), "contract");
            let events = text_of(data.get("events"), "events");
            let settings = match data.get("settings") {
                None | Some(Value::Null) => Ok(None),
                Some(v) => settings_of(v, "settings").map(Some),
            };
            match (contract, events, settings) {
                (Ok(contract), Ok(events), Ok(settings)) => Ok(Request::Load {
                    contract,
                    events,
                    settings,
                }),
                (c, e, s) => Err(c
                    .err()
                    .into_iter()
                    .chain(e.err())
                    .chain(s.err())
                    .flatten()
                    .collect()),
            }
        }
        "settings" => {
            let v = data.get("settings").unwrap_or(data);
            let mut v = v.clone();
            if let Value::Object(m) = &mut v {
                m.remove("protocol");
                m.remove("type");
            }
            settings_of(&v, "settings").map(Request::Settings)
        }
        "get-report" => Ok(Request::GetReport),
        other => Err(vec![bad(
            "embed.type",
            "type",
            format!("未知消息类型“{other}”：可用 load、settings、get-report"),
            format!("unknown message type \"{other}\": use load, settings or get-report"),
        )]),
    })
}

/// Where the page is shown, as the shell finds it ([`framing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framing {
    /// In a window of its own.
    Top,
    /// In frames of pages of its own origin only (which could read the saved work themselves).
    SameOrigin,
    /// In a frame of another origin, or of one it cannot tell (a cross-origin ancestor, the
    /// single file on `file://`, whose origin is opaque).
    Foreign,
}

impl Framing {
    /// From what the shell sees: whether the page is in a frame, its own origin, and the origin
    /// of each ancestor up to the top (None where the browser does not let it be read, as for
    /// any cross-origin ancestor).
    pub fn of(framed: bool, own: &str, ancestors: &[Option<String>]) -> Framing {
        if !framed {
            return Framing::Top;
        }
        let ours = |a: &Option<String>| own != "null" && a.as_deref() == Some(own);
        if !ancestors.is_empty() && ancestors.iter().all(ours) {
            Framing::SameOrigin
        } else {
            Framing::Foreign
        }
    }
}

/// What the page does with the work saved in this browser (`localStorage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavedWork {
    /// Read it at start and save every change.
    Use,
    /// Neither read nor write it: an embedding host's page (`origins` given); the host's data is
    /// not the user's, and a host must not read the user's work with `get-report`.
    Never,
    /// Framed by another site without the protocol: neither shown nor written (the page shows
    /// the built-in example, and changes are not saved) until the user asks ([`held_notice`]).
    Held,
}

/// What the page does with the saved work: `confirmed` is the user's click on the held notice's
/// button.
pub fn saved_work(url: &UrlSettings, framing: Framing, confirmed: bool) -> SavedWork {
    match framing {
        _ if url.embedded() => SavedWork::Never,
        Framing::Top | Framing::SameOrigin => SavedWork::Use,
        Framing::Foreign if confirmed => SavedWork::Use,
        Framing::Foreign => SavedWork::Held,
    }
}

/// The held notice's words: the message, its button, and the link that opens the page in a
/// window of its own.
pub struct HeldNotice {
    pub text: &'static str,
    pub button: &'static str,
    pub open: &'static str,
}

/// The notice shown while the saved work is held ([`SavedWork::Held`]), in `lang`.
pub fn held_notice(lang: Lang) -> HeldNotice {
    HeldNotice {
        text: lang.pick(
            "本页嵌在另一个网站的页面里。为免该网站借此看到你的工作，或诱你点击改动它，本机保存的工作暂不显示（这里显示的是示例），在这里所做的改动也不会保存。只有信任该网站时才显示。",
            "This page is shown inside another site's page. So that the site cannot see your work or trick you into changing it, the work saved in this browser is not shown (this is the example), and changes made here are not saved. Show it only if you trust that site.",
        ),
        button: lang.pick("显示我保存的工作", "Show my saved work"),
        open: lang.pick("在单独的窗口中打开", "Open in a window of its own"),
    }
}

/// A message of the protocol: `{protocol, type, ...fields}`.
pub fn message(ty: &str, fields: Value) -> Value {
    let mut m = json!({ "protocol": PROTOCOL, "type": ty });
    if let (Value::Object(m), Value::Object(f)) = (&mut m, fields) {
        m.extend(f);
    }
    m
}

pub use effects::{framing, from_parent, listen, post, ready};

/// The effects, used by the app shell only.
mod effects {
    use serde_json::Value;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    /// Posts `msg` to `target` with `target_origin` (never `*`).
    pub fn post(target: &JsValue, target_origin: &str, msg: &Value) {
        let Ok(data) = js_sys::JSON::parse(&msg.to_string()) else {
            return;
        };
        let w: &web_sys::Window = target.unchecked_ref();
        let _ = w.post_message(&data, target_origin);
    }

    /// Says `ready` to the parent frame, for each allowed origin that could be the parent's
    /// (the parent's origin when the browser tells it, else every allowed origin in turn).
    pub fn ready(origins: &[String], msg: &Value) {
        let Some(w) = web_sys::window() else {
            return;
        };
        let Ok(Some(parent)) = w.parent() else {
            return;
        };
        if js_sys::Object::is(&parent, &w) {
            return; // not in a frame
        }
        // location.ancestorOrigins (Chromium, Safari): the parent's origin.
        let ancestor = js_sys::Reflect::get(&w.location(), &"ancestorOrigins".into())
            .ok()
            .filter(|l| !l.is_undefined() && !l.is_null())
            .and_then(|l| js_sys::Reflect::get(&l, &"0".into()).ok())
            .and_then(|o| o.as_string());
        let referrer = web_sys::window()
            .and_then(|w| w.document())
            .map(|d| d.referrer())
            .and_then(|r| super::normalize_origin(&origin_of(&r)));
        let known = ancestor.or(referrer);
        for o in origins {
            if known.as_ref().is_none_or(|k| k == o) {
                post(&parent, o, msg);
            }
        }
    }

    /// Whether `source` (a message's `event.source`) is this window's parent, and not this
    /// window itself (a page in a window of its own has no parent to answer).
    pub fn from_parent(source: &JsValue) -> bool {
        let Some(w) = web_sys::window() else {
            return false;
        };
        match w.parent() {
            Ok(Some(p)) => !js_sys::Object::is(&p, &w) && js_sys::Object::is(&p, source),
            _ => false,
        }
    }

    /// Where the page is shown: each ancestor's origin as far as the browser lets it be read
    /// (a cross-origin ancestor's `location` throws).
    pub fn framing() -> super::Framing {
        let Some(w) = web_sys::window() else {
            return super::Framing::Top;
        };
        let own = w.location().origin().unwrap_or_else(|_| "null".into());
        let mut ancestors = Vec::new();
        let mut at: JsValue = w.clone().into();
        for _ in 0..32 {
            let win: &web_sys::Window = at.unchecked_ref();
            let parent = match win.parent() {
                Ok(Some(p)) if !js_sys::Object::is(&p, win) => p,
                Ok(Some(_)) => break,
                // A parent that cannot be had: count it as a stranger.
                _ => {
                    ancestors.push(None);
                    break;
                }
            };
            let origin = js_sys::Reflect::get(&parent, &"location".into())
                .ok()
                .and_then(|l| js_sys::Reflect::get(&l, &"origin".into()).ok())
                .and_then(|o| o.as_string());
            let stranger = origin.is_none();
            ancestors.push(origin);
            if stranger {
                break;
            }
            at = parent.into();
        }
        super::Framing::of(!ancestors.is_empty(), &own, &ancestors)
    }

    fn origin_of(url: &str) -> String {
        match url.split_once("://") {
            Some((s, rest)) => format!("{s}://{}", rest.split('/').next().unwrap_or("")),
            None => String::new(),
        }
    }

    /// Calls `f(origin, source, data)` for every message the window receives; the listener
    /// lives as long as the page.
    pub fn listen(f: impl Fn(String, JsValue, Value) + 'static) {
        let Some(w) = web_sys::window() else {
            return;
        };
        let cb = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = js_sys::JSON::stringify(&e.data())
                .ok()
                .and_then(|s| s.as_string())
                .and_then(|s| serde_json::from_str::<Value>(&s).ok())
                .unwrap_or(Value::Null);
            let source: JsValue = e.source().map(JsValue::from).unwrap_or(JsValue::NULL);
            f(e.origin(), source, data);
        });
        let _ = w.add_event_listener_with_callback("message", cb.as_ref().unchecked_ref());
        cb.forget();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_settings() {
        let s = UrlSettings::parse(
            "?lang=en&readonly=1&compact=1&origins=https%3A%2F%2Fa.example,http://127.0.0.1:8080/",
        );
        assert_eq!(s.lang, Some(Lang::En));
        assert!(s.mode.readonly && s.mode.compact);
        assert_eq!(s.origins, ["https://a.example", "http://127.0.0.1:8080"]);
        assert!(s.ignored.is_empty());
        let s = UrlSettings::parse(
            "lang=fr&readonly=maybe&origins=*,ftp://x,https://ok.example/path&x=1",
        );
        assert_eq!(s.lang, None);
        assert!(!s.mode.readonly);
        assert!(s.origins.is_empty());
        assert_eq!(s.ignored.len(), 5, "{:?}", s.ignored);
        assert!(s.notice(Lang::En).unwrap().contains("lang=fr"));
        assert!(!UrlSettings::parse("").embedded());
    }

    #[test]
    fn requests() {
        let allowed = vec!["https://a.example".to_string()];
        let load = json!({ "protocol": PROTOCOL, "type": "load", "contract": {"format": "x"}, "events": "{}" });
        let parse_request = |o: &str, d: &Value, a: &[String]| parse_request(o, true, d, a);
        assert!(parse_request("https://b.example", &load, &allowed).is_none());
        assert!(parse_request("https://a.example", &json!({"type": "load"}), &allowed).is_none());
        assert!(matches!(
            parse_request("https://a.example", &load, &allowed),
            Some(Ok(Request::Load { .. }))
        ));
        let s = json!({ "protocol": PROTOCOL, "type": "settings", "as_of": "2023-03-01", "lang": "en", "compact": true });
        match parse_request("https://a.example", &s, &allowed) {
            Some(Ok(Request::Settings(h))) => {
                assert_eq!(h.lang, Some(Lang::En));
                assert_eq!(h.compact, Some(true));
                assert_eq!(
                    h.as_of.map(|d| d.to_string()).as_deref(),
                    Some("2023-03-01")
                );
            }
            other => panic!("{other:?}"),
        }
        let bad = json!({ "protocol": PROTOCOL, "type": "settings", "as_of": "soon", "colour": 1 });
        let p = parse_request("https://a.example", &bad, &allowed)
            .unwrap()
            .unwrap_err();
        assert_eq!(p.len(), 2);
        let t = json!({ "protocol": PROTOCOL, "type": "dance" });
        assert_eq!(
            parse_request("https://a.example", &t, &allowed)
                .unwrap()
                .unwrap_err()[0]
                .code,
            "embed.type"
        );
        assert_eq!(
            message("ready", json!({"version": "1"}))["protocol"],
            PROTOCOL
        );
    }

    #[test]
    fn only_the_parent_window_is_answered() {
        let allowed = vec!["https://a.example".to_string()];
        let get = json!({ "protocol": PROTOCOL, "type": "get-report" });
        // The right origin from a window that is not the parent: ignored, not even an error.
        assert!(parse_request("https://a.example", false, &get, &allowed).is_none());
        let bad = json!({ "protocol": PROTOCOL, "type": "dance" });
        assert!(parse_request("https://a.example", false, &bad, &allowed).is_none());
        assert!(matches!(
            parse_request("https://a.example", true, &get, &allowed),
            Some(Ok(Request::GetReport))
        ));
    }

    #[test]
    fn where_the_page_is_shown() {
        let own = "https://lvyue.example";
        let o = |s: &str| Some(s.to_string());
        assert_eq!(Framing::of(false, own, &[]), Framing::Top);
        assert_eq!(Framing::of(true, own, &[o(own)]), Framing::SameOrigin);
        assert_eq!(
            Framing::of(true, own, &[o(own), o(own)]),
            Framing::SameOrigin
        );
        // A page of ours inside a stranger's: the stranger sees what ours shows.
        assert_eq!(Framing::of(true, own, &[o(own), None]), Framing::Foreign);
        assert_eq!(Framing::of(true, own, &[None]), Framing::Foreign);
        assert_eq!(
            Framing::of(true, own, &[o("https://evil.example")]),
            Framing::Foreign
        );
        // The single file: file:// has an opaque origin, never "ours".
        assert_eq!(Framing::of(true, "null", &[o("null")]), Framing::Foreign);
        assert_eq!(Framing::of(true, own, &[]), Framing::Foreign);
    }

    #[test]
    fn saved_work_is_held_in_a_strangers_frame_until_the_user_asks() {
        let plain = UrlSettings::parse("");
        let host = UrlSettings::parse("origins=https://portal.example");
        use Framing::*;
        use SavedWork::*;
        for confirmed in [false, true] {
            assert_eq!(saved_work(&plain, Top, confirmed), Use);
            assert_eq!(saved_work(&plain, SameOrigin, confirmed), Use);
            // With the protocol the saved work is never read, asked for or not.
            for f in [Top, SameOrigin, Foreign] {
                assert_eq!(saved_work(&host, f, confirmed), Never);
            }
        }
        assert_eq!(saved_work(&plain, Foreign, false), Held);
        assert_eq!(saved_work(&plain, Foreign, true), Use);
        let zh = held_notice(Lang::Zh);
        let en = held_notice(Lang::En);
        assert!(zh.text.contains("不显示") && zh.button.contains("显示"));
        assert!(en.text.contains("not shown") && en.button.contains("Show"));
        assert_ne!(zh.open, en.open);
    }

    #[test]
    fn restoring_the_saved_work_replaces_the_example() {
        use crate::ui::store::{Action, AppState, Tab};
        use crate::ui::workspace::Workspace;
        use std::rc::Rc;
        use yew::Reducible;
        let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        crate::ui::examples::preload();
        let held = Rc::new(AppState::new(Workspace::default(), Tab::Summary, today));
        let example = held.contract().map(|c| c.id.clone());
        let saved = crate::ui::store::open_example(
            crate::ui::examples::EXAMPLES[1].id,
            Lang::En,
            Default::default(),
        )
        .expect("an example");
        let id = saved.contract.as_ref().map(|c| c.id.clone());
        assert_ne!(id, example);
        let s = held.reduce(Action::RestoreSaved {
            workspace: Box::new(saved),
            kept: None,
        });
        assert_eq!(s.contract().map(|c| c.id.clone()), id);
        assert_eq!(s.lang(), Lang::En);
        assert!(s.report.is_some());
    }

    #[test]
    fn a_host_load_is_both_files_or_neither() {
        use crate::ui::store::{Action, AppState, Tab};
        use std::rc::Rc;
        use yew::Reducible;
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/004-liyang-operations"
        );
        let contract = std::fs::read_to_string(format!("{dir}.contract.json")).unwrap();
        let mut events: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{dir}.events.json")).unwrap())
                .unwrap();
        events["incidents"]
            .as_array_mut()
            .unwrap()
            .retain(|i| i["id"] == "SEC-2022-02");
        let today = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let s = Rc::new(AppState::new(Default::default(), Tab::Summary, today));
        let s = s.reduce(Action::LoadPair {
            source: "host".into(),
            contract: contract.clone(),
            events: events.to_string(),
        });
        let total = |s: &AppState| {
            let r = s.report.as_ref().unwrap();
            let c = r
                .penalties
                .iter()
                .find(|p| p.clause == "附件2-5.3")
                .unwrap();
            c.total.round_fen().format_yuan()
        };
        assert_eq!(total(&s), "¥49,200.00");
        assert!(s.failure.is_none());
        let before = s.ws.clone();
        events["incidents"][0]["item"] = Value::from("nowhere");
        let s = s.reduce(Action::LoadPair {
            source: "host".into(),
            contract,
            events: events.to_string(),
        });
        let f = s.failure.as_ref().expect("a failure");
        assert_eq!(f.source, "host events");
        assert_eq!(f.problems[0].path, "incidents[0].item");
        assert!(Rc::ptr_eq(&before, &s.ws), "a failed load changed the work");
        assert_eq!(total(&s), "¥49,200.00");
    }
}
