//! Finds a component's name from its node, following the spec's [`Naming`] strategy.
//!
//! A node that yields no name is not a component (anonymous classes, unbound arrow functions,
//! anonymous namespaces); the walker then treats it as plain code.

use tree_sitter::Node;

use super::nodes::{clean_name, field_text, function_declarator, is_simple_name, split_scope, text};
use super::spec::{Naming, Spec};

/// A component name, with the scope a declaration carries itself (`Foo` of `Foo::bar`, the Go
/// receiver type of a method).
pub struct Named {
    pub name: String,
    pub scope: Option<String>,
}

impl Named {
    fn plain(name: String) -> Named {
        Named { name, scope: None }
    }
}

/// Names `node`; `parent` is its parent node (bindings, typedefs), when it has one.
pub fn name(
    naming: Naming,
    node: Node,
    parent: Option<Node>,
    spec: &Spec,
    src: &str,
) -> Option<Named> {
    match naming {
        Naming::Field(field) => clean_name(field_text(node, field, src)?).map(Named::plain),
        Naming::Binding => binding(node, parent, spec, src)
            .or_else(|| clean_name(field_text(node, "name", src)?))
            .map(Named::plain),
        Naming::Declarator => {
            let decl = function_declarator(node)?.child_by_field_name("declarator")?;
            scoped(text(decl, src))
        }
        Naming::Record => match field_text(node, "name", src) {
            Some(raw) => scoped(raw),
            None => typedef_name(parent?, src).map(Named::plain),
        },
        Naming::GoMethod => {
            let name = clean_name(field_text(node, "name", src)?)?;
            let scope = go_receiver(node, src);
            Some(Named { name, scope })
        }
        Naming::RustImpl => {
            let ty = field_text(node, "type", src)?;
            let base = ty.split('<').next().unwrap_or(ty);
            clean_name(base).map(Named::plain)
        }
    }
}

/// `Foo::bar` → name `bar`, scope `Foo`.
fn scoped(raw: &str) -> Option<Named> {
    let cleaned = clean_name(raw)?;
    let (scope, name) = split_scope(&cleaned);
    Some(Named {
        name: clean_name(name)?,
        scope: scope.and_then(clean_name),
    })
}

/// The name `node` is bound to through its parent: a declarator, an object key, an assignment
/// target (`module.exports.f = ...` gives `f`), a class field.
fn binding(node: Node, parent: Option<Node>, spec: &Spec, src: &str) -> Option<String> {
    let parent = parent?;
    let kind = parent.kind();
    let (_, field) = spec.bindings.iter().find(|(k, _)| *k == kind)?;
    let target = parent.child_by_field_name(field)?;
    if target.id() == node.id() {
        return None;
    }
    let target = target.child_by_field_name("property").unwrap_or(target);
    clean_name(text(target, src)).filter(|n| is_simple_name(n))
}

/// `typedef struct { ... } Name;` names the anonymous struct `Name`.
fn typedef_name(parent: Node, src: &str) -> Option<String> {
    if parent.kind() != "type_definition" {
        return None;
    }
    clean_name(field_text(parent, "declarator", src)?).filter(|n| is_simple_name(n))
}

/// The base type of a Go method receiver: `(s *S)`, `(S)`, `(g G[T])` all give the type name.
fn go_receiver(node: Node, src: &str) -> Option<String> {
    let list = node.child_by_field_name("receiver")?;
    let mut cursor = list.walk();
    let param = list
        .named_children(&mut cursor)
        .find(|c| c.kind() == "parameter_declaration")?;
    let mut ty = param.child_by_field_name("type")?;
    for _ in 0..8 {
        ty = match ty.kind() {
            "pointer_type" | "parenthesized_type" => ty.named_child(0)?,
            "generic_type" => ty.child_by_field_name("type")?,
            _ => break,
        };
    }
    clean_name(text(ty, src))
}
