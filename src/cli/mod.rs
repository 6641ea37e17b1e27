//! The command-line tool (placeholder).
