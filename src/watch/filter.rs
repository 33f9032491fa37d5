//! Which changed paths matter: the scanner's rules, applied to one path at a time.
//!
//! A path enters the model exactly when `scan::scan` would list it, so the live model never
//! drifts from what a fresh scan gives. The rules are those of `scan::walk` (`.gitignore`,
//! `.ignore`, `.git/info/exclude` and the global git excludes, inside or outside a git
//! repository, ignore files in the root's parents, hidden names skipped, `.git` never entered,
//! the config's `[scan] ignore` globs as overrides, `[scan] languages` for files whose name
//! tells their language), through the `ignore` crate's incremental matcher built with the same
//! `WalkBuilder` settings. One rule of its own: the cache directory, when it lies inside the
//! tree, is left out (seamline's own writes must never trigger work).
//!
//! Some paths are not content but control: an ignore file (the rules change), the repository's
//! `.seamline.toml` (the configuration changes) and git's HEAD and refs (history moved). The
//! matcher caches the ignore files it has read; `reload` forgets them after one changed.

use std::path::{Path, PathBuf};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::{IncrementalIgnore, WalkBuilder};

use crate::config::REPO_FILE;
use crate::lang::Language;

/// What a changed path means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// A file or directory the scanner would list.
    Source,
    /// Left out by the rules: never any work.
    Ignored,
    /// Not content, but a change of the rules or of the repository.
    Control(Control),
}

/// The control paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Control {
    /// A `.gitignore`, `.ignore` or `.git/info/exclude` file.
    IgnoreRules,
    /// The repository configuration, `.seamline.toml` at the root.
    Config,
    /// git's `HEAD`, `packed-refs` or a file under `refs/`: HEAD may have moved.
    GitRef,
}

/// Where git keeps a repository's state (absolute paths).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitPaths {
    /// The repository's own git directory (`HEAD` lives here; for a worktree, its own).
    pub git_dir: PathBuf,
    /// The common directory (`refs/`, `packed-refs`, `info/exclude`).
    pub common_dir: PathBuf,
}

/// The configuration's part in the rules: `[scan] ignore` and `[scan] languages`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanRules {
    pub ignore: Vec<String>,
    pub languages: Option<Vec<Language>>,
}

/// The path filter of one watched root.
pub struct PathFilter {
    root: PathBuf,
    matcher: Option<IncrementalIgnore>,
    rules: ScanRules,
    overrides: Option<Override>,
    cache_rel: Option<String>,
    git: Option<GitPaths>,
}

impl std::fmt::Debug for PathFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PathFilter")
            .field("root", &self.root)
            .field("cache_rel", &self.cache_rel)
            .field("git", &self.git)
            .finish_non_exhaustive()
    }
}

impl PathFilter {
    /// A filter for `root` (canonical) with the configuration's `rules` and the scan cache
    /// directory. Fails on a glob the `ignore` crate rejects (the scan would fail on it too).
    pub fn new(
        root: &Path,
        rules: ScanRules,
        cache_dir: Option<&Path>,
    ) -> Result<PathFilter, String> {
        let cache_rel = cache_dir
            .and_then(|d| std::path::absolute(d).ok())
            .and_then(|d| d.strip_prefix(root).ok().map(Path::to_path_buf))
            .map(|rel| crate::scan::walk::relative(Path::new(""), &rel));
        let overrides = overrides(root, &rules.ignore)?;
        Ok(PathFilter {
            root: root.to_path_buf(),
            matcher: matcher(root, overrides.as_ref()),
            rules,
            overrides,
            cache_rel,
            git: None,
        })
    }

    /// The root this filter judges paths under.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Forgets every ignore file read so far (one of them changed).
    pub fn reload(&mut self) {
        self.matcher = matcher(&self.root, self.overrides.as_ref());
    }

    /// The configuration's rules in force.
    pub fn rules(&self) -> &ScanRules {
        &self.rules
    }

    /// Replaces the configuration's rules (the configuration changed); on a bad glob the old
    /// rules stay.
    pub fn set_rules(&mut self, rules: ScanRules) -> Result<(), String> {
        self.overrides = overrides(&self.root, &rules.ignore)?;
        self.rules = rules;
        self.reload();
        Ok(())
    }

    /// Tells the filter where git keeps HEAD and refs, so that their changes are reported.
    pub fn set_git(&mut self, git: Option<GitPaths>) {
        self.git = git;
    }

    /// `abs` relative to the root, `/`-separated (`None` when outside it).
    pub fn relative(&self, abs: &Path) -> Option<String> {
        let rel = abs.strip_prefix(&self.root).ok()?;
        Some(crate::scan::walk::relative(Path::new(""), rel))
    }

    /// Judges a changed absolute path. The file system is asked whether it is a directory; for
    /// a path that no longer exists, it is kept when either reading would keep it.
    pub fn classify(&mut self, abs: &Path) -> (Verdict, String) {
        if let Some(control) = self.git_control(abs) {
            return (control, String::new());
        }
        let Some(rel) = self.relative(abs) else {
            return (Verdict::Ignored, String::new());
        };
        let verdict = self.judge(abs, &rel);
        (verdict, rel)
    }

    /// The verdict on `rel`, the root-relative form of `abs`.
    fn judge(&mut self, abs: &Path, rel: &str) -> Verdict {
        if rel.is_empty() || has_git_component(rel) {
            return Verdict::Ignored;
        }
        let (parent, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        if name == ".gitignore" || name == ".ignore" {
            let kept = self.accepts(parent, true);
            return kept_as(kept, Verdict::Control(Control::IgnoreRules));
        }
        if rel == REPO_FILE {
            return Verdict::Control(Control::Config);
        }
        let kept = match std::fs::symlink_metadata(abs) {
            Ok(md) => self.accepts(rel, md.is_dir()),
            Err(_) => self.accepts(rel, false) || self.accepts(rel, true),
        };
        kept_as(kept, Verdict::Source)
    }

    /// True when the scanner would list the entry at `rel` (`""` is the root).
    pub fn accepts(&mut self, rel: &str, is_dir: bool) -> bool {
        if rel.is_empty() {
            return true;
        }
        if has_git_component(rel) || self.in_cache_dir(rel) {
            return false;
        }
        if !is_dir && !self.language_allowed(rel) {
            return false;
        }
        match self.matcher.as_mut() {
            Some(m) => !m.matched(Path::new(rel), is_dir).is_ignore(),
            None => true,
        }
    }

    /// True when the language filter keeps a file whose facts say `language` (the scanner
    /// filters by name in the walk and by content after analysis).
    pub fn keeps_language(&self, language: Language) -> bool {
        self.rules
            .languages
            .as_ref()
            .is_none_or(|langs| langs.contains(&language))
    }

    /// True when the rule of the watcher's own, the cache directory, leaves `rel` out (the
    /// scanner does not know it, so its results are filtered with this).
    pub fn in_cache_dir(&self, rel: &str) -> bool {
        self.cache_rel
            .as_deref()
            .is_some_and(|c| !c.is_empty() && within(rel, c))
    }

    /// The walk's rule: a file whose name tells its language is left out when the language
    /// filter does not list it.
    fn language_allowed(&self, rel: &str) -> bool {
        match (
            &self.rules.languages,
            crate::lang::detect(Path::new(rel), ""),
        ) {
            (Some(langs), Some(lang)) => langs.contains(&lang),
            _ => true,
        }
    }

    fn git_control(&self, abs: &Path) -> Option<Verdict> {
        let git = self.git.as_ref()?;
        let inner = abs
            .strip_prefix(&git.git_dir)
            .or_else(|_| abs.strip_prefix(&git.common_dir))
            .ok()?;
        let inner = crate::scan::walk::relative(Path::new(""), inner);
        Some(
            if inner == "HEAD" || inner == "packed-refs" || inner.starts_with("refs/") {
                Verdict::Control(Control::GitRef)
            } else if inner == "info/exclude" {
                Verdict::Control(Control::IgnoreRules)
            } else {
                Verdict::Ignored
            },
        )
    }
}

/// The `ignore` crate's per-path matcher with the settings of `scan::walk`.
fn matcher(root: &Path, overrides: Option<&Override>) -> Option<IncrementalIgnore> {
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(true)
        .require_git(false)
        .follow_links(false);
    if let Some(ov) = overrides {
        builder.overrides(ov.clone());
    }
    builder.build_matchers().into_iter().next()
}

/// The `[scan] ignore` globs as overrides that leave matching paths out, as `scan::walk`
/// builds them.
fn overrides(root: &Path, globs: &[String]) -> Result<Option<Override>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut ob = OverrideBuilder::new(root);
    for g in globs {
        ob.add(&format!("!{g}")).map_err(|e| e.to_string())?;
    }
    ob.build().map(Some).map_err(|e| e.to_string())
}

/// `verdict` for a path the filter keeps, else [`Verdict::Ignored`].
fn kept_as(kept: bool, verdict: Verdict) -> Verdict {
    if kept {
        verdict
    } else {
        Verdict::Ignored
    }
}

fn has_git_component(rel: &str) -> bool {
    rel.split('/').any(|c| c == ".git")
}

/// True when `rel` is `dir` or lies below it.
pub fn within(rel: &str, dir: &str) -> bool {
    dir.is_empty()
        || rel == dir
        || (rel.starts_with(dir) && rel.as_bytes().get(dir.len()) == Some(&b'/'))
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
