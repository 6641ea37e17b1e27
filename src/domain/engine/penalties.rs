//! Penalty clauses, caps, shared caps, rights and exposure. (Being written.)

use super::{Ctx, PenaltyOutcome, Schedule};
use crate::domain::report::{ObligationInstance, TimerResult};

/// Every penalty clause.
pub fn evaluate(
    _ctx: &Ctx<'_>,
    _sla: &[TimerResult],
    _obligations: &[ObligationInstance],
    _schedule: &Schedule,
) -> PenaltyOutcome {
    PenaltyOutcome::default()
}
