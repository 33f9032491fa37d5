//! The node types of the model: directories, files and components, with the aggregates each
//! kind carries.

use std::sync::Arc;

use super::arena::NodeId;
use super::facts::{Component, ComponentKind, FileFacts, FnMetrics, LineCounts};

/// Aggregates of a directory, kept up to date incrementally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DirStats {
    /// Direct entries: files and subdirectories.
    pub entries: u32,
    /// Files anywhere below.
    pub files: u32,
    /// Line classes summed over every file below.
    pub lines: LineCounts,
    /// Components anywhere below, nested ones included.
    pub components: u32,
}

impl DirStats {
    /// The contribution of one file to every directory above it.
    pub fn of_file(facts: &FileFacts) -> DirStats {
        DirStats {
            entries: 0,
            files: 1,
            lines: facts.lines,
            components: facts.component_count() as u32,
        }
    }

    /// Adds a subtree's contribution (entries excluded: they are direct only).
    pub fn add(&mut self, d: &DirStats) {
        self.files += d.files;
        self.lines.add(&d.lines);
        self.components += d.components;
    }

    /// Removes a subtree's contribution added before.
    pub fn sub(&mut self, d: &DirStats) {
        self.files = self.files.saturating_sub(d.files);
        self.lines.sub(&d.lines);
        self.components = self.components.saturating_sub(d.components);
    }
}

/// A component as a node: its facts without the nested children (those are nodes too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentNode {
    /// The file the component is in.
    pub file: NodeId,
    pub kind: ComponentKind,
    pub qualified_name: String,
    pub start_line: u32,
    pub end_line: u32,
    pub lines: LineCounts,
    pub metrics: Option<FnMetrics>,
    pub methods: Option<u32>,
}

impl ComponentNode {
    /// Copies a component's own facts.
    pub fn of(file: NodeId, c: &Component) -> Self {
        ComponentNode {
            file,
            kind: c.kind,
            qualified_name: c.qualified_name.clone(),
            start_line: c.start_line,
            end_line: c.end_line,
            lines: c.lines,
            metrics: c.metrics,
            methods: c.methods,
        }
    }
}

/// What a node is, with its kind's data.
#[derive(Debug, Clone)]
pub enum NodeBody {
    Dir(DirStats),
    File(Arc<FileFacts>),
    Component(ComponentNode),
}

/// One node of the model.
#[derive(Debug, Clone)]
pub struct Node {
    /// Path segment for directories and files (`""` for the root); the name for components.
    pub name: String,
    pub parent: Option<NodeId>,
    /// Directories: entries sorted by name. Files: top-level components in source order.
    /// Components: nested components in source order.
    pub children: Vec<NodeId>,
    pub body: NodeBody,
}

impl Node {
    /// The directory aggregates, for a directory node.
    pub fn dir(&self) -> Option<&DirStats> {
        match &self.body {
            NodeBody::Dir(d) => Some(d),
            _ => None,
        }
    }

    /// The file facts, for a file node.
    pub fn file(&self) -> Option<&Arc<FileFacts>> {
        match &self.body {
            NodeBody::File(f) => Some(f),
            _ => None,
        }
    }

    /// The component facts, for a component node.
    pub fn component(&self) -> Option<&ComponentNode> {
        match &self.body {
            NodeBody::Component(c) => Some(c),
            _ => None,
        }
    }

    /// True for directories and files (the nodes that have a path of their own).
    pub fn is_path_node(&self) -> bool {
        !matches!(self.body, NodeBody::Component(_))
    }
}
