//! Layered configuration: embedded defaults (`assets/default-config.toml`) < user file (XDG
//! config directory) < repository `.seamline.toml` < `--config FILE` < command-line flags.
//!
//! A bad config never crashes and never silently does the wrong thing: every unknown key, wrong
//! type, bad glob or band order that makes no sense is reported with its file and line (and the
//! nearest valid key), and the command exits with code 2.

pub mod origin;
pub mod parse;
pub mod schema;
pub mod show;
pub mod ui;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::bands::{Band, BandLevels, Limits, Metric, Policy};
use crate::lang::Language;

pub use origin::{ConfigError, ConfigErrors, Layer, Origin, Source};
pub use parse::{Override, Setting, Value};

/// The embedded defaults.
pub const DEFAULT_CONFIG: &str = include_str!("../../assets/default-config.toml");

/// The repository config file name.
pub const REPO_FILE: &str = ".seamline.toml";

/// Where to look for configuration.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The scanned root (its `.seamline.toml` is the repository layer).
    pub root: PathBuf,
    /// The user's config file; `None` to skip that layer (tests, `--no-user-config`).
    pub user_file: Option<PathBuf>,
    /// `--config FILE`.
    pub config_file: Option<PathBuf>,
    /// `--limit metric=N` flags.
    pub limit_flags: Vec<String>,
}

impl LoadOptions {
    /// Options for `root` with the user file at its XDG place (`$XDG_CONFIG_HOME/seamline/
    /// config.toml`, else `~/.config/seamline/config.toml`).
    pub fn for_root(root: &Path) -> Self {
        LoadOptions {
            root: root.to_path_buf(),
            user_file: user_config_path(),
            ..LoadOptions::default()
        }
    }
}

/// The user's config file path (it may not exist).
pub fn user_config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::home_dir().map(|h| h.join(".config")))?;
    Some(base.join("seamline").join("config.toml"))
}

/// The effective configuration, with the origin of every value.
#[derive(Debug, Clone)]
pub struct Config {
    pub limits: Limits,
    pub levels: BandLevels,
    pub max_file_size: u64,
    pub ignore: Vec<String>,
    /// Only these languages are scanned (`None`: all).
    pub languages: Option<Vec<Language>>,
    pub fail_at: Band,
    /// In file order; a later override wins over an earlier one for the same metric.
    pub overrides: Vec<Override>,
    /// `table.key` → where its effective value came from.
    pub origins: BTreeMap<String, Origin>,
    /// The files that were read, in layer order.
    pub sources: Vec<Source>,
    /// `[history]`: change-coupling thresholds and the growth window.
    pub history: crate::history::HistorySettings,
    /// `[ui]` and `[keys]`: the cockpit's theme and key bindings.
    pub ui: ui::UiSettings,
}

impl Config {
    /// Loads and merges every layer. All problems are returned together.
    pub fn load(opts: &LoadOptions) -> Result<Config, ConfigErrors> {
        let mut cfg = Config::empty();
        let mut errors = Vec::new();
        let layers = read_layers(opts, &mut errors);
        for (source, text) in layers {
            match parse::parse_toml(&text, &source) {
                Ok(settings) => cfg.apply(settings),
                Err(mut e) => errors.append(&mut e),
            }
            cfg.sources.push(source);
        }
        match parse::parse_limit_flags(&opts.limit_flags) {
            Ok(settings) => cfg.apply(settings),
            Err(mut e) => errors.append(&mut e),
        }
        if errors.is_empty() {
            cfg.check_levels(&mut errors);
        }
        if errors.is_empty() {
            Ok(cfg)
        } else {
            Err(ConfigErrors(errors))
        }
    }

    fn empty() -> Config {
        Config {
            limits: Limits::default(),
            levels: BandLevels::default(),
            max_file_size: crate::scan::DEFAULT_MAX_FILE_SIZE,
            ignore: Vec::new(),
            languages: None,
            fail_at: Band::Freeze,
            overrides: Vec::new(),
            origins: BTreeMap::new(),
            sources: Vec::new(),
            history: crate::history::HistorySettings::default(),
            ui: ui::UiSettings::default(),
        }
    }

    fn apply(&mut self, layer: parse::LayerSettings) {
        for s in layer.settings {
            self.origins
                .insert(format!("{}.{}", s.table, s.key), s.origin.clone());
            match (s.table, s.value) {
                ("limits", Value::UInt(n)) => self.set_limit(s.key, n),
                ("bands", Value::Percent(p)) => self.set_level(s.key, p / 100.0),
                ("scan", Value::UInt(n)) => self.max_file_size = n,
                ("scan", Value::Globs(g)) => self.ignore = g,
                ("scan", Value::Languages(l)) => self.languages = Some(l),
                ("check", Value::Band(b)) => self.fail_at = b,
                ("history", Value::UInt(n)) => {
                    self.history.set(s.key, n as f64);
                }
                ("history", Value::Percent(p)) => {
                    self.history.set(s.key, p);
                }
                ("ui", Value::Text(t)) => self.ui.theme = Some(t),
                ("keys", Value::Keys(k)) => self.ui.bind(s.key, k),
                _ => {}
            }
        }
        self.overrides.extend(layer.overrides);
    }

    fn set_limit(&mut self, key: &str, n: u64) {
        if let Some(m) = Metric::parse(key) {
            self.limits.set(m, n.min(u64::from(u32::MAX)) as u32);
        }
    }

    fn set_level(&mut self, key: &str, level: f64) {
        match key {
            "watch" => self.levels.watch = level,
            "review" => self.levels.review = level,
            "emergency" => self.levels.emergency = level,
            _ => self.levels.freeze = level,
        }
    }

    fn check_levels(&self, errors: &mut Vec<ConfigError>) {
        if self.levels.is_ordered() {
            return;
        }
        let l = self.levels;
        let pairs = [
            ("watch", l.watch, "review", l.review),
            ("review", l.review, "emergency", l.emergency),
            ("emergency", l.emergency, "freeze", l.freeze),
        ];
        for (a, va, b, vb) in pairs {
            if va >= vb {
                let origin = self.origins.get(&format!("bands.{b}")).cloned();
                let o2 = self.origins.get(&format!("bands.{a}")).cloned();
                let at = [origin, o2]
                    .into_iter()
                    .flatten()
                    .max_by_key(|o| (o.layer, o.line))
                    .unwrap_or(Origin {
                        layer: Layer::Default,
                        name: "[bands]".into(),
                        line: 0,
                    });
                errors.push(ConfigError {
                    file: at.name,
                    line: at.line,
                    message: format!(
                        "band levels must increase: {a} ({}%) must be below {b} ({}%)",
                        va * 100.0,
                        vb * 100.0
                    ),
                });
            }
        }
    }

    /// Where `table.key`'s value came from.
    pub fn origin(&self, key: &str) -> Option<&Origin> {
        self.origins.get(key)
    }
}

/// The embedded defaults and every config file that exists, in layer order. A file that was
/// named (`--config`) but cannot be read, or one that exists but cannot be read, is an error.
fn read_layers(opts: &LoadOptions, errors: &mut Vec<ConfigError>) -> Vec<(Source, String)> {
    let mut layers = vec![(
        Source {
            layer: Layer::Default,
            name: "assets/default-config.toml".into(),
        },
        DEFAULT_CONFIG.to_string(),
    )];
    let files = [
        (Layer::User, opts.user_file.clone(), false),
        (Layer::Repo, Some(opts.root.join(REPO_FILE)), false),
        (Layer::ConfigFlag, opts.config_file.clone(), true),
    ];
    for (layer, path, required) in files {
        let Some(path) = path else { continue };
        let name = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => layers.push((Source { layer, name }, text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {}
            Err(e) => errors.push(ConfigError {
                file: name,
                line: 0,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    layers
}

impl Policy for Config {
    fn limits(&self, path: &str) -> Limits {
        let mut limits = self.limits;
        for o in &self.overrides {
            if o.matcher.is_match(path) {
                for (m, n) in &o.limits {
                    limits.set(*m, *n);
                }
            }
        }
        limits
    }

    fn levels(&self) -> BandLevels {
        self.levels
    }
}
