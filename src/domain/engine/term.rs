//! The contract period: start, end, renewals and extensions. (Being written.)

use super::Ctx;
use crate::domain::report::TermResult;

/// The term as of the evaluation date; updates `term_end` in the context after renewals.
pub fn evaluate(_ctx: &mut Ctx<'_>) -> Option<TermResult> {
    None
}
