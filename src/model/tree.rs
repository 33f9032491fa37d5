//! Read-only queries over the model's nodes, shared by the live model and its snapshots.

use super::arena::{Arena, NodeId};
use super::facts::FileFacts;
use super::node::{DirStats, Node, NodeBody};

/// The node tree: an arena and its root directory. Cloning it is cheap (see `arena`).
#[derive(Debug, Clone)]
pub struct Tree {
    pub(super) arena: Arena<Node>,
    pub(super) root: NodeId,
}

impl Tree {
    /// The root directory's id.
    pub fn root(&self) -> NodeId {
        self.root
    }

    /// The node behind `id`, if it lives.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.arena.get(id)
    }

    /// Number of live nodes (directories, files and components).
    pub fn len(&self) -> usize {
        self.arena.len()
    }

    /// True when the tree holds nothing but its root.
    pub fn is_empty(&self) -> bool {
        self.arena.len() <= 1
    }

    /// The directory aggregates of the root.
    pub fn totals(&self) -> DirStats {
        self.node(self.root)
            .and_then(Node::dir)
            .copied()
            .unwrap_or_default()
    }

    /// Finds a directory or file by its path relative to the root (`""` is the root).
    pub fn lookup(&self, path: &str) -> Option<NodeId> {
        let mut id = self.root;
        for segment in path.split('/').filter(|s| !s.is_empty()) {
            id = self.child_named(id, segment)?;
        }
        Some(id)
    }

    /// The directory or file entry named `name` directly inside directory `dir`.
    pub fn child_named(&self, dir: NodeId, name: &str) -> Option<NodeId> {
        let node = self.node(dir)?;
        node.dir()?;
        let children = &node.children;
        let pos = children
            .binary_search_by(|c| self.name_of(*c).cmp(name))
            .ok()?;
        children.get(pos).copied()
    }

    pub(super) fn name_of(&self, id: NodeId) -> &str {
        self.node(id).map(|n| n.name.as_str()).unwrap_or("")
    }

    /// The path of a directory or file relative to the root; for a component, its file's path.
    pub fn path_of(&self, id: NodeId) -> String {
        let mut id = match self.node(id).map(|n| &n.body) {
            Some(NodeBody::Component(c)) => c.file,
            _ => id,
        };
        let mut segments = Vec::new();
        while let Some(node) = self.node(id) {
            if node.parent.is_none() {
                break;
            }
            segments.push(node.name.as_str());
            match node.parent {
                Some(p) => id = p,
                None => break,
            }
        }
        segments.reverse();
        segments.join("/")
    }

    /// Depth of a node below the root (the root is 0).
    pub fn depth(&self, id: NodeId) -> usize {
        let mut depth = 0;
        let mut cur = self.node(id).and_then(|n| n.parent);
        while let Some(p) = cur {
            depth += 1;
            cur = self.node(p).and_then(|n| n.parent);
        }
        depth
    }

    /// Every file, depth first in path order, with its path and facts.
    pub fn files(&self) -> Vec<(String, NodeId, &FileFacts)> {
        let mut out = Vec::new();
        self.visit_paths(self.root, &mut String::new(), &mut |path, id, node| {
            if let Some(f) = node.file() {
                out.push((path.to_string(), id, f.as_ref()));
            }
        });
        out
    }

    /// Every directory, depth first in path order (the root first, as `""`), with its aggregates.
    pub fn dirs(&self) -> Vec<(String, NodeId, DirStats)> {
        let mut out = Vec::new();
        self.visit_paths(self.root, &mut String::new(), &mut |path, id, node| {
            if let Some(d) = node.dir() {
                out.push((path.to_string(), id, *d));
            }
        });
        out
    }

    fn visit_paths<'a>(
        &'a self,
        id: NodeId,
        path: &mut String,
        f: &mut dyn FnMut(&str, NodeId, &'a Node),
    ) {
        let Some(node) = self.node(id) else { return };
        f(path, id, node);
        if node.dir().is_none() {
            return;
        }
        for &child in &node.children {
            let len = path.len();
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(self.name_of(child));
            self.visit_paths(child, path, f);
            path.truncate(len);
        }
    }
}
