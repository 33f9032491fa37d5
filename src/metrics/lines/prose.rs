//! Prose lines: Markdown, plain text, reStructuredText, and the Markdown inside Rust doc
//! comments.
//!
//! As in tokei, prose is "literate": every non-blank line is a comment. A fenced code block whose
//! info string names a known language (```` ```rust ````, ```` ```toml ````) is classified in that
//! language, its fence lines being comments; a fence without a known language is just prose.

use crate::lang::syntax::fence_language;

use super::{at, is_blank, line_end, trimmed_start, Classifier, LineClass};

pub(super) struct Prose {
    /// Whether fenced code is classified in its language (not for nested classifiers).
    embed: bool,
    /// The classifier of the fenced block the current line is in.
    fence: Option<Box<Classifier>>,
}

impl Prose {
    pub(super) fn new(embed: bool) -> Self {
        Prose { embed, fence: None }
    }

    /// Leaves any open fenced block (a Rust doc comment block ended).
    pub(super) fn reset(&mut self) {
        self.fence = None;
    }

    /// Classifies the prose line starting at `start`; returns the class and the next line's
    /// start.
    #[inline]
    pub(super) fn line(&mut self, b: &[u8], start: usize) -> (LineClass, usize) {
        let end = line_end(b, start);
        let text = trimmed_start(b, start, end);
        if let Some(fenced) = &mut self.fence {
            if at(text, 0, b"```") {
                self.fence = None;
                return (LineClass::Comment, end + 1);
            }
            return fenced.line(b, start);
        }
        if is_blank(text) {
            return (LineClass::Blank, end + 1);
        }
        if self.embed {
            if let Some(info) = text.strip_prefix(b"```") {
                let tag_len = info.iter().take_while(|c| !c.is_ascii_whitespace()).count();
                let tag = info.get(..tag_len).unwrap_or_default();
                if let Some(lang) = fence_language(tag) {
                    self.fence = Some(Box::new(Classifier::new(lang, false)));
                }
            }
        }
        (LineClass::Comment, end + 1)
    }
}
