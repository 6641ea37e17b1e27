//! Tests: the drafter against the hand-made models (issue 12's acceptance). Each example contract
//! under `examples/` was written by hand from its text (the five seeds in `../shared/seeds/`, the
//! public contracts in `examples/texts/`); every clause of it that computes something is a row of
//! CLAUSES.md. For each such clause the text is drafted and the drafted clause of the same number
//! is put in the hand-made clause's place; the example's own record is then evaluated and the
//! clause's figures (lines, totals, caps, rights, payments, timers, instances, term) compared
//! with the hand-made clause's.
//!
//! How ids are mapped: a drafted clause answers a hand-made one when it was drafted from a
//! sentence the hand-made clause quotes (its `text`, found in the document white space
//! ignored); when that text cannot be found, when its number is the same, or one is the other
//! with a sub-item (`附件2-5.4.4` and `附件2-5.4.4(1)`; the drafter's own suffix for a second
//! rule under one number, `#2`, dropped). A penalty keeps the hand-made
//! trigger when both look at the same kind of facts (a deadline, late payments, incidents…), or
//! when the drafted one counts occurrences by hand and the hand-made one counts them in the record,
//! since the record names the hand-made contract's deadlines and events: what is compared is
//! what the drafter read — who pays, the formula, the cap, the rights, the excuses. Every other
//! rule is put in whole, its names mapped onto the hand-made contract's where both rules have a
//! name in the same place (the drafted event `acceptance` for the record's
//! `completion_acceptance`, as a user picks it in the editor; `unify`), with the drafted
//! contract's declarations it still names.
//!
//! A row is *exact* (same figures), *not understood* (no drafted clause, and the drafter lists a
//! sentence of that clause as not understood), *wrong* (a drafted clause with other figures, or
//! one that does not load with the record), or *silent* (neither drafted nor listed). The test
//! prints the table (`cargo test --test all draft_accept -- --nocapture`) and fails when a
//! contract has fewer exact rows, or more silent ones or wrong ones drafted with high confidence,
//! than the bounds measured when the drafter last changed ([`BOUNDS`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use lvyue::api;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{Clause, Contract, Rule};
use lvyue::domain::draft::{draft, Confidence, Draft};
use lvyue::domain::report::Report;

/// Each example with what the drafter gives on it at least and at most: exact rows (at least),
/// silent rows and wrong rows drafted with high confidence (at most). Measured when the drafter
/// last changed; the bounds only tighten (issue 12's aim: 90% exact, none silent, none wrong).
const BOUNDS: [(&str, usize, usize, usize); 15] = [
    ("000-cloud-services", 13, 0, 0),
    ("001-oa-maintenance", 20, 0, 0),
    ("002-im-platform", 12, 0, 0),
    ("003-insurance-datacentre", 3, 0, 0),
    ("004-liyang-operations", 23, 0, 0),
    ("005-goods-two-lots", 3, 1, 0),
    ("006-switchgear-installation", 4, 0, 0),
    ("007-fitout-works", 3, 0, 0),
    ("008-college-it-project", 3, 0, 0),
    ("009-video-conference-system", 4, 0, 0),
    ("010-software-development", 3, 0, 0),
    ("011-mutual-delay-clause", 1, 0, 0),
    ("012-datacentre-operations-sla", 0, 0, 0),
    ("013-cabling-stepped-rates", 2, 0, 0),
    ("014-consultation-procurement-template", 0, 0, 0),
];

#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Exact,
    NotUnderstood,
    Wrong { confidence: Confidence, why: String },
    Silent,
}

struct Row {
    clause: String,
    kind: &'static str,
    outcome: Outcome,
}

fn root() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The text an example was made from.
fn source_text(stem: &str) -> String {
    let own = root().join(format!("examples/texts/{stem}.md"));
    if let Ok(t) = std::fs::read_to_string(own) {
        return t;
    }
    let seeds = root().join("../shared/seeds");
    let prefix = &stem[..3];
    let entry = std::fs::read_dir(&seeds)
        .expect("the seeds")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no text for {stem}"));
    std::fs::read_to_string(entry.path()).expect("seed text")
}

fn read(stem: &str, part: &str) -> String {
    std::fs::read_to_string(root().join(format!("examples/{stem}.{part}.json"))).expect("example")
}

fn kind(r: &Rule) -> &'static str {
    match r {
        Rule::Penalty(_) => "penalty",
        Rule::Payment(_) => "payment",
        Rule::Sla(_) => "sla",
        Rule::Obligation(_) => "obligation",
        Rule::Term(_) => "term",
        Rule::Right(_) => "right",
    }
}

/// A drafted clause's number without the drafter's `#n`.
fn number(id: &str) -> &str {
    id.split('#').next().unwrap_or(id)
}

/// Whether a drafted clause's number answers a hand-made clause's.
fn answers(drafted: &str, made: &str) -> bool {
    let d = number(drafted);
    let sub = |long: &str, short: &str| {
        long.strip_prefix(short)
            .and_then(|rest| rest.chars().next())
            .is_some_and(|c| matches!(c, '(' | '（' | '-'))
    };
    d == made || sub(made, d) || sub(d, made)
}

fn trigger_tag(r: &Rule) -> Option<String> {
    let Rule::Penalty(p) = r else { return None };
    let v = serde_json::to_value(&p.trigger).ok()?;
    v["on"].as_str().map(str::to_string)
}

/// Whether a trigger counts occurrences of something the record holds: a drafted "each time"
/// (`occurrence`, recorded by hand) is mapped onto it, as a user links the clause to the
/// record's entries in the editor.
fn per_occurrence(tag: &Option<String>) -> bool {
    matches!(
        tag.as_deref(),
        Some(
            "timer_breached"
                | "requirement"
                | "staff"
                | "entries"
                | "obligation_missed"
                | "incident"
        )
    )
}

/// The hand-made contract with one clause's rule replaced by the drafted one.
fn graft(made: &Contract, at: usize, drafted: &Clause, from: &Contract) -> Contract {
    let mut c = made.clone();
    let mut rule = drafted.rule.clone();
    if let (Rule::Penalty(p), Rule::Penalty(h)) = (&mut rule, &made.clauses[at].rule) {
        let (mine, theirs) = (
            trigger_tag(&Rule::Penalty(p.clone())),
            trigger_tag(&made.clauses[at].rule),
        );
        if mine == theirs || (mine.as_deref() == Some("occurrence") && per_occurrence(&theirs)) {
            p.trigger = h.trigger.clone();
        }
    }
    let rule = renamed(&rule, &made.clauses[at].rule, from, made);
    c.clauses[at].rule = rule;
    macro_rules! adopt {
        ($field:ident) => {
            for x in &from.$field {
                if !c.$field.iter().any(|y| y.id == x.id) {
                    c.$field.push(x.clone());
                }
            }
        };
    }
    adopt!(events);
    adopt!(levels);
    adopt!(kinds);
    adopt!(deadlines);
    adopt!(items);
    c
}

/// Every name a contract declares: the `id` of anything in it (events, levels, kinds, deadlines,
/// items, milestones, timers, duties, clauses).
fn declared(c: &Contract) -> BTreeSet<String> {
    fn walk(v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(id)) = m.get("id") {
                    out.insert(id.clone());
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(
        &serde_json::to_value(c).expect("a contract value"),
        &mut out,
    );
    out
}

/// Pairs the drafted rule's names with the hand-made rule's where both rules have a name in the
/// same place (the drafted `acceptance` where the hand-made rule says `completion_acceptance`):
/// a one-to-one map, as a user makes it by picking the record's event in the editor. Words,
/// numbers and the built-in moments are not names and are never mapped.
fn unify(
    d: &Value,
    h: &Value,
    names: (&BTreeSet<String>, &BTreeSet<String>),
    map: &mut BTreeMap<String, String>,
) {
    match (d, h) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, x) in a {
                if let (false, Some(y)) =
                    (matches!(k.as_str(), "label" | "title" | "text"), b.get(k))
                {
                    unify(x, y, names, map);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            a.iter().zip(b).for_each(|(x, y)| unify(x, y, names, map));
        }
        (Value::String(x), Value::String(y)) => {
            for (x, y) in x.split('/').zip(y.split('/')) {
                let taken = map.values().any(|v| v == y) && map.get(x).is_none_or(|v| v != y);
                if names.0.contains(x) && names.1.contains(y) && !map.contains_key(x) && !taken {
                    map.insert(x.to_string(), y.to_string());
                }
            }
        }
        _ => {}
    }
}

fn rename(v: &mut Value, map: &BTreeMap<String, String>) {
    match v {
        Value::Object(m) => m
            .iter_mut()
            .filter(|(k, _)| !matches!(k.as_str(), "label" | "title" | "text"))
            .for_each(|(_, x)| rename(x, map)),
        Value::Array(a) => a.iter_mut().for_each(|x| rename(x, map)),
        Value::String(s) => {
            let parts: Vec<&str> = s
                .split('/')
                .map(|p| map.get(p).map_or(p, String::as_str))
                .collect();
            *s = parts.join("/");
        }
        _ => {}
    }
}

/// The drafted rule in the hand-made contract's names ([`unify`]).
fn renamed(rule: &Rule, made: &Rule, from: &Contract, to: &Contract) -> Rule {
    let (mut d, h) = (
        serde_json::to_value(rule).expect("a rule value"),
        serde_json::to_value(made).expect("a rule value"),
    );
    let mut map = BTreeMap::new();
    unify(&d, &h, (&declared(from), &declared(to)), &mut map);
    rename(&mut d, &map);
    serde_json::from_value(d).expect("a renamed rule is a rule")
}

fn evaluate(c: &Contract, events: &str) -> Result<Report, String> {
    let text = serde_json::to_string(c).map_err(|e| e.to_string())?;
    api::evaluate_texts(&text, events, &Calendar::china(), None, &BTreeMap::new()).map_err(|e| {
        e.problems
            .iter()
            .take(2)
            .map(|p| format!("{} {}", p.problem.path, p.problem.en))
            .collect::<Vec<_>>()
            .join("; ")
    })
}

/// What a clause gives in a report, as comparable text (ids of the clause's own timers and
/// milestones left out: they are the drafter's names).
fn figures(r: &Report, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    for p in r.penalties.iter().filter(|p| p.clause == id) {
        out.push(format!(
            "penalty {} {} by {:?}",
            p.total, p.uncapped, p.payer
        ));
        out.extend(
            p.lines
                .iter()
                .map(|l| format!("line {} {}", l.date, l.amount)),
        );
        out.extend(p.cap.iter().map(|c| format!("cap {}", c.limit)));
        out.extend(
            p.rights
                .iter()
                .map(|x| format!("right {:?} {:?} {:?}", x.right, x.holder, x.arises)),
        );
        out.extend(p.readings.iter().map(|x| format!("reading {}", x.total)));
    }
    for m in r.payments.iter().filter(|m| m.clause == id) {
        out.push(format!(
            "payment {:?} {:?} {} {} {}",
            m.amount, m.due, m.penalty, m.interest, m.days_late
        ));
    }
    let mut timers: Vec<String> = r
        .sla
        .iter()
        .filter(|t| t.clause == id)
        .map(|t| format!("timer {} {} {:?}", t.subject, t.deadline, t.status))
        .collect();
    timers.sort();
    out.extend(timers);
    let mut due: Vec<String> = r
        .obligations
        .iter()
        .filter(|o| o.clause == id)
        .map(|o| format!("duty {} {} {:?}", o.due, o.required, o.status))
        .collect();
    due.sort();
    out.extend(due);
    out.extend(
        r.rights
            .iter()
            .filter(|x| x.clause == id)
            .map(|x| format!("right {:?} {:?} {:?}", x.right, x.holder, x.arises)),
    );
    out.extend(
        r.term
            .iter()
            .filter(|t| t.clause == id)
            .map(|t| format!("term {} {} {}", t.start, t.end, t.renewals)),
    );
    out
}

fn confidence_of(d: &Draft, clause: &str) -> Confidence {
    d.found
        .iter()
        .filter(|f| f.clause.as_deref() == Some(clause))
        .map(|f| f.confidence)
        .min()
        .unwrap_or(Confidence::Low)
}

/// Where a hand-made clause's text stands in the drafted text: the char ranges of its pieces
/// (the text as quoted in an example may leave parts out with "……"), white space ignored.
/// A phrase the document says more than once (a formula repeated for each stage) does not tell
/// which sentence is meant: such pieces count only when no piece is found just once.
fn located(d: &Draft, quoted: &str) -> Vec<(usize, usize)> {
    let (bare, at): (String, Vec<usize>) = d
        .text
        .chars()
        .enumerate()
        .filter(|(_, c)| !c.is_whitespace())
        .map(|(i, c)| (c, i))
        .unzip();
    let pieces = quoted.split([
        '…', '.', '(', ')', '（', '）', ';', '；', '，', ',', '：', ':',
    ]);
    let (mut once, mut more) = (Vec::new(), Vec::new());
    for piece in pieces {
        let piece: String = piece.chars().filter(|c| !c.is_whitespace()).collect();
        let len = piece.chars().count();
        if len < 8 {
            continue;
        }
        let found: Vec<(usize, usize)> = bare
            .match_indices(piece.as_str())
            .map(|(byte, _)| {
                let start = bare[..byte].chars().count();
                (at[start], at[start + len - 1] + 1)
            })
            .collect();
        match found.len() {
            1 => once.extend(found),
            _ => more.extend(found),
        }
    }
    if once.is_empty() {
        more
    } else {
        once
    }
}

fn overlaps(span: lvyue::domain::draft::TextSpan, ranges: &[(usize, usize)]) -> bool {
    ranges.iter().any(|&(s, e)| span.start < e && s < span.end)
}

/// The drafted clauses that answer a hand-made one: those drafted from the sentences its text
/// quotes, or by number when its text cannot be found in the document (a sibling under the
/// same number is not the same rule).
fn candidates<'d>(d: &'d Draft, made: &Clause) -> Vec<&'d Clause> {
    let ranges = made
        .text
        .as_deref()
        .map(|t| located(d, t))
        .unwrap_or_default();
    let from_text: Vec<&str> = d
        .found
        .iter()
        .filter(|f| overlaps(f.span, &ranges))
        .filter_map(|f| f.clause.as_deref())
        .collect();
    d.contract
        .clauses
        .iter()
        .filter(|c| match ranges.is_empty() {
            true => answers(&c.id, &made.id),
            false => from_text.contains(&c.id.as_str()),
        })
        .filter(|c| kind(&c.rule) == kind(&made.rule))
        .collect()
}

fn outcome(d: &Draft, made: &Contract, at: usize, events: &str, want: &[String]) -> Outcome {
    let id = &made.clauses[at].id;
    let mut wrong: Option<Outcome> = None;
    let candidates = candidates(d, &made.clauses[at]);
    for c in candidates {
        let grafted = graft(made, at, c, &d.contract);
        let why = match evaluate(&grafted, events) {
            Ok(r) if figures(&r, id) == want => return Outcome::Exact,
            Ok(r) => format!("{:?} ≠ {want:?}", figures(&r, id)),
            Err(e) => e,
        };
        let confidence = confidence_of(d, &c.id);
        if wrong.as_ref().is_none_or(
            |w| matches!(w, Outcome::Wrong { confidence: old, .. } if *old > confidence),
        ) {
            wrong = Some(Outcome::Wrong { confidence, why });
        }
    }
    if let Some(w) = wrong {
        return w;
    }
    let ranges = made.clauses[at]
        .text
        .as_deref()
        .map(|t| located(d, t))
        .unwrap_or_default();
    let listed = d
        .not_understood
        .iter()
        .any(|u| u.clause.as_deref().is_some_and(|c| answers(c, id)) || overlaps(u.span, &ranges));
    if listed {
        Outcome::NotUnderstood
    } else {
        Outcome::Silent
    }
}

fn rows(stem: &str) -> Vec<Row> {
    let d = draft(&source_text(stem));
    let (made, _) = api::read_contract(&read(stem, "contract")).expect("the example loads");
    let events = read(stem, "events");
    let base = evaluate(&made, &events).expect("the example evaluates");
    (0..made.clauses.len())
        .filter_map(|at| {
            let id = &made.clauses[at].id;
            let want = figures(&base, id);
            // A clause that computes nothing on its record is no row, nor one the example
            // assumes where its text says nothing (`假定-…`, examples/README.md).
            (!want.is_empty() && !id.starts_with("假定")).then(|| Row {
                clause: id.clone(),
                kind: kind(&made.clauses[at].rule),
                outcome: outcome(&d, &made, at, &events, &want),
            })
        })
        .collect()
}

#[test]
fn drafted_clauses_give_the_hand_made_figures() {
    let mut failures = Vec::new();
    println!("contract | rows | exact | not understood | wrong | silent | exact %");
    let (mut all, mut all_exact) = (0, 0);
    for (stem, least_exact, most_silent, most_wrong) in BOUNDS {
        let rows = rows(stem);
        let count = |f: &dyn Fn(&Outcome) -> bool| rows.iter().filter(|r| f(&r.outcome)).count();
        let exact = count(&|o| *o == Outcome::Exact);
        let unread = count(&|o| *o == Outcome::NotUnderstood);
        let wrong = count(&|o| matches!(o, Outcome::Wrong { .. }));
        let silent = count(&|o| *o == Outcome::Silent);
        let pct = (exact * 100).checked_div(rows.len()).unwrap_or(100) as u32;
        println!(
            "{stem} | {} | {exact} | {unread} | {wrong} | {silent} | {pct}%",
            rows.len()
        );
        let high_wrong = rows
            .iter()
            .filter(|r| {
                matches!(
                    &r.outcome,
                    Outcome::Wrong {
                        confidence: Confidence::High,
                        ..
                    }
                )
            })
            .count();
        for r in rows.iter().filter(|r| r.outcome != Outcome::Exact) {
            println!("    {} ({}): {:?}", r.clause, r.kind, r.outcome);
        }
        if exact < least_exact || silent > most_silent || high_wrong > most_wrong {
            failures.push(format!(
                "{stem}: {exact} exact (at least {least_exact}), {silent} silent (at most \
                 {most_silent}), {high_wrong} wrong with high confidence (at most {most_wrong})"
            ));
        }
        all += rows.len();
        all_exact += exact;
    }
    println!("all | {all} | {all_exact} exact");
    assert!(failures.is_empty(), "{failures:#?}");
}
