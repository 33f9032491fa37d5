//! Styles and glyphs: a theme fitted to the terminal's colour depth (`Palette`), and the
//! characters drawn (`Glyphs`: Unicode, or plain ASCII for `--ascii`). Without colour, bands
//! stay readable: every band has its own label and fill glyph, selection is reverse video.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

use crate::bands::Band;
use crate::tui::color::{Depth, Paint};
use crate::tui::theme::Theme;

/// A theme's colours as styles for one colour depth.
#[derive(Debug, Clone, PartialEq)]
pub struct Palette {
    pub depth: Depth,
    pub text: Style,
    pub dim: Style,
    pub accent: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub selection: Style,
    pub status: Style,
    pub error: Style,
    pub matched: Style,
    bands: [Paint; 5],
    heat: (Paint, Paint),
}

impl Palette {
    /// Fits `theme` to `depth`.
    pub fn new(theme: &Theme, depth: Depth) -> Palette {
        let fg = |k: &str| style_fg(theme.ui(k), depth);
        let pair = |f: &str, b: &str| {
            let mut s = style_fg(theme.ui(f), depth);
            if let Some(c) = theme.ui(b).at(depth) {
                s = s.bg(c);
            }
            s
        };
        let none = depth == Depth::None;
        let with = |s: Style, m: Modifier| if none { s.add_modifier(m) } else { s };
        Palette {
            depth,
            text: pair("fg", "bg"),
            dim: with(fg("dim"), Modifier::DIM),
            accent: with(fg("accent"), Modifier::BOLD),
            border: fg("border"),
            border_focus: with(fg("border_focus"), Modifier::BOLD),
            title: fg("title").add_modifier(Modifier::BOLD),
            selection: with(pair("selection_fg", "selection_bg"), Modifier::REVERSED),
            status: with(pair("status_fg", "status_bg"), Modifier::REVERSED),
            error: with(fg("error"), Modifier::BOLD),
            matched: with(fg("match"), Modifier::UNDERLINED).add_modifier(Modifier::BOLD),
            bands: theme.bands,
            heat: (theme.heat_low, theme.heat_high),
        }
    }

    /// Text in a band's colour (bold from emergency on, so it stands out without colour too).
    pub fn band(&self, band: Band) -> Style {
        let s = style_fg(
            self.bands
                .get(band as usize)
                .copied()
                .unwrap_or(Paint::Reset),
            self.depth,
        );
        if band >= Band::Emergency {
            s.add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    /// A filled cell of a band's colour, with readable text on it.
    pub fn band_fill(&self, band: Band) -> Style {
        self.fill(
            self.bands
                .get(band as usize)
                .copied()
                .unwrap_or(Paint::Reset),
        )
    }

    /// A filled cell on the heat scale (t in 0..=1).
    pub fn heat_fill(&self, t: f64) -> Style {
        self.fill(self.heat.0.mix(self.heat.1, t))
    }

    fn fill(&self, paint: Paint) -> Style {
        match paint.at(self.depth) {
            None => Style::default(),
            Some(bg) => {
                let fg = if paint.luminance() > 0.35 {
                    Color::Black
                } else {
                    Color::White
                };
                Style::default().bg(bg).fg(fg)
            }
        }
    }

    /// True when colours are drawn.
    pub fn coloured(&self) -> bool {
        self.depth != Depth::None
    }
}

fn style_fg(p: Paint, depth: Depth) -> Style {
    match p.at(depth) {
        Some(c) => Style::default().fg(c),
        None => Style::default(),
    }
}

/// ASCII borders: `+`, `-` and `|`.
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The characters the cockpit draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub ascii: bool,
    pub border: border::Set<'static>,
    /// Gauge: full cell, partial eighths (1..=7), empty cell.
    pub full: char,
    pub eighths: [char; 7],
    pub empty: char,
    pub open: char,
    pub closed: char,
    pub arrow: &'static str,
    pub ellipsis: &'static str,
    /// Fill per band for cells without colour (ok .. freeze), lightest to densest.
    pub fills: [char; 5],
    /// Spinner frames.
    pub spinner: [char; 4],
    /// Sparkline levels, lowest first.
    pub spark: [char; 8],
}

impl Glyphs {
    /// Unicode box drawing and blocks, or plain ASCII.
    pub fn new(ascii: bool) -> Glyphs {
        if ascii {
            Glyphs {
                ascii,
                border: ASCII_BORDER,
                full: '#',
                eighths: ['#'; 7],
                empty: '-',
                open: 'v',
                closed: '>',
                arrow: "->",
                ellipsis: "~",
                fills: [' ', '.', ':', '*', '#'],
                spinner: ['|', '/', '-', '\\'],
                spark: ['_', '_', '.', '.', '-', '-', '^', '^'],
            }
        } else {
            Glyphs {
                ascii,
                border: border::PLAIN,
                full: '█',
                eighths: ['▏', '▎', '▍', '▌', '▋', '▊', '▉'],
                empty: '·',
                open: '▾',
                closed: '▸',
                arrow: "→",
                ellipsis: "…",
                fills: [' ', '░', '▒', '▓', '█'],
                spinner: ['◐', '◓', '◑', '◒'],
                spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
            }
        }
    }

    /// A gauge of `width` cells filled to `share` (capped at 1).
    pub fn gauge(&self, share: f64, width: usize) -> String {
        let share = if share.is_finite() {
            share.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let eighths = (share * width as f64 * 8.0).round() as usize;
        let (full, part) = (eighths / 8, eighths % 8);
        let mut s = String::with_capacity(width * 3);
        for _ in 0..full.min(width) {
            s.push(self.full);
        }
        let mut used = full.min(width);
        if used < width && part > 0 {
            s.push(self.eighths.get(part - 1).copied().unwrap_or(self.full));
            used += 1;
        }
        for _ in used..width {
            s.push(self.empty);
        }
        s
    }
}

/// A band's label, readable without colour (upper case from emergency on).
pub fn band_label(band: Band) -> &'static str {
    match band {
        Band::Ok => "ok",
        Band::Watch => "watch",
        Band::Review => "review",
        Band::Emergency => "EMERG",
        Band::Freeze => "FREEZE",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauges_fill_by_eighths() {
        let g = Glyphs::new(false);
        assert_eq!(g.gauge(0.5, 4), "██··");
        assert_eq!(g.gauge(0.55, 4), "██▎·");
        assert_eq!(g.gauge(3.0, 3), "███");
        assert_eq!(g.gauge(f64::NAN, 2), "··");
        assert_eq!(Glyphs::new(true).gauge(0.5, 4), "##--");
    }

    #[test]
    fn no_colour_keeps_bands_apart_by_glyph_and_label() {
        let theme = crate::tui::theme::load("dark", None).unwrap();
        let p = Palette::new(&theme, Depth::None);
        assert_eq!(p.band_fill(Band::Freeze), Style::default());
        assert!(p.selection.add_modifier.contains(Modifier::REVERSED));
        let g = Glyphs::new(false);
        let fills: std::collections::HashSet<char> = g.fills.iter().copied().collect();
        assert_eq!(fills.len(), 5);
        let labels: std::collections::HashSet<&str> =
            Band::ALL.iter().map(|b| band_label(*b)).collect();
        assert_eq!(labels.len(), 5);
    }
}
