//! Extract module (component delegation). Partition the dependency graph of a file's top-level
//! items so that every piece is predicted below the watch band of the file limit and the cut
//! crosses as little weight as possible; name each piece after its dominant identifiers; list
//! what crosses the cut; predict each piece's lines from the text it would have (for Rust and
//! Python, the text of the patch itself, analysed like any scanned file), and say how confident
//! the plan is. See `docs/patterns.md` for the algorithm and the confidence formula.

mod assemble;
mod assign;
mod cut;

use std::collections::HashMap;

use super::{plan_skeleton, FileTarget, Parsed};
use crate::bands::{Band, Metric};
use crate::patterns::depgraph;
use crate::patterns::library::Pattern;
use crate::patterns::partition::{self, Settings};
use crate::patterns::patch::{self, Assignment, Patch};
use crate::patterns::types::{Before, PatchStatus, Plan};
use crate::scan::file::measure_text;

/// Modularity resolution of the partition (1 = Newman's modularity).
pub const RESOLUTION: f64 = 1.0;
/// Lines a new module carries beyond its items (doc line, imports), as first estimate.
const OVERHEAD: f64 = 6.0;
/// Re-partitions with a tighter budget when a predicted piece lands at or over the watch band.
const MAX_ROUNDS: usize = 3;

/// Plans the extraction for `t`; `None` when there is nothing to split.
pub fn plan(t: &FileTarget<'_>, pattern: &Pattern) -> Option<Plan> {
    let limit = t.limits.get(Metric::FileLines);
    if limit == 0 {
        return None;
    }
    let watch = t.levels.threshold(Band::Watch, limit).max(2);
    let parsed = t.parsed()?;
    let f = parsed.items();
    if f.movable().count() < (pattern.trigger.min_items as usize).max(2) {
        return None;
    }
    let cochange = map_cochange(f, t.cochange);
    let dg = depgraph::build(f, &cochange);
    let fixed = assemble::fixed_lines(f);
    let mut budget = f64::from(watch);
    let mut best: Option<(Assignment, Option<Patch>, Vec<u32>)> = None;
    for _ in 0..MAX_ROUNDS {
        let settings = Settings {
            limit: budget,
            overhead: OVERHEAD,
            resolution: crate::patterns::depgraph::tune("gamma", RESOLUTION),
            min_side: (f64::from(limit) * crate::patterns::depgraph::tune("minside", 0.08))
                .max(25.0),
        };
        let parts = partition::partition(&dg.graph, &dg.evidence, &settings);
        let sizing = assign::Sizing { fixed, budget };
        let asg = assign::assignment(t, parsed, &dg, &parts, sizing)?;
        if asg.names.len() < 2 {
            return None;
        }
        let patch = make_patch(t, parsed, &asg);
        let predicted = assemble::predict(t, f, &asg, patch.as_ref());
        let worst = predicted.iter().copied().max().unwrap_or(0);
        let done = worst < watch;
        let excess = f64::from(worst.saturating_sub(watch)) + 1.0;
        best = Some((asg, patch, predicted));
        if done {
            break;
        }
        budget = (budget - excess).max(f64::from(watch) / 2.0);
    }
    let (asg, patch, predicted) = best?;
    let mut plan = plan_skeleton(
        pattern,
        t.path.to_string(),
        format!(
            "Split {} into {} modules: {}",
            t.path,
            asg.names.len(),
            asg.names.join(", ")
        ),
        Some(Before {
            metric: Metric::FileLines,
            value: t.facts.lines.total,
            limit,
            band: t.levels.band(t.facts.lines.total, limit),
        }),
    );
    plan.pieces = assemble::pieces(t, f, &asg, &predicted, parsed);
    plan.cut = cut::cut(f, &dg, &asg, parsed);
    plan.confidence = cut::confidence(f, &dg, &asg, &predicted, watch);
    plan.details.notes = assemble::notes(f, &asg);
    plan.patch = match &patch {
        None => PatchStatus::None,
        Some(p) => {
            let mut problems = p.problems.clone();
            problems.extend(parse_check(t, p));
            if problems.is_empty() {
                PatchStatus::Safe
            } else {
                PatchStatus::Unsafe {
                    reason: problems.join("; "),
                }
            }
        }
    };
    plan.changes = patch;
    Some(plan)
}

/// Maps component co-change (qualified names) onto item indices.
fn map_cochange(
    f: &crate::patterns::items::FileItems,
    pairs: &[(String, String, f64)],
) -> Vec<(usize, usize, f64)> {
    if pairs.is_empty() {
        return Vec::new();
    }
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, it) in f.items.iter().enumerate() {
        by_name.entry(it.name.as_str()).or_insert(i);
        if let Some(t) = it.self_type {
            by_name.entry(f.syms.name(t)).or_insert(i);
        }
    }
    let find = |q: &str| {
        by_name
            .get(q)
            .or_else(|| {
                q.split(['.', ':'])
                    .next()
                    .and_then(|head| by_name.get(head))
            })
            .copied()
    };
    pairs
        .iter()
        .filter_map(|(a, b, d)| Some((find(a)?, find(b)?, *d)))
        .filter(|(a, b, _)| a != b)
        .collect()
}

fn make_patch(t: &FileTarget<'_>, parsed: &Parsed, asg: &Assignment) -> Option<Patch> {
    match parsed {
        Parsed::Rust(rf) => Some(patch::rust::generate(t.path, t.src, rf, asg)),
        Parsed::Python(pf) => {
            let init = patch::join(patch::parent(t.path), "__init__.py");
            Some(patch::python::generate(
                t.path,
                t.src,
                pf,
                asg,
                (t.exists)(&init),
            ))
        }
        Parsed::Other(_) => None,
    }
}

/// Every file of the patch must still parse.
fn parse_check(t: &FileTarget<'_>, p: &Patch) -> Vec<String> {
    let mut out = Vec::new();
    for c in &p.changes {
        let facts = measure_text(t.facts.language, &c.new, false);
        if let Some(e) = facts.parse_error {
            out.push(format!(
                "generated {} does not parse (line {}: {})",
                c.path, e.line, e.message
            ));
        }
    }
    out
}
