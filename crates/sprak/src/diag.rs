//! Source diagnostics: an error or warning that points at a span of a named text
//! (a rule file, a case file) and renders itself in the style of rustc:
//!
//! ```text
//! fel: okänt fält `sokande.fodelsedag`
//!   --> rules/lss/korttidsvistelse.regler:14:23
//!    |
//! 14 |   kräv finns(sokande.fodelsedag)
//!    |              ^^^^^^^^^^^^^^^^^^ inget sådant fält i ärendet
//!    |
//!    = hjälp: menade du `sokande.fodelsedatum`?
//! ```
//!
//! Every stage that reads text (case reading, rule parsing, rule checking) reports
//! through this one type, so file, line, column and caret look the same everywhere.
//! Line and column are 1-based; the column counts characters, not bytes.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A named text that diagnostics point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown to the user: a path relative to where it was read from, or
    /// `<stdin>`.
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Source> {
        Arc::new(Source {
            name: name.into(),
            text: text.into(),
        })
    }

    /// 1-based line and character column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// Byte offset of a 1-based line and character column (clamped to the text).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut start = 0;
        for _ in 1..line.max(1) {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let line_text = self.text[start..].split('\n').next().unwrap_or("");
        let within: usize = line_text
            .chars()
            .take(col.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + within
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Error,
    Warning,
}

/// One diagnostic with its location and help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub level: Level,
    /// One line, the offending text in backticks.
    pub message: String,
    pub source: Arc<Source>,
    /// Byte range in `source.text`; may be empty (a point).
    pub span: Range<usize>,
    /// Short text written beside the caret.
    pub label: String,
    /// What to do about it, on its own line.
    pub help: Option<String>,
    /// Further facts, e.g. where the other half of a conflict is.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(source: &Arc<Source>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            message: message.into(),
            source: Arc::clone(source),
            span,
            label: String::new(),
            help: None,
            notes: Vec::new(),
        }
    }

    pub fn warning(source: &Arc<Source>, span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(source, span, message)
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// [`Diagnostic::label`] for a diagnostic already stored in a list.
    pub fn with_label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = label.into();
        self
    }

    pub fn file(&self) -> &str {
        &self.source.name
    }

    /// 1-based line and column of the start of the span.
    pub fn line_col(&self) -> (usize, usize) {
        self.source.line_col(self.span.start)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = &self.source.text;
        let (line, col) = self.line_col();
        let level = match self.level {
            Level::Error => "fel",
            Level::Warning => "varning",
        };
        writeln!(f, "{level}: {}", self.message)?;
        let num = line.to_string();
        let pad = " ".repeat(num.len());
        writeln!(f, "{pad}--> {}:{line}:{col}", self.source.name)?;
        let start = floor_char_boundary(text, self.span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        let end = floor_char_boundary(text, self.span.end.clamp(start, line_end));
        let lead: String = text[line_start..start]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        let width = text[start..end].chars().count().max(1);
        writeln!(f, "{pad} |")?;
        writeln!(f, "{num} | {line_text}")?;
        let label = if self.label.is_empty() {
            String::new()
        } else {
            format!(" {}", self.label)
        };
        writeln!(f, "{pad} | {lead}{}{label}", "^".repeat(width))?;
        if self.help.is_some() || !self.notes.is_empty() {
            writeln!(f, "{pad} |")?;
        }
        for note in &self.notes {
            writeln!(f, "{pad} = obs: {note}")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "{pad} = hjälp: {help}")?;
        }
        Ok(())
    }
}

/// Several diagnostics rendered one after another, then a count line.
pub fn render_all(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.level == Level::Error).count();
    let warnings = diags.len() - errors;
    if errors > 0 {
        out.push_str(&format!(
            "{errors} fel{}\n",
            if warnings > 0 {
                format!(", {warnings} varningar")
            } else {
                String::new()
            }
        ));
    }
    out
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    let len = word.chars().count();
    for c in candidates {
        let c_len = c.chars().count();
        let limit = (len.max(c_len) / 3).max(1);
        // The distance is at least the difference in length: a candidate that cannot
        // be within the limit, or closer than the best so far, is not measured (the
        // fuzzer's unknown names spent a sixth of a rule file's check here).
        let at_least = len.abs_diff(c_len);
        if at_least > limit || best.is_some_and(|(bd, _)| at_least >= bd) {
            continue;
        }
        // Levenshtein over characters, not bytes: `å` is one edit.
        let d = strsim::levenshtein(word, c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length bound skips only candidates that could not have been chosen.
    #[test]
    fn did_you_mean_is_the_closest_candidate_within_the_limit() {
        fn plain<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
            let mut best: Option<(usize, &str)> = None;
            for &c in candidates {
                let d = strsim::levenshtein(word, c);
                let limit = (word.chars().count().max(c.chars().count()) / 3).max(1);
                if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, c));
                }
            }
            best.map(|(_, c)| c)
        }
        let names = [
            "sokande.fodelsedatum",
            "sokande.namn",
            "beslut",
            "beslut.datum",
            "barn",
            "barnets",
            "utredning.texter.barnets_basta",
            "utredning",
            "ålder",
            "alder_vid_beslut",
            "a",
            "ab",
            "insats",
            "insatser",
            "kräv",
            "krav",
            "när",
            "nar",
            "",
            "x",
            "xyz",
            "fodelsedag",
        ];
        for word in names
            .iter()
            .chain(&["sokande.fodelsedag", "barnets_bästa", "beslu", "q", "äl"])
        {
            for n in 0..=names.len() {
                let cands = &names[..n];
                assert_eq!(
                    did_you_mean(word, cands.iter().copied()),
                    plain(word, cands),
                    "{word}"
                );
                let rev: Vec<&str> = cands.iter().rev().copied().collect();
                assert_eq!(
                    did_you_mean(word, rev.iter().copied()),
                    plain(word, &rev),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn renders_caret_under_span_with_unicode_before_it() {
        let src = Source::new("r.regler", "regel a\n  kräv finns(sokande.fodelsedag)\n");
        let start = src.text.find("sokande").unwrap();
        let d = Diagnostic::error(&src, start..start + 18, "okänt fält `sokande.fodelsedag`")
            .label("inget sådant fält")
            .help("menade du `sokande.fodelsedatum`?");
        let shown = d.to_string();
        assert!(shown.contains("--> r.regler:2:14"), "{shown}");
        assert!(
            shown.contains("  |              ^^^^^^^^^^^^^^^^^^ inget sådant fält"),
            "{shown}"
        );
    }

    #[test]
    fn line_col_and_offset_round_trip() {
        let src = Source::new("x", "åäö\nab\n");
        let off = src.offset_of(2, 2);
        assert_eq!(src.line_col(off), (2, 2));
        assert_eq!(src.line_col(src.text.len() + 10), (3, 1));
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("beslutt", ["beslut", "sokande"]),
            Some("beslut")
        );
        assert_eq!(did_you_mean("xyz", ["beslut", "sokande"]), None);
        // A Swedish letter is one edit, not two bytes.
        assert_eq!(did_you_mean("nämna", ["nämner", "finns"]), Some("nämner"));
        assert_eq!(did_you_mean("alder", ["ålder"]), Some("ålder"));
    }
}
