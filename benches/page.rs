//! The page's reducer natively (targets are figures to watch, not timed tests): one edit of a
//! record of contract 004 with 2,000 incidents, as the grid makes it (`Action::SetEvents` with
//! one resolved time changed), and each of its parts, so that the browser's
//! `lvyue:edit` measure (tests/e2e/suites/grid.mjs) can be read against them. The browser
//! adds rendering and runs wasm about 2–3× slower than native.
//! Run: `make bench` (or `cargo bench --bench page`).

use std::hint::black_box;
use std::rc::Rc;

use chrono::{Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use yew::Reducible;

use lvyue::bench_support::{incidents_of_004_text, CONTRACT_004};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{evaluate, Options};
use lvyue::domain::{load, validate};
use lvyue::ui::store::{Action, AppState, Tab};
use lvyue::ui::workspace::Workspace;

fn page(c: &mut Criterion) {
    let contract = load::load_contract(CONTRACT_004).expect("004 loads");
    let events =
        load::load_events_for(&contract, &incidents_of_004_text(2000)).expect("record loads");
    let today = NaiveDate::from_ymd_opt(2023, 7, 1).expect("a date");
    let ws = Workspace::with(
        contract.clone(),
        events.clone(),
        Default::default(),
        Default::default(),
    );
    let state = Rc::new(AppState::new(ws, Tab::Record, today));
    let edited = |k: i64| {
        let mut e = events.clone();
        if let Some(r) = e.incidents[0].resolved.as_mut() {
            *r += Duration::minutes(1 + k % 2);
        }
        e
    };
    let mut k = 0;
    c.bench_function(
        "page reducer: a grid cell edit, 004 + 2,000 incidents",
        |b| {
            b.iter(|| {
                k += 1;
                black_box(state.clone().reduce(Action::SetEvents(edited(k))))
            })
        },
    );
    c.bench_function("page edit part: clone the record", |b| {
        b.iter(|| black_box(events.clone()))
    });
    let other = edited(1);
    c.bench_function("page edit part: compare two records", |b| {
        b.iter(|| black_box(events == other))
    });
    c.bench_function("page edit part: validate the record", |b| {
        b.iter(|| validate::validate_events(black_box(&contract), black_box(&events)))
    });
    let cal = Calendar::china();
    c.bench_function("page edit part: the engine", |b| {
        b.iter(|| {
            evaluate(
                black_box(&contract),
                black_box(&events),
                &cal,
                &Options::default(),
            )
        })
    });
}

criterion_group!(benches, page);
criterion_main!(benches);
