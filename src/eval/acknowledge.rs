//! Acknowledgements (`kvitteringar`): findings the case acknowledges, and
//! acknowledgements that cannot be taken or match no finding.

use crate::report::Acknowledged;

use super::*;

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
