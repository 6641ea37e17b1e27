//! Tests: fines graded by level — the sub-items of a penalty clause under headings that name a
//! level, read as one rule by level on the fee of the item concerned, with the escalation of
//! repeats, what late handling adds (both readings of "增加1%") and each level's time to handle
//! from the contract's own timers. Real sentences of 004 附件2 §5.1–5.3 and a paraphrase.

use lvyue::domain::contract::{Base, Formula, OccurrenceAmount, Penalty, Rule, SpanUnit, Trigger};
use lvyue::domain::draft::{draft, Confidence, Draft};
use lvyue::domain::money::Rate;
use rust_decimal::Decimal;

const LIYANG: &str = "5.2 应急方案
(1) 特别重大安全事件
事件发生后立即响应，安排高级技术人员远程并到现场排查原因和问题处理，现场人员配合，在1小时内完成处置并针对此次故障形成报告。
(2) 重大安全事件
事件发生后立即响应，安排高级技术人员远程排查原因和问题处理，现场人员配合，最迟不超过3小时完成处置并针对此次故障形成报告。
(3) 较重大安全事件
事件发生后立即响应，安排高级技术人员远程排查原因和问题处理，现场人员配合，最迟不超过6小时完成处置并针对此次故障形成报告。
5.3 故障处罚措施
(1) 特别重大安全事件
年度内发生一次，单次处罚金额为发生安全事件子系统年维护费金额的30%，年度内同类问题出现2次或以上，从第2次起在前次处罚金额的基础上递增50%；不能按时处置解决的处罚金额增加1%，并承担由此造成的相关法律责任，同时要采取必要的措施挽回损失、降低影响。
(2) 重大安全事件
年度内发生一次，单次处罚金额为发生安全事件子系统年维护费金额的25%，年度内同类问题出现2次或以上，从第2次起在前次处罚金额的基础上递增50%；不能按时处置解决的按处罚金额的2倍处罚，并承担由此造成的相关法律责任，同时要采取必要的措施挽回损失、降低影响。
(3) 较重大安全事件
年度内发生一次，单次处罚金额为发生安全事件子系统年维护费金额的20%，年度内同类问题出现2次或以上，从第2次起在前次处罚金额的基础上递增50%；不能按时处置解决的按处罚金额的2倍处罚，并承担由此造成的相关法律责任，同时要采取必要的措施挽回损失、降低影响。
";

fn rate(s: &str) -> Rate {
    Rate::parse(s).expect("rate")
}

fn penalties(d: &Draft) -> Vec<(&str, &Penalty)> {
    d.contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Penalty(p) => Some((c.id.as_str(), p)),
            _ => None,
        })
        .collect()
}

/// Each level's (rate, hours to handle).
fn by_level(p: &Penalty) -> Vec<(String, Rate, Option<u32>)> {
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("not per occurrence: {p:?}")
    };
    let OccurrenceAmount::ByLevel { rates, base } = &o.amount else {
        panic!("not by level: {:?}", o.amount)
    };
    assert_eq!(base, &Base::Item { item: None });
    rates
        .iter()
        .map(|r| {
            let h = r.handle_within.map(|w| {
                assert_eq!(w.unit, SpanUnit::Hours);
                w.n
            });
            (r.level.clone(), r.rate, h)
        })
        .collect()
}

#[test]
fn sub_items_by_level_are_one_fine_on_the_item_fee() {
    let d = draft(LIYANG);
    let ps = penalties(&d);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let (id, p) = ps[0];
    assert_eq!(id, "5.3");
    assert_eq!(
        by_level(p),
        vec![
            ("especially_major".into(), rate("30%"), Some(1)),
            ("major".into(), rate("25%"), Some(3)),
            ("relatively_major".into(), rate("20%"), Some(6)),
        ]
    );
    let Trigger::Incident { levels, .. } = &p.trigger else {
        panic!("{:?}", p.trigger)
    };
    assert_eq!(levels, &["especially_major", "major", "relatively_major"]);
    let Formula::PerOccurrence(o) = &p.formula else {
        unreachable!()
    };
    let e = o.escalation.as_ref().expect("repeats escalate");
    assert_eq!(e.factor, Decimal::new(15, 1));
    assert!(e.scope.per_contract_year && e.scope.same_level, "{e:?}");
    let rules = &o.late_handling.as_ref().expect("late handling").rules;
    assert_eq!(rules.len(), 2, "{rules:#?}");
    assert_eq!(rules[0].levels, ["especially_major"]);
    let r0: Vec<(Option<Decimal>, Option<Rate>)> = rules[0]
        .readings
        .iter()
        .map(|r| (r.factor, r.add_rate))
        .collect();
    assert_eq!(
        r0,
        vec![(None, Some(rate("1%"))), (Some(Decimal::new(101, 2)), None)],
        "增加1% is two readings, one point more first"
    );
    assert_eq!(rules[1].levels, ["major", "relatively_major"]);
    assert_eq!(rules[1].readings.len(), 1);
    assert_eq!(rules[1].readings[0].factor, Some(Decimal::TWO));
    // The ambiguity is said, and the sentence renders every level.
    let found: Vec<_> = d
        .found
        .iter()
        .filter(|f| f.clause.as_deref() == Some("5.3"))
        .collect();
    assert!(found
        .iter()
        .any(|f| f.notes.iter().any(|n| n.zh.contains("两种读法"))));
    let zh = &found[0].sentence.zh;
    for part in [
        "特别重大30%",
        "重大25%",
        "较重大20%",
        "1小时内处置",
        "递增50%",
        "2倍",
    ] {
        assert!(zh.contains(part), "{part} not in {zh}");
    }
}

#[test]
fn a_paraphrase_with_numbered_levels_and_a_fine_without_time_to_handle() {
    let text = "六、考核
（一）一级故障
每次按该子系统年度服务费的10%扣罚，同一年度内再次发生的，在前次处罚金额的基础上递增50%。
（二）二级故障
每次按该子系统年度服务费的5%扣罚，同一年度内再次发生的，在前次处罚金额的基础上递增50%；未能按时修复的按处罚金额的2倍处罚。
";
    let d = draft(text);
    let ps = penalties(&d);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(
        by_level(ps[0].1),
        vec![
            ("L1".into(), rate("10%"), None),
            ("L2".into(), rate("5%"), None),
        ]
    );
    // No timer states how long a level-2 fault may take: the extra is said to need one.
    let f = d
        .found
        .iter()
        .find(|f| f.clause.as_deref() == Some(ps[0].0))
        .expect("found");
    assert_eq!(f.confidence, Confidence::Low);
    assert!(
        d.found.iter().any(|f| f
            .notes
            .iter()
            .any(|n| n.zh.contains("未写明该级别须处置完毕的时限"))),
        "{:#?}",
        d.found
    );
}

#[test]
fn a_system_fee_without_a_level_heading_stays_not_understood() {
    let text = "5.3 若发生安全事件，单次处罚金额为发生安全事件子系统年维护费金额的30%。";
    let d = draft(text);
    assert!(penalties(&d).is_empty(), "{:#?}", d.contract.clauses);
    assert!(!d.not_understood.is_empty());
}
