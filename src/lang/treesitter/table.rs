//! A spec compiled against its grammar: one `Role` per node-kind id, so the walker classifies a
//! node with one array read instead of string comparisons.
//!
//! Grammars give some names several ids (aliases, duplicated rules); every id whose name matches
//! gets the role. Structural roles match named kinds only; operator and `default` tokens match
//! anonymous kinds only.

use super::spec::{DefaultCase, Spec};

/// Role bits; a kind may have several.
pub mod flag {
    pub const IF: u32 = 1;
    pub const ELSE: u32 = 1 << 1;
    pub const ELIF: u32 = 1 << 2;
    pub const LOOP: u32 = 1 << 3;
    pub const STRUCTURE: u32 = 1 << 4;
    pub const CASE: u32 = 1 << 5;
    pub const CATCH: u32 = 1 << 6;
    pub const GUARD: u32 = 1 << 7;
    pub const TERNARY: u32 = 1 << 8;
    pub const LAMBDA: u32 = 1 << 9;
    pub const ELSE_LET: u32 = 1 << 10;
    pub const JUMP: u32 = 1 << 11;
    pub const LABEL: u32 = 1 << 12;
    pub const GOTO: u32 = 1 << 13;
    pub const CYCLO_ONLY: u32 = 1 << 14;
    pub const LOGICAL_EXPR: u32 = 1 << 15;
    pub const PAREN: u32 = 1 << 16;
    pub const WRAPPER: u32 = 1 << 17;
    pub const DEFAULT_TOKEN: u32 = 1 << 18;
    pub const LOGICAL_CHAIN: u32 = 1 << 19;
    pub const DETACHED: u32 = 1 << 20;

    /// Kinds whose children are told apart by field: a header (`condition`, the iterated value,
    /// the scrutinee) is not nested, and the `alternative` of an `if` is an `else`.
    pub const FIELD_AWARE: u32 = IF | ELIF | LOOP | STRUCTURE | CATCH | TERNARY | ELSE_LET;
    /// Kinds the control-flow step looks at.
    pub const CONTROL: u32 = IF
        | ELSE
        | ELIF
        | LOOP
        | STRUCTURE
        | CASE
        | CATCH
        | GUARD
        | TERNARY
        | LAMBDA
        | ELSE_LET
        | JUMP
        | GOTO
        | CYCLO_ONLY;
}

/// Fields of a nesting structure that hold its header, read at the structure's own level (as
/// SonarSource does: the condition of an `if` is not inside the `if`).
const HEADER_FIELDS: [&str; 8] = [
    "condition",
    "value",
    "subject",
    "initializer",
    "increment",
    "update",
    "init",
    "right",
];

/// The see-through kind for logical operator sequences, the same in every grammar.
const PAREN_KIND: &str = "parenthesized_expression";

/// What a node kind means to the walker.
#[derive(Debug, Clone, Copy, Default)]
pub struct Role {
    pub flags: u32,
    /// 1-based index into `Spec::components`; 0 when the kind is no component.
    pub comp: u8,
    /// 1-based index into `Spec::decls`; 0 when the kind is no method declaration.
    pub decl: u8,
    /// 1-based operator group of a logical operator token (`&&` and `and` share one).
    pub group: u8,
}

/// A spec resolved to node-kind and field ids of its grammar.
pub struct Table {
    pub language: tree_sitter::Language,
    roles: Vec<Role>,
    /// Field ids (0 when the grammar has no such field).
    pub condition: u16,
    pub alternative: u16,
    pub operator: u16,
    pub left: u16,
    pub right: u16,
    headers: [u16; HEADER_FIELDS.len()],
}

impl Table {
    /// Resolves every kind name of `spec` against its grammar.
    pub fn new(spec: &Spec) -> Table {
        let language = (spec.language)();
        let count = language.node_kind_count().min(usize::from(u16::MAX));
        let mut roles = vec![Role::default(); count];
        let mut mark = |names: &[&str], named: bool, f: &mut dyn FnMut(&mut Role)| {
            for (id, role) in roles.iter_mut().enumerate() {
                let id = id as u16;
                if language.node_kind_is_named(id) != named {
                    continue;
                }
                if language
                    .node_kind_for_id(id)
                    .is_some_and(|k| names.contains(&k))
                {
                    f(role);
                }
            }
        };
        for (names, bit) in named_lists(spec) {
            mark(names, true, &mut |r| r.flags |= bit);
        }
        for (i, group) in spec.logical_ops.iter().enumerate().take(254) {
            let index = (i + 1) as u8;
            mark(group, false, &mut |r| r.group = index);
        }
        if let DefaultCase::FirstToken(token) = spec.default_case {
            mark(&[token], false, &mut |r| r.flags |= flag::DEFAULT_TOKEN);
        }
        for (i, rule) in spec.components.iter().enumerate().take(254) {
            let index = (i + 1) as u8;
            mark(&[rule.node], true, &mut |r| r.comp = index);
        }
        for (i, rule) in spec.decls.iter().enumerate().take(254) {
            let index = (i + 1) as u8;
            mark(&[rule.node], true, &mut |r| r.decl = index);
        }
        let field = |name: &str| language.field_id_for_name(name).map_or(0, |f| f.get());
        Table {
            condition: field("condition"),
            alternative: field("alternative"),
            operator: field("operator"),
            left: field("left"),
            right: field("right"),
            headers: HEADER_FIELDS.map(field),
            roles,
            language,
        }
    }

    /// True when a child in this field is part of its structure's header.
    #[inline]
    pub fn is_header(&self, field: u16) -> bool {
        field != 0 && self.headers.contains(&field)
    }

    /// The role of a node kind (an empty role for ids outside the grammar).
    #[inline]
    pub fn role(&self, kind: u16) -> Role {
        self.roles
            .get(usize::from(kind))
            .copied()
            .unwrap_or_default()
    }

    /// The operator group of a logical operator token; 0 for every other kind.
    #[inline]
    pub fn logical_group(&self, kind: u16) -> u8 {
        self.role(kind).group
    }
}

/// The spec's lists of named kinds with the role bit each gives.
fn named_lists(spec: &Spec) -> [(&'static [&'static str], u32); 20] {
    [
        (spec.ifs, flag::IF),
        (spec.else_clauses, flag::ELSE),
        (spec.elifs, flag::ELIF),
        (spec.loops, flag::LOOP),
        (spec.structures, flag::STRUCTURE),
        (spec.cases, flag::CASE),
        (spec.guards, flag::GUARD),
        (spec.else_lets, flag::ELSE_LET),
        (spec.catches, flag::CATCH),
        (spec.ternaries, flag::TERNARY),
        (spec.lambdas, flag::LAMBDA),
        (spec.jumps, flag::JUMP),
        (spec.labels, flag::LABEL),
        (spec.gotos, flag::GOTO),
        (spec.cyclo_only, flag::CYCLO_ONLY),
        (spec.logical_exprs, flag::LOGICAL_EXPR),
        (spec.logical_chains, flag::LOGICAL_CHAIN),
        (spec.detached, flag::DETACHED),
        (spec.wrappers, flag::WRAPPER),
        (&[PAREN_KIND], flag::PAREN),
    ]
}

/// Kind names in `spec` that match no id of its grammar (a typo, or a grammar that renamed a
/// node): tests assert this is empty for every spec.
#[cfg(test)]
pub fn unknown_kinds(spec: &Spec) -> Vec<String> {
    let language = (spec.language)();
    let exists = |name: &str, named: bool| {
        (0..language.node_kind_count() as u16).any(|id| {
            language.node_kind_is_named(id) == named && language.node_kind_for_id(id) == Some(name)
        })
    };
    let mut named: Vec<&str> = Vec::new();
    for (list, _) in named_lists(spec) {
        named.extend_from_slice(list);
    }
    named.extend(spec.components.iter().map(|c| c.node));
    named.extend(spec.decls.iter().map(|d| d.node));
    named.extend(spec.decls.iter().flat_map(|d| d.parents.iter().copied()));
    named.extend(spec.bindings.iter().map(|b| b.0));
    let mut anonymous: Vec<&str> = spec.logical_ops.concat();
    if let DefaultCase::FirstToken(t) = spec.default_case {
        anonymous.push(t);
    }
    let mut missing: Vec<String> = named
        .into_iter()
        .filter(|n| !exists(n, true))
        .map(str::to_string)
        .collect();
    missing.extend(
        anonymous
            .into_iter()
            .filter(|n| !exists(n, false))
            .map(|n| format!("'{n}'")),
    );
    missing
}
