//! The command line: arguments (clap) are turned into checked options before any
//! work, then one function per subcommand. Exit codes: 0 no `error` finding, 1 at
//! least one, 2 input or rules could not be read.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::case::{self, Case};
use crate::engine::{Engine, LoadError};
use crate::model::{RuleBase, RuleScope};
use crate::render;

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
    /// Granska ett eller flera ärenden (YAML eller JSON; `-` läser standard in).
    Check(CheckArgs),
    /// Regelverken: lista versioner och antal regler.
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
    /// Ärendefiler; `-` läser från standard in.
    #[arg(required = true, value_name = "ÄRENDE")]
    pub files: Vec<PathBuf>,
    /// Utdataformat. Standard: `human` i en terminal, annars `json`.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub rules: RuleArgs,
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
        Command::Rules {
            command: RulesCommand::List { rules },
        } => with_engine(&rules, |e| {
            print!("{}", rules_list(e.rules()));
            ExitCode::SUCCESS
        }),
        Command::Rules {
            command: RulesCommand::Test { dir, local },
        } => rules_test(&dir, local.as_deref()),
        Command::Serve(args) => serve(args),
        Command::Explain { rule, rules } => {
            with_engine(&rules, |e| match explain(e.rules(), &rule) {
                Some(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                None => {
                    let ids: Vec<&str> = e.rules().rules().map(|(_, r)| r.id.as_str()).collect();
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
    if !engine.warnings().is_empty() && std::io::stderr().is_terminal() {
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
        return case::read_case("<stdin>", &text).map_err(|e| e.to_diagnostic().to_string());
    }
    case::read_case_file(path).map_err(|e| e.to_diagnostic().to_string())
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
    let stdout = std::io::stdout();
    let terminal = stdout.is_terminal();
    let format = args.format.unwrap_or(if terminal {
        Format::Human
    } else {
        Format::Json
    });
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut worst = 0u8;
    let mut reports = Vec::new();
    for path in &args.files {
        match read_case(path) {
            Ok(case) => {
                let report = engine.check(&case);
                if report.has_errors() {
                    worst = worst.max(1);
                }
                reports.push(report);
            }
            Err(msg) => {
                eprintln!("{}", msg.trim_end());
                worst = 2;
            }
        }
    }
    let mut out = stdout.lock();
    let text = match format {
        Format::Human => reports
            .iter()
            .map(|r| render::human(r, color))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Json if args.files.len() == 1 => {
            reports.first().map(render::json).unwrap_or_default()
        }
        Format::Json => serde_json::to_string_pretty(&reports).unwrap_or_default(),
        Format::Jsonl => reports
            .iter()
            .map(render::json_line)
            .collect::<Vec<_>>()
            .join("\n"),
    };
    if !text.is_empty() {
        let _ = writeln!(out, "{}", text.trim_end());
    }
    ExitCode::from(worst)
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
    let outcomes = match crate::ruletest::run_dir(&engine, dir) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("fel: {e}");
            return ExitCode::from(2);
        }
    };
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

/// What a rule set is tried on, as `rules list` and the service show it.
pub fn scope_text(scope: &RuleScope) -> String {
    match scope {
        RuleScope::Insats(i) => i.iter().map(|x| x.id()).collect::<Vec<_>>().join(","),
        RuleScope::VarjeBeslut => "varje beslut".into(),
        RuleScope::Arendet => "ärendet".into(),
    }
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
    let settings = crate::server::Settings {
        token,
        body_limit: args.max_body,
        timeout: std::time::Duration::from_secs(args.timeout),
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
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
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

/// `explain RULE`: the rule as written and its lint page, from every version.
pub fn explain(base: &RuleBase, id: &str) -> Option<String> {
    let mut out = String::new();
    for (set, rule) in base.rules().filter(|(_, r)| r.id == id) {
        let to = set.valid_to.map_or(String::new(), |t| format!(" till {t}"));
        out.push_str(&format!(
            "{}\n{}\n\n",
            rule.id,
            "=".repeat(rule.id.chars().count())
        ));
        out.push_str(&format!(
            "Regelverk:    {} {} ({}), gäller från {}{to}\n",
            set.id, set.version, set.title, set.valid_from
        ));
        out.push_str(&format!("Fil:          {}\n", set.source));
        out.push_str(&format!("Lagrum:       {}\n", rule.lagrum));
        let basis = match &rule.basis {
            crate::model::Basis::Lag => "lag".to_string(),
            crate::model::Basis::Praxis(s) => format!("god praxis: {s} (högst varning)"),
            crate::model::Basis::Riktlinje(s) => format!("kommunal riktlinje: {s} (högst varning)"),
        };
        out.push_str(&format!("Grund:        {basis}\n"));
        out.push_str(&format!("Kategori:     {}\n", rule.category.rubrik()));
        out.push_str(&format!("Allvarlighet: {}\n", rule.severity.ord()));
        if !rule.acknowledgeable {
            out.push_str("Kvittering:   kan inte kvitteras\n");
        }
        if let Some(a) = &rule.adjusted {
            out.push_str(&format!("Justerad:     {a}\n"));
        }
        if let Some(doc) = &rule.doc {
            out.push_str(&format!("\n{}\n", doc.trim_end()));
        }
        out.push_str(&format!(
            "\nSå här är regeln skriven:\n\n{}\n\n",
            indent(&rule.text)
        ));
    }
    (!out.is_empty()).then_some(out)
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
