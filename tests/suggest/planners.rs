//! Each planner on a fixture made for it: split type (Rust impl and Python class), the
//! anti-pattern detectors, subdirectory organisation, extract function and consolidate
//! duplicates.

use serde_json::Value;

use super::{assert_groups_separate, fixture, piece_items, plans, suggest, suggest_json};

/// The editing methods (they use the buffer and cursor fields).
const CURSOR: &[&str] = &[
    "insert_char",
    "newline",
    "backspace",
    "move_left",
    "move_right",
    "move_down",
];
/// The undo/redo methods (they use the history fields).
const HISTORY: &[&str] = &[
    "checkpoint",
    "take_undo",
    "take_redo",
    "history_depth",
    "trim_history",
    "clear_history",
];

/// The split-type plan of a report, which must be the only plan.
fn split_type_plan(report: &Value) -> &Value {
    let all = plans(report);
    assert_eq!(all.len(), 1, "{report:#}");
    let plan = &all[0];
    assert_eq!(plan["pattern"], "split-type", "{plan:#}");
    plan
}

/// The plan's two groups are exactly the cursor methods and the history methods (the
/// constructor may join either).
fn assert_cursor_and_history_groups(plan: &Value, constructor: &str) {
    assert_eq!(plan["before"]["metric"], "type_methods");
    assert_eq!(plan["before"]["value"], 13);
    assert_eq!(plan["before"]["band"], "freeze");
    let pieces = piece_items(plan);
    assert_eq!(pieces.len(), 2, "{pieces:?}");
    assert_groups_separate(plan, &[CURSOR, HISTORY]);
    let mut all: Vec<&str> = pieces
        .iter()
        .flat_map(|(_, i)| i.iter().map(String::as_str))
        .collect();
    all.sort_unstable();
    let mut expected: Vec<&str> = CURSOR.iter().chain(HISTORY).copied().collect();
    expected.push(constructor);
    expected.sort_unstable();
    assert_eq!(all, expected);
    for p in plan["pieces"].as_array().expect("pieces") {
        assert_ne!(p["predicted_band"], "freeze", "{p}");
    }
}

#[test]
fn split_type_separates_a_rust_impl_by_the_fields_its_methods_use() {
    let tmp = fixture("split_type");
    let report = suggest_json(tmp.path(), &["editor.rs", "--limit", "type_methods=8"]);
    let plan = split_type_plan(&report);
    assert_eq!(plan["target"], "editor.rs:Session");
    assert_cursor_and_history_groups(plan, "new");
    // Addressed as FILE:ITEM, where `Session` names both the struct and its impl block.
    let by_item = suggest_json(
        tmp.path(),
        &["editor.rs:Session", "--limit", "type_methods=8"],
    );
    assert_cursor_and_history_groups(split_type_plan(&by_item), "new");
}

#[test]
fn split_type_separates_a_python_class_by_the_fields_its_methods_use() {
    let tmp = fixture("split_type");
    let report = suggest_json(tmp.path(), &["editor.py", "--limit", "type_methods=8"]);
    let plan = split_type_plan(&report);
    assert_eq!(plan["target"], "editor.py:Session");
    assert_cursor_and_history_groups(plan, "__init__");
    let by_item = suggest_json(
        tmp.path(),
        &["editor.py:Session", "--limit", "type_methods=8"],
    );
    assert_cursor_and_history_groups(split_type_plan(&by_item), "__init__");
}

#[test]
fn split_type_human_output_names_impl_items_once() {
    let tmp = fixture("rust_crate");
    let out = suggest(
        tmp.path(),
        &["src/calc.rs", "--force", "--limit", "file_lines=250"],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("impl Parser (158-204)"), "{text}");
    assert!(!text.contains("impl impl"), "{text}");
    assert!(text.contains("struct Parser (153-156)"), "{text}");
}

/// The findings of a report as (pattern, path, line).
fn findings(report: &Value) -> Vec<(String, String, u64)> {
    let mut out: Vec<(String, String, u64)> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["pattern"].as_str().expect("pattern").to_string(),
                f["path"].as_str().expect("path").to_string(),
                f["line"].as_u64().expect("line"),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn anti_patterns_in_python_name_file_and_line_and_spare_tests() {
    let tmp = fixture("antipatterns/py");
    let report = suggest_json(tmp.path(), &["shop", "--force"]);
    let found = findings(&report);
    let expected = vec![
        (
            "python-assert-validation".to_string(),
            "prices.py".to_string(),
            15,
        ),
        (
            "python-bare-except".to_string(),
            "prices.py".to_string(),
            10,
        ),
    ];
    assert_eq!(found, expected, "the test file's assert is not a finding");
    let bare = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["pattern"] == "python-bare-except")
        .expect("bare except");
    assert_eq!(bare["snippet"], "except:");
}

#[test]
fn anti_patterns_in_rust_flag_unwrap_outside_tests_only() {
    let tmp = fixture("antipatterns/rs");
    let report = suggest_json(tmp.path(), &["config.rs"]);
    let found = findings(&report);
    assert_eq!(
        found,
        vec![("rust-unwrap".to_string(), "config.rs".to_string(), 6)],
        "the unwrap in the tests module (line 14) is not a finding"
    );
    let out = suggest(tmp.path(), &["config.rs"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("config.rs:6  rust-unwrap"), "{text}");
}

#[test]
fn split_directory_groups_a_crowded_directory_into_subdirectories() {
    let tmp = fixture("crowded_dir");
    let report = suggest_json(tmp.path(), &["shapes", "--force"]);
    let plan = plans(&report)
        .iter()
        .find(|p| p["pattern"] == "split-directory")
        .unwrap_or_else(|| panic!("no split-directory plan: {report:#}"));
    let geometry: Vec<String> = (1..=11).map(|i| format!("geometry_{i:02}.py")).collect();
    let render: Vec<String> = (1..=11).map(|i| format!("render_{i:02}.py")).collect();
    let g: Vec<&str> = geometry.iter().map(String::as_str).collect();
    let r: Vec<&str> = render.iter().map(String::as_str).collect();
    assert_groups_separate(plan, &[&g, &r]);
}

#[test]
fn extract_function_names_a_block_with_its_lines_and_lower_complexity() {
    let tmp = fixture("long_function");
    let report = suggest_json(tmp.path(), &["billing.py:invoice_total", "--force"]);
    let plan = plans(&report)
        .iter()
        .find(|p| p["pattern"] == "extract-function")
        .unwrap_or_else(|| panic!("no extract-function plan: {report:#}"));
    let candidates = plan["details"]["candidates"]
        .as_array()
        .expect("candidates");
    let before = plan["before"]["value"].as_u64().expect("before");
    assert!(candidates.iter().any(|c| {
        c["start_line"].as_u64().is_some_and(|s| s >= 5)
            && c["end_line"].as_u64().is_some_and(|e| e <= 60)
            && c["after"]["cognitive"].as_u64().is_some_and(|a| a < before)
    }));
}

#[test]
fn consolidate_duplicates_names_both_copies() {
    let tmp = fixture("duplicates");
    let report = suggest_json(tmp.path(), &[".", "--force"]);
    let plan = plans(&report)
        .iter()
        .find(|p| p["pattern"] == "consolidate-duplicates")
        .unwrap_or_else(|| panic!("no consolidate-duplicates plan: {report:#}"));
    let text = plan.to_string();
    assert!(
        text.contains("csv_export.py") && text.contains("tsv_export.py"),
        "{plan:#}"
    );
}

#[test]
fn parallel_files_move_every_shared_method_into_one_base_module() {
    let tmp = fixture("parallel");
    let report = suggest_json(tmp.path(), &["billing"]);
    let plan = plans(&report)
        .iter()
        .find(|p| p["pattern"] == "parallel-files")
        .unwrap_or_else(|| panic!("no parallel-files plan: {report:#}"));
    let pieces = plan["pieces"].as_array().expect("pieces");
    let base = pieces
        .iter()
        .find(|p| p["stays"] == false)
        .expect("a new piece");
    assert_eq!(base["name"], "base_manager.py", "{plan:#}");
    // Every copy of the four shared methods, from each of the three managers, with its lines.
    let moved = base["items"].as_array().expect("items");
    assert_eq!(moved.len(), 12, "{base:#}");
    for m in moved {
        let short = m["name"].as_str().unwrap().rsplit('.').next().unwrap();
        assert!(
            ["__init__", "load", "save", "validate"].contains(&short),
            "{m}"
        );
        assert!(m["start_line"].as_u64().unwrap() > 5, "{m}");
    }
    // Each manager stays with what differs, measured: its lines less its copies.
    for name in ["user_manager.py", "order_manager.py", "invoice_manager.py"] {
        let stay = pieces.iter().find(|p| p["name"] == name).expect(name);
        let total = std::fs::read_to_string(tmp.path().join("billing").join(name))
            .unwrap()
            .lines()
            .count() as u64;
        let copies: u64 = moved
            .iter()
            .filter(|m| m["path"] == name)
            .map(|m| m["end_line"].as_u64().unwrap() - m["start_line"].as_u64().unwrap() + 1)
            .sum();
        assert_eq!(
            stay["predicted_lines"].as_u64(),
            Some(total - copies),
            "{stay:#}"
        );
        assert_eq!(stay["items"].as_array().map(Vec::len), Some(2), "{stay:#}");
    }
    // One copy of each: the largest `load` is 10 lines, so the base is more than 4 x 4 lines.
    let predicted = base["predicted_lines"].as_u64().unwrap();
    assert!((30..=40).contains(&predicted), "{base:#}");
    // formats.py has no role word and is in no piece.
    assert!(!plan.to_string().contains("formats.py"), "{plan:#}");
}
