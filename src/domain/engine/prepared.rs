//! A contract prepared once for many evaluations: [`Prepared`].
//!
//! Whatever an evaluation computes from the contract alone — today the document checks
//! (`domain::checks`), which read every clause's wording, amounts in words and periods — is
//! done when the contract is prepared, not once per record. The API's `load` and the page
//! hold one per contract; [`super::evaluate`] is the same evaluation preparing on the fly.

use crate::domain::calendar::Calendar;
use crate::domain::contract::Contract;
use crate::domain::events::Events;
use crate::domain::report::{Finding, Report};

use super::{EvalError, Options};

/// A contract, the calendar it is evaluated on and what was found from the two alone.
///
/// Valid by construction: the findings are those of this contract on this calendar.
///
/// # Example
/// ```
/// # use lvyue::domain::{calendar::Calendar, contract::Contract, events::Events, engine};
/// let contract: Contract = serde_json::from_str(r#"{
///   "format": "lvyue-contract/2", "id": "demo", "title": "示例",
///   "parties": { "buyer": { "name": "甲方" }, "seller": { "name": "乙方" } },
///   "total": "980000", "clauses": []
/// }"#).unwrap();
/// let prepared = engine::Prepared::new(contract, Calendar::china());
/// for as_of in ["2023-01-01", "2024-01-01"] {
///     let events: Events = serde_json::from_str(&format!(
///         r#"{{ "format": "lvyue-events/2", "as_of": "{as_of}" }}"#
///     )).unwrap();
///     let report = prepared.evaluate(&events, &engine::Options::default())?;
///     assert_eq!(report.as_of.to_string(), as_of);
/// }
/// # Ok::<(), engine::EvalError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Prepared {
    contract: Contract,
    calendar: Calendar,
    findings: Vec<Finding>,
}

impl Prepared {
    /// Prepares `contract` for evaluation on `calendar`: the document checks run here.
    pub fn new(contract: Contract, calendar: Calendar) -> Prepared {
        let findings = crate::domain::checks::check(&contract, &calendar);
        Prepared {
            contract,
            calendar,
            findings,
        }
    }

    /// The contract.
    pub fn contract(&self) -> &Contract {
        &self.contract
    }

    /// The calendar its figures are computed on.
    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    /// The document findings (those of every report).
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The contract back, for a caller that prepared it only for a while.
    pub fn into_contract(self) -> Contract {
        self.contract
    }

    /// Evaluates the contract against a record: the report [`super::evaluate`] gives.
    ///
    /// # Errors
    /// As [`super::evaluate`]: an [`EvalError`] when a figure is too large to compute.
    pub fn evaluate(&self, events: &Events, options: &Options) -> Result<Report, EvalError> {
        super::evaluate_checked(
            &self.contract,
            events,
            &self.calendar,
            options,
            self.findings.clone(),
        )
    }
}
