//! Tests: engine_penalties — the worked examples of CLAUSES.md §1–§4 and properties of caps,
//! readings and determinism.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, penalties, Ctx, Options, OverdueSegment, Schedule};
use lvyue::domain::events::Events;
use lvyue::domain::money::Amount;
use lvyue::domain::report::{ClauseResult, Report, Step, TimerResult, TimerStatus};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn amt(s: &str) -> Amount {
    s.parse().expect("test amount")
}

fn contract(json: &str) -> Contract {
    serde_json::from_str(json).expect("test contract")
}

fn events(json: &str) -> Events {
    serde_json::from_str(json).expect("test events")
}

fn run(c: &Contract, e: &Events) -> Report {
    engine::evaluate(c, e, &Calendar::china(), &Options::default()).expect("evaluates")
}

fn run_with(c: &Contract, e: &Events, readings: &[(&str, &str)]) -> Report {
    let options = Options {
        readings: readings
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
    };
    engine::evaluate(c, e, &Calendar::china(), &options).expect("evaluates")
}

fn clause<'r>(r: &'r Report, id: &str) -> &'r ClauseResult {
    r.penalties
        .iter()
        .find(|c| c.clause == id)
        .expect("clause in report")
}

fn reading_total(c: &ClauseResult, id: &str) -> Amount {
    c.readings
        .iter()
        .find(|r| r.reading == id)
        .map(|r| r.total)
        .expect("reading reported")
}

const HEAD_004: &str = r#""format": "lvyue-contract/2", "id": "004", "title": "溧阳运维",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "980000""#;

// ---------------------------------------------------------------- 004 §7.2

fn c_004_72() -> Contract {
    contract(&format!(
        r#"{{ {HEAD_004},
  "events": [ {{ "id": "service_done", "label": {{ "zh": "服务完成" }} }} ],
  "deadlines": [ {{ "id": "service", "label": {{ "zh": "服务期限" }},
     "due": {{ "date": "2022-08-01" }}, "done": "service_done" }} ],
  "clauses": [ {{ "id": "7.2", "title": {{ "zh": "乙方逾期" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "deadline", "deadline": "service" }},
    "formula": {{ "type": "per_day", "rate": "1%", "base": {{ "of": "total" }} }},
    "excuses": ["buyer_fault", "force_majeure"],
    "cap": {{ "rate": "5%", "base": {{ "of": "total" }} }},
    "rights": [ {{ "holder": "buyer", "right": "terminate", "when": {{ "type": "cap_reached" }} }} ]
  }} }} ] }}"#
    ))
}

fn e_004_72(done: &str, extra: &str) -> Events {
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2022-12-31",
  "dates": {{ "signing": "2022-07-20", "service_done": "{done}" }} {extra} }}"#
    ))
}

#[test]
fn per_day_004_7_2_three_days_late() {
    let r = run(&c_004_72(), &e_004_72("2022-08-04", ""));
    let c = clause(&r, "7.2");
    assert_eq!(c.total, amt("29400"));
    assert_eq!(c.total.format(), "29,400.00");
    assert_eq!(c.lines.len(), 1);
    assert_eq!(c.lines[0].subject, "service");
    assert_eq!(c.cap.as_ref().and_then(|x| x.reached_on), None);
    assert_eq!(c.rights[0].arises, None);
    assert_eq!(r.totals.seller_pays, amt("29400"));
}

#[test]
fn per_day_004_7_2_capped_on_day_five() {
    let r = run(&c_004_72(), &e_004_72("2022-08-08", ""));
    let c = clause(&r, "7.2");
    assert_eq!(c.uncapped, amt("68600"));
    assert_eq!(c.total, amt("49000"));
    let cap = c.cap.as_ref().expect("cap");
    assert_eq!(cap.limit, amt("49000"));
    assert_eq!(cap.reached_on, Some(d("2022-08-06")));
    assert!(c.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Capped { .. })));
    assert_eq!(c.rights[0].arises, Some(d("2022-08-06")));
    let e = r
        .exposure
        .iter()
        .find(|e| e.clause == "7.2")
        .expect("exposure");
    assert_eq!(e.cap_day, Some(5));
    assert_eq!(e.right_day, Some(5));
    assert_eq!(e.worst, amt("49000"));
    assert!(!e.uncapped);
    assert_eq!(e.points[3].amount, amt("29400"));
    assert_eq!(e.points.last().map(|p| p.amount), Some(amt("49000")));
}

#[test]
fn force_majeure_excuses_004_7_2() {
    let r = run(
        &c_004_72(),
        &e_004_72(
            "2022-08-08",
            r#", "excuses": [ { "clause": "7.2", "excuse": "force_majeure" } ]"#,
        ),
    );
    let c = clause(&r, "7.2");
    assert_eq!(c.total, Amount::ZERO);
    assert!(c.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Excused { excuse } if excuse == "force_majeure")));
    assert_eq!(c.rights[0].arises, None);
}

#[test]
fn not_late_means_no_line() {
    let r = run(&c_004_72(), &e_004_72("2022-08-01", ""));
    assert!(clause(&r, "7.2").lines.is_empty());
}

#[test]
fn still_late_counts_to_as_of() {
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2022-08-03", "dates": { "signing": "2022-07-20" } }"#,
    );
    let r = run(&c_004_72(), &e);
    assert_eq!(clause(&r, "7.2").total, amt("19600"));
}

// ---------------------------------------------------------------- 004 §7.3

fn c_004_73() -> Contract {
    contract(&format!(
        r#"{{ {HEAD_004},
  "clauses": [ {{ "id": "7.3", "title": {{ "zh": "甲方逾期付款" }}, "rule": {{
    "kind": "penalty", "payer": "buyer",
    "trigger": {{ "on": "late_payment" }},
    "formula": {{ "type": "per_day", "rate": "0.1%", "base": {{ "of": "overdue" }} }},
    "interest": "0.05%",
    "excuses": ["seller_fault", "force_majeure", "fiscal_delay"],
    "cap": {{ "rate": "5%", "base": {{ "of": "total" }} }},
    "rights": [ {{ "holder": "seller", "right": "terminate",
       "when": {{ "type": "penalty_reaches", "rate": "5%", "base": {{ "of": "total" }} }} }} ]
  }} }} ] }}"#
    ))
}

fn schedule_73(to: &str, excuse: Option<lvyue::domain::contract::Excuse>) -> Schedule {
    Schedule {
        milestones: Vec::new(),
        overdue: vec![OverdueSegment {
            milestone: "m2".into(),
            due: d("2023-08-19"),
            from: d("2023-08-20"),
            to: d(to),
            amount: amt("490000"),
            paid: true,
            excuse,
        }],
    }
}

#[test]
fn late_payment_004_7_3_penalty_and_interest() {
    let c = c_004_73();
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2023-12-31" }"#);
    let cal = Calendar::china();
    let opts = Options::default();
    let ctx = Ctx::new(&c, &e, &cal, &opts);
    let s = schedule_73("2023-09-28", None);
    assert_eq!(s.overdue[0].days(), 40);
    let out = penalties::evaluate(&ctx, &[], &[], &s).expect("evaluates");
    let cr = &out.clauses[0];
    assert_eq!(cr.total, amt("29400"));
    assert!(cr.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::PerDay { amount, days: 40, .. } if *amount == amt("19600"))));
    assert!(cr.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Interest { amount, days: 40, .. } if *amount == amt("9800"))));
    assert_eq!(
        out.by_milestone.get("m2"),
        Some(&(amt("19600"), amt("9800")))
    );
    assert_eq!(out.totals.buyer_pays, amt("29400"));
    assert_eq!(cr.rights[0].arises, None);
    // 70 days: 0.15% × 490,000 × 70 = 51,450 → capped at 49,000 on day 67 (penalty 490 plus
    // interest 245 a day: 49,000 / 735 = 66.7, so day 67, 2023-08-19 + 67 = 2023-10-25). The
    // cap covers both ("以上总额"), but the right to terminate arises when the penalty alone
    // ("一旦达到合同金额的百分之五") reaches 5% of 980,000 = 49,000: 49,000 / 490 = day 100.
    // At 70 days the penalty is 34,300: no right yet.
    let s = schedule_73("2023-10-28", None);
    let out = penalties::evaluate(&ctx, &[], &[], &s).expect("evaluates");
    let cr = &out.clauses[0];
    assert_eq!(cr.total, amt("49000"));
    assert_eq!(
        cr.cap.as_ref().and_then(|c| c.reached_on),
        Some(d("2023-10-25"))
    );
    assert_eq!(cr.rights[0].arises, None);
    let (p, i) = out.by_milestone.get("m2").copied().expect("m2");
    assert_eq!(p.checked_add(i), Some(amt("49000")));
    // 104 days (paid 2023-12-01): the penalty alone reaches 49,000 on day 100, 2023-08-19 +
    // 100 days = 2023-11-27 (12 days to 31 Aug, 30 in September, 31 in October, 27 in November).
    let s = schedule_73("2023-12-01", None);
    let out = penalties::evaluate(&ctx, &[], &[], &s).expect("evaluates");
    let cr = &out.clauses[0];
    assert_eq!(cr.rights[0].arises, Some(d("2023-11-27")));
    assert_eq!(
        cr.cap.as_ref().and_then(|c| c.reached_on),
        Some(d("2023-10-25"))
    );
}

/// A threshold says what it measures: the penalty alone (the default), the interest alone,
/// both, or what the clause deducts after its cap.
#[test]
fn threshold_measures_004_7_3() {
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2023-12-31" }"#);
    let cal = Calendar::china();
    let opts = Options::default();
    let s = schedule_73("2023-12-31", None);
    let arises = |measure: &str, rate: &str| {
        let mut c = c_004_73();
        let lvyue::domain::contract::Rule::Penalty(p) = &mut c.clauses[0].rule else {
            panic!("7.3 is a penalty");
        };
        p.rights[0].when = serde_json::from_str(&format!(
            r#"{{"type":"penalty_reaches","rate":"{rate}","base":{{"of":"total"}},"measure":"{measure}"}}"#
        ))
        .expect("a threshold");
        let ctx = Ctx::new(&c, &e, &cal, &opts);
        penalties::evaluate(&ctx, &[], &[], &s)
            .expect("evaluates")
            .clauses[0]
            .rights[0]
            .arises
    };
    // Penalty 490 a day: 49,000 on day 100 (2023-11-27).
    assert_eq!(arises("penalty", "5%"), Some(d("2023-11-27")));
    // Interest 245 a day: 2.5% of 980,000 = 24,500 on day 100 too; 49,000 is never reached
    // by the 31 December (day 134: 32,830).
    assert_eq!(arises("interest", "2.5%"), Some(d("2023-11-27")));
    assert_eq!(arises("interest", "5%"), None);
    // Both, 735 a day: 49,000 / 735 = 66.7 → day 67 (2023-10-25).
    assert_eq!(arises("penalty_and_interest", "5%"), Some(d("2023-10-25")));
    // What is deducted after the 49,000 cap never passes 49,000; it reaches 4% (39,200) on
    // day 54 (39,200 / 735 = 53.3), 2023-10-12.
    assert_eq!(arises("deducted", "4%"), Some(d("2023-10-12")));
    assert_eq!(arises("deducted", "5%"), Some(d("2023-10-25")));
    assert_eq!(arises("deducted", "6%"), None);
}

#[test]
fn fiscal_delay_excuses_004_7_3() {
    let c = c_004_73();
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2023-12-31" }"#);
    let cal = Calendar::china();
    let opts = Options::default();
    let ctx = Ctx::new(&c, &e, &cal, &opts);
    let s = schedule_73(
        "2023-09-28",
        Some(lvyue::domain::contract::Excuse::FiscalDelay),
    );
    let out = penalties::evaluate(&ctx, &[], &[], &s).expect("evaluates");
    assert_eq!(out.clauses[0].total, Amount::ZERO);
    assert!(out.clauses[0].lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Excused { excuse } if excuse == "fiscal_delay")));
}

// ---------------------------------------------------------------- 000 §4.5

fn c_000_45() -> Contract {
    contract(
        r#"{ "format": "lvyue-contract/2", "id": "000", "title": "云服务",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "200000", "total_assumed": true,
  "events": [ { "id": "go_live", "label": { "zh": "上线" } } ],
  "deadlines": [ { "id": "live", "label": { "zh": "上线期限" },
     "due": { "event": "signing", "after": { "n": 30, "unit": "days" } }, "done": "go_live" } ],
  "clauses": [ { "id": "4.5", "title": { "zh": "逾期上线" }, "rule": {
    "kind": "penalty", "payer": "seller",
    "trigger": { "on": "deadline", "deadline": "live",
                 "grace": { "max": { "n": 15, "unit": "days" } } },
    "formula": { "type": "per_period", "period": { "n": 7, "unit": "days" },
                 "rate": "5%", "base": { "of": "total" } },
    "rights": [ { "holder": "buyer", "right": "terminate",
      "when": { "type": "penalty_reaches", "rate": "50%", "base": { "of": "total" } },
      "consequences": [ { "type": "refund_all_payments" },
                        { "type": "pay", "rate": "20%", "base": { "of": "total" } } ] } ]
  } } ] }"#,
    )
}

fn e_000(extra: &str) -> Events {
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2024-06-01",
  "dates": {{ "signing": "2024-03-01", "go_live": "2024-05-10" }} {extra} }}"#
    ))
}

#[test]
fn per_period_000_4_5_complete_and_started() {
    let c = c_000_45();
    let r = run(&c, &e_000(""));
    let cr = clause(&r, "4.5");
    assert!(cr.lines[0].steps.iter().any(|s| matches!(
        s,
        Step::DaysLate { due, days: 39, .. } if *due == d("2024-04-01")
    )));
    assert_eq!(cr.total, amt("50000"));
    assert_eq!(reading_total(cr, "complete"), amt("50000"));
    assert_eq!(reading_total(cr, "started"), amt("60000"));
    assert!(cr
        .readings
        .iter()
        .any(|x| x.reading == "complete" && x.used));
    assert_eq!(r.readings.get("4.5").map(String::as_str), Some("complete"));
    // 50% of 200,000 is not reached at 5 weeks.
    assert_eq!(cr.rights[0].arises, None);
    assert_eq!(cr.rights[0].consequences[1].amount, Some(amt("40000")));
    let r = run_with(&c, &e_000(""), &[("4.5", "started")]);
    let cr = clause(&r, "4.5");
    assert_eq!(cr.total, amt("60000"));
    assert_eq!(r.readings.get("4.5").map(String::as_str), Some("started"));
    let e = r
        .exposure
        .iter()
        .find(|e| e.clause == "4.5")
        .expect("exposure");
    assert!(e.uncapped);
    // started weeks: 50% reached in the 10th week, on day 64.
    assert_eq!(e.right_day, Some(64));
}

#[test]
fn per_period_000_4_5_written_extension() {
    let extra =
        r#", "consents": [ { "clause": "4.5", "date": "2024-03-25", "extension_days": 15 } ]"#;
    let r = run(&c_000_45(), &e_000(extra));
    let cr = clause(&r, "4.5");
    // Due 2024-04-01 + 15 = 2024-04-16; 24 days late: 3 complete weeks, 4 started.
    assert!(cr.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Grace { days: 15, .. })));
    assert_eq!(cr.total, amt("30000"));
    assert_eq!(reading_total(cr, "started"), amt("40000"));
    // An oral consent grants nothing.
    let extra = r#", "consents": [ { "clause": "4.5", "date": "2024-03-25", "extension_days": 15, "written": false } ]"#;
    let r = run(&c_000_45(), &e_000(extra));
    assert_eq!(clause(&r, "4.5").total, amt("50000"));
    // More than the most the clause allows is cut to 15 days.
    let extra =
        r#", "consents": [ { "clause": "4.5", "date": "2024-03-25", "extension_days": 40 } ]"#;
    let r = run(&c_000_45(), &e_000(extra));
    assert_eq!(clause(&r, "4.5").total, amt("30000"));
}

#[test]
fn per_period_000_4_5_right_to_terminate() {
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-08-01",
  "dates": { "signing": "2024-03-01" } }"#,
    );
    let r = run(&c_000_45(), &e);
    let cr = clause(&r, "4.5");
    // 122 days late → 17 complete weeks → 85% ; 50% reached after 10 weeks: 2024-06-10.
    assert_eq!(cr.total, amt("170000"));
    assert_eq!(cr.rights[0].arises, Some(d("2024-06-10")));
}

// ---------------------------------------------------------------- 004 附件2 §5.3–§5.6

fn c_004_annex() -> Contract {
    contract(&format!(
        r#"{{ {HEAD_004},
  "items": [ {{ "id": "ecg", "name": {{ "zh": "心电系统", "en": "ECG system" }}, "amount": "196800" }},
             {{ "id": "his", "name": {{ "zh": "其他" }}, "amount": "783200" }} ],
  "levels": [ {{ "id": "especially-major", "label": {{ "zh": "特别重大" }} }},
              {{ "id": "major", "label": {{ "zh": "重大" }} }},
              {{ "id": "relatively-major", "label": {{ "zh": "较重大" }} }},
              {{ "id": "general", "label": {{ "zh": "一般" }} }} ],
  "clauses": [
   {{ "id": "附件2-5.3", "title": {{ "zh": "安全事件" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "incident", "levels": ["especially-major", "major", "relatively-major"] }},
    "formula": {{ "type": "per_occurrence",
      "amount": {{ "type": "by_level", "base": {{ "of": "item" }}, "rates": [
        {{ "level": "especially-major", "rate": "30%", "handle_within": {{ "n": 1, "unit": "hours" }} }},
        {{ "level": "major", "rate": "25%", "handle_within": {{ "n": 3, "unit": "hours" }} }},
        {{ "level": "relatively-major", "rate": "20%", "handle_within": {{ "n": 6, "unit": "hours" }} }} ] }},
      "escalation": {{ "factor": "1.5", "scope": {{ "per_contract_year": true, "same_kind": true }} }},
      "late_handling": {{ "rules": [
        {{ "levels": ["especially-major"], "readings": [
          {{ "id": "plus-1-point", "label": {{ "zh": "加1个百分点" }}, "add_rate": "1%" }},
          {{ "id": "times-1.01", "label": {{ "zh": "乘以1.01" }}, "factor": "1.01" }} ] }},
        {{ "levels": ["major", "relatively-major"], "readings": [
          {{ "id": "double", "label": {{ "zh": "加倍" }}, "factor": "2" }} ] }} ] }} }}
   }} }},
   {{ "id": "附件2-5.4.4-late", "title": {{ "zh": "需求逾期" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "requirement", "condition": "late" }},
    "formula": {{ "type": "per_occurrence", "amount": {{ "type": "fixed", "amount": "200" }},
      "multipliers": [ {{ "complaint": "city_government", "factor": "2" }},
                       {{ "complaint": "health_bureau", "factor": "1.5" }} ] }}
   }} }},
   {{ "id": "附件2-5.4.4-affected", "title": {{ "zh": "需求逾期影响业务" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "requirement", "condition": "late_and_business_affected" }},
    "formula": {{ "type": "per_occurrence", "amount": {{ "type": "fixed", "amount": "500" }} }}
   }} }},
   {{ "id": "附件2-5.4.4-answer", "title": {{ "zh": "需求未及时答复" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "timer_breached", "timer": "附件2-5.4.1/first-answer" }},
    "formula": {{ "type": "per_occurrence", "amount": {{ "type": "fixed", "amount": "100" }} }}
   }} }},
   {{ "id": "附件2-5.5.2", "title": {{ "zh": "节假日值班未响应" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "staff", "kind": "no_answer_on_duty" }},
    "formula": {{ "type": "per_occurrence",
      "amount": {{ "type": "range", "low": "100", "high": "300" }} }}
   }} }} ],
  "shared_caps": [ {{ "id": "附件2-5.6", "label": {{ "zh": "合计上限" }},
     "clauses": ["附件2-5.3", "附件2-5.4.4-late", "附件2-5.4.4-affected", "附件2-5.4.4-answer", "附件2-5.5.2"],
     "cap": {{ "rate": "10%", "base": {{ "of": "total" }} }} }} ] }}"#
    ))
}

fn e_annex(body: &str) -> Events {
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2023-06-30",
  "dates": {{ "signing": "2022-07-20" }}, {body} }}"#
    ))
}

fn incident(id: &str, level: &str, reported: &str, resolved: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "item": "ecg", "kind": "security", "level": "{level}",
          "reported": "{reported}", "resolved": "{resolved}" }}"#
    )
}

#[test]
fn incident_004_5_3_major_in_time() {
    let i = incident("i1", "major", "2022-09-01T10:00:00", "2022-09-01T12:00:00");
    let r = run(&c_004_annex(), &e_annex(&format!(r#""incidents": [{i}]"#)));
    let c = clause(&r, "附件2-5.3");
    assert_eq!(c.total, amt("49200"));
    assert_eq!(c.lines[0].subject, "i1");
    assert_eq!(r.shared_caps[0].limit, amt("98000"));
    assert_eq!(r.shared_caps[0].after, amt("49200"));
    assert_eq!(r.shared_caps[0].reached_on, None);
    // The only reading of the late rule for majors is "double", but the clause still reports
    // the readings of its especially-major rule.
    assert_eq!(reading_total(c, "plus-1-point"), amt("49200"));
}

#[test]
fn incident_004_5_3_major_late_hits_shared_cap() {
    let i = incident("i1", "major", "2022-09-01T10:00:00", "2022-09-01T14:00:00");
    let r = run(&c_004_annex(), &e_annex(&format!(r#""incidents": [{i}]"#)));
    let c = clause(&r, "附件2-5.3");
    assert_eq!(c.uncapped, amt("98400"));
    assert_eq!(c.total, amt("98000"));
    assert!(c.lines[0].steps.iter().any(|s| matches!(
        s,
        Step::LateHandling { took_minutes: 240, amount, .. } if *amount == amt("98400")
    )));
    assert!(c.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::SharedCapped { .. })));
    let sc = &r.shared_caps[0];
    assert_eq!(sc.before, amt("98400"));
    assert_eq!(sc.after, amt("98000"));
    assert_eq!(sc.reached_on, Some(d("2022-09-01")));
}

#[test]
fn incident_004_5_3_repeat_escalates() {
    let i1 = incident("i1", "major", "2022-09-01T10:00:00", "2022-09-01T11:00:00");
    let i2 = incident("i2", "major", "2022-10-01T10:00:00", "2022-10-01T11:00:00");
    let r = run(
        &c_004_annex(),
        &e_annex(&format!(r#""incidents": [{i2}, {i1}]"#)),
    );
    let c = clause(&r, "附件2-5.3");
    assert_eq!(c.lines[0].subject, "i1");
    assert_eq!(c.lines[1].uncapped, amt("73800"));
    assert!(c.lines[1].steps.iter().any(|s| matches!(
        s,
        Step::Escalated { nth: 2, previous, .. } if *previous == amt("49200")
    )));
    // 49,200 + 73,800 = 123,000 → 98,000 under §5.6.
    assert_eq!(c.total, amt("98000"));
    assert_eq!(c.lines[1].amount, amt("48800"));
    // A third compounds: 30%, 45%, 67.5% pattern (×1.5 each time).
    let i3 = incident("i3", "major", "2022-11-01T10:00:00", "2022-11-01T11:00:00");
    let r = run(
        &c_004_annex(),
        &e_annex(&format!(r#""incidents": [{i1}, {i2}, {i3}]"#)),
    );
    assert_eq!(clause(&r, "附件2-5.3").lines[2].uncapped, amt("110700"));
    // The next contract year starts over.
    let i4 = incident("i4", "major", "2023-08-01T10:00:00", "2023-08-01T11:00:00");
    let e = events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2023-12-30",
  "dates": {{ "signing": "2022-07-20" }}, "incidents": [{i1}, {i4}] }}"#
    ));
    let r = run(&c_004_annex(), &e);
    assert_eq!(clause(&r, "附件2-5.3").lines[1].uncapped, amt("49200"));
}

#[test]
fn incident_004_5_3_especially_major_late_both_readings() {
    let i = incident(
        "i1",
        "especially-major",
        "2022-09-01T10:00:00",
        "2022-09-01T12:00:00",
    );
    let e = e_annex(&format!(r#""incidents": [{i}]"#));
    let c_ = c_004_annex();
    let r = run(&c_, &e);
    let c = clause(&r, "附件2-5.3");
    // 30% × 196,800 = 59,040; +1 point: 61,008; × 1.01: 59,630.40.
    assert_eq!(c.total, amt("61008"));
    assert_eq!(reading_total(c, "plus-1-point"), amt("61008"));
    assert_eq!(reading_total(c, "times-1.01"), amt("59630.40"));
    assert_eq!(
        r.readings.get("附件2-5.3").map(String::as_str),
        Some("plus-1-point")
    );
    let r = run_with(&c_, &e, &[("附件2-5.3", "times-1.01")]);
    assert_eq!(clause(&r, "附件2-5.3").total, amt("59630.40"));
    // Still open at the end of the as-of day counts as not handled in time.
    let open = r#"{ "id": "i9", "item": "ecg", "level": "especially-major",
                   "reported": "2023-06-30T23:30:00" }"#;
    let r = run(&c_, &e_annex(&format!(r#""incidents": [{open}]"#)));
    assert_eq!(clause(&r, "附件2-5.3").total, amt("59040"));
    let open = r#"{ "id": "i9", "item": "ecg", "level": "especially-major",
                   "reported": "2023-06-30T10:00:00" }"#;
    let r = run(&c_, &e_annex(&format!(r#""incidents": [{open}]"#)));
    assert_eq!(clause(&r, "附件2-5.3").total, amt("61008"));
}

#[test]
fn incident_missing_item_is_zero_with_note() {
    let i = r#"{ "id": "i1", "level": "major", "reported": "2022-09-01T10:00:00" }"#;
    let r = run(&c_004_annex(), &e_annex(&format!(r#""incidents": [{i}]"#)));
    let c = clause(&r, "附件2-5.3");
    assert_eq!(c.total, Amount::ZERO);
    assert!(c.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Note { .. })));
}

#[test]
fn requirements_004_5_4_4_fines_and_multipliers() {
    let body = r#""requirements": [
      { "id": "r1", "submitted": "2022-09-01T09:00:00", "complexity": "ordinary",
        "agreed": "2022-09-10", "done": "2022-09-12" },
      { "id": "r2", "submitted": "2022-09-01T09:00:00", "complexity": "ordinary",
        "agreed": "2022-09-10", "done": "2022-09-12", "complaint": "city_government" },
      { "id": "r3", "submitted": "2022-09-01T09:00:00", "complexity": "complex",
        "agreed": "2022-09-10", "done": "2022-09-20", "complaint": "health_bureau",
        "business_affected": true },
      { "id": "r4", "submitted": "2022-09-01T09:00:00", "complexity": "complex",
        "agreed": "2022-09-10", "done": "2022-09-10" } ]"#;
    let r = run(&c_004_annex(), &e_annex(body));
    let late = clause(&r, "附件2-5.4.4-late");
    // 200 + 400 + 300.
    assert_eq!(late.lines.len(), 3);
    assert_eq!(late.total, amt("900"));
    assert!(late.lines[1].steps.iter().any(
        |s| matches!(s, Step::Multiplied { factor, .. } if *factor == rust_decimal::Decimal::from(2))
    ));
    let affected = clause(&r, "附件2-5.4.4-affected");
    assert_eq!(affected.total, amt("500"));
    assert_eq!(r.totals.seller_pays, amt("1400"));
}

#[test]
fn timer_breaches_004_5_4_4_first_answer() {
    let c = c_004_annex();
    let e = e_annex(r#""incidents": []"#);
    let cal = Calendar::china();
    let opts = Options::default();
    let ctx = Ctx::new(&c, &e, &cal, &opts);
    let timer = |subject: &str, status: TimerStatus| TimerResult {
        clause: "附件2-5.4.1".into(),
        timer: "first-answer".into(),
        label: lvyue::domain::contract::Label {
            zh: "首次答复".into(),
            en: None,
        },
        subject: subject.into(),
        level: None,
        started: d("2022-09-01").and_hms_opt(9, 0, 0).expect("time"),
        limit: lvyue::domain::contract::Span {
            n: 24,
            unit: lvyue::domain::contract::SpanUnit::Hours,
        },
        deadline: d("2022-09-02").and_hms_opt(9, 0, 0).expect("time"),
        stopped: None,
        elapsed_minutes: 0,
        over_minutes: 0,
        status,
        steps: Vec::new(),
    };
    let sla = vec![
        timer("r1", TimerStatus::Breached),
        timer("r2", TimerStatus::Met),
        timer("r3", TimerStatus::Overdue),
        timer("r4", TimerStatus::Excused),
    ];
    let out = penalties::evaluate(&ctx, &sla, &[], &Schedule::default()).expect("evaluates");
    let cr = out
        .clauses
        .iter()
        .find(|c| c.clause == "附件2-5.4.4-answer")
        .expect("clause");
    assert_eq!(cr.lines.len(), 2);
    assert_eq!(cr.total, amt("200"));
}

#[test]
fn ranged_fine_004_5_5_2_low_and_high() {
    let body = r#""staff": [ { "kind": "no_answer_on_duty", "date": "2022-10-02" },
                             { "kind": "no_answer_on_duty", "date": "2022-10-03" },
                             { "kind": "late_for_duty", "date": "2022-10-04" } ]"#;
    let c_ = c_004_annex();
    let r = run(&c_, &e_annex(body));
    let c = clause(&r, "附件2-5.5.2");
    assert_eq!(c.total, amt("200"));
    assert_eq!(reading_total(c, "low"), amt("200"));
    assert_eq!(reading_total(c, "high"), amt("600"));
    let r = run_with(&c_, &e_annex(body), &[("附件2-5.5.2", "high")]);
    assert_eq!(clause(&r, "附件2-5.5.2").total, amt("600"));
}

#[test]
fn shared_cap_004_5_6_over_clauses_in_date_order() {
    let i = incident("i1", "major", "2022-09-15T10:00:00", "2022-09-15T14:00:00");
    let body = format!(
        r#""incidents": [{i}], "requirements": [
      {{ "id": "r1", "submitted": "2022-09-01T09:00:00", "complexity": "ordinary",
        "agreed": "2022-09-10", "done": "2022-09-12" }} ],
      "staff": [ {{ "kind": "no_answer_on_duty", "date": "2022-10-02" }} ]"#
    );
    let r = run(&c_004_annex(), &e_annex(&body));
    // The requirement (arose 2022-09-11) comes first: 200; the incident gets 97,800; the
    // staff fine after the cap is reached gets nothing.
    assert_eq!(clause(&r, "附件2-5.4.4-late").total, amt("200"));
    assert_eq!(clause(&r, "附件2-5.3").total, amt("97800"));
    assert_eq!(clause(&r, "附件2-5.5.2").total, Amount::ZERO);
    let sc = &r.shared_caps[0];
    assert_eq!(sc.before, amt("98700"));
    assert_eq!(sc.after, amt("98000"));
    assert_eq!(sc.reached_on, Some(d("2022-09-15")));
    assert_eq!(r.totals.seller_pays, amt("98000"));
}

// ---------------------------------------------------------------- 002 附件3 §5

fn c_002_tiers() -> Contract {
    contract(
        r#"{ "format": "lvyue-contract/2", "id": "002", "title": "IM",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "1350000",
  "items": [ { "id": "im", "name": { "zh": "IM平台" }, "amount": "100000" } ],
  "clauses": [ { "id": "附件3-5", "title": { "zh": "人员不响应" }, "rule": {
    "kind": "penalty", "payer": "seller",
    "trigger": { "on": "staff", "kind": "unresponsive" },
    "formula": { "type": "per_occurrence",
      "amount": { "type": "rate", "rate": "5%", "base": { "of": "item", "item": "im" } },
      "tiers": { "tiers": [ { "from": 1, "rate": "5%" }, { "from": 2, "rate": "25%" },
                            { "from": 3, "rate": "100%" } ],
                 "base": { "of": "item", "item": "im" }, "scope": {} } }
  } } ] }"#,
    )
}

fn e_staff(n: usize) -> Events {
    let staff: Vec<String> = (0..n)
        .map(|k| {
            format!(
                r#"{{ "kind": "unresponsive", "date": "2022-09-{:02}" }}"#,
                k + 1
            )
        })
        .collect();
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2022-12-31",
  "dates": {{ "signing": "2022-06-01" }}, "staff": [{}] }}"#,
        staff.join(",")
    ))
}

#[test]
fn tiers_002_annex3_5_both_readings() {
    let c = c_002_tiers();
    let r = run(&c, &e_staff(1));
    assert_eq!(clause(&r, "附件3-5").total, amt("5000"));
    let r = run(&c, &e_staff(2));
    let cr = clause(&r, "附件3-5");
    assert_eq!(cr.total, amt("25000"));
    assert_eq!(reading_total(cr, "each"), amt("30000"));
    let r = run(&c, &e_staff(3));
    let cr = clause(&r, "附件3-5");
    assert_eq!(cr.total, amt("100000"));
    assert_eq!(reading_total(cr, "cumulative"), amt("100000"));
    assert_eq!(reading_total(cr, "each"), amt("130000"));
    let r = run(&c, &e_staff(4));
    let cr = clause(&r, "附件3-5");
    assert_eq!(cr.total, amt("100000"));
    assert_eq!(reading_total(cr, "each"), amt("230000"));
    let r = run_with(&c, &e_staff(3), &[("附件3-5", "each")]);
    assert_eq!(clause(&r, "附件3-5").total, amt("130000"));
    assert_eq!(r.readings.get("附件3-5").map(String::as_str), Some("each"));
}

// ---------------------------------------------------------------- 001 §6.7

#[test]
fn staff_change_001_6_7_per_person() {
    let c = contract(
        r#"{ "format": "lvyue-contract/2", "id": "001", "title": "OA",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "clauses": [ { "id": "6.7", "title": { "zh": "更换人员" }, "rule": {
    "kind": "penalty", "payer": "seller",
    "trigger": { "on": "staff", "kind": "change",
                 "notice": { "n": 7, "unit": "working_days" }, "consent_required": true },
    "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1000" },
                 "per_person": true }
  } } ] }"#,
    );
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-12-31",
  "dates": { "signing": "2024-01-01" },
  "staff": [
    { "kind": "change", "date": "2024-06-14", "persons": 2, "notice": "2024-06-12" },
    { "kind": "change", "date": "2024-07-15", "notice": "2024-07-01", "consent": true },
    { "kind": "change", "date": "2024-08-15", "notice": "2024-08-01" },
    { "kind": "change", "date": "2024-09-13", "notice": "2024-09-10", "consent": true } ] }"#,
    );
    let r = run(&c, &e);
    let cr = clause(&r, "6.7");
    // 2 persons × 1,000, then no consent (1,000), then short notice (1,000).
    assert_eq!(cr.lines.len(), 3);
    assert_eq!(cr.lines[0].amount, amt("2000"));
    assert_eq!(cr.total, amt("4000"));
    assert!(cr.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::PerPerson { persons: 2, .. })));
}

// ---------------------------------------------------------------- waiver and occurrences

#[test]
fn waived_by_written_consent_000_4_4() {
    let c = contract(
        r#"{ "format": "lvyue-contract/2", "id": "000b", "title": "云服务",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "200000",
  "clauses": [ { "id": "4.4(1)", "title": { "zh": "甲方逾期付款" }, "rule": {
    "kind": "penalty", "payer": "buyer",
    "trigger": { "on": "late_payment" },
    "formula": { "type": "per_day", "rate": "万分之三", "base": { "of": "total" } },
    "cap": { "rate": "10%", "base": { "of": "total" } },
    "waived_by_written_consent": true,
    "rights": [ { "holder": "seller", "right": "stop_service",
                  "when": { "type": "days_late_at_least", "days": 60 } } ]
  } } ] }"#,
    );
    let e = |consents: &str| {
        events(&format!(
            r#"{{ "format": "lvyue-events/2", "as_of": "2024-12-31" {consents} }}"#
        ))
    };
    let s = Schedule {
        milestones: Vec::new(),
        overdue: vec![OverdueSegment {
            milestone: "m1".into(),
            due: d("2024-03-01"),
            from: d("2024-03-02"),
            to: d("2024-05-10"),
            amount: amt("100000"),
            paid: true,
            excuse: None,
        }],
    };
    let cal = Calendar::china();
    let opts = Options::default();
    let ev = e("");
    let ctx = Ctx::new(&c, &ev, &cal, &opts);
    let out = penalties::evaluate(&ctx, &[], &[], &s).expect("evaluates");
    // 0.03% × 200,000 × 70 = 4,200; the right to stop service arises on day 60.
    assert_eq!(out.clauses[0].total, amt("4200"));
    assert_eq!(out.clauses[0].rights[0].arises, Some(d("2024-04-30")));
    let ev = e(r#", "consents": [ { "clause": "4.4(1)", "date": "2024-02-20" } ]"#);
    let ctx = Ctx::new(&c, &ev, &cal, &opts);
    let out = penalties::evaluate(&ctx, &[], &[], &s).expect("evaluates");
    assert_eq!(out.clauses[0].total, Amount::ZERO);
    assert!(out.clauses[0].lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Waived { .. })));
    assert_eq!(out.clauses[0].rights[0].arises, None);
}

#[test]
fn occurrences_rate_of_amount_and_loss_rights() {
    let c = contract(
        r#"{ "format": "lvyue-contract/2", "id": "000c", "title": "云服务",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "200000",
  "clauses": [
   { "id": "4.8", "title": { "zh": "其他违约" }, "rule": {
    "kind": "penalty", "payer": "seller", "trigger": { "on": "occurrence" },
    "formula": { "type": "per_occurrence",
                 "amount": { "type": "rate", "rate": "5%", "base": { "of": "occurrence" } } } } },
   { "id": "4.6", "title": { "zh": "保密" }, "rule": { "kind": "right", "rights": [
     { "holder": "buyer", "right": "terminate",
       "when": { "type": "loss_exceeds", "rate": "5%", "base": { "of": "total" } },
       "consequences": [ { "type": "pay_amount", "amount": "1000" } ] } ] } } ] }"#,
    );
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-12-31",
  "occurrences": [
    { "clause": "4.8", "date": "2024-05-01", "amount": "30000", "count": 2 },
    { "clause": "4.8", "date": "2024-06-01" },
    { "clause": "4.6", "date": "2024-07-01", "loss": "5000" },
    { "clause": "4.6", "date": "2024-08-01", "loss": "12000" } ] }"#,
    );
    let r = run(&c, &e);
    let cr = clause(&r, "4.8");
    assert_eq!(cr.lines.len(), 3);
    assert_eq!(cr.total, amt("3000"));
    assert_eq!(cr.lines[2].amount, Amount::ZERO);
    assert_eq!(r.rights.len(), 1);
    assert_eq!(r.rights[0].arises, Some(d("2024-08-01")));
}

// ---------------------------------------------------------------- properties

fn annex_events(incidents: &[(u8, u32, u32)], reqs: u32) -> Events {
    let levels = ["especially-major", "major", "relatively-major", "general"];
    let list: Vec<String> = incidents
        .iter()
        .enumerate()
        .map(|(k, (lv, day, minutes))| {
            let reported = d("2022-08-01")
                .and_hms_opt(9, 0, 0)
                .map(|t| t + chrono::TimeDelta::days(i64::from(*day)))
                .expect("time");
            let resolved = reported + chrono::TimeDelta::minutes(i64::from(*minutes));
            format!(
                r#"{{ "id": "i{k}", "item": "{}", "kind": "security", "level": "{}",
                 "reported": "{}", "resolved": "{}" }}"#,
                if k % 2 == 0 { "ecg" } else { "his" },
                levels[usize::from(*lv) % 4],
                reported.format("%Y-%m-%dT%H:%M:%S"),
                resolved.format("%Y-%m-%dT%H:%M:%S")
            )
        })
        .collect();
    let reqs: Vec<String> = (0..reqs)
        .map(|k| {
            format!(
                r#"{{ "id": "r{k}", "submitted": "2022-09-01T09:00:00", "complexity": "ordinary",
                 "agreed": "2022-09-10", "done": "2022-09-12", "complaint": "city_government" }}"#
            )
        })
        .collect();
    e_annex(&format!(
        r#""incidents": [{}], "requirements": [{}]"#,
        list.join(","),
        reqs.join(",")
    ))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn prop_clause_total_never_exceeds_cap(days in 0i64..400) {
        let done = d("2022-08-01") + chrono::TimeDelta::days(days);
        let r = run(&c_004_72(), &e_004_72(&done.to_string(), ""));
        let c = clause(&r, "7.2");
        prop_assert!(c.total <= amt("49000"));
        for l in &c.lines {
            prop_assert!(l.amount <= l.uncapped);
        }
    }

    #[test]
    fn prop_longer_delay_never_lowers_penalty(a in 0i64..200, extra in 0i64..100) {
        let c1 = c_004_72();
        let c2 = c_000_45();
        for (c, id, base) in [(&c1, "7.2", "2022-08-01"), (&c2, "4.5", "2024-04-01")] {
            let t = |n: i64| {
                let done = d(base) + chrono::TimeDelta::days(n);
                let e = events(&format!(
                    r#"{{ "format": "lvyue-events/2", "as_of": "2025-12-31",
                     "dates": {{ "signing": "2024-03-01", "service_done": "{done}", "go_live": "{done}" }} }}"#
                ));
                let r = run(c, &e);
                (clause(&r, id).total, clause(&r, id).readings.clone())
            };
            let (x, rx) = t(a);
            let (y, ry) = t(a + extra);
            prop_assert!(x <= y);
            for (p, q) in rx.iter().zip(ry.iter()) {
                prop_assert!(p.total <= q.total);
            }
        }
    }

    #[test]
    fn prop_shared_cap_holds(
        incidents in proptest::collection::vec((0u8..4, 0u32..300, 10u32..600), 0..8),
        reqs in 0u32..5,
    ) {
        let r = run(&c_004_annex(), &annex_events(&incidents, reqs));
        let sc = &r.shared_caps[0];
        let sum = r.penalties.iter().filter(|c| sc.clauses.contains(&c.clause))
            .fold(Amount::ZERO, |s, c| s.checked_add(c.total).unwrap_or(s));
        prop_assert!(sum <= sc.limit);
        prop_assert_eq!(sum, sc.after);
        prop_assert!(sc.after <= sc.before);
    }

    #[test]
    fn prop_later_resolution_never_lowers(lv in 0u8..3, m in 1u32..600, later in 0u32..600) {
        let a = run(&c_004_annex(), &annex_events(&[(lv, 30, m)], 0));
        let b = run(&c_004_annex(), &annex_events(&[(lv, 30, m + later)], 0));
        let ca = clause(&a, "附件2-5.3");
        let cb = clause(&b, "附件2-5.3");
        prop_assert!(ca.uncapped <= cb.uncapped);
        prop_assert!(ca.total <= cb.total);
        for (p, q) in ca.readings.iter().zip(cb.readings.iter()) {
            prop_assert!(p.total <= q.total);
        }
    }

    #[test]
    fn prop_deterministic(
        incidents in proptest::collection::vec((0u8..4, 0u32..300, 10u32..600), 0..6),
        reqs in 0u32..3,
    ) {
        let c = c_004_annex();
        let e = annex_events(&incidents, reqs);
        let a = run(&c, &e);
        let b = run(&c, &e);
        prop_assert_eq!(&a, &b);
        let ja = serde_json::to_string(&a).expect("json");
        let jb = serde_json::to_string(&b).expect("json");
        prop_assert_eq!(ja, jb);
    }
}

#[test]
fn missing_total_is_zero_with_note_not_a_panic() {
    let json = serde_json::to_string(&c_004_72())
        .expect("json")
        .replace(r#""total":"980000.00","#, "");
    let c = contract(&json);
    assert!(c.total.is_none());
    let r = run(&c, &e_004_72("2022-08-08", ""));
    let cr = clause(&r, "7.2");
    assert_eq!(cr.total, Amount::ZERO);
    assert!(cr.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Note { zh, en } if zh.contains("合同总额") && en.contains("contract total"))));
    assert!(r.exposure.iter().all(|e| e.clause != "7.2"));
}

#[test]
fn exposure_per_period_points_at_week_boundaries() {
    let r = run(&c_000_45(), &e_000(""));
    let e = r
        .exposure
        .iter()
        .find(|e| e.clause == "4.5")
        .expect("exposure");
    // Complete weeks: the amount changes on days 7, 14, 21…; 50% is reached on day 70.
    assert_eq!(e.points[0].days, 0);
    assert_eq!(e.points[1].days, 7);
    assert_eq!(e.points[1].amount, amt("10000"));
    assert_eq!(e.right_day, Some(70));
    assert!(e
        .points
        .iter()
        .any(|p| p.days == 70 && p.amount == amt("100000")));
    assert!(e.uncapped);
    assert_eq!(
        e.worst,
        e.points.last().map(|p| p.amount).unwrap_or(Amount::ZERO)
    );
}

#[test]
fn staff_subjects_name_clause_and_date() {
    let r = run(&c_002_tiers(), &e_staff(2));
    let cr = clause(&r, "附件3-5");
    assert_eq!(cr.lines[0].subject, "附件3-5@2022-09-01");
    assert_eq!(cr.lines[1].subject, "附件3-5@2022-09-02");
}
