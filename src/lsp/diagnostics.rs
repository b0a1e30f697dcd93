//! Diagnostics for the editor: the very diagnostics `rules check` prints, as LSP
//! ranges, and the outcome of a rule test (`*.test.yaml`) as `rules test` reports it.

use std::path::Path;

use lsp_types::{DiagnosticSeverity, NumberOrString};

use super::text;
use crate::diag::{Diagnostic, Level};
use crate::engine::Engine;
use crate::ruletest;

/// One checker or lint diagnostic as the editor shows it: the message of
/// `rules check` on the first line, then the caret's label, the notes and the help.
pub fn to_lsp(d: &Diagnostic) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if !d.label.is_empty() {
        message.push_str(&format!("\n{}", d.label));
    }
    for note in &d.notes {
        message.push_str(&format!("\nobs: {note}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhjälp: {help}"));
    }
    lsp_types::Diagnostic {
        range: text::range(&d.source.text, &d.span),
        severity: Some(match d.level {
            Level::Error => DiagnosticSeverity::ERROR,
            Level::Warning => DiagnosticSeverity::WARNING,
        }),
        source: Some("beslutskoll".into()),
        message,
        ..Default::default()
    }
}

/// A diagnostic of a rule test at a byte range of its text.
fn test_diag(text: &str, span: std::ops::Range<usize>, message: String) -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: text::range(text, &span),
        severity: Some(DiagnosticSeverity::ERROR),
        source: Some("beslutskoll".into()),
        code: Some(NumberOrString::String("regeltest".into())),
        message,
        ..Default::default()
    }
}

/// The first line of a text, for a message that belongs to the whole file.
fn first_line(text: &str) -> std::ops::Range<usize> {
    0..text.find('\n').unwrap_or(text.len())
}

/// Where a rule test names something: the first whole occurrence of it in the text
/// (a rule id, a key of `andra`), or the first line.
fn find_word(text: &str, word: &str) -> std::ops::Range<usize> {
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let mut from = 0;
    while let Some(i) = text[from..].find(word).map(|i| i + from) {
        let end = i + word.len();
        let before = text[..i].chars().next_back().is_none_or(|c| !ident(c));
        let after = text[end..].chars().next().is_none_or(|c| !ident(c));
        if before && after {
            return i..end;
        }
        from = end;
    }
    first_line(text)
}

/// The first `…` quoted name in a message.
fn quoted(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// A rule test read from the editor's text and run against the rules of its folder:
/// every failure `rules test` would print, at the line that names its rule.
/// `engine` gives the loaded rules, or a message when they do not load; it is
/// called only for a test that reads.
pub fn rule_test<'e>(
    path: &Path,
    text: &str,
    engine: impl FnOnce() -> Result<&'e Engine, String>,
) -> Vec<lsp_types::Diagnostic> {
    let prefix = format!("{}: ", path.display());
    let t = match ruletest::parse_test(path, text) {
        Ok(t) => t,
        Err(e) => {
            let message = e.strip_prefix(&prefix).unwrap_or(&e).to_string();
            let span = match serde_yaml::from_str::<ruletest::RuleTest>(text)
                .err()
                .and_then(|e| e.location())
            {
                Some(loc) => {
                    let at = loc.index().min(text.len());
                    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
                    at..end.max(at)
                }
                None => first_line(text),
            };
            return vec![test_diag(text, span, message)];
        }
    };
    let engine = match engine() {
        Ok(e) => e,
        Err(e) => return vec![test_diag(text, first_line(text), e)],
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let outcome = ruletest::run_test(engine, &t, &name);
    outcome
        .failures
        .into_iter()
        .map(|f| {
            let span = match quoted(&f) {
                // `andra.x.y`: the key as written under `andra`.
                Some(q) => find_word(text, q.strip_prefix("andra.").unwrap_or(q)),
                None if f.starts_with("ärendet kan inte läsas") => {
                    find_word(text, "bas").start..find_word(text, "bas").end
                }
                None => first_line(text),
            };
            test_diag(text, span, f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_whole_words() {
        let text = "ska_utlosa: [lss.barn.x_y, lss.barn.x]\n";
        let at = find_word(text, "lss.barn.x");
        assert_eq!(&text[at.clone()], "lss.barn.x");
        assert_eq!(at.start, text.rfind("lss.barn.x").unwrap());
        assert_eq!(quoted("`a.b` skulle ge"), Some("a.b"));
    }
}
