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
        ev == Event::Leave || binding(n, src, &mut out, &mut globals)
    });
    out.retain(|n| !globals.contains(n));
    out
}

/// Adds what `n` binds to `out` (or declares `global`/`nonlocal` to `globals`); true when the
/// walk should go into `n`'s children (not into nested scopes and imports).
fn binding<'s>(
    n: Node<'_>,
    src: &'s str,
    out: &mut HashSet<&'s str>,
    globals: &mut HashSet<&'s str>,
) -> bool {
    let field = |name: &str| n.child_by_field_name(name);
    match n.kind() {
        "function_definition" | "class_definition" => {
            out.extend(field("name").map(|name| ts::text(name, src)));
            false
        }
        "lambda" => false,
        "assignment" | "augmented_assignment" | "for_statement" | "for_in_clause" => {
            bind_targets(field("left"), src, out)
        }
        "except_clause" => bind_targets(field("alias"), src, out),
        "as_pattern_target" | "named_expression" => {
            bind_targets(Some(field("name").unwrap_or(n)), src, out)
        }
        "import_statement" | "import_from_statement" => {
            out.extend(import_bound(n, src));
            false
        }
        "global_statement" | "nonlocal_statement" => {
            let mut c = n.walk();
            let ids = n
                .named_children(&mut c)
                .filter(|id| id.kind() == "identifier");
            globals.extend(ids.map(|id| ts::text(id, src)));
            false
        }
        _ => true,
    }
}

/// `targets_into` for an optional target; always true (the walk goes on into it).
fn bind_targets<'s>(target: Option<Node<'_>>, src: &'s str, out: &mut HashSet<&'s str>) -> bool {
    if let Some(t) = target {
        targets_into(t, src, out);
    }
    true
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
                sequence_element(k, src, out);
            }
        }
        _ => {}
    }
}

/// One element of a target sequence: a name, or (one more level is all real code uses:
/// `(a, b), c = ...`) the names directly inside it; attributes and subscripts bind nothing.
fn sequence_element<'s>(k: Node<'_>, src: &'s str, out: &mut HashSet<&'s str>) {
    match k.kind() {
        "identifier" => {
            out.insert(ts::text(k, src));
        }
        "attribute" | "subscript" => {}
        _ => {
            let mut c = k.walk();
            let names = k
                .named_children(&mut c)
                .filter(|kk| kk.kind() == "identifier");
            out.extend(names.map(|kk| ts::text(kk, src)));
        }
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
