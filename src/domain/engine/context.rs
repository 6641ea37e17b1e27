//! What every part of the engine needs: the contract, the record, the calendar, the options,
//! and the dates the contract defines, resolved once.
//!
//! Dates are resolved by the Civil Code rules of [`crate::domain::period`]: "30 days after
//! signing" does not count the signing day and moves a last day that falls on a day off.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::calendar::Calendar;
use crate::domain::contract::{Base, Contract, Item, Label, Rule, Span, SpanUnit, When};
use crate::domain::events::Events;
use crate::domain::money::Amount;
use crate::domain::period::{self, PeriodOptions, Unit};
use crate::domain::report::{Named, Step, Warning};

use super::index::Index;

/// Options of an evaluation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The reading to use per ambiguous clause (clause id → reading id); the clause's default
    /// reading otherwise.
    pub readings: BTreeMap<String, String>,
}

/// A label in both languages.
pub fn label(zh: impl Into<String>, en: impl Into<String>) -> Label {
    Label {
        zh: zh.into(),
        en: Some(en.into()),
    }
}

/// A date found by a rule, with how.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    pub date: NaiveDate,
    pub how: Vec<Label>,
}

/// What a rate's base is, for one occurrence.
#[derive(Clone, Copy, Debug, Default)]
pub struct BaseFacts<'a> {
    /// The occurrence's item (the incident's subsystem).
    pub item: Option<&'a str>,
    /// The overdue amount of a late payment.
    pub overdue: Option<Amount>,
    /// The amount an occurrence names.
    pub occurrence: Option<Amount>,
}

/// The evaluation's shared context.
pub struct Ctx<'a> {
    pub contract: &'a Contract,
    pub events: &'a Events,
    pub calendar: &'a Calendar,
    pub options: &'a Options,
    pub as_of: NaiveDate,
    /// Known event dates: the record's `dates`, passed acceptances, `term_start`, `term_end`.
    dates: BTreeMap<String, NaiveDate>,
    /// Each item as a base, named once (bases are looked up for every occurrence).
    item_bases: BTreeMap<&'a str, Named>,
    /// The record's lists by key (consents by clause, payments by milestone…).
    pub index: Index<'a>,
}

impl<'a> Ctx<'a> {
    /// Builds the context and resolves the term (so that `term_start` and `term_end` are
    /// known events).
    pub fn new(
        contract: &'a Contract,
        events: &'a Events,
        calendar: &'a Calendar,
        options: &'a Options,
    ) -> Ctx<'a> {
        let mut dates = events.dates.clone();
        for a in &events.acceptances {
            if a.passed {
                let d = dates.entry(a.event.clone()).or_insert(a.date);
                *d = (*d).min(a.date);
            }
        }
        if !dates.contains_key("effective") {
            if let Some(s) = dates.get("signing").copied() {
                dates.insert("effective".into(), s);
            }
        }
        let item_bases = crate::domain::order::map(contract.items.iter().map(|it| {
            let named = Named {
                label: label(
                    format!("{}年费", it.name.zh),
                    format!(
                        "the fee of {}",
                        it.name.en.as_deref().unwrap_or(&it.name.zh)
                    ),
                ),
                amount: it.amount,
            };
            (it.id.as_str(), named)
        }));
        let mut ctx = Ctx {
            contract,
            events,
            calendar,
            options,
            as_of: events.as_of,
            dates,
            item_bases,
            index: Index::new(contract, events),
        };
        if let Some(term) = contract.clauses.iter().find_map(|c| match &c.rule {
            Rule::Term(t) => Some(t),
            _ => None,
        }) {
            if let Some(start) = ctx.resolve(&term.start, None) {
                ctx.dates.insert("term_start".into(), start.date);
                if let Some(end) = ctx.add_span(start.date, term.length, true) {
                    ctx.dates.insert("term_end".into(), end);
                }
            }
        }
        ctx
    }

    /// The date of an event, if the record gives it (or the engine derived it).
    pub fn event_date(&self, id: &str) -> Option<NaiveDate> {
        self.dates.get(id).copied()
    }

    /// Records a derived event date (the term's end after renewals, for example).
    pub fn set_event_date(&mut self, id: &str, date: NaiveDate) {
        self.dates.insert(id.to_string(), date);
    }

    /// The label of an event id.
    pub fn event_label(&self, id: &str) -> Label {
        match id {
            "signing" => label("合同签订", "signing"),
            "effective" => label("合同生效", "the contract taking effect"),
            "term_start" => label("服务期开始", "the start of the term"),
            "term_end" => label("服务期届满", "the end of the term"),
            "invoice" => label("收到发票", "receipt of the invoice"),
            "non_renewal_notice" => label("不续约通知", "notice of non-renewal"),
            _ => self
                .index
                .event_label(id)
                .cloned()
                .unwrap_or_else(|| label(id, id)),
        }
    }

    /// The date of the invoice for a milestone (the earliest).
    pub fn invoice_date(&self, milestone: &str) -> Option<NaiveDate> {
        self.index.invoice_date(milestone)
    }

    /// `date` plus `span` by the Civil Code rules (Art. 203's extension unless switched off).
    /// Minutes and hours are not date spans: None.
    pub fn add_span(
        &self,
        date: NaiveDate,
        span: Span,
        holiday_extension: bool,
    ) -> Option<NaiveDate> {
        let (n, unit) = match span.unit {
            SpanUnit::Days => (i64::from(span.n), Unit::Days),
            SpanUnit::Weeks => (i64::from(span.n) * 7, Unit::Days),
            SpanUnit::WorkingDays => (i64::from(span.n), Unit::WorkingDays),
            SpanUnit::Months => (i64::from(span.n), Unit::Months),
            SpanUnit::Years => (i64::from(span.n), Unit::Years),
            SpanUnit::Minutes | SpanUnit::Hours => return None,
        };
        let opts = PeriodOptions {
            holiday_extension,
            ..PeriodOptions::default()
        };
        period::deadline(self.calendar, date, n, unit, &opts)
            .ok()
            .map(|d| d.last_day())
    }

    /// `date` minus `span` (notice due N days before an end); no holiday rule applies.
    pub fn sub_span(&self, date: NaiveDate, span: Span) -> Option<NaiveDate> {
        match span.unit {
            SpanUnit::Days => date.checked_sub_days(chrono::Days::new(u64::from(span.n))),
            SpanUnit::Weeks => date.checked_sub_days(chrono::Days::new(u64::from(span.n) * 7)),
            SpanUnit::Months => date.checked_sub_months(chrono::Months::new(span.n)),
            SpanUnit::Years => {
                date.checked_sub_months(chrono::Months::new(span.n.checked_mul(12)?))
            }
            SpanUnit::WorkingDays => {
                let mut d = date;
                let mut left = span.n;
                while left > 0 {
                    d = d.pred_opt()?;
                    if self.calendar.is_working_day(d) {
                        left -= 1;
                    }
                }
                Some(d)
            }
            SpanUnit::Minutes | SpanUnit::Hours => None,
        }
    }

    /// Resolves a contract date. `milestone` names the milestone whose `invoice` is meant.
    /// None while an event it depends on has not happened.
    pub fn resolve(&self, when: &When, milestone: Option<&str>) -> Option<Resolved> {
        let mut how = Vec::new();
        let mut date = match (&when.event, when.date) {
            (Some(ev), _) => {
                let d = if ev == "invoice" {
                    self.invoice_date(milestone?)?
                } else {
                    self.event_date(ev)?
                };
                let l = self.event_label(ev);
                how.push(label(
                    format!("{}：{d}", l.zh),
                    format!("{}: {d}", l.en.as_deref().unwrap_or(&l.zh)),
                ));
                d
            }
            (None, Some(d)) => d,
            (None, None) => return None,
        };
        if let Some(span) = when.after {
            let base = date;
            date = self.add_span(base, span, !when.no_holiday_extension)?;
            how.push(label(
                format!(
                    "{base} 后 {}，按民法典第二百零一至二百零三条计算为 {date}",
                    span_zh(span)
                ),
                format!(
                    "{} after {base}, by Civil Code Art. 201–203: {date}",
                    span_en(span)
                ),
            ));
        }
        if let Some(span) = when.before {
            let base = date;
            date = self.sub_span(base, span)?;
            how.push(label(
                format!("{base} 前 {}：{date}", span_zh(span)),
                format!("{} before {base}: {date}", span_en(span)),
            ));
        }
        if let Some(ext) = &when.extend_per_incident {
            let major: BTreeSet<&str> = if ext.levels.is_empty() {
                crate::domain::order::set(
                    self.contract
                        .levels
                        .iter()
                        .filter(|l| l.major)
                        .map(|l| l.id.as_str()),
                )
            } else {
                crate::domain::order::set(ext.levels.iter().map(String::as_str))
            };
            // Each counting incident reported on or before the (extended) date extends it
            // again: the days they were reported, sorted, taken one at a time while they fall
            // within the date reached (one pass, not a recount per extension).
            let mut days: Vec<NaiveDate> = self
                .events
                .incidents
                .iter()
                .filter(|i| major.contains(i.level.as_str()))
                .map(|i| i.reported.date())
                .collect();
            crate::domain::order::sort(&mut days);
            let mut count = 0usize;
            while days.get(count).is_some_and(|d| *d <= date) {
                date = self.add_span(date, ext.by, false)?;
                count += 1;
            }
            if count > 0 {
                how.push(label(
                    format!("{count} 次重大故障，每次顺延 {}：{date}", span_zh(ext.by)),
                    format!(
                        "{count} major fault(s), each extending it by {}: {date}",
                        span_en(ext.by)
                    ),
                ));
            }
        }
        for nb in &when.not_before {
            if let Some(r) = self.resolve(nb, milestone) {
                if r.date > date {
                    how.push(label(
                        format!("不早于 {}", r.date),
                        format!("no earlier than {}", r.date),
                    ));
                    date = r.date;
                }
            } else {
                // The condition has not happened yet: the date is not known.
                return None;
            }
        }
        Some(Resolved { date, how })
    }

    /// The contract total.
    pub fn total(&self) -> Option<Amount> {
        self.contract.total
    }

    /// An item by id.
    pub fn item(&self, id: &str) -> Option<&'a Item> {
        self.contract.items.iter().find(|i| i.id == id)
    }

    /// The amount a base stands for, with its name; None when the facts do not give it.
    pub fn base(&self, base: &Base, facts: BaseFacts<'_>) -> Option<Named> {
        match base {
            Base::Total => Some(Named {
                label: label("合同总额", "the contract total"),
                amount: self.total()?,
            }),
            Base::Item { item } => self
                .item_bases
                .get(item.as_deref().or(facts.item)?)
                .cloned(),
            Base::Overdue => Some(Named {
                label: label("逾期金额", "the overdue amount"),
                amount: facts.overdue?,
            }),
            Base::AuditedPrice => Some(Named {
                label: label("审计价", "the audited price"),
                amount: self.events.facts.audited_price?,
            }),
            Base::Occurrence => Some(Named {
                label: label("所涉金额", "the amount concerned"),
                amount: facts.occurrence?,
            }),
            Base::Amount { amount } => Some(Named {
                label: label("约定金额", "the stated amount"),
                amount: *amount,
            }),
        }
    }

    /// The reading in force for a clause: the option's, else `default`.
    pub fn reading(&self, clause: &str, default: &str) -> String {
        self.options
            .readings
            .get(clause)
            .cloned()
            .unwrap_or_else(|| default.to_string())
    }

    /// The contract year (1, 2, …) a date falls in, counted from the term's start (or
    /// signing); 1 before the start.
    pub fn contract_year(&self, date: NaiveDate) -> u32 {
        let Some(start) = self
            .event_date("term_start")
            .or_else(|| self.event_date("signing"))
        else {
            return 1;
        };
        if date < start {
            return 1;
        }
        // Whole years from the start: a year begins again on each anniversary (the month's last
        // day where the anniversary does not exist, as chrono adds months).
        let months = (date.year() - start.year()) * 12 + date.month() as i32 - start.month() as i32;
        let mut years = u32::try_from(months.max(0) / 12).unwrap_or(0);
        let anniversary =
            |y: u32| start.checked_add_months(chrono::Months::new(y.saturating_mul(12)));
        if anniversary(years).is_none_or(|a| a > date) {
            years = years.saturating_sub(1);
        }
        years.saturating_add(1)
    }

    /// A warning for years without a holiday schedule between two dates.
    pub fn calendar_warnings(&self, from: NaiveDate, to: NaiveDate) -> Vec<Warning> {
        use crate::domain::{Lang, Localize};
        self.calendar
            .warnings_for(from.min(to), from.max(to))
            .into_iter()
            .map(|w| Warning {
                code: "calendar.unknown-year".into(),
                zh: w.localize(Lang::Zh),
                en: w.localize(Lang::En),
            })
            .collect()
    }

    /// A "date found" step.
    pub fn date_step(&self, what: Label, r: &Resolved) -> Step {
        Step::DateFound {
            what,
            date: r.date,
            how: r.how.clone(),
        }
    }
}

/// "30 日" etc. (the explanation module's one table of unit names).
pub fn span_zh(s: Span) -> String {
    crate::domain::explain::span_text(&s, crate::domain::Lang::Zh)
}

/// "30 days" etc.
pub fn span_en(s: Span) -> String {
    crate::domain::explain::span_text(&s, crate::domain::Lang::En)
}
