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
    if g.len() < 2 {
        return;
    }
    for _ in 0..MAX_PASSES {
        if !pass(g, side) {
            return;
        }
    }
}

/// One pass: moves every node at most once, then undoes the moves after the best prefix.
/// True when the pass improved the objective.
fn pass(g: &Local, side: &mut [bool]) -> bool {
    let mut state = PassState::start(g, side);
    let mut best = (objective(state.cut, state.sa, state.sb), 0usize);
    let mut moves = Vec::new();
    for _ in 0..g.len() {
        let Some((obj, v)) = state.pick(g, side) else {
            break;
        };
        state.apply(g, side, v);
        moves.push(v);
        if obj < best.0 - 1e-12 {
            best = (obj, moves.len());
        }
    }
    for &v in moves.iter().skip(best.1).rev() {
        flip(g, side, &mut state.gain, v);
    }
    best.1 > 0
}

/// What a pass tracks as nodes move: the cut, both side sizes, how many nodes are on side A,
/// each node's gain (how much the cut drops if it changes side) and which nodes have moved.
struct PassState {
    cut: f64,
    sa: f64,
    sb: f64,
    count_a: usize,
    gain: Vec<f64>,
    locked: Vec<bool>,
}

impl PassState {
    fn start(g: &Local, side: &[bool]) -> PassState {
        let n = g.len();
        let (cut, sa, sb) = measure(g, side);
        let gain = (0..n).map(|v| initial_gain(g, side, v)).collect();
        PassState {
            cut,
            sa,
            sb,
            count_a: side.iter().filter(|s| **s).count(),
            gain,
            locked: vec![false; n],
        }
    }

    /// The objective after moving `v`; `None` when `v` has moved or is alone on its side.
    fn after_move(&self, g: &Local, side: &[bool], v: usize) -> Option<f64> {
        if self.locked.get(v).copied().unwrap_or(true) {
            return None;
        }
        let from_a = side.get(v).copied().unwrap_or(false);
        let alone = if from_a {
            self.count_a == 1
        } else {
            g.len() - self.count_a == 1
        };
        if alone {
            return None;
        }
        let size = g.size.get(v).copied().unwrap_or(0.0);
        let (na, nb) = if from_a {
            (self.sa - size, self.sb + size)
        } else {
            (self.sa + size, self.sb - size)
        };
        let cut = (self.cut - self.gain.get(v).copied().unwrap_or(0.0)).max(0.0);
        Some(objective(cut, na, nb))
    }

    /// The best move (objective after it, node), the first of equals.
    fn pick(&self, g: &Local, side: &[bool]) -> Option<(f64, usize)> {
        let mut pick: Option<(f64, usize)> = None;
        for v in 0..g.len() {
            let Some(obj) = self.after_move(g, side, v) else {
                continue;
            };
            if pick.is_none_or(|(o, _)| obj < o - 1e-12) {
                pick = Some((obj, v));
            }
        }
        pick
    }

    /// Moves `v` to the other side and locks it.
    fn apply(&mut self, g: &Local, side: &mut [bool], v: usize) {
        let from_a = side.get(v).copied().unwrap_or(false);
        let size = g.size.get(v).copied().unwrap_or(0.0);
        self.cut = (self.cut - self.gain.get(v).copied().unwrap_or(0.0)).max(0.0);
        if from_a {
            self.sa -= size;
            self.sb += size;
            self.count_a -= 1;
        } else {
            self.sa += size;
            self.sb -= size;
            self.count_a += 1;
        }
        flip(g, side, &mut self.gain, v);
        if let Some(l) = self.locked.get_mut(v) {
            *l = true;
        }
    }
}

/// How much the cut drops if `v` changes side.
fn initial_gain(g: &Local, side: &[bool], v: usize) -> f64 {
    let edges = g.adj.get(v).map(Vec::as_slice).unwrap_or(&[]);
    edges.iter().fold(0.0, |acc, &(u, w)| {
        if side.get(u) == side.get(v) {
            acc - w
        } else {
            acc + w
        }
    })
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
