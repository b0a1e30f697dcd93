//! Checked rules × one case → findings. Pure: no I/O, no name look-ups (names were
//! resolved by `check.rs`), no panics on any valid case.
//!
//! Missing data is a value here, not an error: a path the case does not have
//! evaluates to `Val::Missing` carrying the path, comparisons with it stay missing,
//! `och`/`eller` follow three-valued logic (false `och` missing is false), and
//! `finns(x)` turns it into `falskt`. A rule whose guard or requirement ends up
//! missing yields a finding that names what is missing: never a silent pass.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::ast::Unit;
use crate::case::{Case, Lag};
use crate::model::*;
use crate::omfattning;
use crate::report::{Acknowledged, Finding, RulesetUse, Severity};
use crate::schema::{self, Node};
use crate::textmatch::{self, Pattern, Prepared};

/// A runtime value.
#[derive(Debug, Clone, PartialEq)]
enum Val<'x> {
    /// Data the case lacks, with the full paths of what is missing.
    Missing(Vec<String>),
    Bool(bool),
    Num(f64),
    Text(&'x str),
    Date(NaiveDate),
    Dur(i64, Unit),
    List(Vec<Val<'x>>),
    /// A record of the case.
    Rec(&'x Node<'x>),
}

/// What a rule is evaluated against: the case, and for per-decision rule sets the
/// decision and the matching applied-for item.
struct Ctx<'x> {
    root: &'x Node<'x>,
    applicant_name: &'x str,
    beslut: Option<(&'x Node<'x>, usize)>,
    sokt: Option<(&'x Node<'x>, usize)>,
    base: &'x RuleBase,
    /// Quantifier variables: the item, the list expression it came from and its
    /// index there (its path is built only when a message needs it).
    vars: Vec<(&'x Node<'x>, &'x CExpr, usize)>,
    /// Texts already normalised for `nämner`, shared by every rule of one check.
    words: &'x TextCache,
}

/// A phrase list prepared for matching.
type PhraseList = Rc<[Rc<Pattern>]>;

/// Texts and phrases already prepared for `nämner`, shared by every rule of one
/// check, keyed by address and length. Every key points into the case or the rule
/// base, which both outlive the check, so a key never names two different strings.
#[derive(Default)]
struct TextCache {
    texts: std::cell::RefCell<HashMap<(usize, usize), Rc<Prepared>>>,
    phrases: std::cell::RefCell<HashMap<(usize, usize), Rc<Pattern>>>,
    /// Phrase lists read from the case (the rule base's own lists are prepared at
    /// load time), keyed by the address of the first phrase and the list's length.
    lists: std::cell::RefCell<HashMap<(usize, usize), PhraseList>>,
}

impl TextCache {
    fn text(&self, s: &str) -> Rc<Prepared> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(p) = self.texts.borrow().get(&key) {
            return Rc::clone(p);
        }
        let p = Rc::new(Prepared::new(s));
        self.texts.borrow_mut().insert(key, Rc::clone(&p));
        p
    }

    fn phrase(&self, s: &str) -> Rc<Pattern> {
        let key = (s.as_ptr() as usize, s.len());
        if let Some(p) = self.phrases.borrow().get(&key) {
            return Rc::clone(p);
        }
        let p = Rc::new(Pattern::new(s));
        self.phrases.borrow_mut().insert(key, Rc::clone(&p));
        p
    }

    /// The phrases of a list value (texts only).
    fn phrases(&self, list: &[Val<'_>]) -> PhraseList {
        let key = match list.first() {
            Some(Val::Text(first)) => Some((first.as_ptr() as usize, list.len())),
            _ => None,
        };
        if let Some(k) = key {
            if let Some(p) = self.lists.borrow().get(&k) {
                return Rc::clone(p);
            }
        }
        let ps: PhraseList = list
            .iter()
            .filter_map(|v| match v {
                Val::Text(p) => Some(self.phrase(p)),
                _ => None,
            })
            .collect();
        if let Some(k) = key {
            self.lists.borrow_mut().insert(k, Rc::clone(&ps));
        }
        ps
    }

    /// The texts of a `nämner` argument: one text, or the present texts of a list
    /// (a missing text in a list does not mention anything).
    fn texts(&self, v: &Val<'_>) -> Vec<Rc<Prepared>> {
        match v {
            Val::Text(t) => vec![self.text(t)],
            Val::List(items) => items.iter().flat_map(|i| self.texts(i)).collect(),
            _ => Vec::new(),
        }
    }
}

/// The result of evaluating every applicable rule set against one case.
pub struct Evaluation {
    pub findings: Vec<Finding>,
    pub used: Vec<RulesetUse>,
}

/// Evaluate all rule sets that apply to `case`.
pub fn evaluate(base: &RuleBase, case: &Case) -> Evaluation {
    evaluate_on(base, case, None)
}

/// [`evaluate`], with the rule-set versions chosen by `rule_date` instead of the
/// case's own dates when it is given: "what would these rules have said on that day",
/// for a decision drafted before a new version takes effect.
pub fn evaluate_on(base: &RuleBase, case: &Case, rule_date: Option<NaiveDate>) -> Evaluation {
    let root = schema::tree(case);
    let lag = case.arende.lag;
    let mut out = Evaluation {
        findings: Vec::new(),
        used: Vec::new(),
    };
    let Node::Record(fields) = &root else {
        unreachable!("schema::tree builds a record")
    };
    let decisions: Vec<&Node<'_>> = match &fields[schema::ROOT_BESLUT] {
        Node::List(items) => items.iter().collect(),
        _ => Vec::new(),
    };
    let applied: Vec<&Node<'_>> = match &fields[schema::ROOT_ANSOKAN] {
        Node::Record(a) => match &a[schema::ANSOKAN_INSATSER] {
            Node::List(items) => items.iter().collect(),
            _ => Vec::new(),
        },
        _ => Vec::new(),
    };
    let ids = set_ids(base, lag);
    let words = TextCache::default();
    let new_ctx = |beslut, sokt| Ctx {
        root: &root,
        applicant_name: &case.sokande.namn,
        beslut,
        sokt,
        base,
        vars: Vec::new(),
        words: &words,
    };

    // Rule sets that apply once per case.
    for id in &ids {
        let versions: Vec<&RuleSet> = base
            .sets
            .iter()
            .filter(|s| &s.id == id && s.scope == RuleScope::Arendet)
            .collect();
        if versions.is_empty() {
            continue;
        }
        let mut ctx = new_ctx(None, None);
        let date = rule_date
            .unwrap_or_else(|| case.beslut.first().map_or(case.ansokan.datum, |b| b.datum));
        run_version(&versions, date, "", None, &mut ctx, &mut out);
    }

    // Rule sets that apply per decision.
    for (i, (b, node)) in case.beslut.iter().zip(&decisions).enumerate() {
        let sokt = applied.iter().enumerate().find(
            |(_, n)| matches!(n, Node::Record(f) if f.first() == Some(&Node::Text(b.insats.id()))),
        );
        for id in &ids {
            let versions: Vec<&RuleSet> = base
                .sets
                .iter()
                .filter(|s| {
                    &s.id == id
                        && match &s.scope {
                            RuleScope::Insats(ins) => ins.contains(&b.insats),
                            RuleScope::VarjeBeslut => true,
                            RuleScope::Arendet => false,
                        }
                })
                .collect();
            if versions.is_empty() {
                continue;
            }
            let mut ctx = new_ctx(Some((node, i)), sokt.map(|(j, n)| (*n, j)));
            let date = match (rule_date, &versions[0].selector) {
                (Some(d), _) => d,
                (None, Selector::Path(e, _)) => match eval(e, &mut ctx) {
                    Val::Date(d) => d,
                    _ => b.datum,
                },
                (None, Selector::FirstDecisionDate) => b.datum,
            };
            let path = format!("beslut.{i}");
            run_version(
                &versions,
                date,
                &path,
                Some(b.insats.id()),
                &mut ctx,
                &mut out,
            );
        }
    }
    out.used
        .sort_by(|a, b| a.id.cmp(&b.id).then(a.valid_from.cmp(&b.valid_from)));
    out.used.dedup();
    out
}

/// The ids of the rule sets for this law, in a stable order.
fn set_ids(base: &RuleBase, lag: Lag) -> Vec<String> {
    let mut ids: Vec<String> = base
        .sets
        .iter()
        .filter(|s| s.applies_to_law(lag))
        .map(|s| s.id.clone())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn run_version<'x>(
    versions: &[&'x RuleSet],
    date: NaiveDate,
    path: &str,
    insats: Option<&str>,
    ctx: &mut Ctx<'x>,
    out: &mut Evaluation,
) {
    let Some(set) = versions.iter().find(|s| s.valid_on(date)) else {
        let id = &versions[0].id;
        let mut f = Finding::new(
            format!("{id}.ingen_version"),
            crate::report::Category::Decision,
            Severity::Warning,
            path,
            format!(
                "Inga regler i `{id}` gäller den {date}; beslutet har inte kontrollerats mot dem."
            ),
        );
        f.insats = insats.map(str::to_string);
        f.explanation = Some(format!(
            "Versionerna gäller {}.",
            versions
                .iter()
                .map(|s| match s.valid_to {
                    Some(to) => format!("{}–{to}", s.valid_from),
                    None => format!("från {}", s.valid_from),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ));
        out.findings.push(f);
        return;
    };
    out.used.push(RulesetUse {
        id: set.id.clone(),
        version: set.version.clone(),
        valid_from: set.valid_from.to_string(),
        valid_to: set.valid_to.map(|d| d.to_string()),
        source: set.source.clone(),
        hash: set.hash.clone(),
    });
    for rule in &set.rules {
        if let Some(f) = run_rule(rule, ctx, insats) {
            out.findings.push(f);
        }
    }
}

fn run_rule<'x>(rule: &'x Rule, ctx: &mut Ctx<'x>, insats: Option<&str>) -> Option<Finding> {
    let f = try_rule(rule, ctx, insats)?;
    if !rule.disabled {
        return Some(f);
    }
    // A rule a guideline switched off still shows where it would have fired, as
    // information with the guideline's reason (`adjusted`), so that nothing resting
    // on law disappears from the report without a trace. Where it would not have
    // fired, nothing was overridden and nothing is shown.
    Some(Finding {
        severity: Severity::Info,
        message: format!("Regeln är avstängd av en lokal riktlinje. {}", f.message),
        ..f
    })
}

fn try_rule<'x>(rule: &'x Rule, ctx: &mut Ctx<'x>, insats: Option<&str>) -> Option<Finding> {
    if let Some(g) = &rule.guard {
        match eval(g, ctx) {
            Val::Bool(true) => {}
            Val::Missing(m) => return Some(make_finding(rule, ctx, insats, m)),
            _ => return None,
        }
    }
    match eval(&rule.require, ctx) {
        Val::Bool(true) => None,
        Val::Missing(m) => Some(make_finding(rule, ctx, insats, m)),
        _ => Some(make_finding(rule, ctx, insats, Vec::new())),
    }
}

fn make_finding<'x>(
    rule: &'x Rule,
    ctx: &mut Ctx<'x>,
    insats: Option<&str>,
    missing: Vec<String>,
) -> Finding {
    let mut f = Finding::new(
        rule.id.clone(),
        rule.category,
        rule.severity,
        place_path(&rule.place, ctx),
        render(&rule.message, ctx),
    );
    f.insats = insats.map(str::to_string);
    f.lagrum = Some(rule.lagrum.clone());
    f.explanation = rule.explanation.as_ref().map(|t| render(t, ctx));
    f.basis = Some(rule.basis.as_str().to_string());
    f.adjusted = rule.adjusted.clone();
    if !missing.is_empty() {
        let mut missing = missing;
        missing.sort();
        missing.dedup();
        f.explanation = Some(format!(
            "Regeln kunde inte prövas eftersom ärendet saknar {}. Den kontrollerar: {}",
            missing.join(", "),
            f.message
        ));
        f.message = format!(
            "Uppgift saknas för att pröva regeln: {}.",
            missing.join(", ")
        );
        f.missing = missing;
    }
    f
}

fn place_path(p: &Place, ctx: &Ctx<'_>) -> String {
    let prefix = match p.base {
        PlaceBase::Root => String::new(),
        PlaceBase::Beslut => match ctx.beslut {
            Some((_, i)) => format!("beslut.{i}"),
            None => "beslut".into(),
        },
        PlaceBase::Sokt => match ctx.sokt {
            Some((_, j)) => format!("ansokan.insatser.{j}"),
            None => "ansokan.insatser".into(),
        },
    };
    match (prefix.is_empty(), p.rest.is_empty()) {
        (true, _) => p.rest.clone(),
        (false, true) => prefix,
        (false, false) => format!("{prefix}.{}", p.rest),
    }
}

fn render<'x>(t: &'x CTemplate, ctx: &mut Ctx<'x>) -> String {
    let mut out = String::new();
    for p in &t.parts {
        match p {
            CPart::Text(s) => out.push_str(s),
            CPart::Hole(e) => {
                let v = eval(e, ctx);
                show(&v, &mut out);
            }
        }
    }
    out
}

fn show(v: &Val<'_>, out: &mut String) {
    match v {
        Val::Missing(_) => out.push_str("(uppgift saknas)"),
        Val::Bool(b) => out.push_str(if *b { "ja" } else { "nej" }),
        Val::Num(n) => out.push_str(&fmt_num(*n)),
        Val::Text(s) => out.push_str(s.trim()),
        Val::Date(d) => out.push_str(&d.to_string()),
        Val::Dur(n, u) => out.push_str(&fmt_dur(*n, *u)),
        Val::List(items) => {
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                show(item, out);
            }
        }
        Val::Rec(_) => out.push_str("(post)"),
    }
}

/// Swedish number format: whole numbers without decimals, a decimal comma otherwise.
pub fn fmt_num(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{:.1}", n).replace('.', ",")
    }
}

fn fmt_dur(n: i64, u: Unit) -> String {
    let (one, many) = match u {
        Unit::Dagar => ("dag", "dagar"),
        Unit::Veckor => ("vecka", "veckor"),
        Unit::Manader => ("månad", "månader"),
        Unit::Ar => ("år", "år"),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

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
fn node_val<'x>(n: &'x Node<'x>, path: &dyn Fn() -> String) -> Val<'x> {
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

fn eval<'x>(e: &'x CExpr, ctx: &mut Ctx<'x>) -> Val<'x> {
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

/// Follow a path that ends on a single node (no projection).
fn walk<'x>(base: Base, steps: &[Step], ctx: &Ctx<'x>) -> Option<&'x Node<'x>> {
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
    let prefix = match base {
        Base::Root => return display.to_string(),
        Base::Beslut => ctx
            .beslut
            .map_or("beslut".to_string(), |(_, i)| format!("beslut.{i}")),
        Base::Sokt => ctx.sokt.map_or_else(
            || "ansokan.insatser (ingen ansökan om insatsen)".to_string(),
            |(_, j)| format!("ansokan.insatser.{j}"),
        ),
        Base::Var(slot) => match ctx.vars.get(slot) {
            Some((_, CExpr::Path { base, display, .. }, idx)) => {
                format!("{}.{idx}", path_string(*base, display, ctx))
            }
            _ => String::new(),
        },
    };
    if display.is_empty() {
        prefix
    } else {
        format!("{prefix}.{display}")
    }
}

fn path<'x>(base: Base, steps: &[Step], display: &str, ctx: &Ctx<'x>) -> Val<'x> {
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

fn shift(d: NaiveDate, n: i64, u: Unit) -> Option<NaiveDate> {
    let (months, days) = match u {
        Unit::Dagar => (0, n),
        Unit::Veckor => (0, n.checked_mul(7)?),
        Unit::Manader => (n, 0),
        Unit::Ar => (n.checked_mul(12)?, 0),
    };
    let d = if months >= 0 {
        d.checked_add_months(Months::new(u32::try_from(months).ok()?))?
    } else {
        d.checked_sub_months(Months::new(u32::try_from(-months).ok()?))?
    };
    if days >= 0 {
        d.checked_add_days(Days::new(u64::try_from(days).ok()?))
    } else {
        d.checked_sub_days(Days::new(u64::try_from(-days).ok()?))
    }
}

/// Whole years from `born` to `on` (a birthday on 29 February counts from 1 March).
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i64 {
    let mut years = i64::from(on.year() - born.year());
    if (on.month(), on.day()) < (born.month(), born.day()) {
        years -= 1;
    }
    years
}

fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let mut m = i64::from(b.year() - a.year()) * 12 + i64::from(b.month()) - i64::from(a.month());
    if b >= a && b.day() < a.day() {
        m -= 1;
    } else if b < a && b.day() > a.day() {
        m += 1;
    }
    m
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
}

fn call<'x>(f: Func, args: &'x [CExpr], ctx: &mut Ctx<'x>) -> Val<'x> {
    let vals: Vec<Val<'x>> = args.iter().map(|a| eval(a, ctx)).collect();
    if f == Func::Finns {
        return Val::Bool(match &vals[0] {
            Val::Missing(_) => false,
            Val::Text(s) => !s.trim().is_empty(),
            Val::List(l) => !l.is_empty(),
            _ => true,
        });
    }
    if matches!(f, Func::Namner | Func::TarUpp | Func::NamnerNara)
        && matches!(vals[0], Val::List(_))
    {
        // Over a list of texts, a missing text is one that does not mention.
        return namner(f, args, &vals, ctx);
    }
    let missing: Vec<String> = vals
        .iter()
        .filter_map(|v| match v {
            Val::Missing(m) => Some(m.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    if !missing.is_empty() {
        return Val::Missing(missing);
    }
    match (f, vals.as_slice()) {
        (Func::Alder, [Val::Date(a), Val::Date(b)]) => Val::Num(age_on(*a, *b) as f64),
        (Func::ManaderMellan, [Val::Date(a), Val::Date(b)]) => {
            Val::Num(months_between(*a, *b) as f64)
        }
        (Func::DagarMellan, [Val::Date(a), Val::Date(b)]) => {
            Val::Num(b.signed_duration_since(*a).num_days() as f64)
        }
        (Func::AntalOrd, [Val::Text(t)]) => Val::Num(words(t).count() as f64),
        (Func::Namner | Func::TarUpp | Func::NamnerNara, _) => namner(f, args, &vals, ctx),
        (Func::NamnerSokanden, [Val::Text(t)]) => {
            let name = ctx.applicant_name;
            let first = name.split_whitespace().next().unwrap_or("");
            let t = ctx.words.text(t);
            let named = |n: &str| {
                let p = Pattern::name(n);
                !p.is_empty() && t.contains(&p)
            };
            Val::Bool(named(name) || named(first))
        }
        (Func::Antal, [Val::List(l)]) => Val::Num(l.len() as f64),
        (Func::MatbarOmfattning, [Val::Text(t)]) => Val::Bool(omfattning::tolka(t).matbar()),
        (Func::JamforOmfattning, [Val::Text(a), Val::Text(b)]) => {
            use omfattning::Jamforelse::*;
            Val::Text(
                match omfattning::jamfor(&omfattning::tolka(a), &omfattning::tolka(b)) {
                    Lika => "lika",
                    Mindre => "mindre",
                    Storre => "större",
                    Ojamforbar => "ojämförbar",
                },
            )
        }
        // INVARIANT: the checker only lets through the argument types above.
        _ => Val::Missing(vec!["ett värde av rätt typ".into()]),
    }
}

/// `nämner` and `nämner_nära` once the texts are known to be present (a single
/// missing text has already become `Missing`).
fn namner<'x>(f: Func, args: &'x [CExpr], vals: &[Val<'x>], ctx: &Ctx<'x>) -> Val<'x> {
    let texts = ctx.words.texts(&vals[0]);
    match (f, vals) {
        (Func::Namner, [_, Val::List(phrases)]) => {
            let ps = Phrases::of(&args[1], phrases, ctx);
            Val::Bool(texts.iter().any(|t| ps.mentions(t)))
        }
        (Func::TarUpp, [_, Val::List(phrases)]) => {
            let ps = Phrases::of(&args[1], phrases, ctx);
            Val::Bool(texts.iter().any(|t| ps.takes_up(t)))
        }
        (Func::NamnerNara, [_, Val::List(a), Val::List(b), within]) => {
            let within = match within {
                Val::Num(n) if *n >= 0.0 => *n as usize,
                Val::Missing(m) => return Val::Missing(m.clone()),
                _ => 0,
            };
            let (a, b) = (Phrases::of(&args[1], a, ctx), Phrases::of(&args[2], b, ctx));
            let refs: Vec<&Prepared> = texts.iter().map(|t| &**t).collect();
            Val::Bool(match (&a, &b) {
                (Phrases::Loaded(a), Phrases::Loaded(b)) => textmatch::near(&refs, a, b, within),
                _ => {
                    let (a, b) = (a.owned(), b.owned());
                    textmatch::near(&refs, &a, &b, within)
                }
            })
        }
        // INVARIANT: the checker only lets through the argument types above.
        _ => Val::Missing(vec!["ett värde av rätt typ".into()]),
    }
}

/// The phrases of a text condition: prepared at load time for named and literal
/// lists, or now (through the check's cache) for phrases read from the case.
enum Phrases<'x> {
    Loaded(&'x [Pattern]),
    Now(PhraseList),
}

impl<'x> Phrases<'x> {
    fn of(arg: &'x CExpr, val: &[Val<'x>], ctx: &Ctx<'x>) -> Phrases<'x> {
        match arg {
            CExpr::NamedList(i) => Phrases::Loaded(&ctx.base.lists[*i].patterns),
            CExpr::Phrases(p) => Phrases::Loaded(&p.patterns),
            _ => Phrases::Now(ctx.words.phrases(val)),
        }
    }

    fn mentions(&self, t: &Prepared) -> bool {
        match self {
            Phrases::Loaded(ps) => t.mentions(ps),
            Phrases::Now(ps) => t.mentions(ps),
        }
    }

    fn takes_up(&self, t: &Prepared) -> bool {
        match self {
            Phrases::Loaded(ps) => t.takes_up(ps),
            Phrases::Now(ps) => t.takes_up(ps),
        }
    }

    fn owned(&self) -> Vec<Pattern> {
        match self {
            Phrases::Loaded(ps) => ps.to_vec(),
            Phrases::Now(ps) => ps.iter().map(|p| (**p).clone()).collect(),
        }
    }
}

/// Mark findings the case acknowledges, and report acknowledgements that cannot be
/// taken or that name a rule that did not fire.
pub fn apply_acknowledgements(case: &Case, base: &RuleBase, findings: &mut Vec<Finding>) {
    let mut extra = Vec::new();
    for (k, kv) in case.kvitteringar.iter().enumerate() {
        let mut matched = false;
        let mut refused = false;
        for f in findings.iter_mut().filter(|f| f.rule == kv.regel) {
            matched = true;
            let acknowledgeable = base
                .rules()
                .find(|(_, r)| r.id == kv.regel)
                .is_none_or(|(_, r)| r.acknowledgeable);
            if acknowledgeable {
                f.acknowledged = Some(Acknowledged {
                    reason: kv.skal.clone(),
                    by: kv.av.clone(),
                    date: kv.datum.map(|d| d.to_string()),
                });
            } else {
                refused = true;
            }
        }
        let path = format!("kvitteringar.{k}");
        if refused {
            let mut f = Finding::new(
                "beslutskoll.kvittering_ej_tillaten",
                crate::report::Category::Decision,
                Severity::Warning,
                path,
                format!(
                    "Regeln `{}` kan inte kvitteras; bristen måste rättas före beslut.",
                    kv.regel
                ),
            );
            f.explanation = Some(format!("Kvitteringens skäl: {}", kv.skal.trim()));
            extra.push(f);
        } else if !matched {
            let mut f = Finding::new(
                "beslutskoll.kvittering_utan_anmarkning",
                crate::report::Category::Decision,
                Severity::Info,
                path,
                format!(
                    "Kvitteringen gäller regeln `{}`, som inte gav någon anmärkning i ärendet.",
                    kv.regel
                ),
            );
            f.explanation =
                Some("Kvitteringen kan tas bort, eller så är regel-id:t felstavat.".into());
            extra.push(f);
        }
    }
    findings.extend(extra);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn age_counts_whole_years() {
        assert_eq!(age_on(d("2014-05-14"), d("2026-05-13")), 11);
        assert_eq!(age_on(d("2014-05-14"), d("2026-05-14")), 12);
        assert_eq!(age_on(d("2008-02-29"), d("2026-02-28")), 17);
        assert_eq!(age_on(d("2008-02-29"), d("2026-03-01")), 18);
    }

    #[test]
    fn months_between_counts_whole_months_both_ways() {
        assert_eq!(months_between(d("2024-03-02"), d("2026-03-01")), 23);
        assert_eq!(months_between(d("2024-03-02"), d("2026-03-02")), 24);
        assert_eq!(months_between(d("2026-03-02"), d("2024-03-02")), -24);
    }

    #[test]
    fn shifting_by_months_clamps_to_month_end() {
        assert_eq!(
            shift(d("2026-03-31"), -1, Unit::Manader),
            Some(d("2026-02-28"))
        );
        assert_eq!(
            shift(d("2026-01-01"), 2, Unit::Veckor),
            Some(d("2026-01-15"))
        );
        assert_eq!(shift(d("2026-01-01"), i64::MAX, Unit::Ar), None);
    }

    #[test]
    fn numbers_use_decimal_comma() {
        assert_eq!(fmt_num(12.0), "12");
        assert_eq!(fmt_num(3.5), "3,5");
    }
}
