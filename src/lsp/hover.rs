//! Hover: a case path's type and Swedish doc, a function's signature, a definition's,
//! list's or table's text, a `lagrum`'s register entries and status, and a rule's
//! lint page (what `beslutskoll explain` prints) over its name.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::definition::{self, Kind, Symbol};
use super::names;
use super::text;
use super::workspace::Analysis;
use crate::ast::RegelAttr;
use crate::lagrum::{self, Status};
use crate::model::Func;

fn markdown(value: String, range: Option<lsp_types::Range>) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range,
    }
}

fn code(text: &str) -> String {
    format!("```regler\n{}\n```", text.trim_end())
}

/// The hover at a byte offset of a rule file or rule test.
pub fn hover(a: &Analysis, text: &str, offset: usize, rule_test: bool) -> Option<Hover> {
    if !rule_test {
        if let Some(h) = lagrum_hover(text, offset) {
            return Some(h);
        }
        if names::in_comment(text, offset) || names::in_string(text, offset) {
            return None;
        }
    }
    let word = names::word_at(text, offset)?;
    let range = Some(text::range(text, &word.span));
    let syms = definition::symbols(a);
    if let Some(s) = definition::lookup(&syms, text, &word) {
        if s.kind == Kind::Regel {
            return Some(markdown(rule_page(a, s), range));
        }
        if !rule_test {
            return Some(markdown(code(s.text()), range));
        }
    }
    if rule_test {
        return None;
    }
    let after = text[word.span.end..].trim_start_matches([' ', '\t']);
    if after.starts_with('(') && word.segment == 0 && !word.text.contains('.') {
        let (_, _, sig) = Func::ALL.iter().find(|(n, _, _)| *n == word.text)?;
        return Some(markdown(format!("```regler\n{sig}\n```\nfunktion"), range));
    }
    let segs = word.upto_cursor();
    let binds = names::bindings(text, word.span.start);
    let r = names::resolve(&segs, names::per_decision(text), &binds)?;
    Some(markdown(
        format!("**{}**: {}\n\n{}", segs.join("."), r.type_name(), r.doc),
        range,
    ))
}

/// A rule's lint page: `explain`'s text when the folder checks, else the page as
/// the rule's own attributes give it.
fn rule_page(a: &Analysis, s: &Symbol) -> String {
    if let Some(page) = a
        .reviewed
        .rules
        .as_ref()
        .and_then(|base| crate::rule_page::explain(base, &s.name))
    {
        return format!("```text\n{}\n```", page.trim_end());
    }
    let mut out = format!("**{}**\n\n", s.name);
    let rule = a
        .reviewed
        .inputs
        .iter()
        .filter(|i| i.source.name == s.source.name)
        .flat_map(|i| &i.file.items)
        .find_map(|item| match item {
            crate::ast::Item::Regel(r) if r.name.span == s.name_span => Some(r),
            _ => None,
        });
    if let Some(r) = rule {
        for attr in &r.attrs {
            match attr {
                RegelAttr::Lagrum(l) => out.push_str(&format!("Lagrum: {}\n\n", l.value)),
                RegelAttr::Allvarlighet(v) => {
                    out.push_str(&format!("Allvarlighet: {}\n\n", v.name))
                }
                _ => {}
            }
        }
        if let Some(doc) = r.attrs.iter().find_map(|a| match a {
            RegelAttr::Dokumentation(d) => Some(&d.value),
            _ => None,
        }) {
            out.push_str(&format!("{}\n\n", doc.trim()));
        }
    }
    out.push_str(&code(s.text()));
    out
}

/// Over the text of `lagrum "..."`: each provision it cites, as the register has it.
fn lagrum_hover(text: &str, offset: usize) -> Option<Hover> {
    let (line_start, line) = names::line_at(text, offset);
    let head = line.trim_start();
    let rest = head.strip_prefix("lagrum")?;
    let open = line_start + (line.len() - rest.len()) + rest.find('"')?;
    let close = open + 1 + text[open + 1..line_start + line.len()].find('"')?;
    if offset <= open || offset > close {
        return None;
    }
    let cited = &text[open + 1..close];
    let reg = lagrum::register();
    let mut out = Vec::new();
    for c in reg.parse(cited) {
        let entries = reg.entries_for(&c);
        if entries.is_empty() {
            if c.paragraf.is_some() || c.kapitel.is_some() {
                out.push(format!(
                    "**{}**: finns inte i lagrumsregistret (rules/lagrum.yaml)",
                    c.render()
                ));
            }
            continue;
        }
        for e in entries {
            out.push(entry_text(reg, e));
        }
    }
    if out.is_empty() {
        out.push(format!(
            "`{cited}` anger ingen bestämmelse som registret känner"
        ));
    }
    Some(markdown(
        out.join("\n\n---\n\n"),
        Some(text::range(text, &(open..close + 1))),
    ))
}

fn entry_text(reg: &lagrum::Register, e: &lagrum::Entry) -> String {
    let law = &reg.laws[e.law];
    let status = match e.status {
        Status::V => "V: bekräftad i domänunderlaget",
        Status::S => "S: bara i en sekundär källa (högst varning)",
        Status::Unverified => "UNVERIFIED: inte bekräftad, får inte presenteras som lag",
    };
    let mut out = format!(
        "**{}** ({})\n\n{}\n\nStatus: {status}",
        reg.cite(e),
        law.sfs,
        e.om
    );
    let from = e.giltig_fran.or(law.giltig_fran);
    let to = e.giltig_till.or(law.giltig_till);
    match (from, to) {
        (Some(f), Some(t)) => out.push_str(&format!("\n\nGäller {f} – {t}")),
        (Some(f), None) => out.push_str(&format!("\n\nGäller från {f}")),
        (None, Some(t)) => out.push_str(&format!("\n\nGäller till {t}")),
        (None, None) => {}
    }
    if !e.ersatts_av.is_empty() {
        let by: Vec<String> = e.ersatts_av.iter().map(|c| c.render()).collect();
        out.push_str(&format!("\n\nErsatt av: {}", by.join(", ")));
    }
    if !e.insatser.is_empty() {
        out.push_str(&format!("\n\nGrund för: {}", e.insatser.join(", ")));
    }
    if let Some(k) = &e.kalla {
        out.push_str(&format!("\n\nKälla: {k}"));
    }
    out
}
