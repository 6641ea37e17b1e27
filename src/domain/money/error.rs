//! Errors of the money module.
//!
//! Every way a money input can be wrong is one variant here. Each variant carries the input as
//! the user typed it (so the message can quote it) and, where the problem sits at one place,
//! the 1-based position in characters. Text is rendered on demand in either language.

use serde::Serialize;

use crate::domain::quote::shown;
use crate::domain::{Lang, Localize};

/// Why an amount, a rate or an uppercase amount could not be read or computed.
///
/// Serialized with a stable `code` tag (e.g. `{"code":"money.invalid-char",...}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code")]
pub enum MoneyError {
    /// The amount is empty (or only spaces).
    #[serde(rename = "money.empty")]
    Empty {
        /// The input as given.
        input: String,
    },
    /// A character that has no place in an amount.
    #[serde(rename = "money.invalid-char")]
    InvalidChar {
        /// The input as given.
        input: String,
        /// The offending character.
        found: char,
        /// Its 1-based position in characters.
        position: usize,
    },
    /// A second decimal point.
    #[serde(rename = "money.multiple-decimal-points")]
    MultipleDecimalPoints {
        /// The input as given.
        input: String,
        /// 1-based position of the second point.
        position: usize,
    },
    /// A thousands separator that does not group by three, or sits after the decimal point.
    #[serde(rename = "money.misplaced-separator")]
    MisplacedSeparator {
        /// The input as given.
        input: String,
        /// 1-based position of the separator.
        position: usize,
    },
    /// A currency sign or unit without any digits.
    #[serde(rename = "money.no-digits")]
    NoDigits {
        /// The input as given.
        input: String,
    },
    /// The amount does not fit (about 7.9 × 10^28 is the limit of exact arithmetic).
    #[serde(rename = "money.too-large")]
    TooLarge {
        /// The input as given.
        input: String,
    },
    /// More decimal places than exact arithmetic holds (28).
    #[serde(rename = "money.too-precise")]
    TooPrecise {
        /// The input as given.
        input: String,
    },
    /// An amount to be paid or split with digits below the fen (¥100.005), or beyond what is
    /// computed exactly to the fen ([`super::Amount::MAX_FEN`]).
    #[serde(rename = "money.not-fen")]
    NotFen {
        /// The amount, formatted.
        input: String,
    },
    /// A negative amount where only zero or more makes sense.
    #[serde(rename = "money.negative")]
    Negative {
        /// The amount, formatted.
        input: String,
    },
    /// The rate is empty.
    #[serde(rename = "rate.empty")]
    RateEmpty {
        /// The input as given.
        input: String,
    },
    /// The text is not a rate.
    #[serde(rename = "rate.invalid")]
    NotARate {
        /// The input as given.
        input: String,
        /// 1-based position of the first character that could not be read, when known.
        position: Option<usize>,
    },
    /// A negative rate.
    #[serde(rename = "rate.negative")]
    NegativeRate {
        /// The input as given.
        input: String,
    },
    /// A VAT rate of 100 % or more, almost always a percentage typed as a fraction's numerator.
    #[serde(rename = "vat.rate-too-high")]
    VatRateTooHigh {
        /// The rate, formatted as a percentage (e.g. `600%`).
        input: String,
        /// The rate divided by 100, formatted (e.g. `6%`).
        suggestion: String,
    },
    /// The text is not a number (a factor such as `1.5`).
    #[serde(rename = "factor.invalid")]
    NotAFactor {
        /// The input as given.
        input: String,
    },
    /// The uppercase text is empty.
    #[serde(rename = "words.empty")]
    WordsEmpty {
        /// The input as given.
        input: String,
    },
    /// A character that is neither an uppercase numeral, a unit, nor a recognised variant.
    #[serde(rename = "words.invalid-char")]
    WordsInvalidChar {
        /// The input as given.
        input: String,
        /// The offending character.
        found: char,
        /// Its 1-based position in characters.
        position: usize,
    },
    /// A known character in a place where it makes no sense (e.g. 佰 after 拾, 角 twice).
    #[serde(rename = "words.unexpected")]
    WordsUnexpected {
        /// The input as given.
        input: String,
        /// The offending character.
        found: char,
        /// Its 1-based position in characters.
        position: usize,
    },
    /// The text stops before the amount is complete (a numeral without 元/角/分).
    #[serde(rename = "words.incomplete")]
    WordsIncomplete {
        /// The input as given.
        input: String,
    },
    /// The amount is 10^16 yuan or more: beyond what uppercase writing (up to 仟万亿) covers.
    #[serde(rename = "words.too-large")]
    WordsTooLarge {
        /// The amount, formatted.
        input: String,
    },
}

impl MoneyError {
    /// The stable machine-readable code, e.g. `money.invalid-char`.
    pub fn code(&self) -> &'static str {
        match self {
            MoneyError::Empty { .. } => "money.empty",
            MoneyError::InvalidChar { .. } => "money.invalid-char",
            MoneyError::MultipleDecimalPoints { .. } => "money.multiple-decimal-points",
            MoneyError::MisplacedSeparator { .. } => "money.misplaced-separator",
            MoneyError::NoDigits { .. } => "money.no-digits",
            MoneyError::TooLarge { .. } => "money.too-large",
            MoneyError::TooPrecise { .. } => "money.too-precise",
            MoneyError::NotFen { .. } => "money.not-fen",
            MoneyError::Negative { .. } => "money.negative",
            MoneyError::RateEmpty { .. } => "rate.empty",
            MoneyError::NotARate { .. } => "rate.invalid",
            MoneyError::NegativeRate { .. } => "rate.negative",
            MoneyError::VatRateTooHigh { .. } => "vat.rate-too-high",
            MoneyError::NotAFactor { .. } => "factor.invalid",
            MoneyError::WordsEmpty { .. } => "words.empty",
            MoneyError::WordsInvalidChar { .. } => "words.invalid-char",
            MoneyError::WordsUnexpected { .. } => "words.unexpected",
            MoneyError::WordsIncomplete { .. } => "words.incomplete",
            MoneyError::WordsTooLarge { .. } => "words.too-large",
        }
    }

    /// The input the error is about, as given.
    pub fn input(&self) -> &str {
        match self {
            MoneyError::Empty { input }
            | MoneyError::InvalidChar { input, .. }
            | MoneyError::MultipleDecimalPoints { input, .. }
            | MoneyError::MisplacedSeparator { input, .. }
            | MoneyError::NoDigits { input }
            | MoneyError::TooLarge { input }
            | MoneyError::TooPrecise { input }
            | MoneyError::NotFen { input }
            | MoneyError::Negative { input }
            | MoneyError::RateEmpty { input }
            | MoneyError::NotARate { input, .. }
            | MoneyError::NegativeRate { input }
            | MoneyError::VatRateTooHigh { input, .. }
            | MoneyError::NotAFactor { input }
            | MoneyError::WordsEmpty { input }
            | MoneyError::WordsInvalidChar { input, .. }
            | MoneyError::WordsUnexpected { input, .. }
            | MoneyError::WordsIncomplete { input }
            | MoneyError::WordsTooLarge { input } => input,
        }
    }

    /// The input, to write it as a message shows it.
    fn input_mut(&mut self) -> &mut String {
        match self {
            MoneyError::Empty { input }
            | MoneyError::InvalidChar { input, .. }
            | MoneyError::MultipleDecimalPoints { input, .. }
            | MoneyError::MisplacedSeparator { input, .. }
            | MoneyError::NoDigits { input }
            | MoneyError::TooLarge { input }
            | MoneyError::TooPrecise { input }
            | MoneyError::NotFen { input }
            | MoneyError::Negative { input }
            | MoneyError::RateEmpty { input }
            | MoneyError::NotARate { input, .. }
            | MoneyError::NegativeRate { input }
            | MoneyError::VatRateTooHigh { input, .. }
            | MoneyError::NotAFactor { input }
            | MoneyError::WordsEmpty { input }
            | MoneyError::WordsInvalidChar { input, .. }
            | MoneyError::WordsUnexpected { input, .. }
            | MoneyError::WordsIncomplete { input }
            | MoneyError::WordsTooLarge { input } => input,
        }
    }

    /// The 1-based character position of the problem, when there is one.
    pub fn position(&self) -> Option<usize> {
        match self {
            MoneyError::InvalidChar { position, .. }
            | MoneyError::MultipleDecimalPoints { position, .. }
            | MoneyError::MisplacedSeparator { position, .. }
            | MoneyError::WordsInvalidChar { position, .. }
            | MoneyError::WordsUnexpected { position, .. } => Some(*position),
            MoneyError::NotARate { position, .. } => *position,
            _ => None,
        }
    }
}

impl Localize for MoneyError {
    /// The message, quoting the input as [`shown`] writes it (shortened, invisible characters
    /// escaped).
    fn localize(&self, lang: Lang) -> String {
        let mut e = self.clone();
        *e.input_mut() = shown(self.input());
        e.render(lang)
    }
}

/// A character as a message shows it (an invisible one escaped).
struct Ch(char);

impl std::fmt::Display for Ch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&shown(&self.0.to_string()))
    }
}

impl MoneyError {
    fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            MoneyError::NotAFactor { input } => {
                if zh {
                    format!("“{input}”不是数字；倍数应写作如 1.5 或 2 的数")
                } else {
                    format!("\"{input}\": not a number; write a factor such as 1.5 or 2")
                }
            }
            MoneyError::Empty { input } => {
                if zh {
                    format!("金额“{input}”为空")
                } else {
                    format!("\"{input}\": the amount is empty")
                }
            }
            MoneyError::InvalidChar {
                input,
                found,
                position,
            } => {
                let found = Ch(*found);
                if zh {
                    format!("金额“{input}”第 {position} 个字符“{found}”无法识别")
                } else {
                    format!("\"{input}\": unexpected character '{found}' at position {position}")
                }
            }
            MoneyError::MultipleDecimalPoints { input, position } => {
                if zh {
                    format!("金额“{input}”有多个小数点（第 {position} 个字符）")
                } else {
                    format!("\"{input}\": more than one decimal point (position {position})")
                }
            }
            MoneyError::MisplacedSeparator { input, position } => {
                if zh {
                    format!("金额“{input}”第 {position} 个字符的千位分隔符位置不对（应每三位一组）")
                } else {
                    format!(
                        "\"{input}\": misplaced thousands separator at position {position} (digits group by three)"
                    )
                }
            }
            MoneyError::NoDigits { input } => {
                if zh {
                    format!("金额“{input}”中没有数字")
                } else {
                    format!("\"{input}\": no digits in the amount")
                }
            }
            MoneyError::TooLarge { input } => {
                if zh {
                    format!("金额“{input}”过大，无法精确计算")
                } else {
                    format!("\"{input}\": the amount is too large to compute exactly")
                }
            }
            MoneyError::TooPrecise { input } => {
                if zh {
                    format!("金额“{input}”小数位过多（最多 28 位）")
                } else {
                    format!("\"{input}\": too many decimal places (at most 28)")
                }
            }
            MoneyError::NotFen { input } => {
                if zh {
                    format!("金额“{input}”须精确到分（不超过两位小数，且不超过约 7.9×10²⁶ 元）")
                } else {
                    format!("\"{input}\": the amount must be in whole fen (at most two decimals, and at most about ¥7.9 × 10^26)")
                }
            }
            MoneyError::Negative { input } => {
                if zh {
                    format!("金额“{input}”为负数，此处不允许")
                } else {
                    format!("\"{input}\": a negative amount is not allowed here")
                }
            }
            MoneyError::RateEmpty { input } => {
                if zh {
                    format!("比率“{input}”为空")
                } else {
                    format!("\"{input}\": the rate is empty")
                }
            }
            MoneyError::NotARate { input, position } => match (zh, position) {
                (true, Some(p)) => format!(
                    "“{input}”不是比率（第 {p} 个字符无法识别）；可写作 0.1%、3‰、万分之五、0.06 等"
                ),
                (true, None) => {
                    format!("“{input}”不是比率；可写作 0.1%、3‰、万分之五、0.06 等")
                }
                (false, Some(p)) => format!(
                    "\"{input}\": not a rate (cannot read position {p}); write e.g. 0.1%, 3‰, 万分之五 or 0.06"
                ),
                (false, None) => format!(
                    "\"{input}\": not a rate; write e.g. 0.1%, 3‰, 万分之五 or 0.06"
                ),
            },
            MoneyError::NegativeRate { input } => {
                if zh {
                    format!("比率“{input}”为负数")
                } else {
                    format!("\"{input}\": a rate cannot be negative")
                }
            }
            MoneyError::VatRateTooHigh { input, suggestion } => {
                if zh {
                    format!("{input}：增值税税率不能达到或超过 100%；是否应为 {suggestion}？")
                } else {
                    format!("{input}: a VAT rate above 100%; did you mean {suggestion}?")
                }
            }
            MoneyError::WordsEmpty { input } => {
                if zh {
                    format!("大写金额“{input}”为空")
                } else {
                    format!("\"{input}\": the amount in words is empty")
                }
            }
            MoneyError::WordsInvalidChar {
                input,
                found,
                position,
            } => {
                let found = Ch(*found);
                if zh {
                    format!("大写金额“{input}”第 {position} 个字符“{found}”不是大写数字或金额单位")
                } else {
                    format!(
                        "\"{input}\": '{found}' at position {position} is not an uppercase numeral or a money unit"
                    )
                }
            }
            MoneyError::WordsUnexpected {
                input,
                found,
                position,
            } => {
                let found = Ch(*found);
                if zh {
                    format!("大写金额“{input}”第 {position} 个字符“{found}”位置不对，无法读出金额")
                } else {
                    format!(
                        "\"{input}\": '{found}' at position {position} is out of place; the amount cannot be read"
                    )
                }
            }
            MoneyError::WordsIncomplete { input } => {
                if zh {
                    format!("大写金额“{input}”不完整（数字后缺少元、角或分）")
                } else {
                    format!("\"{input}\": incomplete (a numeral lacks its 元, 角 or 分)")
                }
            }
            MoneyError::WordsTooLarge { input } => {
                if zh {
                    format!("金额“{input}”过大：大写金额最多写到仟万亿（小于 10^16 元）")
                } else {
                    format!(
                        "\"{input}\": too large to write in words (the limit is below 10^16 yuan)"
                    )
                }
            }
        }
    }
}

impl std::fmt::Display for MoneyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localize(Lang::En))
    }
}

impl std::error::Error for MoneyError {}
