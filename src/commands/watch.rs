//! `seamline watch`: runs the engine and prints one line per event that matters (human or JSON
//! Lines), until SIGINT, SIGTERM or SIGHUP; then prints (or writes, with `--summary FILE`) the
//! refactor session's summary. SIGUSR1 writes the summary without stopping. A second Ctrl-C
//! during the shutdown exits at once. Without `--headless` it opens the cockpit (watching, with
//! the same session) when it runs on a terminal, and runs headless otherwise.

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use crossbeam_channel::{select, unbounded, Receiver};
use seamline::engine::render::{Format, Renderer};
use seamline::engine::{summary, Engine, EngineOptions, Published};
use seamline::watch::WatchMode;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGUSR1};
use signal_hook::iterator::Signals;

use crate::cli::{CockpitArgs, CockpitWatch, WatchArgs, WatchBackendArg, WatchFormat};

/// Runs the watch.
pub fn run(args: &WatchArgs) -> anyhow::Result<ExitCode> {
    if !args.headless {
        if io::stdin().is_terminal() && io::stdout().is_terminal() {
            return super::cockpit::run(args.path.clone(), &cockpit_args(args));
        }
        eprintln!("seamline: not on a terminal, so no cockpit: running headless (pass --headless to silence this)");
    }
    let signals = signals()?;
    let mut engine = Engine::start(options(args)).context("cannot start watching")?;
    let renderer = Renderer {
        format: match args.format {
            WatchFormat::Human => Format::Human,
            WatchFormat::Json => Format::Json,
        },
        why: args.why,
        root: args.path.display().to_string(),
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    // Write errors (the reader went away, a dropped SSH link) end the loop; the summary file,
    // if asked for, is still written.
    let mut writable = true;
    loop {
        select! {
            recv(engine.notices()) -> n => {
                let Ok(n) = n else { break };
                writable = writable && print(&mut out, &renderer.lines(&n));
            }
            recv(signals) -> s => match s {
                Ok(SIGUSR1) => {
                    writable = writable && summarise(&mut out, &renderer, &engine.latest(), args);
                }
                _ => break,
            },
        }
        if !writable {
            break;
        }
    }
    let last = engine.stop();
    let rest: Vec<String> = engine
        .notices()
        .try_iter()
        .flat_map(|n| renderer.lines(&n))
        .collect();
    writable = writable && print(&mut out, &rest);
    if !summarise(&mut out, &renderer, &last, args) && writable {
        anyhow::bail!("cannot write the session summary");
    }
    Ok(ExitCode::SUCCESS)
}

/// The cockpit's options for `watch` on a terminal: the same tree, watcher, summary file,
/// configuration and scan settings.
fn cockpit_args(args: &WatchArgs) -> CockpitArgs {
    CockpitArgs {
        watch: match args.watch_mode {
            Some(WatchBackendArg::Poll) => CockpitWatch::Poll,
            _ => CockpitWatch::Native,
        },
        summary: args.summary.clone(),
        config: args.config.clone(),
        scan: args.scan.clone(),
        ..CockpitArgs::default()
    }
}

fn options(args: &WatchArgs) -> EngineOptions {
    let mut opts = EngineOptions::new(&args.path);
    let mut load = seamline::config::LoadOptions::for_root(&args.path);
    if args.config.no_user_config {
        load.user_file = None;
    }
    load.config_file = args.config.config.clone();
    load.limit_flags = args.config.limits.clone();
    opts.config = load;
    opts.watch = match args.watch_mode {
        None => WatchMode::Auto,
        Some(WatchBackendArg::Native) => WatchMode::Native,
        Some(WatchBackendArg::Poll) => WatchMode::Poll,
    };
    opts.debounce = Duration::from_millis(args.debounce);
    opts.max_wait = Duration::from_millis(args.debounce.saturating_mul(20).max(1000));
    opts.poll_interval = Duration::from_millis(args.poll_interval.max(10));
    opts.cache_dir = super::cache_dir(&args.scan.cache_dir, args.scan.no_cache);
    opts.scan_threads = args.scan.threads;
    opts
}

/// SIGINT, SIGTERM, SIGHUP and SIGUSR1 as a channel; a second SIGINT or SIGTERM exits at once
/// (status 130) should the shutdown hang.
fn signals() -> anyhow::Result<Receiver<i32>> {
    let armed = Arc::new(AtomicBool::new(false));
    for sig in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(sig, 130, armed.clone())
            .context("installing signal handlers")?;
        signal_hook::flag::register(sig, armed.clone()).context("installing signal handlers")?;
    }
    let mut signals =
        Signals::new([SIGINT, SIGTERM, SIGHUP, SIGUSR1]).context("installing signal handlers")?;
    let (tx, rx) = unbounded();
    std::thread::Builder::new()
        .name("seamline-signals".into())
        .spawn(move || {
            for s in signals.forever() {
                if tx.send(s).is_err() {
                    break;
                }
            }
        })
        .context("starting the signal thread")?;
    Ok(rx)
}

/// Prints lines; false when stdout cannot be written any more.
fn print(out: &mut impl Write, lines: &[String]) -> bool {
    if lines.is_empty() {
        return true;
    }
    let written = lines.iter().try_for_each(|l| writeln!(out, "{l}"));
    written.and_then(|()| out.flush()).is_ok()
}

/// Prints the session summary, or writes it to `--summary FILE` (then the JSON format says
/// where). False when it could not be written.
fn summarise(out: &mut impl Write, r: &Renderer, p: &Published, args: &WatchArgs) -> bool {
    let Some(delta) = p.delta() else {
        return true; // stopped before the initial model was built: no session
    };
    let markdown = summary::markdown(&delta);
    let file = args.summary.as_deref();
    if let Some(path) = file {
        if let Err(e) = write_file(path, &markdown) {
            let line = format!("seamline: cannot write {}: {e}", path.display());
            eprintln!("{}", seamline::sanitize::sanitize(&line));
            return false;
        }
    }
    let shown = file.map(|f| f.display().to_string());
    match r.summary(&delta, &markdown, shown.as_deref()) {
        Some(line) => print(out, &[line]),
        None if file.is_some() => true,
        None => print(out, &[markdown]),
    }
}

fn write_file(path: &Path, text: &str) -> io::Result<()> {
    std::fs::write(path, text)
}
