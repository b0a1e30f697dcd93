//! A rule's page: the rule as written and its documentation, as `explain`, the
//! service (`GET /v1/rules/{id}`) and the language server's hover show it. Below the
//! CLI and the service, so neither borrows from the other.

use crate::model::{RuleBase, RuleScope};

/// What a rule set is tried on, as `rules list` and the service show it.
pub fn scope_text(scope: &RuleScope) -> String {
    match scope {
        RuleScope::Insats(i) => i.iter().map(|x| x.id()).collect::<Vec<_>>().join(","),
        RuleScope::VarjeBeslut => "varje beslut".into(),
        RuleScope::Arendet => "ärendet".into(),
    }
}

/// `explain RULE`: the rule as written and its lint page, from every version.
pub fn explain(base: &RuleBase, id: &str) -> Option<String> {
    let mut out = String::new();
    for (set, rule) in base.rules().filter(|(_, r)| r.id == id) {
        let to = set.valid_to.map_or(String::new(), |t| format!(" till {t}"));
        out.push_str(&format!(
            "{}\n{}\n\n",
            rule.id,
            "=".repeat(rule.id.chars().count())
        ));
        out.push_str(&format!(
            "Regelverk:    {} {} ({}), gäller från {}{to}\n",
            set.id, set.version, set.title, set.valid_from
        ));
        out.push_str(&format!("Fil:          {}\n", set.source));
        out.push_str(&format!("Lagrum:       {}\n", rule.lagrum));
        let basis = match &rule.basis {
            crate::model::Basis::Lag => "lag".to_string(),
            crate::model::Basis::Praxis(s) => format!("god praxis: {s} (högst varning)"),
            crate::model::Basis::Riktlinje(s) => format!("kommunal riktlinje: {s} (högst varning)"),
        };
        out.push_str(&format!("Grund:        {basis}\n"));
        out.push_str(&format!("Kategori:     {}\n", rule.category.rubrik()));
        out.push_str(&format!("Allvarlighet: {}\n", rule.severity.ord()));
        if !rule.acknowledgeable {
            out.push_str("Kvittering:   kan inte kvitteras\n");
        }
        if let Some(a) = &rule.adjusted {
            out.push_str(&format!("Justerad:     {a}\n"));
        }
        if let Some(doc) = &rule.doc {
            out.push_str(&format!("\n{}\n", doc.trim_end()));
        }
        out.push_str(&format!(
            "\nSå här är regeln skriven:\n\n{}\n\n",
            indent(&rule.text)
        ));
    }
    if out.is_empty() {
        out = explain_builtin(base, id)?;
    }
    Some(out)
}

/// `explain` for the checks written in Rust (copy detection, the citation register,
/// the engine's own findings), which have no rule text.
fn explain_builtin(base: &RuleBase, id: &str) -> Option<String> {
    let title = |id: &str| format!("{id}\n{}\n\n", "=".repeat(id.chars().count()));
    if let Some(set) = id.strip_suffix(".ingen_version") {
        let set = base.sets.iter().find(|s| s.id == set)?;
        return Some(format!(
            "{}Inbyggd kontroll i beslutskoll (src/eval.rs).\nKategori:     {}\nAllvarlighet: varning\n\n\
             Vad regeln kontrollerar: att någon version av regelverket `{}` gäller på det datum som väljer version.\n\
             Varför: ett beslut som ingen version gäller för har inte kontrollerats mot de reglerna, och det ska synas.\n",
            title(id),
            crate::report::Category::Decision.rubrik(),
            set.id
        ));
    }
    let c = crate::inbyggda::find(id)?;
    let mut out = title(c.id);
    out.push_str(&format!("Inbyggd kontroll i beslutskoll ({}).\n", c.source));
    if !c.lagrum.is_empty() {
        out.push_str(&format!("Lagrum:       {}\n", c.lagrum));
    }
    out.push_str(&format!("Kategori:     {}\n", c.category.rubrik()));
    out.push_str(&format!("Allvarlighet: {}\n", c.severity.ord()));
    out.push_str(&format!("\n{}\n", c.doc));
    Some(out)
}

fn indent(s: &str) -> String {
    s.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
