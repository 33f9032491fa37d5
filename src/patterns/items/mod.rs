//! The top-level items of one file and what each references: the raw material of the
//! extract-module and split-type planners. One table shape for every language: syn fills it for
//! Rust (with the extra facts the Rust patch needs), tree-sitter for Python (with import-time
//! references, which decide where imports may go) and an identifier pass for the others.

pub mod generic;
pub mod python;
pub mod rust;
mod stopwords;
mod symbols;
#[cfg(test)]
mod tests;

pub use symbols::{Sym, Symbols};

use crate::lang::Language;

/// What a top-level item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Function,
    Struct,
    Enum,
    Union,
    Trait,
    Impl,
    TypeAlias,
    Const,
    Static,
    /// `macro_rules!` definition.
    Macro,
    /// An item-position macro call (`thread_local! { ... }`): what it defines is guessed.
    MacroCall,
    Module,
    ForeignMod,
    Class,
    /// A module-level assignment (Python), or a declaration (other languages).
    Variable,
    /// Any other top-level statement (Python `if __name__ == ...`, calls at import time).
    Statement,
}

impl ItemKind {
    /// The name used in plans and JSON.
    // seamline: allow(cyclomatic) reason="flat lookup table, one arm per item kind (exhaustive match)"
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Function => "function",
            ItemKind::Struct => "struct",
            ItemKind::Enum => "enum",
            ItemKind::Union => "union",
            ItemKind::Trait => "trait",
            ItemKind::Impl => "impl",
            ItemKind::TypeAlias => "type",
            ItemKind::Const => "const",
            ItemKind::Static => "static",
            ItemKind::Macro => "macro",
            ItemKind::MacroCall => "macro_call",
            ItemKind::Module => "module",
            ItemKind::ForeignMod => "extern",
            ItemKind::Class => "class",
            ItemKind::Variable => "variable",
            ItemKind::Statement => "statement",
        }
    }

    /// Kinds that are types (own fields or methods).
    pub fn is_type(self) -> bool {
        matches!(
            self,
            ItemKind::Struct | ItemKind::Enum | ItemKind::Union | ItemKind::Class
        )
    }
}

/// Rust visibility of an item (Python: `_name` is private, anything else public).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vis {
    Private,
    Public,
    Crate,
    /// `pub(super)`.
    Super,
    /// `pub(in path)`.
    Restricted,
}

/// One top-level item.
#[derive(Debug, Clone)]
pub struct Item {
    /// Display name: `parse`, `Parser`, `impl Display for Token`, `MAX_DEPTH`.
    pub name: String,
    pub kind: ItemKind,
    /// 1-based, inclusive; includes doc comments, attributes, decorators and comment lines
    /// directly above.
    pub start_line: u32,
    pub end_line: u32,
    /// Names this item defines at file level.
    pub defines: Vec<Sym>,
    /// For impl blocks: the self type's base name; for trait impls, also the trait.
    pub self_type: Option<Sym>,
    pub trait_name: Option<Sym>,
    /// Methods (and associated functions) defined inside (impl, trait, class).
    pub methods: Vec<Sym>,
    /// Fields declared (struct, union; Python: `self.x` assigned in `__init__`).
    pub fields: Vec<Sym>,
    /// Identifiers used in paths, types and expressions (sorted, deduplicated).
    pub refs: Vec<Sym>,
    /// Method-call names (`x.foo()`), sorted, deduplicated.
    pub calls: Vec<Sym>,
    /// Field accesses and struct-literal members (`x.foo`, `S { foo }`), sorted, deduplicated.
    pub field_uses: Vec<Sym>,
    /// Python: identifiers evaluated when the module is imported (decorators, defaults, class
    /// bases and bodies, assignments), sorted, deduplicated. Empty for other languages.
    pub import_time: Vec<Sym>,
    /// Python: names declared `global` inside.
    pub globals: Vec<Sym>,
    /// Methods of an impl block or class, with what each uses of `self`.
    pub members: Vec<Member>,
    pub vis: Vis,
    /// Why the item must stay in the original file (tests module, `mod x;`, `__main__`...).
    pub pinned: Option<&'static str>,
    /// A pinned inline module that can still move to a file of its own under the same module
    /// path (`mod tests { ... }` → `mod tests;` + `tests.rs`): no path in it changes meaning.
    pub detachable: bool,
}

impl Item {
    /// A new item with no references yet.
    pub fn new(name: String, kind: ItemKind, start_line: u32, end_line: u32) -> Item {
        Item {
            name,
            kind,
            start_line,
            end_line,
            defines: Vec::new(),
            self_type: None,
            trait_name: None,
            methods: Vec::new(),
            fields: Vec::new(),
            refs: Vec::new(),
            calls: Vec::new(),
            field_uses: Vec::new(),
            import_time: Vec::new(),
            globals: Vec::new(),
            members: Vec::new(),
            vis: Vis::Private,
            pinned: None,
            detachable: false,
        }
    }

    /// Lines spanned.
    pub fn lines(&self) -> u32 {
        self.end_line.saturating_sub(self.start_line) + 1
    }

    /// Sorts and deduplicates every reference list.
    pub fn finish(&mut self) {
        for list in [
            &mut self.refs,
            &mut self.calls,
            &mut self.field_uses,
            &mut self.import_time,
            &mut self.defines,
            &mut self.methods,
            &mut self.fields,
            &mut self.globals,
        ] {
            list.sort_unstable();
            list.dedup();
        }
    }
}

/// One method of an impl block or class: what it uses of its own type.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: Sym,
    pub start_line: u32,
    pub end_line: u32,
    /// Fields read or written through `self` (sorted, deduplicated).
    pub self_fields: Vec<Sym>,
    /// Methods called through `self.m()` or `Self::m()` (sorted, deduplicated).
    pub self_calls: Vec<Sym>,
    /// False for an associated function without a receiver (`fn new()`, `@staticmethod`).
    pub has_self: bool,
}

/// One import statement and the names it binds.
#[derive(Debug, Clone)]
pub struct Import {
    pub start_line: u32,
    pub end_line: u32,
    /// Names bound in the file (`use a::b::{c, d as e}` binds `c`, `e`).
    pub names: Vec<Sym>,
    /// `use x::*` / `from x import *`.
    pub glob: bool,
    /// A re-export (`pub use`); it stays in the original file.
    pub public: bool,
}

/// The items of one file.
#[derive(Debug, Clone)]
pub struct FileItems {
    pub language: Language,
    pub syms: Symbols,
    /// In source order.
    pub items: Vec<Item>,
    pub imports: Vec<Import>,
    /// Last line of the leading header (docs, inner attributes, leading imports); 0 if none.
    pub header_end: u32,
    pub total_lines: u32,
}

impl FileItems {
    /// Items that may move (not pinned).
    pub fn movable(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.pinned.is_none())
    }

    /// Import indices whose names `item` references (globs and never-mentioned names excluded).
    pub fn imports_used_by(&self, item: &Item) -> Vec<usize> {
        self.imports
            .iter()
            .enumerate()
            .filter(|(_, imp)| imp.names.iter().any(|n| item.refs.binary_search(n).is_ok()))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Extracts the items of `src` as `language`; `None` for languages without a parser, or when
/// the file cannot be parsed at all.
pub fn extract(language: Language, src: &str) -> Option<FileItems> {
    match language {
        Language::Rust => rust::extract(src).map(|r| r.items),
        Language::Python => python::extract(src),
        l if l.has_parser() => generic::extract(l, src),
        _ => None,
    }
}

/// Stop words for naming and vocabulary: keywords, primitive and prelude names, and verbs too
/// common to say anything about a concern.
pub fn is_common_word(w: &str) -> bool {
    stopwords::COMMON.contains(&w)
}
