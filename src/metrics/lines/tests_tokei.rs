//! Agreement with tokei on a real corpus: an ignored test, run by hand.
//!
//! ```sh
//! SEAMLINE_TOKEI_DIR=/tmp/corpus/rust TOKEI=/path/to/tokei \
//!   cargo test --release --lib tokei_agreement -- --ignored --nocapture
//! ```
//!
//! Runs `tokei --files -o json` on the directory, classifies every file tokei reported whose
//! language seamline detects, and prints per language how many files agree exactly on code,
//! comment and blank counts, the line totals on both sides, and the files that differ most.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::count;
use crate::lang::{detect, Language};

/// tokei's per-file stats with embedded blobs (doc-comment Markdown, fenced code) folded in.
fn summarise(stats: &Value) -> [u64; 3] {
    let get = |k: &str| stats.get(k).and_then(Value::as_u64).unwrap_or(0);
    let mut sum = [get("code"), get("comments"), get("blanks")];
    if let Some(blobs) = stats.get("blobs").and_then(Value::as_object) {
        for blob in blobs.values() {
            let inner = summarise(blob);
            for (s, x) in sum.iter_mut().zip(inner) {
                *s += x;
            }
        }
    }
    sum
}

#[derive(Default)]
struct Tally {
    files: usize,
    agree: usize,
    ours: [u64; 3],
    theirs: [u64; 3],
    worst: Vec<(u64, String, [u64; 3], [u64; 3])>,
}

#[test]
#[ignore = "needs tokei and a corpus: set SEAMLINE_TOKEI_DIR (and TOKEI)"]
fn tokei_agreement() {
    let Ok(dir) = std::env::var("SEAMLINE_TOKEI_DIR") else {
        eprintln!("SEAMLINE_TOKEI_DIR not set");
        return;
    };
    let tokei = std::env::var("TOKEI").unwrap_or_else(|_| "tokei".into());
    let out = Command::new(tokei)
        .args(["--files", "-o", "json", &dir])
        .output()
        .expect("run tokei");
    let json: Value = serde_json::from_slice(&out.stdout).expect("tokei json");
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for (lang_name, entry) in json.as_object().expect("object") {
        if lang_name == "Total" {
            continue;
        }
        for report in entry["reports"].as_array().into_iter().flatten() {
            tally_report(&mut tallies, report);
        }
    }
    println!(
        "language      files  agree   rate | ours code/comment/blank | tokei code/comment/blank"
    );
    for (name, t) in &mut tallies {
        print_tally(name, t);
    }
}

/// Counts one file of tokei's report into the tally of its language (skipped when it cannot
/// be read or its language is not detected).
fn tally_report(tallies: &mut BTreeMap<&'static str, Tally>, report: &Value) {
    let path = report["name"].as_str().unwrap_or_default().to_string();
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let first = text.lines().next().unwrap_or("");
    let Some(lang) = detect(Path::new(&path), first) else {
        return;
    };
    let c = count(lang, text);
    let ours = [u64::from(c.code), u64::from(c.comment), u64::from(c.blank)];
    let theirs = summarise(&report["stats"]);
    let t = tallies.entry(lang.name()).or_default();
    t.files += 1;
    for k in 0..3 {
        t.ours[k] += ours[k];
        t.theirs[k] += theirs[k];
    }
    if ours == theirs {
        t.agree += 1;
    } else {
        let diff = (0..3).map(|k| ours[k].abs_diff(theirs[k])).sum();
        t.worst.push((diff, path, ours, theirs));
    }
}

/// One language's row, then its worst disagreements.
fn print_tally(name: &str, t: &mut Tally) {
    let rate = 100.0 * t.agree as f64 / t.files.max(1) as f64;
    println!(
        "{name:<12} {:>6} {:>6} {rate:>5.1}% | {:>8} {:>7} {:>7} | {:>8} {:>7} {:>7}",
        t.files, t.agree, t.ours[0], t.ours[1], t.ours[2], t.theirs[0], t.theirs[1], t.theirs[2]
    );
    t.worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    let show: usize = std::env::var("SEAMLINE_TOKEI_SHOW")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    for (diff, path, ours, theirs) in t.worst.iter().take(show) {
        println!("    {diff:>5}  {path}  ours {ours:?} tokei {theirs:?}");
    }
}

/// Prints one letter per line (`c` code, `#` comment, `.` blank) for `SEAMLINE_DUMP`, to locate
/// a disagreement line by line.
#[test]
#[ignore = "diagnostic: set SEAMLINE_DUMP to a file"]
fn dump_classes() {
    let Ok(path) = std::env::var("SEAMLINE_DUMP") else {
        return;
    };
    let bytes = std::fs::read(&path).expect("read");
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let lang = detect(Path::new(&path), text.lines().next().unwrap_or("")).expect("language");
    let letters: String = super::classify(lang, text)
        .into_iter()
        .map(|c| match c {
            super::LineClass::Code => 'c',
            super::LineClass::Comment => '#',
            super::LineClass::Blank => '.',
        })
        .collect();
    println!("CLASSES {letters}");
}

/// Single-thread classification throughput over every detected file under
/// `SEAMLINE_BENCH_DIR` (files read into memory first, so only classification is timed).
#[test]
#[ignore = "benchmark: set SEAMLINE_BENCH_DIR; run with --release"]
fn classify_throughput() {
    let Ok(dir) = std::env::var("SEAMLINE_BENCH_DIR") else {
        return;
    };
    let files = detected_files(std::path::PathBuf::from(dir));
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    let mut best = f64::MAX;
    let mut lines = 0;
    for _ in 0..5 {
        let start = std::time::Instant::now();
        lines = files
            .iter()
            .map(|(l, t)| super::classify(*l, t).len())
            .sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} files, {:.1} MB, {lines} lines: {:.1} ms, {:.0} MB/s, {:.1} M lines/s",
        files.len(),
        bytes as f64 / 1e6,
        best * 1e3,
        bytes as f64 / 1e6 / best,
        lines as f64 / 1e6 / best
    );
}

/// Every file under `dir` whose language is detected, read into memory.
fn detected_files(dir: std::path::PathBuf) -> Vec<(Language, String)> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(p) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&p) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(lang) = detect(&path, text.lines().next().unwrap_or("")) {
                files.push((lang, text));
            }
        }
    }
    files
}
