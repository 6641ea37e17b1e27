//! The document pane: the draft's text with each understood part highlighted (a click selects
//! its clause; a clause selected on its card scrolls its span into view) and every sentence that
//! was not understood marked and listed.

use yew::prelude::*;

use super::app::{Ctx, From};
use super::state::Review;

/// What a marked stretch of the text is.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    /// Found, for this clause (None: a contract-wide fact, the title, a party).
    Found(Option<String>),
    /// The `i`-th sentence not understood.
    Unread(usize),
}

/// The text cut into stretches, each plain (None) or marked; overlapping marks keep the first.
pub fn segments(text: &str, marks: &[(usize, usize, Mark)]) -> Vec<(String, Option<Mark>)> {
    let chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&(usize, usize, Mark)> = marks.iter().collect();
    sorted.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = Vec::new();
    let mut at = 0;
    for (s, e, m) in sorted {
        let (s, e) = ((*s).min(chars.len()), (*e).min(chars.len()));
        if s < at || e <= s {
            continue;
        }
        if s > at {
            out.push((chars[at..s].iter().collect(), None));
        }
        out.push((chars[s..e].iter().collect(), Some(m.clone())));
        at = e;
    }
    if at < chars.len() {
        out.push((chars[at..].iter().collect(), None));
    }
    out
}

#[function_component(DocumentPane)]
pub fn document_pane() -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let s = ctx.s();
    let lang = ctx.lang;
    let Some(d) = s.draft.clone() else {
        return html! {};
    };
    let selected = ctx.selected.as_ref().map(|(id, _)| id.clone());
    {
        // Selected on a card: its span scrolls into view.
        let from_cards = match &*ctx.selected {
            Some((id, From::Cards)) => Some(id.clone()),
            _ => None,
        };
        use_effect_with(from_cards, move |id| {
            if let Some(id) = id {
                let el = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|doc| {
                        doc.query_selector(&format!(
                            "mark[data-span-clause=\"{}\"]",
                            id.replace('"', "")
                        ))
                        .ok()
                        .flatten()
                    });
                if let Some(e) = el {
                    e.scroll_into_view();
                }
            }
        });
    }
    let mut marks: Vec<(usize, usize, Mark)> = d
        .found
        .iter()
        .map(|f| (f.span.start, f.span.end, Mark::Found(f.clause.clone())))
        .collect();
    marks.extend(
        d.not_understood
            .iter()
            .enumerate()
            .map(|(i, u)| (u.span.start, u.span.end, Mark::Unread(i))),
    );
    let parts = segments(&d.text, &marks).into_iter().map(|(text, m)| match m {
        None => html! { <span>{ text }</span> },
        Some(Mark::Found(Some(id))) => {
            let onclick = {
                let ctx = ctx.clone();
                let id = id.clone();
                Callback::from(move |_: MouseEvent| ctx.select(&id, From::Document))
            };
            let rejected = s.review(&id) == Review::Rejected;
            let class = classes!(
                "span-found",
                (selected.as_deref() == Some(id.as_str())).then_some("selected"),
                rejected.then_some("rejected")
            );
            html! { <mark class={class} data-span-clause={id.clone()} {onclick} title={lang.pick("点击查看对应条款", "Click to see its clause")}>{ text }</mark> }
        }
        Some(Mark::Found(None)) => html! { <mark class="span-fact">{ text }</mark> },
        Some(Mark::Unread(i)) => html! { <mark class="span-unread" id={format!("unread-{i}")}
            title={lang.pick("未能理解的句子", "Not understood")}>{ text }</mark> },
    });
    let chars: Vec<char> = d.text.chars().collect();
    let unread = d.not_understood.iter().enumerate().map(|(i, u)| {
        let t: String = chars[u.span.start.min(chars.len())..u.span.end.min(chars.len())]
            .iter()
            .collect();
        let short: String = if t.chars().count() > 90 {
            t.chars().take(88).collect::<String>() + "…"
        } else {
            t
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(e) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|doc| doc.get_element_by_id(&format!("unread-{i}")))
            {
                e.scroll_into_view();
            }
        });
        html! {
            <li key={i}>
                <button type="button" class="unread-item" {onclick}>
                    if let Some(c) = &u.clause {
                        <span class="cl-num">{ c.clone() }</span>
                    }
                    { short }
                </button>
            </li>
        }
    });
    html! {
        <section class="author-document" aria-label={lang.pick("合同原文", "The document")}>
            <h2>{ lang.pick("合同原文", "The document") }</h2>
            <p class="hint">
                <mark class="span-found">{ lang.pick("已理解", "understood") }</mark>{ " " }
                <mark class="span-unread">{ lang.pick("未能理解", "not understood") }</mark>
            </p>
            <div class="doc-text">{ for parts }</div>
            <details class="doc-unread" open=true>
                <summary>{ format!("{}（{}）", lang.pick("未能理解的句子", "Sentences not understood"), d.not_understood.len()) }</summary>
                <ul>{ for unread }</ul>
            </details>
        </section>
    }
}
