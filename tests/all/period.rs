//! Tests: period.
