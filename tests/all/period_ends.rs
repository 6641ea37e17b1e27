//! Tests: period_ends.
//!
//! Where the engine's periods end (Civil Code Art. 201–204, REFERENCE.md §8): a period in days,
//! working days, weeks, months or years ends at 24:00 of its last day — at the close of business
//! where the contract states its working hours — and a last day that is a statutory day off moves
//! to the day after the days off end, wherever such a period ends (SLA limits, payment dues,
//! retention extended per fault, the term's end and renewals, contract-year duties), unless the
//! clause switches the move off. Minute and hour limits end at an instant; a date the contract
//! fixes on the calendar is not a period end and does not move. Real 2024–2026 holidays.

use chrono::{NaiveDate, NaiveDateTime};
use lvyue::domain::calendar::{parse_datetime, Calendar};
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::explain;
use lvyue::domain::report::{Report, Step, TimerResult, TimerStatus};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    parse_datetime(s).unwrap()
}

/// A contract with the given extra top-level fields and clauses.
fn contract(extra: &str, clauses: &str) -> Contract {
    let json = format!(
        r#"{{
  "format": "lvyue-contract/2", "id": "test", "title": "测试合同",
  "parties": {{ "buyer": {{ "name": "甲方" }}, "seller": {{ "name": "乙方" }} }},
  "total": "1000000", {extra}
  "clauses": [{clauses}]
}}"#
    );
    match serde_json::from_str(&json) {
        Ok(c) => c,
        Err(e) => panic!("contract JSON: {e}\n{json}"),
    }
}

fn events(json: &str) -> Events {
    match serde_json::from_str(json) {
        Ok(e) => e,
        Err(e) => panic!("events JSON: {e}\n{json}"),
    }
}

fn run(c: &Contract, e: &Events) -> Report {
    engine::evaluate(c, e, &Calendar::china(), &Options::default()).expect("evaluates")
}

fn timer<'a>(r: &'a Report, timer: &str, subject: &str) -> &'a TimerResult {
    r.sla
        .iter()
        .find(|x| x.timer == timer && x.subject == subject)
        .unwrap_or_else(|| panic!("no timer {timer} on {subject}"))
}

/// The notes of a timer, zh and en.
fn notes(x: &TimerResult) -> Vec<(String, String)> {
    x.steps
        .iter()
        .filter_map(|s| match s {
            Step::Note { zh, en } => Some((zh.clone(), en.clone())),
            _ => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Item 2: a period in days ends at the end of its last day

/// 003 (2) 4: "对于超时解决的故障……应在故障处理完毕3个工作日内提供《超时故障分析报告》", plus a
/// "3日内" timer in calendar days.
const SLA_003_REPORT: &str = r#"{ "id": "(2)4", "title": { "zh": "故障处理时限" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [
    { "id": "overtime-report", "label": { "zh": "超时故障分析报告" }, "from": "resolved", "to": "reported_back",
      "limits": [ { "within": { "n": 3, "unit": "working_days" } } ] },
    { "id": "report-3-days", "label": { "zh": "三日内报告" }, "from": "resolved", "to": "reported_back",
      "limits": [ { "within": { "n": 3, "unit": "days" } } ] },
    { "id": "report-72-hours", "label": { "zh": "72小时内报告" }, "from": "resolved", "to": "reported_back",
      "limits": [ { "within": { "n": 72, "unit": "hours" } } ] } ] } }"#;

/// Fixed Tuesday 2025-09-30 at 11:40, the day before National Day (10-01 … 10-08 off; Saturday
/// 10-11 a make-up working day): working days 1, 2, 3 are 10-09, 10-10 and 10-11.
const EVENTS_003: &str = r#"{ "format": "lvyue-events/2", "as_of": "2025-10-31", "incidents": [
  { "id": "on-time", "level": "any", "reported": "2025-09-30T09:00:00", "resolved": "2025-09-30T11:40:00",
    "reported_back": "2025-10-11T15:00:00" },
  { "id": "next-morning", "level": "any", "reported": "2025-09-30T09:00:00", "resolved": "2025-09-30T11:40:00",
    "reported_back": "2025-10-12T08:00:00" } ] }"#;

#[test]
fn overtime_report_003_in_three_working_days_ends_at_24_00_of_the_third() {
    let r = run(&contract("", SLA_003_REPORT), &events(EVENTS_003));
    // The third working day is Saturday 2025-10-11; the period ends at its 24:00, so the report
    // at 15:00 that day is on time (it was shown breached by 200 minutes when the period ended
    // at 11:40, the time of the fix).
    let x = timer(&r, "overtime-report", "on-time");
    assert_eq!(x.deadline, t("2025-10-12T00:00"));
    assert_eq!(explain::deadline_text(x.deadline), "2025-10-11 24:00");
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Met, 0));
    let n = notes(x);
    assert!(
        n.iter().any(|(zh, en)| zh.contains("2025-10-11 二十四时")
            && zh.contains("第二百零三条")
            && en.contains("24:00 on 2025-10-11")
            && en.contains("Art. 203")),
        "{n:?}"
    );
    // Delivered at 08:00 the next day: eight hours late.
    let x = timer(&r, "overtime-report", "next-morning");
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Breached, 480));
}

#[test]
fn day_limit_whose_last_day_is_a_holiday_moves_past_it() {
    let r = run(&contract("", SLA_003_REPORT), &events(EVENTS_003));
    // "3日内" from 2025-09-30: day 3 is 10-03, National Day; the last day moves to Thursday
    // 10-09 (Art. 203 ¶1), ending at its 24:00. The report of 10-11 is two days late.
    let x = timer(&r, "report-3-days", "on-time");
    assert_eq!(x.deadline, t("2025-10-10T00:00"));
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Breached, 39 * 60));
    assert!(notes(x)
        .iter()
        .any(|(zh, en)| zh.contains("2025-10-09") && en.contains("statutory day off")));
    // Where the limit says the holiday rule does not apply, it ends at 24:00 on 10-03.
    let clause = SLA_003_REPORT.replace(
        r#"{ "within": { "n": 3, "unit": "days" } }"#,
        r#"{ "within": { "n": 3, "unit": "days" }, "no_holiday_extension": true }"#,
    );
    let r2 = run(&contract("", &clause), &events(EVENTS_003));
    let x2 = timer(&r2, "report-3-days", "on-time");
    assert_eq!(x2.deadline, t("2025-10-04T00:00"));
    assert!(notes(x2)
        .iter()
        .any(|(zh, _)| zh.contains("合同约定不顺延")));
    // Hours end at an instant, holidays or not: 72 hours after 11:40 on 09-30.
    let x = timer(&r, "report-72-hours", "on-time");
    assert_eq!(x.deadline, t("2025-10-03T11:40"));
    assert_eq!(x.status, TimerStatus::Breached);
}

#[test]
fn day_limits_end_at_the_close_of_business_the_contract_states() {
    let clause = SLA_003_REPORT.replace(
        r#""applies_to": "incidents","#,
        r#""applies_to": "incidents", "working_hours": "08:30-12:00, 13:30-17:00","#,
    );
    let c = contract("", &clause);
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2025-10-31", "incidents": [
        { "id": "by-close", "level": "any", "reported": "2025-09-30T09:00:00", "resolved": "2025-09-30T11:40:00",
          "reported_back": "2025-10-11T16:59:00" },
        { "id": "after-close", "level": "any", "reported": "2025-09-30T09:00:00", "resolved": "2025-09-30T11:40:00",
          "reported_back": "2025-10-11T17:30:00" } ] }"#,
    );
    let r = run(&c, &e);
    // The clause's working day closes at 17:00 (Art. 203 ¶2: 有业务时间的，停止业务活动的时间为
    // 截止时间).
    let x = timer(&r, "overtime-report", "by-close");
    assert_eq!(x.deadline, t("2025-10-11T17:00"));
    assert_eq!(explain::deadline_text(x.deadline), "2025-10-11 17:00");
    assert_eq!(x.status, TimerStatus::Met);
    assert!(notes(x)
        .iter()
        .any(|(zh, en)| zh.contains("2025-10-11 17:00") && en.contains("close of business")));
    let x = timer(&r, "overtime-report", "after-close");
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Breached, 30));
    // Hours are not cut at the close.
    assert_eq!(
        timer(&r, "report-72-hours", "by-close").deadline,
        t("2025-10-03T11:40")
    );
}

// ---------------------------------------------------------------------------------------------
// Item 3: one holiday rule wherever a period ends

/// 002 §2's retention: 15 days after its invoice, not before 20 months of maintenance after final
/// acceptance, + 1 month for every major fault.
const RETENTION: &str = r#"{ "id": "2-4", "title": { "zh": "质保金" }, "rule": { "kind": "payment", "id": "m4", "retention": true,
  "label": { "zh": "质保金" }, "amount": { "type": "fixed", "amount": "65000" },
  "due": { "event": "invoice", "after": { "n": 15, "unit": "days" },
           "not_before": [ { "event": "final_acceptance", "after": { "n": 20, "unit": "months" },
                             "extend_per_incident": { "by": { "n": 1, "unit": "months" } } } ] } } }"#;

const RETENTION_EXTRA: &str = r#""events": [ { "id": "final_acceptance", "label": { "zh": "终验", "en": "final acceptance" } } ],
  "levels": [ { "id": "I", "label": { "zh": "一级" }, "major": true }, { "id": "III", "label": { "zh": "三级" } } ],"#;

fn retention_events(acceptance: &str, faults: &[&str]) -> Events {
    let incidents: Vec<String> = faults
        .iter()
        .enumerate()
        .map(|(i, at)| format!(r#"{{ "id": "F{i}", "level": "I", "reported": "{at}T10:00:00" }}"#))
        .collect();
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2025-06-30",
        "dates": {{ "signing": "2022-06-10", "final_acceptance": "{acceptance}" }},
        "invoices": [ {{ "milestone": "m4", "date": "2024-07-01" }} ],
        "incidents": [ {} ] }}"#,
        incidents.join(", ")
    ))
}

#[test]
fn retention_due_from_an_extended_end_on_a_sunday_moves_to_monday() {
    let c = contract(RETENTION_EXTRA, RETENTION);
    // Final acceptance 2023-03-15 + 20 months = Friday 2024-11-15; one major fault: + 1 month =
    // Sunday 2024-12-15, which moves to Monday 2024-12-16 (it stayed on the Sunday).
    let m4 = run(&c, &retention_events("2023-03-15", &["2024-01-10"])).payments[0].clone();
    assert_eq!(m4.due, Some(d(2024, 12, 16)));
    let how: Vec<_> = m4
        .steps
        .iter()
        .filter_map(|s| match s {
            Step::DateFound { how, .. } => Some(how.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(
        how.iter().any(|l| l.zh.contains("2024-12-16")
            && l.zh.contains("第二百零三条")
            && l.en.as_deref().is_some_and(|e| e.contains("Art. 203"))),
        "{how:?}"
    );
}

#[test]
fn retention_extension_counts_from_the_corresponding_day_and_moves_once() {
    let c = contract(RETENTION_EXTRA, RETENTION);
    // 2023-01-15 + 20 months = Sunday 2024-09-15, Mid-Autumn Festival (09-15 … 09-17 off): the
    // maintenance period ends on Wednesday 09-18.
    let m4 = run(&c, &retention_events("2023-01-15", &[])).payments[0].clone();
    assert_eq!(m4.due, Some(d(2024, 9, 18)));
    // A major fault extends the period to 21 months: Tuesday 2024-10-15, counted from the
    // corresponding day, not from the moved 09-18 (which gave 10-18).
    let m4 = run(&c, &retention_events("2023-01-15", &["2024-03-01"])).payments[0].clone();
    assert_eq!(m4.due, Some(d(2024, 10, 15)));
}

const TERM_1Y: &str = r#"{ "id": "1.2", "title": { "zh": "服务期限" }, "rule": { "kind": "term",
  "start": { "event": "signing" }, "length": { "n": 1, "unit": "years" } } },
{ "id": "3.5(2)", "title": { "zh": "第二期付款" }, "rule": { "kind": "payment", "id": "m2",
  "label": { "zh": "二期" }, "amount": { "type": "fixed", "amount": "490000" },
  "due": { "event": "term_end", "after": { "n": 30, "unit": "days" } } } }"#;

fn signed(signing: &str, as_of: &str) -> Events {
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "{as_of}", "dates": {{ "signing": "{signing}" }} }}"#
    ))
}

#[test]
fn term_end_on_a_sunday_moves_to_monday() {
    let r = run(&contract("", TERM_1Y), &signed("2024-07-20", "2025-01-01"));
    let term = r.term.expect("term");
    // One year from 2024-07-20 ends on Sunday 2025-07-20: the last day moves to Monday 07-21,
    // as payment dues do.
    assert_eq!(term.end, d(2025, 7, 21));
    assert!(term
        .steps
        .iter()
        .any(|s| matches!(s, Step::DateFound { how, .. }
        if how.iter().any(|l| l.zh.contains("2025-07-21") && l.zh.contains("第二百零三条")))));
    // The second instalment, 30 days after the end: 2025-08-20.
    assert_eq!(r.payments[0].due, Some(d(2025, 8, 20)));
}

#[test]
fn term_end_on_national_day_moves_past_the_holiday() {
    // 2024-10-01 + 1 year = 2025-10-01: National Day and Mid-Autumn, 10-01 … 10-08 off.
    let term = run(&contract("", TERM_1Y), &signed("2024-10-01", "2025-01-01"))
        .term
        .unwrap();
    assert_eq!(term.end, d(2025, 10, 9));
}

#[test]
fn term_end_is_kept_where_the_contract_switches_the_move_off() {
    let clause = TERM_1Y.replace(
        r#""length": { "n": 1, "unit": "years" } } }"#,
        r#""length": { "n": 1, "unit": "years" }, "no_holiday_extension": true } }"#,
    );
    let term = run(&contract("", &clause), &signed("2024-07-20", "2025-01-01"))
        .term
        .unwrap();
    assert_eq!(term.end, d(2025, 7, 20));
    assert!(term
        .steps
        .iter()
        .any(|s| matches!(s, Step::DateFound { how, .. }
        if how.iter().any(|l| l.zh.contains("合同约定不顺延")))));
}

#[test]
fn renewals_count_from_the_corresponding_day_not_the_moved_end() {
    let clause = r#"{ "id": "1.2", "title": { "zh": "服务期限" }, "rule": { "kind": "term",
      "start": { "event": "signing" }, "length": { "n": 1, "unit": "years" },
      "renewal": { "length": { "n": 1, "unit": "years" }, "notice": { "n": 30, "unit": "days" } } } }"#;
    // Signed 2024-07-20: the first year ends Sunday 2025-07-20 → Monday 07-21; renewed, the
    // second ends on 2026-07-20 (a Monday), not 07-21.
    let term = run(&contract("", clause), &signed("2024-07-20", "2025-08-01"))
        .term
        .unwrap();
    assert_eq!(term.renewals, 1);
    assert_eq!(term.end, d(2026, 7, 20));
}

#[test]
fn contract_year_duties_fall_due_on_the_moved_last_day() {
    let clauses = r#"{ "id": "3", "title": { "zh": "服务期限" }, "rule": { "kind": "term",
      "start": { "event": "signing" }, "length": { "n": 3, "unit": "years" } } },
    { "id": "8", "title": { "zh": "年度验收" }, "rule": { "kind": "obligation", "party": "buyer",
      "schedule": { "type": "every", "every": "contract_year" } } }"#;
    let r = run(&contract("", clauses), &signed("2023-03-01", "2023-06-01"));
    // 001 §8: each contract year from 2023-03-01 ends on 2024-03-01 (Friday), Saturday
    // 2025-03-01 → Monday 03-03, Sunday 2026-03-01 → Monday 03-02 (also the term's end).
    let dues: Vec<NaiveDate> = r.obligations.iter().map(|o| o.due).collect();
    assert_eq!(dues, vec![d(2024, 3, 1), d(2025, 3, 3), d(2026, 3, 2)]);
    assert_eq!(r.term.unwrap().end, d(2026, 3, 2));
}

#[test]
fn a_date_fixed_on_the_calendar_does_not_move() {
    let clauses = r#"{ "id": "9", "title": { "zh": "付款" }, "rule": { "kind": "payment", "id": "p",
      "label": { "zh": "国庆日付款" }, "amount": { "type": "fixed", "amount": "1000" },
      "due": { "date": "2025-10-01" } } }"#;
    let r = run(&contract("", clauses), &signed("2024-07-20", "2025-10-05"));
    // A stated day (2025-10-01, National Day) is not the end of a period: it stays.
    assert_eq!(r.payments[0].due, Some(d(2025, 10, 1)));
}

#[test]
fn a_deadline_extended_by_consent_ends_past_the_days_off() {
    let c = contract(
        r#""events": [ { "id": "go_live", "label": { "zh": "上线" } } ],
  "deadlines": [ { "id": "live", "label": { "zh": "上线期限" },
     "due": { "event": "signing", "after": { "n": 30, "unit": "days" } }, "done": "go_live" } ],"#,
        r#"{ "id": "4.5", "title": { "zh": "逾期上线" }, "rule": { "kind": "penalty", "payer": "seller",
    "trigger": { "on": "deadline", "deadline": "live", "grace": { "max": { "n": 15, "unit": "days" } } },
    "formula": { "type": "per_day", "rate": "0.1%", "base": { "of": "total" } } } }"#,
    );
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-06-01",
  "dates": { "signing": "2024-03-01", "go_live": "2024-04-08" },
  "consents": [ { "clause": "4.5", "date": "2024-03-25", "extension_days": 4 } ] }"#,
    );
    let r = run(&c, &e);
    let cr = r.penalties.iter().find(|p| p.clause == "4.5").unwrap();
    // Due 30 days after 2024-03-01: Sunday 03-31 → Monday 04-01. Four days' grace end on 04-05,
    // Qingming (04-04 … 04-06 off): the extended time ends on the make-up working Sunday 04-07,
    // so going live on 04-08 is one day late (¥1,000 a day), not three.
    assert_eq!(cr.total, "1000".parse().unwrap());
    assert!(cr.lines[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::DateFound { date, how, .. }
        if *date == d(2024, 4, 7) && how.iter().any(|l| l.zh.contains("第二百零三条")))));
}
