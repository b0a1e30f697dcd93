//! Completion: after a dot the fields of the record before it; after `gäller insats`
//! the insats ids; after `kategori` and `allvarlighet` their words; in a rule test and
//! after `justera` the rule ids; elsewhere the case's parts, the quantifier variables
//! in scope, the functions and the folder's definitions, lists and tables.

use lsp_types::{CompletionItem, CompletionItemKind, Documentation};

use super::definition::{self, Kind};
use super::names;
use super::workspace::Analysis;
use crate::model::Func;
use crate::schema;

fn item(
    label: &str,
    kind: CompletionItemKind,
    detail: String,
    doc: Option<String>,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: Some(detail),
        documentation: doc.map(Documentation::String),
        ..Default::default()
    }
}

fn words(list: &[&str], detail: &str) -> Vec<CompletionItem> {
    list.iter()
        .map(|w| item(w, CompletionItemKind::ENUM_MEMBER, detail.to_string(), None))
        .collect()
}

fn rule_ids(a: &Analysis) -> Vec<CompletionItem> {
    definition::symbols(a)
        .into_iter()
        .filter(|s| s.kind == Kind::Regel)
        .map(|s| item(&s.name, CompletionItemKind::REFERENCE, "regel".into(), None))
        .collect()
}

/// In a string compared with a field of fixed values (`beslut.insats = "`,
/// `beslut.utfall i ["avslag", "`): those values, insats ids among them.
fn enum_values(text: &str, offset: usize) -> Vec<CompletionItem> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(r#"([\p{L}_][\w.]*)\s*(?:(?:=|!=|≠)\s*|(?:inte\s+)?i\s+\[[^\]]*)"[^"]*$"#)
            .expect("regex")
    });
    let (line_start, line) = names::line_at(text, offset);
    let before = &line[..(offset - line_start).min(line.len())];
    let Some(c) = re.captures(before) else {
        return Vec::new();
    };
    let segs: Vec<&str> = c[1].split('.').collect();
    let binds = names::bindings(text, offset);
    let Some(r) = names::resolve(&segs, names::per_decision(text), &binds) else {
        return Vec::new();
    };
    let ty = match r.ty {
        schema::FieldTy::List(inner) => *inner,
        t => t,
    };
    match ty {
        schema::FieldTy::Enum(values) => words(values, r.doc),
        _ => Vec::new(),
    }
}

/// Completions at a byte offset.
pub fn complete(a: &Analysis, text: &str, offset: usize, rule_test: bool) -> Vec<CompletionItem> {
    if rule_test {
        return rule_ids(a);
    }
    if names::in_comment(text, offset) {
        return Vec::new();
    }
    if names::in_string(text, offset) {
        return enum_values(text, offset);
    }
    let (line_start, line) = names::line_at(text, offset);
    let before = &text[line_start..offset.max(line_start).min(line_start + line.len())];
    let head = before.trim_start();
    let attr_value = |kw: &str| {
        head.strip_prefix(kw)
            .is_some_and(|r| r.starts_with([' ', '\t']) && !r.trim().contains(' '))
    };
    if let Some(rest) = head.strip_prefix("gäller") {
        if rest.trim_start().starts_with("insats") {
            return words(schema::INSATS, "insats");
        }
        return words(&["insats", "varje beslut", "ärendet"], "gäller");
    }
    if attr_value("kategori") {
        return words(
            &[
                "förutsättningar",
                "utredning",
                "underlag",
                "beslut",
                "kopia",
            ],
            "kategori",
        );
    }
    if attr_value("allvarlighet") {
        return words(&["fel", "varning", "info"], "allvarlighet");
    }
    if attr_value("justera") {
        return rule_ids(a);
    }
    // The dotted name typed so far.
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| names::ident_char(c) || c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let typed = &before[start..];
    let binds = names::bindings(text, offset);
    if let Some(dot) = typed.rfind('.') {
        let segs: Vec<&str> = typed[..dot].split('.').collect();
        let Some(r) = names::resolve(&segs, names::per_decision(text), &binds) else {
            return Vec::new();
        };
        let Some(rec) = r.record() else {
            return Vec::new();
        };
        return rec
            .fields
            .iter()
            .map(|f| {
                item(
                    f.name,
                    CompletionItemKind::FIELD,
                    names::type_name(f.ty),
                    Some(f.doc.to_string()),
                )
            })
            .collect();
    }
    let mut out = Vec::new();
    let per_decision = names::per_decision(text);
    for f in schema::ROOT.fields {
        if per_decision && f.name == "beslut" {
            continue;
        }
        out.push(item(
            f.name,
            CompletionItemKind::FIELD,
            names::type_name(f.ty),
            Some(f.doc.to_string()),
        ));
    }
    if per_decision {
        for name in ["beslut", "sokt"] {
            if let Some(r) = names::resolve(&[name], true, &[]) {
                out.push(item(
                    name,
                    CompletionItemKind::FIELD,
                    r.type_name(),
                    Some(r.doc.to_string()),
                ));
            }
        }
    }
    for (var, list) in binds.iter().rev() {
        if out.iter().all(|i| &i.label != var) {
            out.push(item(
                var,
                CompletionItemKind::VARIABLE,
                format!("ett element i `{list}`"),
                None,
            ));
        }
    }
    for (name, _, sig) in Func::ALL {
        out.push(item(
            name,
            CompletionItemKind::FUNCTION,
            sig.to_string(),
            None,
        ));
    }
    for s in definition::symbols(a) {
        let kind = match s.kind {
            Kind::Definition => CompletionItemKind::CONSTANT,
            Kind::Lista => CompletionItemKind::ENUM,
            Kind::Tabell => CompletionItemKind::STRUCT,
            Kind::Regel => continue,
        };
        let detail = match s.kind {
            Kind::Definition => "definition",
            Kind::Lista => "lista",
            _ => "tabell",
        };
        out.push(item(
            &s.name,
            kind,
            detail.into(),
            Some(s.text().to_string()),
        ));
    }
    out
}
