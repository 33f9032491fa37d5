//! Opening and closing components during the walk: kind, name, qualified name, span, parameter
//! count, and the method count of types.

use std::collections::HashMap;

use tree_sitter::Node;

use super::complexity::Acc;
use super::naming::{self, Named};
use super::nodes::{end_line, function_declarator, start_line};
use super::spec::{DeclCheck, Shape};
use super::table::flag;
use super::walker::{Frame, Open, Walker, MAX_COMPONENT_DEPTH};
use crate::model::facts::{Component, ComponentKind};

impl Walker<'_, '_> {
    /// Opens the component rule `index` (1-based) for `node`; false when the node turns out not
    /// to be a component (no name, no body, too deep).
    pub(super) fn open_component(&mut self, index: u8, node: Node, parent: &Frame) -> bool {
        if self.open.len() >= MAX_COMPONENT_DEPTH {
            return false;
        }
        let Some(rule) = self.spec.components.get(usize::from(index).wrapping_sub(1)) else {
            return false;
        };
        if rule
            .needs
            .is_some_and(|f| node.child_by_field_name(f).is_none())
        {
            return false;
        }
        let Some(named) = naming::name(rule.naming, node, Some(parent.node), self.spec, self.src)
        else {
            return false;
        };
        let enclosing = self.open.last().map(|o| &o.comp);
        let in_type = enclosing.is_some_and(|c| c.kind.is_type());
        if rule.only_in_type && !in_type {
            return false;
        }
        let Some(kind) = kind_of(rule.shape, node, in_type || named.scoped) else {
            return false;
        };
        let qualified = qualify(enclosing, self.spec.separator, &named);
        let start = if parent.flags & flag::WRAPPER != 0 {
            start_line(parent.node)
        } else {
            start_line(node)
        };
        let end = end_line(node).max(start);
        let callable = kind.is_callable();
        let mut comp = Component::new(kind, "", "", start, end);
        comp.name = named.name;
        comp.qualified_name = qualified;
        let mut acc = Acc::default();
        if callable {
            acc.params = (self.spec.params)(node, self.src, kind == ComponentKind::Method);
        }
        self.open.push(Open {
            comp,
            callable,
            acc,
            methods: 0,
            owner: named.owner,
            pending: Vec::new(),
        });
        true
    }

    /// Closes the innermost component and attaches it to its parent (or the top level).
    pub(super) fn close(&mut self) {
        let Some(open) = self.open.pop() else {
            return;
        };
        let mut comp = open.comp;
        if open.callable {
            comp.metrics = Some(open.acc.finish());
        }
        if comp.kind.is_type() {
            comp.methods = Some(open.methods);
        }
        attach(&mut comp.children, &open.pending);
        // A Go method counts once toward its receiver; a Rust inherent impl with all its methods.
        let owned = open.owner.map(|owner| {
            let n = if comp.kind.is_callable() {
                1
            } else {
                open.methods
            };
            (owner, n)
        });
        match self.open.last_mut() {
            Some(parent) => {
                if comp.kind == ComponentKind::Method && parent.comp.kind.is_type() {
                    parent.methods = parent.methods.saturating_add(1);
                }
                parent.pending.extend(owned);
                parent.comp.children.push(comp);
            }
            None => {
                self.top_pending.extend(owned);
                self.top.push(comp);
            }
        }
    }

    /// The top-level components, with methods declared outside their types attached.
    pub(super) fn finish_top(mut self) -> Vec<Component> {
        attach(&mut self.top, &self.top_pending);
        self.top
    }

    /// A bodiless method declaration: counts toward the enclosing type's methods.
    pub(super) fn count_decl(&mut self, index: u8, node: Node, parent: &Frame) {
        let Some(rule) = self.spec.decls.get(usize::from(index).wrapping_sub(1)) else {
            return;
        };
        if !rule.parents.is_empty() && !rule.parents.contains(&parent.node.kind()) {
            return;
        }
        let applies = match rule.check {
            DeclCheck::Always => true,
            DeclCheck::MissingField(f) => node.child_by_field_name(f).is_none(),
            DeclCheck::FunctionDeclarator => function_declarator(node)
                .and_then(|d| d.child_by_field_name("declarator"))
                .is_some_and(|d| d.kind() != "parenthesized_declarator"),
        };
        if !applies {
            return;
        }
        if let Some(open) = self.open.last_mut().filter(|o| o.comp.kind.is_type()) {
            open.methods = open.methods.saturating_add(1);
        }
    }
}

/// The kind of component a node of `shape` becomes; `method` says a callable is a method (it
/// is declared in a type, or carries its own scope). `None`: not a component.
fn kind_of(shape: Shape, node: Node, method: bool) -> Option<ComponentKind> {
    Some(match shape {
        Shape::Fixed(kind) => kind,
        Shape::Method => ComponentKind::Method,
        Shape::Callable if method => ComponentKind::Method,
        Shape::Callable => ComponentKind::Function,
        Shape::GoType => match node.child_by_field_name("type").map(|t| t.kind()) {
            Some("struct_type") => ComponentKind::Struct,
            Some("interface_type") => ComponentKind::Interface,
            _ => return None,
        },
    })
}

/// The qualified name: the enclosing component's, `sep`, then the relative path or the name.
fn qualify(enclosing: Option<&Component>, sep: &str, named: &Named) -> String {
    let mut qualified = String::new();
    if let Some(outer) = enclosing {
        qualified.push_str(&outer.qualified_name);
        qualified.push_str(sep);
    }
    qualified.push_str(named.path.as_deref().unwrap_or(&named.name));
    qualified
}

/// Adds methods declared outside their type (`pending`: owner name, count) to the type of that
/// name among `scope`'s components.
fn attach(scope: &mut [Component], pending: &[(String, u32)]) {
    if pending.is_empty() {
        return;
    }
    let receives = |k: ComponentKind| {
        matches!(
            k,
            ComponentKind::Struct
                | ComponentKind::Enum
                | ComponentKind::Union
                | ComponentKind::Interface
        )
    };
    let mut totals: HashMap<&str, u32> = HashMap::new();
    for (owner, n) in pending {
        let total = totals.entry(owner.as_str()).or_insert(0);
        *total = total.saturating_add(*n);
    }
    // Every type of that name gets them (`#[cfg]` variants of one struct).
    for c in scope.iter_mut().filter(|c| receives(c.kind)) {
        if let Some(n) = totals.get(c.name.as_str()) {
            c.methods = Some(c.methods.unwrap_or(0).saturating_add(*n));
        }
    }
}
