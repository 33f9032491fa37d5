//! A cheap upper estimate of how deep syn will recurse over a file, so that the parse can run on
//! a thread with enough stack, or not at all (a stack overflow would abort the process).
//!
//! Every open bracket is a level; within a level every punctuation character and every keyword
//! that can chain an expression (`if`, `else`, `match`, `as`, `move`...) adds a unit, forgotten
//! at `;` and `,`. The estimate is the largest sum over the open levels, plus the bracket depth.
//! It over-counts on purpose; strings and comments are skipped.

/// The estimate, in units.
pub fn units(src: &str) -> u32 {
    let b = src.as_bytes();
    let mut levels: Vec<u32> = vec![0];
    let mut sum: u32 = 0;
    let mut max: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b.get(i).copied().unwrap_or(0);
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b.get(i) != Some(&b'\n') {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0u32;
                while i < b.len() {
                    if b.get(i) == Some(&b'/') && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b.get(i) == Some(&b'*') && b.get(i + 1) == Some(&b'/') {
                        depth = depth.saturating_sub(1);
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < b.len() {
                    match b.get(i) {
                        Some(b'\\') => i += 2,
                        Some(b'"') => break,
                        _ => i += 1,
                    }
                }
            }
            b'(' | b'[' | b'{' => {
                levels.push(0);
                sum = sum.saturating_add(2);
            }
            b')' | b']' | b'}' if levels.len() > 1 => {
                let top = levels.pop().unwrap_or(0);
                sum = sum.saturating_sub(top.saturating_add(2));
            }
            b';' | b',' => {
                if let Some(top) = levels.last_mut() {
                    sum = sum.saturating_sub(*top);
                    *top = 0;
                }
            }
            c if c.is_ascii_punctuation() && c != b'_' => bump(&mut levels, &mut sum, 1),
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len()
                    && b.get(i)
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                let word = src.get(start..i).unwrap_or("");
                if matches!(
                    word,
                    "if" | "else"
                        | "match"
                        | "as"
                        | "move"
                        | "return"
                        | "let"
                        | "in"
                        | "while"
                        | "for"
                        | "loop"
                        | "async"
                        | "await"
                        | "unsafe"
                ) {
                    bump(&mut levels, &mut sum, 1);
                }
                max = max.max(sum);
                continue;
            }
            _ => {}
        }
        max = max.max(sum);
        i += 1;
    }
    max
}

fn bump(levels: &mut [u32], sum: &mut u32, n: u32) {
    if let Some(top) = levels.last_mut() {
        *top = top.saturating_add(n);
        *sum = sum.saturating_add(n);
    }
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
