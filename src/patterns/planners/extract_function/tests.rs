//! Hand-checked def/use, escapes, complexity and scores on small functions.

use super::blocks::{self, Block};
use super::build::{name_of, score};
use super::flow;
use super::measure::measure;
use super::syntax::{self, Syntax};
use crate::lang::Language;
use crate::patterns::ts;

/// Runs `check` with the first function of `src` and its body.
fn with_fn(lang: Language, src: &str, check: impl FnOnce(&'static Syntax, tree_sitter::Node<'_>)) {
    let syn = syntax::of(lang).expect("syntax");
    let tree = ts::parse(lang, src).expect("parse");
    let mut found = None;
    ts::walk(tree.root_node(), |n, _| {
        if found.is_none() && syn.functions.contains(&n.kind()) {
            found = Some(n);
        }
        found.is_none()
    });
    check(syn, found.expect("function"));
}

fn find<'t>(cands: &[Block<'t>], kind: &str, start: u32) -> Block<'t> {
    cands
        .iter()
        .find(|b| b.kind == kind && b.lines().0 == start)
        .cloned()
        .unwrap_or_else(|| panic!("no {kind} at {start}: {cands:?}"))
}

const PY: &str = "def f(a, b):
    x = a + 1
    for i in range(b):
        y = x * i
        x = y
    return x
";

#[test]
fn python_loop_body_reads_x_and_i_and_hands_back_x() {
    with_fn(Language::Python, PY, |syn, f| {
        let body = f.child_by_field_name("body").expect("body");
        let cands = blocks::candidates(syn, body);
        let b = find(&cands, "loop body", 4);
        assert_eq!(b.lines(), (4, 5));
        let occ = flow::occurrences(syn, f, PY);
        let (ins, outs) = flow::signature(&occ, &b.bytes(), &f.byte_range());
        assert_eq!(ins, ["i", "x"]);
        assert_eq!(outs, ["x"]);
        assert!(flow::escapes(syn, &b.nodes).is_empty());
    });
}

#[test]
fn python_statement_run_binding_x_outputs_it() {
    with_fn(Language::Python, PY, |syn, f| {
        let body = f.child_by_field_name("body").expect("body");
        let b = find(&blocks::candidates(syn, body), "statements", 2);
        // Lines 2-5: `x = ...` and the loop; `a` and `b` come in, `x` is returned after.
        assert_eq!(b.lines(), (2, 5));
        let occ = flow::occurrences(syn, f, PY);
        let (ins, outs) = flow::signature(&occ, &b.bytes(), &f.byte_range());
        assert_eq!(ins, ["a", "b"]);
        assert_eq!(outs, ["x"]);
    });
}

#[test]
fn python_break_escapes_a_loop_body_but_not_the_loop() {
    let src = "def g(xs):\n    for x in xs:\n        if x:\n            break\n        print(x)\n    return 1\n";
    with_fn(Language::Python, src, |syn, f| {
        let body = f.child_by_field_name("body").expect("body");
        let cands = blocks::candidates(syn, body);
        let inner = find(&cands, "loop body", 3);
        assert_eq!(flow::escapes(syn, &inner.nodes), ["break"]);
        let for_stmt = body.named_child(0).expect("for");
        assert!(flow::escapes(syn, &[for_stmt]).is_empty());
    });
}

#[test]
fn python_nested_if_in_loop_is_cognitive_three() {
    // for: 1; if inside it: 1 + 1 nesting. Two decisions; nesting 2.
    let src = "def h(xs):\n    for x in xs:\n        if x:\n            print(x)\n";
    with_fn(Language::Python, src, |syn, f| {
        let body = f.child_by_field_name("body").expect("body");
        let m = measure(syn, &[body], 0, &[]);
        assert_eq!((m.decisions, m.cognitive, m.nesting), (2, 3, 2));
        let cut = measure(syn, &[body], 0, &[body.byte_range()]);
        assert_eq!(cut.cognitive, 0);
    });
}

const RS: &str = "fn p(v: &[i32]) -> Result<i32, String> {
    let mut t = 0;
    for x in v {
        if *x > 9 {
            return Err(String::new());
        }
        t += x;
    }
    let s: i32 = t.to_string().parse().map_err(|_| String::new())?;
    Ok(s + t)
}
";

#[test]
fn rust_loop_body_returns_and_the_tail_is_never_a_candidate() {
    with_fn(Language::Rust, RS, |syn, f| {
        let body = f.child_by_field_name("body").expect("body");
        let cands = blocks::candidates(syn, body);
        let lb = find(&cands, "loop body", 3);
        assert_eq!(lb.lines(), (3, 8));
        assert_eq!(flow::escapes(syn, &lb.nodes), ["return"]);
        let occ = flow::occurrences(syn, f, RS);
        let scope = lb.nodes[0].parent().expect("loop").byte_range();
        let (ins, outs) = flow::signature(&occ, &lb.bytes(), &scope);
        assert_eq!(ins, ["t", "x"]);
        assert_eq!(outs, ["t"]);
        assert!(
            cands.iter().all(|b| b.lines().1 < 10),
            "the tail `Ok(..)` is the value"
        );
        let run = find(&cands, "statements", 3);
        assert!(flow::escapes(syn, &run.nodes).contains(&"?".to_string()) || run.lines().1 < 9);
    });
}

#[test]
fn score_and_name_by_hand() {
    // (4 removed + 10 lines / 10) / (1 + 2 + 2 × 1) = 1.0
    assert_eq!(score(4, 10, 2, 1), 1.0);
    // (3 + 0.5) / 1 = 3.5
    assert_eq!(score(3, 5, 0, 0), 3.5);
    let bag = crate::patterns::naming::bag([("line_price", 2.0), ("price", 1.0), ("tax", 1.0)]);
    assert_eq!(name_of(&bag, "helper"), "price_line");
    assert_eq!(name_of(&Default::default(), "helper"), "helper");
}

#[test]
fn unknown_language_and_garbage_do_not_panic() {
    assert!(syntax::of(Language::Go).is_none());
    with_fn(Language::Python, "def f(:\n  for\n", |syn, f| {
        if let Some(body) = f.child_by_field_name("body") {
            let _ = blocks::candidates(syn, body);
            let _ = measure(syn, &[body], 0, &[]);
        }
    });
}

#[test]
fn the_body_without_a_block_is_measured_the_same_by_subtraction() {
    let src = "def g(rows, limit):
    total = 0
    for r in rows:
        if r and r.ok:
            for c in r.cells:
                if c > limit or c < 0:
                    continue
                elif c == 3:
                    total += 1
                else:
                    total += c
        while total > limit:
            total -= 1
    try:
        return total if total else None
    except ValueError:
        return 0
";
    with_fn(Language::Python, src, |syn, f| {
        let body = f.child_by_field_name("body").expect("body");
        let parts = super::measure::Contributions::of(syn, body);
        assert_eq!(parts.without(&[]), measure(syn, &[body], 0, &[]));
        let blocks = blocks::candidates(syn, body);
        assert!(blocks.len() >= 5, "{blocks:?}");
        for b in &blocks {
            let cut = [b.bytes()];
            assert_eq!(parts.without(&cut), measure(syn, &[body], 0, &cut), "{b:?}");
        }
        let two: Vec<_> = blocks.iter().take(2).map(|b| b.bytes()).collect();
        assert_eq!(parts.without(&two), measure(syn, &[body], 0, &two));
    });
}
