//! Tests: the record editors generated from the contract's vocabulary (issue 11, build item 4),
//! through the app's reducer: an entry added in the form, a fact set by its input, an election
//! and a draw each change the report; a value the record cannot hold is refused, the work kept.
//!
//! Every figure is computed by hand in the comment beside it.

use std::rc::Rc;

use rust_decimal::Decimal;
use yew::Reducible;

use lvyue::domain::events::FactValue;
use lvyue::domain::load::{load_contract, load_events_for};
use lvyue::domain::money::Amount;
use lvyue::domain::report::Report;
use lvyue::domain::Lang;
use lvyue::ui::record_edit::{
    bounds_error, entry_kinds, fact_specs, text_value, Control, Edit, Subject,
};
use lvyue::ui::store::{Action, AppState, Tab};
use lvyue::ui::workspace::Workspace;

fn amt(s: &str) -> Amount {
    s.parse().expect("test amount")
}

/// The app open on a contract of `extra` members and `clauses`, with record `events` (its
/// members after `as_of`).
fn app(extra: &str, clauses: &str, events: &str) -> Rc<AppState> {
    let c = load_contract(&format!(
        r#"{{ "format": "lvyue-contract/2", "id": "ed", "title": "编辑",
  "parties": {{ "buyer": {{ "name": "甲方" }}, "seller": {{ "name": "乙方" }} }},
  "total": "500000", {extra} "clauses": [ {clauses} ] }}"#
    ))
    .expect("test contract");
    let e = load_events_for(
        &c,
        &format!(r#"{{ "format": "lvyue-events/2", "as_of": "2025-12-31" {events} }}"#),
    )
    .expect("test events");
    let ws = Workspace::with(c, e, Lang::Zh, Default::default());
    lvyue::ui::examples::preload();
    Rc::new(AppState::new(
        ws,
        Tab::Record,
        "2025-12-31".parse().unwrap(),
    ))
}

fn edit(s: Rc<AppState>, e: Edit) -> Rc<AppState> {
    let next = s.reduce(Action::Edit(e));
    assert!(next.failure.is_none(), "{:?}", next.failure);
    next
}

fn report(s: &AppState) -> &Report {
    s.report.as_deref().expect("a report")
}

fn clause_total(s: &AppState, id: &str) -> Amount {
    report(s)
        .penalties
        .iter()
        .find(|c| c.clause == id)
        .map(|c| c.total)
        .unwrap_or_default()
}

const BREACH_KIND: &str = r#""kinds": [ { "id": "confidentiality_breach", "label": { "zh": "泄密", "en": "Confidentiality breach" },
  "facts": [ { "id": "party", "label": { "zh": "违约方", "en": "Breaching party" }, "type": "party", "required": true } ] } ],"#;

const CONFIDENTIALITY: &str = r#"{ "id": "9", "title": { "zh": "保密" }, "rule": { "kind": "penalty", "payer": "breaching",
  "trigger": { "on": "entries", "kind": "confidentiality_breach" },
  "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "50000" } } } }"#;

#[test]
fn an_entry_added_in_the_form_makes_a_penalty_appear() {
    let s = app(BREACH_KIND, CONFIDENTIALITY, "");
    assert_eq!(report(&s).totals.seller_pays, Amount::ZERO);
    // The kind has an editor of its own, its one fact a select of the two parties by name.
    let c = s.contract().unwrap();
    let kinds: Vec<&str> = entry_kinds(c).map(|(_, k)| k.id.as_str()).collect();
    assert_eq!(kinds, ["confidentiality_breach"]);
    let specs = fact_specs(c, &c.kinds[0], Lang::En);
    assert_eq!(specs[0].label, "Breaching party *");
    let Control::Select(options) = &specs[0].control else {
        panic!("a select");
    };
    let names: Vec<&str> = options.iter().map(|o| o.1.as_str()).collect();
    assert_eq!(names, ["Buyer", "Seller"]);

    // "+ Add": one breach on the as-of day, the required party stated (the seller, the first
    // the form shows selected): ¥50,000 per breach, paid by the seller.
    let s = edit(s, Edit::AddEntry("confidentiality_breach".into()));
    let e = &s.scenario().unwrap().events;
    assert_eq!(e.entries.len(), 1);
    assert_eq!(e.entries[0].id.as_deref(), Some("confidentiality_breach-1"));
    assert_eq!(report(&s).totals.seller_pays, amt("50000"));
    assert_eq!(report(&s).totals.buyer_pays, Amount::ZERO);
    // The buyer chosen in the select: the buyer pays, the seller nothing.
    let v = text_value(&specs[0], "buyer");
    let s = edit(s, Edit::Fact(Subject::Entry(0), "party".into(), v));
    assert_eq!(
        (report(&s).totals.buyer_pays, report(&s).totals.seller_pays),
        (amt("50000"), Amount::ZERO)
    );
    // A second breach: 2 × 50,000 = 100,000 under clause 9.
    let s = edit(s, Edit::AddEntry("confidentiality_breach".into()));
    assert_eq!(clause_total(&s, "9"), amt("100000"));
    // Deleted: back to one.
    let s = edit(s, Edit::RemoveEntry(0));
    assert_eq!(clause_total(&s, "9"), amt("50000"));
}

const ABSENCE: &str = r#""kinds": [ { "id": "absence", "label": { "zh": "缺岗", "en": "Absence" },
  "facts": [
    { "id": "persons", "label": { "zh": "人数", "en": "Persons" }, "type": { "number": { "min": "1" } }, "default": 1 },
    { "id": "holiday", "label": { "zh": "节假日", "en": "On a holiday" }, "type": "flag" },
    { "id": "excused", "label": { "zh": "经批准", "en": "Approved" }, "type": "flag" } ] } ],"#;

const ABSENCE_FINE: &str = r#"{ "id": "6.7", "title": { "zh": "缺岗" }, "rule": { "kind": "penalty", "payer": "seller",
  "trigger": { "on": "entries", "kind": "absence", "when": { "not": { "fact": "excused" } } },
  "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "500" }, "per": "persons",
    "multipliers": [ { "when": { "fact": "holiday" }, "factor": "2" } ] } } }"#;

#[test]
fn facts_edited_by_their_inputs_change_the_figures() {
    let s = app(ABSENCE, ABSENCE_FINE, "");
    let s = edit(s, Edit::AddEntry("absence".into()));
    // Persons not stated: the default 1. 500 × 1 = 500.
    assert_eq!(clause_total(&s, "6.7"), amt("500"));
    let c = s.contract().unwrap();
    let specs = fact_specs(c, &c.kinds[0], Lang::Zh);
    assert_eq!(specs[0].label, "人数（默认 1）");
    // 3 persons typed: 500 × 3 = 1,500.
    let v = text_value(&specs[0], "3");
    assert_eq!(v, Some(FactValue::Whole(3)));
    let s = edit(s, Edit::Fact(Subject::Entry(0), "persons".into(), v));
    assert_eq!(clause_total(&s, "6.7"), amt("1500"));
    // On a holiday: × 2 → 3,000.
    let s = edit(
        s,
        Edit::Fact(
            Subject::Entry(0),
            "holiday".into(),
            Some(FactValue::Flag(true)),
        ),
    );
    assert_eq!(clause_total(&s, "6.7"), amt("3000"));
    // Approved: not an occurrence → 0.
    let s = edit(
        s,
        Edit::Fact(
            Subject::Entry(0),
            "excused".into(),
            Some(FactValue::Flag(true)),
        ),
    );
    assert_eq!(clause_total(&s, "6.7"), Amount::ZERO);

    // 0 persons is below the bound: the input says so in the user's language and sends nothing…
    assert_eq!(
        bounds_error(&specs[0], "0", Lang::Zh).as_deref(),
        Some("应不小于 1")
    );
    assert_eq!(
        bounds_error(&specs[0], "0", Lang::En).as_deref(),
        Some("must be at least 1")
    );
    // …and a record holding it anyway is refused by the reducer, which keeps the work.
    let before = s.scenario().unwrap().events.clone();
    let refused = s.clone().reduce(Action::Edit(Edit::Fact(
        Subject::Entry(0),
        "persons".into(),
        Some(FactValue::Whole(0)),
    )));
    let failure = refused.failure.as_ref().expect("refused");
    assert!(failure
        .problems
        .iter()
        .any(|p| p.code == "fact.type" && p.path == "entries[0].facts.persons"));
    assert_eq!(refused.scenario().unwrap().events, before);
}

#[test]
fn an_entrys_date_instant_and_moments() {
    let kinds = r#""kinds": [ { "id": "outage", "label": { "zh": "中断", "en": "Outage" },
  "moments": [ { "id": "began", "label": { "zh": "开始", "en": "Began" } },
               { "id": "ended", "label": { "zh": "结束", "en": "Ended" } } ] } ],"#;
    let clause = r#"{ "id": "5", "title": { "zh": "中断" }, "rule": { "kind": "penalty", "payer": "seller",
  "trigger": { "on": "entries", "kind": "outage" },
  "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "100" } } } }"#;
    let s = app(kinds, clause, "");
    let s = edit(s, Edit::AddEntry("outage".into()));
    let t = |x: &str| x.parse::<chrono::NaiveDateTime>().unwrap();
    let s = edit(s, Edit::EntryAt(0, Some(t("2025-06-01T08:00:00"))));
    let s = edit(
        s,
        Edit::EntryMoment(0, "began".into(), Some(t("2025-06-01T08:00:00"))),
    );
    let s = edit(
        s,
        Edit::EntryMoment(0, "ended".into(), Some(t("2025-06-01T09:30:00"))),
    );
    let x = &s.scenario().unwrap().events.entries[0];
    assert_eq!((x.date, x.at), (None, Some(t("2025-06-01T08:00:00"))));
    assert_eq!(clause_total(&s, "5"), amt("100"));
    // An end before the start is refused, at its field.
    let refused = s.clone().reduce(Action::Edit(Edit::EntryMoment(
        0,
        "ended".into(),
        Some(t("2025-06-01T07:00:00")),
    )));
    let p = &refused.failure.as_ref().expect("refused").problems;
    assert!(
        p.iter()
            .any(|p| p.code == "entry.moment-order" && p.path == "entries[0].moments.ended"),
        "{p:?}"
    );
}

const REMOTE_FAILED: &str = r#""levels": [ { "id": "L1", "label": { "zh": "一级" } } ],
  "kinds": [ { "id": "incident", "label": { "zh": "故障", "en": "Fault" },
  "facts": [ { "id": "remote_failed", "label": { "zh": "远程诊断未能解决", "en": "Remote diagnosis failed" }, "type": "flag" } ] } ],"#;

const ON_SITE_12H: &str = r#"{ "id": "3.2", "title": { "zh": "现场支持" }, "rule": { "kind": "sla", "applies_to": "incidents",
  "timers": [ { "id": "on-site", "label": { "zh": "12小时到场" }, "from": "reported", "to": "on_site",
    "when": { "fact": "remote_failed" }, "limits": [ { "within": { "n": 12, "unit": "hours" } } ] } ] } },
  { "id": "4.2", "title": { "zh": "到场超时" }, "rule": { "kind": "penalty", "payer": "seller",
    "trigger": { "on": "timer_breached", "timer": "3.2/on-site" },
    "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "1000" } } } }"#;

#[test]
fn an_incidents_declared_fact_is_edited_in_the_incident_editor() {
    let s = app(
        REMOTE_FAILED,
        ON_SITE_12H,
        r#", "incidents": [ { "id": "A", "level": "L1", "reported": "2025-03-03T09:00:00",
          "on_site": "2025-03-03T23:30:00" } ]"#,
    );
    // The kind `incident` has no editor of its own: its facts are the incident editor's.
    let c = s.contract().unwrap();
    assert_eq!(entry_kinds(c).count(), 0);
    let specs = fact_specs(c, &c.kinds[0], Lang::En);
    assert_eq!(
        (specs[0].label.as_str(), &specs[0].control),
        ("Remote diagnosis failed", &Control::Check)
    );
    // Remote help not stated as failed: no on-site timer, nothing owed.
    assert_eq!(report(&s).totals.seller_pays, Amount::ZERO);
    // Ticked: the 12 h run from 09:00, due 21:00, on site 23:30 — breached: ¥1,000.
    let s = edit(
        s,
        Edit::Fact(
            Subject::Incident(0),
            "remote_failed".into(),
            lvyue::ui::record_edit::flag_value(&specs[0], true),
        ),
    );
    assert_eq!(
        s.scenario().unwrap().events.incidents[0]
            .facts
            .get("remote_failed"),
        Some(&FactValue::Flag(true))
    );
    assert_eq!(clause_total(&s, "4.2"), amt("1000"));
    // Unticked: the flag's default, not stated; nothing owed again.
    let s = edit(
        s,
        Edit::Fact(
            Subject::Incident(0),
            "remote_failed".into(),
            lvyue::ui::record_edit::flag_value(&specs[0], false),
        ),
    );
    assert!(s.scenario().unwrap().events.incidents[0].facts.is_empty());
    assert_eq!(clause_total(&s, "4.2"), Amount::ZERO);
}

#[test]
fn an_election_in_the_form_changes_the_remedy() {
    // Delivery due 2024-03-01, delivered 04-10: 40 days late. Perform: 40 × 1‰ × 500,000 =
    // 20,000.00; terminate: 5% × 500,000 = 25,000.00.
    let extra = r#""events": [ { "id": "delivered", "label": { "zh": "交付" } } ],
  "deadlines": [ { "id": "delivery", "label": { "zh": "交付" }, "due": { "date": "2024-03-01" }, "done": "delivered" } ],"#;
    let clause = r#"{ "id": "4.3", "title": { "zh": "逾期交付" }, "rule": { "kind": "penalty", "payer": "seller",
  "trigger": { "on": "deadline", "deadline": "delivery" },
  "formula": { "type": "per_day", "rate": "1‰", "base": { "of": "total" } },
  "alternatives": { "choice": "late_delivery_remedy", "holder": "buyer",
    "label": { "zh": "逾期交付的救济", "en": "remedy for late delivery" },
    "options": [
      { "id": "perform", "label": { "zh": "继续履行并按日支付", "en": "perform and pay per day" } },
      { "id": "terminate", "label": { "zh": "解除合同并支付5%", "en": "terminate and pay 5%" },
        "formula": { "type": "per_occurrence", "amount": { "type": "rate", "rate": "5%", "base": { "of": "total" } } } } ] } } }"#;
    let s = app(
        extra,
        clause,
        r#", "dates": { "signing": "2024-01-02", "delivered": "2024-04-10" }"#,
    );
    assert_eq!(clause_total(&s, "4.3"), amt("20000"));
    let s = edit(
        s,
        Edit::Elect("late_delivery_remedy".into(), Some("terminate".into())),
    );
    assert_eq!(clause_total(&s, "4.3"), amt("25000"));
    // "Not elected": the first option again.
    let s = edit(s, Edit::Elect("late_delivery_remedy".into(), None));
    assert_eq!(clause_total(&s, "4.3"), amt("20000"));
    // An option the choice does not have is refused.
    let refused = s.clone().reduce(Action::Edit(Edit::Elect(
        "late_delivery_remedy".into(),
        Some("nothing".into()),
    )));
    assert!(refused.failure.is_some());
}

#[test]
fn draws_in_the_form_draw_the_balance_down() {
    let extra = r#""balances": [ { "id": "u", "label": { "zh": "人天", "en": "person-days" }, "quantity": "100",
    "unit": { "zh": "人天", "en": "person-days" }, "expires": { "date": "2025-12-31" } } ],"#;
    let s = app(extra, "", r#", "dates": { "signing": "2025-01-02" }"#);
    let balance = |s: &AppState| {
        let b = &report(s).balances[0];
        (b.used, b.left)
    };
    let dec = |s: &str| s.parse::<Decimal>().unwrap();
    assert_eq!(balance(&s), (dec("0"), dec("100")));
    // One unit on the as-of day: 100 − 1 = 99 left.
    let s = edit(s, Edit::AddDraw("u".into()));
    assert_eq!(balance(&s), (dec("1"), dec("99")));
    // 30.5 typed: 100 − 30.5 = 69.5.
    let s = edit(s, Edit::DrawQuantity(0, dec("30.5")));
    assert_eq!(balance(&s), (dec("30.5"), dec("69.5")));
    // A second draw of 45 on 06-01: 69.5 − 45 = 24.5.
    let s = edit(s, Edit::AddDraw("u".into()));
    let s = edit(s, Edit::DrawQuantity(1, dec("45")));
    let s = edit(s, Edit::DrawDate(1, "2025-06-01".parse().unwrap()));
    assert_eq!(balance(&s), (dec("75.5"), dec("24.5")));
    let s = edit(s, Edit::RemoveDraw(0));
    assert_eq!(balance(&s), (dec("45"), dec("55")));
    // A draw of 0 is refused.
    let refused = s
        .clone()
        .reduce(Action::Edit(Edit::DrawQuantity(0, Decimal::ZERO)));
    assert!(refused.failure.is_some());
}

#[test]
fn the_amount_a_recorded_base_reads_has_an_input() {
    // ¥120,000 delivered 10 days late (03-02 … 03-11) at 0.5‰ a day: 120,000 × 0.0005 × 10 =
    // 600.00; nothing while the amount is not stated.
    let extra = r#""events": [ { "id": "delivered", "label": { "zh": "交付" } } ],
  "deadlines": [ { "id": "delivery", "label": { "zh": "交付" }, "due": { "date": "2024-03-01" }, "done": "delivered" } ],"#;
    let clause = r#"{ "id": "4.2", "title": { "zh": "逾期交付" }, "rule": { "kind": "penalty", "payer": "seller",
  "trigger": { "on": "deadline", "deadline": "delivery" },
  "formula": { "type": "per_day", "rate": "0.5‰",
    "base": { "of": "recorded", "fact": "late_part", "label": { "zh": "逾期交付部分的货款", "en": "the part delivered late" } } } } }"#;
    let s = app(
        extra,
        clause,
        r#", "dates": { "signing": "2024-01-02", "delivered": "2024-03-11" }"#,
    );
    let bases = lvyue::domain::unused::recorded_bases(s.contract().unwrap());
    assert_eq!(bases.len(), 1);
    assert_eq!(bases[0].0, "late_part");
    assert_eq!(bases[0].1.en.as_deref(), Some("the part delivered late"));
    assert_eq!(clause_total(&s, "4.2"), Amount::ZERO);
    // The input's edit (`views::record::money`): the amount stated under the fact's id.
    let mut e = s.scenario().unwrap().events.clone();
    e.facts.amounts.insert("late_part".into(), amt("120000"));
    let s = s.reduce(Action::SetEvents(e));
    assert!(s.failure.is_none(), "{:?}", s.failure);
    assert_eq!(clause_total(&s, "4.2"), amt("600"));
}
