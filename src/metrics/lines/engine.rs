//! The state machine that classifies lines of source code.
//!
//! One `Engine` walks a file line by line, carrying its mode (code, block comment, string, raw
//! string, template literal, heredoc, …) from line to line. Within a line it records whether it
//! saw code and whether it saw comment text; the class follows: any code makes a code line, else
//! any comment makes a comment line, else the line is blank. A line that starts inside a block
//! comment counts as comment text, one that starts inside a string counts as code, so blank lines
//! inside block comments are comments and blank lines inside strings are code (as in tokei).
//!
//! Speed: in code mode a 256-entry table sorts bytes into plain, whitespace and special; runs of
//! plain bytes are skipped in a tight loop and only special bytes (comment and quote openers,
//! newline) are looked at. Other modes search for their closing byte the same way.

mod close;
mod open;

use crate::lang::syntax::{Heredoc as HeredocStyle, Syntax};

use super::literals::{self, Heredoc};
use super::prose::Prose;
use super::{is_blank, is_space, line_end, LineClass};

const PLAIN: u8 = 0;
const SPACE: u8 = 1;
const SPECIAL: u8 = 2;

/// Nesting limit for `${…}` inside JavaScript template literals; deeper ones are read as text.
const MAX_TEMPLATE_DEPTH: usize = 16;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Code,
    /// Inside a block comment, at this nesting depth.
    Block(u32),
    /// Inside a Lua/CMake long-bracket comment or string of this level (`[==[` is level 2).
    LongComment(u16),
    LongString(u16),
    /// Inside the string opened by `syn.quotes[i]`.
    Str(u8),
    /// Inside a Rust raw string closed by `"` and this many `#`.
    RawStr(u16),
    /// Inside a C++ raw string; its delimiter is `b[delim..delim + len]`.
    CppRaw {
        delim: usize,
        len: u8,
    },
    /// Inside the text part of a JavaScript template literal.
    Template,
    /// Inside a Ruby `=begin` / Perl POD block.
    Column0,
    /// Inside a heredoc body.
    Heredoc(Heredoc),
}

pub(super) struct Engine {
    syn: &'static Syntax,
    table: [u8; 256],
    mode: Mode,
    /// The current line has code / comment text.
    code: bool,
    comment: bool,
    /// The current line ends with an escaped newline inside a string (the string goes on).
    cont: bool,
    /// Class forced for the current line (Rust doc lines, read as Markdown).
    forced: Option<LineClass>,
    /// Open `${` of template literals: braces opened inside each, innermost last.
    templates: [u32; MAX_TEMPLATE_DEPTH],
    depth: usize,
    /// A heredoc opened on the current line; its body starts on the next one.
    pending: Option<Heredoc>,
    /// YAML: indentation of the key owning an open block scalar.
    yaml_parent: Option<usize>,
    /// Where the current line's line comment starts.
    comment_at: Option<usize>,
    /// Rust doc comments (`///`, `//!`) read as Markdown, as tokei does.
    doc: Option<Prose>,
    doc_line: bool,
}

impl Engine {
    pub(super) fn new(syn: &'static Syntax, embed: bool) -> Self {
        Engine {
            syn,
            table: byte_table(syn),
            mode: Mode::Code,
            code: false,
            comment: false,
            cont: false,
            forced: None,
            templates: [0; MAX_TEMPLATE_DEPTH],
            depth: 0,
            pending: None,
            yaml_parent: None,
            comment_at: None,
            doc: (syn.rust && embed).then(|| Prose::new(true)),
            doc_line: false,
        }
    }

    /// Classifies the line starting at `start`; returns its class and the next line's start.
    #[inline]
    pub(super) fn line(&mut self, b: &[u8], start: usize) -> (LineClass, usize) {
        self.code = false;
        self.comment = false;
        self.cont = false;
        self.forced = None;
        self.doc_line = false;
        self.comment_at = None;
        if let Some(done) = self.line_start(b, start) {
            return done;
        }
        match self.mode {
            Mode::Code => {}
            Mode::Block(_) | Mode::LongComment(_) | Mode::Column0 => self.comment = true,
            _ => self.code = true,
        }
        let mut i = start;
        loop {
            let next = match self.mode {
                Mode::Code => self.scan_code(b, i),
                Mode::Block(depth) => self.scan_block(b, i, depth),
                Mode::LongComment(level) | Mode::LongString(level) => self.scan_long(b, i, level),
                Mode::Str(k) => self.scan_str(b, i, k),
                Mode::RawStr(hashes) => self.scan_raw(b, i, hashes),
                Mode::CppRaw { delim, len } => self.scan_cpp_raw(b, i, delim, len),
                Mode::Template => self.scan_template(b, i),
                Mode::Column0 | Mode::Heredoc(_) => line_end(b, i),
            };
            match b.get(next) {
                None | Some(b'\n') => {
                    i = next;
                    break;
                }
                // Every scan moves forward; `max` makes that a guarantee.
                Some(_) => i = next.max(i + 1),
            }
        }
        self.end_line(b, start, i)
    }

    /// Whole-line forms decided at the start of a line: heredoc bodies, column-0 blocks, YAML
    /// block scalars.
    #[inline(always)]
    fn line_start(&mut self, b: &[u8], start: usize) -> Option<(LineClass, usize)> {
        let syn = self.syn;
        match self.mode {
            Mode::Heredoc(h) => {
                let end = line_end(b, start);
                if literals::heredoc_closes(b, start, end, h) {
                    self.mode = Mode::Code;
                }
                Some((LineClass::Code, end + 1))
            }
            Mode::Column0 => {
                let end = line_end(b, start);
                if let Some((_, close)) = syn.column0_block {
                    if literals::column0_marker(b, start, close) {
                        self.mode = Mode::Code;
                    }
                }
                Some((LineClass::Comment, end + 1))
            }
            Mode::Code => self.code_line_start(b, start),
            _ => None,
        }
    }

    /// The start of a line in code: inside a YAML block scalar, or opening a column-0 block.
    #[inline(always)]
    fn code_line_start(&mut self, b: &[u8], start: usize) -> Option<(LineClass, usize)> {
        if let Some(parent) = self.yaml_parent {
            let end = line_end(b, start);
            let text = b.get(start..end).unwrap_or_default();
            if is_blank(text) {
                return Some((LineClass::Blank, end + 1));
            }
            if text.iter().take_while(|&&c| c == b' ').count() > parent {
                return Some((LineClass::Code, end + 1));
            }
            self.yaml_parent = None;
        }
        let (open, _) = self.syn.column0_block?;
        if literals::column0_opens(b, start, open) {
            self.mode = Mode::Column0;
            return Some((LineClass::Comment, line_end(b, start) + 1));
        }
        None
    }

    /// Settles the mode at the end of a line (`i` is at its `\n` or at the end of the text) and
    /// returns the line's class and the next line's start.
    #[inline(always)]
    fn end_line(&mut self, b: &[u8], start: usize, i: usize) -> (LineClass, usize) {
        self.end_string();
        if let Some(h) = self.pending.take() {
            if self.mode == Mode::Code {
                self.mode = Mode::Heredoc(h);
            }
        }
        if self.syn.yaml && self.code && self.mode == Mode::Code {
            let end = self.comment_at.unwrap_or(i);
            self.yaml_parent = literals::yaml_block_scalar(b, start, end);
        }
        if !self.doc_line {
            if let Some(doc) = &mut self.doc {
                doc.reset();
            }
        }
        let class = self.forced.unwrap_or(if self.code {
            LineClass::Code
        } else if self.comment {
            LineClass::Comment
        } else {
            LineClass::Blank
        });
        (class, i + 1)
    }

    /// At the end of a line, a string that may not span lines (and is not continued) ends.
    #[inline(always)]
    fn end_string(&mut self) {
        let Mode::Str(k) = self.mode else { return };
        let multiline = self
            .syn
            .quotes
            .get(usize::from(k))
            .is_some_and(|q| q.multiline);
        if !multiline && !self.cont {
            self.mode = Mode::Code;
        }
    }

    fn scan_code(&mut self, b: &[u8], mut i: usize) -> usize {
        while let Some(&c) = b.get(i) {
            match self.table[usize::from(c)] {
                SPACE => i = skip_indent(b, i + 1),
                PLAIN => {
                    self.code = true;
                    i = skip_plain(&self.table, b, i + 1);
                }
                _ => {
                    if c == b'\n' {
                        return i;
                    }
                    let (next, leave) = self.special(b, i, c);
                    i = next;
                    if leave {
                        return i;
                    }
                }
            }
        }
        i
    }
}

/// The first byte at or after `i` that is not a space or tab; indentation goes eight spaces (or
/// tabs) per step.
#[inline]
fn skip_indent(b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let word = u64::from_le_bytes(chunk);
        if word != 0x2020_2020_2020_2020 && word != 0x0909_0909_0909_0909 {
            break;
        }
        i += 8;
    }
    while matches!(b.get(i), Some(b' ' | b'\t')) {
        i += 1;
    }
    i
}

/// The first special byte at or after `i` (once a line has code, whitespace no longer matters).
/// Eight bytes are checked per step: `SPECIAL` is a bit, so one test covers their OR.
#[inline]
fn skip_plain(table: &[u8; 256], b: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <&[u8; 8]>::try_from(c).ok()) {
        let any = chunk.iter().fold(0, |acc, &c| acc | table[usize::from(c)]);
        if any & SPECIAL != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if table[usize::from(c)] == SPECIAL {
            break;
        }
        i += 1;
    }
    i
}

/// Sorts bytes for code mode: whitespace, plain, or special (may open a comment or literal).
fn byte_table(syn: &Syntax) -> [u8; 256] {
    const WHITESPACE: [u8; 256] = {
        let mut t = [PLAIN; 256];
        let mut c = 0;
        while c < 128 {
            if is_space(c as u8) {
                t[c] = SPACE;
            }
            c += 1;
        }
        t
    };
    let mut t = WHITESPACE;
    let mut mark = |c: Option<&u8>| {
        if let Some(&c) = c {
            t[usize::from(c)] = SPECIAL;
        }
    };
    mark(Some(&b'\n'));
    for m in syn.line_comments {
        mark(m.first());
    }
    if let Some((open, _)) = syn.block {
        mark(open.first());
    }
    for q in syn.quotes {
        mark(q.open.first());
    }
    if syn.char_literals {
        mark(Some(&b'\''));
    }
    if syn.js {
        for c in [b'`', b'{', b'}', b'/'] {
            mark(Some(&c));
        }
    }
    if syn.long_bracket.is_some() {
        mark(Some(&b'['));
    }
    if syn.heredoc != HeredocStyle::None {
        mark(Some(&b'<'));
    }
    mark(syn.code_escape.as_ref());
    t
}
