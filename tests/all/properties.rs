//! Properties over generated contracts and events: caps and shared caps hold, penalties grow
//! with lateness, totals are the sums of their lines, written amounts read back, and adding N
//! working days then counting gives N.
//!
//! Contracts are generated as JSON text and read by the loader (so every generated file is
//! also a valid file): a go-live deadline with a per-day penalty (calendar or working days,
//! with or without interest, with or without a cap), a late-payment penalty on two milestones,
//! per-occurrence penalties (fixed, a rate, tiers by count, escalation on repeats) and a shared
//! cap over some of them. Case counts are modest: the whole module runs in a few seconds.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{Contract, Side};
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::load;
use lvyue::domain::money::{read_words, to_words, Amount};
use lvyue::domain::report::Report;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// What varies in a generated contract.
#[derive(Clone, Debug)]
struct Gen {
    total: u32,
    /// Per-day rate of the go-live penalty, in 万分之 (0.01%).
    day_rate: u32,
    working_days: bool,
    interest: Option<u32>,
    /// The go-live cap: a percentage of the total, or a fixed amount.
    cap: Option<Result<u32, u32>>,
    late_rate: u32,
    late_cap: Option<u32>,
    fixed: u32,
    occ_rate: u32,
    tiers: Vec<(u32, u32)>,
    escalation: Option<u32>,
    /// The shared cap over the occurrence clauses, as a percentage of the total.
    shared: Option<u32>,
    shared_with_go_live: bool,
}

fn gen() -> impl Strategy<Value = Gen> {
    (
        (
            10_000u32..5_000_000,
            1u32..100,
            any::<bool>(),
            proptest::option::of(1u32..20),
            proptest::option::of(prop_oneof![
                (1u32..30).prop_map(Ok),
                (0u32..50_000).prop_map(Err)
            ]),
            1u32..50,
            proptest::option::of(1u32..20),
        ),
        (
            0u32..5_000,
            1u32..20,
            proptest::collection::btree_map(1u32..6, 1u32..100, 0..3),
            proptest::option::of(11u32..30),
            proptest::option::of(1u32..40),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (total, day_rate, working_days, interest, cap, late_rate, late_cap),
                (fixed, occ_rate, tiers, escalation, shared, shared_with_go_live),
            )| Gen {
                total,
                day_rate,
                working_days,
                interest,
                cap,
                late_rate,
                late_cap,
                fixed,
                occ_rate,
                tiers: tiers.into_iter().collect(),
                escalation,
                shared,
                shared_with_go_live,
            },
        )
}

fn wan(n: u32) -> String {
    format!("{}%", Decimal::new(i64::from(n), 2))
}

fn contract_json(g: &Gen) -> Value {
    let mut go_live = json!({
        "kind": "penalty", "payer": "seller",
        "trigger": { "on": "deadline", "deadline": "go-live" },
        "formula": { "type": "per_day", "rate": wan(g.day_rate), "base": { "of": "total" },
                     "working_days": g.working_days }
    });
    if let Some(i) = g.interest {
        go_live["interest"] = json!(wan(i));
    }
    match g.cap {
        Some(Ok(pct)) => {
            go_live["cap"] = json!({ "rate": format!("{pct}%"), "base": { "of": "total" } })
        }
        Some(Err(amount)) => go_live["cap"] = json!({ "amount": amount }),
        None => {}
    }
    let mut late = json!({
        "kind": "penalty", "payer": "buyer",
        "trigger": { "on": "late_payment", "milestones": ["m1", "m2"] },
        "formula": { "type": "per_day", "rate": wan(g.late_rate), "base": { "of": "overdue" } }
    });
    if let Some(c) = g.late_cap {
        late["cap"] = json!({ "rate": format!("{c}%"), "base": { "of": "total" } });
    }
    let mut occ = json!({
        "type": "per_occurrence",
        "amount": { "type": "rate", "rate": wan(g.occ_rate * 10), "base": { "of": "total" } }
    });
    if !g.tiers.is_empty() {
        let tiers: Vec<Value> = g
            .tiers
            .iter()
            .map(|(from, r)| json!({ "from": from, "rate": wan(*r * 10) }))
            .collect();
        occ["tiers"] = json!({ "tiers": tiers, "base": { "of": "total" }, "scope": {} });
    }
    if let Some(f) = g.escalation {
        occ["escalation"] = json!({ "factor": format!("{}", Decimal::new(i64::from(f), 1)),
                                    "scope": { "same_kind": true } });
    }
    let mut shared = Vec::new();
    if let Some(pct) = g.shared {
        let mut clauses = vec!["5.3", "5.4"];
        if g.shared_with_go_live {
            clauses.push("5.1");
        }
        shared.push(
            json!({ "id": "5.9", "label": { "zh": "共同上限" }, "clauses": clauses,
                            "cap": { "rate": format!("{pct}%"), "base": { "of": "total" } } }),
        );
    }
    json!({
        "format": "lvyue-contract/2", "id": "gen", "title": "生成的合同",
        "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
        "total": g.total,
        "events": [ { "id": "go_live", "label": { "zh": "上线" } },
                    { "id": "acceptance", "label": { "zh": "验收" } } ],
        "levels": [ { "id": "L1", "label": { "zh": "一级" } }, { "id": "L2", "label": { "zh": "二级" } } ],
        "deadlines": [ { "id": "go-live", "label": { "zh": "上线" },
                         "due": { "event": "signing", "after": { "n": 30, "unit": "days" } },
                         "done": "go_live" } ],
        "clauses": [
            { "id": "2.1", "title": { "zh": "首付" }, "rule": { "kind": "payment", "id": "m1",
              "label": { "zh": "首付" }, "amount": { "type": "rate", "rate": "40%", "base": { "of": "total" } },
              "due": { "event": "signing", "after": { "n": 10, "unit": "days" } } } },
            { "id": "2.2", "title": { "zh": "尾款" }, "rule": { "kind": "payment", "id": "m2",
              "label": { "zh": "尾款" }, "amount": { "type": "rate", "rate": "60%", "base": { "of": "total" } },
              "due": { "event": "acceptance", "after": { "n": 15, "unit": "days" } } } },
            { "id": "5.1", "title": { "zh": "逾期上线" }, "rule": go_live },
            { "id": "5.2", "title": { "zh": "逾期付款" }, "rule": late },
            { "id": "5.3", "title": { "zh": "故障" }, "rule": { "kind": "penalty", "payer": "seller",
              "trigger": { "on": "incident", "levels": ["L1"] },
              "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": g.fixed } } } },
            { "id": "5.4", "title": { "zh": "其他违约" }, "rule": { "kind": "penalty", "payer": "seller",
              "trigger": { "on": "occurrence" }, "formula": occ } }
        ],
        "shared_caps": shared
    })
}

/// What varies in generated events: days late, payments, incidents, occurrences.
#[derive(Clone, Debug)]
struct Facts {
    go_live_late: i64,
    m1_late: Option<i64>,
    incidents: usize,
    occurrences: Vec<i64>,
}

fn facts() -> impl Strategy<Value = Facts> {
    (
        -10i64..400,
        proptest::option::of(-5i64..300),
        0usize..12,
        proptest::collection::vec(0i64..300, 0..8),
    )
        .prop_map(|(go_live_late, m1_late, incidents, occurrences)| Facts {
            go_live_late,
            m1_late,
            incidents,
            occurrences,
        })
}

fn events_json(g: &Gen, f: &Facts) -> Value {
    let signing = date("2024-01-02");
    let due = signing + Duration::days(30);
    let incidents: Vec<Value> = (0..f.incidents)
        .map(|i| {
            let at = signing + Duration::days(40 + i as i64 * 3);
            json!({ "id": format!("I-{i}"), "kind": "k", "level": if i % 3 == 2 { "L2" } else { "L1" },
                    "reported": format!("{at}T09:00:00") })
        })
        .collect();
    let occurrences: Vec<Value> = f
        .occurrences
        .iter()
        .map(|d| json!({ "clause": "5.4", "date": (signing + Duration::days(*d)).to_string() }))
        .collect();
    let mut payments = Vec::new();
    if let Some(l) = f.m1_late {
        let m1_due = signing + Duration::days(10);
        payments.push(
            json!({ "milestone": "m1", "date": (m1_due + Duration::days(l)).to_string(),
                              "amount": Decimal::from(g.total) * Decimal::new(4, 1) }),
        );
    }
    json!({
        "format": "lvyue-events/2", "contract": "gen", "as_of": "2025-06-30",
        "dates": { "signing": signing.to_string(),
                   "go_live": (due + Duration::days(f.go_live_late)).to_string(),
                   "acceptance": "2024-05-06" },
        "payments": payments,
        "incidents": incidents,
        "occurrences": occurrences
    })
}

fn load_pair(g: &Gen, f: &Facts) -> (Contract, Events) {
    let c = load::load_contract(&contract_json(g).to_string())
        .unwrap_or_else(|p| panic!("a generated contract loads: {p}"));
    let e = load::load_events_for(&c, &events_json(g, f).to_string())
        .unwrap_or_else(|p| panic!("generated events load: {p}"));
    (c, e)
}

fn evaluate(c: &Contract, e: &Events) -> Report {
    engine::evaluate(c, e, &Calendar::china(), &Options::default()).expect("evaluates")
}

fn sum(xs: impl Iterator<Item = Amount>) -> Amount {
    xs.fold(Amount::ZERO, |a, b| a.checked_add(b).expect("a sum"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// No clause passes its own cap, no group passes its shared cap, and the totals are the
    /// sums of the lines.
    #[test]
    fn caps_hold_and_totals_add_up(g in gen(), f in facts()) {
        let (c, e) = load_pair(&g, &f);
        let r = evaluate(&c, &e);
        for cl in &r.penalties {
            prop_assert_eq!(cl.total, sum(cl.lines.iter().map(|l| l.amount)),
                "clause {} total is not the sum of its lines", cl.clause);
            prop_assert!(cl.total <= cl.uncapped, "clause {}: capped above uncapped", cl.clause);
            if let Some(cap) = &cl.cap {
                prop_assert!(cl.total <= cap.limit, "clause {}: {} over its cap {}",
                    cl.clause, cl.total, cap.limit);
            }
            for l in &cl.lines {
                prop_assert!(!l.amount.is_negative() && l.amount <= l.uncapped,
                    "clause {} line {}: {} of {}", cl.clause, l.subject, l.amount, l.uncapped);
            }
        }
        for sc in &r.shared_caps {
            let group = sum(r.penalties.iter().filter(|p| sc.clauses.contains(&p.clause)).map(|p| p.total));
            prop_assert!(group <= sc.limit, "shared cap {}: {} over {}", sc.id, group, sc.limit);
            prop_assert!(sc.after <= sc.limit && sc.after <= sc.before, "{:?}", sc);
            prop_assert_eq!(sc.after, group);
        }
        let by = |side: Side| sum(r.penalties.iter().filter(|p| p.payer == side).map(|p| p.total));
        prop_assert_eq!(r.totals.seller_pays, by(Side::Seller));
        prop_assert_eq!(r.totals.buyer_pays, by(Side::Buyer));
    }

    /// Going live later, or paying later, never lowers a penalty (each clause's total and the
    /// totals of both sides).
    #[test]
    fn penalties_grow_with_lateness(g in gen(), f in facts(), more in 1i64..120, pay_more in 0i64..120) {
        let (c, e) = load_pair(&g, &f);
        let later = Facts {
            go_live_late: f.go_live_late + more,
            m1_late: f.m1_late.map(|l| l + pay_more),
            ..f.clone()
        };
        let (_, e2) = load_pair(&g, &later);
        let (r1, r2) = (evaluate(&c, &e), evaluate(&c, &e2));
        for (a, b) in r1.penalties.iter().zip(&r2.penalties) {
            prop_assert_eq!(&a.clause, &b.clause);
            if a.clause == "5.1" || a.clause == "5.2" {
                prop_assert!(b.uncapped >= a.uncapped,
                    "clause {}: uncapped {} → {}", a.clause, a.uncapped, b.uncapped);
            }
            // A clause that shares a cap with the go-live clause may lose room to it (caps are
            // shared in the order penalties arose, and going live later moves that order).
            let shared = r1.shared_caps.iter().any(|s| {
                s.clauses.iter().any(|x| x == "5.1") && s.clauses.contains(&a.clause)
            });
            if !shared {
                prop_assert!(b.total >= a.total, "clause {}: {} → {}", a.clause, a.total, b.total);
            }
        }
        prop_assert!(r2.totals.seller_pays >= r1.totals.seller_pays, "{} → {}", r1.totals.seller_pays, r2.totals.seller_pays);
        prop_assert!(r2.totals.buyer_pays >= r1.totals.buyer_pays, "{} → {}", r1.totals.buyer_pays, r2.totals.buyer_pays);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// The uppercase words of an amount read back to the same amount.
    #[test]
    fn words_read_back(yuan in 0i64..1_000_000_000_000, fen in 0i64..100) {
        let a = Amount::new(Decimal::new(yuan * 100 + fen, 2));
        let words = to_words(a).expect("words for an amount");
        let back = read_words(&words).unwrap_or_else(|e| panic!("{words}: {e:?}"));
        prop_assert_eq!(back.amount, a, "{}", words);
        prop_assert!(back.findings.is_empty(), "{} has findings {:?}", words, back.findings);
    }

    /// Adding N working days then counting the working days between gives N, on the real
    /// calendar (2019–2026 schedules and the years beyond).
    #[test]
    fn working_days_add_then_count(start in 0i64..(365 * 9), n in 0u32..400) {
        let cal = Calendar::china();
        let d = date("2019-01-01") + Duration::days(start);
        let e = cal.add_working_days(d, n);
        prop_assert_eq!(cal.working_days_between(d, e), i64::from(n), "{} + {} = {}", d, n, e);
        if n > 0 {
            prop_assert!(cal.is_working_day(e), "{} + {} = {} is not a working day", d, n, e);
            prop_assert!(cal.working_days_between(d, e - Duration::days(1)) < i64::from(n));
        }
    }
}

// ---------------------------------------------------------------- extreme numbers

/// What varies in a contract of extreme numbers: amounts up to `Decimal`'s largest, rates up
/// to the allowed 100%, counts, persons, repeats, escalation factors and days late.
#[derive(Clone, Debug)]
struct Extreme {
    total: String,
    day_rate: &'static str,
    interest: Option<&'static str>,
    /// The go-live cap: a rate of the total, or a fixed amount (text).
    cap: Option<Result<&'static str, String>>,
    fixed: String,
    factor: Option<&'static str>,
    per_person: bool,
    occ_rate: &'static str,
    shared: Option<&'static str>,
    days_late: i64,
    count: u32,
    persons: u32,
    paid: Option<String>,
}

/// An amount as text: small, round, huge, `Decimal::MAX`, or with sub-fen digits.
fn extreme_amount() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..1_000_000_000).prop_map(|n| n.to_string()),
        (0u32..=28).prop_map(|k| format!("1{}", "0".repeat(k as usize))),
        (1u32..=9, 20u32..=28).prop_map(|(d, k)| format!("{d}{}", "0".repeat(k as usize))),
        Just(Decimal::MAX.to_string()),
        (0u64..1_000_000, 1u32..=999).prop_map(|(n, f)| format!("{n}.{f:03}")),
    ]
}

fn extreme_rate() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("0.01%"),
        Just("1‰"),
        Just("1%"),
        Just("33.333%"),
        Just("100%")
    ]
}

fn extreme() -> impl Strategy<Value = Extreme> {
    (
        (
            extreme_amount(),
            extreme_rate(),
            proptest::option::of(extreme_rate()),
            proptest::option::of(prop_oneof![
                extreme_rate().prop_map(Ok),
                extreme_amount().prop_map(Err)
            ]),
            extreme_amount(),
            proptest::option::of(prop_oneof![
                Just("1"),
                Just("1.5"),
                Just("2"),
                Just("10"),
                Just("1000")
            ]),
            any::<bool>(),
        ),
        (
            extreme_rate(),
            proptest::option::of(extreme_rate()),
            prop_oneof![0i64..10, 0i64..4000],
            prop_oneof![1u32..5, 1u32..=1000],
            prop_oneof![1u32..5, Just(u32::MAX)],
            proptest::option::of(extreme_amount()),
        ),
    )
        .prop_map(
            |(
                (total, day_rate, interest, cap, fixed, factor, per_person),
                (occ_rate, shared, days_late, count, persons, paid),
            )| Extreme {
                total,
                day_rate,
                interest,
                cap,
                fixed,
                factor,
                per_person,
                occ_rate,
                shared,
                days_late,
                count,
                persons,
                paid,
            },
        )
}

fn extreme_contract(x: &Extreme) -> Value {
    let mut go_live = json!({
        "kind": "penalty", "payer": "seller",
        "trigger": { "on": "deadline", "deadline": "go-live" },
        "formula": { "type": "per_day", "rate": x.day_rate, "base": { "of": "total" } }
    });
    if let Some(i) = x.interest {
        go_live["interest"] = json!(i);
    }
    match &x.cap {
        Some(Ok(rate)) => go_live["cap"] = json!({ "rate": rate, "base": { "of": "total" } }),
        Some(Err(amount)) => go_live["cap"] = json!({ "amount": amount }),
        None => {}
    }
    let mut fixed = json!({ "type": "per_occurrence", "amount": { "type": "fixed", "amount": x.fixed },
                            "per_person": x.per_person });
    if let Some(f) = x.factor {
        fixed["escalation"] = json!({ "factor": f, "scope": {} });
    }
    let shared: Vec<Value> = x
        .shared
        .iter()
        .map(|rate| {
            json!({ "id": "9", "label": { "zh": "共同上限" }, "clauses": ["5.1", "5.3"],
                    "cap": { "rate": rate, "base": { "of": "total" } } })
        })
        .collect();
    json!({
        "format": "lvyue-contract/2", "id": "extreme", "title": "极端数值",
        "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
        "total": x.total,
        "events": [ { "id": "go_live", "label": { "zh": "上线" } } ],
        "deadlines": [ { "id": "go-live", "label": { "zh": "上线" },
                         "due": { "event": "signing", "after": { "n": 30, "unit": "days" } },
                         "done": "go_live" } ],
        "clauses": [
            { "id": "2.1", "title": { "zh": "首付" }, "rule": { "kind": "payment", "id": "m1",
              "label": { "zh": "首付" }, "amount": { "type": "rate", "rate": "100%", "base": { "of": "total" } },
              "due": { "event": "signing", "after": { "n": 10, "unit": "days" } } } },
            { "id": "5.1", "title": { "zh": "逾期上线" }, "rule": go_live },
            { "id": "5.2", "title": { "zh": "逾期付款" }, "rule": { "kind": "penalty", "payer": "buyer",
              "trigger": { "on": "late_payment", "milestones": ["m1"] },
              "formula": { "type": "per_day", "rate": x.day_rate, "base": { "of": "overdue" } },
              "interest": x.interest.unwrap_or("万分之五"),
              "cap": { "rate": "5%", "base": { "of": "total" } } } },
            { "id": "5.3", "title": { "zh": "每次违约" }, "rule": { "kind": "penalty", "payer": "seller",
              "trigger": { "on": "occurrence" }, "formula": fixed } },
            { "id": "5.4", "title": { "zh": "按比例违约" }, "rule": { "kind": "penalty", "payer": "seller",
              "trigger": { "on": "occurrence" },
              "formula": { "type": "per_occurrence", "amount": { "type": "rate", "rate": x.occ_rate, "base": { "of": "total" } } } } }
        ],
        "shared_caps": shared
    })
}

fn extreme_events(x: &Extreme) -> Value {
    let signing = date("2024-01-02");
    let go_live = signing + Duration::days(30 + x.days_late);
    let as_of = go_live.max(signing + Duration::days(60));
    let payments: Vec<Value> = x
        .paid
        .iter()
        .map(|a| json!({ "milestone": "m1", "date": (signing + Duration::days(20)).to_string(), "amount": a }))
        .collect();
    json!({
        "format": "lvyue-events/2", "contract": "extreme", "as_of": as_of.to_string(),
        "dates": { "signing": signing.to_string(), "go_live": go_live.to_string() },
        "payments": payments,
        "occurrences": [
            { "clause": "5.3", "date": "2024-02-01", "count": x.count, "persons": x.persons },
            { "clause": "5.4", "date": "2024-02-02", "count": x.count }
        ]
    })
}

/// Everything made from a report: never a panic, whatever the numbers.
fn render_everything(c: &Contract, r: &Report) {
    use lvyue::domain::{checks, explain, statement, Lang};
    use lvyue::export::workbook;
    let _ = checks::check(c, &Calendar::china());
    let json = lvyue::export::report_json(r);
    let back: Report = serde_json::from_str(&json).expect("the report reads back");
    assert_eq!(&back, r, "the report survives JSON");
    for lang in [Lang::Zh, Lang::En] {
        let _ = explain::report_markdown(r, &lvyue::domain::labels::Labels::of_report(c, r), lang);
        let _ = lvyue::export::report_csv(r, &lvyue::domain::labels::Labels::of_report(c, r), lang);
        let st = statement::statement(c, r, lang);
        let _ = statement::statement_markdown(&st);
        let wb = workbook::workbook(r, c, &st);
        let _ = workbook::to_json(&wb);
        let _ = lvyue::ui::views::charts::timeline_marks(r, None, lang);
        let _ = lvyue::ui::views::charts::cap_marks(r, lang);
        for e in &r.exposure {
            let _ = lvyue::ui::views::charts::exposure_markers(r, e, lang);
        }
    }
    for s in lvyue::ui::views::charts::cumulative_series(r) {
        if let Some(max) = s.steps.iter().map(|(_, a)| *a).max() {
            let _ = lvyue::ui::views::svg::money_ticks(max, 5);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Contracts and records of extreme numbers: load, evaluate, checks and every output never
    /// panic. Either a report whose lines are whole fen and whose totals are the sums of its
    /// lines, or an `eval.overflow` error located at a clause (or shared cap) of the contract.
    #[test]
    fn extreme_numbers_give_a_consistent_report_or_a_located_overflow(x in extreme()) {
        let contract_text = extreme_contract(&x).to_string();
        let events_text = extreme_events(&x).to_string();
        // The loader may refuse some of these (that is a located problem, not a panic).
        let Ok(c) = load::load_contract(&contract_text) else { return Ok(()) };
        let Ok(e) = load::load_events_for(&c, &events_text) else { return Ok(()) };
        match engine::evaluate(&c, &e, &Calendar::china(), &Options::default()) {
            Ok(r) => {
                for cl in &r.penalties {
                    prop_assert_eq!(cl.total, sum(cl.lines.iter().map(|l| l.amount)),
                        "clause {} total is not the sum of its lines", cl.clause);
                    prop_assert_eq!(cl.uncapped, sum(cl.lines.iter().map(|l| l.uncapped)));
                    for l in &cl.lines {
                        prop_assert!(l.amount.is_whole_fen() && l.uncapped.is_whole_fen(),
                            "clause {} line {}: {} / {}", cl.clause, l.subject, l.amount, l.uncapped);
                        prop_assert!(!l.amount.is_negative() && l.amount <= l.uncapped);
                    }
                    if let Some(cap) = &cl.cap {
                        prop_assert!(cap.limit.is_whole_fen());
                        prop_assert!(cl.total <= cap.limit || cap.limit.is_zero());
                    }
                }
                for m in &r.payments {
                    let late = sum(r.penalties.iter().filter(|p| p.clause == "5.2")
                        .flat_map(|p| p.lines.iter().map(|l| l.amount)));
                    prop_assert_eq!(m.penalty.checked_add(m.interest), Some(late));
                }
                let by = |side: Side| sum(r.penalties.iter().filter(|p| p.payer == side).map(|p| p.total));
                prop_assert_eq!(r.totals.seller_pays, by(Side::Seller));
                prop_assert_eq!(r.totals.buyer_pays, by(Side::Buyer));
                render_everything(&c, &r);
            }
            Err(err) => {
                let ids: Vec<&str> = if err.shared_cap {
                    c.shared_caps.iter().map(|s| s.id.as_str()).collect()
                } else {
                    c.clauses.iter().map(|cl| cl.id.as_str()).collect()
                };
                prop_assert!(ids.contains(&err.clause.as_str()), "{:?} names no clause", err);
                let api = lvyue::api::evaluate(&contract_text, &events_text, "")
                    .expect_err("the API gives the same error");
                prop_assert_eq!(api.code(), "eval.overflow");
                let p = &api.problems[0];
                prop_assert!(p.line > 0 && p.column > 0 && !p.path.is_empty(), "{:?}", p);
                prop_assert!(!p.zh.is_empty() && !p.en.is_empty());
            }
        }
    }
}
