//! The one door the CLI and the HTTP service share: [`Engine::builtin`] or
//! [`Engine::load`] reads rule files (parse → check), [`Engine::check`] turns one
//! case into a [`Report`]. The built-in rules are the repository's `rules/` folder,
//! embedded in the binary at build time so the program runs from any directory, both
//! as text (for `explain`, `lint`, the language server) and as the checked rule base
//! `build.rs` made of them, which [`Engine::builtin`] reads instead of parsing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use include_dir::{include_dir, Dir};

use crate::case::{Case, KNOWN_DOCUMENT_TYPES};
use crate::check::{self, Input};
use crate::copy::{self, CopyConfig, CorpusIndex};
use crate::diag::{render_all, Diagnostic, Source};
use crate::eval;
use crate::kompilerad::Compiled;
use crate::model::RuleBase;
use crate::parse;
use crate::report::{Category, Finding, Report, Severity, Summary};

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/rules");

/// The built-in rules as `build.rs` parsed and checked them; empty when they did
/// not load cleanly there (then they are parsed at run time).
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/inbyggda_regler.bin"));

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
    /// The compiled built-in rules' texts and lint pages, still in their bytes: only
    /// a rule's page reads them ([`Engine::documented_rules`]).
    texts: Option<Cow<'static, [u8]>>,
    documented: OnceLock<RuleBase>,
    /// Loading's warnings; for the compiled built-in rules judged from `pending` when
    /// first asked for.
    warnings: OnceLock<Vec<Diagnostic>>,
    pending: Option<Arc<PendingCitations>>,
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

/// The text of the embedded file `rules/<path>`; empty for another name.
fn builtin_text(name: &str) -> &'static str {
    name.strip_prefix("rules/")
        .and_then(|rel| BUILTIN.get_file(rel))
        .and_then(|f| f.contents_utf8())
        .unwrap_or("")
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
    /// The rules built into the binary: read in the form `build.rs` checked them
    /// into, or parsed and checked here if the build could not.
    pub fn builtin() -> Result<Engine, LoadError> {
        match Engine::builtin_precompiled() {
            Some(engine) => Ok(engine),
            None => Engine::builtin_parsed(),
        }
    }

    /// The built-in rules from their compiled form, or `None` when the build left
    /// none (the rules had errors or warnings) or it cannot be read.
    pub fn builtin_precompiled() -> Option<Engine> {
        Compiled::from_bytes(COMPILED).map(|(c, texts)| {
            Engine::from_compiled(
                c,
                Cow::Borrowed(texts),
                Arc::new(|n| builtin_text(n).into()),
            )
        })
    }

    /// The built-in rules parsed and checked now, as every other rule folder is.
    /// [`Engine::builtin`] gives the same engine without the parsing.
    pub fn builtin_parsed() -> Result<Engine, LoadError> {
        Engine::from_sources(builtin_sources(), Vec::new())
    }

    /// An engine from the built-in rules' compiled form. Only the citation check
    /// against the lagrum register, which the build script cannot run, is left, and it
    /// runs when the warnings are first asked for ([`Engine::warnings`]): a `check`
    /// whose standard error is no terminal never shows them, and judging the rules'
    /// 52 `lagrum` texts was a tenth of such a process. `text_of` gives a file's text
    /// by name, for the warnings' line and caret.
    fn from_compiled(
        compiled: Compiled,
        texts: Cow<'static, [u8]>,
        text_of: Arc<dyn Fn(&str) -> String + Send + Sync>,
    ) -> Engine {
        let Compiled {
            rules,
            sources,
            citations,
        } = compiled;
        let copy = copy_config(&rules);
        Engine {
            rules,
            texts: Some(texts),
            documented: OnceLock::new(),
            warnings: OnceLock::new(),
            pending: Some(Arc::new(PendingCitations {
                citations,
                sources,
                text_of,
            })),
            copy,
        }
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
                let copy = copy_config(&rules);
                Ok(Engine {
                    rules,
                    texts: None,
                    documented: OnceLock::new(),
                    warnings: OnceLock::from(warnings),
                    pending: None,
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

    /// The rules with each rule's text as written and its lint page, for a rule's page
    /// (`explain`, `GET /v1/rules/{id}`). The same as [`Engine::rules`], except that
    /// the built-in rules read from their compiled form get their texts only here.
    pub fn documented_rules(&self) -> &RuleBase {
        let Some(texts) = &self.texts else {
            return &self.rules;
        };
        self.documented.get_or_init(|| {
            let mut base = self.rules.clone();
            // INVARIANT: the texts were written with these rules by the same build
            // (`tests/inbyggda_kompilerade.rs` reads them back).
            if !Compiled::fill_texts(&mut base, texts) {
                tracing::error!("de inbyggda reglernas texter gick inte att läsa");
            }
            base
        })
    }

    /// Warnings found while loading (gaps between versions, naming scheme).
    pub fn warnings(&self) -> &[Diagnostic] {
        self.warnings.get_or_init(|| match &self.pending {
            Some(p) => p.warnings(),
            None => Vec::new(),
        })
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

/// The supervisors' lists for copy detection, from the rule files' named lists.
fn copy_config(rules: &RuleBase) -> CopyConfig {
    CopyConfig {
        stock_phrases: rules.list("schablonfraser").unwrap_or_default().to_vec(),
        standard_paragraphs: rules.list("standardstycken").unwrap_or_default().to_vec(),
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
                        out.push(citation_warning(&input.source, s.span.clone(), msg));
                    }
                }
            }
        }
    }
    out
}

/// The compiled built-in rules' `lagrum` texts, judged against the register when the
/// engine's warnings are first asked for.
struct PendingCitations {
    citations: Vec<crate::kompilerad::Citation>,
    sources: Vec<String>,
    text_of: Arc<dyn Fn(&str) -> String + Send + Sync>,
}

impl fmt::Debug for PendingCitations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PendingCitations")
            .field("citations", &self.citations.len())
            .finish_non_exhaustive()
    }
}

impl PendingCitations {
    fn warnings(&self) -> Vec<Diagnostic> {
        // Many rules cite the same provision: each text is judged once.
        let mut judged: HashMap<&str, Option<String>> = HashMap::new();
        let mut warnings = Vec::new();
        for c in &self.citations {
            let msg = judged
                .entry(c.value.as_str())
                .or_insert_with(|| crate::lagrum::check_rule_citation(&c.value));
            if let Some(msg) = msg {
                // Only a warning needs the file's text, to show line and caret.
                let name = self.sources.get(c.input).map_or("", String::as_str);
                let source = Source::new(name, (self.text_of)(name));
                warnings.push(citation_warning(&source, c.span.clone(), msg.clone()));
            }
        }
        warnings
    }
}

fn citation_warning(source: &Arc<Source>, span: std::ops::Range<usize>, msg: String) -> Diagnostic {
    Diagnostic::warning(source, span, msg)
        .label("lagrummet kan inte kontrolleras mot registret")
        .help("lägg till bestämmelsen i rules/lagrum.yaml med status från domänunderlaget, eller rätta hänvisningen")
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A citation the lagrum register does not know warns the same from the
    /// compiled form as from the parsed text.
    #[test]
    fn compiled_citation_warnings_are_the_parsed_ones() {
        let mut sources = builtin_sources();
        let name = "rules/lss/korttidsvistelse.regler";
        let i = sources
            .iter()
            .position(|s| s.name == name)
            .expect("the file is there");
        let text = sources[i]
            .text
            .replacen("\"32 § förvaltningslagen\"", "\"99 § LSS\"", 1);
        sources[i] = Source::new(name, text);
        let parsed =
            Engine::from_sources(sources.clone(), Vec::new()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parsed.warnings().len(), 1, "{:?}", parsed.warnings());
        let (inputs, errors) = parse_sources(sources.clone(), Vec::new());
        assert!(errors.is_empty());
        let compiled = crate::kompilerad::compile(&inputs).expect("no checker warnings");
        let bytes = compiled.to_bytes().expect("serialises");
        let (compiled, rule_texts) = Compiled::from_bytes(&bytes).expect("reads back");
        let texts: HashMap<String, Arc<Source>> =
            sources.into_iter().map(|s| (s.name.clone(), s)).collect();
        let engine = Engine::from_compiled(
            compiled,
            Cow::Owned(rule_texts.to_vec()),
            Arc::new(move |n| texts.get(n).map_or(String::new(), |s| s.text.clone())),
        );
        assert_eq!(engine.warnings(), parsed.warnings());
        assert_eq!(
            format!("{:?}", engine.documented_rules()),
            format!("{:?}", parsed.rules())
        );
        // Without the texts, the rules are the same but for them.
        let mut lean = parsed.rules().clone();
        for set in &mut lean.sets {
            for r in &mut set.rules {
                r.text.clear();
                r.doc = None;
            }
        }
        assert_eq!(format!("{:?}", engine.rules()), format!("{lean:?}"));
    }
}
