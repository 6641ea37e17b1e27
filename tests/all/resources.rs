//! Resources (issue 10, items 16–18): no check grows with the square of the input, and inputs
//! have documented size limits. Sizes are asserted here; timings are in `benches/`.

use serde_json::{json, Value};

use lvyue::domain::calendar::Calendar;
use lvyue::domain::checks::check;
use lvyue::domain::contract::Contract;
use lvyue::domain::report::{Finding, Severity};

fn parties() -> Value {
    json!({ "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } })
}

fn contract(clauses: Vec<Value>) -> Contract {
    let v = json!({
        "format": "lvyue-contract/2", "id": "big", "title": "大合同", "parties": parties(),
        "total": "1000000", "levels": [ { "id": "L1", "label": { "zh": "一级" } } ],
        "clauses": clauses
    });
    serde_json::from_value(v).expect("a contract")
}

/// An occurrence-triggered seller penalty of `amount` yuan.
fn occurrence_clause(id: &str, title: &str, amount: u32, text: Option<&str>) -> Value {
    let mut c = json!({ "id": id, "title": { "zh": title }, "rule": { "kind": "penalty",
        "payer": "seller", "trigger": { "on": "occurrence" },
        "formula": { "type": "per_occurrence",
                     "amount": { "type": "fixed", "amount": amount.to_string() } } } });
    if let Some(t) = text {
        c["text"] = json!(t);
    }
    c
}

fn of_code<'f>(fs: &'f [Finding], code: &str) -> Vec<&'f Finding> {
    fs.iter().filter(|f| f.code == code).collect()
}

/// 3,000 occurrence clauses under three titles (1,000 each): one finding per title, naming
/// its 1,000 clauses, instead of one per pair (1,498,500 findings).
#[test]
fn same_titled_clauses_make_one_finding_per_group() {
    let titles = ["泄密：每次", "迟到：每次", "未报备：每次"];
    let clauses: Vec<Value> = (0..3_000)
        .map(|i| {
            // The first title's clauses all cost the same; the others differ within the group.
            let amount = if i % 3 == 0 { 500 } else { 100 + i as u32 };
            occurrence_clause(&format!("c{i}"), titles[i % 3], amount, None)
        })
        .collect();
    let fs = check(&contract(clauses), &Calendar::china());
    let overlap = of_code(&fs, "penalty.overlap");
    let conflict = of_code(&fs, "penalty.conflict");
    assert_eq!((overlap.len(), conflict.len()), (1, 2), "{:?}", fs.len());
    assert_eq!(overlap[0].severity, Severity::Info);
    assert_eq!(overlap[0].clauses.len(), 1_000);
    assert_eq!(
        overlap[0].clauses[..2],
        ["c0".to_string(), "c3".to_string()]
    );
    for f in &conflict {
        assert_eq!(f.clauses.len(), 1_000);
        assert_eq!(f.severity, Severity::Warning);
    }
    assert!(conflict[0].en.contains("1000 clauses") && conflict[0].zh.contains("1000 条"));
}

/// Clauses that name each other join one group with the clauses of the same title: a chain
/// c0 → c1 → … of 2,000 clauses that each name the next is one finding.
#[test]
fn clauses_naming_each_other_form_one_group() {
    let n = 2_000;
    let clauses: Vec<Value> = (0..n)
        .map(|i| {
            let text = format!(
                "违反第 c{} 条的，另按本条处理。参见 c{}.1 与 xc0",
                i + 1,
                i + 2
            );
            let text = (i + 1 < n).then_some(text);
            occurrence_clause(&format!("c{i}"), &format!("违约{i}"), 100, text.as_deref())
        })
        .collect();
    let fs = check(&contract(clauses), &Calendar::china());
    let groups: Vec<&Finding> = fs
        .iter()
        .filter(|f| f.code == "penalty.overlap" || f.code == "penalty.conflict")
        .collect();
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].clauses.len(), n);
    assert_eq!(groups[0].code, "penalty.overlap");
}

/// 2,000 SLA clauses with the same timer: the ones that disagree make one finding.
#[test]
fn disagreeing_timers_make_one_finding_per_timer() {
    let clauses: Vec<Value> = (0..2_000)
        .map(|i| {
            let n = if i % 2 == 0 { 30 } else { 60 };
            json!({ "id": format!("s{i}"), "title": { "zh": "响应" }, "rule": { "kind": "sla",
                "applies_to": "incidents",
                "timers": [ { "id": "response", "label": { "zh": "响应" }, "from": "reported",
                              "to": "responded",
                              "limits": [ { "levels": ["L1"], "within": { "n": n, "unit": "minutes" } } ] } ] } })
        })
        .collect();
    let fs = check(&contract(clauses), &Calendar::china());
    let f = of_code(&fs, "sla.timers-disagree");
    assert_eq!(f.len(), 1, "{}", fs.len());
    assert_eq!(f[0].clauses.len(), 2_000);
}

// ---- size limits (item 17) ----------------------------------------------------------------

use std::io::Write;
use std::process::{Command, Stdio};

use lvyue::api;
use lvyue::domain::limits::{MAX_FILE_BYTES, MAX_RECORDS};
use lvyue::domain::load;

fn lvyue() -> Command {
    Command::new(env!("CARGO_BIN_EXE_lvyue"))
}

fn problems_of_check(out: &std::process::Output) -> Vec<Value> {
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["files"][0]["problems"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// `lvyue check /dev/zero` reads one byte more than the limit and stops: a located problem,
/// not memory running out.
#[test]
fn check_of_dev_zero_is_refused_at_the_limit() {
    let out = lvyue()
        .args(["check", "/dev/zero", "--json"])
        .output()
        .expect("lvyue runs");
    assert_eq!(out.status.code(), Some(1));
    let ps = problems_of_check(&out);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0]["code"], "file.too-large");
    assert_eq!(
        (ps[0]["line"].as_u64(), ps[0]["column"].as_u64()),
        (Some(1), Some(MAX_FILE_BYTES as u64 + 1))
    );
}

/// A record given through a pipe is read up to the limit too (`--events /dev/stdin`).
#[test]
fn eval_of_a_pipe_beyond_the_limit_is_refused() {
    let dir = std::env::temp_dir().join(format!("lvyue-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let contract = dir.join("c.json");
    std::fs::write(&contract, lvyue::bench_support::CONTRACT_004).unwrap();
    let mut child = lvyue()
        .arg("eval")
        .arg(&contract)
        .args(["--events", "/dev/stdin", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("lvyue runs");
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..40 {
            if stdin.write_all(&chunk).is_err() {
                break; // lvyue stopped reading: what the limit is for
            }
        }
    });
    let out = child.wait_with_output().expect("lvyue ends");
    writer.join().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["error"]["problems"][0]["code"], "file.too-large", "{v}");
    assert_eq!(v["error"]["file"], "/dev/stdin");
}

/// The API refuses a text beyond the limit in any of its inputs, naming the input.
#[test]
fn the_api_refuses_texts_beyond_the_limit() {
    let big = format!(
        "{{\"format\": \"lvyue-contract/2\", \"description\": \"{}\"}}",
        "x".repeat(MAX_FILE_BYTES)
    );
    let events = std::fs::read_to_string("examples/004-liyang-operations.events.json").unwrap();
    let e = api::evaluate(&big, &events, "").unwrap_err();
    assert_eq!(e.code(), "file.too-large");
    assert_eq!(e.problems[0].input, api::Input::Contract);
    assert_eq!(
        (e.problems[0].line, e.problems[0].column),
        (1, MAX_FILE_BYTES + 1)
    );
    let e = api::evaluate(lvyue::bench_support::CONTRACT_004, &events, &big).unwrap_err();
    assert_eq!(
        (e.code(), e.problems[0].input),
        ("file.too-large", api::Input::Options)
    );
    let checked: Value = serde_json::from_str(&api::check(&big, "").unwrap()).unwrap();
    assert_eq!(checked["files"][0]["problems"][0]["code"], "file.too-large");
}

/// One incident beyond the limit is refused at that incident, before the records are read one
/// by one; at the limit, the record loads.
#[test]
fn records_beyond_the_limit_are_refused_at_the_first_one_over() {
    let c = load::load_contract(lvyue::bench_support::CONTRACT_004).unwrap();
    let record = |n: usize| {
        let incidents: Vec<String> = (0..n)
            .map(|i| format!("{{\"id\":\"I{i}\",\"level\":\"general\",\"reported\":\"2023-01-02T09:00:00\"}}"))
            .collect();
        format!(
            "{{\"format\":\"lvyue-events/2\",\"as_of\":\"2023-07-15\",\"incidents\":[\n{}\n]}}",
            incidents.join(",\n")
        )
    };
    let (e, ps) = load::inspect_events(&c, &record(MAX_RECORDS + 1));
    assert!(e.is_none());
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].code, "records.too-many");
    assert_eq!(ps[0].path, "incidents[100000]");
    assert_eq!((ps[0].line, ps[0].column), (MAX_RECORDS + 2, 1));
    assert!(ps[0].zh.contains("100,000") && ps[0].en.contains("no. 100,001"));
    let (e, ps) = load::inspect_events(&c, &record(MAX_RECORDS));
    assert_eq!(e.map(|e| e.incidents.len()), Some(MAX_RECORDS), "{ps:?}");
}

/// The page refuses a file beyond the limit from its size, before reading it.
#[test]
fn the_page_refuses_a_file_beyond_the_limit_before_reading_it() {
    use lvyue::ui::store::{Action, AppState, Tab};
    use lvyue::ui::workspace::Workspace;
    use std::rc::Rc;
    use yew::Reducible;
    lvyue::ui::examples::preload();
    let s = Rc::new(AppState::new(
        Workspace::default(),
        Tab::Summary,
        chrono::NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
    ));
    let s = s.reduce(Action::TooLarge {
        source: "big.json".into(),
        size: 2_000_000_000,
    });
    let f = s.failure.as_ref().expect("a failure shown");
    assert_eq!(f.problems[0].code, "file.too-large");
    assert!(
        f.problems[0].en.contains("2,000,000,000 bytes") && f.problems[0].zh.contains("32 MiB")
    );
    assert!(s.contract().is_some(), "the current work stays");
}

// ---- speed (item 18): the report's JSON is written without a Value, byte for byte the same --

/// The report's JSON, written directly, is the text it was through a `Value`, for every
/// example and for a generated year (a report of 20,000 lines).
#[test]
fn the_report_json_is_the_same_text_as_through_a_value() {
    use lvyue::domain::engine::{evaluate, Options};
    let cal = Calendar::china();
    let mut inputs = Vec::new();
    for id in [
        "000-cloud-services",
        "001-oa-maintenance",
        "002-im-platform",
        "003-insurance-datacentre",
        "004-liyang-operations",
    ] {
        let c = std::fs::read_to_string(format!("examples/{id}.contract.json")).unwrap();
        let e = std::fs::read_to_string(format!("examples/{id}.events.json")).unwrap();
        let c = load::load_contract(&c).unwrap();
        let e = load::load_events_for(&c, &e).unwrap();
        inputs.push((c, e));
    }
    inputs.push(lvyue::bench_support::year_of_004());
    for (c, e) in &inputs {
        let report = evaluate(c, e, &cal, &Options::default()).expect("evaluates");
        let through_value =
            serde_json::to_string_pretty(&serde_json::to_value(&report).unwrap()).unwrap();
        assert_eq!(
            lvyue::export::report_json(&report),
            through_value,
            "{}",
            c.id
        );
    }
}
