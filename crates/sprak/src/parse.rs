//! Text → syntax tree. The only module that touches pest: the grammar in
//! `grammar/regler.pest` gives pairs, this module turns them into [`ast`](crate::ast) nodes with
//! spans, and turns pest's errors into [`Diagnostic`]s that say in Swedish what was
//! expected. Operator precedence is set here with a [`PrattParser`].

use std::sync::{Arc, LazyLock};

use chrono::NaiveDate;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::{Pair, Pairs};
use pest::pratt_parser::{Assoc, Op, PrattParser};
use pest::Parser;
use pest_derive::Parser;

use crate::ast::*;
use crate::diag::{Diagnostic, Source};

#[derive(Parser)]
#[grammar = "../../../grammar/regler.pest"]
struct RuleParser;

static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
});

/// Parse one rule file. On failure, the diagnostics say where and what was expected.
pub fn parse_file(source: &Arc<Source>) -> Result<File, Vec<Diagnostic>> {
    let mut pairs =
        RuleParser::parse(Rule::file, &source.text).map_err(|e| vec![syntax_error(source, &e)])?;
    let file = child(&mut pairs);
    let mut b = Builder {
        source,
        errors: Vec::new(),
    };
    let ast = b.file(file);
    if b.errors.is_empty() {
        Ok(ast)
    } else {
        Err(b.errors)
    }
}

fn describe(rule: &Rule) -> Option<&'static str> {
    use Rule::*;
    Some(match rule {
        EOI => "slutet av filen",
        header | kw_regelverk => "`regelverk` följt av regelverkets id",
        bibliotek | kw_bibliotek => "`bibliotek` följt av ett namn",
        h_titel | kw_titel => "`titel`",
        h_lag | kw_lag => "`lag`",
        law => "`LSS` eller `SoL`",
        h_version | kw_version => "`version`",
        h_giltig | kw_giltig => "`giltig från ÅÅÅÅ-MM-DD`",
        kw_fran => "`från`",
        kw_till => "`till`",
        h_forfattning | kw_forfattning => "`författning`",
        h_valjs | kw_valjs => "`väljs av`",
        h_galler | kw_galler => "`gäller`",
        scope_insats | kw_insats => "`insats`",
        scope_beslut => "`varje beslut`",
        scope_arende | kw_arendet => "`ärendet`",
        definition | kw_definition => "`definition`",
        tabell | kw_tabell => "`tabell`",
        tabell_rad => "en tabellrad `från ÅÅÅÅ-MM-DD gäller VÄRDE`",
        lista | kw_lista => "`lista`",
        regel | kw_regel => "`regel`",
        justering | kw_justera => "`justera`",
        r_kategori | kw_kategori => "`kategori`",
        r_allvarlighet | kw_allvarlighet => "`allvarlighet`",
        r_lagrum | kw_lagrum => "`lagrum`",
        r_grund | kw_grund => "`grund`",
        r_nar | kw_nar => "`när`",
        r_krav | kw_krav => "`kräv`",
        r_plats | kw_plats => "`plats`",
        r_meddelande | kw_meddelande => "`meddelande`",
        r_forklaring | kw_forklaring => "`förklaring`",
        r_ej_kvitterbar | kw_kan => "`kan inte kvitteras`",
        r_dokumentation | kw_dokumentation => "`dokumentation`",
        j_stang_av | kw_stang => "`stäng av`",
        j_skal | kw_skal => "`skäl`",
        expr => "ett uttryck",
        op_or | op_and | op_in | op_not_in | op_eq | op_ne | op_le | op_ge | op_lt | op_gt
        | op_add | op_sub => "en operator (`och`, `eller`, `=`, `<`, `i`, ...)",
        op_not | kw_inte => "`inte`",
        nagot | varje | antal | summa | kw_nagot | kw_varje | kw_antal | kw_summa | call
        | call_name | list_lit | date | duration | number | boolean | path => "ett uttryck",
        unit => "en tidsenhet: dagar, veckor, månader eller år",
        dotted_id | ident => "ett namn",
        string | short_string | long_string => "en text inom citattecken",
        template | tpl_text => "en text inom citattecken",
        tpl_hole => "`{uttryck}`",
        kw_i => "`i`",
        kw_dar => "`där`",
        kw_uppfyller => "`uppfyller`",
        kw_for => "`för`",
        kw_av => "`av`",
        kw_beslut => "`beslut`",
        _ => return None,
    })
}

fn syntax_error(source: &Arc<Source>, e: &pest::error::Error<Rule>) -> Diagnostic {
    let pos = match e.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let found = found_at(&source.text, pos);
    let expected = match &e.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut seen: Vec<&str> = Vec::new();
            for r in positives {
                if let Some(d) = describe(r) {
                    if !seen.contains(&d) {
                        seen.push(d);
                    }
                }
            }
            if seen.contains(&"ett uttryck") {
                // `inte` and literals are kinds of expression; say it once.
                seen.retain(|d| *d != "`inte`" && *d != "en text inom citattecken");
            }
            seen
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let end = pos + found.len();
    // pest's own limits: its guard against a stack overflow on deep nesting, and the
    // call budget (`pest::set_call_limit`) when one is set.
    if let ErrorVariant::CustomError { message } = &e.variant {
        let said = match message.as_str() {
            "stack limit reached" => Some("uttrycket är nästlat för djupt för att läsas"),
            "call limit reached" => Some("regelfilen tog för mycket arbete att läsa"),
            _ => None,
        };
        if let Some(said) = said {
            return Diagnostic::error(source, pos..end, said.to_string())
                .label("här gav läsningen upp".to_string());
        }
    }
    let message = format!("oväntat {}", found_desc(&found));
    let label = match expected.as_slice() {
        [] => "kan inte läsas här".to_string(),
        [one] => format!("förväntade {one}"),
        many => {
            let (last, rest) = many.split_last().expect("non-empty");
            format!("förväntade {} eller {last}", rest.join(", "))
        }
    };
    Diagnostic::error(source, pos..end, message).label(label)
}

fn found_at(text: &str, pos: usize) -> String {
    text.get(pos..)
        .unwrap_or("")
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .chars()
        .take(30)
        .collect()
}

fn found_desc(found: &str) -> String {
    if found.is_empty() {
        "slut på filen".to_string()
    } else {
        format!("`{found}`")
    }
}

struct Builder<'s> {
    source: &'s Arc<Source>,
    errors: Vec<Diagnostic>,
}

fn span(p: &Pair<'_, Rule>) -> Span {
    let s = p.as_span();
    s.start()..s.end()
}

fn ident(p: Pair<'_, Rule>) -> Ident {
    Ident {
        name: p.as_str().to_string(),
        span: span(&p),
    }
}

/// The next child of a pair whose grammar rule guarantees it.
// INVARIANT: called only where `grammar/regler.pest` makes the child mandatory, so
// a parse that succeeded always has it; bad input fails earlier, in pest.
fn child<'a>(pairs: &mut impl Iterator<Item = Pair<'a, Rule>>) -> Pair<'a, Rule> {
    pairs.next().expect("the grammar guarantees this child")
}

impl Builder<'_> {
    fn err(&mut self, span: Span, message: impl Into<String>, label: impl Into<String>) {
        self.errors
            .push(Diagnostic::error(self.source, span, message).label(label));
    }

    fn file(&mut self, p: Pair<'_, Rule>) -> File {
        let mut inner = p.into_inner();
        let header = self.header(child(&mut inner));
        let mut items = Vec::new();
        for p in inner {
            let item = match p.as_rule() {
                Rule::definition => {
                    let mut i = p.into_inner();
                    i.next(); // kw
                    let name = ident(child(&mut i));
                    let expr = self.expr(child(&mut i));
                    Item::Definition(Definition { name, expr })
                }
                Rule::tabell => Item::Tabell(self.tabell(p)),
                Rule::lista => {
                    let sp = span(&p);
                    let mut i = p.into_inner();
                    i.next();
                    let name = ident(child(&mut i));
                    let list = child(&mut i);
                    let items = list.into_inner().map(|e| self.expr(e)).collect();
                    Item::Lista(Lista {
                        name,
                        items,
                        span: sp,
                    })
                }
                Rule::regel => Item::Regel(self.regel(p)),
                Rule::justering => Item::Justering(self.justering(p)),
                Rule::EOI => continue,
                r => unreachable!("grammar: unexpected item {r:?}"),
            };
            items.push(item);
        }
        File { header, items }
    }

    fn header(&mut self, p: Pair<'_, Rule>) -> Header {
        let library = p.as_rule() == Rule::bibliotek;
        let mut inner = p.into_inner();
        inner.next(); // regelverk / bibliotek
        let id = ident(child(&mut inner));
        if library {
            let attrs = inner
                .next()
                .map(|s| vec![HeaderAttr::Titel(self.string(s))])
                .unwrap_or_default();
            return Header { library, id, attrs };
        }
        let mut attrs = Vec::new();
        for a in inner {
            let sp = span(&a);
            let rule = a.as_rule();
            let mut i = a.into_inner();
            i.next(); // keyword
            let attr = match rule {
                Rule::h_titel => HeaderAttr::Titel(self.string(child(&mut i))),
                Rule::h_version => HeaderAttr::Version(self.string(child(&mut i))),
                Rule::h_lag => HeaderAttr::Lag(i.map(ident).collect(), sp),
                Rule::h_giltig => {
                    i.next(); // från
                    let from = self.date(child(&mut i));
                    // `till` and its date, if present.
                    let to = i.next().map(|_till| self.date(child(&mut i)));
                    HeaderAttr::Giltig { from, to, span: sp }
                }
                Rule::h_forfattning => {
                    let sfs = self.string(child(&mut i));
                    let andrad = i.next().map(|_andrad| self.string(child(&mut i)));
                    HeaderAttr::Forfattning {
                        sfs,
                        andrad,
                        span: sp,
                    }
                }
                Rule::h_valjs => {
                    i.next(); // av
                    HeaderAttr::Valjs(ident(child(&mut i)))
                }
                Rule::h_galler => {
                    let s = child(&mut i);
                    let scope = match s.as_rule() {
                        Rule::scope_insats => {
                            let mut si = s.into_inner();
                            si.next();
                            Scope::Insats(si.map(ident).collect())
                        }
                        Rule::scope_beslut => Scope::VarjeBeslut,
                        _ => Scope::Arendet,
                    };
                    HeaderAttr::Galler(scope, sp)
                }
                r => unreachable!("grammar: header attr {r:?}"),
            };
            attrs.push(attr);
        }
        Header { library, id, attrs }
    }

    fn tabell(&mut self, p: Pair<'_, Rule>) -> Tabell {
        let mut i = p.into_inner().peekable();
        i.next();
        let name = ident(child(&mut i));
        let doc = match i.peek().map(|p| p.as_rule()) {
            Some(Rule::string) => Some(self.string(child(&mut i))),
            _ => None,
        };
        let mut rows = Vec::new();
        for row in i {
            let sp = span(&row);
            let mut r = row.into_inner();
            r.next(); // från
            let (d, _) = self.date(child(&mut r));
            r.next(); // gäller
            let v = self.expr_operand(child(&mut r));
            rows.push((d, v, sp));
        }
        Tabell { name, doc, rows }
    }

    fn regel(&mut self, p: Pair<'_, Rule>) -> Regel {
        let sp = span(&p);
        let mut inner = p.into_inner();
        inner.next();
        let name = ident(child(&mut inner));
        let mut attrs = Vec::new();
        for a in inner {
            let asp = span(&a);
            let rule = a.as_rule();
            let mut i = a.into_inner();
            i.next(); // keyword
            let attr = match rule {
                Rule::r_kategori => RegelAttr::Kategori(ident(child(&mut i))),
                Rule::r_allvarlighet => RegelAttr::Allvarlighet(ident(child(&mut i))),
                Rule::r_lagrum => RegelAttr::Lagrum(self.string(child(&mut i))),
                Rule::r_grund => {
                    let kind = ident(child(&mut i));
                    let src = i.next().map(|s| self.string(s));
                    RegelAttr::Grund(kind, src)
                }
                Rule::r_nar => RegelAttr::Nar(self.expr(child(&mut i))),
                Rule::r_krav => RegelAttr::Krav(self.expr(child(&mut i))),
                Rule::r_plats => RegelAttr::Plats(ident(child(&mut i))),
                Rule::r_meddelande => RegelAttr::Meddelande(self.template(child(&mut i))),
                Rule::r_forklaring => RegelAttr::Forklaring(self.template(child(&mut i))),
                Rule::r_ej_kvitterbar => RegelAttr::EjKvitterbar(asp),
                Rule::r_dokumentation => RegelAttr::Dokumentation(self.string(child(&mut i))),
                r => unreachable!("grammar: rule attr {r:?}"),
            };
            attrs.push(attr);
        }
        Regel {
            name,
            attrs,
            span: sp,
        }
    }

    fn justering(&mut self, p: Pair<'_, Rule>) -> Justering {
        let sp = span(&p);
        let mut inner = p.into_inner();
        inner.next();
        let rule = ident(child(&mut inner));
        let mut attrs = Vec::new();
        for a in inner {
            let asp = span(&a);
            let r = a.as_rule();
            let mut i = a.into_inner();
            i.next();
            attrs.push(match r {
                Rule::r_allvarlighet => JusteringAttr::Allvarlighet(ident(child(&mut i))),
                Rule::j_stang_av => JusteringAttr::StangAv(asp),
                Rule::j_skal => JusteringAttr::Skal(self.string(child(&mut i))),
                r => unreachable!("grammar: justering attr {r:?}"),
            });
        }
        Justering {
            rule,
            attrs,
            span: sp,
        }
    }

    fn date(&mut self, p: Pair<'_, Rule>) -> (NaiveDate, Span) {
        let sp = span(&p);
        match NaiveDate::parse_from_str(p.as_str(), "%Y-%m-%d") {
            Ok(d) => (d, sp),
            Err(_) => {
                self.err(
                    sp.clone(),
                    format!("ogiltigt datum `{}`", p.as_str()),
                    "datumet finns inte i kalendern",
                );
                (NaiveDate::MIN, sp)
            }
        }
    }

    fn string(&mut self, p: Pair<'_, Rule>) -> Str {
        let sp = span(&p);
        let inner = child(&mut p.into_inner());
        let value = match inner.as_rule() {
            Rule::long_string => {
                let text = inner.into_inner().next().map_or("", |t| t.as_str());
                dedent(text)
            }
            _ => unescape(inner.into_inner().next().map_or("", |t| t.as_str())),
        };
        Str { value, span: sp }
    }

    fn template(&mut self, p: Pair<'_, Rule>) -> Template {
        let sp = span(&p);
        let mut parts = Vec::new();
        for part in p.into_inner() {
            match part.as_rule() {
                Rule::tpl_text => {
                    let t = unescape(&part.as_str().replace("{{", "{").replace("}}", "}"));
                    parts.push(TemplatePart::Text(t));
                }
                Rule::tpl_hole => {
                    let e = child(&mut part.into_inner());
                    parts.push(TemplatePart::Hole(self.expr(e)));
                }
                r => unreachable!("grammar: template part {r:?}"),
            }
        }
        Template { parts, span: sp }
    }

    /// An `expr` pair: operands and operators, folded by precedence.
    fn expr(&mut self, p: Pair<'_, Rule>) -> Expr {
        self.pratt(p.into_inner())
    }

    fn pratt(&mut self, pairs: Pairs<'_, Rule>) -> Expr {
        // The Pratt parser's closures cannot borrow `self` mutably all at once, so
        // operands are built first through a RefCell-free detour: collect errors in a
        // local vector and merge them afterwards.
        let errors = std::cell::RefCell::new(Vec::new());
        let source = self.source;
        let result = PRATT
            .map_primary(|p| {
                let mut b = Builder {
                    source,
                    errors: Vec::new(),
                };
                let e = b.expr_operand(p);
                errors.borrow_mut().extend(b.errors);
                e
            })
            .map_prefix(|op, rhs| {
                let sp = span(&op).start..rhs.span.end;
                Expr {
                    kind: ExprKind::Not(Box::new(rhs)),
                    span: sp,
                }
            })
            .map_infix(|lhs, op, rhs| {
                let bop = match op.as_rule() {
                    Rule::op_or => BinOp::Or,
                    Rule::op_and => BinOp::And,
                    Rule::op_eq => BinOp::Eq,
                    Rule::op_ne => BinOp::Ne,
                    Rule::op_lt => BinOp::Lt,
                    Rule::op_le => BinOp::Le,
                    Rule::op_gt => BinOp::Gt,
                    Rule::op_ge => BinOp::Ge,
                    Rule::op_in => BinOp::In,
                    Rule::op_not_in => BinOp::NotIn,
                    Rule::op_add => BinOp::Add,
                    Rule::op_sub => BinOp::Sub,
                    r => unreachable!("grammar: infix {r:?}"),
                };
                let sp = lhs.span.start..rhs.span.end;
                Expr {
                    kind: ExprKind::Binary(bop, Box::new(lhs), Box::new(rhs)),
                    span: sp,
                }
            })
            .parse(pairs);
        self.errors.extend(errors.into_inner());
        result
    }

    fn expr_operand(&mut self, p: Pair<'_, Rule>) -> Expr {
        let sp = span(&p);
        let kind = match p.as_rule() {
            Rule::expr => return self.expr(p),
            Rule::path => ExprKind::Path(ident(p).segments()),
            Rule::number => ExprKind::Num(p.as_str().parse().unwrap_or(0.0)),
            Rule::boolean => ExprKind::Bool(p.as_str() == "sant"),
            Rule::date => ExprKind::Date(self.date(p).0),
            Rule::string => ExprKind::Text(self.string(p).value),
            Rule::duration => {
                let mut i = p.into_inner();
                let n = child(&mut i).as_str();
                let unit = match child(&mut i).as_str() {
                    "dag" | "dagar" => Unit::Dagar,
                    "vecka" | "veckor" => Unit::Veckor,
                    "månad" | "månader" => Unit::Manader,
                    _ => Unit::Ar,
                };
                match n.parse::<i64>() {
                    Ok(n) => ExprKind::Duration(n, unit),
                    Err(_) => {
                        self.err(
                            sp.clone(),
                            format!("ogiltig tidsrymd `{n}`"),
                            "en tidsrymd anges i hela dagar, veckor, månader eller år",
                        );
                        ExprKind::Duration(0, unit)
                    }
                }
            }
            Rule::list_lit => ExprKind::List(p.into_inner().map(|e| self.expr(e)).collect()),
            Rule::call => {
                let mut i = p.into_inner();
                let name = ident(child(&mut i));
                ExprKind::Call(name, i.map(|e| self.expr(e)).collect())
            }
            Rule::nagot | Rule::varje | Rule::antal => {
                let kind = match p.as_rule() {
                    Rule::nagot => QuantKind::Nagot,
                    Rule::varje => QuantKind::Varje,
                    _ => QuantKind::Antal,
                };
                let mut i = p.into_inner();
                i.next(); // kw
                let var = ident(child(&mut i));
                i.next(); // i
                let lp = child(&mut i);
                let list_span = span(&lp);
                let list = ident(lp).segments();
                i.next(); // där / uppfyller
                let cond = i.next().map(|c| Box::new(self.expr(c)));
                ExprKind::Quant {
                    kind,
                    var,
                    list,
                    list_span,
                    cond,
                }
            }
            Rule::summa => {
                let mut i = p.into_inner();
                i.next();
                let term = Box::new(self.expr_operand(child(&mut i)));
                i.next(); // för
                let var = ident(child(&mut i));
                i.next(); // i
                let lp = child(&mut i);
                let list_span = span(&lp);
                let list = ident(lp).segments();
                i.next(); // där
                let cond = i.next().map(|c| Box::new(self.expr(c)));
                ExprKind::Summa {
                    term,
                    var,
                    list,
                    list_span,
                    cond,
                }
            }
            r => unreachable!("grammar: operand {r:?}"),
        };
        Expr { kind, span: sp }
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A `"""` block loses its first and last blank line and the indentation common to
/// all its lines, so that it can be indented with the rule it belongs to.
pub fn dedent(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let end = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(start, |i| i + 1);
    let body = &lines[start..end.max(start)];
    let indent = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    body.iter()
        .map(|l| l.get(indent..).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<File, String> {
        let src = Source::new("t.regler", text);
        parse_file(&src).map_err(|d| crate::diag::render_all(&d))
    }

    const HEAD: &str = "regelverk t.x\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n";

    #[test]
    fn precedence_and_binds_tighter_than_or() {
        let f = parse(&format!("{HEAD}definition x = a eller b och inte c")).unwrap();
        let Item::Definition(d) = &f.items[0] else {
            panic!()
        };
        let ExprKind::Binary(BinOp::Or, _, rhs) = &d.expr.kind else {
            panic!("{:?}", d.expr)
        };
        assert!(matches!(rhs.kind, ExprKind::Binary(BinOp::And, _, _)));
    }

    #[test]
    fn durations_dates_and_not_in() {
        let f = parse(&format!(
            "{HEAD}definition x = beslut.datum - 24 månader >= 2020-01-31 och y inte i [\"a\", \"b\"]"
        ))
        .unwrap();
        let Item::Definition(d) = &f.items[0] else {
            panic!()
        };
        let ExprKind::Binary(BinOp::And, l, r) = &d.expr.kind else {
            panic!()
        };
        assert!(matches!(r.kind, ExprKind::Binary(BinOp::NotIn, _, _)));
        let ExprKind::Binary(BinOp::Ge, sub, _) = &l.kind else {
            panic!()
        };
        let ExprKind::Binary(BinOp::Sub, _, dur) = &sub.kind else {
            panic!()
        };
        assert_eq!(dur.kind, ExprKind::Duration(24, Unit::Manader));
    }

    #[test]
    fn template_holes_and_braces() {
        let f = parse(&format!(
            "{HEAD}regel r meddelande \"Ålder {{ålder(a, b)}} år {{{{x}}}}\""
        ))
        .unwrap();
        let Item::Regel(r) = &f.items[0] else {
            panic!()
        };
        let RegelAttr::Meddelande(t) = &r.attrs[0] else {
            panic!()
        };
        assert_eq!(t.parts.len(), 3);
        assert_eq!(t.parts[2], TemplatePart::Text(" år {x}".into()));
    }

    #[test]
    fn syntax_error_says_what_was_expected() {
        let e = parse(&format!("{HEAD}regel r kräv a och")).unwrap_err();
        assert!(e.contains("förväntade"), "{e}");
        assert!(e.contains("t.regler:5:"), "{e}");
    }

    #[test]
    fn long_strings_are_dedented() {
        assert_eq!(dedent("\n    a\n      b\n    "), "a\n  b");
    }
}
