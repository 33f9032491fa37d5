//! Component analysis for the tree-sitter languages: one generic walker, one spec per language.
//!
//! `analyze` parses once with a parser kept per language per thread (scans run on many threads;
//! creating a parser per file would cost more than small files take to parse), walks the tree
//! once (see `walker`), and reports the first syntax error when the tree has any. It never
//! panics and never recurses on the tree, whatever the input.

mod complexity;
mod components;
mod errors;
mod naming;
mod nodes;
mod spec;
mod table;
mod walker;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::sync::OnceLock;

use tree_sitter::{Parser, Tree};

use super::{Analysis, Language};
use crate::model::facts::ParseIssue;
use spec::{Spec, SLOTS};
use table::Table;

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; SLOTS]> = RefCell::new(Default::default());
}

static TABLES: [OnceLock<Table>; SLOTS] = [const { OnceLock::new() }; SLOTS];

/// Analyses `src` with the tree-sitter grammar of `lang`; `None` when there is no grammar for it.
pub fn analyze(lang: Language, src: &str) -> Option<Analysis> {
    let spec = spec::spec_for(lang)?;
    let slot = spec::slot(lang)?;
    let table = TABLES.get(slot)?.get_or_init(|| Table::new(spec));
    let Some(tree) = parse(slot, table, src)? else {
        return Some(Analysis {
            components: Vec::new(),
            parse_error: Some(ParseIssue {
                line: 1,
                message: "the parser gave up on this file".to_string(),
            }),
        });
    };
    Some(analyze_tree(&tree, src, spec, table))
}

/// Components and the first syntax error of a parsed tree.
fn analyze_tree(tree: &Tree, src: &str, spec: &'static Spec, table: &Table) -> Analysis {
    Analysis {
        components: walker::walk(tree, src, spec, table),
        parse_error: errors::first_error(tree.root_node(), src),
    }
}

/// Parses with this thread's parser for the slot. `None` when no parser can be made for the
/// grammar; `Some(None)` when the parser returned no tree.
fn parse(slot: usize, table: &Table, src: &str) -> Option<Option<Tree>> {
    PARSERS
        .try_with(|cell| match cell.try_borrow_mut() {
            Ok(mut parsers) => {
                let entry = parsers.get_mut(slot)?;
                if entry.is_none() {
                    *entry = Some(new_parser(table)?);
                }
                Some(entry.as_mut()?.parse(src, None))
            }
            // Re-entered on this thread (cannot happen today): use a one-off parser.
            Err(_) => Some(new_parser(table)?.parse(src, None)),
        })
        .ok()
        .flatten()
}

fn new_parser(table: &Table) -> Option<Parser> {
    let mut parser = Parser::new();
    parser.set_language(&table.language).ok()?;
    Some(parser)
}

/// Parse alone, for the throughput measurement in the tests.
#[cfg(test)]
fn parse_only(lang: Language, src: &str) -> Option<Tree> {
    let spec = spec::spec_for(lang)?;
    let slot = spec::slot(lang)?;
    let table = TABLES.get(slot)?.get_or_init(|| Table::new(spec));
    parse(slot, table, src).flatten()
}

/// Walk alone over a parsed tree, for the throughput measurement in the tests.
#[cfg(test)]
fn walk_only(lang: Language, tree: &Tree, src: &str) -> Option<Analysis> {
    let spec = spec::spec_for(lang)?;
    let table = TABLES.get(spec::slot(lang)?)?.get_or_init(|| Table::new(spec));
    Some(analyze_tree(tree, src, spec, table))
}
