//! Editor saves of every kind end in one update per file, with the band it crosses; deleted
//! files leave the model.

use crate::support as watch_support;

use std::fs;
use std::io::Write;

use seamline::bands::Band;
use seamline::engine::notice::Change;
use seamline::engine::Notice;
use watch_support::{rust_lines, Harness};

fn tree(root: &std::path::Path) {
    watch_support::write(root, "src/app.rs", &rust_lines(440));
    watch_support::write(root, "src/lib.rs", &rust_lines(10));
}

/// After a save, the changes seen must be exactly one band change of `src/app.rs` from watch
/// to `to`, and nothing created or removed (no temp file, no swap file, no half-written state).
fn assert_one_update(h: &Harness, to: Band) {
    let changes = h.changes();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    let Change::Band(b) = changes[0] else {
        panic!("{changes:#?}")
    };
    assert_eq!(
        (b.path.as_str(), b.from, b.to),
        ("src/app.rs", Band::Watch, to)
    );
}

#[test]
fn write_in_place_is_one_update() {
    let mut h = Harness::start(tree, |_| {});
    // Truncate, then write in two chunks, then close: as a slow program would.
    let mut f = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(h.root.join("src/app.rs"))
        .unwrap();
    let text = rust_lines(460);
    let (a, b) = text.split_at(text.len() / 2);
    f.write_all(a.as_bytes()).unwrap();
    f.flush().unwrap();
    f.write_all(b.as_bytes()).unwrap();
    drop(f);
    let b = h.wait_band("review", |b| b.path == "src/app.rs");
    assert_eq!((b.to, b.value, b.previous), (Band::Review, 460, Some(440)));
    assert_eq!(h.lines("src/app.rs"), Some(460));
    assert_one_update(&h, Band::Review);
}

#[test]
fn save_by_rename_is_one_update() {
    let mut h = Harness::start(tree, |_| {});
    // Write to a temp file next to it, then rename over it (VS Code, JetBrains, atomic saves).
    let tmp = h.root.join("src/app.rs.tmp.4242");
    fs::write(&tmp, rust_lines(480)).unwrap();
    fs::rename(&tmp, h.root.join("src/app.rs")).unwrap();
    let b = h.wait_band("emergency", |b| b.path == "src/app.rs");
    assert_eq!((b.to, b.value), (Band::Emergency, 480));
    assert_one_update(&h, Band::Emergency);
    let latest = h.engine.latest();
    assert!(latest.snapshot.lookup("src/app.rs.tmp.4242").is_none());
}

#[test]
fn vim_style_save_with_swap_backup_and_probe_files_is_one_update() {
    let mut h = Harness::start(tree, |_| {});
    let src = h.root.join("src");
    // The swap file lives during the edit (hidden: ignored).
    fs::write(src.join(".app.rs.swp"), b"b0VIM 9.0\0swap").unwrap();
    // :w with 'backupcopy=no': probe the directory, move the original aside, write anew,
    // drop the backup.
    fs::write(src.join("4913"), "").unwrap();
    fs::remove_file(src.join("4913")).unwrap();
    fs::rename(src.join("app.rs"), src.join("app.rs~")).unwrap();
    fs::write(src.join("app.rs"), rust_lines(500)).unwrap();
    fs::remove_file(src.join("app.rs~")).unwrap();
    let b = h.wait_band("freeze", |b| b.path == "src/app.rs");
    assert_eq!((b.to, b.value, b.limit), (Band::Freeze, 500, 500));
    assert_one_update(&h, Band::Freeze);
    fs::remove_file(src.join(".app.rs.swp")).unwrap();
    // A later edit still works, and the swap file never entered the model.
    h.clear();
    fs::write(src.join("app.rs"), rust_lines(300)).unwrap();
    h.wait_band("back to ok", |b| b.path == "src/app.rs" && b.to == Band::Ok);
    assert!(h
        .engine
        .latest()
        .snapshot
        .lookup("src/.app.rs.swp")
        .is_none());
}

#[test]
fn a_deleted_file_leaves_the_model() {
    let mut h = Harness::start(tree, |_| {});
    fs::remove_file(h.root.join("src/app.rs")).unwrap();
    let n = h.wait_notice("removed", |n| {
        matches!(n, Notice::Batch(b) if b.changes.iter().any(|c| matches!(c, Change::Removed(_))))
    });
    let Notice::Batch(b) = n else { unreachable!() };
    let Some(Change::Removed(e)) = b.changes.first() else {
        panic!("{b:#?}")
    };
    assert_eq!(
        (e.path.as_str(), e.node, e.lines, e.band),
        ("src/app.rs", "file", 440, Band::Watch)
    );
    let latest = h.engine.latest();
    assert!(latest.snapshot.lookup("src/app.rs").is_none());
    assert_eq!(latest.snapshot.totals().files, 1);
    assert_eq!(latest.snapshot.totals().lines.total, 10);
}

#[test]
fn touching_a_file_without_changing_it_reparses_nothing() {
    let mut h = Harness::start(tree, |_| {});
    let before = h.engine.latest().generation;
    let f = fs::OpenOptions::new()
        .append(true)
        .open(h.root.join("src/lib.rs"))
        .unwrap();
    f.set_modified(std::time::SystemTime::now()).unwrap();
    drop(f);
    let n = h.wait_notice("a batch", |n| matches!(n, Notice::Batch(_)));
    let Notice::Batch(b) = n else { unreachable!() };
    assert_eq!((b.updated, b.unchanged, b.changes.len()), (0, 1, 0));
    assert_eq!(
        h.engine.latest().generation,
        before,
        "nothing was published"
    );
}
