//! Rule sets and rules: headers, rule attributes (category, severity, basis,
//! conditions, place, message) and where a finding points in the case.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::ast::{ExprKind, HeaderAttr, Ident, Item, RegelAttr};
use crate::case::{Insats, Lag};
use crate::diag::did_you_mean;
use crate::report::{Category, Severity};
use crate::schema;

use super::versions::has_date;
use super::*;

const CATEGORIES: [(&str, Category); 5] = [
    ("förutsättningar", Category::Eligibility),
    ("utredning", Category::Investigation),
    ("underlag", Category::Documentation),
    ("beslut", Category::Decision),
    ("kopia", Category::Copy),
];
pub(super) const SEVERITIES: [(&str, Severity); 3] = [
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
    pub(super) fn rule_set(&mut self, input: &Input) -> Option<RuleSet> {
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

    pub(super) fn pick<T: Copy>(
        &mut self,
        i: &Ident,
        table: &[(&'static str, T)],
        what: &str,
    ) -> Option<T> {
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

    pub(super) fn condition(&mut self, e: &ast::Expr, env: &mut Env, key: &str) -> CExpr {
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
