//! The authoring view's frame: the reducer ([`super::state`]) behind a Yew hook, the toolbar,
//! the header, the document pane (when drafted) beside the clause cards, the declarations.

use std::rc::Rc;

use chrono::NaiveDate;
use yew::prelude::*;

use super::clause_card::ClauseCard;
use super::declarations::Declarations;
use super::document::DocumentPane;
use super::form::Schema;
use super::header_form::HeaderForm;
use super::state::{Action, AuthorState};
use super::toolbar::Toolbar;
use super::AuthorInput;
use crate::domain::Lang;

/// The reducer's state as a Yew reducible.
pub struct Model(pub AuthorState);

/// Every reduction makes a new model: two are the same only when they are one.
impl PartialEq for Model {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Reducible for Model {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = Rc::try_unwrap(self)
            .map(|m| m.0)
            .unwrap_or_else(|rc| rc.0.clone());
        s.apply(action);
        Rc::new(Model(s))
    }
}

/// Which pane a selection came from (the other one scrolls to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum From {
    Document,
    Cards,
}

/// What every part of the view reads: the state, the language, the schema, the selection.
#[derive(Clone, PartialEq)]
pub struct Ctx {
    pub state: UseReducerHandle<Model>,
    pub lang: Lang,
    pub schema: Rc<Schema>,
    pub selected: UseStateHandle<Option<(String, From)>>,
}

impl Ctx {
    pub fn s(&self) -> &AuthorState {
        &self.state.0
    }

    /// A callback that dispatches `action` whatever the event.
    pub fn send<E: 'static>(&self, action: Action) -> Callback<E> {
        let state = self.state.clone();
        Callback::from(move |_| state.dispatch(action.clone()))
    }

    pub fn pick<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// Selects a clause (its card and its span are highlighted; the other pane scrolls).
    pub fn select(&self, id: &str, from: From) {
        self.selected.set(Some((id.to_string(), from)));
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub input: Rc<AuthorInput>,
    /// The as-of date of an empty record (today, from the page).
    pub as_of: NaiveDate,
    /// The finished contract's JSON, or None when the user leaves.
    pub on_done: Callback<Option<String>>,
}

/// The state an input opens with.
pub fn initial(input: &AuthorInput, as_of: NaiveDate) -> AuthorState {
    let lang = Lang::parse(&input.lang).unwrap_or_default();
    let mut s = match &input.draft {
        Some(d) => AuthorState::from_draft(lang, d.clone(), input.events.clone(), as_of),
        None => {
            AuthorState::from_contract(lang, input.contract.clone(), input.events.clone(), as_of)
        }
    };
    s.name = input.name.clone();
    s
}

#[function_component(AuthorApp)]
pub fn author_app(p: &AppProps) -> Html {
    let input = p.input.clone();
    let as_of = p.as_of;
    let state = use_reducer(move || Model(initial(&input, as_of)));
    let selected = use_state(|| None);
    let schema = use_memo((), |_| Schema::contract());
    let show_json = use_state(|| false);
    let lang = state.0.lang;
    {
        let on_done = p.on_done.clone();
        use_effect_with(state.0.finished.clone(), move |f| {
            if let Some(text) = f {
                on_done.emit(Some(text.clone()));
            }
        });
    }
    let ctx = Ctx {
        state: state.clone(),
        lang,
        schema,
        selected,
    };
    let s = &state.0;
    let ids = s.clause_ids();
    let cards = ids.iter().enumerate().map(|(i, id)| {
        html! { <ClauseCard key={format!("{i}-{id}")} id={id.clone()} index={i} /> }
    });
    let on_cancel = {
        let on_done = p.on_done.clone();
        Callback::from(move |_: MouseEvent| on_done.emit(None))
    };
    let toggle_json = {
        let show = show_json.clone();
        Callback::from(move |_: MouseEvent| show.set(!*show))
    };
    let refused = s.refused.then(|| {
        let n = s.problems.iter().filter(|p| p.is_error()).count();
        html! {
            <p class="author-refused" role="alert">
                { match lang {
                    Lang::En => format!("The contract has {n} error(s): correct the fields marked in red, then press Done."),
                    _ => format!("合同还有 {n} 处错误：请先改正标红的字段，再按“完成”。"),
                } }
            </p>
        }
    });
    let general: Vec<Html> = s
        .problems
        .iter()
        .filter(|p| p.is_error() && (p.path.is_empty() || !p.path.starts_with("clauses[")))
        .filter(|p| {
            ![
                "title",
                "total",
                "parties.buyer.name",
                "parties.seller.name",
            ]
            .contains(&p.path.as_str())
        })
        .map(|p| html! { <li>{ lang.pick(&p.zh, &p.en).clone() }</li> })
        .collect();
    let drafted = s.draft.is_some();
    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="author" lang={lang.pick("zh-CN", "en")}>
                <Toolbar on_cancel={on_cancel} on_json={toggle_json} json={*show_json} />
                { for refused }
                <HeaderForm />
                if !general.is_empty() {
                    <ul class="author-problems">{ for general }</ul>
                }
                <div class={classes!("author-panes", drafted.then_some("with-document"))}>
                    if drafted {
                        <DocumentPane />
                    }
                    <section class="author-clauses" aria-label={lang.pick("条款", "Clauses")}>
                        <h2>{ lang.pick("条款", "Clauses") }<small>{ format!(" {}", ids.len()) }</small></h2>
                        if ids.is_empty() {
                            <p class="hint">{ lang.pick("还没有条款：用“从模板添加”加入常见条款。", "No clause yet: add one from the templates.") }</p>
                        }
                        { for cards }
                        <Declarations />
                    </section>
                </div>
                if *show_json {
                    <pre class="author-json" id="author-json">{ s.result_text().unwrap_or_default() }</pre>
                }
            </div>
        </ContextProvider<Ctx>>
    }
}
