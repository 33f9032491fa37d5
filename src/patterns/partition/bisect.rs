//! One bisection: best prefix split of the source order and of the spectral order, each refined
//! by Fiduccia–Mattheyses, the better kept.

use super::{fm, spectral, Graph};

/// The two sides of a bisection and its quality.
#[derive(Debug, Clone)]
pub struct Bisection {
    pub a: Vec<usize>,
    pub b: Vec<usize>,
    /// Weight of the edges between the sides.
    pub cut: f64,
    /// cut / min(volume of a, volume of b), with volumes counted inside the part (0 when the
    /// sides are unconnected; 1 when there is no edge at all).
    pub conductance: f64,
}

/// The part's subgraph in local indices.
pub struct Local {
    pub nodes: Vec<usize>,
    pub size: Vec<f64>,
    pub adj: Vec<Vec<(usize, f64)>>,
}

impl Local {
    fn of(graph: &Graph, part: &[usize]) -> Local {
        let mut index = std::collections::HashMap::with_capacity(part.len());
        for (i, &n) in part.iter().enumerate() {
            index.insert(n, i);
        }
        let adj = part
            .iter()
            .map(|&n| {
                graph
                    .adj
                    .get(n)
                    .map(|list| {
                        list.iter()
                            .filter_map(|(t, w)| index.get(t).map(|&i| (i, *w)))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect();
        Local {
            nodes: part.to_vec(),
            size: part
                .iter()
                .map(|&n| graph.size.get(n).copied().unwrap_or(0.0))
                .collect(),
            adj,
        }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }
}

/// Ratio-cut objective: cut × (1/size A + 1/size B); infinite when a side is empty.
pub fn objective(cut: f64, size_a: f64, size_b: f64) -> f64 {
    if size_a <= 0.0 || size_b <= 0.0 {
        return f64::INFINITY;
    }
    cut * (1.0 / size_a + 1.0 / size_b)
}

/// The best prefix split of `order` (local indices) by the objective.
fn sweep(g: &Local, order: &[usize]) -> Vec<bool> {
    let n = g.len();
    let total: f64 = g.size.iter().sum();
    let mut in_a = vec![false; n];
    let (mut cut, mut size_a) = (0.0f64, 0.0f64);
    let mut best = (f64::INFINITY, 0usize);
    for (k, &v) in order.iter().enumerate().take(n.saturating_sub(1)) {
        for &(u, w) in g.adj.get(v).map(Vec::as_slice).unwrap_or(&[]) {
            if in_a.get(u).copied().unwrap_or(false) {
                cut -= w;
            } else {
                cut += w;
            }
        }
        if let Some(f) = in_a.get_mut(v) {
            *f = true;
        }
        size_a += g.size.get(v).copied().unwrap_or(0.0);
        let obj = objective(cut.max(0.0), size_a, total - size_a);
        if obj < best.0 - 1e-12 {
            best = (obj, k + 1);
        }
    }
    let mut side = vec![false; n];
    for &v in order.iter().take(best.1.max(1)) {
        if let Some(s) = side.get_mut(v) {
            *s = true;
        }
    }
    side
}

/// Bisects `part` (global node ids, in source order); `None` for fewer than two nodes.
pub fn bisect(graph: &Graph, part: &[usize]) -> Option<Bisection> {
    if part.len() < 2 {
        return None;
    }
    let g = Local::of(graph, part);
    let source: Vec<usize> = (0..g.len()).collect();
    let mut best: Option<(f64, Vec<bool>)> = None;
    let mut orders = vec![source];
    if let Some(spec) = spectral::order(&g) {
        orders.push(spec);
    }
    for order in orders {
        let mut side = sweep(&g, &order);
        fm::refine(&g, &mut side);
        let (cut, sa, sb) = fm::measure(&g, &side);
        let obj = objective(cut, sa, sb);
        if best.as_ref().is_none_or(|(b, _)| obj < *b - 1e-12) {
            best = Some((obj, side));
        }
    }
    let (_, side) = best?;
    let (cut, _, _) = fm::measure(&g, &side);
    let mut a = Vec::new();
    let mut b = Vec::new();
    let (mut vol_a, mut vol_b) = (0.0, 0.0);
    for (i, &s) in side.iter().enumerate() {
        let vol: f64 = g
            .adj
            .get(i)
            .map(|l| l.iter().map(|(_, w)| w).sum())
            .unwrap_or(0.0);
        let node = g.nodes.get(i).copied().unwrap_or(0);
        if s {
            a.push(node);
            vol_a += vol;
        } else {
            b.push(node);
            vol_b += vol;
        }
    }
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let min_vol: f64 = f64::min(vol_a, vol_b);
    let conductance = if min_vol > 0.0 {
        cut / min_vol
    } else if cut > 0.0 {
        1.0
    } else {
        0.0
    };
    Some(Bisection {
        a,
        b,
        cut,
        conductance,
    })
}
