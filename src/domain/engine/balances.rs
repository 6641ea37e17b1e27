//! Balances: quantities the contract grants and the record draws down (002 附件2 五: 100
//! person-days of development support, valid 20 months from signing).
//!
//! Why here and not a penalty: a balance has no amount of its own; the report shows what was
//! granted, used and left, and when it expires, and warns (zh and en) about a draw the contract
//! does not allow: one after the expiry (it does not count) or one beyond what is left (it
//! counts up to what was left; the excess is shown). What is left on an expired balance is the
//! shortfall the buyer did not use.
//!
//! Rules: draws count in date order (ties: the record's order) up to the as-of date; the
//! expiry is a date rule ([`Ctx::resolve`]: "20 months after signing" is a period, Civil Code
//! Art. 201–203) and a draw on the expiry day still counts.

use rust_decimal::Decimal;

use super::Ctx;
use crate::domain::order;
use crate::domain::report::{BalanceResult, DrawResult, Warning};

/// Every balance of the contract with its draws, and the warnings about draws.
pub fn evaluate(ctx: &Ctx<'_>) -> (Vec<BalanceResult>, Vec<Warning>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for b in &ctx.contract.balances {
        let expires = ctx.resolve(&b.expires, None).map(|r| r.date);
        let mut draws: Vec<(usize, &crate::domain::events::Draw)> = ctx
            .events
            .draws
            .iter()
            .enumerate()
            .filter(|(_, d)| d.balance == b.id && d.date <= ctx.as_of)
            .collect();
        order::sort_by(&mut draws, |a, c| {
            a.1.date.cmp(&c.1.date).then(a.0.cmp(&c.0))
        });
        let mut left = b.quantity.max(Decimal::ZERO);
        let mut used = Decimal::ZERO;
        let mut rows = Vec::new();
        let unit = &b.unit;
        let unit_en = unit.en.as_deref().unwrap_or(&unit.zh);
        let name_en = b.label.en.as_deref().unwrap_or(&b.label.zh);
        for (n, d) in draws {
            let path = Some(format!("draws[{n}]"));
            let after_expiry = expires.is_some_and(|e| d.date > e);
            let mut over = Decimal::ZERO;
            if after_expiry {
                let e = expires.unwrap_or(d.date);
                warnings.push(Warning {
                    code: "balance.draw-after-expiry".into(),
                    path,
                    clause: None,
                    zh: format!(
                        "{}：{} 支取 {}{}，晚于有效期届满日 {e}，不计入",
                        b.label.zh, d.date, d.quantity, unit.zh
                    ),
                    en: format!(
                        "{name_en}: {} {unit_en} drawn on {}, after the balance expired on {e}; not counted",
                        d.quantity, d.date
                    ),
                });
            } else {
                let take = d.quantity.min(left);
                over = d.quantity - take;
                left -= take;
                used += take;
                if over > Decimal::ZERO {
                    warnings.push(Warning {
                        code: "balance.overdrawn".into(),
                        path,
                        clause: None,
                        zh: format!(
                            "{}：{} 支取 {}{}，超出余额 {}{}",
                            b.label.zh, d.date, d.quantity, unit.zh, over, unit.zh
                        ),
                        en: format!(
                            "{name_en}: {} {unit_en} drawn on {}, {over} {unit_en} beyond what was left",
                            d.quantity, d.date
                        ),
                    });
                }
            }
            rows.push(DrawResult {
                date: d.date,
                quantity: d.quantity,
                left,
                over,
                after_expiry,
                note: d.note.clone(),
            });
        }
        out.push(BalanceResult {
            balance: b.id.clone(),
            label: b.label.clone(),
            unit: b.unit.clone(),
            quantity: b.quantity,
            used,
            left,
            expires,
            expired: expires.is_some_and(|e| e < ctx.as_of),
            draws: rows,
        });
    }
    (out, warnings)
}
