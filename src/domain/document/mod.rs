//! Bringing a contract document in: a file's bytes (a Word `.docx`, a text file in UTF-8,
//! UTF-16 or GB18030) read into the text the drafter reads, or what the file is when it is not
//! read (a PDF, an old `.doc`), said in both languages.
//!
//! Why here and pure: the CLI (`lvyue draft`) and the page's on-demand module
//! (`dist/author/`, `src/bin/lvyue-author.rs`) read documents the same way, and the reader must
//! never panic or exhaust memory on what a user drops (every part is size-limited:
//! [`docx::PART_LIMIT`]). The page's first module links only [`sniff`] (to tell a document
//! from a contract file); the reader, with its zip, XML and GB18030 code, lives in the
//! on-demand module.
//!
//! PDF is recognised but not read: extracting the text of a Chinese PDF needs its fonts'
//! character maps, and no maintained crate does it within the page's size budget; the message
//! says to copy the text and paste it.

pub mod docx;
pub mod error;
pub mod numbering;
pub mod plain;
pub mod sniff;
pub(crate) mod xml;

pub use error::{DocumentError, Unsupported};
use sniff::Seen;

/// The text of a document file (`name` is its file name, when there is one: a `.docx` that is
/// not a zip archive is then said to be a damaged Word file rather than unreadable text).
///
/// Line ends are `\n`; a BOM is dropped. The text may be a contract file's JSON (a `.txt` can
/// hold one): ask [`sniff::is_document_text`] before drafting it.
///
/// # Errors
/// [`DocumentError`]: too large, a format not read (PDF, `.doc`, RTF, OpenDocument), a damaged
/// or bomb-like `.docx` (naming the part), bytes that are not text, or no text at all.
///
/// # Example
/// ```
/// use lvyue::domain::document::{read, DocumentError};
/// assert_eq!(read("甲方：某某\r\n乙方：某某".as_bytes(), None).unwrap(), "甲方：某某\n乙方：某某");
/// assert_eq!(read(b"%PDF-1.7 ...", Some("c.pdf")).unwrap_err().code(), "document.unsupported");
/// assert_eq!(read(b"not a zip", Some("c.docx")).unwrap_err().code(), "document.not-zip");
/// ```
pub fn read(bytes: &[u8], name: Option<&str>) -> Result<String, DocumentError> {
    if bytes.len() > crate::domain::limits::MAX_FILE_BYTES {
        return Err(DocumentError::TooLarge { size: bytes.len() });
    }
    let ext = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let unsupported = |format| Err(DocumentError::Unsupported { format });
    let text = match sniff::seen(bytes) {
        Seen::Zip => docx::read(bytes)?,
        Seen::Pdf => return unsupported(Unsupported::Pdf),
        Seen::Ole => return unsupported(Unsupported::Doc),
        Seen::Rtf => return unsupported(Unsupported::Rtf),
        _ if matches!(ext.as_str(), "docx" | "docm" | "dotx") => {
            return Err(DocumentError::NotZip {
                reason: "no zip signature (PK) at the start".to_string(),
            })
        }
        _ => plain::decode(bytes)?,
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err(DocumentError::Empty);
    }
    Ok(text)
}
