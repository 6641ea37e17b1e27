//! The benchmarks' inputs, shared by the native benchmark (`benches/engine.rs`, criterion) and
//! the browser benchmark (`benches/wasm/engine.rs`, the wasm module in headless Chromium), so
//! that both measure the same work. Not part of the app: nothing else names this module, so
//! the linker drops it (and the examples it embeds) from the app's binaries.
//!
//! The records are generated deterministically from the example files (a fixed LCG, no
//! dependency): every run and every target evaluates the same input.

use chrono::{Duration, NaiveDate, NaiveDateTime};

use crate::domain::contract::{Complexity, Contract};
use crate::domain::events::{Done, Events, Incident, Requirement};

/// The two benchmark inputs, by name: (name, target in ms natively, in the browser, input).
pub fn inputs() -> Vec<(&'static str, f64, f64, (Contract, Events))> {
    vec![
        (
            "004 year: 2,000 incidents + 500 requirements",
            2.0,
            5.0,
            year_of_004(),
        ),
        (
            "003 x 3 years: 10,000 incidents, 6 inspections a day",
            20.0,
            50.0,
            three_years_of_003(),
        ),
    ]
}

/// The text of contract 004 (the example file, as a person would give it).
pub const CONTRACT_004: &str = include_str!("../examples/004-liyang-operations.contract.json");

/// [`year_of_004`] as the two texts the API and the CLI read: the example contract and the
/// generated record as pretty JSON (one field a line, as a person or a tool writes it).
pub fn year_of_004_texts() -> (String, String) {
    let (_, events) = year_of_004();
    let text = serde_json::to_string_pretty(&events).expect("events serialise");
    (CONTRACT_004.to_string(), text)
}

/// A record for 004 with `n` generated incidents (and no requirements), as JSON text: for
/// measuring the cost of one incident (memory and time grow with `n`).
pub fn incidents_of_004_text(n: usize) -> String {
    let (contract, mut events) = year_of_004();
    let levels: Vec<&str> = contract.levels.iter().map(|l| l.id.as_str()).collect();
    let items: Vec<&str> = contract.items.iter().map(|i| i.id.as_str()).collect();
    let start = NaiveDate::from_ymd_opt(2022, 7, 21).expect("a date");
    let mut rng = Lcg(4);
    events.requirements.clear();
    events.incidents = (0..n)
        .map(|i| {
            incident(
                &mut rng,
                i,
                start + Duration::days((i % 360) as i64),
                &levels,
                &items,
            )
        })
        .collect();
    serde_json::to_string(&events).expect("events serialise")
}

/// A small deterministic generator (no dependency, same sequence every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn at(day: NaiveDate, minutes: u64) -> NaiveDateTime {
    day.and_hms_opt(0, 0, 0).expect("midnight") + Duration::minutes(minutes as i64)
}

/// A level index, the most severe (first) rarest: weight 4^i for the i-th level, as in a real
/// year (004's levels: 0.3% especially major … 75% everyday operating problems). Uniform levels
/// would repeat the same major incident hundreds of times a year, and 附件2-5.3's +50% per
/// repeat would then exceed any amount that can be computed (an evaluation error, rightly).
fn severity(rng: &mut Lcg, n: usize) -> usize {
    let weights: Vec<u64> = (0..n as u32)
        .map(|i| 4u64.saturating_pow(i.min(20)))
        .collect();
    let mut pick = rng.next(weights.iter().sum::<u64>().max(1));
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    n.saturating_sub(1)
}

fn incident(rng: &mut Lcg, id: usize, day: NaiveDate, levels: &[&str], items: &[&str]) -> Incident {
    let reported = at(day, 8 * 60 + rng.next(10 * 60));
    let minutes = |r: &mut Lcg, max: u64| reported + Duration::minutes(1 + r.next(max) as i64);
    Incident {
        id: format!("G{id}"),
        item: (!items.is_empty()).then(|| items[rng.next(items.len() as u64) as usize].to_string()),
        kind: Some(["security", "outage"][rng.next(2) as usize].to_string()),
        level: levels[severity(rng, levels.len())].to_string(),
        reported,
        notified: Some(minutes(rng, 30)),
        responded: Some(minutes(rng, 40)),
        diagnosed: Some(minutes(rng, 60)),
        on_site: Some(minutes(rng, 120)),
        workaround: None,
        resolved: Some(minutes(rng, 600)),
        reported_back: None,
        resident: Some(rng.next(2) == 0),
        excuse: None,
        complaint: None,
        facts: Default::default(),
    }
}

/// 004 with a generated year: 2,000 incidents and 500 requirements.
pub fn year_of_004() -> (Contract, Events) {
    let contract: Contract = serde_json::from_str(CONTRACT_004).expect("004 contract");
    let mut events: Events = serde_json::from_str(include_str!(
        "../examples/004-liyang-operations.events.json"
    ))
    .expect("004 events");
    let levels: Vec<&str> = contract.levels.iter().map(|l| l.id.as_str()).collect();
    let items: Vec<&str> = contract.items.iter().map(|i| i.id.as_str()).collect();
    let start = NaiveDate::from_ymd_opt(2022, 7, 21).expect("a date");
    let mut rng = Lcg(4);
    events.incidents = (0..2_000)
        .map(|i| {
            incident(
                &mut rng,
                i,
                start + Duration::days((i % 360) as i64),
                &levels,
                &items,
            )
        })
        .collect();
    events.requirements = (0..500)
        .map(|i| {
            let submitted = at(
                start + Duration::days((i % 350) as i64),
                9 * 60 + rng.next(8 * 60),
            );
            let agreed = submitted.date() + Duration::days(3 + rng.next(10) as i64);
            Requirement {
                id: format!("R{i}"),
                submitted,
                complexity: if rng.next(4) == 0 {
                    Complexity::Complex
                } else {
                    Complexity::Ordinary
                },
                first_answer: Some(submitted + Duration::hours(1 + rng.next(90) as i64)),
                agreed: Some(agreed),
                done: Some(agreed + Duration::days(rng.next(5) as i64 - 2)),
                business_affected: rng.next(5) == 0,
                complaint: None,
                excuse: None,
                facts: Default::default(),
            }
        })
        .collect();
    events.as_of = NaiveDate::from_ymd_opt(2023, 7, 15).expect("a date");
    (contract, events)
}

/// 003's shape over three years: six inspections a day, 10,000 incidents.
pub fn three_years_of_003() -> (Contract, Events) {
    let text = include_str!("../examples/003-insurance-datacentre.contract.json")
        .replace(r#""n": 1, "unit": "years""#, r#""n": 3, "unit": "years""#);
    let contract: Contract = serde_json::from_str(&text).expect("003 contract");
    let mut events: Events = serde_json::from_str(include_str!(
        "../examples/003-insurance-datacentre.events.json"
    ))
    .expect("003 events");
    let levels: Vec<&str> = contract.levels.iter().map(|l| l.id.as_str()).collect();
    let start = events
        .dates
        .get("service_start")
        .copied()
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2023, 1, 1).expect("a date"));
    let mut rng = Lcg(3);
    events.incidents = (0..10_000)
        .map(|i| {
            incident(
                &mut rng,
                i,
                start + Duration::days((i % 1_090) as i64),
                &levels,
                &[],
            )
        })
        .collect();
    let inspections = contract
        .clauses
        .iter()
        .find(|c| c.id == "(2)6")
        .map(|c| c.id.clone());
    if let Some(id) = inspections {
        events.done = (0..1_090)
            .map(|d| {
                let day = start + Duration::days(d);
                Done {
                    obligation: id.clone(),
                    due: day,
                    date: day,
                    count: 6 - (rng.next(8) == 0) as u32,
                }
            })
            .collect();
    }
    events.as_of = start + Duration::days(3 * 365);
    (contract, events)
}
