//! Uppercase amounts (大写金额): writing them and checking them.
//!
//! Chinese contracts and payment documents state every sum twice, in figures and in uppercase
//! numerals (人民币壹佰叁拾伍万元整). The uppercase form is governed by 中国人民银行
//! 《正确填写票据和结算凭证的基本规定》; a mismatch between the two, or a non-standard
//! writing (千 for 仟, a missing 零 or 整), is a classic review finding. This module writes the
//! standard form, reads written forms back (accepting the traditional characters the rule
//! says must be accepted), and reports each departure from the rule as a structured finding.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

use super::amount::Amount;
use super::error::MoneyError;
use crate::domain::{Lang, Localize};

/// The standard uppercase digits 零壹贰叁肆伍陆柒捌玖.
const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// 10^16 yuan in fen: the first amount that cannot be written (beyond 仟万亿).
const LIMIT_FEN: u64 = 1_000_000_000_000_000_000;

/// Options for writing uppercase amounts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WordsStyle {
    /// Write 整 after 角 when there is no 分 (《会计基础工作规范》 第五十二条). The banking
    /// rule makes it optional and its own examples omit it (1409.50 → 壹仟肆佰零玖元伍角), so
    /// the default is `false`. Writing it satisfies both rules.
    pub zheng_after_jiao: bool,
}

/// One departure from the standard in a written uppercase amount.
///
/// Serialized with its stable [`code`](WordsFinding::code) as the `code` tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum WordsFinding {
    /// A character the rule forbids (一 for 壹, 千 for 仟, 毛 for 角, 另 or 0 for 零…).
    #[serde(rename = "words.nonstandard-numeral")]
    NonStandardNumeral {
        /// 1-based position of the character in the text as given.
        position: usize,
        /// The character found.
        found: String,
        /// The standard writing.
        standard: String,
    },
    /// The words say a different amount than the figure.
    #[serde(rename = "words.mismatch")]
    Mismatch {
        /// What the words say.
        written: Amount,
        /// The figure, rounded to the fen.
        figure: Amount,
    },
    /// The text ends in 元 without 整 (or 正) (rule 一).
    #[serde(rename = "words.missing-zheng")]
    MissingZheng,
    /// 整 (or 正) after 分, which the rule forbids (rule 一).
    #[serde(rename = "words.zheng-after-fen")]
    ZhengAfterFen,
    /// A 零 is required before the character at `position` (rules 三.1, 三.2 and 三.4).
    #[serde(rename = "words.missing-zero")]
    MissingZero {
        /// 1-based position of the character before which 零 is missing.
        position: usize,
    },
    /// 拾 without a leading 壹 (拾万 for 壹拾万); 壹拾 is the convention against alteration.
    #[serde(rename = "words.missing-leading-one")]
    MissingLeadingOne {
        /// 1-based position of the 拾.
        position: usize,
    },
    /// The value is readable and right, but the form is none of the allowed ones.
    #[serde(rename = "words.not-standard-form")]
    NotStandardForm {
        /// The standard writing of the value.
        expected: String,
    },
}

impl WordsFinding {
    /// The stable machine-readable code, e.g. `words.nonstandard-numeral`.
    pub fn code(&self) -> &'static str {
        match self {
            WordsFinding::NonStandardNumeral { .. } => "words.nonstandard-numeral",
            WordsFinding::Mismatch { .. } => "words.mismatch",
            WordsFinding::MissingZheng => "words.missing-zheng",
            WordsFinding::ZhengAfterFen => "words.zheng-after-fen",
            WordsFinding::MissingZero { .. } => "words.missing-zero",
            WordsFinding::MissingLeadingOne { .. } => "words.missing-leading-one",
            WordsFinding::NotStandardForm { .. } => "words.not-standard-form",
        }
    }
}

impl Localize for WordsFinding {
    fn localize(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            WordsFinding::NonStandardNumeral {
                position,
                found,
                standard,
            } => {
                if zh {
                    format!("第 {position} 个字符“{found}”不是规范的大写写法，应写“{standard}”")
                } else {
                    format!(
                        "character {position}, '{found}', is not a standard uppercase numeral; write '{standard}'"
                    )
                }
            }
            WordsFinding::Mismatch { written, figure } => {
                if zh {
                    format!(
                        "大写金额为 {}，与小写金额 {} 不符",
                        written.format_yuan(),
                        figure.format_yuan()
                    )
                } else {
                    format!(
                        "the words say {} but the figure is {}",
                        written.format_yuan(),
                        figure.format_yuan()
                    )
                }
            }
            WordsFinding::MissingZheng => lang.pick(
                "金额到“元”为止，“元”后应写“整”（或“正”）字".to_string(),
                "the amount ends at 元, which must be followed by 整 (or 正)".to_string(),
            ),
            WordsFinding::ZhengAfterFen => lang.pick(
                "有“分”的金额，“分”后不写“整”（或“正”）字".to_string(),
                "no 整 (or 正) may follow 分".to_string(),
            ),
            WordsFinding::MissingZero { position } => {
                if zh {
                    format!("第 {position} 个字符前应写“零”字")
                } else {
                    format!("a 零 is required before character {position}")
                }
            }
            WordsFinding::MissingLeadingOne { position } => {
                if zh {
                    format!("第 {position} 个字符“拾”前应写“壹”（壹拾），以防涂改")
                } else {
                    format!(
                        "write 壹 before the 拾 at character {position} (壹拾), by convention against alteration"
                    )
                }
            }
            WordsFinding::NotStandardForm { expected } => {
                if zh {
                    format!("数额正确，但写法不规范，应写作“{expected}”")
                } else {
                    format!("the value is right but the form is not standard; write '{expected}'")
                }
            }
        }
    }
}

/// What a written uppercase amount says, and how it departs from the standard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordsReading {
    /// The amount the text states.
    pub amount: Amount,
    /// Every departure from the standard, in order of position (structural findings last).
    pub findings: Vec<WordsFinding>,
    /// The text with standard numerals (人民币 and whitespace removed, variants replaced).
    pub normalized: String,
}

impl Localize for WordsReading {
    fn localize(&self, lang: Lang) -> String {
        let mut out = if lang == Lang::Zh {
            format!("“{}”读作 {}", self.normalized, self.amount.format_yuan())
        } else {
            format!(
                "'{}' reads as {}",
                self.normalized,
                self.amount.format_yuan()
            )
        };
        push_findings(&mut out, &self.findings, lang);
        out
    }
}

/// A written uppercase amount checked against a figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordsCheck {
    /// The figure, rounded to the fen.
    pub figure: Amount,
    /// The standard writing of the figure (empty if the figure cannot be written).
    pub expected: String,
    /// Other writings the rule allows (optional 零 by rule 三.3, 整 after 角, 正 for 整).
    pub alternatives: Vec<String>,
    /// The text as given.
    pub written: String,
    /// What the text says, if it could be read.
    pub read: Option<Amount>,
    /// Whether the text says the figure.
    pub matches: bool,
    /// Every departure from the standard, a mismatch first.
    pub findings: Vec<WordsFinding>,
    /// Why the text (or the figure) could not be handled at all.
    pub error: Option<MoneyError>,
}

impl WordsCheck {
    /// Whether the text says the figure and follows the standard.
    pub fn is_clean(&self) -> bool {
        self.matches && self.findings.is_empty() && self.error.is_none()
    }
}

impl Localize for WordsCheck {
    fn localize(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let mut out = if let Some(e) = &self.error {
            if zh {
                format!("无法核对大写金额：{}", e.localize(lang))
            } else {
                format!("cannot check the amount in words: {}", e.localize(lang))
            }
        } else if self.is_clean() {
            if zh {
                format!(
                    "大写金额“{}”与小写金额 {} 一致，写法规范",
                    self.written,
                    self.figure.format_yuan()
                )
            } else {
                format!(
                    "'{}' matches the figure {} and is written to the standard",
                    self.written,
                    self.figure.format_yuan()
                )
            }
        } else if zh {
            format!(
                "大写金额“{}”与小写金额 {}：{}；规范写法为“{}”",
                self.written,
                self.figure.format_yuan(),
                if self.matches {
                    "数额一致"
                } else {
                    "数额不符"
                },
                self.expected
            )
        } else {
            format!(
                "'{}' against the figure {}: {}; the standard writing is '{}'",
                self.written,
                self.figure.format_yuan(),
                if self.matches {
                    "the value matches"
                } else {
                    "the value does NOT match"
                },
                self.expected
            )
        };
        push_findings(&mut out, &self.findings, lang);
        out
    }
}

fn push_findings(out: &mut String, findings: &[WordsFinding], lang: Lang) {
    for f in findings {
        out.push_str(lang.pick("\n- ", "\n- "));
        out.push_str(&f.localize(lang));
    }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

/// The standard uppercase numeral for a digit 0–9.
fn digit_char(d: u64) -> char {
    usize::try_from(d)
        .ok()
        .and_then(|i| DIGITS.get(i))
        .copied()
        .unwrap_or('零')
}

/// Decimal digit `p` (0 = units) of `n`.
fn digit(n: u64, p: u32) -> u64 {
    (n / 10u64.pow(p)) % 10
}

/// The places where rule 三.3 lets the writer choose whether to write 零.
struct Choices {
    /// Bit k set: write 零 at the k-th optional section boundary (counted from the top).
    boundary_mask: u32,
    /// Write 零 between 元 and 角 when the units digit is 0.
    zero_after_yuan: bool,
    /// Write 整 after a final 角.
    zheng_after_jiao: bool,
    /// The character for 整 (整 or 正).
    zheng: char,
}

/// Writes the integer part (`n < 10^16`) and returns it with the number of optional 零 places.
///
/// One 零 stands for any run of zeros inside the number. Where a section marker (万, 亿) was
/// just written, its own units digit is 0 and the next section's thousands digit is not
/// (107000 → 壹拾万柒仟), the 零 is optional (rule 三.3); the default omits it.
fn integer_words(n: u64, mask: u32) -> (String, u32) {
    let mut out = String::new();
    let mut started = false;
    let mut zero_pending = false;
    let mut spots = 0u32;
    for p in (0..16u32).rev() {
        let d = digit(n, p);
        if d == 0 {
            if started {
                zero_pending = true;
            }
        } else {
            if zero_pending {
                out.push('零');
                zero_pending = false;
            }
            out.push(digit_char(d));
            match p % 4 {
                1 => out.push('拾'),
                2 => out.push('佰'),
                3 => out.push('仟'),
                _ => {}
            }
            started = true;
        }
        let marker = match p {
            4 | 12 => (!(n / 10u64.pow(p)).is_multiple_of(10_000)).then_some('万'),
            8 => (n / 100_000_000 != 0).then_some('亿'),
            _ => None,
        };
        if let Some(m) = marker {
            out.push(m);
            zero_pending = false;
            if d == 0 && p > 0 && digit(n, p - 1) != 0 {
                if mask & (1 << spots) != 0 {
                    out.push('零');
                }
                spots += 1;
            }
        }
    }
    (out, spots)
}

/// Writes `fen` (< 10^18) with the given choices.
fn words_with_choices(fen: u64, c: &Choices) -> (String, u32) {
    let yuan = fen / 100;
    let jiao = (fen / 10) % 10;
    let fen_digit = fen % 10;
    let mut out = String::new();
    let mut spots = 0;
    if yuan == 0 && jiao == 0 && fen_digit == 0 {
        out.push_str("零元");
        out.push(c.zheng);
        return (out, 0);
    }
    if yuan > 0 {
        let (int, s) = integer_words(yuan, c.boundary_mask);
        spots = s;
        out.push_str(&int);
        out.push('元');
        if jiao == 0 && fen_digit == 0 {
            out.push(c.zheng);
            return (out, spots);
        }
        if jiao == 0 || (yuan.is_multiple_of(10) && c.zero_after_yuan) {
            out.push('零');
        }
    }
    if jiao != 0 {
        out.push(digit_char(jiao));
        out.push('角');
    }
    if fen_digit != 0 {
        out.push(digit_char(fen_digit));
        out.push('分');
    } else if c.zheng_after_jiao {
        out.push(c.zheng);
    }
    (out, spots)
}

/// The amount in whole fen, checking sign and range.
fn to_fen(amount: Amount) -> Result<u64, MoneyError> {
    let rounded = amount.round_fen();
    if rounded.is_negative() {
        return Err(MoneyError::Negative {
            input: amount.format(),
        });
    }
    rounded
        .yuan()
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|d| d.to_u64())
        .filter(|&f| f < LIMIT_FEN)
        .ok_or_else(|| MoneyError::WordsTooLarge {
            input: amount.format(),
        })
}

/// All allowed writings of `fen`; the first is the standard one in `style`.
fn allowed_forms(fen: u64, style: WordsStyle) -> Vec<String> {
    let standard = Choices {
        boundary_mask: 0,
        zero_after_yuan: true,
        zheng_after_jiao: style.zheng_after_jiao,
        zheng: '整',
    };
    let (first, spots) = words_with_choices(fen, &standard);
    let mut forms = vec![first];
    for zheng in ['整', '正'] {
        for zheng_after_jiao in [style.zheng_after_jiao, !style.zheng_after_jiao] {
            for zero_after_yuan in [true, false] {
                for mask in 0..(1u32 << spots.min(8)) {
                    let (f, _) = words_with_choices(
                        fen,
                        &Choices {
                            boundary_mask: mask,
                            zero_after_yuan,
                            zheng_after_jiao,
                            zheng,
                        },
                    );
                    if !forms.contains(&f) {
                        forms.push(f);
                    }
                }
            }
        }
    }
    forms
}

/// Writes an amount in uppercase (大写金额), default style, after rounding half-up to the fen.
///
/// # Errors
/// [`MoneyError::Negative`] for a negative amount, [`MoneyError::WordsTooLarge`] for 10^16
/// yuan or more.
///
/// # Example
/// ```
/// use lvyue::domain::money::{to_words, Amount, MoneyError};
///
/// assert_eq!(to_words("1350000".parse()?)?, "壹佰叁拾伍万元整");
/// assert_eq!(to_words("1680.32".parse()?)?, "壹仟陆佰捌拾元零叁角贰分");
/// assert_eq!(to_words("107000.53".parse()?)?, "壹拾万柒仟元零伍角叁分");
/// assert_eq!(to_words("0.05".parse()?)?, "伍分");
/// # Ok::<(), MoneyError>(())
/// ```
pub fn to_words(amount: Amount) -> Result<String, MoneyError> {
    to_words_with(amount, WordsStyle::default())
}

/// Writes an amount in uppercase in the given style, after rounding half-up to the fen.
///
/// # Errors
/// As [`to_words`].
///
/// # Example
/// ```
/// use lvyue::domain::money::{to_words_with, Amount, MoneyError, WordsStyle};
///
/// let style = WordsStyle { zheng_after_jiao: true };
/// assert_eq!(to_words_with("1409.50".parse()?, style)?, "壹仟肆佰零玖元伍角整");
/// # Ok::<(), MoneyError>(())
/// ```
pub fn to_words_with(amount: Amount, style: WordsStyle) -> Result<String, MoneyError> {
    let fen = to_fen(amount)?;
    Ok(words_with_choices(
        fen,
        &Choices {
            boundary_mask: 0,
            zero_after_yuan: true,
            zheng_after_jiao: style.zheng_after_jiao,
            zheng: '整',
        },
    )
    .0)
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/// What one character means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sym {
    Digit(u64),
    Zero,
    Unit(u64),
    Wan,
    Yi,
    Yuan,
    Jiao,
    Fen,
    Zheng,
}

/// One meaningful piece of the text.
#[derive(Clone, Copy, Debug)]
struct Item {
    pos: usize,
    raw: char,
    sym: Sym,
    /// The standard character for it.
    canon: char,
}

/// Classifies a character: its meanings (廿 is two), and whether it is forbidden by the rule.
/// Traditional forms the rule accepts (圆, 貳, 陸, 萬, 億…) and 正 count as standard.
fn classify(c: char) -> Option<(&'static [(Sym, char)], bool)> {
    use Sym::*;
    const D: [[(Sym, char); 1]; 10] = [
        [(Zero, '零')],
        [(Digit(1), '壹')],
        [(Digit(2), '贰')],
        [(Digit(3), '叁')],
        [(Digit(4), '肆')],
        [(Digit(5), '伍')],
        [(Digit(6), '陆')],
        [(Digit(7), '柒')],
        [(Digit(8), '捌')],
        [(Digit(9), '玖')],
    ];
    let std_digit = |d: usize| -> &'static [(Sym, char)] {
        match D.get(d) {
            Some(x) => x,
            None => &[],
        }
    };
    let r: (&'static [(Sym, char)], bool) = match c {
        '零' => (std_digit(0), false),
        '壹' => (std_digit(1), false),
        '贰' | '貳' | '貮' => (std_digit(2), false),
        '叁' | '參' | '叄' | '参' => (std_digit(3), false),
        '肆' => (std_digit(4), false),
        '伍' => (std_digit(5), false),
        '陆' | '陸' => (std_digit(6), false),
        '柒' => (std_digit(7), false),
        '捌' => (std_digit(8), false),
        '玖' => (std_digit(9), false),
        '〇' | '另' | '0' | '０' => (std_digit(0), true),
        '一' | '1' | '１' => (std_digit(1), true),
        '二' | '两' | '兩' | '2' | '２' => (std_digit(2), true),
        '三' | '3' | '３' => (std_digit(3), true),
        '四' | '4' | '４' => (std_digit(4), true),
        '五' | '5' | '５' => (std_digit(5), true),
        '六' | '6' | '６' => (std_digit(6), true),
        '七' | '7' | '７' => (std_digit(7), true),
        '八' | '8' | '８' => (std_digit(8), true),
        '九' | '9' | '９' => (std_digit(9), true),
        '拾' => (&[(Unit(10), '拾')], false),
        '佰' => (&[(Unit(100), '佰')], false),
        '仟' => (&[(Unit(1000), '仟')], false),
        '十' => (&[(Unit(10), '拾')], true),
        '百' => (&[(Unit(100), '佰')], true),
        '千' => (&[(Unit(1000), '仟')], true),
        '廿' => (&[(Digit(2), '贰'), (Unit(10), '拾')], true),
        '卅' => (&[(Digit(3), '叁'), (Unit(10), '拾')], true),
        '万' | '萬' => (&[(Wan, '万')], false),
        '亿' | '億' => (&[(Yi, '亿')], false),
        '元' | '圆' | '圓' => (&[(Yuan, '元')], false),
        '块' | '塊' => (&[(Yuan, '元')], true),
        '角' => (&[(Jiao, '角')], false),
        '毛' => (&[(Jiao, '角')], true),
        '分' => (&[(Fen, '分')], false),
        '整' => (&[(Zheng, '整')], false),
        '正' => (&[(Zheng, '正')], false),
        _ => return None,
    };
    Some(r)
}

/// Reads written uppercase text into an amount, noting every departure from the standard.
///
/// A leading 人民币 and all whitespace are ignored. Traditional forms the rule says must be
/// accepted (圆, 貳, 陸, 萬, 億…) and 正 for 整 give no finding. Forbidden characters
/// (一…九, 十百千, 两, 廿, 毛, 另, 〇, arabic digits) are read, and reported as
/// [`WordsFinding::NonStandardNumeral`]. A numeral without a unit at the end of the integer
/// part is the units digit (壹仟肆佰玖元 is 1409, with a missing 零 reported).
///
/// # Errors
/// [`MoneyError::WordsEmpty`], [`MoneyError::WordsInvalidChar`] (a character that is not an
/// uppercase numeral or unit), [`MoneyError::WordsUnexpected`] (a character out of place),
/// [`MoneyError::WordsIncomplete`] (e.g. no 元/角/分 after a numeral); each names the input and,
/// where it applies, the 1-based character position.
///
/// # Example
/// ```
/// use lvyue::domain::money::{read_words, Amount, MoneyError, WordsFinding};
///
/// let r = read_words("人民币壹万陆仟肆佰零玖元零贰分")?;
/// assert_eq!(r.amount, "16409.02".parse::<Amount>()?);
/// assert!(r.findings.is_empty());
///
/// let r = read_words("肆拾万伍千元整")?;
/// assert_eq!(r.amount, "405000".parse::<Amount>()?);
/// assert_eq!(r.normalized, "肆拾万伍仟元整");
/// assert!(matches!(r.findings[..], [WordsFinding::NonStandardNumeral { position: 5, .. }]));
/// # Ok::<(), MoneyError>(())
/// ```
pub fn read_words(text: &str) -> Result<WordsReading, MoneyError> {
    let err_input = || text.to_string();
    // Characters with positions, whitespace dropped, leading 人民币 stripped.
    let mut chars: Vec<(usize, char)> = text
        .chars()
        .enumerate()
        .map(|(i, c)| (i + 1, c))
        .filter(|&(_, c)| !c.is_whitespace())
        .collect();
    for prefix in ["人民币", "人民幣"] {
        let p: Vec<char> = prefix.chars().collect();
        if chars.len() >= p.len() && chars.iter().zip(&p).all(|(&(_, a), &b)| a == b) {
            chars.drain(..p.len());
            break;
        }
    }
    if chars.is_empty() {
        return Err(MoneyError::WordsEmpty { input: err_input() });
    }
    let mut items: Vec<Item> = Vec::new();
    let mut findings: Vec<WordsFinding> = Vec::new();
    for &(pos, c) in &chars {
        let Some((syms, nonstandard)) = classify(c) else {
            return Err(MoneyError::WordsInvalidChar {
                input: err_input(),
                found: c,
                position: pos,
            });
        };
        if nonstandard {
            findings.push(WordsFinding::NonStandardNumeral {
                position: pos,
                found: c.to_string(),
                standard: syms.iter().map(|&(_, s)| s).collect(),
            });
        }
        for &(sym, canon) in syms {
            items.push(Item {
                pos,
                raw: c,
                sym,
                canon,
            });
        }
    }
    let normalized: String = items.iter().map(|i| i.canon).collect();

    let parsed = parse_items(&items, text)?;
    let fen = parsed.fen;
    if parsed.missing_zheng {
        findings.push(WordsFinding::MissingZheng);
    }
    if parsed.zheng_after_fen {
        findings.push(WordsFinding::ZhengAfterFen);
    }
    for &k in &parsed.missing_one {
        if let Some(it) = items.get(k) {
            findings.push(WordsFinding::MissingLeadingOne { position: it.pos });
        }
    }

    // Compare the text, with the findings above repaired, against the allowed forms.
    let mut cmp: Vec<(char, Option<usize>)> = Vec::new();
    for (k, it) in items.iter().enumerate() {
        if parsed.missing_one.contains(&k) {
            cmp.push(('壹', None));
        }
        let c = if it.canon == '正' { '整' } else { it.canon };
        if parsed.zheng_after_fen && it.sym == Sym::Zheng {
            continue;
        }
        cmp.push((c, Some(it.pos)));
    }
    if parsed.missing_zheng {
        cmp.push(('整', None));
    }
    let end_pos = chars.last().map_or(1, |&(p, _)| p + 1);
    let forms = allowed_forms(fen, WordsStyle::default());
    let canon_forms: Vec<Vec<char>> = forms
        .iter()
        .map(|f| {
            f.chars()
                .map(|c| if c == '正' { '整' } else { c })
                .collect()
        })
        .collect();
    let cmp_chars: Vec<char> = cmp.iter().map(|&(c, _)| c).collect();
    if !canon_forms.contains(&cmp_chars) {
        let best = canon_forms
            .iter()
            .filter_map(|f| missing_zeros(&cmp, f, end_pos))
            .min_by_key(|m| m.len());
        match best {
            Some(missing) => {
                for position in missing {
                    findings.push(WordsFinding::MissingZero { position });
                }
            }
            None => findings.push(WordsFinding::NotStandardForm {
                expected: forms.first().cloned().unwrap_or_default(),
            }),
        }
    }
    let amount = i64::try_from(fen)
        .map(Amount::from_fen)
        .map_err(|_| MoneyError::WordsTooLarge { input: err_input() })?;
    Ok(WordsReading {
        amount,
        findings,
        normalized,
    })
}

/// If `form` is `text` with some 零 inserted (and nothing else), the positions before which
/// they go.
fn missing_zeros(
    text: &[(char, Option<usize>)],
    form: &[char],
    end_pos: usize,
) -> Option<Vec<usize>> {
    let pos_at = |i: usize| -> usize {
        text.get(i..)
            .and_then(|rest| rest.iter().find_map(|&(_, p)| p))
            .unwrap_or(end_pos)
    };
    let mut missing = Vec::new();
    let mut i = 0;
    for &f in form {
        match text.get(i) {
            Some(&(c, _)) if c == f => i += 1,
            _ if f == '零' => missing.push(pos_at(i)),
            _ => return None,
        }
    }
    (i == text.len()).then_some(missing)
}

/// The value and structural observations of a tokenised text.
struct Parsed {
    fen: u64,
    missing_zheng: bool,
    zheng_after_fen: bool,
    /// Indices of items that are a 拾 lacking its 壹.
    missing_one: Vec<usize>,
}

/// Reads the value from the items, checking the order of numerals and units.
fn parse_items(items: &[Item], input: &str) -> Result<Parsed, MoneyError> {
    let unexpected = |it: &Item| MoneyError::WordsUnexpected {
        input: input.to_string(),
        found: it.raw,
        position: it.pos,
    };
    let incomplete = || MoneyError::WordsIncomplete {
        input: input.to_string(),
    };
    // Integer part.
    let mut yi_part: u64 = 0;
    let mut wan_part: u64 = 0;
    let mut small: u64 = 0;
    let mut pending: Option<u64> = None;
    let mut last_unit = u64::MAX;
    let mut seen_yi = false;
    let mut seen_wan = false;
    let mut int_any = false;
    let mut int_zero = false;
    let mut missing_one = Vec::new();
    let mut k = 0;
    let mut integer: Option<u64> = None;
    while let Some(it) = items.get(k) {
        match it.sym {
            Sym::Digit(d) => {
                if pending.is_some() {
                    return Err(unexpected(it));
                }
                pending = Some(d);
                int_any = true;
            }
            Sym::Zero => {
                if pending.is_some() {
                    return Err(unexpected(it));
                }
                int_any = true;
                int_zero = true;
            }
            Sym::Unit(u) => {
                let d = match pending {
                    Some(d) => d,
                    None if u == 10 => {
                        missing_one.push(k);
                        1
                    }
                    None => return Err(unexpected(it)),
                };
                if u >= last_unit {
                    return Err(unexpected(it));
                }
                small += d * u;
                last_unit = u;
                pending = None;
                int_any = true;
            }
            Sym::Wan => {
                let s = small + pending.unwrap_or(0);
                if s == 0 || seen_wan {
                    return Err(unexpected(it));
                }
                wan_part = s * 10_000;
                small = 0;
                pending = None;
                last_unit = u64::MAX;
                seen_wan = true;
            }
            Sym::Yi => {
                let s = wan_part + small + pending.unwrap_or(0);
                if s == 0 || seen_yi {
                    return Err(unexpected(it));
                }
                yi_part = s * 100_000_000;
                wan_part = 0;
                small = 0;
                pending = None;
                last_unit = u64::MAX;
                seen_wan = false;
                seen_yi = true;
            }
            Sym::Yuan => {
                if !int_any {
                    return Err(unexpected(it));
                }
                integer = Some(yi_part + wan_part + small + pending.unwrap_or(0));
                pending = None;
                k += 1;
                break;
            }
            Sym::Jiao | Sym::Fen => {
                // Only a bare numeral may precede 角/分 without 元 (伍角, 伍分).
                let bare = yi_part == 0 && wan_part == 0 && small == 0 && !int_zero;
                if !(bare && pending.is_some()) {
                    return Err(unexpected(it));
                }
                integer = Some(0);
                break;
            }
            Sym::Zheng => return Err(unexpected(it)),
        }
        k += 1;
    }
    let Some(integer) = integer else {
        return Err(incomplete());
    };
    let seen_yuan = items
        .get(..k)
        .is_some_and(|s| s.iter().any(|i| i.sym == Sym::Yuan));
    // Fraction part.
    let mut jiao: Option<u64> = None;
    let mut fen: Option<u64> = None;
    let mut zheng = false;
    let mut zheng_after_fen = false;
    while let Some(it) = items.get(k) {
        if zheng {
            return Err(unexpected(it));
        }
        match it.sym {
            Sym::Digit(d) => {
                if pending.is_some() {
                    return Err(unexpected(it));
                }
                pending = Some(d);
            }
            Sym::Zero => {
                if pending.is_some() || fen.is_some() {
                    return Err(unexpected(it));
                }
            }
            Sym::Jiao => match pending.take() {
                Some(d) if jiao.is_none() && fen.is_none() => jiao = Some(d),
                _ => return Err(unexpected(it)),
            },
            Sym::Fen => match pending.take() {
                Some(d) if fen.is_none() => fen = Some(d),
                _ => return Err(unexpected(it)),
            },
            Sym::Zheng => {
                if pending.is_some() || (!seen_yuan && jiao.is_none() && fen.is_none()) {
                    return Err(unexpected(it));
                }
                zheng = true;
                zheng_after_fen = fen.is_some();
            }
            _ => return Err(unexpected(it)),
        }
        k += 1;
    }
    if pending.is_some() {
        return Err(incomplete());
    }
    let missing_zheng = seen_yuan && jiao.is_none() && fen.is_none() && !zheng;
    let total = integer
        .checked_mul(100)
        .and_then(|v| v.checked_add(jiao.unwrap_or(0) * 10 + fen.unwrap_or(0)))
        .filter(|&v| v < LIMIT_FEN)
        .ok_or_else(|| MoneyError::WordsTooLarge {
            input: input.to_string(),
        })?;
    Ok(Parsed {
        fen: total,
        missing_zheng,
        zheng_after_fen,
        missing_one,
    })
}

/// Checks a written uppercase amount against a figure.
///
/// The figure is rounded half-up to the fen. The text is read with [`read_words`]; the check
/// lists the standard writing, the other writings the rule allows, and every finding, with
/// [`WordsFinding::Mismatch`] first when the values differ.
///
/// # Errors
/// None returned: a text that cannot be read (the [`read_words`] errors), or a figure that
/// cannot be written (negative, or 10^16 yuan or more), is reported in [`WordsCheck::error`],
/// with `matches` false.
///
/// # Example
/// ```
/// use lvyue::domain::money::{check_words, WordsFinding};
///
/// use lvyue::domain::money::MoneyError;
///
/// let c = check_words("1350000".parse()?, "人民币壹佰叁拾伍万元整");
/// assert!(c.is_clean());
///
/// let c = check_words("405000".parse()?, "肆拾万伍千元整");
/// assert!(c.matches);
/// assert_eq!(c.findings.len(), 1);
///
/// let c = check_words("450000".parse()?, "肆拾万伍仟元整");
/// assert!(!c.matches);
/// assert!(matches!(c.findings.first(), Some(WordsFinding::Mismatch { .. })));
/// # Ok::<(), MoneyError>(())
/// ```
pub fn check_words(figure: Amount, text: &str) -> WordsCheck {
    let figure = figure.round_fen();
    let written = text.to_string();
    let (expected, alternatives, figure_error) = match to_fen(figure) {
        Ok(fen) => {
            let mut forms = allowed_forms(fen, WordsStyle::default());
            let expected = if forms.is_empty() {
                String::new()
            } else {
                forms.remove(0)
            };
            (expected, forms, None)
        }
        Err(e) => (String::new(), Vec::new(), Some(e)),
    };
    match read_words(text) {
        Ok(reading) => {
            let matches = figure_error.is_none() && reading.amount == figure;
            let mut findings = Vec::new();
            if !matches && figure_error.is_none() {
                findings.push(WordsFinding::Mismatch {
                    written: reading.amount,
                    figure,
                });
            }
            findings.extend(reading.findings);
            WordsCheck {
                figure,
                expected,
                alternatives,
                written,
                read: Some(reading.amount),
                matches,
                findings,
                error: figure_error,
            }
        }
        Err(e) => WordsCheck {
            figure,
            expected,
            alternatives,
            written,
            read: None,
            matches: false,
            findings: Vec::new(),
            error: Some(figure_error.unwrap_or(e)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_zero_places() {
        // 107000.53: one optional 零 at the 万 boundary, one between 元 and 角.
        let forms = allowed_forms(10_700_053, WordsStyle::default());
        assert_eq!(
            forms,
            vec![
                "壹拾万柒仟元零伍角叁分",
                "壹拾万零柒仟元零伍角叁分",
                "壹拾万柒仟元伍角叁分",
                "壹拾万零柒仟元伍角叁分",
            ]
        );
        // No optional places: 整/正 only.
        assert_eq!(
            allowed_forms(98_000_000, WordsStyle::default()),
            vec!["玖拾捌万元整", "玖拾捌万元正"]
        );
        assert_eq!(integer_words(107_000, 0), ("壹拾万柒仟".to_string(), 1));
        assert_eq!(integer_words(100_500, 0), ("壹拾万零伍佰".to_string(), 0));
        assert_eq!(integer_words(100_001_000, 0), ("壹亿零壹仟".to_string(), 0));
    }

    #[test]
    fn missing_zero_positions() {
        let text: Vec<(char, Option<usize>)> = "壹仟肆佰玖元"
            .chars()
            .zip(1..)
            .map(|(c, p)| (c, Some(p)))
            .collect();
        let form: Vec<char> = "壹仟肆佰零玖元".chars().collect();
        assert_eq!(missing_zeros(&text, &form, 7), Some(vec![5]));
        let form: Vec<char> = "壹仟肆佰零玖元整".chars().collect();
        assert_eq!(missing_zeros(&text, &form, 7), None);
    }
}
