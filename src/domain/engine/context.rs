//! What every part of the engine needs: the contract, the record, the calendar, the options,
//! and the dates the contract defines, resolved once.
//!
//! Dates are resolved by the Civil Code rules of [`crate::domain::period`]: "30 days after
//! signing" does not count the signing day and moves a last day that falls on a day off. Every
//! period in days, working days, weeks, months or years the engine ends — a payment due, a
//! deadline, an SLA limit, the term's end, a contract year — goes through [`Ctx::period`]
//! (that is, [`period::period_end`]), so one rule applies to all: the last day moves past
//! statutory days off unless the clause switches the move off (its `no_holiday_extension`;
//! by default the move applies, as the Civil Code has it), and the period ends at 24:00 of that
//! day — at the close of business where the clause states working hours. Minutes and hours end at an instant and do
//! not move; a date the contract fixes on the calendar is not a period end and does not move;
//! spans counted back ("30 days before the end") are not moved either.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

use crate::domain::calendar::Calendar;
use crate::domain::contract::{Base, Contract, Extension, Item, Label, Rule, Span, SpanUnit, When};
use crate::domain::events::Events;
use crate::domain::money::Amount;
use crate::domain::period::{self, Deadline, Length, PeriodOptions, Unit};
use crate::domain::report::{Named, Step, Warning};
use crate::domain::{Lang, Localize};

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
    /// The day the occurrence arose (the period of a period's fee).
    pub date: Option<NaiveDate>,
    /// A period's fee is spread by days, not by months (the clause's `fee-by-days` reading).
    pub fee_by_days: bool,
    /// The amount facts of the occurrence's entry.
    pub facts: &'a [(String, Amount)],
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
    /// The timers whose outcome a condition reads (clause → timers), the only ones indexed
    /// for conditions ([`super::condition::Timers`]).
    pub timers_read: BTreeMap<String, std::collections::BTreeSet<String>>,
    /// Every record entry's id (its own, or `kind@date`), in the record's order.
    pub entry_ids: Vec<String>,
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
            timers_read: crate::domain::validate::vocab::timers_read(contract),
            entry_ids: super::sla::entry_ids(events),
        };
        if let Some(term) = contract.clauses.iter().find_map(|c| match &c.rule {
            Rule::Term(t) => Some(t),
            _ => None,
        }) {
            if let Some(start) = ctx.resolve(&term.start, None) {
                ctx.dates.insert("term_start".into(), start.date);
                if let Some(end) = super::term::end_after(&ctx, start.date, term, 0) {
                    ctx.dates.insert("term_end".into(), end.last_day());
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
            _ => self.index.event_label(id).cloned().unwrap_or_else(|| {
                use crate::domain::labels::derive;
                label(
                    &derive(id, crate::domain::Lang::Zh),
                    &derive(id, crate::domain::Lang::En),
                )
            }),
        }
    }

    /// The date of the invoice for a milestone (the earliest).
    pub fn invoice_date(&self, milestone: &str) -> Option<NaiveDate> {
        self.index.invoice_date(milestone)
    }

    /// The end of the period of `lengths` after `date` by the Civil Code
    /// ([`period::period_end`]): Art. 203 moves a last day off unless `holiday_extension` is
    /// false; it ends at 24:00, or at `close` on a working day. None past the representable
    /// dates.
    pub fn period(
        &self,
        date: NaiveDate,
        lengths: &[Length],
        holiday_extension: bool,
        close: Option<NaiveTime>,
    ) -> Option<Deadline> {
        let opts = PeriodOptions {
            holiday_extension,
            close_of_business: close,
            ..PeriodOptions::default()
        };
        period::period_end(self.calendar, date, lengths, &opts).ok()
    }

    /// The last day of the period `span` after `date` ([`Ctx::period`]). Minutes and hours are
    /// not periods of days: None.
    pub fn add_span(
        &self,
        date: NaiveDate,
        span: Span,
        holiday_extension: bool,
    ) -> Option<NaiveDate> {
        self.period(date, &[length(span)?], holiday_extension, None)
            .map(|d| d.last_day())
    }

    /// The instant a limit counted from `start` ends, with the period when it is one of days:
    /// minutes and hours end at that instant, 7×24; days, working days, weeks, months and years
    /// are a period from the start's day (not counted) ending at 24:00 of its last day, or at
    /// `close` (the clause's working hours), by [`Ctx::period`].
    pub fn limit_end(
        &self,
        start: NaiveDateTime,
        span: Span,
        holiday_extension: bool,
        close: Option<NaiveTime>,
    ) -> Option<(NaiveDateTime, Option<Deadline>)> {
        let n = i64::from(span.n);
        match span.unit {
            SpanUnit::Minutes => {
                Some((start.checked_add_signed(TimeDelta::try_minutes(n)?)?, None))
            }
            SpanUnit::Hours => Some((start.checked_add_signed(TimeDelta::try_hours(n)?)?, None)),
            _ => {
                let d = self.period(start.date(), &[length(span)?], holiday_extension, close)?;
                Some((d.end_instant()?, Some(d)))
            }
        }
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

    /// The period a date expression adds to `base`: its `after`, lengthened by
    /// `extend_per_incident` for each counting incident reported on or before the (extended)
    /// end, as one period (Art. 203 moves only its final last day), with the number of
    /// incidents that extended it.
    fn period_of(&self, when: &When, base: NaiveDate, moved: i64) -> Option<(Deadline, usize)> {
        let holiday = !when.no_holiday_extension;
        let after = match when.after {
            Some(span) => Some(length(span)?),
            None => None,
        };
        let lengths = |count: usize| -> Option<Vec<Length>> {
            let mut v: Vec<Length> = after.into_iter().collect();
            if moved > 0 {
                v.push(Length {
                    n: moved,
                    unit: Unit::Days,
                });
            }
            if let (Some(ext), true) = (&when.extend_per_incident, count > 0) {
                let by = length(ext.by)?;
                let times = i64::try_from(count).ok()?;
                v.push(Length {
                    n: by.n.checked_mul(times)?,
                    unit: by.unit,
                });
            }
            Some(v)
        };
        let mut end = self.period(base, &lengths(0)?, holiday, None)?;
        let Some(ext) = &when.extend_per_incident else {
            return Some((end, 0));
        };
        let major: Vec<&str> = if ext.levels.is_empty() {
            self.contract
                .levels
                .iter()
                .filter(|l| l.major)
                .map(|l| l.id.as_str())
                .collect()
        } else {
            ext.levels.iter().map(String::as_str).collect()
        };
        // Each counting incident reported before the (extended) end extends it again.
        let mut count = 0usize;
        loop {
            let last = end.last_day();
            let n = self
                .events
                .incidents
                .iter()
                .filter(|i| major.contains(&i.level.as_str()) && i.reported.date() <= last)
                .count();
            if n == count {
                return Some((end, count));
            }
            count = n;
            end = self.period(base, &lengths(count)?, holiday, None)?;
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
        let moved = self.moves(when, date, milestone, &mut how)?;
        if when.after.is_some() || when.extend_per_incident.is_some() || moved > 0 {
            let (end, count) = self.period_of(when, date, moved)?;
            let base = date;
            date = end.last_day();
            if let Some(span) = when.after {
                let (zh, en) = if moved > 0 {
                    (
                        format!("{base} 后 {}，另顺延 {moved} 日", span_zh(span)),
                        format!("{} after {base}, moved by {moved} days", span_en(span)),
                    )
                } else {
                    (
                        format!("{base} 后 {}", span_zh(span)),
                        format!("{} after {base}", span_en(span)),
                    )
                };
                how.push(period_label(&zh, &en, &end));
            } else if moved > 0 && count == 0 {
                how.push(period_label(
                    &format!("{base} 顺延 {moved} 日"),
                    &format!("{base} moved by {moved} days"),
                    &end,
                ));
            }
            if let (Some(ext), true) = (&when.extend_per_incident, count > 0) {
                let l = label(
                    format!("{count} 次重大故障，每次顺延 {}：{date}", span_zh(ext.by)),
                    format!(
                        "{count} major fault(s), each extending it by {}: {date}",
                        span_en(ext.by)
                    ),
                );
                if when.after.is_some() {
                    how.push(l);
                } else {
                    how.push(period_label(&l.zh, l.en.as_deref().unwrap_or(&l.zh), &end));
                }
            }
        }
        if let Some(span) = when.before {
            let base = date;
            date = self.sub_span(base, span)?;
            how.push(label(
                format!("{base} 前 {}：{date}", span_zh(span)),
                format!("{} before {base}: {date}", span_en(span)),
            ));
        }
        for nb in &when.not_before {
            if let Some(r) = self.resolve(nb, milestone) {
                if r.date > date {
                    // The later date governs: say how it was found too.
                    how.extend(r.how);
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

    /// The days `extended_by` moves a date (顺延), each move said in `how`. None only past the
    /// representable dates.
    fn moves(
        &self,
        when: &When,
        base: NaiveDate,
        milestone: Option<&str>,
        how: &mut Vec<Label>,
    ) -> Option<i64> {
        let mut total = 0i64;
        for x in &when.extended_by {
            let days = match x {
                Extension::Delay { from, to } => {
                    let Some(f) = self.resolve(from, milestone) else {
                        continue;
                    };
                    let t = self.resolve(to, milestone);
                    let done = t.as_ref().map_or(self.as_of, |t| t.date);
                    let days = (done - f.date).num_days().max(0);
                    if days > 0 {
                        how.push(match t {
                            Some(t) => label(
                                format!("对方迟延顺延 {days} 日（应于 {} 履行，{} 履行）", f.date, t.date),
                                format!(
                                    "moved by the other side's delay of {days} days (due {}, done {})",
                                    f.date, t.date
                                ),
                            ),
                            None => label(
                                format!("对方迟延顺延 {days} 日（应于 {}，至 {} 仍未履行）", f.date, self.as_of),
                                format!(
                                    "moved by the other side's delay of {days} days (due {}, not done by {})",
                                    f.date, self.as_of
                                ),
                            ),
                        });
                    }
                    days
                }
                Extension::Consent { clause, max } => {
                    self.consented(when, base, clause, *max, milestone, how)?
                }
            };
            total = total.checked_add(days)?;
        }
        Some(total)
    }

    /// The days a written consent under `clause` extends a date by (the longest), at most `max`.
    fn consented(
        &self,
        when: &When,
        base: NaiveDate,
        clause: &str,
        max: Option<Span>,
        _milestone: Option<&str>,
        how: &mut Vec<Label>,
    ) -> Option<i64> {
        let best = self
            .index
            .consents(clause)
            .iter()
            .filter(|c| c.written)
            .filter_map(|c| c.extension_days.map(|n| (n, c.date)))
            .max();
        let Some((n, on)) = best else {
            return Some(0);
        };
        let mut days = i64::from(n);
        if let Some(m) = max {
            // The most, counted on from the unmoved end of the period.
            let unmoved = match when.after {
                Some(span) => self.add_span(base, span, false)?,
                None => base,
            };
            let most = match m.unit {
                SpanUnit::Minutes | SpanUnit::Hours => 0,
                _ => (self.add_span(unmoved, m, false)? - unmoved).num_days(),
            };
            days = days.min(most);
        }
        if days > 0 {
            how.push(label(
                format!("经 {on} 书面同意延期 {days} 日"),
                format!("extended by {days} days by written consent of {on}"),
            ));
        }
        Some(days)
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
            Base::TermShare { period } => super::period_fee::term_share(self, *period),
            Base::PeriodFee {
                item,
                period,
                for_term,
            } => super::period_fee::fee(
                self,
                item.as_deref().or(facts.item)?,
                *period,
                *for_term,
                facts,
            ),
            Base::Recorded { fact, label } => Some(Named {
                label: label.clone(),
                amount: *self.events.facts.amounts.get(fact)?,
            }),
            Base::Fact { fact } => {
                let amount = facts.facts.iter().find(|(f, _)| f == fact)?.1;
                let l = self
                    .contract
                    .kinds
                    .iter()
                    .flat_map(|k| &k.facts)
                    .find(|f| f.id == *fact)
                    .map_or_else(|| label(fact.as_str(), fact.as_str()), |f| f.label.clone());
                Some(Named { label: l, amount })
            }
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
        self.calendar
            .warnings_for(from.min(to), from.max(to))
            .into_iter()
            .map(|w| Warning {
                code: "calendar.unknown-year".into(),
                path: None,
                clause: None,
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

/// A span as the length of a period; None for minutes and hours, which are not periods of days.
pub fn length(span: Span) -> Option<Length> {
    let n = i64::from(span.n);
    Some(match span.unit {
        SpanUnit::Days => Length {
            n,
            unit: Unit::Days,
        },
        SpanUnit::Weeks => Length {
            n: n.checked_mul(7)?,
            unit: Unit::Days,
        },
        SpanUnit::WorkingDays => Length {
            n,
            unit: Unit::WorkingDays,
        },
        SpanUnit::Months => Length {
            n,
            unit: Unit::Months,
        },
        SpanUnit::Years => Length {
            n,
            unit: Unit::Years,
        },
        SpanUnit::Minutes | SpanUnit::Hours => return None,
    })
}

/// A "how a date was found" line: what was counted, then the period's rules in order (start
/// day not counted, last day, moved past days off or not, ends at 24:00 or the close).
pub fn period_label(zh: &str, en: &str, d: &Deadline) -> Label {
    label(
        format!("{zh}：{}", d.explain_line(Lang::Zh)),
        format!("{en}: {}", d.explain_line(Lang::En)),
    )
}

/// "30 日" etc. (the explanation module's one table of unit names).
pub fn span_zh(s: Span) -> String {
    crate::domain::explain::span_text(&s, crate::domain::Lang::Zh)
}

/// "30 days" etc.
pub fn span_en(s: Span) -> String {
    crate::domain::explain::span_text(&s, crate::domain::Lang::En)
}
