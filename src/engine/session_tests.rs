use super::*;
use crate::bands::DefaultPolicy;
use crate::model::facts::{Component, ComponentKind, FileFacts, FnMetrics, LineCounts};
use crate::model::Model;

fn counts(n: u32) -> LineCounts {
    LineCounts {
        total: n,
        code: n,
        comment: 0,
        blank: 0,
    }
}

fn func(kind: ComponentKind, name: &str, start: u32, len: u32) -> Component {
    let mut c = Component::new(kind, name, name, start, start + len - 1);
    c.lines = counts(len);
    c.metrics = Some(FnMetrics {
        cyclomatic: 1,
        ..FnMetrics::default()
    });
    c
}

fn file(lines: u32, components: Vec<Component>) -> FileFacts {
    FileFacts {
        language: crate::lang::Language::Rust,
        bytes: 0,
        hash: u64::from(lines),
        lines: counts(lines),
        parse_error: None,
        lines_only: false,
        lossy_utf8: false,
        components,
        suppressions: Vec::new(),
    }
}

/// An impl block with two methods, spanning `start..start+len`.
fn parser_impl(start: u32) -> Component {
    let mut imp = Component::new(ComponentKind::Impl, "Parser", "Parser", start, start + 59);
    imp.lines = counts(60);
    imp.methods = Some(2);
    imp.children = vec![
        func(ComponentKind::Method, "parse", start + 1, 30),
        func(ComponentKind::Method, "Parser::next", start + 32, 20),
    ];
    imp.children[0].qualified_name = "Parser::parse".into();
    imp
}

#[test]
fn an_extraction_shows_bands_crossed_items_moved_and_files_created() {
    let policy = DefaultPolicy::default();
    let mut m = Model::new();
    // app.rs: 520 lines (freeze), holding `run` (105 lines, freeze) and an impl Parser.
    let app = file(
        520,
        vec![
            func(ComponentKind::Function, "run", 1, 105),
            parser_impl(200),
        ],
    );
    m.upsert_file("src/app.rs", app).unwrap();
    m.upsert_file("src/old.rs", file(12, vec![])).unwrap();
    let session = Session::start(m.snapshot(), &policy);

    // The impl block moves to a new file, `run` shrinks, old.rs goes.
    let app = file(430, vec![func(ComponentKind::Function, "run", 1, 90)]);
    m.upsert_file("src/app.rs", app).unwrap();
    m.upsert_file("src/parser.rs", file(70, vec![parser_impl(5)]))
        .unwrap();
    m.remove("src/old.rs");
    let d = session.delta(&m, &policy);

    let improved: Vec<String> = d.improved.iter().map(|n| n.key.subject(0)).collect();
    assert_eq!(improved, ["src/app.rs", "src/app.rs:0 function run"]);
    let app = &d.improved[0];
    let (before, after) = (app.before.clone().unwrap(), app.after.clone().unwrap());
    assert_eq!(
        (before.band, before.value, before.limit),
        (Band::Freeze, 520, 500)
    );
    assert_eq!((after.band, after.value), (Band::Watch, 430));
    assert!(d.worsened.is_empty(), "{:?}", d.worsened);

    assert_eq!(d.moved.len(), 1, "{:?}", d.moved);
    let mv = &d.moved[0];
    assert_eq!(
        (
            mv.node,
            mv.item.as_str(),
            mv.from.as_str(),
            mv.to.as_str(),
            mv.lines,
            mv.nested
        ),
        ("impl", "Parser", "src/app.rs", "src/parser.rs", 60, 2)
    );
    assert_eq!(d.lines_moved, 60);
    assert_eq!(
        d.created,
        vec![FileDelta {
            path: "src/parser.rs".into(),
            lines: 70,
            band: Band::Ok
        }]
    );
    assert_eq!(d.removed.len(), 1);
    assert_eq!((d.lines_added, d.lines_removed), (70, 90 + 12));
    assert_eq!((d.before.files, d.after.files), (2, 2));
    assert_eq!((d.before.freeze, d.after.freeze), (2, 0));

    let md = session.summary_markdown(&m, &policy);
    assert!(md.starts_with("## seamline: refactor session"), "{md}");
    assert!(
        md.contains("| `src/app.rs` | **freeze** (file_lines 520/500) | watch (file_lines 430/500) | better: freeze → watch |"),
        "{md}"
    );
    assert!(
        md.contains("| impl `Parser` (+2 nested) | `src/app.rs` | `src/parser.rs` | 60 |"),
        "{md}"
    );
    assert!(md.contains("- `src/parser.rs` (70 lines)"), "{md}");
    assert!(md.contains("| nodes in freeze | 2 | 0 |"), "{md}");
}

#[test]
fn a_function_appearing_in_a_band_is_a_worsening() {
    let policy = DefaultPolicy::default();
    let mut m = Model::new();
    m.upsert_file("a.rs", file(50, vec![])).unwrap();
    let session = Session::start(m.snapshot(), &policy);
    m.upsert_file(
        "a.rs",
        file(150, vec![func(ComponentKind::Function, "big", 1, 120)]),
    )
    .unwrap();
    let d = session.delta(&m, &policy);
    assert_eq!(d.worsened.len(), 1);
    assert!(d.worsened[0].before.is_none());
    assert_eq!(
        d.worsened[0].after.as_ref().map(|a| a.band),
        Some(Band::Freeze)
    );
    let md = super::super::summary::markdown(&d);
    assert!(md.contains("worse: (new) → freeze"), "{md}");
}
