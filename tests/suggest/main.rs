//! Integration tests of `seamline suggest`: patches applied to real crates and packages, the
//! planners on realistic fixtures, broken pattern files, and the tree left untouched.

#[path = "../common/mod.rs"]
mod common;

mod cohesive;
mod patch;
mod pattern_errors;
mod planners;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// Runs `seamline suggest ARGS --no-user-config` in `dir` with no user configuration.
pub fn suggest(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seamline"))
        .arg("suggest")
        .args(args)
        .arg("--no-user-config")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", dir.join("no-such-config-dir"))
        .output()
        .expect("run seamline")
}

/// Runs `suggest ARGS --format json` in `dir`, asserts success and parses the report.
pub fn suggest_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend_from_slice(&["--format", "json"]);
    let out = suggest(dir, &all);
    assert!(
        out.status.success(),
        "suggest {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// Runs a command in `dir` and asserts it succeeds; returns its stdout.
pub fn run_ok(dir: &Path, program: &str, args: &[&str], env: &[(&str, &Path)]) -> String {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {program}: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed in {}:\n{}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Makes `dir` a git repository with everything committed.
pub fn git_commit_all(dir: &Path) {
    run_ok(dir, "git", &["init", "-q"], &[]);
    run_ok(dir, "git", &["add", "-A"], &[]);
    run_ok(
        dir,
        "git",
        &[
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "-m",
            "fixture",
        ],
        &[],
    );
}

/// True when `program --version` runs.
pub fn available(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A copy of `tests/fixtures/suggest/NAME` in a fresh temp dir (the tree at its root).
pub fn fixture(name: &str) -> tempfile::TempDir {
    common::fixture_copy(&format!("suggest/{name}"))
}

/// The plans of a report.
pub fn plans(report: &Value) -> &Vec<Value> {
    report["plans"].as_array().expect("plans")
}

/// The first plan of a report, which must exist.
pub fn top_plan(report: &Value) -> &Value {
    plans(report)
        .first()
        .unwrap_or_else(|| panic!("no plans: {report:#}"))
}

/// The item names of each piece of a plan, by piece name.
pub fn piece_items(plan: &Value) -> Vec<(String, Vec<String>)> {
    plan["pieces"]
        .as_array()
        .expect("pieces")
        .iter()
        .map(|p| {
            let items = p["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|i| i["name"].as_str().expect("item name").to_string())
                .collect();
            (p["name"].as_str().expect("piece name").to_string(), items)
        })
        .collect()
}

/// The index of the piece holding item `name`; panics when no piece or several hold it.
pub fn piece_of(pieces: &[(String, Vec<String>)], name: &str) -> usize {
    let holders: Vec<usize> = pieces
        .iter()
        .enumerate()
        .filter(|(_, (_, items))| items.iter().any(|i| i == name))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        holders.len(),
        1,
        "`{name}` is in {} pieces: {pieces:?}",
        holders.len()
    );
    holders[0]
}

/// Asserts that no item of one group shares a piece with an item of another group.
pub fn assert_groups_separate(plan: &Value, groups: &[&[&str]]) {
    let pieces = piece_items(plan);
    // Every (group, item) pair, so that items of two groups are compared in one flat loop.
    let tagged: Vec<(usize, &str)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, items)| items.iter().map(move |&i| (g, i)))
        .collect();
    for (i, &(ga, x)) in tagged.iter().enumerate() {
        for &(gb, y) in tagged.iter().skip(i + 1).filter(|&&(gb, _)| gb != ga) {
            assert_ne!(
                piece_of(&pieces, x),
                piece_of(&pieces, y),
                "`{x}` (group {ga}) and `{y}` (group {gb}) share a piece: {pieces:?}"
            );
        }
    }
}

/// Every file below `dir` (except `.git`) with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.file_name().is_some_and(|n| n == ".git") {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("below root");
                out.push((
                    rel.display().to_string(),
                    std::fs::read(&path).expect("read"),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}
