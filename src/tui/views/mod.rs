//! The panes, each a function from the state to a region of the frame. Nothing here changes
//! state; everything from the repository goes through `clean` (the project's `sanitize`)
//! before it is drawn.

pub mod churn;
pub mod detail;
pub mod events;
mod file_history;
pub mod heatmap;
pub mod overlay;
pub mod status;
pub mod suggestions;
pub mod tree;

use std::borrow::Cow;

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::app::App;
use super::layout::Pane;
use crate::bands::Metric;

/// Text from the repository, made safe to draw.
pub fn clean(s: &str) -> Cow<'_, str> {
    crate::sanitize::sanitize(s)
}

/// Display width of a character (0 for combining marks, 2 for wide ones).
pub fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    Span::raw(&*c.encode_utf8(&mut buf)).width()
}

/// Cuts `s` to `width` columns (with an ellipsis when cut) and pads it to exactly `width`.
pub fn fit(s: &str, width: usize, ellipsis: &str) -> String {
    let mut out = String::with_capacity(width + 4);
    let total: usize = s.chars().map(char_width).sum();
    if total <= width {
        out.push_str(s);
        out.extend(std::iter::repeat_n(' ', width - total));
        return out;
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push_str(ellipsis);
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// Cuts `s` from the left to `width` columns, keeping its end (for paths).
pub fn fit_left(s: &str, width: usize, ellipsis: &str) -> String {
    let total: usize = s.chars().map(char_width).sum();
    if total <= width {
        return s.to_string();
    }
    let mut kept: Vec<char> = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = char_width(c);
        if used + w > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.reverse();
    format!("{ellipsis}{}", kept.into_iter().collect::<String>())
}

/// A pane's frame, highlighted when focused.
pub fn pane_block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let focused = app.focus == pane && app.finder.is_none() && app.help.is_none();
    let style = if focused {
        app.palette.border_focus
    } else {
        app.palette.border
    };
    let title_style = if focused {
        app.palette.title
    } else {
        app.palette.dim
    };
    let mark = if focused && !app.palette.coloured() {
        "*"
    } else {
        ""
    };
    Block::default()
        .borders(Borders::ALL)
        .border_set(app.glyphs.border)
        .border_style(style)
        .title(Line::from(Span::styled(
            format!(" {mark}{title} "),
            title_style,
        )))
}

/// A count in at most 6 columns: 999, 12.3k, 4.5M.
pub fn compact(n: u64) -> String {
    match n {
        0..=99_999 => n.to_string(),
        100_000..=9_999_999 => format!("{:.0}k", n as f64 / 1000.0),
        _ => format!("{:.1}M", n as f64 / 1_000_000.0),
    }
}

/// Weeks until a crossing: `<1w`, `12w`, `3.1y`.
pub fn weeks(w: f32) -> String {
    if !w.is_finite() {
        return "-".into();
    }
    if w < 1.0 {
        "<1w".into()
    } else if w < 100.0 {
        format!("{w:.0}w")
    } else {
        format!("{:.1}y", w / 52.0)
    }
}

/// A metric's short name for narrow columns.
pub fn metric_short(m: Metric) -> &'static str {
    match m {
        Metric::FileLines => "lines",
        Metric::DirEntries => "entries",
        Metric::FunctionLines => "fn lines",
        Metric::Cyclomatic => "cyclo",
        Metric::Cognitive => "cogn",
        Metric::Params => "params",
        Metric::Nesting => "nesting",
        Metric::TypeMethods => "methods",
        Metric::TopLevelDomains => "domains",
    }
}

/// A rectangle of `w` × `h` centred in `area` (clamped to it).
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_text_to_columns() {
        assert_eq!(fit("abc", 5, "…"), "abc  ");
        assert_eq!(fit("abcdef", 4, "…"), "abc…");
        assert_eq!(fit("日本語", 4, "…"), "日… ");
        assert_eq!(fit_left("src/a/b/c.rs", 8, "…"), "…/b/c.rs");
        assert_eq!(compact(123_456), "123k");
        assert_eq!(weeks(0.5), "<1w");
        assert_eq!(weeks(260.0), "5.0y");
    }
}
