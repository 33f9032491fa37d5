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
    /// Per author, in the order met (newest change first).
    pub authors: Vec<Contribution>,
    pub first_change: i64,
    pub last_change: i64,
    /// Earlier names (repository-relative), newest first.
    pub former_paths: Vec<String>,
    /// The file's latest change deleted it.
    pub deleted: bool,
    /// Some change was binary.
    pub binary: bool,
    /// Its changes in commit-time order (the walk's order for equal times).
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
        let Some(tail) = self.files.get_mut(start..) else {
            return;
        };
        if tail.is_empty() {
            return;
        }
        if tail.windows(2).all(|w| w[0] < w[1]) {
            // Already sorted without duplicates (a stored changeset mapped in order).
            self.ends.push(self.files.len() as u32);
            return;
        }
        tail.sort_unstable();
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

    /// The flattened form: every commit's files one after the other, and where each ends.
    pub fn raw(&self) -> (&[u32], &[u32]) {
        (&self.files, &self.ends)
    }

    /// Rebuilds from [`Changesets::raw`]'s parts; `None` when they do not fit together.
    pub fn from_raw(files: Vec<u32>, ends: Vec<u32>) -> Option<Changesets> {
        let mut last = 0;
        for &end in &ends {
            if end <= last || end as usize > files.len() {
                return None;
            }
            last = end;
        }
        (last as usize == files.len()).then_some(Changesets { files, ends })
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

/// Folds `records` (newest first) over the whole repository: files named by their repository
/// path, each file's authors in the order met. Also returns the alias table (path id → file)
/// that [`prepend`](super::prepend) needs.
pub fn fold<'a>(
    records: impl Iterator<Item = &'a CommitRecord>,
    tables: &Tables,
    renames: bool,
    resolve: &dyn Fn(&RawAuthor) -> Author,
) -> (Aggregate, Vec<(u32, u32)>) {
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
    let aliases = fold.finish(&mut out);
    (out, aliases)
}

impl Aggregate {
    /// The files in `scope`, named relative to it.
    pub fn scoped(mut self, scope: &Scope) -> Aggregate {
        if scope.prefix.is_empty() {
            return self;
        }
        let mut index_of: Vec<Option<u32>> = vec![None; self.files.len()];
        let mut kept = Vec::new();
        for (i, mut f) in std::mem::take(&mut self.files).into_iter().enumerate() {
            let Some(rel) = scope.relative(&f.repo_path) else {
                continue;
            };
            f.path = rel.to_string();
            if let Some(slot) = index_of.get_mut(i) {
                *slot = Some(kept.len() as u32);
            }
            kept.push(f);
        }
        self.files = kept;
        let mut sets = Changesets::with_capacity(self.changesets.files.len());
        for set in self.changesets.iter() {
            sets.push(
                set.iter()
                    .filter_map(|&id| index_of.get(id as usize).copied().flatten()),
            );
        }
        self.changesets = sets;
        self
    }
}

impl FileHistory {
    /// The author with the most commits on the file (then the most lines added; then the one
    /// met first, i.e. with the newer change).
    pub fn main_author(&self) -> Option<&Contribution> {
        let mut best: Option<&Contribution> = None;
        for c in &self.authors {
            if best.is_none_or(|b| (c.commits, c.added) > (b.commits, b.added)) {
                best = Some(c);
            }
        }
        best
    }
}
