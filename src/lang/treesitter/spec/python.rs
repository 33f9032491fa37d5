//! Python: classes, functions, methods, nested functions; decorators start the span.

use tree_sitter::Node;

use super::{CompRule, DefaultCase, Naming, Shape, Spec};
use crate::lang::treesitter::nodes::text;
use crate::model::facts::ComponentKind;

pub static SPEC: Spec = Spec {
    language: || tree_sitter_python::LANGUAGE.into(),
    separator: ".",
    components: &[
        CompRule {
            node: "class_definition",
            shape: Shape::Fixed(ComponentKind::Class),
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: false,
        },
        CompRule {
            node: "function_definition",
            shape: Shape::Callable,
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: false,
        },
    ],
    bindings: &[],
    wrappers: &["decorated_definition"],
    decls: &[],
    ifs: &["if_statement"],
    else_clauses: &["else_clause"],
    elifs: &["elif_clause"],
    loops: &["for_statement", "while_statement"],
    structures: &["match_statement"],
    cases: &["case_clause"],
    default_case: DefaultCase::Wildcard,
    guards: &[],
    else_lets: &[],
    catches: &["except_clause"],
    ternaries: &["conditional_expression"],
    lambdas: &["lambda"],
    jumps: &[],
    labels: &[],
    gotos: &[],
    cyclo_only: &["for_in_clause", "if_clause"],
    logical_exprs: &["boolean_operator"],
    logical_chains: &[],
    detached: &[],
    logical_ops: &[&["and"], &["or"]],
    params,
};

/// Every entry of the parameter list except the `/` and `*` markers; a method's leading `self`
/// or `cls` is the receiver.
fn params(func: Node, src: &str, method: bool) -> u32 {
    let Some(list) = func.child_by_field_name("parameters") else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0;
    let mut first = true;
    for child in list.named_children(&mut cursor) {
        let kind = child.kind();
        if matches!(
            kind,
            "positional_separator" | "keyword_separator" | "comment"
        ) {
            continue;
        }
        let receiver = first && method && kind == "identifier";
        first = false;
        if receiver && matches!(text(child, src), "self" | "cls") {
            continue;
        }
        n += 1;
    }
    n
}
