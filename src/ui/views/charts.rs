//! The charts tab: three pictures drawn as plain SVG from the report, each with a title, an
//! `aria-label` and a data table as its text alternative.
//!
//! - the timeline of the contract period (`#chart-timeline`): term, notice date, payments due
//!   and paid, penalty lines (with the late period they count), incidents (red when a penalty
//!   arose), the as-of date;
//! - the running total of penalties against the caps (`#chart-cumulative`), per payer;
//! - each delay clause's exposure curve (`[data-exposure="{clause}"]`): penalty by days late,
//!   the cap, the day the cap is reached and the day a right arises.
//!
//! Money stays exact in every label; only coordinates are floats.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use yew::prelude::*;

use crate::domain::labels::Labels;

use super::svg::{self, c, Scale};
use super::{no_report, ViewProps};
use crate::domain::contract::{RightKind, Side};
use crate::domain::events::Events;
use crate::domain::explain::{exposure_line, right_name};
use crate::domain::money::Amount;
use crate::domain::outlook;
use crate::domain::report::{Exposure, PaymentStatus, Report, Step};
use crate::domain::Lang;

/// The width of every chart's coordinate system (it scales to the page).
const W: f64 = 640.0;
/// The left margin for labels.
const LEFT: f64 = 92.0;
const RIGHT: f64 = 16.0;

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let events = props.state.scenario().map(|s| &s.events);
    html! {
        <section class="view charts" id="view-charts">
            <h2>{ lang.pick("图示", "Charts") }</h2>
            { timeline(report, events, &super::widgets::labels(&props.state), lang) }
            { cumulative(report, lang) }
            <h3>{ lang.pick("逾期风险曲线", "Exposure to delay") }</h3>
            if report.exposure.is_empty() {
                <p class="empty">{ lang.pick("本合同没有按逾期天数计算的违约金条款。", "The contract has no clause penalising delay by the day.") }</p>
            }
            { for report.exposure.iter().map(|e| exposure(report, e, lang)) }
        </section>
    }
}

// ---------------------------------------------------------------------------------------------
// The timeline

/// A row of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lane {
    Term,
    Payments,
    Penalties,
    Incidents,
}

impl Lane {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Lane::Term => lang.pick("合同期限", "Term"),
            Lane::Payments => lang.pick("付款", "Payments"),
            Lane::Penalties => lang.pick("违约金", "Penalties"),
            Lane::Incidents => lang.pick("故障", "Incidents"),
        }
    }
}

/// What a mark is, which decides its shape and colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// The contract period (a bar from `from` to `date`).
    Term,
    /// The last day to give notice of non-renewal.
    Notice,
    /// A payment's due date.
    Due,
    /// A payment made (on time, or late from `from`).
    Paid { late: bool },
    /// A payment still owed after its due date (`from`), to the as-of date.
    Overdue,
    /// A penalty line; `from` is the due date whose lateness it counts.
    Penalty(Side),
    /// An incident reported; whether a penalty arose from it, and whether one arose but a cap
    /// took it to nothing (`capped`: drawn apart from an incident that costs nothing).
    Incident { penalised: bool, capped: bool },
}

impl MarkKind {
    fn class(self) -> &'static str {
        match self {
            MarkKind::Term => "tl-term",
            MarkKind::Notice => "tl-notice",
            MarkKind::Due => "tl-due",
            MarkKind::Paid { late: false } => "tl-paid",
            MarkKind::Paid { late: true } => "tl-paid is-late",
            MarkKind::Overdue => "tl-overdue",
            MarkKind::Penalty(Side::Seller) => "tl-penalty is-seller",
            MarkKind::Penalty(Side::Buyer) => "tl-penalty is-buyer",
            MarkKind::Incident {
                penalised: true, ..
            } => "tl-incident is-penalised",
            MarkKind::Incident {
                penalised: false,
                capped: true,
            } => "tl-incident is-capped",
            MarkKind::Incident {
                penalised: false,
                capped: false,
            } => "tl-incident is-clear",
        }
    }
}

/// One thing on the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub lane: Lane,
    pub kind: MarkKind,
    /// Where a span starts (a late period, the term).
    pub from: Option<NaiveDate>,
    pub date: NaiveDate,
    /// What it is, in words.
    pub what: String,
}

/// Everything the timeline shows, in lane order then by date.
pub fn timeline_marks(report: &Report, events: Option<&Events>, lang: Lang) -> Vec<Mark> {
    timeline_marks_in(report, events, &Labels::default(), lang)
}

/// [`timeline_marks`], the contract's names said by `labels`.
pub fn timeline_marks_in(
    report: &Report,
    events: Option<&Events>,
    labels: &Labels,
    lang: Lang,
) -> Vec<Mark> {
    let mut marks = Vec::new();
    if let Some(t) = &report.term {
        marks.push(Mark {
            lane: Lane::Term,
            kind: MarkKind::Term,
            from: Some(t.start),
            date: t.end,
            what: match lang {
                Lang::Zh => format!("合同期限 {} 至 {}", t.start, t.end),
                Lang::En => format!("Contract period {} to {}", t.start, t.end),
            },
        });
        if let Some(n) = t.notice_by {
            marks.push(Mark {
                lane: Lane::Term,
                kind: MarkKind::Notice,
                from: None,
                date: n,
                what: lang
                    .pick("不续约通知截止日", "Last day for notice of non-renewal")
                    .to_string(),
            });
        }
    }
    for m in &report.payments {
        let name = svg::label(&m.label, lang);
        if let Some(due) = m.due {
            let amount = m.amount.map(|a| a.format_yuan()).unwrap_or_default();
            marks.push(Mark {
                lane: Lane::Payments,
                kind: MarkKind::Due,
                from: None,
                date: due,
                what: match lang {
                    Lang::Zh => format!("{name} 应付 {amount}"),
                    Lang::En => format!("{name} due {amount}"),
                },
            });
        }
        if let Some(paid) = m.paid_on {
            let late = m.status == PaymentStatus::PaidLate;
            marks.push(Mark {
                lane: Lane::Payments,
                kind: MarkKind::Paid { late },
                from: m.due.filter(|d| late && *d < paid),
                date: paid,
                what: match (lang, late) {
                    (Lang::Zh, false) => format!("{name} 已付 {}", m.paid.format_yuan()),
                    (Lang::Zh, true) => format!(
                        "{name} 逾期 {} 日付款 {}",
                        m.days_late,
                        m.paid.format_yuan()
                    ),
                    (Lang::En, false) => format!("{name} paid {}", m.paid.format_yuan()),
                    (Lang::En, true) => format!(
                        "{name} paid {} days late: {}",
                        m.days_late,
                        m.paid.format_yuan()
                    ),
                },
            });
        } else if let (Some(due), PaymentStatus::Overdue) = (m.due, m.status) {
            marks.push(Mark {
                lane: Lane::Payments,
                kind: MarkKind::Overdue,
                from: Some(due),
                date: report.as_of.max(due),
                what: match lang {
                    Lang::Zh => format!(
                        "{name} 逾期未付 {}（{} 日）",
                        m.outstanding.format_yuan(),
                        m.days_late
                    ),
                    Lang::En => format!(
                        "{name} overdue: {} ({} days)",
                        m.outstanding.format_yuan(),
                        m.days_late
                    ),
                },
            });
        }
    }
    for r in &report.penalties {
        for l in &r.lines {
            let due = l.steps.iter().find_map(|s| match s {
                Step::DaysLate { due, .. } => Some(*due),
                _ => None,
            });
            marks.push(Mark {
                lane: Lane::Penalties,
                kind: MarkKind::Penalty(r.payer),
                from: due.filter(|d| *d < l.date),
                date: l.date,
                what: match lang {
                    Lang::Zh => format!(
                        "第 {} 条 {}：{}",
                        r.clause,
                        labels.subject(&l.subject, lang),
                        l.amount.format_yuan()
                    ),
                    Lang::En => format!(
                        "Clause {} {}: {}",
                        r.clause,
                        labels.subject(&l.subject, lang),
                        l.amount.format_yuan()
                    ),
                },
            });
        }
    }
    if let Some(ev) = events {
        for i in &ev.incidents {
            let owed = penalty_for(report, &i.id);
            let penalised = owed.is_some_and(|(a, _)| !a.is_zero());
            let capped = owed.is_some_and(|(a, before)| a.is_zero() && !before.is_zero());
            let level = labels.name(&i.level, lang);
            let what = match (lang, owed.filter(|(a, _)| !a.is_zero()), capped) {
                (Lang::Zh, Some((a, _)), _) => {
                    format!("故障 {}（{level}）：违约金 {}", i.id, a.format_yuan())
                }
                (Lang::Zh, None, true) => {
                    format!("故障 {}（{level}）：已达上限，违约金为零", i.id)
                }
                (Lang::Zh, None, false) => format!("故障 {}（{level}）：无违约金", i.id),
                (Lang::En, Some((a, _)), _) => {
                    format!("Incident {} ({level}): penalty {}", i.id, a.format_yuan())
                }
                (Lang::En, None, true) => {
                    format!("Incident {} ({level}): capped to nothing", i.id)
                }
                (Lang::En, None, false) => format!("Incident {} ({level}): no penalty", i.id),
            };
            marks.push(Mark {
                lane: Lane::Incidents,
                kind: MarkKind::Incident { penalised, capped },
                from: None,
                date: i.reported.date(),
                what,
            });
        }
    }
    crate::domain::order::sort_by_key(&mut marks, |m| (m.lane, m.date));
    marks
}

/// The penalties that arose for a subject (an incident id), after and before caps, if any line
/// names it.
fn penalty_for(report: &Report, subject: &str) -> Option<(Amount, Amount)> {
    let mut total: Option<(Amount, Amount)> = None;
    for l in report
        .penalties
        .iter()
        .flat_map(|r| r.lines.iter())
        .filter(|l| l.subject == subject)
    {
        // Parts of a total the engine computed checked: the sum cannot overflow.
        let (a, b) = total.unwrap_or_default();
        total = Some((a.checked_add(l.amount)?, b.checked_add(l.uncapped)?));
    }
    total
}

/// A legend's key: a small drawing in the classes of the marks it stands for.
fn key(class: &'static str, shape: Html) -> Html {
    html! {
        <svg class="key-svg" width="18" height="14" viewBox="0 0 18 14" aria-hidden="true">
            <g class={class}>{ shape }</g>
        </svg>
    }
}

fn date_axis(x: &Scale, start: NaiveDate, end: NaiveDate, y0: f64, y1: f64, count: u32) -> Html {
    let months = (end - start).num_days() > 62;
    html! {
        <g class="axis axis-x" aria-hidden="true">
            { for svg::date_ticks(start, end, count).into_iter().map(|d| {
                let px = x.date(d);
                html! {
                    <g>
                        <line class="grid" x1={c(px)} x2={c(px)} y1={c(y0)} y2={c(y1)} />
                        <text x={c(px)} y={c(y1 + 16.0)} text-anchor="middle">{ svg::date_tick_label(d, months) }</text>
                    </g>
                }
            }) }
        </g>
    }
}

fn timeline(report: &Report, events: Option<&Events>, labels: &Labels, lang: Lang) -> Html {
    let marks = timeline_marks_in(report, events, labels, lang);
    let mut lanes: Vec<Lane> = marks.iter().map(|m| m.lane).collect();
    lanes.dedup();
    let dates = marks
        .iter()
        .flat_map(|m| [Some(m.date), m.from])
        .flatten()
        .chain([report.as_of]);
    let (Some(start), Some(end)) = (dates.clone().min(), dates.max()) else {
        return html! {};
    };
    let lane_h = 40.0;
    let top = 24.0;
    let bottom = top + lane_h * lanes.len().max(1) as f64;
    let height = bottom + 28.0;
    let pad = ((end - start).num_days() as f64 * 0.02).max(1.0);
    let x = Scale::new(
        svg::day_number(start) - pad,
        svg::day_number(end) + pad,
        LEFT,
        W - RIGHT,
    );
    let lane_y = |lane: Lane| {
        let i = lanes.iter().position(|l| *l == lane).unwrap_or(0);
        top + lane_h * i as f64 + lane_h / 2.0
    };
    let incidents = marks
        .iter()
        .filter(|m| matches!(m.kind, MarkKind::Incident { .. }))
        .count();
    let penalised = marks
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                MarkKind::Incident {
                    penalised: true,
                    ..
                }
            )
        })
        .count();
    let count = |lane: Lane| marks.iter().filter(|m| m.lane == lane).count();
    let term = report
        .term
        .as_ref()
        .map(|t| match lang {
            Lang::Zh => format!("合同期限 {} 至 {}；", t.start, t.end),
            Lang::En => format!("term {} to {}; ", t.start, t.end),
        })
        .unwrap_or_default();
    let summary = match lang {
        Lang::Zh => format!(
            "时间轴：{term}{} 个付款节点标记，{} 笔违约金，{incidents} 次故障（{penalised} 次产生违约金）；截至 {}",
            count(Lane::Payments),
            count(Lane::Penalties),
            report.as_of
        ),
        Lang::En => format!(
            "Timeline: {term}{} payment marks, {} penalty lines, {incidents} incidents ({penalised} with a penalty); as of {}",
            count(Lane::Payments),
            count(Lane::Penalties),
            report.as_of
        ),
    };
    let asof_x = x.date(report.as_of);
    let shape = |m: &Mark| -> Html {
        let y = lane_y(m.lane);
        let px = x.date(m.date);
        let span = m.from.map(|f| {
            html! { <line class="span" x1={c(x.date(f))} x2={c(px)} y1={c(y)} y2={c(y)} /> }
        });
        let body = match m.kind {
            MarkKind::Term => {
                let x0 = m.from.map(|f| x.date(f)).unwrap_or(px);
                html! { <rect x={c(x0)} y={c(y - 7.0)} width={c((px - x0).max(1.0))} height="14" rx="3" /> }
            }
            MarkKind::Notice => html! {
                <path d={format!("M{} {} l6 -10 h-12 z", c(px), c(y - 8.0))} />
            },
            MarkKind::Due => html! { <circle cx={c(px)} cy={c(y)} r="5" /> },
            MarkKind::Paid { .. } | MarkKind::Penalty(_) => html! {
                <>{ span }<circle cx={c(px)} cy={c(y)} r="4" /></>
            },
            MarkKind::Overdue => html! { <>{ span }</> },
            MarkKind::Incident { .. } => html! {
                <line x1={c(px)} x2={c(px)} y1={c(y - 10.0)} y2={c(y + 10.0)} />
            },
        };
        html! { <g class={m.kind.class()}><title>{ format!("{} {}", m.date, m.what) }</title>{ body }</g> }
    };
    html! {
        <figure class="chart">
            <figcaption>{ lang.pick("合同期内的事件", "Events over the contract period") }</figcaption>
            <svg id="chart-timeline" role="img" aria-label={summary.clone()} width="100%"
                viewBox={format!("0 0 {} {}", c(W), c(height))} preserveAspectRatio="xMidYMid meet">
                <title>{ summary }</title>
                { date_axis(&x, start, end, top, bottom, 6) }
                { for lanes.iter().map(|l| html! {
                    <g class="lane">
                        <line class="lane-rule" x1={c(LEFT)} x2={c(W - RIGHT)} y1={c(lane_y(*l))} y2={c(lane_y(*l))} />
                        <text class="lane-name" x="4" y={c(lane_y(*l) + 4.0)}>{ l.name(lang) }</text>
                    </g>
                }) }
                { for marks.iter().map(shape) }
                <g class="as-of">
                    <line x1={c(asof_x)} x2={c(asof_x)} y1={c(top - 10.0)} y2={c(bottom)} />
                    <text x={c(asof_x)} y={c(top - 12.0)} text-anchor={anchor(asof_x)}>
                        { format!("{} {}", lang.pick("截至", "as of"), report.as_of) }
                    </text>
                </g>
            </svg>
            // Each key is drawn as its marks are, with their classes: the legend cannot drift
            // from the chart.
            <ul class="legend">
                <li>{ key("tl-due", html! { <circle cx="9" cy="7" r="5" /> }) }{ lang.pick("应付日", "due") }</li>
                <li>{ key("tl-paid", html! { <circle cx="9" cy="7" r="4" /> }) }{ lang.pick("已付", "paid") }</li>
                <li>{ key("tl-paid is-late", html! { <><line class="span" x1="2" x2="12" y1="7" y2="7" /><circle cx="14" cy="7" r="3.5" /></> }) }{ lang.pick("逾期付款及逾期期间", "paid late, and the late period") }</li>
                <li>{ key("tl-overdue", html! { <line class="span" x1="2" x2="16" y1="7" y2="7" /> }) }{ lang.pick("逾期未付", "overdue, unpaid") }</li>
                <li>{ key("tl-penalty is-seller", html! { <circle cx="9" cy="7" r="4" /> }) }{ lang.pick("乙方违约金", "penalty, seller pays") }</li>
                if marks.iter().any(|m| m.kind == MarkKind::Penalty(Side::Buyer)) {
                    <li>{ key("tl-penalty is-buyer", html! { <circle cx="9" cy="7" r="4" /> }) }{ lang.pick("甲方违约金", "penalty, buyer pays") }</li>
                }
                <li>{ key("tl-incident is-penalised", html! { <line x1="9" x2="9" y1="0" y2="14" /> }) }{ lang.pick("故障（产生违约金）", "incident with a penalty") }</li>
                <li>{ key("tl-incident is-capped", html! { <line x1="9" x2="9" y1="0" y2="14" /> }) }{ lang.pick("故障（已达上限，违约金为零）", "incident capped to nothing") }</li>
                <li>{ key("tl-incident is-clear", html! { <line x1="9" x2="9" y1="0" y2="14" /> }) }{ lang.pick("故障（无违约金）", "incident, no penalty") }</li>
            </ul>
            <details class="chart-data">
                <summary>{ lang.pick("时间轴数据", "Timeline data") }</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{ lang.pick("日期", "Date") }</th>
                        <th scope="col">{ lang.pick("类别", "Row") }</th>
                        <th scope="col">{ lang.pick("内容", "What") }</th>
                    </tr></thead>
                    <tbody>
                        { for marks.iter().map(|m| html! {
                            <tr>
                                <td class="num">{ match m.from {
                                    Some(f) => format!("{f} → {}", m.date),
                                    None => m.date.to_string(),
                                } }</td>
                                <td>{ m.lane.name(lang) }</td>
                                <td>{ m.what.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// Text anchoring so a label near the right edge stays inside.
fn anchor(x: f64) -> &'static str {
    if x > W * 0.55 {
        "end"
    } else {
        "start"
    }
}

// ---------------------------------------------------------------------------------------------
// The running total against the caps

/// One payer's running total of penalties: the total after each day with a penalty line.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub payer: Side,
    pub steps: Vec<(NaiveDate, Decimal)>,
}

/// The running totals, the seller's first; the buyer's only when the buyer owes a penalty.
pub fn cumulative_series(report: &Report) -> Vec<Series> {
    [Side::Seller, Side::Buyer]
        .into_iter()
        .filter_map(|payer| {
            let mut lines: Vec<(NaiveDate, Decimal)> = report
                .penalties
                .iter()
                .filter(|r| r.payer == payer)
                .flat_map(|r| r.lines.iter().map(|l| (l.date, l.amount.yuan())))
                .collect();
            if payer == Side::Buyer && lines.is_empty() {
                return None;
            }
            crate::domain::order::sort_by_key(&mut lines, |(d, _)| *d);
            let mut steps: Vec<(NaiveDate, Decimal)> = Vec::new();
            let mut total = Decimal::ZERO;
            for (d, a) in lines {
                // A prefix of a total the engine computed checked: it cannot overflow.
                let Some(t) = total.checked_add(a) else { break };
                total = t;
                match steps.last_mut() {
                    Some(last) if last.0 == d => last.1 = total,
                    _ => steps.push((d, total)),
                }
            }
            Some(Series { payer, steps })
        })
        .collect()
}

/// A cap drawn across the running total.
#[derive(Clone, Debug, PartialEq)]
pub struct CapMark {
    pub payer: Side,
    pub limit: Decimal,
    /// In full (for the title and the table).
    pub what: String,
    /// Short, for the label on the line.
    pub short: String,
}

/// The caps of the clauses that have penalty lines, and the shared caps over them.
pub fn cap_marks(report: &Report, lang: Lang) -> Vec<CapMark> {
    let mut caps = Vec::new();
    for r in report.penalties.iter().filter(|r| !r.lines.is_empty()) {
        if let Some(cap) = &r.cap {
            caps.push(CapMark {
                payer: r.payer,
                limit: cap.limit.yuan(),
                what: match lang {
                    Lang::Zh => format!("第 {} 条上限 {}", r.clause, cap.limit.format_yuan()),
                    Lang::En => format!("clause {} cap {}", r.clause, cap.limit.format_yuan()),
                },
                short: match lang {
                    Lang::Zh => format!("第 {} 条上限 {}", r.clause, cap.limit.format_yuan()),
                    Lang::En => format!("clause {} cap {}", r.clause, cap.limit.format_yuan()),
                },
            });
        }
    }
    for s in &report.shared_caps {
        let members: Vec<_> = report
            .penalties
            .iter()
            .filter(|r| s.clauses.contains(&r.clause))
            .collect();
        if members.iter().all(|r| r.lines.is_empty()) {
            continue;
        }
        let payer = members.first().map(|r| r.payer).unwrap_or(Side::Seller);
        caps.push(CapMark {
            payer,
            limit: s.limit.yuan(),
            what: match lang {
                Lang::Zh => format!(
                    "共同上限 {}（{}）{}",
                    svg::label(&s.label, lang),
                    s.clauses.join("、"),
                    s.limit.format_yuan()
                ),
                Lang::En => format!(
                    "shared cap {} ({}) {}",
                    svg::label(&s.label, lang),
                    s.clauses.join(", "),
                    s.limit.format_yuan()
                ),
            },
            short: match lang {
                Lang::Zh => format!(
                    "共同上限（{} 个条款）{}",
                    s.clauses.len(),
                    s.limit.format_yuan()
                ),
                Lang::En => format!(
                    "shared cap ({} clauses) {}",
                    s.clauses.len(),
                    s.limit.format_yuan()
                ),
            },
        });
    }
    caps
}

fn cumulative(report: &Report, lang: Lang) -> Html {
    let series = cumulative_series(report);
    let caps = cap_marks(report, lang);
    let first = series
        .iter()
        .filter_map(|s| s.steps.first().map(|p| p.0))
        .min();
    let last = series
        .iter()
        .filter_map(|s| s.steps.last().map(|p| p.0))
        .max();
    let start = report
        .term
        .as_ref()
        .map(|t| t.start)
        .into_iter()
        .chain(first)
        .chain([report.as_of])
        .min()
        .unwrap_or(report.as_of);
    let end = last.map_or(report.as_of, |l| l.max(report.as_of));
    let end = if end <= start {
        start
            .checked_add_days(chrono::Days::new(30))
            .unwrap_or(start)
    } else {
        end
    };
    let max = series
        .iter()
        .filter_map(|s| s.steps.last().map(|p| p.1))
        .chain(caps.iter().map(|c| c.limit))
        .max()
        .unwrap_or(Decimal::ZERO);
    let ticks = svg::money_ticks(max, 4);
    let y_top = ticks.last().copied().unwrap_or(Decimal::ONE);
    let (top, bottom) = (34.0, 230.0);
    let height = bottom + 28.0;
    let x = Scale::new(
        svg::day_number(start),
        svg::day_number(end),
        LEFT,
        W - RIGHT,
    );
    let y = Scale::new(0.0, svg::to_f64(y_top), bottom, top);
    let total = |payer: Side| match payer {
        Side::Seller => report.totals.seller_pays,
        Side::Buyer => report.totals.buyer_pays,
    };
    let summary = {
        let parts: Vec<String> = series
            .iter()
            .map(|s| match lang {
                Lang::Zh => format!(
                    "{}累计违约金 {}",
                    svg::side_name(s.payer, lang),
                    total(s.payer).format_yuan()
                ),
                Lang::En => format!(
                    "{} penalties total {}",
                    svg::side_name(s.payer, lang),
                    total(s.payer).format_yuan()
                ),
            })
            .chain(caps.iter().map(|c| c.what.clone()))
            .collect();
        format!(
            "{}{}",
            lang.pick(
                "违约金累计与上限：",
                "Running total of penalties against caps: "
            ),
            parts.join(lang.pick("；", "; "))
        )
    };
    let path = |s: &Series| {
        let mut pts = vec![(x.date(start), y.at(0.0))];
        pts.extend(s.steps.iter().map(|(d, a)| (x.date(*d), y.money(*a))));
        let end_y = s.steps.last().map_or(y.at(0.0), |p| y.money(p.1));
        pts.push((x.date(end), end_y));
        svg::step_path(&pts)
    };
    let asof_x = x.date(report.as_of);
    let wanted: Vec<f64> = caps.iter().map(|cap| y.money(cap.limit) - 4.0).collect();
    let cap_label_y = svg::spread_labels(&wanted, 18.0);
    html! {
        <figure class="chart">
            <figcaption>{ lang.pick("违约金累计金额与上限", "Penalties accumulated over time, against their caps") }</figcaption>
            <svg id="chart-cumulative" role="img" aria-label={summary.clone()} width="100%"
                viewBox={format!("0 0 {} {}", c(W), c(height))} preserveAspectRatio="xMidYMid meet">
                <title>{ summary }</title>
                <g class="axis axis-y" aria-hidden="true">
                    { for ticks.iter().map(|t| {
                        let py = y.money(*t);
                        html! {
                            <g>
                                <line class="grid" x1={c(LEFT)} x2={c(W - RIGHT)} y1={c(py)} y2={c(py)} />
                                <text x={c(LEFT - 6.0)} y={c(py + 4.0)} text-anchor="end">{ svg::compact_yuan(*t, lang) }</text>
                            </g>
                        }
                    }) }
                </g>
                { date_axis(&x, start, end, top, bottom, 6) }
                { for caps.iter().zip(cap_label_y.iter()).map(|(cap, ly)| {
                    let py = y.money(cap.limit);
                    html! {
                        <g class={classes!("cap", payer_class(cap.payer))}>
                            <title>{ cap.what.clone() }</title>
                            <line x1={c(LEFT)} x2={c(W - RIGHT)} y1={c(py)} y2={c(py)} />
                            <text x={c(W - RIGHT - 2.0)} y={c(*ly)} text-anchor="end">{ cap.short.clone() }</text>
                        </g>
                    }
                }) }
                { for series.iter().map(|s| html! {
                    <g class={classes!("series", payer_class(s.payer))} data-payer={payer_class(s.payer)}>
                        <title>{ format!("{} {}", svg::side_name(s.payer, lang), total(s.payer).format_yuan()) }</title>
                        <path d={path(s)} />
                        { for s.steps.iter().map(|(d, a)| html! {
                            <circle cx={c(x.date(*d))} cy={c(y.money(*a))} r="3" />
                        }) }
                    </g>
                }) }
                <g class="as-of">
                    <line x1={c(asof_x)} x2={c(asof_x)} y1={c(top - 10.0)} y2={c(bottom)} />
                    <text x={c(asof_x)} y={c(top - 12.0)} text-anchor={anchor(asof_x)}>
                        { format!("{} {}", lang.pick("截至", "as of"), report.as_of) }
                    </text>
                </g>
            </svg>
            <ul class="legend">
                <li>{ key("series seller", html! { <><path d="M1 11 L17 3" /><circle cx="9" cy="7" r="3" /></> }) }{ lang.pick("乙方累计", "seller, running total") }</li>
                if series.iter().any(|s| s.payer == Side::Buyer) {
                    <li>{ key("series buyer", html! { <><path d="M1 11 L17 3" /><circle cx="9" cy="7" r="3" /></> }) }{ lang.pick("甲方累计", "buyer, running total") }</li>
                }
                <li>{ key("cap", html! { <line x1="0" x2="18" y1="7" y2="7" /> }) }{ lang.pick("上限", "cap") }</li>
            </ul>
            <details class="chart-data">
                <summary>{ lang.pick("累计数据", "Running totals") }</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{ lang.pick("日期", "Date") }</th>
                        <th scope="col">{ lang.pick("付款方", "Payer") }</th>
                        <th scope="col">{ lang.pick("累计", "Running total") }</th>
                    </tr></thead>
                    <tbody>
                        { for series.iter().flat_map(|s| s.steps.iter().map(move |(d, a)| html! {
                            <tr>
                                <td class="num">{ d.to_string() }</td>
                                <td>{ svg::side_name(s.payer, lang) }</td>
                                <td class="num">{ Amount::new(*a).format_yuan() }</td>
                            </tr>
                        })) }
                        { for caps.iter().map(|cap| html! {
                            <tr>
                                <td></td>
                                <td>{ svg::side_name(cap.payer, lang) }</td>
                                <td>{ cap.what.clone() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

fn payer_class(s: Side) -> &'static str {
    match s {
        Side::Seller => "seller",
        Side::Buyer => "buyer",
    }
}

// ---------------------------------------------------------------------------------------------
// Exposure curves

/// The days marked on an exposure curve, with what happens on each (cap reached, a right
/// arises); one entry per day.
pub fn exposure_markers(report: &Report, e: &Exposure, lang: Lang) -> Vec<(u32, String)> {
    // The right the clause gives: termination first, where it is one of them.
    let rights: Vec<_> = report
        .penalties
        .iter()
        .filter(|r| r.clause == e.clause)
        .flat_map(|r| r.rights.iter())
        .chain(report.rights.iter().filter(|r| r.clause == e.clause))
        .collect();
    let right = rights
        .iter()
        .find(|r| r.right == RightKind::Terminate)
        .or(rights.first());
    let right_text = match right {
        Some(r) => match lang {
            Lang::Zh => format!(
                "{}可{}",
                svg::side_name(r.holder, lang),
                right_name(r.right, lang)
            ),
            Lang::En => format!(
                "the {} may {}",
                svg::side_name(r.holder, lang),
                right_name(r.right, lang)
            ),
        },
        None => lang.pick("产生权利", "a right arises").to_string(),
    };
    let cap_text = lang.pick("达到上限", "cap reached").to_string();
    let mut out: Vec<(u32, Vec<String>)> = Vec::new();
    for (day, text) in [(e.cap_day, cap_text), (e.right_day, right_text)] {
        let Some(day) = day else { continue };
        match out.iter_mut().find(|(d, _)| *d == day) {
            Some((_, texts)) => texts.push(text),
            None => out.push((day, vec![text])),
        }
    }
    crate::domain::order::sort_by_key(&mut out, |(d, _)| *d);
    out.into_iter()
        .map(|(d, texts)| {
            let what = texts.join(lang.pick("，", ", "));
            let text = match lang {
                Lang::Zh => format!("第 {d} 日：{what}"),
                Lang::En => format!("day {d}: {what}"),
            };
            (d, text)
        })
        .collect()
}

fn exposure(report: &Report, e: &Exposure, lang: Lang) -> Html {
    let markers = exposure_markers(report, e, lang);
    let last_day = e
        .points
        .iter()
        .map(|p| p.days)
        .chain(markers.iter().map(|m| m.0))
        .max()
        .unwrap_or(0)
        .max(1);
    let day_ticks = svg::day_ticks(last_day, 6);
    let x_max = day_ticks.last().copied().unwrap_or(last_day).max(1);
    let max = e
        .points
        .iter()
        .map(|p| p.amount.yuan())
        .chain(e.cap.map(|a| a.yuan()))
        .chain([e.worst.yuan()])
        .max()
        .unwrap_or(Decimal::ZERO);
    let ticks = svg::money_ticks(max, 4);
    let y_top = ticks.last().copied().unwrap_or(Decimal::ONE);
    let (top, bottom) = (50.0, 210.0);
    let height = bottom + 40.0;
    let x = Scale::new(0.0, f64::from(x_max), LEFT, W - RIGHT);
    let y = Scale::new(0.0, svg::to_f64(y_top), bottom, top);
    let mut pts = vec![(x.at(0.0), y.at(0.0))];
    pts.extend(
        e.points
            .iter()
            .map(|p| (x.at(f64::from(p.days)), y.money(p.amount.yuan()))),
    );
    let line = format!(
        "{}{}",
        lang.pick("假设情形（按逾期天数）：", "What-if by days late: "),
        exposure_line(e, lang)
    );
    let actual: Vec<(f64, f64, String)> = outlook::actual_days(report, &e.clause)
        .into_iter()
        .filter(|(d, _)| *d <= x_max)
        .map(|(d, a)| {
            let shown = e.cap.map_or(a, |cap| a.min(cap));
            (
                x.at(f64::from(d)),
                y.money(shown.yuan()),
                outlook::actual_text(d, shown, lang),
            )
        })
        .collect();
    let worst = match (lang, e.uncapped) {
        (Lang::Zh, false) => format!("最坏情况 {}", e.worst.format_yuan()),
        (Lang::Zh, true) => format!("无上限：{} 且继续增长", e.worst.format_yuan()),
        (Lang::En, false) => format!("worst case {}", e.worst.format_yuan()),
        (Lang::En, true) => format!("no cap: {} and growing", e.worst.format_yuan()),
    };
    let summary = format!("{}{line}", lang.pick("逾期风险曲线：", "Exposure curve: "));
    let last_pt = pts.last().copied().unwrap_or((x.at(0.0), y.at(0.0)));
    let last_shown = e.points.last().map_or(0, |p| p.days);
    // Where the points stop before the cap is reached, the rest of the way is drawn dashed to
    // the cap; the worst case sits where the curve levels off.
    let projected = match (e.uncapped, e.cap, e.cap_day) {
        (false, Some(cap), Some(day)) if day > last_shown => {
            Some((x.at(f64::from(day)), y.money(cap.yuan())))
        }
        _ => None,
    };
    let worst_pt = if e.uncapped {
        last_pt
    } else {
        projected.unwrap_or((last_pt.0, y.money(e.worst.yuan())))
    };
    let flat = (!e.uncapped && worst_pt.0 < x.at(f64::from(x_max))).then(|| {
        format!(
            "M{} {} H{}",
            c(worst_pt.0),
            c(worst_pt.1),
            c(x.at(f64::from(x_max)))
        )
    });
    html! {
        <figure class="chart exposure" data-exposure={e.clause.clone()}>
            <figcaption>{ line }</figcaption>
            <svg role="img" aria-label={summary.clone()} width="100%"
                viewBox={format!("0 0 {} {}", c(W), c(height))} preserveAspectRatio="xMidYMid meet">
                <title>{ summary }</title>
                <g class="axis axis-y" aria-hidden="true">
                    { for ticks.iter().map(|t| {
                        let py = y.money(*t);
                        html! {
                            <g>
                                <line class="grid" x1={c(LEFT)} x2={c(W - RIGHT)} y1={c(py)} y2={c(py)} />
                                <text x={c(LEFT - 6.0)} y={c(py + 4.0)} text-anchor="end">{ svg::compact_yuan(*t, lang) }</text>
                            </g>
                        }
                    }) }
                </g>
                <g class="axis axis-x" aria-hidden="true">
                    { for day_ticks.iter().map(|d| {
                        let px = x.at(f64::from(*d));
                        html! {
                            <g>
                                <line class="grid" x1={c(px)} x2={c(px)} y1={c(top)} y2={c(bottom)} />
                                <text x={c(px)} y={c(bottom + 16.0)} text-anchor="middle">{ d.to_string() }</text>
                            </g>
                        }
                    }) }
                    <text x={c(W - RIGHT)} y={c(bottom + 34.0)} text-anchor="end">{ lang.pick("逾期天数", "days late") }</text>
                </g>
                if let Some(cap) = e.cap {
                    <g class="cap">
                        <line x1={c(LEFT)} x2={c(W - RIGHT)} y1={c(y.money(cap.yuan()))} y2={c(y.money(cap.yuan()))} />
                        <text x={c(LEFT + 4.0)} y={c(y.money(cap.yuan()) - 4.0)}>
                            { format!("{} {}", lang.pick("上限", "cap"), cap.format_yuan()) }
                        </text>
                    </g>
                }
                <g class={classes!("series", payer_class(e.payer))}>
                    <path d={svg::step_path(&pts)} />
                    if e.uncapped {
                        <path class="growing" d={format!("M{} {} l14 -10", c(last_pt.0), c(last_pt.1))} />
                    }
                    if let Some((px, py)) = projected {
                        <path class="projected" d={format!("M{} {} L{} {}", c(last_pt.0), c(last_pt.1), c(px), c(py))} />
                    }
                    if let Some(d) = flat {
                        <path class="projected" d={d} />
                    }
                </g>
                { for markers.iter().enumerate().map(|(i, (d, text))| {
                    let px = x.at(f64::from(*d));
                    let ty = 16.0 + 18.0 * i as f64;
                    html! {
                        <g class="marker" data-day={d.to_string()}>
                            <line x1={c(px)} x2={c(px)} y1={c(ty + 4.0)} y2={c(bottom)} />
                            <text x={c(px)} y={c(ty)} text-anchor={anchor(px)}>{ text.clone() }</text>
                        </g>
                    }
                }) }
                { for actual.iter().map(|(px, py, t)| html! {
                    <g class="actual">
                        <circle cx={c(*px)} cy={c(*py)} r="5" />
                        <text x={c(*px + 8.0)} y={c(*py - 8.0)} text-anchor={anchor(*px)}>{ t.clone() }</text>
                    </g>
                }) }
                <g class="worst">
                    <circle cx={c(worst_pt.0)} cy={c(worst_pt.1)} r="4" />
                    <text x={c(worst_pt.0 - 6.0)} y={c(worst_pt.1 + 18.0)} text-anchor="end">{ worst.clone() }</text>
                </g>
            </svg>
            <p class="chart-note">{ worst.clone() }{ for markers.iter().map(|(_, t)| format!("{}{t}", lang.pick("；", "; "))) }
                { for actual.iter().map(|(_, _, t)| format!("{}{t}", lang.pick("；", "; "))) }</p>
            <details class="chart-data">
                <summary>{ lang.pick("曲线数据", "Curve data") }</summary>
                <table>
                    <thead><tr>
                        <th scope="col">{ lang.pick("逾期天数", "Days late") }</th>
                        <th scope="col">{ lang.pick("违约金", "Penalty") }</th>
                    </tr></thead>
                    <tbody>
                        { for e.points.iter().map(|p| html! {
                            <tr>
                                <td class="num">{ p.days }</td>
                                <td class="num">{ p.amount.format_yuan() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Calendar;
    use crate::domain::engine::{self, Options};
    use crate::ui::examples;
    use crate::ui::state::Inputs;
    use crate::ui::store::open_example;

    fn reports() -> Vec<(Report, Events)> {
        let cal = Calendar::china();
        examples::preload();
        examples::EXAMPLES
            .iter()
            .filter_map(|ex| {
                let ws = open_example(ex.id, Lang::Zh, Inputs::default())?;
                let contract = ws.contract.as_ref()?;
                let s = ws.scenarios.first()?;
                let r = engine::evaluate(contract, &s.events, &cal, &Options::default()).ok()?;
                Some((r, s.events.clone()))
            })
            .collect()
    }

    #[test]
    fn running_totals_end_at_the_payers_totals() {
        let all = reports();
        assert_eq!(all.len(), examples::EXAMPLES.len());
        for (r, _) in &all {
            let series = cumulative_series(r);
            assert_eq!(series.first().map(|s| s.payer), Some(Side::Seller));
            for s in &series {
                let want = match s.payer {
                    Side::Seller => r.totals.seller_pays,
                    Side::Buyer => r.totals.buyer_pays,
                };
                let got = s.steps.last().map_or(Decimal::ZERO, |p| p.1);
                // Lines are after caps; the totals are after shared caps too.
                assert!(got >= want.yuan(), "{}: {got} < {}", r.contract, want);
                assert!(s
                    .steps
                    .windows(2)
                    .all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
            }
        }
    }

    #[test]
    fn running_total_merges_same_day_lines() {
        let Some((mut r, _)) = reports().into_iter().next() else {
            panic!("no example")
        };
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap_or_default();
        r.penalties.truncate(1);
        let Some(clause) = r.penalties.first_mut() else {
            panic!("no penalty clause")
        };
        clause.payer = Side::Seller;
        let Some(template) = clause.lines.first().cloned() else {
            return;
        };
        clause.lines = vec![
            crate::domain::report::Line {
                date: d,
                amount: Amount::from_fen(150_000),
                ..template.clone()
            },
            crate::domain::report::Line {
                date: d,
                amount: Amount::from_fen(25_050),
                ..template.clone()
            },
            crate::domain::report::Line {
                date: d.succ_opt().unwrap_or(d),
                amount: Amount::from_fen(1),
                ..template
            },
        ];
        let series = cumulative_series(&r);
        assert_eq!(series.len(), 1);
        assert_eq!(
            series[0].steps,
            vec![
                (d, "1750.50".parse().unwrap_or_default()),
                (
                    d.succ_opt().unwrap_or(d),
                    "1750.51".parse().unwrap_or_default()
                )
            ]
        );
    }

    #[test]
    fn exposure_markers_name_the_days() {
        let all = reports();
        let mut seen = 0;
        for (r, _) in &all {
            for e in &r.exposure {
                let m = exposure_markers(r, e, Lang::En);
                for (d, text) in &m {
                    assert!(text.starts_with(&format!("day {d}: ")), "{text}");
                }
                if let Some(cd) = e.cap_day {
                    assert!(m.iter().any(|(d, t)| *d == cd && t.contains("cap reached")));
                    seen += 1;
                }
                let zh = exposure_markers(r, e, Lang::Zh);
                assert_eq!(zh.len(), m.len());
            }
        }
        assert!(seen > 0, "no example reaches a cap");
    }

    #[test]
    fn timeline_marks_cover_incidents_and_payments() {
        for (r, ev) in reports() {
            let marks = timeline_marks(&r, Some(&ev), Lang::Zh);
            let incidents = marks.iter().filter(|m| m.lane == Lane::Incidents).count();
            assert_eq!(incidents, ev.incidents.len());
            let lines: usize = r.penalties.iter().map(|p| p.lines.len()).sum();
            assert_eq!(
                marks.iter().filter(|m| m.lane == Lane::Penalties).count(),
                lines
            );
            assert!(marks
                .windows(2)
                .all(|w| (w[0].lane, w[0].date) <= (w[1].lane, w[1].date)));
            for m in &marks {
                if let Some(f) = m.from {
                    assert!(f <= m.date);
                }
            }
        }
    }
}
