//! Tests: yearly fees of a term of several years (001 §10) — one instalment per contract year of
//! the drafted term, each the total's share for a year, the later ones on the previous year's
//! acceptance or at the start of their year; the figures through the API, computed by hand.

use std::collections::BTreeMap;

use lvyue::api;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{Base, Milestone, MilestoneAmount, Period, Rule, SpanUnit};
use lvyue::domain::draft::{draft, Confidence, Draft};

fn payments(d: &Draft) -> Vec<&Milestone> {
    d.contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Payment(m) => Some(m),
            _ => None,
        })
        .collect()
}

/// 001's term and payment sentences, with a total stated (the source states none).
const OA: &str = "合同总金额为人民币300,000元。
三、维保期限要求
自本项目合同签订之日起，提供三年的免费维保服务。
十、付款方式
双方签订合同后，甲方支付第一年维保费，第二年开始凭前一年的验收合格报告支付当年维保费，直至付清。
";

#[test]
fn one_instalment_per_year_of_the_term_on_the_previous_acceptance() {
    let d = draft(OA);
    let ps = payments(&d);
    assert_eq!(ps.len(), 3, "{:#?}", d.contract.clauses);
    for m in &ps {
        assert_eq!(
            m.amount,
            MilestoneAmount::Rate {
                rate: lvyue::domain::money::Rate::parse("100%").expect("rate"),
                base: Base::TermShare {
                    period: Period::ContractYear
                },
            }
        );
    }
    let due: Vec<Option<&str>> = ps.iter().map(|m| m.due.event.as_deref()).collect();
    assert_eq!(
        due,
        [
            Some("signing"),
            Some("year_1_acceptance"),
            Some("year_2_acceptance")
        ]
    );
    let f = d
        .found
        .iter()
        .find(|f| f.clause.as_deref() == Some("十"))
        .or_else(|| {
            d.found
                .iter()
                .find(|f| f.kind == lvyue::domain::draft::FoundKind::Payment)
        })
        .expect("found");
    assert_eq!(f.confidence, Confidence::Medium);
    assert!(
        f.notes.iter().any(|n| n.zh.contains("平均分摊")),
        "{:?}",
        f.notes
    );

    // Through the API: 300,000 × 12/36 = 100,000.00 a year; year 2 due on the acceptance of
    // year 1 (2024-03-10), year 3 not yet due.
    let contract = serde_json::to_string(&d.contract).expect("json");
    let events = r#"{ "format": "lvyue-events/2", "as_of": "2024-06-30",
        "dates": { "signing": "2023-03-01", "year_1_acceptance": "2024-03-10" } }"#;
    let r = api::evaluate_texts(
        &contract,
        events,
        &Calendar::china(),
        None,
        &BTreeMap::new(),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
    let amounts: Vec<String> = r
        .payments
        .iter()
        .map(|m| format!("{:?}", m.amount))
        .collect();
    assert_eq!(r.payments.len(), 3);
    for a in &amounts {
        assert!(a.contains("100000.00"), "{amounts:?}");
    }
    let dues: Vec<String> = r.payments.iter().map(|m| format!("{:?}", m.due)).collect();
    assert!(dues[0].contains("2023-03-01"), "{dues:?}");
    assert!(dues[1].contains("2024-03-10"), "{dues:?}");
}

#[test]
fn a_paraphrase_paid_at_the_start_of_each_year() {
    let text = "合同金额：人民币200,000元。
服务期限为2年，自合同签订之日起计算。
合同签订后，甲方支付首年服务费，此后每年支付当年服务费。
";
    let d = draft(text);
    let ps = payments(&d);
    assert_eq!(ps.len(), 2, "{:#?}", d.contract.clauses);
    assert_eq!(ps[1].due.event.as_deref(), Some("term_start"));
    let after = ps[1].due.after.expect("a year after the start");
    assert_eq!((after.n, after.unit), (1, SpanUnit::Years));
}

#[test]
fn without_a_term_of_years_the_sentence_is_not_understood() {
    let text =
        "双方签订合同后，甲方支付第一年维保费，第二年开始凭前一年的验收合格报告支付当年维保费。";
    let d = draft(text);
    assert!(payments(&d).is_empty(), "{:#?}", d.contract.clauses);
    assert!(!d.not_understood.is_empty());
}

#[test]
fn a_share_of_the_term_through_the_api() {
    // 120,000 over an 18-month term: a quarter is 120,000 × 3/18 = 20,000.00.
    let c = r#"{ "format": "lvyue-contract/2", "id": "t", "title": "t",
      "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } }, "total": "120000",
      "clauses": [
        { "id": "1", "title": { "zh": "期限" }, "rule": { "kind": "term",
          "start": { "event": "signing" }, "length": { "n": 18, "unit": "months" } } },
        { "id": "2", "title": { "zh": "季度费" }, "rule": { "kind": "payment", "id": "q1",
          "label": { "zh": "首季度" }, "amount": { "type": "rate", "rate": "100%",
          "base": { "of": "term_share", "period": "quarter" } }, "due": { "event": "signing" } } } ] }"#;
    let e = r#"{ "format": "lvyue-events/2", "as_of": "2024-06-30", "dates": { "signing": "2024-01-02" } }"#;
    let r = api::evaluate_texts(c, e, &Calendar::china(), None, &BTreeMap::new())
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        format!("{:?}", r.payments[0].amount).contains("20000.00"),
        "{:?}",
        r.payments
    );
    // A share by week is refused at load, with its place.
    let bad = c.replace(r#""period": "quarter""#, r#""period": "week""#);
    let err = api::evaluate_texts(&bad, e, &Calendar::china(), None, &BTreeMap::new())
        .expect_err("a week is no share of a term");
    assert!(
        err.problems
            .iter()
            .any(|p| p.problem.path.ends_with("base.period")),
        "{:?}",
        err.problems
    );
}
