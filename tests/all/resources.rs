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
        "format": "lvyue-contract/1", "id": "big", "title": "大合同", "parties": parties(),
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
    assert_eq!(overlap[0].clauses[..2], ["c0".to_string(), "c3".to_string()]);
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
            let text = format!("违反第 c{} 条的，另按本条处理。参见 c{}.1 与 xc0", i + 1, i + 2);
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
