//! Saving the workspace in the browser's localStorage.
//!
//! The key is versioned. A saved workspace of an older version is migrated by
//! [`Workspace::from_json`]; a value that cannot be read at all is kept aside under a backup key
//! rather than overwritten, so nothing the user had is lost. Storage that is full or blocked
//! never breaks the page: the caller is told and offers an export.

use gloo::storage::{LocalStorage, Storage};

use crate::ui::workspace::Workspace;

/// The workspace, version 1.
pub const WORKSPACE_KEY: &str = "lvyue/workspace/v1";
/// The tools page's own save before workspaces existed (migrated on first load).
pub const KEY: &str = "lvyue/tools/v1";
/// Where an unreadable saved workspace is kept.
pub const BACKUP_KEY: &str = "lvyue/workspace/unreadable";

fn raw(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// The saved workspace: this version, a migrated older one, or a new one.
pub fn load_workspace() -> Workspace {
    if let Some(text) = raw(WORKSPACE_KEY) {
        match Workspace::from_json(&text) {
            Ok(ws) => return ws,
            Err(_) => {
                let _ = LocalStorage::raw().set_item(BACKUP_KEY, &text);
            }
        }
    }
    if let Some(text) = raw(KEY) {
        if let Ok(ws) = Workspace::from_json(&text) {
            return ws;
        }
    }
    Workspace::default()
}

/// Saves the workspace; false when the browser refused (full, blocked or unavailable).
pub fn save_workspace(ws: &Workspace) -> bool {
    LocalStorage::raw()
        .set_item(WORKSPACE_KEY, &ws.to_json())
        .is_ok()
}
