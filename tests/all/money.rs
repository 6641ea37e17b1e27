//! Tests: money.
