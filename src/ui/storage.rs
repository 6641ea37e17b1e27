//! Saving the page's settings and inputs in the browser's localStorage.
//!
//! The key is versioned. A value that cannot be read (an older or damaged save) is ignored
//! rather than trusted, and storage that is full or blocked never breaks the page.

use gloo::storage::{LocalStorage, Storage};

use crate::ui::state::Saved;

/// The localStorage key of the tools page, version 1.
pub const KEY: &str = "lvyue/tools/v1";

/// What was saved, or the defaults.
pub fn load() -> Saved {
    LocalStorage::get::<Saved>(KEY).unwrap_or_default()
}

/// Saves; returns false when the browser refused (full, blocked or unavailable).
pub fn save(saved: &Saved) -> bool {
    LocalStorage::set(KEY, saved).is_ok()
}
