//! Rust through tree-sitter-rust: the fallback when syn cannot parse a file mid-edit. It follows
//! the syn analyser's rules (`docs/metrics.md`, "Rust (syn)") so a file keeps its components and
//! numbers while it is briefly broken: functions, impl blocks named like syn names them, traits
//! with their required and provided methods, structs, enums, unions (with the methods of their
//! inherent impls in the same scope), inline modules, `macro_rules!`.

use tree_sitter::Node;

use super::{CompRule, DefaultCase, Naming, Shape, Spec};
use crate::lang::treesitter::nodes::text;
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

pub static SPEC: Spec = Spec {
    language: || tree_sitter_rust::LANGUAGE.into(),
    separator: "::",
    components: &[
        CompRule {
            node: "function_item",
            shape: Shape::Callable,
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: false,
        },
        CompRule {
            node: "function_signature_item",
            shape: Shape::Callable,
            naming: Naming::Field("name"),
            needs: None,
            only_in_type: true,
        },
        CompRule {
            node: "impl_item",
            shape: Shape::Fixed(ComponentKind::Impl),
            naming: Naming::RustImpl,
            needs: None,
            only_in_type: false,
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
            only_in_type: false,
        },
        fixed("macro_definition", ComponentKind::Macro),
    ],
    bindings: &[],
    wrappers: &[],
    decls: &[],
    ifs: &["if_expression"],
    else_clauses: &["else_clause"],
    elifs: &[],
    loops: &["for_expression", "while_expression", "loop_expression"],
    structures: &["match_expression"],
    cases: &["match_arm"],
    default_case: DefaultCase::AllButOne,
    guards: &["match_pattern"],
    else_lets: &["let_declaration"],
    catches: &[],
    ternaries: &[],
    lambdas: &["closure_expression", "async_block"],
    jumps: &["break_expression", "continue_expression"],
    labels: &["label"],
    gotos: &[],
    cyclo_only: &[],
    logical_exprs: &["binary_expression"],
    logical_chains: &["let_chain"],
    detached: &["const_item", "static_item"],
    logical_ops: &[&["&&"], &["||"]],
    params,
};

/// `parameter` and `variadic_parameter`; `self`, `&self`, `mut self`, `self: Pin<&mut Self>` are
/// the receiver.
fn params(func: Node, src: &str, _method: bool) -> u32 {
    let Some(list) = func.child_by_field_name("parameters") else {
        return 0;
    };
    let mut cursor = list.walk();
    let mut n = 0;
    for child in list.named_children(&mut cursor) {
        let receiver = child
            .child_by_field_name("pattern")
            .is_some_and(|p| p.kind() == "self" || text(p, src) == "self");
        if matches!(child.kind(), "parameter" | "variadic_parameter") && !receiver {
            n += 1;
        }
    }
    n
}
