//! Extract function: for a function over its line or complexity limits, the blocks that could
//! become functions of their own. Rust and Python are read with tree-sitter; every loop body,
//! `if`/`else` branch, `elif` chain, match arm and run of consecutive statements is a
//! candidate. For each, a def/use pass by position gives its inputs (locals read inside and
//! bound before it), its outputs (locals written inside and read after it, or anywhere in the
//! loop around it) and its escapes (`return`, `break`/`continue` of an outer loop, `?`,
//! `yield`, `await`). The function is measured again with the block cut out, so the predicted
//! cyclomatic and cognitive complexity after extraction count the block's nesting. Score =
//! (cognitive removed + lines removed / 10) / (1 + inputs + outputs + 2 × escapes). The best
//! non-overlapping candidates become the plan's pieces, next to the function that stays.

mod blocks;
mod build;
mod flow;
mod measure;
mod pieces;
mod syntax;
#[cfg(test)]
mod tests;

use tree_sitter::Node;

use super::FileTarget;
use crate::model::ComponentNode;
use crate::patterns::library::Pattern;
use crate::patterns::naming;
use crate::patterns::ts::{self, Event};
use crate::patterns::types::{Candidate, Plan};
use build::Function;

/// Candidates listed in the plan's details.
const SHOWN: usize = 5;

/// Plans the extraction; `None` for a function without candidate blocks or an unread language.
pub fn plan(t: &FileTarget<'_>, c: &ComponentNode, p: &Pattern) -> Option<Plan> {
    let syn = syntax::of(t.facts.language)?;
    let metrics = c.metrics?;
    let tree = t.syntax_tree()?;
    let node = find_function(syn, tree.root_node(), c)?;
    let body = node.child_by_field_name("body")?;
    let f = Function {
        syn,
        node,
        body,
        src: t.src,
        occ: flow::occurrences(syn, node, t.src),
        lines: c.end_line.saturating_sub(c.start_line) + 1,
        metrics,
        own: measure::measure(syn, &[body], 0, &[]),
        parts: measure::Contributions::of(syn, body),
        roots: Default::default(),
        limits: t.limits,
        levels: t.levels,
    };
    let cands = ranked(&f);
    if cands.is_empty() {
        return None;
    }
    pieces::assemble(t, c, p, &f, cands)
}

/// Every candidate, named, best first, one per line range.
fn ranked(f: &Function<'_, '_>) -> Vec<Candidate> {
    let mut seen = std::collections::HashSet::new();
    let mut cands: Vec<(Candidate, std::ops::Range<usize>)> = blocks::candidates(f.syn, f.body)
        .iter()
        .filter(|b| seen.insert(b.bytes()))
        .filter_map(|b| f.candidate(b).map(|c| (c, b.bytes())))
        .collect();
    cands.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then(a.0.start_line.cmp(&b.0.start_line))
            .then(b.0.end_line.cmp(&a.0.end_line))
    });
    let fn_name = f
        .node
        .child_by_field_name("name")
        .map(|n| ts::text(n, f.src))
        .unwrap_or("");
    let mut used: Vec<String> = vec![fn_name.to_string()];
    cands
        .into_iter()
        .map(|(mut c, bytes)| {
            let base = build::name_of(&f.bag(&bytes), "helper");
            c.name = unique(&base, &used);
            used.push(c.name.clone());
            c
        })
        .collect()
}

/// `base`, or `base_2`, `base_3`... when taken.
fn unique(base: &str, used: &[String]) -> String {
    let base = if naming::valid(base) { base } else { "helper" };
    let mut name = base.to_string();
    let mut k = 2;
    while used.contains(&name) {
        name = format!("{base}_{k}");
        k += 1;
    }
    name
}

/// The function node of the component: the outermost function ending on its last line whose
/// first line is within its span.
fn find_function<'t>(syn: &syntax::Syntax, root: Node<'t>, c: &ComponentNode) -> Option<Node<'t>> {
    let mut found = None;
    ts::walk(root, |n, ev| {
        if ev == Event::Leave || found.is_some() {
            return false;
        }
        let line = ts::line(n);
        if line > c.end_line || ts::end_line(n) < c.start_line {
            return false;
        }
        if syn.functions.contains(&n.kind())
            && line >= c.start_line
            && ts::end_line(n) == c.end_line
        {
            found = Some(n);
            return false;
        }
        true
    });
    found
}

/// The candidates listed in a plan: the best `SHOWN`.
fn shown(cands: &[Candidate]) -> Vec<Candidate> {
    cands.iter().take(SHOWN).cloned().collect()
}
