//! The button that switches between Chinese and English.

use yew::prelude::*;

use crate::domain::Lang;
use crate::ui::i18n::{tr, T};

#[derive(Properties, PartialEq)]
pub struct LangSwitchProps {
    pub lang: Lang,
    pub onswitch: Callback<Lang>,
}

#[function_component(LangSwitch)]
pub fn lang_switch(props: &LangSwitchProps) -> Html {
    let other = props.lang.pick(Lang::En, Lang::Zh);
    let onclick = props.onswitch.reform(move |_: MouseEvent| other);
    html! {
        <button id="lang-switch" type="button" class="lang-switch"
            lang={other.html_tag()}
            aria-label={tr(props.lang, T::SwitchLanguageLabel)}
            {onclick}>
            { tr(props.lang, T::SwitchLanguage) }
        </button>
    }
}
