//! Anti-patterns that make refactoring risky, found per file and reported with the fix recipe of
//! the pattern that names their detector: Python bare `except:`, swallowed broad exceptions,
//! `assert` used for validation, hard-coded `sleep`; Rust `unwrap()` / `expect()`, results
//! discarded with `let _ =`, hard-coded `thread::sleep`. Code under test (`#[cfg(test)]`,
//! `#[test]`, `test_*` functions, `Test*` classes) is skipped; test files are excluded by the
//! patterns' `exclude_paths`.

mod python;
mod rust;
#[cfg(test)]
mod tests;

use crate::lang::Language;
use crate::patterns::library::{Detector, Pattern};
use crate::patterns::types::AntiFinding;

/// Findings per detector per file beyond this are summarised in one more finding.
pub const MAX_PER_DETECTOR: usize = 50;

/// One raw hit of a detector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub detector: Detector,
    pub line: u32,
    pub message: String,
}

/// Runs the detectors of `patterns` over one file (`tree`: its syntax tree, when already parsed).
pub fn find(
    path: &str,
    language: Language,
    src: &str,
    tree: Option<&tree_sitter::Tree>,
    patterns: &[&Pattern],
) -> Vec<AntiFinding> {
    let wanted: Vec<Detector> = patterns.iter().filter_map(|p| p.detector).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let hits = match language {
        Language::Python => python::hits(src, tree, &wanted),
        Language::Rust => rust::hits(src, &wanted),
        _ => Vec::new(),
    };
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    for p in patterns {
        let Some(d) = p.detector else { continue };
        let mine: Vec<&Hit> = hits.iter().filter(|h| h.detector == d).collect();
        for h in mine.iter().take(MAX_PER_DETECTOR) {
            out.push(AntiFinding {
                pattern: p.id.clone(),
                path: path.to_string(),
                line: h.line,
                snippet: lines
                    .get((h.line as usize).saturating_sub(1))
                    .map(|l| l.trim().chars().take(120).collect())
                    .unwrap_or_default(),
                message: h.message.clone(),
                recipe: p.steps.clone(),
            });
        }
        if mine.len() > MAX_PER_DETECTOR {
            out.push(AntiFinding {
                pattern: p.id.clone(),
                path: path.to_string(),
                line: mine.get(MAX_PER_DETECTOR).map(|h| h.line).unwrap_or(0),
                snippet: String::new(),
                message: format!("and {} more like these", mine.len() - MAX_PER_DETECTOR),
                recipe: p.steps.clone(),
            });
        }
    }
    out.sort_by(|a, b| a.line.cmp(&b.line).then(a.pattern.cmp(&b.pattern)));
    out
}
