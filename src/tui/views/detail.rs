//! The detail pane: every metric of the selected node against its limit with a band bar, the
//! construct behind the band, and for files the history (size over time as a sparkline with the
//! time to breach, authors, most coupled files) and the components ranked by band.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::file_history::history;
pub use super::file_history::sparkline;
use super::{clean, fit, metric_short, pane_block};
use crate::bands::assess;
use crate::model::{NodeBody, NodeId};
use crate::tui::app::App;
use crate::tui::layout::Pane;
use crate::tui::style::band_label;

/// Components listed at most.
const MAX_RANKED: usize = 12;

/// Draws the detail pane.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(app, Pane::Detail, "detail".into());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let lines = match app.selected() {
        Some(id) => content(app, id, usize::from(inner.width)),
        None => vec![Line::from(Span::styled(
            "nothing selected",
            app.palette.dim,
        ))],
    };
    let p = Paragraph::new(lines)
        .scroll((app.detail_scroll, 0))
        .style(app.palette.text);
    f.render_widget(p, inner);
}

pub(super) fn heading(app: &App, text: &str) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), app.palette.title))
}

/// The lines of the detail of `id`.
pub fn content(app: &App, id: NodeId, width: usize) -> Vec<Line<'static>> {
    let p = &app.palette;
    let tree = app.view.tree();
    let Some(node) = tree.node(id) else {
        return Vec::new();
    };
    let path = tree.path_of(id);
    let mut out = Vec::new();
    let name = super::tree::label(node, node.parent.is_none(), &app.setup.name);
    out.push(Line::from(Span::styled(
        fit(&clean(&name), width, app.glyphs.ellipsis),
        p.title,
    )));
    let place = match node.component() {
        Some(c) => format!("{}:{}-{}", path, c.start_line, c.end_line),
        None if path.is_empty() => "./ (the root)".to_string(),
        None => path.clone(),
    };
    out.push(Line::from(Span::styled(
        fit(&clean(&place), width, app.glyphs.ellipsis),
        p.dim,
    )));
    let Some(a) = assess(tree, id, app.view.config.as_ref()) else {
        return out;
    };
    let band_line = match a.driver {
        Some(d) => format!(
            "{} · driven by {} {}/{} ({:.0}%)",
            band_label(a.band),
            d.metric.key(),
            d.value,
            d.limit,
            d.share() * 100.0
        ),
        None => format!("{} · no limits apply", band_label(a.band)),
    };
    out.push(Line::from(Span::styled(band_line, p.band(a.band))));
    if let Some(c) = &a.construct {
        out.push(Line::from(format!("why: {}", clean(c))));
    }
    if !app.view.complete {
        out.push(Line::from(Span::styled(
            "(lines only so far: components are being parsed)",
            p.dim,
        )));
    }
    out.push(Line::default());
    out.push(heading(app, "measures"));
    let bar = 10usize.min(width.saturating_sub(30)).max(4);
    for m in &a.measures {
        out.push(Line::from(vec![
            Span::raw(format!(
                "  {:<9}{:>11} ",
                metric_short(m.metric),
                format!("{}/{}", m.value, m.limit)
            )),
            Span::styled(app.glyphs.gauge(m.share(), bar), p.band(m.band)),
            Span::styled(format!(" {}", band_label(m.band)), p.band(m.band)),
        ]));
    }
    match &node.body {
        NodeBody::File(_) => {
            history(app, &path, width, &mut out);
            ranked(app, id, width, &mut out);
        }
        NodeBody::Dir(d) => {
            out.push(Line::from(format!(
                "  {} files · {} lines · {} components",
                d.files, d.lines.total, d.components
            )));
            ranked(app, id, width, &mut out);
        }
        NodeBody::Component(_) => ranked(app, id, width, &mut out),
    }
    out
}

/// The node's children ranked by band, then share of their driver's limit.
fn ranked(app: &App, id: NodeId, width: usize, out: &mut Vec<Line<'static>>) {
    let tree = app.view.tree();
    let Some(node) = tree.node(id) else { return };
    if node.children.is_empty() {
        return;
    }
    let mut kids: Vec<NodeId> = node.children.clone();
    kids.sort_by(|&a, &b| {
        let (x, y) = (app.view.info(a), app.view.info(b));
        y.worst.cmp(&x.worst).then(
            y.driver
                .map_or(0.0, |d| d.share())
                .total_cmp(&x.driver.map_or(0.0, |d| d.share())),
        )
    });
    out.push(Line::default());
    let what = if node.dir().is_some() {
        "entries, worst first"
    } else {
        "components, worst first"
    };
    out.push(heading(app, what));
    for &k in kids.iter().take(MAX_RANKED) {
        let i = app.view.info(k);
        let Some(n) = tree.node(k) else { continue };
        let driver = i
            .driver
            .map(|d| format!("{} {}/{}", metric_short(d.metric), d.value, d.limit))
            .unwrap_or_default();
        let at = n
            .component()
            .map(|c| format!(" :{}", c.start_line))
            .unwrap_or_default();
        let below = if i.worst > i.band {
            format!(" ({} below)", band_label(i.worst))
        } else {
            String::new()
        };
        let room = width
            .saturating_sub(10 + driver.chars().count() + below.chars().count())
            .max(8);
        let name = fit(
            &format!("{}{at}", clean(&super::tree::label(n, false, ""))),
            room,
            app.glyphs.ellipsis,
        );
        out.push(Line::from(vec![
            Span::styled(
                format!("  {:<7}", band_label(i.band)),
                app.palette.band(i.band),
            ),
            Span::raw(name),
            Span::styled(format!(" {driver}"), Style::default()),
            Span::styled(below, app.palette.band(i.worst)),
        ]));
    }
    if kids.len() > MAX_RANKED {
        out.push(Line::from(Span::styled(
            format!("  … {} more", kids.len() - MAX_RANKED),
            app.palette.dim,
        )));
    }
}
