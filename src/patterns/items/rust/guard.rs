//! A cheap upper estimate of how deep syn will recurse over a file, so that the parse can run on
//! a thread with enough stack, or not at all (a stack overflow would abort the process).
//!
//! Every open bracket is a level; within a level every punctuation character and every keyword
//! that can chain an expression (`if`, `else`, `match`, `as`, `move`...) adds a unit, forgotten
//! at `;` and `,`. The estimate is the largest sum over the open levels, plus the bracket depth.
//! It over-counts on purpose; strings and comments are skipped.

/// Keywords that can chain an expression: each adds a unit to its level.
const CHAINING: &[&str] = &[
    "if", "else", "match", "as", "move", "return", "let", "in", "while", "for", "loop", "async",
    "await", "unsafe",
];

/// The estimate, in units.
pub fn units(src: &str) -> u32 {
    let b = src.as_bytes();
    let mut levels = Levels {
        open: vec![0],
        sum: 0,
    };
    let mut max: u32 = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        i = match c {
            b'/' if b.get(i + 1) == Some(&b'/') => line_comment_end(b, i),
            b'/' if b.get(i + 1) == Some(&b'*') => block_comment_end(b, i),
            b'"' => string_end(b, i) + 1,
            c if c.is_ascii_alphabetic() => {
                let end = word_end(b, i);
                if CHAINING.contains(&src.get(i..end).unwrap_or("")) {
                    levels.bump(1);
                }
                end
            }
            c => {
                levels.punctuation(c);
                i + 1
            }
        };
        max = max.max(levels.sum);
    }
    max
}

/// The open bracket levels, each with the units added within it, and their total.
struct Levels {
    open: Vec<u32>,
    sum: u32,
}

impl Levels {
    fn punctuation(&mut self, c: u8) {
        match c {
            b'(' | b'[' | b'{' => {
                self.open.push(0);
                self.sum = self.sum.saturating_add(2);
            }
            b')' | b']' | b'}' if self.open.len() > 1 => {
                let top = self.open.pop().unwrap_or(0);
                self.sum = self.sum.saturating_sub(top.saturating_add(2));
            }
            b';' | b',' => {
                if let Some(top) = self.open.last_mut() {
                    self.sum = self.sum.saturating_sub(*top);
                    *top = 0;
                }
            }
            c if c.is_ascii_punctuation() && c != b'_' => self.bump(1),
            _ => {}
        }
    }

    fn bump(&mut self, n: u32) {
        if let Some(top) = self.open.last_mut() {
            *top = top.saturating_add(n);
            self.sum = self.sum.saturating_add(n);
        }
    }
}

/// The index of the newline ending the `//` comment at `i` (or the end).
fn line_comment_end(b: &[u8], i: usize) -> usize {
    b.get(i..)
        .and_then(|rest| rest.iter().position(|&c| c == b'\n'))
        .map_or(b.len(), |p| i + p)
}

/// The index after the `*/` closing the (nested) block comment at `i` (or the end).
fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0u32;
    while i < b.len() {
        if b.get(i) == Some(&b'/') && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b.get(i) == Some(&b'*') && b.get(i + 1) == Some(&b'/') {
            depth = depth.saturating_sub(1);
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// The index of the quote closing the string opened at `i` (or the end).
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() {
        match b.get(i) {
            Some(b'\\') => i += 2,
            Some(b'"') => return i,
            _ => i += 1,
        }
    }
    i
}

/// The index after the identifier or keyword starting at `i`.
fn word_end(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::units;

    #[test]
    fn grows_with_nesting_and_chains() {
        let flat = units("fn a() { let x = 1; let y = 2; }");
        let nested = units(&format!(
            "fn a() {{ {}1{} }}",
            "(".repeat(100),
            ")".repeat(100)
        ));
        let chain = units(&format!("fn a() {{ let x = {}1; }}", "1 + ".repeat(500)));
        assert!(flat < 20, "{flat}");
        assert!(nested >= 200, "{nested}");
        assert!(chain >= 500, "{chain}");
        assert!(units("fn a() { let s = \"((((((((\"; }") < 20);
    }
}
