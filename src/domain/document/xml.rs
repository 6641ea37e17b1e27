//! The few things the Word reader asks of an XML element, over `quick-xml`'s pull reader:
//! its local name (WordprocessingML is read by local names; the `w:` prefix is a convention,
//! not a guarantee) and an attribute by local name.

use quick_xml::events::{BytesRef, BytesStart};

/// The element's local name (`p` for `w:p`).
pub fn name<'a>(e: &'a BytesStart<'_>) -> &'a [u8] {
    let full = e.name().into_inner();
    match full.iter().position(|&b| b == b':') {
        Some(i) => &full[i + 1..],
        None => full,
    }
}

/// The value of the attribute with local name `key` (`val` for `w:val`), unescaped.
pub fn attr(e: &BytesStart<'_>, key: &[u8]) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == key).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

/// `w:val` as a number.
pub fn val_num(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, b"val").and_then(|v| v.trim().parse().ok())
}

/// An entity or character reference (`&amp;`, `&#x4E00;`) as text; an unknown entity stays
/// as written.
pub fn reference(r: &BytesRef<'_>) -> String {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return c.to_string();
    }
    let name = String::from_utf8_lossy(r);
    match quick_xml::escape::resolve_predefined_entity(&name) {
        Some(s) => s.to_string(),
        None => format!("&{name};"),
    }
}
