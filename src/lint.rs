//! Static checks for rule authors: `beslutskoll rules check`. Everything the
//! checker finds at load time (it stays the one source of load errors and of the
//! naming-scheme warnings), plus warnings for conditions whose value is known
//! before any case is read:
//!
//! - a `när` that is never true (the rule can never fire) or always true (it can go),
//! - a `kräv` that always holds (never fires) or never holds (always fires),
//! - a `när` that uses a definition which is always false,
//! - a definition that is always true or always false.
//!
//! What is decided, and nothing more: constant folding over literals (`1 > 2`,
//! `"a" i ["b"]`, `falskt och x`), definitions inlined by name, a comparison of an
//! expression with an identical one (`x = x`), and contradictions inside one chain of
//! `och` (or tautologies inside one chain of `eller`) between conditions on the
//! *same written expression*: `=`/`!=` a literal, `i`/`inte i` a literal list,
//! `<`, `<=`, `>`, `>=` a number or date, and `X` against `inte X`.
//!
//! What it cannot decide, and so never warns about: conditions that depend on the
//! case (field types and enum values are not used: `beslut.utfall i ["bifall"] och
//! beslut.utfall i ["avslag", "delvis_bifall"]` is found, but three `!=` covering
//! all values of a field are not), the same value written two ways (`barn` and
//! `ålder(...) < 18` are compared after inlining `barn`, but `alder_vid_beslut` and
//! `ålder(...)` are different texts), arithmetic on case values (`x + 1 > x`),
//! `nämner`, tables, quantifiers over case lists (except a `där` that is itself
//! constant), and sub-conditions that are dead inside a larger condition.
//!
//! Missing data: the evaluator turns a condition on data the case lacks into a
//! "could not be tried" finding. The warnings here describe cases where the data is
//! present; `x = x` is "always true" in that sense.

mod contradiction;
mod fold;
mod phrases;

use std::collections::HashMap;
use std::sync::Arc;

use crate::ast::{Expr, Item, RegelAttr};
use crate::check::{self, Input};
use crate::diag::{Diagnostic, Level, Source};
use crate::engine;

use fold::{Folder, Scope, V};
use phrases::{phrase_list, proximity_lists, COPY_LISTS};

/// What `rules check` reports: load errors and all warnings, in file order.
#[derive(Debug, Clone, Default)]
pub struct Review {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

impl Review {
    /// Every diagnostic, errors first, each group in file order.
    pub fn all(&self) -> Vec<Diagnostic> {
        self.errors.iter().chain(&self.warnings).cloned().collect()
    }

    /// `3 fel, 2 varningar`
    pub fn summary(&self) -> String {
        let w = self.warnings.len();
        format!(
            "{} fel, {w} {}",
            self.errors.len(),
            if w == 1 { "varning" } else { "varningar" }
        )
    }
}

/// Parse, check and lint national rule files with a local layer on top.
pub fn review(national: Vec<Arc<Source>>, local: Vec<Arc<Source>>) -> Review {
    review_full(national, local).review
}

/// [`review`] and what it was made from: the files that parsed and, when the checker
/// found no error, the rule base. The language server (`src/lsp/`) shows the review
/// and reads names and rule pages from the rest.
pub struct Reviewed {
    pub review: Review,
    pub inputs: Vec<Input>,
    pub rules: Option<crate::model::RuleBase>,
}

/// [`review`], keeping the parsed files and the rule base.
pub fn review_full(national: Vec<Arc<Source>>, local: Vec<Arc<Source>>) -> Reviewed {
    let (inputs, mut errors) = engine::parse_sources(national, local);
    let outcome = check::check_all(&inputs);
    errors.extend(outcome.errors);
    let mut warnings = outcome.warnings;
    warnings.extend(lint(&inputs));
    let key = |d: &Diagnostic| (d.source.name.clone(), d.span.start);
    errors.sort_by_key(key);
    warnings.sort_by_key(key);
    debug_assert!(warnings.iter().all(|d| d.level == Level::Warning));
    Reviewed {
        review: Review { errors, warnings },
        inputs,
        rules: outcome.rules,
    }
}

/// The warnings of the static checks (not the checker's) for parsed rule files.
pub fn lint(inputs: &[Input]) -> Vec<Diagnostic> {
    let mut defs: HashMap<&str, (&Expr, &Arc<Source>)> = HashMap::new();
    for input in inputs {
        for item in &input.file.items {
            if let Item::Definition(d) = item {
                defs.entry(d.name.name.as_str())
                    .or_insert((&d.expr, &input.source));
            }
        }
    }
    let cx = Folder { defs: &defs };
    let mut out = Vec::new();
    let mut near_lists = std::collections::HashSet::new();
    for input in inputs {
        for item in &input.file.items {
            match item {
                Item::Definition(d) => proximity_lists(&d.expr, &mut near_lists),
                Item::Regel(r) => {
                    for a in &r.attrs {
                        if let RegelAttr::Nar(e) | RegelAttr::Krav(e) = a {
                            proximity_lists(e, &mut near_lists);
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for input in inputs {
        let src = &input.source;
        for item in &input.file.items {
            match item {
                Item::Definition(d) => {
                    let f = cx.fold(&d.expr, &mut Scope::default());
                    if let V::Bool(b) = f.val {
                        let mut w = Diagnostic::warning(
                            src,
                            d.expr.span.clone(),
                            format!(
                                "definitionen `{}` är alltid {}",
                                d.name.name,
                                if b { "sann" } else { "falsk" }
                            ),
                        )
                        .label(f.why.unwrap_or_default())
                        .help("en regel som använder den i `när` gäller alltid eller aldrig; rätta eller ta bort definitionen");
                        w.label = w.label.trim().to_string();
                        out.push(w);
                    }
                }
                Item::Regel(r) => {
                    let id = format!("{}.{}", input.file.header.id.name, r.name.name);
                    for a in &r.attrs {
                        let (e, is_guard) = match a {
                            RegelAttr::Nar(e) => (e, true),
                            RegelAttr::Krav(e) => (e, false),
                            _ => continue,
                        };
                        let f = cx.fold(e, &mut Scope::default());
                        let V::Bool(b) = f.val else { continue };
                        let (message, help) = match (is_guard, b) {
                            (true, false) => (
                                format!("regeln `{id}` kan aldrig ge en anmärkning: villkoret i `när` är aldrig sant"),
                                "rätta villkoret; ett `när` som aldrig gäller stänger av regeln utan att det syns",
                            ),
                            (true, true) => (
                                format!("villkoret i `när` i regeln `{id}` är alltid sant"),
                                "ta bort `när`; regeln gäller då alltid, vilket är samma sak",
                            ),
                            (false, true) => (
                                format!("regeln `{id}` kan aldrig ge en anmärkning: `kräv` är alltid uppfyllt"),
                                "`kräv` ska beskriva det som måste gälla i ärendet; ett fast värde prövar ingenting",
                            ),
                            (false, false) => (
                                format!("regeln `{id}` ger alltid en anmärkning när den gäller: `kräv` kan aldrig uppfyllas"),
                                "`kräv` ska beskriva det som måste gälla i ärendet; ett fast värde prövar ingenting",
                            ),
                        };
                        let mut w = Diagnostic::warning(src, e.span.clone(), message)
                            .label(f.why.unwrap_or_default())
                            .help(help);
                        if let Some((name, def_src, span)) = f.def {
                            let (line, col) = def_src.line_col(span.start);
                            w = w.note(format!(
                                "definitionen `{name}` står i {}:{line}:{col}",
                                def_src.name
                            ));
                        }
                        out.push(w);
                    }
                }
                Item::Lista(l)
                    if !COPY_LISTS.contains(&l.name.name.as_str())
                        && !near_lists.contains(l.name.name.as_str()) =>
                {
                    phrase_list(src, l, &mut out);
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "regelverk t.x\n  titel \"T\"\n  lag LSS\n  version \"1\"\n  giltig från 2020-01-01\n  gäller varje beslut\n";

    /// The warnings of one rule file, one line each: `message | label`.
    fn warnings(body: &str) -> Vec<String> {
        let src = Source::new("t.regler", format!("{HEAD}{body}"));
        let review = review(vec![src], Vec::new());
        assert!(
            review.errors.is_empty(),
            "{}",
            crate::diag::render_all(&review.errors)
        );
        review
            .warnings
            .iter()
            .map(|d| format!("{} | {}", d.message, d.label))
            .collect()
    }

    #[test]
    fn phrases_that_another_phrase_covers_are_redundant() {
        let w = warnings(
            "lista l = [\"riktlinje\", \"riktlinjerna\", \"kommunens riktlinjer\", \"vill inte\", \"vill inte ha\", \"inte ha\", \"...\"]\n",
        );
        assert_eq!(
            w,
            [
                "frasen ”riktlinjerna” i listan `l` täcks redan av ”riktlinje” | överflödig",
                "frasen ”kommunens riktlinjer” i listan `l` täcks redan av ”riktlinje” | överflödig",
                "frasen ”vill inte ha” i listan `l` täcks redan av ”vill inte” | överflödig",
                "frasen ”...” i listan `l` har inga ord och kan aldrig hittas | ",
            ]
        );
    }

    fn rule(nar: &str, krav: &str) -> String {
        format!("regel r\n  kategori beslut\n  allvarlighet varning\n  lagrum \"1 § LSS\"\n  när {nar}\n  kräv {krav}\n  meddelande \"M\"\n")
    }

    #[test]
    fn contradiction_on_the_same_field() {
        let w = warnings(&rule(
            "beslut.utfall = \"bifall\" och beslut.utfall = \"avslag\"",
            "finns(beslut.mal)",
        ));
        assert_eq!(
            w,
            ["regeln `t.x.r` kan aldrig ge en anmärkning: villkoret i `när` är aldrig sant | `beslut.utfall = \"bifall\"` och `beslut.utfall = \"avslag\"` kan inte gälla samtidigt"]
        );
    }

    #[test]
    fn ranges_lists_and_negation() {
        let never = [
            "antal(utredning.behov) > 3 och antal(utredning.behov) < 2",
            "beslut.datum >= 2025-01-01 och beslut.datum < 2024-01-01",
            "beslut.utfall i [\"bifall\"] och beslut.utfall inte i [\"bifall\", \"avslag\"]",
            "finns(beslut.mal) och inte finns(beslut.mal)",
            "1 > 2",
            "beslut.datum != beslut.datum",
            "falskt och finns(beslut.mal)",
            "något u i underlag där 1 = 2",
        ];
        for nar in never {
            let w = warnings(&rule(nar, "finns(beslut.mal)"));
            assert_eq!(w.len(), 1, "{nar}: {w:?}");
            assert!(w[0].contains("aldrig sant"), "{nar}: {w:?}");
        }
        let fine = [
            "antal(utredning.behov) > 1 och antal(utredning.behov) < 3",
            "beslut.utfall i [\"bifall\", \"delvis_bifall\"] och beslut.utfall != \"bifall\"",
            "finns(beslut.mal) och inte finns(beslut.motivering)",
            "beslut.datum >= 2024-01-01 och beslut.datum <= 2024-01-01",
        ];
        for nar in fine {
            assert_eq!(
                warnings(&rule(nar, "finns(beslut.mal)")),
                Vec::<String>::new(),
                "{nar}"
            );
        }
    }

    #[test]
    fn krav_always_true_and_tautologies() {
        let w = warnings(&rule(
            "finns(beslut.mal)",
            "beslut.utfall = \"bifall\" eller beslut.utfall != \"bifall\"",
        ));
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("`kräv` är alltid uppfyllt"), "{w:?}");
        assert!(w[0].contains("gäller alltid"), "{w:?}");
    }

    #[test]
    fn guard_through_a_definition_that_is_always_false() {
        let body = format!(
            "definition aldrig = beslut.utfall = \"bifall\" och beslut.utfall = \"avslag\"\n\
             definition avslag = beslut.utfall i [\"avslag\", \"delvis_bifall\"]\n{}",
            rule("aldrig", "finns(beslut.mal)")
        );
        let w = warnings(&body);
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].starts_with("definitionen `aldrig` är alltid falsk"),
            "{w:?}"
        );
        assert!(
            w[1].contains("definitionen `aldrig` är alltid falsk"),
            "{w:?}"
        );
        // An inlined definition is compared with what it stands for.
        let body = format!(
            "definition avslag = beslut.utfall i [\"avslag\", \"delvis_bifall\"]\n{}",
            rule("avslag och beslut.utfall = \"bifall\"", "finns(beslut.mal)")
        );
        let w = warnings(&body);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("`avslag` och `beslut.utfall = \"bifall\"`"),
            "{w:?}"
        );
    }

    #[test]
    fn shipped_rules_have_no_static_warnings() {
        let review = review(engine::builtin_sources(), Vec::new());
        assert!(review.errors.is_empty());
        assert_eq!(
            review.warnings,
            Vec::<Diagnostic>::new(),
            "{}",
            crate::diag::render_all(&review.warnings)
        );
    }
}
