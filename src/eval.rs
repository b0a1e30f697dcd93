//! Checked rules × one case → findings. Pure: no I/O, no name look-ups (names were
//! resolved by `check.rs`), no panics on any valid case.
//!
//! Missing data is a value here, not an error: a path the case does not have
//! evaluates to `Val::Missing` carrying the path, comparisons with it stay missing,
//! `och`/`eller` follow three-valued logic (false `och` missing is false), and
//! `finns(x)` turns it into `falskt`. A rule whose guard or requirement ends up
//! missing yields a finding that names what is missing: never a silent pass.

mod acknowledge;
mod expr;
mod functions;
mod path;
mod render;
mod text;

use chrono::NaiveDate;

use crate::ast::Unit;
use crate::case::{Case, Lag};
use crate::model::*;
use crate::report::{Finding, RulesetUse, Severity};
use crate::schema::{self, Node};

pub use acknowledge::apply_acknowledgements;
use expr::eval;
pub use functions::age_on;
pub use render::fmt_num;
use render::{place_path, render};
use text::TextCache;

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
