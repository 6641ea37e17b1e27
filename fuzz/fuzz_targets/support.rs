//! What the targets share: the example contracts and events, read at start.

use lvyue::domain::contract::Contract;
use lvyue::domain::events::Events;
use lvyue::domain::load;

const EXAMPLES: [&str; 5] = [
    "000-cloud-services",
    "001-oa-maintenance",
    "002-im-platform",
    "003-insurance-datacentre",
    "004-liyang-operations",
];

fn read(name: &str) -> String {
    let path = format!("{}/../examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[allow(dead_code)]
pub fn example_contracts() -> Vec<Contract> {
    EXAMPLES
        .iter()
        .map(|n| load::load_contract(&read(&format!("{n}.contract.json"))).expect("example loads"))
        .collect()
}

#[allow(dead_code)]
pub fn example_pairs() -> Vec<(Contract, Events)> {
    example_contracts()
        .into_iter()
        .zip(EXAMPLES)
        .map(|(c, n)| {
            let e = load::load_events_for(&c, &read(&format!("{n}.events.json")))
                .expect("example events load");
            (c, e)
        })
        .collect()
}
