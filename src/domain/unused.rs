//! What the record holds that no rule of the contract reads.
//!
//! Why: an input silently ignored is worse than an error. A user who records the time an
//! engineer arrived on site, a resident engineer or an invoice date
//! expects it to change a figure; when no clause reads it, the figures are the same as without
//! it and the user must be told — and a model that fakes a fact to move a figure (a level that
//! stands for a kind, a consent that shifts a date) shows up here as a fact nothing reads.
//!
//! Each warning (`record.unused`) is at the first entry that holds the unread thing and says how
//! many hold it, in both languages, naming the field by its label. What the contract reads is
//! found once from the contract's typed rules (its date rules and bases), never per entry.

use std::collections::BTreeSet;

use crate::domain::engine::condition::Subject;

use crate::domain::contract::{
    Base, Consequence, Contract, Formula, MilestoneAmount, Moment, MomentRef, OccurrenceAmount,
    Penalty, PerOccurrence, Right, Rule, Schedule, SlaSubject, StaffKind, Threshold, Trigger, When,
};
use crate::domain::events::{Events, Incident};
use crate::domain::load::{path_index, path_key, Problem};

/// What the contract's date rules and bases read, from its typed rules (this runs on every
/// evaluation: no serialisation, one pass over the clauses).
struct Mentions<'c> {
    whens: Vec<&'c When>,
    bases: Vec<&'c Base>,
    /// Some right arises when a loss exceeds a threshold.
    loss: bool,
}

impl<'c> Mentions<'c> {
    fn of(c: &'c Contract) -> Mentions<'c> {
        let mut m = Mentions {
            whens: c.deadlines.iter().map(|d| &d.due).collect(),
            bases: Vec::new(),
            loss: false,
        };
        for cl in &c.clauses {
            match &cl.rule {
                Rule::Penalty(p) => m.penalty(p),
                Rule::Payment(ms) => {
                    m.whens.push(&ms.due);
                    if let MilestoneAmount::Rate { base, .. } = &ms.amount {
                        m.bases.push(base);
                    }
                }
                Rule::Obligation(o) => {
                    if let Schedule::Once { due } = &o.schedule {
                        m.whens.push(due);
                    }
                }
                Rule::Term(t) => m.whens.push(&t.start),
                Rule::Right(r) => m.rights(&r.rights),
                Rule::Sla(_) => {}
            }
        }
        m.bases
            .extend(c.shared_caps.iter().filter_map(|sc| sc.cap.base.as_ref()));
        let mut i = 0;
        while let Some(w) = m.whens.get(i).copied() {
            m.whens.extend(w.not_before.iter());
            i += 1;
        }
        m
    }

    fn penalty(&mut self, p: &'c Penalty) {
        self.whens.extend(p.stop_at.iter());
        self.formula(&p.formula);
        for a in p.alternatives.iter().flat_map(|a| &a.options) {
            if let Some(f) = &a.formula {
                self.formula(f);
            }
        }
        self.bases
            .extend(p.cap.as_ref().and_then(|c| c.base.as_ref()));
        self.rights(&p.rights);
    }

    fn formula(&mut self, f: &'c Formula) {
        match f {
            Formula::PerDay { base, .. } | Formula::PerPeriod { base, .. } => self.bases.push(base),
            Formula::PerOccurrence(po) => {
                match &po.amount {
                    OccurrenceAmount::Rate { base, .. }
                    | OccurrenceAmount::RateRange { base, .. }
                    | OccurrenceAmount::ByLevel { base, .. } => self.bases.push(base),
                    OccurrenceAmount::Fixed { .. } | OccurrenceAmount::Range { .. } => {}
                }
                self.bases.extend(po.tiers.as_ref().map(|t| &t.base));
            }
        }
    }

    fn rights(&mut self, rights: &'c [Right]) {
        for r in rights {
            self.loss |= matches!(r.when, Threshold::LossExceeds { .. });
            if let Threshold::PenaltyReaches { base, .. }
            | Threshold::PenaltyExceeds { base, .. }
            | Threshold::LossExceeds { base, .. } = &r.when
            {
                self.bases.push(base);
            }
            for c in &r.consequences {
                if let Consequence::Pay { base, .. } = c {
                    self.bases.push(base);
                }
            }
        }
    }

    fn base(&self, wanted: impl Fn(&Base) -> bool) -> bool {
        self.bases.iter().any(|b| wanted(b))
    }

    fn when(&self, wanted: impl Fn(&When) -> bool) -> bool {
        self.whens.iter().any(|w| wanted(w))
    }
}

/// The amounts the contract's `recorded` bases read from the record's `facts.amounts` (the part
/// delivered late), each once, with the label the base gives it: the record's editor offers
/// an input for each.
pub fn recorded_bases(c: &Contract) -> Vec<(&str, &crate::domain::contract::Label)> {
    let mut out: Vec<(&str, &crate::domain::contract::Label)> = Vec::new();
    for b in Mentions::of(c).bases {
        if let Base::Recorded { fact, label } = b {
            if !out.iter().any(|(f, _)| *f == fact.as_str()) {
                out.push((fact, label));
            }
        }
    }
    out
}

/// The clauses under which consents extend some date rule of the contract
/// (`extended_by: [{"consent": {"clause": …}}]`): such a consent changes a date.
pub(crate) fn consents_extending_dates(c: &Contract) -> BTreeSet<&str> {
    use crate::domain::contract::Extension;
    Mentions::of(c)
        .whens
        .iter()
        .flat_map(|w| &w.extended_by)
        .filter_map(|x| match x {
            Extension::Consent { clause, .. } => Some(clause.as_str()),
            Extension::Delay { .. } => None,
        })
        .collect()
}

/// The penalty rules of the contract.
fn penalties(c: &Contract) -> impl Iterator<Item = &Penalty> {
    c.clauses.iter().filter_map(|cl| match &cl.rule {
        Rule::Penalty(p) => Some(p),
        _ => None,
    })
}

fn per_occurrence(c: &Contract) -> impl Iterator<Item = &PerOccurrence> {
    penalties(c).filter_map(|p| match &p.formula {
        Formula::PerOccurrence(po) => Some(po),
        _ => None,
    })
}

/// The moments of incidents that a rule reads (a timer starts or stops at it, a condition asks
/// for it), and whether any timer limit or condition asks about a resident engineer.
fn incident_timers(c: &Contract) -> (BTreeSet<String>, bool) {
    let reads = crate::domain::validate::reads(c, "incident");
    let mut resident = reads.facts.contains("resident");
    for cl in &c.clauses {
        if let Rule::Sla(sla) = &cl.rule {
            if sla.applies_to == SlaSubject::Incidents {
                resident |= sla
                    .timers
                    .iter()
                    .any(|t| t.limits.iter().any(|l| l.resident.is_some()));
            }
        }
    }
    (reads.moments, resident)
}

/// One warning: `count` entries of `list` hold `what`, the first at `first`.
fn unread(first: String, count: usize, what: (&str, &str), why: (&str, &str)) -> Problem {
    Problem::warning(
        "record.unused",
        first,
        format!(
            "{count} 条记录填写了{}，但{}：它不改变任何数字",
            what.0, why.0
        ),
        format!(
            "{count} record(s) give {}, but {}: it changes no figure",
            what.1, why.1
        ),
    )
}

/// A field of some entries of a list that no rule reads: one warning at the first.
fn field_unread<T>(
    out: &mut Vec<Problem>,
    list: (&str, &[T]),
    field: &str,
    holds: impl Fn(&T) -> bool,
    what: (&str, &str),
    why: (&str, &str),
) {
    let (name, entries) = list;
    let mut held = entries.iter().enumerate().filter(|(_, x)| holds(x));
    if let Some((i, _)) = held.next() {
        let count = 1 + held.count();
        out.push(unread(
            path_key(&path_index(name, i), field),
            count,
            what,
            why,
        ));
    }
}

/// Every `record.unused` warning of a record under its contract.
pub fn unused(c: &Contract, e: &Events) -> Vec<Problem> {
    let mut out = Vec::new();
    let m = Mentions::of(c);
    incidents(c, e, &m, &mut out);
    requirements(c, e, &mut out);
    staff(c, e, &mut out);
    facts(c, e, &m, &mut out);
    out
}

fn incidents(c: &Contract, e: &Events, m: &Mentions, out: &mut Vec<Problem>) {
    if e.incidents.is_empty() {
        return;
    }
    let (moments, resident) = incident_timers(c);
    let triggered = penalties(c).any(|p| matches!(p.trigger, Trigger::Incident { .. }));
    if moments.is_empty() && !triggered && !m.when(|w| w.extend_per_incident.is_some()) {
        out.push(unread(
            "incidents[0]".into(),
            e.incidents.len(),
            ("故障事件", "incidents"),
            (
                "合同没有关于故障的时限、违约金或期限延长",
                "the contract has no timer, penalty or extension on incidents",
            ),
        ));
        return;
    }
    let handled = per_occurrence(c).any(|po| {
        po.late_handling.is_some()
            || matches!(&po.amount, OccurrenceAmount::ByLevel { rates, .. }
                if rates.iter().any(|r| r.handle_within.is_some()))
    });
    let list = ("incidents", e.incidents.as_slice());
    // The optional moments of an incident, with the words for the warning.
    let optional = [
        (Moment::Notified, ("“通知时间”", "a notified time")),
        (Moment::Responded, ("“响应时间”", "a responded time")),
        (Moment::Diagnosed, ("“诊断时间”", "a diagnosed time")),
        (Moment::OnSite, ("“到场时间”", "an on-site time")),
        (Moment::Workaround, ("“临时恢复时间”", "a workaround time")),
        (Moment::Resolved, ("“解决时间”", "a resolved time")),
        (Moment::ReportedBack, ("“报告时间”", "a report time")),
    ];
    for (moment, what) in optional {
        let read = moments.contains(moment.name()) || (moment == Moment::Resolved && handled);
        if !read {
            let why = (
                "没有时限条款以它起算或截止",
                "no timer starts or stops at it",
            );
            let at = MomentRef::Builtin(moment);
            let holds = |i: &Incident| Subject::Incident(i).moment(&at).is_some();
            field_unread(out, list, moment.name(), holds, what, why);
        }
    }
    if !resident {
        let why = (
            "没有时限按是否驻场区分",
            "no timer limit depends on a resident engineer",
        );
        field_unread(
            out,
            list,
            "resident",
            |i| i.resident.is_some(),
            ("“是否驻场”", "a resident-engineer fact"),
            why,
        );
    }
    // The kind and the item of an incident describe it (the record shows them) even where no
    // clause depends on them: not warned.
}

fn requirements(c: &Contract, e: &Events, out: &mut Vec<Problem>) {
    if e.requirements.is_empty() {
        return;
    }
    let timed = c
        .clauses
        .iter()
        .any(|cl| matches!(&cl.rule, Rule::Sla(s) if s.applies_to == SlaSubject::Requirements));
    let triggers: Vec<_> = penalties(c)
        .filter_map(|p| match &p.trigger {
            Trigger::Requirement { condition, .. } => Some(*condition),
            _ => None,
        })
        .collect();
    if !timed && triggers.is_empty() {
        out.push(unread(
            "requirements[0]".into(),
            e.requirements.len(),
            ("需求", "requirements"),
            (
                "合同没有关于需求的时限或违约金",
                "the contract has no timer or penalty on requirements",
            ),
        ));
        return;
    }
    use crate::domain::contract::RequirementCondition::LateAndBusinessAffected;
    let read = crate::domain::validate::reads(c, "requirement");
    if !triggers.contains(&LateAndBusinessAffected) && !read.facts.contains("business_affected") {
        field_unread(
            out,
            ("requirements", e.requirements.as_slice()),
            "business_affected",
            |r| r.business_affected,
            ("“影响业务”", "business affected"),
            (
                "没有条款以影响业务为条件",
                "no clause depends on the business being affected",
            ),
        );
    }
}

fn staff(c: &Contract, e: &Events, out: &mut Vec<Problem>) {
    let priced: Vec<StaffKind> = penalties(c)
        .filter_map(|p| match &p.trigger {
            Trigger::Staff { kind, .. } => Some(*kind),
            _ => None,
        })
        .collect();
    let mut warned = Vec::new();
    for (i, s) in e.staff.iter().enumerate() {
        if priced.contains(&s.kind) || warned.contains(&s.kind) {
            continue;
        }
        warned.push(s.kind);
        let count = e.staff.iter().filter(|x| x.kind == s.kind).count();
        out.push(unread(
            path_key(&path_index("staff", i), "kind"),
            count,
            ("这一类人员事件", "staff events of this kind"),
            (
                "合同没有条款对这一类计违约金",
                "no clause of the contract prices this kind",
            ),
        ));
    }
}

fn facts(c: &Contract, e: &Events, m: &Mentions, out: &mut Vec<Problem>) {
    if e.facts.audited_price.is_some() && !m.base(|b| matches!(b, Base::AuditedPrice)) {
        out.push(unread(
            "facts.audited_price".into(),
            1,
            ("审计价", "an audited price"),
            (
                "没有条款以审计价为基数",
                "no clause takes the audited price as its base",
            ),
        ));
    }
    // An invoice matters where a payment falls due after it.
    let invoiced = m.when(|w| w.event.as_deref() == Some("invoice"));
    if !invoiced {
        field_unread(
            out,
            ("invoices", e.invoices.as_slice()),
            "date",
            |_| true,
            ("发票日期", "an invoice date"),
            (
                "没有付款以收到发票起算",
                "no payment falls due after an invoice",
            ),
        );
    }
    let occurrence_base = m.base(|b| matches!(b, Base::Occurrence));
    if !occurrence_base {
        field_unread(
            out,
            ("occurrences", e.occurrences.as_slice()),
            "amount",
            |o| o.amount.is_some(),
            ("“所涉金额”", "an amount concerned"),
            (
                "没有条款以所涉金额为基数",
                "no clause takes the amount concerned as its base",
            ),
        );
    }
    if !m.loss {
        field_unread(
            out,
            ("occurrences", e.occurrences.as_slice()),
            "loss",
            |o| o.loss.is_some(),
            ("“损失”", "a loss"),
            ("没有条款以损失为条件", "no clause depends on the loss"),
        );
    }
    let per_person = per_occurrence(c).any(|po| po.per_person);
    if !per_person {
        field_unread(
            out,
            ("occurrences", e.occurrences.as_slice()),
            "persons",
            |o| o.persons > 1,
            ("“人数”", "a number of persons"),
            ("没有条款按人计", "no clause counts per person"),
        );
    }
}
