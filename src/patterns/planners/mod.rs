//! The planners: each turns one target (a file, a type, a function, a directory) and its
//! pattern into a plan, or into nothing when the pattern does not fit.

pub mod antipatterns;
pub mod directory;
pub mod extract_function;
pub mod extract_module;
pub mod split_type;

use crate::bands::{Band, BandLevels, Limits, Metric};
use crate::lang::Language;
use crate::model::facts::FileFacts;
use crate::patterns::items::python::PythonFile;
use crate::patterns::items::rust::RustFile;
use crate::patterns::items::{self, FileItems};
use crate::patterns::library::Pattern;
use crate::patterns::types::{Before, Details, PatchStatus, Plan};

/// One file as the file-level planners see it.
pub struct FileTarget<'a> {
    /// Relative to the scanned root.
    pub path: &'a str,
    pub facts: &'a FileFacts,
    pub src: &'a str,
    pub limits: Limits,
    pub levels: BandLevels,
    /// Hotspot score in [0, 1] from the history (0 without history).
    pub hotspot: f64,
    /// Co-change of the file's components by qualified name, degree in [0, 1].
    pub cochange: &'a [(String, String, f64)],
    /// True when a path (relative to the root) exists in the tree.
    pub exists: &'a dyn Fn(&str) -> bool,
    /// The file's items and its tree-sitter tree, read once on first use and shared by every
    /// planner (a file with many functions over their limits is planned once per function).
    pub cache: ParseCache,
}

/// What planners parse of a file, parsed at most once.
#[derive(Default)]
pub struct ParseCache {
    parsed: std::cell::OnceCell<Option<Parsed>>,
    tree: std::cell::OnceCell<Option<tree_sitter::Tree>>,
}

impl FileTarget<'_> {
    /// The file's items (see [`Parsed::of`]; Python's are read from the shared tree).
    pub fn parsed(&self) -> Option<&Parsed> {
        let language = self.facts.language;
        let read = || match language {
            Language::Python => self
                .syntax_tree()
                .map(|tree| Parsed::Python(Box::new(items::python::extract_from(tree, self.src)))),
            _ => Parsed::of(language, self.src),
        };
        self.cache.parsed.get_or_init(read).as_ref()
    }

    /// The file's tree-sitter tree.
    pub fn syntax_tree(&self) -> Option<&tree_sitter::Tree> {
        let language = self.facts.language;
        self.cache
            .tree
            .get_or_init(|| crate::patterns::ts::parse(language, self.src))
            .as_ref()
    }
}

/// A file's items with the language-specific extras the patches need.
pub enum Parsed {
    Rust(Box<RustFile>),
    Python(Box<PythonFile>),
    Other(Box<FileItems>),
}

impl Parsed {
    /// Parses `src`; `None` when there is no item extractor for the language or it fails.
    pub fn of(language: Language, src: &str) -> Option<Parsed> {
        match language {
            Language::Rust => items::rust::extract(src)
                .map(|r| Parsed::Rust(Box::new(r)))
                .or_else(|| {
                    items::generic::extract(Language::Rust, src).map(|f| Parsed::Other(Box::new(f)))
                }),
            Language::Python => {
                items::python::extract_file(src).map(|p| Parsed::Python(Box::new(p)))
            }
            l if l.has_parser() => {
                items::generic::extract(l, src).map(|f| Parsed::Other(Box::new(f)))
            }
            _ => None,
        }
    }

    pub fn items(&self) -> &FileItems {
        match self {
            Parsed::Rust(r) => &r.items,
            Parsed::Python(p) => &p.items,
            Parsed::Other(f) => f,
        }
    }
}

/// The band of `value` against the limit of `metric`.
pub fn band(levels: &BandLevels, limits: &Limits, metric: Metric, value: u32) -> Band {
    levels.band(value, limits.get(metric))
}

/// A plan with the pattern's texts filled in and nothing else.
pub fn plan_skeleton(
    pattern: &Pattern,
    target: String,
    title: String,
    before: Option<Before>,
) -> Plan {
    Plan {
        pattern: pattern.id.clone(),
        pattern_name: pattern.name.clone(),
        planner: pattern.planner.key().to_string(),
        target,
        title,
        confidence: 0.0,
        before,
        pieces: Vec::new(),
        cut: Vec::new(),
        gain: 0.0,
        cost: 0.0,
        score: 0.0,
        patch: PatchStatus::None,
        rationale: pattern.rationale.clone(),
        steps: pattern.steps.clone(),
        details: Details::default(),
        changes: None,
    }
}
