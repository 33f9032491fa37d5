//! The divide-and-conquer middle-snake search of xdiff (`xdl_recs_cmp`, `xdl_split`), ported
//! line for line so that its heuristics cut exactly where xdiff's do: a good snake of more than
//! 20 records after an edit cost of 256 lets it take a sub-optimal split, and past
//! `max(sqrt-ish(N), 256)` it takes the furthest-reaching path. Recursion is replaced by an
//! explicit stack (the boxes are independent), so no input can exhaust the call stack.

const SNAKE_CNT: i64 = 20;
const HEUR_MIN_COST: i64 = 256;
const MAX_COST_MIN: i64 = 256;
const K_HEUR: i64 = 4;
const LINE_MAX: i64 = i64::MAX;

/// Where a box is split, and whether each half must be searched minimally.
struct Split {
    i1: i64,
    i2: i64,
    min_lo: bool,
    min_hi: bool,
}

/// One Myers comparison of two sequences of class ids.
pub struct Myers<'a> {
    ha1: &'a [u32],
    ha2: &'a [u32],
    kvdf: Vec<i64>,
    kvdb: Vec<i64>,
    offset: i64,
    mxcost: i64,
}

/// xdiff's integer square-root approximation.
pub fn bogosqrt(mut n: i64) -> i64 {
    let mut i = 1;
    while n > 0 {
        i <<= 1;
        n >>= 2;
    }
    i
}

impl<'a> Myers<'a> {
    pub fn new(ha1: &'a [u32], ha2: &'a [u32]) -> Myers<'a> {
        let ndiags = (ha1.len() + ha2.len() + 3) as i64;
        Myers {
            ha1,
            ha2,
            kvdf: vec![0; ndiags as usize],
            kvdb: vec![0; ndiags as usize],
            offset: ha2.len() as i64 + 1,
            mxcost: bogosqrt(ndiags).max(MAX_COST_MIN),
        }
    }

    fn eq(&self, i1: i64, i2: i64) -> bool {
        match (self.ha1.get(i1 as usize), self.ha2.get(i2 as usize)) {
            (Some(a), Some(b)) => i1 >= 0 && i2 >= 0 && a == b,
            _ => false,
        }
    }

    fn f(&self, d: i64) -> i64 {
        self.kvdf
            .get((d + self.offset) as usize)
            .copied()
            .unwrap_or(-1)
    }

    fn b(&self, d: i64) -> i64 {
        self.kvdb
            .get((d + self.offset) as usize)
            .copied()
            .unwrap_or(LINE_MAX)
    }

    fn set_f(&mut self, d: i64, v: i64) {
        if let Some(s) = self.kvdf.get_mut((d + self.offset) as usize) {
            *s = v;
        }
    }

    fn set_b(&mut self, d: i64, v: i64) {
        if let Some(s) = self.kvdb.get_mut((d + self.offset) as usize) {
            *s = v;
        }
    }

    /// Marks every changed record: `mark(1, k)` for the k-th record of the first sequence,
    /// `mark(2, k)` for the second.
    pub fn compare(&mut self, mark: &mut dyn FnMut(u8, usize)) {
        let mut stack = vec![(
            0i64,
            self.ha1.len() as i64,
            0i64,
            self.ha2.len() as i64,
            false,
        )];
        while let Some((mut off1, mut lim1, mut off2, mut lim2, need_min)) = stack.pop() {
            while off1 < lim1 && off2 < lim2 && self.eq(off1, off2) {
                off1 += 1;
                off2 += 1;
            }
            while off1 < lim1 && off2 < lim2 && self.eq(lim1 - 1, lim2 - 1) {
                lim1 -= 1;
                lim2 -= 1;
            }
            if off1 == lim1 {
                for k in off2..lim2 {
                    mark(2, k as usize);
                }
            } else if off2 == lim2 {
                for k in off1..lim1 {
                    mark(1, k as usize);
                }
            } else {
                let s = self.split(off1, lim1, off2, lim2, need_min);
                stack.push((s.i1, lim1, s.i2, lim2, s.min_hi));
                stack.push((off1, s.i1, off2, s.i2, s.min_lo));
            }
        }
    }

    fn split(&mut self, off1: i64, lim1: i64, off2: i64, lim2: i64, need_min: bool) -> Split {
        let (dmin, dmax) = (off1 - lim2, lim1 - off2);
        let (fmid, bmid) = (off1 - off2, lim1 - lim2);
        let odd = (fmid - bmid) & 1 != 0;
        let (mut fmin, mut fmax, mut bmin, mut bmax) = (fmid, fmid, bmid, bmid);
        self.set_f(fmid, off1);
        self.set_b(bmid, lim1);
        let mut ec = 0i64;
        loop {
            ec += 1;
            let mut got_snake = false;
            if fmin > dmin {
                fmin -= 1;
                self.set_f(fmin - 1, -1);
            } else {
                fmin += 1;
            }
            if fmax < dmax {
                fmax += 1;
                self.set_f(fmax + 1, -1);
            } else {
                fmax -= 1;
            }
            let mut d = fmax;
            while d >= fmin {
                let mut i1 = if self.f(d - 1) >= self.f(d + 1) {
                    self.f(d - 1) + 1
                } else {
                    self.f(d + 1)
                };
                let prev1 = i1;
                let mut i2 = i1 - d;
                while i1 < lim1 && i2 < lim2 && self.eq(i1, i2) {
                    i1 += 1;
                    i2 += 1;
                }
                if i1 - prev1 > SNAKE_CNT {
                    got_snake = true;
                }
                self.set_f(d, i1);
                if odd && bmin <= d && d <= bmax && self.b(d) <= i1 {
                    return Split {
                        i1,
                        i2,
                        min_lo: true,
                        min_hi: true,
                    };
                }
                d -= 2;
            }
            if bmin > dmin {
                bmin -= 1;
                self.set_b(bmin - 1, LINE_MAX);
            } else {
                bmin += 1;
            }
            if bmax < dmax {
                bmax += 1;
                self.set_b(bmax + 1, LINE_MAX);
            } else {
                bmax -= 1;
            }
            let mut d = bmax;
            while d >= bmin {
                let mut i1 = if self.b(d - 1) < self.b(d + 1) {
                    self.b(d - 1)
                } else {
                    self.b(d + 1) - 1
                };
                let prev1 = i1;
                let mut i2 = i1 - d;
                while i1 > off1 && i2 > off2 && self.eq(i1 - 1, i2 - 1) {
                    i1 -= 1;
                    i2 -= 1;
                }
                if prev1 - i1 > SNAKE_CNT {
                    got_snake = true;
                }
                self.set_b(d, i1);
                if !odd && fmin <= d && d <= fmax && i1 <= self.f(d) {
                    return Split {
                        i1,
                        i2,
                        min_lo: true,
                        min_hi: true,
                    };
                }
                d -= 2;
            }
            if need_min {
                continue;
            }
            if got_snake && ec > HEUR_MIN_COST {
                if let Some(s) = self.forward_snake(off1, lim1, off2, lim2, fmin, fmax, fmid, ec) {
                    return s;
                }
                if let Some(s) = self.backward_snake(off1, lim1, off2, lim2, bmin, bmax, bmid, ec) {
                    return s;
                }
            }
            if ec >= self.mxcost {
                return self.furthest(off1, lim1, off2, lim2, (fmin, fmax), (bmin, bmax));
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn forward_snake(
        &self,
        off1: i64,
        lim1: i64,
        off2: i64,
        lim2: i64,
        fmin: i64,
        fmax: i64,
        fmid: i64,
        ec: i64,
    ) -> Option<Split> {
        let mut best = 0;
        let mut at = (0, 0);
        let mut d = fmax;
        while d >= fmin {
            let dd = if d > fmid { d - fmid } else { fmid - d };
            let i1 = self.f(d);
            let i2 = i1 - d;
            let v = (i1 - off1) + (i2 - off2) - dd;
            if v > K_HEUR * ec
                && v > best
                && off1 + SNAKE_CNT <= i1
                && i1 < lim1
                && off2 + SNAKE_CNT <= i2
                && i2 < lim2
            {
                let mut k = 1;
                while self.eq(i1 - k, i2 - k) {
                    if k == SNAKE_CNT {
                        best = v;
                        at = (i1, i2);
                        break;
                    }
                    k += 1;
                }
            }
            d -= 2;
        }
        (best > 0).then_some(Split {
            i1: at.0,
            i2: at.1,
            min_lo: true,
            min_hi: false,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn backward_snake(
        &self,
        off1: i64,
        lim1: i64,
        off2: i64,
        lim2: i64,
        bmin: i64,
        bmax: i64,
        bmid: i64,
        ec: i64,
    ) -> Option<Split> {
        let mut best = 0;
        let mut at = (0, 0);
        let mut d = bmax;
        while d >= bmin {
            let dd = if d > bmid { d - bmid } else { bmid - d };
            let i1 = self.b(d);
            let i2 = i1 - d;
            let v = (lim1 - i1) + (lim2 - i2) - dd;
            if v > K_HEUR * ec
                && v > best
                && off1 < i1
                && i1 <= lim1 - SNAKE_CNT
                && off2 < i2
                && i2 <= lim2 - SNAKE_CNT
            {
                let mut k = 0;
                while self.eq(i1 + k, i2 + k) {
                    if k == SNAKE_CNT - 1 {
                        best = v;
                        at = (i1, i2);
                        break;
                    }
                    k += 1;
                }
            }
            d -= 2;
        }
        (best > 0).then_some(Split {
            i1: at.0,
            i2: at.1,
            min_lo: false,
            min_hi: true,
        })
    }

    /// Past the cost limit: the furthest-reaching forward or backward path.
    fn furthest(
        &self,
        off1: i64,
        lim1: i64,
        off2: i64,
        lim2: i64,
        (fmin, fmax): (i64, i64),
        (bmin, bmax): (i64, i64),
    ) -> Split {
        let (mut fbest, mut fbest1) = (-1i64, -1i64);
        let mut d = fmax;
        while d >= fmin {
            let mut i1 = self.f(d).min(lim1);
            let mut i2 = i1 - d;
            if lim2 < i2 {
                i1 = lim2 + d;
                i2 = lim2;
            }
            if fbest < i1 + i2 {
                fbest = i1 + i2;
                fbest1 = i1;
            }
            d -= 2;
        }
        let (mut bbest, mut bbest1) = (LINE_MAX, LINE_MAX);
        let mut d = bmax;
        while d >= bmin {
            let mut i1 = off1.max(self.b(d));
            let mut i2 = i1 - d;
            if i2 < off2 {
                i1 = off2 + d;
                i2 = off2;
            }
            if i1 + i2 < bbest {
                bbest = i1 + i2;
                bbest1 = i1;
            }
            d -= 2;
        }
        if (lim1 + lim2).saturating_sub(bbest) < fbest - (off1 + off2) {
            Split {
                i1: fbest1,
                i2: fbest - fbest1,
                min_lo: true,
                min_hi: false,
            }
        } else {
            Split {
                i1: bbest1,
                i2: bbest - bbest1,
                min_lo: false,
                min_hi: true,
            }
        }
    }
}
