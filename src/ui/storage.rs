//! Saving the workspace in the browser's localStorage.
//!
//! The key is versioned. A saved workspace of an older version is migrated by
//! [`Workspace::from_json`]; a value that cannot be read at all is kept aside under a backup key
//! rather than overwritten, so nothing the user had is lost. Storage that is full or blocked
//! never breaks the page: the caller is told and offers an export.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

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

thread_local! {
    /// The workspace waiting to be saved, and whom to tell if the browser refuses.
    static PENDING: RefCell<Option<(Rc<Workspace>, Callback<()>)>> = const { RefCell::new(None) };
}

/// Saves the workspace in a task of its own, right after the current one (the edit and its
/// re-render) ends: serialising a large record is not part of the edit's frame, and the save
/// still happens within milliseconds. Several calls before it runs write once, the latest.
/// `refused` is called when the browser refuses. The page's `pagehide` and `visibilitychange`
/// write a pending save at once ([`save_when_hidden`]).
pub fn save_soon(ws: Rc<Workspace>, refused: Callback<()>) {
    let first = PENDING.with(|p| p.borrow_mut().replace((ws, refused)).is_none());
    if !first {
        return;
    }
    let scheduled = web_sys::window().is_some_and(|w| {
        let f = Closure::once_into_js(save_pending);
        w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), 0)
            .is_ok()
    });
    if !scheduled {
        save_pending();
    }
}

/// Writes the pending save, if any.
pub fn save_pending() {
    if let Some((ws, refused)) = PENDING.with(|p| p.borrow_mut().take()) {
        if !save_workspace(&ws) {
            refused.emit(());
        }
    }
}

/// A pending save is written at once when the page is hidden or left.
pub fn save_when_hidden() {
    let Some(w) = web_sys::window() else { return };
    let f = Closure::<dyn Fn()>::new(save_pending);
    let _ = w.add_event_listener_with_callback("pagehide", f.as_ref().unchecked_ref());
    let _ = w.document().map(|d| {
        d.add_event_listener_with_callback("visibilitychange", f.as_ref().unchecked_ref())
    });
    // The listeners live as long as the page.
    f.forget();
}
