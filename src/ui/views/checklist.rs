//! The checklist tab: obligation instances, filtered by status, counted, in pages.

use yew::prelude::*;

use super::widgets::{
    obligation_status, obligation_status_id, page_bounds, side_name, text, Pager,
};
use super::{no_report, ViewProps};
use crate::domain::report::{ObligationInstance, ObligationStatus};
use crate::domain::Lang;

/// Rows a page.
pub const PER_PAGE: usize = 100;

/// Which instances to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    All,
    Only(ObligationStatus),
}

impl Filter {
    /// The filters in the order shown.
    pub const ALL: [Filter; 6] = [
        Filter::All,
        Filter::Only(ObligationStatus::Missed),
        Filter::Only(ObligationStatus::DueSoon),
        Filter::Only(ObligationStatus::DoneLate),
        Filter::Only(ObligationStatus::Done),
        Filter::Only(ObligationStatus::NotYetDue),
    ];

    /// The radio button's id: `filter-all`, `filter-missed`, `filter-due-soon`…
    pub fn id(self) -> String {
        match self {
            Filter::All => "filter-all".into(),
            Filter::Only(s) => format!("filter-{}", obligation_status_id(s).replace('_', "-")),
        }
    }

    pub fn matches(self, o: &ObligationInstance) -> bool {
        match self {
            Filter::All => true,
            Filter::Only(s) => o.status == s,
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match self {
            Filter::All => lang.pick("全部", "All"),
            Filter::Only(s) => obligation_status(s, lang),
        }
    }
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let filter = use_state(|| Filter::All);
    let page = use_state(|| 0usize);
    let Some(report) = &props.state.report else {
        return no_report(&props.state);
    };
    let all = &report.obligations;
    let radios = Filter::ALL.iter().map(|&f| {
        let count = all.iter().filter(|o| f.matches(o)).count();
        let onchange = {
            let filter = filter.clone();
            let page = page.clone();
            Callback::from(move |_: Event| {
                filter.set(f);
                page.set(0);
            })
        };
        let id = f.id();
        html! {
            <label for={id.clone()} class={classes!("filter", (*filter == f).then_some("is-active"))}>
                <input type="radio" name="checklist-filter" id={id} checked={*filter == f} {onchange} />
                { f.name(lang) }{ " " }<span class="count num">{ format!("({count})") }</span>
            </label>
        }
    });
    let rows: Vec<&ObligationInstance> = all.iter().filter(|o| filter.matches(o)).collect();
    let b = page_bounds(rows.len(), *page, PER_PAGE);
    let onpage = {
        let page = page.clone();
        Callback::from(move |p: usize| page.set(p))
    };
    let body = rows[b.start..b.end].iter().map(|o| {
        let id = obligation_status_id(o.status);
        html! {
            <tr data-status={id} data-clause={o.clause.clone()}
                class={classes!(format!("status-{id}"))}>
                <th scope="row">{ text(&o.label, lang) }<span class="sub">{ o.clause.clone() }</span></th>
                <td>{ side_name(o.party, lang) }</td>
                <td class="num">{ o.due.to_string() }</td>
                <td class="num">{ format!("{}/{}", o.done_count, o.required) }</td>
                <td class="num">{ o.done.map(|d| d.to_string()).unwrap_or_else(|| "–".into()) }</td>
                <td><span class={classes!("status", format!("status-{id}"))}>{ obligation_status(o.status, lang) }</span></td>
            </tr>
        }
    });
    html! {
        <section class="view" id="view-checklist" aria-labelledby="checklist-title">
            <h2 id="checklist-title">{ lang.pick("义务清单", "Obligation checklist") }</h2>
            if all.is_empty() {
                <p class="empty">{ lang.pick("本合同没有定期义务。", "This contract has no obligations.") }</p>
            } else {
                <fieldset class="filters">
                    <legend>{ lang.pick("按状态筛选", "Filter by status") }</legend>
                    { for radios }
                </fieldset>
                <Pager id="checklist-pager" {lang} bounds={b} len={rows.len()} onpage={onpage.clone()} />
                <div class="table-wrap" tabindex="0" role="region" aria-labelledby="checklist-title">
                    <table class="data checklist" id="checklist-table">
                        <thead><tr>
                            <th scope="col">{ lang.pick("义务", "Obligation") }</th>
                            <th scope="col">{ lang.pick("义务方", "Party") }</th>
                            <th scope="col">{ lang.pick("到期日", "Due") }</th>
                            <th scope="col">{ lang.pick("完成/应完成", "Done / required") }</th>
                            <th scope="col">{ lang.pick("完成日期", "Done on") }</th>
                            <th scope="col">{ lang.pick("状态", "Status") }</th>
                        </tr></thead>
                        <tbody>{ for body }</tbody>
                    </table>
                </div>
                if b.pages > 1 {
                    <Pager id="checklist-pager-bottom" {lang} bounds={b} len={rows.len()} {onpage} />
                }
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_ids() {
        let ids: Vec<String> = Filter::ALL.iter().map(|f| f.id()).collect();
        assert_eq!(
            ids,
            [
                "filter-all",
                "filter-missed",
                "filter-due-soon",
                "filter-done-late",
                "filter-done",
                "filter-not-yet-due"
            ]
        );
    }
}
