//! Reading case files: every file under `fixtures/cases/bad/` must fail with a
//! diagnostic a handläggare can act on (one snapshot per file, as the user sees it),
//! and every file the format allows must be read.

use std::time::{Duration, Instant};

use beslutskoll::case::{
    read_case, read_case_bytes, read_case_file, CaseError, CaseErrorKind, Insats, Lag, Utfall,
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/cases/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn err(name: &str, text: &str) -> CaseError {
    match read_case(name, text) {
        Ok(_) => panic!("{name} was read without error"),
        Err(e) => e,
    }
}

#[test]
fn bad_files_give_located_swedish_errors() {
    insta::glob!("fixtures/cases/bad/*", |path| {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let e = match read_case_bytes(&name, &bytes) {
            Ok(_) => panic!("{name} was read without error"),
            Err(e) => e,
        };
        let diag = e.to_diagnostic();
        assert!(e.line() >= 1 && e.column() >= 1, "{name}: {e}");
        assert_eq!(diag.line_col(), (e.line(), e.column()), "{name}");
        insta::assert_snapshot!(format!("kind: {:?}\n\n{diag}", e.kind()));
    });
}

#[test]
fn spec_example_reads_as_yaml_and_json_alike() {
    let yaml = read_case("spec_example.yaml", &fixture("spec_example.yaml")).unwrap();
    let json = read_case("spec_example.json", &fixture("spec_example.json")).unwrap();
    assert_eq!(yaml, json);
    assert!(yaml.warnings.is_empty(), "{:?}", yaml.warnings);
    let case = yaml.case;
    assert_eq!(case.format, Some(1));
    assert_eq!(case.arende.lag, Lag::Lss);
    assert_eq!(case.sokande.namn, "Alva Berg");
    assert_eq!(case.sokande.personkrets, vec![1]);
    assert_eq!(case.sokande.ombud, None);
    assert_eq!(case.sokande.fodelsedatum.to_string(), "2014-05-14");
    assert_eq!(case.underlag.len(), 2);
    assert_eq!(
        case.utredning.kontakter[0].med,
        ["sokande", "vardnadshavare"]
    );
    assert_eq!(case.utredning.behov[0].timmar_per_vecka, Some(3.5));
    assert_eq!(case.beslut[0].utfall, Some(Utfall::DelvisBifall));
    assert_eq!(
        case.beslut[0].giltig_till.map(|d| d.to_string()).as_deref(),
        Some("2027-10-31")
    );
    assert_eq!(case.kvitteringar.len(), 1);
    assert!(case
        .utredning
        .texter
        .barnets_basta
        .unwrap()
        .contains("Alvas bästa"));
}

#[test]
fn spec_example_without_the_extensions_reads_unchanged() {
    // A format 1 file that uses none of beslutskoll's extensions: the new keys are
    // absent, nothing is warned, and the documents are what the file says.
    let read = read_case("spec_example.yaml", &fixture("spec_example.yaml")).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let u = &read.case.underlag;
    assert_eq!(
        u.iter().map(|d| d.typ.as_str()).collect::<Vec<_>>(),
        ["lakarintyg", "psykologutlatande"]
    );
    assert_eq!(u[0].utfardare.as_deref(), Some("BUP Exempelstad"));
    for d in u {
        assert_eq!(d.insats, None);
        assert_eq!(d.utfall, None);
        assert_eq!(d.omfattning, None);
        assert_eq!(d.giltig_fran, None);
        assert_eq!(d.giltig_till, None);
        assert_eq!(d.extra, None);
    }
}

#[test]
fn earlier_decisions_and_the_notice_to_fk_are_read() {
    let yaml = read_case("tidigare_beslut.yaml", &fixture("tidigare_beslut.yaml")).unwrap();
    // The notice to Försäkringskassan is a known document type: no warning.
    assert!(yaml.warnings.is_empty(), "{:?}", yaml.warnings);
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    let u = &yaml.case.underlag;
    assert_eq!(u.len(), 3);

    assert_eq!(u[0].typ, "tidigare_beslut");
    assert_eq!(date(u[0].datum).as_deref(), Some("2019-03-14"));
    assert_eq!(u[0].insats, Some(Insats::PersonligAssistans));
    assert_eq!(u[0].utfall, Some(Utfall::Bifall));
    assert_eq!(u[0].omfattning.as_deref(), Some("60 timmar per vecka"));
    assert_eq!(date(u[0].giltig_fran).as_deref(), Some("2019-04-01"));
    assert_eq!(u[0].giltig_till, None);

    assert_eq!(u[1].typ, "fk_beslut");
    assert_eq!(u[1].insats, Some(Insats::PersonligAssistans));
    assert_eq!(u[1].utfall, Some(Utfall::Avslag));
    assert_eq!(u[1].omfattning, None);
    assert_eq!(date(u[1].giltig_till).as_deref(), Some("2024-06-30"));

    assert_eq!(u[2].typ, "underrattelse_fk");
    assert_eq!(date(u[2].datum).as_deref(), Some("2022-01-10"));
    assert_eq!(u[2].insats, None);

    // The same case as JSON reads the same.
    let value: serde_json::Value = serde_yaml::from_str(&fixture("tidigare_beslut.yaml")).unwrap();
    let json = read_case("tidigare_beslut.json", &value.to_string()).unwrap();
    assert_eq!(json, yaml);
}

#[test]
fn the_extensions_are_accepted_on_any_document_type_and_may_be_null() {
    let text = format!(
        "{MINIMAL}underlag:\n  - typ: lakarintyg\n    insats: hemtjanst\n    omfattning: \"2 timmar\"\n  - typ: tidigare_beslut\n    insats:\n    utfall: ~\n    giltig_fran: null\n    giltig_till:\n"
    );
    let read = read_case("x.yaml", &text).unwrap();
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    assert_eq!(read.case.underlag[0].insats, Some(Insats::Hemtjanst));
    let empty = &read.case.underlag[1];
    assert_eq!(
        (
            empty.insats,
            empty.utfall,
            empty.giltig_fran,
            empty.giltig_till
        ),
        (None, None, None, None)
    );
}

#[test]
fn the_example_in_the_projects_copy_of_the_format_reads() {
    // docs/arendeformat.md is the shared spec with beslutskoll's extensions marked;
    // its example must read, extensions and all.
    let doc = include_str!("../docs/arendeformat.md");
    let start = doc.find("```yaml\n").expect("a YAML example") + "```yaml\n".len();
    let len = doc[start..].find("```").expect("the example ends");
    let read = read_case("arendeformat.md", &doc[start..start + len])
        .unwrap_or_else(|e| panic!("{}", e.to_diagnostic()));
    assert!(read.warnings.is_empty(), "{:?}", read.warnings);
    let case = read.case;
    assert_eq!(case.sokande.personnummer.as_deref(), Some("20140514-0000"));
    let earlier = &case.underlag[2];
    assert_eq!(earlier.typ, "tidigare_beslut");
    assert_eq!(earlier.insats, Some(Insats::Korttidsvistelse));
    assert_eq!(earlier.utfall, Some(Utfall::Bifall));
    assert_eq!(earlier.omfattning.as_deref(), Some("6 dygn per månad"));
    assert!(earlier.giltig_fran.is_some() && earlier.giltig_till.is_some());
}

#[test]
fn an_unknown_insats_in_underlag_is_a_located_error_with_a_suggestion() {
    let text = fixture("bad/unknown_value_underlag_insats.yaml");
    let e = err("u.yaml", &text);
    assert_eq!(e.kind(), CaseErrorKind::InvalidValue);
    assert_eq!(e.path(), Some("underlag.0.insats"));
    assert_eq!((e.line(), e.column()), (13, 13));
    assert!(
        e.message().starts_with(
            "okänt värde `personlig_asistans` för `underlag.0.insats`: förväntade `rad_och_stod`"
        ),
        "{e}"
    );
    assert_eq!(e.help(), Some("menade du `personlig_assistans`?"));

    // The same in JSON, and the same for `utfall`.
    let json = r#"{"arende": {"id": "X", "lag": "LSS"}, "sokande": {"namn": "A", "fodelsedatum": "1960-04-02"},
"ansokan": {"datum": "2026-09-01"},
"underlag": [{"typ": "fk_beslut", "insats": "personlig_assistans", "utfall": "bifal"}]}"#;
    let e = err("u.json", json);
    assert_eq!(e.path(), Some("underlag.0.utfall"));
    assert_eq!((e.line(), e.column()), (3, 78));
    assert_eq!(e.help(), Some("menade du `bifall`?"));
}

#[test]
fn impossible_dates_of_an_earlier_decision_are_errors() {
    for key in ["giltig_fran", "giltig_till"] {
        let text = format!("{MINIMAL}underlag:\n  - typ: tidigare_beslut\n    {key}: 2025-02-29\n");
        let e = err("d.yaml", &text);
        assert_eq!(e.kind(), CaseErrorKind::InvalidValue, "{e}");
        assert_eq!(e.path(), Some(format!("underlag.0.{key}").as_str()));
        assert_eq!((e.line(), e.column()), (11, 18), "{e}");
        assert!(
            e.message().starts_with("ogiltigt datum `2025-02-29`"),
            "{e}"
        );
    }
}

const MINIMAL: &str = "arende:\n  id: LSS-2026-0001\n  lag: SoL\nsokande:\n  namn: Åsa Öberg\n  fodelsedatum: 1950-01-31\nansokan:\n  datum: 2026-08-20\n";

#[test]
fn optional_sections_may_be_missing_empty_or_null() {
    let minimal = read_case("m.yaml", MINIMAL).unwrap();
    assert_eq!(minimal.case.sokande.namn, "Åsa Öberg");
    assert!(minimal.case.beslut.is_empty());
    let with_empties = format!(
        "{MINIMAL}underlag: []\nbeslut: []\nkvitteringar:\nutredning:\n  texter:\n    bakgrund:\n  kontakter:\n"
    );
    let read = read_case("e.yaml", &with_empties).unwrap();
    assert_eq!(read.case, minimal.case);
    let with_nulls = MINIMAL.replace(
        "  fodelsedatum: 1950-01-31\n",
        "  fodelsedatum: 1950-01-31\n  ombud: null\n  kon: ~\n  personkrets:\n  vardnadshavare: null\n",
    );
    assert_eq!(read_case("n.yaml", &with_nulls).unwrap().case, minimal.case);
}

#[test]
fn extra_is_accepted_anywhere_with_any_content() {
    let text = format!(
        "{MINIMAL}extra:\n  system: Treserva\n  1: [a, {{b: null}}]\n  djup: {{a: {{b: {{c: [1.5, true]}}}}}}\nutredning:\n  extra: text\n  texter:\n    extra: [1, 2]\nbeslut:\n  - insats: hemtjanst\n    datum: 2026-09-01\n    extra: {{intern_kod: X1}}\n"
    )
    .replace("  lag: SoL\n", "  lag: SoL\n  extra: ~\n");
    let read = read_case("x.yaml", &text).unwrap();
    let extra = read.case.extra.unwrap();
    assert_eq!(extra["system"], "Treserva");
    assert_eq!(extra["djup"]["a"]["b"]["c"][1], true);

    // What YAML can say and JSON cannot: tags, keys that are not text, NaN.
    let yaml_only = format!(
        "{MINIMAL}extra:\n  ref: !ref LSS-2025-0007\n  ? [1, 2]\n  : par\n  kvot: .nan\n  t: !!str 12\n"
    );
    let extra = read_case("y.yaml", &yaml_only).unwrap().case.extra.unwrap();
    assert_eq!(extra["ref"], serde_json::json!({"!ref": "LSS-2025-0007"}));
    assert_eq!(extra["[1,2]"], "par");
    assert_eq!(extra["kvot"], "NaN");
    assert_eq!(extra["t"], "12");
}

#[test]
fn byte_order_mark_and_crlf_are_read() {
    let text = format!("\u{feff}{}", MINIMAL.replace('\n', "\r\n"));
    assert!(read_case("w.yaml", &text).is_ok());
    let e = err("w.yaml", &text.replace("lag: SoL", "lagg: SoL"));
    assert_eq!((e.line(), e.column()), (3, 3));
}

#[test]
fn unknown_document_types_are_warnings() {
    let text = format!(
        "{MINIMAL}underlag:\n  - typ: lakarintyg\n  - typ: fullmakt\n  - typ: lakarintyk\n  - typ: intyg\n"
    );
    let read = read_case("u.yaml", &text).unwrap();
    let shown: Vec<String> = read.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "underlag.2.typ: okänd underlagstyp `lakarintyk`: regler kan bara känna igen kända typer; menade du `lakarintyg`?",
            "underlag.3.typ: okänd underlagstyp `intyg`: regler kan bara känna igen kända typer",
        ]
    );
}

#[test]
fn errors_carry_path_and_kind() {
    let e = err(
        "p.yaml",
        &format!("{MINIMAL}beslut:\n  - insats: hemtjanst\n    datum: 2026-09-31\n"),
    );
    assert_eq!(e.kind(), CaseErrorKind::InvalidValue);
    assert_eq!(e.path(), Some("beslut.0.datum"));
    assert_eq!((e.line(), e.column()), (11, 12));
    assert_eq!(e.to_string(), "p.yaml:11:12: ogiltigt datum `2026-09-31` i `beslut.0.datum`: förväntade ett datum ÅÅÅÅ-MM-DD som finns i kalendern");
}

#[test]
fn files_are_read_from_disk_with_their_errors() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let ok = read_case_file(format!("{dir}/tests/fixtures/cases/spec_example.yaml").as_ref());
    assert!(ok.is_ok());
    let latin1 =
        read_case_file(format!("{dir}/tests/fixtures/cases/bad/invalid_utf8_latin1.yaml").as_ref())
            .unwrap_err();
    assert_eq!(latin1.kind(), CaseErrorKind::Encoding);
    assert_eq!((latin1.line(), latin1.column()), (6, 17));
    let missing = read_case_file("finns/inte.yaml".as_ref()).unwrap_err();
    assert_eq!(missing.kind(), CaseErrorKind::Io);
    assert_eq!(
        missing.to_string(),
        "finns/inte.yaml:1:1: kan inte läsa `finns/inte.yaml`: filen finns inte; förväntade en läsbar ärendefil"
    );
    // An I/O error still renders (with an empty snippet), never panics.
    assert!(missing
        .to_diagnostic()
        .to_string()
        .contains("filen finns inte"));
}

/// Runs `f` on a thread with a small stack, so that a regression to unbounded
/// recursion shows up as a crash here and not in production.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn thousand_levels_of_nesting_are_an_error_not_a_crash() {
    let levels = 1000;
    let inputs = [
        (
            "flow.yaml",
            format!(
                "{MINIMAL}extra: {}{}\n",
                "[".repeat(levels),
                "]".repeat(levels)
            ),
        ),
        ("block.yaml", {
            let mut t = format!("{MINIMAL}extra:\n");
            for i in 0..levels {
                t.push_str(&" ".repeat(2 * (i + 1)));
                t.push_str("a:\n");
            }
            t
        }),
        (
            "flow_maps.yaml",
            format!(
                "{MINIMAL}extra: {}{}\n",
                "{a: ".repeat(levels),
                "}".repeat(levels)
            ),
        ),
        (
            "deep.json",
            format!(
                "{{\"extra\": {}{}}}",
                "[".repeat(levels),
                "]".repeat(levels)
            ),
        ),
        (
            "deep_objects.json",
            format!(
                "{{\"extra\": {}1{}}}",
                "{\"a\": ".repeat(levels),
                "}".repeat(levels)
            ),
        ),
    ];
    for (name, text) in inputs {
        let e = on_small_stack(move || read_case(name, &text).unwrap_err());
        assert_eq!(e.kind(), CaseErrorKind::TooDeep, "{name}: {e}");
        assert!(e.line() >= 1);
    }
}

fn assert_quick_too_large(name: &str, text: String) {
    let started = Instant::now();
    let e = on_small_stack(move || read_case("bomb.yaml", &text).unwrap_err());
    let took = started.elapsed();
    assert_eq!(e.kind(), CaseErrorKind::TooLarge, "{name}: {e}");
    // Generous for a debug build on a busy machine; unguarded, these run for hours.
    assert!(took < Duration::from_secs(20), "{name} took {took:?}");
}

#[test]
fn alias_bombs_are_stopped_early() {
    // Exponential: ten levels of ten aliases, 10^10 strings if expanded.
    let mut laughs = format!("{MINIMAL}extra:\n  a0: &a0 \"lol\"\n");
    for i in 1..=10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        laughs.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
    }
    assert_quick_too_large("billion laughs", laughs);

    // Quadratic: one anchored list of 50,000 items, aliased 50,000 times. Within
    // yaml_serde's own alias limit (100 jumps per event), 2.5 × 10^9 values.
    let n = 50_000;
    let mut quad = format!("{MINIMAL}extra:\n  a: &a\n");
    quad.push_str(&"    - x\n".repeat(n));
    quad.push_str("  b:\n");
    quad.push_str(&"    - *a\n".repeat(n));
    assert_quick_too_large("quadratic", quad);

    // A long string aliased many times: few values, many bytes.
    let mut long = format!(
        "{MINIMAL}extra:\n  s: &s \"{}\"\n  l: [",
        "x".repeat(100_000)
    );
    long.push_str(&vec!["*s"; 1000].join(", "));
    long.push_str("]\n");
    assert_quick_too_large("long string", long);
}

#[test]
fn moderate_alias_use_is_fine() {
    let text =
        format!("{MINIMAL}beslut:\n  - &b\n    insats: hemtjanst\n    datum: 2026-09-01\n  - *b\n");
    let read = read_case("a.yaml", &text).unwrap();
    assert_eq!(read.case.beslut.len(), 2);
    assert_eq!(read.case.beslut[0], read.case.beslut[1]);
}
