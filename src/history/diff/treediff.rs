//! Tree-to-tree comparison of two commits, written here rather than taken from libgit2's
//! `diff_tree_to_tree`: it walks both trees in git's entry order, skips every subtree whose id is
//! unchanged, and builds a path only for entries that differ. On real histories this is an order
//! of magnitude cheaper than libgit2's generic iterators, which is what lets the walk keep pace
//! with `git log --numstat`.

use std::cmp::Ordering;

use git2::Oid;

use crate::history::objects::{Item, Objects, Tree};

/// Mode bits of a tree entry.
pub const MODE_TREE: i32 = 0o040000;
/// A submodule (gitlink).
pub const MODE_GITLINK: i32 = 0o160000;
const TYPE_MASK: i32 = 0o170000;

/// One side of a changed entry: its object id and mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side {
    pub id: Oid,
    pub mode: i32,
}

impl Side {
    /// A gitlink (submodule commit).
    pub fn is_gitlink(&self) -> bool {
        self.mode & TYPE_MASK == MODE_GITLINK
    }

    /// The entry type bits (file, symlink, gitlink).
    pub fn kind(&self) -> i32 {
        self.mode & TYPE_MASK
    }
}

/// A path whose entry differs between the two trees (never a tree itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub old: Option<Side>,
    pub new: Option<Side>,
}

fn is_tree(mode: i32) -> bool {
    mode & TYPE_MASK == MODE_TREE
}

/// git's order of tree entries: by name, a directory compared as if its name ended in `/`.
fn entry_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> Ordering {
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        Ordering::Equal => {}
        other => return other,
    }
    let end = |tree: bool| if tree { b'/' } else { 0 };
    let ca = a.get(n).copied().unwrap_or(end(a_tree));
    let cb = b.get(n).copied().unwrap_or(end(b_tree));
    ca.cmp(&cb).then(a.len().cmp(&b.len()))
}

/// Appends to `out` every non-tree entry that differs between `old` and `new` (either may be
/// absent: an empty tree). Paths are `/`-separated, relative to the root.
pub fn diff(
    cache: &mut Objects<'_>,
    old: Option<&Tree>,
    new: Option<&Tree>,
    out: &mut Vec<Entry>,
) -> Result<(), git2::Error> {
    let mut walk = TreeWalk {
        cache,
        prefix: Vec::new(),
        out,
    };
    walk.level(old, new, 0)
}

/// Trees nested deeper than this are not followed (no real repository nests that far).
const MAX_DEPTH: usize = 256;

/// One comparison in progress: the object reader, the path of the current level and the
/// entries found so far.
struct TreeWalk<'c, 'o, 'r> {
    cache: &'c mut Objects<'r>,
    prefix: Vec<u8>,
    out: &'o mut Vec<Entry>,
}

impl TreeWalk<'_, '_, '_> {
    /// Compares one level of the two trees, merging their sorted entries.
    fn level(
        &mut self,
        old: Option<&Tree>,
        new: Option<&Tree>,
        depth: usize,
    ) -> Result<(), git2::Error> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let empty = Tree::default();
        let (old, new) = (old.unwrap_or(&empty), new.unwrap_or(&empty));
        let (mut i, mut j) = (0, 0);
        while i < old.items.len() || j < new.items.len() {
            let (o, n) = next_pair(old, new, i, j);
            i += usize::from(o.is_some());
            j += usize::from(n.is_some());
            if unchanged(o, n) {
                continue;
            }
            let name = match (o, n) {
                (Some(a), _) => old.name(a),
                (None, Some(b)) => new.name(b),
                (None, None) => break,
            };
            self.changed(name, o, n, depth)?;
        }
        Ok(())
    }

    /// Records the entry `name` that differs (or descends into it when either side is a tree).
    fn changed(
        &mut self,
        name: &[u8],
        o: Option<&Item>,
        n: Option<&Item>,
        depth: usize,
    ) -> Result<(), git2::Error> {
        let len = self.prefix.len();
        self.prefix.extend_from_slice(name);
        let old_tree = o.filter(|e| is_tree(e.mode));
        let new_tree = n.filter(|e| is_tree(e.mode));
        if old_tree.is_some() || new_tree.is_some() {
            let a = old_tree.map(|e| self.cache.tree(e.id)).transpose()?;
            let b = new_tree.map(|e| self.cache.tree(e.id)).transpose()?;
            self.prefix.push(b'/');
            self.level(a.as_deref(), b.as_deref(), depth + 1)?;
        } else {
            let side = |e: &Item| Side {
                id: e.id,
                mode: e.mode,
            };
            self.out.push(Entry {
                path: String::from_utf8_lossy(&self.prefix).into_owned(),
                old: o.map(side),
                new: n.map(side),
            });
        }
        self.prefix.truncate(len);
        Ok(())
    }
}

/// The next entry of either tree, or of both when they have the same name.
fn next_pair<'t>(
    old: &'t Tree,
    new: &'t Tree,
    i: usize,
    j: usize,
) -> (Option<&'t Item>, Option<&'t Item>) {
    match (old.items.get(i), new.items.get(j)) {
        (Some(a), Some(b)) => {
            match entry_order(old.name(a), is_tree(a.mode), new.name(b), is_tree(b.mode)) {
                Ordering::Less => (Some(a), None),
                Ordering::Greater => (None, Some(b)),
                Ordering::Equal => (Some(a), Some(b)),
            }
        }
        (a, b) => (a, b),
    }
}

/// The same entry on both sides, with the same id and mode.
fn unchanged(o: Option<&Item>, n: Option<&Item>) -> bool {
    matches!((o, n), (Some(a), Some(b)) if a.id == b.id && a.mode == b.mode)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_sort_as_if_slash_terminated() {
        // git orders "a.b" (file) < "a" (tree, as "a/") < "a0"? '.' (0x2e) < '/' (0x2f) < '0'.
        assert_eq!(entry_order(b"a.b", false, b"a", true), Ordering::Less);
        assert_eq!(entry_order(b"a", true, b"a0", false), Ordering::Less);
        assert_eq!(entry_order(b"a", false, b"a.b", false), Ordering::Less);
        assert_eq!(entry_order(b"a", false, b"a", true), Ordering::Less);
        assert_eq!(entry_order(b"same", false, b"same", false), Ordering::Equal);
    }
}
