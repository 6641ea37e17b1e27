//! Benchmarks of the foundation (targets are figures to watch, not timed tests):
//! - working days between two dates ten years apart;
//! - 10,000 deadline computations over mixed units and start dates;
//! - amount parsing, uppercase writing and checking, VAT split.
//!
//! Run: `make bench` (or `cargo bench --bench foundation`).

use std::hint::black_box;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

use lvyue::domain::calendar::Calendar;
use lvyue::domain::money::{self, Amount, Rate};
use lvyue::domain::period::{self, PeriodOptions, Unit};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid benchmark date")
}

fn calendar(c: &mut Criterion) {
    let cal = Calendar::china();
    c.bench_function("working_days_between 2016-01-01..2026-01-01", |b| {
        b.iter(|| {
            cal.working_days_between(black_box(date(2016, 1, 1)), black_box(date(2026, 1, 1)))
        })
    });
    c.bench_function("Calendar::china()", |b| b.iter(Calendar::china));
}

fn deadlines(c: &mut Criterion) {
    let cal = Calendar::china();
    let opts = PeriodOptions::default();
    let units = [Unit::Days, Unit::WorkingDays, Unit::Months, Unit::Years];
    let base = date(2020, 1, 1);
    c.bench_function("10,000 deadlines", |b| {
        b.iter(|| {
            let mut last = base;
            for i in 0..10_000u64 {
                let start = base
                    .checked_add_days(Days::new(i % 2_000))
                    .expect("in range");
                let n = (i % 60) as i64 + 1;
                let unit = units[(i % 4) as usize];
                let n = if unit == Unit::Years { n % 3 + 1 } else { n };
                let d = period::deadline(&cal, start, n, unit, &opts).expect("a deadline");
                last = last.max(d.last_day());
            }
            black_box(last)
        })
    });
}

fn money_bench(c: &mut Criterion) {
    c.bench_function("Amount::parse + to_words", |b| {
        b.iter(|| money::to_words(Amount::parse(black_box("¥1,350,000.00")).expect("an amount")))
    });
    c.bench_function("check_words 405000", |b| {
        let figure = Amount::parse("405000").expect("an amount");
        b.iter(|| money::check_words(figure, black_box("肆拾万伍千元整")))
    });
    c.bench_function("vat_split", |b| {
        let gross = Amount::parse("980000").expect("an amount");
        let rate = Rate::parse("6%").expect("a rate");
        b.iter(|| money::vat_split(black_box(gross), rate))
    });
}

criterion_group!(benches, calendar, deadlines, money_bench);
criterion_main!(benches);
