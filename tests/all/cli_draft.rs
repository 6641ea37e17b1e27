//! `lvyue draft`: a `.docx` built from seed 004's text drafted into a contract that
//! `lvyue check` loads, with the review list in both languages; documents given to `check` and
//! `eval` are called documents, not JSON syntax errors.

use std::process::{Command, Output};

use crate::document::{docx_of, seed};

fn lvyue(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .output()
        .expect("the lvyue binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked"),
        "lvyue {args:?} panicked: {stderr}"
    );
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8 output")
}

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("lvyue-draft-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn drafting_a_docx_writes_a_contract_that_check_loads() {
    let d = scratch("docx");
    let docx = d.join("004.docx");
    std::fs::write(&docx, docx_of(&seed("004_"))).unwrap();
    let out_path = d.join("004.contract.json");
    let (docx_s, out_s) = (docx.to_str().unwrap(), out_path.to_str().unwrap());
    let out = lvyue(&["draft", docx_s, "--output", out_s]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let review = text(&out.stdout);
    assert!(review.starts_with(&format!("起草自“{docx_s}”")), "{review}");
    assert!(review.contains("已将起草的合同写入"), "{review}");
    // 004's 3.5: "合同签订后 30 日内支付合同金额的 50%" is on line 53 of the text; whatever the
    // drafter makes of it, the review places it there.
    assert!(review.contains("53:1–"), "{review}");
    let check = lvyue(&["check", out_s]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    let contract: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(contract["format"], "lvyue-contract/2");

    // English, and the contract to stdout with the review on stderr.
    let out = lvyue(&["draft", docx_s, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(0));
    let c: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is the contract");
    assert_eq!(c, contract);
    let review = text(&out.stderr);
    assert!(review.starts_with("drafted from"), "{review}");
    assert!(review.contains("not understood"), "{review}");

    // --json: the whole draft.
    let out = lvyue(&["draft", docx_s, "--json"]);
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("the draft as JSON");
    assert_eq!(d["format"], "lvyue-draft/1");
    assert_eq!(d["contract"], contract);
    assert_eq!(
        d["text"].as_str().unwrap().lines().count(),
        seed("004_").lines().count()
    );
}

#[test]
fn a_utf16_text_drafts_as_its_utf8_twin() {
    let d = scratch("utf16");
    let s = seed("004_");
    let utf8 = d.join("a.txt");
    std::fs::write(&utf8, &s).unwrap();
    let utf16 = d.join("b.txt");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(s.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    std::fs::write(&utf16, bytes).unwrap();
    let a = lvyue(&["draft", utf8.to_str().unwrap(), "--json"]);
    let b = lvyue(&["draft", utf16.to_str().unwrap(), "--json"]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn documents_are_named_as_such_by_check_and_eval() {
    let d = scratch("named");
    let docx = d.join("c.docx");
    std::fs::write(&docx, docx_of(&seed("004_"))).unwrap();
    let txt = d.join("contract.txt");
    std::fs::write(&txt, seed("002_")).unwrap();
    let events = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/004-liyang-operations.events.json"
    );
    for (file, lang, word) in [
        (&docx, "zh", "lvyue draft"),
        (&txt, "zh", "合同文本"),
        (&txt, "en", "draft it with `lvyue draft"),
    ] {
        let f = file.to_str().unwrap();
        let check = lvyue(&["check", f, "--lang", lang]);
        assert_eq!(check.status.code(), Some(1));
        let all = text(&check.stdout) + &text(&check.stderr);
        assert!(
            all.contains(word) && !all.contains("JSON 语法错误") && !all.contains("JSON syntax"),
            "{all}"
        );
        let eval = lvyue(&["eval", f, "--events", events, "--lang", lang]);
        assert_eq!(eval.status.code(), Some(2));
        let all = text(&eval.stderr);
        assert!(
            all.contains(word) && !all.contains("JSON 语法错误") && !all.contains("JSON syntax"),
            "{all}"
        );
    }
}

#[test]
fn bad_documents_fail_with_a_localised_message_and_exit_2() {
    let d = scratch("bad");
    let bad = d.join("bad.docx");
    std::fs::write(&bad, b"PK\x03\x04 not really").unwrap();
    let out = lvyue(&["draft", bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not a readable Word document"),
        "{}",
        text(&out.stderr)
    );
    let pdf = d.join("c.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").unwrap();
    let out = lvyue(&["draft", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("暂不读取 PDF"),
        "{}",
        text(&out.stderr)
    );
    let out = lvyue(&["draft", pdf.to_str().unwrap(), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["code"], "document.unsupported");
    // A contract file is not drafted; the output never replaces the input.
    let contract = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/004-liyang-operations.contract.json"
    );
    assert_eq!(lvyue(&["draft", contract]).status.code(), Some(2));
    let txt = d.join("in.txt");
    std::fs::write(&txt, seed("000_")).unwrap();
    let t = txt.to_str().unwrap();
    assert_eq!(lvyue(&["draft", t, "--output", t]).status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&txt).unwrap(), seed("000_"));
}

#[test]
fn the_review_is_terminal_safe() {
    let d = scratch("safe");
    let txt = d.join("hostile.txt");
    std::fs::write(
        &txt,
        "合同\n乙方每逾期一日\u{1b}[31m，按合同总额的3‰支付违约金\u{202e}。",
    )
    .unwrap();
    let out = lvyue(&[
        "draft",
        txt.to_str().unwrap(),
        "--output",
        d.join("o.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let all = text(&out.stdout) + &text(&out.stderr);
    assert!(
        !all.contains('\u{1b}') && !all.contains('\u{202e}'),
        "{all:?}"
    );
}
