//! Cohesive groups: a file over the default line limit made of separate concerns is split
//! along them, no piece mixing items of two concerns.

use super::{assert_groups_separate, fixture, piece_items, suggest_json, top_plan};

/// The configuration items of `cohesive/server.rs`.
const RUST_CONFIG: &[&str] = &[
    "MAX_CONFIG_LINE",
    "DEFAULT_SECTION",
    "ConfigError",
    "ConfigValue",
    "impl ConfigValue",
    "unquote",
    "Config",
    "impl Config",
    "section_header",
    "strip_comment",
    "valid_key",
    "config_error",
];
/// The routing items of `cohesive/server.rs`.
const RUST_ROUTER: &[&str] = &[
    "MAX_SEGMENTS",
    "Method",
    "Request",
    "Response",
    "Segment",
    "Route",
    "impl Route",
    "Router",
    "impl Router",
    "compile_pattern",
    "split_path",
    "normalise_path",
    "parse_query",
    "percent_decode",
];
/// The rate-limiting items of `cohesive/server.rs`.
const RUST_LIMITER: &[&str] = &[
    "MAX_CLIENTS",
    "Bucket",
    "impl Bucket",
    "Verdict",
    "RateLimiter",
    "impl RateLimiter",
    "client_key",
    "seconds",
];

/// The configuration items of `cohesive/server.py`.
const PY_CONFIG: &[&str] = &[
    "MAX_CONFIG_LINE",
    "DEFAULT_SECTION",
    "KEY_RE",
    "ConfigError",
    "unquote",
    "parse_value",
    "strip_comment",
    "valid_key",
    "section_header",
    "Config",
    "format_value",
    "quote_if_needed",
    "config_to_text",
    "load_config",
];
/// The routing items of `cohesive/server.py`.
const PY_ROUTER: &[&str] = &[
    "MAX_SEGMENTS",
    "METHODS",
    "Request",
    "Response",
    "Segment",
    "Route",
    "Router",
    "build_path",
    "compile_pattern",
    "split_path",
    "normalise_path",
    "parse_query",
];
/// The rate-limiting items of `cohesive/server.py`.
const PY_LIMITER: &[&str] = &[
    "MAX_CLIENTS",
    "Bucket",
    "Verdict",
    "RateLimiter",
    "client_key",
    "SlidingWindow",
];

/// Plans `cohesive/FILE` with the default limits and checks the top plan keeps the three
/// concerns apart, every piece below the freeze band.
fn assert_concerns_apart(file: &str, groups: &[&[&str]]) {
    let tmp = fixture("cohesive");
    let report = suggest_json(tmp.path(), &[file]);
    let plan = top_plan(&report);
    assert_eq!(plan["pattern"], "extract-module", "{plan:#}");
    assert_eq!(plan["before"]["limit"], 500, "the default limit applies");
    assert!(plan["before"]["value"].as_u64().expect("lines") > 500);
    assert_groups_separate(plan, groups);
    let pieces = piece_items(plan);
    assert!(
        pieces.len() >= 3,
        "three concerns, three pieces at least: {pieces:?}"
    );
    for p in plan["pieces"].as_array().expect("pieces") {
        assert_ne!(p["predicted_band"], "freeze", "{p}");
    }
}

#[test]
fn rust_file_of_three_concerns_is_split_along_them() {
    assert_concerns_apart("server.rs", &[RUST_CONFIG, RUST_ROUTER, RUST_LIMITER]);
}

#[test]
fn python_module_of_three_concerns_is_split_along_them() {
    assert_concerns_apart("server.py", &[PY_CONFIG, PY_ROUTER, PY_LIMITER]);
}
