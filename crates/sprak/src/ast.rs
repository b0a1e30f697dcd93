//! The syntax tree of a rule file: plain types, each node with the byte span it came
//! from so that the checker can point at it. Built by `parse.rs`, consumed by
//! `check.rs`; nothing here knows about pest or about the case model.
//!
//! Attributes are kept as they were written (a list, possibly with duplicates or
//! gaps) because "a rule without lagrum" or "two `allvarlighet`" are the checker's
//! errors to report with a caret, not the parser's.

use std::ops::Range;

use chrono::NaiveDate;

pub type Span = Range<usize>;

/// A name with its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

impl Ident {
    /// A dotted name (`sokande.fodelsedatum`) as its segments, each with its own span.
    pub fn segments(&self) -> Vec<Ident> {
        let mut out = Vec::new();
        let mut offset = self.span.start;
        for seg in self.name.split('.') {
            out.push(Ident {
                name: seg.to_string(),
                span: offset..offset + seg.len(),
            });
            offset += seg.len() + 1;
        }
        out
    }
}

/// One rule file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub header: Header,
    pub items: Vec<Item>,
}

/// `regelverk ID` and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// True for `bibliotek`: shared definitions, tables and lists, no rules.
    pub library: bool,
    pub id: Ident,
    pub attrs: Vec<HeaderAttr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum HeaderAttr {
    /// `titel "..."`
    Titel(Str),
    /// `lag LSS, SoL`
    Lag(Vec<Ident>, Span),
    /// `version "2026.1"`
    Version(Str),
    /// `giltig från D [till D]`
    Giltig {
        from: (NaiveDate, Span),
        to: Option<(NaiveDate, Span)>,
        span: Span,
    },
    /// `författning "SFS 1993:387" [ändrad "SFS ..."]`
    Forfattning {
        sfs: Str,
        andrad: Option<Str>,
        span: Span,
    },
    /// `väljs av PATH`
    Valjs(Ident),
    /// `gäller ...`
    Galler(Scope, Span),
}

/// Which part of a case a rule set is evaluated against.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    /// `gäller insats a, b`: once per decision on one of these insatser.
    Insats(Vec<Ident>),
    /// `gäller varje beslut`: once per decision, whatever the insats.
    VarjeBeslut,
    /// `gäller ärendet`: once per case.
    Arendet,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Definition(Definition),
    Tabell(Tabell),
    Lista(Lista),
    Regel(Regel),
    Justering(Justering),
}

/// `definition NAME = EXPR`
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub name: Ident,
    pub expr: Expr,
}

/// `tabell NAME ["beskrivning"] från D gäller V ...`
#[derive(Debug, Clone, PartialEq)]
pub struct Tabell {
    pub name: Ident,
    pub doc: Option<Str>,
    pub rows: Vec<(NaiveDate, Expr, Span)>,
}

/// `lista NAME = [...]`
#[derive(Debug, Clone, PartialEq)]
pub struct Lista {
    pub name: Ident,
    pub items: Vec<Expr>,
    pub span: Span,
}

/// `regel NAME` and its attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Regel {
    pub name: Ident,
    pub attrs: Vec<RegelAttr>,
    /// The whole rule as written, for `explain`.
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RegelAttr {
    Kategori(Ident),
    Allvarlighet(Ident),
    Lagrum(Str),
    /// `grund lag|praxis|riktlinje ["källa"]`
    Grund(Ident, Option<Str>),
    Nar(Expr),
    Krav(Expr),
    Plats(Ident),
    Meddelande(Template),
    Forklaring(Template),
    EjKvitterbar(Span),
    Dokumentation(Str),
}

/// `justera RULE_ID [allvarlighet X] [stäng av] [skäl "..."]`
#[derive(Debug, Clone, PartialEq)]
pub struct Justering {
    pub rule: Ident,
    pub attrs: Vec<JusteringAttr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum JusteringAttr {
    Allvarlighet(Ident),
    StangAv(Span),
    Skal(Str),
}

/// A string literal, escapes resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Str {
    pub value: String,
    pub span: Span,
}

/// A message with `{expr}` holes.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Text(String),
    Hole(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
    Add,
    Sub,
}

impl BinOp {
    pub fn as_str(self) -> &'static str {
        match self {
            BinOp::Or => "eller",
            BinOp::And => "och",
            BinOp::Eq => "=",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::In => "i",
            BinOp::NotIn => "inte i",
            BinOp::Add => "+",
            BinOp::Sub => "-",
        }
    }
}

/// Calendar units of a duration literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Unit {
    Dagar,
    Veckor,
    Manader,
    Ar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantKind {
    /// `något x i P där C`
    Nagot,
    /// `varje x i P uppfyller C`
    Varje,
    /// `antal x i P där C`
    Antal,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `sokande.namn`, `d.typ`, `barn`: resolved by the checker.
    Path(Vec<Ident>),
    Text(String),
    Num(f64),
    Bool(bool),
    Date(NaiveDate),
    /// `6 månader`
    Duration(i64, Unit),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `inte E`
    Not(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `f(a, b)`
    Call(Ident, Vec<Expr>),
    /// `något x i P där C`, `varje x i P uppfyller C`, `antal x i P där C`
    Quant {
        kind: QuantKind,
        var: Ident,
        list: Vec<Ident>,
        list_span: Span,
        cond: Option<Box<Expr>>,
    },
    /// `summa E för x i P där C`
    Summa {
        term: Box<Expr>,
        var: Ident,
        list: Vec<Ident>,
        list_span: Span,
        cond: Option<Box<Expr>>,
    },
}
