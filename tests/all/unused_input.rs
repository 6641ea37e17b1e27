//! Tests: what the figures would not use is said, beside the figure it would have changed.
//!
//! A consent a clause cannot use, a reading a clause does not have, a complaint level no
//! clause prices, an as-of date before signing: each is a warning in the report naming its
//! path and the clause it concerns, or (a reading asked for on the command line or through the
//! API) an error listing what there is.

use lvyue::api::{self, Input};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::load;
use lvyue::domain::report::{Report, Warning};
use lvyue::domain::Lang;

fn example(id: &str, kind: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/examples/{id}.{kind}.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .expect("example file")
}

fn load_pair(id: &str) -> (Contract, Events) {
    let c = load::load_contract(&example(id, "contract")).expect("contract");
    let e = load::load_events_for(&c, &example(id, "events")).expect("events");
    (c, e)
}

fn run(c: &Contract, e: &Events, options: &Options) -> Report {
    engine::evaluate(c, e, &Calendar::china(), options).expect("evaluates")
}

fn warning<'r>(r: &'r Report, code: &str) -> Vec<&'r Warning> {
    r.warnings.iter().filter(|w| w.code == code).collect()
}

#[test]
fn a_consent_the_clause_cannot_use_is_a_warning_beside_it() {
    // 000's record: a verbal consent under §4.4(2), which waives only for written consent.
    let (c, mut e) = load_pair("000-cloud-services");
    let r = run(&c, &e, &Options::default());
    let w = warning(&r, "consent.unused");
    assert_eq!(w.len(), 1, "{:?}", r.warnings);
    assert_eq!(w[0].clause.as_deref(), Some("4.4(2)"));
    assert_eq!(w[0].path.as_deref(), Some("consents[1]"));
    assert!(w[0].zh.contains("不是书面"), "{}", w[0].zh);
    // A written consent under §4.3, which has neither grace nor a waiver: used by nothing.
    e.consents
        .push(serde_json::from_str(r#"{ "clause": "4.3", "date": "2024-03-28" }"#).unwrap());
    let r = run(&c, &e, &Options::default());
    let w = warning(&r, "consent.unused");
    let w = w
        .iter()
        .find(|w| w.clause.as_deref() == Some("4.3"))
        .expect("a warning for 4.3");
    assert_eq!(w.path.as_deref(), Some("consents[3]"));
    assert!(
        w.en.contains("no grace by consent and no waiver"),
        "{}",
        w.en
    );
    // The loader says the same, located.
    let text = serde_json::to_string_pretty(&e).unwrap();
    let (_, problems) = load::inspect_events(&c, &text);
    assert!(problems.iter().any(|p| p.code == "consent.unused"
        && p.path == "consents[3]"
        && p.line > 0
        && !p.is_error()
        && p.clause.as_deref() == Some("4.3")));
}

#[test]
fn a_complaint_level_no_clause_prices_is_a_warning_beside_the_clause() {
    // 004 REQ-02 led to a complaint to the city government: × 2 under 附件2-5.4.4(2).
    let (c, mut e) = load_pair("004-liyang-operations");
    let total = |r: &Report| {
        r.penalties
            .iter()
            .find(|p| p.clause == "附件2-5.4.4(2)")
            .and_then(|p| p.lines.iter().find(|l| l.subject == "REQ-02"))
            .map(|l| l.uncapped)
            .unwrap()
    };
    let before = total(&run(&c, &e, &Options::default()));
    let i = e
        .requirements
        .iter()
        .position(|q| q.id == "REQ-02")
        .unwrap();
    e.requirements[i].complaint = Some("市政府".into());
    let r = run(&c, &e, &Options::default());
    assert!(total(&r) < before, "no multiplier for an unknown level");
    let w = warning(&r, "complaint.unknown");
    assert_eq!(w.len(), 1, "{:?}", r.warnings);
    assert_eq!(w[0].clause.as_deref(), Some("附件2-5.4.4(2)"));
    assert_eq!(
        w[0].path.as_deref(),
        Some(format!("requirements[{i}].complaint").as_str())
    );
    assert!(w[0].en.contains("city_government") && w[0].en.contains("health_bureau"));
}

#[test]
fn an_as_of_date_before_signing_is_a_warning() {
    let (c, mut e) = load_pair("004-liyang-operations");
    e.as_of = "2021-07-20".parse().unwrap();
    let r = run(&c, &e, &Options::default());
    let w = warning(&r, "as-of.before-signing");
    assert_eq!(w.len(), 1);
    assert_eq!(
        (w[0].path.as_deref(), w[0].clause.as_deref()),
        (Some("as_of"), None)
    );
}

#[test]
fn a_reading_the_clause_does_not_have_is_an_error_listing_those_it_has() {
    let (c, e) = (
        example("004-liyang-operations", "contract"),
        example("004-liyang-operations", "events"),
    );
    let cases = [
        (
            "{\"readings\": {\"附件2-5.3\": \"times-1.1\"}}",
            "reading.unknown",
            "readings[\"附件2-5.3\"]",
        ),
        (
            "{\"readings\": {\"9.9\": \"low\"}}",
            "reading.clause",
            "readings[\"9.9\"]",
        ),
        (
            "{\"readings\": {\"7.3\": \"low\"}}",
            "reading.clause",
            "readings[\"7.3\"]",
        ),
    ];
    for (options, code, path) in cases {
        let err = match api::evaluate(&c, &e, options) {
            Ok(_) => panic!("{options}: evaluated"),
            Err(e) => e,
        };
        let p = &err.problems[0];
        assert_eq!(
            (p.input, p.code.as_str(), p.path.as_str()),
            (Input::Options, code, path)
        );
        assert_eq!(p.line, 1, "{options}: located in the options");
        assert!(p.column > 1, "{options}");
    }
    let err = api::evaluate(&c, &e, cases[0].0).unwrap_err();
    let msg = err.message(Lang::En);
    assert!(
        msg.contains("plus-1-point") && msg.contains("times-1.01"),
        "{msg}"
    );
    assert!(err.message(Lang::Zh).contains("可选"));
}

#[test]
fn the_command_line_refuses_a_reading_typo() {
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args([
            "eval",
            &format!("{dir}/004-liyang-operations.contract.json"),
            "--events",
            &format!("{dir}/004-liyang-operations.events.json"),
            "--reading",
            "附件2-5.3=typo",
            "--lang",
            "en",
        ])
        .output()
        .expect("lvyue runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--reading") && err.contains("\"typo\"") && err.contains("times-1.01"),
        "{err}"
    );
}

#[test]
fn the_engine_warns_of_a_reading_it_cannot_use_and_uses_the_default() {
    // The page evaluates through the engine: a saved or embedded reading the clause lacks.
    let (c, e) = load_pair("004-liyang-operations");
    let mut options = Options::default();
    options
        .readings
        .insert("附件2-5.3".into(), "times-1.1".into());
    let r = run(&c, &e, &options);
    assert_eq!(
        r.readings.get("附件2-5.3").map(String::as_str),
        Some("plus-1-point")
    );
    let w = warning(&r, "reading.unknown");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].clause.as_deref(), Some("附件2-5.3"));
    assert_eq!(w[0].path.as_deref(), Some("readings[\"附件2-5.3\"]"));
}

/// The `record.unused` warnings of a record: (path, English message).
fn unused(c: &Contract, e: &Events) -> Vec<(String, String)> {
    run(c, e, &Options::default())
        .warnings
        .iter()
        .filter(|w| w.code == "record.unused")
        .map(|w| (w.path.clone().unwrap_or_default(), w.en.clone()))
        .collect()
}

#[test]
fn a_moment_no_timer_reads_is_said_once_at_its_first_entry() {
    // 004's timers run from `reported` to `responded` and `resolved`; its record also gives the
    // time an engineer arrived on site, which no clause of 004 reads.
    let (c, e) = load_pair("004-liyang-operations");
    let w = unused(&c, &e);
    let on_site: Vec<_> = w.iter().filter(|(p, _)| p.ends_with(".on_site")).collect();
    assert_eq!(on_site.len(), 1, "{w:?}");
    assert_eq!(on_site[0].0, "incidents[0].on_site");
    assert!(
        on_site[0].1.contains("1 record(s) give an on-site time"),
        "{w:?}"
    );
    // The loader lists it too, in both languages, located in the record's text.
    let (_, problems) = load::inspect_events(&c, &example("004-liyang-operations", "events"));
    let p = problems
        .iter()
        .find(|p| p.code == "record.unused")
        .expect("listed");
    assert!(p.line > 0 && p.zh.contains("到场时间") && p.zh.contains("不改变任何数字"));
}

#[test]
fn invoices_no_payment_waits_for_are_said() {
    // 000's payments fall due after acceptance and usage, none after an invoice.
    let (c, e) = load_pair("000-cloud-services");
    let w = unused(&c, &e);
    assert!(
        w.iter()
            .any(|(p, m)| p == "invoices[0].date" && m.starts_with("3 record(s)")),
        "{w:?}"
    );
    // 002's payments are due 15 days after the invoice: no warning.
    let (c, e) = load_pair("002-im-platform");
    assert!(unused(&c, &e)
        .iter()
        .all(|(p, _)| !p.starts_with("invoices")));
}

#[test]
fn entries_of_a_kind_no_clause_reads_are_said() {
    // 000 has no requirement clause and no clause on the audited price.
    let (c, mut e) = load_pair("000-cloud-services");
    e.requirements.push(
        serde_json::from_value(serde_json::json!({
            "id": "R1", "submitted": "2024-07-01T09:00:00", "complexity": "ordinary"
        }))
        .unwrap(),
    );
    e.facts.audited_price = Some("190000".parse().unwrap());
    let w = unused(&c, &e);
    let paths: Vec<&str> = w.iter().map(|(p, _)| p.as_str()).collect();
    assert!(paths.contains(&"requirements[0]"), "{w:?}");
    assert!(paths.contains(&"facts.audited_price"), "{w:?}");
    // 004 prices staff who left without filing, not staff who did not respond.
    let (c, mut e) = load_pair("004-liyang-operations");
    let before = unused(&c, &e);
    assert!(
        before.iter().all(|(p, _)| !p.starts_with("staff[")),
        "{before:?}"
    );
    e.staff.push(
        serde_json::from_value(serde_json::json!({"kind": "unresponsive", "date": "2023-03-02"}))
            .unwrap(),
    );
    let w = unused(&c, &e);
    let staff: Vec<_> = w.iter().filter(|(p, _)| p.starts_with("staff[")).collect();
    assert_eq!(staff.len(), 1, "{w:?}");
    assert_eq!(staff[0].0, format!("staff[{}].kind", e.staff.len() - 1));
    assert!(staff[0]
        .1
        .contains("no clause of the contract prices this kind"));
}
