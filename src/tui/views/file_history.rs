//! The history section of the detail pane for a file: commits and authors, size over time as
//! a sparkline, growth and time to breach, hotspot, and the most coupled files. Apart from the
//! rest of the detail pane because it reads the history and the timeline, not the model.

use ratatui::text::{Line, Span};

use super::detail::heading;
use super::{clean, fit, weeks};
use crate::bands::Band;
use crate::history::date::format_date;
use crate::history::files::FileReport;
use crate::history::growth;
use crate::tui::app::App;
use crate::tui::history::FileLine;
use crate::tui::style::band_label;

/// The history lines of the file at `path`.
pub(super) fn history(app: &App, path: &str, width: usize, out: &mut Vec<Line<'static>>) {
    out.push(Line::default());
    out.push(heading(app, "history"));
    let Some(h) = app.view.history.file(path) else {
        out.push(no_history(app));
        return;
    };
    out.push(Line::from(format!(
        "  {} commits · {} authors · +{} -{} lines · {} to {}",
        h.commits,
        h.authors,
        h.added,
        h.removed,
        format_date(h.first_change),
        format_date(h.last_change)
    )));
    let line = app.timeline.as_ref().and_then(|t| t.files.get(path));
    size_lines(app, h, line, width, out);
    out.push(breach_line(app, h));
    if let Some(hot) = h.hotspot {
        out.push(Line::from(format!("  hotspot {:.0}/100", hot * 100.0)));
    }
    out.extend(authors_line(app, h, line, width));
    coupled_lines(app, path, width, out);
}

/// Why a file has no history to show.
fn no_history(app: &App) -> Line<'static> {
    let why: String = match &app.view.history.report {
        None if app.setup.live || app.view.complete => "  history: not available yet".into(),
        None => "  history: none".into(),
        Some(r) => match &r.unavailable {
            Some(u) => format!("  {}", clean(&u.to_string())),
            None => "  no commits touch this file".into(),
        },
    };
    Line::from(Span::styled(why, app.palette.dim))
}

/// Size over time as a sparkline, with the first and last sizes.
fn size_lines(
    app: &App,
    h: &FileReport,
    line: Option<&FileLine>,
    width: usize,
    out: &mut Vec<Line<'static>>,
) {
    let p = &app.palette;
    let series = line.and_then(|l| growth::series(&l.points, h.lines));
    let Some(s) = series.filter(|s| s.len() >= 2) else {
        if app.timeline.is_none() {
            out.push(Line::from(Span::styled(
                "  size over time: reading…",
                p.dim,
            )));
        }
        return;
    };
    let spark_w = width.saturating_sub(4).min(60);
    let (first, last) = (s.first().map_or(0, |x| x.1), s.last().map_or(0, |x| x.1));
    let limit = h.breach.map_or(0, |b| b.limit);
    out.push(Line::from(vec![
        Span::raw("  size "),
        Span::styled(
            sparkline(app, &s, spark_w.saturating_sub(6), limit),
            p.accent,
        ),
    ]));
    out.push(Line::from(Span::styled(
        format!("  {first} → {last} lines over {} changes", s.len()),
        p.dim,
    )));
}

/// Growth per week and the time to the next band (and to freeze, when that is further).
fn breach_line(app: &App, h: &FileReport) -> Line<'static> {
    let rate = h
        .growth_per_week
        .map(|g| format!("{g:+.1} lines/week"))
        .unwrap_or_else(|| "no steady growth".into());
    let mut ttb = vec![Span::raw(format!("  {rate}"))];
    let Some(b) = h.breach else {
        return Line::from(ttb);
    };
    let freeze = b
        .freeze
        .filter(|_| b.next.map(|n| n.band) != Some(Band::Freeze));
    for c in [b.next, freeze].into_iter().flatten() {
        ttb.push(Span::raw(" · "));
        ttb.push(Span::styled(
            format!(
                "{} ({}) in {}",
                band_label(c.band),
                c.lines,
                weeks(c.weeks as f32)
            ),
            app.palette.band(c.band),
        ));
    }
    Line::from(ttb)
}

/// The top authors from the timeline, or the main author from the report.
fn authors_line(
    app: &App,
    h: &FileReport,
    line: Option<&FileLine>,
    width: usize,
) -> Option<Line<'static>> {
    let Some(authors) = line.map(|l| &l.authors).filter(|a| !a.is_empty()) else {
        let m = h.main_author.as_ref()?;
        return Some(Line::from(format!(
            "  main author: {} ({} commits)",
            clean(&m.name),
            m.commits
        )));
    };
    let list: Vec<String> = authors
        .iter()
        .take(5)
        .map(|(n, c)| format!("{} {c}", clean(n)))
        .collect();
    Some(Line::from(fit(
        &format!("  authors: {}", list.join(", ")),
        width,
        app.glyphs.ellipsis,
    )))
}

/// The files most often changed together with this one.
fn coupled_lines(app: &App, path: &str, width: usize, out: &mut Vec<Line<'static>>) {
    let coupled = app.view.history.coupled(path, 5);
    if coupled.is_empty() {
        out.push(Line::from(Span::styled(
            "  coupled: none above the thresholds",
            app.palette.dim,
        )));
        return;
    }
    out.push(Line::from("  most coupled:"));
    for (other, degree, shared) in coupled {
        let text = format!("    {degree:>3}% ({shared} commits) {}", clean(other));
        out.push(Line::from(fit(&text, width, app.glyphs.ellipsis)));
    }
}

/// The series (time, lines) as a sparkline of `width` cells, scaled to the larger of its
/// maximum and the limit; one cell per equal slice of time, each showing the size at its end.
pub fn sparkline(app: &App, s: &[(i64, i64)], width: usize, limit: u32) -> String {
    let (Some(first), Some(last)) = (s.first(), s.last()) else {
        return String::new();
    };
    let width = width.max(1);
    let top = s
        .iter()
        .map(|p| p.1)
        .max()
        .unwrap_or(0)
        .max(i64::from(limit))
        .max(1);
    let span = (last.0 - first.0).max(1);
    let mut out = String::with_capacity(width * 3);
    let mut j = 0;
    let mut level = first.1;
    for i in 0..width {
        let until = first.0 + span * (i as i64 + 1) / width as i64;
        while let Some(p) = s.get(j).filter(|p| p.0 <= until) {
            level = p.1;
            j += 1;
        }
        let k = ((level as f64 / top as f64) * 7.0).round().clamp(0.0, 7.0) as usize;
        out.push(app.glyphs.spark.get(k).copied().unwrap_or(' '));
    }
    out
}
