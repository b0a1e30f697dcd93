//! The command line as scripts and CI use it: the real binary, its exit codes,
//! standard output and standard error.

use assert_cmd::Command;

fn bin() -> Command {
    let mut c = Command::cargo_bin("beslutskoll").unwrap();
    c.env_remove("NO_COLOR");
    c
}

fn tmp(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli");
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn good_example_exits_0_and_flawed_ones_exit_1() {
    bin()
        .args(["check", "examples/korttidsvistelse_bra.yaml"])
        .assert()
        .code(0);
    for f in [
        "examples/korttidsvistelse_barn_utan_barnperspektiv.yaml",
        "examples/personlig_assistans_avslag_utan_kommunicering.yaml",
        "examples/personlig_assistans_66_ar.yaml",
    ] {
        bin().args(["check", f]).assert().code(1);
    }
}

#[test]
fn json_report_has_every_key_of_the_contract() {
    let out = bin()
        .args([
            "check",
            "examples/personlig_assistans_avslag_utan_kommunicering.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["case"], "LSS-2026-0388");
    for key in ["id", "version", "valid_from", "valid_to", "source"] {
        assert!(v["rulesets"][0].get(key).is_some(), "rulesets[0].{key}");
    }
    let f = &v["findings"][0];
    for key in [
        "rule",
        "category",
        "severity",
        "insats",
        "lagrum",
        "path",
        "message",
        "explanation",
    ] {
        assert!(f.get(key).is_some(), "findings[0].{key}");
    }
    for key in ["error", "warning", "info", "acknowledged"] {
        assert!(v["summary"][key].is_u64(), "summary.{key}");
    }
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"fl.beslut.kommunicering_saknas"),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"fl.beslut.overklagandehanvisning_saknas"),
        "{rules:?}"
    );
}

#[test]
fn default_format_off_a_terminal_is_json_and_human_has_no_colour() {
    let out = bin()
        .args(["check", "examples/korttidsvistelse_bra.yaml"])
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON by default when piped");
    let out = bin()
        .args([
            "check",
            "examples/personlig_assistans_66_ar.yaml",
            "--format",
            "human",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\u{1b}'), "no ANSI codes off a terminal");
    assert!(text.contains("Lagrum:  9 b § LSS"), "{text}");
    assert!(text.contains("Rätt till insatsen"), "{text}");
}

#[test]
fn reads_standard_input_and_several_files() {
    let text = std::fs::read_to_string("examples/korttidsvistelse_bra.yaml").unwrap();
    bin()
        .args(["check", "-", "--format", "json"])
        .write_stdin(text)
        .assert()
        .code(0);
    let out = bin()
        .args([
            "check",
            "examples/korttidsvistelse_bra.yaml",
            "examples/personlig_assistans_66_ar.yaml",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 2);
}

#[test]
fn misspelt_key_exits_2_with_line_and_column() {
    let text = std::fs::read_to_string("examples/korttidsvistelse_bra.yaml")
        .unwrap()
        .replace("\nbeslut:\n", "\nbeslutt:\n");
    let p = tmp("beslutt.yaml", &text);
    let out = bin().args(["check"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "no partial report");
    let err = String::from_utf8(out.stderr).unwrap();
    let line = text.lines().position(|l| l == "beslutt:").unwrap() + 1;
    assert!(err.contains("beslutt"), "{err}");
    assert!(err.contains(&format!("beslutt.yaml:{line}:")), "{err}");
}

#[test]
fn impossible_date_exits_2_with_line_and_column() {
    let text = std::fs::read_to_string("examples/korttidsvistelse_bra.yaml")
        .unwrap()
        .replace(
            "  datum: 2026-08-20\n  sokt_av",
            "  datum: 2026-02-30\n  sokt_av",
        );
    let p = tmp("datum.yaml", &text);
    let out = bin().args(["check"]).arg(&p).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    let line = text
        .lines()
        .position(|l| l == "  datum: 2026-02-30")
        .unwrap()
        + 1;
    assert!(err.contains("2026-02-30"), "{err}");
    assert!(err.contains(&format!("datum.yaml:{line}:")), "{err}");
}

#[test]
fn a_rule_file_with_an_unknown_field_exits_2_with_a_caret() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli_regler");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("x.regler"),
        "regelverk t.x\n  titel \"t\"\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n  gäller varje beslut\n\
         regel r\n  kategori utredning\n  allvarlighet fel\n  lagrum \"x\"\n  kräv finns(sokande.fodelsedag)\n  meddelande \"m\"\n",
    )
    .unwrap();
    let out = bin()
        .args(["check", "examples/korttidsvistelse_bra.yaml", "--rules"])
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("okänt fält `fodelsedag` i `sokande`"), "{err}");
    assert!(err.contains("x.regler:11:22"), "{err}");
    assert!(err.contains("^^^^^^^^^^"), "{err}");
}

#[test]
fn rules_list_and_explain() {
    let out = bin().args(["rules", "list"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("lss.korttidsvistelse"), "{text}");
    let out = bin()
        .args(["explain", "lss.barn.barnets_basta"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Lagrum:       6 a § LSS"), "{text}");
    assert!(
        text.contains("kräv         finns(utredning.texter.barnets_basta)"),
        "{text}"
    );
    let out = bin()
        .args(["explain", "lss.barn.barnets_bast"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("menade du `lss.barn.barnets_basta`?"));
}

#[test]
fn rules_test_prints_a_closing_count_line() {
    let out = bin().args(["rules", "test", "rules"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let last = text.lines().last().unwrap();
    assert!(
        last.ends_with(" failed") && last.contains(" passed, "),
        "{last}"
    );
}
