//! Nodes by a stable identity, with their bands: what band changes and the session compare.
//!
//! Node ids are not stable across a file's re-analysis in general (components may be reordered,
//! added, removed), and never across snapshots taken from different scans, so nodes are compared
//! by key: the path for directories and files; for components, the file's path, the kind, the
//! qualified name and the occurrence among same-named components of the file (the identity
//! `check` baselines use, so the two always agree about which node is which).

use std::collections::HashMap;

use serde::Serialize;

use crate::bands::{assess, Band, Measure, Metric, Policy};
use crate::model::{NodeBody, NodeId, Tree};

/// A node's identity across snapshots.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct NodeKey {
    /// The directory or file path (a component's file).
    pub path: String,
    /// `directory`, `file`, or the component kind.
    pub node: &'static str,
    /// The component's qualified name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// Index among same-kind, same-named components of the file.
    #[serde(skip_serializing_if = "is_zero")]
    pub occurrence: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl NodeKey {
    /// True for functions, types and other components.
    pub fn is_component(&self) -> bool {
        self.item.is_some()
    }

    /// How the node is named in messages: `src/a.rs`, `src/` , `(root)`,
    /// `src/a.rs:12 method App::run`.
    pub fn subject(&self, line: u32) -> String {
        match &self.item {
            Some(item) => format!("{}:{line} {} {item}", self.path, self.node),
            None if self.path.is_empty() => "(root)".into(),
            None if self.node == "directory" => format!("{}/", self.path),
            None => self.path.clone(),
        }
    }
}

/// A node's bands at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeState {
    pub band: Band,
    pub driver: Option<Measure>,
    pub measures: Vec<Measure>,
    /// Start line (components), 0 otherwise.
    pub line: u32,
    /// Lines of the node (files, components, and directories: every file below).
    pub lines: u32,
    pub construct: Option<String>,
}

impl NodeState {
    /// The measure of `metric`, when the node has it.
    pub fn measure(&self, metric: Metric) -> Option<Measure> {
        self.measures.iter().copied().find(|m| m.metric == metric)
    }
}

/// Node states by key.
pub type States = HashMap<NodeKey, NodeState>;

fn state(tree: &Tree, id: NodeId, policy: &dyn Policy, line: u32, lines: u32) -> Option<NodeState> {
    let a = assess(tree, id, policy)?;
    Some(NodeState {
        band: a.band,
        driver: a.driver,
        measures: a.measures,
        line,
        lines,
        construct: a.construct,
    })
}

/// Adds the state of the directory at `path` (when it is one).
pub fn dir_state(tree: &Tree, path: &str, policy: &dyn Policy, out: &mut States) {
    let Some(id) = tree.lookup(path) else { return };
    let Some(d) = tree.node(id).and_then(|n| n.dir()).copied() else {
        return;
    };
    if let Some(s) = state(tree, id, policy, 0, d.lines.total) {
        let key = NodeKey {
            path: path.to_string(),
            node: "directory",
            item: None,
            occurrence: 0,
        };
        out.insert(key, s);
    }
}

/// Adds the states of the file at `path` (when it is one) and of all its components.
pub fn file_states(tree: &Tree, path: &str, policy: &dyn Policy, out: &mut States) {
    let Some(id) = tree.lookup(path) else { return };
    let Some(lines) = tree.node(id).and_then(|n| n.file()).map(|f| f.lines.total) else {
        return;
    };
    if let Some(s) = state(tree, id, policy, 0, lines) {
        let key = NodeKey {
            path: path.to_string(),
            node: "file",
            item: None,
            occurrence: 0,
        };
        out.insert(key, s);
    }
    let mut seen: HashMap<(&'static str, &str), u32> = HashMap::new();
    let mut stack: Vec<NodeId> = children(tree, id);
    stack.reverse();
    while let Some(cid) = stack.pop() {
        let Some(node) = tree.node(cid) else { continue };
        stack.extend(node.children.iter().rev().copied());
        let NodeBody::Component(c) = &node.body else {
            continue;
        };
        let kind = c.kind.as_str();
        let n = seen.entry((kind, c.qualified_name.as_str())).or_insert(0);
        let occurrence = *n;
        *n += 1;
        if let Some(s) = state(tree, cid, policy, c.start_line, c.lines.total) {
            let key = NodeKey {
                path: path.to_string(),
                node: kind,
                item: Some(c.qualified_name.clone()),
                occurrence,
            };
            out.insert(key, s);
        }
    }
}

fn children(tree: &Tree, id: NodeId) -> Vec<NodeId> {
    tree.node(id)
        .map(|n| n.children.clone())
        .unwrap_or_default()
}

/// The states of every directory, file and component of `tree`.
pub fn all_states(tree: &Tree, policy: &dyn Policy) -> States {
    let mut out = States::new();
    for (path, _, _) in tree.dirs() {
        dir_state(tree, &path, policy, &mut out);
    }
    for (path, _, _) in tree.files() {
        file_states(tree, &path, policy, &mut out);
    }
    out
}

/// `path` and every directory above it, the root (`""`) last.
pub fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    let mut end = Some(path.len());
    std::iter::from_fn(move || {
        let e = end?;
        let cur = &path[..e];
        end = if cur.is_empty() {
            None
        } else {
            Some(cur.rfind('/').unwrap_or(0))
        };
        Some(cur)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bands::DefaultPolicy;
    use crate::model::facts::{Component, ComponentKind, FileFacts, FnMetrics, LineCounts};
    use crate::model::Model;

    fn facts(lines: u32, fns: &[(&str, u32)]) -> FileFacts {
        let mut components = Vec::new();
        let mut start = 1;
        for (name, len) in fns {
            let mut c = Component::new(ComponentKind::Function, name, name, start, start + len - 1);
            c.lines = LineCounts {
                total: *len,
                code: *len,
                comment: 0,
                blank: 0,
            };
            c.metrics = Some(FnMetrics {
                cyclomatic: 1,
                ..FnMetrics::default()
            });
            components.push(c);
            start += len;
        }
        FileFacts {
            language: crate::lang::Language::Rust,
            bytes: 0,
            hash: 0,
            lines: LineCounts {
                total: lines,
                code: lines,
                comment: 0,
                blank: 0,
            },
            parse_error: None,
            lines_only: false,
            lossy_utf8: false,
            components,
            suppressions: Vec::new(),
        }
    }

    #[test]
    fn states_are_keyed_by_path_kind_name_and_occurrence() {
        let mut m = Model::new();
        m.upsert_file(
            "src/a.rs",
            facts(460, &[("run", 95), ("run", 10), ("go", 20)]),
        )
        .unwrap();
        let states = all_states(&m, &DefaultPolicy::default());
        let key = |item: Option<&str>, node, occurrence| NodeKey {
            path: if node == "directory" {
                "src".into()
            } else {
                "src/a.rs".into()
            },
            node,
            item: item.map(String::from),
            occurrence,
        };
        let file = &states[&key(None, "file", 0)];
        assert_eq!((file.band, file.lines), (Band::Review, 460)); // 460/500 = 92 %
        let first = &states[&key(Some("run"), "function", 0)];
        assert_eq!(
            (first.band, first.line, first.lines),
            (Band::Emergency, 1, 95)
        );
        let second = &states[&key(Some("run"), "function", 1)];
        assert_eq!((second.band, second.line), (Band::Ok, 96));
        assert_eq!(states[&key(None, "directory", 0)].lines, 460);
        // root, src, the file and three functions.
        assert_eq!(states.len(), 6);
        assert_eq!(
            key(Some("run"), "function", 1).subject(96),
            "src/a.rs:96 function run"
        );
        assert_eq!(key(None, "directory", 0).subject(0), "src/");
    }

    #[test]
    fn ancestors_end_at_the_root() {
        assert_eq!(
            ancestors("a/b/c.rs").collect::<Vec<_>>(),
            ["a/b/c.rs", "a/b", "a", ""]
        );
        assert_eq!(ancestors("x").collect::<Vec<_>>(), ["x", ""]);
        assert_eq!(ancestors("").collect::<Vec<_>>(), [""]);
    }
}
