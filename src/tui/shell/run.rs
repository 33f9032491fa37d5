//! The event loop: one thread, one `select!` over terminal input, the feed (engine notices or
//! the one-shot loader), the workers' answers, signals and a spinner tick. Every event becomes
//! an `Action` for `App::update`; the screen is drawn at one place when something changed; the
//! effects `update` queued are carried out here (the editor, files, worker requests).

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use crossbeam_channel::{never, select, tick, unbounded};
use crossterm::event::{Event, KeyEventKind};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use crate::engine::Published;
use crate::tui::action::Action;
use crate::tui::app::{App, Effect};
use crate::tui::feed::{self, FeedEvent, Progress};
use crate::tui::workers::{self, FindRequest, SuggestRequest};
use crate::tui::{ExitAfter, Options, Started};

/// What the loop ended with.
pub struct Ended {
    /// The last publication (for the session summary).
    pub last: Option<Arc<Published>>,
    /// Milliseconds from start to the first frame, and to the first frame of a complete model.
    pub first_frame_ms: Option<u128>,
    pub ready_frame_ms: Option<u128>,
    /// Milliseconds from start until the complete model was published (before indexing).
    pub model_ms: Option<u128>,
}

/// Runs the cockpit until quit. `started` holds the app and the feed, made before the terminal
/// was taken (so that errors print normally).
pub fn event_loop(opts: &Options, started: Started, t0: Instant) -> anyhow::Result<Ended> {
    let Started {
        mut app,
        engine,
        loader,
    } = started;
    let guard = crate::tui::terminal::enter().context("cannot set up the terminal")?;
    let mut terminal =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot set up the terminal")?;
    let _ = terminal.clear();
    if let Ok(s) = terminal.size() {
        app.update(Action::Resize(s.width, s.height));
    }
    let (input, control) = workers::input();
    let mut signals = workers::signals().unwrap_or_else(|_| never());
    let (work_tx, work_rx) = unbounded::<Action>();
    let root = app.setup.root.clone();
    let indexer = workers::indexer(root.clone(), work_tx.clone());
    let deltas = workers::deltas(work_tx.clone());
    let finder = workers::finder(work_tx.clone());
    let suggester = workers::suggester(root.clone(), opts.planner.clone(), work_tx.clone());
    let timeline = workers::timeline(root.clone(), opts.cache_dir.clone(), work_tx.clone());
    let mut notices = engine
        .as_ref()
        .map(|e| e.notices().clone())
        .unwrap_or_else(never);
    let mut loader = loader.unwrap_or_else(never);
    let ticker = tick(Duration::from_millis(150));
    let mut last: Option<Arc<Published>> = None;
    let mut ended = Ended {
        last: None,
        first_frame_ms: None,
        model_ms: None,
        ready_frame_ms: None,
    };
    let mut dirty = true;
    let mut delta_wait: Option<Arc<Published>> = None;
    let since = Instant::now();
    let latest = || engine.as_ref().map(|e| e.latest());
    loop {
        if dirty {
            if terminal.draw(|f| crate::tui::draw::draw(f, &app)).is_err() {
                break; // the terminal is gone (SIGHUP, a closed pty)
            }
            dirty = false;
            let ms = t0.elapsed().as_millis();
            ended.first_frame_ms.get_or_insert(ms);
            if app.view.complete && ended.ready_frame_ms.is_none() {
                ended.ready_frame_ms = Some(ms);
            }
            let done = match opts.exit_after {
                Some(ExitAfter::First) => true,
                Some(ExitAfter::Ready) => ended.ready_frame_ms.is_some(),
                None => false,
            };
            if done {
                break;
            }
        }
        let mut feed_events: Vec<FeedEvent> = Vec::new();
        select! {
            recv(input) -> ev => match ev {
                Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => {
                    if let Some(a) = app.setup.keymap.translate(&k, app.typing()) {
                        app.update(a);
                        dirty = true;
                    }
                }
                Ok(Event::Resize(w, h)) => {
                    app.update(Action::Resize(w, h));
                    let _ = terminal.autoresize();
                    dirty = true;
                }
                Ok(_) => {}
                Err(_) => break,
            },
            recv(notices) -> n => match n {
                Ok(n) => {
                    let get = || latest().unwrap_or_else(|| Arc::new(empty_published(&app)));
                    feed_events = feed::translate(&n, since, &get);
                }
                // The engine is gone: stop listening (a closed channel is always ready).
                Err(_) => notices = never(),
            },
            recv(loader) -> ev => match ev {
                Ok(ev) => feed_events.push(ev),
                Err(_) => loader = never(),
            },
            recv(work_rx) -> a => if let Ok(a) = a {
                app.update(a);
                dirty = true;
                // The delta waits until its snapshot's view is shown: the first complete
                // frame must not share the cores with it.
                if delta_wait.as_ref().is_some_and(|p| p.generation <= app.view.generation) {
                    if let Some(p) = delta_wait.take() {
                        let _ = deltas.send(p);
                    }
                }
            },
            recv(signals) -> s => match s {
                Ok(s) => {
                    app.update(Action::Signal(s));
                    dirty = true;
                }
                Err(_) => signals = never(),
            },
            recv(ticker) -> _ => {
                if !matches!(app.progress, Progress::Ready { .. }) || app.suggest.pending.is_some() {
                    app.update(Action::Tick);
                    dirty = true;
                }
            },
        }
        for ev in feed_events {
            if let FeedEvent::Published(p) = &ev {
                last = Some(p.clone());
                let _ = indexer.send(p.clone());
                if p.session.is_some() {
                    delta_wait = Some(p.clone());
                }
                if p.complete {
                    ended.model_ms.get_or_insert(t0.elapsed().as_millis());
                }
            }
            app.update(Action::Feed(ev));
            dirty = true;
        }
        for effect in std::mem::take(&mut app.effects) {
            match effect {
                Effect::Quit => {}
                Effect::Find { query } => {
                    let _ = finder.send(FindRequest {
                        query,
                        candidates: app.view.candidates.clone(),
                        generation: app.view.generation,
                    });
                }
                Effect::Suggest {
                    key,
                    id,
                    generation,
                } => {
                    let _ = suggester.send(SuggestRequest {
                        key,
                        id,
                        generation,
                        snapshot: app.view.snapshot.clone(),
                        config: app.view.config.clone(),
                        history: app.view.history.report.clone(),
                    });
                }
                Effect::Timeline => {
                    let _ = timeline.send(());
                }
                Effect::Rescan => match &engine {
                    Some(e) => e.rescan(),
                    None => {
                        let cfg = app.view.config.clone();
                        loader = feed::load_once(
                            root.clone(),
                            cfg,
                            opts.cache_dir.clone(),
                            opts.threads,
                        );
                    }
                },
                Effect::WriteFile { path, text } => {
                    let shown = crate::sanitize::sanitize(&path.display().to_string()).into_owned();
                    let result = std::fs::write(&path, text)
                        .map(|()| format!("wrote {shown}"))
                        .map_err(|e| format!("cannot write {shown}: {e}"));
                    app.update(Action::Done(result));
                }
                Effect::Editor { path, line } => {
                    control.pause();
                    guard.suspend();
                    let result = crate::tui::terminal::run_editor(&path, line);
                    let resumed = guard.resume();
                    control.resume();
                    let _ = terminal.clear();
                    if resumed.is_err() {
                        break;
                    }
                    app.update(Action::Done(result));
                }
            }
            dirty = true;
        }
        if app.quit {
            break;
        }
    }
    drop(terminal);
    drop(guard);
    ended.last = match engine {
        Some(mut e) => Some(e.stop()),
        None => last,
    };
    Ok(ended)
}

/// A publication of nothing (before the engine published anything).
fn empty_published(app: &App) -> Published {
    Published {
        generation: 0,
        snapshot: crate::model::Model::new().snapshot(),
        complete: false,
        config: app.view.config.clone(),
        session: None,
        backend: crate::watch::Backend::Native,
        history: None,
    }
}
