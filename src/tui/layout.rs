//! Where each pane goes, as a pure function of the terminal size and which panes are chosen:
//! the draw site and `update` (page sizes, heatmap navigation) both ask it, so they agree.
//!
//! Narrow (80×24 up to 109 columns or 29 rows): the tree on the left, one side pane on the
//! right (heatmap, detail, suggestions or events). Wide: the tree above the heatmap on the left,
//! the side pane (detail, suggestions or events) on the right. `z` gives the focused pane
//! everything.

use ratatui::layout::Rect;

/// The panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Tree,
    Heatmap,
    Detail,
    Suggestions,
    Events,
}

impl Pane {
    /// Tab order.
    pub const ORDER: [Pane; 5] = [
        Pane::Tree,
        Pane::Heatmap,
        Pane::Detail,
        Pane::Suggestions,
        Pane::Events,
    ];

    /// The pane's title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Tree => "tree",
            Pane::Heatmap => "heatmap",
            Pane::Detail => "detail",
            Pane::Suggestions => "suggestions",
            Pane::Events => "events",
        }
    }

    /// The next (or previous) pane in tab order.
    pub fn cycle(self, forward: bool) -> Pane {
        let i = Pane::ORDER.iter().position(|p| *p == self).unwrap_or(0);
        let n = Pane::ORDER.len();
        let j = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        Pane::ORDER.get(j).copied().unwrap_or(Pane::Tree)
    }
}

/// The screen's regions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Areas {
    pub status: Rect,
    pub hints: Rect,
    pub panes: Vec<(Pane, Rect)>,
    pub wide: bool,
}

impl Areas {
    /// The rectangle of `pane`, when it is shown.
    pub fn of(&self, pane: Pane) -> Option<Rect> {
        self.panes.iter().find(|(p, _)| *p == pane).map(|(_, r)| *r)
    }
}

/// True when the screen has room for the tree, the heatmap and a side pane at once.
pub fn is_wide(size: Rect) -> bool {
    size.width >= 110 && size.height >= 30
}

/// Lays out the screen. `side` is the pane chosen for the right-hand side.
pub fn areas(size: Rect, focus: Pane, side: Pane, zoom: bool) -> Areas {
    let status = Rect::new(size.x, size.y, size.width, size.height.min(1));
    let hints_y = size.y + size.height.saturating_sub(1);
    let hints = Rect::new(size.x, hints_y, size.width, u16::from(size.height >= 2));
    let body = Rect::new(
        size.x,
        size.y + 1,
        size.width,
        size.height.saturating_sub(2),
    );
    let wide = is_wide(size);
    if zoom {
        return Areas {
            status,
            hints,
            panes: vec![(focus, body)],
            wide,
        };
    }
    let left_w = if wide {
        (u32::from(body.width) * 55 / 100) as u16
    } else {
        (body.width / 2).max(body.width.min(36))
    };
    let left = Rect::new(body.x, body.y, left_w, body.height);
    let right = Rect::new(
        body.x + left_w,
        body.y,
        body.width.saturating_sub(left_w),
        body.height,
    );
    let panes = if wide {
        let tree_h = (u32::from(left.height) * 60 / 100) as u16;
        let tree = Rect::new(left.x, left.y, left.width, tree_h);
        let heat = Rect::new(
            left.x,
            left.y + tree_h,
            left.width,
            left.height.saturating_sub(tree_h),
        );
        let side = match side {
            Pane::Tree | Pane::Heatmap => Pane::Detail,
            other => other,
        };
        vec![(Pane::Tree, tree), (Pane::Heatmap, heat), (side, right)]
    } else {
        let side = if side == Pane::Tree {
            Pane::Detail
        } else {
            side
        };
        vec![(Pane::Tree, left), (side, right)]
    };
    Areas {
        status,
        hints,
        panes,
        wide,
    }
}

/// The inside of a bordered pane.
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_and_wide_layouts() {
        let a = areas(Rect::new(0, 0, 80, 24), Pane::Tree, Pane::Heatmap, false);
        assert!(!a.wide);
        assert_eq!(a.of(Pane::Tree), Some(Rect::new(0, 1, 40, 22)));
        assert_eq!(a.of(Pane::Heatmap), Some(Rect::new(40, 1, 40, 22)));
        assert_eq!(a.hints, Rect::new(0, 23, 80, 1));
        let a = areas(Rect::new(0, 0, 120, 40), Pane::Tree, Pane::Heatmap, false);
        assert!(a.wide);
        assert_eq!(a.of(Pane::Tree), Some(Rect::new(0, 1, 66, 22)));
        assert_eq!(a.of(Pane::Heatmap), Some(Rect::new(0, 23, 66, 16)));
        assert_eq!(a.of(Pane::Detail), Some(Rect::new(66, 1, 54, 38)));
        let z = areas(Rect::new(0, 0, 80, 24), Pane::Events, Pane::Events, true);
        assert_eq!(z.panes, vec![(Pane::Events, Rect::new(0, 1, 80, 22))]);
        let tiny = areas(Rect::new(0, 0, 3, 1), Pane::Tree, Pane::Detail, false);
        assert_eq!(tiny.of(Pane::Tree).map(|r| r.height), Some(0));
    }
}
