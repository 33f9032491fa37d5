//! Facts about one file, as the language analysers and the line counter produce them.
//!
//! These plain values are what the scanner caches (keyed by content hash), what the model stores
//! per file, and what every report serialises. They carry no ids and no references, so a file's
//! facts can be computed on any thread and moved into the model in one step.

use serde::{Deserialize, Serialize};

use crate::lang::Language;

/// Line classes summed over a file or a component span, counted as tokei counts them: a line
/// with any code is code, a line with only comment text is comment, an empty or white line is blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCounts {
    pub total: u32,
    pub code: u32,
    pub comment: u32,
    pub blank: u32,
}

impl LineCounts {
    /// Adds another count into this one (directory and language aggregates).
    pub fn add(&mut self, other: &LineCounts) {
        self.total += other.total;
        self.code += other.code;
        self.comment += other.comment;
        self.blank += other.blank;
    }

    /// Removes a count that was added before (incremental aggregate updates).
    pub fn sub(&mut self, other: &LineCounts) {
        self.total = self.total.saturating_sub(other.total);
        self.code = self.code.saturating_sub(other.code);
        self.comment = self.comment.saturating_sub(other.comment);
        self.blank = self.blank.saturating_sub(other.blank);
    }
}

/// What a component is. Languages map their constructs onto this shared vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum ComponentKind {
    Function,
    Method,
    Closure,
    Class,
    Struct,
    Enum,
    Union,
    Trait,
    Interface,
    Impl,
    Module,
    Namespace,
    Macro,
}

impl ComponentKind {
    /// Functions and methods carry complexity metrics.
    pub fn is_callable(self) -> bool {
        matches!(
            self,
            ComponentKind::Function | ComponentKind::Method | ComponentKind::Closure
        )
    }

    /// Types whose method count is measured (class, impl block, trait, interface, struct).
    pub fn is_type(self) -> bool {
        matches!(
            self,
            ComponentKind::Class
                | ComponentKind::Struct
                | ComponentKind::Enum
                | ComponentKind::Union
                | ComponentKind::Trait
                | ComponentKind::Interface
                | ComponentKind::Impl
        )
    }

    /// The lowercase name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Function => "function",
            ComponentKind::Method => "method",
            ComponentKind::Closure => "closure",
            ComponentKind::Class => "class",
            ComponentKind::Struct => "struct",
            ComponentKind::Enum => "enum",
            ComponentKind::Union => "union",
            ComponentKind::Trait => "trait",
            ComponentKind::Interface => "interface",
            ComponentKind::Impl => "impl",
            ComponentKind::Module => "module",
            ComponentKind::Namespace => "namespace",
            ComponentKind::Macro => "macro",
        }
    }
}

/// Complexity of one function or method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FnMetrics {
    /// Decision points + 1 (rules per language in `docs/metrics.md`).
    pub cyclomatic: u32,
    /// SonarSource cognitive complexity, nesting increments included.
    pub cognitive: u32,
    /// Declared parameters; a method receiver (`self`, `this`) is not counted.
    pub params: u32,
    /// Deepest nesting of control structures inside the body (0 for straight-line code).
    pub nesting: u32,
    /// 1-based line where the deepest nesting occurs (0 when `nesting` is 0).
    pub nesting_line: u32,
}

/// One component: a function, method, type, impl block, module... with its nested components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub kind: ComponentKind,
    pub name: String,
    /// Name qualified by the enclosing components (`Parser::parse`, `Shape.area`).
    pub qualified_name: String,
    /// 1-based, inclusive.
    pub start_line: u32,
    /// 1-based, inclusive.
    pub end_line: u32,
    /// Line classes within `start_line..=end_line`.
    pub lines: LineCounts,
    /// Present for functions, methods and closures.
    pub metrics: Option<FnMetrics>,
    /// Present for types: the number of methods directly inside.
    pub methods: Option<u32>,
    pub children: Vec<Component>,
}

impl Component {
    /// A component with the given span and no metrics yet; analysers fill in the rest.
    pub fn new(
        kind: ComponentKind,
        name: &str,
        qualified_name: &str,
        start: u32,
        end: u32,
    ) -> Self {
        Component {
            kind,
            name: name.to_string(),
            qualified_name: qualified_name.to_string(),
            start_line: start,
            end_line: end,
            lines: LineCounts::default(),
            metrics: None,
            methods: None,
            children: Vec::new(),
        }
    }

    /// Number of components in this subtree, this one included.
    pub fn count(&self) -> usize {
        1 + self.children.iter().map(Component::count).sum::<usize>()
    }

    /// Visits this component and every descendant, depth first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Component)) {
        f(self);
        for child in &self.children {
            child.walk(f);
        }
    }
}

/// A syntax error the parser reported; the file still gets what could be recovered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParseIssue {
    /// 1-based line of the first error.
    pub line: u32,
    pub message: String,
}

/// Everything measured about one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileFacts {
    pub language: Language,
    pub bytes: u64,
    /// xxh3 of the file's bytes; the cache key.
    pub hash: u64,
    pub lines: LineCounts,
    /// Set when the file's parser reported syntax errors (components come from error recovery).
    pub parse_error: Option<ParseIssue>,
    /// True when the file was only line-counted (no parser for its language, or `--lines-only`).
    pub lines_only: bool,
    /// True when the bytes were not valid UTF-8 and were decoded lossily.
    pub lossy_utf8: bool,
    pub components: Vec<Component>,
    /// In-code suppression comments (`seamline: allow(...) reason="..."`).
    #[serde(default)]
    pub suppressions: Vec<crate::bands::suppress::Suppression>,
}

impl FileFacts {
    /// Number of components in the file, nested ones included.
    pub fn component_count(&self) -> usize {
        self.components.iter().map(Component::count).sum()
    }

    /// Visits every component of the file, depth first.
    pub fn walk_components<'a>(&'a self, f: &mut dyn FnMut(&'a Component)) {
        for c in &self.components {
            c.walk(f);
        }
    }
}
