//! The two languages lvyue speaks, and the trait every human-readable result implements.
//!
//! Results are structured data first; text is rendered from them on demand in the language the
//! user chose. Nothing in the domain stores a pre-rendered sentence.

use serde::{Deserialize, Serialize};

/// A user-interface language. zh-CN is the default: the contracts and most users are Chinese.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (zh-CN).
    #[default]
    #[serde(rename = "zh")]
    Zh,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Reads a language tag: `zh`, `zh-CN`, `zh_CN`, `cn`, `en`, `en-US`… (case-insensitive).
    ///
    /// # Example
    /// ```
    /// use lvyue::domain::Lang;
    /// assert_eq!(Lang::parse("zh-CN"), Some(Lang::Zh));
    /// assert_eq!(Lang::parse("EN"), Some(Lang::En));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_ascii_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary {
            "zh" | "cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The short tag: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The BCP 47 tag for the page's `lang` attribute.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks one of two texts.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Something that renders itself as text for a person, in either language.
pub trait Localize {
    /// The text in `lang`.
    fn localize(&self, lang: Lang) -> String;
}

impl<T: Localize + ?Sized> Localize for &T {
    fn localize(&self, lang: Lang) -> String {
        (**self).localize(lang)
    }
}
