//! The overlays drawn over the panes: the finder, the help (generated from the action table and
//! the keymap in force, with a legend of the bands), and the one-line file prompt.

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui::Frame;

use super::{centered, clean, fit};
use crate::bands::Band;
use crate::tui::action::TABLE;
use crate::tui::app::App;
use crate::tui::finder::{Candidate, Hit};
use crate::tui::style::band_label;

fn frame<'a>(app: &App, title: &str) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(app.glyphs.border)
        .border_style(app.palette.border_focus)
        .title(Span::styled(format!(" {title} "), app.palette.title))
}

/// Draws the finder.
pub fn finder(f: &mut Frame, app: &App, area: Rect) {
    let Some(st) = &app.finder else { return };
    let w = (u32::from(area.width) * 4 / 5).max(40) as u16;
    let h = (u32::from(area.height) * 7 / 10).max(8) as u16;
    let r = centered(area, w, h);
    f.render_widget(Clear, r);
    let block = frame(app, "find a file or component");
    let inner = block.inner(r);
    f.render_widget(block, r);
    let p = &app.palette;
    let width = usize::from(inner.width);
    let cursor = if app.glyphs.ascii { "_" } else { "▏" };
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", p.accent),
        Span::raw(clean(&st.query).into_owned()),
        Span::styled(cursor, p.accent),
    ])];
    let body = usize::from(inner.height).saturating_sub(2);
    match &st.hits {
        None => lines.push(Line::from(Span::styled("searching…", p.dim))),
        Some(h) if h.hits.is_empty() => lines.push(Line::from(Span::styled("no match", p.dim))),
        Some(h) => {
            lines.push(Line::from(Span::styled(
                format!(
                    "{} matches of {} (↑↓ choose, Enter jump, Esc close)",
                    h.hits.len(),
                    app.view.candidates.len()
                ),
                p.dim,
            )));
            let start = st.cursor.saturating_sub(body.saturating_sub(1));
            for (i, hit) in h.hits.iter().enumerate().skip(start).take(body) {
                let Some(c) = app.view.candidates.get(hit.index) else {
                    continue;
                };
                lines.push(hit_line(app, hit, c, i == st.cursor, width));
            }
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// One hit: its kind, its text with the matched characters marked, and its line.
fn hit_line(app: &App, hit: &Hit, c: &Candidate, sel: bool, width: usize) -> Line<'static> {
    let p = &app.palette;
    let base = if sel { p.selection } else { p.text };
    let mut spans = vec![Span::styled(
        format!("{:<9} ", fit(c.kind, 9, "")),
        p.dim.patch(base),
    )];
    let text = clean(&c.text);
    let mut used = 10;
    for (ci, ch) in text.chars().enumerate() {
        if used + 1 >= width {
            spans.push(Span::styled(app.glyphs.ellipsis, base));
            break;
        }
        let style = if hit.positions.contains(&ci) {
            base.patch(p.matched)
        } else {
            base
        };
        spans.push(Span::styled(ch.to_string(), style));
        used += super::char_width(ch);
    }
    if c.line > 0 && used + 6 < width {
        spans.push(Span::styled(format!(" :{}", c.line), p.dim.patch(base)));
    }
    Line::from(spans)
}

/// Draws the help.
pub fn help(f: &mut Frame, app: &App, area: Rect) {
    let Some(scroll) = app.help else { return };
    let r = centered(
        area,
        area.width.saturating_sub(4).min(76),
        area.height.saturating_sub(2),
    );
    f.render_widget(Clear, r);
    let block = frame(app, "keys (Esc closes; [keys] in the config rebinds them)");
    let inner = block.inner(r);
    f.render_widget(block, r);
    let p = &app.palette;
    let mut lines = Vec::new();
    for b in TABLE {
        let keys: Vec<String> = app
            .setup
            .keymap
            .keys_of(b.command)
            .iter()
            .map(|k| k.label())
            .collect();
        let keys = if keys.is_empty() {
            "(none)".to_string()
        } else {
            keys.join(" ")
        };
        lines.push(Line::from(vec![
            Span::styled(fit(&keys, 16, "~"), p.accent),
            Span::raw(format!("{:<17}", b.name)),
            Span::styled(b.help, p.dim),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "bands (share of the limit)",
        p.title,
    )));
    let shares = ["< 80%", "80-90%", "90-95%", "95-100%", ">= 100%"];
    for (band, share) in Band::ALL.iter().zip(shares) {
        let fill = app.glyphs.fills.get(*band as usize).copied().unwrap_or(' ');
        lines.push(Line::from(vec![
            Span::styled(format!(" {fill}{fill} "), app.palette.band_fill(*band)),
            Span::styled(
                format!(" {:<7}", band_label(*band)),
                app.palette.band(*band),
            ),
            Span::raw(share),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        format!("theme {} · {}", app.theme.name, app.setup.depth.as_str()),
        p.dim,
    )));
    f.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).style(p.text),
        inner,
    );
}

/// Draws the file prompt.
pub fn prompt(f: &mut Frame, app: &App, area: Rect) {
    let Some(pr) = &app.prompt else { return };
    let r = centered(area, area.width.saturating_sub(8).min(70), 3);
    f.render_widget(Clear, r);
    let block = frame(app, &pr.label);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let line = Line::from(vec![
        Span::raw(clean(&pr.text).into_owned()),
        Span::styled(" ", app.palette.text.add_modifier(Modifier::REVERSED)),
    ]);
    f.render_widget(Paragraph::new(line), inner);
}
