//! `seamline history` and `scan --history` end to end: exit codes, the JSON layout of
//! docs/json.md, per-component churn, and the `[history]` configuration.

use crate::util;

use std::process::{Command, Output};

use util::*;

fn seamline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seamline"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent/seamline-test-config")
        .output()
        .expect("run seamline")
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = seamline(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

const ALPHA_BETA: &str = "fn alpha() {\n    let a = 1;\n}\n\nfn beta() {\n    let b = 2;\n}\n";

/// src/lib.rs with two functions: alpha changed three times, beta twice (creation included).
fn components_repo() -> Repo {
    let repo = Repo::new();
    repo.write("src/lib.rs", ALPHA_BETA);
    repo.commit("create", T0);
    let v2 = ALPHA_BETA.replace("let a = 1;", "let a = 10;");
    repo.write("src/lib.rs", &v2);
    repo.commit("alpha", T0 + DAY);
    let v3 = v2.replace("    let b = 2;\n", "    let b = 2;\n    let c = 3;\n");
    repo.write("src/lib.rs", &v3);
    repo.commit("beta", T0 + 2 * DAY);
    repo.write("src/lib.rs", &v3.replace("let a = 10;", "let a = 100;"));
    repo.commit("alpha again", T0 + 3 * DAY);
    repo
}

#[test]
fn a_directory_without_git_is_not_an_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().to_str().expect("utf-8");
    let out = seamline(&["history", p]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("is not inside a git repository: no history"),
        "{text}"
    );
    let v = json(&["history", p, "--format", "json"]);
    assert_eq!(v["available"], false);
    assert_eq!(v["unavailable"]["kind"], "not_a_repository");
    assert_eq!(v["files"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_missing_path_or_a_bad_date_exits_2() {
    let out = seamline(&["history", "/nonexistent/seamline/path"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or directory"));
    let repo = Repo::new();
    let p = repo.path().to_str().expect("utf-8");
    let out = seamline(&["history", p, "--since", "someday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--since"));
}

#[test]
fn json_has_the_documented_fields() {
    let repo = components_repo();
    let p = repo.path().to_str().expect("utf-8");
    let v = json(&["history", p, "--format", "json", "--no-cache"]);
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["available"], true);
    assert_eq!(v["coverage"]["text"], "history: 4 of 4 commits");
    assert_eq!(v["window"]["commits"], 4);
    assert_eq!(v["window"]["first_commit"], "2024-01-01T00:00:00Z");
    let f = &v["files"][0];
    for key in [
        "path",
        "commits",
        "added",
        "removed",
        "authors",
        "main_author",
        "first_change",
        "last_change",
        "exists",
        "lines",
        "growth_per_week",
        "breach",
        "hotspot",
        "complexity",
        "renamed_from",
        "binary",
    ] {
        assert!(f.get(key).is_some(), "files[].{key} missing: {f}");
    }
    assert_eq!(f["path"], "src/lib.rs");
    assert_eq!(
        (
            f["commits"].as_u64(),
            f["added"].as_u64(),
            f["removed"].as_u64()
        ),
        (Some(4), Some(10), Some(2))
    );
    assert_eq!(f["lines"], 8);
    assert_eq!(f["last_change"], "2024-01-04T00:00:00Z");
    assert_eq!(f["breach"]["limit"], 500);
    assert_eq!(f["breach"]["band"], "ok");
    assert!(v["couplings"].is_array());
    // The model is scanned: complexity is known, and the only scored file is the top hotspot.
    assert_eq!(f["complexity"], 2);
    assert_eq!(f["hotspot"], 1.0);
}

#[test]
fn component_churn_maps_hunks_onto_functions() {
    let repo = components_repo();
    let p = repo.path().to_str().expect("utf-8");
    let v = json(&[
        "history",
        p,
        "--format",
        "json",
        "--no-cache",
        "--file",
        "src/lib.rs",
    ]);
    let items = v["components"]["items"].as_array().expect("items");
    let row = |name: &str| {
        items.iter().find(|i| i["name"] == name).map(|i| {
            (
                i["commits"].as_u64(),
                i["added"].as_u64(),
                i["removed"].as_u64(),
            )
        })
    };
    // alpha: created (3 lines) and edited twice (+1 -1 each); beta: created and grown by one.
    assert_eq!(row("alpha"), Some((Some(3), Some(5), Some(2))));
    assert_eq!(row("beta"), Some((Some(2), Some(4), Some(0))));
    assert_eq!(
        row("(top level)"),
        Some((Some(1), Some(1), Some(0))),
        "the blank line"
    );
    assert_eq!(v["components"]["commits"], 4);
    let out = seamline(&["history", p, "--no-cache", "--file", "src/lib.rs"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Components of src/lib.rs (churn over its last 4 commits)"),
        "{text}"
    );
    assert!(text.contains("function alpha"), "{text}");
}

#[test]
fn table_lists_the_sections() {
    let repo = components_repo();
    let p = repo.path().to_str().expect("utf-8");
    let out = seamline(&["history", p, "--no-cache"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for heading in [
        "history: 4 of 4 commits",
        "Hotspots",
        "Most churned files",
        "Couplings",
    ] {
        assert!(text.contains(heading), "{heading}: {text}");
    }
}

#[test]
fn scan_json_carries_history_on_request() {
    let repo = components_repo();
    let p = repo.path().to_str().expect("utf-8");
    let plain = json(&["scan", p, "--format", "json", "--no-cache"]);
    assert!(plain.get("history").is_none());
    let v = json(&["scan", p, "--format", "json", "--no-cache", "--history"]);
    let h = &v["history"];
    assert_eq!(h["available"], true);
    assert_eq!(h["files"][0]["path"], "src/lib.rs");
    assert_eq!(h["files"][0]["commits"], 4);
}

#[test]
fn history_settings_come_from_the_config() {
    let repo = Repo::new();
    for i in 0..3 {
        repo.write_lines("a.rs", "a", 5 + i);
        repo.write_lines("b.rs", "b", 5 + i);
        repo.commit(&format!("c{i}"), T0 + i as i64 * DAY);
    }
    let p = repo.path().to_str().expect("utf-8");
    let v = json(&["history", p, "--format", "json", "--no-cache"]);
    assert_eq!(
        v["couplings"].as_array().map(Vec::len),
        Some(0),
        "3 shared < 5"
    );
    repo.write(
        ".seamline.toml",
        "[history]\ncoupling_min_revs = 2\ncoupling_min_shared = 2\n",
    );
    let v = json(&["history", p, "--format", "json", "--no-cache"]);
    assert_eq!(v["couplings"][0]["a"], "a.rs");
    assert_eq!(v["couplings"][0]["degree"], 100);
    let out = seamline(&["config", p]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[history]"), "{text}");
    assert!(text.contains("coupling_min_shared = 2"), "{text}");
    repo.write(".seamline.toml", "[history]\ncoupling_min_shard = 2\n");
    let out = seamline(&["history", p]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("coupling_min_shared"));
}
