//! Where a walker thread gets trees and blobs: through [`super::pack`] (with its delta-base
//! cache) when the object is in a pack, else through libgit2, which also reports what cannot be
//! read. Trees are parsed here (mode, name, id per entry, modes normalised as libgit2's
//! `git_tree_entry_filemode` does) and the recent ones kept: a commit's older trees are, most of
//! the time, the newer trees of the commit walked next.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use git2::{Oid, Repository};

use super::pack::{Reader, OBJ_BLOB, OBJ_TREE};

/// Trees kept before the cache is emptied.
const TREE_CACHE_ENTRIES: usize = 1024;

/// One entry of a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    name: (u32, u32),
    /// Normalised mode (040000, 100644, 100755, 120000 or 160000).
    pub mode: i32,
    pub id: Oid,
}

/// A parsed tree: entries in git's order, names pointing into the raw bytes.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    names: Arc<Vec<u8>>,
    pub items: Vec<Item>,
}

impl Tree {
    /// The name of an item.
    pub fn name(&self, item: &Item) -> &[u8] {
        self.names
            .get(item.name.0 as usize..item.name.1 as usize)
            .unwrap_or(&[])
    }

    /// Parses raw tree bytes: `<octal mode> <name>\0<20-byte id>` repeated.
    pub fn parse(data: Arc<Vec<u8>>) -> Option<Tree> {
        let mut items = Vec::with_capacity(data.len() / 32 + 1);
        let mut i = 0;
        while i < data.len() {
            let mut mode = 0i32;
            loop {
                let c = *data.get(i)?;
                i += 1;
                match c {
                    b' ' => break,
                    b'0'..=b'7' => mode = mode.checked_mul(8)? + i32::from(c - b'0'),
                    _ => return None,
                }
            }
            let len = data.get(i..)?.iter().position(|&b| b == 0)?;
            let name = (i as u32, (i + len) as u32);
            i += len + 1;
            let id = Oid::from_bytes(data.get(i..i + 20)?).ok()?;
            i += 20;
            items.push(Item {
                name,
                mode: normalize(mode),
                id,
            });
        }
        Some(Tree { names: data, items })
    }

    fn from_git2(tree: &git2::Tree<'_>) -> Tree {
        let mut names = Vec::new();
        let mut items = Vec::new();
        for e in tree.iter() {
            let start = names.len() as u32;
            names.extend_from_slice(e.name_bytes());
            items.push(Item {
                name: (start, names.len() as u32),
                mode: e.filemode(),
                id: e.id(),
            });
        }
        Tree {
            names: Arc::new(names),
            items,
        }
    }
}

/// libgit2's `normalize_filemode`.
fn normalize(mode: i32) -> i32 {
    let kind = mode & 0o170000;
    if kind == 0o040000 {
        0o040000
    } else if mode & 0o111 != 0 {
        0o100755
    } else if kind == 0o160000 || kind == 0o120000 {
        kind
    } else {
        0o100644
    }
}

/// Trees and blobs for one thread.
pub struct Objects<'r> {
    repo: &'r Repository,
    reader: Option<Reader>,
    trees: HashMap<Oid, Rc<Tree>>,
}

impl<'r> Objects<'r> {
    pub fn new(repo: &'r Repository, reader: Option<Reader>) -> Self {
        Objects {
            repo,
            reader,
            trees: HashMap::new(),
        }
    }

    /// The tree `id`.
    pub fn tree(&mut self, id: Oid) -> Result<Rc<Tree>, git2::Error> {
        if let Some(t) = self.trees.get(&id) {
            return Ok(t.clone());
        }
        if self.trees.len() >= TREE_CACHE_ENTRIES {
            self.trees.clear();
        }
        let packed = self
            .reader
            .as_mut()
            .and_then(|r| r.object(&bytes(id)))
            .filter(|(kind, _)| *kind == OBJ_TREE)
            .and_then(|(_, data)| Tree::parse(data));
        let tree = Rc::new(match packed {
            Some(t) => t,
            None => Tree::from_git2(&self.repo.find_tree(id)?),
        });
        self.trees.insert(id, tree.clone());
        Ok(tree)
    }

    /// The content of blob `id`.
    pub fn blob(&mut self, id: Oid) -> Result<Arc<Vec<u8>>, git2::Error> {
        let packed = self
            .reader
            .as_mut()
            .and_then(|r| r.object(&bytes(id)))
            .filter(|(kind, _)| *kind == OBJ_BLOB);
        match packed {
            Some((_, data)) => Ok(data),
            None => Ok(Arc::new(self.repo.find_blob(id)?.content().to_vec())),
        }
    }
}

fn bytes(id: Oid) -> [u8; 20] {
    crate::history::numstat::oid_bytes(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_raw_trees_and_normalises_modes() {
        let mut raw = Vec::new();
        for (mode, name, id) in [
            ("100664", "a.txt", 1u8),
            ("40000", "dir", 2),
            ("120000", "ln", 3),
        ] {
            raw.extend_from_slice(format!("{mode} {name}\0").as_bytes());
            raw.extend_from_slice(&[id; 20]);
        }
        let t = Tree::parse(Arc::new(raw)).expect("tree");
        let items: Vec<(&[u8], i32)> = t.items.iter().map(|i| (t.name(i), i.mode)).collect();
        assert_eq!(
            items,
            vec![
                (&b"a.txt"[..], 0o100644),
                (&b"dir"[..], 0o040000),
                (&b"ln"[..], 0o120000)
            ]
        );
        assert_eq!(t.items[1].id, Oid::from_bytes(&[2; 20]).expect("oid"));
        assert!(Tree::parse(Arc::new(b"100644 truncated".to_vec())).is_none());
        assert!(Tree::parse(Arc::new(b"9x name\0".to_vec())).is_none());
        assert_eq!(normalize(0o100755), 0o100755);
        assert_eq!(normalize(0o160000), 0o160000);
    }
}
