//! Saves written by earlier versions of lvyue still open (the fixtures the end-to-end suite
//! `tests/e2e/suites/durability.mjs` puts in the browser's localStorage), and saves that cannot
//! be read give a reason rather than a workspace.
//!
//! The fixtures are written by the serializers of the versions that saved them:
//! - `tools-v1.json`: the tools page's own save under `lvyue/tools/v1` (`Saved`: `lang`,
//!   `inputs`), before workspaces existed (bdfbbca … 0245466).
//! - `workspace-6049b9a.json`: `lvyue-workspace/1` as first written (6049b9a): the struct
//!   serialized directly, fields in declaration order, without the later `unexported` flag.
//!
//! `LVYUE_WRITE_FIXTURES=1 cargo test --test all durability` rewrites them; otherwise the tests
//! check that the files are exactly what those serializers write, and that they load.

use std::path::PathBuf;

use lvyue::domain::load;
use lvyue::domain::Lang;
use lvyue::ui::state::Saved;
use lvyue::ui::workspace::{Scenario, Workspace};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e/fixtures/durability")
        .join(name)
}

/// Checks `name` holds `text` (or writes it when asked to).
fn check_fixture(name: &str, text: &str) -> String {
    let path = fixture(name);
    if std::env::var_os("LVYUE_WRITE_FIXTURES").is_some() {
        std::fs::write(&path, text).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap();
    assert_eq!(on_disk, text, "{name} is not what that version wrote");
    on_disk
}

#[test]
fn the_tools_save_of_version_1_opens_as_a_workspace() {
    let inputs = lvyue::ui::state::Inputs {
        vat_amount: "254400".into(),
        deadline_n: "15".into(),
        ..Default::default()
    };
    let saved = Saved {
        lang: Lang::En,
        inputs,
    };
    // What `LocalStorage::set(KEY, saved)` wrote (gloo: serde_json::to_string).
    let text = check_fixture("tools-v1.json", &serde_json::to_string(&saved).unwrap());
    let ws = Workspace::from_json(&text).expect("the tools save migrates");
    assert_eq!(ws.format, "lvyue-workspace/1");
    assert_eq!(ws.lang, Lang::En);
    assert_eq!(ws.tools.vat_amount, "254400");
    assert_eq!(ws.tools.deadline_n, "15");
    assert!(ws.contract.is_none() && !ws.unexported);
}

/// The version-1 example as the first workspace version saved it (tests/fixtures/v1/).
fn v1_example(id: &str, part: &str) -> String {
    std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join(format!("tests/fixtures/v1/{id}.{part}.json")),
    )
    .unwrap()
}

/// 004 (as it was when the first workspace was saved) as of 2023-10-31, and a what-if in which
/// the second instalment is paid on 2023-09-30.
fn first_workspace() -> Workspace {
    let contract = load::load_contract(&v1_example("004-liyang-operations", "contract")).unwrap();
    let mut events =
        load::load_events_for(&contract, &v1_example("004-liyang-operations", "events")).unwrap();
    events.as_of = chrono::NaiveDate::from_ymd_opt(2023, 10, 31).unwrap();
    let mut paid = events.clone();
    let m1 = paid.payments[0].clone();
    paid.payments.push(lvyue::domain::events::Payment {
        milestone: "m2".into(),
        date: chrono::NaiveDate::from_ymd_opt(2023, 9, 30).unwrap(),
        ..m1
    });
    let mut ws = Workspace::with(contract, events, Lang::Zh, Default::default());
    ws.scenarios.push(Scenario {
        name: "m2 于 2023-09-30 付款".into(),
        events: paid,
        readings: Default::default(),
    });
    ws.compare = Some(1);
    ws
}

#[test]
fn a_workspace_saved_by_its_first_version_opens() {
    let ws = first_workspace();
    assert!(!ws.unexported);
    // 6049b9a's `to_json`: `serde_json::to_string_pretty(self)`, which wrote amounts as they
    // were read ("980000"); amounts now serialise with two decimals ("980000.00"), so the
    // fixture is kept as that version wrote it and must still open to the same workspace.
    let text = std::fs::read_to_string(fixture("workspace-6049b9a.json")).unwrap();
    assert!(text.contains(r#""total": "980000""#));
    assert!(!text.contains("unexported"));
    let back = Workspace::from_json(&text).expect("the first workspace format opens");
    assert_eq!(back, ws);
    assert_eq!(back.scenarios.len(), 2);
    assert_eq!(back.scenarios[0].events.as_of.to_string(), "2023-10-31");
}

#[test]
fn a_future_or_damaged_save_is_refused_with_its_reason() {
    let future = std::fs::read_to_string(fixture("workspace-v2-future.json")).unwrap();
    let e = Workspace::from_json(&future).unwrap_err();
    assert!(e.en.contains("lvyue-workspace/2"), "{}", e.en);
    let damaged = std::fs::read_to_string(fixture("workspace-damaged.json")).unwrap();
    let e = Workspace::from_json(&damaged).unwrap_err();
    assert!(e.en.contains("JSON syntax error"), "{}", e.en);
    assert_eq!(e.problems[0].code, "json.syntax");
    assert!(e.problems[0].line > 0 && e.problems[0].column > 0);
}
