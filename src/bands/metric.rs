//! The metrics that have limits, and the limit set with the project's defaults.

use serde::{Deserialize, Serialize};

/// A metric with a limit. The snake_case names are the keys in config files, suppressions and
/// reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Lines in a file (all lines, as `wc -l` counts them).
    FileLines,
    /// Direct entries (files and subdirectories) of a directory.
    DirEntries,
    /// Lines spanned by a function or method.
    FunctionLines,
    Cyclomatic,
    Cognitive,
    Params,
    Nesting,
    /// Methods of a class, impl block, trait or interface.
    TypeMethods,
    /// Root folders that hold code.
    TopLevelDomains,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 9] = [
        Metric::FileLines,
        Metric::DirEntries,
        Metric::FunctionLines,
        Metric::Cyclomatic,
        Metric::Cognitive,
        Metric::Params,
        Metric::Nesting,
        Metric::TypeMethods,
        Metric::TopLevelDomains,
    ];

    /// The config and report key.
    pub fn key(self) -> &'static str {
        match self {
            Metric::FileLines => "file_lines",
            Metric::DirEntries => "dir_entries",
            Metric::FunctionLines => "function_lines",
            Metric::Cyclomatic => "cyclomatic",
            Metric::Cognitive => "cognitive",
            Metric::Params => "params",
            Metric::Nesting => "nesting",
            Metric::TypeMethods => "type_methods",
            Metric::TopLevelDomains => "top_level_domains",
        }
    }

    /// Parses a key.
    pub fn parse(key: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.key() == key.trim())
    }

    /// The unit printed after a value ("472/500 lines").
    pub fn unit(self) -> &'static str {
        match self {
            Metric::FileLines | Metric::FunctionLines => "lines",
            Metric::DirEntries => "entries",
            Metric::Cyclomatic | Metric::Cognitive => "",
            Metric::Params => "params",
            Metric::Nesting => "levels",
            Metric::TypeMethods => "methods",
            Metric::TopLevelDomains => "domains",
        }
    }

    /// A one-line description for help texts and SARIF rules.
    pub fn description(self) -> &'static str {
        match self {
            Metric::FileLines => "Lines in a file",
            Metric::DirEntries => "Files and subdirectories directly in a directory",
            Metric::FunctionLines => "Lines in a function or method",
            Metric::Cyclomatic => "Cyclomatic complexity of a function (decision points + 1)",
            Metric::Cognitive => "Cognitive complexity of a function (SonarSource)",
            Metric::Params => "Parameters of a function",
            Metric::Nesting => "Deepest nesting of control structures in a function",
            Metric::TypeMethods => "Methods of a class, impl block, trait or interface",
            Metric::TopLevelDomains => "Top-level folders holding code",
        }
    }
}

/// One limit per metric. A limit of 0 turns the metric off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits([u32; 9]);

impl Default for Limits {
    /// The defaults of `../shared/DESIGN.md` (also in `assets/default-config.toml`).
    fn default() -> Self {
        let mut l = Limits([0; 9]);
        l.set(Metric::FileLines, 500);
        l.set(Metric::DirEntries, 20);
        l.set(Metric::FunctionLines, 100);
        l.set(Metric::Cyclomatic, 15);
        l.set(Metric::Cognitive, 15);
        l.set(Metric::Params, 6);
        l.set(Metric::Nesting, 4);
        l.set(Metric::TypeMethods, 30);
        l.set(Metric::TopLevelDomains, 8);
        l
    }
}

impl Limits {
    /// The limit of `metric`.
    pub fn get(&self, metric: Metric) -> u32 {
        self.0[metric as usize]
    }

    /// Sets the limit of `metric`.
    pub fn set(&mut self, metric: Metric, value: u32) {
        self.0[metric as usize] = value;
    }
}
