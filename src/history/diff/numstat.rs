//! One commit's changes, counted exactly as `git log --numstat` counts them: the commit is
//! compared with its first parent (a root commit with the empty tree; a merge contributes
//! nothing), each changed text file's two versions go through xdiff with no context lines and
//! the added and removed lines are summed from the hunk headers.
//!
//! How it stays as fast as git on one thread (and faster on two):
//! - trees are compared by [`super::treediff`], which skips unchanged subtrees by id;
//! - an added or deleted file is not diffed at all: its lines are counted;
//! - binary detection runs once, on the bytes already loaded (git's rule: a NUL in the first
//!   8,000 bytes), and xdiff is told the content is text, so libgit2 never sniffs again;
//! - modified files are counted by [`super::xdiff`] (xdiff's algorithm, not a patch), whose
//!   line index of a version is computed once for the two diffs it takes part in;
//! - the older version of a file (and its line index) is kept for the next (older) commit,
//!   whose newer version it is.
//!
//! Rename detection (libgit2's `find_similar`, git's defaults: 50 % similarity, exact renames
//! first) runs only for commits that both add and delete files.

use std::collections::HashMap;
use std::rc::Rc;

use std::sync::Arc;

use git2::{Commit, Delta, DiffFindOptions, DiffOptions, Oid, Repository};

use super::treediff::{self, Entry, Side};
use super::xdiff::{self, Lines};
use crate::history::objects::Objects;
use crate::history::pack::Reader;
use crate::history::record::{ChangeKind, RawAuthor, RawChange, RawCommit};

/// git treats the first 8,000 bytes as the sample for binary detection.
const BINARY_SAMPLE: usize = 8000;
/// git treats files over 512 MiB as binary (`core.bigFileThreshold`).
const BIG_FILE: usize = 512 * 1024 * 1024;
/// Bytes of older file versions kept for the next commit before the cache is emptied.
const BLOB_CACHE_BYTES: usize = 32 * 1024 * 1024;
/// git's default `diff.renameLimit`.
const RENAME_LIMIT: usize = 1000;

/// True when git would call the content binary.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.len() > BIG_FILE || bytes[..bytes.len().min(BINARY_SAMPLE)].contains(&0)
}

/// Lines as xdiff counts them: every `\n`, plus a last line without one.
pub fn count_lines(bytes: &[u8]) -> u32 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let partial = usize::from(bytes.last().is_some_and(|&b| b != b'\n'));
    u32::try_from(newlines + partial).unwrap_or(u32::MAX)
}

/// Computes the changes of commits, one at a time, on one repository handle (one per thread).
pub struct CommitDiffer<'r> {
    repo: &'r Repository,
    objects: Objects<'r>,
    blobs: HashMap<String, Version>,
    blob_bytes: usize,
    renames: bool,
    entries: Vec<Entry>,
}

fn content(v: &Option<Version>) -> Option<&[u8]> {
    v.as_ref().map(|v| &v.data[..])
}

/// A file version: its content, and its line index once a diff needed it.
struct Version {
    id: Oid,
    data: Arc<Vec<u8>>,
    lines: Option<Rc<Lines>>,
}

impl Version {
    fn size(&self) -> usize {
        self.data.len() + self.lines.as_ref().map_or(0, |l| l.heap_size())
    }

    fn lines(&mut self) -> Rc<Lines> {
        let data = &self.data;
        self.lines
            .get_or_insert_with(|| Rc::new(Lines::new(data)))
            .clone()
    }
}

impl<'r> CommitDiffer<'r> {
    /// A differ on `repo`, reading blobs through `packs` when given (see [`crate::history::pack`]).
    pub fn new(repo: &'r Repository, renames: bool, packs: Option<Reader>) -> Self {
        CommitDiffer {
            repo,
            objects: Objects::new(repo, packs),
            blobs: HashMap::new(),
            blob_bytes: 0,
            renames,
            entries: Vec::new(),
        }
    }

    /// The record of commit `id`.
    pub fn commit(&mut self, id: Oid) -> Result<RawCommit, git2::Error> {
        let commit = self.repo.find_commit(id)?;
        let author = commit.author();
        let mut raw = RawCommit {
            id: oid_bytes(id),
            time: commit.committer().when().seconds(),
            author: RawAuthor {
                name: String::from_utf8_lossy(author.name_bytes()).into_owned(),
                email: String::from_utf8_lossy(author.email_bytes()).into_owned(),
            },
            parents: commit.parent_count() as u32,
            changes: Vec::new(),
        };
        if raw.parents > 1 {
            return Ok(raw);
        }
        self.entries.clear();
        let new_tree = self.objects.tree(commit.tree_id())?;
        let old_tree = match raw.parents {
            0 => None,
            _ => Some(self.objects.tree(commit.parent(0)?.tree_id())?),
        };
        let mut entries = std::mem::take(&mut self.entries);
        treediff::diff(
            &mut self.objects,
            old_tree.as_deref(),
            Some(&new_tree),
            &mut entries,
        )?;
        let renames = if self.renames {
            self.renames_of(&commit, &entries)?
        } else {
            Vec::new()
        };
        let mut renamed_from: HashMap<&str, &str> = HashMap::new();
        for (old, new) in &renames {
            renamed_from.insert(new.as_str(), old.as_str());
        }
        let by_path: HashMap<&str, &Entry> = if renames.is_empty() {
            HashMap::new()
        } else {
            entries.iter().map(|e| (e.path.as_str(), e)).collect()
        };
        for e in &entries {
            let rename_source = renamed_from.get(e.path.as_str()).copied();
            let change = match rename_source.and_then(|old| by_path.get(old).map(|o| (old, o))) {
                Some((old_path, old_entry)) => {
                    let mut c = self.count(&e.path, old_entry.old, e.new)?;
                    c.kind = ChangeKind::Renamed;
                    c.old_path = Some(old_path.to_string());
                    c
                }
                None if renames.iter().any(|(old, _)| old == &e.path) && e.new.is_none() => {
                    continue;
                }
                None => self.count(&e.path, e.old, e.new)?,
            };
            raw.changes.push(change);
        }
        self.entries = entries;
        Ok(raw)
    }

    /// Rename pairs (old path, new path) among the commit's deletions and additions.
    fn renames_of(
        &self,
        commit: &Commit<'_>,
        entries: &[Entry],
    ) -> Result<Vec<(String, String)>, git2::Error> {
        let added = entries.iter().filter(|e| e.old.is_none()).count();
        let deleted = entries.iter().filter(|e| e.new.is_none()).count();
        if added == 0 || deleted == 0 {
            return Ok(Vec::new());
        }
        let mut opts = DiffOptions::new();
        opts.disable_pathspec_match(true).skip_binary_check(true);
        for e in entries
            .iter()
            .filter(|e| e.old.is_none() || e.new.is_none())
        {
            opts.pathspec(e.path.as_str());
        }
        let parent_tree = commit.parent(0)?.tree()?;
        let tree = commit.tree()?;
        let mut diff =
            self.repo
                .diff_tree_to_tree(Some(&parent_tree), Some(&tree), Some(&mut opts))?;
        let mut find = DiffFindOptions::new();
        find.renames(true)
            .rename_threshold(50)
            .rename_limit(RENAME_LIMIT);
        diff.find_similar(Some(&mut find))?;
        let pairs = diff
            .deltas()
            .filter(|d| d.status() == Delta::Renamed)
            .filter_map(|d| {
                let old = d.old_file().path()?.to_string_lossy().into_owned();
                let new = d.new_file().path()?.to_string_lossy().into_owned();
                Some((old, new))
            })
            .collect();
        Ok(pairs)
    }

    /// Counts one entry. `path` is the path after the commit (the cache key for blobs).
    fn count(
        &mut self,
        path: &str,
        old: Option<Side>,
        new: Option<Side>,
    ) -> Result<RawChange, git2::Error> {
        let kind = match (old, new) {
            (None, _) => ChangeKind::Added,
            (_, None) => ChangeKind::Deleted,
            _ => ChangeKind::Modified,
        };
        let mut new_v = new
            .filter(|s| !s.is_gitlink())
            .map(|s| self.version_for_new(path, s.id))
            .transpose()?;
        let mut old_v = old
            .filter(|s| !s.is_gitlink())
            .map(|s| self.load(s.id))
            .transpose()?;
        let counts = measure(old, new, &mut old_v, &mut new_v);
        if let Some(v) = old_v {
            self.keep(path, v);
        }
        Ok(RawChange {
            path: path.to_string(),
            old_path: None,
            kind,
            added: counts.added,
            removed: counts.removed,
            binary: counts.binary,
        })
    }

    /// The newer version of `path`: usually the older version the previous commit loaded.
    fn version_for_new(&mut self, path: &str, id: Oid) -> Result<Version, git2::Error> {
        if let Some(v) = self.blobs.remove(path) {
            self.blob_bytes = self.blob_bytes.saturating_sub(v.size());
            if v.id == id {
                return Ok(v);
            }
        }
        self.load(id)
    }

    /// A blob's content: from the packs when possible, else through libgit2 (which also
    /// reports a missing or damaged object).
    fn load(&mut self, id: Oid) -> Result<Version, git2::Error> {
        Ok(Version {
            id,
            data: self.objects.blob(id)?,
            lines: None,
        })
    }

    fn keep(&mut self, path: &str, v: Version) {
        let size = v.size();
        if self.blob_bytes + size > BLOB_CACHE_BYTES {
            self.blobs.clear();
            self.blob_bytes = 0;
        }
        self.blob_bytes += size;
        if let Some(old) = self.blobs.insert(path.to_string(), v) {
            self.blob_bytes = self.blob_bytes.saturating_sub(old.size());
        }
    }
}

/// What `git log --numstat` shows for one entry.
#[derive(Default)]
struct Counts {
    added: u32,
    removed: u32,
    binary: bool,
}

/// Counts the lines of one entry: a submodule as its one "Subproject commit" line, a binary
/// file as `-`, an added, deleted or type-changed file whole, a modified file by xdiff.
fn measure(
    old: Option<Side>,
    new: Option<Side>,
    old_v: &mut Option<Version>,
    new_v: &mut Option<Version>,
) -> Counts {
    let gitlink = old.is_some_and(|s| s.is_gitlink()) || new.is_some_and(|s| s.is_gitlink());
    let binary = content(old_v).is_some_and(is_binary) || content(new_v).is_some_and(is_binary);
    let typechange = matches!((old, new), (Some(a), Some(b)) if a.kind() != b.kind());
    if gitlink {
        return Counts {
            removed: gitlink_lines(old, content(old_v), binary),
            added: gitlink_lines(new, content(new_v), binary),
            binary: false,
        };
    }
    if binary {
        return Counts {
            binary: true,
            ..Counts::default()
        };
    }
    if old_v.is_none() || new_v.is_none() || typechange {
        return Counts {
            removed: content(old_v).map_or(0, count_lines),
            added: content(new_v).map_or(0, count_lines),
            binary: false,
        };
    }
    match (old_v, new_v) {
        (Some(a), Some(b)) if a.id != b.id => diff_versions(a, b),
        _ => Counts::default(),
    }
}

/// git diffs a submodule as the one line "Subproject commit <id>"; a blob in its place
/// (a type change) counts whole unless binary.
fn gitlink_lines(side: Option<Side>, data: Option<&[u8]>, binary: bool) -> u32 {
    match (side, data) {
        (Some(_), Some(b)) if !binary => count_lines(b),
        (Some(_), None) => 1,
        _ => 0,
    }
}

/// Lines added and removed between two versions of a text file.
fn diff_versions(a: &mut Version, b: &mut Version) -> Counts {
    let (la, lb) = (a.lines(), b.lines());
    let (added, removed) = xdiff::count(
        xdiff::Side {
            bytes: &a.data,
            lines: &la,
        },
        xdiff::Side {
            bytes: &b.data,
            lines: &lb,
        },
    );
    Counts {
        added,
        removed,
        binary: false,
    }
}

/// The 20 bytes of a SHA-1 id (zero-padded or cut for other hash sizes).
pub fn oid_bytes(id: Oid) -> [u8; 20] {
    let mut out = [0u8; 20];
    for (o, b) in out.iter_mut().zip(id.as_bytes()) {
        *o = *b;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_binary_follow_git() {
        assert_eq!(count_lines(b""), 0);
        assert_eq!(count_lines(b"a"), 1);
        assert_eq!(count_lines(b"a\n"), 1);
        assert_eq!(count_lines(b"a\nb"), 2);
        assert_eq!(count_lines(b"\n\n\n"), 3);
        assert!(is_binary(b"PNG\0\x01"));
        assert!(!is_binary(b"plain text\n"));
        let mut late_nul = vec![b'a'; 9000];
        late_nul[8500] = 0;
        assert!(
            !is_binary(&late_nul),
            "git only samples the first 8,000 bytes"
        );
    }
}
