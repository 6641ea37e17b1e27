//! Labels, not ids (issue 13): the one vocabulary of labels (`domain::labels`) and what it
//! feeds — the statement of every built-in example, in both languages, shows none of the
//! contract's internal ids; English ordinals and plurals; a monthly duty due before the service
//! starts is not missed; a syntax error is said in Chinese with its place in words; a record
//! with nothing in it is told apart.

use std::collections::BTreeSet;

use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{Contract, Span, SpanUnit};
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::explain::{minutes_text, span_text};
use lvyue::domain::labels::{count_en, derive, ordinal_en, Labels};
use lvyue::domain::load;
use lvyue::domain::money::Amount;
use lvyue::domain::report::{ObligationStatus, Report, Step};
use lvyue::domain::statement;
use lvyue::domain::{Lang, Localize};
use serde_json::Value;

pub(crate) const EXAMPLES: [&str; 5] = [
    "004-liyang-operations",
    "000-cloud-services",
    "001-oa-maintenance",
    "002-im-platform",
    "003-insurance-datacentre",
];

pub(crate) fn text(name: &str) -> String {
    let path = format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub(crate) fn example(id: &str) -> (Contract, Events, Value) {
    let c_text = text(&format!("{id}.contract.json"));
    let c = load::load_contract(&c_text).unwrap_or_else(|p| panic!("{id}: {p}"));
    let e = load::load_events_for(&c, &text(&format!("{id}.events.json")))
        .unwrap_or_else(|p| panic!("{id}: {p}"));
    let v: Value = serde_json::from_str(&c_text).expect("json");
    (c, e, v)
}

pub(crate) fn run(c: &Contract, e: &Events) -> Report {
    engine::evaluate(c, e, &Calendar::china(), &Options::default()).expect("evaluates")
}

/// The contract's ids (as `labels.mjs` reads them) and the words of its own labels and text.
fn ids_of(v: &Value) -> (BTreeSet<String>, BTreeSet<String>) {
    const IDS: [&str; 18] = [
        "id",
        "reading",
        "level",
        "levels",
        "event",
        "milestone",
        "milestones",
        "fact",
        "moment",
        "kind",
        "item",
        "deadline",
        "done",
        "timer",
        "excuse",
        "choice",
        "option",
        "balance",
    ];
    const LABELS: [&str; 8] = [
        "label",
        "title",
        "name",
        "title_en",
        "description",
        "text",
        "unit",
        "source",
    ];
    fn walk(v: &Value, ids: &mut BTreeSet<String>, words: &mut BTreeSet<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, ids, words)),
            Value::Object(o) => {
                for (k, x) in o {
                    if LABELS.contains(&k.as_str()) {
                        words.extend(tokens(&x.to_string()).map(str::to_string));
                        continue;
                    }
                    if IDS.contains(&k.as_str()) {
                        match x {
                            Value::String(s) => {
                                ids.insert(s.clone());
                            }
                            Value::Array(a) => {
                                ids.extend(a.iter().filter_map(Value::as_str).map(str::to_string))
                            }
                            _ => {}
                        }
                    }
                    walk(x, ids, words);
                }
            }
            _ => {}
        }
    }
    let mut ids: BTreeSet<String> = ["signing", "effective", "term_start", "term_end"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut words = BTreeSet::new();
    walk(v, &mut ids, &mut words);
    if let Some(id) = v["id"].as_str() {
        ids.remove(id);
    }
    (ids, words)
}

/// Maximal runs of letters, digits, `_`, `-`, `.`, `@`, without a trailing `.`.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || "_-.@".contains(c)))
        .map(|t| t.trim_end_matches('.').trim_start_matches(['-', '.']))
        .filter(|t| !t.is_empty())
}

/// The internal ids `text` shows: declared ids as whole tokens (not numbering, not a plain
/// English word in English, not words of the contract's own labels), snake_case tokens,
/// occurrence ids (`4.8@2024-10-08`) and finding codes (`penalty.high-annual-rate`).
pub(crate) fn ids_in(text: &str, v: &Value, lang: Lang) -> Vec<String> {
    let (ids, words) = ids_of(v);
    let mut bad = BTreeSet::new();
    for t in tokens(text) {
        let declared = ids.contains(t)
            && t.chars().any(|c| c.is_ascii_lowercase())
            && !(lang == Lang::En && t.chars().all(|c| c.is_ascii_lowercase()))
            && !words.contains(t);
        let snake = t.starts_with(|c: char| c.is_ascii_lowercase())
            && t.contains('_')
            && t.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !words.contains(t);
        let occurrence = t.contains('@');
        let code = t.split_once('.').is_some_and(|(head, rest)| {
            [
                "penalty", "payment", "sla", "record", "words", "tax", "span", "levels", "clause",
            ]
            .contains(&head)
                && rest.contains('-')
                && rest.starts_with(|c: char| c.is_ascii_lowercase())
        });
        if declared || snake || occurrence || code {
            bad.insert(t.to_string());
        }
    }
    bad.into_iter().collect()
}

#[test]
fn the_scan_finds_ids_and_passes_labels() {
    let (_, _, v) = example("004-liyang-operations");
    for (t, lang, n) in [
        ("附件2-5.5.2(1)@2022-09-14 ¥100.00", Lang::Zh, 1),
        ("especially_major 30%", Lang::En, 1),
        ("采用 plus-1-point", Lang::Zh, 1),
        ("[警告] penalty.high-annual-rate: 年化", Lang::Zh, 1),
        ("term_end 后 30 日", Lang::Zh, 1),
        ("m1 (2022-09-28)", Lang::En, 1),
        ("第 附件2-5.3 条：特别重大安全事件", Lang::Zh, 0),
        ("Major security incident; Incident penalties", Lang::En, 0),
    ] {
        assert_eq!(
            ids_in(t, &v, lang).len(),
            n,
            "{t}: {:?}",
            ids_in(t, &v, lang)
        );
    }
}

/// The statement of every built-in example, in Chinese and in English, names the contract's
/// things by their labels: no internal id.
#[test]
fn no_internal_ids_in_the_statements() {
    let mut bad = Vec::new();
    let mut scanned = 0;
    for id in EXAMPLES {
        let (c, e, v) = example(id);
        let r = run(&c, &e);
        for lang in [Lang::Zh, Lang::En] {
            let md = statement::statement_markdown(&statement::statement(&c, &r, lang));
            scanned += md.len();
            for t in ids_in(&md, &v, lang) {
                bad.push(format!("{id} {lang:?}: {t}"));
            }
        }
    }
    assert!(scanned > 50_000, "{scanned} bytes");
    assert!(bad.is_empty(), "{} ids:\n{}", bad.len(), bad.join("\n"));
}

#[test]
fn declared_names_by_their_labels_and_the_rest_derived() {
    let (c, e, _) = example("004-liyang-operations");
    let r = run(&c, &e);
    let l = Labels::of_report(&c, &r);
    assert_eq!(l.name("especially_major", Lang::Zh), "特别重大安全事件");
    assert_eq!(
        l.name("especially_major", Lang::En),
        "Especially major security incident"
    );
    assert_eq!(l.name("service", Lang::Zh), "按约提供服务");
    assert_eq!(l.subject("m1", Lang::En), "Instalment 1 (50%)");
    assert_eq!(
        l.subject("附件2-5.5.2(1)@2022-09-14", Lang::Zh),
        "附件2-5.5.2(1)（2022-09-14）"
    );
    assert_eq!(l.subject("4.8@2024-10-08", Lang::En), "§4.8 (2024-10-08)");
    // A record's own names stay the user's.
    assert_eq!(l.subject("SEC-2022-01", Lang::Zh), "SEC-2022-01");
    // The formats' own moments, and an undeclared id, in words.
    assert_eq!(l.name("term_end", Lang::Zh), "服务期届满日");
    assert_eq!(derive("go_live", Lang::En), "Go live");
    // A reading in a step: its label, not `plus-1-point`.
    let step = r
        .penalties
        .iter()
        .flat_map(|p| p.lines.iter())
        .flat_map(|x| x.steps.iter())
        .find(|s| matches!(s, Step::LateHandling { reading, .. } if reading == "plus-1-point"))
        .expect("004 has a late handling read plus-1-point");
    let zh = l.step(step, Lang::Zh);
    assert!(
        !zh.contains("plus-1-point") && zh.contains("百分点"),
        "{zh}"
    );
    // A timer named with its clause (001's 4.9.2/replacement).
    let (c1, _, _) = example("001-oa-maintenance");
    let n = Labels::of(&c1).name("4.9.2/replacement", Lang::Zh);
    assert!(!n.contains("replacement") && n.contains("第4.9.2条"), "{n}");
}

#[test]
fn english_ordinals_and_plurals() {
    for (n, o) in [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),
        (23, "23rd"),
        (101, "101st"),
        (111, "111th"),
    ] {
        assert_eq!(ordinal_en(n), o);
    }
    assert_eq!(count_en(1, "hours"), "1 hour");
    assert_eq!(count_en(2, "hours"), "2 hours");
    assert_eq!(count_en(1, "working days"), "1 working day");
    assert_eq!(count_en(0, "days"), "0 days");
    let hour = Span {
        n: 1,
        unit: SpanUnit::Hours,
    };
    assert_eq!(span_text(&hour, Lang::En), "1 hour");
    assert_eq!(span_text(&hour, Lang::Zh), "1 小时");
    assert_eq!(minutes_text(90, Lang::En), "1 hour 30 minutes");
    assert_eq!(minutes_text(1441, Lang::En), "1 day 1 minute");
    assert_eq!(minutes_text(90, Lang::Zh), "1 小时 30 分钟");
    let a = Amount::parse("100").expect("amount");
    let step = Step::Escalated {
        nth: 3,
        factor: rust_decimal::Decimal::new(15, 1),
        previous: a,
        amount: a,
    };
    assert!(
        step.localize(Lang::En).starts_with("3rd occurrence"),
        "{}",
        step.localize(Lang::En)
    );
}

/// 004 is signed on 2022-07-20 and its service is due from 2022-08-01: the monthly inspections
/// (附件2-1.2-5, 附件2-2.2-1, due at each month's end) and the duty roster (附件2-3.2-1, by the
/// 28th) have no July instance, so 24 instances are missed by 2023-07-15, not 27.
#[test]
fn a_monthly_duty_due_before_the_service_starts_is_not_missed() {
    let (c, e, v) = example("004-liyang-operations");
    let r = run(&c, &e);
    let missed = |r: &Report| {
        r.obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Missed)
            .count()
    };
    assert_eq!(missed(&r), 24);
    assert_eq!(r.obligations.len(), 44);
    for clause in ["附件2-1.2-5", "附件2-2.2-1", "附件2-3.2-1"] {
        let first = r
            .obligations
            .iter()
            .filter(|o| o.clause == clause)
            .map(|o| o.due)
            .min()
            .expect("instances");
        assert!(
            first >= chrono::NaiveDate::from_ymd_opt(2022, 8, 1).expect("date"),
            "{clause}: first due {first}"
        );
    }
    // Without `from`, the duties run from the term's start and July's three are missed.
    let mut v = v;
    for cl in v["clauses"].as_array_mut().expect("clauses") {
        if let Some(r) = cl["rule"].as_object_mut() {
            r.remove("from");
        }
    }
    let c2 = load::load_contract(&v.to_string()).expect("loads");
    assert_eq!(missed(&run(&c2, &e)), 27);
}

#[test]
fn a_syntax_error_in_chinese_with_its_place_in_words() {
    let text = "{\n  \"format\": \"lvyue-events/2\",\n  \"as_of\": \"2023-01-01\",\n}\n";
    let p = load::load_events(text).expect_err("a trailing comma");
    let p = p.iter().next().expect("one problem");
    assert_eq!(p.code, "json.syntax");
    assert_eq!(load::place_text(p, Lang::Zh), "第 4 行第 1 列");
    assert_eq!(load::place_text(p, Lang::En), "line 4, column 1");
    let zh = p.localize(Lang::Zh);
    assert!(zh.contains("多余的逗号"), "{zh}");
    let english: Vec<&str> = zh
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1 && *w != "JSON")
        .collect();
    assert!(english.is_empty(), "English in {zh}: {english:?}");
}

#[test]
fn findings_are_said_without_their_codes() {
    for id in EXAMPLES {
        let (c, e, _) = example(id);
        for f in &run(&c, &e).findings {
            for lang in [Lang::Zh, Lang::En] {
                let t = f.localize(lang);
                assert!(!t.contains(&f.code), "{id}: {t}");
            }
        }
    }
}

#[test]
fn a_record_with_nothing_in_it_is_blank() {
    assert!(Events::default().is_blank());
    for id in EXAMPLES {
        assert!(!example(id).1.is_blank(), "{id}");
    }
}
