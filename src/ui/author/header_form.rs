//! The contract's header: title, the two parties, the total, the signing date and the term.

use serde_json::Value;
use yew::prelude::*;

use super::app::Ctx;
use super::form::InputKind;
use super::inputs::TextInput;
use super::state::{Action, Header};

#[function_component(HeaderForm)]
pub fn header_form() -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let s = ctx.s();
    let c = &s.now.contract;
    let text = |v: &Value| {
        v.as_str()
            .map(str::to_string)
            .unwrap_or_else(|| v.to_string().trim_matches('"').to_string())
    };
    let error = |path: &str| {
        s.problems_exactly(path)
            .find(|p| p.is_error())
            .map(|p| ctx.lang.pick(&p.zh, &p.en).clone())
    };
    let term = s
        .now
        .contract
        .get("clauses")
        .and_then(Value::as_array)
        .and_then(|a| {
            a.iter()
                .position(|x| x.pointer("/rule/kind").and_then(Value::as_str) == Some("term"))
        });
    let rule = term
        .map(|i| c["clauses"][i]["rule"].clone())
        .unwrap_or(Value::Null);
    let signing = rule
        .pointer("/start/date")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let n = rule
        .pointer("/length/n")
        .map(|v| v.to_string())
        .unwrap_or_default();
    let unit = rule
        .pointer("/length/unit")
        .and_then(Value::as_str)
        .unwrap_or("years")
        .to_string();
    let term_path = term
        .map(|i| format!("clauses[{i}].rule"))
        .unwrap_or_default();
    let term_error = s
        .problems_at(&term_path)
        .find(|p| p.is_error() && !term_path.is_empty())
        .map(|p| ctx.lang.pick(&p.zh, &p.en).clone());
    let send = |f: fn(String) -> Header| {
        let state = ctx.state.clone();
        Callback::from(move |v: Value| {
            state.dispatch(Action::Header(f(super::form::scalar_text(&v))))
        })
    };
    let on_n = {
        let state = ctx.state.clone();
        let unit = unit.clone();
        Callback::from(move |v: Value| {
            if let Some(n) = v.as_u64().and_then(|n| u32::try_from(n).ok()) {
                state.dispatch(Action::Header(Header::Term(n, unit.clone())));
            }
        })
    };
    let n_now = rule
        .pointer("/length/n")
        .and_then(Value::as_u64)
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(1);
    let on_unit = {
        let state = ctx.state.clone();
        Callback::from(move |e: Event| {
            let v = crate::ui::author::inputs::select_value(&e);
            state.dispatch(Action::Header(Header::Term(n_now, v)));
        })
    };
    let units = [
        ("years", "年", "years"),
        ("months", "个月", "months"),
        ("days", "日", "days"),
    ];
    let lang = ctx.lang;
    html! {
        <section class="author-header" aria-label={ctx.pick("合同基本信息", "The contract")}>
            <div class="ah-grid">
                <TextInput id="author-title" label={ctx.pick("合同名称", "Title")} kind={InputKind::Text}
                    path="title" value={text(&c["title"])} error={error("title")} on_value={send(Header::Title)} />
                <TextInput id="author-buyer" label={ctx.pick("甲方（采购方）", "Buyer (甲方)")} kind={InputKind::Text}
                    path="parties.buyer.name" value={text(&c["parties"]["buyer"]["name"])}
                    error={error("parties.buyer.name")} on_value={send(Header::Buyer)} />
                <TextInput id="author-seller" label={ctx.pick("乙方（供应方）", "Seller (乙方)")} kind={InputKind::Text}
                    path="parties.seller.name" value={text(&c["parties"]["seller"]["name"])}
                    error={error("parties.seller.name")} on_value={send(Header::Seller)} />
                <TextInput id="author-total" label={ctx.pick("合同总价（元）", "Total (yuan)")} kind={InputKind::Amount}
                    path="total" value={c.get("total").map(|t| super::form::shown(InputKind::Amount, &text(t))).unwrap_or_default()}
                    hint={ctx.pick("如 200000、¥200,000.00、20万", "e.g. 200000, ¥200,000.00, 20万")}
                    error={error("total")} on_value={send(Header::Total)} />
                <TextInput id="author-signing" label={ctx.pick("签订日期（期限起算）", "Signed (term starts)")} kind={InputKind::Date}
                    path="" value={signing} hint={ctx.pick("不填则按履约记录中的签订日期", "empty: the record's signing date")}
                    error={None::<String>} on_value={send(Header::Signing)} />
                <div class="ah-term">
                    <TextInput id="author-term-n" label={ctx.pick("合同期限", "Term")} kind={InputKind::Integer}
                        path="" value={n} error={term_error} on_value={on_n} />
                    <label class="af-field">
                        <span class="af-label">{ ctx.pick("单位", "Unit") }</span>
                        <select id="author-term-unit" onchange={on_unit}>
                            { for units.iter().map(|(v, zh, en)| html! {
                                <option value={*v} selected={unit == *v}>{ lang.pick(*zh, *en) }</option>
                            }) }
                        </select>
                    </label>
                </div>
            </div>
        </section>
    }
}
