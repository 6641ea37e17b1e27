//! The scenarios tab: the what-ifs of the workspace (duplicate, select, rename, delete), the
//! choice of a scenario to compare with, and the side-by-side comparison of the two reports
//! with every difference marked and signed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::svg;
use super::{no_report, ViewProps};
use crate::domain::money::Amount;
use crate::domain::report::{ObligationStatus, Report, TimerStatus};
use crate::domain::Lang;
use crate::ui::store::Action;

/// A value in the comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Money(Amount),
    Count(i64),
    Text(String),
    /// Not in this scenario's report (or not known yet).
    Missing,
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Money(a) => a.format_yuan(),
            Value::Count(n) => n.to_string(),
            Value::Text(t) => t.clone(),
            Value::Missing => "—".to_string(),
        }
    }
}

/// A group of rows in the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Penalties,
    Totals,
    Payments,
    Service,
    Readings,
}

impl Group {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            Group::Penalties => lang.pick("违约金（按条款）", "Penalties by clause"),
            Group::Totals => lang.pick("合计", "Totals"),
            Group::Payments => lang.pick("付款节点", "Payment milestones"),
            Group::Service => lang.pick("服务时限与义务", "Service levels and obligations"),
            Group::Readings => lang.pick("条款解释", "Readings"),
        }
    }
}

/// One row of the comparison: the active scenario's value and the compared one's.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub group: Group,
    pub label: String,
    pub active: Value,
    pub other: Value,
}

impl Row {
    /// Whether the two scenarios differ on this row.
    pub fn differs(&self) -> bool {
        self.active != self.other
    }

    /// The signed difference, active − compared (`+¥1,000.00`, `-2`), or a word for text.
    pub fn difference(&self, lang: Lang) -> String {
        if !self.differs() {
            return "—".to_string();
        }
        match (&self.active, &self.other) {
            (Value::Money(a), Value::Money(b)) => match a.checked_sub(*b) {
                Some(d) if d.is_negative() => d.format_yuan(),
                Some(d) => format!("+{}", d.format_yuan()),
                None => lang.pick("不同", "differs").to_string(),
            },
            (Value::Count(a), Value::Count(b)) => format!("{:+}", a - b),
            _ => lang.pick("不同", "differs").to_string(),
        }
    }
}

/// The rows comparing the active scenario's report with the compared one's: each penalty
/// clause's total, the totals per payer, each milestone's penalty and interest and its net
/// payable, the SLA breaches, the obligation instances missed, and the readings used.
pub fn comparison_rows(active: &Report, other: &Report, lang: Lang) -> Vec<Row> {
    let mut rows = Vec::new();
    let clause_name = |clause: &str, title: &str| match lang {
        Lang::Zh => format!("第 {clause} 条 {title}"),
        Lang::En => format!("Clause {clause} {title}"),
    };
    // Penalty clauses, in the active report's order, then any only the other has.
    let mut clauses: Vec<(&str, String)> = Vec::new();
    for r in active.penalties.iter().chain(other.penalties.iter()) {
        if !clauses.iter().any(|(c, _)| *c == r.clause) {
            clauses.push((
                &r.clause,
                clause_name(&r.clause, svg::label(&r.title, lang)),
            ));
        }
    }
    let total = |rep: &Report, clause: &str| {
        rep.penalties
            .iter()
            .find(|r| r.clause == clause)
            .map_or(Value::Missing, |r| Value::Money(r.total))
    };
    for (clause, label) in clauses {
        rows.push(Row {
            group: Group::Penalties,
            label,
            active: total(active, clause),
            other: total(other, clause),
        });
    }
    rows.push(Row {
        group: Group::Totals,
        label: lang.pick("乙方应付违约金", "Seller pays").to_string(),
        active: Value::Money(active.totals.seller_pays),
        other: Value::Money(other.totals.seller_pays),
    });
    rows.push(Row {
        group: Group::Totals,
        label: lang.pick("甲方应付违约金", "Buyer pays").to_string(),
        active: Value::Money(active.totals.buyer_pays),
        other: Value::Money(other.totals.buyer_pays),
    });
    // Milestones, keyed by clause and milestone id.
    let mut milestones: Vec<(&str, &str, String)> = Vec::new();
    for m in active.payments.iter().chain(other.payments.iter()) {
        if !milestones
            .iter()
            .any(|(c, id, _)| *c == m.clause && *id == m.milestone)
        {
            milestones.push((
                &m.clause,
                &m.milestone,
                svg::label(&m.label, lang).to_string(),
            ));
        }
    }
    let find = |rep: &'_ Report, clause: &str, id: &str| {
        rep.payments
            .iter()
            .find(|m| m.clause == clause && m.milestone == id)
            .cloned()
    };
    for (clause, id, name) in milestones {
        let (a, b) = (find(active, clause, id), find(other, clause, id));
        let late = |m: &Option<crate::domain::report::MilestoneResult>| {
            m.as_ref()
                .and_then(|m| m.penalty.checked_add(m.interest))
                .map_or(Value::Missing, Value::Money)
        };
        let net = |m: &Option<crate::domain::report::MilestoneResult>| {
            m.as_ref()
                .map_or(Value::Missing, |m| Value::Money(m.net_payable))
        };
        rows.push(Row {
            group: Group::Payments,
            label: match lang {
                Lang::Zh => format!("{name}：违约金与利息"),
                Lang::En => format!("{name}: penalty and interest"),
            },
            active: late(&a),
            other: late(&b),
        });
        rows.push(Row {
            group: Group::Payments,
            label: match lang {
                Lang::Zh => format!("{name}：应付净额"),
                Lang::En => format!("{name}: net payable"),
            },
            active: net(&a),
            other: net(&b),
        });
    }
    let breaches = |rep: &Report| {
        rep.sla
            .iter()
            .filter(|t| matches!(t.status, TimerStatus::Breached | TimerStatus::Overdue))
            .count() as i64
    };
    rows.push(Row {
        group: Group::Service,
        label: lang
            .pick("服务时限违约次数", "Service-level breaches")
            .to_string(),
        active: Value::Count(breaches(active)),
        other: Value::Count(breaches(other)),
    });
    let missed = |rep: &Report| {
        rep.obligations
            .iter()
            .filter(|o| o.status == ObligationStatus::Missed)
            .count() as i64
    };
    rows.push(Row {
        group: Group::Service,
        label: lang
            .pick("未履行的义务次数", "Obligation instances missed")
            .to_string(),
        active: Value::Count(missed(active)),
        other: Value::Count(missed(other)),
    });
    let mut reading_clauses: Vec<&String> = active.readings.keys().collect();
    for k in other.readings.keys() {
        if !reading_clauses.contains(&k) {
            reading_clauses.push(k);
        }
    }
    crate::domain::order::sort(&mut reading_clauses);
    for clause in reading_clauses {
        let value = |rep: &Report| {
            rep.readings.get(clause).map_or(Value::Missing, |r| {
                Value::Text(reading_name(rep, clause, r, lang))
            })
        };
        rows.push(Row {
            group: Group::Readings,
            label: match lang {
                Lang::Zh => format!("第 {clause} 条的解释"),
                Lang::En => format!("Reading of clause {clause}"),
            },
            active: value(active),
            other: value(other),
        });
    }
    rows
}

/// A reading's name: its label where the clause lists it, else words derived from its id.
pub fn reading_name(report: &Report, clause: &str, reading: &str, lang: Lang) -> String {
    report
        .penalties
        .iter()
        .filter(|r| r.clause == clause)
        .flat_map(|r| r.readings.iter())
        .find(|t| t.reading == reading)
        .map_or_else(
            || crate::domain::labels::derive(reading, lang),
            |t| svg::label(&t.label, lang).to_string(),
        )
}

#[function_component]
pub fn View(props: &ViewProps) -> Html {
    let state = &props.state;
    let lang = state.lang();
    let Some(report) = &state.report else {
        return no_report(state);
    };
    let ws = &state.ws;
    let n = ws.scenarios.len();
    let dispatch = props.dispatch.clone();

    let items = ws.scenarios.iter().enumerate().map(|(i, s)| {
        let active = i == ws.active;
        let compared = ws.compare == Some(i);
        let name = s.shown_name(lang);
        let on_rename = {
            let dispatch = dispatch.clone();
            let name = name.clone();
            move |input: HtmlInputElement| {
                let value = input.value().trim().to_string();
                if value.is_empty() {
                    input.set_value(&name);
                } else if value != name {
                    dispatch.emit(Action::RenameScenario(i, value));
                }
            }
        };
        let onchange = {
            let on_rename = on_rename.clone();
            Callback::from(move |e: Event| on_rename(e.target_unchecked_into()))
        };
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                on_rename(e.target_unchecked_into());
            }
        });
        let act = |a: Action| {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.emit(a.clone()))
        };
        let input_id = format!("scenario-name-{i}");
        html! {
            <li class={classes!("scenario", active.then_some("is-active"), compared.then_some("is-compared"))}
                data-scenario={i.to_string()} aria-current={active.then_some("true")}>
                <label class="visually-hidden" for={input_id.clone()}>
                    { lang.pick("情景名称", "Scenario name") }
                </label>
                <input id={input_id} type="text" class="scenario-name" data-action="rename"
                    value={name.clone()} {onchange} {onkeydown} />
                <span class="scenario-state">
                    if active { { lang.pick("当前", "active") } }
                    if compared { { lang.pick("对比中", "compared") } }
                </span>
                <span class="scenario-actions">
                    <button type="button" data-action="select" disabled={active}
                        aria-pressed={if active { "true" } else { "false" }}
                        onclick={act(Action::SelectScenario(i))}>
                        { lang.pick("查看", "Select") }
                    </button>
                    <button type="button" data-action="duplicate" onclick={act(Action::DuplicateScenario(i))}
                        aria-label={format!("{}{name}", lang.pick("复制：", "Duplicate: "))}>
                        { lang.pick("复制", "Duplicate") }
                    </button>
                    if n > 1 {
                        <button type="button" data-action="delete" class="danger" onclick={act(Action::DeleteScenario(i))}
                            aria-label={format!("{}{name}", lang.pick("删除：", "Delete: "))}>
                            { lang.pick("删除", "Delete") }
                        </button>
                    }
                </span>
            </li>
        }
    });

    let on_compare = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            dispatch.emit(Action::Compare(select.value().parse::<usize>().ok()));
        })
    };

    let readings = if report.readings.is_empty() {
        html! { <p class="empty">{ lang.pick("本情景没有需要选择解释的条款。", "No clause in this scenario needs a reading chosen.") }</p> }
    } else {
        html! {
            <dl class="readings">
                { for report.readings.iter().map(|(clause, r)| html! {
                    <>
                        <dt>{ match lang {
                            Lang::Zh => format!("第 {clause} 条"),
                            Lang::En => format!("Clause {clause}"),
                        } }</dt>
                        <dd>{ reading_name(report, clause, r, lang) }</dd>
                    </>
                }) }
            </dl>
        }
    };

    let comparison = match (&state.compare, ws.compare.and_then(|c| ws.scenarios.get(c))) {
        (Some(other), Some(other_s)) => {
            let active_name = ws
                .scenario()
                .map(|s| s.shown_name(lang))
                .unwrap_or_default();
            let rows = comparison_rows(report, other, lang);
            let differing = rows.iter().filter(|r| r.differs()).count();
            let mut last_group = None;
            html! {
                <div class="comparison-wrap">
                    <p class="comparison-summary">{ match lang {
                        Lang::Zh => format!("“{active_name}”与“{}”相比：{differing} 项不同。", other_s.shown_name(lang)),
                        Lang::En => format!(
                            "“{active_name}” against “{}”: {differing} {} differ{}.",
                            other_s.shown_name(lang),
                            if differing == 1 { "row" } else { "rows" },
                            if differing == 1 { "s" } else { "" }
                        ),
                    } }</p>
                    <table id="comparison" class="comparison">
                        <caption>{ lang.pick("情景对比（差额 = 当前情景 − 对比情景）", "Scenarios side by side (difference = active − compared)") }</caption>
                        <thead><tr>
                            <th scope="col">{ lang.pick("项目", "Item") }</th>
                            <th scope="col">{ active_name.clone() }</th>
                            <th scope="col">{ other_s.shown_name(lang) }</th>
                            <th scope="col">{ lang.pick("差额", "Difference") }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|r| {
                                let heading = (last_group != Some(r.group)).then(|| {
                                    last_group = Some(r.group);
                                    html! { <tr class="group"><th scope="rowgroup" colspan="4">{ r.group.name(lang) }</th></tr> }
                                });
                                let numeric = !matches!(r.active, Value::Text(_));
                                html! {
                                    <>
                                        { heading }
                                        <tr class={classes!(r.differs().then_some("is-different"))}>
                                            <th scope="row">{ r.label.clone() }</th>
                                            <td class={classes!(numeric.then_some("num"))}>{ r.active.text() }</td>
                                            <td class={classes!(numeric.then_some("num"))}>{ r.other.text() }</td>
                                            <td class={classes!("diff", numeric.then_some("num"))}>{ r.difference(lang) }</td>
                                        </tr>
                                    </>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        }
        (None, Some(other_s)) if state.compare_error.is_some() => html! {
            <p class="empty eval-error" role="alert">{ match lang {
                Lang::Zh => format!("无法计算“{}”，不能对比：", other_s.shown_name(lang)),
                Lang::En => format!("“{}” cannot be computed, so it is not compared: ", other_s.shown_name(lang)),
            } }{ state.compare_error.as_ref().map(|e| crate::domain::Localize::localize(e, lang)).unwrap_or_default() }</p>
        },
        _ => html! {
            <p class="empty">{ lang.pick("选择一个情景进行对比。复制当前情景、修改履约记录或解释，即可看到差别。", "Choose a scenario to compare with. Duplicate this one and change its record or readings to see the difference.") }</p>
        },
    };

    html! {
        <section class="view scenarios" id="view-scenarios">
            <h2>{ lang.pick("情景对比", "Scenarios") }</h2>
            <ul class="scenario-list">{ for items }</ul>
            <div class="compare-choice">
                <label for="compare-select">{ lang.pick("对比情景", "Compare with") }</label>
                <select id="compare-select" onchange={on_compare}>
                    <option value="" selected={ws.compare.is_none()}>{ lang.pick("（不对比）", "(none)") }</option>
                    { for ws.scenarios.iter().enumerate().filter(|(i, _)| *i != ws.active).map(|(i, s)| html! {
                        <option value={i.to_string()} selected={ws.compare == Some(i)}>{ s.shown_name(lang) }</option>
                    }) }
                </select>
            </div>
            <h3>{ lang.pick("本情景采用的解释", "Readings used in this scenario") }</h3>
            { readings }
            <h3>{ lang.pick("对比", "Comparison") }</h3>
            { comparison }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Calendar;
    use crate::domain::engine::{self, Options};
    use crate::ui::examples;
    use crate::ui::state::Inputs;
    use crate::ui::store::open_example;

    fn report(id: &str, days_later: u64) -> Option<Report> {
        examples::preload();
        let ws = open_example(id, Lang::Zh, Inputs::default())?;
        let contract = ws.contract.as_ref()?;
        let mut events = ws.scenarios.first()?.events.clone();
        events.as_of = events
            .as_of
            .checked_add_days(chrono::Days::new(days_later))?;
        engine::evaluate(contract, &events, &Calendar::china(), &Options::default()).ok()
    }

    fn money(s: &str) -> Amount {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn the_same_report_differs_nowhere() {
        for ex in examples::EXAMPLES.iter() {
            let Some(r) = report(ex.id, 0) else {
                panic!("example {} does not load", ex.id)
            };
            let rows = comparison_rows(&r, &r, Lang::En);
            assert!(rows.iter().all(|row| !row.differs()));
            assert_eq!(
                rows.iter()
                    .filter(|row| row.group == Group::Penalties)
                    .count(),
                r.penalties.len()
            );
            assert_eq!(
                rows.iter()
                    .filter(|row| row.group == Group::Payments)
                    .count(),
                2 * r.payments.len()
            );
            assert!(rows.iter().all(|row| row.difference(Lang::En) == "—"));
        }
    }

    #[test]
    fn differences_are_signed_active_minus_compared() {
        let Some(base) = report(examples::EXAMPLES[0].id, 0) else {
            panic!("no example")
        };
        let mut what_if = base.clone();
        what_if.totals.seller_pays = base
            .totals
            .seller_pays
            .checked_add(money("1000.50"))
            .unwrap_or_default();
        what_if.totals.buyer_pays = money("0");
        let mut base2 = base.clone();
        base2.totals.buyer_pays = money("250");
        let rows = comparison_rows(&what_if, &base2, Lang::En);
        let seller = rows.iter().find(|r| r.label == "Seller pays");
        assert_eq!(
            seller.map(|r| r.difference(Lang::En)),
            Some("+¥1,000.50".to_string())
        );
        let buyer = rows.iter().find(|r| r.label == "Buyer pays");
        assert_eq!(
            buyer.map(|r| r.difference(Lang::En)),
            Some("-¥250.00".to_string())
        );
        assert_eq!(rows.iter().filter(|r| r.differs()).count(), 2);
    }

    #[test]
    fn counts_and_text_differences() {
        let a = Row {
            group: Group::Service,
            label: "x".into(),
            active: Value::Count(1),
            other: Value::Count(3),
        };
        assert_eq!(a.difference(Lang::Zh), "-2");
        let b = Row {
            active: Value::Count(4),
            other: Value::Count(1),
            ..a.clone()
        };
        assert_eq!(b.difference(Lang::Zh), "+3");
        let t = Row {
            group: Group::Readings,
            label: "r".into(),
            active: Value::Text("started".into()),
            other: Value::Text("full".into()),
        };
        assert!(t.differs());
        assert_eq!(t.difference(Lang::Zh), "不同");
        assert_eq!(t.difference(Lang::En), "differs");
    }

    #[test]
    fn a_later_as_of_date_never_lowers_what_the_seller_owes() {
        for ex in examples::EXAMPLES.iter() {
            let (Some(now), Some(later)) = (report(ex.id, 0), report(ex.id, 90)) else {
                panic!("example {} does not load", ex.id)
            };
            let rows = comparison_rows(&later, &now, Lang::Zh);
            let seller = rows.iter().find(|r| r.label == "乙方应付违约金");
            match seller.map(|r| (&r.active, &r.other)) {
                Some((Value::Money(a), Value::Money(b))) => assert!(a >= b, "{}", ex.id),
                other => panic!("no seller row: {other:?}"),
            }
        }
    }
}
