//! Bringing a contract document in (`domain::document`): a `.docx` built here from a seed's text
//! reads back to the same lines; text in UTF-8, UTF-16 and GB18030; damaged archives, a zip
//! bomb and random bytes give a localised error, never a panic; and a document is never
//! reported as a JSON syntax error by the loader.

use std::io::{Cursor, Write};

use lvyue::domain::document::{self, sniff, DocumentError};
use lvyue::domain::load;
use lvyue::domain::{Lang, Localize};
use proptest::prelude::*;

/// The text of the seed whose file name starts with `prefix` (`../shared/seeds/004_*.txt`).
pub fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
    let entry = std::fs::read_dir(dir)
        .expect("../shared/seeds is beside the repository")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}* in {dir}"));
    std::fs::read_to_string(entry.path()).expect("a seed is UTF-8 text")
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One `w:p` holding `text` in runs (a tab inside a paragraph becomes `w:tab`).
fn paragraph(text: &str) -> String {
    if text.is_empty() {
        return "<w:p/>".to_string();
    }
    let runs: Vec<String> = text
        .split('\t')
        .map(|t| format!(r#"<w:t xml:space="preserve">{}</w:t>"#, xml_escape(t)))
        .collect();
    format!("<w:p><w:r>{}</w:r></w:p>", runs.join("<w:tab/>"))
}

/// `word/document.xml` of a text: each line a paragraph, each run of lines with tabs a table
/// whose rows are those lines and cells their tab-separated parts.
pub fn document_xml(text: &str) -> String {
    let mut body = String::new();
    let mut in_table = false;
    for line in text.split('\n') {
        let row = line.contains('\t');
        if row && !in_table {
            body.push_str("<w:tbl><w:tblPr/>");
        }
        if !row && in_table {
            body.push_str("</w:tbl>");
        }
        in_table = row;
        if row {
            body.push_str("<w:tr>");
            for cell in line.split('\t') {
                body.push_str(&format!("<w:tc><w:tcPr/>{}</w:tc>", paragraph(cell)));
            }
            body.push_str("</w:tr>");
        } else {
            body.push_str(&paragraph(line));
        }
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

/// A zip of `parts` (name, text), deflated.
pub fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(text.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

/// A minimal `.docx` of a text (see [`document_xml`]).
pub fn docx_of(text: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("word/document.xml", &document_xml(text)),
    ])
}

fn code(r: Result<String, DocumentError>) -> &'static str {
    r.expect_err("an error").code()
}

#[test]
fn a_docx_of_seed_004_reads_back_to_the_same_lines() {
    let text = seed("004_");
    let tables = text.lines().filter(|l| l.contains('\t')).count();
    assert!(tables > 20, "004 has a table of {tables} rows");
    let bytes = docx_of(&text);
    let read = document::read(&bytes, Some("004.docx")).expect("the docx reads");
    assert_eq!(read.lines().count(), text.lines().count());
    for (i, (a, b)) in read.lines().zip(text.lines()).enumerate() {
        assert_eq!(a, b, "line {}", i + 1);
    }
    assert_eq!(read, text);
    // A document, not JSON.
    assert!(sniff::is_document_bytes(&bytes));
    assert!(sniff::is_document_text(&read));
}

#[test]
fn word_markup_deleted_inserted_tabs_breaks_spans_and_entities() {
    let body = r#"<w:document xmlns:w="w" xmlns:mc="mc"><w:body>
      <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>
        <w:r><w:t>甲方</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>
        <w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:tab/><w:t>A&amp;B</w:t><w:br/><w:t>&#x4E59;方</w:t></w:r>
        <w:r><w:instrText> PAGE </w:instrText></w:r></w:p>
      <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>报价</w:t></w:r></w:p></w:tc>
        <w:tc><w:p><w:r><w:t>一</w:t></w:r></w:p><w:p><w:r><w:t>二</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
      <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>选</w:t></mc:Choice><mc:Fallback><w:t>备</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
    </w:body></w:document>"#;
    let bytes = zip_of(&[("word/document.xml", body)]);
    let text = document::read(&bytes, None).unwrap();
    assert_eq!(text, "甲方插入\tA&B\n乙方\n报价\t\t一\n二\n选");
}

#[test]
fn automatic_list_numbers_are_written_back() {
    let numbering = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="3">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/><w:suff w:val="space"/><w:pStyle w:val="Heading1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%3)"/><w:suff w:val="nothing"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="6"/></w:lvlOverride></w:num>
      <w:num w:numId="8"><w:abstractNumId w:val="4"/></w:num>
    </w:numbering>"#;
    let styles = r#"<w:styles xmlns:w="w">
      <w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="Clause"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
    </w:styles>"#;
    let p = |style: &str, num: &str, text: &str| {
        format!(r#"<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
    };
    let st = |s: &str| format!(r#"<w:pStyle w:val="{s}"/>"#);
    let np = |id: u32, l: u32| {
        format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)
    };
    let body = [
        p(&st("Heading1"), "", "违约责任"),
        p(&st("Clause"), "", "乙方每逾期一日……"),
        p("", &np(7, 2), "甲方有权解除合同"),
        p("", &np(7, 1), "甲方逾期付款……"),
        p(&st("Heading1"), "", "其他"),
        p("", &np(7, 1), "本合同一式两份"),
        p("", &np(8, 0), "一个要点"),
        p("", &np(0, 0), "不编号"),
    ]
    .concat();
    let doc = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
    let bytes = zip_of(&[
        ("word/document.xml", &doc),
        ("word/numbering.xml", numbering),
        ("word/styles.xml", styles),
    ]);
    let text = document::read(&bytes, None).unwrap();
    // The list starts at 6 (startOverride); level 2 is legal-style decimal.
    assert_eq!(
        text,
        "第六条 违约责任\n6.1 乙方每逾期一日……\n(1)甲方有权解除合同\n6.2 甲方逾期付款……\n第七条 其他\n7.1 本合同一式两份\n一个要点\n不编号"
    );
}

#[test]
fn text_in_utf8_utf16_and_gb18030_reads_the_same() {
    let text = seed("004_");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(document::read(&bom, Some("a.txt")).unwrap(), text);
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(document::read(&le, Some("a.txt")).unwrap(), text);
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(document::read(&be, None).unwrap(), text);
    // GB18030 bytes of "甲方：溧阳市卫生健康局" (written by iconv -t GB18030).
    let gb = [
        0xBC, 0xD7, 0xB7, 0xBD, 0xA3, 0xBA, 0xE4, 0xE0, 0xD1, 0xF4, 0xCA, 0xD0, 0xCE, 0xC0, 0xC9,
        0xFA, 0xBD, 0xA1, 0xBF, 0xB5, 0xBE, 0xD6,
    ];
    assert_eq!(
        document::read(&gb, Some("a.txt")).unwrap(),
        "甲方：溧阳市卫生健康局"
    );
    // CRLF becomes LF.
    assert_eq!(document::read(b"a\r\nb\rc", None).unwrap(), "a\nb\nc");
}

#[test]
fn bad_text_says_where_and_which_encoding() {
    // An odd number of bytes after a UTF-16 BOM, a lone surrogate.
    let e = document::read(&[0xFF, 0xFE, 0x32], None).unwrap_err();
    assert_eq!(e.code(), "document.not-text");
    assert!(
        e.localize(Lang::En).contains("UTF-16 LE"),
        "{}",
        e.localize(Lang::En)
    );
    let e = document::read(&[0xFF, 0xFE, 0x32, 0x75, 0x00, 0xD8, 0x41, 0x00], None).unwrap_err();
    assert_eq!(
        e,
        DocumentError::NotText {
            byte: 5,
            encoding: "UTF-16 LE".into()
        }
    );
    // Invalid after a UTF-8 BOM.
    assert_eq!(
        code(document::read(b"\xEF\xBB\xBFab\xFF", None)),
        "document.not-text"
    );
    // Binary: NULs.
    assert_eq!(code(document::read(b"ab\0\0cd", None)), "document.binary");
    // Nothing but space.
    assert_eq!(code(document::read(b" \n\t ", None)), "document.empty");
}

#[test]
fn damaged_and_foreign_files_name_their_problem() {
    assert_eq!(
        code(document::read(b"PK\x03\x04garbage", Some("a.docx"))),
        "document.not-zip"
    );
    assert_eq!(
        code(document::read(b"plain words", Some("a.docx"))),
        "document.not-zip"
    );
    let no_body = zip_of(&[("[Content_Types].xml", CONTENT_TYPES)]);
    let e = document::read(&no_body, Some("a.docx")).unwrap_err();
    assert_eq!(
        e,
        DocumentError::MissingPart {
            part: "word/document.xml".into()
        }
    );
    assert!(e.localize(Lang::Zh).contains("word/document.xml"));
    let odt = zip_of(&[("content.xml", "<office:document-content/>")]);
    assert_eq!(code(document::read(&odt, None)), "document.unsupported");
    let bad_xml = zip_of(&[("word/document.xml", "<w:document><w:body><w:p></w:body>")]);
    let e = document::read(&bad_xml, None).unwrap_err();
    assert_eq!(e.code(), "document.bad-xml");
    assert!(
        e.localize(Lang::En).contains("word/document.xml"),
        "{}",
        e.localize(Lang::En)
    );
    let pdf = document::read(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3", Some("c.pdf")).unwrap_err();
    assert!(pdf
        .localize(Lang::En)
        .starts_with("PDF is not read yet: copy the text and paste it"));
    assert!(pdf.localize(Lang::Zh).contains("暂不读取 PDF"));
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
    assert_eq!(
        code(document::read(&ole, Some("c.doc"))),
        "document.unsupported"
    );
    let too_large = vec![b'a'; lvyue::domain::limits::MAX_FILE_BYTES + 1];
    assert_eq!(code(document::read(&too_large, None)), "document.too-large");
}

#[test]
fn a_zip_bomb_is_refused_at_the_limit() {
    // 33 MiB of one character compresses to about 33 KB.
    let huge = "a".repeat(document::docx::PART_LIMIT + 1);
    let bomb = zip_of(&[("word/document.xml", &huge)]);
    assert!(bomb.len() < 200_000, "the bomb is {} bytes", bomb.len());
    let e = document::read(&bomb, Some("bomb.docx")).unwrap_err();
    assert_eq!(e.code(), "document.part-too-large");
    assert!(e.localize(Lang::Zh).contains("word/document.xml"));
    assert!(e.localize(Lang::En).contains("zip bomb"));
}

#[test]
fn every_error_speaks_both_languages() {
    use lvyue::domain::document::Unsupported;
    let all = [
        DocumentError::TooLarge { size: 1 },
        DocumentError::Unsupported {
            format: Unsupported::Pdf,
        },
        DocumentError::Unsupported {
            format: Unsupported::Doc,
        },
        DocumentError::Unsupported {
            format: Unsupported::Rtf,
        },
        DocumentError::Unsupported {
            format: Unsupported::Odt,
        },
        DocumentError::NotZip { reason: "x".into() },
        DocumentError::MissingPart { part: "p".into() },
        DocumentError::PartTooLarge {
            part: "p".into(),
            limit: 1,
        },
        DocumentError::BadPart {
            part: "p".into(),
            reason: "x".into(),
        },
        DocumentError::BadXml {
            part: "p".into(),
            byte: 1,
            reason: "x".into(),
        },
        DocumentError::NotText {
            byte: 1,
            encoding: "GB18030".into(),
        },
        DocumentError::Binary,
        DocumentError::Empty,
    ];
    for e in all {
        let (zh, en) = (e.localize(Lang::Zh), e.localize(Lang::En));
        assert!(
            zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{zh}"
        );
        assert!(
            !en.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
            "{en}"
        );
        let j = e.to_json();
        assert_eq!(j["code"], e.code());
        assert_eq!(j["zh"], zh.as_str());
        assert_eq!(serde_json::to_value(&e).unwrap()["code"], e.code());
    }
}

#[test]
fn the_loader_calls_a_document_a_document_never_a_json_error() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let text = seed(prefix);
        assert!(sniff::is_document_text(&text), "{prefix}");
        let p = &load::load_contract(&text).unwrap_err().0[0];
        assert_eq!(p.code, "document.not-contract", "{prefix}");
        assert_eq!((p.line, p.column), (1, 1));
        assert!(
            p.en.contains("lvyue draft") && p.zh.contains("lvyue draft"),
            "{}",
            p.en
        );
        let e = load::load_events(&text).unwrap_err();
        assert_eq!(e.0[0].code, "document.not-contract");
    }
    let docx = docx_of(&seed("004_"));
    let p = &load::load_contract_bytes(&docx).unwrap_err().0[0];
    assert_eq!(p.code, "document.not-contract");
    assert!(p.en.contains("Word"), "{}", p.en);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "甲方：某某单位\n乙方：某某公司"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    assert_eq!(
        load::load_contract_bytes(&utf16).unwrap_err().0[0].code,
        "document.not-contract"
    );
    let api = match lvyue::api::check(&seed("001_"), "") {
        Ok(t) => t,
        Err(e) => serde_json::to_string(&e).unwrap(),
    };
    assert!(api.contains("document.not-contract"), "{api}");
    // JSON stays JSON: its syntax errors are where they are.
    for broken in [
        "{\n  \"format\": oops\n}",
        "[1,",
        "null x",
        "\"str",
        "hello",
        "12 34",
    ] {
        assert!(!sniff::is_document_text(broken), "{broken}");
        let c = &load::load_contract(broken).unwrap_err().0[0].code;
        assert!(c.starts_with("json."), "{broken}: {c}");
    }
    // The examples are JSON.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
    let jsons = std::fs::read_dir(dir).unwrap().flatten();
    for e in jsons.filter(|e| e.path().extension().is_some_and(|x| x == "json")) {
        let bytes = std::fs::read(e.path()).unwrap();
        assert!(sniff::document_kind(&bytes).is_none(), "{:?}", e.path());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any bytes: an answer or an error, never a panic.
    #[test]
    fn any_bytes_give_text_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = document::read(&bytes, Some("x.docx"));
        let _ = document::read(&bytes, None);
        let _ = sniff::document_kind(&bytes);
    }

    /// A zip header followed by anything.
    #[test]
    fn a_zip_signature_then_anything(tail in proptest::collection::vec(any::<u8>(), 0..600)) {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend(tail);
        prop_assert!(document::read(&bytes, None).is_err());
    }

    /// A real .docx with bytes changed at random places: never a panic.
    #[test]
    fn a_damaged_docx_never_panics(at in proptest::collection::vec((0usize..4000, any::<u8>()), 1..8)) {
        let mut bytes = docx_of("第一条 总则\n1.1 乙方每逾期一日，按合同总额的3‰支付违约金。\na\tb\tc");
        for (i, b) in at {
            let n = bytes.len();
            bytes[i % n] = b;
        }
        let _ = document::read(&bytes, None);
    }
}

#[test]
fn every_truncation_of_a_docx_is_an_error_not_a_panic() {
    let bytes = docx_of(&seed("000_"));
    for n in (0..bytes.len()).step_by(37) {
        assert!(
            document::read(&bytes[..n], Some("t.docx")).is_err(),
            "cut at {n}"
        );
    }
    assert!(document::read(&bytes, Some("t.docx")).is_ok());
}
