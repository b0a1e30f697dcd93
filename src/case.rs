//! The case model: one application (ansökan) under LSS or SoL, its investigation and
//! the draft decisions, as described by `shared/spec/case-format.md` (format 1), with
//! the compatible extensions listed in `docs/arendeformat.md`.
//!
//! This is the only module that knows how a case file is read. YAML is read through
//! `serde_yaml` (the maintained `yaml_serde` crate under that name) and JSON through
//! `serde_json`; swapping the YAML crate means changing [`read_case`] and nothing else.
//!
//! Reading is strict where the format is strict (unknown keys, wrong types, impossible
//! dates are errors naming line and column) and lenient where it is lenient (every
//! optional section may be missing; whether it is *required* is for the rules).
//!
//! The typed structs are what Rust code uses (copy detection, the CLI). The rule
//! evaluator sees the same data as a [`Node`](crate::schema::Node) tree whose shape is described by the
//! static [`schema`](crate::schema), so that rule files can name any field by its path and the
//! checker can reject a misspelt path at load time.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub use beslutskoll_sprak::case::{Insats, Lag};

mod budget;
mod de;
mod document;
mod docx;
mod explain;
mod locate;
mod read;
pub mod schema_json;

pub use document::{
    document_kind, read_document_bytes, read_document_file, read_paragraphs, read_text_document,
    DocumentCase, DocumentKind, Paragraph, SourceEntry,
};
pub use docx::{docx_paragraphs, read_docx, MAX_DOCX_BYTES};
pub use read::{
    read_case, read_case_bytes, read_case_file, warnings, CaseError, CaseErrorKind, CaseFile,
    CaseWarning,
};

/// Free extra data allowed under `extra:` at any level; kept but never interpreted.
pub type Extra = Option<serde_json::Value>;

/// The whole case file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Format version; only `1` is known. Missing means 1.
    #[serde(default, deserialize_with = "de::format_version")]
    #[schema(schema_with = schema_json::format)]
    pub format: Option<u32>,
    #[serde(deserialize_with = "de::record")]
    pub arende: Arende,
    #[serde(deserialize_with = "de::record")]
    pub sokande: Sokande,
    #[serde(deserialize_with = "de::record")]
    pub ansokan: Ansokan,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub underlag: Vec<Underlag>,
    #[serde(default, deserialize_with = "de::null_default_record")]
    #[schema(nullable)]
    pub utredning: Utredning,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub beslut: Vec<Beslut>,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub kvitteringar: Vec<Kvittering>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Arende {
    #[serde(deserialize_with = "de::text")]
    pub id: String,
    pub lag: Lag,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub kommun: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub handlaggare: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kon {
    Flicka,
    Pojke,
    Kvinna,
    Man,
    Annat,
    Okant,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Sysselsattning {
    Skola,
    Studier,
    Arbete,
    Ingen,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Sokande {
    #[serde(deserialize_with = "de::text")]
    pub namn: String,
    #[serde(deserialize_with = "de::date")]
    pub fodelsedatum: NaiveDate,
    #[serde(default)]
    pub kon: Option<Kon>,
    /// Personkretsar under 1 § LSS found or claimed: 1, 2 or 3.
    #[serde(default, deserialize_with = "de::personkrets")]
    #[schema(schema_with = schema_json::personkrets)]
    pub personkrets: Vec<u8>,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub vardnadshavare: Vec<Person>,
    #[serde(default, deserialize_with = "de::opt_record")]
    pub ombud: Option<Ombud>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub intressen: Option<String>,
    #[serde(default)]
    pub sysselsattning: Option<Sysselsattning>,
    /// Extension (not in format 1's example): the applicant's personnummer, used by
    /// copy detection to tell a renewal from a copy of someone else's decision.
    #[serde(default, deserialize_with = "de::opt_text")]
    pub personnummer: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(deserialize_with = "de::text")]
    pub namn: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ombud {
    #[serde(deserialize_with = "de::text")]
    pub namn: String,
    #[serde(default)]
    pub fullmakt: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SoktAv {
    Sokande,
    Vardnadshavare,
    Ombud,
    GodMan,
    Forvaltare,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ansokan {
    #[serde(deserialize_with = "de::date")]
    pub datum: NaiveDate,
    #[serde(default)]
    pub sokt_av: Option<SoktAv>,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub insatser: Vec<SoktInsats>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub onskemal: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SoktInsats {
    pub insats: Insats,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub omfattning: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub form: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

/// Document types known to format 1. Other types are read as given and reported as a
/// warning, because rules can only match the types they know.
pub const KNOWN_DOCUMENT_TYPES: &[&str] = &[
    "ansokan",
    "lakarintyg",
    "psykologutlatande",
    "arbetsterapeututlatande",
    "skolutlatande",
    "fullmakt",
    "fk_beslut",
    "tidigare_beslut",
    "genomforandeplan",
    "individuell_plan",
    "egenvardsbedomning",
    "kontoutdrag",
    "hyresavtal",
    "annat",
    // Extension (not in format 1's list): the kommun's notice to Försäkringskassan
    // that the person may be entitled to assistansersättning (15 § 8 LSS); `datum`
    // is the day it was sent.
    "underrattelse_fk",
];

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Underlag {
    #[serde(deserialize_with = "de::text")]
    #[schema(schema_with = schema_json::underlagstyp)]
    pub typ: String,
    /// The document's date; for a decision (`tidigare_beslut`, `fk_beslut`) the day
    /// it was made, for `underrattelse_fk` the day the notice was sent.
    #[serde(default, deserialize_with = "de::opt_date")]
    pub datum: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub utfardare: Option<String>,
    // Extensions (not in format 1): what an earlier decision in the file decided.
    // Meant for `tidigare_beslut` and `fk_beslut`, accepted on any type.
    /// The insats the earlier decision was about; read like `beslut[].insats`.
    #[serde(default)]
    pub insats: Option<Insats>,
    /// What the earlier decision decided.
    #[serde(default)]
    pub utfall: Option<Utfall>,
    /// The scope it granted, as written (`"120 timmar per vecka"`).
    #[serde(default, deserialize_with = "de::opt_text")]
    pub omfattning: Option<String>,
    /// First day of the earlier decision's validity.
    #[serde(default, deserialize_with = "de::opt_date")]
    pub giltig_fran: Option<NaiveDate>,
    /// Last day of its validity. Missing is "no end date in the file": with
    /// `giltig_fran` given, the format reads that as a grant until further notice
    /// (tills vidare), see `docs/arendeformat.md`.
    #[serde(default, deserialize_with = "de::opt_date")]
    pub giltig_till: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Utredning {
    #[serde(default, deserialize_with = "de::opt_date")]
    pub paborjad: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_date")]
    pub avslutad: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub kontakter: Vec<Kontakt>,
    #[serde(default, deserialize_with = "de::null_default_record")]
    #[schema(nullable)]
    pub texter: Texter,
    #[serde(default, deserialize_with = "de::records")]
    #[schema(nullable)]
    pub behov: Vec<Behov>,
    #[serde(default, deserialize_with = "de::opt_record")]
    pub kommunicering: Option<Kommunicering>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KontaktForm {
    Hembesok,
    Besok,
    Telefon,
    Digitalt,
    Brev,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Kontakt {
    #[serde(deserialize_with = "de::date")]
    pub datum: NaiveDate,
    #[serde(default)]
    pub form: Option<KontaktForm>,
    /// Who took part (`sokande`, `vardnadshavare`, ...). Format 1 names no closed
    /// list, so any text is accepted.
    #[serde(default, deserialize_with = "de::texts")]
    #[schema(nullable)]
    pub med: Vec<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Texter {
    #[serde(default, deserialize_with = "de::opt_text")]
    pub bakgrund: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub behov: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub egen_installning: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub barnets_installning: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub barnets_basta: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub ovrigt_stod: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub bedomning: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Omrade {
    Larande,
    AllmannaUppgifter,
    Kommunikation,
    Forflyttning,
    PersonligVard,
    Hemliv,
    Relationer,
    Samhallsgemenskap,
    Halsa,
    Andning,
    Maltider,
    Overvakning,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Behov {
    pub omrade: Omrade,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub beskrivning: Option<String>,
    #[serde(default)]
    pub timmar_per_vecka: Option<f64>,
    #[serde(default)]
    pub grundlaggande: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Kommunicering {
    #[serde(default, deserialize_with = "de::opt_date")]
    pub skickad: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_date")]
    pub svar_senast: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub svar: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Utfall {
    Bifall,
    DelvisBifall,
    Avslag,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Beslut {
    pub insats: Insats,
    #[serde(deserialize_with = "de::date")]
    pub datum: NaiveDate,
    #[serde(default)]
    pub utfall: Option<Utfall>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub omfattning: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub lagrum: Option<String>,
    #[serde(default, deserialize_with = "de::opt_date")]
    pub giltig_fran: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_date")]
    pub giltig_till: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_date")]
    pub uppfoljning: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub mal: Option<String>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub motivering: Option<String>,
    #[serde(default)]
    pub overklagandehanvisning: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub beslutsfattare: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Kvittering {
    #[serde(deserialize_with = "de::text")]
    pub regel: String,
    #[serde(deserialize_with = "de::text")]
    pub skal: String,
    #[serde(default, deserialize_with = "de::opt_text")]
    pub av: Option<String>,
    #[serde(default, deserialize_with = "de::opt_date")]
    pub datum: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "de::extra"
    )]
    #[schema(schema_with = schema_json::extra)]
    pub extra: Extra,
}
