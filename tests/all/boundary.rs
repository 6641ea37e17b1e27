//! The domain boundary: `src/domain` names no web crate, reads no clock and uses no floats.
//! The scanner is tested on planted lines first, so a broken scanner cannot pass silently.

use std::path::{Path, PathBuf};

const WEB_CRATES: [&str; 6] = [
    "yew",
    "web_sys",
    "web-sys",
    "gloo",
    "js_sys",
    "wasm_bindgen",
];
const CLOCKS: [&str; 5] = [
    "SystemTime::now",
    "Instant::now",
    "Utc::now",
    "Local::now",
    "Zoned::now",
];
const FLOATS: [&str; 2] = ["f32", "f64"];

/// Whether `word` stands in `line` as a whole identifier (not part of a longer one).
fn names(line: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    line.match_indices(word).any(|(i, _)| {
        let before = line[..i].chars().next_back();
        let after = line[i + word.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// The code of a line, without a `//` comment (doc comments may name what the code must not).
fn code(line: &str) -> &str {
    line.find("//").map_or(line, |i| &line[..i])
}

/// Every line of `text` whose code names one of `words`: (line number, line).
fn offending(text: &str, words: &[&str]) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| words.iter().any(|w| names(code(l), w)))
        .map(|(i, l)| (i + 1, l.trim().to_string()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/domain is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn scan(words: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(
        files.len() >= 5,
        "expected the domain's modules under {root:?}, found {files:?}"
    );
    let mut found = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("a readable source file");
        for (n, line) in offending(&text, words) {
            found.push(format!("{}:{n}: {line}", f.display()));
        }
    }
    found
}

#[test]
fn the_scanner_finds_what_is_planted_and_nothing_else() {
    assert_eq!(offending("use yew::prelude::*;", &WEB_CRATES).len(), 1);
    assert_eq!(
        offending("let x = web_sys::window();", &WEB_CRATES).len(),
        1
    );
    assert_eq!(
        offending("let t = std::time::SystemTime::now();", &CLOCKS).len(),
        1
    );
    assert_eq!(offending("let r: f64 = 0.1;", &FLOATS).len(), 1);
    // Longer identifiers that merely contain a word are not hits.
    assert!(offending("let yewish = 1; let gloomy = 2; let f640 = 3;", &WEB_CRATES).is_empty());
    assert!(offending("let f640 = 3;", &FLOATS).is_empty());
    // Comments may name them; code after a comment marker is not code.
    assert!(offending("//! nothing here names yew or gloo", &WEB_CRATES).is_empty());
    assert_eq!(
        offending("let w = gloo::utils::window(); // gloo", &WEB_CRATES).len(),
        1
    );
}

#[test]
fn the_domain_names_no_web_crate() {
    let found = scan(&WEB_CRATES);
    assert!(
        found.is_empty(),
        "src/domain must stay pure; it names a web crate:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_domain_reads_no_clock() {
    let found = scan(&CLOCKS);
    assert!(
        found.is_empty(),
        "src/domain must take 'today' as a parameter:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_domain_uses_no_floats() {
    let found = scan(&FLOATS);
    assert!(
        found.is_empty(),
        "src/domain must compute exactly:\n{}",
        found.join("\n")
    );
}
