//! Unit tests of the model: aggregates, incremental updates and their cost, snapshots, ids.

use super::facts::{Component, ComponentKind, FileFacts, LineCounts};
use super::*;
use crate::lang::Language;

fn facts(code: u32, comps: &[&str]) -> FileFacts {
    let components = comps
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut c = Component::new(
                ComponentKind::Function,
                name,
                name,
                i as u32 + 1,
                i as u32 + 1,
            );
            if *name == "outer" {
                c.children.push(Component::new(
                    ComponentKind::Function,
                    "inner",
                    "outer::inner",
                    2,
                    2,
                ));
            }
            c
        })
        .collect();
    FileFacts {
        language: Language::Rust,
        bytes: 0,
        hash: 0,
        lines: LineCounts {
            total: code + 1,
            code,
            comment: 0,
            blank: 1,
        },
        parse_error: None,
        lines_only: false,
        lossy_utf8: false,
        components,
        suppressions: Vec::new(),
    }
}

fn dir(m: &Tree, path: &str) -> DirStats {
    let id = m.lookup(path).expect("dir exists");
    *m.node(id).and_then(Node::dir).expect("is a dir")
}

#[test]
fn aggregates_follow_adds_updates_and_removes() {
    let mut m = Model::new();
    m.upsert_file("src/a.rs", facts(10, &["f", "outer"]))
        .unwrap();
    m.upsert_file("src/deep/b.rs", facts(20, &["g"])).unwrap();
    m.upsert_file("README", facts(3, &[])).unwrap();
    let root = m.totals();
    assert_eq!((root.entries, root.files, root.lines.code), (2, 3, 33));
    assert_eq!(root.lines.total, 36);
    assert_eq!(root.components, 4);
    let src = dir(&m, "src");
    assert_eq!(
        (src.entries, src.files, src.lines.code, src.components),
        (2, 2, 30, 4)
    );

    m.upsert_file("src/deep/b.rs", facts(5, &[])).unwrap();
    assert_eq!(dir(&m, "src/deep").lines.code, 5);
    assert_eq!(dir(&m, "src").components, 3);
    assert_eq!(m.totals().lines.code, 18);

    assert!(m.remove("src/deep"));
    assert!(m.lookup("src/deep/b.rs").is_none());
    let src = dir(&m, "src");
    assert_eq!((src.entries, src.files, src.lines.code), (1, 1, 10));
    assert_eq!(m.totals().files, 2);
    assert!(!m.remove("src/deep"));
    assert!(!m.remove(""));
}

#[test]
fn single_file_update_touches_depth_nodes() {
    let mut m = Model::new();
    for i in 0..200 {
        m.upsert_file(&format!("a/b/c/d/f{i}.rs"), facts(i, &["x"]))
            .unwrap();
        m.upsert_file(&format!("z/f{i}.rs"), facts(i, &["y"]))
            .unwrap();
    }
    let before = m.len();
    m.reset_touched();
    m.upsert_file("a/b/c/d/f7.rs", facts(99, &["x"])).unwrap();
    // file node + its one component + 5 directories (d, c, b, a, root) twice (out and in)
    // + the parent's child list; nothing proportional to the 400 files.
    let depth = m.depth(m.lookup("a/b/c/d/f7.rs").unwrap());
    assert_eq!(depth, 5);
    assert!(m.touched() <= 3 * depth + 4, "touched {}", m.touched());
    assert_eq!(m.len(), before);
    assert_eq!(
        dir(&m, "a/b/c/d").lines.code,
        (0..200).sum::<u32>() - 7 + 99
    );
}

#[test]
fn component_ids_survive_an_update() {
    let mut m = Model::new();
    let file = m.upsert_file("lib.rs", facts(5, &["f", "outer"])).unwrap();
    let ids = |m: &Model| {
        let node = m.node(file).unwrap();
        node.children.clone()
    };
    let before = ids(&m);
    m.upsert_file("lib.rs", facts(6, &["new", "outer", "f"]))
        .unwrap();
    let after = ids(&m);
    assert_eq!(after.len(), 3);
    // "outer" and "f" keep their ids although their order changed.
    assert_eq!(after[1], before[1]);
    assert_eq!(after[2], before[0]);
    let outer = m.node(after[1]).unwrap();
    assert_eq!(outer.children.len(), 1);
    let inner = m.node(outer.children[0]).unwrap();
    assert_eq!(inner.component().unwrap().qualified_name, "outer::inner");
    assert_eq!(m.path_of(outer.children[0]), "lib.rs");
    // No leaked nodes: root + file + 4 components.
    assert_eq!(m.len(), 6);
}

#[test]
fn snapshots_are_frozen_and_sendable() {
    let mut m = Model::new();
    m.upsert_file("a.rs", facts(1, &[])).unwrap();
    let snap = m.snapshot();
    m.upsert_file("b.rs", facts(2, &[])).unwrap();
    m.upsert_file("a.rs", facts(7, &[])).unwrap();
    let handle = std::thread::spawn(move || (snap.totals().lines.code, snap.files().len()));
    assert_eq!(handle.join().unwrap(), (1, 1));
    assert_eq!(m.totals().lines.code, 9);
}

#[test]
fn paths_lookup_and_conflicts() {
    let mut m = Model::new();
    m.ensure_dir("empty/dir").unwrap();
    m.upsert_file("x/y.rs", facts(1, &[])).unwrap();
    assert_eq!(m.totals().entries, 2);
    assert_eq!(dir(&m, "empty").entries, 1);
    assert_eq!(m.path_of(m.lookup("x/y.rs").unwrap()), "x/y.rs");
    assert!(matches!(
        m.upsert_file("x/y.rs/z.rs", facts(1, &[])),
        Err(ModelError::FileInTheWay(_))
    ));
    assert!(matches!(
        m.upsert_file("x", facts(1, &[])),
        Err(ModelError::DirInTheWay(_))
    ));
    assert!(matches!(
        m.upsert_file("", facts(1, &[])),
        Err(ModelError::EmptyPath)
    ));
    let paths: Vec<_> = m.dirs().into_iter().map(|(p, _, _)| p).collect();
    assert_eq!(paths, vec!["", "empty", "empty/dir", "x"]);
}
