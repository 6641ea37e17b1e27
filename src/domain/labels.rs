//! The one vocabulary of labels: what the page, the statement and the exports call the things a
//! contract names, so that no internal id (`service`, `m1`, `especially_major`, `plus-1-point`,
//! `附件2-5.5.2(1)@2022-09-14`) reaches a reader in either language.
//!
//! The report carries ids, because ids are what files, URLs and tests refer to. Whoever draws
//! the report for a person asks [`Labels`] — built once from the contract (every declared name
//! with its label: items, events, levels, deadlines, kinds with their moments, facts and choice
//! options, milestones, timers, readings, shared caps, clauses) and the report (the readings it
//! priced) — for a name's words. Where the contract gives no label the words are derived
//! ([`derive`]: a clause number, a milestone's number, the words of a small table), never the id
//! as written. [`Labels::step`] says an explanation step with its ids replaced by their labels.

use serde_json::Value;

use crate::domain::contract::{Contract, Label};
use crate::domain::report::{Report, Step};
use crate::domain::{Lang, Localize};

/// Every name a contract declares, with its label. Plain lists, searched in order: a contract
/// declares a few hundred names at most, and a map type of its own would cost the page's size
/// more than the lookups cost time (`docs/size.md`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    /// Declared names (items, events, levels, deadlines, kinds, moments, facts, options,
    /// milestones, timers, readings, shared caps…): the first declaration of an id wins.
    names: Vec<(String, Label)>,
    /// Clause ids with their titles.
    clauses: Vec<(String, Label)>,
    /// The contract's title (English where it has one) and its own number (合同编号): what a
    /// reader calls the contract, never its file's id.
    contract: Option<(Label, Option<String>)>,
}

/// The label of `id` in a list of names (the first one).
fn find<'a>(list: &'a [(String, Label)], id: &str) -> Option<&'a Label> {
    list.iter().find(|(k, _)| k == id).map(|(_, l)| l)
}

/// Adds `id` unless the list has it.
fn add(list: &mut Vec<(String, Label)>, id: &str, l: Label) {
    if find(list, id).is_none() {
        list.push((id.to_string(), l));
    }
}

/// The names the formats themselves define (the moments of the term, an incident's times).
const BUILT_IN: &[(&str, &str, &str)] = &[
    ("signing", "合同签订日", "Signing date"),
    ("effective", "合同生效日", "Effective date"),
    ("term_start", "服务期开始日", "Start of the term"),
    ("term_end", "服务期届满日", "End of the term"),
    ("invoice", "收到发票", "Invoice received"),
    ("non_renewal_notice", "不续约通知", "Notice of non-renewal"),
    ("reported", "报告时间", "Reported"),
    ("responded", "响应时间", "Responded"),
    ("arrived", "到场时间", "Arrived"),
    ("resolved", "解决时间", "Resolved"),
    ("force_majeure", "不可抗力", "Force majeure"),
    ("buyer_fault", "甲方原因", "The buyer's fault"),
    ("seller_fault", "乙方原因", "The seller's fault"),
    ("fiscal_delay", "财政资金拨付延迟", "Delay of fiscal funds"),
    ("complete", "按完整周期计", "Complete periods"),
    ("started", "不足一期按一期计", "Started periods count"),
    ("low", "取低值", "The low end"),
    ("high", "取高值", "The high end"),
    ("whole", "整段计", "Whole reading"),
    ("stepped", "逐段计", "Each band at its rate"),
];

fn label_value(v: &Value) -> Option<Label> {
    match v {
        Value::Object(o) => {
            let zh = o.get("zh")?.as_str()?.to_string();
            let en = o.get("en").and_then(Value::as_str).map(str::to_string);
            Some(Label { zh, en })
        }
        Value::String(s) => Some(Label {
            zh: s.clone(),
            en: None,
        }),
        _ => None,
    }
}

impl Labels {
    /// The names `contract` declares. Walks the contract's JSON once, so that every kind of
    /// declaration (and those a later format adds) is found the same way: an object with an
    /// `id` and a `label` (or an item's `name`, a clause's `title`).
    pub fn of(contract: &Contract) -> Labels {
        let mut out = Labels {
            contract: Some((
                Label {
                    zh: contract.title.clone(),
                    en: contract.title_en.clone(),
                },
                contract.number.clone().filter(|n| !n.trim().is_empty()),
            )),
            ..Labels::default()
        };
        if let Ok(v) = serde_json::to_value(contract) {
            if let Some(cs) = v.get("clauses").and_then(Value::as_array) {
                for c in cs {
                    let id = c.get("id").and_then(Value::as_str);
                    let title = c.get("title").and_then(label_value);
                    if let (Some(id), Some(t)) = (id, title) {
                        add(&mut out.clauses, id, t);
                    }
                }
            }
            out.walk(&v, true);
        }
        out
    }

    /// [`Labels::of`] with the labels of the readings `report` priced.
    pub fn of_report(contract: &Contract, report: &Report) -> Labels {
        let mut out = Labels::of(contract);
        for c in &report.penalties {
            for r in &c.readings {
                add(&mut out.names, &r.reading, r.label.clone());
            }
        }
        out
    }

    fn walk(&mut self, v: &Value, top: bool) {
        match v {
            Value::Object(o) => {
                let id = o.get("id").and_then(Value::as_str);
                let l = o
                    .get("label")
                    .or_else(|| o.get("name"))
                    .and_then(label_value);
                if let (Some(id), Some(l), false) = (id, l, top) {
                    if !o.contains_key("rule") {
                        add(&mut self.names, id, l);
                    }
                }
                for x in o.values() {
                    self.walk(x, false);
                }
            }
            Value::Array(a) => {
                for x in a {
                    self.walk(x, false);
                }
            }
            _ => {}
        }
    }

    /// The declared label of a name, if the contract (or the formats) gives one.
    pub fn declared(&self, id: &str, lang: Lang) -> Option<String> {
        if let Some(l) = find(&self.names, id) {
            return Some(text(l, lang));
        }
        BUILT_IN
            .iter()
            .find(|(k, _, _)| *k == id)
            .map(|(_, zh, en)| lang.pick(*zh, *en).to_string())
    }

    /// A declared name in words: its label, else words derived from it ([`derive`]). A
    /// timer named with its clause (`4.9.2/replacement`) is its label and the clause's number.
    pub fn name(&self, id: &str, lang: Lang) -> String {
        if let Some(l) = self.declared(id, lang) {
            return l;
        }
        match id.split_once('/') {
            Some((clause, part)) => of_clause(&self.name(part, lang), clause, lang),
            None => derive(id, lang),
        }
    }

    /// The contract's title in the language (the Chinese where it has no English one), if
    /// these labels are a contract's.
    pub fn title(&self, lang: Lang) -> Option<String> {
        self.contract.as_ref().map(|(t, _)| text(t, lang))
    }

    /// The contract's own number (合同编号), if it gives one.
    pub fn number(&self) -> Option<&str> {
        self.contract.as_ref().and_then(|(_, n)| n.as_deref())
    }

    /// A clause's title, if it has one.
    pub fn clause_title(&self, id: &str, lang: Lang) -> Option<String> {
        find(&self.clauses, id).map(|l| text(l, lang))
    }

    /// What a report line is about, in words: a deadline or a milestone by its label, an
    /// occurrence of a clause on a day (`4.8@2024-10-08`) as the clause's number and the day,
    /// an entry of the record by its own id (the record's names are the user's, not ours).
    pub fn subject(&self, subject: &str, lang: Lang) -> String {
        if let Some((clause, date)) = subject.rsplit_once('@') {
            return match lang {
                Lang::Zh => format!("{}（{date}）", clause_number(clause, lang)),
                Lang::En => format!("{} ({date})", clause_number(clause, lang)),
            };
        }
        match self.declared(subject, lang) {
            Some(l) => l,
            None if looks_internal(subject) => derive(subject, lang),
            None => subject.to_string(),
        }
    }

    /// A step of an explanation, its ids said by their labels.
    pub fn step(&self, step: &Step, lang: Lang) -> String {
        self.relabel(step, lang).localize(lang)
    }

    /// Steps joined in one line, as [`crate::domain::explain::steps_text`] with labels.
    pub fn steps(&self, steps: &[Step], lang: Lang) -> String {
        steps
            .iter()
            .map(|s| self.step(s, lang))
            .collect::<Vec<_>>()
            .join(lang.pick("；", "; "))
    }

    /// An SLA timer in one line ([`crate::domain::explain::timer_line`]), its level by label.
    pub fn timer_line(&self, t: &crate::domain::report::TimerResult, lang: Lang) -> String {
        let mut t = t.clone();
        t.level = t.level.map(|l| self.name(&l, lang));
        t.subject = self.subject(&t.subject, lang);
        crate::domain::explain::timer_line(&t, lang)
    }

    /// A right in one line ([`crate::domain::explain::right_line`]), its steps by labels.
    pub fn right_line(&self, r: &crate::domain::report::RightResult, lang: Lang) -> String {
        let mut r = r.clone();
        r.steps = r.steps.iter().map(|s| self.relabel(s, lang)).collect();
        crate::domain::explain::right_line(&r, lang)
    }

    fn relabel(&self, step: &Step, lang: Lang) -> Step {
        let mut s = step.clone();
        let named = |id: &mut String| {
            if let Some(l) = find(&self.names, id.as_str()) {
                *id = text(l, lang);
            }
        };
        match &mut s {
            Step::PerPeriod { reading, .. }
            | Step::RangeEnd { reading, .. }
            | Step::LateHandling { reading, .. } => named(reading),
            Step::Multiplied { fact, .. } => {
                if let Some(l) = self.declared(fact, lang) {
                    *fact = l;
                } else if looks_internal(fact) {
                    *fact = derive(fact, lang);
                }
            }
            Step::Excused { excuse } | Step::ExcusedDays { excuse, .. } => named(excuse),
            _ => {}
        }
        s
    }
}

/// A label in the language (English falls back to Chinese).
fn text(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::Zh => l.zh.clone(),
        Lang::En => l.en.clone().unwrap_or_else(|| l.zh.clone()),
    }
}

/// A clause id as its number reads: `第7.2条` / `§7.2`; a number that is not one of digits
/// (`附件2-5.3`, `(1)`) is kept as the contract writes it.
pub fn clause_number(id: &str, lang: Lang) -> String {
    let id = id.split_once('#').map_or(id, |(n, _)| n);
    match (id.starts_with(|c: char| c.is_ascii_digit()), lang) {
        (true, Lang::Zh) => format!("第{id}条"),
        (true, Lang::En) => format!("§{id}"),
        (false, _) => id.to_string(),
    }
}

/// A name with the clause it belongs to: `第1期（第3.5(1)条）` / `Instalment 1 (§3.5(1))`.
pub fn of_clause(name: &str, clause: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{name}（{}）", clause_number(clause, lang)),
        Lang::En => format!("{name} ({})", clause_number(clause, lang)),
    }
}

/// Whether a name is written as an internal id: lower-case ASCII with `_` or `-`, or a lone
/// lower-case word with digits (`m1`, `y2`).
pub fn looks_internal(s: &str) -> bool {
    let ascii = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'));
    ascii
        && s.chars().any(|c| c.is_ascii_lowercase())
        && (s.contains(['_', '-']) || s.chars().any(|c| c.is_ascii_digit()))
}

/// An English ordinal: `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`.
pub fn ordinal_en(n: i64) -> String {
    let suffix = match (n.rem_euclid(100), n.rem_euclid(10)) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// `n` and an English noun in the number it takes: `1 hour`, `2 hours`, `1 working day`.
/// `plural` is the noun as it is written for many (`hours`, `working days`, `persons`).
pub fn count_en(n: i64, plural: &str) -> String {
    if n.abs() == 1 {
        format!("{n} {}", singular_en(plural))
    } else {
        format!("{n} {plural}")
    }
}

/// The singular of the English plurals the app writes (`days` → `day`, `persons` → `person`).
pub fn singular_en(plural: &str) -> String {
    match plural.rsplit_once(' ') {
        Some((head, last)) => format!("{head} {}", singular_en(last)),
        None => match plural {
            "people" => "person".into(),
            p if p.ends_with("ies") => format!("{}y", &p[..p.len() - 3]),
            p if p.ends_with('s') && !p.ends_with("ss") => p[..p.len() - 1].to_string(),
            p => p.to_string(),
        },
    }
}

/// Words of the vocabulary declared names are made of (`7.2-due`, `go_live`, `m1`), for a
/// declaration the contract gives no label.
const ID_WORDS: &[(&str, &str, &str)] = &[
    ("due", "约定日", "due date"),
    ("done", "完成日", "date done"),
    ("deadline", "履约期限", "deadline"),
    ("start", "起始日", "start"),
    ("end", "届满日", "end"),
    ("signing", "签订日期", "signing"),
    ("effective", "生效日期", "effective date"),
    ("acceptance", "验收", "acceptance"),
    ("final", "最终", "final"),
    ("initial", "初步", "initial"),
    ("go", "上线", "go"),
    ("live", "", "live"),
    ("delivery", "交付", "delivery"),
    ("install", "安装", "installation"),
    ("installation", "安装", "installation"),
    ("invoice", "发票", "invoice"),
    ("payment", "付款", "payment"),
    ("notice", "通知", "notice"),
    ("report", "报告", "report"),
    ("plan", "方案", "plan"),
    ("accepted", "通过", "accepted"),
    ("term", "期限", "term"),
    ("warranty", "质保期", "warranty"),
    ("retention", "质保金", "retention"),
    ("audit", "审计", "audit"),
    ("contract", "合同", "contract"),
    ("service", "服务", "service"),
    ("incident", "事件", "incident"),
    ("fault", "故障", "fault"),
    ("major", "重大", "major"),
    ("especially", "特别", "especially"),
    ("minor", "一般", "minor"),
    ("critical", "紧急", "critical"),
    ("urgent", "紧急", "urgent"),
    ("normal", "普通", "normal"),
    // Kinds a record gives its incidents (help-desk categories).
    ("security", "安全", "security"),
    ("operation", "操作", "operation"),
    ("outage", "中断", "outage"),
    ("network", "网络", "network"),
    ("database", "数据库", "database"),
    ("software", "软件", "software"),
    ("hardware", "硬件", "hardware"),
    ("question", "咨询", "question"),
    ("error", "错误", "error"),
    ("production", "生产", "production"),
    ("performance", "性能", "performance"),
    ("data", "数据", "data"),
    ("system", "系统", "system"),
    ("other", "其他", "other"),
];

/// A label for a declared name the contract gives none: its clause number (`7.2-due` →
/// 第7.2条约定日 / §7.2 due date), a milestone's number (`m1` → 第1期 / Milestone 1), its
/// words from [`ID_WORDS`]; a word outside the table is kept, with its separators as spaces.
pub fn derive(id: &str, lang: Lang) -> String {
    let (num, rest) = match id.split_once('-') {
        Some((n, r)) if n.starts_with(|c: char| c.is_ascii_digit()) => (Some(n), r),
        _ if id.starts_with(|c: char| c.is_ascii_digit()) => (Some(id), ""),
        _ => (None, id),
    };
    if num.is_none() {
        if let Some(n) = rest
            .strip_prefix('m')
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            return match lang {
                Lang::En => format!("Milestone {n}"),
                _ => format!("第{n}期"),
            };
        }
    }
    let words: Vec<String> = rest
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let known = ID_WORDS.iter().find(|(k, _, _)| k.eq_ignore_ascii_case(w));
            match (known, lang) {
                (Some((_, _, en)), Lang::En) => (*en).to_string(),
                (Some((_, zh, _)), _) => (*zh).to_string(),
                (None, _) => w.to_string(),
            }
        })
        .collect();
    let body = match lang {
        Lang::En => words.join(" "),
        _ => {
            // Chinese words run together; a word kept as written is set apart by spaces.
            let mut out = String::new();
            for w in &words {
                let ascii = w.is_ascii();
                if ascii && !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(w);
                if ascii {
                    out.push(' ');
                }
            }
            out.trim().to_string()
        }
    };
    let out = match (num, lang) {
        (Some(n), Lang::En) => format!("§{n} {body}"),
        (Some(n), _) => format!("第{n}条{body}"),
        (None, Lang::En) => {
            let mut c = body.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        }
        (None, _) => body,
    };
    out.trim().to_string()
}

/// The lists of a record, in words (a problem's path names the list and the entry).
const RECORD_LISTS: &[(&str, &str, &str)] = &[
    ("incidents", "事件", "incident"),
    ("requirements", "需求", "requirement"),
    ("payments", "付款", "payment"),
    ("invoices", "发票", "invoice"),
    ("acceptances", "验收", "acceptance"),
    ("done", "义务完成记录", "duty done"),
    ("draws", "余额支取", "draw"),
    ("consents", "书面同意", "consent"),
    ("occurrences", "手工记录的违约", "recorded breach"),
    ("excuses", "免责主张", "excuse"),
    ("staff", "人员事件", "staff event"),
    ("entries", "记录条目", "entry"),
    ("dates", "日期", "date"),
    ("facts", "事实", "fact"),
    ("elections", "救济的选择", "remedy elected"),
];

/// Where in a record a problem is, in words: `incidents[3].on_site` of a record whose fourth
/// incident is `INC-0004` → `第 4 条事件（INC-0004）的“到场时间”` / `incident 4 (INC-0004), On
/// site`; a field by the grid's column name where it is one, else by [`derive`]. A path
/// outside the table is said by its words, never as the path.
///
/// # Example
/// ```
/// use lvyue::domain::{events::Events, labels::record_place, Lang};
/// let e = Events::default();
/// assert_eq!(record_place(&e, "incidents[0].on_site", Lang::Zh), "第 1 条事件的“到场时间”");
/// assert_eq!(record_place(&e, "incidents[0].on_site", Lang::En), "incident 1, On site");
/// ```
pub fn record_place(e: &crate::domain::events::Events, path: &str, lang: Lang) -> String {
    let (head, field) = match path.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (path, None),
    };
    let (list, index) = match head.split_once('[') {
        Some((l, i)) => (l, i.trim_end_matches(']').parse::<usize>().ok()),
        None => (head, None),
    };
    let (zh, en) = RECORD_LISTS
        .iter()
        .find(|(k, ..)| *k == list)
        .map(|(_, zh, en)| (zh.to_string(), en.to_string()))
        .unwrap_or_else(|| (derive(list, Lang::Zh), derive(list, Lang::En)));
    let id = index.and_then(|i| match list {
        "incidents" => e.incidents.get(i).map(|x| x.id.clone()),
        "requirements" => e.requirements.get(i).map(|x| x.id.clone()),
        _ => None,
    });
    let field_words = |f: &str| {
        let last = f.rsplit('.').next().unwrap_or(f);
        let last = last.split('[').next().unwrap_or(last);
        match (list, crate::domain::incident_log::Field::from_key(last)) {
            ("incidents", Some(k)) => k.name(lang).to_string(),
            _ => derive(last, lang),
        }
    };
    let what = match (index, &id, lang) {
        (Some(i), Some(id), Lang::Zh) => format!("第 {} 条{zh}（{id}）", i + 1),
        (Some(i), None, Lang::Zh) => format!("第 {} 条{zh}", i + 1),
        (Some(i), Some(id), Lang::En) => format!("{en} {} ({id})", i + 1),
        (Some(i), None, Lang::En) => format!("{en} {}", i + 1),
        (None, _, Lang::Zh) => zh,
        (None, _, Lang::En) => en,
    };
    match (field, lang) {
        (Some(f), Lang::Zh) => format!("{what}的“{}”", field_words(f)),
        (Some(f), Lang::En) => format!("{what}, {}", field_words(f)),
        (None, _) => what,
    }
}
