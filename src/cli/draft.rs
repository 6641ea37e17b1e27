//! `lvyue draft FILE.docx|FILE.txt [--json] [--output CONTRACT.json]`: a contract document read
//! ([`crate::domain::document`]) and drafted ([`crate::domain::draft`]) into a contract file,
//! with the review list — what was understood, from where, how surely, and what was not.
//!
//! Where things go: the drafted contract (pretty JSON) to `--output` (replaced whole,
//! [`super::output`]) or to stdout, and the review to stdout when the contract went to a file,
//! else to stderr (so `lvyue draft c.docx > c.json` gives a file `lvyue check` loads). `--json`
//! prints the whole draft (`lvyue-draft/1`) instead.

use serde_json::json;

use super::args::{Args, UsageError};
use super::{output, usage, Answer, Failure};
use crate::domain::document::{self, sniff};
use crate::domain::draft::{self, Confidence, Draft, FoundKind, Signal, TextSpan};
use crate::domain::{escape, Lang, Localize};

/// `lvyue draft FILE`.
pub(super) fn draft(args: &Args) -> Result<Answer, Failure> {
    let lang = args.lang;
    let [path] = args
        .positionals::<1>("draft", &["FILE"])
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
    let bytes = super::files::read_limited(path).map_err(|e| {
        usage(
            UsageError::CannotRead {
                path: path.to_string(),
                reason: e.to_string(),
            },
            lang,
        )
    })?;
    let text = document::read(&bytes, Some(path)).map_err(|e| Failure {
        message: format!("{path}: {}", e.localize(lang)),
        json: e.to_json(),
        bare: false,
    })?;
    if !sniff::is_document_text(&text) && text.trim_start().starts_with('{') {
        return Err(usage(
            UsageError::AlreadyContract {
                path: path.to_string(),
            },
            lang,
        ));
    }
    let d = draft::draft(&text);
    let contract = serde_json::to_string_pretty(&d.contract).unwrap_or_default() + "\n";
    let review = review(&d, path, lang);
    let written = match &args.output {
        Some(out) => {
            output::write_whole(out, contract.as_bytes()).map_err(|e| {
                usage(
                    UsageError::CannotWrite {
                        path: out.clone(),
                        reason: e.to_string(),
                    },
                    lang,
                )
            })?;
            Some(match lang {
                Lang::Zh => format!("已将起草的合同写入 {out}（{} 字节）", contract.len()),
                Lang::En => format!(
                    "wrote the drafted contract to {out} ({} bytes)",
                    contract.len()
                ),
            })
        }
        None => None,
    };
    if args.json {
        return Ok(Answer {
            text: String::new(),
            json: serde_json::Value::Null,
            code: 0,
            json_text: Some(serde_json::to_string_pretty(&d).unwrap_or_default()),
            err: written,
        });
    }
    Ok(match written {
        Some(w) => Answer {
            text: format!("{review}\n{w}"),
            json: json!(null),
            code: 0,
            json_text: None,
            err: None,
        },
        None => Answer {
            text: contract.trim_end().to_string(),
            json: json!(null),
            code: 0,
            json_text: None,
            err: Some(review),
        },
    })
}

/// Line and column (from 1, in characters) of each character of a text, found by one walk.
struct Lines {
    /// The character index at which each line starts.
    starts: Vec<usize>,
    chars: Vec<char>,
}

impl Lines {
    fn new(text: &str) -> Lines {
        let chars: Vec<char> = text.chars().collect();
        let mut starts = vec![0];
        starts.extend(
            chars
                .iter()
                .enumerate()
                .filter(|(_, c)| **c == '\n')
                .map(|(i, _)| i + 1),
        );
        Lines { starts, chars }
    }

    /// `line:column` of the character at `at`.
    fn at(&self, at: usize) -> String {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let column = at - self.starts[line - 1] + 1;
        format!("{line}:{column}")
    }

    /// `12:3–12:40`: the span's first and last characters.
    fn span(&self, s: TextSpan) -> String {
        let last = s.end.saturating_sub(1).max(s.start);
        format!("{}–{}", self.at(s.start), self.at(last))
    }

    /// The span's text on one line, terminal-safe, at most 120 characters.
    fn quote(&self, s: TextSpan) -> String {
        let end = s.end.min(self.chars.len());
        let start = s.start.min(end);
        let mut t: String = self.chars[start..end]
            .iter()
            .map(|&c| if c == '\n' || c == '\t' { ' ' } else { c })
            .take(120)
            .collect();
        if end - start > 120 {
            t.push('…');
        }
        escape::visible_controls(t.trim()).into_owned()
    }
}

fn kind_name(k: FoundKind, lang: Lang) -> &'static str {
    use FoundKind::*;
    let (zh, en) = match k {
        Title => ("标题", "title"),
        Parties => ("当事人", "parties"),
        Total => ("合同总额", "total"),
        Signing => ("签订日期", "signing"),
        Term => ("期限", "term"),
        Penalty => ("违约金", "penalty"),
        Payment => ("付款", "payment"),
        Sla => ("服务时限", "service level"),
        Obligation => ("义务", "duty"),
        Right => ("权利", "right"),
        SharedCap => ("共同上限", "shared cap"),
        Item => ("项目", "item"),
    };
    lang.pick(zh, en)
}

fn confidence_name(c: Confidence, lang: Lang) -> &'static str {
    match c {
        Confidence::High => lang.pick("高", "high"),
        Confidence::Medium => lang.pick("中", "medium"),
        Confidence::Low => lang.pick("低", "low"),
    }
}

fn signal_name(s: Signal, lang: Lang) -> &'static str {
    match s {
        Signal::Money => lang.pick("金额", "money"),
        Signal::Rate => lang.pick("比例", "rate"),
        Signal::TimeLimit => lang.pick("期限", "time limit"),
        Signal::PenaltyWord => lang.pick("违约用语", "penalty word"),
        Signal::Duty => lang.pick("义务", "duty"),
    }
}

/// A label of the draft in the chosen language, terminal-safe.
fn label(l: &crate::domain::contract::Label, lang: Lang) -> String {
    let s = match lang {
        Lang::En => l.en.as_deref().unwrap_or(&l.zh),
        Lang::Zh => &l.zh,
    };
    escape::visible_controls(s).into_owned()
}

/// The review list, in `lang`.
fn review(d: &Draft, path: &str, lang: Lang) -> String {
    let lines = Lines::new(&d.text);
    let mut out = vec![match lang {
        Lang::Zh => format!(
            "起草自“{}”：识别 {} 项，未识别 {} 句",
            escape::visible_controls(path),
            d.found.len(),
            d.not_understood.len()
        ),
        Lang::En => format!(
            "drafted from \"{}\": {} understood, {} not understood",
            escape::visible_controls(path),
            d.found.len(),
            d.not_understood.len()
        ),
    }];
    if !d.found.is_empty() {
        out.push(lang.pick("已识别：", "Understood:").to_string());
    }
    for f in &d.found {
        let clause = f
            .clause
            .as_deref()
            .map(|c| format!(" {}", escape::visible_controls(c)))
            .unwrap_or_default();
        out.push(format!(
            "  [{}]{clause}  {}  {}{}",
            kind_name(f.kind, lang),
            lines.span(f.span),
            lang.pick("可信度：", "confidence: "),
            confidence_name(f.confidence, lang)
        ));
        out.push(format!("    {}", label(&f.sentence, lang)));
        for n in &f.notes {
            out.push(format!(
                "    {}{}",
                lang.pick("注：", "note: "),
                label(n, lang)
            ));
        }
    }
    if !d.not_understood.is_empty() {
        out.push(
            lang.pick(
                "未识别（请在合同中手工补充）：",
                "Not understood (add these by hand):",
            )
            .to_string(),
        );
    }
    for u in &d.not_understood {
        let signals: Vec<&str> = u.signals.iter().map(|s| signal_name(*s, lang)).collect();
        let clause = u
            .clause
            .as_deref()
            .map(|c| format!("{}  ", escape::visible_controls(c)))
            .unwrap_or_default();
        out.push(format!(
            "  {clause}{}  {}  〔{}〕",
            lines.span(u.span),
            lines.quote(u.span),
            signals.join(lang.pick("、", ", "))
        ));
    }
    out.join("\n")
}
