//! The node kinds the extract-function planner reads, per language: Rust and Python are both
//! read through tree-sitter so that one block walker serves both grammars.

use crate::lang::Language;

/// Node kinds of one grammar.
pub struct Syntax {
    pub functions: &'static [&'static str],
    pub loops: &'static [&'static str],
    pub ifs: &'static [&'static str],
    /// Branch clauses that add a decision but no nesting (`elif`, `else if`).
    pub flat_branches: &'static [&'static str],
    /// Decision points that are not structures (`&&`, `?`, a match arm, an `except`).
    pub decisions: &'static [&'static str],
    /// Structures that add cognitive complexity with nesting (beyond loops and ifs).
    pub nested: &'static [&'static str],
    /// Statement lists whose consecutive runs are candidates.
    pub blocks: &'static [&'static str],
    /// Match arms whose body is a candidate.
    pub arms: &'static [&'static str],
    /// Nested scopes: their names are their own.
    pub scopes: &'static [&'static str],
    pub escapes: &'static [(&'static str, &'static str)],
    /// Nodes whose `left`/`pattern` binds or writes names.
    pub writers: &'static [&'static str],
    pub comment: &'static str,
}

pub const PYTHON: Syntax = Syntax {
    functions: &["function_definition"],
    loops: &["for_statement", "while_statement"],
    ifs: &["if_statement"],
    flat_branches: &["elif_clause"],
    decisions: &["boolean_operator", "case_clause", "for_in_clause"],
    nested: &["except_clause", "conditional_expression", "match_statement"],
    blocks: &["block"],
    arms: &["case_clause"],
    scopes: &["function_definition", "lambda", "class_definition"],
    escapes: &[
        ("return_statement", "return"),
        ("break_statement", "break"),
        ("continue_statement", "continue"),
        ("yield", "yield"),
        ("await", "await"),
    ],
    writers: &[
        "assignment",
        "augmented_assignment",
        "for_statement",
        "for_in_clause",
    ],
    comment: "comment",
};

pub const RUST: Syntax = Syntax {
    functions: &["function_item"],
    loops: &["for_expression", "while_expression", "loop_expression"],
    ifs: &["if_expression"],
    flat_branches: &[],
    decisions: &["match_arm", "try_expression"],
    nested: &["match_expression"],
    blocks: &["block"],
    arms: &["match_arm"],
    scopes: &["function_item", "closure_expression"],
    escapes: &[
        ("return_expression", "return"),
        ("break_expression", "break"),
        ("continue_expression", "continue"),
        ("try_expression", "?"),
        ("await_expression", "await"),
        ("yield_expression", "yield"),
    ],
    writers: &[
        "let_declaration",
        "assignment_expression",
        "compound_assignment_expr",
        "for_expression",
    ],
    comment: "line_comment",
};

/// The node kinds of `language`, when the planner reads it.
pub fn of(language: Language) -> Option<&'static Syntax> {
    match language {
        Language::Rust => Some(&RUST),
        Language::Python => Some(&PYTHON),
        _ => None,
    }
}

impl Syntax {
    pub fn is_loop(&self, kind: &str) -> bool {
        self.loops.contains(&kind)
    }
    /// A structure that counts 1 + nesting for cognitive complexity and adds a level inside.
    pub fn is_structure(&self, kind: &str) -> bool {
        self.is_loop(kind) || self.ifs.contains(&kind) || self.nested.contains(&kind)
    }
    /// A decision point for cyclomatic complexity.
    pub fn is_decision(&self, kind: &str) -> bool {
        self.is_loop(kind)
            || self.ifs.contains(&kind)
            || self.flat_branches.contains(&kind)
            || self.decisions.contains(&kind)
            || kind == "except_clause"
            || kind == "conditional_expression"
    }
    pub fn escape(&self, kind: &str) -> Option<&'static str> {
        self.escapes
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, e)| *e)
    }
}
