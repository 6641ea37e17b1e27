//! Saving the workspace in the browser's localStorage.
//!
//! The key is versioned. A saved workspace of an older version is migrated by
//! [`Workspace::from_json`]; a value that cannot be read at all (damaged, or written by a newer
//! version of lvyue) is copied aside under a backup key before anything is saved over it, and
//! the user is told where it is. When even the copy is refused (storage full), the unreadable
//! save is left where it is and nothing is saved over it: the page says so and offers export.
//! Storage that is full or blocked never breaks the page: the caller is told and offers export.

use std::cell::Cell;

use std::cell::RefCell;
use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::ui::workspace::{Workspace, WorkspaceError};

/// The workspace, version 1.
pub const WORKSPACE_KEY: &str = "lvyue/workspace/v1";
/// The tools page's own save before workspaces existed (migrated on first load).
pub const KEY: &str = "lvyue/tools/v1";
/// Where an unreadable saved workspace is kept (then `…/2`, `…/3`, … for further ones).
pub const BACKUP_KEY: &str = "lvyue/workspace/unreadable";
/// How many unreadable saves are kept aside at most.
const MAX_BACKUPS: usize = 20;

thread_local! {
    /// True while the saved workspace is an unreadable one that could not be copied aside:
    /// saving over it would destroy it.
    static HELD: Cell<bool> = const { Cell::new(false) };
}

fn raw(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// A saved workspace that could not be read, and where it is now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptAside {
    /// The localStorage key holding the text as it was found.
    pub key: String,
    /// Why it could not be read.
    pub reason: WorkspaceError,
    /// True when it could not be copied aside (storage full): it stays under
    /// [`WORKSPACE_KEY`] and autosave does not write over it.
    pub held: bool,
}

/// What was found in storage at startup.
pub struct Loaded {
    pub workspace: Workspace,
    pub kept: Option<KeptAside>,
}

/// Copies `text` under the first backup key that is free or already holds it.
fn keep_aside(text: &str) -> Option<String> {
    let storage = LocalStorage::raw();
    for n in 1..=MAX_BACKUPS {
        let key = if n == 1 {
            BACKUP_KEY.to_string()
        } else {
            format!("{BACKUP_KEY}/{n}")
        };
        match raw(&key) {
            Some(old) if old == text => return Some(key),
            Some(_) => continue,
            None => return storage.set_item(&key, text).ok().map(|()| key),
        }
    }
    None
}

/// The saved workspace (this version, or a migrated older one, or a new one), and what was
/// kept aside because it could not be read.
pub fn load() -> Loaded {
    HELD.with(|h| h.set(false));
    let mut kept = None;
    if let Some(text) = raw(WORKSPACE_KEY) {
        match Workspace::from_json(&text) {
            Ok(ws) => {
                return Loaded {
                    workspace: ws,
                    kept: None,
                }
            }
            Err(reason) => {
                let aside = keep_aside(&text);
                let held = aside.is_none();
                HELD.with(|h| h.set(held));
                kept = Some(KeptAside {
                    key: aside.unwrap_or_else(|| WORKSPACE_KEY.to_string()),
                    reason,
                    held,
                });
            }
        }
    }
    let workspace = raw(KEY)
        .and_then(|text| Workspace::from_json(&text).ok())
        .unwrap_or_default();
    Loaded { workspace, kept }
}

/// What became of a save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved,
    /// The browser refused (full, blocked or unavailable).
    Refused,
    /// Not written: the save in place is an unreadable one that still cannot be kept aside.
    Held,
    /// The unreadable save in place could now be copied under this key, and the workspace was
    /// saved.
    KeptAsideThenSaved(String),
}

/// Saves the workspace, never over an unreadable save that is not kept aside.
pub fn save(ws: &Workspace) -> SaveOutcome {
    let mut released = None;
    if HELD.with(Cell::get) {
        match raw(WORKSPACE_KEY).map(|text| keep_aside(&text)) {
            Some(Some(key)) => released = Some(key),
            Some(None) => return SaveOutcome::Held,
            None => {}
        }
        HELD.with(|h| h.set(false));
    }
    match LocalStorage::raw().set_item(WORKSPACE_KEY, &ws.to_json()) {
        Err(_) => SaveOutcome::Refused,
        Ok(()) => released.map_or(SaveOutcome::Saved, SaveOutcome::KeptAsideThenSaved),
    }
}

/// The text stored under `key`, as it is (to download a save kept aside).
pub fn stored_text(key: &str) -> Option<String> {
    raw(key)
}

thread_local! {
    /// The workspace waiting to be saved, and whom to tell if the browser refuses.
    static PENDING: RefCell<Option<(Rc<Workspace>, Callback<SaveOutcome>)>> = const { RefCell::new(None) };
}

/// Saves the workspace in a task of its own, right after the current one (the edit and its
/// re-render) ends: serialising a large record is not part of the edit's frame, and the save
/// still happens within milliseconds. Several calls before it runs write once, the latest.
/// `outcome` hears how it went (see [`save`]). The page's `pagehide` and `visibilitychange`
/// write a pending save at once ([`save_when_hidden`]).
pub fn save_soon(ws: Rc<Workspace>, outcome: Callback<SaveOutcome>) {
    let first = PENDING.with(|p| p.borrow_mut().replace((ws, outcome)).is_none());
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
    if let Some((ws, outcome)) = PENDING.with(|p| p.borrow_mut().take()) {
        outcome.emit(save(&ws));
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
