//! Renderings of a [`Report`]: human text for a handläggare in the terminal, and
//! JSON (the contract of `shared/spec/report-format.md`). Both read the same value;
//! neither adds facts of its own.

use std::fmt::Write;

use crate::report::{Category, Finding, Report, Severity};

/// ANSI styles, used only when colour is on.
struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, s: Severity, acknowledged: bool) -> String {
        if acknowledged {
            return self.paint("2", "KVITTERAD");
        }
        match s {
            Severity::Error => self.paint("1;31", "FEL      "),
            Severity::Warning => self.paint("1;33", "VARNING  "),
            Severity::Info => self.paint("1;36", "INFO     "),
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report as text a new handläggare can read: grouped by category, each finding
/// with what is wrong, the provision, where, and the facts behind it.
pub fn human(report: &Report, color: bool) -> String {
    let st = Style { on: color };
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(
        out,
        "{} {}: {}, {}, {}",
        st.paint("1", "Ärende"),
        st.paint("1", &report.case),
        count(s.error, "fel", "fel"),
        count(s.warning, "varning", "varningar"),
        count(s.info, "upplysning", "upplysningar")
    );
    if report.findings.is_empty() {
        out.push_str("\nInga anmärkningar. Alla regler som gäller ärendet är uppfyllda.\n");
    }
    for cat in Category::ALL {
        let group: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.category == cat)
            .collect();
        if group.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n{}", st.paint("1;4", cat.rubrik()));
        for f in group {
            finding(&mut out, f, &st);
        }
    }
    out.push('\n');
    if s.acknowledged > 0 {
        let _ = writeln!(
            out,
            "{} är kvitterade och räknas inte.",
            count(s.acknowledged, "anmärkning", "anmärkningar")
        );
    }
    let verdict = if s.error > 0 {
        st.paint("1;31", "Rätta felen innan beslutet fattas.")
    } else if s.warning > 0 {
        st.paint(
            "1;33",
            "Inga fel. Gå igenom varningarna innan beslutet fattas.",
        )
    } else {
        st.paint("1;32", "Inga fel eller varningar.")
    };
    let _ = writeln!(out, "{verdict}");
    if let Some(source) = report.source.as_ref().filter(|s| !s.is_empty()) {
        out.push_str("\nSå lästes utkastet:\n");
        for s in source {
            let _ = writeln!(out, "  {} → {}", s.rubrik, s.falt);
        }
    }
    if !report.rulesets.is_empty() {
        out.push_str("\nKontrollerat mot:\n");
        for r in &report.rulesets {
            let to = r
                .valid_to
                .as_deref()
                .map_or(String::new(), |t| format!(" till {t}"));
            let short = r.hash.get(..15).unwrap_or(&r.hash);
            let _ = writeln!(
                out,
                "  {} {} (gäller från {}{to}) {} {}",
                r.id, r.version, r.valid_from, r.source, short
            );
        }
    }
    out
}

fn finding(out: &mut String, f: &Finding, st: &Style) {
    let _ = writeln!(
        out,
        "  {} {}",
        st.severity(f.severity, f.acknowledged.is_some()),
        f.message
    );
    let pad = "            ";
    if let Some(l) = &f.lagrum {
        let basis = match f.basis.as_deref() {
            Some("praxis") => " (god praxis, inte lagkrav)",
            Some("riktlinje") => " (kommunal riktlinje)",
            _ => "",
        };
        let _ = writeln!(out, "{pad}Lagrum:  {l}{basis}");
    }
    let place = match &f.insats {
        Some(i) => {
            let namn = crate::case::Insats::from_id(i).map_or(i.as_str(), |x| x.namn());
            format!("{} (beslutet om {namn})", f.path)
        }
        None => f.path.clone(),
    };
    if !place.is_empty() {
        let _ = writeln!(out, "{pad}Var:     {place}");
    }
    if let Some(e) = &f.explanation {
        let _ = writeln!(out, "{pad}Fakta:   {}", e.trim());
    }
    if let Some(ev) = &f.evidence {
        if let Some(m) = &ev.matched {
            let _ = writeln!(out, "{pad}Träff:   {m}");
        }
        if let (Some(other), Some(sim)) = (&ev.other_case, ev.similarity) {
            let _ = writeln!(out, "{pad}Likhet:  {:.0} % med {other}", sim * 100.0);
        }
    }
    if let Some(a) = &f.adjusted {
        let _ = writeln!(out, "{pad}Justerad: {a}");
    }
    if let Some(a) = &f.acknowledged {
        let by = a.by.as_deref().map_or(String::new(), |b| format!(" ({b}"));
        let date = match (&a.by, &a.date) {
            (Some(_), Some(d)) => format!(", {d})"),
            (Some(_), None) => ")".into(),
            (None, Some(d)) => format!(" ({d})"),
            (None, None) => String::new(),
        };
        let _ = writeln!(out, "{pad}Kvitterad{by}{date}: {}", a.reason.trim());
    }
    let _ = writeln!(out, "{pad}Regel:   {}", st.paint("2", &f.rule));
}

/// The report as pretty JSON (report format version 1).
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The report as one line of JSON (for `--format jsonl`).
pub fn json_line(report: &Report) -> String {
    serde_json::to_string(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}
