//! The port against the original: thousands of edited file pairs (small edits, big rewrites,
//! files full of repeated lines that exercise the multimatch discards and the cost heuristics)
//! diffed both by [`count`] and by libgit2's xdiff, which must agree exactly.

use super::*;

/// xorshift64*: deterministic pseudo-random numbers without a crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const POOL: &[&str] = &[
    "}",
    "",
    "    }",
    "        return None;",
    "let x = 1;",
    "fn main() {",
    "// comment",
    "{",
    "    let y = x + 1;",
    "else",
    "#[test]",
    "use std::io;",
    "    Ok(())",
    "impl Foo {",
];

fn random_line(rng: &mut Rng, repetitive: bool) -> String {
    if repetitive || rng.below(3) > 0 {
        POOL[rng.below(POOL.len())].to_string()
    } else {
        format!("unique line {}", rng.next() % 100_000)
    }
}

fn edit(rng: &mut Rng, lines: &[String], edits: usize, repetitive: bool) -> Vec<String> {
    let mut out = lines.to_vec();
    for _ in 0..edits {
        match rng.below(4) {
            0 if !out.is_empty() => {
                let at = rng.below(out.len());
                let n = 1 + rng.below(8);
                out.drain(at..(at + n).min(out.len()));
            }
            1 if !out.is_empty() => {
                let at = rng.below(out.len());
                out[at] = random_line(rng, repetitive);
            }
            _ => {
                let at = rng.below(out.len() + 1);
                for k in 0..1 + rng.below(10) {
                    out.insert((at + k).min(out.len()), random_line(rng, repetitive));
                }
            }
        }
    }
    out
}

fn join(lines: &[String], final_newline: bool) -> Vec<u8> {
    let mut s = lines.join("\n");
    if final_newline && !lines.is_empty() {
        s.push('\n');
    }
    s.into_bytes()
}

fn ours(a: &[u8], b: &[u8]) -> (u32, u32) {
    let (la, lb) = (Lines::new(a), Lines::new(b));
    count(
        Side {
            bytes: a,
            lines: &la,
        },
        Side {
            bytes: b,
            lines: &lb,
        },
    )
}

fn libgit2(a: &[u8], b: &[u8]) -> (u32, u32) {
    let mut opts = git2::DiffOptions::new();
    opts.context_lines(0).interhunk_lines(0).force_text(true);
    let patch = git2::Patch::from_buffers(a, None, b, None, Some(&mut opts)).expect("patch");
    let (_, added, removed) = patch.line_stats().expect("stats");
    (added as u32, removed as u32)
}

#[test]
fn small_cases_by_hand() {
    assert_eq!(ours(b"", b""), (0, 0));
    assert_eq!(ours(b"", b"a\nb\n"), (2, 0));
    assert_eq!(ours(b"a\nb\n", b""), (0, 2));
    assert_eq!(ours(b"a\nb\nc\n", b"a\nB\nc\n"), (1, 1));
    assert_eq!(
        ours(b"a\nb", b"a\nb\n"),
        (1, 1),
        "a missing final newline is a change"
    );
    assert_eq!(ours(b"a\n", b"a\na\n"), (1, 0));
}

#[test]
fn agrees_with_libgit2_on_random_edits() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for round in 0..2500 {
        let repetitive = round % 3 == 0;
        let n = match round % 5 {
            0 => rng.below(8),
            1 | 2 => 20 + rng.below(200),
            _ => 200 + rng.below(1500),
        };
        let base: Vec<String> = (0..n).map(|_| random_line(&mut rng, repetitive)).collect();
        let edits = 1 + rng.below(if round % 7 == 0 { 200 } else { 12 });
        let changed = edit(&mut rng, &base, edits, repetitive);
        let (a, b) = (
            join(&base, rng.below(5) > 0),
            join(&changed, rng.below(5) > 0),
        );
        assert_eq!(
            ours(&a, &b),
            libgit2(&a, &b),
            "round {round}, {n} lines, {edits} edits"
        );
    }
}

#[test]
fn agrees_with_libgit2_past_the_cost_limits() {
    // Large, mostly rewritten files with long common runs: the heuristics (snakes over 20
    // records after cost 256, the furthest path past the cost limit) decide the split.
    let mut rng = Rng(0xfeed_beef_0042);
    for round in 0..12 {
        let n = 3000 + rng.below(4000);
        let base: Vec<String> = (0..n)
            .map(|_| random_line(&mut rng, round % 2 == 0))
            .collect();
        let mut changed = Vec::new();
        let mut i = 0;
        while i < base.len() {
            let keep = 5 + rng.below(40);
            changed.extend(base[i..(i + keep).min(base.len())].iter().cloned());
            i += keep;
            for _ in 0..rng.below(30) {
                changed.push(random_line(&mut rng, false));
            }
            i += rng.below(25);
        }
        let (a, b) = (join(&base, true), join(&changed, true));
        assert_eq!(ours(&a, &b), libgit2(&a, &b), "round {round}");
    }
}
