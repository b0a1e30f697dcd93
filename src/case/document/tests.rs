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
            let text = format!("{HEAD}\n{written}\nTexten i avsnittet, 2027-04-30, beviljas.\n");
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
    assert_eq!(b[0].omrade, crate::case::Omrade::PersonligVard);
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
