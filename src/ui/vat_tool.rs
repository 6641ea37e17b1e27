//! VAT split of a tax-inclusive amount.

use yew::prelude::*;

use crate::domain::Localize;
use crate::ui::field::{outcome, Field as Input};
use crate::ui::i18n::{tr, T};
use crate::ui::state::Field;
use crate::ui::tools_page::ToolProps;

#[function_component(VatTool)]
pub fn vat_tool(props: &ToolProps) -> Html {
    let lang = props.state.lang;
    let inputs = &props.state.inputs;
    let set = |field: Field| props.set(field);

    let result = outcome(lang, &props.state.results.vat, |v| {
        html! {
            <>
                <dl class="figures">
                    <dt>{ tr(lang, T::Net) }</dt><dd class="num">{ v.net.format_yuan() }</dd>
                    <dt>{ tr(lang, T::Tax) }</dt><dd class="num">{ v.tax.format_yuan() }</dd>
                </dl>
                <p class="explain">{ v.localize(lang) }</p>
            </>
        }
    });

    html! {
        <section class="tool" aria-labelledby="vat-title">
            <h2 id="vat-title">{ tr(lang, T::VatTitle) }</h2>
            <p class="hint">{ tr(lang, T::VatHint) }</p>
            <div class="inputs">
                <Input id="vat-amount" label={tr(lang, T::GrossAmount)} inputmode="decimal"
                    value={inputs.vat_amount.clone()} oninput={set(Field::VatAmount)} />
                <Input id="vat-rate" label={tr(lang, T::TaxRate)}
                    value={inputs.vat_rate.clone()} oninput={set(Field::VatRate)} />
            </div>
            <div id="vat-result" class="result" aria-live="polite">{ result }</div>
        </section>
    }
}
