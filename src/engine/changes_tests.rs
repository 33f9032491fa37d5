use super::*;
use crate::bands::{DefaultPolicy, Metric};
use crate::model::facts::{Component, ComponentKind, FileFacts, FnMetrics, LineCounts};
use crate::model::Model;

fn facts(lines: u32, fns: &[(&str, u32)]) -> FileFacts {
    let mut components = Vec::new();
    let mut start = 1;
    for (name, len) in fns {
        let mut c = Component::new(ComponentKind::Function, name, name, start, start + len - 1);
        c.lines = LineCounts {
            total: *len,
            code: *len,
            comment: 0,
            blank: 0,
        };
        c.metrics = Some(FnMetrics {
            cyclomatic: 1,
            ..FnMetrics::default()
        });
        components.push(c);
        start += len;
    }
    FileFacts {
        language: crate::lang::Language::Rust,
        bytes: 0,
        hash: 0,
        lines: LineCounts {
            total: lines,
            code: lines,
            comment: 0,
            blank: 0,
        },
        parse_error: None,
        lines_only: false,
        lossy_utf8: false,
        components,
        suppressions: Vec::new(),
    }
}

fn paths(p: &[&str]) -> Vec<String> {
    p.iter().map(|s| s.to_string()).collect()
}

#[test]
fn a_file_growing_past_its_limit_is_one_change_with_its_driver() {
    let policy = DefaultPolicy::default();
    let mut m = Model::new();
    m.upsert_file("src/app.rs", facts(472, &[("run", 40)]))
        .unwrap();
    m.upsert_file("src/other.rs", facts(10, &[])).unwrap();
    let before = m.snapshot();
    m.upsert_file("src/app.rs", facts(503, &[("run", 40)]))
        .unwrap();
    let touched = paths(&["src/app.rs"]);
    let changes = compare(
        &along(&before, &touched, &[], &policy),
        &along(&m, &touched, &[], &policy),
    );
    assert_eq!(changes.len(), 1, "{changes:?}");
    let c = &changes[0];
    assert_eq!(
        (c.path.as_str(), c.node, c.item.as_deref()),
        ("src/app.rs", "file", None)
    );
    assert_eq!((c.from, c.to), (Band::Review, Band::Freeze));
    assert_eq!(
        (c.metric, c.value, c.limit, c.previous),
        (Metric::FileLines, 503, 500, Some(472))
    );
    assert!(c.worse());
    assert_eq!(
        c.construct.as_deref(),
        Some("largest item: `function run` 40 lines at line 1")
    );
}

#[test]
fn an_improvement_names_the_metric_that_drove_the_old_band() {
    let policy = DefaultPolicy::default();
    let mut m = Model::new();
    m.upsert_file("a.rs", facts(520, &[])).unwrap();
    let before = m.snapshot();
    m.upsert_file("a.rs", facts(300, &[])).unwrap();
    let touched = paths(&["a.rs"]);
    let changes = compare(
        &along(&before, &touched, &[], &policy),
        &along(&m, &touched, &[], &policy),
    );
    assert_eq!(changes.len(), 1);
    let c = &changes[0];
    assert_eq!(
        (c.from, c.to, c.value, c.previous),
        (Band::Freeze, Band::Ok, 300, Some(520))
    );
    assert!(!c.worse());
}

#[test]
fn components_appearing_or_vanishing_in_a_band_are_reported() {
    let policy = DefaultPolicy::default();
    let mut m = Model::new();
    m.upsert_file("a.rs", facts(200, &[("big", 120), ("small", 10)]))
        .unwrap();
    let before = m.snapshot();
    // `big` moves out; a new `huge` comes in; `small` stays in the ok band.
    m.upsert_file("a.rs", facts(200, &[("small", 10), ("huge", 96)]))
        .unwrap();
    let touched = paths(&["a.rs"]);
    let mut changes = compare(
        &along(&before, &touched, &[], &policy),
        &along(&m, &touched, &[], &policy),
    );
    changes.sort_by_key(|c| c.item.clone());
    assert_eq!(changes.len(), 2, "{changes:?}");
    let big = &changes[0];
    assert_eq!(big.item.as_deref(), Some("big"));
    assert!(big.vanished && !big.appeared);
    assert_eq!((big.from, big.to, big.value), (Band::Freeze, Band::Ok, 120));
    let huge = &changes[1];
    assert!(huge.appeared);
    assert_eq!(
        (huge.from, huge.to, huge.value, huge.line),
        (Band::Ok, Band::Emergency, 96, 11)
    );
}

#[test]
fn directories_along_the_path_are_compared_and_new_files_are_not_band_changes() {
    let policy = DefaultPolicy::default();
    let mut m = Model::new();
    for i in 0..15 {
        m.upsert_file(&format!("src/f{i}.rs"), facts(10, &[]))
            .unwrap();
    }
    let before = m.snapshot();
    m.upsert_file("src/f15.rs", facts(600, &[])).unwrap();
    // A created file is passed by its directory: its own nodes are the created event's.
    let dirs = paths(&["src"]);
    let changes = compare(
        &along(&before, &[], &dirs, &policy),
        &along(&m, &[], &dirs, &policy),
    );
    // 16 entries of 20: src/ enters watch; the new file's own band is the created event's.
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(
        (changes[0].path.as_str(), changes[0].node),
        ("src", "directory")
    );
    assert_eq!(
        (changes[0].to, changes[0].value, changes[0].previous),
        (Band::Watch, 16, Some(15))
    );
}

#[test]
fn why_keeps_the_triggers_on_the_node_path() {
    let triggers = paths(&["src/a.rs", "src/sub", "docs/x.md"]);
    assert_eq!(why("src/a.rs", &triggers), ["src/a.rs"]);
    assert_eq!(why("src/sub/b.rs", &triggers), ["src/sub"]);
    assert_eq!(why("src", &triggers), ["src/a.rs", "src/sub"]);
    assert_eq!(why("", &triggers).len(), 3);
}
