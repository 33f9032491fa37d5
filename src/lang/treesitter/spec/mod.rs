//! Per-language descriptions of the syntax trees the generic walker reads.
//!
//! A spec says, in node-kind names taken from the grammar's `node-types.json`, which nodes are
//! components and how to name them, which nodes are decision points or cognitive structures, and
//! how parameters are counted. The walker never names a language; everything language-specific
//! lives in one of these tables (plus a parameter-counting function).
//! `docs/metrics.md` ("Tree-sitter languages") renders these tables for people.

mod c;
mod cpp;
mod go;
mod java;
mod javascript;
mod python;
mod rust;
mod typescript;

use tree_sitter::Node;

use crate::lang::Language;
use crate::model::facts::ComponentKind;

/// What kind of component a matching node becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Always this kind.
    Fixed(ComponentKind),
    /// A function, or a method when the nearest enclosing component is a type (class, struct...).
    Callable,
    /// Always a method (Java methods and constructors, Go methods).
    Method,
    /// Go `type_spec`: a struct or an interface by its `type` field; other named types are not
    /// components.
    GoType,
}

/// How a component's name is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// The text of this field of the node; no field, no component.
    Field(&'static str),
    /// The name the node is bound to (`const f = () => {}`, `{ f: function () {} }`), else the
    /// node's own `name` field (named function and class expressions).
    Binding,
    /// C/C++ declarator chain down to the function declarator's name; `Foo::bar` gives name `bar`
    /// qualified by `Foo`.
    Declarator,
    /// C/C++ struct, union, enum: the `name` field, else the name a surrounding `typedef` gives it.
    Record,
    /// Go method: `name` field, qualified by the receiver's base type (`T.Method`); its method
    /// is counted on `T`.
    GoMethod,
    /// Rust `impl`: named `impl Type` / `impl Trait for Type`, qualified `Type` /
    /// `<Type as Trait>` (as the syn analyser names them); an inherent impl's methods are counted
    /// on `Type`.
    RustImpl,
}

/// One node kind that becomes a component.
#[derive(Debug, Clone, Copy)]
pub struct CompRule {
    pub node: &'static str,
    pub shape: Shape,
    pub naming: Naming,
    /// A field the node must have to be a component (a body: `struct foo;` is no component).
    pub needs: Option<&'static str>,
    /// Only a component directly inside a type (Rust signatures in traits, not in `extern`).
    pub only_in_type: bool,
}

/// When a method declaration without a body counts toward its type's `methods`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclCheck {
    Always,
    /// Only when this field is absent (Java: abstract and interface methods have no `body`).
    MissingField(&'static str),
    /// Only when the declarator chain reaches a function declarator (C++ member declarations,
    /// not data members, not function-pointer members).
    FunctionDeclarator,
}

/// A bodiless method declaration, counted toward the enclosing type's methods.
#[derive(Debug, Clone, Copy)]
pub struct DeclRule {
    pub node: &'static str,
    /// The node's parent must be one of these kinds (empty: any parent).
    pub parents: &'static [&'static str],
    pub check: DeclCheck,
}

/// Which case arms are decision points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultCase {
    /// Every case node (defaults have their own node kind).
    Never,
    /// All but the one whose first child is this anonymous token (`default:` in C, Java).
    FirstToken(&'static str),
    /// All but the one whose pattern (first named child) is a bare `_` (Python `case _:`).
    Wildcard,
    /// All arms but one (Rust `match`: n arms are n - 1 decisions, as the syn analyser counts).
    AllButOne,
}

/// Counts the declared parameters of a callable node (receivers excluded). `method` is true when
/// the callable is a method.
pub type ParamCounter = fn(func: Node, src: &str, method: bool) -> u32;

/// Everything the generic walker needs to know about one grammar.
pub struct Spec {
    pub language: fn() -> tree_sitter::Language,
    /// Joins enclosing component names into qualified names.
    pub separator: &'static str,
    pub components: &'static [CompRule],
    /// (parent kind, field holding the name) for [`Naming::Binding`].
    pub bindings: &'static [(&'static str, &'static str)],
    /// Nodes whose start line a wrapped component takes (decorators, `template <...>`).
    pub wrappers: &'static [&'static str],
    pub decls: &'static [DeclRule],
    /// `if`: cyclomatic +1; cognitive +1 plus nesting (an `else if` gets +1 flat and no nesting).
    pub ifs: &'static [&'static str],
    /// `else` clauses: cognitive +1 flat (unless the clause just wraps the next `if`).
    pub else_clauses: &'static [&'static str],
    /// `elif`: cyclomatic +1, cognitive +1 flat.
    pub elifs: &'static [&'static str],
    /// Loops: cyclomatic +1; cognitive +1 plus nesting; nest.
    pub loops: &'static [&'static str],
    /// Structures without a decision point of their own (switch, match): cognitive +1 plus
    /// nesting; nest.
    pub structures: &'static [&'static str],
    /// Case arms: cyclomatic +1 each, as `default_case` says.
    pub cases: &'static [&'static str],
    pub default_case: DefaultCase,
    /// Patterns whose `condition` field is a guard (Rust `x if x > 0 =>`): cyclomatic +1.
    pub guards: &'static [&'static str],
    /// Declarations that act as an `if` when they have an `alternative` (Rust `let ... else`).
    pub else_lets: &'static [&'static str],
    /// Exception handlers: cyclomatic +1; cognitive +1 plus nesting; nest.
    pub catches: &'static [&'static str],
    /// Conditional expressions: cyclomatic +1; cognitive +1 plus nesting; nest.
    pub ternaries: &'static [&'static str],
    /// Anonymous functions that are not components: nest.
    pub lambdas: &'static [&'static str],
    /// `break`/`continue`: cognitive +1 when they carry a label (a child of a `labels` kind).
    pub jumps: &'static [&'static str],
    pub labels: &'static [&'static str],
    /// `goto`: cognitive +1.
    pub gotos: &'static [&'static str],
    /// Decision points counted only for cyclomatic (comprehension clauses).
    pub cyclo_only: &'static [&'static str],
    /// Binary expressions that may be logical; their `operator` field is checked.
    pub logical_exprs: &'static [&'static str],
    /// Operands joined by logical operator tokens in one node (Rust `a && let Some(x) = y`).
    pub logical_chains: &'static [&'static str],
    /// Nodes whose code belongs to no function (Rust `const` and `static` items in a body).
    pub detached: &'static [&'static str],
    /// Logical operator tokens, grouped by meaning (`&&` and `and` are one operator): cyclomatic
    /// +1 each; cognitive +1 per run of like operators in source order.
    pub logical_ops: &'static [&'static [&'static str]],
    pub params: ParamCounter,
}

/// The spec for a language with a tree-sitter grammar; `None` for the others.
pub fn spec_for(lang: Language) -> Option<&'static Spec> {
    Some(match lang {
        Language::Rust => &rust::SPEC,
        Language::Python => &python::SPEC,
        Language::JavaScript => &javascript::SPEC,
        Language::TypeScript => &typescript::SPEC,
        Language::Tsx => &typescript::TSX_SPEC,
        Language::Go => &go::SPEC,
        Language::Java => &java::SPEC,
        Language::C => &c::SPEC,
        Language::Cpp => &cpp::SPEC,
        _ => return None,
    })
}

/// A dense index for the languages with a spec (thread-local parser and table slots).
pub fn slot(lang: Language) -> Option<usize> {
    Some(match lang {
        Language::Rust => 0,
        Language::Python => 1,
        Language::JavaScript => 2,
        Language::TypeScript => 3,
        Language::Tsx => 4,
        Language::Go => 5,
        Language::Java => 6,
        Language::C => 7,
        Language::Cpp => 8,
        _ => return None,
    })
}

/// Number of slots [`slot`] hands out.
pub const SLOTS: usize = 9;
