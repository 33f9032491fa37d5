//! Recognisers for the literal forms that a quote pair cannot describe: char literals, Rust and
//! C++ raw strings, JavaScript regular expressions, Lua/CMake long brackets, heredocs, Ruby/Perl
//! column-0 blocks and YAML block scalars.
//!
//! Each looks at a few bytes around a position and answers without allocating. Forms that stay
//! on one line (char literals, regular expressions) are consumed whole and never open a state
//! that could run past the line, so a wrong guess cannot spill into later lines.

use crate::lang::syntax::Heredoc as Style;

use super::is_space;

/// A heredoc whose body runs until a line holding only `b[delim..delim + len]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Heredoc {
    delim: usize,
    len: u16,
    /// Leading whitespace of the closing line is ignored (`<<-`, `<<~`, PHP).
    strip: bool,
    /// The delimiter may be followed by more text on the closing line (PHP `EOT;`).
    prefix: bool,
}

fn is_ident(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

fn prev(b: &[u8], i: usize) -> Option<u8> {
    i.checked_sub(1).and_then(|p| b.get(p)).copied()
}

/// A shell-style comment may start here: at the start of a line, after whitespace or after one
/// of `; & | ( )`.
pub(super) fn word_start(b: &[u8], i: usize) -> bool {
    after_boundary(b, i, b";&|()")
}

/// A YAML quoted scalar may start here: at the start of a line, after whitespace or `[ { ,`.
pub(super) fn scalar_start(b: &[u8], i: usize) -> bool {
    after_boundary(b, i, b"[{,")
}

/// `i` is at the start of the text, or after whitespace or one of `also`.
fn after_boundary(b: &[u8], i: usize, also: &[u8]) -> bool {
    prev(b, i).is_none_or(|c| is_space(c) || also.contains(&c))
}

/// UTF-8 sequence length from its lead byte (1 for ASCII and stray continuation bytes).
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// A char literal at `i` (`'x'`, `'é'`, `'\n'`, `'\u{1F600}'`, `'\''`): returns the position
/// after its closing quote. `None` for a lone `'` (Rust lifetime, Haskell prime, C++ digit
/// separator), which is then plain code.
pub(super) fn char_literal(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i + 1)? {
        b'\\' => {
            // The escaped byte, then up to ten more (`\u{10FFFF}`) before the closing quote.
            let body = b.get(i + 3..)?;
            let close = body
                .iter()
                .take(10)
                .position(|&c| c == b'\'' || c == b'\n')?;
            (body.get(close) == Some(&b'\'')).then_some(i + 3 + close + 1)
        }
        b'\'' | b'\n' => None,
        lead => {
            let after = i + 1 + utf8_len(lead);
            (b.get(after) == Some(&b'\'')).then_some(after + 1)
        }
    }
}

/// A Rust raw string whose opening `"` is at `i`: `r"`, `r#"`, `br##"`, `cr"`. Returns the
/// number of `#`. The prefix was already read as code; this looks back at it.
pub(super) fn rust_raw(b: &[u8], i: usize) -> Option<u16> {
    let before = b.get(..i)?;
    let hashes = before.iter().rev().take_while(|&&c| c == b'#').count();
    let r = i.checked_sub(hashes + 1)?;
    if b.get(r) != Some(&b'r') {
        return None;
    }
    let ok = match prev(b, r) {
        Some(b'b' | b'c') => !prev(b, r - 1).is_some_and(is_ident),
        Some(c) => !is_ident(c),
        None => true,
    };
    (ok && hashes <= usize::from(u16::MAX)).then_some(hashes as u16)
}

/// A C++ raw string whose opening `"` is at `i` (`R"(`, `u8R"x(`, `LR"--(`): returns where its
/// delimiter starts and its length (at most 16, as the standard allows).
pub(super) fn cpp_raw(b: &[u8], i: usize) -> Option<(usize, u8)> {
    let r = i.checked_sub(1)?;
    if b.get(r) != Some(&b'R') {
        return None;
    }
    let start = b
        .get(..r)?
        .iter()
        .rev()
        .take_while(|&&c| is_ident(c))
        .count();
    let prefix = b.get(r - start..r)?;
    if !matches!(prefix, b"" | b"u8" | b"u" | b"U" | b"L") {
        return None;
    }
    let delim = i + 1;
    let body = b.get(delim..)?;
    let len = body.iter().take(17).position(|&c| c == b'(')?;
    let ok = body
        .get(..len)?
        .iter()
        .all(|&c| !is_space(c) && !matches!(c, b')' | b'\\' | b'"'));
    ok.then_some((delim, len as u8))
}

/// A JavaScript regular expression literal whose opening `/` is at `i` (the caller has ruled
/// out `//` and `/*`): returns the position after its closing `/`. A regex may only follow an
/// operator, an opening bracket, a keyword such as `return`, or start a line, and must close on
/// the same line; anything else is division.
pub(super) fn regex_end(b: &[u8], i: usize) -> Option<usize> {
    if !regex_may_start(b, i)? || b.get(i + 1).is_none_or(|&c| is_space(c)) {
        return None;
    }
    let mut j = i + 1;
    let mut class = false;
    loop {
        match *b.get(j)? {
            b'\n' => return None,
            b'\\' if b.get(j + 1).is_none_or(|&c| c == b'\n') => return None,
            b'\\' => j += 2,
            b'[' => (class, j) = (true, j + 1),
            b']' => (class, j) = (false, j + 1),
            b'/' if !class => return Some(j + 1),
            _ => j += 1,
        }
    }
}

/// The keywords after which a `/` starts a regular expression, not a division.
const REGEX_KEYWORDS: &[&[u8]] = &[
    b"return",
    b"typeof",
    b"case",
    b"do",
    b"else",
    b"in",
    b"of",
    b"new",
    b"delete",
    b"void",
    b"throw",
    b"yield",
    b"await",
    b"instanceof",
];

/// Whether what comes before the `/` at `i` (spaces aside) lets a regular expression start.
fn regex_may_start(b: &[u8], i: usize) -> Option<bool> {
    let before = b.get(..i)?;
    let ws = before
        .iter()
        .rev()
        .take_while(|&&c| c != b'\n' && is_space(c))
        .count();
    let at = i - ws;
    Some(match prev(b, at) {
        None | Some(b'\n') => true,
        Some(c) if b"(,=:[!&|?{};~+-*%<>^".contains(&c) => true,
        Some(c) if c.is_ascii_alphabetic() => {
            let word_len = b
                .get(..at)?
                .iter()
                .rev()
                .take_while(|&&c| is_ident(c))
                .count();
            let word = b.get(at - word_len..at)?;
            REGEX_KEYWORDS.contains(&word)
        }
        Some(_) => false,
    })
}

/// A long bracket opener at `i` (`[[`, `[=[`, `[==[`…): its level and the position after it.
pub(super) fn long_open(b: &[u8], i: usize) -> Option<(u16, usize)> {
    if b.get(i) != Some(&b'[') {
        return None;
    }
    let rest = b.get(i + 1..)?;
    let level = rest.iter().take(256).take_while(|&&c| c == b'=').count();
    (rest.get(level) == Some(&b'[')).then_some((level as u16, i + level + 2))
}

/// A long bracket closer of `level` at `i` (`]]`, `]=]`…): the position after it.
pub(super) fn long_close(b: &[u8], i: usize, level: u16) -> Option<usize> {
    let level = usize::from(level);
    let eq = b.get(i + 1..i + 1 + level)?;
    (b.get(i) == Some(&b']')
        && eq.iter().all(|&c| c == b'=')
        && b.get(i + 1 + level) == Some(&b']'))
    .then_some(i + level + 2)
}

/// A heredoc opener at `i` (a `<`): the heredoc and the position after its delimiter word.
pub(super) fn heredoc_open(b: &[u8], i: usize, style: Style) -> Option<(Heredoc, usize)> {
    if prev(b, i) == Some(b'<') || b.get(i + 1) != Some(&b'<') {
        return None;
    }
    let (j, strip) = heredoc_marker(b, i + 2, style)?;
    let (delim, len, after) = match *b.get(j)? {
        q @ (b'\'' | b'"') => quoted_word(b, j, q)?,
        c => bare_word(b, j, c, style)?,
    };
    if len == 0 || len > 64 {
        return None;
    }
    let h = Heredoc {
        delim,
        len: len as u16,
        strip,
        prefix: style == Style::Php,
    };
    Some((h, after))
}

/// After `<<` at `j`: the rest of the opener before the delimiter word (PHP's third `<`, a
/// `-`/`~` that strips indentation, shell spaces and `\`). Returns where the word starts and
/// whether the heredoc strips indentation.
fn heredoc_marker(b: &[u8], mut j: usize, style: Style) -> Option<(usize, bool)> {
    let blank = |c| c == b' ' || c == b'\t';
    match style {
        Style::None => None,
        Style::Php => {
            if b.get(j) != Some(&b'<') {
                return None;
            }
            Some((j + 1 + count(b, j + 1, blank), true))
        }
        Style::Shell | Style::Ruby => {
            if b.get(j) == Some(&b'<') {
                return None; // `<<<` here-string
            }
            let strip = matches!(b.get(j), Some(b'-' | b'~'));
            j += usize::from(strip);
            if style == Style::Shell {
                j += count(b, j, blank);
                j += usize::from(b.get(j) == Some(&b'\\'));
            }
            Some((j, strip))
        }
    }
}

/// A delimiter word quoted with `q` at `j`: its start, length and the position after it.
fn quoted_word(b: &[u8], j: usize, q: u8) -> Option<(usize, usize, usize)> {
    let len = count(b, j + 1, |c| c != q && c != b'\n');
    (b.get(j + 1 + len) == Some(&q)).then_some((j + 1, len, j + len + 2))
}

/// A bare delimiter word starting with `c` at `j`: its start, length and the position after
/// it. A bare word must start like an identifier; Ruby and Perl words are capitalised
/// (`a <<b` is a shift), shell words may be anything (`<<eof`).
fn bare_word(b: &[u8], j: usize, c: u8, style: Style) -> Option<(usize, usize, usize)> {
    let starts = if style == Style::Ruby {
        c.is_ascii_uppercase() || c == b'_'
    } else {
        c.is_ascii_alphabetic() || c == b'_'
    };
    if !starts {
        return None;
    }
    let len = count(b, j, is_ident);
    Some((j, len, j + len))
}

fn count(b: &[u8], i: usize, f: impl Fn(u8) -> bool) -> usize {
    b.get(i..)
        .map_or(0, |r| r.iter().take_while(|&&c| f(c)).count())
}

/// Whether the line `b[start..end]` closes heredoc `h`.
pub(super) fn heredoc_closes(b: &[u8], start: usize, end: usize, h: Heredoc) -> bool {
    let mut line = b.get(start..end).unwrap_or_default();
    while let [rest @ .., last] = line {
        if !is_space(*last) {
            break;
        }
        line = rest;
    }
    if h.strip {
        let skip = line.iter().take_while(|&&c| is_space(c)).count();
        line = line.get(skip..).unwrap_or_default();
    }
    let Some(delim) = b.get(h.delim..h.delim + usize::from(h.len)) else {
        return true;
    };
    if h.prefix {
        line.starts_with(delim) && !line.get(delim.len()).is_some_and(|&c| is_ident(c))
    } else {
        line == delim
    }
}

/// Whether the line at `start` opens a column-0 block with `open` (`=begin`; for Perl POD, `=`
/// stands for any `=word` other than `=cut`).
pub(super) fn column0_opens(b: &[u8], start: usize, open: &[u8]) -> bool {
    if open == b"=" {
        b.get(start) == Some(&b'=')
            && b.get(start + 1).is_some_and(u8::is_ascii_alphabetic)
            && !column0_marker(b, start, b"=cut")
    } else {
        column0_marker(b, start, open)
    }
}

/// Whether the line at `start` begins with `marker` as a whole word.
pub(super) fn column0_marker(b: &[u8], start: usize, marker: &[u8]) -> bool {
    b.get(start..).is_some_and(|r| r.starts_with(marker))
        && b.get(start + marker.len()).is_none_or(|&c| is_space(c))
}

/// YAML: when the line `b[start..end]` (comment excluded) ends with a block scalar indicator
/// (`key: |`, `- >-`, `key: |2`), the indentation its content must exceed.
pub(super) fn yaml_block_scalar(b: &[u8], start: usize, end: usize) -> Option<usize> {
    let line = b.get(start..end)?;
    let trimmed = line.len() - line.iter().rev().take_while(|&&c| is_space(c)).count();
    let text = line.get(..trimmed)?;
    let mods = text
        .iter()
        .rev()
        .take(2)
        .take_while(|&&c| c.is_ascii_digit() || c == b'-' || c == b'+')
        .count();
    let ind = trimmed.checked_sub(mods + 1)?;
    if !matches!(text.get(ind), Some(b'|' | b'>')) {
        return None;
    }
    if ind > 0 && !text.get(ind - 1).is_some_and(|&c| is_space(c)) {
        return None;
    }
    // Skip the indentation and any `- ` list markers: the key (or the last `-` when the scalar is
    // the item itself) sets the indentation the content must exceed.
    let mut key = count(text, 0, |c| c == b' ');
    let mut dash = None;
    while text.get(key) == Some(&b'-') && text.get(key + 1).is_some_and(|&c| c == b' ') {
        dash = Some(key);
        key += 1 + count(text, key + 1, |c| c == b' ');
    }
    Some(if key == ind { dash.unwrap_or(key) } else { key })
}
