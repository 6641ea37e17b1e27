//! `lvyue::api`: the calls the JavaScript module exports give what the CLI gives for the same
//! input, and every bad input is a list of located problems, never a panic.

use std::process::Command;

use lvyue::api::{self, ApiError, Input};
use serde_json::Value;

const IDS: [&str; 5] = [
    "000-cloud-services",
    "001-oa-maintenance",
    "002-im-platform",
    "003-insurance-datacentre",
    "004-liyang-operations",
];

fn path(id: &str, kind: &str) -> String {
    format!("{}/examples/{id}.{kind}.json", env!("CARGO_MANIFEST_DIR"))
}

fn read(id: &str, kind: &str) -> String {
    std::fs::read_to_string(path(id, kind)).expect("example file")
}

/// Stdout of the CLI (exit code as expected), without the final newline.
fn cli(args: &[&str], code: i32) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .output()
        .expect("the lvyue binary runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "lvyue {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout).expect("UTF-8");
    s.strip_suffix('\n').unwrap_or(&s).to_string()
}

fn report(c: &str, e: &str, o: &str) -> Value {
    serde_json::from_str(&api::evaluate(c, e, o).expect("evaluates")).expect("report JSON")
}

fn clause_total(r: &Value, clause: &str) -> String {
    r["penalties"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["clause"] == clause))
        .and_then(|p| p["total"].as_str())
        .unwrap_or_else(|| panic!("no clause {clause} in the report"))
        .to_string()
}

fn err(r: Result<String, ApiError>) -> ApiError {
    match r {
        Ok(s) => panic!("expected an error, got {}", &s[..s.len().min(200)]),
        Err(e) => e,
    }
}

#[test]
fn evaluate_equals_the_cli_for_every_example() {
    for id in IDS {
        let (cp, ep) = (path(id, "contract"), path(id, "events"));
        let want = cli(&["eval", &cp, "--events", &ep, "--format", "json"], 0);
        let got = api::evaluate(&read(id, "contract"), &read(id, "events"), "").expect(id);
        assert_eq!(got, want, "{id}: api::evaluate differs from lvyue eval");
        let got = api::evaluate(&read(id, "contract"), &read(id, "events"), "{}").expect(id);
        assert_eq!(got, want, "{id}: {{}} is not the defaults");
    }
}

#[test]
fn evaluate_takes_the_cli_options() {
    let (cp, ep) = (
        path("004-liyang-operations", "contract"),
        path("004-liyang-operations", "events"),
    );
    let (c, e) = (
        read("004-liyang-operations", "contract"),
        read("004-liyang-operations", "events"),
    );
    let want = cli(
        &[
            "eval",
            &cp,
            "--events",
            &ep,
            "--format",
            "json",
            "--lang",
            "en",
            "--as-of",
            "2023-03-01",
            "--reading",
            "附件2-5.3=times-1.01",
        ],
        0,
    );
    let got = api::evaluate(
        &c,
        &e,
        r#"{"lang":"en","as_of":"2023-03-01","readings":{"附件2-5.3":"times-1.01"}}"#,
    )
    .expect("evaluates");
    assert_eq!(got, want);
    let r: Value = serde_json::from_str(&got).unwrap();
    assert_eq!(r["as_of"], "2023-03-01");
    assert_eq!(r["readings"]["附件2-5.3"], "times-1.01");

    // Markdown and CSV as the CLI writes them.
    for (format, cli_format) in [("md", "md"), ("csv", "csv")] {
        let want = cli(
            &[
                "eval", &cp, "--events", &ep, "--format", cli_format, "--lang", "en",
            ],
            0,
        );
        let got = api::evaluate(&c, &e, &format!(r#"{{"lang":"en","format":"{format}"}}"#))
            .expect("evaluates");
        assert_eq!(got, want, "format {format}");
    }
}

#[test]
fn the_ecg_major_incident_alone_costs_49200() {
    // 004 with only the ECG major incident SEC-2022-02 (2 h, within 3 h): 25% × 196,800.
    let c = read("004-liyang-operations", "contract");
    let mut e: Value = serde_json::from_str(&read("004-liyang-operations", "events")).unwrap();
    let incidents = e["incidents"].as_array_mut().unwrap();
    incidents.retain(|i| i["id"] == "SEC-2022-02");
    assert_eq!(incidents.len(), 1);
    let r = report(&c, &e.to_string(), "");
    assert_eq!(clause_total(&r, "附件2-5.3"), "49200.00");
    // The whole record: 97,700.00 under the default reading (the CLI gives the same).
    let r = report(&c, &read("004-liyang-operations", "events"), "");
    assert_eq!(clause_total(&r, "附件2-5.3"), "97700.00");
}

#[test]
fn a_bad_contract_names_its_code_path_line_and_column() {
    let c = read("004-liyang-operations", "contract");
    let mut v: Value = serde_json::from_str(&c).unwrap();
    v["colour"] = Value::from("red");
    let bad = serde_json::to_string_pretty(&v).unwrap();
    let line = bad.lines().position(|l| l.contains("\"colour\"")).unwrap() + 1;
    let e = err(api::evaluate(
        &bad,
        &read("004-liyang-operations", "events"),
        "",
    ));
    let p = &e.problems[0];
    assert_eq!(p.input, Input::Contract);
    assert_eq!(e.code(), "field.unknown");
    assert_eq!(p.path, "colour");
    assert_eq!(p.line, line);
    assert!(p.column > 0);
    assert!(e
        .message(lvyue::domain::Lang::En)
        .starts_with(&format!("contract:{line}:")));
    let json: Value = serde_json::from_str(&e.to_json()).unwrap();
    let first = &json["problems"][0];
    for key in [
        "code", "severity", "path", "line", "column", "zh", "en", "input",
    ] {
        assert!(first.get(key).is_some(), "no {key} in {first}");
    }
    assert_eq!(first["input"], "contract");

    // Syntax: the one problem at its line and column.
    let e = err(api::evaluate("{\n  \"format\": oops\n}", "{}", ""));
    assert_eq!(e.code(), "json.syntax");
    assert_eq!((e.problems[0].line, e.problems[0].column), (2, 13));
}

#[test]
fn a_bad_record_names_its_place_and_both_files_are_read() {
    let c = read("004-liyang-operations", "contract");
    let mut v: Value = serde_json::from_str(&read("004-liyang-operations", "events")).unwrap();
    v["incidents"][0]["item"] = Value::from("no-such-item");
    let bad = serde_json::to_string_pretty(&v).unwrap();
    let e = err(api::evaluate(&c, &bad, r#"{"lang":"en"}"#));
    let p = &e.problems[0];
    assert_eq!(p.input, Input::Events);
    assert_eq!(p.path, "incidents[0].item");
    let line = bad
        .lines()
        .position(|l| l.contains("no-such-item"))
        .unwrap()
        + 1;
    assert_eq!(p.line, line);
    assert!(e
        .message(lvyue::domain::Lang::En)
        .contains("incidents[0].item"));

    // A broken contract and a broken record: the problems of both.
    let e = err(api::evaluate("[]", "{\"format\": 3}", ""));
    assert!(e.problems.iter().any(|p| p.input == Input::Contract));
    assert!(e.problems.iter().any(|p| p.input == Input::Events));
}

#[test]
fn bad_options_are_located_errors() {
    let (c, e) = (
        read("004-liyang-operations", "contract"),
        read("004-liyang-operations", "events"),
    );
    let cases: [(&str, &str, &str, (usize, usize)); 8] = [
        (
            "{\"lang\": \"en\",\n \"colour\": 1}",
            "field.unknown",
            "colour",
            (2, 2),
        ),
        ("{\"lang\": \"fr\"}", "options.lang", "lang", (1, 10)),
        (
            "{\"as_of\": \"2023-02-30\"}",
            "options.as-of",
            "as_of",
            (1, 11),
        ),
        ("{\"as_of\": 20230301}", "options.as-of", "as_of", (1, 11)),
        (
            "{\"readings\": {\"7.2\": 3}}",
            "options.reading",
            "readings[\"7.2\"]",
            (1, 22),
        ),
        (
            "{\"holidays\": [{\"format\": \"x\"}]}",
            "options.holidays",
            "holidays[0]",
            (1, 15),
        ),
        ("[1]", "options.not-object", "", (1, 1)),
        ("{\"lang\":", "json.syntax", "", (1, 8)),
    ];
    for (options, code, path, pos) in cases {
        let err = err(api::evaluate(&c, &e, options));
        let p = &err.problems[0];
        assert_eq!(p.input, Input::Options, "{options}");
        assert_eq!(err.code(), code, "{options}");
        assert_eq!(p.path, path, "{options}");
        assert_eq!(
            (p.line, p.column),
            pos,
            "{options}: {}",
            err.message(lvyue::domain::Lang::En)
        );
        assert!(!p.zh.is_empty() && !p.en.is_empty());
        // check takes the same options.
        assert_eq!(api::check(&c, options).unwrap_err().code(), code);
    }
    // Every problem at once; the message is in the language asked for even then.
    let err = err(api::evaluate(
        &c,
        &e,
        r#"{"lang":"en","a":1,"format":"pdf"}"#,
    ));
    assert_eq!(err.problems.len(), 2);
    assert!(err
        .message(api::sniff_lang(r#"{"lang":"en","a":1}"#))
        .contains("unknown option"));
    // A holiday schedule given in the options is used.
    let sched = r#"{"format":"lvyue-holidays/1","year":2030,"notice":{"title":"t"},"holidays":[]}"#;
    assert!(api::evaluate(&c, &e, &format!(r#"{{"holidays":[{sched}]}}"#)).is_ok());
    assert!(api::evaluate(
        &c,
        &e,
        &format!(r#"{{"holidays":[{}]}}"#, Value::from(sched))
    )
    .is_ok());
}

#[test]
fn check_equals_the_cli() {
    for id in IDS {
        let cp = path(id, "contract");
        let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
            .args(["check", &cp, "--json"])
            .output()
            .unwrap();
        let mut want: Value = serde_json::from_slice(&out.stdout).expect("check --json");
        want["files"][0]["file"] = Value::from("contract");
        let got: Value = serde_json::from_str(&api::check(&read(id, "contract"), "").unwrap())
            .expect("check JSON");
        assert_eq!(got, want, "{id}");
        assert_eq!(got["ok"], Value::Bool(out.status.code() == Some(0)), "{id}");
    }
    // A broken contract is an answer with its problems, not an error.
    let got: Value = serde_json::from_str(&api::check("{\"format\": 1}", "").unwrap()).unwrap();
    assert_eq!(got["ok"], Value::Bool(false));
    assert!(!got["files"][0]["problems"].as_array().unwrap().is_empty());
}

#[test]
fn schema_equals_the_cli() {
    for name in api::SCHEMAS {
        assert_eq!(
            api::schema(name).unwrap(),
            cli(&["schema", name], 0),
            "{name}"
        );
        let v: Value = serde_json::from_str(&api::schema(name).unwrap()).unwrap();
        assert!(v["$schema"].is_string() && v["title"].is_string(), "{name}");
    }
    let e = err(api::schema("workspace"));
    assert_eq!(e.code(), "schema.unknown");
    assert_eq!(e.problems[0].input, Input::Schema);
    assert!(e.message(lvyue::domain::Lang::En).contains("workspace"));
}

#[test]
fn nothing_panics_on_odd_input() {
    let c = read("001-oa-maintenance", "contract");
    let e = read("001-oa-maintenance", "events");
    let odd = [
        "",
        " ",
        "null",
        "0",
        "\"x\"",
        "{",
        "}",
        "[",
        "\u{feff}{}",
        "{\"readings\":[]}",
        "{\"holidays\":{}}",
        "{\"holidays\":[1,\"{\"]}",
        "{\"as_of\":\"\"}",
        "{\"lang\":null}",
        "{\"\":1}",
        "{\"a.b\":1}",
    ];
    for o in odd {
        let _ = api::evaluate(&c, &e, o);
        let _ = api::evaluate(o, o, o);
        let _ = api::check(o, o);
        let _ = api::schema(o);
    }
    assert!(api::evaluate(&c, &e, "\u{feff}{}").is_ok());
    assert!(!api::version().is_empty());
}
