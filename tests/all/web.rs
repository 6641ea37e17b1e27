//! Browser tests: the domain as it runs in the page, the reducer, and the rendered app, in
//! headless Chromium (`cargo test --target wasm32-unknown-unknown --test all`).

use std::rc::Rc;
use std::time::Duration;

use gloo::storage::Storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};
use yew::Reducible;

use lvyue::domain::calendar::{parse_date, Calendar};
use lvyue::domain::money::{self, Amount, Rate};
use lvyue::domain::period::{self, PeriodOptions, Unit};
use lvyue::ui::state::{Action, Field, Outcome, Saved, State};
use lvyue::ui::{storage, App};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_domain_gives_the_same_answers_in_the_browser() {
    let cal = Calendar::china();
    let d = period::deadline(
        &cal,
        parse_date("2024-09-21").unwrap(),
        10,
        Unit::Days,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(d.last_day().to_string(), "2024-10-08");
    let d = period::deadline(
        &cal,
        parse_date("2022-09-26").unwrap(),
        10,
        Unit::WorkingDays,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(d.last_day().to_string(), "2022-10-13");
    assert!(cal.is_working_day(parse_date("2024-02-04").unwrap()));
    assert!(!cal.is_working_day(parse_date("2026-02-23").unwrap()));
    assert_eq!(
        money::to_words(Amount::parse("405000").unwrap()).unwrap(),
        "肆拾万伍仟元整"
    );
    let v = money::vat_split(Amount::parse("980000").unwrap(), Rate::parse("6%").unwrap()).unwrap();
    assert_eq!(v.net.format(), "924,528.30");
    assert_eq!(v.tax.format(), "55,471.70");
}

#[wasm_bindgen_test]
fn the_reducer_recomputes_on_every_edit() {
    let s = Rc::new(State::new(Saved::default()));
    let last = |s: &State| s.results.deadline.ok().map(|d| d.last_day().to_string());
    assert_eq!(last(&s).as_deref(), Some("2024-10-08"));
    let s = s.reduce(Action::Set(Field::DeadlineStart, "2024-03-01".into()));
    let s = s.reduce(Action::Set(Field::DeadlineN, "30".into()));
    assert_eq!(last(&s).as_deref(), Some("2024-04-01"));
    let s = s.reduce(Action::SetExtension(false));
    assert_eq!(last(&s).as_deref(), Some("2024-03-31"));
    let s = s.reduce(Action::Set(Field::DeadlineN, "-3".into()));
    assert!(matches!(s.results.deadline, Outcome::Err(_)));
    assert!(s
        .results
        .deadline
        .error(lvyue::domain::Lang::En)
        .unwrap_or_default()
        .contains("-3"));
}

fn root() -> Element {
    let doc = gloo::utils::document();
    let div = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div
}

fn text(sel: &str) -> String {
    gloo::utils::document()
        .query_selector(sel)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn type_into(sel: &str, value: &str) {
    let input: HtmlInputElement = gloo::utils::document()
        .query_selector(sel)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(30)).await;
}

#[wasm_bindgen_test]
async fn the_page_computes_as_the_user_types_and_switches_language() {
    gloo::storage::LocalStorage::delete(storage::KEY);
    gloo::storage::LocalStorage::delete(storage::WORKSPACE_KEY);
    let _ = web_sys::window().unwrap().location().set_hash("tools");
    yew::Renderer::<App>::with_root(root()).render();
    settle().await;
    assert!(
        text("#deadline-result").contains("2024-10-08"),
        "{}",
        text("#deadline-result")
    );
    assert!(text("#words-result").contains("肆拾万伍仟元整"));
    assert!(text("#vat-result").contains("924,528.30"));

    type_into("#vat-amount", "254400");
    settle().await;
    assert!(
        text("#vat-result").contains("240,000.00"),
        "{}",
        text("#vat-result")
    );

    type_into("#deadline-n", "abc");
    settle().await;
    assert!(
        text("#deadline-result").contains("abc"),
        "{}",
        text("#deadline-result")
    );

    let button: HtmlElement = gloo::utils::document()
        .query_selector("#lang-switch")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    settle().await;
    let lang = gloo::utils::document()
        .document_element()
        .unwrap()
        .get_attribute("lang");
    assert_eq!(lang.as_deref(), Some("en"));
    // The edits and the language were saved in the workspace.
    let saved = storage::load_workspace();
    assert_eq!(saved.lang, lvyue::domain::Lang::En);
    assert_eq!(saved.tools.vat_amount, "254400");
    gloo::storage::LocalStorage::delete(storage::WORKSPACE_KEY);
}
