//! HTML and XML lines.
//!
//! `<!-- … -->` is a comment; everything else that is not blank is code. Quotes matter only
//! inside tags (attribute values), so an apostrophe in text (`don't`) opens nothing. In HTML the
//! contents of `<script>` and `<style>` are classified as JavaScript and CSS, line by line, up to
//! the closing tag; a line holding the opening or closing tag is code.

use crate::lang::Language;

use super::{at, is_space, line_end, Classifier, LineClass};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Text,
    /// Inside `<…>`.
    Tag,
    /// Inside a quoted attribute value, closed by this byte.
    Attr(u8),
    Comment,
    /// Inside `<![CDATA[ … ]]>` (text, not markup).
    CData,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Other,
    Script,
    Style,
}

/// What one step of the scan did.
enum Step {
    /// Go on at this byte.
    At(usize),
    /// A `<script>`/`<style>` body started; the next line starts here.
    Body(usize),
}

pub(super) struct Markup {
    embed: bool,
    mode: Mode,
    tag: Tag,
    /// The classifier of a `<script>`/`<style>` body, and the closing tag that ends it.
    body: Option<(Box<Classifier>, &'static [u8])>,
}

impl Markup {
    pub(super) fn new(embed: bool) -> Self {
        Markup {
            embed,
            mode: Mode::Text,
            tag: Tag::Other,
            body: None,
        }
    }

    pub(super) fn line(&mut self, b: &[u8], start: usize) -> (LineClass, usize) {
        let end = line_end(b, start);
        let mut code = false;
        let mut comment = false;
        let mut i = start;
        if let Some((body, close)) = &mut self.body {
            match find_ci(b, start, end, close) {
                None => return body.line(b, start),
                Some(at) => {
                    self.body = None;
                    code = true;
                    i = at;
                }
            }
        }
        match self.mode {
            Mode::Text => {}
            Mode::Comment => comment = true,
            Mode::Tag | Mode::Attr(_) | Mode::CData => code = true,
        }
        if let Some(next) = self.scan(b, i, end, &mut code, &mut comment) {
            return (LineClass::Code, next);
        }
        let class = if code {
            LineClass::Code
        } else if comment {
            LineClass::Comment
        } else {
            LineClass::Blank
        };
        (class, end + 1)
    }

    /// Scans `b[i..end]`. Returns `Some(next line start)` when a `<script>`/`<style>` body
    /// started on this line (the rest of the line went to the body's classifier).
    fn scan(
        &mut self,
        b: &[u8],
        mut i: usize,
        end: usize,
        code: &mut bool,
        comment: &mut bool,
    ) -> Option<usize> {
        while i < end {
            let Some(&c) = b.get(i) else { break };
            let step = match self.mode {
                Mode::Text => Step::At(self.text(b, i, code, comment)),
                Mode::Tag => self.in_tag(b, i, end, c),
                Mode::Attr(q) => {
                    if c == q {
                        self.mode = Mode::Tag;
                    }
                    Step::At(i + 1)
                }
                Mode::Comment => Step::At(self.until(b, i, b"-->")),
                Mode::CData => Step::At(self.until(b, i, b"]]>")),
            };
            match step {
                Step::At(next) => i = next,
                Step::Body(next) => return Some(next),
            }
        }
        None
    }

    /// One byte of text at `i`: a comment, CDATA or tag may open. Returns where to go on.
    fn text(&mut self, b: &[u8], i: usize, code: &mut bool, comment: &mut bool) -> usize {
        let c = b.get(i).copied().unwrap_or(b' ');
        if c == b'<' {
            if at(b, i, b"<!--") {
                *comment = true;
                self.mode = Mode::Comment;
                return i + 4;
            }
            if at(b, i, b"<![CDATA[") {
                *code = true;
                self.mode = Mode::CData;
                return i + 9;
            }
            self.open_tag(b, i);
        }
        if !is_space(c) {
            *code = true;
        }
        i + 1
    }

    /// At a `<` in text: enters a tag when a name, `/`, `!` or `?` follows.
    fn open_tag(&mut self, b: &[u8], i: usize) {
        let next = b.get(i + 1).copied().unwrap_or(b' ');
        if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
            return;
        }
        self.mode = Mode::Tag;
        self.tag = if tag_named(b, i + 1, b"script") {
            Tag::Script
        } else if tag_named(b, i + 1, b"style") {
            Tag::Style
        } else {
            Tag::Other
        };
    }

    /// One byte `c` at `i` inside a tag.
    fn in_tag(&mut self, b: &[u8], i: usize, end: usize, c: u8) -> Step {
        let i = i + 1;
        match c {
            b'>' => self.close_open_tag(b, i, end),
            b'"' | b'\'' => {
                self.mode = Mode::Attr(c);
                Step::At(i)
            }
            _ => Step::At(i),
        }
    }

    /// The `>` before `i` ends a tag; a `<script>`/`<style>` tag may start a body.
    fn close_open_tag(&mut self, b: &[u8], i: usize, end: usize) -> Step {
        self.mode = Mode::Text;
        let self_closing = i >= 2 && b.get(i - 2) == Some(&b'/');
        if !self.embed || self.tag == Tag::Other || self_closing {
            return Step::At(i);
        }
        if let Some(next) = self.open_body(b, i, end) {
            return Step::Body(next);
        }
        // The body closes on this line: go on as markup from its end tag.
        Step::At(find_ci(b, i, end, self.close_tag()).unwrap_or(end))
    }

    /// Inside a comment or CDATA section: `close` at `i` ends it. Returns where to go on.
    fn until(&mut self, b: &[u8], i: usize, close: &[u8]) -> usize {
        if at(b, i, close) {
            self.mode = Mode::Text;
            i + close.len()
        } else {
            i + 1
        }
    }

    fn close_tag(&self) -> &'static [u8] {
        match self.tag {
            Tag::Style => b"</style",
            _ => b"</script",
        }
    }

    /// After `<script …>` / `<style …>` ending at `i`: unless the body closes on this line,
    /// starts its classifier, feeds it the rest of the line and returns the next line's start.
    fn open_body(&mut self, b: &[u8], i: usize, end: usize) -> Option<usize> {
        let close = self.close_tag();
        if find_ci(b, i, end, close).is_some() {
            return None;
        }
        let lang = if self.tag == Tag::Style {
            Language::Css
        } else {
            Language::JavaScript
        };
        let mut body = Box::new(Classifier::new(lang, false));
        let (_, next) = body.line(b, i);
        self.body = Some((body, close));
        Some(next)
    }
}

/// Whether the tag name at `i` is `name` (ASCII case-insensitive, followed by a delimiter).
fn tag_named(b: &[u8], i: usize, name: &[u8]) -> bool {
    b.get(i..i + name.len())
        .is_some_and(|s| s.eq_ignore_ascii_case(name))
        && b.get(i + name.len())
            .is_none_or(|&c| is_space(c) || c == b'>' || c == b'/')
}

/// The first position in `b[from..end]` where `pat` occurs, ASCII case-insensitive.
fn find_ci(b: &[u8], from: usize, end: usize, pat: &[u8]) -> Option<usize> {
    let hay = b.get(from..end)?;
    hay.windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|p| from + p)
}
