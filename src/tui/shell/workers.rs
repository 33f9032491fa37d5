//! The background threads of the cockpit. Each takes requests on its own channel, coalesces a
//! burst of them into the newest, and answers with an `Action` on the event loop's work
//! channel, so the loop never waits on any of them: indexing a new snapshot, fuzzy matching,
//! planning suggestions (cached per node and snapshot), and reading the history timeline.
//! The input reader and the signal listener are here too.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crossbeam_channel::{bounded, unbounded, Receiver, Sender};
use crossterm::event::Event;

use crate::config::Config;
use crate::engine::Published;
use crate::history::HistoryReport;
use crate::model::{NodeId, Snapshot};
use crate::tui::action::Action;
use crate::tui::finder::{search, Candidate};
use crate::tui::history::{read_timeline, HistoryView};
use crate::tui::index::{git_head, ViewData, ViewInput};
use crate::tui::suggest::{suggest, PlanInput, Planner, SuggestResult};

/// Starts a thread that runs `work` on the newest request of each burst.
pub fn spawn<T: Send + 'static>(
    name: &str,
    out: Sender<Action>,
    mut work: impl FnMut(T) -> Option<Action> + Send + 'static,
) -> Sender<T> {
    let (tx, rx) = unbounded::<T>();
    let _ = std::thread::Builder::new()
        .name(format!("seamline-{name}"))
        .spawn(move || serve(&rx, &out, &mut work));
    tx
}

/// Answers each burst of requests with the work on its newest, until either side is gone.
fn serve<T>(rx: &Receiver<T>, out: &Sender<Action>, work: &mut impl FnMut(T) -> Option<Action>) {
    while let Ok(first) = rx.recv() {
        let req = rx.try_iter().last().unwrap_or(first);
        let Some(a) = work(req) else { continue };
        if out.send(a).is_err() {
            break;
        }
    }
}

/// Indexes published snapshots into views.
pub fn indexer(root: PathBuf, out: Sender<Action>) -> Sender<Arc<Published>> {
    spawn("index", out, move |p: Arc<Published>| {
        let mut v = ViewData::build(ViewInput {
            generation: p.generation,
            snapshot: p.snapshot.clone(),
            complete: p.complete,
            config: p.config.clone(),
            history: HistoryView::new(p.history.clone()),
            delta: None,
        });
        v.git = git_head(&root);
        Some(Action::View(Arc::new(v)))
    })
}

/// Computes the session delta of publications that have a session.
pub fn deltas(out: Sender<Action>) -> Sender<Arc<Published>> {
    spawn("delta", out, |p: Arc<Published>| {
        p.delta().map(|d| Action::Delta(p.generation, Arc::new(d)))
    })
}

/// A finder request.
pub struct FindRequest {
    pub query: String,
    pub candidates: Arc<Vec<Candidate>>,
    pub generation: u64,
}

/// Fuzzy-matches queries.
pub fn finder(out: Sender<Action>) -> Sender<FindRequest> {
    spawn("finder", out, |r: FindRequest| {
        Some(Action::Found(search(&r.candidates, &r.query, r.generation)))
    })
}

/// A suggestions request.
pub struct SuggestRequest {
    pub key: String,
    pub id: NodeId,
    pub generation: u64,
    pub snapshot: Snapshot,
    pub config: Arc<Config>,
    pub history: Option<Arc<HistoryReport>>,
}

/// Plans suggestions, caching them per node key and generation.
pub fn suggester(
    root: PathBuf,
    planner: Arc<dyn Planner>,
    out: Sender<Action>,
) -> Sender<SuggestRequest> {
    let mut cache: HashMap<(String, u64), SuggestResult> = HashMap::new();
    spawn("suggest", out, move |r: SuggestRequest| {
        let k = (r.key.clone(), r.generation);
        if let Some(hit) = cache.get(&k) {
            return Some(Action::Suggested(hit.clone()));
        }
        let input = PlanInput {
            root: &root,
            snapshot: &r.snapshot,
            node: r.id,
            config: &r.config,
            history: r.history.as_deref(),
        };
        let result = suggest(planner.as_ref(), &input, r.key, r.generation);
        cache.retain(|(_, g), _| *g + 2 > r.generation);
        cache.insert(k, result.clone());
        Some(Action::Suggested(result))
    })
}

/// Reads the history timeline.
pub fn timeline(root: PathBuf, cache_dir: Option<PathBuf>, out: Sender<Action>) -> Sender<()> {
    spawn("timeline", out, move |()| {
        Some(Action::Timeline(Arc::new(read_timeline(
            &root,
            cache_dir.clone(),
        ))))
    })
}

/// Controls the input reader: pause it while another program (the editor) owns the terminal.
pub struct InputControl {
    pause: Sender<Sender<()>>,
    resume: Sender<()>,
}

impl InputControl {
    /// Pauses the reader and waits (briefly) until it is parked.
    pub fn pause(&self) {
        let (ack_tx, ack_rx) = bounded(1);
        if self.pause.send(ack_tx).is_ok() {
            let _ = ack_rx.recv_timeout(Duration::from_millis(500));
        }
    }

    /// Lets the reader go on.
    pub fn resume(&self) {
        let _ = self.resume.send(());
    }
}

/// Reads terminal events on a thread (polling every 50 ms so that it can be paused).
pub fn input() -> (Receiver<Event>, InputControl) {
    let (tx, rx) = unbounded();
    let (pause_tx, pause_rx) = unbounded::<Sender<()>>();
    let (resume_tx, resume_rx) = unbounded::<()>();
    let _ = std::thread::Builder::new()
        .name("seamline-input".into())
        .spawn(move || read_input(&tx, &pause_rx, &resume_rx));
    (
        rx,
        InputControl {
            pause: pause_tx,
            resume: resume_tx,
        },
    )
}

/// The input reader's loop: forwards events, parks while paused, stops when the terminal or
/// the event loop is gone.
fn read_input(tx: &Sender<Event>, pause: &Receiver<Sender<()>>, resume: &Receiver<()>) {
    loop {
        if let Ok(ack) = pause.try_recv() {
            let _ = ack.send(());
            if resume.recv().is_err() {
                break;
            }
            continue;
        }
        if forward_event(tx).is_break() {
            break;
        }
    }
}

/// Waits up to 50 ms for one terminal event and forwards it.
fn forward_event(tx: &Sender<Event>) -> ControlFlow<()> {
    match crossterm::event::poll(Duration::from_millis(50)) {
        Ok(false) => ControlFlow::Continue(()),
        Ok(true) => match crossterm::event::read().map(|ev| tx.send(ev)) {
            Ok(Ok(())) => ControlFlow::Continue(()),
            _ => ControlFlow::Break(()),
        },
        Err(_) => ControlFlow::Break(()),
    }
}

/// SIGTERM, SIGHUP and SIGINT as a channel of their names. A second one restores the terminal
/// and exits at once (status 130).
pub fn signals() -> std::io::Result<Receiver<&'static str>> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let (tx, rx) = unbounded();
    std::thread::Builder::new()
        .name("seamline-signals".into())
        .spawn(move || {
            let mut seen = 0;
            for s in signals.forever() {
                seen += 1;
                if seen > 1 {
                    crate::tui::terminal::restore();
                    std::process::exit(130);
                }
                let name = match s {
                    SIGTERM => "SIGTERM",
                    SIGHUP => "SIGHUP",
                    _ => "SIGINT",
                };
                let _ = tx.send(name);
            }
        })?;
    Ok(rx)
}
