//! Inputs that must not crash or hang: syntax errors, pathological nesting, garbage bytes, empty
//! files.

use super::{analyze, find, outline, LANGS};
use crate::lang::treesitter::walker::MAX_COMPONENT_DEPTH;
use crate::lang::Language;
use crate::model::facts::Component;

fn depth(c: &Component) -> usize {
    1 + c.children.iter().map(depth).max().unwrap_or(0)
}

#[test]
fn empty_and_whitespace_files_have_no_components() {
    for lang in LANGS {
        for src in ["", "\n\n", "   \t\n"] {
            let a = analyze(lang, src);
            assert!(a.components.is_empty(), "{lang:?}");
            assert_eq!(a.parse_error, None, "{lang:?}");
        }
    }
}

#[test]
fn garbage_bytes_never_panic() {
    let mut garbage = String::new();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let c = char::from_u32((x >> 16) % 0x250).unwrap_or('?');
        garbage.push(c);
    }
    for lang in LANGS {
        let a = analyze(lang, &garbage);
        assert!(a.parse_error.is_some(), "{lang:?} accepted garbage");
    }
}

#[test]
fn deeply_nested_brackets_do_not_overflow() {
    let n = 20_000;
    let open_close = format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n));
    let unbalanced = format!("x = {}\n", "([{".repeat(n / 3));
    for lang in LANGS {
        for src in [&open_close, &unbalanced] {
            let _ = analyze(lang, src);
        }
    }
}

#[test]
fn deeply_nested_ifs_count_every_level_without_overflow() {
    let n = 5_000;
    let mut src = String::from("function f(a) {\n");
    for _ in 0..n {
        src.push_str("if (a) {\n");
    }
    src.push_str("a();\n");
    for _ in 0..n {
        src.push_str("}\n");
    }
    src.push_str("}\n");
    let a = analyze(Language::JavaScript, &src);
    let m = find(&a, "f").metrics.unwrap_or_default();
    assert_eq!(m.cyclomatic, n + 1);
    assert_eq!(m.nesting, n);
    assert_eq!(m.nesting_line, n + 1);
    // 1 + 2 + ... + n
    assert_eq!(m.cognitive, n * (n + 1) / 2);
}

fn nested_whiles(n: usize) -> String {
    let mut src = String::from("def f(a):\n");
    for i in 1..=n {
        src.push_str(&" ".repeat(i));
        src.push_str("while a:\n");
    }
    src.push_str(&" ".repeat(n + 1));
    src.push_str("pass\n");
    src
}

#[test]
fn deeply_nested_python_blocks_do_not_overflow() {
    let a = analyze(Language::Python, &nested_whiles(500));
    let m = find(&a, "f").metrics.unwrap_or_default();
    assert_eq!((m.cyclomatic, m.nesting, m.nesting_line), (501, 500, 501));
    // Past ~1,000 levels the grammar's indentation scanner gives up: an error, no crash.
    let a = analyze(Language::Python, &nested_whiles(3_000));
    assert_eq!(a.parse_error.map(|e| e.line), Some(1));
}

#[test]
fn component_nesting_is_capped() {
    let n = 500;
    let mut src = String::new();
    for i in 0..n {
        src.push_str(&format!("const f{i} = () => {{\n"));
    }
    for _ in 0..n {
        src.push_str("};\n");
    }
    let a = analyze(Language::JavaScript, &src);
    assert_eq!(a.parse_error, None);
    assert_eq!(a.components.len(), 1);
    let deepest = a.components.iter().map(depth).max().unwrap_or(0);
    assert_eq!(deepest, MAX_COMPONENT_DEPTH);
    let mut count = 0;
    for c in &a.components {
        count += c.count();
    }
    assert_eq!(count, MAX_COMPONENT_DEPTH);
}

#[test]
fn python_syntax_error_keeps_components_and_reports_first_error_line() {
    let src = "\
class Repo:
    def load(self, key):
        return self.items[key]

    def save(self, key value):
        self.items[key] = value

def helper(x):
    return x +
";
    let a = analyze(Language::Python, src);
    let err = a.parse_error.clone().unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.line, 5, "{err:?}");
    assert!(err.message.starts_with("syntax error"), "{err:?}");
    assert_eq!(find(&a, "Repo.load").start_line, 2);
    assert_eq!(find(&a, "Repo.load").end_line, 3);
    assert_eq!(find(&a, "helper").start_line, 8);
}

#[test]
fn javascript_syntax_error_keeps_components() {
    let src = "\
function ok(a) {
  if (a) { return 1; }
  return 2;
}

function broken(a {
  return a;
}

class Later {
  run() { return 3; }
}
";
    let a = analyze(Language::JavaScript, src);
    let err = a.parse_error.clone().unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.line, 6, "{err:?}");
    let names = outline(&a);
    assert!(names.contains(&"function ok 1-4".to_string()), "{names:?}");
    assert!(
        names.contains(&"method Later.run 11-11".to_string()),
        "{names:?}"
    );
    assert_eq!(find(&a, "ok").metrics.map(|m| m.cyclomatic), Some(2));
}

#[test]
fn go_missing_brace_is_reported() {
    let src = "\
package main

func main() {
\tif x {
\t\tprintln(1)
}
";
    let a = analyze(Language::Go, src);
    let err = a.parse_error.clone().unwrap_or_else(|| panic!("no error"));
    assert!(err.message.contains("missing"), "{err:?}");
    assert_eq!(find(&a, "main").start_line, 3);
}

#[test]
fn java_error_in_one_method_keeps_the_others() {
    let src = "\
class Account {
    int balance() { return total; }
    void deposit(int amount) { total += amount }
    void withdraw(int amount) {
        if (amount > total) { throw new IllegalStateException(); }
        total -= amount;
    }
}
";
    let a = analyze(Language::Java, src);
    let err = a.parse_error.clone().unwrap_or_else(|| panic!("no error"));
    assert_eq!(err.line, 3, "{err:?}");
    assert_eq!(find(&a, "Account.withdraw").start_line, 4);
    assert_eq!(find(&a, "Account.withdraw").end_line, 7);
    assert_eq!(
        find(&a, "Account.withdraw").metrics.map(|m| m.cyclomatic),
        Some(2)
    );
}

#[test]
fn a_parse_over_its_time_limit_is_abandoned_and_the_parser_recovers() {
    let soup = format!("x = {}\n", "([{".repeat(30_000));
    let limit = std::time::Duration::from_millis(1);
    let a = crate::lang::treesitter::analyze_within(Language::Go, &soup, limit);
    let err = a.and_then(|a| a.parse_error).map(|e| e.message);
    assert_eq!(
        err.as_deref(),
        Some("parsing took longer than 0 s; components skipped")
    );
    // The same thread's parser parses the next file normally.
    let a = analyze(Language::Go, "package p\n\nfunc f() {}\n");
    assert_eq!(outline(&a), ["function f 3-3"]);
}
