//! What the contract declares beside its clauses — deadlines, events, levels, items, shared caps —
//! each a form generated from the schema.

use yew::prelude::*;

use super::app::Ctx;
use super::form::member_form;
use super::form_view::FieldView;

#[function_component(Declarations)]
pub fn declarations() -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let s = ctx.s();
    let members = ["deadlines", "events", "levels", "items", "shared_caps"];
    let n_errors = members
        .iter()
        .map(|m| s.problems_at(m).filter(|p| p.is_error()).count())
        .sum::<usize>();
    html! {
        <section class="author-decl">
            <button type="button" class="decl-toggle" id="author-declarations" aria-expanded={open.to_string()} onclick={toggle}>
                { ctx.pick("合同声明：履约期限、事件、级别、分项、共用上限", "Declarations: deadlines, events, levels, items, shared caps") }
                if n_errors > 0 {
                    <span class="cl-errors">{ format!(" ({n_errors})") }</span>
                }
            </button>
            if *open {
                { for members.iter().filter_map(|m| member_form(&ctx.schema, &s.now.contract, m, ctx.lang))
                    .map(|f| { let k = f.key.clone(); html! { <FieldView key={k} field={f} /> } }) }
            }
        </section>
    }
}
