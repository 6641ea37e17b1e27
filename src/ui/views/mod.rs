//! The tabs of the page, one component per file. Each receives the app's state and the way to
//! change it ([`ViewProps`]) and draws from the report; none computes a figure.

pub mod charts;
pub mod checklist;
pub mod contract;
pub mod findings;
pub mod payments;
pub mod penalties;
pub mod record;
pub mod scenarios;
pub mod sla;
pub mod statement;
pub mod summary;
pub mod svg;
pub mod widgets;

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::store::{Action, AppState};

/// What every tab receives.
#[derive(Properties, PartialEq, Clone)]
pub struct ViewProps {
    pub state: Rc<AppState>,
    pub dispatch: Callback<Action>,
}

/// A message for a tab that has nothing to show because no contract is loaded.
pub fn no_contract(lang: crate::domain::Lang) -> Html {
    html! { <p class="empty">{ lang.pick("尚未载入合同。请在上方选择示例或打开文件。", "No contract loaded. Pick an example or open a file above.") }</p> }
}

/// A message for a tab that has no report to show: why the evaluation gave none (a figure too
/// large to compute; the work is kept, the record and the contract can still be edited), or
/// that no contract is loaded.
pub fn no_report(state: &AppState) -> Html {
    let lang = state.lang();
    match &state.eval_error {
        Some(e) => html! {
            <p class="empty eval-error" role="alert">
                { lang.pick("无法出具计算结果：", "No figures could be computed: ") }
                { crate::domain::Localize::localize(e, lang) }
            </p>
        },
        None => no_contract(lang),
    }
}
