//! TypeScript and TSX: the JavaScript tables plus interfaces, enums, namespaces, modules,
//! abstract classes, and bodiless method signatures counted toward their type.

use super::javascript as js;
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

const COMPONENTS: &[CompRule] = &[
    js::COMPONENTS[0],
    js::COMPONENTS[1],
    js::COMPONENTS[2],
    js::COMPONENTS[3],
    js::COMPONENTS[4],
    js::COMPONENTS[5],
    js::COMPONENTS[6],
    js::COMPONENTS[7],
    fixed("abstract_class_declaration", ComponentKind::Class),
    fixed("interface_declaration", ComponentKind::Interface),
    fixed("enum_declaration", ComponentKind::Enum),
    fixed("internal_module", ComponentKind::Namespace),
    fixed("module", ComponentKind::Module),
];

const BINDINGS: &[(&str, &str)] = &[
    ("variable_declarator", "name"),
    ("pair", "key"),
    ("assignment_expression", "left"),
    ("public_field_definition", "name"),
];

const DECLS: &[DeclRule] = &[
    DeclRule {
        node: "method_signature",
        parents: &["interface_body"],
        check: DeclCheck::Always,
    },
    DeclRule {
        node: "abstract_method_signature",
        parents: &["class_body"],
        check: DeclCheck::Always,
    },
];

macro_rules! ts_spec {
    ($lang:expr) => {
        Spec {
            language: || $lang.into(),
            separator: ".",
            components: COMPONENTS,
            bindings: BINDINGS,
            wrappers: js::WRAPPERS,
            decls: DECLS,
            ifs: js::IFS,
            else_clauses: js::ELSES,
            elifs: &[],
            loops: js::LOOPS,
            structures: js::STRUCTURES,
            cases: js::CASES,
            default_case: DefaultCase::Never,
            guards: &[],
            else_lets: &[],
            catches: js::CATCHES,
            ternaries: js::TERNARIES,
            lambdas: js::LAMBDAS,
            jumps: js::JUMPS,
            labels: js::LABELS,
            gotos: &[],
            cyclo_only: &[],
            logical_exprs: js::LOGICAL_EXPRS,
            logical_chains: &[],
            detached: &[],
            logical_ops: js::LOGICAL_OPS,
            params: js::params,
        }
    };
}

pub static SPEC: Spec = ts_spec!(tree_sitter_typescript::LANGUAGE_TYPESCRIPT);
pub static TSX_SPEC: Spec = ts_spec!(tree_sitter_typescript::LANGUAGE_TSX);
