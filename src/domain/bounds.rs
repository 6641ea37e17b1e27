//! The documented limits and ranges of the values in contract and events files, checked at
//! load time with the path of each offending value.
//!
//! Why: the engine used to bend values it could not use — an occurrence counted 0 times was
//! charged once, 5,000 times was charged 1,000 times, a daily duty stopped in 2297, a tier from
//! the 0th occurrence or a negative escalation factor was computed anyway, `"USD"` was printed
//! as 人民币. A value outside what the engine computes is an error here, where the user can see
//! where it is; the engine's own guards (the same constants) are never reached by a file that
//! loaded. The limits are stated in the types' documentation, so `docs/formats.md` carries them.
//!
//! Ids are compared as written: two ids that look the same but differ by an invisible
//! character (zero-width space, bidirectional mark) or by a combining mark (a decomposed `é`)
//! or a compatibility ideograph would be two ids. Such characters are refused in ids.

use rust_decimal::Decimal;

use crate::domain::contract::*;
use crate::domain::events::Events;
use crate::domain::load::{path_index, path_key, Problem};
use crate::domain::money::{Amount, Rate};
use crate::domain::quote::{is_invisible, shown};

/// The currency every amount is in: the only one supported for now.
pub const CURRENCY: &str = "CNY";

/// The most times one hand-recorded occurrence may count (`count`).
pub const MAX_OCCURRENCE_COUNT: u32 = 1000;

/// The most instances one obligation clause expands to over the period evaluated (a daily
/// duty over 273 years).
pub const MAX_INSTANCES: usize = 100_000;

/// The most automatic renewals of the term counted up to the as-of date.
pub const MAX_RENEWALS: u32 = 10_000;

/// The longest span, in years: a span of a contract is at most 1,000 years long (12,000 months,
/// 52,178 weeks, 365,250 days or working days, 8,766,000 hours, 525,960,000 minutes), so that
/// every date computed from one can be held.
pub const MAX_SPAN_YEARS: u32 = 1000;

/// The most `n` of a span in `unit` ([`MAX_SPAN_YEARS`]).
pub fn max_span(unit: SpanUnit) -> u32 {
    let y = MAX_SPAN_YEARS;
    match unit {
        SpanUnit::Years => y,
        SpanUnit::Months => y * 12,
        SpanUnit::Weeks => y * 52_178 / 1000,
        SpanUnit::Days | SpanUnit::WorkingDays => y * 36_525 / 100,
        SpanUnit::Hours => y * 8_766,
        SpanUnit::Minutes => y * 525_960,
    }
}

/// Every span of the contract (found in its JSON form, where a span is `{n, unit}`) longer
/// than [`MAX_SPAN_YEARS`].
fn spans(out: &mut Vec<Problem>, v: &serde_json::Value, path: &str) {
    use serde_json::Value;
    match v {
        Value::Object(m) => {
            if m.len() == 2 && m.contains_key("n") && m.contains_key("unit") {
                let span: Result<Span, _> = serde_json::from_value(v.clone());
                if let Ok(s) = span {
                    if s.n > max_span(s.unit) {
                        out.push(error(
                            "span.too-long",
                            path_key(path, "n"),
                            format!(
                                "期间过长：{} 超过上限 {}（{MAX_SPAN_YEARS} 年）",
                                s.n,
                                max_span(s.unit)
                            ),
                            format!(
                                "the span is too long: {} is above the limit of {} ({MAX_SPAN_YEARS} years)",
                                s.n,
                                max_span(s.unit)
                            ),
                        ));
                    }
                }
                return;
            }
            for (k, c) in m {
                spans(out, c, &path_key(path, k));
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                spans(out, c, &path_index(path, i));
            }
        }
        _ => {}
    }
}

/// The most working days a period has, for `working_day_of_period`.
pub fn max_working_day(p: Period) -> u32 {
    match p {
        Period::Day => 1,
        Period::Week => 7,
        Period::Month => 23,
        Period::Quarter => 66,
        Period::ContractYear | Period::CalendarYear => 261,
    }
}

fn error(code: &str, path: String, zh: String, en: String) -> Problem {
    Problem::error(code, path, zh, en)
}

/// A character that makes two ids look alike while they differ: invisible, a combining mark,
/// a compatibility ideograph or a letter-like symbol that Unicode normalisation replaces.
fn confusable(c: char) -> bool {
    is_invisible(c)
        || matches!(
            c,
            '\u{0300}'..='\u{036F}'
                | '\u{0483}'..='\u{0489}'
                | '\u{0591}'..='\u{05BD}'
                | '\u{0610}'..='\u{061A}'
                | '\u{064B}'..='\u{065F}'
                | '\u{0E31}'
                | '\u{0E34}'..='\u{0E3A}'
                | '\u{1AB0}'..='\u{1AFF}'
                | '\u{1DC0}'..='\u{1DFF}'
                | '\u{20D0}'..='\u{20FF}'
                | '\u{2126}'
                | '\u{212A}'
                | '\u{212B}'
                | '\u{302A}'..='\u{302F}'
                | '\u{3099}'
                | '\u{309A}'
                | '\u{F900}'..='\u{FAFF}'
                | '\u{FE20}'..='\u{FE2F}'
                | '\u{2F800}'..='\u{2FA1F}'
        )
}

/// An id with a character that would make it differ from an id that looks the same.
fn id(out: &mut Vec<Problem>, path: String, id: &str) {
    if let Some(c) = id.chars().find(|c| confusable(*c)) {
        out.push(error(
            "id.invisible",
            path,
            format!(
                "编号“{}”含有不可见字符或组合字符 U+{:04X}：看起来相同的编号会被当作不同的编号",
                shown(id),
                u32::from(c)
            ),
            format!(
                "the id \"{}\" holds the invisible or combining character U+{:04X}: ids that look the same would be different ids",
                shown(id),
                u32::from(c)
            ),
        ));
    }
}

fn factor(out: &mut Vec<Problem>, path: String, f: Decimal) {
    if f.is_sign_negative() && !f.is_zero() {
        out.push(error(
            "factor.negative",
            path,
            format!("倍数 {f} 为负数：金额不能乘以负数"),
            format!("the factor {f} is negative: an amount cannot be multiplied by it"),
        ));
    }
}

fn zero(out: &mut Vec<Problem>, path: String, what: (&str, &str)) {
    out.push(error(
        "count.zero",
        path,
        format!("{}不能为 0", what.0),
        format!("{} cannot be 0", what.1),
    ));
}

fn tiers(out: &mut Vec<Problem>, path: &str, t: &Tiers) {
    let tp = path_key(path, "tiers");
    let mut previous: Option<u32> = None;
    for (i, tier) in t.tiers.iter().enumerate() {
        let p = path_index(&tp, i);
        if tier.from == 0 {
            out.push(error(
                "tier.from-zero",
                path_key(&p, "from"),
                "档次从第 0 次起算：次数从 1 起".into(),
                "a tier from the 0th occurrence: occurrences count from 1".into(),
            ));
        }
        match previous {
            Some(prev) if tier.from == prev => out.push(error(
                "tier.duplicate",
                path_key(&p, "from"),
                format!("两个档次都从第 {prev} 次起"),
                format!("two tiers both start at occurrence {prev}"),
            )),
            Some(prev) if tier.from < prev => out.push(error(
                "tier.order",
                path_key(&p, "from"),
                format!(
                    "档次应按起始次数从小到大排列：第 {} 次排在第 {prev} 次之后",
                    tier.from
                ),
                format!(
                    "tiers go in ascending order of their start: {} comes after {prev}",
                    tier.from
                ),
            )),
            _ => {}
        }
        previous = Some(previous.map_or(tier.from, |p| p.max(tier.from)));
        if tier.rate.fraction() > Decimal::ONE {
            out.push(above_100(path_key(&p, "rate"), tier.rate));
        }
    }
}

fn above_100(path: String, r: Rate) -> Problem {
    error(
        "rate.above-100",
        path,
        format!("比例 {} 超过 100%，此处不可能", r.format_percent()),
        format!(
            "a rate of {} is above 100%, impossible here",
            r.format_percent()
        ),
    )
}

/// A per-day schedule's bands: from day 1, each from the day after the previous one ends, only
/// the last open-ended, rates at most 100%.
fn bands(out: &mut Vec<Problem>, path: &str, schedule: &[Band]) {
    let mut previous: Option<&Band> = None;
    let last = schedule.len().saturating_sub(1);
    for (i, b) in schedule.iter().enumerate() {
        let p = path_index(path, i);
        match previous {
            None if b.from != 1 => out.push(error(
                "schedule.start",
                path_key(&p, "from"),
                format!("分段费率应从逾期第 1 日起，而非第 {} 日（免计天数用 `start_after`）", b.from),
                format!(
                    "a schedule starts at day 1 late, not day {} (free days are `start_after`)",
                    b.from
                ),
            )),
            Some(Band { to: Some(t), .. }) if b.from <= *t => out.push(error(
                "schedule.overlap",
                path_key(&p, "from"),
                format!("分段重叠或顺序颠倒：第 {} 日起的一段与截至第 {t} 日的前一段重叠", b.from),
                format!(
                    "bands overlap or are out of order: the band from day {} overlaps the previous one, which ends on day {t}",
                    b.from
                ),
            )),
            Some(Band { to: Some(t), .. }) if b.from > t.saturating_add(1) => out.push(error(
                "schedule.gap",
                path_key(&p, "from"),
                format!("分段之间有空档：前一段截至第 {t} 日，本段从第 {} 日起", b.from),
                format!(
                    "a gap between bands: the previous one ends on day {t}, this one starts on day {}",
                    b.from
                ),
            )),
            _ => {}
        }
        match (b.to, i == last) {
            (Some(t), _) if t < b.from => out.push(error(
                "schedule.reversed",
                path_key(&p, "to"),
                format!("分段截至第 {t} 日，早于其起始第 {} 日", b.from),
                format!("a band ends on day {t}, before it starts on day {}", b.from),
            )),
            (None, false) => out.push(error(
                "schedule.open",
                path_key(&p, "to"),
                "只有最后一段可以不设截止日（`to`）".into(),
                "only the last band may be open-ended (no `to`)".into(),
            )),
            (Some(_), true) => out.push(error(
                "schedule.open",
                path_key(&p, "to"),
                "最后一段不设截止日：其后的逾期天数仍须有费率".into(),
                "the last band is open-ended (no `to`): every further day late needs a rate".into(),
            )),
            _ => {}
        }
        if b.rate.fraction() > Decimal::ONE {
            out.push(above_100(path_key(&p, "rate"), b.rate));
        }
        previous = Some(b);
    }
}

fn penalty(out: &mut Vec<Problem>, path: &str, p: &Penalty) {
    formula(out, &path_key(path, "formula"), &p.formula);
    if let Some(a) = &p.alternatives {
        let ap = path_key(path, "alternatives");
        id(out, path_key(&ap, "choice"), &a.choice);
        for (i, o) in a.options.iter().enumerate() {
            let op = path_index(&path_key(&ap, "options"), i);
            id(out, path_key(&op, "id"), &o.id);
            if let Some(f) = &o.formula {
                formula(out, &path_key(&op, "formula"), f);
            }
        }
    }
    rights(out, &path_key(path, "rights"), &p.rights);
}

fn formula(out: &mut Vec<Problem>, fp: &str, f: &Formula) {
    if let Formula::PerDay { schedule, .. } = f {
        bands(out, &path_key(fp, "schedule"), schedule);
    }
    if let Formula::PerOccurrence(po) = f {
        let fp = fp.to_string();
        for (i, m) in po.multipliers.iter().enumerate() {
            let mp = path_index(&path_key(&fp, "multipliers"), i);
            factor(out, path_key(&mp, "factor"), m.factor);
        }
        if let Some(e) = &po.escalation {
            factor(
                out,
                path_key(&path_key(&fp, "escalation"), "factor"),
                e.factor,
            );
        }
        if let Some(t) = &po.tiers {
            tiers(out, &path_key(&fp, "tiers"), t);
        }
        if let Some(lh) = &po.late_handling {
            for (i, r) in lh.rules.iter().enumerate() {
                let rp = path_index(&path_key(&path_key(&fp, "late_handling"), "rules"), i);
                for (j, reading) in r.readings.iter().enumerate() {
                    let p = path_index(&path_key(&rp, "readings"), j);
                    id(out, path_key(&p, "id"), &reading.id);
                    if let Some(f) = reading.factor {
                        factor(out, path_key(&p, "factor"), f);
                    }
                }
            }
        }
    }
}

fn rights(out: &mut Vec<Problem>, path: &str, rights: &[Right]) {
    for (i, r) in rights.iter().enumerate() {
        if let Threshold::OccurrencesAtLeast { count: 0 } = r.when {
            zero(
                out,
                path_key(&path_key(&path_index(path, i), "when"), "count"),
                ("达到的次数", "the number of occurrences"),
            );
        }
    }
}

fn schedule(out: &mut Vec<Problem>, path: &str, s: &Schedule) {
    let Schedule::Every {
        every,
        day_of_month,
        working_day_of_period,
        times,
        ..
    } = s
    else {
        return;
    };
    if let Some(d) = day_of_month {
        if !(1..=31).contains(d) {
            out.push(error(
                "schedule.day-of-month",
                path_key(path, "day_of_month"),
                format!("每月第 {d} 日不存在：应为 1 到 31"),
                format!("there is no day {d} of a month: 1 to 31"),
            ));
        }
    }
    if let Some(n) = working_day_of_period {
        let max = max_working_day(*every);
        if *n == 0 || *n > max {
            out.push(error(
                "schedule.working-day",
                path_key(path, "working_day_of_period"),
                format!("每期第 {n} 个工作日不存在：应为 1 到 {max}"),
                format!("there is no working day {n} of the period: 1 to {max}"),
            ));
        }
    }
    if *times == 0 {
        zero(
            out,
            path_key(path, "times"),
            ("每期的次数", "the number of times a period"),
        );
    }
}

/// Sums that overflow: the line items, the tax parts.
fn sums(out: &mut Vec<Problem>, c: &Contract) {
    let overflows = |mut a: Vec<Amount>| {
        a.drain(..)
            .try_fold(Amount::default(), |s, x| s.checked_add(x))
            .is_none()
    };
    if overflows(c.items.iter().map(|i| i.amount).collect()) {
        out.push(error(
            "amount.sum-overflow",
            "items".into(),
            "分项金额之和超出可精确计算的范围（约 7.9 × 10^28 元）".into(),
            "the line items add up to more than exact arithmetic holds (about 7.9 × 10^28 yuan)"
                .into(),
        ));
    }
    if let Some(tax) = &c.tax {
        if overflows(tax.parts.iter().map(|p| p.amount).collect()) {
            out.push(error(
                "amount.sum-overflow",
                "tax.parts".into(),
                "各部分金额之和超出可精确计算的范围（约 7.9 × 10^28 元）".into(),
                "the parts add up to more than exact arithmetic holds (about 7.9 × 10^28 yuan)"
                    .into(),
            ));
        }
    }
}

/// The values of a contract outside their documented ranges.
pub fn contract(c: &Contract) -> Vec<Problem> {
    let mut out = Vec::new();
    if c.currency != CURRENCY {
        out.push(error(
            "currency.unsupported",
            "currency".into(),
            format!(
                "不支持币种“{}”：目前只支持人民币（CNY），金额均按人民币计算和显示",
                shown(&c.currency)
            ),
            format!(
                "the currency \"{}\" is not supported: only CNY (renminbi) is, and every amount is computed and shown in it",
                shown(&c.currency)
            ),
        ));
    }
    sums(&mut out, c);
    if let Ok(v) = serde_json::to_value(c) {
        spans(&mut out, &v, "");
    }
    let ids = c
        .items
        .iter()
        .enumerate()
        .map(|(i, x)| (path_index("items", i), x.id.as_str()))
        .chain(
            c.events
                .iter()
                .enumerate()
                .map(|(i, x)| (path_index("events", i), x.id.as_str())),
        )
        .chain(
            c.levels
                .iter()
                .enumerate()
                .map(|(i, x)| (path_index("levels", i), x.id.as_str())),
        )
        .chain(
            c.deadlines
                .iter()
                .enumerate()
                .map(|(i, x)| (path_index("deadlines", i), x.id.as_str())),
        )
        .chain(
            c.clauses
                .iter()
                .enumerate()
                .map(|(i, x)| (path_index("clauses", i), x.id.as_str())),
        )
        .chain(
            c.shared_caps
                .iter()
                .enumerate()
                .map(|(i, x)| (path_index("shared_caps", i), x.id.as_str())),
        );
    for (p, x) in ids {
        id(&mut out, path_key(&p, "id"), x);
    }
    for (i, cl) in c.clauses.iter().enumerate() {
        let rp = path_key(&path_index("clauses", i), "rule");
        match &cl.rule {
            Rule::Penalty(p) => penalty(&mut out, &rp, p),
            Rule::Payment(m) => id(&mut out, path_key(&rp, "id"), &m.id),
            Rule::Sla(s) => {
                for (j, t) in s.timers.iter().enumerate() {
                    id(&mut out, format!("{rp}.timers[{j}].id"), &t.id);
                }
            }
            Rule::Obligation(o) => schedule(&mut out, &path_key(&rp, "schedule"), &o.schedule),
            Rule::Term(t) => {
                if t.length.n == 0 {
                    zero(
                        &mut out,
                        path_key(&path_key(&rp, "length"), "n"),
                        ("服务期长度", "the term's length"),
                    );
                }
            }
            Rule::Right(r) => rights(&mut out, &path_key(&rp, "rights"), &r.rights),
        }
    }
    out
}

/// The values of an events file outside their documented ranges, and the limits of the
/// evaluation it would run into with its contract ([`crate::domain::engine::limits`]).
pub fn events(c: &Contract, e: &Events) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, inc) in e.incidents.iter().enumerate() {
        id(
            &mut out,
            path_key(&path_index("incidents", i), "id"),
            &inc.id,
        );
    }
    for (i, r) in e.requirements.iter().enumerate() {
        id(
            &mut out,
            path_key(&path_index("requirements", i), "id"),
            &r.id,
        );
    }
    for (i, o) in e.occurrences.iter().enumerate() {
        let op = path_index("occurrences", i);
        if o.count == 0 {
            zero(&mut out, path_key(&op, "count"), ("次数", "the count"));
        } else if o.count > MAX_OCCURRENCE_COUNT {
            out.push(error(
                "count.too-large",
                path_key(&op, "count"),
                format!(
                    "一条记录最多计 {MAX_OCCURRENCE_COUNT} 次，此处为 {}：请分成几条记录",
                    o.count
                ),
                format!(
                    "one entry counts at most {MAX_OCCURRENCE_COUNT} times, not {}: split it into several entries",
                    o.count
                ),
            ));
        }
        if o.persons == 0 {
            zero(
                &mut out,
                path_key(&op, "persons"),
                ("人数", "the number of persons"),
            );
        }
    }
    for (i, s) in e.staff.iter().enumerate() {
        if s.persons == 0 {
            zero(
                &mut out,
                path_key(&path_index("staff", i), "persons"),
                ("人数", "the number of persons"),
            );
        }
    }
    for (i, d) in e.done.iter().enumerate() {
        if d.count == 0 {
            zero(
                &mut out,
                path_key(&path_index("done", i), "count"),
                ("完成的次数", "the count done"),
            );
        }
    }
    out.extend(crate::domain::engine::limits::check(c, e));
    out
}
