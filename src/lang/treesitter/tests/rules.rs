//! Single counting rules checked across grammars: logical operator sequences, header fields,
//! `match` arms and guards, `let ... else`, methods declared outside their type.

use super::{analyze, cognitive, metrics, outline};
use crate::lang::Language;

#[test]
fn logical_sequences_follow_source_order_through_parentheses() {
    // Source order: ||, &&, || is three runs (the `&&` sits inside the right operand of the
    // first `||`); parentheses do not start a new sequence; negation does.
    let js = "function f(a, b, c, d) {
  x = a || b && c || d;
  y = a && (b && c);
  z = a && !(b && c);
  w = a ?? b ?? c;
}";
    let a = analyze(Language::JavaScript, js);
    // 3 + 1 + 2 + 1 = 7 cognitive; 3 + 2 + 2 + 2 = 9 operators.
    assert_eq!(metrics(&a, "f"), (10, 7, 4, 0, 0));
    let java = "class A { boolean f() { return a || b && c || d; } }";
    assert_eq!(
        metrics(&analyze(Language::Java, java), "A.f"),
        (4, 3, 0, 0, 0)
    );
    let py = "def f():\n    return a or b and c or d\n";
    assert_eq!(
        metrics(&analyze(Language::Python, py), "f"),
        (4, 3, 0, 0, 0)
    );
    // `and` and `&&` are one operator in C++.
    let cpp = "bool f(bool a, bool b, bool c) { return a and b && c; }";
    assert_eq!(metrics(&analyze(Language::Cpp, cpp), "f"), (3, 1, 3, 0, 0));
}

#[test]
fn headers_are_read_at_the_structure_level() {
    // The lambda in the `for` header is not inside the loop: its `if` scores +2 (lambda), not +3.
    let js = "function f(xs) {
  for (const x of xs.filter((y) => { if (y) { return 1; } })) {
    if (x) { g(); }
  }
}";
    let a = analyze(Language::JavaScript, js);
    // for +1, the header lambda's if +2, the body's if +2.
    assert_eq!(cognitive(&a, "f"), 5);
    // The ternary in the `if` condition is at level 0: +1.
    let c = "int f(int a) { if (a ? 1 : 0) { return 1; } return 0; }";
    assert_eq!(cognitive(&analyze(Language::C, c), "f"), 2);
}

#[test]
fn rust_match_let_else_and_async_follow_the_syn_rules() {
    let src = "fn f(x: Option<u8>, r: Result<u8, E>) -> u8 {
    let Some(v) = x else {
        return 0;
    };
    let fut = async {
        if v > 1 { 1 } else { 2 }
    };
    match r {
        Ok(n) if n > v => n,
        Ok(n) => n + 1,
        Err(_) => 0,
    }
}";
    let a = analyze(Language::Rust, src);
    assert_eq!(a.parse_error, None);
    // let-else: +1 decision, +1 cognitive; the async block nests its if (+2) and else (+1);
    // match: 3 arms = 2 decisions, 1 guard, +1 cognitive.
    // Cyclomatic 1 + 1 (if) + 2 + 1 + 1 = 6; cognitive 1 + 2 + 1 + 1 = 5.
    // Depth: the if inside the async block (level 1, line 6).
    assert_eq!(metrics(&a, "f"), (6, 5, 2, 2, 6));
}

#[test]
fn rust_inherent_impl_methods_count_on_the_type_in_the_same_scope() {
    let src = "struct Point { x: f64 }
impl Point {
    fn new() -> Self { Point { x: 0.0 } }
    fn norm(&self) -> f64 { self.x.abs() }
}
impl Default for Point {
    fn default() -> Self { Point::new() }
}
impl Point {
    fn zero() -> Self { Self::new() }
}
mod shapes {
    pub enum Shape { Dot }
    impl Shape {
        pub fn area(&self) -> f64 { 0.0 }
    }
    impl super::Point {}
}
";
    let a = analyze(Language::Rust, src);
    assert_eq!(
        outline(&a),
        [
            "struct Point 1-1 methods=3",
            "impl Point 2-5 methods=2",
            "method Point::new 3-3",
            "method Point::norm 4-4",
            "impl <Point as Default> 6-8 methods=1",
            "method <Point as Default>::default 7-7",
            "impl Point 9-11 methods=1",
            "method Point::zero 10-10",
            "module shapes 12-18",
            "enum shapes::Shape 13-13 methods=1",
            "impl shapes::Shape 14-16 methods=1",
            "method shapes::Shape::area 15-15",
            "impl shapes::super::Point 17-17 methods=0",
        ]
    );
    let names: Vec<&str> = a.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Point",
            "impl Point",
            "impl Default for Point",
            "impl Point",
            "shapes"
        ]
    );
}

#[test]
fn go_methods_count_on_their_receiver_type() {
    let src = "package p

type A struct{}
type B struct{}

func (a *A) One() {}
func (a A) Two() {}
func (b *B) Three() {}
func (c *C) Four() {}
";
    let a = analyze(Language::Go, src);
    assert_eq!(
        outline(&a),
        [
            "struct A 3-3 methods=2",
            "struct B 4-4 methods=1",
            "method A.One 6-6",
            "method A.Two 7-7",
            "method B.Three 8-8",
            "method C.Four 9-9",
        ]
    );
}

#[test]
fn else_if_conditions_are_read_at_the_level_of_the_first_condition() {
    // The match in the `else if` condition is at level 0 (like the first condition): +1.
    let rust = "fn f(a: u8, b: u8) -> u8 {
    if a > 0 {
        1
    } else if match b { 0 => true, _ => false } {
        2
    } else {
        3
    }
}";
    // if +1, else if +1, match +1, else +1.
    assert_eq!(cognitive(&analyze(Language::Rust, rust), "f"), 4);
    let py = "def f(a, b):\n    if a:\n        return 1\n    elif (lambda: b if a else 0)():\n        return 2\n";
    // if +1, elif +1, the lambda's conditional +2 (the lambda nests it once).
    assert_eq!(cognitive(&analyze(Language::Python, py), "f"), 4);
}

#[test]
fn rust_let_chains_and_consts_in_bodies() {
    let src = "fn f(a: bool, b: Option<u8>) -> u8 {
    const LIMIT: usize = if cfg!(unix) { 1 } else { 2 };
    if a && let Some(x) = b && x > 1 {
        return x;
    }
    0
}";
    let a = analyze(Language::Rust, src);
    assert_eq!(a.parse_error, None);
    // The const's if belongs to no function. if +1, one `&&` sequence +1;
    // cyclomatic if + 2 `&&` = 3 + 1.
    assert_eq!(metrics(&a, "f"), (4, 2, 2, 1, 3));
}
