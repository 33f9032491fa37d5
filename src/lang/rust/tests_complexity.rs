//! Complexity tests: the worked examples of the SonarSource white paper (G. Ann Campbell,
//! "Cognitive Complexity", 2018/2023) translated to Rust with their published scores, and
//! hand-checked cyclomatic and nesting cases. Comments carry the paper's increments.

use super::analyze;
use crate::model::facts::{Component, FnMetrics};

/// Metrics of the component named `name` (searched depth first).
pub(super) fn metrics(src: &str, name: &str) -> FnMetrics {
    let analysis = analyze(src);
    assert_eq!(analysis.parse_error, None, "fixture must parse");
    let mut found = None;
    for c in &analysis.components {
        c.walk(&mut |c: &Component| {
            if c.name == name && found.is_none() {
                found = c.metrics;
            }
        });
    }
    found.unwrap_or_else(|| panic!("no function {name}"))
}

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
fn white_paper_sum_of_primes_is_7() {
    let src = "\
fn sum_of_primes(max: u64) -> u64 {
    let mut total = 0;
    'out: for i in 1..=max {   // +1
        for j in 2..i {        // +2 (nesting = 1)
            if i % j == 0 {    // +3 (nesting = 2)
                continue 'out; // +1
            }
        }
        total += i;
    }
    total
} // Cognitive Complexity 7
";
    // The paper gives both examples cyclomatic complexity 4.
    assert_eq!(metrics(src, "sum_of_primes"), m(4, 7, 1, 3, 5));
}

#[test]
fn white_paper_get_words_is_1() {
    let src = r#"
fn get_words(number: u32) -> &'static str {
    match number {  // +1
        1 => "one",
        2 => "a couple",
        3 => "a few",
        _ => "lots",
    }
} // Cognitive Complexity 1
"#;
    assert_eq!(metrics(src, "get_words"), m(4, 1, 1, 1, 3));
}

#[test]
fn white_paper_if_else_if_else_is_3() {
    let src = "
fn choose(condition1: bool, condition2: bool) -> u8 {
    if condition1 {        // +1
        1
    } else if condition2 { // +1
        2
    } else {               // +1
        3
    }
}
";
    assert_eq!(metrics(src, "choose"), m(3, 3, 2, 1, 3));
}

#[test]
fn white_paper_sequences_of_logical_operators() {
    let src = "
fn conditions(a: bool, b: bool, c: bool, d: bool, e: bool, f: bool) -> bool {
    if a          // +1 for `if`
        && b && c // +1
        || d || e // +1
        && f      // +1
    {
        return true;
    }
    if a          // +1 for `if`
        &&        // +1
        !(b && c) // +1
    {
        return true;
    }
    false
}
";
    // Decisions: 2 ifs and 7 operators.
    assert_eq!(metrics(src, "conditions"), m(10, 7, 6, 1, 3));
}

#[test]
fn white_paper_nesting_with_a_catch() {
    // try { … } catch (e) { … } becomes the Rust idiom: the handler runs on `Err`.
    let src = "
fn my_method() {
    if condition1() {               // +1
        for i in 0..10 {            // +2 (nesting = 1)
            while condition2() {    // +3 (nesting = 2)
                step(i);
            }
        }
    }
    if let Err(e) = risky() {       // +1 (the catch)
        if condition2() {           // +2 (nesting = 1)
            recover(e);
        }
    }
} // Cognitive Complexity 9
";
    assert_eq!(metrics(src, "my_method"), m(6, 9, 0, 3, 5));
}

#[test]
fn white_paper_lambda_adds_nesting_only() {
    let src = "
fn my_method2() {
    let r = || {            // +0 (but nesting level is now 1)
        if condition1() {   // +2 (nesting = 1)
            run();
        }
    };
    r();
} // Cognitive Complexity 2
";
    assert_eq!(metrics(src, "my_method2"), m(2, 2, 0, 2, 4));
}

const OVERRIDDEN_SYMBOL_FROM: &str = "
impl MethodJavaSymbol {
    fn overridden_symbol_from(&self, class_type: &ClassJavaType) -> Option<MethodJavaSymbol> {
        if class_type.is_unknown() {                                // +1
            return Some(Symbols::unknown_method_symbol());
        }
        let mut unknown_found = false;
        let symbols = class_type.get_symbol().members().lookup(&self.name);
        for override_symbol in symbols {                            // +1
            if override_symbol.is_kind(JavaSymbol::MTH)             // +2 (nesting = 1)
                && !override_symbol.is_static()                     // +1
            {
                let method_java_symbol = override_symbol.as_method();
                if self.can_override(&method_java_symbol) {         // +3 (nesting = 2)
                    let overriding =
                        self.check_overriding_parameters(&method_java_symbol, class_type);
                    if overriding.is_none() {                       // +4 (nesting = 3)
                        if !unknown_found {                         // +5 (nesting = 4)
                            unknown_found = true;
                        }
                    } else if overriding == Some(true) {            // +1
                        return Some(method_java_symbol);
                    }
                }
            }
        }
        if unknown_found {                                          // +1
            return Some(Symbols::unknown_method_symbol());
        }
        None
    }
} // total complexity = 19
";

#[test]
fn white_paper_overridden_symbol_from_is_19() {
    // Decisions: 6 ifs, 1 else if, 1 for, 1 `&&`.
    let got = metrics(OVERRIDDEN_SYMBOL_FROM, "overridden_symbol_from");
    assert_eq!(got, m(10, 19, 1, 5, 18));
}

/// The paper's `toRegexp`. Rust has no `?:`; the ternary is a two-way `match` on the
/// condition, which keeps the paper's single increment for it.
const TO_REGEXP: &str = r#"
fn to_regexp(ant_pattern: &str, directory_separator: &str) -> String {
    let escaped_directory_separator = format!("\\{directory_separator}");
    let chars: Vec<char> = ant_pattern.chars().collect();
    let mut sb = String::with_capacity(ant_pattern.len());
    sb.push('^');
    let mut i = match ant_pattern.starts_with('/')   // +1 (the `? :`)
        || ant_pattern.starts_with('\\')             // +1
    {
        true => 1,
        false => 0,
    };
    while i < chars.len() {                                     // +1
        let ch = chars[i];
        if SPECIAL_CHARS.contains(ch) {                         // +2 (nesting = 1)
            sb.push('\\');
            sb.push(ch);
        } else if ch == '*' {                                   // +1
            if i + 1 < chars.len()                              // +3 (nesting = 2)
                && chars[i + 1] == '*'                          // +1
            {
                if i + 2 < chars.len()                          // +4 (nesting = 3)
                    && is_slash(chars[i + 2])                   // +1
                {
                    sb.push_str("(?:.*");
                    sb.push_str(&escaped_directory_separator);
                    sb.push_str("|)");
                    i += 2;
                } else {                                        // +1
                    sb.push_str(".*");
                    i += 1;
                }
            } else {                                            // +1
                sb.push_str("[^");
                sb.push_str(&escaped_directory_separator);
                sb.push_str("]*?");
            }
        } else if ch == '?' {                                   // +1
            sb.push_str("[^");
            sb.push_str(&escaped_directory_separator);
            sb.push(']');
        } else if is_slash(ch) {                                // +1
            sb.push_str(&escaped_directory_separator);
        } else {                                                // +1
            sb.push(ch);
        }
        i += 1;
    }
    sb.push('$');
    sb
} // total complexity = 20
"#;

#[test]
fn white_paper_to_regexp_is_20() {
    // Decisions: two-arm match 1, `||` 1, while 1, ifs and else ifs 6, `&&` 2.
    assert_eq!(metrics(TO_REGEXP, "to_regexp"), m(12, 20, 2, 4, 22));
}

#[test]
fn to_regexp_with_an_if_else_for_the_ternary_scores_one_more() {
    let src = TO_REGEXP.replace(
        "match ant_pattern.starts_with('/')",
        "if ant_pattern.starts_with('/')",
    );
    let src = src.replace(
        "        true => 1,\n        false => 0,\n    };",
        "1 } else { 0 };",
    );
    // `if … { 1 } else { 0 }`: +1 for `if`, +1 for `else` where the paper's `?:` has +1.
    assert_eq!(metrics(&src, "to_regexp").cognitive, 21);
}
