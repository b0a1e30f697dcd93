//! How a finding is sorted and how serious it is: the two enums of the report format
//! that rule files name (`kategori`, `allvarlighet`). The main crate's `report`
//! module re-exports them beside the rest of the report.

use serde::{Deserialize, Serialize};

/// What part of the handling a finding concerns (report field `category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Rätt till insatsen.
    Eligibility,
    /// Utredningen.
    Investigation,
    /// Underlag.
    Documentation,
    /// Beslutets form: lagrum, motivering, tidsgräns, uppföljning, överklagandehänvisning.
    Decision,
    /// Kopierat eller mallartat beslut.
    Copy,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Eligibility,
        Category::Investigation,
        Category::Documentation,
        Category::Decision,
        Category::Copy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Eligibility => "eligibility",
            Category::Investigation => "investigation",
            Category::Documentation => "documentation",
            Category::Decision => "decision",
            Category::Copy => "copy",
        }
    }

    /// The Swedish heading used in the human report and on the web page.
    pub fn rubrik(self) -> &'static str {
        match self {
            Category::Eligibility => "Rätt till insatsen",
            Category::Investigation => "Utredningen",
            Category::Documentation => "Underlag",
            Category::Decision => "Beslutets form",
            Category::Copy => "Kopierad eller mallartad text",
        }
    }
}

/// How serious a finding is (report field `severity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must be put right before the decision is made.
    Error,
    /// Should be looked at.
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn ord(self) -> &'static str {
        match self {
            Severity::Error => "fel",
            Severity::Warning => "varning",
            Severity::Info => "info",
        }
    }
}
