//! The commands that read contract and events files: `eval`, `check` and `schema`.
//!
//! They are thin: reading a file, [`crate::domain::load`] for every located problem, the engine
//! and the document checks for the answer, [`crate::domain::explain`] for the text.

use serde_json::{json, Value};

use super::args::{Args, UsageError};
use super::{calendar_for, usage, Answer, Failure};
use crate::domain::calendar;
use crate::domain::contract::Contract;
use crate::domain::engine::{self, Options};
use crate::domain::events::Events;
use crate::domain::load::{self, render_problem, Problem};
use crate::domain::report::{Report, Severity};
use crate::domain::{checks, explain, statement, Lang, Localize};
use crate::export;

fn read(path: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| {
        usage(
            UsageError::CannotRead {
                path: path.to_string(),
                reason: e.to_string(),
            },
            lang,
        )
    })
}

/// The problems of a file as a failure: one `file:line:column: path: message` line each.
fn problems_failure(file: &str, problems: &[Problem], lang: Lang) -> Failure {
    Failure {
        message: problems
            .iter()
            .map(|p| render_problem(p, file, lang))
            .collect::<Vec<_>>()
            .join("\n"),
        json: json!({ "file": file, "problems": problems }),
        bare: true,
    }
}

fn contract_of(path: &str, lang: Lang) -> Result<(Contract, Vec<Problem>), Failure> {
    let bytes = read(path, lang)?;
    let text = load::utf8(&bytes).map_err(|p| problems_failure(path, &p.0, lang))?;
    match load::inspect_contract(text) {
        (Some(c), problems) if !problems.iter().any(Problem::is_error) => Ok((c, problems)),
        (_, problems) => Err(problems_failure(path, &problems, lang)),
    }
}

fn events_of(
    contract: &Contract,
    path: &str,
    lang: Lang,
) -> Result<(Events, Vec<Problem>), Failure> {
    let bytes = read(path, lang)?;
    let text = load::utf8(&bytes).map_err(|p| problems_failure(path, &p.0, lang))?;
    match load::inspect_events(contract, text) {
        (Some(e), problems) if !problems.iter().any(Problem::is_error) => Ok((e, problems)),
        (_, problems) => Err(problems_failure(path, &problems, lang)),
    }
}

/// `lvyue eval CONTRACT --events EVENTS [--as-of DATE] [--reading C=R]... [--format F]`.
pub(super) fn eval(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [contract_path] = args
        .positionals::<1>("eval", &["CONTRACT"])
        .map_err(|e| usage(e, lang))?;
    let format = match (&args.format, args.json) {
        (Some(f), _) => f.to_ascii_lowercase(),
        (None, true) => "json".to_string(),
        (None, false) => "md".to_string(),
    };
    if !matches!(
        format.as_str(),
        "json" | "md" | "csv" | "statement" | "xlsx"
    ) {
        return Err(usage(UsageError::BadFormat { value: format }, lang));
    }
    if format == "xlsx" && args.output.is_none() {
        return Err(usage(UsageError::NeedsOutput { format }, lang));
    }
    let mut options = Options::default();
    for r in &args.readings {
        match r.split_once('=') {
            Some((c, v)) if !c.trim().is_empty() && !v.trim().is_empty() => {
                options
                    .readings
                    .insert(c.trim().to_string(), v.trim().to_string());
            }
            _ => return Err(usage(UsageError::BadReading { value: r.clone() }, lang)),
        }
    }
    let events_path = args
        .events
        .as_deref()
        .ok_or_else(|| usage(UsageError::MissingEvents, lang))?;
    let cal = calendar_for(args)?;
    // Read both files before failing, so that the problems of both are listed at once.
    let (contract, _) = match contract_of(contract_path, lang) {
        Ok(c) => c,
        Err(mut f) => {
            if let Ok(bytes) = std::fs::read(events_path) {
                let problems = match load::utf8(&bytes) {
                    Ok(text) => load::load_events(text).err().map(|p| p.0),
                    Err(p) => Some(p.0),
                };
                if let Some(problems) = problems {
                    let more = problems_failure(events_path, &problems, lang);
                    f.message = format!("{}\n{}", f.message, more.message);
                    f.json = json!([f.json, more.json]);
                }
            }
            return Err(f);
        }
    };
    let (mut events, _) = events_of(&contract, events_path, lang)?;
    if let Some(d) = &args.as_of {
        events.as_of = calendar::parse_date(d).map_err(|e| Failure::of(e, lang))?;
    }
    let report = engine::evaluate(&contract, &events, &cal, &options);
    let json = serde_json::to_value(&report).unwrap_or(Value::Null);
    let bytes = match format.as_str() {
        "csv" => export::report_csv(&report, lang).into_bytes(),
        "md" => explain::report_markdown(&report, lang).into_bytes(),
        "statement" => {
            statement::statement_markdown(&statement::statement(&contract, &report, lang))
                .into_bytes()
        }
        "xlsx" => {
            let st = statement::statement(&contract, &report, lang);
            export::xlsx::report_xlsx(&report, &st).map_err(|e| Failure {
                message: e.to_string(),
                json: json!({ "error": e.to_string() }),
                bare: false,
            })?
        }
        _ => export::report_json(&report).into_bytes(),
    };
    let Some(path) = &args.output else {
        return Ok(Answer {
            text: String::from_utf8(bytes).unwrap_or_default(),
            json,
            code: 0,
        });
    };
    std::fs::write(path, &bytes).map_err(|e| {
        usage(
            UsageError::CannotWrite {
                path: path.clone(),
                reason: e.to_string(),
            },
            lang,
        )
    })?;
    Ok(Answer {
        text: match lang {
            Lang::Zh => format!("已写入 {path}（{} 字节）", bytes.len()),
            Lang::En => format!("wrote {path} ({} bytes)", bytes.len()),
        },
        json: json!({ "output": path, "bytes": bytes.len(), "format": format }),
        code: 0,
    })
}

/// `lvyue check CONTRACT [--events EVENTS]`: every problem and every document finding; exit 1
/// when one of them is an error.
pub(super) fn check(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [path] = args
        .positionals::<1>("check", &["CONTRACT"])
        .map_err(|e| usage(e, lang))?;
    let cal = calendar_for(args)?;
    let bytes = read(path, lang)?;
    let mut lines = Vec::new();
    let mut problems_json = Vec::new();
    let mut error = false;
    let (contract, problems) = match load::utf8(&bytes) {
        Ok(text) => load::inspect_contract(text),
        Err(p) => (None, p.0),
    };
    for p in &problems {
        lines.push(render_problem(p, path, lang));
        error |= p.is_error();
    }
    problems_json.push(json!({ "file": path, "problems": problems }));
    let mut findings = Vec::new();
    if let Some(c) = &contract {
        if let Some(ep) = &args.events {
            let bytes = read(ep, lang)?;
            let (_, eproblems) = match load::utf8(&bytes) {
                Ok(text) => load::inspect_events(c, text),
                Err(p) => (None, p.0),
            };
            for p in &eproblems {
                lines.push(render_problem(p, ep, lang));
                error |= p.is_error();
            }
            problems_json.push(json!({ "file": ep, "problems": eproblems }));
        }
        findings = checks::check(c, &cal);
        for f in &findings {
            lines.push(f.localize(lang));
            error |= f.severity == Severity::Error;
        }
    }
    if lines.is_empty() {
        lines.push(lang.pick("未发现问题", "no problems found").to_string());
    }
    Ok(Answer {
        text: lines.join("\n"),
        json: json!({ "files": problems_json, "findings": findings, "ok": !error }),
        code: i32::from(error),
    })
}

/// `lvyue schema contract|events|report`: the JSON Schema derived from the types.
pub(super) fn schema(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [which] = args
        .positionals::<1>("schema", &["contract|events|report"])
        .map_err(|e| usage(e, lang))?;
    let json = schema_json(which).ok_or_else(|| {
        usage(
            UsageError::BadSchema {
                value: which.to_string(),
            },
            lang,
        )
    })?;
    Ok(Answer {
        text: serde_json::to_string_pretty(&json).unwrap_or_default(),
        json,
        code: 0,
    })
}

/// The JSON Schema of one of the three formats, by name.
pub fn schema_json(which: &str) -> Option<Value> {
    let schema = match which {
        "contract" => schemars::schema_for!(Contract),
        "events" => schemars::schema_for!(Events),
        "report" => schemars::schema_for!(Report),
        _ => return None,
    };
    serde_json::to_value(&schema).ok()
}
