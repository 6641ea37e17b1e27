//! The root component: the reducer, the effects, and the page's frame.

use yew::prelude::*;

use crate::domain::Lang;
use crate::ui::deadline_tool::DeadlineTool;
use crate::ui::i18n::{tr, T};
use crate::ui::lang_switch::LangSwitch;
use crate::ui::state::{Action, Field, State};
use crate::ui::storage;
use crate::ui::vat_tool::VatTool;
use crate::ui::words_tool::WordsTool;
use crate::ui::workday_tool::WorkdayTool;

/// Properties every tool receives: the state and the way to change it.
#[derive(Properties, PartialEq, Clone)]
pub struct ToolProps {
    pub state: std::rc::Rc<State>,
    pub dispatch: Callback<Action>,
}

impl ToolProps {
    /// The callback that stores what the user types into `field`.
    pub fn set(&self, field: Field) -> Callback<String> {
        self.dispatch.reform(move |v: String| Action::Set(field, v))
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer_eq(|| State::new(storage::load()));

    // Effects: keep the document's language and the saved copy in step with the state.
    {
        let saved = state.saved();
        use_effect_with(saved, |saved| {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.set_attribute("lang", saved.lang.html_tag());
            }
            gloo::utils::document().set_title(
                saved
                    .lang
                    .pick("履约 lvyue · 合同计算工具", "lvyue · contract calculator"),
            );
            // A refused save (storage full or blocked) loses nothing on the page itself.
            let _ = storage::save(saved);
        });
    }

    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let onswitch = dispatch.reform(Action::SetLang);
    let lang: Lang = state.lang;
    let state_rc = std::rc::Rc::new((*state).clone());

    html! {
        <div class="app" data-ready="1">
            <header class="top">
                <div class="brand">
                    <h1>{ tr(lang, T::AppTitle) }<span class="brand-latin">{ lang.pick(" lvyue", "") }</span></h1>
                    <p class="tagline">{ tr(lang, T::AppTagline) }</p>
                </div>
                <LangSwitch {lang} {onswitch} />
            </header>
            <main class="tools">
                <DeadlineTool state={state_rc.clone()} dispatch={dispatch.clone()} />
                <WorkdayTool state={state_rc.clone()} dispatch={dispatch.clone()} />
                <WordsTool state={state_rc.clone()} dispatch={dispatch.clone()} />
                <VatTool state={state_rc} dispatch={dispatch} />
            </main>
            <footer class="bottom">
                <p>{ tr(lang, T::PrivacyNote) }</p>
                <p>{ tr(lang, T::Footer) }</p>
            </footer>
        </div>
    }
}
