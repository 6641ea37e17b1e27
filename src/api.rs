//! The library as calls on JSON text: [`evaluate`], [`check`] and [`schema`], and a contract
//! loaded once ([`load`]) for evaluating many records ([`Loaded::evaluate`]: the contract is
//! read, validated and checked once; `"result": "compact"` leaves the steps out).
//!
//! This is what the JavaScript module (`src/bin/lvyue-api.rs`, built to `dist/api/lvyue.js`)
//! exports and what the `lvyue eval`, `check` and `schema` commands run: text in, text out, no
//! web crate, no file system, no clock. Every bad input — the contract, the record, the options
//! or a schema name — is an [`ApiError`]: a list of [`Problem`]s, each naming its code, its JSON
//! path with line and column, and which input it is in. Nothing here panics on input.
//!
//! ```
//! let contract = std::fs::read_to_string("examples/004-liyang-operations.contract.json").unwrap();
//! let events = std::fs::read_to_string("examples/004-liyang-operations.events.json").unwrap();
//! let report = lvyue::api::evaluate(&contract, &events, r#"{"lang":"en"}"#).unwrap();
//! assert!(report.contains("\"format\": \"lvyue-report/1\""));
//!
//! let err = lvyue::api::evaluate("{", &events, "").unwrap_err();
//! assert_eq!(err.code(), "json.syntax");
//! assert_eq!(err.problems[0].input, lvyue::api::Input::Contract);
//! ```

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{json, Value};

use crate::domain::calendar::{self, Calendar};
use crate::domain::contract::Contract;
use crate::domain::engine::{self, Options};
use crate::domain::events::Events;
use crate::domain::labels::Labels;
use crate::domain::load::{self, render_problem, Problem};
use crate::domain::report::{Report, Severity};
use crate::domain::{checks, explain, Lang, Localize};

/// Which input a problem is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Input {
    Contract,
    Events,
    Options,
    /// The name given to [`schema`].
    Schema,
}

impl Input {
    /// Its name, as it prefixes a rendered problem (`contract:3:9: …`).
    pub fn name(self) -> &'static str {
        match self {
            Input::Contract => "contract",
            Input::Events => "events",
            Input::Options => "options",
            Input::Schema => "schema",
        }
    }
}

/// A problem and the input it is in: serialised as the [`Problem`]'s fields (`code`,
/// `severity`, `path`, `line`, `column`, `expected`, `zh`, `en`) plus `input`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiProblem {
    pub input: Input,
    #[serde(flatten)]
    pub problem: Problem,
}

impl std::ops::Deref for ApiProblem {
    type Target = Problem;
    fn deref(&self) -> &Problem {
        &self.problem
    }
}

/// Why a call gave no answer: every problem found, errors first. Serialises to
/// `{"problems": [...]}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiError {
    pub problems: Vec<ApiProblem>,
}

impl ApiError {
    fn of(input: Input, problems: Vec<Problem>) -> ApiError {
        let mut problems: Vec<ApiProblem> = problems
            .into_iter()
            .map(|problem| ApiProblem { input, problem })
            .collect();
        // Errors first (stable): the first problem is the one a message names.
        problems.sort_by_key(|p| !p.problem.is_error());
        ApiError { problems }
    }

    fn one(input: Input, problem: Problem) -> ApiError {
        ApiError::of(input, vec![problem])
    }

    fn and(mut self, more: ApiError) -> ApiError {
        self.problems.extend(more.problems);
        self.problems.sort_by_key(|p| !p.problem.is_error());
        self
    }

    /// The first problem's code (`""` when there is none, which does not happen).
    pub fn code(&self) -> &str {
        self.problems.first().map_or("", |p| p.code.as_str())
    }

    /// The first problem as `input:line:column: path: message` in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self.problems.first() {
            Some(p) => render_problem(&p.problem, p.input.name(), lang),
            None => String::new(),
        }
    }

    /// Every problem, one `input:line:column: path: message` line each.
    pub fn render(&self, lang: Lang) -> String {
        self.problems
            .iter()
            .map(|p| render_problem(&p.problem, p.input.name(), lang))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// `{"problems": [...]}`.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| r#"{"problems":[]}"#.to_string())
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for ApiError {}

/// The output of [`evaluate`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// The report, `lvyue-report/1` (default).
    #[default]
    Json,
    /// The statement in Markdown.
    Markdown,
    /// The penalty ledger as CSV.
    Csv,
}

impl Format {
    /// `json`, `md` (or `markdown`) or `csv`, in any case.
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "md" | "markdown" => Some(Format::Markdown),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// The options of a call, read from their JSON (see [`parse_options`]).
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The language of messages and of the Markdown and CSV outputs.
    pub lang: Lang,
    /// The day to evaluate on, instead of the record's `as_of`.
    pub as_of: Option<NaiveDate>,
    /// Clause id → reading id for ambiguous clauses.
    pub readings: BTreeMap<String, String>,
    /// The calendar: China's built-in schedules plus the `holidays` documents given.
    pub calendar: Calendar,
    /// What [`evaluate`] returns.
    pub format: Format,
    /// `"result": "compact"`: the JSON report without its steps ([`Report::into_compact`]).
    pub compact: bool,
    /// The keys the options gave, in their order.
    pub given: Vec<String>,
}

impl Settings {
    /// The report as the options ask for it: compact or whole, in their format and language.
    fn render(&self, report: Report, contract: &Contract) -> String {
        let report = if self.compact {
            report.into_compact()
        } else {
            report
        };
        render_report(&report, contract, self.format, self.lang)
    }
}

/// The option keys, in the order the documentation lists them.
pub const OPTION_KEYS: [&str; 6] = ["lang", "as_of", "readings", "holidays", "format", "result"];

fn option_problem(code: &str, path: &str, zh: String, en: String, expected: &str) -> Problem {
    let mut p = Problem::error(code, path, zh, en);
    p.expected = Some(expected.to_string());
    p
}

/// Reads the options of a call: an empty text or `{}` gives the defaults.
///
/// Keys: `lang` (`"zh"` | `"en"`), `as_of` (`YYYY-MM-DD`, overrides the record's), `readings`
/// (`{clause: reading}`), `holidays` (an array of `lvyue-holidays/1` documents, as objects or
/// JSON text), `format` (`"json"` | `"md"` | `"csv"`, for [`evaluate`]), `result` (`"full"`,
/// the default, or `"compact"`: the JSON report without its steps). Any other key is an error
/// naming it.
///
/// # Errors
/// Every problem of the options, located in their text.
pub fn parse_options(text: &str) -> Result<Settings, ApiError> {
    let mut settings = Settings {
        calendar: Calendar::china(),
        ..Settings::default()
    };
    if let Some(p) = crate::domain::limits::text_size(text) {
        return Err(ApiError::one(Input::Options, p));
    }
    let trimmed = text.trim_start_matches('\u{feff}');
    if trimmed.trim().is_empty() {
        return Ok(settings);
    }
    let value: Value = serde_json::from_str(trimmed).map_err(|e| {
        // The loader's words and 1-based columns in characters.
        let mut p = load::json_syntax(trimmed, &e);
        p.zh = p.zh.replacen("JSON 语法错误", "选项不是有效的 JSON", 1);
        p.en =
            p.en.replacen("JSON syntax error", "the options are not valid JSON", 1);
        ApiError::one(Input::Options, p)
    })?;
    let Value::Object(map) = value else {
        let mut p = option_problem(
            "options.not-object",
            "",
            "选项应为 JSON 对象，例如 {\"lang\":\"en\"}".into(),
            "the options must be a JSON object, e.g. {\"lang\":\"en\"}".into(),
            "object",
        );
        p.line = 1;
        p.column = 1;
        return Err(ApiError::one(Input::Options, p));
    };
    let mut problems = Vec::new();
    for (key, v) in &map {
        let path = load::path_key("", key);
        settings.given.push(key.clone());
        match key.as_str() {
            "lang" => match v.as_str().and_then(Lang::parse) {
                Some(l) => settings.lang = l,
                None => problems.push(option_problem(
                    "options.lang",
                    &path,
                    format!(
                        "不支持的语言 {}：可选 \"zh\" 或 \"en\"",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    format!(
                        "unsupported language {}: use \"zh\" or \"en\"",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    "\"zh\" | \"en\"",
                )),
            },
            "as_of" => match v.as_str().map(calendar::parse_date) {
                Some(Ok(d)) => settings.as_of = Some(d),
                Some(Err(e)) => problems.push(option_problem(
                    "options.as-of",
                    &path,
                    e.localize(Lang::Zh),
                    e.localize(Lang::En),
                    "YYYY-MM-DD",
                )),
                None => problems.push(option_problem(
                    "options.as-of",
                    &path,
                    format!(
                        "as_of 应为日期字符串，却是 {}",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    format!(
                        "as_of must be a date string, not {}",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    "YYYY-MM-DD",
                )),
            },
            "readings" => match v {
                Value::Object(r) => {
                    for (clause, reading) in r {
                        match reading.as_str() {
                            Some(s) if !s.trim().is_empty() && !clause.trim().is_empty() => {
                                settings
                                    .readings
                                    .insert(clause.trim().to_string(), s.trim().to_string());
                            }
                            _ => problems.push(option_problem(
                                "options.reading",
                                &load::path_key(&path, clause),
                                format!("条款“{clause}”的解读应为非空字符串，却是 {}", crate::domain::quote::shown(&reading.to_string())),
                                format!(
                                    "the reading of clause \"{clause}\" must be a non-empty string, not {}", crate::domain::quote::shown(&reading.to_string())
                                ),
                                "reading id",
                            )),
                        }
                    }
                }
                _ => problems.push(option_problem(
                    "options.readings",
                    &path,
                    format!(
                        "readings 应为对象 {{条款: 解读}}，却是 {}",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    format!(
                        "readings must be an object {{clause: reading}}, not {}",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    "object",
                )),
            },
            "holidays" => match v {
                Value::Array(docs) => {
                    for (i, doc) in docs.iter().enumerate() {
                        let text = match doc {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        if let Err(e) = settings.calendar.load_schedule_json(&text) {
                            problems.push(option_problem(
                                "options.holidays",
                                &load::path_index(&path, i),
                                e.localize(Lang::Zh),
                                e.localize(Lang::En),
                                "lvyue-holidays/1",
                            ));
                        }
                    }
                }
                _ => problems.push(option_problem(
                    "options.holidays",
                    &path,
                    format!(
                        "holidays 应为 lvyue-holidays/1 文档的数组，却是 {}",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    format!(
                        "holidays must be an array of lvyue-holidays/1 documents, not {}",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    "array",
                )),
            },
            "format" => match v.as_str().and_then(Format::parse) {
                Some(f) => settings.format = f,
                None => problems.push(option_problem(
                    "options.format",
                    &path,
                    format!(
                        "不支持的输出格式 {}：可选 \"json\"、\"md\" 或 \"csv\"",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    format!(
                        "unsupported format {}: use \"json\", \"md\" or \"csv\"",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    "\"json\" | \"md\" | \"csv\"",
                )),
            },
            "result" => match v.as_str() {
                Some("full") => settings.compact = false,
                Some("compact") => settings.compact = true,
                _ => problems.push(option_problem(
                    "options.result",
                    &path,
                    format!(
                        "不支持的结果 {}：可选 \"full\"（含计算步骤）或 \"compact\"（只含数字）",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    format!(
                        "unsupported result {}: use \"full\" (with the steps) or \"compact\" (figures only)",
                        crate::domain::quote::shown(&v.to_string())
                    ),
                    "\"full\" | \"compact\"",
                )),
            },
            _ => problems.push(option_problem(
                "field.unknown",
                &path,
                format!("未知选项“{key}”：可用 {}", OPTION_KEYS.join("、")),
                format!("unknown option \"{key}\": use {}", OPTION_KEYS.join(", ")),
                &OPTION_KEYS.join(" | "),
            )),
        }
    }
    if settings.compact && settings.format != Format::Json {
        problems.push(option_problem(
            "options.result",
            "result",
            "精简结果（\"compact\"）只用于 JSON 报告：Markdown 与 CSV 总是完整的".into(),
            "a compact result applies to the JSON report only: the Markdown and the CSV are always whole".into(),
            "\"full\"",
        ));
    }
    if problems.is_empty() {
        return Ok(settings);
    }
    load::locate(&mut problems, trimmed);
    Err(ApiError::of(Input::Options, problems))
}

/// The language the options ask for, even when the rest of them is wrong (for messages).
pub fn sniff_lang(options_json: &str) -> Lang {
    serde_json::from_str::<Value>(options_json.trim_start_matches('\u{feff}'))
        .ok()
        .and_then(|v| v.get("lang")?.as_str().and_then(Lang::parse))
        .unwrap_or_default()
}

fn errors_of(input: Input, problems: Vec<Problem>) -> Result<Vec<Problem>, ApiError> {
    if problems.iter().any(Problem::is_error) {
        Err(ApiError::of(input, problems))
    } else {
        Ok(problems)
    }
}

/// Reads a contract: the contract and its warnings, or every problem.
///
/// # Errors
/// The contract's problems (input `contract`).
pub fn read_contract(text: &str) -> Result<(Contract, Vec<Problem>), ApiError> {
    match load::inspect_contract(text) {
        (Some(c), problems) => errors_of(Input::Contract, problems).map(|w| (c, w)),
        (None, problems) => Err(ApiError::of(Input::Contract, problems)),
    }
}

/// An evaluation that overflowed as a problem of the contract: code `eval.overflow`, located at
/// the clause (`clauses[i]`) or shared cap (`shared_caps[i]`) it names, the occurrence in the
/// message.
pub fn eval_problem(contract: &Contract, contract_text: &str, e: &engine::EvalError) -> ApiError {
    let mut p = e.problem(contract);
    load::locate(std::slice::from_mut(&mut p), contract_text);
    ApiError::one(Input::Contract, p)
}

/// Evaluates a contract against its record: what `evaluate` and `lvyue eval` share.
///
/// Both texts are read before failing, so that the problems of both are listed at once.
///
/// # Errors
/// The problems of the contract and of the record; `eval.overflow` ([`eval_problem`]) when a
/// figure is too large to compute.
pub fn evaluate_texts(
    contract_text: &str,
    events_text: &str,
    calendar: &Calendar,
    as_of: Option<NaiveDate>,
    readings: &BTreeMap<String, String>,
) -> Result<Report, ApiError> {
    evaluate_read(contract_text, events_text, calendar, as_of, readings).map(|(_, r)| r)
}

/// [`evaluate_texts`] with the contract it read: what the Markdown and the CSV need for their
/// labels ([`render_report`]).
///
/// # Errors
/// As [`evaluate_texts`].
pub fn evaluate_read(
    contract_text: &str,
    events_text: &str,
    calendar: &Calendar,
    as_of: Option<NaiveDate>,
    readings: &BTreeMap<String, String>,
) -> Result<(Contract, Report), ApiError> {
    let loaded = match load_with(contract_text, calendar.clone()) {
        Ok(l) => l,
        Err(e) => {
            return Err(match load::load_events(events_text) {
                Ok(_) => e,
                Err(p) => e.and(ApiError::of(Input::Events, p.0)),
            })
        }
    };
    let report = loaded.report(events_text, None, as_of, readings)?;
    Ok((loaded.into_contract(), report))
}

/// A contract read, validated and checked once, for evaluating many records against it
/// ([`load`]): what the JavaScript module's `load` returns and `lvyue eval` runs.
///
/// ```
/// let contract = std::fs::read_to_string("examples/004-liyang-operations.contract.json").unwrap();
/// let events = std::fs::read_to_string("examples/004-liyang-operations.events.json").unwrap();
/// let loaded = lvyue::api::load(&contract, "").unwrap();
/// let full = loaded.evaluate(&events, "").unwrap();
/// let compact = loaded.evaluate(&events, r#"{"result":"compact"}"#).unwrap();
/// assert!(compact.contains("\"compact\": true") && compact.len() < full.len());
/// ```
#[derive(Clone, Debug)]
pub struct Loaded {
    prepared: engine::Prepared,
    /// The contract's text, where an evaluation's overflow is located.
    text: String,
    warnings: Vec<Problem>,
}

/// Reads a contract (`lvyue-contract/2` JSON, or an earlier version, migrated) once, with
/// options (`lang`, `holidays`: the calendar its evaluations use).
///
/// # Errors
/// Every problem of the options or of the contract; an option that only an evaluation takes
/// (`as_of`, `readings`, `format`, `result`) is an error naming it.
pub fn load(contract_json: &str, options_json: &str) -> Result<Loaded, ApiError> {
    let s = parse_options(options_json)?;
    if let Some(key) = s.given.iter().find(|k| !LOAD_KEYS.contains(&k.as_str())) {
        let mut p = option_problem(
            "options.evaluate-only",
            &load::path_key("", key),
            format!("选项“{key}”属于每次计算（evaluate），载入合同时只取 lang、holidays"),
            format!("the option \"{key}\" belongs to each evaluation (evaluate): loading takes lang and holidays"),
            &LOAD_KEYS.join(" | "),
        );
        load::locate(
            std::slice::from_mut(&mut p),
            options_json.trim_start_matches('\u{feff}'),
        );
        return Err(ApiError::one(Input::Options, p));
    }
    load_with(contract_json, s.calendar)
}

/// The options [`load`] takes.
pub const LOAD_KEYS: [&str; 2] = ["lang", "holidays"];

/// [`load`] on a calendar already made (the CLI's, from its `--holidays` files).
///
/// # Errors
/// The contract's problems.
pub fn load_with(contract_text: &str, calendar: Calendar) -> Result<Loaded, ApiError> {
    let (contract, warnings) = read_contract(contract_text)?;
    Ok(Loaded {
        prepared: engine::Prepared::new(contract, calendar),
        text: contract_text.to_string(),
        warnings,
    })
}

impl Loaded {
    /// The contract.
    pub fn contract(&self) -> &Contract {
        self.prepared.contract()
    }

    /// The contract's warnings when it was read.
    pub fn warnings(&self) -> &[Problem] {
        &self.warnings
    }

    /// The contract, for a caller done evaluating.
    pub fn into_contract(self) -> Contract {
        self.prepared.into_contract()
    }

    /// Evaluates a record (`lvyue-events/2` JSON) against the contract, with options as
    /// [`evaluate`]'s (`holidays` given here replace the loaded calendar for this call). With
    /// `"result": "compact"` the report has the same figures without their steps.
    ///
    /// # Errors
    /// Every problem of the options or of the record; `eval.overflow` when a figure is too
    /// large to compute.
    pub fn evaluate(&self, events_json: &str, options_json: &str) -> Result<String, ApiError> {
        let s = parse_options(options_json)?;
        let calendar = s
            .given
            .iter()
            .any(|k| k == "holidays")
            .then_some(&s.calendar);
        let report = self
            .report(events_json, calendar, s.as_of, &s.readings)
            .map_err(|e| options_located(e, options_json))?;
        Ok(s.render(report, self.contract()))
    }

    /// The report on a record: on `calendar` instead of the loaded one where given (the
    /// document checks then run again on it), on `as_of` instead of the record's.
    ///
    /// # Errors
    /// As [`Loaded::evaluate`].
    pub fn report(
        &self,
        events_text: &str,
        calendar: Option<&Calendar>,
        as_of: Option<NaiveDate>,
        readings: &BTreeMap<String, String>,
    ) -> Result<Report, ApiError> {
        let contract = self.contract();
        let mut events: Events = match load::inspect_events(contract, events_text) {
            (Some(ev), problems) => errors_of(Input::Events, problems).map(|_| ev)?,
            (None, problems) => return Err(ApiError::of(Input::Events, problems)),
        };
        if let Some(d) = as_of {
            events.as_of = d;
        }
        // A reading for a clause the contract lacks, or that the clause does not have, would
        // be replaced by the default without a word: refuse it, listing the readings there are.
        let wrong = crate::domain::validate::readings(contract, readings);
        if !wrong.is_empty() {
            return Err(ApiError::of(Input::Options, wrong));
        }
        let options = Options {
            readings: readings.clone(),
        };
        let report = match calendar {
            Some(cal) => engine::evaluate(contract, &events, cal, &options),
            None => self.prepared.evaluate(&events, &options),
        };
        report.map_err(|e| eval_problem(contract, &self.text, &e))
    }
}

/// An error whose option problems (readings the contract lacks) are located in the options'
/// text.
fn options_located(mut e: ApiError, options_json: &str) -> ApiError {
    let mut options: Vec<Problem> = e
        .problems
        .iter()
        .filter(|p| p.input == Input::Options)
        .map(|p| p.problem.clone())
        .collect();
    load::locate(&mut options, options_json.trim_start_matches('\u{feff}'));
    let mut located = options.into_iter();
    for p in e.problems.iter_mut().filter(|p| p.input == Input::Options) {
        if let Some(q) = located.next() {
            p.problem = q;
        }
    }
    e
}

/// A report as text in a format: the report's JSON (pretty), the Markdown statement or the CSV
/// ledger — the last two with the labels of `contract`, the contract the report was made from
/// (the page's vocabulary: no internal id in an export).
pub fn render_report(report: &Report, contract: &Contract, format: Format, lang: Lang) -> String {
    let labels = || Labels::of_report(contract, report);
    match format {
        Format::Json => crate::export::report_json(report),
        Format::Markdown => explain::report_markdown(report, &labels(), lang),
        Format::Csv => crate::export::report_csv(report, &labels(), lang),
    }
}

/// Evaluates a contract (`lvyue-contract/2` JSON) against its record (`lvyue-events/2` JSON)
/// with options (JSON; `""` or `{}` for the defaults, see [`parse_options`]).
///
/// Returns the report, `lvyue-report/1`, exactly as `lvyue eval --format json` prints it (or
/// the Markdown or CSV with the `format` option).
///
/// # Errors
/// Every problem of the options, or of the contract and the record; `eval.overflow` when a
/// figure is too large to compute.
pub fn evaluate(
    contract_json: &str,
    events_json: &str,
    options_json: &str,
) -> Result<String, ApiError> {
    let s = parse_options(options_json)?;
    let (contract, report) = evaluate_read(
        contract_json,
        events_json,
        &s.calendar,
        s.as_of,
        &s.readings,
    )
    .map_err(|e| options_located(e, options_json))?;
    Ok(s.render(report, &contract))
}

/// What `check` found: the problems of each input and the document findings.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The contract, when it could be read.
    pub parsed: Option<Contract>,
    pub contract: Vec<Problem>,
    /// The record's problems, when a record was given and the contract could be read.
    pub events: Option<Vec<Problem>>,
    pub findings: Vec<crate::domain::report::Finding>,
}

impl Checked {
    /// Whether nothing found is an error.
    pub fn ok(&self) -> bool {
        !self.contract.iter().any(Problem::is_error)
            && !self.events.iter().flatten().any(Problem::is_error)
            && !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// `{"files": [{"file", "problems"}…], "findings": [...], "ok": bool}`, as
    /// `lvyue check --json` prints it, with the files named `contract_name` and `events_name`.
    pub fn to_value(&self, contract_name: &str, events_name: &str) -> Value {
        let mut files = vec![json!({ "file": contract_name, "problems": self.contract })];
        if let Some(p) = &self.events {
            files.push(json!({ "file": events_name, "problems": p }));
        }
        json!({ "files": files, "findings": self.findings, "ok": self.ok() })
    }
}

/// Checks a contract's text (and optionally a record against it): every load problem and every
/// document finding. What `check` and `lvyue check` share.
pub fn check_texts(contract_text: &str, events_text: Option<&str>, calendar: &Calendar) -> Checked {
    let (contract, problems) = load::inspect_contract(contract_text);
    let mut checked = Checked {
        parsed: None,
        contract: problems,
        events: None,
        findings: Vec::new(),
    };
    if let Some(c) = contract {
        if let Some(text) = events_text {
            checked.events = Some(load::inspect_events(&c, text).1);
        }
        checked.findings = checks::check(&c, calendar);
        checked.parsed = Some(c);
    }
    checked
}

/// Checks a contract's text: its load problems and the findings about its text, as
/// `lvyue check --json` prints them (`{"files":[{"file":"contract","problems":[…]}],
/// "findings":[…],"ok":…}`). A contract with errors is an answer (`"ok": false`), not an error.
///
/// # Errors
/// Only bad options.
pub fn check(contract_json: &str, options_json: &str) -> Result<String, ApiError> {
    let s = parse_options(options_json)?;
    let checked = check_texts(contract_json, None, &s.calendar);
    Ok(serde_json::to_string_pretty(&checked.to_value("contract", "events")).unwrap_or_default())
}

/// The names [`schema`] knows.
pub const SCHEMAS: [&str; 3] = ["contract", "events", "report"];

/// The JSON Schema of one of the three formats, by name, as a value, with the Chinese
/// descriptions beside the English ones (`domain::formats`).
pub fn schema_value(name: &str) -> Option<Value> {
    crate::domain::formats::schema(name)
}

/// The JSON Schema of `contract`, `events` or `report`, as `lvyue schema NAME` prints it.
///
/// # Errors
/// `schema.unknown` for any other name.
pub fn schema(name: &str) -> Result<String, ApiError> {
    let value = schema_value(name).ok_or_else(|| {
        ApiError::one(
            Input::Schema,
            option_problem(
                "schema.unknown",
                "",
                format!("未知格式“{name}”：可选 contract、events 或 report"),
                format!("unknown format \"{name}\": use contract, events or report"),
                "contract | events | report",
            ),
        )
    })?;
    Ok(serde_json::to_string_pretty(&value).unwrap_or_default())
}

/// The version of lvyue.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
