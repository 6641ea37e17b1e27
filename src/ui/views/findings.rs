//! The findings tab. (First version: being built.)

use yew::prelude::*;

use super::{no_contract, ViewProps};

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let lang = props.state.lang();
    let Some(_report) = &props.state.report else {
        return no_contract(lang);
    };
    html! { <section class="view" id="view-findings"></section> }
}
