//! Calls: table look-ups by date and the built-in functions, with their arguments
//! and result types.

use crate::ast::Ident;
use crate::diag::did_you_mean;

use super::*;

impl Checker {
    pub(super) fn call(
        &mut self,
        name: &Ident,
        args: &[ast::Expr],
        e: &ast::Expr,
        env: &mut Env,
    ) -> (CExpr, Ty) {
        let err = (CExpr::Const(Const::Bool(false)), Ty::Error);
        let mut cargs = Vec::new();
        let mut tys = Vec::new();
        for a in args {
            let (c, t) = self.expr(a, env);
            cargs.push(c);
            tys.push(t);
        }
        if let Some((idx, vty)) = self.table_index.get(&name.name).cloned() {
            if args.len() != 1 || !matches!(tys[0], Ty::Date | Ty::Error) {
                self.error(
                    e.span.clone(),
                    format!("tabellen `{}` slås upp med ett datum", name.name),
                )
                .with_label(format!("skriv `{}(beslut.datum)`", name.name));
                return err;
            }
            let arg = cargs.pop().expect("one argument");
            return (CExpr::Table(idx, Box::new(arg)), vty);
        }
        let Some(&(_, func, doc)) = Func::ALL.iter().find(|(n, _, _)| *n == name.name) else {
            let mut names: Vec<&str> = Func::ALL.iter().map(|(n, _, _)| *n).collect();
            let tables: Vec<String> = self.table_index.keys().cloned().collect();
            names.extend(tables.iter().map(String::as_str));
            let hint = did_you_mean(&name.name, names.iter().copied());
            let d = self
                .error(name.span.clone(), format!("okänd funktion `{}`", name.name))
                .with_label("ingen funktion eller tabell med det namnet");
            d.help = Some(match hint {
                Some(h) => format!("menade du `{h}`?"),
                None => format!("funktionerna är: {}", names.join(", ")),
            });
            return err;
        };
        use Ty::*;
        let expected: &[&[Ty]] = match func {
            Func::Finns => &[&[]],
            Func::Alder | Func::ManaderMellan | Func::DagarMellan => &[&[Date], &[Date]],
            Func::AntalOrd | Func::NamnerSokanden | Func::MatbarOmfattning => &[&[Text]],
            Func::JamforOmfattning => &[&[Text], &[Text]],
            Func::Namner | Func::TarUpp => &[&[Text], &[]],
            Func::NamnerNara => &[&[Text], &[], &[], &[Num]],
            Func::Antal => &[&[]],
        };
        if args.len() != expected.len() {
            self.error(
                e.span.clone(),
                format!(
                    "`{}` tar {} argument, men fick {}",
                    name.name,
                    expected.len(),
                    args.len()
                ),
            )
            .with_label(doc.to_string());
            return err;
        }
        for (i, (want, got)) in expected.iter().zip(&tys).enumerate() {
            let ok = match (func, i) {
                (Func::Finns, _) => true,
                (Func::Namner | Func::TarUpp | Func::NamnerNara, 0) => {
                    got.is_texty()
                        || *got == Error
                        || matches!(got, List(inner) if inner.is_texty() || **inner == Error)
                }
                (Func::Antal, _) | (Func::Namner | Func::TarUpp, 1) | (Func::NamnerNara, 1 | 2) => {
                    matches!(got, List(_) | Error)
                        && (func == Func::Antal
                            || matches!(got, List(inner) if inner.is_texty() || **inner == Empty)
                            || *got == Error)
                }
                _ => {
                    *got == Error
                        || want
                            .iter()
                            .any(|w| w == got || (w.is_texty() && got.is_texty()))
                }
            };
            if !ok {
                let wanted = match (func, i) {
                    (Func::Antal, _) => "en lista".to_string(),
                    (Func::Namner | Func::TarUpp | Func::NamnerNara, 0) => {
                        "en text eller en lista med texter".to_string()
                    }
                    (Func::Namner | Func::TarUpp, 1) | (Func::NamnerNara, 1 | 2) => {
                        "en lista med texter".to_string()
                    }
                    _ => want
                        .iter()
                        .map(Ty::name)
                        .collect::<Vec<_>>()
                        .join(" eller "),
                };
                self.error(
                    args[i].span.clone(),
                    format!(
                        "argument {} till `{}` ska vara {wanted}, men är {}",
                        i + 1,
                        name.name,
                        got.name()
                    ),
                )
                .with_label(doc.to_string());
                return err;
            }
        }
        let ty = match func {
            Func::Finns
            | Func::Namner
            | Func::TarUpp
            | Func::NamnerNara
            | Func::NamnerSokanden
            | Func::MatbarOmfattning => Bool,
            Func::JamforOmfattning => Text,
            Func::Alder
            | Func::ManaderMellan
            | Func::DagarMellan
            | Func::AntalOrd
            | Func::Antal => Num,
        };
        (CExpr::Call(func, cargs), ty)
    }
}
