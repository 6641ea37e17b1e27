//! Tests: duty phrases drafted from real sentences (the seeds) and paraphrases — a duty on each
//! force-majeure entry (通知, 提供证明 within N days), a one-off duty whose verb the word table
//! leaves to other readings (取消, 退还, 更换), and a right a loss grants (损失超过合同款项的5%的，
//! 损失方有权终止合同并收回已付款项) — and the canonical round trip of the new shapes.

use lvyue::domain::contract::{
    Consequence, Right, RightKind, RightRule, Rule, Schedule, Side, Span, SpanUnit, Threshold,
};
use lvyue::domain::draft::{canonical, draft, Confidence};
use lvyue::domain::money::Rate;
use lvyue::domain::vocabulary::PartyRef;

fn rules(text: &str) -> Vec<(Rule, Confidence)> {
    let d = draft(text);
    let conf: Vec<Confidence> = d
        .found
        .iter()
        .filter(|f| f.clause.is_some())
        .map(|f| f.confidence)
        .collect();
    d.contract
        .clauses
        .into_iter()
        .map(|c| c.rule)
        .zip(conf)
        .collect()
}

fn duties(text: &str) -> Vec<(PartyRef, Schedule)> {
    draft(text)
        .contract
        .clauses
        .into_iter()
        .filter_map(|c| match c.rule {
            Rule::Obligation(o) => Some((o.party, o.schedule)),
            _ => None,
        })
        .collect()
}

fn on_entry(n: u32, unit: SpanUnit) -> Schedule {
    Schedule::OnEntry {
        kind: "force_majeure".into(),
        when: None,
        due: Span { n, unit },
    }
}

fn once_after(event: &str, n: u32, unit: SpanUnit) -> Schedule {
    Schedule::Once {
        due: lvyue::domain::contract::When {
            event: Some(event.into()),
            after: Some(Span { n, unit }),
            ..Default::default()
        },
    }
}

#[test]
fn force_majeure_report_is_a_duty_on_each_entry() {
    // 002 §7 2.
    let d = duties("2、任何一方因不可抗力不能履行本合同规定的全部或部分义务，该方应尽快通知另一方，并须在不可抗力发生后三日内以书面形式向另一方提供详细情况报告及不可抗力对履行本合同的影响程度的说明。");
    assert_eq!(d, vec![(PartyRef::Breaching, on_entry(3, SpanUnit::Days))]);
    // 004 §8.1, both sentences: notice in 3 days, proof in 15 working days.
    let d = duties("受不可抗力影响的一方应以电报或传真的方式在[3]日内将该情况及时通知另一方，本合同约定履约期限应自动顺延。并于发生不可抗力事件后的[15]个工作日内向对方提供有关部门出具的发生不可抗力及其持续期的证明。");
    assert_eq!(
        d,
        vec![
            (PartyRef::Breaching, on_entry(3, SpanUnit::Days)),
            (PartyRef::Breaching, on_entry(15, SpanUnit::WorkingDays)),
        ]
    );
    // Paraphrase: another order, another verb, a named party.
    let d = duties("遭受不可抗力的一方应于事件发生后7日内书面告知对方。");
    assert_eq!(d, vec![(PartyRef::Breaching, on_entry(7, SpanUnit::Days))]);
    let d = duties("乙方遇不可抗力的，应在不可抗力发生之日起5个工作日内向甲方提交书面报告。");
    assert_eq!(
        d,
        vec![(PartyRef::Seller, on_entry(5, SpanUnit::WorkingDays))]
    );
    // A force-majeure excuse with no duty drafts no duty.
    assert!(duties("因不可抗力造成的延误，乙方不承担违约责任。").is_empty());
}

#[test]
fn one_off_duty_with_a_verb_of_removal_or_return() {
    // 001 §4.10.
    let d = duties("软件供应商不得在任何软件、服务器、系统以及在服务器中都不能设置任何形式的加密狗、加密软件，如原有设置，需在合同签订后7个工作日内取消。");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            once_after("signing", 7, SpanUnit::WorkingDays)
        )]
    );
    // 004 §6.3.
    let d = duties(
        "乙方应当在本合同解除或终止后的[10]日内，将相应保密资料原件退还甲方，并销毁复印件。",
    );
    assert_eq!(
        d,
        vec![(PartyRef::Seller, once_after("term_end", 10, SpanUnit::Days))]
    );
    // Paraphrases.
    let d = duties("乙方应于合同生效后5日内将原有设备全部拆除。");
    assert_eq!(
        d,
        vec![(PartyRef::Seller, once_after("effective", 5, SpanUnit::Days))]
    );
    let d = duties("合同终止或解除后15日内，乙方应归还甲方提供的全部资料。");
    assert_eq!(
        d,
        vec![(PartyRef::Seller, once_after("term_end", 15, SpanUnit::Days))]
    );
}

fn loss(rate: &str) -> Threshold {
    Threshold::LossExceeds {
        rate: Rate::parse(rate).expect("rate"),
        base: lvyue::domain::contract::Base::Total,
    }
}

#[test]
fn a_loss_above_a_share_of_the_total_grants_termination() {
    // 000 §4.6 / 001 §6.4.
    let r = rules("任何一方违反本项目要求中“保密、廉洁条款”要求的，应承担相应的违约责任并赔偿由此造成的损失，损失累计金额超过合同款项的5%的，损失方同时有权终止合同并收回已付款项。");
    assert_eq!(r.len(), 1, "{r:?}");
    let Rule::Right(rr) = &r[0].0 else {
        panic!("{r:?}")
    };
    assert_eq!(
        rr.rights,
        vec![
            Right {
                holder: Side::Buyer,
                right: RightKind::Terminate,
                when: loss("5%"),
                consequences: vec![Consequence::RefundAllPayments],
            },
            Right {
                holder: Side::Seller,
                right: RightKind::Terminate,
                when: loss("5%"),
                consequences: vec![],
            },
        ]
    );
    // Paraphrase: one side holds it, another share, no refund.
    let r = rules("因乙方泄密给甲方造成的损失超过合同总额的10%的，甲方有权解除合同。");
    let Some((Rule::Right(rr), _)) = r.first() else {
        panic!("{r:?}")
    };
    assert_eq!(
        rr.rights,
        vec![Right {
            holder: Side::Buyer,
            right: RightKind::Terminate,
            when: loss("10%"),
            consequences: vec![],
        }]
    );
}

#[test]
fn new_shapes_draft_back_from_their_canonical_sentences() {
    let c = lvyue::domain::contract::Contract::default();
    let mut rules = Vec::new();
    for (n, unit) in [
        (3, SpanUnit::Days),
        (15, SpanUnit::WorkingDays),
        (1, SpanUnit::Weeks),
    ] {
        for party in [PartyRef::Breaching, PartyRef::Buyer, PartyRef::Seller] {
            rules.push(Rule::Obligation(lvyue::domain::contract::Obligation {
                party,
                schedule: on_entry(n, unit),
                due_soon: None,
                from: None,
            }));
        }
    }
    for (event, after) in [
        ("construction_start", false),
        ("replacement_requested", true),
        ("end_of_life", false),
        ("staff_change", false),
    ] {
        for (n, unit) in [
            (5, SpanUnit::Days),
            (3, SpanUnit::WorkingDays),
            (6, SpanUnit::Months),
        ] {
            let span = Some(Span { n, unit });
            rules.push(Rule::Obligation(lvyue::domain::contract::Obligation {
                party: PartyRef::Seller,
                schedule: Schedule::Once {
                    due: lvyue::domain::contract::When {
                        event: Some(event.into()),
                        after: if after { span } else { None },
                        before: if after { None } else { span },
                        ..Default::default()
                    },
                },
                due_soon: None,
                from: None,
            }));
        }
    }
    for rate in ["5%", "10%", "20%"] {
        for holders in [
            vec![Side::Buyer, Side::Seller],
            vec![Side::Buyer],
            vec![Side::Seller],
        ] {
            for refund in [false, true] {
                let rights = holders
                    .iter()
                    .map(|h| Right {
                        holder: *h,
                        right: RightKind::Terminate,
                        when: loss(rate),
                        consequences: if refund && *h == Side::Buyer {
                            vec![Consequence::RefundAllPayments]
                        } else {
                            vec![]
                        },
                    })
                    .collect();
                rules.push(Rule::Right(RightRule { rights }));
            }
        }
    }
    let mut failures = Vec::new();
    for rule in rules {
        let zh = canonical::sentence(&rule, &c).zh;
        let got: Vec<Rule> = draft(&zh)
            .contract
            .clauses
            .into_iter()
            .map(|c| c.rule)
            .collect();
        if got != vec![rule.clone()] {
            failures.push(format!("{zh}\n  want {rule:?}\n  got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_duty_before_the_payment_it_leads_to() {
    // 002 §2, the first stage.
    let d = duties("合同总金额为人民币1,350,000元。第一阶段：合同生效后10个工作日内，乙方完成项目实施方案并交付甲方确认通过后，甲方将在收到以下单据并确认无误后15日内，支付合同总金额的30%，即人民币  肆拾万伍千元整（￥  405,000.00  元）：");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            once_after("effective", 10, SpanUnit::WorkingDays)
        )]
    );
    // Paraphrase: another event and span.
    let d = duties(
        "合同签订后5日内，乙方提交深化设计方案，经甲方验收合格后，甲方在30日内支付合同总额的20%。",
    );
    assert_eq!(
        d,
        vec![(PartyRef::Seller, once_after("signing", 5, SpanUnit::Days))]
    );
    // A payment completed within a span is a payment, not a duty.
    assert!(duties("甲方在收到发票后15日内完成支付合同总额的50%。").is_empty());
}

fn before(event: &str, n: u32, unit: SpanUnit) -> Schedule {
    Schedule::Once {
        due: lvyue::domain::contract::When {
            event: Some(event.into()),
            before: Some(Span { n, unit }),
            ..Default::default()
        },
    }
}

#[test]
fn duties_counted_from_events_of_their_own() {
    // 009 §7.2.2 (examples/texts).
    let d = duties("乙方应按项目的需要组织足够、合格的管理人员、技术人员、施工人员进行本项目的施工，所有施工人员必须持有相应的资质证书上岗，并将证书复印件于施工前5日上报甲方存档。");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            before("construction_start", 5, SpanUnit::Days)
        )]
    );
    // 003 (5).
    let d = duties(
        "若驻场人员不能有效响应招标方工作要求，自招标方提出更换要求日起3日内中标方需更换人员。",
    );
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            once_after("replacement_requested", 3, SpanUnit::Days)
        )]
    );
    // 002 附件3 §6.
    let d = duties("若乙方产品停止维护或不再研发和更新， 需提前半年告之甲方， 并商榷解决方案。");
    assert_eq!(
        d,
        vec![(PartyRef::Seller, before("end_of_life", 6, SpanUnit::Months))]
    );
    // Paraphrases.
    let d = duties("乙方应在开工前3个工作日向甲方提交施工组织方案。");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            before("construction_start", 3, SpanUnit::WorkingDays)
        )]
    );
    let d = duties("甲方要求更换驻场工程师的，乙方应在甲方要求更换后5日内完成更换。");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            once_after("replacement_requested", 5, SpanUnit::Days)
        )]
    );
    // The works named without a span before them: no duty of this shape.
    assert!(duties("乙方负责施工现场的安全管理。").is_empty());
}

#[test]
fn several_checks_a_day() {
    let every_day = |times| Schedule::Every {
        every: lvyue::domain::contract::Period::Day,
        day_of_month: None,
        working_day_of_period: None,
        in_next_period: false,
        times,
        no_holiday_extension: false,
    };
    // 003 (2) 6.
    let d = duties("6.提供对系统设备的定期巡检服务：巡检内容应至少包含机房环境检查、设备运行状态检查、网络链路质量检查、系统功能性能检查等内容，要求巡检每天安排6次，各个节点均需采取现场巡检的方式，并形成巡检报告留作备案。");
    assert_eq!(d, vec![(PartyRef::Seller, every_day(6))]);
    // Paraphrase.
    let d = duties("乙方驻场人员每日巡视机房2次。");
    assert_eq!(d, vec![(PartyRef::Seller, every_day(2))]);
    // A count that is not of checks a day.
    assert!(duties("乙方每日派2人值班。").is_empty());
}

#[test]
fn a_breach_deemed_and_a_deduction_from_unpaid_amounts() {
    let plain = |holder, right| Right {
        holder,
        right,
        when: Threshold::AnyOccurrence,
        consequences: vec![],
    };
    // 002 §6 5).
    let r = rules("5）如果在收到甲方的违约通知书后十日内未作答复，则乙方行为视为构成违约，则甲方有权从尚未支付的合同价款中扣回索赔金额。");
    let Some((Rule::Right(rr), c)) = r.first() else {
        panic!("{r:?}")
    };
    assert_eq!(
        rr.rights,
        vec![
            plain(Side::Buyer, RightKind::DeemedBreach),
            plain(Side::Buyer, RightKind::Deduct)
        ]
    );
    assert_eq!(*c, Confidence::Medium);
    // Paraphrase: a deduction alone.
    let r = rules("乙方逾期不整改的，甲方有权从应付未付款项中扣除相应费用。");
    let Some((Rule::Right(rr), _)) = r.first() else {
        panic!("{r:?}")
    };
    assert_eq!(rr.rights, vec![plain(Side::Buyer, RightKind::Deduct)]);
    // Canonical sentences draft back.
    let c = lvyue::domain::contract::Contract::default();
    for rights in [
        vec![
            plain(Side::Buyer, RightKind::DeemedBreach),
            plain(Side::Buyer, RightKind::Deduct),
        ],
        vec![plain(Side::Buyer, RightKind::Deduct)],
        vec![plain(Side::Seller, RightKind::Deduct)],
    ] {
        let rule = Rule::Right(RightRule { rights });
        let zh = canonical::sentence(&rule, &c).zh;
        let got: Vec<Rule> = draft(&zh)
            .contract
            .clauses
            .into_iter()
            .map(|c| c.rule)
            .collect();
        assert_eq!(got, vec![rule], "{zh}");
    }
}

#[test]
fn notice_ahead_of_a_change_of_staff() {
    // 001 §6.7 and §4.2.
    let d = duties("6.7厂商维保工程师人员变更应提前7个工作日告知甲方。");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            before("staff_change", 7, SpanUnit::WorkingDays)
        )]
    );
    let d = duties("乙方为系统维护联络人，如有人员变动须提前7个工作日通知甲方。");
    assert_eq!(
        d,
        vec![(
            PartyRef::Seller,
            before("staff_change", 7, SpanUnit::WorkingDays)
        )]
    );
    // Paraphrase.
    let d = duties("乙方项目经理等关键人员调整时，至少应提前10日书面通知甲方。");
    assert_eq!(
        d,
        vec![(PartyRef::Seller, before("staff_change", 10, SpanUnit::Days))]
    );
}

#[test]
fn dates_of_the_year_and_the_period_a_report_covers() {
    use lvyue::domain::contract::Period;
    // 每年12月31日前: at each calendar year's end.
    let d = duties("3. 乙方应在每年12月31日前向甲方提交年度运维总结报告。");
    assert!(
        matches!(
            &d[..],
            [(
                _,
                Schedule::Every {
                    every: Period::CalendarYear,
                    ..
                }
            )]
        ),
        "{d:?}"
    );
    // 每月5日前提交上月报告: the month before, due on the 5th of the next.
    let d = duties("3. 乙方应于每月5日前向甲方提交上月运维报告。");
    assert!(
        matches!(
            &d[..],
            [(
                _,
                Schedule::Every {
                    every: Period::Month,
                    day_of_month: Some(5),
                    in_next_period: true,
                    ..
                }
            )]
        ),
        "{d:?}"
    );
    // A date the schedules cannot say is listed, not moved to another date.
    for text in [
        "4. 乙方应于每季度第一个月的10日前提交上季度巡检报告。",
        "4. 乙方应于每年3月31日前提交上年度审计报告。",
    ] {
        let dr = draft(text);
        assert!(duties(text).is_empty(), "{text}: {:?}", dr.contract.clauses);
        assert!(!dr.not_understood.is_empty(), "{text}");
    }
}

#[test]
fn recurring_duties_run_from_the_agreed_start_of_the_service() {
    // 004 7.2's words.
    let text = "7.2 除甲方原因或不可抗力影响外，乙方未能按照合同约定的条件提供服务或迟延提供服务，每迟延一天乙方须向甲方支付合同金额的百分之一作为违约金。\n附件2-1 乙方每月提交运维报告。\n";
    let d = draft(text);
    let o = d
        .contract
        .clauses
        .iter()
        .find_map(|c| match &c.rule {
            Rule::Obligation(o) => Some(o),
            _ => None,
        })
        .expect("a duty");
    let service = d.contract.deadlines.first().expect("the service deadline");
    assert_eq!(o.from.as_ref(), Some(&service.due), "{:#?}", d.contract);
    // Without a service start, the duty runs over the term.
    let d = draft("附件2-1 乙方每月提交运维报告。");
    assert!(d.contract.clauses.iter().all(|c| match &c.rule {
        Rule::Obligation(o) => o.from.is_none(),
        _ => true,
    }));
}
