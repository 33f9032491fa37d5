//! What changed since a git revision, for `check --diff REV`: the files changed (tracked and
//! untracked), the line ranges changed in each, the directories whose entries changed, and
//! every node's measurements at the revision (the old blobs analysed the same way), so that a
//! touched node can be judged against its own past — also when it moved to another file.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use git2::{Delta, DiffFindOptions, DiffOptions, Repository, Tree};

use crate::bands::findings::{collect, Finding};
use crate::bands::{Band, Metric, Policy};
use crate::model::Model;
use crate::scan::file::analyze_bytes;

/// Why the revision could not be compared.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    #[error("{path}: not inside a git repository: --diff needs one")]
    NotARepo { path: PathBuf },
    #[error("{path}: the repository has no working tree")]
    Bare { path: PathBuf },
    #[error("revision `{rev}` not found: {message}")]
    BadRevision { rev: String, message: String },
    #[error("git: {0}")]
    Git(#[from] git2::Error),
}

/// Changed line ranges of one file (new side), or the whole file when it is new.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Whole,
    Lines(Vec<(u32, u32)>),
}

type Before = (u32, Band);

/// The touched nodes since a revision, and their measurements then.
#[derive(Debug, Clone, Default)]
pub struct Touched {
    /// Paths relative to the scan root (new side).
    pub files: HashMap<String, Change>,
    /// Directories whose direct entries changed: entries gained minus entries lost.
    pub dirs: HashMap<String, i64>,
    levels: crate::bands::BandLevels,
    before: HashMap<String, Before>,
    moved: HashMap<(String, String, Metric), Before>,
}

impl Touched {
    /// True when the finding's node changed since the revision.
    pub fn touches(&self, f: &Finding) -> bool {
        match f.node {
            "directory" => self.dirs.contains_key(&f.path),
            "file" => self.files.contains_key(&f.path),
            _ => self.touches_span(&f.path, f.start_line, f.end_line),
        }
    }

    /// True when `line` of `path` changed.
    pub fn touches_line(&self, path: &str, line: u32) -> bool {
        self.touches_span(path, line, line)
    }

    fn touches_span(&self, path: &str, start: u32, end: u32) -> bool {
        match self.files.get(path) {
            Some(Change::Whole) => true,
            Some(Change::Lines(ranges)) => ranges.iter().any(|&(a, b)| a <= end && start <= b),
            None => false,
        }
    }

    /// The finding's value and band at the revision, if its node existed then.
    pub fn before(&self, f: &Finding) -> Option<Before> {
        if f.node == "directory" {
            let delta = *self.dirs.get(&f.path)?;
            let old = (i64::from(f.value) - delta).clamp(0, i64::from(u32::MAX)) as u32;
            return Some((old, self.levels.band(old, f.limit)));
        }
        if let Some(b) = self.before.get(&f.key()) {
            return Some(*b);
        }
        let item = f.item.clone()?;
        self.moved
            .get(&(f.node.to_string(), item, f.metric))
            .copied()
    }

    /// Compares the working tree under `root` with revision `rev`.
    pub fn compute(root: &Path, rev: &str, policy: &dyn Policy) -> Result<Touched, DiffError> {
        let repo = Repository::discover(root).map_err(|_| DiffError::NotARepo {
            path: root.to_path_buf(),
        })?;
        let workdir = repo.workdir().ok_or_else(|| DiffError::Bare {
            path: root.to_path_buf(),
        })?;
        let prefix = relative_prefix(workdir, root);
        let tree = repo
            .revparse_single(rev)
            .and_then(|o| o.peel_to_tree())
            .map_err(|e| DiffError::BadRevision {
                rev: rev.to_string(),
                message: e.message().to_string(),
            })?;
        let mut opts = DiffOptions::new();
        opts.include_untracked(true)
            .recurse_untracked_dirs(true)
            .context_lines(0);
        let mut diff = repo.diff_tree_to_workdir_with_index(Some(&tree), Some(&mut opts))?;
        let mut find = DiffFindOptions::new();
        find.renames(true).for_untracked(true);
        diff.find_similar(Some(&mut find))?;

        let walk = RefCell::new(DeltaWalk {
            prefix: &prefix,
            out: Touched {
                levels: policy.levels(),
                ..Touched::default()
            },
            removed: Vec::new(),
            olds: Vec::new(),
        });
        diff.foreach(
            &mut |delta, _| {
                walk.borrow_mut().file(&delta);
                true
            },
            None,
            Some(&mut |delta, hunk| {
                walk.borrow_mut().hunk(&delta, &hunk);
                true
            }),
            None,
        )?;
        let DeltaWalk {
            mut out,
            removed,
            olds,
            ..
        } = walk.into_inner();
        for (old_path, new_path, blob_id) in olds {
            if let Ok(blob) = repo.find_blob(blob_id) {
                out.record_old(&old_path, new_path.as_deref(), blob.content(), policy);
            }
        }
        out.count_dirs(root, &tree, &prefix, &removed);
        Ok(out)
    }

    fn record_old(&mut self, old: &str, new: Option<&str>, bytes: &[u8], policy: &dyn Policy) {
        let facts = analyze_bytes(Path::new(old), bytes, false);
        let at = new.unwrap_or(old);
        let mut model = Model::new();
        if model.upsert_file(at, facts).is_err() {
            return;
        }
        for f in collect(&model, policy, Band::Ok).findings {
            if f.node == "directory" {
                continue;
            }
            let before = (f.value, f.band);
            if let Some(item) = &f.item {
                self.moved
                    .insert((f.node.to_string(), item.clone(), f.metric), before);
            }
            if new.is_some() {
                self.before.insert(f.key(), before);
            }
        }
    }

    /// Directories that gained or lost direct entries since the revision: an entry is gained
    /// when it did not exist in the revision's tree, lost when it no longer exists on disk.
    fn count_dirs(&mut self, root: &Path, tree: &Tree<'_>, prefix: &str, removed: &[String]) {
        let mut gained: HashMap<String, HashSet<String>> = HashMap::new();
        let mut lost: HashMap<String, HashSet<String>> = HashMap::new();
        for path in self.files.keys() {
            for (dir, child) in ancestors(path) {
                let rel = join_rel(&dir, &child);
                if tree.get_path(Path::new(&join(prefix, &rel))).is_err() {
                    gained.entry(dir).or_default().insert(child);
                }
            }
        }
        for path in removed {
            for (dir, child) in ancestors(path) {
                if !root.join(join_rel(&dir, &child)).exists() {
                    lost.entry(dir).or_default().insert(child);
                }
            }
        }
        for (dir, set) in &gained {
            *self.dirs.entry(dir.clone()).or_default() += set.len() as i64;
        }
        for (dir, set) in &lost {
            *self.dirs.entry(dir.clone()).or_default() -= set.len() as i64;
        }
    }
}

/// State of one pass over a diff's deltas and hunks.
struct DeltaWalk<'p> {
    prefix: &'p str,
    out: Touched,
    /// Old paths that are gone (deleted, or renamed away).
    removed: Vec<String>,
    /// (old path, new path if it still exists, old blob) of files that existed at the revision.
    olds: Vec<(String, Option<String>, git2::Oid)>,
}

impl DeltaWalk<'_> {
    fn file(&mut self, delta: &git2::DiffDelta<'_>) {
        let new = delta.new_file().path().and_then(|p| strip(self.prefix, p));
        let old = delta.old_file().path().and_then(|p| strip(self.prefix, p));
        let status = delta.status();
        let whole = matches!(status, Delta::Added | Delta::Untracked | Delta::Copied);
        let deleted = status == Delta::Deleted;
        if let Some(new) = new.as_ref().filter(|_| !deleted) {
            let change = if whole {
                Change::Whole
            } else {
                Change::Lines(Vec::new())
            };
            self.out.files.insert(new.clone(), change);
        }
        if let Some(old) = old.as_ref().filter(|_| deleted || status == Delta::Renamed) {
            self.removed.push(old.clone());
        }
        if let Some(old) = old.filter(|_| !whole) {
            let target = new.filter(|_| !deleted);
            self.olds.push((old, target, delta.old_file().id()));
        }
    }

    fn hunk(&mut self, delta: &git2::DiffDelta<'_>, hunk: &git2::DiffHunk<'_>) {
        let Some(new) = delta.new_file().path().and_then(|p| strip(self.prefix, p)) else {
            return;
        };
        let start = hunk.new_start().max(1);
        let end = start + hunk.new_lines().saturating_sub(1);
        if let Some(Change::Lines(r)) = self.out.files.get_mut(&new) {
            r.push((start, end));
        }
    }
}

fn relative_prefix(workdir: &Path, root: &Path) -> String {
    let (Ok(w), Ok(r)) = (workdir.canonicalize(), root.canonicalize()) else {
        return String::new();
    };
    r.strip_prefix(&w)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default()
}

fn strip(prefix: &str, p: &Path) -> Option<String> {
    let s = p.to_string_lossy().replace('\\', "/");
    if prefix.is_empty() {
        return Some(s);
    }
    s.strip_prefix(prefix)?
        .strip_prefix('/')
        .map(str::to_string)
}

fn join(prefix: &str, rel: &str) -> String {
    if prefix.is_empty() {
        rel.to_string()
    } else {
        format!("{prefix}/{rel}")
    }
}

fn join_rel(dir: &str, child: &str) -> String {
    if dir.is_empty() {
        child.to_string()
    } else {
        format!("{dir}/{child}")
    }
}

/// `a/b/c.rs` → [("", "a"), ("a", "b"), ("a/b", "c.rs")].
fn ancestors(path: &str) -> Vec<(String, String)> {
    let parts: Vec<&str> = path.split('/').collect();
    (0..parts.len())
        .map(|i| (parts[..i].join("/"), parts[i].to_string()))
        .collect()
}
