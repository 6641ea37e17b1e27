//! Tests: boundary.
