//! Tests of the recursion guard: the estimate on ordinary and pathological inputs, and the
//! stack calibration harness behind `BYTES_PER_UNIT`.

use super::guard::{estimate, Risk};

/// How a pathological shape is built: `before`, then `open` repeated n times, then `middle`,
/// then `close` repeated n times, then `after`.
struct Build {
    name: &'static str,
    before: &'static str,
    open: &'static str,
    middle: &'static str,
    close: &'static str,
    after: &'static str,
}

const fn b(name: &'static str, [before, open, middle, close, after]: [&'static str; 5]) -> Build {
    Build {
        name,
        before,
        open,
        middle,
        close,
        after,
    }
}

/// Shapes written inside a function body.
const IN_BODY: &[Build] = &[
    b("parens", ["let x = ", "(", "1", ")", ";"]),
    b("unary", ["let x = ", "- ", "1;", "", ""]),
    b("not", ["let x = ", "!", "x;", "", ""]),
    b("refs", ["let x = ", "&", "x;", "", ""]),
    b("binary", ["let x = 1", " + 1", ";", "", ""]),
    b("logic", ["let x = a", " && a", ";", "", ""]),
    b("methods", ["let x = x", ".f()", ";", "", ""]),
    b("fields", ["let x = x", ".a", ";", "", ""]),
    b("try", ["let x = x", "?", ";", "", ""]),
    b("cast", ["let x = x", " as u8", ";", "", ""]),
    b("assign", ["", "a = ", "1;", "", ""]),
    b("return", ["", "return ", "1;", "", ""]),
    b("else_if", ["if a {} ", "else if a {} ", "", "", ""]),
    b("closures", ["let f = ", "|a, b| ", "1;", "", ""]),
    b("closure_blocks", ["let f = ", "|| { ", "", "}", ";"]),
    b("blocks", ["", "{", "", "}", ""]),
    b("arrays", ["let x = ", "[", "", "]", ";"]),
    b("ifs", ["", "if a { ", "", "}", ""]),
    b("matches", ["", "match x { _ => ", "1", " }", ""]),
    b("structs", ["let x = ", "S { a: ", "1", " }", ";"]),
    b("generics", ["let x: ", "Vec<", "u8", ">", " = y;"]),
    b("type_refs", ["let x: ", "&", "u8 = y;", "", ""]),
    b("tuple_types", ["let x: ", "(", "u8", ",)", " = y;"]),
    b("macros", ["m!", "(", "", ")", ";"]),
];

/// Shapes that are whole files.
const AT_TOP: &[Build] = &[
    b("fns", ["", "fn f() { ", "", "}", ""]),
    b("mods", ["", "mod m { ", "", "}", ""]),
];

impl Build {
    fn text(&self, n: usize) -> String {
        let (open, close) = (self.open.repeat(n), self.close.repeat(n));
        [self.before, &open, self.middle, &close, self.after].concat()
    }
}

/// Pathological shapes, each repeated `n` times, inside a function body unless noted.
pub(super) fn pathological(shape: &str, n: usize) -> String {
    let find = |table: &[Build]| table.iter().find(|s| s.name == shape).map(|s| s.text(n));
    if let Some(file) = find(AT_TOP) {
        return file;
    }
    let body = find(IN_BODY).unwrap_or_default();
    format!("fn f() {{\n{body}\n}}\n")
}

pub(super) const SHAPES: &[&str] = &[
    "parens",
    "unary",
    "not",
    "refs",
    "binary",
    "logic",
    "methods",
    "fields",
    "try",
    "cast",
    "assign",
    "return",
    "else_if",
    "closures",
    "closure_blocks",
    "blocks",
    "arrays",
    "ifs",
    "matches",
    "structs",
    "generics",
    "type_refs",
    "tuple_types",
    "macros",
    "fns",
    "mods",
];

#[test]
fn every_pathological_shape_scales_with_its_depth() {
    for shape in SHAPES {
        let small = estimate(&pathological(shape, 100)).units;
        let large = estimate(&pathological(shape, 1000)).units;
        assert!(small >= 100, "{shape}: {small} units for 100 levels");
        assert!(large >= 1000, "{shape}: {large} units for 1000 levels");
    }
}

#[test]
fn ordinary_code_stays_shallow() {
    let src = r##"
use std::collections::HashMap;

/// Doc with (((( unbalanced brackets in a comment.
pub fn count(words: &[&str], limit: usize) -> HashMap<String, usize> {
    let mut map: HashMap<String, usize> = HashMap::new();
    for w in words.iter().filter(|w| !w.is_empty() && w.len() < limit) {
        *map.entry(w.to_string()).or_insert(0) += 1;
    }
    let s = "(((((((( not code";
    let r = r#"[[[[[[ raw "# ;
    let c = '(';
    map
}
"##;
    let risk = estimate(src);
    assert!(risk.units < 40, "{risk:?}");
}

#[test]
fn statements_items_and_list_elements_reset_the_count() {
    let many_fns = "fn a() { x(1, 2); }\n".repeat(5000);
    assert!(estimate(&many_fns).units < 10);
    let table = format!("const T: &[(u8, u8)] = &[{}];", "(1, 2), ".repeat(20_000));
    assert!(estimate(&table).units < 10);
    let stmts = format!("fn f() {{ {} }}", "a = -b;".repeat(10_000));
    assert!(estimate(&stmts).units < 10);
}

#[test]
fn commas_do_not_hide_generic_or_closure_nesting() {
    let generics = format!(
        "type T = {}u8{};",
        "HashMap<u8, ".repeat(500),
        ">".repeat(500)
    );
    assert!(estimate(&generics).units >= 500);
    let closures = format!("fn f() {{ let g = {}1; }}", "|a, b| ".repeat(500));
    assert!(estimate(&closures).units >= 500);
}

#[test]
fn a_block_followed_by_a_call_keeps_counting() {
    // `- - … - {}(x)(x)…`: the trailers nest inside the unary chain.
    let src = format!(
        "fn f() {{ let x = {}{{}}{}; }}",
        "- ".repeat(300),
        "(x)".repeat(300)
    );
    assert!(estimate(&src).units >= 600);
}

#[test]
fn strings_chars_lifetimes_and_comments_are_lexed_not_counted() {
    let src = r####"
fn f<'a>(x: &'a str) -> char {
    /* nested /* ((((((( */ still comment ((((( */
    let a = "((((\"((((";
    let b = r##"(((( "# ((((( "##;
    let c = b'(';
    let d = '\'';
    let e = '\u{1F600}';
    let g = 'é';
    let h = br"((((";
    let r#type = 1;
    'label: loop { break 'label; }
    'x'
}
"####;
    let risk = estimate(src);
    assert!(risk.units < 20, "{risk:?}");
}

#[test]
fn the_deepest_line_is_reported() {
    let src = format!(
        "fn f() {{\n    let a = 1;\n    let x = {}1{};\n}}\n",
        "(".repeat(50),
        ")".repeat(50)
    );
    // `fn`, `(`, `{` (two units) outside; `let`, `=` and 50 `(` on line 3.
    assert_eq!(estimate(&src), Risk { units: 56, line: 3 });
}

#[test]
fn garbage_bytes_do_not_panic() {
    let garbage: String = (0u32..5000)
        .filter_map(|i| char::from_u32((i * 7919) % 0x2FFF))
        .collect();
    let _ = estimate(&garbage);
    let _ = estimate("'");
    let _ = estimate("r#");
    let _ = estimate("\"unterminated");
    let _ = estimate("/* unterminated");
    let _ = estimate("}}}}))]]");
}

/// One calibration trial: parse one shape at one depth on a thread with `CAL_KB` KiB of stack.
/// An overflow aborts the process, so `calibrate` runs each trial in a child process.
#[test]
#[ignore = "one calibration trial, run by `calibrate` in a child process"]
fn calibration_trial() {
    let var = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<usize>().ok());
    let shape = std::env::var("CAL_SHAPE").unwrap_or_default();
    let (n, kb) = (var("CAL_N").unwrap_or(1000), var("CAL_KB").unwrap_or(2048));
    let src = pathological(&shape, n);
    let handle = std::thread::Builder::new()
        .stack_size(kb << 10)
        .spawn(move || super::parse(&src).is_ok())
        .expect("spawn");
    assert!(handle.join().expect("join"), "{shape} must parse");
}

/// Stack calibration behind `BYTES_PER_UNIT`: for every pathological shape, the smallest stack
/// that parses it (binary search over child processes), per guard unit. Run it in release and
/// in debug: `cargo test [--release] --lib lang::rust::tests_guard::calibrate -- --ignored
/// --exact --nocapture` (`CAL_N` sets the depth, 4000 by default).
#[test]
#[ignore = "calibration: minutes of child processes"]
fn calibrate() {
    let exe = std::env::current_exe().expect("test binary");
    let n: usize = std::env::var("CAL_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let trial = |shape: &str, kb: usize| {
        std::process::Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "lang::rust::tests_guard::calibration_trial",
            ])
            .env("CAL_SHAPE", shape)
            .env("CAL_N", n.to_string())
            .env("CAL_KB", kb.to_string())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let mut worst = 0;
    for shape in SHAPES {
        let units = estimate(&pathological(shape, n)).units as usize;
        let (mut lo, mut hi) = (16usize, 1usize << 21);
        assert!(trial(shape, hi), "{shape} fails even with 2 GiB");
        while hi - lo > (lo / 50).max(8) {
            let mid = (lo + hi) / 2;
            if trial(shape, mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let per_unit = (hi << 10) / units.max(1);
        worst = worst.max(per_unit);
        println!("{shape:15} units {units:7} stack {hi:8} KiB  {per_unit:6} bytes/unit");
    }
    println!(
        "worst {worst} bytes/unit; BYTES_PER_UNIT is {}",
        super::BYTES_PER_UNIT
    );
    assert!(worst <= super::BYTES_PER_UNIT);
}
