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

/// What node `n`, met at `nesting`, adds to a measure, and the nesting its children are at.
fn own(syn: &Syntax, n: Node<'_>, nesting: u32, depth: u32) -> (Measure, u32) {
    let kind = n.kind();
    let mut m = Measure {
        decisions: u32::from(syn.is_decision(kind)),
        ..Measure::default()
    };
    let mut inner = nesting;
    if is_flat(syn, n) || is_else(syn, n) || kind == "boolean_operator" {
        m.cognitive += 1;
    } else if syn.is_structure(kind) {
        m.cognitive += 1 + nesting;
        inner = nesting + 1;
        m.nesting = inner;
    } else if syn.scopes.contains(&kind) && depth > 0 {
        inner = nesting + 1;
    }
    (m, inner)
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
    let (mine, inner) = own(syn, n, nesting, depth);
    m.decisions += mine.decisions;
    m.cognitive += mine.cognitive;
    m.nesting = m.nesting.max(mine.nesting);
    let mut c = n.walk();
    for child in n.children(&mut c) {
        visit(syn, child, (inner, depth + 1), skip, m);
    }
}

/// What each node of a body adds to its measure, by byte range: the body's measure with any
/// ranges cut out is then a sum over the nodes outside them (a node outside a cut range has
/// no ancestor inside it, so it is met at the same nesting either way), without walking the
/// tree again for every candidate block.
pub struct Contributions(Vec<(Range<usize>, Measure)>);

impl Contributions {
    /// Records every node of `body` that adds something.
    pub fn of(syn: &Syntax, body: Node<'_>) -> Contributions {
        let mut out = Vec::new();
        record(syn, body, (0, 0), &mut out);
        Contributions(out)
    }

    /// The body's measure with the byte ranges in `skip` cut out.
    pub fn without(&self, skip: &[Range<usize>]) -> Measure {
        let mut m = Measure::default();
        let inside = |r: &Range<usize>| skip.iter().any(|s| s.start <= r.start && r.end <= s.end);
        for (_, c) in self.0.iter().filter(|(r, _)| !inside(r)) {
            m.decisions += c.decisions;
            m.cognitive += c.cognitive;
            m.nesting = m.nesting.max(c.nesting);
        }
        m
    }
}

fn record(
    syn: &Syntax,
    n: Node<'_>,
    (nesting, depth): (u32, u32),
    out: &mut Vec<(Range<usize>, Measure)>,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let (mine, inner) = own(syn, n, nesting, depth);
    if mine != Measure::default() {
        out.push((n.byte_range(), mine));
    }
    let mut c = n.walk();
    for child in n.children(&mut c) {
        record(syn, child, (inner, depth + 1), out);
    }
}

/// An `else` of an `if` (counts +1 like Sonar's rule).
fn is_else(syn: &Syntax, n: Node<'_>) -> bool {
    n.kind() == "else_clause" && n.parent().is_some_and(|p| syn.ifs.contains(&p.kind()))
}
