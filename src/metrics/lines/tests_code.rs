//! Hand-checked line classes for the C family, Rust, Python, JavaScript/TypeScript and Go.
//!
//! `cls` renders one letter per line: `c` code, `#` comment, `.` blank.

use super::*;
use crate::lang::Language as L;

pub(super) fn cls(lang: Language, src: &str) -> String {
    classify(lang, src)
        .into_iter()
        .map(|c| match c {
            LineClass::Code => 'c',
            LineClass::Comment => '#',
            LineClass::Blank => '.',
        })
        .collect()
}

#[test]
fn line_splitting() {
    assert_eq!(cls(L::Rust, ""), "");
    assert_eq!(cls(L::Rust, "\n"), ".");
    assert_eq!(cls(L::Rust, "\n\n"), "..");
    assert_eq!(cls(L::Rust, "x"), "c");
    assert_eq!(cls(L::Rust, "x\n"), "c");
    assert_eq!(cls(L::Rust, "x\n// y"), "c#");
    assert_eq!(cls(L::Rust, "  \t \n\x0c\n"), "..");
    let c = count(L::Rust, "fn a() {}\n\n// b\n");
    assert_eq!((c.total, c.code, c.comment, c.blank), (3, 1, 1, 1));
}

#[test]
fn crlf_line_endings() {
    let src = "fn a() {\r\n\r\n    // c\r\n    /* d\r\n\r\n    */\r\n}\r\n";
    assert_eq!(cls(L::Rust, src), "c.####c");
    assert_eq!(cls(L::Python, "x = '''\r\n\r\n'''\r\n# c\r\n"), "ccc#");
    // An escaped CRLF continues a one-line C string.
    assert_eq!(cls(L::C, "s = \"a\\\r\n// b\";\r\n// c\r\n"), "cc#");
}

#[test]
fn mixed_code_and_comment_lines() {
    let src = "a(); // x\n/* x */ b();\n/* x */\n// x\nc(); /* x\n  y */\n/* x\n */ d();\n";
    assert_eq!(cls(L::C, src), "cc##c##c");
    // Two comments with code between them: code (tokei calls this line a comment).
    assert_eq!(cls(L::C, "/* a */ x = 1; /* b */\n"), "c");
}

#[test]
fn rust_nested_block_comments() {
    let src = "/* outer\n/* inner */\nstill comment\n*/\ncode();\n/* a /* b */ c */ d();\n";
    assert_eq!(cls(L::Rust, src), "####cc");
    // C does not nest: the first `*/` ends the comment.
    assert_eq!(cls(L::C, "/* a /* b */\nx();\n*/\n"), "#cc");
    assert_eq!(cls(L::Swift, "/* a /* b */\nx\n*/\n"), "###");
    assert_eq!(cls(L::Kotlin, "/* a /* b */\nx\n*/\n"), "###");
    assert_eq!(cls(L::Scala, "/* a /* b */\nx\n*/\n"), "###");
}

#[test]
fn comment_markers_inside_strings() {
    let src = "let a = \"// not\";\nlet b = \"/* not\";\nlet c = 1;\n";
    assert_eq!(cls(L::Rust, src), "ccc");
    // Escaped quotes do not end the string.
    let src = "let s = \"a \\\" /* b\";\n// c\n";
    assert_eq!(cls(L::Rust, src), "c#");
    assert_eq!(cls(L::Rust, "let s = \"\\\\\"; // c\n// d\n"), "c#");
    // Char literals holding a quote open no string; lifetimes are not char literals.
    let src = "let q = '\"';\n// c\nfn f<'a>(x: &'a str) {}\n// d\nlet e = '\\'';\n// f\n";
    assert_eq!(cls(L::Rust, src), "c#c#c#");
    assert_eq!(cls(L::C, "char q = '\"'; /* c\n*/\nint x;\n"), "c#c");
    assert_eq!(cls(L::Go, "r := '\"'\n// c\n"), "c#");
}

#[test]
fn rust_multiline_and_raw_strings() {
    let src = "let s = \"line one\n// inside\n\n/* inside */\";\n// after\n";
    assert_eq!(cls(L::Rust, src), "cccc#");
    let src = "let r = r#\"a \" // b\n/* c\n\"#;\n// d\n";
    assert_eq!(cls(L::Rust, src), "ccc#");
    let src = "let r = r##\"x \"# still\n\"##; // e\n// f\n";
    assert_eq!(cls(L::Rust, src), "cc#");
    assert_eq!(cls(L::Rust, "let b = br\"\\\"; // x\n// y\n"), "c#");
    // `r` ending an identifier is not a raw-string prefix.
    assert_eq!(cls(L::Rust, "let s = for_r\"\\\" // x\n\";\n"), "cc");
}

#[test]
fn rust_doc_comments_read_as_markdown() {
    let src = "\
/// Summary.
///
/// ```rust
/// let x = 1;
/// ```
/// ```
/// let y = 2;
/// ```
//! Inner.
fn f() {}
";
    assert_eq!(cls(L::Rust, src), "#.#c#####c");
    // A fence left open ends with the doc block.
    assert_eq!(
        cls(L::Rust, "/// ```rust\n/// a();\nb();\n/// c();\n"),
        "#cc#"
    );
    // `//` comments are plain comments even when empty.
    assert_eq!(cls(L::Rust, "//\n// x\n"), "##");
}

#[test]
fn cpp_raw_strings() {
    let src = "auto s = R\"(a \" // b\n/* c\n)\";\n// d\n";
    assert_eq!(cls(L::Cpp, src), "ccc#");
    let src = "auto s = u8R\"xy(a )\" b\n)xy\"; // c\n// d\n";
    assert_eq!(cls(L::Cpp, src), "cc#");
    // Digit separators are not char literals.
    assert_eq!(cls(L::Cpp, "int n = 1'000'000; // c\n// d\n"), "c#");
    // C has no raw strings: `R"(` is an identifier and a string.
    assert_eq!(cls(L::C, "R\"(\" // x\n// y\n"), "c#");
}

#[test]
fn c_one_line_strings_end_at_newline() {
    // An unterminated string ends at the newline; a backslash continues it.
    assert_eq!(cls(L::C, "s = \"abc\n// c\n"), "c#");
    assert_eq!(cls(L::C, "s = \"abc\\\n// not a comment\";\n// c\n"), "cc#");
}

#[test]
fn python_strings_and_docstrings() {
    let src = "\
def f():
    \"\"\"Docstring.

    # not a comment
    \"\"\"
    x = 1  # trailing
    # comment
    s = '# not'
    t = '''
'''
    return x
";
    // Docstrings are strings, so code, as tokei counts them by default.
    assert_eq!(cls(L::Python, src), "cccccc#cccc");
    assert_eq!(cls(L::Python, "x = 'it\\'s' # c\n# d\n"), "c#");
    assert_eq!(cls(L::Python, "x = r'\\\\' # c\n# d\n"), "c#");
    // One-quote strings end at the newline.
    assert_eq!(cls(L::Python, "x = 'abc\n# c\n"), "c#");
    assert_eq!(cls(L::Python, "x = \"\"\n# c\n"), "c#");
}

#[test]
fn javascript_templates_and_regexes() {
    let src = "const t = `a\n// inside\n${x /* in code */}\n`;\n// after\n";
    assert_eq!(cls(L::JavaScript, src), "cccc#");
    // Nested template inside an interpolation, braces counted.
    let src = "const t = `${f({a: `b${c}`})} // t\n/* still */`;\n// d\n";
    assert_eq!(cls(L::JavaScript, src), "cc#");
    // A regex holding quotes or comment markers opens nothing.
    let src = "const r = /[\"'`]/g; // c\nconst u = /\\/\\*/;\n/* d */\nif (x) return /'/.test(y)\n// e\n";
    assert_eq!(cls(L::JavaScript, src), "cc#c#");
    // Division is not a regex.
    assert_eq!(cls(L::TypeScript, "const h = a / b; /* c\n*/\n"), "c#");
    assert_eq!(cls(L::Tsx, "x = (a) / 2 / 'q'; // z\n// y\n"), "c#");
    // An apostrophe in JSX text opens a one-line string only.
    assert_eq!(cls(L::Tsx, "<p>Don't do it</p>\n// c\n"), "c#");
}

#[test]
fn go_raw_strings_and_java_text_blocks() {
    let src = "s := `line\n// inside\n\n`\n// c\n";
    assert_eq!(cls(L::Go, src), "cccc#");
    let src = "String s = \"\"\"\n    // inside\n    \"\"\";\n// c\n";
    assert_eq!(cls(L::Java, src), "ccc#");
    let src = "var s = @\"C:\\dir\\\";\n// c\nvar t = \"\"\"\n// in\n\"\"\";\n";
    assert_eq!(cls(L::CSharp, src), "c#ccc");
}

#[test]
fn block_comment_edges() {
    // Blank lines inside a block comment are comment lines, as in tokei.
    assert_eq!(cls(L::Java, "/**\n\n * x\n */\n"), "####");
    // Text after the closing marker is code.
    assert_eq!(cls(L::Java, "/*\n*/ int x;\n"), "#c");
    // An unterminated comment runs to the end.
    assert_eq!(cls(L::Java, "x();\n/* a\n\nb"), "c###");
    assert_eq!(cls(L::C, "/*/ still comment\n*/\n"), "##");
}
