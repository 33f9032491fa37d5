//! The cockpit's frame cost on a synthetic model of 100,000 files (the target: a frame
//! in under 8 ms). Builds the model in memory (no I/O), indexes it once (as the worker thread
//! does for every new snapshot), then draws frames on ratatui's `TestBackend` (the same
//! widgets, layout and buffer diff as on a terminal, without the terminal's write) while the
//! selection moves, and reports medians. Also: the index build, a finder query over every file
//! and component, and memory (RSS) after each step.
//!
//! Run: `cargo bench --bench tui_draw` (`TUI_FRAMES` sets the frames per case, default 300).

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use seamline::config::{Config, LoadOptions};
use seamline::lang::Language;
use seamline::model::facts::{Component, ComponentKind, FileFacts, FnMetrics, LineCounts};
use seamline::model::Model;
use seamline::tui::action::{Action, Command};
use seamline::tui::app::{App, Setup};
use seamline::tui::color::Depth;
use seamline::tui::finder::search;
use seamline::tui::index::{ViewData, ViewInput};
use seamline::tui::keymap::KeyMap;
use seamline::tui::theme;

/// Resident memory of this process, in MiB (Linux; 0 elsewhere).
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}

fn facts(i: u32) -> FileFacts {
    let total = 40 + (i * 7919) % 560;
    let mut components = Vec::new();
    for f in 0..3 {
        let start = 5 + f * (total / 4);
        let mut c = Component::new(
            ComponentKind::Function,
            &format!("f{f}"),
            &format!("f{f}"),
            start,
            start + total / 5,
        );
        c.lines = LineCounts {
            total: total / 5,
            code: total / 5,
            comment: 0,
            blank: 0,
        };
        c.metrics = Some(FnMetrics {
            cyclomatic: 1 + (i + f) % 17,
            cognitive: (i * 3 + f) % 19,
            params: f,
            nesting: (i % 5),
            nesting_line: start + 1,
        });
        components.push(c);
    }
    FileFacts {
        language: Language::Rust,
        bytes: u64::from(total) * 30,
        hash: u64::from(i),
        lines: LineCounts {
            total,
            code: total * 8 / 10,
            comment: total / 10,
            blank: total / 10,
        },
        parse_error: None,
        lines_only: false,
        lossy_utf8: false,
        components,
        suppressions: Vec::new(),
    }
}

/// 90 directories × 10 subdirectories × 100 files, plus one flat directory of 10,000 files.
fn model() -> Model {
    let mut m = Model::new();
    let mut i = 0;
    for d in 0..90 {
        for s in 0..10 {
            for f in 0..100 {
                let _ = m.upsert_file(&format!("d{d:02}/s{s}/file_{f:03}.rs"), facts(i));
                i += 1;
            }
        }
    }
    for f in 0..10_000 {
        let _ = m.upsert_file(&format!("flat/item_{f:05}.rs"), facts(i));
        i += 1;
    }
    m
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn frames(app: &mut App, size: (u16, u16), n: usize, moves: &[Command]) -> Duration {
    app.update(Action::Resize(size.0, size.1));
    let mut term = Terminal::new(TestBackend::new(size.0, size.1)).expect("terminal");
    let _ = term.draw(|f| seamline::tui::draw::draw(f, app));
    let mut times = Vec::with_capacity(n);
    for i in 0..n {
        if let Some(c) = moves.get(i % moves.len().max(1)) {
            app.update(Action::Command(*c));
            app.effects.clear();
        }
        let t = Instant::now();
        let _ = term.draw(|f| seamline::tui::draw::draw(f, app));
        times.push(t.elapsed());
    }
    black_box(&term);
    median(times)
}

fn main() {
    let n: usize = std::env::var("TUI_FRAMES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let base = rss_mib();
    let t = Instant::now();
    let model = model();
    let snap = model.snapshot();
    println!(
        "model: {} files, {} nodes, built in {} (RSS +{:.0} MiB)",
        snap.totals().files,
        snap.len(),
        ms(t.elapsed()),
        rss_mib() - base
    );
    let cfg = Arc::new(Config::load(&LoadOptions::default()).expect("default config"));
    let t = Instant::now();
    let view = Arc::new(ViewData::build(ViewInput {
        generation: 1,
        snapshot: snap.clone(),
        complete: true,
        config: cfg.clone(),
        history: Default::default(),
        delta: None,
    }));
    println!(
        "index (worker thread, per snapshot): {} (RSS now {:.0} MiB)",
        ms(t.elapsed()),
        rss_mib()
    );
    let t = Instant::now();
    let hits = search(&view.candidates, "d42s3file", 1);
    println!(
        "finder query over {} candidates: {} ({} hits)",
        view.candidates.len(),
        ms(t.elapsed()),
        hits.hits.len()
    );
    let setup = Setup {
        root: "/synthetic".into(),
        name: "synthetic".into(),
        depth: Depth::TrueColor,
        ascii: false,
        theme: theme::load("dark", None).expect("theme"),
        themes: theme::available(None),
        user_themes: None,
        keymap: KeyMap::new(&Default::default()).expect("keys"),
        live: true,
    };
    let mut app = App::new(setup, view.clone(), (120, 40));
    app.update(Action::View(view.clone()));
    let file = snap.lookup("d42/s3/file_050.rs").expect("file");
    app.select(file);
    let nav = [Command::Down, Command::Down, Command::Up, Command::Up];
    for size in [(80, 24), (120, 40), (200, 60)] {
        let d = frames(&mut app, size, n, &nav);
        println!(
            "frame {}x{}, tree + heatmap of a 100-file directory + detail: median {}",
            size.0,
            size.1,
            ms(d)
        );
    }
    app.select(snap.lookup("flat/item_05000.rs").expect("flat"));
    app.update(Action::Command(Command::PaneHeatmap));
    let d = frames(&mut app, (120, 40), n, &[Command::Right, Command::Left]);
    println!(
        "frame 120x40, heatmap of the 10,000-file directory: median {}",
        ms(d)
    );
    app.select(snap.lookup("d00").expect("dir"));
    app.update(Action::Command(Command::Back));
    let d = frames(&mut app, (120, 40), n, &[Command::Down, Command::Up]);
    println!(
        "frame 120x40, heatmap of the root (91 directories): median {}",
        ms(d)
    );
    println!("peak RSS: {:.0} MiB", peak_mib());
}

fn peak_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}
