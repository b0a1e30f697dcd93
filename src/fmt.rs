//! Syntax tree → text: the one canonical layout of a rule file, for `rules fmt`,
//! and the printed form of expressions that `rules diff` compares.
//!
//! The layout is the one the shipped files were written in: the header attributes in
//! a fixed order with their values in one column, one attribute per line, a blank line
//! between items, `dokumentation """` blocks indented under their rule, and every
//! expression on one line with as few parentheses as the precedence of the Pratt
//! parser in `parse.rs` allows (`eller` < `och` < `inte` < comparisons and `i` <
//! `+`/`-`). Parentheses never change the syntax tree, so printing and re-parsing
//! gives the same tree, and formatting is idempotent.
//!
//! Comments are silent in the grammar, so they are collected from the text: every
//! `#` outside a string (string spans come from the tree) starts one. A comment on a
//! line of its own belongs to the item or attribute that follows it; a comment after
//! code on the same line belongs to the item or attribute it stands in. Each is
//! written on its own line just before what it belongs to. A blank line after a
//! comment between items is kept.

use std::fmt::Write;
use std::sync::Arc;

use crate::ast::*;
use crate::diag::{Diagnostic, Source};
use crate::parse;

/// Width of the key column of header and rule attributes (`författning`,
/// `allvarlighet`), so values line up as in the shipped files.
const HEADER_KEY: usize = 11;
const RULE_KEY: usize = 12;
/// A `lista` longer than this on one line is written one element per line.
const LIST_WIDTH: usize = 100;

/// Format one rule file. Fails only if the file does not parse.
pub fn format_source(source: &Arc<Source>) -> Result<String, Vec<Diagnostic>> {
    let file = parse::parse_file(source)?;
    Ok(format_file(&source.text, &file))
}

/// Format a parsed file; `text` is the text it was parsed from (for comments).
pub fn format_file(text: &str, file: &File) -> String {
    let mut strings = Vec::new();
    string_spans_file(file, &mut strings);
    let comments = collect_comments(text, &mut strings);
    let anchors = anchors(file);
    let mut p = Printer {
        out: String::new(),
        attached: attach(&comments, &anchors),
    };
    p.file(file);
    p.out
}

// ------------------------------------------------------------------ comments

/// A comment as written: `#` to the end of the line.
#[derive(Debug, Clone)]
struct Comment {
    start: usize,
    text: String,
    /// Nothing but whitespace before it on its line.
    own_line: bool,
    /// A blank line follows it before the next code or comment.
    blank_after: bool,
}

/// Every comment of the file, given the spans of all string literals and templates.
fn collect_comments(text: &str, strings: &mut [Span]) -> Vec<Comment> {
    strings.sort_by_key(|s| s.start);
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut next_string = 0;
    let mut i = 0;
    while i < bytes.len() {
        while next_string < strings.len() && strings[next_string].end <= i {
            next_string += 1;
        }
        if let Some(s) = strings.get(next_string) {
            if s.start <= i && i < s.end {
                i = s.end;
                continue;
            }
        }
        if bytes[i] == b'#' {
            let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let own_line = text[line_start..i].trim().is_empty();
            let rest = &text[end..];
            let next_code = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            let blank_after = rest[..next_code].matches('\n').count() >= 2;
            out.push(Comment {
                start: i,
                text: text[i..end].trim_end().to_string(),
                own_line,
                blank_after,
            });
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

/// What a comment can be attached to: a place the printer writes a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Header,
    HeaderAttr(usize),
    Item(usize),
    /// Attribute, row or list element `j` of item `i`.
    Part(usize, usize),
    End,
}

fn anchors(file: &File) -> Vec<(usize, Anchor)> {
    let mut out = vec![(file.header.id.span.start, Anchor::Header)];
    for (j, a) in file.header.attrs.iter().enumerate() {
        out.push((header_attr_span(a).start, Anchor::HeaderAttr(j)));
    }
    for (i, item) in file.items.iter().enumerate() {
        out.push((item_start(item), Anchor::Item(i)));
        let parts: Vec<usize> = match item {
            Item::Definition(_) => Vec::new(),
            Item::Tabell(t) => t.rows.iter().map(|r| r.2.start).collect(),
            Item::Lista(l) => l.items.iter().map(|e| e.span.start).collect(),
            Item::Regel(r) => r.attrs.iter().map(|a| regel_attr_span(a).start).collect(),
            Item::Justering(j) => j
                .attrs
                .iter()
                .map(|a| justering_attr_span(a).start)
                .collect(),
        };
        out.extend(
            parts
                .into_iter()
                .enumerate()
                .map(|(j, s)| (s, Anchor::Part(i, j))),
        );
    }
    out.sort_by_key(|a| a.0);
    out
}

/// Comments per anchor, in file order.
fn attach(comments: &[Comment], anchors: &[(usize, Anchor)]) -> Vec<(Anchor, Comment)> {
    let mut out = Vec::new();
    for c in comments {
        let anchor = if c.own_line {
            anchors
                .iter()
                .find(|(s, _)| *s >= c.start)
                .map_or(Anchor::End, |a| a.1)
        } else {
            anchors
                .iter()
                .rev()
                .find(|(s, _)| *s <= c.start)
                .or(anchors.first())
                .map_or(Anchor::End, |a| a.1)
        };
        out.push((anchor, c.clone()));
    }
    out
}

fn item_start(item: &Item) -> usize {
    match item {
        Item::Definition(d) => d.name.span.start,
        Item::Tabell(t) => t.name.span.start,
        Item::Lista(l) => l.span.start,
        Item::Regel(r) => r.span.start,
        Item::Justering(j) => j.span.start,
    }
}

fn header_attr_span(a: &HeaderAttr) -> Span {
    match a {
        HeaderAttr::Titel(s) | HeaderAttr::Version(s) => s.span.clone(),
        HeaderAttr::Lag(_, sp) | HeaderAttr::Galler(_, sp) => sp.clone(),
        HeaderAttr::Giltig { span, .. } | HeaderAttr::Forfattning { span, .. } => span.clone(),
        HeaderAttr::Valjs(p) => p.span.clone(),
    }
}

fn regel_attr_span(a: &RegelAttr) -> Span {
    match a {
        RegelAttr::Kategori(i) | RegelAttr::Allvarlighet(i) | RegelAttr::Plats(i) => i.span.clone(),
        RegelAttr::Grund(i, _) => i.span.clone(),
        RegelAttr::Lagrum(s) | RegelAttr::Dokumentation(s) => s.span.clone(),
        RegelAttr::Nar(e) | RegelAttr::Krav(e) => e.span.clone(),
        RegelAttr::Meddelande(t) | RegelAttr::Forklaring(t) => t.span.clone(),
        RegelAttr::EjKvitterbar(s) => s.clone(),
    }
}

fn justering_attr_span(a: &JusteringAttr) -> Span {
    match a {
        JusteringAttr::Allvarlighet(i) => i.span.clone(),
        JusteringAttr::StangAv(s) => s.clone(),
        JusteringAttr::Skal(s) => s.span.clone(),
    }
}

// -------------------------------------------------------------- string spans

fn string_spans_file(file: &File, out: &mut Vec<Span>) {
    for a in &file.header.attrs {
        match a {
            HeaderAttr::Titel(s) | HeaderAttr::Version(s) => out.push(s.span.clone()),
            HeaderAttr::Forfattning { sfs, andrad, .. } => {
                out.push(sfs.span.clone());
                if let Some(a) = andrad {
                    out.push(a.span.clone());
                }
            }
            _ => {}
        }
    }
    for item in &file.items {
        match item {
            Item::Definition(d) => string_spans_expr(&d.expr, out),
            Item::Tabell(t) => {
                if let Some(d) = &t.doc {
                    out.push(d.span.clone());
                }
                for r in &t.rows {
                    string_spans_expr(&r.1, out);
                }
            }
            Item::Lista(l) => l.items.iter().for_each(|e| string_spans_expr(e, out)),
            Item::Regel(r) => {
                for a in &r.attrs {
                    match a {
                        RegelAttr::Lagrum(s) | RegelAttr::Dokumentation(s) => {
                            out.push(s.span.clone())
                        }
                        RegelAttr::Grund(_, Some(s)) => out.push(s.span.clone()),
                        RegelAttr::Nar(e) | RegelAttr::Krav(e) => string_spans_expr(e, out),
                        // A template's span covers its holes and the strings in them.
                        RegelAttr::Meddelande(t) | RegelAttr::Forklaring(t) => {
                            out.push(t.span.clone())
                        }
                        _ => {}
                    }
                }
            }
            Item::Justering(j) => {
                for a in &j.attrs {
                    if let JusteringAttr::Skal(s) = a {
                        out.push(s.span.clone());
                    }
                }
            }
        }
    }
}

fn string_spans_expr(e: &Expr, out: &mut Vec<Span>) {
    match &e.kind {
        ExprKind::Text(_) => out.push(e.span.clone()),
        ExprKind::List(items) => items.iter().for_each(|i| string_spans_expr(i, out)),
        ExprKind::Call(_, args) => args.iter().for_each(|i| string_spans_expr(i, out)),
        ExprKind::Not(i) => string_spans_expr(i, out),
        ExprKind::Binary(_, l, r) => {
            string_spans_expr(l, out);
            string_spans_expr(r, out);
        }
        ExprKind::Quant { cond: Some(c), .. } => string_spans_expr(c, out),
        ExprKind::Summa { term, cond, .. } => {
            string_spans_expr(term, out);
            if let Some(c) = cond {
                string_spans_expr(c, out);
            }
        }
        _ => {}
    }
}

// ------------------------------------------------------------------ printing

struct Printer {
    out: String,
    attached: Vec<(Anchor, Comment)>,
}

impl Printer {
    /// Write the comments attached to `anchor` at `indent`; `blank` keeps a blank
    /// line written after a comment (only between items).
    fn comments(&mut self, anchor: Anchor, indent: &str, blank: bool) {
        for (a, c) in &self.attached {
            if *a == anchor {
                let _ = writeln!(self.out, "{indent}{}", c.text);
                if blank && c.blank_after && c.own_line {
                    self.out.push('\n');
                }
            }
        }
    }

    fn file(&mut self, file: &File) {
        self.comments(Anchor::Header, "", true);
        self.header(&file.header);
        for (i, item) in file.items.iter().enumerate() {
            self.out.push('\n');
            self.comments(Anchor::Item(i), "", true);
            self.item(i, item);
        }
        if self.attached.iter().any(|(a, _)| *a == Anchor::End) {
            self.out.push('\n');
            self.comments(Anchor::End, "", false);
        }
    }

    fn header(&mut self, h: &Header) {
        if h.library {
            let _ = write!(self.out, "bibliotek {}", h.id.name);
            for a in &h.attrs {
                if let HeaderAttr::Titel(s) = a {
                    let _ = write!(self.out, " {}", string(&s.value));
                }
            }
            self.out.push('\n');
            for j in 0..h.attrs.len() {
                self.comments(Anchor::HeaderAttr(j), "  ", false);
            }
            return;
        }
        let _ = writeln!(self.out, "regelverk {}", h.id.name);
        let mut order: Vec<usize> = (0..h.attrs.len()).collect();
        order.sort_by_key(|&j| header_rank(&h.attrs[j]));
        for j in order {
            self.comments(Anchor::HeaderAttr(j), "  ", false);
            let (key, value) = header_attr(&h.attrs[j]);
            let _ = writeln!(self.out, "  {key:<HEADER_KEY$} {value}");
        }
    }

    fn item(&mut self, i: usize, item: &Item) {
        match item {
            Item::Definition(d) => {
                let _ = writeln!(
                    self.out,
                    "definition {} = {}",
                    d.name.name,
                    expr_to_string(&d.expr)
                );
            }
            Item::Tabell(t) => {
                let _ = write!(self.out, "tabell {}", t.name.name);
                if let Some(d) = &t.doc {
                    let _ = write!(self.out, " {}", string(&d.value));
                }
                self.out.push('\n');
                for (j, (date, value, _)) in t.rows.iter().enumerate() {
                    self.comments(Anchor::Part(i, j), "  ", false);
                    let _ = writeln!(
                        self.out,
                        "  från {} gäller {}",
                        date.format("%Y-%m-%d"),
                        expr_to_string(value)
                    );
                }
            }
            Item::Lista(l) => {
                let items: Vec<String> = l.items.iter().map(expr_to_string).collect();
                let one_line = format!("lista {} = [{}]", l.name.name, items.join(", "));
                let has_comments = self
                    .attached
                    .iter()
                    .any(|(a, _)| matches!(a, Anchor::Part(x, _) if *x == i));
                if one_line.chars().count() <= LIST_WIDTH && !has_comments {
                    let _ = writeln!(self.out, "{one_line}");
                } else {
                    let _ = writeln!(self.out, "lista {} = [", l.name.name);
                    for (j, s) in items.iter().enumerate() {
                        self.comments(Anchor::Part(i, j), "  ", false);
                        let _ = writeln!(self.out, "  {s},");
                    }
                    self.out.push_str("]\n");
                }
            }
            Item::Regel(r) => {
                let _ = writeln!(self.out, "regel {}", r.name.name);
                let mut order: Vec<usize> = (0..r.attrs.len()).collect();
                order.sort_by_key(|&j| regel_rank(&r.attrs[j]));
                for j in order {
                    self.comments(Anchor::Part(i, j), "  ", false);
                    self.regel_attr(&r.attrs[j]);
                }
            }
            Item::Justering(jst) => {
                let _ = writeln!(self.out, "justera {}", jst.rule.name);
                let mut order: Vec<usize> = (0..jst.attrs.len()).collect();
                order.sort_by_key(|&j| match jst.attrs[j] {
                    JusteringAttr::Allvarlighet(_) => 0,
                    JusteringAttr::StangAv(_) => 1,
                    JusteringAttr::Skal(_) => 2,
                });
                for j in order {
                    self.comments(Anchor::Part(i, j), "  ", false);
                    match &jst.attrs[j] {
                        JusteringAttr::Allvarlighet(s) => {
                            let _ =
                                writeln!(self.out, "  {:<RULE_KEY$} {}", "allvarlighet", s.name);
                        }
                        JusteringAttr::StangAv(_) => self.out.push_str("  stäng av\n"),
                        JusteringAttr::Skal(s) => {
                            let _ =
                                writeln!(self.out, "  {:<RULE_KEY$} {}", "skäl", string(&s.value));
                        }
                    }
                }
            }
        }
    }

    fn regel_attr(&mut self, a: &RegelAttr) {
        let line = |key: &str, value: String| format!("  {key:<RULE_KEY$} {value}\n");
        let text = match a {
            RegelAttr::Kategori(i) => line("kategori", i.name.clone()),
            RegelAttr::Allvarlighet(i) => line("allvarlighet", i.name.clone()),
            RegelAttr::Lagrum(s) => line("lagrum", string(&s.value)),
            RegelAttr::Grund(k, src) => line(
                "grund",
                match src {
                    Some(s) => format!("{} {}", k.name, string(&s.value)),
                    None => k.name.clone(),
                },
            ),
            RegelAttr::Nar(e) => line("när", expr_to_string(e)),
            RegelAttr::Krav(e) => line("kräv", expr_to_string(e)),
            RegelAttr::Plats(p) => line("plats", p.name.clone()),
            RegelAttr::Meddelande(t) => line("meddelande", template_to_string(t)),
            RegelAttr::Forklaring(t) => line("förklaring", template_to_string(t)),
            RegelAttr::EjKvitterbar(_) => "  kan inte kvitteras\n".to_string(),
            RegelAttr::Dokumentation(s) => line("dokumentation", long_string(&s.value, "  ")),
        };
        self.out.push_str(&text);
    }
}

fn header_rank(a: &HeaderAttr) -> u8 {
    match a {
        HeaderAttr::Titel(_) => 0,
        HeaderAttr::Lag(..) => 1,
        HeaderAttr::Version(_) => 2,
        HeaderAttr::Giltig { .. } => 3,
        HeaderAttr::Forfattning { .. } => 4,
        HeaderAttr::Valjs(_) => 5,
        HeaderAttr::Galler(..) => 6,
    }
}

/// Rule attributes in the order of the grammar, which is the order a rule is read in:
/// what kind of finding, on what basis, when, what is required, what is said.
fn regel_rank(a: &RegelAttr) -> u8 {
    match a {
        RegelAttr::Kategori(_) => 0,
        RegelAttr::Allvarlighet(_) => 1,
        RegelAttr::Lagrum(_) => 2,
        RegelAttr::Grund(..) => 3,
        RegelAttr::Nar(_) => 4,
        RegelAttr::Krav(_) => 5,
        RegelAttr::Plats(_) => 6,
        RegelAttr::Meddelande(_) => 7,
        RegelAttr::Forklaring(_) => 8,
        RegelAttr::EjKvitterbar(_) => 9,
        RegelAttr::Dokumentation(_) => 10,
    }
}

pub(crate) fn header_attr(a: &HeaderAttr) -> (&'static str, String) {
    match a {
        HeaderAttr::Titel(s) => ("titel", string(&s.value)),
        HeaderAttr::Lag(laws, _) => (
            "lag",
            laws.iter()
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        HeaderAttr::Version(s) => ("version", string(&s.value)),
        HeaderAttr::Giltig { from, to, .. } => (
            "giltig från",
            match to {
                Some((t, _)) => format!(
                    "{} till {}",
                    from.0.format("%Y-%m-%d"),
                    t.format("%Y-%m-%d")
                ),
                None => from.0.format("%Y-%m-%d").to_string(),
            },
        ),
        HeaderAttr::Forfattning { sfs, andrad, .. } => (
            "författning",
            match andrad {
                Some(a) => format!("{} ändrad {}", string(&sfs.value), string(&a.value)),
                None => string(&sfs.value),
            },
        ),
        HeaderAttr::Valjs(p) => ("väljs av", p.name.clone()),
        HeaderAttr::Galler(scope, _) => (
            "gäller",
            match scope {
                Scope::Insats(ids) => format!(
                    "insats {}",
                    ids.iter()
                        .map(|i| i.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                Scope::VarjeBeslut => "varje beslut".into(),
                Scope::Arendet => "ärendet".into(),
            },
        ),
    }
}

/// A short string literal with its escapes.
pub fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A `"""` block whose closing quotes stand at `indent` and whose lines are indented
/// two more. Falls back to a short string if the block would not read back as the
/// same text (the parser drops common indentation and blank first and last lines).
fn long_string(value: &str, indent: &str) -> String {
    if value.contains("\"\"\"") || parse::dedent(value) != value || value.is_empty() {
        return string(value);
    }
    let mut out = String::from("\"\"\"\n");
    for line in value.lines() {
        if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}  {line}");
        }
    }
    let _ = write!(out, "{indent}\"\"\"");
    out
}

/// A message template: text with `{` `}` doubled, holes as `{expression}`.
pub fn template_to_string(t: &Template) -> String {
    let mut out = String::from("\"");
    for part in &t.parts {
        match part {
            TemplatePart::Text(s) => {
                let escaped = string(s);
                let inner = &escaped[1..escaped.len() - 1];
                out.push_str(&inner.replace('{', "{{").replace('}', "}}"));
            }
            TemplatePart::Hole(e) => {
                out.push('{');
                out.push_str(&expr_to_string(e));
                out.push('}');
            }
        }
    }
    out.push('"');
    out
}

// --------------------------------------------------------------- expressions

/// Binding strength of an expression at its top, as in the Pratt parser; operands
/// bind tightest.
fn prec(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary(op, ..) => binop_prec(*op),
        ExprKind::Not(_) => 3,
        _ => 6,
    }
}

fn binop_prec(op: BinOp) -> u8 {
    match op {
        BinOp::Or => 1,
        BinOp::And => 2,
        BinOp::Eq
        | BinOp::Ne
        | BinOp::Lt
        | BinOp::Le
        | BinOp::Gt
        | BinOp::Ge
        | BinOp::In
        | BinOp::NotIn => 4,
        BinOp::Add | BinOp::Sub => 5,
    }
}

/// Does the expression end in a `där`/`uppfyller` condition, which would swallow
/// whatever operator followed it?
fn open_ended(e: &Expr) -> bool {
    matches!(
        &e.kind,
        ExprKind::Quant { cond: Some(_), .. } | ExprKind::Summa { cond: Some(_), .. }
    )
}

/// An expression on one line, with the parentheses its tree needs and no others.
pub fn expr_to_string(e: &Expr) -> String {
    let mut out = String::new();
    expr(e, true, &mut out);
    out
}

/// `tail`: nothing of the enclosing expression follows this one.
fn expr(e: &Expr, tail: bool, out: &mut String) {
    match &e.kind {
        ExprKind::Path(segs) => out.push_str(&join_path(segs)),
        ExprKind::Text(s) => out.push_str(&string(s)),
        ExprKind::Num(n) => {
            let _ = write!(out, "{n}");
        }
        ExprKind::Bool(b) => out.push_str(if *b { "sant" } else { "falskt" }),
        ExprKind::Date(d) => {
            let _ = write!(out, "{}", d.format("%Y-%m-%d"));
        }
        ExprKind::Duration(n, u) => {
            let unit = match (u, *n == 1) {
                (Unit::Dagar, true) => "dag",
                (Unit::Dagar, false) => "dagar",
                (Unit::Veckor, true) => "vecka",
                (Unit::Veckor, false) => "veckor",
                (Unit::Manader, true) => "månad",
                (Unit::Manader, false) => "månader",
                (Unit::Ar, _) => "år",
            };
            let _ = write!(out, "{n} {unit}");
        }
        ExprKind::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(item, true, out);
            }
            out.push(']');
        }
        ExprKind::Call(name, args) => {
            out.push_str(&name.name);
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                expr(a, true, out);
            }
            out.push(')');
        }
        ExprKind::Not(inner) => {
            out.push_str("inte ");
            // `inte` binds looser than comparisons, tighter than `och`; a reader
            // should not need to know that, so any operator under it is bracketed.
            let bracket = matches!(inner.kind, ExprKind::Binary(..));
            child(inner, bracket || prec(inner) < 3, tail, out);
        }
        ExprKind::Binary(op, l, r) => {
            let p = binop_prec(*op);
            // `och` under `eller` is always bracketed, so a supervisor reading the rule
            // aloud does not have to know which binds tighter.
            let mixed =
                |e: &Expr| *op == BinOp::Or && matches!(e.kind, ExprKind::Binary(BinOp::And, ..));
            // Left-associative: equal precedence on the right needs parentheses.
            child(l, mixed(l) || prec(l) < p, false, out);
            let _ = write!(out, " {} ", op.as_str());
            child(r, mixed(r) || prec(r) <= p, tail, out);
        }
        ExprKind::Quant {
            kind,
            var,
            list,
            cond,
            ..
        } => {
            let kw = match kind {
                QuantKind::Nagot => "något",
                QuantKind::Varje => "varje",
                QuantKind::Antal => "antal",
            };
            let _ = write!(out, "{kw} {} i {}", var.name, join_path(list));
            if let Some(c) = cond {
                let sep = if *kind == QuantKind::Varje {
                    "uppfyller"
                } else {
                    "där"
                };
                let _ = write!(out, " {sep} ");
                expr(c, true, out);
            }
        }
        ExprKind::Summa {
            term,
            var,
            list,
            cond,
            ..
        } => {
            out.push_str("summa ");
            expr(term, false, out);
            let _ = write!(out, " för {} i {}", var.name, join_path(list));
            if let Some(c) = cond {
                out.push_str(" där ");
                expr(c, true, out);
            }
        }
    }
}

fn child(e: &Expr, by_precedence: bool, tail: bool, out: &mut String) {
    if by_precedence || (!tail && open_ended(e)) {
        out.push('(');
        expr(e, true, out);
        out.push(')');
    } else {
        expr(e, tail, out);
    }
}

fn join_path(segs: &[Ident]) -> String {
    segs.iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(text: &str) -> String {
        let src = Source::new("t.regler", text);
        format_source(&src).unwrap_or_else(|d| panic!("{}", crate::diag::render_all(&d)))
    }

    const HEAD: &str = "regelverk t.x\n  titel       \"T\"\n  lag         LSS\n  version     \"1\"\n  giltig från 2020-01-01\n  gäller      varje beslut\n";

    fn def(e: &str) -> String {
        let out = fmt(&format!("{HEAD}\ndefinition x = {e}\n"));
        out.lines()
            .find_map(|l| l.strip_prefix("definition x = "))
            .unwrap()
            .to_string()
    }

    #[test]
    fn parentheses_only_where_the_tree_needs_them() {
        assert_eq!(def("(a eller b) och c"), "(a eller b) och c");
        assert_eq!(def("a eller (b och c)"), "a eller (b och c)");
        assert_eq!(def("a eller b och c"), "a eller (b och c)");
        assert_eq!(def("inte (a och b)"), "inte (a och b)");
        assert_eq!(def("inte (a = b)"), "inte (a = b)");
        assert_eq!(def("(inte a) och b"), "inte a och b");
        assert_eq!(def("a - (b - c)"), "a - (b - c)");
        assert_eq!(def("(a - b) - c"), "a - b - c");
        assert_eq!(def("(a + 1) > 2"), "a + 1 > 2");
        assert_eq!(def("a och (b och c)"), "a och (b och c)");
    }

    #[test]
    fn open_quantifiers_are_closed_when_something_follows() {
        assert_eq!(
            def("(något u i underlag där u.typ = \"x\") och b"),
            "(något u i underlag där u.typ = \"x\") och b"
        );
        assert_eq!(
            def("b eller något u i underlag där u.typ = \"x\" och c"),
            "b eller något u i underlag där u.typ = \"x\" och c"
        );
        assert_eq!(
            def("(antal u i underlag där u.typ = \"x\") > 0"),
            "(antal u i underlag där u.typ = \"x\") > 0"
        );
        assert_eq!(def("antal u i underlag > 0"), "antal u i underlag > 0");
    }

    #[test]
    fn layout_of_a_rule_with_comments() {
        let text = "# Fil\n\nregelverk t.x gäller varje beslut titel \"T\" # om titeln\n lag LSS version \"1\" giltig från 2020-01-01\n\n\n\
                    # Om regeln\nregel r kräv finns(beslut.mal) # varför\n kategori beslut\n  # före meddelandet\n meddelande \"A {{x}} {beslut.mal}\" allvarlighet varning lagrum \"1 § LSS\"\n dokumentation \"\"\"\n        rad\n          indrag\n  \"\"\"\n# sist\n";
        let once = fmt(text);
        assert_eq!(
            once,
            "# Fil\n\nregelverk t.x\n  # om titeln\n  titel       \"T\"\n  lag         LSS\n  version     \"1\"\n  giltig från 2020-01-01\n  gäller      varje beslut\n\n\
             # Om regeln\nregel r\n  kategori     beslut\n  allvarlighet varning\n  lagrum       \"1 § LSS\"\n  # varför\n  kräv         finns(beslut.mal)\n  # före meddelandet\n  meddelande   \"A {{x}} {beslut.mal}\"\n  dokumentation \"\"\"\n    rad\n      indrag\n  \"\"\"\n\n# sist\n"
        );
        assert_eq!(fmt(&once), once);
    }

    #[test]
    fn hash_inside_strings_and_templates_is_not_a_comment() {
        let text = format!(
            "{HEAD}\nregel r\n  lagrum \"# 1\"\n  meddelande \"a {{nämner(beslut.mal, [\"#x\"])}} #b\"\n"
        );
        let out = fmt(&text);
        assert!(!out.contains("\n  #"), "{out}");
        assert!(
            out.contains("\"a {nämner(beslut.mal, [\"#x\"])} #b\""),
            "{out}"
        );
    }

    /// Formatting must not change what a condition means: the checked expression of
    /// the original and of the formatted text are the same.
    #[test]
    fn tricky_conditions_keep_their_tree() {
        let cases = [
            "inte finns(beslut.mal) = sant",
            "(inte finns(beslut.mal)) = sant",
            "finns(beslut.mal) = (inte finns(beslut.lagrum))",
            "(inte något u i underlag där u.typ = \"a\") och finns(beslut.mal)",
            "något u i underlag där u.typ = \"a\" eller finns(beslut.mal)",
            "(summa b.timmar_per_vecka för b i utredning.behov där b.grundlaggande) > 20 och finns(beslut.mal)",
            "varje k i utredning.kontakter uppfyller (\"sokande\" i k.med eller finns(k.form)) och finns(beslut.mal)",
            "((beslut.datum - 6 månader) >= ansokan.datum - (1 år))",
            "inte inte finns(beslut.mal) eller (finns(beslut.lagrum) och (finns(beslut.mal) eller finns(beslut.motivering)))",
        ];
        for cond in cases {
            let text = format!("{HEAD}\nregel r\n  kategori beslut\n  allvarlighet varning\n  lagrum \"x\"\n  kräv {cond}\n  meddelande \"{{antal u i underlag där u.typ = \"a\"}} st\"\n");
            let model = |t: &str| {
                let (inputs, errors) =
                    crate::engine::parse_sources(vec![Source::new("t.regler", t)], Vec::new());
                assert!(
                    errors.is_empty(),
                    "{cond}: {}",
                    crate::diag::render_all(&errors)
                );
                let (base, _) = crate::check::check(&inputs)
                    .unwrap_or_else(|e| panic!("{cond}: {}", crate::diag::render_all(&e)));
                let rule = &base.sets[0].rules[0];
                format!("{:?} {:?}", rule.require, rule.message)
            };
            let formatted = fmt(&text);
            assert_eq!(model(&text), model(&formatted), "{cond}\n{formatted}");
            assert_eq!(fmt(&formatted), formatted);
        }
    }

    #[test]
    fn long_lists_one_element_per_line() {
        let short = fmt(&format!("{HEAD}\nlista l = [\n \"a\",\n \"b\"]\n"));
        assert!(short.contains("lista l = [\"a\", \"b\"]\n"), "{short}");
        let long = format!("{HEAD}\nlista l = [\"{}\", \"b\"]\n", "x".repeat(100));
        assert!(fmt(&long).contains("lista l = [\n  \"xxx"));
    }
}
