//! The command line: arguments (clap) are turned into checked options before any
//! work, then one function per subcommand. Exit codes: 0 no `error` finding, 1 at
//! least one, 2 input or rules could not be read.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::case::{self, Case};
use crate::engine::{Engine, LoadError};
use crate::model::RuleBase;
use crate::render;
use crate::rule_page::{explain, scope_text};

#[derive(Parser, Debug)]
#[command(
    name = "beslutskoll",
    version,
    about = "Granskar ett utkast till beslut om en LSS- eller SoL-insats innan det fattas.",
    long_about = "Granskar ett utkast till beslut om en LSS- eller SoL-insats innan det fattas.\n\
                  Varje anmärkning anger lagrum, var i ärendet bristen finns och vilka fakta i ärendet som ledde till den.\n\n\
                  Slutstatus: 0 inga fel, 1 minst ett fel, 2 ärendet eller reglerna kunde inte läsas."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Granska ett eller flera ärenden (YAML eller JSON; `-` läser standard in; en
    /// mapp granskar alla ärenden i den och avslutar med en sammanställning).
    Check(CheckArgs),
    /// Korpus av tidigare beslut för att hitta kopierade motiveringar.
    Corpus {
        #[command(subcommand)]
        command: CorpusCommand,
    },
    /// Regelverken: lista, testa, formatera, jämföra och kontrollera.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Visa en regel som den är skriven, med lagrum, meddelande och dokumentation.
    Explain {
        /// Regelns id, t.ex. `lss.barn.barnets_basta`.
        rule: String,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Starta HTTP-tjänsten och webbsidan (standard: endast 127.0.0.1:8080).
    #[command(long_about = "Starta HTTP-tjänsten och webbsidan.\n\n\
        Tjänsten lyssnar på 127.0.0.1:8080 om inget annat anges. På en annan adress än \
        loopback krävs en nyckel i miljövariabeln BESLUTSKOLL_TOKEN (minst 16 tecken); \
        utan den startar tjänsten inte. Med en nyckel kräver POST /v1/check och \
        POST /v1/admin/reload `Authorization: Bearer <nyckel>`.\n\n\
        Reglerna laddas om utan omstart med SIGHUP eller POST /v1/admin/reload. \
        SIGTERM eller Ctrl-C stänger tjänsten när pågående begäranden är klara.")]
    Serve(ServeArgs),
    /// Starta språkservern (LSP) för regelfiler och regeltester över standard in och ut, för en editor.
    Lsp,
    /// Skriv ärendeformatets eller rapportens JSON Schema (för editorer och integrationer).
    Schema {
        #[arg(value_enum)]
        vad: crate::kontrakt::Vad,
        /// Skriv till filen i stället för till standard ut.
        #[arg(long, short, value_name = "FIL")]
        out: Option<PathBuf>,
    },
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Adress och port att lyssna på.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADRESS:PORT")]
    pub listen: std::net::SocketAddr,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Största kropp som tas emot, i byte (standard 1 MiB).
    #[arg(long, default_value_t = crate::server::DEFAULT_BODY_LIMIT, value_name = "BYTE")]
    pub max_body: usize,
    /// Tidsgräns för en begäran, i sekunder; gäller också att läsa huvudena.
    #[arg(long, default_value_t = crate::server::DEFAULT_TIMEOUT.as_secs(), value_name = "SEKUNDER",
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
    /// Loggformat: en textrad eller ett JSON-objekt per händelse.
    #[arg(long, value_enum, default_value = "text")]
    pub log_format: LogFormat,
    /// Tidigare beslut (ett index från `corpus build`, eller en mapp) som en begäran
    /// kan jämföra med (`POST /v1/check?korpus=true`).
    #[arg(long, value_name = "INDEX|DIR")]
    pub corpus: Option<PathBuf>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Shortest token accepted: long enough that guessing it over the network is hopeless.
pub const MIN_TOKEN_LEN: usize = 16;

#[derive(Subcommand, Debug)]
pub enum RulesCommand {
    /// Lista regelverk, versioner, giltighet och antal regler.
    List {
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Kör regeltesterna (*.test.yaml) i en regelmapp mot reglerna i samma mapp.
    Test {
        /// Regelmappen med regler och tester.
        #[arg(default_value = "rules", value_name = "DIR")]
        dir: PathBuf,
        /// En kommuns riktlinjer, lagda ovanpå reglerna i DIR.
        #[arg(long, value_name = "DIR")]
        local: Option<PathBuf>,
    },
    // Rule-author tooling (fmt, diff, check): kept together, handled in the
    // `rules_fmt`, `rules_diff` and `rules_check` functions at the end of this file.
    /// Skriv om regelfiler i en enda layout (kommentarer behålls).
    #[command(
        long_about = "Skriv om regelfiler i en enda layout: huvudet i fast ordning, ett attribut per rad i en kolumn,                       uttryck på en rad med bara de parenteser som behövs. Kommentarer behålls.                       Att formatera en redan formaterad fil ändrar ingenting.\n\n\
                      Slutstatus: 0 klart, 1 (med --check) någon fil skulle ändras, 2 någon fil kunde inte läsas."
    )]
    Fmt {
        /// En regelmapp eller en regelfil.
        #[arg(default_value = "rules", value_name = "DIR")]
        path: PathBuf,
        /// Ändra inget; lista filerna som skulle ändras.
        #[arg(long)]
        check: bool,
    },
    /// Jämför två regelmappar (eller `REV:sökväg` i git) som underlag för granskning.
    #[command(
        long_about = "Jämför två regelmappar, två regelfiler eller två git-revisioner (`REV:sökväg`, t.ex. `HEAD~1:rules`): \
                      nya, borttagna och ändrade regler fält för fält (villkor, allvarlighet, lagrum, meddelande, kategori, kvittering), \
                      regelverkens version, giltighet och hash, och ändrade definitioner, tabeller och listor.\n\n\
                      Med --impact DIR granskas varje ärende i DIR med båda regeluppsättningarna och anmärkningar som tillkommer \
                      eller försvinner listas per ärende.\n\n\
                      Slutstatus: 0 inga skillnader, 1 skillnader, 2 något kunde inte läsas."
    )]
    Diff {
        /// Det gamla: en mapp, en fil eller `REV:sökväg`.
        old: String,
        /// Det nya: en mapp, en fil eller `REV:sökväg`.
        new: String,
        /// Granska ärendena i DIR med båda och lista ändrade anmärkningar.
        #[arg(long, value_name = "DIR")]
        impact: Option<PathBuf>,
        /// Utdataformat.
        #[arg(long, value_enum, default_value = "human")]
        format: DiffFormat,
        /// OLD och NEW är kommunala riktlinjemappar: vid --impact läggs de ovanpå de
        /// inbyggda reglerna, eller på reglerna i --rules.
        #[arg(long)]
        local: bool,
        /// De nationella reglerna som riktlinjemapparna läggs ovanpå (med --local).
        #[arg(long, value_name = "DIR", requires = "local")]
        rules: Option<PathBuf>,
    },
    /// Kontrollera regelfiler: allt som laddningen hittar, och villkor som aldrig eller alltid gäller.
    #[command(
        long_about = "Kontrollera regelfiler utan att granska något ärende: alla fel som laddningen hittar, \
                      namn som bryter mot namnschemat, och varningar för villkor vars värde går att avgöra utan ärende \
                      (ett `när` som aldrig gäller, ett `kräv` som alltid eller aldrig är uppfyllt, en definition som alltid är falsk). \
                      Bara enkla fall avgörs: fasta värden, definitioner, och motsägelser mellan villkor på samma uttryck.\n\n\
                      Slutstatus: 0 inga fel (varningar är tillåtna), 2 fel i reglerna."
    )]
    Check {
        /// Regelmappen.
        #[arg(default_value = "rules", value_name = "DIR")]
        dir: PathBuf,
        /// En kommuns riktlinjer, lagda ovanpå reglerna i DIR.
        #[arg(long, value_name = "DIR")]
        local: Option<PathBuf>,
    },
}

/// Output of `rules diff`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Läsbar granskning på svenska.
    Human,
    /// Samma innehåll som JSON.
    Json,
}

#[derive(clap::Args, Debug, Clone)]
pub struct RuleArgs {
    /// Läs regler från mappen DIR i stället för de inbyggda.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// En kommuns riktlinjer, lagda ovanpå de nationella reglerna.
    #[arg(long, value_name = "DIR")]
    pub local: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// Ärendefiler (YAML, JSON) eller utkast (.docx, .txt, .md); `-` läser YAML eller JSON från standard in.
    #[arg(required = true, value_name = "ÄRENDE")]
    pub files: Vec<PathBuf>,
    /// Utdataformat. Standard: `human` i en terminal, annars `json`.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Jämför också med tidigare beslut: ett index från `corpus build` eller en mapp.
    #[arg(long, value_name = "INDEX|DIR")]
    pub corpus: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum CorpusCommand {
    /// Indexera en mapp med tidigare beslut (ärendefiler eller .txt). Indexet sparar
    /// fingeravtryck, inte texterna.
    Build {
        /// Mappen med tidigare beslut.
        dir: PathBuf,
        /// Indexfilen som skrivs.
        #[arg(short = 'o', long = "output", value_name = "INDEX")]
        output: PathBuf,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Lägg till beslut i ett befintligt index utan att bygga om det.
    Add {
        /// Mappen med nya beslut.
        dir: PathBuf,
        /// Indexfilen som utökas.
        #[arg(short = 'o', long = "output", value_name = "INDEX")]
        output: PathBuf,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Kontrollera hela indexfilen: varje block mot sin kontrollsumma och varje post.
    /// `check --corpus` kontrollerar bara de delar som jämförelsen läser; kör detta
    /// efter en kopiering eller en säkerhetskopia. Avslutar med 2 om filen är skadad.
    Verify {
        /// Indexfilen.
        index: PathBuf,
    },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Läsbar text, grupperad efter kategori.
    Human,
    /// Rapporten som JSON (ett objekt per ärende; flera ärenden ger en lista).
    Json,
    /// En rad JSON per ärende.
    Jsonl,
}

/// Run a parsed command line and return the process exit code.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Corpus { command } => corpus(command),
        Command::Rules {
            command: RulesCommand::List { rules },
        } => with_engine(&rules, |e| {
            print!("{}", rules_list(e.rules()));
            ExitCode::SUCCESS
        }),
        Command::Rules {
            command: RulesCommand::Test { dir, local },
        } => rules_test(&dir, local.as_deref()),
        Command::Rules {
            command: RulesCommand::Fmt { path, check },
        } => rules_fmt(&path, check),
        Command::Rules {
            command:
                RulesCommand::Diff {
                    old,
                    new,
                    impact,
                    format,
                    local,
                    rules,
                },
        } => rules_diff(
            &old,
            &new,
            impact.as_deref(),
            format,
            local,
            rules.as_deref(),
        ),
        Command::Rules {
            command: RulesCommand::Check { dir, local },
        } => rules_check(&dir, local.as_deref()),
        Command::Serve(args) => serve(args),
        Command::Lsp => crate::lsp::run(),
        Command::Schema { vad, out } => crate::kontrakt::run(vad, out.as_deref()),
        Command::Explain { rule, rules } => {
            with_engine(&rules, |e| match explain(e.documented_rules(), &rule) {
                Some(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                None => {
                    let ids: Vec<&str> = e
                        .rules()
                        .rules()
                        .map(|(_, r)| r.id.as_str())
                        .chain(crate::inbyggda::INBYGGDA.iter().map(|c| c.id))
                        .collect();
                    let hint = crate::diag::did_you_mean(&rule, ids.iter().copied())
                        .map_or(String::new(), |h| format!("\nhjälp: menade du `{h}`?"));
                    eprintln!("fel: okänd regel `{rule}`{hint}\nhjälp: `beslutskoll rules list` visar regelverken");
                    ExitCode::from(2)
                }
            })
        }
    }
}

/// Load the rules the arguments name: built in, a folder, and a local layer.
pub fn load_engine(args: &RuleArgs) -> Result<Engine, LoadError> {
    match (&args.rules, &args.local) {
        (Some(dir), local) => Engine::load(dir, local.as_deref()),
        (None, Some(local)) => Engine::builtin_with_local(local),
        (None, None) => Engine::builtin(),
    }
}

fn with_engine(args: &RuleArgs, f: impl FnOnce(&Engine) -> ExitCode) -> ExitCode {
    match load_engine(args) {
        Ok(engine) => {
            report_warnings(&engine);
            f(&engine)
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn report_warnings(engine: &Engine) {
    // Terminal first: the compiled built-in rules judge their citations only when
    // their warnings are asked for.
    if std::io::stderr().is_terminal() && !engine.warnings().is_empty() {
        eprint!("{}", crate::diag::render_all(engine.warnings()));
    }
}

/// Read one case from a path or `-`, with the error already rendered for stderr.
pub fn read_case(path: &Path) -> Result<Case, String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return Err(format!("fel: kan inte läsa standard in: {e}"));
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return Err("fel: standard in är inte giltig UTF-8-text".into()),
        };
        return case::read_case("<stdin>", &text)
            .map(|f| f.case)
            .map_err(|e| e.to_diagnostic().to_string());
    }
    case::read_case_file(path)
        .map(|f| f.case)
        .map_err(|e| e.to_diagnostic().to_string())
}

/// Read one case from a case file or a draft document (`.docx`, `.txt`, `.md`, by
/// extension); for a document, also how it was read.
pub fn read_case_or_document(
    path: &Path,
) -> Result<(Case, Option<Vec<case::SourceEntry>>), String> {
    match case::document_kind(&path.display().to_string()) {
        Some(kind) => case::read_document_file(path, kind)
            .map(|d| (d.file.case, Some(d.source)))
            .map_err(|e| e.to_diagnostic().to_string()),
        None => read_case(path).map(|c| (c, None)),
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let engine = match load_engine(&args.rules) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    report_warnings(&engine);
    let corpus = match &args.corpus {
        Some(p) => match load_corpus(p, &engine) {
            Ok(index) => Some(index),
            Err(e) => {
                eprintln!("fel: {e}");
                return ExitCode::from(2);
            }
        },
        None => None,
    };
    let (files, batch) = match expand_case_args(&args.files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("fel: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let format = args.format.unwrap_or(if terminal {
        Format::Human
    } else {
        Format::Json
    });
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());

    let check_one = |path: &PathBuf| -> Result<(Case, crate::report::Report), String> {
        let (case, source) = read_case_or_document(path)?;
        let mut report = engine
            .check_with(&case, corpus.as_ref(), None)
            .map_err(|e| format!("fel: {e}"))?;
        report.source = source;
        Ok((case, report))
    };
    // Read and check on every core; output keeps the order of the files. One file
    // is checked on this thread, without starting the thread pool.
    use rayon::prelude::*;
    let results: Vec<Result<(Case, crate::report::Report), String>> = if files.len() == 1 {
        files.iter().map(check_one).collect()
    } else {
        files.par_iter().map(check_one).collect()
    };
    let mut worst = 0u8;
    let mut cases = Vec::new();
    let mut reports = Vec::new();
    for r in results {
        match r {
            Ok((case, report)) => {
                if report.has_errors() {
                    worst = worst.max(1);
                }
                cases.push(case);
                reports.push(report);
            }
            Err(msg) => {
                eprintln!("{}", msg.trim_end());
                worst = 2;
            }
        }
    }
    let summary = batch.then(|| {
        let mut s = crate::copy::AuditSummary::new();
        for r in &reports {
            s.add(&r.case, &r.findings);
        }
        for (a, b, _) in crate::copy::audit::batch_pairs(&cases, engine.copy_config()) {
            s.add_pair(&a, &b);
        }
        s.finish();
        s
    });
    let mut out = stdout.lock();
    let mut text = match format {
        Format::Human => reports
            .iter()
            .map(|r| render::human(r, color))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Json if files.len() == 1 && !batch => {
            reports.first().map(render::json).unwrap_or_default()
        }
        Format::Json => serde_json::to_string_pretty(&reports).unwrap_or_default(),
        Format::Jsonl => reports
            .iter()
            .map(render::json_line)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if let Some(s) = &summary {
        match format {
            Format::Human => text.push_str(&format!("\n\n{s}")),
            Format::Jsonl => {
                let line = serde_json::json!({ "summary": s });
                text.push_str(&format!("\n{line}"));
            }
            // A JSON array of reports stays an array; the summary goes to stderr.
            Format::Json => eprintln!("{s}"),
        }
    }
    if !text.is_empty() {
        let _ = writeln!(out, "{}", text.trim_end());
    }
    // The process ends here: freeing the rule base, the cases and the reports piece
    // by piece would cost more than a fifth of a one-case check's own work.
    std::mem::forget((engine, corpus, cases, reports));
    ExitCode::from(worst)
}

/// Case arguments with folders expanded to their case files (sorted); true if any
/// argument was a folder (a batch audit, which ends with a summary).
fn expand_case_args(args: &[PathBuf]) -> Result<(Vec<PathBuf>, bool), String> {
    let mut out = Vec::new();
    let mut batch = false;
    for a in args {
        if a.is_dir() {
            batch = true;
            let mut found: Vec<PathBuf> = std::fs::read_dir(a)
                .map_err(|e| {
                    format!(
                        "kan inte läsa mappen `{}`: {}",
                        a.display(),
                        crate::engine::io_message(&e)
                    )
                })?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(format!(
                    "mappen `{}` innehåller inga ärendefiler (*.yaml, *.yml, *.json)",
                    a.display()
                ));
            }
            out.extend(found);
        } else {
            out.push(a.clone());
        }
    }
    Ok((out, batch))
}

/// A corpus index file, or a folder of earlier decisions indexed in memory.
fn load_corpus(path: &Path, engine: &Engine) -> Result<crate::copy::CorpusIndex, String> {
    if path.is_dir() {
        let entries = crate::copy::corpus_from_dir(path).map_err(|e| e.to_string())?;
        Ok(crate::copy::CorpusIndex::build(
            &entries,
            engine.copy_config(),
        ))
    } else {
        crate::copy::CorpusIndex::load(path).map_err(|e| e.to_string())
    }
}

/// `corpus build DIR -o INDEX` and `corpus add DIR -o INDEX`.
fn corpus(command: CorpusCommand) -> ExitCode {
    let (dir, index, rules, add) = match command {
        CorpusCommand::Build { dir, output, rules } => (dir, output, rules, false),
        CorpusCommand::Add { dir, output, rules } => (dir, output, rules, true),
        CorpusCommand::Verify { index } => return corpus_verify(&index),
    };
    let engine = match load_engine(&rules) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let cfg = engine.copy_config();
    let result = crate::copy::index::build::corpus_command(&dir, &index, cfg, add);
    match result {
        Ok(msg) => {
            println!("{msg} i {}", index.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fel: {e}");
            ExitCode::from(2)
        }
    }
}

/// `corpus verify INDEX`: every block and record of the file, exit 2 when damaged.
fn corpus_verify(path: &Path) -> ExitCode {
    let checked = crate::copy::CorpusIndex::load(path).and_then(|index| {
        index.verify()?;
        Ok(index)
    });
    match checked {
        Ok(index) => {
            println!(
                "{}: helt, {} texter från {} ärenden",
                path.display(),
                index.len(),
                index.case_count().unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("fel: {e}");
            ExitCode::from(2)
        }
    }
}

/// `rules test`: a line per test, then `N passed, N failed`; exit 1 on any failure.
fn rules_test(dir: &Path, local: Option<&Path>) -> ExitCode {
    let engine = match Engine::load(dir, local) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut outcomes = match crate::ruletest::run_dir(&engine, dir) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fel: {e}");
            return ExitCode::from(2);
        }
    };
    // A guideline folder keeps its own tests next to its rules.
    if let Some(local) = local {
        match crate::ruletest::run_dir(&engine, local) {
            Ok(o) => outcomes.extend(o.into_iter().map(|mut o| {
                o.name = format!("{}/{}", local.display(), o.name);
                o
            })),
            Err(e) => {
                eprintln!("fel: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let mut out = String::new();
    out.push_str(&format!("running {} rule tests\n", outcomes.len()));
    for o in &outcomes {
        if o.passed() {
            out.push_str(&format!("test {} ... ok\n", o.name));
        } else {
            out.push_str(&format!("test {} ... FAILED\n", o.name));
            for f in &o.failures {
                out.push_str(&format!("    {}\n", f.replace('\n', "\n    ")));
            }
        }
    }
    let (never_fired, never_silent) = crate::ruletest::coverage_gaps(&engine, &outcomes);
    if !never_fired.is_empty() || !never_silent.is_empty() {
        out.push_str("\nTäckning:\n");
        for id in &never_fired {
            out.push_str(&format!("    inget test får `{id}` att ge en anmärkning\n"));
        }
        for id in &never_silent {
            out.push_str(&format!("    inget test visar att `{id}` kan vara tyst\n"));
        }
    }
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    out.push_str(&format!(
        "\n{} passed, {failed} failed\n",
        outcomes.len() - failed
    ));
    print!("{out}");
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `rules list`: one line per rule-set version.
pub fn rules_list(base: &RuleBase) -> String {
    let mut out = String::from("REGELVERK                        VERSION  LAG       GILTIG                   REGLER  GÄLLER                 FIL\n");
    for s in &base.sets {
        let laws = s
            .laws
            .iter()
            .map(|l| l.as_str())
            .collect::<Vec<_>>()
            .join(",");
        let valid = match s.valid_to {
            Some(to) => format!("{} – {to}", s.valid_from),
            None => format!("{} –", s.valid_from),
        };
        let scope = scope_text(&s.scope);
        out.push_str(&format!(
            "{:<32} {:<8} {:<9} {:<24} {:>6}  {:<22} {}\n",
            s.id,
            s.version,
            laws,
            valid,
            s.rules.len(),
            scope,
            s.source
        ));
    }
    let rules: usize = base.sets.iter().map(|s| s.rules.len()).sum();
    out.push_str(&format!(
        "\n{} regelverk, {rules} regler.\n",
        base.sets.len()
    ));
    out
}

/// The token the service requires, from `BESLUTSKOLL_TOKEN`; refused if it is needed
/// (any address but loopback) and missing, or present and too short to be a secret.
pub fn serve_token(
    listen: std::net::SocketAddr,
    env: Option<String>,
) -> Result<Option<String>, String> {
    let token = env.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    match token {
        Some(t) if t.chars().count() < MIN_TOKEN_LEN => Err(format!(
            "fel: BESLUTSKOLL_TOKEN är för kort ({} tecken)\nhjälp: använd minst {MIN_TOKEN_LEN} slumpmässiga tecken, t.ex. `openssl rand -hex 32`",
            t.chars().count()
        )),
        None if !listen.ip().is_loopback() => Err(format!(
            "fel: tjänsten ska lyssna på `{listen}`, som inte är loopback, men BESLUTSKOLL_TOKEN saknas\n\
             hjälp: sätt BESLUTSKOLL_TOKEN till en hemlig nyckel (minst {MIN_TOKEN_LEN} tecken), \
             eller lyssna på 127.0.0.1"
        )),
        t => Ok(t),
    }
}

/// `serve`: check the options, load the rules, then run until SIGTERM or Ctrl-C.
fn serve(args: ServeArgs) -> ExitCode {
    let token = match serve_token(args.listen, std::env::var("BESLUTSKOLL_TOKEN").ok()) {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let corpus = match &args.corpus {
        Some(p) => {
            let engine = match load_engine(&args.rules) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::from(2);
                }
            };
            // A service checks the whole index once at start, so that no request meets
            // a damaged block later (a check from the command line reads only its own).
            match load_corpus(p, &engine).and_then(|i| {
                i.verify().map_err(|e| e.to_string())?;
                Ok(i)
            }) {
                Ok(index) => Some(std::sync::Arc::new(index)),
                Err(e) => {
                    eprintln!("fel: {e}");
                    return ExitCode::from(2);
                }
            }
        }
        None => None,
    };
    let settings = crate::server::Settings {
        token,
        body_limit: args.max_body,
        timeout: std::time::Duration::from_secs(args.timeout),
        corpus,
    };
    let rule_args = args.rules.clone();
    let state =
        match crate::server::AppState::new(Box::new(move || load_engine(&rule_args)), settings) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
    report_warnings(&state.rules().engine);
    crate::server::init_logging(args.log_format == LogFormat::Json);
    // Checks of big bodies, Word drafts and corpus queries run on the blocking pool.
    // Tokio's default pool grows to 512 threads and lets each go after 10 s idle, and
    // every new thread builds its own allocator heap: under a steady mix the memory
    // crept up with the thread count. A pool of twice the cores, kept alive, is reused
    // instead; the work is processor-bound, so more threads would not answer sooner.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(2 * cores)
        .thread_keep_alive(std::time::Duration::from_secs(3600))
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fel: kan inte starta tjänsten: {e}");
            return ExitCode::from(2);
        }
    };
    let result = runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.listen).await?;
        crate::server::listen(listener, state, crate::server::shutdown_signal()).await
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fel: kan inte lyssna på `{}`: {e}", args.listen);
            ExitCode::from(2)
        }
    }
}

// ---------------------------------------------------------------- rule-author tooling

/// Write to standard out; a closed pipe (`| head`) is not an error worth a panic.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// `rules fmt`: rewrite files in the canonical layout, or with `--check` list those
/// that would change (exit 1).
fn rules_fmt(path: &Path, check: bool) -> ExitCode {
    let sources = if path.is_file() {
        match std::fs::read_to_string(path) {
            Ok(t) => vec![crate::diag::Source::new(path.display().to_string(), t)],
            Err(e) => {
                eprintln!(
                    "fel: kan inte läsa `{}`: {}",
                    path.display(),
                    crate::engine::io_message(&e)
                );
                return ExitCode::from(2);
            }
        }
    } else {
        match crate::engine::read_dir_sources(path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        }
    };
    let (mut changed, mut broken) = (0, 0);
    for source in &sources {
        let formatted = match crate::fmt::format_source(source) {
            Ok(f) => f,
            Err(diags) => {
                eprint!("{}", crate::diag::render_all(&diags));
                broken += 1;
                continue;
            }
        };
        if formatted == source.text {
            continue;
        }
        changed += 1;
        if check {
            emit(&format!("{}\n", source.name));
        } else if let Err(e) = std::fs::write(&source.name, &formatted) {
            eprintln!(
                "fel: kan inte skriva `{}`: {}",
                source.name,
                crate::engine::io_message(&e)
            );
            broken += 1;
        } else {
            emit(&format!("formaterad: {}\n", source.name));
        }
    }
    let files = |n: usize| format!("{n} {}", if n == 1 { "fil" } else { "filer" });
    if check {
        eprintln!(
            "{} av {} skulle formateras om",
            files(changed),
            sources.len()
        );
    } else {
        eprintln!("{} av {} formaterades om", files(changed), sources.len());
    }
    if broken > 0 {
        ExitCode::from(2)
    } else if check && changed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `rules diff OLD NEW [--impact DIR]`: exit 0 no differences, 1 differences, 2 trouble.
fn rules_diff(
    old: &str,
    new: &str,
    impact: Option<&Path>,
    format: DiffFormat,
    local: bool,
    rules: Option<&Path>,
) -> ExitCode {
    use crate::diff::Layering;
    let layering = match (local, rules) {
        (false, _) => Layering::National,
        (true, None) => Layering::LocalOver(crate::engine::builtin_sources()),
        (true, Some(dir)) => match crate::engine::read_dir_sources(dir) {
            Ok(s) => Layering::LocalOver(s),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        },
    };
    match crate::diff::run(old, new, impact, &layering) {
        Ok(d) => {
            match format {
                DiffFormat::Human => emit(&crate::diff::render_human(&d)),
                DiffFormat::Json => emit(&format!("{}\n", crate::diff::render_json(&d))),
            }
            if d.has_changes() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// `rules check DIR [--local DIR]`: every diagnostic, then `N fel, N varningar`;
/// exit 2 on errors, 0 otherwise.
fn rules_check(dir: &Path, local: Option<&Path>) -> ExitCode {
    let read = |d: &Path| crate::engine::read_dir_sources(d);
    let national = match read(dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let local = match local.map(read).transpose() {
        Ok(s) => s.unwrap_or_default(),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let review = crate::lint::review(national, local);
    let mut text = String::new();
    for d in review.all() {
        text.push_str(&format!("{d}\n"));
    }
    text.push_str(&review.summary());
    text.push('\n');
    emit(&text);
    if review.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
