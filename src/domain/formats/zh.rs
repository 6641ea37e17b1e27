//! The Chinese descriptions of the formats' types, fields and variants, keyed as
//! [`super::places`] names them (see [`super`]). Written as the contracts themselves say it.

/// (key, Chinese description), in the order of the schemas.
pub const ZH: &[(&str, &str)] = &[];
