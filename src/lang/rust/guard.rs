//! An upper bound on how deeply syn will recurse over a file, computed before syn sees it.
//!
//! syn parses, visits and drops syntax trees recursively, so absurd nesting (100,000 parentheses,
//! a 50,000-term `a + b + …` chain, an endless `else if` ladder, `|a, b| |c, d| …` closures)
//! would overflow the thread's stack, and a stack overflow aborts the whole process. This module
//! lexes the source once (strings, raw strings, chars, lifetimes and nested block comments are
//! understood, so their contents never count) and returns an estimate in *units* that is never
//! below the real recursion depth of any construct; `mod.rs` turns it into a stack size, or
//! refuses syn altogether.
//!
//! How the bound works: every bracket opens a level. Within a level, every token that can grow a
//! syntax tree (punctuation, keywords, lifetimes, brackets; not plain identifiers or literals)
//! adds a unit (`{` two, `<` three: syn's frames for blocks and generic arguments are larger).
//! Units are forgotten only where syn's recursion has certainly unwound: `;` ends a
//! statement; `,` ends a list element (except for `<` and `|` units, since generic arguments and
//! closure parameters hold commas while their recursion is still open); a closing `}` followed by
//! anything that cannot continue an expression (`else`, `as`, `.`, `?`, `(`, `[` and operators
//! can) ends a block-like statement or item. The estimate is the largest sum of units over all
//! open levels at any point of the file.

use super::lex::{
    is_ident_byte, is_keyword, is_operator, skip_block_comment, skip_line, skip_number,
    skip_raw_string, skip_string, utf8_width,
};

/// The deepest point of a file, in units, and the line where it was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Risk {
    pub units: u32,
    pub line: u32,
}

#[derive(Default, Clone, Copy)]
struct Level {
    /// Units forgotten at `,`.
    soft: u32,
    /// `<` units, forgotten at `;`, at a block's end, or one by one at `>`.
    angle: u32,
    /// `|` units, forgotten at `;` or at a block's end.
    pipe: u32,
}

impl Level {
    fn total(&self) -> u32 {
        self.soft
            .saturating_add(self.angle)
            .saturating_add(self.pipe)
    }
}

struct Estimator {
    levels: Vec<Level>,
    current: Level,
    /// Units of all enclosing levels (the current one excluded).
    outer: u32,
    /// A `}` just closed: the next token decides whether the statement ended.
    after_brace: bool,
    line: u32,
    max: Risk,
}

/// Estimates the recursion depth syn needs for `src`.
pub fn estimate(src: &str) -> Risk {
    let bytes = src.as_bytes();
    let mut e = Estimator {
        levels: Vec::new(),
        current: Level::default(),
        outer: 0,
        after_brace: false,
        line: 1,
        max: Risk { units: 0, line: 1 },
    };
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i = e.token(bytes, i, b);
    }
    e.max
}

impl Estimator {
    /// Reads the token starting with byte `b` at `i`; returns where the next one starts.
    #[inline]
    fn token(&mut self, bytes: &[u8], i: usize, b: u8) -> usize {
        match b {
            b'\n' => {
                self.line += 1;
                i + 1
            }
            b' ' | b'\t' | b'\r' => i + 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => skip_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => skip_block_comment(bytes, i, &mut self.line),
            b'"' => {
                self.plain();
                skip_string(bytes, i + 1, &mut self.line)
            }
            b'\'' => self.quote(bytes, i),
            b'0'..=b'9' => {
                self.plain();
                skip_number(bytes, i)
            }
            b if is_ident_byte(b) => self.ident(bytes, i),
            _ => self.bracket(bytes, i, b),
        }
    }

    /// Brackets, `;`, `,` and other punctuation.
    #[inline]
    fn bracket(&mut self, bytes: &[u8], i: usize, b: u8) -> usize {
        match b {
            b'(' | b'[' => {
                // After a block, these may call or index it.
                self.unit(Kind::Soft, true);
                self.open();
            }
            b'{' => {
                // Blocks cost syn about twice what other brackets do.
                self.unit(Kind::Soft, false);
                self.unit(Kind::Soft, false);
                self.open();
            }
            b')' | b']' => self.close(),
            b'}' => {
                self.close();
                self.after_brace = true;
            }
            b';' => self.end_statement(),
            b',' => self.end_element(),
            _ => return self.punct(bytes, i),
        }
        i + 1
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Soft,
    Angle,
    Pipe,
}

impl Estimator {
    /// Adds one unit; `continues` says whether the token may continue an expression after `}`.
    fn unit(&mut self, kind: Kind, continues: bool) {
        if self.after_brace {
            self.after_brace = false;
            if !continues {
                self.current = Level::default();
            }
        }
        match kind {
            Kind::Soft => self.current.soft = self.current.soft.saturating_add(1),
            Kind::Angle => self.current.angle = self.current.angle.saturating_add(1),
            Kind::Pipe => self.current.pipe = self.current.pipe.saturating_add(1),
        }
        let units = self.outer.saturating_add(self.current.total());
        if units > self.max.units {
            self.max = Risk {
                units,
                line: self.line,
            };
        }
    }

    /// A token that adds nothing (identifier, literal) but still ends a block-like statement.
    fn plain(&mut self) {
        if self.after_brace {
            self.after_brace = false;
            self.current = Level::default();
        }
    }

    fn open(&mut self) {
        self.outer = self.outer.saturating_add(self.current.total());
        self.levels.push(self.current);
        self.current = Level::default();
    }

    fn close(&mut self) {
        self.after_brace = false;
        if let Some(parent) = self.levels.pop() {
            self.outer = self.outer.saturating_sub(parent.total());
            self.current = parent;
        } else {
            self.current = Level::default();
        }
    }

    fn end_statement(&mut self) {
        self.after_brace = false;
        self.current = Level::default();
    }

    fn end_element(&mut self) {
        self.after_brace = false;
        self.current.soft = 0;
    }

    fn ident(&mut self, bytes: &[u8], start: usize) -> usize {
        let mut end = start;
        while bytes
            .get(end)
            .is_some_and(|&b| is_ident_byte(b) || b.is_ascii_digit())
        {
            end += 1;
        }
        let word = bytes.get(start..end).unwrap_or_default();
        let next = bytes.get(end).copied();
        if matches!(word, b"r" | b"br" | b"cr") && matches!(next, Some(b'"' | b'#')) {
            if let Some(after) = skip_raw_string(bytes, end, &mut self.line) {
                self.plain();
                return after;
            }
            if next == Some(b'#') && bytes.get(end + 1).is_some_and(|&b| is_ident_byte(b)) {
                // A raw identifier such as `r#type`: never a keyword.
                self.plain();
                return self.skip_ident_tail(bytes, end + 1);
            }
        }
        if matches!(word, b"b" | b"c") && next == Some(b'"') {
            self.plain();
            return skip_string(bytes, end + 1, &mut self.line);
        }
        if is_keyword(word) {
            self.unit(Kind::Soft, matches!(word, b"else" | b"as"));
        } else {
            self.plain();
        }
        end
    }

    fn skip_ident_tail(&self, bytes: &[u8], mut i: usize) -> usize {
        while bytes
            .get(i)
            .is_some_and(|&b| is_ident_byte(b) || b.is_ascii_digit())
        {
            i += 1;
        }
        i
    }

    /// `'`: a char literal (`'a'`, `'\n'`, `'é'`) or a lifetime / label (`'a`).
    fn quote(&mut self, bytes: &[u8], i: usize) -> usize {
        match bytes.get(i + 1) {
            Some(b'\\') => {
                self.plain();
                let mut j = i + 3;
                while let Some(&b) = bytes.get(j) {
                    if b == b'\'' || b == b'\n' {
                        break;
                    }
                    j += 1;
                }
                j + 1
            }
            Some(&b) => {
                let width = utf8_width(b);
                if bytes.get(i + 1 + width) == Some(&b'\'') {
                    self.plain();
                    i + 2 + width
                } else {
                    self.unit(Kind::Soft, false);
                    self.skip_ident_tail(bytes, i + 1)
                }
            }
            None => i + 1,
        }
    }

    fn punct(&mut self, bytes: &[u8], i: usize) -> usize {
        let b = bytes.get(i).copied().unwrap_or(b' ');
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            // `->`, `=>`, `>=`, `<=`, `|=`: one unit, never a generic or closure bracket.
            (b'-' | b'=', Some(b'>')) | (b'>' | b'<' | b'|', Some(b'=')) => {
                self.unit(Kind::Soft, true);
                i + 2
            }
            (b'<', _) => {
                // A generic argument list costs syn about three times a parenthesis.
                for _ in 0..3 {
                    self.unit(Kind::Angle, true);
                }
                i + 1
            }
            (b'>', _) => {
                self.unit(Kind::Soft, true);
                self.current.angle = self.current.angle.saturating_sub(3);
                i + 1
            }
            (b'|', _) => {
                self.unit(Kind::Pipe, true);
                i + 1
            }
            _ => {
                self.unit(Kind::Soft, is_operator(b));
                // Keep multi-byte characters whole so the scan stays on char boundaries.
                i + utf8_width(b)
            }
        }
    }
}
