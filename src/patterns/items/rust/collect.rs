//! One syn item → one `Item` (name, kind, span, what it defines and references) and the
//! Rust-only facts the patch needs (where its visibility is written, its methods' and fields'
//! visibility, its `self::` / `super::` paths).

use proc_macro2::{LineColumn, Span, TokenTree};
use syn::visit::Visit;
use syn::{ImplItem, Item as SynItem, Visibility};

use super::visit::RefVisitor;
use super::{MemberVis, RustExtra, VisSite};
use crate::patterns::items::{Item, ItemKind, Member, Symbols, Vis};

fn lc(span: Span) -> LineColumn {
    span.start()
}

fn line(span: Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(u32::MAX).max(1)
}

fn end_line(span: Span) -> u32 {
    u32::try_from(span.end().line).unwrap_or(u32::MAX).max(1)
}

/// The visibility as an enum, and where to write a new one.
fn vis_of(v: &Visibility, decl: Span) -> (Vis, VisSite, String) {
    match v {
        Visibility::Inherited => (Vis::Private, VisSite::Insert(lc(decl)), String::new()),
        Visibility::Public(p) => (
            Vis::Public,
            VisSite::Replace(lc(p.span), p.span.end()),
            "pub".into(),
        ),
        Visibility::Restricted(r) => {
            let inner = r
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect::<Vec<_>>()
                .join("::");
            let in_ = if r.in_token.is_some() { "in " } else { "" };
            let text = format!("pub({in_}{inner})");
            let kind = match inner.as_str() {
                "crate" => Vis::Crate,
                "super" => Vis::Super,
                "self" => Vis::Private,
                _ => Vis::Restricted,
            };
            (
                kind,
                VisSite::Replace(lc(r.pub_token.span), r.paren_token.span.close().end()),
                text,
            )
        }
    }
}

fn vis_start(v: &Visibility) -> Option<Span> {
    match v {
        Visibility::Public(p) => Some(p.span),
        Visibility::Restricted(r) => Some(r.pub_token.span),
        Visibility::Inherited => None,
    }
}

pub(super) fn sig_span(s: &syn::Signature) -> Span {
    s.constness
        .map(|t| t.span)
        .or(s.asyncness.map(|t| t.span))
        .or(s.unsafety.map(|t| t.span))
        .or(s.abi.as_ref().map(|a| a.extern_token.span))
        .unwrap_or(s.fn_token.span)
}

/// The base name of a type (`Foo` for `Foo<T>`, `&mut a::Foo`).
pub(super) fn base_name(t: &syn::Type) -> Option<String> {
    match t {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => base_name(&r.elem),
        syn::Type::Paren(p) => base_name(&p.elem),
        syn::Type::Group(g) => base_name(&g.elem),
        _ => None,
    }
}

/// Names an item-position macro call seems to define: the identifier after `static`, `const`,
/// `fn`, `struct`, `enum`, `type`, `trait` or `mod` at its top level.
fn macro_defines(ts: &proc_macro2::TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = ts.clone().into_iter().collect();
    let mut out = Vec::new();
    for pair in tokens.windows(2) {
        if let [TokenTree::Ident(k), TokenTree::Ident(name)] = pair {
            let k = k.to_string();
            if matches!(
                k.as_str(),
                "static" | "const" | "fn" | "struct" | "enum" | "type" | "trait" | "mod"
            ) && name != "ref"
                && name != "mut"
            {
                out.push(name.to_string());
            }
        }
    }
    out
}

fn has_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && matches!(&a.meta, syn::Meta::List(l) if l.tokens.to_string().split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "test"))
    })
}

/// Converts one top-level item. `None` for `use` and `extern crate` (imports, handled apart).
pub fn item(it: &SynItem, syms: &mut Symbols) -> Option<(Item, RustExtra)> {
    let super::head::Head {
        kind,
        name,
        vis,
        decl,
        end,
    } = super::head::of(it)?;
    let attrs: &[syn::Attribute] = item_attrs(it);
    let decl = vis.and_then(vis_start).unwrap_or(decl);
    let start = attrs
        .iter()
        .map(|a| line(a.pound_token.span))
        .min()
        .unwrap_or(line(decl))
        .min(line(decl));
    let mut out = Item::new(name.clone(), kind, start, end_line(end).max(line(decl)));
    let (v, site, vis_text) = match vis {
        Some(v) => vis_of(v, decl),
        None => (Vis::Private, VisSite::Insert(lc(decl)), String::new()),
    };
    out.vis = v;
    let mut extra = RustExtra {
        site,
        vis_text,
        ..RustExtra::default()
    };
    if defines_its_name(it)
        && !(kind == ItemKind::Const && name == "_")
        && kind != ItemKind::MacroCall
    {
        out.defines.push(syms.intern(&name));
    }
    pin(it, syms, &mut out, &mut extra);
    if let SynItem::Mod(syn::ItemMod {
        content: Some((brace, _)),
        ..
    }) = it
    {
        extra.inline = Some(super::InlineMod {
            decl_line: line(decl),
            open_line: line(brace.span.open()),
            close_line: line(brace.span.close()),
            dedent: false,
        });
    }
    shape(it, syms, &mut out, &mut extra);
    references(it, syms, &mut out, &mut extra);
    out.finish();
    Some((out, extra))
}

/// Items whose name is a definition others can refer to (not impls, extern blocks, macro calls).
fn defines_its_name(it: &SynItem) -> bool {
    matches!(
        it,
        SynItem::Fn(_)
            | SynItem::Struct(_)
            | SynItem::Enum(_)
            | SynItem::Union(_)
            | SynItem::Trait(_)
            | SynItem::TraitAlias(_)
            | SynItem::Type(_)
            | SynItem::Const(_)
            | SynItem::Static(_)
            | SynItem::Mod(_)
            | SynItem::Macro(_)
    )
}

/// Why an item must stay where it is, if it must; a macro call's definitions (it is opaque).
fn pin(it: &SynItem, syms: &mut Symbols, out: &mut Item, extra: &mut RustExtra) {
    out.pinned = match it {
        SynItem::Fn(f) if f.sig.ident == "main" => Some("entry point"),
        SynItem::Mod(m) if m.content.is_none() => Some("module declared in this file"),
        SynItem::Mod(m) if has_cfg_test(&m.attrs) => Some("tests module"),
        SynItem::Mod(_) => Some("inline module (its paths are relative to this file)"),
        SynItem::ForeignMod(_) => Some("extern block"),
        SynItem::Verbatim(_) => Some("syntax syn does not parse"),
        _ => out.pinned,
    };
    if let SynItem::Macro(m) = it {
        if m.ident.is_none() {
            extra.opaque = true;
            for n in macro_defines(&m.mac.tokens) {
                out.defines.push(syms.intern(&n));
            }
        }
    }
}

/// The names the item refers to, calls and fields it uses, macros and `self::`/`super::` paths.
fn references(it: &SynItem, syms: &mut Symbols, out: &mut Item, extra: &mut RustExtra) {
    let mut v = RefVisitor::new(syms);
    v.visit_item(it);
    let refs = v.out;
    out.refs = refs.refs;
    out.calls = refs.calls;
    out.field_uses = refs.field_uses;
    extra.macros_used = refs.macros.clone();
    out.refs.extend(refs.macros);
    extra.rel_paths = refs
        .rel_paths
        .into_iter()
        .map(|(p, is_self)| {
            (
                u32::try_from(p.line).unwrap_or(0),
                u32::try_from(p.column).unwrap_or(0),
                is_self,
            )
        })
        .collect();
}

// seamline: allow(cyclomatic) reason="flat lookup table, one arm per syn item kind"
fn item_attrs(it: &SynItem) -> &[syn::Attribute] {
    match it {
        SynItem::Fn(x) => &x.attrs,
        SynItem::Struct(x) => &x.attrs,
        SynItem::Enum(x) => &x.attrs,
        SynItem::Union(x) => &x.attrs,
        SynItem::Trait(x) => &x.attrs,
        SynItem::TraitAlias(x) => &x.attrs,
        SynItem::Impl(x) => &x.attrs,
        SynItem::Type(x) => &x.attrs,
        SynItem::Const(x) => &x.attrs,
        SynItem::Static(x) => &x.attrs,
        SynItem::Mod(x) => &x.attrs,
        SynItem::ForeignMod(x) => &x.attrs,
        SynItem::Macro(x) => &x.attrs,
        SynItem::Use(x) => &x.attrs,
        SynItem::ExternCrate(x) => &x.attrs,
        _ => &[],
    }
}

/// Fields, methods and the self type: what split-type and the patch need.
fn shape(it: &SynItem, syms: &mut Symbols, out: &mut Item, extra: &mut RustExtra) {
    match it {
        SynItem::Struct(s) => fields(&s.fields, syms, out, extra),
        SynItem::Union(u) => fields(&syn::Fields::Named(u.fields.clone()), syms, out, extra),
        SynItem::Impl(i) => impl_shape(i, syms, out, extra),
        SynItem::Trait(t) => {
            for ti in &t.items {
                if let syn::TraitItem::Fn(f) = ti {
                    out.methods.push(syms.intern(&f.sig.ident.to_string()));
                }
            }
        }
        _ => {}
    }
}

/// An impl block: its self type and trait, its methods (with their own uses of `self`) and
/// associated constants; an inherent impl's members keep where their visibility is written.
fn impl_shape(i: &syn::ItemImpl, syms: &mut Symbols, out: &mut Item, extra: &mut RustExtra) {
    out.self_type = base_name(&i.self_ty).map(|n| syms.intern(&n));
    out.trait_name = i
        .trait_
        .as_ref()
        .and_then(|(_, p, _)| p.segments.last())
        .map(|s| syms.intern(&s.ident.to_string()));
    extra.inherent_impl = i.trait_.is_none();
    for ii in &i.items {
        let (vis, decl, name) = match ii {
            ImplItem::Fn(f) => {
                let decl = vis_start(&f.vis)
                    .or(f.defaultness.map(|t| t.span))
                    .unwrap_or_else(|| sig_span(&f.sig));
                out.members.push(member(f, decl, syms));
                (&f.vis, decl, f.sig.ident.to_string())
            }
            ImplItem::Const(c) => {
                let decl = vis_start(&c.vis).unwrap_or(c.const_token.span);
                (&c.vis, decl, c.ident.to_string())
            }
            _ => continue,
        };
        out.methods.push(syms.intern(&name));
        if extra.inherent_impl {
            let (vis, site, _) = vis_of(vis, decl);
            extra.methods.push(MemberVis { name, vis, site });
        }
    }
}

/// A method as a member of its type: its lines and the fields and methods of `self` it uses.
fn member(f: &syn::ImplItemFn, decl: Span, syms: &mut Symbols) -> Member {
    // The name is interned before the body's names, as the item's other names are.
    let name = syms.intern(&f.sig.ident.to_string());
    let start = f
        .attrs
        .iter()
        .map(|a| line(a.pound_token.span))
        .min()
        .unwrap_or(line(decl))
        .min(line(decl));
    let mut v = RefVisitor::new(syms);
    v.visit_impl_item_fn(f);
    let mut r = v.out;
    r.self_calls.extend(self_path_calls(f, syms));
    let mut m = Member {
        name,
        start_line: start,
        end_line: end_line(f.block.brace_token.span.close()),
        self_fields: r.self_fields,
        self_calls: r.self_calls,
        has_self: f.sig.receiver().is_some(),
    };
    m.self_fields.sort_unstable();
    m.self_fields.dedup();
    m.self_calls.sort_unstable();
    m.self_calls.dedup();
    m
}

/// `Self::name(...)` calls inside a method: calls of sibling associated functions.
fn self_path_calls(f: &syn::ImplItemFn, syms: &mut Symbols) -> Vec<u32> {
    struct V<'a> {
        syms: &'a mut Symbols,
        out: Vec<u32>,
    }
    impl<'ast> Visit<'ast> for V<'_> {
        fn visit_path(&mut self, p: &'ast syn::Path) {
            let mut segs = p.segments.iter();
            if let (Some(a), Some(b), None) = (segs.next(), segs.next(), segs.next()) {
                if a.ident == "Self" {
                    self.out.push(self.syms.intern(&b.ident.to_string()));
                }
            }
            syn::visit::visit_path(self, p);
        }
    }
    let mut v = V {
        syms,
        out: Vec::new(),
    };
    v.visit_block(&f.block);
    v.out
}

fn fields(f: &syn::Fields, syms: &mut Symbols, out: &mut Item, extra: &mut RustExtra) {
    extra.tuple_fields = matches!(f, syn::Fields::Unnamed(_));
    for (i, field) in f.iter().enumerate() {
        let name = field
            .ident
            .as_ref()
            .map(|i| i.to_string())
            .unwrap_or_else(|| i.to_string());
        let decl = match (&field.ident, vis_start(&field.vis)) {
            (_, Some(v)) => v,
            (Some(id), None) => id.span(),
            (None, None) => first_type_span(&field.ty),
        };
        let (vis, site, _) = vis_of(&field.vis, decl);
        if field.ident.is_some() {
            out.fields.push(syms.intern(&name));
        }
        extra.fields.push(MemberVis { name, vis, site });
    }
}

fn first_type_span(t: &syn::Type) -> Span {
    use syn::spanned::Spanned;
    match t {
        syn::Type::Path(p) => p
            .path
            .leading_colon
            .map(|c| c.spans[0])
            .or_else(|| p.path.segments.first().map(|s| s.ident.span()))
            .unwrap_or_else(|| t.span()),
        syn::Type::Reference(r) => r.and_token.span,
        syn::Type::Tuple(tu) => tu.paren_token.span.open(),
        syn::Type::Array(a) => a.bracket_token.span.open(),
        syn::Type::Slice(s) => s.bracket_token.span.open(),
        syn::Type::Ptr(p) => p.star_token.span,
        _ => t.span(),
    }
}
