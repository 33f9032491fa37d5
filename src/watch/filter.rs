//! Which changed paths matter: the scanner's rules, applied to one path at a time.
//!
//! A path enters the model exactly when `scan::scan` would list it, so the live model never
//! drifts from what a fresh scan gives. The rules are those of `scan::walk` (`.gitignore`,
//! `.ignore`, `.git/info/exclude` and the global git excludes, inside or outside a git
//! repository, ignore files in the root's parents, hidden names skipped, `.git` never entered),
//! through the `ignore` crate's incremental matcher built with the same `WalkBuilder` settings;
//! plus two rules of seamline's own, applied by the watch engine to the initial scan as well:
//! the `[scan] ignore` globs of the configuration, and the cache directory when it lies inside
//! the tree.
//!
//! Some paths are not content but control: an ignore file (the rules change), the repository's
//! `.seamline.toml` (the configuration changes) and git's HEAD and refs (history moved). The
//! matcher caches the ignore files it has read; `reload` forgets them after one changed.

use std::path::{Path, PathBuf};

use globset::GlobSet;
use ignore::{IncrementalIgnore, WalkBuilder};

use crate::config::REPO_FILE;

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

/// The path filter of one watched root.
pub struct PathFilter {
    root: PathBuf,
    matcher: Option<IncrementalIgnore>,
    globs: GlobSet,
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
    /// A filter for `root` (canonical), with the config's extra ignore `globs` (already
    /// compiled, see `config::parse::build_globset`) and the scan cache directory.
    pub fn new(root: &Path, globs: GlobSet, cache_dir: Option<&Path>) -> PathFilter {
        let cache_rel = cache_dir
            .and_then(|d| std::path::absolute(d).ok())
            .and_then(|d| d.strip_prefix(root).ok().map(Path::to_path_buf))
            .map(|rel| crate::scan::walk::relative(Path::new(""), &rel));
        PathFilter {
            root: root.to_path_buf(),
            matcher: matcher(root),
            globs,
            cache_rel,
            git: None,
        }
    }

    /// The root this filter judges paths under.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Forgets every ignore file read so far (one of them changed).
    pub fn reload(&mut self) {
        self.matcher = matcher(&self.root);
    }

    /// Replaces the extra ignore globs (the configuration changed).
    pub fn set_globs(&mut self, globs: GlobSet) {
        self.globs = globs;
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
        if rel.is_empty() || has_git_component(&rel) {
            return (Verdict::Ignored, rel);
        }
        let (parent, name) = match rel.rfind('/') {
            Some(i) => (&rel[..i], &rel[i + 1..]),
            None => ("", rel.as_str()),
        };
        if name == ".gitignore" || name == ".ignore" {
            let verdict = if self.accepts(parent, true) {
                Verdict::Control(Control::IgnoreRules)
            } else {
                Verdict::Ignored
            };
            return (verdict, rel);
        }
        if rel == REPO_FILE {
            return (Verdict::Control(Control::Config), rel);
        }
        let kept = match std::fs::symlink_metadata(abs) {
            Ok(md) => self.accepts(&rel, md.is_dir()),
            Err(_) => self.accepts(&rel, false) || self.accepts(&rel, true),
        };
        let verdict = if kept {
            Verdict::Source
        } else {
            Verdict::Ignored
        };
        (verdict, rel)
    }

    /// True when the scanner would list the entry at `rel` (`""` is the root).
    pub fn accepts(&mut self, rel: &str, is_dir: bool) -> bool {
        if rel.is_empty() {
            return true;
        }
        if has_git_component(rel) || self.in_cache_dir(rel) || self.glob_ignored(rel, is_dir) {
            return false;
        }
        match self.matcher.as_mut() {
            Some(m) => !m.matched(Path::new(rel), is_dir).is_ignore(),
            None => true,
        }
    }

    /// True when seamline's own rules (config globs, cache directory) leave `rel` out; the
    /// scanner applies only the ignore files, so its results are filtered with this.
    pub fn extra_ignored(&self, rel: &str, is_dir: bool) -> bool {
        !rel.is_empty() && (self.in_cache_dir(rel) || self.glob_ignored(rel, is_dir))
    }

    fn in_cache_dir(&self, rel: &str) -> bool {
        self.cache_rel
            .as_deref()
            .is_some_and(|c| !c.is_empty() && within(rel, c))
    }

    /// A glob leaves out the path itself or any directory above it; a directory is also left
    /// out when a glob covers everything inside it (`vendor/**`).
    fn glob_ignored(&self, rel: &str, is_dir: bool) -> bool {
        if self.globs.is_empty() {
            return false;
        }
        if is_dir && self.globs.is_match(format!("{rel}/")) {
            return true;
        }
        let mut end = rel.len();
        loop {
            let prefix = &rel[..end];
            if self.globs.is_match(prefix) {
                return true;
            }
            match prefix.rfind('/') {
                Some(i) => end = i,
                None => return false,
            }
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
fn matcher(root: &Path) -> Option<IncrementalIgnore> {
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(true)
        .require_git(false)
        .follow_links(false);
    builder.build_matchers().into_iter().next()
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
