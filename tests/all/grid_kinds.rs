//! The grid's 类型 column (issue 13 items 1–2): an incident's kind is said by a name, never by
//! the record's raw value (`security`, `operation`), and picked from a list — the contract's
//! declared kinds (the `kinds` its incident triggers count) where it declares some, the kinds
//! the record already uses where it declares none; a value outside the declared ones is kept
//! and flagged by the grid (it is not in the options), not dropped.

use lvyue::domain::events::Events;
use lvyue::domain::incident_log as log;
use lvyue::domain::labels::{derive, Labels};
use lvyue::domain::load::{load_contract, load_events_for};
use lvyue::domain::Lang;
use serde_json::Value;

const CONTRACT: &str = include_str!("../../examples/004-liyang-operations.contract.json");
const EVENTS: &str = include_str!("../../examples/004-liyang-operations.events.json");

/// 004 with its incident clause (附件2-5.3) counting only the kinds given.
fn with_kinds(kinds: &[&str]) -> lvyue::domain::contract::Contract {
    let mut v: Value = serde_json::from_str(CONTRACT).expect("JSON");
    let cl = v["clauses"]
        .as_array_mut()
        .expect("clauses")
        .iter_mut()
        .find(|c| c["id"] == "附件2-5.3")
        .expect("附件2-5.3");
    cl["rule"]["trigger"]["kinds"] = Value::from(kinds.to_vec());
    load_contract(&v.to_string()).expect("loads")
}

#[test]
fn kinds_the_contract_declares_none_of_are_the_records_by_name() {
    let c = load_contract(CONTRACT).expect("004");
    let e: Events = load_events_for(&c, EVENTS).expect("record");
    assert!(log::declared_kinds(&c).is_empty());
    let l = Labels::of(&c);
    let zh = log::kind_options(&c, &e, &l, Lang::Zh);
    let ids: Vec<&str> = zh.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(ids, ["security", "operation"]);
    // `security` in words; `operation` is also 004's level of that name, said by its label.
    assert_eq!(zh[0].1, "安全");
    assert_eq!(zh[1].1, "日常系统操作问题（附件2 3.2 3.1)）");
    let en = log::kind_options(&c, &e, &l, Lang::En);
    assert_eq!(en[0].1, "Security");
    for (k, name) in zh.iter().chain(&en) {
        assert_ne!(k, name, "{k} shown as itself");
    }
    // Help-desk categories are words in Chinese.
    for (id, zh) in [
        ("outage", "中断"),
        ("network", "网络"),
        ("database", "数据库"),
        ("software", "软件"),
        ("question", "咨询"),
    ] {
        assert_eq!(derive(id, Lang::Zh), zh);
    }
}

#[test]
fn declared_kinds_are_the_choices_and_the_rest_is_not() {
    let c = with_kinds(&["security", "data_loss"]);
    let e: Events = load_events_for(&c, EVENTS).expect("record");
    assert_eq!(log::declared_kinds(&c), ["security", "data_loss"]);
    let l = Labels::of(&c);
    let opts = log::kind_options(&c, &e, &l, Lang::Zh);
    assert_eq!(
        opts,
        [
            ("security".to_string(), "安全".to_string()),
            ("data_loss".to_string(), "数据 loss".to_string())
        ]
    );
    // 004's record has `operation` incidents: not a declared kind, so not an option — the
    // grid shows such a cell flagged, by its words, with the value kept.
    let undeclared: Vec<&str> = e
        .incidents
        .iter()
        .filter_map(|i| i.kind.as_deref())
        .filter(|k| !opts.iter().any(|(o, _)| o == k))
        .collect();
    assert!(undeclared.contains(&"operation"), "{undeclared:?}");
    assert_eq!(
        log::kind_name("operation", &l, Lang::En),
        "Everyday operating problem (附件2 3.2 3.1))"
    );
    // A kind set in a cell is kept as given (a picker gives only the listed values).
    let mut e2 = e.clone();
    log::set_cell(&c, &mut e2, 0, log::Field::Kind, "data_loss").expect("sets");
    assert_eq!(e2.incidents[0].kind.as_deref(), Some("data_loss"));
}
