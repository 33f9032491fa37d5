//! Python name binding: which names a function (or class body) binds locally, so that an
//! identifier inside it is known to be a local rather than a reference to a module-level item.
//! Also used by extract-function for its def/use pass.

use std::collections::HashSet;

use tree_sitter::Node;

use crate::patterns::ts::{self, Event};

/// Node kinds that open a new scope.
pub const SCOPES: &[&str] = &["function_definition", "lambda", "class_definition"];

/// Names bound directly in the scope opened by `node` (a function, lambda or class): parameters,
/// assignment targets, loop and `with`/`except` targets, imports, nested definitions; minus the
/// names declared `global` or `nonlocal`. Nested scopes are not entered (their names are).
pub fn locals<'s>(node: Node<'_>, src: &'s str) -> HashSet<&'s str> {
    let mut out = HashSet::new();
    let mut globals = HashSet::new();
    if let Some(params) = node.child_by_field_name("parameters") {
        params_into(params, src, &mut out);
    }
    let Some(body) = node.child_by_field_name("body") else {
        return out;
    };
    ts::walk(body, |n, ev| {
        if ev == Event::Leave {
            return true;
        }
        match n.kind() {
            "function_definition" | "class_definition" => {
                if let Some(name) = n.child_by_field_name("name") {
                    out.insert(ts::text(name, src));
                }
                false
            }
            "lambda" => false,
            "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
                if let Some(left) = n.child_by_field_name("left") {
                    targets_into(left, src, &mut out);
                }
                true
            }
            "except_clause" => {
                if let Some(alias) = n.child_by_field_name("alias") {
                    targets_into(alias, src, &mut out);
                }
                true
            }
            "as_pattern_target" | "named_expression" => {
                let target = n.child_by_field_name("name").unwrap_or(n);
                targets_into(target, src, &mut out);
                true
            }
            "import_statement" | "import_from_statement" => {
                for name in import_bound(n, src) {
                    out.insert(name);
                }
                false
            }
            "global_statement" | "nonlocal_statement" => {
                let mut c = n.walk();
                for id in n.named_children(&mut c) {
                    if id.kind() == "identifier" {
                        globals.insert(ts::text(id, src));
                    }
                }
                false
            }
            _ => true,
        }
    });
    out.retain(|n| !globals.contains(n));
    out
}

/// Parameter names of a `parameters` or `lambda_parameters` node.
pub fn params_into<'s>(params: Node<'_>, src: &'s str, out: &mut HashSet<&'s str>) {
    let mut c = params.walk();
    for p in params.named_children(&mut c) {
        let name = match p.kind() {
            "identifier" => Some(p),
            "default_parameter" | "typed_default_parameter" => p.child_by_field_name("name"),
            "typed_parameter" | "list_splat_pattern" | "dictionary_splat_pattern" => {
                let mut c2 = p.walk();
                let first = p.named_children(&mut c2).find(|c| c.kind() == "identifier");
                first.or_else(|| {
                    let mut c3 = p.walk();
                    let inner = p.named_children(&mut c3).next();
                    inner.and_then(|i| {
                        let mut c4 = i.walk();
                        let found = i.named_children(&mut c4).find(|c| c.kind() == "identifier");
                        found.or((i.kind() == "identifier").then_some(i))
                    })
                })
            }
            _ => None,
        };
        if let Some(n) = name {
            out.insert(ts::text(n, src));
        }
    }
}

/// Identifiers bound by an assignment target (names, tuples and lists of names; attributes and
/// subscripts bind nothing).
pub fn targets_into<'s>(target: Node<'_>, src: &'s str, out: &mut HashSet<&'s str>) {
    match target.kind() {
        "identifier" => {
            out.insert(ts::text(target, src));
        }
        "pattern_list"
        | "tuple_pattern"
        | "list_pattern"
        | "expression_list"
        | "tuple"
        | "list"
        | "list_splat_pattern"
        | "parenthesized_expression"
        | "as_pattern_target" => {
            let mut c = target.walk();
            let kids: Vec<Node<'_>> = target.named_children(&mut c).collect();
            for k in kids {
                if matches!(k.kind(), "identifier") {
                    out.insert(ts::text(k, src));
                } else if !matches!(k.kind(), "attribute" | "subscript") {
                    // One more level is all real code uses: `(a, b), c = ...`.
                    let mut c2 = k.walk();
                    for kk in k.named_children(&mut c2) {
                        if kk.kind() == "identifier" {
                            out.insert(ts::text(kk, src));
                        }
                    }
                }
            }
        }
        _ => {}
    }
}

/// Names an import statement binds: `import a.b` → `a`, `import a.b as c` → `c`,
/// `from m import x, y as z` → `x`, `z`.
pub fn import_bound<'s>(n: Node<'_>, src: &'s str) -> Vec<&'s str> {
    let mut out = Vec::new();
    let from = n.kind() == "import_from_statement";
    let mut c = n.walk();
    for child in n.children_by_field_name("name", &mut c) {
        match child.kind() {
            "aliased_import" => {
                if let Some(alias) = child.child_by_field_name("alias") {
                    out.push(ts::text(alias, src));
                }
            }
            "dotted_name" => {
                let t = ts::text(child, src);
                if from {
                    out.push(t.rsplit('.').next().unwrap_or(t));
                } else {
                    out.push(t.split('.').next().unwrap_or(t));
                }
            }
            _ => {}
        }
    }
    out
}
