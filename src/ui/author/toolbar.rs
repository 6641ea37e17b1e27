//! The authoring view's toolbar: undo, redo, add from the template library, accept all, the
//! JSON toggle, 完成 and 取消.

use yew::prelude::*;

use super::app::Ctx;
use super::state::{Action, Review};
use super::templates;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub on_cancel: Callback<MouseEvent>,
    pub on_json: Callback<MouseEvent>,
    pub json: bool,
}

#[function_component(Toolbar)]
pub fn toolbar(p: &ToolbarProps) -> Html {
    let ctx = use_context::<Ctx>().expect("author context");
    let menu = use_state(|| false);
    let s = ctx.s();
    let lang = ctx.lang;
    let pending = s
        .clause_ids()
        .iter()
        .filter(|id| s.review(id) == Review::Pending)
        .count();
    let toggle_menu = {
        let menu = menu.clone();
        Callback::from(move |_: MouseEvent| menu.set(!*menu))
    };
    let items = templates::all().into_iter().map(|t| {
        let state = ctx.state.clone();
        let menu = menu.clone();
        let id = t.id.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::AddTemplate(id.clone()));
            menu.set(false);
        });
        html! {
            <li key={t.id.clone()}>
                <button type="button" class="tpl" data-template={t.id.clone()} {onclick}>
                    <strong>{ t.name(lang).to_string() }</strong>
                    <small>{ t.description(lang).to_string() }</small>
                </button>
            </li>
        }
    });
    let title = match (&s.draft, &s.name) {
        (Some(_), Some(n)) if !n.is_empty() => {
            format!("{}：{n}", ctx.pick("审阅起草的合同", "Review the draft"))
        }
        (Some(_), _) => ctx.pick("审阅起草的合同", "Review the draft").to_string(),
        _ => ctx.pick("编辑合同", "Edit the contract").to_string(),
    };
    html! {
        <div class="author-toolbar" role="toolbar" aria-label={ctx.pick("编辑工具", "Editing tools")}>
            <h2 class="author-title">{ title }</h2>
            <div class="author-tools">
                <button type="button" id="author-undo" disabled={!s.can_undo()}
                    onclick={ctx.send::<MouseEvent>(Action::Undo)}>{ ctx.pick("撤销", "Undo") }</button>
                <button type="button" id="author-redo" disabled={!s.can_redo()}
                    onclick={ctx.send::<MouseEvent>(Action::Redo)}>{ ctx.pick("重做", "Redo") }</button>
                <div class="tpl-menu">
                    <button type="button" id="author-add" aria-expanded={menu.to_string()}
                        onclick={toggle_menu}>{ ctx.pick("＋ 从模板添加", "+ Add from template") }</button>
                    if *menu {
                        <ul class="tpl-list" role="menu">{ for items }</ul>
                    }
                </div>
                if s.draft.is_some() {
                    <button type="button" id="author-accept-all" disabled={pending == 0}
                        onclick={ctx.send::<MouseEvent>(Action::AcceptAll)}>
                        { format!("{}（{pending}）", ctx.pick("全部接受", "Accept all")) }
                    </button>
                }
                <button type="button" id="author-json-toggle" aria-pressed={p.json.to_string()}
                    onclick={p.on_json.clone()}>{ "JSON" }</button>
                <span class="spacer" />
                <button type="button" id="author-cancel" onclick={p.on_cancel.clone()}>
                    { ctx.pick("取消", "Cancel") }</button>
                <button type="button" id="author-done" class="primary"
                    onclick={ctx.send::<MouseEvent>(Action::Done)}>{ ctx.pick("完成", "Done") }</button>
            </div>
        </div>
    }
}
