//! Money: exact amounts, rates, uppercase amounts (大写金额) and VAT.
//!
//! Every penalty and payment lvyue computes is a sum of money derived from a contract price and
//! a rate. Contracts write both in many ways ("¥1,350,000.00", "135万元", "3‰", "万分之五"),
//! state sums twice (in figures and in uppercase words), and quote prices including VAT. This
//! module reads all of those exactly (`rust_decimal`, never binary floating point), rounds
//! only where a rule says so (half-up to the fen), and explains itself in zh-CN and English.
//!
//! - [`Amount`]: an exact sum in yuan; parsing and formatting.
//! - [`Rate`]: an exact fraction; parsing 0.1%, 3‰, 万分之五…
//! - [`to_words`], [`read_words`], [`check_words`]: uppercase amounts by
//!   《正确填写票据和结算凭证的基本规定》.
//! - [`vat_split`]: net and tax of a tax-inclusive amount.
//! - [`MoneyError`]: every error, naming the offending input.

mod amount;
mod error;
pub mod factor;
mod rate;
mod vat;
mod words;

pub use amount::Amount;
pub use error::MoneyError;
pub use rate::Rate;
pub use vat::{vat_split, VatSplit};
pub use words::{
    check_words, read_words, to_words, to_words_with, WordsCheck, WordsFinding, WordsReading,
    WordsStyle,
};

/// The message of a text that our amount, rate or factor parser refuses with the English
/// message `en` (a serde error of those types), in both languages; `None` when none of them
/// gives that message. The loader uses it to say a custom serde error in Chinese too.
///
/// # Example
/// ```
/// use lvyue::domain::money::explain;
/// let (zh, _) = explain("12a", "\"12a\": unexpected character 'a' at position 3").unwrap();
/// assert!(zh.starts_with("金额"));
/// ```
pub fn explain(s: &str, en: &str) -> Option<(String, String)> {
    use crate::domain::{Lang, Localize};
    [
        Amount::parse(s).err(),
        Rate::parse(s).err(),
        factor::parse(s).err(),
    ]
    .into_iter()
    .flatten()
    .find(|e| e.localize(Lang::En) == en)
    .map(|e| (e.localize(Lang::Zh), en.to_string()))
}
