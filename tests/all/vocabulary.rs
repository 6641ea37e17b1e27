//! Tests: vocabulary — declared kinds and facts, record entries, conditions (format v2 §1, §2,
//! §6): a conditional timer, a timer conditional on another timer's outcome, limits by a choice
//! fact, "either party" penalties and duties, and the validation of all of it.

use chrono::{NaiveDate, NaiveDateTime};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{Contract, Side};
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::load::Problem;
use lvyue::domain::money::Amount;
use lvyue::domain::report::{ObligationStatus, Report, Step, TimerResult, TimerStatus};
use lvyue::domain::validate::{validate_contract, validate_events};
use lvyue::domain::{Lang, Localize};

fn amt(s: &str) -> Amount {
    s.parse().expect("test amount")
}

fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("test instant")
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// A contract of the given extra top-level members and clauses.
fn contract(extra: &str, clauses: &str) -> Contract {
    let json = format!(
        r#"{{ "format": "lvyue-contract/2", "id": "v", "title": "词汇",
  "parties": {{ "buyer": {{ "name": "甲方" }}, "seller": {{ "name": "乙方" }} }},
  "total": "1000000", {extra} "clauses": [ {clauses} ] }}"#
    );
    let c: Contract = serde_json::from_str(&json).expect("test contract");
    let errors: Vec<Problem> = validate_contract(&c)
        .into_iter()
        .filter(|p| p.severity == lvyue::domain::report::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    c
}

fn events(c: &Contract, json: &str) -> Events {
    let e: Events = serde_json::from_str(json).expect("test events");
    let errors: Vec<Problem> = validate_events(c, &e)
        .into_iter()
        .filter(|p| p.severity == lvyue::domain::report::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    e
}

fn run(c: &Contract, e: &Events) -> Report {
    engine::evaluate(c, e, &Calendar::china(), &Options::default()).expect("evaluates")
}

fn timer<'r>(r: &'r Report, timer: &str, subject: &str) -> Option<&'r TimerResult> {
    r.sla
        .iter()
        .find(|x| x.timer == timer && x.subject == subject)
}

/// The rendered `ConditionMet` steps, zh and en.
fn conditions(steps: &[Step]) -> Vec<(String, String)> {
    steps
        .iter()
        .filter(|s| matches!(s, Step::ConditionMet { .. }))
        .map(|s| (s.localize(Lang::Zh), s.localize(Lang::En)))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// A conditional timer: 000 §3.2, on site within 12 h only when remote help failed

const LEVELS: &str = r#""levels": [ { "id": "L1", "label": { "zh": "一级" } } ],"#;

const REMOTE_FAILED: &str = r#""kinds": [ { "id": "incident", "label": { "zh": "故障", "en": "Fault" },
  "facts": [ { "id": "remote_failed", "label": { "zh": "远程诊断未能解决", "en": "remote diagnosis failed" }, "type": "flag" } ] } ],"#;

const ON_SITE_12H: &str = r#"{ "id": "3.2", "title": { "zh": "现场支持" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [ { "id": "on-site", "label": { "zh": "12小时到场" }, "from": "reported", "to": "on_site",
    "when": { "fact": "remote_failed" }, "limits": [ { "within": { "n": 12, "unit": "hours" } } ] } ] } },
  { "id": "4.2", "title": { "zh": "到场超时" }, "rule": { "kind": "penalty", "payer": "seller",
    "trigger": { "on": "timer_breached", "timer": "3.2/on-site" },
    "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1000" } } } }"#;

#[test]
fn on_site_timer_runs_only_when_remote_diagnosis_failed() {
    let c = contract(&format!("{LEVELS}{REMOTE_FAILED}"), ON_SITE_12H);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-03-31", "incidents": [
  { "id": "A", "level": "L1", "reported": "2025-03-03T09:00:00", "on_site": "2025-03-03T23:30:00",
    "facts": { "remote_failed": true } },
  { "id": "B", "level": "L1", "reported": "2025-03-04T09:00:00", "facts": { "remote_failed": false } },
  { "id": "C", "level": "L1", "reported": "2025-03-05T09:00:00" } ] }"#,
    );
    let r = run(&c, &e);
    // A: remote help failed, so the 12 h run from 09:00: due 21:00, on site 23:30 — 150 minutes
    // late. B (remote help worked) and C (not stated: a flag is false) have no on-site timer,
    // although neither was ever visited: v1 could only have timed all three (B and C overdue).
    let a = timer(&r, "on-site", "A").expect("A timed");
    assert_eq!(a.deadline, t("2025-03-03T21:00"));
    assert_eq!((a.status, a.over_minutes), (TimerStatus::Breached, 150));
    assert!(timer(&r, "on-site", "B").is_none());
    assert!(timer(&r, "on-site", "C").is_none());
    assert_eq!(
        conditions(&a.steps),
        vec![(
            "条件成立：远程诊断未能解决".to_string(),
            "Condition met: remote diagnosis failed".to_string()
        )]
    );
    // One breach at ¥1,000.
    assert_eq!(r.totals.seller_pays, amt("1000"));
}

// ---------------------------------------------------------------------------------------------
// A timer conditional on another timer's outcome: 003 (2)4, the overtime-fault report

const REPORT_IF_OVERRAN: &str = r#"{ "id": "(2)2", "title": { "zh": "故障处理时限" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [ { "id": "resolve", "label": { "zh": "4小时内解决", "en": "resolved within 4 h" }, "from": "reported", "to": "resolved",
    "limits": [ { "within": { "n": 4, "unit": "hours" } } ] } ] } },
  { "id": "(2)4", "title": { "zh": "超时故障分析报告" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [ { "id": "report", "label": { "zh": "超时故障分析报告" }, "from": "resolved", "to": "reported_back",
    "when": { "timer": "(2)2/resolve", "outcome": "breached" },
    "limits": [ { "within": { "n": 3, "unit": "working_days" } } ] } ] } }"#;

#[test]
fn overtime_report_is_due_only_for_faults_that_overran() {
    let c = contract(LEVELS, REPORT_IF_OVERRAN);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-10-31", "incidents": [
  { "id": "F1", "level": "L1", "reported": "2025-09-30T06:00:00", "resolved": "2025-09-30T11:40:00",
    "reported_back": "2025-10-11T15:00:00" },
  { "id": "F2", "level": "L1", "reported": "2025-09-30T09:00:00", "resolved": "2025-09-30T11:40:00" },
  { "id": "F3", "level": "L1", "reported": "2025-09-29T06:00:00", "resolved": "2025-09-29T12:00:00",
    "reported_back": "2025-10-11T09:00:00" } ] }"#,
    );
    let r = run(&c, &e);
    // F1 took 5 h 40 (over 4 h): its report is due 3 working days after the fix on Tuesday
    // 09-30 — 10-09, 10-10 and the make-up Saturday 10-11 (National Day 10-01…10-08 off) — by
    // 24:00 on 10-11; delivered 15:00 that day: met.
    let f1 = timer(&r, "report", "F1").expect("F1 overran");
    assert_eq!(f1.deadline, t("2025-10-12T00:00"));
    assert_eq!(f1.status, TimerStatus::Met);
    assert_eq!(
        conditions(&f1.steps),
        vec![(
            "条件成立：第(2)2条“4小时内解决”超时".to_string(),
            "Condition met: clause (2)2 \"resolved within 4 h\": over its limit".to_string()
        )]
    );
    // F2 took 2 h 40: no report is owed, so none is missing (v1 timed it and showed it overdue).
    assert!(timer(&r, "report", "F2").is_none());
    assert_eq!(timer(&r, "resolve", "F2").unwrap().status, TimerStatus::Met);
    // F3 took 6 h; fixed Monday 09-29: working days 09-30, 10-09, 10-10 → due 24:00 on 10-10;
    // delivered 09:00 on 10-11: 9 h = 540 minutes late.
    let f3 = timer(&r, "report", "F3").expect("F3 overran");
    assert_eq!(f3.deadline, t("2025-10-11T00:00"));
    assert_eq!((f3.status, f3.over_minutes), (TimerStatus::Breached, 540));
}

// ---------------------------------------------------------------------------------------------
// Limits by a choice fact: 003 circuit faults in 90 minutes, transmission equipment in 4 hours

const CATEGORY: &str = r#""kinds": [ { "id": "incident", "label": { "zh": "故障" },
  "facts": [ { "id": "category", "label": { "zh": "故障类别", "en": "fault category" },
    "type": { "choice": { "options": [
      { "id": "circuit", "label": { "zh": "电路故障", "en": "circuit" } },
      { "id": "transmission", "label": { "zh": "传输设备故障", "en": "transmission equipment" } } ] } } } ] } ],"#;

const BY_CATEGORY: &str = r#"{ "id": "(2)2", "title": { "zh": "故障处理时限" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [ { "id": "resolve", "label": { "zh": "故障解决" }, "from": "reported", "to": "resolved",
    "limits": [
      { "when": { "fact": "category", "in": ["circuit"] }, "within": { "n": 90, "unit": "minutes" } },
      { "when": { "fact": "category", "in": ["transmission"] }, "within": { "n": 4, "unit": "hours" } } ] } ] } }"#;

#[test]
fn circuit_and_transmission_faults_have_their_own_limits() {
    let c = contract(&format!("{LEVELS}{CATEGORY}"), BY_CATEGORY);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-06-30", "incidents": [
  { "id": "C1", "level": "L1", "reported": "2025-06-02T10:00:00", "resolved": "2025-06-02T11:45:00",
    "facts": { "category": "circuit" } },
  { "id": "T1", "level": "L1", "reported": "2025-06-02T10:00:00", "resolved": "2025-06-02T13:45:00",
    "facts": { "category": "transmission" } },
  { "id": "X", "level": "L1", "reported": "2025-06-02T10:00:00", "resolved": "2025-06-02T13:45:00" } ] }"#,
    );
    let r = run(&c, &e);
    // C1, a circuit fault: 105 minutes against 90 — 15 over. T1, transmission equipment: 225
    // minutes against 240 — met. X states no category: no limit matches, no timer.
    let c1 = timer(&r, "resolve", "C1").unwrap();
    assert_eq!((c1.status, c1.over_minutes), (TimerStatus::Breached, 15));
    let t1 = timer(&r, "resolve", "T1").unwrap();
    assert_eq!(t1.deadline, t("2025-06-02T14:00"));
    assert_eq!(t1.status, TimerStatus::Met);
    assert!(timer(&r, "resolve", "X").is_none());
    let chosen: Vec<(String, String)> = c1
        .steps
        .iter()
        .chain(&t1.steps)
        .filter(|s| matches!(s, Step::LimitChosen { .. }))
        .map(|s| (s.localize(Lang::Zh), s.localize(Lang::En)))
        .collect();
    assert!(chosen[0].0.contains("故障类别为电路故障"), "{chosen:?}");
    assert!(
        chosen[0].1.contains("fault category is circuit"),
        "{chosen:?}"
    );
    assert!(chosen[1].0.contains("故障类别为传输设备故障"), "{chosen:?}");
    assert!(chosen[1]
        .1
        .contains("fault category is transmission equipment"));
}

// ---------------------------------------------------------------------------------------------
// Either party: confidentiality, ¥50,000 per breach by whichever party breaches

const BREACH_KIND: &str = r#""kinds": [ { "id": "confidentiality_breach", "label": { "zh": "泄密", "en": "confidentiality breach" },
  "facts": [ { "id": "party", "label": { "zh": "违约方", "en": "breaching party" }, "type": "party", "required": true } ] } ],"#;

const CONFIDENTIALITY: &str = r#"{ "id": "9", "title": { "zh": "保密" }, "rule": { "kind": "penalty", "payer": "breaching",
  "trigger": { "on": "entries", "kind": "confidentiality_breach" },
  "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "50000" } } } }"#;

#[test]
fn a_confidentiality_breach_by_the_buyer_is_paid_by_the_buyer() {
    let c = contract(BREACH_KIND, CONFIDENTIALITY);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-12-31", "entries": [
  { "kind": "confidentiality_breach", "date": "2025-05-06", "facts": { "party": "buyer" } } ] }"#,
    );
    let r = run(&c, &e);
    // One breach, by the buyer: the buyer pays ¥50,000; the seller nothing (v1 could only name
    // one payer for the clause, so the seller would have been charged).
    assert_eq!(r.totals.buyer_pays, amt("50000"));
    assert_eq!(r.totals.seller_pays, Amount::ZERO);
    let line = &r.penalties[0].lines[0];
    assert_eq!(line.payer, Some(Side::Buyer));
    assert_eq!(line.subject, "confidentiality_breach@2025-05-06");
    let zh: Vec<String> = line.steps.iter().map(|s| s.localize(Lang::Zh)).collect();
    let en: Vec<String> = line.steps.iter().map(|s| s.localize(Lang::En)).collect();
    assert!(zh.iter().any(|s| s.contains("甲方")), "{zh:?}");
    assert!(en.iter().any(|s| s.contains("buyer")), "{en:?}");
    // A breach by each: ¥50,000 each side.
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-12-31", "entries": [
  { "kind": "confidentiality_breach", "date": "2025-05-06", "facts": { "party": "buyer" } },
  { "kind": "confidentiality_breach", "date": "2025-06-01", "facts": { "party": "seller" } } ] }"#,
    );
    let r = run(&c, &e);
    assert_eq!(
        (r.totals.buyer_pays, r.totals.seller_pays),
        (amt("50000"), amt("50000"))
    );
    assert_eq!(r.penalties[0].total, amt("100000"));
}

// ---------------------------------------------------------------------------------------------
// Either party: the force-majeure notice duty (002 §7 2, 004 §8.1: notify within 15 days)

const FM_KIND: &str = r#""kinds": [ { "id": "force_majeure", "label": { "zh": "不可抗力", "en": "force majeure" },
  "facts": [ { "id": "party", "label": { "zh": "受影响方", "en": "party affected" }, "type": "party", "required": true } ] } ],"#;

const FM_NOTICE: &str = r#"{ "id": "8.1", "title": { "zh": "不可抗力通知" }, "rule": { "kind": "obligation", "party": "breaching",
  "schedule": { "type": "on_entry", "kind": "force_majeure", "due": { "n": 15, "unit": "days" } } } }"#;

#[test]
fn force_majeure_notice_is_due_from_the_party_it_struck() {
    let c = contract(FM_KIND, FM_NOTICE);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-12-31", "entries": [
  { "kind": "force_majeure", "date": "2025-09-20", "facts": { "party": "seller" } },
  { "kind": "force_majeure", "date": "2025-03-01", "facts": { "party": "buyer" } } ],
  "done": [ { "obligation": "8.1", "due": "2025-10-09", "date": "2025-10-09" } ] }"#,
    );
    let r = run(&c, &e);
    // The seller's: 15 days after 2025-09-20 is 10-05, in National Day (10-01…10-08 off), so
    // the notice is due on Thursday 10-09 (Civil Code Art. 203); given that day: done.
    // The buyer's: 15 days after 2025-03-01 is Sunday 03-16 → Monday 03-17; never given: missed.
    let mut got: Vec<(NaiveDate, Side, ObligationStatus)> = r
        .obligations
        .iter()
        .map(|i| (i.due, i.party, i.status))
        .collect();
    got.sort_by_key(|x| x.0);
    assert_eq!(
        got,
        vec![
            (d("2025-03-17"), Side::Buyer, ObligationStatus::Missed),
            (d("2025-10-09"), Side::Seller, ObligationStatus::Done),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Penalties on entries: conditions, multipliers by condition, `per` a number fact, a fact base

#[test]
fn entries_trigger_with_condition_multiplier_per_and_fact_base() {
    let kinds = r#""kinds": [ { "id": "absence", "label": { "zh": "缺岗", "en": "absence" },
  "facts": [
    { "id": "persons", "label": { "zh": "人数", "en": "persons" }, "type": { "number": { "min": "1" } }, "default": 1 },
    { "id": "holiday", "label": { "zh": "节假日", "en": "on a holiday" }, "type": "flag" },
    { "id": "excused", "label": { "zh": "经批准", "en": "approved" }, "type": "flag" } ] },
  { "id": "goods", "label": { "zh": "货物问题", "en": "goods problem" },
  "facts": [ { "id": "value", "label": { "zh": "所涉货值", "en": "value of the goods" }, "type": "amount" } ] } ],"#;
    let clauses = r#"{ "id": "6.7", "title": { "zh": "缺岗" }, "rule": { "kind": "penalty", "payer": "seller",
  "trigger": { "on": "entries", "kind": "absence", "when": { "not": { "fact": "excused" } } },
  "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "500" }, "per": "persons",
    "multipliers": [ { "when": { "fact": "holiday" }, "factor": "2" } ] } } },
  { "id": "4.8", "title": { "zh": "货物" }, "rule": { "kind": "penalty", "payer": "seller",
  "trigger": { "on": "entries", "kind": "goods" },
  "formula": { "type": "per_occurrence", "amount": { "type": "rate", "rate": "10%", "base": { "of": "fact", "fact": "value" } } } } }"#;
    let c = contract(kinds, clauses);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-12-31", "entries": [
  { "kind": "absence", "date": "2025-05-06", "facts": { "persons": 3 } },
  { "kind": "absence", "date": "2025-10-02", "facts": { "persons": "2", "holiday": true } },
  { "kind": "absence", "date": "2025-11-03", "facts": { "excused": true } },
  { "kind": "absence", "date": "2025-11-04" },
  { "kind": "goods", "date": "2025-07-01", "facts": { "value": "123456.78" } } ] }"#,
    );
    let r = run(&c, &e);
    let absence = r.penalties.iter().find(|p| p.clause == "6.7").unwrap();
    // 500 × 3 = 1,500; 500 × 2 (holiday) × 2 persons = 2,000; the approved one: none;
    // 500 × 1 (default persons) = 500. Total 4,000.
    let lines: Vec<Amount> = absence.lines.iter().map(|l| l.amount).collect();
    assert_eq!(lines, vec![amt("1500"), amt("2000"), amt("500")]);
    assert_eq!(absence.total, amt("4000"));
    let goods = r.penalties.iter().find(|p| p.clause == "4.8").unwrap();
    // 10% of ¥123,456.78 = 12,345.678 → 12,345.68 (half-up at the line).
    assert_eq!(goods.total, amt("12345.68"));
    let text: Vec<String> = absence.lines[1]
        .steps
        .iter()
        .map(|s| s.localize(Lang::En))
        .collect();
    assert!(
        text.iter().any(|s| s == "Condition met: not (approved)"),
        "{text:?}"
    );
    assert!(
        text.iter().any(|s| s == "Condition met: on a holiday"),
        "{text:?}"
    );
    assert!(
        text.iter().any(|s| s.starts_with("By persons: ")),
        "{text:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Validation

fn codes(ps: &[Problem]) -> Vec<(String, String)> {
    ps.iter()
        .map(|p| (p.code.clone(), p.path.clone()))
        .collect()
}

#[test]
fn record_entries_are_checked_against_their_kind() {
    let kinds = r#""kinds": [ { "id": "fm", "label": { "zh": "不可抗力" },
  "moments": [ { "id": "occurred", "label": { "zh": "发生" } }, { "id": "notified", "label": { "zh": "通知" } } ],
  "facts": [ { "id": "party", "label": { "zh": "当事方" }, "type": "party", "required": true },
    { "id": "kind_of", "label": { "zh": "类型" }, "type": { "choice": { "options": [ { "id": "flood", "label": { "zh": "洪水" } } ] } } },
    { "id": "days", "label": { "zh": "天数" }, "type": { "number": { "min": "1", "max": "30" } } } ] } ],"#;
    let c = contract(kinds, FM_NOTICE.replace("force_majeure", "fm").as_str());
    let e: Events = serde_json::from_str(
        r#"{ "format": "lvyue-events/2", "as_of": "2025-12-31", "entries": [
  { "kind": "fm", "date": "2025-01-01", "facts": { "party": "somebody", "kind_of": "fire", "days": 40, "colour": "red" },
    "moments": { "occurred": "2025-01-02T10:00:00", "notified": "2025-01-01T10:00:00", "ended": "2025-01-03T10:00:00" } },
  { "kind": "fm", "date": "2025-01-05", "facts": { "days": true } },
  { "kind": "flood", "date": "2025-01-05" },
  { "kind": "fm" } ] }"#,
    )
    .unwrap();
    let got = codes(&validate_events(&c, &e));
    for want in [
        ("fact.value", "entries[0].facts.party"),
        ("fact.value", "entries[0].facts.kind_of"),
        ("fact.type", "entries[0].facts.days"),
        ("ref.fact", "entries[0].facts.colour"),
        ("entry.moment-order", "entries[0].moments.notified"),
        ("ref.moment", "entries[0].moments.ended"),
        ("fact.type", "entries[1].facts.days"),
        ("entry.required-fact", "entries[1]"),
        ("ref.kind", "entries[2].kind"),
        ("entry.date", "entries[3]"),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.to_string())),
            "{want:?} not in {got:?}"
        );
    }
    // Every message speaks both languages.
    for p in validate_events(&c, &e) {
        assert!(!p.zh.is_empty() && !p.en.is_empty());
    }
}

#[test]
fn rules_name_declared_facts_and_unread_facts_are_warned() {
    let json = format!(
        r#"{{ "format": "lvyue-contract/2", "id": "v", "title": "词汇",
  "parties": {{ "buyer": {{ "name": "甲方" }}, "seller": {{ "name": "乙方" }} }}, {LEVELS}
  "kinds": [ {{ "id": "incident", "label": {{ "zh": "故障" }},
     "facts": [ {{ "id": "remote_failed", "label": {{ "zh": "远程未解决" }}, "type": "flag" }},
                {{ "id": "note_only", "label": {{ "zh": "备注", "en": "remark" }}, "type": "text" }} ] }},
     {{ "id": "spare", "label": {{ "zh": "备用", "en": "spare" }} }} ],
  "clauses": [ {{ "id": "3.2", "title": {{ "zh": "现场" }}, "rule": {{ "kind": "sla", "applies_to": "incidents",
    "timers": [ {{ "id": "on-site", "label": {{ "zh": "到场" }}, "from": "reported", "to": "on_site",
      "when": {{ "all": [ {{ "fact": "remote_failed" }}, {{ "fact": "remote_fail" }}, {{ "timer": "9/none", "outcome": "met" }} ] }},
      "limits": [ {{ "within": {{ "n": 12, "unit": "hours" }} }} ] }} ] }} }},
    {{ "id": "9", "title": {{ "zh": "保密" }}, "rule": {{ "kind": "penalty", "payer": "breaching",
      "trigger": {{ "on": "incident" }},
      "formula": {{ "type": "per_occurrence", "amount": {{ "type": "fixed", "amount": "1" }} }} }} }} ] }}"#
    );
    let c: Contract = serde_json::from_str(&json).unwrap();
    let ps = validate_contract(&c);
    let got = codes(&ps);
    let timer = "clauses[0].rule.timers[0].when";
    for want in [
        ("ref.fact", format!("{timer}.all[1].fact")),
        ("ref.timer", format!("{timer}.all[2].timer")),
        ("party.breaching", "clauses[1].rule.payer".to_string()),
        ("vocabulary.unused-fact", "kinds[0].facts[1].id".to_string()),
        ("vocabulary.unused-kind", "kinds[1].id".to_string()),
    ] {
        assert!(
            got.contains(&(want.0.to_string(), want.1.clone())),
            "{want:?} not in {got:?}"
        );
    }
    // remote_failed is read: no warning for it.
    assert!(!got.contains(&(
        "vocabulary.unused-fact".into(),
        "kinds[0].facts[0].id".into()
    )));
    let unused = ps
        .iter()
        .find(|p| p.code == "vocabulary.unused-fact")
        .unwrap();
    assert!(unused.en.contains("\"remark\""), "{}", unused.en);
    assert!(unused.zh.contains("“备注”"), "{}", unused.zh);
}

#[test]
fn an_entry_of_a_kind_no_rule_uses_is_warned() {
    let c = contract(
        r#""kinds": [ { "id": "visit", "label": { "zh": "走访" } } ],"#,
        CONFIDENTIALITY
            .replace("confidentiality_breach", "visit")
            .replace("breaching", "seller")
            .as_str(),
    );
    let unused = contract(
        r#""kinds": [ { "id": "visit", "label": { "zh": "走访" } } ],"#,
        "",
    );
    let e = r#"{ "format": "lvyue-events/2", "as_of": "2025-12-31", "entries": [ { "kind": "visit", "date": "2025-01-01" } ] }"#;
    let e: Events = serde_json::from_str(e).unwrap();
    assert!(!codes(&validate_events(&c, &e))
        .iter()
        .any(|x| x.0 == "entry.unused-kind"));
    assert!(codes(&validate_events(&unused, &e))
        .contains(&("entry.unused-kind".into(), "entries[0].kind".into())));
}

// ---------------------------------------------------------------------------------------------
// A declared kind may name its moments like the built-in ones (`reported`, `resolved`)

#[test]
fn a_declared_kind_times_moments_named_like_the_built_in_ones() {
    let kinds = r#""kinds": [ { "id": "outage", "label": { "zh": "停机", "en": "outage" },
  "moments": [ { "id": "reported", "label": { "zh": "报告", "en": "reported" } },
               { "id": "resolved", "label": { "zh": "恢复", "en": "restored" } } ] } ],"#;
    let clauses = r#"{ "id": "5", "title": { "zh": "恢复时限" }, "rule": { "kind": "sla", "applies_to": { "kind": "outage" },
  "timers": [ { "id": "restore", "label": { "zh": "4小时内恢复" }, "from": "reported", "to": "resolved",
    "limits": [ { "within": { "n": 4, "unit": "hours" } } ] } ] } }"#;
    let c = contract(kinds, clauses);
    let e = events(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2025-06-30", "entries": [
  { "kind": "outage", "id": "O1", "at": "2025-06-02T10:00:00",
    "moments": { "reported": "2025-06-02T10:00:00", "resolved": "2025-06-02T15:30:00" } } ] }"#,
    );
    let r = run(&c, &e);
    // 10:00 + 4 h = 14:00; restored 15:30: 90 minutes late.
    let o = timer(&r, "restore", "O1").expect("timed");
    assert_eq!(o.deadline, t("2025-06-02T14:00"));
    assert_eq!((o.status, o.over_minutes), (TimerStatus::Breached, 90));
}
