//! `rules fmt` on every shipped rule file: the result parses, checks to the same rule
//! model, and formatting it again changes nothing. Also the command line: `--check`
//! on the shipped folders, and a messy file rewritten once and then left alone.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use beslutskoll::diag::Source;
use beslutskoll::engine::{read_dir_sources, Engine};
use beslutskoll::fmt::format_source;
use beslutskoll::rule_page::explain;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped() -> (Vec<Arc<Source>>, Vec<Arc<Source>>) {
    (
        read_dir_sources(&root().join("rules")).unwrap(),
        read_dir_sources(&root().join("riktlinjer/exempelkommun")).unwrap(),
    )
}

fn formatted(sources: &[Arc<Source>]) -> Vec<Arc<Source>> {
    sources
        .iter()
        .map(|s| {
            let text = format_source(s)
                .unwrap_or_else(|d| panic!("{}: {}", s.name, beslutskoll::diag::render_all(&d)));
            Source::new(s.name.clone(), text)
        })
        .collect()
}

/// What a rule means, without its layout.
fn model(engine: &Engine) -> Vec<String> {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    engine
        .rules()
        .rules()
        .map(|(set, r)| {
            format!(
                "{} {} {:?} {:?} {:?} {} {:?} {:?} {:?} {:?} {:?} | {}",
                set.id,
                r.id,
                r.lagrum,
                r.severity,
                r.category,
                r.basis.as_str(),
                r.message,
                r.explanation,
                r.guard,
                r.require,
                r.adjusted,
                squash(&explain(engine.documented_rules(), &r.id).unwrap_or_default())
            )
        })
        .collect()
}

#[test]
fn formatting_every_shipped_file_keeps_its_meaning_and_is_idempotent() {
    let (national, local) = shipped();
    let once = (formatted(&national), formatted(&local));
    let twice = (formatted(&once.0), formatted(&once.1));
    for (a, b) in once
        .0
        .iter()
        .chain(&once.1)
        .zip(twice.0.iter().chain(&twice.1))
    {
        assert_eq!(a.text, b.text, "fmt(fmt(x)) != fmt(x) for {}", a.name);
    }
    let before = Engine::from_sources(national, local).unwrap();
    let after = Engine::from_sources(once.0, once.1).unwrap_or_else(|e| panic!("{e}"));
    let (m1, m2) = (model(&before), model(&after));
    assert_eq!(m1.len(), m2.len());
    for (a, b) in m1.iter().zip(&m2) {
        assert_eq!(a, b);
    }
    let lists = |e: &Engine| format!("{:?}", e.rules().lists);
    assert_eq!(lists(&before), lists(&after));
}

#[test]
fn shipped_folders_are_already_formatted() {
    for dir in ["rules", "riktlinjer"] {
        Command::cargo_bin("beslutskoll")
            .unwrap()
            .current_dir(root())
            .args(["rules", "fmt", "--check", dir])
            .assert()
            .success()
            .stdout("");
    }
}

#[test]
fn a_messy_file_is_rewritten_once_and_then_left_alone() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rules_fmt_messy");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let messy = "# Stökig fil\nregelverk t.x gäller varje beslut lag LSS titel \"T\" version \"1\"\n giltig från 2020-01-01\n\
                 regel r kräv ((finns(beslut.mal))) # varför\n meddelande \"M\" kategori beslut allvarlighet varning lagrum \"1 § LSS\"\n";
    std::fs::write(dir.join("t.regler"), messy).unwrap();
    let run = |check: bool| {
        let mut cmd = Command::cargo_bin("beslutskoll").unwrap();
        cmd.current_dir(&dir).args(["rules", "fmt", "."]);
        if check {
            cmd.arg("--check");
        }
        cmd.assert()
    };
    run(true).code(1).stdout("./t.regler\n");
    run(false).success().stdout("formaterad: ./t.regler\n");
    run(true).success().stdout("");
    let text = std::fs::read_to_string(dir.join("t.regler")).unwrap();
    insta::assert_snapshot!(text);
}
