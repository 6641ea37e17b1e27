//! Performance marks for the page's measurements (`tests/e2e/suites/measure.mjs`, `make bench`):
//! the browser's User Timing entries, readable by any tool.
//!
//! - `lvyue:input` when an action is dispatched (the first of a burst: an input and its change
//!   event are one edit), `lvyue:rendered` in the app's effect after the re-render, and between
//!   them the measure `lvyue:edit`: an edit to its re-rendered results, reducer (engine) and
//!   rendering included;
//! - `lvyue:first-report` once, in the effect after the first render that shows a report
//!   (its `startTime` is the time since navigation start).
//!
//! Marks cost a few microseconds and change nothing on the page.

use std::cell::Cell;

thread_local! {
    static EDIT: Cell<bool> = const { Cell::new(false) };
    static FIRST: Cell<bool> = const { Cell::new(false) };
}

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// An action was dispatched.
pub fn input() {
    if !EDIT.replace(true) {
        if let Some(p) = performance() {
            let _ = p.mark("lvyue:input");
        }
    }
}

/// The app rendered (called from its effect); `report`: a report is on the page.
pub fn rendered(report: bool) {
    let Some(p) = performance() else { return };
    if report && !FIRST.replace(true) {
        let _ = p.mark("lvyue:first-report");
    }
    if EDIT.replace(false) {
        let _ = p.mark("lvyue:rendered");
        let _ =
            p.measure_with_start_mark_and_end_mark("lvyue:edit", "lvyue:input", "lvyue:rendered");
        p.clear_marks_with_mark_name("lvyue:input");
        p.clear_marks_with_mark_name("lvyue:rendered");
    }
}
