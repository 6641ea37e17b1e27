//! Tests: engine_schedule.
//!
//! The schedule parts of the engine — the term, SLA timers, obligation instances and the
//! payment schedule — on the worked cases of CLAUSES.md §5–§8, with real dates, year boundaries
//! and State Council holidays.

use chrono::{NaiveDate, NaiveDateTime};
use lvyue::domain::calendar::{parse_datetime, Calendar};
use lvyue::domain::contract::{Contract, Label, Side, Span, SpanUnit};
use lvyue::domain::engine::{self, payments, set_off, Ctx, Options, PenaltyOutcome};
use lvyue::domain::events::Events;
use lvyue::domain::money::Amount;
use lvyue::domain::report::{
    ClauseResult, Line, ObligationInstance, ObligationStatus, PaymentStatus, Report, Step,
    TimerResult, TimerStatus,
};
use proptest::prelude::*;
use rust_decimal::prelude::ToPrimitive;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    parse_datetime(s).unwrap()
}

fn amt(s: &str) -> Amount {
    s.parse().unwrap()
}

/// A contract with the given total (JSON value or `null`), clauses, and extra top-level fields.
fn contract(total: &str, clauses: &str, extra: &str) -> Contract {
    let json = format!(
        r#"{{
  "format": "lvyue-contract/2", "id": "test", "title": "测试合同",
  "parties": {{ "buyer": {{ "name": "甲方" }}, "seller": {{ "name": "乙方" }} }},
  "total": {total}, {extra}
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

fn span(n: u32, unit: SpanUnit) -> Span {
    Span { n, unit }
}

// ---------------------------------------------------------------------------------------------
// The term (CLAUSES.md §7)

const TERM_004: &str = r#"{ "id": "1.2", "title": { "zh": "服务期限" }, "rule": { "kind": "term",
  "start": { "event": "signing" }, "length": { "n": 1, "unit": "years" },
  "renewal": { "length": { "n": 1, "unit": "years" }, "notice": { "n": 30, "unit": "days" } } } }"#;

#[test]
fn term_004_one_year_from_signing_with_notice_date() {
    let c = contract("980000", TERM_004, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-03-01", "dates": { "signing": "2022-07-20" } }"#,
    );
    let r = run(&c, &e);
    let term = r.term.expect("term");
    assert_eq!(term.clause, "1.2");
    assert_eq!(term.start, d(2022, 7, 20));
    assert_eq!(term.end, d(2023, 7, 20));
    assert_eq!(term.renewals, 0);
    // 004 §4.2(7): notice 30 days before the end.
    assert_eq!(term.notice_by, Some(d(2023, 6, 20)));
    assert!(term
        .steps
        .iter()
        .any(|s| matches!(s, Step::DateFound { date, .. } if *date == d(2023, 7, 20))));
}

#[test]
fn term_004_renews_automatically_without_notice() {
    let c = contract("980000", TERM_004, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-09-01", "dates": { "signing": "2022-07-20" } }"#,
    );
    let term = run(&c, &e).term.unwrap();
    assert_eq!(term.renewals, 2);
    // The second renewal ends on the corresponding day, Sunday 2025-07-20, which moves to Monday
    // 07-21 (Civil Code Art. 203, as for every period end; this test used to keep the Sunday).
    // Notice is due 30 days before that end.
    assert_eq!(term.end, d(2025, 7, 21));
    assert_eq!(term.notice_by, Some(d(2025, 6, 21)));
}

#[test]
fn term_004_notice_in_time_stops_renewal() {
    let c = contract("980000", TERM_004, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-09-01",
        "dates": { "signing": "2022-07-20", "non_renewal_notice": "2023-06-20" } }"#,
    );
    let term = run(&c, &e).term.unwrap();
    assert_eq!(term.renewals, 0);
    assert_eq!(term.end, d(2023, 7, 20));
    assert!(term
        .steps
        .iter()
        .any(|s| matches!(s, Step::Note { en, .. } if en.contains("non-renewal"))));
}

#[test]
fn term_004_late_notice_stops_only_the_next_renewal() {
    let c = contract("980000", TERM_004, "");
    // Given 2023-07-01, after the last day 2023-06-20: the contract renews once.
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-09-01",
        "dates": { "signing": "2022-07-20", "non_renewal_notice": "2023-07-01" } }"#,
    );
    let term = run(&c, &e).term.unwrap();
    assert_eq!(term.renewals, 1);
    // Renewed once: the corresponding day is Saturday 2024-07-20, so the term ends on Monday
    // 07-22 (Art. 203; this test used to keep the Saturday), and notice was due 30 days before
    // that end.
    assert_eq!(term.end, d(2024, 7, 22));
    assert_eq!(term.notice_by, Some(d(2024, 6, 22)));
}

const TERM_001: &str = r#"{ "id": "3", "title": { "zh": "服务期限" }, "rule": { "kind": "term",
  "start": { "event": "signing" }, "length": { "n": 3, "unit": "years" },
  "extended_until": "year3_acceptance" } }"#;
const EVENTS_001: &str = r#""events": [ { "id": "year3_acceptance", "label": { "zh": "第三年度验收", "en": "year-3 acceptance" } } ],"#;

#[test]
fn term_001_failed_acceptance_extends_until_one_passes() {
    let c = contract("300000", TERM_001, EVENTS_001);
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-06-01", "dates": { "signing": "2021-03-01" },
        "acceptances": [ { "event": "year3_acceptance", "date": "2024-02-20", "passed": false },
                         { "event": "year3_acceptance", "date": "2024-04-10", "passed": true } ] }"#,
    );
    let term = run(&c, &e).term.unwrap();
    assert_eq!(term.start, d(2021, 3, 1));
    assert_eq!(term.end, d(2024, 4, 10));
}

#[test]
fn term_001_pending_acceptance_keeps_the_term_running() {
    let c = contract("300000", TERM_001, EVENTS_001);
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-05-01", "dates": { "signing": "2021-03-01" },
        "acceptances": [ { "event": "year3_acceptance", "date": "2024-02-20", "passed": false } ] }"#,
    );
    let term = run(&c, &e).term.unwrap();
    assert_eq!(term.end, d(2024, 5, 1));
    assert!(term.steps.iter().any(
        |s| matches!(s, Step::Note { en, zh } if en.contains("pending") && zh.contains("尚未发生"))
    ));
    // Before the end nothing is extended; an acceptance passed in time changes nothing.
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-05-01", "dates": { "signing": "2021-03-01" },
        "acceptances": [ { "event": "year3_acceptance", "date": "2024-02-25", "passed": true } ] }"#,
    );
    assert_eq!(run(&c, &e).term.unwrap().end, d(2024, 3, 1));
}

// ---------------------------------------------------------------------------------------------
// Payments (CLAUSES.md §6)

const PAY_004: &str = r#"
{ "id": "3.5-1", "title": { "zh": "第一期付款" }, "rule": { "kind": "payment", "id": "m1",
  "label": { "zh": "首期 50%" }, "amount": { "type": "rate", "rate": "50%", "base": { "of": "total" } },
  "due": { "event": "signing", "after": { "n": 30, "unit": "days" } } } },
{ "id": "3.5-2", "title": { "zh": "第二期付款" }, "rule": { "kind": "payment", "id": "m2",
  "label": { "zh": "二期 50%" }, "amount": { "type": "rate", "rate": "50%", "base": { "of": "total" } },
  "due": { "event": "term_end", "after": { "n": 30, "unit": "days" } } } }"#;

#[test]
fn payments_004_second_instalment_forty_days_late() {
    let c = contract("980000", &format!("{TERM_004},{PAY_004}"), "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-10-31",
        "dates": { "signing": "2022-07-20", "non_renewal_notice": "2023-06-15" },
        "payments": [ { "milestone": "m1", "date": "2022-08-10", "amount": "490000" },
                      { "milestone": "m2", "date": "2023-09-30", "amount": "490000" } ] }"#,
    );
    let r = run(&c, &e);
    let (m1, m2) = (&r.payments[0], &r.payments[1]);
    assert_eq!(m1.amount, Some(amt("490000")));
    assert_eq!(m1.due, Some(d(2022, 8, 19)));
    assert_eq!(m1.status, PaymentStatus::Paid);
    assert_eq!(m1.days_late, 0);
    // 2023-07-20 + 30 days = Saturday 2023-08-19 → Monday 2023-08-21 (Art. 203).
    assert_eq!(m2.due, Some(d(2023, 8, 21)));
    assert_eq!(m2.status, PaymentStatus::PaidLate);
    assert_eq!(m2.days_late, 40);
    assert_eq!(m2.paid_on, Some(d(2023, 9, 30)));
    assert_eq!(m2.outstanding, Amount::ZERO);
    assert_eq!(m2.net_payable, Amount::ZERO);

    let (cal, opts) = (Calendar::china(), Options::default());

    let mut ctx = Ctx::new(&c, &e, &cal, &opts);
    engine::term::evaluate(&mut ctx);
    let s = payments::schedule(&ctx).expect("a schedule");
    assert_eq!(s.overdue.len(), 1);
    let seg = &s.overdue[0];
    assert_eq!(seg.milestone, "m2");
    assert_eq!((seg.from, seg.to), (d(2023, 8, 22), d(2023, 9, 30)));
    assert_eq!(seg.days(), 40);
    assert_eq!(seg.amount, amt("490000"));
    assert!(seg.paid);
}

#[test]
fn payments_004_statuses_before_and_on_the_due_date() {
    let c = contract("980000", &format!("{TERM_004},{PAY_004}"), "");
    let on = |as_of: &str| {
        let e = events(&format!(
            r#"{{ "format": "lvyue-events/2", "as_of": "{as_of}", "dates": {{ "signing": "2022-07-20" }} }}"#
        ));
        run(&c, &e).payments[0].clone()
    };
    assert_eq!(on("2022-08-01").status, PaymentStatus::NotYetDue);
    assert_eq!(on("2022-08-19").status, PaymentStatus::Due);
    let late = on("2022-08-25");
    assert_eq!(late.status, PaymentStatus::Overdue);
    assert_eq!(late.days_late, 6);
    assert_eq!(late.outstanding, amt("490000"));
    assert_eq!(late.net_payable, amt("490000"));
}

#[test]
fn payments_partial_late_portions_make_segments() {
    let c = contract("980000", &format!("{TERM_004},{PAY_004}"), "");
    // Due 2022-08-19: 100,000 on time, 200,000 on 08-29 (10 days late, fiscal delay), the rest
    // unpaid on 09-08 (20 days late).
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2022-09-08", "dates": { "signing": "2022-07-20" },
        "payments": [ { "milestone": "m1", "date": "2022-08-29", "amount": "200000", "excuse": "fiscal_delay" },
                      { "milestone": "m1", "date": "2022-08-15", "amount": "100000" },
                      { "milestone": "m1", "date": "2022-12-01", "amount": "190000" } ] }"#,
    );
    let (cal, opts) = (Calendar::china(), Options::default());
    let mut ctx = Ctx::new(&c, &e, &cal, &opts);
    engine::term::evaluate(&mut ctx);
    let s = payments::schedule(&ctx).expect("a schedule");
    let m1 = &s.milestones[0];
    assert_eq!(m1.paid, amt("300000"));
    assert_eq!(m1.outstanding, amt("190000"));
    assert_eq!(m1.status, PaymentStatus::Overdue);
    assert_eq!(m1.days_late, 20);
    assert_eq!(s.overdue.len(), 2);
    assert_eq!(s.overdue[0].amount, amt("200000"));
    assert_eq!(s.overdue[0].days(), 10);
    assert!(s.overdue[0].paid);
    assert!(s.overdue[0].excuse.is_some());
    assert_eq!(s.overdue[1].amount, amt("190000"));
    assert_eq!(s.overdue[1].days(), 20);
    assert!(!s.overdue[1].paid);
    // The payment dated after the as-of date is noted and left out.
    assert!(m1
        .steps
        .iter()
        .any(|st| matches!(st, Step::Note { en, .. } if en.contains("after the as-of date"))));
}

const PAY_002: &str = r#"
{ "id": "2-1", "title": { "zh": "第一笔款" }, "rule": { "kind": "payment", "id": "m1",
  "label": { "zh": "合同总价 30%" }, "amount": { "type": "rate", "rate": "30%", "base": { "of": "total" } },
  "due": { "event": "invoice", "after": { "n": 15, "unit": "days" }, "not_before": [ { "event": "plan_accepted" } ] } } },
{ "id": "2-2", "title": { "zh": "第二笔款" }, "rule": { "kind": "payment", "id": "m2",
  "label": { "zh": "合同总价 50%" }, "amount": { "type": "rate", "rate": "50%", "base": { "of": "total" } },
  "due": { "event": "invoice", "after": { "n": 15, "unit": "days" }, "not_before": [ { "event": "final_acceptance" } ] } } },
{ "id": "2-3", "title": { "zh": "第三笔款" }, "rule": { "kind": "payment", "id": "m3",
  "label": { "zh": "审计价 15%" }, "amount": { "type": "rate", "rate": "15%", "base": { "of": "audited_price" } },
  "due": { "event": "invoice", "after": { "n": 15, "unit": "days" }, "not_before": [ { "event": "final_acceptance" } ] } } },
{ "id": "2-4", "title": { "zh": "质保金" }, "rule": { "kind": "payment", "id": "m4", "retention": true,
  "label": { "zh": "审计价 5%" }, "amount": { "type": "rate", "rate": "5%", "base": { "of": "audited_price" } },
  "due": { "event": "invoice", "after": { "n": 15, "unit": "days" },
           "not_before": [ { "event": "final_acceptance", "after": { "n": 20, "unit": "months" },
                             "extend_per_incident": { "by": { "n": 1, "unit": "months" } } } ] } } }"#;

const EXTRA_002: &str = r#""events": [
  { "id": "plan_accepted", "label": { "zh": "实施方案确认", "en": "implementation plan accepted" } },
  { "id": "final_acceptance", "label": { "zh": "终验", "en": "final acceptance" } } ],
  "levels": [ { "id": "I", "label": { "zh": "一级" }, "major": true },
              { "id": "II", "label": { "zh": "二级" }, "major": true },
              { "id": "III", "label": { "zh": "三级" } }, { "id": "IV", "label": { "zh": "四级" } } ],
  "set_off": { "clause": "6-5" },"#;

fn events_002(as_of: &str, audited: bool) -> Events {
    let facts = if audited {
        r#", "facts": { "audited_price": "1300000" }"#
    } else {
        ""
    };
    events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "{as_of}",
        "dates": {{ "signing": "2022-06-10", "plan_accepted": "2022-06-28", "final_acceptance": "2022-12-15" }},
        "invoices": [ {{ "milestone": "m1", "date": "2022-06-20" }}, {{ "milestone": "m2", "date": "2022-12-17" }},
                      {{ "milestone": "m3", "date": "2023-03-01" }}, {{ "milestone": "m4", "date": "2024-09-01" }} ],
        "incidents": [ {{ "id": "F1", "level": "I", "reported": "2023-03-01T10:00:00" }},
                       {{ "id": "F2", "level": "III", "reported": "2023-05-01T10:00:00" }} ],
        "payments": [ {{ "milestone": "m1", "date": "2022-07-05", "amount": "405000" }} ]{facts} }}"#
    ))
}

#[test]
fn payments_002_audited_price_and_retention() {
    let c = contract("1350000", PAY_002, EXTRA_002);
    let r = run(&c, &events_002("2024-10-08", true));
    let p = &r.payments;
    assert_eq!(p.len(), 4);
    assert_eq!(p[0].amount, Some(amt("405000")));
    assert_eq!(p[1].amount, Some(amt("675000")));
    assert_eq!(p[2].amount, Some(amt("195000.00")));
    assert_eq!(p[3].amount, Some(amt("65000.00")));
    let total = p
        .iter()
        .filter_map(|m| m.amount)
        .fold(Amount::ZERO, |a, b| a.checked_add(b).unwrap());
    assert_eq!(total, amt("1340000.00"));
    // m1: invoice 06-20 + 15 days = 07-05, after the plan's acceptance 06-28; paid that day.
    assert_eq!(p[0].due, Some(d(2022, 7, 5)));
    assert_eq!(p[0].status, PaymentStatus::Paid);
    // m2: invoice 12-17 + 15 days = Sunday 2023-01-01, New Year's Day → Tuesday 2023-01-03.
    assert_eq!(p[1].due, Some(d(2023, 1, 3)));
    assert_eq!(p[1].status, PaymentStatus::Overdue);
    // m4: final acceptance 2022-12-15 + 20 months = 2024-08-15, + 1 month for the major fault
    // F1 = 2024-09-15; invoice 09-01 + 15 days = 09-16, Mid-Autumn Festival → 09-18.
    assert_eq!(p[3].due, Some(d(2024, 9, 18)));
    assert_eq!(p[3].outstanding, amt("65000"));
    // No penalty clauses here: set-off has nothing to set off.
    assert!(p
        .iter()
        .all(|m| m.set_off == Amount::ZERO && m.net_payable == m.outstanding));
}

#[test]
fn payments_002_retention_extended_per_major_fault() {
    let c = contract("1350000", PAY_002, EXTRA_002);
    let mut e = events_002("2024-10-08", true);
    for i in &mut e.invoices {
        if i.milestone == "m4" {
            i.date = d(2024, 8, 20);
        }
    }
    // Invoice 08-20 + 15 days = 09-04; not before 2024-08-15 + 1 month for F1 (level I): the
    // 21 months of maintenance end on the corresponding day, Sunday 2024-09-15, the first day of
    // the Mid-Autumn holiday (09-15 … 09-17), so the last day is Wednesday 09-18 (Art. 203, as
    // for every period end; this test used to keep the Sunday).
    let m4 = run(&c, &e).payments[3].clone();
    assert_eq!(m4.due, Some(d(2024, 9, 18)));
    assert!(m4
        .steps
        .iter()
        .any(|s| matches!(s, Step::DateFound { how, .. }
        if how.iter().any(|l| l.en.as_deref().is_some_and(|e| e.contains("2024-09-15"))))));
    // A second major fault reported before the extended date extends it again (22 months from
    // 2022-12-15, counted from the corresponding day: 2024-10-15); so does a third reported
    // before the twice-extended date (2024-11-15).
    e.incidents.push(
        serde_json::from_str(r#"{ "id": "F3", "level": "II", "reported": "2024-09-01T08:00:00" }"#)
            .unwrap(),
    );
    assert_eq!(run(&c, &e).payments[3].due, Some(d(2024, 10, 15)));
    e.incidents.push(
        serde_json::from_str(r#"{ "id": "F4", "level": "I", "reported": "2024-10-01T08:00:00" }"#)
            .unwrap(),
    );
    assert_eq!(run(&c, &e).payments[3].due, Some(d(2024, 11, 15)));
    // Without major faults (F2 is level III): 09-04.
    e.incidents.retain(|i| i.level == "III");
    assert_eq!(run(&c, &e).payments[3].due, Some(d(2024, 9, 4)));
}

#[test]
fn payments_002_before_the_audit_amounts_are_pending() {
    let c = contract("1350000", PAY_002, EXTRA_002);
    let r = run(&c, &events_002("2023-06-01", false));
    let p = &r.payments;
    assert_eq!(p[2].amount, None);
    assert_eq!(p[2].status, PaymentStatus::Pending);
    assert_eq!(p[3].amount, None);
    assert_eq!(p[3].status, PaymentStatus::Pending);
    assert_eq!(p[2].outstanding, Amount::ZERO);
}

#[test]
fn payments_002_retention_waits_on_its_invoice() {
    let c = contract("1350000", PAY_002, EXTRA_002);
    let mut e = events_002("2024-10-08", true);
    e.invoices.retain(|i| i.milestone != "m4");
    let r = run(&c, &e);
    assert_eq!(r.payments[3].due, None);
    assert_eq!(r.payments[3].status, PaymentStatus::Pending);
}

#[test]
fn payments_rate_rounds_half_up_to_the_fen() {
    let clause = r#"{ "id": "7.1", "title": { "zh": "付款" }, "rule": { "kind": "payment", "id": "m1",
      "label": { "zh": "三分之一" }, "amount": { "type": "rate", "rate": "12.5%", "base": { "of": "total" } },
      "due": { "date": "2024-03-01" } } }"#;
    let c = contract("\"100.02\"", clause, "");
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2024-01-01" }"#);
    let r = run(&c, &e);
    // 12.5% × 100.02 = 12.5025 → 12.50; a Rounded step shows it.
    assert_eq!(r.payments[0].amount, Some(amt("12.50")));
    assert!(r.payments[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Rounded { raw, amount } if *raw == amt("12.5025") && *amount == amt("12.50"))));
    let c = contract("\"100.04\"", clause, "");
    // 12.505 → 12.51 (half up).
    assert_eq!(run(&c, &e).payments[0].amount, Some(amt("12.51")));
}

#[test]
fn payments_recorded_amounts() {
    let clause = r#"{ "id": "7.1-2", "title": { "zh": "按量付费" }, "rule": { "kind": "payment", "id": "usage1",
      "label": { "zh": "语音短信按量" }, "amount": { "type": "recorded" }, "due": { "date": "2024-03-01" } } }"#;
    let c = contract("null", clause, "");
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2024-01-01" }"#);
    assert_eq!(run(&c, &e).payments[0].status, PaymentStatus::Pending);
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-01-01", "facts": { "amounts": { "usage1": "3210.5" } } }"#,
    );
    let m = &run(&c, &e).payments[0];
    assert_eq!(m.amount, Some(amt("3210.50")));
    assert_eq!(m.status, PaymentStatus::NotYetDue);
}

/// A seller's penalty clause of one line: `amount` owed on `date`.
fn seller_lines(clause: &str, lines: &[(NaiveDate, &str)]) -> ClauseResult {
    let lines: Vec<Line> = lines
        .iter()
        .map(|(date, a)| Line {
            subject: clause.into(),
            date: *date,
            amount: amt(a),
            uncapped: amt(a),
            payer: None,
            steps: Vec::new(),
        })
        .collect();
    ClauseResult {
        clause: clause.into(),
        title: Label {
            zh: clause.into(),
            en: None,
        },
        payer: Side::Seller,
        total: lines
            .iter()
            .fold(Amount::ZERO, |s, l| s.checked_add(l.amount).unwrap()),
        uncapped: Amount::ZERO,
        lines,
        cap: None,
        rights: Vec::new(),
        readings: Vec::new(),
    }
}

const PEN_002_6_1: &str = r#"{ "id": "6-1", "title": { "zh": "逾期违约金" }, "rule": { "kind": "penalty",
  "payer": "seller", "trigger": { "on": "occurrence" },
  "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1" } } } }"#;

#[test]
fn set_off_settles_milestones_in_due_date_order() {
    let c = contract("1350000", &format!("{PAY_002},{PEN_002_6_1}"), EXTRA_002);
    let e = events_002("2024-10-08", true);
    let (cal, opts) = (Calendar::china(), Options::default());
    let mut ctx = Ctx::new(&c, &e, &cal, &opts);
    engine::term::evaluate(&mut ctx);
    let s = payments::schedule(&ctx).expect("a schedule");
    let mut pen = PenaltyOutcome {
        clauses: vec![seller_lines("6-1", &[(d(2022, 12, 20), "700000.005")])],
        ..PenaltyOutcome::default()
    };
    pen.by_milestone
        .insert("m2".into(), (amt("1000.00"), amt("500.00")));
    let credits = set_off::credits(&ctx, &s, &pen);
    let ms = payments::settle(
        payments::schedule_with(&ctx, &credits).expect("schedule"),
        &pen,
    );
    // Outstanding: m2 675,000 (due 2023-01-03), m3 195,000 (due 2023-03-16), m4 65,000.
    assert_eq!(ms[1].penalty, amt("1000"));
    assert_eq!(ms[1].interest, amt("500"));
    assert_eq!(ms[0].set_off, Amount::ZERO);
    assert_eq!(ms[1].set_off, amt("675000"));
    assert_eq!(ms[1].net_payable, Amount::ZERO);
    // Set off on 2022-12-20, before the due date: m2 is settled on time, not unpaid or late.
    assert_eq!(ms[1].status, PaymentStatus::Paid);
    assert_eq!(ms[1].days_late, 0);
    assert_eq!(ms[1].paid, Amount::ZERO, "no cash");
    // The line, 700,000.005, rounds to 700,000.01: 25,000.01 is left for m3.
    assert_eq!(ms[2].set_off, amt("25000.01"));
    assert_eq!(ms[2].net_payable, amt("169999.99"));
    assert_eq!(ms[2].status, PaymentStatus::Overdue, "the rest is unpaid");
    assert_eq!(ms[3].set_off, Amount::ZERO);
    assert_eq!(ms[3].net_payable, amt("65000"));

    // A penalty that arose after the due date settles its part from that day: late until then.
    let pen = PenaltyOutcome {
        clauses: vec![seller_lines("6-1", &[(d(2023, 1, 13), "675000")])],
        ..PenaltyOutcome::default()
    };
    let credits = set_off::credits(&ctx, &s, &pen);
    let s2 = payments::schedule_with(&ctx, &credits).expect("schedule");
    assert_eq!(s2.milestones[1].status, PaymentStatus::PaidLate);
    assert_eq!(s2.milestones[1].days_late, 10);
    let seg = s2.overdue.iter().find(|g| g.milestone == "m2").unwrap();
    assert_eq!(
        (seg.from, seg.to, seg.paid),
        (d(2023, 1, 4), d(2023, 1, 13), true)
    );

    // Without a set-off clause nothing is set off: the net payable is the outstanding amount.
    let mut c2 = c.clone();
    c2.set_off = None;
    let (cal, opts) = (Calendar::china(), Options::default());
    let ctx2 = Ctx::new(&c2, &e, &cal, &opts);
    assert!(set_off::credits(&ctx2, &s, &pen).is_empty());
    let ms = payments::settle(s, &pen);
    assert!(ms
        .iter()
        .all(|m| m.set_off == Amount::ZERO && m.net_payable == m.outstanding));
}

/// "延期履约违约金…甲方有权从应付合同款中扣除": the set-off clause is the delay clause itself, so
/// only its penalty is set off, and the buyer who paid the rest on time is not late.
fn c_set_off_own_clause(set_off: &str) -> Contract {
    contract(
        "1000000",
        r#"{ "id": "3", "title": { "zh": "验收后付款" }, "rule": { "kind": "payment", "id": "m1",
    "label": { "zh": "验收款" }, "amount": { "type": "fixed", "amount": "1000000" },
    "due": { "event": "acceptance", "after": { "n": 30, "unit": "days" } } } },
  { "id": "7.1", "title": { "zh": "延期履约违约金" }, "text": "乙方延期履约的，每日按合同金额的千分之一支付延期履约违约金，甲方有权从应付合同款中扣除。",
    "rule": { "kind": "penalty", "payer": "seller", "trigger": { "on": "deadline", "deadline": "live" },
    "formula": { "type": "per_day", "rate": "0.1%", "base": { "of": "total" } } } },
  { "id": "7.2", "title": { "zh": "其他违约" }, "rule": { "kind": "penalty", "payer": "seller",
    "trigger": { "on": "occurrence" }, "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "20000" } } } },
  { "id": "7.3", "title": { "zh": "逾期付款" }, "rule": { "kind": "penalty", "payer": "buyer",
    "trigger": { "on": "late_payment" }, "formula": { "type": "per_day", "rate": "0.05%", "base": { "of": "overdue" } } } }"#,
        &format!(
            r#""events": [ {{ "id": "go_live", "label": {{ "zh": "上线" }} }}, {{ "id": "acceptance", "label": {{ "zh": "验收" }} }} ],
  "deadlines": [ {{ "id": "live", "label": {{ "zh": "上线期限" }}, "due": {{ "date": "2024-03-01" }}, "done": "go_live" }} ],
  "set_off": {set_off},"#
        ),
    )
}

#[test]
fn set_off_takes_from_the_clauses_it_names() {
    // Live 10 days late (2024-03-11): 7.1 is 0.1% × 1,000,000 × 10 = 10,000. A breach under 7.2
    // costs 20,000. Accepted 2024-03-15: m1 due 30 days later, 2024-04-14, a Sunday → Monday
    // 2024-04-15. The buyer pays 990,000 on 2024-04-15, deducting 7.1's penalty.
    let e = |payments: &str| {
        events(&format!(
            r#"{{ "format": "lvyue-events/2", "as_of": "2024-05-30",
        "dates": {{ "signing": "2024-01-02", "go_live": "2024-03-11", "acceptance": "2024-03-15" }},
        "occurrences": [ {{ "clause": "7.2", "date": "2024-03-20" }} ],
        "payments": [ {payments} ] }}"#
        ))
    };
    let c = c_set_off_own_clause(r#"{ "clause": "7.1" }"#);
    let r = run(
        &c,
        &e(r#"{ "milestone": "m1", "date": "2024-04-15", "amount": "990000" }"#),
    );
    let m1 = &r.payments[0];
    assert_eq!(m1.due, Some(d(2024, 4, 15)));
    assert_eq!(m1.set_off, amt("10000"), "7.1 only");
    assert_eq!(m1.net_payable, Amount::ZERO);
    assert_eq!(m1.status, PaymentStatus::Paid);
    assert_eq!(m1.days_late, 0);
    let late = r.penalties.iter().find(|p| p.clause == "7.3").unwrap();
    assert_eq!(late.total, Amount::ZERO, "nothing paid late");
    assert!(m1.steps.iter().any(|s| matches!(s, Step::Note { zh, .. }
        if zh.contains("依第 7.1 条，以乙方违约金 ¥10,000.00抵扣"))));

    // Nothing paid: 7.1's 10,000 is set off (on 2024-03-11, before the due date), 7.2's
    // 20,000 is not; 990,000 is overdue 45 days (2024-04-16 … 05-30).
    let r = run(&c, &e(""));
    let m1 = &r.payments[0];
    assert_eq!(m1.set_off, amt("10000"));
    assert_eq!(m1.net_payable, amt("990000"));
    assert_eq!(m1.status, PaymentStatus::Overdue);
    assert_eq!(m1.days_late, 45);
    let late = r.penalties.iter().find(|p| p.clause == "7.3").unwrap();
    // 0.05% × 990,000 × 45 = 22,275.
    assert_eq!(late.total, amt("22275"));

    // Naming both clauses sets off both (20,000 on 2024-03-20, before the due date too).
    let c = c_set_off_own_clause(r#"{ "clause": "7.1", "clauses": ["7.1", "7.2"] }"#);
    let r = run(&c, &e(""));
    assert_eq!(r.payments[0].set_off, amt("30000"));
    assert_eq!(r.payments[0].net_payable, amt("970000"));
    assert!(r.payments[0]
        .steps
        .iter()
        .any(|s| matches!(s, Step::Note { en, .. }
        if en.contains("(clause 7.1 ¥10,000.00, clause 7.2 ¥20,000.00)"))));
}

// ---------------------------------------------------------------------------------------------
// SLA timers (CLAUSES.md §5)

fn timer<'a>(r: &'a Report, timer: &str, subject: &str) -> Option<&'a TimerResult> {
    r.sla
        .iter()
        .find(|x| x.timer == timer && x.subject == subject)
}

#[test]
fn sla_001_response_by_level() {
    let clause = r#"{ "id": "4.9.3", "title": { "zh": "响应时间" }, "rule": { "kind": "sla", "applies_to": "incidents",
      "timers": [ { "id": "response", "label": { "zh": "响应" }, "from": "reported", "to": "responded", "limits": [
        { "within": { "n": 15, "unit": "minutes" }, "levels": ["一级"] },
        { "within": { "n": 30, "unit": "minutes" }, "levels": ["二级"] },
        { "within": { "n": 2, "unit": "hours" }, "levels": ["三级"] },
        { "within": { "n": 4, "unit": "hours" }, "levels": ["四级"] },
        { "within": { "n": 6, "unit": "hours" }, "levels": ["五级"] } ] } ] } }"#;
    let c = contract("300000", clause, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-03-01", "incidents": [
        { "id": "a", "level": "一级", "reported": "2023-03-01T10:00:00", "responded": "2023-03-01T10:14:00" },
        { "id": "b", "level": "二级", "reported": "2023-03-01T10:00:00", "responded": "2023-03-01T10:45:00" },
        { "id": "c", "level": "三级", "reported": "2023-03-01T10:00:00" },
        { "id": "d", "level": "五级", "reported": "2023-03-01T20:00:00" },
        { "id": "e", "level": "四级", "reported": "2023-03-01T09:00:00", "responded": "2023-03-01T15:00:00", "excuse": "force_majeure" },
        { "id": "f", "level": "四级", "reported": "2023-02-28T22:00:00", "responded": "2023-03-01T02:00:00" } ] }"#,
    );
    let r = run(&c, &e);
    assert_eq!(r.sla.len(), 6);
    let a = timer(&r, "response", "a").unwrap();
    assert_eq!(a.clause, "4.9.3");
    assert_eq!(a.limit, span(15, SpanUnit::Minutes));
    assert_eq!(a.deadline, t("2023-03-01 10:15"));
    assert_eq!(
        (a.elapsed_minutes, a.over_minutes, a.status),
        (14, 0, TimerStatus::Met)
    );
    assert!(
        matches!(&a.steps[0], Step::LimitChosen { conditions, .. } if conditions[0].contains("一级"))
    );
    let b = timer(&r, "response", "b").unwrap();
    assert_eq!(
        (b.elapsed_minutes, b.over_minutes, b.status),
        (45, 15, TimerStatus::Breached)
    );
    // Open: measured to 24:00 of the as-of day.
    let c3 = timer(&r, "response", "c").unwrap();
    assert_eq!(c3.limit, span(2, SpanUnit::Hours));
    assert_eq!(
        (c3.elapsed_minutes, c3.over_minutes, c3.status),
        (840, 720, TimerStatus::Overdue)
    );
    assert_eq!(c3.stopped, None);
    let d5 = timer(&r, "response", "d").unwrap();
    assert_eq!(d5.deadline, t("2023-03-02 02:00"));
    assert_eq!((d5.elapsed_minutes, d5.status), (240, TimerStatus::Running));
    let e4 = timer(&r, "response", "e").unwrap();
    assert_eq!(e4.status, TimerStatus::Excused);
    assert_eq!(e4.over_minutes, 120);
    // Across midnight, exactly on the limit: met.
    let f = timer(&r, "response", "f").unwrap();
    assert_eq!(
        (f.elapsed_minutes, f.over_minutes, f.status),
        (240, 0, TimerStatus::Met)
    );
}

const SLA_002: &str = r#"{ "id": "附件3-3.1", "title": { "zh": "服务响应" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [
    { "id": "on-site", "label": { "zh": "到场" }, "from": "reported", "to": "on_site", "limits": [
      { "within": { "n": 10, "unit": "minutes" }, "levels": ["I", "II"], "resident": true, "on_working_day": true },
      { "within": { "n": 30, "unit": "minutes" }, "levels": ["I", "II"], "resident": true, "on_working_day": false },
      { "within": { "n": 4, "unit": "hours" }, "levels": ["I", "II"], "resident": false },
      { "within": { "n": 10, "unit": "minutes" }, "levels": ["III"], "resident": true, "on_working_day": true },
      { "within": { "n": 1, "unit": "hours" }, "levels": ["III"], "resident": true, "on_working_day": false },
      { "within": { "n": 8, "unit": "hours" }, "levels": ["III"], "resident": false } ] },
    { "id": "workaround", "label": { "zh": "临时解决" }, "from": "reported", "to": "workaround", "limits": [
      { "within": { "n": 30, "unit": "minutes" }, "levels": ["I", "II"] },
      { "within": { "n": 1, "unit": "hours" }, "levels": ["III"] },
      { "within": { "n": 10, "unit": "working_days" }, "levels": ["IV"] } ] },
    { "id": "fault-report", "label": { "zh": "故障报告" }, "from": "resolved", "to": "reported_back", "limits": [
      { "within": { "n": 24, "unit": "hours" } } ] } ] } }"#;

#[test]
fn sla_002_on_site_by_level_resident_and_day() {
    let c = contract("1350000", SLA_002, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2024-10-31", "incidents": [
        { "id": "makeup-sat", "level": "I", "resident": true, "reported": "2024-10-12T09:00:00", "on_site": "2024-10-12T09:12:00" },
        { "id": "national-day", "level": "II", "resident": true, "reported": "2024-10-03T09:00:00", "on_site": "2024-10-03T09:25:00" },
        { "id": "no-resident", "level": "I", "reported": "2024-10-09T09:00:00", "on_site": "2024-10-09T12:30:00" },
        { "id": "iii-sunday", "level": "III", "resident": true, "reported": "2024-10-13T09:00:00", "on_site": "2024-10-13T10:05:00" },
        { "id": "iv", "level": "IV", "reported": "2024-09-27T10:00:00", "workaround": "2024-10-16T09:30:00",
          "resolved": "2024-10-16T09:30:00", "reported_back": "2024-10-17T10:00:00" } ] }"#,
    );
    let r = run(&c, &e);
    // 2024-10-12 is a make-up Saturday: a working day, 10 minutes.
    let x = timer(&r, "on-site", "makeup-sat").unwrap();
    assert_eq!(x.limit, span(10, SpanUnit::Minutes));
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Breached, 2));
    // National Day: not a working day, 30 minutes.
    let x = timer(&r, "on-site", "national-day").unwrap();
    assert_eq!(x.limit, span(30, SpanUnit::Minutes));
    assert_eq!(x.status, TimerStatus::Met);
    assert!(matches!(&x.steps[0], Step::LimitChosen { conditions, .. }
        if conditions.iter().any(|c| c.contains("day off")) && conditions.iter().any(|c| c.contains("驻场"))));
    // Resident not recorded: counted as none, 4 hours.
    let x = timer(&r, "on-site", "no-resident").unwrap();
    assert_eq!(x.limit, span(4, SpanUnit::Hours));
    assert_eq!(x.status, TimerStatus::Met);
    let x = timer(&r, "on-site", "iii-sunday").unwrap();
    assert_eq!(x.limit, span(1, SpanUnit::Hours));
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Breached, 5));
    // Level IV has no on-site limit: no result.
    assert!(timer(&r, "on-site", "iv").is_none());
    // IV workaround in 10 working days from Friday 2024-09-27 10:00: 09-29 (make-up Sunday),
    // 09-30, National Day off, 10-08 … 10-11, 10-12 (make-up Saturday), 10-14, 10-15, 10-16.
    // A period in working days ends at 24:00 of its last day (Civil Code Art. 203 ¶2), not at
    // the clock time it started (this test used to say 10:00 on 10-16).
    let x = timer(&r, "workaround", "iv").unwrap();
    assert_eq!(x.limit, span(10, SpanUnit::WorkingDays));
    assert_eq!(x.deadline, t("2024-10-17 00:00"));
    assert_eq!(x.status, TimerStatus::Met);
    // Fault report within 24 h after the fix: 30 minutes late.
    let x = timer(&r, "fault-report", "iv").unwrap();
    assert_eq!(x.started, t("2024-10-16 09:30"));
    assert_eq!((x.status, x.over_minutes), (TimerStatus::Breached, 30));
    // Not resolved: the fault-report timer has not started.
    assert!(timer(&r, "fault-report", "makeup-sat").is_none());
}

#[test]
fn sla_003_four_timers() {
    let clause = r#"{ "id": "(2)4", "title": { "zh": "故障处理" }, "rule": { "kind": "sla", "applies_to": "incidents",
      "timers": [
        { "id": "notify", "label": { "zh": "通知" }, "from": "reported", "to": "notified", "limits": [ { "within": { "n": 15, "unit": "minutes" } } ] },
        { "id": "diagnosis", "label": { "zh": "诊断报告" }, "from": "reported", "to": "diagnosed", "limits": [ { "within": { "n": 30, "unit": "minutes" } } ] },
        { "id": "on-site", "label": { "zh": "到场" }, "from": "reported", "to": "on_site", "limits": [ { "within": { "n": 1, "unit": "hours" } } ] },
        { "id": "cleared", "label": { "zh": "排除" }, "from": "reported", "to": "resolved", "limits": [ { "within": { "n": 90, "unit": "minutes" } } ] } ] } }"#;
    let c = contract("null", clause, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2025-01-01", "incidents": [
        { "id": "cut", "level": "any", "reported": "2024-12-31T23:30:00", "notified": "2024-12-31T23:40:00",
          "diagnosed": "2025-01-01T00:05:00", "on_site": "2025-01-01T00:30:00", "resolved": "2025-01-01T01:10:00" } ] }"#,
    );
    let r = run(&c, &e);
    let st = |id: &str| {
        let x = timer(&r, id, "cut").unwrap();
        (x.elapsed_minutes, x.over_minutes, x.status)
    };
    assert_eq!(st("notify"), (10, 0, TimerStatus::Met));
    assert_eq!(st("diagnosis"), (35, 5, TimerStatus::Breached));
    assert_eq!(st("on-site"), (60, 0, TimerStatus::Met));
    assert_eq!(st("cleared"), (100, 10, TimerStatus::Breached));
    assert!(
        matches!(&timer(&r, "notify", "cut").unwrap().steps[0], Step::LimitChosen { conditions, .. }
        if conditions == &vec!["无条件 / unconditional".to_string()])
    );
}

#[test]
fn sla_004_answer_in_and_outside_working_hours_and_requirements() {
    let clauses = r#"{ "id": "附件2-3.2", "title": { "zh": "响应" }, "rule": { "kind": "sla", "applies_to": "incidents",
      "timers": [ { "id": "answer", "label": { "zh": "响应" }, "from": "reported", "to": "responded", "limits": [
        { "within": { "n": 15, "unit": "minutes" }, "in_working_hours": true },
        { "within": { "n": 30, "unit": "minutes" }, "in_working_hours": false } ] } ] } },
      { "id": "附件2-5.4.4", "title": { "zh": "需求响应" }, "rule": { "kind": "sla", "applies_to": "requirements",
      "timers": [ { "id": "first-answer", "label": { "zh": "首次答复" }, "from": "submitted", "to": "first_answer", "limits": [
        { "within": { "n": 24, "unit": "hours" }, "complexity": "ordinary" },
        { "within": { "n": 72, "unit": "hours" }, "complexity": "complex" } ] } ] } }"#;
    let c = contract("980000", clauses, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-07-10", "incidents": [
        { "id": "morning", "level": "x", "reported": "2023-07-03T09:00:00", "responded": "2023-07-03T09:20:00" },
        { "id": "lunch", "level": "x", "reported": "2023-07-03T12:10:00", "responded": "2023-07-03T12:35:00" },
        { "id": "makeup-sunday", "level": "x", "reported": "2023-06-25T10:00:00", "responded": "2023-06-25T10:10:00" },
        { "id": "dragon-boat", "level": "x", "reported": "2023-06-22T10:00:00", "responded": "2023-06-22T10:25:00" },
        { "id": "close", "level": "x", "reported": "2023-07-03T17:30:00", "responded": "2023-07-03T17:50:00" } ],
        "requirements": [
        { "id": "R1", "submitted": "2023-07-03T10:00:00", "complexity": "ordinary", "first_answer": "2023-07-04T11:00:00" },
        { "id": "R2", "submitted": "2023-07-03T10:00:00", "complexity": "complex", "first_answer": "2023-07-05T11:00:00" },
        { "id": "R3", "submitted": "2023-07-09T10:00:00", "complexity": "complex" } ] }"#,
    );
    let r = run(&c, &e);
    let lim = |s: &str| timer(&r, "answer", s).unwrap().limit.n;
    assert_eq!(lim("morning"), 15);
    assert_eq!(
        timer(&r, "answer", "morning").unwrap().status,
        TimerStatus::Breached
    );
    assert_eq!(lim("lunch"), 30);
    assert_eq!(
        timer(&r, "answer", "lunch").unwrap().status,
        TimerStatus::Met
    );
    // 2023-06-25 is a make-up Sunday: working hours.
    assert_eq!(lim("makeup-sunday"), 15);
    // Dragon Boat Festival: outside.
    assert_eq!(lim("dragon-boat"), 30);
    // 17:30 is the end of the afternoon window: outside.
    assert_eq!(lim("close"), 30);
    let r1 = timer(&r, "first-answer", "R1").unwrap();
    assert_eq!(
        (r1.limit, r1.status, r1.over_minutes),
        (span(24, SpanUnit::Hours), TimerStatus::Breached, 60)
    );
    let r2 = timer(&r, "first-answer", "R2").unwrap();
    assert_eq!(
        (r2.limit, r2.status),
        (span(72, SpanUnit::Hours), TimerStatus::Met)
    );
    let r3 = timer(&r, "first-answer", "R3").unwrap();
    assert_eq!(r3.status, TimerStatus::Running);
    assert_eq!(r3.elapsed_minutes, 38 * 60);
    // Requirement timers do not run on incidents and vice versa.
    assert!(timer(&r, "answer", "R1").is_none());
    assert!(timer(&r, "first-answer", "morning").is_none());
}

// ---------------------------------------------------------------------------------------------
// Obligations (CLAUSES.md §8)

fn of<'a>(r: &'a Report, clause: &str) -> Vec<&'a ObligationInstance> {
    r.obligations
        .iter()
        .filter(|o| o.clause == clause)
        .collect()
}

#[test]
fn obligations_003_six_inspections_a_day_over_three_years() {
    let clauses = r#"{ "id": "term", "title": { "zh": "服务期" }, "rule": { "kind": "term",
        "start": { "date": "2022-01-01" }, "length": { "n": 3, "unit": "years" } } },
      { "id": "(2)6", "title": { "zh": "节点巡检" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "day", "times": 6 } } }"#;
    let c = contract("null", clauses, "");
    let mut done = String::new();
    // Every day of 2022 done in full, on the day.
    let mut day = d(2022, 1, 2);
    while day <= d(2022, 12, 31) {
        done.push_str(&format!(
            r#"{{ "obligation": "(2)6", "due": "{day}", "date": "{day}", "count": 6 }},"#
        ));
        day = day.succ_opt().unwrap();
    }
    done.push_str(
        r#"{ "obligation": "(2)6", "due": "2023-01-01", "date": "2023-01-01", "count": 4 },
           { "obligation": "(2)6", "due": "2023-01-02", "date": "2023-01-02", "count": 5 },
           { "obligation": "(2)6", "due": "2023-01-02", "date": "2023-01-03", "count": 1 }"#,
    );
    let e = events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2023-01-10", "done": [{done}] }}"#
    ));
    let started = std::time::Instant::now();
    let r = run(&c, &e);
    let elapsed = started.elapsed();
    let inst = of(&r, "(2)6");
    // Three years from 2022-01-01 end on the corresponding day, 2025-01-01, New Year's Day: the
    // term's last day moves to Thursday 01-02 (Art. 203, as for every period end; this test used
    // to stop on 01-01). 2022-01-02 … 2025-01-02: 365 + 365 + 366 + 1 days.
    assert_eq!(inst.len(), 1097);
    assert_eq!(inst[0].due, d(2022, 1, 2));
    assert_eq!(inst.last().unwrap().due, d(2025, 1, 2));
    assert!(inst.iter().all(|i| i.required == 6));
    assert!(inst[..364]
        .iter()
        .all(|i| i.status == ObligationStatus::Done));
    let jan1 = inst.iter().find(|i| i.due == d(2023, 1, 1)).unwrap();
    assert_eq!(
        (jan1.status, jan1.done_count),
        (ObligationStatus::Missed, 4)
    );
    let jan2 = inst.iter().find(|i| i.due == d(2023, 1, 2)).unwrap();
    assert_eq!(
        (jan2.status, jan2.done, jan2.done_count),
        (ObligationStatus::DoneLate, Some(d(2023, 1, 3)), 6)
    );
    let jan9 = inst.iter().find(|i| i.due == d(2023, 1, 9)).unwrap();
    assert_eq!(jan9.status, ObligationStatus::Missed);
    let jan10 = inst.iter().find(|i| i.due == d(2023, 1, 10)).unwrap();
    assert_eq!(jan10.status, ObligationStatus::DueSoon);
    let jan17 = inst.iter().find(|i| i.due == d(2023, 1, 17)).unwrap();
    assert_eq!(jan17.status, ObligationStatus::DueSoon);
    let jan18 = inst.iter().find(|i| i.due == d(2023, 1, 18)).unwrap();
    assert_eq!(jan18.status, ObligationStatus::NotYetDue);
    assert!(elapsed.as_secs() < 5, "took {elapsed:?}");
}

#[test]
fn obligations_004_duty_roster_by_the_28th() {
    let clauses = format!(
        r#"{TERM_004}, {{ "id": "附件2-3.2-1", "title": {{ "zh": "节假日值班表" }}, "rule": {{ "kind": "obligation", "party": "seller",
        "schedule": {{ "type": "every", "every": "month", "day_of_month": 28 }} }} }}"#
    );
    let c = contract("980000", &clauses, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-02-25", "dates": { "signing": "2022-07-20" },
        "done": [ { "obligation": "附件2-3.2-1", "due": "2022-07-28", "date": "2022-07-27" },
                  { "obligation": "附件2-3.2-1", "due": "2022-08-28", "date": "2022-08-30" } ] }"#,
    );
    let r = run(&c, &e);
    let inst = of(&r, "附件2-3.2-1");
    // July 2022 … June 2023; July 2023's roster (due 07-28) falls after the end on 07-20.
    assert_eq!(inst.len(), 12);
    assert_eq!(inst[0].due, d(2022, 7, 28));
    assert_eq!(inst[0].status, ObligationStatus::Done);
    assert_eq!(inst[1].status, ObligationStatus::DoneLate);
    assert_eq!(inst[2].status, ObligationStatus::Missed);
    assert_eq!(inst[7].due, d(2023, 2, 28));
    assert_eq!(inst[7].status, ObligationStatus::DueSoon);
    assert_eq!(inst[8].status, ObligationStatus::NotYetDue);
    assert_eq!(inst[11].due, d(2023, 6, 28));
}

#[test]
fn obligations_002_previous_quarter_inspection_by_the_5th_working_day() {
    let clauses = r#"{ "id": "5-1", "title": { "zh": "维护期" }, "rule": { "kind": "term",
        "start": { "event": "final_acceptance" }, "length": { "n": 20, "unit": "months" } } },
      { "id": "附件3-1.1", "title": { "zh": "季度巡检" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "quarter", "working_day_of_period": 5, "in_next_period": true } } }"#;
    let extra = r#""events": [ { "id": "final_acceptance", "label": { "zh": "终验" } } ],"#;
    let c = contract("1350000", clauses, extra);
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-01-05",
        "dates": { "signing": "2022-06-01", "final_acceptance": "2022-06-15" },
        "done": [ { "obligation": "附件3-1.1", "due": "2022-10-12", "date": "2022-10-12" } ] }"#,
    );
    let r = run(&c, &e);
    // 20 months from 2022-06-15: the corresponding day 2024-02-15 falls in the Spring Festival
    // holiday (02-10 … 02-17), so the term ends on the make-up working Sunday 02-18 (Art. 203;
    // this test used to keep 02-15). The inspection dues do not change.
    assert_eq!(r.term.as_ref().unwrap().end, d(2024, 2, 18));
    let dues: Vec<NaiveDate> = of(&r, "附件3-1.1").iter().map(|i| i.due).collect();
    assert_eq!(
        dues,
        vec![
            d(2022, 7, 7),   // Q2 2022 → July 1, 4, 5, 6, 7
            d(2022, 10, 12), // Q3 → National Day off; make-up 10-08, 10-09, then 10-10 … 10-12
            d(2023, 1, 9),   // Q4 → New Year 12-31 … 01-02 off; 01-03 … 01-06, 01-09
            d(2023, 4, 10),  // Q1 2023 → 04-03, 04-04, Qingming 04-05 off, 04-06, 04-07, 04-10
            d(2023, 7, 7),
            d(2023, 10, 11), // Q3 2023 → 09-29 … 10-06 off; make-up 10-07, 10-08; 10-09 … 10-11
            d(2024, 1, 8),   // Q4 2023 → New Year 01-01 off; 01-02 … 01-05, 01-08
            d(2024, 4, 8),   // Q1 2024 (to 02-18) → Qingming 04-04 … 04-06, make-up Sunday 04-07
        ]
    );
    let inst = of(&r, "附件3-1.1");
    assert_eq!(inst[0].status, ObligationStatus::Missed);
    assert_eq!(inst[1].status, ObligationStatus::Done);
    assert_eq!(inst[2].status, ObligationStatus::DueSoon);
}

#[test]
fn obligations_monthly_working_day_after_the_spring_festival() {
    // By the 5th working day of the next month: January 2022's falls after the Spring Festival
    // (2022-01-31 … 02-06 off): 02-07 … 02-11.
    let clauses = r#"{ "id": "t", "title": { "zh": "期限" }, "rule": { "kind": "term",
        "start": { "date": "2021-12-20" }, "length": { "n": 1, "unit": "years" } } },
      { "id": "m", "title": { "zh": "月报" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "month", "working_day_of_period": 5, "in_next_period": true } } },
      { "id": "w", "title": { "zh": "月检" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "month", "working_day_of_period": 5 } } }"#;
    let c = contract("null", clauses, "");
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2022-03-01" }"#);
    let r = run(&c, &e);
    let m: Vec<NaiveDate> = of(&r, "m").iter().map(|i| i.due).collect();
    assert_eq!(m[0], d(2022, 1, 10)); // December 2021 → 01-01 … 01-03 off; 01-04 … 01-07, 01-10
    assert_eq!(m[1], d(2022, 2, 11)); // January 2022 → after the Spring Festival
    assert_eq!(m.len(), 13); // December 2021 … December 2022
    assert_eq!(*m.last().unwrap(), d(2023, 1, 9));
    // In the same month: December 2021's 5th working day (12-07) is before the range starts.
    let w: Vec<NaiveDate> = of(&r, "w").iter().map(|i| i.due).collect();
    assert_eq!(w[0], d(2022, 1, 10));
    assert_eq!(w[1], d(2022, 2, 11));
    assert_eq!(w.len(), 12);
}

#[test]
fn obligations_001_once_and_contract_years() {
    let clauses = r#"{ "id": "3", "title": { "zh": "服务期限" }, "rule": { "kind": "term",
        "start": { "event": "signing" }, "length": { "n": 3, "unit": "years" } } },
      { "id": "4.10", "title": { "zh": "移除加密狗" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "once", "due": { "event": "signing", "after": { "n": 7, "unit": "working_days" } } } } },
      { "id": "8", "title": { "zh": "年度验收" }, "rule": { "kind": "obligation", "party": "buyer",
        "schedule": { "type": "every", "every": "contract_year" }, "due_soon": { "n": 30, "unit": "days" } } },
      { "id": "x", "title": { "zh": "未定" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "once", "due": { "event": "go_live" } } } }"#;
    let c = contract("300000", clauses, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-09-01", "dates": { "signing": "2022-09-26" },
        "done": [ { "obligation": "4.10", "due": "2022-10-10", "date": "2022-10-09" } ] }"#,
    );
    let r = run(&c, &e);
    // 7 working days after 2022-09-26: 09-27 … 09-30, make-up 10-08, 10-09, then 10-10.
    let once = of(&r, "4.10");
    assert_eq!(once.len(), 1);
    assert_eq!(once[0].due, d(2022, 10, 10));
    assert_eq!(once[0].status, ObligationStatus::Done);
    let years = of(&r, "8");
    assert_eq!(
        years.iter().map(|i| i.due).collect::<Vec<_>>(),
        vec![d(2023, 9, 26), d(2024, 9, 26), d(2025, 9, 26)]
    );
    assert_eq!(years[0].status, ObligationStatus::DueSoon);
    assert!(years
        .iter()
        .all(|i| i.party == lvyue::domain::contract::Side::Buyer));
    // An event that has not happened: no instance.
    assert!(of(&r, "x").is_empty());
}

#[test]
fn obligations_last_period_is_cut_at_the_term_end() {
    let clauses = r#"{ "id": "5-1", "title": { "zh": "维护期" }, "rule": { "kind": "term",
        "start": { "date": "2022-06-15" }, "length": { "n": 20, "unit": "months" } } },
      { "id": "q", "title": { "zh": "季度巡检" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "quarter" } } },
      { "id": "m", "title": { "zh": "月度巡检" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "month", "day_of_month": 20 } } }"#;
    let c = contract("null", clauses, "");
    let e = events(r#"{ "format": "lvyue-events/2", "as_of": "2024-03-01" }"#);
    let r = run(&c, &e);
    let q: Vec<NaiveDate> = of(&r, "q").iter().map(|i| i.due).collect();
    assert_eq!(q.len(), 8);
    assert_eq!(q[0], d(2022, 6, 30));
    assert_eq!(q[6], d(2023, 12, 31));
    // The term's 20 months end on 2024-02-15, in the Spring Festival holiday (02-10 … 02-17):
    // its last day is the make-up working Sunday 02-18 (Art. 203; this test used to say 02-15),
    // and the last quarter's inspection is due then.
    assert_eq!(q[7], d(2024, 2, 18));
    // On the 20th: June 2022 … January 2024; February 2024's falls after the end on 02-18.
    let m: Vec<NaiveDate> = of(&r, "m").iter().map(|i| i.due).collect();
    assert_eq!((m[0], m.len()), (d(2022, 6, 20), 20));
    assert_eq!(*m.last().unwrap(), d(2024, 1, 20));
}

#[test]
fn obligations_without_a_term_run_from_signing_to_a_period_past_as_of() {
    let clauses = r#"{ "id": "q", "title": { "zh": "季度巡检" }, "rule": { "kind": "obligation", "party": "seller",
        "schedule": { "type": "every", "every": "quarter" } } }"#;
    let c = contract("null", clauses, "");
    let e = events(
        r#"{ "format": "lvyue-events/2", "as_of": "2023-05-10", "dates": { "signing": "2022-11-15" } }"#,
    );
    let r = run(&c, &e);
    let dues: Vec<NaiveDate> = of(&r, "q").iter().map(|i| i.due).collect();
    assert_eq!(dues, vec![d(2022, 12, 31), d(2023, 3, 31), d(2023, 6, 30)]);
}

// ---------------------------------------------------------------------------------------------
// Determinism and properties

#[test]
fn evaluation_is_deterministic() {
    let c = contract("1350000", &format!("{PAY_002},{SLA_002}"), EXTRA_002);
    let e = events_002("2024-10-08", true);
    let a = serde_json::to_string(&run(&c, &e)).unwrap();
    let b = serde_json::to_string(&run(&c, &e)).unwrap();
    assert_eq!(a, b);
    let back: Report = serde_json::from_str(&a).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), a);
}

/// Days late and Σ amount × days of a one-milestone contract, due 2024-03-15, 100,000.
fn lateness(payments: &[(i64, i64)]) -> (i64, i128) {
    let clause = r#"{ "id": "p", "title": { "zh": "付款" }, "rule": { "kind": "payment", "id": "m",
      "label": { "zh": "款项" }, "amount": { "type": "fixed", "amount": "100000" }, "due": { "date": "2024-03-15" } } }"#;
    let c = contract("100000", clause, "");
    let due = d(2024, 3, 15);
    let pays: Vec<String> = payments
        .iter()
        .map(|&(offset, fen)| {
            let day = due + chrono::Duration::days(offset);
            format!(
                r#"{{ "milestone": "m", "date": "{day}", "amount": "{}" }}"#,
                Amount::from_fen(fen).yuan()
            )
        })
        .collect();
    let e = events(&format!(
        r#"{{ "format": "lvyue-events/2", "as_of": "2024-09-30", "payments": [{}] }}"#,
        pays.join(",")
    ));
    let (cal, opts) = (Calendar::china(), Options::default());
    let mut ctx = Ctx::new(&c, &e, &cal, &opts);
    engine::term::evaluate(&mut ctx);
    let s = payments::schedule(&ctx).expect("a schedule");
    let weighted: i128 = s
        .overdue
        .iter()
        .map(|seg| {
            let fen = (seg.amount.yuan() * rust_decimal::Decimal::from(100))
                .to_i128()
                .unwrap();
            fen * i128::from(seg.days())
        })
        .sum();
    (s.milestones[0].days_late, weighted)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Paying a portion later never lowers the days late nor the overdue amount × days.
    #[test]
    fn paying_later_never_lowers_lateness(
        pays in prop::collection::vec((-20i64..120, 1i64..6_000_000), 1..5),
        which in 0usize..5,
        shift in 1i64..60,
    ) {
        let i = which % pays.len();
        let before = lateness(&pays);
        let mut later = pays.clone();
        later[i].0 += shift;
        let after = lateness(&later);
        prop_assert!(after.0 >= before.0, "days late {:?} → {:?}", before, after);
        prop_assert!(after.1 >= before.1, "amount×days {:?} → {:?}", before, after);
    }
}
