//! Tests: where the contract stands (`domain::outlook`) — the room left under each cap and the
//! day it will be reached, each side's worst case under its own and shared caps, the net
//! position — and the statement both parties sign (`domain::statement`): quoted clause wording,
//! names instead of ids, no English in the Chinese one and no Chinese title in the English one,
//! the document checks only on request, missed duties once; and the exports people sum: CSV in
//! zh with zh section names, the workbook's date cells, autofilters, cap columns and no subtotal
//! rows among the penalty lines.
//!
//! The expected figures are worked out here from the contract's own clauses (rates × the
//! contract total), not read from the engine.

use chrono::NaiveDate;
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::{Contract, Rule, Side};
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::labels::Labels;
use lvyue::domain::money::{Amount, Rate};
use lvyue::domain::outlook::{self, CapKind};
use lvyue::domain::report::Report;
use lvyue::domain::statement::{self, statement_markdown};
use lvyue::domain::Lang;
use lvyue::export::{self, workbook};
use rust_decimal::Decimal;

fn read(stem: &str, kind: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{stem}.{kind}.json"));
    std::fs::read_to_string(p).expect("example")
}

fn load004() -> (Contract, Events, Report) {
    let c: Contract = serde_json::from_str(&read("004-liyang-operations", "contract")).unwrap();
    let e: Events = serde_json::from_str(&read("004-liyang-operations", "events")).unwrap();
    let r = engine::evaluate(&c, &e, &Calendar::china(), &Options::default()).expect("evaluates");
    (c, e, r)
}

fn yuan(s: &str) -> Amount {
    Amount::parse(s).expect("an amount")
}

fn d(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

/// A clause's own cap as the contract writes it: its rate × the contract total.
fn cap_of(c: &Contract, clause: &str) -> Amount {
    let cl = c.clauses.iter().find(|x| x.id == clause).expect("clause");
    let Rule::Penalty(p) = &cl.rule else {
        panic!("{clause} is not a penalty")
    };
    let cap = p.cap.as_ref().expect("a cap");
    let rate: Rate = cap.rate.expect("a rate");
    c.total.unwrap().checked_mul_rate(rate).unwrap().round_fen()
}

#[test]
fn room_left_under_7_3_and_the_day_it_is_reached() {
    let (c, _, r) = load004();
    // 7.3: 0.1% a day plus 0.05% interest of the overdue 490,000 = 735 a day; m1 paid 40 days
    // late: 29,400; the cap 5% × 980,000 = 49,000 leaves 19,600; 19,600 / 735 = 26.7 → 27 days.
    let cap = cap_of(&c, "7.3");
    assert_eq!(cap, yuan("49000"));
    let per_day = yuan("490000")
        .checked_mul_rate(Rate::parse("0.15%").unwrap())
        .unwrap();
    assert_eq!(per_day, yuan("735"));
    let so_far = yuan("29400");
    let left = cap.checked_sub(so_far).unwrap();
    let days = (left.yuan() / per_day.yuan()).ceil();
    assert_eq!(days, Decimal::from(27));

    let rooms = outlook::rooms(&r, Some(&c));
    let room = rooms
        .iter()
        .find(|x| x.kind == CapKind::Own && x.clause == "7.3")
        .expect("7.3's room");
    assert_eq!(room.payer, Side::Buyer);
    assert_eq!(room.limit, cap);
    assert_eq!(room.used, so_far);
    assert_eq!(room.left, yuan("19600"));
    assert_eq!(room.reached_on, None);
    let pace = room.pace.as_ref().expect("a pace");
    assert_eq!(pace.per_day, per_day);
    assert_eq!(u64::from(pace.days), 27);
    // Nothing accrues on 2023-07-15 (m1 is paid): a what-if on the next payment, m2, due
    // 2023-08-21; 27 days late is 2023-09-17.
    assert!(!pace.accruing);
    let (m, due) = pace.assumes.as_ref().expect("the payment it assumes late");
    assert_eq!(m.zh, "第二期（50%）");
    assert_eq!(*due, d("2023-08-21"));
    assert_eq!(pace.on, Some(d("2023-09-17")));
    let zh = outlook::room_line(room, Lang::Zh);
    for needle in ["尚余 ¥19,600.00", "假设", "逾期 27 日", "2023-09-17"] {
        assert!(zh.contains(needle), "{zh}");
    }
    let en = outlook::room_line(room, Lang::En);
    assert!(
        en.contains("¥19,600.00 left") && en.contains("What-if") && en.contains("27 days"),
        "{en}"
    );

    // 7.2: 1% × 980,000 = 9,800 a day, 3 days late = 29,400; 19,600 left = 2 more days.
    let r72 = rooms.iter().find(|x| x.clause == "7.2").unwrap();
    assert_eq!(r72.left, yuan("19600"));
    let p72 = r72.pace.as_ref().unwrap();
    assert_eq!((p72.days, p72.per_day), (2, yuan("9800")));
    // The shared cap 附件2-5.6: 10% × 980,000 = 98,000, used up on 2022-10-10.
    let shared = rooms.iter().find(|x| x.kind == CapKind::Shared).unwrap();
    assert_eq!(shared.clause, "附件2-5.6");
    assert_eq!(shared.limit, yuan("98000"));
    assert_eq!(shared.left, Amount::ZERO);
    assert_eq!(shared.reached_on, Some(d("2022-10-10")));
    assert!(shared.per_period);
}

#[test]
fn a_payment_still_late_gives_the_day_the_cap_is_reached() {
    // m1 unpaid on 2022-09-10: due 2022-08-19, 22 days late → 22 × 735 = 16,170; the cap on
    // day ⌈49,000 / 735⌉ = 67, 45 more days: 2022-10-25.
    let (c, mut e, _) = load004();
    e.payments.clear();
    e.as_of = d("2022-09-10");
    let r = engine::evaluate(&c, &e, &Calendar::china(), &Options::default()).expect("evaluates");
    let c73 = r.penalties.iter().find(|x| x.clause == "7.3").unwrap();
    assert_eq!(c73.total, yuan("16170"));
    let room = outlook::rooms(&r, Some(&c))
        .into_iter()
        .find(|x| x.clause == "7.3")
        .unwrap();
    assert_eq!(room.left, yuan("32830"));
    let pace = room.pace.expect("a pace");
    assert!(pace.accruing);
    assert_eq!(pace.days, 45);
    assert_eq!(pace.on, Some(d("2022-10-25")));
    assert_eq!(pace.assumes, None);
    let zh = outlook::room_line(
        &outlook::rooms(&r, Some(&c))
            .into_iter()
            .find(|x| x.clause == "7.3")
            .unwrap(),
        Lang::Zh,
    );
    assert!(
        zh.contains("正在按每日约 ¥735.00 累计") && zh.contains("2022-10-25"),
        "{zh}"
    );
    assert!(!zh.contains("假设"), "{zh}");
}

#[test]
fn worst_case_per_side_and_net_position() {
    let (c, _, r) = load004();
    // The seller: 7.2's own cap (5% of the total) + the shared cap 附件2-5.6 over every 附件2
    // clause (10% of the total); the buyer: 7.3's own cap.
    let total = c.total.unwrap();
    let shared = total
        .checked_mul_rate(c.shared_caps[0].cap.rate.unwrap())
        .unwrap();
    let seller = cap_of(&c, "7.2").checked_add(shared).unwrap();
    assert_eq!(seller, yuan("147000"));
    let buyer = cap_of(&c, "7.3");
    let o = outlook::outlook(&r, Some(&c));
    let [w0, w1] = &o.worst;
    let (w0, w1) = (w0.as_ref().unwrap(), w1.as_ref().unwrap());
    assert_eq!(w0.side, Side::Seller);
    assert_eq!(w0.bound(), Some(seller));
    assert!(w0.uncapped.is_empty());
    assert_eq!(w1.bound(), Some(buyer));
    // Net: the seller's 7.2 29,400 + 附件2 98,000 (the shared cap) + nothing else = 127,400
    // against the buyer's 29,400: the seller pays 98,000 net.
    let seller_pays = yuan("29400").checked_add(yuan("98000")).unwrap();
    assert_eq!(r.totals.seller_pays, seller_pays);
    assert_eq!(o.net.payer, Some(Side::Seller));
    assert_eq!(o.net.amount, yuan("98000"));
    let zh = outlook::net_line(&o.net, Lang::Zh);
    assert!(zh.contains("乙方净付甲方 ¥98,000.00"), "{zh}");
    let w = outlook::worst_or_error(&o.worst[0], Lang::Zh);
    assert!(w.contains("¥147,000.00") && w.contains("附件2-5.6"), "{w}");

    // An uncapped clause leaves the side without a bound.
    let mut r2 = r.clone();
    r2.penalties
        .iter_mut()
        .find(|x| x.clause == "7.3")
        .unwrap()
        .cap = None;
    let w = outlook::worst(&r2, Side::Buyer).unwrap();
    assert_eq!(w.bound(), None);
    assert_eq!(w.uncapped, ["7.3"]);
    // Caps whose bounds add up past what is exact to the fen: an error naming the cap being
    // added, never a saturated bound.
    let mut r3 = r.clone();
    for x in r3.penalties.iter_mut().filter(|x| x.payer == Side::Seller) {
        if let Some(cap) = &mut x.cap {
            cap.limit = Amount::MAX_FEN;
        }
    }
    for s in &mut r3.shared_caps {
        s.limit = Amount::MAX_FEN;
    }
    let e = outlook::worst(&r3, Side::Seller).expect_err("the bounds overflow");
    assert_eq!(e.figure, lvyue::domain::engine::Figure::Cap);
    assert!(["7.2", "附件2-5.6"].contains(&e.clause.as_str()), "{e:?}");
    let line = outlook::worst_or_error(&Err(e), Lang::Zh);
    assert!(line.contains("超出可精确到分计算的范围"), "{line}");
}

#[test]
fn the_ledger_names_the_shared_cap_and_the_timer() {
    let (_, _, r) = load004();
    let c = r
        .penalties
        .iter()
        .find(|x| x.clause == "附件2-5.3")
        .unwrap();
    let l = c.lines.iter().find(|l| l.subject == "SEC-2022-02").unwrap();
    let cut = outlook::shared_cut_line(&r, l, Lang::Zh).expect("cut by the shared cap");
    assert!(
        cut.contains("附件2-5.6") && cut.contains("¥49,200.00 → ¥18,836.00"),
        "{cut}"
    );
    let timers = outlook::line_timers(&r, l);
    assert_eq!(timers.len(), 1);
    assert_eq!(
        outlook::timer_outcome(timers[0], Lang::En),
        "Handled: 2 hours against 3 hours (met)"
    );
    assert_eq!(
        outlook::timer_outcome(timers[0], Lang::Zh),
        "完成处置：用时 2 小时，时限 3 小时（达标）"
    );
    let first = c.lines.iter().find(|l| l.subject == "SEC-2022-01").unwrap();
    assert_eq!(outlook::shared_cut(&r, first), None);
}

/// Latin words of `text` that are not in the input files (record numbers, names the contract
/// itself writes in Latin letters).
fn foreign_words(text: &str, data: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|ch: char| !ch.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2)
        .filter(|w| !data.contains(*w))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

fn ids(text: &str) -> Vec<String> {
    text.split(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '@'))
        .filter(|w| {
            (w.contains('_') && w.chars().any(|c| c.is_ascii_lowercase())) || w.contains('@')
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_statement_quotes_clauses_and_shows_no_ids_nor_the_other_language() {
    let (c, _, r) = load004();
    let st = statement::statement(&c, &r, Lang::Zh);
    let md = statement_markdown(&st);
    // Clause wording beside the figures.
    let row = st
        .sections
        .iter()
        .find(|s| s.id == "penalties")
        .unwrap()
        .rows
        .iter()
        .find(|x| x.clause == "7.3")
        .unwrap();
    assert!(row
        .quote
        .as_deref()
        .unwrap()
        .starts_with("除乙方原因或不可抗力影响"));
    assert!(md.contains("条款原文：“除乙方原因或不可抗力影响"));
    // The position: worst cases and net, with their figures.
    let total = |k: &str| {
        st.totals
            .iter()
            .find(|t| t.key == k)
            .and_then(|t| t.figure.as_ref())
            .map(|f| f.amount)
    };
    assert_eq!(total("worst_seller"), Some(yuan("147000")));
    assert_eq!(total("worst_buyer"), Some(yuan("49000")));
    assert_eq!(total("net"), Some(yuan("98000")));
    assert!(md.contains("相抵后乙方净付甲方：¥98,000.00"));
    assert!(md.contains("尚余 ¥19,600.00"));
    // No source file as the number, no contract id, no obligation-instance or reading ids.
    assert!(!md.contains("seeds/"), "the source file is shown");
    assert!(!md.contains("004-liyang-operations"));
    assert!(!st
        .identity
        .iter()
        .any(|f| f.key == "source" || f.key == "id"));
    assert!(ids(&md).is_empty(), "ids: {:?}", ids(&md));
    assert!(!md.contains("plus-1-point") && !md.contains("city_government"));
    // No English words of the tool's own in the Chinese statement.
    let data = read("004-liyang-operations", "contract") + &read("004-liyang-operations", "events");
    let zh_data: String = data.clone();
    assert_eq!(foreign_words(&md, &zh_data), Vec::<String>::new());
    // Missed duties once, in a table: 附件2-1.2-5 with its seven missed months in one row (the
    // duty runs from the service start, 2022-08-01: July is not missed).
    let duty = st
        .duties
        .iter()
        .find(|x| x.clause == "附件2-1.2-5")
        .unwrap();
    assert_eq!(duty.missed.len(), 7);
    assert_eq!(duty.late, [d("2022-09-30")]);
    assert_eq!(
        st.duties
            .iter()
            .filter(|x| x.clause == "附件2-1.2-5")
            .count(),
        1
    );
    assert!(!st.sections.iter().any(|s| s.id == "obligations"));
    // The document checks only on request.
    assert!(!st.sections.iter().any(|s| s.id == "findings"));
    let with = statement::statement_with(&c, &r, Lang::Zh, statement::Options { checks: true });
    assert!(with.sections.iter().any(|s| s.id == "findings"));

    // English: the English title, the parties as Buyer / Seller, no Chinese of the tool's own in
    // the labels and headings.
    let en = statement::statement(&c, &r, Lang::En);
    assert_eq!(
        en.title,
        "Smart-healthcare operations and maintenance contract (county-level city, 2022)"
    );
    let cjk = |s: &str| s.chars().any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch));
    assert!(!cjk(&en.heading) && !cjk(&en.title));
    assert!(en.identity.iter().all(|f| !cjk(&f.label)));
    assert!(en.totals.iter().all(|t| !cjk(&t.label)));
    assert!(en.signatures.iter().all(|s| !cjk(&s.party)));
    assert!(ids(&statement_markdown(&en)).is_empty());
}

#[test]
fn a_contract_number_is_shown_as_the_contract_number() {
    let (mut c, _, r) = load004();
    c.number = Some("LY-2022-018".into());
    let st = statement::statement(&c, &r, Lang::Zh);
    let f = st.identity.iter().find(|f| f.key == "number").unwrap();
    assert_eq!(
        (f.label.as_str(), f.value.as_str()),
        ("合同编号", "LY-2022-018")
    );
}

#[test]
fn csv_in_zh_has_zh_headers_and_section_names() {
    let (c, _, r) = load004();
    let csv = export::report_csv(&r, &Labels::of_report(&c, &r), Lang::Zh);
    let mut lines = csv.trim_start_matches('\u{feff}').split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "类别,条款,对象,日期,金额,状态,一方,说明"
    );
    let sections: std::collections::BTreeSet<&str> = lines
        .filter(|l| !l.is_empty())
        .map(|l| l.split(',').next().unwrap())
        .collect();
    let zh: std::collections::BTreeSet<&str> =
        ["违约金", "权利", "风险敞口", "付款", "服务时限", "义务"].into();
    assert!(sections.is_subset(&zh), "{sections:?}");
    assert!(sections.contains("违约金"));
    let en = export::report_csv(&r, &Labels::of_report(&c, &r), Lang::En);
    assert!(en.contains("\r\npenalty,7.2,"));
}

#[test]
fn the_workbook_sums_dates_filters_and_caps() {
    let (c, _, r) = load004();
    let st = statement::statement(&c, &r, Lang::Zh);
    let wb = workbook::workbook(&r, &c, &st);
    let pen = wb.sheets.iter().find(|s| s.name == "违约金").unwrap();
    assert!(pen.autofilter);
    let head: Vec<&str> = pen.columns.iter().map(|x| x.header.as_str()).collect();
    assert_eq!(head[7], "封顶前");
    assert_eq!(head[9], "本条上限");
    // Every row is a line: a date cell in the date column, a number in the amount column;
    // the amount column sums to the two totals.
    let mut sum = Decimal::ZERO;
    for row in &pen.rows {
        assert!(
            matches!(&row[4], workbook::Cell::Date { format, .. } if format == workbook::DATE_FORMAT),
            "{row:?}"
        );
        match &row[5] {
            workbook::Cell::Number { value, .. } => sum += value.parse::<Decimal>().unwrap(),
            other => panic!("not a number: {other:?}"),
        }
    }
    let totals = r
        .totals
        .seller_pays
        .checked_add(r.totals.buyer_pays)
        .unwrap();
    assert_eq!(sum, totals.yuan());
    // 7.3's own cap in its column.
    let l73 = pen
        .rows
        .iter()
        .find(|x| x[0] == workbook::Cell::Text { text: "7.3".into() })
        .unwrap();
    assert_eq!(
        l73[9],
        workbook::Cell::Number {
            value: "49000.00".into(),
            format: Some(workbook::MONEY_FORMAT.into())
        }
    );
    // The subject by its name (the milestone's label), not its id.
    assert_eq!(
        l73[3],
        workbook::Cell::Text {
            text: "第一期（50%）".into()
        }
    );
    // Clause totals on their own sheet, below a blank row.
    let tot = wb.sheets.iter().find(|s| s.name == "条款合计").unwrap();
    let blank = tot
        .rows
        .iter()
        .position(|x| x.iter().all(|c| *c == workbook::Cell::Empty))
        .expect("a blank row");
    assert_eq!(blank, r.penalties.len());
    // The payments sheet: due dates as date cells.
    let pay = wb.sheets.iter().find(|s| s.name == "付款").unwrap();
    assert!(pay
        .rows
        .iter()
        .all(|x| matches!(x[4], workbook::Cell::Date { .. })));
}
