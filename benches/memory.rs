//! Memory per incident (issue 14: ≤ 2 KB): 004 with a generated year of 2,000 incidents and
//! 500 requirements (`lvyue::bench_support`), measured with a counting allocator.
//!
//! For each of the engine alone (the contract and the record already read) and the API with
//! a prepared contract (the record's text read, the engine, the full JSON report), it prints:
//!
//! - the peak: the most bytes live at once during the call, above what was live before it;
//! - what stays: the bytes the result holds (the `Report`, or the JSON text);
//!
//! each divided by the incidents and requirements (2,500). Not a timed test: `make bench`
//! prints the figures against the target; `cargo test --bench memory` runs it once.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use lvyue::api;
use lvyue::bench_support::{year_of_004, year_of_004_texts};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::engine::{evaluate, Options};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new) };
        if !q.is_null() {
            if new >= layout.size() {
                let live =
                    LIVE.fetch_add(new - layout.size(), Ordering::Relaxed) + new - layout.size();
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The peak above the start and what stays live after `f`, with `f`'s result.
fn measure<T>(f: impl FnOnce() -> T) -> (usize, usize, T) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    let kept = LIVE.load(Ordering::Relaxed).saturating_sub(before);
    (peak, kept, out)
}

fn report(label: &str, subjects: usize, peak: usize, kept: usize) {
    let per = |b: usize| b as f64 / subjects as f64 / 1024.0;
    println!(
        "bench: memory: {label}: peak {:.2} KB per incident ({:.1} MB), kept {:.2} KB per incident; target ≤ 2 KB: {}",
        per(peak),
        peak as f64 / 1_048_576.0,
        per(kept),
        if per(peak) <= 2.0 { "met" } else { "MISSED" }
    );
}

fn main() {
    let (contract, events) = year_of_004();
    let subjects = events.incidents.len() + events.requirements.len();
    let calendar = Calendar::china();
    let options = Options::default();
    let (peak, kept, r) = measure(|| evaluate(&contract, &events, &calendar, &options));
    assert!(r.is_ok(), "004's year evaluates");
    report("engine, 004 year", subjects, peak, kept);
    drop(r);

    let (contract_text, events_text) = year_of_004_texts();
    let loaded = api::load(&contract_text, "").expect("004 loads");
    let (peak, kept, r) = measure(|| loaded.evaluate(&events_text, ""));
    assert!(r.is_ok(), "004's year evaluates through the API");
    report(
        "API, prepared 004 year, full JSON report",
        subjects,
        peak,
        kept,
    );
    drop(r);
    let (peak, kept, r) = measure(|| loaded.evaluate(&events_text, r#"{"result":"compact"}"#));
    assert!(r.is_ok());
    report("API, prepared 004 year, compact JSON", subjects, peak, kept);
}
