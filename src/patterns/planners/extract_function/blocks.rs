//! The candidate blocks of a function: loop bodies, `if`/`else` branches, `elif` chains, match
//! arms and runs of consecutive statements, each with the nodes it is made of.

use tree_sitter::Node;

use super::syntax::Syntax;
use crate::patterns::ts::{self, Event};

/// Statement lists longer than this only offer short runs (the pairs grow quadratically).
const LONG_LIST: usize = 40;
/// The longest run offered from a long statement list.
const LONG_RUN: usize = 8;

/// One candidate: what it is and the sibling nodes it spans.
#[derive(Debug, Clone)]
pub struct Block<'t> {
    pub kind: &'static str,
    pub nodes: Vec<Node<'t>>,
}

impl Block<'_> {
    pub fn bytes(&self) -> std::ops::Range<usize> {
        let start = self.nodes.first().map(Node::start_byte).unwrap_or(0);
        let end = self.nodes.last().map(Node::end_byte).unwrap_or(0);
        start..end
    }
    pub fn lines(&self) -> (u32, u32) {
        let start = self.nodes.first().map(|n| ts::line(*n)).unwrap_or(0);
        let end = self.nodes.last().map(|n| ts::end_line(*n)).unwrap_or(0);
        (start, end)
    }
}

/// Every candidate inside the function's `body`.
pub fn candidates<'t>(syn: &Syntax, body: Node<'t>) -> Vec<Block<'t>> {
    let mut out = Vec::new();
    ts::walk(body, |n, ev| {
        if ev == Event::Leave {
            return true;
        }
        if n.id() != body.id() && syn.scopes.contains(&n.kind()) {
            return false;
        }
        of_node(syn, n, &mut out);
        if syn.blocks.contains(&n.kind()) {
            runs(syn, n, &mut out);
        }
        true
    });
    out
}

/// The bodies a structure offers.
fn of_node<'t>(syn: &Syntax, n: Node<'t>, out: &mut Vec<Block<'t>>) {
    let kind = n.kind();
    let mut push = |kind: &'static str, node: Option<Node<'t>>| {
        if let Some(node) = node {
            out.push(Block {
                kind,
                nodes: vec![node],
            });
        }
    };
    if syn.is_loop(kind) {
        push("loop body", n.child_by_field_name("body"));
    } else if syn.ifs.contains(&kind) || syn.flat_branches.contains(&kind) {
        push("branch", n.child_by_field_name("consequence"));
        if syn.ifs.contains(&kind) && n.child_by_field_name("alternative").is_some() {
            push("if chain", Some(n));
        }
    } else if kind == "else_clause" {
        let body = n.child_by_field_name("body").or_else(|| n.named_child(0));
        push(
            "else branch",
            body.filter(|b| syn.blocks.contains(&b.kind())),
        );
    } else if syn.arms.contains(&kind) {
        let body = n
            .child_by_field_name("consequence")
            .or_else(|| n.child_by_field_name("value"));
        push("match arm", body.filter(|b| syn.blocks.contains(&b.kind())));
    }
}

/// Runs of two or more consecutive statements of a statement list, short of the whole list.
fn runs<'t>(syn: &Syntax, list: Node<'t>, out: &mut Vec<Block<'t>>) {
    let mut c = list.walk();
    let stmts: Vec<Node<'t>> = list
        .named_children(&mut c)
        .filter(|s| !s.kind().contains("comment") && s.kind() != syn.comment)
        .take_while(|s| is_statement(s.kind()))
        .collect();
    let n = stmts.len();
    let longest = if n > LONG_LIST { LONG_RUN } else { n };
    for i in 0..n {
        for len in 2..=longest.min(n - i) {
            // The whole list is the body of its structure, offered as such.
            if len == n {
                continue;
            }
            if let Some(run) = stmts.get(i..i + len) {
                out.push(Block {
                    kind: "statements",
                    nodes: run.to_vec(),
                });
            }
        }
    }
}

/// A statement rather than a Rust block's tail expression (its value, which a call cannot
/// simply replace).
fn is_statement(kind: &str) -> bool {
    [
        "_statement",
        "_declaration",
        "_item",
        "_definition",
        "_invocation",
    ]
    .iter()
    .any(|s| kind.ends_with(s))
}
