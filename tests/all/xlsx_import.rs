//! Tests: an incident log imported from an Excel workbook or a GB18030 CSV (issue 13, item 4) —
//! `domain::spreadsheet` reads a real `.xlsx` written by rust_xlsxwriter (shared strings, date
//! cells in built-in and custom formats, numbers, a merged range, a formula with its value) and
//! a hand-made one (inline strings, the 1904 date system, a second sheet, a formula saved
//! without a value, booleans, gaps) into the rows `incident_log` reads, and the ledger gives
//! the same figures as the CSV and TSV imports of `grid.rs`; broken workbooks give errors
//! naming the part or the cell in both languages. GB18030 and UTF-16 CSV decode to the same
//! rows.
//!
//! Figures by hand from 004's 附件2-5.3 (较重大 20 %, 重大 25 % of the item's annual fee):
//! the 20 rows of `grid::tsv20` give 35,016.00; ecg 196,800 × 25 % + video 135,200 × 20 % =
//! 76,240.00.

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use lvyue::domain::calendar::{parse_datetime, Calendar};
use lvyue::domain::engine::{evaluate, Options};
use lvyue::domain::events::Events;
use lvyue::domain::incident_log::{self as log, Field, TextEncoding};
use lvyue::domain::load::load_contract;
use lvyue::domain::spreadsheet::{self, CellNote, XlsxError};
use lvyue::domain::{Lang, Localize};

use crate::document::zip_of;
use crate::grid::{bare_events, tsv20};

const CONTRACT: &str = include_str!("../../examples/004-liyang-operations.contract.json");

fn total_53(incidents: Vec<lvyue::domain::events::Incident>) -> String {
    let c = load_contract(CONTRACT).unwrap();
    let mut e: Events = bare_events();
    e.incidents = incidents;
    let r = evaluate(&c, &e, &Calendar::china(), &Options::default()).unwrap();
    let cl = r
        .penalties
        .iter()
        .find(|p| p.clause == "附件2-5.3")
        .unwrap();
    cl.total.to_string()
}

/// The 20 rows of `tsv20` as a workbook: text as shared strings, times as date cells (the
/// first half in built-in format 22, the rest in a Chinese custom format), a number column.
fn workbook_of_tsv20() -> Vec<u8> {
    let rows = log::parse_table(&tsv20());
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("工单").unwrap();
    let builtin = Format::new().set_num_format("m/d/yy h:mm");
    let custom = Format::new().set_num_format("yyyy\"年\"m\"月\"d\"日\" hh:mm");
    for (r, row) in rows.iter().enumerate() {
        for (k, cell) in row.cells.iter().enumerate() {
            let (r, k) = (r as u32, k as u16);
            match parse_datetime(cell) {
                Ok(t) => {
                    let x =
                        ExcelDateTime::parse_from_str(&t.format("%Y-%m-%d %H:%M:%S").to_string())
                            .unwrap();
                    let f = if r < 10 { &builtin } else { &custom };
                    ws.write_datetime_with_format(r, k, &x, f).unwrap();
                }
                Err(_) if cell.is_empty() => {}
                Err(_) => {
                    ws.write_string(r, k, cell).unwrap();
                }
            }
        }
        // A column the record has no field for: hours, a number.
        if r == 0 {
            ws.write_string(0, 9, "耗时（小时）").unwrap();
        } else {
            ws.write_number(r as u32, 9, 0.1 + 0.2).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_workbook_written_by_excel_tools_gives_the_pasted_figures() {
    let bytes = workbook_of_tsv20();
    let sheet = spreadsheet::read(&bytes, 0).expect("the workbook reads");
    assert_eq!(sheet.names, ["工单"]);
    assert!(sheet.notes.is_empty(), "{:?}", sheet.notes);
    assert_eq!(sheet.rows.len(), 21);
    let r = &sheet.rows;
    assert_eq!(r[0].line, 1);
    assert_eq!(r[0].cells[0], "工单号");
    assert_eq!(r[0].cells[9], "耗时（小时）");
    // Row 3 (GD-002): shared strings, built-in date-time cells as the text the mapping reads,
    // an empty cell kept as one, a number as Excel shows it (15 digits).
    assert_eq!(r[2].line, 3);
    assert_eq!(
        r[2].cells,
        [
            "GD-002",
            "2022-10-10 09:00",
            "2022-10-10 09:10",
            "2022-10-10 10:00",
            "2022-10-10 17:30",
            "较重大安全事件",
            "住院电子病历质控软件系统",
            "网络",
            "交换机故障，\"全院\"断网",
            "0.3",
        ]
    );
    // A custom Chinese date format is a date too.
    assert_eq!(r[15].cells[1], "2023-02-12 10:00");
    assert_eq!(r[1].cells[3], "", "GD-001 has no on-site time");

    let c = load_contract(CONTRACT).unwrap();
    let e = bare_events();
    let (header, rows, mapping) = log::prepare_rows(sheet.rows.clone(), 0);
    assert!(header.is_some());
    assert_eq!(rows.len(), 20);
    assert_eq!(mapping[1], Field::Reported);
    assert_eq!(mapping[9], Field::Ignore);
    let read = log::read(&c, &e, header.as_ref(), &rows, &mapping);
    assert_eq!(read.incidents.len(), 20, "{:?}", read.problems);
    let said: Vec<String> = read.problems.iter().map(|p| p.localize(Lang::Zh)).collect();
    assert_eq!(
        said,
        [
            "“描述”列未导入：履约记录没有对应的栏目",
            "“耗时（小时）”列未导入：履约记录没有对应的栏目"
        ]
    );
    // The same incidents as the TSV paste, and the same figure.
    let (th, trows, tmap) = log::prepare(&tsv20(), 0);
    let pasted = log::read(&c, &e, th.as_ref(), &trows, &tmap);
    assert_eq!(read.incidents, pasted.incidents);
    assert_eq!(total_53(read.incidents), "35,016.00");
}

#[test]
fn merged_cells_formulas_and_booleans_from_rust_xlsxwriter() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    for (k, h) in [
        "报告时间",
        "解决时间",
        "级别",
        "系统",
        "已回访",
        "时长",
        "故障类型",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, k as u16, *h).unwrap();
    }
    let t = |s: &str| ExcelDateTime::parse_from_str(s).unwrap();
    ws.write_datetime_with_format(1, 0, &t("2023-03-10 09:00:00"), &when)
        .unwrap();
    ws.write_datetime_with_format(1, 1, &t("2023-03-10 11:00:00"), &when)
        .unwrap();
    ws.write_datetime_with_format(2, 0, &t("2023-04-02 08:00:00"), &when)
        .unwrap();
    ws.write_datetime_with_format(2, 1, &t("2023-04-02 12:00:00"), &when)
        .unwrap();
    // One level for both rows, merged down; the systems by id.
    ws.merge_range(1, 2, 2, 2, "较重大安全事件", &Format::new())
        .unwrap();
    ws.write_string(1, 3, "ecg").unwrap();
    ws.write_string(2, 3, "video").unwrap();
    // Kinds differ: 附件2-5.3's escalation (same kind and level) does not apply.
    ws.write_string(1, 6, "网络").unwrap();
    ws.write_string(2, 6, "应用").unwrap();
    ws.write_boolean(1, 4, true).unwrap();
    ws.write_boolean(2, 4, false).unwrap();
    ws.write_formula(1, 5, Formula::new("=(B2-A2)*24").set_result("2"))
        .unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let s = spreadsheet::read(&bytes, 0).unwrap();
    assert_eq!(s.names, ["Sheet1"]);
    assert_eq!(
        s.rows[1].cells,
        [
            "2023-03-10 09:00",
            "2023-03-10 11:00",
            "较重大安全事件",
            "ecg",
            "TRUE",
            "2",
            "网络"
        ]
    );
    assert_eq!(
        s.rows[2].cells[2], "较重大安全事件",
        "the merged level in its second row"
    );
    assert_eq!(s.rows[2].cells[4], "FALSE");
    let c = load_contract(CONTRACT).unwrap();
    let (h, rows, mut mapping) = log::prepare_rows(s.rows, 0);
    mapping[4] = Field::Ignore;
    let read = log::read(&c, &bare_events(), h.as_ref(), &rows, &mapping);
    assert_eq!(read.incidents.len(), 2, "{:?}", read.problems);
    assert_eq!(read.incidents[1].level, "relatively_major");
    // ecg 196,800 × 20 % = 39,360.00 (2 h) + video 135,200 × 20 % = 27,040.00 (4 h), both
    // within 较重大's 6 h.
    assert_eq!(total_53(read.incidents), "66,400.00");
}

const CT: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

fn workbook_xml(date1904: bool, sheets: &[&str]) -> String {
    let list: String = sheets
        .iter()
        .enumerate()
        .map(|(k, n)| {
            format!(
                r#"<sheet name="{n}" sheetId="{}" r:id="rId{}"/>"#,
                k + 1,
                k + 1
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="{}"/><sheets>{list}</sheets></workbook>"#,
        u8::from(date1904)
    )
}

fn rels(n: usize) -> String {
    let list: String = (1..=n)
        .map(|k| {
            format!(r#"<Relationship Id="rId{k}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{k}.xml"/>"#)
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{list}</Relationships>"#
    )
}

/// Styles: 0 General, 1 a custom date-time (164), 2 built-in date 14, 3 built-in time 20.
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd\ hh:mm;@"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" xfId="0"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf numFmtId="14" xfId="0"/><xf numFmtId="20" xfId="0"/></cellXfs></styleSheet>"#;

fn sheet_xml(rows: &str, extra: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:G5"/><sheetData>{rows}</sheetData>{extra}</worksheet>"#
    )
}

fn is(r: &str, text: &str) -> String {
    format!(r#"<c r="{r}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// A workbook by hand: a notes sheet first, then the log in the 1904 date system with inline
/// strings (one a rich text with a phonetic guide), a gap, a formula without a saved value.
fn hand_made() -> Vec<u8> {
    let notes = sheet_xml(&format!(r#"<row r="1">{}</row>"#, is("A1", "导出说明")), "");
    // 2023-03-10 is day 43,533 of the 1904 system (44,995 of the 1900 one).
    let log = sheet_xml(
        &[
            format!(
                r#"<row r="1">{}{}{}<c r="E1" t="inlineStr"><is><r><t>系</t></r><r><t>统</t></r><rPh sb="0" eb="1"><t>xi</t></rPh></is></c>{}</row>"#,
                is("A1", "报告时间"),
                is("B1", "解决时间"),
                is("C1", "级别"),
                is("G1", "备注")
            ),
            format!(
                r#"<row r="2"><c r="A2" s="1"><v>43533.375</v></c><c r="B2" s="1"><v>43533.458333333336</v></c>{}<c r="E2" t="str"><f>LOWER("ECG")</f><v>ecg</v></c><c r="G2" t="b"><v>1</v></c></row>"#,
                is("C2", "重大安全事件")
            ),
            // An empty row between (not a row), then row 4 with its cells out of order of kind.
            r#"<row r="3"><c r="A3" s="1"/></row>"#.to_string(),
            format!(
                r#"<row r="4"><c r="A4" s="1"><v>43556.333333333336</v></c><c r="B4" s="1"><v>43556.5</v></c>{}{}</row>"#,
                is("C4", "较重大安全事件"),
                is("E4", "video &amp; 会议")
            ),
            format!(
                r#"<row r="5"><c r="A5" s="1"><f>A4+1</f></c>{}{}<c r="F5" s="2"><v>0</v></c><c r="G5" s="3"><v>0.75</v></c></row>"#,
                is("C5", "一般安全事件"),
                is("E5", "ecg")
            ),
        ]
        .concat(),
        r#"<mergeCells count="0"/>"#,
    );
    zip_of(&[
        ("[Content_Types].xml", CT),
        ("xl/workbook.xml", &workbook_xml(true, &["说明", "工单"])),
        ("xl/_rels/workbook.xml.rels", &rels(2)),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", &notes),
        ("xl/worksheets/sheet2.xml", &log),
    ])
}

#[test]
fn a_hand_made_workbook_inline_strings_1904_dates_and_a_second_sheet() {
    let bytes = hand_made();
    let first = spreadsheet::read(&bytes, 0).unwrap();
    assert_eq!(first.names, ["说明", "工单"]);
    assert_eq!(first.rows.len(), 1);
    assert_eq!(first.rows[0].cells, ["导出说明"]);
    let s = spreadsheet::read(&bytes, 1).unwrap();
    assert_eq!(s.index, 1);
    let lines: Vec<usize> = s.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [1, 2, 4, 5], "row 3 has nothing in it");
    assert_eq!(
        s.rows[0].cells,
        ["报告时间", "解决时间", "级别", "", "系统", "", "备注"]
    );
    assert_eq!(
        s.rows[1].cells,
        [
            "2023-03-10 09:00",
            "2023-03-10 11:00",
            "重大安全事件",
            "",
            "ecg",
            "",
            "TRUE"
        ]
    );
    assert_eq!(s.rows[2].cells[0], "2023-04-02 08:00");
    assert_eq!(s.rows[2].cells[4], "video & 会议");
    // The formula without a value: read as empty and said, at its cell.
    assert_eq!(s.rows[3].cells[0], "");
    assert_eq!(
        s.rows[3].cells[5], "1904-01-01",
        "day 0 of the 1904 system, built-in 14"
    );
    assert_eq!(s.rows[3].cells[6], "18:00", "built-in 20 is a time");
    assert_eq!(
        s.notes,
        [CellNote::FormulaWithoutValue {
            place: "工单!A5".into(),
            formula: "A4+1".into()
        }]
    );
    assert!(s.notes[0]
        .localize(Lang::Zh)
        .starts_with("工单!A5：公式 =A4+1 没有保存计算结果"));
    assert!(s.notes[0].localize(Lang::En).contains("not calculated"));
    // The page's JSON.
    let j = s.to_json();
    assert_eq!(j["sheets"][1], "工单");
    assert_eq!(j["rows"][1]["line"], 2);
    assert_eq!(j["notes"][0]["place"], "工单!A5");

    let c = load_contract(CONTRACT).unwrap();
    let (h, rows, mapping) = log::prepare_rows(s.rows, 0);
    assert_eq!(
        mapping[..5],
        [
            Field::Reported,
            Field::Resolved,
            Field::Level,
            Field::Ignore,
            Field::Item
        ]
    );
    let read = log::read(&c, &bare_events(), h.as_ref(), &rows, &mapping);
    let said: Vec<String> = read.problems.iter().map(|p| p.localize(Lang::Zh)).collect();
    assert_eq!(read.incidents.len(), 1, "{said:?}");
    // Row 4's "video & 会议" is no item; row 5 has no time reported: each said at its line.
    assert!(
        said.iter()
            .any(|x| x.starts_with("第 4 行：系统“video & 会议”")),
        "{said:?}"
    );
    assert!(
        said.iter().any(|x| x == "第 5 行：没有报告时间"),
        "{said:?}"
    );
    assert_eq!(total_53(read.incidents), "49,200.00");

    // Sheet 3 is not there.
    let e = spreadsheet::read(&bytes, 2).unwrap_err();
    assert_eq!(e.code(), "xlsx.no-such-sheet");
    assert_eq!(e.localize(Lang::Zh), "没有第 3 个工作表（共 2 个）");
}

#[test]
fn the_csv_import_s_rows_from_a_1904_workbook_give_the_csv_figure() {
    let log_xml = sheet_xml(
        &[
            format!(
                r#"<row r="1">{}{}{}{}</row>"#,
                is("A1", "报告时间"),
                is("B1", "解决时间"),
                is("C1", "级别"),
                is("D1", "系统")
            ),
            format!(
                r#"<row r="2"><c r="A2" s="1"><v>43533.375</v></c><c r="B2" s="1"><v>43533.458333333336</v></c>{}{}</row>"#,
                is("C2", "重大安全事件"),
                is("D2", "区域心电软件系统")
            ),
            format!(
                r#"<row r="3"><c r="A3" s="1"><v>43556.333333333336</v></c><c r="B3" s="1"><v>43556.5</v></c>{}{}</row>"#,
                is("C3", "较重大安全事件"),
                is("D3", "video")
            ),
        ]
        .concat(),
        "",
    );
    let bytes = zip_of(&[
        ("xl/workbook.xml", &workbook_xml(true, &["Sheet1"])),
        ("xl/_rels/workbook.xml.rels", &rels(1)),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", &log_xml),
    ]);
    let s = spreadsheet::read(&bytes, 0).unwrap();
    let c = load_contract(CONTRACT).unwrap();
    let (h, rows, mapping) = log::prepare_rows(s.rows, 0);
    let read = log::read(&c, &bare_events(), h.as_ref(), &rows, &mapping);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert_eq!(
        read.incidents[1].resolved.unwrap().to_string(),
        "2023-04-02 12:00:00"
    );
    assert_eq!(total_53(read.incidents), "76,240.00");
}

fn err(bytes: &[u8]) -> XlsxError {
    spreadsheet::read(bytes, 0).expect_err("an error")
}

fn with_sheet(sheet: &str) -> Vec<u8> {
    zip_of(&[
        ("xl/workbook.xml", &workbook_xml(false, &["Sheet1"])),
        ("xl/_rels/workbook.xml.rels", &rels(1)),
        ("xl/worksheets/sheet1.xml", sheet),
    ])
}

#[test]
fn broken_workbooks_say_what_and_where() {
    let e = err(b"not a zip at all");
    assert_eq!(e.code(), "xlsx.not-zip");
    assert!(e.localize(Lang::Zh).contains("不是可读取的 Excel 工作簿"));
    assert_eq!(err(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).code(), "xlsx.xls");
    // A Word file, or any zip without a workbook.
    let e = err(&crate::document::docx_of("甲方"));
    assert_eq!(e.code(), "xlsx.not-workbook");
    assert!(e.localize(Lang::En).contains("xl/workbook.xml"));
    // A workbook that lists no sheet, and one whose sheet's part is missing.
    let none = zip_of(&[("xl/workbook.xml", &workbook_xml(false, &[]))]);
    assert_eq!(err(&none).code(), "xlsx.no-sheet");
    let missing = zip_of(&[
        ("xl/workbook.xml", &workbook_xml(false, &["日志"])),
        ("xl/_rels/workbook.xml.rels", &rels(1)),
    ]);
    let e = err(&missing);
    assert_eq!(e.code(), "xlsx.no-sheet");
    assert_eq!(
        e.localize(Lang::Zh),
        "工作表“日志”的内容（xl/worksheets/sheet1.xml）不在压缩包中"
    );
    // A huge dimension, a cell past the last column read: refused at the place.
    let huge = with_sheet(r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>"#);
    let e = err(&huge);
    assert_eq!(e.code(), "xlsx.sheet-too-large");
    assert!(
        e.localize(Lang::Zh).starts_with("Sheet1!XFD1048576："),
        "{}",
        e.localize(Lang::Zh)
    );
    assert!(e
        .localize(Lang::En)
        .starts_with("Sheet1!XFD1048576: the sheet is larger"));
    let wide = with_sheet(
        r#"<worksheet><sheetData><row r="7"><c r="IW7"><v>1</v></c></row></sheetData></worksheet>"#,
    );
    assert!(err(&wide).localize(Lang::En).starts_with("Sheet1!IW7:"));
    let deep = with_sheet(
        r#"<worksheet><sheetData><row r="900000"><c r="A900000"><v>1</v></c></row></sheetData></worksheet>"#,
    );
    assert_eq!(err(&deep).code(), "xlsx.sheet-too-large");
    // Ranges merged over and over a sheet: refused at the range, not filled for minutes.
    let rows: String = (1..=2000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
        .collect();
    let merges = r#"<mergeCell ref="A1:IV2000"/>"#.repeat(5000);
    let merged = with_sheet(&format!(
        r#"<worksheet><sheetData>{rows}</sheetData><mergeCells>{merges}</mergeCells></worksheet>"#
    ));
    let e = err(&merged);
    assert_eq!(e.code(), "xlsx.too-many-cells");
    assert_eq!(
        e.localize(Lang::Zh),
        "Sheet1!A1:IV2000：单元格超过 2000000 个，未读取"
    );
    // A shared string that is not there, a bad reference: at the cell.
    let sst = with_sheet(
        r#"<worksheet><sheetData><row r="1"><c r="C7" t="s"><v>3</v></c></row></sheetData></worksheet>"#,
    );
    let e = err(&sst);
    assert_eq!(e.code(), "xlsx.bad-cell");
    assert_eq!(
        e.localize(Lang::Zh),
        "Sheet1!C7：无法读取单元格（no such shared string）"
    );
    let bad_xml = with_sheet("<worksheet><sheetData><row></sheetData>");
    let e = err(&bad_xml);
    assert_eq!(e.code(), "xlsx.bad-xml");
    assert!(e
        .localize(Lang::En)
        .starts_with("xl/worksheets/sheet1.xml is not valid XML"));
    // A zip bomb: 33 MiB of one character stops at the limit.
    let bomb = with_sheet(&"a".repeat(lvyue::domain::document::docx::PART_LIMIT + 1));
    assert!(bomb.len() < 200_000);
    let e = err(&bomb);
    assert_eq!(e.code(), "xlsx.part-too-large");
    assert!(e.localize(Lang::Zh).contains("xl/worksheets/sheet1.xml"));
    // Every error speaks both languages, with a code.
    for e in [e, err(&sst), err(&huge), err(&none)] {
        let j = e.to_json();
        assert!(j["code"].as_str().unwrap().starts_with("xlsx."));
        assert_ne!(j["zh"], j["en"]);
    }
}

#[test]
fn random_bytes_never_panic() {
    let good = hand_made();
    // Every prefix, and the archive with one byte changed at a stride: an error or a sheet.
    for n in (0..good.len()).step_by(97) {
        let _ = spreadsheet::read(&good[..n], 1);
        let mut x = good.clone();
        x[n] ^= 0x5A;
        let _ = spreadsheet::read(&x, 1);
    }
}

/// `text` in GB18030 (encoding_rs is built without its `alloc` helpers).
fn gb18030(text: &str) -> Vec<u8> {
    let mut enc = encoding_rs::GB18030.new_encoder();
    let room = enc
        .max_buffer_length_from_utf8_without_replacement(text.len())
        .unwrap();
    let mut out = vec![0u8; room];
    let (r, read, written) = enc.encode_from_utf8_without_replacement(text, &mut out, true);
    assert_eq!(
        (r, read),
        (encoding_rs::EncoderResult::InputEmpty, text.len())
    );
    out.truncate(written);
    out
}

/// 004's CSV of `grid.rs` in GB18030 (what Chinese Excel/WPS save as "CSV") and in UTF-16 LE
/// with its BOM (Excel's "Unicode text", tab-separated).
#[test]
fn gb18030_and_utf16_logs_decode_to_the_same_rows() {
    let csv = "报告时间,解决时间,级别,系统,描述\r\n\
               2023-03-10 09:00,2023-03-10 11:00,重大安全事件,区域心电软件系统,\"心电, 无法出报告\"\r\n\
               2023-04-02 08:00,2023-04-02 12:00,较重大安全事件,video,会议中断\r\n";
    let gb = gb18030(csv);
    assert!(
        std::str::from_utf8(&gb).is_err(),
        "GB18030 bytes are not UTF-8"
    );
    assert_eq!(&gb[..4], &[0xB1, 0xA8, 0xB8, 0xE6], "报告 in GB18030");
    assert_eq!(log::encoding_of(&gb), TextEncoding::Gb18030);
    let (text, enc) = log::decode(&gb).unwrap();
    assert_eq!(enc, TextEncoding::Gb18030);
    assert_eq!(text, csv);
    assert_eq!(enc.label(), "gb18030");
    assert!(enc.name(Lang::Zh).starts_with("GB18030"));

    let tsv = csv
        .replace(',', "\t")
        .replace("\"心电\t 无法出报告\"", "心电");
    let mut u16 = vec![0xFF, 0xFE];
    u16.extend(tsv.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(log::encoding_of(&u16), TextEncoding::Utf16Le);
    let (t16, _) = log::decode(&u16).unwrap();
    assert_eq!(t16, tsv);
    assert_eq!(log::encoding_of(csv.as_bytes()), TextEncoding::Utf8);

    let c = load_contract(CONTRACT).unwrap();
    for t in [text, t16] {
        let (h, rows, mapping) = log::prepare(&t, 0);
        let read = log::read(&c, &bare_events(), h.as_ref(), &rows, &mapping);
        assert_eq!(read.incidents.len(), 2, "{:?}", read.problems);
        assert_eq!(total_53(read.incidents), "76,240.00");
    }
}
