//! Rust through tree-sitter-rust: the fallback when syn cannot parse a file mid-edit. Functions,
//! impl blocks and their methods, traits (bodiless signatures count as methods), structs, enums,
//! unions, inline modules, `macro_rules!`.

use tree_sitter::Node;

use super::{CompRule, DeclCheck, DeclRule, DefaultCase, Naming, Shape, Spec};
use crate::model::facts::ComponentKind;

const fn fixed(node: &'static str, kind: ComponentKind) -> CompRule {
    CompRule {
        node,
        shape: Shape::Fixed(kind),
        naming: Naming::Field("name"),
        needs: None,
    }
}

pub static SPEC: Spec = Spec {
    language: || tree_sitter_rust::LANGUAGE.into(),
    separator: "::",
    components: &[
        CompRule {
            node: "function_item",
            shape: Shape::Callable,
            naming: Naming::Field("name"),
            needs: None,
        },
        CompRule {
            node: "impl_item",
            shape: Shape::Fixed(ComponentKind::Impl),
            naming: Naming::RustImpl,
            needs: None,
        },
        fixed("trait_item", ComponentKind::Trait),
        fixed("struct_item", ComponentKind::Struct),
        fixed("enum_item", ComponentKind::Enum),
        fixed("union_item", ComponentKind::Union),
        CompRule {
            node: "mod_item",
            shape: Shape::Fixed(ComponentKind::Module),
            naming: Naming::Field("name"),
            needs: Some("body"),
        },
        fixed("macro_definition", ComponentKind::Macro),
    ],
    bindings: &[],
    wrappers: &[],
    decls: &[DeclRule {
        node: "function_signature_item",
        parents: &["declaration_list"],
        check: DeclCheck::Always,
    }],
    ifs: &["if_expression"],
    else_clauses: &["else_clause"],
    elifs: &[],
    loops: &["for_expression", "while_expression"],
    structures: &["match_expression", "loop_expression"],
    cases: &["match_arm"],
    default_case: DefaultCase::Wildcard,
    catches: &[],
    tries: &[],
    ternaries: &[],
    lambdas: &["closure_expression"],
    depth_only: &[],
    jumps: &["break_expression", "continue_expression"],
    labels: &["label"],
    gotos: &[],
    cyclo_only: &["try_expression"],
    logical_exprs: &["binary_expression"],
    logical_ops: &["&&", "||"],
    params,
    post: None,
};

/// `parameter` and `variadic_parameter`; `self`, `&self`, `mut self` are the receiver.
fn params(func: Node, _src: &str, _method: bool) -> u32 {
    let Some(list) = func.child_by_field_name("parameters") else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0;
    for child in list.named_children(&mut cursor) {
        if matches!(child.kind(), "parameter" | "variadic_parameter") {
            n += 1;
        }
    }
    n
}
