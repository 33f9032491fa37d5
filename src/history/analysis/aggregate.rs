//! Folds commit records into per-file histories: commits, lines added and removed, authors
//! (after `.mailmap`), first and last change, and the change points the growth series is built
//! from. Files are followed through renames: records are read newest first, and a rename
//! `old → new` makes every older change of `old` count for the file now called `new` (as
//! `git log --follow` does for one file, here for all of them at once).

use super::fold::Fold;
use crate::history::record::{ChangeKind, CommitRecord, RawAuthor, Tables};

/// Which files of the repository are reported: those under a directory, or one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// `""` (everything), `dir/` (a directory, with its slash) or `dir/file.rs` (one file).
    pub prefix: String,
}

impl Scope {
    /// The path relative to the scanned root, or `None` outside the scope.
    pub fn relative<'a>(&self, path: &'a str) -> Option<&'a str> {
        if self.prefix.is_empty() {
            return Some(path);
        }
        if self.prefix.ends_with('/') {
            return path
                .strip_prefix(self.prefix.as_str())
                .filter(|p| !p.is_empty());
        }
        (path == self.prefix).then(|| path.rsplit('/').next().unwrap_or(path))
    }
}

/// One change of a file, for its growth series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    pub time: i64,
    pub added: u32,
    pub removed: u32,
    pub kind: ChangeKind,
}

/// An author after `.mailmap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: String,
}

/// Commits of one author on one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contribution {
    pub author: u32,
    pub commits: u32,
    pub added: u64,
}

/// The history of one file over the window.
#[derive(Debug, Clone, PartialEq)]
pub struct FileHistory {
    /// Relative to the scanned root; its latest name.
    pub path: String,
    /// Relative to the repository root.
    pub repo_path: String,
    pub commits: u32,
    pub added: u64,
    pub removed: u64,
    /// Per author, most commits first.
    pub authors: Vec<Contribution>,
    pub first_change: i64,
    pub last_change: i64,
    /// Earlier names (repository-relative), newest first.
    pub former_paths: Vec<String>,
    /// The file's latest change deleted it.
    pub deleted: bool,
    /// Some change was binary.
    pub binary: bool,
    /// Its changes, oldest first.
    pub points: Vec<Point>,
}

/// Everything the window says, per file.
#[derive(Debug, Clone, Default)]
pub struct Aggregate {
    pub files: Vec<FileHistory>,
    pub authors: Vec<Author>,
    /// Per non-merge commit touching the scope: the files it changed (indices into `files`).
    pub changesets: Changesets,
    /// Non-merge commits and merges of the window.
    pub commits: usize,
    pub merges: usize,
    pub first_time: Option<i64>,
    pub last_time: Option<i64>,
}

/// The files changed by each commit, flattened (one allocation for the whole history).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changesets {
    files: Vec<u32>,
    ends: Vec<u32>,
}

impl Changesets {
    /// Room for about `files` file entries.
    pub fn with_capacity(files: usize) -> Changesets {
        Changesets {
            files: Vec::with_capacity(files),
            ends: Vec::new(),
        }
    }

    /// Adds one commit's files (sorted, without duplicates); an empty set is not kept.
    pub fn push(&mut self, set: impl IntoIterator<Item = u32>) {
        let start = self.files.len();
        self.files.extend(set);
        if let Some(tail) = self.files.get_mut(start..) {
            tail.sort_unstable();
        }
        let mut w = start;
        for r in start..self.files.len() {
            let v = self.files.get(r).copied();
            if r == start || v != self.files.get(w - 1).copied() {
                if let (Some(v), Some(slot)) = (v, self.files.get_mut(w)) {
                    *slot = v;
                }
                w += 1;
            }
        }
        self.files.truncate(w);
        if w > start {
            self.ends.push(w as u32);
        }
    }

    /// Each commit's files.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(self.ends.iter().copied())
            .map(|(a, b)| self.files.get(a as usize..b as usize).unwrap_or(&[]))
    }

    /// Number of commits kept.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when no commit is kept.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Folds `records` (newest first).
pub fn aggregate<'a>(
    records: impl Iterator<Item = &'a CommitRecord>,
    tables: &Tables,
    renames: bool,
    scope: &Scope,
    resolve: &dyn Fn(&RawAuthor) -> Author,
) -> Aggregate {
    let mut out = Aggregate::default();
    let records: Vec<&CommitRecord> = records.collect();
    let changes = records.iter().map(|r| r.changes.len()).sum();
    let mut fold = Fold::new(tables, resolve, changes);
    for (index, rec) in records.into_iter().enumerate() {
        out.first_time = Some(out.first_time.map_or(rec.time, |t| t.min(rec.time)));
        out.last_time = Some(out.last_time.map_or(rec.time, |t| t.max(rec.time)));
        if rec.is_merge() {
            out.merges += 1;
            continue;
        }
        out.commits += 1;
        fold.commit(index, rec, renames);
    }
    fold.finish(scope, &mut out);
    out
}
