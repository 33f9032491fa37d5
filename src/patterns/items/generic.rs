//! Items of the other tree-sitter languages (JavaScript, TypeScript, Go, Java, C, C++): the
//! analyser's top-level components, and for each the identifiers that occur inside its span.
//! A reference is an identifier equal to a name another item defines; no scoping is modelled,
//! which is enough for a dependency graph but not for a patch.

use super::{FileItems, Item, ItemKind, Symbols, Vis};
use crate::lang::{self, Language};
use crate::model::facts::ComponentKind;
use crate::patterns::ts::{self, Event};

fn kind_of(k: ComponentKind) -> ItemKind {
    match k {
        ComponentKind::Function | ComponentKind::Method | ComponentKind::Closure => {
            ItemKind::Function
        }
        ComponentKind::Class => ItemKind::Class,
        ComponentKind::Struct => ItemKind::Struct,
        ComponentKind::Enum => ItemKind::Enum,
        ComponentKind::Union => ItemKind::Union,
        ComponentKind::Trait | ComponentKind::Interface => ItemKind::Trait,
        ComponentKind::Impl => ItemKind::Impl,
        ComponentKind::Module | ComponentKind::Namespace => ItemKind::Module,
        ComponentKind::Macro => ItemKind::Macro,
    }
}

/// Extracts the items of a file in a tree-sitter language.
pub fn extract(language: Language, src: &str) -> Option<FileItems> {
    let analysis = lang::analyze(language, src)?;
    let mut syms = Symbols::default();
    let mut items: Vec<Item> = analysis
        .components
        .iter()
        .map(|c| item_of(c, &mut syms))
        .collect();
    items.sort_by_key(|i| (i.start_line, i.end_line));
    let tree = ts::parse(language, src)?;
    ts::walk(tree.root_node(), |n, ev| {
        if ev == Event::Enter && n.child_count() == 0 && n.kind().contains("identifier") {
            record_identifier(n, src, &mut items, &mut syms);
        }
        true
    });
    for it in &mut items {
        it.finish();
    }
    Some(FileItems {
        language,
        syms,
        items,
        imports: Vec::new(),
        header_end: 0,
        total_lines: u32::try_from(src.lines().count()).unwrap_or(u32::MAX),
    })
}

/// A top-level component as an item: it defines its name, its callable children are methods.
fn item_of(c: &crate::model::facts::Component, syms: &mut Symbols) -> Item {
    let mut it = Item::new(c.name.clone(), kind_of(c.kind), c.start_line, c.end_line);
    it.defines.push(syms.intern(&c.name));
    it.vis = Vis::Public;
    for child in c.children.iter().filter(|ch| ch.kind.is_callable()) {
        it.methods.push(syms.intern(&child.name));
    }
    it
}

/// Records an identifier as a use by the item whose lines hold it (items are sorted by start
/// line): a member access (`a.b`, `a->b`) as a call and field use, anything else as a reference.
fn record_identifier(n: tree_sitter::Node<'_>, src: &str, items: &mut [Item], syms: &mut Symbols) {
    let line = ts::line(n);
    let at = items.partition_point(|i| i.start_line <= line);
    let Some(item) = at.checked_sub(1).and_then(|i| items.get_mut(i)) else {
        return;
    };
    if line > item.end_line {
        return;
    }
    let s = syms.intern(ts::text(n, src));
    if is_member(n) {
        item.calls.push(s);
        item.field_uses.push(s);
    } else {
        item.refs.push(s);
    }
}

/// True for the name after `.` or `->` in a member access or method call.
fn is_member(n: tree_sitter::Node<'_>) -> bool {
    let in_access = n.parent().is_some_and(|p| {
        matches!(
            p.kind(),
            "member_expression"
                | "field_expression"
                | "selector_expression"
                | "field_access"
                | "method_invocation"
        )
    });
    in_access
        && n.prev_sibling()
            .is_some_and(|s| matches!(s.kind(), "." | "->"))
}
