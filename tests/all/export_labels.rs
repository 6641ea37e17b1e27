//! Labels, not ids, in the exports (issue 13 item 1): the CSV and the Markdown of every
//! built-in example, in Chinese and in English — as the page's CSV button, the API's
//! `evaluate` with `format` and `lvyue eval --format csv|md` make them, one code path — say
//! every name the contract declares by its label. The scan is `labels.rs`'s (declared ids as
//! whole tokens, snake_case tokens, occurrence ids, finding codes), run over every cell.

use std::process::Command;

use lvyue::api;
use lvyue::domain::explain;
use lvyue::domain::labels::Labels;
use lvyue::domain::Lang;
use lvyue::export;
use serde_json::Value;

use crate::labels::{example, ids_in, run, text, EXAMPLES};

/// The words of the record's own free text (a draw's note, a description): the user's words,
/// quoted as written, not ids the app shows.
fn record_words(id: &str) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                for (k, x) in o {
                    match (k.as_str(), x) {
                        ("note" | "description" | "text" | "title", Value::String(s)) => out
                            .extend(
                                s.split(|c: char| !c.is_ascii_alphanumeric())
                                    .map(str::to_string),
                            ),
                        _ => walk(x, out),
                    }
                }
            }
            _ => {}
        }
    }
    let v: Value = serde_json::from_str(&text(&format!("{id}.events.json"))).expect("JSON");
    let mut out = Vec::new();
    walk(&v, &mut out);
    out
}

fn lang_id(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// The export through the API's `evaluate`, as the JavaScript module and the page's own calls.
fn via_api(id: &str, format: &str, lang: Lang) -> String {
    let options = format!(r#"{{"format": "{format}", "lang": "{}"}}"#, lang_id(lang));
    api::evaluate(
        &text(&format!("{id}.contract.json")),
        &text(&format!("{id}.events.json")),
        &options,
    )
    .unwrap_or_else(|e| panic!("{id}: {e:?}"))
}

/// The export as `lvyue eval` prints it (stdout, without the final newline).
fn via_cli(id: &str, format: &str, lang: Lang) -> String {
    let dir = format!("{}/examples", env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args([
            "eval",
            &format!("{dir}/{id}.contract.json"),
            "--events",
            &format!("{dir}/{id}.events.json"),
            "--format",
            format,
            "--lang",
            lang_id(lang),
        ])
        .output()
        .expect("the lvyue binary runs");
    assert_eq!(out.status.code(), Some(0), "{id} {format}: {out:?}");
    let s = String::from_utf8(out.stdout).expect("UTF-8");
    s.strip_suffix('\n').unwrap_or(&s).to_string()
}

/// Every example in both languages, as CSV and as Markdown, through the three ways in: the
/// same text each way, and no internal id in any of it.
#[test]
fn no_internal_ids_in_the_csv_or_the_markdown() {
    let mut bad = Vec::new();
    let mut scanned = 0;
    for id in EXAMPLES {
        let (c, e, v) = example(id);
        let r = run(&c, &e);
        let labels = Labels::of_report(&c, &r);
        let own = record_words(id);
        for lang in [Lang::Zh, Lang::En] {
            let csv = export::report_csv(&r, &labels, lang);
            let md = explain::report_markdown(&r, &labels, lang);
            assert_eq!(via_api(id, "csv", lang), csv, "{id} {lang:?}: API CSV");
            assert_eq!(via_api(id, "md", lang), md, "{id} {lang:?}: API Markdown");
            assert_eq!(via_cli(id, "csv", lang), csv, "{id} {lang:?}: CLI CSV");
            assert_eq!(via_cli(id, "md", lang), md, "{id} {lang:?}: CLI Markdown");
            for (what, t) in [("csv", &csv), ("md", &md)] {
                scanned += t.len();
                for x in ids_in(t, &v, lang).into_iter().filter(|x| !own.contains(x)) {
                    bad.push(format!("{id} {lang:?} {what}: {x}"));
                }
            }
            // The file's id is not the contract's number: the Markdown names neither it.
            assert!(!md.contains(&c.id), "{id} {lang:?}: {}", &md[..200]);
        }
    }
    assert!(scanned > 200_000, "{scanned} bytes");
    assert!(bad.is_empty(), "{} ids:\n{}", bad.len(), bad.join("\n"));
}

/// The scan finds an id put back where its label was, in a CSV cell and in a Markdown line;
/// and the exports had ids before they had labels (the subjects by milestone id, the levels
/// by level id, the shared cap by its id).
#[test]
fn the_scan_finds_an_id_in_an_export() {
    let (c, e, v) = example("004-liyang-operations");
    let r = run(&c, &e);
    let labels = Labels::of_report(&c, &r);
    for lang in [Lang::Zh, Lang::En] {
        let csv = export::report_csv(&r, &labels, lang);
        let md = explain::report_markdown(&r, &labels, lang);
        assert!(ids_in(&csv, &v, lang).is_empty());
        let level = labels.name("especially_major", lang);
        let m1 = labels.subject("m1", lang);
        for t in [&csv, &md] {
            assert!(t.contains(&m1), "{lang:?}: no {m1}");
            assert_eq!(
                ids_in(&t.replacen(&m1, "m1", 1), &v, lang),
                ["m1"],
                "{lang:?}"
            );
        }
        assert!(md.contains(&level), "{lang:?}: no {level}");
        assert_eq!(
            ids_in(&md.replacen(&level, "especially_major", 1), &v, lang),
            ["especially_major"]
        );
    }
}

/// What the cells say now: a milestone by its label, a timer by the incident's number and the
/// timer's label, a penalty line of a duty by its clause and day; the column and section names
/// in Chinese in the Chinese file, and the contract's number at the Markdown's head.
#[test]
fn the_cells_say_labels() {
    let (mut c, e, _) = example("004-liyang-operations");
    c.number = Some("LY-2022-018".into());
    let r = run(&c, &e);
    let labels = Labels::of_report(&c, &r);
    let csv = export::report_csv(&r, &labels, Lang::Zh);
    let rows: Vec<Vec<String>> = crate::print::parse_csv(&csv['\u{feff}'.len_utf8()..]);
    assert_eq!(
        rows[0],
        ["类别", "条款", "对象", "日期", "金额", "状态", "一方", "说明"]
    );
    let m1 = r.payments.iter().find(|m| m.milestone == "m1").expect("m1");
    assert!(
        rows.iter()
            .any(|x| x[0] == "付款" && x[2] == m1.label.zh && x[2] != "m1"),
        "no 付款 row named {}",
        m1.label.zh
    );
    let t = r.sla.first().expect("004 has timers");
    let timer = format!("{}：{}", t.subject, t.label.zh);
    assert!(
        rows.iter().any(|x| x[0] == "服务时限" && x[2] == timer),
        "no 服务时限 row {timer}"
    );
    assert!(rows.iter().skip(1).all(|x| [
        "违约金",
        "权利",
        "风险敞口",
        "付款",
        "服务时限",
        "义务"
    ]
    .contains(&x[0].as_str())));
    let md = explain::report_markdown(&r, &labels, Lang::En);
    assert!(
        md.contains("Contract number LY-2022-018 · As of"),
        "{}",
        &md[..300]
    );
    let en = export::report_csv(&r, &labels, Lang::En);
    assert!(en.contains(&format!(
        ",{},",
        m1.label.en.as_deref().unwrap_or(&m1.label.zh)
    )));
}
