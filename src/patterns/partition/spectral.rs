//! The spectral order of a part: its nodes sorted by the Fiedler vector of the normalised
//! Laplacian, found by power iteration on the shifted normalised adjacency with the trivial
//! eigenvector deflated. Nodes with no edge get a tiny self-loop so that every degree is positive.

use super::bisect::Local;

const MAX_ITERATIONS: usize = 400;

/// Node indices sorted by their Fiedler value; `None` when the part has no edge.
pub fn order(g: &Local) -> Option<Vec<usize>> {
    let n = g.len();
    let deg: Vec<f64> = g
        .adj
        .iter()
        .map(|l| l.iter().map(|(_, w)| w).sum::<f64>())
        .collect();
    let total: f64 = deg.iter().sum();
    if n < 3 || total <= 0.0 {
        return None;
    }
    let eps = 1e-3 * total / n as f64;
    let d: Vec<f64> = deg.iter().map(|x| x + eps).collect();
    let sq: Vec<f64> = d.iter().map(|x| x.sqrt()).collect();
    let norm0 = sq.iter().map(|x| x * x).sum::<f64>().sqrt();
    let u0: Vec<f64> = sq.iter().map(|x| x / norm0).collect();
    // Start from source order (centred), a good guess for code.
    let mut x: Vec<f64> = (0..n).map(|i| i as f64 - (n as f64 - 1.0) / 2.0).collect();
    deflate(&mut x, &u0);
    normalise(&mut x)?;
    let op = Operator {
        g,
        d: &d,
        sq: &sq,
        eps,
    };
    for _ in 0..MAX_ITERATIONS {
        let mut y = op.apply(&x);
        deflate(&mut y, &u0);
        normalise(&mut y)?;
        let delta: f64 = y.iter().zip(&x).map(|(a, b)| (a - b).abs()).sum();
        x = y;
        if delta < 1e-7 {
            break;
        }
    }
    let f: Vec<f64> = x.iter().zip(&sq).map(|(xi, si)| xi / si).collect();
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| {
        let fa = f.get(a).copied().unwrap_or(0.0);
        let fb = f.get(b).copied().unwrap_or(0.0);
        fa.total_cmp(&fb).then(a.cmp(&b))
    });
    Some(idx)
}

/// The shifted normalised adjacency `I + D^-1/2 (W + eps I) D^-1/2` of a part.
struct Operator<'a> {
    g: &'a Local,
    /// Degrees with the self-loop added.
    d: &'a [f64],
    /// Their square roots.
    sq: &'a [f64],
    eps: f64,
}

impl Operator<'_> {
    /// y = (I + D^-1/2 (W + eps I) D^-1/2) x
    fn apply(&self, x: &[f64]) -> Vec<f64> {
        let mut y: Vec<f64> = x
            .iter()
            .zip(self.d)
            .map(|(xi, di)| xi + self.eps * xi / di)
            .collect();
        for (i, list) in self.g.adj.iter().enumerate() {
            let (Some(si), Some(yi)) = (self.sq.get(i).copied(), y.get(i).copied()) else {
                continue;
            };
            let acc = self.row(list, si, x);
            if let Some(slot) = y.get_mut(i) {
                *slot = yi + acc;
            }
        }
        y
    }

    /// One row of `D^-1/2 W D^-1/2 x`, for a node with edges `list` and `sqrt(d) = si`.
    fn row(&self, list: &[(usize, f64)], si: f64, x: &[f64]) -> f64 {
        let mut acc = 0.0;
        for &(j, w) in list {
            let (Some(sj), Some(xj)) = (self.sq.get(j), x.get(j)) else {
                continue;
            };
            acc += w * xj / (si * sj);
        }
        acc
    }
}

fn deflate(x: &mut [f64], u: &[f64]) {
    let dot: f64 = x.iter().zip(u).map(|(a, b)| a * b).sum();
    for (xi, ui) in x.iter_mut().zip(u) {
        *xi -= dot * ui;
    }
}

fn normalise(x: &mut [f64]) -> Option<()> {
    let norm = x.iter().map(|v| v * v).sum::<f64>().sqrt();
    if norm <= 1e-300 || !norm.is_finite() {
        return None;
    }
    for v in x.iter_mut() {
        *v /= norm;
    }
    Some(())
}
