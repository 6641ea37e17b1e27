//! Tests: v2 periods, duties after duties, balances, the period's fee, periods in a row.
//!
//! Issue 11's items 2, 3, 8, 10 and 11 of examples/README.md's "Not yet expressible", on the
//! examples 001 and 002 and on small contracts written here; every figure is computed by hand
//! in the comments.

use chrono::NaiveDate;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::load::{load_contract, load_events_for};
use lvyue::domain::money::Amount;
use lvyue::domain::report::{ObligationStatus, Report};
use rust_decimal::Decimal;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn yuan(s: &str) -> Amount {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn example(stem: &str) -> (Contract, Events) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let c = std::fs::read_to_string(dir.join(format!("{stem}.contract.json"))).unwrap();
    let e = std::fs::read_to_string(dir.join(format!("{stem}.events.json"))).unwrap();
    let c = load_contract(&c).unwrap_or_else(|p| panic!("{stem}: {p:?}"));
    let e = load_events_for(&c, &e).unwrap_or_else(|p| panic!("{stem}: {p:?}"));
    (c, e)
}

fn run(c: &Contract, e: &Events, readings: &[(&str, &str)]) -> Report {
    let mut o = Options::default();
    for (k, v) in readings {
        o.readings.insert((*k).into(), (*v).into());
    }
    engine::evaluate(c, e, &Calendar::china(), &o).expect("evaluates")
}

fn dues(r: &Report, clause: &str) -> Vec<(NaiveDate, ObligationStatus)> {
    r.obligations
        .iter()
        .filter(|i| i.clause == clause)
        .map(|i| (i.due, i.status))
        .collect()
}

fn total(r: &Report, clause: &str) -> Amount {
    r.penalties
        .iter()
        .find(|c| c.clause == clause)
        .unwrap()
        .total
}

/// 001 §8 "每年年底": signing 2023-03-01, term to 2026-03-02 (2026-03-01 is a Sunday, Art. 203).
/// Calendar years: 2023 (partial, from 03-02) due 12-31; 2024; 2025; 2026 (partial) due at the
/// term's end. Calendar dates do not move: 2023-12-31 is a Sunday and stays. The record's
/// acceptances: 2023-12-27 (done), 2025-02-27 for 2024 (done late). Before v2 the duty was per
/// contract year (due 2024-03-01, 2025-03-03, 2026-03-02) and the record matched those dates.
#[test]
fn calendar_year_acceptance_of_001() {
    let (c, e) = example("001-oa-maintenance");
    let r = run(&c, &e, &[]);
    use ObligationStatus::*;
    assert_eq!(
        dues(&r, "8"),
        vec![
            (d("2023-12-31"), Done),
            (d("2024-12-31"), DoneLate),
            (d("2025-12-31"), NotYetDue),
            (d("2026-03-02"), NotYetDue),
        ]
    );
}

/// 002 附件3 1.1: a report within one week after each inspection. Inspections done 2023-01-06,
/// 04-12, 07-05, 10-10, 2024-04-08, 07-03, 10-11 (the one due 2024-01 was never done: no report
/// is due for it). +1 week (Art. 201: the done day not counted): 01-13, 04-19, 07-12, 10-17,
/// 2024-04-15, 07-10, 10-18, all working days. Reports done 01-12, 04-21 (late), 07-11,
/// 2024-04-15, 07-09; 10-17 and 2024-10-18 missed by the as-of date 2024-10-31.
#[test]
fn report_after_each_inspection_of_002() {
    let (c, e) = example("002-im-platform");
    let r = run(&c, &e, &[]);
    use ObligationStatus::*;
    assert_eq!(
        dues(&r, "附件3-1.1-报告"),
        vec![
            (d("2023-01-13"), Done),
            (d("2023-04-19"), DoneLate),
            (d("2023-07-12"), Done),
            (d("2023-10-17"), Missed),
            (d("2024-04-15"), Done),
            (d("2024-07-10"), Done),
            (d("2024-10-18"), Missed),
        ]
    );
}

/// 002 附件2 五: 100 person-days within 20 months of signing (2022-06-10 + 20 months =
/// 2024-02-10, a day of the Spring Festival holiday 02-10…02-17: Art. 203 moves it to Sunday
/// 02-18, a make-up working day). Draws 20 + 30 + 25 + 15 = 90 → 10 left; the draw of 5 on
/// 2024-03-01 is after the expiry: not counted, a warning. Expired by 2024-10-31: 10 unused.
#[test]
fn person_days_balance_of_002() {
    let (c, e) = example("002-im-platform");
    let r = run(&c, &e, &[]);
    let b = &r.balances[0];
    assert_eq!(b.expires, Some(d("2024-02-18")));
    assert_eq!((b.used, b.left, b.expired), (dec("90"), dec("10"), true));
    let lefts: Vec<Decimal> = b.draws.iter().map(|x| x.left).collect();
    assert_eq!(lefts, ["80", "50", "25", "10", "10"].map(dec).to_vec());
    assert!(b.draws[4].after_expiry);
    let w: Vec<&str> = r
        .warnings
        .iter()
        .filter(|w| w.code.starts_with("balance."))
        .map(|w| w.path.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(w, vec!["draws[4]"]);
}

/// The worked case of the design: 100 units, draws 30 + 45 → 25 left; 30 more → 25 taken, 5
/// over (a warning); 0 left.
#[test]
fn a_balance_drawn_down_and_overdrawn() {
    let c = load_contract(
        r#"{ "format": "lvyue-contract/2", "id": "b", "title": "余额",
      "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } },
      "balances": [ { "id": "u", "label": { "zh": "单位", "en": "units" }, "quantity": "100",
        "unit": { "zh": "个", "en": "units" }, "expires": { "date": "2024-12-31" } } ] }"#,
    )
    .unwrap();
    let e = load_events_for(
        &c,
        r#"{ "format": "lvyue-events/2", "as_of": "2024-06-30",
      "dates": { "signing": "2024-01-02" },
      "draws": [ { "balance": "u", "date": "2024-02-01", "quantity": "30" },
                 { "balance": "u", "date": "2024-03-01", "quantity": "45" },
                 { "balance": "u", "date": "2024-04-01", "quantity": "30" } ] }"#,
    )
    .unwrap();
    let r = run(&c, &e, &[]);
    let b = &r.balances[0];
    let rows: Vec<(Decimal, Decimal)> = b.draws.iter().map(|x| (x.left, x.over)).collect();
    assert_eq!(
        rows,
        vec![
            (dec("70"), dec("0")),
            (dec("25"), dec("0")),
            (dec("0"), dec("5"))
        ]
    );
    assert_eq!((b.used, b.left, b.expired), (dec("100"), dec("0"), false));
    let w = r
        .warnings
        .iter()
        .find(|w| w.code == "balance.overdrawn")
        .unwrap();
    assert_eq!(w.path.as_deref(), Some("draws[2]"));
    assert!(w.zh.contains("超出余额 5") && w.en.contains("5 units beyond"));
}

/// 002 附件3 §1.1 "此系统当期服务金额": the item's amount covers the 20-month term (final
/// acceptance 2022-12-15 to 2024-08-15). A quarter by months: im 1,250,000 × 3/20 = 187,500;
/// sdk 100,000 × 3/20 = 15,000. Events within 30 days after an inspection: P-2023-01 (im,
/// level 5, 07-20, after 07-05) 25% × 187,500 = 46,875.00; P-2023-03 (sdk, above 5, 10-20, after
/// 10-10) 50% × 15,000 = 7,500.00; P-2023-04 (im, level 5, 10-25) 46,875.00; P-2023-02 (09-01)
/// is outside every window. Total 101,250.00. By days: the term has 609 days (2022-12-16 …
/// 2024-08-15: 16 + 365 + 228); Q3 and Q4 2023 have 92 each: im 1,250,000 × 92/609 =
/// 188,834.154… → 25% = 47,208.54 (twice), sdk 100,000 × 92/609 × 50% = 7,553.37; total
/// 101,970.45. (Before v2 the base was the item's whole fee with tiers from the second event
/// per item: 312,500 + 50,000 = 362,500.00; the record gained P-2023-04 to show a run.)
#[test]
fn period_fee_of_002() {
    let (c, e) = example("002-im-platform");
    let r = run(&c, &e, &[]);
    assert_eq!(total(&r, "附件3-1.1"), yuan("101250.00"));
    let by_days = run(&c, &e, &[("附件3-1.1", "fee-by-days")]);
    assert_eq!(total(&by_days, "附件3-1.1"), yuan("101970.45"));
}

/// 002 附件3 §1.1 "连续发生二次": im has events in 2023 Q3 (P-2023-01) and Q4 (P-2023-04):
/// two quarters in a row → the whole Q4 fee, 187,500.00, on 2023-10-25; sdk has Q4 only. By
/// days: 188,834.15. A step names the two quarters.
#[test]
fn two_quarters_in_a_row_of_002() {
    let (c, e) = example("002-im-platform");
    let r = run(&c, &e, &[]);
    let cl = r
        .penalties
        .iter()
        .find(|c| c.clause == "附件3-1.1-连续")
        .unwrap();
    assert_eq!(cl.lines.len(), 1);
    assert_eq!(
        (cl.lines[0].date, cl.total),
        (d("2023-10-25"), yuan("187500.00"))
    );
    let named = serde_json::to_string(&cl.lines[0].steps).unwrap();
    assert!(named.contains("2023年第3季度、2023年第4季度"), "{named}");
    let by_days = run(&c, &e, &[("附件3-1.1-连续", "fee-by-days")]);
    assert_eq!(total(&by_days, "附件3-1.1-连续"), yuan("188834.15"));
}

/// Runs: incidents in months 1, 2, 3, 5, 6 of 2024 with `at_least` 2 → occurrences in months 2,
/// 3 (the run 1–3) and 6 (the run 5–6): three lines of 1,000.00 = 3,000.00. With `at_least` 3:
/// month 3 only.
#[test]
fn consecutive_months_form_runs() {
    let contract = |at_least: u32| {
        load_contract(&format!(
            r#"{{ "format": "lvyue-contract/2", "id": "r", "title": "连续",
          "parties": {{ "buyer": {{ "name": "甲" }}, "seller": {{ "name": "乙" }} }},
          "levels": [ {{ "id": "L1", "label": {{ "zh": "一级" }} }} ],
          "clauses": [ {{ "id": "1", "title": {{ "zh": "连续" }}, "rule": {{ "kind": "penalty",
            "payer": "seller", "trigger": {{ "on": "consecutive", "period": "month",
            "at_least": {at_least} }},
            "formula": {{ "type": "per_occurrence", "amount": {{ "type": "fixed", "amount": 1000 }} }} }} }} ] }}"#
        ))
        .unwrap()
    };
    let events = |c: &Contract| {
        let inc: Vec<String> = ["01-05", "02-10", "02-20", "03-01", "05-31", "06-01"]
            .iter()
            .enumerate()
            .map(|(i, md)| {
                format!(r#"{{ "id": "I{i}", "level": "L1", "reported": "2024-{md}T09:00:00" }}"#)
            })
            .collect();
        load_events_for(
            c,
            &format!(
                r#"{{ "format": "lvyue-events/2", "as_of": "2024-12-31",
              "dates": {{ "signing": "2024-01-02" }}, "incidents": [{}] }}"#,
                inc.join(",")
            ),
        )
        .unwrap()
    };
    let c2 = contract(2);
    let r = run(&c2, &events(&c2), &[]);
    let cl = &r.penalties[0];
    let dates: Vec<NaiveDate> = cl.lines.iter().map(|l| l.date).collect();
    assert_eq!(
        dates,
        vec![d("2024-02-10"), d("2024-03-01"), d("2024-06-01")]
    );
    assert_eq!(cl.total, yuan("3000.00"));
    let c3 = contract(3);
    let r = run(&c3, &events(&c3), &[]);
    let dates: Vec<NaiveDate> = r.penalties[0].lines.iter().map(|l| l.date).collect();
    assert_eq!(dates, vec![d("2024-03-01")]);
}

/// A shared cap per calendar year: 600 + 600 in 2024 (capped at 1,000: 600 + 400) and 600 in
/// 2025 (a new year: 600) → 1,600.00. Per contract year from signing 2024-07-01, all three fall
/// in year 1 (before 2025-07-01): 600 + 400 + 0 = 1,000.00.
#[test]
fn shared_cap_per_calendar_year() {
    let contract = |per: &str| {
        load_contract(&format!(
            r#"{{ "format": "lvyue-contract/2", "id": "s", "title": "上限",
          "parties": {{ "buyer": {{ "name": "甲" }}, "seller": {{ "name": "乙" }} }},
          "clauses": [ {{ "id": "1", "title": {{ "zh": "违约" }}, "rule": {{ "kind": "penalty",
            "payer": "seller", "trigger": {{ "on": "occurrence" }},
            "formula": {{ "type": "per_occurrence", "amount": {{ "type": "fixed", "amount": 600 }} }} }} }} ],
          "shared_caps": [ {{ "id": "cap", "label": {{ "zh": "年度上限" }}, "clauses": ["1"],
            "cap": {{ "amount": 1000 }}, {per} }} ] }}"#
        ))
        .unwrap()
    };
    let events = |c: &Contract| {
        load_events_for(
            c,
            r#"{ "format": "lvyue-events/2", "as_of": "2025-06-30",
          "dates": { "signing": "2024-07-01" },
          "occurrences": [ { "clause": "1", "date": "2024-08-01" }, { "clause": "1", "date": "2024-12-01" },
                           { "clause": "1", "date": "2025-03-01" } ] }"#,
        )
        .unwrap()
    };
    let cy = contract(r#""per": "calendar_year""#);
    assert_eq!(total(&run(&cy, &events(&cy), &[]), "1"), yuan("1600.00"));
    let ky = contract(r#""per": "contract_year""#);
    assert_eq!(total(&run(&ky, &events(&ky), &[]), "1"), yuan("1000.00"));
}
