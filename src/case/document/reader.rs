//! The reader: a draft's lines to a case, section by section.

use super::*;

// ------------------------------------------------------------------ the reader

pub(super) struct Reader<'a> {
    src: &'a Arc<Source>,
    name: &'a str,
    source: Vec<SourceEntry>,
    facts: Vec<(Fact, String, usize)>,
    sections: Vec<(Section, String, String, usize)>,
}

impl<'a> Reader<'a> {
    pub(super) fn new(src: &'a Arc<Source>, name: &'a str) -> Self {
        Reader {
            src,
            name,
            source: Vec::new(),
            facts: Vec::new(),
            sections: Vec::new(),
        }
    }

    pub(super) fn error(&self, at: std::ops::Range<usize>, message: String) -> CaseError {
        CaseError::new(CaseErrorKind::Document, self.src, at, message)
    }

    pub(super) fn read(mut self, lines: &[Line]) -> Result<DocumentCase, CaseError> {
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

    pub(super) fn note(&mut self, rubrik: &str, falt: &str) {
        self.source.push(SourceEntry {
            rubrik: rubrik.to_string(),
            falt: falt.to_string(),
        });
    }

    pub(super) fn close(&mut self, section: Option<(Option<Section>, String, Vec<String>, usize)>) {
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

    pub(super) fn fact(&self, f: Fact) -> Option<(&str, usize)> {
        self.facts
            .iter()
            .rev()
            .find(|(k, _, _)| *k == f)
            .map(|(_, v, at)| (v.as_str(), *at))
    }

    pub(super) fn text(&self, s: Section) -> Option<String> {
        let parts: Vec<&str> = self
            .sections
            .iter()
            .filter(|(k, ..)| *k == s)
            .map(|(_, _, t, _)| t.as_str())
            .collect();
        (!parts.is_empty()).then(|| parts.join("\n\n"))
    }

    /// The date in a fact's value; an error if it has none or it is not in the calendar.
    pub(super) fn date_fact(&self, f: Fact, label: &str) -> Result<Option<NaiveDate>, CaseError> {
        let Some((value, at)) = self.fact(f) else {
            return Ok(None);
        };
        self.date_in(value, at, label).map(Some)
    }

    /// An optional date: a value without a date in it ("tills vidare", "om sex
    /// månader") leaves the date missing, for the rules; an impossible date is an error.
    pub(super) fn optional_date(
        &self,
        f: Fact,
        label: &str,
    ) -> Result<Option<NaiveDate>, CaseError> {
        match self.fact(f) {
            Some((value, _)) if dates_in(value).is_empty() => Ok(None),
            _ => self.date_fact(f, label),
        }
    }

    pub(super) fn date_in(
        &self,
        value: &str,
        at: usize,
        what: &str,
    ) -> Result<NaiveDate, CaseError> {
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

    pub(super) fn missing(&self, what: &str, label: &str) -> CaseError {
        self.error(
            0..self.src.text.find('\n').unwrap_or(0),
            format!("dokumentet saknar {what}; förväntade en rad `{label}: …` i dokumentets huvud"),
        )
        .with_label(format!("`{label}` saknas"))
    }

    pub(super) fn build(mut self) -> Result<DocumentCase, CaseError> {
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
    pub(super) fn birth_of(
        &self,
        pnr: &str,
        at: usize,
        decided: NaiveDate,
    ) -> Result<NaiveDate, CaseError> {
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
