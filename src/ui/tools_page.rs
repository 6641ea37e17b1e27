//! The calculators (deadline, working days, amounts in words, VAT) as one tab. They keep their
//! own small reducer (`ui::state`); their inputs travel in the workspace so they are saved too.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::Lang;
use crate::ui::deadline_tool::DeadlineTool;
use crate::ui::state::{Action, Field, Inputs, Saved, State};
use crate::ui::vat_tool::VatTool;
use crate::ui::words_tool::WordsTool;
use crate::ui::workday_tool::WorkdayTool;

/// Properties every calculator receives: the tools' state and the way to change it.
#[derive(Properties, PartialEq, Clone)]
pub struct ToolProps {
    pub state: Rc<State>,
    pub dispatch: Callback<Action>,
}

impl ToolProps {
    /// The callback that stores what the user types into `field`.
    pub fn set(&self, field: Field) -> Callback<String> {
        self.dispatch.reform(move |v: String| Action::Set(field, v))
    }
}

#[derive(Properties, PartialEq)]
pub struct ToolsPageProps {
    pub lang: Lang,
    pub inputs: Inputs,
    /// Called with the inputs after every edit (the app saves them).
    pub onchange: Callback<Inputs>,
}

#[function_component(ToolsPage)]
pub fn tools_page(props: &ToolsPageProps) -> Html {
    let tools = {
        let saved = Saved {
            lang: props.lang,
            inputs: props.inputs.clone(),
        };
        use_reducer_eq(move || State::new(saved))
    };
    {
        let tools = tools.clone();
        use_effect_with(props.lang, move |lang| {
            tools.dispatch(Action::SetLang(*lang))
        });
    }
    {
        let onchange = props.onchange.clone();
        use_effect_with(tools.inputs.clone(), move |inputs| {
            onchange.emit(inputs.clone())
        });
    }
    let dispatch = {
        let tools = tools.clone();
        Callback::from(move |a: Action| tools.dispatch(a))
    };
    let state = Rc::new((*tools).clone());
    html! {
        <div class="tools">
            <DeadlineTool state={state.clone()} dispatch={dispatch.clone()} />
            <WorkdayTool state={state.clone()} dispatch={dispatch.clone()} />
            <WordsTool state={state.clone()} dispatch={dispatch.clone()} />
            <VatTool state={state} dispatch={dispatch} />
        </div>
    }
}
