//! Helpers shared by the integration tests: fixture copies in temp dirs and running the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Path of a fixture tree under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Copies a fixture tree into a fresh temp dir (so the project's own .gitignore files do not
/// apply) and returns the temp dir; the tree is at its root.
pub fn fixture_copy(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_tree(&fixture(name), tmp.path());
    tmp
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// Runs the seamline binary with `args`.
pub fn seamline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_seamline"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("XDG_CONFIG_HOME", "/nonexistent/seamline-test-config")
        .output()
        .expect("run seamline")
}

/// Runs `seamline scan --format json --no-cache PATH` and parses its output.
pub fn scan_json(path: &Path, extra: &[&str]) -> serde_json::Value {
    let p = path.to_str().expect("utf-8 path");
    let mut args = vec!["scan", p, "--format", "json", "--no-cache"];
    args.extend_from_slice(extra);
    let out = seamline(&args);
    assert!(
        out.status.success(),
        "scan failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// The file entry for `path` in a scan report.
pub fn file<'a>(report: &'a serde_json::Value, path: &str) -> &'a serde_json::Value {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("{path} not in report"))
}

/// Finds a component by qualified name anywhere in a file entry.
pub fn component<'a>(file: &'a serde_json::Value, qualified: &str) -> &'a serde_json::Value {
    fn find<'a>(list: &'a serde_json::Value, q: &str) -> Option<&'a serde_json::Value> {
        for c in list.as_array()? {
            if c["qualified_name"] == q {
                return Some(c);
            }
            if let Some(found) = find(&c["children"], q) {
                return Some(found);
            }
        }
        None
    }
    find(&file["components"], qualified).unwrap_or_else(|| {
        panic!(
            "{qualified} not found in {}",
            serde_json::to_string_pretty(&file["components"]).unwrap_or_default()
        )
    })
}

/// `n` lines of Python code.
pub fn lines(n: usize) -> String {
    "x = 1\n".repeat(n)
}

/// A Python function of exactly `n` lines.
pub fn function(name: &str, n: usize) -> String {
    let mut s = format!("def {name}(a):\n");
    for i in 1..n - 1 {
        s.push_str(&format!("    a = a + {i}\n"));
    }
    s.push_str("    return a\n");
    s
}

pub fn check(root: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "check",
        root.to_str().unwrap(),
        "--no-cache",
        "--no-user-config",
    ];
    args.extend_from_slice(extra);
    let out = seamline(&args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub fn tree(files: &[(&str, String)]) -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    for (p, text) in files {
        let path = t.path().join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    t
}
