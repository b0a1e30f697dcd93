//! Case paths: following fields and projections through the case tree, and the
//! dotted path of a missing value for its message.

use super::expr::node_val;
use super::*;

/// Follow a path that ends on a single node (no projection).
pub(super) fn walk<'x>(base: Base, steps: &[Step], ctx: &Ctx<'x>) -> Option<&'x Node<'x>> {
    let mut node = start(base, ctx)?;
    for s in steps {
        match (s, node) {
            (Step::Field(i), Node::Record(f)) => node = f.get(*i)?,
            _ => return None,
        }
    }
    Some(node)
}

fn start<'x>(base: Base, ctx: &Ctx<'x>) -> Option<&'x Node<'x>> {
    match base {
        Base::Root => Some(ctx.root),
        Base::Beslut => ctx.beslut.map(|(n, _)| n),
        Base::Sokt => ctx.sokt.map(|(n, _)| n),
        Base::Var(slot) => ctx.vars.get(slot).map(|(n, _, _)| *n),
    }
}

/// The dotted path of a case value, for messages about missing data. Built only
/// when needed: evaluation itself never formats paths.
fn path_string(base: Base, display: &str, ctx: &Ctx<'_>) -> String {
    let mut out = String::with_capacity(16 + display.len());
    write_path(base, display, ctx, &mut out);
    out
}

/// Appends the dotted path to `out`, piece by piece: this runs for every missing value
/// an expression meets, most of them never shown, so it avoids `format!`.
fn write_path(base: Base, display: &str, ctx: &Ctx<'_>, out: &mut String) {
    fn number(out: &mut String, n: usize) {
        use std::fmt::Write;
        if n < 10 {
            out.push(char::from(b'0' + n as u8));
        } else {
            let _ = write!(out, "{n}");
        }
    }
    match base {
        Base::Root => {
            out.push_str(display);
            return;
        }
        Base::Beslut => match ctx.beslut {
            None => out.push_str("beslut"),
            Some((_, i)) => {
                out.push_str("beslut.");
                number(out, i);
            }
        },
        Base::Sokt => match ctx.sokt {
            None => out.push_str("ansokan.insatser (ingen ansökan om insatsen)"),
            Some((_, j)) => {
                out.push_str("ansokan.insatser.");
                number(out, j);
            }
        },
        Base::Var(slot) => {
            if let Some((_, CExpr::Path { base, display, .. }, idx)) = ctx.vars.get(slot) {
                write_path(*base, display, ctx, out);
                out.push('.');
                number(out, *idx);
            }
        }
    }
    if !display.is_empty() {
        out.push('.');
        out.push_str(display);
    }
}

pub(super) fn path<'x>(base: Base, steps: &[Step], display: &str, ctx: &Ctx<'x>) -> Val<'x> {
    let full = || path_string(base, display, ctx);
    let Some(root) = start(base, ctx) else {
        // `sokt` when nothing was applied for under this insats.
        return Val::Missing(vec![full()]);
    };
    let mut projected = false;
    let mut node = root;
    let mut many: Vec<&'x Node<'x>> = Vec::new();
    for s in steps {
        if !projected {
            match (s, node) {
                (Step::Field(i), Node::Record(f)) => match f.get(*i) {
                    Some(Node::Missing) | None => return Val::Missing(vec![full()]),
                    Some(child) => node = child,
                },
                (Step::Project(i), Node::List(items)) => {
                    projected = true;
                    project(items.iter(), *i, &mut many);
                }
                (_, Node::Missing) => return Val::Missing(vec![full()]),
                _ => return Val::Missing(vec![full()]),
            }
        } else {
            let mut next = Vec::new();
            for n in many {
                match (s, n) {
                    (Step::Field(i), Node::Record(f)) => {
                        if let Some(child) = f.get(*i).filter(|c| !matches!(c, Node::Missing)) {
                            next.push(child);
                        }
                    }
                    (Step::Project(i), Node::List(items)) => project(items.iter(), *i, &mut next),
                    _ => {}
                }
            }
            many = next;
        }
    }
    if projected {
        Val::List(many.into_iter().map(|n| node_val(n, &full)).collect())
    } else {
        node_val(node, &full)
    }
}

/// The field `i` of every record in `items`, lists flattened, missing ones left out.
fn project<'x>(items: impl Iterator<Item = &'x Node<'x>>, i: usize, out: &mut Vec<&'x Node<'x>>) {
    for it in items {
        if let Node::Record(f) = it {
            match f.get(i) {
                Some(Node::List(inner)) => out.extend(inner.iter()),
                Some(Node::Missing) | None => {}
                Some(child) => out.push(child),
            }
        }
    }
}
