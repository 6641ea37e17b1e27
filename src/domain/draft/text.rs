//! The text as the drafter reads it: line endings normalised, split into sentences with their
//! character spans, each under the clause number the text last gave (第七条, 7.2, （3）, 附件2).
//!
//! Matching runs on a folded copy of each sentence ([`fold`]): full-width digits, letters and
//! signs become ASCII one character for one, so a span found in the folded copy is the same
//! span of the original.

use super::{Signal, TextSpan};

/// One sentence of the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Sentence {
    pub span: TextSpan,
    /// The sentence as written.
    pub text: String,
    /// The clause number it stands under (`7.2`, `3.5(1)`, `附件2-5.4.4`), if any.
    pub clause: Option<String>,
}

/// The text, its sentences and its title.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
    sentences: Vec<Sentence>,
    title: Option<String>,
}

impl Document {
    /// Reads `raw`: `\r\n` and `\r` become `\n`, Word's `[bookmark: …]` markers are dropped.
    pub fn new(raw: &str) -> Document {
        let text = clean(raw);
        let sentences = split(&text);
        let title = text
            .lines()
            .map(str::trim)
            .find(|l| l.chars().count() >= 4 && !l.starts_with('[') && !is_heading(l))
            .map(|l| l.chars().take(80).collect());
        Document {
            text,
            sentences,
            title,
        }
    }
    pub fn text(&self) -> &str {
        &self.text
    }
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }
}

fn clean(raw: &str) -> String {
    let unix = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(unix.len());
    let mut rest = unix.as_str();
    while let Some(i) = rest.find("[bookmark:") {
        out.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                rest = &rest[i..];
                break;
            }
        }
    }
    out.push_str(rest);
    out.trim_start_matches('\u{feff}').to_string()
}

/// Folds one character: full-width ASCII forms to ASCII, the ideographic space to a space,
/// and the Chinese punctuation that plays the role of an ASCII sign to that sign.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' => ' ',
        '‰' => '‰',
        _ => c,
    }
}

/// The folded copy of a text (same number of characters).
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// Sentence ends: a full stop, a semicolon, an exclamation or question mark, or a line end.
fn is_end(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '？' | '\n')
}

fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut heading = Heading::default();
    let mut start = 0usize;
    let mut buf = String::new();
    let mut line_start = true;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        if buf.is_empty() && (c.is_whitespace() || (line_start && is_marker(c, next))) {
            start = i + 1;
            line_start |= c == '\n';
            continue;
        }
        buf.push(c);
        if is_end(c) {
            push(&mut out, &mut heading, &mut buf, start, i + 1, line_start);
            start = i + 1;
            line_start = c == '\n';
        }
    }
    let end = text.chars().count();
    push(&mut out, &mut heading, &mut buf, start, end, line_start);
    out
}

/// A quotation mark or a list bullet before a line's words (`> 7.2 …` quoted from an e-mail or
/// Markdown, `- (1) …`, `• …`): not part of the sentence, so that the clause number after it is
/// read as one.
fn is_marker(c: char, next: Option<char>) -> bool {
    c == '>' || (matches!(c, '-' | '*' | '•' | '·') && next.is_none_or(char::is_whitespace))
}

fn push(
    out: &mut Vec<Sentence>,
    heading: &mut Heading,
    buf: &mut String,
    start: usize,
    end: usize,
    line_start: bool,
) {
    let trimmed = buf.trim_end();
    if trimmed.is_empty() {
        buf.clear();
        return;
    }
    if line_start {
        heading.read(&fold(trimmed));
    }
    let len = trimmed.chars().count();
    out.push(Sentence {
        span: TextSpan {
            start,
            end: start + len,
        },
        text: trimmed.to_string(),
        clause: heading.id(),
    });
    let _ = end;
    buf.clear();
}

/// Whether a line is only a heading number and a few words (not a title).
fn is_heading(line: &str) -> bool {
    number_at_start(&fold(line)).is_some()
}

/// The clause numbering read so far.
#[derive(Clone, Debug, Default)]
struct Heading {
    annex: Option<String>,
    /// The dotted number (`7.2`, `5.4.4`), from 第七条 as `7`.
    dotted: Option<String>,
    /// A sub-item under it: `（3）` as `3`.
    item: Option<String>,
    /// The article the text is in (第三条, 三、), whose plain items (`1.`, `2、`) are its own:
    /// `3.1`, `3.2`.
    article: Option<String>,
}

/// A number at a line's start.
#[derive(Clone, Debug, PartialEq)]
enum Number {
    Annex(String),
    Article(String),
    Dotted(String),
    Item(String),
}

impl Heading {
    fn read(&mut self, line: &str) {
        match number_at_start(line) {
            Some(Number::Annex(n)) => {
                *self = Heading {
                    annex: Some(n),
                    ..Heading::default()
                }
            }
            Some(Number::Article(n)) => {
                self.dotted = Some(n.clone());
                self.article = Some(n);
                self.item = None;
            }
            Some(Number::Dotted(n)) => {
                let plain = !n.contains('.');
                self.dotted = Some(match &self.article {
                    Some(a) if plain => format!("{a}.{n}"),
                    _ => {
                        if !plain {
                            self.article = None;
                        }
                        n
                    }
                });
                self.item = None;
            }
            Some(Number::Item(n)) => self.item = Some(n),
            None => {}
        }
    }
    fn id(&self) -> Option<String> {
        let mut id = self.dotted.clone()?;
        if let Some(item) = &self.item {
            id = format!("{id}({item})");
        }
        Some(match &self.annex {
            Some(a) => format!("附件{a}-{id}"),
            None => id,
        })
    }
}

/// Reads a clause number at the start of a folded line.
fn number_at_start(line: &str) -> Option<Number> {
    let line = line.trim_start();
    if let Some(rest) = line.strip_prefix("附件") {
        let rest = rest.trim_start();
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = rest[n.len()..].chars().next();
        if !n.is_empty() && after.is_none_or(|c| !c.is_ascii_digit() && c != '.') {
            return Some(Number::Annex(n));
        }
    }
    if let Some(rest) = line.strip_prefix('第') {
        let (n, len) = super::lexicon::chinese_int_prefix(rest)?;
        if rest[len..].starts_with('条') || rest[len..].starts_with('章') {
            return Some(Number::Article(n.to_string()));
        }
        return None;
    }
    if let Some((n, len)) = super::lexicon::chinese_int_prefix(line) {
        if line[len..].starts_with('、') && !line.starts_with(|c: char| c.is_ascii_digit()) {
            return Some(Number::Article(n.to_string()));
        }
    }
    bracketed(line).or_else(|| dotted(line))
}

/// `(3)`, `3)`, `（3）` after folding.
fn bracketed(line: &str) -> Option<Number> {
    let rest = line.strip_prefix('(').unwrap_or(line);
    let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if n.is_empty() || n.len() > 3 {
        return None;
    }
    rest[n.len()..].starts_with(')').then_some(Number::Item(n))
}

/// `7.2`, `5.4.4 `, `1、` (a single number then 、 or a dot and a non-digit).
fn dotted(line: &str) -> Option<Number> {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = line;
    loop {
        let n: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if n.is_empty() || n.len() > 3 {
            break;
        }
        rest = &rest[n.len()..];
        parts.push(n);
        match rest.strip_prefix('.') {
            Some(r) if r.starts_with(|c: char| c.is_ascii_digit()) => rest = r,
            _ => break,
        }
    }
    if parts.is_empty() {
        return None;
    }
    let next = rest.chars().next();
    let single_ok = matches!(next, Some('、') | Some('.') | Some(' ') | Some('\t'));
    let unit_next = matches!(next, Some(c) if "日天月年个小分时次%‰元万×*".contains(c));
    if unit_next || (parts.len() == 1 && !single_ok) {
        return None;
    }
    Some(Number::Dotted(parts.join(".")))
}

/// The signals of a sentence: why a sentence that gave no rule is worth listing.
pub fn signals(sentence: &str) -> Vec<Signal> {
    let f = fold(sentence);
    let mut out = Vec::new();
    let has = |words: &[&str]| words.iter().any(|w| f.contains(w));
    if has(&["元", "¥", "￥", "价款", "费用", "金额", "总额", "总价"]) {
        out.push(Signal::Money);
    }
    if has(&["%", "‰", "百分之", "千分之", "万分之"]) {
        out.push(Signal::Rate);
    }
    if super::lexicon::has_span(&f) {
        out.push(Signal::TimeLimit);
    }
    if has(&[
        "违约金",
        "扣减",
        "罚款",
        "处罚",
        "扣除",
        "扣罚",
        "赔偿",
        "违约",
        "罚金",
        "滞纳金",
    ]) {
        out.push(Signal::PenaltyWord);
    }
    if has(&[
        "应",
        "须",
        "必须",
        "负责",
        "不得",
        "需",
        "定期",
        "每月",
        "每季",
        "每年",
        "每周",
        "按月",
        "提前",
        "顺延",
        "每半年",
        "每天",
        "每日",
        "每次",
        "巡检",
        "检查",
        "保养",
        "维护",
        "提交",
    ]) {
        out.push(Signal::Duty);
    }
    out
}
