//! The bad-input corpus (`tests/bad-input/`): every broken file gives exactly the problems its
//! case names (code, JSON path, and line and column where the case states them), through every
//! surface that reads files — never a panic, never a hang.
//!
//! The cases are plain files and one manifest, `tests/bad-input/cases.json`, so that any runner
//! (this one, a JS one in the browser) can read them. Big and deep files are not committed:
//! a case names a generator (`prefix + repeat×times + middle + close×times + suffix`, with
//! `{i}` in `repeat` replaced by the repetition's index) and they are written at test time.
//!
//! A surface is one way of reading files: [`Library`] (the `domain::load` functions the app
//! uses), [`CliCheck`] (`lvyue check --json`), [`CliEval`] (`lvyue eval --json`) and [`Api`]
//! (`lvyue::api::evaluate`, what the JavaScript module exports). The JavaScript module itself
//! runs the same manifest in headless Chromium (`tests/e2e/suites/bad-input.mjs`).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde_json::Value;

use lvyue::domain::contract::Contract;
use lvyue::domain::load;

/// How much processor time one CLI run may use before it counts as a hang. A debug build
/// reads a 21 MB case in 5–20 s of processor time; wall time on a busy machine can be ten
/// times that, so the limit is on processor time (from `/proc`), with a wall-time backstop.
const CPU_LIMIT: Duration = Duration::from_secs(60);
const WALL_LIMIT: Duration = Duration::from_secs(900);

/// The processor time a running process has used, where `/proc` tells it.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split(' ').collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-input")
}

/// Which file a case is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Contract,
    Events,
}

/// One expected problem.
#[derive(Clone, Debug)]
pub struct Expect {
    pub code: String,
    pub path: String,
    pub severity: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// One problem a surface reported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub code: String,
    pub path: String,
    pub severity: String,
    pub line: usize,
    pub column: usize,
}

impl Found {
    fn of_json(p: &Value) -> Found {
        let s = |k: &str| p[k].as_str().unwrap_or_default().to_string();
        let n = |k: &str| p[k].as_u64().unwrap_or(0) as usize;
        Found {
            code: s("code"),
            path: s("path"),
            severity: s("severity"),
            line: n("line"),
            column: n("column"),
        }
    }
}

/// A case, ready to run: its files on disk and their bytes.
pub struct Case {
    pub name: String,
    pub kind: Kind,
    /// The file under test.
    pub file: PathBuf,
    pub bytes: Vec<u8>,
    /// For an events case, the contract it goes with; for a contract case, the events file
    /// `eval` gets beside it.
    pub other: PathBuf,
    pub expect: Vec<Expect>,
    /// For a file that loads: the problems evaluating gives (`eval.overflow`), with the input
    /// each is in (the contract unless the case says `"input": "events"`). The surfaces that
    /// evaluate (`lvyue eval`, the API) expect these; the loader and `lvyue check` do not
    /// evaluate and expect `expect` only.
    pub eval: Vec<(Kind, Expect)>,
    /// Other problems may follow those listed (many-problem cases), at least `min` in all.
    pub more: bool,
    pub min: usize,
}

impl Case {
    fn has_error(&self) -> bool {
        self.expect.iter().any(|e| e.severity == "error")
    }

    /// The file of an input: the case's file or the other one.
    fn file_of(&self, input: Kind) -> &Path {
        if input == self.kind {
            &self.file
        } else {
            &self.other
        }
    }

    /// The case as its evaluation errors: what `eval` and the API must report when the file
    /// loads but cannot be evaluated. The found problems of each input are compared at once.
    fn as_eval(&self) -> Case {
        Case {
            name: self.name.clone(),
            kind: self.kind,
            file: self.file.clone(),
            bytes: Vec::new(),
            other: self.other.clone(),
            expect: self.eval.iter().map(|(_, e)| e.clone()).collect(),
            eval: Vec::new(),
            more: false,
            min: 0,
        }
    }

    /// The file as text, when it is UTF-8 (what a text API can be given).
    pub fn text(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    /// The expected problems as if found (for a surface that cannot be given the case).
    pub fn expected_as_found(&self) -> Vec<Found> {
        self.expect
            .iter()
            .map(|e| Found {
                code: e.code.clone(),
                path: e.path.clone(),
                severity: e.severity.clone(),
                line: e.line.unwrap_or(1),
                column: e.column.unwrap_or(1),
            })
            .collect()
    }
}

/// One way of reading the files.
pub trait Surface: Sync {
    fn name(&self) -> &'static str;
    /// Whether it reports warnings (eval only reports errors).
    fn reports_warnings(&self) -> bool {
        true
    }
    /// Whether it reads the big generated files (over 1 MB) too. `lvyue check` reads files
    /// with the same loader as `lvyue eval`, and a 21 MB file takes 10–20 s in a debug build
    /// on a busy machine: the big cases go through the library and `eval` only.
    fn reads_big_files(&self) -> bool {
        true
    }
    /// Every problem it reports for the file under test, or what went wrong (a panic, a hang,
    /// a wrong exit code, output that is not JSON).
    fn run(&self, case: &Case) -> Result<Vec<Found>, String>;
}

/// The library: `load::utf8` then `inspect_contract` / `inspect_events`, as the app does.
pub struct Library;

fn base_contract(path: &Path) -> Contract {
    let text = std::fs::read_to_string(path).expect("the case's contract is readable");
    load::load_contract(&text).expect("the case's contract loads")
}

impl Surface for Library {
    fn name(&self) -> &'static str {
        "library"
    }

    fn run(&self, case: &Case) -> Result<Vec<Found>, String> {
        let bytes = case.bytes.clone();
        let kind = case.kind;
        let other = case.other.clone();
        let problems = std::panic::catch_unwind(move || {
            let text = match load::utf8(&bytes) {
                Ok(t) => t,
                Err(p) => return p.0,
            };
            match kind {
                Kind::Contract => load::inspect_contract(text).1,
                Kind::Events => load::inspect_events(&base_contract(&other), text).1,
            }
        })
        .map_err(|_| "panicked".to_string())?;
        Ok(problems
            .iter()
            .map(|p| Found::of_json(&serde_json::to_value(p).expect("a problem serialises")))
            .collect())
    }
}

/// Runs the CLI with a time limit; returns the exit code, stdout and stderr.
fn lvyue(args: &[&Path]) -> Result<(i32, String, String), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lvyue"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run lvyue: {e}"))?;
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().map_err(|e| e.to_string())? {
            break s;
        }
        let cpu = cpu_time(child.id()).unwrap_or_default();
        if cpu > CPU_LIMIT || start.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "hung: killed after {cpu:?} of processor time, {:?} of wall time",
                start.elapsed()
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = String::from_utf8_lossy(&t_out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&t_err.join().unwrap_or_default()).into_owned();
    if stderr.contains("panicked") || status.code() == Some(101) {
        return Err(format!("panicked: {stderr}"));
    }
    let code = status
        .code()
        .ok_or_else(|| format!("killed by a signal (stack overflow?): {stderr}"))?;
    Ok((code, stdout, stderr))
}

/// The problems of `file` in the CLI's JSON: `{file, problems}` objects, possibly in arrays.
fn problems_of(v: &Value, file: &Path, out: &mut Vec<Found>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| problems_of(x, file, out)),
        Value::Object(m)
            if m.contains_key("problems")
                && m.get("file").and_then(Value::as_str) == file.to_str() =>
        {
            if let Some(ps) = m["problems"].as_array() {
                out.extend(ps.iter().map(Found::of_json));
            }
        }
        _ => {}
    }
}

fn contract_and_events(case: &Case) -> (&Path, &Path) {
    match case.kind {
        Kind::Contract => (&case.file, &case.other),
        Kind::Events => (&case.other, &case.file),
    }
}

/// `lvyue check CONTRACT [--events EVENTS] --json`: exit 1 when there is an error, else 0.
pub struct CliCheck;

impl Surface for CliCheck {
    fn name(&self) -> &'static str {
        "lvyue check"
    }

    fn reads_big_files(&self) -> bool {
        false
    }

    fn run(&self, case: &Case) -> Result<Vec<Found>, String> {
        let (contract, events) = contract_and_events(case);
        let args: Vec<&Path> = match case.kind {
            Kind::Contract => vec![Path::new("check"), contract, Path::new("--json")],
            Kind::Events => vec![
                Path::new("check"),
                contract,
                Path::new("--events"),
                events,
                Path::new("--json"),
            ],
        };
        let (code, stdout, stderr) = lvyue(&args)?;
        let want = i32::from(case.has_error());
        if code != want {
            return Err(format!("exit code {code}, expected {want}: {stderr}"));
        }
        let v: Value = serde_json::from_str(&stdout).map_err(|e| format!("not JSON: {e}"))?;
        let mut found = Vec::new();
        problems_of(&v["files"], &case.file, &mut found);
        Ok(found)
    }
}

/// `lvyue eval CONTRACT --events EVENTS --json`: exit 2 with `{"error": …}` naming every
/// problem when the files have an error; a report otherwise.
pub struct CliEval;

impl Surface for CliEval {
    fn name(&self) -> &'static str {
        "lvyue eval"
    }

    fn reports_warnings(&self) -> bool {
        false
    }

    fn run(&self, case: &Case) -> Result<Vec<Found>, String> {
        let (contract, events) = contract_and_events(case);
        let args = [
            Path::new("eval"),
            contract,
            Path::new("--events"),
            events,
            Path::new("--json"),
        ];
        let (code, stdout, stderr) = lvyue(&args)?;
        let v: Value = serde_json::from_str(&stdout).map_err(|e| format!("not JSON: {e}"))?;
        if case.has_error() {
            if code != 2 {
                return Err(format!("exit code {code}, expected 2: {stderr}"));
            }
            let mut found = Vec::new();
            problems_of(&v["error"], &case.file, &mut found);
            Ok(found)
        } else if !case.eval.is_empty() {
            if code != 2 {
                return Err(format!(
                    "exit code {code}, expected 2 (evaluation): {stderr}"
                ));
            }
            let mut found = Vec::new();
            for input in [Kind::Contract, Kind::Events] {
                problems_of(&v["error"], case.file_of(input), &mut found);
            }
            eval_compared(case, found)
        } else {
            if code != 0 {
                return Err(format!("exit code {code}, expected 0: {stderr}"));
            }
            if v["format"] != "lvyue-report/1" {
                return Err(format!(
                    "not a report: {}",
                    &stdout[..stdout.len().min(300)]
                ));
            }
            Ok(Vec::new())
        }
    }
}

/// `lvyue::api::evaluate(contract, events, "{}")`, the call the JavaScript module exports: an
/// `ApiError` naming every error of the file under test (warnings are not errors there), a
/// report otherwise. Text only: a file that is not UTF-8 cannot be given to it (the JS runner
/// decodes with a fatal `TextDecoder` and expects the decoding to fail), so those cases count
/// as what they expect.
pub struct Api;

impl Surface for Api {
    fn name(&self) -> &'static str {
        "api"
    }

    fn reports_warnings(&self) -> bool {
        false
    }

    fn run(&self, case: &Case) -> Result<Vec<Found>, String> {
        let Some(text) = case.text() else {
            return Ok(case.expected_as_found());
        };
        let other = std::fs::read_to_string(&case.other).map_err(|e| e.to_string())?;
        let (contract, events, input) = match case.kind {
            Kind::Contract => (text, other.as_str(), "contract"),
            Kind::Events => (other.as_str(), text, "events"),
        };
        match lvyue::api::evaluate(contract, events, "{}") {
            Ok(report) => {
                if case.has_error() || !case.eval.is_empty() {
                    return Err("a report, but the case has an error".to_string());
                }
                let v: Value =
                    serde_json::from_str(&report).map_err(|e| format!("not JSON: {e}"))?;
                if v["format"] != "lvyue-report/1" {
                    return Err("not a report".to_string());
                }
                Ok(Vec::new())
            }
            Err(e) => {
                let v = serde_json::to_value(&e).map_err(|e| e.to_string())?;
                let problems = v["problems"].as_array().cloned().unwrap_or_default();
                if problems.is_empty() {
                    return Err(format!("an error without problems: {v}"));
                }
                if !case.has_error() && !case.eval.is_empty() {
                    let in_input = |p: &&Value| {
                        case.eval.iter().any(|(k, _)| {
                            p["input"]
                                == if *k == Kind::Contract {
                                    "contract"
                                } else {
                                    "events"
                                }
                        })
                    };
                    let found = problems.iter().filter(in_input).map(Found::of_json);
                    return eval_compared(case, found.collect());
                }
                Ok(problems
                    .iter()
                    .filter(|p| p["input"] == input)
                    .map(Found::of_json)
                    .collect())
            }
        }
    }
}

/// Compares the problems an evaluating surface found with the case's evaluation errors
/// ([`Case::eval`]): a mismatch is an error of the run (the loading problems, none, are then
/// what is left to compare).
fn eval_compared(case: &Case, found: Vec<Found>) -> Result<Vec<Found>, String> {
    match compare(&case.as_eval(), false, &found) {
        None => Ok(Vec::new()),
        Some(wrong) => Err(format!("evaluation: {wrong}")),
    }
}

/// Writes `prefix + repeat×times + middle + close×times + suffix` ( `{i}` in `repeat` is the
/// index) and returns its bytes.
fn generate(g: &Value) -> Vec<u8> {
    let s = |k: &str| g[k].as_str().unwrap_or_default();
    let times = g["times"].as_u64().expect("times") as usize;
    let (repeat, close) = (s("repeat"), s("close"));
    let mut out = String::with_capacity(times * (repeat.len() + close.len() + 8) + 1024);
    out.push_str(s("prefix"));
    let indexed = repeat.contains("{i}");
    for i in 0..times {
        if indexed {
            out.push_str(&repeat.replace("{i}", &i.to_string()));
        } else {
            out.push_str(repeat);
        }
    }
    out.push_str(s("middle"));
    for _ in 0..times {
        out.push_str(close);
    }
    out.push_str(s("suffix"));
    out.into_bytes()
}

/// Every case of the manifest, generated files written to a temporary directory once.
pub fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        let dir = dir();
        let manifest: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.join("cases.json")).expect("cases.json"),
        )
        .expect("cases.json is JSON");
        let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bad-input");
        std::fs::create_dir_all(&tmp).expect("a temporary directory");
        let min_events = dir.join(
            manifest["events_for_contract_cases"]
                .as_str()
                .expect("events_for_contract_cases"),
        );
        manifest["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| {
                let name = c["name"].as_str().expect("name").to_string();
                let kind = match c["kind"].as_str() {
                    Some("contract") => Kind::Contract,
                    Some("events") => Kind::Events,
                    k => panic!("{name}: unknown kind {k:?}"),
                };
                let (file, bytes) = if let Some(f) = c["file"].as_str() {
                    let p = dir.join(f);
                    let b = std::fs::read(&p).unwrap_or_else(|e| panic!("{name}: {e}"));
                    (p, b)
                } else {
                    let b = generate(&c["generate"]);
                    let p = tmp.join(format!("{}.json", name.replace('/', "-")));
                    std::fs::write(&p, &b).expect("write a generated case");
                    (p, b)
                };
                let other = match kind {
                    Kind::Contract => min_events.clone(),
                    Kind::Events => dir.join(c["contract"].as_str().expect("contract")),
                };
                let expect_of = |e: &Value| Expect {
                    code: e["code"].as_str().expect("code").to_string(),
                    path: e["path"].as_str().expect("path").to_string(),
                    severity: e["severity"].as_str().unwrap_or("error").to_string(),
                    line: e["line"].as_u64().map(|n| n as usize),
                    column: e["column"].as_u64().map(|n| n as usize),
                };
                let expect = c["expect"]
                    .as_array()
                    .expect("expect")
                    .iter()
                    .map(expect_of)
                    .collect();
                let eval = c["eval"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .map(|e| {
                                let input = match e["input"].as_str() {
                                    None | Some("contract") => Kind::Contract,
                                    Some("events") => Kind::Events,
                                    Some(k) => panic!("{name}: unknown input {k}"),
                                };
                                (input, expect_of(e))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                Case {
                    name,
                    kind,
                    file,
                    bytes,
                    other,
                    expect,
                    eval,
                    more: c["more"].as_bool().unwrap_or(false),
                    min: c["min"].as_u64().unwrap_or(0) as usize,
                }
            })
            .collect()
    })
}

/// What is wrong with what a surface found for a case, if anything.
pub fn compare(case: &Case, warnings: bool, found: &[Found]) -> Option<String> {
    let expect: Vec<&Expect> = case
        .expect
        .iter()
        .filter(|e| warnings || e.severity == "error")
        .collect();
    let found: Vec<&Found> = found
        .iter()
        .filter(|f| warnings || f.severity == "error")
        .collect();
    let mut left: BTreeMap<usize, &Found> = found.iter().copied().enumerate().collect();
    let mut problems = Vec::new();
    for e in &expect {
        let hit = left.iter().find(|(_, f)| {
            f.code == e.code
                && f.path == e.path
                && f.severity == e.severity
                && e.line.is_none_or(|l| l == f.line)
                && e.column.is_none_or(|c| c == f.column)
        });
        match hit {
            Some((&k, _)) => {
                left.remove(&k);
            }
            None => problems.push(format!("missing {e:?}")),
        }
    }
    if !case.more && !left.is_empty() {
        let extra: Vec<_> = left.values().take(5).collect();
        problems.push(format!("unexpected {extra:?}"));
    }
    if found.len() < case.min {
        problems.push(format!(
            "{} problems, expected at least {}",
            found.len(),
            case.min
        ));
    }
    for f in &found {
        if f.line == 0 || f.column == 0 {
            problems.push(format!("not located: {f:?}"));
            break;
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems.join("; "))
    }
}

/// Runs every case through a surface (two at a time), and fails listing every case that went
/// wrong.
pub fn check_surface(surface: &dyn Surface) {
    // The big cases first, so that the two threads share them.
    let mut cases: Vec<&Case> = cases().iter().collect();
    cases.sort_by_key(|c| std::cmp::Reverse(c.bytes.len()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    let timings = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(&case) = cases.get(i) else { break };
                if case.bytes.len() > 1 << 20 && !surface.reads_big_files() {
                    continue;
                }
                let start = Instant::now();
                let outcome = surface.run(case);
                timings
                    .lock()
                    .unwrap()
                    .push((start.elapsed(), case.name.clone()));
                let wrong = match outcome {
                    Err(e) => Some(e),
                    Ok(found) => compare(case, surface.reports_warnings(), &found),
                };
                if let Some(w) = wrong {
                    failures
                        .lock()
                        .unwrap()
                        .push(format!("{}: {}", case.name, w));
                }
            });
        }
    });
    let mut timings = timings.into_inner().unwrap();
    timings.sort();
    for (t, name) in timings.iter().rev().take(3) {
        eprintln!("{}: slowest: {name} {t:?}", surface.name());
    }
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed through {}:\n{}",
        failures.len(),
        cases.len(),
        surface.name(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_has_every_kind_of_case() {
    let cases = cases();
    assert!(cases.len() >= 60, "{} cases", cases.len());
    let codes: std::collections::BTreeSet<&str> = cases
        .iter()
        .flat_map(|c| c.expect.iter().chain(c.eval.iter().map(|(_, e)| e)))
        .map(|e| e.code.as_str())
        .collect();
    for code in [
        "json.empty",
        "json.syntax",
        "json.too-deep",
        "json.not-object",
        "json.duplicate-key",
        "text.invalid-utf8",
        "field.unknown",
        "field.missing",
        "value.type",
        "value.invalid",
        "value.unknown-variant",
        "amount.negative",
        "rate.above-100",
        "cap.empty",
        "cap.below-one-day",
        "ref.item",
        "ref.level",
        "ref.milestone",
        "ref.clause",
        "ref.cycle",
        "id.duplicate",
        "format.tag",
        "eval.overflow",
    ] {
        assert!(codes.contains(code), "no case produces {code}");
    }
    // Every committed file is a case, and every case's file exists.
    let dir = dir();
    for sub in ["contract", "events"] {
        for entry in std::fs::read_dir(dir.join(sub)).expect("the corpus directory") {
            let path = entry.expect("an entry").path();
            assert!(
                cases.iter().any(|c| c.file == path),
                "{} is in no case of cases.json",
                path.display()
            );
        }
    }
    // The files that are not UTF-8 are exactly those that must say so, and the expectations
    // of every case are consistent with themselves (located, no duplicates left over).
    for c in cases {
        let says = c.expect.iter().any(|e| e.code == "text.invalid-utf8");
        assert_eq!(c.text().is_none(), says, "{}", c.name);
        if c.min == 0 {
            assert_eq!(compare(c, true, &c.expected_as_found()), None, "{}", c.name);
        }
        // Evaluation errors are for files that load: a case has one or the other.
        assert!(c.eval.is_empty() || !c.has_error(), "{}", c.name);
        let ev = c.as_eval();
        assert_eq!(
            compare(&ev, true, &ev.expected_as_found()),
            None,
            "{}",
            c.name
        );
    }
    // The big cases are big and the deep ones deep.
    let big = cases
        .iter()
        .filter(|c| c.bytes.len() > 20 * 1024 * 1024)
        .count();
    assert!(big >= 3, "{big} cases over 20 MB");
    let deep = cases
        .iter()
        .filter(|c| c.bytes.iter().filter(|&&b| b == b'[' || b == b'{').count() >= 10_000)
        .count();
    assert!(deep >= 3, "{deep} deep cases");
}

#[test]
fn every_case_through_the_library() {
    check_surface(&Library);
}

#[test]
fn every_case_through_lvyue_check() {
    check_surface(&CliCheck);
}

#[test]
fn every_case_through_lvyue_eval() {
    check_surface(&CliEval);
}

#[test]
fn every_case_through_the_api() {
    check_surface(&Api);
}

/// The messages of every problem of the corpus are in both languages and name no Rust type.
#[test]
fn every_problem_speaks_both_languages() {
    for case in cases().iter().filter(|c| c.bytes.len() < 100_000) {
        let problems = match load::utf8(&case.bytes) {
            Err(p) => p.0,
            Ok(text) => match case.kind {
                Kind::Contract => load::inspect_contract(text).1,
                Kind::Events => load::inspect_events(&base_contract(&case.other), text).1,
            },
        };
        for p in problems {
            assert!(!p.zh.is_empty() && !p.en.is_empty(), "{}: {p:?}", case.name);
            assert!(
                p.zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}: the Chinese message has no Chinese: {}",
                case.name,
                p.zh
            );
            for rust in ["u32", "NaiveDate", "Option<", "Vec<", "struct "] {
                assert!(
                    !p.en.contains(rust) || p.code == "value.type",
                    "{}: {}",
                    case.name,
                    p.en
                );
            }
        }
    }
}

/// Every problem of the corpus, in Chinese, is Chinese: no English words outside what it
/// quotes (issue 10, item 19: `取值无效："1e400": unexpected character 'e' at position 2`,
/// `应为 a Decimal type representing a fixed-point number`, `JSON 语法错误：trailing comma`).
#[test]
fn every_problem_in_chinese_has_no_english_words() {
    /// Words a Chinese message may hold: names of formats and of the notation.
    const ALLOWED: [&str; 14] = [
        "JSON", "UTF", "YYYY", "MM", "DD", "HH", "SS", "Unicode", "null", "true", "false", "CNY",
        "Excel", "lvyue",
    ];
    let mut wrong = Vec::new();
    for case in cases().iter().filter(|c| c.bytes.len() < 100_000) {
        let problems = match load::utf8(&case.bytes) {
            Err(p) => p.0,
            Ok(text) => match case.kind {
                Kind::Contract => load::inspect_contract(text).1,
                Kind::Events => load::inspect_events(&base_contract(&case.other), text).1,
            },
        };
        for p in problems {
            for word in english_words(&unquoted(&p.zh)) {
                if !ALLOWED.contains(&word.as_str()) {
                    wrong.push(format!("{}: {} ({word})", case.name, p.zh));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "English in Chinese messages:\n{}",
        wrong.join("\n")
    );
}

/// The text without what it quotes (“…”, "…", `…`).
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut close = None;
    for c in s.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '“' => close = Some('”'),
                '"' => close = Some('"'),
                '`' => close = Some('`'),
                c => out.push(c),
            },
        }
    }
    out
}

/// Runs of two or more ASCII letters, but for code points (`U+FEFF`, `\u{200B}`) and the
/// notation of dates (`YYYY-MM-DDTHH:MM:SS`).
fn english_words(s: &str) -> Vec<String> {
    let mut plain = String::new();
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("\\u{") {
            rest = r.split_once('}').map_or("", |(_, r)| r);
            plain.push(' ');
        } else if let Some(r) = rest.strip_prefix("U+") {
            rest = r.trim_start_matches(|c: char| c.is_ascii_hexdigit());
            plain.push(' ');
        } else {
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    plain
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 2 && !w.chars().all(|c| "YMDTHS".contains(c)))
        .map(str::to_string)
        .collect()
}
