//! The record editors' controls: a labelled text field that validates as the user types, keeps
//! half-typed text while it does not parse and reports only values that do; a labelled select;
//! a labelled checkbox. Plus the pure conversions between record values and input text.

use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime, Timelike};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::domain::calendar::{parse_date, parse_datetime};
use crate::domain::contract::{Complexity, Excuse, Label, StaffKind};
use crate::domain::events::Events;
use crate::domain::lang::Localize;
use crate::domain::money::Amount;
use crate::domain::Lang;
use crate::ui::store::{Action, AppState};

/// What a text field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A date (`<input type="date">`, `YYYY-MM-DD`).
    Date,
    /// A date and time (`<input type="datetime-local">`, `YYYY-MM-DDTHH:MM`).
    DateTime,
    /// An amount of money (`12,345.60`, `125万`).
    Amount,
    /// A whole number (persons, counts, days).
    Count,
    /// A decimal number (`12.5`), as factors are written.
    Number,
    /// Free text.
    Text,
}

impl Kind {
    fn input_type(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::DateTime => "datetime-local",
            _ => "text",
        }
    }

    fn inputmode(self) -> Option<&'static str> {
        match self {
            Kind::Amount => Some("decimal"),
            Kind::Count => Some("numeric"),
            Kind::Number => Some("decimal"),
            _ => None,
        }
    }
}

/// A date as a date input shows it.
pub fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An optional date as text (empty when absent).
pub fn opt_date_text(d: Option<NaiveDate>) -> String {
    d.map(date_text).unwrap_or_default()
}

/// An instant as a `datetime-local` input shows it: `YYYY-MM-DDTHH:MM` (with seconds only when
/// it has some).
pub fn datetime_text(t: NaiveDateTime) -> String {
    if t.second() == 0 {
        t.format("%Y-%m-%dT%H:%M").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    }
}

/// An optional instant as text (empty when absent).
pub fn opt_datetime_text(t: Option<NaiveDateTime>) -> String {
    t.map(datetime_text).unwrap_or_default()
}

/// An amount as plain text an input can hold and [`Amount::parse`] reads back.
pub fn amount_text(a: Amount) -> String {
    a.yuan().normalize().to_string()
}

/// An optional amount as text (empty when absent).
pub fn opt_amount_text(a: Option<Amount>) -> String {
    a.map(amount_text).unwrap_or_default()
}

/// The date in a text that parses (empty: none).
pub fn read_date(s: &str) -> Option<NaiveDate> {
    parse_date(s).ok()
}

/// The instant in a text that parses (empty: none).
pub fn read_datetime(s: &str) -> Option<NaiveDateTime> {
    parse_datetime(s).ok()
}

/// The amount in a text that parses (empty: none).
pub fn read_amount(s: &str) -> Option<Amount> {
    Amount::parse(s).ok()
}

/// The whole number in a text (empty or not a number: none).
pub fn read_count(s: &str) -> Option<u32> {
    s.trim().parse().ok()
}

/// A text, or none when blank.
pub fn read_text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// Checks a field's text: the canonical text of its value (empty for an empty optional field),
/// or the localized error.
pub fn check(kind: Kind, required: bool, text: &str, lang: Lang) -> Result<String, String> {
    if text.trim().is_empty() {
        return if required {
            Err(lang.pick("必填", "required").to_string())
        } else {
            Ok(String::new())
        };
    }
    match kind {
        Kind::Date => parse_date(text)
            .map(date_text)
            .map_err(|e| e.localize(lang)),
        Kind::DateTime => parse_datetime(text)
            .map(datetime_text)
            .map_err(|e| e.localize(lang)),
        Kind::Amount => Amount::parse(text)
            .map(amount_text)
            .map_err(|e| e.localize(lang)),
        Kind::Count => text
            .trim()
            .parse::<u32>()
            .map(|n| n.to_string())
            .map_err(|_| {
                format!(
                    "{}{text}",
                    lang.pick("应为不小于 0 的整数：", "not a whole number ≥ 0: ")
                )
            }),
        Kind::Number => crate::domain::money::factor::parse(text)
            .map(|n| n.normalize().to_string())
            .map_err(|_| {
                format!(
                    "{}{}",
                    lang.pick("应为数字：", "not a number: "),
                    text.trim()
                )
            }),
        Kind::Text => Ok(text.trim().to_string()),
    }
}

/// A unique incident or requirement id not in `taken`: `prefix-N`, N one more than the largest
/// such number in use.
pub fn next_id<'a>(prefix: &str, taken: impl Iterator<Item = &'a str> + Clone) -> String {
    let max = taken
        .clone()
        .filter_map(|id| {
            id.strip_prefix(prefix)?
                .strip_prefix('-')?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let mut n = max + 1;
    loop {
        let id = format!("{prefix}-{n}");
        if !taken.clone().any(|t| t == id) {
            return id;
        }
        n += 1;
    }
}

/// A contract label in the language (Chinese when there is no English).
pub fn label(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::Zh => l.zh.clone(),
        Lang::En => l.en.clone().unwrap_or_else(|| l.zh.clone()),
    }
}

/// The excuses, with their record ids and names.
pub const EXCUSES: [(Excuse, &str, &str, &str); 4] = [
    (
        Excuse::ForceMajeure,
        "force_majeure",
        "不可抗力",
        "force majeure",
    ),
    (
        Excuse::BuyerFault,
        "buyer_fault",
        "甲方原因",
        "buyer's fault",
    ),
    (
        Excuse::SellerFault,
        "seller_fault",
        "乙方原因",
        "seller's fault",
    ),
    (
        Excuse::FiscalDelay,
        "fiscal_delay",
        "财政资金延迟",
        "fiscal delay",
    ),
];

/// An excuse's id (empty: none).
pub fn excuse_id(e: Option<Excuse>) -> &'static str {
    EXCUSES
        .iter()
        .find(|x| Some(x.0) == e)
        .map(|x| x.1)
        .unwrap_or("")
}

/// The excuse with this id (none for anything else).
pub fn excuse_of(id: &str) -> Option<Excuse> {
    EXCUSES.iter().find(|x| x.1 == id).map(|x| x.0)
}

/// The options of an excuse select, "none" first.
pub fn excuse_options(lang: Lang) -> Vec<(String, String)> {
    let mut v = vec![(String::new(), lang.pick("无", "none").to_string())];
    v.extend(
        EXCUSES
            .iter()
            .map(|x| (x.1.to_string(), lang.pick(x.2, x.3).to_string())),
    );
    v
}

/// Staff event kinds with ids and names.
pub const STAFF_KINDS: [(StaffKind, &str, &str, &str); 5] = [
    (StaffKind::Change, "change", "人员更换", "staff change"),
    (
        StaffKind::LeftWithoutFiling,
        "left_without_filing",
        "驻场人员未报备离岗",
        "left site without filing",
    ),
    (
        StaffKind::LateForDuty,
        "late_for_duty",
        "值班迟到",
        "late for duty",
    ),
    (
        StaffKind::NoAnswerOnDuty,
        "no_answer_on_duty",
        "节假日值班未响应",
        "no answer on holiday duty",
    ),
    (
        StaffKind::Unresponsive,
        "unresponsive",
        "人员信息有误或不响应",
        "wrong staff info or unresponsive",
    ),
];

/// Complexities with ids and names.
pub const COMPLEXITIES: [(Complexity, &str, &str, &str); 2] = [
    (Complexity::Ordinary, "ordinary", "一般", "ordinary"),
    (Complexity::Complex, "complex", "复杂", "complex"),
];

/// A callback that applies `f` to a copy of the active scenario's record and dispatches it.
/// The record is copied only when the user changes something, never while drawing.
pub fn edit<T: 'static>(
    state: &Rc<AppState>,
    dispatch: &Callback<Action>,
    f: impl Fn(&mut Events, T) + 'static,
) -> Callback<T> {
    let state = state.clone();
    let dispatch = dispatch.clone();
    Callback::from(move |v: T| {
        if let Some(s) = state.scenario() {
            let mut e = s.events.clone();
            f(&mut e, v);
            dispatch.emit(Action::SetEvents(e));
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct TextProps {
    pub lang: Lang,
    pub label: AttrValue,
    /// The input's `name` (tests find inputs by it).
    pub name: AttrValue,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub kind: Kind,
    #[prop_or_default]
    pub required: bool,
    /// The record's value as canonical text (empty: none).
    pub value: AttrValue,
    /// A further check of a text that parses (a duplicate id): the error, if any.
    #[prop_or_default]
    pub extra: Option<Callback<String, Option<String>>>,
    /// Called with the canonical text of every value that parses (empty: cleared).
    pub onvalid: Callback<String>,
}

/// A labelled input that validates every keystroke. Text that does not parse stays in the
/// input with the error beside it, and nothing is reported until it parses.
#[function_component(TextField)]
pub fn text_field(p: &TextProps) -> Html {
    // The text typed, and the record's value it was typed against: it is shown while the
    // record still holds that value (a change elsewhere discards it).
    let draft = use_state(|| None::<(String, AttrValue)>);
    let (text, error) = match &*draft {
        Some((t, v)) if *v == p.value => {
            let err = match check(p.kind, p.required, t, p.lang) {
                Err(e) => Some(e),
                Ok(c) => p.extra.as_ref().and_then(|x| x.emit(c)),
            };
            (t.clone(), err)
        }
        _ => (p.value.to_string(), None),
    };
    let oninput = {
        let draft = draft.clone();
        let kind = p.kind;
        let required = p.required;
        let lang = p.lang;
        let value = p.value.clone();
        let extra = p.extra.clone();
        let onvalid = p.onvalid.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let t = input.value();
            // A date input holding a half-typed date reports an empty value.
            if input.validity().bad_input() {
                draft.set(Some((String::from("\u{0}"), value.clone())));
                return;
            }
            match check(kind, required, &t, lang) {
                Ok(c) if extra.as_ref().and_then(|x| x.emit(c.clone())).is_none() => {
                    draft.set(Some((t, AttrValue::from(c.clone()))));
                    if c != value.as_str() {
                        onvalid.emit(c);
                    }
                }
                _ => draft.set(Some((t, value.clone()))),
            }
        })
    };
    // A half-typed date the browser keeps to itself.
    let (text, error) = if text == "\u{0}" {
        (
            String::new(),
            Some(
                p.lang
                    .pick("日期不完整或无效", "incomplete or invalid date")
                    .to_string(),
            ),
        )
    } else {
        (text, error)
    };
    let invalid = error.is_some();
    html! {
        <label class={classes!("field", "rec-field", invalid.then_some("is-invalid"))}>
            <span class="field-label">{ p.label.clone() }</span>
            <input
                id={p.id.clone()}
                name={p.name.clone()}
                type={p.kind.input_type()}
                value={text}
                inputmode={p.kind.inputmode()}
                required={p.required}
                aria-invalid={invalid.to_string()}
                autocomplete="off"
                spellcheck="false"
                {oninput}
            />
            if let Some(e) = error {
                <span class="field-error" role="alert">{ e }</span>
            }
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub label: AttrValue,
    pub name: AttrValue,
    /// The selected option's value.
    pub value: AttrValue,
    /// (value, text) pairs.
    pub options: Rc<Vec<(String, String)>>,
    pub onchange: Callback<String>,
}

/// A labelled select.
#[function_component(SelectField)]
pub fn select_field(p: &SelectProps) -> Html {
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(s.value());
        })
    };
    // A value the options do not offer (a record from another contract) is shown, not lost.
    let known = p.options.iter().any(|(v, _)| v == p.value.as_str());
    html! {
        <label class="field rec-field">
            <span class="field-label">{ p.label.clone() }</span>
            <select name={p.name.clone()} {onchange}>
                if !known {
                    <option value={p.value.clone()} selected=true>{ format!("⚠ {}", p.value) }</option>
                }
                { for p.options.iter().map(|(v, t)| html! {
                    <option value={v.clone()} selected={v == p.value.as_str()}>{ t.clone() }</option>
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub label: AttrValue,
    pub name: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
}

/// A labelled checkbox.
#[function_component(CheckField)]
pub fn check_field(p: &CheckProps) -> Html {
    let onchange = {
        let cb = p.onchange.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            cb.emit(i.checked());
        })
    };
    html! {
        <label class="check rec-check">
            <input type="checkbox" name={p.name.clone()} checked={p.checked} {onchange} />
            <span>{ p.label.clone() }</span>
        </label>
    }
}

/// A small button for a row.
pub fn row_button(text: &str, action: &'static str, onclick: Callback<MouseEvent>) -> Html {
    html! {
        <button type="button" class="rec-btn" data-action={action} {onclick}>{ text.to_string() }</button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_id_takes_one_past_the_largest() {
        let ids = ["inc-1", "inc-7", "x-9", "inc-a"];
        assert_eq!(next_id("inc", ids.iter().copied()), "inc-8");
        let none: [&str; 0] = [];
        assert_eq!(next_id("inc", none.iter().copied()), "inc-1");
    }

    #[test]
    fn datetime_text_round_trips() {
        let t = parse_datetime("2024-03-05T09:07").ok();
        assert_eq!(t.map(datetime_text).as_deref(), Some("2024-03-05T09:07"));
        assert_eq!(read_datetime("2024-03-05T09:07"), t);
        assert_eq!(opt_datetime_text(None), "");
    }

    #[test]
    fn check_keeps_bad_text_out() {
        assert!(check(Kind::Amount, true, "12a3", Lang::En).is_err());
        assert_eq!(
            check(Kind::Amount, true, "1,000.50", Lang::En).as_deref(),
            Ok("1000.5")
        );
        assert!(check(Kind::Date, false, "2024-02-30", Lang::Zh).is_err());
        assert_eq!(check(Kind::Date, false, " ", Lang::Zh).as_deref(), Ok(""));
        assert!(check(Kind::Date, true, "", Lang::Zh).is_err());
        assert!(check(Kind::Count, true, "-1", Lang::En).is_err());
        assert!(check(Kind::DateTime, true, "2024-01-01", Lang::En).is_err());
        assert_eq!(
            check(Kind::Number, true, " 12.50", Lang::En).as_deref(),
            Ok("12.5")
        );
        assert_eq!(
            check(Kind::Number, true, "1x", Lang::Zh),
            Err("应为数字：1x".to_string())
        );
    }

    #[test]
    fn excuses_round_trip() {
        for (e, id, _, _) in EXCUSES {
            assert_eq!(excuse_of(id), Some(e));
            assert_eq!(excuse_id(Some(e)), id);
        }
        assert_eq!(excuse_of(""), None);
    }
}
