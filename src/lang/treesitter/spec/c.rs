//! C: functions, and structs, unions and enums that have a body and a name (their own, or the
//! one a `typedef` gives them).

use tree_sitter::Node;

use super::{CompRule, DefaultCase, Naming, Shape, Spec};
use crate::lang::treesitter::nodes::{function_declarator, text};
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

pub static SPEC: Spec = Spec {
    language: || tree_sitter_c::LANGUAGE.into(),
    separator: ".",
    components: &[
        CompRule {
            node: "function_definition",
            shape: Shape::Callable,
            naming: Naming::Declarator,
            needs: None,
            only_in_type: false,
        },
        record("struct_specifier", ComponentKind::Struct),
        record("union_specifier", ComponentKind::Union),
        record("enum_specifier", ComponentKind::Enum),
    ],
    bindings: &[],
    wrappers: &[],
    decls: &[],
    ifs: &["if_statement"],
    else_clauses: &["else_clause"],
    elifs: &[],
    loops: &["for_statement", "while_statement", "do_statement"],
    structures: &["switch_statement"],
    cases: &["case_statement"],
    default_case: DefaultCase::FirstToken("default"),
    guards: &[],
    else_lets: &[],
    catches: &[],
    ternaries: &["conditional_expression"],
    lambdas: &[],
    jumps: &[],
    labels: &[],
    gotos: &["goto_statement"],
    cyclo_only: &[],
    logical_exprs: &["binary_expression"],
    logical_chains: &[],
    detached: &[],
    logical_ops: &[&["&&"], &["||"]],
    params: declarator_params,
};

/// Parameters of the function declarator (C and C++): declarations, defaulted and variadic
/// template parameters count; `(void)` and a C-style `...` do not.
pub fn declarator_params(func: Node, src: &str, _method: bool) -> u32 {
    let Some(list) = function_declarator(func).and_then(|d| d.child_by_field_name("parameters"))
    else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0u32;
    let mut only_void = false;
    for child in list.named_children(&mut cursor) {
        match child.kind() {
            "parameter_declaration" => {
                n += 1;
                only_void = n == 1
                    && child.child_by_field_name("declarator").is_none()
                    && child
                        .child_by_field_name("type")
                        .is_some_and(|t| text(t, src) == "void");
            }
            "optional_parameter_declaration" | "variadic_parameter_declaration" => {
                n += 1;
                only_void = false;
            }
            _ => {}
        }
    }
    if only_void && n == 1 {
        0
    } else {
        n
    }
}
