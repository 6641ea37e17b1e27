//! Money (placeholder until the money module lands).
