//! Tests: calendar.
//!
//! The embedded State Council schedules are checked day by day against an independent second
//! source, the `chinese_holiday` crate; counting is checked against a day-by-day walk.

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta};
use lvyue::domain::calendar::{
    parse_date, parse_datetime, Calendar, CalendarError, CalendarWarning, Clock, DateError,
    DayKind, Notice, WorkingHours, YearSchedule,
};
use lvyue::domain::{Lang, Localize};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(s: &str) -> NaiveDateTime {
    parse_datetime(s).unwrap()
}

fn reference_is_workday(date: NaiveDate) -> bool {
    let ymd = chinese_holiday::Ymd::new(date.year() as u16, date.month() as u8, date.day() as u8);
    chinese_holiday::chinese_holiday(ymd).is_workday()
}

#[test]
fn agrees_with_chinese_holiday_2020_to_2026() {
    let cal = Calendar::china();
    let mut date = d(2020, 1, 1);
    let mut checked = 0;
    while date <= d(2026, 12, 25) {
        assert_eq!(
            cal.is_working_day(date),
            reference_is_workday(date),
            "{}",
            cal.day(date).localize(Lang::En)
        );
        date = date.succ_opt().unwrap();
        checked += 1;
    }
    assert!(checked > 2500);
    // The reference stops at 2026-12-25; the rest of 2026 has no special day (weekends only).
    for day in 26..=31 {
        let date = d(2026, 12, day);
        let weekend = matches!(date.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        assert_eq!(cal.is_working_day(date), !weekend, "{date}");
        assert_eq!(cal.day(date).warning, None, "{date}");
    }
}

#[test]
fn every_embedded_file_parses() {
    for (year, text) in lvyue::domain::calendar::schedule::EMBEDDED {
        let s = YearSchedule::from_json(text).unwrap_or_else(|e| panic!("{year}: {e}"));
        assert_eq!(s.year, year);
        assert!(s.notice.title.contains(&format!("{year}年部分节假日安排")));
    }
    let cal = Calendar::china();
    assert_eq!(cal.schedules().count(), 7);
    for y in 2020..=2026 {
        assert!(cal.has_year(y));
    }
    assert!(!cal.has_year(2019) && !cal.has_year(2027));
}

#[test]
fn spot_checks() {
    let cal = Calendar::china();
    let i = cal.day(d(2024, 2, 4));
    assert_eq!(i.kind, DayKind::MakeUpWorkday);
    assert!(i.working);
    assert_eq!(i.holiday.as_ref().unwrap().zh, "春节");
    assert_eq!(
        i.localize(Lang::Zh),
        "2024-02-04 星期日：调休上班日（春节）"
    );
    assert_eq!(
        i.localize(Lang::En),
        "2024-02-04, Sunday: make-up working day (Spring Festival)"
    );

    let i = cal.day(d(2026, 2, 23));
    assert_eq!(i.weekday, chrono::Weekday::Mon);
    assert_eq!(i.kind, DayKind::Holiday);
    assert_eq!(i.holiday.as_ref().unwrap().en, "Spring Festival");
    assert!(!i.working);

    let i = cal.day(d(2023, 1, 2));
    assert_eq!(i.kind, DayKind::Holiday);
    assert_eq!(i.holiday.as_ref().unwrap().zh, "元旦");
    // 2022-12-31 is a Saturday made a day off by the 2023 notice.
    let i = cal.day(d(2022, 12, 31));
    assert_eq!(i.kind, DayKind::Holiday);
    assert_eq!(i.holiday.as_ref().unwrap().zh, "元旦");
    assert!(cal
        .schedules()
        .find(|s| s.year == 2023)
        .unwrap()
        .holidays
        .iter()
        .any(|h| h.off.from == d(2022, 12, 31)));

    // 2020: Spring Festival extended to 02-02, only 01-19 a make-up day (02-01 cancelled).
    assert_eq!(cal.day(d(2020, 2, 2)).kind, DayKind::Holiday);
    assert_eq!(cal.day(d(2020, 2, 1)).kind, DayKind::Holiday);
    assert_eq!(cal.day(d(2020, 1, 19)).kind, DayKind::MakeUpWorkday);

    // An ordinary weekend and workday.
    assert_eq!(cal.day(d(2024, 3, 2)).kind, DayKind::Weekend);
    assert_eq!(cal.day(d(2024, 3, 1)).kind, DayKind::Workday);
    assert_eq!(cal.day(d(2024, 3, 1)).warning, None);
    // 2024-09-14 (Saturday): make-up day of the Mid-Autumn Festival.
    assert_eq!(cal.day(d(2024, 9, 14)).kind, DayKind::MakeUpWorkday);
}

#[test]
fn unknown_year_is_weekends_only_with_a_warning() {
    let cal = Calendar::china();
    let i = cal.day(d(2027, 3, 1));
    assert_eq!(i.kind, DayKind::Workday);
    assert_eq!(i.warning, Some(CalendarWarning::UnknownYear { year: 2027 }));
    // The warning is its own field, shown beside the day's text rather than inside it.
    assert_eq!(i.localize(Lang::Zh), "2027-03-01 星期一：工作日");
    assert!(i
        .warning
        .map(|w| w.localize(Lang::Zh))
        .unwrap_or_default()
        .contains("2027年没有国务院放假安排数据，只按周末计算"));
    let w = CalendarWarning::UnknownYear { year: 2027 };
    assert_eq!(
        w.localize(Lang::En),
        "No State Council holiday schedule for 2027: only weekends are counted"
    );
    assert_eq!(cal.day(d(2027, 10, 1)).kind, DayKind::Workday); // no data: a Friday
    assert_eq!(
        cal.warnings_for(d(2026, 6, 1), d(2028, 1, 1)),
        vec![
            CalendarWarning::UnknownYear { year: 2027 },
            CalendarWarning::UnknownYear { year: 2028 }
        ]
    );
    assert!(cal.warnings_for(d(2020, 1, 1), d(2026, 12, 31)).is_empty());
    // A huge span is reported in runs, not 200 000 warnings.
    let w = cal.warnings_for(NaiveDate::MIN, NaiveDate::MAX);
    assert_eq!(w.len(), 2);
    let w = Calendar::weekends_only().warnings_for(d(2024, 1, 1), d(2024, 12, 31));
    assert_eq!(w, vec![CalendarWarning::UnknownYear { year: 2024 }]);
}

/// TEST DATA ONLY: an invented 2027 schedule, not the State Council's.
const FAKE_2027: &str = r#"{
  "format": "lvyue-holidays/1",
  "year": 2027,
  "notice": { "title": "TEST DATA, not a real notice", "unverified": true },
  "holidays": [
    { "name": { "zh": "元旦", "en": "New Year's Day" },
      "off": { "from": "2027-01-01", "to": "2027-01-03" },
      "makeup": ["2027-01-09"] }
  ]
}"#;

#[test]
fn user_schedule_adds_a_year() {
    let mut cal = Calendar::china();
    assert_eq!(cal.load_schedule_json(FAKE_2027), Ok(2027));
    assert!(cal.has_year(2027));
    assert_eq!(cal.day(d(2027, 1, 1)).kind, DayKind::Holiday);
    assert_eq!(cal.day(d(2027, 1, 9)).kind, DayKind::MakeUpWorkday);
    assert_eq!(cal.day(d(2027, 3, 1)).warning, None);
    assert!(cal.warnings_for(d(2027, 1, 1), d(2027, 2, 1)).is_empty());
    // The embedded calendar is unaffected.
    assert!(!Calendar::china().has_year(2027));
}

#[test]
fn replacing_a_year_replaces_it_entirely() {
    let mut cal = Calendar::china();
    assert!(!cal.is_working_day(d(2024, 10, 1)));
    cal.add_schedule(YearSchedule {
        year: 2024,
        notice: Notice {
            title: "TEST DATA: no holidays".into(),
            url: None,
            published: None,
            number: None,
            unverified: true,
            note: None,
            supplements: vec![],
        },
        holidays: vec![],
    });
    let i = cal.day(d(2024, 10, 1));
    assert_eq!(i.weekday, chrono::Weekday::Tue);
    assert_eq!(i.kind, DayKind::Workday);
    assert!(cal.is_working_day(d(2024, 10, 1)));
    assert!(!cal.is_working_day(d(2024, 2, 4))); // the make-up Sunday is gone too
    assert_eq!(cal.schedules().count(), 7);
}

#[test]
fn bad_schedule_files_name_path_line_and_content() {
    let mut cal = Calendar::china();
    // Malformed JSON: serde_json's line and column.
    let e = cal
        .load_schedule_json("{\n  \"format\": \"lvyue-holidays/1\",\n  \"year\": }")
        .unwrap_err();
    assert!(
        matches!(e, CalendarError::Json { at: Some(l), .. } if l.line == 3),
        "{e}"
    );
    assert!(e.to_string().contains("line 3"));
    // Unknown key.
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("\"makeup\"", "\"make_up\""))
        .unwrap_err();
    assert!(e.to_string().contains("make_up"), "{e}");
    // Other format.
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("lvyue-holidays/1", "holiday-cn"))
        .unwrap_err();
    assert!(matches!(e, CalendarError::UnsupportedFormat { .. }));
    // A malformed date.
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("2027-01-03", "2027/1/3"))
        .unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.contains("holidays[0].off.to") && msg.contains("2027/1/3"),
        "{msg}"
    );
    assert!(msg.contains("line 7"), "{msg}");
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("2027-01-03", "2027-02-30"))
        .unwrap_err();
    assert!(e.localize(Lang::Zh).contains("2027-02-30"));
    // A make-up day that is not a weekend (2027-01-08 is a Friday).
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("2027-01-09", "2027-01-08"))
        .unwrap_err();
    assert!(matches!(e, CalendarError::MakeUpNotWeekend { .. }), "{e}");
    assert!(e.to_string().contains("holidays[0].makeup[0]") && e.to_string().contains("Friday"));
    // Both off and make-up (2027-01-02 is a Saturday).
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("2027-01-09", "2027-01-02"))
        .unwrap_err();
    assert!(matches!(e, CalendarError::OffAndMakeUp { .. }), "{e}");
    assert!(e.localize(Lang::Zh).contains("既是放假日"));
    // Reversed range and far dates.
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("2027-01-01", "2027-01-05"))
        .unwrap_err();
    assert!(matches!(e, CalendarError::RangeReversed { .. }), "{e}");
    let e = cal
        .load_schedule_json(&FAKE_2027.replace("2027-01-01", "2020-01-01"))
        .unwrap_err();
    assert!(matches!(e, CalendarError::DateOutsideYear { .. }), "{e}");
    // Nothing was added by the failures.
    assert!(!cal.has_year(2027));
    let _: &dyn std::error::Error = &e;
}

#[test]
fn parse_date_errors_name_the_input() {
    let e = parse_date("2023-02-29").unwrap_err();
    assert!(e.localize(Lang::Zh).contains("2023-02-29"));
    assert!(e.localize(Lang::En).contains("2023-02-29"));
    assert!(e
        .to_string()
        .contains("2023 is not a leap year; February 2023 has 28 days"));
    assert!(matches!(
        parse_date("2024-13-01"),
        Err(DateError::MonthOutOfRange { month: 13, .. })
    ));
    assert!(parse_date("2024-13-01")
        .unwrap_err()
        .to_string()
        .contains("month 13"));
    assert!(matches!(parse_date("abc"), Err(DateError::NotADate { .. })));
    assert!(parse_date("abc")
        .unwrap_err()
        .localize(Lang::Zh)
        .contains("abc"));
    assert_eq!(parse_date("2024-02-29").unwrap(), d(2024, 2, 29));
    assert_eq!(parse_date("2024年3月1日").unwrap(), d(2024, 3, 1));
    assert_eq!(parse_date("2024/3/1").unwrap(), d(2024, 3, 1));
    assert_eq!(t("2024-03-01T09:30"), t("2024-03-01 09:30:00"));
    let e = parse_datetime("2024-03-01T24:00").unwrap_err();
    assert!(
        e.to_string().contains("00:00 of the next day")
            && e.to_string().contains("2024-03-01T24:00")
    );
    assert!(e.localize(Lang::Zh).contains("次日"));
    let json = serde_json::to_string(&e).unwrap();
    assert!(json.contains("hour24"), "{json}");
}

/// Day-by-day reference for `working_days_between`.
fn walk(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
    let (a, b, sign) = if from <= to {
        (from, to, 1)
    } else {
        (to, from, -1)
    };
    let mut n = 0;
    let mut x = a;
    while x < b {
        x = x.succ_opt().unwrap();
        if cal.is_working_day(x) {
            n += 1;
        }
    }
    sign * n
}

/// A small deterministic generator (no dependency needed).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

#[test]
fn working_days_between_matches_a_walk() {
    let cal = Calendar::china();
    let base = d(2019, 12, 1);
    let span = d(2027, 1, 31).signed_duration_since(base).num_days() as u64;
    let mut rng = Lcg(2024);
    for _ in 0..400 {
        let a = base + TimeDelta::days(rng.next(span) as i64);
        let b = base + TimeDelta::days(rng.next(span) as i64);
        assert_eq!(
            cal.working_days_between(a, b),
            walk(&cal, a, b),
            "{a} → {b}"
        );
    }
    // Short spans around holidays.
    for k in 0..(span as i64 - 20) {
        let a = base + TimeDelta::days(k);
        let b = a + TimeDelta::days((k % 17) + 1);
        assert_eq!(
            cal.working_days_between(a, b),
            walk(&cal, a, b),
            "{a} → {b}"
        );
    }
    assert_eq!(cal.working_days_between(d(2024, 3, 1), d(2024, 3, 1)), 0);
}

#[test]
fn add_working_days_round_trips() {
    let cal = Calendar::china();
    let mut rng = Lcg(7);
    for _ in 0..300 {
        let start = d(2019, 12, 1) + TimeDelta::days(rng.next(2600) as i64);
        let n = rng.next(400) as u32;
        let end = cal.add_working_days(start, n);
        assert_eq!(
            cal.working_days_between(start, end),
            i64::from(n),
            "{start} + {n}"
        );
        if n > 0 {
            assert!(cal.is_working_day(end));
            // It is the first such day.
            assert_eq!(
                cal.working_days_between(start, end.pred_opt().unwrap()),
                i64::from(n) - 1
            );
        }
    }
    assert_eq!(cal.add_working_days(d(2022, 9, 26), 10), d(2022, 10, 13));
    assert_eq!(cal.next_working_day(d(2024, 9, 30)), d(2024, 10, 8));
    assert_eq!(cal.next_working_day(d(2024, 2, 3)), d(2024, 2, 4));
    assert_eq!(cal.add_working_days(d(2024, 3, 1), 0), d(2024, 3, 1));
    // Far ends: no panic.
    assert_eq!(cal.checked_add_working_days(NaiveDate::MAX, 1), None);
    assert_eq!(cal.checked_add_working_days(d(2024, 1, 1), u64::MAX), None);
    assert_eq!(
        cal.add_working_days(d(2024, 1, 1), u32::MAX),
        NaiveDate::MAX
    );
}

#[test]
fn ten_years_of_counting_agrees_with_a_day_by_day_walk() {
    // Speed is measured in benches/foundation.rs; here only the arithmetic shortcut is checked
    // against the plain walk, across years with and without schedules.
    let cal = Calendar::china();
    for extra in 0..3 {
        let (from, to) = (d(2018, 1, 1), d(2028, 1, 1) + TimeDelta::days(extra));
        let mut walk = 0;
        let mut day = from;
        while day < to {
            day = day.succ_opt().unwrap();
            if cal.is_working_day(day) {
                walk += 1;
            }
        }
        assert_eq!(cal.working_days_between(from, to), walk, "{from}..{to}");
        assert_eq!(cal.working_days_between(to, from), -walk, "{to}..{from}");
    }
}

#[test]
fn seven_by_twenty_four_is_plain_arithmetic() {
    let cal = Calendar::china();
    let c = Clock::parse("7x24").unwrap();
    assert_eq!(c, Clock::Continuous);
    assert_eq!(
        c.add(&cal, t("2024-03-01 22:00"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-03-02 02:00")
    );
    assert_eq!(
        c.elapsed(&cal, t("2024-09-13 16:30"), t("2024-09-18 09:00")),
        TimeDelta::minutes(4 * 24 * 60 + 16 * 60 + 30)
    );
    assert_eq!(
        c.elapsed(&cal, t("2024-09-18 09:00"), t("2024-09-13 16:30")),
        TimeDelta::zero()
    );
    assert!(c
        .add(&cal, t("2024-03-01 22:00"), TimeDelta::hours(-1))
        .is_err());
    assert!(matches!(
        c.add(
            &cal,
            NaiveDate::MAX.and_hms_opt(23, 0, 0).unwrap(),
            TimeDelta::hours(2)
        ),
        Err(CalendarError::OutOfRange { .. })
    ));
}

#[test]
fn working_hours_over_mid_autumn_2024() {
    let cal = Calendar::china();
    let c = Clock::parse("working-hours").unwrap();
    // Standard windows 08:00–12:00 and 13:30–17:30 (8 h a day).
    // Fri 2024-09-13 16:30 → 17:30                      = 1 h
    // Sat 2024-09-14, make-up workday (中秋节)           = 8 h
    // Sun 09-15, Mon 09-16, Tue 09-17: Mid-Autumn off     = 0 h
    // Wed 2024-09-18 until 09:00: 08:00 → 09:00          = 1 h
    // Total                                               = 10 h
    assert_eq!(
        c.elapsed(&cal, t("2024-09-13 16:30"), t("2024-09-18 09:00")),
        TimeDelta::hours(10)
    );
    // Under weekends only, Saturday would not count, but Mon/Tue would: 1 + 8 + 8 + 1 = 18 h.
    assert_eq!(
        c.elapsed(
            &Calendar::weekends_only(),
            t("2024-09-13 16:30"),
            t("2024-09-18 09:00")
        ),
        TimeDelta::hours(18)
    );
    // And back: 10 h from Friday 16:30 ends Wednesday 09:00.
    assert_eq!(
        c.add(&cal, t("2024-09-13 16:30"), TimeDelta::hours(10))
            .unwrap(),
        t("2024-09-18 09:00")
    );
}

#[test]
fn working_hours_add_across_lunch_and_holiday() {
    let cal = Calendar::china();
    let c = Clock::WorkingHours(WorkingHours::standard());
    // 10:00 + 4 h: 10:00–12:00 (2 h), lunch, 13:30–15:30 (2 h).
    assert_eq!(
        c.add(&cal, t("2024-03-01 10:00"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-03-01 15:30")
    );
    // Ends exactly at a window's end: 08:00 + 4 h = 12:00, not 13:30.
    assert_eq!(
        c.add(&cal, t("2024-03-01 08:00"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-03-01 12:00")
    );
    // And at the day's end: 13:30 + 4 h = 17:30.
    assert_eq!(
        c.add(&cal, t("2024-03-01 13:30"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-03-01 17:30")
    );
    // Across National Day 2024: Mon 09-30 16:00 + 4 h: 1.5 h on 09-30, then 10-01..10-07 off,
    // Tue 10-08 08:00 + 2.5 h = 10:30.
    assert_eq!(
        c.add(&cal, t("2024-09-30 16:00"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-10-08 10:30")
    );
    // Starting inside a holiday.
    assert_eq!(
        c.add(&cal, t("2024-10-03 11:00"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-10-08 12:00")
    );
    // Zero answers the start.
    assert_eq!(
        c.add(&cal, t("2024-10-03 11:00"), TimeDelta::zero())
            .unwrap(),
        t("2024-10-03 11:00")
    );
    // Long durations skip whole days arithmetically: 8 h × 10 working days from Sep 26, 2022
    // 17:30 ends at 17:30 on the 10th working day (2022-10-13).
    assert_eq!(
        c.add(&cal, t("2022-09-26 17:30"), TimeDelta::hours(80))
            .unwrap(),
        t("2022-10-13 17:30")
    );
    // Round trip.
    let mut rng = Lcg(99);
    for _ in 0..200 {
        let start = t("2023-01-01 00:00") + TimeDelta::minutes(rng.next(3 * 365 * 24 * 60) as i64);
        let dur = TimeDelta::minutes(rng.next(200 * 60) as i64 + 1);
        let end = c.add(&cal, start, dur).unwrap();
        assert_eq!(c.elapsed(&cal, start, end), dur, "{start} + {dur}");
    }
    // Far away: an error, not a panic.
    assert!(c.add(&cal, t("2024-01-01 00:00"), TimeDelta::MAX).is_err());
}

#[test]
fn five_by_eight_over_a_weekend() {
    let cal = Calendar::china();
    let c = Clock::parse("5×8").unwrap();
    assert_eq!(c, Clock::FiveByEight);
    // Fri 2024-03-01 15:00 + 4 h: 2 h Friday, Monday 03-04 09:00 + 2 h = 11:00.
    assert_eq!(
        c.add(&cal, t("2024-03-01 15:00"), TimeDelta::hours(4))
            .unwrap(),
        t("2024-03-04 11:00")
    );
    assert_eq!(
        c.elapsed(&cal, t("2024-03-01 15:00"), t("2024-03-04 11:00")),
        TimeDelta::hours(4)
    );
    // Saturday counts nothing.
    assert_eq!(
        c.elapsed(&cal, t("2024-03-02 00:00"), t("2024-03-03 23:59")),
        TimeDelta::zero()
    );
}

#[test]
fn clock_parsing_and_text() {
    assert_eq!(Clock::parse("7×24").unwrap(), Clock::Continuous);
    assert_eq!(Clock::parse("5x8").unwrap(), Clock::FiveByEight);
    assert_eq!(
        Clock::parse("working-hours:08:00-12:00,13:30-17:30").unwrap(),
        Clock::WorkingHours(WorkingHours::standard())
    );
    assert_eq!(
        Clock::parse("working-hours:09:00-18:00").unwrap(),
        Clock::WorkingHours(WorkingHours::parse("09:00-18:00").unwrap())
    );
    assert!(matches!(
        Clock::parse("8x5"),
        Err(CalendarError::InvalidClock { .. })
    ));
    let e = Clock::parse("working-hours:09:00-08:00").unwrap_err();
    assert!(e.to_string().contains("09:00-08:00"));
    assert!(Clock::FiveByEight
        .localize(Lang::Zh)
        .contains("09:00–17:00"));
    assert!(Clock::parse("working-hours")
        .unwrap()
        .localize(Lang::En)
        .contains("08:00–12:00, 13:30–17:30"));
    assert!(Clock::Continuous.localize(Lang::Zh).starts_with("7×24"));
}

#[test]
fn results_serialize_for_the_cli() {
    let cal = Calendar::china();
    let json = serde_json::to_value(cal.day(d(2024, 2, 4))).unwrap();
    assert_eq!(json["date"], "2024-02-04");
    assert_eq!(json["weekday"], 7);
    assert_eq!(json["kind"], "make_up_workday");
    assert_eq!(json["holiday"]["zh"], "春节");
    let json = serde_json::to_value(cal.day(d(2027, 3, 1))).unwrap();
    assert_eq!(json["warning"]["year"], 2027);
    let s = cal.schedules().next().unwrap();
    let again = YearSchedule::from_json(&s.to_json()).unwrap();
    assert_eq!(&again, s);
}

#[test]
fn clock_display_round_trips() {
    for s in [
        "7x24",
        "5x8",
        "working-hours:08:00-12:00,13:30-17:30",
        "working-hours:00:00-24:00",
    ] {
        let c = Clock::parse(s).unwrap();
        assert_eq!(c.to_string(), s);
        assert_eq!(Clock::parse(&c.to_string()).unwrap(), c);
    }
}

/// The holidays loader says what is wrong in our words, in both languages, with 1-based
/// columns (issue 10, item 19: it said 第1行第0列 and passed serde_json's English through).
#[test]
fn a_broken_holiday_file_is_described_in_both_languages_from_column_1() {
    use lvyue::domain::calendar::{CalendarError, YearSchedule};
    use lvyue::domain::{Lang, Localize};
    for (text, line) in [
        ("", 1),
        ("{\n  \"format\": \"lvyue-holidays/1\",\n}", 3),
        ("{\"year\": \"2027\"}", 1),
    ] {
        let e = YearSchedule::from_json(text).unwrap_err();
        let CalendarError::Json { at: Some(at), .. } = &e else {
            panic!("{e:?}")
        };
        assert_eq!(at.line, line, "{text}");
        assert!(at.column >= 1, "{text}: {e:?}");
        let zh = e.localize(Lang::Zh);
        let english: Vec<&str> = zh
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| w.len() > 1 && !["JSON", "YYYY", "MM", "DD"].contains(w))
            .collect();
        assert!(english.is_empty(), "{zh}");
    }
}
