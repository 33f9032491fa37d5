//! The heatmap pane: a squarified treemap of the focused node's children (area by lines,
//! complexity or churn; colour by band, hotspot or churn), the selected tree node's cell
//! highlighted; or, as its second view, churn over time (see `churn`). Without colour, cells are
//! filled with a glyph per band so bands stay apart.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{clean, fit, pane_block};
use crate::model::{NodeId, Tree};
use crate::tui::action::Command;
use crate::tui::app::{App, AreaBy, ColorBy, HeatView};
use crate::tui::index::{Info, ViewData};
use crate::tui::layout::Pane;
use crate::tui::treemap::{squarify, Tile};

/// The drawing area inside the pane's border.
pub fn body(pane: Rect) -> Rect {
    crate::tui::layout::inner(pane)
}

/// The weight of a node for `area`.
pub fn weight(view: &ViewData, id: NodeId, area: AreaBy) -> f64 {
    let i = view.info(id);
    f64::from(match area {
        AreaBy::Lines => i.lines,
        AreaBy::Complexity => i.complexity,
        AreaBy::Churn => i.churn,
    })
}

/// The children of `focus` with a weight, heaviest first (the treemap's order).
pub fn ordered_children(view: &ViewData, focus: NodeId, area: AreaBy) -> Vec<NodeId> {
    let Some(node) = view.tree().node(focus) else {
        return Vec::new();
    };
    let mut kids: Vec<(NodeId, f64)> = node
        .children
        .iter()
        .map(|&c| (c, weight(view, c, area)))
        .filter(|(_, w)| *w > 0.0)
        .collect();
    kids.sort_by(|a, b| b.1.total_cmp(&a.1));
    kids.into_iter().map(|(c, _)| c).collect()
}

/// The child of `focus` that is `sel` or holds it.
pub fn child_towards(tree: &Tree, focus: NodeId, sel: NodeId) -> Option<NodeId> {
    let mut cur = sel;
    for _ in 0..10_000 {
        let parent = tree.node(cur)?.parent?;
        if parent == focus {
            return Some(cur);
        }
        cur = parent;
    }
    None
}

/// The treemap's tiles for `focus` in `rect`, as (node, tile).
pub fn tiles(app: &App, focus: NodeId, rect: Rect) -> Vec<(NodeId, Tile)> {
    let kids = ordered_children(&app.view, focus, app.heat.area);
    let weights: Vec<f64> = kids
        .iter()
        .map(|&k| weight(&app.view, k, app.heat.area))
        .collect();
    squarify(&weights, rect)
        .into_iter()
        .filter_map(|t| kids.get(t.index).map(|&k| (k, t)))
        .collect()
}

/// The cell reached from `cur` by an arrow command (the nearest tile whose centre lies that
/// way), or the first tile when nothing is selected.
pub fn neighbour(
    app: &App,
    focus: NodeId,
    rect: Rect,
    cur: Option<NodeId>,
    c: Command,
) -> Option<NodeId> {
    if app.heat.view == HeatView::ChurnOverTime {
        let kids = super::churn::rows(&app.view, focus);
        let at = cur.and_then(|c| kids.iter().position(|k| *k == c));
        return match (c, at) {
            (_, None) => kids.first().copied(),
            (Command::Up, Some(i)) => kids.get(i.saturating_sub(1)).copied(),
            (Command::Down, Some(i)) => kids.get(i + 1).copied(),
            (Command::Top, _) => kids.first().copied(),
            (Command::Bottom, _) => kids.last().copied(),
            _ => None,
        };
    }
    let tiles = tiles(app, focus, rect);
    let centre = |r: Rect| {
        (
            f64::from(r.x) + f64::from(r.width) / 2.0,
            (f64::from(r.y) + f64::from(r.height) / 2.0) * 2.0,
        )
    };
    let Some(from) = cur.and_then(|c| tiles.iter().find(|(k, _)| *k == c)) else {
        return tiles.first().map(|(k, _)| *k);
    };
    let (fx, fy) = centre(from.1.rect);
    let (dx, dy) = match c {
        Command::Left => (-1.0, 0.0),
        Command::Right => (1.0, 0.0),
        Command::Up => (0.0, -1.0),
        Command::Down => (0.0, 1.0),
        Command::Top => return tiles.first().map(|(k, _)| *k),
        Command::Bottom => return tiles.last().map(|(k, _)| *k),
        _ => return None,
    };
    tiles
        .iter()
        .filter(|(k, _)| Some(*k) != cur)
        .filter_map(|(k, t)| {
            let (x, y) = centre(t.rect);
            let along = (x - fx) * dx + (y - fy) * dy;
            let across = ((x - fx) * dy).abs() + ((y - fy) * dx).abs();
            (along > 0.0).then_some((along + 2.0 * across, *k))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// Draws the heatmap pane.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let focus = app.heat_focus();
    let tree = app.view.tree();
    let path = focus_path(app, focus);
    if app.heat.view == HeatView::ChurnOverTime {
        return super::churn::draw(f, app, area, focus, &path);
    }
    let block = pane_block(app, Pane::Heatmap, title(app, &path));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let tiles = tiles(app, focus, inner);
    if tiles.is_empty() {
        let msg = match app.heat.area {
            AreaBy::Churn if app.view.history.report.is_none() => "no churn: history not read yet",
            _ => "nothing to map here",
        };
        f.render_widget(Paragraph::new(msg).style(app.palette.dim), inner);
        return;
    }
    let selected = app.selected().and_then(|s| child_towards(tree, focus, s));
    let max_churn = tiles
        .iter()
        .map(|(k, _)| app.view.info(*k).churn)
        .max()
        .unwrap_or(0)
        .max(1);
    let buf = f.buffer_mut();
    for (id, tile) in &tiles {
        let (style, fill) = tile_colour(app, app.view.info(*id), max_churn);
        let look = Look {
            style,
            fill: if app.palette.coloured() { ' ' } else { fill },
            selected: selected == Some(*id),
        };
        paint_tile(buf, app, *id, tile.rect, look);
    }
}

/// The focused node's path for the title (`dir/`, `file`, `file::Type::item`).
fn focus_path(app: &App, focus: NodeId) -> String {
    let tree = app.view.tree();
    match (
        tree.path_of(focus),
        tree.node(focus).and_then(|n| n.component()),
    ) {
        (p, Some(c)) => format!("{p}::{}", c.qualified_name),
        (p, None) if p.is_empty() => format!("{}/", app.setup.name),
        (p, None) => p,
    }
}

/// The pane's title: what is mapped, and what area and colour stand for.
fn title(app: &App, path: &str) -> String {
    let area_by = match app.heat.area {
        AreaBy::Lines => "lines",
        AreaBy::Complexity => "complexity",
        AreaBy::Churn => "churn",
    };
    let colour_by = match app.heat.color {
        ColorBy::Band => "band",
        ColorBy::Hotspot => "hotspot",
        ColorBy::Churn => "churn",
    };
    format!(
        "heatmap {} · area {area_by} · colour {colour_by}",
        clean(path)
    )
}

/// A tile's style and fill glyph by what colour stands for.
fn tile_colour(app: &App, info: Info, max_churn: u32) -> (Style, char) {
    match app.heat.color {
        ColorBy::Band => {
            let band = info.worst;
            (
                app.palette.band_fill(band),
                app.glyphs.fills.get(band as usize).copied().unwrap_or(' '),
            )
        }
        ColorBy::Hotspot => match info.hotspot {
            Some(h) => (
                app.palette.heat_fill(f64::from(h)),
                shade(app, f64::from(h)),
            ),
            None => (app.palette.dim, ' '),
        },
        ColorBy::Churn => {
            let t = f64::from(info.churn) / f64::from(max_churn);
            (app.palette.heat_fill(t), shade(app, t))
        }
    }
}

/// A fill glyph for a heat value without colour.
fn shade(app: &App, t: f64) -> char {
    let i = ((t.clamp(0.0, 1.0) * 4.0).round() as usize).min(4);
    app.glyphs.fills.get(i).copied().unwrap_or(' ')
}

/// How one tile is painted.
#[derive(Clone, Copy)]
struct Look {
    style: Style,
    fill: char,
    selected: bool,
}

/// A side of a tile less the gap that separates it from its neighbour (when there is room).
fn less_gap(n: u16) -> u16 {
    if n >= 3 {
        n - 1
    } else {
        n
    }
}

fn paint_tile(buf: &mut Buffer, app: &App, id: NodeId, r: Rect, look: Look) {
    // A gap on the right and bottom edges separates neighbours of the same colour.
    let body = Rect::new(r.x, r.y, less_gap(r.width), less_gap(r.height));
    let style = if look.selected {
        look.style.add_modifier(Modifier::BOLD)
    } else {
        look.style
    };
    fill_cells(buf, body, style, look.fill);
    let Some(node) = app.view.tree().node(id) else {
        return;
    };
    let name = super::tree::label(node, false, "");
    let label_style = if look.selected {
        app.palette.selection.add_modifier(Modifier::BOLD)
    } else {
        style
    };
    let width = usize::from(body.width);
    if width >= 2 {
        let text = fit(&clean(&name), width, app.glyphs.ellipsis);
        buf.set_stringn(r.x, r.y, &text, width, label_style);
    }
    if body.height >= 2 && width >= 4 {
        let i = app.view.info(id);
        let value = match app.heat.area {
            AreaBy::Lines => format!("{} lines", i.lines),
            AreaBy::Complexity => format!("cx {}", i.complexity),
            AreaBy::Churn => format!("{} commits", i.churn),
        };
        let text = fit(&value, width, app.glyphs.ellipsis);
        buf.set_stringn(r.x, r.y + 1, &text, width, style);
    }
}

/// Sets every cell of `r` to `fill` in `style`.
fn fill_cells(buf: &mut Buffer, r: Rect, style: Style, fill: char) {
    let mut fill_buf = [0u8; 4];
    let fill_s: &str = fill.encode_utf8(&mut fill_buf);
    for y in r.y..r.y + r.height {
        for x in r.x..r.x + r.width {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(fill_s).set_style(style);
            }
        }
    }
}
