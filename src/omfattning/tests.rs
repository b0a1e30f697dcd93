//! Tests of the scope parser.

use super::*;
use proptest::prelude::*;

fn nara(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[track_caller]
fn per_vecka(text: &str, enhet: Enhet, vantat: f64) {
    let om = tolka(text);
    let v = om.per_vecka(enhet);
    assert!(
        v.is_some_and(|v| nara(v, vantat)),
        "{text:?}: {enhet:?} per vecka = {v:?}, väntat {vantat}; {om:#?}"
    );
    assert!(om.matbar(), "{text:?} ska vara mätbar");
}

#[track_caller]
fn komponent(text: &str, antal: f64, enhet: Enhet, period: Option<Period>, perioder: u32) {
    let om = tolka(text);
    let k = om.komponenter.iter().find(|k| k.enhet == enhet);
    assert!(
        k.is_some_and(|k| nara(k.antal, antal) && k.period == period && k.perioder == perioder),
        "{text:?}: väntat {antal} {enhet:?} {period:?}/{perioder}; {om:#?}"
    );
}

#[track_caller]
fn jfr(sokt: &str, beviljad: &str) -> Jamforelse {
    jamfor(&tolka(sokt), &tolka(beviljad))
}

#[track_caller]
fn ej_matbar(text: &str, skal: Anmarkning) {
    let om = tolka(text);
    assert!(!om.matbar(), "{text:?} ska inte vara mätbar: {om:#?}");
    assert!(
        om.anmarkningar.contains(&skal),
        "{text:?}: väntat {skal:?}; {om:#?}"
    );
}

const M: f64 = 1.0 / VECKOR_PER_MANAD;

// -------------------------------------------------------------- forms

#[test]
fn dygn_per_manad_i_alla_skrivsatt() {
    for text in [
        "4 dygn per månad",
        "4 dygn/mån",
        "4 dygn/mån.",
        "fyra dygn i månaden",
    ] {
        komponent(text, 4.0, Enhet::Dygn, Some(Period::Manad), 1);
        per_vecka(text, Enhet::Dygn, 4.0 * M);
    }
    komponent("6 dygn/månad", 6.0, Enhet::Dygn, Some(Period::Manad), 1);
    komponent(
        "4 dygn på korttidshemmet per månad",
        4.0,
        Enhet::Dygn,
        Some(Period::Manad),
        1,
    );
}

#[test]
fn helger() {
    komponent(
        "två helger i månaden",
        2.0,
        Enhet::Helger,
        Some(Period::Manad),
        1,
    );
    komponent(
        "en helg per månad",
        1.0,
        Enhet::Helger,
        Some(Period::Manad),
        1,
    );
    komponent(
        "var tredje helg",
        1.0,
        Enhet::Helger,
        Some(Period::Vecka),
        3,
    );
    per_vecka("var tredje helg", Enhet::Helger, 1.0 / 3.0);
    per_vecka("varannan helg", Enhet::Helger, 0.5);
    per_vecka("varje helg", Enhet::Helger, 1.0);
}

#[test]
fn tillfallen() {
    komponent(
        "en träff i veckan",
        1.0,
        Enhet::Tillfallen,
        Some(Period::Vecka),
        1,
    );
    komponent(
        "2 tillfällen per månad",
        2.0,
        Enhet::Tillfallen,
        Some(Period::Manad),
        1,
    );
    komponent("3 ggr/v", 3.0, Enhet::Tillfallen, Some(Period::Vecka), 1);
    komponent(
        "ett besök om dagen",
        1.0,
        Enhet::Tillfallen,
        Some(Period::Dag),
        1,
    );
    per_vecka("ett besök om dagen", Enhet::Tillfallen, 7.0);
}

#[test]
fn traff_med_ungefarlig_langd() {
    let om = tolka("en träff per vecka, cirka tre timmar");
    per_vecka(
        "en träff per vecka, cirka tre timmar",
        Enhet::Tillfallen,
        1.0,
    );
    per_vecka("en träff per vecka, cirka tre timmar", Enhet::Timmar, 3.0);
    let timmar = om.komponenter.iter().find(|k| k.enhet == Enhet::Timmar);
    assert!(timmar.is_some_and(|k| k.harledd && k.ungefar), "{om:#?}");
    assert_eq!(om.visa(), "1 tillfälle per vecka à 3 timmar");
}

#[test]
fn timmar_i_alla_skrivsatt() {
    for text in [
        "12 timmar per vecka",
        "12 h/v",
        "12h/v",
        "12 tim/vecka",
        "12 tim. per vecka",
        "tolv timmar i veckan",
        "12 t/v",
    ] {
        komponent(text, 12.0, Enhet::Timmar, Some(Period::Vecka), 1);
    }
    per_vecka("40 timmar/månad", Enhet::Timmar, 40.0 * M);
    per_vecka("10 timmar per månad", Enhet::Timmar, 10.0 * M);
    per_vecka("3,5 timmar/vecka", Enhet::Timmar, 3.5);
    per_vecka("3.5 timmar/vecka", Enhet::Timmar, 3.5);
    per_vecka("3½ timmar/vecka", Enhet::Timmar, 3.5);
    per_vecka("två och en halv timme i veckan", Enhet::Timmar, 2.5);
    per_vecka("en halv timme om dagen", Enhet::Timmar, 3.5);
    per_vecka("30 minuter per dag", Enhet::Timmar, 3.5);
    per_vecka("tjugofyra timmar per dygn", Enhet::Timmar, 168.0);
    per_vecka("20 assistanstimmar per vecka", Enhet::Timmar, 20.0);
    per_vecka("100 timmar per år", Enhet::Timmar, 100.0 / 52.0);
}

#[test]
fn ungefar() {
    let om = tolka("ca 15 timmar i veckan");
    per_vecka("ca 15 timmar i veckan", Enhet::Timmar, 15.0);
    assert!(om.komponenter.iter().all(|k| k.ungefar));
    for text in [
        "cirka 15 timmar i veckan",
        "ungefär 15 timmar/v",
        "c:a 15 h/v",
    ] {
        per_vecka(text, Enhet::Timmar, 15.0);
        assert!(tolka(text).komponenter.iter().any(|k| k.ungefar), "{text}");
    }
    assert_eq!(om.visa(), "ca 15 timmar per vecka");
}

#[test]
fn intervall_ger_ovre_grans() {
    for text in [
        "2–3 timmar per vecka",
        "2-3 timmar per vecka",
        "2 till 3 timmar per vecka",
    ] {
        let om = tolka(text);
        per_vecka(text, Enhet::Timmar, 3.0);
        assert!(
            om.komponenter.iter().any(|k| k.lagsta == Some(2.0)),
            "{text}"
        );
    }
    assert_eq!(tolka("2–3 timmar per vecka").visa(), "2–3 timmar per vecka");
}

#[test]
fn heltid_deltid() {
    per_vecka("heltid", Enhet::Procent, 100.0);
    per_vecka("halvtid", Enhet::Procent, 50.0);
    per_vecka("deltid 50 %", Enhet::Procent, 50.0);
    per_vecka("deltid 50%", Enhet::Procent, 50.0);
    per_vecka("75 % av heltid", Enhet::Procent, 75.0);
    per_vecka("75 procent av heltid", Enhet::Procent, 75.0);
    assert_eq!(tolka("75 % av heltid").komponenter.len(), 1);
    assert_eq!(tolka("heltid").visa(), "heltid");
    assert_eq!(tolka("deltid 50 %").visa(), "50 % av heltid");
    ej_matbar("deltid", Anmarkning::DeltidUtanProcent);
}

#[test]
fn veckodagar_och_klockslag() {
    let text = "måndag–fredag 07.00–08.30 och 15.00–17.00";
    per_vecka(text, Enhet::Timmar, 17.5);
    per_vecka(text, Enhet::Dagar, 5.0);
    per_vecka("mån-fre 7-8.30", Enhet::Timmar, 7.5);
    per_vecka("vardagar kl. 15–17", Enhet::Timmar, 10.0);
    per_vecka("dagligen 08.00-09.00", Enhet::Timmar, 7.0);
    per_vecka("varje dag kl 8-9", Enhet::Timmar, 7.0);
    per_vecka("helger kl. 10–16", Enhet::Timmar, 12.0);
    per_vecka("lördag och söndag 10-16", Enhet::Timmar, 12.0);
    per_vecka(
        "tisdagar och torsdagar mellan 13 och 16",
        Enhet::Timmar,
        6.0,
    );
    per_vecka("fredag–måndag", Enhet::Dagar, 4.0);
    per_vecka("natt fredag 22.00–07.00", Enhet::Timmar, 9.0);
    per_vecka("dygnet runt", Enhet::Timmar, 168.0);
    // Without "kl", minutes or days, "8-16" is not a time.
    ej_matbar("8-16", Anmarkning::IngetMatt);
}

#[test]
fn klockslag_med_frekvens() {
    per_vecka("torsdagar klockan 13–17 varannan vecka", Enhet::Timmar, 2.0);
    per_vecka("en gång i veckan kl. 15–17", Enhet::Timmar, 2.0);
    per_vecka("kl. 13-17 varannan vecka", Enhet::Timmar, 2.0);
    // The written-out total wins over the derived schedule.
    per_vecka(
        "8 timmar per månad, torsdagar klockan 13–17 varannan vecka",
        Enhet::Timmar,
        8.0 * M,
    );
    let om = tolka("kl. 15–17");
    assert!(!om.matbar());
    assert!(om.anmarkningar.contains(&Anmarkning::TidUtanFrekvens));
}

#[test]
fn ganger_a_timmar() {
    let text = "3 gånger i veckan à 2 timmar";
    per_vecka(text, Enhet::Tillfallen, 3.0);
    per_vecka(text, Enhet::Timmar, 6.0);
    assert_eq!(tolka(text).visa(), "3 tillfällen per vecka à 2 timmar");
    per_vecka(
        "2 timmar per tillfälle, 3 gånger per vecka",
        Enhet::Timmar,
        6.0,
    );
    per_vecka("2 timmar en gång i veckan", Enhet::Timmar, 2.0);
    per_vecka("måndag–fredag, 6 timmar", Enhet::Timmar, 30.0);
}

#[test]
fn antal_utan_period_arver_perioden_fore() {
    per_vecka("4 timmar per vecka, 2 tillfällen", Enhet::Tillfallen, 2.0);
    per_vecka(
        "4 timmar/vecka fördelat på 2 tillfällen",
        Enhet::Tillfallen,
        2.0,
    );
    assert!(tolka("4 timmar per vecka, 2 tillfällen")
        .anmarkningar
        .is_empty());
    // Only from before: a count first still lacks a period.
    let om = tolka("2 tillfällen, 4 timmar per vecka");
    assert_eq!(om.per_vecka(Enhet::Tillfallen), None);
    assert!(om.anmarkningar.contains(&Anmarkning::SaknarPeriod));
}

#[test]
fn dagdelar_efter_tal_ar_tillfallen() {
    per_vecka("två morgnar i veckan", Enhet::Tillfallen, 2.0);
    per_vecka("en kväll per vecka", Enhet::Tillfallen, 1.0);
    let om = tolka("6 timmar per vecka: stöd vid dusch två morgnar i veckan");
    assert!(om.anmarkningar.is_empty(), "{om:#?}");
}

#[test]
fn veckodagar_inom_en_helg() {
    let text = "en helg per månad, fredag klockan 16 till söndag klockan 16";
    per_vecka(text, Enhet::Helger, M);
    assert_eq!(tolka(text).per_vecka(Enhet::Dagar), None);
    assert_eq!(tolka(text).visa(), "1 helg per månad");
}

#[test]
fn intervall_genom_varaktighet() {
    let om = tolka("1-2 gånger per vecka á ca 2 timmar");
    per_vecka("1-2 gånger per vecka á ca 2 timmar", Enhet::Timmar, 4.0);
    let timmar = om.komponenter.iter().find(|k| k.enhet == Enhet::Timmar);
    assert!(
        timmar.is_some_and(|k| k.lagsta == Some(2.0) && k.ungefar),
        "{om:#?}"
    );
    assert_eq!(om.visa(), "1–2 tillfällen per vecka à 2 timmar");
}

#[test]
fn dagar_och_timmar_per_dag() {
    let text = "5 dagar per vecka, 6 timmar per dag";
    per_vecka(text, Enhet::Dagar, 5.0);
    per_vecka(text, Enhet::Timmar, 30.0);
    per_vecka("2 gånger per dag, måndag–fredag", Enhet::Tillfallen, 10.0);
}

#[test]
fn varannan_och_var_tredje() {
    komponent(
        "varannan vecka",
        1.0,
        Enhet::Tillfallen,
        Some(Period::Vecka),
        2,
    );
    per_vecka("varannan vecka", Enhet::Tillfallen, 0.5);
    per_vecka("8 timmar varannan vecka", Enhet::Timmar, 4.0);
    per_vecka("6 timmar var tredje vecka", Enhet::Timmar, 2.0);
    per_vecka("6 timmar var 3:e vecka", Enhet::Timmar, 2.0);
    per_vecka("1 tillfälle var fjortonde dag", Enhet::Tillfallen, 0.5);
    per_vecka("en vecka vartannat år", Enhet::Tillfallen, 1.0 / 104.0);
    per_vecka("udda veckor", Enhet::Tillfallen, 0.5);
}

#[test]
fn morgon_och_kvall() {
    // A time of day with a day frequency: each named part is one occasion.
    let text = "hjälp morgon och kväll varje dag";
    per_vecka(text, Enhet::Tillfallen, 14.0);
    per_vecka(text, Enhet::Dagar, 7.0);
    ej_matbar("morgon och kväll", Anmarkning::TidUtanFrekvens);
}

#[test]
fn ej_matbara() {
    ej_matbar("vid behov", Anmarkning::VidBehov);
    ej_matbar("efter behov", Anmarkning::VidBehov);
    ej_matbar("kontaktperson", Anmarkning::IngetMatt);
    ej_matbar("enligt genomförandeplan", Anmarkning::EnligtPlan);
    ej_matbar("hela lovperioder", Anmarkning::Lovperioder);
    ej_matbar("under sommarlovet", Anmarkning::Lovperioder);
    ej_matbar("", Anmarkning::Tom);
    ej_matbar("   ", Anmarkning::Tom);
    ej_matbar("4 dygn", Anmarkning::SaknarPeriod);
    ej_matbar("3 timmar", Anmarkning::SaknarPeriod);
    ej_matbar("LSS 9 § 4", Anmarkning::IngetMatt);
    ej_matbar("helger vid behov", Anmarkning::VidBehov);
    assert!(!tolka("en meningsfull vardag").matbar());
    assert_eq!(tolka("kontaktperson").visa(), "ingen mätbar omfattning");
    assert_eq!(tolka("4 dygn").visa(), "4 dygn");
}

#[test]
fn matbar_med_anmarkning() {
    let om = tolka("4 dygn per månad samt hela lovperioder");
    assert!(om.matbar());
    assert!(om.anmarkningar.contains(&Anmarkning::Lovperioder));
    let om = tolka(
        "5 timmar per vecka: hjälp vid på- och avklädning morgon och kväll och inköp en gång per vecka",
    );
    assert!(om.matbar());
    assert_eq!(om.per_vecka(Enhet::Timmar), Some(5.0));
    assert_eq!(om.per_vecka(Enhet::Tillfallen), Some(1.0));
}

#[test]
fn datum_ar_inga_klockslag() {
    for text in ["2024-03-05", "1/3–31/5", "beslut 2024-01-01"] {
        assert!(!tolka(text).matbar(), "{text}: {:#?}", tolka(text));
    }
}

// -------------------------------------------------------------- jamfor

#[test]
fn lika_par() {
    for (a, b) in [
        ("4 dygn/mån", "4 dygn per månad"),
        ("6 dygn/månad", "sex dygn i månaden"),
        ("en träff i veckan", "en träff per vecka, cirka tre timmar"),
        ("12 h/v", "52 timmar per månad"),
        ("12 h/v", "12 tim/vecka"),
        ("12 h/v", "50 timmar per månad"),
        ("heltid", "100 %"),
        ("halvtid", "deltid 50 %"),
        ("3 gånger i veckan à 2 timmar", "6 timmar per vecka"),
        ("varannan vecka", "26 tillfällen per år"),
        (
            "måndag–fredag 07.00–08.30 och 15.00–17.00",
            "17,5 timmar per vecka",
        ),
        ("5 dagar per vecka, 6 timmar per dag", "30 timmar/v"),
        (
            "hjälp morgon och kväll varje dag",
            "14 tillfällen per vecka",
        ),
        ("var tredje helg", "1 helg var tredje vecka"),
        // A month of four weeks, as many municipalities count.
        ("varannan vecka", "2 träffar per månad"),
        ("12 h/v", "48 timmar per månad"),
    ] {
        assert_eq!(jfr(a, b), Jamforelse::Lika, "{a:?} / {b:?}");
        assert_eq!(jfr(b, a), Jamforelse::Lika, "{b:?} / {a:?}");
    }
}

#[test]
fn mindre_och_storre() {
    for (a, b) in [
        ("4 dygn per månad", "2 dygn per månad"),
        ("två helger i månaden", "en helg per månad"),
        ("20 timmar per månad", "10 timmar per månad"),
        ("15 timmar per vecka", "10 timmar per vecka"),
        ("12 h/v", "40 timmar per månad"),
        ("heltid", "halvtid"),
        ("en träff i veckan", "2 tillfällen per månad"),
        (
            "3 gånger i veckan à 2 timmar",
            "3 gånger i veckan à 1 timme",
        ),
        ("varannan helg", "var tredje helg"),
        (
            "måndag–fredag 07.00–08.30 och 15.00–17.00",
            "måndag–fredag 07.00–08.30",
        ),
    ] {
        assert_eq!(jfr(a, b), Jamforelse::Mindre, "{a:?} / {b:?}");
        assert_eq!(jfr(b, a), Jamforelse::Storre, "{b:?} / {a:?}");
    }
}

#[test]
fn mindre_pa_en_delad_enhet_racker() {
    // More occasions but fewer hours, and the other way round: both are partial.
    let (a, b) = (
        "3 gånger i veckan à 2 timmar",
        "4 gånger i veckan à 1 timme",
    );
    assert_eq!(jfr(a, b), Jamforelse::Mindre);
    assert_eq!(jfr(b, a), Jamforelse::Mindre);
}

#[test]
fn ojamforbara() {
    for (a, b) in [
        ("4 dygn per månad", "två helger i månaden"),
        ("12 timmar per vecka", "3 tillfällen per vecka"),
        ("heltid", "40 timmar per vecka"),
        ("vid behov", "vid behov"),
        ("kontaktperson", "en träff i veckan"),
        ("4 dygn per månad", "enligt genomförandeplan"),
        ("morgon och kväll", "morgon och kväll"),
        ("4 dygn", "4 dygn"),
    ] {
        assert_eq!(jfr(a, b), Jamforelse::Ojamforbar, "{a:?} / {b:?}");
        assert_eq!(jfr(b, a), Jamforelse::Ojamforbar, "{b:?} / {a:?}");
    }
}

#[test]
fn tolerans() {
    assert_eq!(
        jfr("4 timmar per vecka", "17 timmar per månad"),
        Jamforelse::Lika
    );
    assert_eq!(
        jfr("10 timmar per vecka", "9,6 timmar per vecka"),
        Jamforelse::Lika
    );
    assert_eq!(
        jfr("10 timmar per vecka", "9 timmar per vecka"),
        Jamforelse::Mindre
    );
    assert_eq!(jfr("0 timmar per vecka", "0 h/v"), Jamforelse::Lika);
}

// -------------------------------------------------------------- visa

#[test]
fn normalform() {
    for (text, vantat) in [
        ("4 dygn/mån", "4 dygn per månad"),
        ("12 h/v", "12 timmar per vecka"),
        ("en träff i veckan", "1 tillfälle per vecka"),
        ("två helger i månaden", "2 helger per månad"),
        ("en helg per månad", "1 helg per månad"),
        ("3,5 timmar/vecka", "3,5 timmar per vecka"),
        ("var tredje helg", "var tredje helg"),
        ("varannan vecka", "1 tillfälle varannan vecka"),
        ("6 timmar var 15:e vecka", "6 timmar var 15:e vecka"),
        ("en vecka vartannat år", "1 tillfälle vartannat år"),
        (
            "måndag–fredag 07.00–08.30 och 15.00–17.00",
            "5 dagar per vecka, 17,5 timmar per vecka",
        ),
        (
            "hjälp morgon och kväll varje dag",
            "7 dagar per vecka, 14 tillfällen per vecka",
        ),
        (
            "5 dagar per vecka, 6 timmar per dag",
            "5 dagar per vecka, 6 timmar per dag",
        ),
        ("halvtid", "50 % av heltid"),
    ] {
        assert_eq!(tolka(text).visa(), vantat, "{text:?}");
    }
}

#[test]
fn normalform_tolkas_lika() {
    for text in [
        "4 dygn/mån",
        "12 h/v",
        "en träff per vecka, cirka tre timmar",
        "3 gånger i veckan à 2 timmar",
        "var tredje helg",
        "varannan vecka",
        "heltid",
        "deltid 50 %",
        "måndag–fredag 07.00–08.30 och 15.00–17.00",
        "hjälp morgon och kväll varje dag",
        "5 dagar per vecka, 6 timmar per dag",
        "2–3 timmar per vecka",
        "ca 15 timmar i veckan",
        "en vecka vartannat år",
        "40 timmar/månad",
    ] {
        let om = tolka(text);
        let igen = tolka(&om.visa());
        assert_eq!(
            jamfor(&om, &igen),
            Jamforelse::Lika,
            "{text:?} → {:?}",
            om.visa()
        );
    }
}

#[test]
fn anmarkningar_har_svensk_text() {
    for a in [
        Anmarkning::Tom,
        Anmarkning::IngetMatt,
        Anmarkning::VidBehov,
        Anmarkning::EnligtPlan,
        Anmarkning::Lovperioder,
        Anmarkning::TidUtanFrekvens,
        Anmarkning::SaknarPeriod,
        Anmarkning::DeltidUtanProcent,
    ] {
        assert!(!a.text().is_empty());
    }
}

// -------------------------------------------------------------- properties

const ORDFORRAD: &[&str] = &[
    "4",
    "12",
    "3,5",
    "07.00",
    "08.30",
    "15",
    "17",
    "0",
    "½",
    "99999999999999999999",
    "2024",
    "-",
    "–",
    "/",
    "%",
    ":",
    ",",
    ".",
    "e",
    "en",
    "två",
    "tre",
    "tjugofyra",
    "halv",
    "och",
    "ca",
    "c:a",
    "dygn",
    "timmar",
    "h",
    "v",
    "tim",
    "mån",
    "månad",
    "vecka",
    "veckan",
    "per",
    "i",
    "om",
    "år",
    "varannan",
    "var",
    "vart",
    "tredje",
    "helg",
    "helger",
    "måndag",
    "fredag",
    "fre",
    "kl",
    "kl.",
    "morgon",
    "kväll",
    "varje",
    "dag",
    "dagar",
    "dagligen",
    "gånger",
    "à",
    "tillfällen",
    "träff",
    "heltid",
    "halvtid",
    "deltid",
    "procent",
    "av",
    "vid",
    "behov",
    "dygnet",
    "runt",
    "mellan",
    "till",
    "udda",
    "veckor",
    "alla",
    "minuter",
    "besök",
    "tillfälle",
];

fn fras() -> impl Strategy<Value = String> {
    prop::collection::vec((prop::sample::select(ORDFORRAD), prop::bool::ANY), 0..14).prop_map(
        |delar| {
            let mut s = String::new();
            for (ord, mellanslag) in delar {
                s.push_str(ord);
                if mellanslag {
                    s.push(' ');
                }
            }
            s
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn tolka_godtycklig_text_utan_panik(s in any::<String>()) {
        let om = tolka(&s);
        let _ = om.visa();
        let _ = jamfor(&om, &om);
    }

    #[test]
    fn tolka_ordforrad_utan_panik_och_lika_med_sig_sjalv(a in fras(), b in fras()) {
        let x = tolka(&a);
        let y = tolka(&b);
        let _ = x.visa();
        let _ = jamfor(&x, &y);
        for k in &x.komponenter {
            prop_assert!(k.antal.is_finite() && k.perioder >= 1, "{a:?}: {k:?}");
        }
        for e in Enhet::ALLA {
            prop_assert!(x.per_vecka(e).is_none_or(f64::is_finite), "{a:?}");
        }
        if x.matbar() {
            prop_assert_eq!(jamfor(&x, &x), Jamforelse::Lika, "{:?}", a);
        } else {
            prop_assert_eq!(jamfor(&x, &x), Jamforelse::Ojamforbar, "{:?}", a);
        }
    }
}
