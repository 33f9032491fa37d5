//! The counting rules: what one node adds to its function's cyclomatic and cognitive complexity,
//! and whether it nests its children (cognitive nesting level, nesting depth).
//!
//! Cyclomatic complexity is decision points + 1. Cognitive complexity follows the SonarSource
//! white paper: +1 per structure, plus the current nesting level for the structures that nest
//! (`if`, loops, switch/match, catch, ternary); `else`, `else if`, `elif`, `goto`, labelled jumps
//! and each sequence of like logical operators add +1 flat; lambdas only raise the nesting level.
//! The rules read only the role table, so every language shares them.

use tree_sitter::Node;

use super::nodes::text;
use super::spec::DefaultCase;
use super::table::{flag, Table};
use crate::model::facts::FnMetrics;

/// Metrics accumulated for one function while its subtree is walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct Acc {
    pub decisions: u32,
    pub cognitive: u32,
    pub depth: u32,
    pub depth_line: u32,
    pub params: u32,
}

impl Acc {
    /// Adds one node's effect.
    #[inline]
    pub fn add(&mut self, effect: &Effect) {
        self.decisions = self.decisions.saturating_add(effect.decisions);
        self.cognitive = self.cognitive.saturating_add(effect.cognitive);
    }

    /// Records that code reaches nesting depth `depth` at `line`; the first deepest point wins.
    #[inline]
    pub fn reach(&mut self, depth: u32, line: u32) {
        if depth > self.depth {
            self.depth = depth;
            self.depth_line = line;
        }
    }

    pub fn finish(&self) -> FnMetrics {
        FnMetrics {
            cyclomatic: self.decisions.saturating_add(1),
            cognitive: self.cognitive,
            params: self.params,
            nesting: self.depth,
            nesting_line: if self.depth == 0 { 0 } else { self.depth_line },
        }
    }
}

/// What one node does to its function's metrics and to its children's nesting.
#[derive(Debug, Clone, Copy, Default)]
pub struct Effect {
    pub decisions: u32,
    pub cognitive: u32,
    /// Children are one cognitive nesting level deeper.
    pub nest: bool,
    /// Children are one nesting-depth level deeper.
    pub deepen: bool,
}

impl Effect {
    fn nested(&mut self, level: u32) {
        self.cognitive = self.cognitive.saturating_add(level.saturating_add(1));
        self.nest = true;
    }

    fn flat(&mut self) {
        self.cognitive = self.cognitive.saturating_add(1);
    }
}

/// Where a node sits, as far as the rules care.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// Role flags of the parent node.
    pub parent_flags: u32,
    /// The node is the `alternative` of its parent.
    pub alternative: bool,
    /// Cognitive nesting level of the node itself.
    pub level: u32,
}

/// The control-flow effect of a node with role `flags`.
pub fn control(
    flags: u32,
    node: Node,
    place: Place,
    table: &Table,
    default_case: DefaultCase,
    src: &str,
) -> Effect {
    let mut e = Effect::default();
    let after_if = place.parent_flags & flag::IF != 0;
    let else_branch = after_if && place.alternative;
    if flags & flag::IF != 0 {
        e.decisions += 1;
        if else_branch || place.parent_flags & flag::ELSE != 0 {
            e.flat(); // `else if`: no nesting increment, no extra depth
        } else {
            e.nested(place.level);
            e.deepen = true;
        }
    } else if else_branch && flags & (flag::ELSE | flag::ELIF) == 0 {
        e.flat(); // Java/Go: the `else` block sits directly in the `alternative` field
    }
    if flags & flag::ELSE != 0 && after_if && !first_named_is(node, table, flag::IF) {
        e.flat();
    }
    if flags & flag::ELIF != 0 {
        e.decisions += 1;
        e.flat();
    }
    if flags & flag::LOOP != 0 {
        e.decisions += 1;
        e.nested(place.level);
        e.deepen = true;
    }
    if flags & flag::STRUCTURE != 0 {
        e.nested(place.level);
        e.deepen = true;
    }
    if flags & flag::CASE != 0 && !is_default(node, table, default_case, src) {
        e.decisions += 1;
    }
    if flags & (flag::CATCH | flag::TERNARY) != 0 {
        e.decisions += 1;
        e.nested(place.level);
    }
    if flags & (flag::TRY | flag::DEPTH_ONLY) != 0 {
        e.deepen = true;
    }
    if flags & flag::LAMBDA != 0 {
        e.nest = true;
    }
    if flags & flag::GOTO != 0 || (flags & flag::JUMP != 0 && has_label(node, table)) {
        e.flat();
    }
    if flags & flag::CYCLO_ONLY != 0 {
        e.decisions += 1;
    }
    e
}

/// A binary expression: returns its operator kind when it is a logical operator, with +1
/// cyclomatic, and +1 cognitive unless it continues its parent's sequence of the same operator.
pub fn logical(node: Node, parent_op: u16, table: &Table) -> Option<(u16, Effect)> {
    if table.operator == 0 {
        return None;
    }
    let op = node.child_by_field_id(table.operator)?.kind_id();
    if !table.is_logical_op(op) {
        return None;
    }
    let e = Effect {
        decisions: 1,
        cognitive: u32::from(parent_op != op),
        ..Effect::default()
    };
    Some((op, e))
}

fn first_named_is(node: Node, table: &Table, bit: u32) -> bool {
    node.named_child(0)
        .is_some_and(|c| table.role(c.kind_id()).flags & bit != 0)
}

fn has_label(node: Node, table: &Table) -> bool {
    let mut cursor = node.walk();
    let found = node
        .named_children(&mut cursor)
        .any(|c| table.role(c.kind_id()).flags & flag::LABEL != 0);
    found
}

fn is_default(node: Node, table: &Table, default_case: DefaultCase, src: &str) -> bool {
    match default_case {
        DefaultCase::Never => false,
        DefaultCase::FirstToken(_) => node
            .child(0)
            .is_some_and(|c| table.role(c.kind_id()).flags & flag::DEFAULT_TOKEN != 0),
        DefaultCase::Wildcard => node
            .named_child(0)
            .is_some_and(|p| p.named_child_count() == 0 && text(p, src).trim() == "_"),
    }
}
