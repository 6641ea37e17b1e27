//! Every contract string is rendered as text: nothing in the app's code writes HTML from a
//! string (`inner_html`, Yew's `from_html_unchecked`, …), and the page's own JavaScript
//! (`web/*.js`) uses no `innerHTML`, `eval` or the like. The scanner is tested on planted
//! lines first, so a broken scanner cannot pass silently. The end-to-end suite
//! `tests/e2e/suites/offline.mjs` loads a contract full of HTML and script and checks that
//! nothing runs; the Content-Security-Policy (scripts/csp.mjs) is the second wall.

use std::path::{Path, PathBuf};

/// What writes markup from a string, in Rust (yew, web-sys) and in JavaScript.
const RUST_HTML: [&str; 8] = [
    "from_html_unchecked",
    "inner_html",
    "set_inner_html",
    "outer_html",
    "set_outer_html",
    "insert_adjacent_html",
    "create_contextual_fragment",
    "write_with_str",
];
const JS_HTML: [&str; 7] = [
    "innerHTML",
    "outerHTML",
    "insertAdjacentHTML",
    "createContextualFragment",
    "document.write",
    "eval(",
    "new Function",
];
/// Files allowed to name one of the words, with the reason. Empty: none needs to.
const ALLOWED: [(&str, &str); 0] = [];

/// The code of a line, without a `//` comment.
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

fn offending(text: &str, words: &[&str]) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| words.iter().any(|w| code(l).contains(w)))
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .collect()
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a readable directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn scan(dir: &str, ext: &str, words: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    files(&root.join(dir), ext, &mut found);
    assert!(!found.is_empty(), "no .{ext} files under {dir}");
    found.sort();
    let mut out = Vec::new();
    for path in found {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if ALLOWED.iter().any(|(f, _)| *f == rel) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a readable file");
        for (n, line) in offending(&text, words) {
            out.push(format!("{rel}:{n}: {line}"));
        }
    }
    out
}

#[test]
fn the_scanner_finds_planted_lines() {
    let planted = "let a = 1;\nel.set_inner_html(&title);\n// inner_html in a comment is fine\nHtml::from_html_unchecked(s.into())\n";
    let hits = offending(planted, &RUST_HTML);
    assert_eq!(hits.iter().map(|h| h.0).collect::<Vec<_>>(), vec![2, 4]);
    let js = "el.textContent = t;\nel.innerHTML = t;\n";
    assert_eq!(offending(js, &JS_HTML).len(), 1);
}

#[test]
fn the_app_writes_no_html_from_strings() {
    let hits = scan("src", "rs", &RUST_HTML);
    assert!(
        hits.is_empty(),
        "markup written from a string:\n{}",
        hits.join("\n")
    );
}

#[test]
fn the_pages_own_scripts_write_no_html_and_eval_nothing() {
    let hits = scan("web", "js", &JS_HTML);
    assert!(
        hits.is_empty(),
        "markup or eval in web/*.js:\n{}",
        hits.join("\n")
    );
}
