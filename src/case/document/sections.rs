//! Reading the body of a section: paragraphs, lists of names, contacts, documents,
//! areas of need, communication.

use super::*;

/// Non-empty lines joined into paragraphs: lines of one paragraph with a space, blank
/// lines as paragraph breaks.
pub(super) fn paragraphs_of(body: &[String]) -> String {
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
pub(super) fn names(text: &str) -> Vec<String> {
    text.split([',', ';'])
        .flat_map(|p| p.split(" och "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

pub(super) fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split('\n')
        .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
        .filter(|l| !l.is_empty())
}

/// Contacts, one a line with its date: `2026-09-05 hembesök med sökande och vårdnadshavare`.
/// A line without a date is not a contact the rules can count, and is left out.
pub(super) fn kontakter(text: &str) -> Vec<Kontakt> {
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

pub(super) const DOCUMENT_WORDS: &[(&str, &str)] = &[
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
pub(super) fn underlag(text: &str) -> Vec<Underlag> {
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
                        if crate::case::KNOWN_DOCUMENT_TYPES.contains(&first.as_str()) {
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
pub(super) fn behovsomraden(text: &str) -> Vec<crate::case::Behov> {
    let mut out = Vec::new();
    for item in list_items(text) {
        let Some((area, rest)) = item.split_once(':') else {
            continue;
        };
        let Ok(omrade) = serde_json::from_value::<crate::case::Omrade>(serde_json::Value::String(
            fold(&normal(area)),
        )) else {
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
        out.push(crate::case::Behov {
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
pub(super) fn kommunicering(text: &str) -> Option<Kommunicering> {
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
