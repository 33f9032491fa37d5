//! C++: namespaces, classes, structs, unions, enums, functions, methods defined in their class
//! or out of line (`Foo::bar`, qualified from the declarator), templates (the span starts at
//! `template <...>`). Member function declarations count toward their class's methods.

use super::c::declarator_params;
use super::{CompRule, DeclCheck, DeclRule, DefaultCase, Naming, Shape, Spec};
use crate::model::facts::ComponentKind;

const fn record(node: &'static str, kind: ComponentKind) -> CompRule {
    CompRule {
        node,
        shape: Shape::Fixed(kind),
        naming: Naming::Record,
        needs: Some("body"),
        only_in_type: false,
    }
}

const MEMBER_PARENTS: &[&str] = &["field_declaration_list", "template_declaration"];

pub static SPEC: Spec = Spec {
    language: || tree_sitter_cpp::LANGUAGE.into(),
    separator: "::",
    components: &[
        CompRule {
            node: "namespace_definition",
            shape: Shape::Fixed(ComponentKind::Namespace),
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: false,
        },
        CompRule {
            node: "function_definition",
            shape: Shape::Callable,
            naming: Naming::Declarator,
            needs: None,
            only_in_type: false,
        },
        record("class_specifier", ComponentKind::Class),
        record("struct_specifier", ComponentKind::Struct),
        record("union_specifier", ComponentKind::Union),
        record("enum_specifier", ComponentKind::Enum),
    ],
    bindings: &[],
    wrappers: &["template_declaration"],
    decls: &[
        DeclRule {
            node: "field_declaration",
            parents: MEMBER_PARENTS,
            check: DeclCheck::FunctionDeclarator,
        },
        DeclRule {
            node: "declaration",
            parents: MEMBER_PARENTS,
            check: DeclCheck::FunctionDeclarator,
        },
    ],
    ifs: &["if_statement"],
    else_clauses: &["else_clause"],
    elifs: &[],
    loops: &[
        "for_statement",
        "for_range_loop",
        "while_statement",
        "do_statement",
    ],
    structures: &["switch_statement"],
    cases: &["case_statement"],
    default_case: DefaultCase::FirstToken("default"),
    guards: &[],
    else_lets: &[],
    catches: &["catch_clause"],
    ternaries: &["conditional_expression"],
    lambdas: &["lambda_expression"],
    jumps: &[],
    labels: &[],
    gotos: &["goto_statement"],
    cyclo_only: &[],
    logical_exprs: &["binary_expression"],
    logical_chains: &[],
    detached: &[],
    logical_ops: &[&["&&", "and"], &["||", "or"]],
    params: declarator_params,
};
