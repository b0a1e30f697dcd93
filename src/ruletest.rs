//! Rule tests: small files kept next to the rule files that say which rules must
//! fire and which must not on a case. `beslutskoll rules test` and `cargo test` run
//! the same files through the same engine.
//!
//! A test file (`*.test.yaml`, anywhere below the rule folder):
//!
//! ```yaml
//! beskrivning: "Barn utan egen inställning"
//! bas: ../../examples/korttidsvistelse_bra.yaml   # a case file, relative to this file
//! andra:                                            # optional changes to it
//!   utredning.texter.barnets_installning: null      # null removes the key
//!   beslut.0.utfall: avslag                         # list items by index
//! ska_utlosa: [lss.barn.barnets_installning]
//! ska_inte_utlosa: [lss.barn.barnets_basta]
//! allvarlighet:     # optional: the severity a finding must have (fel, varning, info)
//!   lss.barn.barnets_installning: fel
//! exakt: false      # true: every other rule must stay silent too
//! ```
//!
//! Instead of `bas`, a test may give the whole case under `arende_fil:` inline.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::engine::Engine;
use crate::report::Report;

/// One rule test as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTest {
    #[serde(skip)]
    pub path: PathBuf,
    #[serde(default)]
    pub beskrivning: Option<String>,
    /// A case file, relative to the test file.
    #[serde(default)]
    pub bas: Option<PathBuf>,
    /// A whole case, inline.
    #[serde(default)]
    pub arende_fil: Option<serde_yaml::Value>,
    /// Changes to the case: dotted path → new value (`null` removes).
    #[serde(default)]
    pub andra: serde_yaml::Mapping,
    #[serde(default)]
    pub ska_utlosa: Vec<String>,
    #[serde(default)]
    pub ska_inte_utlosa: Vec<String>,
    /// The severity a finding must have: rule id → `fel`, `varning` or `info`.
    #[serde(default)]
    pub allvarlighet: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    pub exakt: bool,
}

/// The outcome of one test.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: String,
    /// Empty when the test passed.
    pub failures: Vec<String>,
    /// Rule ids that fired.
    pub fired: BTreeSet<String>,
    /// Rule ids whose rule set was applied but that did not fire.
    pub silent: BTreeSet<String>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Every `*.test.yaml` below `dir`, sorted by path.
pub fn find_tests(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    walk(dir, &mut out).map_err(|e| format!("kan inte läsa `{}`: {e}", dir.display()))?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.to_string_lossy().ends_with(".test.yaml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Read a test file.
pub fn load_test(path: &Path) -> Result<RuleTest, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_test(path, &text)
}

/// Read a test from its text (the language server reads the text in the editor);
/// `path` places `bas` and names the file in messages.
pub fn parse_test(path: &Path, text: &str) -> Result<RuleTest, String> {
    let mut t: RuleTest =
        serde_yaml::from_str(text).map_err(|e| format!("{}: {e}", path.display()))?;
    t.path = path.to_path_buf();
    if t.bas.is_some() == t.arende_fil.is_some() {
        return Err(format!(
            "{}: ange antingen `bas` (en ärendefil) eller `arende_fil` (ett ärende i testet)",
            path.display()
        ));
    }
    if t.ska_utlosa.is_empty()
        && t.ska_inte_utlosa.is_empty()
        && t.allvarlighet.is_empty()
        && !t.exakt
    {
        return Err(format!(
            "{}: testet anger varken `ska_utlosa`, `ska_inte_utlosa` eller `exakt: true` och kan inte misslyckas",
            path.display()
        ));
    }
    Ok(t)
}

/// The case text a test runs on: the base file or inline case, with changes applied.
pub fn case_text(t: &RuleTest) -> Result<String, String> {
    let mut value = match (&t.bas, &t.arende_fil) {
        (Some(bas), _) => {
            let p = t.path.parent().unwrap_or(Path::new(".")).join(bas);
            let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            serde_yaml::from_str::<serde_yaml::Value>(&text)
                .map_err(|e| format!("{}: {e}", p.display()))?
        }
        (None, Some(v)) => v.clone(),
        (None, None) => return Err("testet saknar ärende".into()),
    };
    for (k, v) in &t.andra {
        let key = k
            .as_str()
            .ok_or("nycklar under `andra` ska vara sökvägar som text")?;
        set_path(&mut value, key, v.clone()).map_err(|e| format!("`andra.{key}`: {e}"))?;
    }
    serde_yaml::to_string(&value).map_err(|e| e.to_string())
}

fn set_path(
    root: &mut serde_yaml::Value,
    path: &str,
    new: serde_yaml::Value,
) -> Result<(), String> {
    use serde_yaml::Value;
    let segs: Vec<&str> = path.split('.').collect();
    let mut cur = root;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match cur {
            Value::Mapping(m) => {
                let key = Value::String((*seg).to_string());
                if last {
                    if new.is_null() {
                        m.remove(&key);
                    } else {
                        m.insert(key, new);
                    }
                    return Ok(());
                }
                if !m.contains_key(&key) {
                    m.insert(key.clone(), Value::Mapping(Default::default()));
                }
                cur = m.get_mut(&key).ok_or("internt fel")?;
            }
            Value::Sequence(items) => {
                let idx: usize = seg
                    .parse()
                    .map_err(|_| format!("`{seg}` är inget listindex"))?;
                if idx > items.len() {
                    return Err(format!("listan har bara {} element", items.len()));
                }
                if last {
                    if new.is_null() {
                        if idx < items.len() {
                            items.remove(idx);
                        }
                    } else if idx == items.len() {
                        items.push(new);
                    } else {
                        items[idx] = new;
                    }
                    return Ok(());
                }
                if idx == items.len() {
                    items.push(Value::Mapping(Default::default()));
                }
                cur = &mut items[idx];
            }
            _ => {
                return Err(format!(
                    "`{seg}` ligger under något som inte är en mappning eller lista"
                ))
            }
        }
    }
    Ok(())
}

/// Run one test.
pub fn run_test(engine: &Engine, t: &RuleTest, name: &str) -> Outcome {
    let mut out = Outcome {
        name: name.to_string(),
        failures: Vec::new(),
        fired: BTreeSet::new(),
        silent: BTreeSet::new(),
    };
    let known: BTreeSet<&str> = engine.rules().rules().map(|(_, r)| r.id.as_str()).collect();
    for id in t
        .ska_utlosa
        .iter()
        .chain(&t.ska_inte_utlosa)
        .chain(t.allvarlighet.keys())
    {
        if !known.contains(id.as_str())
            && !id.starts_with("beslutskoll.")
            && !id.starts_with("kopia.")
            && !id.starts_with("lagrum.")
        {
            out.failures.push(format!("okänd regel `{id}` i testet"));
        }
    }
    let text = match case_text(t) {
        Ok(t) => t,
        Err(e) => {
            out.failures.push(e);
            return out;
        }
    };
    let case = match crate::case::read_case(name, &text) {
        Ok(c) => c.case,
        Err(e) => {
            out.failures
                .push(format!("ärendet kan inte läsas:\n{}", e.to_diagnostic()));
            return out;
        }
    };
    let report = engine.check(&case);
    out.fired = report.findings.iter().map(|f| f.rule.clone()).collect();
    out.silent = applied_rules(engine, &report)
        .into_iter()
        .filter(|id| !out.fired.contains(id))
        .collect();
    for id in &t.ska_utlosa {
        if !out.fired.contains(id) {
            out.failures
                .push(format!("`{id}` skulle ge en anmärkning men gav ingen"));
        }
    }
    for (id, want) in &t.allvarlighet {
        let want_sev = match want.as_str() {
            "fel" => crate::report::Severity::Error,
            "varning" => crate::report::Severity::Warning,
            "info" => crate::report::Severity::Info,
            other => {
                out.failures.push(format!(
                    "`allvarlighet.{id}`: `{other}` är ingen allvarlighet (fel, varning, info)"
                ));
                continue;
            }
        };
        let got: Vec<_> = report.findings.iter().filter(|f| &f.rule == id).collect();
        if got.is_empty() {
            out.failures.push(format!(
                "`{id}` skulle ge en anmärkning ({want}) men gav ingen"
            ));
        } else if !got.iter().any(|f| f.severity == want_sev) {
            out.failures.push(format!(
                "`{id}` skulle ha allvarligheten {want} men har {}",
                got.iter()
                    .map(|f| match f.severity {
                        crate::report::Severity::Error => "fel",
                        crate::report::Severity::Warning => "varning",
                        crate::report::Severity::Info => "info",
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    for id in &t.ska_inte_utlosa {
        if let Some(f) = report.findings.iter().find(|f| &f.rule == id) {
            out.failures.push(format!(
                "`{id}` skulle inte ge någon anmärkning men gav: {}",
                f.message
            ));
        }
    }
    if t.exakt {
        for f in &report.findings {
            if !t.ska_utlosa.contains(&f.rule) && !t.allvarlighet.contains_key(&f.rule) {
                out.failures
                    .push(format!("oväntad anmärkning `{}`: {}", f.rule, f.message));
            }
        }
    }
    out
}

/// Ids of every rule in the rule-set versions a report used.
fn applied_rules(engine: &Engine, report: &Report) -> BTreeSet<String> {
    engine
        .rules()
        .sets
        .iter()
        .filter(|s| report.rulesets.iter().any(|u| u.source == s.source))
        .flat_map(|s| s.rules.iter().map(|r| r.id.clone()))
        .collect()
}

/// Run every test below `dir`; the name of each is its path relative to `dir`.
pub fn run_dir(engine: &Engine, dir: &Path) -> Result<Vec<Outcome>, String> {
    let mut outcomes = Vec::new();
    for path in find_tests(dir)? {
        let name = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .display()
            .to_string();
        match load_test(&path) {
            Ok(t) => outcomes.push(run_test(engine, &t, &name)),
            Err(e) => outcomes.push(Outcome {
                name,
                failures: vec![e],
                fired: BTreeSet::new(),
                silent: BTreeSet::new(),
            }),
        }
    }
    Ok(outcomes)
}

/// Rules that no test makes fire, and rules that no test shows staying silent.
pub fn coverage_gaps(engine: &Engine, outcomes: &[Outcome]) -> (Vec<String>, Vec<String>) {
    let fired: BTreeSet<&String> = outcomes.iter().flat_map(|o| &o.fired).collect();
    let silent: BTreeSet<&String> = outcomes.iter().flat_map(|o| &o.silent).collect();
    let mut never_fired = Vec::new();
    let mut never_silent = Vec::new();
    let mut ids: Vec<&str> = engine.rules().rules().map(|(_, r)| r.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    for id in ids {
        let id = id.to_string();
        if !fired.contains(&id) {
            never_fired.push(id.clone());
        }
        if !silent.contains(&id) {
            never_silent.push(id);
        }
    }
    (never_fired, never_silent)
}
