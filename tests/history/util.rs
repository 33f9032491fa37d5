//! Helpers for the history tests: temporary git repositories built with the git CLI, with fixed
//! authors and dates so that every expected number can be worked out by hand. (The history
//! engine itself never runs git; only these fixtures do.) Declared by `main.rs` for the other
//! history tests; it also checks the helpers itself.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use seamline::bands::DefaultPolicy;
use seamline::history::{self, HistoryOptions, HistoryReport, WalkOptions};

/// Seconds in a day.
pub const DAY: i64 = 24 * 3600;
/// 2024-01-01T00:00:00Z.
pub const T0: i64 = 1_704_067_200;

/// A temporary repository.
pub struct Repo {
    pub dir: tempfile::TempDir,
}

impl Default for Repo {
    fn default() -> Self {
        Repo::new()
    }
}

impl Repo {
    /// `git init` on branch `main`.
    pub fn new() -> Repo {
        let dir = tempfile::tempdir().expect("temp dir");
        let repo = Repo { dir };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Runs git in the repository and returns its stdout; panics when git fails.
    pub fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args, None, ("Test", "test@example.com"))
    }

    /// Writes a file (creating directories).
    pub fn write(&self, path: &str, text: &str) {
        let p = self.path().join(path);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(p, text).expect("write");
    }

    /// Writes `n` numbered lines (`prefix 1` ...).
    pub fn write_lines(&self, path: &str, prefix: &str, n: usize) {
        let text: String = (1..=n).map(|i| format!("{prefix} {i}\n")).collect();
        self.write(path, &text);
    }

    /// Stages everything and commits at `time` (seconds) as `author` (name, email).
    pub fn commit_as(&self, msg: &str, time: i64, author: (&str, &str)) -> String {
        self.git(&["add", "-A"]);
        git_in(
            self.path(),
            &["commit", "-q", "--allow-empty", "-m", msg],
            Some(time),
            author,
        );
        self.git(&["rev-parse", "HEAD"]).trim().to_string()
    }

    /// Commits as the default test author.
    pub fn commit(&self, msg: &str, time: i64) -> String {
        self.commit_as(msg, time, ("Test", "test@example.com"))
    }

    /// Runs git with a fixed date (for merges and other commands that commit).
    pub fn git_at(&self, args: &[&str], time: i64) -> String {
        git_in(self.path(), args, Some(time), ("Test", "test@example.com"))
    }
}

/// Runs git in `dir` with a clean environment (no user or system config).
pub fn git_in(dir: &Path, args: &[&str], time: Option<i64>, author: (&str, &str)) -> String {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", author.0)
        .env("GIT_AUTHOR_EMAIL", author.1)
        .env("GIT_COMMITTER_NAME", author.0)
        .env("GIT_COMMITTER_EMAIL", author.1)
        .env("GIT_PROTOCOL_FROM_USER", "1");
    if let Some(t) = time {
        let date = format!("@{t} +0000");
        cmd.env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date);
    }
    let out = cmd.output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Options for the whole history, no cache, the given rename setting.
pub fn options(renames: bool) -> HistoryOptions {
    HistoryOptions {
        walk: WalkOptions {
            renames,
            threads: 2,
            ..WalkOptions::default()
        },
        ..HistoryOptions::default()
    }
}

/// Analyses `path` with the default limits and no code model.
pub fn analyze(path: &Path, opts: &HistoryOptions) -> HistoryReport {
    history::analyze(path, opts, &DefaultPolicy::default(), None, &mut |_| {}).expect("analyze")
}

/// The report's file entry for `path`.
pub fn file<'a>(r: &'a HistoryReport, path: &str) -> &'a seamline::history::FileReport {
    r.files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} not in {:?}", paths(r)))
}

/// The reported paths.
pub fn paths(r: &HistoryReport) -> Vec<&str> {
    r.files.iter().map(|f| f.path.as_str()).collect()
}

/// Per-path `(commits, added, removed)` from `git log --numstat --no-renames`, summed as
/// code-maat and the benchmark do (binary files count a commit and no lines).
pub fn git_numstat(dir: &Path) -> Vec<(String, u32, u64, u64)> {
    let text = git_in(
        dir,
        &["log", "--numstat", "--no-renames", "--format="],
        None,
        ("Test", "test@example.com"),
    );
    let mut map: std::collections::BTreeMap<String, (u32, u64, u64)> = Default::default();
    for line in text.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.splitn(3, '\t');
        let (a, r, p) = (parts.next(), parts.next(), parts.next());
        let (Some(a), Some(r), Some(p)) = (a, r, p) else {
            continue;
        };
        let e = map.entry(p.to_string()).or_default();
        e.0 += 1;
        e.1 += a.parse::<u64>().unwrap_or(0);
        e.2 += r.parse::<u64>().unwrap_or(0);
    }
    map.into_iter().map(|(p, (c, a, r))| (p, c, a, r)).collect()
}

/// The same numbers from a report.
pub fn report_numstat(r: &HistoryReport) -> Vec<(String, u32, u64, u64)> {
    let mut v: Vec<_> = r
        .files
        .iter()
        .map(|f| (f.path.clone(), f.commits, f.added, f.removed))
        .collect();
    v.sort();
    v
}

/// A fresh cache directory.
pub fn cache_dir() -> (tempfile::TempDir, PathBuf) {
    let d = tempfile::tempdir().expect("temp dir");
    let p = d.path().join("cache");
    (d, p)
}

#[test]
fn helpers_build_a_repository_with_fixed_dates() {
    let repo = Repo::new();
    repo.write_lines("a.txt", "line", 3);
    let id = repo.commit("first", T0);
    assert_eq!(id.len(), 40);
    let date = repo.git(&["log", "-1", "--format=%ct %an"]);
    assert_eq!(date.trim(), format!("{T0} Test"));
    assert_eq!(
        git_numstat(repo.path()),
        vec![("a.txt".to_string(), 1, 3, 0)]
    );
}
