//! Each drafted rule said again as one canonical sentence, in Chinese and in English, in words
//! the drafter itself reads (so that drafting the Chinese sentence gives the same rule).

use crate::domain::contract::{
    Base, Cap, Contract, Formula, Label, OccurrenceAmount, Penalty, Right, RightKind, Rule, Side,
    SpanUnit, Threshold, Trigger,
};

/// The canonical sentence of a rule.
pub fn sentence(rule: &Rule, contract: &Contract) -> Label {
    match rule {
        Rule::Penalty(p) => penalty(p, contract),
        _ => Label {
            zh: String::new(),
            en: None,
        },
    }
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
        _ => ("基数", "the base"),
    }
}

fn penalty(p: &Penalty, contract: &Contract) -> Label {
    let (pz, pe) = side(p.payer.side());
    let (what_zh, what_en) = trigger(&p.trigger, contract);
    let (fz, fe) = formula(&p.formula);
    let (cz, ce) = p.cap.as_ref().map(cap).unwrap_or_default();
    let (rz, re) = rights(&p.rights);
    Label {
        zh: format!("{pz}{what_zh}{fz}支付违约金{cz}{rz}。"),
        en: Some(format!("{}{what_en} pays {fe}{ce}{re}.", capital(pe))),
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

fn formula(f: &Formula) -> (String, String) {
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
                OccurrenceAmount::ByLevel { .. } => {
                    ("按级别的比例".into(), "a rate by level".into())
                }
            };
            let per = if o.per_person {
                ("每人每次", "per person each time")
            } else {
                ("每次", "each time")
            };
            (format!("{}按{az}", per.0), format!("{ae} {}", per.1))
        }
        Formula::PerDay { rate: None, .. } => {
            ("按分段日费率".into(), "a stepped daily rate".into())
        }
    }
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
            _ => ("行使权利", "act"),
        };
        let (wz, we) = match &r.when {
            Threshold::DaysLateOver { days } => (
                format!("逾期超过{days}日的，"),
                format!("more than {days} days late, "),
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
