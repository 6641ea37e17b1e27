//! The Yew app (placeholder).
