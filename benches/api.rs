//! The API and the CLI around the engine (targets are figures to watch, not timed tests):
//! contract 004 with a generated year of 2,000 incidents and 500 requirements, given as text.
//!
//! - `api::evaluate`, the full JSON report from the two texts: loading with located problems,
//!   validation, the engine, the document checks and the pretty JSON;
//! - a prepared contract (`api::load` once, then `Loaded::evaluate` per record; target ≤ 20 ms
//!   for the full report): the record read and checked, the engine, the JSON; and its compact
//!   result (no steps);
//! - each of its parts on its own (loading the contract, loading the record, the checks, the
//!   report's JSON, the Markdown statement), so that a regression shows where it is;
//! - `lvyue eval CONTRACT --events EVENTS --json`, the whole process (target ≤ 40 ms): reading
//!   the files, the same work, printing.
//!
//! - `draft`, a 40 KB contract text drafted into rules (target ≤ 50 ms).
//!
//! The engine alone is `benches/engine.rs` (the same generated input, `lvyue::bench_support`).
//! Run: `make bench` (or `cargo bench --bench api`).

use std::hint::black_box;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

use lvyue::api;
use lvyue::bench_support::year_of_004_texts;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{evaluate, Options};
use lvyue::domain::{checks, explain, load, Lang};

fn api_calls(c: &mut Criterion) {
    let (contract_text, events_text) = year_of_004_texts();
    c.bench_function("api evaluate 004 year: full JSON report", |b| {
        b.iter(|| api::evaluate(black_box(&contract_text), black_box(&events_text), ""))
    });
    c.bench_function("api evaluate 004 year: Markdown", |b| {
        b.iter(|| {
            api::evaluate(
                black_box(&contract_text),
                black_box(&events_text),
                r#"{"format":"md"}"#,
            )
        })
    });
    let loaded = api::load(&contract_text, "").expect("004 loads");
    c.bench_function("api prepared 004 year: full JSON report", |b| {
        b.iter(|| loaded.evaluate(black_box(&events_text), ""))
    });
    c.bench_function("api prepared 004 year: compact JSON", |b| {
        b.iter(|| loaded.evaluate(black_box(&events_text), r#"{"result":"compact"}"#))
    });
    // The peer benchmark's one-clause contract (benches/peer/): what a request costs when the
    // record is small, natively.
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/peer");
    if let (Ok(contract), Ok(events)) = (
        std::fs::read_to_string(dir.join("late-delivery.contract.json")),
        std::fs::read_to_string(dir.join("late-delivery.events.json")),
    ) {
        let loaded = api::load(&contract, "").expect("the late-delivery contract loads");
        c.bench_function("api prepared late-delivery: one request, compact", |b| {
            b.iter(|| loaded.evaluate(black_box(&events), r#"{"result":"compact"}"#))
        });
    }
    c.bench_function("api check 004", |b| {
        b.iter(|| api::check(black_box(&contract_text), ""))
    });
}

fn parts(c: &mut Criterion) {
    let (contract_text, events_text) = year_of_004_texts();
    let cal = Calendar::china();
    let contract = load::load_contract(&contract_text).expect("004 loads");
    let events = load::load_events_for(&contract, &events_text).expect("the year loads");
    let report = evaluate(&contract, &events, &cal, &Options::default()).expect("evaluates");
    c.bench_function("part: load contract 004", |b| {
        b.iter(|| load::inspect_contract(black_box(&contract_text)))
    });
    c.bench_function("part: load events 004 year", |b| {
        b.iter(|| load::inspect_events(&contract, black_box(&events_text)))
    });
    c.bench_function("part: checks 004", |b| {
        b.iter(|| checks::check(black_box(&contract), &cal))
    });
    c.bench_function("part: report JSON 004 year", |b| {
        b.iter(|| lvyue::export::report_json(black_box(&report)))
    });
    c.bench_function("part: report Markdown 004 year", |b| {
        let labels = lvyue::domain::labels::Labels::of_report(&contract, &report);
        b.iter(|| explain::report_markdown(black_box(&report), &labels, Lang::Zh))
    });
}

/// The two texts as files in a fresh temporary directory.
fn files() -> (PathBuf, PathBuf) {
    let (contract_text, events_text) = year_of_004_texts();
    let dir = std::env::temp_dir().join(format!("lvyue-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let (c, e) = (
        dir.join("004.contract.json"),
        dir.join("004-year.events.json"),
    );
    std::fs::write(&c, contract_text).expect("write the contract");
    std::fs::write(&e, events_text).expect("write the record");
    (c, e)
}

fn cli(c: &mut Criterion) {
    let (contract, events) = files();
    let mut g = c.benchmark_group("cli");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function("cli eval 004 year --json: whole process", |b| {
        b.iter(|| {
            let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
                .arg("eval")
                .arg(&contract)
                .arg("--events")
                .arg(&events)
                .arg("--json")
                .output()
                .expect("lvyue runs");
            assert!(out.status.success(), "lvyue eval failed");
            out.stdout.len()
        })
    });
    g.finish();
    if let Some(dir) = contract.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// The drafter on a 40 KB contract text (target ≤ 50 ms): the seeds' texts (../shared/seeds)
/// concatenated and cut at 40,000 bytes on a character boundary; skipped when they are absent.
fn drafting(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut files: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    let mut text: String = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n");
    let mut cut = text.len().min(40_000);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    c.bench_function("draft a 40 KB contract text", |b| {
        b.iter(|| lvyue::domain::draft::draft(black_box(&text)))
    });
}

criterion_group!(benches, api_calls, parts, cli, drafting);
criterion_main!(benches);
