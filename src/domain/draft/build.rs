//! The drafted contract, assembled sentence by sentence: clause ids from the text's numbering
//! (unique), the declarations a rule needs (a deadline and its two dates), contract-wide facts
//! (title, parties, total), and what a later sentence of the same clause adds to a penalty (a
//! cap, a right).

use super::lexicon::{BaseWord, Tok, Word};
use super::penalty::{self, note, PenaltyDraft};
use super::sent::Sent;
use super::{canonical, Confidence, Found, FoundKind, Reading, Unread};
use crate::domain::contract::{
    Clause, Contract, Deadline, EventDef, Label, Rule, Side, Trigger, When,
};

/// The contract being drafted and what each part came from.
pub struct Drafting {
    pub contract: Contract,
    pub found: Vec<Found>,
    pub unread: Vec<Unread>,
}

impl Drafting {
    pub fn new(contract: Contract) -> Drafting {
        Drafting {
            contract,
            found: Vec::new(),
            unread: Vec::new(),
        }
    }

    /// Reads one sentence.
    pub fn sentence(&mut self, s: &Sent) {
        if self.header(s) {
            return;
        }
        let adds_to_last = s.any(&["前述违约金", "违约金外", "以上总额", "上述违约金"]);
        if adds_to_last && self.amend_last(s) {
            return;
        }
        if let Some(r) = penalty::read(s) {
            self.add(s, r);
            return;
        }
        if self.amend_last(s) {
            return;
        }
        let signals = super::text::signals(&s.s.text);
        if !signals.is_empty() {
            self.unread.push(Unread {
                span: s.s.span,
                clause: s.s.clause.clone(),
                signals,
            });
        }
    }

    /// Title-less facts: parties (甲方：…), the total (合同总价：…元).
    fn header(&mut self, s: &Sent) -> bool {
        if let Some(side) = party_line(s) {
            let name: String =
                s.s.text
                    .chars()
                    .skip_while(|c| *c != '：' && *c != ':')
                    .skip(1)
                    .collect();
            let name = name.trim().to_string();
            let p = match side {
                Side::Buyer => &mut self.contract.parties.buyer,
                Side::Seller => &mut self.contract.parties.seller,
            };
            if p.name.is_empty() && !name.is_empty() {
                p.name = name.chars().take(60).collect();
                let n = p.name.clone();
                self.push_found(
                    s,
                    FoundKind::Parties,
                    None,
                    Confidence::High,
                    label(
                        &format!("{}：{n}", side_zh(side)),
                        &format!("{}: {n}", side_en(side)),
                    ),
                    Vec::new(),
                );
                return true;
            }
        }
        if self.contract.total.is_none() {
            if let Some((amount, words)) = total(s) {
                self.contract.total = Some(amount);
                self.contract.total_in_words = words.clone();
                let zh = format!(
                    "合同总额 {} 元{}",
                    amount.format(),
                    words
                        .as_deref()
                        .map(|w| format!("（大写：{w}）"))
                        .unwrap_or_default()
                );
                self.push_found(
                    s,
                    FoundKind::Total,
                    None,
                    Confidence::High,
                    label(&zh, &format!("Contract total ¥{}", amount.format())),
                    Vec::new(),
                );
                return true;
            }
        }
        false
    }

    fn push_found(
        &mut self,
        s: &Sent,
        kind: FoundKind,
        clause: Option<String>,
        confidence: Confidence,
        sentence: Label,
        notes: Vec<Label>,
    ) {
        self.found.push(Found {
            kind,
            clause,
            span: s.s.span,
            confidence,
            sentence,
            notes,
        });
    }

    fn add(&mut self, s: &Sent, r: Reading) {
        let id = self.clause_id(s.s.clause.as_deref());
        let Reading {
            what,
            confidence,
            notes,
        } = r;
        let super::Drafted::Penalty(PenaltyDraft {
            mut penalty,
            deadline,
        }) = what;
        if let (Trigger::Deadline { deadline: d, .. }, Some(words)) =
            (&mut penalty.trigger, deadline.as_ref())
        {
            *d = self.declare_deadline(&id, words);
        }
        let rule = Rule::Penalty(penalty);
        let sentence = canonical::sentence(&rule, &self.contract);
        let title = match deadline {
            Some(w) => zh(&format!("逾期{w}违约金")),
            None => label("违约金", "Penalty"),
        };
        self.contract.clauses.push(Clause {
            id: id.clone(),
            title,
            text: Some(s.s.text.clone()),
            rule,
        });
        self.push_found(s, FoundKind::Penalty, Some(id), confidence, sentence, notes);
    }

    /// A sentence that completes the clause's last penalty: its cap (最高不超过…), or the right
    /// a threshold grants (超过30日的…有权解除合同).
    fn amend_last(&mut self, s: &Sent) -> bool {
        let Some(last) = self.contract.clauses.last_mut() else {
            return false;
        };
        let same_clause = match s.s.clause.as_deref() {
            Some(c) => last.id == c || last.id.starts_with(&format!("{c}#")),
            None => last.id.starts_with("条款"),
        };
        let Rule::Penalty(p) = &mut last.rule else {
            return false;
        };
        if !same_clause {
            return false;
        }
        let mut amended = false;
        if p.cap.is_none() && s.has(Word::Cap) {
            p.cap = penalty::cap(s, 0);
            amended = p.cap.is_some();
        }
        if p.interest.is_none() && s.contains("利息") {
            p.interest = s
                .find(0, |t| matches!(t, Tok::Rate(_)))
                .and_then(|i| s.rate_at(i));
            amended |= p.interest.is_some();
        }
        if p.rights.is_empty() {
            let side = p.payer.side().unwrap_or(Side::Seller);
            p.rights = penalty::rights(s, side);
            amended |= !p.rights.is_empty();
        }
        if amended {
            let id = last.id.clone();
            let rule = last.rule.clone();
            if let Some(text) = &mut last.text {
                text.push_str(&s.s.text);
            }
            let sentence = canonical::sentence(&rule, &self.contract);
            if let Some(f) = self
                .found
                .iter_mut()
                .rev()
                .find(|f| f.clause.as_deref() == Some(&id))
            {
                f.span.end = s.s.span.end;
                f.sentence = sentence;
            }
        }
        amended
    }

    /// A unique clause id: the text's number, or `条款N`, with `#2`, `#3` for a second rule
    /// under one number.
    fn clause_id(&self, heading: Option<&str>) -> String {
        let base = heading
            .map(str::to_string)
            .unwrap_or_else(|| format!("条款{}", self.contract.clauses.len() + 1));
        let taken = |id: &str| self.contract.clauses.iter().any(|c| c.id == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|k| format!("{base}#{k}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }

    /// A deadline for a clause, with its agreed date and the date it was met as record dates.
    fn declare_deadline(&mut self, clause: &str, words: &str) -> String {
        let id = format!("{clause}-deadline");
        let due = format!("{clause}-due");
        let done = format!("{clause}-done");
        self.contract.events.push(EventDef {
            id: due.clone(),
            label: zh(&format!("约定的{words}日期（{clause}）")),
        });
        self.contract.events.push(EventDef {
            id: done.clone(),
            label: zh(&format!("实际{words}日期（{clause}）")),
        });
        self.contract.deadlines.push(Deadline {
            id: id.clone(),
            label: zh(&format!("按约{words}")),
            due: When {
                event: Some(due),
                ..When::default()
            },
            done,
        });
        id
    }
}

/// A label in the document's words only (no English made up from Chinese words).
fn zh(text: &str) -> Label {
    Label {
        zh: text.to_string(),
        en: None,
    }
}

pub fn label(zh: &str, en: &str) -> Label {
    Label {
        zh: zh.to_string(),
        en: Some(en.to_string()),
    }
}

fn side_zh(s: Side) -> &'static str {
    if s == Side::Buyer {
        "甲方"
    } else {
        "乙方"
    }
}

fn side_en(s: Side) -> &'static str {
    if s == Side::Buyer {
        "Buyer"
    } else {
        "Seller"
    }
}

/// `甲方：…` / `采购人（甲方）：…` at a line's start.
fn party_line(s: &Sent) -> Option<Side> {
    let first = s.toks.first()?;
    let colon = s.folded.find([':', '：'])?;
    let colon_at = s.folded[..colon].chars().count();
    match first.tok {
        Tok::Word(Word::Party(side)) if first.start <= 1 && colon_at <= first.end + 6 => Some(side),
        _ => None,
    }
}

/// A total: a total word followed closely by an amount (合同总价：¥980,000元（大写：玖拾捌万元整）).
fn total(s: &Sent) -> Option<(crate::domain::money::Amount, Option<String>)> {
    if s.has(Word::Penalty) || s.has(Word::Per) {
        return None;
    }
    let i = s.find(0, |t| *t == Tok::Word(Word::Base(BaseWord::Total)))?;
    let k = s
        .find(i + 1, |t| matches!(t, Tok::Amount(_)))
        .filter(|k| *k <= i + 2)?;
    let amount = s.amount_at(k)?;
    let words = s.toks[k + 1..].iter().find_map(|t| match t.tok {
        Tok::Amount(a) if a == amount => Some(
            s.chars(t.start, t.end)
                .trim_start_matches("人民币")
                .to_string(),
        ),
        _ => None,
    });
    let _ = note;
    Some((amount, words))
}
