//! Single-thread parse throughput on the benchmark corpus: the floor under `seamline scan`.
//!
//! A full scan cannot be faster than parsing every file once, so this program measures that
//! floor directly: it loads every source file of the corpus into memory (no I/O in the timed
//! part), then times, on one thread, `syn::parse_file` and each tree-sitter grammar over the files
//! of its language, and seamline's own per-file pipeline (`scan::file::analyze_bytes`: decode,
//! detect, classify lines, parse, metrics) in full and lines-only modes. BENCHMARKS.md compares
//! these rates with the full scan's throughput per thread.
//!
//! Run: `cargo bench --bench parse_throughput -- [CORPUS]` (default corpus:
//! `$SEAMLINE_CORPUS`, else `~/.cache/seamline-bench/corpus`, as `bench/corpus.sh` builds it).
//! `PARSE_REPS` sets the repetitions per measurement (default 3; the median is reported).
//!
//! Both wall time and the measuring thread's CPU time (`/proc/thread-self/schedstat`, in
//! nanoseconds) are recorded: on a machine busy with other work the wall time includes the time
//! the thread waited for a core, the CPU time does not, and the rates are computed from it.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Files above this size are skipped, as the scanner's default limit does.
const MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

/// A parser language, chosen by extension (independent of seamline's detection on purpose).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lang {
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    C,
    Cpp,
}

impl Lang {
    fn of(path: &Path) -> Option<Lang> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "rs" => Lang::Rust,
            "py" | "pyi" => Lang::Python,
            "js" | "mjs" | "cjs" | "jsx" => Lang::JavaScript,
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "c" | "h" => Lang::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" | "hxx" => Lang::Cpp,
            _ => return None,
        })
    }

    fn grammar(self) -> tree_sitter::Language {
        match self {
            Lang::Rust => tree_sitter_rust::LANGUAGE.into(),
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
            Lang::Java => tree_sitter_java::LANGUAGE.into(),
            Lang::C => tree_sitter_c::LANGUAGE.into(),
            Lang::Cpp => tree_sitter_cpp::LANGUAGE.into(),
        }
    }
}

/// One corpus file, loaded.
struct Source {
    path: PathBuf,
    bytes: Vec<u8>,
    /// Lossily decoded text (what the scanner parses).
    text: String,
    lines: usize,
    lang: Option<Lang>,
}

/// A measured row of the results table.
struct Row {
    name: String,
    files: usize,
    bytes: usize,
    lines: usize,
    wall: Duration,
    /// Median CPU time of the measuring thread (equal to `wall` on an idle machine).
    cpu: Duration,
    /// Files the parser rejected (syn) or whose tree has error nodes (tree-sitter).
    errors: usize,
}

fn main() {
    // Parsers recurse; give the measuring thread a generous stack, as deep code may need it.
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(run);
    match worker.map(|h| h.join()) {
        Ok(Ok(Ok(()))) => {}
        Ok(Ok(Err(msg))) => {
            eprintln!("parse_throughput: {msg}");
            std::process::exit(1);
        }
        _ => {
            eprintln!("parse_throughput: the measuring thread failed");
            std::process::exit(1);
        }
    }
}

fn corpus_dir() -> PathBuf {
    // `cargo bench` passes `--bench`; the first argument that is not a flag is the corpus.
    if let Some(arg) = std::env::args().skip(1).find(|a| !a.starts_with("--")) {
        return PathBuf::from(arg);
    }
    if let Some(dir) = std::env::var_os("SEAMLINE_CORPUS") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    home.join(".cache/seamline-bench/corpus")
}

fn run() -> Result<(), String> {
    let dir = corpus_dir();
    if !dir.is_dir() {
        return Err(format!(
            "corpus {} not found: run bench/corpus.sh first",
            dir.display()
        ));
    }
    let reps = std::env::var("PARSE_REPS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(3);
    let files = load(&dir)?;
    eprintln!(
        "loaded {} text files ({:.1} MB) from {}; {reps} repetition(s) each",
        files.len(),
        mb(files.iter().map(|f| f.bytes.len()).sum()),
        dir.display()
    );

    let mut rows = Vec::new();
    let mut langs: Vec<Lang> = files.iter().filter_map(|f| f.lang).collect();
    langs.sort();
    langs.dedup();
    for &lang in &langs {
        let group: Vec<&Source> = files.iter().filter(|f| f.lang == Some(lang)).collect();
        if lang == Lang::Rust {
            rows.push(measure("syn::parse_file (Rust)", &group, reps, |s| {
                usize::from(syn::parse_file(&s.text).is_err())
            }));
        }
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&lang.grammar())
            .map_err(|e| format!("grammar for {lang:?}: {e}"))?;
        let name = format!("tree-sitter ({lang:?})");
        rows.push(measure(&name, &group, reps, |s| {
            match parser.parse(&s.text, None) {
                Some(tree) => usize::from(black_box(tree).root_node().has_error()),
                None => 1,
            }
        }));
        let name = format!("seamline analyze_bytes, full ({lang:?})");
        rows.push(measure(&name, &group, reps, analyze_full));
    }
    let all: Vec<&Source> = files.iter().collect();
    rows.push(measure(
        "seamline analyze_bytes, full (all text files)",
        &all,
        reps,
        analyze_full,
    ));
    rows.push(measure(
        "seamline analyze_bytes, lines-only (all text files)",
        &all,
        reps,
        |s| {
            black_box(seamline::scan::file::analyze_bytes(&s.path, &s.bytes, true));
            0
        },
    ));
    print_table(&rows);
    Ok(())
}

fn analyze_full(s: &Source) -> usize {
    let facts = seamline::scan::file::analyze_bytes(&s.path, &s.bytes, false);
    usize::from(black_box(facts).parse_error.is_some())
}

/// Loads every non-binary file under `dir` up to the size limit, in a stable order.
fn load(dir: &Path) -> Result<Vec<Source>, String> {
    let mut paths = walk(dir)?;
    paths.sort();
    Ok(paths.into_iter().filter_map(source).collect())
}

/// Every regular file under `dir`.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(entry.path());
            } else if kind.is_file() {
                paths.push(entry.path());
            }
        }
    }
    Ok(paths)
}

/// The file at `path`, unless it is too large, unreadable or binary.
fn source(path: PathBuf) -> Option<Source> {
    let meta = std::fs::metadata(&path).ok()?;
    if meta.len() > MAX_FILE_SIZE {
        return None;
    }
    let bytes = std::fs::read(&path).ok()?;
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return None;
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let lines = text.lines().count();
    let lang = Lang::of(&path);
    Some(Source {
        path,
        bytes,
        text,
        lines,
        lang,
    })
}

/// Runs `f` over every file of `group`, `reps` times, and reports the median pass.
fn measure(name: &str, group: &[&Source], reps: usize, mut f: impl FnMut(&Source) -> usize) -> Row {
    let mut times = Vec::with_capacity(reps);
    let mut cpus = Vec::with_capacity(reps);
    let mut errors = 0;
    for _ in 0..reps {
        errors = 0;
        let cpu_start = thread_cpu();
        let start = Instant::now();
        for s in group {
            errors += f(s);
        }
        let wall = start.elapsed();
        times.push(wall);
        // Without schedstat, fall back to the wall time.
        cpus.push(match (cpu_start, thread_cpu()) {
            (Some(a), Some(b)) => b.saturating_sub(a),
            _ => wall,
        });
    }
    let row = Row {
        name: name.to_string(),
        files: group.len(),
        bytes: group.iter().map(|s| s.bytes.len()).sum(),
        lines: group.iter().map(|s| s.lines).sum(),
        wall: median(&mut times),
        cpu: median(&mut cpus),
        errors,
    };
    eprintln!(
        "  {:<52} {:>8.3} s wall {:>8.3} s cpu {:>7.1} MB/s",
        row.name,
        row.wall.as_secs_f64(),
        row.cpu.as_secs_f64(),
        rate(mb(row.bytes), row.cpu)
    );
    row
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// CPU time consumed so far by the calling thread, from the first field of
/// `/proc/thread-self/schedstat` (nanoseconds on a CPU). `None` where that file does not exist.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = stat.split_whitespace().next()?.parse::<u64>().ok()?;
    Some(Duration::from_nanos(ns))
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn rate(amount: f64, time: Duration) -> f64 {
    let secs = time.as_secs_f64();
    if secs > 0.0 {
        amount / secs
    } else {
        0.0
    }
}

fn print_table(rows: &[Row]) {
    println!(
        "| what (one thread) | files | MB | lines | median CPU s | median wall s | MB/s (CPU) \
         | lines/s (CPU) | errors |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {:.1} | {} | {:.3} | {:.3} | {:.1} | {:.0} | {} |",
            r.name,
            r.files,
            mb(r.bytes),
            r.lines,
            r.cpu.as_secs_f64(),
            r.wall.as_secs_f64(),
            rate(mb(r.bytes), r.cpu),
            rate(r.lines as f64, r.cpu),
            r.errors
        );
    }
}
