//! Document checks: findings about the contract text itself. (Being written.)

use crate::domain::calendar::Calendar;
use crate::domain::contract::Contract;
use crate::domain::report::Finding;

/// Every finding about a contract.
pub fn check(_contract: &Contract, _calendar: &Calendar) -> Vec<Finding> {
    Vec::new()
}
