//! Requirements, staff events, consents, hand-recorded occurrences and obligations done.

use std::rc::Rc;

use yew::prelude::*;

use super::entries::fact_inputs;
use super::input::{
    date_text, datetime_text, edit, excuse_id, excuse_of, excuse_options, label, next_id,
    opt_amount_text, opt_date_text, opt_datetime_text, read_amount, read_count, read_date,
    read_datetime, read_text, row_button, CheckField, Kind, SelectField, TextField, COMPLEXITIES,
    STAFF_KINDS,
};
use crate::domain::contract::{Complexity, Excuse, Penalty, Rule, StaffKind, Trigger};
use crate::domain::events::{ClaimedExcuse, Consent, Done, Occurrence, Requirement, StaffEvent};
use crate::domain::report::ObligationStatus;
use crate::ui::record_edit::{fact_specs, Edit, Subject};
use crate::ui::store::Action;
use crate::ui::views::ViewProps;

fn opts(v: Vec<(String, String)>) -> Rc<Vec<(String, String)>> {
    Rc::new(v)
}

/// The contract's clauses that `keep` accepts, as select options ("7.2 迟延提供服务").
fn clause_options(
    c: &crate::domain::contract::Contract,
    lang: crate::domain::Lang,
    keep: impl Fn(&Rule) -> bool,
) -> Rc<Vec<(String, String)>> {
    Rc::new(
        c.clauses
            .iter()
            .filter(|cl| keep(&cl.rule))
            .map(|cl| {
                (
                    cl.id.clone(),
                    format!("{} {}", cl.id, label(&cl.title, lang)),
                )
            })
            .collect(),
    )
}

#[function_component(Requirements)]
pub fn requirements(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let excuses = opts(excuse_options(lang));
    // The facts the contract declares for requirements (a kind `requirement`).
    let facts = (c.kinds.iter().find(|k| k.id == "requirement"))
        .map(|k| fact_specs(c, k, lang))
        .unwrap_or_default();
    let complexities = opts(
        COMPLEXITIES
            .iter()
            .map(|x| (x.1.to_string(), lang.pick(x.2, x.3).to_string()))
            .collect(),
    );
    let rows = ev.requirements.iter().enumerate().map(|(i, r)| {
        let taken = {
            let st = st.clone();
            Callback::from(move |v: String| {
                let dup = st.scenario().is_some_and(|s| {
                    s.events
                        .requirements
                        .iter()
                        .enumerate()
                        .any(|(j, x)| j != i && x.id == v)
                });
                dup.then(|| lang.pick("编号已被使用", "this id is taken").to_string())
            })
        };
        macro_rules! on {
            ($ty:ty, |$x:ident, $v:ident| $body:expr) => {
                edit(st, d, move |e, $v: $ty| {
                    if let Some($x) = e.requirements.get_mut(i) {
                        $body;
                    }
                })
            };
        }
        let on_id = on!(String, |x, v| x.id = v);
        let on_sub = on!(String, |x, v| if let Some(t) = read_datetime(&v) {
            x.submitted = t
        });
        let on_cx = on!(String, |x, v| if let Some(c) =
            COMPLEXITIES.iter().find(|c| c.1 == v)
        {
            x.complexity = c.0
        });
        let on_first = on!(String, |x, v| x.first_answer = read_datetime(&v));
        let on_agreed = on!(String, |x, v| x.agreed = read_date(&v));
        let on_done = on!(String, |x, v| x.done = read_date(&v));
        let on_biz = on!(bool, |x, v| x.business_affected = v);
        let on_complaint = on!(String, |x, v| x.complaint = read_text(&v));
        let on_excuse = on!(String, |x, v| x.excuse = excuse_of(&v));
        let on_fact = d.reform(move |(id, v)| Action::Edit(Edit::Fact(Subject::Requirement(i), id, v)));
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.requirements.len() {
                e.requirements.remove(i);
            }
        });
        let cx = COMPLEXITIES
            .iter()
            .find(|c| c.0 == r.complexity)
            .map(|c| c.1)
            .unwrap_or("ordinary");
        html! {
            <li class="rec-card" data-requirement={r.id.clone()} data-requirement-index={i.to_string()} key={i}>
                <div class="rec-card-head">
                    <span class="rec-card-title">{ format!("#{} · {}", i + 1, r.id) }</span>
                    { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
                </div>
                <div class="rec-grid">
                    <TextField {lang} label={lang.pick("编号", "Id")} name="id" kind={Kind::Text}
                        required=true value={r.id.clone()} extra={taken} onvalid={on_id} />
                    <TextField {lang} label={lang.pick("提出时间", "Submitted")} name="submitted"
                        kind={Kind::DateTime} required=true value={datetime_text(r.submitted)} onvalid={on_sub} />
                    <SelectField label={lang.pick("复杂度", "Complexity")} name="complexity"
                        value={cx} options={complexities.clone()} onchange={on_cx} />
                    <TextField {lang} label={lang.pick("首次答复", "First answer")} name="first_answer"
                        kind={Kind::DateTime} value={opt_datetime_text(r.first_answer)} onvalid={on_first} />
                    <TextField {lang} label={lang.pick("约定完成日", "Agreed completion")} name="agreed"
                        kind={Kind::Date} value={opt_date_text(r.agreed)} onvalid={on_agreed} />
                    <TextField {lang} label={lang.pick("实际完成日", "Done")} name="done"
                        kind={Kind::Date} value={opt_date_text(r.done)} onvalid={on_done} />
                    <TextField {lang} label={lang.pick("投诉级别", "Complaint")} name="complaint"
                        kind={Kind::Text} value={r.complaint.clone().unwrap_or_default()} onvalid={on_complaint} />
                    <SelectField label={lang.pick("免责事由", "Excuse")} name="excuse"
                        value={excuse_id(r.excuse)} options={excuses.clone()} onchange={on_excuse} />
                    <CheckField label={lang.pick("影响甲方业务", "Business affected")} name="business_affected"
                        checked={r.business_affected} onchange={on_biz} />
                    { fact_inputs(&facts, &r.facts, lang, &on_fact) }
                </div>
            </li>
        }
    });
    let add = edit(st, d, |e, _: MouseEvent| {
        let id = next_id("req", e.requirements.iter().map(|r| r.id.as_str()));
        let submitted = e.as_of.and_hms_opt(9, 0, 0).unwrap_or_default();
        e.requirements.push(Requirement {
            id,
            submitted,
            complexity: Complexity::Ordinary,
            first_answer: None,
            agreed: None,
            done: None,
            business_affected: false,
            complaint: None,
            excuse: None,
            facts: Default::default(),
        });
    });
    html! {
        <>
            <ol class="rec-cards">{ for rows }</ol>
            <button type="button" class="rec-add" id="add-requirement" onclick={add}>
                { lang.pick("＋ 添加需求", "+ Add requirement") }
            </button>
        </>
    }
}

#[function_component(Staff)]
pub fn staff(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let Some(s) = p.state.scenario() else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let kinds = opts(
        STAFF_KINDS
            .iter()
            .map(|x| (x.1.to_string(), lang.pick(x.2, x.3).to_string()))
            .collect(),
    );
    let rows = ev.staff.iter().enumerate().map(|(i, x)| {
        macro_rules! on {
            ($ty:ty, |$x:ident, $v:ident| $body:expr) => {
                edit(st, d, move |e, $v: $ty| {
                    if let Some($x) = e.staff.get_mut(i) {
                        $body;
                    }
                })
            };
        }
        let on_kind = on!(String, |x, v| if let Some(k) =
            STAFF_KINDS.iter().find(|k| k.1 == v)
        {
            x.kind = k.0
        });
        let on_date = on!(String, |x, v| if let Some(t) = read_date(&v) {
            x.date = t
        });
        let on_persons = on!(String, |x, v| x.persons = read_count(&v).unwrap_or(1));
        let on_notice = on!(String, |x, v| x.notice = read_date(&v));
        let on_consent = on!(bool, |x, v| x.consent = v);
        let on_note = on!(String, |x, v| x.note = read_text(&v));
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.staff.len() {
                e.staff.remove(i);
            }
        });
        let kind = STAFF_KINDS
            .iter()
            .find(|k| k.0 == x.kind)
            .map(|k| k.1)
            .unwrap_or("change");
        html! {
            <div class="rec-row" data-staff-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("类型", "Kind")} name="kind" value={kind}
                    options={kinds.clone()} onchange={on_kind} />
                <TextField {lang} label={lang.pick("日期", "Date")} name="date" kind={Kind::Date}
                    required=true value={date_text(x.date)} onvalid={on_date} />
                <TextField {lang} label={lang.pick("人数", "Persons")} name="persons" kind={Kind::Count}
                    required=true value={x.persons.to_string()} onvalid={on_persons} />
                <TextField {lang} label={lang.pick("提前通知日", "Notice given")} name="notice"
                    kind={Kind::Date} value={opt_date_text(x.notice)} onvalid={on_notice} />
                <TextField {lang} label={lang.pick("备注", "Note")} name="note" kind={Kind::Text}
                    value={x.note.clone().unwrap_or_default()} onvalid={on_note} />
                <CheckField label={lang.pick("甲方书面同意", "Buyer consented in writing")} name="consent"
                    checked={x.consent} onchange={on_consent} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let add = edit(st, d, |e, _: MouseEvent| {
        let date = e.as_of;
        e.staff.push(StaffEvent {
            kind: StaffKind::Change,
            date,
            persons: 1,
            notice: None,
            consent: false,
            note: None,
        });
    });
    html! {
        <>
            <div class="rec-rows">{ for rows }</div>
            <button type="button" class="rec-add" id="add-staff" onclick={add}>
                { lang.pick("＋ 添加人员事件", "+ Add staff event") }
            </button>
        </>
    }
}

#[function_component(Consents)]
pub fn consents(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let clauses = clause_options(c, lang, |rule| {
        matches!(*rule, Rule::Penalty(_) | Rule::Payment(_))
    });
    let first = clauses.first().map(|x| x.0.clone()).unwrap_or_default();
    let rows = ev.consents.iter().enumerate().map(|(i, x)| {
        macro_rules! on {
            ($ty:ty, |$x:ident, $v:ident| $body:expr) => {
                edit(st, d, move |e, $v: $ty| {
                    if let Some($x) = e.consents.get_mut(i) {
                        $body;
                    }
                })
            };
        }
        let on_clause = on!(String, |x, v| x.clause = v);
        let on_date = on!(String, |x, v| if let Some(t) = read_date(&v) {
            x.date = t
        });
        let on_days = on!(String, |x, v| x.extension_days = read_count(&v));
        let on_written = on!(bool, |x, v| x.written = v);
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.consents.len() {
                e.consents.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-consent-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("条款", "Clause")} name="clause" value={x.clause.clone()}
                    options={clauses.clone()} onchange={on_clause} />
                <TextField {lang} label={lang.pick("日期", "Date")} name="date" kind={Kind::Date}
                    required=true value={date_text(x.date)} onvalid={on_date} />
                <TextField {lang} label={lang.pick("延期天数", "Extension (days)")} name="extension_days"
                    kind={Kind::Count} value={x.extension_days.map(|n| n.to_string()).unwrap_or_default()}
                    onvalid={on_days} />
                <CheckField label={lang.pick("书面", "In writing")} name="written" checked={x.written}
                    onchange={on_written} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let none = clauses.is_empty();
    let add = edit(st, d, move |e, _: MouseEvent| {
        let date = e.as_of;
        e.consents.push(Consent {
            clause: first.clone(),
            date,
            extension_days: None,
            written: true,
        });
    });
    html! {
        <>
            <div class="rec-rows">{ for rows }</div>
            <button type="button" class="rec-add" id="add-consent" onclick={add} disabled={none}>
                { lang.pick("＋ 添加书面同意", "+ Add consent") }
            </button>
        </>
    }
}

#[function_component(Occurrences)]
pub fn occurrences(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let clauses = clause_options(c, lang, |rule| {
        matches!(
            *rule,
            Rule::Penalty(Penalty {
                trigger: Trigger::Occurrence,
                ..
            }) | Rule::Right(_)
        )
    });
    let first = clauses.first().map(|x| x.0.clone()).unwrap_or_default();
    let rows = ev.occurrences.iter().enumerate().map(|(i, x)| {
        macro_rules! on {
            ($ty:ty, |$x:ident, $v:ident| $body:expr) => {
                edit(st, d, move |e, $v: $ty| {
                    if let Some($x) = e.occurrences.get_mut(i) {
                        $body;
                    }
                })
            };
        }
        let on_clause = on!(String, |x, v| x.clause = v);
        let on_date = on!(String, |x, v| if let Some(t) = read_date(&v) {
            x.date = t
        });
        let on_count = on!(String, |x, v| x.count = read_count(&v).unwrap_or(1));
        let on_persons = on!(String, |x, v| x.persons = read_count(&v).unwrap_or(1));
        let on_amount = on!(String, |x, v| x.amount = read_amount(&v));
        let on_loss = on!(String, |x, v| x.loss = read_amount(&v));
        let on_note = on!(String, |x, v| x.note = read_text(&v));
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.occurrences.len() {
                e.occurrences.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-occurrence-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("条款", "Clause")} name="clause" value={x.clause.clone()}
                    options={clauses.clone()} onchange={on_clause} />
                <TextField {lang} label={lang.pick("日期", "Date")} name="date" kind={Kind::Date}
                    required=true value={date_text(x.date)} onvalid={on_date} />
                <TextField {lang} label={lang.pick("次数", "Count")} name="count" kind={Kind::Count}
                    required=true value={x.count.to_string()} onvalid={on_count} />
                <TextField {lang} label={lang.pick("人数", "Persons")} name="persons" kind={Kind::Count}
                    required=true value={x.persons.to_string()} onvalid={on_persons} />
                <TextField {lang} label={lang.pick("涉及金额（元）", "Amount concerned (CNY)")} name="amount"
                    kind={Kind::Amount} value={opt_amount_text(x.amount)} onvalid={on_amount} />
                <TextField {lang} label={lang.pick("损失（元）", "Loss (CNY)")} name="loss"
                    kind={Kind::Amount} value={opt_amount_text(x.loss)} onvalid={on_loss} />
                <TextField {lang} label={lang.pick("备注", "Note")} name="note" kind={Kind::Text}
                    value={x.note.clone().unwrap_or_default()} onvalid={on_note} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let none = clauses.is_empty();
    let add = edit(st, d, move |e, _: MouseEvent| {
        let date = e.as_of;
        e.occurrences.push(Occurrence {
            clause: first.clone(),
            date,
            count: 1,
            persons: 1,
            amount: None,
            loss: None,
            note: None,
        });
    });
    html! {
        <>
            if none {
                <p class="hint">{ lang.pick("本合同没有需手工记录违约的条款。", "This contract has no clause whose breaches are recorded by hand.") }</p>
            }
            <div class="rec-rows">{ for rows }</div>
            <button type="button" class="rec-add" id="add-occurrence" onclick={add} disabled={none}>
                { lang.pick("＋ 记录一次违约", "+ Record a breach") }
            </button>
        </>
    }
}

#[function_component(Obligations)]
pub fn obligations(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let clauses = clause_options(c, lang, |rule| matches!(*rule, Rule::Obligation(_)));
    let first = clauses.first().map(|x| x.0.clone()).unwrap_or_default();

    // Quick "mark done" for the instances the report finds missed or due soon.
    let open: Vec<_> = p
        .state
        .report
        .as_ref()
        .map(|r| {
            r.obligations
                .iter()
                .filter(|o| {
                    matches!(
                        o.status,
                        ObligationStatus::Missed | ObligationStatus::DueSoon
                    )
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let open_count = open.len();
    let quick = open.into_iter().take(50).map(|o| {
        let (clause, due, missing) = (
            o.clause.clone(),
            o.due,
            o.required.saturating_sub(o.done_count).max(1),
        );
        let mark = edit(st, d, move |e, _: MouseEvent| {
            // Done on its due date (or as of, if earlier), for the instances still missing.
            let date = due.min(e.as_of);
            e.done.push(Done {
                obligation: clause.clone(),
                due,
                date,
                count: missing,
            });
        });
        let status = match o.status {
            ObligationStatus::Missed => lang.pick("已错过", "missed"),
            _ => lang.pick("即将到期", "due soon"),
        };
        html! {
            <li data-open-obligation={o.clause.clone()} data-due={date_text(o.due)}>
                <span>{ format!("{} {} · {} {} · {}", o.clause, label(&o.label, lang),
                    lang.pick("到期", "due"), date_text(o.due), status) }</span>
                <button type="button" class="rec-btn" data-action="mark-done" onclick={mark}>
                    { lang.pick("标记完成", "Mark done") }
                </button>
            </li>
        }
    });

    let rows = ev.done.iter().enumerate().map(|(i, x)| {
        macro_rules! on {
            ($ty:ty, |$x:ident, $v:ident| $body:expr) => {
                edit(st, d, move |e, $v: $ty| {
                    if let Some($x) = e.done.get_mut(i) {
                        $body;
                    }
                })
            };
        }
        let on_clause = on!(String, |x, v| x.obligation = v);
        let on_due = on!(String, |x, v| if let Some(t) = read_date(&v) {
            x.due = t
        });
        let on_date = on!(String, |x, v| if let Some(t) = read_date(&v) {
            x.date = t
        });
        let on_count = on!(String, |x, v| x.count = read_count(&v).unwrap_or(1));
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.done.len() {
                e.done.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-done-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("义务条款", "Obligation")} name="obligation"
                    value={x.obligation.clone()} options={clauses.clone()} onchange={on_clause} />
                <TextField {lang} label={lang.pick("该次到期日", "Due date of the instance")} name="due"
                    kind={Kind::Date} required=true value={date_text(x.due)} onvalid={on_due} />
                <TextField {lang} label={lang.pick("完成日期", "Date done")} name="date" kind={Kind::Date}
                    required=true value={date_text(x.date)} onvalid={on_date} />
                <TextField {lang} label={lang.pick("完成次数", "Count")} name="count" kind={Kind::Count}
                    required=true value={x.count.to_string()} onvalid={on_count} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let none = clauses.is_empty();
    let add = edit(st, d, move |e, _: MouseEvent| {
        let date = e.as_of;
        e.done.push(Done {
            obligation: first.clone(),
            due: date,
            date,
            count: 1,
        });
    });
    html! {
        <>
            if open_count > 0 {
                <h3>{ lang.pick("待办：已错过或即将到期", "Open: missed or due soon") }</h3>
                <ul class="rec-open" id="open-obligations">{ for quick }</ul>
                if open_count > 50 {
                    <p class="hint">{ match lang {
                        crate::domain::Lang::Zh => format!("仅列出前 50 项，共 {open_count} 项。"),
                        crate::domain::Lang::En => format!("Showing the first 50 of {open_count}."),
                    } }</p>
                }
            }
            <h3>{ lang.pick("已完成的义务", "Obligations done") }</h3>
            <div class="rec-rows">{ for rows }</div>
            <button type="button" class="rec-add" id="add-done" onclick={add} disabled={none}>
                { lang.pick("＋ 添加完成记录", "+ Add done") }
            </button>
        </>
    }
}

#[function_component(Excuses)]
pub fn excuses(p: &ViewProps) -> Html {
    let lang = p.state.lang();
    let (Some(s), Some(c)) = (p.state.scenario(), p.state.contract()) else {
        return html! {};
    };
    let ev = &s.events;
    let (st, d) = (&p.state, &p.dispatch);
    let clauses = clause_options(c, lang, |rule| matches!(*rule, Rule::Penalty(_)));
    // An excuse is always one of the four: "none" is not offered.
    let kinds = opts(excuse_options(lang).into_iter().skip(1).collect());
    let first = clauses.first().map(|x| x.0.clone()).unwrap_or_default();
    let rows = ev.excuses.iter().enumerate().map(|(i, x)| {
        macro_rules! on {
            ($ty:ty, |$x:ident, $v:ident| $body:expr) => {
                edit(st, d, move |e, $v: $ty| {
                    if let Some($x) = e.excuses.get_mut(i) {
                        $body;
                    }
                })
            };
        }
        let on_clause = on!(String, |x, v| x.clause = v);
        let on_excuse = on!(String, |x, v| if let Some(k) = excuse_of(&v) {
            x.excuse = k
        });
        let on_subject = on!(String, |x, v| x.subject = read_text(&v));
        let on_from = on!(String, |x, v| x.from = read_date(&v));
        let on_until = on!(String, |x, v| x.until = read_date(&v));
        // The last day excused is not before the first (`excuse.reversed`).
        let after_from = {
            let from = x.from;
            Callback::from(move |v: String| {
                (read_date(&v).zip(from).is_some_and(|(u, f)| u < f))
                    .then(|| lang.pick("早于免责开始日", "before the first day excused").to_string())
            })
        };
        let on_note = on!(String, |x, v| x.note = read_text(&v));
        let on_delete = edit(st, d, move |e, _: MouseEvent| {
            if i < e.excuses.len() {
                e.excuses.remove(i);
            }
        });
        html! {
            <div class="rec-row" data-excuse-index={i.to_string()} key={i}>
                <SelectField label={lang.pick("违约金条款", "Penalty clause")} name="clause"
                    value={x.clause.clone()} options={clauses.clone()} onchange={on_clause} />
                <SelectField label={lang.pick("免责事由", "Excuse")} name="excuse"
                    value={excuse_id(Some(x.excuse))} options={kinds.clone()} onchange={on_excuse} />
                <TextField {lang} label={lang.pick("针对（期限、节点或事件编号，空为全部）", "Subject (deadline, milestone or incident id; empty: all)")}
                    name="subject" kind={Kind::Text} value={x.subject.clone().unwrap_or_default()}
                    onvalid={on_subject} />
                <TextField {lang} label={lang.pick("免责开始日（空：全部逾期）", "First day excused (empty: all the lateness)")}
                    name="from" kind={Kind::Date} value={opt_date_text(x.from)} onvalid={on_from} />
                <TextField {lang} label={lang.pick("免责截止日（含，空：不限）", "Last day excused (inclusive; empty: open-ended)")}
                    name="until" kind={Kind::Date} value={opt_date_text(x.until)} extra={after_from}
                    onvalid={on_until} />
                <TextField {lang} label={lang.pick("备注", "Note")} name="note" kind={Kind::Text}
                    value={x.note.clone().unwrap_or_default()} onvalid={on_note} />
                { row_button(lang.pick("删除", "Delete"), "delete", on_delete) }
            </div>
        }
    });
    let none = clauses.is_empty();
    let add = edit(st, d, move |e, _: MouseEvent| {
        e.excuses.push(ClaimedExcuse {
            clause: first.clone(),
            excuse: Excuse::ForceMajeure,
            subject: None,
            from: None,
            until: None,
            note: None,
        });
    });
    html! {
        <>
            <div class="rec-rows">{ for rows }</div>
            <button type="button" class="rec-add" id="add-excuse" onclick={add} disabled={none}>
                { lang.pick("＋ 添加免责主张", "+ Add excuse") }
            </button>
        </>
    }
}
