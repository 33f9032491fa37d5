//! Openers: what a special byte starts when it is met in code (a line comment, a block
//! comment, a string, a raw string, a template literal, a heredoc…).

use crate::lang::syntax::{CommentRule, Heredoc as HeredocStyle};

use super::super::{at, line_end, literals};
use super::{Engine, Mode};

impl Engine {
    /// Handles a special byte in code. Returns the position after it and whether the mode
    /// changed (or the line comment ran to the end of the line).
    pub(super) fn special(&mut self, b: &[u8], i: usize, c: u8) -> (usize, bool) {
        if Some(c) == self.syn.code_escape {
            self.code = true;
            // Skip the escaped byte, but never the newline: `\` at the end continues the line.
            let skip = if b.get(i + 1).is_none_or(|&n| n == b'\n') {
                1
            } else {
                2
            };
            return (i + skip, false);
        }
        if let Some(done) = self.comment_open(b, i) {
            return done;
        }
        if let Some(done) = self.literal(b, i, c) {
            return done;
        }
        if let Some(done) = self.quote_open(b, i) {
            return done;
        }
        self.code = true;
        (i + 1, false)
    }

    /// A line or block comment opening at `i`, if one does.
    fn comment_open(&mut self, b: &[u8], i: usize) -> Option<(usize, bool)> {
        let syn = self.syn;
        for &marker in syn.line_comments {
            if at(b, i, marker) && self.comment_may_start(b, i, marker) {
                return Some((self.line_comment(b, i, marker), true));
            }
        }
        let (open, _) = syn.block?;
        if !at(b, i, open) {
            return None;
        }
        self.comment = true;
        self.mode = Mode::Block(1);
        Some((i + open.len(), true))
    }

    /// A quoted string opening at `i`, if one does.
    fn quote_open(&mut self, b: &[u8], i: usize) -> Option<(usize, bool)> {
        let syn = self.syn;
        let word_ok = !syn.quotes_at_word_start || literals::scalar_start(b, i);
        let (k, quote) = syn
            .quotes
            .iter()
            .enumerate()
            .find(|(_, quote)| at(b, i, quote.open) && word_ok)?;
        self.code = true;
        self.mode = Mode::Str(k as u8);
        Some((i + quote.open.len(), true))
    }

    fn comment_may_start(&self, b: &[u8], i: usize, marker: &[u8]) -> bool {
        if self.syn.hash_bracket_is_code && marker == b"#" && b.get(i + 1) == Some(&b'[') {
            return false;
        }
        match self.syn.comment_rule {
            CommentRule::Anywhere => true,
            CommentRule::WordStart => literals::word_start(b, i),
            CommentRule::LineStart => !self.code,
        }
    }

    /// A line comment at `i`: returns where the line ends, or, for a long-bracket comment,
    /// where its opener ends.
    fn line_comment(&mut self, b: &[u8], i: usize, marker: &[u8]) -> usize {
        if !self.code && (at(b, i, b"///") || at(b, i, b"//!")) {
            if let Some(doc) = &mut self.doc {
                self.doc_line = true;
                let (class, next) = doc.line(b, i + 3);
                self.forced = Some(class);
                return next - 1; // the line's `\n` (or the end of the text)
            }
        }
        self.comment = true;
        if self.syn.long_bracket == Some(marker) {
            if let Some((level, after)) = literals::long_open(b, i + marker.len()) {
                self.mode = Mode::LongComment(level);
                return after;
            }
        }
        self.comment_at = Some(i);
        line_end(b, i)
    }

    /// Literal forms beyond plain quotes. `None`: not one here.
    fn literal(&mut self, b: &[u8], i: usize, c: u8) -> Option<(usize, bool)> {
        let syn = self.syn;
        let (next, mode) = match c {
            b'\'' | b'"' => self.quoted_literal(b, i, c)?,
            b'`' | b'{' | b'}' | b'/' if syn.js => self.js_literal(b, i, c)?,
            b'[' if syn.long_bracket.is_some() => {
                let (level, after) = literals::long_open(b, i)?;
                (after, Some(Mode::LongString(level)))
            }
            b'<' if syn.heredoc != HeredocStyle::None => {
                let (h, after) = literals::heredoc_open(b, i, syn.heredoc)?;
                self.pending = Some(h);
                (after, None)
            }
            _ => return None,
        };
        self.code = true;
        let changed = mode.is_some();
        if let Some(m) = mode {
            self.mode = m;
        }
        Some((next, changed))
    }

    /// A character literal, a Rust raw string or a C++ raw string at the quote `c` at `i`:
    /// where it goes on and the mode it enters, if any.
    fn quoted_literal(&self, b: &[u8], i: usize, c: u8) -> Option<(usize, Option<Mode>)> {
        let syn = self.syn;
        match c {
            b'\'' if syn.char_literals => Some((literals::char_literal(b, i)?, None)),
            b'"' if syn.rust => Some((i + 1, Some(Mode::RawStr(literals::rust_raw(b, i)?)))),
            b'"' if syn.cpp_raw => {
                let (delim, len) = literals::cpp_raw(b, i)?;
                let mode = Mode::CppRaw { delim, len };
                Some((delim + usize::from(len) + 1, Some(mode)))
            }
            _ => None,
        }
    }

    /// JavaScript's template literals (with the braces of their substitutions) and regular
    /// expressions, at `c` at `i`.
    fn js_literal(&mut self, b: &[u8], i: usize, c: u8) -> Option<(usize, Option<Mode>)> {
        match c {
            b'`' => Some((i + 1, Some(Mode::Template))),
            b'{' => Some((i + 1, self.open_brace())),
            b'}' => Some((i + 1, self.close_brace())),
            _ => Some((literals::regex_end(b, i)?, None)),
        }
    }

    /// A `{` in JavaScript code: inside a template substitution it nests one level deeper.
    fn open_brace(&mut self) -> Option<Mode> {
        let open = self
            .depth
            .checked_sub(1)
            .and_then(|d| self.templates.get_mut(d))?;
        *open = open.saturating_add(1);
        None
    }

    /// A `}` in JavaScript code: the one that closes a template substitution resumes the
    /// template; any other closes a nested brace.
    fn close_brace(&mut self) -> Option<Mode> {
        let d = self.depth.checked_sub(1)?;
        let open = self.templates.get_mut(d)?;
        if *open == 0 {
            self.depth = d;
            return Some(Mode::Template);
        }
        *open -= 1;
        None
    }
}
