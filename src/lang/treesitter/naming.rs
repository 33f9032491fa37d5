//! Finds a component's name from its node, following the spec's [`Naming`] strategy.
//!
//! A node that yields no name is not a component (anonymous classes, unbound arrow functions,
//! anonymous namespaces); the walker then treats it as plain code.

use tree_sitter::Node;

use super::nodes::{
    clean_name, field_text, function_declarator, is_simple_name, split_scope, strip_template_args,
    text,
};
use super::spec::{Naming, Spec};

/// A component's name, the path that stands for it in qualified names, and the type it belongs
/// to when it is declared outside that type.
pub struct Named {
    pub name: String,
    /// Relative qualified path when it differs from `name` (`Foo::bar`, `T.Method`,
    /// `<Type as Trait>`).
    pub path: Option<String>,
    /// The declaration carries its own scope (`Foo::bar`): a method, wherever it stands.
    pub scoped: bool,
    /// Type whose `methods` this component adds to (Go receiver, Rust inherent impl).
    pub owner: Option<String>,
}

impl Named {
    fn plain(name: String) -> Named {
        Named {
            name,
            path: None,
            scoped: false,
            owner: None,
        }
    }
}

/// Names `node`; `parent` is its parent node (bindings, typedefs), when it has one.
pub fn name(
    naming: Naming,
    node: Node,
    parent: Option<Node>,
    spec: &Spec,
    src: &str,
) -> Option<Named> {
    match naming {
        Naming::Field(field) => clean_name(field_text(node, field, src)?).map(Named::plain),
        Naming::Binding => binding(node, parent, spec, src)
            .or_else(|| clean_name(field_text(node, "name", src)?))
            .map(Named::plain),
        Naming::Declarator => {
            let decl = function_declarator(node)?.child_by_field_name("declarator")?;
            scoped(text(decl, src), spec.separator)
        }
        Naming::Record => match field_text(node, "name", src) {
            Some(raw) => scoped(raw, spec.separator),
            None => typedef_name(parent?, src).map(Named::plain),
        },
        Naming::GoMethod => {
            let name = clean_name(field_text(node, "name", src)?)?;
            let owner = go_receiver(node, src);
            let path = owner
                .as_ref()
                .map(|r| format!("{r}{}{name}", spec.separator));
            Some(Named {
                name,
                path,
                scoped: false,
                owner,
            })
        }
        Naming::RustImpl => rust_impl(node, src),
    }
}

/// `Foo<T>::bar` → name `bar`, path `Foo::bar`.
fn scoped(raw: &str, separator: &str) -> Option<Named> {
    let cleaned = clean_name(raw)?;
    let (scope, name) = split_scope(&cleaned);
    let name = clean_name(name)?;
    let scope = scope.and_then(|s| clean_name(&strip_template_args(s)));
    Some(match scope {
        Some(scope) => Named {
            path: Some(format!("{scope}{separator}{name}")),
            name,
            scoped: true,
            owner: None,
        },
        None => Named::plain(name),
    })
}

/// `impl<T> fmt::Display for Parser<T>`: name `impl fmt::Display for Parser<T>`, path
/// `<Parser as fmt::Display>`; an inherent `impl Parser<T>` has path `Parser` and adds its
/// methods to the type `Parser`.
fn rust_impl(node: Node, src: &str) -> Option<Named> {
    let ty = node.child_by_field_name("type")?;
    let ty_text = clean_name(text(ty, src))?;
    let is_path = matches!(
        ty.kind(),
        "type_identifier" | "scoped_type_identifier" | "generic_type"
    );
    let ty_path = if is_path {
        strip_template_args(&ty_text)
    } else {
        ty_text.clone()
    };
    let Some(tr) = node.child_by_field_name("trait") else {
        let owner = is_path.then(|| {
            let (_, base) = split_scope(&ty_path);
            base.to_string()
        });
        return Some(Named {
            name: format!("impl {ty_text}"),
            path: Some(ty_path),
            scoped: false,
            owner,
        });
    };
    let negative = src
        .get(node.start_byte()..tr.start_byte())
        .is_some_and(|head| head.contains('!'));
    let tr_text = format!(
        "{}{}",
        if negative { "!" } else { "" },
        clean_name(text(tr, src))?
    );
    Some(Named {
        name: format!("impl {tr_text} for {ty_text}"),
        path: Some(format!("<{ty_path} as {tr_text}>")),
        scoped: false,
        owner: None,
    })
}
/// The name `node` is bound to through its parent: a declarator, an object key, an assignment
/// target (`module.exports.f = ...` gives `f`), a class field.
fn binding(node: Node, parent: Option<Node>, spec: &Spec, src: &str) -> Option<String> {
    let parent = parent?;
    let kind = parent.kind();
    let (_, field) = spec.bindings.iter().find(|(k, _)| *k == kind)?;
    let target = parent.child_by_field_name(field)?;
    if target.id() == node.id() {
        return None;
    }
    let target = target.child_by_field_name("property").unwrap_or(target);
    clean_name(text(target, src)).filter(|n| is_simple_name(n))
}

/// `typedef struct { ... } Name;` names the anonymous struct `Name`.
fn typedef_name(parent: Node, src: &str) -> Option<String> {
    if parent.kind() != "type_definition" {
        return None;
    }
    clean_name(field_text(parent, "declarator", src)?).filter(|n| is_simple_name(n))
}

/// The base type of a Go method receiver: `(s *S)`, `(S)`, `(g G[T])` all give the type name.
fn go_receiver(node: Node, src: &str) -> Option<String> {
    let list = node.child_by_field_name("receiver")?;
    let mut cursor = list.walk();
    let param = list
        .named_children(&mut cursor)
        .find(|c| c.kind() == "parameter_declaration")?;
    let mut ty = param.child_by_field_name("type")?;
    for _ in 0..8 {
        ty = match ty.kind() {
            "pointer_type" | "parenthesized_type" => ty.named_child(0)?,
            "generic_type" => ty.child_by_field_name("type")?,
            _ => break,
        };
    }
    clean_name(text(ty, src))
}
