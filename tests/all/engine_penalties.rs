//! Tests: engine_penalties.
