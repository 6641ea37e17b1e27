//! Any bytes as a contract file: the loader answers with a contract or located problems,
//! never a panic, and every problem it reports is an error or a warning with a code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lvyue::domain::load;

fuzz_target!(|data: &[u8]| {
    let _ = load::load_contract_bytes(data);
    if let Ok(text) = load::utf8(data) {
        let (_, problems) = load::inspect_contract(text);
        for p in &problems {
            assert!(!p.code.is_empty());
            assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        }
    }
});
