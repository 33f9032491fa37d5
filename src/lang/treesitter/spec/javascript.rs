//! JavaScript with JSX; the TypeScript specs reuse these tables and add their own declarations.

use tree_sitter::Node;

use super::{CompRule, DefaultCase, Naming, Shape, Spec};
use crate::lang::treesitter::nodes::text;
use crate::model::facts::ComponentKind;

/// Named functions, classes, methods, and function values bound to a name.
pub const COMPONENTS: &[CompRule] = &[
    callable("function_declaration", Naming::Field("name")),
    callable("generator_function_declaration", Naming::Field("name")),
    callable("method_definition", Naming::Field("name")),
    callable("arrow_function", Naming::Binding),
    callable("function_expression", Naming::Binding),
    callable("generator_function", Naming::Binding),
    CompRule {
        node: "class_declaration",
        shape: Shape::Fixed(ComponentKind::Class),
        naming: Naming::Field("name"),
        needs: None,
        only_in_type: false,
    },
    CompRule {
        node: "class",
        shape: Shape::Fixed(ComponentKind::Class),
        naming: Naming::Binding,
        needs: None,
        only_in_type: false,
    },
];

/// Where a function or class expression takes its name from.
pub const BINDINGS: &[(&str, &str)] = &[
    ("variable_declarator", "name"),
    ("pair", "key"),
    ("assignment_expression", "left"),
    ("field_definition", "property"),
];

/// `@decorator export class ...`: the decorators belong to the export statement.
pub const WRAPPERS: &[&str] = &["export_statement"];
pub const IFS: &[&str] = &["if_statement"];
pub const ELSES: &[&str] = &["else_clause"];
pub const LOOPS: &[&str] = &[
    "for_statement",
    "for_in_statement",
    "while_statement",
    "do_statement",
];
pub const STRUCTURES: &[&str] = &["switch_statement"];
pub const CASES: &[&str] = &["switch_case"];
pub const CATCHES: &[&str] = &["catch_clause"];
pub const TERNARIES: &[&str] = &["ternary_expression"];
pub const LAMBDAS: &[&str] = &[
    "arrow_function",
    "function_expression",
    "generator_function",
];
pub const JUMPS: &[&str] = &["break_statement", "continue_statement"];
pub const LABELS: &[&str] = &["statement_identifier"];
pub const LOGICAL_EXPRS: &[&str] = &["binary_expression"];
pub const LOGICAL_OPS: &[&[&str]] = &[&["&&"], &["||"], &["??"]];

const fn callable(node: &'static str, naming: Naming) -> CompRule {
    CompRule {
        node,
        shape: Shape::Callable,
        naming,
        needs: None,
        only_in_type: false,
    }
}

pub static SPEC: Spec = Spec {
    language: || tree_sitter_javascript::LANGUAGE.into(),
    separator: ".",
    components: COMPONENTS,
    bindings: BINDINGS,
    wrappers: WRAPPERS,
    decls: &[],
    ifs: IFS,
    else_clauses: ELSES,
    elifs: &[],
    loops: LOOPS,
    structures: STRUCTURES,
    cases: CASES,
    default_case: DefaultCase::Never,
    guards: &[],
    else_lets: &[],
    catches: CATCHES,
    ternaries: TERNARIES,
    lambdas: LAMBDAS,
    jumps: JUMPS,
    labels: LABELS,
    gotos: &[],
    cyclo_only: &[],
    logical_exprs: LOGICAL_EXPRS,
    logical_chains: &[],
    detached: &[],
    logical_ops: LOGICAL_OPS,
    params,
};

/// Entries of `formal_parameters` (patterns, defaults, rest), or 1 for `x => ...`; a TypeScript
/// `this` parameter is the receiver.
pub fn params(func: Node, src: &str, _method: bool) -> u32 {
    if func.child_by_field_name("parameter").is_some() {
        return 1;
    }
    let Some(list) = func.child_by_field_name("parameters") else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0;
    for child in list.named_children(&mut cursor) {
        match child.kind() {
            "comment" | "decorator" => {}
            "required_parameter" | "optional_parameter" => {
                let is_this = child
                    .child_by_field_name("pattern")
                    .is_some_and(|p| p.kind() == "this" || text(p, src) == "this");
                if !is_this {
                    n += 1;
                }
            }
            _ => n += 1,
        }
    }
    n
}
