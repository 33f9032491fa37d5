//! `use` declarations as plain trees: the names they bind, pruning to the names a moved piece
//! needs, re-rooting their paths one module down, and printing them back as Rust.

/// A `use` tree without syn's tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UTree {
    /// `seg::rest`
    Path(String, Box<UTree>),
    /// `name` (or `self` inside a group).
    Name(String),
    /// `name as alias`
    Rename(String, String),
    Glob,
    Group(Vec<UTree>),
}

/// Recursion cap: real use trees are a few levels deep.
const MAX_DEPTH: u32 = 64;

impl UTree {
    /// Converts syn's tree.
    pub fn of(t: &syn::UseTree) -> UTree {
        Self::of_depth(t, 0)
    }

    fn of_depth(t: &syn::UseTree, depth: u32) -> UTree {
        if depth > MAX_DEPTH {
            return UTree::Glob;
        }
        match t {
            syn::UseTree::Path(p) => UTree::Path(
                p.ident.to_string(),
                Box::new(Self::of_depth(&p.tree, depth + 1)),
            ),
            syn::UseTree::Name(n) => UTree::Name(n.ident.to_string()),
            syn::UseTree::Rename(r) => UTree::Rename(r.ident.to_string(), r.rename.to_string()),
            syn::UseTree::Glob(_) => UTree::Glob,
            syn::UseTree::Group(g) => UTree::Group(
                g.items
                    .iter()
                    .map(|t| Self::of_depth(t, depth + 1))
                    .collect(),
            ),
        }
    }

    /// The names bound in the importing module (`self` binds the segment before it); `"*"` for
    /// a glob, `"_"` for `as _`.
    pub fn bound(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.bound_into(None, &mut out, 0);
        out
    }

    fn bound_into(&self, parent: Option<&str>, out: &mut Vec<String>, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        match self {
            UTree::Path(seg, rest) => rest.bound_into(Some(seg), out, depth + 1),
            UTree::Name(n) if n == "self" => {
                if let Some(p) = parent {
                    out.push(p.to_string());
                }
            }
            UTree::Name(n) => out.push(n.clone()),
            UTree::Rename(_, r) => out.push(r.clone()),
            UTree::Glob => out.push("*".into()),
            UTree::Group(items) => {
                for t in items {
                    t.bound_into(parent, out, depth + 1);
                }
            }
        }
    }

    /// The tree keeping only leaves whose bound name satisfies `keep` (globs and `as _` are
    /// given to `keep` as `"*"` and `"_"`); `None` when nothing is left.
    pub fn prune(&self, keep: &dyn Fn(&str) -> bool) -> Option<UTree> {
        self.prune_in(None, keep, 0)
    }

    fn prune_in(
        &self,
        parent: Option<&str>,
        keep: &dyn Fn(&str) -> bool,
        depth: u32,
    ) -> Option<UTree> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self {
            UTree::Path(seg, rest) => rest
                .prune_in(Some(seg), keep, depth + 1)
                .map(|r| UTree::Path(seg.clone(), Box::new(r))),
            UTree::Name(n) if n == "self" => parent.filter(|p| keep(p)).map(|_| self.clone()),
            UTree::Name(n) => keep(n).then(|| self.clone()),
            UTree::Rename(_, r) => keep(r).then(|| self.clone()),
            UTree::Glob => keep("*").then(|| self.clone()),
            UTree::Group(items) => {
                let kept: Vec<UTree> = items
                    .iter()
                    .filter_map(|t| t.prune_in(parent, keep, depth + 1))
                    .collect();
                match kept.len() {
                    0 => None,
                    1 => match kept.into_iter().next() {
                        Some(UTree::Name(n)) if n == "self" => {
                            Some(UTree::Group(vec![UTree::Name(n)]))
                        }
                        other => other,
                    },
                    _ => Some(UTree::Group(kept)),
                }
            }
        }
    }

    /// The first path segment (`std` in `std::io::Read`).
    pub fn first(&self) -> Option<&str> {
        match self {
            UTree::Path(seg, _) => Some(seg),
            UTree::Name(n) | UTree::Rename(n, _) => Some(n),
            _ => None,
        }
    }

    /// Prints the tree as Rust (`a::b::{c, d as e}`).
    pub fn render(&self) -> String {
        let mut s = String::new();
        self.render_into(&mut s, 0);
        s
    }

    fn render_into(&self, s: &mut String, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        match self {
            UTree::Path(seg, rest) => {
                s.push_str(seg);
                s.push_str("::");
                rest.render_into(s, depth + 1);
            }
            UTree::Name(n) => s.push_str(n),
            UTree::Rename(n, r) => {
                s.push_str(n);
                s.push_str(" as ");
                s.push_str(r);
            }
            UTree::Glob => s.push('*'),
            UTree::Group(items) => {
                s.push('{');
                for (i, t) in items.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    t.render_into(s, depth + 1);
                }
                s.push('}');
            }
        }
    }
}

/// One `use` declaration of the file.
#[derive(Debug, Clone)]
pub struct UseDecl {
    pub start_line: u32,
    pub end_line: u32,
    /// The visibility as written (`""`, `pub`, `pub(crate)`...).
    pub vis: String,
    /// Outer attributes as written (`#[cfg(unix)]`), one per entry.
    pub attrs: Vec<String>,
    pub leading_colon: bool,
    pub tree: UTree,
}

/// Re-roots a use path for a module one level below the file: `self::x` → `super::x`,
/// `super::x` → `super::super::x`, and a path starting at a name the file defines (a module or
/// enum declared there) → `super::name::...`. `crate::`, `::`, and external crates are unchanged.
pub fn reroot(tree: &UTree, file_defines: &dyn Fn(&str) -> bool) -> UTree {
    match tree {
        UTree::Path(seg, rest) if seg == "self" => UTree::Path("super".into(), rest.clone()),
        UTree::Path(seg, _) if seg == "super" => {
            UTree::Path("super".into(), Box::new(tree.clone()))
        }
        UTree::Path(seg, _) if file_defines(seg) => {
            UTree::Path("super".into(), Box::new(tree.clone()))
        }
        UTree::Group(items) => {
            UTree::Group(items.iter().map(|t| reroot(t, file_defines)).collect())
        }
        UTree::Name(n) | UTree::Rename(n, _) if file_defines(n) => {
            UTree::Path("super".into(), Box::new(tree.clone()))
        }
        _ => tree.clone(),
    }
}

/// Renders a `use` declaration for a module one level down, keeping only what `keep` accepts.
pub fn render_for_child(
    decl: &UseDecl,
    keep: &dyn Fn(&str) -> bool,
    file_defines: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let pruned = decl.tree.prune(keep)?;
    let tree = if decl.leading_colon {
        pruned
    } else {
        reroot(&pruned, file_defines)
    };
    let mut s = String::new();
    for a in &decl.attrs {
        s.push_str(a);
        s.push('\n');
    }
    s.push_str("use ");
    if decl.leading_colon {
        s.push_str("::");
    }
    s.push_str(&tree.render());
    s.push(';');
    Some(s)
}
