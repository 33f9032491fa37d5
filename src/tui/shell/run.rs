//! The event loop: one thread, one `select!` over terminal input, the feed (engine notices or
//! the one-shot loader), the workers' answers, signals and a spinner tick. Every event becomes
//! an `Action` for `App::update`; the screen is drawn at one place when something changed; the
//! effects `update` queued are carried out here (the editor, files, worker requests).

use std::io;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use crossbeam_channel::{never, select, tick, unbounded, Receiver, Sender};
use crossterm::event::{Event, KeyEventKind};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

use super::terminal::{self, Guard};
use super::workers::{self, FindRequest, InputControl, SuggestRequest};
use crate::engine::notice::Notice;
use crate::engine::{Engine, Published};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::feed::{self, FeedEvent, Progress};
use crate::tui::{ExitAfter, Options, Started};

/// What the loop ended with.
#[derive(Default)]
pub struct Ended {
    /// The last publication (for the session summary).
    pub last: Option<Arc<Published>>,
    /// Milliseconds from start to the first frame, and to the first frame of a complete model.
    pub first_frame_ms: Option<u128>,
    pub ready_frame_ms: Option<u128>,
    /// Milliseconds from start until the complete model was published (before indexing).
    pub model_ms: Option<u128>,
}

/// The loop goes on, or the cockpit ends.
pub(super) type Flow = ControlFlow<()>;

/// The terminal and what must let go of it while the editor runs.
pub(super) struct Screen {
    pub(super) terminal: Terminal<CrosstermBackend<io::Stdout>>,
    pub(super) guard: Guard,
    pub(super) control: InputControl,
}

/// The request channels of the background workers.
pub(super) struct Workers {
    pub(super) indexer: Sender<Arc<Published>>,
    pub(super) deltas: Sender<Arc<Published>>,
    pub(super) finder: Sender<FindRequest>,
    pub(super) suggester: Sender<SuggestRequest>,
    pub(super) timeline: Sender<()>,
}

impl Workers {
    fn start(app: &App, opts: &Options, out: &Sender<Action>) -> Workers {
        let root = app.setup.root.clone();
        Workers {
            indexer: workers::indexer(root.clone(), out.clone()),
            deltas: workers::deltas(out.clone()),
            finder: workers::finder(out.clone()),
            suggester: workers::suggester(root.clone(), opts.planner.clone(), out.clone()),
            timeline: workers::timeline(root, opts.cache_dir.clone(), out.clone()),
        }
    }
}

/// Everything the loop waits on. A closed channel is always ready, so a source that closes
/// is replaced by `never()`.
struct Sources {
    input: Receiver<Event>,
    notices: Receiver<Notice>,
    loader: Receiver<FeedEvent>,
    work: Receiver<Action>,
    signals: Receiver<&'static str>,
    ticker: Receiver<Instant>,
}

/// The loop's state besides the channels it waits on.
pub(super) struct Loop<'a> {
    pub(super) opts: &'a Options,
    t0: Instant,
    pub(super) since: Instant,
    pub(super) app: App,
    pub(super) engine: Option<Engine>,
    pub(super) screen: Screen,
    pub(super) workers: Workers,
    pub(super) ended: Ended,
    pub(super) last: Option<Arc<Published>>,
    /// A publication whose session delta waits until its view is shown.
    pub(super) delta_wait: Option<Arc<Published>>,
    pub(super) dirty: bool,
}

/// Runs the cockpit until quit. `started` holds the app and the feed, made before the terminal
/// was taken (so that errors print normally).
pub fn event_loop(opts: &Options, started: Started, t0: Instant) -> anyhow::Result<Ended> {
    let Started {
        mut app,
        engine,
        loader,
    } = started;
    let guard = terminal::enter().context("cannot set up the terminal")?;
    let mut term =
        Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot set up the terminal")?;
    let _ = term.clear();
    if let Ok(s) = term.size() {
        app.update(Action::Resize(s.width, s.height));
    }
    let (input, control) = workers::input();
    let signals = workers::signals().unwrap_or_else(|_| never());
    let (work_tx, work) = unbounded::<Action>();
    let workers = Workers::start(&app, opts, &work_tx);
    let mut sources = Sources {
        input,
        notices: engine
            .as_ref()
            .map(|e| e.notices().clone())
            .unwrap_or_else(never),
        loader: loader.unwrap_or_else(never),
        work,
        signals,
        ticker: tick(Duration::from_millis(150)),
    };
    let mut lp = Loop {
        opts,
        t0,
        since: Instant::now(),
        app,
        engine,
        screen: Screen {
            terminal: term,
            guard,
            control,
        },
        workers,
        ended: Ended::default(),
        last: None,
        delta_wait: None,
        dirty: true,
    };
    while lp.step(&mut sources).is_continue() {}
    Ok(lp.finish())
}

impl Loop<'_> {
    /// One turn: draw if needed, wait for one event, take the feed, carry out the effects.
    fn step(&mut self, src: &mut Sources) -> Flow {
        if self.dirty {
            self.draw()?;
        }
        let feed_events = self.wait(src)?;
        for ev in feed_events {
            self.take_feed(ev);
        }
        for effect in std::mem::take(&mut self.app.effects) {
            self.carry_out(effect, &mut src.loader)?;
            self.dirty = true;
        }
        if self.app.quit {
            Flow::Break(())
        } else {
            Flow::Continue(())
        }
    }

    /// Gives the terminal back and stops the engine.
    fn finish(self) -> Ended {
        let Loop {
            engine,
            screen,
            mut ended,
            last,
            ..
        } = self;
        let Screen {
            terminal,
            guard,
            control,
        } = screen;
        drop(terminal);
        drop(guard);
        ended.last = match engine {
            Some(mut e) => Some(e.stop()),
            None => last,
        };
        drop(control);
        ended
    }

    fn apply(&mut self, action: Action) {
        self.app.update(action);
        self.dirty = true;
    }

    /// Draws the screen; breaks when the terminal is gone or the benchmark's frame is drawn.
    fn draw(&mut self) -> Flow {
        let app = &self.app;
        if self
            .screen
            .terminal
            .draw(|f| crate::tui::draw::draw(f, app))
            .is_err()
        {
            return Flow::Break(()); // the terminal is gone (SIGHUP, a closed pty)
        }
        self.dirty = false;
        let ms = self.t0.elapsed().as_millis();
        self.ended.first_frame_ms.get_or_insert(ms);
        if self.app.view.complete && self.ended.ready_frame_ms.is_none() {
            self.ended.ready_frame_ms = Some(ms);
        }
        let done = match self.opts.exit_after {
            Some(ExitAfter::First) => true,
            Some(ExitAfter::Ready) => self.ended.ready_frame_ms.is_some(),
            None => false,
        };
        if done {
            Flow::Break(())
        } else {
            Flow::Continue(())
        }
    }

    /// Waits for the next event and handles it; returns the feed events it brought.
    fn wait(&mut self, src: &mut Sources) -> ControlFlow<(), Vec<FeedEvent>> {
        let mut feed_events: Vec<FeedEvent> = Vec::new();
        select! {
            recv(src.input) -> ev => match ev {
                Ok(ev) => self.on_input(ev),
                Err(_) => return ControlFlow::Break(()),
            },
            recv(src.notices) -> n => match n {
                Ok(n) => feed_events = self.translate(&n),
                // The engine is gone: stop listening.
                Err(_) => src.notices = never(),
            },
            recv(src.loader) -> ev => match ev {
                Ok(ev) => feed_events.push(ev),
                Err(_) => src.loader = never(),
            },
            recv(src.work) -> a => if let Ok(a) = a {
                self.on_work(a);
            },
            recv(src.signals) -> s => match s {
                Ok(s) => self.apply(Action::Signal(s)),
                Err(_) => src.signals = never(),
            },
            recv(src.ticker) -> _ => self.on_tick(),
        }
        ControlFlow::Continue(feed_events)
    }

    fn on_input(&mut self, ev: Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                if let Some(a) = self.app.setup.keymap.translate(&k, self.app.typing()) {
                    self.apply(a);
                }
            }
            Event::Resize(w, h) => {
                self.app.update(Action::Resize(w, h));
                let _ = self.screen.terminal.autoresize();
                self.dirty = true;
            }
            _ => {}
        }
    }

    fn translate(&self, n: &Notice) -> Vec<FeedEvent> {
        let get = || {
            self.engine
                .as_ref()
                .map(|e| e.latest())
                .unwrap_or_else(|| Arc::new(empty_published(&self.app)))
        };
        feed::translate(n, self.since, &get)
    }

    fn on_work(&mut self, a: Action) {
        self.apply(a);
        // The delta waits until its snapshot's view is shown: the first complete frame must
        // not share the cores with it.
        let generation = self.app.view.generation;
        if self
            .delta_wait
            .as_ref()
            .is_some_and(|p| p.generation <= generation)
        {
            if let Some(p) = self.delta_wait.take() {
                let _ = self.workers.deltas.send(p);
            }
        }
    }

    fn on_tick(&mut self) {
        let loading = !matches!(self.app.progress, Progress::Ready { .. });
        if loading || self.app.suggest.pending.is_some() {
            self.apply(Action::Tick);
        }
    }

    fn take_feed(&mut self, ev: FeedEvent) {
        if let FeedEvent::Published(p) = &ev {
            self.last = Some(p.clone());
            let _ = self.workers.indexer.send(p.clone());
            if p.session.is_some() {
                self.delta_wait = Some(p.clone());
            }
            if p.complete {
                self.ended
                    .model_ms
                    .get_or_insert(self.t0.elapsed().as_millis());
            }
        }
        self.apply(Action::Feed(ev));
    }
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
