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

// ------------------------------------------------------------------ vocabulary

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Onskemal,
    Bakgrund,
    Behov,
    EgenInstallning,
    BarnetsInstallning,
    BarnetsBasta,
    OvrigtStod,
    Kontakter,
    Underlag,
    Kommunicering,
    Bedomning,
    Beslut,
    Motivering,
    Lagrum,
    Mal,
    Uppfoljning,
    Overklagande,
    Behovsomraden,
}

impl Section {
    fn path(self) -> &'static str {
        match self {
            Section::Onskemal => "ansokan.onskemal",
            Section::Bakgrund => "utredning.texter.bakgrund",
            Section::Behov => "utredning.texter.behov",
            Section::EgenInstallning => "utredning.texter.egen_installning",
            Section::BarnetsInstallning => "utredning.texter.barnets_installning",
            Section::BarnetsBasta => "utredning.texter.barnets_basta",
            Section::OvrigtStod => "utredning.texter.ovrigt_stod",
            Section::Kontakter => "utredning.kontakter",
            Section::Underlag => "underlag",
            Section::Kommunicering => "utredning.kommunicering",
            Section::Bedomning => "utredning.texter.bedomning",
            Section::Beslut => "beslut.0.utfall",
            Section::Motivering => "beslut.0.motivering",
            Section::Lagrum => "beslut.0.lagrum",
            Section::Mal => "beslut.0.mal",
            Section::Uppfoljning => "beslut.0.uppfoljning",
            Section::Overklagande => "beslut.0.overklagandehanvisning",
            Section::Behovsomraden => "utredning.behov",
        }
    }
}

/// Headings and their usual synonyms, in the normal form of [`normal`].
const HEADINGS: &[(&str, Section)] = &[
    ("ansökan", Section::Onskemal),
    ("ansökan och önskemål", Section::Onskemal),
    ("önskemål", Section::Onskemal),
    ("den enskildes önskemål", Section::Onskemal),
    ("bakgrund", Section::Bakgrund),
    ("bakgrund och nuvarande situation", Section::Bakgrund),
    ("nuvarande situation", Section::Bakgrund),
    ("behov", Section::Behov),
    ("behov och förutsättningar", Section::Behov),
    ("behovsbeskrivning", Section::Behov),
    ("förutsättningar och behov", Section::Behov),
    ("den enskildes inställning", Section::EgenInstallning),
    ("sökandens inställning", Section::EgenInstallning),
    ("egen inställning", Section::EgenInstallning),
    ("den enskildes uppfattning", Section::EgenInstallning),
    ("vårdnadshavarnas inställning", Section::EgenInstallning),
    ("barnets inställning", Section::BarnetsInstallning),
    ("barnets åsikter", Section::BarnetsInstallning),
    ("barnets åsikt", Section::BarnetsInstallning),
    ("barnets synpunkter", Section::BarnetsInstallning),
    ("barnets bästa", Section::BarnetsBasta),
    ("analys av barnets bästa", Section::BarnetsBasta),
    ("bedömning av barnets bästa", Section::BarnetsBasta),
    ("övrigt stöd", Section::OvrigtStod),
    ("andra insatser", Section::OvrigtStod),
    ("annat stöd", Section::OvrigtStod),
    ("övriga insatser", Section::OvrigtStod),
    ("nuvarande stöd", Section::OvrigtStod),
    ("kontakter", Section::Kontakter),
    ("utredningens genomförande", Section::Kontakter),
    ("genomförande", Section::Kontakter),
    ("underlag", Section::Underlag),
    ("handlingar", Section::Underlag),
    ("underlag i utredningen", Section::Underlag),
    ("kommunicering", Section::Kommunicering),
    ("kommunicering av utredningen", Section::Kommunicering),
    ("bedömning", Section::Bedomning),
    ("utredarens bedömning", Section::Bedomning),
    ("handläggarens bedömning", Section::Bedomning),
    ("sammanfattande bedömning", Section::Bedomning),
    ("beslut", Section::Beslut),
    ("motivering", Section::Motivering),
    ("motivering till beslutet", Section::Motivering),
    ("beslutsmotivering", Section::Motivering),
    ("skäl för beslutet", Section::Motivering),
    ("lagrum", Section::Lagrum),
    ("lagstöd", Section::Lagrum),
    ("tillämpligt lagrum", Section::Lagrum),
    ("mål", Section::Mal),
    ("mål med insatsen", Section::Mal),
    ("mål för insatsen", Section::Mal),
    ("uppföljning", Section::Uppfoljning),
    ("överklagande", Section::Overklagande),
    ("hur man överklagar", Section::Overklagande),
    ("hur du överklagar", Section::Overklagande),
    ("överklagandehänvisning", Section::Overklagande),
    ("behovsområden", Section::Behovsomraden),
    ("behov per område", Section::Behovsomraden),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fact {
    Namn,
    Fodelsedatum,
    Personnummer,
    Kon,
    Kommun,
    Arende,
    Handlaggare,
    Lag,
    Ansokningsdatum,
    SoktAv,
    Vardnadshavare,
    Ombud,
    Fullmakt,
    Personkrets,
    Intressen,
    Sysselsattning,
    Beslutsdatum,
    Insats,
    Form,
    SoktOmfattning,
    Utfall,
    Omfattning,
    GiltigFran,
    GiltigTill,
    Uppfoljning,
    Beslutsfattare,
    Paborjad,
    Avslutad,
    Overklagande,
}

impl Fact {
    fn path(self) -> &'static str {
        match self {
            Fact::Namn => "sokande.namn",
            Fact::Fodelsedatum => "sokande.fodelsedatum",
            Fact::Personnummer => "sokande.personnummer",
            Fact::Kon => "sokande.kon",
            Fact::Kommun => "arende.kommun",
            Fact::Arende => "arende.id",
            Fact::Handlaggare => "arende.handlaggare",
            Fact::Lag => "arende.lag",
            Fact::Ansokningsdatum => "ansokan.datum",
            Fact::SoktAv => "ansokan.sokt_av",
            Fact::Vardnadshavare => "sokande.vardnadshavare",
            Fact::Ombud => "sokande.ombud",
            Fact::Fullmakt => "sokande.ombud.fullmakt",
            Fact::Personkrets => "sokande.personkrets",
            Fact::Intressen => "sokande.intressen",
            Fact::Sysselsattning => "sokande.sysselsattning",
            Fact::Beslutsdatum => "beslut.0.datum",
            Fact::Insats => "beslut.0.insats",
            Fact::Form => "ansokan.insatser.0.form",
            Fact::SoktOmfattning => "ansokan.insatser.0.omfattning",
            Fact::Utfall => "beslut.0.utfall",
            Fact::Omfattning => "beslut.0.omfattning",
            Fact::GiltigFran => "beslut.0.giltig_fran",
            Fact::GiltigTill => "beslut.0.giltig_till",
            Fact::Uppfoljning => "beslut.0.uppfoljning",
            Fact::Beslutsfattare => "beslut.0.beslutsfattare",
            Fact::Paborjad => "utredning.paborjad",
            Fact::Avslutad => "utredning.avslutad",
            Fact::Overklagande => "beslut.0.overklagandehanvisning",
        }
    }
}

/// Labels of `Etikett: värde` lines, in the normal form of [`normal`].
const LABELS: &[(&str, Fact)] = &[
    ("namn", Fact::Namn),
    ("sökandens namn", Fact::Namn),
    ("sökande", Fact::Namn),
    ("den enskilde", Fact::Namn),
    ("födelsedatum", Fact::Fodelsedatum),
    ("född", Fact::Fodelsedatum),
    ("personnummer", Fact::Personnummer),
    ("kön", Fact::Kon),
    ("kommun", Fact::Kommun),
    ("ärende", Fact::Arende),
    ("dnr", Fact::Arende),
    ("diarienummer", Fact::Arende),
    ("ärendenummer", Fact::Arende),
    ("handläggare", Fact::Handlaggare),
    ("lag", Fact::Lag),
    ("ansökningsdatum", Fact::Ansokningsdatum),
    ("ansökan inkom", Fact::Ansokningsdatum),
    ("datum för ansökan", Fact::Ansokningsdatum),
    ("sökt av", Fact::SoktAv),
    ("ansökan gjord av", Fact::SoktAv),
    ("vårdnadshavare", Fact::Vardnadshavare),
    ("ombud", Fact::Ombud),
    ("fullmakt", Fact::Fullmakt),
    ("personkrets", Fact::Personkrets),
    ("intressen", Fact::Intressen),
    ("sysselsättning", Fact::Sysselsattning),
    ("beslutsdatum", Fact::Beslutsdatum),
    ("datum för beslut", Fact::Beslutsdatum),
    ("insats", Fact::Insats),
    ("sökt insats", Fact::Insats),
    ("form", Fact::Form),
    ("sökt omfattning", Fact::SoktOmfattning),
    ("beslut", Fact::Utfall),
    ("utfall", Fact::Utfall),
    ("omfattning", Fact::Omfattning),
    ("beviljad omfattning", Fact::Omfattning),
    ("giltigt från", Fact::GiltigFran),
    ("giltig från", Fact::GiltigFran),
    ("gäller från", Fact::GiltigFran),
    ("giltigt till", Fact::GiltigTill),
    ("giltig till", Fact::GiltigTill),
    ("gäller till", Fact::GiltigTill),
    ("giltigt till och med", Fact::GiltigTill),
    ("uppföljning", Fact::Uppfoljning),
    ("beslutsfattare", Fact::Beslutsfattare),
    ("utredningen påbörjad", Fact::Paborjad),
    ("utredning påbörjad", Fact::Paborjad),
    ("utredningen avslutad", Fact::Avslutad),
    ("utredning avslutad", Fact::Avslutad),
    ("överklagandehänvisning", Fact::Overklagande),
];

/// Lower case, without Markdown marks, list numbering, a trailing colon and extra
/// spaces: `## 3. Barnets Bästa:` → `barnets bästa`.
fn normal(s: &str) -> String {
    let s = s.trim().trim_start_matches('#').trim();
    let s = s
        .strip_prefix("- ")
        .or_else(|| s.strip_prefix("• "))
        .unwrap_or(s);
    let s = s.trim_matches(|c| c == '*' || c == '_').trim();
    // Numbering: `3.`, `3.1`, `3)`, `III.` is not handled (rare in these documents).
    let s = {
        let digits = s
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(s.len());
        let (num, rest) = s.split_at(digits);
        if !num.is_empty() && num.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            rest.trim_start_matches(')').trim_start()
        } else {
            s
        }
    };
    let s = s.trim_end().trim_end_matches(':').trim_end();
    let s = s.trim_matches(|c| c == '*' || c == '_').trim();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn heading_of(text: &str) -> Option<Section> {
    let n = normal(text);
    HEADINGS.iter().find(|(h, _)| *h == n).map(|&(_, s)| s)
}

fn label_of(text: &str) -> Option<Fact> {
    let n = normal(text);
    LABELS.iter().find(|(l, _)| *l == n).map(|&(_, f)| f)
}

/// Folds a word to the ids of the format: lower case, å ä → a, ö → o, spaces → `_`.
fn fold(s: &str) -> String {
    s.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            ' ' | '-' => '_',
            c => c,
        })
        .collect()
}

/// The insats (and form, where the words say it) named in Swedish words.
pub(crate) fn insats_of(text: &str) -> Option<(Insats, Option<&'static str>)> {
    let t = text.to_lowercase();
    let f = fold(&t);
    if let Some(i) = Insats::from_id(f.trim()) {
        return Some((i, None));
    }
    let has = |w: &str| t.contains(w);
    let found = if has("stödfamilj") {
        (Insats::Korttidsvistelse, Some("stodfamilj"))
    } else if has("korttidsvistelse") || has("korttidshem") {
        let form = has("korttidshem").then_some("korttidshem");
        (Insats::Korttidsvistelse, form)
    } else if has("korttidstillsyn") {
        (Insats::Korttidstillsyn, None)
    } else if has("personlig assistans") {
        (Insats::PersonligAssistans, None)
    } else if has("ledsagarservice") {
        (Insats::Ledsagarservice, None)
    } else if has("ledsagning") {
        (Insats::Ledsagning, None)
    } else if has("kontaktperson") {
        (Insats::Kontaktperson, None)
    } else if has("kontaktfamilj") {
        (Insats::Kontaktfamilj, None)
    } else if has("avlösarservice") {
        (Insats::Avlosarservice, None)
    } else if has("avlösning") {
        (Insats::Avlosning, None)
    } else if has("boende för barn") || (has("bostad") && has("barn")) {
        (Insats::BoendeBarn, None)
    } else if has("bostad med särskild service") || has("gruppbostad") || has("servicebostad") {
        (Insats::BostadVuxna, None)
    } else if has("daglig verksamhet") {
        (Insats::DagligVerksamhet, None)
    } else if has("råd och stöd") || has("råd och annat personligt stöd") {
        (Insats::RadOchStod, None)
    } else if has("ekonomiskt bistånd") || has("försörjningsstöd") {
        (Insats::EkonomisktBistand, None)
    } else if has("hemtjänst") {
        (Insats::Hemtjanst, None)
    } else if has("särskilt boende") || has("äldreboende") {
        (Insats::SarskiltBoende, None)
    } else {
        return None;
    };
    Some(found)
}

fn utfall_of(text: &str) -> Option<Utfall> {
    let t = text.to_lowercase();
    if t.contains("delvis") {
        Some(Utfall::DelvisBifall)
    } else if t.contains("avslag") || t.contains("avslås") || t.contains("avslår") {
        Some(Utfall::Avslag)
    } else if t.contains("bifall") || t.contains("beviljas") || t.contains("beviljar") {
        Some(Utfall::Bifall)
    } else {
        None
    }
}

const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("februari", 2),
    ("mars", 3),
    ("april", 4),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("september", 9),
    ("oktober", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("okt", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A date as written in the text: where it is (byte range) and its parts, which may
/// not be a day of the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DateAt {
    at: std::ops::Range<usize>,
    ymd: (i32, u32, u32),
}

impl DateAt {
    fn date(&self) -> Option<NaiveDate> {
        let (y, m, d) = self.ymd;
        NaiveDate::from_ymd_opt(y, m, d)
    }
}

fn date_patterns() -> &'static [regex::Regex; 3] {
    use std::sync::OnceLock;
    static RE: OnceLock<[regex::Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let months = MONTHS.iter().map(|(m, _)| *m).collect::<Vec<_>>().join("|");
        [
            regex::Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b").expect("date pattern"),
            regex::Regex::new(&format!(r"(?i)\b(\d{{1,2}})\s+({months})\.?\s+(\d{{4}})\b"))
                .expect("date pattern"),
            regex::Regex::new(r"\b(\d{1,2})/(\d{1,2})(?:\s+|\s*-\s*)(\d{4})\b")
                .expect("date pattern"),
        ]
    })
}

/// Every date written in the text, in the order they appear.
fn dates_in(text: &str) -> Vec<DateAt> {
    let [iso, named, slash] = date_patterns();
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let mut out = Vec::new();
    for c in iso.captures_iter(text) {
        if let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3)) {
            out.push(DateAt {
                at: all.range(),
                ymd: (num(y.as_str()) as i32, num(m.as_str()), num(d.as_str())),
            });
        }
    }
    for c in named.captures_iter(text) {
        if let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) {
            let month = m.as_str().to_lowercase();
            let mn = MONTHS
                .iter()
                .find(|(n, _)| *n == month)
                .map_or(0, |&(_, v)| v);
            out.push(DateAt {
                at: all.range(),
                ymd: (num(y.as_str()) as i32, mn, num(d.as_str())),
            });
        }
    }
    for c in slash.captures_iter(text) {
        if let (Some(all), Some(d), Some(m), Some(y)) = (c.get(0), c.get(1), c.get(2), c.get(3)) {
            out.push(DateAt {
                at: all.range(),
                ymd: (num(y.as_str()) as i32, num(m.as_str()), num(d.as_str())),
            });
        }
    }
    out.sort_by_key(|d| d.at.start);
    out
}

/// Parses a date of the forms people write (`2026-03-04`, `4 mars 2026`, `4/3 2026`).
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    dates_in(text).first().and_then(DateAt::date)
}

// ------------------------------------------------------------------ the reader

struct Reader<'a> {
    src: &'a Arc<Source>,
    name: &'a str,
    source: Vec<SourceEntry>,
    facts: Vec<(Fact, String, usize)>,
    sections: Vec<(Section, String, String, usize)>,
}

impl<'a> Reader<'a> {
    fn new(src: &'a Arc<Source>, name: &'a str) -> Self {
        Reader {
            src,
            name,
            source: Vec::new(),
            facts: Vec::new(),
            sections: Vec::new(),
        }
    }

    fn error(&self, at: std::ops::Range<usize>, message: String) -> CaseError {
        CaseError::new(CaseErrorKind::Document, self.src, at, message)
    }

    fn read(mut self, lines: &[Line]) -> Result<DocumentCase, CaseError> {
        // Split into sections. `current` is the open section: its kind (None for text
        // under an unknown heading or before the first), its heading as written.
        let mut current: Option<(Option<Section>, String, Vec<String>, usize)> = None;
        let mut any_heading = false;
        for line in lines {
            let raw = line.text.trim();
            if raw.is_empty() {
                if let Some((_, _, body, _)) = current.as_mut() {
                    body.push(String::new());
                }
                continue;
            }
            let markdown = raw.starts_with('#');
            let bare = raw.trim_start_matches('#').trim();
            // `Etikett: värde` with a known label and a value is a fact.
            if !line.styled && !markdown {
                if let Some((label, value)) = bare.split_once(':') {
                    let value = value.trim();
                    if !value.is_empty() && !label.trim().is_empty() {
                        if let Some(fact) = label_of(label) {
                            let col = line.start + line.text.find(value).unwrap_or(0);
                            self.facts.push((
                                fact,
                                value.trim_matches('*').trim().to_string(),
                                col,
                            ));
                            self.note(label.trim().trim_matches('*').trim(), fact.path());
                            continue;
                        }
                        // `Bedömning: text` on one line: a heading with its text.
                        if let Some(section) = heading_of(label) {
                            self.close(current.take());
                            any_heading = true;
                            current = Some((
                                Some(section),
                                label.trim().to_string(),
                                vec![value.to_string()],
                                line.start,
                            ));
                            continue;
                        }
                    }
                }
            }
            let known = heading_of(bare);
            if line.styled || markdown || known.is_some() {
                self.close(current.take());
                any_heading |= known.is_some();
                current = Some((known, bare.to_string(), Vec::new(), line.start));
                continue;
            }
            match current.as_mut() {
                Some((_, _, body, _)) => body.push(raw.to_string()),
                None => current = Some((None, String::new(), vec![raw.to_string()], line.start)),
            }
        }
        self.close(current.take());
        if !any_heading {
            let end = self.src.text.find('\n').unwrap_or(self.src.text.len());
            return Err(self
                .error(
                    0..end,
                    "dokumentet har ingen rubrik som känns igen; förväntade rubriker som Bakgrund, Behov, Bedömning och Beslut".into(),
                )
                .with_label("ingen känd rubrik i dokumentet")
                .with_help("skriv varje avsnitt under en egen rubrik, t.ex. `Bedömning` på en egen rad eller som Word-rubrik"));
        }
        self.build()
    }

    fn note(&mut self, rubrik: &str, falt: &str) {
        self.source.push(SourceEntry {
            rubrik: rubrik.to_string(),
            falt: falt.to_string(),
        });
    }

    fn close(&mut self, section: Option<(Option<Section>, String, Vec<String>, usize)>) {
        let Some((Some(kind), heading, body, at)) = section else {
            return;
        };
        // Contacts, documents and kommunicering are read a line at a time.
        let text = if matches!(
            kind,
            Section::Kontakter
                | Section::Underlag
                | Section::Kommunicering
                | Section::Behovsomraden
        ) {
            body.iter()
                .filter(|l| !l.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            paragraphs_of(&body)
        };
        if text.is_empty() {
            return;
        }
        self.note(&heading, kind.path());
        self.sections.push((kind, heading, text, at));
    }

    fn fact(&self, f: Fact) -> Option<(&str, usize)> {
        self.facts
            .iter()
            .rev()
            .find(|(k, _, _)| *k == f)
            .map(|(_, v, at)| (v.as_str(), *at))
    }

    fn text(&self, s: Section) -> Option<String> {
        let parts: Vec<&str> = self
            .sections
            .iter()
            .filter(|(k, ..)| *k == s)
            .map(|(_, _, t, _)| t.as_str())
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    /// The date in a fact's value; an error if it has none or it is not in the calendar.
    fn date_fact(&self, f: Fact, label: &str) -> Result<Option<NaiveDate>, CaseError> {
        let Some((value, at)) = self.fact(f) else {
            return Ok(None);
        };
        self.date_in(value, at, label).map(Some)
    }

    /// An optional date: a value without a date in it ("tills vidare", "om sex
    /// månader") leaves the date missing, for the rules; an impossible date is an error.
    fn optional_date(&self, f: Fact, label: &str) -> Result<Option<NaiveDate>, CaseError> {
        match self.fact(f) {
            Some((value, _)) if dates_in(value).is_empty() => Ok(None),
            _ => self.date_fact(f, label),
        }
    }

    fn date_in(&self, value: &str, at: usize, what: &str) -> Result<NaiveDate, CaseError> {
        match dates_in(value).first() {
            Some(d) => d.date().ok_or_else(|| {
                let (y, m, dd) = d.ymd;
                self.error(
                    at + d.at.start..at + d.at.end,
                    format!("{what}: datumet `{}` finns inte i kalendern ({y}-{m:02}-{dd:02})", &value[d.at.clone()]),
                )
                .with_label("omöjligt datum")
            }),
            None => Err(self
                .error(
                    at..at + value.len(),
                    format!("{what}: kan inte läsa `{value}` som ett datum; förväntade t.ex. 2026-03-04, 4 mars 2026 eller 4/3 2026"),
                )
                .with_label("inget datum")),
        }
    }

    fn missing(&self, what: &str, label: &str) -> CaseError {
        self.error(
            0..self.src.text.find('\n').unwrap_or(0),
            format!("dokumentet saknar {what}; förväntade en rad `{label}: …` i dokumentets huvud"),
        )
        .with_label(format!("`{label}` saknas"))
    }

    fn build(mut self) -> Result<DocumentCase, CaseError> {
        // The person.
        let namn = match self.fact(Fact::Namn) {
            Some((v, _)) => v.to_string(),
            None => return Err(self.missing("sökandens namn", "Namn")),
        };
        let personnummer = self
            .fact(Fact::Personnummer)
            .map(|(v, at)| (v.to_string(), at));
        let beslutsdatum = match self.date_fact(Fact::Beslutsdatum, "Beslutsdatum")? {
            Some(d) => d,
            None => return Err(self.missing("beslutsdatum", "Beslutsdatum")),
        };
        let fodelsedatum = match self.date_fact(Fact::Fodelsedatum, "Födelsedatum")? {
            Some(d) => d,
            None => match &personnummer {
                Some((pnr, at)) => self.birth_of(pnr, *at, beslutsdatum)?,
                None => {
                    return Err(self.missing(
                        "sökandens födelsedatum",
                        "Födelsedatum` eller `Personnummer",
                    ))
                }
            },
        };
        if personnummer.is_some() && self.fact(Fact::Fodelsedatum).is_none() {
            self.note("Personnummer", "sokande.fodelsedatum");
        }
        let ansokningsdatum = match self.date_fact(Fact::Ansokningsdatum, "Ansökningsdatum")? {
            Some(d) => d,
            None => return Err(self.missing("ansökningsdatum", "Ansökningsdatum")),
        };
        let (insats, form_word) = match self.fact(Fact::Insats) {
            Some((v, at)) => insats_of(v).ok_or_else(|| {
                self.error(
                    at..at + v.len(),
                    format!("okänd insats `{v}`; förväntade t.ex. korttidsvistelse, ledsagarservice, kontaktperson eller hemtjänst"),
                )
                .with_label("okänd insats")
            })?,
            None => return Err(self.missing("insats", "Insats")),
        };
        let lag = match self.fact(Fact::Lag) {
            Some((v, at)) => {
                let l = v.to_lowercase();
                if l.contains("lss") {
                    Lag::Lss
                } else if l.contains("sol") || l.contains("socialtjänstlag") {
                    Lag::Sol
                } else {
                    return Err(self
                        .error(
                            at..at + v.len(),
                            format!("okänd lag `{v}`; förväntade LSS eller SoL"),
                        )
                        .with_label("okänd lag"));
                }
            }
            None => match insats.laws() {
                [one] => *one,
                _ => {
                    let all = &self.src.text;
                    let lss = all.contains("LSS");
                    let sol = all.contains("SoL") || all.to_lowercase().contains("socialtjänstlag");
                    match (lss, sol) {
                        (true, false) => Lag::Lss,
                        (false, true) => Lag::Sol,
                        _ => return Err(self.missing("vilken lag beslutet gäller", "Lag")),
                    }
                }
            },
        };
        if self.fact(Fact::Lag).is_none() {
            self.note("Insats", "arende.lag");
        }

        let kon = match self.fact(Fact::Kon) {
            Some((v, at)) => Some(match fold(v).as_str() {
                "flicka" => Kon::Flicka,
                "pojke" => Kon::Pojke,
                "kvinna" => Kon::Kvinna,
                "man" => Kon::Man,
                "annat" => Kon::Annat,
                "okant" => Kon::Okant,
                _ => {
                    return Err(self
                        .error(at..at + v.len(), format!("okänt kön `{v}`; förväntade flicka, pojke, kvinna, man, annat eller okänt"))
                        .with_label("okänt värde"))
                }
            }),
            None => None,
        };
        let personkrets = match self.fact(Fact::Personkrets) {
            Some((v, at)) => {
                let mut k = Vec::new();
                for c in v.chars().filter(char::is_ascii_digit) {
                    match c {
                        '1' => k.push(1),
                        '2' => k.push(2),
                        '3' => k.push(3),
                        _ => {
                            return Err(self
                                .error(
                                    at..at + v.len(),
                                    format!(
                                        "personkrets `{v}` finns inte; förväntade 1, 2 eller 3"
                                    ),
                                )
                                .with_label("okänd personkrets"))
                        }
                    }
                }
                k
            }
            None => Vec::new(),
        };
        let sokt_av = self.fact(Fact::SoktAv).and_then(|(v, _)| {
            let f = fold(v);
            Some(match f.as_str() {
                s if s.starts_with("sokande") || s.starts_with("den_enskilde") => SoktAv::Sokande,
                s if s.starts_with("vardnadshavare") || s.starts_with("foraldr") => {
                    SoktAv::Vardnadshavare
                }
                s if s.starts_with("ombud") => SoktAv::Ombud,
                s if s.starts_with("god_man") => SoktAv::GodMan,
                s if s.starts_with("forvaltare") => SoktAv::Forvaltare,
                _ => return None,
            })
        });
        let sysselsattning = self.fact(Fact::Sysselsattning).and_then(|(v, _)| {
            Some(match fold(v).as_str() {
                "skola" => Sysselsattning::Skola,
                "studier" => Sysselsattning::Studier,
                "arbete" => Sysselsattning::Arbete,
                "ingen" => Sysselsattning::Ingen,
                _ => return None,
            })
        });
        let vardnadshavare = self
            .fact(Fact::Vardnadshavare)
            .map(|(v, _)| {
                names(v)
                    .into_iter()
                    .map(|namn| Person { namn, extra: None })
                    .collect()
            })
            .unwrap_or_default();
        let fullmakt = self
            .fact(Fact::Fullmakt)
            .and_then(|(v, _)| match fold(v).as_str() {
                "ja" | "finns" | "sant" => Some(true),
                "nej" | "saknas" | "falskt" => Some(false),
                _ => None,
            });
        let ombud = self.fact(Fact::Ombud).map(|(v, _)| Ombud {
            namn: v.to_string(),
            fullmakt,
            extra: None,
        });
        let value = |f: Fact| self.fact(f).map(|(v, _)| v.to_string());

        // The decision.
        let utfall = match self.fact(Fact::Utfall) {
            Some((v, _)) => utfall_of(v),
            None => self.text(Section::Beslut).as_deref().and_then(utfall_of),
        };
        // The follow-up day: a label, or the first date under the heading.
        let uppfoljning = match self.optional_date(Fact::Uppfoljning, "Uppföljning")? {
            Some(d) => Some(d),
            None => match self
                .sections
                .iter()
                .find(|(k, ..)| *k == Section::Uppfoljning)
            {
                Some((_, heading, t, at)) => match dates_in(t).first() {
                    Some(d) => Some(d.date().ok_or_else(|| {
                        self.error(
                            *at..*at + heading.len(),
                            format!(
                                "{heading}: datumet `{}` finns inte i kalendern",
                                &t[d.at.clone()]
                            ),
                        )
                        .with_label("omöjligt datum under rubriken")
                    })?),
                    None => None,
                },
                None => None,
            },
        };
        let overklagande = match self.fact(Fact::Overklagande) {
            Some((v, _)) => Some(matches!(
                fold(v).as_str(),
                "ja" | "sant" | "finns" | "bifogas"
            )),
            None => self.text(Section::Overklagande).map(|_| true),
        };
        let form = value(Fact::Form)
            .map(|f| fold(&f))
            .or(form_word.map(str::to_string));
        let beslut = Beslut {
            insats,
            datum: beslutsdatum,
            utfall,
            omfattning: value(Fact::Omfattning),
            lagrum: self.text(Section::Lagrum),
            giltig_fran: self.optional_date(Fact::GiltigFran, "Giltigt från")?,
            giltig_till: self.optional_date(Fact::GiltigTill, "Giltigt till")?,
            uppfoljning,
            mal: self.text(Section::Mal),
            motivering: self.text(Section::Motivering),
            overklagandehanvisning: overklagande,
            beslutsfattare: value(Fact::Beslutsfattare),
            extra: None,
        };

        // The investigation.
        let mut utredning = Utredning {
            paborjad: self.optional_date(Fact::Paborjad, "Utredningen påbörjad")?,
            avslutad: self.optional_date(Fact::Avslutad, "Utredningen avslutad")?,
            ..Utredning::default()
        };
        let t = &mut utredning.texter;
        t.bakgrund = self.text(Section::Bakgrund);
        t.behov = self.text(Section::Behov);
        t.egen_installning = self.text(Section::EgenInstallning);
        t.barnets_installning = self.text(Section::BarnetsInstallning);
        t.barnets_basta = self.text(Section::BarnetsBasta);
        t.ovrigt_stod = self.text(Section::OvrigtStod);
        t.bedomning = self.text(Section::Bedomning);
        if let Some(text) = self.text(Section::Kontakter) {
            utredning.kontakter = kontakter(&text);
        }
        if let Some(text) = self.text(Section::Kommunicering) {
            utredning.kommunicering = kommunicering(&text);
        }
        if let Some(text) = self.text(Section::Behovsomraden) {
            utredning.behov = behovsomraden(&text);
        }
        let underlag = self
            .text(Section::Underlag)
            .map(|t| underlag(&t))
            .unwrap_or_default();

        let id = value(Fact::Arende);
        let unnamed = id.is_none();
        let id = id.unwrap_or_else(|| self.name.to_string());
        let case = Case {
            format: Some(1),
            arende: Arende {
                id,
                lag,
                kommun: value(Fact::Kommun),
                handlaggare: value(Fact::Handlaggare),
                extra: None,
            },
            sokande: Sokande {
                namn,
                fodelsedatum,
                kon,
                personkrets,
                vardnadshavare,
                ombud,
                intressen: value(Fact::Intressen),
                sysselsattning,
                personnummer: personnummer.map(|(p, _)| p),
                extra: None,
            },
            ansokan: Ansokan {
                datum: ansokningsdatum,
                sokt_av,
                insatser: vec![SoktInsats {
                    insats,
                    omfattning: value(Fact::SoktOmfattning),
                    form,
                    extra: None,
                }],
                onskemal: self.text(Section::Onskemal),
                extra: None,
            },
            underlag,
            utredning,
            beslut: vec![beslut],
            kvitteringar: Vec::new(),
            extra: None,
        };
        if unnamed {
            self.note("(filnamnet)", "arende.id");
        }
        let warnings = warnings(&case);
        Ok(DocumentCase {
            file: CaseFile { case, warnings },
            source: self.source,
        })
    }

    /// The birth date in a personnummer (`YYYYMMDD-NNNN` or `YYMMDD-NNNN`; a
    /// samordningsnummer's day is 60 more). With two digits of year, `+` means a
    /// hundred years or more before the decision, `-` less.
    fn birth_of(&self, pnr: &str, at: usize, decided: NaiveDate) -> Result<NaiveDate, CaseError> {
        let digits: String = pnr.chars().filter(char::is_ascii_digit).collect();
        let bad = |why: &str| {
            self.error(
                at..at + pnr.len(),
                format!("Personnummer: `{pnr}` {why}; förväntade ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN"),
            )
            .with_label("ogiltigt personnummer")
        };
        let num = |s: &str| s.parse::<u32>().unwrap_or(0);
        let (year, rest) = match digits.len() {
            12 => (num(&digits[0..4]) as i32, &digits[4..]),
            10 => {
                let yy = num(&digits[0..2]) as i32;
                let mut year = decided.year() - (decided.year() - yy).rem_euclid(100);
                if pnr.contains('+') {
                    year -= 100;
                }
                (year, &digits[2..])
            }
            _ => return Err(bad("har fel antal siffror")),
        };
        let month = num(&rest[0..2]);
        let mut day = num(&rest[2..4]);
        if day > 60 {
            day -= 60;
        }
        NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| bad("innehåller inget datum som finns i kalendern"))
    }
}

/// Non-empty lines joined into paragraphs: lines of one paragraph with a space, blank
/// lines as paragraph breaks.
fn paragraphs_of(body: &[String]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut para = String::new();
    for line in body {
        if line.is_empty() {
            if !para.is_empty() {
                out.push(std::mem::take(&mut para));
            }
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(line);
        }
    }
    if !para.is_empty() {
        out.push(para);
    }
    out.join("\n\n")
}

/// Names in a list: `Sara Berg och Jonas Berg`, `Sara Berg, Jonas Berg`.
fn names(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|p| p.split(" och "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
}

/// Contacts, one a line with its date: `2026-09-05 hembesök med sökande och vårdnadshavare`.
/// A line without a date is not a contact the rules can count, and is left out.
fn kontakter(text: &str) -> Vec<Kontakt> {
    let mut out = Vec::new();
    for item in list_items(&text.replace("\n\n", "\n")) {
        let Some(datum) = parse_date(item) else {
            continue;
        };
        let l = item.to_lowercase();
        let form = if l.contains("hembesök") {
            Some(KontaktForm::Hembesok)
        } else if l.contains("besök") || l.contains("möte") {
            Some(KontaktForm::Besok)
        } else if l.contains("telefon") {
            Some(KontaktForm::Telefon)
        } else if l.contains("digital") || l.contains("video") || l.contains("teams") {
            Some(KontaktForm::Digitalt)
        } else if l.contains("brev") || l.contains("e-post") {
            Some(KontaktForm::Brev)
        } else {
            None
        };
        let med = match l.split_once(" med ") {
            Some((_, who)) => names(who.trim_end_matches('.'))
                .iter()
                .map(|w| match fold(w).as_str() {
                    "sokanden" | "den_enskilde" => "sokande".to_string(),
                    "vardnadshavarna" | "foraldrarna" => "vardnadshavare".to_string(),
                    f => f.to_string(),
                })
                .collect(),
            None => Vec::new(),
        };
        out.push(Kontakt {
            datum,
            form,
            med,
            extra: None,
        });
    }
    out
}

const DOCUMENT_WORDS: &[(&str, &str)] = &[
    ("underrättelse till försäkringskassan", "underrattelse_fk"),
    ("tidigare beslut", "tidigare_beslut"),
    ("beslut från försäkringskassan", "fk_beslut"),
    ("försäkringskassans beslut", "fk_beslut"),
    ("ansökan", "ansokan"),
    ("läkarintyg", "lakarintyg"),
    ("psykologutlåtande", "psykologutlatande"),
    ("arbetsterapeututlåtande", "arbetsterapeututlatande"),
    ("skolutlåtande", "skolutlatande"),
    ("fullmakt", "fullmakt"),
    ("genomförandeplan", "genomforandeplan"),
    ("individuell plan", "individuell_plan"),
    ("egenvårdsbedömning", "egenvardsbedomning"),
    ("kontoutdrag", "kontoutdrag"),
    ("hyresavtal", "hyresavtal"),
];

/// Documents, one a line: `Läkarintyg 2026-03-02 från BUP Exempelstad`.
fn underlag(text: &str) -> Vec<Underlag> {
    list_items(&text.replace("\n\n", "\n"))
        .map(|item| {
            let l = item.to_lowercase();
            let typ = DOCUMENT_WORDS
                .iter()
                .find(|(w, _)| l.starts_with(w))
                .or_else(|| DOCUMENT_WORDS.iter().find(|(w, _)| l.contains(w)))
                .map_or_else(
                    || {
                        let first = fold(l.split_whitespace().next().unwrap_or("annat"));
                        if super::KNOWN_DOCUMENT_TYPES.contains(&first.as_str()) {
                            first
                        } else {
                            "annat".to_string()
                        }
                    },
                    |(_, t)| t.to_string(),
                );
            let utfardare = item
                .find(" från ")
                .map(|i| {
                    item[i + " från ".len()..]
                        .trim()
                        .trim_end_matches('.')
                        .to_string()
                })
                .filter(|s| !s.is_empty());
            Underlag {
                typ,
                datum: parse_date(item),
                utfardare,
                insats: None,
                utfall: None,
                omfattning: None,
                giltig_fran: None,
                giltig_till: None,
                extra: None,
            }
        })
        .collect()
}

/// Needs by area, one a line: `Personlig vård: hjälp morgon och kväll (3,5 timmar per
/// vecka, grundläggande behov)`. A line whose area is not one of the format's is left
/// out: the rules can only count the areas they know.
fn behovsomraden(text: &str) -> Vec<super::Behov> {
    let mut out = Vec::new();
    for item in list_items(text) {
        let Some((area, rest)) = item.split_once(':') else {
            continue;
        };
        let Ok(omrade) =
            serde_json::from_value::<super::Omrade>(serde_json::Value::String(fold(&normal(area))))
        else {
            continue;
        };
        let mut beskrivning = rest.trim().to_string();
        let mut timmar = None;
        let mut grundlaggande = None;
        if let Some(open) = beskrivning.rfind('(') {
            let inner = beskrivning[open + 1..]
                .trim_end()
                .trim_end_matches(')')
                .to_lowercase();
            if inner.contains("timmar") || inner.contains("grundläggande") {
                if let Some(i) = inner.find("timmar") {
                    let num: String = inner[..i].trim().replace(',', ".");
                    let num = num.rsplit(' ').next().unwrap_or("");
                    timmar = num.parse::<f64>().ok();
                }
                if inner.contains("inte grundläggande") || inner.contains("ej grundläggande") {
                    grundlaggande = Some(false);
                } else if inner.contains("grundläggande") {
                    grundlaggande = Some(true);
                }
                beskrivning = beskrivning[..open].trim_end().to_string();
            }
        }
        out.push(super::Behov {
            omrade,
            beskrivning: (!beskrivning.is_empty()).then_some(beskrivning),
            timmar_per_vecka: timmar,
            grundlaggande,
            extra: None,
        });
    }
    out
}

/// `Skickad: D`, `Svar senast: D`, `Svar: text` lines, or a sentence with the day it
/// was sent and `senast` before the day an answer was due.
fn kommunicering(text: &str) -> Option<Kommunicering> {
    let mut k = Kommunicering {
        skickad: None,
        svar_senast: None,
        svar: None,
        extra: None,
    };
    let mut free = Vec::new();
    let text = text.replace("\n\n", "\n");
    for item in list_items(&text) {
        let (label, value) = item.split_once(':').unwrap_or(("", item));
        match normal(label).as_str() {
            "skickad" | "kommunicerad" | "skickades" => k.skickad = parse_date(value),
            "svar senast" | "sista svarsdag" => k.svar_senast = parse_date(value),
            "svar" | "synpunkter" => k.svar = Some(value.trim().to_string()),
            _ => free.push(item),
        }
    }
    for item in free {
        for d in dates_in(item) {
            let before = item[..d.at.start].to_lowercase();
            if before.trim_end().ends_with("senast") || before.trim_end().ends_with("senast den") {
                k.svar_senast = k.svar_senast.or(d.date());
            } else {
                k.skickad = k.skickad.or(d.date());
            }
        }
    }
    (k.skickad.is_some() || k.svar_senast.is_some() || k.svar.is_some()).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> DocumentCase {
        match read_text_document("utkast.txt", text) {
            Ok(d) => d,
            Err(e) => panic!("{}", e.to_diagnostic()),
        }
    }

    const HEAD: &str = "Namn: Alva Berg\nFödelsedatum: 2014-05-14\nAnsökningsdatum: 2026-08-20\nBeslutsdatum: 2026-10-12\nInsats: korttidsvistelse\n";

    #[test]
    fn every_heading_synonym_maps_to_its_field() {
        for (heading, section) in HEADINGS {
            for written in [
                heading.to_string(),
                format!("{}:", heading.to_uppercase()),
                format!("## 2. {heading}"),
                format!("3) {}", capitalised(heading)),
            ] {
                let text =
                    format!("{HEAD}\n{written}\nTexten i avsnittet, 2027-04-30, beviljas.\n");
                let d = doc(&text);
                assert!(
                    d.source
                        .iter()
                        .any(|s| s.falt == section.path() && normal(&s.rubrik) == *heading),
                    "{written}: {:?}",
                    d.source
                );
            }
        }
    }

    fn capitalised(s: &str) -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    }

    #[test]
    fn sections_fill_the_texts() {
        let d = doc(&format!(
            "{HEAD}\nBakgrund\nAlva bor med sina föräldrar.\nHon går i skolan.\n\nHon har en bror.\n\nBarnets åsikter:\nAlva vill sova borta.\n\n# Barnets bästa\nEn stödfamilj är bäst.\nÖvrigt stöd: Fritidshem.\nMotivering\nAlva behöver miljöombyte.\nLagrum\n9 § 6 LSS\nHur man överklagar\nSkriv till förvaltningsrätten.\n"
        ));
        let c = &d.file.case;
        let t = &c.utredning.texter;
        assert_eq!(
            t.bakgrund.as_deref(),
            Some("Alva bor med sina föräldrar. Hon går i skolan.\n\nHon har en bror.")
        );
        assert_eq!(
            t.barnets_installning.as_deref(),
            Some("Alva vill sova borta.")
        );
        assert_eq!(t.barnets_basta.as_deref(), Some("En stödfamilj är bäst."));
        assert_eq!(t.ovrigt_stod.as_deref(), Some("Fritidshem."));
        assert_eq!(t.behov, None, "not written, not guessed");
        assert_eq!(c.beslut[0].lagrum.as_deref(), Some("9 § 6 LSS"));
        assert_eq!(c.beslut[0].overklagandehanvisning, Some(true));
        assert_eq!(c.beslut[0].utfall, None);
        assert_eq!(c.arende.lag, Lag::Lss);
    }

    #[test]
    fn header_labels_give_the_facts() {
        let d = doc("Dnr: LSS-2026-1\nNamn: Alva Berg\nPersonnummer: 20140514-1234\nKön: Flicka\nKommun: Exempelkommun\nHandläggare: Kim\nAnsökan inkom: 20 augusti 2026\nSökt av: vårdnadshavare\nVårdnadshavare: Sara Berg och Jonas Berg\nOmbud: Ulla P\nFullmakt: ja\nPersonkrets: 1\nInsats: korttidsvistelse i stödfamilj\nSökt omfattning: 4 dygn per månad\nBeslut: Bifall\nOmfattning: 4 dygn per månad\nBeslutsdatum: 12/10 2026\nGiltigt från: 2026-11-01\nGiltigt till: 2027-10-31\nUppföljning: 30 april 2027\nBeslutsfattare: Kim\n\nBedömning\nText.\n");
        let c = &d.file.case;
        assert_eq!(c.arende.id, "LSS-2026-1");
        assert_eq!(c.sokande.namn, "Alva Berg");
        assert_eq!(
            c.sokande.fodelsedatum,
            NaiveDate::from_ymd_opt(2014, 5, 14).unwrap()
        );
        assert_eq!(c.sokande.personnummer.as_deref(), Some("20140514-1234"));
        assert_eq!(c.sokande.kon, Some(Kon::Flicka));
        assert_eq!(c.sokande.vardnadshavare.len(), 2);
        assert_eq!(c.sokande.personkrets, vec![1]);
        assert_eq!(
            c.sokande.ombud.as_ref().and_then(|o| o.fullmakt),
            Some(true)
        );
        assert_eq!(
            c.ansokan.datum,
            NaiveDate::from_ymd_opt(2026, 8, 20).unwrap()
        );
        assert_eq!(c.ansokan.sokt_av, Some(SoktAv::Vardnadshavare));
        assert_eq!(c.ansokan.insatser[0].form.as_deref(), Some("stodfamilj"));
        let b = &c.beslut[0];
        assert_eq!(b.insats, Insats::Korttidsvistelse);
        assert_eq!(b.utfall, Some(Utfall::Bifall));
        assert_eq!(b.datum, NaiveDate::from_ymd_opt(2026, 10, 12).unwrap());
        assert_eq!(b.giltig_till, NaiveDate::from_ymd_opt(2027, 10, 31));
        assert_eq!(b.uppfoljning, NaiveDate::from_ymd_opt(2027, 4, 30));
        assert_eq!(c.arende.lag, Lag::Lss);
        assert!(d.source.contains(&SourceEntry {
            rubrik: "Personnummer".into(),
            falt: "sokande.fodelsedatum".into()
        }));
    }

    #[test]
    fn markdown_and_words_instead_of_dates() {
        let d = doc("# Utredning och beslut enligt LSS\n\n**Namn:** Alva Berg\n- Födelsedatum: 14 maj 2014\n**Ansökningsdatum:** 2026-08-20\nBeslutsdatum: 12 oktober 2026\nInsats: korttidsvistelse\nGiltigt till: tills vidare\nUppföljning: inom sex månader\n\n## 1. Bedömning\nText.\n");
        let c = &d.file.case;
        assert_eq!(c.sokande.namn, "Alva Berg");
        assert_eq!(
            c.sokande.fodelsedatum,
            NaiveDate::from_ymd_opt(2014, 5, 14).unwrap()
        );
        assert_eq!(c.beslut[0].giltig_till, None);
        assert_eq!(c.beslut[0].uppfoljning, None);
        assert_eq!(c.utredning.texter.bedomning.as_deref(), Some("Text."));
        assert!(!d
            .source
            .iter()
            .any(|s| s.rubrik.contains("Utredning och beslut")));
        let e = err(&format!(
            "{HEAD}Uppföljning: 31 april 2027\nBedömning\nText\n"
        ));
        assert!(
            e.message().contains("finns inte i kalendern"),
            "{}",
            e.message()
        );
        let e = err("Namn: A\nFödelsedatum: snart\nBeslutsdatum: 2026-01-01\nBedömning\nText\n");
        assert!(e.message().contains("som ett datum"), "{}", e.message());
        assert_eq!((e.line(), e.column()), (2, 15));
    }

    #[test]
    fn ten_digit_personnummer_takes_the_century_before_the_decision() {
        let d = doc("Namn: A\nPersonnummer: 370514-1234\nAnsökningsdatum: 2025-07-01\nBeslutsdatum: 2025-08-01\nInsats: hemtjänst\nBedömning\nText.\n");
        assert_eq!(
            d.file.case.sokande.fodelsedatum,
            NaiveDate::from_ymd_opt(1937, 5, 14).unwrap()
        );
        assert_eq!(d.file.case.arende.lag, Lag::Sol);
        let d = doc("Namn: A\nPersonnummer: 140574-1234\nAnsökningsdatum: 2025-07-01\nBeslutsdatum: 2025-08-01\nInsats: hemtjänst\nBedömning\nText.\n");
        assert_eq!(
            d.file.case.sokande.fodelsedatum,
            NaiveDate::from_ymd_opt(2014, 5, 14).unwrap()
        );
    }

    #[test]
    fn date_forms() {
        let want = NaiveDate::from_ymd_opt(2026, 3, 4);
        for t in [
            "2026-03-04",
            "4 mars 2026",
            "den 4 mars 2026",
            "4/3 2026",
            "4/3-2026",
            "04 Mars 2026",
            "4 mar. 2026",
        ] {
            assert_eq!(parse_date(t), want, "{t}");
        }
        assert_eq!(parse_date("ingen dag"), None);
        assert_eq!(parse_date("2026-02-30"), None);
    }

    #[test]
    fn insats_words() {
        let cases = [
            ("korttidsvistelse", Insats::Korttidsvistelse, None),
            ("Stödfamilj", Insats::Korttidsvistelse, Some("stodfamilj")),
            (
                "korttidsvistelse på korttidshem",
                Insats::Korttidsvistelse,
                Some("korttidshem"),
            ),
            ("Ledsagarservice", Insats::Ledsagarservice, None),
            ("ledsagning", Insats::Ledsagning, None),
            ("kontaktperson", Insats::Kontaktperson, None),
            ("kontaktfamilj", Insats::Kontaktfamilj, None),
            ("hemtjänst", Insats::Hemtjanst, None),
            ("personlig assistans", Insats::PersonligAssistans, None),
            ("avlösarservice i hemmet", Insats::Avlosarservice, None),
            ("avlösning", Insats::Avlosning, None),
            ("korttidstillsyn", Insats::Korttidstillsyn, None),
            (
                "bostad med särskild service för barn",
                Insats::BoendeBarn,
                None,
            ),
            (
                "bostad med särskild service för vuxna",
                Insats::BostadVuxna,
                None,
            ),
            ("daglig verksamhet", Insats::DagligVerksamhet, None),
            ("råd och stöd", Insats::RadOchStod, None),
            ("ekonomiskt bistånd", Insats::EkonomisktBistand, None),
            ("särskilt boende", Insats::SarskiltBoende, None),
            ("bostad_vuxna", Insats::BostadVuxna, None),
        ];
        for (w, i, f) in cases {
            assert_eq!(insats_of(w), Some((i, f)), "{w}");
        }
        assert_eq!(insats_of("trädgårdshjälp"), None);
    }

    #[test]
    fn contacts_documents_and_kommunicering() {
        let d = doc(&format!("{HEAD}\nKontakter\n- 2026-09-05 hembesök med sökande och vårdnadshavare\n- 12 september 2026 telefon med skolan\n- Ett samtal utan datum\n\nUnderlag\n- Läkarintyg 2026-03-02 från BUP Exempelstad\n- Ansökan 2026-08-20\n\nKommunicering\nUtredningen kommunicerades 2026-10-01 med svar senast 2026-10-08.\nSvar: Inget att tillägga.\n"));
        let u = &d.file.case.utredning;
        assert_eq!(u.kontakter.len(), 2);
        assert_eq!(u.kontakter[0].form, Some(KontaktForm::Hembesok));
        assert_eq!(u.kontakter[0].med, vec!["sokande", "vardnadshavare"]);
        assert_eq!(u.kontakter[1].form, Some(KontaktForm::Telefon));
        let k = u.kommunicering.as_ref().unwrap();
        assert_eq!(k.skickad, NaiveDate::from_ymd_opt(2026, 10, 1));
        assert_eq!(k.svar_senast, NaiveDate::from_ymd_opt(2026, 10, 8));
        assert_eq!(k.svar.as_deref(), Some("Inget att tillägga."));
        let ul = &d.file.case.underlag;
        assert_eq!(ul[0].typ, "lakarintyg");
        assert_eq!(ul[0].utfardare.as_deref(), Some("BUP Exempelstad"));
        assert_eq!(ul[1].typ, "ansokan");
    }

    #[test]
    fn needs_by_area() {
        let d = doc(&format!("{HEAD}\nBehovsområden\n- Personlig vård: hjälp vid påklädning (3,5 timmar per vecka, grundläggande behov)\n- Hemliv: inköp (1.5 timmar per vecka)\n- Relationer: samma vuxna (se bilaga)\n- Trädgård: klippa gräs\n"));
        let b = &d.file.case.utredning.behov;
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].omrade, super::super::Omrade::PersonligVard);
        assert_eq!(b[0].beskrivning.as_deref(), Some("hjälp vid påklädning"));
        assert_eq!(b[0].timmar_per_vecka, Some(3.5));
        assert_eq!(b[0].grundlaggande, Some(true));
        assert_eq!(b[1].timmar_per_vecka, Some(1.5));
        assert_eq!(b[1].grundlaggande, None);
        assert_eq!(b[2].beskrivning.as_deref(), Some("samma vuxna (se bilaga)"));
    }

    fn err(text: &str) -> CaseError {
        match read_text_document("utkast.txt", text) {
            Ok(_) => panic!("read: {text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn errors_are_swedish_and_located() {
        let e = err("Det här är bara en text.\nUtan rubriker.\n");
        assert!(e.message().contains("ingen rubrik"), "{}", e.message());
        let e = err("Beslutsdatum: 2026-10-12\nBedömning\nText\n");
        assert!(e.message().contains("sökandens namn"), "{}", e.message());
        let e = err("Namn: A\nFödelsedatum: 2014-05-14\nBedömning\nText\n");
        assert!(e.message().contains("beslutsdatum"), "{}", e.message());
        let e = err(&format!(
            "{HEAD}Giltigt från: 2026-02-30\nBedömning\nText\n"
        ));
        assert!(
            e.message().contains("finns inte i kalendern"),
            "{}",
            e.message()
        );
        assert_eq!((e.line(), e.column()), (6, 15));
        assert_eq!(err("").kind(), CaseErrorKind::Document);
    }
}
