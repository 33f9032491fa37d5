//! Graph partitioning: recursive bisection of a weighted, sized graph until every part is
//! below a size limit, minimising the weight of the edges cut, followed by a merge pass.
//!
//! Each bisection (`bisect`) starts from two orderings of the nodes — their source order and the
//! spectral order of the Fiedler vector of the normalised Laplacian (`spectral`) — takes the best
//! prefix split of each by ratio cut (cut × (1/size A + 1/size B)), refines both with
//! Fiduccia–Mattheyses moves (`fm`), and keeps the better. A part is bisected while it is at or
//! over the limit, or while its best bisection is a natural seam (conductance at most
//! `natural` with both sides at least `min_side`). Parts whose union stays under the limit and
//! that are strongly connected (conductance above `natural`) are merged back afterwards.

mod bisect;
mod fm;
mod spectral;
#[cfg(test)]
mod tests;

pub use bisect::{bisect, Bisection};

/// A weighted undirected graph with node sizes. `adj` is symmetric.
#[derive(Debug, Clone, Default)]
pub struct Graph {
    pub size: Vec<f64>,
    pub adj: Vec<Vec<(usize, f64)>>,
}

impl Graph {
    /// A graph of `n` nodes with the given sizes and no edges.
    pub fn new(size: Vec<f64>) -> Graph {
        let n = size.len();
        Graph {
            size,
            adj: vec![Vec::new(); n],
        }
    }

    /// Adds `w` to the edge between `a` and `b` (both directions).
    pub fn add(&mut self, a: usize, b: usize, w: f64) {
        if a == b || w <= 0.0 || !w.is_finite() {
            return;
        }
        for (x, y) in [(a, b), (b, a)] {
            if let Some(list) = self.adj.get_mut(x) {
                match list.iter_mut().find(|(t, _)| *t == y) {
                    Some(e) => e.1 += w,
                    None => list.push((y, w)),
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.size.len()
    }

    pub fn is_empty(&self) -> bool {
        self.size.is_empty()
    }

    /// Sum of sizes over `nodes`.
    pub fn size_of(&self, nodes: &[usize]) -> f64 {
        nodes.iter().filter_map(|&i| self.size.get(i)).sum()
    }

    /// Total weight of edges between `a` and `b` (disjoint node sets).
    pub fn between(&self, a: &[usize], b: &[usize]) -> f64 {
        let mut in_b = vec![false; self.len()];
        for &x in b {
            if let Some(f) = in_b.get_mut(x) {
                *f = true;
            }
        }
        a.iter()
            .filter_map(|&x| self.adj.get(x))
            .flatten()
            .filter(|(y, _)| in_b.get(*y).copied().unwrap_or(false))
            .map(|(_, w)| w)
            .sum()
    }

    /// Weighted degree summed over `nodes` (edges to anywhere).
    pub fn volume(&self, nodes: &[usize]) -> f64 {
        nodes
            .iter()
            .filter_map(|&x| self.adj.get(x))
            .flatten()
            .map(|(_, w)| w)
            .sum()
    }
}

/// How to partition.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Every part must end strictly below this size (when it has more than one node).
    pub limit: f64,
    /// Size each part carries on top of its nodes (header, imports).
    pub overhead: f64,
    /// Conductance at or below which a bisection is a natural seam.
    pub natural: f64,
    /// Both sides of a natural seam must be at least this big.
    pub min_side: f64,
}

/// Partitions the nodes `0..graph.len()`; returns the parts (each sorted, in order of their first
/// node). `evidence` is the same graph without the edges that carry no evidence of belonging
/// together (file adjacency): natural seams and merges are judged on it, so that a run of
/// unrelated items held together by adjacency alone is neither split nor merged for it.
pub fn partition(graph: &Graph, evidence: &Graph, s: &Settings) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..graph.len()).collect();
    if all.is_empty() {
        return Vec::new();
    }
    let mut stack = vec![all];
    let mut done = Vec::new();
    while let Some(part) = stack.pop() {
        if part.len() < 2 {
            done.push(part);
            continue;
        }
        let size = graph.size_of(&part) + s.overhead;
        let over = size >= s.limit;
        let Some(b) = bisect(graph, &part) else {
            done.push(part);
            continue;
        };
        let natural = !over
            && graph.size_of(&b.a) >= s.min_side
            && graph.size_of(&b.b) >= s.min_side
            && seam(evidence, &b.a, &b.b) <= s.natural;
        if std::env::var_os("SEAMLINE_DEBUG_PARTITION").is_some() {
            eprintln!(
                "bisect {:?} size {:.0} -> A {:?} ({:.0}) B {:?} ({:.0}) cut {:.3} phi {:.3} seam {:.3} over {over}",
                part.len(), size, b.a.len(), graph.size_of(&b.a), b.b.len(), graph.size_of(&b.b), b.cut, b.conductance, seam(evidence, &b.a, &b.b)
            );
        }
        if over || natural {
            stack.push(b.a);
            stack.push(b.b);
        } else {
            done.push(part);
        }
    }
    merge(evidence, s, &mut done);
    for p in &mut done {
        p.sort_unstable();
    }
    done.sort_by_key(|p| p.first().copied().unwrap_or(usize::MAX));
    done
}

/// Conductance of the cut between `a` and `b` on the evidence graph, volumes counted inside
/// `a ∪ b`; infinite when a side has no evidence edge inside the part (nothing says it is a unit).
pub fn seam(evidence: &Graph, a: &[usize], b: &[usize]) -> f64 {
    let cut = evidence.between(a, b);
    let inner = |x: &[usize]| evidence.between(x, x) / 2.0;
    let (ia, ib) = (inner(a), inner(b));
    if ia <= 0.0 || ib <= 0.0 {
        return f64::INFINITY;
    }
    cut / (cut + ia.min(ib))
}

/// Merges pairs of parts that fit together under the limit and are strongly connected, the
/// strongest pair first, until no pair qualifies.
fn merge(graph: &Graph, s: &Settings, parts: &mut Vec<Vec<usize>>) {
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for i in 0..parts.len() {
            for j in i + 1..parts.len() {
                let (Some(a), Some(b)) = (parts.get(i), parts.get(j)) else {
                    continue;
                };
                if graph.size_of(a) + graph.size_of(b) + s.overhead >= s.limit {
                    continue;
                }
                let w = graph.between(a, b);
                let vol = graph.volume(a).min(graph.volume(b));
                if w <= 0.0 || vol <= 0.0 {
                    continue;
                }
                let strength = w / vol;
                if strength > s.natural && best.is_none_or(|(bs, _, _)| strength > bs) {
                    best = Some((strength, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { return };
        let b = parts.swap_remove(j);
        if let Some(a) = parts.get_mut(i) {
            a.extend(b);
        }
    }
}
