//! Folds commit records into per-file histories: commits, lines added and removed, authors
//! (after `.mailmap`), first and last change, and the change points the growth series is built
//! from. Files are followed through renames: records are read newest first, and a rename
//! `old → new` makes every older change of `old` count for the file now called `new` (as
//! `git log --follow` does for one file, here for all of them at once).

use std::collections::HashMap;

use crate::history::record::{ChangeKind, CommitRecord, RawAuthor, Tables, NO_PATH};

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

struct Ident {
    path: u32,
    hist: FileHistory,
    last_commit: usize,
    seen_latest: bool,
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
    // Path id → file: the file a path's changes count for (a path is renamed into its file).
    let mut alias: Vec<u32> = vec![NO_PATH; tables.paths.len()];
    let mut idents: Vec<Ident> = Vec::new();
    let mut author_of: Vec<Option<u32>> = vec![None; tables.authors.len()];
    let mut author_keys: HashMap<String, u32> = HashMap::new();
    let mut changesets = Changesets::default();
    let mut points: Vec<(u32, Point)> = Vec::new();
    for (index, rec) in records.enumerate() {
        out.first_time = Some(out.first_time.map_or(rec.time, |t| t.min(rec.time)));
        out.last_time = Some(out.last_time.map_or(rec.time, |t| t.max(rec.time)));
        if rec.is_merge() {
            out.merges += 1;
            continue;
        }
        out.commits += 1;
        let author = canonical_author(
            rec.author,
            tables,
            resolve,
            &mut author_of,
            &mut author_keys,
            &mut out.authors,
        );
        let set_start = points.len();
        for ch in &rec.changes {
            let Some(slot) = alias.get_mut(ch.path as usize) else {
                continue;
            };
            if *slot == NO_PATH {
                idents.push(Ident::new(ch.path, tables));
                *slot = (idents.len() - 1) as u32;
            }
            let id = *slot;
            let Some(ident) = idents.get_mut(id as usize) else {
                continue;
            };
            ident.record(
                index, rec.time, author, ch.added, ch.removed, ch.kind, ch.binary,
            );
            points.push((
                id,
                Point {
                    time: rec.time,
                    added: ch.added,
                    removed: ch.removed,
                    kind: ch.kind,
                },
            ));
        }
        if renames {
            for ch in rec.changes.iter().filter(|c| c.old_path != NO_PATH) {
                let id = alias.get(ch.path as usize).copied().unwrap_or(NO_PATH);
                if id != NO_PATH {
                    if let Some(slot) = alias.get_mut(ch.old_path as usize) {
                        *slot = id;
                    }
                    if let Some(ident) = idents.get_mut(id as usize) {
                        ident
                            .hist
                            .former_paths
                            .push(tables.path(ch.old_path).to_string());
                    }
                }
            }
        }
        changesets.push(points.get(set_start..).unwrap_or(&[]).iter().map(|p| p.0));
    }
    // Each file's changes, oldest first, in vectors of the exact size.
    let mut counts = vec![0usize; idents.len()];
    for (id, _) in &points {
        if let Some(n) = counts.get_mut(*id as usize) {
            *n += 1;
        }
    }
    for (ident, n) in idents.iter_mut().zip(&counts) {
        ident.hist.points.reserve_exact(*n);
    }
    for (id, p) in points.iter().rev() {
        if let Some(ident) = idents.get_mut(*id as usize) {
            ident.hist.points.push(*p);
        }
    }
    let mut index_of: Vec<Option<u32>> = vec![None; idents.len()];
    for (i, ident) in idents.into_iter().enumerate() {
        let repo_path = tables.path(ident.path);
        let Some(rel) = scope.relative(repo_path) else {
            continue;
        };
        let mut hist = ident.hist;
        hist.path = rel.to_string();
        hist.authors
            .sort_by(|a, b| b.commits.cmp(&a.commits).then(b.added.cmp(&a.added)));
        if let Some(slot) = index_of.get_mut(i) {
            *slot = Some(out.files.len() as u32);
        }
        out.files.push(hist);
    }
    for set in changesets.iter() {
        out.changesets.push(
            set.iter()
                .filter_map(|&id| index_of.get(id as usize).copied().flatten()),
        );
    }
    out
}

impl Ident {
    fn new(path: u32, tables: &Tables) -> Ident {
        Ident {
            path,
            hist: FileHistory {
                path: String::new(),
                repo_path: tables.path(path).to_string(),
                commits: 0,
                added: 0,
                removed: 0,
                authors: Vec::new(),
                first_change: i64::MAX,
                last_change: i64::MIN,
                former_paths: Vec::new(),
                deleted: false,
                binary: false,
                points: Vec::new(),
            },
            last_commit: usize::MAX,
            seen_latest: false,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        commit: usize,
        time: i64,
        author: u32,
        added: u32,
        removed: u32,
        kind: ChangeKind,
        binary: bool,
    ) {
        let h = &mut self.hist;
        if !self.seen_latest {
            self.seen_latest = true;
            h.deleted = kind == ChangeKind::Deleted;
        }
        let first_in_commit = self.last_commit != commit;
        self.last_commit = commit;
        if first_in_commit {
            h.commits += 1;
        }
        h.added += u64::from(added);
        h.removed += u64::from(removed);
        h.binary |= binary;
        h.first_change = h.first_change.min(time);
        h.last_change = h.last_change.max(time);
        match h.authors.iter_mut().find(|c| c.author == author) {
            Some(c) => {
                c.commits += u32::from(first_in_commit);
                c.added += u64::from(added);
            }
            None => h.authors.push(Contribution {
                author,
                commits: 1,
                added: u64::from(added),
            }),
        }
    }
}

fn canonical_author(
    raw: u32,
    tables: &Tables,
    resolve: &dyn Fn(&RawAuthor) -> Author,
    author_of: &mut [Option<u32>],
    keys: &mut HashMap<String, u32>,
    authors: &mut Vec<Author>,
) -> u32 {
    if let Some(Some(id)) = author_of.get(raw as usize) {
        return *id;
    }
    let resolved = match tables.authors.get(raw as usize) {
        Some(a) => resolve(a),
        None => Author {
            name: String::new(),
            email: String::new(),
        },
    };
    let key = if resolved.email.is_empty() {
        resolved.name.to_lowercase()
    } else {
        resolved.email.to_lowercase()
    };
    let id = *keys.entry(key).or_insert_with(|| {
        authors.push(resolved);
        (authors.len() - 1) as u32
    });
    if let Some(slot) = author_of.get_mut(raw as usize) {
        *slot = Some(id);
    }
    id
}
