//! Tests: the penalty family's phrases for payers, triggers, thresholds and rights — real
//! sentences of the seeds and the outside examples, and a paraphrase of each (other words, other
//! order), with the canonical round trip of every new shape.

use lvyue::domain::contract::{
    Base, Consequence, Contract, Formula, OccurrenceAmount, Penalty, RightKind, Rule, Side,
    Threshold, Trigger,
};
use lvyue::domain::draft::{canonical, draft};
use lvyue::domain::money::Rate;
use lvyue::domain::vocabulary::PartyRef;

fn rate(s: &str) -> Rate {
    Rate::parse(s).expect("rate")
}

/// The penalties a text drafts to, in order.
fn penalties(text: &str) -> Vec<Penalty> {
    draft(text)
        .contract
        .clauses
        .into_iter()
        .filter_map(|c| match c.rule {
            Rule::Penalty(p) => Some(p),
            _ => None,
        })
        .collect()
}

fn only(text: &str) -> Penalty {
    let ps = penalties(text);
    assert_eq!(ps.len(), 1, "{text}: {ps:#?}");
    ps.into_iter().next().expect("one penalty")
}

fn per_day_rate(p: &Penalty) -> Option<(Rate, Base)> {
    match &p.formula {
        Formula::PerDay {
            rate: Some(r),
            base,
            ..
        } => Some((*r, base.clone())),
        _ => None,
    }
}

/// Drafting a rule's canonical sentence gives the rule back (the deadline's made-up id aside).
fn round_trip(p: &Penalty) {
    let rule = Rule::Penalty(p.clone());
    let zh = canonical::sentence(&rule, &Contract::default()).zh;
    let mut back = only(&zh);
    if let (Trigger::Deadline { deadline: a, .. }, Trigger::Deadline { deadline: b, .. }) =
        (&mut back.trigger, &p.trigger)
    {
        a.clone_from(b);
    }
    assert_eq!(&back, p, "{zh}");
}

#[test]
fn a_buyer_late_with_nothing_named_pays_late_and_a_consent_waives_it() {
    // 000 §4.4(1): the sentence names no payment; the buyer's delay is one of paying.
    let p = only("如乙方不同意延期，甲方应按每迟延一日向乙方支付合同金额万分之三违约金，但承担总额不超过合同金额的百分之十。如甲方逾期60日未向乙方支付合同约定价款，乙方有权利终止服务。");
    assert_eq!(p.payer, PartyRef::Buyer);
    assert!(matches!(p.trigger, Trigger::LatePayment { .. }));
    assert_eq!(per_day_rate(&p), Some((rate("0.03%"), Base::Total)));
    assert_eq!(p.cap.as_ref().and_then(|c| c.rate), Some(rate("10%")));
    assert!(p.waived_by_written_consent);
    assert_eq!(p.rights.len(), 1);
    assert_eq!(p.rights[0].right, RightKind::StopService);
    assert_eq!(p.rights[0].holder, Side::Seller);
    assert_eq!(p.rights[0].when, Threshold::DaysLateAtLeast { days: 60 });
    round_trip(&p);
    // Paraphrase: another buyer word, 未同意, no cap.
    let p = only("若供应商未同意延期，采购人每迟延一天应按合同总额的万分之五支付违约金。");
    assert_eq!(p.payer, PartyRef::Buyer);
    assert!(matches!(p.trigger, Trigger::LatePayment { .. }));
    assert_eq!(per_day_rate(&p), Some((rate("0.05%"), Base::Total)));
    assert!(p.waived_by_written_consent);
    // A seller late with a thing named keeps its deadline, and no waiver without a consent.
    let p = only("乙方逾期交货的，每逾期一日按合同总额的3‰支付违约金。");
    assert!(matches!(p.trigger, Trigger::Deadline { .. }));
    assert!(!p.waived_by_written_consent);
}

#[test]
fn at_least_and_more_than_a_number_of_days() {
    // 007 §8.1: 达到三天以上 counts the third day (以上 includes the number).
    let p = only("由于乙方原因，逾期竣工，每逾期一天，乙方向甲方支付日合同暂定总价款千分之三违约金，逾期时间达到三天以上，甲方可解除本合同，并有权不支付剩余工程款。");
    assert_eq!(p.rights[0].right, RightKind::Terminate);
    assert_eq!(p.rights[0].when, Threshold::DaysLateAtLeast { days: 3 });
    // Paraphrases: 超过 does not count the number, 以上 and 满 do.
    let over = only("乙方每逾期一日按合同总额的1‰支付违约金，逾期超过十五天的，甲方有权解除合同。");
    assert_eq!(over.rights[0].when, Threshold::DaysLateOver { days: 15 });
    let at = only("乙方每逾期一日按合同总额的1‰支付违约金，逾期10天以上的，甲方有权解除合同。");
    assert_eq!(at.rights[0].when, Threshold::DaysLateAtLeast { days: 10 });
    round_trip(&at);
    // No threshold stated: the right arises on the first day late.
    let first = only("乙方逾期交货的，每逾期一日按合同总额的1‰支付违约金，甲方有权解除合同。");
    assert_eq!(first.rights[0].when, Threshold::DaysLateAtLeast { days: 1 });
    round_trip(&first);
}

#[test]
fn the_party_that_by_names_pays_and_a_penalty_total_over_a_rate() {
    // 001 §6.5: 由乙方向甲方支付, a range of rates, a right when the total exceeds 5%.
    let p = only("厂商方未按本技术要求和响应文件中规定的其他服务承诺提供售后服务的，按损失情况，每次应按合同合计金额的0.1‰-0.1%由乙方向甲方支付违约金，损失累计金额超过合同款项的5%的，甲方同时有权终止合同并收回已付款项。");
    assert_eq!(p.payer, PartyRef::Seller);
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert_eq!(
        o.amount,
        OccurrenceAmount::RateRange {
            low: rate("0.01%"),
            high: rate("0.1%"),
            base: Base::Total
        }
    );
    assert_eq!(p.rights[0].holder, Side::Buyer);
    assert_eq!(
        p.rights[0].when,
        Threshold::PenaltyExceeds {
            rate: rate("5%"),
            base: Base::Total,
            measure: Default::default()
        }
    );
    round_trip(&p);
    // Paraphrase: the buyer pays by 由甲方向乙方; 超过 with the base first.
    let p = only("每次由甲方向乙方支付合同总额的1%作为违约金，违约金累计超过合同总额的10%的，乙方有权解除合同。");
    assert_eq!(p.payer, PartyRef::Buyer);
    assert_eq!(p.rights[0].holder, Side::Seller);
    assert!(
        matches!(p.rights[0].when, Threshold::PenaltyExceeds { rate: r, .. } if r == rate("10%"))
    );
}

#[test]
fn a_refund_of_every_payment_is_a_right() {
    // 001 §6.6.
    let p = only("否则视为乙方违约，乙方需要支付医院违约金50000元（伍万元），在此基础上医院有权要求乙方退回甲方已支付的所有款项。");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert_eq!(
        o.amount,
        OccurrenceAmount::Fixed {
            amount: "50000".parse().expect("amount")
        }
    );
    assert_eq!(p.rights.len(), 1);
    assert_eq!(p.rights[0].right, RightKind::Refund);
    assert_eq!(p.rights[0].holder, Side::Buyer);
    assert_eq!(
        p.rights[0].consequences,
        vec![Consequence::RefundAllPayments]
    );
    round_trip(&p);
    // Paraphrase: a termination with the refund is one right, the refund its consequence.
    let p = only("乙方每次按合同总额的5%支付违约金，甲方有权解除合同，并要求乙方返还已付款项。");
    assert_eq!(p.rights.len(), 1);
    assert_eq!(p.rights[0].right, RightKind::Terminate);
    assert_eq!(
        p.rights[0].consequences,
        vec![Consequence::RefundAllPayments]
    );
    round_trip(&p);
}

#[test]
fn per_person_per_time_with_slashes() {
    // 001 §6.7: 1000元/人/次.
    let p =
        only("必须得到医院书面同意，否则视为乙方违约，甲方有权按1000元/人/次从合同总款中扣除。");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert!(o.per_person);
    assert_eq!(
        o.amount,
        OccurrenceAmount::Fixed {
            amount: "1000".parse().expect("amount")
        }
    );
    round_trip(&p);
    let p = only("驻场人员擅自离岗的，乙方按500元/人/次支付违约金。");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert!(o.per_person);
    assert_eq!(
        o.amount,
        OccurrenceAmount::Fixed {
            amount: "500".parse().expect("amount")
        }
    );
}

#[test]
fn complaint_multipliers_complete_the_fine_before_them() {
    // 004 附件2 §5.4.4(2): the factors stand in the next sentence.
    let p = only("（2）乙方如不能按项目需求解决方案的时间要求完成需求的，则按每个需求罚款200元/次；如因为需求处置延迟导致用户被投诉到市委市政府部门的，按 2 倍金额处罚、投诉到卫生健康局领导处的按 1.5 倍金额处罚；");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    let got: Vec<(Option<&str>, String)> = o
        .multipliers
        .iter()
        .map(|m| (m.complaint.as_deref(), m.factor.normalize().to_string()))
        .collect();
    assert_eq!(
        got,
        vec![
            (Some("city_government"), "2".to_string()),
            (Some("health_bureau"), "1.5".to_string())
        ]
    );
    round_trip(&p);
    // Paraphrase: one sentence, another body word, the health body first.
    let p = only("乙方每次罚款300元，被投诉到卫健委的按3倍金额处罚。");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert_eq!(o.multipliers.len(), 1);
    assert_eq!(o.multipliers[0].complaint.as_deref(), Some("health_bureau"));
    assert_eq!(o.multipliers[0].factor, rust_decimal::Decimal::from(3));
}

#[test]
fn a_reprimand_from_the_nth_time() {
    // 004 附件2 §5.5.2(1): 三次以上 counts the third.
    let p = only("（1）驻场工程师工作日离开现场没有向信息科备案的：罚款200元/次，发生三次以上的，通报批评，并由人事部门经理面谈，直至劝退处理。");
    assert_eq!(p.rights.len(), 1);
    assert_eq!(p.rights[0].right, RightKind::Reprimand);
    assert_eq!(p.rights[0].when, Threshold::OccurrencesAtLeast { count: 3 });
    round_trip(&p);
    // Paraphrases: 或以上 counts the number, 超过 does not.
    let p = only("乙方人员未按时到岗的，每次罚款100元，累计5次或以上的，甲方予以通报批评。");
    assert_eq!(p.rights[0].when, Threshold::OccurrencesAtLeast { count: 5 });
    let p = only("乙方人员未按时到岗的，每次罚款100元，超过2次的，甲方予以通报批评。");
    assert_eq!(p.rights[0].when, Threshold::OccurrencesAtLeast { count: 3 });
}

#[test]
fn a_right_on_its_own_line_completes_the_late_payment_before_it() {
    // 006 §5.5 and §5.6: the right has its own number.
    let ps = penalties("5.5 甲方逾期付款的，每逾期一天按未付款项数额的千分之三向乙方支付违约金。\n5.6 甲方未按合同约定支付工程款的，乙方有权不予通电。");
    assert_eq!(ps.len(), 1);
    let p = &ps[0];
    assert!(matches!(p.trigger, Trigger::LatePayment { .. }));
    assert_eq!(per_day_rate(p), Some((rate("3‰"), Base::Overdue)));
    assert_eq!(p.rights.len(), 1);
    assert_eq!(p.rights[0].right, RightKind::StopService);
    assert_eq!(p.rights[0].holder, Side::Seller);
    assert_eq!(p.rights[0].when, Threshold::DaysLateAtLeast { days: 1 });
    // Paraphrase: 暂停供货; a right of the other party's breach does not attach.
    let ps = penalties("7.1 采购人逾期付款的，每逾期一日按逾期金额的万分之五支付违约金。\n7.2 采购人未按约定付款的，供应商有权暂停供货。");
    assert_eq!(ps[0].rights[0].right, RightKind::StopService);
    let ps = penalties("7.1 采购人逾期付款的，每逾期一日按逾期金额的万分之五支付违约金。\n7.2 供应商未按约定交货的，采购人有权解除合同。");
    assert!(ps[0].rights.is_empty(), "{ps:#?}");
}

#[test]
fn the_goods_concerned_is_the_base_of_a_breach() {
    // 000 §4.8: 违约货款额.
    let p = only("4.8其它违约行为按违约货款额5%收取违约金并赔偿经济损失。");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert_eq!(
        o.amount,
        OccurrenceAmount::Rate {
            rate: rate("5%"),
            base: Base::Occurrence
        }
    );
    let p = only("乙方有其他违约行为的，每次按违约部分货款的10%支付违约金。");
    let Formula::PerOccurrence(o) = &p.formula else {
        panic!("{p:?}")
    };
    assert_eq!(
        o.amount,
        OccurrenceAmount::Rate {
            rate: rate("10%"),
            base: Base::Occurrence
        }
    );
}

fn bands(p: &Penalty) -> Vec<(u32, Option<u32>, Rate)> {
    match &p.formula {
        Formula::PerDay {
            rate: None,
            schedule,
            ..
        } => schedule.iter().map(|b| (b.from, b.to, b.rate)).collect(),
        f => panic!("not stepped: {f:?}"),
    }
}

#[test]
fn stepped_daily_rates_by_days_late() {
    // 013 四.1: two bands in two sentences of one clause; the first nine days free, a month 30 days.
    let p = only("1.甲方若不能按时付款视为违约。拖延十天以上，甲方每日支付给乙方合同总额的1‰作为滞纳金，且工程进度按拖延时间向后顺延；拖延一个月以上，甲方每日支付给乙方合同总额的5‰作为滞纳金；");
    assert_eq!(p.payer, PartyRef::Buyer);
    assert!(matches!(p.trigger, Trigger::LatePayment { .. }));
    assert_eq!(
        bands(&p),
        vec![
            (1, Some(9), rate("0%")),
            (10, Some(29), rate("1‰")),
            (30, None, rate("5‰"))
        ]
    );
    round_trip(&p);
    // 013 四.2: 拖延一天 starts a band on day 1.
    let p = only("2.乙方若不能按合同约定的时间、内容和要求交货、完成系统，视为违约。拖延一天，乙方支付合同总额的1‰作为违约金；拖延十天以上，每天处以本合同总额5‰的违约金。");
    assert_eq!(p.payer, PartyRef::Seller);
    assert_eq!(
        bands(&p),
        vec![(1, Some(9), rate("1‰")), (10, None, rate("5‰"))]
    );
    assert!(p.rights.is_empty());
    // Paraphrase: one sentence, 逾期, 及以上.
    let p = only("乙方逾期交货5天以上的，每日按合同总额的0.1%支付违约金，逾期20天及以上的，每日按合同总额的0.3%支付违约金。");
    assert_eq!(
        bands(&p),
        vec![
            (1, Some(4), rate("0%")),
            (5, Some(19), rate("0.1%")),
            (20, None, rate("0.3%"))
        ]
    );
    // A heading or a dissolution by itself grants no right to the penalty before it.
    let ps = penalties("乙方每逾期一日按合同总额的1‰支付违约金。\n七、合同的变更与解除：\n1.如发生不可抗力事件，本合同自动解除；");
    assert!(ps[0].rights.is_empty(), "{ps:#?}");
}

// ---- Party roles read once from the text -------------------------------------------------

/// 010 (a software template): 甲方 is the developer; 乙方 pays the price, so 乙方 is the buyer
/// and its late payment is the buyer's, on the overdue amount.
#[test]
fn roles_inferred_from_the_side_that_pays_the_price() {
    let text = "3.1 合同价款为人民币400000元。\n预付款：合同签订后的5个工作日内，乙方应向甲方支付合同价款的30%作为预付款。\n\
3.3 乙方应按照以上支付方式及时支付合同价款，逾期支付应支付滞纳金，滞纳金的金额为逾期天数乘以应付金额的0.1%。";
    let d = draft(text);
    let p = penalties(text).pop().expect("a penalty");
    assert_eq!(p.payer, PartyRef::Buyer, "{p:#?}");
    assert!(matches!(p.trigger, Trigger::LatePayment { .. }), "{p:#?}");
    assert_eq!(
        per_day_rate(&p),
        Some((rate("0.1%"), Base::Overdue)),
        "{p:#?}"
    );
    let roles = d
        .found
        .iter()
        .find(|f| f.sentence.zh.contains("乙方为买方"))
        .expect("the roles are said");
    assert_eq!(roles.confidence, lvyue::domain::draft::Confidence::Low);
}

/// A role word beside the letter states the roles: 乙方（采购人） makes 乙方 the buyer, so
/// 甲方's late delivery is the seller's.
#[test]
fn roles_stated_beside_the_letter() {
    for head in [
        "甲方（供应商）：某科技有限公司\n乙方（采购人）：某医院\n",
        "供应商（甲方）：某科技有限公司\n采购人（乙方）：某医院\n",
        "委托方：某医院（以下简称“乙方”）\n受托方：某公司（以下简称“甲方”）\n",
    ] {
        let text = format!("{head}甲方每逾期交货一日，应按合同总额的3‰向乙方支付违约金。");
        let p = only(&text);
        assert_eq!(p.payer, PartyRef::Seller, "{head}");
        let d = draft(&text);
        assert!(
            d.contract.parties.buyer.name.starts_with("某医院"),
            "{head}"
        );
    }
    // No role stated: 甲方 taken as the buyer, and the parties read say so.
    let d = draft("甲方：某医院\n乙方：某公司\n乙方每逾期一日，按合同总额的3‰向甲方支付违约金。");
    let parties: Vec<_> = d
        .found
        .iter()
        .filter(|f| f.kind == lvyue::domain::draft::FoundKind::Parties)
        .collect();
    assert_eq!(parties.len(), 2);
    assert!(parties
        .iter()
        .all(|f| f.notes.iter().any(|n| n.zh.contains("按甲方为买方"))));
    // The usual roles stated: nothing changes, nothing assumed.
    let text = "甲方（采购人）：某医院\n乙方（供应商）：某公司\n乙方每逾期一日，按合同总额的3‰向甲方支付违约金。";
    assert_eq!(only(text).payer, PartyRef::Seller);
    assert!(!draft(text)
        .found
        .iter()
        .any(|f| f.sentence.zh.contains("乙方为买方")));
}

/// 为 naming a role (甲方为采购人。) swaps or keeps; 为 meaning "for" (乙方为采购人提供服务) says
/// nothing.
#[test]
fn wei_names_a_role_only_at_a_phrase_end() {
    let swapped = "甲方为供应商，乙方为采购人。\n甲方每逾期一日，按合同总额的3‰向乙方支付违约金。";
    assert_eq!(only(swapped).payer, PartyRef::Seller);
    let service = "乙方为采购人提供运维服务。\n乙方每逾期一日，按合同总额的3‰向甲方支付违约金。";
    assert_eq!(only(service).payer, PartyRef::Seller);
}

/// A stated role outweighs who pays: 乙方 stated the seller, a bond it pays is no price.
#[test]
fn a_bond_the_seller_pays_does_not_swap_the_roles() {
    let text = "乙方应向甲方支付合同价款的5%作为履约保证金。\n乙方每逾期一日，按合同总额的3‰向甲方支付违约金。";
    assert_eq!(only(text).payer, PartyRef::Seller);
    let text = "解除合同的，乙方应向甲方返还已支付的预付款并支付利息。\n乙方每逾期一日，按合同总额的3‰向甲方支付违约金。";
    assert_eq!(only(text).payer, PartyRef::Seller);
}

// ---- One rate binding whichever side is late (违约方) ------------------------------------

fn mutual_halves(text: &str) -> (Penalty, Penalty) {
    let ps = penalties(text);
    assert_eq!(ps.len(), 2, "{text}: {ps:#?}");
    let buyer = ps
        .iter()
        .find(|p| p.payer == PartyRef::Buyer)
        .expect("buyer half");
    let seller = ps
        .iter()
        .find(|p| p.payer == PartyRef::Seller)
        .expect("seller half");
    (buyer.clone(), seller.clone())
}

/// 011: 如乙方延期交货或甲方延期付款，每逾期一天，违约方应按…每天2‰…累计不超过合同总金额的5%.
#[test]
fn mutual_delay_drafts_each_side() {
    let text = "延期交货、延期付款的违约责任. 如乙方延期交货或甲方延期付款，每逾期一天，违约方应按延期交货所折合的金额或延期付款金额每天2‰的比例向对方支付违约金，但该违约金累计不超过合同总金额的5%；上述逾期超过20天且成套集成的货物已交货套数未达合同约定套数90%的，守约方有权解除合同。";
    let (buyer, seller) = mutual_halves(text);
    assert!(matches!(buyer.trigger, Trigger::LatePayment { .. }));
    assert_eq!(per_day_rate(&buyer), Some((rate("2‰"), Base::Overdue)));
    let cap = buyer.cap.clone().expect("cap");
    assert_eq!((cap.rate, cap.base), (Some(rate("5%")), Some(Base::Total)));
    assert!(buyer.rights.is_empty());
    assert!(matches!(seller.trigger, Trigger::Deadline { .. }));
    assert_eq!(per_day_rate(&seller), Some((rate("2‰"), Base::Occurrence)));
    let d = draft(text);
    let conf: Vec<_> = d
        .found
        .iter()
        .filter(|f| f.clause.is_some())
        .map(|f| f.confidence)
        .collect();
    use lvyue::domain::draft::Confidence;
    assert_eq!(conf, vec![Confidence::Low, Confidence::Medium]);
    round_trip(&buyer);
}

/// A paraphrase: other delay words, the buyer first, 违约一方, 逾期付款金额.
#[test]
fn mutual_delay_paraphrase() {
    let text = "若甲方逾期付款或乙方逾期交货的，每逾期一日，违约一方应按逾期付款金额或逾期交货部分的千分之一向守约方支付违约金，违约金总额不超过合同总额的10%。";
    let (buyer, seller) = mutual_halves(text);
    assert_eq!(per_day_rate(&buyer), Some((rate("1‰"), Base::Overdue)));
    assert_eq!(buyer.cap.and_then(|c| c.rate), Some(rate("10%")));
    assert_eq!(seller.payer, PartyRef::Seller);
    // One side late only: the usual reading.
    let one = "如乙方延期交货，每逾期一天，违约方应按合同总额的2‰向甲方支付违约金。";
    assert_eq!(penalties(one).len(), 1);
}

/// 逾期天数乘以…的R: a rate per day late (010 3.3), and a paraphrase with ×.
#[test]
fn days_late_times_a_rate() {
    let p = only("甲方逾期付款的，应支付滞纳金，滞纳金金额为逾期天数乘以应付金额的0.1%。");
    assert_eq!(p.payer, PartyRef::Buyer);
    assert_eq!(per_day_rate(&p), Some((rate("0.1%"), Base::Overdue)));
    let p = only("乙方迟延交付的，违约金按迟延天数×合同总额的千分之二计算。");
    assert_eq!(p.payer, PartyRef::Seller);
    assert_eq!(per_day_rate(&p), Some((rate("2‰"), Base::Total)));
    round_trip(&p);
}

/// 005 六(二)2: 甲方仍需求的，乙方应立即发货并按…每天万分之四…: one remedy of the buyer's choice,
/// the choice not drafted: low, never presented as understood. A paraphrase too.
#[test]
fn a_remedy_of_a_choice_is_low() {
    use lvyue::domain::draft::Confidence;
    for text in [
        "2、乙方逾期交货的，应在发货前与甲方和政府采购管理部门协商，甲方仍需求的，乙方应立即发货并应按照逾期交货部分货款的每天万分之四支付逾期交货违约金，同时承担甲方因此遭致的损失费用。",
        "乙方迟延交付的，如甲方仍需要该货物，乙方应继续交付，并每迟延一日按合同总额的千分之一支付违约金。",
    ] {
        let d = draft(text);
        let f = d.found.iter().find(|f| f.clause.is_some()).expect("a penalty");
        assert_eq!(f.confidence, Confidence::Low, "{text}");
    }
}

#[test]
fn a_day_of_shortage_is_no_day_late_and_a_report_missed_is_the_duty_missed() {
    // Not a per-day lateness penalty: each person-day absent is one occurrence, said so.
    let d = draft("6. 乙方派驻的驻场工程师不得少于2人，每缺1人每天扣罚300元。");
    let ps: Vec<&Penalty> = d
        .contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Penalty(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(ps.len(), 1, "{:#?}", d.contract.clauses);
    assert!(
        matches!(&ps[0].formula, Formula::PerOccurrence(o)
            if matches!(o.amount, OccurrenceAmount::Fixed { .. })),
        "{:?}",
        ps[0].formula
    );
    assert!(!matches!(ps[0].trigger, Trigger::Deadline { .. }));
    let f = d.found.iter().find(|f| f.clause.is_some()).expect("found");
    assert_eq!(f.confidence, lvyue::domain::draft::Confidence::Medium);
    // 每少提交一次: the monthly report the same sentence requires, missed.
    let d = draft("3. 乙方每月应提交运维月报，每少提交一次扣除服务费1000元。");
    let missed = d.contract.clauses.iter().any(|c| {
        matches!(&c.rule, Rule::Penalty(p) if matches!(p.trigger, Trigger::ObligationMissed { .. }))
    });
    assert!(missed, "{:#?}", d.contract.clauses);
    // 未能按期: lateness in other words.
    let p = only("乙方未能按期完成系统上线的，每日按合同总金额的千分之二支付违约金。");
    assert_eq!(per_day_rate(&p), Some((rate("2‰"), Base::Total)));
}

#[test]
fn the_side_entitled_to_deduct_is_paid() {
    for text in [
        "5. 每次故障未在规定时间内修复的，甲方有权按每次2000元扣减服务费。",
        "5. 乙方巡检不到位的，甲方有权每次扣除服务费500元。",
    ] {
        let p = only(text);
        assert_eq!(p.payer, PartyRef::Seller, "{text}");
    }
}

#[test]
fn a_cap_of_the_part_late_is_of_the_part_late() {
    let p = only(
        "1. 卖方不能按期交货的，每延期一周，应按延期交货部分货款的0.5%向买方支付违约金，但违约金总额不超过延期交货部分货款的5%。",
    );
    let cap = p.cap.expect("a cap");
    assert_eq!(
        (cap.rate, cap.base),
        (Some(rate("5%")), Some(Base::Occurrence))
    );
    assert!(
        matches!(
            p.formula,
            Formula::PerPeriod {
                base: Base::Occurrence,
                ..
            }
        ),
        "{:?}",
        p.formula
    );
}

#[test]
fn a_level_a_measure_must_keep_is_no_amount() {
    let d = draft("2. 系统年可用率不低于99.9%，每降低0.1%，扣除年度服务费的1%。");
    assert!(penalties_of(&d).is_empty(), "{:#?}", d.contract.clauses);
    assert!(!d.not_understood.is_empty());
}

fn penalties_of(d: &lvyue::domain::draft::Draft) -> Vec<&Penalty> {
    d.contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Penalty(p) => Some(p),
            _ => None,
        })
        .collect()
}

#[test]
fn a_lump_sum_after_a_delay_is_listed_and_per_day_late_with_what_is_late_between() {
    // 逾期交付超过30日的，…按合同总价的30%支付违约金: not a fine each time.
    let d = draft("7. 逾期交付超过30日的，视为乙方根本违约，乙方应按合同总价的30%支付违约金。");
    assert!(penalties_of(&d).is_empty(), "{:#?}", d.contract.clauses);
    assert!(!d.not_understood.is_empty());
    // 每逾期交货一日: per day late, what is late between.
    let p = only("乙方每逾期交货一日，应按合同总额的3‰向甲方支付违约金。");
    assert_eq!(per_day_rate(&p), Some((rate("3‰"), Base::Total)));
}
