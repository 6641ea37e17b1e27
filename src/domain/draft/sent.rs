//! One sentence as the phrase families see it: its folded text and its tokens, with the
//! queries the families share (the first token of a kind, the tokens between two others).

use super::lexicon::{tokens, BaseWord, Tok, Token, Word};
use super::text::{fold, Sentence};
use crate::domain::contract::{Side, Span, SpanUnit};
use crate::domain::money::{Amount, Rate};

/// A sentence read into tokens.
#[derive(Clone, Debug)]
pub struct Sent<'a> {
    pub s: &'a Sentence,
    pub folded: String,
    pub toks: Vec<Token>,
}

impl<'a> Sent<'a> {
    pub fn new(s: &'a Sentence) -> Sent<'a> {
        let folded = fold(&s.text);
        let toks = tokens(&folded);
        Sent { s, folded, toks }
    }
    pub fn has(&self, w: Word) -> bool {
        self.toks.iter().any(|t| t.tok == Tok::Word(w))
    }
    pub fn contains(&self, text: &str) -> bool {
        self.folded.contains(text)
    }
    pub fn any(&self, texts: &[&str]) -> bool {
        texts.iter().any(|t| self.folded.contains(t))
    }
    /// The index of the first token for which `f` holds, from token `from`.
    pub fn find(&self, from: usize, f: impl Fn(&Tok) -> bool) -> Option<usize> {
        (from..self.toks.len()).find(|&i| f(&self.toks[i].tok))
    }
    pub fn word_at(&self, i: usize) -> Option<Word> {
        match self.toks.get(i)?.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }
    pub fn rate_at(&self, i: usize) -> Option<Rate> {
        match self.toks.get(i)?.tok {
            Tok::Rate(r) => Some(r),
            _ => None,
        }
    }
    pub fn amount_at(&self, i: usize) -> Option<Amount> {
        match self.toks.get(i)?.tok {
            Tok::Amount(a) => Some(a),
            _ => None,
        }
    }
    pub fn span_at(&self, i: usize) -> Option<Span> {
        match self.toks.get(i)?.tok {
            Tok::Span(s) => Some(s),
            _ => None,
        }
    }
    /// The character before token `i` (in the folded text).
    pub fn char_before(&self, i: usize) -> Option<char> {
        let start = self.toks.get(i)?.start;
        start
            .checked_sub(1)
            .and_then(|k| self.folded.chars().nth(k))
    }
    /// The folded text of characters `[a, b)`.
    pub fn chars(&self, a: usize, b: usize) -> String {
        self.folded
            .chars()
            .skip(a)
            .take(b.saturating_sub(a))
            .collect()
    }
    /// The party that acts: the first party named that is not the one paid or addressed
    /// (向甲方, 给乙方, 对甲方).
    pub fn actor(&self) -> Option<Side> {
        self.toks.iter().enumerate().find_map(|(i, t)| match t.tok {
            Tok::Word(Word::Party(side))
                if !matches!(
                    self.char_before(i),
                    Some('向' | '给' | '对' | '与' | '经' | '由' | '受')
                ) && !self.chars(t.end, t.end + 2).starts_with(['的', '人']) =>
            {
                Some(side)
            }
            _ => None,
        })
    }
    /// The base word right before token `i` (within two tokens: 合同总额的3‰).
    pub fn base_before(&self, i: usize) -> Option<BaseWord> {
        (i.saturating_sub(2)..i)
            .rev()
            .find_map(|k| match self.word_at(k) {
                Some(Word::Base(b)) => Some(b),
                _ => None,
            })
    }
    /// A per-day or per-period marker: `每逾期一日`, `每迟延一天`, `逾期每日`, `每超期7天`,
    /// `每日`: the token index after it and the period (1 day for per-day).
    pub fn per_period(&self) -> Option<(usize, Span)> {
        for i in 0..self.toks.len() {
            if self.word_at(i) != Some(Word::Per) {
                continue;
            }
            let per_day_word = self.toks[i].end - self.toks[i].start >= 2;
            if per_day_word {
                let working = self
                    .folded
                    .chars()
                    .skip(self.toks[i].end)
                    .take(4)
                    .collect::<String>()
                    .starts_with("工作日");
                let unit = if working {
                    SpanUnit::WorkingDays
                } else {
                    SpanUnit::Days
                };
                return Some((i + 1, Span { n: 1, unit }));
            }
            let mut k = i + 1;
            if self.word_at(k) == Some(Word::Late) {
                k += 1;
            }
            if let Some(span) = self
                .span_at(k)
                .filter(|_| self.toks[k].start <= self.toks[i].end + 3)
            {
                if matches!(
                    span.unit,
                    SpanUnit::Days | SpanUnit::WorkingDays | SpanUnit::Weeks
                ) {
                    return Some((k + 1, span));
                }
            }
        }
        None
    }
}
