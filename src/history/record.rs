//! What the walk learns about one commit, in the compact form the cache stores: the commit's
//! time and author, and for every file it changed the lines added and removed, exactly as
//! `git log --numstat` counts them. Paths and authors are interned in tables so that a record is
//! a few integers per changed file.
//!
//! A record depends only on the commit id (a commit names its parents, hence its diff), so
//! records never go stale: a rewritten history simply stops reaching some of them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// "No path": the old path of a change that is not a rename.
pub const NO_PATH: u32 = u32::MAX;

/// How a file changed in a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Added,
    Deleted,
    Modified,
    /// Moved from `old_path` (with renames followed); the counts compare the two contents.
    Renamed,
}

/// One file changed by one commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Index into [`Tables::paths`]: the path after the commit (before it, for a deletion).
    pub path: u32,
    /// The path before a rename, else [`NO_PATH`].
    pub old_path: u32,
    pub kind: ChangeKind,
    /// Lines added and removed (0 for binary files, which `git log --numstat` shows as `-`).
    pub added: u32,
    pub removed: u32,
    /// Either side is binary (a NUL byte in its first 8,000 bytes, git's rule).
    pub binary: bool,
}

/// One commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitRecord {
    /// The commit id (SHA-1 bytes).
    pub id: [u8; 20],
    /// Committer time, seconds since the Unix epoch (what `git log --since` filters on).
    pub time: i64,
    /// Index into [`Tables::authors`] (the raw author; `.mailmap` is applied when reading).
    pub author: u32,
    /// Number of parents. Merges (2 or more) carry no changes, as in `git log --numstat`.
    pub parents: u32,
    /// The changed files, one entry per path.
    pub changes: Vec<Change>,
}

impl CommitRecord {
    /// True for a merge commit.
    pub fn is_merge(&self) -> bool {
        self.parents > 1
    }
}

/// A raw author signature as recorded in the commit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RawAuthor {
    pub name: String,
    pub email: String,
}

/// Interned paths and authors, shared by all records of a cache.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Tables {
    pub paths: Vec<String>,
    pub authors: Vec<RawAuthor>,
    #[serde(skip)]
    path_index: HashMap<String, u32>,
    #[serde(skip)]
    author_index: HashMap<RawAuthor, u32>,
}

impl Tables {
    /// Rebuilds the lookup maps after deserialisation.
    pub fn reindex(&mut self) {
        self.path_index = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as u32))
            .collect();
        self.author_index = self
            .authors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.clone(), i as u32))
            .collect();
    }

    /// The id of `path`, adding it when new.
    pub fn path_id(&mut self, path: &str) -> u32 {
        if let Some(&id) = self.path_index.get(path) {
            return id;
        }
        let id = self.paths.len() as u32;
        self.paths.push(path.to_string());
        self.path_index.insert(path.to_string(), id);
        id
    }

    /// The id of an author, adding it when new.
    pub fn author_id(&mut self, author: &RawAuthor) -> u32 {
        if let Some(&id) = self.author_index.get(author) {
            return id;
        }
        let id = self.authors.len() as u32;
        self.authors.push(author.clone());
        self.author_index.insert(author.clone(), id);
        id
    }

    /// The id of `path`, if it is known.
    pub fn find_path(&self, path: &str) -> Option<u32> {
        self.path_index.get(path).copied()
    }

    /// The path behind an id (`""` for an unknown id).
    pub fn path(&self, id: u32) -> &str {
        self.paths
            .get(id as usize)
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// A commit's changes before interning, as a walker thread produces them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawChange {
    pub path: String,
    pub old_path: Option<String>,
    pub kind: ChangeKind,
    pub added: u32,
    pub removed: u32,
    pub binary: bool,
}

/// A commit as a walker thread produces it, before interning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCommit {
    pub id: [u8; 20],
    pub time: i64,
    pub author: RawAuthor,
    pub parents: u32,
    pub changes: Vec<RawChange>,
}

impl RawCommit {
    /// Interns the paths and author into `tables`.
    pub fn intern(self, tables: &mut Tables) -> CommitRecord {
        let changes = self
            .changes
            .into_iter()
            .map(|c| Change {
                path: tables.path_id(&c.path),
                old_path: c.old_path.as_deref().map_or(NO_PATH, |p| tables.path_id(p)),
                kind: c.kind,
                added: c.added,
                removed: c.removed,
                binary: c.binary,
            })
            .collect();
        CommitRecord {
            id: self.id,
            time: self.time,
            author: tables.author_id(&self.author),
            parents: self.parents,
            changes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_is_stable_and_reindexable() {
        let mut t = Tables::default();
        let a = t.path_id("src/a.rs");
        let b = t.path_id("src/b.rs");
        assert_eq!((a, b), (0, 1));
        assert_eq!(t.path_id("src/a.rs"), 0);
        let mut copy = Tables {
            paths: t.paths.clone(),
            authors: t.authors.clone(),
            ..Tables::default()
        };
        copy.reindex();
        assert_eq!(copy.path_id("src/b.rs"), 1);
        assert_eq!(copy.path_id("src/c.rs"), 2);
        assert_eq!(copy.path(7), "");
    }
}
