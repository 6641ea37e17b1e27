//! Each drafted rule said again as one canonical sentence, in Chinese and in English, in words
//! the drafter itself reads (so that drafting the Chinese sentence gives the same rule).

use super::duty::period_words;
use super::sla::{span_en, span_zh};
use crate::domain::contract::{
    Base, Cap, Contract, Excuse, Formula, Label, Milestone, MilestoneAmount, MomentRef, Obligation,
    OccurrenceAmount, Penalty, Period, Right, RightKind, Rule, Schedule, Side, Sla, SpanUnit, Term,
    Threshold, Trigger, When,
};

/// The canonical sentence of a rule.
pub fn sentence(rule: &Rule, contract: &Contract) -> Label {
    match rule {
        Rule::Penalty(p) => penalty(p, contract),
        Rule::Payment(m) => payment(m),
        Rule::Sla(x) => sla(x),
        Rule::Obligation(o) => obligation(o, None),
        Rule::Term(t) => term(t),
        Rule::Right(r) => loss_right(r),
    }
}

/// A deduction from what is unpaid, with a breach deemed where the rule has one.
fn plain_rights(r: &crate::domain::contract::RightRule) -> Label {
    let deduct = r.rights.iter().find(|x| x.right == RightKind::Deduct);
    let Some(d) = deduct.filter(|_| r.rights.iter().all(|x| x.when == Threshold::AnyOccurrence))
    else {
        return Label {
            zh: String::new(),
            en: None,
        };
    };
    let (pz, pe) = side(Some(d.holder));
    let (oz, oe) = side(Some(match d.holder {
        Side::Buyer => Side::Seller,
        Side::Seller => Side::Buyer,
    }));
    if r.rights.iter().any(|x| x.right == RightKind::DeemedBreach) {
        Label {
            zh: format!("{oz}未履行的，视为{oz}违约，{pz}有权从尚未支付的合同价款中扣回索赔金额。"),
            en: Some(format!(
                "Where {oe} fails to perform, it is deemed in breach and {pe} may deduct its claim from the amounts still unpaid."
            )),
        }
    } else {
        Label {
            zh: format!("{pz}有权从尚未支付的合同价款中扣回索赔金额。"),
            en: Some(format!(
                "{} may deduct its claim from the amounts still unpaid.",
                capital(pe)
            )),
        }
    }
}

/// A right a loss grants (the drafter's only right with no amount): both sides when both hold
/// it (损失方有权), the buyer's with the refund of its payments.
fn loss_right(r: &crate::domain::contract::RightRule) -> Label {
    let loss = r.rights.iter().find_map(|x| match &x.when {
        Threshold::LossExceeds { rate, .. } => Some(*rate),
        _ => None,
    });
    let Some(rate) = loss else {
        return plain_rights(r);
    };
    let refund = r.rights.iter().any(|x| !x.consequences.is_empty());
    let (rz, re) = if refund {
        ("并收回已付款项", " and recover the payments")
    } else {
        ("", "")
    };
    if r.rights.len() > 1 {
        Label {
            zh: format!("任何一方违约造成的损失累计超过合同总额的{rate}的，损失方有权终止合同{rz}。"),
            en: Some(format!(
                "Where either side's breach causes losses above {rate} of the contract total, the side that suffered them may terminate the contract{re}."
            )),
        }
    } else {
        let (pz, pe) = side(r.rights.first().map(|x| x.holder));
        Label {
            zh: format!("因对方违约造成的损失累计超过合同总额的{rate}的，{pz}有权终止合同{rz}。"),
            en: Some(format!(
                "Where the other side's breach causes losses above {rate} of the contract total, {pe} may terminate the contract{re}."
            )),
        }
    }
}

/// The words of an event id (the drafter reads them back as that event).
pub fn event_words(id: &str) -> (&'static str, &'static str) {
    match id {
        "signing" => ("合同签订", "signing"),
        "effective" => ("合同生效", "the contract taking effect"),
        "acceptance" => ("验收合格", "acceptance"),
        "delivery" => ("交付", "delivery"),
        "go_live" => ("上线", "go-live"),
        "invoice" => ("收到发票", "the invoice"),
        "term_end" => ("服务期满", "the end of the term"),
        "warranty_end" => ("质保期满", "the end of the warranty"),
        "notice" => ("接到通知", "the notice"),
        "price_audit" => ("价格评估", "the price audit"),
        "construction_start" => ("施工", "the works starting"),
        "replacement_requested" => ("提出更换要求", "a replacement being asked for"),
        "end_of_life" => ("产品停止维护", "the product's end of maintenance"),
        "staff_change" => ("人员变更", "a change of staff"),
        _ => ("约定事件", "the agreed event"),
    }
}

/// `合同签订后30日内` / `验收合格后` (zh, en).
fn when_words(w: &When) -> (String, String) {
    let (ez, ee) = w
        .event
        .as_deref()
        .map(event_words)
        .unwrap_or(("约定日期", "the agreed date"));
    let (xz, xe) = match &w.extend_per_incident {
        Some(x) => (
            format!("（每发生一次重大故障顺延{}）", span_zh(x.by)),
            format!(" (extended by {} for each major fault)", span_en(x.by)),
        ),
        None => (String::new(), String::new()),
    };
    match (w.after, w.before) {
        (Some(sp), _) => (
            format!("{ez}后{}内{xz}", span_zh(sp)),
            format!("within {} after {ee}{xe}", span_en(sp)),
        ),
        (None, Some(sp)) => (
            format!("{ez}前{}", span_zh(sp)),
            format!("{} before {ee}", span_en(sp)),
        ),
        (None, None) => (format!("{ez}后"), format!("after {ee}")),
    }
}

/// A payment's gate: `验收合格后`, `验收合格20个月后（每发生一次重大故障顺延1个月）` (zh, en).
fn gate_words(g: &When) -> (String, String) {
    let (ez, ee) = g
        .event
        .as_deref()
        .map(event_words)
        .unwrap_or(("约定事件", "the agreed event"));
    let (mut z, mut e) = match g.after {
        Some(sp) => (
            format!("{ez}{}后", span_zh(sp)),
            format!("{} after {ee}", span_en(sp)),
        ),
        None => (format!("{ez}后"), ee.to_string()),
    };
    if let Some(x) = &g.extend_per_incident {
        z.push_str(&format!("（每发生一次重大故障顺延{}）", span_zh(x.by)));
        e.push_str(&format!(
            " (extended by {} for each major fault)",
            span_en(x.by)
        ));
    }
    (z, e)
}

fn payment(m: &Milestone) -> Label {
    let (wz, we) = when_words(&m.due);
    let gates: Vec<(String, String)> = m.due.not_before.iter().map(gate_words).collect();
    let gz: String = gates.iter().map(|g| format!("{}，", g.0)).collect();
    let ge: String = gates
        .iter()
        .map(|g| format!(", not before {}", g.1))
        .collect();
    let (az, ae) = match &m.amount {
        MilestoneAmount::Rate { rate, base: b } => (
            format!("{}的{rate}", base(b).0),
            format!("{rate} of {}", base(b).1),
        ),
        MilestoneAmount::Fixed { amount } => (
            format!("{}元", amount.format()),
            format!("¥{}", amount.format()),
        ),
        MilestoneAmount::Recorded => (
            "根据实际使用量计算的金额".into(),
            "the amount used, as recorded".into(),
        ),
    };
    let (rz, re) = if m.retention {
        ("质保金，即", "retention money, ")
    } else {
        ("", "")
    };
    Label {
        zh: format!("{gz}甲方在{wz}支付{rz}{az}。"),
        en: Some(format!("The buyer pays {re}{ae} {we}{ge}.")),
    }
}

fn level_words(levels: &[String]) -> (String, String) {
    match levels {
        [] => (String::new(), String::new()),
        ls => {
            let z: Vec<String> = ls
                .iter()
                .map(|l| format!("{}故障", super::sla::level_label(l).zh))
                .collect();
            let e: Vec<String> = ls
                .iter()
                .map(|l| super::sla::level_label(l).en.unwrap_or_default())
                .collect();
            (z.join("、"), format!("{} faults: ", e.join(", ")))
        }
    }
}

fn sla(x: &Sla) -> Label {
    if x.applies_to == crate::domain::contract::SlaSubject::Requirements {
        return requirement_sla(x);
    }
    let mut limits: Vec<(
        usize,
        &crate::domain::contract::Limit,
        &crate::domain::contract::Timer,
    )> = x
        .timers
        .iter()
        .flat_map(|t| t.limits.iter().map(move |l| (l.levels.len(), l, t)))
        .collect();
    limits.sort_by_key(|(n, _, t)| (usize::from(t.when.is_some()), usize::from(*n > 0)));
    // One class of incidents the text named before a colon (日常系统操作问题：…): said first.
    let class = match limits.first() {
        Some((_, l, _)) if l.levels.len() == 1 && is_class(&l.levels[0]) => {
            let c = l.levels[0].clone();
            limits
                .iter()
                .all(|(_, x, _)| x.levels == [c.clone()])
                .then_some(c)
        }
        _ => None,
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for (_, l, t) in limits {
        let (lz, le) = if class.is_some() {
            (String::new(), String::new())
        } else {
            level_words(&l.levels)
        };
        let (cz, ce) = match l.in_working_hours {
            Some(true) => ("工作时间", "in working hours, "),
            Some(false) => ("非工作时间", "outside working hours, "),
            None => ("", ""),
        };
        let verb = match &t.to {
            MomentRef::Builtin(m) => match m.name() {
                "responded" => ("响应", "respond"),
                "on_site" => ("到达现场", "be on site"),
                _ => ("解决", "resolve the fault"),
            },
            MomentRef::Declared(_) => ("完成", "finish"),
        };
        let (wz, we) = condition_words(t.when.as_ref());
        match open_longer(t.when.as_ref()) {
            // 超过12小时仍无法解决的，到达现场: the limit is the span the fault stayed open.
            Some(over) => {
                zh.push(format!("超过{}仍无法解决的，{}", span_zh(over), verb.0));
                en.push(format!(
                    "{} if the fault is still open after {}",
                    verb.1,
                    span_en(over)
                ));
            }
            None => {
                zh.push(format!("{wz}{lz}{cz}{}内{}", span_zh(l.within), verb.0));
                en.push(format!(
                    "{we}{le}{ce}{} within {}",
                    verb.1,
                    span_en(l.within)
                ));
            }
        }
    }
    let (pz, pe) = match &class {
        Some(c) => (format!("{c}："), format!("{c}: ")),
        None => (String::new(), String::new()),
    };
    let business = x.timers.iter().any(|t| {
        let mut f = Vec::new();
        if let Some(w) = &t.when {
            super::sla::flags_of(w, &mut f);
        }
        f.iter().any(|f| f == super::sla::BUSINESS_AFFECTED)
    });
    let (bz, be) = if business {
        (
            "如故障影响业务运行，",
            "If the fault affects the business: ",
        )
    } else {
        ("", "")
    };
    Label {
        zh: format!("{pz}{bz}接到故障通知后，乙方{}。", zh.join("，")),
        en: Some(format!(
            "{pe}{be}After a fault is reported, the seller must {}.",
            en.join("; ")
        )),
    }
}

/// The words of a timer's condition said before its limit (the business condition is said
/// for the whole sentence).
fn condition_words(
    when: Option<&crate::domain::vocabulary::Condition>,
) -> (&'static str, &'static str) {
    use crate::domain::vocabulary::Condition;
    match when {
        Some(Condition::Fact { fact }) if fact == super::sla::REMOTE_FAILED => {
            ("远程技术支持无法解决的，", "when remote help fails, ")
        }
        _ => ("", ""),
    }
}

/// The span a fault stays open after which the timer applies (超过12小时仍无法解决的).
fn open_longer(
    when: Option<&crate::domain::vocabulary::Condition>,
) -> Option<crate::domain::contract::Span> {
    use crate::domain::vocabulary::Condition;
    match when? {
        Condition::Elapsed { elapsed } => Some(elapsed.over),
        Condition::All { all } => all.iter().find_map(|c| open_longer(Some(c))),
        _ => None,
    }
}

/// Limits on the first answer to a requirement, by complexity.
fn requirement_sla(x: &Sla) -> Label {
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for l in x.timers.iter().flat_map(|t| t.limits.iter()) {
        let (cz, ce) = match l.complexity {
            Some(crate::domain::contract::Complexity::Complex) => ("复杂需求", "a complex one"),
            _ => ("普通需求", "an ordinary one"),
        };
        zh.push(format!("{cz}{}内", span_zh(l.within)));
        en.push(format!("{ce} within {}", span_en(l.within)));
    }
    Label {
        zh: format!("乙方收到需求后，{}初步反馈解决方案。", zh.join("、")),
        en: Some(format!(
            "After a requirement is submitted, the seller gives a first answer: {}.",
            en.join("; ")
        )),
    }
}

/// A level the text named as a class of incidents (not a level word of the grammar).
fn is_class(id: &str) -> bool {
    super::sla::level_label(id)
        .en
        .is_some_and(|e| e.starts_with("Class"))
}

/// A duty's sentence naming what is done (`完成系统部署`) where the text says it, instead of the
/// canonical "submits a report" (which drafts back to the same schedule).
pub fn duty_sentence(o: &Obligation, what: &str) -> Label {
    obligation(o, Some(what))
}

fn obligation(o: &Obligation, what: Option<&str>) -> Label {
    if let Schedule::OnEntry { due, .. } = &o.schedule {
        let (pz, pe) = match o.party.side() {
            None => ("受不可抗力影响的一方", "The party affected"),
            Some(Side::Buyer) => ("甲方", "The buyer"),
            Some(Side::Seller) => ("乙方", "The seller"),
        };
        return Label {
            zh: format!("{pz}应在不可抗力发生后{}内书面通知另一方。", span_zh(*due)),
            en: Some(format!(
                "{pe} notifies the other side in writing within {} after force majeure occurs.",
                span_en(*due)
            )),
        };
    }
    let (pz, pe) = side(o.party.side());
    let (wz, we) = match &o.schedule {
        Schedule::Every {
            every,
            day_of_month,
            working_day_of_period,
            in_next_period,
            times,
            ..
        } => {
            let (ez, ee) = if *every == Period::CalendarYear {
                ("每年年底", "at every year's end")
            } else {
                period_words(*every)
            };
            let mut z = ez.to_string();
            let mut e = ee.to_string();
            if let Some(d) = day_of_month {
                z.push_str(&format!("{d}日前"));
                e.push_str(&format!(" by day {d}"));
            }
            if let Some(n) = working_day_of_period {
                z.push_str(&format!("前{n}个工作日之前"));
                e.push_str(&format!(" by its working day {n}"));
            }
            let last = if *in_next_period {
                let p = match every {
                    Period::Month => "上月",
                    Period::Quarter => "上季度",
                    _ => "上年度",
                };
                e.push_str(" (for the period before)");
                p
            } else {
                ""
            };
            let t = if *times > 1 {
                e.push_str(&format!(", {times} times"));
                format!("{times}次")
            } else {
                String::new()
            };
            (format!("{z}提交{t}{last}报告"), e)
        }
        Schedule::Once { due } => {
            let (a, b) = when_words(due);
            (format!("在{a}提交报告"), format!("once, {b}"))
        }
        Schedule::After { span, .. } => (
            format!("在每次上述检查完成后{}内提交报告", span_zh(*span)),
            format!("within {} after each check above is done", span_en(*span)),
        ),
        _ => ("履行义务".to_string(), "as agreed".to_string()),
    };
    match what {
        Some(w) => Label {
            zh: format!(
                "{pz}{}。",
                wz.replacen("提交报告", w, 1).replacen("报告", w, 1)
            ),
            en: Some(format!("{} does “{w}” {we}.", capital(pe))),
        },
        None => Label {
            zh: format!("{pz}{wz}。"),
            en: Some(format!("{} reports {we}.", capital(pe))),
        },
    }
}

fn term(t: &Term) -> Label {
    let (lz, le) = (span_zh(t.length), span_en(t.length));
    let (sz, se) = match (&t.start.event, t.start.date) {
        (_, Some(d)) => {
            let end = super::term::end_of(d, t.length);
            match end {
                Some(e) => (
                    format!("自{}起至{}止", zh_date(d), zh_date(e)),
                    format!("from {d} to {e}"),
                ),
                None => (format!("自{}起{lz}", zh_date(d)), format!("{le} from {d}")),
            }
        }
        (Some(ev), None) => {
            let (z, e) = event_words(ev);
            (format!("自{z}之日起{lz}"), format!("{le} from {e}"))
        }
        _ => (lz.clone(), le.clone()),
    };
    let (rz, re) = match &t.renewal {
        Some(r) => {
            let nz = if r.notice.n > 0 {
                format!(
                    "，任何一方可在期满前{}书面通知另一方不再续期",
                    span_zh(r.notice)
                )
            } else {
                String::new()
            };
            let ne = if r.notice.n > 0 {
                format!(
                    " unless a party gives notice {} before the end",
                    span_en(r.notice)
                )
            } else {
                String::new()
            };
            (
                format!("，期满自动续期{}{nz}", span_zh(r.length)),
                format!("; it renews for {}{ne}", span_en(r.length)),
            )
        }
        None => (String::new(), String::new()),
    };
    let (uz, ue) = match t.extended_until.as_deref() {
        Some(ev) => {
            let (z, e) = event_words(ev);
            (
                format!("，未{z}的，服务期延续至{z}"),
                format!(", and runs on until {e}"),
            )
        }
        None => (String::new(), String::new()),
    };
    Label {
        zh: format!("服务期限：{sz}{rz}{uz}。"),
        en: Some(format!("The term runs {se}{re}{ue}.")),
    }
}

fn zh_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn excuses(es: &[Excuse]) -> String {
    if es.is_empty() {
        return String::new();
    }
    let words: Vec<&str> = es
        .iter()
        .map(|e| match e {
            Excuse::BuyerFault => "甲方原因",
            Excuse::SellerFault => "乙方原因",
            Excuse::ForceMajeure => "不可抗力",
            Excuse::FiscalDelay => "财政拨款延迟",
        })
        .collect();
    format!("除{}外，", words.join("、"))
}

fn side(s: Option<Side>) -> (&'static str, &'static str) {
    match s {
        Some(Side::Buyer) => ("甲方", "the buyer"),
        _ => ("乙方", "the seller"),
    }
}

fn base(b: &Base) -> (&'static str, &'static str) {
    match b {
        Base::Total => ("合同总额", "the contract total"),
        Base::Overdue => ("逾期金额", "the overdue amount"),
        Base::AuditedPrice => ("审计价", "the audited price"),
        Base::Occurrence => ("所涉金额", "the amount concerned"),
        Base::Item { item: None } => ("所涉分项费用", "the fee of the item concerned"),
        Base::TermShare { .. } => (
            "合同总额按服务期分摊的一年金额",
            "the total's share for a year of the term",
        ),
        _ => ("基数", "the base"),
    }
}

fn penalty(p: &Penalty, contract: &Contract) -> Label {
    let (pz, pe) = side(p.payer.side());
    let (what_zh, what_en) = trigger(&p.trigger, contract);
    let (fz, fe) = formula(&p.formula, contract);
    let (cz, ce) = p.cap.as_ref().map(cap).unwrap_or_default();
    let (rz, re) = rights(&p.rights);
    let ez = excuses(&p.excuses);
    let iz = p
        .interest
        .map(|r| format!("，另每日按{r}加收利息"))
        .unwrap_or_default();
    let (wz, we) = if p.waived_by_written_consent {
        (
            "如对方不同意延期，",
            "unless the other side agreed to the delay, ",
        )
    } else {
        ("", "")
    };
    let (pz, pe) = (format!("{wz}{ez}{pz}"), format!("{we}{pe}"));
    Label {
        zh: format!("{pz}{what_zh}{fz}支付违约金{cz}{rz}{iz}。"),
        en: Some(format!("{}{what_en} pays {fe}{ce}{re}.", capital(&pe))),
    }
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn trigger(t: &Trigger, contract: &Contract) -> (String, String) {
    match t {
        Trigger::Deadline { deadline, .. } => {
            let l = contract
                .deadlines
                .iter()
                .find(|d| &d.id == deadline)
                .map(|d| d.label.zh.trim_start_matches("按约").to_string());
            let w = l.unwrap_or_else(|| "履约".into());
            (format!("逾期{w}的，"), format!(", late with {w},"))
        }
        Trigger::LatePayment { .. } => ("逾期付款的，".into(), ", paying late,".into()),
        _ => (String::new(), String::new()),
    }
}

fn formula(f: &Formula, contract: &Contract) -> (String, String) {
    match f {
        Formula::PerDay {
            rate: Some(r),
            base: Base::Amount { amount },
            working_days,
            ..
        } if r.fraction() == rust_decimal::Decimal::ONE => {
            let d = if *working_days {
                ("个工作日", "working day")
            } else {
                ("日", "day")
            };
            (
                format!("每逾期1{}按{}元", d.0, amount.format()),
                format!("¥{} a {} late", amount.format(), d.1),
            )
        }
        Formula::PerDay {
            rate: Some(r),
            base: b,
            working_days,
            ..
        } => {
            let d = if *working_days {
                ("个工作日", "working day")
            } else {
                ("日", "day")
            };
            let (bz, be) = base(b);
            (
                format!("每逾期1{}按{bz}的{r}", d.0),
                format!("{r} of {be} a {} late", d.1),
            )
        }
        Formula::PerPeriod {
            period,
            rate,
            base: b,
        } => {
            let (bz, be) = base(b);
            let u = if period.unit == SpanUnit::WorkingDays {
                ("个工作日", "working days")
            } else {
                ("日", "days")
            };
            (
                format!("每逾期{}{}按{bz}的{rate}", period.n, u.0),
                format!("{rate} of {be} for every {} {} late", period.n, u.1),
            )
        }
        Formula::PerOccurrence(o) => {
            let (az, ae) = match &o.amount {
                OccurrenceAmount::Fixed { amount } => (
                    format!("{}元", amount.format()),
                    format!("¥{}", amount.format()),
                ),
                OccurrenceAmount::Range { low, high } => (
                    format!("{}元至{}元", low.format(), high.format()),
                    format!("¥{} to ¥{}", low.format(), high.format()),
                ),
                OccurrenceAmount::Rate { rate, base: b } => (
                    format!("{}的{rate}", base(b).0),
                    format!("{rate} of {}", base(b).1),
                ),
                OccurrenceAmount::RateRange { low, high, base: b } => (
                    format!("{}的{low}至{high}", base(b).0),
                    format!("{low} to {high} of {}", base(b).1),
                ),
                OccurrenceAmount::ByLevel { rates, base: b } => by_level(o, rates, b, contract),
            };
            let per = if o.per_person {
                ("每人每次", "per person each time")
            } else {
                ("每次", "each time")
            };
            let mut mz = String::new();
            let mut me = String::new();
            for m in &o.multipliers {
                let body = m.complaint.as_deref().and_then(|c| {
                    super::penalty::COMPLAINT_BODIES
                        .iter()
                        .find(|(_, id)| *id == c)
                        .map(|(w, _)| *w)
                });
                if let Some(w) = body {
                    mz.push_str(&format!("，投诉到{w}的按{}倍金额", m.factor.normalize()));
                    me.push_str(&format!(
                        ", × {} after a complaint to the {}",
                        m.factor.normalize(),
                        c_en(w)
                    ));
                }
            }
            (
                format!("{}按{az}{mz}", per.0),
                format!("{ae} {}{me}", per.1),
            )
        }
        Formula::PerDay {
            rate: None,
            schedule,
            base: b,
            ..
        } if !schedule.is_empty() => {
            let (bz, be) = base(b);
            let bands: Vec<&crate::domain::contract::Band> = schedule
                .iter()
                .filter(|x| !x.rate.fraction().is_zero())
                .collect();
            let zh: Vec<String> = bands
                .iter()
                .map(|x| format!("逾期{}日以上每日按{bz}的{}", x.from, x.rate))
                .collect();
            let en: Vec<String> = bands
                .iter()
                .map(|x| format!("{} of {be} a day from day {}", x.rate, x.from))
                .collect();
            (zh.join("、"), en.join(", "))
        }
        Formula::PerDay { rate: None, .. } => {
            ("按分段日费率".into(), "a stepped daily rate".into())
        }
    }
}

/// A rate by level (004 附件2-5.3): each level's rate and time to handle it, the escalation of
/// repeats and what late handling adds.
fn by_level(
    o: &crate::domain::contract::PerOccurrence,
    rates: &[crate::domain::contract::LevelRate],
    b: &Base,
    contract: &Contract,
) -> (String, String) {
    let name = |id: &str| {
        contract
            .levels
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| super::sla::level_label(id), |l| l.label.clone())
    };
    let names = |ids: &[String]| {
        let ls: Vec<Label> = ids.iter().map(|l| name(l)).collect();
        joined(&ls, "、", ", ")
    };
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for r in rates {
        let (lz, le) = names(std::slice::from_ref(&r.level));
        let (hz, he) = r.handle_within.map_or_else(Default::default, |w| {
            (
                format!("（{}内处置）", super::sla::span_zh(w)),
                format!(" (handled within {})", super::sla::span_en(w)),
            )
        });
        zh.push(format!("{lz}{}{hz}", r.rate));
        en.push(format!("{le} {}{he}", r.rate));
    }
    let (bz, be) = base(b);
    let mut z = format!("{bz}的比例（{}）", zh.join("、"));
    let mut e = format!("a rate of {be} by level ({})", en.join(", "));
    if let Some(x) = &o.escalation {
        let pct = (x.factor - rust_decimal::Decimal::ONE) * rust_decimal::Decimal::ONE_HUNDRED;
        z.push_str(&format!(
            "，再次发生的在前次金额基础上递增{}%",
            pct.normalize()
        ));
        e.push_str(&format!(
            ", each repeat {}% more than the one before",
            pct.normalize()
        ));
    }
    for rule in o.late_handling.iter().flat_map(|l| &l.rules) {
        let (lz, le) = names(&rule.levels);
        let readings: Vec<Label> = rule.readings.iter().map(|x| x.label.clone()).collect();
        let (rz, re) = joined(&readings, "或", " or ");
        z.push_str(&format!("，{lz}未按时处置的{rz}"));
        e.push_str(&format!(", {le} not handled in time: {re}"));
    }
    (z, e)
}

/// Labels joined in each language.
fn joined(ls: &[Label], zh: &str, en: &str) -> (String, String) {
    let say = |lang| {
        ls.iter()
            .map(|l| crate::domain::explain::label(l, lang))
            .collect::<Vec<_>>()
    };
    (
        say(crate::domain::Lang::Zh).join(zh),
        say(crate::domain::Lang::En).join(en),
    )
}

fn cap(c: &Cap) -> (String, String) {
    match (c.rate, &c.base, c.amount) {
        (Some(r), Some(b), _) => (
            format!("，累计不超过{}的{r}", base(b).0),
            format!(", at most {r} of {} in all", base(b).1),
        ),
        (_, _, Some(a)) => (
            format!("，累计不超过{}元", a.format()),
            format!(", at most ¥{} in all", a.format()),
        ),
        _ => (String::new(), String::new()),
    }
}

fn rights(rs: &[Right]) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    for r in rs {
        let (hz, he) = side(Some(r.holder));
        let (kz, ke) = match r.right {
            RightKind::Terminate => ("解除合同", "terminate the contract"),
            RightKind::StopService => ("停止服务", "stop the service"),
            RightKind::Reprimand => ("通报批评", "issue a formal reprimand"),
            RightKind::Refund => ("要求退还已付款项", "claim back every payment"),
            _ => ("行使权利", "act"),
        };
        let refund_too = r.right == RightKind::Terminate
            && r.consequences
                .contains(&crate::domain::contract::Consequence::RefundAllPayments);
        let (kz, ke) = if refund_too {
            (
                "解除合同并要求退还已付款项",
                "terminate the contract and claim back every payment",
            )
        } else {
            (kz, ke)
        };
        let (wz, we) = match &r.when {
            Threshold::DaysLateOver { days } => (
                format!("逾期超过{days}日的，"),
                format!("more than {days} days late, "),
            ),
            Threshold::DaysLateAtLeast { days } => (
                format!("逾期{days}日以上的，"),
                format!("{days} days late or more, "),
            ),
            Threshold::OccurrencesAtLeast { count } => (
                format!("发生{count}次以上的，"),
                format!(
                    "from the {} time, ",
                    crate::domain::labels::ordinal_en(i64::from(*count))
                ),
            ),
            Threshold::PenaltyExceeds { rate, base: b, .. } => (
                format!("违约金累计超过{}的{rate}的，", base(b).0),
                format!("when the penalty exceeds {rate} of {}, ", base(b).1),
            ),
            Threshold::CapReached => ("达到上限的，".to_string(), "at the cap, ".to_string()),
            Threshold::PenaltyReaches { rate, base: b, .. } => (
                format!("违约金达到{}的{rate}的，", base(b).0),
                format!("when the penalty reaches {rate} of {}, ", base(b).1),
            ),
            _ => (String::new(), String::new()),
        };
        zh.push_str(&format!("；{wz}{hz}有权{kz}"));
        en.push_str(&format!("; {we}{he} may {ke}"));
    }
    (zh, en)
}

/// The canonical sentence of a shared cap.
pub fn shared_cap(c: &crate::domain::contract::SharedCap) -> Label {
    let (cz, ce) = cap(&c.cap);
    let year = if c.per_contract_year {
        ("每年", " a contract year")
    } else {
        ("", "")
    };
    Label {
        zh: format!(
            "违约金总额{year}{cz}。",
            year = year.0,
            cz = cz.trim_start_matches('，').replace("累计", "")
        ),
        en: Some(format!("The penalties together{}{ce}.", year.1)),
    }
}

fn c_en(body: &str) -> &'static str {
    if body.contains("卫") {
        "health bureau"
    } else {
        "city government"
    }
}
