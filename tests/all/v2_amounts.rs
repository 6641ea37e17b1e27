//! Tests: v2_amounts — the measures and amounts of contract format v2 (issue 11): piecewise
//! per-day schedules and their readings, free days, accrual that stops, force majeure from a
//! day, deadlines moved by the other side's delay and by consent, a penalty only inside an
//! agreed extension, the part delivered late as the base, and remedies the injured side elects.
//!
//! Every figure is computed by hand in the comment beside it. Files go through `lvyue::api`
//! (loading and validation included) and the JSON report is read back; explanations are read
//! in both languages.

use std::collections::BTreeMap;

use lvyue::api;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::report::{ClauseResult, Report, Step};
use lvyue::domain::{Lang, Localize};
use serde_json::Value;

const HEAD: &str = r#""format": "lvyue-contract/2", "id": "v2", "title": "v2 金额",
  "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } }"#;

/// A contract of `total` with `more` (events, deadlines) and `clauses`.
fn contract(total: &str, more: &str, clauses: &str) -> String {
    format!(r#"{{ {HEAD}, "total": "{total}", {more} "clauses": [{clauses}] }}"#)
}

/// A record as of `as_of` with `more` fields.
fn events(as_of: &str, more: &str) -> String {
    format!(r#"{{ "format": "lvyue-events/2", "as_of": "{as_of}", {more} }}"#)
}

fn readings(r: &[(&str, &str)]) -> BTreeMap<String, String> {
    r.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The report, loaded and validated as the API does.
fn report(c: &str, e: &str, r: &[(&str, &str)]) -> Report {
    api::evaluate_texts(c, e, &Calendar::china(), None, &readings(r))
        .unwrap_or_else(|e| panic!("evaluates: {e:?}"))
}

/// The JSON report of the API.
fn json(c: &str, e: &str, options: &str) -> Value {
    let text = api::evaluate(c, e, options).unwrap_or_else(|e| panic!("evaluates: {e:?}"));
    serde_json::from_str(&text).expect("report JSON")
}

fn clause<'r>(r: &'r Report, id: &str) -> &'r ClauseResult {
    r.penalties
        .iter()
        .find(|c| c.clause == id)
        .expect("clause in report")
}

fn json_clause<'v>(v: &'v Value, id: &str) -> &'v Value {
    v["penalties"]
        .as_array()
        .expect("penalties")
        .iter()
        .find(|c| c["clause"] == id)
        .expect("clause in JSON")
}

/// Every step of a clause's lines, in one language.
fn text(c: &ClauseResult, lang: Lang) -> String {
    c.lines
        .iter()
        .flat_map(|l| l.steps.iter().map(|s| s.localize(lang)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A figure without thousands separators, as the comments write it.
fn total(c: &ClauseResult) -> String {
    c.total.to_string().replace(',', "")
}

fn reading_total(c: &ClauseResult, id: &str) -> String {
    c.readings
        .iter()
        .find(|r| r.reading == id)
        .map(|r| r.total.to_string().replace(',', ""))
        .unwrap_or_else(|| panic!("reading {id} reported"))
}

const DELIVERY: &str = r#""events": [ { "id": "delivered", "label": { "zh": "交付", "en": "delivery" } } ],
  "deadlines": [ { "id": "delivery", "label": { "zh": "交付期限", "en": "the delivery deadline" },
     "due": { "date": "2024-03-01" }, "done": "delivered" } ],"#;

fn per_day_clause(id: &str, formula: &str, extra: &str) -> String {
    format!(
        r#"{{ "id": "{id}", "title": {{ "zh": "逾期交付" }}, "rule": {{ "kind": "penalty", "payer": "seller",
    "trigger": {{ "on": "deadline", "deadline": "delivery" }}, "formula": {formula} {extra} }} }}"#
    )
}

const TIERED: &str = r#"{ "type": "per_day", "base": { "of": "total" },
    "schedule": [ { "from": 1, "to": 10, "rate": "0.5‰" }, { "from": 11, "rate": "1‰" } ] }"#;

// ------------------------------------------------------------------- piecewise per day

#[test]
fn tiered_per_day_stepped_and_whole() {
    // Due 2024-03-01, delivered 2024-03-16: 15 days late (03-02 … 03-16).
    // Stepped (default): days 1–10 at 0.5‰ × 500,000 = 250 a day → 2,500; days 11–15 at
    // 1‰ × 500,000 = 500 a day → 2,500; total 5,000.00.
    // Whole: the last day (15) is in the band from day 11: 15 × 500 = 7,500.00.
    let c = contract("500000", DELIVERY, &per_day_clause("4.2", TIERED, ""));
    let e = events(
        "2024-04-30",
        r#""dates": { "signing": "2024-01-02", "delivered": "2024-03-16" }"#,
    );
    let r = report(&c, &e, &[]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "5000.00");
    assert_eq!(reading_total(cl, "stepped"), "5000.00");
    assert_eq!(reading_total(cl, "whole"), "7500.00");
    let zh = text(cl, Lang::Zh);
    let en = text(cl, Lang::En);
    assert!(zh.contains("逐段计"), "{zh}");
    assert!(zh.contains("第1–10日") && zh.contains("第11–15日"), "{zh}");
    assert!(
        zh.contains("¥2,500.00") && zh.contains("合计 ¥5,000.00"),
        "{zh}"
    );
    assert!(
        en.contains("days 1–10") && en.contains("days 11–15"),
        "{en}"
    );
    assert!(en.contains("total ¥5,000.00"), "{en}");

    let r = report(&c, &e, &[("4.2", "whole")]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "7500.00");
    let en = text(cl, Lang::En);
    assert!(
        en.contains("whole reading") && en.contains("¥7,500.00"),
        "{en}"
    );

    // The JSON report says the same.
    let v = json(&c, &e, r#"{"readings": {"4.2": "whole"}}"#);
    let jc = json_clause(&v, "4.2");
    assert_eq!(jc["total"], "7500.00");
    let v = json(&c, &e, "{}");
    let jc = json_clause(&v, "4.2");
    assert_eq!(jc["total"], "5000.00");
    let step = jc["lines"][0]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "schedule")
        .expect("a schedule step");
    assert_eq!(step["parts"][0]["amount"], "2500.00");
    assert_eq!(step["parts"][1]["days"], 5);
}

#[test]
fn a_cap_is_reached_on_the_day_the_schedule_reaches_it() {
    // Cap 1% × 500,000 = 5,000. Stepped: 2,500 after day 10, 5,000 after day 15 → reached on
    // day 15, 2024-03-16. Whole: day 11 costs 11 × 500 = 5,500 ≥ 5,000 (day 10: 10 × 250 =
    // 2,500) → reached on day 11, 2024-03-12; the whole reading totals 5,000 after the cap.
    let cap = r#", "cap": { "rate": "1%", "base": { "of": "total" } }"#;
    let c = contract("500000", DELIVERY, &per_day_clause("4.2", TIERED, cap));
    let e = events(
        "2024-04-30",
        r#""dates": { "signing": "2024-01-02", "delivered": "2024-03-16" }"#,
    );
    let r = report(&c, &e, &[]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "5000.00");
    assert_eq!(
        cl.cap.as_ref().unwrap().reached_on,
        Some("2024-03-16".parse().unwrap())
    );
    let r = report(&c, &e, &[("4.2", "whole")]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "5000.00");
    assert_eq!(
        cl.cap.as_ref().unwrap().reached_on,
        Some("2024-03-12".parse().unwrap())
    );
}

#[test]
fn free_days_in_working_days() {
    // Due Friday 2024-03-01, delivered Friday 2024-03-15: 10 working days late (03-04 … 03-08,
    // 03-11 … 03-15). The first 3 free: 7 × 1‰ × 500,000 = 7 × 500 = 3,500.00.
    let f = r#"{ "type": "per_day", "rate": "1‰", "base": { "of": "total" },
        "working_days": true, "start_after": 3 }"#;
    let c = contract("500000", DELIVERY, &per_day_clause("4.2", f, ""));
    let e = events(
        "2024-04-30",
        r#""dates": { "signing": "2024-01-02", "delivered": "2024-03-15" }"#,
    );
    let r = report(&c, &e, &[]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "3500.00");
    let zh = text(cl, Lang::Zh);
    assert!(zh.contains("逾期 10 个工作日"), "{zh}");
    assert!(zh.contains("免计期：逾期前 3 个工作日不计违约金"), "{zh}");
    // Exposure: 3 free days, then 500 a day: day 5 costs 1,000.
    let ex = r.exposure.iter().find(|x| x.clause == "4.2").unwrap();
    let at = |d: u32| {
        ex.points
            .iter()
            .find(|p| p.days == d)
            .unwrap()
            .amount
            .to_string()
            .replace(',', "")
    };
    assert_eq!(at(3), "0.00");
    assert_eq!(at(5), "1000.00");
}

// ------------------------------------------------------------------- force majeure, stop

#[test]
fn force_majeure_from_day_4_stops_accrual() {
    // Due 2024-03-01, delivered 2024-03-16 (15 days late). Force majeure from 2024-03-05, the
    // 4th day late: only days 1–3 (03-02 … 03-04) count: 3 × 1‰ × 500,000 = 1,500.00.
    let f = r#"{ "type": "per_day", "rate": "1‰", "base": { "of": "total" } }"#;
    let c = contract(
        "500000",
        DELIVERY,
        &per_day_clause("4.2", f, r#", "excuses": ["force_majeure"]"#),
    );
    let e = |excuse: &str| {
        events(
            "2024-04-30",
            &format!(
                r#""dates": {{ "signing": "2024-01-02", "delivered": "2024-03-16" }},
        "excuses": [ {{ "clause": "4.2", "excuse": "force_majeure", {excuse} }} ]"#
            ),
        )
    };
    let r = report(&c, &e(r#""from": "2024-03-05""#), &[]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "1500.00");
    let zh = text(cl, Lang::Zh);
    let en = text(cl, Lang::En);
    assert!(
        zh.contains("免责期间：2024-03-05 至 2024-03-16 的 12 日不计"),
        "{zh}"
    );
    assert!(
        en.contains("Excused days: 12 days from 2024-03-05 to 2024-03-16"),
        "{en}"
    );
    assert!(en.contains("× 3 days = ¥1,500.00"), "{en}");

    // Excused 03-05 … 03-10 only: 6 days out, 15 − 6 = 9 count: 9 × 500 = 4,500.00.
    let r = report(
        &c,
        &e(r#""from": "2024-03-05", "until": "2024-03-10""#),
        &[],
    );
    assert_eq!(total(clause(&r, "4.2")), "4500.00");

    // Undated, the excuse covers the whole lateness (as before): nothing.
    let r = report(&c, &e(r#""note": "不可抗力""#), &[]);
    assert_eq!(total(clause(&r, "4.2")), "0.00");
}

#[test]
fn an_excused_stretch_is_not_a_day_of_the_schedule() {
    // 15 days late, days 4–8 (03-05 … 03-09) excused: 10 days count, all in the band of days
    // 1–10: 10 × 250 = 2,500.00 (not 5 days of the second band).
    let c = contract(
        "500000",
        DELIVERY,
        &per_day_clause("4.2", TIERED, r#", "excuses": ["force_majeure"]"#),
    );
    let e = events(
        "2024-04-30",
        r#""dates": { "signing": "2024-01-02", "delivered": "2024-03-16" },
        "excuses": [ { "clause": "4.2", "excuse": "force_majeure", "from": "2024-03-05", "until": "2024-03-09" } ]"#,
    );
    let r = report(&c, &e, &[]);
    assert_eq!(total(clause(&r, "4.2")), "2500.00");
}

// ------------------------------------------------------------------- 顺延

#[test]
fn a_deadline_moved_by_the_buyers_delay_in_providing_the_site() {
    // Signed Monday 2024-05-06. The buyer provides the site 5 days after signing: 2024-05-11
    // (a Saturday, but a make-up working day in 2024); it does on 2024-05-17: 6 days late.
    // Delivery is due 30 days after signing, moved by those 6 days: 36 days after 05-06 =
    // 2024-06-11 (Tuesday, a working day; unmoved it was 06-05). Delivered 2024-06-21: 10 days
    // late: 10 × 1‰ × 500,000 = 5,000.00 (unmoved: 16 days, 8,000.00).
    let deadline = |ext: &str| {
        format!(
            r#""events": [ {{ "id": "delivered", "label": {{ "zh": "交付" }} }},
                     {{ "id": "site_provided", "label": {{ "zh": "甲方提供场地" }} }} ],
  "deadlines": [ {{ "id": "delivery", "label": {{ "zh": "交付期限", "en": "the delivery deadline" }},
     "due": {{ "event": "signing", "after": {{ "n": 30, "unit": "days" }} {ext} }}, "done": "delivered" }} ],"#
        )
    };
    let moved = deadline(
        r#", "extended_by": [ { "delay": { "from": { "event": "signing", "after": { "n": 5, "unit": "days" } },
                                            "to": { "event": "site_provided" } } } ]"#,
    );
    let f = r#"{ "type": "per_day", "rate": "1‰", "base": { "of": "total" } }"#;
    let e = events(
        "2024-07-31",
        r#""dates": { "signing": "2024-05-06", "site_provided": "2024-05-17", "delivered": "2024-06-21" }"#,
    );
    let c = contract("500000", &moved, &per_day_clause("4.2", f, ""));
    let r = report(&c, &e, &[]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "5000.00");
    let found = cl.lines[0]
        .steps
        .iter()
        .find_map(|s| match s {
            Step::DateFound { date, .. } => Some(*date),
            _ => None,
        })
        .unwrap();
    assert_eq!(found.to_string(), "2024-06-11");
    let zh = text(cl, Lang::Zh);
    let en = text(cl, Lang::En);
    assert!(
        zh.contains("对方迟延顺延 6 日（应于 2024-05-11 履行，2024-05-17 履行）"),
        "{zh}"
    );
    assert!(
        en.contains("moved by the other side's delay of 6 days"),
        "{en}"
    );

    // Without the move: 16 days late, 8,000.00.
    let c = contract("500000", &deadline(""), &per_day_clause("4.2", f, ""));
    assert_eq!(total(clause(&report(&c, &e, &[]), "4.2")), "8000.00");

    // The site provided early never moves the deadline earlier (delay of 0): 16 days.
    let early = events(
        "2024-07-31",
        r#""dates": { "signing": "2024-05-06", "site_provided": "2024-05-08", "delivered": "2024-06-21" }"#,
    );
    let c = contract("500000", &moved, &per_day_clause("4.2", f, ""));
    assert_eq!(total(clause(&report(&c, &early, &[]), "4.2")), "8000.00");
}

#[test]
fn a_penalty_only_inside_an_agreed_extension() {
    // "经甲方书面同意延期的，延期期间每日按0.5‰支付违约金；超过延期期限的，每日按1‰。"
    // Due 2024-03-01; the buyer agreed in writing on 2024-02-20 to 20 days (at most 30): the
    // extended deadline is 2024-03-21 (Thursday). Delivered 2024-03-31.
    // 4.5a (inside the extension): days 03-02 … 03-21, stopped at the extended deadline:
    //   20 × 0.5‰ × 500,000 = 20 × 250 = 5,000.00.
    // 4.5b (beyond it): from the extended deadline: 03-22 … 03-31, 10 × 500 = 5,000.00.
    // Without the consent: 4.5a stops on the due date itself (0.00), 4.5b counts 30 days
    //   from 03-01: 30 × 500 = 15,000.00.
    let consent = r#", "extended_by": [ { "consent": { "clause": "4.5a", "max": { "n": 30, "unit": "days" } } } ]"#;
    let more = format!(
        r#""events": [ {{ "id": "delivered", "label": {{ "zh": "交付" }} }} ],
  "deadlines": [
    {{ "id": "delivery", "label": {{ "zh": "交付期限" }}, "due": {{ "date": "2024-03-01" }}, "done": "delivered" }},
    {{ "id": "extended", "label": {{ "zh": "延期后的交付期限" }},
       "due": {{ "date": "2024-03-01" {consent} }}, "done": "delivered" }} ],"#
    );
    let clauses = format!(
        r#"{{ "id": "4.5a", "title": {{ "zh": "延期期间" }}, "rule": {{ "kind": "penalty", "payer": "seller",
      "trigger": {{ "on": "deadline", "deadline": "delivery" }},
      "formula": {{ "type": "per_day", "rate": "0.5‰", "base": {{ "of": "total" }} }},
      "stop_at": {{ "date": "2024-03-01" {consent} }} }} }},
    {{ "id": "4.5b", "title": {{ "zh": "超过延期期限" }}, "rule": {{ "kind": "penalty", "payer": "seller",
      "trigger": {{ "on": "deadline", "deadline": "extended" }},
      "formula": {{ "type": "per_day", "rate": "1‰", "base": {{ "of": "total" }} }} }} }}"#
    );
    let c = contract("500000", &more, &clauses);
    let e = |consents: &str| {
        events(
            "2024-04-30",
            &format!(
                r#""dates": {{ "signing": "2024-01-02", "delivered": "2024-03-31" }},
            "consents": [ {consents} ]"#
            ),
        )
    };
    let agreed = e(r#"{ "clause": "4.5a", "date": "2024-02-20", "extension_days": 20 }"#);
    let r = report(&c, &agreed, &[]);
    // The consent moves the dates, so it is not reported as changing no figure.
    assert!(
        r.warnings.iter().all(|w| w.code != "consent.unused"),
        "{:?}",
        r.warnings
    );
    let a = clause(&r, "4.5a");
    assert_eq!(total(a), "5000.00");
    assert_eq!(total(clause(&r, "4.5b")), "5000.00");
    let zh = text(a, Lang::Zh);
    let en = text(a, Lang::En);
    assert!(zh.contains("停止计算：计至 2024-03-21 止"), "{zh}");
    assert!(
        en.contains("Accrual stops: counted up to 2024-03-21"),
        "{en}"
    );
    assert!(en.contains("× 20 days = ¥5,000.00"), "{en}");
    let b = text(clause(&r, "4.5b"), Lang::Zh);
    assert!(b.contains("经 2024-02-20 书面同意延期 20 日"), "{b}");

    // A consent beyond the maximum counts up to it: 40 days asked, 30 allowed → 03-31: 4.5a
    // counts 30 days (7,500.00), 4.5b nothing.
    let long = e(r#"{ "clause": "4.5a", "date": "2024-02-20", "extension_days": 40 }"#);
    let r = report(&c, &long, &[]);
    assert_eq!(total(clause(&r, "4.5a")), "7500.00");
    assert_eq!(total(clause(&r, "4.5b")), "0.00");

    let r = report(&c, &e(""), &[]);
    assert_eq!(total(clause(&r, "4.5a")), "0.00");
    assert_eq!(total(clause(&r, "4.5b")), "15000.00");
}

// ------------------------------------------------------------------- recorded base

#[test]
fn the_part_delivered_late_is_the_base() {
    // ¥120,000 of ¥400,000 delivered 10 days late (03-02 … 03-11) at 0.5‰ a day:
    // 120,000 × 0.0005 × 10 = 600.00.
    let f = r#"{ "type": "per_day", "rate": "0.5‰",
        "base": { "of": "recorded", "fact": "late_part", "label": { "zh": "逾期交付部分的货款", "en": "the part delivered late" } } }"#;
    let c = contract("400000", DELIVERY, &per_day_clause("4.2", f, ""));
    let e = |facts: &str| {
        events(
            "2024-04-30",
            &format!(
                r#""dates": {{ "signing": "2024-01-02", "delivered": "2024-03-11" }} {facts}"#
            ),
        )
    };
    let r = report(
        &c,
        &e(r#", "facts": { "amounts": { "late_part": "120000" } }"#),
        &[],
    );
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "600.00");
    let zh = text(cl, Lang::Zh);
    let en = text(cl, Lang::En);
    assert!(
        zh.contains("逾期交付部分的货款 ¥120,000.00 × 10 日 = ¥600.00"),
        "{zh}"
    );
    assert!(
        en.contains("the part delivered late ¥120,000.00 × 10 days = ¥600.00"),
        "{en}"
    );
    let v = json(
        &c,
        &e(r#", "facts": { "amounts": { "late_part": "120000" } }"#),
        "{}",
    );
    assert_eq!(json_clause(&v, "4.2")["total"], "600.00");

    // Not stated: the line costs nothing and says what is missing.
    let r = report(&c, &e(""), &[]);
    let cl = clause(&r, "4.2");
    assert_eq!(total(cl), "0.00");
    assert!(text(cl, Lang::En).contains("missing base: the part delivered late"));
}

// ------------------------------------------------------------------- alternatives

/// "逾期超过30日的，甲方有权选择解除合同并要求乙方支付合同总额5%的违约金，或要求继续履行并按日支付违约金。"
fn remedies(perform: &str) -> String {
    contract(
        "500000",
        DELIVERY,
        &per_day_clause(
            "4.3",
            perform,
            r#", "alternatives": { "choice": "late_delivery_remedy", "holder": "buyer",
          "label": { "zh": "逾期交付的救济", "en": "remedy for late delivery" },
          "options": [
            { "id": "perform", "label": { "zh": "继续履行并按日支付", "en": "perform and pay per day" } },
            { "id": "terminate", "label": { "zh": "解除合同并支付5%", "en": "terminate and pay 5%" },
              "formula": { "type": "per_occurrence", "amount": { "type": "rate", "rate": "5%", "base": { "of": "total" } } } } ] },
        "rights": [ { "holder": "buyer", "right": "terminate", "when": { "type": "days_late_over", "days": 30 } } ]"#,
        ),
    )
}

#[test]
fn the_injured_side_elects_a_remedy() {
    // 40 days late (03-02 … 04-10). Perform: 40 × 1‰ × 500,000 = 40 × 500 = 20,000.00.
    // Terminate: 5% × 500,000 = 25,000.00. Both are computed; the first is the default.
    let c = remedies(r#"{ "type": "per_day", "rate": "1‰", "base": { "of": "total" } }"#);
    let e = |elections: &str| {
        events(
            "2024-04-30",
            &format!(
                r#""dates": {{ "signing": "2024-01-02", "delivered": "2024-04-10" }} {elections}"#
            ),
        )
    };
    let r = report(&c, &e(""), &[]);
    let cl = clause(&r, "4.3");
    assert_eq!(total(cl), "20000.00");
    assert_eq!(reading_total(cl, "perform"), "20000.00");
    assert_eq!(reading_total(cl, "terminate"), "25000.00");
    let zh = text(cl, Lang::Zh);
    assert!(
        zh.contains("选择救济（逾期交付的救济，由甲方选择）：按所选解读“继续履行并按日支付”计算"),
        "{zh}"
    );

    // The buyer elected termination in the record: 25,000.00, and the step says so.
    let elected = e(r#", "elections": { "late_delivery_remedy": "terminate" }"#);
    let r = report(&c, &elected, &[]);
    let cl = clause(&r, "4.3");
    assert_eq!(total(cl), "25000.00");
    let en = text(cl, Lang::En);
    assert!(
        en.contains("the buyer elected \"terminate and pay 5%\""),
        "{en}"
    );
    assert!(
        en.contains("5% × the contract total ¥500,000.00 = ¥25,000.00"),
        "{en}"
    );
    let v = json(&c, &elected, "{}");
    assert_eq!(json_clause(&v, "4.3")["total"], "25000.00");
    assert_eq!(v["readings"]["4.3"], "terminate");

    // A reading chosen overrides the default (a what-if beside the record).
    let r = report(&c, &elected, &[("4.3", "perform")]);
    assert_eq!(total(clause(&r, "4.3")), "20000.00");
}

#[test]
fn an_alternative_with_readings_of_its_own() {
    // Perform with the tiered schedule, 40 days late: stepped 10 × 250 + 30 × 500 = 17,500.00;
    // whole 40 × 500 = 20,000.00; terminate 25,000.00. Reading ids: perform/stepped,
    // perform/whole, terminate.
    let c = remedies(TIERED);
    let e = events(
        "2024-04-30",
        r#""dates": { "signing": "2024-01-02", "delivered": "2024-04-10" }"#,
    );
    let r = report(&c, &e, &[]);
    let cl = clause(&r, "4.3");
    let ids: Vec<&str> = cl.readings.iter().map(|r| r.reading.as_str()).collect();
    assert_eq!(ids, ["perform/stepped", "perform/whole", "terminate"]);
    assert_eq!(total(cl), "17500.00");
    assert_eq!(reading_total(cl, "perform/whole"), "20000.00");
    assert_eq!(reading_total(cl, "terminate"), "25000.00");
    let r = report(&c, &e, &[("4.3", "perform/whole")]);
    assert_eq!(total(clause(&r, "4.3")), "20000.00");
}

// ------------------------------------------------------------------- validation

#[test]
fn bad_schedules_extensions_and_elections_are_refused() {
    let code = |c: &str, e: &str| -> Vec<String> {
        match api::evaluate(c, e, "{}") {
            Ok(_) => Vec::new(),
            Err(err) => {
                let v: Value = serde_json::from_str(&serde_json::to_string(&err).unwrap()).unwrap();
                v["problems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["code"].as_str().unwrap().to_string())
                    .collect()
            }
        }
    };
    let e = events("2024-04-30", r#""dates": { "signing": "2024-01-02" }"#);
    let f = |schedule: &str| {
        contract(
            "500000",
            DELIVERY,
            &per_day_clause(
                "4.2",
                &format!(
                    r#"{{ "type": "per_day", "base": {{ "of": "total" }}, "schedule": {schedule} }}"#
                ),
                "",
            ),
        )
    };
    let overlap = f(r#"[ { "from": 1, "to": 10, "rate": "0.5‰" }, { "from": 8, "rate": "1‰" } ]"#);
    assert_eq!(code(&overlap, &e), ["schedule.overlap"]);
    let gap = f(r#"[ { "from": 1, "to": 10, "rate": "0.5‰" }, { "from": 12, "rate": "1‰" } ]"#);
    assert_eq!(code(&gap, &e), ["schedule.gap"]);
    let high = f(r#"[ { "from": 1, "to": 10, "rate": "0.5‰" }, { "from": 11, "rate": "150%" } ]"#);
    assert_eq!(code(&high, &e), ["rate.above-100"]);
    let closed = f(r#"[ { "from": 1, "to": 10, "rate": "0.5‰" } ]"#);
    assert_eq!(code(&closed, &e), ["schedule.open"]);
    let both = contract(
        "500000",
        DELIVERY,
        &per_day_clause(
            "4.2",
            r#"{ "type": "per_day", "rate": "1‰", "base": { "of": "total" },
                "schedule": [ { "from": 1, "rate": "1‰" } ] }"#,
            "",
        ),
    );
    assert_eq!(code(&both, &e), ["per-day.rate"]);
    let c = remedies(r#"{ "type": "per_day", "rate": "1‰", "base": { "of": "total" } }"#);
    let wrong = events(
        "2024-04-30",
        r#""dates": { "signing": "2024-01-02" }, "elections": { "late_delivery_remedy": "walk_away" }"#,
    );
    assert_eq!(code(&c, &wrong), ["election.option"]);
}
