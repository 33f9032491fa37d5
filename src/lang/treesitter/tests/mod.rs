//! Tests for the tree-sitter analysers: fixtures per language with hand-checked spans, names and
//! metrics, the SonarSource white paper's cognitive-complexity examples, syntax errors, and
//! pathological inputs.

mod c;
mod cpp;
mod go;
mod java;
mod javascript;
mod python;
mod robustness;
mod rules;
mod rust;
mod sonar;
mod throughput;
mod typescript;

use super::spec::spec_for;
use super::table::unknown_kinds;
use crate::lang::{Analysis, Language};
use crate::model::facts::{Component, FnMetrics};

pub const LANGS: [Language; 9] = [
    Language::Rust,
    Language::Python,
    Language::JavaScript,
    Language::TypeScript,
    Language::Tsx,
    Language::Go,
    Language::Java,
    Language::C,
    Language::Cpp,
];

pub fn analyze(lang: Language, src: &str) -> Analysis {
    match super::analyze(lang, src) {
        Some(a) => a,
        None => panic!("no analyser for {lang:?}"),
    }
}

/// One line per component, depth first: `kind qualified_name start-end [methods=n]`.
pub fn outline(a: &Analysis) -> Vec<String> {
    let mut out = Vec::new();
    for c in &a.components {
        c.walk(&mut |c: &Component| {
            let mut line = format!(
                "{} {} {}-{}",
                c.kind.as_str(),
                c.qualified_name,
                c.start_line,
                c.end_line
            );
            if let Some(m) = c.methods {
                line.push_str(&format!(" methods={m}"));
            }
            out.push(line);
        });
    }
    out
}

/// The component with this qualified name (panics in tests when absent).
pub fn find<'a>(a: &'a Analysis, qualified: &str) -> &'a Component {
    let mut found = None;
    for c in &a.components {
        c.walk(&mut |c: &'a Component| {
            if found.is_none() && c.qualified_name == qualified {
                found = Some(c);
            }
        });
    }
    match found {
        Some(c) => c,
        None => panic!("no component {qualified} in {:#?}", outline(a)),
    }
}

/// `(cyclomatic, cognitive, params, nesting, nesting_line)` of a function.
pub fn metrics(a: &Analysis, qualified: &str) -> (u32, u32, u32, u32, u32) {
    let c = find(a, qualified);
    let m: FnMetrics = match c.metrics {
        Some(m) => m,
        None => panic!("{qualified} has no metrics"),
    };
    (
        m.cyclomatic,
        m.cognitive,
        m.params,
        m.nesting,
        m.nesting_line,
    )
}

/// Cognitive complexity of a function.
pub fn cognitive(a: &Analysis, qualified: &str) -> u32 {
    metrics(a, qualified).1
}

#[test]
fn every_spec_kind_exists_in_its_grammar() {
    for lang in LANGS {
        let Some(spec) = spec_for(lang) else {
            panic!("no spec for {lang:?}");
        };
        assert_eq!(unknown_kinds(spec), Vec::<String>::new(), "{lang:?}");
    }
}

#[test]
fn languages_without_grammar_get_none() {
    assert!(super::analyze(Language::Markdown, "# hi").is_none());
    assert!(super::analyze(Language::Ruby, "def x; end").is_none());
}
