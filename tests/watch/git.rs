//! HEAD moves (commit, checkout) are seen and reported with their new commits; the files a
//! checkout changes are updated like any other change.

use crate::support as watch_support;

use std::path::Path;

use git2::{Repository, Signature};
use seamline::engine::Notice;
use watch_support::{rust_lines, Harness};

fn commit_all(repo: &Repository, msg: &str) -> git2::Oid {
    let mut index = repo.index().unwrap();
    index
        .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
        .unwrap();
    index.write().unwrap();
    let tree = repo.find_tree(index.write_tree().unwrap()).unwrap();
    let sig = Signature::now("t", "t@example.com").unwrap();
    let parent = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
    let parents: Vec<&git2::Commit> = parent.iter().collect();
    repo.commit(Some("HEAD"), &sig, &sig, msg, &tree, &parents)
        .unwrap()
}

#[test]
fn commits_and_checkouts_move_head_and_are_reported() {
    let mut h = Harness::start(
        |root: &Path| {
            watch_support::write(root, "src/a.rs", &rust_lines(10));
            let repo = Repository::init(root).unwrap();
            commit_all(&repo, "one");
        },
        |_| {},
    );
    let repo = Repository::open(&h.root).unwrap();
    let first = repo.head().unwrap().target().unwrap();
    h.write("src/a.rs", &rust_lines(20));
    commit_all(&repo, "two");
    let n = h.wait_notice("history", |n| matches!(n, Notice::History(h) if !h.initial));
    let Notice::History(hist) = n else {
        unreachable!()
    };
    assert_eq!(hist.commits, Some(1));
    assert_eq!(hist.from.as_deref(), Some(&first.to_string()[..12]));
    assert!(hist.refreshed, "{hist:?}");
    h.wait_model("history published", |p| {
        p.history.as_ref().is_some_and(|r| r.commits == 2)
    });
    h.wait_model("a.rs at 20", |p| p.snapshot.totals().lines.total == 20);

    // Back to the first commit: HEAD moves again, the file goes back to 10 lines.
    h.clear();
    let obj = repo.find_object(first, None).unwrap();
    repo.checkout_tree(&obj, Some(git2::build::CheckoutBuilder::new().force()))
        .unwrap();
    repo.set_head_detached(first).unwrap();
    h.wait_notice(
        "history again",
        |n| matches!(n, Notice::History(h) if !h.initial),
    );
    h.wait_model("a.rs at 10", |p| p.snapshot.totals().lines.total == 10);
}
