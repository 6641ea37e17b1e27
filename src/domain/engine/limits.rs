//! The engine's guards as load-time problems: a record that would take the evaluation past
//! one of them is refused, with the path of the clause, instead of a figure that silently
//! stops counting.
//!
//! Why here: whether a daily duty expands to more than [`MAX_INSTANCES`] instances, or the
//! term renews more than [`MAX_RENEWALS`] times, or ends past the last date the calendar can
//! hold, depends on the contract and the record together (the term starts from a recorded
//! event). So [`check`] resolves the term and the obligations' due dates exactly as the
//! evaluation does — the same functions — and reports what would be cut. The problem is the
//! record's, at its `as_of` (the day the evaluation runs to), and names the clause.

use crate::domain::bounds::{MAX_INSTANCES, MAX_RENEWALS};
use crate::domain::calendar::Calendar;
use crate::domain::contract::{Contract, Rule};
use crate::domain::events::Events;
use crate::domain::load::Problem;
use crate::domain::quote::shown;

use super::{obligations, term, Ctx, Options};

/// The problems of a contract and its record that the evaluation would run into.
pub fn check(contract: &Contract, events: &Events) -> Vec<Problem> {
    let calendar = Calendar::china();
    let options = Options::default();
    let mut ctx = Ctx::new(contract, events, &calendar, &options);
    let mut out = Vec::new();
    let term_clause = contract
        .clauses
        .iter()
        .enumerate()
        .find_map(|(i, c)| match &c.rule {
            Rule::Term(t) => Some((i, t)),
            _ => None,
        });
    let result = term::evaluate(&mut ctx);
    if let Some((i, t)) = term_clause {
        match &result {
            None if ctx.resolve(&t.start, None).is_some() => out.push(Problem::error(
                "term.out-of-range",
                "as_of",
                format!("条款“{}”的服务期届满日超出可计算的日期范围", shown(&contract.clauses[i].id)),
                format!("the term of clause \"{}\" ends past the last date that can be computed", shown(&contract.clauses[i].id)),
            )),
            Some(r) if r.renewals >= MAX_RENEWALS => out.push(Problem::error(
                "term.too-many-renewals",
                "as_of",
                format!("截至评估日服务期需续期超过 {MAX_RENEWALS} 次：续期长度或评估日有误"),
                format!(
                    "the term would renew more than {MAX_RENEWALS} times by the as-of date: check the renewal's length and the as-of date"
                ),
            )),
            _ => {}
        }
    }
    for c in &contract.clauses {
        let Rule::Obligation(ob) = &c.rule else {
            continue;
        };
        if obligations::due_dates(&ctx, ob).len() >= MAX_INSTANCES {
            out.push(Problem::error(
                "obligation.too-many-instances",
                "as_of",
                format!(
                    "义务“{}”在评估期间超过 {MAX_INSTANCES} 次：期间或评估日有误",
                    shown(&c.id)
                ),
                format!(
                    "the obligation \"{}\" falls due more than {MAX_INSTANCES} times over the period evaluated: check the term and the as-of date",
                    shown(&c.id)
                ),
            ));
        }
    }
    out
}
