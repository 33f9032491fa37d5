//! Compact, stable text for the types and trait paths that name impl blocks.
//!
//! Impl blocks have no identifier of their own, so their component names are built from the
//! self type and the trait as written (`impl fmt::Display for Parser<'a>`), with the spacing
//! rustdoc uses rather than the token spacing `quote` would produce. Rendering is bounded in
//! depth so a pathological type cannot recurse without limit.

use std::cmp::Ordering;
use std::fmt::Write;

use syn::{Expr, GenericArgument, Lit, Path, PathArguments, ReturnType, Type, TypeParamBound};

/// Types nested deeper than this are shortened to `…`.
const MAX_DEPTH: u32 = 24;

/// The type as written, compactly: `Vec<Option<&'a str>>`, `[u8; 4]`, `dyn Fn(u8) -> bool`.
pub fn type_text(t: &Type) -> String {
    let mut out = String::new();
    ty(&mut out, t, 0);
    out
}

/// The type as qualified names show it: a plain path loses its generic arguments
/// (`parse::Parser` for `parse::Parser<'a>`); other types are written as `type_text` writes them.
pub fn type_path_text(t: &Type) -> String {
    match t {
        Type::Path(p) if p.qself.is_none() => {
            let mut out = String::new();
            if p.path.leading_colon.is_some() {
                out.push_str("::");
            }
            for (i, s) in p.path.segments.iter().enumerate() {
                if i > 0 {
                    out.push_str("::");
                }
                let _ = write!(out, "{}", s.ident);
            }
            out
        }
        Type::Paren(p) => type_path_text(&p.elem),
        Type::Group(g) => type_path_text(&g.elem),
        _ => type_text(t),
    }
}

/// The path as written with its generic arguments: `fmt::Display`, `From<u8>`.
pub fn path_text(p: &Path) -> String {
    let mut out = String::new();
    path(&mut out, p, 0);
    out
}

/// The name an inherent impl attaches methods to: the last path segment of the self type
/// (`Parser` for `impl<'a> crate::parse::Parser<'a>`); `None` for non-path types.
pub fn base_name(t: &Type) -> Option<String> {
    match t {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Paren(p) => base_name(&p.elem),
        Type::Group(g) => base_name(&g.elem),
        _ => None,
    }
}

fn ty(out: &mut String, t: &Type, depth: u32) {
    if depth > MAX_DEPTH {
        out.push('…');
        return;
    }
    let d = depth + 1;
    match t {
        Type::Path(p) => match &p.qself {
            Some(q) => qualified_path(out, q, &p.path, d),
            None => path(out, &p.path, d),
        },
        Type::Reference(r) => reference(out, r, d),
        Type::Slice(s) => {
            out.push('[');
            ty(out, &s.elem, d);
            out.push(']');
        }
        Type::Array(a) => {
            out.push('[');
            ty(out, &a.elem, d);
            out.push_str("; ");
            const_expr(out, &a.len);
            out.push(']');
        }
        Type::Tuple(t) => tuple(out, t, d),
        Type::Paren(p) => {
            out.push('(');
            ty(out, &p.elem, d);
            out.push(')');
        }
        Type::Group(g) => ty(out, &g.elem, d),
        _ => other_type(out, t, d),
    }
}

/// The less common types: pointers, `!`, trait objects, `impl Trait`, `fn` pointers, macros.
fn other_type(out: &mut String, t: &Type, d: u32) {
    match t {
        Type::Ptr(p) => {
            out.push_str(if p.mutability.is_some() {
                "*mut "
            } else {
                "*const "
            });
            ty(out, &p.elem, d);
        }
        Type::Never(_) => out.push('!'),
        Type::TraitObject(o) => {
            out.push_str("dyn ");
            bounds(out, o.bounds.iter(), d);
        }
        Type::ImplTrait(i) => {
            out.push_str("impl ");
            bounds(out, i.bounds.iter(), d);
        }
        Type::BareFn(f) => {
            out.push_str("fn(");
            list(out, f.inputs.iter().map(|arg| &arg.ty), d);
            out.push(')');
            ret(out, &f.output, d);
        }
        Type::Macro(m) => {
            path(out, &m.mac.path, d);
            out.push_str("!(…)");
        }
        _ => out.push('_'),
    }
}

/// `<T as Trait>::Assoc` (or `<T>::Assoc`): the first `q.position` segments belong to the trait.
fn qualified_path(out: &mut String, q: &syn::QSelf, p: &Path, d: u32) {
    out.push('<');
    ty(out, &q.ty, d);
    for (i, s) in p.segments.iter().enumerate() {
        out.push_str(match i.cmp(&q.position) {
            Ordering::Less if i == 0 => " as ",
            Ordering::Equal => ">::",
            Ordering::Less | Ordering::Greater => "::",
        });
        segment(out, s, d);
    }
    if q.position >= p.segments.len() {
        out.push('>');
    }
}

fn reference(out: &mut String, r: &syn::TypeReference, d: u32) {
    out.push('&');
    if let Some(l) = &r.lifetime {
        let _ = write!(out, "'{} ", l.ident);
    }
    if r.mutability.is_some() {
        out.push_str("mut ");
    }
    ty(out, &r.elem, d);
}

/// `(A, B)`, with the trailing comma of a one-element tuple: `(A,)`.
fn tuple(out: &mut String, t: &syn::TypeTuple, d: u32) {
    out.push('(');
    list(out, t.elems.iter(), d);
    if t.elems.len() == 1 {
        out.push(',');
    }
    out.push(')');
}

/// Types separated by `, `.
fn list<'a>(out: &mut String, types: impl Iterator<Item = &'a Type>, d: u32) {
    for (i, t) in types.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        ty(out, t, d);
    }
}

fn path(out: &mut String, p: &Path, depth: u32) {
    if p.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, s) in p.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        segment(out, s, depth);
    }
}

fn segment(out: &mut String, s: &syn::PathSegment, depth: u32) {
    let _ = write!(out, "{}", s.ident);
    match &s.arguments {
        PathArguments::None => {}
        PathArguments::AngleBracketed(a) => {
            out.push('<');
            for (i, arg) in a.args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                generic_arg(out, arg, depth);
            }
            out.push('>');
        }
        PathArguments::Parenthesized(p) => {
            out.push('(');
            list(out, p.inputs.iter(), depth);
            out.push(')');
            ret(out, &p.output, depth);
        }
    }
}

fn generic_arg(out: &mut String, arg: &GenericArgument, depth: u32) {
    match arg {
        GenericArgument::Lifetime(l) => {
            let _ = write!(out, "'{}", l.ident);
        }
        GenericArgument::Type(t) => ty(out, t, depth),
        GenericArgument::Const(e) => const_expr(out, e),
        GenericArgument::AssocType(a) => {
            let _ = write!(out, "{} = ", a.ident);
            ty(out, &a.ty, depth);
        }
        GenericArgument::AssocConst(a) => {
            let _ = write!(out, "{} = ", a.ident);
            const_expr(out, &a.value);
        }
        GenericArgument::Constraint(c) => {
            let _ = write!(out, "{}: ", c.ident);
            bounds(out, c.bounds.iter(), depth);
        }
        _ => out.push('_'),
    }
}

fn bounds<'a>(out: &mut String, list: impl Iterator<Item = &'a TypeParamBound>, depth: u32) {
    for (i, b) in list.enumerate() {
        if i > 0 {
            out.push_str(" + ");
        }
        match b {
            TypeParamBound::Trait(t) => {
                if matches!(t.modifier, syn::TraitBoundModifier::Maybe(_)) {
                    out.push('?');
                }
                path(out, &t.path, depth);
            }
            TypeParamBound::Lifetime(l) => {
                let _ = write!(out, "'{}", l.ident);
            }
            _ => out.push('_'),
        }
    }
}

fn ret(out: &mut String, r: &ReturnType, depth: u32) {
    if let ReturnType::Type(_, t) = r {
        out.push_str(" -> ");
        ty(out, t, depth);
    }
}

/// Array lengths and const arguments: literals and paths as written, anything else `_`.
fn const_expr(out: &mut String, e: &Expr) {
    match e {
        Expr::Lit(l) => match &l.lit {
            Lit::Int(i) => out.push_str(i.base10_digits()),
            Lit::Bool(b) => out.push_str(if b.value { "true" } else { "false" }),
            _ => out.push('_'),
        },
        Expr::Path(p) if p.qself.is_none() => path(out, &p.path, MAX_DEPTH),
        _ => out.push('_'),
    }
}
