//! Closers: the scanners for modes that wait for a closing delimiter (strings, raw strings,
//! block and long-bracket comments, template literals). Each stops at the newline so the line
//! can be classified, and returns to code mode after the delimiter.

use super::super::literals;
use super::super::{at, find3};
use super::{Engine, Mode, MAX_TEMPLATE_DEPTH};

impl Engine {
    /// An escape byte at `i` inside a string: skips it and the byte it escapes, but stops at a
    /// newline so the line still ends there (and the string goes on to the next line).
    fn escape(&mut self, b: &[u8], i: usize) -> usize {
        match b.get(i + 1) {
            Some(b'\n') => {
                self.cont = true;
                i + 1
            }
            Some(b'\r') if b.get(i + 2) == Some(&b'\n') => {
                self.cont = true;
                i + 2
            }
            Some(_) => i + 2,
            None => i + 1,
        }
    }

    pub(super) fn scan_str(&mut self, b: &[u8], mut i: usize, k: u8) -> usize {
        let Some(quote) = self.syn.quotes.get(usize::from(k)) else {
            self.mode = Mode::Code;
            return i;
        };
        let close0 = quote.close.first().copied().unwrap_or(b'\n');
        let escape = quote.escape.unwrap_or(b'\n');
        loop {
            i = find3(b, i, [b'\n', close0, escape]);
            let Some(&c) = b.get(i) else { break };
            if c == b'\n' {
                return i;
            }
            if Some(c) == quote.escape {
                i = self.escape(b, i);
            } else if c == close0 && at(b, i, quote.close) {
                self.mode = Mode::Code;
                return i + quote.close.len();
            } else {
                i += 1;
            }
        }
        i
    }

    pub(super) fn scan_block(&mut self, b: &[u8], mut i: usize, mut depth: u32) -> usize {
        let Some((open, close)) = self.syn.block else {
            self.mode = Mode::Code;
            return i;
        };
        let open0 = open.first().copied().unwrap_or(b'\n');
        let close0 = close.first().copied().unwrap_or(b'\n');
        let nested = self.syn.nested;
        let open0 = if nested { open0 } else { b'\n' };
        loop {
            i = find3(b, i, [b'\n', close0, open0]);
            if b.get(i).is_none_or(|&c| c == b'\n') {
                break;
            }
            let Some((next, d)) = block_delim(b, i, depth, (open, close), nested) else {
                self.mode = Mode::Code;
                return i + close.len();
            };
            (i, depth) = (next, d);
        }
        self.mode = Mode::Block(depth);
        i
    }

    pub(super) fn scan_long(&mut self, b: &[u8], mut i: usize, level: u16) -> usize {
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' => return i,
                b']' => {
                    if let Some(after) = literals::long_close(b, i, level) {
                        self.mode = Mode::Code;
                        return after;
                    }
                    i += 1;
                }
                _ => i += 1,
            }
        }
        i
    }

    pub(super) fn scan_raw(&mut self, b: &[u8], mut i: usize, hashes: u16) -> usize {
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' => return i,
                b'"' => {
                    i += 1;
                    let n = usize::from(hashes);
                    if b.get(i..i + n)
                        .is_some_and(|h| h.iter().all(|&c| c == b'#'))
                    {
                        self.mode = Mode::Code;
                        return i + n;
                    }
                }
                _ => i += 1,
            }
        }
        i
    }

    pub(super) fn scan_cpp_raw(&mut self, b: &[u8], mut i: usize, delim: usize, len: u8) -> usize {
        let len = usize::from(len);
        let delim = b.get(delim..delim + len).unwrap_or_default();
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' => return i,
                b')' => {
                    i += 1;
                    if at(b, i, delim) && b.get(i + len) == Some(&b'"') {
                        self.mode = Mode::Code;
                        return i + len + 1;
                    }
                }
                _ => i += 1,
            }
        }
        i
    }

    pub(super) fn scan_template(&mut self, b: &[u8], mut i: usize) -> usize {
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' => return i,
                b'\\' => i = self.escape(b, i),
                b'`' => {
                    self.mode = Mode::Code;
                    return i + 1;
                }
                b'$' if b.get(i + 1) == Some(&b'{') && self.depth < MAX_TEMPLATE_DEPTH => {
                    if let Some(open) = self.templates.get_mut(self.depth) {
                        *open = 0;
                    }
                    self.depth += 1;
                    self.mode = Mode::Code;
                    return i + 2;
                }
                _ => i += 1,
            }
        }
        i
    }
}

/// At `i` inside a block comment `depth` deep: the position after the byte or delimiter there
/// and the depth after it; `None` when a closer there ends the outermost level.
fn block_delim(
    b: &[u8],
    i: usize,
    depth: u32,
    (open, close): (&[u8], &[u8]),
    nested: bool,
) -> Option<(usize, u32)> {
    if !close.is_empty() && at(b, i, close) {
        let depth = depth.saturating_sub(1);
        return (depth > 0).then_some((i + close.len(), depth));
    }
    if nested && !open.is_empty() && at(b, i, open) {
        return Some((i + open.len(), depth.saturating_add(1)));
    }
    Some((i + 1, depth))
}
