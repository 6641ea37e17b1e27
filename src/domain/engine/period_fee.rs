//! The period's fee (当期服务金额): an item's amount taken for the period an occurrence falls in.
//!
//! Why: 002 附件3 §1.1 deducts "此系统当期服务金额的25%" — a share of the system's fee for the
//! current period — while the contract prices the system once for its 20 months of maintenance.
//! The fee is spread over the term and one period's part is taken. How it is spread is a
//! reading of the clause: by months (a quarter of a 20-month term is 3/20 of the term's fee, the
//! default) or by days (the period's days inside the term ÷ the term's days; Art. 201: the
//! term's days are counted from the day after its start). An item's amount is a year's fee
//! unless the base says `for_term`; by days, a year's fee is spread over the days of the
//! occurrence's calendar year.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::context::{label, BaseFacts, Ctx};
use super::periods;
use crate::domain::contract::{Period, Rule, SpanUnit};
use crate::domain::money::Amount;
use crate::domain::report::Named;

/// The months of the contract's term, from its term clause's length (months or years).
fn term_months(ctx: &Ctx<'_>) -> Option<u32> {
    ctx.contract.clauses.iter().find_map(|c| match &c.rule {
        Rule::Term(t) => match t.length.unit {
            SpanUnit::Months => Some(t.length.n),
            SpanUnit::Years => t.length.n.checked_mul(12),
            _ => None,
        },
        _ => None,
    })
}

/// Days from `a` to `b` inclusive (0 when `b` is before `a`).
fn days(a: NaiveDate, b: NaiveDate) -> i64 {
    ((b - a).num_days() + 1).max(0)
}

/// The fee of `item` for the period of kind `period` that `facts.date` falls in.
pub fn fee(
    ctx: &Ctx<'_>,
    item: &str,
    period: Period,
    for_term: bool,
    facts: BaseFacts<'_>,
) -> Option<Named> {
    let it = ctx.item(item)?;
    let date = facts.date?;
    let name = periods::name(ctx, period, date);
    let months = periods::months(period);
    let (num, den, how_zh, how_en) = match (months, facts.fee_by_days) {
        (Some(m), false) => {
            let den = if for_term { term_months(ctx)? } else { 12 };
            (i64::from(m), i64::from(den), "个月", "months")
        }
        _ => {
            let (ps, pe) = periods::bounds(ctx, period, date)?;
            let (num, den) = if for_term {
                let s = ctx.event_date("term_start")?.succ_opt()?;
                let e = ctx.event_date("term_end")?;
                (days(ps.max(s), pe.min(e)), days(s, e))
            } else {
                let y = date.year();
                let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
                let last = NaiveDate::from_ymd_opt(y, 12, 31)?;
                (days(ps, pe), days(first, last))
            };
            (num, den, "日", "days")
        }
    };
    if den <= 0 {
        return None;
    }
    let amount = it
        .amount
        .yuan()
        .checked_mul(Decimal::from(num))?
        .checked_div(Decimal::from(den))?;
    let of = if for_term {
        label("服务期", "the term")
    } else {
        label("年", "a year")
    };
    let en_name = it.name.en.as_deref().unwrap_or(&it.name.zh);
    Some(Named {
        label: label(
            format!(
                "{}{}服务金额（{} × {num}/{den} {how_zh}，按{}计）",
                it.name.zh,
                name.zh,
                it.amount.format_yuan(),
                of.zh
            ),
            format!(
                "the fee of {en_name} for {} ({} × {num}/{den} {how_en} of {})",
                name.en.unwrap_or_default(),
                it.amount.format_yuan(),
                of.en.unwrap_or_default()
            ),
        ),
        amount: Amount::new(amount),
    })
}

/// The contract total for one period of the term (`Base::TermShare`): total × the period's
/// months ÷ the term's months.
pub fn term_share(ctx: &Ctx<'_>, period: Period) -> Option<Named> {
    let total = ctx.total()?;
    let num = periods::months(period)?;
    let den = term_months(ctx)?;
    if den == 0 {
        return None;
    }
    let amount = total
        .yuan()
        .checked_mul(Decimal::from(num))?
        .checked_div(Decimal::from(den))?;
    let kind = periods::kind_name(period);
    Some(Named {
        label: label(
            format!(
                "合同总额按服务期分摊的一{}（{} × {num}/{den} 个月）",
                kind.zh,
                total.format_yuan()
            ),
            format!(
                "the contract total for one {} of the term ({} × {num}/{den} months)",
                kind.en.unwrap_or_default(),
                total.format_yuan()
            ),
        ),
        amount: Amount::new(amount),
    })
}
