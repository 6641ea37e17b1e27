//! Obligation instances and their status. (Being written.)

use super::Ctx;
use crate::domain::report::ObligationInstance;

/// Every instance of every obligation clause over the term, up to the as-of date and beyond.
pub fn evaluate(_ctx: &Ctx<'_>) -> Vec<ObligationInstance> {
    Vec::new()
}
