//! Tests: draft — payment milestones, retention and the term: real sentences of the seeds and of
//! the outside examples (examples/texts), a paraphrase of each new phrase, and the canonical
//! round trip of the shapes these phrases emit.

use lvyue::domain::contract::{Base, Milestone, MilestoneAmount, Rule, Span, SpanUnit, When};
use lvyue::domain::draft::{canonical, draft, Confidence, Draft};
use lvyue::domain::money::Rate;

fn rate(s: &str) -> Rate {
    Rate::parse(s).expect("rate")
}

fn sp(n: u32, unit: SpanUnit) -> Span {
    Span { n, unit }
}

fn milestones(d: &Draft) -> Vec<Milestone> {
    d.contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Payment(m) => Some(m.clone()),
            _ => None,
        })
        .collect()
}

/// A gate's event, span after it and extension per incident.
fn gate(w: &When) -> (Option<&str>, Option<Span>, Option<Span>) {
    (
        w.event.as_deref(),
        w.after,
        w.extend_per_incident.as_ref().map(|x| x.by),
    )
}

fn is_rate(m: &Milestone, r: &str, base: Base) -> bool {
    m.amount
        == MilestoneAmount::Rate {
            rate: rate(r),
            base,
        }
}

#[test]
fn retention_after_a_warranty_of_stated_length_extended_per_major_fault() {
    // 002 §2, the fourth stage: the warranty starts at final acceptance (终验后进入维保期) and
    // runs 20 months, +1 month for every major fault; payment 15 days after the invoice.
    let d = draft("第四阶段：乙方通过甲方终验后进入维保期，维保期满20个月后（期间若每发生一次影响系统线上正常使用的重大故障，维保期顺延1个月），维保期结束后，甲方将在收到以下单据并确认无误后15日内，向乙方支付合同审价金额5%的质保金：");
    let m = milestones(&d);
    assert_eq!(m.len(), 1, "{:?}", d.contract.clauses);
    assert!(m[0].retention);
    assert!(
        is_rate(&m[0], "5%", Base::AuditedPrice),
        "{:?}",
        m[0].amount
    );
    assert_eq!(
        gate(&m[0].due),
        (Some("invoice"), Some(sp(15, SpanUnit::Days)), None)
    );
    let gates: Vec<_> = m[0].due.not_before.iter().map(gate).collect();
    assert_eq!(
        gates,
        [(
            Some("acceptance"),
            Some(sp(20, SpanUnit::Months)),
            Some(sp(1, SpanUnit::Months))
        )]
    );
    assert!(m[0].due.not_before[0]
        .extend_per_incident
        .as_ref()
        .is_some_and(|x| x.levels.is_empty()));
    // Every part was read; the one finding is that 5% alone is not 100%.
    assert_eq!(d.found[0].confidence, Confidence::Medium);
    assert!(d.found[0].notes.iter().all(|n| n.zh.contains("合计为5%")));

    // A paraphrase: 质保期, 延长, another span and base.
    let d = draft("项目验收合格后进入质保期，质保期满12个月后（期间每发生一次重大故障，质保期延长2个月），甲方在收到发票后30日内支付合同总价5%的质保金。");
    let m = milestones(&d);
    assert_eq!(m.len(), 1, "{:?}", d.contract.clauses);
    assert!(is_rate(&m[0], "5%", Base::Total));
    assert_eq!(
        gate(&m[0].due),
        (Some("invoice"), Some(sp(30, SpanUnit::Days)), None)
    );
    let gates: Vec<_> = m[0].due.not_before.iter().map(gate).collect();
    assert_eq!(
        gates,
        [(
            Some("acceptance"),
            Some(sp(12, SpanUnit::Months)),
            Some(sp(2, SpanUnit::Months))
        )]
    );
}

#[test]
fn an_extension_per_fault_of_another_level_is_not_read() {
    // Only major faults are read (the levels the contract marks major): a general fault that
    // lengthens the warranty is a sentence for the user.
    let d = draft("验收合格后进入质保期，质保期满12个月后（每发生一次一般故障，质保期顺延1个月），甲方在收到发票后30日内支付合同总价5%的质保金。");
    assert!(milestones(&d).is_empty(), "{:?}", d.contract.clauses);
    assert_eq!(d.not_understood.len(), 1);
    // A per-period word outside an extension still leaves a payment sentence unread.
    let d = draft("甲方每月支付合同总价的5%。");
    assert!(milestones(&d).is_empty());
}

#[test]
fn a_bond_returned_in_parts_after_years_of_warranty() {
    // 008: 10% bond, 5% back after one year of warranty and 5% after two; the warranty's start
    // is not in the sentence (acceptance is assumed, a low-confidence note).
    let d = draft("10%履约保证金作为维护预留，如无质量与售后服务等方面问题，以免费质保期为限分期退还（例如，免费质保期为2年，则质保期满1年后退还5%履约保证金，质保期满2年后再退还5%履约保证金）。");
    let m = milestones(&d);
    assert_eq!(m.len(), 2, "{:?}", d.contract.clauses);
    for (m, years) in m.iter().zip([1, 2]) {
        assert!(m.retention);
        assert!(is_rate(m, "5%", Base::Total));
        assert_eq!(
            gate(&m.due),
            (Some("acceptance"), Some(sp(years, SpanUnit::Years)), None)
        );
    }
    for f in &d.found {
        assert_eq!(f.confidence, Confidence::Low);
        assert!(f.notes.iter().any(|n| n.zh.contains("质保期的起算")));
        assert!(!f.notes.iter().any(|n| n.zh.contains("各期退还合计")));
    }

    // A paraphrase: 保修期, a stated base, refunds that add up to the retention.
    let d =
        draft("6%质保金分两次退还：保修期满1年后退还合同金额的3%，保修期满2年后退还合同金额的3%。");
    let m = milestones(&d);
    assert_eq!(m.len(), 2, "{:?}", d.contract.clauses);
    assert!(is_rate(&m[1], "3%", Base::Total));
    assert_eq!(
        gate(&m[1].due),
        (Some("acceptance"), Some(sp(2, SpanUnit::Years)), None)
    );
    assert!(!d
        .found
        .iter()
        .any(|f| f.notes.iter().any(|n| n.zh.contains("各期退还合计"))));

    // Refunds that do not add up to the retention are a finding, never silence.
    let d = draft("10%质保金分期退还：质保期满1年后退还合同金额的5%。");
    assert_eq!(milestones(&d).len(), 1);
    assert!(d.found[0]
        .notes
        .iter()
        .any(|n| n.zh.contains("各期退还合计")));
    assert_eq!(d.found[0].confidence, Confidence::Low);
}

#[test]
fn a_cap_on_money_still_leaves_the_sentence_unread() {
    // 008: 分阶段累计付款不超过合同金额的50% caps money (the weights are not read).
    let d = draft("至项目所有功能模块全部开发上线完成，分阶段累计付款不超过合同金额的50%；");
    assert!(milestones(&d).is_empty());
    // 以…为限 of a period is no cap on money.
    let d = draft("以质保期为限，质保期满1年后退还合同金额的5%质保金。");
    assert_eq!(milestones(&d).len(), 1, "{:?}", d.contract.clauses);
}

#[test]
fn the_new_payment_shapes_draft_back_from_their_canonical_sentences() {
    let d = draft("第四阶段：乙方通过甲方终验后进入维保期，维保期满20个月后（期间若每发生一次影响系统线上正常使用的重大故障，维保期顺延1个月），维保期结束后，甲方将在收到以下单据并确认无误后15日内，向乙方支付合同审价金额5%的质保金：");
    let d2 = draft("10%履约保证金作为维护预留，质保期满1年后退还5%履约保证金，质保期满2年后再退还5%履约保证金。");
    for (m, c) in milestones(&d)
        .into_iter()
        .chain(milestones(&d2))
        .map(|m| (m, &d.contract))
    {
        let zh = canonical::sentence(&Rule::Payment(m.clone()), c).zh;
        let back = milestones(&draft(&zh));
        assert_eq!(back.len(), 1, "{zh}");
        assert_eq!(back[0].amount, m.amount, "{zh}");
        assert_eq!(back[0].due, m.due, "{zh}");
        assert_eq!(back[0].retention, m.retention, "{zh}");
    }
}

fn term(text: &str) -> Option<lvyue::domain::contract::Term> {
    draft(text)
        .contract
        .clauses
        .into_iter()
        .find_map(|c| match c.rule {
            Rule::Term(t) => Some(t),
            _ => None,
        })
}

#[test]
fn a_free_warranty_or_maintenance_service_from_an_event_is_the_term() {
    // 000 §3.1 and 002 §5.1: no term word, a service of warranty or maintenance from an event.
    let t = term("3.1 自本合同验收之日起，提供两年的免费质保服务，质保期含软件维护和系统软件升级、技术支持服务、系统管理及操作培训。").expect("a term");
    assert_eq!(t.start.event.as_deref(), Some("acceptance"));
    assert_eq!(t.length, sp(2, SpanUnit::Years));
    let t = term("乙方将对本合同约定的软件系统提供自本项目验收之日起20个月的免费维护服务（包括技术支持服务和系统升级服务）。").expect("a term");
    assert_eq!(t.start.event.as_deref(), Some("acceptance"));
    assert_eq!(t.length, sp(20, SpanUnit::Months));
    // Paraphrases: 保修, a date as the start.
    let t = term("自货物交付之日起，卖方提供十八个月的保修服务。").expect("a term");
    assert_eq!(t.start.event.as_deref(), Some("delivery"));
    assert_eq!(t.length, sp(18, SpanUnit::Months));
    let t = term("自2024年3月1日起提供一年的免费运维服务。").expect("a term");
    assert_eq!(t.start.date, chrono::NaiveDate::from_ymd_opt(2024, 3, 1));
    assert_eq!(t.length, sp(1, SpanUnit::Years));
    // A service with no start named is not a term; nor is a length of something else.
    assert!(term("乙方提供两年的免费质保服务。").is_none());
    assert!(term("自验收之日起，乙方应在两年内完成培训。").is_none());
}

#[test]
fn a_term_that_runs_on_until_an_acceptance_passes() {
    // 001 §3: three years from signing, running on while the yearly acceptance fails.
    let d = draft("自本项目合同签订之日起，提供三年的免费维保服务（维保每满一年乙方需提供巡检报告及运维记录后甲方进行运维验收，若验收不合格，则维保时间延续至验收合格开始计算）。");
    let t = term(&d.text).expect("a term");
    assert_eq!(t.start.event.as_deref(), Some("signing"));
    assert_eq!(t.length, sp(3, SpanUnit::Years));
    assert_eq!(t.extended_until.as_deref(), Some("acceptance"));
    assert!(d.contract.events.iter().any(|e| e.id == "acceptance"));
    let f = &d.found[0];
    assert_eq!(f.confidence, Confidence::Medium);
    assert!(f.notes.iter().any(|n| n.zh.contains("延续至验收合格")));
    // A paraphrase with the term word.
    let t = term("服务期限：自合同签订之日起一年，验收未通过的，服务期顺延至验收通过。")
        .expect("a term");
    assert_eq!(t.extended_until.as_deref(), Some("acceptance"));
    // The canonical sentence drafts back to it.
    let c = d.contract.clone();
    let zh = canonical::sentence(&Rule::Term(t.clone()), &c).zh;
    assert_eq!(term(&zh).as_ref(), Some(&t), "{zh}");
}

#[test]
fn a_term_named_without_its_length_is_listed() {
    // 003 (1): the period is "as agreed": nothing to compute, but the user must state it.
    let d = draft("按照约定的服务周期，交付本项目招标文件中的服务内容。");
    assert!(d.contract.clauses.is_empty());
    assert_eq!(d.not_understood.len(), 1);
}

#[test]
fn instalments_without_a_rate_the_amount_used_a_stated_amount_or_the_whole() {
    // 000 §7.1: the yearly fees at acceptance in one payment (the amount not stated: the total
    // is assumed, a low-confidence note), then the usage of each year, recorded.
    let d = draft("7.1 项目双方签订合同，合同模块实施完毕并上线稳定运行一个月后，启动项目验收，验收合格后，用户一次性支付第一款项：实时音视频TRTC、域名管理、SSL证书模块年费；验收之日起1年后，用户根据该年实际使用量支付第二款项：语音消息及实名信息核验当年度费用；验收之日起2年后，用户根据该年实际使用量支付第三款项：语音消息及实名信息核验当年度费用。");
    let m = milestones(&d);
    assert_eq!(m.len(), 3, "{:?}", d.contract.clauses);
    assert!(is_rate(&m[0], "100%", Base::Total));
    // The go-live a month before is implied by the acceptance: no gate.
    assert_eq!(gate(&m[0].due), (Some("acceptance"), None, None));
    assert!(m[0].due.not_before.is_empty(), "{:?}", m[0].due);
    assert_eq!(d.found[0].confidence, Confidence::Low);
    for (m, years) in m[1..].iter().zip([1, 2]) {
        assert_eq!(m.amount, MilestoneAmount::Recorded);
        assert_eq!(
            gate(&m.due),
            (Some("acceptance"), Some(sp(years, SpanUnit::Years)), None)
        );
    }
    // Paraphrases: a stated amount; 按实结算.
    let m = milestones(&draft("验收合格后10日内，甲方支付人民币50,000元。"));
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].amount,
        MilestoneAmount::Fixed {
            amount: "50000".parse().expect("amount")
        }
    );
    assert_eq!(
        gate(&m[0].due),
        (Some("acceptance"), Some(sp(10, SpanUnit::Days)), None)
    );
    let m = milestones(&draft("服务期满后30日内，甲方按实结算支付服务费。"));
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].amount, MilestoneAmount::Recorded);
    assert_eq!(m[0].due.event.as_deref(), Some("term_end"));
    // No amount, no usage, no lump sum: not read (001 §10, a yearly fee the text does not
    // state), and listed.
    let d = draft("双方签订合同后，甲方支付第一年维保费，第二年开始凭前一年的验收合格报告支付当年维保费，直至付清。");
    assert!(milestones(&d).is_empty());
    assert_eq!(d.not_understood.len(), 1);
}

#[test]
fn unrated_instalments_draft_back_from_their_canonical_sentences() {
    let d = draft("验收之日起1年后，用户根据该年实际使用量支付第二款项；验收合格后10日内，甲方支付人民币50,000元；验收合格后，用户一次性支付第一款项。");
    let ms = milestones(&d);
    assert_eq!(ms.len(), 3, "{:?}", d.contract.clauses);
    for m in ms {
        let zh = canonical::sentence(&Rule::Payment(m.clone()), &d.contract).zh;
        let back = milestones(&draft(&zh));
        assert_eq!(back.len(), 1, "{zh}");
        assert_eq!((&back[0].amount, &back[0].due), (&m.amount, &m.due), "{zh}");
    }
}

#[test]
fn an_invoice_received_with_words_between_is_the_moment_and_acceptance_the_gate() {
    for text in [
        "2. 项目验收合格后，甲方收到乙方开具的合法有效发票后15个工作日内支付合同总价的65%；",
        "2. 项目验收合格后，乙方提交增值税专用发票原件后15个工作日内，甲方支付合同总价的65%；",
    ] {
        let ms = milestones(&draft(text));
        assert_eq!(ms.len(), 1, "{text}: {ms:#?}");
        let m = &ms[0];
        assert!(is_rate(m, "65%", Base::Total), "{m:?}");
        assert_eq!(
            gate(&m.due),
            (Some("invoice"), Some(sp(15, SpanUnit::WorkingDays)), None),
            "{text}"
        );
        assert_eq!(m.due.not_before.len(), 1, "{m:?}");
        assert_eq!(m.due.not_before[0].event.as_deref(), Some("acceptance"));
    }
    // An invoice named as a document to hand over, not a moment, times nothing.
    let ms = milestones(&draft(
        "1. 合同签订后7个工作日内，甲方支付合同总价的30%，乙方须同时提供发票。",
    ));
    assert_eq!(ms[0].due.event.as_deref(), Some("signing"), "{ms:?}");
}

#[test]
fn the_rest_as_retention_refunded_whole_after_the_warranty() {
    let ms = milestones(&draft(
        "4. 付款方式：货物到达并经买方验收合格后，买方在收到卖方提交的发票后30日内支付合同总价的95%，剩余5%作为质量保证金，在质保期满后15日内无息返还。",
    ));
    assert_eq!(ms.len(), 2, "{ms:#?}");
    assert!(
        is_rate(&ms[0], "95%", Base::Total) && !ms[0].retention,
        "{:?}",
        ms[0]
    );
    assert!(
        is_rate(&ms[1], "5%", Base::Total) && ms[1].retention,
        "{:?}",
        ms[1]
    );
    assert_eq!(
        gate(&ms[1].due),
        (Some("warranty_end"), Some(sp(15, SpanUnit::Days)), None)
    );
}
