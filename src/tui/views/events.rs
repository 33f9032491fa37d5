//! The events pane: in watch mode, a feed of band changes, created and removed files, history
//! refreshes and errors as they happen, newest first.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{clean, fit, pane_block};
use crate::tui::app::App;
use crate::tui::feed::{EventKind, EventLine, WatchState};
use crate::tui::layout::Pane;

/// Draws the events pane.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let block = pane_block(app, Pane::Events, format!("events ({})", app.events.len()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let p = &app.palette;
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    if app.events.is_empty() {
        let msg = match app.watch {
            WatchState::Off => "watch is off: no events (start without --watch off)",
            _ => "no changes yet: edit a file and its band changes appear here",
        };
        lines.push(Line::from(Span::styled(msg, p.dim)));
    }
    let g = &app.glyphs;
    for e in app.events.iter().rev().skip(usize::from(app.events_scroll)) {
        let secs = e.at.as_secs();
        let stamp = format!("{:02}:{:02}:{:02} ", secs / 3600, secs / 60 % 60, secs % 60);
        let (mark, style) = mark(app, e);
        let text = fit(&clean(&e.text), width.saturating_sub(11), g.ellipsis);
        lines.push(Line::from(vec![
            Span::styled(stamp, p.dim),
            Span::styled(format!("{mark} "), style),
            Span::styled(text, style),
        ]));
        if lines.len() >= usize::from(inner.height) {
            break;
        }
    }
    f.render_widget(Paragraph::new(lines).style(p.text), inner);
}

/// An event's mark and style by its kind (worse and better in the colour of the new band).
fn mark(app: &App, e: &EventLine) -> (&'static str, Style) {
    let p = &app.palette;
    let ascii = app.glyphs.ascii;
    let band_style = e.band.map_or(p.text, |b| p.band(b));
    match e.kind {
        EventKind::Worse => (if ascii { "+" } else { "▲" }, band_style),
        EventKind::Better => (if ascii { "-" } else { "▼" }, band_style),
        EventKind::Created => ("+", p.text),
        EventKind::Removed => ("x", p.dim),
        EventKind::Info => ("i", p.dim),
        EventKind::Error => ("!", p.error),
    }
}
