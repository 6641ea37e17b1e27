//! The record's undo history (issue 13 item 4) across the workspace: an edit made in one
//! scenario is undone from another, after a reading or a comparison changed, and the undo
//! goes back to the scenario it edited; deleting a scenario drops its steps and keeps the
//! others'; only a new workspace (an example, a file) starts afresh.

use std::rc::Rc;

use yew::Reducible;

use lvyue::domain::incident_log as log;
use lvyue::ui::store::{Action, AppState};

use crate::grid::{app, incidents};

/// A new row added to the active scenario, as the grid's "+ Add row" does.
fn add(s: Rc<AppState>) -> Rc<AppState> {
    let inc = log::new_incident(s.contract().unwrap(), &s.scenario().unwrap().events);
    s.reduce(Action::AddIncidents(vec![inc]))
}

fn in_scenario(s: &AppState, i: usize) -> usize {
    s.ws.scenarios[i].events.incidents.len()
}

/// A clause of 004 with two readings, and the one not used by default.
fn other_reading(s: &AppState) -> (String, String) {
    let r = s.report.as_ref().unwrap();
    let c = r
        .penalties
        .iter()
        .find(|c| c.readings.len() > 1)
        .expect("004 has a clause read two ways");
    let other = c.readings.iter().find(|x| !x.used).unwrap();
    (c.clause.clone(), other.reading.clone())
}

#[test]
fn the_history_survives_scenarios_readings_and_comparisons() {
    let s = add(app());
    assert_eq!(s.history.undo.len(), 1);
    // A copy of the scenario, an edit in it: two steps, one per scenario.
    let s = add(s.reduce(Action::DuplicateScenario(0)));
    assert_eq!(s.ws.active, 1);
    assert_eq!((in_scenario(&s, 0), in_scenario(&s, 1)), (1, 2));
    assert_eq!(s.history.undo.len(), 2);
    // Back to the first, another reading, a comparison: nothing forgotten.
    let s = s.reduce(Action::SelectScenario(0));
    let (clause, reading) = other_reading(&s);
    let s = s
        .reduce(Action::SetReading {
            clause,
            reading: Some(reading),
        })
        .reduce(Action::Compare(Some(1)))
        .reduce(Action::Compare(None));
    assert_eq!(s.ws.active, 0);
    assert_eq!(s.history.undo.len(), 2, "the history was dropped");
    // Undo takes back the second scenario's edit, there.
    let s = s.reduce(Action::Undo);
    assert_eq!(s.ws.active, 1);
    assert_eq!((in_scenario(&s, 0), in_scenario(&s, 1)), (1, 1));
    let s = s.reduce(Action::SelectScenario(0)).reduce(Action::Undo);
    assert_eq!(s.ws.active, 0);
    assert!(incidents(&s).is_empty());
    assert_eq!(s.history.redo.len(), 2);
    let s = s.reduce(Action::Redo).reduce(Action::Redo);
    assert_eq!((in_scenario(&s, 0), in_scenario(&s, 1)), (1, 2));
    // Deleting the first scenario drops its step; the second's (now the first) stays.
    let s = s.reduce(Action::DeleteScenario(0));
    assert_eq!(s.ws.scenarios.len(), 1);
    assert_eq!(s.history.undo.len(), 1);
    assert_eq!(s.history.undo[0].0, 0);
    let s = s.reduce(Action::Undo);
    assert_eq!(in_scenario(&s, 0), 1, "the copy's own edit undone");
    // A new workspace starts afresh.
    let s = s.reduce(Action::LoadExample("000-cloud-services".into()));
    assert!(s.history.undo.is_empty() && s.history.redo.is_empty());
}
