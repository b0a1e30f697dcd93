//! The register's file as written (`rules/lagrum.yaml`): the serde types only, with no
//! other dependency, so that the build script can read the file with them too
//! (`#[path]` in `build.rs`) and embed it in postcard form; reading the YAML at run
//! time was 8.6 M of the 27.6 M instructions of a one-case `check` process.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How sure the domain notes are of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
pub enum Status {
    /// Verified against the statute or another reliable source.
    V,
    /// Seen only in a secondary source: warnings only.
    S,
    /// Not confirmed: never an error, never named as the provision to use.
    #[serde(rename = "UNVERIFIED")]
    Unverified,
}

/// One law (one version of it) in the register.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    pub id: String,
    /// Versions of the same law share a family (`SoL`, `FL`).
    pub familj: String,
    /// How messages name it: `socialtjänstlagen (2025:400)`, `LSS`.
    pub namn: String,
    pub sfs: String,
    /// Names in running text that pick exactly this version.
    #[serde(default)]
    pub alias: Vec<String>,
    #[serde(default)]
    pub giltig_fran: Option<NaiveDate>,
    #[serde(default)]
    pub giltig_till: Option<NaiveDate>,
    /// Law ids that replaced it.
    #[serde(default)]
    pub ersatts_av: Vec<String>,
    pub status: Status,
    #[serde(default)]
    pub kalla: Option<String>,
}

impl Law {
    pub fn valid_on(&self, d: NaiveDate) -> bool {
        self.giltig_fran.is_none_or(|f| f <= d) && self.giltig_till.is_none_or(|t| d <= t)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFamily {
    pub(crate) familj: String,
    pub(crate) alias: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEntry {
    pub(crate) lag: String,
    #[serde(default)]
    pub(crate) kapitel: Option<u32>,
    #[serde(default)]
    pub(crate) paragraf: Option<String>,
    #[serde(default)]
    pub(crate) punkt: Option<u32>,
    #[serde(default)]
    pub(crate) stycke: Option<u32>,
    #[serde(default)]
    pub(crate) punkter: Option<u32>,
    pub(crate) om: String,
    #[serde(default)]
    pub(crate) giltig_fran: Option<NaiveDate>,
    #[serde(default)]
    pub(crate) giltig_till: Option<NaiveDate>,
    #[serde(default)]
    pub(crate) ersatts_av: Vec<String>,
    #[serde(default)]
    pub(crate) insatser: Vec<String>,
    pub(crate) status: Status,
    #[serde(default)]
    pub(crate) kalla: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRegister {
    pub(crate) familjer: Vec<RawFamily>,
    pub(crate) lagar: Vec<Law>,
    pub(crate) bestammelser: Vec<RawEntry>,
}
