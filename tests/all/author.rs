//! Tests: the authoring view's reducer (`lvyue::ui::author::state`), its forms generated from the
//! contract's schema (`ui::author::form`) and its template library (`ui::author::templates`).
//! Every figure is computed by hand in the comment beside it.

use chrono::NaiveDate;
use lvyue::api;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::draft::draft;
use lvyue::domain::Lang;
use lvyue::ui::author::form;
use lvyue::ui::author::path::Path;
use lvyue::ui::author::state::{Action, AuthorState, Figure, Header, Review};
use lvyue::ui::author::templates;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let entry = std::fs::read_dir(dir)
        .expect("seeds")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .expect("seed");
    std::fs::read_to_string(entry.path()).expect("seed text")
}

fn blank() -> AuthorState {
    AuthorState::from_contract(Lang::Zh, None, None, day("2024-06-30"))
}

fn penalty_total(s: &AuthorState, id: &str) -> String {
    match s.figure(id) {
        Some(Figure::Penalty { total, .. }) => total.to_string().replace(',', ""),
        f => panic!("{id}: {f:?}; problems {:?}", s.problems),
    }
}

/// The blank contract loads with no error and evaluates (no penalty on an empty record).
#[test]
fn blank_contract_is_valid() {
    let s = blank();
    assert!(!s.has_errors(), "{:?}", s.problems);
    assert!(s.report.is_some(), "{:?}", s.no_figures);
    assert!(s.report.as_ref().is_some_and(|r| r.penalties.is_empty()));
}

/// Every template, added to a blank contract with a total, loads without an error and
/// evaluates on an empty record.
#[test]
fn every_template_loads_and_evaluates() {
    let all = templates::all();
    assert!(all.len() >= 12, "{} templates", all.len());
    for t in &all {
        assert!(!t.name(Lang::Zh).is_empty() && t.name(Lang::En) != t.name(Lang::Zh));
        assert!(!t.description(Lang::En).is_empty());
        let mut s = blank();
        s.apply(Action::Header(Header::Total("200000".into())));
        if t.id == "shared-cap" {
            // A shared cap covers the penalties already there.
            s.apply(Action::AddTemplate("per-day-late".into()));
            s.apply(Action::AddTemplate("percent-per-occurrence".into()));
        }
        s.apply(Action::AddTemplate(t.id.clone()));
        assert!(!s.has_errors(), "{}: {:#?}", t.id, s.problems);
        assert!(s.report.is_some(), "{}: {:?}", t.id, s.no_figures);
        // Added twice: the second copy gets the next number and still loads.
        s.apply(Action::AddTemplate(t.id.clone()));
        assert!(!s.has_errors(), "{} twice: {:#?}", t.id, s.problems);
    }
}

/// The shared cap covers the penalty clauses present when it is added.
#[test]
fn shared_cap_template_covers_the_penalties() {
    let mut s = blank();
    s.apply(Action::Header(Header::Total("200000".into())));
    s.apply(Action::AddTemplate("per-day-late".into()));
    s.apply(Action::AddTemplate("percent-per-occurrence".into()));
    s.apply(Action::AddTemplate("shared-cap".into()));
    let caps = &s.result()["shared_caps"];
    assert_eq!(caps[0]["clauses"], json!(["1", "2"]));
}

/// A record 40 days late on the deadline `1` (due 2024-03-01, done 2024-04-10).
fn forty_days_late() -> Value {
    json!({"format": "lvyue-events/2", "as_of": "2024-06-30",
        "dates": {"signing": "2024-01-02", "1-due": "2024-03-01", "1-done": "2024-04-10"}})
}

/// A blank contract of ¥200,000 and the per-day template (3‰ of the total a day, capped at 5%
/// of it), 40 days late: 200,000 × 0.003 × 40 = 24,000, capped at 5% × 200,000 = 10,000.00.
#[test]
fn blank_and_per_day_template_forty_days_late() {
    let mut s =
        AuthorState::from_contract(Lang::Zh, None, Some(forty_days_late()), day("2024-06-30"));
    s.apply(Action::Header(Header::Title("设备采购合同".into())));
    s.apply(Action::Header(Header::Buyer("某市某局".into())));
    s.apply(Action::Header(Header::Seller("某科技有限公司".into())));
    s.apply(Action::Header(Header::Total("¥200,000".into())));
    s.apply(Action::Header(Header::Signing("2024-01-02".into())));
    s.apply(Action::AddTemplate("per-day-late".into()));
    assert!(!s.has_errors(), "{:#?}", s.problems);
    assert_eq!(penalty_total(&s, "1"), "10000.00");
    assert!(matches!(
        s.figure("1"),
        Some(Figure::Penalty { capped: true, .. })
    ));
    // The same through the API on the finished text, as the page loads it.
    s.apply(Action::Done);
    let text = s.finished.clone().expect("done");
    let report = api::evaluate_texts(
        &text,
        &forty_days_late().to_string(),
        &Calendar::china(),
        None,
        &BTreeMap::new(),
    )
    .expect("evaluates");
    let line = report
        .penalties
        .iter()
        .find(|p| p.clause == "1")
        .expect("1");
    assert_eq!(line.total.to_string().replace(',', ""), "10000.00");
    // 10 days late is under the cap: 200,000 × 0.003 × 10 = 6,000.00.
    let ten = json!({"format": "lvyue-events/2", "as_of": "2024-06-30",
        "dates": {"1-due": "2024-03-01", "1-done": "2024-03-11"}});
    let r = api::evaluate_texts(
        &text,
        &ten.to_string(),
        &Calendar::china(),
        None,
        &BTreeMap::new(),
    )
    .expect("evaluates");
    assert_eq!(r.penalties[0].total.to_string().replace(',', ""), "6000.00");
}

/// Undo and redo restore whole states, and a new edit clears what could be redone.
#[test]
fn undo_and_redo() {
    let mut s = blank();
    assert!(!s.can_undo());
    s.apply(Action::Header(Header::Total("200000".into())));
    s.apply(Action::AddTemplate("per-day-late".into()));
    assert_eq!(s.clause_ids(), ["term", "1"]);
    s.apply(Action::Undo);
    assert_eq!(s.clause_ids(), ["term"]);
    assert_eq!(s.now.contract["total"], json!("200000"));
    s.apply(Action::Undo);
    assert!(s.now.contract.get("total").is_none());
    assert!(!s.can_undo());
    s.apply(Action::Redo);
    s.apply(Action::Redo);
    assert_eq!(s.clause_ids(), ["term", "1"]);
    assert!(!s.can_redo());
    s.apply(Action::Undo);
    s.apply(Action::Header(Header::Title("X".into())));
    assert!(!s.can_redo());
    assert_eq!(s.clause_ids(), ["term"]);
    // An action that changes nothing is not a step.
    s.apply(Action::Header(Header::Title("X".into())));
    s.apply(Action::Undo);
    assert_eq!(s.now.contract["title"], json!("新合同"));
}

/// An edit at a path that the loader refuses gives its problem at that path; undoing it
/// clears the problem; Done is refused while it is there.
#[test]
fn an_edit_at_a_path_gives_a_located_error() {
    let mut s = blank();
    s.apply(Action::Header(Header::Total("200000".into())));
    s.apply(Action::AddTemplate("per-day-late".into()));
    let rate = Path::clause(1).key("rule").key("formula").key("rate");
    assert_eq!(rate.text(), "clauses[1].rule.formula.rate");
    s.apply(Action::Set(rate.clone(), json!("三成多")));
    let at: Vec<_> = s.problems_exactly("clauses[1].rule.formula.rate").collect();
    assert!(!at.is_empty(), "{:#?}", s.problems);
    assert!(s.has_errors());
    assert!(s.report.is_none());
    s.apply(Action::Done);
    assert!(s.refused && s.finished.is_none());
    s.apply(Action::Set(rate, json!("0.5‰")));
    assert!(!s.has_errors(), "{:#?}", s.problems);
    // A deadline that is not declared: the loader names the trigger's path.
    let deadline = Path::clause(1).key("rule").key("trigger").key("deadline");
    s.apply(Action::Set(deadline, json!("nowhere")));
    assert!(
        s.problems_at("clauses[1].rule.trigger")
            .any(|p| p.is_error()),
        "{:#?}",
        s.problems
    );
    s.apply(Action::Undo);
    assert!(!s.has_errors());
}

/// Rejected clauses are not in the result, and their paths still point at the full contract;
/// accept all accepts what is pending only.
#[test]
fn accept_and_reject() {
    let d = draft(&seed("004"));
    let n = d.contract.clauses.len();
    assert!(n >= 2, "{n} clauses");
    let mut s = AuthorState::from_draft(Lang::Zh, d, None, day("2022-09-01"));
    let ids = s.clause_ids();
    assert!(ids.iter().all(|id| s.review(id) == Review::Pending));
    let first = ids[0].clone();
    s.apply(Action::Reject(first.clone()));
    assert_eq!(s.review(&first), Review::Rejected);
    let result = s.result();
    let kept: Vec<&str> = result["clauses"]
        .as_array()
        .expect("clauses")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(kept.len(), n - 1);
    assert!(!kept.contains(&first.as_str()));
    s.apply(Action::AcceptAll);
    assert_eq!(s.review(&first), Review::Rejected);
    assert!(ids[1..].iter().all(|id| s.review(id) == Review::Accepted));
    s.apply(Action::Accept(first.clone()));
    assert_eq!(s.review(&first), Review::Accepted);
    s.apply(Action::Undo);
    assert_eq!(s.review(&first), Review::Rejected);
}

/// 004 drafted from its text, every clause accepted, on a record where the service came 3 days
/// late: 7.2 is 1% × 980,000 × 3 = 29,400.00 (under the cap of 5% × 980,000 = 49,000).
#[test]
fn drafted_004_accepted_evaluates() {
    let events = json!({"format": "lvyue-events/2", "as_of": "2022-09-01",
      "dates": {"signing": "2022-07-20", "7.2-due": "2022-08-01", "7.2-done": "2022-08-04"}});
    let mut s = AuthorState::from_draft(
        Lang::Zh,
        draft(&seed("004")),
        Some(events.clone()),
        day("2022-09-01"),
    );
    s.apply(Action::AcceptAll);
    assert!(!s.has_errors(), "{:#?}", s.problems);
    assert_eq!(penalty_total(&s, "7.2"), "29400.00");
    assert!(s.found("7.2").is_some_and(|f| f.span.end > f.span.start));
    s.apply(Action::Done);
    let text = s.finished.expect("done");
    let r = api::evaluate_texts(
        &text,
        &events.to_string(),
        &Calendar::china(),
        None,
        &BTreeMap::new(),
    )
    .expect("evaluates");
    let line = r.penalties.iter().find(|p| p.clause == "7.2").expect("7.2");
    assert_eq!(line.total.to_string().replace(',', ""), "29400.00");
}

/// Deleting a clause takes it out of the contract and out of a shared cap that named it.
#[test]
fn delete_clause() {
    let mut s = blank();
    s.apply(Action::Header(Header::Total("200000".into())));
    s.apply(Action::AddTemplate("per-day-late".into()));
    s.apply(Action::AddTemplate("percent-per-occurrence".into()));
    s.apply(Action::AddTemplate("shared-cap".into()));
    s.apply(Action::DeleteClause("1".into()));
    assert_eq!(s.clause_ids(), ["term", "2"]);
    assert_eq!(s.result()["shared_caps"][0]["clauses"], json!(["2"]));
    assert!(!s.has_errors(), "{:#?}", s.problems);
}

fn find<'a>(f: &'a form::Field, key: &str) -> Option<&'a form::Field> {
    if f.key == key {
        return Some(f);
    }
    let inner: Vec<&form::Field> = match &f.control {
        form::Control::Group { fields, .. } => fields.iter().collect(),
        form::Control::Variant { body, .. } => match body.as_ref() {
            form::Control::Group { fields, .. } => fields.iter().collect(),
            _ => Vec::new(),
        },
        form::Control::List { rows, .. } => rows.iter().collect(),
        _ => Vec::new(),
    };
    inner.into_iter().find_map(|x| find(x, key))
}

fn per_day_contract() -> AuthorState {
    let mut s = blank();
    s.apply(Action::Header(Header::Total("200000".into())));
    s.apply(Action::AddTemplate("per-day-late".into()));
    s
}

/// The clause form is generated from the schema: the rule is a kind picker on "penalty", the
/// trigger a picker on "deadline" whose deadline is a select of the declared deadlines by their
/// labels, the rate an input at its loader path, the optional members "add" buttons.
#[test]
fn clause_form_from_the_schema() {
    let s = per_day_contract();
    let schema = form::Schema::contract();
    let f = form::clause_form(&schema, &s.now.contract, 1, Lang::Zh).expect("form");
    if std::env::var("LVYUE_FORM").is_ok() {
        println!("{f:#?}");
    }
    let rule = find(&f, "rule").expect("rule");
    let form::Control::Variant {
        choices, chosen, ..
    } = &rule.control
    else {
        panic!("rule: {:?}", rule.control)
    };
    let kinds: Vec<_> = choices.iter().map(|c| c.value["kind"].clone()).collect();
    assert_eq!(
        kinds,
        [
            json!("penalty"),
            json!("payment"),
            json!("sla"),
            json!("obligation"),
            json!("term"),
            json!("right")
        ]
    );
    assert_eq!(choices[chosen.expect("chosen")].label, "违约金条款");
    let deadline = find(&f, "deadline").expect("deadline");
    let form::Control::Select { choices, chosen } = &deadline.control else {
        panic!("deadline: {:?}", deadline.control)
    };
    assert_eq!(choices[chosen.expect("chosen")].label, "第1条履约期限");
    let rate = find(&f, "formula")
        .and_then(|x| find(x, "rate"))
        .expect("rate");
    assert_eq!(rate.path.text(), "clauses[1].rule.formula.rate");
    assert_eq!(
        rate.control,
        form::Control::Input {
            kind: form::InputKind::Rate,
            text: "3‰".into()
        }
    );
    // Optional members of the penalty (interest, excuses…) may be added.
    let form::Control::Variant { body, .. } = &rule.control else {
        unreachable!()
    };
    let form::Control::Group { addable, .. } = body.as_ref() else {
        panic!("{body:?}")
    };
    assert!(addable.iter().any(|a| a.key == "interest"), "{addable:?}");
    // The English form has English labels.
    let en = form::clause_form(&schema, &s.now.contract, 1, Lang::En).expect("form");
    assert_eq!(find(&en, "payer").expect("payer").label, "Payer");
    // Its choices in English words, not the Chinese terms the descriptions give.
    let payer = find(&en, "payer").expect("payer");
    let form::Control::Variant {
        choices, chosen, ..
    } = &payer.control
    else {
        panic!("payer: {:?}", payer.control)
    };
    assert_eq!(choices[chosen.expect("chosen")].label, "Seller");
    let han = |l: &str| l.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    assert!(choices.iter().all(|c| !han(&c.label)), "{choices:?}");
}

/// Every variant's default shape, swapped in by the kind picker, is a shape the loader reads
/// (the formula of the per-day clause replaced by each formula kind in turn), and every addable
/// member of the penalty added on its own keeps the contract loadable or gives a located error.
#[test]
fn variant_defaults_load() {
    let s0 = per_day_contract();
    let schema = form::Schema::contract();
    let f = form::clause_form(&schema, &s0.now.contract, 1, Lang::Zh).expect("form");
    let formula = find(&f, "formula").expect("formula");
    let form::Control::Variant { choices, .. } = &formula.control else {
        panic!()
    };
    assert_eq!(choices.len(), 3);
    for c in choices {
        let mut s = per_day_contract();
        s.apply(Action::Set(formula.path.clone(), c.value.clone()));
        assert!(!s.has_errors(), "{}: {:#?}", c.label, s.problems);
    }
    // A trigger kind swapped in: a late payment needs nothing declared.
    let trigger = find(&f, "trigger").expect("trigger");
    let form::Control::Variant { choices, .. } = &trigger.control else {
        panic!()
    };
    let late = choices
        .iter()
        .find(|c| c.value["on"] == "late_payment")
        .expect("late payment");
    let mut s = per_day_contract();
    s.apply(Action::Set(trigger.path.clone(), late.value.clone()));
    assert!(!s.has_errors(), "{:#?}", s.problems);
}

/// Typed input: whole numbers are numbers, a word is refused before it reaches the contract.
#[test]
fn typed_values() {
    assert_eq!(form::typed(form::InputKind::Integer, "40"), Ok(json!(40)));
    assert!(form::typed(form::InputKind::Integer, "四十").is_err());
    assert_eq!(form::typed(form::InputKind::Rate, "3‰"), Ok(json!("3‰")));
    assert!(form::typed(form::InputKind::Decimal, "x").is_err());
}

/// A rate in every form contracts write it is taken as typed, and gives the same figure: the
/// per-day clause 40 days late at 万分之五 of ¥200,000 is 200,000 × 0.0005 × 40 = 4,000.00 (under
/// the 10,000 cap), whether the rate is typed `万分之五`, `0.05%`, `0.5‰` or `0.0005`.
#[test]
fn rates_typed_in_every_written_form() {
    use form::InputKind::Rate;
    for (t, figure) in [
        ("1%", "10000.00"),      // 200,000 × 0.01 × 40 = 80,000 → capped at 10,000.00
        ("3‰", "10000.00"),      // 24,000 → capped
        ("千分之一", "8000.00"), // 200,000 × 0.001 × 40
        ("万分之五", "4000.00"),
        ("0.05%", "4000.00"),
        ("0.5‰", "4000.00"),
        ("0.0005", "4000.00"),
        ("百分之零点一", "8000.00"), // 0.1% = 0.001
    ] {
        assert_eq!(form::typed(Rate, t), Ok(json!(t)), "{t}");
        let mut s =
            AuthorState::from_contract(Lang::Zh, None, Some(forty_days_late()), day("2024-06-30"));
        s.apply(Action::Header(Header::Total("200000".into())));
        s.apply(Action::AddTemplate("per-day-late".into()));
        let rate = Path::clause(1).key("rule").key("formula").key("rate");
        s.apply(Action::Set(rate, form::typed(Rate, t).expect("rate")));
        assert_eq!(penalty_total(&s, "1"), figure, "{t}");
    }
    // No rate: refused as typed, with the loader's own message at that path (both languages).
    let (zh, en) = form::typed(Rate, "三成多").expect_err("not a rate");
    let mut s = per_day_contract();
    s.apply(Action::Set(
        Path::clause(1).key("rule").key("formula").key("rate"),
        json!("三成多"),
    ));
    let at: Vec<_> = s
        .problems_exactly("clauses[1].rule.formula.rate")
        .filter(|p| p.is_error())
        .collect();
    assert!(
        at.iter().any(|p| p.zh.contains(&zh) && p.en.contains(&en)),
        "typed: {zh} / {en}; loader: {at:#?}"
    );
    assert!(
        zh.contains("三成多") && en.contains("三成多"),
        "{zh} / {en}"
    );
    assert!(form::typed(Rate, "").is_err());
}

/// A rate is shown the way people write it: the written form the contract stores as it is, a
/// bare fraction as a percentage, or per mille when that is a whole number of ‰ below 1%.
#[test]
fn rates_shown_as_written() {
    use form::InputKind::Rate;
    for (stored, shown) in [
        ("0.01", "1%"),
        ("0.003", "3‰"),
        ("0.001", "1‰"),
        ("0.0005", "0.05%"),
        ("0.0003", "0.03%"),
        ("0.05", "5%"),
        ("0.15", "15%"),
        ("0.0015", "0.15%"),
        ("0", "0%"),
        ("万分之三", "万分之三"),
        ("0.1%", "0.1%"),
        ("3‰", "3‰"),
        ("三成多", "三成多"),
    ] {
        assert_eq!(form::shown(Rate, stored), shown, "{stored}");
    }
    // In the form: a drafted fraction is shown as 3‰ at the rate's field; a typed 万分之三 as typed.
    let mut s = per_day_contract();
    let rate = Path::clause(1).key("rule").key("formula").key("rate");
    let schema = form::Schema::contract();
    for (stored, text) in [("0.003", "3‰"), ("万分之三", "万分之三"), ("0.01", "1%")] {
        s.apply(Action::Set(rate.clone(), json!(stored)));
        let f = form::clause_form(&schema, &s.now.contract, 1, Lang::Zh).expect("form");
        let field = find(&f, "formula")
            .and_then(|x| find(x, "rate"))
            .expect("rate");
        assert_eq!(
            field.control,
            form::Control::Input {
                kind: Rate,
                text: text.into()
            }
        );
    }
}

/// Amounts: `¥200,000`, `200000`, `20万` taken as typed; a plain number shown with thousands
/// separators, a written form as written; no amount refused with the loader's message.
#[test]
fn amounts_typed_and_shown() {
    use form::InputKind::Amount;
    for t in ["¥200,000", "200000", "20万", "200,000.00", "人民币200000元"] {
        assert_eq!(form::typed(Amount, t), Ok(json!(t)), "{t}");
        // Each is 200,000 as the header's total: 5% of it caps the per-day clause, 10,000.00.
        let mut s =
            AuthorState::from_contract(Lang::Zh, None, Some(forty_days_late()), day("2024-06-30"));
        s.apply(Action::Header(Header::Total(t.into())));
        s.apply(Action::AddTemplate("per-day-late".into()));
        assert_eq!(penalty_total(&s, "1"), "10000.00", "{t}");
    }
    assert!(form::typed(Amount, "20x").is_err());
    assert_eq!(form::typed(Amount, ""), Ok(json!("")));
    for (stored, shown) in [
        ("200000", "200,000.00"),
        ("980000.00", "980,000.00"),
        ("1234.5", "1,234.50"),
        ("20万", "20万"),
        ("¥200,000", "¥200,000"),
    ] {
        assert_eq!(form::shown(Amount, stored), shown, "{stored}");
    }
}

/// Typing in one field is one step of the history: undo goes back to before the typing.
#[test]
fn typing_in_one_field_is_one_step() {
    let mut s = per_day_contract();
    let rate = Path::clause(1).key("rule").key("formula").key("rate");
    for t in ["5", "5‰"] {
        s.apply(Action::Set(rate.clone(), json!(t)));
    }
    assert_eq!(rate.get(&s.now.contract), Some(&json!("5‰")));
    // 200,000 × 0.005 × 0 days = 0 on the empty record; the rate is read.
    assert!(!s.has_errors(), "{:#?}", s.problems);
    s.apply(Action::Undo);
    assert_eq!(rate.get(&s.now.contract), Some(&json!("3‰")));
}

/// Every label of a generated form: field and group titles, add buttons, select options.
fn labels(f: &form::Field, out: &mut Vec<(String, String)>) {
    let at = f.path.text();
    out.push((at.clone(), f.label.clone()));
    control_labels(&f.control, &at, out);
}

fn control_labels(c: &form::Control, at: &str, out: &mut Vec<(String, String)>) {
    match c {
        form::Control::Group { fields, addable } => {
            for x in fields {
                labels(x, out);
            }
            for a in addable {
                out.push((format!("{at} (+{})", a.key), a.label.clone()));
            }
        }
        form::Control::Variant { choices, body, .. } => {
            for ch in choices {
                out.push((format!("{at} (choice)"), ch.label.clone()));
            }
            control_labels(body, at, out);
        }
        form::Control::Select { choices, .. } | form::Control::Multi { choices, .. } => {
            for ch in choices {
                out.push((format!("{at} (option)"), ch.label.clone()));
            }
        }
        form::Control::List { rows, .. } => {
            for r in rows {
                labels(r, out);
            }
        }
        _ => {}
    }
}

/// Whether a label is an internal id: an ASCII snake_case or kebab-case token anywhere in it
/// (`per_day`, `7.2-deadline`, `1-due`), or, in Chinese, a label of ASCII lower-case letters
/// and digits alone (`buyer`, `m1`, `acceptance`).
fn id_like(label: &str, lang: Lang) -> bool {
    let token = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let ascii = !w.is_empty()
            && w.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.')
            });
        ascii && w.chars().any(|c| c.is_ascii_lowercase()) && (w.contains('_') || w.contains('-'))
    };
    // English compounds of the schema's descriptions, not ids.
    let words = ["one-off", "count-th"];
    let token = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        !words.contains(&w) && token(w)
    };
    // One lower-case token alone (`m1`, `acceptance`): an id, in either language.
    let lone = !label.contains(char::is_whitespace)
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c))
        && label.chars().any(|c| c.is_ascii_lowercase());
    let zh_ascii = lang == Lang::Zh
        && !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-. ".contains(c))
        && label.chars().any(|c| c.is_ascii_lowercase());
    // In Chinese, an English word of two letters or more inside the label (逾期超过 days 日).
    let zh_word = lang == Lang::Zh
        && label
            .split(|c: char| !c.is_ascii_alphabetic())
            .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_lowercase()));
    lone || zh_ascii || zh_word || label.split_whitespace().any(token)
}

#[test]
fn id_like_labels_are_told() {
    for (l, lang, yes) in [
        ("per_day", Lang::En, true),
        ("7.2-deadline", Lang::En, true),
        ("§1 deadline", Lang::En, false),
        ("buyer", Lang::Zh, true),
        ("m1", Lang::Zh, true),
        ("第1条履约期限", Lang::Zh, false),
        ("Per day", Lang::En, false),
        ("Days late over", Lang::En, false),
        ("按日计算", Lang::Zh, false),
        ("especially_major", Lang::Zh, true),
        ("逾期超过 days 日", Lang::Zh, true),
        ("SLA 时限", Lang::Zh, false),
        ("acceptance", Lang::En, true),
        ("m1", Lang::En, true),
        ("A recurring or one-off duty", Lang::En, false),
    ] {
        assert_eq!(id_like(l, lang), yes, "{l}");
    }
}

/// A declared name without a label gets one from its clause number and the vocabulary's words.
#[test]
fn labels_of_unlabelled_ids() {
    for (id, zh, en) in [
        ("7.2-due", "第7.2条约定日", "§7.2 due date"),
        ("7.2-deadline", "第7.2条履约期限", "§7.2 deadline"),
        ("1-done", "第1条完成日", "§1 date done"),
        ("m1", "第1期", "Milestone 1"),
        ("acceptance", "验收", "Acceptance"),
        ("final_acceptance", "最终验收", "Final acceptance"),
        ("go_live", "上线", "Go live"),
        ("especially-major", "特别重大", "Especially major"),
        ("7.2", "第7.2条", "§7.2"),
    ] {
        assert_eq!(form::section("3.5#2"), "3.5");
        assert_eq!(form::id_label(id, Lang::Zh), zh, "{id}");
        assert_eq!(form::id_label(id, Lang::En), en, "{id}");
        assert!(!id_like(zh, Lang::Zh) && !id_like(en, Lang::En), "{id}");
    }
    // In a form: a deadline and events declared without labels are offered by those labels.
    let mut s = per_day_contract();
    for m in ["deadlines", "events"] {
        for e in s.now.contract[m].as_array_mut().into_iter().flatten() {
            if let Value::Object(o) = e {
                o.remove("label");
            }
        }
    }
    let schema = form::Schema::contract();
    let f = form::clause_form(&schema, &s.now.contract, 1, Lang::Zh).expect("form");
    let deadline = find(&f, "deadline").expect("deadline");
    let form::Control::Select { choices, chosen } = &deadline.control else {
        panic!("deadline: {:?}", deadline.control)
    };
    assert_eq!(choices[chosen.expect("chosen")].label, "第1条");
    let mut out = Vec::new();
    for m in ["deadlines", "events"] {
        labels(
            &form::member_form(&schema, &s.now.contract, m, Lang::En).expect("form"),
            &mut out,
        );
    }
    let bad: Vec<_> = out.iter().filter(|(_, l)| id_like(l, Lang::En)).collect();
    assert!(bad.is_empty(), "{bad:?}");
    assert!(out.iter().any(|(_, l)| l == "§1 due date"), "{out:?}");
}

/// Every template's clause form, the declarations' forms and a drafted contract's forms show
/// labels, never ids: every group title, field label, add button and select option, in both
/// languages.
#[test]
fn no_internal_ids_in_the_forms() {
    let schema = form::Schema::contract();
    let mut contracts: Vec<(String, Value)> = Vec::new();
    for t in templates::all() {
        let mut s = blank();
        s.apply(Action::Header(Header::Total("200000".into())));
        if t.id == "shared-cap" {
            s.apply(Action::AddTemplate("per-day-late".into()));
        }
        s.apply(Action::AddTemplate(t.id.clone()));
        contracts.push((t.id.clone(), s.now.contract.clone()));
    }
    let d = draft(&seed("004"));
    let s = AuthorState::from_draft(Lang::Zh, d, None, day("2024-06-30"));
    contracts.push(("draft 004".into(), s.now.contract.clone()));
    let mut bad = Vec::new();
    let mut n = 0;
    for (name, c) in &contracts {
        for lang in [Lang::Zh, Lang::En] {
            let mut out = Vec::new();
            let clauses = c["clauses"].as_array().map_or(0, Vec::len);
            for i in 0..clauses {
                if let Some(f) = form::clause_form(&schema, c, i, lang) {
                    control_labels(&f.control, &f.path.text(), &mut out);
                }
            }
            for m in ["deadlines", "events", "levels", "items", "shared_caps"] {
                if let Some(f) = form::member_form(&schema, c, m, lang) {
                    labels(&f, &mut out);
                }
            }
            n += out.len();
            for (at, l) in out {
                if id_like(&l, lang) {
                    bad.push(format!("{name} {lang:?} {at}: {l}"));
                }
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(n > 500, "{n} labels");
    assert!(
        bad.is_empty(),
        "{} id-like labels:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
