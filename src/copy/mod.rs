//! Copy detection: does the draft carry another person's data, template leftovers or
//! stock reasoning, and does it nearly copy an earlier decision? (JO and the courts keep
//! finding all four; see `shared/domain/deficiencies.md`, D1 and D2.)
//!
//! Two halves, both emitting the report's [`Finding`](crate::report::Finding) with category `copy` and
//! [`Evidence`](crate::report::Evidence) that names the matched text and its byte spans:
//!
//! - [`signals()`] reads one case and needs nothing else: a name that is none of the
//!   case's people, another personnummer, `han` about a girl, a placeholder, another
//!   insats or law, a wrong age or a date outside the case, a motivering that says
//!   nothing this case's investigation says.
//! - [`near_copy_findings`] compares the draft with a [`CorpusIndex`] of earlier
//!   decisions. The index keeps fingerprints only: MinHash signatures cut into LSH bands
//!   to find candidates without scanning the corpus, and per text a Bloom filter of its
//!   shingle hashes to verify a candidate's Jaccard similarity and to say which sentences
//!   of the draft match. No word of an earlier decision is stored.
//!
//! Texts are normalised before shingling ([`shingle`]): names, numbers, dates, month
//! names and personal pronouns become placeholder tokens, because a copy whose only edit
//! is another name otherwise lands near Jaccard 0.5 and is missed
//! (`shared/notes/copy-detection.md`). Standard paragraphs that every decision is meant
//! to share (the appeal notice) are taken out before fingerprinting.
//!
//! The supervisors' lists, stock phrases and standard paragraphs, come from the rule
//! files as a [`CopyConfig`]; nothing in Rust names a phrase.
//!
//! ```no_run
//! use beslutskoll::copy::{self, CopyConfig, CorpusIndex};
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let cfg = CopyConfig::default();
//! let entries = copy::corpus_from_dir(std::path::Path::new("examples/corpus"))?;
//! let index = CorpusIndex::build(&entries, &cfg);
//! index.save(std::path::Path::new("korpus.idx"))?;
//! let case: beslutskoll::case::Case =
//!     copy::read_case_file(std::path::Path::new("examples/kopia_fel_namn_pronomen.yaml"))?;
//! let mut findings = copy::signals(&case, &cfg);
//! findings.extend(copy::near_copy_findings(&case, &index, &cfg)?);
//! # Ok(()) }
//! ```

pub mod audit;
pub mod corpus;
pub mod index;
pub mod individuell;
pub mod markta;
pub mod minhash;
pub mod names;
pub mod ordlistor;
mod scan;
pub mod shingle;
pub mod signals;
mod swar;
pub mod synth;
pub mod text;

pub use audit::{clusters, AuditSummary};
pub use corpus::{
    corpus_from_dir, near_copy_findings, read_case_file, CorpusEntry, CorpusError, CorpusText,
    PersonKey,
};
pub use index::{build_file, AddReport, BuildError, CorpusIndex, IndexError, Match, QueryOptions};
pub use signals::signals;

use crate::case::Case;

/// The supervisors' lists from the rule files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyConfig {
    /// Phrases that say nothing about the person ("behovet bedöms vara tillgodosett").
    /// A motivering made mostly of them is generic reasoning.
    pub stock_phrases: Vec<String>,
    /// Paragraphs meant to be the same in every decision (the appeal notice). They are
    /// ignored by every copy signal and removed before fingerprinting.
    pub standard_paragraphs: Vec<String>,
}

/// One text of the draft that copy detection reads, with its report path.
#[derive(Debug, Clone)]
pub struct DraftText<'a> {
    /// Dotted path, e.g. `beslut.0.motivering`.
    pub path: String,
    pub text: &'a str,
    /// The decision the text belongs to (`None` for the investigation's assessment).
    pub beslut: Option<usize>,
}

/// The texts copy detection reads: each decision's `motivering` and `mal`, and the
/// investigation's `bedomning`, in that order.
pub fn draft_texts(case: &Case) -> Vec<DraftText<'_>> {
    let mut out = Vec::new();
    for (i, b) in case.beslut.iter().enumerate() {
        if let Some(t) = b.motivering.as_deref() {
            out.push(DraftText {
                path: format!("beslut.{i}.motivering"),
                text: t,
                beslut: Some(i),
            });
        }
        if let Some(t) = b.mal.as_deref() {
            out.push(DraftText {
                path: format!("beslut.{i}.mal"),
                text: t,
                beslut: Some(i),
            });
        }
    }
    if let Some(t) = case.utredning.texter.bedomning.as_deref() {
        out.push(DraftText {
            path: "utredning.texter.bedomning".into(),
            text: t,
            beslut: None,
        });
    }
    out
}

/// The insats a finding on `text` concerns: its decision's, or for the assessment the
/// only decision's when there is one.
pub(crate) fn insats_of(case: &Case, text: &DraftText<'_>) -> Option<String> {
    match text.beslut {
        Some(i) => case.beslut.get(i).map(|b| b.insats.id().to_string()),
        None if case.beslut.len() == 1 => Some(case.beslut[0].insats.id().to_string()),
        None => None,
    }
}
