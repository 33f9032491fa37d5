//! The refactor session on a real tree: an extraction in progress (a function moved to a new
//! file) shows in the delta and in the Markdown summary; the first snapshot is lines-only.

use crate::support as watch_support;

use seamline::engine::Notice;
use watch_support::Harness;

/// A Rust file: `big` (110 lines, over the 100-line function limit) and `small`.
fn app(with_big: bool) -> String {
    let mut s = String::from("pub fn small() -> u32 {\n    1\n}\n");
    if with_big {
        s.push_str("pub fn big() -> u32 {\n    let mut x = 0;\n");
        for i in 0..106 {
            s.push_str(&format!("    x += {i};\n"));
        }
        s.push_str("    x\n}\n");
    }
    s
}

#[test]
fn an_extraction_in_progress_shows_in_the_session() {
    let mut h = Harness::start(
        |root| watch_support::write(root, "src/app.rs", &app(true)),
        |_| {},
    );
    let early = h
        .seen
        .iter()
        .position(|n| matches!(n, Notice::Early { .. }));
    let ready = h.seen.iter().position(|n| matches!(n, Notice::Ready(_)));
    assert!(
        early.is_some() && early < ready,
        "a lines-only snapshot comes first"
    );

    // Extract `big` into its own file.
    watch_support::write(
        &h.root,
        "src/big.rs",
        &app(true).replace("pub fn small() -> u32 {\n    1\n}\n", ""),
    );
    watch_support::write(&h.root, "src/app.rs", &app(false));
    h.wait_model("extraction", |p| {
        p.snapshot.lookup("src/big.rs").is_some() && p.snapshot.totals().lines.total == 3 + 110
    });
    let delta = h.engine.latest().delta().expect("session");
    assert_eq!(delta.moved.len(), 1, "{:?}", delta.moved);
    let m = &delta.moved[0];
    assert_eq!(
        (
            m.node,
            m.item.as_str(),
            m.from.as_str(),
            m.to.as_str(),
            m.lines
        ),
        ("function", "big", "src/app.rs", "src/big.rs", 110)
    );
    assert_eq!(delta.lines_moved, 110);
    assert_eq!(delta.created.len(), 1);
    assert!(
        delta.worsened.is_empty() && delta.improved.is_empty(),
        "{delta:#?}"
    );
    assert_eq!((delta.before.freeze, delta.after.freeze), (1, 1));
    let md = h.engine.latest().session.as_ref().map(|s| {
        let p = h.engine.latest();
        s.summary_markdown(&p.snapshot, p.config.as_ref())
    });
    let md = md.expect("markdown");
    assert!(
        md.contains("| function `big` | `src/app.rs` | `src/big.rs` | 110 |"),
        "{md}"
    );
    assert!(md.contains("- `src/big.rs` (110 lines)"), "{md}");
}
