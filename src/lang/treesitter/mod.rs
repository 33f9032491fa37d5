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
use std::time::{Duration, Instant};

use tree_sitter::{ParseOptions, ParseState, Parser, Tree};

use super::{Analysis, Language};
use crate::model::facts::ParseIssue;
use spec::{Spec, SLOTS};
use table::Table;

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; SLOTS]> = RefCell::new(Default::default());
}

static TABLES: [OnceLock<Table>; SLOTS] = [const { OnceLock::new() }; SLOTS];

/// Parse time allowed before giving up: a base plus a rate far below any real code's (real files
/// parse at 5 MB/s and more; pathological bracket soup can take minutes).
const BUDGET_BASE: Duration = Duration::from_secs(2);
const BUDGET_BYTES_PER_SEC: u64 = 250_000;

fn budget(len: usize) -> Duration {
    BUDGET_BASE + Duration::from_millis(len as u64 * 1000 / BUDGET_BYTES_PER_SEC)
}

/// Analyses `src` with the tree-sitter grammar of `lang`; `None` when there is no grammar for it.
pub fn analyze(lang: Language, src: &str) -> Option<Analysis> {
    let spec = spec::spec_for(lang)?;
    let slot = spec::slot(lang)?;
    let table = TABLES.get(slot)?.get_or_init(|| Table::new(spec));
    let limit = budget(src.len());
    let Some(tree) = parse(slot, table, src, limit)? else {
        return Some(gave_up(limit));
    };
    Some(analyze_tree(&tree, src, spec, table))
}

/// The analysis of a file the parser gave up on: no components, an issue on line 1.
fn gave_up(limit: Duration) -> Analysis {
    Analysis {
        components: Vec::new(),
        parse_error: Some(ParseIssue {
            line: 1,
            message: format!(
                "parsing took longer than {} s; components skipped",
                limit.as_secs()
            ),
        }),
    }
}

/// Components and the first syntax error of a parsed tree.
fn analyze_tree(tree: &Tree, src: &str, spec: &'static Spec, table: &Table) -> Analysis {
    Analysis {
        components: walker::walk(tree, src, spec, table),
        parse_error: errors::first_error(tree.root_node(), src),
    }
}

/// Parses with this thread's parser for the slot. `None` when no parser can be made for the
/// grammar; `Some(None)` when parsing ran over `limit`.
fn parse(slot: usize, table: &Table, src: &str, limit: Duration) -> Option<Option<Tree>> {
    PARSERS
        .try_with(|cell| match cell.try_borrow_mut() {
            Ok(mut parsers) => {
                let entry = parsers.get_mut(slot)?;
                if entry.is_none() {
                    *entry = Some(new_parser(table)?);
                }
                Some(parse_within(entry.as_mut()?, src, limit))
            }
            // Re-entered on this thread (cannot happen today): use a one-off parser.
            Err(_) => Some(parse_within(&mut new_parser(table)?, src, limit)),
        })
        .ok()
        .flatten()
}

/// One parse, cancelled past `limit`; a cancelled parser is reset for the next file.
fn parse_within(parser: &mut Parser, src: &str, limit: Duration) -> Option<Tree> {
    let start = Instant::now();
    let mut over_time = |_: &ParseState| start.elapsed() > limit;
    let bytes = src.as_bytes();
    let tree = parser.parse_with_options(
        &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
        None,
        Some(ParseOptions::new().progress_callback(&mut over_time)),
    );
    if tree.is_none() {
        parser.reset();
    }
    tree
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
    parse(slot, table, src, budget(src.len())).flatten()
}

/// `analyze` with an explicit parse-time limit, for the cancellation test.
#[cfg(test)]
fn analyze_within(lang: Language, src: &str, limit: Duration) -> Option<Analysis> {
    let spec = spec::spec_for(lang)?;
    let slot = spec::slot(lang)?;
    let table = TABLES.get(slot)?.get_or_init(|| Table::new(spec));
    match parse(slot, table, src, limit)? {
        Some(tree) => Some(analyze_tree(&tree, src, spec, table)),
        None => Some(gave_up(limit)),
    }
}

/// Walk alone over a parsed tree, for the throughput measurement in the tests.
#[cfg(test)]
fn walk_only(lang: Language, tree: &Tree, src: &str) -> Option<Analysis> {
    let spec = spec::spec_for(lang)?;
    let table = TABLES
        .get(spec::slot(lang)?)?
        .get_or_init(|| Table::new(spec));
    Some(analyze_tree(tree, src, spec, table))
}
