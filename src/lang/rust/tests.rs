//! Component tree tests (kinds, names, qualified names, spans, method counts), parse errors
//! and the stack guard end to end.

use super::{analyze, tests_guard::pathological};
use crate::lang::{treesitter, Language};
use crate::model::facts::{Component, ComponentKind as K};

const FIXTURE: &str = include_str!("fixture.rs.txt");

/// (kind, name, qualified name, start, end, methods, children) of a component.
type Shape<'a> = (K, &'a str, &'a str, u32, u32, Option<u32>, usize);

fn shape(c: &Component) -> Shape<'_> {
    let (n, q) = (c.name.as_str(), c.qualified_name.as_str());
    (
        c.kind,
        n,
        q,
        c.start_line,
        c.end_line,
        c.methods,
        c.children.len(),
    )
}

fn shapes(cs: &[Component]) -> Vec<Shape<'_>> {
    cs.iter().map(shape).collect()
}

#[test]
fn top_level_components_in_source_order() {
    let a = analyze(FIXTURE);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        shapes(&a.components),
        vec![
            (K::Struct, "Parser", "Parser", 6, 8, Some(2), 0),
            (K::Impl, "impl Parser<'a>", "Parser", 10, 26, Some(2), 2),
            (
                K::Impl,
                "impl fmt::Display for Parser<'_>",
                "<Parser as fmt::Display>",
                28,
                32,
                Some(1),
                1
            ),
            (K::Trait, "Shape", "Shape", 34, 40, Some(2), 2),
            (K::Enum, "Token", "Token", 42, 45, Some(1), 0),
            (K::Union, "Bits", "Bits", 47, 50, Some(0), 0),
            (K::Module, "inner", "inner", 52, 63, None, 3),
            (K::Macro, "square", "square", 66, 70, None, 0),
            (K::Impl, "impl Token", "Token", 73, 77, Some(1), 1),
            (K::Struct, "Pair", "Pair", 80, 80, Some(0), 0),
        ]
    );
}

#[test]
fn methods_nested_functions_and_module_items() {
    let a = analyze(FIXTURE);
    let c = &a.components;
    assert_eq!(
        shapes(&c[1].children),
        vec![
            (K::Method, "new", "Parser::new", 11, 13, None, 0),
            (K::Method, "parse", "Parser::parse", 16, 25, None, 1),
        ]
    );
    assert_eq!(
        shapes(&c[1].children[1].children),
        vec![(
            K::Function,
            "helper",
            "Parser::parse::helper",
            17,
            19,
            None,
            0
        )]
    );
    assert_eq!(
        shapes(&c[2].children),
        vec![(
            K::Method,
            "fmt",
            "<Parser as fmt::Display>::fmt",
            29,
            31,
            None,
            0
        )]
    );
    assert_eq!(
        shapes(&c[3].children),
        vec![
            (K::Method, "area", "Shape::area", 35, 35, None, 0),
            (K::Method, "describe", "Shape::describe", 37, 39, None, 0),
        ]
    );
    assert_eq!(
        shapes(&c[6].children),
        vec![
            (K::Struct, "Unit", "inner::Unit", 53, 53, Some(3), 0),
            (K::Impl, "impl Unit", "inner::Unit", 55, 58, Some(2), 2),
            (K::Impl, "impl Unit", "inner::Unit", 60, 62, Some(1), 1),
        ]
    );
    let three = &c[6].children[2].children[0];
    assert_eq!(
        shape(three),
        (K::Method, "three", "inner::Unit::three", 61, 61, None, 0)
    );
    assert_eq!(c[8].children[0].qualified_name, "Token::is_a");
}

#[test]
fn functions_and_methods_carry_metrics_types_do_not() {
    let a = analyze(FIXTURE);
    let mut callables = 0;
    for c in &a.components {
        c.walk(&mut |c: &Component| {
            assert_eq!(
                c.metrics.is_some(),
                c.kind.is_callable(),
                "{}",
                c.qualified_name
            );
            assert_eq!(c.lines, Default::default(), "the scanner fills lines");
            callables += usize::from(c.kind.is_callable());
        });
    }
    assert_eq!(callables, 10);
    let parse = &a.components[1].children[1];
    let m = parse.metrics.unwrap_or_default();
    // `if strict && limit > 0`: one if, one `&&`; the closure has no branches.
    assert_eq!(
        (
            m.cyclomatic,
            m.cognitive,
            m.params,
            m.nesting,
            m.nesting_line
        ),
        (3, 2, 2, 1, 21)
    );
}

#[test]
fn generic_and_unusual_impls_are_named_as_written() {
    let src = "
impl<T: Clone> From<Vec<T>> for Stack<T> { fn from(v: Vec<T>) -> Self { Stack(v) } }
impl<'a> Iterator for &'a mut Walker<'a> { type Item = u8; }
unsafe impl Send for Raw {}
impl !Sync for Raw {}
impl<T> crate::store::Cache<T, 4> where T: Copy {}
impl dyn Shape + Send {}
impl [u8; 4] {}
";
    let a = analyze(src);
    assert_eq!(a.parse_error, None);
    let names: Vec<(&str, &str)> = a
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.qualified_name.as_str()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("impl From<Vec<T>> for Stack<T>", "<Stack as From<Vec<T>>>"),
            (
                "impl Iterator for &'a mut Walker<'a>",
                "<&'a mut Walker<'a> as Iterator>"
            ),
            ("impl Send for Raw", "<Raw as Send>"),
            ("impl !Sync for Raw", "<Raw as !Sync>"),
            ("impl crate::store::Cache<T, 4>", "crate::store::Cache"),
            ("impl dyn Shape + Send", "dyn Shape + Send"),
            ("impl [u8; 4]", "[u8; 4]"),
        ]
    );
    assert_eq!(
        a.components[0].children[0].qualified_name,
        "<Stack as From<Vec<T>>>::from"
    );
}

#[test]
fn spans_skip_attributes_and_doc_comments() {
    let src = "/// Doc.\n#[inline]\n#[cfg(test)]\npub(crate) const unsafe fn f() {}\n\n#[derive(Debug)]\nstruct S {\n    a: u8,\n}\n";
    let a = analyze(src);
    assert_eq!(
        shapes(&a.components),
        vec![
            (K::Function, "f", "f", 4, 4, None, 0),
            (K::Struct, "S", "S", 7, 9, Some(0), 0),
        ]
    );
}

fn expected_fallback(src: &str) -> Vec<Component> {
    treesitter::analyze(Language::Rust, src)
        .map(|a| a.components)
        .unwrap_or_default()
}

#[test]
fn a_syntax_error_is_reported_at_its_line() {
    let src = "fn ok() {}\n\nfn broken() {\n    let x = ;\n}\n";
    let a = analyze(src);
    let issue = a
        .parse_error
        .clone()
        .unwrap_or_else(|| panic!("no parse error"));
    assert_eq!(issue.line, 4);
    assert!(!issue.message.is_empty());
    assert_eq!(a.components, expected_fallback(src));
}

#[test]
fn an_unclosed_delimiter_and_a_truncated_file_are_reported() {
    let unclosed = "fn a() {\n    if x {\n}\n";
    let issue = analyze(unclosed).parse_error;
    assert_eq!(issue.as_ref().map(|i| i.line), Some(1));
    let message = issue.map(|i| i.message).unwrap_or_default();
    assert!(message.contains("unbalanced delimiter"), "{message}");
    let truncated = "fn a() {}\nfn b()";
    assert_eq!(analyze(truncated).parse_error.map(|i| i.line), Some(2));
    let garbage = "\u{0}\u{1}ÿ fn ((( \"";
    assert!(analyze(garbage).parse_error.is_some());
}

#[test]
fn absurd_nesting_goes_to_the_fallback_without_overflowing() {
    // Every shape the guard knows is refused past the limit; two go through the whole path.
    for shape in super::tests_guard::SHAPES {
        let units = super::guard::estimate(&pathological(shape, 60_000)).units;
        assert!(units > super::MAX_UNITS, "{shape}: {units}");
    }
    for shape in ["parens", "closures"] {
        let src = pathological(shape, 60_000);
        let a = analyze(&src);
        let issue = a
            .parse_error
            .clone()
            .unwrap_or_else(|| panic!("{shape}: no issue"));
        assert!(
            issue.message.contains("nesting too deep"),
            "{shape}: {}",
            issue.message
        );
        assert_eq!(issue.line, 2, "{shape}");
        assert_eq!(a.components, expected_fallback(&src), "{shape}");
    }
}

#[test]
fn deep_but_sane_nesting_is_parsed_on_a_larger_stack() {
    // Thousands of levels: more than a 2 MiB test thread can hold in a debug build.
    let src = pathological("else_if", 3000);
    let a = analyze(&src);
    assert_eq!(a.parse_error, None);
    let m = a.components[0].metrics.unwrap_or_default();
    assert_eq!((m.cyclomatic, m.cognitive, m.nesting), (3002, 3001, 1));
    for shape in ["parens", "binary", "closure_blocks", "matches", "fns"] {
        let a = analyze(&pathological(shape, 3000));
        assert_eq!(a.parse_error, None, "{shape}");
        assert_eq!(a.components.len(), 1, "{shape}");
    }
}

#[test]
fn odd_but_valid_files() {
    let empty = analyze("");
    assert_eq!((empty.components.len(), empty.parse_error), (0, None));
    let shebang = analyze("#!/usr/bin/env run-cargo-script\n\nfn main() {}\n");
    assert_eq!(
        shapes(&shebang.components),
        vec![(K::Function, "main", "main", 3, 3, None, 0)]
    );
    let crlf = analyze("mod a;\r\n\r\nfn größe() {\r\n    if x {}\r\n}\r\n");
    assert_eq!(
        shapes(&crlf.components),
        vec![(K::Function, "größe", "größe", 3, 5, None, 0)]
    );
    let m = crlf.components[0].metrics.unwrap_or_default();
    assert_eq!((m.nesting, m.nesting_line), (1, 4));
}
