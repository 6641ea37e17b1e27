//! One worksheet's cells into rows of text: each cell's value as the sheet shows it (a shared
//! or inline string, a number, TRUE/FALSE, a date or time by its format), a formula's saved
//! value (never calculated; one without a value is said), empty cells between as empty text,
//! and a merged range's value in each of its cells (a level merged down a group of rows
//! belongs to every row of it).
//!
//! Why limits before anything is built: a sheet's `dimension` or one cell at `XFD1048576`
//! would otherwise make millions of empty cells; both are refused at their place.

use rust_decimal::Decimal;

use super::dates::{serial_text, Shown};
use super::error::{CellNote, XlsxError};
use super::parts::{walk, Seen};
use crate::domain::document::xml::{attr, name};
use crate::domain::incident_log::Row;

/// The most rows read: a record's list limit and a header.
pub const MAX_ROWS: usize = crate::domain::limits::MAX_RECORDS + 1;
/// The most columns read (an incident log has a dozen or two).
pub const MAX_COLUMNS: usize = 256;
/// The most cells read, empty ones between them counted.
pub const MAX_CELLS: usize = 2_000_000;

/// What a sheet's cells are read with.
pub struct Context<'a> {
    pub sheet: &'a str,
    pub part: &'a str,
    pub shared: &'a [String],
    pub styles: &'a [Shown],
    pub date1904: bool,
}

impl Context<'_> {
    fn place(&self, cell: &str) -> String {
        format!("{}!{cell}", self.sheet)
    }
}

/// A column's letters (`0` → `A`, `27` → `AB`).
pub fn column_name(mut k: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (k % 26) as u8);
        if k < 26 {
            break;
        }
        k = k / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A cell reference (`C7`, `$C$7`) as (column from 0, row from 1); None when it is not one.
pub fn parse_ref(r: &str) -> Option<(usize, usize)> {
    let r = r.trim().replace('$', "");
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0usize, |n, b| {
        n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1
    });
    let row: usize = digits.parse().ok().filter(|&n| n > 0)?;
    Some((col - 1, row))
}

/// The cell being read.
#[derive(Default)]
struct Cell {
    at: String,
    kind: String,
    style: usize,
    value: String,
    inline: String,
    formula: String,
    has_formula: bool,
    has_value: bool,
}

/// Where the walk is.
#[derive(Default)]
struct Walk {
    rows: Vec<Row>,
    notes: Vec<CellNote>,
    merges: Vec<String>,
    cell: Option<Cell>,
    row: Option<(usize, Vec<String>)>,
    last_row: usize,
    next_col: usize,
    cells: usize,
    text: Option<u8>,
    /// Depth inside phonetic guides (`rPh`: the reading of a rich text, not its text).
    phonetic: usize,
}

/// The rows of a sheet (rows with nothing in them left out) and what was said of its cells.
pub fn read(xml: &str, cx: &Context<'_>) -> Result<(Vec<Row>, Vec<CellNote>), XlsxError> {
    let mut w = Walk::default();
    walk(xml, cx.part, |s| w.step(s, cx))?;
    if let Some(r) = w.row.take() {
        w.push_row(r);
    }
    merge(&mut w.rows, &w.merges, cx, w.cells)?;
    Ok((w.rows, w.notes))
}

impl Walk {
    fn step(&mut self, s: Seen<'_, '_>, cx: &Context<'_>) -> Result<(), XlsxError> {
        match s {
            Seen::Open(e, empty) => match name(e) {
                b"dimension" => {
                    if let Some(end) =
                        attr(e, b"ref").and_then(|r| r.rsplit(':').next().map(str::to_string))
                    {
                        if let Some((c, r)) = parse_ref(&end) {
                            check(cx, &end, c, r)?;
                        }
                    }
                }
                b"row" => {
                    if let Some(r) = self.row.take() {
                        self.push_row(r);
                    }
                    let n = attr(e, b"r")
                        .and_then(|v| v.trim().parse().ok())
                        .unwrap_or(self.last_row + 1);
                    if n > MAX_ROWS {
                        return Err(too_large(cx, &format!("A{n}")));
                    }
                    self.last_row = n;
                    self.next_col = 0;
                    self.row = Some((n, Vec::new()));
                }
                b"c" => {
                    self.cell = Some(Cell {
                        at: attr(e, b"r").unwrap_or_default(),
                        kind: attr(e, b"t").unwrap_or_default(),
                        style: attr(e, b"s")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0),
                        ..Cell::default()
                    });
                }
                b"v" => self.text = Some(b'v'),
                b"f" => {
                    self.text = Some(b'f');
                    if let Some(c) = self.cell.as_mut() {
                        c.has_formula = true;
                    }
                }
                b"t" => self.text = Some(b't'),
                b"rPh" if !empty => self.phonetic += 1,
                b"mergeCell" => self.merges.extend(attr(e, b"ref")),
                _ => {}
            },
            Seen::Text(t) if self.phonetic == 0 => {
                if let Some(c) = self.cell.as_mut() {
                    match self.text {
                        Some(b'v') => {
                            c.value.push_str(&t);
                            c.has_value = true;
                        }
                        Some(b'f') => c.formula.push_str(&t),
                        Some(b't') => c.inline.push_str(&t),
                        _ => {}
                    }
                }
            }
            Seen::Text(_) => {}
            Seen::Close(n) => match n {
                b"v" | b"f" | b"t" => self.text = None,
                b"rPh" => self.phonetic = self.phonetic.saturating_sub(1),
                b"c" => {
                    if let Some(c) = self.cell.take() {
                        self.end_cell(c, cx)?;
                    }
                }
                b"row" => {
                    if let Some(r) = self.row.take() {
                        self.push_row(r);
                    }
                }
                _ => {}
            },
        }
        Ok(())
    }

    fn end_cell(&mut self, c: Cell, cx: &Context<'_>) -> Result<(), XlsxError> {
        let (col, rown) = match parse_ref(&c.at) {
            Some(x) => x,
            None if c.at.is_empty() => (self.next_col, self.last_row.max(1)),
            None => {
                return Err(XlsxError::BadCell {
                    place: cx.place(&c.at),
                    reason: "not a cell reference".into(),
                })
            }
        };
        let at = format!("{}{rown}", column_name(col));
        check(cx, &at, col, rown)?;
        let text = value(&c, cx, &at, &mut self.notes)?;
        self.next_col = col + 1;
        if self.row.as_ref().is_none_or(|(n, _)| *n != rown) {
            if let Some(r) = self.row.take() {
                self.push_row(r);
            }
            self.row = Some((rown, Vec::new()));
            self.last_row = rown;
        }
        if let Some((_, cells)) = self.row.as_mut() {
            if cells.len() <= col {
                self.cells += col + 1 - cells.len();
                if self.cells > MAX_CELLS {
                    return Err(XlsxError::TooManyCells {
                        place: cx.place(&at),
                        limit: MAX_CELLS,
                    });
                }
                cells.resize(col + 1, String::new());
            }
            cells[col] = text;
        }
        Ok(())
    }

    fn push_row(&mut self, (line, cells): (usize, Vec<String>)) {
        self.rows.push(Row { line, cells });
    }
}

fn too_large(cx: &Context<'_>, at: &str) -> XlsxError {
    XlsxError::SheetTooLarge {
        place: cx.place(at),
        rows: MAX_ROWS,
        columns: MAX_COLUMNS,
    }
}

fn check(cx: &Context<'_>, at: &str, col: usize, row: usize) -> Result<(), XlsxError> {
    if col >= MAX_COLUMNS || row > MAX_ROWS {
        return Err(too_large(cx, at));
    }
    Ok(())
}

/// A cell's text as the sheet shows it.
fn value(
    c: &Cell,
    cx: &Context<'_>,
    at: &str,
    notes: &mut Vec<CellNote>,
) -> Result<String, XlsxError> {
    let v = c.value.trim();
    if c.kind == "inlineStr" {
        return Ok(c.inline.clone());
    }
    if c.has_formula && (!c.has_value || (v.is_empty() && c.kind != "str")) {
        notes.push(CellNote::FormulaWithoutValue {
            place: cx.place(at),
            formula: c.formula.trim().to_string(),
        });
        return Ok(String::new());
    }
    Ok(match c.kind.as_str() {
        "s" => {
            let k: usize = v.parse().map_err(|_| bad(cx, at, "shared string index"))?;
            cx.shared
                .get(k)
                .cloned()
                .ok_or_else(|| bad(cx, at, "no such shared string"))?
        }
        "str" | "e" => c.value.clone(),
        "b" => match v {
            "1" | "true" => "TRUE".into(),
            _ => "FALSE".into(),
        },
        "d" => iso_date(v),
        _ => number(
            v,
            cx.styles.get(c.style).copied().unwrap_or(Shown::Number),
            cx.date1904,
        ),
    })
}

fn bad(cx: &Context<'_>, at: &str, reason: &str) -> XlsxError {
    XlsxError::BadCell {
        place: cx.place(at),
        reason: reason.into(),
    }
}

/// A number as its format shows it: a date or time, or the number with at most 15
/// significant digits (as Excel shows `0.30000000000000004`), without trailing zeros.
fn number(v: &str, shown: Shown, date1904: bool) -> String {
    let Some(n) = v
        .parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(v).ok())
    else {
        return v.to_string();
    };
    if shown != Shown::Number {
        if let Some(t) = serial_text(n, shown, date1904) {
            return t;
        }
    }
    n.round_sf(15).unwrap_or(n).normalize().to_string()
}

/// An ISO 8601 date cell (`t="d"`) as `YYYY-MM-DD HH:MM[:SS]`.
fn iso_date(v: &str) -> String {
    let v = v.trim_end_matches('Z');
    let v = v.split('.').next().unwrap_or(v);
    match v.split_once('T') {
        Some((d, "00:00:00")) => d.to_string(),
        Some((d, t)) => format!("{d} {}", t.strip_suffix(":00").unwrap_or(t)),
        None => v.to_string(),
    }
}

/// Each merged range's first cell's value written into the range's other cells. `work` counts
/// the cells made so far and every cell a range visits, against [`MAX_CELLS`]: overlapping
/// ranges over a large sheet are refused rather than filled for minutes. Rows are in the
/// sheet's order (ascending, as the format requires), so a range's rows are found by halving.
fn merge(
    rows: &mut Vec<Row>,
    merges: &[String],
    cx: &Context<'_>,
    mut work: usize,
) -> Result<(), XlsxError> {
    for m in merges {
        let Some((a, b)) = m.split_once(':') else {
            continue;
        };
        let (Some((c0, r0)), Some((c1, r1))) = (parse_ref(a), parse_ref(b)) else {
            continue;
        };
        let (c1, r1) = (c1.min(MAX_COLUMNS - 1), r1.min(MAX_ROWS));
        if c0 > c1 || r0 > r1 {
            continue;
        }
        let from = rows.partition_point(|r| r.line < r0);
        let to = rows.partition_point(|r| r.line <= r1).max(from);
        let Some(v) = (rows.get(from))
            .filter(|r| r.line == r0)
            .and_then(|r| r.cells.get(c0))
            .filter(|v| !v.is_empty())
            .cloned()
        else {
            continue;
        };
        work = work.saturating_add((to - from).saturating_mul(c1 + 1));
        if work > MAX_CELLS {
            return Err(XlsxError::TooManyCells {
                place: cx.place(m),
                limit: MAX_CELLS,
            });
        }
        for r in &mut rows[from..to] {
            if r.cells.len() <= c1 {
                r.cells.resize(c1 + 1, String::new());
            }
            for cell in &mut r.cells[c0..=c1] {
                if cell.is_empty() {
                    *cell = v.clone();
                }
            }
        }
    }
    rows.retain(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs() {
        assert_eq!(parse_ref("C7"), Some((2, 7)));
        assert_eq!(parse_ref("$AB$12"), Some((27, 12)));
        assert_eq!(parse_ref("XFD1048576"), Some((16383, 1_048_576)));
        assert_eq!(parse_ref("7C"), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(16383), "XFD");
        assert_eq!(iso_date("2023-03-10T09:00:00Z"), "2023-03-10 09:00");
    }
}
