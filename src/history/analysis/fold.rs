//! The working state of [`fold`](super::aggregate::fold) while it reads commits
//! newest first: which file each path's changes count for (renames followed), the per-file
//! counters, the canonical authors, and the change points before they are sorted per file.
//! Kept apart so that the aggregate's types and its entry point read on their own.

use std::collections::HashMap;

use super::aggregate::{Aggregate, Author, Changesets, Contribution, FileHistory, Point};
use crate::history::record::{Change, ChangeKind, CommitRecord, RawAuthor, Tables, NO_PATH};

/// One file being followed: its history so far.
struct Ident {
    hist: FileHistory,
    last_commit: usize,
    seen_latest: bool,
}

/// Raw authors mapped to canonical ones (after `.mailmap`, one per email or else name).
struct Authors<'r> {
    resolve: &'r dyn Fn(&RawAuthor) -> Author,
    of_raw: Vec<Option<u32>>,
    keys: HashMap<String, u32>,
    list: Vec<Author>,
}

/// The fold in progress.
pub(super) struct Fold<'t> {
    tables: &'t Tables,
    authors: Authors<'t>,
    /// Path id → file: the file a path's changes count for (a path is renamed into its file).
    alias: Vec<u32>,
    idents: Vec<Ident>,
    changesets: Changesets,
    points: Vec<(u32, Point)>,
}

impl<'t> Fold<'t> {
    /// A fold of about `changes` file changes (the capacity reserved up front).
    pub fn new(
        tables: &'t Tables,
        resolve: &'t dyn Fn(&RawAuthor) -> Author,
        changes: usize,
    ) -> Fold<'t> {
        Fold {
            tables,
            authors: Authors {
                resolve,
                of_raw: vec![None; tables.authors.len()],
                keys: HashMap::new(),
                list: Vec::new(),
            },
            alias: vec![NO_PATH; tables.paths.len()],
            // At most one file per path: room that is never written costs no memory.
            idents: Vec::with_capacity(tables.paths.len()),
            changesets: Changesets::with_capacity(changes),
            points: Vec::with_capacity(changes),
        }
    }

    /// Counts one non-merge commit, the `index`-th of the walk.
    pub fn commit(&mut self, index: usize, rec: &CommitRecord, renames: bool) {
        let author = self.authors.canonical(rec.author, self.tables);
        let set_start = self.points.len();
        for ch in &rec.changes {
            let Some(id) = self.ident_of(ch.path) else {
                continue;
            };
            let Some(ident) = self.idents.get_mut(id as usize) else {
                continue;
            };
            ident.record(index, rec.time, author, ch);
            self.points.push((
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
            self.follow_renames(rec);
        }
        let set = self.points.get(set_start..).unwrap_or(&[]);
        self.changesets.push(set.iter().map(|p| p.0));
    }

    /// The file a path's changes count for, started on the path's first (newest) change.
    fn ident_of(&mut self, path: u32) -> Option<u32> {
        let slot = self.alias.get_mut(path as usize)?;
        if *slot == NO_PATH {
            self.idents.push(Ident::new(path, self.tables));
            *slot = (self.idents.len() - 1) as u32;
        }
        Some(*slot)
    }

    /// Makes every older change of a renamed file's old path count for the file.
    fn follow_renames(&mut self, rec: &CommitRecord) {
        for ch in rec.changes.iter().filter(|c| c.old_path != NO_PATH) {
            let id = self.alias.get(ch.path as usize).copied().unwrap_or(NO_PATH);
            if id == NO_PATH {
                continue;
            }
            if let Some(slot) = self.alias.get_mut(ch.old_path as usize) {
                *slot = id;
            }
            if let Some(ident) = self.idents.get_mut(id as usize) {
                // A name the file had twice (renamed away and back) is listed once.
                let old = self.tables.path(ch.old_path);
                if old != ident.hist.repo_path && !ident.hist.former_paths.iter().any(|p| p == old)
                {
                    ident.hist.former_paths.push(old.to_string());
                }
            }
        }
    }

    /// Moves every file (named by its repository path, authors in the order met, newest
    /// first), the authors and the changesets into `out`. Returns the final alias table: for
    /// each path id whose older changes count for a file, that file (what
    /// [`prepend`](super::prepend) needs to put older history behind this fold's).
    pub fn finish(self, out: &mut Aggregate) -> Vec<(u32, u32)> {
        let mut idents = self.idents;
        out.files.reserve(idents.len());
        distribute(&mut idents, &self.points);
        for ident in idents {
            let mut hist = ident.hist;
            hist.path.clone_from(&hist.repo_path);
            out.files.push(hist);
        }
        out.changesets = self.changesets;
        out.authors = self.authors.list;
        self.alias
            .iter()
            .enumerate()
            .filter(|(_, &file)| file != NO_PATH)
            .map(|(path, &file)| (path as u32, file))
            .collect()
    }
}

/// Gives each file its changes, oldest first, in vectors of the exact size.
fn distribute(idents: &mut [Ident], points: &[(u32, Point)]) {
    let mut counts = vec![0usize; idents.len()];
    for (id, _) in points {
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
    for ident in idents.iter_mut() {
        sort_by_time(&mut ident.hist.points);
    }
}

/// Sorts points by commit time, keeping the walk's order for equal times. The walk lists a
/// merged branch's older commits where its order puts them, and that order depends on where
/// a cached walk last stopped; time order does not (already sorted: one pass, no moves).
pub(super) fn sort_by_time(points: &mut [Point]) {
    if !points.is_sorted_by_key(|p| p.time) {
        points.sort_by_key(|p| p.time);
    }
}

impl Ident {
    fn new(path: u32, tables: &Tables) -> Ident {
        Ident {
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

    /// Counts one change of the file by the `commit`-th commit of the walk.
    fn record(&mut self, commit: usize, time: i64, author: u32, ch: &Change) {
        let h = &mut self.hist;
        if !self.seen_latest {
            self.seen_latest = true;
            h.deleted = ch.kind == ChangeKind::Deleted;
        }
        let first_in_commit = self.last_commit != commit;
        self.last_commit = commit;
        if first_in_commit {
            h.commits += 1;
        }
        h.added += u64::from(ch.added);
        h.removed += u64::from(ch.removed);
        h.binary |= ch.binary;
        h.first_change = h.first_change.min(time);
        h.last_change = h.last_change.max(time);
        match h.authors.iter_mut().find(|c| c.author == author) {
            Some(c) => {
                c.commits += u32::from(first_in_commit);
                c.added += u64::from(ch.added);
            }
            None => h.authors.push(Contribution {
                author,
                commits: 1,
                added: u64::from(ch.added),
            }),
        }
    }
}

impl Authors<'_> {
    /// The canonical id of raw author `raw`.
    fn canonical(&mut self, raw: u32, tables: &Tables) -> u32 {
        if let Some(Some(id)) = self.of_raw.get(raw as usize) {
            return *id;
        }
        let resolved = match tables.authors.get(raw as usize) {
            Some(a) => (self.resolve)(a),
            None => Author {
                name: String::new(),
                email: String::new(),
            },
        };
        let key = author_key(&resolved);
        let list = &mut self.list;
        let id = *self.keys.entry(key).or_insert_with(|| {
            list.push(resolved);
            (list.len() - 1) as u32
        });
        if let Some(slot) = self.of_raw.get_mut(raw as usize) {
            *slot = Some(id);
        }
        id
    }
}

/// What makes two resolved authors one: the email, or the name when there is no email, in
/// lower case.
pub(super) fn author_key(a: &Author) -> String {
    if a.email.is_empty() {
        a.name.to_lowercase()
    } else {
        a.email.to_lowercase()
    }
}
