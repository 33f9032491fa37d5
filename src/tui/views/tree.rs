//! The tree pane: one row per visible node with its band gauge and label, the driving metric,
//! and the columns lines / complexity / churn / hotspot / time to breach, as many as fit (the
//! sorted column always does).

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{clean, compact, fit, metric_short, pane_block, weeks};
use crate::model::{Node, NodeBody};
use crate::tui::app::App;
use crate::tui::index::Info;
use crate::tui::layout::Pane;
use crate::tui::rows::{Row, SortKey};
use crate::tui::style::band_label;

const GAUGE: usize = 6;
const LABEL: usize = 6;
const MIN_NAME: usize = 20;

/// The optional columns, most important first, with their widths.
const COLUMNS: [(SortKey, usize); 6] = [
    (SortKey::Band, 15),
    (SortKey::Lines, 7),
    (SortKey::Complexity, 6),
    (SortKey::Churn, 6),
    (SortKey::Hotspot, 5),
    (SortKey::TimeToBreach, 6),
];

/// The columns that fit in `width` (the sorted one first in line for room).
fn columns(width: usize, sort: SortKey) -> Vec<(SortKey, usize)> {
    let mut room = width.saturating_sub(MIN_NAME + GAUGE + LABEL + 3);
    let mut order: Vec<(SortKey, usize)> = COLUMNS.to_vec();
    order.sort_by_key(|(k, _)| *k != sort);
    let mut chosen = Vec::new();
    for (k, w) in order {
        if w <= room {
            room -= w;
            chosen.push((k, w));
        }
    }
    chosen.sort_by_key(|(k, _)| COLUMNS.iter().position(|(c, _)| c == k));
    chosen
}

/// Draws the tree pane.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let t = &app.tree;
    let shape = t.shape;
    let mut title = format!(
        "tree · sort {}{}",
        shape.sort.label(),
        if shape.reverse { " (reversed)" } else { "" }
    );
    if let Some(b) = shape.filter {
        title.push_str(&format!(" · {}+", band_label(b)));
    }
    let block = pane_block(app, Pane::Tree, title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if inner.height == 0 || inner.width == 0 {
        return;
    }
    let width = usize::from(inner.width);
    let cols = columns(width, shape.sort);
    let name_w = width.saturating_sub(GAUGE + LABEL + 3 + cols.iter().map(|c| c.1).sum::<usize>());
    let p = &app.palette;
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    let arrow = |k: SortKey| match (shape.sort == k, shape.reverse) {
        (true, false) => "▼",
        (true, true) => "▲",
        _ => "",
    };
    let mut head = fit(&format!("name{}", arrow(SortKey::Name)), name_w, "");
    head.push_str(&fit(
        &format!(" band{}", arrow(SortKey::Band)),
        GAUGE + LABEL + 3,
        "",
    ));
    for (k, w) in &cols {
        let label = match k {
            SortKey::Band => "driver".to_string(),
            k => format!("{}{}", arrow(*k), k.label()),
        };
        head.push_str(&format!("{label:>w$}", w = *w));
    }
    lines.push(Line::from(Span::styled(head, p.dim)));
    let body = usize::from(inner.height).saturating_sub(1);
    if t.rows.len() <= 1 && app.view.tree().is_empty() {
        let msg = if app.view.complete {
            "nothing to show: no files"
        } else {
            "scanning…"
        };
        lines.push(Line::from(Span::styled(msg, p.dim)));
    }
    for (i, row) in t.rows.iter().enumerate().skip(t.offset).take(body) {
        let selected = i == t.cursor;
        lines.push(row_line(app, row, selected, name_w, &cols));
    }
    f.render_widget(Paragraph::new(lines).style(p.text), inner);
}

fn row_line<'a>(
    app: &App,
    row: &Row,
    selected: bool,
    name_w: usize,
    cols: &[(SortKey, usize)],
) -> Line<'a> {
    let p = &app.palette;
    let g = &app.glyphs;
    let info = app.view.info(row.id);
    let pick = |style: Style| if selected { p.selection } else { style };
    let share = info.driver.map_or(0.0, |d| d.share());
    let gauge = format!(" {}", g.gauge(share, GAUGE));
    let band = format!(" {:<w$}", band_label(info.band), w = LABEL);
    let band_style = pick(p.band(info.band));
    let mut spans = vec![
        name_span(app, row, selected, name_w),
        Span::styled(gauge, band_style),
        Span::styled(below_mark(app, &info), pick(p.band(info.worst))),
        Span::styled(band, band_style),
    ];
    for (k, w) in cols {
        let text = cell(*k, &info);
        let style = if text == "-" && !selected {
            p.dim
        } else {
            pick(Style::default())
        };
        spans.push(Span::styled(
            format!("{:>w$}", fit_num(&text, *w), w = *w),
            style,
        ));
    }
    Line::from(spans)
}

/// The indented name with its fold marker; directories in the accent colour.
fn name_span<'a>(app: &App, row: &Row, selected: bool, name_w: usize) -> Span<'a> {
    let g = &app.glyphs;
    let node = app.view.tree().node(row.id);
    let marker = match (row.has_children, row.expanded) {
        (true, true) => g.open,
        (true, false) => g.closed,
        _ => ' ',
    };
    let indent = "  ".repeat(usize::from(row.depth.min(20)));
    let name = node
        .map(|n| label(n, row.depth == 0, &app.setup.name))
        .unwrap_or_default();
    let text = fit(
        &format!("{indent}{marker} {}", clean(&name)),
        name_w,
        g.ellipsis,
    );
    let is_dir = node.is_some_and(|n| n.dir().is_some());
    let style = if selected {
        app.palette.selection
    } else if is_dir {
        app.palette.accent
    } else {
        Style::default()
    };
    Span::styled(text, style)
}

/// A mark in the colour of the worst band below, when it is worse than the node's own.
fn below_mark(app: &App, info: &Info) -> &'static str {
    match (info.worst > info.band, app.glyphs.ascii) {
        (false, _) => " ",
        (true, true) => "^",
        (true, false) => "▲",
    }
}

fn fit_num(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_string()
    } else {
        s.chars().take(w.saturating_sub(1)).collect()
    }
}

fn cell(k: SortKey, i: &Info) -> String {
    match k {
        SortKey::Band => match i.driver {
            Some(d) => format!("{} {}/{}", metric_short(d.metric), d.value, d.limit),
            None => "-".into(),
        },
        SortKey::Lines => compact(u64::from(i.lines)),
        SortKey::Complexity if i.complexity == 0 => "-".into(),
        SortKey::Complexity => compact(u64::from(i.complexity)),
        SortKey::Churn if i.churn == 0 => "-".into(),
        SortKey::Churn => compact(u64::from(i.churn)),
        SortKey::Hotspot => i
            .hotspot
            .map_or("-".into(), |h| format!("{:.0}", h * 100.0)),
        SortKey::TimeToBreach => i.ttb.map_or("-".into(), weeks),
        SortKey::Name => String::new(),
    }
}

/// A node's name as the tree shows it: `dir/`, `file.rs`, `fn name`.
pub fn label(node: &Node, is_root: bool, root_name: &str) -> String {
    match &node.body {
        NodeBody::Dir(_) if is_root => format!("{root_name}/"),
        NodeBody::Dir(_) => format!("{}/", node.name),
        NodeBody::File(_) => node.name.clone(),
        NodeBody::Component(c) => {
            use crate::model::facts::ComponentKind as K;
            let kind = match c.kind {
                K::Function | K::Method => "fn",
                K::Closure => "closure",
                K::Impl => return node.name.clone(),
                K::Interface => "interface",
                K::Namespace => "namespace",
                other => other.as_str(),
            };
            format!("{kind} {}", node.name)
        }
    }
}
