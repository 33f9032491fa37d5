//! Consolidate duplicates: token-shape clones across a directory's files. Each file's tokens are
//! normalised (see `tokens`), fingerprinted by winnowing, and fingerprints shared by two files
//! are chained into regions; regions of six or more lines in both files are proposed to move
//! into one shared module.

use std::collections::HashMap;

use super::tokens::{fingerprints, tokens, Tok};
use super::{file_stem, DirTarget};
use crate::bands::Metric;
use crate::patterns::library::Pattern;
use crate::patterns::planners::plan_skeleton;
use crate::patterns::types::{Piece, Plan, PlanItem};

/// Tokens per fingerprinted k-gram, and the winnowing window.
const K: usize = 10;
const W: usize = 4;
/// The shortest reported region, in lines.
pub const MIN_LINES: u32 = 6;
/// At most this many files are compared pairwise (the cost is quadratic).
const MAX_FILES: usize = 300;

/// One copied region: file index and 1-based inclusive lines, in each of two files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clone2 {
    pub a: (usize, u32, u32),
    pub b: (usize, u32, u32),
}

/// The consolidate-duplicates plan, when the directory holds clones.
pub fn plan(t: &DirTarget<'_>, p: &Pattern) -> Option<Plan> {
    let srcs: Vec<&str> = t
        .files
        .iter()
        .take(MAX_FILES)
        .map(|f| f.src.as_str())
        .collect();
    let clones = find(&srcs);
    let best = clones.iter().max_by_key(|c| c.a.2.saturating_sub(c.a.1))?;
    Some(build(t, p, &clones, *best))
}

/// Clones between every pair of the sources.
pub fn find(srcs: &[&str]) -> Vec<Clone2> {
    let toks: Vec<Vec<Tok>> = srcs.iter().map(|s| tokens(s)).collect();
    let fps: Vec<Vec<(u64, usize)>> = toks.iter().map(|t| fingerprints(t, K, W)).collect();
    let mut out = Vec::new();
    for a in 0..srcs.len() {
        for b in a + 1..srcs.len() {
            out.extend(pair(&toks, &fps, a, b));
        }
    }
    out
}

/// Clones between files `a` and `b`.
fn pair(toks: &[Vec<Tok>], fps: &[Vec<(u64, usize)>], a: usize, b: usize) -> Vec<Clone2> {
    let mut in_b: HashMap<u64, usize> = HashMap::new();
    for &(h, pos) in &fps[b] {
        in_b.entry(h).or_insert(pos);
    }
    let matches: Vec<(usize, usize)> = fps[a]
        .iter()
        .filter_map(|&(h, pa)| in_b.get(&h).map(|&pb| (pa, pb)))
        .collect();
    let mut out = Vec::new();
    for run in runs(&matches) {
        let span = |f: usize, lo: usize, hi: usize| {
            let line = |i: usize| toks[f].get(i).map(|t| t.line).unwrap_or(0);
            (f, line(lo), line(hi + K - 1))
        };
        let c = Clone2 {
            a: span(a, run.0, run.1),
            b: span(b, run.2, run.3),
        };
        if c.a.2 + 1 >= c.a.1 + MIN_LINES && c.b.2 + 1 >= c.b.1 + MIN_LINES {
            out.push(c);
        }
    }
    out
}

/// Chains of matches that move forward together in both files: (a lo, a hi, b lo, b hi).
fn runs(matches: &[(usize, usize)]) -> Vec<(usize, usize, usize, usize)> {
    let gap = K + W;
    let mut out: Vec<(usize, usize, usize, usize)> = Vec::new();
    for &(pa, pb) in matches {
        match out.last_mut() {
            Some(r) if pa <= r.1 + gap && pb > r.2 && pb <= r.3 + gap => {
                r.1 = pa;
                r.3 = r.3.max(pb);
            }
            _ => out.push((pa, pa, pb, pb)),
        }
    }
    out
}

/// The plan: the copies go to one shared module; the files stay.
fn build(t: &DirTarget<'_>, p: &Pattern, clones: &[Clone2], best: Clone2) -> Plan {
    let region = |(f, lo, hi): (usize, u32, u32)| PlanItem {
        name: format!("{}:{lo}-{hi}", t.files[f].name),
        kind: "region".into(),
        path: Some(t.files[f].path.clone()),
        start_line: lo,
        end_line: hi,
        pinned: None,
    };
    let mut regions: Vec<PlanItem> = Vec::new();
    for c in clones {
        for r in [region(c.a), region(c.b)] {
            if !regions.contains(&r) {
                regions.push(r);
            }
        }
    }
    let lines = best.a.2.saturating_sub(best.a.1) + 1;
    let name = shared_name(t, best);
    let limit = t.limits.get(Metric::FileLines);
    let band = |v: u32| t.levels.band(v, limit);
    let shared = Piece {
        name: name.clone(),
        stays: false,
        file: Some(t.join(&name)),
        items: regions,
        metric: Metric::FileLines,
        predicted_lines: lines,
        predicted_band: band(lines),
    };
    let mut files: Vec<usize> = clones.iter().flat_map(|c| [c.a.0, c.b.0]).collect();
    files.sort_unstable();
    files.dedup();
    let stay = stay_piece(t, &files, band);
    let title = format!(
        "Move {lines} duplicated lines of {} and {} into {name}",
        t.files[best.a.0].name, t.files[best.b.0].name
    );
    let mut plan = plan_skeleton(p, t.path.clone(), title, None);
    plan.details.duplicated_lines =
        Some(clones.iter().map(|c| c.a.2.saturating_sub(c.a.1) + 1).sum());
    plan.gain = f64::from(lines) / f64::from(limit.max(1)) * files.len() as f64;
    plan.confidence = (f64::from(lines) / 30.0).min(1.0);
    plan.pieces = vec![stay, shared];
    plan
}

/// The files that keep what is not copied; predicted lines: the largest file afterwards.
fn stay_piece(
    t: &DirTarget<'_>,
    files: &[usize],
    band: impl Fn(u32) -> crate::bands::Band,
) -> Piece {
    let after = files
        .iter()
        .map(|&f| u32::try_from(t.files[f].src.lines().count()).unwrap_or(u32::MAX))
        .max()
        .unwrap_or(0);
    Piece {
        name: t.name(),
        stays: true,
        file: Some(t.path.clone()),
        items: files
            .iter()
            .map(|&f| PlanItem {
                name: t.files[f].name.clone(),
                kind: "file".into(),
                path: Some(t.files[f].path.clone()),
                start_line: 0,
                end_line: 0,
                pinned: None,
            })
            .collect(),
        metric: Metric::FileLines,
        predicted_lines: after,
        predicted_band: band(after),
    }
}

/// `shared_<common suffix>` of the two files' stems (`csv_export`, `tsv_export` →
/// `shared_export.py`), keeping the first file's extension.
fn shared_name(t: &DirTarget<'_>, c: Clone2) -> String {
    let (na, nb) = (&t.files[c.a.0].name, &t.files[c.b.0].name);
    let ext = na.get(file_stem(na).len()..).unwrap_or("");
    let wa: Vec<&str> = file_stem(na).split('_').collect();
    let wb: Vec<&str> = file_stem(nb).split('_').collect();
    let common: Vec<&str> = wa
        .iter()
        .rev()
        .zip(wb.iter().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| *x)
        .collect();
    let mut words: Vec<&str> = common.into_iter().rev().collect();
    if words.is_empty() {
        words.push("common");
    }
    format!("shared_{}{ext}", words.join("_"))
}
