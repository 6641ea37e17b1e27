//! Quoting what the user wrote inside a message.
//!
//! Why: a message quotes the input it is about (`日期“2023-02-29”无效`), and the input is
//! anything: a 1 MB string would make a 1 MB message, and characters that do not show —
//! controls, zero-width spaces, bidirectional overrides — would hide in the message exactly as
//! they hid in the file (or, printed to a terminal, act). [`shown`] writes those characters as
//! `\u{200B}` and shortens a long input to its start and end.

/// The most characters of an input a message shows; a longer one shows its start, `…` and its
/// end.
pub const MAX_SHOWN: usize = 64;

/// Whether a character does not show: a control character, a format character (zero-width
/// space and joiners, bidirectional marks, overrides and isolates, the byte-order mark, soft
/// hyphen, invisible operators, tags), a line or paragraph separator, or a variation selector.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{034F}'
                | '\u{061C}'
                | '\u{115F}'
                | '\u{1160}'
                | '\u{17B4}'
                | '\u{17B5}'
                | '\u{180B}'..='\u{180F}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
                | '\u{FFA0}'
                | '\u{FFF0}'..='\u{FFFB}'
                | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{1D173}'..='\u{1D17A}'
                | '\u{E0000}'..='\u{E0FFF}'
        )
}

/// The input as a message shows it: invisible characters escaped (`\u{200B}`), and when it
/// is longer than [`MAX_SHOWN`] characters, its first 48 and last 8 with `…` between.
///
/// # Example
/// ```
/// use lvyue::domain::quote::shown;
/// assert_eq!(shown("L1\u{200B}"), "L1\\u{200B}");
/// assert_eq!(shown(&"9".repeat(1_000_000)).chars().count(), 48 + 1 + 8);
/// ```
pub fn shown(s: &str) -> String {
    let n = s.chars().count();
    let escape = |c: char, out: &mut String| {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    };
    let mut out = String::new();
    if n <= MAX_SHOWN {
        s.chars().for_each(|c| escape(c, &mut out));
    } else {
        s.chars().take(48).for_each(|c| escape(c, &mut out));
        out.push('…');
        s.chars().skip(n - 8).for_each(|c| escape(c, &mut out));
    }
    out
}
