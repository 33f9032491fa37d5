//! The incremental update from a stored snapshot: after each new commit (edits, renames, a
//! rename onto a deleted file's path, deletions, re-creations, merges, new authors, a changed
//! `.mailmap`), the report made from the snapshot and the new commits must be exactly the
//! report of a walk from scratch, and the record cache must not have been read or rewritten.

use std::path::Path;

use crate::util;

use seamline::history::{HistoryReport, Source, Walker};
use seamline::report::history_json;
use util::*;

/// The whole JSON report (everything a user sees).
fn json(r: &HistoryReport) -> String {
    let mut out = Vec::new();
    history_json::write(&mut out, "repo", r).expect("json");
    String::from_utf8(out).expect("utf-8")
}

/// The cache files by extension.
fn cache_file(cache: &Path, ext: &str) -> Option<std::path::PathBuf> {
    std::fs::read_dir(cache)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == ext))
}

/// One repository being updated with a cache, under a path (the repository or a directory).
struct Story<'a> {
    repo: &'a Repo,
    sub: &'a str,
    cache: &'a Path,
    renames: bool,
}

impl Story<'_> {
    /// Analyses with the cache and without it and checks they agree, and that the record cache
    /// was left alone when the update could be made from the snapshot (`fast`), or rewritten
    /// by the full walk it fell back to.
    fn check(&self, step: &str, fast: bool) {
        let records = cache_file(self.cache, "bin").expect("record cache");
        let before = std::fs::read(&records).expect("read");
        let mut cached = options(self.renames);
        cached.walk.cache_dir = Some(self.cache.to_path_buf());
        let path = self.repo.path().join(self.sub);
        let incremental = analyze(&path, &cached);
        let scratch = analyze(&path, &options(self.renames));
        let renames = self.renames;
        assert_eq!(
            json(&incremental),
            json(&scratch),
            "{step} (renames {renames})"
        );
        assert!(incremental.coverage.complete());
        let after = std::fs::read(&records).expect("read");
        assert_eq!(
            after == before,
            fast,
            "{step}: record cache untouched: {fast}"
        );
    }
}

fn run_story(renames: bool, sub: &str) {
    let repo = Repo::new();
    repo.write_lines("src/a.rs", "a", 30);
    repo.write_lines("src/b.rs", "b", 10);
    repo.write_lines("docs/x.md", "x", 5);
    repo.commit("start", T0);
    repo.write_lines("src/a.rs", "a", 35);
    repo.write_lines("src/b.rs", "b", 12);
    repo.commit_as("grow", T0 + DAY, ("Ann", "ann@example.com"));
    let (_keep, cache) = cache_dir();
    let mut opts = options(renames);
    opts.walk.cache_dir = Some(cache.clone());
    analyze(&repo.path().join(sub), &opts);
    assert!(
        cache_file(&cache, "snapshot").is_some(),
        "a snapshot is stored"
    );
    let story = Story {
        repo: &repo,
        sub,
        cache: &cache,
        renames,
    };

    repo.write_lines("src/a.rs", "a", 40);
    repo.commit_as("edit", T0 + 2 * DAY, ("Bob", "bob@example.com"));
    story.check("an edit by a new author", true);

    repo.git(&["mv", "src/a.rs", "src/core.rs"]);
    repo.write_lines("src/core.rs", "a", 41);
    repo.commit("rename a to core", T0 + 3 * DAY);
    story.check("a rename", true);

    repo.git(&["rm", "-q", "src/b.rs"]);
    repo.commit("delete b", T0 + 4 * DAY);
    repo.git(&["mv", "docs/x.md", "src/b.rs"]);
    repo.commit("x takes b's path", T0 + 5 * DAY);
    // Followed, the rename makes the deleted file's past and x's one file: that is folded
    // from scratch (and stored as the new snapshot).
    let onto = "a rename onto a deleted path";
    story.check(onto, !renames);

    repo.git(&["checkout", "-q", "-b", "side"]);
    repo.write_lines("src/side.rs", "s", 8);
    repo.write_lines("src/core.rs", "a", 45);
    repo.commit_as("side work", T0 + 6 * DAY, ("Ann", "ANN@example.com"));
    repo.git(&["checkout", "-q", "main"]);
    repo.write_lines("src/b.rs", "x", 9);
    repo.commit("main work", T0 + 7 * DAY);
    repo.git_at(
        &["merge", "-q", "--no-ff", "-m", "merge side", "side"],
        T0 + 8 * DAY,
    );
    story.check("a merge", true);

    // Renames an author the snapshot holds: folded from scratch.
    repo.write(
        ".mailmap",
        "Ann Author <ann@example.com>\nAnn Author <ann@example.com> Bob <bob@example.com>\n",
    );
    repo.commit("mailmap", T0 + 9 * DAY);
    story.check("a new .mailmap", false);

    repo.write_lines("src/core.rs", "a", 50);
    repo.write_lines("src/new.rs", "n", 3);
    repo.commit("again", T0 + 10 * DAY);
    story.check("after the fallback", true);

    // The commits the updates walked are taken into the record cache by a full walk.
    let src = Source::open(repo.path()).expect("repo");
    let mut w = Walker::start(src, opts.walk.clone()).expect("walker");
    assert!(w.finished(), "nothing is diffed again: {:?}", w.coverage());
    w.save().expect("save");
    assert!(cache_file(&cache, "pending").is_none(), "taken in");
}

#[test]
fn the_update_from_a_snapshot_is_exact_with_renames() {
    run_story(true, "");
}

#[test]
fn the_update_from_a_snapshot_is_exact_without_renames() {
    run_story(false, "");
}

#[test]
fn the_update_from_a_snapshot_is_exact_for_a_directory() {
    run_story(true, "src");
}

#[test]
fn a_damaged_snapshot_is_ignored() {
    let repo = Repo::new();
    repo.write_lines("a.rs", "a", 3);
    repo.commit("one", T0);
    let (_keep, cache) = cache_dir();
    let mut opts = options(true);
    opts.walk.cache_dir = Some(cache.clone());
    analyze(repo.path(), &opts);
    let snap = cache_file(&cache, "snapshot").expect("snapshot");
    let mut bytes = std::fs::read(&snap).expect("read");
    let last = bytes.len() - 1;
    bytes[last] ^= 0x55;
    std::fs::write(&snap, bytes).expect("damage");
    repo.write_lines("a.rs", "a", 5);
    repo.commit("two", T0 + DAY);
    let r = analyze(repo.path(), &opts);
    assert_eq!(json(&r), json(&analyze(repo.path(), &options(true))));
}
