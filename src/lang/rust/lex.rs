//! Byte-level pieces of a Rust lexer for the recursion guard: comments, strings, raw strings,
//! numbers and keywords, skipped or recognised without allocating. They never index out of
//! bounds: every read goes through `get`, so truncated or garbage input just ends the scan.

pub fn is_operator(b: u8) -> bool {
    matches!(
        b,
        b'.' | b'?' | b'+' | b'-' | b'*' | b'/' | b'%' | b'&' | b'^' | b'!' | b'='
    )
}

pub fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

pub fn utf8_width(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

pub fn is_keyword(word: &[u8]) -> bool {
    matches!(
        word,
        b"as"
            | b"async"
            | b"await"
            | b"box"
            | b"break"
            | b"const"
            | b"continue"
            | b"dyn"
            | b"else"
            | b"enum"
            | b"extern"
            | b"fn"
            | b"for"
            | b"if"
            | b"impl"
            | b"in"
            | b"let"
            | b"loop"
            | b"match"
            | b"mod"
            | b"move"
            | b"mut"
            | b"pub"
            | b"ref"
            | b"return"
            | b"static"
            | b"struct"
            | b"trait"
            | b"try"
            | b"type"
            | b"union"
            | b"unsafe"
            | b"use"
            | b"where"
            | b"while"
            | b"yield"
    )
}

pub fn skip_line(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|&b| b != b'\n') {
        i += 1;
    }
    i
}

pub fn skip_block_comment(bytes: &[u8], mut i: usize, line: &mut u32) -> usize {
    let mut depth = 0u32;
    while let Some(&b) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth = depth.saturating_sub(1);
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => {
                if b == b'\n' {
                    *line += 1;
                }
                i += 1;
            }
        }
    }
    i
}

/// Skips a string body starting after its opening quote; returns the index after the closing one.
pub fn skip_string(bytes: &[u8], mut i: usize, line: &mut u32) -> usize {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return i + 1,
            b'\\' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    *line += 1;
                }
                i += 2;
            }
            b'\n' => {
                *line += 1;
                i += 1;
            }
            _ => i += 1,
        }
    }
    i
}

/// Skips `#…#"…"#…#` or `"…"` after an `r`, `br` or `cr` prefix; `None` when it is not a raw
/// string (then nothing is consumed).
pub fn skip_raw_string(bytes: &[u8], start: usize, line: &mut u32) -> Option<usize> {
    let mut hashes = 0;
    while bytes.get(start + hashes) == Some(&b'#') {
        hashes += 1;
    }
    if bytes.get(start + hashes) != Some(&b'"') {
        return None;
    }
    let mut i = start + hashes + 1;
    while let Some(&b) = bytes.get(i) {
        if b == b'\n' {
            *line += 1;
        }
        if b == b'"' && (1..=hashes).all(|k| bytes.get(i + k) == Some(&b'#')) {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(i)
}

pub fn skip_number(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        let decimal_point = b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_alphanumeric() || b == b'_' || decimal_point {
            i += 1;
        } else {
            break;
        }
    }
    i
}
