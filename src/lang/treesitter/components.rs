//! Opening and closing components during the walk: kind, name, qualified name, span, parameter
//! count, and the method count of types.

use tree_sitter::Node;

use super::complexity::Acc;
use super::naming;
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
        let Some(rule) = self.spec.components.get(usize::from(index) - 1) else {
            return false;
        };
        if rule.needs.is_some_and(|f| node.child_by_field_name(f).is_none()) {
            return false;
        }
        let Some(named) = naming::name(rule.naming, node, Some(parent.node), self.spec, self.src)
        else {
            return false;
        };
        let enclosing = self.open.last().map(|o| &o.comp);
        let in_type = enclosing.is_some_and(|c| c.kind.is_type());
        let kind = match rule.shape {
            Shape::Fixed(kind) => kind,
            Shape::Method => ComponentKind::Method,
            Shape::Callable if in_type || named.scope.is_some() => ComponentKind::Method,
            Shape::Callable => ComponentKind::Function,
            Shape::GoType => match node.child_by_field_name("type").map(|t| t.kind()) {
                Some("struct_type") => ComponentKind::Struct,
                Some("interface_type") => ComponentKind::Interface,
                _ => return false,
            },
        };
        let sep = self.spec.separator;
        let mut qualified = String::new();
        if let Some(outer) = enclosing {
            qualified.push_str(&outer.qualified_name);
            qualified.push_str(sep);
        }
        if let Some(scope) = &named.scope {
            qualified.push_str(scope);
            qualified.push_str(sep);
        }
        qualified.push_str(&named.name);
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
        match self.open.last_mut() {
            Some(parent) => {
                if comp.kind == ComponentKind::Method && parent.comp.kind.is_type() {
                    parent.methods = parent.methods.saturating_add(1);
                }
                parent.comp.children.push(comp);
            }
            None => self.top.push(comp),
        }
    }

    /// A bodiless method declaration: counts toward the enclosing type's methods.
    pub(super) fn count_decl(&mut self, index: u8, node: Node, parent: &Frame) {
        let Some(rule) = self.spec.decls.get(usize::from(index) - 1) else {
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
