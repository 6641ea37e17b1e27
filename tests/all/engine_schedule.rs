//! Tests: engine_schedule.
