//! The `scan` command end to end: the real binary on fixture trees copied into temp dirs.

use crate::common;

use common::{component, file, fixture_copy, scan_json, seamline};

#[test]
fn missing_path_is_a_clear_error_with_exit_2() {
    let out = seamline(&["scan", "/definitely/not/here"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/definitely/not/here"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn json_report_has_files_dirs_and_languages() {
    let tree = fixture_copy("polyglot");
    std::fs::write(tree.path().join("debug.log"), "ignored by .gitignore\n").unwrap();
    let report = scan_json(tree.path(), &[]);
    assert_eq!(report["schema_version"], 1);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec![
            "README.md",
            "native/ring.c",
            "py/shapes/geometry.py",
            "src/parser.rs",
            "web/cart.ts"
        ]
    );
    let rust = file(&report, "src/parser.rs");
    assert_eq!(rust["language"], "rust");
    assert_eq!(rust["lines"]["total"], 48);
    assert_eq!(rust["parse_errors"].as_array().unwrap().len(), 0);
    let dirs = report["dirs"].as_array().unwrap();
    let root = &dirs[0];
    assert_eq!(root["path"], "");
    // README.md, native, py, src, web (the dot-file .gitignore is hidden, debug.log ignored).
    assert_eq!(root["entries"], 5);
    assert_eq!(root["files"], 5);
    let py = dirs.iter().find(|d| d["path"] == "py").unwrap();
    assert_eq!(py["entries"], 1);
    assert_eq!(py["files"], 1);
}

#[test]
fn components_carry_spans_and_metrics_per_language() {
    let tree = fixture_copy("polyglot");
    let report = scan_json(tree.path(), &[]);

    let rust = file(&report, "src/parser.rs");
    let parse = component(rust, "Parser::parse");
    assert_eq!(parse["kind"], "method");
    assert_eq!(
        (parse["start_line"].as_u64(), parse["end_line"].as_u64()),
        (Some(24), Some(41))
    );
    assert_eq!(parse["params"], 2);
    assert_eq!(parse["nesting"], 3);
    assert_eq!(component(rust, "Parser::new")["cyclomatic"], 1);
    assert_eq!(component(rust, "Token")["kind"], "enum");

    let py = file(&report, "py/shapes/geometry.py");
    let describe = component(py, "Shape.describe");
    assert_eq!(describe["kind"], "method");
    assert_eq!(describe["params"], 1);
    assert_eq!(component(py, "Circle")["methods"], 2);
    let largest = component(py, "largest");
    assert_eq!(
        (largest["start_line"].as_u64(), largest["end_line"].as_u64()),
        (Some(23), Some(28))
    );
    assert_eq!(largest["params"], 2);

    let ts = file(&report, "web/cart.ts");
    assert_eq!(component(ts, "Cart")["methods"], 2);
    let total = component(ts, "Cart.total");
    assert_eq!(total["nesting"], 2);
    assert_eq!(component(ts, "Item")["kind"], "interface");
    assert_eq!(component(ts, "format")["kind"], "function");

    let c = file(&report, "native/ring.c");
    let push = component(c, "ring_push");
    assert_eq!(
        (push["start_line"].as_u64(), push["end_line"].as_u64()),
        (Some(9), Some(17))
    );
    assert_eq!(push["params"], 2);
    assert_eq!(push["cyclomatic"], 3);
    assert_eq!(component(c, "ring")["kind"], "struct");
}

#[test]
fn table_report_escapes_control_characters_in_names() {
    let tree = tempfile::tempdir().unwrap();
    std::fs::write(tree.path().join("evil\x1b[2J.rs"), "fn main() {}\n").unwrap();
    std::fs::write(tree.path().join("ok.bin"), b"abc\0def").unwrap();
    let out = seamline(&["scan", tree.path().to_str().unwrap(), "--no-cache"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\x1b'),
        "raw escape reached the output:\n{text}"
    );
    assert!(text.contains("evil\\u{1b}[2J.rs"), "{text}");
    assert!(text.contains("ok.bin: binary file"), "{text}");
}

#[test]
fn skipped_files_are_listed_with_reasons_and_the_scan_goes_on() {
    let tree = tempfile::tempdir().unwrap();
    let root = tree.path();
    std::fs::write(root.join("big.py"), "x = 1\n".repeat(1000)).unwrap();
    std::fs::write(root.join("image.png"), [0x89, b'P', b'N', b'G', 0, 0, 1]).unwrap();
    std::fs::write(root.join("latin1.py"), b"s = '\xe9t\xe9'\n").unwrap();
    std::fs::write(root.join("fine.py"), "def f():\n    return 1\n").unwrap();
    let report = scan_json(root, &["--max-file-size", "1000"]);
    let skipped = report["skipped"].as_array().unwrap();
    let reason = |p: &str| {
        skipped
            .iter()
            .find(|s| s["path"] == p)
            .map(|s| s["reason"].as_str().unwrap().to_string())
    };
    assert_eq!(reason("big.py").as_deref(), Some("too_large"));
    assert_eq!(reason("image.png").as_deref(), Some("binary"));
    assert_eq!(file(&report, "latin1.py")["lossy_utf8"], true);
    assert_eq!(file(&report, "fine.py")["lines"]["code"], 2);
    assert_eq!(report["totals"]["files"], 2);
}

#[test]
fn closed_stdout_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let tree = fixture_copy("polyglot");
    let mut child = Command::new(env!("CARGO_BIN_EXE_seamline"))
        .args([
            "scan",
            tree.path().to_str().unwrap(),
            "--no-cache",
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code() == Some(0), "status {status:?}: {err}");
}
