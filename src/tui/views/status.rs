//! The status bar (top line) and the hint line (bottom line). The status bar is built from
//! segments with priorities; on a narrow terminal the least important ones are left out.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{clean, fit};
use crate::bands::Band;
use crate::tui::action::{binding, Command};
use crate::tui::app::App;
use crate::tui::feed::{Progress, WatchState};
use crate::tui::layout::Pane;
use crate::tui::style::band_label;

struct Segment {
    spans: Vec<Span<'static>>,
    /// Lower is more important.
    priority: u8,
}

fn seg(priority: u8, spans: Vec<Span<'static>>) -> Segment {
    Segment { spans, priority }
}

/// Draws the status bar.
pub fn draw_status(f: &mut Frame, app: &App, area: Rect) {
    let p = &app.palette;
    let v = &app.view;
    let mut segs = vec![seg(
        0,
        vec![Span::styled(
            format!(" {} ", clean(&app.setup.name)),
            p.title,
        )],
    )];
    if let Some((branch, commit)) = &v.git {
        segs.push(seg(
            4,
            vec![Span::raw(format!("{}@{}", clean(branch), clean(commit)))],
        ));
    }
    segs.push(seg(1, vec![Span::raw(watch_text(&app.watch))]));
    segs.extend(progress(app));
    segs.push(seg(
        3,
        vec![Span::raw(v.history.coverage_label(app.setup.live))],
    ));
    segs.push(seg(2, band_counts(app)));
    segs.extend(session(app));
    drop_to_fit(&mut segs, usize::from(area.width));
    let sep = if app.glyphs.ascii { " | " } else { " │ " };
    let mut spans = Vec::new();
    for (i, s) in segs.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(sep, p.dim));
        }
        spans.extend(s.spans);
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(p.status), area);
}

/// What the watcher is doing.
fn watch_text(watch: &WatchState) -> String {
    match watch {
        WatchState::Starting => "watch: starting".to_string(),
        WatchState::Live => "live".into(),
        WatchState::Polling {
            interval_ms,
            reason: Some(r),
        } => format!("polling {}s: {}", interval_ms / 1000, clean(r)),
        WatchState::Polling { interval_ms, .. } => format!("polling {}s", interval_ms / 1000),
        WatchState::Off => "watch off".into(),
    }
}

/// The spinner and the model's progress, until it is ready.
fn progress(app: &App) -> Option<Segment> {
    let spin = app
        .glyphs
        .spinner
        .get((app.ticks % 4) as usize)
        .copied()
        .unwrap_or(' ');
    let text = match app.progress {
        Progress::Counting => format!("{spin} counting lines"),
        Progress::Parsing { files } => format!("{spin} parsing {files} files"),
        Progress::Ready { .. } => return None,
    };
    Some(seg(0, vec![Span::styled(text, app.palette.accent)]))
}

/// Nodes per band (ok always, the others when there are any).
fn band_counts(app: &App) -> Vec<Span<'static>> {
    let mut counts = Vec::new();
    for band in Band::ALL {
        let n = app.view.counts.get(band as usize).copied().unwrap_or(0);
        if n == 0 && band != Band::Ok {
            continue;
        }
        if !counts.is_empty() {
            counts.push(Span::raw(" "));
        }
        counts.push(Span::styled(
            format!("{} {n}", band_label(band)),
            app.palette.band(band),
        ));
    }
    counts
}

/// The session's lines and band changes so far.
fn session(app: &App) -> Option<Segment> {
    let d = app
        .delta
        .as_ref()
        .map(|(_, d)| d.as_ref())
        .or(app.view.delta.as_ref())?;
    let text = format!(
        "session +{}/-{} ▲{} ▼{}",
        d.lines_added,
        d.lines_removed,
        d.worsened.len(),
        d.improved.len()
    );
    Some(seg(3, vec![Span::raw(text)]))
}

/// Leaves out the least important segments (the later of equals first) until the bar fits.
fn drop_to_fit(segs: &mut Vec<Segment>, width: usize) {
    let total = |s: &[Segment]| -> usize {
        s.iter()
            .map(|x| x.spans.iter().map(Span::width).sum::<usize>())
            .sum::<usize>()
            + s.len().saturating_sub(1) * 3
    };
    while total(segs) > width && segs.len() > 1 {
        let Some(worst) = segs
            .iter()
            .enumerate()
            .max_by_key(|(i, s)| (s.priority, *i))
            .map(|(i, _)| i)
        else {
            break;
        };
        segs.remove(worst);
    }
}

/// Draws the hint line: the last message, or the keys that matter in the focused pane.
pub fn draw_hints(f: &mut Frame, app: &App, area: Rect) {
    let p = &app.palette;
    let width = usize::from(area.width);
    if let Some((msg, err)) = &app.message {
        let style = if *err { p.error } else { p.accent };
        let text = fit(&clean(msg), width, app.glyphs.ellipsis);
        f.render_widget(Paragraph::new(Span::styled(text, style)), area);
        return;
    }
    let mut cmds = vec![
        Command::Quit,
        Command::Help,
        Command::Finder,
        Command::NextPane,
    ];
    cmds.extend(match app.focus {
        Pane::Tree => vec![
            Command::Sort,
            Command::Filter,
            Command::Editor,
            Command::HeatView,
        ],
        Pane::Heatmap => vec![
            Command::Select,
            Command::Back,
            Command::HeatArea,
            Command::HeatColor,
            Command::HeatView,
        ],
        Pane::Detail => vec![Command::Editor, Command::Zoom],
        Pane::Suggestions => vec![Command::Select, Command::Patch],
        Pane::Events => vec![Command::Zoom],
    });
    let mut spans: Vec<Span> = Vec::new();
    for c in cmds {
        let Some(key) = app.setup.keymap.keys_of(c).first() else {
            continue;
        };
        let label = binding(c).map(|b| b.hint).unwrap_or("");
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(key.label(), p.accent));
        spans.push(Span::styled(format!(" {label}"), p.dim));
    }
    let line = Line::from(spans);
    f.render_widget(Paragraph::new(line).style(Style::default()), area);
}
