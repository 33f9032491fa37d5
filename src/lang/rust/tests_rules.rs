//! Hand-checked cases for each counting rule of `docs/metrics.md` ("Rust (syn)") that the
//! white paper's examples do not reach: match guards, `let … else`, `while let`, labels, `?`,
//! closures, async blocks, macros, nested items, parameters.

use super::tests_complexity::metrics;
use crate::model::facts::FnMetrics;

fn m(cyclomatic: u32, cognitive: u32, params: u32, nesting: u32, line: u32) -> FnMetrics {
    FnMetrics {
        cyclomatic,
        cognitive,
        params,
        nesting,
        nesting_line: line,
    }
}

#[test]
fn match_arms_beyond_the_first_and_guards_are_decisions() {
    let src = "
fn classify(x: i32, flag: bool) -> u8 {
    match x {
        0 => 1,
        n if n > 10 => 2,
        n if n < 0 && flag => 3,
        _ => 4,
    }
}
";
    // Cyclomatic: 3 extra arms + 2 guards + 1 `&&` + 1. Cognitive: the match +1, `&&` +1.
    assert_eq!(metrics(src, "classify"), m(7, 2, 2, 1, 3));
}

#[test]
fn let_else_is_a_conditional() {
    let src = "
fn first(v: &[u8]) -> u8 {
    let Some(x) = v.first() else {
        return 0;
    };
    *x
}
";
    assert_eq!(metrics(src, "first"), m(2, 1, 1, 1, 3));
}

#[test]
fn loops_while_let_and_labelled_breaks() {
    let src = "
fn drain(q: &mut Vec<u32>) -> u32 {
    let mut n = 0;
    'outer: loop {                      // +1
        while let Some(x) = q.pop() {   // +2 (nesting = 1)
            if x == 0 {                 // +3 (nesting = 2)
                break 'outer;           // +1
            }
            n += x;
        }
        break;                          // no label: +0
    }
    n
}
";
    assert_eq!(metrics(src, "drain"), m(4, 7, 1, 3, 6));
}

#[test]
fn question_marks_and_returns_are_not_counted() {
    let src = "
fn load(path: &Path) -> io::Result<String> {
    let text = fs::read_to_string(path)?;
    let n = text.parse::<u32>().map_err(to_io)?;
    if n == 0 {
        return Ok(String::new());
    }
    Ok(text)
}
";
    assert_eq!(metrics(src, "load"), m(2, 1, 1, 1, 5));
}

#[test]
fn closures_belong_to_their_function_one_level_deeper() {
    let src = "
fn total(items: &[Item]) -> u32 {
    items
        .iter()
        .filter(|x| x.ok && x.n > 2)
        .map(|x| if x.n > 5 { 1 } else { 0 })
        .sum()
}
";
    // Cyclomatic: `&&`, `if`. Cognitive: `&&` +1, `if` in a closure +2, `else` +1.
    assert_eq!(metrics(src, "total"), m(3, 4, 1, 2, 6));
}

#[test]
fn async_blocks_nest_like_closures() {
    let src = "
async fn run(a: bool) {
    let task = async move {
        for _ in 0..3 {
            tick().await;
        }
    };
    task.await;
}
";
    assert_eq!(metrics(src, "run"), m(2, 2, 1, 2, 4));
}

#[test]
fn nested_functions_are_measured_on_their_own() {
    let src = "
fn outer(a: bool) -> u8 {
    fn inner(b: bool) -> u8 {
        if b {
            if !b {
                return 2;
            }
        }
        1
    }
    if a {
        inner(a)
    } else {
        0
    }
}
";
    assert_eq!(metrics(src, "outer"), m(2, 2, 1, 1, 11));
    assert_eq!(metrics(src, "inner"), m(3, 3, 1, 2, 5));
}

#[test]
fn else_if_ladders_stay_at_one_level_and_else_blocks_nest() {
    let src = "
fn ladder(x: u8) -> u8 {
    if x == 0 {
        0
    } else if x == 1 {
        1
    } else if x == 2 {
        2
    } else {
        if x > 100 {
            return 100;
        }
        3
    }
}
";
    // Cognitive: if +1, two else ifs +1 each, else +1, the inner if +2 (nesting = 1).
    assert_eq!(metrics(src, "ladder"), m(5, 6, 1, 2, 10));
}

#[test]
fn parenthesised_like_operators_are_one_sequence() {
    let src = "
fn check(a: bool, b: bool, c: bool) -> bool {
    let same = a && (b && c);
    let mixed = a && (b || c);
    same || mixed
}
";
    // Cognitive: 1 + 2 + 1. Cyclomatic: 5 operators + 1.
    assert_eq!(metrics(src, "check"), m(6, 4, 3, 0, 0));
}

#[test]
fn macro_arguments_are_opaque() {
    let src = "
fn asserts(a: bool, b: bool) {
    assert!(a && b);
    println!(\"{}\", if a { 1 } else { 2 });
}
";
    assert_eq!(metrics(src, "asserts"), m(1, 0, 2, 0, 0));
}

#[test]
fn receivers_and_patterns_in_parameters() {
    let src = "
struct S;
impl S {
    fn f(&mut self, a: u8, (b, c): (u8, u8), _: u8) {}
    fn g(self: Box<Self>) {}
}
trait T {
    fn required(&self, x: u32, y: u32) -> u32;
}
";
    assert_eq!(metrics(src, "f"), m(1, 0, 3, 0, 0));
    assert_eq!(metrics(src, "g"), m(1, 0, 0, 0, 0));
    assert_eq!(metrics(src, "required"), m(1, 0, 2, 0, 0));
}
