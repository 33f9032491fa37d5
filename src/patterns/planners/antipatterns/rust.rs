//! The Rust detectors, on syn's tree (parsed on a thread sized for the file, see
//! `items::rust::with_file`).

use syn::visit::{self, Visit};

use super::Hit;
use crate::patterns::items::rust::with_file;
use crate::patterns::library::Detector;

/// Hits of the `wanted` detectors in `src`.
pub fn hits(src: &str, wanted: &[Detector]) -> Vec<Hit> {
    let wanted = wanted.to_vec();
    with_file(src, move |file| {
        let mut v = V {
            wanted,
            out: Vec::new(),
        };
        v.visit_file(file);
        v.out
    })
    .unwrap_or_default()
}

struct V {
    wanted: Vec<Detector>,
    out: Vec<Hit>,
}

fn line(span: proc_macro2::Span) -> u32 {
    u32::try_from(span.start().line).unwrap_or(0)
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[bench]`.
fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let last = a.path().segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
        matches!(last.as_str(), "test" | "bench")
            || (a.path().is_ident("cfg")
                && matches!(&a.meta, syn::Meta::List(l) if l.tokens.to_string().split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "test")))
    })
}

impl V {
    fn push(&mut self, d: Detector, line: u32, message: String) {
        if self.wanted.contains(&d) {
            self.out.push(Hit {
                detector: d,
                line,
                message,
            });
        }
    }
}

impl<'ast> Visit<'ast> for V {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !is_test(&f.attrs) {
            visit::visit_item_fn(self, f);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if !is_test(&m.attrs) {
            visit::visit_item_mod(self, m);
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if !is_test(&f.attrs) {
            visit::visit_impl_item_fn(self, f);
        }
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        let name = m.method.to_string();
        if (name == "unwrap" && m.args.is_empty()) || (name == "expect" && m.args.len() == 1) {
            self.push(
                Detector::RustUnwrap,
                line(m.method.span()),
                format!("`.{name}()` panics on `None` / `Err`"),
            );
        }
        visit::visit_expr_method_call(self, m);
    }

    fn visit_local(&mut self, l: &'ast syn::Local) {
        if let (syn::Pat::Wild(w), Some(init)) = (&l.pat, &l.init) {
            let discards = match &*init.expr {
                syn::Expr::Call(_) | syn::Expr::MethodCall(_) => true,
                syn::Expr::Macro(m) => m
                    .mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "write" || s.ident == "writeln"),
                _ => false,
            };
            if discards {
                self.push(
                    Detector::RustLetUnderscore,
                    line(w.underscore_token.span),
                    "`let _ =` discards the result of a call (an error, if it returns a `Result`)"
                        .into(),
                );
            }
        }
        visit::visit_local(self, l);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*c.func {
            let last = p
                .path
                .segments
                .last()
                .map(|s| s.ident.to_string())
                .unwrap_or_default();
            let fixed = c.args.iter().any(|a| {
                matches!(a, syn::Expr::Lit(_))
                    || matches!(a, syn::Expr::Call(inner) if matches!(&*inner.func, syn::Expr::Path(ip)
                        if ip.path.segments.iter().any(|s| s.ident == "Duration"))
                        && inner.args.iter().all(|x| matches!(x, syn::Expr::Lit(_))))
            });
            if last == "sleep" && p.path.segments.len() >= 2 && fixed {
                self.push(
                    Detector::RustSleep,
                    line(
                        p.path
                            .segments
                            .last()
                            .map(|s| s.ident.span())
                            .unwrap_or_else(proc_macro2::Span::call_site),
                    ),
                    "`sleep` with a fixed duration".into(),
                );
            }
        }
        visit::visit_expr_call(self, c);
    }
}
