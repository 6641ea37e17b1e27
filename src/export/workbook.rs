//! The report as a workbook *model*: plain data, cheap to build, serialisable to JSON.
//!
//! A [`Workbook`] is sheets → columns (header, width) → rows → cells (text, or a number with its
//! number format), with a frozen header row and a creation date. It is built here from the report
//! and its statement (pure: no clock, no web crate, no XLSX code), and written to bytes by
//! [`super::xlsx`] — natively in the CLI, and in the page by a separate wasm module loaded only
//! when the XLSX button is pressed (`src/bin/lvyue-xlsx.rs`), which receives this model as JSON.
//! So the page's own wasm carries no XLSX, zip or deflate code.
//!
//! Amounts are numeric cells formatted `#,##0.00`, and each money column is followed by the exact
//! decimal as text (`金额（精确）`), so a formula can sum the numbers and a reader can still see
//! the exact figure.
//!
//! **From `Decimal` to the cell's number.** An amount is rounded half-up to the fen and turned
//! into a whole number of fen `n` (an `i64`, exact). The model carries the number as its exact
//! decimal text (`"49200.00"`, never a float, so JSON cannot disturb it); the writer parses it
//! with Rust's correctly rounded `str::parse::<f64>`, which gives the double nearest to `n/100` —
//! the same double as `n as f64 / 100.0` ([`amount_number`]: while `|n| < 2^53`, `n` and `100`
//! are exact doubles and IEEE division is correctly rounded), and the same one Excel would read
//! from the text. An amount below 10^13 yuan has at most 15 significant digits, and every decimal
//! of at most 15 significant digits survives decimal → double → decimal (a double carries 15.95
//! digits), so Excel shows the amount exactly. Larger amounts are written as text.

use chrono::NaiveDate;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::domain::contract::{Contract, Side};
use crate::domain::explain::{self, label, side, steps_text};
use crate::domain::money::Amount;
use crate::domain::outlook;
use crate::domain::report::{Report, Severity};
use crate::domain::statement::{self, Statement};
use crate::domain::{Lang, Localize};

/// The model's format tag.
pub const FORMAT: &str = "lvyue-workbook/1";

/// The number format of amounts.
pub const MONEY_FORMAT: &str = "#,##0.00";

/// The number format of date cells.
pub const DATE_FORMAT: &str = "yyyy-mm-dd";

/// The number format of date-and-time cells.
pub const DATETIME_FORMAT: &str = "yyyy-mm-dd hh:mm";

/// A workbook: what the writer needs, and nothing it would have to compute.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workbook {
    /// Always [`FORMAT`].
    pub format: String,
    /// The document title (its properties).
    pub title: String,
    /// The creation date written into the document properties (the report's as-of date, so the
    /// file does not depend on when it was made).
    pub created: Option<NaiveDate>,
    pub sheets: Vec<Sheet>,
}

/// A sheet: its name, its columns, its rows (below the header row).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows frozen at the top (1: the header row).
    pub frozen_rows: u32,
    /// An autofilter over the header row and every row below it.
    #[serde(default)]
    pub autofilter: bool,
}

/// A column: its header (bold, in the first row) and its width in Excel's units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub header: String,
    pub width: u16,
}

/// A cell of the model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Cell {
    Empty,
    /// Text, including an amount's exact decimal (`"49200.00"`).
    Text {
        text: String,
    },
    /// A number cell: `value` is its exact decimal text, `format` its number format if any.
    Number {
        value: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        format: Option<String>,
    },
    /// A date (`2023-07-15`) or a date and time (`2023-07-15T10:00`), written as a date cell
    /// (a serial number) with its number format ([`DATE_FORMAT`], [`DATETIME_FORMAT`]).
    Date {
        value: String,
        format: String,
    },
}

/// A sheet while it is laid out: headers, and cells whose amounts are still `Amount`s.
struct Layout {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Raw>>,
    /// A list people filter and sum (every sheet but the summary).
    filter: bool,
}

/// A cell while the sheets are laid out.
#[derive(Clone, Debug, PartialEq)]
enum Raw {
    Text(String),
    Money(Amount),
    Int(i64),
    Date(NaiveDate),
    DateTime(chrono::NaiveDateTime),
    Empty,
}

fn date(d: NaiveDate) -> Raw {
    Raw::Date(d)
}

fn opt_date(d: Option<NaiveDate>) -> Raw {
    d.map_or(Raw::Empty, Raw::Date)
}

fn t(s: impl Into<String>) -> Raw {
    Raw::Text(s.into())
}

fn money(a: Amount) -> Raw {
    Raw::Money(a)
}

/// The exact decimal, as text (`49200.00`; a figure of the report is whole fen): text for any
/// amount, however large.
fn exact(a: Amount) -> Raw {
    Raw::Text(a.decimal_text())
}

fn opt_money(a: Option<Amount>) -> [Raw; 2] {
    match a {
        Some(a) => [money(a), exact(a)],
        None => [Raw::Empty, Raw::Empty],
    }
}

/// The cell's number for an amount, or `None` when it cannot be exact (|amount| ≥ 2^53 fen, or
/// beyond `Decimal`'s range in fen): such an amount is written as text, never a panic.
pub fn amount_number(a: Amount) -> Option<f64> {
    let fen = a
        .round_fen()
        .yuan()
        .checked_mul(Decimal::ONE_HUNDRED)?
        .to_i64()?;
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

/// The sheets laid out for a report and its statement (the statement gives the summary).
fn layout(report: &Report, contract: &Contract, st: &Statement) -> Vec<Layout> {
    let lang = st.lang;
    let amount_h = [("金额", "Amount"), ("金额（精确）", "Amount (exact)")];
    let mut out = Vec::new();

    // Summary: identity, totals, readings.
    let mut rows = Vec::new();
    for f in &st.identity {
        rows.push(vec![t(&f.label), t(&f.value), Raw::Empty, Raw::Empty]);
    }
    rows.push(vec![Raw::Empty; 4]);
    for tot in &st.totals {
        match &tot.figure {
            Some(f) => rows.push(vec![
                t(&tot.label),
                money(f.amount),
                exact(f.amount),
                t(&f.words),
            ]),
            None => rows.push(vec![t(&tot.label), t(&tot.value), Raw::Empty, Raw::Empty]),
        }
    }
    for r in &st.readings {
        rows.push(vec![
            t(format!("{} {}", lang.pick("解读", "Reading"), r.clause)),
            money(r.chosen_total.amount),
            exact(r.chosen_total.amount),
            t(format!(
                "{} {}；{}{}",
                lang.pick("采用", "used"),
                r.chosen_label,
                lang.pick("其他：", "others: "),
                r.others_text()
            )),
        ]);
    }
    for p in st.position.iter().chain(&st.rooms) {
        rows.push(vec![Raw::Empty, Raw::Empty, Raw::Empty, t(p)]);
    }
    out.push(Layout {
        filter: false,
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

    // Penalties: one row per penalty line (no subtotal inside the amount columns: the clauses'
    // totals are a sheet of their own, the last).
    let mut rows = Vec::new();
    for c in &report.penalties {
        for l in &c.lines {
            let shared = outlook::shared_cut(report, l)
                .map(|(id, ..)| id)
                .unwrap_or_default();
            rows.push(vec![
                t(&c.clause),
                t(label(&c.title, lang)),
                t(side(l.payer.unwrap_or(c.payer), lang)),
                t(statement::subject_name(contract, report, &l.subject, lang)),
                date(l.date),
                money(l.amount),
                exact(l.amount),
                money(l.uncapped),
                t(steps_text(&l.steps, lang)),
                c.cap.as_ref().map_or(Raw::Empty, |k| money(k.limit)),
                t(shared),
            ]);
        }
    }
    out.push(Layout {
        filter: true,
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
                ("本条上限", "Clause cap"),
                ("共同上限（削减本笔）", "Shared cap (cut this line)"),
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
                t(label(&m.label, lang)),
                a,
                ae,
                opt_date(m.due),
                t(explain::payment_status(m.status, lang)),
                money(m.paid),
                opt_date(m.paid_on),
                money(m.outstanding),
                Raw::Int(m.days_late),
                money(m.penalty),
                money(m.interest),
                money(m.set_off),
                money(m.net_payable),
                exact(m.net_payable),
                t(steps_text(&m.steps, lang)),
            ]
        })
        .collect();
    out.push(Layout {
        filter: true,
        name: lang.pick("付款", "Payments").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("付款节点", "Milestone"),
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
                t(label(&x.label, lang)),
                t(&x.subject),
                t(level_name(contract, x.level.as_deref(), lang)),
                Raw::DateTime(x.started),
                t(explain::span_text(&x.limit, lang)),
                t(explain::deadline_text(x.deadline)),
                x.stopped.map_or(Raw::Empty, Raw::DateTime),
                Raw::Int(x.elapsed_minutes),
                Raw::Int(x.over_minutes),
                t(explain::timer_status(x.status, lang)),
                t(steps_text(&x.steps, lang)),
            ]
        })
        .collect();
    out.push(Layout {
        filter: true,
        name: lang.pick("服务时限", "SLA").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("计时", "Timer"),
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
                date(o.due),
                Raw::Int(o.required.into()),
                Raw::Int(o.done_count.into()),
                opt_date(o.done),
                t(explain::obligation_status(o.status, lang)),
            ]
        })
        .collect();
    out.push(Layout {
        filter: true,
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
    let mut rows: Vec<Vec<Raw>> = report
        .penalties
        .iter()
        .flat_map(|c| &c.rights)
        .chain(&report.rights)
        .map(|r| {
            vec![
                t(&r.clause),
                t(side(r.holder, lang)),
                t(explain::right_name(r.right, lang)),
                opt_date(r.arises),
                Raw::Empty,
                Raw::Empty,
                t(explain::right_line(r, lang)),
            ]
        })
        .collect();
    for e in &report.exposure {
        rows.push(vec![
            t(&e.clause),
            t(side(e.payer, lang)),
            t(lang.pick("风险敞口（最多）", "Exposure (at most)")),
            Raw::Empty,
            money(e.worst),
            exact(e.worst),
            t(explain::exposure_line(e, lang)),
        ]);
    }
    out.push(Layout {
        filter: true,
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
    let mut rows: Vec<Vec<Raw>> = report
        .findings
        .iter()
        .map(|f| {
            vec![
                t(severity_name(f.severity, lang)),
                t(f.clauses.join(", ")),
                t(f.localize(lang)),
            ]
        })
        .collect();
    for w in &report.warnings {
        rows.push(vec![
            t(lang.pick("计算提示", "Note")),
            t(w.clause.clone().unwrap_or_default()),
            t(w.localize(lang)),
        ]);
    }
    out.push(Layout {
        filter: true,
        name: lang.pick("文本检查", "Findings").into(),
        headers: h(
            lang,
            &[
                ("严重程度", "Severity"),
                ("条款", "Clauses"),
                ("说明", "Text"),
            ],
        ),
        rows,
    });

    // The clauses' totals: before caps, the caps, after caps — a sheet of their own, so that
    // the penalties sheet sums without subtotals; its own total in a row below a blank row.
    let mut rows: Vec<Vec<Raw>> = report
        .penalties
        .iter()
        .map(|c| {
            let shared: Vec<&str> = report
                .shared_caps
                .iter()
                .filter(|s| s.clauses.contains(&c.clause))
                .map(|s| s.id.as_str())
                .collect();
            vec![
                t(&c.clause),
                t(label(&c.title, lang)),
                t(side(c.payer, lang)),
                Raw::Int(c.lines.len() as i64),
                money(c.uncapped),
                c.cap.as_ref().map_or(Raw::Empty, |k| money(k.limit)),
                t(shared.join(", ")),
                money(c.total),
                exact(c.total),
            ]
        })
        .collect();
    rows.push(vec![Raw::Empty; 9]);
    for (who, total) in [
        (Side::Seller, report.totals.seller_pays),
        (Side::Buyer, report.totals.buyer_pays),
    ] {
        rows.push(vec![
            t(lang.pick("合计", "Total")),
            Raw::Empty,
            t(side(who, lang)),
            Raw::Empty,
            Raw::Empty,
            Raw::Empty,
            Raw::Empty,
            money(total),
            exact(total),
        ]);
    }
    out.push(Layout {
        filter: false,
        name: lang.pick("条款合计", "Clause totals").into(),
        headers: h(
            lang,
            &[
                ("条款", "Clause"),
                ("条款名称", "Title"),
                ("支付方", "Payer"),
                ("笔数", "Lines"),
                ("封顶前", "Before caps"),
                ("本条上限", "Clause cap"),
                ("共同上限", "Shared caps"),
                ("封顶后", "After caps"),
                ("封顶后（精确）", "After caps (exact)"),
            ],
        ),
        rows,
    });
    out
}

/// A finding's severity in words.
fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "Error"),
        Severity::Warning => lang.pick("提示", "Warning"),
        Severity::Info => lang.pick("说明", "Note"),
    }
}

/// A level by its label (the contract's), not its id.
fn level_name(contract: &Contract, level: Option<&str>, lang: Lang) -> String {
    match level {
        Some(id) => contract
            .levels
            .iter()
            .find(|l| l.id == id)
            .map_or_else(|| id.to_string(), |l| label(&l.label, lang).to_string()),
        None => String::new(),
    }
}

/// A column's width in Excel's units: a CJK character counts twice; at most 60.
fn width(cells: impl Iterator<Item = usize>) -> u16 {
    let w = cells.max().unwrap_or(8).clamp(6, 60);
    (w + 2) as u16
}

fn display_len(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

fn raw_len(c: &Raw) -> usize {
    match c {
        Raw::Text(s) => display_len(s),
        Raw::Money(a) => a.round_fen().format().len(),
        Raw::Int(i) => i.to_string().len(),
        Raw::Date(_) => 10,
        Raw::DateTime(_) => 16,
        Raw::Empty => 0,
    }
}

/// The model's cell for a laid-out cell.
fn cell(raw: &Raw) -> Cell {
    match raw {
        Raw::Text(s) if s.is_empty() => Cell::Empty,
        Raw::Text(s) => Cell::Text { text: s.clone() },
        Raw::Money(a) => match amount_number(*a) {
            Some(_) => Cell::Number {
                value: a.round_fen().decimal_text(),
                format: Some(MONEY_FORMAT.into()),
            },
            None => Cell::Text {
                text: a.round_fen().format(),
            },
        },
        // Counts of days and minutes: far below 2^53, exact as doubles.
        Raw::Int(i) => Cell::Number {
            value: i.to_string(),
            format: None,
        },
        Raw::Date(d) => Cell::Date {
            value: d.to_string(),
            format: DATE_FORMAT.into(),
        },
        Raw::DateTime(d) => Cell::Date {
            value: d.format("%Y-%m-%dT%H:%M").to_string(),
            format: DATETIME_FORMAT.into(),
        },
        Raw::Empty => Cell::Empty,
    }
}

/// The workbook model of a report and its statement (the contract names what the report
/// holds by id: milestones, levels, obligation instances).
pub fn workbook(report: &Report, contract: &Contract, st: &Statement) -> Workbook {
    let sheets = layout(report, contract, st)
        .into_iter()
        .map(|l| Sheet {
            columns: l
                .headers
                .iter()
                .enumerate()
                .map(|(c, header)| Column {
                    header: header.clone(),
                    width: width(
                        std::iter::once(display_len(header))
                            .chain(l.rows.iter().filter_map(|r| r.get(c)).map(raw_len)),
                    ),
                })
                .collect(),
            rows: l
                .rows
                .iter()
                .map(|r| r.iter().map(cell).collect())
                .collect(),
            frozen_rows: 1,
            autofilter: l.filter,
            name: l.name,
        })
        .collect();
    Workbook {
        format: FORMAT.into(),
        title: format!("{} — {}", st.heading, st.title),
        created: Some(report.as_of),
        sheets,
    }
}

/// The model as the JSON the page hands to the XLSX module.
pub fn to_json(wb: &Workbook) -> String {
    serde_json::to_string(wb).unwrap_or_default()
}

/// The model read back from JSON; a bad model is an error naming its place.
///
/// # Errors
/// The JSON path, line and column of what could not be read, or a wrong `format`.
pub fn from_json(json: &str) -> Result<Workbook, String> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let wb: Workbook = serde_path_to_error::deserialize(de)
        .map_err(|e| format!("{} at {}: {}", FORMAT, e.path(), e.inner()))?;
    if wb.format != FORMAT {
        return Err(format!("not {FORMAT}: format is \"{}\"", wb.format));
    }
    Ok(wb)
}
