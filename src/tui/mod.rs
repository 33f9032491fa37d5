//! The cockpit: the terminal UI over the live model. A shell layer like the commands: it may
//! use the core and the engine, the core never uses it.
//!
//! Shape: one event loop (`run`), one `Action` enum (`action`), one draw site (`draw`). The state
//! (`app`) changes only in `App::update`; background work (indexing snapshots, fuzzy search,
//! suggestions, the history timeline) runs on worker threads (`workers`) and comes back as
//! actions, so a key press never waits. The terminal is restored on every way out (`terminal`).

mod data;
pub mod draw;
pub mod layout;
mod look;
mod shell;
mod state;
pub mod treemap;
pub mod views;

pub use data::{feed, finder, history, index, rows, suggest};
pub use look::{color, style, theme};
use shell::run;
pub use shell::{terminal, workers};
pub use state::{action, app, keymap};

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{bail, Context};

use crate::config::{Config, LoadOptions};
use crate::engine::{Engine, EngineOptions};
use crate::watch::WatchMode;
use app::{App, Setup};
use color::{ColorChoice, Depth};
use index::ViewData;
use keymap::KeyMap;

/// `--watch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WatchChoice {
    /// Native, polling when native cannot work.
    #[default]
    Auto,
    Native,
    Poll,
    Off,
}

/// For benchmarks: quit after the first frame, or after the first frame of a complete model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitAfter {
    First,
    Ready,
}

/// How the cockpit runs.
#[derive(Clone)]
pub struct Options {
    pub root: PathBuf,
    pub config: LoadOptions,
    pub watch: WatchChoice,
    pub theme: Option<String>,
    pub color: ColorChoice,
    pub ascii: bool,
    pub summary: Option<PathBuf>,
    pub cache_dir: Option<PathBuf>,
    pub threads: usize,
    pub exit_after: Option<ExitAfter>,
    pub planner: Arc<dyn suggest::Planner>,
}

/// What a finished cockpit reports.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Where the session summary was written.
    pub summary: Option<PathBuf>,
    pub first_frame_ms: Option<u128>,
    pub ready_frame_ms: Option<u128>,
    /// When the complete model was published (before the cockpit indexed it).
    pub model_ms: Option<u128>,
}

/// The state and feed made before the terminal is taken.
pub struct Started {
    pub app: App,
    pub engine: Option<Engine>,
    pub loader: Option<crossbeam_channel::Receiver<feed::FeedEvent>>,
}

/// The setup of a cockpit on `root` with `config`: theme, colours, keys. Errors name the
/// theme file or the config key at fault.
pub fn setup(opts: &Options, root: PathBuf, config: &Config, live: bool) -> anyhow::Result<Setup> {
    let env = |k: &str| std::env::var(k).ok();
    let depth = Depth::detect(opts.color, &env);
    let user_themes = theme::user_dir();
    let name = opts
        .theme
        .clone()
        .or_else(|| config.ui.theme.clone())
        .unwrap_or_else(|| "dark".into());
    let theme = theme::load(&name, user_themes.as_deref()).map_err(anyhow::Error::msg)?;
    let keymap = KeyMap::new(&config.ui).map_err(|bad| {
        let list: Vec<String> = bad
            .iter()
            .map(|b| {
                let at = config
                    .origin(&format!("keys.{}", b.action))
                    .map(|o| format!("{o}: "))
                    .unwrap_or_default();
                format!("{at}[keys] {}: unknown key \"{}\"", b.action, b.key)
            })
            .collect();
        anyhow::anyhow!("{}", list.join("\n"))
    })?;
    let display = root
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| root.display().to_string());
    Ok(Setup {
        root,
        name: display,
        depth,
        ascii: opts.ascii,
        theme,
        themes: theme::available(user_themes.as_deref()),
        user_themes,
        keymap,
        live,
    })
}

/// Runs the cockpit until the user quits; writes the session summary if asked.
pub fn run(opts: Options) -> anyhow::Result<Outcome> {
    let t0 = Instant::now();
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!("the cockpit needs a terminal; for a report use `seamline scan` or `seamline check`");
    }
    let root = std::fs::canonicalize(&opts.root)
        .with_context(|| format!("{}: no such file or directory", opts.root.display()))?;
    let mut load = opts.config.clone();
    load.root = if root.is_dir() {
        root.clone()
    } else {
        root.parent().map(PathBuf::from).unwrap_or_default()
    };
    let config = Arc::new(Config::load(&load)?);
    let live = opts.watch != WatchChoice::Off && root.is_dir();
    let setup = setup(&opts, root.clone(), &config, live)?;
    let (engine, loader) = if live {
        let mut eo = EngineOptions::new(&root);
        eo.config = load.clone();
        eo.watch = match opts.watch {
            WatchChoice::Native => WatchMode::Native,
            WatchChoice::Poll => WatchMode::Poll,
            _ => WatchMode::Auto,
        };
        eo.cache_dir = opts.cache_dir.clone();
        eo.scan_threads = opts.threads;
        (
            Some(Engine::start(eo).context("cannot start watching")?),
            None,
        )
    } else {
        (
            None,
            Some(feed::load_once(
                root.clone(),
                config.clone(),
                opts.cache_dir.clone(),
                opts.threads,
            )),
        )
    };
    let app = App::new(setup, Arc::new(ViewData::empty(config)), (80, 24));
    let ended = run::event_loop(
        &opts,
        Started {
            app,
            engine,
            loader,
        },
        t0,
    )?;
    let mut outcome = Outcome {
        summary: None,
        first_frame_ms: ended.first_frame_ms,
        ready_frame_ms: ended.ready_frame_ms,
        model_ms: ended.model_ms,
    };
    if let Some(path) = &opts.summary {
        let delta = ended.last.as_ref().and_then(|p| p.delta());
        let text = match delta {
            Some(d) => crate::engine::summary::markdown(&d),
            None => "# Refactor session\n\nThe cockpit closed before the model was complete: no session.\n".into(),
        };
        std::fs::write(path, text)
            .with_context(|| format!("cannot write the summary to {}", path.display()))?;
        outcome.summary = Some(path.clone());
    }
    Ok(outcome)
}
