//! The words of a draft: its headings, its labels, insats and utfall names, dates.

use super::*;

// ------------------------------------------------------------------ vocabulary

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
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
    pub(super) fn path(self) -> &'static str {
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
pub(super) const HEADINGS: &[(&str, Section)] = &[
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
pub(super) enum Fact {
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
    pub(super) fn path(self) -> &'static str {
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
pub(super) const LABELS: &[(&str, Fact)] = &[
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
pub(super) fn normal(s: &str) -> String {
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

pub(super) fn heading_of(text: &str) -> Option<Section> {
    let n = normal(text);
    HEADINGS.iter().find(|(h, _)| *h == n).map(|&(_, s)| s)
}

pub(super) fn label_of(text: &str) -> Option<Fact> {
    let n = normal(text);
    LABELS.iter().find(|(l, _)| *l == n).map(|&(_, f)| f)
}

/// Folds a word to the ids of the format: lower case, å ä → a, ö → o, spaces → `_`.
pub(super) fn fold(s: &str) -> String {
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

pub(super) fn utfall_of(text: &str) -> Option<Utfall> {
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

pub(super) const MONTHS: &[(&str, u32)] = &[
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
pub(super) struct DateAt {
    pub(super) at: std::ops::Range<usize>,
    pub(super) ymd: (i32, u32, u32),
}

impl DateAt {
    pub(super) fn date(&self) -> Option<NaiveDate> {
        let (y, m, d) = self.ymd;
        NaiveDate::from_ymd_opt(y, m, d)
    }
}

pub(super) fn date_patterns() -> &'static [regex::Regex; 3] {
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
pub(super) fn dates_in(text: &str) -> Vec<DateAt> {
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
