//! Any bytes as an events file for each example contract: events or located problems.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use lvyue::domain::contract::Contract;
use lvyue::domain::load;

fn contracts() -> &'static [Contract] {
    static C: OnceLock<Vec<Contract>> = OnceLock::new();
    C.get_or_init(lvyue_fuzz_support::example_contracts)
}

#[path = "support.rs"]
mod lvyue_fuzz_support;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let cs = contracts();
    let contract = &cs[usize::from(pick) % cs.len()];
    let _ = load::load_events_bytes(rest);
    if let Ok(text) = load::utf8(rest) {
        let (_, problems) = load::inspect_events(contract, text);
        for p in &problems {
            assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        }
    }
});
