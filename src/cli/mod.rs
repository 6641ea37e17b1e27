//! The `lvyue` command-line tool: a thin shell over [`crate::domain`].
//!
//! It reads arguments, calls the domain once, and prints the answer as text in the chosen
//! language (`--lang zh|en`, default zh) or as JSON (`--json`). It computes nothing itself.
//!
//! Everything it prints, answers and messages alike, passes [`say`]: contract text cannot act
//! on the terminal (control characters and bidi overrides are written out, `\u{1b}`), and JSON
//! stays the same JSON ([`escape::json_for_terminal`]).
//!
//! Exit codes: 0 the answer was given; 1 `words --check` found the written amount disagrees
//! with the figure, or `check` found an error in a contract; 2 the input or the command line
//! was wrong (the message says which part; for contract and events files, every problem as
//! `file:line:column: path: message`).

mod args;
mod draft;
mod files;
pub mod output;

use std::io::Write;

use chrono::Datelike;
use serde::Serialize;
use serde_json::{json, Value};

use crate::domain::calendar::{self, Calendar, Clock};
use crate::domain::escape;
use crate::domain::input::parse_count;
use crate::domain::money::{self, Amount, Rate, WordsStyle};
use crate::domain::period::{self, DeadlineEnd, PeriodOptions, Unit};
use crate::domain::{Lang, Localize};
use args::{Args, UsageError};

/// How a run ended.
pub struct Exit(pub i32);

/// Runs the tool with `argv` (without the program name), writing to `out` and `err`.
pub fn run(argv: &[String], out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let args = match Args::parse(argv) {
        Ok(a) => a,
        Err(e) => {
            let lang = args::sniff_lang(argv);
            say(err, &format!("lvyue: {}", e.localize(lang)));
            say(err, lang.pick("用法见 lvyue --help", "See lvyue --help"));
            return Exit(2);
        }
    };
    match dispatch(&args) {
        Ok(Answer {
            text,
            json,
            code,
            json_text,
            err: notes,
        }) => {
            if args.json {
                match json_text {
                    Some(t) => say_json_text(out, &t),
                    None => say_json(out, &json),
                }
            } else {
                say(out, &text);
            }
            if let Some(notes) = notes {
                say(err, &notes);
            }
            Exit(code)
        }
        Err(Failure {
            message,
            json,
            bare,
        }) => {
            if args.json {
                say_json(out, &json!({ "error": json, "message": message }));
            }
            if bare {
                say(err, &message);
            } else {
                say(err, &format!("lvyue: {message}"));
            }
            Exit(2)
        }
    }
}

/// A line of text to the terminal (or whatever stdout and stderr are): every control
/// character but newline, tab and CRLF line ends, and every bidi control, written out
/// ([`escape::visible_controls`]).
fn say(w: &mut dyn Write, text: &str) {
    let _ = writeln!(w, "{}", escape::visible_controls(text));
}

/// JSON to the terminal: pretty, with the characters JSON leaves raw that a terminal acts on
/// escaped (the same JSON value).
fn say_json(w: &mut dyn Write, v: &Value) {
    say_json_text(w, &serde_json::to_string_pretty(v).unwrap_or_default());
}

/// JSON text as it is, with the characters that would act on a terminal escaped (`\uXXXX`:
/// the same value).
fn say_json_text(w: &mut dyn Write, text: &str) {
    let _ = writeln!(w, "{}", escape::json_for_terminal(text));
}

struct Answer {
    text: String,
    json: Value,
    code: i32,
    /// `json` already written as pretty JSON (the report: `export::report_json`, written once
    /// without building a `Value` of it), printed instead of `json` under `--json`.
    json_text: Option<String>,
    /// Text for stderr beside the answer (`draft`'s review while the contract goes to stdout).
    err: Option<String>,
}

struct Failure {
    message: String,
    json: Value,
    /// Print the message as it is (lines already start with a file name).
    bare: bool,
}

impl Failure {
    fn of<E: Localize + Serialize>(e: E, lang: Lang) -> Failure {
        Failure {
            message: e.localize(lang),
            json: serde_json::to_value(&e).unwrap_or(Value::Null),
            bare: false,
        }
    }
}

fn usage(e: UsageError, lang: Lang) -> Failure {
    Failure::of(e, lang)
}

fn dispatch(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    // Only eval writes a file: an --output elsewhere would be dropped without a word.
    if let (Some(_), Some(c @ ("workday" | "deadline" | "words" | "vat" | "check" | "schema"))) =
        (&args.output, args.command.as_deref())
    {
        return Err(usage(
            UsageError::OutputNotUsed {
                command: c.to_string(),
            },
            lang,
        ));
    }
    match args.command.as_deref() {
        None | Some("help") => {
            let text = args::help(lang);
            Ok(Answer {
                json: json!({ "help": text }),
                text,
                code: 0,
                json_text: None,
                err: None,
            })
        }
        Some("version") => Ok(Answer {
            text: format!("lvyue {}", env!("CARGO_PKG_VERSION")),
            json: json!({ "version": env!("CARGO_PKG_VERSION") }),
            code: 0,
            json_text: None,
            err: None,
        }),
        Some("workday") => workday(args),
        Some("deadline") => deadline(args),
        Some("words") => words(args),
        Some("vat") => vat(args),
        Some("eval") => files::eval(args),
        Some("check") => files::check(args),
        Some("schema") => files::schema(args),
        Some("migrate") => files::migrate(args),
        Some("draft") => draft::draft(args),
        Some(other) => Err(usage(UsageError::UnknownCommand(other.to_string()), lang)),
    }
}

fn calendar_for(args: &Args) -> Result<Calendar, Failure> {
    let mut cal = Calendar::china();
    for path in &args.holidays {
        let cannot = |reason: String| {
            usage(
                UsageError::CannotRead {
                    path: path.clone(),
                    reason,
                },
                args.lang,
            )
        };
        let bytes = files::read_limited(path).map_err(|e| cannot(e.to_string()))?;
        if let Some(p) = crate::domain::limits::file_size(&bytes) {
            return Err(cannot(p.localize(args.lang)));
        }
        let text = String::from_utf8(bytes).map_err(|e| cannot(e.to_string()))?;
        cal.load_schedule_json(&text)
            .map_err(|e| Failure::of(e, args.lang))?;
    }
    Ok(cal)
}

fn workday(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [date] = args
        .positionals::<1>("workday", &["DATE"])
        .map_err(|e| usage(e, lang))?;
    let cal = calendar_for(args)?;
    let date = calendar::parse_date(date).map_err(|e| Failure::of(e, lang))?;
    let info = cal.day(date);
    let mut text = info.localize(lang);
    if let Some(w) = &info.warning {
        text.push('\n');
        text.push_str(&w.localize(lang));
    }
    let json = json!({ "day": info, "text": info.localize(lang) });
    Ok(Answer {
        text,
        json,
        code: 0,
        json_text: None,
        err: None,
    })
}

fn deadline(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [start, n, unit] = args
        .positionals::<3>("deadline", &["DATE", "N", "UNIT"])
        .map_err(|e| usage(e, lang))?;
    let cal = calendar_for(args)?;
    let n = parse_count(n).map_err(|e| Failure::of(e, lang))?;
    let unit = Unit::parse(unit).map_err(|e| Failure::of(e, lang))?;
    let clock = match &args.clock {
        Some(c) => Clock::parse(c).map_err(|e| Failure::of(e, lang))?,
        None => Clock::Continuous,
    };
    let opts = PeriodOptions {
        holiday_extension: !args.no_extension,
        clock,
        ..PeriodOptions::default()
    };
    let deadline = if unit == Unit::Hours {
        let start = match &args.time {
            Some(t) => format!("{} {t}", start.trim()),
            None => start.to_string(),
        };
        let start = calendar::parse_datetime(&start).map_err(|e| Failure::of(e, lang))?;
        period::deadline_hours(&cal, start, n, &opts)
    } else {
        let start = calendar::parse_date(start).map_err(|e| Failure::of(e, lang))?;
        period::deadline(&cal, start, n, unit, &opts)
    }
    .map_err(|e| Failure::of(e, lang))?;

    let head = match &deadline.end {
        DeadlineEnd::Day(d) => format!(
            "{}{d} {}",
            lang.pick("期限最后一日：", "Last day: "),
            calendar::weekday_name(d.weekday(), lang)
        ),
        DeadlineEnd::Instant(t) => format!(
            "{} {}",
            lang.pick("期限届满时刻：", "Ends at:"),
            t.format("%Y-%m-%d %H:%M")
        ),
    };
    let explanation = deadline.explain(lang);
    let mut text = head;
    for (i, step) in explanation.iter().enumerate() {
        text.push_str(&format!("\n  {}. {step}", i + 1));
    }
    for w in &deadline.warnings {
        text.push_str(&format!("\n{}", w.localize(lang)));
    }
    let json = json!({ "deadline": deadline, "explanation": explanation });
    Ok(Answer {
        text,
        json,
        code: 0,
        json_text: None,
        err: None,
    })
}

fn words(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    if let Some(figure) = &args.check {
        let [text] = args
            .positionals::<1>("words --check", &["TEXT"])
            .map_err(|e| usage(e, lang))?;
        let figure = Amount::parse(figure).map_err(|e| Failure::of(e, lang))?;
        let check = money::check_words(figure, text);
        let verdict = if check.matches {
            lang.pick("一致", "matches")
        } else {
            lang.pick("不一致", "does not match")
        };
        let mut out = format!(
            "{} {} → {verdict}",
            lang.pick("大写金额", "Written amount"),
            check.written
        );
        out.push_str(&format!(
            "\n{} {}  {}{}",
            lang.pick("数字金额", "Figure"),
            check.figure.format_yuan(),
            lang.pick("标准写法：人民币", "standard form: 人民币"),
            check.expected
        ));
        if let Some(read) = &check.read {
            out.push_str(&format!(
                "\n{} {}",
                lang.pick("大写读作", "The words read as"),
                read.format_yuan()
            ));
        }
        if let Some(e) = &check.error {
            out.push_str(&format!("\n{}", e.localize(lang)));
        }
        for f in &check.findings {
            out.push_str(&format!("\n  - {}", f.localize(lang)));
        }
        let findings: Vec<String> = check.findings.iter().map(|f| f.localize(lang)).collect();
        let code = if check.matches { 0 } else { 1 };
        let json = json!({ "check": check, "findings_text": findings });
        return Ok(Answer {
            text: out,
            json,
            code,
            json_text: None,
            err: None,
        });
    }
    let [amount] = args
        .positionals::<1>("words", &["AMOUNT"])
        .map_err(|e| usage(e, lang))?;
    let amount = Amount::parse(amount).map_err(|e| Failure::of(e, lang))?;
    let style = WordsStyle {
        zheng_after_jiao: args.zheng_after_jiao,
    };
    let words = money::to_words_with(amount, style).map_err(|e| Failure::of(e, lang))?;
    let text = format!("人民币{words}（{}）", amount.round_fen().format_yuan());
    let json = json!({ "amount": amount.round_fen(), "words": words, "with_prefix": format!("人民币{words}") });
    Ok(Answer {
        text,
        json,
        code: 0,
        json_text: None,
        err: None,
    })
}

fn vat(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [amount, rate] = args
        .positionals::<2>("vat", &["AMOUNT", "RATE"])
        .map_err(|e| usage(e, lang))?;
    let gross = Amount::parse(amount).map_err(|e| Failure::of(e, lang))?;
    let rate = Rate::parse(rate).map_err(|e| Failure::of(e, lang))?;
    let split = money::vat_split(gross, rate).map_err(|e| Failure::of(e, lang))?;
    let text = format!(
        "{} {}\n{} {}\n{}",
        lang.pick("不含税金额", "Net of tax:"),
        split.net.format_yuan(),
        lang.pick("税额　　　", "Tax:       "),
        split.tax.format_yuan(),
        split.localize(lang)
    );
    let json = json!({ "vat": split, "explanation": split.localize(lang) });
    Ok(Answer {
        text,
        json,
        code: 0,
        json_text: None,
        err: None,
    })
}
