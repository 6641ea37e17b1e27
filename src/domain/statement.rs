//! The calculation statement (计算说明书): a report laid out for print and signature.
//!
//! [`statement`] builds it as data from the contract, the record, the report and a language:
//! the contract's identity, the totals, the reading chosen for each ambiguous clause (and what
//! the other readings would give), one row per figure with its clause, its amount in figures and
//! in uppercase words and the steps that explain it, the notes, and a signature block for both
//! parties. The page draws it (`ui::views::statement`), the CLI prints it as Markdown
//! ([`statement_markdown`]); neither computes anything. Text comes from [`crate::domain::explain`]
//! and the words from [`crate::domain::money::to_words`]; the worst cases, the net position and
//! the room left under each cap from [`crate::domain::outlook`].
//!
//! Both parties sign it, so it shows what the contract says and what happened, in the reader's
//! language, and nothing of the tool: beside each figure the clause's own wording (where the
//! contract file has it), no internal ids (milestones, obligation instances and readings by their
//! names), the contract's own number (never the file it was read from), missed duties once, in a
//! compact table, and the tool's document checks only when asked ([`Options::checks`]).

use chrono::NaiveDate;

use crate::domain::contract::{Contract, Side};
use crate::domain::escape;
use crate::domain::explain::{self, label, side, steps_text};
use crate::domain::money::{to_words, Amount};
use crate::domain::outlook::{self, Net, Worst};
use crate::domain::report::{
    MilestoneResult, ObligationStatus, PaymentStatus, Report, Severity, Step, TimerStatus,
};
use crate::domain::{Lang, Localize};

/// A label and its value, e.g. 甲方 / the buyer's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Stable, for tests and styles: `title`, `id`, `buyer`, `as_of`…
    pub key: &'static str,
    pub label: String,
    pub value: String,
}

/// An amount with its uppercase words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub amount: Amount,
    /// `¥49,200.00`.
    pub text: String,
    /// `人民币肆万玖仟贰佰元整`; empty when the amount cannot be written (negative, too large).
    pub words: String,
}

impl Figure {
    /// The amount rounded to the fen, in figures and in words.
    pub fn of(amount: Amount) -> Figure {
        let amount = amount.round_fen();
        Figure {
            amount,
            text: amount.format_yuan(),
            words: to_words(amount)
                .map(|w| format!("人民币{w}"))
                .unwrap_or_default(),
        }
    }
}

/// One line of the totals.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    pub key: &'static str,
    pub label: String,
    /// An amount, or `None` for a count.
    pub figure: Option<Figure>,
    /// The count, or the amount's text.
    pub value: String,
}

/// The reading used for an ambiguous clause, and what the others would give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadingChoice {
    pub clause: String,
    pub title: String,
    /// The reading's id (`started`) and its name.
    pub chosen: String,
    pub chosen_label: String,
    pub chosen_total: Figure,
    /// The other readings: name and the clause's total under it.
    pub others: Vec<(String, Figure)>,
}

impl ReadingChoice {
    /// The other readings with their totals, as one line ("name: ¥total；…").
    pub fn others_text(&self) -> String {
        let others: Vec<String> = self
            .others
            .iter()
            .map(|(n, f)| format!("{n}: {}", f.text))
            .collect();
        others.join("；")
    }
}

/// One figure of the statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub clause: String,
    pub title: String,
    /// The clause's wording as the contract gives it, quoted beside the figure.
    pub quote: Option<String>,
    /// The figure, where the row has one (a timer or an obligation may not).
    pub figure: Option<Figure>,
    /// The status or what the row is about, when there is no figure (`已违约`, `未完成`).
    pub note: String,
    /// How it was found, one step a line.
    pub explanation: Vec<String>,
}

/// A part of the statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// Stable: `penalties`, `shared_caps`, `rights`, `payments`, `sla`, `obligations`,
    /// `findings`.
    pub id: &'static str,
    pub title: String,
    pub rows: Vec<Row>,
    /// Said when the section has nothing to list.
    pub empty: String,
}

/// A duty missed or done late, once: every instance's due date in one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duty {
    pub clause: String,
    pub label: String,
    /// 甲方 / Buyer…
    pub party: String,
    /// The due dates of the instances missed.
    pub missed: Vec<NaiveDate>,
    /// The due dates of the instances done late.
    pub late: Vec<NaiveDate>,
}

impl Duty {
    /// Dates as one short text: "2022-07-31、2022-10-31".
    pub fn dates(d: &[NaiveDate], lang: Lang) -> String {
        let v: Vec<String> = d.iter().map(|d| d.to_string()).collect();
        v.join(lang.pick("、", ", "))
    }
}

/// What the statement includes beyond its default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The tool's own checks of the contract text (findings): left out by default, since they
    /// are not what the parties sign.
    pub checks: bool,
}

/// A party's signature block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// 甲方 / Buyer.
    pub party: String,
    /// The name as the contract file gives it.
    pub name: String,
    /// `签字：`, `盖章：`, `日期：` — each followed by a line to write on.
    pub lines: Vec<String>,
}

/// The whole statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    pub lang: Lang,
    /// 计算说明书 / Calculation statement.
    pub heading: String,
    /// The contract's title.
    pub title: String,
    pub as_of: NaiveDate,
    pub identity: Vec<Field>,
    pub totals: Vec<Total>,
    pub readings: Vec<ReadingChoice>,
    /// The position: each side's worst case under the caps, the net between the parties, and
    /// the room left under each cap (with the day it will be reached).
    pub position: Vec<String>,
    pub rooms: Vec<String>,
    pub sections: Vec<Section>,
    /// Duties missed or done late, one row per duty.
    pub duties: Vec<Duty>,
    /// The title of the duties table.
    pub duties_title: String,
    /// The evaluation's warnings.
    pub notes: Vec<String>,
    pub signatures: Vec<Signature>,
    /// What the statement is and is not.
    pub disclaimer: String,
}

fn count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 项"),
        Lang::En => n.to_string(),
    }
}

/// A sum of the report's amounts; `None` when it cannot be computed. (A report the engine made
/// has none such: these are parts of its totals, which it computed checked.)
fn sum<'a>(mut it: impl Iterator<Item = &'a Amount>) -> Option<Amount> {
    it.try_fold(Amount::ZERO, |a, b| a.checked_add(*b))
}

fn reading_name(r: &crate::domain::report::ReadingTotal, lang: Lang) -> String {
    label(&r.label, lang).to_string()
}

/// The clause's own wording, where the contract file has it.
fn quote(contract: &Contract, clause: &str) -> Option<String> {
    contract
        .clauses
        .iter()
        .find(|c| c.id == clause)
        .and_then(|c| c.text.clone())
        .filter(|t| !t.trim().is_empty())
}

/// What a line is for, by its name: a milestone or a deadline by its label, an obligation
/// instance (`clause@date`) by the duty's label and date; an incident or a requirement by the
/// number the record gives it.
pub fn subject_name(contract: &Contract, report: &Report, subject: &str, lang: Lang) -> String {
    if let Some(m) = report.payments.iter().find(|m| m.milestone == subject) {
        return label(&m.label, lang).to_string();
    }
    if let Some(d) = contract.deadlines.iter().find(|d| d.id == subject) {
        return label(&d.label, lang).to_string();
    }
    if let Some((clause, date)) = subject.rsplit_once('@') {
        if let Some(o) = report.obligations.iter().find(|o| o.clause == clause) {
            return format!("{} {date}", label(&o.label, lang));
        }
        if contract.clauses.iter().any(|c| c.id == clause) {
            return date.to_string();
        }
    }
    subject.to_string()
}

/// The statement of `report`, which the engine made from `contract` and a record (the record's
/// facts reach the statement through the report).
///
/// # Example
/// ```
/// # use lvyue::domain::{calendar::Calendar, contract::Contract, events::Events, engine, statement, Lang};
/// # let contract: Contract = serde_json::from_str(r#"{"format": "lvyue-contract/2", "id": "demo",
/// #   "title": "示例", "parties": { "buyer": { "name": "甲" }, "seller": { "name": "乙" } }}"#).unwrap();
/// # let events: Events = serde_json::from_str(r#"{"format": "lvyue-events/2", "as_of": "2023-01-01"}"#).unwrap();
/// let report = engine::evaluate(&contract, &events, &Calendar::china(), &engine::Options::default())?;
/// let s = statement::statement(&contract, &report, Lang::Zh);
/// assert_eq!(s.heading, "计算说明书");
/// assert_eq!(s.signatures[0].party, "甲方");
/// # Ok::<(), engine::EvalError>(())
/// ```
pub fn statement(contract: &Contract, report: &Report, lang: Lang) -> Statement {
    statement_with(contract, report, lang, Options::default())
}

/// The contract's title in the statement's language: the English title in English where the
/// file has one.
pub fn title(contract: &Contract, lang: Lang) -> String {
    match (lang, &contract.title_en) {
        (Lang::En, Some(en)) => en.clone(),
        _ => contract.title.clone(),
    }
}

/// [`statement`] with [`Options`] (the document checks added on request).
pub fn statement_with(
    contract: &Contract,
    report: &Report,
    lang: Lang,
    options: Options,
) -> Statement {
    let mut identity = vec![Field {
        key: "title",
        label: lang.pick("合同名称", "Contract").into(),
        value: title(contract, lang),
    }];
    if let Some(n) = contract.number.as_ref().filter(|n| !n.trim().is_empty()) {
        identity.push(Field {
            key: "number",
            label: lang.pick("合同编号", "Contract number").into(),
            value: n.clone(),
        });
    }
    identity.push(Field {
        key: "buyer",
        label: lang.pick("甲方", "Buyer").into(),
        value: contract.parties.buyer.name.clone(),
    });
    identity.push(Field {
        key: "seller",
        label: lang.pick("乙方", "Seller").into(),
        value: contract.parties.seller.name.clone(),
    });
    if let Some(total) = contract.total {
        let f = Figure::of(total);
        identity.push(Field {
            key: "total",
            label: lang.pick("合同金额", "Contract total").into(),
            value: format!("{}（{}）", f.text, f.words),
        });
    }
    if let Some(t) = &report.term {
        identity.push(Field {
            key: "term",
            label: lang.pick("合同期限", "Term").into(),
            value: match lang {
                Lang::Zh => format!("{} 至 {}（第 {} 条）", t.start, t.end, t.clause),
                Lang::En => format!("{} to {} (clause {})", t.start, t.end, t.clause),
            },
        });
    }
    identity.push(Field {
        key: "as_of",
        label: lang.pick("计算基准日", "As of").into(),
        value: report.as_of.to_string(),
    });

    let outlook = outlook::outlook(report, Some(contract));
    let interest = sum(report.payments.iter().map(|m| &m.interest));
    let late_penalty = sum(report.payments.iter().map(|m| &m.penalty));
    let caps = report
        .penalties
        .iter()
        .filter(|c| c.cap.as_ref().is_some_and(|cap| cap.reached_on.is_some()))
        .count()
        + report
            .shared_caps
            .iter()
            .filter(|c| c.reached_on.is_some())
            .count();
    let due = report
        .payments
        .iter()
        .filter(|m| matches!(m.status, PaymentStatus::Due | PaymentStatus::Overdue))
        .count();
    let late = report
        .payments
        .iter()
        .filter(|m| matches!(m.status, PaymentStatus::Overdue | PaymentStatus::PaidLate))
        .count();
    let breaches = report
        .sla
        .iter()
        .filter(|t| matches!(t.status, TimerStatus::Breached | TimerStatus::Overdue))
        .count();
    let missed = report
        .obligations
        .iter()
        .filter(|o| o.status == ObligationStatus::Missed)
        .count();
    let money = |key: &'static str, zh: &str, en: &str, a: Amount| {
        let f = Figure::of(a);
        Total {
            key,
            label: lang.pick(zh, en).to_string(),
            value: f.text.clone(),
            figure: Some(f),
        }
    };
    let summed = |key: &'static str, zh: &str, en: &str, a: Option<Amount>| match a {
        Some(a) => money(key, zh, en, a),
        None => Total {
            key,
            label: lang.pick(zh, en).to_string(),
            figure: None,
            value: lang.pick("超出可计算范围", "too large to compute").into(),
        },
    };
    let counted = |key: &'static str, zh: &str, en: &str, n: usize| Total {
        key,
        label: lang.pick(zh, en).to_string(),
        figure: None,
        value: count(n, lang),
    };
    let totals = vec![
        money(
            "seller_pays",
            "乙方应付违约金合计",
            "Penalties the seller pays",
            report.totals.seller_pays,
        ),
        money(
            "buyer_pays",
            "甲方应付违约金合计",
            "Penalties the buyer pays",
            report.totals.buyer_pays,
        ),
        summed(
            "late_payment_penalty",
            "其中逾期付款违约金",
            "of which late-payment penalties",
            late_penalty,
        ),
        summed(
            "interest",
            "逾期付款利息",
            "Late-payment interest",
            interest,
        ),
        worst_total(
            "worst_seller",
            lang.pick(
                "乙方最多应付（各上限合计）",
                "Most the seller can owe (caps together)",
            ),
            &outlook.worst[0],
            lang,
        ),
        worst_total(
            "worst_buyer",
            lang.pick(
                "甲方最多应付（各上限合计）",
                "Most the buyer can owe (caps together)",
            ),
            &outlook.worst[1],
            lang,
        ),
        net_total(&outlook.net, lang),
        counted("caps", "已达上限的条款", "Caps reached", caps),
        counted("payments_due", "已到期未付的付款", "Payments due", due),
        counted("payments_late", "逾期的付款", "Payments late", late),
        counted("sla_breaches", "服务时限违约", "SLA breaches", breaches),
        counted(
            "obligations_missed",
            "未履行的义务",
            "Obligations missed",
            missed,
        ),
    ];

    let readings = report
        .penalties
        .iter()
        .filter(|c| c.readings.len() > 1)
        .filter_map(|c| {
            let used = c.readings.iter().find(|r| r.used)?;
            Some(ReadingChoice {
                clause: c.clause.clone(),
                title: label(&c.title, lang).to_string(),
                chosen: used.reading.clone(),
                chosen_label: reading_name(used, lang),
                chosen_total: Figure::of(used.total),
                others: c
                    .readings
                    .iter()
                    .filter(|r| !r.used)
                    .map(|r| (reading_name(r, lang), Figure::of(r.total)))
                    .collect(),
            })
        })
        .collect();

    let names = Names::of(contract, report, lang);
    let mut sections = Vec::new();
    let penalties = report
        .penalties
        .iter()
        .map(|c| {
            let mut explanation: Vec<String> = c
                .lines
                .iter()
                .map(|l| {
                    let name = subject_name(contract, report, &l.subject, lang);
                    // A line the shared cap took whole: said in a few words (the cap's row
                    // says how it was used up).
                    let steps = match outlook::shared_cut(report, l) {
                        Some((cap, _, before, after)) if after.is_zero() => match lang {
                            Lang::Zh => {
                                format!("封顶前 {}，共同上限 {cap} 已用尽", before.format_yuan())
                            }
                            Lang::En => format!(
                                "{} before caps; shared cap {cap} used up",
                                before.format_yuan()
                            ),
                        },
                        _ => names.apply(&line_steps(&l.steps, lang)),
                    };
                    let mut s = match (lang, name == l.date.to_string()) {
                        (_, true) => format!(
                            "{name}{}{} — {steps}",
                            lang.pick("：", ": "),
                            l.amount.format_yuan()
                        ),
                        (Lang::Zh, false) => {
                            format!("{name}（{}）：{} — {steps}", l.date, l.amount.format_yuan())
                        }
                        (Lang::En, false) => {
                            format!("{name} ({}): {} — {steps}", l.date, l.amount.format_yuan())
                        }
                    };
                    for t in outlook::line_timers(report, l) {
                        s.push_str(lang.pick("；", "; "));
                        s.push_str(&outlook::timer_outcome(t, lang));
                    }
                    s
                })
                .collect();
            if let Some(cap) = &c.cap {
                explanation.push(format!(
                    "{} {}{}{}",
                    lang.pick("上限", "Cap"),
                    cap.limit.format_yuan(),
                    cap.reached_on
                        .map(|d| format!(" ({} {d})", lang.pick("达到于", "reached on")))
                        .unwrap_or_default(),
                    if cap.steps.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", steps_text(&cap.steps, lang))
                    }
                ));
            }
            if c.total != c.uncapped {
                explanation.push(format!(
                    "{} {}",
                    lang.pick("封顶前", "Before caps"),
                    c.uncapped.format_yuan()
                ));
            }
            // (The readings of an ambiguous clause are in the readings table, once.)
            Row {
                clause: c.clause.clone(),
                title: match lang {
                    Lang::Zh => format!("{}（{}）", label(&c.title, lang), side(c.payer, lang)),
                    Lang::En => format!("{} ({})", label(&c.title, lang), side(c.payer, lang)),
                },
                quote: quote(contract, &c.clause),
                figure: Some(Figure::of(c.total)),
                note: String::new(),
                explanation,
            }
        })
        .collect();
    sections.push(Section {
        id: "penalties",
        title: lang.pick("违约金", "Penalties").into(),
        rows: penalties,
        empty: lang
            .pick("合同无违约金条款。", "The contract has no penalty clause.")
            .into(),
    });
    if !report.shared_caps.is_empty() {
        sections.push(Section {
            id: "shared_caps",
            title: lang.pick("共同上限", "Shared caps").into(),
            rows: report
                .shared_caps
                .iter()
                .map(|c| Row {
                    clause: c.id.clone(),
                    title: label(&c.label, lang).to_string(),
                    quote: quote(contract, &c.id),
                    figure: Some(Figure::of(c.after)),
                    note: String::new(),
                    explanation: vec![format!(
                        "{} {}；{} {}；{} {}{}",
                        lang.pick("共同适用的条款", "clauses"),
                        c.clauses.join(lang.pick("、", ", ")),
                        lang.pick("上限", "cap"),
                        c.limit.format_yuan(),
                        lang.pick("封顶前", "before the cap"),
                        c.before.format_yuan(),
                        c.reached_on
                            .map(|d| format!("；{} {d}", lang.pick("达到于", "reached on")))
                            .unwrap_or_default()
                    )],
                })
                .collect(),
            empty: String::new(),
        });
    }
    let rights: Vec<Row> = report
        .penalties
        .iter()
        .flat_map(|c| &c.rights)
        .chain(&report.rights)
        .filter(|r| r.arises.is_some())
        .map(|r| Row {
            clause: r.clause.clone(),
            title: format!(
                "{}{}",
                side(r.holder, lang),
                match lang {
                    Lang::Zh => format!("有权{}", explain::right_name(r.right, lang)),
                    Lang::En => format!(" may {}", explain::right_name(r.right, lang)),
                }
            ),
            quote: None,
            figure: None,
            note: r.arises.map(|d| d.to_string()).unwrap_or_default(),
            explanation: vec![explain::right_line(r, lang)],
        })
        .collect();
    sections.push(Section {
        id: "rights",
        title: lang.pick("已产生的权利", "Rights that have arisen").into(),
        rows: rights,
        empty: lang.pick("无。", "None.").into(),
    });
    sections.push(Section {
        id: "payments",
        title: lang.pick("付款", "Payments").into(),
        rows: report
            .payments
            .iter()
            .map(|m| {
                let mut explanation = vec![payment_line(m, lang)];
                if !m.penalty.is_zero() || !m.interest.is_zero() {
                    explanation.push(format!(
                        "{} {}（{}），{} {}（{}）",
                        lang.pick("逾期付款违约金", "late-payment penalty"),
                        m.penalty.format_yuan(),
                        Figure::of(m.penalty).words,
                        lang.pick("利息", "interest"),
                        m.interest.format_yuan(),
                        Figure::of(m.interest).words,
                    ));
                }
                Row {
                    clause: m.clause.clone(),
                    title: label(&m.label, lang).to_string(),
                    quote: quote(contract, &m.clause),
                    figure: m.amount.map(Figure::of),
                    note: explain::payment_status(m.status, lang).to_string(),
                    explanation,
                }
            })
            .collect(),
        empty: lang.pick("无付款节点。", "No payment milestones.").into(),
    });
    let timers: Vec<Row> = report
        .sla
        .iter()
        .filter(|t| matches!(t.status, TimerStatus::Breached | TimerStatus::Overdue))
        .map(|t| Row {
            clause: t.clause.clone(),
            title: format!("{} {}", t.subject, outlook::timer_outcome(t, lang)),
            quote: None,
            figure: None,
            note: explain::timer_status(t.status, lang).to_string(),
            explanation: Vec::new(),
        })
        .collect();
    let met = report.sla.len() - timers.len();
    sections.push(Section {
        id: "sla",
        title: match lang {
            Lang::Zh => format!("服务时限违约（另有 {met} 项按时或未到期）"),
            Lang::En => format!("SLA breaches ({met} other timers met, excused or running)"),
        },
        rows: timers,
        empty: lang.pick("无违约。", "No breach.").into(),
    });
    let duties = duties(report, lang);
    if options.checks {
        sections.push(Section {
            id: "findings",
            title: lang.pick("合同文本检查", "Document findings").into(),
            rows: report
                .findings
                .iter()
                .map(|f| Row {
                    clause: f.clauses.join(", "),
                    title: explain_severity(f.severity, lang).into(),
                    quote: None,
                    figure: None,
                    note: String::new(),
                    explanation: vec![f.localize(lang)],
                })
                .collect(),
            empty: lang.pick("无。", "None.").into(),
        });
    }

    let party = |s: Side, name: &str| Signature {
        party: match (lang, s) {
            (Lang::Zh, _) => side(s, lang).to_string(),
            (Lang::En, Side::Buyer) => "Buyer".into(),
            (Lang::En, Side::Seller) => "Seller".into(),
        },
        name: name.to_string(),
        lines: vec![
            lang.pick("签字：", "Signature:").into(),
            lang.pick("盖章：", "Seal:").into(),
            lang.pick("日期：", "Date:").into(),
        ],
    };
    Statement {
        lang,
        heading: lang.pick("计算说明书", "Calculation statement").into(),
        title: title(contract, lang),
        as_of: report.as_of,
        identity,
        totals,
        readings,
        position: vec![
            outlook::worst_or_error(&outlook.worst[0], lang),
            outlook::worst_or_error(&outlook.worst[1], lang),
            outlook::net_line(&outlook.net, lang),
        ],
        rooms: outlook
            .rooms
            .iter()
            .map(|r| outlook::room_line(r, lang))
            .collect(),
        sections,
        duties,
        duties_title: lang
            .pick("未履行或逾期履行的义务", "Duties missed or done late")
            .into(),
        notes: report.warnings.iter().map(|w| w.localize(lang)).collect(),
        signatures: vec![
            party(Side::Buyer, &contract.parties.buyer.name),
            party(Side::Seller, &contract.parties.seller.name),
        ],
        disclaimer: match lang {
            Lang::Zh => format!(
                "本说明书依据合同条款与履约记录计算生成，计算基准日为 {}；金额按条款约定计算并四舍五入至分，仅供双方核对，不构成法律意见。",
                report.as_of
            ),
            Lang::En => format!(
                "Computed by lvyue from the contract file and the record, as of {}; amounts follow the clauses and are rounded half-up to the fen. For both parties to check; not legal advice.",
                report.as_of
            ),
        },
    }
}

/// The steps of a penalty line for the statement: the clause and the dates it found are said
/// by the row itself, so they are left out.
fn line_steps(steps: &[Step], lang: Lang) -> String {
    let kept: Vec<Step> = steps
        .iter()
        .filter(|s| !matches!(s, Step::Trigger { .. } | Step::DateFound { .. }))
        .cloned()
        .collect();
    steps_text(&kept, lang)
}

/// The names of what the explanation's words quote by id (a reading, a level), and the words
/// for a factor the contract gives no name: the statement is signed, so it says names.
struct Names {
    pairs: Vec<(String, String)>,
    lang: Lang,
}

impl Names {
    fn of(contract: &Contract, report: &Report, lang: Lang) -> Names {
        let q = |id: &str| match lang {
            Lang::Zh => format!("“{id}”"),
            Lang::En => format!("\"{id}\""),
        };
        let mut pairs = Vec::new();
        for c in &report.penalties {
            for r in &c.readings {
                pairs.push((q(&r.reading), q(label(&r.label, lang))));
            }
        }
        // Everything else the contract names with an id and a label (levels, the readings of a
        // late-handling rule, deadlines, kinds…).
        if let Ok(v) = serde_json::to_value(contract) {
            let mut named = Vec::new();
            labelled(&v, &mut named);
            for (id, l) in named {
                pairs.push((q(&id), q(label(&l, lang))));
            }
        }
        Names { pairs, lang }
    }

    /// `text` with every id it quotes said by its name; a multiplying factor the contract does
    /// not name is said as "an aggravating circumstance".
    fn apply(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (id, name) in &self.pairs {
            out = out.replace(id.as_str(), name);
        }
        let (open, close, said) = match self.lang {
            Lang::Zh => ("因“", "”乘以", "因约定的加重情形乘以"),
            Lang::En => (
                "Because of \"",
                "\", ×",
                "For an aggravating circumstance, ×",
            ),
        };
        while let Some(a) = out.find(open) {
            let Some(b) = out[a + open.len()..].find(close) else {
                break;
            };
            let end = a + open.len() + b + close.len();
            out.replace_range(a..end, said);
        }
        out
    }
}

/// Every object of `v` with a string `id` and a `label` ({zh, en}), in document order.
fn labelled(v: &serde_json::Value, out: &mut Vec<(String, crate::domain::contract::Label)>) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(serde_json::Value::String(id)), Some(l)) = (m.get("id"), m.get("label")) {
                if let Ok(l) = serde_json::from_value(l.clone()) {
                    out.push((id.clone(), l));
                }
            }
            for x in m.values() {
                labelled(x, out);
            }
        }
        serde_json::Value::Array(a) => {
            for x in a {
                labelled(x, out);
            }
        }
        _ => {}
    }
}

/// A total of a side's worst case: its bound, "no overall cap", or the error that kept it from
/// being computed.
fn worst_total(
    key: &'static str,
    label: &str,
    w: &Result<Worst, crate::domain::engine::EvalError>,
    lang: Lang,
) -> Total {
    let w = match w {
        Ok(w) => w,
        Err(e) => {
            return Total {
                key,
                label: label.into(),
                figure: None,
                value: e.localize(lang),
            }
        }
    };
    match w.bound() {
        Some(b) => {
            let f = Figure::of(b);
            Total {
                key,
                label: label.into(),
                value: f.text.clone(),
                figure: Some(f),
            }
        }
        None => Total {
            key,
            label: label.into(),
            figure: None,
            value: lang.pick("无总上限", "no overall cap").into(),
        },
    }
}

/// The net position as a total: who pays whom, and how much.
fn net_total(n: &Net, lang: Lang) -> Total {
    let label = match n.payer {
        Some(p) => match lang {
            Lang::Zh => format!("相抵后{}净付{}", side(p, lang), side(other(p), lang)),
            Lang::En => format!(
                "Net: the {} pays the {}",
                side(p, lang),
                side(other(p), lang)
            ),
        },
        None => lang.pick("相抵后净额", "Net between the parties").into(),
    };
    let f = Figure::of(n.amount);
    Total {
        key: "net",
        label,
        value: f.text.clone(),
        figure: Some(f),
    }
}

fn other(s: Side) -> Side {
    match s {
        Side::Buyer => Side::Seller,
        Side::Seller => Side::Buyer,
    }
}

fn explain_severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "Error"),
        Severity::Warning => lang.pick("提示", "Warning"),
        Severity::Info => lang.pick("说明", "Note"),
    }
}

/// A milestone in one line, by its name: amount, due date, status, paid, net payable.
fn payment_line(m: &MilestoneResult, lang: Lang) -> String {
    let amount = m
        .amount
        .map(|a| a.format_yuan())
        .unwrap_or_else(|| lang.pick("待定", "pending").into());
    let due = m
        .due
        .map(|d| d.to_string())
        .unwrap_or_else(|| lang.pick("待定", "pending").into());
    match lang {
        Lang::Zh => format!(
            "{amount}，{due} 到期，{}；已付 {}，净应付 {}",
            explain::payment_status(m.status, lang),
            m.paid.format_yuan(),
            m.net_payable.format_yuan()
        ),
        Lang::En => format!(
            "{amount}, due {due}, {}; paid {}, net payable {}",
            explain::payment_status(m.status, lang),
            m.paid.format_yuan(),
            m.net_payable.format_yuan()
        ),
    }
}

/// Duties missed or done late, one row per duty (its clause and label), in the report's order.
fn duties(report: &Report, lang: Lang) -> Vec<Duty> {
    let mut out: Vec<Duty> = Vec::new();
    for o in report.obligations.iter().filter(|o| {
        matches!(
            o.status,
            ObligationStatus::Missed | ObligationStatus::DoneLate
        )
    }) {
        let name = label(&o.label, lang).to_string();
        let i = match out
            .iter()
            .position(|d| d.clause == o.clause && d.label == name)
        {
            Some(i) => i,
            None => {
                out.push(Duty {
                    clause: o.clause.clone(),
                    label: name,
                    party: side(o.party, lang).into(),
                    missed: Vec::new(),
                    late: Vec::new(),
                });
                out.len() - 1
            }
        };
        if o.status == ObligationStatus::Missed {
            out[i].missed.push(o.due);
        } else {
            out[i].late.push(o.due);
        }
    }
    out
}

/// The title of the position (worst cases and net).
pub fn position_title(lang: Lang) -> &'static str {
    lang.pick("双方风险与净额", "Worst cases and net position")
}

/// The title of the rooms left under the caps.
pub fn rooms_title(lang: Lang) -> &'static str {
    lang.pick("各上限余额", "Room left under each cap")
}

/// The duties table's column headers.
pub fn duty_headers(lang: Lang) -> [&'static str; 5] {
    [
        lang.pick("条款", "Clause"),
        lang.pick("义务", "Duty"),
        lang.pick("义务方", "Party"),
        lang.pick("未履行（应履行日）", "Missed (due)"),
        lang.pick("逾期履行（应履行日）", "Done late (due)"),
    ]
}

/// Any text in Markdown: [`escape::md_text`], the one escaping of every Markdown writer.
fn md(s: &str) -> String {
    escape::md_text(s)
}

/// The statement as Markdown, for the CLI (`lvyue eval … --format statement`). Every text in
/// it passes [`md`]: a contract string is shown as text, never as markup.
pub fn statement_markdown(s: &Statement) -> String {
    let lang = s.lang;
    let mut out = format!("# {}\n\n## {}\n\n", md(&s.heading), md(&s.title));
    for f in &s.identity {
        out.push_str(&format!(
            "- {}{}{}\n",
            md(&f.label),
            lang.pick("：", ": "),
            md(&f.value)
        ));
    }
    out.push_str(&format!("\n## {}\n\n", lang.pick("合计", "Totals")));
    for t in &s.totals {
        match &t.figure {
            Some(f) => out.push_str(&format!(
                "- {}{}{}{}{}{}\n",
                md(&t.label),
                lang.pick("：", ": "),
                md(&f.text),
                lang.pick("（", " ("),
                md(&f.words),
                lang.pick("）", ")")
            )),
            None => out.push_str(&format!(
                "- {}{}{}\n",
                md(&t.label),
                lang.pick("：", ": "),
                md(&t.value)
            )),
        }
    }
    if !s.readings.is_empty() {
        out.push_str(&format!(
            "\n## {}\n\n",
            lang.pick("有歧义条款的解读", "Readings of ambiguous clauses")
        ));
        for r in &s.readings {
            let others = lang.pick("其他解读：", "other readings: ").to_string() + &r.others_text();
            out.push_str(&match lang {
                Lang::Zh => format!(
                    "- {} {}：采用 {}，{}（{}）\n",
                    md(&r.clause),
                    md(&r.title),
                    md(&r.chosen_label),
                    md(&r.chosen_total.text),
                    md(&others)
                ),
                Lang::En => format!(
                    "- {} {}: used {}, {} ({})\n",
                    md(&r.clause),
                    md(&r.title),
                    md(&r.chosen_label),
                    md(&r.chosen_total.text),
                    md(&others)
                ),
            });
        }
    }
    out.push_str(&format!("\n## {}\n\n", md(position_title(lang))));
    for p in &s.position {
        out.push_str(&format!("- {}\n", md(p)));
    }
    if !s.rooms.is_empty() {
        out.push_str(&format!("\n## {}\n\n", md(rooms_title(lang))));
        for r in &s.rooms {
            out.push_str(&format!("- {}\n", md(r)));
        }
    }
    for sec in &s.sections {
        out.push_str(&format!("\n## {}\n\n", md(&sec.title)));
        if sec.rows.is_empty() {
            out.push_str(&format!("{}\n", md(&sec.empty)));
            continue;
        }
        for r in &sec.rows {
            let fig = match &r.figure {
                Some(f) if lang == Lang::En => format!("**{}** ({})", md(&f.text), md(&f.words)),
                Some(f) => format!("**{}**（{}）", md(&f.text), md(&f.words)),
                None => md(&r.note),
            };
            out.push_str(&format!(
                "### {} {} — {}\n\n",
                md(&r.clause),
                md(&r.title),
                fig
            ));
            if let Some(q) = &r.quote {
                out.push_str(&format!(
                    "- {}“{}”\n",
                    lang.pick("条款原文：", "Clause wording: "),
                    md(q)
                ));
            }
            for e in &r.explanation {
                out.push_str(&format!("- {}\n", md(e)));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("\n## {}\n\n", md(&s.duties_title)));
    if s.duties.is_empty() {
        out.push_str(&format!("{}\n", md(lang.pick("无。", "None."))));
    } else {
        let h = duty_headers(lang);
        out.push_str(&format!(
            "| {} |\n|{}\n",
            h.join(" | "),
            "---|".repeat(h.len())
        ));
        for d in &s.duties {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                md(&d.clause),
                md(&d.label),
                md(&d.party),
                md(&Duty::dates(&d.missed, lang)),
                md(&Duty::dates(&d.late, lang))
            ));
        }
    }
    if !s.notes.is_empty() {
        out.push_str(&format!("\n## {}\n\n", lang.pick("计算提示", "Notes")));
        for n in &s.notes {
            out.push_str(&format!("- {}\n", md(n)));
        }
    }
    out.push_str(&format!("\n{}\n\n", md(&s.disclaimer)));
    for sig in &s.signatures {
        out.push_str(&format!(
            "**{}**{}{}\n\n",
            md(&sig.party),
            lang.pick("：", ": "),
            md(&sig.name)
        ));
        for l in &sig.lines {
            out.push_str(&format!("{} ________________________\n\n", md(l)));
        }
    }
    out
}
