//! Reading a case file into a [`Case`]: strict about the format, and with errors that
//! a handläggare can act on.
//!
//! A YAML text is read once into the model through `budget::Budgeted`, which keeps
//! the guard's limits (depth, size as expanded, a mapping at the root) as it goes.
//! Only a text that fails that is read again in two passes, for its error: the guard
//! pass (`de::guard`) walks the document once, expanding YAML aliases as the real
//! read will, and stops a file that is too deep, too large when expanded, not a
//! mapping, empty, or of an unknown `format`; the second pass deserializes the model,
//! with `serde_path_to_error` recording where in the case an error happened. JSON is
//! read in those two passes always.
//!
//! Errors from serde and the parsers are said again in Swedish by `explain.rs`;
//! positions come from the parser, refined by `locate.rs` where the parser is vague.

use std::fmt;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::budget;
use super::de::{self, shown};
use super::explain::{data_error, json_syntax_error, suggestion, yaml_syntax_error};
use super::locate::{self, Seg};
use super::{Case, KNOWN_DOCUMENT_TYPES};
use crate::diag::{Diagnostic, Level, Source};

/// A case as read from a file, with what the format accepts but wants said.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFile {
    pub case: Case,
    pub warnings: Vec<CaseWarning>,
}

/// Something the format accepts with a warning, e.g. an unknown document type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseWarning {
    /// Dotted path into the case, list items by index: `underlag.2.typ`.
    pub path: String,
    /// One Swedish sentence, the offending text in backticks.
    pub message: String,
}

/// What kind of mistake a [`CaseError`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CaseErrorKind {
    /// The file could not be read at all.
    Io,
    /// The bytes are not UTF-8.
    Encoding,
    /// Not well-formed YAML or JSON.
    Syntax,
    /// Nothing in the file.
    Empty,
    /// The whole file is a list or a single value, not a mapping.
    NotAMapping,
    /// More than one YAML document (`---`) in one file.
    MultipleDocuments,
    /// `format:` other than 1.
    UnsupportedFormat,
    UnknownKey,
    MissingKey,
    DuplicateKey,
    /// A list where text was expected, text where a list was, …
    WrongType,
    /// The right type but not an accepted value: a date not in the calendar, an
    /// unknown insats id, personkrets 4.
    InvalidValue,
    /// Nesting deeper than the reader accepts.
    TooDeep,
    /// YAML aliases that expand to far more than the file itself.
    TooLarge,
    /// A draft document (text, Markdown, Word) that cannot be read as a case: no
    /// known heading, a fact missing that the case cannot be without, a bad date, or
    /// a file that is not the document it claims to be.
    Document,
}

/// Why a case file could not be read, and where.
///
/// Boxed inside, so that `Result<Case, CaseError>` stays small on the happy path.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}:{}:{}: {}", .0.file, .0.line, .0.column, .0.message)]
pub struct CaseError(Box<Inner>);

#[derive(Debug, Clone)]
struct Inner {
    kind: CaseErrorKind,
    file: String,
    line: usize,
    column: usize,
    path: Option<String>,
    message: String,
    label: String,
    help: Option<String>,
    notes: Vec<String>,
    text: Arc<Source>,
    span: Range<usize>,
}

impl CaseError {
    pub(super) fn new(
        kind: CaseErrorKind,
        text: &Arc<Source>,
        span: Range<usize>,
        message: String,
    ) -> Self {
        let start = locate::floor_boundary(&text.text, span.start);
        let end = locate::floor_boundary(&text.text, span.end.max(start));
        let (line, column) = text.line_col(start);
        CaseError(Box::new(Inner {
            kind,
            file: text.name.clone(),
            line,
            column,
            path: None,
            message,
            label: String::new(),
            help: None,
            notes: Vec::new(),
            text: Arc::clone(text),
            span: start..end,
        }))
    }

    pub(super) fn with_label(mut self, label: impl Into<String>) -> Self {
        self.0.label = label.into();
        self
    }

    pub(super) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.0.help = Some(help.into());
        self
    }

    pub(super) fn with_note(mut self, note: impl Into<String>) -> Self {
        self.0.notes.push(note.into());
        self
    }

    pub(super) fn at_path(mut self, path: &[Seg]) -> Self {
        self.0.path = (!path.is_empty()).then(|| dotted(path));
        self
    }

    pub fn kind(&self) -> CaseErrorKind {
        self.0.kind
    }

    /// The name shown to the user (`<stdin>` for standard input).
    pub fn file(&self) -> &str {
        &self.0.file
    }

    /// 1-based line of the error.
    pub fn line(&self) -> usize {
        self.0.line
    }

    /// 1-based column, in characters.
    pub fn column(&self) -> usize {
        self.0.column
    }

    /// Dotted path of the offending value in the case, where known (`beslut.0.datum`).
    pub fn path(&self) -> Option<&str> {
        self.0.path.as_deref()
    }

    /// One line in Swedish: what is wrong and what was expected.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// What to do about it, if there is something specific to say.
    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }

    /// Byte range of the error in the file's text.
    pub fn span(&self) -> Range<usize> {
        self.0.span.clone()
    }

    /// The error with a snippet of the file, rendered like rustc's.
    pub fn to_diagnostic(&self) -> Diagnostic {
        let e = &self.0;
        Diagnostic {
            level: Level::Error,
            message: e.message.clone(),
            source: Arc::clone(&e.text),
            span: e.span.clone(),
            label: e.label.clone(),
            help: e.help.clone(),
            notes: e.notes.clone(),
        }
    }
}

/// Reads a case file from disk. The path as given is the name shown in errors.
pub fn read_case_file(path: &Path) -> Result<CaseFile, CaseError> {
    let name = path.display().to_string();
    let bytes = read_bytes(path)?;
    read_case_bytes(&name, &bytes)
}

/// The bytes of a file, or the Swedish error of a file that cannot be read.
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, CaseError> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok(bytes),
        Err(e) => {
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "filen finns inte".to_string(),
                std::io::ErrorKind::PermissionDenied => "behörighet saknas".to_string(),
                std::io::ErrorKind::IsADirectory => "det är en mapp".to_string(),
                _ => format!("{e}"),
            };
            let src = Source::new(name.clone(), "");
            Err(CaseError::new(
                CaseErrorKind::Io,
                &src,
                0..0,
                format!("kan inte läsa `{name}`: {why}; förväntade en läsbar ärendefil"),
            ))
        }
    }
}

/// Reads a case from bytes (a file, an HTTP body), which must be UTF-8.
pub fn read_case_bytes(name: &str, bytes: &[u8]) -> Result<CaseFile, CaseError> {
    read_case(name, utf8(name, bytes)?)
}

/// The bytes as UTF-8 text, or the error that says how they were saved instead.
pub(super) fn utf8<'a>(name: &str, bytes: &'a [u8]) -> Result<&'a str, CaseError> {
    std::str::from_utf8(bytes).map_err(|e| encoding_error(name, bytes, e.valid_up_to()))
}

/// Reads a case from its text. JSON if the first non-blank character is `{`, YAML
/// otherwise; `name` is what errors call the file.
pub fn read_case(name: &str, text: &str) -> Result<CaseFile, CaseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let src = Source::new(name, text);
    let case = if text.trim_start().starts_with('{') {
        read_json(&src)?
    } else {
        read_yaml(&src)?
    };
    let warnings = warnings(&case);
    Ok(CaseFile { case, warnings })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Yaml,
    Json,
}

fn read_yaml(src: &Arc<Source>) -> Result<Case, CaseError> {
    let text = src.text.as_str();
    // One pass with the guard's limits kept on the way; a file that fails it is read
    // again the careful way, for the error as the guard and the path tracking give it.
    if let Ok(case) = budget::read(serde_yaml::Deserializer::from_str(text), text.len()) {
        return Ok(case);
    }
    read_yaml_careful(src)
}

/// The guard pass, then the model with its path recorded: slow, and the errors as
/// they are shown.
fn read_yaml_careful(src: &Arc<Source>) -> Result<Case, CaseError> {
    let text = src.text.as_str();
    let mut track = serde_path_to_error::Track::new();
    let guarded = de::guard(
        serde_path_to_error::Deserializer::new(
            serde_yaml::Deserializer::from_str(text),
            &mut track,
        ),
        text.len(),
    );
    if let Err(e) = guarded {
        return Err(yaml_error(src, &e, &segments(&track.path())));
    }
    serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text)).map_err(|e| {
        let path = segments(e.path());
        yaml_error(src, e.inner(), &path)
    })
}

fn read_json(src: &Arc<Source>) -> Result<Case, CaseError> {
    let text = src.text.as_str();
    let mut track = serde_path_to_error::Track::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let guarded = de::guard(
        serde_path_to_error::Deserializer::new(&mut de, &mut track),
        text.len(),
    )
    .and_then(|()| de.end());
    if let Err(e) = guarded {
        return Err(json_error(src, &e, &segments(&track.path())));
    }
    // The guard has read to the end already, so `end()` cannot fail here.
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = segments(e.path());
        json_error(src, e.inner(), &path)
    })
}

fn segments(path: &serde_path_to_error::Path) -> Vec<Seg> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(Seg::Index(*index)),
            Segment::Map { key } => Some(Seg::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

pub(super) fn dotted(path: &[Seg]) -> String {
    let parts: Vec<String> = path
        .iter()
        .map(|s| match s {
            Seg::Key(k) => k.clone(),
            Seg::Index(i) => i.to_string(),
        })
        .collect();
    parts.join(".")
}

/// "i `arende`" or "på översta nivån".
pub(super) fn within(path: &[Seg]) -> String {
    if path.is_empty() {
        "på översta nivån".to_string()
    } else {
        format!("i `{}`", dotted(path))
    }
}

// ------------------------------------------------------------------ errors by source

fn encoding_error(name: &str, bytes: &[u8], valid_up_to: usize) -> CaseError {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let src = Source::new(name, text);
    let bad = bytes.get(valid_up_to).copied().unwrap_or(0);
    let mut err = CaseError::new(
        CaseErrorKind::Encoding,
        &src,
        locate::char_span(&src.text, valid_up_to),
        format!("filen är inte UTF-8: byten `0x{bad:02X}` kan inte läsas; förväntade text sparad som UTF-8"),
    )
    .with_label("ogiltig byte")
    .with_help("spara filen med teckenkodningen UTF-8");
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        err = err.with_note("filen verkar vara sparad som UTF-16");
    } else if matches!(bad, 0xC4 | 0xC5 | 0xD6 | 0xE4 | 0xE5 | 0xF6) {
        err = err.with_note(
            "filen verkar vara sparad som Latin-1 eller Windows-1252 (å, ä, ö som en byte)",
        );
    }
    err
}

/// Messages that serde and the two parsers start their data errors with, and ours.
const MESSAGE_STARTS: &[&str] = &[
    "unknown field `",
    "missing field `",
    "duplicate field `",
    "unknown variant `",
    "invalid type: ",
    "invalid value: ",
    "invalid length ",
    de::DATE_PREFIX,
    de::KRETS_PREFIX,
    de::FORMAT_PREFIX,
    de::DEPTH_PREFIX,
    de::SIZE_PREFIX,
    de::EMPTY_PREFIX,
    de::ROOT_PREFIX,
    "recursion limit exceeded",
    "repetition limit exceeded",
    "unknown anchor",
    "deserializing from YAML containing more than one document",
];

/// The message without the path that `yaml_serde` puts in front (`beslut[0]: …`).
fn strip_path_prefix(msg: &str) -> Option<&str> {
    let mut rest = msg;
    let mut at = 0;
    loop {
        let candidate = &msg[at..];
        if MESSAGE_STARTS.iter().any(|s| candidate.starts_with(s)) {
            return Some(candidate);
        }
        let next = rest.find(": ")?;
        at += next + 2;
        rest = &msg[at..];
    }
}

fn yaml_error(src: &Arc<Source>, e: &serde_yaml::Error, path: &[Seg]) -> CaseError {
    let text = src.text.as_str();
    let full = e.to_string();
    let location = e.location();
    let mut msg = full.as_str();
    if let Some(l) = &location {
        let suffix = format!(" at line {} column {}", l.line(), l.column());
        msg = msg.strip_suffix(suffix.as_str()).unwrap_or(msg);
    }
    let offset = location
        .as_ref()
        .map(|l| locate::floor_boundary(text, l.index()));
    match strip_path_prefix(msg) {
        Some(bare) => data_error(src, Format::Yaml, bare, offset.unwrap_or(0), path),
        None => yaml_syntax_error(src, &full, offset),
    }
}

fn json_error(src: &Arc<Source>, e: &serde_json::Error, path: &[Seg]) -> CaseError {
    let text = src.text.as_str();
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(suffix.as_str()).unwrap_or(&full);
    let offset = locate::offset_of_byte_col(text, e.line(), e.column());
    match e.classify() {
        serde_json::error::Category::Eof => json_syntax_error(src, msg, text.trim_end().len()),
        serde_json::error::Category::Syntax => json_syntax_error(src, msg, offset),
        _ => match strip_path_prefix(msg) {
            Some(bare) => data_error(src, Format::Json, bare, offset, path),
            None => CaseError::new(
                CaseErrorKind::Io,
                src,
                locate::char_span(text, offset),
                format!("kan inte läsa filen: {msg}"),
            ),
        },
    }
}

// ------------------------------------------------------------------ warnings

/// What the format accepts with a warning: document types the rules cannot know.
pub fn warnings(case: &Case) -> Vec<CaseWarning> {
    let known: Vec<String> = KNOWN_DOCUMENT_TYPES.iter().map(|s| s.to_string()).collect();
    case.underlag
        .iter()
        .enumerate()
        .filter(|(_, u)| !KNOWN_DOCUMENT_TYPES.contains(&u.typ.as_str()))
        .map(|(i, u)| {
            let mut message = format!(
                "okänd underlagstyp `{}`: regler kan bara känna igen kända typer",
                shown(&u.typ)
            );
            if let Some(s) = suggestion(&u.typ, &known) {
                message.push_str(&format!("; menade du `{s}`?"));
            }
            CaseWarning {
                path: format!("underlag.{i}.typ"),
                message,
            }
        })
        .collect()
}

impl fmt::Display for CaseWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
