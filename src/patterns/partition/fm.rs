//! Fiduccia–Mattheyses refinement of a bisection under the ratio-cut objective: passes of
//! single-node moves, each pass moving every node at most once (the best move first, even when
//! it makes things worse, to climb out of local minima) and keeping the best prefix of moves.

use super::bisect::{objective, Local};

const MAX_PASSES: usize = 12;

/// Cut weight and the sizes of both sides.
pub fn measure(g: &Local, side: &[bool]) -> (f64, f64, f64) {
    let mut cut = 0.0;
    let (mut sa, mut sb) = (0.0, 0.0);
    for (v, &s) in side.iter().enumerate() {
        let size = g.size.get(v).copied().unwrap_or(0.0);
        if s {
            sa += size;
        } else {
            sb += size;
        }
        for &(u, w) in g.adj.get(v).map(Vec::as_slice).unwrap_or(&[]) {
            if u > v && side.get(u).copied() != Some(s) {
                cut += w;
            }
        }
    }
    (cut, sa, sb)
}

/// Refines `side` in place (true = side A). Never leaves a side empty.
pub fn refine(g: &Local, side: &mut [bool]) {
    let n = g.len();
    if n < 2 {
        return;
    }
    for _ in 0..MAX_PASSES {
        let (mut cut, mut sa, mut sb) = measure(g, side);
        let mut count_a = side.iter().filter(|s| **s).count();
        // gain[v]: how much the cut drops if v changes side.
        let mut gain: Vec<f64> =
            (0..n)
                .map(|v| {
                    g.adj.get(v).map(Vec::as_slice).unwrap_or(&[]).iter().fold(
                        0.0,
                        |acc, &(u, w)| {
                            if side.get(u) == side.get(v) {
                                acc - w
                            } else {
                                acc + w
                            }
                        },
                    )
                })
                .collect();
        let mut locked = vec![false; n];
        let start = objective(cut, sa, sb);
        let mut best = (start, 0usize);
        let mut moves = Vec::new();
        for _ in 0..n {
            let mut pick: Option<(f64, usize)> = None;
            for v in 0..n {
                if locked.get(v).copied().unwrap_or(true) {
                    continue;
                }
                let from_a = side.get(v).copied().unwrap_or(false);
                if (from_a && count_a == 1) || (!from_a && n - count_a == 1) {
                    continue;
                }
                let size = g.size.get(v).copied().unwrap_or(0.0);
                let (na, nb) = if from_a {
                    (sa - size, sb + size)
                } else {
                    (sa + size, sb - size)
                };
                let obj = objective((cut - gain.get(v).copied().unwrap_or(0.0)).max(0.0), na, nb);
                if pick.is_none_or(|(o, _)| obj < o - 1e-12) {
                    pick = Some((obj, v));
                }
            }
            let Some((obj, v)) = pick else { break };
            let from_a = side.get(v).copied().unwrap_or(false);
            let size = g.size.get(v).copied().unwrap_or(0.0);
            cut = (cut - gain.get(v).copied().unwrap_or(0.0)).max(0.0);
            if from_a {
                sa -= size;
                sb += size;
                count_a -= 1;
            } else {
                sa += size;
                sb -= size;
                count_a += 1;
            }
            flip(g, side, &mut gain, v);
            if let Some(l) = locked.get_mut(v) {
                *l = true;
            }
            moves.push(v);
            if obj < best.0 - 1e-12 {
                best = (obj, moves.len());
            }
        }
        for &v in moves.iter().skip(best.1).rev() {
            flip(g, side, &mut gain, v);
        }
        if best.1 == 0 {
            return;
        }
    }
}

fn flip(g: &Local, side: &mut [bool], gain: &mut [f64], v: usize) {
    let Some(s) = side.get_mut(v) else { return };
    *s = !*s;
    let now = *s;
    if let Some(gv) = gain.get_mut(v) {
        *gv = -*gv;
    }
    for &(u, w) in g.adj.get(v).map(Vec::as_slice).unwrap_or(&[]) {
        let same = side.get(u).copied() == Some(now);
        if let Some(gu) = gain.get_mut(u) {
            // u and v were on opposite sides if now the same, and vice versa.
            if same {
                *gu -= 2.0 * w;
            } else {
                *gu += 2.0 * w;
            }
        }
    }
}
