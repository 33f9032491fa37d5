//! The heatmap's second view: churn over time. One row per entry of the focused directory (the
//! most changed first), one column per week (the most recent weeks that fit), each cell's
//! shade the lines added and removed that week under that entry.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{clean, fit, pane_block};
use crate::model::{NodeId, Tree};
use crate::tui::app::App;
use crate::tui::history::Timeline;
use crate::tui::index::ViewData;
use crate::tui::layout::Pane;

/// Width of the row labels.
const LABEL: usize = 16;

/// The rows: children of `focus` that changed, most commits first.
pub fn rows(view: &ViewData, focus: NodeId) -> Vec<NodeId> {
    let Some(node) = view.tree().node(focus) else {
        return Vec::new();
    };
    let mut kids: Vec<NodeId> = node
        .children
        .iter()
        .copied()
        .filter(|&c| {
            view.tree().node(c).is_some_and(|n| n.is_path_node()) && view.info(c).churn > 0
        })
        .collect();
    kids.sort_by_key(|&c| std::cmp::Reverse(view.info(c).churn));
    kids
}

/// Draws churn over time for `focus` (whose path is `path`).
pub fn draw(f: &mut Frame, app: &App, area: Rect, focus: NodeId, path: &str) {
    let block = pane_block(
        app,
        Pane::Heatmap,
        format!("churn per week · {}", clean(path)),
    );
    let inner = block.inner(area);
    f.render_widget(block, area);
    let p = &app.palette;
    let Some(t) = app.timeline.as_ref().filter(|t| t.weeks > 0) else {
        let msg = waiting(app);
        f.render_widget(Paragraph::new(clean(&msg).into_owned()).style(p.dim), inner);
        return;
    };
    let tree = app.view.tree();
    let kids = rows(&app.view, focus);
    let weeks = usize::from(inner.width)
        .saturating_sub(LABEL + 1)
        .min(t.weeks as usize);
    let first = (t.weeks as usize).saturating_sub(weeks);
    let selected = app
        .selected()
        .and_then(|s| super::heatmap::child_towards(tree, focus, s));
    let body = usize::from(inner.height).saturating_sub(1);
    let matrix = weekly_matrix(t, tree, kids.iter().take(body).copied(), first);
    let max = matrix
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines = Vec::new();
    let span_weeks = format!("last {weeks} of {} weeks, newest right", t.weeks);
    lines.push(Line::from(Span::styled(
        fit(&span_weeks, usize::from(inner.width), ""),
        p.dim,
    )));
    if matrix.is_empty() {
        lines.push(Line::from(Span::styled(
            "no changes under this directory",
            p.dim,
        )));
    }
    for (k, series) in matrix {
        let mut spans = vec![row_label(app, tree, k, selected == Some(k))];
        spans.extend(series.into_iter().map(|v| cell(app, v, max)));
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// What the view says while it has no timeline to show.
fn waiting(app: &App) -> String {
    match (&app.timeline, &app.view.history.report) {
        (Some(t), _) if t.missing.is_some() => t.missing.clone().unwrap_or_default(),
        (_, Some(r)) if r.unavailable.is_some() => "no history: churn over time needs git".into(),
        _ => "churn over time: reading the history…".into(),
    }
}

/// Each entry's churn per week from week `first` on.
fn weekly_matrix(
    t: &Timeline,
    tree: &Tree,
    kids: impl Iterator<Item = NodeId>,
    first: usize,
) -> Vec<(NodeId, Vec<u64>)> {
    kids.map(|k| {
        let mut prefix = tree.path_of(k);
        if tree.node(k).is_some_and(|n| n.dir().is_some()) {
            prefix.push('/');
        }
        let series = t.weekly_under(&prefix);
        let shown = series.get(first..).map(<[u64]>::to_vec).unwrap_or_default();
        (k, shown)
    })
    .collect()
}

/// An entry's name, fitted to the label column.
fn row_label(app: &App, tree: &Tree, k: NodeId, selected: bool) -> Span<'static> {
    let name = tree
        .node(k)
        .map(|n| super::tree::label(n, false, ""))
        .unwrap_or_default();
    let style = if selected {
        app.palette.selection
    } else {
        Style::default()
    };
    Span::styled(
        format!("{} ", fit(&clean(&name), LABEL, app.glyphs.ellipsis)),
        style,
    )
}

/// One week's cell: a shade in colour, a spark glyph without.
fn cell(app: &App, v: u64, max: u64) -> Span<'static> {
    let p = &app.palette;
    if v == 0 {
        return Span::styled(" ".to_string(), Style::default());
    }
    let x = v as f64 / max as f64;
    let level = ((x * 7.0).round() as usize).clamp(1, 7);
    let glyph = app.glyphs.spark.get(level).copied().unwrap_or('#');
    let ch = if p.coloured() { ' ' } else { glyph };
    Span::styled(ch.to_string(), p.heat_fill(x.sqrt()))
}
