//! Incident logs as tables: rows pasted from Excel/WPS (TSV) or a help-desk export (CSV) into
//! the record's incidents.
//!
//! Why here: what a row means is a rule of the record, not of the page — the headers a
//! help-desk export uses (故障时间, 响应时间, 到场时间, 解决时间, 故障等级, 系统, 描述), the
//! names of the contract's levels and items as people write them, and the order of times. The
//! page only shows the mapping ([`guess`]) for the user to confirm, and the rows that could not
//! be read with their reasons ([`RowProblem`]): no row is dropped and no column is left out
//! without saying so. Pure: no clock, no UI crate; the ids of new incidents come from the
//! record given.

use chrono::NaiveDateTime;

use crate::domain::calendar::parse_datetime;
use crate::domain::contract::{Contract, Formula, Label, Penalty, Rule, Trigger};
use crate::domain::events::{Events, Incident};
use crate::domain::labels::Labels;
use crate::domain::lang::Localize;
use crate::domain::Lang;

/// A field of an incident a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Reported,
    Notified,
    Responded,
    Diagnosed,
    OnSite,
    Workaround,
    Resolved,
    ReportedBack,
    Level,
    Item,
    Kind,
    Complaint,
    /// Not imported (the record has no place for it: a description, a ticket's owner…).
    Ignore,
}

impl Field {
    /// Every field, in the order a mapping offers them.
    pub const ALL: [Field; 14] = [
        Field::Id,
        Field::Reported,
        Field::Notified,
        Field::Responded,
        Field::Diagnosed,
        Field::OnSite,
        Field::Workaround,
        Field::Resolved,
        Field::ReportedBack,
        Field::Level,
        Field::Item,
        Field::Kind,
        Field::Complaint,
        Field::Ignore,
    ];

    /// The grid's columns, left to right (a paste without a header fills them in this order,
    /// from the column it lands in).
    pub const GRID: [Field; 11] = [
        Field::Id,
        Field::Reported,
        Field::Level,
        Field::Item,
        Field::Kind,
        Field::Responded,
        Field::OnSite,
        Field::Workaround,
        Field::Resolved,
        Field::ReportedBack,
        Field::Complaint,
    ];

    /// A stable key (a select's value, a cell's `data-col`).
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Reported => "reported",
            Field::Notified => "notified",
            Field::Responded => "responded",
            Field::Diagnosed => "diagnosed",
            Field::OnSite => "on_site",
            Field::Workaround => "workaround",
            Field::Resolved => "resolved",
            Field::ReportedBack => "reported_back",
            Field::Level => "level",
            Field::Item => "item",
            Field::Kind => "kind",
            Field::Complaint => "complaint",
            Field::Ignore => "ignore",
        }
    }

    /// The field with this key.
    pub fn from_key(k: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == k)
    }

    /// The field's name.
    pub fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Field::Id => ("编号", "Id"),
            Field::Reported => ("报告时间", "Reported"),
            Field::Notified => ("通知时间", "Notified"),
            Field::Responded => ("响应时间", "Responded"),
            Field::Diagnosed => ("诊断时间", "Diagnosed"),
            Field::OnSite => ("到场时间", "On site"),
            Field::Workaround => ("临时恢复", "Workaround"),
            Field::Resolved => ("解决时间", "Resolved"),
            Field::ReportedBack => ("故障报告提交", "Report delivered"),
            Field::Level => ("级别", "Level"),
            Field::Item => ("系统", "System"),
            Field::Kind => ("类型", "Kind"),
            Field::Complaint => ("投诉级别", "Complaint"),
            Field::Ignore => ("不导入", "Not imported"),
        };
        lang.pick(zh, en)
    }

    /// Whether the field is an instant.
    pub fn is_time(self) -> bool {
        matches!(
            self,
            Field::Reported
                | Field::Notified
                | Field::Responded
                | Field::Diagnosed
                | Field::OnSite
                | Field::Workaround
                | Field::Resolved
                | Field::ReportedBack
        )
    }

    /// The instant this field holds in `i` (None for the other fields).
    pub fn instant(self, i: &Incident) -> Option<NaiveDateTime> {
        match self {
            Field::Reported => Some(i.reported),
            Field::Notified => i.notified,
            Field::Responded => i.responded,
            Field::Diagnosed => i.diagnosed,
            Field::OnSite => i.on_site,
            Field::Workaround => i.workaround,
            Field::Resolved => i.resolved,
            Field::ReportedBack => i.reported_back,
            _ => None,
        }
    }

    /// The optional instant this field is in `i` (None for `reported` and the other fields).
    pub fn slot(self, i: &mut Incident) -> Option<&mut Option<NaiveDateTime>> {
        match self {
            Field::Notified => Some(&mut i.notified),
            Field::Responded => Some(&mut i.responded),
            Field::Diagnosed => Some(&mut i.diagnosed),
            Field::OnSite => Some(&mut i.on_site),
            Field::Workaround => Some(&mut i.workaround),
            Field::Resolved => Some(&mut i.resolved),
            Field::ReportedBack => Some(&mut i.reported_back),
            _ => None,
        }
    }
}

/// The words a header is recognised by, most specific first (a header is lower-cased and its
/// blanks removed before it is compared).
const WORDS: [(Field, &[&str]); 13] = [
    (
        Field::ReportedBack,
        &[
            "故障报告提交",
            "报告提交",
            "提交报告",
            "reportdelivered",
            "reported_back",
            "reportedback",
        ],
    ),
    (
        Field::Reported,
        &[
            "故障时间",
            "报告时间",
            "报修时间",
            "发生时间",
            "创建时间",
            "提交时间",
            "reported",
            "opened",
            "created",
        ],
    ),
    (Field::Notified, &["通知时间", "notified"]),
    (
        Field::Responded,
        &["响应时间", "受理时间", "responded", "response"],
    ),
    (Field::Diagnosed, &["诊断时间", "定位时间", "diagnosed"]),
    (
        Field::OnSite,
        &[
            "到场时间",
            "到达时间",
            "上门时间",
            "onsite",
            "on_site",
            "arrived",
        ],
    ),
    (Field::Workaround, &["临时恢复", "临时解决", "workaround"]),
    (
        Field::Resolved,
        &[
            "解决时间",
            "恢复时间",
            "修复时间",
            "关闭时间",
            "完成时间",
            "resolved",
            "closed",
            "fixed",
        ],
    ),
    (
        Field::Level,
        &[
            "故障等级",
            "故障级别",
            "等级",
            "级别",
            "优先级",
            "severity",
            "level",
            "priority",
        ],
    ),
    (
        Field::Item,
        &[
            "子系统",
            "系统",
            "项目",
            "服务对象",
            "item",
            "system",
            "subsystem",
        ],
    ),
    (Field::Complaint, &["投诉", "complaint"]),
    (
        Field::Kind,
        &[
            "故障类型",
            "事件类型",
            "类型",
            "类别",
            "kind",
            "type",
            "category",
        ],
    ),
    (
        Field::Id,
        &["编号", "工单号", "单号", "序号", "id", "ticket", "no."],
    ),
];

/// The field a column header names (`Ignore` when none: 描述, 处理人…).
pub fn guess(header: &str) -> Field {
    let h: String = header
        .trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .split_whitespace()
        .collect();
    if h.is_empty() {
        return Field::Ignore;
    }
    // An exact word first (`id`, `type`), then a word the header contains.
    (WORDS.iter().find(|(_, w)| w.contains(&h.as_str())))
        .or_else(|| WORDS.iter().find(|(_, w)| w.iter().any(|w| h.contains(w))))
        .map_or(Field::Ignore, |(f, _)| *f)
}

/// The mapping of a header row: one field per column, each field at most once (a later column
/// naming a field already taken is not imported).
pub fn guess_all(headers: &[String]) -> Vec<Field> {
    let mut out: Vec<Field> = Vec::with_capacity(headers.len());
    for h in headers {
        let f = guess(h);
        out.push(if f != Field::Ignore && out.contains(&f) {
            Field::Ignore
        } else {
            f
        });
    }
    out
}

/// One row of a table: its line in the text (1-based) and its cells.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// The table in a pasted or imported text: tab-separated when its first line has a tab, else
/// comma-separated (or semicolon-separated when the first line has semicolons and no comma).
/// Quotes as Excel and RFC 4180 write them (`"a, ""b"""`, a newline inside quotes); a BOM and
/// CRs are dropped; lines with nothing in them are not rows.
pub fn parse_table(text: &str) -> Vec<Row> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let sep = if first.contains('\t') {
        '\t'
    } else if first.contains(';') && !first.contains(',') {
        ';'
    } else {
        ','
    };
    let mut rows = Vec::new();
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted, mut at_start) = (1usize, 1usize, false, true);
    let mut chars = text.chars().peekable();
    let mut end_row = |cells: &mut Vec<String>, cell: &mut String, start: usize| {
        cells.push(std::mem::take(cell));
        let c = std::mem::take(cells);
        if c.iter().any(|x| !x.trim().is_empty()) {
            rows.push(Row {
                line: start,
                cells: c,
            });
        }
    };
    while let Some(ch) = chars.next() {
        match ch {
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            }
            '"' if at_start => quoted = true,
            '\r' => {}
            '\n' if quoted => {
                line += 1;
                cell.push('\n');
            }
            '\n' => {
                end_row(&mut cells, &mut cell, start);
                line += 1;
                start = line;
                at_start = true;
                continue;
            }
            c if c == sep && !quoted => {
                cells.push(std::mem::take(&mut cell));
                at_start = true;
                continue;
            }
            c => cell.push(c),
        }
        at_start = false;
    }
    end_row(&mut cells, &mut cell, start);
    rows
}

/// Whether a row is a header: some cell names a field and none is an instant.
pub fn is_header(row: &Row) -> bool {
    row.cells.iter().any(|c| guess(c) != Field::Ignore)
        && row.cells.iter().all(|c| parse_datetime(c).is_err())
}

/// A row that could not be read, or a column not imported, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's line in the text (0: the whole table, a column).
    pub line: usize,
    pub zh: String,
    pub en: String,
}

impl Localize for RowProblem {
    fn localize(&self, lang: Lang) -> String {
        let text = lang.pick(&self.zh, &self.en);
        match (self.line, lang) {
            (0, _) => text.to_string(),
            (n, Lang::Zh) => format!("第 {n} 行：{text}"),
            (n, Lang::En) => format!("line {n}: {text}"),
        }
    }
}

/// What a table gave: the incidents read (in the table's order) and what could not be.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Read {
    pub incidents: Vec<Incident>,
    pub problems: Vec<RowProblem>,
}

/// The level a new incident takes: the least severe the contract declares (levels are listed
/// most severe first; a level not `major` is preferred).
pub fn least_severe(c: &Contract) -> String {
    (c.levels.iter().rev().find(|l| !l.major))
        .or(c.levels.last())
        .map(|l| l.id.clone())
        .unwrap_or_default()
}

fn norm(s: &str) -> String {
    s.trim().to_lowercase().split_whitespace().collect()
}

/// The declared name a cell means: an id, or a label in either language (exactly, then the one
/// label that contains it or that it contains).
fn pick<'a>(
    cell: &str,
    named: impl Iterator<Item = (&'a str, &'a Label)> + Clone,
) -> Option<String> {
    let c = norm(cell);
    let words = |l: &Label| [Some(norm(&l.zh)), l.en.as_deref().map(norm)];
    if let Some((id, _)) = named
        .clone()
        .find(|(id, l)| norm(id) == c || words(l).iter().flatten().any(|w| *w == c))
    {
        return Some(id.to_string());
    }
    let mut near = named.filter(|(_, l)| {
        words(l)
            .iter()
            .flatten()
            .any(|w| !w.is_empty() && (w.contains(&c) || c.contains(w.as_str())))
    });
    match (near.next(), near.next()) {
        (Some((id, _)), None) => Some(id.to_string()),
        _ => None,
    }
}

/// The level a cell names (id or label).
pub fn level_of(c: &Contract, cell: &str) -> Option<String> {
    pick(cell, c.levels.iter().map(|l| (l.id.as_str(), &l.label)))
}

/// The item a cell names (id or name).
pub fn item_of(c: &Contract, cell: &str) -> Option<String> {
    pick(cell, c.items.iter().map(|i| (i.id.as_str(), &i.name)))
}

/// The complaint levels some clause multiplies by, with the factor, in the contract's order.
pub fn complaint_levels(c: &Contract) -> Vec<(String, rust_decimal::Decimal)> {
    let mut out: Vec<(String, rust_decimal::Decimal)> = Vec::new();
    for cl in &c.clauses {
        if let Rule::Penalty(Penalty {
            formula: Formula::PerOccurrence(po),
            ..
        }) = &cl.rule
        {
            for m in &po.multipliers {
                if let Some(k) = m
                    .complaint
                    .as_ref()
                    .filter(|k| !out.iter().any(|o| &o.0 == *k))
                {
                    out.push((k.clone(), m.factor));
                }
            }
        }
    }
    out
}

/// The incident kinds the contract names (the `kinds` its incident triggers count), in the
/// order it names them: what a record's `kind` should be one of. Empty when it names none.
pub fn declared_kinds(c: &Contract) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for cl in &c.clauses {
        let Rule::Penalty(p) = &cl.rule else { continue };
        let kinds = match &p.trigger {
            Trigger::Incident { kinds, .. } => kinds,
            Trigger::Consecutive { incidents, .. } => &incidents.kinds,
            _ => continue,
        };
        for k in kinds {
            if !out.contains(k) {
                out.push(k.clone());
            }
        }
    }
    out
}

/// The kinds a kind cell offers, as (value, name): the contract's declared kinds where it names
/// some ([`declared_kinds`]); where it names none, the kinds the record already uses (any one
/// then counts the same, so none is wrong). Each by its declared label, else words derived
/// from it ([`Labels::name`]), never the id as written. A record's value outside the list is
/// the caller's to show flagged ([`kind_name`]).
pub fn kind_options(
    c: &Contract,
    e: &Events,
    labels: &Labels,
    lang: Lang,
) -> Vec<(String, String)> {
    let mut kinds = declared_kinds(c);
    if kinds.is_empty() {
        for k in e.incidents.iter().filter_map(|i| i.kind.as_ref()) {
            if !kinds.contains(k) {
                kinds.push(k.clone());
            }
        }
    }
    kinds
        .into_iter()
        .map(|k| {
            let n = kind_name(&k, labels, lang);
            (k, n)
        })
        .collect()
}

/// A kind's name: its declared label, else words derived from it.
pub fn kind_name(kind: &str, labels: &Labels, lang: Lang) -> String {
    labels.name(kind, lang)
}

/// A complaint level's name: the usual bodies by name, any other by the factor it brings.
pub fn complaint_label(id: &str, factor: rust_decimal::Decimal, lang: Lang) -> String {
    let known = match id {
        "city_government" => Some(("投诉至市委市政府", "Complaint to the city government")),
        "health_bureau" => Some(("投诉至卫生健康局", "Complaint to the health bureau")),
        _ => None,
    };
    match known {
        Some((zh, en)) => format!("{}（×{}）", lang.pick(zh, en), factor.normalize()),
        None => match lang {
            Lang::Zh => format!("投诉（按 {} 倍计）", factor.normalize()),
            Lang::En => format!("Complaint (×{})", factor.normalize()),
        },
    }
}

/// The complaint level a cell names: its id, or its name in either language.
pub fn complaint_of(c: &Contract, cell: &str) -> Option<String> {
    let n = norm(cell);
    complaint_levels(c).into_iter().find_map(|(id, f)| {
        let names = [
            id.clone(),
            complaint_label(&id, f, Lang::Zh),
            complaint_label(&id, f, Lang::En),
        ];
        names
            .iter()
            .any(|x| norm(x) == n || (n.len() >= 2 && norm(x).contains(&n)))
            .then_some(id)
    })
}

/// Why instant `field` = `t` of incident `i` is out of order (None: in order): every time is
/// at or after the report, and the fault report at or after the fix.
pub fn order_error(i: &Incident, field: Field, t: NaiveDateTime, lang: Lang) -> Option<String> {
    let mut x = i.clone();
    match field {
        Field::Reported => x.reported = t,
        f => *f.slot(&mut x)? = Some(t),
    }
    let later = [
        Field::Notified,
        Field::Responded,
        Field::Diagnosed,
        Field::OnSite,
        Field::Workaround,
        Field::Resolved,
        Field::ReportedBack,
    ];
    let say = |a: Field, at: NaiveDateTime, b: Field, bt: NaiveDateTime| match lang {
        Lang::Zh => format!(
            "{}（{}）早于{}（{}）",
            a.name(lang),
            at.format("%Y-%m-%d %H:%M"),
            b.name(lang),
            bt.format("%Y-%m-%d %H:%M")
        ),
        Lang::En => format!(
            "{} ({}) is before {} ({})",
            a.name(lang),
            at.format("%Y-%m-%d %H:%M"),
            b.name(lang).to_lowercase(),
            bt.format("%Y-%m-%d %H:%M")
        ),
    };
    for f in later {
        if let Some(at) = f.instant(&x).filter(|at| *at < x.reported) {
            return Some(say(f, at, Field::Reported, x.reported));
        }
    }
    match (x.reported_back, x.resolved) {
        (Some(b), Some(r)) if b < r => Some(say(Field::ReportedBack, b, Field::Resolved, r)),
        _ => None,
    }
}

/// The rows of `rows` as incidents of contract `c`, their columns read as `mapping` says, new
/// ids one past those of record `e`. A row that cannot be read is not added and says why; a
/// column not imported that holds something is said once.
pub fn read(
    c: &Contract,
    e: &Events,
    header: Option<&Row>,
    rows: &[Row],
    mapping: &[Field],
) -> Read {
    let mut out = Read::default();
    if let Some(h) = header {
        for (k, f) in mapping.iter().enumerate() {
            let name = h.cells.get(k).map(|s| s.trim()).unwrap_or("");
            let used = rows
                .iter()
                .any(|r| r.cells.get(k).is_some_and(|x| !x.trim().is_empty()));
            if *f == Field::Ignore && used {
                out.problems.push(RowProblem {
                    line: 0,
                    zh: format!("“{name}”列未导入：履约记录没有对应的栏目"),
                    en: format!(
                        "column \"{name}\" is not imported: the record has no field for it"
                    ),
                });
            }
        }
    }
    if !mapping.contains(&Field::Reported) {
        out.problems.push(RowProblem {
            line: 0,
            zh: "没有一列是报告时间：请指定哪一列是故障或报告时间".into(),
            en: "no column is the time reported: say which column is".into(),
        });
        return out;
    }
    let mut taken: Vec<String> = e.incidents.iter().map(|i| i.id.clone()).collect();
    for row in rows {
        match read_row(c, row, mapping, &taken) {
            Ok(i) => {
                taken.push(i.id.clone());
                out.incidents.push(i);
            }
            Err((zh, en)) => out.problems.push(RowProblem {
                line: row.line,
                zh,
                en,
            }),
        }
    }
    out
}

type Why = (String, String);

/// A label in the language (the Chinese where it has no English).
/// `prefix-N`, one past the largest N in use.
pub fn next_id(prefix: &str, taken: &[String]) -> String {
    let n = (taken.iter())
        .filter_map(|t| {
            t.strip_prefix(prefix)?
                .strip_prefix('-')?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}-{}", n + 1)
}

fn read_row(c: &Contract, row: &Row, mapping: &[Field], taken: &[String]) -> Result<Incident, Why> {
    let cell = |f: Field| {
        (mapping.iter().position(|m| *m == f))
            .and_then(|k| row.cells.get(k))
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
    };
    let time = |f: Field| -> Result<Option<NaiveDateTime>, Why> {
        cell(f)
            .map(|s| {
                parse_datetime(s).map_err(|e| {
                    (
                        format!("{}：{}", f.name(Lang::Zh), e.localize(Lang::Zh)),
                        format!("{}: {}", f.name(Lang::En), e.localize(Lang::En)),
                    )
                })
            })
            .transpose()
    };
    let reported = time(Field::Reported)?
        .ok_or_else(|| ("没有报告时间".to_string(), "no time reported".to_string()))?;
    let level = match cell(Field::Level) {
        None => least_severe(c),
        Some(s) => level_of(c, s).ok_or_else(|| {
            let names = |lang: Lang| {
                c.levels
                    .iter()
                    .map(|l| crate::domain::explain::label(&l.label, lang))
                    .collect::<Vec<_>>()
                    .join(lang.pick("、", ", "))
            };
            (
                format!("级别“{s}”不是本合同的级别（{}）", names(Lang::Zh)),
                format!(
                    "level \"{s}\" is not one of the contract's ({})",
                    names(Lang::En)
                ),
            )
        })?,
    };
    let item = match cell(Field::Item) {
        None => None,
        Some(s) => Some(item_of(c, s).ok_or_else(|| {
            (
                format!("系统“{s}”不是本合同的服务对象"),
                format!("system \"{s}\" is not one of the contract's items"),
            )
        })?),
    };
    let complaint = match cell(Field::Complaint) {
        None => None,
        Some(s) => Some(complaint_of(c, s).ok_or_else(|| {
            (
                format!("投诉级别“{s}”不是本合同按投诉计的级别"),
                format!("complaint \"{s}\" is not a complaint level the contract prices"),
            )
        })?),
    };
    let id = match cell(Field::Id) {
        Some(s) if taken.iter().any(|t| t == s) => {
            return Err((format!("编号“{s}”已被使用"), format!("id \"{s}\" is taken")))
        }
        Some(s) => s.to_string(),
        None => next_id("inc", taken),
    };
    let mut inc = Incident {
        id,
        item,
        kind: cell(Field::Kind).map(str::to_string),
        level,
        reported,
        notified: None,
        responded: None,
        diagnosed: None,
        on_site: None,
        workaround: None,
        resolved: None,
        reported_back: None,
        resident: None,
        excuse: None,
        complaint,
        facts: Default::default(),
    };
    for f in Field::ALL.into_iter().filter(|f| f.is_time()) {
        if let Some(t) = time(f)? {
            if let Some(slot) = f.slot(&mut inc) {
                *slot = Some(t);
            }
        }
    }
    if let Some(f) = Field::ALL
        .into_iter()
        .filter(|f| f.is_time())
        .find_map(|f| {
            let t = f.instant(&inc)?;
            order_error(&inc, f, t, Lang::Zh).map(|zh| (zh, order_error(&inc, f, t, Lang::En)))
        })
    {
        return Err((f.0, f.1.unwrap_or_default()));
    }
    Ok(inc)
}

/// A pasted or imported text as it will be read: its header (when the first row is one), its
/// rows and the mapping guessed from the header — or, with no header, the grid's columns from
/// `from` on.
pub fn prepare(text: &str, from: usize) -> (Option<Row>, Vec<Row>, Vec<Field>) {
    prepare_rows(parse_table(text), from)
}

/// [`prepare`] of a table already in rows (a workbook's sheet, `domain::spreadsheet`).
pub fn prepare_rows(mut rows: Vec<Row>, from: usize) -> (Option<Row>, Vec<Row>, Vec<Field>) {
    let header = (rows.first().is_some_and(is_header)).then(|| rows.remove(0));
    let width = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mapping = match &header {
        Some(h) => guess_all(&h.cells),
        None => (0..width)
            .map(|k| Field::GRID.get(from + k).copied().unwrap_or(Field::Ignore))
            .collect(),
    };
    (header, rows, mapping)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        let r = parse_table("\u{feff}a\tb\r\n\r\n\"x\ty\"\t\"say \"\"hi\"\"\"\n");
        assert_eq!(r.len(), 2);
        assert_eq!(r[1].cells, ["x\ty", "say \"hi\""]);
        assert_eq!(r[1].line, 3);
        let r = parse_table("a,b\n\"1\n2\",3\n4,5");
        assert_eq!(r[1].cells, ["1\n2", "3"]);
        assert_eq!((r[1].line, r[2].line), (2, 4));
        assert_eq!(parse_table("a;b\n1;2")[1].cells, ["1", "2"]);
    }

    #[test]
    fn headers() {
        let h: Vec<String> = [
            "故障时间",
            "报告时间",
            "到场时间",
            "恢复时间",
            "故障等级",
            "子系统",
            "描述",
            "ID",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            guess_all(&h),
            [
                Field::Reported,
                Field::Ignore,
                Field::OnSite,
                Field::Resolved,
                Field::Level,
                Field::Item,
                Field::Ignore,
                Field::Id
            ]
        );
        assert_eq!(guess("故障报告提交时间"), Field::ReportedBack);
        assert_eq!(guess("Response time"), Field::Responded);
    }
}

/// What a grid cell shows of incident `i`'s `field`: an instant as `YYYY-MM-DD HH:MM`, a
/// declared name as its id (the select shows its label), empty when not stated.
pub fn cell_text(i: &Incident, field: Field) -> String {
    let t = |x: Option<NaiveDateTime>| x.map(|t| t.format("%Y-%m-%d %H:%M").to_string());
    match field {
        Field::Id => Some(i.id.clone()),
        Field::Level => Some(i.level.clone()),
        Field::Item => i.item.clone(),
        Field::Kind => i.kind.clone(),
        Field::Complaint => i.complaint.clone(),
        Field::Ignore => None,
        f => t(f.instant(i)),
    }
    .unwrap_or_default()
}

/// Why a cell's text cannot be taken, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellError {
    pub zh: String,
    pub en: String,
}

impl Localize for CellError {
    fn localize(&self, lang: Lang) -> String {
        lang.pick(&self.zh, &self.en).to_string()
    }
}

/// Sets incident `i`'s `field` of record `e` to the cell text `text` (a select's value, or
/// what was typed), or says why it cannot: an instant that does not parse or is out of order, a
/// taken or empty id, a name the contract does not declare. Nothing is changed on an error.
pub fn set_cell(
    c: &Contract,
    e: &mut Events,
    i: usize,
    field: Field,
    text: &str,
) -> Result<(), CellError> {
    let err = |zh: String, en: String| CellError { zh, en };
    let v = text.trim();
    let taken = e
        .incidents
        .iter()
        .enumerate()
        .any(|(j, x)| j != i && x.id == v);
    let Some(inc) = e.incidents.get_mut(i) else {
        return Ok(());
    };
    match field {
        Field::Id if v.is_empty() => {
            return Err(err("编号不能为空".into(), "an id is required".into()))
        }
        Field::Id if taken => {
            return Err(err(
                format!("编号“{v}”已被使用"),
                format!("id \"{v}\" is taken"),
            ))
        }
        Field::Id => inc.id = v.to_string(),
        Field::Level => match level_of(c, v) {
            Some(l) => inc.level = l,
            None => {
                return Err(err(
                    format!("“{v}”不是本合同的级别"),
                    format!("\"{v}\" is not a level of the contract"),
                ))
            }
        },
        Field::Item if v.is_empty() => inc.item = None,
        Field::Item => match item_of(c, v) {
            Some(x) => inc.item = Some(x),
            None => {
                return Err(err(
                    format!("“{v}”不是本合同的服务对象"),
                    format!("\"{v}\" is not an item of the contract"),
                ))
            }
        },
        Field::Complaint if v.is_empty() => inc.complaint = None,
        Field::Complaint => match complaint_of(c, v) {
            Some(x) => inc.complaint = Some(x),
            None => {
                return Err(err(
                    format!("“{v}”不是本合同按投诉计的级别"),
                    format!("\"{v}\" is not a complaint level the contract prices"),
                ))
            }
        },
        Field::Kind => inc.kind = (!v.is_empty()).then(|| v.to_string()),
        Field::Ignore => {}
        Field::Reported if v.is_empty() => {
            return Err(err(
                "报告时间不能为空".into(),
                "the time reported is required".into(),
            ))
        }
        f if v.is_empty() => {
            if let Some(slot) = f.slot(inc) {
                *slot = None;
            }
        }
        f => {
            let t =
                parse_datetime(v).map_err(|x| err(x.localize(Lang::Zh), x.localize(Lang::En)))?;
            if let Some(zh) = order_error(inc, f, t, Lang::Zh) {
                let en = order_error(inc, f, t, Lang::En).unwrap_or_default();
                return Err(err(zh, en));
            }
            match f.slot(inc) {
                Some(slot) => *slot = Some(t),
                None => inc.reported = t,
            }
        }
    }
    Ok(())
}

/// A new incident for record `e` of contract `c`: the next id after the last incident's (its
/// prefix kept), reported on the as-of day at 09:00, at the least severe level.
pub fn new_incident(c: &Contract, e: &Events) -> Incident {
    let prefix = e
        .incidents
        .last()
        .map(|x| match x.id.rsplit_once('-') {
            Some((p, n)) if !p.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => p,
            _ => "inc",
        })
        .unwrap_or("inc");
    let taken: Vec<String> = e.incidents.iter().map(|x| x.id.clone()).collect();
    Incident {
        id: next_id(prefix, &taken),
        item: None,
        kind: None,
        level: least_severe(c),
        reported: e.as_of.and_hms_opt(9, 0, 0).unwrap_or_default(),
        notified: None,
        responded: None,
        diagnosed: None,
        on_site: None,
        workaround: None,
        resolved: None,
        reported_back: None,
        resident: None,
        excuse: None,
        complaint: None,
        facts: Default::default(),
    }
}

/// The encoding of an imported log's bytes: UTF-8 (with or without a BOM), UTF-16 with its BOM
/// (Excel's "Unicode text"), else GB18030 — what Excel and WPS in Chinese write a CSV in
/// ("ANSI"; a superset of GBK and GB2312) — for bytes that are not UTF-8.
///
/// Why only the choice here: the page decodes with the browser's `TextDecoder` (no decoder
/// in its wasm), native code with [`decode`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl TextEncoding {
    /// The WHATWG label (`TextDecoder`'s argument).
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "utf-8",
            TextEncoding::Utf16Le => "utf-16le",
            TextEncoding::Utf16Be => "utf-16be",
            TextEncoding::Gb18030 => "gb18030",
        }
    }

    /// The encoding as the import says it.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (TextEncoding::Utf8, _) => "UTF-8",
            (TextEncoding::Utf16Le, _) => "UTF-16 LE",
            (TextEncoding::Utf16Be, _) => "UTF-16 BE",
            (TextEncoding::Gb18030, Lang::Zh) => "GB18030（GBK，Windows 中文默认编码）",
            (TextEncoding::Gb18030, Lang::En) => "GB18030 (GBK, the Windows Chinese default)",
        }
    }
}

/// The encoding `bytes` are read in (above).
pub fn encoding_of(bytes: &[u8]) -> TextEncoding {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        TextEncoding::Utf16Le
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        TextEncoding::Utf16Be
    } else if bytes.starts_with(b"\xEF\xBB\xBF") || std::str::from_utf8(bytes).is_ok() {
        TextEncoding::Utf8
    } else {
        TextEncoding::Gb18030
    }
}

/// The text of a log's bytes and its encoding (natively: `encoding_rs`, through the document
/// reader's decoder).
///
/// # Errors
/// The first byte that does not decode, or control characters no text has.
pub fn decode(
    bytes: &[u8],
) -> Result<(String, TextEncoding), crate::domain::document::DocumentError> {
    let text = crate::domain::document::plain::decode(bytes)?;
    Ok((text, encoding_of(bytes)))
}
