//! Small helpers for the charts drawn as plain SVG: linear scales, "nice" ticks for money, days
//! and dates, compact axis labels and path strings.
//!
//! Money stays a `Decimal` until it becomes a pixel coordinate; tick values are exact decimals
//! (1, 2 or 5 × 10ⁿ steps) so the axis labels are exact too.

use chrono::{Datelike, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::domain::contract::{Label, Side};
use crate::domain::Lang;

/// A linear map from a domain (values) to a range (pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    /// A scale taking `d0..d1` to `r0..r1`.
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        Scale { d0, d1, r0, r1 }
    }

    /// The pixel for a value; an empty domain maps everything to the range's middle.
    pub fn at(&self, v: f64) -> f64 {
        let span = self.d1 - self.d0;
        if span.abs() < f64::EPSILON || !span.is_finite() {
            return (self.r0 + self.r1) / 2.0;
        }
        self.r0 + (v - self.d0) / span * (self.r1 - self.r0)
    }

    /// The pixel for an amount.
    pub fn money(&self, v: Decimal) -> f64 {
        self.at(to_f64(v))
    }

    /// The pixel for a date.
    pub fn date(&self, d: NaiveDate) -> f64 {
        self.at(day_number(d))
    }
}

/// A decimal as a float, for drawing only.
pub fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// A date as a number of days, for drawing only.
pub fn day_number(d: NaiveDate) -> f64 {
    f64::from(d.num_days_from_ce())
}

/// A coordinate for an attribute: one decimal, no trailing `.0`.
pub fn c(v: f64) -> String {
    let v = if v.is_finite() { v } else { 0.0 };
    let s = format!("{v:.1}");
    match s.strip_suffix(".0") {
        Some("-0") => "0".to_string(),
        Some(t) => t.to_string(),
        None => s,
    }
}

/// A step of 1, 2 or 5 × 10ⁿ so that about `count` steps cover `0..max`.
pub fn nice_step(max: Decimal, count: u32) -> Decimal {
    if max <= Decimal::ZERO || count == 0 {
        return Decimal::ONE;
    }
    let raw = max / Decimal::from(count);
    let ten = Decimal::TEN;
    let mut p = Decimal::ONE;
    for _ in 0..40 {
        match p.checked_mul(ten) {
            Some(q) if q <= raw => p = q,
            _ => break,
        }
    }
    for _ in 0..40 {
        if p <= raw || p <= Decimal::new(1, 20) {
            break;
        }
        p /= ten;
    }
    // Near Decimal's limit a larger step does not exist: the step is then `raw` itself.
    for m in [1, 2, 5, 10] {
        match p.checked_mul(Decimal::from(m)) {
            Some(s) if s >= raw => return s.normalize(),
            Some(_) => {}
            None => return raw.normalize(),
        }
    }
    match p.checked_mul(ten) {
        Some(s) => s.normalize(),
        None => raw.normalize(),
    }
}

/// Ticks from 0 to the first multiple of a nice step at or above `max` (at least `0` and one
/// step).
pub fn money_ticks(max: Decimal, count: u32) -> Vec<Decimal> {
    let step = nice_step(max, count);
    let mut ticks = vec![Decimal::ZERO];
    let mut t = Decimal::ZERO;
    while t < max || ticks.len() < 2 {
        // The last tick stops at Decimal's limit rather than past it.
        let Some(next) = t.checked_add(step) else {
            break;
        };
        t = next;
        ticks.push(t);
        if ticks.len() > 60 {
            break;
        }
    }
    ticks
}

/// Whole-day ticks from 0 to at least `max`, in steps of 1, 2 or 5 × 10ⁿ days.
pub fn day_ticks(max: u32, count: u32) -> Vec<u32> {
    let step = nice_step(Decimal::from(max), count)
        .to_u32()
        .unwrap_or(1)
        .max(1);
    let mut ticks = vec![0];
    let mut t = 0;
    while t < max {
        t += step;
        ticks.push(t);
    }
    ticks
}

/// Date ticks inside `start..=end`, at most about `count`: days (1, 2, 7 or 14 apart) for a
/// short span, else first days of months (1, 2, 3, 6 or 12 months apart, aligned to the year).
pub fn date_ticks(start: NaiveDate, end: NaiveDate, count: u32) -> Vec<NaiveDate> {
    let (start, end) = if start <= end {
        (start, end)
    } else {
        (end, start)
    };
    let count = i64::from(count.max(2));
    let span = (end - start).num_days();
    if span <= 62 {
        let step = [1, 2, 7, 14, 31]
            .into_iter()
            .find(|s| span / s <= count)
            .unwrap_or(31);
        return (0..=span / step)
            .filter_map(|i| start.checked_add_days(chrono::Days::new((i * step) as u64)))
            .collect();
    }
    let months = span / 30;
    let step = [1, 2, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| months / s <= count)
        .unwrap_or(120);
    let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
    let mut m = index(start);
    if start.day() != 1 {
        m += 1;
    }
    m += (step - m.rem_euclid(step)) % step;
    let mut out = Vec::new();
    while m <= index(end) {
        let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) + 1);
        match i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, mo as u32, 1))
        {
            Some(d) if d <= end => out.push(d),
            _ => break,
        }
        m += step;
    }
    out
}

/// A date tick's label: `2024-03` for month ticks, `03-15` for day ticks.
pub fn date_tick_label(d: NaiveDate, months: bool) -> String {
    if months {
        format!("{:04}-{:02}", d.year(), d.month())
    } else {
        format!("{:02}-{:02}", d.month(), d.day())
    }
}

/// An exact amount for an axis: `¥1.5万` / `¥15k`; small ones in full.
pub fn compact_yuan(d: Decimal, lang: Lang) -> String {
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    let a = d.abs();
    let body = match lang {
        Lang::Zh if a >= Decimal::from(100_000_000) => {
            format!("{}亿", (a / Decimal::from(100_000_000)).normalize())
        }
        Lang::Zh if a >= Decimal::from(10_000) => {
            format!("{}万", (a / Decimal::from(10_000)).normalize())
        }
        Lang::En if a >= Decimal::from(1_000_000) => {
            format!("{}M", (a / Decimal::from(1_000_000)).normalize())
        }
        Lang::En if a >= Decimal::from(1_000) => {
            format!("{}k", (a / Decimal::from(1_000)).normalize())
        }
        _ => a.normalize().to_string(),
    };
    format!("{sign}¥{body}")
}

/// A path through points as a step line: each value holds until the next point's x.
pub fn step_path(points: &[(f64, f64)]) -> String {
    let mut out = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            out.push_str(&format!("M{} {}", c(*x), c(*y)));
        } else {
            out.push_str(&format!(" H{} V{}", c(*x), c(*y)));
        }
    }
    out
}

/// Label positions at least `gap` apart: each label keeps its wanted `y` unless the one above
/// it (smaller `y`) is too close, in which case it moves down. Returned in the input's order.
pub fn spread_labels(wanted: &[f64], gap: f64) -> Vec<f64> {
    let order =
        crate::domain::order::stable_order(wanted.len(), &|a, b| wanted[a].total_cmp(&wanted[b]));
    let mut out = wanted.to_vec();
    let mut prev: Option<f64> = None;
    for i in order {
        let y = match prev {
            Some(p) if wanted[i] < p + gap => p + gap,
            _ => wanted[i],
        };
        out[i] = y;
        prev = Some(y);
    }
    out
}

/// A label in the language (English falls back to Chinese).
pub fn label(l: &Label, lang: Lang) -> &str {
    match lang {
        Lang::Zh => &l.zh,
        Lang::En => l.en.as_deref().unwrap_or(&l.zh),
    }
}

/// A party's name.
pub fn side_name(s: Side, lang: Lang) -> &'static str {
    match s {
        Side::Buyer => lang.pick("甲方", "buyer"),
        Side::Seller => lang.pick("乙方", "seller"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn scale_maps_ends_and_middle() {
        let s = Scale::new(0.0, 135_000.0, 200.0, 20.0);
        assert_eq!(s.at(0.0), 200.0);
        assert_eq!(s.at(135_000.0), 20.0);
        assert_eq!(s.money(d("67500")), 110.0);
        let empty = Scale::new(5.0, 5.0, 0.0, 100.0);
        assert_eq!(empty.at(5.0), 50.0);
    }

    #[test]
    fn date_scale_counts_days() {
        let s = Scale::new(
            day_number(date(2024, 1, 1)),
            day_number(date(2024, 12, 31)),
            0.0,
            365.0,
        );
        assert!((s.date(date(2024, 3, 1)) - 60.0).abs() < 1e-9);
    }

    #[test]
    fn nice_steps_are_one_two_five() {
        assert_eq!(nice_step(d("135000"), 5), d("50000"));
        assert_eq!(nice_step(d("13500"), 4), d("5000"));
        assert_eq!(nice_step(d("100"), 5), d("20"));
        assert_eq!(nice_step(d("0.9"), 3), d("0.5"));
        assert_eq!(nice_step(Decimal::ZERO, 5), Decimal::ONE);
    }

    #[test]
    fn money_ticks_cover_the_maximum() {
        assert_eq!(
            money_ticks(d("135000"), 5),
            vec![d("0"), d("50000"), d("100000"), d("150000")]
        );
        assert_eq!(
            money_ticks(d("4050"), 4),
            vec![d("0"), d("2000"), d("4000"), d("6000")]
        );
        assert_eq!(money_ticks(Decimal::ZERO, 4), vec![d("0"), d("1")]);
    }

    #[test]
    fn day_ticks_are_whole_days() {
        assert_eq!(day_ticks(23, 5), vec![0, 5, 10, 15, 20, 25]);
        assert_eq!(day_ticks(3, 5), vec![0, 1, 2, 3]);
    }

    #[test]
    fn date_ticks_pick_months_or_days() {
        let year = date_ticks(date(2024, 1, 15), date(2024, 12, 31), 6);
        assert_eq!(
            year,
            vec![
                date(2024, 3, 1),
                date(2024, 5, 1),
                date(2024, 7, 1),
                date(2024, 9, 1),
                date(2024, 11, 1)
            ]
        );
        let quarterly = date_ticks(date(2024, 1, 1), date(2025, 12, 31), 8);
        assert_eq!(quarterly.first(), Some(&date(2024, 1, 1)));
        assert_eq!(quarterly.get(1), Some(&date(2024, 4, 1)));
        assert_eq!(quarterly.len(), 8);
        let month = date_ticks(date(2024, 3, 1), date(2024, 3, 29), 6);
        assert_eq!(month.len(), 5);
        assert_eq!(month.get(1), Some(&date(2024, 3, 8)));
    }

    #[test]
    fn compact_labels_are_exact() {
        assert_eq!(compact_yuan(d("150000"), Lang::Zh), "¥15万");
        assert_eq!(compact_yuan(d("135000"), Lang::En), "¥135k");
        assert_eq!(compact_yuan(d("12500"), Lang::Zh), "¥1.25万");
        assert_eq!(compact_yuan(d("2500000"), Lang::En), "¥2.5M");
        assert_eq!(compact_yuan(d("500"), Lang::En), "¥500");
    }

    #[test]
    fn labels_spread_apart() {
        assert_eq!(
            spread_labels(&[100.0, 40.0, 45.0, 200.0], 14.0),
            vec![100.0, 40.0, 54.0, 200.0]
        );
        assert_eq!(
            spread_labels(&[50.0, 50.0, 50.0], 10.0),
            vec![50.0, 60.0, 70.0]
        );
        assert!(spread_labels(&[], 10.0).is_empty());
    }

    #[test]
    fn paths_and_coordinates() {
        assert_eq!(c(12.0), "12");
        assert_eq!(c(12.345), "12.3");
        assert_eq!(c(-0.01), "0");
        assert_eq!(
            step_path(&[(0.0, 100.0), (10.0, 80.0), (20.5, 60.0)]),
            "M0 100 H10 V80 H20.5 V60"
        );
    }
}
