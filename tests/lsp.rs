//! `beslutskoll lsp`, driven as an editor drives it: the real binary over standard in
//! and out, Content-Length framed JSON-RPC, real LSP messages. Each answer is checked
//! against what the command line says about the same files (`rules check`,
//! `rules fmt`), so the editor and the command line cannot drift apart.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    stdin: ChildStdin,
    incoming: Receiver<Value>,
    next_id: i64,
}

impl Server {
    fn start(root: &Path, options: Value) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_beslutskoll"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start beslutskoll lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = Some(v.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.expect("Content-Length header")];
                r.read_exact(&mut body).unwrap();
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        let mut s = Server {
            child,
            stdin,
            incoming,
            next_id: 0,
        };
        let init = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {},
                "initializationOptions": options,
            }),
        );
        assert_eq!(init["serverInfo"]["name"], "beslutskoll");
        assert_eq!(init["capabilities"]["hoverProvider"], true);
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_vec(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let msg = self.incoming.recv_timeout(WAIT).expect("an answer");
            if msg["id"] == id {
                assert!(msg.get("error").is_none(), "{method}: {msg}");
                return msg["result"].clone();
            }
        }
    }

    /// The next diagnostics published for a file.
    fn diagnostics(&mut self, path: &Path) -> Vec<Value> {
        let want = uri(path);
        loop {
            let msg = self.incoming.recv_timeout(WAIT).expect("diagnostics");
            if msg["method"] == "textDocument/publishDiagnostics" && msg["params"]["uri"] == want {
                return msg["params"]["diagnostics"].as_array().unwrap().clone();
            }
        }
    }

    fn open(&mut self, path: &Path, text: &str) {
        let language = if path.extension().is_some_and(|e| e == "regler") {
            "regler"
        } else {
            "yaml"
        };
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri(path), "languageId": language, "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, path: &Path, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri(path), "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    fn at(&mut self, method: &str, path: &Path, line: usize, character: usize) -> Value {
        self.request(
            method,
            json!({"textDocument": {"uri": uri(path)}, "position": {"line": line, "character": character}}),
        )
    }

    fn stop(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r, Value::Null);
        self.notify("exit", Value::Null);
        let status = self.child.wait().unwrap();
        assert!(status.success(), "{status}");
    }
}

fn uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_str().unwrap().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

const GEMENSAMT: &str = "bibliotek gemensamt \"Gemensamt\"

# Sökanden är under 18 år på beslutsdagen.
definition barn = ålder(sokande.fodelsedatum, beslut.datum) < 18

lista stödord = [\"stöd\", \"hjälp\"]
";

fn rule_file(krav: &str) -> String {
    format!(
        "regelverk lss.prov
  titel       \"Prov\"
  lag         LSS
  version     \"1\"
  giltig från 2020-01-01
  gäller      varje beslut

regel barnets_basta
  kategori     utredning
  allvarlighet fel
  lagrum       \"6 a § LSS\"
  när          barn
  kräv         {krav}
  meddelande   \"Utredningen saknar en analys av barnets bästa.\"
  dokumentation \"\"\"
    Vad regeln kontrollerar: att utredningen analyserar barnets bästa.
  \"\"\"
"
    )
}

/// A rule folder `rules/` in a fresh directory.
fn project(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("lsp")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("rules/lss")).unwrap();
    std::fs::write(dir.join("rules/gemensamt.regler"), GEMENSAMT).unwrap();
    std::fs::write(
        dir.join("rules/lss/prov.regler"),
        rule_file("finns(utredning.texter.barnets_basta)"),
    )
    .unwrap();
    dir
}

/// `rules check` run from `root`: each diagnostic's (line, column, message).
fn rules_check(root: &Path, args: &[&str]) -> Vec<(usize, usize, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_beslutskoll"))
        .current_dir(root)
        .args(["rules", "check"])
        .args(args)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let mut found = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(m) = line
            .strip_prefix("fel: ")
            .or_else(|| line.strip_prefix("varning: "))
        {
            message = Some(m.to_string());
        } else if let Some(loc) = line.trim_start().strip_prefix("--> ") {
            let mut parts = loc.rsplitn(3, ':');
            let col = parts.next().unwrap().parse().unwrap();
            let line = parts.next().unwrap().parse().unwrap();
            found.push((line, col, message.take().unwrap()));
        }
    }
    found
}

/// Each LSP diagnostic as (1-based line, 1-based column, first line of the message).
fn as_cli(diags: &[Value]) -> Vec<(usize, usize, String)> {
    diags
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                start["line"].as_u64().unwrap() as usize + 1,
                start["character"].as_u64().unwrap() as usize + 1,
                d["message"]
                    .as_str()
                    .unwrap()
                    .lines()
                    .next()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

#[test]
fn an_unknown_field_is_reported_where_rules_check_reports_it() {
    let root = project("okant_falt");
    let file = root.join("rules/lss/prov.regler");
    let broken = rule_file("finns(sokande.fodelsedag)");
    // On disk too, so that `rules check` sees what the editor holds.
    std::fs::write(&file, &broken).unwrap();
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, &broken);
    let diags = s.diagnostics(&file);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    // `  kräv         finns(sokande.fodelsedag)`: line 13, the field after `sokande.`;
    // `ä` is one UTF-16 unit but two bytes, so a byte column would be one too far.
    let line = broken
        .lines()
        .position(|l| l.contains("fodelsedag"))
        .unwrap();
    let col = broken
        .lines()
        .nth(line)
        .unwrap()
        .find("fodelsedag")
        .unwrap()
        - 1;
    assert_eq!(d["range"]["start"], json!({"line": line, "character": col}));
    assert_eq!(
        d["range"]["end"],
        json!({"line": line, "character": col + "fodelsedag".len()})
    );
    assert_eq!(d["severity"], 1);
    let message = d["message"].as_str().unwrap();
    assert!(
        message.starts_with("okänt fält `fodelsedag` i `sokande`\n"),
        "{message}"
    );
    assert!(
        message.contains("hjälp: menade du `sokande.fodelsedatum`?"),
        "{message}"
    );
    // Exactly what the command line says, at the same line and column.
    assert_eq!(as_cli(&diags), rules_check(&root, &["rules"]));

    // Fixed as the author types: the diagnostic goes away.
    s.change(&file, 2, &rule_file("finns(sokande.fodelsedatum)"));
    assert_eq!(s.diagnostics(&file), Vec::<Value>::new());
    s.stop();
}

#[test]
fn an_unsaved_definition_change_breaks_the_rule_that_uses_it() {
    let root = project("definition_andras");
    let gem = root.join("rules/gemensamt.regler");
    let rule = root.join("rules/lss/prov.regler");
    let mut s = Server::start(&root, Value::Null);
    s.open(&rule, &std::fs::read_to_string(&rule).unwrap());
    assert_eq!(s.diagnostics(&rule), Vec::<Value>::new());
    // The definition `barn` renamed in the editor, not saved: the rule's `när barn`
    // no longer resolves, and the rule file (not the library) gets the error.
    s.open(
        &gem,
        &GEMENSAMT.replace("definition barn", "definition minderarig"),
    );
    let diags = s.diagnostics(&rule);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("okänt namn `barn`"),
        "{diags:?}"
    );
    s.stop();
}

#[test]
fn hover_shows_the_fields_type_and_doc_a_functions_signature_and_a_definition() {
    let root = project("hover");
    let file = root.join("rules/lss/prov.regler");
    let text =
        rule_file("finns(sokande.fodelsedatum) och ålder(sokande.fodelsedatum, beslut.datum) > 1");
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, &text);
    let line = text.lines().position(|l| l.contains("kräv")).unwrap();
    let l = text.lines().nth(line).unwrap();
    let col = |needle: &str| l[..l.find(needle).unwrap()].chars().count();

    let h = s.at("textDocument/hover", &file, line, col("fodelsedatum") + 3);
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(v.contains("**sokande.fodelsedatum**: datum"), "{v}");
    assert!(v.contains("sökandens födelsedatum"), "{v}");

    let h = s.at("textDocument/hover", &file, line, col("sokande") + 1);
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(v.contains("**sokande**: post `sokande`"), "{v}");

    let h = s.at("textDocument/hover", &file, line, col("ålder") + 1);
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(
        v.contains("ålder(född, dag): hela år mellan två datum"),
        "{v}"
    );

    let nar = text.lines().position(|l| l.contains("när")).unwrap();
    let h = s.at("textDocument/hover", &file, nar, 16);
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(
        v.contains("definition barn = ålder(sokande.fodelsedatum, beslut.datum) < 18"),
        "{v}"
    );
    s.stop();
}

#[test]
fn hover_over_a_lagrum_shows_the_register_and_over_a_rule_name_its_lint_page() {
    let root = project("hover_lagrum");
    let file = root.join("rules/lss/prov.regler");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, &text);
    let line = text.lines().position(|l| l.contains("lagrum")).unwrap();
    let h = s.at("textDocument/hover", &file, line, 18);
    let v = h["contents"]["value"].as_str().unwrap();
    assert!(v.contains("6 a § LSS"), "{v}");
    assert!(v.contains("Status: V"), "{v}");

    let line = text.lines().position(|l| l.starts_with("regel ")).unwrap();
    let h = s.at("textDocument/hover", &file, line, 8);
    let v = h["contents"]["value"].as_str().unwrap();
    // `beslutskoll explain`'s page: id, lagrum, and the documentation.
    assert!(v.contains("lss.prov.barnets_basta\n======"), "{v}");
    assert!(v.contains("Lagrum:       6 a § LSS"), "{v}");
    assert!(
        v.contains("Vad regeln kontrollerar: att utredningen analyserar barnets bästa."),
        "{v}"
    );
    s.stop();
}

#[test]
fn completion_after_sokande_dot_offers_its_fields() {
    let root = project("komplettering");
    let file = root.join("rules/lss/prov.regler");
    // Half typed: the file does not parse, completion still works.
    let text = rule_file("finns(sokande.");
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, &text);
    let line = text.lines().position(|l| l.contains("kräv")).unwrap();
    let col = text.lines().nth(line).unwrap().chars().count();
    let items = s.at("textDocument/completion", &file, line, col);
    let items = items.as_array().unwrap();
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"fodelsedatum"), "{labels:?}");
    assert!(labels.contains(&"personnummer"), "{labels:?}");
    assert!(
        !labels.contains(&"finns"),
        "only fields after a dot: {labels:?}"
    );
    let f = items.iter().find(|i| i["label"] == "fodelsedatum").unwrap();
    assert_eq!(f["detail"], "datum");
    assert_eq!(f["documentation"], "sökandens födelsedatum");

    // At the start of an expression: functions, definitions and lists too.
    let text = rule_file("fin");
    s.change(&file, 2, &text);
    let col = text.lines().nth(line).unwrap().chars().count();
    let items = s.at("textDocument/completion", &file, line, col);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    for want in [
        "finns", "nämner", "barn", "stödord", "sokande", "beslut", "sokt",
    ] {
        assert!(labels.contains(&want), "{want}: {labels:?}");
    }

    // After `gäller insats`: the insats ids.
    let text = text.replace("gäller      varje beslut", "gäller      insats ");
    s.change(&file, 3, &text);
    let line = text.lines().position(|l| l.contains("gäller")).unwrap();
    let col = text.lines().nth(line).unwrap().chars().count();
    let items = s.at("textDocument/completion", &file, line, col);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"korttidsvistelse"), "{labels:?}");

    // In a string compared with a field of fixed values: those values.
    let text = rule_file("beslut.insats = \"ko");
    s.change(&file, 4, &text);
    let line = text.lines().position(|l| l.contains("kräv")).unwrap();
    let col = text.lines().nth(line).unwrap().chars().count();
    let items = s.at("textDocument/completion", &file, line, col);
    let labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"korttidsvistelse"), "{labels:?}");
    assert!(!labels.contains(&"finns"), "{labels:?}");
    s.stop();
}

#[test]
fn go_to_definition_finds_the_definition_in_another_file() {
    let root = project("definition");
    let file = root.join("rules/lss/prov.regler");
    let text = std::fs::read_to_string(&file).unwrap();
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, &text);
    let line = text.lines().position(|l| l.contains("när")).unwrap();
    let loc = s.at("textDocument/definition", &file, line, 16);
    assert_eq!(loc["uri"], uri(&root.join("rules/gemensamt.regler")));
    let def_line = GEMENSAMT
        .lines()
        .position(|l| l.starts_with("definition barn"))
        .unwrap();
    assert_eq!(
        loc["range"],
        json!({"start": {"line": def_line, "character": 11}, "end": {"line": def_line, "character": 15}})
    );
    s.stop();
}

#[test]
fn formatting_gives_what_rules_fmt_writes() {
    let root = project("format");
    let file = root.join("rules/lss/prov.regler");
    let messy = rule_file("finns(utredning.texter.barnets_basta)")
        .replace("  kategori     utredning", "kategori utredning")
        .replace("giltig från 2020-01-01", "giltig   från   2020-01-01");
    std::fs::write(&file, &messy).unwrap();
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, &messy);
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri(&file)}, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(
        edits[0]["range"]["start"],
        json!({"line": 0, "character": 0})
    );
    let formatted = edits[0]["newText"].as_str().unwrap().to_string();
    s.stop();
    // `rules fmt` on the same file writes the same text.
    let status = Command::new(env!("CARGO_BIN_EXE_beslutskoll"))
        .args(["rules", "fmt"])
        .arg(&file)
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(formatted, std::fs::read_to_string(&file).unwrap());
    assert_ne!(formatted, messy);
}

#[test]
fn a_local_guideline_folder_is_checked_over_the_national_rules() {
    let root = project("riktlinjer");
    let local = root.join("riktlinjer/kommunen");
    std::fs::create_dir_all(&local).unwrap();
    let file = local.join("egen.regler");
    // A guideline cannot make an error (only law can), and `barn` comes from the
    // national library below it.
    let text = "regelverk kommunen.egen
  titel       \"Kommunens riktlinje\"
  lag         LSS
  version     \"1\"
  giltig från 2020-01-01
  gäller      varje beslut

regel riktlinje_barn
  kategori     utredning
  allvarlighet fel
  lagrum       \"Riktlinjer för LSS, 2026-01-15\"
  grund        riktlinje \"Riktlinjer för LSS, 2026-01-15\"
  när          barn
  kräv         finns(utredning.texter.barnets_basta)
  meddelande   \"M\"
";
    std::fs::write(&file, text).unwrap();
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, text);
    let diags = s.diagnostics(&file);
    assert!(!diags.is_empty());
    let cli = rules_check(&root, &["rules", "--local", "riktlinjer/kommunen"]);
    assert_eq!(as_cli(&diags), cli);
    s.stop();
}

#[test]
fn a_rule_test_reports_an_unknown_rule_at_its_line() {
    let root = project("regeltest");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/korttidsvistelse_bra.yaml"),
        root.join("rules/lss/bas.yaml"),
    )
    .unwrap();
    let file = root.join("rules/lss/prov.test.yaml");
    let text = "beskrivning: prov\nbas: bas.yaml\nska_inte_utlosa:\n  - lss.prov.barnets_basta\n  - lss.prov.barnets_bast\n";
    let mut s = Server::start(&root, Value::Null);
    s.open(&file, text);
    let diags = s.diagnostics(&file);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(
        diags[0]["message"],
        "okänd regel `lss.prov.barnets_bast` i testet"
    );
    assert_eq!(
        diags[0]["range"]["start"],
        json!({"line": 4, "character": 4})
    );
    // Hover over a rule id in a test: its lint page.
    let h = s.at("textDocument/hover", &file, 3, 10);
    assert!(h["contents"]["value"]
        .as_str()
        .unwrap()
        .contains("Lagrum:       6 a § LSS"));
    // A broken test file: the YAML error at its place, as `rules test` words it.
    s.change(
        &file,
        2,
        "beskrivning: prov\nbas: bas.yaml\nska_utlosa: [\n",
    );
    let diags = s.diagnostics(&file);
    assert_eq!(diags.len(), 1, "{diags:?}");
    s.stop();
}

/// Every keyword of `grammar/regler.pest` is highlighted by the TextMate grammar.
#[test]
fn the_textmate_grammar_highlights_every_keyword_of_the_pest_grammar() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pest = std::fs::read_to_string(dir.join("grammar/regler.pest")).unwrap();
    // The keyword rules `kw_x = @{ "word" ~ !ident_char }`, the literal words of
    // `boolean`, `unit` and `law`, and the word lists `keyword` and `attr_word`.
    let mut keywords: Vec<String> = Vec::new();
    let mut rule = String::new();
    for line in pest.lines() {
        let line = line.trim();
        if let Some((name, _)) = line.split_once('=') {
            if !line.starts_with("//") && !line.starts_with('|') && !line.starts_with('(') {
                rule = name.trim().to_string();
            }
        }
        let wanted = rule.starts_with("kw_")
            || ["boolean", "unit", "law", "keyword", "attr_word"].contains(&rule.as_str());
        if !wanted || line.starts_with("//") {
            continue;
        }
        for (i, part) in line.split('"').enumerate() {
            if i % 2 == 1 && part.chars().all(char::is_alphabetic) && !part.is_empty() {
                keywords.push(part.to_string());
            }
        }
    }
    keywords.sort();
    keywords.dedup();
    assert!(keywords.len() > 50, "{keywords:?}");
    for kw in [
        "regelverk",
        "gäller",
        "för",
        "kvitteras",
        "sant",
        "månader",
        "LSS",
    ] {
        assert!(
            keywords.iter().any(|k| k == kw),
            "{kw} not read from the grammar"
        );
    }

    let tm: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("editors/vscode/syntaxes/regler.tmLanguage.json"))
            .unwrap(),
    )
    .unwrap();
    let mut patterns = Vec::new();
    collect(&tm, &mut patterns);
    let compiled: Vec<(fancy_regex::Regex, &Value)> = patterns
        .iter()
        .map(|p| {
            let re = p["match"].as_str().unwrap();
            (
                fancy_regex::Regex::new(re).unwrap_or_else(|e| panic!("{re}: {e}")),
                *p,
            )
        })
        .collect();
    let lexical = |scope: &str| {
        ["keyword", "storage", "constant", "support"]
            .iter()
            .any(|k| scope.starts_with(k))
    };
    // Words that are keywords only in a phrase (`beslut` is a case path elsewhere).
    let phrase = |kw: &str| match kw {
        "beslut" => "gäller varje beslut".to_string(),
        other => other.to_string(),
    };
    let mut missing = Vec::new();
    for kw in &keywords {
        let sample = phrase(kw);
        let at = sample.rfind(kw.as_str()).unwrap();
        let want = at..at + kw.len();
        let covered = compiled.iter().any(|(re, p)| {
            let Ok(Some(c)) = re.captures(&sample) else {
                return false;
            };
            let whole = c.get(0).unwrap();
            if whole.range() == want && p["name"].as_str().is_some_and(lexical) {
                return true;
            }
            (1..c.len()).any(|i| {
                c.get(i).is_some_and(|g| g.range() == want)
                    && p["captures"][i.to_string()]["name"]
                        .as_str()
                        .is_some_and(lexical)
            })
        });
        if !covered {
            missing.push(kw.clone());
        }
    }
    assert!(missing.is_empty(), "not highlighted: {missing:?}");

    // And a keyword inside a name or after a dot is not a keyword.
    let keyword_hit = |sample: &str| {
        compiled.iter().any(|(re, p)| {
            p["name"].as_str().is_some_and(lexical)
                && re.find(sample).ok().flatten().is_some()
                && !p["name"].as_str().unwrap().starts_with("constant.numeric")
        })
    };
    assert!(!keyword_hit("arende.lag"));
    assert!(!keyword_hit("inget_i"));
}

/// Every `match` pattern in a TextMate grammar.
fn collect<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
    match v {
        Value::Object(m) => {
            if m.get("match").is_some_and(Value::is_string) {
                out.push(v);
            }
            for child in m.values() {
                collect(child, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|c| collect(c, out)),
        _ => {}
    }
}

/// The shipped rules, the example guideline and their rule tests, opened as a
/// supervisor opens them: nothing to report, as `rules check` and `rules test` say.
#[test]
fn the_shipped_rules_guideline_and_tests_are_clean_in_the_editor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut s = Server::start(root, Value::Null);
    for file in [
        "rules/lss/barn.regler",
        "riktlinjer/exempelkommun/ledsagarservice.regler",
        "riktlinjer/exempelkommun/tester/under_riktmarket.test.yaml",
        "rules/fl/tester/delvis_avslag_ej_angivet.test.yaml",
    ] {
        let path = root.join(file);
        s.open(&path, &std::fs::read_to_string(&path).unwrap());
        assert_eq!(s.diagnostics(&path), Vec::<Value>::new(), "{file}");
    }
    // Hover over a rule's name in a shipped file gives `explain`'s page.
    let path = root.join("rules/lss/barn.regler");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("regel barnets_basta"))
        .unwrap();
    let h = s.at("textDocument/hover", &path, line, 8);
    let explain = Command::new(env!("CARGO_BIN_EXE_beslutskoll"))
        .args(["explain", "lss.barn.barnets_basta"])
        .output()
        .unwrap();
    let page = String::from_utf8(explain.stdout).unwrap();
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains(page.trim_end()),
        "{h}"
    );
    s.stop();
}
