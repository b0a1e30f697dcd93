//! Binary operators: `och`/`eller`, comparisons, `i`/`inte i` and arithmetic on
//! numbers and dates, and the diagnostics for mismatched types and enum values.

use crate::ast::{BinOp, ExprKind};
use crate::diag::did_you_mean;

use super::*;

impl Checker {
    pub(super) fn binary(
        &mut self,
        op: BinOp,
        l: &ast::Expr,
        r: &ast::Expr,
        e: &ast::Expr,
        env: &mut Env,
    ) -> (CExpr, Ty) {
        let err = (CExpr::Const(Const::Bool(false)), Ty::Error);
        match op {
            BinOp::And | BinOp::Or => {
                let lc = self.condition(l, env, op.as_str());
                let rc = self.condition(r, env, op.as_str());
                let c = if op == BinOp::And {
                    CExpr::And(Box::new(lc), Box::new(rc))
                } else {
                    CExpr::Or(Box::new(lc), Box::new(rc))
                };
                (c, Ty::Bool)
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let (lc, lt) = self.expr(l, env);
                let (rc, rt) = self.expr(r, env);
                let ordered = !matches!(op, BinOp::Eq | BinOp::Ne);
                let ok = if ordered {
                    matches!(
                        (&lt, &rt),
                        (Ty::Num, Ty::Num) | (Ty::Date, Ty::Date) | (Ty::Error, _) | (_, Ty::Error)
                    )
                } else {
                    lt.comparable(&rt)
                };
                if !ok {
                    self.type_mismatch(op, &lt, &rt, e);
                    return err;
                }
                self.enum_literal(&lt, r);
                self.enum_literal(&rt, l);
                let cmp = match op {
                    BinOp::Eq => Cmp::Eq,
                    BinOp::Ne => Cmp::Ne,
                    BinOp::Lt => Cmp::Lt,
                    BinOp::Le => Cmp::Le,
                    BinOp::Gt => Cmp::Gt,
                    _ => Cmp::Ge,
                };
                (CExpr::Cmp(cmp, Box::new(lc), Box::new(rc)), Ty::Bool)
            }
            BinOp::In | BinOp::NotIn => {
                let (lc, lt) = self.expr(l, env);
                let (rc, rt) = self.expr(r, env);
                let elem = match &rt {
                    Ty::List(inner) => (**inner).clone(),
                    Ty::Error => Ty::Error,
                    other => {
                        self.error(
                            r.span.clone(),
                            format!(
                                "efter `{}` ska det stå en lista, men här står {}",
                                op.as_str(),
                                other.name()
                            ),
                        )
                        .with_label("inte en lista")
                        .help = Some(
                            "skriv t.ex. `beslut.utfall i [\"avslag\", \"delvis_bifall\"]`".into(),
                        );
                        return err;
                    }
                };
                if !lt.comparable(&elem) {
                    self.type_mismatch(op, &lt, &rt, e);
                    return err;
                }
                if let (Ty::Enum(_), ExprKind::List(items)) = (&lt, &r.kind) {
                    for item in items {
                        self.enum_literal(&lt, item);
                    }
                }
                self.enum_literal(&elem, l);
                (
                    CExpr::In {
                        elem: Box::new(lc),
                        list: Box::new(rc),
                        negate: op == BinOp::NotIn,
                    },
                    Ty::Bool,
                )
            }
            BinOp::Add | BinOp::Sub => {
                let (lc, lt) = self.expr(l, env);
                let (rc, rt) = self.expr(r, env);
                let negate = op == BinOp::Sub;
                match (&lt, &rt) {
                    (Ty::Date, Ty::Dur) | (Ty::Error, Ty::Dur) | (Ty::Date, Ty::Error) => (
                        CExpr::DateShift {
                            date: Box::new(lc),
                            dur: Box::new(rc),
                            negate,
                        },
                        Ty::Date,
                    ),
                    (Ty::Num, Ty::Num) | (Ty::Num, Ty::Error) | (Ty::Error, Ty::Num) => (
                        CExpr::Arith {
                            lhs: Box::new(lc),
                            rhs: Box::new(rc),
                            negate,
                        },
                        Ty::Num,
                    ),
                    (Ty::Error, _) | (_, Ty::Error) => err,
                    _ => {
                        let d = self
                            .error(
                                e.span.clone(),
                                format!(
                                    "kan inte räkna {} {} {}",
                                    lt.name(),
                                    op.as_str(),
                                    rt.name()
                                ),
                            )
                            .with_label("typerna passar inte ihop");
                        d.help = Some(if lt == Ty::Date && rt == Ty::Date {
                            "använd `dagar_mellan(a, b)` eller `månader_mellan(a, b)` för tiden mellan två datum".into()
                        } else {
                            "datum ± tidsrymd (`beslut.datum - 24 månader`) eller tal ± tal".into()
                        });
                        err
                    }
                }
            }
        }
    }

    fn type_mismatch(&mut self, op: BinOp, lt: &Ty, rt: &Ty, e: &ast::Expr) {
        let d = self
            .error(
                e.span.clone(),
                format!("kan inte jämföra {} med {}", lt.name(), rt.name()),
            )
            .with_label(format!("`{}` mellan olika typer", op.as_str()));
        d.help = Some(match (lt, rt) {
            (Ty::List(_), other) | (other, Ty::List(_)) if !matches!(other, Ty::List(_)) => {
                "ena sidan är en lista med ett värde per element; använd `något x i ... där ...`, `varje x i ... uppfyller ...` eller `antal(...)`".into()
            }
            (Ty::Date, Ty::Num) | (Ty::Num, Ty::Date) => {
                "använd `ålder(född, dag)` eller `månader_mellan(a, b)` för att få ett tal av datum"
                    .into()
            }
            (Ty::Date, Ty::Dur) | (Ty::Dur, Ty::Date) => {
                "jämför datum med datum, t.ex. `d.datum >= ansokan.datum - 24 månader`".into()
            }
            _ => "båda sidor måste vara av samma slag: tal, text, datum eller sanningsvärde".into(),
        });
    }

    /// A text literal compared with an enumerated field must be one of its values.
    fn enum_literal(&mut self, ty: &Ty, other: &ast::Expr) {
        let Ty::Enum(values) = ty else { return };
        let ExprKind::Text(s) = &other.kind else {
            return;
        };
        if values.contains(&s.as_str()) {
            return;
        }
        let hint = did_you_mean(s, values.iter().copied());
        let d = self
            .error(
                other.span.clone(),
                format!("`{s}` är inte ett av fältets värden"),
            )
            .with_label(format!("möjliga värden: {}", values.join(", ")));
        if let Some(h) = hint {
            d.help = Some(format!("menade du `{h}`?"));
        }
    }
}
