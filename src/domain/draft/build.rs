//! The drafted contract, assembled sentence by sentence: clause ids from the text's numbering
//! (unique), the declarations a rule needs (a deadline and its two dates), contract-wide facts
//! (title, parties, total), and what a later sentence of the same clause adds to a penalty (a
//! cap, a right).

use super::lexicon::{BaseWord, EventWord, Tok, Word};
use super::penalty::{self, note, PenaltyDraft};
use super::sent::Sent;
use super::text::Sentence;
use super::{canonical, Confidence, Found, FoundKind, Reading, TextSpan, Unread};
use super::{duty, level_fine, payment, sla, term, yearly};
use crate::domain::contract::{
    Base, Clause, Contract, Deadline, EventDef, Formula, Label, LevelDef, Milestone,
    MilestoneAmount, Obligation, Period, Rule, Schedule, SharedCap, Side, Sla, SlaSubject, Span,
    SpanUnit, Trigger, When,
};
use crate::domain::vocabulary::{FactDef, FactType, KindDef};

/// The contract being drafted and what each part came from.
pub struct Drafting {
    pub contract: Contract,
    pub found: Vec<Found>,
    pub unread: Vec<Unread>,
    /// The level a heading line named, and the clause it stands under.
    level: Option<(Option<String>, &'static str)>,
    /// The timer verb a heading of the clause named (响应时限要求：).
    timer_heading: Option<(Option<String>, Word)>,
    /// The renewal option the text chose (选择以下第[2]种方式).
    renewal_choice: Option<u32>,
    /// Shared caps over every penalty of a side, completed once all clauses are read.
    caps_over_all: Vec<(usize, Option<Side>)>,
    /// The texts of the last sentences not understood (a shared cap may name clauses on the line
    /// before it).
    unread_texts: Vec<(TextSpan, String)>,
}

impl Drafting {
    pub fn new(contract: Contract) -> Drafting {
        Drafting {
            contract,
            found: Vec::new(),
            unread: Vec::new(),
            level: None,
            timer_heading: None,
            renewal_choice: None,
            caps_over_all: Vec::new(),
            unread_texts: Vec::new(),
        }
    }

    /// Reads one sentence.
    pub fn sentence(&mut self, s: &Sent) {
        if self.header(s) {
            return;
        }
        if let Some(n) = term::choice(s) {
            self.renewal_choice = Some(n);
        }
        if let Some(v) = sla::heading_verb(s) {
            self.timer_heading = Some((s.s.clause.clone(), v));
        }
        if let Some(l) = sla::heading_level(s) {
            self.level = Some((s.s.clause.clone(), l));
        }
        if self.read_rules(s) {
            return;
        }
        let mut signals = super::text::signals(&s.s.text);
        if signals.is_empty() && s.has(Word::TermWord) {
            // 按照约定的服务周期…: a term named without its length is for the user to state.
            signals.push(super::Signal::TimeLimit);
        }
        if signals.is_empty() && s.has(Word::Pay) {
            // 甲方支付第一年维保费: a payment whose amount the text does not state.
            signals.push(super::Signal::Money);
        }
        if !signals.is_empty() {
            if self.unread_texts.len() > 8 {
                self.unread_texts.remove(0);
            }
            self.unread_texts.push((s.s.span, s.s.text.clone()));
            self.unread.push(Unread {
                span: s.s.span,
                clause: s.s.clause.clone(),
                signals,
            });
        }
    }

    /// The families in turn; whether one read the sentence.
    fn read_rules(&mut self, s: &Sent) -> bool {
        if self.term(s) {
            return true;
        }
        let adds_to_last = s.any(&["前述违约金", "违约金外", "以上总额", "上述违约金"]);
        if adds_to_last && self.amend_last(s) {
            return true;
        }
        if self.yearly_fees(s) {
            return true;
        }
        let pays = payment::read(s);
        if !pays.is_empty() {
            let duty = s
                .find(0, |t| *t == Tok::Word(Word::Pay))
                .and_then(|at| duty::before_payment(s, at));
            self.add_payments(s, pays);
            if let Some(d) = duty {
                self.add_duty(s, d);
            }
            return true;
        }
        let level = self.level_here(s);
        if self.after_duty(s) {
            return true;
        }
        let heading = self
            .timer_heading
            .as_ref()
            .filter(|(c, _)| *c == s.s.clause)
            .map(|(_, v)| *v);
        let answers = sla::requirement_limits(s);
        if !answers.is_empty() {
            self.add_requirement_limits(s, answers);
            // A fine on missing them (…，则按每个需求罚款100元/次) is read on.
            if !(s.has(Word::Penalty) || s.has(Word::Pay)) {
                return true;
            }
        }
        let limits = sla::read(s, level, heading);
        if !limits.is_empty() {
            self.add_limits(s, limits);
            return true;
        }
        let mutual = penalty::read_mutual(s);
        if !mutual.is_empty() {
            for r in mutual {
                self.add(s, r);
            }
            return true;
        }
        if let Some((rights, confidence)) = duty::loss_right(s) {
            self.push_clause(
                s,
                FoundKind::Right,
                label("损失超过比例的权利", "Right on a loss above a share"),
                Rule::Right(crate::domain::contract::RightRule { rights }),
                confidence,
                Vec::new(),
            );
            return true;
        }
        if let Some((rights, confidence)) = duty::plain_rights(s) {
            self.push_clause(
                s,
                FoundKind::Right,
                label("权利", "Rights"),
                Rule::Right(crate::domain::contract::RightRule { rights }),
                confidence,
                Vec::new(),
            );
            return true;
        }
        if self.late_handling(s) {
            return true;
        }
        if let Some(r) = penalty::read(s, level.is_some()) {
            if s.has(Word::Missed) {
                if let Some(at) = s.find(0, |t| *t == Tok::Word(Word::Missed)) {
                    if let Some(d) = duty::read(s, at) {
                        self.add_duty(s, d);
                    }
                }
            }
            self.add(s, r);
            return true;
        }
        if self.shared_cap(s) {
            return true;
        }
        if let Some(d) = duty::read(s, s.toks.len()) {
            self.add_duty(s, d);
            return true;
        }
        self.amend_last(s)
    }

    /// The term, or a renewal that completes it.
    fn term(&mut self, s: &Sent) -> bool {
        let has_term = self
            .contract
            .clauses
            .iter()
            .any(|c| matches!(c.rule, Rule::Term(_)));
        if !has_term {
            if let Some(t) = term::read(s) {
                let named = [
                    t.term.start.event.as_deref(),
                    t.term.extended_until.as_deref(),
                ];
                for e in named.into_iter().flatten().filter_map(payment::event_word) {
                    self.declare_event(e);
                }
                let rule = Rule::Term(t.term);
                self.push_clause(
                    s,
                    FoundKind::Term,
                    label("服务期限", "Term"),
                    rule,
                    t.confidence,
                    t.notes,
                );
                return true;
            }
            return false;
        }
        if !s.has(Word::Renew) {
            return false;
        }
        let chosen = match (self.renewal_choice, item_of(s.s.clause.as_deref())) {
            (Some(c), Some(item)) => c == item,
            _ => true,
        };
        let Some(idx) = self
            .contract
            .clauses
            .iter()
            .position(|c| matches!(c.rule, Rule::Term(_)))
        else {
            return false;
        };
        let Rule::Term(t) = &mut self.contract.clauses[idx].rule else {
            return false;
        };
        if t.renewal.is_some() {
            return false;
        }
        let Some((r, notes)) = term::renewal(s, t.length) else {
            return false;
        };
        if !chosen {
            return false;
        }
        t.renewal = Some(r);
        let id = self.contract.clauses[idx].id.clone();
        let rule = self.contract.clauses[idx].rule.clone();
        if let Some(text) = &mut self.contract.clauses[idx].text {
            text.push_str(&s.s.text);
        }
        let sentence = canonical::sentence(&rule, &self.contract);
        if let Some(f) = self
            .found
            .iter_mut()
            .find(|f| f.clause.as_deref() == Some(&id))
        {
            f.span.end = f.span.end.max(s.s.span.end);
            f.sentence = sentence;
            if !notes.is_empty() {
                f.confidence = f.confidence.min(Confidence::Low);
            }
            f.notes.extend(notes);
        }
        true
    }

    /// Adds a clause with its found entry.
    fn push_clause(
        &mut self,
        s: &Sent,
        kind: FoundKind,
        title: Label,
        rule: Rule,
        confidence: Confidence,
        notes: Vec<Label>,
    ) -> String {
        let id = self.clause_id(s.s.clause.as_deref());
        let sentence = canonical::sentence(&rule, &self.contract);
        self.contract.clauses.push(Clause {
            id: id.clone(),
            title,
            text: Some(s.s.text.clone()),
            rule,
        });
        self.push_found(s, kind, Some(id.clone()), confidence, sentence, notes);
        id
    }

    /// The years of the drafted term (its length in whole years, two or more).
    fn term_years(&self) -> Option<u32> {
        self.contract
            .clauses
            .iter()
            .find_map(|c| match &c.rule {
                Rule::Term(t) => match t.length.unit {
                    crate::domain::contract::SpanUnit::Years => Some(t.length.n),
                    crate::domain::contract::SpanUnit::Months if t.length.n % 12 == 0 => {
                        Some(t.length.n / 12)
                    }
                    _ => None,
                },
                _ => None,
            })
            .filter(|n| (2..=10).contains(n))
    }

    /// Yearly fees (`yearly`): one instalment per year of the drafted term.
    fn yearly_fees(&mut self, s: &Sent) -> bool {
        let Some(y) = yearly::read(s) else {
            return false;
        };
        let Some(years) = self.term_years() else {
            return false;
        };
        if let Some(e) = y.first {
            self.declare_event(e);
        }
        let notes = vec![note(
            "条文未写明每年的金额：按合同总额在服务期内平均分摊（合同总额 × 12 ÷ 服务期月数）起草，如合同另有分年金额请改为固定金额",
            "The text states no yearly amount: drafted as the total spread evenly over the term (total × 12 ÷ the term's months); change it to a fixed amount if the contract prices each year",
        )];
        for k in 1..=years {
            let due = match (k, y.later) {
                (1, _) => When {
                    event: Some(y.first.map_or("term_start", payment::event_id).to_string()),
                    ..Default::default()
                },
                (_, yearly::Later::PreviousAcceptance) => {
                    let id = format!("year_{}_acceptance", k - 1);
                    if !self.contract.events.iter().any(|e| e.id == id) {
                        self.contract.events.push(EventDef {
                            id: id.clone(),
                            label: label(
                                &format!("第{}年验收合格", k - 1),
                                &format!("Year-{} acceptance passed", k - 1),
                            ),
                        });
                    }
                    When {
                        event: Some(id),
                        ..Default::default()
                    }
                }
                (_, yearly::Later::YearStart) => When {
                    event: Some("term_start".into()),
                    after: Some(Span {
                        n: k - 1,
                        unit: SpanUnit::Years,
                    }),
                    ..Default::default()
                },
            };
            let (zh, en) = (format!("第{k}年{}", y.fee), format!("Year-{k} fee"));
            let rule = Rule::Payment(Milestone {
                id: format!("y{k}"),
                label: label(&zh, &en),
                amount: MilestoneAmount::Rate {
                    rate: crate::domain::money::Rate::from_fraction(rust_decimal::Decimal::ONE),
                    base: Base::TermShare {
                        period: Period::ContractYear,
                    },
                },
                due,
                retention: false,
                stated: None,
                stated_in_words: None,
            });
            self.push_clause(
                s,
                FoundKind::Payment,
                label(&zh, &en),
                rule,
                Confidence::Medium,
                notes.clone(),
            );
        }
        true
    }

    fn declare_event(&mut self, e: EventWord) {
        let id = payment::event_id(e);
        let Some(label) = payment::event_label(e) else {
            return;
        };
        if !self.contract.events.iter().any(|d| d.id == id) {
            self.contract.events.push(EventDef {
                id: id.to_string(),
                label,
            });
        }
    }

    fn add_payments(&mut self, s: &Sent, pays: Vec<payment::PaymentDraft>) {
        for p in pays {
            for e in &p.events {
                self.declare_event(*e);
            }
            let n = self
                .contract
                .clauses
                .iter()
                .filter(|c| matches!(c.rule, Rule::Payment(_)))
                .count()
                + 1;
            let pct = match &p.amount {
                crate::domain::contract::MilestoneAmount::Rate { rate, .. } => {
                    format!("（{rate}）")
                }
                _ => String::new(),
            };
            let (zh, en) = if p.retention {
                (format!("质保金{pct}"), format!("Retention{pct}"))
            } else {
                (format!("第{n}期{pct}"), format!("Instalment {n}{pct}"))
            };
            let rule = Rule::Payment(Milestone {
                id: format!("m{n}"),
                label: label(&zh, &en),
                amount: p.amount,
                due: p.due,
                retention: p.retention,
                stated: p.stated,
                stated_in_words: p.stated_in_words,
            });
            self.push_clause(
                s,
                FoundKind::Payment,
                label(&zh, &en),
                rule,
                p.confidence,
                p.notes,
            );
        }
    }

    /// The force-majeure record kind, with the affected party as its fact.
    fn declare_force_majeure(&mut self, id: &str) {
        let party = FactDef {
            id: "party".to_string(),
            label: label("受不可抗力影响的一方", "Party affected"),
            ty: FactType::Party,
            required: true,
            default: None,
        };
        self.declare_fact(id, label("不可抗力", "Force majeure"), party);
    }

    /// An incident flag a condition names (远程技术支持无法解决的; 如故障影响业务运行).
    fn declare_flag(&mut self, id: &str) {
        let (zh, en) = match id {
            sla::REMOTE_FAILED => ("远程技术支持无法解决", "Remote support could not fix it"),
            _ => ("故障影响业务运行", "Business affected"),
        };
        let flag = FactDef {
            id: id.to_string(),
            label: label(zh, en),
            ty: FactType::Flag,
            required: false,
            default: None,
        };
        self.declare_fact("incident", label("故障", "Fault"), flag);
    }

    /// A fact of a record kind, the kind declared (with `kind_label`) when it is not yet.
    fn declare_fact(&mut self, kind: &str, kind_label: Label, fact: FactDef) {
        match self.contract.kinds.iter_mut().find(|k| k.id == kind) {
            Some(k) => {
                if !k.facts.iter().any(|f| f.id == fact.id) {
                    k.facts.push(fact);
                }
            }
            None => self.contract.kinds.push(KindDef {
                id: kind.to_string(),
                label: kind_label,
                moments: Vec::new(),
                facts: vec![fact],
            }),
        }
    }

    fn declare_level(&mut self, id: &str) {
        if !self.contract.levels.iter().any(|l| l.id == id) {
            self.contract.levels.push(LevelDef {
                id: id.to_string(),
                label: sla::level_label(id),
                major: matches!(id, "especially_major" | "major"),
            });
        }
    }

    /// Limits go into the SLA clause of the sentence's clause (without its item number), a
    /// timer per verb.
    fn add_limits(&mut self, s: &Sent, limits: Vec<sla::LimitDraft>) {
        for l in &limits {
            for lv in &l.limit.levels {
                self.declare_level(lv);
            }
            let mut flags = Vec::new();
            if let Some(w) = &l.when {
                sla::flags_of(w, &mut flags);
            }
            for f in flags {
                self.declare_flag(&f);
            }
        }
        let root = root_of(s.s.clause.as_deref());
        let at =
            self.contract.clauses.iter().position(|c| {
                matches!(c.rule, Rule::Sla(_)) && Some(c.id.as_str()) == root.as_deref()
            });
        let idx = match at {
            Some(i) => i,
            None => {
                let id = self.clause_id(root.as_deref());
                self.contract.clauses.push(Clause {
                    id,
                    title: label("服务响应时限", "Service levels"),
                    text: Some(String::new()),
                    rule: Rule::Sla(Sla {
                        applies_to: SlaSubject::Incidents,
                        timers: Vec::new(),
                        working_hours: None,
                    }),
                });
                self.contract.clauses.len() - 1
            }
        };
        let clause = &mut self.contract.clauses[idx];
        if let Some(t) = &mut clause.text {
            t.push_str(&s.s.text);
        }
        let Rule::Sla(sla_rule) = &mut clause.rule else {
            return;
        };
        for l in limits {
            merge_limit(sla_rule, l);
        }
        let ambiguous = sla_rule.timers.iter().any(|t| {
            t.limits.iter().enumerate().any(|(a, x)| {
                t.limits[a + 1..]
                    .iter()
                    .any(|y| x.levels == y.levels && x.in_working_hours == y.in_working_hours)
            })
        });
        let mut notes = Vec::new();
        if ambiguous {
            notes.push(note(
                "同一时限写有几个数值，区分它们的条件未读出：请核对",
                "One timer has several limits whose conditions were not read: check them",
            ));
        }
        if let Some(o) = sla::otherwise_at(s) {
            // The consequence of a miss (否则甲方有权…) is for the user to state.
            let tail = s.chars(o, s.folded.chars().count());
            let signals = super::text::signals(&tail);
            if !signals.is_empty() {
                self.unread.push(Unread {
                    span: s.s.span,
                    clause: s.s.clause.clone(),
                    signals,
                });
                notes.push(note(
                    "条文所写未按时限履行的后果（“否则”之后）未读出：请核对",
                    "What the text says follows a missed limit (after “否则”) was not read: check it",
                ));
            }
        }
        if sla::conditional(s) && sla::remote_failed_end(s).is_none() {
            notes.push(note(
                "时限只在条文所写的条件下适用，条件未读出：请核对",
                "The limit applies only under a condition the text states, not read: check it",
            ));
        }
        let id = clause.id.clone();
        let rule = clause.rule.clone();
        let sentence = canonical::sentence(&rule, &self.contract);
        let confidence = if notes.is_empty() {
            Confidence::High
        } else {
            Confidence::Low
        };
        match self
            .found
            .iter_mut()
            .find(|f| f.clause.as_deref() == Some(&id))
        {
            Some(f) => {
                f.span.end = f.span.end.max(s.s.span.end);
                f.sentence = sentence;
                f.confidence = f.confidence.min(confidence);
                for n in notes {
                    if !f.notes.contains(&n) {
                        f.notes.push(n);
                    }
                }
            }
            None => self.push_found(s, FoundKind::Sla, Some(id), confidence, sentence, notes),
        }
    }

    /// An SLA clause on requirements, of the sentence's clause without its item number.
    fn add_requirement_limits(&mut self, s: &Sent, limits: Vec<crate::domain::contract::Limit>) {
        let root = root_of(s.s.clause.as_deref());
        let id = self.clause_id(root.as_deref());
        let rule = Rule::Sla(Sla {
            applies_to: SlaSubject::Requirements,
            timers: vec![sla::first_answer_timer(limits)],
            working_hours: None,
        });
        let sentence = canonical::sentence(&rule, &self.contract);
        self.contract.clauses.push(Clause {
            id: id.clone(),
            title: label("需求响应时限", "Requirement answer limits"),
            text: Some(s.s.text.clone()),
            rule,
        });
        self.push_found(
            s,
            FoundKind::Sla,
            Some(id),
            Confidence::High,
            sentence,
            Vec::new(),
        );
    }

    /// A duty each time the clause's last duty is done (巡检结束后一周内出具报告).
    fn after_duty(&mut self, s: &Sent) -> bool {
        let Some(span) = duty::after_done(s) else {
            return false;
        };
        let root = root_of(s.s.clause.as_deref());
        let Some(before) = self.contract.clauses.iter().rev().find(|c| {
            let near = root_of(Some(&c.id)) == root || (root.is_none() && c.id.starts_with("条款"));
            matches!(c.rule, Rule::Obligation(_)) && near
        }) else {
            return false;
        };
        let Rule::Obligation(o) = &before.rule else {
            return false;
        };
        let mut notes = Vec::new();
        let (party, confidence) = match s.actor() {
            Some(side) => (side.into(), Confidence::High),
            None => {
                notes.push(note(
                    "未写明由哪一方履行，按前一项义务的一方起草",
                    "The text names no party: drafted as the party of the duty before",
                ));
                (o.party, Confidence::Medium)
            }
        };
        let rule = Rule::Obligation(Obligation {
            party,
            schedule: crate::domain::contract::Schedule::After {
                obligation: before.id.clone(),
                span,
            },
            due_soon: None,
            from: None,
        });
        self.push_clause(
            s,
            FoundKind::Obligation,
            label("履约义务（每次完成后）", "Duty after each one done"),
            rule,
            confidence,
            notes,
        );
        true
    }

    /// SLA clauses drafted without a level where the contract grades faults elsewhere, or
    /// with sentences of the same clause that state a time limit and were not read, are
    /// checked by the user: low confidence, with the reason.
    fn check_slas(&mut self) {
        let leveled = |x: &Sla| {
            x.timers
                .iter()
                .any(|t| t.limits.iter().any(|l| !l.levels.is_empty()))
        };
        let graded = self
            .contract
            .clauses
            .iter()
            .any(|c| matches!(&c.rule, Rule::Sla(x) if leveled(x)));
        for c in &self.contract.clauses {
            let Rule::Sla(x) = &c.rule else { continue };
            let mut notes = Vec::new();
            let unlevelled = x
                .timers
                .iter()
                .any(|t| t.limits.iter().any(|l| l.levels.is_empty()));
            if graded && unlevelled {
                notes.push(note(
                    "合同另有按故障级别的时限，本条时限未写明级别，按所有级别起草：请核对适用的级别",
                    "The contract grades faults elsewhere; these limits name no level and were \
                     drafted for every level: check which levels they hold for",
                ));
            }
            let unread = self.unread.iter().any(|u| {
                root_of(u.clause.as_deref()).as_deref() == Some(c.id.as_str())
                    && u.signals.contains(&super::Signal::TimeLimit)
            });
            if unread {
                notes.push(note(
                    "本条还有写有时限的语句未读出：请核对时限是否完整",
                    "Sentences of this clause that state a time limit were not read: check that \
                     the limits are complete",
                ));
            }
            if notes.is_empty() {
                continue;
            }
            for f in self
                .found
                .iter_mut()
                .filter(|f| f.clause.as_deref() == Some(c.id.as_str()))
            {
                f.confidence = Confidence::Low;
                for n in &notes {
                    if !f.notes.contains(n) {
                        f.notes.push(n.clone());
                    }
                }
            }
        }
    }

    fn add_duty(&mut self, s: &Sent, d: duty::DutyDraft) {
        for e in &d.events {
            self.declare_event(*e);
        }
        for (id, zh, en) in &d.named {
            if !self.contract.events.iter().any(|e| e.id == *id) {
                self.contract.events.push(EventDef {
                    id: id.to_string(),
                    label: label(zh, en),
                });
            }
        }
        if let Schedule::OnEntry { kind, .. } = &d.schedule {
            self.declare_force_majeure(kind);
        }
        let o = Obligation {
            party: d.party,
            schedule: d.schedule,
            due_soon: None,
            from: None,
        };
        let what = duty_words(s).filter(|w| !w.contains("报告"));
        let title = match &what {
            Some(w) => label(w, &format!("Duty: {w}")),
            None => label("履约义务", "Duty"),
        };
        let sentence = what.as_deref().map(|w| canonical::duty_sentence(&o, w));
        let id = self.push_clause(
            s,
            FoundKind::Obligation,
            title,
            Rule::Obligation(o),
            d.confidence,
            d.notes,
        );
        if let (Some(sentence), Some(f)) = (sentence, self.found.last_mut()) {
            if f.clause.as_deref() == Some(id.as_str()) {
                f.sentence = sentence;
            }
        }
    }

    /// 累计处罚金额不超过年维护费总额的10% / 违约金总额不超过合同总额的10%: a cap over the
    /// clauses the sentence (or the line before it) names, else over every penalty of the side.
    fn shared_cap(&mut self, s: &Sent) -> bool {
        const WORDS: &[&str] = &[
            "累计处罚",
            "处罚金额",
            "违约金总额",
            "违约金累计",
            "违约金合计",
            "扣款总额",
            "扣罚总额",
            "罚款总额",
            "处罚总额",
            "各项违约金",
            "违约金之和",
        ];
        if !s.has(Word::Cap) || !s.any(WORDS) {
            return false;
        }
        let Some(cap) = penalty::cap(s, 0) else {
            return false;
        };
        let mut refs = quoted_numbers(&s.folded);
        let mut span = s.s.span;
        if let Some(prev) = self.unread.last() {
            if prev.clause == s.s.clause {
                let text: String = self.unread_text(prev.span);
                let more = quoted_numbers(&super::text::fold(&text));
                if !more.is_empty() {
                    span.start = prev.span.start;
                    refs.extend(more);
                    self.unread.pop();
                }
            }
        }
        let side = s.actor();
        let annual = s.any(&["年维护费", "年度", "每年", "年服务费"]);
        let mut notes = Vec::new();
        if s.toks
            .iter()
            .any(|t| t.tok == Tok::Word(Word::Base(BaseWord::AnnualFee)))
        {
            notes.push(note(
                "“年维护费总额”按合同总额、每个合同年度计",
                "“The annual fee in all” read as the contract total, per contract year",
            ));
        }
        let id = self.clause_id(s.s.clause.as_deref());
        let clauses = self.clauses_named(&refs, s.s.clause.as_deref());
        let rc = SharedCap {
            id: id.clone(),
            label: zh(&s.s.text.chars().take(60).collect::<String>()),
            clauses,
            cap,
            per_contract_year: annual,
            per: None,
        };
        if refs.is_empty() {
            self.caps_over_all
                .push((self.contract.shared_caps.len(), side));
        }
        let sentence = canonical::shared_cap(&rc);
        self.contract.shared_caps.push(rc);
        let confidence = if notes.is_empty() {
            Confidence::High
        } else {
            Confidence::Medium
        };
        self.found.push(Found {
            kind: FoundKind::SharedCap,
            clause: Some(id),
            span,
            confidence,
            sentence,
            notes,
        });
        true
    }

    fn unread_text(&self, span: TextSpan) -> String {
        self.unread_texts
            .iter()
            .rev()
            .find(|(sp, _)| *sp == span)
            .map(|(_, t)| t.clone())
            .unwrap_or_default()
    }

    /// The penalty clauses whose ids are the numbers named (with the sentence's annex prefix).
    fn clauses_named(&self, refs: &[String], clause: Option<&str>) -> Vec<String> {
        let prefix = clause
            .and_then(|c| c.find('-').map(|i| c[..=i].to_string()))
            .filter(|p| p.starts_with("附件"))
            .unwrap_or_default();
        self.contract
            .clauses
            .iter()
            .filter(|c| matches!(c.rule, Rule::Penalty(_)))
            .filter(|c| {
                refs.iter().any(|r| {
                    let full = format!("{prefix}{r}");
                    c.id == full
                        || c.id.starts_with(&format!("{full}("))
                        || c.id.starts_with(&format!("{full}#"))
                })
            })
            .map(|c| c.id.clone())
            .collect()
    }

    /// Completes what needs every clause: shared caps over all penalties, the payments' sum.
    /// Says which of 甲方/乙方 the text makes the buyer, when it is not the usual 甲方.
    pub fn roles(&mut self, roles: &crate::domain::draft::sent::Roles, sentences: &[Sentence]) {
        use crate::domain::draft::sent::RolesFrom;
        if roles.from == RolesFrom::Assumed {
            // Nothing says which letter buys: the parties read say so.
            let n = note(
                "合同未写明双方角色：按甲方为买方（采购方）、乙方为卖方（供应方）起草",
                "The text does not state the roles: 甲方 drafted as the buyer, 乙方 as the seller",
            );
            for f in self
                .found
                .iter_mut()
                .filter(|f| f.kind == FoundKind::Parties)
            {
                f.notes.push(n.clone());
            }
            return;
        }
        if !roles.swapped {
            return;
        }
        let Some(at) = roles.at.and_then(|n| sentences.get(n)) else {
            return;
        };
        let (confidence, notes) = if roles.from == RolesFrom::Payment {
            (
                Confidence::Low,
                vec![note(
                    "合同未写明双方角色：由乙方支付合同价款推定乙方为买方（采购方），请核对",
                    "The text does not state the roles: 乙方 pays the price, so 乙方 is taken as the buyer; check it",
                )],
            )
        } else {
            (Confidence::High, Vec::new())
        };
        let k = self
            .found
            .iter()
            .position(|f| f.span.start > at.span.start)
            .unwrap_or(self.found.len());
        self.found.insert(
            k,
            Found {
                kind: FoundKind::Parties,
                clause: None,
                span: at.span,
                confidence,
                sentence: label(
                    "本合同乙方为买方（采购方），甲方为卖方（供应方）",
                    "In this contract 乙方 is the buyer and 甲方 the seller",
                ),
                notes,
            },
        );
    }

    pub fn finish(&mut self) {
        for (k, side) in std::mem::take(&mut self.caps_over_all) {
            let ids: Vec<String> = self
                .contract
                .clauses
                .iter()
                .filter(|c| match &c.rule {
                    Rule::Penalty(p) => side.is_none_or(|sd| p.payer.side() == Some(sd)),
                    _ => false,
                })
                .map(|c| c.id.clone())
                .collect();
            if let Some(c) = self.contract.shared_caps.get_mut(k) {
                c.clauses = ids;
            }
        }
        let before = self.contract.shared_caps.len();
        self.contract.shared_caps.retain(|c| !c.clauses.is_empty());
        if self.contract.shared_caps.len() != before {
            let kept: Vec<String> = self
                .contract
                .shared_caps
                .iter()
                .map(|c| c.id.clone())
                .collect();
            let removed: Vec<TextSpan> = self
                .found
                .iter()
                .filter(|f| {
                    f.kind == FoundKind::SharedCap
                        && !f.clause.as_ref().is_some_and(|c| kept.contains(c))
                })
                .map(|f| f.span)
                .collect();
            self.found.retain(|f| {
                f.kind != FoundKind::SharedCap
                    || f.clause.as_ref().is_some_and(|c| kept.contains(c))
            });
            for span in removed {
                self.unread.push(Unread {
                    span,
                    clause: None,
                    signals: vec![super::Signal::PenaltyWord],
                });
            }
            self.unread.sort_by_key(|u| u.span);
        }
        self.payments_sum();
        self.check_slas();
        self.duties_from_service_start();
        let missing = level_fine::handle_within(&mut self.contract);
        self.rerender_by_level();
        for (clause, why) in missing {
            if let Some(f) = self
                .found
                .iter_mut()
                .find(|f| f.clause.as_deref() == Some(clause.as_str()))
            {
                f.notes.push(why);
                f.confidence = Confidence::Low;
            }
        }
    }

    /// Recurring duties of a service run from the agreed start of the service, where the
    /// contract sets one (a deadline to provide the service, 7.2 提供服务): a monthly report is
    /// not due for a month before the service began.
    fn duties_from_service_start(&mut self) {
        let start = self.contract.deadlines.iter().find(|d| {
            let w = &d.label.zh;
            w.contains("提供服务") || w.contains("开始服务") || w.contains("服务开始")
        });
        let Some(due) = start.map(|d| d.due.clone()) else {
            return;
        };
        let why = note(
            "按约定的服务开始日起算：服务开始前的周期不计",
            "Counted from the agreed start of the service: no period before it counts",
        );
        for c in &mut self.contract.clauses {
            let Rule::Obligation(o) = &mut c.rule else {
                continue;
            };
            if !matches!(o.schedule, Schedule::Every { .. }) || o.from.is_some() {
                continue;
            }
            o.from = Some(due.clone());
            for f in self
                .found
                .iter_mut()
                .filter(|f| f.clause.as_deref() == Some(c.id.as_str()))
            {
                f.notes.push(why.clone());
            }
        }
    }

    /// The sentences of fines by level again, now that they know each level's time to handle.
    fn rerender_by_level(&mut self) {
        for c in &self.contract.clauses {
            let Rule::Penalty(p) = &c.rule else { continue };
            let by_level = matches!(&p.formula, Formula::PerOccurrence(o)
                if matches!(o.amount, crate::domain::contract::OccurrenceAmount::ByLevel { .. }));
            if !by_level {
                continue;
            }
            let sentence = canonical::sentence(&c.rule, &self.contract);
            for f in &mut self.found {
                if f.clause.as_deref() == Some(c.id.as_str()) {
                    f.sentence = sentence.clone();
                }
            }
        }
    }

    /// Percentages of the instalments that do not add up to 100% are a finding.
    fn payments_sum(&mut self) {
        let sum: rust_decimal::Decimal = self
            .contract
            .clauses
            .iter()
            .filter_map(|c| match &c.rule {
                Rule::Payment(Milestone {
                    amount: crate::domain::contract::MilestoneAmount::Rate { rate, .. },
                    ..
                }) => Some(rate.fraction()),
                _ => None,
            })
            .sum();
        if sum.is_zero() || sum == rust_decimal::Decimal::ONE {
            return;
        }
        let pct = crate::domain::money::Rate::from_fraction(sum);
        let n = note(
            &format!("各期付款比例合计为{pct}，不是100%：请核对是否有未读出的一期"),
            &format!("The instalments add up to {pct}, not 100%: check for an instalment not read"),
        );
        for f in self
            .found
            .iter_mut()
            .filter(|f| f.kind == FoundKind::Payment)
        {
            f.notes.push(n.clone());
            f.confidence = f.confidence.min(Confidence::Medium);
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

    /// The trigger of a fine per occurrence that names a duty missed (缺少一次, 未按时提交) or a
    /// timer overrun (超时, 未在规定时间内响应): the duty or the timer drafted before it.
    fn trigger_of(&self, s: &Sent) -> Option<Trigger> {
        let root = root_of(s.s.clause.as_deref());
        let near = |c: &&Clause| root_of(Some(&c.id)) == root || root.is_none();
        if s.has(Word::Missed) {
            let ob = self
                .contract
                .clauses
                .iter()
                .rev()
                .filter(near)
                .find(|c| matches!(c.rule, Rule::Obligation(_)))?;
            return Some(Trigger::ObligationMissed {
                obligation: ob.id.clone(),
                include_late: false,
            });
        }
        if !s.has(Word::Overrun) {
            return None;
        }
        let verb = s.toks.iter().find_map(|t| match t.tok {
            Tok::Word(w) if sla::timer_of(w).is_some() => Some(w),
            _ => None,
        })?;
        let (timer, _, _) = sla::timer_of(verb)?;
        let clause =
            self.contract.clauses.iter().rev().find(
                |c| matches!(&c.rule, Rule::Sla(x) if x.timers.iter().any(|t| t.id == timer)),
            )?;
        Some(Trigger::TimerBreached {
            timer: format!("{}/{timer}", clause.id),
        })
    }

    /// A band of a stepped daily rate (拖延一个月以上，甲方每日…5‰) joins the clause's stepped
    /// penalty of the same payer before it: the last open band closes the day before.
    fn join_band(&mut self, s: &Sent, r: &Reading) -> bool {
        let super::Drafted::Penalty(PenaltyDraft { penalty: new, .. }) = &r.what;
        let Formula::PerDay {
            rate: None,
            schedule: more,
            ..
        } = &new.formula
        else {
            return false;
        };
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
        let Formula::PerDay {
            rate: None,
            schedule,
            ..
        } = &mut p.formula
        else {
            return false;
        };
        let Some(first_new) = more.iter().find(|b| !b.rate.fraction().is_zero()) else {
            return false;
        };
        let open_from = schedule.last().map_or(u32::MAX, |b| b.from);
        if !same_clause || p.payer != new.payer || first_new.from <= open_from {
            return false;
        }
        if let Some(b) = schedule.last_mut() {
            b.to = Some(first_new.from - 1);
        }
        schedule.extend(more.iter().filter(|b| b.from >= first_new.from).cloned());
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
            f.confidence = f.confidence.min(r.confidence);
        }
        true
    }

    fn add(&mut self, s: &Sent, r: Reading) {
        if self.join_band(s, &r) {
            return;
        }
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
        if penalty.trigger == Trigger::Occurrence {
            if let Some(t) = self.trigger_of(s) {
                penalty.trigger = t;
            }
        }
        if let Some(level) = self.level_here(s) {
            if level_fine::leveled(&mut penalty, level) {
                self.declare_level(level);
            }
            if self.join_level(s, &penalty, confidence, &notes) {
                return;
            }
        }
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

    /// The level the heading of the sentence's clause names.
    fn level_here(&self, s: &Sent) -> Option<&'static str> {
        self.level
            .as_ref()
            .filter(|(c, _)| *c == s.s.clause)
            .map(|(_, l)| *l)
    }

    /// The last clause, when it is a penalty of the sentence's clause or of a sibling sub-item
    /// (`5.3(1)` for a sentence of `5.3(2)`; `5.3` once sub-items were joined).
    fn last_sibling(&self, s: &Sent) -> Option<usize> {
        let k = self.contract.clauses.len().checked_sub(1)?;
        let last = &self.contract.clauses[k];
        let here = root_of(s.s.clause.as_deref())?;
        let root = root_of(Some(number(&last.id)));
        let sibling = root.as_deref() == Some(here.as_str()) || number(&last.id) == here;
        (sibling && matches!(last.rule, Rule::Penalty(_))).then_some(k)
    }

    /// A sub-item's fine by level joins its sibling's (`level_fine::join`): the clause takes the
    /// parent's number (`5.3`) and the sentence.
    fn join_level(
        &mut self,
        s: &Sent,
        new: &crate::domain::contract::Penalty,
        confidence: Confidence,
        notes: &[crate::domain::contract::Label],
    ) -> bool {
        let Some(k) = self.last_sibling(s) else {
            return false;
        };
        let Rule::Penalty(last) = &mut self.contract.clauses[k].rule else {
            return false;
        };
        if !level_fine::join(last, new) {
            return false;
        }
        let old = self.contract.clauses[k].id.clone();
        let parent = root_of(s.s.clause.as_deref()).unwrap_or_else(|| old.clone());
        let id = if parent != old && !self.contract.clauses.iter().any(|c| c.id == parent) {
            parent
        } else {
            old.clone()
        };
        let clause = &mut self.contract.clauses[k];
        clause.id = id.clone();
        if let Some(text) = &mut clause.text {
            text.push_str(&s.s.text);
        }
        let rule = clause.rule.clone();
        let sentence = canonical::sentence(&rule, &self.contract);
        for f in &mut self.found {
            if f.clause.as_deref() == Some(old.as_str()) {
                f.clause = Some(id.clone());
                f.sentence = sentence.clone();
            }
        }
        self.push_found(
            s,
            FoundKind::Penalty,
            Some(id),
            confidence,
            sentence,
            notes.to_vec(),
        );
        true
    }

    /// A sub-item's sentence on incidents not handled in time (`不能按时处置解决的处罚金额增加
    /// 1%`): a lateness rule of the fine by level before it, for the heading's level.
    fn late_handling(&mut self, s: &Sent) -> bool {
        let Some((readings, notes)) = level_fine::late_readings(s) else {
            return false;
        };
        let Some(k) = self.last_sibling(s) else {
            return false;
        };
        let levels: Vec<String> = match self.level_here(s) {
            Some(l) => vec![l.to_string()],
            None => return false,
        };
        let clause = &mut self.contract.clauses[k];
        let Rule::Penalty(p) = &mut clause.rule else {
            return false;
        };
        if !level_fine::add_late(p, levels, readings) {
            return false;
        }
        if let Some(text) = &mut clause.text {
            text.push_str(&s.s.text);
        }
        let (id, rule) = (clause.id.clone(), clause.rule.clone());
        let sentence = canonical::sentence(&rule, &self.contract);
        for f in &mut self.found {
            if f.clause.as_deref() == Some(id.as_str()) {
                f.sentence = sentence.clone();
            }
        }
        let confidence = match notes.is_empty() {
            true => Confidence::High,
            false => Confidence::Medium,
        };
        self.push_found(s, FoundKind::Penalty, Some(id), confidence, sentence, notes);
        true
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
        // A right of its own line on the same breach (5.5 甲方逾期付款的…违约金。5.6 甲方未按合同约定
        // 支付工程款的，乙方有权不予通电。) completes the penalty before it.
        let same_breach = matches!(p.trigger, Trigger::LatePayment { .. })
            && s.has(Word::Pay)
            && s.actor() == p.payer.side()
            && !s
                .toks
                .iter()
                .any(|t| matches!(t.tok, Tok::Amount(_) | Tok::Rate(_)));
        let joins = same_breach && p.rights.is_empty();
        if !same_clause && !joins {
            return false;
        }
        let mut amended = false;
        if !same_clause {
            let side = p.payer.side().unwrap_or(Side::Seller);
            p.rights = penalty::late_rights(penalty::rights(s, side));
            amended = !p.rights.is_empty();
        }
        if let Formula::PerOccurrence(o) = &mut p.formula {
            if same_clause && o.multipliers.is_empty() {
                o.multipliers = penalty::multipliers(s);
                amended |= !o.multipliers.is_empty();
            }
        }
        if same_clause && p.cap.is_none() && s.has(Word::Cap) {
            p.cap = penalty::cap(s, 0);
            amended |= p.cap.is_some();
        }
        if same_clause && p.interest.is_none() && s.contains("利息") {
            p.interest = penalty::rate_near(s, "利息");
            amended |= p.interest.is_some();
        }
        if same_clause && p.rights.is_empty() {
            let side = p.payer.side().unwrap_or(Side::Seller);
            p.rights = penalty::rights(s, side);
            if matches!(
                p.formula,
                Formula::PerDay { .. } | Formula::PerPeriod { .. }
            ) {
                p.rights = penalty::late_rights(std::mem::take(&mut p.rights));
            }
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

/// The item number of a clause id (`1.2(2)` gives 2).
fn item_of(clause: Option<&str>) -> Option<u32> {
    let c = clause?;
    let open = c.rfind('(')?;
    c[open + 1..].strip_suffix(')')?.parse().ok()
}

/// What a duty sentence says is done: the words after its last time limit (…10个工作日内完成系统部署
/// gives 完成系统部署), up to the next punctuation; at most 16 characters.
fn duty_words(s: &Sent) -> Option<String> {
    let text: Vec<char> = s.s.text.chars().collect();
    let folded: String = s.folded.clone();
    let at = ["内", "前", "之前"]
        .iter()
        .filter_map(|w| {
            folded
                .rfind(w)
                .map(|b| folded[..b].chars().count() + w.chars().count())
        })
        .max()?;
    let rest: String = text
        .get(at..)?
        .iter()
        .take_while(|c| !matches!(c, '，' | ',' | '；' | ';' | '。' | '（' | '(' | '：' | ':'))
        .collect();
    let w = rest.trim().trim_start_matches(['向', '对']).trim();
    let n = w.chars().count();
    (2..=16).contains(&n).then(|| w.to_string())
}

/// A drafted clause's number without its `#n`.
fn number(id: &str) -> &str {
    id.split('#').next().unwrap_or(id)
}

/// A clause id without its item number (`附件2-5.2(1)` gives `附件2-5.2`).
fn root_of(clause: Option<&str>) -> Option<String> {
    let c = clause?;
    Some(match c.rfind('(') {
        Some(open) if c.ends_with(')') => c[..open].to_string(),
        _ => c.to_string(),
    })
}

/// Adds a limit to its timer (a new timer for a new verb); a limit already there is not added
/// twice.
fn merge_limit(rule: &mut Sla, l: sla::LimitDraft) {
    let Some((id, _, _)) = sla::timer_of(l.verb) else {
        return;
    };
    match rule
        .timers
        .iter_mut()
        .find(|t| t.when == l.when && t.id.starts_with(id))
    {
        Some(t) => {
            if !t.limits.contains(&l.limit) {
                t.limits.push(l.limit);
            }
        }
        None => {
            let taken = rule.timers.iter().any(|t| t.id == id);
            rule.timers
                .extend(sla::timer(l.verb, l.limit, l.when).map(|mut t| {
                    if taken {
                        t.id.push_str("-if-remote-failed");
                    }
                    t
                }));
        }
    }
}

/// Clause numbers quoted in a text (“5.3 故障处罚措施”、“5.4.4 需求延期处罚制度”).
fn quoted_numbers(folded: &str) -> Vec<String> {
    folded
        .split(['“', '"', '「', '《'])
        .skip(1)
        .filter_map(|part| {
            let n: String = part
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let n = n.trim_end_matches('.').to_string();
            (!n.is_empty() && n.contains(|c: char| c.is_ascii_digit())).then_some(n)
        })
        .collect()
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
    let words = s.toks[k..].iter().find_map(|t| match t.tok {
        Tok::Amount(a)
            if a == amount
                && s.chars(t.start, t.end)
                    .chars()
                    .any(|c| "壹贰叁肆伍陆柒捌玖拾".contains(c)) =>
        {
            Some(
                s.chars(t.start, t.end)
                    .trim_start_matches("人民币")
                    .trim()
                    .to_string(),
            )
        }
        _ => None,
    });
    let _ = note;
    Some((amount, words))
}
