//! `api::load` → `Loaded::evaluate`: a contract read and checked once gives, for every record,
//! exactly what the one-shot `api::evaluate` gives; the compact result has the same figures
//! without their steps and exposure points; options that belong to one call or the other are refused, located.

use lvyue::api::{self, ApiError, Input};
use serde_json::Value;

fn examples() -> Vec<(String, String, String)> {
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let mut stems: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples/")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            name.strip_suffix(".contract.json").map(str::to_string)
        })
        .collect();
    stems.sort();
    stems
        .into_iter()
        .filter_map(|s| {
            let c = std::fs::read_to_string(format!("{dir}/{s}.contract.json")).ok()?;
            let e = std::fs::read_to_string(format!("{dir}/{s}.events.json")).ok()?;
            Some((s, c, e))
        })
        .collect()
}

fn example(stem: &str) -> (String, String) {
    let (_, c, e) = examples()
        .into_iter()
        .find(|(s, _, _)| s == stem)
        .expect("the example");
    (c, e)
}

fn err<T: std::fmt::Debug>(r: Result<T, ApiError>) -> ApiError {
    r.expect_err("expected an error")
}

#[test]
fn a_loaded_contract_evaluates_as_the_one_shot_call_for_every_example() {
    let all = examples();
    assert!(all.len() >= 10, "the examples are there: {}", all.len());
    for (stem, c, e) in &all {
        let loaded = api::load(c, "").unwrap_or_else(|e| panic!("{stem}: {e}"));
        for options in [
            "",
            r#"{"lang":"en"}"#,
            r#"{"format":"md"}"#,
            r#"{"format":"csv","lang":"en"}"#,
            r#"{"as_of":"2030-06-30"}"#,
        ] {
            let want = api::evaluate(c, e, options);
            let got = loaded.evaluate(e, options);
            match (want, got) {
                (Ok(w), Ok(g)) => assert_eq!(g, w, "{stem} {options}"),
                (Err(w), Err(g)) => assert_eq!(g, w, "{stem} {options}"),
                (w, g) => panic!("{stem} {options}: one-shot {w:?}, loaded {g:?}"),
            }
        }
        // The same handle twice gives the same answer (nothing of one call stays in it).
        assert_eq!(loaded.evaluate(e, ""), loaded.evaluate(e, ""), "{stem}");
    }
}

/// Every `steps` list in a JSON value, wherever it is.
fn steps_lists(v: &Value, out: &mut Vec<usize>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("steps", Value::Array(a)) => out.push(a.len()),
                    _ => steps_lists(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| steps_lists(x, out)),
        _ => {}
    }
}

/// The value with every `steps` list emptied and `compact` dropped: what must be equal.
fn figures(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != "compact")
                .map(|(k, x)| match k.as_str() {
                    "steps" | "points" => (k.clone(), Value::Array(Vec::new())),
                    _ => (k.clone(), figures(x)),
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(figures).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_compact_result_has_every_figure_and_no_step() {
    let (c, e) = example("004-liyang-operations");
    let loaded = api::load(&c, "").unwrap();
    let full: Value = serde_json::from_str(&loaded.evaluate(&e, "").unwrap()).unwrap();
    let text = loaded.evaluate(&e, r#"{"result":"compact"}"#).unwrap();
    let compact: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(compact["compact"], true);
    assert!(full.get("compact").is_none(), "a full report says nothing");
    let (mut full_steps, mut compact_steps) = (Vec::new(), Vec::new());
    steps_lists(&full, &mut full_steps);
    steps_lists(&compact, &mut compact_steps);
    assert!(full_steps.iter().sum::<usize>() > 50, "{full_steps:?}");
    assert_eq!(full_steps.len(), compact_steps.len(), "every list is there");
    assert!(compact_steps.iter().all(|n| *n == 0), "{compact_steps:?}");
    assert_eq!(figures(&compact), figures(&full));
    // The exposure curves keep their summary, not their points.
    let curves = compact["exposure"].as_array().expect("exposure");
    assert!(
        !curves.is_empty()
            && curves
                .iter()
                .all(|x| x["points"] == Value::Array(Vec::new()))
    );
    assert!(full["exposure"][0]["points"]
        .as_array()
        .is_some_and(|p| p.len() > 5));
    assert_eq!(
        compact["exposure"][0]["worst"],
        full["exposure"][0]["worst"]
    );
    // 004's figures, as CLAUSES.md works them out: the seller pays 127,400.00 in all,
    // 97,700.00 of it under 附件2-5.3 (the major incidents, default reading).
    assert_eq!(compact["totals"]["seller_pays"], "127400.00");
    let clause = compact["penalties"]
        .as_array()
        .and_then(|a| a.iter().find(|p| p["clause"] == "附件2-5.3"))
        .expect("附件2-5.3");
    assert_eq!(clause["total"], "97700.00");
    // The compact report is still a report: it reads back as one.
    let back: lvyue::domain::report::Report = serde_json::from_str(&text).unwrap();
    assert!(back.compact);
    // "full" is the default, said outright.
    assert_eq!(
        loaded.evaluate(&e, r#"{"result":"full"}"#).unwrap(),
        loaded.evaluate(&e, "").unwrap()
    );
    // And the one-shot call takes the option too.
    assert_eq!(
        api::evaluate(&c, &e, r#"{"result":"compact"}"#).unwrap(),
        text
    );
}

#[test]
fn options_that_belong_to_the_other_call_are_located_errors() {
    let (c, e) = example("004-liyang-operations");
    let x = err(api::load(&c, r#"{"lang":"en", "as_of":"2023-01-01"}"#));
    assert_eq!(x.code(), "options.evaluate-only");
    let p = &x.problems[0];
    assert_eq!((p.input, p.path.as_str()), (Input::Options, "as_of"));
    assert_eq!((p.line, p.column), (1, 23), "{p:?}");
    assert!(p.en.contains("lang and holidays"), "{}", p.en);

    let loaded = api::load(&c, r#"{"lang":"en"}"#).unwrap();
    let x = err(loaded.evaluate(&e, r#"{"result":"brief"}"#));
    assert_eq!(
        (x.code(), x.problems[0].path.as_str()),
        ("options.result", "result")
    );
    assert!(x.problems[0].zh.contains("brief"), "{}", x.problems[0].zh);
    let x = err(loaded.evaluate(&e, r#"{"format":"md","result":"compact"}"#));
    assert_eq!(x.code(), "options.result");
    assert!(x.problems[0].en.contains("JSON report only"));
    // A reading the clause lacks: located in this call's options.
    let x = err(loaded.evaluate(&e, "{\n  \"readings\": {\"附件2-5.3\": \"nope\"}}"));
    assert_eq!(x.code(), "reading.unknown");
    assert_eq!(
        (x.problems[0].input, x.problems[0].line),
        (Input::Options, 2)
    );
}

#[test]
fn a_bad_record_or_contract_fails_as_the_one_shot_call() {
    let (c, e) = example("004-liyang-operations");
    let loaded = api::load(&c, "").unwrap();
    let bad = e.replacen('{', "{\"colour\": 1, ", 1);
    let x = err(loaded.evaluate(&bad, ""));
    assert_eq!(
        (x.code(), x.problems[0].input),
        ("field.unknown", Input::Events)
    );
    assert_eq!(x, err(api::evaluate(&c, &bad, "")));
    let x = err(api::load(&c.replacen('{', "{\"colour\": 1, ", 1), ""));
    assert_eq!(
        (x.code(), x.problems[0].input),
        ("field.unknown", Input::Contract)
    );
    assert_eq!((x.problems[0].line, x.problems[0].column), (1, 2));
}

#[test]
fn holidays_given_to_one_evaluation_apply_to_it_alone() {
    let (c, e) = example("004-liyang-operations");
    // 2022 with one day off, Monday 7 November (the year replaces the built-in one): the
    // operations problem OPS-2022-01 reported at 10:00 that day starts outside working hours.
    let holidays = r#"{"holidays":[{"format":"lvyue-holidays/1","year":2022,"notice":{"title":"t"},"holidays":[{"name":{"zh":"测试","en":"test"},"off":{"from":"2022-11-07","to":"2022-11-07"}}]}]}"#;
    let loaded = api::load(&c, "").unwrap();
    let with = loaded.evaluate(&e, holidays);
    assert_eq!(with, api::evaluate(&c, &e, holidays));
    let limit = |text: &str| -> Value {
        let r: Value = serde_json::from_str(text).unwrap();
        r["sla"]
            .as_array()
            .and_then(|a| {
                a.iter()
                    .find(|t| t["subject"] == "OPS-2022-01" && t["timer"] == "answer")
            })
            .map(|t| t["limit"].clone())
            .expect("OPS-2022-01's answer timer")
    };
    // 15 minutes in working hours, 30 outside them (004 附件2 3.2 3.1)).
    assert_eq!(limit(with.as_ref().unwrap())["n"], 30);
    assert_eq!(limit(&loaded.evaluate(&e, "").unwrap())["n"], 15);
    assert_eq!(
        loaded.evaluate(&e, "").unwrap(),
        api::evaluate(&c, &e, "").unwrap()
    );
    // Given at load, they are the calendar of every evaluation.
    let on_load = api::load(&c, holidays).unwrap();
    assert_eq!(on_load.evaluate(&e, ""), api::evaluate(&c, &e, holidays));
}
