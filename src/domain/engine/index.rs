//! The record and the contract indexed by the ids the engine looks things up by, once per
//! evaluation.
//!
//! Why: a part of the engine that needs "the consents under this clause" or "the label of this
//! level" used to scan the whole list each time — once per clause, per occurrence or per
//! incident, so a year's record made the cost grow with the product of two lists (issue 10,
//! item 16: no part may be quadratic in the input). Each list is now grouped by its key here,
//! in the record's order, and every lookup is a map access.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::contract::{Contract, Label};
use crate::domain::events::{ClaimedExcuse, Consent, Done, Events, Occurrence, Payment};
use crate::domain::order;

/// The lists of the record by key, each in the record's order.
#[derive(Default)]
pub struct Index<'a> {
    consents: BTreeMap<&'a str, Vec<&'a Consent>>,
    occurrences: BTreeMap<&'a str, Vec<&'a Occurrence>>,
    excuses: BTreeMap<&'a str, Vec<&'a ClaimedExcuse>>,
    payments: BTreeMap<&'a str, Vec<&'a Payment>>,
    done: BTreeMap<&'a str, Vec<&'a Done>>,
    /// The earliest invoice per milestone.
    invoices: BTreeMap<&'a str, NaiveDate>,
    /// Labels of the contract's events and levels (the first of a repeated id).
    events: BTreeMap<&'a str, &'a Label>,
    levels: BTreeMap<&'a str, &'a Label>,
}

fn by_key<'a, T>(items: &'a [T], key: impl Fn(&'a T) -> &'a str) -> BTreeMap<&'a str, Vec<&'a T>> {
    let mut m: BTreeMap<&str, Vec<&T>> = BTreeMap::new();
    for it in items {
        m.entry(key(it)).or_default().push(it);
    }
    m
}

impl<'a> Index<'a> {
    /// Indexes a contract and its record.
    pub fn new(contract: &'a Contract, events: &'a Events) -> Index<'a> {
        let mut invoices: BTreeMap<&str, NaiveDate> = BTreeMap::new();
        for i in &events.invoices {
            let d = invoices.entry(i.milestone.as_str()).or_insert(i.date);
            *d = (*d).min(i.date);
        }
        Index {
            consents: by_key(&events.consents, |c| c.clause.as_str()),
            occurrences: by_key(&events.occurrences, |o| o.clause.as_str()),
            excuses: by_key(&events.excuses, |x| x.clause.as_str()),
            payments: by_key(&events.payments, |p| p.milestone.as_str()),
            done: by_key(&events.done, |d| d.obligation.as_str()),
            invoices,
            events: order::map(
                contract
                    .events
                    .iter()
                    .rev()
                    .map(|e| (e.id.as_str(), &e.label)),
            ),
            levels: order::map(
                contract
                    .levels
                    .iter()
                    .rev()
                    .map(|l| (l.id.as_str(), &l.label)),
            ),
        }
    }

    /// The consents recorded under a clause.
    pub fn consents(&self, clause: &str) -> &[&'a Consent] {
        self.consents.get(clause).map_or(&[], Vec::as_slice)
    }

    /// The occurrences recorded for a clause.
    pub fn occurrences(&self, clause: &str) -> &[&'a Occurrence] {
        self.occurrences.get(clause).map_or(&[], Vec::as_slice)
    }

    /// The excuses the record claims under a clause.
    pub fn excuses(&self, clause: &str) -> &[&'a ClaimedExcuse] {
        self.excuses.get(clause).map_or(&[], Vec::as_slice)
    }

    /// The payments made for a milestone.
    pub fn payments(&self, milestone: &str) -> &[&'a Payment] {
        self.payments.get(milestone).map_or(&[], Vec::as_slice)
    }

    /// The done records of an obligation clause.
    pub fn done(&self, obligation: &str) -> &[&'a Done] {
        self.done.get(obligation).map_or(&[], Vec::as_slice)
    }

    /// The date of the earliest invoice for a milestone.
    pub fn invoice_date(&self, milestone: &str) -> Option<NaiveDate> {
        self.invoices.get(milestone).copied()
    }

    /// The label of one of the contract's own events.
    pub fn event_label(&self, id: &str) -> Option<&'a Label> {
        self.events.get(id).copied()
    }

    /// The label of a level.
    pub fn level_label(&self, id: &str) -> Option<&'a Label> {
        self.levels.get(id).copied()
    }
}
