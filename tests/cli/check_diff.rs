//! `seamline check --diff REV` end to end, on temp git repositories made by the tests: an
//! extraction out of a frozen file passes, a growing frozen function fails, a moved one does not.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{check, function, lines, tree};

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.com",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        status.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&status.stderr)
    );
}

fn repo(files: &[(&str, String)]) -> tempfile::TempDir {
    let t = tree(files);
    git(t.path(), &["init", "-q", "-b", "main"]);
    git(t.path(), &["add", "-A"]);
    git(t.path(), &["commit", "-q", "-m", "start"]);
    t
}

#[test]
fn diff_passes_an_extraction_out_of_a_frozen_file() {
    let parts: Vec<String> = (0..12).map(|i| function(&format!("f{i}"), 45)).collect();
    let t = repo(&[("src/frozen.py", parts.concat())]);
    assert_eq!(
        check(t.path(), &[]).0,
        1,
        "the file starts frozen (540 lines)"
    );
    // Extract half of it into a new module.
    std::fs::write(t.path().join("src/frozen.py"), parts[..6].concat()).unwrap();
    std::fs::write(t.path().join("src/extracted.py"), parts[6..].concat()).unwrap();
    let (code, out, err) = check(t.path(), &["--diff", "HEAD"]);
    assert_eq!(code, 0, "{out}{err}");
    // Extracting only a little still leaves it frozen but smaller: passes too.
    std::fs::write(t.path().join("src/frozen.py"), parts[..11].concat()).unwrap();
    std::fs::remove_file(t.path().join("src/extracted.py")).unwrap();
    std::fs::write(t.path().join("src/one.py"), parts[11].clone()).unwrap();
    let (code, out, _) = check(t.path(), &["--diff", "HEAD"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("better, was 540"), "{out}");
}

#[test]
fn diff_fails_when_a_frozen_function_grows_and_passes_when_it_moves() {
    let text = format!("{}{}", function("frozen", 120), function("other", 10));
    let t = repo(&[("app.py", text.clone()), ("old.py", lines(600))]);
    // Touching another function leaves the frozen one (and the untouched old file) unjudged.
    let edited = format!("{}{}", function("frozen", 120), function("other", 12));
    std::fs::write(t.path().join("app.py"), &edited).unwrap();
    let (code, out, _) = check(t.path(), &["--diff", "HEAD"]);
    assert_eq!(code, 0, "{out}");
    // Growing the frozen function fails.
    let grown = format!("{}{}", function("frozen", 125), function("other", 10));
    std::fs::write(t.path().join("app.py"), grown).unwrap();
    let (code, out, _) = check(t.path(), &["--diff", "HEAD"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("function frozen"), "{out}");
    assert!(out.contains("worse, was 120"), "{out}");
    // Moving it unchanged into its own module is an extraction, not a new finding.
    std::fs::write(t.path().join("app.py"), function("other", 10)).unwrap();
    std::fs::write(t.path().join("frozen_part.py"), function("frozen", 120)).unwrap();
    let (code, out, _) = check(t.path(), &["--diff", "HEAD"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn diff_outside_a_repository_or_with_a_bad_revision_is_an_error() {
    let t = tree(&[("a.py", lines(3))]);
    let (code, _, err) = check(t.path(), &["--diff", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("not inside a git repository"), "{err}");
    let r = repo(&[("a.py", lines(3))]);
    let (code, _, err) = check(r.path(), &["--diff", "no-such-rev"]);
    assert_eq!(code, 2);
    assert!(err.contains("revision `no-such-rev` not found"), "{err}");
}
