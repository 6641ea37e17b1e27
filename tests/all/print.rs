//! Tests: the calculation statement (`domain::statement`) and the exports (`export`): JSON, CSV
//! with a BOM, the workbook model (`export::workbook`, what the page sends to its XLSX module as
//! JSON) and the XLSX it is written to, read back with the `zip` crate.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::labels::Labels;
use lvyue::domain::money::Amount;
use lvyue::domain::report::Report;
use lvyue::domain::statement::{self, statement_markdown, Statement};
use lvyue::domain::Lang;
use lvyue::export::workbook::{self, Cell, Workbook};
use lvyue::export::{self, xlsx};
use proptest::prelude::*;

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

fn load(stem: &str) -> (Contract, Events) {
    let read = |kind: &str| {
        std::fs::read_to_string(examples().join(format!("{stem}.{kind}.json"))).expect("example")
    };
    (
        serde_json::from_str(&read("contract")).expect("contract"),
        serde_json::from_str(&read("events")).expect("events"),
    )
}

/// 004 with only the ECG major incident SEC-2022-02 (2 h, within 3 h): 25% × 196,800 = 49,200.
fn ecg_only() -> (Contract, Report) {
    let (c, mut e) = load("004-liyang-operations");
    e.incidents.retain(|i| i.id == "SEC-2022-02");
    assert_eq!(
        e.incidents.len(),
        1,
        "004 lost the ECG incident SEC-2022-02"
    );
    let r = engine::evaluate(&c, &e, &Calendar::china(), &Options::default()).expect("evaluates");
    (c, r)
}

fn row<'a>(st: &'a Statement, section: &str, clause: &str) -> &'a statement::Row {
    st.sections
        .iter()
        .find(|s| s.id == section)
        .unwrap_or_else(|| panic!("no section {section}"))
        .rows
        .iter()
        .find(|r| r.clause == clause)
        .unwrap_or_else(|| panic!("no row {clause} in {section}"))
}

#[test]
fn statement_of_004_ecg_shows_the_figure_in_figures_and_words() {
    let (c, r) = ecg_only();
    let st = statement::statement(&c, &r, Lang::Zh);
    assert_eq!(st.heading, "计算说明书");
    assert_eq!(st.title, "某市智慧医疗项目运维服务合同");
    let ecg = row(&st, "penalties", "附件2-5.3");
    let f = ecg.figure.as_ref().expect("a figure");
    assert_eq!(f.text, "¥49,200.00");
    assert_eq!(f.words, "人民币肆万玖仟贰佰元整");
    assert!(
        ecg.explanation.iter().any(|e| e.contains("SEC-2022-02")
            && e.contains("25% × ")
            && e.contains("¥196,800.00")),
        "the explanation lacks the formula: {:?}",
        ecg.explanation
    );
    // Identity: the parties as in the file, the as-of date, the term.
    let field = |k: &str| {
        st.identity
            .iter()
            .find(|f| f.key == k)
            .unwrap_or_else(|| panic!("no {k}"))
            .value
            .clone()
    };
    assert_eq!(field("buyer"), c.parties.buyer.name);
    assert_eq!(field("seller"), c.parties.seller.name);
    assert_eq!(field("as_of"), "2023-07-15");
    assert_eq!(field("total"), "¥980,000.00（人民币玖拾捌万元整）");
    // Seller's penalties: 7.2 (29,400) + 附件2-5.3 (49,200) + the on-site ones of the record.
    let seller = st.totals.iter().find(|t| t.key == "seller_pays").unwrap();
    assert_eq!(seller.figure.as_ref().unwrap().amount, r.totals.seller_pays);
    // Signature lines for both parties.
    assert_eq!(st.signatures.len(), 2);
    assert_eq!(st.signatures[0].party, "甲方");
    assert_eq!(st.signatures[1].party, "乙方");
    assert_eq!(st.signatures[0].lines, ["签字：", "盖章：", "日期："]);
    let md = statement_markdown(&st);
    for needle in [
        "# 计算说明书",
        "附件2-5.3",
        "¥49,200.00",
        "人民币肆万玖仟贰佰元整",
        "计算基准日：2023-07-15",
        "**甲方**",
        "**乙方**",
        "签字：",
    ] {
        assert!(md.contains(needle), "the statement lacks {needle}");
    }
    let en = statement::statement(&c, &r, Lang::En);
    assert_eq!(en.heading, "Calculation statement");
    assert_eq!(en.signatures[1].lines, ["Signature:", "Seal:", "Date:"]);
    assert!(statement_markdown(&en).contains("Penalties the seller pays"));
}

#[test]
fn statement_of_000_names_the_reading_chosen_and_the_others_totals() {
    let (c, e) = load("000-cloud-services");
    let cal = Calendar::china();
    let default = engine::evaluate(&c, &e, &cal, &Options::default()).expect("evaluates");
    let st = statement::statement(&c, &default, Lang::Zh);
    let r = st.readings.iter().find(|r| r.clause == "4.5").expect("4.5");
    assert_eq!(r.chosen, "complete");
    assert_eq!(r.chosen_total.text, "¥40,000.00");
    assert_eq!(r.others.len(), 1);
    assert_eq!(r.others[0].1.text, "¥50,000.00");

    let mut options = Options::default();
    options.readings.insert("4.5".into(), "started".into());
    let started = engine::evaluate(&c, &e, &cal, &options).expect("evaluates");
    let st = statement::statement(&c, &started, Lang::Zh);
    let r = st.readings.iter().find(|r| r.clause == "4.5").expect("4.5");
    assert_eq!(r.chosen, "started");
    assert_eq!(r.chosen_total.words, "人民币伍万元整");
    assert_eq!(r.others[0].1.text, "¥40,000.00");
    // The reading by its name, never its id.
    assert!(statement_markdown(&st).contains("采用 不满一期按一期计，¥50,000.00"));
    assert!(!statement_markdown(&st).contains("(started)"));
}

/// Splits CSV text (RFC 4180: quotes, doubled quotes, CRLF) into rows of fields.
pub(crate) fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "an unterminated quote");
    rows
}

#[test]
fn csv_starts_with_the_bom_and_parses_into_rows_of_eight() {
    let (c, r) = ecg_only();
    let csv = export::report_csv(&r, &Labels::of_report(&c, &r), Lang::Zh);
    assert_eq!(&csv.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
    let rows = parse_csv(&csv['\u{feff}'.len_utf8()..]);
    assert_eq!(rows[0][..3], ["类别", "条款", "对象"]);
    assert!(rows.iter().all(|r| r.len() == 8), "ragged rows");
    assert!(
        rows.iter().any(|r| r[0] == "违约金"
            && r[1] == "附件2-5.3"
            && r[2] == "SEC-2022-02"
            && r[4] == "49200.00"),
        "no 附件2-5.3 row with 49200.00"
    );
    let en = export::report_csv(&r, &Labels::of_report(&c, &r), Lang::En);
    assert!(en.starts_with("\u{feff}section,clause,subject"));
}

pub(crate) fn unzip(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<&[u8]>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("the XLSX is a zip")
}

pub(crate) fn entry(z: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> String {
    let mut s = String::new();
    z.by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"))
        .read_to_string(&mut s)
        .expect("UTF-8 XML");
    s
}

#[test]
fn xlsx_has_a_sheet_per_section_and_the_figure_as_a_number() {
    let (c, r) = ecg_only();
    let st = statement::statement(&c, &r, Lang::Zh);
    let bytes = xlsx::report_xlsx(&r, &c, &st).expect("a workbook");
    let mut z = unzip(&bytes);
    let wb = entry(&mut z, "xl/workbook.xml");
    let names = [
        "概览",
        "违约金",
        "付款",
        "服务时限",
        "义务清单",
        "权利与敞口",
        "文本检查",
    ];
    for (i, n) in names.iter().enumerate() {
        assert!(
            wb.contains(&format!("<sheet name=\"{n}\" sheetId=\"{}\"", i + 1)),
            "no sheet {n}: {wb}"
        );
    }
    // The penalties sheet: a number cell 49200 with the #,##0.00 style, the exact text beside it,
    // the header row frozen.
    let sheet = entry(&mut z, "xl/worksheets/sheet2.xml");
    assert!(sheet.contains("<v>49200</v>"), "no 49200 number cell");
    assert!(sheet.contains("state=\"frozen\""), "no frozen header row");
    assert!(sheet.contains("<cols>"), "no column widths");
    let styles = entry(&mut z, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"#,##0.00\""));
    let strings = entry(&mut z, "xl/sharedStrings.xml");
    let seller_words = statement::Figure::of(r.totals.seller_pays).words;
    for s in [
        "附件2-5.3",
        "SEC-2022-02",
        "49200.00",
        "条款",
        seller_words.as_str(),
    ] {
        assert!(strings.contains(s), "the workbook lacks {s}");
    }
    // The creation date is the as-of date: the same input gives the same bytes.
    assert!(entry(&mut z, "docProps/core.xml").contains("2023-07-15T00:00:00Z"));
    assert_eq!(bytes, xlsx::report_xlsx(&r, &c, &st).unwrap());

    let en = statement::statement(&c, &r, Lang::En);
    let bytes = xlsx::report_xlsx(&r, &c, &en).unwrap();
    let wb = entry(&mut unzip(&bytes), "xl/workbook.xml");
    assert!(wb.contains("<sheet name=\"Penalties\"") && wb.contains("<sheet name=\"Summary\""));
}

fn sheet<'a>(wb: &'a Workbook, name: &str) -> &'a workbook::Sheet {
    wb.sheets
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no sheet {name}"))
}

#[test]
fn the_workbook_model_holds_the_figure_as_an_exact_number_and_text() {
    let (c, r) = ecg_only();
    let st = statement::statement(&c, &r, Lang::Zh);
    let wb = workbook::workbook(&r, &c, &st);
    assert_eq!(wb.format, "lvyue-workbook/1");
    assert_eq!(wb.created, Some("2023-07-15".parse().unwrap()));
    assert_eq!(wb.sheets.len(), 8);
    let pen = sheet(&wb, "违约金");
    assert!(pen.autofilter);
    assert_eq!(pen.frozen_rows, 1);
    let headers: Vec<&str> = pen.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        &headers[..7],
        [
            "条款",
            "条款名称",
            "支付方",
            "对象",
            "日期",
            "金额",
            "金额（精确）"
        ]
    );
    // The 附件2-5.3 line of SEC-2022-02: 49,200.00 as a #,##0.00 number and as exact text.
    let line = pen
        .rows
        .iter()
        .find(|r| {
            r[0] == Cell::Text {
                text: "附件2-5.3".into(),
            } && r[3]
                == Cell::Text {
                    text: "SEC-2022-02".into(),
                }
        })
        .expect("the 附件2-5.3 line of SEC-2022-02");
    assert_eq!(
        line[5],
        Cell::Number {
            value: "49200.00".into(),
            format: Some("#,##0.00".into())
        }
    );
    assert_eq!(
        line[6],
        Cell::Text {
            text: "49200.00".into()
        }
    );
    // Widths fit the content: the explanation column is wider than the clause column, and no
    // column passes 62 (60 + 2).
    assert!(pen.columns[8].width > pen.columns[0].width);
    assert!(wb
        .sheets
        .iter()
        .flat_map(|s| &s.columns)
        .all(|c| (8..=62).contains(&c.width)));

    // Through JSON and back: the same model, and the same bytes as the CLI's path.
    let json = workbook::to_json(&wb);
    assert_eq!(workbook::from_json(&json).unwrap(), wb);
    assert_eq!(
        xlsx::write_json(&json).unwrap(),
        xlsx::report_xlsx(&r, &c, &st).unwrap()
    );
}

#[test]
fn a_bad_workbook_model_is_refused_with_its_place() {
    let (c, r) = ecg_only();
    let wb = workbook::workbook(&r, &c, &statement::statement(&c, &r, Lang::En));
    let mut v = serde_json::to_value(&wb).unwrap();
    v["sheets"][1]["rows"][0][5] = serde_json::json!({ "kind": "formula", "value": "=1+1" });
    let e = xlsx::write_json(&v.to_string()).unwrap_err();
    assert!(e.contains("sheets[1].rows[0][5]"), "{e}");
    v["sheets"][1]["rows"][0][5] = serde_json::json!({ "kind": "number", "value": "49,200" });
    let e = xlsx::write_json(&v.to_string()).unwrap_err();
    assert!(e.contains("49,200"), "{e}");
    let e =
        workbook::from_json(r#"{"format":"x","title":"","created":null,"sheets":[]}"#).unwrap_err();
    assert!(e.contains("lvyue-workbook/1"), "{e}");
}

#[test]
fn amounts_become_the_nearest_double_up_to_ten_trillion() {
    for s in [
        "0.01",
        "0.1",
        "0.3",
        "49200",
        "1234567.89",
        "9999999999999.99",
        "-12.5",
    ] {
        let a: Amount = s.parse().unwrap();
        let n = xlsx::amount_number(a).unwrap();
        let back: Amount = format!("{n}").parse().unwrap();
        assert_eq!(back, a, "{s} became {n}");
    }
    // Past 2^53 fen the number could not be exact: the cell is text instead.
    assert_eq!(
        xlsx::amount_number("100000000000000".parse().unwrap()),
        None
    );
}

proptest! {
    #[test]
    fn any_amount_below_ten_trillion_survives_the_cell(fen in -1_000_000_000_000_000i64..1_000_000_000_000_000i64) {
        let a = Amount::from_fen(fen);
        let n = xlsx::amount_number(a).unwrap();
        // The shortest decimal that reads back as the same double is the amount itself.
        let back: Amount = format!("{n}").parse().unwrap();
        prop_assert_eq!(back, a);
        // The model's exact decimal text parses to that same double (what the writer writes).
        let parsed: f64 = format!("{:.2}", a.round_fen().yuan()).parse().unwrap();
        prop_assert_eq!(parsed.to_bits(), n.to_bits());
    }
}

fn lvyue(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .output()
        .expect("lvyue runs")
}

#[test]
fn cli_prints_the_statement_and_writes_the_exports() {
    let dir = examples();
    let c = dir.join("004-liyang-operations.contract.json");
    let e = dir.join("004-liyang-operations.events.json");
    let (c, e) = (c.to_str().unwrap(), e.to_str().unwrap());
    let out = lvyue(&["eval", c, "--events", e, "--format", "statement"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("# 计算说明书\n"));
    assert!(text.contains("- 计算基准日：2023-07-15"));
    assert!(text.contains("采用 处罚比例加1个百分点，¥296,016.00"));
    assert!(!text.contains("plus-1-point"));

    // xlsx needs --output, and says so.
    let out = lvyue(&["eval", c, "--events", e, "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output"));

    let tmp = std::env::temp_dir().join(format!("lvyue-print-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let file = tmp.join("004.xlsx");
    let out = lvyue(&[
        "eval",
        c,
        "--events",
        e,
        "--format",
        "xlsx",
        "--output",
        file.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(out.status.code(), Some(0), "{:?}", out);
    let bytes = std::fs::read(&file).unwrap();
    let wb = entry(&mut unzip(&bytes), "xl/workbook.xml");
    assert!(wb.contains("<sheet name=\"Obligations\""));
    // The CLI's file is the page's: the model's JSON written by the XLSX module's function.
    let (contract, events) = load("004-liyang-operations");
    let report = engine::evaluate(&contract, &events, &Calendar::china(), &Options::default())
        .expect("evaluates");
    let model = workbook::workbook(
        &report,
        &contract,
        &statement::statement(&contract, &report, Lang::En),
    );
    assert_eq!(bytes, xlsx::write_json(&workbook::to_json(&model)).unwrap());

    // JSON and CSV on stdout are the export module's text (one code path with the page).
    let out = lvyue(&["eval", c, "--events", e, "--format", "json"]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        export::report_json(&report) + "\n"
    );
    let csv = tmp.join("004.csv");
    let out = lvyue(&[
        "eval",
        c,
        "--events",
        e,
        "--format",
        "csv",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], [0xEF, 0xBB, 0xBF]);
    assert_eq!(
        bytes,
        export::report_csv(&report, &Labels::of_report(&contract, &report), Lang::Zh).into_bytes()
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

/// A text too long for an Excel cell is refused in the chosen language, not with
/// rust_xlsxwriter's English (issue 10, item 19: "String exceeds Excel's limit of 32,767
/// characters").
#[test]
fn a_text_too_long_for_excel_is_refused_in_both_languages() {
    let (mut c, r) = ecg_only();
    c.title = "长".repeat(40_000);
    let mut r = r;
    r.title = c.title.clone();
    let st = statement::statement(&c, &r, Lang::Zh);
    let e = xlsx::report_xlsx(&r, &c, &st).expect_err("too long for a cell");
    let (zh, en) = xlsx::describe(&e);
    assert!(
        zh.contains("32,767") && en.contains("32,767"),
        "{zh} / {en}"
    );
    assert!(
        !zh.chars().any(|c| c.is_ascii_alphabetic()) || zh.contains("CSV"),
        "{zh}"
    );
    assert!(!zh.contains("String exceeds"));
    let model = serde_json::to_string(&workbook::workbook(&r, &c, &st)).unwrap();
    let err = xlsx::write_json(&model).expect_err("refused");
    let v: serde_json::Value = serde_json::from_str(&err).expect("both languages as JSON");
    assert_eq!(v["zh"], zh.as_str());
    assert_eq!(v["en"], en.as_str());
}
