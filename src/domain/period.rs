//! Periods (placeholder until the period module lands).
