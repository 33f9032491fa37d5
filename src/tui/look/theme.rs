//! Themes: `themes/*.toml` embedded in the binary (dark, light, high-contrast, colour-blind), and
//! user themes in `$XDG_CONFIG_HOME/seamline/themes/NAME.toml` that may `inherits` another
//! theme and set only what differs. A theme names colours; `Palette` turns them into styles for
//! the terminal's colour depth.

use std::path::PathBuf;

use toml_edit::{Document, Item, Table};

use crate::bands::Band;
use crate::tui::color::Paint;

/// The built-in themes, in the order `t` cycles through them.
pub const BUILTIN: &[(&str, &str)] = &[
    ("dark", include_str!("../../../themes/dark.toml")),
    ("light", include_str!("../../../themes/light.toml")),
    (
        "high-contrast",
        include_str!("../../../themes/high-contrast.toml"),
    ),
    (
        "colour-blind",
        include_str!("../../../themes/colour-blind.toml"),
    ),
];

/// The colours under `[ui]`.
pub const UI_KEYS: &[&str] = &[
    "fg",
    "bg",
    "dim",
    "accent",
    "border",
    "border_focus",
    "title",
    "selection_fg",
    "selection_bg",
    "status_fg",
    "status_bg",
    "error",
    "match",
];

/// A resolved theme: every colour set.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    /// In `UI_KEYS` order.
    pub ui: Vec<Paint>,
    /// In band order (ok .. freeze).
    pub bands: [Paint; 5],
    pub heat_low: Paint,
    pub heat_high: Paint,
}

impl Theme {
    /// The `[ui]` colour named `key` (reset when unknown).
    pub fn ui(&self, key: &str) -> Paint {
        UI_KEYS
            .iter()
            .position(|k| *k == key)
            .and_then(|i| self.ui.get(i).copied())
            .unwrap_or(Paint::Reset)
    }

    /// The colour of a band.
    pub fn band(&self, band: Band) -> Paint {
        self.bands
            .get(band as usize)
            .copied()
            .unwrap_or(Paint::Reset)
    }
}

/// Where user themes live: `$XDG_CONFIG_HOME/seamline/themes`, else `~/.config/seamline/themes`.
pub fn user_dir() -> Option<PathBuf> {
    crate::config::user_config_path().and_then(|p| p.parent().map(|d| d.join("themes")))
}

/// Every theme name: the built-ins, then the user's (sorted).
pub fn available(user: Option<&std::path::Path>) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
    let mut extra: Vec<String> = user
        .and_then(|d| std::fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            (p.extension().is_some_and(|x| x == "toml"))
                .then(|| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
                .flatten()
        })
        .filter(|n| !names.contains(n))
        .collect();
    extra.sort();
    names.append(&mut extra);
    names
}

/// Loads theme `name`: a user file of that name wins over a built-in one.
pub fn load(name: &str, user: Option<&std::path::Path>) -> Result<Theme, String> {
    load_depth(name, user, 0)
}

const MAX_INHERIT: usize = 8;

fn source(name: &str, user: Option<&std::path::Path>) -> Result<(String, String), String> {
    if let Some(dir) = user {
        let path = dir.join(format!("{name}.toml"));
        match std::fs::read_to_string(&path) {
            Ok(text) => return Ok((path.display().to_string(), text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        }
    }
    BUILTIN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, text)| (format!("themes/{n}.toml"), text.to_string()))
        .ok_or_else(|| {
            let names = available(user).join(", ");
            format!("unknown theme \"{name}\" (themes: {names})")
        })
}

fn load_depth(name: &str, user: Option<&std::path::Path>, depth: usize) -> Result<Theme, String> {
    if depth > MAX_INHERIT {
        return Err(format!(
            "theme \"{name}\": `inherits` goes more than {MAX_INHERIT} deep (a cycle?)"
        ));
    }
    let (file, text) = source(name, user)?;
    let doc = Document::parse(text.as_str())
        .map_err(|e| format!("{file}: not valid TOML: {}", e.message().trim()))?;
    let root = doc.as_table();
    let base = parent(name, root, user, depth)?;
    let mut r = Reader {
        root,
        errors: Vec::new(),
    };
    r.check_top_keys();
    let ui = UI_KEYS
        .iter()
        .map(|k| r.paint("ui", k, base.as_ref().map(|b| b.ui(k))))
        .collect();
    let mut bands = [Paint::Reset; 5];
    for (slot, band) in bands.iter_mut().zip(Band::ALL) {
        *slot = r.paint("bands", band.as_str(), base.as_ref().map(|b| b.band(band)));
    }
    let heat_low = r.paint("heat", "low", base.as_ref().map(|b| b.heat_low));
    let heat_high = r.paint("heat", "high", base.as_ref().map(|b| b.heat_high));
    r.check_table_keys();
    if !r.errors.is_empty() {
        return Err(format!("{file}: {}", r.errors.join("; ")));
    }
    Ok(Theme {
        name: name.to_string(),
        ui,
        bands,
        heat_low,
        heat_high,
    })
}

/// The theme `root` inherits from, loaded.
fn parent(
    name: &str,
    root: &Table,
    user: Option<&std::path::Path>,
    depth: usize,
) -> Result<Option<Theme>, String> {
    Ok(match root.get("inherits").and_then(Item::as_str) {
        // A user theme named like a built-in may inherit from that built-in.
        Some(parent) if parent == name => Some(load_depth(parent, None, depth + 1)?),
        Some(parent) => Some(load_depth(parent, user, depth + 1)?),
        None => None,
    })
}

/// Reads a theme file's colours, collecting every mistake (so one message names them all).
struct Reader<'a> {
    root: &'a Table,
    errors: Vec<String>,
}

impl Reader<'_> {
    /// Top-level keys other than the known ones.
    fn check_top_keys(&mut self) {
        for (key, _) in self.root.iter() {
            if !["name", "inherits", "ui", "bands", "heat"].contains(&key) {
                self.errors.push(format!("unknown key `{key}`"));
            }
        }
    }

    /// `[table] key`, or `fallback` (the parent's) when the theme does not set it.
    fn paint(&mut self, table: &str, key: &str, fallback: Option<Paint>) -> Paint {
        let item = self.root.get(table).and_then(|t| t.get(key));
        let error = match item.and_then(Item::as_str).map(|s| (s, Paint::parse(s))) {
            Some((_, Some(p))) => return p,
            Some((s, None)) => {
                format!("[{table}] {key} = \"{s}\": not a colour (#rrggbb, a name or 0-255)")
            }
            None if item.is_some() => format!("[{table}] {key} must be a string"),
            None => match fallback {
                Some(p) => return p,
                None => format!("[{table}] {key} is missing (or add `inherits = \"dark\"`)"),
            },
        };
        self.errors.push(error);
        Paint::Reset
    }

    /// Keys of `[ui]`, `[bands]` and `[heat]` that no colour has.
    fn check_table_keys(&mut self) {
        for table in ["ui", "bands", "heat"] {
            let known: &[&str] = match table {
                "ui" => UI_KEYS,
                "bands" => &["ok", "watch", "review", "emergency", "freeze"],
                _ => &["low", "high"],
            };
            let Some(t) = self.root.get(table).and_then(Item::as_table_like) else {
                continue;
            };
            for (k, _) in t.iter() {
                if !known.contains(&k) {
                    self.errors.push(format!("unknown key `{k}` in [{table}]"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load_completely() {
        for (name, _) in BUILTIN {
            let t = load(name, None).unwrap();
            assert_eq!(&t.name, name);
        }
    }

    #[test]
    fn colour_blind_bands_get_lighter_band_by_band() {
        let t = load("colour-blind", None).unwrap();
        let l: Vec<f64> = Band::ALL.iter().map(|b| t.band(*b).luminance()).collect();
        assert!(l.windows(2).all(|w| w[1] > w[0] + 0.05), "{l:?}");
    }

    #[test]
    fn user_themes_inherit_and_report_mistakes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.toml"),
            "inherits = \"light\"\n[bands]\nfreeze = \"#123456\"\n",
        )
        .unwrap();
        let t = load("mine", Some(dir.path())).unwrap();
        assert_eq!(t.band(Band::Freeze), Paint::Rgb(0x12, 0x34, 0x56));
        assert_eq!(
            t.band(Band::Ok),
            load("light", None).unwrap().band(Band::Ok)
        );
        assert!(available(Some(dir.path())).contains(&"mine".to_string()));
        std::fs::write(
            dir.path().join("bad.toml"),
            "[ui]\nfg = \"nope\"\ncolour = \"#000000\"\n",
        )
        .unwrap();
        let e = load("bad", Some(dir.path())).unwrap_err();
        assert!(
            e.contains("not a colour")
                && e.contains("unknown key `colour`")
                && e.contains("missing"),
            "{e}"
        );
        std::fs::write(dir.path().join("loop.toml"), "inherits = \"loop2\"\n").unwrap();
        std::fs::write(dir.path().join("loop2.toml"), "inherits = \"loop\"\n").unwrap();
        assert!(load("loop", Some(dir.path()))
            .unwrap_err()
            .contains("cycle"));
        assert!(load("nosuch", None).unwrap_err().contains("unknown theme"));
    }
}
