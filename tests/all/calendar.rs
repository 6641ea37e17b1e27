//! Tests: calendar.
