//! The contract tab: the parties, the total (with its words), tax and items, then every clause
//! as a card with a plain-language summary of its rule, its source text and the findings that
//! concern it; each shared cap has a card of its own, and a clause under one is not said to have
//! no cap.

use yew::prelude::*;

use super::widgets::{money, party_name, severity_id, side_name, text};
use super::{no_contract, ViewProps};
use crate::domain::contract::{
    Base, Cap, Contract, Formula, OccurrenceAmount, Party, Rule, Schedule, SharedCap, Threshold,
    Trigger, When,
};
use crate::domain::explain::{right_name, span_text};
use crate::domain::labels::Labels;
use crate::domain::money::to_words;
use crate::domain::outlook;
use crate::domain::report::Report;
use crate::domain::Lang;

/// A base in words.
pub fn base_text(b: &Base, l: &Labels, lang: Lang) -> String {
    match b {
        Base::Total => lang.pick("合同总额", "the contract total").into(),
        Base::Item { item: Some(i) } => match lang {
            Lang::Zh => format!("“{}”金额", l.name(i, lang)),
            Lang::En => format!("the amount of {}", l.name(i, lang)),
        },
        Base::Item { item: None } => lang.pick("所涉项目金额", "the item concerned").into(),
        Base::Overdue => lang.pick("逾期金额", "the overdue amount").into(),
        Base::AuditedPrice => lang.pick("审计价", "the audited price").into(),
        Base::Occurrence => lang.pick("所涉金额", "the amount concerned").into(),
        Base::Fact { fact } => match lang {
            Lang::Zh => format!("“{}”所载金额", l.name(fact, lang)),
            Lang::En => format!("the amount \"{}\" states", l.name(fact, lang)),
        },
        Base::Amount { amount } => amount.format_yuan(),
        Base::PeriodFee { .. } | Base::TermShare { .. } => match lang {
            Lang::Zh => crate::domain::checks::base_zh(b),
            Lang::En => crate::domain::checks::base_en(b),
        },
        Base::Recorded { label, .. } => crate::domain::explain::label(label, lang).to_string(),
    }
}

/// A date rule in words: "go_live + 30 日".
pub fn when_text(w: &When, l: &Labels, lang: Lang) -> String {
    let mut s = match (&w.event, w.date) {
        (Some(e), _) => l.name(e, lang),
        (None, Some(d)) => d.to_string(),
        (None, None) => "?".into(),
    };
    if let Some(a) = &w.after {
        s.push_str(&match lang {
            Lang::Zh => format!(" 后 {}", span_text(a, lang)),
            Lang::En => format!(" + {}", span_text(a, lang)),
        });
    }
    if let Some(b) = &w.before {
        s.push_str(&match lang {
            Lang::Zh => format!(" 前 {}", span_text(b, lang)),
            Lang::En => format!(" − {}", span_text(b, lang)),
        });
    }
    if !w.not_before.is_empty() {
        let others: Vec<String> = w.not_before.iter().map(|x| when_text(x, l, lang)).collect();
        s.push_str(&match lang {
            Lang::Zh => format!("（不早于 {}）", others.join("、")),
            Lang::En => format!(" (not before {})", others.join(", ")),
        });
    }
    s
}

fn cap_text(c: &Cap, l: &Labels, lang: Lang) -> String {
    match (&c.amount, &c.rate, &c.base) {
        (Some(a), _, _) => a.format_yuan(),
        (None, Some(r), Some(b)) => format!("{} × {}", r.format_percent(), base_text(b, l, lang)),
        (None, Some(r), None) => r.format_percent(),
        _ => "?".into(),
    }
}

/// A threshold in words; `with_interest`: the clause charges interest besides its penalty.
fn threshold_text(t: &Threshold, with_interest: bool, l: &Labels, lang: Lang) -> String {
    let measured = |m| {
        let (zh, en) = crate::domain::explain::measure_words(m, with_interest);
        lang.pick(zh, en)
    };
    match t {
        Threshold::DaysLateOver { days } => match lang {
            Lang::Zh => format!("逾期超过 {days} 日"),
            Lang::En => format!(
                "more than {} late",
                crate::domain::labels::count_en(i64::from(*days), "days")
            ),
        },
        Threshold::DaysLateAtLeast { days } => match lang {
            Lang::Zh => format!("逾期满 {days} 日"),
            Lang::En => format!(
                "{} late or more",
                crate::domain::labels::count_en(i64::from(*days), "days")
            ),
        },
        Threshold::CapReached => lang.pick("达到上限", "the cap is reached").into(),
        Threshold::PenaltyReaches {
            rate,
            base,
            measure,
        } => match lang {
            Lang::Zh => format!(
                "{}达到{} {}",
                measured(*measure),
                base_text(base, l, lang),
                rate.format_percent()
            ),
            Lang::En => format!(
                "{} reaches {} of {}",
                measured(*measure),
                rate.format_percent(),
                base_text(base, l, lang)
            ),
        },
        Threshold::PenaltyExceeds {
            rate,
            base,
            measure,
        } => match lang {
            Lang::Zh => format!(
                "{}超过{} {}",
                measured(*measure),
                base_text(base, l, lang),
                rate.format_percent()
            ),
            Lang::En => format!(
                "{} exceeds {} of {}",
                measured(*measure),
                rate.format_percent(),
                base_text(base, l, lang)
            ),
        },
        Threshold::LossExceeds { rate, base } => match lang {
            Lang::Zh => format!(
                "损失超过{} {}",
                base_text(base, l, lang),
                rate.format_percent()
            ),
            Lang::En => format!(
                "a loss exceeds {} of {}",
                rate.format_percent(),
                base_text(base, l, lang)
            ),
        },
        Threshold::AnyOccurrence => lang.pick("发生即触发", "any occurrence").into(),
        Threshold::OccurrencesAtLeast { count } => match lang {
            Lang::Zh => format!("累计 {count} 次及以上"),
            Lang::En => format!("{count} occurrences or more"),
        },
    }
}

fn trigger_text(t: &Trigger, l: &Labels, lang: Lang) -> String {
    match t {
        Trigger::Deadline { deadline, .. } => match lang {
            Lang::Zh => format!("逾期完成“{}”", l.name(deadline, lang)),
            Lang::En => format!("the deadline \"{}\" is missed", l.name(deadline, lang)),
        },
        Trigger::LatePayment { milestones } if milestones.is_empty() => {
            lang.pick("逾期付款", "a payment is late").into()
        }
        Trigger::LatePayment { milestones } => {
            let m: Vec<String> = milestones.iter().map(|m| l.name(m, lang)).collect();
            match lang {
                Lang::Zh => format!("逾期付款（{}）", m.join("、")),
                Lang::En => format!("a payment is late ({})", m.join(", ")),
            }
        }
        Trigger::Incident { levels, .. } if levels.is_empty() => {
            lang.pick("发生故障或事件", "an incident").into()
        }
        Trigger::Incident { levels, .. } => {
            let v: Vec<String> = levels.iter().map(|x| l.name(x, lang)).collect();
            match lang {
                Lang::Zh => format!("发生故障或事件：{}", v.join("、")),
                Lang::En => format!("an incident: {}", v.join(", ")),
            }
        }
        Trigger::Requirement { .. } => lang.pick("需求未按期完成", "a requirement is late").into(),
        Trigger::Staff { .. } => lang.pick("人员违规", "a staff event").into(),
        Trigger::TimerBreached { timer } => match lang {
            Lang::Zh => format!("服务时限“{}”超时", l.name(timer, lang)),
            Lang::En => format!(
                "the service-level timer \"{}\" is breached",
                l.name(timer, lang)
            ),
        },
        Trigger::ObligationMissed { obligation, .. } => match lang {
            Lang::Zh => format!("未履行第 {obligation} 条义务"),
            Lang::En => format!("the obligation of clause {obligation} is missed"),
        },
        Trigger::Occurrence => lang.pick("记录的违约情形", "a recorded occurrence").into(),
        Trigger::Consecutive {
            period, at_least, ..
        } => {
            let k = crate::domain::engine::periods::kind_name(*period);
            match lang {
                Lang::Zh => format!("连续 {at_least} 个{}发生事件", k.zh),
                Lang::En => format!(
                    "incidents in {at_least} {}s in a row",
                    k.en.unwrap_or_default()
                ),
            }
        }
        Trigger::Entries { kind, .. } => match lang {
            Lang::Zh => format!("记录的“{}”", l.name(kind, lang)),
            Lang::En => format!("a recorded \"{}\"", l.name(kind, lang)),
        },
    }
}

fn formula_text(f: &Formula, l: &Labels, lang: Lang) -> String {
    match f {
        Formula::PerDay {
            rate,
            schedule,
            base,
            working_days,
            ..
        } => {
            let unit = if *working_days {
                lang.pick("每工作日", "per working day")
            } else {
                lang.pick("每日", "per day")
            };
            format!(
                "{} × {} {unit}",
                crate::domain::explain::day_rates_text(*rate, schedule, lang),
                base_text(base, l, lang)
            )
        }
        Formula::PerPeriod { period, rate, base } => match lang {
            Lang::Zh => format!(
                "每 {} {} × {}",
                span_text(period, lang),
                rate.format_percent(),
                base_text(base, l, lang)
            ),
            Lang::En => format!(
                "{} × {} per {}",
                rate.format_percent(),
                base_text(base, l, lang),
                span_text(period, lang)
            ),
        },
        Formula::PerOccurrence(p) => {
            let each = match &p.amount {
                OccurrenceAmount::Fixed { amount } => amount.format_yuan(),
                OccurrenceAmount::Range { low, high } => {
                    format!("{}–{}", low.format_yuan(), high.format_yuan())
                }
                OccurrenceAmount::Rate { rate, base } => {
                    format!("{} × {}", rate.format_percent(), base_text(base, l, lang))
                }
                OccurrenceAmount::RateRange { low, high, base } => format!(
                    "{}–{} × {}",
                    low.format_percent(),
                    high.format_percent(),
                    base_text(base, l, lang)
                ),
                OccurrenceAmount::ByLevel { rates, base } => {
                    let r: Vec<String> = rates
                        .iter()
                        .map(|x| format!("{} {}", l.name(&x.level, lang), x.rate.format_percent()))
                        .collect();
                    format!("{} × {}", r.join(" / "), base_text(base, l, lang))
                }
            };
            let mut s = format!("{} {each}", lang.pick("每次", "each time"));
            if p.escalation.is_some() {
                s.push_str(lang.pick("，重复发生递增", ", rising on repeats"));
            }
            if p.tiers.is_some() {
                s.push_str(lang.pick("，按次数分档", ", tiered by count"));
            }
            if p.per_person {
                s.push_str(lang.pick("，按人计", ", per person"));
            }
            s
        }
    }
}

/// A clause's rule in a few plain lines: kind, trigger, formula, cap, rights.
pub fn describe(rule: &Rule, l: &Labels, lang: Lang) -> Vec<String> {
    describe_in(rule, None, l, lang)
}

/// [`describe`] for a clause under a shared cap (`shared`: the cap's clause), which then is not
/// said to have no cap.
pub fn describe_in(rule: &Rule, shared: Option<&str>, l: &Labels, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    match rule {
        Rule::Penalty(p) => {
            out.push(match lang {
                Lang::Zh => format!("违约金，由{}支付", party_name(p.payer, lang)),
                Lang::En => format!(
                    "Penalty paid by the {}",
                    party_name(p.payer, lang).to_lowercase()
                ),
            });
            out.push(format!(
                "{}{}",
                lang.pick("触发：", "When: "),
                trigger_text(&p.trigger, l, lang)
            ));
            out.push(format!(
                "{}{}",
                lang.pick("金额：", "Amount: "),
                formula_text(&p.formula, l, lang)
            ));
            if let Some(i) = &p.interest {
                out.push(format!(
                    "{}{}",
                    lang.pick("另计利息，每日 ", "Plus interest per day: "),
                    i.format_percent()
                ));
            }
            out.push(match (&p.cap, shared) {
                (Some(c), _) => format!("{}{}", lang.pick("上限：", "Cap: "), cap_text(c, l, lang)),
                (None, Some(id)) => match lang {
                    Lang::Zh => format!("本条无单独上限，受共同上限 {id} 约束"),
                    Lang::En => format!("No cap of its own; under shared cap {id}"),
                },
                (None, None) => lang.pick("无上限", "No cap").into(),
            });
            for r in &p.rights {
                out.push(format!(
                    "{}{}: {}",
                    side_name(r.holder, lang),
                    right_name(r.right, lang),
                    threshold_text(&r.when, p.interest.is_some(), l, lang)
                ));
            }
        }
        Rule::Payment(m) => {
            out.push(format!(
                "{}{}",
                lang.pick("付款节点：", "Payment: "),
                text(&m.label, lang)
            ));
            out.push(match &m.amount {
                crate::domain::contract::MilestoneAmount::Rate { rate, base } => {
                    format!(
                        "{}{} × {}",
                        lang.pick("金额：", "Amount: "),
                        rate.format_percent(),
                        base_text(base, l, lang)
                    )
                }
                crate::domain::contract::MilestoneAmount::Fixed { amount } => {
                    format!(
                        "{}{}",
                        lang.pick("金额：", "Amount: "),
                        amount.format_yuan()
                    )
                }
                crate::domain::contract::MilestoneAmount::Recorded => {
                    lang.pick("金额按实际记录", "Amount as recorded").into()
                }
            });
            out.push(format!(
                "{}{}",
                lang.pick("到期：", "Due: "),
                when_text(&m.due, l, lang)
            ));
            if m.retention {
                out.push(lang.pick("质保金", "Retention money").into());
            }
        }
        Rule::Sla(s) => {
            out.push(lang.pick("服务时限", "Service-level timers").into());
            for t in &s.timers {
                let limits: Vec<String> = t
                    .limits
                    .iter()
                    .map(|x| {
                        if x.levels.is_empty() {
                            span_text(&x.within, lang)
                        } else {
                            let v: Vec<String> = x.levels.iter().map(|v| l.name(v, lang)).collect();
                            format!("{} {}", v.join("/"), span_text(&x.within, lang))
                        }
                    })
                    .collect();
                out.push(format!(
                    "{}: {}",
                    text(&t.label, lang),
                    limits.join(lang.pick("；", "; "))
                ));
            }
        }
        Rule::Obligation(o) => {
            let when = match &o.schedule {
                Schedule::Once { due } => format!(
                    "{}{}",
                    lang.pick("一次，截止 ", "Once, by "),
                    when_text(due, l, lang)
                ),
                Schedule::Every { every, times, .. } => {
                    let p = match every {
                        crate::domain::contract::Period::Day => lang.pick("每日", "every day"),
                        crate::domain::contract::Period::Month => lang.pick("每月", "every month"),
                        crate::domain::contract::Period::Quarter => {
                            lang.pick("每季度", "every quarter")
                        }
                        crate::domain::contract::Period::ContractYear => {
                            lang.pick("每合同年", "every contract year")
                        }
                        crate::domain::contract::Period::Week => lang.pick("每周", "every week"),
                        crate::domain::contract::Period::CalendarYear => {
                            lang.pick("每自然年", "every calendar year")
                        }
                    };
                    if *times > 1 {
                        match lang {
                            Lang::Zh => format!("{p} {times} 次"),
                            Lang::En => format!("{times} times {p}"),
                        }
                    } else {
                        p.to_string()
                    }
                }
                Schedule::After { obligation, span } => {
                    let n = crate::domain::labels::clause_number(obligation, lang);
                    match lang {
                        Lang::Zh => format!("每次完成{n}的义务后 {} 内", span_text(span, lang)),
                        Lang::En => {
                            format!(
                                "within {} after each done instance of {n}",
                                span_text(span, lang)
                            )
                        }
                    }
                }
                Schedule::OnEntry { kind, due, .. } => match lang {
                    Lang::Zh => {
                        format!("每次“{}”后 {} 内", l.name(kind, lang), span_text(due, lang))
                    }
                    Lang::En => format!(
                        "within {} after each \"{}\"",
                        span_text(due, lang),
                        l.name(kind, lang)
                    ),
                },
            };
            out.push(match lang {
                Lang::Zh => format!("{}的义务：{when}", party_name(o.party, lang)),
                Lang::En => format!(
                    "Duty of the {}: {when}",
                    party_name(o.party, lang).to_lowercase()
                ),
            });
        }
        Rule::Term(t) => {
            out.push(format!(
                "{}{}{}{}",
                lang.pick("合同期限：自 ", "Term: from "),
                when_text(&t.start, l, lang),
                lang.pick("起 ", " for "),
                span_text(&t.length, lang)
            ));
            if let Some(r) = &t.renewal {
                out.push(match lang {
                    Lang::Zh => format!(
                        "自动续期 {}，不续期须提前 {} 通知",
                        span_text(&r.length, lang),
                        span_text(&r.notice, lang)
                    ),
                    Lang::En => format!(
                        "Renews for {} unless notice is given {} before the end",
                        span_text(&r.length, lang),
                        span_text(&r.notice, lang)
                    ),
                });
            }
        }
        Rule::Right(r) => {
            for x in &r.rights {
                out.push(format!(
                    "{}{}: {}",
                    side_name(x.holder, lang),
                    right_name(x.right, lang),
                    threshold_text(&x.when, false, l, lang)
                ));
            }
        }
    }
    out
}

fn party_flags(p: &Party, lang: Lang) -> Vec<&'static str> {
    let mut f = Vec::new();
    if p.public_body {
        f.push(lang.pick("机关/事业单位", "public body"));
    }
    if p.large_enterprise {
        f.push(lang.pick("大型企业", "large enterprise"));
    }
    if p.sme {
        f.push(lang.pick("中小企业", "SME"));
    }
    if p.sme_notified {
        f.push(lang.pick("已告知中小企业身份", "SME status notified"));
    }
    f
}

/// The shared cap a clause is under, if any (its clause id).
fn shared_of<'a>(c: &'a Contract, clause: &str) -> Option<&'a str> {
    c.shared_caps
        .iter()
        .find(|s| s.clauses.iter().any(|x| x == clause))
        .map(|s| s.id.as_str())
}

/// A shared cap's card: what it limits, how much, per what, and where it stands (from the
/// report, through `domain::outlook`).
fn shared_card(s: &SharedCap, report: Option<&Report>, l: &Labels, lang: Lang) -> Html {
    let room = report.and_then(|r| {
        outlook::rooms(r, None)
            .into_iter()
            .find(|x| x.kind == outlook::CapKind::Shared && x.clause == s.id)
    });
    let per = match s.period() {
        Some(_) => lang.pick(
            "（每合同年度重新计算）",
            " (counted again each contract year)",
        ),
        None => "",
    };
    html! {
        <article class="card shared-cap-card" data-shared-cap-card={s.id.clone()}>
            <h3><span class="clause-id">{ s.id.clone() }</span>{ " " }{ text(&s.label, lang) }</h3>
            <ul class="rule-summary">
                <li>{ format!("{}{}{per}", lang.pick("共同上限：", "Shared cap: "), cap_text(&s.cap, l, lang)) }</li>
                <li>{ lang.pick("适用条款：", "Clauses: ") }{ s.clauses.join(lang.pick("、", ", ")) }</li>
                if let Some(r) = room {
                    <li class="shared-cap-room">{ outlook::room_line(&r, lang) }</li>
                }
            </ul>
        </article>
    }
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(c) = props.state.contract() else {
        return no_contract(lang);
    };
    let labels = super::widgets::labels(&props.state);
    let l = &labels;
    let findings = props
        .state
        .report
        .as_ref()
        .map(|r| r.findings.clone())
        .unwrap_or_default();

    let party = |role: &'static str, p: &Party| {
        let flags = party_flags(p, lang);
        html! {
            <div class="party" data-party={role}>
                <dt>{ if role == "buyer" { lang.pick("甲方", "Buyer") } else { lang.pick("乙方", "Seller") } }</dt>
                <dd>{ p.name.clone() }
                    { for flags.into_iter().map(|f| html! { <span class="flag">{ f }</span> }) }
                </dd>
            </div>
        }
    };
    let words = c
        .total_in_words
        .clone()
        .or_else(|| c.total.and_then(|t| to_words(t).ok()));

    let clauses = c.clauses.iter().map(|cl| {
        let concern: Vec<_> = findings.iter().filter(|f| f.clauses.contains(&cl.id)).collect();
        html! {
            <article class="card clause-text-card" data-clause-card={cl.id.clone()}>
                <h3><span class="clause-id">{ cl.id.clone() }</span>{ " " }{ text(&cl.title, lang) }</h3>
                <div class="clause-body">
                    <ul class="rule-summary">
                        { for describe_in(&cl.rule, shared_of(c, &cl.id), l, lang).into_iter().map(|x| html! { <li>{ x }</li> }) }
                    </ul>
                    if let Some(src) = &cl.text {
                        <details class="source-text">
                            <summary>{ lang.pick("合同原文", "Source text") }</summary>
                            <blockquote lang="zh-CN">{ src.clone() }</blockquote>
                        </details>
                    }
                    if !concern.is_empty() {
                        <aside class="clause-findings" aria-label={lang.pick("相关检查结果", "Findings on this clause")}>
                            <ul>
                                { for concern.iter().map(|f| html! {
                                    <li class={classes!("finding-item", format!("severity-{}", severity_id(f.severity)))} data-code={f.code.clone()}>
                                        { lang.pick(f.zh.clone(), f.en.clone()) }
                                    </li>
                                }) }
                            </ul>
                        </aside>
                    }
                </div>
            </article>
        }
    });

    html! {
        <section class="view" id="view-contract" aria-labelledby="contract-view-title">
            <h2 id="contract-view-title">{ match lang {
                Lang::En => c.title_en.clone().unwrap_or_else(|| c.title.clone()),
                Lang::Zh => c.title.clone(),
            } }</h2>
            if let Some(d) = &c.description { <p class="hint">{ d.clone() }</p> }
            <dl class="figures contract-facts">
                { party("buyer", &c.parties.buyer) }
                { party("seller", &c.parties.seller) }
                <dt>{ lang.pick("合同总额", "Total") }</dt>
                <dd id="contract-total">
                    { c.total.map(money).unwrap_or_else(|| html! { lang.pick("未载明", "not stated") }) }
                    if c.total_assumed { <span class="flag">{ lang.pick("假定", "assumed") }</span> }
                    if let Some(w) = words { <span class="words">{ w }</span> }
                </dd>
                if let Some(t) = &c.tax {
                    <dt>{ lang.pick("增值税", "VAT") }</dt>
                    <dd id="contract-tax">
                        { format!("{} {}", t.rate.format_percent(), if t.included { lang.pick("（含税）", "(included)") } else { lang.pick("（不含税）", "(excluded)") }) }
                        { for t.parts.iter().map(|p| html! { <span class="sub">{ format!("{}: {} @ {}", text(&p.label, lang), p.amount.format_yuan(), p.rate.format_percent()) }</span> }) }
                    </dd>
                }
            </dl>
            if !c.items.is_empty() {
                <h3 id="items-title">{ lang.pick("分项", "Items") }</h3>
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="items-title">
                    <table class="data items">
                        <thead><tr>
                            <th scope="col">{ lang.pick("名称", "Name") }</th>
                            <th scope="col">{ lang.pick("分组", "Group") }</th>
                            <th scope="col">{ lang.pick("金额", "Amount") }</th>
                        </tr></thead>
                        <tbody>
                            { for c.items.iter().map(|i| html! {
                                <tr data-item={i.id.clone()}>
                                    <th scope="row">{ text(&i.name, lang) }</th>
                                    <td>{ i.group.clone().unwrap_or_default() }</td>
                                    <td class="num">{ money(i.amount) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if !c.shared_caps.is_empty() {
                <h3 id="shared-caps-title">{ lang.pick("共同上限", "Shared caps") }</h3>
                <div class="cards shared-cap-cards">
                    { for c.shared_caps.iter().map(|s| shared_card(s, props.state.report.as_deref(), l, lang)) }
                </div>
            }
            <h3>{ lang.pick("条款", "Clauses") }</h3>
            <div class="cards">{ for clauses }</div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::Contract;

    fn rule(json: &str) -> Rule {
        let c: Contract = serde_json::from_str(&format!(
            r#"{{"format": "lvyue-contract/2", "id": "t", "title": "t",
                "parties": {{ "buyer": {{ "name": "甲" }}, "seller": {{ "name": "乙" }} }},
                "clauses": [{{ "id": "1", "title": {{ "zh": "x" }}, "rule": {json} }}]}}"#
        ))
        .expect("contract");
        c.clauses[0].rule.clone()
    }

    #[test]
    fn describes_a_delay_penalty() {
        let r = rule(
            r#"{ "kind": "penalty", "payer": "seller",
                 "trigger": { "on": "deadline", "deadline": "go-live" },
                 "formula": { "type": "per_day", "rate": "0.1%", "base": { "of": "total" } },
                 "cap": { "rate": "10%", "base": { "of": "total" } } }"#,
        );
        let zh = describe(&r, &Labels::default(), Lang::Zh).join("\n");
        assert!(zh.contains("乙方"), "{zh}");
        assert!(!zh.contains("go-live") && zh.contains("上线"), "{zh}");
        assert!(zh.contains("合同总额"), "{zh}");
        assert!(zh.contains("上限"), "{zh}");
        let en = describe(&r, &Labels::default(), Lang::En).join("\n");
        assert!(en.contains("Penalty paid by the seller"), "{en}");
        assert!(en.contains("per day"), "{en}");
        assert!(en.contains("Cap: 10"), "{en}");
    }

    #[test]
    fn describes_an_uncapped_occurrence_penalty() {
        let r = rule(
            r#"{ "kind": "penalty", "payer": "buyer", "trigger": { "on": "occurrence" },
                 "formula": { "type": "per_occurrence", "amount": { "type": "fixed", "amount": "5000" } } }"#,
        );
        let en = describe(&r, &Labels::default(), Lang::En).join("\n");
        assert!(en.contains("¥5,000.00"), "{en}");
        assert!(en.contains("No cap"), "{en}");
        assert!(describe(&r, &Labels::default(), Lang::Zh)
            .iter()
            .any(|l| l == "无上限"));
    }
}
