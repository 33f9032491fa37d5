//! The one draw site: the whole screen from the state. ratatui keeps the previous frame and
//! sends only the cells that changed, so redrawing everything here costs the terminal (and an
//! SSH link) only the difference.

use ratatui::layout::Rect;
use ratatui::widgets::{Block, Clear};
use ratatui::Frame;

use super::app::App;
use super::layout::{areas, Pane};
use super::views::{detail, events, heatmap, overlay, status, suggestions, tree};

/// Draws the cockpit.
pub fn draw(f: &mut Frame, app: &App) {
    let size = f.area();
    f.render_widget(Block::default().style(app.palette.text), size);
    if size.width < 20 || size.height < 5 {
        f.render_widget(Clear, size);
        let msg = ratatui::widgets::Paragraph::new("window too small")
            .wrap(ratatui::widgets::Wrap { trim: true });
        f.render_widget(msg, size);
        return;
    }
    let a = areas(size, app.focus, app.side, app.zoom);
    status::draw_status(f, app, a.status);
    for (pane, rect) in &a.panes {
        draw_pane(f, app, *pane, *rect);
    }
    status::draw_hints(f, app, a.hints);
    let body = Rect::new(
        size.x,
        size.y + 1,
        size.width,
        size.height.saturating_sub(2),
    );
    if app.help.is_some() {
        overlay::help(f, app, body);
    }
    if app.finder.is_some() {
        overlay::finder(f, app, body);
    }
    if app.prompt.is_some() {
        overlay::prompt(f, app, body);
    }
    if app.glyphs.ascii {
        asciify(f.buffer_mut());
    }
}

/// The typographic characters the panes use, and their ASCII stand-ins for `--ascii`.
const ASCII: [(&str, &str); 12] = [
    ("·", "-"),
    ("…", "~"),
    ("→", ">"),
    ("←", "<"),
    ("↑", "^"),
    ("↓", "v"),
    ("▲", "^"),
    ("▼", "v"),
    ("│", "|"),
    ("▏", "|"),
    ("─", "-"),
    ("—", "-"),
];

/// Replaces the panes' own non-ASCII characters in the frame (one pass at the draw site, so no
/// view has to remember).
fn asciify(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if let Some((_, to)) = ASCII.iter().find(|(from, _)| cell.symbol() == *from) {
            cell.set_symbol(to);
        }
    }
}

fn draw_pane(f: &mut Frame, app: &App, pane: Pane, rect: Rect) {
    if rect.width < 4 || rect.height < 3 {
        return;
    }
    match pane {
        Pane::Tree => tree::draw(f, app, rect),
        Pane::Heatmap => heatmap::draw(f, app, rect),
        Pane::Detail => detail::draw(f, app, rect),
        Pane::Suggestions => suggestions::draw(f, app, rect),
        Pane::Events => events::draw(f, app, rect),
    }
}
