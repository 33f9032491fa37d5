//! The geometry of the middle-snake search in [`super::myers`]: the box being compared, the
//! diagonals each direction has reached, and where a box is split. Kept apart so that the search
//! itself reads as xdiff's loop and nothing else.

use super::myers::SNAKE_CNT;

/// Where a box is split, and whether each half must be searched minimally.
pub(super) struct Split {
    pub i1: i64,
    pub i2: i64,
    pub min_lo: bool,
    pub min_hi: bool,
}

impl Split {
    /// A split where the forward and backward paths met: both halves stay minimal.
    pub fn met(i1: i64, i2: i64) -> Split {
        Split {
            i1,
            i2,
            min_lo: true,
            min_hi: true,
        }
    }
}

/// A box of the edit graph: records `off1..lim1` of the first sequence against `off2..lim2`
/// of the second.
#[derive(Clone, Copy)]
pub(super) struct Area {
    pub off1: i64,
    pub lim1: i64,
    pub off2: i64,
    pub lim2: i64,
}

impl Area {
    /// The lower-left part of the box, up to the split point.
    pub fn below(&self, s: &Split) -> Area {
        Area {
            lim1: s.i1,
            lim2: s.i2,
            ..*self
        }
    }

    /// The upper-right part of the box, from the split point.
    pub fn above(&self, s: &Split) -> Area {
        Area {
            off1: s.i1,
            off2: s.i2,
            ..*self
        }
    }

    /// Whether a forward snake ending at `(i1, i2)` leaves room for a good run behind it.
    pub fn room_forward(&self, i1: i64, i2: i64) -> bool {
        self.off1 + SNAKE_CNT <= i1
            && i1 < self.lim1
            && self.off2 + SNAKE_CNT <= i2
            && i2 < self.lim2
    }

    /// Whether a backward snake starting at `(i1, i2)` leaves room for a good run after it.
    pub fn room_backward(&self, i1: i64, i2: i64) -> bool {
        self.off1 < i1
            && i1 <= self.lim1 - SNAKE_CNT
            && self.off2 < i2
            && i2 <= self.lim2 - SNAKE_CNT
    }
}

/// The diagonals one direction of the search has reached, around its middle one.
pub(super) struct Diags {
    pub min: i64,
    pub max: i64,
    pub mid: i64,
}

impl Diags {
    pub fn at(mid: i64) -> Diags {
        Diags {
            min: mid,
            max: mid,
            mid,
        }
    }

    /// Grows the range by one edit within `dmin..=dmax`; returns the diagonals just outside it,
    /// whose entries must be reset.
    pub fn widen(&mut self, dmin: i64, dmax: i64) -> impl Iterator<Item = i64> {
        let mut reset = [None, None];
        if self.min > dmin {
            self.min -= 1;
            reset[0] = Some(self.min - 1);
        } else {
            self.min += 1;
        }
        if self.max < dmax {
            self.max += 1;
            reset[1] = Some(self.max + 1);
        } else {
            self.max -= 1;
        }
        reset.into_iter().flatten()
    }

    pub fn holds(&self, d: i64) -> bool {
        self.min <= d && d <= self.max
    }

    /// Every other diagonal, from the highest down (xdiff's order).
    pub fn each(&self) -> impl Iterator<Item = i64> {
        (self.min..=self.max).rev().step_by(2)
    }
}

/// The state of one middle-snake search (`xdl_split`'s locals).
pub(super) struct Search {
    pub area: Area,
    pub fw: Diags,
    pub bw: Diags,
    pub dmin: i64,
    pub dmax: i64,
    pub odd: bool,
    pub need_min: bool,
    /// Edit cost so far.
    pub ec: i64,
}
