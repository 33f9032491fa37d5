//! The Python detectors, on the tree-sitter tree.

use tree_sitter::Node;

use super::Hit;
use crate::lang::Language;
use crate::patterns::library::Detector;
use crate::patterns::ts::{self, Event};

/// Hits of the `wanted` detectors in `src`, read from its tree when the caller has one.
pub fn hits(src: &str, tree: Option<&tree_sitter::Tree>, wanted: &[Detector]) -> Vec<Hit> {
    let parsed;
    let tree = match tree {
        Some(t) => t,
        None => match ts::parse(Language::Python, src) {
            Some(t) => {
                parsed = t;
                &parsed
            }
            None => return Vec::new(),
        },
    };
    let on = |d: Detector| wanted.contains(&d);
    let mut out = Vec::new();
    ts::walk(tree.root_node(), |n, ev| {
        if ev == Event::Leave {
            return true;
        }
        match n.kind() {
            "function_definition" | "class_definition" => return !is_test_scope(n, src),
            "except_clause" => except_hits(n, src, wanted, &mut out),
            "assert_statement" if on(Detector::PythonAssert) => {
                out.push(hit(
                    Detector::PythonAssert,
                    n,
                    "`assert` is removed under `python -O`: this check disappears",
                ));
            }
            "call" if on(Detector::PythonSleep) => out.extend(sleep_hit(n, src)),
            _ => {}
        }
        true
    });
    out
}

/// A bare `except:`, and a broad handler that only passes.
fn except_hits(n: Node<'_>, src: &str, wanted: &[Detector], out: &mut Vec<Hit>) {
    let value = n.child_by_field_name("value");
    let broad = value.is_none_or(|v| matches!(ts::text(v, src), "Exception" | "BaseException"));
    if value.is_none() && wanted.contains(&Detector::PythonBareExcept) {
        out.push(hit(
            Detector::PythonBareExcept,
            n,
            "bare `except:` catches everything, KeyboardInterrupt and SystemExit included",
        ));
    }
    if broad && only_pass(n) && wanted.contains(&Detector::PythonExceptPass) {
        let what = value.map(|v| ts::text(v, src)).unwrap_or("everything");
        out.push(hit(
            Detector::PythonExceptPass,
            n,
            &format!("`{what}` is caught and ignored (`pass`)"),
        ));
    }
}

/// A sleep call with a literal delay.
fn sleep_hit(n: Node<'_>, src: &str) -> Option<Hit> {
    let f = n
        .child_by_field_name("function")
        .map(|f| ts::text(f, src))
        .unwrap_or("");
    (matches!(f, "time.sleep" | "sleep" | "asyncio.sleep") && literal_arg(n)).then(|| {
        hit(
            Detector::PythonSleep,
            n,
            &format!("`{f}` with a fixed delay"),
        )
    })
}

fn hit(detector: Detector, n: Node<'_>, message: &str) -> Hit {
    Hit {
        detector,
        line: ts::line(n),
        message: message.to_string(),
    }
}

/// `def test_*`, `class Test*`: test code.
fn is_test_scope(n: Node<'_>, src: &str) -> bool {
    let name = n
        .child_by_field_name("name")
        .map(|x| ts::text(x, src))
        .unwrap_or("");
    name.starts_with("test_") || (n.kind() == "class_definition" && name.starts_with("Test"))
}

/// The handler's block holds nothing but `pass` (or `...`).
fn only_pass(except: Node<'_>) -> bool {
    let mut c = except.walk();
    let Some(block) = except.named_children(&mut c).find(|k| k.kind() == "block") else {
        return false;
    };
    let mut c = block.walk();
    let stmts: Vec<Node<'_>> = block
        .named_children(&mut c)
        .filter(|s| s.kind() != "comment")
        .collect();
    matches!(stmts.as_slice(), [s] if s.kind() == "pass_statement"
        || (s.kind() == "expression_statement" && s.named_child(0).is_some_and(|e| e.kind() == "ellipsis")))
}

/// The first argument is a number literal.
fn literal_arg(call: Node<'_>) -> bool {
    call.child_by_field_name("arguments")
        .and_then(|a| a.named_child(0))
        .is_some_and(|a| matches!(a.kind(), "integer" | "float"))
}
