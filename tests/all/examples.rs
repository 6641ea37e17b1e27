//! Tests: examples.
//!
//! The files in `examples/` model the five source contracts (CLAUSES.md). These tests check
//! that every file loads, that every reference between a contract and its record resolves,
//! that each record exercises every clause, and — through the engine — the worked examples of
//! CLAUSES.md. `examples/README.md` maps every catalogue row to a clause and to a test here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{
    self, Base, Clause, Contract, Formula, MilestoneAmount, OccurrenceAmount, Rule, Schedule,
    SlaSubject, Threshold, Trigger, When,
};
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::{self, Events, Payment};
use lvyue::domain::money::{check_words, vat_split, Amount, Rate, WordsFinding};
use lvyue::domain::report::{ClauseResult, PaymentStatus, Report};
use lvyue::domain::vocabulary::{FactType, FactValue};

// ---------------------------------------------------------------------------------------------
// Loading

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// The stems (`NNN-name`) of every `examples/NNN-name.contract.json`, sorted.
fn stems() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(examples_dir())
        .expect("examples/ exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".contract.json").map(str::to_string)
        })
        .collect();
    out.sort();
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn parse<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text = read(path);
    let de = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(de)
        .unwrap_or_else(|e| panic!("{}: at {}: {}", path.display(), e.path(), e.inner()))
}

fn load_contract(stem: &str) -> Contract {
    parse(&examples_dir().join(format!("{stem}.contract.json")))
}

fn load_events(stem: &str) -> Events {
    parse(&examples_dir().join(format!("{stem}.events.json")))
}

fn load(stem: &str) -> (Contract, Events) {
    (load_contract(stem), load_events(stem))
}

fn yuan(s: &str) -> Amount {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn clause<'a>(c: &'a Contract, id: &str) -> &'a Clause {
    c.clauses
        .iter()
        .find(|x| x.id == id)
        .unwrap_or_else(|| panic!("{}: no clause {id}", c.id))
}

fn milestones(c: &Contract) -> Vec<&contract::Milestone> {
    c.clauses
        .iter()
        .filter_map(|x| match &x.rule {
            Rule::Payment(m) => Some(m),
            _ => None,
        })
        .collect()
}

/// Evaluates an example (or a variant of one) the way a user does: the contract and the record
/// are written to files and `lvyue eval --format json` reads them. The report must equal the
/// library's, so every worked example and finding below is checked through the command line.
fn eval(c: &Contract, e: &Events) -> Report {
    eval_with(c, e, &[])
}

/// [`eval`] with extra command-line arguments (e.g. `--reading 4.5=started`).
fn eval_with(c: &Contract, e: &Events, args: &[&str]) -> Report {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "lvyue-examples-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let (cp, ep) = (dir.join("c.json"), dir.join("e.json"));
    std::fs::write(&cp, serde_json::to_string(c).expect("contract JSON")).expect("write");
    std::fs::write(&ep, serde_json::to_string(e).expect("events JSON")).expect("write");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .arg("eval")
        .arg(&cp)
        .arg("--events")
        .arg(&ep)
        .args(["--format", "json"])
        .args(args)
        .output()
        .expect("lvyue runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "lvyue eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Report = serde_json::from_slice(&out.stdout).expect("a report");
    let mut options = Options::default();
    for pair in args.windows(2).filter(|w| w[0] == "--reading") {
        if let Some((clause, reading)) = pair[1].split_once('=') {
            options.readings.insert(clause.into(), reading.into());
        }
    }
    assert_eq!(
        report,
        engine::evaluate(c, e, &Calendar::china(), &options).expect("evaluates"),
        "the command line and the library disagree"
    );
    report
}

fn penalty<'a>(r: &'a Report, id: &str) -> &'a ClauseResult {
    r.penalties
        .iter()
        .find(|c| c.clause == id)
        .unwrap_or_else(|| panic!("no penalty result for clause {id}"))
}

fn set_date(e: &mut Events, id: &str, d: &str) {
    e.dates.insert(id.to_string(), date(d));
}

// ---------------------------------------------------------------------------------------------
// Deserialization and references

const STEMS: [&str; 15] = [
    "000-cloud-services",
    "001-oa-maintenance",
    "002-im-platform",
    "003-insurance-datacentre",
    "004-liyang-operations",
    // Contracts from outside (examples/texts/, tests/all/examples_outside.rs).
    "005-goods-two-lots",
    "006-switchgear-installation",
    "007-fitout-works",
    "008-college-it-project",
    "009-video-conference-system",
    "010-software-development",
    "011-mutual-delay-clause",
    "012-datacentre-operations-sla",
    "013-cabling-stepped-rates",
    "014-consultation-procurement-template",
];

#[test]
fn examples_are_the_sources_each_with_a_record() {
    assert_eq!(stems(), STEMS);
    for stem in STEMS {
        let events = examples_dir().join(format!("{stem}.events.json"));
        assert!(events.exists(), "{} is missing", events.display());
    }
}

#[test]
fn examples_deserialize_with_format_and_ids() {
    for stem in stems() {
        let (c, e) = load(&stem);
        assert_eq!(c.format, contract::FORMAT, "{stem}");
        assert_eq!(e.format, events::FORMAT, "{stem}");
        assert_eq!(c.id, stem, "the contract id is the file's stem");
        assert_eq!(
            e.contract.as_deref(),
            Some(stem.as_str()),
            "{stem}: events.contract"
        );
        assert_eq!(c.currency, "CNY");
        assert!(!c.clauses.is_empty(), "{stem}: no clauses");
        let mut seen = BTreeSet::new();
        for cl in &c.clauses {
            assert!(
                seen.insert(cl.id.as_str()),
                "{stem}: clause id {} twice",
                cl.id
            );
            assert!(
                cl.text.as_deref().is_some_and(|t| !t.is_empty()),
                "{stem} {}: no text",
                cl.id
            );
        }
        let mut ms = BTreeSet::new();
        for m in milestones(&c) {
            assert!(ms.insert(m.id.as_str()), "{stem}: milestone {} twice", m.id);
        }
        let mut incidents = BTreeSet::new();
        for i in &e.incidents {
            assert!(
                incidents.insert(i.id.as_str()),
                "{stem}: incident {} twice",
                i.id
            );
        }
        let mut reqs = BTreeSet::new();
        for r in &e.requirements {
            assert!(
                reqs.insert(r.id.as_str()),
                "{stem}: requirement {} twice",
                r.id
            );
        }
    }
}

#[test]
fn examples_round_trip_through_serde() {
    for stem in stems() {
        let (c, e) = load(&stem);
        let c2: Contract = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        let e2: Events = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        assert_eq!(c, c2, "{stem}");
        assert_eq!(e, e2, "{stem}");
    }
}

#[test]
fn examples_assumed_totals_are_said_so() {
    for stem in stems() {
        let c = load_contract(&stem);
        if c.total_assumed {
            assert!(c.total.is_some(), "{stem}: total_assumed without a total");
            let d = c.description.as_deref().unwrap_or_default();
            assert!(
                d.contains("ASSUMES"),
                "{stem}: the description must say what is assumed"
            );
        }
    }
    assert!(load_contract("000-cloud-services").total_assumed);
    assert!(load_contract("001-oa-maintenance").total_assumed);
    assert!(!load_contract("002-im-platform").total_assumed);
    assert!(load_contract("003-insurance-datacentre").total.is_none());
    assert!(!load_contract("004-liyang-operations").total_assumed);
}

#[test]
fn examples_contain_no_personal_data_from_the_sources() {
    // Phone numbers (11 digits starting with 1), bank accounts (long digit runs) and the
    // names of the source parties must not appear.
    let forbidden = [
        "柳州",
        "溧阳",
        "电信",
        "容联",
        "创联",
        "万户",
        "黑龙江",
        "61932",
        "建行",
        "常州",
    ];
    for stem in stems() {
        for suffix in ["contract", "events"] {
            let path = examples_dir().join(format!("{stem}.{suffix}.json"));
            let text = read(&path);
            for f in forbidden {
                assert!(!text.contains(f), "{}: contains {f}", path.display());
            }
            let digits: Vec<&str> = text
                .split(|ch: char| !ch.is_ascii_digit())
                .filter(|run| run.len() >= 11)
                .collect();
            assert!(
                digits.is_empty(),
                "{}: long digit runs {digits:?}",
                path.display()
            );
        }
    }
}

/// Events a contract's dates may name.
fn event_ids(c: &Contract) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = ["signing", "effective", "term_start", "term_end", "invoice"]
        .into_iter()
        .map(String::from)
        .collect();
    ids.extend(c.events.iter().map(|e| e.id.clone()));
    ids
}

fn check_when(c: &Contract, w: &When, at: &str) {
    assert!(
        w.event.is_some() != w.date.is_some(),
        "{} {at}: exactly one of event and date",
        c.id
    );
    if let Some(ev) = &w.event {
        assert!(
            event_ids(c).contains(ev),
            "{} {at}: unknown event {ev}",
            c.id
        );
    }
    if let Some(ext) = &w.extend_per_incident {
        for l in &ext.levels {
            check_level(c, l, at);
        }
    }
    for nb in &w.not_before {
        check_when(c, nb, at);
    }
}

fn check_level(c: &Contract, level: &str, at: &str) {
    assert!(
        c.levels.iter().any(|l| l.id == level),
        "{} {at}: unknown level {level}",
        c.id
    );
}

fn check_base(c: &Contract, b: &Base, at: &str) {
    match b {
        Base::Item { item: Some(item) } => assert!(
            c.items.iter().any(|i| &i.id == item),
            "{} {at}: unknown item {item}",
            c.id
        ),
        Base::Total => assert!(
            c.total.is_some(),
            "{} {at}: a rate of the total, no total",
            c.id
        ),
        _ => {}
    }
}

fn check_threshold(c: &Contract, t: &Threshold, at: &str) {
    match t {
        Threshold::PenaltyReaches { base, .. }
        | Threshold::PenaltyExceeds { base, .. }
        | Threshold::LossExceeds { base, .. } => check_base(c, base, at),
        _ => {}
    }
}

fn obligation_ids(c: &Contract) -> BTreeSet<&str> {
    c.clauses
        .iter()
        .filter(|x| matches!(x.rule, Rule::Obligation(_)))
        .map(|x| x.id.as_str())
        .collect()
}

/// `clause/timer` ids of every SLA timer.
fn timer_ids(c: &Contract) -> BTreeSet<String> {
    c.clauses
        .iter()
        .filter_map(|x| match &x.rule {
            Rule::Sla(s) => Some(s.timers.iter().map(move |t| format!("{}/{}", x.id, t.id))),
            _ => None,
        })
        .flatten()
        .collect()
}

#[test]
fn example_contracts_references_resolve() {
    for stem in stems() {
        let c = load_contract(&stem);
        let ids: BTreeSet<&str> = c.clauses.iter().map(|x| x.id.as_str()).collect();
        let events = event_ids(&c);
        for d in &c.deadlines {
            check_when(&c, &d.due, &format!("deadline {}", d.id));
            assert!(
                events.contains(&d.done),
                "{stem}: deadline {} done by {}",
                d.id,
                d.done
            );
        }
        if let Some(items_total) = c
            .items
            .iter()
            .map(|i| i.amount)
            .try_fold(Amount::default(), |a, b| a.checked_add(b))
        {
            if let (Some(total), false) = (c.total, c.items.is_empty()) {
                assert_eq!(items_total, total, "{stem}: items add up to the total");
            }
        }
        for cl in &c.clauses {
            let at = format!("clause {}", cl.id);
            match &cl.rule {
                Rule::Penalty(p) => {
                    match &p.trigger {
                        Trigger::Deadline { deadline, .. } => assert!(
                            c.deadlines.iter().any(|d| &d.id == deadline),
                            "{stem} {at}: unknown deadline {deadline}"
                        ),
                        Trigger::LatePayment { milestones: ms } => {
                            for m in ms {
                                assert!(
                                    milestones(&c).iter().any(|x| &x.id == m),
                                    "{stem} {at}: unknown milestone {m}"
                                );
                            }
                        }
                        Trigger::Incident {
                            levels,
                            within_after_obligation,
                            ..
                        } => {
                            for l in levels {
                                check_level(&c, l, &at);
                            }
                            if let Some(w) = within_after_obligation {
                                assert!(
                                    obligation_ids(&c).contains(w.obligation.as_str()),
                                    "{stem} {at}: unknown obligation {}",
                                    w.obligation
                                );
                            }
                        }
                        Trigger::Consecutive { incidents, .. } => {
                            for l in &incidents.levels {
                                check_level(&c, l, &at);
                            }
                        }
                        Trigger::TimerBreached { timer } => assert!(
                            timer_ids(&c).contains(timer),
                            "{stem} {at}: unknown timer {timer}"
                        ),
                        Trigger::ObligationMissed { obligation, .. } => assert!(
                            obligation_ids(&c).contains(obligation.as_str()),
                            "{stem} {at}: unknown obligation {obligation}"
                        ),
                        Trigger::Entries { kind, .. } => assert!(
                            c.kinds.iter().any(|k| &k.id == kind),
                            "{stem} {at}: undeclared kind {kind}"
                        ),
                        Trigger::Requirement { .. }
                        | Trigger::Staff { .. }
                        | Trigger::Occurrence => {}
                    }
                    match &p.formula {
                        Formula::PerDay { base, .. } | Formula::PerPeriod { base, .. } => {
                            check_base(&c, base, &at)
                        }
                        Formula::PerOccurrence(po) => {
                            match &po.amount {
                                OccurrenceAmount::Rate { base, .. }
                                | OccurrenceAmount::RateRange { base, .. } => {
                                    check_base(&c, base, &at)
                                }
                                OccurrenceAmount::ByLevel { rates, base } => {
                                    check_base(&c, base, &at);
                                    for r in rates {
                                        check_level(&c, &r.level, &at);
                                    }
                                }
                                OccurrenceAmount::Fixed { .. } | OccurrenceAmount::Range { .. } => {
                                }
                            }
                            if let Some(t) = &po.tiers {
                                check_base(&c, &t.base, &at);
                                assert!(
                                    t.tiers.windows(2).all(|w| w[0].from < w[1].from),
                                    "{stem} {at}: tiers ascend"
                                );
                            }
                            if let Some(lh) = &po.late_handling {
                                for r in &lh.rules {
                                    assert!(!r.readings.is_empty(), "{stem} {at}: no reading");
                                    for l in &r.levels {
                                        check_level(&c, l, &at);
                                    }
                                }
                            }
                        }
                    }
                    if let Some(cap) = &p.cap {
                        if let Some(b) = &cap.base {
                            check_base(&c, b, &at);
                        }
                    }
                    for r in &p.rights {
                        check_threshold(&c, &r.when, &at);
                    }
                }
                Rule::Payment(m) => {
                    check_when(&c, &m.due, &at);
                    if let MilestoneAmount::Rate { base, .. } = &m.amount {
                        check_base(&c, base, &at);
                    }
                }
                Rule::Sla(s) => {
                    for t in &s.timers {
                        assert!(
                            !t.limits.is_empty(),
                            "{stem} {at}: timer {} no limits",
                            t.id
                        );
                        for l in &t.limits {
                            for lv in &l.levels {
                                check_level(&c, lv, &at);
                            }
                        }
                    }
                }
                Rule::Obligation(o) => match &o.schedule {
                    Schedule::Once { due } => check_when(&c, due, &at),
                    Schedule::Every { times, .. } => assert!(*times >= 1),
                    Schedule::After { obligation, .. } => assert!(
                        obligation_ids(&c).contains(obligation.as_str()),
                        "{stem} {at}: unknown obligation {obligation}"
                    ),
                    Schedule::OnEntry { kind, .. } => assert!(
                        c.kinds.iter().any(|k| &k.id == kind),
                        "{stem} {at}: undeclared kind {kind}"
                    ),
                },
                Rule::Term(t) => check_when(&c, &t.start, &at),
                Rule::Right(r) => {
                    for right in &r.rights {
                        check_threshold(&c, &right.when, &at);
                    }
                }
            }
        }
        for sc in &c.shared_caps {
            for id in &sc.clauses {
                assert!(
                    ids.contains(id.as_str()),
                    "{stem}: shared cap {} names {id}",
                    sc.id
                );
            }
        }
        if let Some(so) = &c.set_off {
            assert!(
                ids.contains(so.clause.as_str()),
                "{stem}: set-off clause {}",
                so.clause
            );
        }
    }
}

#[test]
fn example_events_references_resolve() {
    for stem in stems() {
        let (c, e) = load(&stem);
        let ids: BTreeSet<&str> = c.clauses.iter().map(|x| x.id.as_str()).collect();
        let events = event_ids(&c);
        let ms: BTreeSet<&str> = milestones(&c).iter().map(|m| m.id.as_str()).collect();
        let obligations = obligation_ids(&c);
        for k in e.dates.keys() {
            assert!(
                events.contains(k) && k != "term_start" && k != "term_end" && k != "invoice",
                "{stem}: dates.{k} is not an event of the contract"
            );
        }
        for a in &e.acceptances {
            assert!(
                events.contains(&a.event),
                "{stem}: acceptance of {}",
                a.event
            );
        }
        for i in &e.invoices {
            assert!(
                ms.contains(i.milestone.as_str()),
                "{stem}: invoice for {}",
                i.milestone
            );
        }
        for p in &e.payments {
            assert!(
                ms.contains(p.milestone.as_str()),
                "{stem}: payment for {}",
                p.milestone
            );
        }
        for i in &e.incidents {
            check_level(&c, &i.level, &format!("incident {}", i.id));
            if let Some(item) = &i.item {
                assert!(
                    c.items.iter().any(|x| &x.id == item),
                    "{stem}: incident {} on unknown item {item}",
                    i.id
                );
            }
            for (name, t) in [
                ("notified", i.notified),
                ("responded", i.responded),
                ("diagnosed", i.diagnosed),
                ("on_site", i.on_site),
                ("workaround", i.workaround),
                ("resolved", i.resolved),
                ("reported_back", i.reported_back),
            ] {
                if let Some(t) = t {
                    assert!(
                        t >= i.reported,
                        "{stem}: incident {} {name} before report",
                        i.id
                    );
                }
            }
        }
        for r in &e.requirements {
            if let Some(t) = r.first_answer {
                assert!(
                    t >= r.submitted,
                    "{stem}: requirement {} answered early",
                    r.id
                );
            }
        }
        for d in &e.done {
            assert!(
                obligations.contains(d.obligation.as_str()),
                "{stem}: done names {}, not an obligation clause",
                d.obligation
            );
        }
        for cs in &e.consents {
            assert!(
                ids.contains(cs.clause.as_str()),
                "{stem}: consent under {}",
                cs.clause
            );
        }
        for o in &e.occurrences {
            let cl = clause(&c, &o.clause);
            let by_hand = match &cl.rule {
                Rule::Penalty(p) => matches!(p.trigger, Trigger::Occurrence),
                Rule::Right(_) => true,
                _ => false,
            };
            assert!(
                by_hand,
                "{stem}: occurrence under {}, which is not recorded by hand",
                o.clause
            );
        }
        let recorded = recorded_bases(&c);
        for k in e.facts.amounts.keys() {
            let m = milestones(&c).into_iter().find(|m| &m.id == k);
            assert!(
                m.is_some_and(|m| matches!(m.amount, MilestoneAmount::Recorded))
                    || recorded.contains(k),
                "{stem}: facts.amounts.{k} is neither a recorded milestone nor a recorded base"
            );
        }
        assert!(e.as_of >= *e.dates.get("signing").unwrap_or(&e.as_of));
    }
}

/// The facts a `recorded` base reads anywhere in the contract (formulas, caps, consequences).
fn recorded_bases(c: &Contract) -> BTreeSet<String> {
    fn walk(v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let (Some("recorded"), Some(f)) = (
                    m.get("of").and_then(|x| x.as_str()),
                    m.get("fact").and_then(|x| x.as_str()),
                ) {
                    out.insert(f.to_string());
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&serde_json::to_value(c).expect("contract JSON"), &mut out);
    out
}

/// Whether the record holds something that makes a clause do work.
fn exercised(c: &Contract, e: &Events, cl: &Clause) -> bool {
    let known = |w: &When| match &w.event {
        Some(ev) => {
            e.dates.contains_key(ev)
                || e.acceptances.iter().any(|a| &a.event == ev && a.passed)
                || ["signing", "effective", "term_start", "term_end", "invoice"]
                    .contains(&ev.as_str())
        }
        None => true,
    };
    let occurrences = || e.occurrences.iter().any(|o| o.clause == cl.id);
    let applies =
        |levels: &[String], level: &str| levels.is_empty() || levels.iter().any(|l| l == level);
    match &cl.rule {
        Rule::Penalty(p) => match &p.trigger {
            Trigger::Deadline { deadline, .. } => {
                let d = c.deadlines.iter().find(|d| &d.id == deadline).unwrap();
                known(&d.due) && e.dates.contains_key(&d.done)
            }
            Trigger::LatePayment { .. } => !e.payments.is_empty(),
            Trigger::Incident { levels, .. } => {
                e.incidents.iter().any(|i| applies(levels, &i.level))
            }
            Trigger::Requirement { .. } => e.requirements.iter().any(|r| r.done > r.agreed),
            Trigger::Staff { kind, .. } => e.staff.iter().any(|s| s.kind == *kind),
            Trigger::TimerBreached { .. } => true,
            Trigger::ObligationMissed { .. } => true,
            Trigger::Occurrence => occurrences(),
            Trigger::Consecutive { incidents, .. } => e
                .incidents
                .iter()
                .any(|i| applies(&incidents.levels, &i.level)),
            Trigger::Entries { kind, .. } => e.entries.iter().any(|x| &x.kind == kind),
        },
        Rule::Payment(m) => {
            e.payments.iter().any(|p| p.milestone == m.id)
                || e.invoices.iter().any(|i| i.milestone == m.id)
                // Due after the term ends, which the record stops short of (004: the renewal
                // cannot be refused in the record; the worked test pays it).
                || m.due.event.as_deref() == Some("term_end")
        }
        Rule::Sla(s) => s.timers.iter().all(|t| {
            t.limits.iter().any(|l| match &s.applies_to {
                SlaSubject::Incidents => e.incidents.iter().any(|i| applies(&l.levels, &i.level)),
                SlaSubject::Requirements => e
                    .requirements
                    .iter()
                    .any(|r| l.complexity.is_none_or(|cx| cx == r.complexity)),
                SlaSubject::Kind(k) => e.entries.iter().any(|x| &x.kind == k),
            })
        }),
        Rule::Obligation(o) => match &o.schedule {
            Schedule::Once { due } => known(due),
            Schedule::Every { .. } | Schedule::After { .. } | Schedule::OnEntry { .. } => {
                e.done.iter().any(|d| d.obligation == cl.id)
            }
        },
        Rule::Term(t) => known(&t.start),
        Rule::Right(_) => occurrences(),
    }
}

#[test]
fn example_events_exercise_every_clause() {
    for stem in stems() {
        let (c, e) = load(&stem);
        for cl in &c.clauses {
            assert!(
                exercised(&c, &e, cl),
                "{stem}: nothing in the record exercises {}",
                cl.id
            );
        }
        // Every level has an incident, or an entry whose fact of type `level` names it (012's
        // faults are entries of a declared kind).
        let level_facts: BTreeSet<(&str, &str)> = c
            .kinds
            .iter()
            .flat_map(|k| {
                k.facts
                    .iter()
                    .filter(|f| f.ty == FactType::Level)
                    .map(move |f| (k.id.as_str(), f.id.as_str()))
            })
            .collect();
        for l in &c.levels {
            let in_entries = e.entries.iter().any(|x| {
                x.facts.iter().any(|(f, v)| {
                    level_facts.contains(&(x.kind.as_str(), f.as_str()))
                        && *v == FactValue::Text(l.id.clone())
                })
            });
            assert!(
                in_entries || e.incidents.iter().any(|i| i.level == l.id),
                "{stem}: no incident or entry of level {}",
                l.id
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The catalogue: every row of CLAUSES.md §1–§9 is modelled (see examples/README.md)

/// (example stem, clause id) for every catalogue row that names a clause.
const CATALOGUE: &[(&str, &str)] = &[
    // §1
    ("000-cloud-services", "4.3"),
    ("000-cloud-services", "4.4(1)"),
    ("000-cloud-services", "4.4(2)"),
    ("001-oa-maintenance", "6.3-整改"),
    ("002-im-platform", "6.1)"),
    ("002-im-platform", "6.5)"),
    ("004-liyang-operations", "7.2"),
    ("004-liyang-operations", "7.3"),
    // §2
    ("000-cloud-services", "4.5"),
    ("001-oa-maintenance", "6.3-上线"),
    // §3
    ("000-cloud-services", "4.4(3)"),
    ("000-cloud-services", "4.6"),
    ("001-oa-maintenance", "6.4"),
    ("000-cloud-services", "4.8"),
    ("001-oa-maintenance", "6.2.1"),
    ("001-oa-maintenance", "6.2.1-现场"),
    ("001-oa-maintenance", "6.2.1-更换"),
    ("001-oa-maintenance", "6.2.2"),
    ("001-oa-maintenance", "6.5"),
    ("001-oa-maintenance", "6.6"),
    ("001-oa-maintenance", "6.7"),
    ("004-liyang-operations", "附件2-5.4.4"),
    ("004-liyang-operations", "附件2-5.4.4(1)"),
    ("004-liyang-operations", "附件2-5.4.4(2)"),
    ("004-liyang-operations", "附件2-5.4.4(3)"),
    ("004-liyang-operations", "附件2-5.5.2(1)"),
    ("004-liyang-operations", "附件2-5.5.2(2)"),
    ("004-liyang-operations", "附件2-5.5.2(3)"),
    // §4
    ("004-liyang-operations", "附件2-5.3"),
    ("002-im-platform", "附件3-1.1"),
    ("002-im-platform", "附件3-5"),
    // §5
    ("000-cloud-services", "3.2"),
    ("001-oa-maintenance", "4.9.2"),
    ("001-oa-maintenance", "4.9.4"),
    ("002-im-platform", "附件3-3.1"),
    ("002-im-platform", "5.7"),
    ("003-insurance-datacentre", "(2)4"),
    ("004-liyang-operations", "附件2-3.2-3.1)"),
    ("004-liyang-operations", "附件2-5.2"),
    // §6
    ("002-im-platform", "2-第一阶段"),
    ("002-im-platform", "2-第一阶段-方案"),
    ("002-im-platform", "2-第二阶段"),
    ("002-im-platform", "2-第三阶段"),
    ("002-im-platform", "2-第四阶段"),
    ("004-liyang-operations", "3.5(1)"),
    ("004-liyang-operations", "3.5(2)"),
    ("001-oa-maintenance", "10-1"),
    ("001-oa-maintenance", "10-2"),
    ("001-oa-maintenance", "10-3"),
    ("000-cloud-services", "7.1-1"),
    ("000-cloud-services", "7.1-2"),
    ("000-cloud-services", "7.1-3"),
    // §7
    ("004-liyang-operations", "1.2"),
    ("001-oa-maintenance", "3"),
    ("002-im-platform", "5.1"),
    // §8
    ("001-oa-maintenance", "4.1"),
    ("001-oa-maintenance", "4.10"),
    ("001-oa-maintenance", "6.3-检测"),
    ("001-oa-maintenance", "8"),
    ("002-im-platform", "附件3-1.1-巡检"),
    ("002-im-platform", "7.2"),
    ("002-im-platform", "附件3-6"),
    ("003-insurance-datacentre", "(2)6"),
    ("003-insurance-datacentre", "(10)1"),
    ("003-insurance-datacentre", "(5)"),
    ("004-liyang-operations", "附件2-1.2-5"),
    ("004-liyang-operations", "附件2-2.2-1"),
    ("004-liyang-operations", "4.2(3)"),
    ("004-liyang-operations", "附件2-3.2-1"),
    ("004-liyang-operations", "4.2(7)"),
    ("004-liyang-operations", "8.1"),
    ("004-liyang-operations", "8.1-证明"),
    ("004-liyang-operations", "6.3"),
];

#[test]
fn catalogue_rows_are_modelled() {
    for (stem, id) in CATALOGUE {
        let c = load_contract(stem);
        let _ = clause(&c, id);
        let readme = read(&examples_dir().join("README.md"));
        assert!(
            readme.contains(&format!("`{id}`")),
            "examples/README.md does not map clause {id} of {stem}"
        );
    }
}

#[test]
fn catalogue_covers_every_clause_of_the_examples() {
    // Every clause of an example is either a catalogue row or an extra the README lists.
    let readme = read(&examples_dir().join("README.md"));
    for stem in stems() {
        for cl in &load_contract(&stem).clauses {
            assert!(
                readme.contains(&format!("`{}`", cl.id)),
                "examples/README.md does not mention clause {} of {stem}",
                cl.id
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Data checks that need no engine: amounts, words, tax, spans, the calendar of due dates

#[test]
fn data_004_nine_subsystem_fees_sum_to_the_total() {
    let c = load_contract("004-liyang-operations");
    assert_eq!(c.items.len(), 9);
    let sum = c
        .items
        .iter()
        .try_fold(Amount::default(), |a, i| a.checked_add(i.amount))
        .unwrap();
    assert_eq!(sum, yuan("980000"));
    assert_eq!(c.total, Some(yuan("980000")));
    let ecg = c.items.iter().find(|i| i.id == "ecg").unwrap();
    assert_eq!(ecg.amount, yuan("196800"));
}

#[test]
fn data_004_vat_splits() {
    let c = load_contract("004-liyang-operations");
    let tax = c.tax.as_ref().unwrap();
    assert!(tax.included);
    let whole = vat_split(c.total.unwrap(), tax.rate).unwrap();
    assert_eq!(whole.net.format(), "924,528.30");
    assert_eq!(whole.tax.format(), "55,471.70");
    let cloud = &tax.parts[0];
    assert_eq!(cloud.amount, yuan("254400"));
    let part = vat_split(cloud.amount, cloud.rate).unwrap();
    assert_eq!(part.net.format(), "240,000.00");
    assert_eq!(part.tax.format(), "14,400.00");
}

#[test]
fn data_amounts_in_words() {
    let c = load_contract("002-im-platform");
    let total = check_words(c.total.unwrap(), c.total_in_words.as_deref().unwrap());
    assert!(total.is_clean(), "壹佰叁拾伍万元整 = 1,350,000: {total:?}");
    let m1 = milestones(&c).into_iter().find(|m| m.id == "m1").unwrap();
    let w = check_words(m1.stated.unwrap(), m1.stated_in_words.as_deref().unwrap());
    assert!(w.matches, "肆拾万伍千元整 = 405,000");
    assert!(
        w.findings.iter().any(|f| matches!(
            f,
            WordsFinding::NonStandardNumeral { found, .. } if found == "千"
        )),
        "千 where the standard numeral is 仟: {w:?}"
    );
    let m2 = milestones(&c).into_iter().find(|m| m.id == "m2").unwrap();
    let w = check_words(m2.stated.unwrap(), m2.stated_in_words.as_deref().unwrap());
    assert!(w.is_clean(), "陆拾柒万伍仟元整 = 675,000: {w:?}");
    // The stated figures are 30% and 50% of the total.
    let pct = |r: &str| {
        c.total
            .unwrap()
            .checked_mul_rate(Rate::parse(r).unwrap())
            .unwrap()
    };
    assert_eq!(m1.stated.unwrap(), pct("30%"));
    assert_eq!(m2.stated.unwrap(), pct("50%"));
    let c4 = load_contract("004-liyang-operations");
    let w = check_words(c4.total.unwrap(), c4.total_in_words.as_deref().unwrap());
    assert!(w.is_clean(), "玖拾捌万元整 = 980,000: {w:?}");
}

#[test]
fn data_002_stated_span_is_17_months_not_20() {
    let c = load_contract("002-im-platform");
    let s = &c.stated_spans[0];
    assert_eq!((s.from, s.to), (date("2022-06-15"), date("2023-11-15")));
    let months = (s.to.year() - s.from.year()) * 12 + s.to.month() as i32 - s.from.month() as i32;
    assert_eq!(months, 17);
    assert_eq!(s.length.n, 20);
}

#[test]
fn data_002_percentages_add_up() {
    let c = load_contract("002-im-platform");
    let mut of_total = Rate::parse("0").unwrap().fraction();
    let mut of_audit = of_total;
    for m in milestones(&c) {
        if let MilestoneAmount::Rate { rate, base } = &m.amount {
            match base {
                Base::Total => of_total += rate.fraction(),
                Base::AuditedPrice => of_audit += rate.fraction(),
                _ => panic!("unexpected base"),
            }
        }
    }
    // 30% + 50% of the total, 15% + 5% of the audited price: 100% when the audit confirms
    // the total.
    assert_eq!(of_total + of_audit, Rate::parse("100%").unwrap().fraction());
}

/// The n-th working day on or after a date.
fn nth_working_day(cal: &Calendar, from: NaiveDate, n: u32) -> NaiveDate {
    let mut d = from;
    let mut k = 0;
    loop {
        if cal.is_working_day(d) {
            k += 1;
            if k == n {
                return d;
            }
        }
        d += Duration::days(1);
    }
}

#[test]
fn data_due_dates_in_the_records_follow_the_calendar() {
    let cal = Calendar::china();
    // 002 附件3 1.1: each quarter's inspection by the 5th working day of the next quarter.
    let e = load_events("002-im-platform");
    for d in e.done.iter().filter(|d| d.obligation == "附件3-1.1-巡检") {
        let first =
            NaiveDate::from_ymd_opt(d.due.year(), (d.due.month() - 1) / 3 * 3 + 1, 1).unwrap();
        assert_eq!(
            d.due,
            nth_working_day(&cal, first, 5),
            "002 inspection due {}",
            d.due
        );
    }
    // 004 §8.1: proof 15 working days after the force majeure (Dragon Boat 2023 and its
    // make-up Sunday in between).
    let e = load_events("004-liyang-operations");
    let fm = e
        .entries
        .iter()
        .find(|x| x.kind == "force_majeure")
        .and_then(|x| x.date)
        .unwrap();
    let proof = e.done.iter().find(|d| d.obligation == "8.1-证明").unwrap();
    assert_eq!(proof.due, cal.add_working_days(fm, 15));
    // 001 §4.10 and §6.3: 7 working days after signing.
    let e = load_events("001-oa-maintenance");
    let due = cal.add_working_days(e.dates["signing"], 7);
    for id in ["4.10", "6.3-检测"] {
        assert_eq!(
            e.done.iter().find(|d| d.obligation == id).unwrap().due,
            due,
            "001 {id}"
        );
    }
    // 002: the plan 10 working days after the contract takes effect.
    let e = load_events("002-im-platform");
    let plan = e
        .done
        .iter()
        .find(|d| d.obligation == "2-第一阶段-方案")
        .unwrap();
    assert_eq!(plan.due, cal.add_working_days(e.dates["effective"], 10));
}

// ---------------------------------------------------------------------------------------------
// Worked examples through the engine

/// 004 with only what §7.2 needs: the service date and when it was provided.
fn variant_004_7_2(days_late: i64) -> (Contract, Events) {
    let (c, mut e) = load("004-liyang-operations");
    let due = e.dates["service_due"];
    e.dates
        .insert("service_provided".into(), due + Duration::days(days_late));
    (c, e)
}

#[test]
fn worked_004_7_2_three_days_late() {
    let (c, e) = variant_004_7_2(3);
    let r = eval(&c, &e);
    let p = penalty(&r, "7.2");
    assert_eq!(p.total, yuan("29400.00"), "1% × 980,000 × 3");
    assert!(
        p.rights.iter().all(|x| x.arises.is_none()),
        "no right before the cap"
    );
}

#[test]
fn worked_004_7_2_seven_days_capped_on_day_5() {
    let (c, e) = variant_004_7_2(7);
    let due = e.dates["service_due"];
    let r = eval(&c, &e);
    let p = penalty(&r, "7.2");
    assert_eq!(p.uncapped, yuan("68600.00"), "1% × 980,000 × 7");
    assert_eq!(p.total, yuan("49000.00"), "capped at 5% of the total");
    let cap = p.cap.as_ref().expect("7.2 has a cap");
    assert_eq!(cap.limit, yuan("49000.00"));
    assert_eq!(
        cap.reached_on,
        Some(due + Duration::days(5)),
        "the cap is reached on day 5"
    );
    let right = p
        .rights
        .iter()
        .find(|x| x.right == contract::RightKind::Terminate)
        .unwrap();
    assert_eq!(
        right.arises,
        Some(due + Duration::days(5)),
        "termination from day 5"
    );
    let x = r.exposure.iter().find(|x| x.clause == "7.2").unwrap();
    assert_eq!((x.cap_day, x.right_day), (Some(5), Some(5)));
}

#[test]
fn worked_004_7_3_second_instalment_40_days_late() {
    let (mut c, mut e) = load("004-liyang-operations");
    // The worked example is about the first year's second instalment: switch renewal off so
    // that the term ends on 2023-07-20 whatever the as-of date.
    for cl in &mut c.clauses {
        if let Rule::Term(t) = &mut cl.rule {
            t.renewal = None;
        }
    }
    e.payments = vec![
        Payment {
            milestone: "m1".into(),
            date: date("2022-08-15"),
            amount: yuan("490000"),
            excuse: None,
        },
        Payment {
            milestone: "m2".into(),
            date: date("2023-09-30"),
            amount: yuan("490000"),
            excuse: None,
        },
    ];
    e.as_of = date("2023-10-31");
    let r = eval(&c, &e);
    let m2 = r.payments.iter().find(|m| m.milestone == "m2").unwrap();
    // 2023-07-20 + 30 days = 2023-08-19, a Saturday: Art. 203 moves it to Monday 08-21.
    assert_eq!(m2.due, Some(date("2023-08-21")));
    assert_eq!(m2.days_late, 40);
    assert_eq!(m2.penalty, yuan("19600.00"), "0.1% × 490,000 × 40");
    assert_eq!(m2.interest, yuan("9800.00"), "0.05% × 490,000 × 40");
    let p = penalty(&r, "7.3");
    assert_eq!(p.total, yuan("29400.00"), "under the 49,000 cap");
    let m1 = r.payments.iter().find(|m| m.milestone == "m1").unwrap();
    assert_eq!(m1.days_late, 0);
}

#[test]
fn worked_004_7_3_in_the_record_first_instalment() {
    // The record pays instalment 1 (490,000, due 2022-08-19) on 2022-09-28: 40 days late too.
    let (c, e) = load("004-liyang-operations");
    let r = eval(&c, &e);
    let m1 = r.payments.iter().find(|m| m.milestone == "m1").unwrap();
    assert_eq!(m1.due, Some(date("2022-08-19")));
    assert_eq!(m1.days_late, 40);
    assert_eq!(penalty(&r, "7.3").total, yuan("29400.00"));
    assert_eq!(
        penalty(&r, "7.2").total,
        yuan("29400.00"),
        "service 3 days late"
    );
    // Exposure on the largest instalment (490,000): penalty 490 and interest 245 a day. The cap
    // (49,000) covers both: 49,000 / 735 = 66.7 → day 67. The right to terminate arises on the
    // penalty alone: 49,000 / 490 = day 100.
    let x = r.exposure.iter().find(|x| x.clause == "7.3").unwrap();
    assert_eq!((x.cap_day, x.right_day), (Some(67), Some(100)));
}

#[test]
fn worked_000_4_5_complete_and_started_weeks() {
    let (c, mut e) = load("000-cloud-services");
    e.consents.clear(); // no extension
    set_date(&mut e, "signing", "2024-03-01");
    set_date(&mut e, "go_live", "2024-05-10");
    let r = eval(&c, &e);
    let p = penalty(&r, "4.5");
    // Due 2024-03-31, a Sunday → Monday 2024-04-01; live 39 days later.
    assert_eq!(p.total, yuan("50000.00"), "5 complete weeks × 5% × 200,000");
    assert!(
        p.readings
            .iter()
            .any(|x| x.total == yuan("60000.00") && !x.used),
        "started weeks: 6 × 5% = 60,000 as the other reading: {:?}",
        p.readings
    );
    assert!(
        p.readings
            .iter()
            .any(|x| x.total == yuan("50000.00") && x.used),
        "complete weeks is the default reading"
    );
    // The user switches the reading: started weeks are in force.
    let r = eval_with(&c, &e, &["--reading", "4.5=started"]);
    assert_eq!(penalty(&r, "4.5").total, yuan("60000.00"));
    assert_eq!(r.readings.get("4.5").map(String::as_str), Some("started"));
}

#[test]
fn worked_004_annex2_5_3_major_incident_on_ecg() {
    let (c, mut e) = load("004-liyang-operations");
    e.incidents.retain(|i| i.id == "SEC-2022-02"); // major, ECG, handled in 2 h
    assert_eq!(e.incidents.len(), 1);
    let r = eval(&c, &e);
    let p = penalty(&r, "附件2-5.3");
    assert_eq!(p.total, yuan("49200.00"), "25% × 196,800");
}

#[test]
fn worked_004_annex2_5_3_escalation_late_handling_and_shared_cap() {
    let (c, e) = load("004-liyang-operations");
    let r = eval(&c, &e);
    let p = penalty(&r, "附件2-5.3");
    let line = |subject: &str| {
        p.lines
            .iter()
            .find(|l| l.subject.contains(subject))
            .unwrap()
    };
    assert_eq!(
        line("SEC-2022-02").uncapped,
        yuan("49200.00"),
        "first major: 25% × 196,800"
    );
    assert_eq!(
        line("SEC-2023-01").uncapped,
        yuan("147600.00"),
        "second major in the year: 49,200 × 1.5, handled late: × 2"
    );
    assert_eq!(
        line("SEC-2023-02").uncapped,
        yuan("20352.00"),
        "20% × 101,760"
    );
    // Especially major on the cloud platform, handled in 1.5 h: 30% × 254,400 = 76,320, late:
    // +1 point → 78,864.00 (default) or × 1.01 → 77,083.20.
    assert_eq!(line("SEC-2022-01").uncapped, yuan("78864.00"));
    assert!(
        p.readings.iter().any(|x| !x.used),
        "the × 1.01 reading is shown too"
    );
    let sc = r.shared_caps.iter().find(|s| s.id == "附件2-5.6").unwrap();
    assert_eq!(sc.limit, yuan("98000.00"), "10% of the annual fee");
    assert!(sc.after <= sc.limit);
}

#[test]
fn worked_002_audited_price_schedule() {
    let (c, e) = load("002-im-platform");
    assert_eq!(e.facts.audited_price, Some(yuan("1300000")));
    let r = eval(&c, &e);
    let amount = |id: &str| {
        r.payments
            .iter()
            .find(|m| m.milestone == id)
            .and_then(|m| m.amount)
            .unwrap_or_else(|| panic!("no amount for {id}"))
    };
    assert_eq!(amount("m1"), yuan("405000.00"));
    assert_eq!(amount("m2"), yuan("675000.00"));
    assert_eq!(amount("m3"), yuan("195000.00"), "15% × 1,300,000");
    assert_eq!(amount("m4"), yuan("65000.00"), "5% × 1,300,000");
    let sum = ["m1", "m2", "m3", "m4"]
        .iter()
        .try_fold(Amount::default(), |a, m| a.checked_add(amount(m)))
        .unwrap();
    assert_eq!(sum, yuan("1340000.00"));
    // Retention: 20 months from final acceptance (2022-12-15 → 2024-08-15), +1 month for the
    // level-I fault of 2023-03-06; invoice 2024-09-20 + 15 days, moved past National Day.
    let m4 = r.payments.iter().find(|m| m.milestone == "m4").unwrap();
    assert!(m4.due.is_some_and(|d| d >= date("2024-09-15")));
    // Set-off (§6 5)): the unpaid retention is net of the seller's penalties.
    assert!(m4.set_off > Amount::default());
    assert!(m4.net_payable < yuan("65000.00"));
    assert_eq!(
        penalty(&r, "6.1)").total,
        yuan("13500.00"),
        "0.1% × 1,350,000 × 10 days"
    );
}

fn finding_mentions(r: &Report, clauses: &[&str], text: &[&str]) -> bool {
    r.findings.iter().any(|f| {
        clauses.iter().all(|c| f.clauses.iter().any(|x| x == c))
            && text.iter().all(|t| f.zh.contains(t) || f.en.contains(t))
    })
}

#[test]
fn finding_002_qian_numeral_in_words() {
    let (c, e) = load("002-im-platform");
    let r = eval(&c, &e);
    assert!(
        finding_mentions(&r, &["2-第一阶段"], &["千"]),
        "{:#?}",
        r.findings
    );
}

#[test]
fn finding_002_stated_span_17_months() {
    let (c, e) = load("002-im-platform");
    let r = eval(&c, &e);
    assert!(
        finding_mentions(&r, &["附件3-1"], &["17"]),
        "{:#?}",
        r.findings
    );
}

#[test]
fn finding_002_6_1_uncapped() {
    let (c, e) = load("002-im-platform");
    let r = eval(&c, &e);
    assert!(finding_mentions(&r, &["6.1)"], &[]), "{:#?}", r.findings);
    let x = r.exposure.iter().find(|x| x.clause == "6.1)").unwrap();
    assert!(x.uncapped && x.cap.is_none());
}

#[test]
fn finding_002_levels_and_timers_disagree() {
    let (c, e) = load("002-im-platform");
    let r = eval(&c, &e);
    assert!(
        finding_mentions(&r, &["5.7", "附件3-3.1"], &[]),
        "{:#?}",
        r.findings
    );
}

#[test]
fn finding_000_overlapping_delay_clauses() {
    let (c, e) = load("000-cloud-services");
    let r = eval(&c, &e);
    assert!(
        finding_mentions(&r, &["4.3", "4.4(2)", "4.5"], &[]),
        "{:#?}",
        r.findings
    );
    for id in ["4.3", "4.4(2)", "4.5"] {
        let _ = penalty(&r, id); // each clause's figure is shown
    }
}

#[test]
fn finding_001_conflict_6_2_2_and_6_5() {
    let (c, e) = load("001-oa-maintenance");
    let r = eval(&c, &e);
    assert!(
        finding_mentions(&r, &["6.2.2", "6.5"], &[]),
        "{:#?}",
        r.findings
    );
    assert_eq!(
        penalty(&r, "6.2.2").total,
        yuan("9000.00"),
        "3% × 300,000 (assumed total)"
    );
    let p = penalty(&r, "6.5");
    assert_eq!(
        p.total,
        yuan("30.00"),
        "0.1‰ × 300,000, the low end by default"
    );
    assert!(
        p.readings.iter().any(|x| x.total == yuan("300.00")),
        "0.1% × 300,000"
    );
}

#[test]
fn finding_001_uncapped_and_numbering_slip() {
    let (c, e) = load("001-oa-maintenance");
    let r = eval(&c, &e);
    assert!(
        finding_mentions(&r, &["6.3-整改"], &[]),
        "{:#?}",
        r.findings
    );
    assert_eq!(
        penalty(&r, "6.3-整改").total,
        yuan("9000.00"),
        "3‰ × 300,000 × 10 days"
    );
}

#[test]
fn finding_004_items_and_vat() {
    let (c, e) = load("004-liyang-operations");
    let r = eval(&c, &e);
    let text = |t: &str| {
        r.findings
            .iter()
            .any(|f| f.zh.contains(t) || f.en.contains(t))
    };
    assert!(text("924,528.30") && text("55,471.70"), "{:#?}", r.findings);
    assert!(text("240,000.00") && text("14,400.00"), "{:#?}", r.findings);
    assert!(
        !r.findings.iter().any(|f| f.code.contains("mismatch")),
        "the nine fees add up and 玖拾捌万元整 reads 980,000: {:#?}",
        r.findings
    );
}

#[test]
fn every_example_evaluates() {
    for stem in stems() {
        let (c, e) = load(&stem);
        let r = eval(&c, &e);
        assert_eq!(r.contract, stem);
        // Every penalty clause has a result, every milestone a line, every SLA timer a run.
        for cl in &c.clauses {
            match &cl.rule {
                Rule::Penalty(_) => {
                    let _ = penalty(&r, &cl.id);
                }
                Rule::Payment(m) => assert!(
                    r.payments.iter().any(|x| x.milestone == m.id),
                    "{stem}: no line for {}",
                    m.id
                ),
                Rule::Obligation(_) => assert!(
                    r.obligations.iter().any(|x| x.clause == cl.id),
                    "{stem}: no instance of {}",
                    cl.id
                ),
                Rule::Sla(_) => assert!(
                    r.sla.iter().any(|x| x.clause == cl.id),
                    "{stem}: no timer of {}",
                    cl.id
                ),
                Rule::Term(_) => assert!(r.term.is_some(), "{stem}: no term"),
                Rule::Right(_) => assert!(
                    r.rights.iter().any(|x| x.clause == cl.id),
                    "{stem}: no right of {}",
                    cl.id
                ),
            }
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// On the real 004 contract (§7.3: 0.1% a day plus 0.05% interest on the overdue amount,
    /// together capped at 5% of the total), paying instalment 1 later never lowers the late
    /// interest or the penalty, and the two never pass the cap together.
    #[test]
    fn paying_later_never_lowers_late_interest(days in 0i64..150, later in 1i64..60) {
        let (c, e) = load("004-liyang-operations");
        let with_payment_on = |d: i64| {
            let mut e = e.clone();
            e.payments = vec![Payment {
                milestone: "m1".into(),
                date: date("2022-08-19") + Duration::days(d),
                amount: yuan("490000"),
                excuse: None,
            }];
            e.as_of = date("2023-07-15");
            let r = engine::evaluate(&c, &e, &Calendar::china(), &Options::default()).expect("evaluates");
            let m1 = r.payments.iter().find(|m| m.milestone == "m1").cloned().expect("m1");
            (m1.penalty, m1.interest)
        };
        let (p0, i0) = with_payment_on(days);
        let (p1, i1) = with_payment_on(days + later);
        proptest::prop_assert!(i1 >= i0, "interest {} → {}", i0, i1);
        proptest::prop_assert!(p1 >= p0, "penalty {} → {}", p0, p1);
        let both = p1.checked_add(i1).expect("a sum");
        proptest::prop_assert!(both <= yuan("49000"), "penalty + interest {} over the cap", both);
    }
}

/// What each example's text lets the buyer set off: 000 §4.5 and 001 §6.3/§6.7 deduct their own
/// penalties (从总合同金额扣除, 从合同总款中扣除), 002 §6 5) every claim (扣回索赔金额); 003 and
/// 004 none.
#[test]
fn set_off_covers_what_each_text_allows() {
    let covered = |stem: &str| {
        let c = load_contract(stem);
        c.set_off.as_ref().map(|so| {
            so.covered(&c)
                .into_iter()
                .map(String::from)
                .collect::<Vec<_>>()
        })
    };
    assert_eq!(covered("000-cloud-services"), Some(vec!["4.5".to_string()]));
    assert_eq!(
        covered("001-oa-maintenance"),
        Some(vec!["6.3-上线".to_string(), "6.7".to_string()])
    );
    assert_eq!(
        covered("002-im-platform"),
        Some(vec![
            "6.1)".to_string(),
            "附件3-1.1".to_string(),
            "附件3-1.1-连续".to_string(),
            "附件3-5".to_string()
        ])
    );
    assert_eq!(covered("003-insurance-datacentre"), None);
    assert_eq!(covered("004-liyang-operations"), None);
    // 000: the usage fee m3 (21,300, unpaid) is settled by §4.5's 40,000, owed since go-live
    // (2024-05-10), before m3 fell due: paid, not late.
    let (c, e) = load("000-cloud-services");
    let r = eval(&c, &e);
    let m3 = r.payments.iter().find(|m| m.milestone == "m3").unwrap();
    assert_eq!(
        (m3.set_off, m3.net_payable),
        (yuan("21300.00"), Amount::ZERO)
    );
    assert_eq!((m3.status, m3.days_late), (PaymentStatus::Paid, 0));
}
