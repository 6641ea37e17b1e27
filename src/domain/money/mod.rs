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
