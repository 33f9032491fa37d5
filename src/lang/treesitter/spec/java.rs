//! Java: classes, interfaces, enums, records, annotation types, methods and constructors, nested
//! and inner classes. Abstract and interface methods (no body) count toward their type only.

use tree_sitter::Node;

use super::{CompRule, DeclCheck, DeclRule, DefaultCase, Naming, Shape, Spec};
use crate::model::facts::ComponentKind;

const fn fixed(node: &'static str, kind: ComponentKind) -> CompRule {
    CompRule {
        node,
        shape: Shape::Fixed(kind),
        naming: Naming::Field("name"),
        needs: None,
        only_in_type: false,
    }
}

const fn method(node: &'static str, needs: Option<&'static str>) -> CompRule {
    CompRule {
        node,
        shape: Shape::Method,
        naming: Naming::Field("name"),
        needs,
        only_in_type: false,
    }
}

pub static SPEC: Spec = Spec {
    language: || tree_sitter_java::LANGUAGE.into(),
    separator: ".",
    components: &[
        fixed("class_declaration", ComponentKind::Class),
        fixed("record_declaration", ComponentKind::Class),
        fixed("interface_declaration", ComponentKind::Interface),
        fixed("annotation_type_declaration", ComponentKind::Interface),
        fixed("enum_declaration", ComponentKind::Enum),
        method("method_declaration", Some("body")),
        method("constructor_declaration", None),
        method("compact_constructor_declaration", None),
    ],
    bindings: &[],
    wrappers: &[],
    decls: &[DeclRule {
        node: "method_declaration",
        parents: &[],
        check: DeclCheck::MissingField("body"),
    }],
    ifs: &["if_statement"],
    else_clauses: &[],
    elifs: &[],
    loops: &[
        "for_statement",
        "enhanced_for_statement",
        "while_statement",
        "do_statement",
    ],
    structures: &["switch_expression"],
    cases: &["switch_label"],
    default_case: DefaultCase::FirstToken("default"),
    guards: &[],
    else_lets: &[],
    catches: &["catch_clause"],
    ternaries: &["ternary_expression"],
    lambdas: &["lambda_expression"],
    jumps: &["break_statement", "continue_statement"],
    labels: &["identifier"],
    gotos: &[],
    cyclo_only: &[],
    logical_exprs: &["binary_expression"],
    logical_chains: &[],
    detached: &[],
    logical_ops: &[&["&&"], &["||"]],
    params,
};

/// `formal_parameter` and varargs; an explicit receiver (`Foo this`) is not counted.
fn params(func: Node, _src: &str, _method: bool) -> u32 {
    let Some(list) = func.child_by_field_name("parameters") else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0;
    for child in list.named_children(&mut cursor) {
        if matches!(child.kind(), "formal_parameter" | "spread_parameter") {
            n += 1;
        }
    }
    n
}
