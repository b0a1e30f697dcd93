//! The rule files' copy lists, stock phrases and standard paragraphs, in the form the
//! signals read them, made once per configuration.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use super::super::individuell::StockPhrases;
use super::super::text::{fold, Tokens};
use super::super::CopyConfig;
use super::FastSet;

/// The rule files' lists in the form the signals read them, made once per
/// configuration (per thread), not once per check.
pub(super) struct PreparedConfig {
    pub(super) stock: StockPhrases,
    pub(super) standard: StandardParagraphs,
}

thread_local! {
    static PREPARED: RefCell<Option<(CopyConfig, Rc<PreparedConfig>)>> = const { RefCell::new(None) };
}

pub(super) fn prepared_config(cfg: &CopyConfig) -> Rc<PreparedConfig> {
    PREPARED.with(|cell| {
        let mut cell = cell.borrow_mut();
        if let Some((key, p)) = &*cell {
            if key == cfg {
                return Rc::clone(p);
            }
        }
        let p = Rc::new(PreparedConfig {
            stock: StockPhrases::new(cfg),
            standard: StandardParagraphs::new(cfg),
        });
        *cell = Some((cfg.clone(), Rc::clone(&p)));
        p
    })
}

/// The standard paragraphs, folded (lower case, whitespace collapsed) as the draft's
/// sentences are compared with them.
pub(super) struct StandardParagraphs {
    pub(super) folded: Vec<String>,
    /// Every whitespace-separated word of the folded paragraphs. A sentence inside a
    /// paragraph has all its words but the first and last among these, so a sentence
    /// with one that is not is no standard sentence, and is not folded.
    pub(super) words: FastSet,
}

impl StandardParagraphs {
    pub(super) fn new(cfg: &CopyConfig) -> Self {
        let folded: Vec<String> = cfg.standard_paragraphs.iter().map(|p| fold(p)).collect();
        let words = folded
            .iter()
            .flat_map(|p| p.split(' '))
            .map(str::to_string)
            .collect();
        StandardParagraphs { folded, words }
    }

    /// Byte ranges of the text that are one of the standard paragraphs, sentence by
    /// sentence: a sentence counts as standard when it occurs in a standard paragraph
    /// (compared in lower case with whitespace collapsed).
    pub(super) fn ranges_in(&self, tok: &Tokens<'_>) -> Vec<Range<usize>> {
        if self.folded.is_empty() {
            return Vec::new();
        }
        let mut buf = String::new();
        tok.sentences
            .iter()
            .filter(|r| {
                let sentence = &tok.text[(*r).clone()];
                let mut ws = sentence.split_whitespace();
                ws.next();
                ws.next_back();
                let inner_known = ws.all(|w| {
                    buf.clear();
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                    self.words.contains(buf.as_str())
                });
                if !inner_known {
                    return false;
                }
                let s = fold(sentence);
                s.len() >= 12 && self.folded.iter().any(|p| p.contains(&s))
            })
            .cloned()
            .collect()
    }
}
