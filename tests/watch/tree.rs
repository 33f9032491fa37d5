//! Directories created, moved and deleted; ignore rules changed while watching; ignored paths
//! never trigger work.

use crate::support as watch_support;

use std::fs;

use seamline::engine::notice::Change;
use watch_support::{rust_lines, Harness};

fn tree(root: &std::path::Path) {
    watch_support::write(root, ".gitignore", "/target\n*.log\n");
    watch_support::write(root, "src/main.rs", &rust_lines(20));
    watch_support::write(root, "src/util/a.rs", &rust_lines(5));
    watch_support::write(root, "src/util/b.rs", &rust_lines(7));
    watch_support::write(root, "gen/out.rs", &rust_lines(30));
}

fn paths(h: &Harness) -> Vec<String> {
    h.engine
        .latest()
        .snapshot
        .files()
        .into_iter()
        .map(|(p, _, _)| p)
        .collect()
}

#[test]
fn a_created_directory_enters_with_its_files_and_is_watched() {
    let mut h = Harness::start(tree, |_| {});
    watch_support::write(&h.root, "src/new/deep/x.rs", &rust_lines(3));
    watch_support::write(&h.root, "src/new/y.rs", &rust_lines(4));
    h.wait_model("new files", |p| {
        p.snapshot.lookup("src/new/deep/x.rs").is_some()
            && p.snapshot.lookup("src/new/y.rs").is_some()
    });
    let created: Vec<String> = h
        .changes()
        .iter()
        .filter_map(|c| match c {
            Change::Created(e) => Some(e.path.clone()),
            _ => None,
        })
        .collect();
    assert!(created.contains(&"src/new".to_string()), "{created:?}");
    // Files created later in the new directories are seen: they are watched.
    h.clear();
    watch_support::write(&h.root, "src/new/deep/z.rs", &rust_lines(9));
    h.wait_model("z.rs", |p| p.snapshot.lookup("src/new/deep/z.rs").is_some());
    assert_eq!(h.lines("src/new/deep/z.rs"), Some(9));
}

#[test]
fn a_moved_directory_leaves_its_old_place_and_is_watched_in_the_new_one() {
    let mut h = Harness::start(tree, |_| {});
    fs::rename(h.root.join("src/util"), h.root.join("src/helpers")).unwrap();
    h.wait_model("moved", |p| {
        p.snapshot.lookup("src/util").is_none() && p.snapshot.lookup("src/helpers/b.rs").is_some()
    });
    let removed_dir = h
        .changes()
        .iter()
        .any(|c| matches!(c, Change::Removed(e) if e.path == "src/util" && e.files == Some(2)));
    let created_dir = h
        .changes()
        .iter()
        .any(|c| matches!(c, Change::Created(e) if e.path == "src/helpers" && e.lines == 12));
    assert!(removed_dir && created_dir, "{:#?}", h.changes());
    assert_eq!(h.engine.latest().snapshot.totals().files, 4);
    // Edits in the moved directory are seen under the new path.
    h.clear();
    fs::write(h.root.join("src/helpers/a.rs"), rust_lines(11)).unwrap();
    h.wait_model("edit after move", |p| {
        let id = p.snapshot.lookup("src/helpers/a.rs");
        id.and_then(|id| p.snapshot.node(id))
            .and_then(|n| n.file())
            .map(|f| f.lines.total)
            == Some(11)
    });
    assert!(
        paths(&h).iter().all(|p| !p.starts_with("src/util")),
        "{:?}",
        paths(&h)
    );
}

#[test]
fn a_deleted_directory_leaves_the_model_as_one_removal() {
    let mut h = Harness::start(tree, |_| {});
    fs::remove_dir_all(h.root.join("src/util")).unwrap();
    h.wait_model("deleted", |p| p.snapshot.lookup("src/util").is_none());
    let removed: Vec<String> = h
        .changes()
        .iter()
        .filter_map(|c| match c {
            Change::Removed(e) => Some(e.path.clone()),
            _ => None,
        })
        .collect();
    // Usually one batch: the directory alone. Under load the files may go in an earlier batch.
    assert!(
        removed.contains(&"src/util".to_string()) || removed.len() == 3,
        "{removed:?}"
    );
    assert_eq!(h.engine.latest().snapshot.totals().files, 2);
}

#[test]
fn ignored_paths_never_trigger_work() {
    let mut h = Harness::start(tree, |_| {});
    fs::create_dir_all(h.root.join("target/debug")).unwrap();
    for i in 0..50 {
        fs::write(h.root.join(format!("target/debug/o{i}.rs")), "fn x() {}\n").unwrap();
    }
    fs::write(h.root.join("src/build.log"), "noise\n").unwrap();
    fs::create_dir_all(h.root.join(".git")).unwrap();
    fs::write(h.root.join(".git/index"), "x").unwrap();
    // Then a real change: once it is through, any work for the ignored paths would have shown.
    fs::write(h.root.join("src/main.rs"), rust_lines(21)).unwrap();
    h.wait_model("main.rs", |p| {
        p.snapshot
            .lookup("src/main.rs")
            .and_then(|id| p.snapshot.node(id))
            .and_then(|n| n.file())
            .map(|f| f.lines.total)
            == Some(21)
    });
    let batches = h.batches();
    assert_eq!(batches.len(), 1, "{batches:#?}");
    assert_eq!(batches[0].paths, 1, "only src/main.rs triggered work");
    assert!(paths(&h)
        .iter()
        .all(|p| !p.starts_with("target") && !p.ends_with(".log")));
}

#[test]
fn a_gitignore_change_is_honoured_live() {
    let mut h = Harness::start(tree, |_| {});
    assert!(h.lines("gen/out.rs").is_some());
    watch_support::write(&h.root, ".gitignore", "/target\n*.log\n/gen\n");
    h.wait_model("gen ignored", |p| p.snapshot.lookup("gen").is_none());
    assert!(h
        .changes()
        .iter()
        .any(|c| matches!(c, Change::Removed(e) if e.path == "gen")));
    // Files written there now are ignored...
    h.clear();
    watch_support::write(&h.root, "gen/more.rs", &rust_lines(2));
    watch_support::write(&h.root, "src/main.rs", &rust_lines(22));
    h.wait_model("main.rs", |p| {
        p.snapshot
            .lookup("src/main.rs")
            .and_then(|id| p.snapshot.node(id))
            .and_then(|n| n.file())
            .map(|f| f.lines.total)
            == Some(22)
    });
    assert!(h.engine.latest().snapshot.lookup("gen/more.rs").is_none());
    // ...until the rule goes again: then the directory comes back, with both files.
    watch_support::write(&h.root, ".gitignore", "/target\n*.log\n");
    h.wait_model("gen back", |p| p.snapshot.lookup("gen/more.rs").is_some());
    assert_eq!(h.lines("gen/out.rs"), Some(30));
    let rescans = h.batches().iter().filter(|b| b.rescan).count();
    assert!(rescans >= 1);
    // And it is watched again.
    h.clear();
    watch_support::write(&h.root, "gen/third.rs", &rust_lines(1));
    h.wait_model("third", |p| p.snapshot.lookup("gen/third.rs").is_some());
}

#[test]
fn a_rescan_finds_what_no_event_reported() {
    // Polling once a minute: within the test, no change is seen but by the rescan.
    let mut h = Harness::start(tree, |o| {
        o.watch = seamline::watch::WatchMode::Poll;
        o.poll_interval = std::time::Duration::from_secs(60);
    });
    fs::write(h.root.join("src/main.rs"), rust_lines(25)).unwrap();
    fs::remove_file(h.root.join("src/util/a.rs")).unwrap();
    watch_support::write(&h.root, "src/util/c.rs", &rust_lines(2));
    h.engine.rescan();
    let n = h.wait_notice(
        "the rescan",
        |n| matches!(n, seamline::engine::Notice::Batch(b) if b.rescan),
    );
    let seamline::engine::Notice::Batch(b) = n else {
        unreachable!()
    };
    assert_eq!(b.reason.as_deref(), Some("a rescan was asked for"));
    assert_eq!((b.updated, b.created, b.removed), (1, 1, 1));
    assert_eq!(h.lines("src/main.rs"), Some(25));
    assert!(h.engine.latest().snapshot.lookup("src/util/a.rs").is_none());
    assert_eq!(h.lines("src/util/c.rs"), Some(2));
}
