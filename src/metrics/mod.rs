//! Measurements over source text that do not depend on a parser: line classes.
//!
//! Complexity metrics (cyclomatic, cognitive, nesting, parameters) are computed by the language
//! analysers in `lang`, since they walk each language's syntax tree.

pub mod lines;
