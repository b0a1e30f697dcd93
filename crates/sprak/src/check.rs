//! Syntax trees → checked rule model. Resolves every name (case fields against
//! [`schema::ROOT`], definitions, tables, lists, functions, insats ids), types every
//! expression, validates headers and rule attributes and the validity periods of
//! versions, and applies municipal adjustments. It collects *all* errors of all
//! files before giving up, each a [`Diagnostic`] with a caret under its cause.
//!
//! Definitions are global to a rule folder and are inlined where they are used, so a
//! definition such as `barn` that reads `beslut.datum` works in every rule that runs
//! per decision, and using it in a rule set that runs once per case is an error.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Days, NaiveDate};
use sha2::{Digest, Sha256};

use crate::ast::{self, BinOp, ExprKind, HeaderAttr, Ident, Item, QuantKind, RegelAttr, Span};
use crate::case::{Insats, Lag};
use crate::diag::{did_you_mean, Diagnostic, Source};
use crate::model::*;
use crate::report::{Category, Severity};
use crate::schema::{self, FieldTy, Record};

/// One parsed rule file and where it came from.
pub struct Input {
    pub source: Arc<Source>,
    pub file: ast::File,
    /// True for a municipal guideline folder layered over the national rules.
    pub local: bool,
}

/// The checked rule base and the warnings found on the way, or every error.
pub fn check(inputs: &[Input]) -> Result<(RuleBase, Vec<Diagnostic>), Vec<Diagnostic>> {
    let outcome = check_all(inputs);
    match outcome.rules {
        Some(rules) => Ok((rules, outcome.warnings)),
        None => Err(outcome.errors),
    }
}

/// Everything the checker found: the rule base if there were no errors, and the
/// errors and warnings both (`rules check` shows warnings also when there are errors).
pub struct Outcome {
    pub rules: Option<RuleBase>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Check rule files and keep every error and every warning.
pub fn check_all(inputs: &[Input]) -> Outcome {
    let mut cx = Checker::default();
    cx.collect_globals(inputs);
    let mut sets = Vec::new();
    for input in inputs {
        if let Some(set) = cx.rule_set(input) {
            sets.push(set);
        }
    }
    cx.check_versions(&sets, inputs);
    cx.apply_adjustments(&mut sets, inputs);
    let rules = cx.errors.is_empty().then(|| {
        sets.sort_by(|a, b| a.id.cmp(&b.id).then(a.valid_from.cmp(&b.valid_from)));
        let mut lists = cx.lists;
        prepare_phrases(&mut sets, &mut lists);
        RuleBase {
            sets,
            tables: cx.tables,
            lists,
        }
    });
    Outcome {
        rules,
        errors: cx.errors,
        warnings: cx.warnings,
    }
}

/// Prepare the phrases of text conditions once, at load time: every named list, and
/// every literal list of texts given as a phrase list to `nämner`, `tar_upp` or
/// `nämner_nära`.
fn prepare_phrases(sets: &mut [RuleSet], lists: &mut [NamedList]) {
    use crate::textmatch::Pattern;
    for l in lists.iter_mut() {
        l.patterns = l.items.iter().map(|s| Pattern::new(s)).collect();
    }
    fn walk(e: &mut CExpr) {
        match e {
            CExpr::Call(f, args) => {
                let phrase_args = match f {
                    Func::Namner | Func::TarUpp => 1..2,
                    Func::NamnerNara => 1..3,
                    _ => 0..0,
                };
                for (i, a) in args.iter_mut().enumerate() {
                    if phrase_args.contains(&i) {
                        if let CExpr::List(items) = a {
                            let texts: Option<Vec<String>> = items
                                .iter()
                                .map(|c| match c {
                                    CExpr::Const(Const::Text(t)) => Some(t.clone()),
                                    _ => None,
                                })
                                .collect();
                            if let Some(texts) = texts.filter(|t| !t.is_empty()) {
                                let patterns = texts.iter().map(|t| Pattern::new(t)).collect();
                                *a = CExpr::Phrases(std::sync::Arc::new(PhraseConst {
                                    items: texts,
                                    patterns,
                                }));
                                continue;
                            }
                        }
                    }
                    walk(a);
                }
            }
            CExpr::List(items) => items.iter_mut().for_each(walk),
            CExpr::Not(x) => walk(x),
            CExpr::And(a, b) | CExpr::Or(a, b) | CExpr::Cmp(_, a, b) => {
                walk(a);
                walk(b);
            }
            CExpr::In { elem, list, .. } => {
                walk(elem);
                walk(list);
            }
            CExpr::DateShift { date, dur, .. } => {
                walk(date);
                walk(dur);
            }
            CExpr::Arith { lhs, rhs, .. } => {
                walk(lhs);
                walk(rhs);
            }
            CExpr::Table(_, x) => walk(x),
            CExpr::Quant { list, cond, .. } => {
                walk(list);
                if let Some(c) = cond {
                    walk(c);
                }
            }
            CExpr::Summa {
                term, list, cond, ..
            } => {
                walk(term);
                walk(list);
                if let Some(c) = cond {
                    walk(c);
                }
            }
            CExpr::Const(_) | CExpr::Path { .. } | CExpr::NamedList(_) | CExpr::Phrases(_) => {}
        }
    }
    for set in sets {
        for r in &mut set.rules {
            if let Some(g) = &mut r.guard {
                walk(g);
            }
            walk(&mut r.require);
            for t in [Some(&mut r.message), r.explanation.as_mut()]
                .into_iter()
                .flatten()
            {
                for p in &mut t.parts {
                    if let CPart::Hole(e) = p {
                        walk(e);
                    }
                }
            }
        }
    }
}

/// The type of an expression, for checking only.
#[derive(Debug, Clone, PartialEq)]
enum Ty {
    Bool,
    Num,
    Text,
    Date,
    Dur,
    Enum(&'static [&'static str]),
    List(Box<Ty>),
    Rec(&'static Record),
    /// The element type of `[]`.
    Empty,
    /// After an error: compatible with everything, so one mistake is reported once.
    Error,
}

impl Ty {
    fn from_field(f: FieldTy) -> Ty {
        match f {
            FieldTy::Bool => Ty::Bool,
            FieldTy::Num => Ty::Num,
            FieldTy::Text => Ty::Text,
            FieldTy::Date => Ty::Date,
            FieldTy::Enum(v) => Ty::Enum(v),
            FieldTy::List(inner) => Ty::List(Box::new(Ty::from_field(*inner))),
            FieldTy::Record(r) => Ty::Rec(r),
        }
    }

    fn name(&self) -> String {
        match self {
            Ty::Bool => "ett sanningsvärde".into(),
            Ty::Num => "ett tal".into(),
            Ty::Text => "en text".into(),
            Ty::Date => "ett datum".into(),
            Ty::Dur => "en tidsrymd".into(),
            Ty::Enum(_) => "ett av ett antal bestämda värden".into(),
            Ty::List(inner) => format!("en lista ({})", inner.name()),
            Ty::Rec(r) => format!("en post (`{}`)", r.name),
            Ty::Empty => "en tom lista".into(),
            Ty::Error => "okänd typ".into(),
        }
    }

    fn is_texty(&self) -> bool {
        matches!(self, Ty::Text | Ty::Enum(_))
    }

    /// Can values of these two types be compared for equality?
    fn comparable(&self, other: &Ty) -> bool {
        match (self, other) {
            (Ty::Error, _) | (_, Ty::Error) | (Ty::Empty, _) | (_, Ty::Empty) => true,
            (a, b) if a.is_texty() && b.is_texty() => true,
            (Ty::List(a), Ty::List(b)) => a.comparable(b),
            (a, b) => a == b,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum ScopeKind {
    /// Per decision: `beslut` is the decision, `sokt` the applied-for item.
    Beslut,
    /// Once per case: `beslut` is the list of decisions.
    Arende,
}

struct Var {
    name: String,
    ty: Ty,
}

struct Env {
    scope: ScopeKind,
    vars: Vec<Var>,
    /// Definitions being inlined, to stop cycles.
    defs: Vec<String>,
}

struct Global<T> {
    item: T,
    source: Arc<Source>,
}

#[derive(Default)]
struct Checker {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    defs: HashMap<String, Global<ast::Definition>>,
    table_index: HashMap<String, (usize, Ty)>,
    tables: Vec<Table>,
    list_index: HashMap<String, usize>,
    lists: Vec<NamedList>,
    /// Definitions that failed their own check; their uses are not reported again.
    broken_defs: Vec<String>,
    /// Which source is being checked (for diagnostics).
    current: Option<Arc<Source>>,
}

const CATEGORIES: [(&str, Category); 5] = [
    ("förutsättningar", Category::Eligibility),
    ("utredning", Category::Investigation),
    ("underlag", Category::Documentation),
    ("beslut", Category::Decision),
    ("kopia", Category::Copy),
];
const SEVERITIES: [(&str, Severity); 3] = [
    ("fel", Severity::Error),
    ("varning", Severity::Warning),
    ("info", Severity::Info),
];

fn is_snake_ascii(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.starts_with(|c: char| c.is_ascii_lowercase())
}

impl Checker {
    fn src(&self) -> &Arc<Source> {
        self.current.as_ref().expect("checker: a source is set")
    }

    fn error(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(self.src(), span, message);
        self.errors.push(d);
        self.errors.last_mut().expect("just pushed")
    }

    fn warning(&mut self, span: Span, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.src(), span, message);
        self.warnings.push(d);
        self.warnings.last_mut().expect("just pushed")
    }

    // ------------------------------------------------------------ globals

    fn collect_globals(&mut self, inputs: &[Input]) {
        let mut seen: HashMap<String, (Arc<Source>, Span)> = HashMap::new();
        // Definitions first: tables and lists are plain data, definitions are inlined.
        for input in inputs {
            self.current = Some(Arc::clone(&input.source));
            for item in &input.file.items {
                let (name, local_merge) = match item {
                    Item::Definition(d) => (&d.name, false),
                    Item::Tabell(t) => (&t.name, false),
                    Item::Lista(l) => (&l.name, input.local),
                    Item::Regel(_) | Item::Justering(_) => continue,
                };
                if let Some((src, span)) = seen.get(&name.name) {
                    if local_merge && self.list_index.contains_key(&name.name) {
                        // A guideline may add phrases to a national list.
                    } else {
                        let (line, col) = src.line_col(span.start);
                        let note = format!("det första står i {}:{line}:{col}", src.name);
                        self.error(
                            name.span.clone(),
                            format!("namnet `{}` används redan", name.name),
                        )
                        .with_label("definierat en gång till här")
                        .notes
                        .push(note);
                        continue;
                    }
                } else {
                    seen.insert(
                        name.name.clone(),
                        (Arc::clone(&input.source), name.span.clone()),
                    );
                }
                match item {
                    Item::Definition(d) => {
                        self.defs.insert(
                            d.name.name.clone(),
                            Global {
                                item: d.clone(),
                                source: Arc::clone(&input.source),
                            },
                        );
                    }
                    Item::Tabell(t) => self.table(t),
                    Item::Lista(l) => self.list(l),
                    _ => {}
                }
            }
        }
        // Each definition on its own, in the widest scope, so a mistake in an unused
        // definition is still found, and found once.
        let mut names: Vec<String> = self.defs.keys().cloned().collect();
        names.sort();
        for name in names {
            let (expr, source) = {
                let g = &self.defs[&name];
                (g.item.expr.clone(), Arc::clone(&g.source))
            };
            self.current = Some(source);
            let before = self.errors.len();
            let mut env = Env {
                scope: ScopeKind::Beslut,
                vars: Vec::new(),
                defs: vec![name.clone()],
            };
            self.expr(&expr, &mut env);
            if self.errors.len() > before {
                self.broken_defs.push(name);
            }
        }
    }

    fn table(&mut self, t: &ast::Tabell) {
        let mut rows = Vec::new();
        let mut ty: Option<Ty> = None;
        for (date, value, span) in &t.rows {
            let c = match &value.kind {
                ExprKind::Num(n) => (Const::Num(*n), Ty::Num),
                ExprKind::Text(s) => (Const::Text(s.clone()), Ty::Text),
                ExprKind::Date(d) => (Const::Date(*d), Ty::Date),
                ExprKind::Duration(n, u) => (Const::Dur(*n, *u), Ty::Dur),
                ExprKind::Bool(b) => (Const::Bool(*b), Ty::Bool),
                _ => {
                    self.error(
                        value.span.clone(),
                        "ett tabellvärde måste vara ett fast värde",
                    )
                    .with_label("inte ett tal, en text, ett datum eller en tidsrymd");
                    continue;
                }
            };
            match &ty {
                Some(t0) if *t0 != c.1 => {
                    let msg = format!(
                        "tabellens värden måste ha samma typ: {} och {}",
                        t0.name(),
                        c.1.name()
                    );
                    self.error(span.clone(), msg)
                        .with_label("annan typ än första raden");
                }
                _ => ty = Some(c.1.clone()),
            }
            rows.push((*date, c.0));
        }
        rows.sort_by_key(|r| r.0);
        for w in rows.windows(2) {
            if w[0].0 == w[1].0 {
                self.error(
                    t.name.span.clone(),
                    format!("tabellen `{}` har två rader från {}", t.name.name, w[0].0),
                )
                .with_label("varje datum får bara förekomma en gång");
            }
        }
        self.table_index.insert(
            t.name.name.clone(),
            (self.tables.len(), ty.unwrap_or(Ty::Error)),
        );
        self.tables.push(Table {
            name: t.name.name.clone(),
            doc: t.doc.as_ref().map(|d| d.value.clone()),
            rows,
        });
    }

    fn list(&mut self, l: &ast::Lista) {
        let mut items = Vec::new();
        for e in &l.items {
            match &e.kind {
                ExprKind::Text(s) => items.push(s.clone()),
                _ => {
                    self.error(e.span.clone(), "en lista får bara innehålla texter")
                        .with_label("inte en text inom citattecken");
                }
            }
        }
        if let Some(&i) = self.list_index.get(&l.name.name) {
            self.lists[i].items.extend(items);
            return;
        }
        self.list_index
            .insert(l.name.name.clone(), self.lists.len());
        self.lists.push(NamedList {
            name: l.name.name.clone(),
            items,
            patterns: std::sync::Arc::from(Vec::new()),
        });
    }

    // ------------------------------------------------------------ rule sets

    fn rule_set(&mut self, input: &Input) -> Option<RuleSet> {
        self.current = Some(Arc::clone(&input.source));
        let before = self.errors.len();
        let h = &input.file.header;
        if h.library {
            for item in &input.file.items {
                if let Item::Regel(r) = item {
                    self.error(
                        r.name.span.clone(),
                        "ett `bibliotek` kan inte innehålla regler",
                    )
                    .with_label("regeln hör hemma i ett `regelverk`")
                    .help = Some(
                        "biblioteket delar definitioner, tabeller och listor mellan regelverken"
                            .into(),
                    );
                }
            }
            return None;
        }
        if input.local && !h.id.name.starts_with("lokal.") {
            self.warning(
                h.id.span.clone(),
                format!("regelverket `{}` i en lokal riktlinjemapp börjar inte med `lokal.`", h.id.name),
            )
            .help = Some("ge kommunens regelverk ett eget namn, t.ex. `lokal.exempelkommun.ledsagarservice`, så att de inte förväxlas med de nationella".into());
        }
        if !h.id.name.split('.').all(is_snake_ascii) {
            self.warning(h.id.span.clone(), format!("regelverkets id `{}` följer inte namnschemat", h.id.name))
                .help = Some("använd små bokstäver a–z, siffror och `_`, med punkt mellan delarna: `lss.korttidsvistelse`".into());
        }
        let mut title = None;
        let mut laws: Option<Vec<Lag>> = None;
        let mut version = None;
        let mut valid: Option<(NaiveDate, Option<NaiveDate>)> = None;
        let mut statute = None;
        let mut amended = None;
        let mut selector_path: Option<&Ident> = None;
        let mut scope: Option<RuleScope> = None;
        let mut seen: Vec<&'static str> = Vec::new();
        for attr in &h.attrs {
            let (key, span) = match attr {
                HeaderAttr::Titel(s) => ("titel", s.span.clone()),
                HeaderAttr::Lag(_, sp) => ("lag", sp.clone()),
                HeaderAttr::Version(s) => ("version", s.span.clone()),
                HeaderAttr::Giltig { span, .. } => ("giltig", span.clone()),
                HeaderAttr::Forfattning { span, .. } => ("författning", span.clone()),
                HeaderAttr::Valjs(p) => ("väljs av", p.span.clone()),
                HeaderAttr::Galler(_, sp) => ("gäller", sp.clone()),
            };
            if seen.contains(&key) {
                self.error(
                    span,
                    format!("`{key}` anges två gånger i regelverkets huvud"),
                )
                .with_label("andra gången");
                continue;
            }
            seen.push(key);
            match attr {
                HeaderAttr::Titel(s) => title = Some(s.value.clone()),
                HeaderAttr::Lag(ids, _) => {
                    laws = Some(
                        ids.iter()
                            .map(|i| if i.name == "LSS" { Lag::Lss } else { Lag::Sol })
                            .collect(),
                    )
                }
                HeaderAttr::Version(s) => version = Some(s.value.clone()),
                HeaderAttr::Giltig { from, to, .. } => {
                    if let Some((t, tsp)) = to {
                        if *t < from.0 {
                            self.error(
                                tsp.clone(),
                                format!("giltighetstiden slutar {t}, före början {}", from.0),
                            )
                            .with_label("slutdatum före startdatum");
                        }
                    }
                    valid = Some((from.0, to.as_ref().map(|t| t.0)));
                }
                HeaderAttr::Forfattning { sfs, andrad, .. } => {
                    statute = Some(sfs.value.clone());
                    amended = andrad.as_ref().map(|a| a.value.clone());
                }
                HeaderAttr::Valjs(p) => selector_path = Some(p),
                HeaderAttr::Galler(s, _) => {
                    scope = Some(match s {
                        ast::Scope::Insats(ids) => {
                            let mut out = Vec::new();
                            for id in ids {
                                match Insats::from_id(&id.name) {
                                    Some(i) => out.push(i),
                                    None => {
                                        let hint =
                                            did_you_mean(&id.name, schema::INSATS.iter().copied());
                                        let d = self
                                            .error(
                                                id.span.clone(),
                                                format!("okänd insats `{}`", id.name),
                                            )
                                            .with_label("inte ett insats-id i ärendeformatet");
                                        d.help = Some(match hint {
                                            Some(h) => format!("menade du `{h}`?"),
                                            None => format!(
                                                "kända insatser: {}",
                                                schema::INSATS.join(", ")
                                            ),
                                        });
                                    }
                                }
                            }
                            RuleScope::Insats(out)
                        }
                        ast::Scope::VarjeBeslut => RuleScope::VarjeBeslut,
                        ast::Scope::Arendet => RuleScope::Arendet,
                    })
                }
            }
        }
        for (key, present, example) in [
            (
                "titel",
                title.is_some(),
                "titel \"Korttidsvistelse (9 § 6 LSS)\"",
            ),
            ("lag", laws.is_some(), "lag LSS"),
            ("version", version.is_some(), "version \"2026.1\""),
            ("giltig", valid.is_some(), "giltig från 2023-01-01"),
            ("gäller", scope.is_some(), "gäller insats korttidsvistelse"),
        ] {
            if !present {
                self.error(
                    h.id.span.clone(),
                    format!("regelverket `{}` saknar `{key}`", h.id.name),
                )
                .with_label("här börjar regelverket")
                .help = Some(format!("lägg till en rad i huvudet, t.ex. `{example}`"));
            }
        }
        let scope = scope.unwrap_or(RuleScope::VarjeBeslut);
        let scope_kind = if scope == RuleScope::Arendet {
            ScopeKind::Arende
        } else {
            ScopeKind::Beslut
        };
        if let (RuleScope::Insats(ins), Some(laws)) = (&scope, &laws) {
            for i in ins {
                if !i.laws().iter().any(|l| laws.contains(l)) {
                    let h_span = h.id.span.clone();
                    self.error(
                        h_span,
                        format!("insatsen `{}` finns inte under lagen i `lag`", i.id()),
                    )
                    .with_label("regelverkets insats och lag passar inte ihop");
                }
            }
        }
        let selector = match selector_path {
            Some(p) => {
                let mut env = Env {
                    scope: scope_kind,
                    vars: Vec::new(),
                    defs: Vec::new(),
                };
                let e = ast::Expr {
                    kind: ExprKind::Path(p.segments()),
                    span: p.span.clone(),
                };
                let (c, ty) = self.expr(&e, &mut env);
                if !matches!(ty, Ty::Date | Ty::Error) {
                    self.error(
                        p.span.clone(),
                        format!(
                            "`väljs av` måste ange ett datum, men `{}` är {}",
                            p.name,
                            ty.name()
                        ),
                    )
                    .with_label("inte ett datum");
                }
                Selector::Path(c, p.name.clone())
            }
            None if scope_kind == ScopeKind::Beslut => Selector::Path(
                CExpr::Path {
                    base: Base::Beslut,
                    steps: vec![Step::Field(1)],
                    display: "datum".into(),
                },
                "beslut.datum".into(),
            ),
            None => Selector::FirstDecisionDate,
        };
        let mut rules: Vec<Rule> = Vec::new();
        let mut rule_names: HashMap<String, Span> = HashMap::new();
        for item in &input.file.items {
            match item {
                Item::Regel(r) => {
                    if let Some(first) = rule_names.get(&r.name.name) {
                        let (line, col) = self.src().line_col(first.start);
                        let note = format!("den första står på rad {line}, kolumn {col}");
                        self.error(
                            r.name.span.clone(),
                            format!(
                                "regel-id `{}.{}` finns redan i filen",
                                h.id.name, r.name.name
                            ),
                        )
                        .with_label("samma namn en gång till")
                        .notes
                        .push(note);
                        continue;
                    }
                    rule_names.insert(r.name.name.clone(), r.name.span.clone());
                    if let Some(rule) = self.rule(&h.id.name, r, scope_kind, &input.source.text) {
                        if input.local && !matches!(rule.basis, Basis::Riktlinje(_)) {
                            self.error(
                                r.name.span.clone(),
                                format!("regeln `{}` i en lokal riktlinjemapp anger inte vilken riktlinje den bygger på", r.name.name),
                            )
                            .with_label(format!("vilar på {}", rule.basis.as_str()))
                            .help = Some("en kommunal regel vilar på kommunens riktlinje, inte på lag: skriv `grund riktlinje \"Riktlinjer för LSS, Exempelkommun, 2026-01-15\"`".into());
                        }
                        rules.push(rule);
                    }
                }
                Item::Justering(j) if !input.local => {
                    self.error(
                        j.rule.span.clone(),
                        "`justera` får bara stå i en lokal riktlinjemapp",
                    )
                    .with_label("det nationella regelverket ändras i sin egen fil")
                    .help =
                        Some("lägg justeringen i kommunens mapp och läs den med `--local`".into());
                }
                _ => {}
            }
        }
        if self.errors.len() > before {
            return None;
        }
        let (valid_from, valid_to) = valid?;
        let mut hasher = Sha256::new();
        hasher.update(input.source.text.as_bytes());
        let hash = format!("sha256:{:x}", hasher.finalize());
        Some(RuleSet {
            id: h.id.name.clone(),
            title: title?,
            laws: laws?,
            version: version?,
            valid_from,
            valid_to,
            statute,
            amended,
            selector,
            scope,
            source: input.source.name.clone(),
            hash,
            local: input.local,
            rules,
        })
    }

    fn rule(&mut self, set_id: &str, r: &ast::Regel, scope: ScopeKind, text: &str) -> Option<Rule> {
        let before = self.errors.len();
        if !is_snake_ascii(&r.name.name) {
            self.warning(
                r.name.span.clone(),
                format!("regelnamnet `{}` följer inte namnschemat", r.name.name),
            )
            .help = Some("använd små bokstäver a–z, siffror och `_`, t.ex. `barnets_basta`".into());
        }
        let mut category = None;
        let mut severity = None;
        let mut lagrum = None;
        let mut basis = Basis::Lag;
        let mut basis_span = None;
        let mut guard = None;
        let mut require = None;
        let mut place = None;
        let mut message = None;
        let mut explanation = None;
        let mut acknowledgeable = true;
        let mut doc = None;
        let mut seen: Vec<&'static str> = Vec::new();
        let mut env = Env {
            scope,
            vars: Vec::new(),
            defs: Vec::new(),
        };
        let mut first_path: Option<Place> = None;
        for attr in &r.attrs {
            let (key, span) = attr_key(attr);
            if seen.contains(&key) {
                self.error(
                    span,
                    format!("`{key}` anges två gånger i regeln `{}`", r.name.name),
                )
                .with_label("andra gången");
                continue;
            }
            seen.push(key);
            match attr {
                RegelAttr::Kategori(i) => {
                    category = self.pick(i, &CATEGORIES, "kategori");
                }
                RegelAttr::Allvarlighet(i) => {
                    severity = self.pick(i, &SEVERITIES, "allvarlighet");
                }
                RegelAttr::Lagrum(s) => {
                    if s.value.trim().is_empty() {
                        self.error(s.span.clone(), "tomt lagrum")
                            .with_label("ange lagrummet, t.ex. \"6 a § LSS\"");
                    }
                    lagrum = Some(s.value.clone());
                }
                RegelAttr::Grund(kind, src) => {
                    basis_span = Some(kind.span.clone());
                    basis = match (kind.name.as_str(), src) {
                        ("lag", _) => Basis::Lag,
                        ("praxis", Some(s)) => Basis::Praxis(s.value.clone()),
                        ("riktlinje", Some(s)) => {
                            if !has_date(&s.value) {
                                self.error(s.span.clone(), "`grund riktlinje` ska ange riktlinjens namn och datum")
                                    .with_label("inget datum ÅÅÅÅ-MM-DD")
                                    .help = Some("riktlinjer ändras; datumet visar vilken lydelse regeln bygger på, t.ex. `\"Riktlinjer för LSS, Exempelkommun, 2026-01-15\"`".into());
                            }
                            Basis::Riktlinje(s.value.clone())
                        }
                        ("praxis" | "riktlinje", None) => {
                            self.error(kind.span.clone(), format!("`grund {}` måste ange sin källa", kind.name))
                                .with_label("källa saknas")
                                .help = Some(format!("t.ex. `grund {} \"Socialstyrelsen, Handläggning och dokumentation (2021)\"`", kind.name));
                            Basis::Lag
                        }
                        (other, _) => {
                            self.error(kind.span.clone(), format!("okänd grund `{other}`"))
                                .with_label("förväntade `lag`, `praxis` eller `riktlinje`");
                            Basis::Lag
                        }
                    };
                }
                RegelAttr::Nar(e) => {
                    let c = self.condition(e, &mut env, "när");
                    guard = Some(c);
                }
                RegelAttr::Krav(e) => {
                    first_path = first_place(e, &env, scope);
                    require = Some(self.condition(e, &mut env, "kräv"));
                }
                RegelAttr::Plats(p) => {
                    place = Some(self.place(p, &mut env, scope));
                }
                RegelAttr::Meddelande(t) => {
                    if t.parts
                        .iter()
                        .all(|p| matches!(p, ast::TemplatePart::Text(s) if s.trim().is_empty()))
                    {
                        self.error(t.span.clone(), "tomt meddelande")
                            .with_label("skriv en mening på svenska till handläggaren");
                    }
                    message = Some(self.template(t, &mut env));
                }
                RegelAttr::Forklaring(t) => explanation = Some(self.template(t, &mut env)),
                RegelAttr::EjKvitterbar(_) => acknowledgeable = false,
                RegelAttr::Dokumentation(s) => doc = Some(s.value.clone()),
            }
        }
        for (key, present, example) in [
            ("kategori", seen.contains(&"kategori"), "kategori utredning"),
            (
                "allvarlighet",
                seen.contains(&"allvarlighet"),
                "allvarlighet fel",
            ),
            ("lagrum", lagrum.is_some(), "lagrum \"6 a § LSS\""),
            (
                "kräv",
                require.is_some(),
                "kräv finns(utredning.texter.barnets_basta)",
            ),
            (
                "meddelande",
                message.is_some(),
                "meddelande \"Utredningen saknar ...\"",
            ),
        ] {
            if !present {
                self.error(
                    r.name.span.clone(),
                    format!("regeln `{}` saknar `{key}`", r.name.name),
                )
                .with_label("här börjar regeln")
                .help = Some(format!("varje regel måste ha `{key}`, t.ex. `{example}`"));
            }
        }
        if let (Some(Severity::Error), Basis::Praxis(_) | Basis::Riktlinje(_)) = (severity, &basis)
        {
            let span = basis_span.unwrap_or(r.name.span.clone());
            let kind = basis.as_str();
            self.error(
                span,
                format!("en regel med `grund {kind}` kan inte ha allvarlighet `fel`"),
            )
            .with_label("vilar inte på lag")
            .help =
                Some("god praxis och riktlinjer ger högst `varning`; bara lag kan ge `fel`".into());
        }
        if self.errors.len() > before {
            return None;
        }
        let place = place.or(first_path).unwrap_or(Place {
            base: PlaceBase::Root,
            rest: String::new(),
        });
        Some(Rule {
            id: format!("{set_id}.{}", r.name.name),
            category: category?,
            severity: severity?,
            lagrum: lagrum?,
            basis,
            guard,
            require: require?,
            place,
            message: message?,
            explanation,
            acknowledgeable,
            doc,
            text: text
                .get(r.span.clone())
                .unwrap_or("")
                .trim_end()
                .to_string(),
            adjusted: None,
            disabled: false,
        })
    }

    fn pick<T: Copy>(&mut self, i: &Ident, table: &[(&'static str, T)], what: &str) -> Option<T> {
        if let Some((_, v)) = table.iter().find(|(k, _)| *k == i.name) {
            return Some(*v);
        }
        let names: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
        let hint = did_you_mean(&i.name, names.iter().copied());
        let d = self
            .error(i.span.clone(), format!("okänd {what} `{}`", i.name))
            .with_label(format!("förväntade {}", names.join(", ")));
        if let Some(h) = hint {
            d.help = Some(format!("menade du `{h}`?"));
        }
        None
    }

    fn condition(&mut self, e: &ast::Expr, env: &mut Env, key: &str) -> CExpr {
        let (c, ty) = self.expr(e, env);
        if !matches!(ty, Ty::Bool | Ty::Error) {
            self.error(
                e.span.clone(),
                format!(
                    "`{key}` måste vara ett villkor, men uttrycket är {}",
                    ty.name()
                ),
            )
            .with_label("inte sant eller falskt")
            .help = Some("jämför värdet, t.ex. `x > 0`, eller använd `finns(x)`".into());
        }
        c
    }

    fn place(&mut self, p: &Ident, env: &mut Env, scope: ScopeKind) -> Place {
        let segs = p.segments();
        let e = ast::Expr {
            kind: ExprKind::Path(segs.clone()),
            span: p.span.clone(),
        };
        let before = self.errors.len();
        self.expr(&e, env);
        if self.errors.len() > before {
            return Place {
                base: PlaceBase::Root,
                rest: String::new(),
            };
        }
        place_of(&segs, env, scope).unwrap_or_else(|| {
            self.error(
                p.span.clone(),
                format!("`plats` måste vara en sökväg i ärendet, inte `{}`", p.name),
            )
            .with_label("inte ett fält i ärendet");
            Place {
                base: PlaceBase::Root,
                rest: String::new(),
            }
        })
    }

    fn template(&mut self, t: &ast::Template, env: &mut Env) -> CTemplate {
        let mut parts = Vec::new();
        for p in &t.parts {
            match p {
                ast::TemplatePart::Text(s) => parts.push(CPart::Text(s.clone())),
                ast::TemplatePart::Hole(e) => {
                    let (c, ty) = self.expr(e, env);
                    if matches!(ty, Ty::Rec(_))
                        || matches!(&ty, Ty::List(i) if matches!(**i, Ty::Rec(_)))
                    {
                        self.error(
                            e.span.clone(),
                            format!("{} kan inte skrivas ut i ett meddelande", ty.name()),
                        )
                        .with_label("välj ett fält, t.ex. `sokande.namn`");
                    }
                    parts.push(CPart::Hole(c));
                }
            }
        }
        CTemplate { parts }
    }

    // ------------------------------------------------------------ expressions

    fn expr(&mut self, e: &ast::Expr, env: &mut Env) -> (CExpr, Ty) {
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

    fn binary(
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

    fn call(
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

    // ------------------------------------------------------------ versions and layering

    fn check_versions(&mut self, sets: &[RuleSet], inputs: &[Input]) {
        let src_of = |name: &str| {
            inputs
                .iter()
                .find(|i| i.source.name == name)
                .map(|i| Arc::clone(&i.source))
        };
        let mut by_id: HashMap<&str, Vec<&RuleSet>> = HashMap::new();
        for s in sets {
            by_id.entry(&s.id).or_default().push(s);
        }
        let mut ids: Vec<&&str> = by_id.keys().collect();
        ids.sort();
        for id in ids {
            let mut versions = by_id[*id].clone();
            versions.sort_by_key(|s| s.valid_from);
            for w in versions.windows(2) {
                let (a, b) = (w[0], w[1]);
                let Some(src) = src_of(&b.source) else {
                    continue;
                };
                let span = header_span(inputs, &b.source);
                self.current = Some(src);
                match a.valid_to {
                    None => {
                        self.error(span, format!("två versioner av `{id}` gäller samtidigt"))
                            .with_label(format!("gäller från {}", b.valid_from))
                            .notes
                            .push(format!(
                                "{} gäller från {} utan slutdatum",
                                a.source, a.valid_from
                            ));
                    }
                    Some(to) if to >= b.valid_from => {
                        self.error(span, format!("två versioner av `{id}` gäller samtidigt"))
                            .with_label(format!("gäller från {}", b.valid_from))
                            .notes
                            .push(format!("{} gäller till {to}", a.source));
                    }
                    Some(to) if to.checked_add_days(Days::new(1)) != Some(b.valid_from) => {
                        self.warning(span, format!("lucka mellan versionerna av `{id}`"))
                            .with_label(format!("gäller från {}", b.valid_from))
                            .notes
                            .push(format!(
                                "{} gäller bara till {to}; beslut däremellan kontrolleras inte",
                                a.source
                            ));
                    }
                    Some(_) => {}
                }
            }
        }
    }

    fn apply_adjustments(&mut self, sets: &mut [RuleSet], inputs: &[Input]) {
        for input in inputs.iter().filter(|i| i.local) {
            self.current = Some(Arc::clone(&input.source));
            let guideline = input.file.header.attrs.iter().find_map(|a| match a {
                HeaderAttr::Titel(s) => Some(s.value.clone()),
                _ => None,
            });
            let has_adjustments = input
                .file
                .items
                .iter()
                .any(|i| matches!(i, Item::Justering(_)));
            if has_adjustments && !guideline.as_deref().is_some_and(has_date) {
                self.warning(
                    input.file.header.id.span.clone(),
                    "riktlinjens titel anger inget datum",
                )
                .with_label("justeringarna i filen citerar riktlinjen med titeln")
                .help = Some("skriv riktlinjens namn och datum, t.ex. `titel \"Riktlinjer för LSS, Exempelkommun, 2026-01-15\"`".into());
            }
            for item in &input.file.items {
                let Item::Justering(j) = item else { continue };
                let mut severity = None;
                let mut off = false;
                let mut reason = None;
                for a in &j.attrs {
                    match a {
                        ast::JusteringAttr::Allvarlighet(i) => {
                            severity = self.pick(i, &SEVERITIES, "allvarlighet")
                        }
                        ast::JusteringAttr::StangAv(_) => off = true,
                        ast::JusteringAttr::Skal(s) => reason = Some(s.value.clone()),
                    }
                }
                let mut found = false;
                for set in sets.iter_mut().filter(|s| !s.local) {
                    for rule in set.rules.iter_mut().filter(|r| r.id == j.rule.name) {
                        found = true;
                        if severity == Some(Severity::Error) && rule.basis != Basis::Lag {
                            self.error(
                                j.rule.span.clone(),
                                format!(
                                    "regeln `{}` vilar på {} och kan inte få allvarlighet `fel`",
                                    j.rule.name,
                                    rule.basis.as_str()
                                ),
                            )
                            .with_label("höjs till `fel` här")
                            .help = Some("bara lag kan ge `fel`; en riktlinje kan höja en sådan regel till högst `varning`".into());
                            continue;
                        }
                        let weakens = off || severity.is_some_and(|s| s > rule.severity);
                        if weakens && rule.basis == Basis::Lag && reason.is_none() {
                            self.error(j.rule.span.clone(), format!("regeln `{}` vilar på lag och kan inte mildras eller stängas av utan skäl", j.rule.name))
                                .with_label("skäl saknas")
                                .help = Some("ange varför med `skäl \"...\"`; skälet visas i varje rapport".into());
                            continue;
                        }
                        if let Some(s) = severity {
                            rule.severity = s;
                        }
                        rule.disabled = off;
                        let by = guideline
                            .clone()
                            .unwrap_or_else(|| input.source.name.clone());
                        rule.adjusted = Some(match &reason {
                            Some(r) => format!("{by}: {r}"),
                            None => by,
                        });
                    }
                }
                if !found {
                    let ids: Vec<&str> = sets
                        .iter()
                        .flat_map(|s| s.rules.iter().map(|r| r.id.as_str()))
                        .collect();
                    let hint = did_you_mean(&j.rule.name, ids.iter().copied()).map(str::to_string);
                    let d = self
                        .error(
                            j.rule.span.clone(),
                            format!("okänd regel `{}`", j.rule.name),
                        )
                        .with_label("ingen sådan regel i det nationella regelverket");
                    if let Some(h) = hint {
                        d.help = Some(format!("menade du `{h}`?"));
                    }
                }
            }
        }
    }
}

/// Does the text cite a date `ÅÅÅÅ-MM-DD`?
fn has_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
    })
}

fn header_span(inputs: &[Input], source: &str) -> Span {
    inputs
        .iter()
        .find(|i| i.source.name == source)
        .map_or(0..0, |i| i.file.header.id.span.clone())
}

fn attr_key(a: &RegelAttr) -> (&'static str, Span) {
    match a {
        RegelAttr::Kategori(i) => ("kategori", i.span.clone()),
        RegelAttr::Allvarlighet(i) => ("allvarlighet", i.span.clone()),
        RegelAttr::Lagrum(s) => ("lagrum", s.span.clone()),
        RegelAttr::Grund(i, _) => ("grund", i.span.clone()),
        RegelAttr::Nar(e) => ("när", e.span.clone()),
        RegelAttr::Krav(e) => ("kräv", e.span.clone()),
        RegelAttr::Plats(i) => ("plats", i.span.clone()),
        RegelAttr::Meddelande(t) => ("meddelande", t.span.clone()),
        RegelAttr::Forklaring(t) => ("förklaring", t.span.clone()),
        RegelAttr::EjKvitterbar(s) => ("kan inte kvitteras", s.clone()),
        RegelAttr::Dokumentation(s) => ("dokumentation", s.span.clone()),
    }
}

fn join(segs: &[Ident]) -> String {
    segs.iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join(".")
}

/// The report place of a plain case path, if it is one.
fn place_of(segs: &[Ident], env: &Env, scope: ScopeKind) -> Option<Place> {
    let first = segs[0].name.as_str();
    if env.vars.iter().any(|v| v.name == first) {
        return None;
    }
    let rest = |from: usize| {
        segs[from..]
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(".")
    };
    if scope == ScopeKind::Beslut && first == "beslut" {
        return Some(Place {
            base: PlaceBase::Beslut,
            rest: rest(1),
        });
    }
    if scope == ScopeKind::Beslut && first == "sokt" {
        return Some(Place {
            base: PlaceBase::Sokt,
            rest: rest(1),
        });
    }
    schema::ROOT.field(first)?;
    Some(Place {
        base: PlaceBase::Root,
        rest: rest(0),
    })
}

/// The first case path in an expression (for a rule without `plats`).
fn first_place(e: &ast::Expr, env: &Env, scope: ScopeKind) -> Option<Place> {
    match &e.kind {
        ExprKind::Path(segs) => place_of(segs, env, scope),
        ExprKind::Not(i) => first_place(i, env, scope),
        ExprKind::Binary(_, l, r) => {
            first_place(l, env, scope).or_else(|| first_place(r, env, scope))
        }
        ExprKind::Call(_, args) => args.iter().find_map(|a| first_place(a, env, scope)),
        ExprKind::Quant { list, .. } | ExprKind::Summa { list, .. } => place_of(list, env, scope),
        _ => None,
    }
}
