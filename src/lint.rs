//! Static checks for rule authors: `beslutskoll rules check`. Everything the
//! checker finds at load time (it stays the one source of load errors and of the
//! naming-scheme warnings), plus warnings for conditions whose value is known
//! before any case is read:
//!
//! - a `när` that is never true (the rule can never fire) or always true (it can go),
//! - a `kräv` that always holds (never fires) or never holds (always fires),
//! - a `när` that uses a definition which is always false,
//! - a definition that is always true or always false.
//!
//! What is decided, and nothing more: constant folding over literals (`1 > 2`,
//! `"a" i ["b"]`, `falskt och x`), definitions inlined by name, a comparison of an
//! expression with an identical one (`x = x`), and contradictions inside one chain of
//! `och` (or tautologies inside one chain of `eller`) between conditions on the
//! *same written expression*: `=`/`!=` a literal, `i`/`inte i` a literal list,
//! `<`, `<=`, `>`, `>=` a number or date, and `X` against `inte X`.
//!
//! What it cannot decide, and so never warns about: conditions that depend on the
//! case (field types and enum values are not used: `beslut.utfall i ["bifall"] och
//! beslut.utfall i ["avslag", "delvis_bifall"]` is found, but three `!=` covering
//! all values of a field are not), the same value written two ways (`barn` and
//! `ålder(...) < 18` are compared after inlining `barn`, but `alder_vid_beslut` and
//! `ålder(...)` are different texts), arithmetic on case values (`x + 1 > x`),
//! `nämner`, tables, quantifiers over case lists (except a `där` that is itself
//! constant), and sub-conditions that are dead inside a larger condition.
//!
//! Missing data: the evaluator turns a condition on data the case lacks into a
//! "could not be tried" finding. The warnings here describe cases where the data is
//! present; `x = x` is "always true" in that sense.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, Months, NaiveDate};

use crate::ast::{BinOp, Expr, ExprKind, Item, QuantKind, RegelAttr, Unit};
use crate::check::{self, Input};
use crate::diag::{Diagnostic, Level, Source};
use crate::engine;
use crate::fmt::expr_to_string;

/// What `rules check` reports: load errors and all warnings, in file order.
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Review {
    /// Every diagnostic, errors first, each group in file order.
    pub fn all(&self) -> Vec<Diagnostic> {
        self.errors.iter().chain(&self.warnings).cloned().collect()
    }

    /// `3 fel, 2 varningar`
    pub fn summary(&self) -> String {
        let w = self.warnings.len();
        format!(
            "{} fel, {w} {}",
            self.errors.len(),
            if w == 1 { "varning" } else { "varningar" }
        )
    }
}

/// Parse, check and lint national rule files with a local layer on top.
pub fn review(national: Vec<Arc<Source>>, local: Vec<Arc<Source>>) -> Review {
    review_full(national, local).review
}

/// [`review`] and what it was made from: the files that parsed and, when the checker
/// found no error, the rule base. The language server (`src/lsp/`) shows the review
/// and reads names and rule pages from the rest.
pub struct Reviewed {
    pub review: Review,
    pub inputs: Vec<Input>,
    pub rules: Option<crate::model::RuleBase>,
}

/// [`review`], keeping the parsed files and the rule base.
pub fn review_full(national: Vec<Arc<Source>>, local: Vec<Arc<Source>>) -> Reviewed {
    let (inputs, mut errors) = engine::parse_sources(national, local);
    let outcome = check::check_all(&inputs);
    errors.extend(outcome.errors);
    let mut warnings = outcome.warnings;
    warnings.extend(lint(&inputs));
    let key = |d: &Diagnostic| (d.source.name.clone(), d.span.start);
    errors.sort_by_key(key);
    warnings.sort_by_key(key);
    debug_assert!(warnings.iter().all(|d| d.level == Level::Warning));
    Reviewed {
        review: Review { errors, warnings },
        inputs,
        rules: outcome.rules,
    }
}

/// The warnings of the static checks (not the checker's) for parsed rule files.
pub fn lint(inputs: &[Input]) -> Vec<Diagnostic> {
    let mut defs: HashMap<&str, (&Expr, &Arc<Source>)> = HashMap::new();
    for input in inputs {
        for item in &input.file.items {
            if let Item::Definition(d) = item {
                defs.entry(d.name.name.as_str())
                    .or_insert((&d.expr, &input.source));
            }
        }
    }
    let cx = Folder { defs: &defs };
    let mut out = Vec::new();
    let mut near_lists = std::collections::HashSet::new();
    for input in inputs {
        for item in &input.file.items {
            match item {
                Item::Definition(d) => proximity_lists(&d.expr, &mut near_lists),
                Item::Regel(r) => {
                    for a in &r.attrs {
                        if let RegelAttr::Nar(e) | RegelAttr::Krav(e) = a {
                            proximity_lists(e, &mut near_lists);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for input in inputs {
        let src = &input.source;
        for item in &input.file.items {
            match item {
                Item::Definition(d) => {
                    let f = cx.fold(&d.expr, &mut Scope::default());
                    if let V::Bool(b) = f.val {
                        let mut w = Diagnostic::warning(
                            src,
                            d.expr.span.clone(),
                            format!(
                                "definitionen `{}` är alltid {}",
                                d.name.name,
                                if b { "sann" } else { "falsk" }
                            ),
                        )
                        .label(f.why.unwrap_or_default())
                        .help("en regel som använder den i `när` gäller alltid eller aldrig; rätta eller ta bort definitionen");
                        w.label = w.label.trim().to_string();
                        out.push(w);
                    }
                }
                Item::Regel(r) => {
                    let id = format!("{}.{}", input.file.header.id.name, r.name.name);
                    for a in &r.attrs {
                        let (e, is_guard) = match a {
                            RegelAttr::Nar(e) => (e, true),
                            RegelAttr::Krav(e) => (e, false),
                            _ => continue,
                        };
                        let f = cx.fold(e, &mut Scope::default());
                        let V::Bool(b) = f.val else { continue };
                        let (message, help) = match (is_guard, b) {
                            (true, false) => (
                                format!("regeln `{id}` kan aldrig ge en anmärkning: villkoret i `när` är aldrig sant"),
                                "rätta villkoret; ett `när` som aldrig gäller stänger av regeln utan att det syns",
                            ),
                            (true, true) => (
                                format!("villkoret i `när` i regeln `{id}` är alltid sant"),
                                "ta bort `när`; regeln gäller då alltid, vilket är samma sak",
                            ),
                            (false, true) => (
                                format!("regeln `{id}` kan aldrig ge en anmärkning: `kräv` är alltid uppfyllt"),
                                "`kräv` ska beskriva det som måste gälla i ärendet; ett fast värde prövar ingenting",
                            ),
                            (false, false) => (
                                format!("regeln `{id}` ger alltid en anmärkning när den gäller: `kräv` kan aldrig uppfyllas"),
                                "`kräv` ska beskriva det som måste gälla i ärendet; ett fast värde prövar ingenting",
                            ),
                        };
                        let mut w = Diagnostic::warning(src, e.span.clone(), message)
                            .label(f.why.unwrap_or_default())
                            .help(help);
                        if let Some((name, def_src, span)) = f.def {
                            let (line, col) = def_src.line_col(span.start);
                            w = w.note(format!(
                                "definitionen `{name}` står i {}:{line}:{col}",
                                def_src.name
                            ));
                        }
                        out.push(w);
                    }
                }
                Item::Lista(l)
                    if !COPY_LISTS.contains(&l.name.name.as_str())
                        && !near_lists.contains(l.name.name.as_str()) =>
                {
                    phrase_list(src, l, &mut out);
                }
                _ => {}
            }
        }
    }
    out
}

/// The named lists that stand as phrase lists of `nämner_nära`. There a longer
/// phrase is not redundant: "till dess att" right before "Försäkringskassan" is not
/// "till dess" right before it.
fn proximity_lists<'e>(e: &'e Expr, out: &mut std::collections::HashSet<&'e str>) {
    match &e.kind {
        ExprKind::Call(name, args) => {
            if name.name == "nämner_nära" {
                for a in args.iter().skip(1).take(2) {
                    if let ExprKind::Path(segs) = &a.kind {
                        if let [one] = segs.as_slice() {
                            out.insert(one.name.as_str());
                        }
                    }
                }
            }
            args.iter().for_each(|a| proximity_lists(a, out));
        }
        ExprKind::List(items) => items.iter().for_each(|a| proximity_lists(a, out)),
        ExprKind::Not(inner) => proximity_lists(inner, out),
        ExprKind::Binary(_, l, r) => {
            proximity_lists(l, out);
            proximity_lists(r, out);
        }
        ExprKind::Quant { cond: Some(c), .. } => proximity_lists(c, out),
        ExprKind::Summa { term, cond, .. } => {
            proximity_lists(term, out);
            if let Some(c) = cond {
                proximity_lists(c, out);
            }
        }
        _ => {}
    }
}

/// Lists that copy detection reads with its own, exact matching: a longer phrase
/// there covers more words, so it is not redundant.
const COPY_LISTS: [&str; 2] = ["schablonfraser", "standardstycken"];

/// Phrases of a list that `nämner` can never match, or that another phrase of the
/// list already covers (its inflections and stems match them too).
fn phrase_list(src: &Arc<Source>, l: &crate::ast::Lista, out: &mut Vec<Diagnostic>) {
    use crate::textmatch::{Pattern, Prepared};
    let phrases: Vec<(&str, &Expr)> = l
        .items
        .iter()
        .filter_map(|e| match &e.kind {
            ExprKind::Text(t) => Some((t.as_str(), e)),
            _ => None,
        })
        .collect();
    for (i, (text, e)) in phrases.iter().enumerate() {
        if Pattern::new(text).is_empty() {
            out.push(
                Diagnostic::warning(
                    src,
                    e.span.clone(),
                    format!(
                        "frasen ”{text}” i listan `{}` har inga ord och kan aldrig hittas",
                        l.name.name
                    ),
                )
                .help("ta bort frasen"),
            );
            continue;
        }
        let prepared = Prepared::new(text);
        let negating = Pattern::new(text).is_negating();
        let covered_by = phrases.iter().enumerate().find(|(j, (other, _))| {
            let p = Pattern::new(other);
            *j != i
                && other.len() < text.len()
                && !p.is_empty()
                // "vill inte X" states something "X" does not.
                && p.is_negating() == negating
                && prepared.contains(&p)
        });
        if let Some((_, (other, _))) = covered_by {
            out.push(
                Diagnostic::warning(
                    src,
                    e.span.clone(),
                    format!(
                        "frasen ”{text}” i listan `{}` täcks redan av ”{other}”",
                        l.name.name
                    ),
                )
                .label("överflödig")
                .help("`nämner` hittar böjningsformer och längre fraser som innehåller en kortare; ta bort den längre frasen"),
            );
        }
    }
}

// ---------------------------------------------------------------- folding

/// A value known without a case, or not.
#[derive(Debug, Clone, PartialEq)]
enum V {
    Unknown,
    Bool(bool),
    Num(f64),
    Text(String),
    Date(NaiveDate),
    Dur(i64, Unit),
    List(Vec<V>),
}

impl V {
    fn known(&self) -> bool {
        match self {
            V::Unknown => false,
            V::List(items) => items.iter().all(V::known),
            _ => true,
        }
    }

    fn show(&self) -> &'static str {
        match self {
            V::Bool(true) => "alltid sant",
            V::Bool(false) => "aldrig sant",
            _ => "",
        }
    }
}

/// A folded expression: its value, why it is constant (for the label), and the
/// definition it came from (for a note).
#[derive(Debug, Clone)]
struct Folded<'a> {
    val: V,
    why: Option<String>,
    def: Option<(String, &'a Arc<Source>, crate::ast::Span)>,
}

impl Folded<'_> {
    fn unknown() -> Self {
        Folded {
            val: V::Unknown,
            why: None,
            def: None,
        }
    }

    fn value(val: V) -> Self {
        Folded {
            val,
            why: None,
            def: None,
        }
    }
}

/// Quantifier variables in scope (they hide definitions of the same name) and the
/// definitions being inlined (to stop at a cycle, which the checker reports).
#[derive(Default)]
struct Scope {
    vars: Vec<String>,
    inlining: Vec<String>,
}

struct Folder<'a> {
    defs: &'a HashMap<&'a str, (&'a Expr, &'a Arc<Source>)>,
}

fn text(e: &Expr) -> String {
    expr_to_string(e)
}

impl<'a> Folder<'a> {
    /// The definition a one-word path names, unless a variable hides it.
    fn def_of(&self, e: &Expr, scope: &Scope) -> Option<(&'a str, &'a Expr, &'a Arc<Source>)> {
        let ExprKind::Path(segs) = &e.kind else {
            return None;
        };
        let [one] = segs.as_slice() else { return None };
        if scope.vars.contains(&one.name) || scope.inlining.contains(&one.name) {
            return None;
        }
        self.defs
            .get_key_value(one.name.as_str())
            .map(|(k, (e, s))| (*k, *e, *s))
    }

    fn fold(&self, e: &Expr, scope: &mut Scope) -> Folded<'a> {
        match &e.kind {
            ExprKind::Text(s) => Folded::value(V::Text(s.clone())),
            ExprKind::Num(n) => Folded::value(V::Num(*n)),
            ExprKind::Bool(b) => Folded {
                val: V::Bool(*b),
                why: Some(format!("`{}`", text(e))),
                def: None,
            },
            ExprKind::Date(d) => Folded::value(V::Date(*d)),
            ExprKind::Duration(n, u) => Folded::value(V::Dur(*n, *u)),
            ExprKind::List(items) => {
                let vals: Vec<V> = items.iter().map(|i| self.fold(i, scope).val).collect();
                if vals.iter().all(V::known) {
                    Folded::value(V::List(vals))
                } else {
                    Folded::unknown()
                }
            }
            ExprKind::Path(_) => match self.def_of(e, scope) {
                Some((name, def, src)) => {
                    scope.inlining.push(name.to_string());
                    let inner = self.fold(
                        def,
                        &mut Scope {
                            vars: Vec::new(),
                            inlining: scope.inlining.clone(),
                        },
                    );
                    scope.inlining.pop();
                    match inner.val {
                        V::Bool(b) => Folded {
                            val: V::Bool(b),
                            why: Some(format!(
                                "definitionen `{name}` är alltid {}",
                                if b { "sann" } else { "falsk" }
                            )),
                            def: inner
                                .def
                                .or(Some((name.to_string(), src, def.span.clone()))),
                        },
                        other => Folded::value(other),
                    }
                }
                None => Folded::unknown(),
            },
            ExprKind::Not(inner) => {
                let f = self.fold(inner, scope);
                match f.val {
                    V::Bool(b) => Folded {
                        val: V::Bool(!b),
                        ..f
                    },
                    _ => Folded::unknown(),
                }
            }
            ExprKind::Binary(BinOp::And, ..) => self.chain(e, true, scope),
            ExprKind::Binary(BinOp::Or, ..) => self.chain(e, false, scope),
            ExprKind::Binary(op, l, r) => {
                let lf = self.fold(l, scope);
                let rf = self.fold(r, scope);
                let both = lf.val.known() && rf.val.known();
                match op {
                    BinOp::Add | BinOp::Sub if both => {
                        Folded::value(arith(*op, &lf.val, &rf.val).unwrap_or(V::Unknown))
                    }
                    BinOp::In | BinOp::NotIn if both => {
                        let V::List(items) = &rf.val else {
                            return Folded::unknown();
                        };
                        let found = items.iter().any(|i| same(i, &lf.val));
                        Folded {
                            val: V::Bool(found == (*op == BinOp::In)),
                            why: Some(format!("`{}` prövar två fasta värden", text(e))),
                            def: None,
                        }
                    }
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                        if both {
                            match compare(*op, &lf.val, &rf.val) {
                                Some(b) => Folded {
                                    val: V::Bool(b),
                                    why: Some(format!("`{}` jämför två fasta värden", text(e))),
                                    def: None,
                                },
                                None => Folded::unknown(),
                            }
                        } else if text(l) == text(r) {
                            Folded {
                                val: V::Bool(matches!(op, BinOp::Eq | BinOp::Le | BinOp::Ge)),
                                why: Some(format!("`{}` jämför ett värde med sig självt", text(e))),
                                def: None,
                            }
                        } else {
                            Folded::unknown()
                        }
                    }
                    _ => Folded::unknown(),
                }
            }
            ExprKind::Call(name, args) => {
                let vals: Vec<V> = args.iter().map(|a| self.fold(a, scope).val).collect();
                match (name.name.as_str(), vals.as_slice()) {
                    ("finns", [V::Text(s)]) => Folded::value(V::Bool(!s.trim().is_empty())),
                    ("finns", [V::List(l)]) => Folded::value(V::Bool(!l.is_empty())),
                    ("antal", [V::List(l)]) => Folded::value(V::Num(l.len() as f64)),
                    _ => Folded::unknown(),
                }
            }
            ExprKind::Quant {
                kind, var, cond, ..
            } => {
                let Some(c) = cond else {
                    return Folded::unknown();
                };
                scope.vars.push(var.name.clone());
                let f = self.fold(c, scope);
                scope.vars.pop();
                let why = f
                    .why
                    .clone()
                    .map(|w| format!("villkoret efter `där`/`uppfyller`: {w}"));
                match (kind, f.val) {
                    (QuantKind::Nagot, V::Bool(false)) => Folded {
                        val: V::Bool(false),
                        why,
                        def: f.def,
                    },
                    (QuantKind::Varje, V::Bool(true)) => Folded {
                        val: V::Bool(true),
                        why,
                        def: f.def,
                    },
                    (QuantKind::Antal, V::Bool(false)) => Folded::value(V::Num(0.0)),
                    _ => Folded::unknown(),
                }
            }
            ExprKind::Summa { .. } => Folded::unknown(),
        }
    }

    /// A chain of `och` (`all`) or `eller`: folded operands, then contradictions
    /// (for `och`) or tautologies (for `eller`) between the unknown ones.
    fn chain(&self, e: &Expr, all: bool, scope: &mut Scope) -> Folded<'a> {
        let op = if all { BinOp::And } else { BinOp::Or };
        let mut parts = Vec::new();
        flatten(e, op, &mut parts);
        let mut unknown = Vec::new();
        for p in &parts {
            let f = self.fold(p, scope);
            match f.val {
                // `falskt och x`, `sant eller x`: the chain is decided.
                V::Bool(b) if b != all => {
                    return Folded {
                        val: V::Bool(b),
                        why: f
                            .why
                            .or_else(|| Some(format!("`{}` är {}", text(p), V::Bool(b).show()))),
                        def: f.def,
                    }
                }
                V::Bool(_) => {}
                _ => unknown.push(*p),
            }
        }
        if unknown.is_empty() {
            return Folded::value(V::Bool(all));
        }
        // Conditions on the same expression, with definitions inlined.
        let mut atoms = Vec::new();
        for p in &unknown {
            self.atoms(p, op, false, scope, &mut atoms);
        }
        // `a eller b` always holds exactly when `inte a och inte b` never does.
        if !all {
            for a in &mut atoms {
                a.negate();
            }
        }
        match contradiction(&atoms) {
            Some(texts) => Folded {
                val: V::Bool(!all),
                why: Some(if all {
                    format!("{} kan inte gälla samtidigt", texts.join(" och "))
                } else {
                    format!("{} gäller alltid", texts.join(" eller "))
                }),
                def: None,
            },
            None => Folded::unknown(),
        }
    }

    /// The atomic conditions of one operand of a chain of `op`, inlining definitions
    /// and flattening nested chains of the same operator. `negated`: under a `inte`.
    fn atoms(&self, e: &Expr, op: BinOp, negated: bool, scope: &mut Scope, out: &mut Vec<Atom>) {
        if let Some((name, def, _)) = self.def_of(e, scope) {
            scope.inlining.push(name.to_string());
            let mut inner = Scope {
                vars: Vec::new(),
                inlining: scope.inlining.clone(),
            };
            let before = out.len();
            self.atoms(def, op, negated, &mut inner, out);
            scope.inlining.pop();
            // Show what the author wrote, not the inlined text.
            for a in &mut out[before..] {
                a.text = if negated {
                    format!("`inte {name}`")
                } else {
                    format!("`{name}`")
                };
            }
            return;
        }
        match &e.kind {
            ExprKind::Binary(o, ..) if *o == op && !negated => {
                let mut parts = Vec::new();
                flatten(e, op, &mut parts);
                for p in parts {
                    self.atoms(p, op, false, scope, out);
                }
            }
            ExprKind::Not(inner) if self.is_atomic(inner, scope) => {
                let before = out.len();
                self.atoms(inner, op, !negated, scope, out);
                if out.len() == before + 1 {
                    out[before].text = format!("`{}`", text(e));
                }
            }
            _ => {
                if let Some(mut a) = self.atom(e, scope) {
                    if negated {
                        a.negate();
                    }
                    out.push(a);
                }
            }
        }
    }

    fn is_atomic(&self, e: &Expr, scope: &Scope) -> bool {
        !matches!(&e.kind, ExprKind::Binary(BinOp::And | BinOp::Or, ..))
            || self.def_of(e, scope).is_some()
    }

    /// One condition as a constraint on a written expression; `None` for a chain
    /// of `och`/`eller`, which is not one condition.
    fn atom(&self, e: &Expr, scope: &mut Scope) -> Option<Atom> {
        let shown = format!("`{}`", text(e));
        match &e.kind {
            ExprKind::Binary(BinOp::And | BinOp::Or, ..) => return None,
            ExprKind::Binary(op, l, r) => {
                if let Some((subject, c)) = self.constraint(*op, l, r, scope) {
                    return Some(Atom {
                        subject,
                        c,
                        text: shown,
                    });
                }
            }
            _ => {}
        }
        // Any other condition: it is true, or (under `inte`) false.
        Some(Atom {
            subject: text(e),
            c: C::OneOf(vec![V::Bool(true)]),
            text: shown,
        })
    }

    /// `x = 1`, `x i ["a"]`, `2 < x`: the written expression and what it may be.
    fn constraint(&self, op: BinOp, l: &Expr, r: &Expr, scope: &mut Scope) -> Option<(String, C)> {
        let lv = self.fold(l, scope).val;
        let rv = self.fold(r, scope).val;
        let (subject, value, op) = match (lv.known(), rv.known()) {
            (false, true) => (l, rv, op),
            (true, false) => (r, lv, flip(op)?),
            _ => return None,
        };
        let c = match (op, value) {
            (BinOp::Eq, v) => C::OneOf(vec![v]),
            (BinOp::Ne, v) => C::NoneOf(vec![v]),
            (BinOp::In, V::List(items)) => C::OneOf(items),
            (BinOp::NotIn, V::List(items)) => C::NoneOf(items),
            (BinOp::Lt, v @ (V::Num(_) | V::Date(_))) => C::Hi(v, false),
            (BinOp::Le, v @ (V::Num(_) | V::Date(_))) => C::Hi(v, true),
            (BinOp::Gt, v @ (V::Num(_) | V::Date(_))) => C::Lo(v, false),
            (BinOp::Ge, v @ (V::Num(_) | V::Date(_))) => C::Lo(v, true),
            _ => return None,
        };
        Some((text(subject), c))
    }
}

fn flatten<'e>(e: &'e Expr, op: BinOp, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Binary(o, l, r) if *o == op => {
            flatten(l, op, out);
            flatten(r, op, out);
        }
        _ => out.push(e),
    }
}

/// `c < x` is `x > c`.
fn flip(op: BinOp) -> Option<BinOp> {
    Some(match op {
        BinOp::Eq => BinOp::Eq,
        BinOp::Ne => BinOp::Ne,
        BinOp::Lt => BinOp::Gt,
        BinOp::Le => BinOp::Ge,
        BinOp::Gt => BinOp::Lt,
        BinOp::Ge => BinOp::Le,
        // `"a" i lista` has the list as its subject: not a constraint we track.
        _ => return None,
    })
}

fn same(a: &V, b: &V) -> bool {
    a == b
}

fn order(a: &V, b: &V) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (V::Num(x), V::Num(y)) => x.partial_cmp(y),
        (V::Date(x), V::Date(y)) => Some(x.cmp(y)),
        (V::Text(x), V::Text(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn compare(op: BinOp, a: &V, b: &V) -> Option<bool> {
    use std::cmp::Ordering::*;
    Some(match op {
        BinOp::Eq => same(a, b),
        BinOp::Ne => !same(a, b),
        BinOp::Lt => order(a, b)? == Less,
        BinOp::Le => order(a, b)? != Greater,
        BinOp::Gt => order(a, b)? == Greater,
        BinOp::Ge => order(a, b)? != Less,
        _ => return None,
    })
}

fn arith(op: BinOp, a: &V, b: &V) -> Option<V> {
    let sub = op == BinOp::Sub;
    match (a, b) {
        (V::Num(x), V::Num(y)) => Some(V::Num(if sub { x - y } else { x + y })),
        (V::Date(d), V::Dur(n, u)) => {
            let n = u64::try_from(*n).ok()?;
            let d = match (u, sub) {
                (Unit::Dagar, false) => d.checked_add_days(Days::new(n)),
                (Unit::Dagar, true) => d.checked_sub_days(Days::new(n)),
                (Unit::Veckor, false) => d.checked_add_days(Days::new(n * 7)),
                (Unit::Veckor, true) => d.checked_sub_days(Days::new(n * 7)),
                (Unit::Manader, false) => d.checked_add_months(Months::new(u32::try_from(n).ok()?)),
                (Unit::Manader, true) => d.checked_sub_months(Months::new(u32::try_from(n).ok()?)),
                (Unit::Ar, false) => d.checked_add_months(Months::new(u32::try_from(n * 12).ok()?)),
                (Unit::Ar, true) => d.checked_sub_months(Months::new(u32::try_from(n * 12).ok()?)),
            };
            d.map(V::Date)
        }
        _ => None,
    }
}

// ------------------------------------------------------------ contradictions

/// A constraint on the value of one written expression.
#[derive(Debug, Clone)]
enum C {
    OneOf(Vec<V>),
    NoneOf(Vec<V>),
    /// Lower bound, inclusive or not.
    Lo(V, bool),
    Hi(V, bool),
}

#[derive(Debug, Clone)]
struct Atom {
    subject: String,
    c: C,
    /// How the author wrote it, for the label.
    text: String,
}

impl Atom {
    fn negate(&mut self) {
        self.c = match std::mem::replace(&mut self.c, C::OneOf(Vec::new())) {
            C::OneOf(v) if v == [V::Bool(true)] => C::OneOf(vec![V::Bool(false)]),
            C::OneOf(v) if v == [V::Bool(false)] => C::OneOf(vec![V::Bool(true)]),
            C::OneOf(v) => C::NoneOf(v),
            C::NoneOf(v) => C::OneOf(v),
            C::Lo(v, inc) => C::Hi(v, !inc),
            C::Hi(v, inc) => C::Lo(v, !inc),
        };
    }
}

/// The written conditions that cannot all hold, if some subject has such a set.
fn contradiction(atoms: &[Atom]) -> Option<Vec<String>> {
    let mut subjects: Vec<&str> = atoms.iter().map(|a| a.subject.as_str()).collect();
    subjects.sort();
    subjects.dedup();
    for s in subjects {
        let mine: Vec<&Atom> = atoms.iter().filter(|a| a.subject == s).collect();
        if mine.len() < 2 {
            continue;
        }
        if empty(&mine) {
            let mut texts: Vec<String> = Vec::new();
            for a in mine {
                if !texts.contains(&a.text) {
                    texts.push(a.text.clone());
                }
            }
            return Some(texts);
        }
    }
    None
}

/// Do the constraints leave no value at all?
fn empty(atoms: &[&Atom]) -> bool {
    let mut allowed: Option<Vec<V>> = None;
    let mut excluded: Vec<V> = Vec::new();
    let mut lo: Option<(V, bool)> = None;
    let mut hi: Option<(V, bool)> = None;
    for a in atoms {
        match &a.c {
            C::OneOf(vs) => {
                allowed = Some(match allowed {
                    None => vs.clone(),
                    Some(cur) => cur.into_iter().filter(|v| vs.contains(v)).collect(),
                })
            }
            C::NoneOf(vs) => excluded.extend(vs.iter().cloned()),
            C::Lo(v, inc) => {
                let tighter = match &lo {
                    None => true,
                    Some((cur, cinc)) => match order(v, cur) {
                        Some(std::cmp::Ordering::Greater) => true,
                        Some(std::cmp::Ordering::Equal) => !inc && *cinc,
                        _ => false,
                    },
                };
                if tighter {
                    lo = Some((v.clone(), *inc));
                }
            }
            C::Hi(v, inc) => {
                let tighter = match &hi {
                    None => true,
                    Some((cur, cinc)) => match order(v, cur) {
                        Some(std::cmp::Ordering::Less) => true,
                        Some(std::cmp::Ordering::Equal) => !inc && *cinc,
                        _ => false,
                    },
                };
                if tighter {
                    hi = Some((v.clone(), *inc));
                }
            }
        }
    }
    let in_bounds = |v: &V| {
        let above = lo.as_ref().is_none_or(|(l, inc)| match order(v, l) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Equal) => *inc,
            Some(_) => false,
            None => true,
        });
        let below = hi.as_ref().is_none_or(|(h, inc)| match order(v, h) {
            Some(std::cmp::Ordering::Less) => true,
            Some(std::cmp::Ordering::Equal) => *inc,
            Some(_) => false,
            None => true,
        });
        above && below
    };
    if let Some(vals) = &allowed {
        return !vals.iter().any(|v| !excluded.contains(v) && in_bounds(v));
    }
    match (&lo, &hi) {
        (Some((l, linc)), Some((h, hinc))) => match order(l, h) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Equal) => !(*linc && *hinc) || excluded.contains(l),
            _ => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "regelverk t.x\n  titel \"T\"\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n  gäller varje beslut\n";

    /// The warnings of one rule file, one line each: `message | label`.
    fn warnings(body: &str) -> Vec<String> {
        let src = Source::new("t.regler", format!("{HEAD}{body}"));
        let review = review(vec![src], Vec::new());
        assert!(
            review.errors.is_empty(),
            "{}",
            crate::diag::render_all(&review.errors)
        );
        review
            .warnings
            .iter()
            .map(|d| format!("{} | {}", d.message, d.label))
            .collect()
    }

    #[test]
    fn phrases_that_another_phrase_covers_are_redundant() {
        let w = warnings(
            "lista l = [\"riktlinje\", \"riktlinjerna\", \"kommunens riktlinjer\", \"vill inte\", \"vill inte ha\", \"inte ha\", \"...\"]\n",
        );
        assert_eq!(
            w,
            [
                "frasen ”riktlinjerna” i listan `l` täcks redan av ”riktlinje” | överflödig",
                "frasen ”kommunens riktlinjer” i listan `l` täcks redan av ”riktlinje” | överflödig",
                "frasen ”vill inte ha” i listan `l` täcks redan av ”vill inte” | överflödig",
                "frasen ”...” i listan `l` har inga ord och kan aldrig hittas | ",
            ]
        );
    }

    fn rule(nar: &str, krav: &str) -> String {
        format!("regel r\n  kategori beslut\n  allvarlighet varning\n  lagrum \"1 § LSS\"\n  när {nar}\n  kräv {krav}\n  meddelande \"M\"\n")
    }

    #[test]
    fn contradiction_on_the_same_field() {
        let w = warnings(&rule(
            "beslut.utfall = \"bifall\" och beslut.utfall = \"avslag\"",
            "finns(beslut.mal)",
        ));
        assert_eq!(
            w,
            ["regeln `t.x.r` kan aldrig ge en anmärkning: villkoret i `när` är aldrig sant | `beslut.utfall = \"bifall\"` och `beslut.utfall = \"avslag\"` kan inte gälla samtidigt"]
        );
    }

    #[test]
    fn ranges_lists_and_negation() {
        let never = [
            "antal(utredning.behov) > 3 och antal(utredning.behov) < 2",
            "beslut.datum >= 2025-01-01 och beslut.datum < 2024-01-01",
            "beslut.utfall i [\"bifall\"] och beslut.utfall inte i [\"bifall\", \"avslag\"]",
            "finns(beslut.mal) och inte finns(beslut.mal)",
            "1 > 2",
            "beslut.datum != beslut.datum",
            "falskt och finns(beslut.mal)",
            "något u i underlag där 1 = 2",
        ];
        for nar in never {
            let w = warnings(&rule(nar, "finns(beslut.mal)"));
            assert_eq!(w.len(), 1, "{nar}: {w:?}");
            assert!(w[0].contains("aldrig sant"), "{nar}: {w:?}");
        }
        let fine = [
            "antal(utredning.behov) > 1 och antal(utredning.behov) < 3",
            "beslut.utfall i [\"bifall\", \"delvis_bifall\"] och beslut.utfall != \"bifall\"",
            "finns(beslut.mal) och inte finns(beslut.motivering)",
            "beslut.datum >= 2024-01-01 och beslut.datum <= 2024-01-01",
        ];
        for nar in fine {
            assert_eq!(
                warnings(&rule(nar, "finns(beslut.mal)")),
                Vec::<String>::new(),
                "{nar}"
            );
        }
    }

    #[test]
    fn krav_always_true_and_tautologies() {
        let w = warnings(&rule(
            "finns(beslut.mal)",
            "beslut.utfall = \"bifall\" eller beslut.utfall != \"bifall\"",
        ));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("`kräv` är alltid uppfyllt"), "{w:?}");
        assert!(w[0].contains("gäller alltid"), "{w:?}");
    }

    #[test]
    fn guard_through_a_definition_that_is_always_false() {
        let body = format!(
            "definition aldrig = beslut.utfall = \"bifall\" och beslut.utfall = \"avslag\"\n\
             definition avslag = beslut.utfall i [\"avslag\", \"delvis_bifall\"]\n{}",
            rule("aldrig", "finns(beslut.mal)")
        );
        let w = warnings(&body);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("definitionen `aldrig` är alltid falsk"),
            "{w:?}"
        );
        assert!(
            w[1].contains("definitionen `aldrig` är alltid falsk"),
            "{w:?}"
        );
        // An inlined definition is compared with what it stands for.
        let body = format!(
            "definition avslag = beslut.utfall i [\"avslag\", \"delvis_bifall\"]\n{}",
            rule("avslag och beslut.utfall = \"bifall\"", "finns(beslut.mal)")
        );
        let w = warnings(&body);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("`avslag` och `beslut.utfall = \"bifall\"`"),
            "{w:?}"
        );
    }

    #[test]
    fn shipped_rules_have_no_static_warnings() {
        let review = review(engine::builtin_sources(), Vec::new());
        assert!(review.errors.is_empty());
        assert_eq!(
            review.warnings,
            Vec::<Diagnostic>::new(),
            "{}",
            crate::diag::render_all(&review.warnings)
        );
    }
}
