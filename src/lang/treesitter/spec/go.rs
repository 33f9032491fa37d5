//! Go: functions, methods (qualified by their receiver type), struct and interface types.
//!
//! Methods are declared outside their type, so they stay top-level components named
//! `Type.Method`; the post-pass counts them toward the type's `methods` when the type is declared
//! in the same file.

use std::collections::HashMap;

use tree_sitter::Node;

use super::{CompRule, DeclCheck, DeclRule, DefaultCase, Naming, Shape, Spec};
use crate::model::facts::{Component, ComponentKind};

pub static SPEC: Spec = Spec {
    language: || tree_sitter_go::LANGUAGE.into(),
    separator: ".",
    components: &[
        CompRule {
            node: "function_declaration",
            shape: Shape::Callable,
            naming: Naming::Field("name"),
            needs: None,
        },
        CompRule {
            node: "method_declaration",
            shape: Shape::Method,
            naming: Naming::GoMethod,
            needs: None,
        },
        CompRule {
            node: "type_spec",
            shape: Shape::GoType,
            naming: Naming::Field("name"),
            needs: None,
        },
    ],
    bindings: &[],
    wrappers: &[],
    decls: &[DeclRule {
        node: "method_elem",
        parents: &["interface_type"],
        check: DeclCheck::Always,
    }],
    ifs: &["if_statement"],
    else_clauses: &[],
    elifs: &[],
    loops: &["for_statement"],
    structures: &[
        "expression_switch_statement",
        "type_switch_statement",
        "select_statement",
    ],
    cases: &["expression_case", "type_case", "communication_case"],
    default_case: DefaultCase::Never,
    catches: &[],
    tries: &[],
    ternaries: &[],
    lambdas: &["func_literal"],
    depth_only: &[],
    jumps: &["break_statement", "continue_statement"],
    labels: &["label_name"],
    gotos: &["goto_statement"],
    cyclo_only: &[],
    logical_exprs: &["binary_expression"],
    logical_ops: &["&&", "||"],
    params,
    post: Some(count_methods),
};

/// Each declared name counts (`a, b int` is two); an unnamed parameter counts once; the receiver
/// is a separate list and is not counted.
fn params(func: Node, _src: &str, _method: bool) -> u32 {
    let Some(list) = func.child_by_field_name("parameters") else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0u32;
    for child in list.named_children(&mut cursor) {
        match child.kind() {
            "parameter_declaration" => {
                let mut names = child.walk();
                let named = child.children_by_field_name("name", &mut names).count() as u32;
                n = n.saturating_add(named.max(1));
            }
            "variadic_parameter_declaration" => n = n.saturating_add(1),
            _ => {}
        }
    }
    n
}

/// Adds each top-level `T.Method` to the `methods` of the type `T` declared in the same file.
fn count_methods(components: &mut [Component]) {
    let mut types: HashMap<String, usize> = HashMap::new();
    for (i, c) in components.iter().enumerate() {
        if c.kind.is_type() {
            types.entry(c.name.clone()).or_insert(i);
        }
    }
    if types.is_empty() {
        return;
    }
    let mut counts = vec![0u32; components.len()];
    for c in components.iter() {
        if c.kind != ComponentKind::Method {
            continue;
        }
        let receiver = c.qualified_name.rsplit_once('.').map(|(r, _)| r);
        if let Some(&i) = receiver.and_then(|r| types.get(r)) {
            if let Some(slot) = counts.get_mut(i) {
                *slot += 1;
            }
        }
    }
    for (c, n) in components.iter_mut().zip(counts) {
        if n > 0 {
            c.methods = Some(c.methods.unwrap_or(0).saturating_add(n));
        }
    }
}
