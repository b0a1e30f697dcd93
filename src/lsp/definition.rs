//! The names a rule folder defines (definitions, lists, tables, rules), where they
//! are written, and "go to definition" for them.

use std::ops::Range;
use std::sync::Arc;

use lsp_types::Location;

use super::names::{self, Word};
use super::text;
use super::workspace::Analysis;
use crate::ast::{Item, Span};
use crate::diag::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Definition,
    Lista,
    Tabell,
    Regel,
}

/// One named item of a rule folder.
pub struct Symbol {
    pub kind: Kind,
    /// The name; for a rule its full id (`lss.barn.barnets_basta`).
    pub name: String,
    pub source: Arc<Source>,
    /// The name as written.
    pub name_span: Span,
    /// The whole item, from its keyword.
    pub item_span: Span,
}

impl Symbol {
    /// The item as written.
    pub fn text(&self) -> &str {
        &self.source.text[self.item_span.clone()]
    }
}

/// From the start of the line the name is on (past indentation) to `end`.
fn item_span(text: &str, name: &Range<usize>, end: usize) -> Span {
    let line_start = text[..name.start].rfind('\n').map_or(0, |i| i + 1);
    let indent = text[line_start..]
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .count();
    line_start + indent..end.max(name.end)
}

/// Every named item of the files that parsed.
pub fn symbols(a: &Analysis) -> Vec<Symbol> {
    let mut out = Vec::new();
    for input in &a.reviewed.inputs {
        let src = &input.source;
        let set = &input.file.header.id.name;
        for item in &input.file.items {
            let (kind, name, name_span, end) = match item {
                Item::Definition(d) => (
                    Kind::Definition,
                    d.name.name.clone(),
                    d.name.span.clone(),
                    d.expr.span.end,
                ),
                Item::Lista(l) => (
                    Kind::Lista,
                    l.name.name.clone(),
                    l.name.span.clone(),
                    l.span.end,
                ),
                Item::Tabell(t) => (
                    Kind::Tabell,
                    t.name.name.clone(),
                    t.name.span.clone(),
                    t.rows.last().map_or(t.name.span.end, |r| r.2.end),
                ),
                Item::Regel(r) => (
                    Kind::Regel,
                    format!("{set}.{}", r.name.name),
                    r.name.span.clone(),
                    r.span.end,
                ),
                Item::Justering(_) => continue,
            };
            out.push(Symbol {
                kind,
                item_span: item_span(&src.text, &name_span, end),
                name,
                source: Arc::clone(src),
                name_span,
            });
        }
    }
    out
}

/// The symbol a word names: a definition, list or table by a one-segment name, a
/// rule by its full id (after `justera`, in a rule test) or by its name after `regel`.
pub fn lookup<'a>(syms: &'a [Symbol], text: &str, word: &Word) -> Option<&'a Symbol> {
    let (_, line) = names::line_at(text, word.span.start);
    let head = line.trim_start();
    if head.starts_with("regel ") {
        let id = format!("{}.{}", names::set_id(text)?, word.text);
        return syms.iter().find(|s| s.kind == Kind::Regel && s.name == id);
    }
    if let Some(s) = syms
        .iter()
        .find(|s| s.kind == Kind::Regel && s.name == word.text)
    {
        return Some(s);
    }
    if word.segment != 0 {
        return None;
    }
    let first = word.segments()[0];
    syms.iter()
        .find(|s| s.kind != Kind::Regel && s.name == first)
}

/// Go to definition: where the definition, list, table or rule under the cursor is
/// written.
pub fn goto(a: &Analysis, text: &str, offset: usize) -> Option<Location> {
    if names::in_comment(text, offset) || names::in_string(text, offset) {
        return None;
    }
    let word = names::word_at(text, offset)?;
    let syms = symbols(a);
    let s = lookup(&syms, text, &word)?;
    let path = a.path_of(&s.source.name)?;
    Some(Location::new(
        text::path_to_uri(path)?,
        text::range(&s.source.text, &s.name_span),
    ))
}
