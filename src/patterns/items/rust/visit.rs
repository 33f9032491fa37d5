//! What one Rust item references: every identifier of its paths and types, its method calls,
//! its field accesses (on `self` and on anything), the macros it invokes, and where its paths
//! start with `self::` or `super::` (the Rust patch rewrites those when the item moves one module
//! down). Macro bodies and attribute arguments are token streams syn does not parse; their
//! identifiers are read token by token.

use proc_macro2::{Delimiter, LineColumn, Spacing, TokenStream, TokenTree};
use syn::visit::{self, Visit};
use syn::{Expr, Member};

use crate::patterns::items::{Sym, Symbols};

/// Recursion cap for nested token groups inside macros and attributes.
const MAX_TOKEN_DEPTH: u32 = 256;

/// The references of one item, as symbols, plus the Rust-only facts.
#[derive(Debug, Default)]
pub struct Refs {
    pub refs: Vec<Sym>,
    pub calls: Vec<Sym>,
    pub field_uses: Vec<Sym>,
    pub self_fields: Vec<Sym>,
    pub self_calls: Vec<Sym>,
    pub macros: Vec<Sym>,
    /// Start of every path whose first segment is `self` (true) or `super` (false).
    pub rel_paths: Vec<(LineColumn, bool)>,
}

/// Walks one item (or one method) and fills `Refs`.
pub struct RefVisitor<'a> {
    pub syms: &'a mut Symbols,
    pub out: Refs,
}

impl<'a> RefVisitor<'a> {
    pub fn new(syms: &'a mut Symbols) -> Self {
        RefVisitor {
            syms,
            out: Refs::default(),
        }
    }

    fn ident(&mut self, name: &str) {
        let s = self.syms.intern(name);
        self.out.refs.push(s);
    }

    /// Reads identifiers out of a token stream (macro bodies, attribute arguments).
    fn tokens(&mut self, ts: TokenStream, depth: u32) {
        if depth > MAX_TOKEN_DEPTH {
            return;
        }
        let tokens: Vec<TokenTree> = ts.into_iter().collect();
        for (i, tt) in tokens.iter().enumerate() {
            match tt {
                TokenTree::Group(g) => self.tokens(g.stream(), depth + 1),
                TokenTree::Ident(id) => self.token_ident(id, &tokens, i),
                _ => {}
            }
        }
    }

    /// One identifier of a token stream, judged by its neighbours: `.name(` is a call,
    /// `.name` a field use (of `self` when `self.` precedes), `self::`/`super::` a relative
    /// path, anything else a reference.
    fn token_ident(&mut self, id: &proc_macro2::Ident, tokens: &[TokenTree], i: usize) {
        let name = id.to_string();
        let at = |k: Option<usize>| k.and_then(|k| tokens.get(k));
        let prev_dot =
            matches!(at(i.checked_sub(1)), Some(TokenTree::Punct(p)) if p.as_char() == '.');
        let next = tokens.get(i + 1);
        let path_next = matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == ':' && p.spacing() == Spacing::Joint);
        if prev_dot {
            let called = matches!(next, Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis);
            let after_self =
                matches!(at(i.checked_sub(2)), Some(TokenTree::Ident(s)) if s == "self");
            self.member(&name, called, after_self);
        } else if (name == "self" || name == "super") && path_next {
            let before_colons = i >= 2
                && matches!(at(i.checked_sub(1)), Some(TokenTree::Punct(p)) if p.as_char() == ':');
            if !before_colons {
                self.out.rel_paths.push((id.span().start(), name == "self"));
            }
        } else {
            self.ident(&name);
        }
    }

    /// A name after `.`: a method call or a field use, also recorded as `self`'s when it is.
    fn member(&mut self, name: &str, called: bool, after_self: bool) {
        let s = self.syms.intern(name);
        let (all, own) = if called {
            (&mut self.out.calls, &mut self.out.self_calls)
        } else {
            (&mut self.out.field_uses, &mut self.out.self_fields)
        };
        all.push(s);
        if after_self {
            own.push(s);
        }
    }
}

fn is_self(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.qself.is_none() && p.path.is_ident("self"))
}

impl<'ast> Visit<'ast> for RefVisitor<'_> {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if p.leading_colon.is_none() && p.segments.len() > 1 {
            if let Some(first) = p.segments.first() {
                if first.ident == "self" || first.ident == "super" {
                    self.out
                        .rel_paths
                        .push((first.ident.span().start(), first.ident == "self"));
                }
            }
        }
        for seg in &p.segments {
            self.ident(&seg.ident.to_string());
        }
        visit::visit_path(self, p);
    }

    fn visit_use_tree(&mut self, t: &'ast syn::UseTree) {
        if let syn::UseTree::Path(p) = t {
            if p.ident == "self" || p.ident == "super" {
                self.out
                    .rel_paths
                    .push((p.ident.span().start(), p.ident == "self"));
            }
        }
        collect_use_idents(self, t, 0);
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let s = self.syms.intern(&m.method.to_string());
        self.out.calls.push(s);
        if is_self(&m.receiver) {
            self.out.self_calls.push(s);
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_field(&mut self, f: &'ast syn::ExprField) {
        if let Member::Named(id) = &f.member {
            let s = self.syms.intern(&id.to_string());
            self.out.field_uses.push(s);
            if is_self(&f.base) {
                self.out.self_fields.push(s);
            }
        }
        visit::visit_expr_field(self, f);
    }

    fn visit_field_value(&mut self, f: &'ast syn::FieldValue) {
        if let Member::Named(id) = &f.member {
            let s = self.syms.intern(&id.to_string());
            self.out.field_uses.push(s);
        }
        visit::visit_field_value(self, f);
    }

    fn visit_field_pat(&mut self, f: &'ast syn::FieldPat) {
        if let Member::Named(id) = &f.member {
            let s = self.syms.intern(&id.to_string());
            self.out.field_uses.push(s);
        }
        visit::visit_field_pat(self, f);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        if let Some(last) = m.path.segments.last() {
            let s = self.syms.intern(&last.ident.to_string());
            self.out.macros.push(s);
        }
        self.visit_path(&m.path);
        self.tokens(m.tokens.clone(), 0);
    }

    fn visit_attribute(&mut self, a: &'ast syn::Attribute) {
        match &a.meta {
            syn::Meta::List(l) => {
                self.visit_path(&l.path);
                self.tokens(l.tokens.clone(), 0);
            }
            syn::Meta::NameValue(nv) if !nv.path.is_ident("doc") => {
                visit::visit_meta_name_value(self, nv)
            }
            _ => {}
        }
    }

    fn visit_ident(&mut self, _: &'ast proc_macro2::Ident) {}
}

fn collect_use_idents(v: &mut RefVisitor<'_>, t: &syn::UseTree, depth: u32) {
    if depth > MAX_TOKEN_DEPTH {
        return;
    }
    match t {
        syn::UseTree::Path(p) => {
            v.ident(&p.ident.to_string());
            collect_use_idents(v, &p.tree, depth + 1);
        }
        syn::UseTree::Name(n) => v.ident(&n.ident.to_string()),
        syn::UseTree::Rename(r) => v.ident(&r.ident.to_string()),
        syn::UseTree::Glob(_) => {}
        syn::UseTree::Group(g) => {
            for t in &g.items {
                collect_use_idents(v, t, depth + 1);
            }
        }
    }
}
