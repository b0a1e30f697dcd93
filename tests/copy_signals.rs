//! In-case copy signals: each fires on what a copied draft carries and stays quiet on
//! an ordinary draft. The acceptance example is snapshotted as the user sees it (JSON).

use beslutskoll::case::Case;
use beslutskoll::copy::{self, CopyConfig};
use beslutskoll::report::{Category, Finding, Severity};

fn example(path: &str) -> Case {
    copy::read_case_file(std::path::Path::new(path)).expect("example case reads")
}

/// A small valid case about a girl, Saga Holmgren (11 on the decision date), with a
/// korttidsvistelse decision whose motivering is `motivering`; `extra_yaml` replaces
/// the `# EXTRA` line (indented for the top level).
fn case(motivering: &str, tweak: impl Fn(&mut Case)) -> Case {
    let mut c = example("examples/kopia_fel_namn_pronomen.yaml");
    c.beslut[0].motivering = Some(motivering.to_string());
    c.beslut[0].mal = None;
    c.utredning.texter.bedomning = None;
    tweak(&mut c);
    c
}

fn rules(c: &Case, cfg: &CopyConfig) -> Vec<String> {
    copy::signals(c, cfg).into_iter().map(|f| f.rule).collect()
}

fn fires(motivering: &str) -> Vec<String> {
    rules(&case(motivering, |_| {}), &CopyConfig::default())
}

/// A motivering that touches this case's facts, to which tests add one problem.
const OWN: &str = "Saga har sömnsvårigheter och behöver tillsyn dygnet runt. Hon vill rida och träffa andra barn, och föräldrarna behöver avlösning.";

fn with(extra: &str) -> String {
    format!("{OWN} {extra}")
}

#[test]
fn acceptance_example_gets_three_copy_findings_with_evidence() {
    let c = example("examples/kopia_fel_namn_pronomen.yaml");
    let findings = copy::signals(&c, &CopyConfig::default());
    let got: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        got,
        [
            "kopia.frammande_namn",
            "kopia.pronomen",
            "kopia.platshallare"
        ]
    );
    let motivering = c.beslut[0].motivering.as_deref().unwrap();
    for f in &findings {
        assert_eq!(f.category, Category::Copy);
        assert_eq!(f.insats.as_deref(), Some("korttidsvistelse"));
        assert!(f.lagrum.is_some());
        let e = f.evidence.as_ref().expect("evidence");
        assert!(!e.spans.is_empty());
        for s in &e.spans {
            assert_eq!(s.path, "beslut.0.motivering");
            assert_eq!(&motivering[s.start..s.end], s.text);
        }
    }
    insta::assert_json_snapshot!(findings);
}

#[test]
fn an_ordinary_draft_has_no_copy_findings() {
    assert_eq!(fires(OWN), Vec::<String>::new());
}

#[test]
fn foreign_name() {
    assert_eq!(
        fires(&with("Lisa Ek behöver också stöd.")),
        ["kopia.frammande_namn"]
    );
    // Guardians, the handläggare and people the investigation names are the case's own.
    assert!(fires(&with(
        "Maria och Johan Holmgren har framfört detta till Kim Andersson."
    ))
    .is_empty());
    let c = case(&with("Sagas bror Viktor följer med till stallet."), |c| {
        c.utredning.texter.bakgrund = Some("Saga bor med sin bror Viktor.".into());
    });
    assert!(rules(&c, &CopyConfig::default()).is_empty());
    // A name that is the applicant's given name with another surname is someone else.
    assert_eq!(
        fires(&with("Saga Lindqvist har sökt.")),
        ["kopia.frammande_namn"]
    );
}

#[test]
fn foreign_personnummer_and_birth_date() {
    assert_eq!(
        fires(&with("Personnummer 20120611-1234.")),
        ["kopia.personnummer"]
    );
    assert_eq!(
        fires(&with("Hon är född 2012-06-11.")),
        ["kopia.personnummer"]
    );
    assert!(fires(&with("Hon är född 2015-03-09, personnummer 150309-1234.")).is_empty());
    let c = case(&with("Personnummer 20150309-9999."), |c| {
        c.sokande.personnummer = Some("20150309-1234".into());
    });
    assert_eq!(rules(&c, &CopyConfig::default()), ["kopia.personnummer"]);
}

#[test]
fn pronoun_contradicting_kon() {
    assert_eq!(
        fires(&with("Han behöver stöd i vardagen.")),
        ["kopia.pronomen"]
    );
    assert_eq!(
        fires(&with("Pojken tycker om att rida.")),
        ["kopia.pronomen"]
    );
    // "han" about the father is fine.
    assert!(fires(&with("Pappa Johan berättar att han arbetar natt.")).is_empty());
    let boy = case("Hugo vill rida. Hon har sömnsvårigheter.", |c| {
        c.sokande.namn = "Hugo Holmgren".into();
        c.sokande.kon = Some(beslutskoll::case::Kon::Pojke);
    });
    assert!(rules(&boy, &CopyConfig::default()).contains(&"kopia.pronomen".to_string()));
    // "dottern" in a boy's case is his sister when the investigation says so.
    let sister = case(
        "Föräldrarna kan följa med dottern till ridningen.",
        |c| {
            c.sokande.namn = "Hugo Holmgren".into();
            c.sokande.kon = Some(beslutskoll::case::Kon::Pojke);
            c.utredning.texter.behov =
                Some("Föräldrarna vill kunna göra något med dottern, Hugos storasyster.".into());
        },
    );
    assert!(!rules(&sister, &CopyConfig::default()).contains(&"kopia.pronomen".to_string()));
    // Without a daughter in the investigation it is still a copy trace.
    let copied = case(
        "Föräldrarna kan följa med dottern till ridningen.",
        |c| {
            c.sokande.namn = "Hugo Holmgren".into();
            c.sokande.kon = Some(beslutskoll::case::Kon::Pojke);
        },
    );
    assert!(rules(&copied, &CopyConfig::default()).contains(&"kopia.pronomen".to_string()));
}

#[test]
fn placeholders() {
    for p in [
        "[namn]",
        "ÅÅÅÅ-MM-DD",
        "<datum>",
        "Förnamn Efternamn",
        "NN",
        "XX",
        "___",
    ] {
        assert_eq!(
            fires(&with(&format!("Beslutet gäller {p}."))),
            ["kopia.platshallare"],
            "{p}"
        );
    }
    assert!(fires(&with("Beslutet gäller 4 dygn per månad [1].")).is_empty());
}

#[test]
fn wrong_insats_and_law() {
    assert_eq!(
        fires(&with("Ledsagarservicen ska ges på helger.")),
        ["kopia.fel_insats"]
    );
    let c = case(&with("Ledsagarservice har också sökts."), |c| {
        c.ansokan.insatser.push(beslutskoll::case::SoktInsats {
            insats: beslutskoll::case::Insats::Ledsagarservice,
            omfattning: None,
            form: None,
            extra: None,
        });
    });
    assert!(rules(&c, &CopyConfig::default()).is_empty());
    // The other law's standard is a rule of the rule files
    // (`lss.allmant.skalig_levnadsniva_i_lss`), not reported twice as a copy signal.
    assert!(fires(&with("Hon tillförsäkras skälig levnadsnivå.")).is_empty());

    let sol = case(&with("Beslutet fattas enligt 9 § 6 LSS."), |c| {
        c.arende.lag = beslutskoll::case::Lag::Sol;
    });
    assert_eq!(rules(&sol, &CopyConfig::default()), ["kopia.fel_lag"]);
    // An LSS case may mention SoL support that the investigation describes.
    let c = case(&with("Hon har även hemtjänst enligt SoL."), |c| {
        c.utredning.texter.ovrigt_stod = Some("Familjen har hemtjänst enligt SoL.".into());
    });
    assert!(rules(&c, &CopyConfig::default()).is_empty());
}

#[test]
fn wrong_kommun() {
    assert_eq!(
        fires(&with("Insatsen ges av Norrby kommun.")),
        ["kopia.fel_kommun"]
    );
    assert!(fires(&with("Insatsen ges av Exempelkommun.")).is_empty());
    // A kommun the investigation tells of is a fact of this case (a region's
    // decision naming the person's home kommun).
    let c = case(&with("Boendestöd kan prövas av Tallmo kommun."), |c| {
        c.utredning.texter.bakgrund = Some("Han bor i Tallmo kommun sedan 2019.".into());
    });
    assert!(rules(&c, &CopyConfig::default()).is_empty());
    // The scanned bedömning does not excuse itself: a foreign kommun only there is
    // still a copy trace.
    let c = case("Insatsen ges i hemmet.", |c| {
        c.utredning.texter.bedomning = Some("Norrby kommun bedömer att behovet finns.".into());
    });
    assert!(rules(&c, &CopyConfig::default()).contains(&"kopia.fel_kommun".to_string()));
    // A kommun named after a surname is a place, not a person: one finding, not two.
    assert_eq!(
        fires(&with("Insatsen ges enligt Lunds kommuns riktlinjer.")),
        ["kopia.fel_kommun"]
    );
    assert_eq!(
        fires(&with("Insatsen ges av Lund kommun.")),
        ["kopia.fel_kommun"]
    );
}

#[test]
fn age_not_the_applicants() {
    assert_eq!(
        fires(&with("Den 15-åriga flickan behöver stöd.")),
        ["kopia.alder"]
    );
    assert_eq!(fires(&with("Saga är 8 år.")), ["kopia.alder"]);
    assert!(fires(&with("Saga är 11 år.")).is_empty());
    // Someone else's age, and a duration, are not the applicant's age.
    assert!(fires(&with("Hennes bror är 15 år.")).is_empty());
    assert!(fires(&with("Beslutet gäller i 2 år.")).is_empty());
}

#[test]
fn dates_outside_the_case() {
    assert_eq!(
        fires(&with("Vid hembesöket den 2023-02-10 berättade hon detta.")),
        ["kopia.datum"]
    );
    assert_eq!(
        fires(&with("Vid hembesöket den 3 mars 2021 berättade hon detta.")),
        ["kopia.datum"]
    );
    assert!(fires(&with(
        "Vid hembesöket den 2 september 2026 berättade hon detta."
    ))
    .is_empty());
}

#[test]
fn generic_reasoning() {
    let stock = "Nämnden bedömer att behovet är tillgodosett på annat sätt. Insatsen bedöms inte vara nödvändig för att tillförsäkra goda levnadsvillkor.";
    let cfg = CopyConfig {
        stock_phrases: vec![
            "behovet är tillgodosett på annat sätt".into(),
            "bedöms inte vara nödvändig".into(),
            "tillförsäkra goda levnadsvillkor".into(),
        ],
        standard_paragraphs: vec![],
    };
    let c = case(stock, |_| {});
    let f = copy::signals(&c, &cfg);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0].rule, "kopia.generisk_motivering");
    assert_eq!(f[0].severity, Severity::Warning);
    // Without the stock list it is still generic: nothing of the investigation is in it.
    assert_eq!(
        rules(&c, &CopyConfig::default()),
        ["kopia.generisk_motivering"]
    );
    assert!(rules(&case(OWN, |_| {}), &cfg).is_empty());
    // No investigation texts: the check cannot be made, which is said, not passed.
    let bare = case(stock, |c| {
        c.utredning.texter = Default::default();
        c.utredning.behov.clear();
        c.ansokan.onskemal = None;
        c.sokande.intressen = None;
    });
    let f = copy::signals(&bare, &cfg);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Info);
    assert!(!f[0].missing.is_empty());
}

#[test]
fn standard_paragraphs_are_not_checked() {
    let appeal =
        "Om du vill överklaga ska du skriva till nämnden inom tre veckor. Ange XX och [namn].";
    let cfg = CopyConfig {
        stock_phrases: vec![],
        standard_paragraphs: vec![appeal.into()],
    };
    let c = case(&with(appeal), |_| {});
    assert!(rules(&c, &cfg).is_empty(), "{:?}", rules(&c, &cfg));
    assert_eq!(
        rules(&c, &CopyConfig::default()),
        ["kopia.platshallare", "kopia.platshallare"]
    );
}

#[test]
fn every_signal_text_is_in_the_right_place() {
    // Bedömning findings carry the path of the assessment.
    let c = case(OWN, |c| {
        c.utredning.texter.bedomning = Some("Lisa behöver korttidsvistelse.".into());
    });
    let f: Vec<Finding> = copy::signals(&c, &CopyConfig::default());
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].path, "utredning.texter.bedomning");
    assert_eq!(f[0].insats.as_deref(), Some("korttidsvistelse"));
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_text_is_read_without_panic(s in "\\PC{0,200}") {
            let c = case(&s, |c| { c.beslut[0].mal = Some(s.clone()); });
            for f in copy::signals(&c, &CopyConfig { stock_phrases: vec![s.clone()], standard_paragraphs: vec![s.clone()] }) {
                for sp in f.evidence.into_iter().flat_map(|e| e.spans) {
                    prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                }
            }
            let _ = copy::shingle::shingle_set(&s);
        }
    }

    /// Pieces shaped like what the copy signals, the citation check and the rules look
    /// for (personnummer, dates, ages, lagrum, amounts, names, laws), with digits of
    /// other scripts among them: a personnummer with an Arabic-Indic digit inside once
    /// made `check` panic when its parts were sliced by byte. And characters whose lower
    /// case is longer or shorter (`Ⱥ`, the ohm, kelvin and ångström signs): an insats
    /// name after them once got a span into the lower-cased copy of the text.
    const SHAPED: &[&str] = &[
        "0",
        "1",
        "2",
        "9",
        "19",
        "20",
        "٢",
        "٣",
        "०",
        "५",
        "５",
        "𝟙",
        "-",
        "+",
        " ",
        "\n",
        ":",
        ":e",
        "/",
        ",",
        ".",
        "§",
        "kap.",
        "(",
        ")",
        "år",
        "-årig",
        "år gammal",
        "fyller",
        "LSS",
        "SoL",
        "socialtjänstlagen",
        "lagen (1993:387)",
        "kommun",
        "Anna",
        "Lisa",
        "Rasmus",
        "han",
        "hon",
        "hen",
        "mars",
        "september",
        "ÅÅÅÅ-MM-DD",
        "XX",
        "[namn]",
        "…",
        "korttidsvistelse",
        "personlig assistans",
        "9 § 6",
        "4 kap. 1 §",
        "2026-09-05",
        "19900101-1234",
        "900101+1234",
        "\u{301}",
        "\u{200d}",
        "ſ",
        "İ",
        "ß",
        "\u{a0}",
        "\u{23a}",
        "\u{2126}",
        "\u{212a}",
        "\u{212b}",
        "\u{2013}",
        "hemtjänst",
    ];

    fn shaped() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(SHAPED), 0..40).prop_map(|p| p.concat())
    }

    fn engine() -> &'static beslutskoll::engine::Engine {
        static ENGINE: std::sync::OnceLock<beslutskoll::engine::Engine> =
            std::sync::OnceLock::new();
        ENGINE.get_or_init(|| beslutskoll::engine::Engine::builtin().expect("built-in rules"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn shaped_texts_in_every_field_are_checked_without_panic(
            motivering in shaped(), mal in shaped(), lagrum in shaped(), utredning in shaped()
        ) {
            let c = case(&motivering, |c| {
                c.beslut[0].mal = Some(mal.clone());
                c.beslut[0].lagrum = Some(lagrum.clone());
                let t = &mut c.utredning.texter;
                for field in [&mut t.bakgrund, &mut t.behov, &mut t.egen_installning,
                              &mut t.barnets_basta, &mut t.bedomning] {
                    *field = Some(utredning.clone());
                }
            });
            let report = engine().check(&c);
            for f in &report.findings {
                for sp in f.evidence.iter().flat_map(|e| &e.spans) {
                    prop_assert!(sp.start <= sp.end);
                }
            }
            serde_json::to_string(&report).expect("a report serialises");
        }
    }
}
