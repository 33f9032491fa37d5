//! The single walk over a syntax tree: components, their nesting, and every function's metrics in
//! one pass.
//!
//! The walk is iterative (a `TreeCursor` plus an explicit frame stack), so no input nests deep
//! enough to overflow the thread's stack. Leaves are never pushed; a node costs one role lookup
//! unless its role says otherwise. Components are not opened past [`MAX_COMPONENT_DEPTH`] so the
//! component tree stays shallow enough for the recursive consumers (serialisation, drop).

use tree_sitter::{Node, Tree, TreeCursor};

use super::complexity::{self, Acc, Effect, Place};
use super::spec::Spec;
use super::table::{flag, Table};
use crate::model::facts::Component;

/// Deepest component nesting kept; deeper definitions count as code of their enclosing component.
pub const MAX_COMPONENT_DEPTH: usize = 48;

/// One node on the path from the root to the cursor.
#[derive(Clone, Copy)]
pub struct Frame<'t> {
    pub node: Node<'t>,
    pub flags: u32,
    /// Cognitive nesting level and nesting depth of the node itself.
    base_level: u32,
    base_depth: u32,
    /// Cognitive nesting level and nesting depth of the node's children.
    level: u32,
    depth: u32,
    /// Logical operator kind, when the node is a logical expression (sequence detection).
    op: u16,
    opened: bool,
}

/// A component whose subtree is being walked.
pub struct Open {
    pub comp: Component,
    pub callable: bool,
    pub acc: Acc,
    pub methods: u32,
}

/// Walk state for one tree.
pub struct Walker<'t, 's> {
    pub spec: &'static Spec,
    pub table: &'s Table,
    pub src: &'s str,
    frames: Vec<Frame<'t>>,
    pub open: Vec<Open>,
    pub top: Vec<Component>,
}

/// Walks `tree` once and returns its top-level components.
pub fn walk(tree: &Tree, src: &str, spec: &'static Spec, table: &Table) -> Vec<Component> {
    let root = tree.root_node();
    let mut w = Walker {
        spec,
        table,
        src,
        frames: Vec::with_capacity(64),
        open: Vec::new(),
        top: Vec::new(),
    };
    w.frames.push(Frame {
        node: root,
        flags: 0,
        base_level: 0,
        base_depth: 0,
        level: 0,
        depth: 0,
        op: 0,
        opened: false,
    });
    let mut cursor = root.walk();
    w.run(&mut cursor);
    while !w.open.is_empty() {
        w.close();
    }
    if let Some(post) = spec.post {
        post(&mut w.top);
    }
    w.top
}

impl<'t> Walker<'t, '_> {
    /// Pre-order traversal; the frame stack mirrors the cursor's path (leaves excepted).
    fn run(&mut self, cursor: &mut TreeCursor<'t>) {
        loop {
            let mut descended = false;
            if cursor.goto_first_child() {
                loop {
                    if self.enter(cursor) {
                        descended = true;
                        break;
                    }
                    if !cursor.goto_next_sibling() {
                        cursor.goto_parent();
                        break;
                    }
                }
            }
            if descended {
                continue;
            }
            loop {
                self.leave();
                let mut pushed = false;
                while cursor.goto_next_sibling() {
                    if self.enter(cursor) {
                        pushed = true;
                        break;
                    }
                }
                if pushed {
                    break;
                }
                if !cursor.goto_parent() {
                    return;
                }
            }
        }
    }

    /// Handles the cursor's node; returns true when it was pushed (it has children to visit).
    fn enter(&mut self, cursor: &TreeCursor<'t>) -> bool {
        let node = cursor.node();
        if node.child_count() == 0 {
            return false;
        }
        let Some(parent) = self.frames.last().copied() else {
            return false;
        };
        let role = self.table.role(node.kind_id());
        let field = if parent.flags & flag::FIELD_AWARE != 0 {
            cursor.field_id().map_or(0, |f| f.get())
        } else {
            0
        };
        let in_header = field != 0 && field == self.table.condition;
        let (level, depth) = if in_header {
            (parent.base_level, parent.base_depth)
        } else {
            (parent.level, parent.depth)
        };
        let mut frame = Frame {
            node,
            flags: role.flags,
            base_level: level,
            base_depth: depth,
            level,
            depth,
            op: 0,
            opened: false,
        };
        if role.comp != 0 && self.open_component(role.comp, node, &parent) {
            frame.opened = true;
            frame.base_level = 0;
            frame.base_depth = 0;
            frame.level = 0;
            frame.depth = 0;
            self.frames.push(frame);
            return true;
        }
        if role.decl != 0 {
            self.count_decl(role.decl, node, &parent);
        }
        let alternative = field != 0 && field == self.table.alternative;
        if role.flags & flag::CONTROL != 0 || (alternative && parent.flags & flag::IF != 0) {
            let place = Place {
                parent_flags: parent.flags,
                alternative,
                level,
            };
            let e = complexity::control(
                role.flags,
                node,
                place,
                self.table,
                self.spec.default_case,
                self.src,
            );
            self.apply(&e, &mut frame);
        }
        if role.flags & flag::LOGICAL_EXPR != 0 {
            if let Some((op, e)) = complexity::logical(node, parent.op, self.table) {
                frame.op = op;
                self.apply(&e, &mut frame);
            }
        }
        self.frames.push(frame);
        true
    }

    /// Adds a node's effect to the enclosing function and nests the node's children.
    fn apply(&mut self, e: &Effect, frame: &mut Frame<'t>) {
        if e.nest {
            frame.level = frame.level.saturating_add(1);
        }
        if e.deepen {
            frame.depth = frame.depth.saturating_add(1);
        }
        if let Some(acc) = self.acc() {
            acc.add(e);
            if e.deepen {
                let line = super::nodes::start_line(frame.node);
                acc.reach(frame.depth, line);
            }
        }
    }

    /// The metrics of the innermost component, when it is a function.
    fn acc(&mut self) -> Option<&mut Acc> {
        self.open
            .last_mut()
            .filter(|o| o.callable)
            .map(|o| &mut o.acc)
    }

    fn leave(&mut self) {
        if let Some(frame) = self.frames.pop() {
            if frame.opened {
                self.close();
            }
        }
    }
}
