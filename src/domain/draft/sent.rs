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
    /// The sentence with 甲方/乙方 read by the document's roles (see [`Roles`]).
    pub fn with_roles(s: &'a Sentence, roles: Roles) -> Sent<'a> {
        let mut sent = Sent::new(s);
        if roles.swapped {
            let chars: Vec<char> = sent.folded.chars().collect();
            for t in &mut sent.toks {
                if letter(&chars, t).is_none() {
                    continue;
                }
                match t.tok {
                    Tok::Word(Word::Party(side)) => t.tok = Tok::Word(Word::Party(flip(side))),
                    Tok::Word(Word::FaultOf(side)) => t.tok = Tok::Word(Word::FaultOf(flip(side))),
                    _ => {}
                }
            }
        }
        sent
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
        let (k, b) = (i.saturating_sub(2)..i)
            .rev()
            .find_map(|k| match self.word_at(k) {
                Some(Word::Base(b)) => Some((k, b)),
                _ => None,
            })?;
        // 该子系统年度服务费: the annual fee of the system named just before it.
        let of_item = b == BaseWord::AnnualFee
            && k > 0
            && self.word_at(k - 1) == Some(Word::Base(BaseWord::ItemFee));
        Some(if of_item { BaseWord::ItemFee } else { b })
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
                // 每逾期交货一日: what is late between the word and the day.
                if matches!(self.word_at(k), Some(Word::Event(_))) {
                    k += 1;
                }
            }
            let near = |k: usize| self.toks[k].start <= self.toks[i].end + 5;
            if let Some(span) = self.span_at(k).filter(|_| near(k)) {
                if matches!(
                    span.unit,
                    SpanUnit::Days | SpanUnit::WorkingDays | SpanUnit::Weeks
                ) {
                    return Some((k + 1, span));
                }
            }
        }
        // 滞纳金的金额为逾期天数乘以应付金额的0.1% / 按迟延天数×…: per day, the rate after it.
        let times = ["天数乘以", "日数乘以", "天数×", "日数×", "天数*", "日数*"];
        let at = times
            .iter()
            .filter_map(|w| self.folded.find(w).map(|b| b + w.len()))
            .min()?;
        let at = self.folded[..at].chars().count();
        let late_before = self.folded[..self
            .folded
            .char_indices()
            .nth(at)
            .map_or(self.folded.len(), |(b, _)| b)]
            .contains(['逾', '迟', '延', '超']);
        if !late_before {
            return None;
        }
        let k = self.toks.iter().position(|t| t.start >= at)?;
        Some((
            k,
            Span {
                n: 1,
                unit: SpanUnit::Days,
            },
        ))
    }
}

/// Which of 甲方 and 乙方 is the buyer, read once from the whole text and used for every payer
/// and holder. Contracts of this market mostly make 甲方 the buyer, but a template may make
/// 甲方 the developer and 乙方 the client; a role word beside the letter says which (甲方（采购人）,
/// 乙方（需方）, 委托方（甲方）, 采购人：…（以下简称“甲方”）, 甲方为发包人), else the side that pays
/// the contract price (乙方应向甲方支付合同价款的30%作为预付款).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Roles {
    /// 乙方 is the buyer and 甲方 the seller.
    pub swapped: bool,
    pub from: RolesFrom,
    /// The sentence the roles were read from (the first that said so).
    pub at: Option<usize>,
}

/// Where the roles came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RolesFrom {
    /// A role word beside 甲方/乙方.
    Stated,
    /// The side that pays the contract price (inferred: check it).
    Payment,
    /// Nothing says: 甲方 is taken as the buyer.
    #[default]
    Assumed,
}

/// The letter a party token is written with: 甲方 (`Some(true)`), 乙方 (`Some(false)`).
fn letter(folded: &[char], t: &Token) -> Option<bool> {
    match folded.get(t.start..(t.start + 2).min(folded.len()))? {
        ['甲', '方'] => Some(true),
        ['乙', '方'] => Some(false),
        _ => None,
    }
}

impl Roles {
    pub fn read(sentences: &[Sentence]) -> Roles {
        // (stated votes, paying votes): for each, the sentence and whether it swaps.
        let mut stated: Vec<(usize, bool)> = Vec::new();
        let mut paid: Vec<(usize, bool)> = Vec::new();
        for (n, s) in sentences.iter().enumerate() {
            let folded = fold(&s.text);
            let chars: Vec<char> = folded.chars().collect();
            let toks = tokens(&folded);
            let gap = |a: usize, b: usize| -> String { chars[a.min(b)..b.max(a)].iter().collect() };
            for (i, t) in toks.iter().enumerate() {
                let Some(jia) = letter(&chars, t) else {
                    continue;
                };
                if !matches!(t.tok, Tok::Word(Word::Party(_))) {
                    continue;
                }
                // A role word beside the letter: before it or after it.
                let near = [i.checked_sub(1), Some(i + 1)];
                for k in near.into_iter().flatten() {
                    let Some(r) = toks.get(k) else { continue };
                    let Tok::Word(Word::Party(role)) = r.tok else {
                        continue;
                    };
                    if letter(&chars, r).is_some() {
                        continue;
                    }
                    let between = if k < i {
                        gap(r.end, t.start)
                    } else {
                        gap(t.end, r.start)
                    };
                    // 甲方为采购人。 names a role; 乙方为采购人提供服务 ("for") does not.
                    let verb_gap =
                        between.contains(['为', '是', '即']) && !between.contains(['（', '(']);
                    let ends = chars
                        .get(r.end)
                        .is_none_or(|c| "，,。；;、）)：:".contains(*c));
                    if role_gap(&between) && (!verb_gap || k < i || ends) {
                        let says_buyer = role == Side::Buyer;
                        stated.push((n, says_buyer != jia));
                    }
                }
                // The side that pays the price: 乙方应向甲方支付合同价款…作为预付款.
                let after: String = chars[t.end..(t.end + 4).min(chars.len())].iter().collect();
                if (after.starts_with("应向")
                    || after.starts_with("向")
                    || after.starts_with("须向"))
                    && pays_price(&folded, &toks)
                {
                    paid.push((n, !jia));
                }
            }
        }
        let verdict = |votes: &[(usize, bool)]| -> Option<(bool, usize)> {
            let swaps = votes.iter().filter(|v| v.1).count();
            let keeps = votes.len() - swaps;
            let swapped = swaps > keeps;
            (swaps != keeps).then(|| {
                let at = votes.iter().find(|v| v.1 == swapped).map_or(0, |v| v.0);
                (swapped, at)
            })
        };
        if let Some((swapped, at)) = verdict(&stated) {
            return Roles {
                swapped,
                from: RolesFrom::Stated,
                at: Some(at),
            };
        }
        // Inferred from payment only when every paying sentence agrees.
        if !paid.is_empty() && paid.iter().all(|v| v.1 == paid[0].1) {
            return Roles {
                swapped: paid[0].1,
                from: RolesFrom::Payment,
                at: Some(paid[0].0),
            };
        }
        Roles::default()
    }
}

/// The characters between a letter and a role word that make one the name of the other:
/// a bracket (甲方（采购人）, 采购人（甲方）), `为`/`是` (甲方为采购人), or `简称` after a name
/// (采购人：某医院（以下简称“甲方”）).
fn role_gap(between: &str) -> bool {
    let short = between.chars().count() <= 2
        && between.chars().all(|c| "（(：:“”\"「」为是即".contains(c))
        && between.chars().any(|c| "（(为是即".contains(c));
    let named = between.contains("简称")
        && between.chars().count() <= 40
        && !between.contains(['。', '；', ';']);
    short || named
}

/// A sentence that pays the contract price or an instalment of it (合同价款的30%作为预付款,
/// 支付进度款), not a penalty, a bond or a compensation.
fn pays_price(folded: &str, toks: &[Token]) -> bool {
    let has = |w: Word| toks.iter().any(|t| t.tok == Tok::Word(w));
    let penalty_like = has(Word::Penalty)
        || [
            "保证金",
            "保函",
            "违约",
            "赔偿",
            "滞纳金",
            "罚款",
            "押金",
            "退还",
            "返还",
            "利息",
        ]
        .iter()
        .any(|w| folded.contains(w));
    let instalment = ["预付款", "进度款", "尾款", "首付款", "合同价款", "合同款"]
        .iter()
        .any(|w| folded.contains(w));
    folded.contains("支付") && instalment && !penalty_like
}

fn flip(side: Side) -> Side {
    match side {
        Side::Buyer => Side::Seller,
        Side::Seller => Side::Buyer,
    }
}
