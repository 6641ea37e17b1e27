//! Document checks: findings about the contract text itself (CLAUSES.md §9).
//!
//! Before anyone computes a penalty, the contract may already be wrong or risky on its face:
//! an amount in words that says something else than the figure, line items that do not add up
//! to the total, a span stated as 20 months that is 17, a per-day penalty with no cap, a daily
//! rate that is 109.5% a year, two clauses that punish the same delay differently, payment
//! terms a public buyer may not impose on an SME. Each finding has a stable code, a severity,
//! the clauses it concerns and a text in both languages, so it can be shown, filtered and
//! tested.
//!
//! Legal context is stated as context, not as a ruling: Civil Code Art. 585 lets a court
//! reduce liquidated damages "excessively higher" than the loss, and Interpretation (2023)
//! Art. 65 presumes that of a penalty above 130% of the loss; the SME Payment Regulation (2025)
//! Arts. 9, 10, 12 and 17 bind public buyers paying SMEs.

use crate::domain::order;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::calendar::Calendar;
use crate::domain::contract::*;
use crate::domain::explain::{day_rates_text, unit_name};
use crate::domain::grouping::{Groups, IdMatcher};
use crate::domain::money::{self, Amount, Rate, WordsFinding};
use crate::domain::report::{Finding, Severity};
use crate::domain::validate::Bases;
use crate::domain::Lang;

/// An annualised daily penalty rate above this (24% a year) is flagged as high.
fn high_annual_rate() -> Decimal {
    Decimal::new(24, 2)
}

/// The 1-year LPR (3.0%, effective 2025-05-20), the floor of an agreed late-interest rate under
/// SME Payment Regulation Art. 17.
fn lpr_one_year() -> Decimal {
    Decimal::new(3, 2)
}

fn finding(
    code: &str,
    severity: Severity,
    clauses: Vec<String>,
    zh: String,
    en: String,
) -> Finding {
    Finding {
        code: code.to_string(),
        severity,
        clauses,
        zh,
        en,
    }
}

/// Every finding about a contract, in a stable order: amounts in words, sums, spans, penalties,
/// overlaps, levels, timers, SME payment terms, tax.
///
/// # Example
/// ```
/// use lvyue::domain::{calendar::Calendar, checks::check, contract::Contract};
/// let c: Contract = serde_json::from_str(r#"{
///   "format": "lvyue-contract/2", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
///   "total": "405000", "total_in_words": "肆拾万伍千元整"
/// }"#).unwrap();
/// let f = check(&c, &Calendar::china());
/// assert_eq!(f[0].code, "words.nonstandard-numeral");
/// ```
pub fn check(contract: &Contract, calendar: &Calendar) -> Vec<Finding> {
    let mut out = Vec::new();
    words(contract, &mut out);
    items_sum(contract, &mut out);
    milestones(contract, &mut out);
    spans(contract, calendar, &mut out);
    penalties(contract, &mut out);
    overlaps(contract, &mut out);
    levels(contract, &mut out);
    numbering(contract, &mut out);
    timers(contract, &mut out);
    sme(contract, &mut out);
    tax(contract, &mut out);
    out
}

fn words_one(
    figure: Amount,
    text: &str,
    clauses: Vec<String>,
    what: (&str, &str),
    out: &mut Vec<Finding>,
) {
    let c = money::check_words(figure, text);
    if let Some(e) = &c.error {
        out.push(finding(
            "words.unreadable",
            Severity::Error,
            clauses.clone(),
            format!(
                "{}的大写金额“{text}”无法读取：{}",
                what.0,
                crate::domain::Localize::localize(e, crate::domain::Lang::Zh)
            ),
            format!(
                "{}: the amount in words \"{text}\" cannot be read: {}",
                what.1,
                crate::domain::Localize::localize(e, crate::domain::Lang::En)
            ),
        ));
        return;
    }
    for f in &c.findings {
        let severity = if matches!(f, WordsFinding::Mismatch { .. }) {
            Severity::Error
        } else {
            Severity::Warning
        };
        out.push(finding(
            f.code(),
            severity,
            clauses.clone(),
            format!(
                "{}“{text}”：{}（标准写法：{}）",
                what.0,
                crate::domain::Localize::localize(f, crate::domain::Lang::Zh),
                c.expected
            ),
            format!(
                "{} \"{text}\": {} (standard form: {})",
                what.1,
                crate::domain::Localize::localize(f, crate::domain::Lang::En),
                c.expected
            ),
        ));
    }
}

fn words(c: &Contract, out: &mut Vec<Finding>) {
    let bases = Bases::of(c);
    if let (Some(total), Some(w)) = (c.total, &c.total_in_words) {
        words_one(
            total,
            w,
            Vec::new(),
            ("合同总额", "The contract total"),
            out,
        );
    }
    for cl in &c.clauses {
        if let Rule::Payment(m) = &cl.rule {
            if let Some(w) = &m.stated_in_words {
                let figure = m.stated.or_else(|| milestone_amount(&bases, m));
                if let Some(figure) = figure {
                    words_one(
                        figure,
                        w,
                        vec![cl.id.clone()],
                        ("付款金额", "The payment"),
                        out,
                    );
                }
            }
        }
    }
    for s in &c.stated_amounts {
        words_one(
            s.amount,
            &s.words,
            vec![s.clause.clone()],
            ("金额", "The amount"),
            out,
        );
    }
}

fn milestone_amount(bases: &Bases<'_>, m: &Milestone) -> Option<Amount> {
    match &m.amount {
        MilestoneAmount::Rate { rate, base } => bases
            .value(base)?
            .checked_mul_rate(*rate)
            .map(Amount::round_fen),
        MilestoneAmount::Fixed { amount } => Some(*amount),
        MilestoneAmount::Recorded => None,
    }
}

fn sum(mut amounts: impl Iterator<Item = Amount>) -> Option<Amount> {
    amounts.try_fold(Amount::default(), |acc, a| acc.checked_add(a))
}

fn items_sum(c: &Contract, out: &mut Vec<Finding>) {
    let (Some(total), false) = (c.total, c.items.is_empty()) else {
        return;
    };
    let Some(s) = sum(c.items.iter().map(|i| i.amount)) else {
        return;
    };
    if s != total {
        // Both sums are checked at load (`amount.sum-overflow`): the difference is exact.
        let Some(diff) = s.checked_sub(total) else {
            return;
        };
        out.push(finding(
            "items.sum-mismatch",
            Severity::Error,
            Vec::new(),
            format!(
                "{} 个分项合计 {}，与合同总额 {} 不符（差 {}）",
                c.items.len(),
                s.format_yuan(),
                total.format_yuan(),
                diff.format_yuan()
            ),
            format!(
                "the {} line items add up to {}, not the total {} (difference {})",
                c.items.len(),
                s.format_yuan(),
                total.format_yuan(),
                diff.format_yuan()
            ),
        ));
    }
}

fn milestones(c: &Contract, out: &mut Vec<Finding>) {
    let bases = Bases::of(c);
    let ms: Vec<(&Clause, &Milestone)> = c
        .clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Payment(m) => Some((cl, m)),
            _ => None,
        })
        .collect();
    // Shares of the price (the total or the audited price) should make up 100%.
    let all_shares = !ms.is_empty()
        && ms.iter().all(|(_, m)| {
            matches!(
                &m.amount,
                MilestoneAmount::Rate {
                    base: Base::Total | Base::AuditedPrice,
                    ..
                }
            )
        });
    if all_shares {
        let total: Option<Decimal> = ms
            .iter()
            .filter_map(|(_, m)| match &m.amount {
                MilestoneAmount::Rate { rate, .. } => Some(rate.fraction()),
                _ => None,
            })
            .try_fold(Decimal::ZERO, |a, b| a.checked_add(b));
        // Rates are at most 100% each: a sum beyond Decimal is not a share of anything.
        let Some(total) = total else {
            return;
        };
        if total != Decimal::ONE {
            let pct = Rate::from_fraction(total).format_percent();
            out.push(finding(
                "milestones.percent-sum",
                Severity::Warning,
                ms.iter().map(|(cl, _)| cl.id.clone()).collect(),
                format!("各付款节点比例合计 {pct}，不是 100%"),
                format!("the payment milestones' shares add up to {pct}, not 100%"),
            ));
        }
    }
    for (cl, m) in &ms {
        let (Some(stated), MilestoneAmount::Rate { rate, base }) = (m.stated, &m.amount) else {
            continue;
        };
        let Some(computed) = bases
            .value(base)
            .and_then(|b| b.checked_mul_rate(*rate))
            .map(Amount::round_fen)
        else {
            continue;
        };
        if computed != stated.round_fen() {
            out.push(finding(
                "milestones.stated-mismatch",
                Severity::Error,
                vec![cl.id.clone()],
                format!(
                    "付款节点“{}”写明 {}，但 {} × 基数 = {}",
                    m.label.zh,
                    stated.format_yuan(),
                    rate.format_percent(),
                    computed.format_yuan()
                ),
                format!(
                    "milestone \"{}\" states {}, but {} of its base is {}",
                    m.id,
                    stated.format_yuan(),
                    rate.format_percent(),
                    computed.format_yuan()
                ),
            ));
        }
    }
}

/// Whole months from `from` to `to` (the day of the month counts: 06-15 to 11-14 is 4).
fn whole_months(from: NaiveDate, to: NaiveDate) -> i64 {
    let mut m =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if to.day() < from.day() && !is_month_end(to) {
        m -= 1;
    }
    m
}

fn is_month_end(d: NaiveDate) -> bool {
    d.succ_opt().is_none_or(|n| n.month() != d.month())
}

fn unit_names(u: SpanUnit) -> (&'static str, &'static str) {
    (unit_name(u, Lang::Zh), unit_name(u, Lang::En))
}

fn spans(c: &Contract, cal: &Calendar, out: &mut Vec<Finding>) {
    for s in &c.stated_spans {
        let n = i64::from(s.length.n);
        // The length between the dates, counted both ways (the end day included or not).
        let (actual, ok) = match s.length.unit {
            SpanUnit::Months | SpanUnit::Years => {
                let per = if s.length.unit == SpanUnit::Years {
                    12
                } else {
                    1
                };
                let m = whole_months(s.from, s.to);
                let m_incl =
                    s.to.succ_opt()
                        .map(|t| whole_months(s.from, t))
                        .unwrap_or(m);
                let ok = m == n * per || m_incl == n * per;
                let actual = if m_incl > m && m_incl % per == 0 {
                    m_incl
                } else {
                    m
                };
                (actual / per, ok)
            }
            SpanUnit::Days | SpanUnit::Weeks => {
                let per = if s.length.unit == SpanUnit::Weeks {
                    7
                } else {
                    1
                };
                let d = (s.to - s.from).num_days();
                let ok = d == n * per || d + 1 == n * per;
                (d / per, ok)
            }
            SpanUnit::WorkingDays => {
                let d = cal.working_days_between(s.from, s.to);
                (d, d == n || d + 1 == n)
            }
            SpanUnit::Hours | SpanUnit::Minutes => continue,
        };
        if !ok {
            let (zh, en) = unit_names(s.length.unit);
            out.push(finding(
                "span.stated-mismatch",
                Severity::Warning,
                vec![s.clause.clone()],
                format!(
                    "写明 {} 至 {} 为 {}{zh}，实际为 {}{zh}",
                    s.from, s.to, s.length.n, actual
                ),
                format!(
                    "{} to {} is stated as {} {en}; it is {} {en}",
                    s.from, s.to, s.length.n, actual
                ),
            ));
        }
    }
}

/// The daily rate of a formula, and the number of days it stands for, when it accrues with time.
fn daily_rate(p: &Penalty) -> Option<Rate> {
    let r = match &p.formula {
        Formula::PerDay { rate, schedule, .. } => Formula::per_day_rate(*rate, schedule).fraction(),
        Formula::PerPeriod { period, rate, .. } => {
            let days = match period.unit {
                SpanUnit::Days => period.n,
                SpanUnit::Weeks => period.n.checked_mul(7)?,
                SpanUnit::Months => period.n.checked_mul(30)?,
                SpanUnit::Years => period.n.checked_mul(365)?,
                _ => return None,
            };
            if days == 0 {
                return None;
            }
            rate.fraction().checked_div(Decimal::from(days))?
        }
        Formula::PerOccurrence(_) => return None,
    };
    let i = p.interest.map(Rate::fraction).unwrap_or_default();
    r.checked_add(i).map(Rate::from_fraction)
}

fn formula_text(p: &Penalty) -> (String, String) {
    let interest = |zh: bool| match p.interest {
        Some(i) if zh => format!("，另加利息每日 {}", i.format_percent()),
        Some(i) => format!(", plus interest of {} a day", i.format_percent()),
        None => String::new(),
    };
    let (zh, en) = match &p.formula {
        Formula::PerDay {
            rate,
            schedule,
            base,
            working_days,
            ..
        } => (
            format!(
                "每{}日 {} × {}",
                if *working_days { "工作" } else { "" },
                day_rates_text(*rate, schedule, Lang::Zh),
                base_zh(base)
            ),
            format!(
                "{} of {} per {}day",
                day_rates_text(*rate, schedule, Lang::En),
                base_en(base),
                if *working_days { "working " } else { "" }
            ),
        ),
        Formula::PerPeriod { period, rate, base } => {
            let (uz, ue) = unit_names(period.unit);
            (
                format!(
                    "每 {}{uz} {} × {}",
                    period.n,
                    rate.format_percent(),
                    base_zh(base)
                ),
                format!(
                    "{} of {} per {} {ue}",
                    rate.format_percent(),
                    base_en(base),
                    period.n
                ),
            )
        }
        Formula::PerOccurrence(po) => match &po.amount {
            OccurrenceAmount::Fixed { amount } => (
                format!("每次 {}", amount.format_yuan()),
                format!("{} each time", amount.format_yuan()),
            ),
            OccurrenceAmount::Range { low, high } => (
                format!("每次 {}–{}", low.format_yuan(), high.format_yuan()),
                format!("{} to {} each time", low.format_yuan(), high.format_yuan()),
            ),
            OccurrenceAmount::Rate { rate, base } => (
                format!("每次 {} × {}", rate.format_percent(), base_zh(base)),
                format!("{} of {} each time", rate.format_percent(), base_en(base)),
            ),
            OccurrenceAmount::RateRange { low, high, base } => (
                format!(
                    "每次 {}–{} × {}",
                    low.format_percent(),
                    high.format_percent(),
                    base_zh(base)
                ),
                format!(
                    "{} to {} of {} each time",
                    low.format_percent(),
                    high.format_percent(),
                    base_en(base)
                ),
            ),
            OccurrenceAmount::ByLevel { base, .. } => (
                format!("按等级比例 × {}", base_zh(base)),
                format!("a rate by level of {}", base_en(base)),
            ),
        },
    };
    let cap = |zh: bool| match &p.cap {
        Some(Cap {
            rate: Some(r),
            base: Some(b),
            ..
        }) if zh => format!("，上限 {} × {}", r.format_percent(), base_zh(b)),
        Some(Cap {
            rate: Some(r),
            base: Some(b),
            ..
        }) => format!(", capped at {} of {}", r.format_percent(), base_en(b)),
        Some(Cap {
            amount: Some(a), ..
        }) if zh => format!("，上限 {}", a.format_yuan()),
        Some(Cap {
            amount: Some(a), ..
        }) => format!(", capped at {}", a.format_yuan()),
        _ if zh => "，无上限".to_string(),
        _ => ", no cap".to_string(),
    };
    (
        format!("{zh}{}{}", interest(true), cap(true)),
        format!("{en}{}{}", interest(false), cap(false)),
    )
}

/// A base in Chinese.
pub fn base_zh(b: &Base) -> String {
    match b {
        Base::Total => "合同总额".into(),
        Base::Item { item: Some(i) } => format!("分项“{i}”金额"),
        Base::Item { item: None } => "所涉分项金额".into(),
        Base::Overdue => "逾期金额".into(),
        Base::AuditedPrice => "审计价".into(),
        Base::Occurrence => "所涉金额".into(),
        Base::Fact { fact } => format!("事实“{fact}”所载金额"),
        Base::Amount { amount } => amount.format_yuan(),
        Base::TermShare { period } => format!(
            "合同总额按服务期分摊的一{}",
            crate::domain::engine::periods::kind_name(*period).zh
        ),
        Base::PeriodFee { item, period, .. } => format!(
            "{}当期（{}）服务金额",
            item.as_deref()
                .map_or("所涉分项".to_string(), |i| format!("分项“{i}”")),
            crate::domain::engine::periods::kind_name(*period).zh
        ),
        Base::Recorded { label, .. } => label.zh.clone(),
    }
}

/// A base in English.
pub fn base_en(b: &Base) -> String {
    match b {
        Base::Total => "the contract total".into(),
        Base::Item { item: Some(i) } => format!("item \"{i}\""),
        Base::Item { item: None } => "the item concerned".into(),
        Base::Overdue => "the overdue amount".into(),
        Base::AuditedPrice => "the audited price".into(),
        Base::Occurrence => "the amount concerned".into(),
        Base::Fact { fact } => format!("the amount of fact \"{fact}\""),
        Base::Amount { amount } => amount.format_yuan(),
        Base::TermShare { period } => format!(
            "the contract total for one {} of the term",
            crate::domain::engine::periods::kind_name(*period)
                .en
                .unwrap_or_default()
        ),
        Base::PeriodFee { item, period, .. } => format!(
            "the {} fee of {}",
            crate::domain::engine::periods::kind_name(*period)
                .en
                .unwrap_or_default(),
            item.as_deref()
                .map_or("the item concerned".to_string(), |i| format!(
                    "item \"{i}\""
                ))
        ),
        Base::Recorded { label, .. } => label.en.clone().unwrap_or_else(|| label.zh.clone()),
    }
}

fn penalties(c: &Contract, out: &mut Vec<Finding>) {
    let shared: BTreeSet<&str> = order::set(
        c.shared_caps
            .iter()
            .flat_map(|s| s.clauses.iter().map(String::as_str)),
    );
    for cl in &c.clauses {
        let Rule::Penalty(p) = &cl.rule else { continue };
        let accrues = matches!(
            p.formula,
            Formula::PerDay { .. } | Formula::PerPeriod { .. }
        );
        if accrues && p.cap.is_none() && !shared.contains(cl.id.as_str()) {
            out.push(finding(
                "penalty.uncapped",
                Severity::Warning,
                vec![cl.id.clone()],
                format!("第 {} 条违约金随逾期时间累计且未约定上限（{}）：金额可无限增长；法律未规定违约金的固定上限，但过高部分可依民法典第五百八十五条请求调减", cl.id, formula_text(p).0),
                format!("clause {}: the penalty grows with the delay and has no cap ({}): it can grow without limit; no statute caps penalties, but an excessive one may be reduced on request (Civil Code Art. 585)", cl.id, formula_text(p).1),
            ));
        }
        if let Some(daily) = daily_rate(p) {
            let annual = Rate::from_fraction(daily.annualised(365).fraction().round_dp(4));
            let daily = Rate::from_fraction(daily.fraction().round_dp(6));
            if annual.fraction() > high_annual_rate() {
                out.push(finding(
                    "penalty.high-annual-rate",
                    Severity::Warning,
                    vec![cl.id.clone()],
                    format!(
                        "第 {} 条折合日费率 {}，年化约 {}（按 365 日）。约定的违约金过分高于损失的，法院可依请求适当减少（民法典第五百八十五条）；超过损失 30% 的一般认定为过分高于损失（合同编通则解释第六十五条）。以逾期付款为例，损失常参照一年期 LPR（{}）加计 30%–50%",
                        cl.id, daily.format_percent(), annual.format_percent(), Rate::from_fraction(lpr_one_year()).format_percent()
                    ),
                    format!(
                        "clause {}: a daily rate of {} is about {} a year (365 days). A court may reduce liquidated damages excessively higher than the loss (Civil Code Art. 585); more than 30% above the loss is generally excessive (Interpretation 2023 Art. 65). For late payment the loss is often taken as the 1-year LPR ({}) plus 30–50%",
                        cl.id, daily.format_percent(), annual.format_percent(), Rate::from_fraction(lpr_one_year()).format_percent()
                    ),
                ));
            }
        }
        if let Some(Cap {
            rate: Some(r),
            base: Some(Base::Total),
            ..
        }) = &p.cap
        {
            if r.fraction() > Decimal::new(30, 2) {
                out.push(finding(
                    "penalty.high-cap",
                    Severity::Warning,
                    vec![cl.id.clone()],
                    format!("第 {} 条违约金上限为合同总额的 {}，偏高：过分高于损失的部分可请求调减（民法典第五百八十五条）", cl.id, r.format_percent()),
                    format!("clause {}: the cap is {} of the contract total, which is high: an excessive penalty may be reduced (Civil Code Art. 585)", cl.id, r.format_percent()),
                ));
            }
        }
    }
}

/// A title reduced to what it is about: the part before a colon (titles often go on with the
/// amount), letters and digits only.
fn normalize_title(s: &str) -> String {
    let head = s.split(['：', ':']).next().unwrap_or(s);
    head.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn overlaps(c: &Contract, out: &mut Vec<Finding>) {
    let penalties: Vec<(&Clause, &Penalty)> = c
        .clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Penalty(p) => Some((cl, p)),
            _ => None,
        })
        .collect();
    // Deadline triggers: the same deadline, or deadlines met by the same event.
    let done_by: BTreeMap<&str, &str> = order::map(
        c.deadlines
            .iter()
            .rev()
            .map(|d| (d.id.as_str(), d.done.as_str())),
    );
    let mut groups: BTreeMap<String, Vec<(&Clause, &Penalty)>> = BTreeMap::new();
    for (cl, p) in &penalties {
        if let Trigger::Deadline { deadline, .. } = &p.trigger {
            let key = done_by
                .get(deadline.as_str())
                .map(|done| format!("done:{done}:{}", p.payer_key()))
                .unwrap_or_else(|| format!("deadline:{deadline}"));
            groups.entry(key).or_default().push((cl, p));
        }
    }
    for group in groups.values().filter(|g| g.len() > 1) {
        let ids: Vec<String> = group.iter().map(|(cl, _)| cl.id.clone()).collect();
        let zh_list: Vec<String> = group
            .iter()
            .map(|(cl, p)| format!("第 {} 条：{}", cl.id, formula_text(p).0))
            .collect();
        let en_list: Vec<String> = group
            .iter()
            .map(|(cl, p)| format!("clause {}: {}", cl.id, formula_text(p).1))
            .collect();
        out.push(finding(
            "penalty.overlap",
            Severity::Warning,
            ids.clone(),
            format!("{} 条款对同一逾期行为分别约定违约金（{}）：{}。需明确是择一适用还是累计", ids.len(), ids.join("、"), zh_list.join("；")),
            format!("{} clauses penalise the same delay ({}): {}. Whether they apply in the alternative or add up must be settled", ids.len(), ids.join(", "), en_list.join("; ")),
        ));
    }
    occurrence_overlaps(&penalties, out);
}

/// Occurrence triggers of one payer: equal titles, or clauses that name each other, make one
/// group (linked through any chain of such pairs) and one finding naming every clause in it —
/// `penalty.conflict` when their formulas differ, `penalty.overlap` when they are all the same.
/// Grouped by key and by a trie of the ids, not pair by pair (issue 10, item 16).
fn occurrence_overlaps(penalties: &[(&Clause, &Penalty)], out: &mut Vec<Finding>) {
    let occ: Vec<(&Clause, &Penalty)> = penalties
        .iter()
        .filter(|(_, p)| matches!(p.trigger, Trigger::Occurrence))
        .copied()
        .collect();
    let mut groups = Groups::new(occ.len());
    let mut by_title: BTreeMap<(String, &'static str), usize> = BTreeMap::new();
    for (i, (cl, p)) in occ.iter().enumerate() {
        let key = (normalize_title(&cl.title.zh), p.payer_key());
        let first = *by_title.entry(key).or_insert(i);
        groups.link(first, i);
    }
    let ids = IdMatcher::new(
        occ.iter()
            .enumerate()
            .map(|(i, (cl, _))| (cl.id.as_str(), i)),
    );
    for (i, (cl, p)) in occ.iter().enumerate() {
        if let Some(text) = cl.text.as_deref() {
            ids.named(text, |j| {
                if j != i && occ[j].1.payer == p.payer {
                    groups.link(i, j);
                }
            });
        }
    }
    for members in groups.groups() {
        let group: Vec<(&Clause, &Penalty)> = members.iter().map(|&i| occ[i]).collect();
        let (first, fp) = group[0];
        let conflict = group.iter().any(|(_, p)| p.formula != fp.formula);
        let (code, severity) = if conflict {
            ("penalty.conflict", Severity::Warning)
        } else {
            ("penalty.overlap", Severity::Info)
        };
        let ids: Vec<String> = group.iter().map(|(cl, _)| cl.id.clone()).collect();
        let texts: Vec<(String, String)> = group.iter().map(|(_, p)| formula_text(p)).collect();
        let zh_list: Vec<String> = ids
            .iter()
            .zip(&texts)
            .map(|(id, t)| format!("第 {id} 条：{}", t.0))
            .collect();
        let en_list: Vec<String> = ids
            .iter()
            .zip(&texts)
            .map(|(id, t)| format!("clause {id}: {}", t.1))
            .collect();
        out.push(finding(
            code,
            severity,
            ids.clone(),
            format!(
                "{} 条条款针对同一违约情形（“{}”）约定了{}金额：{}",
                ids.len(),
                first.title.zh,
                if conflict { "不同的" } else { "重复的" },
                zh_list.join("；")
            ),
            format!(
                "{} clauses have the same trigger (\"{}\") and {} amounts: {}",
                ids.len(),
                first.title.en.as_deref().unwrap_or(&first.title.zh),
                if conflict { "different" } else { "the same" },
                en_list.join("; ")
            ),
        ));
    }
}

trait PayerKey {
    fn payer_key(&self) -> &'static str;
}

impl PayerKey for Penalty {
    fn payer_key(&self) -> &'static str {
        match self.payer {
            PartyRef::Buyer => "buyer",
            PartyRef::Seller => "seller",
            PartyRef::Breaching => "breaching",
        }
    }
}

/// Level numbers a text mentions (`5级`, `五级`, `5 级`), as their digits: a number of any
/// length is kept as written (`99999999999级` does not fit a machine integer, and is a level).
fn level_numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (i, &ch) in chars.iter().enumerate() {
        if ch != '级' {
            continue;
        }
        let mut j = i;
        while j > 0 && chars[j - 1] == ' ' {
            j -= 1;
        }
        if j == 0 {
            continue;
        }
        let prev = chars[j - 1];
        let n = if prev.is_ascii_digit() {
            let mut k = j - 1;
            while k > 0 && chars[k - 1].is_ascii_digit() {
                k -= 1;
            }
            let digits: String = chars[k..j].iter().collect();
            let digits = digits.trim_start_matches('0');
            Some(if digits.is_empty() { "0" } else { digits }.to_string())
        } else {
            "一二三四五六七八九十"
                .chars()
                .position(|c| c == prev)
                .map(|p| (p + 1).to_string())
        };
        if let Some(n) = n {
            // Not part of a word such as 一级 in 统一级别: accept when preceded by a boundary.
            out.push(n);
        }
    }
    out
}

/// The level ids the SLA clauses give limits for (the severity table).
fn sla_levels(c: &Contract) -> BTreeSet<&str> {
    order::set(
        c.clauses
            .iter()
            .filter_map(|cl| match &cl.rule {
                Rule::Sla(s) => Some(s),
                _ => None,
            })
            .flat_map(|s| s.timers.iter())
            .flat_map(|t| t.limits.iter())
            .flat_map(|l| l.levels.iter().map(String::as_str)),
    )
}

/// The levels a penalty clause names.
fn penalty_levels(p: &Penalty) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    if let Trigger::Incident { levels, .. } = &p.trigger {
        v.extend(levels.iter().map(String::as_str));
    }
    if let Formula::PerOccurrence(po) = &p.formula {
        if let OccurrenceAmount::ByLevel { rates, .. } = &po.amount {
            v.extend(rates.iter().map(|r| r.level.as_str()));
        }
    }
    v
}

fn levels(c: &Contract, out: &mut Vec<Finding>) {
    if c.levels.is_empty() {
        return;
    }
    let ids: BTreeSet<&str> = order::set(c.levels.iter().map(|l| l.id.as_str()));
    // The severity table: the levels the SLA clauses set limits for, or else all levels.
    let table = sla_levels(c);
    let table: BTreeSet<&str> = if table.is_empty() { ids.clone() } else { table };
    let table_list: Vec<&str> = c
        .levels
        .iter()
        .map(|l| l.id.as_str())
        .filter(|l| table.contains(l))
        .collect();
    // Each finding lists the table; a long one is shortened, so that the findings stay linear
    // in the contract (clauses × levels otherwise).
    const LISTED: usize = 20;
    let listed = |sep: &str| {
        let mut s = table_list[..table_list.len().min(LISTED)].join(sep);
        if table_list.len() > LISTED {
            s.push_str(sep);
            s.push('…');
        }
        s
    };
    let (table_zh, table_en) = (listed("、"), listed(", "));
    for cl in &c.clauses {
        let mut beyond: BTreeSet<String> = BTreeSet::new();
        if let Some(t) = &cl.text {
            for n in level_numbers(t) {
                // A number too long for a usize is beyond any table.
                if n.parse::<usize>().map_or(true, |n| n > table.len()) {
                    beyond.insert(format!("{n}级"));
                }
            }
        }
        if let Rule::Penalty(p) = &cl.rule {
            for l in penalty_levels(p) {
                if !table.contains(l) || !ids.contains(l) {
                    beyond.insert(l.to_string());
                }
            }
        }
        if !beyond.is_empty() {
            // A level the contract declares (with a label) is said by its label, not its id.
            let said = |n: &String, en: bool| {
                c.levels.iter().find(|x| &x.id == n).map_or_else(
                    || n.clone(),
                    |x| match (en, &x.label.en) {
                        (true, Some(e)) => format!("\"{e}\""),
                        _ => format!("“{}”", x.label.zh),
                    },
                )
            };
            let names_en: Vec<String> = beyond.iter().map(|n| said(n, true)).collect();
            let names: Vec<String> = beyond.iter().map(|n| said(n, false)).collect();
            out.push(finding(
                "levels.undefined",
                Severity::Warning,
                vec![cl.id.clone()],
                format!(
                    "第 {} 条提到等级 {}，但合同的等级表只定义了 {} 个等级（{}）",
                    cl.id,
                    names.join("、"),
                    table_list.len(),
                    table_zh
                ),
                format!(
                    "clause {} names level {}, but the contract's severity table defines only {} levels ({})",
                    cl.id,
                    names_en.join(", "),
                    table_list.len(),
                    table_en
                ),
            ));
        }
    }
}

/// A clause number at the start of a text: `6.6.1` of "6.6.1不能完成…" (digits with at least one
/// inner dot), None otherwise.
fn leading_number(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let end = t
        .find(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
        .unwrap_or(t.len());
    let n = t[..end].trim_end_matches('.');
    (n.contains('.') && n.starts_with(|ch: char| ch.is_ascii_digit())).then_some(n)
}

/// The dotted numbers in a clause id (`6.2.1` of `6.2.1-现场`; `1.1` of `附件3-1.1`).
fn dotted_numbers(id: &str) -> Vec<&str> {
    id.split(|ch: char| !(ch.is_ascii_digit() || ch == '.'))
        .map(|t| t.trim_matches('.'))
        .filter(|t| t.contains('.'))
        .collect()
}

/// Clauses whose text starts with a number other than the one in their id: a numbering slip in
/// the source (001: the clause under 6.2 numbered "6.6.1"), or a clause filed under the wrong
/// id. A text that also names the id's own number is an excerpt of several clauses: not flagged. One finding per (text number, id number) pair, naming every clause that shows it.
fn numbering(c: &Contract, out: &mut Vec<Finding>) {
    let mut slips: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for cl in &c.clauses {
        let Some(n) = cl.text.as_deref().and_then(leading_number) else {
            continue;
        };
        let ids = dotted_numbers(&cl.id);
        // A text quoting its own number as well (001 6.7: "4.2 …… 6.7 厂商…") is an excerpt of
        // several clauses, not a slip.
        let quoted = cl.text.as_deref().is_some_and(|t| {
            let in_text = dotted_numbers(t);
            ids.iter().any(|i| in_text.contains(i))
        });
        if let (Some(first), false) = (ids.first(), ids.contains(&n) || quoted) {
            slips.entry((n, first)).or_default().push(cl.id.clone());
        }
    }
    for ((n, id), clauses) in slips {
        let list = clauses.join("、");
        out.push(finding(
            "clause.numbering",
            Severity::Warning,
            clauses.clone(),
            format!("第 {list} 条的条文以“{n}”开头，而条款编号为 {id}：可能是原文编号笔误，引用此条时请核对"),
            format!(
                "the text of clause {} starts with \"{n}\" but the clause is numbered {id}: possibly a numbering slip in the source; check references to it",
                clauses.join(", ")
            ),
        ));
    }
}

fn span_text(s: &Span) -> (String, String) {
    let (zh, en) = unit_names(s.unit);
    (format!("{}{zh}", s.n), format!("{} {en}", s.n))
}

/// The limits a timer sets for one level: (n, unit) pairs, sorted, without repeats.
type LimitSet = Vec<(u32, u8)>;

fn limit_set<'l>(limits: impl Iterator<Item = &'l Limit>) -> LimitSet {
    let mut v: LimitSet = limits.map(|l| (l.within.n, l.within.unit as u8)).collect();
    order::sort(&mut v);
    v.dedup();
    v
}

/// One timer of an SLA clause, with the limits it sets: for levels its limits do not name, and
/// for each level of the contract they name.
struct TimerLimits<'c> {
    clause: usize,
    timer: &'c Timer,
    default: usize,
    by_level: BTreeMap<&'c str, usize>,
}

/// Counts of (clause, limit set) pairs: whether two clauses set different non-empty limits.
#[derive(Default)]
struct Tally {
    values: BTreeMap<usize, usize>,
    clauses: BTreeMap<usize, usize>,
}

impl Tally {
    /// Adds (`by` 1) or removes (`by` -1) a timer's limit set; the empty set (0) counts not.
    fn add(&mut self, clause: usize, value: usize, by: isize) {
        if value == 0 {
            return;
        }
        for (map, key) in [(&mut self.values, value), (&mut self.clauses, clause)] {
            let n = map.entry(key).or_insert(0);
            *n = n.saturating_add_signed(by);
            if *n == 0 {
                map.remove(&key);
            }
        }
    }

    /// Some pair of different clauses sets different limits (proof: a pair differing in both
    /// exists unless all values or all clauses are the same).
    fn disagree(&self) -> bool {
        self.values.len() > 1 && self.clauses.len() > 1
    }
}

/// Timers of different SLA clauses that stop at the same moment of the same subjects and set
/// different limits for a level: one finding per such timer, naming every clause that sets it
/// (grouped by the moment, and counted per level, not compared pair by pair: issue 10, item 16).
fn timers(c: &Contract, out: &mut Vec<Finding>) {
    let slas: Vec<(&Clause, &Sla)> = c
        .clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Sla(s) => Some((cl, s)),
            _ => None,
        })
        .collect();
    let levels: BTreeSet<&str> = order::set(c.levels.iter().map(|l| l.id.as_str()));
    // Limit sets interned to numbers; number 0 is the empty set.
    let mut sets: BTreeMap<LimitSet, usize> = BTreeMap::new();
    sets.insert(Vec::new(), 0);
    let mut intern = |v: LimitSet| {
        let n = sets.len();
        *sets.entry(v).or_insert(n)
    };
    let mut keys: Vec<(bool, &MomentRef)> = Vec::new();
    let mut groups: Vec<Vec<TimerLimits<'_>>> = Vec::new();
    for (ci, (_, s)) in slas.iter().enumerate() {
        let incidents = s.applies_to == SlaSubject::Incidents;
        for t in &s.timers {
            let key = (incidents, &t.to);
            let g = match keys.iter().position(|k| *k == key) {
                Some(g) => g,
                None => {
                    keys.push(key);
                    groups.push(Vec::new());
                    keys.len() - 1
                }
            };
            let unconditional = || t.limits.iter().filter(|l| l.levels.is_empty());
            let named: BTreeSet<&str> = order::set(
                t.limits
                    .iter()
                    .flat_map(|l| l.levels.iter().map(String::as_str))
                    .filter(|l| levels.contains(l)),
            );
            let by_level = order::map(named.into_iter().map(|lv| {
                let applying = unconditional()
                    .chain(t.limits.iter().filter(|l| l.levels.iter().any(|x| x == lv)));
                (lv, intern(limit_set(applying)))
            }));
            groups[g].push(TimerLimits {
                clause: ci,
                timer: t,
                default: intern(limit_set(unconditional())),
                by_level,
            });
        }
    }
    for group in &groups {
        if !group_disagrees(group, &levels) {
            continue;
        }
        let mut named: Vec<&TimerLimits<'_>> = group
            .iter()
            .filter(|t| !t.timer.limits.is_empty())
            .collect();
        order::sort_by_key(&mut named, |t| t.clause);
        named.dedup_by_key(|t| t.clause);
        let ids: Vec<String> = named.iter().map(|t| slas[t.clause].0.id.clone()).collect();
        let label = &group[0].timer.label;
        let list = |zh: bool| -> Vec<String> {
            named
                .iter()
                .map(|t| {
                    let id = &slas[t.clause].0.id;
                    let shown = show_limits(t.timer, zh);
                    if zh {
                        format!("第 {id} 条：{shown}")
                    } else {
                        format!("clause {id}: {shown}")
                    }
                })
                .collect()
        };
        out.push(finding(
            "sla.timers-disagree",
            Severity::Warning,
            ids.clone(),
            format!(
                "{} 个条款对同一时限（“{}”）约定不同：{}",
                ids.len(),
                label.zh,
                list(true).join("；")
            ),
            format!(
                "{} clauses set different limits for the same timer (\"{}\"): {}",
                ids.len(),
                label.en.as_deref().unwrap_or(&label.zh),
                list(false).join("; ")
            ),
        ));
    }
}

/// Whether, for some level of the contract (or, without levels, for every incident), two
/// timers of the group from different clauses set different non-empty limits.
fn group_disagrees(group: &[TimerLimits<'_>], levels: &BTreeSet<&str>) -> bool {
    let clauses: BTreeSet<usize> = order::set(group.iter().map(|t| t.clause));
    if clauses.len() < 2 {
        return false;
    }
    // Every timer's limits for a level none of them names.
    let mut tally = Tally::default();
    for t in group {
        tally.add(t.clause, t.default, 1);
    }
    let mut naming: BTreeMap<&str, Vec<&TimerLimits<'_>>> = BTreeMap::new();
    for t in group {
        for lv in t.by_level.keys() {
            naming.entry(lv).or_default().push(t);
        }
    }
    let unnamed_level = levels.is_empty() || levels.len() > naming.len();
    if unnamed_level && tally.disagree() {
        return true;
    }
    // A level some timers name: theirs replace their defaults, then back.
    for (lv, ts) in &naming {
        for t in ts {
            tally.add(t.clause, t.default, -1);
            tally.add(t.clause, t.by_level[lv], 1);
        }
        let disagree = tally.disagree();
        for t in ts {
            tally.add(t.clause, t.by_level[lv], -1);
            tally.add(t.clause, t.default, 1);
        }
        if disagree {
            return true;
        }
    }
    false
}

/// A timer's limits as text: "30分钟 [L1]、2小时" (zh) or "30 minutes [L1], 2 hours".
fn show_limits(t: &Timer, zh: bool) -> String {
    let shown: Vec<String> = t
        .limits
        .iter()
        .map(|l| {
            let (sz, se) = span_text(&l.within);
            let lv = if l.levels.is_empty() {
                String::new()
            } else {
                format!(" [{}]", l.levels.join(","))
            };
            format!("{}{lv}", if zh { sz } else { se })
        })
        .collect();
    shown.join(if zh { "、" } else { ", " })
}

/// A span in calendar days, roughly, for comparing with the SME regulation's 30 and 60 days.
fn span_days(s: &Span) -> Option<u32> {
    match s.unit {
        SpanUnit::Minutes | SpanUnit::Hours => Some(0),
        SpanUnit::Days => Some(s.n),
        SpanUnit::WorkingDays => s.n.checked_mul(7).map(|d| d.div_ceil(5)),
        SpanUnit::Weeks => s.n.checked_mul(7),
        SpanUnit::Months => s.n.checked_mul(30),
        SpanUnit::Years => s.n.checked_mul(365),
    }
}

/// The days from the event a payment hangs on (other than signing) to its due date.
fn offset_days(w: &When) -> Option<(u32, &str)> {
    let event = w.event.as_deref()?;
    if matches!(event, "signing" | "effective" | "term_start") {
        return None;
    }
    let own = if event == "invoice" {
        0
    } else {
        w.after.as_ref().and_then(span_days).unwrap_or(0)
    };
    let nested = w
        .not_before
        .iter()
        .filter_map(offset_days)
        .map(|(d, _)| d)
        .max()
        .unwrap_or(0);
    Some((own.max(nested), event))
}

fn sme(c: &Contract, out: &mut Vec<Finding>) {
    if !(c.parties.buyer.public_body && c.parties.seller.sme) {
        return;
    }
    for cl in &c.clauses {
        let Rule::Payment(m) = &cl.rule else { continue };
        if let MilestoneAmount::Rate {
            base: Base::AuditedPrice,
            ..
        } = &m.amount
        {
            out.push(finding(
                "sme.audit-settlement",
                Severity::Warning,
                vec![cl.id.clone()],
                format!("付款节点“{}”以审计价为基数：机关、事业单位不得强制要求以审计机关的审计结果作为结算依据（《保障中小企业款项支付条例》第十二条）", m.label.zh),
                format!("milestone \"{}\" is a share of the audited price: public bodies may not require audit results as the basis of settlement (SME Payment Regulation Art. 12)", m.id),
            ));
        }
        if m.retention {
            continue;
        }
        let Some((days, event)) = offset_days(&m.due) else {
            continue;
        };
        if days > 60 {
            out.push(finding(
                "sme.payment-over-60",
                Severity::Error,
                vec![cl.id.clone()],
                format!("付款节点“{}”在“{event}”后约 {days} 日到期：机关、事业单位向中小企业付款的期限自交付（或验收合格）之日起最长不得超过 60 日（《保障中小企业款项支付条例》第九条、第十条）", m.label.zh),
                format!("milestone \"{}\" falls due about {days} days after \"{event}\": a public body must pay an SME within at most 60 days of delivery or acceptance (SME Payment Regulation Arts. 9, 10)", m.id),
            ));
        } else if days > 30 {
            out.push(finding(
                "sme.payment-over-30",
                Severity::Warning,
                vec![cl.id.clone()],
                format!("付款节点“{}”在“{event}”后约 {days} 日到期：法定期限为 30 日，合同另有约定的最长 60 日（《保障中小企业款项支付条例》第九条）", m.label.zh),
                format!("milestone \"{}\" falls due about {days} days after \"{event}\": the rule is 30 days, at most 60 by agreement (SME Payment Regulation Art. 9)", m.id),
            ));
        }
    }
    let late: Vec<(&Clause, &Penalty)> = c
        .clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Penalty(p)
                if p.payer == Side::Buyer && matches!(p.trigger, Trigger::LatePayment { .. }) =>
            {
                Some((cl, p))
            }
            _ => None,
        })
        .collect();
    if late.is_empty() {
        out.push(finding(
            "sme.default-interest",
            Severity::Info,
            Vec::new(),
            "合同未约定逾期付款利息：机关、事业单位迟延支付中小企业款项的，按每日万分之五支付逾期利息（《保障中小企业款项支付条例》第十七条）".into(),
            "the contract sets no late-payment interest: a public body paying an SME late owes 0.05% a day (SME Payment Regulation Art. 17)".into(),
        ));
    }
    for (cl, p) in late {
        let Some(daily) = daily_rate(p) else { continue };
        let annual = daily.annualised(365);
        if annual.fraction() < lpr_one_year() {
            out.push(finding(
                "sme.late-interest-low",
                Severity::Warning,
                vec![cl.id.clone()],
                format!("第 {} 条逾期付款利率年化约 {}，低于订立合同时的一年期 LPR（{}）：约定利率不得低于该 LPR（《保障中小企业款项支付条例》第十七条）", cl.id, annual.format_percent(), Rate::from_fraction(lpr_one_year()).format_percent()),
                format!("clause {}: the late-payment rate is about {} a year, below the 1-year LPR ({}): an agreed rate may not be lower (SME Payment Regulation Art. 17)", cl.id, annual.format_percent(), Rate::from_fraction(lpr_one_year()).format_percent()),
            ));
        }
    }
}

fn tax(c: &Contract, out: &mut Vec<Finding>) {
    let Some(tax) = &c.tax else { return };
    if !tax.included {
        return;
    }
    let mut split = |gross: Amount, rate: Rate, what: (&str, &str)| {
        if let Ok(s) = money::vat_split(gross, rate) {
            out.push(finding(
                "tax.split",
                Severity::Info,
                Vec::new(),
                format!(
                    "{}含税 {}（税率 {}）：不含税金额 {}，税额 {}",
                    what.0,
                    gross.format_yuan(),
                    rate.format_percent(),
                    s.net.format_yuan(),
                    s.tax.format_yuan()
                ),
                format!(
                    "{} {} including {} VAT: net {}, tax {}",
                    what.1,
                    gross.format_yuan(),
                    rate.format_percent(),
                    s.net.format_yuan(),
                    s.tax.format_yuan()
                ),
            ));
        }
    };
    if let Some(total) = c.total {
        split(total, tax.rate, ("合同总额", "The contract total"));
    }
    for p in &tax.parts {
        let zh = format!("其中“{}”", p.label.zh);
        let en = format!(
            "Of which \"{}\"",
            p.label.en.as_deref().unwrap_or(&p.label.zh)
        );
        split(p.amount, p.rate, (&zh, &en));
    }
}
