//! Line classification (code, comment, blank) the way tokei counts, and prefix sums over the
//! classes so any component span can be counted in O(1).
//!
//! `classify` is one forward pass over the bytes with a small state machine per language (see
//! `lang::syntax` for the per-language data and `docs/metrics.md` § Lines for the exact rules).
//! It allocates nothing per line beyond the result vector, never backtracks more than a few
//! bytes, and never panics, whatever the input.

mod engine;
mod literals;
mod markup;
mod prose;
#[cfg(test)]
mod tests_code;
#[cfg(test)]
mod tests_other;
#[cfg(test)]
mod tests_tokei;

use crate::lang::syntax::{syntax, Kind};
use crate::lang::Language;
use crate::model::facts::LineCounts;

/// The class of one source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineClass {
    Blank,
    Comment,
    Code,
}

/// Classifies every line of `src` as written in `lang`.
///
/// Lines are split as `str::lines` splits them: at `\n`, a `\r` before it is whitespace, a final
/// line without a newline counts, an empty text has no lines.
pub fn classify(lang: Language, src: &str) -> Vec<LineClass> {
    classify_bytes(lang, src.as_bytes())
}

/// [`classify`] over raw bytes (invalid UTF-8 is fine: only ASCII bytes carry syntax).
pub fn classify_bytes(lang: Language, src: &[u8]) -> Vec<LineClass> {
    let mut out = Vec::with_capacity(src.len() / 32 + 1);
    // One loop per classifier kind, so the per-line call is direct (and inlined).
    match Classifier::new(lang, true) {
        Classifier::Code(mut e) => run(src, &mut out, |i| e.line(src, i)),
        Classifier::Prose(mut p) => run(src, &mut out, |i| p.line(src, i)),
        Classifier::Markup(mut m) => run(src, &mut out, |i| m.line(src, i)),
        Classifier::Data => run(src, &mut out, |i| data_line(src, i)),
    }
    out
}

#[inline(always)]
fn run(src: &[u8], out: &mut Vec<LineClass>, mut line: impl FnMut(usize) -> (LineClass, usize)) {
    let mut i = 0;
    while i < src.len() {
        let (class, next) = line(i);
        out.push(class);
        // `line` always moves forward; the guard keeps a logic slip from looping forever.
        i = next.max(i + 1);
    }
}

/// JSON: no comments, so a line is blank or code.
fn data_line(b: &[u8], start: usize) -> (LineClass, usize) {
    let end = line_end(b, start);
    let class = if is_blank(b.get(start..end).unwrap_or_default()) {
        LineClass::Blank
    } else {
        LineClass::Code
    };
    (class, end + 1)
}

/// Counts over the whole of `src` without keeping the per-line classes.
pub fn count(lang: Language, src: &str) -> LineCounts {
    let mut counts = LineCounts::default();
    for class in classify(lang, src) {
        counts.total += 1;
        match class {
            LineClass::Blank => counts.blank += 1,
            LineClass::Comment => counts.comment += 1,
            LineClass::Code => counts.code += 1,
        }
    }
    counts
}

/// A per-language line classifier with its state carried from line to line.
enum Classifier {
    Code(Box<engine::Engine>),
    Prose(prose::Prose),
    Markup(markup::Markup),
    Data,
}

impl Classifier {
    /// `embed`: whether this classifier may start nested ones (Markdown fences, `<script>`,
    /// Rust doc comments). Nested classifiers never nest further, which bounds the depth.
    fn new(lang: Language, embed: bool) -> Self {
        let syn = syntax(lang);
        match syn.kind {
            Kind::Code => Classifier::Code(Box::new(engine::Engine::new(syn, embed))),
            Kind::Prose => Classifier::Prose(prose::Prose::new(embed)),
            Kind::Markup { embeds } => Classifier::Markup(markup::Markup::new(embeds && embed)),
            Kind::Data => Classifier::Data,
        }
    }

    /// Classifies the line starting at `start` (up to the next `\n` or the end of `b`) and
    /// returns its class and the start of the next line.
    fn line(&mut self, b: &[u8], start: usize) -> (LineClass, usize) {
        match self {
            Classifier::Code(e) => e.line(b, start),
            Classifier::Prose(p) => p.line(b, start),
            Classifier::Markup(m) => m.line(b, start),
            Classifier::Data => data_line(b, start),
        }
    }
}

/// Whether `pat` occurs in `b` at `i`. A byte loop: the patterns are one to a few bytes long,
/// where a call to `memcmp` would cost more than the comparison.
#[inline]
fn at(b: &[u8], i: usize, pat: &[u8]) -> bool {
    match b.get(i..i + pat.len()) {
        Some(s) => s.iter().zip(pat).all(|(x, y)| x == y),
        None => false,
    }
}

/// The first index at or after `i` holding one of `set` (or `b.len()`). Eight bytes per step:
/// a word holds one of the bytes when its XOR with that byte repeated has a zero byte.
#[inline]
fn find3(b: &[u8], mut i: usize, set: [u8; 3]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let [x, y, z] = set.map(|c| LO * u64::from(c));
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let w = u64::from_le_bytes(chunk);
        if zero(w ^ x) | zero(w ^ y) | zero(w ^ z) != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&c) = b.get(i) {
        if set.contains(&c) {
            break;
        }
        i += 1;
    }
    i
}

/// ASCII whitespace as tokei trims it: space, tab, `\n`, vertical tab, form feed, `\r`.
#[inline]
const fn is_space(c: u8) -> bool {
    c == b' ' || (c >= b'\t' && c <= b'\r')
}

fn is_blank(s: &[u8]) -> bool {
    s.iter().all(|&c| is_space(c))
}

/// Index of the `\n` ending the line that contains `i`, or `b.len()`. Eight bytes per step
/// (the classic zero-byte test on a word), then byte by byte.
#[inline]
fn line_end(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let x = u64::from_le_bytes(chunk) ^ (LO * u64::from(b'\n'));
        if x.wrapping_sub(LO) & !x & HI != 0 {
            break;
        }
        i += 8;
    }
    let rest = b.get(i..).unwrap_or_default();
    rest.iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| i + p)
}

/// The line's text from `i` with leading whitespace skipped, up to (not including) `end`.
fn trimmed_start(b: &[u8], i: usize, end: usize) -> &[u8] {
    let s = b.get(i..end).unwrap_or_default();
    let skip = s.iter().take_while(|&&c| is_space(c)).count();
    s.get(skip..).unwrap_or_default()
}

/// Prefix sums of line classes: `range(a, b)` counts lines `a..=b` (1-based) in constant time.
#[derive(Debug, Clone, Default)]
pub struct LineTable {
    /// `prefix[i]` = counts of lines `1..=i`; `prefix[0]` is zero.
    prefix: Vec<LineCounts>,
}

impl LineTable {
    /// Builds the table from per-line classes.
    pub fn new(classes: &[LineClass]) -> Self {
        let mut prefix = Vec::with_capacity(classes.len() + 1);
        let mut acc = LineCounts::default();
        prefix.push(acc);
        for class in classes {
            acc.total += 1;
            match class {
                LineClass::Blank => acc.blank += 1,
                LineClass::Comment => acc.comment += 1,
                LineClass::Code => acc.code += 1,
            }
            prefix.push(acc);
        }
        LineTable { prefix }
    }

    /// Counts over the whole file.
    pub fn total(&self) -> LineCounts {
        self.prefix.last().copied().unwrap_or_default()
    }

    /// Counts over lines `start..=end` (1-based, clamped to the file).
    pub fn range(&self, start: u32, end: u32) -> LineCounts {
        let last = self.prefix.len().saturating_sub(1);
        let end = (end as usize).min(last);
        let start = (start.max(1) as usize).min(end + 1);
        let at = |i: usize| self.prefix.get(i).copied().unwrap_or_default();
        let (hi, lo) = (at(end), at(start.saturating_sub(1)));
        LineCounts {
            total: hi.total - lo.total,
            code: hi.code - lo.code,
            comment: hi.comment - lo.comment,
            blank: hi.blank - lo.blank,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_counts_ranges() {
        use LineClass::*;
        let t = LineTable::new(&[Code, Comment, Blank, Code, Code]);
        assert_eq!(t.total().total, 5);
        assert_eq!(t.total().code, 3);
        let r = t.range(2, 4);
        assert_eq!((r.total, r.code, r.comment, r.blank), (3, 1, 1, 1));
        assert_eq!(t.range(4, 99).total, 2);
        assert_eq!(t.range(0, 1).total, 1);
        assert_eq!(t.range(7, 9).total, 0);
        assert_eq!(LineTable::default().range(1, 3).total, 0);
        assert_eq!(LineTable::new(&[]).total().total, 0);
    }
}
