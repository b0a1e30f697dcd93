//! Earlier decisions: reading a corpus folder, and the near-copy findings for a draft.
//!
//! A corpus folder holds case files (`.yaml`, `.yml`, `.json`, whose `bedomning` and
//! each `motivering` are indexed) and plain `.txt` decisions (the file stem is the id).
//! The texts live only in the returned [`CorpusEntry`] values, long enough to be
//! fingerprinted; the index keeps none of them.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::index::{IndexError, Part, QueryOptions};
use super::signals::LAGRUM_FL;
use super::text::words;
use super::{draft_texts, insats_of, CopyConfig, CorpusIndex};
use crate::case::Case;
use crate::report::{Category, Evidence, Finding, Severity, Span};

pub use super::index::PersonKey;

/// One text of an earlier case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusText {
    pub part: Part,
    pub text: String,
}

/// One earlier decision or case, ready to be fingerprinted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusEntry {
    /// `arende.id`, or the `.txt` file's stem.
    pub id: String,
    pub texts: Vec<CorpusText>,
    pub person: PersonKey,
}

impl CorpusEntry {
    /// The entry for a case file: its `bedomning` and every decision's `motivering`.
    pub fn from_case(case: &Case) -> CorpusEntry {
        let mut texts = Vec::new();
        if let Some(t) = &case.utredning.texter.bedomning {
            texts.push(CorpusText {
                part: Part::Bedomning,
                text: t.clone(),
            });
        }
        for (i, b) in case.beslut.iter().enumerate() {
            if let Some(t) = &b.motivering {
                texts.push(CorpusText {
                    part: Part::Motivering(u16::try_from(i).unwrap_or(u16::MAX)),
                    text: t.clone(),
                });
            }
        }
        CorpusEntry {
            id: case.arende.id.clone(),
            texts,
            person: person_key(case),
        }
    }

    /// The entry for a plain decision text.
    pub fn from_text(id: impl Into<String>, text: impl Into<String>) -> CorpusEntry {
        CorpusEntry {
            id: id.into(),
            texts: vec![CorpusText {
                part: Part::Text,
                text: text.into(),
            }],
            person: PersonKey::default(),
        }
    }
}

/// The applicant's [`PersonKey`].
pub fn person_key(case: &Case) -> PersonKey {
    let s = &case.sokande;
    PersonKey::new(
        s.personnummer.as_deref(),
        Some(&s.namn),
        Some(s.fodelsedatum),
    )
}

/// Lower-case name words of everyone the case file names as a person.
pub fn people_names(case: &Case) -> HashSet<String> {
    let s = &case.sokande;
    let mut names: Vec<&str> = vec![&s.namn];
    names.extend(s.vardnadshavare.iter().map(|p| p.namn.as_str()));
    names.extend(s.ombud.as_ref().map(|o| o.namn.as_str()));
    names.extend(case.arende.handlaggare.as_deref());
    names.extend(
        case.beslut
            .iter()
            .filter_map(|b| b.beslutsfattare.as_deref()),
    );
    names
        .into_iter()
        .flat_map(|n| {
            words(n)
                .into_iter()
                .map(|w| w.text.to_lowercase())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("kunde inte läsa `{path}`: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("`{path}` är inte en giltig ärendefil: {message}")]
    Case { path: PathBuf, message: String },
    #[error("{} filer i korpusen kunde inte läsas:\n{}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Many(Vec<CorpusError>),
}

/// Read a case file (YAML or JSON) through the one case reader, so a bad corpus file
/// is reported with its line and column like any other case file.
pub fn read_case_file(path: &Path) -> Result<Case, CorpusError> {
    crate::case::read_case_file(path)
        .map(|f| f.case)
        .map_err(|e| CorpusError::Case {
            path: path.to_path_buf(),
            message: e.to_diagnostic().to_string(),
        })
}

fn is_case_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml" | "json")
    )
}

fn is_text_file(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()) == Some("txt")
}

/// The case files and `.txt` decisions in `dir` (not its subfolders), in file-name
/// order.
pub fn corpus_paths(dir: &Path) -> Result<Vec<PathBuf>, CorpusError> {
    let io = |source| CorpusError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && (is_case_file(p) || is_text_file(p)))
        .collect();
    paths.sort();
    Ok(paths)
}

/// The entry for one corpus file: a case file's, or a `.txt` decision's (the file stem
/// is the id).
pub fn read_entry(p: &Path) -> Result<CorpusEntry, CorpusError> {
    if is_text_file(p) {
        let text = std::fs::read_to_string(p).map_err(|source| CorpusError::Io {
            path: p.to_path_buf(),
            source,
        })?;
        let id = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        Ok(CorpusEntry::from_text(id, text))
    } else {
        read_case_file(p).map(|c| CorpusEntry::from_case(&c))
    }
}

/// Read every case file and `.txt` decision in `dir` (not its subfolders), in file-name
/// order, on all cores. Every unreadable file is reported, not only the first. This
/// holds every text in memory; `corpus build` streams instead ([`super::index::build_file`]).
pub fn corpus_from_dir(dir: &Path) -> Result<Vec<CorpusEntry>, CorpusError> {
    let paths = corpus_paths(dir)?;
    let results: Vec<Result<CorpusEntry, CorpusError>> =
        paths.par_iter().map(|p| read_entry(p)).collect();
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(e) => entries.push(e),
            Err(e) => errors.push(e),
        }
    }
    match errors.len() {
        0 => Ok(entries),
        1 => Err(errors.remove(0)),
        _ => Err(CorpusError::Many(errors)),
    }
}

/// Earlier decisions in `index` that the draft's `motivering`s or `bedomning` nearly
/// copy (Jaccard ≥ 0.8 on normalised 5-word shingles, standard paragraphs removed).
///
/// A match with another person's decision is a warning (`kopia.nara_kopia`); one with
/// the same person's earlier decision, a renewal, is `info` (`kopia.samma_person`). The
/// draft's own case id in the index is skipped.
///
/// An error when a part of the index the query reads is damaged (see
/// [`CorpusIndex::verify`]).
pub fn near_copy_findings(
    case: &Case,
    index: &CorpusIndex,
    cfg: &CopyConfig,
) -> Result<Vec<Finding>, IndexError> {
    near_copy_findings_with(case, index, cfg, &QueryOptions::default())
}

/// [`near_copy_findings`] with explicit query options.
pub fn near_copy_findings_with(
    case: &Case,
    index: &CorpusIndex,
    cfg: &CopyConfig,
    opts: &QueryOptions,
) -> Result<Vec<Finding>, IndexError> {
    let me = person_key(case);
    let standard = index.standard_for(cfg);
    let mut out = Vec::new();
    for t in draft_texts(case) {
        if t.path.ends_with(".mal") {
            continue;
        }
        let p = super::index::Prepared::new(t.text, &standard);
        // One finding per earlier case: its best-matching text.
        let mut seen = HashSet::new();
        for m in index.query_prepared(&p, opts)? {
            if m.id == case.arende.id || !seen.insert(m.id.clone()) {
                continue;
            }
            let same = me.same_person(&m.person);
            let pct = format!("{:.2}", m.similarity).replace('.', ",");
            let spans: Vec<Span> = m
                .sentences
                .iter()
                .map(|r| Span {
                    path: t.path.clone(),
                    start: r.start,
                    end: r.end,
                    text: t.text[r.clone()].to_string(),
                })
                .collect();
            let total = super::text::sentences(t.text).len();
            let (rule, severity, message, kind) = if same {
                (
                    "kopia.samma_person",
                    Severity::Info,
                    format!(
                        "Texten liknar ett tidigare beslut för samma person (ärende {}, likhet {pct}): se till att den beskriver behoven som de är nu.",
                        m.id
                    ),
                    "same_person",
                )
            } else {
                (
                    "kopia.nara_kopia",
                    Severity::Warning,
                    format!(
                        "Texten är nästan en kopia av beslutet i ärende {} (likhet {pct}), som gäller en annan person: skriv en egen bedömning utifrån den här utredningen.",
                        m.id
                    ),
                    "near_copy",
                )
            };
            let mut f = Finding::new(rule, Category::Copy, severity, t.path.clone(), message);
            f.insats = insats_of(case, &t);
            if !same {
                f.lagrum = Some(LAGRUM_FL.into());
            }
            f.explanation = Some(format!(
                "{} av textens {total} meningar finns nästan ordagrant i {} i ärende {}. Likheten är Jaccard-likheten mellan femordsföljder, räknad efter att namn, tal, datum och pronomen har ersatts och standardstyckena tagits bort.",
                spans.len(),
                match m.part {
                    Part::Text => "beslutstexten".to_string(),
                    Part::Bedomning => "bedömningen".to_string(),
                    Part::Motivering(_) => "motiveringen".to_string(),
                },
                m.id
            ));
            f.evidence = Some(Evidence {
                kind: kind.into(),
                matched: None,
                other_case: Some(m.id.clone()),
                similarity: Some((m.similarity * 1000.0).round() / 1000.0),
                spans,
            });
            out.push(f);
        }
    }
    Ok(out)
}
