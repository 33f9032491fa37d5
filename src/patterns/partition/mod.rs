//! Graph partitioning: recursive bisection of a weighted, sized graph, minimising the weight of
//! the edges cut, with the number of parts chosen by modularity under a size limit.
//!
//! Each bisection (`bisect`) starts from two orderings of the nodes — their source order and the
//! spectral order of the Fiedler vector of the normalised Laplacian (`spectral`) — takes the best
//! prefix split of each by ratio cut (cut × (1/size A + 1/size B)), refines both with
//! Fiduccia–Mattheyses moves (`fm`), and keeps the better. `partition` builds the bisection tree
//! and picks the cut through it with the highest modularity (every part over the limit split),
//! then merges parts while modularity rises and the union fits.

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
    /// Modularity resolution: above 1 favours more, smaller parts; below 1 fewer, larger ones.
    pub resolution: f64,
    /// Parts are not split below this size unless the limit forces it.
    pub min_side: f64,
}

/// A node of the bisection tree.
struct Split {
    part: Vec<usize>,
    children: Option<(Box<Split>, Box<Split>)>,
}

/// Deepest bisection tree built (parts halve at least every few levels in practice).
const MAX_DEPTH: usize = 24;

/// Partitions the nodes `0..graph.len()`; returns the parts (each sorted, in order of their first
/// node).
///
/// The graph is bisected recursively (see `bisect`) down to parts of about `min_side`; then the
/// cut through that tree with the highest modularity on `evidence` is chosen, every part over
/// the limit being split whatever it costs; last, parts whose union fits are merged while that
/// raises modularity. `evidence` is the same graph without the edges that carry no evidence of
/// belonging together (file adjacency), so that a run of unrelated items held together by
/// adjacency alone is neither split nor merged for it.
pub fn partition(graph: &Graph, evidence: &Graph, s: &Settings) -> Vec<Vec<usize>> {
    let all: Vec<usize> = (0..graph.len()).collect();
    if all.is_empty() {
        return Vec::new();
    }
    let tree = build(graph, s, all, 0);
    let q = Modularity::new(evidence, s.resolution);
    let (_, mut done) = best(&tree, graph, &q, s);
    merge(graph, &q, s, &mut done);
    for p in &mut done {
        p.sort_unstable();
    }
    done.sort_by_key(|p| p.first().copied().unwrap_or(usize::MAX));
    done
}

fn build(graph: &Graph, s: &Settings, part: Vec<usize>, depth: usize) -> Split {
    let size = graph.size_of(&part);
    let over = size + s.overhead >= s.limit;
    let worth = size >= 2.0 * s.min_side;
    if part.len() < 2 || depth >= MAX_DEPTH || !(over || worth) {
        return Split {
            part,
            children: None,
        };
    }
    let children = bisect(graph, &part).map(|b| {
        (
            Box::new(build(graph, s, b.a, depth + 1)),
            Box::new(build(graph, s, b.b, depth + 1)),
        )
    });
    Split { part, children }
}

/// The best cut through the tree: (modularity, parts).
fn best(node: &Split, graph: &Graph, q: &Modularity, s: &Settings) -> (f64, Vec<Vec<usize>>) {
    let own = q.of(&node.part);
    let Some((a, b)) = &node.children else {
        return (own, vec![node.part.clone()]);
    };
    let (qa, mut pa) = best(a, graph, q, s);
    let (qb, pb) = best(b, graph, q, s);
    let over = graph.size_of(&node.part) + s.overhead >= s.limit;
    let small = graph.size_of(&a.part) < s.min_side || graph.size_of(&b.part) < s.min_side;
    if over || (qa + qb > own + 1e-9 && !small) {
        pa.extend(pb);
        (qa + qb, pa)
    } else {
        (own, vec![node.part.clone()])
    }
}

/// Newman modularity on a weighted graph, with a resolution: the share of the edge weight inside
/// each part, less the share expected from the parts' degrees.
pub struct Modularity<'g> {
    graph: &'g Graph,
    degree: Vec<f64>,
    /// Total edge weight (each edge once).
    m: f64,
    gamma: f64,
}

impl<'g> Modularity<'g> {
    pub fn new(graph: &'g Graph, gamma: f64) -> Self {
        let degree: Vec<f64> = graph
            .adj
            .iter()
            .map(|l| l.iter().map(|(_, w)| w).sum())
            .collect();
        let m = degree.iter().sum::<f64>() / 2.0;
        Modularity {
            graph,
            degree,
            m,
            gamma,
        }
    }

    /// The part's term: L/m − γ (d / 2m)².
    pub fn of(&self, part: &[usize]) -> f64 {
        if self.m <= 0.0 {
            return 0.0;
        }
        let inner = self.graph.between(part, part) / 2.0;
        let d: f64 = part.iter().filter_map(|&i| self.degree.get(i)).sum();
        inner / self.m - self.gamma * (d / (2.0 * self.m)).powi(2)
    }
}

/// Merges pairs of parts that fit together under the limit while that raises modularity, the
/// best pair first.
fn merge(graph: &Graph, q: &Modularity<'_>, s: &Settings, parts: &mut Vec<Vec<usize>>) {
    while let Some((i, j)) = best_merge(graph, q, s, parts) {
        let b = parts.swap_remove(j);
        if let Some(a) = parts.get_mut(i) {
            a.extend(b);
        }
    }
}

/// The pair of parts (i < j) whose union gains most modularity, if any gains.
fn best_merge(
    graph: &Graph,
    q: &Modularity<'_>,
    s: &Settings,
    parts: &[Vec<usize>],
) -> Option<(usize, usize)> {
    let mut best: Option<(f64, usize, usize)> = None;
    for (i, a) in parts.iter().enumerate() {
        for (j, b) in parts.iter().enumerate().skip(i + 1) {
            let Some(gain) = merge_gain(graph, q, s, a, b) else {
                continue;
            };
            if best.is_none_or(|(g, _, _)| gain > g) {
                best = Some((gain, i, j));
            }
        }
    }
    best.map(|(_, i, j)| (i, j))
}

/// The modularity gained by merging `a` and `b`: `None` when the union would not fit or gains
/// nothing.
fn merge_gain(
    graph: &Graph,
    q: &Modularity<'_>,
    s: &Settings,
    a: &[usize],
    b: &[usize],
) -> Option<f64> {
    if graph.size_of(a) + graph.size_of(b) + s.overhead >= s.limit {
        return None;
    }
    let mut ab = a.to_vec();
    ab.extend(b.iter().copied());
    let gain = q.of(&ab) - q.of(a) - q.of(b);
    (gain > 1e-9).then_some(gain)
}
