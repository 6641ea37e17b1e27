//! What can go wrong reading a document, said in both languages and naming the part that
//! failed (`word/document.xml`, byte 1,234 of the text…), so that a user knows whether to
//! re-save the file, save it as another format, or paste its text instead.

use serde::Serialize;

use crate::domain::quote::shown;
use crate::domain::{Lang, Localize};

/// A format the reader recognises but does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unsupported {
    /// `%PDF-`: no maintained crate extracts the text of a Chinese PDF within the size budget.
    Pdf,
    /// Word 97–2003 `.doc`, WPS `.wps` (an OLE compound file).
    Doc,
    /// Rich Text Format.
    Rtf,
    /// OpenDocument text (`.odt`: a zip with `content.xml`, not `word/document.xml`).
    Odt,
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum DocumentError {
    /// More than [`crate::domain::limits::MAX_FILE_BYTES`] bytes.
    #[serde(rename = "document.too-large")]
    TooLarge { size: usize },
    /// A format that is recognised but not read.
    #[serde(rename = "document.unsupported")]
    Unsupported { format: Unsupported },
    /// A `.docx` that is not a readable zip archive.
    #[serde(rename = "document.not-zip")]
    NotZip { reason: String },
    /// A zip archive without the part a Word document has.
    #[serde(rename = "document.missing-part")]
    MissingPart { part: String },
    /// A part that unpacks beyond the limit (a zip bomb, or a document too large to read).
    #[serde(rename = "document.part-too-large")]
    PartTooLarge { part: String, limit: usize },
    /// A part that cannot be unpacked (damaged, encrypted, an unknown compression).
    #[serde(rename = "document.bad-part")]
    BadPart { part: String, reason: String },
    /// A part that is not well-formed XML.
    #[serde(rename = "document.bad-xml")]
    BadXml {
        part: String,
        byte: usize,
        reason: String,
    },
    /// Bytes that are neither UTF-8, UTF-16 with a BOM nor GB18030 text.
    #[serde(rename = "document.not-text")]
    NotText { byte: usize, encoding: String },
    /// A binary file that is no document the reader knows.
    #[serde(rename = "document.binary")]
    Binary,
    /// The document holds no text.
    #[serde(rename = "document.empty")]
    Empty,
}

impl DocumentError {
    /// The stable code, e.g. `document.not-zip`.
    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::TooLarge { .. } => "document.too-large",
            DocumentError::Unsupported { .. } => "document.unsupported",
            DocumentError::NotZip { .. } => "document.not-zip",
            DocumentError::MissingPart { .. } => "document.missing-part",
            DocumentError::PartTooLarge { .. } => "document.part-too-large",
            DocumentError::BadPart { .. } => "document.bad-part",
            DocumentError::BadXml { .. } => "document.bad-xml",
            DocumentError::NotText { .. } => "document.not-text",
            DocumentError::Binary => "document.binary",
            DocumentError::Empty => "document.empty",
        }
    }

    /// `{"code", "zh", "en"}`: what the page's module throws and `lvyue draft --json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code(),
            "zh": self.localize(Lang::Zh),
            "en": self.localize(Lang::En),
        })
    }
}

fn unsupported(f: Unsupported, lang: Lang) -> String {
    let (zh, en) = match f {
        Unsupported::Pdf => (
            "暂不读取 PDF：请复制其中的文字后粘贴，或另存为 Word（.docx）或文本（.txt）",
            "PDF is not read yet: copy the text and paste it, or save it as Word (.docx) or text (.txt)",
        ),
        Unsupported::Doc => (
            "这是旧版 Word（.doc）或 WPS 文件，暂不读取：请另存为 .docx 或文本（.txt），或复制文字后粘贴",
            "this is an old Word (.doc) or WPS file, which is not read: save it as .docx or text (.txt), or copy the text and paste it",
        ),
        Unsupported::Rtf => (
            "暂不读取 RTF 文件：请另存为 .docx 或文本（.txt），或复制文字后粘贴",
            "RTF is not read: save it as .docx or text (.txt), or copy the text and paste it",
        ),
        Unsupported::Odt => (
            "暂不读取 OpenDocument 文本（.odt）：请另存为 .docx 或文本（.txt）",
            "OpenDocument text (.odt) is not read: save it as .docx or text (.txt)",
        ),
    };
    lang.pick(zh, en).to_string()
}

impl Localize for DocumentError {
    fn localize(&self, lang: Lang) -> String {
        use DocumentError::*;
        match (self, lang) {
            (TooLarge { size }, Lang::Zh) => {
                format!("文件过大（{size} 字节）：最多 32 MiB")
            }
            (TooLarge { size }, Lang::En) => {
                format!("the file is too large ({size} bytes): at most 32 MiB")
            }
            (Unsupported { format }, _) => unsupported(*format, lang),
            (NotZip { reason }, Lang::Zh) => format!(
                "不是可读取的 Word 文档（.docx 应为 zip 压缩包）：{}；请用 Word 重新保存",
                shown(reason)
            ),
            (NotZip { reason }, Lang::En) => format!(
                "not a readable Word document (a .docx is a zip archive): {}; save it again in Word",
                shown(reason)
            ),
            (MissingPart { part }, Lang::Zh) => {
                format!("压缩包中没有 {part}：这不是 Word（.docx）文档")
            }
            (MissingPart { part }, Lang::En) => {
                format!("the archive has no {part}: this is not a Word (.docx) document")
            }
            (PartTooLarge { part, limit }, Lang::Zh) => format!(
                "{part} 解压后超过 {limit} 字节，未读取（可能是压缩炸弹，或文档过大）"
            ),
            (PartTooLarge { part, limit }, Lang::En) => format!(
                "{part} unpacks to more than {limit} bytes and was not read (a zip bomb, or a document too large)"
            ),
            (BadPart { part, reason }, Lang::Zh) => {
                format!("无法解压 {part}：{}（文件损坏或已加密）", shown(reason))
            }
            (BadPart { part, reason }, Lang::En) => {
                format!("cannot unpack {part}: {} (damaged or encrypted)", shown(reason))
            }
            (BadXml { part, byte, reason }, Lang::Zh) => format!(
                "{part} 第 {byte} 个字节处不是有效的 XML：{}；请用 Word 重新保存",
                shown(reason)
            ),
            (BadXml { part, byte, reason }, Lang::En) => format!(
                "{part} is not valid XML at byte {byte}: {}; save it again in Word",
                shown(reason)
            ),
            (NotText { byte, encoding }, Lang::Zh) => format!(
                "第 {byte} 个字节处不是有效的{encoding}文本：请另存为 UTF-8 文本"
            ),
            (NotText { byte, encoding }, Lang::En) => {
                format!("not valid {encoding} text at byte {byte}: save it as UTF-8 text")
            }
            (Binary, Lang::Zh) => {
                "这不是文本或 Word 文档：请打开 .docx、.txt 或合同文件（.json）".to_string()
            }
            (Binary, Lang::En) => {
                "this is neither text nor a Word document: open a .docx, a .txt or a contract file (.json)"
                    .to_string()
            }
            (Empty, Lang::Zh) => "文档中没有文字".to_string(),
            (Empty, Lang::En) => "the document holds no text".to_string(),
        }
    }
}
