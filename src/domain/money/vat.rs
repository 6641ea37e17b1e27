//! Splitting a tax-inclusive price into net amount and VAT.
//!
//! Contract prices for IT services are usually stated including VAT (含税价). Penalties,
//! invoices and payment checks often need the net amount (不含税金额) and the tax (税额).
//! The formula is 不含税金额 = 含税金额 ÷ (1 + 税率); the net is rounded half-up to the fen and
//! the tax is the difference, so that net + tax is exactly the gross.

use rust_decimal::Decimal;
use serde::Serialize;

use super::amount::Amount;
use super::error::MoneyError;
use super::rate::Rate;
use crate::domain::{Lang, Localize};

/// The VAT split of a tax-inclusive amount, with the unrounded net kept for the explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct VatSplit {
    /// The tax-inclusive amount (含税金额), as given.
    pub gross: Amount,
    /// The VAT rate.
    pub rate: Rate,
    /// gross ÷ (1 + rate), exact to 28 significant digits, unrounded.
    pub net_unrounded: Amount,
    /// The net amount (不含税金额), rounded half-up to the fen.
    pub net: Amount,
    /// The tax (税额): gross − net.
    pub tax: Amount,
}

/// Splits a tax-inclusive amount: net = gross ÷ (1 + rate), rounded half-up to the fen;
/// tax = gross − net.
///
/// # Errors
/// [`MoneyError::Negative`] for a negative gross amount; [`MoneyError::NotFen`] for one with
/// digits below the fen (its tax would not be whole fen) or beyond [`Amount::MAX_FEN`];
/// [`MoneyError::NegativeRate`] for a
/// negative rate; [`MoneyError::VatRateTooHigh`] for a rate of 100 % or more, with a
/// suggestion (600% → "did you mean 6%?"); [`MoneyError::TooLarge`] if the arithmetic overflows.
///
/// # Example
/// ```
/// use lvyue::domain::money::{vat_split, Amount, MoneyError, Rate};
///
/// let split = vat_split("980,000".parse()?, Rate::parse("6%")?)?;
/// assert_eq!(split.net.format(), "924,528.30");
/// assert_eq!(split.tax.format(), "55,471.70");
/// assert!(split.net_unrounded.format().starts_with("924,528.3018867"));
/// # Ok::<(), MoneyError>(())
/// ```
pub fn vat_split(gross: Amount, rate: Rate) -> Result<VatSplit, MoneyError> {
    if gross.is_negative() {
        return Err(MoneyError::Negative {
            input: gross.format(),
        });
    }
    let f = rate.fraction();
    if f.is_sign_negative() && !f.is_zero() {
        return Err(MoneyError::NegativeRate {
            input: rate.format_percent(),
        });
    }
    if f >= Decimal::ONE {
        let suggestion = f
            .checked_div(Decimal::ONE_HUNDRED)
            .map(Rate::from_fraction)
            .map(Rate::format_percent)
            .unwrap_or_default();
        return Err(MoneyError::VatRateTooHigh {
            input: rate.format_percent(),
            suggestion,
        });
    }
    // The gross is an amount paid: whole fen, so that net + tax is it and both are whole fen.
    if !gross.is_whole_fen() || !gross.within_fen_range() {
        return Err(MoneyError::NotFen {
            input: gross.format(),
        });
    }
    let too_large = || MoneyError::TooLarge {
        input: gross.format(),
    };
    let divisor = Decimal::ONE.checked_add(f).ok_or_else(too_large)?;
    let net_unrounded = Amount::new(gross.yuan().checked_div(divisor).ok_or_else(too_large)?);
    let net = net_unrounded.round_fen();
    let tax = gross.checked_sub(net).ok_or_else(too_large)?;
    Ok(VatSplit {
        gross,
        rate,
        net_unrounded,
        net,
        tax,
    })
}

impl Localize for VatSplit {
    fn localize(&self, lang: Lang) -> String {
        let divisor = Decimal::ONE
            .checked_add(self.rate.fraction())
            .map(|d| d.normalize().to_string())
            .unwrap_or_default();
        let rounded_note = if self.net == self.net_unrounded {
            lang.pick("（无需舍入）", " (no rounding needed)")
        } else {
            ""
        };
        match lang {
            Lang::Zh => format!(
                "价税分离：含税金额 {gross}，税率 {rate}。\n\
                 不含税金额 = 含税金额 ÷ (1 + 税率) = {g} ÷ {divisor} = {unrounded}（未舍入），\
                 四舍五入到分为 {net}{rounded_note}。\n\
                 税额 = 含税金额 − 不含税金额 = {gross} − {net} = {tax}。",
                gross = self.gross.format_yuan(),
                rate = self.rate.format_percent(),
                g = self.gross.format(),
                unrounded = self.net_unrounded.format(),
                net = self.net.format_yuan(),
                tax = self.tax.format_yuan(),
            ),
            Lang::En => format!(
                "VAT split: tax-inclusive amount {gross} at a rate of {rate}.\n\
                 Net = gross ÷ (1 + rate) = {g} ÷ {divisor} = {unrounded} (unrounded), \
                 rounded half-up to the fen: {net}{rounded_note}.\n\
                 Tax = gross − net = {gross} − {net} = {tax}.",
                gross = self.gross.format_yuan(),
                rate = self.rate.format_percent(),
                g = self.gross.format(),
                unrounded = self.net_unrounded.format(),
                net = self.net.format_yuan(),
                tax = self.tax.format_yuan(),
            ),
        }
    }
}
