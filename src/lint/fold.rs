//! Constant folding: the value of an expression when it is known without a case,
//! with definitions inlined, and the atomic conditions of a chain of `och`/`eller`.

use chrono::{Days, Months, NaiveDate};

use crate::ast::{BinOp, ExprKind, QuantKind, Unit};
use crate::fmt::expr_to_string;

use super::contradiction::{contradiction, Atom, C};
use super::*;

/// A value known without a case, or not.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum V {
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
pub(super) struct Folded<'a> {
    pub(super) val: V,
    pub(super) why: Option<String>,
    pub(super) def: Option<(String, &'a Arc<Source>, crate::ast::Span)>,
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
pub(super) struct Scope {
    vars: Vec<String>,
    inlining: Vec<String>,
}

pub(super) struct Folder<'a> {
    pub(super) defs: &'a HashMap<&'a str, (&'a Expr, &'a Arc<Source>)>,
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

    pub(super) fn fold(&self, e: &Expr, scope: &mut Scope) -> Folded<'a> {
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

pub(super) fn order(a: &V, b: &V) -> Option<std::cmp::Ordering> {
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
