//! The one door the CLI and the HTTP service share: [`Engine::builtin`] or
//! [`Engine::load`] reads rule files (parse → check), [`Engine::check`] turns one
//! case into a [`Report`]. The built-in rules are the repository's `rules/` folder,
//! embedded in the binary at build time so the program runs from any directory.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use include_dir::{include_dir, Dir};

use crate::case::{Case, KNOWN_DOCUMENT_TYPES};
use crate::check::{self, Input};
use crate::copy::{self, CopyConfig, CorpusIndex};
use crate::diag::{render_all, Diagnostic, Source};
use crate::eval;
use crate::model::RuleBase;
use crate::parse;
use crate::report::{Category, Finding, Report, Severity, Summary};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// Extension of rule files.
pub const RULE_EXT: &str = "regler";

/// Why rules could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A folder or file could not be read.
    Io { path: PathBuf, message: String },
    /// The folder holds no rule files.
    Empty { path: PathBuf },
    /// The rule files have errors; every one of them, with file, line and caret.
    Rules(Vec<Diagnostic>),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, message } => {
                write!(
                    f,
                    "fel: kan inte läsa regler från `{}`: {message}",
                    path.display()
                )
            }
            LoadError::Empty { path } => write!(
                f,
                "fel: `{}` innehåller inga regelfiler (*.{RULE_EXT})",
                path.display()
            ),
            LoadError::Rules(diags) => f.write_str(render_all(diags).trim_end()),
        }
    }
}

impl std::error::Error for LoadError {}

/// A loaded, checked rule base ready to check cases.
#[derive(Debug, Clone)]
pub struct Engine {
    rules: RuleBase,
    warnings: Vec<Diagnostic>,
    /// The supervisors' lists for copy detection, from the rule files' named lists
    /// `schablonfraser` and `standardstycken`.
    copy: CopyConfig,
}

/// The rule files embedded in the binary, named `rules/<path>`.
pub fn builtin_sources() -> Vec<Arc<Source>> {
    let mut out = Vec::new();
    collect_embedded(&BUILTIN, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<Arc<Source>>) {
    for f in dir.files() {
        if f.path().extension().is_some_and(|e| e == RULE_EXT) {
            if let Some(text) = f.contents_utf8() {
                out.push(Source::new(format!("rules/{}", f.path().display()), text));
            }
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// Every `*.regler` file below `dir`, named `<dir>/<relative path>`, sorted.
pub fn read_dir_sources(dir: &Path) -> Result<Vec<Arc<Source>>, LoadError> {
    let mut files = Vec::new();
    walk(dir, &mut files)?;
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|e| LoadError::Io {
            path: path.clone(),
            message: io_message(&e),
        })?;
        out.push(Source::new(path.display().to_string(), text));
    }
    if out.is_empty() {
        return Err(LoadError::Empty {
            path: dir.to_path_buf(),
        });
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| LoadError::Io {
        path: dir.to_path_buf(),
        message: io_message(&e),
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::Io {
            path: dir.to_path_buf(),
            message: io_message(&e),
        })?;
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == RULE_EXT) {
            out.push(path);
        }
    }
    Ok(())
}

/// A Swedish description of an I/O error.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "filen eller mappen finns inte".into(),
        PermissionDenied => "behörighet saknas".into(),
        InvalidData => "innehållet är inte giltig UTF-8-text".into(),
        _ => e.to_string(),
    }
}

/// Parse national and local rule texts: the files that parse, and the syntax errors
/// of those that do not.
pub fn parse_sources(
    national: Vec<Arc<Source>>,
    local: Vec<Arc<Source>>,
) -> (Vec<Input>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let tagged: Vec<(Arc<Source>, bool)> = national
        .into_iter()
        .map(|s| (s, false))
        .chain(local.into_iter().map(|s| (s, true)))
        .collect();
    // Files parse independently, so they parse on every core; the order of the
    // results, and so of every later diagnostic, is the order of the files.
    let parsed: Vec<_> = tagged
        .into_par_iter()
        .map(|(source, local)| (parse::parse_file(&source), source, local))
        .collect();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for (result, source, local) in parsed {
        match result {
            Ok(file) => inputs.push(Input {
                source,
                file,
                local,
            }),
            Err(e) => errors.extend(e),
        }
    }
    (inputs, errors)
}

impl Engine {
    /// The rules built into the binary.
    pub fn builtin() -> Result<Engine, LoadError> {
        Engine::from_sources(builtin_sources(), Vec::new())
    }

    /// Rules from a folder, optionally with a municipal guideline folder on top.
    pub fn load(dir: &Path, local: Option<&Path>) -> Result<Engine, LoadError> {
        let national = read_dir_sources(dir)?;
        let local = match local {
            Some(l) => read_dir_sources(l)?,
            None => Vec::new(),
        };
        Engine::from_sources(national, local)
    }

    /// The built-in rules with a municipal guideline folder on top.
    pub fn builtin_with_local(local: &Path) -> Result<Engine, LoadError> {
        Engine::from_sources(builtin_sources(), read_dir_sources(local)?)
    }

    /// Parse and check rule texts; every error of every file is collected.
    pub fn from_sources(
        national: Vec<Arc<Source>>,
        local: Vec<Arc<Source>>,
    ) -> Result<Engine, LoadError> {
        let (inputs, mut errors) = parse_sources(national, local);
        match check::check(&inputs) {
            Ok((rules, mut warnings)) if errors.is_empty() => {
                warnings.extend(citation_warnings(&inputs));
                let copy = CopyConfig {
                    stock_phrases: rules.list("schablonfraser").unwrap_or_default().to_vec(),
                    standard_paragraphs: rules.list("standardstycken").unwrap_or_default().to_vec(),
                };
                Ok(Engine {
                    rules,
                    warnings,
                    copy,
                })
            }
            Ok(_) => Err(LoadError::Rules(errors)),
            Err(e) => {
                errors.extend(e);
                Err(LoadError::Rules(errors))
            }
        }
    }

    pub fn rules(&self) -> &RuleBase {
        &self.rules
    }

    /// Warnings found while loading (gaps between versions, naming scheme).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The stock phrases and standard paragraphs copy detection uses.
    pub fn copy_config(&self) -> &CopyConfig {
        &self.copy
    }

    /// Check one case against every rule that applies to it, and for copied or
    /// template text.
    pub fn check(&self, case: &Case) -> Report {
        self.report(case, None, Vec::new())
    }

    /// [`Engine::check`] with the rule-set versions valid on `rule_date` instead of
    /// those the case's own dates select.
    pub fn check_on(&self, case: &Case, rule_date: Option<chrono::NaiveDate>) -> Report {
        self.report(case, rule_date, Vec::new())
    }

    /// [`Engine::check`], also comparing the draft with earlier decisions when a corpus
    /// is given, and with the rule versions of `rule_date` when one is given. An error
    /// only when a part of the corpus index that the comparison reads is damaged.
    pub fn check_with(
        &self,
        case: &Case,
        corpus: Option<&CorpusIndex>,
        rule_date: Option<chrono::NaiveDate>,
    ) -> Result<Report, copy::IndexError> {
        let near = match corpus {
            Some(index) => copy::near_copy_findings(case, index, &self.copy)?,
            None => Vec::new(),
        };
        Ok(self.report(case, rule_date, near))
    }

    fn report(
        &self,
        case: &Case,
        rule_date: Option<chrono::NaiveDate>,
        near_copies: Vec<Finding>,
    ) -> Report {
        let eval = eval::evaluate_on(&self.rules, case, rule_date);
        let mut findings = eval.findings;
        findings.extend(format_warnings(case));
        findings.extend(copy::signals(case, &self.copy));
        findings.extend(near_copies);
        crate::lagrum::append_findings(case, &mut findings);
        eval::apply_acknowledgements(case, &self.rules, &mut findings);
        let mut report = Report {
            case: case.arende.id.clone(),
            rulesets: eval.used,
            findings,
            summary: Summary::default(),
            source: None,
        };
        report.summarise();
        report
    }
}

/// A rule's `lagrum` that cites a provision the lagrum register does not know, or
/// knows only as unverified.
fn citation_warnings(inputs: &[Input]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for input in inputs {
        for item in &input.file.items {
            let crate::ast::Item::Regel(r) = item else {
                continue;
            };
            for attr in &r.attrs {
                if let crate::ast::RegelAttr::Lagrum(s) = attr {
                    if let Some(msg) = crate::lagrum::check_rule_citation(&s.value) {
                        out.push(
                            Diagnostic::warning(&input.source, s.span.clone(), msg)
                                .label("lagrummet kan inte kontrolleras mot registret")
                                .help("lägg till bestämmelsen i rules/lagrum.yaml med status från domänunderlaget, eller rätta hänvisningen"),
                        );
                    }
                }
            }
        }
    }
    out
}

/// What the case format accepts with a warning (document types rules cannot know),
/// as findings: the report shows them beside the rules' findings.
fn format_warnings(case: &Case) -> Vec<Finding> {
    crate::case::warnings(case)
        .into_iter()
        .map(|w| {
            let mut f = Finding::new(
                "beslutskoll.okand_underlagstyp",
                Category::Documentation,
                Severity::Warning,
                w.path,
                format!(
                    "Underlaget har en typ som reglerna inte känner: {}.",
                    w.message
                ),
            );
            f.explanation = Some(format!("Kända typer: {}.", KNOWN_DOCUMENT_TYPES.join(", ")));
            f
        })
        .collect()
}
