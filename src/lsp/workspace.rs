//! Which rule files an open file is checked with, and the analysis of them.
//!
//! `rules check DIR [--local DIR]` checks a whole folder, because definitions and
//! lists are shared across files. The server does the same for the folder an open
//! file belongs to, with the editor's unsaved texts in place of the files on disk:
//!
//! - a file below a folder named `rules` is checked with that folder;
//! - a file below `riktlinjer/<kommun>/` is a municipal guideline: the folder is
//!   layered over the national rules, which are `rules/` beside `riktlinjer/` when it
//!   exists and the rules built into the binary otherwise (as `--local` alone does);
//! - any other file is checked with the folder it is in.
//!
//! The editor may fix both folders with the initialization options
//! `{"regler": "rules", "riktlinjer": "riktlinjer/exempelkommun"}` (relative to the
//! workspace root).
//!
//! Sources are named by their path relative to the workspace root, as `rules check`
//! run from the root names them, so messages that name another file read the same.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::Source;
use crate::engine::{self, LoadError, RULE_EXT};
use crate::lint::{self, Reviewed};

/// The folders one file is checked with.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Context {
    /// The national rules; `None` for the rules built into the binary.
    pub national: Option<PathBuf>,
    /// A municipal guideline folder layered over them.
    pub local: Option<PathBuf>,
}

/// A rule text and the file it is, when it is one (the built-in rules are not).
pub type Sourced = (Arc<Source>, Option<PathBuf>);

/// The result of checking one context.
pub struct Analysis {
    pub reviewed: Reviewed,
    /// Every source of the context by name, and the file it is, when it is one.
    pub sources: Vec<Sourced>,
    /// Why the folder could not be read, if it could not.
    pub load_error: Option<String>,
}

impl Analysis {
    pub fn path_of(&self, name: &str) -> Option<&Path> {
        self.sources
            .iter()
            .find(|(s, _)| s.name == name)
            .and_then(|(_, p)| p.as_deref())
    }
}

#[derive(Default)]
pub struct Workspace {
    pub root: Option<PathBuf>,
    pub national_option: Option<PathBuf>,
    pub local_option: Option<PathBuf>,
    /// Open documents: their path and the text in the editor.
    pub docs: HashMap<PathBuf, String>,
    cache: HashMap<Context, Arc<Analysis>>,
}

impl Workspace {
    /// The text of a file: the editor's when it is open, else the disk's.
    pub fn text(&self, path: &Path) -> Option<String> {
        self.docs
            .get(path)
            .cloned()
            .or_else(|| std::fs::read_to_string(path).ok())
    }

    /// Forget analyses; called when any document changes.
    pub fn invalidate(&mut self) {
        self.cache.clear();
    }

    /// The folders a rule file or rule test is checked with.
    pub fn context(&self, file: &Path) -> Context {
        let under = |dir: &Path| file.starts_with(dir);
        if let Some(local) = self.local_option.as_ref().filter(|l| under(l)) {
            return Context {
                national: self
                    .national_option
                    .clone()
                    .or_else(|| self.default_national()),
                local: Some(local.clone()),
            };
        }
        if let Some(national) = self.national_option.as_ref().filter(|n| under(n)) {
            return Context {
                national: Some(national.clone()),
                local: None,
            };
        }
        for dir in file.ancestors().skip(1) {
            let parent = dir.parent();
            if parent
                .and_then(Path::file_name)
                .is_some_and(|n| n == "riktlinjer")
            {
                let beside = parent.and_then(Path::parent).map(|p| p.join("rules"));
                return Context {
                    national: self
                        .national_option
                        .clone()
                        .or_else(|| beside.filter(|b| b.is_dir())),
                    local: Some(dir.to_path_buf()),
                };
            }
            if dir.file_name().is_some_and(|n| n == "rules") {
                return Context {
                    national: Some(dir.to_path_buf()),
                    local: None,
                };
            }
        }
        Context {
            national: file.parent().map(Path::to_path_buf),
            local: None,
        }
    }

    fn default_national(&self) -> Option<PathBuf> {
        self.root
            .as_ref()
            .map(|r| r.join("rules"))
            .filter(|r| r.is_dir())
    }

    /// The analysis of a context, from the cache when nothing changed since.
    pub fn analysis(&mut self, cx: &Context) -> Arc<Analysis> {
        if let Some(a) = self.cache.get(cx) {
            return Arc::clone(a);
        }
        let a = Arc::new(self.analyse(cx));
        self.cache.insert(cx.clone(), Arc::clone(&a));
        a
    }

    fn analyse(&self, cx: &Context) -> Analysis {
        let mut load_error = None;
        let mut read = |dir: &Option<PathBuf>| -> Vec<Sourced> {
            match dir {
                None => engine::builtin_sources()
                    .into_iter()
                    .map(|s| (s, None))
                    .collect(),
                Some(dir) => match self.sources(dir) {
                    Ok(s) => s,
                    Err(e) => {
                        load_error = Some(e.to_string());
                        Vec::new()
                    }
                },
            }
        };
        let national = read(&cx.national);
        let local = if cx.local.is_some() {
            read(&cx.local)
        } else {
            Vec::new()
        };
        let reviewed = lint::review_full(
            national.iter().map(|(s, _)| Arc::clone(s)).collect(),
            local.iter().map(|(s, _)| Arc::clone(s)).collect(),
        );
        let mut sources = national;
        sources.extend(local);
        Analysis {
            reviewed,
            sources,
            load_error,
        }
    }

    /// The rule files of a folder, the editor's texts in place of the disk's, and
    /// open files not yet saved included.
    fn sources(&self, dir: &Path) -> Result<Vec<Sourced>, LoadError> {
        let mut files: Vec<PathBuf> = match engine::read_dir_sources(dir) {
            Ok(s) => s.iter().map(|s| PathBuf::from(&s.name)).collect(),
            Err(LoadError::Empty { .. }) => Vec::new(),
            Err(e) => return Err(e),
        };
        for path in self.docs.keys() {
            if path.starts_with(dir)
                && path.extension().is_some_and(|e| e == RULE_EXT)
                && !files.contains(path)
            {
                files.push(path.clone());
            }
        }
        files.sort();
        let mut out = Vec::new();
        for path in files {
            let Some(text) = self.text(&path) else {
                continue;
            };
            out.push((Source::new(self.display_name(&path), text), Some(path)));
        }
        Ok(out)
    }

    /// A path as `rules check` run from the workspace root names it.
    pub fn display_name(&self, path: &Path) -> String {
        self.root
            .as_ref()
            .and_then(|r| path.strip_prefix(r).ok())
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// The national and local sources of a context, for loading an engine (rule
    /// tests), with the editor's texts.
    pub fn engine_sources(&mut self, cx: &Context) -> (Vec<Arc<Source>>, Vec<Arc<Source>>) {
        let a = self.analysis(cx);
        let is_local = |p: &Option<PathBuf>| {
            cx.local
                .as_ref()
                .is_some_and(|l| p.as_ref().is_some_and(|p| p.starts_with(l)))
        };
        let (local, national): (Vec<_>, Vec<_>) = a.sources.iter().partition(|(_, p)| is_local(p));
        (
            national.into_iter().map(|(s, _)| Arc::clone(s)).collect(),
            local.into_iter().map(|(s, _)| Arc::clone(s)).collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_follow_the_folders_rules_check_is_run_on() {
        let ws = Workspace::default();
        let cx = ws.context(Path::new("/p/rules/lss/barn.regler"));
        assert_eq!(cx.national.as_deref(), Some(Path::new("/p/rules")));
        assert_eq!(cx.local, None);
        let cx = ws.context(Path::new("/p/riktlinjer/kommun/a/x.regler"));
        assert_eq!(cx.local.as_deref(), Some(Path::new("/p/riktlinjer/kommun")));
        // No `rules/` beside it on this machine: the built-in rules.
        assert_eq!(cx.national, None);
        let cx = ws.context(Path::new("/tmp/egna/x.regler"));
        assert_eq!(cx.national.as_deref(), Some(Path::new("/tmp/egna")));
    }
}
