//! A test-only writer of drafts: a case file written back as the document a
//! handläggare would write (a header of `Etikett: värde` lines, then a heading per
//! section), as plain text or as a minimal Word file.

#![allow(dead_code)]

use beslutskoll::case::{Case, Insats, Kon, KontaktForm, SoktAv, Sysselsattning, Utfall};

/// One paragraph: its text and whether it is a heading.
pub type Para = (String, bool);

fn d(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The case as paragraphs. `None` when the case holds data a draft has no words for
/// here (a list of needs with hours, facts about earlier decisions, acknowledgements,
/// more than one decision).
pub fn paragraphs(case: &Case) -> Option<Vec<Para>> {
    if case.beslut.len() != 1
        || case.ansokan.insatser.len() != 1
        || !case.kvitteringar.is_empty()
        || case.underlag.iter().any(|u| {
            u.insats.is_some()
                || u.utfall.is_some()
                || u.omfattning.is_some()
                || u.giltig_fran.is_some()
        })
    {
        return None;
    }
    let b = &case.beslut[0];
    let sokt = &case.ansokan.insatser[0];
    if sokt.insats != b.insats {
        return None;
    }
    let mut out: Vec<Para> = Vec::new();
    let mut label = |l: &str, v: String| out.push((format!("{l}: {v}"), false));
    label("Dnr", case.arende.id.clone());
    if b.insats.laws().len() > 1 {
        label("Lag", case.arende.lag.as_str().to_string());
    }
    if let Some(k) = &case.arende.kommun {
        label("Kommun", k.clone());
    }
    if let Some(h) = &case.arende.handlaggare {
        label("Handläggare", h.clone());
    }
    let s = &case.sokande;
    label("Namn", s.namn.clone());
    match &s.personnummer {
        Some(p) => label("Personnummer", p.clone()),
        None => label("Födelsedatum", d(s.fodelsedatum)),
    }
    if let Some(k) = s.kon {
        let w = match k {
            Kon::Flicka => "flicka",
            Kon::Pojke => "pojke",
            Kon::Kvinna => "kvinna",
            Kon::Man => "man",
            Kon::Annat => "annat",
            Kon::Okant => "okänt",
        };
        label("Kön", w.to_string());
    }
    if !s.personkrets.is_empty() {
        let k: Vec<String> = s.personkrets.iter().map(u8::to_string).collect();
        label("Personkrets", k.join(", "));
    }
    if !s.vardnadshavare.is_empty() {
        let v: Vec<&str> = s.vardnadshavare.iter().map(|p| p.namn.as_str()).collect();
        label("Vårdnadshavare", v.join(", "));
    }
    if let Some(o) = &s.ombud {
        label("Ombud", o.namn.clone());
        if let Some(f) = o.fullmakt {
            label("Fullmakt", if f { "ja" } else { "nej" }.to_string());
        }
    }
    if let Some(i) = &s.intressen {
        label("Intressen", i.clone());
    }
    if let Some(x) = s.sysselsattning {
        let w = match x {
            Sysselsattning::Skola => "skola",
            Sysselsattning::Studier => "studier",
            Sysselsattning::Arbete => "arbete",
            Sysselsattning::Ingen => "ingen",
        };
        label("Sysselsättning", w.to_string());
    }
    label("Ansökningsdatum", d(case.ansokan.datum));
    if let Some(a) = case.ansokan.sokt_av {
        let w = match a {
            SoktAv::Sokande => "sökande",
            SoktAv::Vardnadshavare => "vårdnadshavare",
            SoktAv::Ombud => "ombud",
            SoktAv::GodMan => "god man",
            SoktAv::Forvaltare => "förvaltare",
        };
        label("Sökt av", w.to_string());
    }
    label("Insats", b.insats.namn().to_string());
    if let Some(f) = &sokt.form {
        label("Form", f.clone());
    }
    if let Some(o) = &sokt.omfattning {
        label("Sökt omfattning", o.clone());
    }
    if let Some(p) = case.utredning.paborjad {
        label("Utredningen påbörjad", d(p));
    }
    if let Some(p) = case.utredning.avslutad {
        label("Utredningen avslutad", d(p));
    }
    label("Beslutsdatum", d(b.datum));
    if let Some(u) = b.utfall {
        let w = match u {
            Utfall::Bifall => "bifall",
            Utfall::DelvisBifall => "delvis bifall",
            Utfall::Avslag => "avslag",
        };
        label("Beslut", w.to_string());
    }
    if let Some(o) = &b.omfattning {
        label("Omfattning", o.clone());
    }
    if let Some(x) = b.giltig_fran {
        label("Giltigt från", d(x));
    }
    if let Some(x) = b.giltig_till {
        label("Giltigt till", d(x));
    }
    if let Some(x) = b.uppfoljning {
        label("Uppföljning", d(x));
    }
    if let Some(x) = &b.beslutsfattare {
        label("Beslutsfattare", x.clone());
    }
    if let Some(x) = b.overklagandehanvisning {
        label(
            "Överklagandehänvisning",
            if x { "ja" } else { "nej" }.to_string(),
        );
    }

    let section = |out: &mut Vec<Para>, heading: &str, text: &Option<String>| {
        if let Some(t) = text {
            out.push((heading.to_string(), true));
            for line in t.lines() {
                out.push((line.to_string(), false));
            }
        }
    };
    section(&mut out, "Ansökan", &case.ansokan.onskemal);
    if !case.underlag.is_empty() {
        out.push(("Underlag".into(), true));
        for u in &case.underlag {
            let mut line = u.typ.clone();
            if let Some(x) = u.datum {
                line.push_str(&format!(" {}", d(x)));
            }
            if let Some(x) = &u.utfardare {
                line.push_str(&format!(" från {x}"));
            }
            out.push((format!("- {line}"), false));
        }
    }
    let u = &case.utredning;
    if !u.kontakter.is_empty() {
        out.push(("Utredningens genomförande".into(), true));
        for k in &u.kontakter {
            let form = match k.form {
                Some(KontaktForm::Hembesok) => " hembesök",
                Some(KontaktForm::Besok) => " besök",
                Some(KontaktForm::Telefon) => " telefon",
                Some(KontaktForm::Digitalt) => " digitalt",
                Some(KontaktForm::Brev) => " brev",
                None => "",
            };
            let med = if k.med.is_empty() {
                String::new()
            } else {
                format!(" med {}", k.med.join(", "))
            };
            out.push((format!("- {}{form}{med}", d(k.datum)), false));
        }
    }
    if !u.behov.is_empty() {
        out.push(("Behovsområden".into(), true));
        for b in &u.behov {
            let area = serde_json::to_value(b.omrade).unwrap();
            let area = area.as_str().unwrap().replace('_', " ");
            let mut extra = Vec::new();
            if let Some(t) = b.timmar_per_vecka {
                extra.push(format!(
                    "{} timmar per vecka",
                    t.to_string().replace('.', ",")
                ));
            }
            match b.grundlaggande {
                Some(true) => extra.push("grundläggande behov".into()),
                Some(false) => extra.push("inte grundläggande behov".into()),
                None => {}
            }
            let tail = if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join(", "))
            };
            let desc = b.beskrivning.clone().unwrap_or_default();
            out.push((format!("- {area}: {desc}{tail}"), false));
        }
    }
    let t = &u.texter;
    section(&mut out, "Bakgrund", &t.bakgrund);
    section(&mut out, "Behov och förutsättningar", &t.behov);
    section(&mut out, "Den enskildes inställning", &t.egen_installning);
    section(&mut out, "Barnets åsikter", &t.barnets_installning);
    section(&mut out, "Barnets bästa", &t.barnets_basta);
    section(&mut out, "Andra insatser", &t.ovrigt_stod);
    if let Some(k) = &u.kommunicering {
        out.push(("Kommunicering".into(), true));
        if let Some(x) = k.skickad {
            out.push((format!("Skickad: {}", d(x)), false));
        }
        if let Some(x) = k.svar_senast {
            out.push((format!("Svar senast: {}", d(x)), false));
        }
        if let Some(x) = &k.svar {
            out.push((format!("Svar: {}", x.replace('\n', " ")), false));
        }
    }
    section(&mut out, "Bedömning", &t.bedomning);
    section(&mut out, "Motivering", &b.motivering);
    section(&mut out, "Lagrum", &b.lagrum);
    section(&mut out, "Mål", &b.mal);
    Some(out)
}

/// The paragraphs as plain text, headings numbered as people do.
pub fn to_text(paras: &[Para]) -> String {
    let mut out = String::new();
    let mut n = 0;
    for (text, heading) in paras {
        if *heading {
            n += 1;
            out.push_str(&format!("\n{n}. {}\n", text.to_uppercase()));
        } else {
            out.push_str(text);
            out.push('\n');
        }
    }
    out
}

/// The paragraphs as a minimal Word document (headings in style `Heading1`, or
/// `Rubrik2` for every other one, as a Swedish Word writes them).
pub fn to_docx(paras: &[Para]) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::new();
    for (i, (text, heading)) in paras.iter().enumerate() {
        let style = if *heading {
            let id = if i % 2 == 0 { "Heading1" } else { "Rubrik2" };
            format!(r#"<w:pPr><w:pStyle w:val="{id}"/></w:pPr>"#)
        } else {
            String::new()
        };
        // Split the text over two runs, as Word does, to test that runs are joined.
        let mid = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map_or(0, |(i, _)| i);
        let (a, b) = text.split_at(mid);
        body.push_str(&format!(
            r#"<w:p>{style}<w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            esc(a),
            esc(b)
        ));
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("[Content_Types].xml", opts).unwrap();
        zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
        zip.start_file("word/document.xml", opts).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Every insats id named, so that a test can say which it covered.
pub fn insats_name(i: Insats) -> &'static str {
    i.namn()
}

/// A zip with one entry of the given name and contents, deflated.
pub fn zip_of(name: &str, contents: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, opts).unwrap();
    zip.write_all(contents).unwrap();
    zip.finish().unwrap();
    buf.into_inner()
}
