//! A draft read as it is written: plain text or Markdown (and, through `docx.rs`, a
//! Word document) mapped onto the case model by its headings and its `Etikett: värde`
//! lines.
//!
//! Only the mapping is ours: a document is a list of paragraphs, some marked as
//! headings (a Markdown `#` line, a Word heading style, or a line of its own that is a
//! known heading). Each known heading names a case field; each known label a fact. What
//! the document does not say stays missing, for the rules to report, never guessed.
//! Which heading or label became which case path is returned as [`SourceEntry`]s, so the
//! handläggare sees how the draft was understood.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::read::{warnings, CaseError, CaseErrorKind, CaseFile};
use super::{
    Ansokan, Arende, Beslut, Case, Insats, Kommunicering, Kon, Kontakt, KontaktForm, Lag, Ombud,
    Person, Sokande, SoktAv, SoktInsats, Sysselsattning, Underlag, Utfall, Utredning,
};
use crate::diag::Source;

mod reader;
mod sections;
#[cfg(test)]
mod tests;
mod vocabulary;

use reader::*;
use sections::*;
use vocabulary::*;

/// One line of how the document was understood: this heading or label became this
/// case path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SourceEntry {
    /// The heading or label as written in the document.
    pub rubrik: String,
    /// The case path it was read into (`utredning.texter.behov`).
    pub falt: String,
}

/// A case read from a document, with how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentCase {
    pub file: CaseFile,
    pub source: Vec<SourceEntry>,
}

/// A paragraph of a document: its text, and whether the document marks it as a
/// heading (a Word heading style). Lines of plain text are never marked; whether they
/// are headings is decided by their text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    pub heading: bool,
}

/// The kind of draft a file name says it is, by its extension: `.docx`, `.txt`, `.md`.
/// `None` for a case file (YAML, JSON) and anything else.
pub fn document_kind(name: &str) -> Option<DocumentKind> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "docx" => Some(DocumentKind::Word),
        "txt" | "text" => Some(DocumentKind::Text),
        "md" | "markdown" => Some(DocumentKind::Text),
        _ => None,
    }
}

/// A draft document's format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// Word (`.docx`).
    Word,
    /// Plain text or Markdown, UTF-8.
    Text,
}

/// Reads a draft of the given kind from its bytes; `name` is what errors call it.
pub fn read_document_bytes(
    name: &str,
    kind: DocumentKind,
    bytes: &[u8],
) -> Result<DocumentCase, CaseError> {
    match kind {
        DocumentKind::Word => super::docx::read_docx(name, bytes),
        DocumentKind::Text => {
            if bytes.len() > super::docx::MAX_DOCX_BYTES {
                return Err(super::docx::too_large(name, bytes.len() as u64));
            }
            if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"%PDF") {
                let src = Source::new(name, "");
                return Err(CaseError::new(
                    CaseErrorKind::Document,
                    &src,
                    0..0,
                    "filen är inte text utan ett Word-dokument eller en PDF; förväntade ren text"
                        .into(),
                )
                .with_help("ge en Word-fil ändelsen .docx, eller spara utkastet som ren text"));
            }
            let text = super::read::utf8(name, bytes)?;
            read_text_document(name, text)
        }
    }
}

/// Reads a draft document from disk. The path as given is the name shown in errors.
pub fn read_document_file(
    path: &std::path::Path,
    kind: DocumentKind,
) -> Result<DocumentCase, CaseError> {
    let name = path.display().to_string();
    // A file far over the limit is refused without reading it into memory.
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > super::docx::MAX_DOCX_BYTES as u64 {
            return Err(super::docx::too_large(&name, meta.len()));
        }
    }
    let bytes = super::read::read_bytes(path)?;
    read_document_bytes(&name, kind, &bytes)
}

/// Reads a plain-text or Markdown draft. `name` is what errors call the file.
pub fn read_text_document(name: &str, text: &str) -> Result<DocumentCase, CaseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let paragraphs: Vec<Paragraph> = text
        .lines()
        .map(|l| Paragraph {
            text: l.to_string(),
            heading: false,
        })
        .collect();
    read_paragraphs(name, &paragraphs)
}

/// Reads a document given as paragraphs (one line each in the text errors show).
pub fn read_paragraphs(name: &str, paragraphs: &[Paragraph]) -> Result<DocumentCase, CaseError> {
    let mut joined = String::new();
    let mut starts = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        starts.push(joined.len());
        // A paragraph is one line in the shown text, whatever breaks it held.
        joined.push_str(&p.text.replace(['\n', '\r'], " "));
        joined.push('\n');
    }
    let src = Source::new(name, joined);
    let lines: Vec<Line> = paragraphs
        .iter()
        .zip(&starts)
        .map(|(p, &start)| Line {
            text: src.text[start..start + p.text.len()].to_string(),
            start,
            styled: p.heading,
        })
        .collect();
    Reader::new(&src, name).read(&lines)
}

struct Line {
    text: String,
    start: usize,
    styled: bool,
}
