//! The commands that read contract and events files: `eval`, `check` and `schema`.
//!
//! They are thin: reading a file, then [`crate::api`] (the calls the JavaScript module exports)
//! for every located problem, the engine, the document checks and the rendering.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::args::{Args, UsageError};
use super::{calendar_for, output, usage, Answer, Failure};
use crate::api::{self, ApiError, Format, Input};
use crate::domain::calendar;
use crate::domain::limits;
use crate::domain::load::{self, render_problem, Problem, Problems};
use crate::domain::{statement, Lang, Localize};
use crate::export;

/// Reads at most one byte more than [`limits::MAX_FILE_BYTES`] from a file, a pipe or
/// `/dev/zero`: enough to tell a file beyond the limit ([`limits::file_size`]) without reading
/// the rest of it into memory.
pub(super) fn read_limited(path: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limits::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The text of a file read by [`read_limited`]: a file beyond the limit, then invalid UTF-8,
/// are its problems; a contract document (a Word file, prose in any encoding the document
/// reader knows) is `document.not-contract`, never a JSON error.
fn text_checked(bytes: &[u8]) -> Result<&str, Problems> {
    if let Some(p) = limits::file_size(bytes) {
        return Err(Problems(vec![p]));
    }
    load::utf8(bytes).map_err(|p| {
        // A GB18030 `.txt` of a contract is a document too (the loader knows UTF-8 only).
        let prose = crate::domain::document::read(bytes, None)
            .is_ok_and(|t| crate::domain::document::sniff::is_document_text(&t));
        if prose {
            let kind = crate::domain::document::sniff::Seen::Other;
            Problems(vec![crate::domain::document::sniff::not_a_contract(kind)])
        } else {
            p
        }
    })
}

fn read(path: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    read_limited(path).map_err(|e| {
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

/// An [`ApiError`] as a failure: the problems grouped by file, each file's lines together.
fn api_failure(e: &ApiError, files: &[(Input, &str)], lang: Lang) -> Failure {
    let mut out: Option<Failure> = None;
    for (input, file) in files {
        let problems: Vec<Problem> = e
            .problems
            .iter()
            .filter(|p| p.input == *input)
            .map(|p| p.problem.clone())
            .collect();
        if problems.is_empty() {
            continue;
        }
        let more = problems_failure(file, &problems, lang);
        out = Some(match out {
            None => more,
            Some(mut f) => {
                f.message = format!("{}\n{}", f.message, more.message);
                f.json = json!([f.json, more.json]);
                f
            }
        });
    }
    out.unwrap_or_else(|| Failure {
        message: e.render(lang),
        json: serde_json::to_value(e).unwrap_or(Value::Null),
        bare: true,
    })
}

/// A file as UTF-8 text, or its problem as a failure.
fn text_of(path: &str, lang: Lang) -> Result<String, Failure> {
    let bytes = read(path, lang)?;
    text_checked(&bytes)
        .map(str::to_string)
        .map_err(|p| problems_failure(path, &p.0, lang))
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
    let mut readings = BTreeMap::new();
    for r in &args.readings {
        match r.split_once('=') {
            Some((c, v)) if !c.trim().is_empty() && !v.trim().is_empty() => {
                readings.insert(c.trim().to_string(), v.trim().to_string());
            }
            _ => return Err(usage(UsageError::BadReading { value: r.clone() }, lang)),
        }
    }
    let events_path = args
        .events
        .as_deref()
        .ok_or_else(|| usage(UsageError::MissingEvents, lang))?;
    // An output onto an input would destroy it: refused before anything is read or written.
    if let Some(path) = &args.output {
        let mut inputs = vec![contract_path, events_path];
        inputs.extend(args.holidays.iter().map(String::as_str));
        if let Some(input) = output::input_at(path, &inputs) {
            return Err(usage(
                UsageError::OutputIsInput {
                    path: path.clone(),
                    input: input.to_string(),
                },
                lang,
            ));
        }
    }
    let cal = calendar_for(args)?;
    let contract_text = text_of(contract_path, lang)?;
    // An unreadable record after a bad contract: the contract's problems still come first.
    let events_text = match text_of(events_path, lang) {
        Ok(t) => t,
        Err(f) => {
            if let Err(e) = api::read_contract(&contract_text) {
                return Err(api_failure(&e, &[(Input::Contract, contract_path)], lang));
            }
            return Err(f);
        }
    };
    let as_of = match &args.as_of {
        Some(d) => Some(calendar::parse_date(d).map_err(|e| Failure::of(e, lang))?),
        None => None,
    };
    let (contract, report) =
        api::evaluate_read(&contract_text, &events_text, &cal, as_of, &readings).map_err(|e| {
            api_failure(
                &e,
                &[
                    (Input::Contract, contract_path),
                    (Input::Events, events_path),
                    (Input::Options, "--reading"),
                ],
                lang,
            )
        })?;
    // Under `--json` without `--output` the report's JSON is the answer: written once, directly
    // (no `Value` of the report), and nothing else is rendered.
    if args.json && args.output.is_none() {
        return Ok(Answer {
            text: String::new(),
            json: Value::Null,
            code: 0,
            json_text: Some(export::report_json(&report)),
            err: None,
        });
    }
    // The statement, the workbook, the Markdown and the CSV say the contract's labels.
    let bytes = match format.as_str() {
        "statement" => {
            let options = statement::Options {
                checks: args.with_checks,
            };
            statement::statement_markdown(&statement::statement_with(
                &contract, &report, lang, options,
            ))
            .into_bytes()
        }
        "xlsx" => {
            let st = statement::statement(&contract, &report, lang);
            export::xlsx::report_xlsx(&report, &contract, &st).map_err(|e| {
                let (zh, en) = export::xlsx::describe(&e);
                let message = lang.pick(&zh, &en).clone();
                Failure {
                    json: json!({ "error": message }),
                    message,
                    bare: false,
                }
            })?
        }
        other => {
            let format = Format::parse(other).unwrap_or_default();
            api::render_report(&report, &contract, format, lang).into_bytes()
        }
    };
    let Some(path) = &args.output else {
        return Ok(Answer {
            text: String::from_utf8(bytes).unwrap_or_default(),
            json: Value::Null,
            code: 0,
            json_text: None,
            err: None,
        });
    };
    output::write_whole(path, &bytes).map_err(|e| {
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
        json_text: None,
        err: None,
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
    let ep = args.events.as_deref().unwrap_or("");
    let mut lines = Vec::new();
    let checked = match text_checked(&bytes) {
        Ok(text) => {
            let mut checked = api::check_texts(text, None, &cal);
            if let (Some(ep), Some(c)) = (&args.events, &checked.parsed) {
                let eb = read(ep, lang)?;
                checked.events = Some(match text_checked(&eb) {
                    Ok(t) => load::inspect_events(c, t).1,
                    Err(p) => p.0,
                });
            }
            checked
        }
        Err(p) => api::Checked {
            parsed: None,
            contract: p.0,
            events: None,
            findings: Vec::new(),
        },
    };
    for p in &checked.contract {
        lines.push(render_problem(p, path, lang));
    }
    for p in checked.events.iter().flatten() {
        lines.push(render_problem(p, ep, lang));
    }
    for f in &checked.findings {
        lines.push(f.localize(lang));
    }
    if lines.is_empty() {
        lines.push(lang.pick("未发现问题", "no problems found").to_string());
    }
    let ok = checked.ok();
    Ok(Answer {
        text: lines.join("\n"),
        json: checked.to_value(path, ep),
        code: i32::from(!ok),
        json_text: None,
        err: None,
    })
}

/// `lvyue schema contract|events|report`: the JSON Schema derived from the types.
pub(super) fn schema(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [which] = args
        .positionals::<1>("schema", &["contract|events|report"])
        .map_err(|e| usage(e, lang))?;
    let json = api::schema_value(which).ok_or_else(|| {
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
        json_text: None,
        err: None,
    })
}

/// `lvyue migrate FILE [--output OUT]`: a contract or events file of an earlier format version
/// (or of this one) written in the current version, in canonical form (the format's field
/// order, defaults left out). The file is read and checked as `eval` reads it; a file with an
/// error is not written.
pub(super) fn migrate(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [path] = args
        .positionals::<1>("migrate", &["FILE"])
        .map_err(|e| usage(e, lang))?;
    if let Some(out) = &args.output {
        if let Some(input) = output::input_at(out, &[path]) {
            return Err(usage(
                UsageError::OutputIsInput {
                    path: out.clone(),
                    input: input.to_string(),
                },
                lang,
            ));
        }
    }
    let text = text_of(path, lang)?;
    let tag = load::parse_document(&text)
        .ok()
        .and_then(|v| v.get("format").and_then(Value::as_str).map(str::to_string));
    let events = tag
        .as_deref()
        .is_some_and(crate::domain::migrate::is_events_tag);
    let (written, current) = if events {
        let e = load::load_events(&text);
        (
            e.map(|e| serde_json::to_string_pretty(&e)),
            crate::domain::events::FORMAT,
        )
    } else {
        let c = load::load_contract(&text);
        (
            c.map(|c| serde_json::to_string_pretty(&c)),
            crate::domain::contract::FORMAT,
        )
    };
    let written = written
        .map_err(|p| problems_failure(path, &p.0, lang))?
        .unwrap_or_default()
        + "\n";
    let from = tag.unwrap_or_default();
    let Some(out) = &args.output else {
        return Ok(Answer {
            text: written.trim_end().to_string(),
            // `--json` prints `json_text`, the same document.
            json: Value::Null,
            code: 0,
            json_text: Some(written),
            err: None,
        });
    };
    output::write_whole(out, written.as_bytes()).map_err(|e| {
        usage(
            UsageError::CannotWrite {
                path: out.clone(),
                reason: e.to_string(),
            },
            lang,
        )
    })?;
    let from_shown = crate::domain::quote::shown(&from);
    Ok(Answer {
        text: match lang {
            Lang::Zh => format!("已将“{from_shown}”写为“{current}”：{out}"),
            Lang::En => format!("wrote \"{from_shown}\" as \"{current}\": {out}"),
        },
        json: json!({ "output": out, "from": from, "to": current }),
        code: 0,
        json_text: None,
        err: None,
    })
}
