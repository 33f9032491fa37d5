//! The identifier pass over one Python item: module-level names it references (locals of its
//! functions excluded, Python's scoping rules approximated), split into import-time and
//! call-time uses; attribute names (method calls and field uses); for a class, each method's use
//! of `self` attributes and methods, and the attributes assigned through `self`.

use std::collections::HashSet;

use tree_sitter::Node;

use super::scope;
use crate::patterns::items::{Item, Member, Sym, Symbols};
use crate::patterns::ts::{self, Event};

struct Scope<'s> {
    names: HashSet<&'s str>,
    class: bool,
    /// The receiver name (`self`, `cls`) when this scope is a method of the item's class.
    receiver: Option<&'s str>,
    member: Option<usize>,
}

/// Fills `item`'s reference lists from the subtree `node` (`def` is the definition inside a
/// decorated definition, or `node` itself).
pub fn collect(node: Node<'_>, def: Node<'_>, src: &str, syms: &mut Symbols, item: &mut Item) {
    let class_body = (def.kind() == "class_definition")
        .then(|| def.child_by_field_name("body"))
        .flatten()
        .map(|b| b.id());
    let is_all = item.defines.iter().any(|d| syms.name(*d) == "__all__");
    let mut pass = Pass {
        src,
        syms,
        item,
        scopes: Vec::new(),
        class_body,
        is_all,
        stack: Vec::new(),
    };
    ts::walk(node, |n, ev| pass.visit(n, ev));
    for m in &mut item.members {
        m.self_fields.sort_unstable();
        m.self_fields.dedup();
        m.self_calls.sort_unstable();
        m.self_calls.dedup();
    }
}

/// The walk over one item: the scopes open at the current node and where uses are recorded.
struct Pass<'a, 's, 't> {
    src: &'s str,
    syms: &'a mut Symbols,
    item: &'a mut Item,
    scopes: Vec<Scope<'s>>,
    /// The id of the class body, when the item is a class (its methods are members).
    class_body: Option<usize>,
    /// The item assigns `__all__`: its strings name exported items.
    is_all: bool,
    /// The ancestors of the node being visited, the item's node first (tree-sitter's `parent()` walks
    /// down from the root every time: too slow for every identifier of a large file).
    stack: Vec<Node<'t>>,
}

impl<'s, 't> Pass<'_, 's, 't> {
    fn visit(&mut self, n: Node<'t>, ev: Event) -> bool {
        if ev == Event::Leave {
            self.stack.pop();
        }
        let descend = self.node(n, ev);
        if ev == Event::Enter {
            self.stack.push(n);
        }
        descend
    }

    /// The parent of the node being entered (its own parent when it is `top`).
    fn parent(&self, n: Node<'t>) -> Option<Node<'t>> {
        match self.stack.last() {
            Some(p) => Some(*p),
            None => n.parent(),
        }
    }

    fn node(&mut self, n: Node<'t>, ev: Event) -> bool {
        let kind = n.kind();
        if scope::SCOPES.contains(&kind) {
            match ev {
                Event::Enter => self.enter_scope(n),
                Event::Leave => {
                    self.scopes.pop();
                }
            }
            return true;
        }
        if ev == Event::Leave {
            return true;
        }
        match kind {
            "identifier" => self.identifier(n),
            "global_statement" => {
                let mut c = n.walk();
                for id in n.named_children(&mut c) {
                    let s = self.syms.intern(ts::text(id, self.src));
                    self.item.globals.push(s);
                }
                return false;
            }
            "string" if self.is_all => {
                let t = ts::text(n, self.src).trim_matches(|c| c == '"' || c == '\'');
                if t.chars().all(|c| c.is_alphanumeric() || c == '_') && !t.is_empty() {
                    let s = self.syms.intern(t);
                    self.item.refs.push(s);
                }
            }
            _ => {}
        }
        true
    }

    /// A function, lambda or class opens a scope; a method of the item's class is a member.
    fn enter_scope(&mut self, n: Node<'t>) {
        let method = self.class_body.is_some_and(|b| is_method_of(n, b));
        let own_receiver = if method {
            first_param(n, self.src)
        } else {
            None
        };
        let member = if method {
            Some(self.add_member(n, own_receiver.is_some()))
        } else {
            self.scopes.iter().rev().find_map(|s| s.member)
        };
        let receiver = own_receiver.or_else(|| self.scopes.iter().rev().find_map(|s| s.receiver));
        self.scopes.push(Scope {
            names: scope::locals(n, self.src),
            class: n.kind() == "class_definition",
            receiver,
            member,
        });
    }

    /// Records the method `n` as a member of the item; its index.
    fn add_member(&mut self, n: Node<'t>, has_receiver: bool) -> usize {
        let name = n
            .child_by_field_name("name")
            .map(|x| ts::text(x, self.src))
            .unwrap_or("");
        let sym = self.syms.intern(name);
        self.item.methods.push(sym);
        let decorated = n.parent().filter(|p| p.kind() == "decorated_definition");
        self.item.members.push(Member {
            name: sym,
            start_line: ts::line(decorated.unwrap_or(n)),
            end_line: ts::end_line(n),
            self_fields: Vec::new(),
            self_calls: Vec::new(),
            has_self: has_receiver && !is_static(n, self.src),
        });
        self.item.members.len() - 1
    }

    fn identifier(&mut self, n: Node<'t>) {
        let parent = self.parent(n);
        let attribute = parent.filter(|p| {
            p.kind() == "attribute"
                && p.child_by_field_name("attribute")
                    .is_some_and(|a| a.id() == n.id())
        });
        if let Some(p) = attribute {
            self.attribute(n, p);
            return;
        }
        let name = ts::text(n, self.src);
        if is_binding_name(n, parent) || is_local(name, &self.scopes) {
            return;
        }
        let s: Sym = self.syms.intern(name);
        self.item.refs.push(s);
        let in_block = self
            .stack
            .iter()
            .skip(1)
            .any(|p| matches!(p.kind(), "block" | "lambda"));
        if !in_block || !self.deferred(n) {
            self.item.import_time.push(s);
        }
    }

    /// True when `n` (being entered) is evaluated only when a function runs: inside a
    /// function's body or a lambda's, within the item.
    fn deferred(&self, n: Node<'t>) -> bool {
        let mut cur = n;
        for (i, p) in self.stack.iter().enumerate().rev() {
            if matches!(p.kind(), "function_definition" | "lambda")
                && p.child_by_field_name("body")
                    .is_some_and(|b| b.id() == cur.id())
            {
                return true;
            }
            if i == 0 {
                return false;
            }
            cur = *p;
        }
        false
    }

    /// `n` is the attribute of `p` (`x.n`): a method call when `p` is called, else a field use;
    /// through the method's receiver (`self.n`), also the member's own use.
    fn attribute(&mut self, n: Node<'t>, p: Node<'t>) {
        let s = self.syms.intern(ts::text(n, self.src));
        let grandparent = match self.stack.len() {
            0 | 1 => p.parent(),
            k => self.stack.get(k - 2).copied(),
        };
        let called = grandparent
            .filter(|g| g.kind() == "call")
            .and_then(|g| g.child_by_field_name("function"))
            .is_some_and(|f| f.id() == p.id());
        if called {
            self.item.calls.push(s);
        } else {
            self.item.field_uses.push(s);
        }
        let object = p
            .child_by_field_name("object")
            .filter(|o| o.kind() == "identifier")
            .map(|o| ts::text(o, self.src));
        let receiver = self.scopes.iter().rev().find_map(|s| s.receiver);
        let member = self.scopes.iter().rev().find_map(|s| s.member);
        let (Some(m), true) = (member, object.is_some() && object == receiver) else {
            return;
        };
        let Some(mem) = self.item.members.get_mut(m) else {
            return;
        };
        if called {
            mem.self_calls.push(s);
        } else {
            mem.self_fields.push(s);
            if is_assign_target(p) && !self.item.fields.contains(&s) {
                self.item.fields.push(s);
            }
        }
    }
}

fn is_method_of(f: Node<'_>, class_body: usize) -> bool {
    if f.kind() != "function_definition" {
        return false;
    }
    let parent = f.parent();
    let parent = match parent {
        Some(p) if p.kind() == "decorated_definition" => p.parent(),
        other => other,
    };
    parent.is_some_and(|p| p.id() == class_body)
}

fn first_param<'s>(f: Node<'_>, src: &'s str) -> Option<&'s str> {
    let params = f.child_by_field_name("parameters")?;
    let first = params.named_child(0)?;
    let id = match first.kind() {
        "identifier" => first,
        "typed_parameter" => first.named_child(0)?,
        _ => return None,
    };
    Some(ts::text(id, src))
}

fn is_static(f: Node<'_>, src: &str) -> bool {
    f.parent()
        .filter(|p| p.kind() == "decorated_definition")
        .is_some_and(|p| ts::text(p, src).contains("@staticmethod"))
}

fn is_binding_name(n: Node<'_>, parent: Option<Node<'_>>) -> bool {
    let Some(p) = parent else { return false };
    let field_is = |field: &str| {
        p.child_by_field_name(field)
            .is_some_and(|c| c.id() == n.id())
    };
    match p.kind() {
        "function_definition" | "class_definition" => field_is("name"),
        "keyword_argument" => field_is("name"),
        "parameters" | "lambda_parameters" | "list_splat_pattern" | "dictionary_splat_pattern" => {
            true
        }
        "default_parameter" | "typed_default_parameter" => field_is("name"),
        "typed_parameter" => p.named_child(0).is_some_and(|c| c.id() == n.id()),
        "aliased_import" | "dotted_name" => true,
        _ => false,
    }
}

/// True when an enclosing function (or the innermost class body) binds `name`.
fn is_local(name: &str, scopes: &[Scope<'_>]) -> bool {
    for (i, s) in scopes.iter().enumerate().rev() {
        let innermost = i + 1 == scopes.len();
        if s.class && !innermost {
            continue;
        }
        if s.names.contains(name) {
            return true;
        }
    }
    false
}

fn is_assign_target(attr: Node<'_>) -> bool {
    let mut cur = attr;
    while let Some(p) = cur.parent() {
        match p.kind() {
            "assignment" | "augmented_assignment" => {
                return p
                    .child_by_field_name("left")
                    .is_some_and(|l| l.id() == cur.id());
            }
            "pattern_list" | "tuple_pattern" | "expression_list" => cur = p,
            _ => return false,
        }
    }
    false
}
