//! Tests: the SLA-timer and duty phrases, with sentences of the seeds and paraphrases of them.
//! Each test states the figures of the rule by hand (the limits, the schedule), not from the
//! drafter's own output.

use lvyue::domain::contract::{
    Limit, Moment, MomentRef, Period, Rule, Schedule, Sla, Span, SpanUnit,
};
use lvyue::domain::draft::{canonical, draft, Confidence, Draft};
use lvyue::domain::vocabulary::PartyRef;

fn sp(n: u32, unit: SpanUnit) -> Span {
    Span { n, unit }
}

fn slas(d: &Draft) -> Vec<&Sla> {
    d.contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Sla(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// The limits of a draft's timers, as (stop moment, span, levels, in working hours).
fn limits(d: &Draft) -> Vec<(Moment, Span, Vec<String>, Option<bool>)> {
    slas(d)
        .into_iter()
        .flat_map(|s| s.timers.iter())
        .flat_map(|t| {
            let to = match &t.to {
                MomentRef::Builtin(m) => *m,
                MomentRef::Declared(_) => Moment::Reported,
            };
            t.limits
                .iter()
                .map(move |l: &Limit| (to, l.within, l.levels.clone(), l.in_working_hours))
        })
        .collect()
}

fn schedules(d: &Draft) -> Vec<(PartyRef, Schedule)> {
    d.contract
        .clauses
        .iter()
        .filter_map(|c| match &c.rule {
            Rule::Obligation(o) => Some((o.party, o.schedule.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn limits_in_brackets_belong_to_the_verb_before_them_for_the_class_named_first() {
    // 004 附件2 3.2 3. 1).
    let d = draft("1) 日常系统操作问题：由甲方及下属医疗机构信息管理员或专有工作人员在相关的 QQ、微信工作群提出，维护人员及时相应（工作时间内不大于 15 分钟，非工作时间内不大于 30 分钟）及时处理（一般性操作问题不大于 30 分钟、耗时较大的应和管理员沟通、明确处理时限并按时完成）；");
    let class = vec!["日常系统操作问题".to_string()];
    assert_eq!(
        limits(&d),
        vec![
            (
                Moment::Responded,
                sp(15, SpanUnit::Minutes),
                class.clone(),
                Some(true)
            ),
            (
                Moment::Responded,
                sp(30, SpanUnit::Minutes),
                class.clone(),
                Some(false)
            ),
            (
                Moment::Resolved,
                sp(30, SpanUnit::Minutes),
                class.clone(),
                None
            ),
        ]
    );
    assert!(d.contract.levels.iter().any(|l| l.id == class[0]));
    // A paraphrase: another class, other words, other figures.
    let d = draft("（2）一般咨询问题：客服人员及时响应（工作时间内不超过10分钟，非工作时间内不超过20分钟），及时处理（不超过2小时）。");
    let class = vec!["一般咨询问题".to_string()];
    assert_eq!(
        limits(&d),
        vec![
            (
                Moment::Responded,
                sp(10, SpanUnit::Minutes),
                class.clone(),
                Some(true)
            ),
            (
                Moment::Responded,
                sp(20, SpanUnit::Minutes),
                class.clone(),
                Some(false)
            ),
            (Moment::Resolved, sp(2, SpanUnit::Hours), class, None),
        ]
    );
    // A level word before the colon is a level, not a class.
    let d = draft("一级故障：30分钟内响应。");
    assert_eq!(
        limits(&d),
        vec![(
            Moment::Responded,
            sp(30, SpanUnit::Minutes),
            vec!["L1".to_string()],
            None
        )]
    );
}

#[test]
fn a_verb_that_qualifies_a_noun_starts_no_timer() {
    // 002 §5 7) 4): the engineer who can handle the fault must be on site; no fix time.
    let d =
        draft("4）提供故障现场响应服务时间小于2小时，即2小时内有能够处理故障的技术人员到达现场；");
    let l = limits(&d);
    assert!(!l.is_empty());
    assert!(
        l.iter()
            .all(|(m, s, _, _)| *m == Moment::OnSite && *s == sp(2, SpanUnit::Hours)),
        "{l:?}"
    );
    let d = draft("乙方应保证4小时内有可以排除故障的工程师到场。");
    let l = limits(&d);
    assert_eq!(
        l,
        vec![(Moment::OnSite, sp(4, SpanUnit::Hours), vec![], None)]
    );
}

#[test]
fn limits_without_a_level_where_faults_are_graded_are_checked() {
    // 002: the body gives one on-site time, the annex grades faults.
    let text = "5.7 乙方2小时内到达现场。\n附件3\n3.1 I级故障30分钟内响应，III级故障1小时内解决。";
    let d = draft(text);
    let body = d
        .found
        .iter()
        .find(|f| f.clause.as_deref() == Some("5.7"))
        .expect("5.7");
    assert_eq!(body.confidence, Confidence::Low);
    assert!(body.notes.iter().any(|n| n.zh.contains("级别")));
    // Without the graded annex the same limit is read with high confidence.
    let d = draft("5.7 乙方2小时内到达现场。");
    assert_eq!(d.found[0].confidence, Confidence::High);
    // A clause with a limit not read beside the ones read (a table cell): low, with a note.
    let d = draft("3.1 I级故障30分钟内响应。\n若驻场，工作日时间不超过10分钟。");
    let f = d
        .found
        .iter()
        .find(|f| f.clause.as_deref() == Some("3.1"))
        .expect("3.1");
    assert_eq!(f.confidence, Confidence::Low);
    assert!(!d.not_understood.is_empty());
}

#[test]
fn a_report_after_each_inspection() {
    // 002 附件3 1.1.
    let d = draft("1.1 服务期内，乙方每季度提供一次巡检或健康检查，并在每季度前五个工作日之前完成上季度巡检或健康检查。巡检或健康检查结束后一周内需出具巡检记录、巡检报告和年度健康检查报告，在报告中写明所完成工作内容和时间日期。");
    let s = schedules(&d);
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(
        s[1].1,
        Schedule::After {
            obligation: "1.1".into(),
            span: sp(1, SpanUnit::Weeks)
        }
    );
    assert_eq!(s[1].0, PartyRef::Seller);
    // A paraphrase: monthly, three days, another check word.
    let d = draft("乙方每月进行一次巡查。巡查完成后3日内向甲方提交巡查报告。");
    let s = schedules(&d);
    let first = d.contract.clauses[0].id.clone();
    assert_eq!(
        s[1].1,
        Schedule::After {
            obligation: first,
            span: sp(3, SpanUnit::Days)
        }
    );
    // A span after the fix of a fault is a timer's matter, not a duty after a duty.
    let d = draft("故障解决后24小时内，乙方提交故障处理报告。");
    assert!(schedules(&d).is_empty());
}

#[test]
fn the_after_duty_canonical_sentence_drafts_back() {
    let d = draft("乙方每月进行一次巡查。巡查完成后3日内向甲方提交巡查报告。");
    let rule = d.contract.clauses[1].rule.clone();
    let zh = canonical::sentence(&rule, &d.contract).zh;
    let again = draft(&format!("乙方每月进行一次巡查。{zh}"));
    assert_eq!(
        again.contract.clauses.get(1).map(|c| &c.rule),
        Some(&rule),
        "{zh}"
    );
    // The class of incidents, too.
    let d = draft("（2）一般咨询问题：客服人员及时响应（工作时间内不超过10分钟，非工作时间内不超过20分钟），及时处理（不超过2小时）。");
    let rule = d.contract.clauses[0].rule.clone();
    let zh = canonical::sentence(&rule, &d.contract).zh;
    assert!(zh.starts_with("一般咨询问题："), "{zh}");
    let again = draft(&zh);
    assert_eq!(
        again.contract.clauses.first().map(|c| &c.rule),
        Some(&rule),
        "{zh}"
    );
}

#[test]
fn recurring_duties_beside_checks_on_request() {
    // 003 (10) 1.
    let s = schedules(&draft(
        "1. 项目实施时接受招标方不定期检查，按月提供巡检和维护记录。",
    ));
    assert!(
        matches!(
            &s[..],
            [(
                PartyRef::Seller,
                Schedule::Every {
                    every: Period::Month,
                    times: 1,
                    ..
                }
            )]
        ),
        "{s:?}"
    );
    // A paraphrase.
    let s = schedules(&draft("乙方配合甲方不定期抽查，每季度提交一次运维报告。"));
    assert!(
        matches!(
            &s[..],
            [(
                _,
                Schedule::Every {
                    every: Period::Quarter,
                    ..
                }
            )]
        ),
        "{s:?}"
    );
    // On request in the same part of the sentence: no schedule.
    assert!(schedules(&draft("乙方每年按需提供技术培训。")).is_empty());
    // 000 §3.3: a yearly visit.
    let s = schedules(&draft(
        "3.3 乙方技术人员每年一次免费定期回访服务，定期通过电话或其他方式访问用户，了解产品使用情况及网络安全情况。",
    ));
    assert!(
        matches!(
            &s[..],
            [(
                PartyRef::Seller,
                Schedule::Every {
                    every: Period::ContractYear,
                    times: 1,
                    ..
                }
            )]
        ),
        "{s:?}"
    );
}

#[test]
fn a_reminder_before_the_end() {
    // 004 §4.2 (7): a blank filled in ([30]).
    let s = schedules(&draft(
        "(7) 乙方在服务期届满前[30]日提醒甲方及时续约, 以使甲方获得连续的运维服务。",
    ));
    let [(PartyRef::Seller, Schedule::Once { due })] = &s[..] else {
        panic!("{s:?}")
    };
    assert_eq!(due.event.as_deref(), Some("term_end"));
    assert_eq!(due.before, Some(sp(30, SpanUnit::Days)));
    // A paraphrase.
    let s = schedules(&draft("乙方应于合同期满前15日书面告知甲方服务总结。"));
    let [(_, Schedule::Once { due })] = &s[..] else {
        panic!("{s:?}")
    };
    assert_eq!(due.before, Some(sp(15, SpanUnit::Days)));
}

#[test]
fn duties_not_read_are_listed() {
    // (002 附件3 6, an end of maintenance, is drafted now: tests/all/draft_duty.rs.)
    // 006 §3.2: a period moved by a delay.
    let d = draft("3.2 如配电房土建工程不能按时交付乙方安装，乙方则按配电房土建工程所延误的时间顺延施工工期。");
    assert_eq!(d.not_understood.len(), 1);
    assert_eq!(d.not_understood[0].clause.as_deref(), Some("3.2"));
}

/// The timers of a draft with their conditions, as (stop moment, span, levels, conditioned).
fn conditioned(d: &Draft) -> Vec<(Moment, Span, Vec<String>, bool)> {
    slas(d)
        .into_iter()
        .flat_map(|s| s.timers.iter())
        .flat_map(|t| {
            let to = match &t.to {
                MomentRef::Builtin(m) => *m,
                MomentRef::Declared(_) => Moment::Reported,
            };
            t.limits
                .iter()
                .map(move |l| (to, l.within, l.levels.clone(), t.when.is_some()))
        })
        .collect()
}

fn flag_declared(d: &Draft, fact: &str) -> bool {
    d.contract
        .kinds
        .iter()
        .any(|k| k.id == "incident" && k.facts.iter().any(|f| f.id == fact))
}

#[test]
fn a_limit_after_remote_help_fails_holds_only_then() {
    // 000 §3.2.
    let d = draft("当出现故障时，接到故障通知后，乙方技术人员应在30分钟内响应，远程技术支持无法解决的，12小时内安排相关人员到达现场处理修复。");
    assert_eq!(
        conditioned(&d),
        vec![
            (Moment::Responded, sp(30, SpanUnit::Minutes), vec![], false),
            (Moment::OnSite, sp(12, SpanUnit::Hours), vec![], true),
        ]
    );
    assert!(flag_declared(&d, "remote_failed"));
    let on_site = &slas(&d)[0].timers[1];
    assert_eq!(
        serde_json::to_value(&on_site.when).unwrap(),
        serde_json::json!({"fact": "remote_failed"})
    );
    assert_eq!(d.found[0].confidence, Confidence::High);
    // Paraphrase: phone help, another fix word, its object before 的.
    let d = draft("乙方接到报修后1小时内答复，电话指导不能排除故障的，应在4小时内赶到现场。");
    assert_eq!(
        conditioned(&d),
        vec![
            (Moment::Responded, sp(1, SpanUnit::Hours), vec![], false),
            (Moment::OnSite, sp(4, SpanUnit::Hours), vec![], true),
        ]
    );
    // A failure of something else is not this condition: listed for the user, Low.
    let d = draft("乙方应在2小时内响应，乙方无法解决的，4小时内到达现场。");
    assert!(conditioned(&d).iter().all(|(_, _, _, when)| !when));
    assert!(!flag_declared(&d, "remote_failed"));
}

#[test]
fn the_canonical_sentence_of_a_conditioned_timer_drafts_back_to_it() {
    let d = draft("乙方接到故障通知后30分钟内响应，远程技术支持无法解决的，12小时内到达现场。");
    let rule = d.contract.clauses[0].rule.clone();
    let zh = canonical::sentence(&rule, &d.contract).zh;
    assert!(zh.contains("远程技术支持无法解决的"), "{zh}");
    let again = draft(&zh);
    assert_eq!(again.contract.clauses[0].rule, rule);
}

#[test]
fn level_lines_under_a_heading_that_names_the_timer() {
    // 001 §4.9.4.
    let d = draft("4.9.4响应时限要求：\n一级故障：15分钟\n二级故障：30分钟\n三级故障：2小时\n四级故障：4小时\n五级故障：6小时\n");
    let l = |n, u, lv: &str| (Moment::Responded, sp(n, u), vec![lv.to_string()], None);
    assert_eq!(
        limits(&d),
        vec![
            l(15, SpanUnit::Minutes, "L1"),
            l(30, SpanUnit::Minutes, "L2"),
            l(2, SpanUnit::Hours, "L3"),
            l(4, SpanUnit::Hours, "L4"),
            l(6, SpanUnit::Hours, "L5"),
        ]
    );
    // Paraphrase: another heading, the on-site timer, roman levels.
    let d = draft("5.2 到场时间要求：\nI级故障：2小时；\nII级故障：8小时；\n");
    let l = |n, lv: &str| {
        (
            Moment::OnSite,
            sp(n, SpanUnit::Hours),
            vec![lv.to_string()],
            None,
        )
    };
    assert_eq!(limits(&d), vec![l(2, "I"), l(8, "II")]);
    // Level lines without such a heading are not limits.
    let d = draft("5.2 故障级别：\n一级故障：15分钟\n二级故障：30分钟\n");
    assert!(limits(&d).is_empty());
}

#[test]
fn a_limit_with_what_follows_a_miss_after_otherwise() {
    // 007 §6.4.
    let d = draft("在质量保证期内，如果施工内容发生问题，乙方应当在接到甲方通知后48小时内到场维修，确保正常运行，否则甲方有权聘请其他单位或者个人进行维修，费用在质保金中扣除，不足部分甲方有权向乙方追偿。");
    assert_eq!(
        limits(&d),
        vec![(Moment::OnSite, sp(48, SpanUnit::Hours), vec![], None)]
    );
    // What follows 否则 is listed, and the limit is checked by the user.
    assert_eq!(d.not_understood.len(), 1);
    assert_eq!(d.found[0].confidence, Confidence::Low);
    // Paraphrase: another verb, a cost after 否则.
    let d = draft("保修期内设备出现故障的，乙方应在接到通知后24小时内响应，否则甲方有权另请他人维修，所需费用由乙方承担。");
    assert_eq!(
        limits(&d),
        vec![(Moment::Responded, sp(24, SpanUnit::Hours), vec![], None)]
    );
    assert_eq!(d.not_understood.len(), 1);
    // A fine before 否则 keeps the sentence a penalty's, not a limit.
    let d = draft("乙方未在2小时内响应的，每次罚款500元，否则甲方有权解除合同。");
    assert!(limits(&d).is_empty());
}

/// The first-answer limits of a draft's requirement SLAs, as (span, complexity).
fn answers(d: &Draft) -> Vec<(Span, Option<lvyue::domain::contract::Complexity>)> {
    slas(d)
        .into_iter()
        .filter(|s| s.applies_to == lvyue::domain::contract::SlaSubject::Requirements)
        .flat_map(|s| s.timers.iter())
        .inspect(|t| {
            assert_eq!(t.from, MomentRef::Builtin(Moment::Submitted));
            assert_eq!(t.to, MomentRef::Builtin(Moment::FirstAnswer));
        })
        .flat_map(|t| t.limits.iter().map(|l| (l.within, l.complexity)))
        .collect()
}

#[test]
fn a_first_answer_to_a_requirement_by_its_complexity() {
    use lvyue::domain::contract::Complexity::{Complex, Ordinary};
    // 004 附件2 5.4.4 (1): inside a fine's condition; the fine is still read.
    let d = draft("(1) 乙方在接收到需求后如不能按规定时间（普通需求 24 小时内、复杂需求 72 小时内）初步反馈解决方案（包括是否能处理、预计完成时间、是否需要增加费用等），则按每个需求罚款 100 元/次。");
    assert_eq!(
        answers(&d),
        vec![
            (sp(24, SpanUnit::Hours), Some(Ordinary)),
            (sp(72, SpanUnit::Hours), Some(Complex)),
        ]
    );
    assert!(d
        .contract
        .clauses
        .iter()
        .any(|c| matches!(c.rule, Rule::Penalty(_))));
    // Paraphrase: other words, days, a plain duty.
    let d = draft(
        "乙方收到甲方提出的需求后，一般需求应在2个工作日内、重大需求应在5个工作日内书面答复。",
    );
    assert_eq!(
        answers(&d),
        vec![
            (sp(2, SpanUnit::WorkingDays), Some(Ordinary)),
            (sp(5, SpanUnit::WorkingDays), Some(Complex)),
        ]
    );
    // A complexity without an answer word after it is not a first answer.
    let d = draft("普通需求24小时内、复杂需求72小时内完成开发。");
    assert!(answers(&d).is_empty());
    // The canonical sentence drafts back to the same rule.
    let d = draft("普通需求24小时内、复杂需求72小时内初步反馈解决方案。");
    let rule = d.contract.clauses[0].rule.clone();
    let zh = canonical::sentence(&rule, &d.contract).zh;
    assert_eq!(draft(&zh).contract.clauses[0].rule, rule, "{zh}");
}

#[test]
fn on_site_when_a_fault_that_affects_the_business_stays_open() {
    // 001 §4.9.2.
    let text = "如故障影响医院业务运行，超过12小时内仍无法解决问题的，原厂技术人员需到达现场处理，并于24小时内免费提供同档次或更高档次的设备或软件解决问题。";
    let d = draft(text);
    let s = slas(&d);
    assert_eq!(s.len(), 1);
    let t = &s[0].timers;
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].to, MomentRef::Builtin(Moment::OnSite));
    assert_eq!(t[0].limits[0].within, sp(12, SpanUnit::Hours));
    assert_eq!(
        serde_json::to_value(&t[0].when).unwrap(),
        serde_json::json!({"all": [{"fact": "business_affected"},
            {"elapsed": {"from": "reported", "to": "resolved", "over": {"n": 12, "unit": "hours"}}}]})
    );
    assert_eq!(t[1].to, MomentRef::Builtin(Moment::Resolved));
    assert_eq!(t[1].limits[0].within, sp(24, SpanUnit::Hours));
    assert_eq!(
        serde_json::to_value(&t[1].when).unwrap(),
        serde_json::json!({"fact": "business_affected"})
    );
    assert!(flag_declared(&d, "business_affected"));
    // The canonical sentence drafts back to the same rule.
    let rule = d.contract.clauses[0].rule.clone();
    let zh = canonical::sentence(&rule, &d.contract).zh;
    assert_eq!(draft(&zh).contract.clauses[0].rule, rule, "{zh}");
    // Paraphrase: no business condition, days, another fix word.
    let d = draft("故障超过4小时仍未能解决的，乙方工程师应赶到现场，并在48小时内修复。");
    let t = &slas(&d)[0].timers;
    assert_eq!(t.len(), 2);
    assert_eq!(
        serde_json::to_value(&t[0].when).unwrap(),
        serde_json::json!({"elapsed": {"from": "reported", "to": "resolved", "over": {"n": 4, "unit": "hours"}}})
    );
    assert_eq!(t[1].limits[0].within, sp(48, SpanUnit::Hours));
    assert!(t[1].when.is_none());
    // A span after 超过 with no visit: not a limit.
    let d = draft("故障超过4小时仍未能解决的，乙方应书面说明原因。");
    assert!(slas(&d).is_empty());
}
