//! Token shapes for clone detection: a small lexer that keeps keywords and punctuation, maps
//! every other identifier to `I` and every literal to `L`, drops comments, and records each
//! token's line. Copies that differ only in names and constants get the same shape.

/// A token's shape hash and its 1-based line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub shape: u64,
    pub line: u32,
}

const KEYWORDS: &[&str] = &[
    "def", "class", "return", "if", "elif", "else", "for", "while", "in", "not", "and", "or",
    "with", "as", "try", "except", "finally", "raise", "import", "from", "lambda", "yield", "fn",
    "let", "mut", "match", "impl", "struct", "enum", "pub", "use", "loop", "break", "continue",
    "function", "const", "var", "new", "this", "self", "None", "True", "False",
];

/// FNV-1a of a string.
pub fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The normalised tokens of `src`.
pub fn tokens(src: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let line_no = u32::try_from(n + 1).unwrap_or(u32::MAX);
        lex_line(line, line_no, &mut out);
    }
    out
}

/// Tokens of one line (strings are taken as ending on their line).
fn lex_line(line: &str, line_no: u32, out: &mut Vec<Tok>) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let (shape, next) = token_at(&chars, i, c);
        if let Some(s) = shape {
            out.push(Tok {
                shape: fnv(&s),
                line: line_no,
            });
        }
        i = next.max(i + 1);
    }
}

/// The shape of the token starting at `i` (`c` is `chars[i]`), if it is one (blanks and
/// comments are not), and where the next one starts: literals become `L`, names `I`,
/// keywords and punctuation stay themselves.
fn token_at(chars: &[char], i: usize, c: char) -> (Option<String>, usize) {
    if c.is_whitespace() {
        (None, i + 1)
    } else if c == '#' || (c == '/' && chars.get(i + 1) == Some(&'/')) {
        (None, chars.len())
    } else if c == '"' || c == '\'' || c == '`' {
        (Some("L".to_string()), string_end(chars, i))
    } else if c.is_ascii_digit() {
        (Some("L".to_string()), word_end(chars, i))
    } else if c.is_alphanumeric() || c == '_' {
        let end = word_end(chars, i);
        let word: String = chars.get(i..end).unwrap_or_default().iter().collect();
        let shape = if KEYWORDS.contains(&word.as_str()) {
            word
        } else {
            "I".into()
        };
        (Some(shape), end)
    } else {
        (Some(c.to_string()), i + 1)
    }
}

fn word_end(chars: &[char], start: usize) -> usize {
    let mut j = start;
    while j < chars.len()
        && (chars[j].is_alphanumeric()
            || chars[j] == '_'
            || chars[j] == '.' && chars.get(j + 1).is_some_and(char::is_ascii_digit))
    {
        j += 1;
    }
    j
}

fn string_end(chars: &[char], start: usize) -> usize {
    let quote = chars[start];
    let mut j = start + 1;
    while j < chars.len() && chars[j] != quote {
        j += if chars[j] == '\\' { 2 } else { 1 };
    }
    (j + 1).min(chars.len())
}

/// Winnowing fingerprints: hashes of every `k` consecutive tokens, and in each window of `w`
/// hashes the rightmost minimum. Each fingerprint carries its first token's index.
pub fn fingerprints(toks: &[Tok], k: usize, w: usize) -> Vec<(u64, usize)> {
    if k == 0 || w == 0 || toks.len() < k {
        return Vec::new();
    }
    let grams: Vec<u64> = toks
        .windows(k)
        .map(|g| {
            g.iter()
                .fold(0u64, |h, t| h.wrapping_mul(31).wrapping_add(t.shape))
        })
        .collect();
    let mut out: Vec<(u64, usize)> = Vec::new();
    for start in 0..grams.len().saturating_sub(w - 1).max(1) {
        let end = (start + w).min(grams.len());
        let Some(pos) = (start..end).rev().min_by_key(|&j| grams[j]) else {
            continue;
        };
        if out.last().map(|l| l.1) != Some(pos) {
            out.push((grams[pos], pos));
        }
    }
    out
}
