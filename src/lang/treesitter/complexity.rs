//! The counting rules: what one node adds to its function's cyclomatic and cognitive complexity,
//! and whether it nests its children (cognitive nesting level, nesting depth).
//!
//! Cyclomatic complexity is decision points + 1. Cognitive complexity follows the SonarSource
//! white paper: +1 per structure, plus the current nesting level for the structures that nest
//! (`if`, loops, switch/match, catch, ternary); `else`, `else if`, `elif`, `goto`, labelled jumps
//! and each sequence of like logical operators add +1 flat; lambdas only raise the nesting level.
//! Nesting depth is the deepest level + 1 at which a control structure (`if`, loop, switch/match,
//! catch) starts, the level being the cognitive one. The rules read only the role table, so every
//! language shares them.

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
    /// Children are one nesting level deeper.
    pub nest: bool,
    /// The node is a control structure: nesting depth reaches its level + 1 here.
    pub structure: bool,
    /// The node continues an `if` chain (`else if`, `elif`): its condition is read at the level
    /// of the chain's first condition.
    pub chained: bool,
}

impl Effect {
    /// +1 plus the nesting level, and the children nest.
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
    /// Nesting level of the node itself.
    pub level: u32,
    /// The node is the first case arm of its parent (for [`DefaultCase::AllButOne`]).
    pub first_case: bool,
}

/// What the rules read besides the node: the role table, the language's default-case rule and
/// the source text.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub table: &'a Table,
    pub default_case: DefaultCase,
    pub src: &'a str,
}

/// The control-flow effect of a node with role `flags`.
#[inline]
pub fn control(flags: u32, node: Node, place: Place, ctx: &Ctx) -> Effect {
    let mut e = Effect::default();
    let subject = Subject {
        flags,
        node,
        place,
        ctx,
    };
    subject.branches(&mut e);
    subject.structures(&mut e);
    subject.points(&mut e);
    e
}

/// The node being judged, with everything the rules read about it.
struct Subject<'a, 't> {
    flags: u32,
    node: Node<'t>,
    place: Place,
    ctx: &'a Ctx<'a>,
}

impl Subject<'_, '_> {
    fn has(&self, bits: u32) -> bool {
        self.flags & bits != 0
    }

    /// `if`, `else if`, `elif` and `else`.
    #[inline]
    fn branches(&self, e: &mut Effect) {
        let place = &self.place;
        let after_if = place.parent_flags & flag::IF != 0;
        let else_branch = after_if && place.alternative;
        if self.has(flag::IF) {
            e.decisions += 1;
            if else_branch || place.parent_flags & flag::ELSE != 0 {
                e.flat(); // `else if`: no nesting increment, no deeper nesting
                e.chained = true;
            } else {
                e.nested(place.level);
                e.structure = true;
            }
        } else if else_branch && !self.has(flag::ELSE | flag::ELIF) {
            e.flat(); // Java/Go: the `else` block sits directly in the `alternative` field
        }
        if self.has(flag::ELSE) && after_if && !first_named_is(self.node, self.ctx.table, flag::IF)
        {
            e.flat();
        }
        if self.has(flag::ELIF) {
            e.decisions += 1;
            e.flat();
            e.chained = true;
        }
    }

    /// Structures that nest their children: loops, `catch`, switch/match, `let … else`,
    /// ternaries and lambdas.
    #[inline]
    fn structures(&self, e: &mut Effect) {
        let level = self.place.level;
        if self.has(flag::LOOP | flag::CATCH) {
            e.decisions += 1;
            e.nested(level);
            e.structure = true;
        }
        if self.has(flag::STRUCTURE) {
            e.nested(level);
            e.structure = true;
        }
        if self.has(flag::ELSE_LET) && has_field(self.node, self.ctx.table.alternative) {
            e.decisions += 1;
            e.nested(level);
            e.structure = true;
        }
        if self.has(flag::TERNARY) {
            e.decisions += 1;
            e.nested(level);
        }
        if self.has(flag::LAMBDA) {
            e.nest = true;
        }
    }

    /// Flat decision points and jumps: case arms, guards, `goto`, labelled jumps.
    #[inline]
    fn points(&self, e: &mut Effect) {
        let (node, table) = (self.node, self.ctx.table);
        if self.has(flag::CASE) && !is_default(node, &self.place, self.ctx) {
            e.decisions += 1;
        }
        if self.has(flag::GUARD) && has_field(node, table.condition) {
            e.decisions += 1;
        }
        if self.has(flag::GOTO) || (self.has(flag::JUMP) && has_label(node, table)) {
            e.flat();
        }
        if self.has(flag::CYCLO_ONLY) {
            e.decisions += 1;
        }
    }
}

/// Bounds the look through parentheses and down operator chains.
const MAX_LOOK: usize = 64;

/// A binary expression: when its operator is logical, returns the operator group and the effect:
/// +1 cyclomatic, and cognitive +1 for each change of operator in the source-order sequence of
/// the logical expression it belongs to (parentheses see-through), plus 1 at the start of the
/// sequence. `inside` says the parent (through parentheses) is a logical expression.
///
/// Walking in pre-order, each adjacent pair of operators in source order is seen exactly once:
/// as (this, leftmost operator of the right operand) or (rightmost operator of the left operand,
/// this).
pub fn logical(node: Node, inside: bool, table: &Table) -> Option<(u8, Effect)> {
    let group = group_of(node, table)?;
    let mut e = Effect {
        decisions: 1,
        cognitive: u32::from(!inside),
        ..Effect::default()
    };
    let edge = |field: u16, toward: u16| {
        let child = node.child_by_field_id(field)?;
        outermost_group(child, toward, table)
    };
    if edge(table.left, table.right).is_some_and(|g| g != group) {
        e.cognitive += 1;
    }
    if edge(table.right, table.left).is_some_and(|g| g != group) {
        e.cognitive += 1;
    }
    Some((group, e))
}

/// A node of operands joined by logical operator tokens (Rust let chains): +1 cyclomatic per
/// operator; cognitive +1 at the start of a sequence and +1 per change of operator against an
/// operand's own logical operators, as for binary expressions.
pub fn chain(node: Node, inside: bool, table: &Table) -> Option<(u8, Effect)> {
    let mut group = 0;
    let mut operands = Vec::new();
    let mut ops = 0u32;
    let mut cursor = node.walk();
    for child in node.children(&mut cursor) {
        let g = table.logical_group(child.kind_id());
        if g != 0 && !child.is_named() {
            group = g;
            ops += 1;
        } else if child.is_named() {
            operands.push(child);
        }
    }
    if ops == 0 {
        return None;
    }
    let mut e = Effect {
        decisions: ops,
        cognitive: u32::from(!inside),
        ..Effect::default()
    };
    let last = operands.len().saturating_sub(1);
    for (i, operand) in operands.iter().enumerate() {
        let differs = |toward| outermost_group(*operand, toward, table).is_some_and(|g| g != group);
        if i > 0 && differs(table.left) {
            e.cognitive += 1;
        }
        if i < last && differs(table.right) {
            e.cognitive += 1;
        }
    }
    Some((group, e))
}

/// The operator group of a logical expression node (not looking through parentheses).
fn group_of(node: Node, table: &Table) -> Option<u8> {
    if table.operator == 0 || table.role(node.kind_id()).flags & flag::LOGICAL_EXPR == 0 {
        return None;
    }
    let op = node.child_by_field_id(table.operator)?;
    Some(table.logical_group(op.kind_id())).filter(|g| *g != 0)
}

fn unparen<'t>(mut node: Node<'t>, table: &Table) -> Node<'t> {
    for _ in 0..MAX_LOOK {
        if table.role(node.kind_id()).flags & flag::PAREN == 0 || node.named_child_count() != 1 {
            break;
        }
        match node.named_child(0) {
            Some(inner) => node = inner,
            None => break,
        }
    }
    node
}

/// The operator nearest the `toward` edge of a logical operand: descending the operand's
/// `toward` side while it stays logical. `None` when the operand is not logical.
fn outermost_group(operand: Node, toward: u16, table: &Table) -> Option<u8> {
    let mut node = unparen(operand, table);
    let mut found = None;
    for _ in 0..MAX_LOOK {
        let Some(group) = group_of(node, table) else {
            break;
        };
        found = Some(group);
        match node.child_by_field_id(toward) {
            Some(next) => node = unparen(next, table),
            None => break,
        }
    }
    found
}

fn has_field(node: Node, field: u16) -> bool {
    field != 0 && node.child_by_field_id(field).is_some()
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

fn is_default(node: Node, place: &Place, ctx: &Ctx) -> bool {
    match ctx.default_case {
        DefaultCase::Never => false,
        DefaultCase::FirstToken(_) => node
            .child(0)
            .is_some_and(|c| ctx.table.role(c.kind_id()).flags & flag::DEFAULT_TOKEN != 0),
        DefaultCase::Wildcard => node
            .named_child(0)
            .is_some_and(|p| p.named_child_count() == 0 && text(p, ctx.src).trim() == "_"),
        DefaultCase::AllButOne => place.first_case,
    }
}
