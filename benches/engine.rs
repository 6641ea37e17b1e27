//! Engine benchmarks (targets are figures to watch, not timed tests):
//! - contract 004 with a generated year of 2,000 incidents and 500 requirements (target ≤ 2 ms);
//! - a three-year contract in the shape of 003 (six inspections a day) with 10,000 incidents
//!   (target ≤ 20 ms).
//!
//! The records are generated deterministically (`lvyue::bench_support`, shared with the
//! browser benchmark `benches/wasm/engine.rs`), so every run measures the same work.
//! Run: `make bench`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

use lvyue::bench_support::{three_years_of_003, year_of_004};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{evaluate, Options};

fn engine(c: &mut Criterion) {
    let cal = Calendar::china();
    let options = Options::default();
    let (contract, events) = year_of_004();
    c.bench_function("evaluate 004 + 2,000 incidents + 500 requirements", |b| {
        b.iter(|| evaluate(black_box(&contract), black_box(&events), &cal, &options))
    });
    let (contract, events) = three_years_of_003();
    c.bench_function(
        "evaluate 003 x 3 years + 10,000 incidents, 6 inspections a day",
        |b| b.iter(|| evaluate(black_box(&contract), black_box(&events), &cal, &options)),
    );
}

criterion_group!(benches, engine);
criterion_main!(benches);
