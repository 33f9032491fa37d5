//! Def/use of a function's local names, by position: which names a block reads that were bound
//! before it (inputs), which it changes that are read after it (outputs), and which control
//! flow leaves it (escapes). Positional and flow-insensitive inside the block, which is what a
//! reader deciding on a signature needs.

use std::ops::Range;

use tree_sitter::Node;

use super::syntax::Syntax;
use crate::patterns::ts::{self, Event};

/// One identifier occurrence.
#[derive(Debug, Clone)]
pub struct Occurrence<'s> {
    pub name: &'s str,
    pub at: usize,
    pub write: bool,
    pub read: bool,
}

/// Every local-looking identifier of the function, in source order.
pub fn occurrences<'s>(syn: &Syntax, func: Node<'_>, src: &'s str) -> Vec<Occurrence<'s>> {
    let mut targets: Vec<(Range<usize>, bool)> = Vec::new();
    if let Some(p) = func.child_by_field_name("parameters") {
        targets.push((p.byte_range(), false));
    }
    let mut out = Vec::new();
    ts::walk(func, |n, ev| {
        if ev == Event::Leave {
            return true;
        }
        if syn.writers.contains(&n.kind()) {
            let field = n
                .child_by_field_name("left")
                .or_else(|| n.child_by_field_name("pattern"));
            if let Some(t) = field {
                let also_read = n.kind().contains("augmented") || n.kind().contains("compound");
                targets.push((t.byte_range(), also_read));
            }
        }
        if n.kind() == "identifier" && !is_member_name(n) {
            out.push(occurrence(n, src, &targets));
        }
        true
    });
    out
}

/// `x.attr` or `f(name=...)`: the name is not a variable.
fn is_member_name(n: Node<'_>) -> bool {
    let Some(p) = n.parent() else { return false };
    let field = match p.kind() {
        "attribute" => "attribute",
        "keyword_argument" => "name",
        _ => return false,
    };
    p.child_by_field_name(field)
        .is_some_and(|f| f.id() == n.id())
}

fn occurrence<'s>(n: Node<'_>, src: &'s str, targets: &[(Range<usize>, bool)]) -> Occurrence<'s> {
    let at = n.start_byte();
    let direct = n.parent().is_none_or(|p| {
        !matches!(
            p.kind(),
            "attribute" | "subscript" | "field_expression" | "index_expression"
        )
    });
    let target = targets
        .iter()
        .rev()
        .find(|(r, _)| r.start <= at && n.end_byte() <= r.end);
    let (write, read) = match target {
        Some((_, also_read)) if direct => (true, *also_read),
        _ => (false, true),
    };
    Occurrence {
        name: ts::text(n, src),
        at,
        write,
        read,
    }
}

/// Inputs and outputs of the byte range `block`; `scope` is the range in which a later read
/// still sees the block's writes (the function, or the innermost loop around the block).
pub fn signature(
    occ: &[Occurrence<'_>],
    block: &Range<usize>,
    scope: &Range<usize>,
) -> (Vec<String>, Vec<String>) {
    let inside = |o: &&Occurrence<'_>| block.contains(&o.at);
    let bound_before = |name: &str| {
        occ.iter()
            .any(|o| o.write && o.at < block.start && o.name == name)
    };
    let mut inputs: Vec<String> = occ
        .iter()
        .filter(inside)
        .filter(|o| o.read && bound_before(o.name))
        .map(|o| o.name.to_string())
        .collect();
    let read_outside = |name: &str| {
        occ.iter().any(|o| {
            o.read
                && o.name == name
                && !block.contains(&o.at)
                && (o.at >= block.end || scope.contains(&o.at))
        })
    };
    let mut outputs: Vec<String> = occ
        .iter()
        .filter(inside)
        .filter(|o| o.write && read_outside(o.name))
        .map(|o| o.name.to_string())
        .collect();
    for v in [&mut inputs, &mut outputs] {
        v.sort();
        v.dedup();
    }
    (inputs, outputs)
}

/// Control flow leaving the nodes (a `break` of a loop inside them does not).
pub fn escapes(syn: &Syntax, nodes: &[Node<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &root in nodes {
        ts::walk(root, |n, ev| {
            if ev == Event::Leave {
                return true;
            }
            if n.id() != root.id() && syn.scopes.contains(&n.kind()) {
                return false;
            }
            if let Some(e) = escape_of(syn, n, root) {
                out.push(e.to_string());
            }
            true
        });
    }
    out.sort();
    out.dedup();
    out
}

/// The escape `n` is, unless it is a `break`/`continue` of a loop inside `root`.
fn escape_of(syn: &Syntax, n: Node<'_>, root: Node<'_>) -> Option<&'static str> {
    let e = syn.escape(n.kind())?;
    let local_loop = matches!(e, "break" | "continue") && inside_loop(syn, n, root);
    (!local_loop).then_some(e)
}

/// True when a loop encloses `n` at or below `root`.
fn inside_loop(syn: &Syntax, n: Node<'_>, root: Node<'_>) -> bool {
    syn.is_loop(root.kind()) || ts::has_ancestor(n, syn.loops, root)
}
