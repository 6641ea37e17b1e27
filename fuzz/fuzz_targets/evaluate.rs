//! Load, evaluate, check, serialise and explain, on fuzzed input.
//!
//! The first byte chooses an example and which file is fuzzed: even, the rest is a contract
//! evaluated with the example's events; odd, the rest is an events file for the example's
//! contract. Whatever loads is evaluated; the report is serialised to JSON and rendered as
//! Markdown and CSV in Chinese and English. Nothing may panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::{checks, explain, load, Lang, Localize};

#[path = "support.rs"]
mod lvyue_fuzz_support;

fn pairs() -> &'static [(Contract, Events)] {
    static P: OnceLock<Vec<(Contract, Events)>> = OnceLock::new();
    P.get_or_init(lvyue_fuzz_support::example_pairs)
}

fn calendar() -> &'static Calendar {
    static C: OnceLock<Calendar> = OnceLock::new();
    C.get_or_init(Calendar::china)
}

fn run(contract: &Contract, events: &Events) {
    let cal = calendar();
    let _ = checks::check(contract, cal);
    // A figure too large to compute is an error naming its clause, in both languages.
    let report = match engine::evaluate(contract, events, cal, &Options::default()) {
        Ok(r) => r,
        Err(e) => {
            for lang in [Lang::Zh, Lang::En] {
                assert!(!e.localize(lang).is_empty());
            }
            return;
        }
    };
    let json = serde_json::to_string(&report).expect("a report serialises");
    let back: serde_json::Value = serde_json::from_str(&json).expect("the report is JSON");
    assert!(back.is_object());
    let labels = lvyue::domain::labels::Labels::of_report(contract, &report);
    for lang in [Lang::Zh, Lang::En] {
        let _ = explain::report_markdown(&report, &labels, lang);
        let _ = explain::report_csv(&report, &labels, lang);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let ps = pairs();
    let (contract, events) = &ps[usize::from(pick / 2) % ps.len()];
    if pick % 2 == 0 {
        if let Ok(c) = load::load_contract_bytes(rest) {
            run(&c, events);
        }
    } else if let Ok(text) = load::utf8(rest) {
        if let Ok(e) = load::load_events_for(contract, text) {
            run(contract, &e);
        }
    }
});
