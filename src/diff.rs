//! `beslutskoll rules diff OLD NEW`: what a change to the rule files changes, as a
//! review a supervisor attaches to it. Each side is a folder, a single rule file, or
//! `REV:path` (the files as they were in a git revision, read with `git ls-tree` and
//! `git show`; no git library).
//!
//! The comparison is made on the syntax trees, printed by [`crate::fmt`], so a
//! change of layout or comments is not a change of a rule, and a side need not load
//! on its own (a folder with only the SoL files can be compared with another). Rule
//! sets are matched by id; versions of one id by their `giltig från` date, and if
//! each side then has one unmatched version left, with each other (a new version
//! replacing the old). Rules are matched by name within a matched version.
//!
//! `--impact DIR` loads both sides as engines (so then they must load) and runs
//! every case file in DIR through both: the findings that appear or disappear, per
//! case, by rule id and path.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ast::{self, HeaderAttr, Item, JusteringAttr, RegelAttr};
use crate::diag::{Diagnostic, Source};
use crate::engine::{self, Engine, LoadError};
use crate::fmt::{expr_to_string, header_attr, string, template_to_string};
use crate::parse;

// ------------------------------------------------------------------ sides

/// One side of a comparison, as given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    /// A folder of rule files, or one rule file.
    Path(PathBuf),
    /// `REV:path`: a folder or file as it was in a git revision.
    Git { rev: String, path: String },
}

impl Side {
    /// A path that exists is a path; otherwise `REV:path` is a git revision.
    pub fn parse(arg: &str) -> Side {
        if !Path::new(arg).exists() {
            if let Some((rev, path)) = arg.split_once(':') {
                if !rev.is_empty() {
                    return Side::Git {
                        rev: rev.to_string(),
                        path: if path.is_empty() {
                            ".".into()
                        } else {
                            path.into()
                        },
                    };
                }
            }
        }
        Side::Path(PathBuf::from(arg))
    }
}

/// Why a side could not be read.
#[derive(Debug)]
pub enum DiffError {
    Load(LoadError),
    Git(String),
    /// Files that do not parse; every error.
    Syntax(Vec<Diagnostic>),
    Case(String),
}

impl std::fmt::Display for DiffError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiffError::Load(e) => write!(f, "{e}"),
            DiffError::Git(m) => write!(f, "fel: {m}"),
            DiffError::Syntax(d) => f.write_str(crate::diag::render_all(d).trim_end()),
            DiffError::Case(m) => f.write_str(m.trim_end()),
        }
    }
}

impl std::error::Error for DiffError {}

/// The rule files of a side, named by their path below the side's root, so that
/// the same file has the same name on both sides.
pub fn read_side(side: &Side) -> Result<Vec<Arc<Source>>, DiffError> {
    match side {
        Side::Path(p) if p.is_file() => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                DiffError::Load(LoadError::Io {
                    path: p.clone(),
                    message: engine::io_message(&e),
                })
            })?;
            let name = p
                .file_name()
                .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into());
            Ok(vec![Source::new(name, text)])
        }
        Side::Path(dir) => {
            let sources = engine::read_dir_sources(dir).map_err(DiffError::Load)?;
            Ok(sources
                .into_iter()
                .map(|s| {
                    let rel = Path::new(&s.name)
                        .strip_prefix(dir)
                        .map_or_else(|_| s.name.clone(), slash);
                    Source::new(rel, s.text.clone())
                })
                .collect())
        }
        Side::Git { rev, path } => git_sources(rev, path),
    }
}

fn slash(p: &Path) -> String {
    p.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

fn git(args: &[&str]) -> Result<String, DiffError> {
    let out = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| DiffError::Git(format!("kan inte köra `git`: {}", engine::io_message(&e))))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(DiffError::Git(format!(
            "`git {}` misslyckades: {}",
            args.join(" "),
            err.trim()
        )));
    }
    String::from_utf8(out.stdout)
        .map_err(|_| DiffError::Git(format!("`git {}` gav inte UTF-8-text", args.join(" "))))
}

fn git_sources(rev: &str, path: &str) -> Result<Vec<Arc<Source>>, DiffError> {
    git(&[
        "rev-parse",
        "--verify",
        "--quiet",
        &format!("{rev}^{{commit}}"),
    ])
    .map_err(|_| DiffError::Git(format!("`{rev}` är ingen revision i git-förrådet här")))?;
    // Paths are relative to the working directory, as `REV:./path` reads them.
    let listing = git(&["ls-tree", "-r", "--name-only", rev, "--", path])?;
    let root = path.trim_end_matches('/');
    let mut out = Vec::new();
    for file in listing.lines().filter(|f| f.ends_with(".regler")) {
        let text = git(&["show", &format!("{rev}:./{file}")])?;
        let rel = file
            .strip_prefix(root)
            .map(|r| r.trim_start_matches('/'))
            .filter(|r| !r.is_empty() && root != ".")
            .unwrap_or(file);
        out.push(Source::new(rel, text));
    }
    if out.is_empty() {
        return Err(DiffError::Git(format!(
            "`{rev}:{path}` innehåller inga regelfiler (*.{})",
            engine::RULE_EXT
        )));
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

// --------------------------------------------------------------- snapshots

/// What one side holds, printed field by field.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    sets: Vec<SetSnap>,
    /// `definition x`, `tabell x`, `lista x` → printed value.
    globals: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
struct SetSnap {
    id: String,
    info: SetInfo,
    /// Header fields in canonical order: `titel`, `lag`, ..., then `fil`.
    fields: Vec<(String, String)>,
    rules: Vec<RuleSnap>,
    valid_from: String,
}

/// A rule-set version as the review names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetInfo {
    pub version: String,
    pub valid: String,
    /// The file, relative to its side's root.
    pub source: String,
    /// `sha256:` + hex of the file text.
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleSnap {
    pub id: String,
    /// Printed attributes in canonical order.
    pub fields: Vec<(String, String)>,
}

/// Parse the files of a side; every syntax error is collected.
pub fn snapshot(sources: &[Arc<Source>]) -> Result<Snapshot, DiffError> {
    let mut snap = Snapshot::default();
    let mut errors = Vec::new();
    for source in sources {
        match parse::parse_file(source) {
            Ok(file) => add_file(&mut snap, source, &file),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        Ok(snap)
    } else {
        Err(DiffError::Syntax(errors))
    }
}

fn add_file(snap: &mut Snapshot, source: &Source, file: &ast::File) {
    for item in &file.items {
        match item {
            Item::Definition(d) => {
                snap.globals.insert(
                    format!("definition {}", d.name.name),
                    expr_to_string(&d.expr),
                );
            }
            Item::Tabell(t) => {
                let rows: Vec<String> = t
                    .rows
                    .iter()
                    .map(|(d, v, _)| {
                        format!("från {} gäller {}", d.format("%Y-%m-%d"), expr_to_string(v))
                    })
                    .collect();
                snap.globals
                    .insert(format!("tabell {}", t.name.name), rows.join("; "));
            }
            Item::Lista(l) => {
                // A guideline folder adds to a national list: the items of all files.
                let entry = snap
                    .globals
                    .entry(format!("lista {}", l.name.name))
                    .or_default();
                for e in &l.items {
                    if !entry.is_empty() {
                        entry.push('\n');
                    }
                    entry.push_str(&expr_to_string(e));
                }
            }
            Item::Justering(j) => {
                let mut parts = Vec::new();
                for a in &j.attrs {
                    parts.push(match a {
                        JusteringAttr::Allvarlighet(s) => format!("allvarlighet {}", s.name),
                        JusteringAttr::StangAv(_) => "stäng av".into(),
                        JusteringAttr::Skal(s) => format!("skäl {}", string(&s.value)),
                    });
                }
                snap.globals
                    .insert(format!("justera {}", j.rule.name), parts.join(", "));
            }
            Item::Regel(_) => {}
        }
    }
    if file.header.library {
        return;
    }
    let mut fields: Vec<(usize, String, String)> = file
        .header
        .attrs
        .iter()
        .map(|a| {
            let (k, v) = header_attr(a);
            let key = if k == "giltig från" { "giltig" } else { k };
            let rank = [
                "titel",
                "lag",
                "version",
                "giltig",
                "författning",
                "väljs av",
                "gäller",
            ]
            .iter()
            .position(|x| *x == key)
            .unwrap_or(99);
            let v = if key == "giltig" {
                format!("från {v}")
            } else {
                v
            };
            (rank, key.to_string(), v)
        })
        .collect();
    fields.sort_by_key(|f| f.0);
    let get = |k: &str| {
        fields
            .iter()
            .find(|f| f.1 == k)
            .map(|f| f.2.clone())
            .unwrap_or_default()
    };
    let valid_from = file
        .header
        .attrs
        .iter()
        .find_map(|a| match a {
            HeaderAttr::Giltig { from, .. } => Some(from.0.to_string()),
            _ => None,
        })
        .unwrap_or_default();
    let info = SetInfo {
        version: get("version").trim_matches('"').to_string(),
        valid: get("giltig"),
        source: source.name.clone(),
        hash: format!("sha256:{:x}", Sha256::digest(source.text.as_bytes())),
    };
    let mut fields: Vec<(String, String)> = fields.into_iter().map(|f| (f.1, f.2)).collect();
    fields.push(("fil".into(), info.source.clone()));
    let rules = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Regel(r) => Some(rule_snap(&file.header.id.name, r)),
            _ => None,
        })
        .collect();
    snap.sets.push(SetSnap {
        id: file.header.id.name.clone(),
        info,
        fields,
        rules,
        valid_from,
    });
}

fn rule_snap(set: &str, r: &ast::Regel) -> RuleSnap {
    let mut fields: Vec<(u8, String, String)> = Vec::new();
    for a in &r.attrs {
        let (rank, k, v) = match a {
            RegelAttr::Kategori(i) => (0, "kategori", i.name.clone()),
            RegelAttr::Allvarlighet(i) => (1, "allvarlighet", i.name.clone()),
            RegelAttr::Lagrum(s) => (2, "lagrum", string(&s.value)),
            RegelAttr::Grund(k, s) => (
                3,
                "grund",
                match s {
                    Some(s) => format!("{} {}", k.name, string(&s.value)),
                    None => k.name.clone(),
                },
            ),
            RegelAttr::Nar(e) => (4, "när", expr_to_string(e)),
            RegelAttr::Krav(e) => (5, "kräv", expr_to_string(e)),
            RegelAttr::Plats(p) => (6, "plats", p.name.clone()),
            RegelAttr::Meddelande(t) => (7, "meddelande", template_to_string(t)),
            RegelAttr::Forklaring(t) => (8, "förklaring", template_to_string(t)),
            RegelAttr::EjKvitterbar(_) => (9, "kvittering", "kan inte kvitteras".into()),
            RegelAttr::Dokumentation(s) => (10, "dokumentation", s.value.clone()),
        };
        fields.push((rank, k.to_string(), v));
    }
    // Defaults the checker fills in, so that adding `grund lag` is no change.
    if !fields.iter().any(|f| f.1 == "grund") {
        fields.push((3, "grund".into(), "lag".into()));
    }
    if !fields.iter().any(|f| f.1 == "kvittering") {
        fields.push((9, "kvittering".into(), "kan kvitteras".into()));
    }
    fields.sort_by_key(|f| f.0);
    RuleSnap {
        id: format!("{set}.{}", r.name.name),
        fields: fields.into_iter().map(|f| (f.1, f.2)).collect(),
    }
}

// ------------------------------------------------------------------ the diff

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

/// One field with its old and new printed value (`None`: not there).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChange {
    pub id: String,
    pub change: Change,
    /// For a changed rule: the fields that differ. For an added or removed rule:
    /// every field, on the side it is on.
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SetChange {
    pub id: String,
    pub change: Change,
    pub old: Option<SetInfo>,
    pub new: Option<SetInfo>,
    /// Header fields that differ (`version`, `giltig`, `fil`, ...).
    pub fields: Vec<FieldChange>,
    pub rules: Vec<RuleChange>,
}

/// A definition, table, list or `justera` that differs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GlobalChange {
    pub name: String,
    pub change: Change,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Findings that appear or disappear in one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseImpact {
    pub file: String,
    pub case: String,
    pub appeared: Vec<FindingKey>,
    pub disappeared: Vec<FindingKey>,
    /// Same rule and place, other severity (e.g. lowered by a guideline).
    pub severity_changed: Vec<SeverityChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct FindingKey {
    pub rule: String,
    pub path: String,
    pub severity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityChange {
    pub rule: String,
    pub path: String,
    pub old: String,
    pub new: String,
}

/// The whole review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleDiff {
    pub old: String,
    pub new: String,
    pub sets: Vec<SetChange>,
    pub globals: Vec<GlobalChange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub impact: Option<Vec<CaseImpact>>,
}

impl RuleDiff {
    /// True if anything differs, in the rules or in the findings.
    pub fn has_changes(&self) -> bool {
        !self.sets.is_empty()
            || !self.globals.is_empty()
            || self.impact.as_ref().is_some_and(|i| {
                i.iter().any(|c| {
                    !c.appeared.is_empty()
                        || !c.disappeared.is_empty()
                        || !c.severity_changed.is_empty()
                })
            })
    }
}

/// Compare two snapshots.
pub fn compare(old_label: &str, new_label: &str, old: &Snapshot, new: &Snapshot) -> RuleDiff {
    let mut ids: BTreeSet<&str> = old.sets.iter().map(|s| s.id.as_str()).collect();
    ids.extend(new.sets.iter().map(|s| s.id.as_str()));
    let mut sets = Vec::new();
    for id in ids {
        let versions = |snap: &'_ Snapshot| -> Vec<usize> {
            let mut v: Vec<usize> = (0..snap.sets.len())
                .filter(|&i| snap.sets[i].id == id)
                .collect();
            v.sort_by(|&a, &b| snap.sets[a].valid_from.cmp(&snap.sets[b].valid_from));
            v
        };
        let mut olds = versions(old);
        let mut news = versions(new);
        let mut pairs = Vec::new();
        olds.retain(|&o| {
            match news
                .iter()
                .position(|&n| new.sets[n].valid_from == old.sets[o].valid_from)
            {
                Some(k) => {
                    pairs.push((o, news.remove(k)));
                    false
                }
                None => true,
            }
        });
        if olds.len() == 1 && news.len() == 1 {
            pairs.push((olds.remove(0), news.remove(0)));
        }
        for (o, n) in pairs {
            if let Some(c) = set_change(&old.sets[o], &new.sets[n]) {
                sets.push(c);
            }
        }
        for o in olds {
            sets.push(whole_set(&old.sets[o], Change::Removed));
        }
        for n in news {
            sets.push(whole_set(&new.sets[n], Change::Added));
        }
    }
    let mut globals = Vec::new();
    let mut names: BTreeSet<&String> = old.globals.keys().collect();
    names.extend(new.globals.keys());
    for name in names {
        let (o, n) = (old.globals.get(name), new.globals.get(name));
        let change = match (o, n) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(_), Some(_)) => Change::Changed,
            (Some(_), None) => Change::Removed,
            _ => Change::Added,
        };
        globals.push(GlobalChange {
            name: name.clone(),
            change,
            old: o.cloned(),
            new: n.cloned(),
        });
    }
    RuleDiff {
        old: old_label.to_string(),
        new: new_label.to_string(),
        sets,
        globals,
        impact: None,
    }
}

fn field_changes(old: &[(String, String)], new: &[(String, String)]) -> Vec<FieldChange> {
    let mut keys: Vec<&String> = old.iter().map(|f| &f.0).collect();
    for (k, _) in new {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    let get = |fs: &[(String, String)], k: &str| fs.iter().find(|f| f.0 == k).map(|f| f.1.clone());
    keys.into_iter()
        .filter_map(|k| {
            let (o, n) = (get(old, k), get(new, k));
            (o != n).then(|| FieldChange {
                field: k.clone(),
                old: o,
                new: n,
            })
        })
        .collect()
}

fn set_change(old: &SetSnap, new: &SetSnap) -> Option<SetChange> {
    let mut fields = field_changes(&old.fields, &new.fields);
    if old.info.hash != new.info.hash {
        fields.push(FieldChange {
            field: "hash".into(),
            old: Some(old.info.hash.clone()),
            new: Some(new.info.hash.clone()),
        });
    }
    let mut rules = Vec::new();
    for r in &old.rules {
        match new.rules.iter().find(|n| n.id == r.id) {
            Some(n) => {
                let f = field_changes(&r.fields, &n.fields);
                if !f.is_empty() {
                    rules.push(RuleChange {
                        id: r.id.clone(),
                        change: Change::Changed,
                        fields: f,
                    });
                }
            }
            None => rules.push(whole_rule(r, Change::Removed)),
        }
    }
    for n in &new.rules {
        if !old.rules.iter().any(|r| r.id == n.id) {
            rules.push(whole_rule(n, Change::Added));
        }
    }
    if fields.is_empty() && rules.is_empty() {
        return None;
    }
    Some(SetChange {
        id: new.id.clone(),
        change: Change::Changed,
        old: Some(old.info.clone()),
        new: Some(new.info.clone()),
        fields,
        rules,
    })
}

fn whole_rule(r: &RuleSnap, change: Change) -> RuleChange {
    let added = change == Change::Added;
    RuleChange {
        id: r.id.clone(),
        change,
        fields: r
            .fields
            .iter()
            .map(|(k, v)| FieldChange {
                field: k.clone(),
                old: (!added).then(|| v.clone()),
                new: added.then(|| v.clone()),
            })
            .collect(),
    }
}

fn whole_set(s: &SetSnap, change: Change) -> SetChange {
    let added = change == Change::Added;
    SetChange {
        id: s.id.clone(),
        change,
        old: (!added).then(|| s.info.clone()),
        new: added.then(|| s.info.clone()),
        fields: Vec::new(),
        rules: s.rules.iter().map(|r| whole_rule(r, change)).collect(),
    }
}

// ------------------------------------------------------------------ impact

/// Case files below `dir`: `*.yaml`, `*.yml`, `*.json`, not rule tests.
pub fn case_files(dir: &Path) -> Result<Vec<PathBuf>, DiffError> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.to_string_lossy();
            if path.is_dir() {
                walk(&path, out)?;
            } else if (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json"))
                && !name.ends_with(".test.yaml")
            {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, &mut out).map_err(|e| {
        DiffError::Load(LoadError::Io {
            path: dir.to_path_buf(),
            message: engine::io_message(&e),
        })
    })?;
    out.sort();
    Ok(out)
}

/// Run every case below `dir` through both engines.
pub fn impact(old: &Engine, new: &Engine, dir: &Path) -> Result<Vec<CaseImpact>, DiffError> {
    let mut out = Vec::new();
    let mut unreadable = Vec::new();
    for path in case_files(dir)? {
        let case = match crate::case::read_case_file(&path) {
            Ok(c) => c.case,
            Err(e) => {
                unreadable.push(e.to_diagnostic().to_string());
                continue;
            }
        };
        let keys = |engine: &Engine| -> BTreeMap<(String, String), String> {
            engine
                .check(&case)
                .findings
                .into_iter()
                .map(|f| ((f.rule, f.path), f.severity.ord().to_string()))
                .collect()
        };
        let (before, after) = (keys(old), keys(new));
        let key = |(r, p): &(String, String), s: &String| FindingKey {
            rule: r.clone(),
            path: p.clone(),
            severity: s.clone(),
        };
        let file = path
            .strip_prefix(dir)
            .map_or_else(|_| path.display().to_string(), slash);
        out.push(CaseImpact {
            file,
            case: case.arende.id.clone(),
            appeared: after
                .iter()
                .filter(|(k, _)| !before.contains_key(*k))
                .map(|(k, s)| key(k, s))
                .collect(),
            disappeared: before
                .iter()
                .filter(|(k, _)| !after.contains_key(*k))
                .map(|(k, s)| key(k, s))
                .collect(),
            severity_changed: before
                .iter()
                .filter_map(|(k, s)| {
                    let n = after.get(k).filter(|n| *n != s)?;
                    Some(SeverityChange {
                        rule: k.0.clone(),
                        path: k.1.clone(),
                        old: s.clone(),
                        new: n.clone(),
                    })
                })
                .collect(),
        });
    }
    if unreadable.is_empty() {
        Ok(out)
    } else {
        Err(DiffError::Case(unreadable.join("\n")))
    }
}

// --------------------------------------------------------------- rendering

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn short_hash(h: &str) -> String {
    let hex = h.strip_prefix("sha256:").unwrap_or(h);
    format!("sha256:{}", hex.get(..12).unwrap_or(hex))
}

/// Write `- old` / `+ new` lines for one field at `indent`.
fn field_lines(out: &mut String, f: &FieldChange, indent: &str) {
    let show = |v: &str| {
        if f.field == "hash" {
            short_hash(v)
        } else {
            v.to_string()
        }
    };
    if f.field == "dokumentation" && f.old.is_some() && f.new.is_some() {
        let _ = writeln!(out, "{indent}dokumentation: ändrad");
        let old: Vec<&str> = f.old.as_deref().unwrap_or("").lines().collect();
        let new: Vec<&str> = f.new.as_deref().unwrap_or("").lines().collect();
        for l in &old {
            if !new.contains(l) {
                let _ = writeln!(out, "{indent}  - {l}");
            }
        }
        for l in &new {
            if !old.contains(l) {
                let _ = writeln!(out, "{indent}  + {l}");
            }
        }
        return;
    }
    let _ = writeln!(out, "{indent}{}:", f.field);
    for (sign, v) in [("-", &f.old), ("+", &f.new)] {
        if let Some(v) = v {
            for (i, line) in show(v).lines().enumerate() {
                let mark = if i == 0 { sign } else { " " };
                let _ = writeln!(out, "{indent}  {mark} {line}");
            }
        }
    }
}

/// The review as text for a supervisor, in Swedish.
pub fn render_human(d: &RuleDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Regeländringar från {} till {}", d.old, d.new);
    let (mut added, mut removed, mut changed) = (0, 0, 0);
    for s in &d.sets {
        for r in &s.rules {
            match r.change {
                Change::Added => added += 1,
                Change::Removed => removed += 1,
                Change::Changed => changed += 1,
            }
        }
    }
    for s in &d.sets {
        out.push('\n');
        let info = s.new.as_ref().or(s.old.as_ref());
        let at = info.map_or(String::new(), |i| {
            format!(" {}, {} ({})", i.version, i.valid, i.source)
        });
        let head = match s.change {
            Change::Added => "+ nytt regelverk",
            Change::Removed => "- borttaget regelverk",
            Change::Changed => "~ ändrat regelverk",
        };
        let _ = writeln!(out, "{head} {}{at}", s.id);
        for f in &s.fields {
            field_lines(&mut out, f, "    ");
        }
        if s.change == Change::Changed && s.rules.is_empty() {
            let _ = writeln!(
                out,
                "    (texten är ändrad men inte reglerna: kommentarer eller layout)"
            );
        }
        for r in &s.rules {
            let head = match r.change {
                Change::Added => "+ ny regel",
                Change::Removed => "- borttagen regel",
                Change::Changed => "~ ändrad regel",
            };
            let _ = writeln!(out, "  {head} {}", r.id);
            if r.change == Change::Changed {
                for f in &r.fields {
                    field_lines(&mut out, f, "      ");
                }
            } else {
                for f in &r.fields {
                    let v = f.new.as_ref().or(f.old.as_ref()).map_or("", String::as_str);
                    if f.field == "dokumentation" {
                        continue;
                    }
                    let _ = writeln!(out, "      {:<12} {v}", f.field);
                }
            }
        }
    }
    if !d.globals.is_empty() {
        out.push_str("\nDefinitioner, tabeller, listor och justeringar\n");
        for g in &d.globals {
            let mark = match g.change {
                Change::Added => "+",
                Change::Removed => "-",
                Change::Changed => "~",
            };
            let _ = writeln!(out, "  {mark} {}", g.name);
            if g.name.starts_with("lista ") {
                let items = |v: &Option<String>| -> Vec<String> {
                    v.as_deref()
                        .map(|s| s.lines().map(str::to_string).collect())
                        .unwrap_or_default()
                };
                let (o, n) = (items(&g.old), items(&g.new));
                for i in o.iter().filter(|i| !n.contains(i)) {
                    let _ = writeln!(out, "      - {i}");
                }
                for i in n.iter().filter(|i| !o.contains(i)) {
                    let _ = writeln!(out, "      + {i}");
                }
            } else {
                for (sign, v) in [("-", &g.old), ("+", &g.new)] {
                    if let Some(v) = v {
                        let _ = writeln!(out, "      {sign} {v}");
                    }
                }
            }
        }
    }
    if let Some(cases) = &d.impact {
        out.push_str("\nPåverkan på ärenden\n");
        let mut quiet = 0;
        for c in cases {
            if c.appeared.is_empty() && c.disappeared.is_empty() && c.severity_changed.is_empty() {
                quiet += 1;
                continue;
            }
            let _ = writeln!(out, "  {} ({})", c.case, c.file);
            for f in &c.appeared {
                let _ = writeln!(out, "    + {}  {}  ({})", f.rule, f.path, f.severity);
            }
            for f in &c.disappeared {
                let _ = writeln!(out, "    - {}  {}  ({})", f.rule, f.path, f.severity);
            }
            for f in &c.severity_changed {
                let _ = writeln!(out, "    ~ {}  {}  ({} → {})", f.rule, f.path, f.old, f.new);
            }
        }
        let _ = writeln!(
            out,
            "  {} av {} utan ändrade anmärkningar",
            plural(quiet, "ärende", "ärenden"),
            cases.len()
        );
    }
    out.push('\n');
    if d.sets.is_empty() && d.globals.is_empty() {
        out.push_str("Inga ändrade regler.\n");
    } else {
        let set_count = d.sets.len();
        let _ = writeln!(
            out,
            "Sammanfattning: {}, {}, {} i {}; {}.",
            plural(added, "ny regel", "nya regler"),
            plural(removed, "borttagen", "borttagna"),
            plural(changed, "ändrad", "ändrade"),
            plural(set_count, "regelverk", "regelverk"),
            plural(
                d.globals.len(),
                "ändrad definition, tabell, lista eller justering",
                "ändrade definitioner, tabeller, listor eller justeringar"
            ),
        );
    }
    out
}

/// The review as pretty JSON.
pub fn render_json(d: &RuleDiff) -> String {
    serde_json::to_string_pretty(d).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// How `--impact` loads each side.
#[derive(Debug, Clone)]
pub enum Layering {
    /// Each side is a whole national rule folder.
    National,
    /// Each side is a municipal guideline folder, laid over these national rules.
    LocalOver(Vec<Arc<Source>>),
}

/// Read both sides and compare them; with `impact`, run the cases too.
pub fn run(
    old: &str,
    new: &str,
    impact_dir: Option<&Path>,
    layering: &Layering,
) -> Result<RuleDiff, DiffError> {
    let old_sources = read_side(&Side::parse(old))?;
    let new_sources = read_side(&Side::parse(new))?;
    let mut d = compare(old, new, &snapshot(&old_sources)?, &snapshot(&new_sources)?);
    if let Some(dir) = impact_dir {
        let load = |s: Vec<Arc<Source>>| {
            match layering {
                Layering::National => Engine::from_sources(s, Vec::new()),
                Layering::LocalOver(national) => Engine::from_sources(national.clone(), s),
            }
            .map_err(DiffError::Load)
        };
        let (a, b) = (load(old_sources)?, load(new_sources)?);
        d.impact = Some(impact(&a, &b, dir)?);
    }
    Ok(d)
}
