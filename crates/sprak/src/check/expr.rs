//! Expressions: literals, lists, quantifiers, case paths and inlined definitions.

use crate::ast::{ExprKind, Ident, QuantKind};
use crate::diag::did_you_mean;
use crate::schema;

use super::*;

impl Checker {
    pub(super) fn expr(&mut self, e: &ast::Expr, env: &mut Env) -> (CExpr, Ty) {
        let err = (CExpr::Const(Const::Bool(false)), Ty::Error);
        match &e.kind {
            ExprKind::Text(s) => (CExpr::Const(Const::Text(s.clone())), Ty::Text),
            ExprKind::Num(n) => (CExpr::Const(Const::Num(*n)), Ty::Num),
            ExprKind::Bool(b) => (CExpr::Const(Const::Bool(*b)), Ty::Bool),
            ExprKind::Date(d) => (CExpr::Const(Const::Date(*d)), Ty::Date),
            ExprKind::Duration(n, u) => (CExpr::Const(Const::Dur(*n, *u)), Ty::Dur),
            ExprKind::List(items) => {
                let mut out = Vec::new();
                let mut elem = Ty::Empty;
                for i in items {
                    let (c, t) = self.expr(i, env);
                    if elem == Ty::Empty || elem == Ty::Error {
                        elem = t;
                    } else if !elem.comparable(&t) {
                        self.error(
                            i.span.clone(),
                            format!(
                                "listans element måste ha samma typ: {} och {}",
                                elem.name(),
                                t.name()
                            ),
                        )
                        .with_label("annan typ än de andra");
                    }
                    out.push(c);
                }
                (CExpr::List(out), Ty::List(Box::new(elem)))
            }
            ExprKind::Path(segs) => self.path(segs, e, env),
            ExprKind::Not(inner) => {
                let c = self.condition(inner, env, "inte");
                (CExpr::Not(Box::new(c)), Ty::Bool)
            }
            ExprKind::Binary(op, l, r) => self.binary(*op, l, r, e, env),
            ExprKind::Call(name, args) => self.call(name, args, e, env),
            ExprKind::Quant {
                kind,
                var,
                list,
                list_span,
                cond,
            } => {
                let Some((lc, slot, cc)) = self.over_list(var, list, list_span, env, |cx, env| {
                    cond.as_ref().map(|c| Box::new(cx.condition(c, env, "där")))
                }) else {
                    return err;
                };
                let k = match kind {
                    QuantKind::Nagot => QKind::Nagot,
                    QuantKind::Varje => QKind::Varje,
                    QuantKind::Antal => QKind::Antal,
                };
                let ty = if k == QKind::Antal { Ty::Num } else { Ty::Bool };
                (
                    CExpr::Quant {
                        kind: k,
                        slot,
                        list: Box::new(lc),
                        cond: cc,
                    },
                    ty,
                )
            }
            ExprKind::Summa {
                term,
                var,
                list,
                list_span,
                cond,
            } => {
                let Some((lc, slot, (tc, cc))) =
                    self.over_list(var, list, list_span, env, |cx, env| {
                        let (tc, tt) = cx.expr(term, env);
                        if !matches!(tt, Ty::Num | Ty::Error) {
                            cx.error(
                                term.span.clone(),
                                format!("`summa` räknar ihop tal, men uttrycket är {}", tt.name()),
                            )
                            .with_label("inte ett tal");
                        }
                        let cc = cond.as_ref().map(|c| Box::new(cx.condition(c, env, "där")));
                        (tc, cc)
                    })
                else {
                    return err;
                };
                (
                    CExpr::Summa {
                        slot,
                        term: Box::new(tc),
                        list: Box::new(lc),
                        cond: cc,
                    },
                    Ty::Num,
                )
            }
        }
    }

    /// Check `body` with `var` bound to the items of the list path: the list, the
    /// variable's slot and what `body` returned; `None` if the path is not a list.
    fn over_list<T>(
        &mut self,
        var: &Ident,
        list: &[Ident],
        list_span: &Span,
        env: &mut Env,
        body: impl FnOnce(&mut Self, &mut Env) -> T,
    ) -> Option<(CExpr, usize, T)> {
        let (lc, elem) = self.list_source(list, list_span, env)?;
        let slot = env.vars.len();
        env.vars.push(Var {
            name: var.name.clone(),
            ty: elem,
        });
        let out = body(self, env);
        env.vars.pop();
        Some((lc, slot, out))
    }

    fn list_source(&mut self, list: &[Ident], span: &Span, env: &mut Env) -> Option<(CExpr, Ty)> {
        let e = ast::Expr {
            kind: ExprKind::Path(list.to_vec()),
            span: span.clone(),
        };
        let (c, ty) = self.expr(&e, env);
        match ty {
            Ty::List(elem) => Some((c, *elem)),
            Ty::Error => None,
            other => {
                let name = join(list);
                self.error(
                    span.clone(),
                    format!("`{name}` är {}, inte en lista", other.name()),
                )
                .with_label("kan inte gå igenom detta");
                None
            }
        }
    }

    fn path(&mut self, segs: &[Ident], e: &ast::Expr, env: &mut Env) -> (CExpr, Ty) {
        let err = (CExpr::Const(Const::Bool(false)), Ty::Error);
        let first = &segs[0];
        let (base, mut ty, mut steps, start) = if let Some(slot) =
            env.vars.iter().rposition(|v| v.name == first.name)
        {
            (Base::Var(slot), env.vars[slot].ty.clone(), Vec::new(), 1)
        } else if env.scope == ScopeKind::Beslut && first.name == "beslut" {
            (Base::Beslut, Ty::Rec(&schema::BESLUT), Vec::new(), 1)
        } else if env.scope == ScopeKind::Beslut && first.name == "sokt" {
            (Base::Sokt, Ty::Rec(&schema::SOKT_INSATS), Vec::new(), 1)
        } else if let Some((i, f)) = schema::ROOT.field(&first.name) {
            (Base::Root, Ty::from_field(f.ty), vec![Step::Field(i)], 1)
        } else if self.defs.contains_key(&first.name) && segs.len() == 1 {
            return self.inline_def(first, env);
        } else if let Some(&i) = self.list_index.get(&first.name).filter(|_| segs.len() == 1) {
            return (CExpr::NamedList(i), Ty::List(Box::new(Ty::Text)));
        } else {
            let mut candidates: Vec<String> = schema::ROOT
                .fields
                .iter()
                .map(|f| f.name.to_string())
                .collect();
            candidates.extend(self.defs.keys().cloned());
            candidates.extend(self.list_index.keys().cloned());
            candidates.extend(env.vars.iter().map(|v| v.name.clone()));
            if env.scope == ScopeKind::Beslut {
                candidates.push("sokt".into());
            }
            let hint = did_you_mean(&first.name, candidates.iter().map(String::as_str))
                .map(str::to_string);
            let d = self
                .error(first.span.clone(), format!("okänt namn `{}`", first.name))
                .with_label("inte ett fält i ärendet, en definition eller en lista");
            d.help = Some(match hint {
                Some(h) => format!("menade du `{h}`?"),
                None => "ärendets delar är: arende, sokande, ansokan, underlag, utredning, beslut, kvitteringar".into(),
            });
            if first.name == "sokt" || (first.name == "beslut" && segs.len() > 1) {
                d.notes.push(
                    "`beslut.x` och `sokt` finns bara i regelverk som gäller per beslut".into(),
                );
            }
            return err;
        };
        for seg in &segs[start..] {
            let (rec, through_list) = match &ty {
                Ty::Rec(r) => (*r, false),
                Ty::List(inner) => match **inner {
                    Ty::Rec(r) => (r, true),
                    _ => {
                        self.no_fields(seg, &ty, segs);
                        return err;
                    }
                },
                Ty::Error => return err,
                _ => {
                    self.no_fields(seg, &ty, segs);
                    return err;
                }
            };
            match rec.field(&seg.name) {
                Some((i, f)) => {
                    let fty = Ty::from_field(f.ty);
                    if through_list {
                        steps.push(Step::Project(i));
                        ty = match fty {
                            Ty::List(inner) => Ty::List(inner),
                            other => Ty::List(Box::new(other)),
                        };
                    } else {
                        steps.push(Step::Field(i));
                        ty = fty;
                    }
                }
                None => {
                    let hint = did_you_mean(&seg.name, rec.fields.iter().map(|f| f.name));
                    let fields: Vec<&str> = rec.fields.iter().map(|f| f.name).collect();
                    let prefix =
                        join(&segs[..segs.iter().position(|s| std::ptr::eq(s, seg)).unwrap_or(0)]);
                    let d = self
                        .error(
                            seg.span.clone(),
                            format!("okänt fält `{}` i `{prefix}`", seg.name),
                        )
                        .with_label("inget sådant fält i ärendeformatet");
                    d.help = Some(match hint {
                        Some(h) => format!("menade du `{prefix}.{h}`?"),
                        None => format!("`{prefix}` har fälten {}", fields.join(", ")),
                    });
                    return err;
                }
            }
        }
        let display = match base {
            Base::Root => join(segs),
            _ => segs[start..]
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>()
                .join("."),
        };
        let _ = e;
        (
            CExpr::Path {
                base,
                steps,
                display,
            },
            ty,
        )
    }

    fn no_fields(&mut self, seg: &Ident, ty: &Ty, segs: &[Ident]) {
        let name = join(segs);
        self.error(
            seg.span.clone(),
            format!("`{}` har inga fält: värdet före är {}", seg.name, ty.name()),
        )
        .with_label(format!("i `{name}`"));
    }

    fn inline_def(&mut self, name: &Ident, env: &mut Env) -> (CExpr, Ty) {
        if env.defs.contains(&name.name) {
            let chain = env.defs.join(" → ");
            self.error(
                name.span.clone(),
                format!("definitionen `{}` använder sig själv", name.name),
            )
            .with_label("cirkulär definition")
            .notes
            .push(format!("kedjan: {chain} → {}", name.name));
            return (CExpr::Const(Const::Bool(false)), Ty::Error);
        }
        let (expr, source) = {
            let g = &self.defs[&name.name];
            (g.item.expr.clone(), Arc::clone(&g.source))
        };
        let saved = self.current.replace(source);
        let saved_vars = std::mem::take(&mut env.vars);
        env.defs.push(name.name.clone());
        let before = self.errors.len();
        let result = self.expr(&expr, env);
        env.defs.pop();
        env.vars = saved_vars;
        self.current = saved;
        if self.errors.len() > before {
            if self.broken_defs.contains(&name.name) {
                // Already reported where the definition stands.
                self.errors.truncate(before);
            } else {
                // The errors point into the definition; say where it was used from.
                let (line, col) = self.src().line_col(name.span.start);
                let note = format!(
                    "definitionen `{}` används i {}:{line}:{col}",
                    name.name,
                    self.src().name
                );
                for d in &mut self.errors[before..] {
                    d.notes.push(note.clone());
                }
            }
            return (CExpr::Const(Const::Bool(false)), Ty::Error);
        }
        result
    }
}

fn join(segs: &[Ident]) -> String {
    segs.iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(".")
}
