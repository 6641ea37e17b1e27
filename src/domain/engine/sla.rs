//! SLA timers on incidents and requirements. (Being written.)

use super::Ctx;
use crate::domain::report::TimerResult;

/// Every timer of every SLA clause on every incident or requirement it applies to.
pub fn evaluate(_ctx: &Ctx<'_>) -> Vec<TimerResult> {
    Vec::new()
}
