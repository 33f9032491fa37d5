//! Parse-alone versus parse+walk throughput on real code. Ignored: run it by hand, in release,
//! on files or directories of your choosing:
//!
//! ```text
//! SEAMLINE_TS_BENCH=/tmp/django:/tmp/typescript.js \
//!   cargo test --release --lib treesitter::tests::throughput -- --ignored --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::lang::Language;

fn language_of(path: &Path) -> Option<Language> {
    Some(match path.extension()?.to_str()? {
        "py" => Language::Python,
        "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
        "ts" => Language::TypeScript,
        "tsx" => Language::Tsx,
        "go" => Language::Go,
        "java" => Language::Java,
        "c" | "h" => Language::C,
        "cc" | "cpp" | "hpp" | "cxx" => Language::Cpp,
        "rs" => Language::Rust,
        _ => return None,
    })
}

fn collect(path: &Path, out: &mut Vec<(Language, String)>) {
    if path.is_dir() {
        let Ok(entries) = std::fs::read_dir(path) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            collect(&p, out);
        }
    } else if let (Some(lang), Ok(src)) = (language_of(path), std::fs::read_to_string(path)) {
        out.push((lang, src));
    }
}

/// CPU time of this thread (Linux), so other processes on the machine do not skew the numbers;
/// wall-clock time elsewhere.
fn cpu_now() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// How long `f` takes: CPU time where available, else wall-clock time.
fn stopwatch(f: impl FnOnce()) -> Duration {
    let (wall, cpu) = (Instant::now(), cpu_now());
    f();
    match (cpu, cpu_now()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    }
}

fn time(files: &[(Language, String)], reps: usize, mut f: impl FnMut(Language, &str)) -> Duration {
    stopwatch(|| {
        for _ in 0..reps {
            for (lang, src) in files {
                f(*lang, src);
            }
        }
    })
}

/// Visits every node with a cursor and does nothing else: the floor for any walk.
fn bare_traversal(tree: &tree_sitter::Tree) -> usize {
    let mut cursor = tree.walk();
    let mut n = 1;
    loop {
        if cursor.goto_first_child() {
            n += 1;
            continue;
        }
        loop {
            if cursor.goto_next_sibling() {
                n += 1;
                break;
            }
            if !cursor.goto_parent() {
                return n;
            }
        }
    }
}

#[test]
#[ignore = "measurement: needs SEAMLINE_TS_BENCH and a release build"]
fn parse_versus_parse_and_walk() {
    let Ok(list) = std::env::var("SEAMLINE_TS_BENCH") else {
        eprintln!("set SEAMLINE_TS_BENCH to files or directories separated by ':'");
        return;
    };
    for entry in list.split(':').filter(|s| !s.is_empty()) {
        let mut files = Vec::new();
        collect(Path::new(entry), &mut files);
        let bytes: usize = files.iter().map(|(_, s)| s.len()).sum();
        if bytes > 0 {
            bench(entry, &files, bytes);
        }
    }
}

/// Times parsing, parsing and walking, walking alone and a bare cursor traversal over `files`
/// (`bytes` in all), and prints the rates.
fn bench(entry: &str, files: &[(Language, String)], bytes: usize) {
    let reps = (30_000_000 / bytes).clamp(1, 50);
    // Warm up: parsers, tables, caches.
    time(files, 1, |l, s| {
        let _ = super::super::analyze(l, s);
    });
    let parse = time(files, reps, |l, s| {
        let _ = super::super::parse_only(l, s);
    });
    let mut components = 0usize;
    let full = time(files, reps, |l, s| {
        if let Some(a) = super::super::analyze(l, s) {
            components += a.components.iter().map(|c| c.count()).sum::<usize>();
        }
    });
    let trees: Vec<_> = files
        .iter()
        .filter_map(|(l, s)| Some((*l, super::super::parse_only(*l, s)?, s.as_str())))
        .collect();
    let walk = stopwatch(|| {
        for _ in 0..reps {
            for (lang, tree, src) in &trees {
                let _ = super::super::walk_only(*lang, tree, src);
            }
        }
    });
    let bare = stopwatch(|| {
        let mut nodes = 0usize;
        for _ in 0..reps {
            for (_, tree, _) in &trees {
                nodes += bare_traversal(tree);
            }
        }
        std::hint::black_box(nodes);
    });
    let mb = (bytes * reps) as f64 / 1e6;
    let bare_rate = mb / bare.as_secs_f64();
    let walk_rate = mb / walk.as_secs_f64();
    let parse_rate = mb / parse.as_secs_f64();
    let full_rate = mb / full.as_secs_f64();
    let overhead = (full.as_secs_f64() / parse.as_secs_f64() - 1.0) * 100.0;
    println!(
        "{entry}: {} files, {:.2} MB x{reps}: parse {parse_rate:.1} MB/s, parse+walk \
         {full_rate:.1} MB/s (walk adds {overhead:.1}%), walk alone {walk_rate:.0} MB/s, \
         bare cursor traversal {bare_rate:.0} MB/s, \
         {} components",
        files.len(),
        bytes as f64 / 1e6,
        components / reps,
    );
}
