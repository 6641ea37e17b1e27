//! One clause as a card: its number and title, the canonical sentence of its rule, the
//! drafter's confidence, the figure it gives on the current record, the readings switch,
//! accept / reject / delete, and its form (generated from the schema).

use serde_json::Value;
use yew::prelude::*;

use super::app::{Ctx, From};
use super::form::clause_form;
use super::form_view::FieldView;
use super::inputs::select_value;
use super::state::{Action, Figure, Review};
use crate::domain::draft::Confidence;
use crate::domain::Lang;

#[derive(Properties, PartialEq)]
pub struct CardProps {
    pub id: String,
    pub index: usize,
}

fn kind_name(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "penalty" => lang.pick("违约金", "Penalty"),
        "payment" => lang.pick("付款", "Payment"),
        "sla" => lang.pick("服务时限", "Service levels"),
        "obligation" => lang.pick("义务", "Duty"),
        "term" => lang.pick("期限", "Term"),
        "right" => lang.pick("权利", "Right"),
        _ => lang.pick("其他", "Other"),
    }
}

/// The figure in words.
pub fn figure_text(f: &Figure, lang: Lang) -> String {
    match f {
        Figure::Penalty { total, capped } => match lang {
            Lang::En => format!("¥{total}{}", if *capped { " (capped)" } else { "" }),
            _ => format!("¥{total}{}", if *capped { "（已达上限）" } else { "" }),
        },
        Figure::Payment { amount, due } => {
            let a = amount
                .map(|a| format!("¥{a}"))
                .unwrap_or_else(|| lang.pick("按记录", "as recorded").into());
            match due {
                Some(d) => format!("{a} · {} {d}", lang.pick("到期", "due")),
                None => format!("{a} · {}", lang.pick("未到期", "not yet due")),
            }
        }
        Figure::Timers { started, breached } => match lang {
            Lang::En => format!("{started} timer(s), {breached} over"),
            _ => format!("计时 {started} 次，超时 {breached} 次"),
        },
        Figure::Duties { due, missed } => match lang {
            Lang::En => format!("{due} due, {missed} not done"),
            _ => format!("应履行 {due} 次，未完成 {missed} 次"),
        },
    }
}

#[function_component(ClauseCard)]
pub fn clause_card(p: &CardProps) -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let editing = use_state(|| false);
    let node = use_node_ref();
    let s = ctx.s();
    let lang = ctx.lang;
    let selected = ctx
        .selected
        .as_ref()
        .map(|(id, _)| id == &p.id)
        .unwrap_or(false);
    {
        // Selected in the document: this card scrolls into view.
        let node = node.clone();
        let from_doc = matches!(&*ctx.selected, Some((id, From::Document)) if id == &p.id);
        use_effect_with(from_doc, move |yes| {
            if *yes {
                if let Some(e) = node.cast::<web_sys::Element>() {
                    e.scroll_into_view();
                }
            }
        });
    }
    let Some(clause) = s.now.contract["clauses"].get(p.index).cloned() else {
        return html! {};
    };
    let kind = clause
        .pointer("/rule/kind")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let title = clause
        .get("title")
        .map(|t| match lang {
            Lang::En => t
                .get("en")
                .and_then(Value::as_str)
                .or(t.get("zh").and_then(Value::as_str)),
            _ => t.get("zh").and_then(Value::as_str),
        })
        .unwrap_or_default()
        .unwrap_or_default()
        .to_string();
    let review = s.review(&p.id);
    let found = s.found(&p.id);
    let sentence = found
        .map(|f| {
            lang.pick(
                &f.sentence.zh,
                f.sentence.en.as_ref().unwrap_or(&f.sentence.zh),
            )
            .clone()
        })
        .or_else(|| {
            let c = s.loaded.as_ref()?;
            let rule = &c.clauses.iter().find(|x| x.id == p.id)?.rule;
            let l = crate::domain::draft::canonical::sentence(rule, c);
            Some(lang.pick(l.zh.clone(), l.en.unwrap_or(l.zh)))
        })
        .unwrap_or_default();
    let confidence = found.map(|f| match f.confidence {
        Confidence::High => (lang.pick("把握：高", "Confidence: high"), "high"),
        Confidence::Medium => (lang.pick("把握：中", "Confidence: medium"), "medium"),
        Confidence::Low => (
            lang.pick("把握：低，请核对", "Confidence: low, check it"),
            "low",
        ),
    });
    let notes: Vec<String> = found
        .map(|f| {
            f.notes
                .iter()
                .map(|n| lang.pick(&n.zh, n.en.as_ref().unwrap_or(&n.zh)).clone())
                .collect()
        })
        .unwrap_or_default();
    let figure = if review == Review::Rejected {
        lang.pick("已拒绝：不计入合同", "Rejected: not in the contract")
            .to_string()
    } else {
        match (s.figure(&p.id), &s.no_figures) {
            (Some(f), _) => figure_text(&f, lang),
            (None, Some((zh, en))) => lang.pick(zh, en).clone(),
            (None, None) => "—".into(),
        }
    };
    let readings = s.readings(&p.id);
    let chosen = s.now.readings.get(&p.id).cloned();
    let on_reading = {
        let state = ctx.state.clone();
        let id = p.id.clone();
        Callback::from(move |e: Event| {
            let v = select_value(&e);
            state.dispatch(Action::Reading(id.clone(), (!v.is_empty()).then_some(v)));
        })
    };
    let path = format!("clauses[{}]", p.index);
    let n_errors = s.problems_at(&path).filter(|x| x.is_error()).count();
    let on_select = {
        let ctx = ctx.clone();
        let id = p.id.clone();
        Callback::from(move |_: MouseEvent| ctx.select(&id, From::Cards))
    };
    let toggle = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(!*editing))
    };
    let review_name = match review {
        Review::Pending => lang.pick("待审阅", "To review"),
        Review::Accepted => lang.pick("已接受", "Accepted"),
        Review::Rejected => lang.pick("已拒绝", "Rejected"),
    };
    let review_class = match review {
        Review::Pending => "pending",
        Review::Accepted => "accepted",
        Review::Rejected => "rejected",
    };
    // A section number is shown; an id that is no number (the blank contract's `term`) is not.
    let num = if p.id.chars().any(|c| c.is_ascii_digit()) {
        let n = super::form::section(&p.id);
        match lang {
            Lang::En => format!("§{n}"),
            _ => format!("第{n}条"),
        }
    } else {
        String::new()
    };
    let form = (*editing)
        .then(|| clause_form(&ctx.schema, &s.now.contract, p.index, lang))
        .flatten();
    html! {
        <article ref={node} id={format!("card-{}", p.index)} data-clause={p.id.clone()}
            class={classes!("clause-card", review_class, selected.then_some("selected"))}>
            <header onclick={on_select.clone()}>
                <span class="cl-num">{ num }</span>
                <h3>{ title }</h3>
                <span class="cl-kind">{ kind_name(&kind, lang) }</span>
                if s.draft.is_some() && s.now.review.contains_key(&p.id) {
                    <span class={classes!("cl-review", review_class)}>{ review_name }</span>
                }
            </header>
            <div class="cl-body">
                <div class="cl-text">
                    if !sentence.is_empty() {
                        <p class="cl-sentence" onclick={on_select}>{ sentence }</p>
                    }
                    if let Some((c, class)) = confidence {
                        <span class={classes!("cl-confidence", class)}>{ c }</span>
                    }
                    { for notes.into_iter().map(|n| html! { <p class="cl-note">{ n }</p> }) }
                </div>
                <div class="cl-figure" aria-label={lang.pick("按当前记录", "On the current record")}>
                    <span class="cl-figure-label">{ lang.pick("当前记录下", "On the record") }</span>
                    <strong class="cl-amount">{ figure }</strong>
                    if readings.len() > 1 {
                        <label class="cl-readings">
                            <span>{ lang.pick("解读", "Reading") }</span>
                            <select onchange={on_reading}>
                                <option value="" selected={chosen.is_none()}>{ lang.pick("默认", "Default") }</option>
                                { for readings.iter().map(|(id, l, total)| html! {
                                    <option value={id.clone()} selected={chosen.as_deref() == Some(id.as_str())}>
                                        { format!("{} · ¥{total}", lang.pick(&l.zh, l.en.as_ref().unwrap_or(&l.zh))) }
                                    </option>
                                }) }
                            </select>
                        </label>
                    }
                </div>
            </div>
            if n_errors > 0 {
                <p class="cl-errors" role="alert">{ match lang {
                    Lang::En => format!("{n_errors} error(s): open the form to correct them"),
                    _ => format!("{n_errors} 处错误：打开表单改正"),
                } }</p>
            }
            <div class="cl-actions">
                if review != Review::Accepted {
                    <button type="button" class="accept" onclick={ctx.send::<MouseEvent>(Action::Accept(p.id.clone()))}>
                        { lang.pick("接受", "Accept") }</button>
                }
                if review != Review::Rejected && s.now.review.contains_key(&p.id) {
                    <button type="button" class="reject" onclick={ctx.send::<MouseEvent>(Action::Reject(p.id.clone()))}>
                        { lang.pick("拒绝", "Reject") }</button>
                }
                <button type="button" class="edit" aria-expanded={editing.to_string()} onclick={toggle}>
                    { if *editing { lang.pick("收起", "Close") } else { lang.pick("编辑", "Edit") } }</button>
                <button type="button" class="delete" onclick={ctx.send::<MouseEvent>(Action::DeleteClause(p.id.clone()))}>
                    { lang.pick("删除", "Delete") }</button>
            </div>
            if let Some(f) = form {
                <div class="cl-form">
                    <FieldView field={f} labelled={false} />
                </div>
            }
        </article>
    }
}
