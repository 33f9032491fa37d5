//! The live model and its incremental API: add, update and remove files and directories.
//!
//! Every change adjusts the aggregates of the directories on the path to the root by the
//! difference it makes, and nothing else: a single-file update touches O(depth) nodes plus the
//! file's own component nodes.

use std::collections::{HashMap, VecDeque};
use std::ops::Deref;
use std::sync::Arc;

use super::arena::{Arena, NodeId};
use super::facts::{Component, ComponentKind, FileFacts};
use super::node::{ComponentNode, DirStats, Node, NodeBody};
use super::snapshot::Snapshot;
use super::tree::Tree;

/// The mutable code model. Read it through `Deref<Target = Tree>`; share it as `snapshot()`.
#[derive(Debug, Clone)]
pub struct Model {
    tree: Tree,
}

impl Default for Model {
    fn default() -> Self {
        Self::new()
    }
}

impl Deref for Model {
    type Target = Tree;
    fn deref(&self) -> &Tree {
        &self.tree
    }
}

/// Why an update was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("{0}: a file stands where a directory is needed")]
    FileInTheWay(String),
    #[error("{0}: a directory stands where a file is needed")]
    DirInTheWay(String),
    #[error("empty path")]
    EmptyPath,
}

impl Model {
    /// An empty model: just the root directory.
    pub fn new() -> Self {
        let mut arena = Arena::default();
        let root = arena.alloc(Node {
            name: String::new(),
            parent: None,
            children: Vec::new(),
            body: NodeBody::Dir(DirStats::default()),
        });
        Model {
            tree: Tree { arena, root },
        }
    }

    /// An immutable view of the model as it is now; cheap, and can be sent to other threads.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot::new(self.tree.clone())
    }

    /// Mutable node accesses since the last `reset_touched` (for tests of update cost).
    pub fn touched(&self) -> usize {
        self.tree.arena.touched()
    }

    /// Resets the counter behind `touched`.
    pub fn reset_touched(&mut self) {
        self.tree.arena.reset_touched();
    }

    /// Makes sure directory `path` exists (creating its missing ancestors) and returns its id.
    pub fn ensure_dir(&mut self, path: &str) -> Result<NodeId, ModelError> {
        let mut id = self.tree.root;
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            id = match self.tree.child_named(id, segment) {
                Some(child) => match self.tree.node(child).map(|n| &n.body) {
                    Some(NodeBody::Dir(_)) => child,
                    _ => return Err(ModelError::FileInTheWay(self.tree.path_of(child))),
                },
                None => self.insert_entry(id, segment, NodeBody::Dir(DirStats::default())),
            };
        }
        Ok(id)
    }

    /// Adds a file or replaces its facts. Missing parent directories are created.
    pub fn upsert_file(&mut self, path: &str, facts: FileFacts) -> Result<NodeId, ModelError> {
        let (dir_path, name) = split_path(path)?;
        let dir = self.ensure_dir(dir_path)?;
        let new_stats = DirStats::of_file(&facts);
        let facts = Arc::new(facts);
        let id = match self.tree.child_named(dir, name) {
            Some(existing) => {
                let old = match self.tree.node(existing).map(|n| &n.body) {
                    Some(NodeBody::File(f)) => DirStats::of_file(f),
                    _ => return Err(ModelError::DirInTheWay(path.to_string())),
                };
                self.adjust_ancestors(dir, &old, false);
                let reuse = self.take_components(existing);
                if let Some(node) = self.tree.arena.get_mut(existing) {
                    node.body = NodeBody::File(facts.clone());
                }
                self.attach_components(existing, &facts.components, reuse);
                existing
            }
            None => {
                let id = self.insert_entry(dir, name, NodeBody::File(facts.clone()));
                self.attach_components(id, &facts.components, Reuse::new());
                id
            }
        };
        self.adjust_ancestors(dir, &new_stats, true);
        Ok(id)
    }

    /// Removes a file or a whole directory; returns false when nothing was at `path`.
    pub fn remove(&mut self, path: &str) -> bool {
        let Some(id) = self.tree.lookup(path) else {
            return false;
        };
        let Some(node) = self.tree.node(id) else {
            return false;
        };
        let Some(parent) = node.parent else {
            return false; // the root stays
        };
        let stats = match &node.body {
            NodeBody::Dir(d) => *d,
            NodeBody::File(f) => DirStats::of_file(f),
            NodeBody::Component(_) => return false,
        };
        self.adjust_ancestors(parent, &stats, false);
        if let Some(p) = self.tree.arena.get_mut(parent) {
            p.children.retain(|c| *c != id);
            if let NodeBody::Dir(d) = &mut p.body {
                d.entries = d.entries.saturating_sub(1);
            }
        }
        self.free_subtree(id);
        true
    }

    fn insert_entry(&mut self, dir: NodeId, name: &str, body: NodeBody) -> NodeId {
        let id = self.tree.arena.alloc(Node {
            name: name.to_string(),
            parent: Some(dir),
            children: Vec::new(),
            body,
        });
        let pos = match self.tree.node(dir) {
            Some(d) => d
                .children
                .binary_search_by(|c| self.tree.name_of(*c).cmp(name))
                .unwrap_or_else(|p| p),
            None => 0,
        };
        if let Some(d) = self.tree.arena.get_mut(dir) {
            d.children.insert(pos, id);
            if let NodeBody::Dir(stats) = &mut d.body {
                stats.entries += 1;
            }
        }
        id
    }

    /// Adds (or removes) `delta` to every directory from `dir` up to the root.
    fn adjust_ancestors(&mut self, dir: NodeId, delta: &DirStats, add: bool) {
        let mut cur = Some(dir);
        while let Some(id) = cur {
            let Some(node) = self.tree.arena.get_mut(id) else {
                break;
            };
            if let NodeBody::Dir(d) = &mut node.body {
                if add {
                    d.add(delta);
                } else {
                    d.sub(delta);
                }
            }
            cur = node.parent;
        }
    }

    /// Detaches a file's component nodes without freeing them, keyed by (kind, qualified name)
    /// in source order, so that the new components keep the ids of their predecessors.
    fn take_components(&mut self, file: NodeId) -> Reuse {
        let mut stack: Vec<NodeId> = match self.tree.arena.get_mut(file) {
            Some(node) => std::mem::take(&mut node.children),
            None => Vec::new(),
        };
        stack.reverse();
        let mut reuse = Reuse::new();
        while let Some(id) = stack.pop() {
            let Some(node) = self.tree.node(id) else {
                continue;
            };
            stack.extend(node.children.iter().rev().copied());
            if let NodeBody::Component(c) = &node.body {
                let key = (c.kind, c.qualified_name.clone());
                reuse.entry(key).or_default().push_front(id);
            }
        }
        reuse
    }

    /// Creates the component nodes of `file`, reusing detached ids where the key matches, and
    /// frees the detached nodes nobody reused.
    fn attach_components(&mut self, file: NodeId, components: &[Component], mut reuse: Reuse) {
        // Iterative, so that absurdly deep component trees cannot overflow the stack.
        let mut work: Vec<(NodeId, &Component)> =
            components.iter().rev().map(|c| (file, c)).collect();
        while let Some((parent, c)) = work.pop() {
            let node = Node {
                name: c.name.clone(),
                parent: Some(parent),
                children: Vec::new(),
                body: NodeBody::Component(ComponentNode::of(file, c)),
            };
            let reused = reuse
                .get_mut(&(c.kind, c.qualified_name.clone()))
                .and_then(|ids| ids.pop_back());
            let id = match reused.and_then(|id| self.tree.arena.get_mut(id).map(|n| (id, n))) {
                Some((id, slot)) => {
                    *slot = node;
                    id
                }
                None => self.tree.arena.alloc(node),
            };
            if let Some(p) = self.tree.arena.get_mut(parent) {
                p.children.push(id);
            }
            work.extend(c.children.iter().rev().map(|child| (id, child)));
        }
        for id in reuse.into_values().flatten() {
            self.tree.arena.free(id);
        }
    }

    fn free_subtree(&mut self, id: NodeId) {
        let mut stack = vec![id];
        while let Some(id) = stack.pop() {
            if let Some(node) = self.tree.arena.free(id) {
                stack.extend(node.children);
            }
        }
    }
}

/// Detached component ids by (kind, qualified name), oldest first.
type Reuse = HashMap<(ComponentKind, String), VecDeque<NodeId>>;

/// Splits `a/b/c.rs` into (`a/b`, `c.rs`).
fn split_path(path: &str) -> Result<(&str, &str), ModelError> {
    let path = path.trim_matches('/');
    if path.is_empty() {
        return Err(ModelError::EmptyPath);
    }
    Ok(match path.rfind('/') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path),
    })
}
