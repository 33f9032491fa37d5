//! `seamline check` end to end: exit codes at band edges, config errors, overrides,
//! suppressions, baselines and `--diff` on temp git repositories made by the tests, and SARIF
//! validated against the official SARIF 2.1.0 schema.

use crate::common;

use std::path::Path;

use common::{check, function, lines, tree};

#[test]
fn exit_codes_at_each_band_edge() {
    let cases = [
        (399, &["--fail-at", "watch"][..], 0), // 79.8 %
        (400, &["--fail-at", "watch"][..], 1), // 80 %
        (499, &[][..], 0),                     // emergency, below freeze
        (500, &[][..], 1),                     // 100 %: freeze
        (
            799,
            &["--fail-at", "watch", "--limit", "file_lines=1000"][..],
            0,
        ), // 79.9 %
        (
            800,
            &["--fail-at", "watch", "--limit", "file_lines=1000"][..],
            1,
        ), // 80 %
        (1000, &["--limit", "file_lines=1000"][..], 1),
    ];
    for (n, flags, code) in cases {
        let t = tree(&[("m.py", lines(n))]);
        let (got, out, err) = check(t.path(), flags);
        assert_eq!(got, code, "{n} lines {flags:?}\n{out}{err}");
    }
}

#[test]
fn human_report_names_the_driver_and_construct() {
    let text = format!("{}{}", function("small", 10), function("huge", 495));
    let t = tree(&[("src/app.py", text)]);
    let (code, out, _) = check(t.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FREEZE"), "{out}");
    assert!(out.contains("file_lines 505/500 (101 %)"), "{out}");
    assert!(
        out.contains("largest item: `function huge` 495 lines at line 11"),
        "{out}"
    );
    assert!(out.contains("function_lines 495/100"), "{out}");
    assert!(out.contains("FAIL:"), "{out}");
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn config_errors_exit_2_with_file_and_line() {
    let t = tree(&[
        ("m.py", lines(3)),
        (
            ".seamline.toml",
            "[limits]\nfile_lines = 400\nnestng = 3\n".into(),
        ),
    ]);
    let (code, out, err) = check(t.path(), &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains(".seamline.toml:3: unknown key `nestng` in [limits]; did you mean `nesting`?"),
        "{err}"
    );
    let (code, _, err) = check(t.path(), &["--limit", "file_lines=many"]);
    assert_eq!(code, 2);
    assert!(err.contains("whole number"), "{err}");
}

#[test]
fn overrides_take_precedence_by_path() {
    let t = tree(&[
        ("tests/big_test.py", lines(600)),
        ("src/ok.py", lines(100)),
        (
            ".seamline.toml",
            "[[override]]\npaths = [\"tests/**\"]\nfile_lines = 1000\n".into(),
        ),
    ]);
    assert_eq!(check(t.path(), &[]).0, 0);
    // The command line beats the repository file for the base limit, not the override.
    assert_eq!(check(t.path(), &["--limit", "file_lines=50"]).0, 1);
    std::fs::write(t.path().join("src/big.py"), lines(600)).unwrap();
    let (code, out, _) = check(t.path(), &[]);
    assert_eq!(code, 1);
    assert!(out.contains("src/big.py"), "{out}");
    assert!(!out.contains("tests/big_test.py"), "{out}");
}

#[test]
fn suppressions_need_a_reason() {
    let with = format!(
        "# seamline: allow(file_lines) reason=\"generated tables\"\n{}",
        lines(600)
    );
    let t = tree(&[("gen.py", with)]);
    let (code, out, _) = check(t.path(), &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("1 suppressed"), "{out}");
    let (_, out, _) = check(t.path(), &["--show-suppressed"]);
    assert!(out.contains("[suppressed: generated tables]"), "{out}");

    let without = format!("# seamline: allow(file_lines)\n{}", lines(600));
    let t = tree(&[("gen.py", without)]);
    let (code, out, _) = check(t.path(), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("gen.py:1: suppression without a reason is ignored"),
        "{out}"
    );

    let item = format!(
        "{}# seamline: allow(function_lines) reason=\"table\"\n{}",
        lines(2),
        function("big", 150)
    );
    let t = tree(&[("f.py", item)]);
    assert_eq!(check(t.path(), &[]).0, 0);
}

#[test]
fn baseline_fails_only_on_new_or_worse_findings() {
    let t = tree(&[
        ("legacy.py", lines(600)),
        (
            "funcs.py",
            format!("{}{}", function("small", 5), function("frozen", 120)),
        ),
    ]);
    let base = t.path().join("baseline.json");
    let b = base.to_str().unwrap();
    let (code, _, err) = check(t.path(), &["--baseline", b]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("recorded 2 findings"), "{err}");
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert_eq!(recorded["entries"].as_array().unwrap().len(), 2);

    // Unchanged: passes.
    assert_eq!(check(t.path(), &["--baseline", b]).0, 0);
    // A line shift above the frozen function, and moving it within its file: still the same.
    let shifted = format!(
        "{}{}{}",
        function("frozen", 120),
        function("extra", 8),
        function("small", 5)
    );
    std::fs::write(t.path().join("funcs.py"), shifted).unwrap();
    let (code, out, _) = check(t.path(), &["--baseline", b]);
    assert_eq!(code, 0, "{out}");
    // Worse: the legacy file grew.
    std::fs::write(t.path().join("legacy.py"), lines(610)).unwrap();
    let (code, out, _) = check(t.path(), &["--baseline", b]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("worse, was 600"), "{out}");
    // Better is fine; a new frozen file is not.
    std::fs::write(t.path().join("legacy.py"), lines(550)).unwrap();
    assert_eq!(check(t.path(), &["--baseline", b]).0, 0);
    std::fs::write(t.path().join("new.py"), lines(700)).unwrap();
    let (code, out, _) = check(t.path(), &["--baseline", b]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("new.py"), "{out}");
}

#[test]
fn corrupt_baseline_is_a_clear_error() {
    let t = tree(&[("a.py", lines(3)), ("b.json", "{ not json".into())]);
    let b = t.path().join("b.json");
    let (code, _, err) = check(t.path(), &["--baseline", b.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("not a seamline baseline"), "{err}");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let schema_text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
    )
    .unwrap();
    // The published schema's `language` patterns (on `run` and `toolComponent`) have a stray
    // `]` that strict regex engines reject when compiling the schema; seamline emits neither
    // property, so they are replaced by the intended pattern (two letters, optionally `-` and
    // two more).
    let broken = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(schema_text.matches(broken).count(), 2);
    let schema_text = schema_text.replace(broken, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: serde_json::Value = serde_json::from_str(&schema_text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let t = tree(&[
        ("big.py", lines(600)),
        (
            "deep dir/funcs.py",
            format!("{}{}", function("frozen", 120), function("ok", 5)),
        ),
        (
            "gen.py",
            format!(
                "# seamline: allow(file_lines) reason=\"generated\"\n{}",
                lines(600)
            ),
        ),
        (
            "bad.py",
            format!("# seamline: allow(file_lines)\n{}", lines(3)),
        ),
    ]);
    let base = t.path().join("b.json");
    let b = base.to_str().unwrap();
    check(t.path(), &["--baseline", b]);
    std::fs::write(t.path().join("big.py"), lines(300)).unwrap();
    for extra in [
        &["--format", "sarif"][..],
        &["--format", "sarif", "--baseline", b][..],
    ] {
        let (code, out, err) = check(t.path(), extra);
        assert_eq!(code, 1, "{err}");
        let log: serde_json::Value = serde_json::from_str(&out).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "SARIF does not validate: {errors:#?}");
        let results = log["runs"][0]["results"].as_array().unwrap();
        let frozen = results
            .iter()
            .find(|r| r["ruleId"] == "function_lines")
            .unwrap();
        assert_eq!(frozen["level"], "error");
        let loc = &frozen["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], "deep%20dir/funcs.py");
        assert_eq!(loc["region"]["startLine"], 1);
        assert_eq!(loc["region"]["endLine"], 120);
        assert!(results.iter().any(|r| r["ruleId"] == "suppression"));
        assert!(results
            .iter()
            .any(|r| r["suppressions"][0]["justification"] == "generated"));
        if extra.len() > 2 {
            assert!(
                results.iter().any(|r| r["baselineState"] == "absent"),
                "big.py got fixed"
            );
            assert!(results.iter().any(|r| r["baselineState"] == "unchanged"));
        }
    }
}

#[test]
fn markdown_json_and_github_formats() {
    let t = tree(&[("a|b.py", lines(600)), ("w.py", lines(420))]);
    let (code, out, _) = check(t.path(), &["--format", "markdown"]);
    assert_eq!(code, 1);
    assert!(out.starts_with("### seamline check ❌ FAIL"), "{out}");
    assert!(out.contains("a\\|b.py"), "{out}");
    let (_, out, _) = check(t.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["failed"], true);
    assert_eq!(v["counts"]["freeze"], 1);
    assert_eq!(v["counts"]["watch"], 1);
    assert_eq!(v["judged"][0]["path"], "a|b.py");
    assert_eq!(v["judged"][0]["failing"], true);
    let (_, out, _) = check(t.path(), &["--format", "github"]);
    assert!(
        out.contains("::error file=a|b.py,title=seamline file_lines,line=1,endLine=600::a|b.py: FREEZE: file_lines 600/500 (120 %25)"),
        "{out}"
    );
    assert!(out.contains("::notice file=w.py"), "{out}");
}

#[test]
fn config_ignore_globs_and_language_filter_apply_to_the_scan() {
    let t = tree(&[
        ("src/app.py", lines(10)),
        ("src/gen/big.py", lines(900)),
        ("tools/huge.js", "let x = 1;\n".repeat(900)),
        (
            "script",
            format!("#!/usr/bin/env node\n{}", "let y = 2;\n".repeat(900)),
        ),
    ]);
    assert_eq!(check(t.path(), &[]).0, 1);
    std::fs::write(
        t.path().join(".seamline.toml"),
        "[scan]\nignore = [\"src/gen/**\"]\nlanguages = [\"python\"]\n",
    )
    .unwrap();
    let (code, out, err) = check(t.path(), &[]);
    assert_eq!(code, 0, "{out}{err}");
    let report = common::scan_json(t.path(), &[]);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["src/app.py"]);
}
