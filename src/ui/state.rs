//! The page's state and its reducer.
//!
//! The state is what the user typed ([`Inputs`]) and the language; every result is derived from
//! them by the domain inside [`State::reduce`], so the components only draw. The reducer is pure:
//! it touches no storage and no DOM (those effects live in `app.rs`), and it is tested natively.

use std::rc::Rc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use yew::Reducible;

use crate::domain::calendar::{self, Calendar, CalendarWarning, Clock, DayInfo};
use crate::domain::input::parse_count;
use crate::domain::money::{self, Amount, Rate, VatSplit, WordsCheck};
use crate::domain::period::{self, Deadline, PeriodOptions, Unit};
use crate::domain::{Lang, Localize};

/// What the user typed, kept as typed (so a half-typed value is never lost), and saved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Inputs {
    pub deadline_start: String,
    pub deadline_time: String,
    pub deadline_n: String,
    /// `days`, `workdays`, `months`, `years` or `hours`.
    pub deadline_unit: String,
    pub deadline_extension: bool,
    /// `7x24`, `5x8` or `working-hours`.
    pub deadline_clock: String,
    pub workday_date: String,
    pub between_from: String,
    pub between_to: String,
    pub words_amount: String,
    pub words_text: String,
    pub vat_amount: String,
    pub vat_rate: String,
}

impl Default for Inputs {
    /// The demo: figures from the source contracts, so the first visit shows real answers.
    fn default() -> Self {
        Inputs {
            deadline_start: "2024-09-21".into(),
            deadline_time: "09:00".into(),
            deadline_n: "10".into(),
            deadline_unit: "days".into(),
            deadline_extension: true,
            deadline_clock: "7x24".into(),
            workday_date: "2024-02-04".into(),
            between_from: "2022-09-26".into(),
            between_to: "2022-10-13".into(),
            // Contract 002, first instalment: the figure and the words as the contract wrote them.
            words_amount: "405000".into(),
            words_text: "肆拾万伍千元整".into(),
            // Contract 004: ¥980,000 including 6% VAT.
            vat_amount: "980000".into(),
            vat_rate: "6%".into(),
        }
    }
}

/// One input field of [`Inputs`] holding text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    DeadlineStart,
    DeadlineTime,
    DeadlineN,
    DeadlineUnit,
    DeadlineClock,
    WorkdayDate,
    BetweenFrom,
    BetweenTo,
    WordsAmount,
    WordsText,
    VatAmount,
    VatRate,
}

/// Everything that can change the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    Set(Field, String),
    SetExtension(bool),
}

/// A computed answer, an error that explains itself, or nothing to compute yet.
#[derive(Clone)]
pub enum Outcome<T> {
    Empty,
    Ok(T),
    Err(Rc<dyn Localize>),
}

impl<T> Outcome<T> {
    fn from_result<E: Localize + 'static>(r: Result<T, E>) -> Self {
        match r {
            Ok(v) => Outcome::Ok(v),
            Err(e) => Outcome::Err(Rc::new(e)),
        }
    }

    /// The answer, if there is one.
    pub fn ok(&self) -> Option<&T> {
        match self {
            Outcome::Ok(v) => Some(v),
            _ => None,
        }
    }

    /// The error's text in `lang`, if there is an error.
    pub fn error(&self, lang: Lang) -> Option<String> {
        match self {
            Outcome::Err(e) => Some(e.localize(lang)),
            _ => None,
        }
    }
}

/// Working days between two dates.
#[derive(Clone, Debug)]
pub struct Between {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub count: i64,
    pub warnings: Vec<CalendarWarning>,
}

/// Everything derived from the inputs.
#[derive(Clone)]
pub struct Results {
    pub deadline: Outcome<Deadline>,
    pub workday: Outcome<DayInfo>,
    pub between: Outcome<Between>,
    pub words: Outcome<String>,
    pub words_check: Option<WordsCheck>,
    pub vat: Outcome<VatSplit>,
}

/// The page's state.
#[derive(Clone)]
pub struct State {
    pub lang: Lang,
    pub inputs: Inputs,
    pub calendar: Rc<Calendar>,
    pub results: Rc<Results>,
}

impl PartialEq for State {
    /// Results are derived from the inputs, so equal inputs and language mean equal states.
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && self.inputs == other.inputs
    }
}

/// The part of the state that is saved between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    pub lang: Lang,
    pub inputs: Inputs,
}

impl State {
    /// A state from saved settings and inputs, with every result computed.
    pub fn new(saved: Saved) -> State {
        let calendar = Rc::new(Calendar::china());
        let results = Rc::new(compute(&saved.inputs, &calendar));
        State {
            lang: saved.lang,
            inputs: saved.inputs,
            calendar,
            results,
        }
    }

    /// What to save.
    pub fn saved(&self) -> Saved {
        Saved {
            lang: self.lang,
            inputs: self.inputs.clone(),
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut inputs = self.inputs.clone();
        let mut lang = self.lang;
        match action {
            Action::SetLang(l) => lang = l,
            Action::SetExtension(on) => inputs.deadline_extension = on,
            Action::Set(field, value) => *field_mut(&mut inputs, field) = value,
        }
        if lang == self.lang && inputs == self.inputs {
            return self;
        }
        let results = if inputs == self.inputs {
            self.results.clone()
        } else {
            Rc::new(compute(&inputs, &self.calendar))
        };
        Rc::new(State {
            lang,
            inputs,
            calendar: self.calendar.clone(),
            results,
        })
    }
}

fn field_mut(inputs: &mut Inputs, field: Field) -> &mut String {
    match field {
        Field::DeadlineStart => &mut inputs.deadline_start,
        Field::DeadlineTime => &mut inputs.deadline_time,
        Field::DeadlineN => &mut inputs.deadline_n,
        Field::DeadlineUnit => &mut inputs.deadline_unit,
        Field::DeadlineClock => &mut inputs.deadline_clock,
        Field::WorkdayDate => &mut inputs.workday_date,
        Field::BetweenFrom => &mut inputs.between_from,
        Field::BetweenTo => &mut inputs.between_to,
        Field::WordsAmount => &mut inputs.words_amount,
        Field::WordsText => &mut inputs.words_text,
        Field::VatAmount => &mut inputs.vat_amount,
        Field::VatRate => &mut inputs.vat_rate,
    }
}

/// Derives every result from the inputs. Pure.
pub fn compute(inputs: &Inputs, cal: &Calendar) -> Results {
    Results {
        deadline: compute_deadline(inputs, cal),
        workday: if inputs.workday_date.trim().is_empty() {
            Outcome::Empty
        } else {
            Outcome::from_result(calendar::parse_date(&inputs.workday_date).map(|d| cal.day(d)))
        },
        between: compute_between(inputs, cal),
        words: if inputs.words_amount.trim().is_empty() {
            Outcome::Empty
        } else {
            Outcome::from_result(Amount::parse(&inputs.words_amount).and_then(money::to_words))
        },
        words_check: match Amount::parse(&inputs.words_amount) {
            Ok(figure) if !inputs.words_text.trim().is_empty() => {
                Some(money::check_words(figure, &inputs.words_text))
            }
            _ => None,
        },
        vat: if inputs.vat_amount.trim().is_empty() || inputs.vat_rate.trim().is_empty() {
            Outcome::Empty
        } else {
            Outcome::from_result(
                Amount::parse(&inputs.vat_amount)
                    .and_then(|gross| Rate::parse(&inputs.vat_rate).map(|rate| (gross, rate)))
                    .and_then(|(gross, rate)| money::vat_split(gross, rate)),
            )
        },
    }
}

fn compute_deadline(inputs: &Inputs, cal: &Calendar) -> Outcome<Deadline> {
    if inputs.deadline_start.trim().is_empty() || inputs.deadline_n.trim().is_empty() {
        return Outcome::Empty;
    }
    let n = match parse_count(&inputs.deadline_n) {
        Ok(n) => n,
        Err(e) => return Outcome::Err(Rc::new(e)),
    };
    let unit = match Unit::parse(&inputs.deadline_unit) {
        Ok(u) => u,
        Err(e) => return Outcome::Err(Rc::new(e)),
    };
    let clock = match Clock::parse(&inputs.deadline_clock) {
        Ok(c) => c,
        Err(e) => return Outcome::Err(Rc::new(e)),
    };
    let opts = PeriodOptions {
        holiday_extension: inputs.deadline_extension,
        clock,
        ..PeriodOptions::default()
    };
    if unit == Unit::Hours {
        let instant = format!(
            "{} {}",
            inputs.deadline_start.trim(),
            inputs.deadline_time.trim()
        );
        match calendar::parse_datetime(&instant) {
            Ok(start) => Outcome::from_result(period::deadline_hours(cal, start, n, &opts)),
            Err(e) => Outcome::Err(Rc::new(e)),
        }
    } else {
        match calendar::parse_date(&inputs.deadline_start) {
            Ok(start) => Outcome::from_result(period::deadline(cal, start, n, unit, &opts)),
            Err(e) => Outcome::Err(Rc::new(e)),
        }
    }
}

fn compute_between(inputs: &Inputs, cal: &Calendar) -> Outcome<Between> {
    if inputs.between_from.trim().is_empty() || inputs.between_to.trim().is_empty() {
        return Outcome::Empty;
    }
    let from = match calendar::parse_date(&inputs.between_from) {
        Ok(d) => d,
        Err(e) => return Outcome::Err(Rc::new(e)),
    };
    match calendar::parse_date(&inputs.between_to) {
        Ok(to) => Outcome::Ok(Between {
            from,
            to,
            count: cal.working_days_between(from, to),
            warnings: cal.warnings_for(from.min(to), from.max(to)),
        }),
        Err(e) => Outcome::Err(Rc::new(e)),
    }
}
