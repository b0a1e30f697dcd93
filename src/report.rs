//! The check report of `shared/spec/report-format.md` (version 1): one [`Finding`]
//! type that every stage emits (rules, copy detection, case warnings), and one
//! [`Report`] value that the CLI renders as human text or JSON and the HTTP service
//! returns as its body. Renderings live in `render.rs`; there are no separate string
//! builders per output.
//!
//! Keys of the JSON form are the contract: they may be added to, never renamed.

use serde::Serialize;
use utoipa::ToSchema;

pub use beslutskoll_sprak::report::{Category, Severity};

/// A finding the case's `kvitteringar` mark as weighed.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Acknowledged {
    pub reason: String,
    pub by: Option<String>,
    pub date: Option<String>,
}

/// Byte span in one text of the case, with the path of that text.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Span {
    /// Dotted path of the text the span is in, e.g. `beslut.0.motivering`.
    pub path: String,
    /// Byte offsets into that text, start inclusive, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The text of the span itself.
    pub text: String,
}

/// What a copy finding matched (report field `evidence`).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Evidence {
    /// What kind of signal: `foreign_name`, `foreign_personnummer`, `pronoun`,
    /// `placeholder`, `wrong_insats`, `wrong_law`, `age`, `date`, `generic`,
    /// `near_copy`, `same_person`.
    pub kind: String,
    /// The matched text (a foreign name, a placeholder, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
    /// For near-copies: the id of the earlier decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub other_case: Option<String>,
    /// For near-copies: estimated Jaccard similarity of 5-word shingles (0..1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f64>,
    /// Where in the draft.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub spans: Vec<Span>,
}

/// One finding: the unit every stage produces and every rendering shows.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Finding {
    /// Rule id, e.g. `lss.korttidsvistelse.barnets_basta`.
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// The insats of the decision the finding concerns, if any.
    pub insats: Option<String>,
    /// The provision the finding rests on; a guideline cites its own name.
    pub lagrum: Option<String>,
    /// Dotted path into the case, list items by index.
    pub path: String,
    /// One sentence in Swedish for the handläggare.
    pub message: String,
    /// The facts of this case that made the rule apply.
    pub explanation: Option<String>,
    /// What the rule rests on: `lag` (statute), `praxis` (good practice) or
    /// `riktlinje` (a municipal guideline). Added key, version 1 compatible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    /// Case data the rule needed but the case lacks (the finding then says the rule
    /// could not be tried). Added key, version 1 compatible.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Set when a municipal guideline changed or switched off the rule: the
    /// guideline and its stated reason. Added key, version 1 compatible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<Acknowledged>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

impl Finding {
    /// A finding with no acknowledgement, evidence, basis or missing data.
    pub fn new(
        rule: impl Into<String>,
        category: Category,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.into(),
            category,
            severity,
            insats: None,
            lagrum: None,
            path: path.into(),
            message: message.into(),
            explanation: None,
            basis: None,
            missing: Vec::new(),
            adjusted: None,
            acknowledged: None,
            evidence: None,
        }
    }
}

/// One rule-set version that was used for a report.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RulesetUse {
    pub id: String,
    pub version: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// The file the version was read from, relative to its rule folder root
    /// (e.g. `rules/lss/korttidsvistelse.regler`).
    pub source: String,
    /// `sha256:` + hex of the rule file's text, so a printed report can be traced
    /// to the exact rules. Added key, version 1 compatible.
    pub hash: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub acknowledged: usize,
}

/// The report for one case.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Report {
    /// `arende.id` of the case.
    pub case: String,
    pub rulesets: Vec<RulesetUse>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Only for a case read from a draft document (`.docx`, `.txt`, `.md`): which
    /// heading or label of the document became which case path, in the order of the
    /// document. Added key, version 1 compatible.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Vec<crate::case::SourceEntry>>,
}

impl Report {
    /// Recount `summary` from `findings`: acknowledged findings count only as
    /// acknowledged, never towards their severity.
    pub fn summarise(&mut self) {
        let mut s = Summary::default();
        for f in &self.findings {
            if f.acknowledged.is_some() {
                s.acknowledged += 1;
                continue;
            }
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Info => s.info += 1,
            }
        }
        self.summary = s;
    }

    /// True if the report holds an unacknowledged `error` (exit status 1).
    pub fn has_errors(&self) -> bool {
        self.summary.error > 0
    }
}
