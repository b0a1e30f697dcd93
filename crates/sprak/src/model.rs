//! The checked rule model: what `check.rs` produces and `eval.rs` runs. Every name
//! is resolved (case fields to indices, definitions inlined, tables and lists to
//! indices, functions to [`Func`]), every expression is typed, so evaluation of a
//! loaded rule base cannot fail on a valid case: the worst it can meet is data the
//! case does not have, which becomes a finding.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ast::Unit;
use crate::case::{Insats, Lag};
use crate::report::{Category, Severity};

/// All rule sets of one rule folder (national, with local guidelines layered on).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleBase {
    pub sets: Vec<RuleSet>,
    pub tables: Vec<Table>,
    pub lists: Vec<NamedList>,
}

impl RuleBase {
    /// A named text list, e.g. `schablonfraser` or `standardstycken`.
    pub fn list(&self, name: &str) -> Option<&[String]> {
        self.lists
            .iter()
            .find(|l| l.name == name)
            .map(|l| l.items.as_slice())
    }

    /// Every rule of every set, with its set.
    pub fn rules(&self) -> impl Iterator<Item = (&RuleSet, &Rule)> {
        self.sets
            .iter()
            .flat_map(|s| s.rules.iter().map(move |r| (s, r)))
    }
}

/// One version of a rule set: one file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleSet {
    pub id: String,
    pub title: String,
    pub laws: Vec<Lag>,
    pub version: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// `författning`: the statute it encodes, and the latest amendment.
    pub statute: Option<String>,
    pub amended: Option<String>,
    /// The case date that selects the version (`väljs av`).
    pub selector: Selector,
    pub scope: RuleScope,
    /// Name of the file as shown in reports (`rules/lss/korttidsvistelse.regler`).
    pub source: String,
    /// `sha256:` + hex of the file text.
    pub hash: String,
    /// True for a municipal guideline folder (`--local`).
    pub local: bool,
    pub rules: Vec<Rule>,
}

impl RuleSet {
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && self.valid_to.is_none_or(|to| date <= to)
    }

    pub fn applies_to_law(&self, lag: Lag) -> bool {
        self.laws.contains(&lag)
    }
}

/// The case date that selects which version of a rule set applies.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Selector {
    /// A date path evaluated in the set's scope, e.g. `beslut.datum`.
    Path(CExpr, String),
    /// For a set that applies to the whole case: the date of the first decision,
    /// or the application date when the case has no decision yet.
    FirstDecisionDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RuleScope {
    /// Once per decision on one of these insatser.
    Insats(Vec<Insats>),
    /// Once per decision.
    VarjeBeslut,
    /// Once per case.
    Arendet,
}

/// What a rule rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Basis {
    /// A statute: the rule may be an error.
    Lag,
    /// Good practice (Socialstyrelsen, IBIC, JO): at most a warning.
    Praxis(String),
    /// A municipal guideline: at most a warning, never overrides the individual assessment.
    Riktlinje(String),
}

impl Basis {
    pub fn as_str(&self) -> &'static str {
        match self {
            Basis::Lag => "lag",
            Basis::Praxis(_) => "praxis",
            Basis::Riktlinje(_) => "riktlinje",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rule {
    /// `<rule set id>.<name>`
    pub id: String,
    pub category: Category,
    pub severity: Severity,
    pub lagrum: String,
    pub basis: Basis,
    pub guard: Option<CExpr>,
    pub require: CExpr,
    /// Where the finding points, with `{}` where the decision index goes.
    pub place: Place,
    pub message: CTemplate,
    pub explanation: Option<CTemplate>,
    pub acknowledgeable: bool,
    /// The lint page: what it checks, why, limits, examples.
    pub doc: Option<String>,
    /// The rule as written in its file.
    pub text: String,
    /// Set by a municipal guideline (`justera`): why the rule was changed.
    pub adjusted: Option<String>,
    /// Switched off by a guideline with a stated reason.
    pub disabled: bool,
}

/// A report path, relative to the scope it is evaluated in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub base: PlaceBase,
    /// Dotted field names after the base.
    pub rest: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum PlaceBase {
    Root,
    /// `beslut.<index of the current decision>`
    Beslut,
    /// `ansokan.insatser.<index of the item for this insats>`
    Sokt,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CTemplate {
    pub parts: Vec<CPart>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CPart {
    Text(String),
    Hole(CExpr),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub doc: Option<String>,
    /// Rows sorted by date: the value in force from that date.
    pub rows: Vec<(NaiveDate, Const)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NamedList {
    pub name: String,
    pub items: Vec<String>,
    /// The items prepared as phrases for `nämner` (set once every file, local
    /// guidelines included, has added its items).
    pub patterns: std::sync::Arc<[crate::textmatch::Pattern]>,
}

/// A literal list of phrases in a text condition, prepared once at load time.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhraseConst {
    pub items: Vec<String>,
    pub patterns: Vec<crate::textmatch::Pattern>,
}

/// A literal value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Const {
    Bool(bool),
    Num(f64),
    Text(String),
    Date(NaiveDate),
    Dur(i64, Unit),
}

/// Where a path starts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Base {
    Root,
    /// The decision being checked.
    Beslut,
    /// The applied-for item for the decision's insats.
    Sokt,
    /// A quantifier variable (slot in the environment).
    Var(usize),
}

/// One step of a path.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// A field of a record.
    Field(usize),
    /// The same field of every record of a list (the result is a list).
    Project(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cmp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Func {
    /// `finns(x)`: present and not empty.
    Finns,
    /// `ålder(född, dag)`: whole years.
    Alder,
    /// `månader_mellan(a, b)`: whole months from a to b.
    ManaderMellan,
    /// `dagar_mellan(a, b)`
    DagarMellan,
    /// `antal_ord(text)`
    AntalOrd,
    /// `nämner(text eller texter, lista)`: states any of the phrases (words matched
    /// with their inflections, `*` stems, negated mentions left out; see
    /// [`crate::textmatch`]). Over a list of texts, a missing text does not mention.
    Namner,
    /// `tar_upp(text eller texter, lista)`: takes up any of the phrases, stated or
    /// denied ("ledsagarens kostnader ingår inte" takes up the companion's costs).
    TarUpp,
    /// `nämner_nära(texter, lista, lista, ord)`: a phrase of each list in one sentence,
    /// at most `ord` words apart.
    NamnerNara,
    /// `nämner_sökanden(text)`: mentions the applicant by first or full name.
    NamnerSokanden,
    /// `antal(lista)`
    Antal,
    /// `mätbar_omfattning(text)`: the scope has an amount and a period (see
    /// `omfattning` in the main crate).
    MatbarOmfattning,
    /// `jämför_omfattning(sökt, beviljad)`: "lika", "mindre", "större" or
    /// "ojämförbar", with units and periods normalised.
    JamforOmfattning,
}

impl Func {
    pub const ALL: [(&'static str, Func, &'static str); 12] = [
        (
            "finns",
            Func::Finns,
            "finns(x): uppgiften finns och är inte tom",
        ),
        (
            "ålder",
            Func::Alder,
            "ålder(född, dag): hela år mellan två datum",
        ),
        (
            "månader_mellan",
            Func::ManaderMellan,
            "månader_mellan(a, b): hela månader från a till b",
        ),
        (
            "dagar_mellan",
            Func::DagarMellan,
            "dagar_mellan(a, b): dagar från a till b",
        ),
        (
            "antal_ord",
            Func::AntalOrd,
            "antal_ord(text): antal ord i texten",
        ),
        (
            "nämner",
            Func::Namner,
            "nämner(text eller [texter], lista): texten säger någon av fraserna (böjda former, ord* för ordstam; en nekad fras räknas inte)",
        ),
        (
            "tar_upp",
            Func::TarUpp,
            "tar_upp(text eller [texter], lista): texten tar upp någon av fraserna, jakande eller nekande",
        ),
        (
            "nämner_nära",
            Func::NamnerNara,
            "nämner_nära(text eller [texter], lista, lista, ord): en fras ur varje lista i samma mening, högst så många ord ifrån varandra",
        ),
        (
            "nämner_sökanden",
            Func::NamnerSokanden,
            "nämner_sökanden(text): texten nämner sökanden vid namn",
        ),
        ("antal", Func::Antal, "antal(lista): antal element"),
        (
            "mätbar_omfattning",
            Func::MatbarOmfattning,
            "mätbar_omfattning(text): omfattningen har ett antal och en period (timmar per vecka, dygn per månad, heltid ...)",
        ),
        (
            "jämför_omfattning",
            Func::JamforOmfattning,
            "jämför_omfattning(sökt, beviljad): \"lika\", \"mindre\", \"större\" eller \"ojämförbar\" (enheter och perioder omräknade)",
        ),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QKind {
    Nagot,
    Varje,
    Antal,
}

/// A checked expression.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum CExpr {
    Const(Const),
    /// A path into the case; `display` is the dotted path after the base, for
    /// messages about missing data.
    Path {
        base: Base,
        steps: Vec<Step>,
        display: String,
    },
    List(Vec<CExpr>),
    /// A named list of texts.
    NamedList(usize),
    /// A literal list of phrases given to a text condition, prepared at load time.
    Phrases(std::sync::Arc<PhraseConst>),
    Not(Box<CExpr>),
    And(Box<CExpr>, Box<CExpr>),
    Or(Box<CExpr>, Box<CExpr>),
    Cmp(Cmp, Box<CExpr>, Box<CExpr>),
    In {
        elem: Box<CExpr>,
        list: Box<CExpr>,
        negate: bool,
    },
    /// date ± duration
    DateShift {
        date: Box<CExpr>,
        dur: Box<CExpr>,
        negate: bool,
    },
    /// number ± number
    Arith {
        lhs: Box<CExpr>,
        rhs: Box<CExpr>,
        negate: bool,
    },
    Call(Func, Vec<CExpr>),
    /// The value of a dated table on a date.
    Table(usize, Box<CExpr>),
    Quant {
        kind: QKind,
        slot: usize,
        list: Box<CExpr>,
        cond: Option<Box<CExpr>>,
    },
    Summa {
        slot: usize,
        term: Box<CExpr>,
        list: Box<CExpr>,
        cond: Option<Box<CExpr>>,
    },
}
