//! Rust items with syn: the neutral item table plus what the Rust patch needs (visibility sites,
//! members, `use` trees, `self::` / `super::` paths).
//!
//! syn recurses, so the parse runs on its own thread with a stack sized by `guard::units`
//! (files beyond `MAX_UNITS` are not given to syn: the caller falls back to the identifier pass),
//! inside `catch_unwind`, and proc-macro2's span table is cleared afterwards. Nothing syn owns
//! leaves that thread.

mod collect;
mod guard;
mod head;
pub mod uses;
mod visit;

use std::panic::{catch_unwind, AssertUnwindSafe};

use proc_macro2::LineColumn;
use syn::Item as SynItem;

use super::{FileItems, Import, Item, Sym, Symbols, Vis};
use crate::lang::Language;
use uses::{UTree, UseDecl};

/// Files estimated deeper than this are not parsed with syn.
const MAX_UNITS: u32 = 12_000;
const BASE_STACK: usize = 8 << 20;
const PER_UNIT: usize = if cfg!(debug_assertions) {
    64 << 10
} else {
    8 << 10
};

/// Where an item's visibility is written: insert before a token, or replace a range.
/// Positions are proc-macro2 line (1-based) / column (0-based, in chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisSite {
    Insert(LineColumn),
    Replace(LineColumn, LineColumn),
}

impl Default for VisSite {
    fn default() -> Self {
        VisSite::Insert(LineColumn { line: 0, column: 0 })
    }
}

/// A method, associated const or field, with its visibility and where it is written.
#[derive(Debug, Clone)]
pub struct MemberVis {
    pub name: String,
    pub vis: Vis,
    pub site: VisSite,
}

/// Rust-only facts of one item.
#[derive(Debug, Clone, Default)]
pub struct RustExtra {
    pub site: VisSite,
    /// The visibility as written (`""` when private).
    pub vis_text: String,
    /// Methods and associated consts of an inherent impl.
    pub methods: Vec<MemberVis>,
    /// Fields of a struct or union (tuple fields named `0`, `1`...).
    pub fields: Vec<MemberVis>,
    pub tuple_fields: bool,
    pub inherent_impl: bool,
    /// `self::` / `super::` path starts: (line, column in chars, is `self`).
    pub rel_paths: Vec<(u32, u32, bool)>,
    /// Macros invoked (last path segment).
    pub macros_used: Vec<Sym>,
    /// An item-position macro call: what it defines is a guess.
    pub opaque: bool,
    /// An inline module: (line of `mod`, line of `{`, line of `}`), and whether its body can be
    /// dedented (no multi-line literal inside).
    pub inline: Option<InlineMod>,
}

/// Where an inline module's braces are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InlineMod {
    pub decl_line: u32,
    pub open_line: u32,
    pub close_line: u32,
    pub dedent: bool,
}

/// A parsed Rust file.
#[derive(Debug, Clone)]
pub struct RustFile {
    pub items: FileItems,
    /// Parallel to `items.items`.
    pub extra: Vec<RustExtra>,
    /// Parallel to `items.imports`.
    pub uses: Vec<UseDecl>,
}

/// Extracts the items of a Rust file; `None` when syn cannot parse it (or must not).
pub fn extract(src: &str) -> Option<RustFile> {
    with_file(src, |file| parse(src, file))
}

/// Parses `src` with syn on a thread with enough stack and runs `f` on the syntax tree there;
/// `None` when the file is too deep for syn, does not parse, or syn panics. Whatever `f`
/// returns must not hold syn values (spans are invalidated when the thread ends).
pub fn with_file<T: Send>(src: &str, f: impl FnOnce(&syn::File) -> T + Send) -> Option<T> {
    let units = guard::units(src);
    if units > MAX_UNITS {
        return None;
    }
    let stack = BASE_STACK.saturating_add((units as usize).saturating_mul(PER_UNIT));
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("seamline-patterns".into())
            .stack_size(stack)
            .spawn_scoped(s, || {
                let out = catch_unwind(AssertUnwindSafe(|| {
                    let file = syn::parse_file(src).ok()?;
                    Some(f(&file))
                }))
                .ok()
                .flatten();
                proc_macro2::extra::invalidate_current_thread_spans();
                out
            })
            .ok()?;
        handle.join().ok().flatten()
    })
}

fn parse(src: &str, file: &syn::File) -> RustFile {
    let header_end = file
        .attrs
        .iter()
        .filter(|a| matches!(a.style, syn::AttrStyle::Inner(_)))
        .map(|a| u32::try_from(a.bracket_token.span.close().end().line).unwrap_or(0))
        .max()
        .unwrap_or(0);
    let mut c = Collector {
        syms: Symbols::default(),
        items: Vec::new(),
        extra: Vec::new(),
        imports: Vec::new(),
        uses: Vec::new(),
        header_end,
        leading: true,
    };
    for it in &file.items {
        match it {
            SynItem::Use(u) => c.use_decl(src, u),
            SynItem::ExternCrate(e) => c.extern_crate(e),
            other => c.item(other),
        }
    }
    c.finish(src)
}

/// The top-level items, imports and `use` declarations of a file as they are read, and where
/// its header (inner attributes, leading `use`s and `mod x;` lines) ends.
struct Collector {
    syms: Symbols,
    items: Vec<Item>,
    extra: Vec<RustExtra>,
    imports: Vec<Import>,
    uses: Vec<UseDecl>,
    header_end: u32,
    /// Still in the header: nothing but `use`, `extern crate` and `mod x;` seen so far.
    leading: bool,
}

impl Collector {
    fn use_decl(&mut self, src: &str, u: &syn::ItemUse) {
        let tree = UTree::of(&u.tree);
        let (start, end) = span_lines(&u.attrs, u.use_token.span, u.semi_token.span);
        let start = vis_line(&u.vis).map_or(start, |v| v.min(start));
        let bound = tree.bound();
        let names = bound
            .iter()
            .filter(|n| *n != "*" && *n != "_")
            .map(|n| self.syms.intern(n))
            .collect();
        self.imports.push(Import {
            start_line: start,
            end_line: end,
            names,
            glob: bound.iter().any(|n| n == "*"),
            public: !matches!(u.vis, syn::Visibility::Inherited),
        });
        self.uses.push(UseDecl {
            start_line: start,
            end_line: end,
            vis: vis_text(&u.vis),
            attrs: u.attrs.iter().filter_map(|a| attr_text(src, a)).collect(),
            leading_colon: u.leading_colon.is_some(),
            tree,
        });
        self.header_line(end);
    }

    fn extern_crate(&mut self, e: &syn::ItemExternCrate) {
        let (start, end) = span_lines(&e.attrs, e.extern_token.span, e.semi_token.span);
        let name = e
            .rename
            .as_ref()
            .map(|(_, r)| r.to_string())
            .unwrap_or_else(|| e.ident.to_string());
        self.imports.push(Import {
            start_line: start,
            end_line: end,
            names: vec![self.syms.intern(&name)],
            glob: false,
            public: false,
        });
        self.uses.push(UseDecl {
            start_line: start,
            end_line: end,
            vis: String::new(),
            attrs: Vec::new(),
            leading_colon: false,
            tree: UTree::Name(name),
        });
        self.header_line(end);
    }

    fn item(&mut self, other: &SynItem) {
        let Some((item, x)) = collect::item(other, &mut self.syms) else {
            return;
        };
        let header_mod = matches!(other, SynItem::Mod(m) if m.content.is_none());
        if self.leading && header_mod {
            self.header_end = self.header_end.max(item.end_line);
        } else {
            self.leading = false;
        }
        self.items.push(item);
        self.extra.push(x);
    }

    /// A header line, while the header lasts.
    fn header_line(&mut self, end: u32) {
        if self.leading {
            self.header_end = self.header_end.max(end);
        }
    }

    fn finish(mut self, src: &str) -> RustFile {
        let total_lines = u32::try_from(src.lines().count()).unwrap_or(u32::MAX);
        extend_over_comments(src, &mut self.items, &self.imports, self.header_end);
        for (item, x) in self.items.iter_mut().zip(self.extra.iter_mut()) {
            if let Some(m) = x.inline.as_mut() {
                item.detachable = detachable(src, m);
            }
        }
        RustFile {
            items: FileItems {
                language: Language::Rust,
                syms: self.syms,
                items: self.items,
                imports: self.imports,
                header_end: self.header_end,
                total_lines,
            },
            extra: self.extra,
            uses: self.uses,
        }
    }
}

fn span_lines(
    attrs: &[syn::Attribute],
    first: proc_macro2::Span,
    last: proc_macro2::Span,
) -> (u32, u32) {
    let l = |s: proc_macro2::Span| u32::try_from(s.start().line).unwrap_or(0);
    let start = attrs
        .iter()
        .map(|a| l(a.pound_token.span))
        .min()
        .unwrap_or(l(first))
        .min(l(first));
    (start, u32::try_from(last.end().line).unwrap_or(0))
}

fn vis_line(v: &syn::Visibility) -> Option<u32> {
    match v {
        syn::Visibility::Public(p) => u32::try_from(p.span.start().line).ok(),
        syn::Visibility::Restricted(r) => u32::try_from(r.pub_token.span.start().line).ok(),
        syn::Visibility::Inherited => None,
    }
}

fn vis_text(v: &syn::Visibility) -> String {
    match v {
        syn::Visibility::Inherited => String::new(),
        syn::Visibility::Public(_) => "pub".into(),
        syn::Visibility::Restricted(r) => {
            let path = r
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("::");
            match r.in_token {
                Some(_) => format!("pub(in {path})"),
                None => format!("pub({path})"),
            }
        }
    }
}

/// The source text of an attribute (for `#[cfg(...)]` on a `use` copied into a new module).
fn attr_text(src: &str, a: &syn::Attribute) -> Option<String> {
    if !matches!(a.style, syn::AttrStyle::Outer) {
        return None;
    }
    let start = a.pound_token.span.start();
    let end = a.bracket_token.span.close().end();
    if start.line != end.line {
        return None;
    }
    let line = src.lines().nth(start.line.checked_sub(1)?)?;
    let from = line.char_indices().nth(start.column).map(|(i, _)| i)?;
    let to = line
        .char_indices()
        .nth(end.column)
        .map(|(i, _)| i)
        .unwrap_or(line.len());
    line.get(from..to).map(str::to_string)
}

/// Moves each item's start up over the `//` comment lines directly above it (no blank line in
/// between), which document it and move with it.
fn extend_over_comments(src: &str, items: &mut [Item], imports: &[Import], header_end: u32) {
    let lines: Vec<&str> = src.lines().collect();
    let mut taken: Vec<(u32, u32)> = items.iter().map(|i| (i.start_line, i.end_line)).collect();
    taken.extend(imports.iter().map(|i| (i.start_line, i.end_line)));
    for item in items.iter_mut() {
        let floor = taken
            .iter()
            .filter(|(_, e)| *e < item.start_line)
            .map(|(_, e)| *e)
            .max()
            .unwrap_or(0)
            .max(header_end);
        while item.start_line > floor + 1 {
            let prev = lines
                .get(item.start_line as usize - 2)
                .map(|l| l.trim_start())
                .unwrap_or("");
            if prev.starts_with("//") && !prev.starts_with("//!") {
                item.start_line -= 1;
            } else {
                break;
            }
        }
    }
}

/// True when an inline module's braces sit alone at the end and start of their lines, so that
/// its body is whole lines; also decides whether the body may be dedented.
fn detachable(src: &str, m: &mut InlineMod) -> bool {
    let line = |n: u32| {
        src.lines()
            .nth((n as usize).saturating_sub(1))
            .unwrap_or("")
    };
    let open_ok = line(m.open_line).trim_end().ends_with('{');
    let close_ok = line(m.close_line).trim() == "}";
    if !(open_ok && close_ok && m.close_line > m.open_line) {
        return false;
    }
    let body: Vec<&str> = src
        .lines()
        .skip(m.open_line as usize)
        .take((m.close_line - m.open_line).saturating_sub(1) as usize)
        .collect();
    let text = body.join("\n");
    m.dedent = match text.parse::<proc_macro2::TokenStream>() {
        Ok(ts) => !has_multiline_literal(ts, 0),
        Err(_) => false,
    };
    true
}

fn has_multiline_literal(ts: proc_macro2::TokenStream, depth: u32) -> bool {
    if depth > 256 {
        return true;
    }
    ts.into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Group(g) => has_multiline_literal(g.stream(), depth + 1),
        proc_macro2::TokenTree::Literal(l) => {
            let span = l.span();
            span.start().line != span.end().line
        }
        _ => false,
    })
}
