//! Fines graded by level: the sub-items of a penalty clause, each under a heading that names a
//! level (`(1) 特别重大安全事件` … `单次处罚金额为发生安全事件子系统年维护费金额的30%`), read as one
//! rule whose rate depends on the incident's level; and what a sub-item says about an incident
//! not handled in time (`不能按时处置解决的处罚金额增加1%`, `按处罚金额的2倍处罚`), with the
//! time to handle each level taken from the timers the contract states for it (5.2 应急方案:
//! `在1小时内完成处置`).
//!
//! Why one rule: the contract grades one breach (an incident) by level, and its repeats
//! escalate within a level; separate clauses per level would lose neither figure but would show
//! three rules where the reader sees one table. A sub-item that differs in more than its level
//! and rate (another base, payer or escalation) stays a clause of its own.

use super::lexicon::{BaseWord, Tok, Word};
use super::penalty::note;
use super::sent::Sent;
use crate::domain::contract::{
    Contract, Formula, Label, LateHandling, LateReading, LateRule, LevelRate, OccurrenceAmount,
    Penalty, Rule, Trigger,
};
use crate::domain::money::Rate;
use rust_decimal::Decimal;

/// Makes a fine per occurrence stated under a level's heading a fine on incidents of that
/// level: its trigger (kept when it already names levels) and, for a rate, its amount by level.
/// Whether it changed.
pub fn leveled(p: &mut Penalty, level: &str) -> bool {
    let Formula::PerOccurrence(o) = &mut p.formula else {
        return false;
    };
    match &p.trigger {
        Trigger::Occurrence => {}
        Trigger::Incident { levels, .. } if levels.is_empty() => {}
        _ => return false,
    }
    p.trigger = Trigger::Incident {
        levels: vec![level.to_string()],
        kinds: Vec::new(),
        within_after_obligation: None,
        when: None,
    };
    if let OccurrenceAmount::Rate { rate, base } = &o.amount {
        o.amount = OccurrenceAmount::ByLevel {
            rates: vec![LevelRate {
                level: level.to_string(),
                rate: *rate,
                handle_within: None,
            }],
            base: base.clone(),
        };
    }
    // 年度内同类问题出现2次或以上 under one level's heading counts repeats of that level.
    if let Some(e) = &mut o.escalation {
        e.scope.same_level = true;
    }
    true
}

/// Joins a sibling sub-item's fine by level (`new`) to the one before it (`last`): same payer,
/// base, escalation, multipliers, excuses, cap and rights, a level not yet priced (what the
/// earlier sub-items said of late handling stays theirs). Whether it joined.
pub fn join(last: &mut Penalty, new: &Penalty) -> bool {
    let (Formula::PerOccurrence(a), Formula::PerOccurrence(b)) = (&mut last.formula, &new.formula)
    else {
        return false;
    };
    let (
        OccurrenceAmount::ByLevel { rates, base },
        OccurrenceAmount::ByLevel {
            rates: more,
            base: base2,
        },
    ) = (&mut a.amount, &b.amount)
    else {
        return false;
    };
    let same = base == base2
        && last.payer == new.payer
        && a.escalation == b.escalation
        && a.multipliers == b.multipliers
        && a.tiers == b.tiers
        && b.late_handling.is_none()
        && last.excuses == new.excuses
        && last.cap == new.cap
        && last.rights == new.rights;
    let fresh = more
        .iter()
        .all(|m| rates.iter().all(|r| r.level != m.level));
    let (
        Trigger::Incident { levels, .. },
        Trigger::Incident {
            levels: new_levels, ..
        },
    ) = (&mut last.trigger, &new.trigger)
    else {
        return false;
    };
    if !same || !fresh {
        return false;
    }
    rates.extend(more.iter().cloned());
    levels.extend(new_levels.iter().cloned());
    true
}

/// A sentence about incidents not handled in time (`不能按时处置解决的处罚金额增加1%`,
/// `不能按时处置解决的按处罚金额的2倍处罚`): its readings, with notes. None when the sentence
/// is not one.
pub fn late_readings(s: &Sent) -> Option<(Vec<LateReading>, Vec<Label>)> {
    let late = s.any(&[
        "不能按时",
        "未按时",
        "未能按时",
        "不能及时",
        "未能及时",
        "未及时",
        "超时",
        "逾时",
    ]);
    let handled = s.any(&["处置", "解决", "处理", "修复", "恢复", "排除"]);
    let of_penalty = s
        .toks
        .iter()
        .any(|t| t.tok == Tok::Word(Word::Base(BaseWord::PriorPenalty)));
    if !(late && handled && of_penalty) {
        return None;
    }
    if let Some(f) = s.toks.iter().find_map(|t| match t.tok {
        Tok::Factor(f) => Some(f),
        _ => None,
    }) {
        let reading = LateReading {
            id: format!("times-{}", f.normalize()),
            label: Label {
                zh: format!("按处罚金额的{}倍", f.normalize()),
                en: Some(format!("Penalty × {}", f.normalize())),
            },
            factor: Some(f),
            add_rate: None,
        };
        return Some((vec![reading], Vec::new()));
    }
    let rate = s.toks.iter().find_map(|t| match t.tok {
        Tok::Rate(r) => Some(r),
        _ => None,
    })?;
    Some((increase_readings(rate), vec![increase_note(rate)]))
}

/// `处罚金额增加1%`: one percentage point more of the same base, or the amount × 1.01 — both
/// readings, the first the default.
fn increase_readings(rate: Rate) -> Vec<LateReading> {
    let points = points(rate);
    let factor = Decimal::ONE + rate.fraction();
    vec![
        LateReading {
            id: format!("plus-{points}-point"),
            label: Label {
                zh: format!("处罚比例加{points}个百分点"),
                en: Some(format!(
                    "Rate plus {points} percentage point{}",
                    if points == Decimal::ONE { "" } else { "s" }
                )),
            },
            factor: None,
            add_rate: Some(rate),
        },
        LateReading {
            id: format!("times-{}", factor.normalize()),
            label: Label {
                zh: format!("处罚金额乘以{}", factor.normalize()),
                en: Some(format!("Amount × {}", factor.normalize())),
            },
            factor: Some(factor),
            add_rate: None,
        },
    ]
}

/// A rate as percentage points (1% gives 1).
fn points(rate: Rate) -> Decimal {
    (rate.fraction() * Decimal::ONE_HUNDRED).normalize()
}

fn increase_note(rate: Rate) -> Label {
    let (pct, points) = (rate.format_percent(), points(rate));
    let factor = (Decimal::ONE + rate.fraction()).normalize();
    Label {
        zh: format!(
            "“处罚金额增加{pct}”有两种读法：处罚比例加{points}个百分点，或处罚金额乘以{factor}；两种均已计算，默认前者，可切换"
        ),
        en: Some(format!(
            "“处罚金额增加{pct}” reads two ways: the rate plus {points} percentage points, or the amount × {factor}; both are computed, the first by default (switchable)"
        )),
    }
}

/// Adds a lateness rule for `levels` to a fine by level; readings equal to the last rule's join
/// it. Whether the fine takes it.
pub fn add_late(p: &mut Penalty, levels: Vec<String>, readings: Vec<LateReading>) -> bool {
    let Formula::PerOccurrence(o) = &mut p.formula else {
        return false;
    };
    if !matches!(o.amount, OccurrenceAmount::ByLevel { .. }) || levels.is_empty() {
        return false;
    }
    let rules = &mut o
        .late_handling
        .get_or_insert(LateHandling { rules: Vec::new() })
        .rules;
    match rules.last_mut() {
        Some(r) if r.readings == readings => r.levels.extend(levels),
        _ => rules.push(LateRule { levels, readings }),
    }
    true
}

/// The time to handle each level of the fines that price lateness, from the contract's timers
/// that end when an incident is resolved (`在1小时内完成处置`). The clauses that lack one for a
/// level they price, with the note to show.
pub fn handle_within(c: &mut Contract) -> Vec<(String, Label)> {
    let limits: Vec<(String, crate::domain::contract::Span)> = c
        .clauses
        .iter()
        .filter_map(|cl| match &cl.rule {
            Rule::Sla(x) => Some(x),
            _ => None,
        })
        .flat_map(|x| &x.timers)
        .filter(|t| t.to.name() == "resolved")
        .flat_map(|t| &t.limits)
        .flat_map(|l| l.levels.iter().map(|lv| (lv.clone(), l.within)))
        .collect();
    let mut missing = Vec::new();
    for cl in &mut c.clauses {
        let Rule::Penalty(p) = &mut cl.rule else {
            continue;
        };
        let Formula::PerOccurrence(o) = &mut p.formula else {
            continue;
        };
        let Some(late) = &o.late_handling else {
            continue;
        };
        let OccurrenceAmount::ByLevel { rates, .. } = &mut o.amount else {
            continue;
        };
        for r in rates.iter_mut().filter(|r| r.handle_within.is_none()) {
            if !late.rules.iter().any(|l| l.levels.contains(&r.level)) {
                continue;
            }
            r.handle_within = limits.iter().find(|(l, _)| *l == r.level).map(|(_, w)| *w);
            if r.handle_within.is_none() {
                missing.push((
                    cl.id.clone(),
                    note(
                        "合同未写明该级别须处置完毕的时限：未按时处置的加罚不计，请在表单中填写时限",
                        "The contract states no time to handle this level: the extra for late handling is not counted until a limit is filled in",
                    ),
                ));
            }
        }
    }
    missing
}
