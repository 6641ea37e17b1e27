//! Explanations: the report's structured steps, results and findings rendered as text in
//! zh-CN or English, and whole reports as Markdown and CSV.
//!
//! A figure nobody can retrace is worth little in a dispute. The engine stores *how* each
//! amount was found as [`Step`]s (formula, inputs, rounding, cap) and no sentence; this module
//! is the one place that turns them into sentences such as
//! "1% × 合同总额 ¥980,000.00 × 3 日 = ¥29,400.00", so the CLI, the page and exported files
//! all say the same thing.

use crate::domain::contract::{Label, Measure, RightKind, Side, Span, SpanUnit};
use crate::domain::escape;
use crate::domain::labels::{clause_number, count_en, derive, looks_internal, ordinal_en, Labels};
use crate::domain::money::{Amount, Rate};
use crate::domain::report::{
    ClauseResult, Exposure, Finding, MilestoneResult, Named, ObligationInstance, ObligationStatus,
    PaymentStatus, Report, RightResult, Severity, Step, TimerResult, TimerStatus, Warning,
};
use crate::domain::{Lang, Localize};

/// A label in the language (English falls back to Chinese).
pub fn label(l: &Label, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &l.zh,
        Lang::En => l.en.as_deref().unwrap_or(&l.zh),
    }
}

fn named(n: &Named, lang: Lang) -> String {
    format!("{} {}", label(&n.label, lang), n.amount.format_yuan())
}

fn y(a: &Amount) -> String {
    a.format_yuan()
}

fn pct(r: &Rate) -> String {
    r.format_percent()
}

/// The name of a span's unit: `日`, `days` (the one table of unit names).
pub fn unit_name(u: SpanUnit, lang: Lang) -> &'static str {
    let (zh, en) = match u {
        SpanUnit::Minutes => ("分钟", "minutes"),
        SpanUnit::Hours => ("小时", "hours"),
        SpanUnit::Days => ("日", "days"),
        SpanUnit::WorkingDays => ("个工作日", "working days"),
        SpanUnit::Weeks => ("周", "weeks"),
        SpanUnit::Months => ("个月", "months"),
        SpanUnit::Years => ("年", "years"),
    };
    lang.pick(zh, en)
}

/// A span as text: `30 日`, `30 days`.
pub fn span_text(s: &Span, lang: Lang) -> String {
    match lang {
        Lang::En => count_en(i64::from(s.n), unit_name(s.unit, lang)),
        Lang::Zh => format!("{} {}", s.n, unit_name(s.unit, lang)),
    }
}

/// `n` days (working days) in words: `3 日`, `1 day`, `3 working days`.
fn days_text(n: i64, working: bool, lang: Lang) -> String {
    match lang {
        Lang::En => count_en(n, day_unit(working, lang)),
        Lang::Zh => format!("{n} {}", day_unit(working, lang)),
    }
}

/// A name the report gives by its id where no label is at hand: the id itself when it reads as
/// a word or a number, else words derived from it ([`derive`]).
fn id_words(id: &str, lang: Lang) -> String {
    if looks_internal(id) {
        derive(id, lang)
    } else {
        id.to_string()
    }
}

/// A party's name: 甲方 / buyer, 乙方 / seller.
pub fn side(s: Side, lang: Lang) -> &'static str {
    match s {
        Side::Buyer => lang.pick("甲方", "buyer"),
        Side::Seller => lang.pick("乙方", "seller"),
    }
}

fn reading_text(r: &str, lang: Lang) -> String {
    match (r, lang) {
        ("complete", Lang::Zh) => "按完整周期计".into(),
        ("started", Lang::Zh) => "不足一期按一期计".into(),
        ("complete", Lang::En) => "complete periods".into(),
        ("started", Lang::En) => "started periods count".into(),
        (other, Lang::Zh) => format!("解读“{}”", id_words(other, lang)),
        (other, Lang::En) => format!("reading \"{}\"", id_words(other, lang)),
    }
}

/// A per-day formula's rate in words: its one rate, or its bands ("0.05%（第1–10日）、0.1%（第11日起）").
pub fn day_rates_text(
    rate: Option<Rate>,
    schedule: &[crate::domain::contract::Band],
    lang: Lang,
) -> String {
    if schedule.is_empty() {
        return rate.map(|r| pct(&r)).unwrap_or_default();
    }
    let bands: Vec<String> = schedule
        .iter()
        .map(|b| {
            let days = match (b.to, lang) {
                (Some(t), _) => band_days(i64::from(b.from), i64::from(t), lang),
                (None, Lang::Zh) => format!("第{}日起", b.from),
                (None, Lang::En) => format!("from day {}", b.from),
            };
            match lang {
                Lang::Zh => format!("{}（{days}）", pct(&b.rate)),
                Lang::En => format!("{} ({days})", pct(&b.rate)),
            }
        })
        .collect();
    bands.join(lang.pick("、", ", "))
}

fn day_unit(working: bool, lang: Lang) -> &'static str {
    match (working, lang) {
        (true, Lang::Zh) => "个工作日",
        (false, Lang::Zh) => "日",
        (true, Lang::En) => "working days",
        (false, Lang::En) => "days",
    }
}

/// "第1–10日" / "days 1–10"; an open band reads "第11日起" / "from day 11".
fn band_days(from: i64, to: i64, lang: Lang) -> String {
    match (from == to, lang) {
        (true, Lang::Zh) => format!("第{from}日"),
        (false, Lang::Zh) => format!("第{from}–{to}日"),
        (true, Lang::En) => format!("day {from}"),
        (false, Lang::En) => format!("days {from}–{to}"),
    }
}

fn schedule_text(
    base: &Named,
    days: i64,
    working: bool,
    reading: &str,
    parts: &[crate::domain::report::BandPart],
    amount: Amount,
    lang: Lang,
) -> String {
    let unit = day_unit(working, lang);
    let each: Vec<String> = parts
        .iter()
        .map(|b| {
            format!(
                "{} {} × {} × {} {unit} = {}",
                band_days(b.from, b.to, lang),
                pct(&b.rate),
                named(base, lang),
                b.days,
                y(&b.amount)
            )
        })
        .collect();
    match (reading, lang) {
        ("whole", Lang::Zh) => format!(
            "分段费率（整段计：逾期 {days} {unit}，全部按最后一日所在档）：{}",
            each.join("；")
        ),
        ("whole", Lang::En) => format!(
            "Stepped rate, whole reading ({days} {unit} late, every day at the rate of the last day's band): {}",
            each.join("; ")
        ),
        (_, Lang::Zh) => format!(
            "分段费率（逐段计，逾期 {days} {unit}）：{}；合计 {}",
            each.join("；"),
            y(&amount)
        ),
        (_, Lang::En) => format!(
            "Stepped rate, each band at its own rate ({days} {unit} late): {}; total {}",
            each.join("; "),
            y(&amount)
        ),
    }
}

impl Localize for Step {
    fn localize(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Step::Trigger { clause, what } => {
                if zh {
                    format!("第 {clause} 条：{}", label(what, lang))
                } else {
                    format!("Clause {clause}: {}", label(what, lang))
                }
            }
            Step::DateFound { what, date, how } => {
                let how: Vec<&str> = how.iter().map(|h| label(h, lang)).collect();
                if zh {
                    format!("{}：{date}（{}）", label(what, lang), how.join("；"))
                } else {
                    format!("{}: {date} ({})", label(what, lang), how.join("; "))
                }
            }
            Step::DaysLate {
                due,
                until,
                days,
                working_days,
            } => {
                let n = days_text(*days, *working_days, lang);
                if zh {
                    format!("应于 {due} 前完成，计至 {until}，逾期 {n}（自到期次日起算）")
                } else {
                    format!(
                        "Due {due}, counted to {until}: {n} late (from the day after the due date)"
                    )
                }
            }
            Step::Grace { days, consent } => {
                if zh {
                    format!("经 {consent} 书面同意宽限 {days} 日")
                } else {
                    format!(
                        "{} of grace by written consent of {consent}",
                        count_en(i64::from(*days), "days")
                    )
                }
            }
            Step::PerDay {
                rate,
                base,
                days,
                amount,
            } => {
                format!(
                    "{} × {} × {} = {}",
                    pct(rate),
                    named(base, lang),
                    days_text(*days, false, lang),
                    y(amount)
                )
            }
            Step::PerPeriod {
                rate,
                base,
                days,
                period_days,
                periods,
                reading,
                amount,
            } => {
                if zh {
                    format!(
                        "逾期 {days} 日，每 {period_days} 日一期，{}：{periods} 期；{} × {} × {periods} = {}",
                        reading_text(reading, lang),
                        pct(rate),
                        named(base, lang),
                        y(amount)
                    )
                } else {
                    format!(
                        "{} late, periods of {}, {}: {}; {} × {} × {periods} = {}",
                        count_en(*days, "days"),
                        count_en(i64::from(*period_days), "days"),
                        reading_text(reading, lang),
                        count_en(*periods, "periods"),
                        pct(rate),
                        named(base, lang),
                        y(amount)
                    )
                }
            }
            Step::Schedule {
                base,
                days,
                working_days,
                reading,
                parts,
                amount,
            } => schedule_text(base, *days, *working_days, reading, parts, *amount, lang),
            Step::FreeDays { days, working_days } => {
                let n = days_text(i64::from(*days), *working_days, lang);
                if zh {
                    format!("免计期：逾期前 {n}不计违约金")
                } else {
                    format!("Days free: the first {n} late cost nothing")
                }
            }
            Step::AccrualStopped { on } => {
                if zh {
                    format!("停止计算：计至 {on} 止，其后不再累计")
                } else {
                    format!("Accrual stops: counted up to {on}, nothing accrues after it")
                }
            }
            Step::ExcusedDays {
                excuse,
                from,
                until,
                days,
                working_days,
            } => {
                let n = days_text(*days, *working_days, lang);
                let why = Step::Excused {
                    excuse: excuse.clone(),
                }
                .localize(lang);
                if zh {
                    format!("免责期间：{from} 至 {until} 的 {n}不计（{why}）")
                } else {
                    format!("Excused days: {n} from {from} to {until} are not counted ({why})")
                }
            }
            Step::Alternative {
                holder,
                choice,
                option,
                elected,
            } => {
                let who = side(*holder, lang);
                match (zh, elected) {
                    (true, true) => format!(
                        "选择救济（{}）：{who}已选择“{}”",
                        label(choice, lang),
                        label(option, lang)
                    ),
                    (true, false) => format!(
                        "选择救济（{}，由{who}选择）：按所选解读“{}”计算",
                        label(choice, lang),
                        label(option, lang)
                    ),
                    (false, true) => format!(
                        "Remedy chosen ({}): the {who} elected \"{}\"",
                        label(choice, lang),
                        label(option, lang)
                    ),
                    (false, false) => format!(
                        "Remedy ({}, the {who}'s choice): computed as the reading \"{}\"",
                        label(choice, lang),
                        label(option, lang)
                    ),
                }
            }
            Step::Fixed { amount } => {
                if zh {
                    format!("固定金额 {}", y(amount))
                } else {
                    format!("Fixed amount {}", y(amount))
                }
            }
            Step::RateOf { rate, base, amount } => {
                format!("{} × {} = {}", pct(rate), named(base, lang), y(amount))
            }
            Step::RangeEnd {
                reading,
                low,
                high,
                amount,
            } => {
                if zh {
                    format!(
                        "区间 {}–{}，取{}：{}",
                        y(low),
                        y(high),
                        reading_text(reading, lang),
                        y(amount)
                    )
                } else {
                    format!(
                        "Range {} to {}, {}: {}",
                        y(low),
                        y(high),
                        reading_text(reading, lang),
                        y(amount)
                    )
                }
            }
            Step::Escalated {
                nth,
                factor,
                previous,
                amount,
            } => {
                if zh {
                    format!(
                        "第 {nth} 次：上次 {} × {} = {}",
                        y(previous),
                        factor.normalize(),
                        y(amount)
                    )
                } else {
                    format!(
                        "{} occurrence: previous {} × {} = {}",
                        ordinal_en(i64::from(*nth)),
                        y(previous),
                        factor.normalize(),
                        y(amount)
                    )
                }
            }
            Step::Tier {
                count,
                rate,
                base,
                amount,
            } => {
                if zh {
                    format!(
                        "第 {count} 次，适用档位 {}：{} × {} = {}",
                        pct(rate),
                        pct(rate),
                        named(base, lang),
                        y(amount)
                    )
                } else {
                    format!(
                        "{} occurrence, tier {}: {} × {} = {}",
                        ordinal_en(i64::from(*count)),
                        pct(rate),
                        pct(rate),
                        named(base, lang),
                        y(amount)
                    )
                }
            }
            Step::Multiplied {
                fact,
                factor,
                before,
                amount,
            } => {
                if zh {
                    format!(
                        "因“{}”乘以 {}：{} → {}",
                        id_words(fact, lang),
                        factor.normalize(),
                        y(before),
                        y(amount)
                    )
                } else {
                    format!(
                        "Because of \"{}\", × {}: {} → {}",
                        id_words(fact, lang),
                        factor.normalize(),
                        y(before),
                        y(amount)
                    )
                }
            }
            Step::LateHandling {
                limit,
                took_minutes,
                reading,
                before,
                amount,
            } => {
                if zh {
                    format!(
                        "未在 {} 内处理（用时 {}），{}：{} → {}",
                        span_text(limit, lang),
                        minutes_text(*took_minutes, lang),
                        reading_text(reading, lang),
                        y(before),
                        y(amount)
                    )
                } else {
                    format!(
                        "Not handled within {} (took {}), {}: {} → {}",
                        span_text(limit, lang),
                        minutes_text(*took_minutes, lang),
                        reading_text(reading, lang),
                        y(before),
                        y(amount)
                    )
                }
            }
            Step::PerPerson {
                persons,
                each,
                amount,
            } => {
                if zh {
                    format!("每人 {} × {persons} 人 = {}", y(each), y(amount))
                } else {
                    format!(
                        "{} each × {} = {}",
                        y(each),
                        count_en(i64::from(*persons), "persons"),
                        y(amount)
                    )
                }
            }
            Step::Interest {
                rate,
                base,
                days,
                amount,
            } => {
                if zh {
                    format!(
                        "另计利息：{} × {} × {days} 日 = {}",
                        pct(rate),
                        named(base, lang),
                        y(amount)
                    )
                } else {
                    format!(
                        "Interest besides: {} × {} × {} = {}",
                        pct(rate),
                        named(base, lang),
                        count_en(*days, "days"),
                        y(amount)
                    )
                }
            }
            Step::Excused { excuse } => {
                let (z, e) = match excuse.as_str() {
                    "force_majeure" => ("不可抗力", "force majeure"),
                    "buyer_fault" => ("甲方原因", "the buyer's fault"),
                    "seller_fault" => ("乙方原因", "the seller's fault"),
                    "fiscal_delay" => ("财政资金拨付延迟", "a delay of fiscal funds"),
                    other => (other, other),
                };
                let (z, e) = (id_words(z, Lang::Zh), id_words(e, Lang::En));
                if zh {
                    format!("因{z}免责：不计违约金")
                } else {
                    format!("Excused by {e}: nothing owed")
                }
            }
            Step::Waived { consent } => {
                if zh {
                    format!("对方已于 {consent} 书面同意：不计违约金")
                } else {
                    format!("Waived by the other side's written consent of {consent}: nothing owed")
                }
            }
            Step::Capped {
                limit,
                cap_rate,
                cap_base,
                before,
                amount,
            } => {
                let how = match (cap_rate, cap_base) {
                    (Some(r), Some(b)) => format!("{} × {} = {}", pct(r), named(b, lang), y(limit)),
                    _ => y(limit),
                };
                if zh {
                    format!("上限 {how}：{} → {}", y(before), y(amount))
                } else {
                    format!("Cap {how}: {} → {}", y(before), y(amount))
                }
            }
            Step::SharedCapped {
                cap,
                limit,
                used_before,
                before,
                amount,
            } => {
                if zh {
                    format!(
                        "共同上限 {cap}（{}，此前已用 {}）：{} → {}",
                        y(limit),
                        y(used_before),
                        y(before),
                        y(amount)
                    )
                } else {
                    format!(
                        "Shared cap {cap} ({}, {} used before): {} → {}",
                        y(limit),
                        y(used_before),
                        y(before),
                        y(amount)
                    )
                }
            }
            Step::Rounded { raw, amount } => {
                if zh {
                    format!("四舍五入到分：{} → {}", raw.format(), y(amount))
                } else {
                    format!(
                        "Rounded half-up to the fen: {} → {}",
                        raw.format(),
                        y(amount)
                    )
                }
            }
            Step::ThresholdReached { what, on } => {
                if zh {
                    format!("{on} 达到：{}", label(what, lang))
                } else {
                    format!("Reached on {on}: {}", label(what, lang))
                }
            }
            Step::LimitChosen { limit, conditions } => {
                // Each condition is said in both languages (`级别 I / level I`): this language's.
                let conditions: Vec<&str> = conditions
                    .iter()
                    .map(|c| match c.split_once(" / ") {
                        Some((z, e)) => lang.pick(z, e),
                        None => c.as_str(),
                    })
                    .collect();
                if zh {
                    format!(
                        "适用时限 {}（{}）",
                        span_text(limit, lang),
                        conditions.join("，")
                    )
                } else {
                    format!(
                        "Limit {} ({})",
                        span_text(limit, lang),
                        conditions.join(", ")
                    )
                }
            }
            Step::Note { zh: z, en } => {
                if zh {
                    format!("说明：{z}")
                } else {
                    format!("Note: {en}")
                }
            }
            Step::ConditionMet { what } => {
                if zh {
                    format!("条件成立：{}", label(what, lang))
                } else {
                    format!("Condition met: {}", label(what, lang))
                }
            }
            Step::PerFact {
                fact,
                n,
                each,
                amount,
            } => {
                if zh {
                    format!(
                        "按{}计：{} × {n} = {}",
                        label(fact, lang),
                        y(each),
                        y(amount)
                    )
                } else {
                    format!(
                        "By {}: {} × {n} = {}",
                        label(fact, lang),
                        y(each),
                        y(amount)
                    )
                }
            }
        }
    }
}

fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Info => lang.pick("提示", "info"),
        Severity::Warning => lang.pick("警告", "warning"),
        Severity::Error => lang.pick("错误", "error"),
    }
}

impl Localize for Finding {
    fn localize(&self, lang: Lang) -> String {
        // The code (`penalty.high-annual-rate`) is for files and filters, not for readers.
        let text = lang.pick(&self.zh, &self.en);
        format!("[{}] {text}", severity(self.severity, lang))
    }
}

impl Localize for Warning {
    fn localize(&self, lang: Lang) -> String {
        let clause = match (&self.clause, lang) {
            (Some(c), Lang::Zh) => format!("第 {c} 条："),
            (Some(c), Lang::En) => format!("clause {c}: "),
            (None, _) => String::new(),
        };
        format!(
            "{}{clause}{}",
            lang.pick("注意：", "Note: "),
            lang.pick(&self.zh, &self.en)
        )
    }
}

/// Steps joined in one line.
pub fn steps_text(steps: &[Step], lang: Lang) -> String {
    steps
        .iter()
        .map(|s| s.localize(lang))
        .collect::<Vec<_>>()
        .join(lang.pick("；", "; "))
}

/// A penalty clause's result in one line: clause, title, payer, total (and before caps).
pub fn clause_line(r: &ClauseResult, lang: Lang) -> String {
    clause_line_as(r, &r.clause, lang)
}

/// [`clause_line`] with the clause said as `shown`.
fn clause_line_as(r: &ClauseResult, shown: &str, lang: Lang) -> String {
    let capped = if r.total != r.uncapped {
        format!(
            " ({} {})",
            lang.pick("封顶前", "before caps"),
            y(&r.uncapped)
        )
    } else {
        String::new()
    };
    format!(
        "{shown} {} — {} {}: {}{capped}, {} {}",
        label(&r.title, lang),
        side(r.payer, lang),
        lang.pick("应付", "pays"),
        y(&r.total),
        r.lines.len(),
        lang.pick("笔", "lines")
    )
}

/// A payment milestone's status, in words.
pub fn payment_status(s: PaymentStatus, lang: Lang) -> &'static str {
    match s {
        PaymentStatus::Paid => lang.pick("已付", "paid"),
        PaymentStatus::PaidLate => lang.pick("逾期已付", "paid late"),
        PaymentStatus::Overdue => lang.pick("逾期未付", "overdue"),
        PaymentStatus::Due => lang.pick("已到期", "due"),
        PaymentStatus::NotYetDue => lang.pick("未到期", "not yet due"),
        PaymentStatus::Pending => lang.pick("待定", "pending"),
    }
}

/// An SLA timer's status, in words.
pub fn timer_status(s: TimerStatus, lang: Lang) -> &'static str {
    match s {
        TimerStatus::Met => lang.pick("达标", "met"),
        TimerStatus::Breached => lang.pick("超时", "breached"),
        TimerStatus::Running => lang.pick("计时中", "running"),
        TimerStatus::Overdue => lang.pick("已超时未完成", "overdue"),
        TimerStatus::Excused => lang.pick("免责", "excused"),
    }
}

/// An obligation instance's status, in words.
pub fn obligation_status(s: ObligationStatus, lang: Lang) -> &'static str {
    match s {
        ObligationStatus::Done => lang.pick("已完成", "done"),
        ObligationStatus::DoneLate => lang.pick("逾期完成", "done late"),
        ObligationStatus::Missed => lang.pick("未完成", "missed"),
        ObligationStatus::DueSoon => lang.pick("即将到期", "due soon"),
        ObligationStatus::NotYetDue => lang.pick("未到期", "not yet due"),
    }
}

fn opt_amount(a: &Option<Amount>, lang: Lang) -> String {
    a.as_ref()
        .map(y)
        .unwrap_or_else(|| lang.pick("待定", "pending").to_string())
}

fn opt_date(d: &Option<chrono::NaiveDate>, lang: Lang) -> String {
    d.map(|d| d.to_string())
        .unwrap_or_else(|| lang.pick("待定", "pending").to_string())
}

/// A payment milestone in one line: amount, due date, status, paid, net payable.
pub fn milestone_line(m: &MilestoneResult, lang: Lang) -> String {
    format!(
        "{} — {}, {} {}, {}; {} {}, {} {}",
        label(&m.label, lang),
        opt_amount(&m.amount, lang),
        lang.pick("到期", "due"),
        opt_date(&m.due, lang),
        payment_status(m.status, lang),
        lang.pick("已付", "paid"),
        y(&m.paid),
        lang.pick("净应付", "net payable"),
        y(&m.net_payable)
    )
}

/// An SLA timer in one line: subject, timer, limit, elapsed, status.
pub fn timer_line(t: &TimerResult, lang: Lang) -> String {
    let mut out = format!(
        "{} {} [{}] — {} {}, {} {}",
        t.subject,
        label(&t.label, lang),
        t.level.as_deref().map_or("-".into(), |l| id_words(l, lang)),
        lang.pick("时限", "limit"),
        span_text(&t.limit, lang),
        lang.pick("用时", "took"),
        minutes_text(t.elapsed_minutes, lang),
    );
    if t.over_minutes > 0 {
        out.push_str(&format!(
            "{}{}",
            lang.pick(", 超出 ", ", over by "),
            minutes_text(t.over_minutes, lang)
        ));
    }
    out.push_str(&format!(", {}", timer_status(t.status, lang)));
    out
}

/// An instant a limit ends, as people write it: `2025-10-11 15:00`; midnight as 24:00 of the day
/// before (`2025-10-11 24:00`, not `2025-10-12 00:00`), since a period in days ends at 24:00 of
/// its last day (Civil Code Art. 203 ¶2).
pub fn deadline_text(t: chrono::NaiveDateTime) -> String {
    use chrono::Timelike;
    match t.date().pred_opt() {
        Some(day) if t.num_seconds_from_midnight() == 0 && t.nanosecond() == 0 => {
            format!("{} 24:00", day.format("%Y-%m-%d"))
        }
        _ => t.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A duration in minutes as days, hours and minutes: "2 天 3 小时 5 分钟", "2 d 3 h 5 min".
pub fn minutes_text(minutes: i64, lang: Lang) -> String {
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    let part = |n: i64, zh: &str, en: &str| match lang {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En => count_en(n, en),
    };
    if d != 0 {
        parts.push(part(d, "天", "days"));
    }
    if h != 0 {
        parts.push(part(h, "小时", "hours"));
    }
    if m != 0 || parts.is_empty() {
        parts.push(part(m, "分钟", "minutes"));
    }
    parts.join(" ")
}

/// An obligation instance in one line: clause, label, due date, status.
pub fn obligation_line(o: &ObligationInstance, lang: Lang) -> String {
    let done = o
        .done
        .map(|d| format!(", {} {d}", lang.pick("完成于", "done on")))
        .unwrap_or_default();
    format!(
        "{} {} ({}) — {} {}, {}/{}{done}, {}",
        o.clause,
        label(&o.label, lang),
        side(o.party, lang),
        lang.pick("到期", "due"),
        o.due,
        o.done_count,
        o.required,
        obligation_status(o.status, lang)
    )
}

/// Any text in Markdown: [`escape::md_text`], the one escaping of every Markdown writer.
fn md(s: &str) -> String {
    escape::md_text(s)
}

/// A balance in one line: "人天：100 人天，已用 75，剩余 25，有效期至 2024-02-10".
pub fn balance_line(b: &crate::domain::report::BalanceResult, lang: Lang) -> String {
    let unit = label(&b.unit, lang);
    let expires = match (b.expires, b.expired, lang) {
        (Some(e), true, Lang::Zh) => format!("，已于 {e} 届满，未用 {}{unit}", b.left),
        (Some(e), true, Lang::En) => format!("; expired on {e}, {} {unit} unused", b.left),
        (Some(e), false, Lang::Zh) => format!("，有效期至 {e}"),
        (Some(e), false, Lang::En) => format!("; valid until {e}"),
        (None, _, Lang::Zh) => "，有效期届满日未知".into(),
        (None, _, Lang::En) => "; the expiry is not known yet".into(),
    };
    match lang {
        Lang::Zh => format!(
            "{}：共 {}{unit}，已用 {}，剩余 {}{expires}",
            label(&b.label, lang),
            b.quantity,
            b.used,
            b.left
        ),
        Lang::En => format!(
            "{}: {} {unit}, {} used, {} left{expires}",
            label(&b.label, lang),
            b.quantity,
            b.used,
            b.left
        ),
    }
}

/// One draw: "2023-03-01 支取 30，剩余 70".
pub fn draw_line(
    d: &crate::domain::report::DrawResult,
    b: &crate::domain::report::BalanceResult,
    lang: Lang,
) -> String {
    let unit = label(&b.unit, lang);
    let mut s = match lang {
        Lang::Zh => format!("{} 支取 {}{unit}，剩余 {}", d.date, d.quantity, d.left),
        Lang::En => format!("{}: {} {unit} drawn, {} left", d.date, d.quantity, d.left),
    };
    if d.after_expiry {
        s.push_str(lang.pick("（届满后支取，不计入）", " (after the expiry: not counted)"));
    } else if !d.over.is_zero() {
        s.push_str(&match lang {
            Lang::Zh => format!("（超出余额 {}）", d.over),
            Lang::En => format!(" ({} beyond what was left)", d.over),
        });
    }
    if let Some(n) = &d.note {
        s.push_str(&format!(" — {n}"));
    }
    s
}

/// A whole report as Markdown: totals, penalties with their steps, payments, timers,
/// obligations, findings and warnings. Everything the contract names is said by its label
/// (`labels`: [`Labels::of_report`] of the contract the report was made from, the screens'
/// vocabulary), never by its id: a reader of an export is a reader of the page.
///
/// # Example
/// ```
/// # use lvyue::domain::{calendar::Calendar, contract::Contract, events::Events, engine, explain, labels::Labels, Lang};
/// # let contract: Contract = serde_json::from_str(r#"{"format": "lvyue-contract/2", "id": "demo",
/// #   "title": "示例", "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } }}"#).unwrap();
/// # let events: Events = serde_json::from_str(r#"{"format": "lvyue-events/2", "as_of": "2023-01-01"}"#).unwrap();
/// let report = engine::evaluate(&contract, &events, &Calendar::china(), &engine::Options::default())?;
/// let md = explain::report_markdown(&report, &Labels::of_report(&contract, &report), Lang::En);
/// assert!(md.starts_with("# 示例"));
/// # Ok::<(), engine::EvalError>(())
/// ```
pub fn report_markdown(r: &Report, labels: &Labels, lang: Lang) -> String {
    let mut s = md_head(r, labels, lang);
    md_penalties(&mut s, r, labels, lang);
    md_shared_caps(&mut s, r, labels, lang);
    if !r.balances.is_empty() {
        s.push_str(&format!("\n## {}\n\n", lang.pick("余额", "Balances")));
        for b in &r.balances {
            s.push_str(&format!("- {}\n", md(&balance_line(b, lang))));
            for d in &b.draws {
                s.push_str(&format!("  - {}\n", md(&draw_line(d, b, lang))));
            }
        }
    }
    md_list(
        &mut s,
        lang.pick("其他权利", "Other rights"),
        r.rights.iter().map(|rr| labels.right_line(rr, lang)),
    );
    md_list(
        &mut s,
        lang.pick("风险敞口（按逾期天数）", "Exposure by days late"),
        r.exposure.iter().map(|e| exposure_line(e, lang)),
    );
    md_payments(&mut s, r, labels, lang);
    md_list(
        &mut s,
        lang.pick("服务时限", "Service levels"),
        r.sla.iter().map(|t| labels.timer_line(t, lang)),
    );
    md_list(
        &mut s,
        lang.pick("义务清单", "Obligations"),
        r.obligations.iter().map(|o| obligation_line(o, lang)),
    );
    md_list(
        &mut s,
        lang.pick("合同文本检查", "Document findings"),
        r.findings.iter().map(|f| f.localize(lang)),
    );
    md_list(
        &mut s,
        lang.pick("计算提示", "Warnings"),
        r.warnings.iter().map(|w| w.localize(lang)),
    );
    s
}

/// A section of one item a line, left out when it has none.
fn md_list(s: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    s.push_str(&format!("\n## {title}\n\n"));
    for x in items {
        s.push_str(&format!("- {}\n", md(&x)));
    }
}

/// The title, the contract's own number (where it gives one) and the day, then the totals.
fn md_head(r: &Report, labels: &Labels, lang: Lang) -> String {
    let title = labels.title(lang).unwrap_or_else(|| r.title.clone());
    let mut s = format!("# {}\n\n", md(&title));
    if let Some(n) = labels.number() {
        s.push_str(&format!(
            "{} {} · ",
            lang.pick("合同编号", "Contract number"),
            md(n)
        ));
    }
    s.push_str(&format!(
        "{} {}\n\n",
        lang.pick("计算基准日", "As of"),
        r.as_of
    ));
    s.push_str(&format!(
        "- {}: {}\n- {}: {}\n",
        lang.pick("乙方应付违约金合计", "Seller pays in total"),
        y(&r.totals.seller_pays),
        lang.pick("甲方应付违约金合计", "Buyer pays in total"),
        y(&r.totals.buyer_pays)
    ));
    if let Some(t) = &r.term {
        s.push_str(&format!(
            "- {}: {} – {}\n",
            lang.pick("合同期限", "Term"),
            t.start,
            t.end
        ));
    }
    s
}

/// A penalty clause in one line, its clause by number: "第7.2条 逾期交付 — 乙方 应付: …".
fn clause_heading(c: &ClauseResult, lang: Lang) -> String {
    clause_line_as(c, &clause_number(&c.clause, lang), lang)
}

/// Each penalty clause: its lines (subject by label, steps by labels), cap, readings, rights.
fn md_penalties(s: &mut String, r: &Report, labels: &Labels, lang: Lang) {
    if r.penalties.is_empty() {
        return;
    }
    s.push_str(&format!("\n## {}\n\n", lang.pick("违约金", "Penalties")));
    for c in &r.penalties {
        s.push_str(&format!("### {}\n\n", md(&clause_heading(c, lang))));
        for l in &c.lines {
            s.push_str(&format!(
                "- {} ({}): **{}** — {}\n",
                md(&labels.subject(&l.subject, lang)),
                l.date,
                y(&l.amount),
                md(&labels.steps(&l.steps, lang))
            ));
        }
        if let Some(cap) = &c.cap {
            s.push_str(&format!(
                "- {} {}{}\n",
                lang.pick("上限", "Cap"),
                y(&cap.limit),
                cap.reached_on
                    .map(|d| format!(" ({} {d})", lang.pick("达到于", "reached on")))
                    .unwrap_or_default()
            ));
        }
        for rt in &c.readings {
            s.push_str(&format!(
                "- {} {}: {}{}\n",
                lang.pick("解读", "Reading"),
                md(label(&rt.label, lang)),
                y(&rt.total),
                if rt.used {
                    lang.pick("（采用）", " (used)")
                } else {
                    ""
                }
            ));
        }
        for rr in &c.rights {
            s.push_str(&format!("- {}\n", md(&labels.right_line(rr, lang))));
        }
        s.push('\n');
    }
}

/// Each shared cap by its label, the clauses under it by number.
fn md_shared_caps(s: &mut String, r: &Report, labels: &Labels, lang: Lang) {
    if r.shared_caps.is_empty() {
        return;
    }
    s.push_str(&format!(
        "\n## {}\n\n",
        lang.pick("共同上限", "Shared caps")
    ));
    for c in &r.shared_caps {
        let clauses: Vec<String> = c.clauses.iter().map(|x| clause_number(x, lang)).collect();
        let name = match label(&c.label, lang) {
            "" => labels.name(&c.id, lang),
            l => l.to_string(),
        };
        s.push_str(&format!(
            "- {}{}{}{}: {} {} → {}{}\n",
            md(&name),
            lang.pick("（", " ("),
            md(&clauses.join(lang.pick("、", ", "))),
            lang.pick("）", ")"),
            lang.pick("上限", "cap"),
            y(&c.limit),
            y(&c.after),
            c.reached_on
                .map(|d| format!(
                    " ({} {d}; {} {})",
                    lang.pick("达到于", "reached on"),
                    lang.pick("封顶前", "before the cap"),
                    y(&c.before)
                ))
                .unwrap_or_default()
        ));
    }
}

/// The payments as a table, each milestone by its label.
fn md_payments(s: &mut String, r: &Report, labels: &Labels, lang: Lang) {
    if r.payments.is_empty() {
        return;
    }
    s.push_str(&format!("\n## {}\n\n", lang.pick("付款", "Payments")));
    s.push_str(&format!(
        "| {} |\n|---|---|---|---|---|---|---|\n",
        lang.pick(
            "节点 | 金额 | 到期日 | 状态 | 已付 | 违约金+利息 | 净应付",
            "Milestone | Amount | Due | Status | Paid | Penalty + interest | Net payable"
        )
    ));
    for m in &r.payments {
        // The sum when it can be computed (always, for a report the engine made), else both.
        let pi = match m.penalty.checked_add(m.interest) {
            Some(pi) => y(&pi),
            None => format!("{} + {}", y(&m.penalty), y(&m.interest)),
        };
        s.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            md(&milestone_name(m, labels, lang)),
            opt_amount(&m.amount, lang),
            opt_date(&m.due, lang),
            payment_status(m.status, lang),
            y(&m.paid),
            pi,
            y(&m.net_payable)
        ));
    }
}

/// A milestone's name: its label, else the contract's, else words derived from its id.
fn milestone_name(m: &MilestoneResult, labels: &Labels, lang: Lang) -> String {
    match label(&m.label, lang) {
        "" => labels.name(&m.milestone, lang),
        l => l.to_string(),
    }
}

/// The name of a right.
pub fn right_name(k: RightKind, lang: Lang) -> &'static str {
    match k {
        RightKind::Terminate => lang.pick("解除合同", "terminate the contract"),
        RightKind::StopService => lang.pick("停止服务", "stop the service"),
        RightKind::Refund => lang.pick("要求退款", "claim a refund"),
        RightKind::ExtraPenalty => lang.pick("追加违约金", "claim a further penalty"),
        RightKind::DeemedBreach => lang.pick("视为违约", "treat it as a breach"),
        RightKind::Deduct => lang.pick("从未付款项中扣除", "deduct from unpaid amounts"),
        RightKind::Reprimand => lang.pick("通报批评", "issue a formal reprimand"),
    }
}

/// What a penalty threshold measures, as (zh, en): "违约金（不含利息）" where the clause charges
/// interest besides its penalty, "违约金" where it does not.
pub fn measure_words(m: Measure, with_interest: bool) -> (&'static str, &'static str) {
    match (m, with_interest) {
        (Measure::Penalty, true) => ("违约金（不含利息）", "the penalty (interest excluded)"),
        (Measure::Penalty, false) => ("违约金", "the penalty"),
        (Measure::Interest, _) => ("利息", "the interest"),
        (Measure::PenaltyAndInterest, _) => ("违约金与利息合计", "penalty and interest together"),
        (Measure::Deducted, _) => ("扣除金额（计上限后）", "the amount deducted (after caps)"),
    }
}

/// A right in one line: who may do what, from when (or not yet), why, and what follows.
pub fn right_line(r: &RightResult, lang: Lang) -> String {
    let when = match r.arises {
        Some(d) => format!("{}{d}{}", lang.pick("自 ", "from "), lang.pick(" 起", "")),
        None => lang.pick("尚未触发", "not triggered").to_string(),
    };
    let mut out = match lang {
        Lang::Zh => format!(
            "第 {} 条：{}有权{} — {when}",
            r.clause,
            side(r.holder, lang),
            right_name(r.right, lang)
        ),
        Lang::En => format!(
            "Clause {}: the {} may {} — {when}",
            r.clause,
            side(r.holder, lang),
            right_name(r.right, lang)
        ),
    };
    let why = steps_text(&r.steps, lang);
    if !why.is_empty() {
        out.push_str(&match lang {
            Lang::Zh => format!("（{why}）"),
            Lang::En => format!(" ({why})"),
        });
    }
    for c in &r.consequences {
        out.push_str(&format!(
            "{}{}{}",
            lang.pick("；并", "; and "),
            label(&c.label, lang),
            c.amount.map(|a| format!(" {}", y(&a))).unwrap_or_default()
        ));
    }
    out
}

/// A delay clause's exposure in one line.
pub fn exposure_line(e: &Exposure, lang: Lang) -> String {
    let mut parts = vec![match lang {
        Lang::Zh => format!("第 {} 条（{}）", e.clause, side(e.payer, lang)),
        Lang::En => format!("Clause {} ({})", e.clause, side(e.payer, lang)),
    }];
    match (e.cap, e.cap_day) {
        (Some(c), Some(d)) => parts.push(match lang {
            Lang::Zh => format!("逾期第 {d} 日达到上限 {}", y(&c)),
            Lang::En => format!("reaches its cap of {} on day {d}", y(&c)),
        }),
        (Some(c), None) => parts.push(format!("{} {}", lang.pick("上限", "cap"), y(&c))),
        _ => parts.push(lang.pick("无上限", "no cap").to_string()),
    }
    if let Some(d) = e.right_day {
        parts.push(match lang {
            Lang::Zh => format!("逾期第 {d} 日产生解除等权利"),
            Lang::En => format!("a right (e.g. to terminate) arises on day {d}"),
        });
    }
    let last = e.points.last().map(|p| p.days).unwrap_or(0);
    parts.push(match (lang, e.uncapped) {
        (Lang::Zh, true) => format!("逾期 {last} 日已达 {}，且继续增长", y(&e.worst)),
        (Lang::En, true) => format!("{} by day {last} and still growing", y(&e.worst)),
        (Lang::Zh, false) => format!("最多 {}", y(&e.worst)),
        (Lang::En, false) => format!("at most {}", y(&e.worst)),
    });
    parts.join(lang.pick("；", "; "))
}

/// The CSV's amount column: the one column of numbers (written here from decimals, never from
/// input), kept as numbers; every other cell is text ([`escape::csv_text`]).
const CSV_AMOUNT: usize = 4;

/// A whole report as CSV (UTF-8 with a BOM, so spreadsheet programs read the Chinese): one
/// row per penalty line, payment, timer and obligation instance, with a section column (a long
/// format, `docs/statement.md`: the column names and the section names in the chosen language).
/// Everything the contract names is said by its label (`labels`, as [`report_markdown`]):
/// subjects, milestones, timers, levels and readings in the steps; the clause column holds the
/// clause's number as the contract writes it. Text cells are neutralised for spreadsheets
/// ([`escape::csv_text`]: a cell that would run as a formula starts with `'`); the amounts
/// stay numbers.
pub fn report_csv(r: &Report, labels: &Labels, lang: Lang) -> String {
    let mut rows: Vec<[String; 8]> = vec![[
        lang.pick("类别", "section").to_string(),
        lang.pick("条款", "clause").to_string(),
        lang.pick("对象", "subject").to_string(),
        lang.pick("日期", "date").to_string(),
        lang.pick("金额", "amount").to_string(),
        lang.pick("状态", "status").to_string(),
        lang.pick("一方", "party").to_string(),
        lang.pick("说明", "explanation").to_string(),
    ]];
    csv_penalties(&mut rows, r, labels, lang);
    csv_payments(&mut rows, r, labels, lang);
    csv_timers(&mut rows, r, labels, lang);
    for o in &r.obligations {
        rows.push([
            lang.pick("义务", "obligation").into(),
            clause_cell(&o.clause),
            label(&o.label, lang).into(),
            o.due.to_string(),
            String::new(),
            obligation_status(o.status, lang).into(),
            side(o.party, lang).into(),
            o.done.map(|d| d.to_string()).unwrap_or_default(),
        ]);
    }
    csv_text(&rows)
}

/// A clause's number for the clause column: as the contract writes it, without the part after
/// a `#` (which only tells two rules of one clause apart).
fn clause_cell(id: &str) -> String {
    id.split_once('#').map_or(id, |(n, _)| n).to_string()
}

/// The rows of the penalty lines, the rights and the exposure.
fn csv_penalties(rows: &mut Vec<[String; 8]>, r: &Report, labels: &Labels, lang: Lang) {
    for c in &r.penalties {
        for l in &c.lines {
            rows.push([
                lang.pick("违约金", "penalty").into(),
                clause_cell(&c.clause),
                labels.subject(&l.subject, lang),
                l.date.to_string(),
                l.amount.round_fen().decimal_text(),
                String::new(),
                side(c.payer, lang).into(),
                labels.steps(&l.steps, lang),
            ]);
        }
    }
    for rr in r.penalties.iter().flat_map(|c| &c.rights).chain(&r.rights) {
        rows.push([
            lang.pick("权利", "right").into(),
            clause_cell(&rr.clause),
            right_name(rr.right, lang).into(),
            rr.arises.map(|d| d.to_string()).unwrap_or_default(),
            String::new(),
            if rr.arises.is_some() {
                lang.pick("已触发", "triggered")
            } else {
                lang.pick("未触发", "not triggered")
            }
            .into(),
            side(rr.holder, lang).into(),
            labels.right_line(rr, lang),
        ]);
    }
    for e in &r.exposure {
        rows.push([
            lang.pick("风险敞口", "exposure").into(),
            clause_cell(&e.clause),
            String::new(),
            String::new(),
            e.worst.round_fen().decimal_text(),
            String::new(),
            side(e.payer, lang).into(),
            exposure_line(e, lang),
        ]);
    }
}

/// The rows of the payment milestones, each by its label.
fn csv_payments(rows: &mut Vec<[String; 8]>, r: &Report, labels: &Labels, lang: Lang) {
    for m in &r.payments {
        rows.push([
            lang.pick("付款", "payment").into(),
            clause_cell(&m.clause),
            milestone_name(m, labels, lang),
            m.due.map(|d| d.to_string()).unwrap_or_default(),
            m.amount
                .map(|a| a.round_fen().decimal_text())
                .unwrap_or_default(),
            payment_status(m.status, lang).into(),
            side(Side::Buyer, lang).into(),
            labels.steps(&m.steps, lang),
        ]);
    }
}

/// The rows of the SLA timers: the record's own name of the incident and the timer's label
/// ("SEC-2022-01：响应时限").
fn csv_timers(rows: &mut Vec<[String; 8]>, r: &Report, labels: &Labels, lang: Lang) {
    for t in &r.sla {
        let timer = match label(&t.label, lang) {
            "" => labels.name(&t.timer, lang),
            l => l.to_string(),
        };
        rows.push([
            lang.pick("服务时限", "sla").into(),
            clause_cell(&t.clause),
            format!(
                "{}{}{timer}",
                labels.subject(&t.subject, lang),
                lang.pick("：", ": ")
            ),
            t.started.format("%Y-%m-%d %H:%M").to_string(),
            String::new(),
            timer_status(t.status, lang).into(),
            side(Side::Seller, lang).into(),
            labels.steps(&t.steps, lang),
        ]);
    }
}

/// The rows as CSV text: a BOM first, CRLF line ends, every cell but the amounts neutralised.
fn csv_text(rows: &[[String; 8]]) -> String {
    let mut s = String::from("\u{feff}");
    for (i, row) in rows.iter().enumerate() {
        let line: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(j, f)| {
                if i > 0 && j == CSV_AMOUNT {
                    f.clone()
                } else {
                    escape::csv_text(f)
                }
            })
            .collect();
        s.push_str(&line.join(","));
        s.push_str("\r\n");
    }
    s
}
