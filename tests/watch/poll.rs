//! The polling watcher (forced here; chosen automatically on network file systems and when the
//! native watcher hits its limits) sees edits, new directories and deletions too, including a
//! second write within the same second as the first.

use crate::support as watch_support;

use std::time::Duration;

use seamline::bands::Band;
use seamline::engine::Notice;
use seamline::watch::WatchMode;
use watch_support::{rust_lines, Harness};

fn poll(o: &mut seamline::engine::EngineOptions) {
    o.watch = WatchMode::Poll;
    o.poll_interval = Duration::from_millis(100);
}

#[test]
fn polling_is_announced_and_sees_edits_directories_and_deletions() {
    let mut h = Harness::start(
        |root| watch_support::write(root, "src/app.rs", &rust_lines(440)),
        poll,
    );
    let reason = h.seen.iter().find_map(|n| match n {
        Notice::Watch(w) => Some((w.backend, w.reason.clone())),
        _ => None,
    });
    assert_eq!(reason.map(|r| r.0), Some("poll"));
    assert_eq!(h.engine.latest().backend, seamline::watch::Backend::Poll);

    h.write("src/app.rs", &rust_lines(500));
    let b = h.wait_band("freeze", |b| b.path == "src/app.rs");
    assert_eq!(b.to, Band::Freeze);

    h.write("src/new/x.rs", &rust_lines(3));
    h.wait_model("new dir", |p| p.snapshot.lookup("src/new/x.rs").is_some());
    h.write("src/new/y.rs", &rust_lines(4));
    h.wait_model("second file in the new dir", |p| {
        p.snapshot.lookup("src/new/y.rs").is_some()
    });

    std::fs::remove_dir_all(h.root.join("src/new")).unwrap();
    h.wait_model("deleted", |p| p.snapshot.lookup("src/new").is_none());
}

#[test]
fn a_second_write_in_the_same_second_is_not_lost() {
    let mut h = Harness::start(
        |root| watch_support::write(root, "a.rs", &rust_lines(10)),
        |o| {
            poll(o);
            o.debounce = Duration::from_millis(20);
        },
    );
    h.write("a.rs", &rust_lines(11));
    h.wait_model("first write", |p| p.snapshot.totals().lines.total == 11);
    // Right after the first write was measured: most likely within the same second of mtime.
    h.write("a.rs", &rust_lines(12));
    h.wait_model("second write", |p| p.snapshot.totals().lines.total == 12);
}
