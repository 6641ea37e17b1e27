//! The incident grid: one row per incident, entered as in a spreadsheet. Arrow keys and Enter
//! move between cells (Tab as the browser does), a column's header sorts it and the row under
//! the headers filters it; a table pasted from Excel or WPS adds its rows
//! (`domain::incident_log` reads them and says which rows it could not read). Only the rows in
//! view are drawn (fixed row height, spacers above and below), so a record of thousands edits
//! as fast as one of ten. A cell commits on change; what cannot be taken (a time that does not
//! parse or is out of order, a taken id) stays in the cell, marked, with the reason below.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::input::label;
use crate::domain::contract::Contract;
use crate::domain::events::{Events, Incident};
use crate::domain::incident_log::{self as log, Field};
use crate::domain::labels::Labels;
use crate::domain::lang::Localize;
use crate::domain::Lang;
use crate::ui::store::Action;
use crate::ui::views::ViewProps;

/// A row's height in pixels (as `style/main.css` sets `.grid-row`).
pub const ROW_H: i32 = 36;
/// Rows drawn beyond the view, above and below.
const OVERSCAN: usize = 8;
/// Rows the view holds at most (its height is at most this many rows).
const VIEW_ROWS: usize = 14;

type Options = Rc<Vec<(String, String)>>;
/// Each column's filter text (a few entries: a list, not a hash map, for the page's size).
type Filters = Vec<(Field, String)>;
/// The cells whose text was not taken: (incident, column) → (the text, why).
type Errors = Vec<((usize, Field), (String, String))>;

fn lookup<'a, K: PartialEq, V>(m: &'a [(K, V)], k: &K) -> Option<&'a V> {
    m.iter().find(|(x, _)| x == k).map(|(_, v)| v)
}

fn put<K: PartialEq, V>(m: &mut Vec<(K, V)>, k: K, v: V) {
    m.retain(|(x, _)| *x != k);
    m.push((k, v));
}

/// The select options of the grid's name columns, by label (no id shown), and the labels a
/// value outside them is named by.
#[derive(PartialEq)]
struct Choices {
    levels: Options,
    items: Options,
    kinds: Options,
    complaints: Options,
    labels: Rc<Labels>,
    lang: Lang,
}

impl Choices {
    /// A value no option offers, by its words (declared elsewhere, or derived from it).
    fn unknown(&self, v: &str) -> String {
        self.labels.name(v, self.lang)
    }
}

/// The contract's labels, made again only when the contract changes (a record edit keeps
/// them: the grid redraws on every edit, and reading the contract's names takes a walk of it).
type LabelsCache = Option<(Contract, Rc<Labels>)>;

fn labels_of(cache: &mut LabelsCache, c: &Contract) -> Rc<Labels> {
    match cache {
        Some((k, l)) if k == c => l.clone(),
        _ => {
            let l = Rc::new(Labels::of(c));
            *cache = Some((c.clone(), l.clone()));
            l
        }
    }
}

fn choices(c: &Contract, e: &Events, labels: Rc<Labels>, lang: Lang) -> Choices {
    let none = || (String::new(), lang.pick("（无）", "(none)").to_string());
    let levels = c
        .levels
        .iter()
        .map(|l| (l.id.clone(), label(&l.label, lang)));
    let items = c.items.iter().map(|i| (i.id.clone(), label(&i.name, lang)));
    let complaints = log::complaint_levels(c)
        .into_iter()
        .map(|(id, f)| (id.clone(), log::complaint_label(&id, f, lang)));
    let kinds = log::kind_options(c, e, &labels, lang);
    Choices {
        levels: Rc::new(levels.collect()),
        items: Rc::new(std::iter::once(none()).chain(items).collect()),
        kinds: Rc::new(std::iter::once(none()).chain(kinds).collect()),
        complaints: Rc::new(std::iter::once(none()).chain(complaints).collect()),
        labels,
        lang,
    }
}

fn options_of(ch: &Choices, f: Field) -> Option<&Options> {
    match f {
        Field::Level => Some(&ch.levels),
        Field::Item => Some(&ch.items),
        Field::Kind => Some(&ch.kinds),
        Field::Complaint => Some(&ch.complaints),
        _ => None,
    }
}

/// What a cell shows to a reader (a select's label), for filtering and sorting.
fn shown(ch: &Choices, inc: &Incident, f: Field) -> String {
    let v = log::cell_text(inc, f);
    match options_of(ch, f).map(|o| o.iter().find(|x| x.0 == v)) {
        _ if v.is_empty() => v,
        Some(Some((_, l))) => l.clone(),
        Some(None) => ch.unknown(&v),
        None => v,
    }
}

/// The order of the incidents shown: filtered by every column's text, sorted by one column.
fn order(
    c: &Contract,
    ch: &Choices,
    incidents: &[Incident],
    filters: &Filters,
    sort: Option<(Field, bool)>,
) -> Vec<usize> {
    let active: Vec<(Field, String)> = (filters.iter())
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(f, t)| (*f, t.trim().to_lowercase()))
        .collect();
    let mut shown_rows: Vec<usize> = (0..incidents.len())
        .filter(|&k| {
            active.iter().all(|(f, t)| {
                shown(ch, &incidents[k], *f)
                    .to_lowercase()
                    .contains(t.as_str())
            })
        })
        .collect();
    if let Some((f, asc)) = sort {
        let key = |k: usize| -> (usize, String) {
            let inc = &incidents[k];
            match f {
                // Levels sort by severity as declared, the rest by what the cell shows.
                Field::Level => (
                    c.levels
                        .iter()
                        .position(|l| l.id == inc.level)
                        .unwrap_or(usize::MAX),
                    String::new(),
                ),
                _ => (0, shown(ch, inc, f)),
            }
        };
        let keys: Vec<(usize, String)> = shown_rows.iter().map(|&k| key(k)).collect();
        let idx = crate::domain::order::stable_order(keys.len(), &|a, b| {
            let o = keys[a].cmp(&keys[b]);
            if asc {
                o
            } else {
                o.reverse()
            }
        });
        shown_rows = idx.into_iter().map(|p| shown_rows[p]).collect();
    }
    shown_rows
}

/// A cell's position in the DOM: the `data-p` (row in view order) and `data-c` (column) of
/// the element, or of its cell.
fn position(t: &Element) -> Option<(usize, usize)> {
    let at = t.closest("[data-p]").ok()??;
    let p = at.get_attribute("data-p")?.parse().ok()?;
    let c = t.get_attribute("data-c")?.parse().ok()?;
    Some((p, c))
}

fn value_of(t: &Element) -> Option<String> {
    if let Some(i) = t.dyn_ref::<HtmlInputElement>() {
        return Some(i.value());
    }
    t.dyn_ref::<HtmlSelectElement>().map(|s| s.value())
}

/// The cell a key moves to from (`p`, `c`) among `rows` × `cols`, if it moves.
fn moved(
    key: &str,
    t: &Element,
    (p, c): (usize, usize),
    rows: usize,
    cols: usize,
) -> Option<(usize, usize)> {
    let caret = t.dyn_ref::<HtmlInputElement>().map(|i| {
        let len = i.value().chars().count() as u32;
        let (s, e) = (
            i.selection_start().ok().flatten(),
            i.selection_end().ok().flatten(),
        );
        (
            s == Some(0) && e == Some(0),
            s == Some(len) && e == Some(len),
        )
    });
    let (at_start, at_end) = caret.unwrap_or((true, true));
    match key {
        "ArrowDown" | "Enter" if p + 1 < rows => Some((p + 1, c)),
        "ArrowUp" if p > 0 => Some((p - 1, c)),
        "ArrowLeft" if c > 0 && at_start => Some((p, c - 1)),
        "ArrowRight" if c + 1 < cols && at_end => Some((p, c + 1)),
        _ => None,
    }
}

/// A message after a paste or a delete: what was done and every row that could not be read.
#[derive(Clone, PartialEq, Default)]
struct Said {
    done: String,
    problems: Vec<String>,
}

#[function_component(Grid)]
pub fn grid(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let first = use_state_eq(|| 0usize);
    let sort = use_state_eq(|| None::<(Field, bool)>);
    let filters = use_state_eq(Filters::new);
    let errors = use_state_eq(Errors::new);
    let said = use_state_eq(Said::default);
    // The cell to focus after the next render (an incident's index, a column), and the cell
    // that has the focus now (for a paste's first column).
    let want = use_mut_ref(|| None::<(usize, usize)>);
    let at = use_mut_ref(|| None::<(usize, usize)>);
    let scroller = use_node_ref();
    let labels_cache = use_mut_ref(LabelsCache::default);
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let labels = labels_of(&mut labels_cache.borrow_mut(), c);
    let ch = choices(c, ev, labels, lang);
    let rows = order(c, &ch, &ev.incidents, &filters, *sort);
    let cols = Field::GRID.len();
    let start = first.saturating_sub(OVERSCAN).min(rows.len());
    let end = (*first + VIEW_ROWS + OVERSCAN).min(rows.len());

    {
        // Focus the cell asked for: scroll its row into the drawn window first.
        let (want, scroller, rows, first) =
            (want.clone(), scroller.clone(), rows.clone(), first.clone());
        use_effect(move || {
            let target = *want.borrow();
            if let Some((i, col)) = target {
                let Some(pos) = rows.iter().position(|&k| k == i) else {
                    *want.borrow_mut() = None;
                    return;
                };
                let drawn =
                    pos >= first.saturating_sub(OVERSCAN) && pos < *first + VIEW_ROWS + OVERSCAN;
                let el = scroller.cast::<Element>().and_then(|s| {
                    s.query_selector(&format!("[data-p=\"{pos}\"] [data-c=\"{col}\"]"))
                        .ok()
                        .flatten()
                });
                match el.and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
                    Some(e) if drawn => {
                        *want.borrow_mut() = None;
                        let _ = e.focus();
                        let o = web_sys::ScrollIntoViewOptions::new();
                        o.set_block(web_sys::ScrollLogicalPosition::Nearest);
                        o.set_inline(web_sys::ScrollLogicalPosition::Nearest);
                        e.scroll_into_view_with_scroll_into_view_options(&o);
                    }
                    _ => {
                        if let Some(s) = scroller.cast::<Element>() {
                            s.set_scroll_top(pos as i32 * ROW_H);
                        }
                        first.set(pos);
                    }
                }
            }
        });
    }

    let on_scroll = {
        let first = first.clone();
        Callback::from(move |e: Event| {
            let t: Element = e.target_unchecked_into();
            first.set((t.scroll_top().max(0) / ROW_H) as usize);
        })
    };

    let on_change = {
        let rows = rows.clone();
        let (st, d, errors) = (p.state.clone(), p.dispatch.clone(), errors.clone());
        Callback::from(move |e: Event| {
            let t: Element = e.target_unchecked_into();
            let (Some((p, col)), Some(v)) = (position(&t), value_of(&t)) else {
                return;
            };
            let (Some(&i), Some(&f)) = (rows.get(p), Field::GRID.get(col)) else {
                return;
            };
            let (Some(c), Some(s)) = (st.contract(), st.scenario()) else {
                return;
            };
            let mut e = s.events.clone();
            let mut errs = (*errors).clone();
            match log::set_cell(c, &mut e, i, f, &v) {
                Ok(()) => {
                    errs.retain(|(k, _)| *k != (i, f));
                    errors.set(errs);
                    d.emit(Action::SetEvents(e));
                }
                Err(x) => {
                    put(&mut errs, (i, f), (v, x.localize(st.lang())));
                    errors.set(errs);
                }
            }
        })
    };

    let redraw = use_force_update();
    let on_key = {
        let (rows, want) = (rows.clone(), want.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let t: Element = e.target_unchecked_into();
            let Some(from) = position(&t) else { return };
            let is_select = t.dyn_ref::<HtmlSelectElement>().is_some();
            if let Some((p, col)) = moved(&e.key(), &t, from, rows.len(), cols) {
                if is_select || e.key() != "Enter" {
                    e.prevent_default();
                }
                if let Some(&i) = rows.get(p) {
                    *want.borrow_mut() = Some((i, col));
                    // A render to run the effect that moves the focus.
                    redraw.force_update();
                }
            }
        })
    };
    let on_focus = {
        let (rows, at) = (rows.clone(), at.clone());
        Callback::from(move |e: FocusEvent| {
            let t: Element = e.target_unchecked_into();
            *at.borrow_mut() = position(&t).and_then(|(p, c)| Some((*rows.get(p)?, c)));
        })
    };
    let on_paste = {
        let (st, d, at, said, want) = (
            p.state.clone(),
            p.dispatch.clone(),
            at.clone(),
            said.clone(),
            want.clone(),
        );
        let (filters, errors) = (filters.clone(), errors.clone());
        Callback::from(move |e: Event| {
            let Some(text) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            // One value pastes into its cell as text does; a table adds rows.
            if !text.trim_end().contains(['\t', '\n']) {
                return;
            }
            e.prevent_default();
            let (Some(c), Some(s)) = (st.contract(), st.scenario()) else {
                return;
            };
            let lang = st.lang();
            let col = at.borrow().map_or(0, |(_, c)| c);
            let (header, rows, mapping) = log::prepare(&text, col);
            let read = log::read(c, &s.events, header.as_ref(), &rows, &mapping);
            let n = read.incidents.len();
            let first_new = s.events.incidents.len();
            said.set(Said {
                done: match lang {
                    Lang::Zh => format!("已从粘贴的表格添加 {n} 行（共 {} 行）", rows.len()),
                    Lang::En => format!("{n} of {} pasted rows added", rows.len()),
                },
                problems: read.problems.iter().map(|x| x.localize(lang)).collect(),
            });
            if n > 0 {
                filters.set(Vec::new());
                errors.set(Vec::new());
                *want.borrow_mut() = Some((first_new, 1));
                d.emit(Action::AddIncidents(read.incidents));
            }
        })
    };
    let on_add = {
        let (st, d, want, filters) = (
            p.state.clone(),
            p.dispatch.clone(),
            want.clone(),
            filters.clone(),
        );
        let errors = errors.clone();
        Callback::from(move |_: MouseEvent| {
            let (Some(c), Some(s)) = (st.contract(), st.scenario()) else {
                return;
            };
            let inc = log::new_incident(c, &s.events);
            *want.borrow_mut() = Some((s.events.incidents.len(), 1));
            filters.set(Vec::new());
            errors.set(Vec::new());
            d.emit(Action::AddIncidents(vec![inc]));
        })
    };
    let delete = |i: usize, id: String| {
        let (st, d, said, errors) = (
            p.state.clone(),
            p.dispatch.clone(),
            said.clone(),
            errors.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(s) = st.scenario() else { return };
            let mut e = s.events.clone();
            if i < e.incidents.len() {
                e.incidents.remove(i);
                errors.set(Vec::new());
                said.set(Said {
                    done: match st.lang() {
                        Lang::Zh => format!("已删除 {id}：按 Ctrl+Z 或“撤销”恢复"),
                        Lang::En => format!("{id} deleted: Ctrl+Z or Undo brings it back"),
                    },
                    problems: Vec::new(),
                });
                d.emit(Action::SetEvents(e));
            }
        })
    };

    let head = Field::GRID.iter().map(|&f| {
        let state = match *sort {
            Some((g, true)) if g == f => "ascending",
            Some((g, false)) if g == f => "descending",
            _ => "none",
        };
        let arrow = match state {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        let sort = sort.clone();
        let on = Callback::from(move |_: MouseEvent| {
            sort.set(match *sort {
                Some((g, true)) if g == f => Some((f, false)),
                Some((g, false)) if g == f => None,
                _ => Some((f, true)),
            })
        });
        html! {
            <th scope="col" aria-sort={state} data-col={f.key()}>
                <button type="button" class="grid-sort" onclick={on}>{ f.name(lang) }{ arrow }</button>
            </th>
        }
    });
    let filter_row = Field::GRID.iter().map(|&f| {
        let filters = filters.clone();
        let value = lookup(&filters, &f).cloned().unwrap_or_default();
        let on = Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            let mut m = (*filters).clone();
            put(&mut m, f, i.value());
            filters.set(m);
        });
        html! {
            <th><input type="search" class="grid-filter" data-filter={f.key()} {value} oninput={on}
                aria-label={format!("{}{}", lang.pick("筛选：", "Filter: "), f.name(lang))}
                placeholder={lang.pick("筛选", "Filter")} /></th>
        }
    });

    let body = rows[start..end].iter().enumerate().map(|(k, &i)| {
        let pos = start + k;
        let inc = &ev.incidents[i];
        let cells = Field::GRID.iter().enumerate().map(|(col, &f)| {
            let bad = lookup(&errors, &(i, f));
            let value = bad.map_or_else(|| log::cell_text(inc, f), |(t, _)| t.clone());
            let title = bad.map(|(_, m)| m.clone());
            let class = classes!("grid-cell", bad.map(|_| "bad"), f.is_time().then_some("time"));
            let invalid = bad.map(|_| "true");
            let name = format!("{} {}", inc.id, f.name(lang));
            let control = match options_of(&ch, f) {
                Some(opts) => {
                    let known = opts.iter().any(|o| o.0 == value);
                    let class = classes!(class, (!known).then_some("undeclared"));
                    let title = title.or_else(|| (!known).then(|| lang.pick(
                        "合同未定义此项：请从列表中选择",
                        "The contract does not define this: pick one from the list").to_string()));
                    html! {
                        <select {class} data-c={col.to_string()} aria-label={name} aria-invalid={invalid} {title}
                            data-undeclared={(!known).then_some("true")}>
                            if !known {
                                // A value from a file that the contract does not declare: shown
                                // by its words and flagged, not hidden and not replaced.
                                <option value={value.clone()} selected=true>{ format!("⚠ {}{}", ch.unknown(&value), lang.pick("（合同未定义）", " (not in the contract)")) }</option>
                            }
                            { for opts.iter().map(|(v, l)| html! {
                                <option value={v.clone()} selected={*v == value}>{ l.clone() }</option>
                            }) }
                        </select>
                    }
                }
                None => html! {
                    <input type="text" {class} data-c={col.to_string()} {value} aria-label={name}
                        aria-invalid={invalid} {title}
                        placeholder={f.is_time().then_some("YYYY-MM-DD HH:MM")} />
                },
            };
            html! { <td data-col={f.key()}>{ control }</td> }
        });
        html! {
            <tr class="grid-row" key={inc.id.clone()} data-p={pos.to_string()} data-incident-row={inc.id.clone()}>
                <th scope="row" class="grid-rowhead">
                    <span class="grid-n">{ pos + 1 }</span>
                    <button type="button" class="grid-del" data-action="grid-delete"
                        aria-label={format!("{}{}", lang.pick("删除 ", "Delete "), inc.id)}
                        title={lang.pick("删除此行（可撤销）", "Delete this row (undoable)")}
                        onclick={delete(i, inc.id.clone())}>{ "✕" }</button>
                </th>
                { for cells }
            </tr>
        }
    });
    // Spacers in place of the rows not drawn (a height attribute: the page's CSP allows no
    // inline style).
    let pad = |n: usize| {
        html! {
            <tr class="grid-pad" aria-hidden="true">
                <td colspan={(cols + 1).to_string()} height={(n as i32 * ROW_H).to_string()}></td>
            </tr>
        }
    };
    let cell_problems: Vec<Html> = errors
        .iter()
        .filter_map(|((i, f), (_, m))| {
            let inc = ev.incidents.get(*i)?;
            Some(html! { <li>{ format!("{} · {}：{m}", inc.id, f.name(lang)) }</li> })
        })
        .collect();

    html! {
        <div class="grid-wrap" id="incident-grid">
            <div class="rec-toolbar">
                <button type="button" class="rec-add" id="grid-add" onclick={on_add}>
                    { lang.pick("＋ 添加一行", "+ Add row") }
                </button>
                <span class="grid-hint">{ lang.pick(
                    "方向键、回车在单元格间移动；点列名排序；可直接粘贴 Excel/WPS 表格（含或不含表头）",
                    "Arrow keys and Enter move between cells; click a header to sort; paste a table from Excel/WPS (with or without its header row)") }</span>
                <span class="grid-count" id="grid-count">{ match lang {
                    Lang::Zh => format!("显示 {} / {} 条", rows.len(), ev.incidents.len()),
                    Lang::En => format!("{} of {} shown", rows.len(), ev.incidents.len()),
                } }</span>
            </div>
            if !said.done.is_empty() {
                <div class="grid-said" id="grid-said" role="status">
                    <p>{ said.done.clone() }</p>
                    if !said.problems.is_empty() {
                        <ul class="grid-problems">{ for said.problems.iter().map(|x| html! { <li>{ x.clone() }</li> }) }</ul>
                    }
                </div>
            }
            if !cell_problems.is_empty() {
                <ul class="grid-problems" id="grid-cell-problems" role="alert">{ for cell_problems }</ul>
            }
            <p class="scroll-hint grid-scroll-hint" aria-hidden="true">{ lang.pick("← 左右滑动查看更多列 →", "← scroll sideways for more columns →") }</p>
            <div class="grid-scroll" ref={scroller} onscroll={on_scroll} onpaste={on_paste}
                onkeydown={on_key} onfocusin={on_focus} onchange={on_change} tabindex="-1">
                <table class="grid" aria-rowcount={(rows.len() + 2).to_string()}>
                    <thead>
                        <tr><th scope="col" class="grid-rowhead">{ "#" }</th>{ for head }</tr>
                        <tr class="grid-filters"><th class="grid-rowhead"></th>{ for filter_row }</tr>
                    </thead>
                    <tbody>
                        { pad(start) }
                        { for body }
                        { pad(rows.len() - end) }
                    </tbody>
                </table>
            </div>
            if ev.incidents.is_empty() {
                <p class="muted" id="grid-empty">{ lang.pick("还没有事件：点“添加一行”，或把表格粘贴到这里。", "No incidents yet: add a row, or paste a table here.") }</p>
            }
        </div>
    }
}
