//! Small pieces the result views share: an amount with its uppercase words as a tooltip,
//! status names, a list of explanation steps, and a pager for long tables.

use yew::prelude::*;

/// Status names: the explanation module is their one home.
pub use crate::domain::explain::{obligation_status, payment_status, timer_status};

use crate::domain::contract::{Label, Side};
use crate::domain::labels::Labels;
use crate::domain::money::{to_words, Amount};
use crate::domain::report::{ObligationStatus, PaymentStatus, Report, Severity, Step, TimerStatus};
use crate::domain::Lang;

/// A label in the language, falling back to Chinese.
pub fn text(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::Zh => l.zh.clone(),
        Lang::En => l.en.clone().unwrap_or_else(|| l.zh.clone()),
    }
}

/// 甲方 / 乙方.
pub fn side_name(s: Side, lang: Lang) -> &'static str {
    match s {
        Side::Buyer => lang.pick("甲方", "Buyer"),
        Side::Seller => lang.pick("乙方", "Seller"),
    }
}

/// A party of a rule: a side, or whichever party breaches.
pub fn party_name(p: crate::domain::contract::PartyRef, lang: Lang) -> &'static str {
    match p.side() {
        Some(s) => side_name(s, lang),
        None => lang.pick("违约方", "Breaching party"),
    }
}

/// An amount as `¥1,234.00`, with its uppercase words (大写) as the tooltip.
pub fn money(a: Amount) -> Html {
    money_class(a, "")
}

/// [`money`] with an extra class on the element that holds exactly the formatted amount.
pub fn money_class(a: Amount, class: &'static str) -> Html {
    let title = to_words(a).ok();
    html! {
        <span class={classes!("amount", "num", (!class.is_empty()).then_some(class))} {title}>
            { a.format_yuan() }
        </span>
    }
}

/// The sum of some amounts (None if it overflows).
pub fn sum<'a>(amounts: impl IntoIterator<Item = &'a Amount>) -> Option<Amount> {
    amounts
        .into_iter()
        .try_fold(Amount::default(), |acc, a| acc.checked_add(*a))
}

/// The labels of the open contract and its report: what every view calls a declared name.
pub fn labels(state: &crate::ui::store::AppState) -> Labels {
    match (&state.ws.contract, &state.report) {
        (Some(c), Some(r)) => Labels::of_report(c, r),
        (Some(c), None) => Labels::of(c),
        _ => Labels::default(),
    }
}

/// The steps of an explanation as an ordered list, their ids said by their labels.
pub fn steps_list(steps: &[Step], labels: &Labels, lang: Lang) -> Html {
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <ol class="steps">
            { for steps.iter().map(|s| html! { <li>{ labels.step(s, lang) }</li> }) }
        </ol>
    }
}

/// The steps in a `<details>` with a short summary.
pub fn steps_details(steps: &[Step], labels: &Labels, lang: Lang) -> Html {
    if steps.is_empty() {
        return html! {};
    }
    html! {
        <details class="explain-details">
            <summary>{ lang.pick("计算过程", "How it was computed") }</summary>
            { steps_list(steps, labels, lang) }
        </details>
    }
}

/// The status's id, as in the report's JSON (`paid_late`).
pub fn payment_status_id(s: PaymentStatus) -> &'static str {
    match s {
        PaymentStatus::Paid => "paid",
        PaymentStatus::PaidLate => "paid_late",
        PaymentStatus::Overdue => "overdue",
        PaymentStatus::Due => "due",
        PaymentStatus::NotYetDue => "not_yet_due",
        PaymentStatus::Pending => "pending",
    }
}

/// The status's id, as in the report's JSON.
pub fn timer_status_id(s: TimerStatus) -> &'static str {
    match s {
        TimerStatus::Met => "met",
        TimerStatus::Breached => "breached",
        TimerStatus::Running => "running",
        TimerStatus::Overdue => "overdue",
        TimerStatus::Excused => "excused",
    }
}

/// The status's id, as in the report's JSON (`due_soon`).
pub fn obligation_status_id(s: ObligationStatus) -> &'static str {
    match s {
        ObligationStatus::Done => "done",
        ObligationStatus::DoneLate => "done_late",
        ObligationStatus::Missed => "missed",
        ObligationStatus::DueSoon => "due_soon",
        ObligationStatus::NotYetDue => "not_yet_due",
    }
}

pub fn severity_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("错误", "Errors"),
        Severity::Warning => lang.pick("警告", "Warnings"),
        Severity::Info => lang.pick("提示", "Notes"),
    }
}

pub fn severity_id(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// One page of a list: the rows `start..end` of `len`, the page (clamped) and the page count
/// (at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageBounds {
    pub start: usize,
    pub end: usize,
    pub page: usize,
    pub pages: usize,
}

/// The bounds of page `page` (0-based) of `len` rows, `per` a page.
pub fn page_bounds(len: usize, page: usize, per: usize) -> PageBounds {
    let per = per.max(1);
    let pages = len.div_ceil(per).max(1);
    let page = page.min(pages - 1);
    let start = (page * per).min(len);
    let end = (start + per).min(len);
    PageBounds {
        start,
        end,
        page,
        pages,
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct PagerProps {
    /// Prefix of the buttons' ids (`{id}-prev`, `{id}-next`).
    pub id: AttrValue,
    pub lang: Lang,
    pub bounds: PageBounds,
    pub len: usize,
    pub onpage: Callback<usize>,
}

/// Previous / next buttons and "rows a–b of n"; nothing when everything fits on one page.
#[function_component(Pager)]
pub fn pager(p: &PagerProps) -> Html {
    let b = p.bounds;
    let lang = p.lang;
    let status = if p.len == 0 {
        lang.pick("无记录", "No rows").to_string()
    } else {
        match lang {
            Lang::Zh => format!(
                "第 {}–{} 条，共 {} 条（第 {}/{} 页）",
                b.start + 1,
                b.end,
                p.len,
                b.page + 1,
                b.pages
            ),
            Lang::En => format!(
                "Rows {}–{} of {} (page {} of {})",
                b.start + 1,
                b.end,
                p.len,
                b.page + 1,
                b.pages
            ),
        }
    };
    if b.pages <= 1 {
        return html! { <p class="pager-status" role="status">{ status }</p> };
    }
    let prev = {
        let onpage = p.onpage.clone();
        let page = b.page;
        Callback::from(move |_: MouseEvent| onpage.emit(page.saturating_sub(1)))
    };
    let next = {
        let onpage = p.onpage.clone();
        let page = b.page;
        Callback::from(move |_: MouseEvent| onpage.emit(page + 1))
    };
    html! {
        <nav class="pager" aria-label={lang.pick("分页", "Pages")}>
            <button type="button" id={format!("{}-prev", p.id)} class="btn"
                disabled={b.page == 0} onclick={prev}>{ lang.pick("上一页", "Previous") }</button>
            <span class="pager-status" role="status" aria-live="polite">{ status }</span>
            <button type="button" id={format!("{}-next", p.id)} class="btn"
                disabled={b.page + 1 >= b.pages} onclick={next}>{ lang.pick("下一页", "Next") }</button>
        </nav>
    }
}

/// A heading and a message for an empty list.
pub fn empty(lang: Lang, zh: &'static str, en: &'static str) -> Html {
    html! { <p class="empty">{ lang.pick(zh, en) }</p> }
}

/// The report's warnings about one clause, shown beside its figures (a consent it cannot use,
/// a reading it does not have, a complaint level it does not price); nothing when there is none.
pub fn clause_warnings(report: &Report, clause: &str, lang: Lang) -> Html {
    let mine: Vec<Html> = report
        .warnings
        .iter()
        .filter(|w| w.clause.as_deref() == Some(clause))
        .map(|w| {
            html! {
                <li class="warning" data-code={w.code.clone()}
                    data-path={w.path.clone().unwrap_or_default()}>{ lang.pick(&w.zh, &w.en).clone() }</li>
            }
        })
        .collect();
    if mine.is_empty() {
        return html! {};
    }
    html! { <ul class="clause-warnings" role="note">{ for mine }</ul> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_of_a_list() {
        let b = page_bounds(250, 0, 100);
        assert_eq!((b.start, b.end, b.page, b.pages), (0, 100, 0, 3));
        let b = page_bounds(250, 2, 100);
        assert_eq!((b.start, b.end, b.page, b.pages), (200, 250, 2, 3));
        // A page past the end is the last page.
        let b = page_bounds(250, 9, 100);
        assert_eq!((b.start, b.end, b.page), (200, 250, 2));
        // An empty list has one empty page.
        let b = page_bounds(0, 3, 100);
        assert_eq!((b.start, b.end, b.page, b.pages), (0, 0, 0, 1));
        let b = page_bounds(100, 0, 100);
        assert_eq!(b.pages, 1);
        let b = page_bounds(5, 0, 0);
        assert_eq!(b.pages, 5);
    }

    #[test]
    fn sums() {
        let a: Amount = "1.50".parse().unwrap();
        let b: Amount = "2.25".parse().unwrap();
        assert_eq!(sum([&a, &b]), Some("3.75".parse().unwrap()));
        assert_eq!(sum([]), Some(Amount::default()));
    }
}
