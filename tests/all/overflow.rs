//! Tests: overflow — a figure too large to compute is an error naming the clause (or shared
//! cap) and the occurrence, in both languages, through the engine, the API (`eval.overflow`,
//! located at the clause) and the CLI (exit 2); never a panic, a saturated total or a total
//! that silently kept its previous value. The workbook writes any amount without panicking.

use rust_decimal::Decimal;
use serde_json::Value;

use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, EvalError, Figure, Options};
use lvyue::domain::events::Events;
use lvyue::domain::load;
use lvyue::domain::money::Amount;
use lvyue::domain::report::Report;
use lvyue::domain::{statement, Lang, Localize};
use lvyue::export::workbook::{self, amount_number, Cell};

fn contract(json: &str) -> Contract {
    load::load_contract(json).unwrap_or_else(|p| panic!("test contract: {p}"))
}

fn events(c: &Contract, json: &str) -> Events {
    load::load_events_for(c, json).unwrap_or_else(|p| panic!("test events: {p}"))
}

fn run(c: &Contract, e: &Events) -> Result<Report, EvalError> {
    engine::evaluate(c, e, &Calendar::china(), &Options::default())
}

const HEAD: &str = r#""format": "lvyue-contract/2", "id": "o", "title": "溢出",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } }"#;

/// `clauses` (JSON) of occurrence penalties paid by the seller.
fn occurrence_contract(clauses: &str) -> String {
    format!(r#"{{ {HEAD}, "total": 1000000, "clauses": [ {clauses} ] }}"#)
}

fn occurrence_clause(id: &str, formula: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "title": {{ "zh": "违约" }}, "rule": {{ "kind": "penalty",
      "payer": "seller", "trigger": {{ "on": "occurrence" }}, "formula": {formula} }} }}"#
    )
}

fn occurrences(list: &[(&str, u32)]) -> String {
    let occ: Vec<String> = list
        .iter()
        .map(|(clause, count)| {
            format!(r#"{{ "clause": "{clause}", "date": "2024-03-01", "count": {count} }}"#)
        })
        .collect();
    format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2024-06-30", "occurrences": [ {} ] }}"#,
        occ.join(", ")
    )
}

/// The issue's case: ¥1,000 a breach, +50% per repeat, 150 repeats. The 137th repeat costs
/// ¥1,000 × 1.5^136 ≈ ¥1.0 × 10^27, past what is computed exactly to the fen (about
/// ¥7.9 × 10^26, every digit of a `Decimal` at two decimals): an error naming the clause and
/// that occurrence — not a seller total of ¥900 beside a clause of ¥79 octillion.
#[test]
fn an_escalation_past_the_range_names_the_clause_and_the_occurrence() {
    let c = contract(&occurrence_contract(&occurrence_clause(
        "6",
        r#"{ "type": "per_occurrence", "amount": { "type": "fixed", "amount": 1000 },
             "escalation": { "factor": "1.5", "scope": {} } }"#,
    )));
    let e = events(&c, &occurrences(&[("6", 150)]));
    let err = run(&c, &e).expect_err("an overflow is an error");
    assert_eq!(err.clause, "6");
    assert_eq!(err.figure, Figure::Escalation);
    assert_eq!(err.subject.as_deref(), Some("6@2024-03-01#137"));
    assert!(!err.shared_cap);
    let zh = err.localize(Lang::Zh);
    let en = err.localize(Lang::En);
    assert!(
        zh.contains("第 6 条") && zh.contains("6@2024-03-01#137"),
        "{zh}"
    );
    assert!(zh.contains("超出可精确到分计算的范围"), "{zh}");
    assert!(
        en.contains("clause 6") && en.contains("too large to compute"),
        "{en}"
    );
    // 130 repeats fit (¥1,000 × 1.5^129 ≈ ¥5.1 × 10^25, the clause ≈ ¥1.5 × 10^26): a report
    // whose total is the sum of its lines.
    let e = events(&c, &occurrences(&[("6", 130)]));
    let r = run(&c, &e).expect("130 repeats fit");
    let lines = r.penalties[0]
        .lines
        .iter()
        .try_fold(Amount::ZERO, |s, l| s.checked_add(l.amount));
    assert_eq!(lines, Some(r.penalties[0].total));
    assert_eq!(r.totals.seller_pays, r.penalties[0].total);
}

/// Two clauses of ¥5 × 10^26 each: the seller's total cannot be computed to the fen, and the
/// error names the clause whose total did not fit (it used to keep the first clause's total).
#[test]
fn a_total_past_the_range_is_an_error_not_the_previous_sum() {
    let fixed = r#"{ "type": "per_occurrence", "amount": { "type": "fixed",
        "amount": "500000000000000000000000000" } }"#;
    let c = contract(&occurrence_contract(&format!(
        "{}, {}",
        occurrence_clause("6.1", fixed),
        occurrence_clause("6.2", fixed)
    )));
    let e = events(&c, &occurrences(&[("6.1", 1), ("6.2", 1)]));
    let err = run(&c, &e).expect_err("the total overflows");
    assert_eq!((err.clause.as_str(), err.figure), ("6.2", Figure::Totals));
    // One clause alone fits, with two-decimal amounts however large.
    let e = events(&c, &occurrences(&[("6.1", 1)]));
    let r = run(&c, &e).expect("one clause fits");
    assert_eq!(
        r.totals.seller_pays.decimal_text(),
        "500000000000000000000000000.00"
    );
}

/// Per person: a fixed amount near the limit times three persons used to leave a line of 0
/// with a note; it is an error now.
#[test]
fn a_line_past_the_range_is_an_error_not_a_zero_line() {
    let c = contract(&occurrence_contract(&occurrence_clause(
        "7",
        r#"{ "type": "per_occurrence", "per_person": true,
             "amount": { "type": "fixed", "amount": "300000000000000000000000000" } }"#,
    )));
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2024-06-30",
             "occurrences": [ { "clause": "7", "date": "2024-03-01", "persons": 3 } ] }"#,
    );
    let err = run(&c, &e).expect_err("the line overflows");
    assert_eq!(err.clause, "7");
    assert_eq!(err.figure, Figure::Penalty);
    assert_eq!(err.subject.as_deref(), Some("7@2024-03-01"));
}

/// Through the API: an `eval.overflow` problem of the contract, located at the clause, with
/// both languages — the same answer `lvyue eval` gives (exit 2).
#[test]
fn the_api_and_the_cli_answer_an_overflow_like_a_bad_input() {
    let contract_text = occurrence_contract(&occurrence_clause(
        "6",
        r#"{ "type": "per_occurrence", "amount": { "type": "fixed", "amount": 1000 },
             "escalation": { "factor": "1.5", "scope": {} } }"#,
    ));
    let events_text = occurrences(&[("6", 150)]);
    let err = lvyue::api::evaluate(&contract_text, &events_text, r#"{"lang":"en"}"#)
        .expect_err("an overflow is an API error");
    assert_eq!(err.code(), "eval.overflow");
    let p = &err.problems[0];
    assert_eq!(p.input, lvyue::api::Input::Contract);
    assert_eq!(p.path, "clauses[0]");
    // The clause's object: line 2 of the text, where `clauses` opens.
    assert_eq!((p.line, p.column), (2, 104));
    assert!(
        p.zh.contains("第 6 条") && p.en.contains("clause 6"),
        "{p:?}"
    );

    let dir = std::env::temp_dir().join(format!("lvyue-overflow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let (cp, ep) = (dir.join("c.json"), dir.join("e.json"));
    std::fs::write(&cp, &contract_text).expect("write");
    std::fs::write(&ep, &events_text).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .arg("eval")
        .arg(&cp)
        .arg("--events")
        .arg(&ep)
        .arg("--json")
        .output()
        .expect("lvyue runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["error"]["problems"][0]["code"], "eval.overflow", "{v}");
}

/// The workbook writes any amount: a numeric cell when it converts exactly, else its decimal
/// text; never a panic (the page aborts on one).
#[test]
fn the_workbook_writes_any_amount_without_panicking() {
    assert_eq!(amount_number(Amount::new(Decimal::MAX)), None);
    assert_eq!(amount_number(Amount::new(Decimal::MIN)), None);
    assert_eq!(
        amount_number(Amount::new(Decimal::new(1_234_567, 2))),
        Some(12_345.67)
    );
    // The largest amounts a report can carry (the engine stops below them; a report is data
    // any program may make).
    let huge = Decimal::MAX.to_string();
    let c = contract(&occurrence_contract(&occurrence_clause(
        "8",
        r#"{ "type": "per_occurrence", "amount": { "type": "fixed", "amount": 1000 } }"#,
    )));
    let e = events(&c, &occurrences(&[("8", 1)]));
    let mut r = run(&c, &e).expect("evaluates");
    r.totals.seller_pays = Amount::new(Decimal::MAX);
    r.penalties[0].total = Amount::new(Decimal::MAX);
    r.penalties[0].lines[0].amount = Amount::new(Decimal::MIN);
    let st = statement::statement(&c, &r, Lang::Zh);
    let wb = workbook::workbook(&r, &c, &st);
    let cells: Vec<&Cell> = wb
        .sheets
        .iter()
        .flat_map(|s| s.rows.iter().flatten())
        .collect();
    assert!(cells
        .iter()
        .any(|c| matches!(c, Cell::Text { text } if text == &format!("{huge}.00"))));
    for c in cells {
        if let Cell::Number { value, .. } = c {
            assert!(value.len() < 20, "a number cell that is not exact: {value}");
        }
    }
}

/// The page: a record whose figures overflow keeps the work (the contract, the record, the
/// scenario) and shows the error instead of a report; editing the record back gives a report.
#[test]
fn the_app_keeps_the_work_and_shows_the_error() {
    use lvyue::ui::store::{Action, AppState, Tab};
    use lvyue::ui::workspace::Workspace;
    use std::rc::Rc;
    use yew::Reducible;

    let today = "2024-06-01".parse().expect("a date");
    lvyue::ui::examples::preload();
    let s = Rc::new(AppState::new(Workspace::default(), Tab::Penalties, today));
    assert!(s.report.is_some());
    let contract_text = occurrence_contract(&occurrence_clause(
        "6",
        r#"{ "type": "per_occurrence", "amount": { "type": "fixed", "amount": 1000 },
             "escalation": { "factor": "1.5", "scope": {} } }"#,
    ));
    let s = s.reduce(Action::LoadPair {
        source: "host".into(),
        contract: contract_text.clone(),
        events: occurrences(&[("6", 150)]),
    });
    assert!(s.failure.is_none(), "{:?}", s.failure);
    assert_eq!(s.contract().map(|c| c.id.as_str()), Some("o"));
    assert!(s.report.is_none());
    let err = s.eval_error.as_ref().expect("the error is shown");
    assert_eq!(err.clause, "6");
    // The record is kept and editable: fewer repeats give a report again.
    let c = contract(&contract_text);
    let fewer = events(&c, &occurrences(&[("6", 3)]));
    let s = s.reduce(Action::SetEvents(fewer));
    assert!(s.eval_error.is_none());
    assert_eq!(
        s.report.as_ref().map(|r| r.totals.seller_pays),
        Some("4750".parse().expect("an amount"))
    );
}
