//! The calculation statement (计算说明书): a report laid out for print and signature.
//!
//! [`statement`] builds it as data from the contract, the record, the report and a language:
//! the contract's identity, the totals, the reading chosen for each ambiguous clause (and what
//! the other readings would give), one row per figure with its clause, its amount in figures and
//! in uppercase words and the steps that explain it, the notes, and a signature block for both
//! parties. The page draws it (`ui::views::statement`), the CLI prints it as Markdown
//! ([`statement_markdown`]); neither computes anything. Text comes from [`crate::domain::explain`]
//! and the words from [`crate::domain::money::to_words`].

use chrono::NaiveDate;

use crate::domain::contract::{Contract, Side};
use crate::domain::escape;
use crate::domain::explain::{self, label, side};
use crate::domain::money::{to_words, Amount};
use crate::domain::report::{ObligationStatus, PaymentStatus, Report, TimerStatus};
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
    pub sections: Vec<Section>,
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
    // What the statement calls the contract's names (no internal id reaches a signatory).
    let names = crate::domain::labels::Labels::of_report(contract, report);
    let mut identity = vec![Field {
        key: "title",
        label: lang.pick("合同名称", "Contract").into(),
        value: match (lang, &contract.title_en) {
            (Lang::En, Some(en)) => format!("{} ({en})", contract.title),
            _ => contract.title.clone(),
        },
    }];
    identity.push(Field {
        key: "id",
        label: lang.pick("合同标识", "Contract id").into(),
        value: contract.id.clone(),
    });
    if let Some(src) = &contract.source {
        identity.push(Field {
            key: "source",
            label: lang.pick("来源 / 合同编号", "Source / number").into(),
            value: src.clone(),
        });
    }
    identity.push(Field {
        key: "buyer",
        label: lang.pick("甲方", "Buyer (甲方)").into(),
        value: contract.parties.buyer.name.clone(),
    });
    identity.push(Field {
        key: "seller",
        label: lang.pick("乙方", "Seller (乙方)").into(),
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

    let mut sections = Vec::new();
    let penalties = report
        .penalties
        .iter()
        .map(|c| {
            let mut explanation: Vec<String> = c
                .lines
                .iter()
                .map(|l| {
                    format!(
                        "{} ({}): {} — {}",
                        names.subject(&l.subject, lang),
                        l.date,
                        l.amount.format_yuan(),
                        names.steps(&l.steps, lang)
                    )
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
                        format!(" — {}", names.steps(&cap.steps, lang))
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
            for rt in &c.readings {
                explanation.push(format!(
                    "{} {}: {}{}",
                    lang.pick("解读", "Reading"),
                    reading_name(rt, lang),
                    rt.total.format_yuan(),
                    if rt.used {
                        lang.pick("（采用）", " (used)")
                    } else {
                        ""
                    }
                ));
            }
            Row {
                clause: c.clause.clone(),
                title: format!("{}（{}）", label(&c.title, lang), side(c.payer, lang)),
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
                    clause: c.clauses.join(", "),
                    title: label(&c.label, lang).to_string(),
                    figure: Some(Figure::of(c.after)),
                    note: String::new(),
                    explanation: vec![format!(
                        "{} {}；{} {}{}",
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
                let mut explanation = vec![explain::milestone_line(m, lang)];
                let steps = names.steps(&m.steps, lang);
                if !steps.is_empty() {
                    explanation.push(steps);
                }
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
            title: format!("{} {}", t.subject, label(&t.label, lang)),
            figure: None,
            note: explain::timer_status(t.status, lang).to_string(),
            explanation: vec![names.timer_line(t, lang), names.steps(&t.steps, lang)],
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
    let missed_rows: Vec<Row> = report
        .obligations
        .iter()
        .filter(|o| {
            matches!(
                o.status,
                ObligationStatus::Missed | ObligationStatus::DoneLate
            )
        })
        .map(|o| Row {
            clause: o.clause.clone(),
            title: format!("{}（{}）", label(&o.label, lang), side(o.party, lang)),
            figure: None,
            note: explain::obligation_status(o.status, lang).to_string(),
            explanation: vec![explain::obligation_line(o, lang)],
        })
        .collect();
    sections.push(Section {
        id: "obligations",
        title: lang
            .pick("未履行或逾期履行的义务", "Obligations missed or late")
            .into(),
        rows: missed_rows,
        empty: lang.pick("无。", "None.").into(),
    });
    sections.push(Section {
        id: "findings",
        title: lang.pick("合同文本检查", "Document findings").into(),
        rows: report
            .findings
            .iter()
            .map(|f| Row {
                clause: f.clauses.join(", "),
                title: String::new(),
                figure: None,
                note: String::new(),
                explanation: vec![f.localize(lang)],
            })
            .collect(),
        empty: lang.pick("无。", "None.").into(),
    });

    let party = |s: Side, name: &str| Signature {
        party: side(s, Lang::Zh).to_string()
            + match (lang, s) {
                (Lang::Zh, _) => "",
                (Lang::En, Side::Buyer) => " (buyer)",
                (Lang::En, Side::Seller) => " (seller)",
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
        title: contract.title.clone(),
        as_of: report.as_of,
        identity,
        totals,
        readings,
        sections,
        notes: report.warnings.iter().map(|w| w.localize(lang)).collect(),
        signatures: vec![
            party(Side::Buyer, &contract.parties.buyer.name),
            party(Side::Seller, &contract.parties.seller.name),
        ],
        disclaimer: match lang {
            Lang::Zh => format!(
                "本说明书由履约 lvyue 依据合同文件与履约记录计算生成，计算基准日为 {}；金额按条款约定计算并四舍五入至分，仅供双方核对，不构成法律意见。",
                report.as_of
            ),
            Lang::En => format!(
                "Computed by lvyue from the contract file and the record, as of {}; amounts follow the clauses and are rounded half-up to the fen. For both parties to check; not legal advice.",
                report.as_of
            ),
        },
    }
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
        out.push_str(&format!("- {}：{}\n", md(&f.label), md(&f.value)));
    }
    out.push_str(&format!("\n## {}\n\n", lang.pick("合计", "Totals")));
    for t in &s.totals {
        match &t.figure {
            Some(f) => out.push_str(&format!(
                "- {}：{}（{}）\n",
                md(&t.label),
                md(&f.text),
                md(&f.words)
            )),
            None => out.push_str(&format!("- {}：{}\n", md(&t.label), md(&t.value))),
        }
    }
    if !s.readings.is_empty() {
        out.push_str(&format!(
            "\n## {}\n\n",
            lang.pick("有歧义条款的解读", "Readings of ambiguous clauses")
        ));
        for r in &s.readings {
            out.push_str(&format!(
                "- {} {}：{} {}，{}（{}）\n",
                md(&r.clause),
                md(&r.title),
                lang.pick("采用", "used"),
                md(&r.chosen_label),
                md(&r.chosen_total.text),
                md(&(lang.pick("其他解读：", "other readings: ").to_string() + &r.others_text()))
            ));
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
                Some(f) => format!("**{}**（{}）", md(&f.text), md(&f.words)),
                None => md(&r.note),
            };
            out.push_str(&format!(
                "### {} {} — {}\n\n",
                md(&r.clause),
                md(&r.title),
                fig
            ));
            for e in &r.explanation {
                out.push_str(&format!("- {}\n", md(e)));
            }
            out.push('\n');
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
        out.push_str(&format!("**{}**：{}\n\n", md(&sig.party), md(&sig.name)));
        for l in &sig.lines {
            out.push_str(&format!("{} ________________________\n\n", md(l)));
        }
    }
    out
}
