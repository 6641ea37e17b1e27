//! The `lvyue` command-line tool, run as a process: real figures out, clear errors in, no panics.

use std::process::{Command, Output};

use serde_json::Value;

fn lvyue(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .output()
        .expect("the lvyue binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "lvyue {args:?} panicked: {stderr}"
    );
    assert_ne!(out.status.code(), Some(101), "lvyue {args:?} panicked");
    out
}

/// Stdout of a successful run.
fn ok(args: &[&str]) -> String {
    let out = lvyue(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "lvyue {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// Stdout of a successful `--json` run, parsed.
fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(&all)).expect("--json prints JSON")
}

/// Stderr of a run that must fail with exit code 2.
fn error(args: &[&str]) -> String {
    let out = lvyue(args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "lvyue {args:?} should fail with 2; stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).expect("UTF-8 errors")
}

#[test]
fn workday_says_why() {
    let zh = ok(&["workday", "2024-02-04"]);
    assert!(zh.contains("调休"), "{zh}");
    assert!(zh.contains("春节"), "{zh}");
    let en = ok(&["workday", "2024-02-04", "--lang", "en"]);
    assert!(en.to_lowercase().contains("make-up"), "{en}");
    let v = json(&["workday", "2026-02-23"]);
    assert_eq!(v["day"]["working"], Value::Bool(false), "{v}");
    assert!(v["text"].as_str().unwrap_or("").contains("春节"), "{v}");
    let v = json(&["workday", "2024-02-04"]);
    assert_eq!(v["day"]["working"], Value::Bool(true), "{v}");
}

#[test]
fn workday_warns_for_a_year_without_a_schedule() {
    let zh = ok(&["workday", "2027-03-01"]);
    assert!(zh.contains("2027"), "{zh}");
    let en = ok(&["workday", "2027-03-01", "--lang=en"]);
    assert!(en.contains("2027") && en.contains("weekends"), "{en}");
}

#[test]
fn deadlines_of_the_acceptance_list() {
    assert!(ok(&["deadline", "2024-03-01", "30", "days"]).contains("2024-04-01"));
    assert!(ok(&["deadline", "2024-03-01", "30", "days", "--no-extension"]).contains("2024-03-31"));
    assert!(ok(&["deadline", "2024-01-31", "1", "months"]).contains("2024-02-29"));
    assert!(ok(&["deadline", "2022-09-26", "10", "workdays"]).contains("2022-10-13"));
    let zh = ok(&["deadline", "2024-09-21", "10", "days"]);
    assert!(
        zh.contains("2024-10-08") && zh.contains("国庆") && zh.contains("第二百零三条"),
        "{zh}"
    );
    let en = ok(&["deadline", "2024-09-21", "10", "days", "--lang", "en"]);
    assert!(
        en.contains("2024-10-08") && en.contains("National Day") && en.contains("Art. 203"),
        "{en}"
    );
    assert!(ok(&["deadline", "2024-03-01T22:00", "4", "hours"]).contains("2024-03-02 02:00"));
    assert!(
        ok(&["deadline", "2024-03-01", "4", "hours", "--time", "22:00"])
            .contains("2024-03-02 02:00")
    );
}

#[test]
fn deadline_json_carries_the_date_and_the_explanation() {
    let v = json(&["deadline", "2024-03-01", "30", "days", "--lang", "en"]);
    let text = v.to_string();
    assert!(text.contains("2024-04-01"), "{text}");
    let steps = v["explanation"].as_array().expect("an explanation list");
    assert!(steps.len() >= 2, "{text}");
}

#[test]
fn words_write_and_check() {
    assert!(ok(&["words", "405000"]).contains("肆拾万伍仟元整"));
    assert!(ok(&["words", "1,350,000.00"]).contains("壹佰叁拾伍万元整"));
    assert!(ok(&["words", "980000"]).contains("玖拾捌万元整"));
    assert!(ok(&["words", "16409.02"]).contains("壹万陆仟肆佰零玖元零贰分"));
    // 002 writes 千 where the standard numeral is 仟: the value agrees, the form does not.
    let out = ok(&["words", "--check", "405000", "肆拾万伍千元整"]);
    assert!(out.contains('仟') && out.contains('千'), "{out}");
    let v = json(&["words", "--check", "405000", "肆拾万伍千元整"]);
    assert_eq!(v["check"]["matches"], Value::Bool(true), "{v}");
    assert_eq!(
        v["check"]["findings"].as_array().map(Vec::len),
        Some(1),
        "{v}"
    );
    // A figure the words do not say: exit code 1, and the difference shown.
    let out = lvyue(&[
        "words",
        "--check",
        "450000",
        "肆拾万伍仟元整",
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("405,000.00") && text.contains("450,000.00"),
        "{text}"
    );
}

#[test]
fn vat_splits_the_contract_figures() {
    let out = ok(&["vat", "980000", "6%"]);
    assert!(
        out.contains("924,528.30") && out.contains("55,471.70"),
        "{out}"
    );
    let v = json(&["vat", "254,400", "6%"]);
    assert_eq!(v["vat"]["net"], "240000.00", "{v}");
    assert_eq!(v["vat"]["tax"], "14400.00", "{v}");
}

#[test]
fn bad_input_is_named_in_the_chosen_language() {
    for lang in ["zh", "en"] {
        assert!(error(&["workday", "2023-02-29", "--lang", lang]).contains("2023-02-29"));
        assert!(error(&["words", "12a3.4元", "--lang", lang]).contains("12a3.4元"));
        assert!(error(&["vat", "980000", "abc", "--lang", lang]).contains("abc"));
        assert!(error(&["deadline", "2024-03-01", "-3", "days", "--lang", lang]).contains("-3"));
        assert!(
            error(&["deadline", "2024-03-01", "3", "fortnights", "--lang", lang])
                .contains("fortnights")
        );
    }
    let zh = error(&["workday", "2023-02-29"]);
    let en = error(&["workday", "2023-02-29", "--lang", "en"]);
    assert_ne!(zh, en, "the two languages must differ");
    assert!(error(&["frobnicate"]).contains("frobnicate"));
    assert!(error(&["--lang", "fr", "workday", "2024-01-01"]).contains("fr"));
    assert!(error(&["workday"]).contains("DATE"));
    assert!(error(&["vat", "980000", "6%", "extra"]).contains("extra"));
}

#[test]
fn json_errors_are_json() {
    let out = lvyue(&["vat", "980000", "abc", "--json", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).expect("a JSON error");
    assert!(v["message"].as_str().unwrap_or("").contains("abc"), "{v}");
}

#[test]
fn a_user_schedule_adds_a_year() {
    let dir = std::env::temp_dir().join(format!("lvyue-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("2027.json");
    // Test data, not the real 2027 schedule: 2027-03-01 (a Monday) made a day off.
    let schedule = r#"{
      "format": "lvyue-holidays/1",
      "year": 2027,
      "notice": { "title": "test schedule" },
      "holidays": [ { "name": { "zh": "测试假日", "en": "Test holiday" },
                      "off": { "from": "2027-03-01", "to": "2027-03-01" }, "makeup": [] } ]
    }"#;
    std::fs::write(&file, schedule).expect("write the schedule");
    let path = file.to_string_lossy().to_string();
    let v = json(&["workday", "2027-03-01", "--holidays", &path]);
    assert_eq!(v["day"]["working"], Value::Bool(false), "{v}");
    assert!(
        error(&["workday", "2027-03-01", "--holidays", "/nonexistent/x.json"])
            .contains("/nonexistent/x.json")
    );
}

#[test]
fn help_and_version() {
    assert!(ok(&["--help"]).contains("deadline"));
    assert!(ok(&["--help", "--lang", "en"]).contains("Usage"));
    assert!(ok(&["--version"]).contains(env!("CARGO_PKG_VERSION")));
}

// ---- contract and events files ---------------------------------------------------------------

fn temp_file(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("lvyue-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

const CONTRACT: &str = r#"{
  "format": "lvyue-contract/2", "id": "t", "title": "测试合同",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "980000", "total_in_words": "玖拾捌万元整",
  "clauses": [
    { "id": "7.2", "title": { "zh": "逾期服务" }, "rule": { "kind": "penalty", "payer": "seller",
      "trigger": { "on": "occurrence" },
      "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "100" } } } }
  ]
}"#;

const EVENTS: &str = r#"{ "format": "lvyue-events/2", "contract": "t", "as_of": "2024-06-01",
  "dates": { "signing": "2024-01-01" },
  "occurrences": [ { "clause": "7.2", "date": "2024-03-01" } ] }"#;

#[test]
fn schema_prints_json_schemas() {
    let s = ok(&["schema", "contract"]);
    let v: Value = serde_json::from_str(&s).expect("a JSON schema");
    assert!(v.is_object());
    assert!(s.contains("lvyue-contract/2"), "{s}");
    assert!(ok(&["schema", "events"]).contains("lvyue-events/2"));
    assert!(ok(&["schema", "report"]).contains("lvyue-report/1"));
    assert!(error(&["schema", "nonsense"]).contains("contract"));
}

#[test]
fn check_exits_1_on_an_invalid_file_and_0_on_a_valid_one() {
    let good = temp_file("good.contract.json", CONTRACT);
    let out = lvyue(&["check", &good]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let bad = temp_file(
        "bad.contract.json",
        &CONTRACT.replace(
            "\"total\": \"980000\"",
            "\"total\": \"980000\", \"colour\": 1",
        ),
    );
    let out = lvyue(&["check", &bad, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("{bad}:4:")) && text.contains("colour"),
        "{text}"
    );
    let words = temp_file(
        "words.contract.json",
        &CONTRACT.replace("玖拾捌万元整", "玖拾万元整"),
    );
    assert_eq!(lvyue(&["check", &words]).status.code(), Some(1));
    let v: Value =
        serde_json::from_slice(&lvyue(&["check", &words, "--json"]).stdout).expect("JSON");
    assert_eq!(v["ok"], Value::Bool(false));
}

#[test]
fn eval_renders_json_markdown_and_csv() {
    let c = temp_file("e.contract.json", CONTRACT);
    let e = temp_file("e.events.json", EVENTS);
    let v: Value =
        serde_json::from_str(&ok(&["eval", &c, "--events", &e, "--format", "json"])).expect("JSON");
    assert_eq!(v["format"], "lvyue-report/1");
    assert_eq!(v["as_of"], "2024-06-01");
    let v: Value = serde_json::from_str(&ok(&[
        "eval",
        &c,
        "--events",
        &e,
        "--json",
        "--as-of",
        "2024-07-01",
    ]))
    .expect("JSON");
    assert_eq!(v["as_of"], "2024-07-01");
    assert!(ok(&["eval", &c, "--events", &e]).starts_with("# 测试合同"));
    assert!(ok(&["eval", &c, "--events", &e, "--format", "csv"]).starts_with('\u{feff}'));
    assert!(error(&["eval", &c, "--events", &e, "--format", "pdf"]).contains("pdf"));
    assert!(error(&["eval", &c, "--events", &e, "--reading", "oops"]).contains("oops"));
    assert!(error(&["eval", &c]).contains("--events"));
}

#[test]
fn eval_lists_every_problem_as_file_line_column() {
    let c = temp_file(
        "p.contract.json",
        &CONTRACT.replace(
            "\"payer\": \"seller\"",
            "\"payer\": \"seller\", \"oops\": 1",
        ),
    );
    let e = temp_file(
        "p.events.json",
        &EVENTS.replace("\"as_of\": \"2024-06-01\"", "\"as_of\": \"2024-06-31\""),
    );
    let err = error(&["eval", &c, "--events", &e, "--lang", "en"]);
    assert!(
        err.contains(&format!("{c}:6:")) && err.contains("clauses[0].rule.oops"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{e}:1:")) && err.contains("as_of"),
        "{err}"
    );
    let e2 = temp_file("p2.events.json", &EVENTS.replace("\"7.2\"", "\"9.9\""));
    let good = temp_file("p2.contract.json", CONTRACT);
    let err = error(&["eval", &good, "--events", &e2]);
    assert!(
        err.contains(&format!("{e2}:3:")) && err.contains("occurrences[0].clause"),
        "{err}"
    );
}

#[test]
fn committed_schemas_match_the_tool() {
    for k in ["contract", "events", "report"] {
        let committed = std::fs::read_to_string(format!(
            "{}/docs/schema/{k}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .expect("committed schema");
        let a: Value = serde_json::from_str(&committed).expect("JSON");
        let b: Value = serde_json::from_str(&ok(&["schema", k])).expect("JSON");
        assert_eq!(
            a, b,
            "docs/schema/{k}.json is stale: regenerate with `lvyue schema {k}`"
        );
    }
}
