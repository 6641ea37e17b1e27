//! Contract text that attacks the programs reading lvyue's output: spreadsheets (formula
//! injection in CSV, formulas in XLSX), Markdown renderers (HTML, `javascript:` links, forged
//! headings and totals) and terminals (escape sequences, bidi overrides), and `--output` aimed
//! at an input file.
//!
//! The hostile pair is in the bad-input corpus (`tests/bad-input/contract/hostile-strings.json`
//! and `events/hostile-strings.json`, valid files): every string field of the contract and the
//! record is a formula, HTML, a Markdown forgery or an escape sequence. Each test runs it through
//! the writer that the CLI and the page share and checks the bytes, not just a sample of them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use pulldown_cmark::{Event, HeadingLevel, Options as MdOptions, Parser, Tag, TagEnd};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::print::{entry, parse_csv, unzip};
use lvyue::domain::calendar::Calendar;
use lvyue::domain::contract::Contract;
use lvyue::domain::engine::{self, Options};
use lvyue::domain::events::Events;
use lvyue::domain::labels::Labels;
use lvyue::domain::report::Report;
use lvyue::domain::{explain, statement, Lang};
use lvyue::export::{self, xlsx};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

fn contract_path() -> PathBuf {
    corpus().join("contract/hostile-strings.json")
}

fn events_path() -> PathBuf {
    corpus().join("events/hostile-strings.json")
}

fn hostile() -> (Contract, Events, Report) {
    let c: Contract =
        serde_json::from_str(&std::fs::read_to_string(contract_path()).unwrap()).unwrap();
    let e: Events = serde_json::from_str(&std::fs::read_to_string(events_path()).unwrap()).unwrap();
    let r = engine::evaluate(&c, &e, &Calendar::china(), &Options::default()).expect("evaluates");
    (c, e, r)
}

fn lvyue(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .output()
        .expect("lvyue runs");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "lvyue {args:?} panicked"
    );
    out
}

fn eval(extra: &[&str]) -> Output {
    let (c, e) = (contract_path(), events_path());
    let mut args = vec!["eval", c.to_str().unwrap(), "--events", e.to_str().unwrap()];
    args.extend_from_slice(extra);
    lvyue(&args)
}

/// The characters a terminal acts on or that reorder what it shows: C0 but newline and tab,
/// DEL, C1, and the bidi embeddings, overrides and isolates.
fn is_hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t' && c != '\r')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Where `text` holds a character a terminal would act on (a carriage return counts unless it
/// ends a CRLF line).
fn hidden_at(text: &str) -> Option<(usize, char)> {
    let b = text.as_bytes();
    text.char_indices()
        .find(|&(i, c)| is_hidden(c) || (c == '\r' && b.get(i + 1) != Some(&b'\n')))
}

fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8 output");
    if let Some((i, c)) = hidden_at(&text) {
        let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!("{what}: {c:?} at byte {i}, after {:?}", &text[from..i]);
    }
}

// ---- CSV (item 10) ----

const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Every text cell of a CSV that a spreadsheet would run is neutralised: it starts with `'`;
/// the amount column holds numbers only.
fn assert_csv_safe(csv: &str) {
    let rows = parse_csv(csv.strip_prefix('\u{feff}').expect("the BOM"));
    assert!(rows.len() > 10, "too few rows: {}", rows.len());
    let mut neutralised = 0;
    for (i, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 8, "row {i} is ragged: {row:?}");
        for (j, cell) in row.iter().enumerate() {
            if j == 4 && i > 0 {
                assert!(
                    cell.is_empty() || cell.parse::<Decimal>().is_ok(),
                    "row {i}: the amount {cell:?} is not a number"
                );
                continue;
            }
            assert!(
                !cell.starts_with(FORMULA_START),
                "row {i} column {j}: a spreadsheet runs {cell:?}"
            );
            if cell.starts_with('\'') {
                neutralised += 1;
            }
        }
    }
    assert!(neutralised >= 5, "only {neutralised} cells neutralised");
    assert!(hidden_at(csv).is_none(), "a control character in the CSV");
}

#[test]
fn csv_text_cells_never_start_a_formula_and_amounts_stay_numbers() {
    let (c, _, r) = hostile();
    for lang in [Lang::Zh, Lang::En] {
        // What the page's CSV button downloads and what `lvyue eval --format csv` prints.
        let csv = export::report_csv(&r, &Labels::of_report(&c, &r), lang);
        assert_csv_safe(&csv);
        let rows = parse_csv(&csv['\u{feff}'.len_utf8()..]);
        // The milestone (id `=HYPERLINK("x")`) is said by its label, a formula still there, to
        // be read, behind its quote.
        let milestone = lang.pick("'+节点", "'+Milestone");
        assert!(
            rows.iter()
                .any(|row| row[2].starts_with(milestone) && row[4] == "100.00"),
            "no neutralised milestone cell with its number"
        );
        assert!(
            !csv.contains("HYPERLINK(\"\"x"),
            "the milestone's id in the CSV"
        );
        assert!(rows.iter().any(|row| row[1] == "'=1+2"), "clause =1+2");
    }
    let out = eval(&["--format", "csv"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        stdout,
        export::report_csv(&r, &Labels::of_report(&c, &r), Lang::Zh) + "\n"
    );
}

#[test]
fn a_negative_amount_in_the_csv_is_a_number() {
    let (c, _, r) = hostile();
    let mut v = serde_json::to_value(&r).unwrap();
    v["penalties"][0]["lines"][0]["amount"] = Value::from("-400.00");
    let r: Report = serde_json::from_value(v).unwrap();
    let csv = export::report_csv(&r, &Labels::of_report(&c, &r), Lang::Zh);
    let rows = parse_csv(&csv['\u{feff}'.len_utf8()..]);
    assert!(
        rows.iter()
            .any(|row| row[0] == "违约金" && row[4] == "-400.00"),
        "the negative amount was written as text"
    );
}

// ---- XLSX (item 10) ----

#[test]
fn xlsx_writes_contract_strings_as_strings_never_as_formulas() {
    let (c, _, r) = hostile();
    let st = statement::statement(&c, &r, Lang::Zh);
    let bytes = xlsx::report_xlsx(&r, &c, &st).expect("a workbook");
    let mut z = unzip(&bytes);
    let names: Vec<String> = z
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let mut sheets = 0;
    for name in names
        .iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
    {
        let xml = entry(&mut z, name);
        sheets += 1;
        assert!(
            !xml.contains("<f>") && !xml.contains("<f "),
            "{name} has a formula"
        );
        assert!(
            !xml.contains("t=\"str\""),
            "{name} has a formula's string result"
        );
    }
    assert!(sheets >= 3, "{sheets} sheets");
    let strings = entry(&mut z, "xl/sharedStrings.xml");
    // (The milestone's id, `=HYPERLINK("x")`, is not shown: the workbook names a milestone by
    // its label. The title's formula is the hostile text here.)
    assert!(
        strings.contains("=HYPERLINK(&quot;http://evil.example")
            || strings.contains("=HYPERLINK(\"http://evil.example"),
        "the title's text is not a shared string"
    );
    assert!(
        strings.contains("+cmd|' /C calc'!A0") || strings.contains("+cmd|&apos; /C calc&apos;!A0")
    );
    assert!(
        !strings.contains("<script"),
        "raw markup in the shared strings"
    );
    assert!(
        !strings.contains('\u{1b}'),
        "a raw escape in the shared strings"
    );
    let core = entry(&mut z, "docProps/core.xml");
    assert!(
        core.contains("=HYPERLINK(") && !core.contains('\u{1b}'),
        "{core}"
    );
}

// ---- Markdown (item 11) ----

struct MdShape {
    h1: usize,
    headings: Vec<(HeadingLevel, String)>,
    tables: usize,
    /// The text of every event, concatenated per heading.
    problems: Vec<String>,
}

/// The Markdown as a CommonMark + GFM renderer reads it.
fn md_shape(md: &str) -> MdShape {
    let mut opts = MdOptions::empty();
    opts.insert(MdOptions::ENABLE_TABLES);
    opts.insert(MdOptions::ENABLE_STRIKETHROUGH);
    opts.insert(MdOptions::ENABLE_FOOTNOTES);
    opts.insert(MdOptions::ENABLE_TASKLISTS);
    let mut shape = MdShape {
        h1: 0,
        headings: vec![],
        tables: 0,
        problems: vec![],
    };
    let mut heading: Option<(HeadingLevel, String)> = None;
    let mut lists = 0usize;
    for ev in Parser::new_ext(md, opts) {
        match &ev {
            Event::Html(h) | Event::InlineHtml(h) => shape.problems.push(format!("HTML {h:?}")),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                shape.problems.push(format!("a link to {dest_url:?}"))
            }
            Event::Start(Tag::BlockQuote(_)) => shape.problems.push("a block quote".into()),
            Event::Start(Tag::CodeBlock(_)) => shape.problems.push("a code block".into()),
            Event::Start(Tag::Emphasis | Tag::Strikethrough) => {
                shape.problems.push(format!("{ev:?}"))
            }
            Event::Start(Tag::FootnoteDefinition(_)) | Event::FootnoteReference(_) => {
                shape.problems.push(format!("{ev:?}"))
            }
            Event::Rule => shape.problems.push("a thematic break".into()),
            Event::TaskListMarker(_) => shape.problems.push("a task list".into()),
            Event::Start(Tag::List(first)) => {
                lists += 1;
                if first.is_some() {
                    shape.problems.push("an ordered list".into());
                }
                if lists > 1 {
                    shape.problems.push("a nested list".into());
                }
            }
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Table(_)) => shape.tables += 1,
            Event::Start(Tag::Heading { level, .. }) => {
                if *level == HeadingLevel::H1 {
                    shape.h1 += 1;
                }
                heading = Some((*level, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => shape.headings.extend(heading.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(t);
                }
                if let Some((i, c)) = hidden_at(t) {
                    shape.problems.push(format!("{c:?} at {i} in {t:?}"));
                }
            }
            _ => {}
        }
    }
    shape
}

/// A contract string as the Markdown must show it: the same text, newlines as spaces, control
/// characters written out.
fn shown(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn markdown_shows_contract_strings_as_text_and_nothing_else() {
    let (c, _, r) = hostile();
    for lang in [Lang::Zh, Lang::En] {
        let md = explain::report_markdown(&r, &Labels::of_report(&c, &r), lang);
        let shape = md_shape(&md);
        assert!(
            shape.problems.is_empty(),
            "{lang:?} md: {:?}",
            shape.problems
        );
        assert_eq!(shape.h1, 1, "{lang:?}: a forged heading");
        // The one table is the payments table.
        assert_eq!(shape.tables, 1, "{lang:?}: a forged table");
        // The title in the language is the heading's text, exactly as written (newlines as
        // spaces).
        assert_eq!(
            shape.headings[0].1,
            shown(&statement::title(&c, lang)),
            "{lang:?}"
        );

        let st = statement::statement(&c, &r, lang);
        let smd = statement::statement_markdown(&st);
        let shape = md_shape(&smd);
        assert!(
            shape.problems.is_empty(),
            "{lang:?} statement: {:?}",
            shape.problems
        );
        assert_eq!(shape.h1, 1, "{lang:?} statement: a forged heading");
        assert_eq!(shape.tables, 0, "{lang:?} statement: a forged table");
        assert_eq!(
            shape.headings[1].1,
            shown(&statement::title(&c, lang)),
            "{lang:?}"
        );
        // The totals heading is the statement's own, once.
        let totals = lang.pick("合计", "Totals");
        assert_eq!(
            shape.headings.iter().filter(|(_, t)| t == totals).count(),
            1,
            "{lang:?}: {:?}",
            shape.headings
        );
    }
}

#[test]
fn the_cli_markdown_is_the_escaped_one() {
    let (c, _, r) = hostile();
    for (format, lang) in [("md", "zh"), ("statement", "en")] {
        let out = eval(&["--format", format, "--lang", lang]);
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        let shape = md_shape(&text);
        assert!(shape.problems.is_empty(), "{format}: {:?}", shape.problems);
        assert_eq!(shape.h1, 1, "{format}");
    }
    let out = eval(&[]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        explain::report_markdown(&r, &Labels::of_report(&c, &r), Lang::Zh) + "\n"
    );
}

// ---- Terminals (item 12) ----

#[test]
fn nothing_the_cli_prints_acts_on_the_terminal() {
    let (c, e) = (contract_path(), events_path());
    let (c, e) = (c.to_str().unwrap(), e.to_str().unwrap());
    let runs: Vec<Vec<&str>> = vec![
        vec!["eval", c, "--events", e],
        vec!["eval", c, "--events", e, "--lang", "en"],
        vec!["eval", c, "--events", e, "--format", "statement"],
        vec!["eval", c, "--events", e, "--format", "csv"],
        vec!["eval", c, "--events", e, "--json"],
        vec!["check", c, "--events", e],
        vec!["check", c, "--events", e, "--json", "--lang", "en"],
    ];
    for args in runs {
        let out = lvyue(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_terminal_safe(&format!("stdout of {args:?}"), &out.stdout);
        assert_terminal_safe(&format!("stderr of {args:?}"), &out.stderr);
    }
    // The JSON on the terminal is the same JSON: the characters are escaped, not dropped.
    let out = eval(&["--json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (contract, _, _) = hostile();
    assert_eq!(v["title"], Value::from(contract.title.clone()));
    assert!(contract.title.contains('\u{1b}'));
}

#[test]
fn error_messages_quote_hostile_input_without_acting_on_the_terminal() {
    let dir = scratch("messages");
    let bad = dir.join("bad.contract.json");
    std::fs::write(
        &bad,
        "{\"format\": \"lvyue-contract/2\", \"id\": \"x\u{202e}\", \"title\": \"\u{9b}2J\",\n\
         \"parties\": {\"buyer\": {\"name\": \"a\"}, \"seller\": {\"name\": \"b\"}},\n\
         \"total\": \"\\u001b[2J\\u001b[H一切正常\u{202e}\", \"clauses\": [{\"id\": \"\u{7}\"}]}",
    )
    .unwrap();
    let e = events_path();
    let bad = bad.to_str().unwrap();
    for args in [
        vec!["check", bad],
        vec!["check", bad, "--lang", "en"],
        vec!["eval", bad, "--events", e.to_str().unwrap()],
        vec!["eval", bad, "--events", e.to_str().unwrap(), "--json"],
        vec!["eval", "\u{1b}[2Jmissing.json", "--events", "x"],
        vec!["eval", "\u{1b}[2J", "--unknown\u{1b}[2J"],
    ] {
        let out = lvyue(&args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(
            !out.stderr.is_empty() || !out.stdout.is_empty(),
            "{args:?} said nothing"
        );
        assert_terminal_safe(&format!("stdout of {args:?}"), &out.stdout);
        assert_terminal_safe(&format!("stderr of {args:?}"), &out.stderr);
    }
}

#[test]
fn a_json_file_written_with_output_is_exact() {
    let dir = scratch("json-file");
    let file = dir.join("report.json");
    let out = eval(&["--format", "json", "--output", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let (contract, _, r) = hostile();
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text, export::report_json(&r));
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["title"], Value::from(contract.title));
}

// ---- --output onto an input (item 13) ----

/// A fresh directory under the system's temporary one.
fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("lvyue-safety-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Copies of the hostile pair in `dir`.
fn copies(dir: &Path) -> (PathBuf, PathBuf) {
    let c = dir.join("c.json");
    let e = dir.join("e.json");
    std::fs::copy(contract_path(), &c).unwrap();
    std::fs::copy(events_path(), &e).unwrap();
    (c, e)
}

fn refused(args: &[&str], input: &Path, before: &[u8]) {
    let out = lvyue(args);
    assert_eq!(out.status.code(), Some(2), "{args:?} was not refused");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("输入文件") || err.contains("input file"),
        "{args:?}: {err}"
    );
    assert_eq!(
        std::fs::read(input).unwrap(),
        before,
        "{args:?} changed the input"
    );
}

#[test]
fn output_onto_an_input_file_is_refused_before_anything_is_written() {
    let dir = scratch("output");
    let (c, e) = copies(&dir);
    let cb = std::fs::read(&c).unwrap();
    let eb = std::fs::read(&e).unwrap();
    let (cs, es) = (c.to_str().unwrap(), e.to_str().unwrap());
    for format in ["json", "md", "xlsx"] {
        refused(
            &[
                "eval", cs, "--events", es, "--format", format, "--output", cs,
            ],
            &c,
            &cb,
        );
        refused(
            &["eval", cs, "--events", es, "--format", format, "-o", es],
            &e,
            &eb,
        );
    }
    // The same file by another name: a relative path, `..`, a symbolic link, a hard link.
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    let dotted = sub.join("../c.json");
    refused(
        &[
            "eval",
            cs,
            "--events",
            es,
            "--output",
            dotted.to_str().unwrap(),
        ],
        &c,
        &cb,
    );
    let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .current_dir(&dir)
        .args([
            "eval",
            "c.json",
            "--events",
            "e.json",
            "--output",
            "./sub/../e.json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "relative: {out:?}");
    assert_eq!(std::fs::read(&e).unwrap(), eb);
    #[cfg(unix)]
    {
        let link = dir.join("link.json");
        std::os::unix::fs::symlink(&c, &link).unwrap();
        refused(
            &[
                "eval",
                cs,
                "--events",
                es,
                "--output",
                link.to_str().unwrap(),
            ],
            &c,
            &cb,
        );
        // The input named through the link, the output by its own name.
        refused(
            &[
                "eval",
                link.to_str().unwrap(),
                "--events",
                es,
                "--output",
                cs,
            ],
            &c,
            &cb,
        );
    }
    let hard = dir.join("hard.json");
    std::fs::hard_link(&e, &hard).unwrap();
    refused(
        &[
            "eval",
            cs,
            "--events",
            es,
            "--output",
            hard.to_str().unwrap(),
        ],
        &e,
        &eb,
    );
    // A holidays file is an input too.
    let h = dir.join("h.json");
    std::fs::write(
        &h,
        r#"{"format": "lvyue-holidays/1", "year": 2024, "source": "x", "holidays": []}"#,
    )
    .unwrap();
    let hb = std::fs::read(&h).unwrap();
    let hs = h.to_str().unwrap();
    let out = lvyue(&["eval", cs, "--events", es, "--holidays", hs, "--output", hs]);
    assert_eq!(out.status.code(), Some(2), "holidays: {out:?}");
    assert_eq!(std::fs::read(&h).unwrap(), hb);
}

#[test]
fn the_refusal_speaks_both_languages_and_json() {
    let dir = scratch("output-langs");
    let (c, e) = copies(&dir);
    let (cs, es) = (c.to_str().unwrap(), e.to_str().unwrap());
    let zh = lvyue(&["eval", cs, "--events", es, "--output", cs]);
    let zh = String::from_utf8(zh.stderr).unwrap();
    assert!(zh.contains("输入文件") && zh.contains("c.json"), "{zh}");
    let en = lvyue(&["eval", cs, "--events", es, "--output", cs, "--lang", "en"]);
    let en = String::from_utf8(en.stderr).unwrap();
    assert!(en.contains("input file") && en.contains("c.json"), "{en}");
    let j = lvyue(&["eval", cs, "--events", es, "--output", cs, "--json"]);
    assert_eq!(j.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&j.stdout).unwrap();
    assert_eq!(v["error"]["code"], "output-is-input", "{v}");
}

#[test]
fn output_replaces_the_file_whole_and_leaves_nothing_beside_it() {
    let dir = scratch("output-whole");
    let (c, e) = copies(&dir);
    let (cs, es) = (c.to_str().unwrap(), e.to_str().unwrap());
    let target = dir.join("out.md");
    std::fs::write(&target, "x".repeat(1 << 20)).unwrap();
    let out = lvyue(&[
        "eval",
        cs,
        "--events",
        es,
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let (c, _, r) = hostile();
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        explain::report_markdown(&r, &Labels::of_report(&c, &r), Lang::Zh)
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["c.json", "e.json", "out.md"],
        "a temporary file was left"
    );
    // A failed evaluation writes nothing: the old file stays as it was.
    let before = std::fs::read(&target).unwrap();
    let out = lvyue(&[
        "eval",
        cs,
        "--events",
        cs,
        "--output",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&target).unwrap(), before);
    // Into a directory that does not exist: an error naming the file, and nothing written.
    let nowhere = dir.join("no/such/dir/out.md");
    let out = lvyue(&[
        "eval",
        cs,
        "--events",
        es,
        "--output",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("out.md"));
}
