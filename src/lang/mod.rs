//! Language detection and the component analysers.
//!
//! `analyze` turns source text into a component tree with complexity metrics. Rust goes through
//! syn, with tree-sitter-rust as the fallback for files syn cannot parse (mid-edit syntax errors);
//! the other languages go through their tree-sitter grammars. Analysers never fail: a file with
//! syntax errors yields whatever components error recovery finds, plus a `ParseIssue`.

pub mod detect;
pub mod rust;
pub mod syntax;
pub mod treesitter;

use serde::{Deserialize, Serialize};

use crate::model::facts::{Component, ParseIssue};

pub use detect::detect;

/// A language the scanner recognises. Those with `has_parser()` get components; the rest get
/// line counts only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    C,
    Cpp,
    CSharp,
    Kotlin,
    Swift,
    Scala,
    Ruby,
    Php,
    Lua,
    Perl,
    Haskell,
    Shell,
    PowerShell,
    Sql,
    Html,
    Css,
    Scss,
    Xml,
    Json,
    Yaml,
    Toml,
    Ini,
    Markdown,
    ReStructuredText,
    Makefile,
    CMake,
    Dockerfile,
    Protobuf,
    Text,
}

impl Language {
    /// Languages whose files get a component tree and complexity metrics.
    pub fn has_parser(self) -> bool {
        matches!(
            self,
            Language::Rust
                | Language::Python
                | Language::JavaScript
                | Language::TypeScript
                | Language::Tsx
                | Language::Go
                | Language::Java
                | Language::C
                | Language::Cpp
        )
    }

    /// True for source code; false for data, markup and prose (JSON, YAML, TOML, INI, XML,
    /// Markdown, reStructuredText, plain text), which have no file-size limit.
    pub fn is_code(self) -> bool {
        !matches!(
            self,
            Language::Json
                | Language::Yaml
                | Language::Toml
                | Language::Ini
                | Language::Xml
                | Language::Markdown
                | Language::ReStructuredText
                | Language::Text
        )
    }

    // seamline: allow(cyclomatic) reason="flat lookup table, one arm per language (exhaustive match)"
    /// Display name used in reports (stable; also the JSON value).
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::Python => "Python",
            Language::JavaScript => "JavaScript",
            Language::TypeScript => "TypeScript",
            Language::Tsx => "TSX",
            Language::Go => "Go",
            Language::Java => "Java",
            Language::C => "C",
            Language::Cpp => "C++",
            Language::CSharp => "C#",
            Language::Kotlin => "Kotlin",
            Language::Swift => "Swift",
            Language::Scala => "Scala",
            Language::Ruby => "Ruby",
            Language::Php => "PHP",
            Language::Lua => "Lua",
            Language::Perl => "Perl",
            Language::Haskell => "Haskell",
            Language::Shell => "Shell",
            Language::PowerShell => "PowerShell",
            Language::Sql => "SQL",
            Language::Html => "HTML",
            Language::Css => "CSS",
            Language::Scss => "SCSS",
            Language::Xml => "XML",
            Language::Json => "JSON",
            Language::Yaml => "YAML",
            Language::Toml => "TOML",
            Language::Ini => "INI",
            Language::Markdown => "Markdown",
            Language::ReStructuredText => "reStructuredText",
            Language::Makefile => "Makefile",
            Language::CMake => "CMake",
            Language::Dockerfile => "Dockerfile",
            Language::Protobuf => "Protobuf",
            Language::Text => "Text",
        }
    }
}

/// What an analyser found in one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Top-level components, each with its nested ones. `lines` is left at zero here; the scanner
    /// fills it from the line classes.
    pub components: Vec<Component>,
    /// The first syntax error, when the parser reported any.
    pub parse_error: Option<ParseIssue>,
}

/// Analyses `src` as `lang`. Returns `None` for languages without a parser.
pub fn analyze(lang: Language, src: &str) -> Option<Analysis> {
    match lang {
        Language::Rust => Some(rust::analyze(src)),
        l if l.has_parser() => treesitter::analyze(l, src),
        _ => None,
    }
}
