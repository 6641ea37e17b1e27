//! Draws a form generated from the schema ([`super::form::Field`]): every edit is an action of
//! the reducer at the field's path; the loader's problems are shown where their path points.

use serde_json::Value;
use yew::prelude::*;

use super::app::Ctx;
use super::form::{swapped, Control, Field};
use super::inputs::{select_value, TextInput};
use super::state::Action;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    pub field: Field,
    /// Whether to draw the field's own label (a clause's root has none).
    #[prop_or(true)]
    pub labelled: bool,
}

/// The loader's errors exactly at a path, in the view's language.
fn errors(ctx: &Ctx, path: &str) -> Vec<String> {
    ctx.s()
        .problems_exactly(path)
        .filter(|p| p.is_error())
        .map(|p| ctx.lang.pick(&p.zh, &p.en).clone())
        .collect()
}

fn error_list(list: Vec<String>) -> Html {
    if list.is_empty() {
        return html! {};
    }
    html! { <ul class="af-errors" role="alert">{ for list.into_iter().map(|e| html! { <li>{ e }</li> }) }</ul> }
}

#[function_component(FieldView)]
pub fn field_view(p: &FieldProps) -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let f = &p.field;
    let path_text = f.path.text();
    let remove = f.removable.then(|| {
        html! {
            <button type="button" class="af-remove" title={ctx.pick("删除此项", "Remove")}
                aria-label={format!("{} {}", ctx.pick("删除", "Remove"), f.label)}
                onclick={ctx.send::<MouseEvent>(Action::Remove(f.path.clone()))}>{ "×" }</button>
        }
    });
    let label = p
        .labelled
        .then(|| html! { <span class="af-label">{ f.label.clone() }</span> });
    match &f.control {
        Control::Nothing => html! {},
        Control::Input { kind, text } => {
            let state = ctx.state.clone();
            let path = f.path.clone();
            let on_value =
                Callback::from(move |v: Value| state.dispatch(Action::Set(path.clone(), v)));
            let error = errors(&ctx, &path_text).into_iter().next();
            html! {
                <div class="af-row">
                    <TextInput label={f.label.clone()} hint={f.hint.clone()} kind={*kind}
                        path={path_text.clone()} value={text.clone()} {error} {on_value} />
                    { for remove }
                </div>
            }
        }
        Control::Check(b) => {
            let state = ctx.state.clone();
            let path = f.path.clone();
            let now = *b;
            let onchange = Callback::from(move |_: Event| {
                state.dispatch(Action::Set(path.clone(), Value::Bool(!now)))
            });
            html! {
                <div class="af-row">
                    <label class="af-check" title={f.hint.clone()}>
                        <input type="checkbox" checked={*b} data-path={path_text.clone()} {onchange} />
                        { f.label.clone() }
                    </label>
                    { for remove }
                </div>
            }
        }
        Control::Select { choices, chosen } => {
            let state = ctx.state.clone();
            let path = f.path.clone();
            let values = choices.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
            let onchange = Callback::from(move |e: Event| {
                if let Some(v) = select_value(&e)
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| values.get(i))
                {
                    state.dispatch(Action::Set(path.clone(), v.clone()));
                }
            });
            let errs = errors(&ctx, &path_text);
            html! {
                <div class="af-row">
                    <label class={classes!("af-field", (!errs.is_empty()).then_some("invalid"))} title={f.hint.clone()}>
                        { for label }
                        <select data-path={path_text.clone()} {onchange}>
                            if chosen.is_none() {
                                <option selected=true value="">{ ctx.pick("（请选择）", "(choose)") }</option>
                            }
                            { for choices.iter().enumerate().map(|(i, c)| html! {
                                <option value={i.to_string()} selected={*chosen == Some(i)}>{ c.label.clone() }</option>
                            }) }
                        </select>
                        { error_list(errs) }
                    </label>
                    { for remove }
                </div>
            }
        }
        Control::Multi { choices, chosen } => {
            let boxes = choices.iter().enumerate().map(|(i, c)| {
                let state = ctx.state.clone();
                let path = f.path.clone();
                let list: Vec<Value> = choices
                    .iter()
                    .zip(chosen)
                    .enumerate()
                    .filter(|(j, (_, on))| if *j == i { !**on } else { **on })
                    .map(|(_, (c, _))| c.value.clone())
                    .collect();
                let onchange = Callback::from(move |_: Event| {
                    state.dispatch(Action::Set(path.clone(), Value::Array(list.clone())))
                });
                html! {
                    <label class="af-check">
                        <input type="checkbox" checked={chosen[i]} {onchange} />{ c.label.clone() }
                    </label>
                }
            });
            html! {
                <fieldset class="af-multi" data-path={path_text.clone()} title={f.hint.clone()}>
                    <legend>{ f.label.clone() }{ for remove }</legend>
                    if choices.is_empty() {
                        <span class="hint">{ ctx.pick("合同尚未声明可选项", "the contract declares none yet") }</span>
                    }
                    { for boxes }
                    { error_list(errors(&ctx, &path_text)) }
                </fieldset>
            }
        }
        Control::Variant {
            choices,
            chosen,
            body,
        } => {
            let state = ctx.state.clone();
            let path = f.path.clone();
            let values = choices.iter().map(|c| c.value.clone()).collect::<Vec<_>>();
            let onchange = Callback::from(move |e: Event| {
                if let Some(v) = select_value(&e)
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| values.get(i))
                {
                    let old = path
                        .get(&state.0.now.contract)
                        .cloned()
                        .unwrap_or(Value::Null);
                    state.dispatch(Action::Set(path.clone(), swapped(&old, v)));
                }
            });
            let inner = Field {
                path: f.path.clone(),
                key: f.key.clone(),
                label: String::new(),
                hint: String::new(),
                removable: false,
                control: (**body).clone(),
            };
            html! {
                <fieldset class={classes!("af-variant", matches!(**body, Control::Nothing).then_some("bare"))} data-path={path_text.clone()}>
                    <legend>
                        <label title={f.hint.clone()}>
                            { for label }
                            <select class="af-kind" data-path={path_text.clone()} {onchange}>
                                if chosen.is_none() {
                                    <option selected=true value="">{ ctx.pick("（请选择）", "(choose)") }</option>
                                }
                                { for choices.iter().enumerate().map(|(i, c)| html! {
                                    <option value={i.to_string()} selected={*chosen == Some(i)}>{ c.label.clone() }</option>
                                }) }
                            </select>
                        </label>
                        { for remove }
                    </legend>
                    { error_list(errors(&ctx, &path_text)) }
                    <FieldView field={inner} labelled={false} />
                </fieldset>
            }
        }
        Control::Group { fields, addable } => {
            let adds = addable.iter().map(|a| {
                html! {
                    <button type="button" class="af-add" title={a.hint.clone()} data-add={a.key.clone()}
                        onclick={ctx.send::<MouseEvent>(Action::Set(f.path.key(&a.key), a.value.clone()))}>
                        { format!("＋ {}", a.label) }
                    </button>
                }
            });
            let inner = html! {
                <>
                    { error_list(if p.labelled { errors(&ctx, &path_text) } else { Vec::new() }) }
                    { for fields.iter().map(|x| html! { <FieldView key={x.key.clone()} field={x.clone()} /> }) }
                    if !addable.is_empty() {
                        <div class="af-adds">{ for adds }</div>
                    }
                </>
            };
            if p.labelled && !f.label.is_empty() {
                html! {
                    <fieldset class="af-group" data-path={path_text.clone()}>
                        <legend title={f.hint.clone()}>{ f.label.clone() }{ for remove }</legend>
                        { inner }
                    </fieldset>
                }
            } else {
                html! { <div class="af-body">{ inner }</div> }
            }
        }
        Control::List { rows, new_row } => {
            html! {
                <fieldset class="af-list" data-path={path_text.clone()}>
                    <legend title={f.hint.clone()}>{ f.label.clone() }{ for remove }</legend>
                    { error_list(errors(&ctx, &path_text)) }
                    { for rows.iter().enumerate().map(|(i, r)| html! { <FieldView key={i} field={r.clone()} /> }) }
                    <button type="button" class="af-add" data-add-row={path_text.clone()}
                        onclick={ctx.send::<MouseEvent>(Action::Push(f.path.clone(), new_row.clone()))}>
                        { format!("＋ {}", ctx.pick("添加一行", "Add a row")) }
                    </button>
                </fieldset>
            }
        }
        Control::Raw(json) => html! {
            <div class="af-raw">
                { for label }
                <pre>{ json.clone() }</pre>
                { for remove }
            </div>
        },
    }
}
