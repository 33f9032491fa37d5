//! `--patch` end to end: the extract-module patch of the Rust fixture crate and of the Python
//! fixture package applies with `git apply` and the result still builds and passes its tests;
//! `--patch` itself never writes into the tree.

use std::path::Path;

use serde_json::Value;

use super::{
    available, fixture, git_commit_all, piece_items, piece_of, run_ok, snapshot, suggest,
    suggest_json, top_plan,
};

/// Every top-level item of `rust_crate/src/calc.rs` (the `use` lines aside), checked by hand.
const CALC_ITEMS: &[&str] = &[
    "MAX_DIGITS",
    "fail",
    "CalcError",
    "impl CalcError",
    "impl Display for CalcError",
    "Token",
    "Lexer",
    "impl Lexer",
    "is_ident_char",
    "tokenize",
    "Expr",
    "Op",
    "Parser",
    "impl Parser",
    "additive",
    "multiplicative",
    "parse",
    "eval",
    "evaluate",
    "Report",
    "Row",
    "impl Report",
    "format_outcome",
    "format_number",
    "impl Display for Report",
    "tests",
];

/// Prints the patch of `target` and applies it with `git apply`.
fn apply_patch(root: &Path, target: &str, limit: &str) {
    let out = suggest(root, &[target, "--force", "--limit", limit, "--patch"]);
    assert!(
        out.status.success(),
        "suggest --patch failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.is_empty(), "empty patch");
    let patch = root.join("../suggest.patch");
    std::fs::write(&patch, &out.stdout).expect("write patch");
    let patch = patch.canonicalize().expect("patch path");
    run_ok(
        root,
        "git",
        &["apply", "--verbose", patch.to_str().expect("utf-8")],
        &[],
    );
}

#[test]
fn rust_plan_splits_calc_into_lexer_and_report_modules() {
    let tmp = fixture("rust_crate");
    let report = suggest_json(
        tmp.path(),
        &["src/calc.rs", "--force", "--limit", "file_lines=250"],
    );
    let plan = top_plan(&report);
    assert_eq!(plan["pattern"], "extract-module", "{plan:#}");
    assert_eq!(plan["patch"]["status"], "safe", "{plan:#}");
    assert_eq!(plan["before"]["band"], "freeze");
    let pieces = piece_items(plan);
    let mut listed: Vec<&str> = pieces
        .iter()
        .flat_map(|(_, items)| items.iter().map(String::as_str))
        .collect();
    listed.sort_unstable();
    let mut expected = CALC_ITEMS.to_vec();
    expected.sort_unstable();
    assert_eq!(listed, expected, "each item exactly once over the pieces");
    let stays: Vec<&Value> = plan["pieces"]
        .as_array()
        .expect("pieces")
        .iter()
        .filter(|p| p["stays"] == true)
        .collect();
    assert_eq!(stays.len(), 1, "one staying piece");
    assert_eq!(stays[0]["file"], "calc.rs");
    let lexer = piece_of(&pieces, "Lexer");
    for item in ["is_ident_char", "MAX_DIGITS", "impl Lexer"] {
        assert_eq!(
            piece_of(&pieces, item),
            lexer,
            "{item} with Lexer: {pieces:?}"
        );
    }
    let report_piece = piece_of(&pieces, "Report");
    assert_ne!(report_piece, lexer);
    for item in ["Row", "format_number", "format_outcome", "impl Report"] {
        assert_eq!(
            piece_of(&pieces, item),
            report_piece,
            "{item} with Report: {pieces:?}"
        );
    }
    for p in plan["pieces"].as_array().expect("pieces") {
        let band = p["predicted_band"].as_str().expect("band");
        assert!(
            ["ok", "watch", "review", "emergency"].contains(&band),
            "piece {} predicted {band}",
            p["name"]
        );
        assert!(p["predicted_lines"].as_u64().expect("lines") < 250);
    }
}

#[test]
fn rust_patch_applies_and_the_crate_builds_and_passes_its_tests() {
    if !available("cargo") {
        eprintln!("skipped: cargo is not on PATH");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("crate");
    std::fs::create_dir(&root).expect("mkdir");
    let src = fixture("rust_crate");
    for (rel, bytes) in snapshot(src.path()) {
        let to = root.join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::write(to, bytes).expect("write");
    }
    git_commit_all(&root);
    apply_patch(&root, "src/calc.rs", "file_lines=250");
    let status = run_ok(&root, "git", &["status", "--porcelain"], &[]);
    assert!(status.contains(" M src/calc.rs"), "{status}");
    assert!(status.contains("?? src/calc/"), "new modules: {status}");
    let target = tmp.path().join("target");
    let env = [("CARGO_TARGET_DIR", target.as_path())];
    run_ok(&root, "cargo", &["check", "--offline"], &env);
    let tests = run_ok(&root, "cargo", &["test", "--offline"], &env);
    for name in ["evaluates_lines", "lexer_rejects_garbage"] {
        assert!(
            tests.contains(&format!("calc::tests::{name} ... ok")),
            "the crate's test {name} ran and passed: {tests}"
        );
    }
}

#[test]
fn python_patch_applies_and_the_package_passes_its_tests() {
    if !available("python3") {
        eprintln!("skipped: python3 is not on PATH (the Python patch cannot be checked)");
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path().join("pkg");
    let src = fixture("py_pkg");
    for (rel, bytes) in snapshot(src.path()) {
        let to = root.join(rel);
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::write(to, bytes).expect("write");
    }
    git_commit_all(&root);
    let report = suggest_json(
        &root,
        &["inventory/store.py", "--force", "--limit", "file_lines=100"],
    );
    let plan = top_plan(&report);
    assert_eq!(plan["pattern"], "extract-module", "{plan:#}");
    assert_eq!(plan["patch"]["status"], "safe", "{plan:#}");
    apply_patch(&root, "inventory/store.py", "file_lines=100");
    let status = run_ok(&root, "git", &["status", "--porcelain"], &[]);
    assert!(status.contains(" M inventory/store.py"), "{status}");
    assert!(status.contains("?? inventory/"), "new modules: {status}");
    let no_cache = [("PYTHONDONTWRITEBYTECODE", Path::new("1"))];
    run_ok(&root, "python3", &["-m", "unittest"], &no_cache);
    run_ok(
        &root,
        "python3",
        &["-c", "import inventory.store"],
        &no_cache,
    );
}

#[test]
fn patch_never_writes_into_the_tree() {
    for (name, target, limit) in [
        ("rust_crate", "src/calc.rs", "file_lines=250"),
        ("py_pkg", "inventory/store.py", "file_lines=100"),
    ] {
        let tmp = fixture(name);
        let before = snapshot(tmp.path());
        let out = suggest(
            tmp.path(),
            &[target, "--force", "--limit", limit, "--patch"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let patch = String::from_utf8_lossy(&out.stdout);
        assert!(patch.contains("+++ "), "a patch was printed: {patch}");
        let after = snapshot(tmp.path());
        assert_eq!(
            before.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            after.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            "no file added or removed"
        );
        assert!(before == after, "{name}: a file changed");
    }
}
