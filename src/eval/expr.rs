//! Expressions: constants, three-valued `och`/`eller`, comparisons, membership,
//! date shifts, table look-ups, quantifiers and sums over case lists.

use super::functions::{call, shift};
use super::path::{path, walk};
use super::*;

fn missing2(a: Val<'_>, b: Val<'_>) -> Val<'static> {
    let mut m = Vec::new();
    for v in [a, b] {
        if let Val::Missing(p) = v {
            m.extend(p);
        }
    }
    Val::Missing(m)
}

fn konst(c: &Const) -> Val<'_> {
    match c {
        Const::Bool(b) => Val::Bool(*b),
        Const::Num(n) => Val::Num(*n),
        Const::Text(s) => Val::Text(s),
        Const::Date(d) => Val::Date(*d),
        Const::Dur(n, u) => Val::Dur(*n, *u),
    }
}

/// The value of a case node; `path` is called only if the node is missing.
pub(super) fn node_val<'x>(n: &'x Node<'x>, path: &dyn Fn() -> String) -> Val<'x> {
    match n {
        Node::Missing => Val::Missing(vec![path()]),
        Node::Bool(b) => Val::Bool(*b),
        Node::Num(x) => Val::Num(*x),
        Node::Text(s) => Val::Text(s),
        Node::Date(d) => Val::Date(*d),
        Node::List(items) => Val::List(items.iter().map(|it| node_val(it, path)).collect()),
        Node::Record(_) => Val::Rec(n),
    }
}

pub(super) fn eval<'x>(e: &'x CExpr, ctx: &mut Ctx<'x>) -> Val<'x> {
    match e {
        CExpr::Const(c) => konst(c),
        CExpr::Path {
            base,
            steps,
            display,
        } => path(*base, steps, display, ctx),
        CExpr::List(items) => Val::List(items.iter().map(|i| eval(i, ctx)).collect()),
        CExpr::NamedList(i) => Val::List(
            ctx.base.lists[*i]
                .items
                .iter()
                .map(|s| Val::Text(s))
                .collect(),
        ),
        CExpr::Phrases(p) => Val::List(p.items.iter().map(|s| Val::Text(s)).collect()),
        CExpr::Not(inner) => match eval(inner, ctx) {
            Val::Bool(b) => Val::Bool(!b),
            other => other,
        },
        CExpr::And(l, r) => match eval(l, ctx) {
            Val::Bool(false) => Val::Bool(false),
            Val::Bool(true) => eval(r, ctx),
            lm => match eval(r, ctx) {
                Val::Bool(false) => Val::Bool(false),
                rv => missing2(lm, rv),
            },
        },
        CExpr::Or(l, r) => match eval(l, ctx) {
            Val::Bool(true) => Val::Bool(true),
            Val::Bool(false) => eval(r, ctx),
            lm => match eval(r, ctx) {
                Val::Bool(true) => Val::Bool(true),
                rv => missing2(lm, rv),
            },
        },
        CExpr::Cmp(op, l, r) => {
            let (a, b) = (eval(l, ctx), eval(r, ctx));
            compare(*op, a, b)
        }
        CExpr::In { elem, list, negate } => {
            let (a, l) = (eval(elem, ctx), eval(list, ctx));
            match (a, l) {
                (Val::Missing(m), _) | (_, Val::Missing(m)) => Val::Missing(m),
                (a, Val::List(items)) => {
                    let found = items
                        .iter()
                        .any(|i| !matches!(i, Val::Missing(_)) && equal(&a, i));
                    Val::Bool(found != *negate)
                }
                _ => Val::Bool(*negate),
            }
        }
        CExpr::DateShift { date, dur, negate } => match (eval(date, ctx), eval(dur, ctx)) {
            (Val::Date(d), Val::Dur(n, u)) => shift(d, if *negate { -n } else { n }, u)
                .map_or_else(|| Val::Missing(vec!["ett giltigt datum".into()]), Val::Date),
            (a, b) => missing2(a, b),
        },
        CExpr::Arith { lhs, rhs, negate } => match (eval(lhs, ctx), eval(rhs, ctx)) {
            (Val::Num(a), Val::Num(b)) => Val::Num(if *negate { a - b } else { a + b }),
            (a, b) => missing2(a, b),
        },
        CExpr::Call(f, args) => call(*f, args, ctx),
        CExpr::Table(i, arg) => match eval(arg, ctx) {
            Val::Date(d) => {
                let t = &ctx.base.tables[*i];
                match t.rows.iter().rev().find(|(from, _)| *from <= d) {
                    Some((_, c)) => konst(c),
                    None => {
                        Val::Missing(vec![format!("ett värde i tabellen `{}` för {d}", t.name)])
                    }
                }
            }
            other => other,
        },
        CExpr::Quant {
            kind,
            slot,
            list,
            cond,
        } => quant(*kind, *slot, list, cond.as_deref(), ctx),
        CExpr::Summa {
            slot,
            term,
            list,
            cond,
        } => {
            let items = records(list, ctx);
            let mut sum = 0.0;
            let mut missing = Vec::new();
            for (idx, node) in items.iter().enumerate() {
                bind(ctx, *slot, node, list, idx);
                let keep = match cond {
                    Some(c) => eval(c, ctx),
                    None => Val::Bool(true),
                };
                match keep {
                    Val::Bool(true) => match eval(term, ctx) {
                        Val::Num(n) => sum += n,
                        Val::Missing(m) => missing.extend(m),
                        _ => {}
                    },
                    Val::Missing(m) => missing.extend(m),
                    _ => {}
                }
                ctx.vars.truncate(*slot);
            }
            if missing.is_empty() {
                Val::Num(sum)
            } else {
                Val::Missing(missing)
            }
        }
    }
}

fn bind<'x>(ctx: &mut Ctx<'x>, slot: usize, node: &'x Node<'x>, list: &'x CExpr, idx: usize) {
    ctx.vars.truncate(slot);
    ctx.vars.push((node, list, idx));
}

/// The items of a list expression (a path to a list in the case).
fn records<'x>(list: &'x CExpr, ctx: &Ctx<'x>) -> &'x [Node<'x>] {
    if let CExpr::Path { base, steps, .. } = list {
        if let Some(Node::List(items)) = walk(*base, steps, ctx) {
            return items;
        }
    }
    &[]
}

fn quant<'x>(
    kind: QKind,
    slot: usize,
    list: &'x CExpr,
    cond: Option<&'x CExpr>,
    ctx: &mut Ctx<'x>,
) -> Val<'x> {
    let items = records(list, ctx);
    let mut count = 0usize;
    let mut missing = Vec::new();
    let mut any_false = false;
    for (idx, node) in items.iter().enumerate() {
        bind(ctx, slot, node, list, idx);
        let v = match cond {
            Some(c) => eval(c, ctx),
            None => Val::Bool(true),
        };
        ctx.vars.truncate(slot);
        match v {
            Val::Bool(true) => {
                count += 1;
                if kind == QKind::Nagot {
                    return Val::Bool(true);
                }
            }
            Val::Missing(m) => missing.extend(m),
            _ => {
                any_false = true;
                if kind == QKind::Varje {
                    return Val::Bool(false);
                }
            }
        }
    }
    if !missing.is_empty() {
        return Val::Missing(missing);
    }
    match kind {
        QKind::Nagot => Val::Bool(false),
        QKind::Varje => Val::Bool(!any_false),
        QKind::Antal => Val::Num(count as f64),
    }
}

fn equal(a: &Val<'_>, b: &Val<'_>) -> bool {
    match (a, b) {
        (Val::Num(x), Val::Num(y)) => x == y,
        (Val::Text(x), Val::Text(y)) => x.trim() == y.trim(),
        (Val::Date(x), Val::Date(y)) => x == y,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::List(x), Val::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b))
        }
        _ => false,
    }
}

fn compare<'x>(op: Cmp, a: Val<'x>, b: Val<'x>) -> Val<'x> {
    use std::cmp::Ordering;
    if matches!(a, Val::Missing(_)) || matches!(b, Val::Missing(_)) {
        return missing2(a, b);
    }
    let ord: Option<Ordering> = match (&a, &b) {
        (Val::Num(x), Val::Num(y)) => x.partial_cmp(y),
        (Val::Date(x), Val::Date(y)) => Some(x.cmp(y)),
        _ => None,
    };
    Val::Bool(match op {
        Cmp::Eq => equal(&a, &b),
        Cmp::Ne => !equal(&a, &b),
        Cmp::Lt => ord == Some(Ordering::Less),
        Cmp::Le => matches!(ord, Some(Ordering::Less | Ordering::Equal)),
        Cmp::Gt => ord == Some(Ordering::Greater),
        Cmp::Ge => matches!(ord, Some(Ordering::Greater | Ordering::Equal)),
    })
}
