//! Broken repository pattern files: the embedded library still plans, and the errors name the
//! file and the line in the JSON report and on stderr.

use super::{fixture, plans, suggest, suggest_json};

/// A TOML syntax error on line 6 (a missing comma in an array).
const SYNTAX_ERROR: &str = "[[pattern]]\n\
id = \"my-split\"\n\
name = \"My split\"\n\
applies_to = \"file\"\n\
planner = \"extract_module\"\n\
steps = [\"first\" \"second\"]\n";

/// Valid TOML, but line 3 has a key no pattern has.
const UNKNOWN_FIELD: &str = "[[pattern]]\n\
id = \"extract-module\"\n\
flavour = \"spicy\"\n";

#[test]
fn bad_pattern_files_are_reported_and_the_embedded_library_still_plans() {
    let tmp = fixture("rust_crate");
    let dir = tmp.path().join(".seamline/patterns");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("bad.toml"), SYNTAX_ERROR).expect("write");
    std::fs::write(dir.join("unknown.toml"), UNKNOWN_FIELD).expect("write");
    let args = [".", "--force", "--limit", "file_lines=250"];

    let report = suggest_json(tmp.path(), &args);
    assert!(
        plans(&report)
            .iter()
            .any(|p| p["pattern"] == "extract-module"),
        "the embedded extract-module pattern still plans: {report:#}"
    );
    let errors = report["pattern_errors"].as_array().expect("pattern_errors");
    assert_eq!(errors.len(), 2, "{errors:#?}");
    let bad = errors
        .iter()
        .find(|e| e["file"].as_str().is_some_and(|f| f.ends_with("bad.toml")))
        .expect("bad.toml reported");
    assert_eq!(bad["line"], 6, "{bad}");
    let unknown = errors
        .iter()
        .find(|e| {
            e["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("unknown.toml"))
        })
        .expect("unknown.toml reported");
    assert_eq!(unknown["line"], 3, "{unknown}");
    assert!(
        unknown["message"]
            .as_str()
            .expect("message")
            .contains("flavour"),
        "{unknown}"
    );

    let out = suggest(tmp.path(), &args);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml:6:"), "{stderr}");
    assert!(stderr.contains("unknown.toml:3:"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("bad.toml:6:"),
        "notes in the report: {stdout}"
    );
    assert!(
        stdout.contains("unknown.toml:3:"),
        "notes in the report: {stdout}"
    );
    assert!(stdout.contains("[extract-module]"), "{stdout}");
}

#[test]
fn bad_pattern_files_are_reported_for_a_file_in_a_subdirectory() {
    let tmp = fixture("rust_crate");
    let dir = tmp.path().join(".seamline/patterns");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("bad.toml"), SYNTAX_ERROR).expect("write");
    let report = suggest_json(
        tmp.path(),
        &["src/calc.rs", "--force", "--limit", "file_lines=250"],
    );
    let errors = report["pattern_errors"].as_array().expect("pattern_errors");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(errors[0]["line"], 6);
}
