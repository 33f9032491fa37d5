//! Hand-checked line classes for scripting, markup, data and prose languages, and robustness.
//!
//! Letters per line: `c` code, `#` comment, `.` blank.

use super::tests_code::cls;
use super::*;
use crate::lang::Language as L;

#[test]
fn shell_comments_strings_heredocs() {
    let src = "\
#!/bin/sh
# comment
echo $# ${#arr} a#b # real
cat <<EOF
# not a comment

EOF
x='it''s # in'
cat <<-'END' | grep x
\t# body
\tEND
# after
";
    assert_eq!(cls(L::Shell, src), "##ccccccccc#");
    // Shifts in arithmetic are not heredocs.
    assert_eq!(cls(L::Shell, "x=$((1<<2))\n# c\n"), "c#");
    // An escaped quote outside a string opens nothing.
    assert_eq!(cls(L::Shell, "tr -d \\\" # c\n# d\n"), "c#");
    assert_eq!(cls(L::Shell, "echo a \\\n  b\n# d\n"), "cc#");
}

#[test]
fn yaml_block_scalars_and_apostrophes() {
    let src = "\
# top
key: don't # c
script: |
  # part of the string

  make
other: 'quoted # not'
list:
  - >-
    # text
  # comment
";
    assert_eq!(cls(L::Yaml, src), "#ccc.ccccc#");
}

#[test]
fn markdown_is_prose_with_fenced_code() {
    let src = "\
# Title

Some text.
```rust
// a comment
let x = 1;

```
```js
let y = 2;
```
";
    // Prose and fences are comments; ```rust is Rust; `js` is not a language name (tokei).
    assert_eq!(cls(L::Markdown, src), "#.###c.####");
    assert_eq!(cls(L::Text, "hello\n\n world\n"), "#.#");
    assert_eq!(
        cls(L::ReStructuredText, "Title\n=====\n\n.. note::\n"),
        "##.#"
    );
}

#[test]
fn html_comments_tags_and_embedded_code() {
    let src = "\
<!-- a
 comment -->
<p class='x'>Don't</p>

<script type=\"text/javascript\">
  // js comment
  let s = 'a';
</script>
<style>
  /* css */
  p { color: red; }
</style>
<script src=\"x.js\"></script>
<!-- c --> <b>x</b>
";
    assert_eq!(cls(L::Html, src), "##c.c#ccc#cccc");
    assert_eq!(
        cls(
            L::Xml,
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<a b='1'\n   c=\"2\"/>\n"
        ),
        "c#cc"
    );
    assert_eq!(
        cls(L::Xml, "<![CDATA[ it's\n<!-- x -->\n]]>\n<!-- y -->\n"),
        "ccc#"
    );
}

#[test]
fn data_and_config_formats() {
    assert_eq!(cls(L::Json, "{\n\n  \"a\": \"// x\"\n}\n"), "c.cc");
    let toml = "# c\n[a]\nb = \"\"\"\n# in\n\"\"\"\nc = 'x#' # t\n";
    assert_eq!(cls(L::Toml, toml), "#ccccc");
    assert_eq!(cls(L::Ini, "; c\n# d\n[s]\nk = v ; e\n"), "##cc");
    assert_eq!(
        cls(
            L::Dockerfile,
            "# c\nFROM x\nRUN a \\\n  # comment line\n  b\n"
        ),
        "#cc#c"
    );
    assert_eq!(cls(L::Makefile, "# c\nall:\n\techo x # y\n"), "#cc");
    let cmake = "#[[ block\ncomment ]]\nset(x \"a\n# in\")\n#[==[ x ]==] y()\n";
    assert_eq!(cls(L::CMake, cmake), "##ccc");
}

#[test]
fn lua_long_brackets() {
    let src = "--[[ long\ncomment ]]\nx = [[ long\n-- string ]]\n--[==[ a ]] b\n]==] y = 1\n-- c\n";
    assert_eq!(cls(L::Lua, src), "##cc#c#");
}

#[test]
fn ruby_perl_php_powershell() {
    let ruby = "=begin\ndoc\n=end\nx = 1 # c\ny = <<~EOS\n  # in\n  EOS\n# c\n";
    assert_eq!(cls(L::Ruby, ruby), "###cccc#");
    let perl = "my $n = $#a; # c\n=pod\n\nDoc.\n=cut\nprint 1;\n";
    assert_eq!(cls(L::Perl, perl), "c####c");
    let php = "<?php\n#[Attr]\n# c\n$s = <<<EOT\n# in\n  EOT;\n// d\n";
    assert_eq!(cls(L::Php, php), "cc#ccc#");
    let ps = "<#\nblock\n#>\n$s = @\"\n# in\n\"@\n$t = \"a`\"b\" # c\n";
    assert_eq!(cls(L::PowerShell, ps), "###cccc");
}

#[test]
fn sql_haskell_css_proto() {
    assert_eq!(
        cls(L::Sql, "-- c\nSELECT 'a -- b'\n/* x\n*/ FROM t;\n"),
        "#c#c"
    );
    let hs = "{- a {- b -} c -}\nf x' = x' -- d\n-- e\ng = 'x'\n";
    assert_eq!(cls(L::Haskell, hs), "#c#c");
    assert_eq!(cls(L::Css, "/* a */\na { b: \"/*\" }\n// c\n"), "#c#");
    assert_eq!(cls(L::Protobuf, "// c\nmessage A {}\n"), "#c");
}

#[test]
fn never_panics_on_garbage() {
    let mut junk = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        junk.push((x >> 16) as u8);
    }
    // Bias toward syntax bytes so every state gets exercised.
    let alphabet = b"/*\"'`#-[]=<>{}\\\nr$@R()!|~ x";
    let syntaxy: Vec<u8> = junk
        .iter()
        .map(|&b| alphabet[usize::from(b) % alphabet.len()])
        .collect();
    let langs = [
        L::Rust,
        L::Python,
        L::JavaScript,
        L::Cpp,
        L::Go,
        L::CSharp,
        L::Lua,
        L::Shell,
        L::Ruby,
        L::Perl,
        L::Php,
        L::PowerShell,
        L::Yaml,
        L::Toml,
        L::CMake,
        L::Html,
        L::Xml,
        L::Markdown,
        L::Haskell,
        L::Json,
        L::Sql,
        L::Dockerfile,
        L::Ini,
        L::Text,
    ];
    for lang in langs {
        for bytes in [&junk, &syntaxy] {
            let lines = classify_bytes(lang, bytes);
            let newlines = bytes.iter().filter(|&&c| c == b'\n').count();
            let expected = newlines + usize::from(bytes.last() != Some(&b'\n'));
            assert_eq!(lines.len(), expected, "{lang:?}");
        }
    }
    // Deep nesting is a counter, not recursion.
    let deep = "/*".repeat(100_000) + "\nx\n" + &"*/".repeat(100_000) + "\ny\n";
    assert_eq!(cls(L::Rust, &deep), "###c");
    let deep_js = "`${".repeat(1000) + "\n";
    assert_eq!(classify(L::JavaScript, &deep_js).len(), 1);
}
