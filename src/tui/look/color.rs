//! How many colours the terminal shows, and how a theme's colour is brought down to that:
//! truecolor as is, 256 colours to the nearest of the xterm cube and grey ramp, 16 colours to
//! the nearest ANSI colour, and none at all (`NO_COLOR`, `--color never`, `TERM=dumb`), where
//! the cockpit relies on glyphs, labels and reverse video instead.

use ratatui::style::Color;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// What the terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Depth {
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl Depth {
    /// Detects the depth from `--color` and the environment (`NO_COLOR`, `COLORTERM`, `TERM`).
    /// `--color always` overrides `NO_COLOR` (an explicit flag wins over the environment).
    pub fn detect(choice: ColorChoice, env: &dyn Fn(&str) -> Option<String>) -> Depth {
        let term = env("TERM").unwrap_or_default();
        let colorterm = env("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        let no_color = env("NO_COLOR").is_some_and(|v| !v.is_empty());
        let depth = if colorterm == "truecolor" || colorterm == "24bit" {
            Depth::TrueColor
        } else if term.contains("256color") || term.contains("direct") {
            Depth::Ansi256
        } else if term.is_empty() || term == "dumb" {
            Depth::None
        } else {
            Depth::Ansi16
        };
        match choice {
            ColorChoice::Never => Depth::None,
            ColorChoice::Always => depth.max(Depth::Ansi16),
            ColorChoice::Auto if no_color => Depth::None,
            ColorChoice::Auto => depth,
        }
    }

    /// A short name for the status line and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Depth::None => "no colour",
            Depth::Ansi16 => "16 colours",
            Depth::Ansi256 => "256 colours",
            Depth::TrueColor => "truecolor",
        }
    }
}

/// A theme colour before it is fitted to the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// The terminal's own default.
    Reset,
    Rgb(u8, u8, u8),
    /// An index of the 256-colour palette.
    Indexed(u8),
    /// One of the 16 ANSI colours.
    Named(Color),
}

/// The 16 ANSI colours with the RGB values xterm uses, for the nearest-colour search.
const ANSI: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// Colour names a theme may use (after `-` and spaces become `_`).
const NAMES: &[(&str, Color)] = &[
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("grey", Color::Gray),
    ("dark_gray", Color::DarkGray),
    ("dark_grey", Color::DarkGray),
    ("light_red", Color::LightRed),
    ("light_green", Color::LightGreen),
    ("light_yellow", Color::LightYellow),
    ("light_blue", Color::LightBlue),
    ("light_magenta", Color::LightMagenta),
    ("light_cyan", Color::LightCyan),
    ("white", Color::White),
];

impl Paint {
    /// Parses `#rrggbb`, an ANSI colour name, `reset`, or a palette index `0`..`255`.
    pub fn parse(text: &str) -> Option<Paint> {
        let t = text.trim().to_ascii_lowercase();
        if let Some(hex) = t.strip_prefix('#') {
            if hex.len() != 6 || !hex.is_ascii() {
                return None;
            }
            let part = |i: usize| {
                hex.get(i..i + 2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            };
            return Some(Paint::Rgb(part(0)?, part(2)?, part(4)?));
        }
        if let Ok(n) = t.parse::<u8>() {
            return Some(Paint::Indexed(n));
        }
        let name = t.replace(['-', ' '], "_");
        if name == "reset" || name == "default" {
            return Some(Paint::Reset);
        }
        NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| Paint::Named(*c))
    }

    /// The RGB value, where one is known.
    pub fn rgb(self) -> Option<(u8, u8, u8)> {
        match self {
            Paint::Rgb(r, g, b) => Some((r, g, b)),
            Paint::Named(c) => ANSI.iter().find(|(a, _)| *a == c).map(|(_, rgb)| *rgb),
            Paint::Indexed(i) => Some(index_rgb(i)),
            Paint::Reset => None,
        }
    }

    /// The colour to draw with at `depth`; `None` when colours are off.
    pub fn at(self, depth: Depth) -> Option<Color> {
        match (self, depth) {
            (_, Depth::None) => None,
            (Paint::Reset, _) => Some(Color::Reset),
            (Paint::Named(c), _) => Some(c),
            (Paint::Rgb(r, g, b), Depth::TrueColor) => Some(Color::Rgb(r, g, b)),
            (Paint::Rgb(r, g, b), Depth::Ansi256) => Some(Color::Indexed(nearest_256((r, g, b)))),
            (Paint::Indexed(i), Depth::TrueColor | Depth::Ansi256) => Some(Color::Indexed(i)),
            (p, Depth::Ansi16) => p.rgb().map(nearest_16),
        }
    }

    /// A colour between `self` (t = 0) and `other` (t = 1), for heat scales.
    pub fn mix(self, other: Paint, t: f64) -> Paint {
        match (self.rgb(), other.rgb()) {
            (Some(a), Some(b)) => {
                let t = t.clamp(0.0, 1.0);
                let m =
                    |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
                Paint::Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
            }
            _ if t < 0.5 => self,
            _ => other,
        }
    }

    /// Relative luminance (WCAG), 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let Some((r, g, b)) = self.rgb() else {
            return 0.5;
        };
        let f = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)
    }
}

fn dist(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).unsigned_abs();
    d(a.0, b.0).pow(2) + d(a.1, b.1).pow(2) + d(a.2, b.2).pow(2)
}

const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

fn index_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI
            .get(usize::from(i))
            .map(|(_, c)| *c)
            .unwrap_or((0, 0, 0)),
        16..=231 => {
            let n = usize::from(i - 16);
            let c = |k: usize| CUBE.get(k % 6).copied().unwrap_or(0);
            (c(n / 36), c(n / 6), c(n))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}

/// The nearest colour of the 256-colour palette (cube 16..=231 or grey ramp 232..=255).
pub fn nearest_256(rgb: (u8, u8, u8)) -> u8 {
    (16..=255u8)
        .min_by_key(|&i| dist(index_rgb(i), rgb))
        .unwrap_or(16)
}

/// The nearest of the 16 ANSI colours.
pub fn nearest_16(rgb: (u8, u8, u8)) -> Color {
    ANSI.iter()
        .min_by_key(|(_, c)| dist(*c, rgb))
        .map(|(c, _)| *c)
        .unwrap_or(Color::Reset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn detects_depth_from_the_environment() {
        let d = |c, v| Depth::detect(c, &env(v));
        use ColorChoice::*;
        assert_eq!(
            d(
                Auto,
                &[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")]
            ),
            Depth::TrueColor
        );
        assert_eq!(d(Auto, &[("TERM", "xterm-256color")]), Depth::Ansi256);
        assert_eq!(d(Auto, &[("TERM", "screen")]), Depth::Ansi16);
        assert_eq!(d(Auto, &[("TERM", "dumb")]), Depth::None);
        assert_eq!(
            d(Auto, &[("TERM", "xterm-256color"), ("NO_COLOR", "1")]),
            Depth::None
        );
        assert_eq!(
            d(Auto, &[("TERM", "xterm-256color"), ("NO_COLOR", "")]),
            Depth::Ansi256
        );
        assert_eq!(
            d(Always, &[("TERM", "xterm-256color"), ("NO_COLOR", "1")]),
            Depth::Ansi256
        );
        assert_eq!(d(Always, &[("TERM", "dumb")]), Depth::Ansi16);
        assert_eq!(d(Never, &[("COLORTERM", "truecolor")]), Depth::None);
    }

    #[test]
    fn fits_colours_to_the_depth() {
        let orange = Paint::parse("#ffaf00").unwrap();
        assert_eq!(orange.at(Depth::TrueColor), Some(Color::Rgb(255, 175, 0)));
        assert_eq!(orange.at(Depth::Ansi256), Some(Color::Indexed(214)));
        assert_eq!(orange.at(Depth::Ansi16), Some(Color::Yellow));
        assert_eq!(orange.at(Depth::None), None);
        assert_eq!(
            Paint::parse("#808080").unwrap().at(Depth::Ansi256),
            Some(Color::Indexed(244))
        );
        assert_eq!(
            Paint::parse("dark-gray"),
            Some(Paint::Named(Color::DarkGray))
        );
        assert_eq!(Paint::parse("#12345"), None);
        assert_eq!(Paint::parse("#ééé"), None);
        assert_eq!(Paint::parse("200"), Some(Paint::Indexed(200)));
    }

    #[test]
    fn mixes_for_heat_scales() {
        let a = Paint::Rgb(0, 0, 0);
        let b = Paint::Rgb(200, 100, 50);
        assert_eq!(a.mix(b, 0.5), Paint::Rgb(100, 50, 25));
        assert_eq!(a.mix(b, 2.0), b);
    }
}
