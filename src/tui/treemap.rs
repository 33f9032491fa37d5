//! The squarified treemap of Bruls, Huijsen and van Wijk ("Squarified Treemaps", 2000): items
//! sorted by weight, largest first, are laid out in rows along the shorter side of the
//! remaining rectangle; an item joins the current row while that does not worsen the row's
//! worst aspect ratio, otherwise the row is fixed and a new one starts in what is left.
//! Computed in floating point, then snapped to terminal cells so neighbours share edges and
//! every cell of the area belongs to exactly one item (items too small for a cell get none).

use ratatui::layout::Rect;

/// A laid-out item: its index in the input and its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tile {
    pub index: usize,
    pub rect: Rect,
}

#[derive(Debug, Clone, Copy)]
struct FRect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

/// Lays out `weights` (any non-negative numbers; zero and non-finite weights get no tile) in
/// `area`. Tiles come in layout order (largest first).
pub fn squarify(weights: &[f64], area: Rect) -> Vec<Tile> {
    let mut items: Vec<(usize, f64)> = weights
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, w)| w.is_finite() && *w > 0.0)
        .collect();
    if items.is_empty() || area.width == 0 || area.height == 0 {
        return Vec::new();
    }
    items.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let total: f64 = items.iter().map(|i| i.1).sum();
    let (w, h) = (f64::from(area.width), f64::from(area.height));
    // Terminal cells are about twice as tall as wide: lay out in "square" units so tiles look
    // square on screen, then map back.
    let scale = (w * h * 2.0) / total;
    let scaled: Vec<(usize, f64)> = items.iter().map(|&(i, v)| (i, v * scale)).collect();
    let mut out = Vec::with_capacity(scaled.len());
    let mut free = FRect {
        x: 0.0,
        y: 0.0,
        w,
        h: h * 2.0,
    };
    // The current row as a range of `scaled`, with its running sum, smallest and largest
    // weight, so that trying one more item costs O(1).
    let (mut start, mut row) = (0usize, Stats::default());
    let mut i = 0;
    while let Some(&(_, v)) = scaled.get(i) {
        let side = free.w.min(free.h);
        let with = row.with(v);
        if row.count == 0 || with.worst(side) <= row.worst(side) {
            row = with;
            i += 1;
        } else {
            free = place(scaled.get(start..i).unwrap_or(&[]), row.sum, free, &mut out);
            start = i;
            row = Stats::default();
        }
    }
    if row.count > 0 {
        place(scaled.get(start..).unwrap_or(&[]), row.sum, free, &mut out);
    }
    out.into_iter()
        .filter_map(|(index, r)| snap(r, area).map(|rect| Tile { index, rect }))
        .collect()
}

/// A row's running totals.
#[derive(Debug, Clone, Copy)]
struct Stats {
    count: usize,
    sum: f64,
    min: f64,
    max: f64,
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            count: 0,
            sum: 0.0,
            min: f64::INFINITY,
            max: 0.0,
        }
    }
}

impl Stats {
    fn with(self, v: f64) -> Stats {
        Stats {
            count: self.count + 1,
            sum: self.sum + v,
            min: self.min.min(v),
            max: self.max.max(v),
        }
    }

    /// The worst aspect ratio of the row laid along a side of length `side` (the paper's
    /// `worst`: max(w²·max/s², s²/(w²·min))).
    fn worst(&self, side: f64) -> f64 {
        if self.sum <= 0.0 || side <= 0.0 {
            return f64::INFINITY;
        }
        let (s2, w2) = (self.sum * self.sum, side * side);
        (w2 * self.max / s2).max(s2 / (w2 * self.min))
    }
}

/// Fixes a row along the shorter side of `free`; returns what is left.
fn place(row: &[(usize, f64)], s: f64, free: FRect, out: &mut Vec<(usize, FRect)>) -> FRect {
    if free.w >= free.h {
        place_column(row, s, free, out)
    } else {
        place_row(row, s, free, out)
    }
}

/// `a / b`, or 0 when `b` is not positive.
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        0.0
    }
}

/// A column on the left, as wide as the row's area over the height.
fn place_column(row: &[(usize, f64)], s: f64, free: FRect, out: &mut Vec<(usize, FRect)>) -> FRect {
    let width = ratio(s, free.h);
    let mut y = free.y;
    for &(i, v) in row {
        let h = ratio(v, width);
        out.push((
            i,
            FRect {
                x: free.x,
                y,
                w: width,
                h,
            },
        ));
        y += h;
    }
    FRect {
        x: free.x + width,
        y: free.y,
        w: (free.w - width).max(0.0),
        h: free.h,
    }
}

/// A row along the top, as high as the row's area over the width.
fn place_row(row: &[(usize, f64)], s: f64, free: FRect, out: &mut Vec<(usize, FRect)>) -> FRect {
    let height = ratio(s, free.w);
    let mut x = free.x;
    for &(i, v) in row {
        let w = ratio(v, height);
        out.push((
            i,
            FRect {
                x,
                y: free.y,
                w,
                h: height,
            },
        ));
        x += w;
    }
    FRect {
        x: free.x,
        y: free.y + height,
        w: free.w,
        h: (free.h - height).max(0.0),
    }
}

/// Rounds a layout rectangle (in square units: y doubled) to cells of `area`.
fn snap(r: FRect, area: Rect) -> Option<Rect> {
    let cell = |v: f64, max: u16| (v.round().max(0.0) as u32).min(u32::from(max)) as u16;
    let x0 = cell(r.x, area.width);
    let x1 = cell(r.x + r.w, area.width);
    let y0 = cell(r.y / 2.0, area.height);
    let y1 = cell((r.y + r.h) / 2.0, area.height);
    (x1 > x0 && y1 > y0).then(|| Rect::new(area.x + x0, area.y + y0, x1 - x0, y1 - y0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_papers_worked_example_is_reproduced() {
        // Bruls et al., figure 3: weights 6 6 4 3 2 2 1 in a 6 × 4 rectangle. In square units
        // our 6 × 2 cell area is 6 × 4, and the layout is the paper's: 6 and 6 in a first column
        // of width 3, then 4 and 3 in a row on top of the rest, then 2 2 1.
        let tiles = squarify(&[6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0], Rect::new(0, 0, 6, 2));
        let first: Vec<Rect> = tiles.iter().take(2).map(|t| t.rect).collect();
        assert_eq!(first, vec![Rect::new(0, 0, 3, 1), Rect::new(0, 1, 3, 1)]);
        assert_eq!(tiles[0].index, 0);
        assert_eq!(tiles[1].index, 1);
    }

    #[test]
    fn tiles_cover_the_area_without_overlap() {
        let weights: Vec<f64> = (1..=40).map(|i| f64::from(i * i % 97 + 1)).collect();
        let area = Rect::new(3, 2, 77, 21);
        let tiles = squarify(&weights, area);
        let mut seen = vec![0u8; 77 * 21];
        for t in &tiles {
            for y in t.rect.y..t.rect.y + t.rect.height {
                for x in t.rect.x..t.rect.x + t.rect.width {
                    seen[usize::from(y - 2) * 77 + usize::from(x - 3)] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "every cell exactly once");
        // Larger weights never get less room than much smaller ones.
        let area_of = |i: usize| {
            tiles
                .iter()
                .find(|t| t.index == i)
                .map_or(0, |t| t.rect.area())
        };
        assert!(
            area_of(
                weights
                    .iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .unwrap()
                    .0
            ) > 20
        );
    }

    #[test]
    fn degenerate_input_gives_no_tiles() {
        assert!(squarify(&[], Rect::new(0, 0, 10, 10)).is_empty());
        assert!(squarify(&[0.0, f64::NAN, -1.0], Rect::new(0, 0, 10, 10)).is_empty());
        assert!(squarify(&[5.0], Rect::new(0, 0, 0, 10)).is_empty());
        assert_eq!(
            squarify(&[5.0], Rect::new(1, 1, 10, 4)),
            vec![Tile {
                index: 0,
                rect: Rect::new(1, 1, 10, 4)
            }]
        );
    }
}
