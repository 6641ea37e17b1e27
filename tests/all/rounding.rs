//! Tests: rounding — every amount a party pays or is owed is rounded half-up to the fen at the
//! line, the unrounded figure stays in the line's steps (a `rounded` step showing both), caps
//! are whole fen and cut lines to the rounded room left, totals are sums of rounded lines, and
//! every amount of the report (outside the explanation steps) has exactly two decimals.

use serde_json::Value;

use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::load;
use lvyue::domain::money::Amount;
use lvyue::domain::report::{ClauseResult, Report, Step};
use lvyue::domain::{explain, statement, Lang};

fn amt(s: &str) -> Amount {
    s.parse().expect("test amount")
}

fn contract(json: &str) -> Contract {
    load::load_contract(json).unwrap_or_else(|p| panic!("test contract: {p}"))
}

fn events(c: &Contract, json: &str) -> Events {
    load::load_events_for(c, json).unwrap_or_else(|p| panic!("test events: {p}"))
}

fn run(c: &Contract, e: &Events) -> Report {
    engine::evaluate(c, e, &Calendar::china(), &Options::default()).expect("evaluates")
}

fn clause<'r>(r: &'r Report, id: &str) -> &'r ClauseResult {
    r.penalties.iter().find(|c| c.clause == id).expect("clause")
}

/// Every amount of a report's JSON outside explanation steps, with its JSON path.
fn amounts_outside_steps(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    const AMOUNT_KEYS: [&str; 16] = [
        "amount",
        "uncapped",
        "total",
        "limit",
        "before",
        "after",
        "paid",
        "outstanding",
        "penalty",
        "interest",
        "set_off",
        "net_payable",
        "seller_pays",
        "buyer_pays",
        "worst",
        "cap",
    ];
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if k == "steps" {
                    continue;
                }
                let p = format!("{path}.{k}");
                match x {
                    Value::String(s) if AMOUNT_KEYS.contains(&k.as_str()) => {
                        out.push((p, s.clone()))
                    }
                    _ => amounts_outside_steps(x, &p, out),
                }
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                amounts_outside_steps(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Asserts that every amount of the report's JSON (outside steps) has exactly two decimals.
fn assert_two_decimals(r: &Report) {
    let v: Value = serde_json::from_str(&lvyue::export::report_json(r)).expect("report JSON");
    let mut found = Vec::new();
    amounts_outside_steps(&v, "", &mut found);
    assert!(!found.is_empty());
    for (path, s) in found {
        let frac = s.split_once('.').map(|(_, f)| f.len());
        assert_eq!(frac, Some(2), "{path} = {s:?} has not exactly two decimals");
    }
}

fn late_go_live(total: &str, rate: &str, cap: &str, done: &str) -> (Contract, Events) {
    let c = contract(&format!(
        r#"{{ "format": "lvyue-contract/2", "id": "r", "title": "舍入",
  "parties": {{ "buyer": {{ "name": "甲方" }}, "seller": {{ "name": "乙方" }} }},
  "total": "{total}",
  "events": [ {{ "id": "go_live", "label": {{ "zh": "上线" }} }} ],
  "deadlines": [ {{ "id": "go-live", "label": {{ "zh": "上线" }}, "due": {{ "date": "2024-03-01" }},
     "done": "go_live" }} ],
  "clauses": [ {{ "id": "7.2", "title": {{ "zh": "逾期上线" }}, "rule": {{
    "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "deadline", "deadline": "go-live" }},
    "formula": {{ "type": "per_day", "rate": "{rate}", "base": {{ "of": "total" }} }}
    {cap} }} }} ] }}"#
    ));
    let e = events(
        &c,
        &format!(
            r#"{{ "format": "lvyue-events/2", "as_of": "2024-12-31",
  "dates": {{ "signing": "2024-01-02", "go_live": "{done}" }} }}"#
        ),
    );
    (c, e)
}

/// The issue's figure: 1‰ a day of ¥1,688,888.88 is ¥1,688.88888 a day; two days late is a
/// line of ¥3,377.78 (half-up), and the unrounded ¥3,377.77776 stays in a rounding step.
#[test]
fn a_per_day_line_is_rounded_to_the_fen_with_the_raw_figure_in_its_steps() {
    let (c, e) = late_go_live("1688888.88", "1‰", "", "2024-03-03");
    let r = run(&c, &e);
    let cl = clause(&r, "7.2");
    assert_eq!(cl.lines.len(), 1);
    let line = &cl.lines[0];
    assert_eq!(line.amount.to_string(), "3,377.78");
    assert_eq!(line.uncapped, amt("3377.78"));
    assert!(
        line.steps
            .iter()
            .any(|s| matches!(s, Step::PerDay { amount, .. } if *amount == amt("3377.77776"))),
        "{:?}",
        line.steps
    );
    assert!(
        line.steps
            .iter()
            .any(|s| matches!(s, Step::Rounded { raw, amount }
            if *raw == amt("3377.77776") && *amount == amt("3377.78"))),
        "no rounding step: {:?}",
        line.steps
    );
    assert_eq!(cl.total, amt("3377.78"));
    assert_eq!(r.totals.seller_pays, amt("3377.78"));
    assert_two_decimals(&r);
    let json = lvyue::export::report_json(&r);
    assert!(json.contains(r#""seller_pays": "3377.78""#), "{json}");
    // The Markdown and the statement show the rounded line and total.
    let md = explain::report_markdown(
        &r,
        &lvyue::domain::labels::Labels::of_report(&c, &r),
        Lang::En,
    );
    assert!(md.contains("3,377.78"), "{md}");
    let st = statement::statement(&c, &r, Lang::En);
    let seller = st
        .totals
        .iter()
        .find(|t| t.key == "seller_pays")
        .expect("a total");
    assert_eq!(seller.value, "¥3,377.78");
    let md = statement::statement_markdown(&st);
    assert!(md.contains("¥3,377.78"), "{md}");
}

/// A cap that is a rate of a base is itself rounded to the fen (5% of ¥1,688,888.88 is
/// ¥84,444.444 → ¥84,444.44), and the line it cuts is cut to that.
#[test]
fn a_cap_of_a_rate_is_rounded_and_cuts_to_the_rounded_room() {
    let cap = r#", "cap": { "rate": "5%", "base": { "of": "total" } }"#;
    let (c, e) = late_go_live("1688888.88", "1‰", cap, "2024-09-01");
    let r = run(&c, &e);
    let cl = clause(&r, "7.2");
    let limit = cl.cap.as_ref().expect("cap").limit;
    assert_eq!(limit.to_string(), "84,444.44");
    assert_eq!(cl.total, amt("84444.44"));
    assert_eq!(cl.lines[0].amount, amt("84444.44"));
    assert!(cl.cap.as_ref().expect("cap").steps.iter().any(
        |s| matches!(s, Step::Rounded { raw, amount } if *raw == amt("84444.444") && *amount == limit)
    ));
    let e = r
        .exposure
        .iter()
        .find(|x| x.clause == "7.2")
        .expect("exposure");
    assert_eq!(e.cap, Some(limit));
    assert_eq!(e.worst, limit);
    assert_two_decimals(&r);
}

/// A late-payment penalty with interest: the penalty and the interest are each rounded, the
/// line is their sum, and the milestone's penalty and interest are the line's parts.
#[test]
fn late_payment_penalty_and_interest_are_rounded_and_add_up() {
    let c = contract(
        r#"{ "format": "lvyue-contract/2", "id": "r", "title": "舍入",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
  "total": "1688888.88",
  "clauses": [
    { "id": "2", "title": { "zh": "付款" }, "rule": { "kind": "payment", "id": "m1",
      "label": { "zh": "首付" }, "amount": { "type": "rate", "rate": "33%", "base": { "of": "total" } },
      "due": { "date": "2024-03-01" } } },
    { "id": "7.3", "title": { "zh": "逾期付款" }, "rule": { "kind": "penalty", "payer": "buyer",
      "trigger": { "on": "late_payment", "milestones": ["m1"] },
      "formula": { "type": "per_day", "rate": "1‰", "base": { "of": "overdue" } },
      "interest": "万分之五",
      "cap": { "rate": "5%", "base": { "of": "total" } } } }
  ] }"#,
    );
    for as_of in ["2024-03-04", "2024-06-30", "2025-06-30"] {
        let e = events(
            &c,
            &format!(r#"{{ "format": "lvyue-events/2", "as_of": "{as_of}" }}"#),
        );
        let r = run(&c, &e);
        let cl = clause(&r, "7.3");
        let m = &r.payments[0];
        // 33% of ¥1,688,888.88 = ¥557,333.3304 → ¥557,333.33.
        assert_eq!(m.amount, Some(amt("557333.33")));
        let line_sum = cl
            .lines
            .iter()
            .fold(Amount::ZERO, |s, l| s.checked_add(l.amount).expect("sum"));
        assert_eq!(m.penalty.checked_add(m.interest), Some(line_sum), "{as_of}");
        assert_eq!(cl.total, line_sum);
        assert_eq!(r.totals.buyer_pays, line_sum);
        assert!(
            m.penalty.is_whole_fen() && m.interest.is_whole_fen(),
            "{m:?}"
        );
        assert_two_decimals(&r);
    }
}

/// The examples' reports: every amount outside the steps has two decimals, and the totals are
/// sums of the lines.
#[test]
fn every_example_report_has_amounts_of_two_decimals() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for id in [
        "000-cloud-services",
        "001-oa-maintenance",
        "002-im-platform",
        "003-insurance-datacentre",
        "004-liyang-operations",
    ] {
        let read =
            |k: &str| std::fs::read_to_string(dir.join(format!("{id}.{k}.json"))).expect("example");
        let c = contract(&read("contract"));
        let e = events(&c, &read("events"));
        let r = run(&c, &e);
        assert_two_decimals(&r);
        for cl in &r.penalties {
            for l in &cl.lines {
                assert!(l.amount.is_whole_fen(), "{id} {}: {}", cl.clause, l.amount);
            }
        }
    }
}

/// An amount serialises with exactly two decimals when it is a whole number of fen, whatever
/// scale the arithmetic left it with, and reads back unchanged.
#[test]
fn amounts_serialise_with_two_decimals_and_read_back() {
    for (given, json) in [
        ("7500.000", "\"7500.00\""),
        ("980.0000", "\"980.00\""),
        ("0", "\"0.00\""),
        ("12", "\"12.00\""),
        ("1688.88888", "\"1688.88888\""),
        ("-3.5", "\"-3.50\""),
    ] {
        let a = amt(given);
        let s = serde_json::to_string(&a).expect("serialises");
        assert_eq!(s, json, "{given}");
        let back: Amount = serde_json::from_str(&s).expect("reads back");
        assert_eq!(back, a);
        assert_eq!(serde_json::to_string(&back).expect("again"), json);
    }
    let max = Amount::new(rust_decimal::Decimal::MAX);
    let s = serde_json::to_string(&max).expect("serialises");
    let back: Amount = serde_json::from_str(&s).expect("the largest amount reads back");
    assert_eq!(back, max);
}

/// The VAT split of an amount paid: net and tax are whole fen and add up to the gross; a gross
/// with digits below the fen (its tax could not be whole fen) or beyond what is computed to the
/// fen is refused with a message in both languages.
#[test]
fn a_vat_split_is_in_whole_fen() {
    use lvyue::domain::money::{vat_split, MoneyError, Rate};
    use lvyue::domain::Localize;
    let six = Rate::parse("6%").expect("rate");
    let s = vat_split(amt("1688888.88"), six).expect("splits");
    assert!(s.net.is_whole_fen() && s.tax.is_whole_fen());
    assert_eq!(s.net.checked_add(s.tax), Some(amt("1688888.88")));
    for bad in ["100.005", "0.001"] {
        let e = vat_split(amt(bad), six).expect_err(bad);
        assert!(matches!(e, MoneyError::NotFen { .. }), "{bad}: {e:?}");
        assert!(
            e.localize(Lang::Zh).contains("精确到分"),
            "{}",
            e.localize(Lang::Zh)
        );
    }
    let max = Amount::new(rust_decimal::Decimal::MAX);
    assert!(matches!(
        vat_split(max, six),
        Err(MoneyError::NotFen { .. })
    ));
    assert!(vat_split(Amount::MAX_FEN, six).is_ok());
}
