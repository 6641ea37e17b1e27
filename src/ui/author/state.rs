//! The authoring view's pure reducer: the contract being edited (a `lvyue-contract/2` JSON
//! value), the review state of each drafted clause, and the history of whole states for undo and
//! redo. After every change the contract as it would be handed back ([`AuthorState::result`]:
//! rejected clauses left out) is read by the real loader ([`crate::domain::load`]), whose
//! problems are kept by JSON path, and evaluated by the engine on the current record (or an
//! empty one), so that every clause has its figure. No DOM here: tested natively
//! (`tests/all/author.rs`).

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::NaiveDate;
use serde_json::Value;

use super::path::Path;
use super::templates;
use crate::domain::calendar::Calendar;
use crate::domain::contract::Contract;
use crate::domain::draft::{Draft, FoundKind};
use crate::domain::engine::{self, Options};
use crate::domain::events::Events;
use crate::domain::load::{self, Problem};
use crate::domain::money::Amount;
use crate::domain::report::Report;
use crate::domain::Lang;

/// Where a drafted clause stands in the review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Review {
    /// Drafted, not yet looked at (kept in the result).
    Pending,
    Accepted,
    /// Left out of the result (kept here, so that it can be accepted again).
    Rejected,
}

/// One state of the edit, as undo and redo restore it.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The contract, every clause included (rejected ones too).
    pub contract: Value,
    /// The review state by clause id (clauses not drafted are accepted).
    pub review: BTreeMap<String, Review>,
    /// The reading chosen per clause, for the figures.
    pub readings: BTreeMap<String, String>,
}

/// A header field of the contract.
#[derive(Clone, Debug, PartialEq)]
pub enum Header {
    Title(String),
    Buyer(String),
    Seller(String),
    /// The total as typed (`200000`, `¥200,000.00`, `20万`); empty: no total.
    Total(String),
    /// The signing date (`YYYY-MM-DD`) as the term's start; empty: the record's signing date.
    Signing(String),
    /// The term's length.
    Term(u32, String),
}

/// What the user did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Accept(String),
    AcceptAll,
    Reject(String),
    /// A value set at a path of the contract (every clause counted, rejected ones too).
    Set(Path, Value),
    /// The member or element at a path removed.
    Remove(Path),
    /// A row appended to the array at a path.
    Push(Path, Value),
    /// The template with this id added as the next clause number.
    AddTemplate(String),
    DeleteClause(String),
    Header(Header),
    /// The reading of a clause used for its figure (None: its default).
    Reading(String, Option<String>),
    Undo,
    Redo,
    /// Finish: the result is kept in [`AuthorState::finished`] when the loader accepts it.
    Done,
}

/// The figure a clause gives on the current record.
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    /// A penalty's total (after its cap), and whether the cap cut it.
    Penalty { total: Amount, capped: bool },
    /// A payment milestone's amount (None: the record supplies it) and due date.
    Payment {
        amount: Option<Amount>,
        due: Option<NaiveDate>,
    },
    /// Timers started on the record, and how many ran over.
    Timers { started: usize, breached: usize },
    /// Instances of a duty due by the as-of date, and how many were missed.
    Duties { due: usize, missed: usize },
}

/// The authoring view's state.
#[derive(Clone, Debug)]
pub struct AuthorState {
    pub lang: Lang,
    pub name: Option<String>,
    pub now: Snapshot,
    past: Vec<Rc<Snapshot>>,
    future: Vec<Rc<Snapshot>>,
    /// The path the last action set: typing in one field is one step of the history.
    last_set: Option<Path>,
    /// The draft the contract came from (its text and spans), when drafted.
    pub draft: Option<Rc<Draft>>,
    /// The record the figures are computed on, as handed in.
    pub events: Option<Value>,
    /// The as-of date of an empty record (when none is handed in).
    pub as_of: NaiveDate,
    /// Every problem the loader found in the result, its path made a path of [`Snapshot::contract`].
    pub problems: Vec<Problem>,
    /// The result as the loader read it (when it could).
    pub loaded: Option<Rc<Contract>>,
    /// The result's evaluation on the record.
    pub report: Option<Rc<Report>>,
    /// Why there are no figures (the record does not fit the contract, an overflow).
    pub no_figures: Option<(String, String)>,
    /// The result as JSON text, once [`Action::Done`] succeeded.
    pub finished: Option<String>,
    /// Whether [`Action::Done`] was refused (the result has errors).
    pub refused: bool,
}

/// The most states undo keeps.
const HISTORY: usize = 200;

impl AuthorState {
    /// The state for a draft: its contract, every clause pending.
    pub fn from_draft(lang: Lang, draft: Draft, events: Option<Value>, as_of: NaiveDate) -> Self {
        let contract = serde_json::to_value(&draft.contract).unwrap_or(Value::Null);
        let review = draft
            .contract
            .clauses
            .iter()
            .map(|c| (c.id.clone(), Review::Pending))
            .collect();
        let mut s = Self::new(lang, contract, events, as_of);
        s.now.review = review;
        s.draft = Some(Rc::new(draft));
        s.derive();
        s
    }

    /// The state for a contract (or a blank one): every clause accepted.
    pub fn from_contract(
        lang: Lang,
        contract: Option<Value>,
        events: Option<Value>,
        as_of: NaiveDate,
    ) -> Self {
        let contract = contract
            .filter(Value::is_object)
            .unwrap_or_else(|| templates::blank(lang));
        let mut s = Self::new(lang, contract, events, as_of);
        s.derive();
        s
    }

    fn new(lang: Lang, contract: Value, events: Option<Value>, as_of: NaiveDate) -> Self {
        AuthorState {
            lang,
            name: None,
            now: Snapshot {
                contract,
                review: BTreeMap::new(),
                readings: BTreeMap::new(),
            },
            past: Vec::new(),
            future: Vec::new(),
            last_set: None,
            draft: None,
            events: events.filter(Value::is_object),
            as_of,
            problems: Vec::new(),
            loaded: None,
            report: None,
            no_figures: None,
            finished: None,
            refused: false,
        }
    }

    /// The clause ids, in the contract's order.
    pub fn clause_ids(&self) -> Vec<String> {
        clauses(&self.now.contract)
            .iter()
            .filter_map(|c| c.get("id").and_then(Value::as_str).map(str::to_string))
            .collect()
    }

    /// The index of a clause in [`Snapshot::contract`].
    pub fn clause_index(&self, id: &str) -> Option<usize> {
        clauses(&self.now.contract)
            .iter()
            .position(|c| c.get("id").and_then(Value::as_str) == Some(id))
    }

    /// A clause's review state (accepted unless drafted).
    pub fn review(&self, id: &str) -> Review {
        self.now.review.get(id).copied().unwrap_or(Review::Accepted)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Applies an action.
    pub fn apply(&mut self, action: Action) {
        self.refused = false;
        let set_path = match &action {
            Action::Set(p, _) => Some(p.clone()),
            _ => None,
        };
        let same_field = set_path.is_some() && set_path == self.last_set;
        self.last_set = set_path;
        match action {
            Action::Undo => {
                if let Some(prev) = self.past.pop() {
                    let cur = std::mem::replace(&mut self.now, (*prev).clone());
                    self.future.push(Rc::new(cur));
                    self.derive();
                }
            }
            Action::Redo => {
                if let Some(next) = self.future.pop() {
                    let cur = std::mem::replace(&mut self.now, (*next).clone());
                    self.past.push(Rc::new(cur));
                    self.derive();
                }
            }
            Action::Done => match self.result_text() {
                Some(text) if !self.has_errors() => self.finished = Some(text),
                _ => self.refused = true,
            },
            a => {
                let mut next = self.now.clone();
                edit(&mut next, a, self.lang);
                if next != self.now {
                    let prev = std::mem::replace(&mut self.now, next);
                    if !same_field || self.past.is_empty() {
                        self.past.push(Rc::new(prev));
                    }
                    if self.past.len() > HISTORY {
                        self.past.remove(0);
                    }
                    self.future.clear();
                    self.derive();
                }
            }
        }
    }

    /// Whether the loader found an error in the result.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }

    /// The problems at a path or inside it.
    pub fn problems_at<'a>(&'a self, path: &str) -> impl Iterator<Item = &'a Problem> + 'a {
        let path = path.to_string();
        self.problems.iter().filter(move |p| {
            p.path == path
                || (p.path.starts_with(&path)
                    && matches!(p.path.as_bytes().get(path.len()), Some(b'.' | b'[')))
        })
    }

    /// The problems exactly at a path.
    pub fn problems_exactly<'a>(&'a self, path: &'a str) -> impl Iterator<Item = &'a Problem> {
        self.problems.iter().filter(move |p| p.path == path)
    }

    /// The contract as it is handed back: rejected clauses left out (and out of the shared caps
    /// and the set-off that named them); with the map of its clause indexes to
    /// [`Snapshot::contract`]'s.
    pub fn result_with_map(&self) -> (Value, Vec<usize>) {
        let mut v = self.now.contract.clone();
        let rejected: Vec<String> = self
            .now
            .review
            .iter()
            .filter(|(_, r)| **r == Review::Rejected)
            .map(|(id, _)| id.clone())
            .collect();
        let mut map = Vec::new();
        if let Some(Value::Array(cs)) = v.get_mut("clauses") {
            let all = std::mem::take(cs);
            for (i, c) in all.into_iter().enumerate() {
                let id = c.get("id").and_then(Value::as_str).unwrap_or_default();
                if !rejected.iter().any(|r| r == id) {
                    map.push(i);
                    cs.push(c);
                }
            }
        }
        if !rejected.is_empty() {
            let keep = |list: &mut Value| {
                if let Value::Array(a) = list {
                    a.retain(|x| !x.as_str().is_some_and(|s| rejected.iter().any(|r| r == s)));
                }
            };
            if let Some(Value::Array(caps)) = v.get_mut("shared_caps") {
                for cap in caps.iter_mut() {
                    if let Some(l) = cap.get_mut("clauses") {
                        keep(l);
                    }
                }
                caps.retain(|c| c["clauses"].as_array().is_some_and(|a| !a.is_empty()));
            }
            if let Some(l) = v.get_mut("set_off").and_then(|s| s.get_mut("clauses")) {
                keep(l);
            }
        }
        (v, map)
    }

    /// The contract as it is handed back.
    pub fn result(&self) -> Value {
        self.result_with_map().0
    }

    /// The result as JSON text (as a contract file is written).
    pub fn result_text(&self) -> Option<String> {
        serde_json::to_string_pretty(&self.result()).ok()
    }

    /// Loads and evaluates the result again.
    fn derive(&mut self) {
        self.finished = None;
        let (result, map) = self.result_with_map();
        let text = serde_json::to_string_pretty(&result).unwrap_or_default();
        let (contract, mut problems) = load::inspect_contract(&text);
        for p in &mut problems {
            p.path = unmap(&p.path, &map);
        }
        self.problems = problems;
        self.loaded = contract.clone().map(Rc::new);
        self.report = None;
        self.no_figures = None;
        let Some(contract) = contract.filter(|_| !self.has_errors()) else {
            self.no_figures = Some((
                "合同有错误，改正后显示金额".into(),
                "the contract has errors: correct them to see the figures".into(),
            ));
            return;
        };
        let events = self.record_for(&contract);
        let options = Options {
            readings: self.now.readings.clone(),
        };
        match engine::evaluate(&contract, &events, &Calendar::china(), &options) {
            Ok(r) => self.report = Some(Rc::new(r)),
            Err(e) => {
                self.no_figures = Some((
                    crate::domain::Localize::localize(&e, Lang::Zh),
                    crate::domain::Localize::localize(&e, Lang::En),
                ))
            }
        }
    }

    /// The record handed in when it fits the contract, else an empty one.
    fn record_for(&self, contract: &Contract) -> Events {
        if let Some(v) = &self.events {
            let text = v.to_string();
            if let (Some(e), problems) = load::inspect_events(contract, &text) {
                if !problems.iter().any(Problem::is_error) {
                    return e;
                }
            }
        }
        let as_of = self
            .events
            .as_ref()
            .and_then(|v| v.get("as_of"))
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok())
            .unwrap_or(self.as_of);
        Events {
            format: crate::domain::events::FORMAT.to_string(),
            as_of,
            ..Events::default()
        }
    }

    /// The figure a clause gives on the current record.
    pub fn figure(&self, id: &str) -> Option<Figure> {
        let r = self.report.as_ref()?;
        if let Some(p) = r.penalties.iter().find(|p| p.clause == id) {
            return Some(Figure::Penalty {
                total: p.total,
                capped: p.total != p.uncapped,
            });
        }
        if let Some(m) = r.payments.iter().find(|m| m.clause == id) {
            return Some(Figure::Payment {
                amount: m.amount,
                due: m.due,
            });
        }
        let timers: Vec<_> = r.sla.iter().filter(|t| t.clause == id).collect();
        if !timers.is_empty() {
            return Some(Figure::Timers {
                started: timers.len(),
                breached: timers.iter().filter(|t| t.over_minutes > 0).count(),
            });
        }
        let duties: Vec<_> = r.obligations.iter().filter(|o| o.clause == id).collect();
        if !duties.is_empty() {
            return Some(Figure::Duties {
                due: duties.len(),
                missed: duties.iter().filter(|o| o.done.is_none()).count(),
            });
        }
        None
    }

    /// The readings a clause has on the current record: (id, label, total).
    pub fn readings(&self, id: &str) -> Vec<(String, crate::domain::contract::Label, Amount)> {
        let Some(r) = &self.report else {
            return Vec::new();
        };
        r.penalties
            .iter()
            .find(|p| p.clause == id)
            .map(|p| {
                p.readings
                    .iter()
                    .map(|x| (x.reading.clone(), x.label.clone(), x.total))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// What the draft found for a clause: its span and confidence.
    pub fn found(&self, id: &str) -> Option<&crate::domain::draft::Found> {
        self.draft
            .as_ref()?
            .found
            .iter()
            .find(|f| f.clause.as_deref() == Some(id))
    }

    /// The draft's contract-wide findings (title, parties, total…).
    pub fn header_found(&self) -> Vec<&crate::domain::draft::Found> {
        self.draft
            .as_ref()
            .map(|d| {
                d.found
                    .iter()
                    .filter(|f| f.clause.is_none() || matches!(f.kind, FoundKind::Term))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// A loader's path in the result made a path of the full contract.
fn unmap(path: &str, map: &[usize]) -> String {
    let Some(rest) = path.strip_prefix("clauses[") else {
        return path.to_string();
    };
    let Some(end) = rest.find(']') else {
        return path.to_string();
    };
    match rest[..end].parse::<usize>().ok().and_then(|i| map.get(i)) {
        Some(full) => format!("clauses[{full}]{}", &rest[end + 1..]),
        None => path.to_string(),
    }
}

fn clauses(contract: &Value) -> &[Value] {
    contract
        .get("clauses")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default()
}

/// Applies an editing action to a snapshot.
fn edit(s: &mut Snapshot, action: Action, lang: Lang) {
    match action {
        Action::Accept(id) => {
            if s.review.contains_key(&id) {
                s.review.insert(id, Review::Accepted);
            }
        }
        Action::AcceptAll => {
            for r in s.review.values_mut() {
                if *r == Review::Pending {
                    *r = Review::Accepted;
                }
            }
        }
        Action::Reject(id) => {
            if clauses(&s.contract)
                .iter()
                .any(|c| c.get("id").and_then(Value::as_str) == Some(&id))
            {
                s.review.insert(id, Review::Rejected);
            }
        }
        Action::Set(path, value) => {
            if let Some(old_id) = renamed_clause(&s.contract, &path) {
                if let (Some(new), Some(r)) = (value.as_str(), s.review.remove(&old_id)) {
                    s.review.insert(new.to_string(), r);
                }
            }
            path.set(&mut s.contract, value);
        }
        Action::Remove(path) => {
            path.remove(&mut s.contract);
        }
        Action::Push(path, value) => {
            let len = path
                .get(&s.contract)
                .and_then(Value::as_array)
                .map(Vec::len);
            path.index(len.unwrap_or(0)).set(&mut s.contract, value);
        }
        Action::AddTemplate(id) => {
            if let Some(t) = templates::find(&id) {
                let n = templates::next_number(&s.contract);
                t.apply(&mut s.contract, &n);
            }
        }
        Action::DeleteClause(id) => {
            if let Some(Value::Array(cs)) = s.contract.get_mut("clauses") {
                cs.retain(|c| c.get("id").and_then(Value::as_str) != Some(&id));
            }
            if let Some(Value::Array(caps)) = s.contract.get_mut("shared_caps") {
                for cap in caps.iter_mut() {
                    if let Some(Value::Array(l)) = cap.get_mut("clauses") {
                        l.retain(|x| x.as_str() != Some(&id));
                    }
                }
            }
            s.review.remove(&id);
            s.readings.remove(&id);
        }
        Action::Header(h) => header(&mut s.contract, h, lang),
        Action::Reading(id, r) => match r {
            Some(r) => {
                s.readings.insert(id, r);
            }
            None => {
                s.readings.remove(&id);
            }
        },
        Action::Undo | Action::Redo | Action::Done => {}
    }
}

/// The old id of a clause whose id this path sets.
fn renamed_clause(contract: &Value, path: &Path) -> Option<String> {
    use super::path::Seg;
    match path.0.as_slice() {
        [Seg::Key(c), Seg::Index(i), Seg::Key(k)] if c == "clauses" && k == "id" => {
            clauses(contract)
                .get(*i)?
                .get("id")?
                .as_str()
                .map(str::to_string)
        }
        _ => None,
    }
}

/// The term clause's index, made when absent.
fn term_clause(contract: &mut Value, lang: Lang) -> usize {
    if let Some(i) = clauses(contract)
        .iter()
        .position(|c| c.pointer("/rule/kind").and_then(Value::as_str) == Some("term"))
    {
        return i;
    }
    let blank = templates::blank(lang);
    let term = blank["clauses"][0].clone();
    let list = &mut contract["clauses"];
    if !list.is_array() {
        *list = Value::Array(Vec::new());
    }
    if let Value::Array(a) = list {
        a.insert(0, term);
    }
    0
}

fn header(c: &mut Value, h: Header, lang: Lang) {
    let text = |s: String| Value::String(s.trim().to_string());
    match h {
        Header::Title(t) => c["title"] = text(t),
        Header::Buyer(n) => c["parties"]["buyer"]["name"] = text(n),
        Header::Seller(n) => c["parties"]["seller"]["name"] = text(n),
        Header::Total(t) => {
            if t.trim().is_empty() {
                if let Value::Object(m) = c {
                    m.remove("total");
                }
            } else {
                c["total"] = text(t);
            }
        }
        Header::Signing(d) => {
            let i = term_clause(c, lang);
            let start = if d.trim().is_empty() {
                serde_json::json!({ "event": "signing" })
            } else {
                serde_json::json!({ "date": d.trim() })
            };
            c["clauses"][i]["rule"]["start"] = start;
        }
        Header::Term(n, unit) => {
            let i = term_clause(c, lang);
            c["clauses"][i]["rule"]["length"] = serde_json::json!({ "n": n, "unit": unit });
        }
    }
}
