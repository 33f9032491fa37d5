//! The pattern library: refactoring patterns as data (`assets/patterns/*.toml`, embedded), plus
//! the user's (`$XDG_CONFIG_HOME/seamline/patterns/`) and the repository's
//! (`.seamline/patterns/`) files, which may add patterns or override fields of existing ones by
//! id. A bad file or a bad pattern is reported with its file and line and skipped; the rest of
//! the library still loads. The format is documented in `docs/patterns.md`.

mod parse;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use globset::GlobSet;

use crate::bands::{Band, Metric};
use crate::lang::Language;

pub use parse::{parse_file, PatternError};

/// The embedded pattern files, in load order.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "assets/patterns/extract-module.toml",
        include_str!("../../../assets/patterns/extract-module.toml"),
    ),
    (
        "assets/patterns/split-type.toml",
        include_str!("../../../assets/patterns/split-type.toml"),
    ),
    (
        "assets/patterns/split-directory.toml",
        include_str!("../../../assets/patterns/split-directory.toml"),
    ),
    (
        "assets/patterns/extract-function.toml",
        include_str!("../../../assets/patterns/extract-function.toml"),
    ),
    (
        "assets/patterns/consolidate-duplicates.toml",
        include_str!("../../../assets/patterns/consolidate-duplicates.toml"),
    ),
    (
        "assets/patterns/anti-patterns.toml",
        include_str!("../../../assets/patterns/anti-patterns.toml"),
    ),
];

/// What kind of node a pattern is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppliesTo {
    Directory,
    File,
    Type,
    Function,
}

impl AppliesTo {
    pub const NAMES: [&'static str; 4] = ["directory", "file", "type", "function"];

    pub fn parse(s: &str) -> Option<AppliesTo> {
        match s {
            "directory" => Some(AppliesTo::Directory),
            "file" => Some(AppliesTo::File),
            "type" => Some(AppliesTo::Type),
            "function" => Some(AppliesTo::Function),
            _ => None,
        }
    }
}

/// The planners that compute plans; a pattern names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlannerKind {
    ExtractModule,
    SplitType,
    SplitDirectory,
    ExtractFunction,
    ConsolidateDuplicates,
    ParallelFiles,
    /// A detector of one anti-pattern (see `Detector`).
    AntiPattern,
}

impl PlannerKind {
    pub const NAMES: [&'static str; 7] = [
        "extract_module",
        "split_type",
        "split_directory",
        "extract_function",
        "consolidate_duplicates",
        "parallel_files",
        "anti_pattern",
    ];

    pub fn parse(s: &str) -> Option<PlannerKind> {
        let all = [
            PlannerKind::ExtractModule,
            PlannerKind::SplitType,
            PlannerKind::SplitDirectory,
            PlannerKind::ExtractFunction,
            PlannerKind::ConsolidateDuplicates,
            PlannerKind::ParallelFiles,
            PlannerKind::AntiPattern,
        ];
        all.into_iter().find(|p| p.key() == s)
    }

    pub fn key(self) -> &'static str {
        match self {
            PlannerKind::ExtractModule => "extract_module",
            PlannerKind::SplitType => "split_type",
            PlannerKind::SplitDirectory => "split_directory",
            PlannerKind::ExtractFunction => "extract_function",
            PlannerKind::ConsolidateDuplicates => "consolidate_duplicates",
            PlannerKind::ParallelFiles => "parallel_files",
            PlannerKind::AntiPattern => "anti_pattern",
        }
    }
}

/// The anti-pattern detectors an `anti_pattern` pattern may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detector {
    PythonBareExcept,
    PythonExceptPass,
    PythonAssert,
    PythonSleep,
    RustUnwrap,
    RustLetUnderscore,
    RustSleep,
}

impl Detector {
    pub const NAMES: [&'static str; 7] = [
        "python_bare_except",
        "python_except_pass",
        "python_assert",
        "python_sleep",
        "rust_unwrap",
        "rust_let_underscore",
        "rust_sleep",
    ];

    pub fn parse(s: &str) -> Option<Detector> {
        let all = [
            Detector::PythonBareExcept,
            Detector::PythonExceptPass,
            Detector::PythonAssert,
            Detector::PythonSleep,
            Detector::RustUnwrap,
            Detector::RustLetUnderscore,
            Detector::RustSleep,
        ];
        Detector::NAMES
            .iter()
            .position(|n| *n == s)
            .and_then(|i| all.get(i).copied())
    }

    /// The language the detector reads.
    pub fn language(self) -> Language {
        match self {
            Detector::RustUnwrap | Detector::RustLetUnderscore | Detector::RustSleep => {
                Language::Rust
            }
            _ => Language::Python,
        }
    }
}

/// When a pattern is offered.
#[derive(Debug, Clone)]
pub struct Trigger {
    /// Offered when any of these metrics of the target is at or past `band` (empty: always).
    pub metrics: Vec<Metric>,
    pub band: Band,
    /// Only for files of these languages (`None`: any language with a parser).
    pub languages: Option<Vec<Language>>,
    /// Structural condition: at least this many items (top-level items of a file, methods of a
    /// type, entries of a directory, candidate blocks of a function).
    pub min_items: u32,
    /// Only for paths matching these globs (`None`: everywhere).
    pub paths: Option<(Vec<String>, GlobSet)>,
    /// Never for paths matching these globs.
    pub exclude_paths: Option<(Vec<String>, GlobSet)>,
}

impl Default for Trigger {
    fn default() -> Self {
        Trigger {
            metrics: Vec::new(),
            band: Band::Watch,
            languages: None,
            min_items: 0,
            paths: None,
            exclude_paths: None,
        }
    }
}

impl Trigger {
    /// True when `path` (relative, `/`-separated) and `lang` pass the path and language filters.
    pub fn admits(&self, path: &str, lang: Option<Language>) -> bool {
        if let (Some(langs), Some(l)) = (&self.languages, lang) {
            if !langs.contains(&l) {
                return false;
            }
        }
        if let Some((_, set)) = &self.paths {
            if !set.is_match(path) {
                return false;
            }
        }
        !self
            .exclude_paths
            .as_ref()
            .is_some_and(|(_, set)| set.is_match(path))
    }
}

/// One refactoring pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub id: String,
    pub name: String,
    pub applies_to: AppliesTo,
    pub planner: PlannerKind,
    /// For `anti_pattern` patterns: what to look for.
    pub detector: Option<Detector>,
    pub trigger: Trigger,
    pub rationale: String,
    pub steps: Vec<String>,
    pub enabled: bool,
    /// `file:line` where the pattern (or its last override) was defined.
    pub origin: String,
}

/// The loaded library: every enabled and disabled pattern, and the problems met loading it.
#[derive(Debug, Clone, Default)]
pub struct Library {
    pub patterns: Vec<Pattern>,
    pub errors: Vec<PatternError>,
}

impl Library {
    /// The embedded patterns alone.
    pub fn embedded() -> Library {
        let mut lib = Library::default();
        for (name, text) in EMBEDDED {
            lib.add_text(name, text);
        }
        lib
    }

    /// Embedded < user directory < repository `.seamline/patterns/` under `root`.
    pub fn load(root: &Path, user_dir: Option<&Path>) -> Library {
        let mut lib = Library::embedded();
        if let Some(dir) = user_dir {
            lib.add_dir(dir);
        }
        lib.add_dir(&root.join(".seamline").join("patterns"));
        lib
    }

    /// Adds every `*.toml` file of `dir` in name order; a missing directory adds nothing.
    pub fn add_dir(&mut self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        files.sort();
        for path in files {
            let name = path.display().to_string();
            match std::fs::read_to_string(&path) {
                Ok(text) => self.add_text(&name, &text),
                Err(e) => self.errors.push(PatternError {
                    file: name,
                    line: 0,
                    message: format!("cannot read: {e}"),
                }),
            }
        }
    }

    /// Adds the patterns of one file's text; errors are collected, valid patterns still load.
    pub fn add_text(&mut self, name: &str, text: &str) {
        let (patches, mut errors) = parse_file(name, text);
        self.errors.append(&mut errors);
        for patch in patches {
            let existing = self.patterns.iter_mut().find(|p| p.id == patch.id);
            match patch.apply(existing) {
                Ok(Some(new)) => self.patterns.push(new),
                Ok(None) => {}
                Err(e) => self.errors.push(e),
            }
        }
    }

    /// The enabled patterns computed by `planner`.
    pub fn by_planner(&self, planner: PlannerKind) -> impl Iterator<Item = &Pattern> {
        self.patterns
            .iter()
            .filter(move |p| p.enabled && p.planner == planner)
    }

    /// The pattern with this id.
    pub fn get(&self, id: &str) -> Option<&Pattern> {
        self.patterns.iter().find(|p| p.id == id)
    }
}

/// The user's pattern directory (`$XDG_CONFIG_HOME/seamline/patterns`, else
/// `~/.config/seamline/patterns`).
pub fn user_dir() -> Option<PathBuf> {
    crate::config::user_config_path().and_then(|p| p.parent().map(|d| d.join("patterns")))
}
