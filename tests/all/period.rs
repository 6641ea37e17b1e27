//! Tests: period.
//!
//! Deadlines under Civil Code Arts. 201–204 on the embedded State Council calendar, with real
//! dates.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use lvyue::domain::calendar::{parse_datetime, Calendar, CalendarWarning, Clock};
use lvyue::domain::period::{
    deadline, deadline_hours, period_end, DeadlineEnd, Length, OffReason, PeriodError,
    PeriodOptions, Step, Unit,
};
use lvyue::domain::{Lang, Localize};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    parse_datetime(s).unwrap()
}

fn last(start: NaiveDate, n: i64, unit: Unit) -> NaiveDate {
    deadline(
        &Calendar::china(),
        start,
        n,
        unit,
        &PeriodOptions::default(),
    )
    .unwrap()
    .last_day()
}

#[test]
fn thirty_days_past_a_sunday() {
    // Day 30 is 2024-03-31, a Sunday: extended to Monday 2024-04-01.
    let dl = deadline(
        &Calendar::china(),
        d(2024, 3, 1),
        30,
        Unit::Days,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(dl.last_day(), d(2024, 4, 1));
    assert_eq!(dl.end, DeadlineEnd::Day(d(2024, 4, 1)));
    assert_eq!(dl.start, "2024-03-01");
    assert!(dl.warnings.is_empty());
    assert!(matches!(
        &dl.steps[..],
        [
            Step::StartNotCounted { .. },
            Step::Counted { .. },
            Step::ExtendedPastDaysOff { .. },
            Step::EndsAt24 { .. }
        ]
    ));
    let Step::ExtendedPastDaysOff { from, to, days } = &dl.steps[2] else {
        unreachable!()
    };
    assert_eq!((*from, *to), (d(2024, 3, 31), d(2024, 4, 1)));
    assert_eq!(days.len(), 1);
    assert_eq!(days[0].reason, OffReason::Weekend);
    let en = dl.explain(Lang::En).join("\n");
    assert!(en.contains("2024-03-31 Sunday (weekend)"), "{en}");
}

#[test]
fn thirty_days_without_extension() {
    let opts = PeriodOptions {
        holiday_extension: false,
        ..PeriodOptions::default()
    };
    let dl = deadline(&Calendar::china(), d(2024, 3, 1), 30, Unit::Days, &opts).unwrap();
    assert_eq!(dl.last_day(), d(2024, 3, 31));
    assert!(dl
        .steps
        .iter()
        .any(|s| matches!(s, Step::ExtensionOff { .. })));
    assert!(dl.explain(Lang::Zh).join("").contains("第二百零四条"));
    assert!(dl.explain(Lang::En).join("").contains("Art. 204"));
}

#[test]
fn months_and_years() {
    // One month after 2024-01-31: February 2024 has no 31st, so its last day (Art. 202).
    let dl = deadline(
        &Calendar::china(),
        d(2024, 1, 31),
        1,
        Unit::Months,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(dl.last_day(), d(2024, 2, 29)); // a Thursday
    assert!(matches!(
        dl.steps[1],
        Step::MonthEnd {
            missing_day: 31,
            ..
        }
    ));
    assert!(dl.explain(Lang::Zh).join("").contains("第二百零二条"));
    // One year after 2024-02-29: 2025-02-28 (a Friday).
    assert_eq!(last(d(2024, 2, 29), 1, Unit::Years), d(2025, 2, 28));
    // One month after 2024-03-15 is the corresponding day 2024-04-15 (Monday).
    let dl = deadline(
        &Calendar::china(),
        d(2024, 3, 15),
        1,
        Unit::Months,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert!(matches!(dl.steps[1], Step::CorrespondingDay { .. }));
    assert_eq!(dl.last_day(), d(2024, 4, 15));
    // Three months after 2024-07-01 is 10-01, National Day: extended to 10-08.
    assert_eq!(last(d(2024, 7, 1), 3, Unit::Months), d(2024, 10, 8));
}

#[test]
fn ten_working_days_across_national_day_2022() {
    // From Mon 2022-09-26: 09-27, 28, 29, 30 (4), 10-01..07 off, make-up Sat 10-08 (5),
    // Sun 10-09 (6), 10-10, 11, 12, 13 (10).
    let dl = deadline(
        &Calendar::china(),
        d(2022, 9, 26),
        10,
        Unit::WorkingDays,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(dl.last_day(), d(2022, 10, 13));
    let Some(Step::WorkingDaysSkipped {
        weekends,
        holidays,
        make_up_counted,
    }) = dl
        .steps
        .iter()
        .find(|s| matches!(s, Step::WorkingDaysSkipped { .. }))
    else {
        panic!("no WorkingDaysSkipped step")
    };
    assert_eq!(*weekends, 0);
    assert_eq!(holidays.len(), 7);
    assert_eq!(
        make_up_counted.iter().map(|n| n.date).collect::<Vec<_>>(),
        vec![d(2022, 10, 8), d(2022, 10, 9)]
    );
    let zh = dl.explain(Lang::Zh).join("\n");
    assert!(zh.contains("2022-10-08 星期六（国庆节）"), "{zh}");
    assert!(zh.contains("工作日"));
    let en = dl.explain(Lang::En).join("\n");
    assert!(en.contains("make-up working days counted"), "{en}");
    // The start is not counted; a weekend start works too.
    assert_eq!(last(d(2024, 3, 2), 1, Unit::WorkingDays), d(2024, 3, 4));
    assert_eq!(last(d(2024, 3, 1), 5, Unit::WorkingDays), d(2024, 3, 8));
}

#[test]
fn ten_days_into_national_day_2024() {
    // Day 10 after 2024-09-21 is 2024-10-01, National Day (10-01..10-07 off): extended to 10-08.
    let dl = deadline(
        &Calendar::china(),
        d(2024, 9, 21),
        10,
        Unit::Days,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(dl.last_day(), d(2024, 10, 8));
    let Some(Step::ExtendedPastDaysOff { days, .. }) = dl
        .steps
        .iter()
        .find(|s| matches!(s, Step::ExtendedPastDaysOff { .. }))
    else {
        panic!("no extension")
    };
    assert_eq!(days.len(), 7);
    assert_eq!(days.first().unwrap().date, d(2024, 10, 1));
    assert_eq!(days.last().unwrap().date, d(2024, 10, 7));
    let zh = dl.explain(Lang::Zh).join("\n");
    assert!(zh.contains("国庆节") && zh.contains("第二百零三条"), "{zh}");
    assert!(
        zh.contains("第二百零一条") && zh.contains("二十四时"),
        "{zh}"
    );
    let en = dl.explain(Lang::En).join("\n");
    assert!(
        en.contains("National Day") && en.contains("Art. 203"),
        "{en}"
    );
    assert_eq!(dl.localize(Lang::En), en);
}

#[test]
fn make_up_workday_is_not_extended() {
    // 2024-02-04 (Sunday) is a make-up workday: 3 days after 2024-02-01 ends that day.
    let dl = deadline(
        &Calendar::china(),
        d(2024, 2, 1),
        3,
        Unit::Days,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(dl.last_day(), d(2024, 2, 4));
    assert!(dl.explain(Lang::Zh).join("").contains("调休上班日（春节）"));
}

#[test]
fn zero_answers_the_start_day() {
    for unit in [Unit::Days, Unit::WorkingDays, Unit::Months, Unit::Years] {
        let dl = deadline(
            &Calendar::china(),
            d(2024, 10, 1),
            0,
            unit,
            &PeriodOptions::default(),
        )
        .unwrap();
        assert_eq!(dl.last_day(), d(2024, 10, 1));
        assert!(matches!(dl.steps[0], Step::ZeroPeriod { .. }));
        assert!(dl.explain(Lang::En)[0].contains("start day itself"));
    }
}

#[test]
fn hours() {
    let cal = Calendar::china();
    let dl = deadline_hours(&cal, t("2024-03-01T22:00"), 4, &PeriodOptions::default()).unwrap();
    assert_eq!(dl.end, DeadlineEnd::Instant(t("2024-03-02T02:00")));
    assert_eq!(dl.start, "2024-03-01T22:00");
    assert_eq!(dl.unit, Unit::Hours);
    assert_eq!(dl.last_day(), d(2024, 3, 2));
    let zh = dl.explain(Lang::Zh).join("\n");
    assert!(
        zh.contains("第二百零一条第二款") && zh.contains("不因节假日顺延"),
        "{zh}"
    );
    let en = dl.explain(Lang::En).join("\n");
    assert!(en.contains("not extended"), "{en}");
    // An end at 00:00 is 24:00 of the day before.
    let dl = deadline_hours(&cal, t("2024-03-01T20:00"), 4, &PeriodOptions::default()).unwrap();
    assert_eq!(dl.last_day(), d(2024, 3, 1));
    // Working hours across the 2024 Mid-Autumn holiday.
    let opts = PeriodOptions {
        clock: Clock::parse("working-hours").unwrap(),
        ..PeriodOptions::default()
    };
    let dl = deadline_hours(&cal, t("2024-09-13T16:30"), 10, &opts).unwrap();
    assert_eq!(dl.end, DeadlineEnd::Instant(t("2024-09-18T09:00")));
    // A date alone is not enough.
    let e = deadline(
        &cal,
        d(2024, 3, 1),
        4,
        Unit::Hours,
        &PeriodOptions::default(),
    )
    .unwrap_err();
    assert_eq!(
        e,
        PeriodError::HoursNeedTime {
            start: d(2024, 3, 1)
        }
    );
    assert!(e.localize(Lang::Zh).contains("2024-03-01"));
}

#[test]
fn bad_input_is_an_error_naming_it() {
    let cal = Calendar::china();
    let o = PeriodOptions::default();
    let e = deadline(&cal, d(2024, 3, 1), -5, Unit::Days, &o).unwrap_err();
    assert_eq!(
        e,
        PeriodError::Negative {
            input: -5,
            unit: Unit::Days
        }
    );
    assert!(e.to_string().contains("-5"));
    assert!(e.localize(Lang::Zh).contains("-5"));
    assert!(deadline_hours(&cal, t("2024-03-01T00:00"), -1, &o).is_err());
    // Far dates and huge numbers: errors, never panics.
    let max = d(9999, 12, 31);
    // Results stay within 0001–9999 (the dates written YYYY-MM-DD).
    let e = deadline(&cal, max, 1, Unit::Days, &o).unwrap_err();
    assert!(matches!(e, PeriodError::TooLarge { input: 1, .. }), "{e}");
    assert!(e.to_string().contains("9999-12-31"), "{e}");
    assert!(deadline_hours(&cal, t("9999-12-31T23:00"), 2, &o).is_err());
    assert_eq!(last(d(9999, 12, 1), 1, Unit::Days), d(9999, 12, 2)); // no data: weekends only
    for unit in [Unit::Days, Unit::WorkingDays, Unit::Months, Unit::Years] {
        for n in [i64::MAX, i64::MAX / 2, 1 << 40, u32::MAX as i64 + 1] {
            let e = deadline(&cal, d(2024, 3, 1), n, unit, &o).unwrap_err();
            assert!(
                matches!(e, PeriodError::TooLarge { .. }),
                "{unit:?} {n}: {e}"
            );
            assert!(e.to_string().contains(&n.to_string()));
        }
        assert!(deadline(&cal, NaiveDate::MAX, 1, unit, &o).is_err());
    }
    for n in [i64::MAX, 1 << 50] {
        for clock in [
            Clock::Continuous,
            Clock::FiveByEight,
            Clock::parse("working-hours").unwrap(),
        ] {
            let opts = PeriodOptions {
                clock,
                ..PeriodOptions::default()
            };
            let e = deadline_hours(&cal, t("2024-03-01T00:00"), n, &opts).unwrap_err();
            assert!(matches!(e, PeriodError::TooLarge { .. }), "{e}");
        }
    }
    let _: &dyn std::error::Error = &e;
    assert!(Unit::parse("fortnights")
        .unwrap_err()
        .to_string()
        .contains("fortnights"));
}

#[test]
fn units_parse() {
    for (s, u) in [
        ("days", Unit::Days),
        ("day", Unit::Days),
        ("日", Unit::Days),
        ("天", Unit::Days),
        ("workdays", Unit::WorkingDays),
        ("working-days", Unit::WorkingDays),
        ("工作日", Unit::WorkingDays),
        ("months", Unit::Months),
        ("月", Unit::Months),
        ("个月", Unit::Months),
        ("years", Unit::Years),
        ("年", Unit::Years),
        ("hours", Unit::Hours),
        ("小时", Unit::Hours),
    ] {
        assert_eq!(Unit::parse(s).unwrap(), u, "{s}");
    }
}

#[test]
fn unknown_years_warn() {
    let dl = deadline(
        &Calendar::china(),
        d(2026, 12, 20),
        30,
        Unit::Days,
        &PeriodOptions::default(),
    )
    .unwrap();
    assert_eq!(
        dl.warnings,
        vec![CalendarWarning::UnknownYear { year: 2027 }]
    );
    assert!(dl
        .explain(Lang::Zh)
        .last()
        .unwrap()
        .contains("2027年没有国务院放假安排数据"));
}

#[test]
fn deadline_serializes() {
    let dl = deadline(
        &Calendar::china(),
        d(2024, 9, 21),
        10,
        Unit::Days,
        &PeriodOptions::default(),
    )
    .unwrap();
    let v = serde_json::to_value(&dl).unwrap();
    assert_eq!(v["end"]["day"], "2024-10-08");
    assert_eq!(v["unit"], "days");
    assert_eq!(v["steps"][2]["rule"], "extended_past_days_off");
    assert_eq!(v["steps"][2]["days"][0]["reason"]["name"]["zh"], "国庆节");
    let e = serde_json::to_value(PeriodError::Negative {
        input: -3,
        unit: Unit::Days,
    })
    .unwrap();
    assert_eq!(e["input"], -3);
}

#[test]
fn a_period_in_days_ends_at_24_00_or_at_the_close_of_business() {
    let cal = Calendar::china();
    let tue = d(2025, 9, 30);
    // 3 working days after Tuesday 2025-09-30 (National Day 10-01 … 10-08 off): 10-09, 10-10 and
    // the make-up Saturday 10-11, ending at its 24:00.
    let dl = deadline(&cal, tue, 3, Unit::WorkingDays, &PeriodOptions::default()).unwrap();
    assert_eq!(dl.end_instant(), Some(t("2025-10-12T00:00")));
    assert!(matches!(dl.steps.last(), Some(Step::EndsAt24 { .. })));
    // Where business stops at 17:00, the period ends then (Art. 203 ¶2).
    let close = PeriodOptions {
        close_of_business: NaiveTime::from_hms_opt(17, 0, 0),
        ..PeriodOptions::default()
    };
    let dl = deadline(&cal, tue, 3, Unit::WorkingDays, &close).unwrap();
    assert_eq!(dl.end_instant(), Some(t("2025-10-11T17:00")));
    assert!(matches!(dl.steps.last(), Some(Step::EndsAtClose { .. })));
    assert!(dl
        .explain(Lang::En)
        .join("\n")
        .contains("close of business"));
    // A last day kept on a day off (the contract excludes Art. 203) has no business: 24:00.
    let off = PeriodOptions {
        holiday_extension: false,
        ..close.clone()
    };
    let dl = deadline(&cal, tue, 3, Unit::Days, &off).unwrap();
    assert_eq!(dl.end_instant(), Some(t("2025-10-04T00:00")));
    // Hours end at an instant, never at a close.
    let h = deadline_hours(&cal, t("2025-09-30T11:40"), 72, &close).unwrap();
    assert_eq!(h.end_instant(), Some(t("2025-10-03T11:40")));
}

#[test]
fn a_period_extended_by_other_lengths_moves_only_its_final_last_day() {
    let cal = Calendar::china();
    let o = PeriodOptions::default();
    let months = |n| Length {
        n,
        unit: Unit::Months,
    };
    let days = |n| Length {
        n,
        unit: Unit::Days,
    };
    // One month from 2025-08-22 is 09-22, ten days more 10-02 (National Day): 10-09.
    let dl = period_end(&cal, d(2025, 8, 22), &[months(1), days(10)], &o).unwrap();
    assert_eq!(dl.last_day(), d(2025, 10, 9));
    assert!(dl
        .steps
        .iter()
        .any(|s| matches!(s, Step::ThenAdded { from, to, .. } if *from == d(2025, 9, 22) && *to == d(2025, 10, 2))));
    // Lengths of one kind add up before counting: 1 + 1 month from 2023-01-31 is 2 months,
    // 03-31 (month by month it would be 02-28, then 03-28); 2 years + 3 months is 27 months,
    // 2025-04-30 (April has no day 31).
    assert_eq!(
        period_end(&cal, d(2023, 1, 31), &[months(1), months(1)], &o)
            .unwrap()
            .last_day(),
        d(2023, 3, 31)
    );
    assert_eq!(
        period_end(
            &cal,
            d(2023, 1, 31),
            &[
                Length {
                    n: 2,
                    unit: Unit::Years
                },
                months(3)
            ],
            &o
        )
        .unwrap()
        .last_day(),
        d(2025, 4, 30)
    );
    // No length at all: the start day itself.
    let dl = period_end(&cal, d(2025, 10, 1), &[], &o).unwrap();
    assert_eq!(dl.last_day(), d(2025, 10, 1));
    // Errors name the length given.
    assert!(matches!(
        period_end(&cal, d(2025, 1, 1), &[months(1), days(-1)], &o),
        Err(PeriodError::Negative { input: -1, .. })
    ));
}
