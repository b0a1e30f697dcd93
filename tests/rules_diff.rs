//! `rules diff` on two small rule folders built here: a SoL 2001 version of a rule set
//! and its SoL 2025 successor with new citations. The review text is what a supervisor
//! attaches to the change, so it is snapshotted as the user sees it (run from the
//! folder that holds both sides, so no absolute paths appear).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

const GEMENSAMT: &str = r#"bibliotek gemensamt "Gemensamma definitioner"

definition avslag = beslut.utfall i ["avslag", "delvis_bifall"]

lista schablonfraser = ["behovet bedöms vara tillgodosett"]
"#;

const HEMTJANST_2001: &str = r#"# Hemtjänst enligt socialtjänstlagen (2001:453).

regelverk sol.hemtjanst
  titel       "SoL: hemtjänst"
  lag         SoL
  version     "2025.1"
  giltig från 2018-07-01 till 2025-06-30
  författning "SFS 2001:453"
  gäller      insats hemtjanst

regel fel_lagrum
  kategori     beslut
  allvarlighet fel
  lagrum       "4 kap. 1 § SoL"
  när          finns(beslut.lagrum)
  kräv         nämner(beslut.lagrum, ["4 kap. 1 §"])
  plats        beslut.lagrum
  meddelande   "Lagrummet pekar inte på bistånd enligt 4 kap. 1 § SoL."

regel bedomning_saknas
  kategori     utredning
  allvarlighet varning
  lagrum       "11 kap. 5 § SoL"
  kräv         finns(utredning.texter.bedomning)
  meddelande   "Utredningen saknar bedömning."

regel skalig_levnadsniva
  kategori     beslut
  allvarlighet varning
  lagrum       "4 kap. 1 § SoL"
  när          avslag
  kräv         nämner(beslut.motivering, ["skälig levnadsnivå"])
  meddelande   "Motiveringen prövar inte om den enskilde tillförsäkras en skälig levnadsnivå."
"#;

const HEMTJANST_2025: &str = r#"# Hemtjänst enligt socialtjänstlagen (2025:400).

regelverk sol.hemtjanst
  titel       "SoL: hemtjänst"
  lag         SoL
  version     "2025.2"
  giltig från 2025-07-01
  författning "SFS 2025:400"
  gäller      insats hemtjanst

regel fel_lagrum
  kategori     beslut
  allvarlighet fel
  lagrum       "11 kap. 1 § SoL"
  när          finns(beslut.lagrum)
  kräv         nämner(beslut.lagrum, ["11 kap. 1 §"])
  plats        beslut.lagrum
  meddelande   "Lagrummet pekar inte på insatser enligt 11 kap. 1 § SoL."

regel bedomning_saknas
  kategori     utredning
  allvarlighet varning
  lagrum       "14 kap. 3 § SoL"
  kräv         finns(utredning.texter.bedomning)
  meddelande   "Utredningen saknar bedömning."

regel skaliga_levnadsforhallanden
  kategori     beslut
  allvarlighet varning
  lagrum       "11 kap. 1 § SoL"
  när          avslag
  kräv         nämner(beslut.motivering, ["skäliga levnadsförhållanden"])
  meddelande   "Motiveringen prövar inte om den enskilde tillförsäkras skäliga levnadsförhållanden."
  kan inte kvitteras
"#;

const CASE: &str = r#"format: 1
arende:
  id: "SoL-2026-0007"
  lag: SoL
sokande:
  namn: "Nils Ek"
  fodelsedatum: 1941-02-03
ansokan:
  datum: 2025-08-01
  insatser:
    - insats: hemtjanst
utredning:
  texter:
    bedomning: "Nils klarar inte längre inköp och städning själv."
beslut:
  - insats: hemtjanst
    datum: 2025-09-01
    utfall: avslag
    lagrum: "4 kap. 1 § SoL"
    motivering: "Behovet bedöms vara tillgodosett."
"#;

/// A fresh directory with `gammal/`, `ny/` and `arenden/`.
fn fixture(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("rules_diff")
        .join(name);
    let _ = std::fs::remove_dir_all(&root);
    let write = |rel: &str, text: &str| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("gammal/gemensamt.regler", GEMENSAMT);
    write("gammal/sol/hemtjanst.regler", HEMTJANST_2001);
    write(
        "ny/gemensamt.regler",
        &GEMENSAMT.replace(
            "[\"behovet bedöms vara tillgodosett\"]",
            "[\"behovet bedöms vara tillgodosett\", \"utifrån en helhetsbedömning\"]",
        ),
    );
    write("ny/sol/hemtjanst.regler", HEMTJANST_2025);
    write("arenden/hemtjanst_avslag.yaml", CASE);
    root
}

fn diff(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("beslutskoll")
        .unwrap()
        .current_dir(dir)
        .arg("rules")
        .arg("diff")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn review_of_two_folders_lists_changed_citations() {
    let dir = fixture("folders");
    let (code, text) = diff(&dir, &["gammal", "ny"]);
    assert_eq!(code, 1, "differences give exit status 1");
    insta::assert_snapshot!(text);
}

#[test]
fn impact_lists_findings_that_appear_and_disappear_per_case() {
    let dir = fixture("impact");
    let (code, text) = diff(&dir, &["gammal", "ny", "--impact", "arenden"]);
    assert_eq!(code, 1);
    let impact = &text[text.find("Påverkan på ärenden").expect(&text)..];
    insta::assert_snapshot!(impact);
}

#[test]
fn two_versions_in_single_files_are_compared_with_each_other() {
    let dir = fixture("files");
    let (_, text) = diff(
        &dir,
        &["gammal/sol/hemtjanst.regler", "ny/sol/hemtjanst.regler"],
    );
    assert!(
        text.contains(
            "~ ändrat regelverk sol.hemtjanst 2025.2, från 2025-07-01 (hemtjanst.regler)"
        ),
        "{text}"
    );
    assert!(
        text.contains("    lagrum:\n        - \"4 kap. 1 § SoL\"\n        + \"11 kap. 1 § SoL\""),
        "{text}"
    );
}

#[test]
fn same_folder_gives_no_differences_and_json_has_the_same_content() {
    let dir = fixture("same");
    let (code, text) = diff(&dir, &["gammal", "gammal"]);
    assert_eq!(
        (code, text.as_str()),
        (
            0,
            "Regeländringar från gammal till gammal\n\nInga ändrade regler.\n"
        )
    );
    let (_, json) = diff(&dir, &["gammal", "ny", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let set = &v["sets"][0];
    assert_eq!(set["id"], "sol.hemtjanst");
    assert_eq!(set["old"]["valid"], "från 2018-07-01 till 2025-06-30");
    let rule = set["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "sol.hemtjanst.fel_lagrum")
        .unwrap();
    let lagrum = rule["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "lagrum")
        .unwrap();
    assert_eq!(lagrum["old"], "\"4 kap. 1 § SoL\"");
    assert_eq!(lagrum["new"], "\"11 kap. 1 § SoL\"");
}

#[test]
fn a_git_revision_is_a_side() {
    let dir = fixture("git");
    let git = |args: &[&str]| {
        let ok = Process::new("git")
            .current_dir(&dir)
            .args([
                "-c",
                "user.name=Test",
                "-c",
                "user.email=test@example.invalid",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    // `regler/` holds the old rules in the commit and the new ones in the work tree.
    std::fs::rename(dir.join("gammal"), dir.join("regler")).unwrap();
    git(&["add", "regler"]);
    git(&["commit", "-q", "-m", "SoL 2001"]);
    std::fs::remove_dir_all(dir.join("regler")).unwrap();
    std::fs::rename(dir.join("ny"), dir.join("regler")).unwrap();
    let (code, from_git) = diff(&dir, &["HEAD:regler", "regler"]);
    assert_eq!(code, 1);
    // The same review as between two folders, apart from the names of the sides.
    let (_, folders) = diff(&fixture("git_compare"), &["gammal", "ny"]);
    let body = |t: &str| t.split_once('\n').unwrap().1.to_string();
    assert_eq!(body(&from_git), body(&folders));
    assert!(from_git.starts_with("Regeländringar från HEAD:regler till regler\n"));
}

#[test]
fn an_unknown_revision_is_an_input_error() {
    let dir = fixture("badrev");
    Command::cargo_bin("beslutskoll")
        .unwrap()
        .current_dir(&dir)
        .args(["rules", "diff", "finnsinte:regler", "ny"])
        .assert()
        .code(2);
}

#[test]
fn guideline_folders_are_compared_over_the_national_rules() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("rules_diff")
        .join("guideline");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("ny")).unwrap();
    std::fs::create_dir_all(dir.join("arenden")).unwrap();
    // The new guideline no longer lowers `fl.beslut.mal_saknas`.
    let text =
        std::fs::read_to_string(root.join("riktlinjer/exempelkommun/ledsagarservice.regler"))
            .unwrap();
    let start = text.find("# Exempelkommun skriver insatsens mål").unwrap();
    let end = text.find("# Fraser ur kommunens gamla").unwrap();
    let new = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(dir.join("ny/ledsagarservice.regler"), new).unwrap();
    // A case without a goal for the insats.
    let case = std::fs::read_to_string(root.join("examples/korttidsvistelse_bra.yaml")).unwrap();
    let case: String = case
        .lines()
        .filter(|l| !l.trim_start().starts_with("mal:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("arenden/utan_mal.yaml"), case).unwrap();
    let old = root.join("riktlinjer/exempelkommun");
    let (code, text) = diff(
        &dir,
        &[
            old.to_str().unwrap(),
            "ny",
            "--local",
            "--impact",
            "arenden",
        ],
    );
    assert_eq!(code, 1);
    assert!(
        text.contains("  - justera fl.beslut.mal_saknas\n"),
        "{text}"
    );
    assert!(
        text.contains("    ~ fl.beslut.mal_saknas  beslut.0.mal  (info → varning)\n"),
        "{text}"
    );
}

#[test]
fn the_shipped_sol_versions_differ_in_their_citations() {
    // The acceptance of issue 4: `rules diff` between the two shipped SoL versions lists
    // the changed citations (SoL 2001 → SoL 2025).
    let out = assert_cmd::Command::cargo_bin("beslutskoll")
        .unwrap()
        .args(["rules", "diff", "rules/sol/2001", "rules/sol/2025"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "differences give exit 1");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("~ ändrat regelverk sol.allmant"), "{text}");
    // A rule's lagrum changes from the old law's paragraph to the new law's.
    let lagrum_changes: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("lagrum:"))
        .take(3)
        .collect();
    assert!(
        lagrum_changes.len() == 3,
        "no lagrum change listed:\n{text}"
    );
    assert!(
        lagrum_changes[1].trim_start().starts_with("- "),
        "{lagrum_changes:?}"
    );
    assert!(
        lagrum_changes[2].trim_start().starts_with("+ "),
        "{lagrum_changes:?}"
    );
    assert!(
        text.contains("\"SFS 2001:453\"") && text.contains("\"SFS 2025:400\""),
        "{text}"
    );
}
