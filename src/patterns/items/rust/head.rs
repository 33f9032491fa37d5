//! The head of a top-level syn item: its kind, its name (impls are named `impl Trait for
//! Type`), its visibility, and the spans where its declaration starts and its body ends. Kept
//! apart from the conversion in `collect` because it is one large dispatch over syn's item
//! kinds, split here into items with a plain shape and items whose span needs working out.

use proc_macro2::Span;
use syn::{Item as SynItem, Visibility};

use super::collect::{base_name, sig_span};
use crate::patterns::items::ItemKind;

/// What `collect::item` needs to place an item.
pub struct Head<'a> {
    pub kind: ItemKind,
    pub name: String,
    pub vis: Option<&'a Visibility>,
    /// Where the declaration starts (its first keyword).
    pub decl: Span,
    /// Where the item ends (closing brace or semicolon).
    pub end: Span,
}

impl<'a> Head<'a> {
    fn new(
        kind: ItemKind,
        name: String,
        vis: Option<&'a Visibility>,
        decl: Span,
        end: Span,
    ) -> Self {
        Head {
            kind,
            name,
            vis,
            decl,
            end,
        }
    }
}

/// The head of `it`; `None` for imports and kinds that are not items of their own.
pub fn of(it: &SynItem) -> Option<Head<'_>> {
    plain(it).or_else(|| worked_out(it))
}

/// Items whose name, visibility and span are read straight off syn's fields.
fn plain(it: &SynItem) -> Option<Head<'_>> {
    let h = match it {
        SynItem::Fn(f) => Head::new(
            ItemKind::Function,
            f.sig.ident.to_string(),
            Some(&f.vis),
            sig_span(&f.sig),
            f.block.brace_token.span.close(),
        ),
        SynItem::Enum(e) => Head::new(
            ItemKind::Enum,
            e.ident.to_string(),
            Some(&e.vis),
            e.enum_token.span,
            e.brace_token.span.close(),
        ),
        SynItem::Union(u) => Head::new(
            ItemKind::Union,
            u.ident.to_string(),
            Some(&u.vis),
            u.union_token.span,
            u.fields.brace_token.span.close(),
        ),
        SynItem::TraitAlias(t) => Head::new(
            ItemKind::Trait,
            t.ident.to_string(),
            Some(&t.vis),
            t.trait_token.span,
            t.semi_token.span,
        ),
        SynItem::Type(t) => Head::new(
            ItemKind::TypeAlias,
            t.ident.to_string(),
            Some(&t.vis),
            t.type_token.span,
            t.semi_token.span,
        ),
        SynItem::Const(c) => Head::new(
            ItemKind::Const,
            c.ident.to_string(),
            Some(&c.vis),
            c.const_token.span,
            c.semi_token.span,
        ),
        SynItem::Static(s) => Head::new(
            ItemKind::Static,
            s.ident.to_string(),
            Some(&s.vis),
            s.static_token.span,
            s.semi_token.span,
        ),
        _ => return None,
    };
    Some(h)
}

/// Items whose name or span takes a decision: structs (three body shapes), traits and impls
/// (qualifiers before the keyword), modules (inline or declared), extern blocks, macros,
/// and what syn leaves unparsed.
fn worked_out(it: &SynItem) -> Option<Head<'_>> {
    match it {
        SynItem::Struct(s) => Some(structure(s)),
        SynItem::Trait(t) => Some(trait_head(t)),
        SynItem::Impl(i) => Some(impl_head(i)),
        SynItem::Mod(m) => Some(module(m)),
        SynItem::ForeignMod(f) => Some(Head::new(
            ItemKind::ForeignMod,
            "extern block".into(),
            None,
            f.abi.extern_token.span,
            f.brace_token.span.close(),
        )),
        SynItem::Macro(m) => Some(macro_head(m)),
        SynItem::Verbatim(ts) => {
            let mut iter = ts.clone().into_iter();
            let first = iter.next().map(|t| t.span())?;
            let last = iter.last().map(|t| t.span()).unwrap_or(first);
            Some(Head::new(
                ItemKind::Statement,
                "unparsed item".into(),
                None,
                first,
                last,
            ))
        }
        _ => None,
    }
}

fn structure(s: &syn::ItemStruct) -> Head<'_> {
    let end = match (&s.semi_token, &s.fields) {
        (Some(semi), _) => semi.span,
        (None, syn::Fields::Named(f)) => f.brace_token.span.close(),
        (None, syn::Fields::Unnamed(f)) => f.paren_token.span.close(),
        (None, syn::Fields::Unit) => s.ident.span(),
    };
    Head::new(
        ItemKind::Struct,
        s.ident.to_string(),
        Some(&s.vis),
        s.struct_token.span,
        end,
    )
}

fn trait_head(t: &syn::ItemTrait) -> Head<'_> {
    let decl = t
        .unsafety
        .map(|k| k.span)
        .or(t.auto_token.map(|k| k.span))
        .unwrap_or(t.trait_token.span);
    Head::new(
        ItemKind::Trait,
        t.ident.to_string(),
        Some(&t.vis),
        decl,
        t.brace_token.span.close(),
    )
}

fn impl_head(i: &syn::ItemImpl) -> Head<'_> {
    let decl = i
        .defaultness
        .map(|t| t.span)
        .or(i.unsafety.map(|t| t.span))
        .unwrap_or(i.impl_token.span);
    let ty = base_name(&i.self_ty).unwrap_or_else(|| "?".into());
    let name = match &i.trait_ {
        Some((bang, path, _)) => {
            let t = path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            format!("impl {}{t} for {ty}", if bang.is_some() { "!" } else { "" })
        }
        None => format!("impl {ty}"),
    };
    Head::new(ItemKind::Impl, name, None, decl, i.brace_token.span.close())
}

fn module(m: &syn::ItemMod) -> Head<'_> {
    let decl = m.unsafety.map(|t| t.span).unwrap_or(m.mod_token.span);
    let end = match (&m.content, &m.semi) {
        (Some((brace, _)), _) => brace.span.close(),
        (None, Some(semi)) => semi.span,
        (None, None) => m.ident.span(),
    };
    Head::new(
        ItemKind::Module,
        m.ident.to_string(),
        Some(&m.vis),
        decl,
        end,
    )
}

/// `macro_rules! name { ... }` defines a macro; any other item-position macro is a call.
fn macro_head(m: &syn::ItemMacro) -> Head<'_> {
    let first = m
        .mac
        .path
        .segments
        .first()
        .map(|s| s.ident.span())
        .unwrap_or_else(Span::call_site);
    let end = m
        .semi_token
        .map(|s| s.span)
        .unwrap_or_else(|| m.mac.delimiter.span().close());
    match &m.ident {
        Some(id) => Head::new(ItemKind::Macro, id.to_string(), None, first, end),
        None => {
            let mac = m
                .mac
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            Head::new(ItemKind::MacroCall, format!("{mac}!"), None, first, end)
        }
    }
}
