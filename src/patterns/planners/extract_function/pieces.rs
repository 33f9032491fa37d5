//! The plan: the best non-overlapping candidates become pieces (new functions) next to the
//! function that stays, each predicted in the function's driving metric.

use super::build::Function;
use super::shown;
use crate::bands::{Band, Metric};
use crate::model::ComponentNode;
use crate::patterns::library::Pattern;
use crate::patterns::planners::{plan_skeleton, FileTarget};
use crate::patterns::types::{Before, Candidate, FnPrediction, Piece, Plan, PlanItem};

/// At most this many blocks are extracted in one plan.
const MAX_PIECES: usize = 3;

/// Builds the plan from the ranked candidates.
pub fn assemble(
    t: &FileTarget<'_>,
    c: &ComponentNode,
    p: &Pattern,
    f: &Function<'_, '_>,
    cands: Vec<Candidate>,
) -> Option<Plan> {
    let before = driving(t, f);
    let chosen = choose(&cands);
    let best = chosen.first()?;
    let ranges: Vec<std::ops::Range<usize>> =
        chosen.iter().filter_map(|c| byte_range(f, c)).collect();
    let cut_lines: u32 = chosen
        .iter()
        .map(|c| c.end_line.saturating_sub(c.start_line) + 1)
        .sum();
    let stays = f.after(&ranges, cut_lines);
    let name = c
        .qualified_name
        .rsplit(['.', ':'])
        .next()
        .unwrap_or(&c.qualified_name);
    let mut plan = plan_skeleton(
        p,
        format!("{}:{}", t.path, c.qualified_name),
        format!(
            "Extract {} from `{}` ({} {} → {})",
            chosen
                .iter()
                .map(|c| format!("`{}`", c.name))
                .collect::<Vec<_>>()
                .join(", "),
            c.qualified_name,
            before.metric.key(),
            before.value,
            value(&stays, before.metric)
        ),
        Some(before),
    );
    let mut pieces = vec![piece(
        t,
        true,
        &stays,
        before.metric,
        item(name, "function", c.start_line, c.end_line),
    )];
    for cand in &chosen {
        let it = item(&cand.name, "block", cand.start_line, cand.end_line);
        pieces.push(piece(t, false, &cand.extracted, before.metric, it));
    }
    plan.pieces = pieces;
    plan.confidence = confidence(best);
    plan.details.candidates = shown(&cands);
    Some(plan)
}

/// The greedy choice: best first, skipping candidates overlapping one already chosen.
fn choose(cands: &[Candidate]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    for c in cands {
        let overlaps = out
            .iter()
            .any(|o| c.start_line <= o.end_line && o.start_line <= c.end_line);
        if !overlaps && c.score > 0.0 {
            out.push(c.clone());
        }
        if out.len() == MAX_PIECES {
            break;
        }
    }
    out
}

/// Bytes of the lines of a candidate inside the function body (whole lines, trimmed).
fn byte_range(f: &Function<'_, '_>, c: &Candidate) -> Option<std::ops::Range<usize>> {
    let mut starts = std::iter::once(0).chain(f.src.match_indices('\n').map(|(i, _)| i + 1));
    let start = starts.nth(c.start_line.checked_sub(1)? as usize)?;
    let len = c.end_line.saturating_sub(c.start_line) as usize;
    let end = f
        .src
        .get(start..)?
        .split_inclusive('\n')
        .take(len + 1)
        .map(str::len)
        .sum::<usize>()
        + start;
    let lead = f.src.get(start..end)?.len() - f.src.get(start..end)?.trim_start().len();
    Some(start + lead..end)
}

/// The function's metric with the worst band (then the largest share of its limit).
fn driving(t: &FileTarget<'_>, f: &Function<'_, '_>) -> Before {
    let m = &f.metrics;
    [
        (Metric::Cognitive, m.cognitive),
        (Metric::Cyclomatic, m.cyclomatic),
        (Metric::FunctionLines, f.lines),
        (Metric::Nesting, m.nesting),
    ]
    .into_iter()
    .map(|(metric, value)| {
        let limit = t.limits.get(metric);
        Before {
            metric,
            value,
            limit,
            band: t.levels.band(value, limit),
        }
    })
    .max_by(|a, b| a.band.cmp(&b.band).then(share(a).total_cmp(&share(b))))
    .unwrap_or(Before {
        metric: Metric::Cognitive,
        value: m.cognitive,
        limit: 0,
        band: Band::Ok,
    })
}

fn share(b: &Before) -> f64 {
    f64::from(b.value) / f64::from(b.limit.max(1))
}

fn value(p: &FnPrediction, metric: Metric) -> u32 {
    match metric {
        Metric::Cyclomatic => p.cyclomatic,
        Metric::Cognitive => p.cognitive,
        Metric::Nesting => p.nesting,
        _ => p.lines,
    }
}

fn item(name: &str, kind: &str, start_line: u32, end_line: u32) -> PlanItem {
    PlanItem {
        name: name.to_string(),
        kind: kind.to_string(),
        path: None,
        start_line,
        end_line,
        pinned: None,
    }
}

/// A piece named after its one item.
fn piece(t: &FileTarget<'_>, stays: bool, p: &FnPrediction, metric: Metric, it: PlanItem) -> Piece {
    let v = value(p, metric);
    Piece {
        name: it.name.clone(),
        stays,
        file: Some(t.path.to_string()),
        items: vec![it],
        metric,
        predicted_lines: v,
        predicted_band: t.levels.band(v, t.limits.get(metric)),
    }
}

/// 0.9 for a block with nothing in or out, less 0.1 per input, output and escape (floor 0.3).
fn confidence(best: &Candidate) -> f64 {
    let n = best.inputs.len() + best.outputs.len() + best.escapes.len();
    (0.9 - 0.1 * n as f64).max(0.3)
}
