//! Tests: money (amounts, rates, uppercase amounts, VAT).

use std::str::FromStr;

use lvyue::domain::money::{
    check_words, read_words, to_words, to_words_with, vat_split, Amount, MoneyError, Rate,
    WordsFinding, WordsStyle,
};
use lvyue::domain::{Lang, Localize};
use rust_decimal::Decimal;

fn amt(s: &str) -> Amount {
    Amount::parse(s).unwrap_or_else(|e| panic!("test amount {s:?}: {e}"))
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|e| panic!("test decimal {s:?}: {e}"))
}

fn rate(s: &str) -> Rate {
    Rate::parse(s).unwrap_or_else(|e| panic!("test rate {s:?}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Uppercase amounts: the vectors of REFERENCE.md §5.3 (the rule's own examples)
// ---------------------------------------------------------------------------------------------

const RULE_VECTORS: [(&str, &str); 6] = [
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("1680.32", "壹仟陆佰捌拾元零叁角贰分"),
    ("107000.53", "壹拾万柒仟元零伍角叁分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
];

#[test]
fn words_rule_vectors_write() {
    for (figure, words) in RULE_VECTORS {
        assert_eq!(to_words(amt(figure)).unwrap(), words, "{figure}");
    }
}

#[test]
fn words_rule_vectors_read_back() {
    for (figure, words) in RULE_VECTORS {
        let r = read_words(words).unwrap();
        assert_eq!(r.amount, amt(figure), "{words}");
        assert!(r.findings.is_empty(), "{words}: {:?}", r.findings);
        assert_eq!(r.normalized, words);
        let with_prefix = read_words(&format!("人民币{words}")).unwrap();
        assert_eq!(with_prefix.amount, amt(figure));
        assert!(with_prefix.findings.is_empty());
        let c = check_words(amt(figure), words);
        assert!(c.is_clean(), "{words}: {c:?}");
        assert_eq!(c.expected, words);
    }
}

#[test]
fn words_rule_alternatives_accepted() {
    for (figure, alt) in [
        ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
        ("107000.53", "壹拾万零柒仟元伍角叁分"),
        ("1409.50", "壹仟肆佰零玖元伍角整"),
        ("1409.50", "壹仟肆佰零玖元伍角正"),
        ("980000", "玖拾捌万元正"),
    ] {
        let c = check_words(amt(figure), alt);
        assert!(c.matches, "{alt}");
        assert!(c.findings.is_empty(), "{alt}: {:?}", c.findings);
        assert!(c.is_clean());
        assert!(
            c.alternatives.iter().any(|a| a == alt),
            "{alt} not in {:?}",
            c.alternatives
        );
        assert_ne!(c.expected, alt);
    }
}

#[test]
fn words_zheng_after_jiao_style() {
    let style = WordsStyle {
        zheng_after_jiao: true,
    };
    assert_eq!(
        to_words_with(amt("1409.50"), style).unwrap(),
        "壹仟肆佰零玖元伍角整"
    );
    // Never after 分; and 元整 is unaffected.
    assert_eq!(
        to_words_with(amt("6007.14"), style).unwrap(),
        "陆仟零柒元壹角肆分"
    );
    assert_eq!(to_words_with(amt("10"), style).unwrap(), "壹拾元整");
    assert_eq!(to_words_with(amt("0.5"), style).unwrap(), "伍角整");
    assert!(!WordsStyle::default().zheng_after_jiao);
}

#[test]
fn words_writing_rules() {
    for (figure, words) in [
        ("0", "零元整"),
        ("0.50", "伍角"),
        ("0.05", "伍分"),
        ("0.01", "壹分"),
        ("0.55", "伍角伍分"),
        ("1", "壹元整"),
        ("10", "壹拾元整"),
        ("11", "壹拾壹元整"),
        ("100", "壹佰元整"),
        ("101", "壹佰零壹元整"),
        ("110", "壹佰壹拾元整"),
        ("1001", "壹仟零壹元整"),
        ("1010", "壹仟零壹拾元整"),
        ("10000", "壹万元整"),
        ("10001", "壹万零壹元整"),
        ("100000", "壹拾万元整"),
        ("100500", "壹拾万零伍佰元整"),
        ("1000007", "壹佰万零柒元整"),
        ("10000000", "壹仟万元整"),
        ("100000000", "壹亿元整"),
        ("100000001", "壹亿零壹元整"),
        ("100010000", "壹亿零壹万元整"),
        ("100001000", "壹亿零壹仟元整"),
        ("1000000000000", "壹万亿元整"),
        ("1000100000000", "壹万零壹亿元整"),
        (
            "123456789.12",
            "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分",
        ),
        ("1350000", "壹佰叁拾伍万元整"),
        ("675000", "陆拾柒万伍仟元整"),
        ("980000", "玖拾捌万元整"),
        ("20.10", "贰拾元零壹角"),
        ("20.01", "贰拾元零壹分"),
        ("21.01", "贰拾壹元零壹分"),
        (
            "9999999999999999.99",
            "玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        ),
    ] {
        assert_eq!(to_words(amt(figure)).unwrap(), words, "{figure}");
    }
}

#[test]
fn words_round_to_fen_first() {
    assert_eq!(to_words(amt("0.005")).unwrap(), "壹分");
    assert_eq!(to_words(amt("1409.495")).unwrap(), "壹仟肆佰零玖元伍角");
    assert_eq!(to_words(amt("0.004")).unwrap(), "零元整");
}

#[test]
fn words_errors() {
    let e = to_words(amt("-1")).unwrap_err();
    assert_eq!(e.code(), "money.negative");
    assert!(e.to_string().contains("-1.00"));
    let e = to_words(amt("10000000000000000")).unwrap_err();
    assert_eq!(e.code(), "words.too-large");
    assert!(to_words(amt("9999999999999999.994")).is_ok());
    assert!(to_words(amt("9999999999999999.995")).is_err());

    let e = read_words("").unwrap_err();
    assert_eq!(e.code(), "words.empty");
    let e = read_words("人民币 ").unwrap_err();
    assert_eq!(e.code(), "words.empty");
    let e = read_words("壹佰x元整").unwrap_err();
    assert_eq!(
        e,
        MoneyError::WordsInvalidChar {
            input: "壹佰x元整".into(),
            found: 'x',
            position: 3
        }
    );
    assert!(e.localize(Lang::Zh).contains("壹佰x元整"));
    assert!(e.localize(Lang::En).contains("position 3"));
    let e = read_words("壹拾佰元整").unwrap_err();
    assert_eq!(e.code(), "words.unexpected");
    assert_eq!(e.position(), Some(3));
    assert_eq!(read_words("壹佰").unwrap_err().code(), "words.incomplete");
    assert_eq!(read_words("壹元伍").unwrap_err().code(), "words.incomplete");
    assert_eq!(read_words("元整").unwrap_err().code(), "words.unexpected");
    assert_eq!(
        read_words("壹角壹角").unwrap_err().code(),
        "words.unexpected"
    );
    assert_eq!(
        read_words("壹元整伍角").unwrap_err().code(),
        "words.unexpected"
    );
    assert_eq!(
        read_words("壹万壹万元").unwrap_err().code(),
        "words.unexpected"
    );
}

// ---------------------------------------------------------------------------------------------
// Uppercase amounts: the contracts
// ---------------------------------------------------------------------------------------------

#[test]
fn words_contract_amounts_clean() {
    for (figure, words) in [
        ("1,350,000", "壹佰叁拾伍万元整"),
        ("675,000", "陆拾柒万伍仟元整"),
        ("980,000", "玖拾捌万元整"),
    ] {
        let c = check_words(amt(figure), words);
        assert!(c.is_clean(), "{words}: {c:?}");
        assert_eq!(c.read, Some(amt(figure)));
        assert_eq!(c.expected, words);
        let c = check_words(amt(figure), &format!("人民币 {words}"));
        assert!(c.is_clean());
    }
}

#[test]
fn words_nonstandard_numeral_qian() {
    let c = check_words(amt("405000"), "肆拾万伍千元整");
    assert!(c.matches);
    assert_eq!(c.read, Some(amt("405000")));
    assert_eq!(
        c.findings,
        vec![WordsFinding::NonStandardNumeral {
            position: 5,
            found: "千".into(),
            standard: "仟".into()
        }]
    );
    assert_eq!(c.findings[0].code(), "words.nonstandard-numeral");
    assert!(!c.is_clean());
    assert_eq!(c.expected, "肆拾万伍仟元整");
    assert!(c.findings[0].localize(Lang::Zh).contains("仟"));
    assert!(c.findings[0].localize(Lang::En).contains("character 5"));
    // With a prefix, the position is still counted in the text as given.
    let c = check_words(amt("405000"), "人民币肆拾万伍千元整");
    assert!(matches!(
        c.findings[..],
        [WordsFinding::NonStandardNumeral { position: 8, .. }]
    ));
}

#[test]
fn words_mismatch() {
    let c = check_words(amt("450000"), "肆拾万伍仟元整");
    assert!(!c.matches);
    assert_eq!(c.read, Some(amt("405000")));
    assert_eq!(
        c.findings,
        vec![WordsFinding::Mismatch {
            written: amt("405000"),
            figure: amt("450000")
        }]
    );
    assert_eq!(c.findings[0].code(), "words.mismatch");
    assert!(c.findings[0].localize(Lang::En).contains("¥405,000.00"));
    assert!(c.findings[0].localize(Lang::Zh).contains("¥450,000.00"));
    assert!(c.localize(Lang::En).contains("NOT match"));
}

#[test]
fn words_missing_zero() {
    // Rule 三.4: 零 after 元 when 角 is 0 and 分 is not.
    let c = check_words(amt("16409.02"), "壹万陆仟肆佰零玖元贰分");
    assert!(c.matches);
    assert_eq!(c.read, Some(amt("16409.02")));
    assert_eq!(c.findings, vec![WordsFinding::MissingZero { position: 10 }]);
    // Rule 三.1: 零 for a zero in the middle.
    let r = read_words("壹仟肆佰玖元伍角").unwrap();
    assert_eq!(r.amount, amt("1409.50"));
    assert_eq!(r.findings, vec![WordsFinding::MissingZero { position: 5 }]);
    let r = read_words("壹拾万伍佰元整").unwrap();
    assert_eq!(r.amount, amt("100500"));
    assert_eq!(r.findings, vec![WordsFinding::MissingZero { position: 4 }]);
}

#[test]
fn words_zheng_findings() {
    let r = read_words("玖拾捌万元").unwrap();
    assert_eq!(r.amount, amt("980000"));
    assert_eq!(r.findings, vec![WordsFinding::MissingZheng]);
    let r = read_words("陆仟零柒元壹角肆分整").unwrap();
    assert_eq!(r.amount, amt("6007.14"));
    assert_eq!(r.findings, vec![WordsFinding::ZhengAfterFen]);
    assert_eq!(r.findings[0].code(), "words.zheng-after-fen");
}

#[test]
fn words_missing_leading_one_and_other_forms() {
    let r = read_words("拾万元整").unwrap();
    assert_eq!(r.amount, amt("100000"));
    assert_eq!(
        r.findings,
        vec![WordsFinding::MissingLeadingOne { position: 1 }]
    );
    let r = read_words("壹佰拾元整").unwrap();
    assert_eq!(r.amount, amt("110"));
    assert_eq!(
        r.findings,
        vec![WordsFinding::MissingLeadingOne { position: 3 }]
    );
    // A superfluous 零 is readable but not a standard form.
    let r = read_words("壹佰零零壹元整").unwrap();
    assert_eq!(r.amount, amt("101"));
    assert_eq!(
        r.findings,
        vec![WordsFinding::NotStandardForm {
            expected: "壹佰零壹元整".into()
        }]
    );
}

#[test]
fn words_traditional_and_forbidden_forms() {
    // Traditional characters the rule says must be accepted: no finding.
    let r = read_words("壹萬貳仟參佰陸拾圆整").unwrap();
    assert_eq!(r.amount, amt("12360"));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert_eq!(r.normalized, "壹万贰仟叁佰陆拾元整");
    let r = read_words("壹億元正").unwrap();
    assert_eq!(r.amount, amt("100000000"));
    assert!(r.findings.is_empty());
    // Forbidden ones: read, and each reported.
    let r = read_words("一千另五元五毛").unwrap();
    assert_eq!(r.amount, amt("1005.50"));
    let found: Vec<(usize, String)> = r
        .findings
        .iter()
        .filter_map(|f| match f {
            WordsFinding::NonStandardNumeral {
                position, standard, ..
            } => Some((*position, standard.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (1, "壹".to_string()),
            (2, "仟".to_string()),
            (3, "零".to_string()),
            (4, "伍".to_string()),
            (6, "伍".to_string()),
            (7, "角".to_string())
        ]
    );
    assert_eq!(r.findings.len(), 6);
    let r = read_words("廿元整").unwrap();
    assert_eq!(r.amount, amt("20"));
    assert_eq!(
        r.findings,
        vec![WordsFinding::NonStandardNumeral {
            position: 1,
            found: "廿".into(),
            standard: "贰拾".into()
        }]
    );
    let r = read_words("两佰元整").unwrap();
    assert_eq!(r.amount, amt("200"));
    assert_eq!(r.findings.len(), 1);
}

#[test]
fn words_check_serializes() {
    let c = check_words(amt("405000"), "肆拾万伍千元整");
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["figure"], "405000.00");
    assert_eq!(json["read"], "405000.00");
    assert_eq!(json["matches"], true);
    assert_eq!(json["findings"][0]["code"], "words.nonstandard-numeral");
    assert_eq!(json["findings"][0]["position"], 5);
    let c = check_words(amt("1"), "壹x");
    assert!(!c.matches);
    assert_eq!(c.read, None);
    let e = c.error.clone().unwrap();
    assert_eq!(e.code(), "words.invalid-char");
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["error"]["code"], "words.invalid-char");
    assert_eq!(json["error"]["input"], "壹x");
    assert!(c.localize(Lang::Zh).contains("壹x"));
}

// ---------------------------------------------------------------------------------------------
// Uppercase amounts: round trips
// ---------------------------------------------------------------------------------------------

fn assert_round_trip(a: Amount) {
    let w = to_words(a).unwrap_or_else(|e| panic!("{a}: {e}"));
    let r = read_words(&w).unwrap_or_else(|e| panic!("{a} → {w}: {e}"));
    assert_eq!(r.amount, a, "{w}");
    assert!(r.findings.is_empty(), "{a} → {w}: {:?}", r.findings);
    let c = check_words(a, &w);
    assert!(c.is_clean(), "{a} → {w}: {c:?}");
    for alt in &c.alternatives {
        let c = check_words(a, alt);
        assert!(c.is_clean(), "{a} alternative {alt}: {c:?}");
    }
}

#[test]
fn words_round_trip_spread() {
    for s in [
        "0",
        "0.01",
        "0.1",
        "0.11",
        "1",
        "10",
        "11",
        "100",
        "101",
        "110",
        "1000",
        "1001",
        "1010",
        "1100",
        "10000",
        "10001",
        "10010",
        "100000",
        "100500",
        "107000.53",
        "1000007",
        "10000000",
        "10007000",
        "100000000",
        "100000001",
        "100010000",
        "100001000",
        "110000000",
        "123456789.12",
        "1000000000000",
        "1000070000000",
        "1000100000000",
        "9999999999999.99",
        "9999999999999999.99",
        "1234567890123456.78",
    ] {
        assert_round_trip(amt(s));
    }
}

#[test]
fn words_round_trip_pseudo_random() {
    // A 64-bit linear congruential generator (Knuth's MMIX constants): deterministic.
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 11
    };
    for i in 0..3000 {
        // Build up to 18 digits of fen, with many zeros to exercise the 零 rules.
        let len = 1 + next() % 18;
        let mut fen: i64 = 0;
        for _ in 0..len {
            let d = if next() % 2 == 0 { 0 } else { next() % 10 };
            fen = fen * 10 + d as i64;
        }
        if i % 3 == 0 {
            fen %= 10_000_000_000; // smaller amounts too
        }
        assert_round_trip(Amount::from_fen(fen));
    }
}

// ---------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------

#[test]
fn amount_parse_forms() {
    for (input, value) in [
        ("980000", "980000"),
        ("980,000.00", "980000"),
        ("¥1,350,000.00", "1350000"),
        ("￥1,350,000.00", "1350000"),
        ("RMB 980000", "980000"),
        ("125万", "1250000"),
        ("135万元", "1350000"),
        ("1.2亿", "120000000"),
        ("1.5亿", "150000000"),
        ("1,000元", "1000"),
        ("人民币980,000.00元", "980000"),
        ("-12.5", "-12.5"),
        ("-¥12.50", "-12.5"),
        ("  ９８０，０００．５０ ", "980000.5"),
        ("1,350,000", "1350000"),
        (".5", "0.5"),
        ("0", "0"),
    ] {
        assert_eq!(Amount::parse(input).unwrap().yuan(), dec(value), "{input}");
    }
    assert_eq!(Amount::from_str("135万元").unwrap(), amt("1350000"));
    let parsed: Amount = "980000".parse().unwrap();
    assert_eq!(parsed, Amount::new(dec("980000")));
}

#[test]
fn amount_parse_errors() {
    let e = Amount::parse("12a3.4元").unwrap_err();
    assert_eq!(
        e,
        MoneyError::InvalidChar {
            input: "12a3.4元".into(),
            found: 'a',
            position: 3
        }
    );
    assert_eq!(e.code(), "money.invalid-char");
    let zh = e.localize(Lang::Zh);
    let en = e.localize(Lang::En);
    for text in [&zh, &en] {
        assert!(text.contains("12a3.4元"), "{text}");
        assert!(text.contains('a'), "{text}");
        assert!(text.contains('3'), "{text}");
    }
    assert_eq!(e.to_string(), en);
    let _: &dyn std::error::Error = &e;

    let e = Amount::parse("").unwrap_err();
    assert_eq!(e.code(), "money.empty");
    let e = Amount::parse("   ").unwrap_err();
    assert_eq!(e.code(), "money.empty");
    assert_eq!(e.input(), "   ");

    let e = Amount::parse("1.2.3").unwrap_err();
    assert_eq!(
        e,
        MoneyError::MultipleDecimalPoints {
            input: "1.2.3".into(),
            position: 4
        }
    );
    let e = Amount::parse("9,80000").unwrap_err();
    assert_eq!(
        e,
        MoneyError::MisplacedSeparator {
            input: "9,80000".into(),
            position: 2
        }
    );
    assert!(e.localize(Lang::En).contains("9,80000"));
    assert!(e.localize(Lang::Zh).contains("9,80000"));
    assert_eq!(Amount::parse("9800,000").unwrap_err().position(), Some(5));
    assert_eq!(Amount::parse("1,000.0,0").unwrap_err().position(), Some(8));
    assert_eq!(Amount::parse("¥").unwrap_err().code(), "money.no-digits");
    assert_eq!(Amount::parse("abc").unwrap_err().position(), Some(1));
    assert_eq!(Amount::parse("12 34").unwrap_err().position(), Some(4));
    assert_eq!(
        Amount::parse("99999999999999999999999999999999")
            .unwrap_err()
            .code(),
        "money.too-large"
    );
    assert_eq!(
        Amount::parse("7000000000000000000000000000万亿")
            .unwrap_err()
            .code(),
        "money.too-large"
    );
}

#[test]
fn amount_formatting() {
    let a = amt("1350000");
    assert_eq!(a.format(), "1,350,000.00");
    assert_eq!(a.format_yuan(), "¥1,350,000.00");
    assert_eq!(a.to_string(), "1,350,000.00");
    assert_eq!(amt("-12.5").format_yuan(), "-¥12.50");
    assert_eq!(amt("-12.5").format(), "-12.50");
    assert_eq!(amt("0").format(), "0.00");
    assert_eq!(amt("999").format(), "999.00");
    assert_eq!(amt("1000").format(), "1,000.00");
    assert_eq!(amt("0.125").format(), "0.125");

    let unrounded = Amount::new(dec("980000") / dec("1.06"));
    assert!(
        unrounded.format().starts_with("924,528.301886"),
        "{}",
        unrounded.format()
    );
    assert!(!unrounded.is_whole_fen());
    assert_eq!(unrounded.round_fen().format(), "924,528.30");
    assert_eq!(unrounded.round_fen().yuan(), dec("924528.30"));
    assert!(unrounded.round_fen().is_whole_fen());
    let json = serde_json::to_string(&unrounded.round_fen()).unwrap();
    assert_eq!(json, "\"924528.30\"");
    let back: Amount = serde_json::from_str(&json).unwrap();
    assert_eq!(back, unrounded.round_fen());
}

#[test]
fn amount_round_half_up() {
    for (v, r) in [
        ("0.005", "0.01"),
        ("0.015", "0.02"),
        ("2.675", "2.68"),
        ("-0.005", "-0.01"),
        ("0.004", "0.00"),
        ("-0.004", "0.00"),
        ("1.2345", "1.23"),
    ] {
        assert_eq!(amt(v).round_fen().yuan(), dec(r), "{v}");
    }
    assert_eq!(amt("-0.004").round_fen().format(), "0.00");
    assert_eq!(amt("1").round_fen().to_string(), "1.00");
}

#[test]
fn amount_arithmetic() {
    assert_eq!(amt("0.1").checked_add(amt("0.2")), Some(amt("0.3")));
    assert_eq!(amt("1").checked_sub(amt("2.5")), Some(amt("-1.5")));
    assert!(amt("-1").is_negative());
    assert!(!Amount::ZERO.is_negative());
    assert_eq!(Amount::default(), Amount::ZERO);
    assert_eq!(
        amt("1000000").checked_mul_rate(rate("3‰")),
        Some(amt("3000"))
    );
    let huge = Amount::new(Decimal::MAX);
    assert_eq!(huge.checked_add(amt("1")), None);
    assert_eq!(huge.checked_mul_rate(rate("200%")), None);
}

// ---------------------------------------------------------------------------------------------
// Rates
// ---------------------------------------------------------------------------------------------

#[test]
fn rate_parse_forms() {
    for (input, fraction) in [
        ("0.1%", "0.001"),
        ("3‰", "0.003"),
        ("0.5‱", "0.00005"),
        ("万分之三", "0.0003"),
        ("万分之五", "0.0005"),
        ("千分之三", "0.003"),
        ("百分之五", "0.05"),
        ("百分之零点一", "0.001"),
        ("百分之十五", "0.15"),
        ("万分之二点五", "0.00025"),
        ("万分之0.5", "0.00005"),
        ("百分之一百", "1"),
        ("百分之一百零五", "1.05"),
        ("百分之两", "0.02"),
        ("6%", "0.06"),
        ("6 %", "0.06"),
        ("６％", "0.06"),
        ("0.06", "0.06"),
        (" 13% ", "0.13"),
    ] {
        assert_eq!(rate(input).fraction(), dec(fraction), "{input}");
    }
}

#[test]
fn rate_parse_errors() {
    let e = Rate::parse("abc").unwrap_err();
    assert_eq!(e.code(), "rate.invalid");
    assert!(e.localize(Lang::En).contains("abc"));
    assert!(e.localize(Lang::Zh).contains("abc"));
    assert_eq!(e.input(), "abc");
    assert_eq!(Rate::parse("").unwrap_err().code(), "rate.empty");
    assert_eq!(Rate::parse("-3%").unwrap_err().code(), "rate.negative");
    assert!(Rate::parse("-3%").unwrap_err().to_string().contains("-3%"));
    assert_eq!(Rate::parse("%").unwrap_err().code(), "rate.invalid");
    assert_eq!(Rate::parse("万分之").unwrap_err().code(), "rate.invalid");
    assert_eq!(Rate::parse("万分之x").unwrap_err().position(), Some(4));
    assert_eq!(Rate::parse("1.2.3%").unwrap_err().code(), "rate.invalid");
    assert_eq!(Rate::parse("3 ‰ x").unwrap_err().code(), "rate.invalid");
}

#[test]
fn rate_formatting_and_annualising() {
    assert_eq!(rate("0.3%").format_percent(), "0.3%");
    assert_eq!(Rate::from_fraction(dec("0.003")).format_percent(), "0.3%");
    assert_eq!(Rate::from_fraction(dec("0.0003")).format_percent(), "0.03%");
    assert_eq!(Rate::from_fraction(dec("0.06")).format_percent(), "6%");
    assert_eq!(Rate::from_fraction(dec("0.003")).format_per_mille(), "3‰");
    assert_eq!(rate("3‰").annualised(365).fraction(), dec("1.095"));
    assert_eq!(rate("3‰").annualised(365).format_percent(), "109.5%");
    assert_eq!(rate("万分之五").annualised(365).format_percent(), "18.25%");
    assert_eq!(rate("万分之三").annualised(365).format_percent(), "10.95%");
    assert_eq!(rate("万分之三").annualised(365).fraction(), dec("0.1095"));
    assert_eq!(serde_json::to_string(&rate("3‰")).unwrap(), "\"0.003\"");
}

// ---------------------------------------------------------------------------------------------
// VAT
// ---------------------------------------------------------------------------------------------

#[test]
fn vat_contract_vectors() {
    for (gross, net, tax) in [
        ("980,000", "924528.30", "55471.70"),
        ("254,400", "240000.00", "14400.00"),
        ("1,000,000", "943396.23", "56603.77"),
    ] {
        let s = vat_split(amt(gross), rate("6%")).unwrap();
        assert_eq!(s.net.yuan(), dec(net), "{gross}");
        assert_eq!(s.tax.yuan(), dec(tax), "{gross}");
        assert_eq!(s.net.checked_add(s.tax), Some(amt(gross)));
        assert_eq!(s.gross, amt(gross));
    }
    let s = vat_split(amt("980000"), rate("6%")).unwrap();
    assert_eq!(s.net.format(), "924,528.30");
    assert_eq!(s.tax.format(), "55,471.70");
    assert!(s.net_unrounded.format().starts_with("924,528.3018867"));
}

#[test]
fn vat_explanation_mentions_unrounded() {
    let s = vat_split(amt("980000"), rate("6%")).unwrap();
    let unrounded = s.net_unrounded.format();
    let zh = s.localize(Lang::Zh);
    let en = s.localize(Lang::En);
    for text in [&zh, &en] {
        assert!(text.contains(&unrounded), "{text}");
        assert!(text.contains("¥924,528.30"), "{text}");
        assert!(text.contains("¥55,471.70"), "{text}");
        assert!(text.contains("6%"), "{text}");
    }
    assert!(zh.contains("四舍五入到分"));
    assert!(en.contains("half-up to the fen"));
    let json = serde_json::to_value(s).unwrap();
    assert_eq!(json["net"], "924528.30");
    assert_eq!(json["tax"], "55471.70");
    assert_eq!(json["rate"], "0.06");
}

#[test]
fn vat_errors() {
    let e = vat_split(amt("980000"), rate("600%")).unwrap_err();
    assert_eq!(e.code(), "vat.rate-too-high");
    assert_eq!(
        e.to_string(),
        "600%: a VAT rate above 100%; did you mean 6%?"
    );
    assert!(e.localize(Lang::Zh).contains("6%"));
    // A bare 6 is the fraction 6, i.e. 600%.
    assert_eq!(
        vat_split(amt("1"), rate("6")).unwrap_err().code(),
        "vat.rate-too-high"
    );
    assert_eq!(
        vat_split(amt("1"), rate("100%")).unwrap_err().code(),
        "vat.rate-too-high"
    );
    let e = vat_split(amt("-1"), rate("6%")).unwrap_err();
    assert_eq!(e.code(), "money.negative");
    assert!(e.to_string().contains("-1.00"));
    let e = vat_split(amt("1"), Rate::from_fraction(dec("-0.06"))).unwrap_err();
    assert_eq!(e.code(), "rate.negative");
    let zero = vat_split(Amount::ZERO, rate("13%")).unwrap();
    assert_eq!(zero.net, Amount::ZERO);
    assert_eq!(zero.tax, Amount::ZERO);
}

#[test]
fn errors_serialize_with_code() {
    let e = Amount::parse("12a3.4元").unwrap_err();
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["code"], "money.invalid-char");
    assert_eq!(json["input"], "12a3.4元");
    assert_eq!(json["found"], "a");
    assert_eq!(json["position"], 3);
}

// ---------------------------------------------------------------------------------------------
// Nothing panics on user input
// ---------------------------------------------------------------------------------------------

#[test]
fn no_panic_on_arbitrary_text() {
    let alphabet: Vec<char> = "零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整正一二十百千两廿毛另〇0123456789.,，%‰‱¥￥-+ 人民币RMB万分之点x圆萬億"
        .chars()
        .collect();
    let mut state: u64 = 42;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    for _ in 0..20_000 {
        let len = next() % 14;
        let text: String = (0..len)
            .filter_map(|_| alphabet.get((next() as usize) % alphabet.len()).copied())
            .collect();
        let _ = Amount::parse(&text);
        let _ = Rate::parse(&text);
        if let Ok(r) = read_words(&text) {
            // Whatever is read can be written and read back clean.
            let w = to_words(r.amount).unwrap();
            assert_eq!(read_words(&w).unwrap().amount, r.amount, "{text} → {w}");
            let _ = r.localize(Lang::Zh);
        }
        let c = check_words(Amount::from_fen(12345), &text);
        let _ = c.localize(Lang::En);
    }
}

#[test]
fn arbitrary_words_read_consistently() {
    // Only numerals and units: many of these texts are readable.
    let alphabet: Vec<char> = "零壹贰伍玖拾佰仟万亿元角分整十千".chars().collect();
    let mut state: u64 = 7;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        state >> 33
    };
    let mut readable = 0;
    for _ in 0..20_000 {
        let len = 1 + next() % 10;
        let text: String = (0..len)
            .filter_map(|_| alphabet.get((next() as usize) % alphabet.len()).copied())
            .collect();
        if let Ok(r) = read_words(&text) {
            readable += 1;
            let w = to_words(r.amount).unwrap();
            let c = check_words(r.amount, &text);
            assert!(c.matches, "{text}");
            // Clean exactly when the text is one of the allowed forms.
            let allowed = c.expected == text || c.alternatives.contains(&text);
            assert_eq!(c.is_clean(), allowed, "{text} vs {w}: {:?}", c.findings);
        }
    }
    assert!(readable > 100, "{readable}");
}

#[test]
fn no_panic_on_extreme_values() {
    for d in [
        Decimal::MAX,
        Decimal::MIN,
        Decimal::new(1, 28),
        -Decimal::new(1, 28),
    ] {
        let a = Amount::new(d);
        let _ = a.round_fen();
        let _ = a.is_whole_fen();
        let _ = a.format();
        let _ = a.format_yuan();
        assert!(to_words(a).is_err() || a.round_fen().is_zero());
        let c = check_words(a, "壹元整");
        assert!(!c.matches || a.round_fen() == amt("1"));
        let _ = vat_split(a, rate("6%"));
        let r = Rate::from_fraction(d);
        let _ = r.format_percent();
        let _ = r.format_per_mille();
        let _ = r.annualised(u32::MAX);
        let _ = a.checked_mul_rate(r);
        let _ = vat_split(amt("1"), r);
    }
    assert_eq!(
        to_words(Amount::new(Decimal::new(1, 28))).unwrap(),
        "零元整"
    );
    // Beyond what is computed exactly to the fen, a split would round the net to what a
    // Decimal can hold (the yuan, not the fen): refused. At the limit it is exact.
    assert_eq!(
        vat_split(Amount::new(Decimal::MAX), rate("6%"))
            .unwrap_err()
            .code(),
        "money.not-fen"
    );
    let s = vat_split(Amount::MAX_FEN, rate("6%")).unwrap();
    assert_eq!(s.net.checked_add(s.tax), Some(Amount::MAX_FEN));
    assert_eq!(
        Amount::parse(&"9".repeat(400)).unwrap_err().code(),
        "money.too-large"
    );
    assert_eq!(
        Amount::parse(&format!("0.{}", "1".repeat(40)))
            .unwrap_err()
            .code(),
        "money.too-precise"
    );
}
