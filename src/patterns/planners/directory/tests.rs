//! Hand-checked expectations for the directory planners' building blocks.

use std::collections::BTreeSet;

use super::clones::find;
use super::group::name_stem;
use super::imports::sibling_imports;
use super::parallel::{base_name, role, Style};
use super::tokens::{fingerprints, tokens};

fn set(words: &[&str]) -> BTreeSet<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn name_stems_are_the_first_word() {
    assert_eq!(name_stem("watch_tree"), Some("watch"));
    assert_eq!(name_stem("geometry_01"), Some("geometry"));
    assert_eq!(name_stem("main"), None);
    assert_eq!(name_stem("__init__"), None);
}

#[test]
fn imports_of_each_language_name_siblings() {
    let sib = set(&["a", "b", "c", "d"]);
    assert_eq!(
        sibling_imports("mod a;\nuse super::b::X;\nlet c = 1;", "d", &sib),
        set(&["a", "b"])
    );
    assert_eq!(
        sibling_imports("from .a import x\nimport b\nfrom . import c", "d", &sib),
        set(&["a", "b", "c"])
    );
    assert_eq!(
        sibling_imports(
            "import { c } from './a';\nconst d = require('./b')",
            "x",
            &sib
        ),
        set(&["a", "b"])
    );
}

#[test]
fn tokens_normalise_names_and_literals() {
    let a = tokens("x = foo(1, 'a')  # note");
    let b = tokens("y = bar(2, \"b\")");
    assert_eq!(a, b);
    assert_eq!(a.len(), 8);
    assert!(fingerprints(&a, 10, 4).is_empty());
}

#[test]
fn clones_are_found_across_renamed_copies() {
    let body = |n: &str, s: &str| {
        format!("def {n}(rows):\n    out = []\n    for r in rows:\n        v = r['{s}'] + 1\n        if v > 2:\n            out.append(v)\n        else:\n            out.append(0)\n    return out\n")
    };
    let a = body("f", "x");
    let b = format!("import os\n\n{}", body("g", "y"));
    let clones = find(&[&a, &b, "print(1)\n"]);
    assert_eq!(clones.len(), 1, "{clones:?}");
    let c = clones[0];
    assert_eq!((c.a.0, c.b.0), (0, 1));
    assert!(c.a.2 - c.a.1 + 1 >= 6 && c.b.1 >= 3, "{c:?}");
}

#[test]
fn roles_are_the_last_word_in_any_spelling() {
    let r = |s: &str| role(s);
    assert_eq!(r("user_manager"), Some(("manager".into(), Style::Snake)));
    assert_eq!(r("UserClient"), Some(("client".into(), Style::Camel)));
    assert_eq!(r("orderService"), Some(("service".into(), Style::Camel)));
    assert_eq!(r("user-store"), Some(("store".into(), Style::Kebab)));
    assert_eq!(r("HTTPClient"), None, "one word");
    assert_eq!(r("geometry_01"), None);
    assert_eq!(r("manager"), None);
    assert_eq!(base_name("manager", Style::Snake, ".py"), "base_manager.py");
    assert_eq!(
        base_name("client", Style::Camel, ".java"),
        "BaseClient.java"
    );
    assert_eq!(base_name("store", Style::Kebab, ".ts"), "base-store.ts");
}
