//! Complexity of a function body with some ranges cut out, and of a block on its own: the
//! planner predicts the function after an extraction by measuring it without the block, the
//! same way it measures the block as a new function.

use std::ops::Range;

use tree_sitter::Node;

use super::syntax::Syntax;

/// Decision points, cognitive complexity and deepest nesting of a piece of code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measure {
    pub decisions: u32,
    pub cognitive: u32,
    pub nesting: u32,
}

/// Deeper than this, the tree is not entered (no stack overflow on generated code).
const MAX_DEPTH: u32 = 300;

/// Measures `nodes`, each starting at `nesting`, skipping the byte ranges in `skip`.
pub fn measure(syn: &Syntax, nodes: &[Node<'_>], nesting: u32, skip: &[Range<usize>]) -> Measure {
    let mut m = Measure::default();
    for n in nodes {
        visit(syn, *n, (nesting, 0), skip, &mut m);
    }
    m.nesting = m.nesting.saturating_sub(nesting);
    m
}

/// True when an `if` is the `else if` of an outer one (flat: +1, no nesting).
fn is_flat(syn: &Syntax, n: Node<'_>) -> bool {
    let kind = n.kind();
    syn.flat_branches.contains(&kind)
        || (syn.ifs.contains(&kind) && n.parent().is_some_and(|p| p.kind() == "else_clause"))
}

fn visit(
    syn: &Syntax,
    n: Node<'_>,
    (nesting, depth): (u32, u32),
    skip: &[Range<usize>],
    m: &mut Measure,
) {
    if depth > MAX_DEPTH
        || skip
            .iter()
            .any(|r| r.start <= n.start_byte() && n.end_byte() <= r.end)
    {
        return;
    }
    let kind = n.kind();
    if syn.is_decision(kind) {
        m.decisions += 1;
    }
    let mut inner = nesting;
    if is_flat(syn, n) || is_else(syn, n) || kind == "boolean_operator" {
        m.cognitive += 1;
    } else if syn.is_structure(kind) {
        m.cognitive += 1 + nesting;
        inner = nesting + 1;
        m.nesting = m.nesting.max(inner);
    } else if syn.scopes.contains(&kind) && depth > 0 {
        inner = nesting + 1;
    }
    let mut c = n.walk();
    for child in n.children(&mut c) {
        visit(syn, child, (inner, depth + 1), skip, m);
    }
}

/// An `else` of an `if` (counts +1 like Sonar's rule).
fn is_else(syn: &Syntax, n: Node<'_>) -> bool {
    n.kind() == "else_clause" && n.parent().is_some_and(|p| syn.ifs.contains(&p.kind()))
}
