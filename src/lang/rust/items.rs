//! The component tree of a parsed Rust file: which items become components, their names,
//! qualified names and line spans (rules in `docs/metrics.md`, "Rust (syn)").
//!
//! Spans start at the item's first token after its outer attributes and doc comments
//! (`pub`, `fn`, `impl`, `struct`…) and end at its closing `}` or `;`. Reading line numbers
//! never serialises tokens: each one comes from a single token's span.

use proc_macro2::Span;
use syn::{Block, ImplItem, Item, Signature, TraitItem, Visibility};

use super::complexity::{self, MAX_DEPTH};
use super::names;
use crate::model::facts::{Component, ComponentKind};

/// Builds the components of a whole file.
pub fn file_components(items: &[Item]) -> Vec<Component> {
    let mut b = Builder {
        prefix: String::new(),
        depth: 0,
    };
    b.scope(items.iter())
}

struct Builder {
    /// Qualified name of the enclosing component ("" at file level).
    prefix: String,
    depth: u32,
}

/// Methods of inherent impls in one scope, by the self type's last path segment.
type Inherent = Vec<(String, u32)>;

fn line(span: Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(u32::MAX).max(1)
}

fn vis_span(v: &Visibility) -> Option<Span> {
    match v {
        Visibility::Public(p) => Some(p.span),
        Visibility::Restricted(r) => Some(r.pub_token.span),
        Visibility::Inherited => None,
    }
}

/// First token of a signature: `const`, `async`, `unsafe`, `extern` or `fn`.
fn sig_span(s: &Signature) -> Span {
    s.constness
        .map(|t| t.span)
        .or(s.asyncness.map(|t| t.span))
        .or(s.unsafety.map(|t| t.span))
        .or(s.abi.as_ref().map(|a| a.extern_token.span))
        .unwrap_or(s.fn_token.span)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Builder {
    fn qualify(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_string()
        } else {
            format!("{}::{}", self.prefix, name)
        }
    }

    /// Runs `f` with `qualified` as the enclosing name, one level deeper.
    fn inside<T>(&mut self, qualified: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.prefix, qualified.to_string());
        self.depth += 1;
        let out = f(self);
        self.depth -= 1;
        self.prefix = saved;
        out
    }

    /// The components of one scope (file, inline module, function body), in source order.
    fn scope<'a>(&mut self, items: impl Iterator<Item = &'a Item>) -> Vec<Component> {
        let mut out = Vec::new();
        let mut inherent = Inherent::new();
        if self.depth < MAX_DEPTH {
            for item in items {
                self.item(item, &mut out, &mut inherent);
            }
        }
        attach_methods(&mut out, inherent);
        out
    }

    fn item(&mut self, item: &Item, out: &mut Vec<Component>, inherent: &mut Inherent) {
        match item {
            Item::Fn(f) => {
                let start = vis_span(&f.vis).unwrap_or_else(|| sig_span(&f.sig));
                let end = f.block.brace_token.span.close();
                let kind = ComponentKind::Function;
                out.push(self.callable(kind, &f.sig, Some(&f.block), start, end));
            }
            Item::Impl(i) => out.push(self.impl_block(i, inherent)),
            Item::Trait(t) => out.push(self.trait_block(t)),
            Item::Struct(s) => out.push(self.struct_item(s)),
            Item::Enum(e) => {
                let start = vis_span(&e.vis).unwrap_or(e.enum_token.span);
                let end = e.brace_token.span.close();
                out.push(self.type_item(ComponentKind::Enum, &e.ident, start, end));
            }
            Item::Union(u) => {
                let start = vis_span(&u.vis).unwrap_or(u.union_token.span);
                let end = u.fields.brace_token.span.close();
                out.push(self.type_item(ComponentKind::Union, &u.ident, start, end));
            }
            Item::Mod(m) => out.extend(self.module(m)),
            Item::Macro(m) => out.extend(self.macro_rules(m)),
            // `const _: () = { impl … };` (derive output) hides items in an initialiser: they
            // join the enclosing scope.
            Item::Const(c) => self.hoist(&c.expr, out, inherent),
            Item::Static(s) => self.hoist(&s.expr, out, inherent),
            _ => {}
        }
    }

    fn struct_item(&self, s: &syn::ItemStruct) -> Component {
        let start = vis_span(&s.vis).unwrap_or(s.struct_token.span);
        let end = match (&s.semi_token, &s.fields) {
            (Some(semi), _) => semi.span,
            (None, syn::Fields::Named(f)) => f.brace_token.span.close(),
            (None, syn::Fields::Unnamed(f)) => f.paren_token.span.close(),
            (None, syn::Fields::Unit) => s.ident.span(),
        };
        self.type_item(ComponentKind::Struct, &s.ident, start, end)
    }

    /// An inline module with its items; `None` for `mod x;`.
    fn module(&mut self, m: &syn::ItemMod) -> Option<Component> {
        let (brace, items) = m.content.as_ref()?;
        let start = vis_span(&m.vis)
            .or(m.unsafety.map(|t| t.span))
            .unwrap_or(m.mod_token.span);
        let name = m.ident.to_string();
        let qualified = self.qualify(&name);
        let end = brace.span.close();
        let kind = ComponentKind::Module;
        let mut c = Component::new(kind, &name, &qualified, line(start), line(end));
        c.children = self.inside(&qualified, |b| b.scope(items.iter()));
        Some(c)
    }

    /// A `macro_rules! name { … }` definition; `None` for other macro invocations.
    fn macro_rules(&self, m: &syn::ItemMacro) -> Option<Component> {
        let ident = m.ident.as_ref()?;
        let first = m.mac.path.segments.first()?;
        let end = match &m.semi_token {
            Some(semi) => semi.span,
            None => m.mac.delimiter.span().close(),
        };
        let name = ident.to_string();
        let qualified = self.qualify(&name);
        let (s, e) = (line(first.ident.span()), line(end));
        Some(Component::new(
            ComponentKind::Macro,
            &name,
            &qualified,
            s,
            e,
        ))
    }

    fn hoist(&mut self, e: &syn::Expr, out: &mut Vec<Component>, inherent: &mut Inherent) {
        if self.depth >= MAX_DEPTH {
            return;
        }
        self.depth += 1;
        for item in complexity::items_in(e) {
            self.item(item, out, inherent);
        }
        self.depth -= 1;
    }

    /// A function or method with its metrics; items declared in its body become its children.
    fn callable(
        &mut self,
        kind: ComponentKind,
        sig: &Signature,
        block: Option<&Block>,
        start: Span,
        end: Span,
    ) -> Component {
        let name = sig.ident.to_string();
        let qualified = self.qualify(&name);
        let mut c = Component::new(kind, &name, &qualified, line(start), line(end));
        let (metrics, nested) = complexity::measure(sig, block);
        c.metrics = Some(metrics);
        if !nested.is_empty() {
            c.children = self.inside(&qualified, |b| b.scope(nested.into_iter()));
        }
        c
    }

    fn type_item(
        &self,
        kind: ComponentKind,
        ident: &syn::Ident,
        start: Span,
        end: Span,
    ) -> Component {
        let name = ident.to_string();
        let mut c = Component::new(kind, &name, &self.qualify(&name), line(start), line(end));
        c.methods = Some(0);
        c
    }

    fn impl_block(&mut self, i: &syn::ItemImpl, inherent: &mut Inherent) -> Component {
        let self_ty = names::type_text(&i.self_ty);
        let self_path = names::type_path_text(&i.self_ty);
        let (name, path) = match &i.trait_ {
            Some((bang, trait_path, _)) => {
                let t = format!(
                    "{}{}",
                    if bang.is_some() { "!" } else { "" },
                    names::path_text(trait_path)
                );
                (
                    format!("impl {t} for {self_ty}"),
                    format!("<{self_path} as {t}>"),
                )
            }
            None => (format!("impl {self_ty}"), self_path),
        };
        let qualified = self.qualify(&path);
        let start = i
            .defaultness
            .map(|t| t.span)
            .or(i.unsafety.map(|t| t.span))
            .unwrap_or(i.impl_token.span);
        let end = i.brace_token.span.close();
        let mut c = Component::new(
            ComponentKind::Impl,
            &name,
            &qualified,
            line(start),
            line(end),
        );
        let methods = self.inside(&qualified, |b| {
            let fns = i.items.iter().filter_map(|item| match item {
                ImplItem::Fn(f) => Some(f),
                _ => None,
            });
            fns.map(|f| b.impl_method(f)).collect::<Vec<_>>()
        });
        let n = count(methods.len());
        c.methods = Some(n);
        c.children = methods;
        if i.trait_.is_none() {
            if let Some(base) = names::base_name(&i.self_ty) {
                inherent.push((base, n));
            }
        }
        c
    }

    fn trait_block(&mut self, t: &syn::ItemTrait) -> Component {
        let name = t.ident.to_string();
        let qualified = self.qualify(&name);
        let start = vis_span(&t.vis)
            .or(t.unsafety.map(|k| k.span))
            .or(t.auto_token.map(|k| k.span))
            .unwrap_or(t.trait_token.span);
        let end = t.brace_token.span.close();
        let mut c = Component::new(
            ComponentKind::Trait,
            &name,
            &qualified,
            line(start),
            line(end),
        );
        let methods = self.inside(&qualified, |b| {
            let fns = t.items.iter().filter_map(|item| match item {
                TraitItem::Fn(f) => Some(f),
                _ => None,
            });
            fns.map(|f| b.trait_method(f)).collect::<Vec<_>>()
        });
        c.methods = Some(count(methods.len()));
        c.children = methods;
        c
    }

    fn impl_method(&mut self, f: &syn::ImplItemFn) -> Component {
        let start = vis_span(&f.vis)
            .or(f.defaultness.map(|t| t.span))
            .unwrap_or_else(|| sig_span(&f.sig));
        let end = f.block.brace_token.span.close();
        let kind = ComponentKind::Method;
        self.callable(kind, &f.sig, Some(&f.block), start, end)
    }

    /// A trait method, with or without a default body.
    fn trait_method(&mut self, f: &syn::TraitItemFn) -> Component {
        let end = match (&f.default, &f.semi_token) {
            (Some(body), _) => body.brace_token.span.close(),
            (None, Some(semi)) => semi.span,
            (None, None) => f.sig.fn_token.span,
        };
        let (kind, sig) = (ComponentKind::Method, &f.sig);
        self.callable(kind, sig, f.default.as_ref(), sig_span(sig), end)
    }
}

/// Gives each struct, enum and union the number of methods of the inherent impls for it in the
/// same scope.
fn attach_methods(out: &mut [Component], mut inherent: Inherent) {
    if inherent.is_empty() {
        return;
    }
    inherent.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for c in out.iter_mut() {
        if !matches!(
            c.kind,
            ComponentKind::Struct | ComponentKind::Enum | ComponentKind::Union
        ) {
            continue;
        }
        let from = inherent.partition_point(|(n, _)| n.as_str() < c.name.as_str());
        let total = inherent
            .get(from..)
            .unwrap_or_default()
            .iter()
            .take_while(|(n, _)| *n == c.name)
            .fold(0u32, |acc, (_, m)| acc.saturating_add(*m));
        c.methods = Some(total);
    }
}
