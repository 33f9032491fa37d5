//! The single walk over a syntax tree: components, their nesting, and every function's metrics in
//! one pass.
//!
//! The walk is iterative (a `TreeCursor` plus an explicit frame stack), so no input nests deep
//! enough to overflow the thread's stack. Leaves are never pushed; a node costs one role lookup
//! unless its role says otherwise. Components are not opened past [`MAX_COMPONENT_DEPTH`] so the
//! component tree stays shallow enough for the recursive consumers (serialisation, drop).

use tree_sitter::{Node, Tree, TreeCursor};

use super::complexity::{self, Acc, Ctx, Effect, Place};
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
    /// Nesting level of the node itself (its header children stay at this level).
    base_level: u32,
    /// Nesting level of the node's children.
    level: u32,
    /// Case arms seen among the children so far.
    cases: u32,
    /// Non-zero when the node is a logical expression, or parentheses directly inside one.
    logical: u8,
    opened: bool,
    /// The node detaches its code from the enclosing function.
    barrier: bool,
}

impl<'t> Frame<'t> {
    fn new(node: Node<'t>, flags: u32, level: u32) -> Self {
        Frame {
            node,
            flags,
            base_level: level,
            level,
            cases: 0,
            logical: 0,
            opened: false,
            barrier: false,
        }
    }
}

/// A component whose subtree is being walked.
pub struct Open {
    pub comp: Component,
    pub callable: bool,
    pub acc: Acc,
    pub methods: u32,
    /// The type this component adds its methods to, when declared outside it.
    pub owner: Option<String>,
    /// Methods declared by children outside their types: (type name, count).
    pub pending: Vec<(String, u32)>,
}

/// Walk state for one tree.
pub struct Walker<'t, 's> {
    pub spec: &'static Spec,
    pub table: &'s Table,
    pub src: &'s str,
    frames: Vec<Frame<'t>>,
    pub open: Vec<Open>,
    pub top: Vec<Component>,
    pub top_pending: Vec<(String, u32)>,
    /// `open.len()` at each detached node on the path.
    barriers: Vec<usize>,
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
        top_pending: Vec::new(),
        barriers: Vec::new(),
    };
    w.frames.push(Frame::new(root, 0, 0));
    let mut cursor = root.walk();
    w.run(&mut cursor);
    while !w.open.is_empty() {
        w.close();
    }
    w.finish_top()
}

impl<'t> Walker<'t, '_> {
    /// Pre-order traversal; the frame stack mirrors the cursor's path (leaves excepted).
    fn run(&mut self, cursor: &mut TreeCursor<'t>) {
        loop {
            let descended = cursor.goto_first_child() && self.enter_first(cursor);
            if !descended && !self.ascend(cursor) {
                return;
            }
        }
    }

    /// Enters the cursor's node or the first of its next siblings that has children; when none
    /// has, moves the cursor back to their parent and returns false.
    fn enter_first(&mut self, cursor: &mut TreeCursor<'t>) -> bool {
        if self.enter(cursor) || self.enter_next_sibling(cursor) {
            return true;
        }
        cursor.goto_parent();
        false
    }

    /// Leaves the cursor's node, and its ancestors while they have no next sibling to enter;
    /// false when the walk is over.
    fn ascend(&mut self, cursor: &mut TreeCursor<'t>) -> bool {
        loop {
            self.leave();
            if self.enter_next_sibling(cursor) {
                return true;
            }
            if !cursor.goto_parent() {
                return false;
            }
        }
    }

    /// Moves to the next sibling that has children and enters it; false when there is none.
    fn enter_next_sibling(&mut self, cursor: &mut TreeCursor<'t>) -> bool {
        while cursor.goto_next_sibling() {
            if self.enter(cursor) {
                return true;
            }
        }
        false
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
        let level = if self.table.is_header(field) {
            parent.base_level
        } else {
            parent.level
        };
        let mut frame = Frame::new(node, role.flags, level);
        if role.comp != 0 && self.open_component(role.comp, node, &parent) {
            frame.opened = true;
            frame.base_level = 0;
            frame.level = 0;
            self.frames.push(frame);
            return true;
        }
        if role.decl != 0 {
            self.count_decl(role.decl, node, &parent);
        }
        self.control(&mut frame, &parent, field);
        self.logic(&mut frame, &parent);
        if role.flags & flag::DETACHED != 0 {
            frame.barrier = true;
            self.barriers.push(self.open.len());
        }
        self.frames.push(frame);
        true
    }

    /// The control-flow effect of `frame`'s node (`if`, loops, cases, jumps…), if it has one.
    #[inline]
    fn control(&mut self, frame: &mut Frame<'t>, parent: &Frame<'t>, field: u16) {
        let alternative = field != 0 && field == self.table.alternative;
        if frame.flags & flag::CONTROL == 0 && !(alternative && parent.flags & flag::IF != 0) {
            return;
        }
        let place = Place {
            parent_flags: parent.flags,
            alternative,
            level: frame.base_level,
            first_case: frame.flags & flag::CASE != 0 && self.first_case(),
        };
        let ctx = Ctx {
            table: self.table,
            default_case: self.spec.default_case,
            src: self.src,
        };
        let e = complexity::control(frame.flags, frame.node, place, &ctx);
        self.apply(&e, frame);
    }

    /// Logical operators of `frame`'s node, and parentheses that carry a logical expression on.
    #[inline]
    fn logic(&mut self, frame: &mut Frame<'t>, parent: &Frame<'t>) {
        let flags = frame.flags;
        if flags & (flag::LOGICAL_EXPR | flag::LOGICAL_CHAIN) == 0 {
            if flags & flag::PAREN != 0 {
                frame.logical = parent.logical;
            }
            return;
        }
        let inside = parent.logical != 0;
        let found = if flags & flag::LOGICAL_EXPR != 0 {
            complexity::logical(frame.node, inside, self.table)
        } else {
            complexity::chain(frame.node, inside, self.table)
        };
        if let Some((group, e)) = found {
            frame.logical = group;
            self.apply(&e, frame);
        }
    }

    /// Counts a case arm on its parent; true for the parent's first arm.
    fn first_case(&mut self) -> bool {
        match self.frames.last_mut() {
            Some(parent) => {
                parent.cases = parent.cases.saturating_add(1);
                parent.cases == 1
            }
            None => false,
        }
    }

    /// Adds a node's effect to the enclosing function and nests the node's children.
    fn apply(&mut self, e: &Effect, frame: &mut Frame<'t>) {
        let own = frame.base_level;
        if e.nest {
            frame.level = frame.level.saturating_add(1);
        }
        if e.chained {
            // Inside the chain's first `if`, one level deeper than its condition.
            frame.base_level = frame.base_level.saturating_sub(1);
        }
        if let Some(acc) = self.acc() {
            acc.add(e);
            if e.structure {
                let line = super::nodes::start_line(frame.node);
                acc.reach(own.saturating_add(1), line);
            }
        }
    }

    /// The metrics of the innermost component, when it is a function and no detached node
    /// (a `const` in its body) stands between it and the cursor.
    fn acc(&mut self) -> Option<&mut Acc> {
        if self.barriers.last() == Some(&self.open.len()) {
            return None;
        }
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
            if frame.barrier {
                self.barriers.pop();
            }
        }
    }
}
