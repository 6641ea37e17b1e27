//! Workspaces (`lvyue-workspace/1`, import and the save autosave restores) are read by the same
//! loader and validation as contract and events files (issue 10, item 14): a workspace whose
//! contract has a negative fixed amount or a rate of 10000% a day is refused with located
//! problems, and importing it keeps the work that was open.

use std::rc::Rc;

use serde_json::{json, Value};
use yew::Reducible;

use lvyue::domain::load;
use lvyue::domain::Lang;
use lvyue::ui::store::{Action, AppState, Tab};
use lvyue::ui::workspace::Workspace;

fn corpus(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/bad-input")
            .join(name),
    )
    .unwrap()
}

/// The corpus's base contract and record as an exported workspace, as JSON to edit.
fn workspace() -> Value {
    let contract = load::load_contract(&corpus("base.contract.json")).unwrap();
    let events = load::load_events_for(&contract, &corpus("base.events.json")).unwrap();
    let ws = Workspace::with(contract, events, Lang::Zh, Default::default());
    serde_json::from_str(&ws.export_json()).unwrap()
}

fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// The (code, path) of each problem of a workspace text, and the text's line at each.
fn problems(text: &str) -> Vec<(String, String, usize, usize)> {
    let e = Workspace::from_json(text).expect_err("the workspace is refused");
    assert!(!e.zh.is_empty() && !e.en.is_empty());
    e.problems
        .into_iter()
        .map(|p| (p.code, p.path, p.line, p.column))
        .collect()
}

/// Where `needle` stands in `text`: 1-based line and column (in characters).
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).expect("the needle is in the text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[test]
fn a_valid_workspace_still_loads_exactly() {
    let v = workspace();
    let ws = Workspace::from_json(&text(&v)).expect("the export reads back");
    assert_eq!(serde_json::to_value(ws).unwrap()["contract"], v["contract"]);
}

#[test]
fn a_negative_fixed_amount_is_refused_where_it_stands() {
    let mut v = workspace();
    v["contract"]["clauses"][7]["rule"]["formula"]["amount"]["amount"] = json!("-500");
    let t = text(&v);
    let (line, column) = position(&t, "\"-500\"");
    assert_eq!(
        problems(&t),
        vec![(
            "amount.negative".to_string(),
            "contract.clauses[7].rule.formula.amount.amount".to_string(),
            line,
            column
        )]
    );
}

#[test]
fn a_rate_of_10000_percent_a_day_is_refused() {
    let mut v = workspace();
    v["contract"]["clauses"][5]["rule"]["formula"]["rate"] = json!("10000%");
    let p = problems(&text(&v));
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].0, "rate.above-100");
    assert_eq!(p[0].1, "contract.clauses[5].rule.formula.rate");
    assert!(p[0].2 > 1 && p[0].3 > 1);
}

#[test]
fn each_scenario_is_read_as_a_record_of_its_contract() {
    let mut v = workspace();
    v["scenarios"][0]["events"]["incidents"][0]["level"] = json!("L9");
    v["scenarios"][0]["events"]["occurrences"][0]["count"] = json!(0);
    v["scenarios"][0]["events"]["colour"] = json!(1);
    let codes: Vec<(String, String)> = problems(&text(&v))
        .into_iter()
        .map(|(c, p, ..)| (c, p))
        .collect();
    assert_eq!(
        codes,
        vec![(
            "field.unknown".to_string(),
            "scenarios[0].events.colour".to_string()
        )]
    );
    v["scenarios"][0]["events"]
        .as_object_mut()
        .unwrap()
        .remove("colour");
    let codes: Vec<(String, String)> = problems(&text(&v))
        .into_iter()
        .map(|(c, p, ..)| (c, p))
        .collect();
    assert_eq!(
        codes,
        vec![
            (
                "ref.level".to_string(),
                "scenarios[0].events.incidents[0].level".to_string()
            ),
            (
                "count.zero".to_string(),
                "scenarios[0].events.occurrences[0].count".to_string()
            ),
        ]
    );
}

#[test]
fn the_workspace_fields_themselves_are_checked() {
    let mut v = workspace();
    v["lang"] = json!("fr");
    v["active"] = json!(-1);
    let codes: Vec<(String, String)> = problems(&text(&v))
        .into_iter()
        .map(|(c, p, ..)| (c, p))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("value.type".to_string(), "active".to_string()),
            ("value.unknown-variant".to_string(), "lang".to_string()),
        ]
    );
}

#[test]
fn importing_a_bad_workspace_keeps_the_work_and_lists_the_problems() {
    let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    lvyue::ui::examples::preload();
    let state = Rc::new(AppState::new(Workspace::default(), Tab::Summary, today));
    let before = state.ws.clone();
    let mut v = workspace();
    v["contract"]["clauses"][7]["rule"]["formula"]["amount"]["amount"] = json!("-500");
    let next = state.reduce(Action::Import {
        source: "bad.json".into(),
        text: text(&v),
    });
    assert!(Rc::ptr_eq(&next.ws, &before), "the open work is kept");
    let failure = next.failure.as_ref().expect("the import failed");
    assert_eq!(failure.source, "bad.json");
    assert_eq!(failure.problems.len(), 1);
    assert_eq!(failure.problems[0].code, "amount.negative");
    assert!(failure.problems[0].line > 1);
}

/// An edit of the record is validated as a loaded record is: one that the next start would
/// refuse (an occurrence counted 0 times) is not taken, so autosave never saves it.
#[test]
fn an_edit_that_makes_the_record_invalid_is_not_taken() {
    let today = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    lvyue::ui::examples::preload();
    let v = workspace();
    let state =
        Rc::new(AppState::new(Workspace::default(), Tab::Summary, today)).reduce(Action::Import {
            source: "ws.json".into(),
            text: text(&v),
        });
    let mut events = state.scenario().unwrap().events.clone();
    events.occurrences[0].count = 0;
    let before = state.ws.clone();
    let next = state.reduce(Action::SetEvents(events));
    assert!(
        Rc::ptr_eq(&next.ws, &before),
        "the record is kept as it was"
    );
    let failure = next.failure.as_ref().expect("the edit is refused");
    assert_eq!(failure.problems[0].code, "count.zero");
    assert_eq!(failure.problems[0].path, "occurrences[0].count");
}
