//! Tests: formats — loading with located problems, validation, document checks, explanations.

use chrono::NaiveDate;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::checks::check;
use lvyue::domain::contract::{Contract, Label, Span, SpanUnit};
use lvyue::domain::load::{
    inspect_contract, inspect_events, load_contract, load_contract_bytes, load_events,
    load_events_for, Problem,
};
use lvyue::domain::money::{Amount, Rate};
use lvyue::domain::report::{Finding, Named, Severity, Step};
use lvyue::domain::{Lang, Localize};
use serde_json::{json, Value};

fn problems(text: &str) -> Vec<Problem> {
    match load_contract(text) {
        Ok(_) => Vec::new(),
        Err(p) => p.0,
    }
}

fn find<'a>(ps: &'a [Problem], code: &str) -> &'a Problem {
    ps.iter()
        .find(|p| p.code == code)
        .unwrap_or_else(|| panic!("no {code} in {ps:#?}"))
}

/// A valid contract with one of everything, as a value to mutate.
fn base() -> Value {
    json!({
        "format": "lvyue-contract/2",
        "id": "t",
        "title": "测试合同",
        "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
        "total": "100000",
        "items": [
            { "id": "a", "name": { "zh": "甲" }, "amount": "60000" },
            { "id": "b", "name": { "zh": "乙" }, "amount": "40000" }
        ],
        "events": [ { "id": "go_live", "label": { "zh": "上线" } } ],
        "levels": [ { "id": "I", "label": { "zh": "一级" } }, { "id": "II", "label": { "zh": "二级" } } ],
        "deadlines": [ { "id": "live", "label": { "zh": "上线" },
                         "due": { "event": "signing", "after": { "n": 30, "unit": "days" } },
                         "done": "go_live" } ],
        "clauses": [
            { "id": "1", "title": { "zh": "逾期上线" }, "rule": { "kind": "penalty", "payer": "seller",
              "trigger": { "on": "deadline", "deadline": "live" },
              "formula": { "type": "per_day", "rate": "0.03%", "base": { "of": "total" } },
              "cap": { "rate": "10%", "base": { "of": "total" } } } },
            { "id": "2", "title": { "zh": "首付款" }, "rule": { "kind": "payment", "id": "m1",
              "label": { "zh": "首付款" }, "amount": { "type": "rate", "rate": "100%", "base": { "of": "total" } },
              "due": { "event": "go_live", "after": { "n": 15, "unit": "days" } } } },
            { "id": "3", "title": { "zh": "响应" }, "rule": { "kind": "sla", "applies_to": "incidents",
              "timers": [ { "id": "response", "label": { "zh": "响应" }, "from": "reported", "to": "responded",
                            "limits": [ { "within": { "n": 30, "unit": "minutes" } } ] } ] } },
            { "id": "4", "title": { "zh": "巡检" }, "rule": { "kind": "obligation", "party": "seller",
              "schedule": { "type": "every", "every": "quarter" } } },
            { "id": "5", "title": { "zh": "其他违约" }, "rule": { "kind": "penalty", "payer": "seller",
              "trigger": { "on": "occurrence" },
              "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1000" } } } }
        ]
    })
}

fn text(v: &Value) -> String {
    serde_json::to_string_pretty(v).expect("JSON")
}

fn contract(v: &Value) -> Contract {
    load_contract(&text(v)).unwrap_or_else(|p| panic!("{p}"))
}

/// A change to the base contract.
type Edit = Box<dyn Fn(&mut Value)>;

fn codes_after(f: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut v = base();
    f(&mut v);
    let (_, ps) = inspect_contract(&text(&v));
    ps
}

#[test]
fn the_base_contract_is_clean() {
    let (c, ps) = inspect_contract(&text(&base()));
    assert!(c.is_some());
    assert!(ps.is_empty(), "{ps:#?}");
}

#[test]
fn a_syntax_error_is_one_problem_at_its_place() {
    let ps = problems("{\n  \"format\": \"lvyue-contract/2\",\n  \"id\": \n}");
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].code, "json.syntax");
    assert_eq!((ps[0].line, ps[0].column), (4, 1));
    assert!(ps[0].zh.contains("JSON") && ps[0].en.contains("JSON"));
}

#[test]
fn empty_files_invalid_utf8_and_deep_nesting_are_clean_errors() {
    for t in ["", "   \n", "\u{feff}"] {
        let ps = problems(t);
        assert_eq!(ps[0].code, "json.empty", "{t:?}");
        assert_eq!((ps[0].line, ps[0].column), (1, 1));
    }
    let err = load_contract_bytes(b"{\n \"id\": \"\xff\"}").unwrap_err();
    assert_eq!(err.0[0].code, "text.invalid-utf8");
    assert_eq!((err.0[0].line, err.0[0].column), (2, 9));
    let deep = "[".repeat(10_000);
    assert_eq!(problems(&deep)[0].code, "json.too-deep");
    let deep = format!(
        "{{\"format\": {}{}}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_eq!(problems(&deep)[0].code, "json.too-deep");
    assert_eq!(
        load_events(&"[".repeat(10_000)).unwrap_err().0[0].code,
        "json.too-deep"
    );
    assert_eq!(problems("[1, 2]")[0].code, "json.not-object");
}

#[test]
fn a_bom_is_tolerated() {
    let t = format!("\u{feff}{}", text(&base()));
    assert!(load_contract(&t).is_ok());
    assert!(load_contract_bytes(t.as_bytes()).is_ok());
    // Positions after a BOM count from the first real character.
    let t = "\u{feff}{\"format\": \"x\"}";
    let p = find(&problems(t), "format.tag").clone();
    assert_eq!((p.line, p.column), (1, 12));
}

#[test]
fn unknown_field_in_a_clause_is_named_with_its_position() {
    let t = r#"{
  "format": "lvyue-contract/2", "id": "t", "title": "测试",
  "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } },
  "clauses": [
    { "id": "1", "title": { "zh": "条" }, "colour": "red",
      "rule": { "kind": "penalty", "payer": "seller", "trigger": { "on": "occurrence" },
                "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1" } } } }
  ]
}"#;
    let ps = problems(t);
    let p = find(&ps, "field.unknown");
    assert_eq!(p.path, "clauses[0].colour");
    assert_eq!((p.line, p.column), (5, 42));
    assert!(p.en.contains("colour") && p.zh.contains("colour"));
    assert!(p.expected.as_deref().unwrap_or("").contains("rule"));
    assert_eq!(p.severity, Severity::Error);
}

#[test]
fn problems_in_different_clauses_are_all_listed_inside_tagged_parts() {
    let t = r#"{
  "format": "lvyue-contract/2", "id": "t", "title": "测试",
  "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } },
  "clauses": [
    { "id": "1", "title": { "zh": "a" }, "rule": { "kind": "penalty", "payer": "seller",
      "trigger": { "on": "occurrence" },
      "formula": { "type": "per_day", "rate": "three", "base": { "of": "total" } } } },
    { "id": "2", "title": { "zh": "b" }, "rule": { "kind": "penalty", "payer": "seller",
      "trigger": { "on": "occurrence", "extra": 1 },
      "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1" } } } },
    { "id": "3", "title": { "zh": "c" }, "rule": { "kind": "payment", "id": "m1", "label": { "zh": "x" },
      "amount": { "type": "fixed", "amount": "1" }, "due": { "event": "signing" }, "retention": "yes" } }
  ],
  "total": 12.5
}"#;
    let ps = problems(t);
    assert!(ps.len() >= 4, "{ps:#?}");
    let rate = ps
        .iter()
        .find(|p| p.path == "clauses[0].rule.formula.rate")
        .unwrap_or_else(|| panic!("{ps:#?}"));
    assert_eq!(rate.code, "value.invalid");
    assert_eq!((rate.line, rate.column), (7, 47));
    let extra = find(&ps, "field.unknown");
    assert_eq!(extra.path, "clauses[1].rule.trigger.extra");
    assert_eq!((extra.line, extra.column), (9, 40));
    let typ = ps
        .iter()
        .find(|p| p.path == "clauses[2].rule.retention")
        .unwrap_or_else(|| panic!("{ps:#?}"));
    assert_eq!(typ.code, "value.type");
    assert_eq!((typ.line, typ.column), (12, 97));
    let total = ps
        .iter()
        .find(|p| p.path == "total")
        .unwrap_or_else(|| panic!("{ps:#?}"));
    assert_eq!((total.line, total.column), (14, 12));
    // In the order of the text.
    let lines: Vec<usize> = ps.iter().map(|p| p.line).collect();
    let mut sorted = lines.clone();
    sorted.sort();
    assert_eq!(lines, sorted);
}

#[test]
fn missing_fields_wrong_tags_duplicate_keys_and_unknown_variants() {
    let ps = problems("{\n  \"format\": \"lvyue-contract/3\",\n  \"id\": \"t\", \"id\": \"u\"\n}");
    let tag = find(&ps, "format.tag");
    assert_eq!((tag.path.as_str(), tag.line, tag.column), ("format", 2, 13));
    assert_eq!(tag.expected.as_deref(), Some("lvyue-contract/2"));
    let dup = find(&ps, "json.duplicate-key");
    assert_eq!((dup.path.as_str(), dup.line, dup.column), ("id", 3, 14));
    let missing: Vec<&Problem> = ps.iter().filter(|p| p.code == "field.missing").collect();
    assert_eq!(missing.len(), 2, "{ps:#?}");
    assert!(missing.iter().any(|p| p.en.contains("parties")));
    let ps = codes_after(|v| v["clauses"][0]["rule"]["payer"] = json!("nobody"));
    let p = find(&ps, "value.unknown-variant");
    assert_eq!(p.path, "clauses[0].rule.payer");
    let ps = codes_after(|v| v["levels"][0]["label"] = json!({ "zh": "一", "fr": "un" }));
    assert_eq!(find(&ps, "field.unknown").path, "levels[0].label.fr");
    let err =
        load_events(r#"{ "format": "lvyue-contract/2", "as_of": "2024-13-01" }"#).unwrap_err();
    assert!(err.0.iter().any(|p| p.code == "format.tag"));
    assert!(err.0.iter().any(|p| p.path == "as_of"));
}

#[test]
fn duplicate_ids_are_errors_at_the_second_id() {
    let cases: Vec<(Edit, &str)> = vec![
        (
            Box::new(|v| v["items"][1]["id"] = json!("a")),
            "items[1].id",
        ),
        (
            Box::new(|v| v["levels"][1]["id"] = json!("I")),
            "levels[1].id",
        ),
        (
            Box::new(|v| v["clauses"][1]["id"] = json!("1")),
            "clauses[1].id",
        ),
        (
            Box::new(|v| {
                let mut e = v["events"][0].clone();
                e["label"] = json!({ "zh": "再" });
                v["events"].as_array_mut().unwrap().push(e);
            }),
            "events[1].id",
        ),
        (
            Box::new(|v| {
                let d = v["deadlines"][0].clone();
                v["deadlines"].as_array_mut().unwrap().push(d);
            }),
            "deadlines[1].id",
        ),
        (
            Box::new(|v| {
                let mut c = v["clauses"][1].clone();
                c["id"] = json!("2b");
                v["clauses"].as_array_mut().unwrap().push(c);
            }),
            "clauses[5].rule.id",
        ),
        (
            Box::new(|v| {
                let t = v["clauses"][2]["rule"]["timers"][0].clone();
                v["clauses"][2]["rule"]["timers"]
                    .as_array_mut()
                    .unwrap()
                    .push(t);
            }),
            "clauses[2].rule.timers[1].id",
        ),
    ];
    for (f, path) in cases {
        let ps = codes_after(f);
        let p = find(&ps, "id.duplicate");
        assert_eq!(p.path, path);
        assert!(p.line > 0 && p.column > 0);
    }
}

#[test]
fn dangling_references_name_their_kind_and_path() {
    let cases: Vec<(Edit, &str, &str)> = vec![
        (
            Box::new(|v| {
                v["clauses"][0]["rule"]["formula"]["base"] = json!({ "of": "item", "item": "zz" })
            }),
            "ref.item",
            "clauses[0].rule.formula.base.item",
        ),
        (
            Box::new(|v| {
                v["clauses"][0]["rule"]["trigger"] = json!({ "on": "deadline", "deadline": "nope" })
            }),
            "ref.deadline",
            "clauses[0].rule.trigger.deadline",
        ),
        (
            Box::new(|v| {
                v["clauses"][0]["rule"]["trigger"] =
                    json!({ "on": "incident", "levels": ["I", "V"] })
            }),
            "ref.level",
            "clauses[0].rule.trigger.levels[1]",
        ),
        (
            Box::new(|v| {
                v["clauses"][4]["rule"]["formula"]["amount"] = json!({ "type": "by_level", "base": { "of": "item" },
                "rates": [ { "level": "III", "rate": "5%" } ] })
            }),
            "ref.level",
            "clauses[4].rule.formula.amount.rates[0].level",
        ),
        (
            Box::new(|v| {
                v["clauses"][2]["rule"]["timers"][0]["limits"][0]["levels"] = json!(["IX"])
            }),
            "ref.level",
            "clauses[2].rule.timers[0].limits[0].levels[0]",
        ),
        (
            Box::new(|v| {
                v["clauses"][0]["rule"]["trigger"] =
                    json!({ "on": "late_payment", "milestones": ["m9"] })
            }),
            "ref.milestone",
            "clauses[0].rule.trigger.milestones[0]",
        ),
        (
            Box::new(|v| v["deadlines"][0]["due"]["event"] = json!("kickoff")),
            "ref.event",
            "deadlines[0].due.event",
        ),
        (
            Box::new(|v| v["deadlines"][0]["done"] = json!("finished")),
            "ref.event",
            "deadlines[0].done",
        ),
        (
            Box::new(|v| {
                v["clauses"][0]["rule"]["trigger"] =
                    json!({ "on": "timer_breached", "timer": "3/onsite" })
            }),
            "ref.timer",
            "clauses[0].rule.trigger.timer",
        ),
        (
            Box::new(|v| {
                v["clauses"][0]["rule"]["trigger"] =
                    json!({ "on": "obligation_missed", "obligation": "1" })
            }),
            "ref.obligation",
            "clauses[0].rule.trigger.obligation",
        ),
        (
            Box::new(
                |v| v["shared_caps"] = json!([{ "id": "s", "label": { "zh": "共" }, "clauses": ["1", "9"], "cap": { "amount": "10" } }]),
            ),
            "ref.clause",
            "shared_caps[0].clauses[1]",
        ),
        (
            Box::new(
                |v| v["shared_caps"] = json!([{ "id": "s", "label": { "zh": "共" }, "clauses": ["1", "2"], "cap": { "amount": "10" } }]),
            ),
            "ref.clause-kind",
            "shared_caps[0].clauses[1]",
        ),
        (
            Box::new(|v| v["deadlines"][0]["due"]["date"] = json!("2024-01-01")),
            "when.both",
            "deadlines[0].due",
        ),
        (
            Box::new(|v| v["deadlines"][0]["due"] = json!({ "after": { "n": 3, "unit": "days" } })),
            "when.neither",
            "deadlines[0].due",
        ),
        (
            Box::new(|v| v["clauses"][0]["rule"]["cap"]["rate"] = json!("150%")),
            "rate.above-100",
            "clauses[0].rule.cap.rate",
        ),
        (
            Box::new(|v| v["items"][0]["amount"] = json!("-5")),
            "amount.negative",
            "items[0].amount",
        ),
    ];
    for (f, code, path) in cases {
        let ps = codes_after(f);
        let p = ps
            .iter()
            .find(|p| p.code == code && p.path == path)
            .unwrap_or_else(|| panic!("no {code} at {path}: {ps:#?}"));
        assert_eq!(p.severity, Severity::Error);
        assert!(p.line > 0, "{p:?}");
        assert_ne!(p.zh, p.en);
    }
}

#[test]
fn validation_problems_carry_exact_positions() {
    let t = r#"{
  "format": "lvyue-contract/2", "id": "t", "title": "测试",
  "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } },
  "deadlines": [ { "id": "d", "label": { "zh": "x" }, "due": { "event": "kickoff" }, "done": "signing" } ]
}"#;
    let ps = problems(t);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].code, "ref.event");
    assert_eq!(ps[0].path, "deadlines[0].due.event");
    assert_eq!((ps[0].line, ps[0].column), (4, 73));
}

#[test]
fn a_cap_below_one_day_is_a_warning_only() {
    let mut v = base();
    v["clauses"][0]["rule"]["cap"] = json!({ "amount": "10" });
    let t = text(&v);
    assert!(load_contract(&t).is_ok());
    let (_, ps) = inspect_contract(&t);
    let p = find(&ps, "cap.below-one-day");
    assert_eq!(p.severity, Severity::Warning);
    assert_eq!(p.path, "clauses[0].rule.cap");
}

#[test]
fn events_are_checked_against_their_contract() {
    let c = contract(&base());
    let t = r#"{
  "format": "lvyue-events/2", "contract": "other", "as_of": "2024-06-01",
  "dates": { "signing": "2024-01-01", "kickoff": "2024-01-02" },
  "payments": [ { "milestone": "m9", "date": "2024-02-01", "amount": "10" } ],
  "incidents": [ { "id": "i", "item": "zz", "level": "V", "reported": "2024-02-01T10:00:00" } ],
  "done": [ { "obligation": "1", "due": "2024-03-31", "date": "2024-03-30" } ],
  "occurrences": [ { "clause": "1", "date": "2024-03-01" }, { "clause": "77", "date": "2024-03-01" } ],
  "facts": { "amounts": { "m8": "5" } }
}"#;
    let (_, ps) = inspect_events(&c, t);
    let want = [
        ("events.contract-mismatch", "contract", 2, 43),
        ("ref.event", "dates.kickoff", 3, 50),
        ("ref.milestone", "payments[0].milestone", 4, 32),
        ("ref.item", "incidents[0].item", 5, 39),
        ("ref.level", "incidents[0].level", 5, 54),
        ("ref.obligation", "done[0].obligation", 6, 29),
        ("ref.clause-kind", "occurrences[0].clause", 7, 32),
        ("ref.clause", "occurrences[1].clause", 7, 73),
        ("ref.milestone", "facts.amounts.m8", 8, 33),
    ];
    for (code, path, line, column) in want {
        let p = ps
            .iter()
            .find(|p| p.code == code && p.path == path)
            .unwrap_or_else(|| panic!("no {code} at {path}: {ps:#?}"));
        assert_eq!((p.line, p.column), (line, column), "{code} {path}");
    }
    assert!(load_events_for(&c, t).is_err());
    let ok = r#"{ "format": "lvyue-events/2", "contract": "t", "as_of": "2024-06-01",
      "dates": { "signing": "2024-01-01", "go_live": "2024-02-01" },
      "occurrences": [ { "clause": "5", "date": "2024-03-01" } ] }"#;
    assert!(load_events_for(&c, ok).is_ok());
}

// ---- document checks -------------------------------------------------------------------

fn findings(v: &Value) -> Vec<Finding> {
    check(&contract(v), &Calendar::china())
}

fn has(fs: &[Finding], code: &str) -> bool {
    fs.iter().any(|f| f.code == code)
}

/// Asserts that `code` fires after `with` and not on the base contract modified by `without`.
fn fires(code: &str, with: impl FnOnce(&mut Value), without: impl FnOnce(&mut Value)) -> Finding {
    let mut v = base();
    with(&mut v);
    let fs = findings(&v);
    let f = fs
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("{code} did not fire: {fs:#?}"))
        .clone();
    assert!(!f.zh.is_empty() && !f.en.is_empty() && f.zh != f.en);
    let mut v = base();
    without(&mut v);
    let fs = findings(&v);
    assert!(!has(&fs, code), "{code} fired on a clean contract: {fs:#?}");
    f
}

#[test]
fn amounts_in_words() {
    let f = fires(
        "words.nonstandard-numeral",
        |v| {
            v["total"] = json!("405000");
            v["items"] = json!([]);
            v["total_in_words"] = json!("肆拾万伍千元整");
        },
        |v| v["total_in_words"] = json!("壹拾万元整"),
    );
    assert_eq!(f.severity, Severity::Warning);
    let f = fires(
        "words.mismatch",
        |v| v["clauses"][1]["rule"]["stated_in_words"] = json!("玖万元整"),
        |v| v["clauses"][1]["rule"]["stated_in_words"] = json!("壹拾万元整"),
    );
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.clauses, vec!["2".to_string()]);
    fires(
        "words.mismatch",
        |v| {
            v["stated_amounts"] =
                json!([{ "clause": "9", "amount": "1350000", "words": "壹佰叁拾万元整" }])
        },
        |v| {
            v["stated_amounts"] =
                json!([{ "clause": "9", "amount": "1350000", "words": "壹佰叁拾伍万元整" }])
        },
    );
}

#[test]
fn line_items_and_milestones_against_the_total() {
    let f = fires(
        "items.sum-mismatch",
        |v| v["items"][1]["amount"] = json!("30000"),
        |_| {},
    );
    assert_eq!(f.severity, Severity::Error);
    fires(
        "milestones.percent-sum",
        |v| v["clauses"][1]["rule"]["amount"]["rate"] = json!("90%"),
        |_| {},
    );
    fires(
        "milestones.stated-mismatch",
        |v| v["clauses"][1]["rule"]["stated"] = json!("90000"),
        |v| v["clauses"][1]["rule"]["stated"] = json!("100000"),
    );
}

#[test]
fn stated_spans_against_their_dates() {
    let f = fires(
        "span.stated-mismatch",
        |v| v["stated_spans"] = json!([{ "clause": "附件3", "from": "2022-06-15", "to": "2023-11-15", "length": { "n": 20, "unit": "months" } }]),
        |v| v["stated_spans"] = json!([{ "clause": "附件3", "from": "2022-06-15", "to": "2023-11-15", "length": { "n": 17, "unit": "months" } }]),
    );
    assert!(f.zh.contains("17") && f.en.contains("17 months"), "{f:?}");
    fires(
        "span.stated-mismatch",
        |v| v["stated_spans"] = json!([{ "clause": "x", "from": "2024-01-01", "to": "2024-01-31", "length": { "n": 20, "unit": "days" } }]),
        |v| v["stated_spans"] = json!([{ "clause": "x", "from": "2024-01-01", "to": "2024-01-31", "length": { "n": 30, "unit": "days" } }]),
    );
}

#[test]
fn uncapped_and_high_rate_penalties() {
    fires(
        "penalty.uncapped",
        |v| {
            v["clauses"][0]["rule"]["cap"].take();
            v["clauses"][0]["rule"]
                .as_object_mut()
                .unwrap()
                .remove("cap");
        },
        |_| {},
    );
    // 0.03% a day is 10.95% a year: not flagged; 3‰ a day is 109.5%.
    let f = fires(
        "penalty.high-annual-rate",
        |v| v["clauses"][0]["rule"]["formula"]["rate"] = json!("3‰"),
        |_| {},
    );
    assert!(
        f.en.contains("109.5%") && f.zh.contains("第五百八十五条"),
        "{f:?}"
    );
    assert!(f.en.contains("Art. 65"));
    fires(
        "penalty.high-cap",
        |v| v["clauses"][0]["rule"]["cap"]["rate"] = json!("50%"),
        |_| {},
    );
}

#[test]
fn overlapping_and_conflicting_clauses() {
    let f = fires(
        "penalty.overlap",
        |v| {
            let mut c = v["clauses"][0].clone();
            c["id"] = json!("1b");
            c["rule"]["formula"] = json!({ "type": "per_period", "period": { "n": 7, "unit": "days" }, "rate": "5%", "base": { "of": "total" } });
            v["clauses"].as_array_mut().unwrap().push(c);
        },
        |_| {},
    );
    assert_eq!(f.clauses, vec!["1".to_string(), "1b".to_string()]);
    assert!(f.en.contains("0.03%") && f.en.contains("5%"));
    let f = fires(
        "penalty.conflict",
        |v| {
            let mut c = v["clauses"][4].clone();
            c["id"] = json!("6");
            c["title"] = json!({ "zh": "其他违约：每次 3%" });
            c["rule"]["formula"]["amount"] =
                json!({ "type": "rate", "rate": "3%", "base": { "of": "total" } });
            v["clauses"].as_array_mut().unwrap().push(c);
        },
        |v| {
            let mut c = v["clauses"][4].clone();
            c["id"] = json!("6");
            c["title"] = json!({ "zh": "泄密" });
            c["rule"]["formula"]["amount"] =
                json!({ "type": "rate", "rate": "3%", "base": { "of": "total" } });
            v["clauses"].as_array_mut().unwrap().push(c);
        },
    );
    assert_eq!(f.clauses, vec!["5".to_string(), "6".to_string()]);
}

#[test]
fn levels_beyond_the_severity_table_and_disagreeing_timers() {
    fires(
        "levels.undefined",
        |v| v["clauses"][4]["text"] = json!("发生五级及以上生产事件的，扣减服务费"),
        |v| v["clauses"][4]["text"] = json!("发生二级事件的，扣减服务费"),
    );
    let f = fires(
        "sla.timers-disagree",
        |v| {
            let mut c = v["clauses"][2].clone();
            c["id"] = json!("附件-3");
            c["rule"]["timers"][0]["limits"][0]["within"] = json!({ "n": 2, "unit": "hours" });
            v["clauses"].as_array_mut().unwrap().push(c);
        },
        |v| {
            let mut c = v["clauses"][2].clone();
            c["id"] = json!("附件-3");
            v["clauses"].as_array_mut().unwrap().push(c);
        },
    );
    assert_eq!(f.clauses, vec!["3".to_string(), "附件-3".to_string()]);
}

fn public_sme(v: &mut Value) {
    v["parties"] = json!({ "buyer": { "name": "医院", "public_body": true }, "seller": { "name": "公司", "sme": true } });
}

#[test]
fn public_buyer_payment_terms_against_the_sme_regulation() {
    let f = fires(
        "sme.payment-over-30",
        |v| {
            public_sme(v);
            v["clauses"][1]["rule"]["due"]["after"] = json!({ "n": 45, "unit": "days" });
        },
        public_sme,
    );
    assert_eq!(f.severity, Severity::Warning);
    let f = fires(
        "sme.payment-over-60",
        |v| {
            public_sme(v);
            v["clauses"][1]["rule"]["due"]["after"] = json!({ "n": 3, "unit": "months" });
        },
        |v| v["clauses"][1]["rule"]["due"]["after"] = json!({ "n": 3, "unit": "months" }),
    );
    assert_eq!(f.severity, Severity::Error);
    let f = fires(
        "sme.audit-settlement",
        |v| {
            public_sme(v);
            v["clauses"][1]["rule"]["amount"]["base"] = json!({ "of": "audited_price" });
        },
        public_sme,
    );
    assert!(f.zh.contains("第十二条") && f.en.contains("Art. 12"));
    let late = json!({ "id": "7", "title": { "zh": "逾期付款" }, "rule": { "kind": "penalty", "payer": "buyer",
        "trigger": { "on": "late_payment" },
        "formula": { "type": "per_day", "rate": "0.001%", "base": { "of": "overdue" } } } });
    let late2 = late.clone();
    fires(
        "sme.late-interest-low",
        move |v| {
            public_sme(v);
            v["clauses"].as_array_mut().unwrap().push(late);
        },
        move |v| {
            public_sme(v);
            let mut l = late2;
            l["rule"]["formula"]["rate"] = json!("万分之五");
            v["clauses"].as_array_mut().unwrap().push(l);
        },
    );
}

#[test]
fn vat_split_of_the_total_and_its_parts() {
    let mut v = base();
    v["total"] = json!("980000");
    v["items"] = json!([]);
    v["tax"] = json!({ "rate": "6%", "parts": [ { "label": { "zh": "云服务" }, "amount": "254400", "rate": "6%" } ] });
    let fs = findings(&v);
    let tax: Vec<&Finding> = fs.iter().filter(|f| f.code == "tax.split").collect();
    assert_eq!(tax.len(), 2, "{fs:#?}");
    assert!(tax[0].en.contains("924,528.30") && tax[0].en.contains("55,471.70"));
    assert!(tax[1].zh.contains("240,000.00") && tax[1].zh.contains("14,400.00"));
    assert!(tax.iter().all(|f| f.severity == Severity::Info));
}

// ---- explanations ----------------------------------------------------------------------

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn a(s: &str) -> Amount {
    s.parse().expect("amount")
}

fn r(s: &str) -> Rate {
    Rate::parse(s).expect("rate")
}

fn lbl() -> Label {
    Label {
        zh: "合同总额".into(),
        en: Some("contract total".into()),
    }
}

fn named() -> Named {
    Named {
        label: lbl(),
        amount: a("980000"),
    }
}

#[test]
fn every_step_renders_in_both_languages() {
    let span = Span {
        n: 3,
        unit: SpanUnit::Hours,
    };
    let steps = vec![
        Step::Trigger {
            clause: "7.2".into(),
            what: lbl(),
        },
        Step::DateFound {
            what: lbl(),
            date: d("2024-04-01"),
            how: vec![lbl()],
        },
        Step::DaysLate {
            due: d("2024-04-01"),
            until: d("2024-04-04"),
            days: 3,
            working_days: false,
        },
        Step::Grace {
            days: 15,
            consent: d("2024-03-20"),
        },
        Step::PerDay {
            rate: r("1%"),
            base: named(),
            days: 3,
            amount: a("29400"),
        },
        Step::PerPeriod {
            rate: r("5%"),
            base: named(),
            days: 39,
            period_days: 7,
            periods: 5,
            reading: "complete".into(),
            amount: a("50000"),
        },
        Step::Fixed { amount: a("1000") },
        Step::RateOf {
            rate: r("25%"),
            base: named(),
            amount: a("49200"),
        },
        Step::RangeEnd {
            reading: "low".into(),
            low: a("100"),
            high: a("300"),
            amount: a("100"),
        },
        Step::Escalated {
            nth: 2,
            factor: "1.5".parse().expect("decimal"),
            previous: a("100"),
            amount: a("150"),
        },
        Step::Tier {
            count: 2,
            rate: r("25%"),
            base: named(),
            amount: a("245000"),
        },
        Step::Multiplied {
            fact: "city_government".into(),
            factor: "2".parse().expect("decimal"),
            before: a("200"),
            amount: a("400"),
        },
        Step::LateHandling {
            limit: span,
            took_minutes: 200,
            reading: "double".into(),
            before: a("100"),
            amount: a("200"),
        },
        Step::PerPerson {
            persons: 2,
            each: a("1000"),
            amount: a("2000"),
        },
        Step::Interest {
            rate: r("0.05%"),
            base: named(),
            days: 40,
            amount: a("9800"),
        },
        Step::Excused {
            excuse: "force_majeure".into(),
        },
        Step::Waived {
            consent: d("2024-03-01"),
        },
        Step::Capped {
            limit: a("49000"),
            cap_rate: Some(r("5%")),
            cap_base: Some(named()),
            before: a("68600"),
            amount: a("49000"),
        },
        Step::SharedCapped {
            cap: "附件2-5.6".into(),
            limit: a("98000"),
            used_before: a("90000"),
            before: a("10000"),
            amount: a("8000"),
        },
        Step::Rounded {
            raw: a("0.125"),
            amount: a("0.13"),
        },
        Step::ThresholdReached {
            what: lbl(),
            on: d("2024-04-05"),
        },
        Step::LimitChosen {
            limit: span,
            conditions: vec!["I".into()],
        },
        Step::Note {
            zh: "说明".into(),
            en: "a note".into(),
        },
    ];
    assert_eq!(steps.len(), 23);
    for s in &steps {
        let zh = s.localize(Lang::Zh);
        let en = s.localize(Lang::En);
        assert!(!zh.is_empty() && !en.is_empty(), "{s:?}");
        assert_ne!(zh, en, "{s:?}");
    }
    assert_eq!(
        steps[4].localize(Lang::Zh),
        "1% × 合同总额 ¥980,000.00 × 3 日 = ¥29,400.00"
    );
    assert_eq!(
        steps[4].localize(Lang::En),
        "1% × contract total ¥980,000.00 × 3 days = ¥29,400.00"
    );
}

#[test]
fn findings_and_problems_localize() {
    let f = Finding {
        code: "penalty.uncapped".into(),
        severity: Severity::Warning,
        clauses: vec!["6.1".into()],
        zh: "无上限".into(),
        en: "no cap".into(),
    };
    assert!(f.localize(Lang::Zh).contains("无上限"));
    assert!(f.localize(Lang::En).contains("no cap"));
    let ps = problems("{}");
    assert!(ps[0].localize(Lang::Zh).contains("缺少"));
    assert!(ps[0].localize(Lang::En).contains("missing"));
}

/// The variants of internally tagged enums in a schema: objects with a `const` property
/// named as a tag (`type`, `kind`, `on`, `of`, `step`).
fn tagged_variants(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                for tag in ["type", "kind", "on", "of", "step"] {
                    if let Some(c) = props.get(tag).and_then(|p| p.get("const")) {
                        out.push(format!("{tag}: {c}"));
                    }
                }
            }
            m.values().for_each(|x| tagged_variants(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| tagged_variants(x, out)),
        _ => {}
    }
}

#[test]
fn the_record_format_has_no_tagged_enum_the_contract_has() {
    // The loader writes a record back to find keys serde ignores beside a unit variant's tag
    // only where the format has tagged enums (`load::Kind::tagged`): the record has none. A
    // tagged enum added to it must turn that on, and this test says so.
    let mut found = Vec::new();
    tagged_variants(
        &lvyue::domain::formats::schema("events").unwrap(),
        &mut found,
    );
    assert!(
        found.is_empty(),
        "the record now has tagged variants {found:?}: make load::Kind::tagged true for Events"
    );
    tagged_variants(
        &lvyue::domain::formats::schema("contract").unwrap(),
        &mut found,
    );
    assert!(
        found.len() > 20,
        "the detector finds the contract's: {found:?}"
    );
    assert!(found.iter().any(|f| f == "on: \"deadline\""), "{found:?}");
}
