//! The walk over time: growth and time to breach, the incremental cache (a new commit, a
//! rewritten history), shallow clones, and the repositories that offer little or no history.

use crate::util;

use seamline::bands::Band;
use seamline::history::{Source, Statement, Unavailable, WalkOptions, Walker};
use util::*;

const WEEK: i64 = 7 * DAY;

#[test]
fn a_steadily_growing_file_has_a_time_to_breach() {
    let repo = Repo::new();
    // 300 lines, then +10 lines every week for 8 weeks: 380 lines, 10 lines a week.
    for week in 0..=8 {
        repo.write_lines("src/grow.rs", "let x =", 300 + 10 * week as usize);
        repo.commit(&format!("week {week}"), T0 + week * WEEK);
    }
    let r = analyze(repo.path(), &options(true));
    let f = file(&r, "src/grow.rs");
    assert_eq!(f.lines, Some(380));
    let rate = f.growth_per_week.expect("growth");
    assert!((rate - 10.0).abs() < 1e-9, "{rate}");
    let b = f.breach.expect("breach");
    assert_eq!((b.lines, b.limit, b.band), (380, 500, Band::Ok));
    let next = b.next.expect("next band");
    assert_eq!((next.band, next.lines), (Band::Watch, 400));
    assert!((next.weeks - 2.0).abs() < 1e-9);
    assert_eq!(
        next.at,
        T0 + 8 * WEEK + 2 * WEEK,
        "two weeks after the newest commit"
    );
    let freeze = b.freeze.expect("freeze");
    assert_eq!(freeze.lines, 500);
    assert!((freeze.weeks - 12.0).abs() < 1e-9);
}

#[test]
fn one_big_commit_does_not_set_the_pace() {
    let repo = Repo::new();
    // +5 lines a week, with a 200-line paste in week 7 of 10.
    for week in 0..10i64 {
        let paste = if week >= 7 { 200 } else { 0 };
        repo.write_lines("a.rs", "x", 100 + 5 * week as usize + paste);
        repo.commit(&format!("w{week}"), T0 + week * WEEK);
    }
    let r = analyze(repo.path(), &options(true));
    let rate = file(&r, "a.rs").growth_per_week.expect("growth");
    assert!((rate - 5.0).abs() < 1e-9, "{rate}");
}

fn linear_repo(n: i64) -> Repo {
    let repo = Repo::new();
    for i in 0..n {
        repo.write_lines("a.rs", "a", 10 + i as usize);
        repo.commit(&format!("c{i}"), T0 + i * DAY);
    }
    repo
}

fn walk_opts(cache: &std::path::Path) -> WalkOptions {
    WalkOptions {
        renames: true,
        threads: 2,
        cache_dir: Some(cache.to_path_buf()),
        ..WalkOptions::default()
    }
}

#[test]
fn a_new_commit_is_the_only_one_walked_again() {
    let repo = linear_repo(5);
    let (_keep, cache) = cache_dir();
    let mut opts = options(true);
    opts.walk = walk_opts(&cache);
    let first = analyze(repo.path(), &opts);
    assert_eq!(file(&first, "a.rs").commits, 5);
    assert!(std::fs::read_dir(&cache).expect("cache dir").count() >= 1);
    // Nothing new: nothing to walk.
    let src = Source::open(repo.path()).expect("repo");
    let w = Walker::start(src, walk_opts(&cache)).expect("walker");
    assert!(w.finished());
    assert_eq!(w.coverage().walked, 5);
    // One new commit: one commit to walk.
    repo.write_lines("a.rs", "a", 20);
    repo.commit("c5", T0 + 5 * DAY);
    let src = Source::open(repo.path()).expect("repo");
    let w = Walker::start(src, walk_opts(&cache)).expect("walker");
    assert_eq!((w.coverage().walked, w.coverage().total), (5, 6));
    let second = analyze(repo.path(), &opts);
    let a = file(&second, "a.rs");
    assert_eq!((a.commits, a.added, a.removed), (6, 20, 0));
    assert!(second.statements.is_empty(), "{:?}", second.statements);
    assert_eq!(report_numstat(&second), git_numstat(repo.path()));
}

#[test]
fn a_rewritten_history_is_detected_and_rebuilt() {
    let repo = linear_repo(5);
    let (_keep, cache) = cache_dir();
    let mut opts = options(false);
    opts.walk.cache_dir = Some(cache.clone());
    analyze(repo.path(), &opts);
    repo.git(&["reset", "-q", "--hard", "HEAD~2"]);
    repo.write_lines("b.rs", "b", 3);
    repo.commit("replacement", T0 + 10 * DAY);
    let r = analyze(repo.path(), &opts);
    let dropped: Vec<usize> = r
        .statements
        .iter()
        .filter_map(|s| match s {
            Statement::Rewritten { dropped, .. } => Some(*dropped),
            _ => None,
        })
        .collect();
    assert_eq!(dropped, vec![2]);
    assert_eq!(file(&r, "a.rs").commits, 3);
    assert_eq!(report_numstat(&r), git_numstat(repo.path()));
    let fresh = analyze(repo.path(), &options(false));
    assert_eq!(report_numstat(&r), report_numstat(&fresh));
}

#[test]
fn a_corrupt_cache_is_rebuilt() {
    let repo = linear_repo(3);
    let (_keep, cache) = cache_dir();
    let mut opts = options(true);
    opts.walk.cache_dir = Some(cache.clone());
    analyze(repo.path(), &opts);
    for entry in std::fs::read_dir(&cache).expect("cache") {
        std::fs::write(entry.expect("entry").path(), b"seamhist garbage").expect("damage");
    }
    let r = analyze(repo.path(), &opts);
    assert_eq!(file(&r, "a.rs").commits, 3);
}

#[test]
fn a_shallow_clone_says_how_deep_it_is() {
    let origin = linear_repo(6);
    let tmp = tempfile::tempdir().expect("tmp");
    let url = format!("file://{}", origin.path().display());
    git_in(
        tmp.path(),
        &["clone", "-q", "--depth", "2", &url, "shallow"],
        None,
        ("Test", "test@example.com"),
    );
    let clone = tmp.path().join("shallow");
    let r = analyze(&clone, &options(false));
    assert!(
        r.statements.contains(&Statement::Shallow {
            depth: 2,
            boundaries: 1
        }),
        "{:?}",
        r.statements
    );
    assert_eq!(r.coverage.total, 2);
    // The boundary commit shows the file as added, exactly as git does in the clone.
    assert_eq!(report_numstat(&r), git_numstat(&clone));
    let text = r
        .statements
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("shallow clone: history is cut 2 commits deep"),
        "{text}"
    );
}

#[test]
fn repositories_without_history_say_why() {
    let plain = tempfile::tempdir().expect("tmp");
    let r = analyze(plain.path(), &options(true));
    assert!(matches!(
        r.unavailable,
        Some(Unavailable::NotARepository { .. })
    ));
    let empty = Repo::new();
    let r = analyze(empty.path(), &options(true));
    assert_eq!(r.unavailable, Some(Unavailable::Empty));
    assert!(r.files.is_empty());
}

#[test]
fn detached_heads_worktrees_and_submodules_are_stated() {
    let repo = linear_repo(3);
    let sub = linear_repo(1);
    repo.git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        &sub.path().display().to_string(),
        "vendor/sub",
    ]);
    repo.commit("add submodule", T0 + 10 * DAY);
    repo.git(&["checkout", "-q", "--detach", "HEAD"]);
    let r = analyze(repo.path(), &options(false));
    let kinds: Vec<String> = r.statements.iter().map(|s| format!("{s}")).collect();
    assert!(
        kinds.iter().any(|s| s.starts_with("HEAD is detached at")),
        "{kinds:?}"
    );
    assert!(
        r.statements.contains(&Statement::Submodules {
            paths: vec!["vendor/sub".into()]
        }),
        "{kinds:?}"
    );
    // git counts a new submodule as one added line ("Subproject commit ...").
    let s = file(&r, "vendor/sub");
    assert_eq!((s.commits, s.added, s.removed), (1, 1, 0));
    assert_eq!(report_numstat(&r), git_numstat(repo.path()));

    let tmp = tempfile::tempdir().expect("tmp");
    let wt = tmp.path().join("wt");
    repo.git(&[
        "worktree",
        "add",
        "-q",
        "--detach",
        &wt.display().to_string(),
        "HEAD~1",
    ]);
    let r = analyze(&wt, &options(false));
    assert!(r
        .statements
        .iter()
        .any(|s| matches!(s, Statement::Worktree { .. })));
    assert_eq!(file(&r, "a.rs").commits, 3);
}

#[test]
fn a_corrupt_object_skips_its_commit_and_says_so() {
    let repo = linear_repo(4);
    // Remove the loose blob of a.rs as the second commit wrote it.
    let blob = repo.git(&["rev-parse", "HEAD~2:a.rs"]);
    let blob = blob.trim();
    let object = repo
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(&object).expect("remove object");
    let r = analyze(repo.path(), &options(false));
    assert!(r.unavailable.is_none());
    let corrupt = r
        .statements
        .iter()
        .filter(|s| matches!(s, Statement::Corrupt { .. }))
        .count();
    assert_eq!(
        corrupt, 2,
        "the commits writing and replacing that blob: {:?}",
        r.statements
    );
    assert_eq!((r.coverage.walked, r.coverage.total), (2, 4));
    assert_eq!(file(&r, "a.rs").commits, 2);
}
