//! Tree-sitter plumbing for the planners: a parser per language per thread (with a parse-time
//! budget, as the analysers have), and an iterative walk with enter and leave events, so no
//! planner recurses on a syntax tree whatever its depth.

use std::cell::RefCell;
use std::time::{Duration, Instant};

use tree_sitter::{Node, ParseOptions, ParseState, Parser, Tree};

use crate::lang::Language;

const SLOTS: usize = 9;

thread_local! {
    static PARSERS: RefCell<[Option<Parser>; SLOTS]> = RefCell::new(Default::default());
}

fn grammar(lang: Language) -> Option<(usize, tree_sitter::Language)> {
    Some(match lang {
        Language::Python => (0, tree_sitter_python::LANGUAGE.into()),
        Language::JavaScript => (1, tree_sitter_javascript::LANGUAGE.into()),
        Language::TypeScript => (2, tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into()),
        Language::Tsx => (3, tree_sitter_typescript::LANGUAGE_TSX.into()),
        Language::Go => (4, tree_sitter_go::LANGUAGE.into()),
        Language::Java => (5, tree_sitter_java::LANGUAGE.into()),
        Language::C => (6, tree_sitter_c::LANGUAGE.into()),
        Language::Cpp => (7, tree_sitter_cpp::LANGUAGE.into()),
        Language::Rust => (8, tree_sitter_rust::LANGUAGE.into()),
        _ => return None,
    })
}

/// Parses `src`; `None` without a grammar, or past the time budget (2 s + 4 µs per byte).
pub fn parse(lang: Language, src: &str) -> Option<Tree> {
    let (slot, language) = grammar(lang)?;
    let limit = Duration::from_secs(2) + Duration::from_micros(src.len() as u64 * 4);
    PARSERS
        .try_with(|cell| {
            let mut parsers = cell.try_borrow_mut().ok()?;
            let entry = parsers.get_mut(slot)?;
            if entry.is_none() {
                let mut p = Parser::new();
                p.set_language(&language).ok()?;
                *entry = Some(p);
            }
            let parser = entry.as_mut()?;
            let start = Instant::now();
            let mut over = |_: &ParseState| start.elapsed() > limit;
            let bytes = src.as_bytes();
            let tree = parser.parse_with_options(
                &mut |offset, _| bytes.get(offset..).unwrap_or_default(),
                None,
                Some(ParseOptions::new().progress_callback(&mut over)),
            );
            if tree.is_none() {
                parser.reset();
            }
            tree
        })
        .ok()
        .flatten()
}

/// Enter or leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Enter,
    Leave,
}

/// Visits `root` and every node below it, depth first, calling `f` on entering and on leaving
/// each node. `f` returns false on `Enter` to skip the node's children.
pub fn walk<'t>(root: Node<'t>, mut f: impl FnMut(Node<'t>, Event) -> bool) {
    let mut c = root.walk();
    let mut depth = 0usize;
    loop {
        let descend = f(c.node(), Event::Enter);
        if descend && c.goto_first_child() {
            depth += 1;
            continue;
        }
        if !climb(&mut c, &mut depth, &mut f) {
            return;
        }
    }
}

/// Leaves nodes upward until one has a next sibling, and moves to it; false when the walk is
/// back at its root (or the tree ends).
fn climb<'t>(
    c: &mut tree_sitter::TreeCursor<'t>,
    depth: &mut usize,
    f: &mut impl FnMut(Node<'t>, Event) -> bool,
) -> bool {
    loop {
        f(c.node(), Event::Leave);
        if *depth == 0 {
            return false;
        }
        if c.goto_next_sibling() {
            return true;
        }
        if !c.goto_parent() {
            return false;
        }
        *depth -= 1;
    }
}

/// The node's text (`""` if the range is not valid UTF-8).
pub fn text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    src.get(node.byte_range()).unwrap_or("")
}

/// 1-based first line.
pub fn line(node: Node<'_>) -> u32 {
    u32::try_from(node.start_position().row + 1).unwrap_or(u32::MAX)
}

/// 1-based last line (a node ending at column 0 ends on the line before).
pub fn end_line(node: Node<'_>) -> u32 {
    let end = node.end_position();
    let row = if end.column == 0 && end.row > node.start_position().row {
        end.row
    } else {
        end.row + 1
    };
    u32::try_from(row).unwrap_or(u32::MAX)
}

/// True when `node` has an ancestor of kind `kind` strictly below `stop`.
pub fn has_ancestor(node: Node<'_>, kinds: &[&str], stop: Node<'_>) -> bool {
    let mut cur = node.parent();
    while let Some(p) = cur {
        if p.id() == stop.id() {
            return false;
        }
        if kinds.contains(&p.kind()) {
            return true;
        }
        cur = p.parent();
    }
    false
}
