//! Trials of the built-in rules on cases written blind from the domain notes (shared by
//! the `provning` harness binary and `tests/provning.rs`):
//!
//! - `tests/data/goda_beslut/`: good decisions. Goal: no error, and at most one
//!   warning per ten decisions; every warning left is listed with its reason in
//!   `kvarvarande_varningar.yaml` (a supervisor would agree it deserves a look).
//! - `tests/data/provfall/`: a held-out set of good and flawed cases with expected
//!   faults in `forvantat.yaml`. A good case must get no error; in a flawed case each
//!   expected fault must be reported by a rule of its family ([`families`]) at the
//!   severity the notes give.
//! - `tests/data/provfall2/`: a second held-out set written the same way after the
//!   rules of the first round were fixed, with plain-text drafts among the cases.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use beslutskoll::case;
use beslutskoll::engine::Engine;
use beslutskoll::report::{Finding, Severity};

/// One finding that counts (not acknowledged, not info).
#[derive(Debug, Clone)]
pub struct Seen {
    pub severity: Severity,
    pub rule: String,
    pub path: String,
    pub message: String,
}

/// The findings of one case file.
#[derive(Debug, Clone)]
pub struct CaseRun {
    pub file: String,
    pub decisions: usize,
    pub findings: Vec<Seen>,
}

impl CaseRun {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }
    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Warning)
            .count()
    }
}

fn counts(f: &Finding) -> bool {
    f.acknowledged.is_none() && matches!(f.severity, Severity::Error | Severity::Warning)
}

/// The numbered case files of `dir`: YAML cases and drafts (`.txt`, `.md`, `.docx`).
fn case_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| {
            p.extension()
                .is_some_and(|e| ["yaml", "txt", "md", "docx"].iter().any(|x| e == *x))
                && p.file_name().is_some_and(|n| {
                    let n = n.to_string_lossy();
                    n.as_bytes().first().is_some_and(u8::is_ascii_digit)
                })
        })
        .collect();
    files.sort();
    files
}

/// Reads a case file, or a draft document as the CLI reads it.
fn read(path: &Path) -> case::Case {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let read = match case::document_kind(&name) {
        Some(kind) => case::read_document_file(path, kind).map(|d| d.file),
        None => case::read_case_file(path),
    };
    read.unwrap_or_else(|e| panic!("{}", e.to_diagnostic()))
        .case
}

/// Check every numbered case file of `dir`.
pub fn run_dir(engine: &Engine, dir: &Path) -> Vec<CaseRun> {
    case_files(dir)
        .iter()
        .map(|path| {
            let case = read(path);
            let report = engine.check(&case);
            CaseRun {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                decisions: case.beslut.len(),
                findings: report
                    .findings
                    .iter()
                    .filter(|f| counts(f))
                    .map(|f| Seen {
                        severity: f.severity,
                        rule: f.rule.clone(),
                        path: f.path.clone(),
                        message: f.message.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// A warning on a good decision that a supervisor agrees deserves a look.
#[derive(Debug, serde::Deserialize)]
pub struct Accepted {
    pub fil: String,
    pub regel: String,
    pub varfor: String,
}

pub fn accepted_warnings(dir: &Path) -> Vec<Accepted> {
    let path = dir.join("kvarvarande_varningar.yaml");
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_yaml::from_str::<Option<Vec<Accepted>>>(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// The expectation for one held-out case.
#[derive(Debug, serde::Deserialize)]
pub struct Expected {
    pub fil: String,
    pub bra: bool,
    #[serde(default)]
    pub brister: Vec<Fault>,
}

#[derive(Debug, serde::Deserialize)]
pub struct Fault {
    pub kod: String,
    pub allvarlighet: String,
    #[serde(default)]
    pub lagrum: Option<String>,
    #[serde(default)]
    pub var: Option<String>,
    #[serde(default)]
    pub beskrivning: Option<String>,
}

/// The rule families that report a fault of the domain notes, by its code
/// (deficiencies D1–D15, checklist items): parts of rule ids. Written from what each
/// deficiency is about, not from the cases.
pub fn families(kod: &str) -> &'static [&'static str] {
    match kod {
        "D1" => &[
            "generisk_motivering",
            "schablon",
            "samma_motivering",
            "standard_ej_provad",
            "goda_levnadsvillkor_ej_provat",
        ],
        "D2" => &["kopia."],
        "D3" => &["barn"],
        "D4" => &["kommunicer", "svarstid"],
        "D5" => &["overklagande"],
        "D6" => &[
            "tidsbegrans",
            "forsakringskassan",
            "uppfoljning",
            "mal_",
            "giltig",
            "tidigare_beslut",
            "forsamr",
            "andring",
        ],
        "D7" => &[
            "lagrum",
            "skalig_levnadsniva",
            "goda_levnadsvillkor",
            "standard",
            "fel_punkt",
            "insats_finns_inte",
            "provat_bara",
        ],
        "D8" => &["utan_beslut", "sokt_insats"],
        "D9" => &["riktlinje", "kostnad", "schablon"],
        "D10" => &["forsakringskassan", "vantar"],
        "D11" => &["handlaggning"],
        "D12" => &["beslutsfattare"],
        "D13" => &["tidigare_beslut", "forsamr", "minsk", "andring"],
        "D14" => &["dom"],
        "D15" => &["delvis_avslag", "sokt_form", "form"],
        "G4" => &["installning", "onskemal", "samtycke", "vilja"],
        "G9" => &["mal", "uppfoljning"],
        "B.2" => &["personlig_assistans"],
        "B.4" => &["kontaktperson", "samtycke"],
        "B.7" => &["korttidstillsyn"],
        "B.8" => &["boende_barn"],
        "B.10" => &["daglig_verksamhet"],
        "B.11" => &["rad_och_stod"],
        _ => &[],
    }
}

impl Fault {
    /// Did a finding of the fault's family, at its severity or above, fire?
    pub fn found_in(&self, run: &CaseRun) -> bool {
        let need_error = self.allvarlighet == "fel";
        run.findings.iter().any(|f| {
            families(&self.kod).iter().any(|fam| f.rule.contains(fam))
                && (!need_error || f.severity == Severity::Error)
        })
    }
}

impl Expected {
    /// The most severe finding the notes ask for.
    pub fn wanted(&self) -> Option<Severity> {
        if self.brister.iter().any(|b| b.allvarlighet == "fel") {
            Some(Severity::Error)
        } else if self.brister.is_empty() {
            None
        } else {
            Some(Severity::Warning)
        }
    }

    /// Did the run meet the expectation? A good case: no error. A flawed one: every
    /// expected fault found by a rule of its family at its severity.
    pub fn met_by(&self, run: &CaseRun) -> bool {
        if self.bra {
            run.errors() == 0
        } else {
            self.brister.iter().all(|b| b.found_in(run))
        }
    }
}

pub fn expectations(dir: &Path) -> Vec<Expected> {
    let path = dir.join("forvantat.yaml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Rule ids by how often they fired, most first.
pub fn by_rule(runs: &[CaseRun], severity: Severity) -> Vec<(String, usize)> {
    let mut m: BTreeMap<&str, usize> = BTreeMap::new();
    for r in runs {
        for f in r.findings.iter().filter(|f| f.severity == severity) {
            *m.entry(&f.rule).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = m.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}
