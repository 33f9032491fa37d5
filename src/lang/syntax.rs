//! Comment and string syntax per language, for the line classifier.
//!
//! One table entry per [`Language`] describes what the byte-level classifier in
//! `metrics::lines` must know to tell code from comments: line-comment markers and where they
//! count, block comments (and whether they nest), string quotes (escape byte, whether they may
//! span lines), and the few literal forms that need more than a quote pair (Rust raw strings and
//! char literals, C++ raw strings, JavaScript template literals and regular expressions, Lua long
//! brackets, heredocs, column-0 blocks such as Ruby `=begin` and Perl POD). The data is static:
//! no lookup allocates.

mod fence;

use super::Language;

pub use fence::fence_language;

/// How a language's lines are classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Source code: the comment/string state machine.
    Code,
    /// Prose (Markdown, plain text, reStructuredText): every non-blank line is a comment, except
    /// fenced code blocks tagged with a known language, which are classified in that language.
    Prose,
    /// HTML or XML: `<!-- -->` comments, quotes only inside tags; HTML `<script>` and `<style>`
    /// contents are classified as JavaScript and CSS when `embeds` is set.
    Markup { embeds: bool },
    /// Data without comments (JSON): every non-blank line is code.
    Data,
}

/// Where a line-comment marker starts a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentRule {
    /// Anywhere outside strings.
    Anywhere,
    /// Only at the start of a word: at the start of the line, after whitespace, or after one of
    /// `; & | ( )` (shell `$#` and `a#b` are not comments).
    WordStart,
    /// Only as the first non-blank text of the line (INI, Dockerfile).
    LineStart,
}

/// A string literal delimited by `open` and `close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub open: &'static [u8],
    pub close: &'static [u8],
    /// The byte that escapes the next byte inside the string, if any.
    pub escape: Option<u8>,
    /// Whether the string may span lines. A one-line string ends at an unescaped newline.
    pub multiline: bool,
}

/// Heredoc forms, recognised in code and ended by a line holding only the delimiter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heredoc {
    None,
    /// `<<WORD`, `<< 'WORD'`, `<<-WORD` (leading tabs stripped from the closing line).
    Shell,
    /// `<<WORD`, `<<~WORD`, `<<-WORD`, `<<'WORD'` (no space after `<<`).
    Ruby,
    /// `<<<WORD`, `<<<'WORD'`; the closing line may be indented and followed by `;` or `,`.
    Php,
}

/// Everything the line classifier needs to know about one language.
#[derive(Debug, Clone, Copy)]
pub struct Syntax {
    pub kind: Kind,
    pub line_comments: &'static [&'static [u8]],
    pub comment_rule: CommentRule,
    /// Block comment delimiters.
    pub block: Option<(&'static [u8], &'static [u8])>,
    /// Whether block comments nest (Rust, Swift, Kotlin, Scala, Haskell).
    pub nested: bool,
    /// Quotes, tried in order (longer openers first).
    pub quotes: &'static [Quote],
    /// Quotes start a string only at the start of a scalar (YAML: `don't` is not a string).
    pub quotes_at_word_start: bool,
    /// `'x'`, `'\n'` char literals (a lone `'` stays code: lifetimes, primes, digit separators).
    pub char_literals: bool,
    /// Rust: raw strings `r#"…"#`, and `///` / `//!` doc lines read as Markdown (as tokei does).
    pub rust: bool,
    /// C++ raw strings `R"delim(…)delim"`.
    pub cpp_raw: bool,
    /// JavaScript/TypeScript: template literals with `${…}` nesting, regular expression literals.
    pub js: bool,
    /// Long brackets `[[…]]`, `[==[…]==]` as strings, and as comments after this line-comment
    /// marker (Lua `--[[`, CMake `#[[`).
    pub long_bracket: Option<&'static [u8]>,
    pub heredoc: Heredoc,
    /// Blocks that open and close with a marker at column 0 (Ruby `=begin`/`=end`, Perl POD
    /// `=pod`…`=cut`); a `=` opener matches any `=word` line.
    pub column0_block: Option<(&'static [u8], &'static [u8])>,
    /// YAML block scalars (`key: |`, `- >-`): the more-indented lines that follow are content.
    pub yaml: bool,
    /// PHP 8 attributes: `#[` is code, not a `#` comment.
    pub hash_bracket_is_code: bool,
    /// A byte that escapes the next one in code too (shell `\"`, `\#`; PowerShell `` `" ``), so
    /// the escaped byte opens nothing.
    pub code_escape: Option<u8>,
}

const BASE: Syntax = Syntax {
    kind: Kind::Code,
    line_comments: &[],
    comment_rule: CommentRule::Anywhere,
    block: None,
    nested: false,
    quotes: &[],
    quotes_at_word_start: false,
    char_literals: false,
    rust: false,
    cpp_raw: false,
    js: false,
    long_bracket: None,
    heredoc: Heredoc::None,
    column0_block: None,
    yaml: false,
    hash_bracket_is_code: false,
    code_escape: None,
};

const fn q(
    open: &'static [u8],
    close: &'static [u8],
    escape: Option<u8>,
    multiline: bool,
) -> Quote {
    Quote {
        open,
        close,
        escape,
        multiline,
    }
}

const BS: Option<u8> = Some(b'\\');
const DQ: Quote = q(b"\"", b"\"", BS, false);
const SQ: Quote = q(b"'", b"'", BS, false);
const DQ_ML: Quote = q(b"\"", b"\"", BS, true);
const SQ_ML: Quote = q(b"'", b"'", BS, true);
const SQ_RAW_ML: Quote = q(b"'", b"'", None, true);
const TDQ: Quote = q(b"\"\"\"", b"\"\"\"", BS, true);
const TSQ: Quote = q(b"'''", b"'''", BS, true);
const TDQ_RAW: Quote = q(b"\"\"\"", b"\"\"\"", None, true);
const TSQ_RAW: Quote = q(b"'''", b"'''", None, true);

const SLASH: &[&[u8]] = &[b"//"];
const HASH: &[&[u8]] = &[b"#"];
const DASH: &[&[u8]] = &[b"--"];
const C_BLOCK: Option<(&[u8], &[u8])> = Some((b"/*", b"*/"));

static RUST: Syntax = Syntax {
    line_comments: SLASH,
    block: C_BLOCK,
    nested: true,
    quotes: &[DQ_ML],
    char_literals: true,
    rust: true,
    ..BASE
};
static C: Syntax = Syntax {
    line_comments: SLASH,
    block: C_BLOCK,
    quotes: &[DQ],
    char_literals: true,
    ..BASE
};
static CPP: Syntax = Syntax { cpp_raw: true, ..C };
static JAVA: Syntax = Syntax {
    quotes: &[TDQ, DQ],
    ..C
};
static CSHARP: Syntax = Syntax {
    quotes: &[TDQ_RAW, q(b"@\"", b"\"", None, true), DQ],
    ..C
};
static GO: Syntax = Syntax {
    quotes: &[DQ, q(b"`", b"`", None, true)],
    ..C
};
static KOTLIN: Syntax = Syntax {
    nested: true,
    quotes: &[TDQ_RAW, DQ],
    ..C
};
static SCALA: Syntax = KOTLIN;
static SWIFT: Syntax = Syntax {
    nested: true,
    quotes: &[TDQ, DQ],
    char_literals: false,
    ..C
};
static JS: Syntax = Syntax {
    line_comments: SLASH,
    block: C_BLOCK,
    quotes: &[DQ, SQ],
    js: true,
    ..BASE
};
static CSS: Syntax = Syntax {
    line_comments: SLASH,
    block: C_BLOCK,
    quotes: &[DQ, SQ],
    ..BASE
};
static PROTOBUF: Syntax = CSS;
static PHP: Syntax = Syntax {
    line_comments: &[b"//", b"#"],
    block: C_BLOCK,
    quotes: &[DQ_ML, SQ_ML],
    heredoc: Heredoc::Php,
    hash_bracket_is_code: true,
    ..BASE
};
static PYTHON: Syntax = Syntax {
    line_comments: HASH,
    quotes: &[TDQ, TSQ, DQ, SQ],
    ..BASE
};
static RUBY: Syntax = Syntax {
    line_comments: HASH,
    quotes: &[DQ_ML, SQ_ML],
    heredoc: Heredoc::Ruby,
    column0_block: Some((b"=begin", b"=end")),
    code_escape: Some(b'\\'),
    ..BASE
};
static PERL: Syntax = Syntax {
    line_comments: HASH,
    comment_rule: CommentRule::WordStart,
    quotes: &[DQ_ML, SQ_ML],
    heredoc: Heredoc::Ruby,
    column0_block: Some((b"=", b"=cut")),
    code_escape: Some(b'\\'),
    ..BASE
};
static SHELL: Syntax = Syntax {
    line_comments: HASH,
    comment_rule: CommentRule::WordStart,
    quotes: &[DQ_ML, SQ_RAW_ML],
    heredoc: Heredoc::Shell,
    code_escape: Some(b'\\'),
    ..BASE
};
static POWERSHELL: Syntax = Syntax {
    line_comments: HASH,
    block: Some((b"<#", b"#>")),
    quotes: &[
        q(b"@\"", b"\"@", None, true),
        q(b"@'", b"'@", None, true),
        q(b"\"", b"\"", Some(b'`'), true),
        SQ_RAW_ML,
    ],
    code_escape: Some(b'`'),
    ..BASE
};
static LUA: Syntax = Syntax {
    line_comments: DASH,
    quotes: &[DQ, SQ],
    long_bracket: Some(b"--"),
    ..BASE
};
static HASKELL: Syntax = Syntax {
    line_comments: DASH,
    block: Some((b"{-", b"-}")),
    nested: true,
    quotes: &[DQ],
    char_literals: true,
    ..BASE
};
static SQL: Syntax = Syntax {
    line_comments: DASH,
    block: C_BLOCK,
    quotes: &[SQ_ML],
    ..BASE
};
static YAML: Syntax = Syntax {
    line_comments: HASH,
    comment_rule: CommentRule::WordStart,
    quotes: &[DQ, q(b"'", b"'", None, false)],
    quotes_at_word_start: true,
    yaml: true,
    ..BASE
};
static TOML: Syntax = Syntax {
    line_comments: HASH,
    quotes: &[TDQ, TSQ_RAW, DQ, q(b"'", b"'", None, false)],
    ..BASE
};
static INI: Syntax = Syntax {
    line_comments: &[b";", b"#"],
    comment_rule: CommentRule::LineStart,
    ..BASE
};
static MAKEFILE: Syntax = Syntax {
    line_comments: HASH,
    code_escape: Some(b'\\'),
    ..BASE
};
static DOCKERFILE: Syntax = Syntax {
    line_comments: HASH,
    comment_rule: CommentRule::LineStart,
    ..BASE
};
static CMAKE: Syntax = Syntax {
    line_comments: HASH,
    quotes: &[DQ_ML],
    long_bracket: Some(b"#"),
    code_escape: Some(b'\\'),
    ..BASE
};
static PROSE: Syntax = Syntax {
    kind: Kind::Prose,
    ..BASE
};
static HTML: Syntax = Syntax {
    kind: Kind::Markup { embeds: true },
    ..BASE
};
static XML: Syntax = Syntax {
    kind: Kind::Markup { embeds: false },
    ..BASE
};
static DATA: Syntax = Syntax {
    kind: Kind::Data,
    ..BASE
};

// seamline: allow(cyclomatic) reason="flat lookup table, one arm per language (exhaustive match)"
/// The comment and string syntax of `lang`.
pub fn syntax(lang: Language) -> &'static Syntax {
    use Language as L;
    match lang {
        L::Rust => &RUST,
        L::C => &C,
        L::Cpp => &CPP,
        L::Java => &JAVA,
        L::CSharp => &CSHARP,
        L::Go => &GO,
        L::Kotlin => &KOTLIN,
        L::Scala => &SCALA,
        L::Swift => &SWIFT,
        L::JavaScript | L::TypeScript | L::Tsx => &JS,
        L::Css | L::Scss => &CSS,
        L::Protobuf => &PROTOBUF,
        L::Php => &PHP,
        L::Python => &PYTHON,
        L::Ruby => &RUBY,
        L::Perl => &PERL,
        L::Shell => &SHELL,
        L::PowerShell => &POWERSHELL,
        L::Lua => &LUA,
        L::Haskell => &HASKELL,
        L::Sql => &SQL,
        L::Yaml => &YAML,
        L::Toml => &TOML,
        L::Ini => &INI,
        L::Makefile => &MAKEFILE,
        L::Dockerfile => &DOCKERFILE,
        L::CMake => &CMAKE,
        L::Markdown | L::ReStructuredText | L::Text => &PROSE,
        L::Html => &HTML,
        L::Xml => &XML,
        L::Json => &DATA,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_syntax() {
        assert!(syntax(Language::Rust).nested);
        assert!(!syntax(Language::C).nested);
        assert_eq!(syntax(Language::Json).kind, Kind::Data);
        assert_eq!(syntax(Language::Markdown).kind, Kind::Prose);
        assert_eq!(syntax(Language::Html).kind, Kind::Markup { embeds: true });
        assert_eq!(syntax(Language::Python).quotes.first(), Some(&TDQ));
    }
}
