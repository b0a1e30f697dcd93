//! `rules check`: the checker's errors and warnings plus the static checks, as the
//! rule author sees them, with `N fel, N varningar` last and a meaningful exit status.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn folder(name: &str, body: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("rules_check")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("regler")).unwrap();
    let text = format!(
        "regelverk lss.test\n  titel       \"Test\"\n  lag         LSS\n  version     \"1\"\n  giltig från 2020-01-01\n  gäller      varje beslut\n\n\
         definition avslag = beslut.utfall i [\"avslag\", \"delvis_bifall\"]\n\n{body}"
    );
    std::fs::write(dir.join("regler/test.regler"), text).unwrap();
    dir
}

fn check(dir: &Path) -> (i32, String) {
    let out = Command::cargo_bin("beslutskoll")
        .unwrap()
        .current_dir(dir)
        .args(["rules", "check", "regler"])
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn warnings_for_conditions_decided_without_a_case() {
    let dir = folder(
        "warnings",
        "regel aldrig_bifall_vid_avslag\n  kategori     beslut\n  allvarlighet varning\n  lagrum       \"32 § förvaltningslagen\"\n  när          avslag och beslut.utfall = \"bifall\"\n  kräv         finns(beslut.motivering)\n  meddelande   \"M\"\n\n\
         regel KravAlltid\n  kategori     beslut\n  allvarlighet varning\n  lagrum       \"32 § förvaltningslagen\"\n  kräv         finns(beslut.mal) eller inte finns(beslut.mal)\n  meddelande   \"M\"\n",
    );
    let (code, text) = check(&dir);
    assert_eq!(code, 0, "warnings only: exit 0\n{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn load_errors_give_exit_status_2() {
    let dir = folder(
        "errors",
        "regel r\n  kategori     beslut\n  allvarlighet varning\n  lagrum       \"1 § LSS\"\n  kräv         finns(beslut.motiverng)\n  meddelande   \"M\"\n",
    );
    let (code, text) = check(&dir);
    assert_eq!(code, 2);
    assert!(text.contains("okänt fält `motiverng`"), "{text}");
    assert!(text.ends_with("1 fel, 0 varningar\n"), "{text}");
}

#[test]
fn shipped_rules_with_the_example_guideline_are_clean() {
    Command::cargo_bin("beslutskoll")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "rules",
            "check",
            "rules",
            "--local",
            "riktlinjer/exempelkommun",
        ])
        .assert()
        .success()
        .stdout("0 fel, 0 varningar\n");
}
