//! The penalties tab: the ledger by clause. A card per clause with its total, cap, shared
//! caps, rights and lines (each with its explanation, the shared cap that cut it and the outcome
//! of the timer that priced it), and a choice of reading where the clause is ambiguous.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::widgets::{
    clause_warnings, money, money_class, side_name, steps_details, steps_list, text,
};
use super::{no_report, ViewProps};
use crate::domain::explain::right_line;
use crate::domain::outlook;
use crate::domain::report::Report;
use crate::domain::Lang;
use crate::ui::store::Action;

/// Lines shown at first, and added by each "show more".
pub const LINES_STEP: usize = 50;

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let totals = &report.totals;
    let labels = Rc::new(super::widgets::labels(&props.state));
    let cards = (0..report.penalties.len()).map(|index| {
        html! {
            <ClauseCard key={report.penalties[index].clause.clone()} report={report.clone()}
                {index} {lang} dispatch={props.dispatch.clone()} labels={labels.clone()} />
        }
    });
    html! {
        <section class="view" id="view-penalties" aria-labelledby="penalties-title">
            <h2 id="penalties-title">{ lang.pick("违约金明细", "Penalty ledger") }</h2>
            <dl class="figures totals" id="penalty-totals">
                <dt>{ lang.pick("乙方应付合计", "Seller pays in total") }</dt>
                <dd id="total-seller-pays">{ money(totals.seller_pays) }</dd>
                <dt>{ lang.pick("甲方应付合计", "Buyer pays in total") }</dt>
                <dd id="total-buyer-pays">{ money(totals.buyer_pays) }</dd>
            </dl>
            if report.penalties.is_empty() {
                <p class="empty">{ lang.pick("本合同没有违约金条款。", "This contract has no penalty clauses.") }</p>
            }
            <div class="cards">{ for cards }</div>
        </section>
    }
}

#[derive(Properties, Clone)]
pub struct CardProps {
    pub report: Rc<Report>,
    pub index: usize,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// What the card calls the contract's names.
    pub labels: Rc<crate::domain::labels::Labels>,
}

impl PartialEq for CardProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.report, &o.report)
            && self.index == o.index
            && self.lang == o.lang
            && self.dispatch == o.dispatch
            && self.labels == o.labels
    }
}

/// One clause's card.
#[function_component]
pub fn ClauseCard(p: &CardProps) -> Html {
    let shown = use_state(|| LINES_STEP);
    let lang = p.lang;
    let report = &p.report;
    let Some(c) = report.penalties.get(p.index) else {
        return html! {};
    };
    let heading_id = format!("clause-{}-title", p.index);

    let cap = c.cap.as_ref().map(|cap| {
        let reached = match cap.reached_on {
            Some(d) => match lang {
                Lang::Zh => format!("（{d} 达到上限）"),
                Lang::En => format!(" (reached on {d})"),
            },
            None => lang.pick("（未达上限）", " (not reached)").to_string(),
        };
        html! {
            <div class="clause-cap">
                <span class="label">{ lang.pick("上限", "Cap") }</span>{ " " }
                { money(cap.limit) }{ reached }
                <progress class="cap-bar" max={cap.limit.yuan().to_string()}
                    value={c.total.yuan().to_string()}
                    aria-label={lang.pick("已用上限", "Share of the cap used")}></progress>
                { steps_details(&cap.steps, &p.labels, lang) }
            </div>
        }
    });

    let shared = report
        .shared_caps
        .iter()
        .filter(|s| s.clauses.contains(&c.clause))
        .map(|s| {
            let reached = s
                .reached_on
                .map(|d| match lang {
                    Lang::Zh => format!("，{d} 达到上限"),
                    Lang::En => format!(", reached on {d}"),
                })
                .unwrap_or_default();
            html! {
                <li class="shared-cap" data-shared-cap={s.id.clone()}>
                    { format!("{} {}: ", lang.pick("共同上限", "Shared cap"), text(&s.label, lang)) }
                    { money(s.limit) }
                    { format!(" ({} ", lang.pick("共同条款", "clauses")) }
                    { s.clauses.join(", ") }
                    { format!("; {} ", lang.pick("封顶前", "before")) }{ money(s.before) }
                    { format!(" → {} ", lang.pick("封顶后", "after")) }{ money(s.after) }
                    { format!("{reached})") }
                </li>
            }
        })
        .collect::<Vec<Html>>();

    let readings = if c.readings.is_empty() {
        html! {}
    } else {
        let clause = c.clause.clone();
        let dispatch = p.dispatch.clone();
        let onchange = Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatch.emit(Action::SetReading {
                clause: clause.clone(),
                reading: Some(select.value()),
            });
        });
        let id = format!("reading-{}", p.index);
        let used = c
            .readings
            .iter()
            .find(|r| r.used)
            .map(|r| text(&r.label, lang))
            .unwrap_or_default();
        html! {
            <div class="readings">
                <label for={id.clone()} class="field-label">
                    { lang.pick("条款解读（条文有歧义）", "Reading (the clause is ambiguous)") }
                </label>
                <select id={id} data-reading-for={c.clause.clone()} {onchange}>
                    { for c.readings.iter().map(|r| html! {
                        <option value={r.reading.clone()} selected={r.used}>
                            { format!("{} — {}", text(&r.label, lang), r.total.format_yuan()) }
                        </option>
                    }) }
                </select>
                <p class="reading-used">
                    { lang.pick("现采用：", "In force: ") }<strong>{ used }</strong>
                </p>
            </div>
        }
    };

    let rights = if c.rights.is_empty() {
        html! {}
    } else {
        html! {
            <div class="clause-rights">
                <h4>{ lang.pick("权利", "Rights") }</h4>
                <ul>
                    { for c.rights.iter().map(|r| html! {
                        <li class={classes!("right", r.arises.is_some_and(|d| d <= report.as_of).then_some("is-triggered"))}>
                            { right_line(r, lang) }
                        </li>
                    }) }
                </ul>
            </div>
        }
    };

    let n = c.lines.len();
    let visible = (*shown).min(n);
    let lines = c.lines[..visible].iter().map(|l| {
        html! {
            <li class="line" data-subject={l.subject.clone()}>
                <div class="line-head">
                    <span class="line-subject">{ p.labels.subject(&l.subject, lang) }</span>
                    <span class="line-date num">{ l.date.to_string() }</span>
                    { money_class(l.amount, "line-amount") }
                    if l.amount != l.uncapped {
                        <span class="line-uncapped">
                            { lang.pick("封顶前 ", "before caps ") }{ money(l.uncapped) }
                        </span>
                    }
                </div>
                if let Some(cut) = outlook::shared_cut_line(report, l, lang) {
                    <p class="line-cut">{ cut }</p>
                }
                { for outlook::line_timers(report, l).into_iter().map(|t| html! {
                    <p class="line-timer">{ outlook::timer_outcome(t, lang) }</p>
                }) }
                if !l.steps.is_empty() {
                    <details class="explain-details">
                        <summary>{ lang.pick("计算过程", "How it was computed") }</summary>
                        { steps_list(&l.steps, &p.labels, lang) }
                    </details>
                }
            </li>
        }
    });
    let more = if visible < n {
        let add = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(*shown + LINES_STEP))
        };
        let all = {
            let shown = shown.clone();
            Callback::from(move |_: MouseEvent| shown.set(n))
        };
        let label = match lang {
            Lang::Zh => format!("已显示 {visible} / {n} 笔"),
            Lang::En => format!("Showing {visible} of {n} lines"),
        };
        html! {
            <div class="more">
                <span class="more-status" role="status">{ label }</span>
                <button type="button" class="btn show-more" id={format!("more-{}", p.index)}
                    onclick={add}>{ lang.pick("显示更多", "Show more") }</button>
                <button type="button" class="btn show-all" onclick={all}>
                    { lang.pick("全部显示", "Show all") }
                </button>
            </div>
        }
    } else {
        html! {}
    };

    html! {
        <article class="card clause-card" data-clause={c.clause.clone()} aria-labelledby={heading_id.clone()}>
            <header class="card-head">
                <h3 id={heading_id}>
                    <span class="clause-id">{ c.clause.clone() }</span>{ " " }{ text(&c.title, lang) }
                </h3>
                <p class="payer">{ lang.pick("支付方：", "Payer: ") }{ side_name(c.payer, lang) }</p>
            </header>
            <p class="clause-figure">
                <span class="label">{ lang.pick("合计", "Total") }</span>{ " " }
                { money_class(c.total, "clause-total") }
                if c.uncapped != c.total {
                    <span class="clause-uncapped">
                        { lang.pick("（封顶前 ", " (before caps ") }{ money(c.uncapped) }{ lang.pick("）", ")") }
                    </span>
                }
            </p>
            { clause_warnings(report, &c.clause, lang) }
            { cap.unwrap_or_default() }
            if !shared.is_empty() { <ul class="shared-caps">{ for shared }</ul> }
            { readings }
            { rights }
            <h4>{ match lang { Lang::Zh => format!("明细（{n} 笔）"), Lang::En => format!("Lines ({n})") } }</h4>
            if n == 0 {
                <p class="empty">{ lang.pick("尚无违约金。", "No penalty so far.") }</p>
            } else {
                <ol class="lines">{ for lines }</ol>
            }
            { more }
        </article>
    }
}
