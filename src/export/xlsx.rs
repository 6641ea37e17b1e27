//! The report as an XLSX workbook, one sheet per section, made with `rust_xlsxwriter`.
//!
//! The sheets are laid out first as plain data ([`sheets`]: headers and cells), then written.
//! Amounts are numeric cells formatted `#,##0.00`, and each money column is followed by the exact
//! decimal as text (`金额（精确）`), so a formula can sum the numbers and a reader can still see
//! the exact figure.
//!
//! **From `Decimal` to the cell's number.** An amount is rounded half-up to the fen and turned
//! into a whole number of fen `n` (an `i64`, exact); the cell holds `n as f64 / 100.0`. While
//! `|n| < 2^53` both `n` and `100` are exact doubles and IEEE division is correctly rounded, so
//! the cell holds the double nearest to the decimal amount — the same double Excel would read
//! from the text `n/100`. An amount below 10^13 yuan has at most 15 significant digits, and every
//! decimal of at most 15 significant digits survives decimal → double → decimal (a double carries
//! 15.95 digits), so Excel shows the amount exactly. Larger amounts are written as text.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::domain::explain::{self, label, side, steps_text};
use crate::domain::money::Amount;
use crate::domain::report::Report;
use crate::domain::statement::Statement;
use crate::domain::{Lang, Localize};

/// A cell of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// An amount: a `#,##0.00` number cell (see the module's note).
    Money(Amount),
    Int(i64),
    Empty,
}

/// A sheet: its name, its header row and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

fn t(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn money(a: Amount) -> Cell {
    Cell::Money(a)
}

/// The exact decimal, as text, rounded to the fen: `49200.00`.
fn exact(a: Amount) -> Cell {
    Cell::Text(format!("{:.2}", a.round_fen().yuan()))
}

fn opt_money(a: Option<Amount>) -> [Cell; 2] {
    match a {
        Some(a) => [money(a), exact(a)],
        None => [Cell::Empty, Cell::Empty],
    }
}

/// The cell's number for an amount, or `None` when it cannot be exact (|amount| ≥ 2^53 fen).
pub fn amount_number(a: Amount) -> Option<f64> {
    let fen = (a.round_fen().yuan() * Decimal::ONE_HUNDRED).to_i64()?;
    if fen.unsigned_abs() >= 1 << 53 {
        return None;
    }
    Some(fen as f64 / 100.0)
}

fn h(lang: Lang, pairs: &[(&str, &str)]) -> Vec<String> {
    pairs
        .iter()
        .map(|(zh, en)| lang.pick(*zh, *en).to_string())
        .collect()
}

/// The workbook's sheets for a report and its statement (the statement gives the summary).
pub fn sheets(report: &Report, st: &Statement) -> Vec<Sheet> {
    let lang = st.lang;
    let amount_h = [("金额", "Amount"), ("金额（精确）", "Amount (exact)")];
    let mut out = Vec::new();

    // Summary: identity, totals, readings.
    let mut rows = Vec::new();
    for f in &st.identity {
        rows.push(vec![t(&f.label), t(&f.value), Cell::Empty, Cell::Empty]);
    }
    rows.push(vec![Cell::Empty; 4]);
    for tot in &st.totals {
        match &tot.figure {
            Some(f) => rows.push(vec![
                t(&tot.label),
                money(f.amount),
                exact(f.amount),
                t(&f.words),
            ]),
            None => rows.push(vec![t(&tot.label), t(&tot.value), Cell::Empty, Cell::Empty]),
        }
    }
    for r in &st.readings {
        let others: Vec<String> = r
            .others
            .iter()
            .map(|(n, f)| format!("{n} {}", f.text))
            .collect();
        rows.push(vec![
            t(format!("{} {}", lang.pick("解读", "Reading"), r.clause)),
            money(r.chosen_total.amount),
            exact(r.chosen_total.amount),
            t(format!(
                "{} {}；{}{}",
                lang.pick("采用", "used"),
                r.chosen_label,
                lang.pick("其他：", "others: "),
                others.join("；")
            )),
        ]);
    }
    out.push(Sheet {
        name: lang.pick("概览", "Summary").into(),
        headers: h(
            lang,
            &[
                ("项目", "Item"),
                ("金额或内容", "Amount or value"),
                ("金额（精确）", "Amount (exact)"),
                ("大写或说明", "In words or note"),
            ],
        ),
        rows,
    });

    // Penalties: one row per penalty line, then the clause's total.
    let mut rows = Vec::new();
    for c in &report.penalties {
        for l in &c.lines {
            rows.push(vec![
                t(&c.clause),
                t(label(&c.title, lang)),
                t(side(c.payer, lang)),
                t(&l.subject),
                t(l.date.to_string()),
                money(l.amount),
                exact(l.amount),
                money(l.uncapped),
                t(steps_text(&l.steps, lang)),
            ]);
        }
        rows.push(vec![
            t(&c.clause),
            t(label(&c.title, lang)),
            t(side(c.payer, lang)),
            t(lang.pick("条款合计", "Clause total")),
            Cell::Empty,
            money(c.total),
            exact(c.total),
            money(c.uncapped),
            t(explain::clause_line(c, lang)),
        ]);
    }
    out.push(Sheet {
        name: lang.pick("违约金", "Penalties").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("条款名称", "Title"),
                ("支付方", "Payer"),
                ("对象", "Subject"),
                ("日期", "Date"),
                amount_h[0],
                amount_h[1],
                ("封顶前", "Before caps"),
                ("计算说明", "Explanation"),
            ],
        ),
        rows,
    });

    // Payments.
    let rows = report
        .payments
        .iter()
        .map(|m| {
            let [a, ae] = opt_money(m.amount);
            vec![
                t(&m.clause),
                t(&m.milestone),
                t(label(&m.label, lang)),
                a,
                ae,
                t(m.due.map(|d| d.to_string()).unwrap_or_default()),
                t(explain::payment_status(m.status, lang)),
                money(m.paid),
                t(m.paid_on.map(|d| d.to_string()).unwrap_or_default()),
                money(m.outstanding),
                Cell::Int(m.days_late),
                money(m.penalty),
                money(m.interest),
                money(m.set_off),
                money(m.net_payable),
                exact(m.net_payable),
                t(steps_text(&m.steps, lang)),
            ]
        })
        .collect();
    out.push(Sheet {
        name: lang.pick("付款", "Payments").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("节点", "Milestone"),
                ("名称", "Label"),
                amount_h[0],
                amount_h[1],
                ("到期日", "Due"),
                ("状态", "Status"),
                ("已付", "Paid"),
                ("付款日", "Paid on"),
                ("未付", "Outstanding"),
                ("逾期天数", "Days late"),
                ("逾期违约金", "Late penalty"),
                ("利息", "Interest"),
                ("抵扣", "Set off"),
                ("净应付", "Net payable"),
                ("净应付（精确）", "Net payable (exact)"),
                ("计算说明", "Explanation"),
            ],
        ),
        rows,
    });

    // SLA timers.
    let rows = report
        .sla
        .iter()
        .map(|x| {
            vec![
                t(&x.clause),
                t(&x.timer),
                t(label(&x.label, lang)),
                t(&x.subject),
                t(x.level.clone().unwrap_or_default()),
                t(x.started.format("%Y-%m-%d %H:%M").to_string()),
                t(explain::span_text(&x.limit, lang)),
                t(x.deadline.format("%Y-%m-%d %H:%M").to_string()),
                t(x.stopped
                    .map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default()),
                Cell::Int(x.elapsed_minutes),
                Cell::Int(x.over_minutes),
                t(explain::timer_status(x.status, lang)),
                t(steps_text(&x.steps, lang)),
            ]
        })
        .collect();
    out.push(Sheet {
        name: lang.pick("服务时限", "SLA").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("计时", "Timer"),
                ("名称", "Label"),
                ("对象", "Subject"),
                ("级别", "Level"),
                ("开始", "Started"),
                ("时限", "Limit"),
                ("截止", "Deadline"),
                ("停止", "Stopped"),
                ("用时（分钟）", "Elapsed (min)"),
                ("超时（分钟）", "Over (min)"),
                ("状态", "Status"),
                ("计算说明", "Explanation"),
            ],
        ),
        rows,
    });

    // Obligations.
    let rows = report
        .obligations
        .iter()
        .map(|o| {
            vec![
                t(&o.clause),
                t(label(&o.label, lang)),
                t(side(o.party, lang)),
                t(o.due.to_string()),
                Cell::Int(o.required.into()),
                Cell::Int(o.done_count.into()),
                t(o.done.map(|d| d.to_string()).unwrap_or_default()),
                t(explain::obligation_status(o.status, lang)),
            ]
        })
        .collect();
    out.push(Sheet {
        name: lang.pick("义务清单", "Obligations").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("义务", "Obligation"),
                ("一方", "Party"),
                ("到期", "Due"),
                ("应完成", "Required"),
                ("已完成", "Done"),
                ("完成日", "Done on"),
                ("状态", "Status"),
            ],
        ),
        rows,
    });

    // Rights and exposure.
    let mut rows: Vec<Vec<Cell>> = report
        .penalties
        .iter()
        .flat_map(|c| &c.rights)
        .chain(&report.rights)
        .map(|r| {
            vec![
                t(&r.clause),
                t(side(r.holder, lang)),
                t(explain::right_name(r.right, lang)),
                t(r.arises.map(|d| d.to_string()).unwrap_or_default()),
                Cell::Empty,
                Cell::Empty,
                t(explain::right_line(r, lang)),
            ]
        })
        .collect();
    for e in &report.exposure {
        rows.push(vec![
            t(&e.clause),
            t(side(e.payer, lang)),
            t(lang.pick("风险敞口（最多）", "Exposure (at most)")),
            Cell::Empty,
            money(e.worst),
            exact(e.worst),
            t(explain::exposure_line(e, lang)),
        ]);
    }
    out.push(Sheet {
        name: lang.pick("权利与敞口", "Rights and exposure").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("一方", "Party"),
                ("权利", "Right"),
                ("产生日", "Arises"),
                amount_h[0],
                amount_h[1],
                ("说明", "Explanation"),
            ],
        ),
        rows,
    });

    // Findings and warnings.
    let mut rows: Vec<Vec<Cell>> = report
        .findings
        .iter()
        .map(|f| {
            vec![
                t(&f.code),
                t(format!("{:?}", f.severity).to_lowercase()),
                t(f.clauses.join(", ")),
                t(f.localize(lang)),
            ]
        })
        .collect();
    for w in &report.warnings {
        rows.push(vec![
            t(&w.code),
            t("note"),
            Cell::Empty,
            t(w.localize(lang)),
        ]);
    }
    out.push(Sheet {
        name: lang.pick("文本检查", "Findings").into(),
        headers: h(
            lang,
            &[
                ("代码", "Code"),
                ("严重程度", "Severity"),
                ("条款", "Clauses"),
                ("说明", "Text"),
            ],
        ),
        rows,
    });
    out
}

/// A column's width in Excel's units: a CJK character counts twice; at most 60.
fn width(cells: impl Iterator<Item = usize>) -> f64 {
    let w = cells.max().unwrap_or(8).clamp(6, 60);
    (w + 2) as f64
}

fn display_len(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

fn cell_len(c: &Cell) -> usize {
    match c {
        Cell::Text(s) => display_len(s),
        Cell::Money(a) => a.round_fen().format().len(),
        Cell::Int(i) => i.to_string().len(),
        Cell::Empty => 0,
    }
}

/// The workbook as bytes.
///
/// # Errors
/// What `rust_xlsxwriter` reports (a sheet name it refuses, a string too long for a cell).
pub fn report_xlsx(report: &Report, st: &Statement) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let mut props = DocProperties::new().set_title(format!("{} — {}", st.heading, st.title));
    use chrono::Datelike;
    let d = report.as_of;
    if let (Ok(y), Ok(m), Ok(day)) = (
        u16::try_from(d.year()),
        u8::try_from(d.month()),
        u8::try_from(d.day()),
    ) {
        if let Ok(date) = ExcelDateTime::from_ymd(y, m, day) {
            props = props.set_creation_datetime(&date);
        }
    }
    wb.set_properties(&props);
    let head = Format::new().set_bold();
    let num = Format::new().set_num_format("#,##0.00");
    for sheet in sheets(report, st) {
        let ws = wb.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, name) in sheet.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, name, &head)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) if !s.is_empty() => {
                        ws.write_string(r, c, s)?;
                    }
                    Cell::Money(a) => match amount_number(*a) {
                        Some(n) => {
                            ws.write_number_with_format(r, c, n, &num)?;
                        }
                        None => {
                            ws.write_string(r, c, a.round_fen().format())?;
                        }
                    },
                    Cell::Int(i) => {
                        // Counts of days and minutes: far below 2^53, exact as doubles.
                        ws.write_number(r, c, *i as f64)?;
                    }
                    _ => {}
                }
            }
        }
        for c in 0..sheet.headers.len() {
            let w = width(
                std::iter::once(display_len(&sheet.headers[c]))
                    .chain(sheet.rows.iter().filter_map(|r| r.get(c)).map(cell_len)),
            );
            ws.set_column_width(c as u16, w)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save_to_buffer()
}
