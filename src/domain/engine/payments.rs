//! The payment schedule. (Being written.)

use super::{Ctx, PenaltyOutcome, Schedule};
use crate::domain::report::MilestoneResult;

/// Amounts, due dates, payments and overdue segments of every milestone.
pub fn schedule(_ctx: &Ctx<'_>) -> Schedule {
    Schedule::default()
}

/// Adds late-payment penalties and interest, set-off and net payable.
pub fn settle(_ctx: &Ctx<'_>, schedule: Schedule, _pen: &PenaltyOutcome) -> Vec<MilestoneResult> {
    schedule.milestones
}
