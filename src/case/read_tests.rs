//! The one-pass YAML read gives what the two passes give: the same case, or the same
//! error (which it gets by reading the file again the two-pass way), on every YAML
//! file in the repository, on hand-editing damage to them and on alias use on both
//! sides of the size budget.

use std::path::Path;
use std::sync::Arc;

use super::{read_yaml, read_yaml_careful};
use crate::diag::Source;

/// What a read gives, comparable: the case, or the error with its kind, path and help.
fn outcome(r: Result<super::Case, super::CaseError>) -> Result<super::Case, String> {
    r.map_err(|e| {
        format!(
            "{e} [{:?}] path {:?} help {:?}",
            e.kind(),
            e.path(),
            e.help()
        )
    })
}

fn agree(name: &str, text: &str) -> bool {
    let src: Arc<Source> = Source::new(name, text);
    let one = outcome(read_yaml(&src));
    let two = outcome(read_yaml_careful(&src));
    assert_eq!(one, two, "{name}:\n{text}");
    one.is_ok()
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn repository_yaml() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["examples", "tests/fixtures", "tests/data", "tests/regler"] {
        yaml_files(&root.join(dir), &mut paths);
    }
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.display().to_string(), text))
        })
        .collect()
}

#[test]
fn every_yaml_file_in_the_repository_reads_alike() {
    let files = repository_yaml();
    assert!(files.len() > 100, "{} files", files.len());
    let good = files.iter().filter(|(n, t)| agree(n, t)).count();
    // Most are cases; rule tests and bad fixtures are errors, alike too.
    assert!(good > 50, "{good} read");
}

#[test]
fn hand_editing_damage_reads_alike() {
    let files = repository_yaml();
    let texts: Vec<&str> = files
        .iter()
        .filter(|(n, _)| n.contains("examples/"))
        .map(|(_, t)| t.as_str())
        .take(3)
        .collect();
    assert!(!texts.is_empty());
    let inserts = [
        '&', '*', '[', ']', '{', '}', ':', '-', '\n', ' ', '!', '"', '\'', '#', '|', '>', '1',
    ];
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        let step = (chars.len() / 150).max(1);
        for i in (0..chars.len()).step_by(step) {
            let deleted: String = chars[..i].iter().chain(&chars[i + 1..]).collect();
            agree("edit.yaml", &deleted);
            let c = inserts[i % inserts.len()];
            let mut inserted: String = chars[..i].iter().collect();
            inserted.push(c);
            inserted.extend(&chars[i..]);
            agree("edit.yaml", &inserted);
            agree("edit.yaml", &chars[..i].iter().collect::<String>());
        }
    }
}

const MINIMAL: &str = "arende:\n  id: LSS-2026-0001\n  lag: SoL\nsokande:\n  namn: Åsa Öberg\n  \
                       fodelsedatum: 1950-01-31\nansokan:\n  datum: 2026-08-20\n";

#[test]
fn aliases_on_both_sides_of_the_budget_read_alike() {
    assert!(agree("minimal.yaml", MINIMAL));
    // An anchored list of `n` items aliased `m` times: about n × m values against a
    // budget of the file's length plus 10,000. Find where it runs out, and read
    // around that point.
    let aliased = |n: usize, m: usize| {
        let mut text = format!(
            "{MINIMAL}extra:\n  a: &a [{}]\n  b: [",
            vec!["x"; n].join(", ")
        );
        text.push_str(&vec!["*a"; m].join(", "));
        text.push_str("]\n");
        agree("alias.yaml", &text)
    };
    for n in [7, 50, 300] {
        let (mut lo, mut hi) = (0, 6_000);
        assert!(aliased(n, lo) && !aliased(n, hi), "{n}");
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if aliased(n, mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        for m in lo.saturating_sub(3)..=hi + 3 {
            assert_eq!(aliased(n, m), m <= lo, "{n} × {m}");
        }
    }

    // Bytes rather than values: one long string aliased across the byte budget.
    for m in (0..=30).step_by(3) {
        let mut text = format!(
            "{MINIMAL}extra:\n  s: &s \"{}\"\n  l: [",
            "y".repeat(50_000)
        );
        text.push_str(&vec!["*s"; m].join(", "));
        text.push_str("]\n");
        agree("long.yaml", &text);
    }

    // Aliased mappings and tagged values, under and inside records.
    let text = format!(
        "{MINIMAL}beslut:\n  - &b\n    insats: hemtjanst\n    datum: 2026-09-01\n    \
         extra: &e {{t: !tagg [1, *b], u: ~}}\n  - *b\nextra: [*e, *e, !x y]\n"
    );
    agree("mixed.yaml", &text);
}

#[test]
fn depth_on_both_sides_of_the_limit_reads_alike() {
    for levels in 55..=70 {
        let lists = format!(
            "{MINIMAL}extra: {}1{}\n",
            "[".repeat(levels),
            "]".repeat(levels)
        );
        agree("deep.yaml", &lists);
        let maps = format!(
            "{MINIMAL}extra: {}1{}\n",
            "{a: ".repeat(levels),
            "}".repeat(levels)
        );
        agree("deep.yaml", &maps);
        let tags = format!("{MINIMAL}extra: {}1\n", "!t [".repeat(levels)) + &"]".repeat(levels);
        agree("deep.yaml", &tags);
    }
}

#[test]
fn roots_that_are_not_mappings_read_alike() {
    for text in [
        "",
        "~",
        "null",
        "1",
        "text",
        "[1]",
        "- a\n- b\n",
        "!t x",
        "!t {a: 1}",
        "---\n",
        "---\n---\n",
        "format: 2\nokand: 1\n",
        "okand: 1\nformat: 2\n",
    ] {
        agree("root.yaml", text);
    }
}
