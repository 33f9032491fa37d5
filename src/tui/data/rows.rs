//! The tree pane's rows: the model flattened through the expanded nodes, children sorted by the
//! chosen column, filtered to nodes at or above a band. Nodes are remembered by key (a path,
//! or a path and a component's qualified name) rather than id, so that selection and expansion
//! survive a new snapshot, even one whose ids were all renumbered (the lines-only pass is
//! replaced by the full model).

use std::collections::HashSet;

use crate::bands::Band;
use crate::model::{NodeBody, NodeId, Tree};
use crate::tui::index::ViewData;

/// Separates a file path from a component's qualified name in a key.
const SEP: char = '\u{1f}';

/// Deepest level shown (deeper nodes are not expandable).
pub const MAX_DEPTH: u16 = 64;

/// The key of a node: its path; for a component, `path SEP qualified SEP occurrence`.
pub fn key_of(tree: &Tree, id: NodeId) -> String {
    let Some(node) = tree.node(id) else {
        return String::new();
    };
    match &node.body {
        NodeBody::Component(c) => {
            let path = tree.path_of(id);
            let occurrence = occurrences(tree, c.file, &c.qualified_name)
                .iter()
                .position(|&x| x == id)
                .unwrap_or(0);
            format!("{path}{SEP}{}{SEP}{occurrence}", c.qualified_name)
        }
        _ => tree.path_of(id),
    }
}

/// Components of `file` with qualified name `q`, in source order.
fn occurrences(tree: &Tree, file: NodeId, q: &str) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeId> = tree
        .node(file)
        .map(|n| n.children.clone())
        .unwrap_or_default();
    stack.reverse();
    while let Some(id) = stack.pop() {
        let Some(n) = tree.node(id) else { continue };
        if n.component().is_some_and(|c| c.qualified_name == q) {
            out.push(id);
        }
        stack.extend(n.children.iter().rev().copied());
    }
    out
}

/// The node a key names in `tree`, if it still exists.
pub fn resolve(tree: &Tree, key: &str) -> Option<NodeId> {
    let mut parts = key.split(SEP);
    let path = parts.next().unwrap_or("");
    let file = tree.lookup(path)?;
    match (parts.next(), parts.next()) {
        (Some(q), occ) => {
            let n: usize = occ.and_then(|o| o.parse().ok()).unwrap_or(0);
            occurrences(tree, file, q).get(n).copied()
        }
        _ => Some(file),
    }
}

/// The keys of `id` and its ancestors, the root first.
pub fn ancestor_keys(tree: &Tree, id: NodeId) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = tree.node(id).and_then(|n| n.parent);
    while let Some(p) = cur {
        out.push(key_of(tree, p));
        cur = tree.node(p).and_then(|n| n.parent);
    }
    out.reverse();
    out
}

/// The columns the tree can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Directories first, then by name (source order for components).
    #[default]
    Name,
    Band,
    Lines,
    Complexity,
    Churn,
    Hotspot,
    TimeToBreach,
}

impl SortKey {
    pub const ALL: [SortKey; 7] = [
        SortKey::Name,
        SortKey::Band,
        SortKey::Lines,
        SortKey::Complexity,
        SortKey::Churn,
        SortKey::Hotspot,
        SortKey::TimeToBreach,
    ];

    /// The column's header.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Band => "band",
            SortKey::Lines => "lines",
            SortKey::Complexity => "cx",
            SortKey::Churn => "churn",
            SortKey::Hotspot => "hot",
            SortKey::TimeToBreach => "ttb",
        }
    }

    /// The next column.
    pub fn next(self) -> SortKey {
        let i = SortKey::ALL.iter().position(|k| *k == self).unwrap_or(0);
        SortKey::ALL.get(i + 1).copied().unwrap_or(SortKey::Name)
    }
}

/// One visible row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: NodeId,
    pub depth: u16,
    pub has_children: bool,
    pub expanded: bool,
}

/// How the rows are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    pub sort: SortKey,
    pub reverse: bool,
    /// Only nodes at or above this band (with their ancestors).
    pub filter: Option<Band>,
}

/// The visible rows: the root, then every child of an expanded node, depth first.
pub fn build(view: &ViewData, expanded: &HashSet<String>, shape: Shape) -> Vec<Row> {
    let mut walk = Walk {
        view,
        expanded,
        shape,
        out: Vec::new(),
    };
    walk.push(view.tree().root(), 0);
    walk.out
}

/// The rows being built, and what decides them.
struct Walk<'a> {
    view: &'a ViewData,
    expanded: &'a HashSet<String>,
    shape: Shape,
    out: Vec<Row>,
}

impl Walk<'_> {
    /// Adds the row of `id` and, when it is open, its shown children's.
    fn push(&mut self, id: NodeId, depth: u16) {
        let view = self.view;
        let tree = view.tree();
        let Some(node) = tree.node(id) else { return };
        let has_children = !node.children.is_empty() && depth < MAX_DEPTH;
        let is_open = has_children && (depth == 0 || self.expanded.contains(&key_of(tree, id)));
        self.out.push(Row {
            id,
            depth,
            has_children,
            expanded: is_open,
        });
        if !is_open {
            return;
        }
        let filter = self.shape.filter;
        let mut kids: Vec<NodeId> = node
            .children
            .iter()
            .copied()
            .filter(|&c| filter.is_none_or(|b| view.info(c).worst >= b))
            .collect();
        sort(view, &mut kids, self.shape);
        for k in kids {
            self.push(k, depth + 1);
        }
    }
}

/// Sorts sibling ids by the shape's column; ties by name order.
pub fn sort(view: &ViewData, ids: &mut [NodeId], shape: Shape) {
    let tree = view.tree();
    let is_dir = |id: NodeId| tree.node(id).is_some_and(|n| n.dir().is_some());
    let metric = |id: NodeId| -> f64 {
        let i = view.info(id);
        match shape.sort {
            SortKey::Name => 0.0,
            SortKey::Band => f64::from(i.worst as u8) * 10.0 + i.driver.map_or(0.0, |d| d.share()),
            SortKey::Lines => f64::from(i.lines),
            SortKey::Complexity => f64::from(i.complexity),
            SortKey::Churn => f64::from(i.churn),
            SortKey::Hotspot => f64::from(i.hotspot.unwrap_or(-1.0)),
            // Soonest first: no projection sorts last.
            SortKey::TimeToBreach => -f64::from(i.ttb.unwrap_or(f32::MAX)),
        }
    };
    if shape.sort == SortKey::Name {
        // Directory entries are already in name order, components in source order.
        ids.sort_by_key(|&id| !is_dir(id));
        if shape.reverse {
            ids.reverse();
        }
        return;
    }
    ids.sort_by(|&a, &b| {
        let o = metric(b).total_cmp(&metric(a));
        if shape.reverse {
            o.reverse()
        } else {
            o
        }
    });
}
