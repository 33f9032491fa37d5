//! The divide-and-conquer middle-snake search of xdiff (`xdl_recs_cmp`, `xdl_split`), ported
//! line for line so that its heuristics cut exactly where xdiff's do: a good snake of more than
//! 20 records after an edit cost of 256 lets it take a sub-optimal split, and past
//! `max(sqrt-ish(N), 256)` it takes the furthest-reaching path. Recursion is replaced by an
//! explicit stack (the boxes are independent), so no input can exhaust the call stack.

pub(super) const SNAKE_CNT: i64 = 20;
const HEUR_MIN_COST: i64 = 256;
const MAX_COST_MIN: i64 = 256;
const K_HEUR: i64 = 4;
const LINE_MAX: i64 = i64::MAX;

use std::ops::ControlFlow::{self, Break, Continue};

use super::edit_box::{Area, Diags, Search, Split};

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
        let whole = Area {
            off1: 0,
            lim1: self.ha1.len() as i64,
            off2: 0,
            lim2: self.ha2.len() as i64,
        };
        let mut stack = vec![(whole, false)];
        while let Some((area, need_min)) = stack.pop() {
            let a = self.trim(area);
            if a.off1 == a.lim1 {
                (a.off2..a.lim2).for_each(|k| mark(2, k as usize));
            } else if a.off2 == a.lim2 {
                (a.off1..a.lim1).for_each(|k| mark(1, k as usize));
            } else {
                let s = self.split(a, need_min);
                stack.push((a.above(&s), s.min_hi));
                stack.push((a.below(&s), s.min_lo));
            }
        }
    }

    /// The box without its common head and tail.
    fn trim(&self, mut a: Area) -> Area {
        while a.off1 < a.lim1 && a.off2 < a.lim2 && self.eq(a.off1, a.off2) {
            a.off1 += 1;
            a.off2 += 1;
        }
        while a.off1 < a.lim1 && a.off2 < a.lim2 && self.eq(a.lim1 - 1, a.lim2 - 1) {
            a.lim1 -= 1;
            a.lim2 -= 1;
        }
        a
    }

    fn split(&mut self, area: Area, need_min: bool) -> Split {
        let (fmid, bmid) = (area.off1 - area.off2, area.lim1 - area.lim2);
        let mut s = Search {
            area,
            fw: Diags::at(fmid),
            bw: Diags::at(bmid),
            dmin: area.off1 - area.lim2,
            dmax: area.lim1 - area.off2,
            odd: (fmid - bmid) & 1 != 0,
            need_min,
            ec: 0,
        };
        self.set_f(fmid, area.off1);
        self.set_b(bmid, area.lim1);
        loop {
            if let Break(split) = self.step(&mut s) {
                return split;
            }
        }
    }

    /// One more edit of cost: extends both paths, then applies xdiff's heuristics.
    fn step(&mut self, s: &mut Search) -> ControlFlow<Split> {
        s.ec += 1;
        for d in s.fw.widen(s.dmin, s.dmax) {
            self.set_f(d, -1);
        }
        let fsnake = self.forward_pass(&s.area, &s.fw, s.odd.then_some(&s.bw))?;
        for d in s.bw.widen(s.dmin, s.dmax) {
            self.set_b(d, LINE_MAX);
        }
        let bsnake = self.backward_pass(&s.area, &s.bw, (!s.odd).then_some(&s.fw))?;
        if s.need_min {
            return Continue(());
        }
        if (fsnake || bsnake) && s.ec > HEUR_MIN_COST {
            if let Some(split) = self.forward_snake(s).or_else(|| self.backward_snake(s)) {
                return Break(split);
            }
        }
        if s.ec >= self.mxcost {
            return Break(self.furthest(s));
        }
        Continue(())
    }

    /// Extends the forward path on every diagonal of `fw`; breaks where it meets the backward
    /// path (`bw`, when the parity lets them meet), else tells whether it found a long snake.
    fn forward_pass(
        &mut self,
        a: &Area,
        fw: &Diags,
        bw: Option<&Diags>,
    ) -> ControlFlow<Split, bool> {
        let mut got_snake = false;
        for d in fw.each() {
            let mut i1 = if self.f(d - 1) >= self.f(d + 1) {
                self.f(d - 1) + 1
            } else {
                self.f(d + 1)
            };
            let prev1 = i1;
            let mut i2 = i1 - d;
            while i1 < a.lim1 && i2 < a.lim2 && self.eq(i1, i2) {
                i1 += 1;
                i2 += 1;
            }
            got_snake |= i1 - prev1 > SNAKE_CNT;
            self.set_f(d, i1);
            if bw.is_some_and(|bw| bw.holds(d)) && self.b(d) <= i1 {
                return Break(Split::met(i1, i2));
            }
        }
        Continue(got_snake)
    }

    /// The backward counterpart of [`Myers::forward_pass`].
    fn backward_pass(
        &mut self,
        a: &Area,
        bw: &Diags,
        fw: Option<&Diags>,
    ) -> ControlFlow<Split, bool> {
        let mut got_snake = false;
        for d in bw.each() {
            let mut i1 = if self.b(d - 1) < self.b(d + 1) {
                self.b(d - 1)
            } else {
                self.b(d + 1) - 1
            };
            let prev1 = i1;
            let mut i2 = i1 - d;
            while i1 > a.off1 && i2 > a.off2 && self.eq(i1 - 1, i2 - 1) {
                i1 -= 1;
                i2 -= 1;
            }
            got_snake |= prev1 - i1 > SNAKE_CNT;
            self.set_b(d, i1);
            if fw.is_some_and(|fw| fw.holds(d)) && i1 <= self.f(d) {
                return Break(Split::met(i1, i2));
            }
        }
        Continue(got_snake)
    }

    /// The best forward path that ends with a run of `SNAKE_CNT` equal records, if any.
    fn forward_snake(&self, s: &Search) -> Option<Split> {
        let a = &s.area;
        let mut best = 0;
        let mut at = (0, 0);
        for d in s.fw.each() {
            let i1 = self.f(d);
            let i2 = i1 - d;
            let v = (i1 - a.off1) + (i2 - a.off2) - (d - s.fw.mid).abs();
            if v > K_HEUR * s.ec
                && v > best
                && a.room_forward(i1, i2)
                && (1..=SNAKE_CNT).all(|k| self.eq(i1 - k, i2 - k))
            {
                best = v;
                at = (i1, i2);
            }
        }
        (best > 0).then_some(Split {
            i1: at.0,
            i2: at.1,
            min_lo: true,
            min_hi: false,
        })
    }

    /// The best backward path that starts with a run of `SNAKE_CNT` equal records, if any.
    fn backward_snake(&self, s: &Search) -> Option<Split> {
        let a = &s.area;
        let mut best = 0;
        let mut at = (0, 0);
        for d in s.bw.each() {
            let i1 = self.b(d);
            let i2 = i1 - d;
            let v = (a.lim1 - i1) + (a.lim2 - i2) - (d - s.bw.mid).abs();
            if v > K_HEUR * s.ec
                && v > best
                && a.room_backward(i1, i2)
                && (0..SNAKE_CNT).all(|k| self.eq(i1 + k, i2 + k))
            {
                best = v;
                at = (i1, i2);
            }
        }
        (best > 0).then_some(Split {
            i1: at.0,
            i2: at.1,
            min_lo: false,
            min_hi: true,
        })
    }

    /// Past the cost limit: the furthest-reaching forward or backward path.
    fn furthest(&self, s: &Search) -> Split {
        let a = &s.area;
        let (fbest, fbest1) = self.furthest_forward(s);
        let (bbest, bbest1) = self.furthest_backward(s);
        if (a.lim1 + a.lim2).saturating_sub(bbest) < fbest - (a.off1 + a.off2) {
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

    /// The forward path reaching furthest (`i1 + i2`), clipped to the box, and its `i1`.
    fn furthest_forward(&self, s: &Search) -> (i64, i64) {
        let (mut fbest, mut fbest1) = (-1i64, -1i64);
        for d in s.fw.each() {
            let mut i1 = self.f(d).min(s.area.lim1);
            let mut i2 = i1 - d;
            if s.area.lim2 < i2 {
                i1 = s.area.lim2 + d;
                i2 = s.area.lim2;
            }
            if fbest < i1 + i2 {
                fbest = i1 + i2;
                fbest1 = i1;
            }
        }
        (fbest, fbest1)
    }

    /// The backward path reaching furthest back, clipped to the box, and its `i1`.
    fn furthest_backward(&self, s: &Search) -> (i64, i64) {
        let (mut bbest, mut bbest1) = (LINE_MAX, LINE_MAX);
        for d in s.bw.each() {
            let mut i1 = s.area.off1.max(self.b(d));
            let mut i2 = i1 - d;
            if i2 < s.area.off2 {
                i1 = s.area.off2 + d;
                i2 = s.area.off2;
            }
            if i1 + i2 < bbest {
                bbest = i1 + i2;
                bbest1 = i1;
            }
        }
        (bbest, bbest1)
    }
}
