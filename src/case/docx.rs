//! A Word draft (`.docx`): the paragraphs of `word/document.xml` with their heading
//! styles, handed to the same mapping as a text draft (`document.rs`).
//!
//! The zip and XML work is the maintained `zip` and `quick-xml` crates'; this module
//! only guards against files that are not what they claim to be (a PDF renamed, a
//! corrupt zip, a zip bomb) and picks out paragraphs, runs and styles.

use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::document::{read_paragraphs, DocumentCase, Paragraph};
use super::read::{CaseError, CaseErrorKind};
use crate::diag::Source;

/// The largest Word file read.
pub const MAX_DOCX_BYTES: usize = 10 * 1024 * 1024;
/// The largest `word/document.xml` unpacked.
const MAX_XML_BYTES: u64 = 20 * 1024 * 1024;
/// The largest ratio of unpacked to packed size (a zip bomb packs far tighter).
const MAX_RATIO: u64 = 100;

fn refuse(name: &str, message: String, help: &str) -> CaseError {
    let src = Source::new(name, "");
    CaseError::new(CaseErrorKind::Document, &src, 0..0, message).with_help(help.to_string())
}

/// A draft over [`MAX_DOCX_BYTES`], Word or text.
pub(super) fn too_large(name: &str, len: u64) -> CaseError {
    refuse(
        name,
        format!(
            "filen är {} MB; största storlek som läses för ett utkast är {} MB",
            len.div_ceil(1024 * 1024),
            MAX_DOCX_BYTES / (1024 * 1024)
        ),
        "ta bort bilder och bilagor ur utkastet, eller spara det som ren text (.txt)",
    )
}

/// Reads a Word document (`.docx`) from its bytes.
pub fn read_docx(name: &str, bytes: &[u8]) -> Result<DocumentCase, CaseError> {
    let paragraphs = docx_paragraphs(name, bytes)?;
    read_paragraphs(name, &paragraphs)
}

/// The paragraphs of a Word document, headings marked by their style.
pub fn docx_paragraphs(name: &str, bytes: &[u8]) -> Result<Vec<Paragraph>, CaseError> {
    const WORD: &str = "spara utkastet i Word som Word-dokument (.docx), eller som ren text (.txt)";
    if bytes.is_empty() {
        return Err(refuse(
            name,
            "filen är tom; förväntade ett Word-dokument (.docx)".into(),
            WORD,
        ));
    }
    if bytes.len() > MAX_DOCX_BYTES {
        return Err(too_large(name, bytes.len() as u64));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        let what = if bytes.starts_with(b"%PDF") {
            "filen är en PDF, inte ett Word-dokument"
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            "filen är ett äldre Word-dokument (.doc), inte .docx"
        } else if bytes.starts_with(b"{\\rtf") {
            "filen är RTF, inte ett Word-dokument (.docx)"
        } else {
            "filen är inte ett Word-dokument (.docx)"
        };
        return Err(refuse(
            name,
            format!("{what}; förväntade ett Word-dokument (.docx)"),
            WORD,
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| {
        refuse(
            name,
            "Word-dokumentet är skadat: zip-arkivet kan inte läsas".into(),
            WORD,
        )
    })?;
    let mut entry = zip.by_name("word/document.xml").map_err(|_| {
        refuse(
            name,
            "filen är ett zip-arkiv men inget Word-dokument: `word/document.xml` saknas".into(),
            WORD,
        )
    })?;
    let size = entry.size();
    let packed = entry.compressed_size().max(1);
    if size > MAX_XML_BYTES || size / packed > MAX_RATIO {
        return Err(refuse(
            name,
            format!(
                "Word-dokumentets text packas upp till {} MB ({} gånger sin packade storlek); filen läses inte",
                size.div_ceil(1024 * 1024),
                size / packed
            ),
            "en sådan fil är trasig eller gjord för att fylla minnet; spara utkastet på nytt i Word",
        ));
    }
    // The sizes in the zip's directory are the writer's word: read no more than allowed.
    let mut xml = Vec::new();
    let read = (&mut entry)
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| {
            refuse(
                name,
                "Word-dokumentet är skadat: `word/document.xml` kan inte packas upp".into(),
                WORD,
            )
        })?;
    if read as u64 > MAX_XML_BYTES || read as u64 / packed > MAX_RATIO {
        return Err(refuse(
            name,
            "Word-dokumentets text packas upp till mer än den uppger; filen läses inte".into(),
            "en sådan fil är trasig eller gjord för att fylla minnet; spara utkastet på nytt i Word",
        ));
    }
    let xml = String::from_utf8(xml).map_err(|_| {
        refuse(
            name,
            "Word-dokumentet är skadat: `word/document.xml` är inte UTF-8".into(),
            WORD,
        )
    })?;
    paragraphs_of_xml(&xml).ok_or_else(|| {
        refuse(
            name,
            "Word-dokumentet är skadat: `word/document.xml` är inte giltig XML".into(),
            WORD,
        )
    })
}

/// `Heading1`–`Heading3`, `Rubrik1`–`Rubrik3` (Swedish Word), `Title`/`Rubrik`, in any
/// case and with or without a space.
fn heading_style(id: &str) -> bool {
    let id: String = id
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    ["heading", "rubrik"].iter().any(|p| {
        id.strip_prefix(p)
            .is_some_and(|rest| matches!(rest, "1" | "2" | "3"))
    }) || matches!(id.as_str(), "title" | "rubrik" | "titel")
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// Paragraphs of `word/document.xml`: the text of their runs (tabs and breaks as
/// spaces), and whether their style is a heading. `None` if the XML is not well formed.
fn paragraphs_of_xml(xml: &str) -> Option<Vec<Paragraph>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut text = String::new();
    let mut heading = false;
    let mut in_para = false;
    let mut in_text = false;
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) => match local(e.name().as_ref()) {
                b"p" => {
                    in_para = true;
                    text.clear();
                    heading = false;
                }
                b"t" => in_text = true,
                _ => {}
            },
            Event::Empty(e) => match local(e.name().as_ref()) {
                b"pStyle" if in_para => {
                    for a in e.attributes().flatten() {
                        if local(a.key.as_ref()) == b"val" {
                            heading |= heading_style(&String::from_utf8_lossy(&a.value));
                        }
                    }
                }
                b"tab" | b"br" | b"cr" if in_para => text.push(' '),
                b"p" => out.push(Paragraph {
                    text: String::new(),
                    heading: false,
                }),
                _ => {}
            },
            Event::End(e) => match local(e.name().as_ref()) {
                b"p" => {
                    in_para = false;
                    out.push(Paragraph {
                        text: std::mem::take(&mut text),
                        heading,
                    });
                }
                b"t" => in_text = false,
                _ => {}
            },
            Event::Text(t) if in_text => text.push_str(&t.decode().ok()?),
            Event::CData(t) if in_text => text.push_str(&t.decode().ok()?),
            Event::GeneralRef(r) if in_text => match r.resolve_char_ref().ok()? {
                Some(c) => text.push(c),
                None => {
                    let c = match r.decode().ok()?.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        _ => return None,
                    };
                    text.push(c);
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_that_are_headings() {
        for s in ["Heading1", "heading 2", "Rubrik3", "Rubrik 1", "Title"] {
            assert!(heading_style(s), "{s}");
        }
        for s in ["Normal", "Heading4", "Liststycke", "Rubrik9"] {
            assert!(!heading_style(s), "{s}");
        }
    }

    #[test]
    fn paragraphs_runs_and_entities() {
        let xml = r#"<w:document xmlns:w="x"><w:body>
<w:p><w:pPr><w:pStyle w:val="Rubrik1"/></w:pPr><w:r><w:t>Barnets </w:t></w:r><w:r><w:t>bästa</w:t></w:r></w:p>
<w:p><w:r><w:t>A &amp; B</w:t><w:tab/><w:t>&#228;r</w:t></w:r></w:p>
<w:p/>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"#;
        let p = paragraphs_of_xml(xml).unwrap();
        assert_eq!(p.len(), 4);
        assert_eq!(p[0].text, "Barnets bästa");
        assert!(p[0].heading);
        assert_eq!(p[1].text, "A & B är");
        assert!(!p[1].heading);
        assert_eq!(p[3].text, "cell");
        assert!(paragraphs_of_xml("<w:p><w:t>x</w:p>").is_none());
    }
}
