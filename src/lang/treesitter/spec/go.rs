//! Go: functions, methods (qualified by their receiver type), struct and interface types.
//!
//! Methods are declared outside their type, so they stay top-level components named
//! `Type.Method`; the walker counts each toward the `methods` of the type `Type` when that type
//! is declared in the same file.

use tree_sitter::Node;

use super::{CompRule, DeclCheck, DeclRule, DefaultCase, Naming, Shape, Spec};

pub static SPEC: Spec = Spec {
    language: || tree_sitter_go::LANGUAGE.into(),
    separator: ".",
    components: &[
        CompRule {
            node: "function_declaration",
            shape: Shape::Callable,
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: false,
        },
        CompRule {
            node: "method_declaration",
            shape: Shape::Method,
            naming: Naming::GoMethod,
            needs: None,
            only_in_type: false,
        },
        CompRule {
            node: "type_spec",
            shape: Shape::GoType,
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: false,
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
    guards: &[],
    else_lets: &[],
    catches: &[],
    ternaries: &[],
    lambdas: &["func_literal"],
    jumps: &["break_statement", "continue_statement"],
    labels: &["label_name"],
    gotos: &["goto_statement"],
    cyclo_only: &[],
    logical_exprs: &["binary_expression"],
    logical_chains: &[],
    detached: &[],
    logical_ops: &[&["&&"], &["||"]],
    params,
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
