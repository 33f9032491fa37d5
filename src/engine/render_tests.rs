use std::time::Duration;

use super::*;
use crate::bands::Metric;

fn change() -> BandChange {
    BandChange {
        path: "src/app.rs".into(),
        node: "file",
        item: None,
        line: 0,
        from: Band::Review,
        to: Band::Freeze,
        metric: Metric::FileLines,
        value: 503,
        limit: 500,
        previous: Some(472),
        appeared: false,
        vanished: false,
        construct: None,
        why: vec!["src/app.rs".into()],
    }
}

fn batch(changes: Vec<Change>, omitted: usize) -> Notice {
    Notice::Batch(Batch {
        generation: 7,
        paths: 1,
        updated: 1,
        created: 0,
        removed: 0,
        unchanged: 0,
        changes,
        omitted,
        rescan: false,
        reason: None,
        elapsed: Duration::from_millis(3),
    })
}

#[test]
fn human_band_lines_read_like_the_issue_says() {
    assert_eq!(
        band_line(&change()),
        "src/app.rs  472 → 503 lines  review → FREEZE (file_lines 503/500)"
    );
    let better = BandChange {
        from: Band::Freeze,
        to: Band::Watch,
        value: 430,
        previous: Some(503),
        ..change()
    };
    assert_eq!(
        band_line(&better),
        "src/app.rs  503 → 430 lines  freeze → watch (file_lines 430/500)"
    );
    let cognitive = BandChange {
        path: "src/p.rs".into(),
        node: "method",
        item: Some("Parser::parse".into()),
        line: 40,
        from: Band::Watch,
        to: Band::Freeze,
        metric: Metric::Cognitive,
        value: 16,
        limit: 15,
        previous: Some(12),
        ..change()
    };
    assert_eq!(
        band_line(&cognitive),
        "src/p.rs:40 method Parser::parse  cognitive 12 → 16  watch → FREEZE (cognitive 16/15)"
    );
    let new = BandChange {
        appeared: true,
        previous: None,
        from: Band::Ok,
        ..cognitive.clone()
    };
    assert_eq!(
        band_line(&new),
        "src/p.rs:40 method Parser::parse  new, cognitive 16  → FREEZE (cognitive 16/15)"
    );
    let dir = BandChange {
        path: String::new(),
        node: "directory",
        metric: Metric::TopLevelDomains,
        from: Band::Watch,
        to: Band::Review,
        value: 8,
        limit: 8,
        previous: Some(7),
        ..change()
    };
    assert!(band_line(&dir).starts_with("(root)  7 → 8 domains"));
}

#[test]
fn why_is_added_on_request_and_names_are_sanitised() {
    let r = Renderer {
        format: Format::Human,
        why: true,
        root: ".".into(),
    };
    let evil = BandChange {
        path: "src/\u{1b}[31mx.rs".into(),
        why: vec!["a\u{1b}.rs".into()],
        ..change()
    };
    let lines = r.lines(&batch(vec![Change::Band(evil)], 0));
    assert_eq!(
        lines,
        ["src/\\u{1b}[31mx.rs  472 → 503 lines  review → FREEZE (file_lines 503/500)  ← a\\u{1b}.rs"]
    );
    let quiet = Renderer { why: false, ..r };
    let lines = quiet.lines(&batch(vec![Change::Band(change())], 2));
    assert_eq!(lines.len(), 2);
    assert!(
        lines[1].starts_with("…  2 more changes in this batch"),
        "{}",
        lines[1]
    );
}

#[test]
fn json_events_carry_the_documented_fields() {
    let r = Renderer {
        format: Format::Json,
        why: true,
        root: "repo".into(),
    };
    let lines = r.lines(&batch(vec![Change::Band(change())], 0));
    assert_eq!(lines.len(), 1);
    let v: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(
        v,
        json!({"event": "band", "path": "src/app.rs", "node": "file", "from": "review",
               "to": "freeze", "metric": "file_lines", "value": 503, "limit": 500,
               "previous": 472, "why": ["src/app.rs"]})
    );
    let entry = Entry {
        path: "src/new.rs".into(),
        node: "file",
        lines: 12,
        files: None,
        components: 1,
        band: Band::Ok,
        driver: None,
        why: Vec::new(),
    };
    let lines = r.lines(&batch(vec![Change::Created(entry)], 3));
    let created: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(created["event"], "created");
    assert_eq!(created["lines"], 12);
    let summary: Value = serde_json::from_str(&lines[1]).unwrap();
    assert_eq!(
        (summary["event"].as_str(), summary["omitted"].as_u64()),
        (Some("batch"), Some(3))
    );
}

#[test]
fn json_lines_escape_terminal_controls_and_keep_the_data() {
    let v = json!({"path": "a\u{9b}b\u{202e}c\u{1b}"});
    let line = json_line(&v);
    assert_eq!(line, r#"{"path":"a\u009bb\u202ec\u001b"}"#);
    let back: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(back, v);
}
