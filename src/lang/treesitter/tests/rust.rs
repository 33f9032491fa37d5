//! Rust through tree-sitter-rust (the fallback for files syn cannot parse): impl blocks, traits
//! with default and required methods, generic impls, inline modules, `macro_rules!`, `match`
//! with guards, `?`, labelled loops, and a file with a mid-edit syntax error.

use super::{analyze, metrics, outline};
use crate::lang::Language;

const SRC: &str = r#"use std::collections::HashMap;

pub trait Store {
    fn get(&self, key: &str) -> Option<&str>;
    fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

#[derive(Default)]
pub struct Memory {
    map: HashMap<String, String>,
}

impl Store for Memory {
    fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(|v| v.as_str())
    }
}

impl<T: Into<String>> From<Vec<(T, T)>> for Memory {
    fn from(pairs: Vec<(T, T)>) -> Self {
        let mut m = Memory::default();
        for (k, v) in pairs {
            m.map.insert(k.into(), v.into());
        }
        m
    }
}

pub fn parse_line(line: &str, strict: bool) -> Result<(String, u32), Error> {
    let (key, value) = line.split_once('=').ok_or(Error::Syntax)?;
    let n = match value.trim().parse::<u32>() {
        Ok(n) if n > 0 && n < 1000 => n,
        Ok(_) => return Err(Error::Range),
        Err(e) if strict => return Err(e.into()),
        Err(_) => 0,
    };
    'scan: loop {
        while let Some(c) = key.chars().next() {
            if c == '#' {
                break 'scan;
            }
        }
        break;
    }
    Ok((key.to_string(), n))
}

mod tests {
    fn helper() {}
}

macro_rules! square {
    ($x:expr) => {
        $x * $x
    };
}
"#;

#[test]
fn components_spans_and_qualified_names() {
    let a = analyze(Language::Rust, SRC);
    assert_eq!(a.parse_error, None);
    assert_eq!(
        outline(&a),
        [
            "trait Store 3-8 methods=2",
            "method Store::get 4-4",
            "method Store::contains 5-7",
            // Trait impls do not count toward the struct; inherent impls would.
            "struct Memory 11-13 methods=0",
            "impl <Memory as Store> 15-19 methods=1",
            "method <Memory as Store>::get 16-18",
            "impl <Memory as From<Vec<(T, T)>>> 21-29 methods=1",
            "method <Memory as From<Vec<(T, T)>>>::from 22-28",
            "function parse_line 31-48",
            "module tests 50-52",
            "function tests::helper 51-51",
            "macro square 54-58",
        ]
    );
}

#[test]
fn metrics_per_function() {
    let a = analyze(Language::Rust, SRC);
    assert_eq!(metrics(&a, "Store::get"), (1, 0, 1, 0, 0));
    assert_eq!(metrics(&a, "Store::contains"), (1, 0, 1, 0, 0));
    // The closure passed to `map` has no decisions; `&self` is the receiver.
    assert_eq!(metrics(&a, "<Memory as Store>::get"), (1, 0, 1, 0, 0));
    let from = "<Memory as From<Vec<(T, T)>>>::from";
    assert_eq!(metrics(&a, from), (2, 1, 1, 1, 24));
    // parse_line: cyclomatic: 4 arms are 3 decisions, 2 guards, `&&`, loop, while, if = 9 + 1
    // (`?` is none); cognitive: match +1, `&&` +1, loop +1, while +2, if +3, break 'scan +1 = 9.
    // Depth: loop 1, while 2, if 3 (line 41).
    assert_eq!(metrics(&a, "parse_line"), (10, 9, 2, 3, 41));
}

#[test]
fn mid_edit_file_still_has_components() {
    let src = "\
impl Parser {
    fn peek(&self) -> Option<Token> {
        self.tokens.get(self.pos).cloned(
    }

    fn bump(&mut self) {
        if self.pos < self.len { self.pos += 1; }
    }
}
";
    let a = analyze(Language::Rust, src);
    let err = a.parse_error.clone().unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.line, 3, "{err:?}");
    let lines = outline(&a);
    assert_eq!(
        lines.first().map(String::as_str),
        Some("impl Parser 1-9 methods=2")
    );
    assert!(
        lines.contains(&"method Parser::bump 6-8".to_string()),
        "{lines:?}"
    );
    assert_eq!(metrics(&a, "Parser::bump"), (2, 1, 0, 1, 7));
}

/// On files syn parses, the fallback gives exactly the components and numbers syn gives.
#[test]
fn the_fallback_agrees_with_syn_on_valid_files() {
    let with_inherent = "struct Point { x: f64 }
impl Point {
    pub fn new() -> Self { Point { x: 0.0 } }
    fn norm(&self, scale: f64) -> f64 { if scale > 0.0 && self.x > 0.0 { self.x } else { 0.0 } }
}
trait Shape { fn area(&self) -> f64; fn name(&self) -> &str { \"shape\" } }
";
    for src in [SRC, with_inherent] {
        let syn = crate::lang::rust::analyze(src);
        assert_eq!(syn.parse_error, None);
        assert_eq!(analyze(Language::Rust, src).components, syn.components);
    }
}
