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
    pub const TRY: u32 = 1 << 7;
    pub const TERNARY: u32 = 1 << 8;
    pub const LAMBDA: u32 = 1 << 9;
    pub const DEPTH_ONLY: u32 = 1 << 10;
    pub const JUMP: u32 = 1 << 11;
    pub const LABEL: u32 = 1 << 12;
    pub const GOTO: u32 = 1 << 13;
    pub const CYCLO_ONLY: u32 = 1 << 14;
    pub const LOGICAL_EXPR: u32 = 1 << 15;
    pub const LOGICAL_OP: u32 = 1 << 16;
    pub const WRAPPER: u32 = 1 << 17;
    pub const DEFAULT_TOKEN: u32 = 1 << 18;

    /// Kinds whose children are told apart by field (`condition` is not nested, `alternative` of
    /// an `if` is an `else`).
    pub const FIELD_AWARE: u32 = IF | LOOP | STRUCTURE | CATCH | TRY | TERNARY | DEPTH_ONLY;
    /// Kinds the control-flow step looks at.
    pub const CONTROL: u32 = IF
        | ELSE
        | ELIF
        | LOOP
        | STRUCTURE
        | CASE
        | CATCH
        | TRY
        | TERNARY
        | LAMBDA
        | DEPTH_ONLY
        | JUMP
        | GOTO
        | CYCLO_ONLY;
}

/// What a node kind means to the walker.
#[derive(Debug, Clone, Copy, Default)]
pub struct Role {
    pub flags: u32,
    /// 1-based index into `Spec::components`; 0 when the kind is no component.
    pub comp: u8,
    /// 1-based index into `Spec::decls`; 0 when the kind is no method declaration.
    pub decl: u8,
}

/// A spec resolved to node-kind and field ids of its grammar.
pub struct Table {
    pub language: tree_sitter::Language,
    roles: Vec<Role>,
    /// Field ids (0 when the grammar has no such field).
    pub condition: u16,
    pub alternative: u16,
    pub operator: u16,
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
        let named_flags: [(&[&str], u32); 17] = [
            (spec.ifs, flag::IF),
            (spec.else_clauses, flag::ELSE),
            (spec.elifs, flag::ELIF),
            (spec.loops, flag::LOOP),
            (spec.structures, flag::STRUCTURE),
            (spec.cases, flag::CASE),
            (spec.catches, flag::CATCH),
            (spec.tries, flag::TRY),
            (spec.ternaries, flag::TERNARY),
            (spec.lambdas, flag::LAMBDA),
            (spec.depth_only, flag::DEPTH_ONLY),
            (spec.jumps, flag::JUMP),
            (spec.labels, flag::LABEL),
            (spec.gotos, flag::GOTO),
            (spec.cyclo_only, flag::CYCLO_ONLY),
            (spec.logical_exprs, flag::LOGICAL_EXPR),
            (spec.wrappers, flag::WRAPPER),
        ];
        for (names, bit) in named_flags {
            mark(names, true, &mut |r| r.flags |= bit);
        }
        mark(spec.logical_ops, false, &mut |r| r.flags |= flag::LOGICAL_OP);
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
            roles,
            language,
        }
    }

    /// The role of a node kind (an empty role for ids outside the grammar).
    #[inline]
    pub fn role(&self, kind: u16) -> Role {
        self.roles.get(usize::from(kind)).copied().unwrap_or_default()
    }

    /// True when the kind is a logical operator token.
    #[inline]
    pub fn is_logical_op(&self, kind: u16) -> bool {
        self.role(kind).flags & flag::LOGICAL_OP != 0
    }
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
    for list in [
        spec.ifs,
        spec.else_clauses,
        spec.elifs,
        spec.loops,
        spec.structures,
        spec.cases,
        spec.catches,
        spec.tries,
        spec.ternaries,
        spec.lambdas,
        spec.depth_only,
        spec.jumps,
        spec.labels,
        spec.gotos,
        spec.cyclo_only,
        spec.logical_exprs,
        spec.wrappers,
    ] {
        named.extend_from_slice(list);
    }
    named.extend(spec.components.iter().map(|c| c.node));
    named.extend(spec.decls.iter().map(|d| d.node));
    named.extend(spec.decls.iter().flat_map(|d| d.parents.iter().copied()));
    named.extend(spec.bindings.iter().map(|b| b.0));
    let mut anonymous: Vec<&str> = spec.logical_ops.to_vec();
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
