//! Version 1 files keep working: every `lvyue-contract/1` and `lvyue-events/1` file migrates to
//! version 2 on load — through the loader, `lvyue migrate`, a workspace and the page's store —
//! says that it did, and gives the same figures.
//!
//! The fixtures under `tests/fixtures/v1/` are the five examples as they were written in
//! version 1 (commit 5896ca1), kept unchanged while the examples themselves move on.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;

use serde_json::Value;
use yew::Reducible;

use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::load;
use lvyue::domain::report::Severity;
use lvyue::domain::{contract, events};
use lvyue::ui::store::{Action, AppState, Notice, Tab};
use lvyue::ui::workspace::Workspace;

fn v1_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1")
}

fn read(name: &str) -> String {
    std::fs::read_to_string(v1_dir().join(name)).unwrap()
}

const STEMS: [&str; 5] = [
    "000-cloud-services",
    "001-oa-maintenance",
    "002-im-platform",
    "003-insurance-datacentre",
    "004-liyang-operations",
];

/// The report of a contract and record text, as JSON.
fn report(contract_text: &str, events_text: &str) -> Value {
    let c = load::load_contract(contract_text).expect("the contract loads");
    let e = load::load_events_for(&c, events_text).expect("the record loads");
    let r = engine::evaluate(&c, &e, &Calendar::china(), &Options::default()).expect("evaluates");
    serde_json::to_value(r).unwrap()
}

fn lvyue(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .output()
        .expect("the lvyue binary runs")
}

#[test]
fn the_fixtures_are_version_1() {
    for stem in STEMS {
        let c: Value = serde_json::from_str(&read(&format!("{stem}.contract.json"))).unwrap();
        let e: Value = serde_json::from_str(&read(&format!("{stem}.events.json"))).unwrap();
        assert_eq!(c["format"], "lvyue-contract/1", "{stem}");
        assert_eq!(e["format"], "lvyue-events/1", "{stem}");
    }
    assert_eq!(contract::FORMAT, "lvyue-contract/2");
    assert_eq!(events::FORMAT, "lvyue-events/2");
}

#[test]
fn a_version_1_file_says_it_was_migrated_at_its_format_field() {
    let text = read("004-liyang-operations.contract.json");
    let (c, problems) = load::inspect_contract(&text);
    assert!(c.is_some());
    let n = problems
        .iter()
        .find(|p| p.code == "format.migrated")
        .expect("a migration notice");
    assert_eq!(n.severity, Severity::Info);
    assert_eq!((n.path.as_str(), n.line, n.column), ("format", 2, 13));
    assert!(n.zh.contains("lvyue-contract/1") && n.zh.contains("lvyue-contract/2"));
    assert!(n.en.contains("earlier format"));
    // A current file has no such notice.
    let current = text.replace("lvyue-contract/1", "lvyue-contract/2");
    let (_, problems) = load::inspect_contract(&current);
    assert!(problems.iter().all(|p| p.code != "format.migrated"));
}

#[test]
fn a_broken_version_1_file_keeps_its_positions() {
    // An unknown field in a v1 file is found where the user wrote it.
    let text = "{\n  \"format\": \"lvyue-contract/1\", \"id\": \"t\", \"title\": \"t\",\n  \"parties\": {\"buyer\": {\"name\": \"甲\"}, \"seller\": {\"name\": \"乙\"}},\n  \"colour\": 1\n}";
    let p = load::load_contract(text).unwrap_err().0;
    let unknown = p.iter().find(|p| p.code == "field.unknown").expect("found");
    assert_eq!(
        (unknown.path.as_str(), unknown.line, unknown.column),
        ("colour", 4, 3)
    );
}

#[test]
fn every_version_1_example_gives_the_same_report_once_migrated() {
    let dir = std::env::temp_dir().join(format!("lvyue-migrate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for stem in STEMS {
        let (cv1, ev1) = (
            read(&format!("{stem}.contract.json")),
            read(&format!("{stem}.events.json")),
        );
        // `lvyue migrate` writes each in version 2.
        let mut v2 = Vec::new();
        for (name, text) in [("contract", &cv1), ("events", &ev1)] {
            let from = v1_dir().join(format!("{stem}.{name}.json"));
            let to = dir.join(format!("{stem}.{name}.json"));
            let out = lvyue(&[
                "migrate",
                from.to_str().unwrap(),
                "--output",
                to.to_str().unwrap(),
            ]);
            assert!(
                out.status.success(),
                "{stem}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let written = std::fs::read_to_string(&to).unwrap();
            let tag: Value = serde_json::from_str(&written).unwrap();
            assert!(
                tag["format"].as_str().unwrap().ends_with("/2"),
                "{stem} {name}"
            );
            assert_ne!(&written, text);
            v2.push(written);
        }
        let (_, problems) = load::inspect_contract(&v2[0]);
        assert!(
            problems.iter().all(|p| p.code != "format.migrated"),
            "{stem}"
        );
        assert_eq!(
            report(&cv1, &ev1),
            report(&v2[0], &v2[1]),
            "{stem}: figures changed"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn migrate_prints_to_stdout_and_refuses_to_overwrite_its_input() {
    let from = v1_dir().join("000-cloud-services.events.json");
    let from = from.to_str().unwrap();
    let out = lvyue(&["migrate", from]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["format"], "lvyue-events/2");
    let out = lvyue(&["migrate", from, "--output", from]);
    assert_eq!(out.status.code(), Some(2));
    assert!(read("000-cloud-services.events.json").contains("lvyue-events/1"));
    // A file with an error is not written; its problem is located.
    let bad = std::env::temp_dir().join(format!("lvyue-bad-v1-{}.json", std::process::id()));
    std::fs::write(
        &bad,
        "{\n  \"format\": \"lvyue-events/1\",\n  \"as_of\": \"2024-13-01\"\n}",
    )
    .unwrap();
    let target = bad.with_extension("out.json");
    let out = lvyue(&[
        "migrate",
        bad.to_str().unwrap(),
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains(":3:"));
    assert!(!target.exists());
    std::fs::remove_file(&bad).ok();
}

fn fresh() -> Rc<AppState> {
    lvyue::ui::examples::preload();
    Rc::new(AppState::new(
        Workspace::default(),
        Tab::Summary,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(),
    ))
}

#[test]
fn the_page_migrates_a_version_1_contract_and_record_and_says_so() {
    let s = fresh().reduce(Action::LoadText {
        source: "old.contract.json".into(),
        text: read("004-liyang-operations.contract.json"),
    });
    assert!(s.failure.is_none());
    match &s.notice {
        Some(Notice::Migrated { source, from }) => {
            assert_eq!(source, "old.contract.json");
            assert_eq!(from, "lvyue-contract/1");
        }
        other => panic!("no migration notice: {:?}", other.is_some()),
    }
    let s = s.reduce(Action::LoadText {
        source: "old.events.json".into(),
        text: read("004-liyang-operations.events.json"),
    });
    assert!(s.failure.is_none());
    assert!(matches!(&s.notice, Some(Notice::Migrated { from, .. }) if from == "lvyue-events/1"));
    let r = s.report.as_ref().expect("a report");
    let want = report(
        &read("004-liyang-operations.contract.json"),
        &read("004-liyang-operations.events.json"),
    );
    assert_eq!(serde_json::to_value(r.as_ref()).unwrap(), want);
}

#[test]
fn a_workspace_holding_version_1_files_migrates_and_says_so() {
    let c: Value = serde_json::from_str(&read("002-im-platform.contract.json")).unwrap();
    let e: Value = serde_json::from_str(&read("002-im-platform.events.json")).unwrap();
    let ws = serde_json::json!({
        "format": lvyue::ui::workspace::FORMAT,
        "lang": "zh",
        "contract": c,
        "scenarios": [{"name": "实际情况", "events": e}],
    });
    let text = serde_json::to_string_pretty(&ws).unwrap();
    assert_eq!(
        Workspace::earlier_version(&text).as_deref(),
        Some("lvyue-contract/1")
    );
    let read_back = Workspace::from_json(&text).expect("the workspace loads");
    let exported: Value = serde_json::from_str(&read_back.export_json()).unwrap();
    assert_eq!(exported["contract"]["format"], contract::FORMAT);
    assert_eq!(exported["scenarios"][0]["events"]["format"], events::FORMAT);
    let s = fresh().reduce(Action::LoadText {
        source: "old-workspace.json".into(),
        text,
    });
    assert!(matches!(&s.notice, Some(Notice::Migrated { .. })));
}
