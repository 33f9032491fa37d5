//! Where the cockpit's model comes from, and what it is told along the way. Live (`--watch
//! native|poll`, the default): the engine, whose notices are translated here into feed events.
//! Off (`--watch off`, or a single file): a loader thread that scans once (lines first, then
//! everything), starts the session and reads the history, publishing each step the same way.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver, Sender};

use crate::bands::Band;
use crate::config::Config;
use crate::engine::notice::{Change, History, Notice};
use crate::engine::{history_jobs, Published, Session};
use crate::model::Model;
use crate::scan::{scan, ScanOptions};
use crate::watch::Backend;

/// The watcher, as the status bar shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum WatchState {
    #[default]
    Starting,
    Live,
    Polling {
        interval_ms: u64,
        reason: Option<String>,
    },
    Off,
}

/// How far the model is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Progress {
    /// The first pass: counting lines.
    #[default]
    Counting,
    /// Lines are in (`files` of them); parsing for components.
    Parsing {
        files: usize,
    },
    Ready {
        files: u32,
        ms: u64,
    },
}

/// What kind of line an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    Worse,
    Better,
    Created,
    Removed,
    Info,
    Error,
}

/// One line of the events pane.
#[derive(Debug, Clone, PartialEq)]
pub struct EventLine {
    /// Time since the cockpit started.
    pub at: Duration,
    pub kind: EventKind,
    /// The band the node is in now, for colouring.
    pub band: Option<Band>,
    /// Unsanitised text (from the repository); sanitised when drawn.
    pub text: String,
}

/// What the feed says.
#[derive(Debug, Clone)]
pub enum FeedEvent {
    /// A new snapshot to index.
    Published(Arc<Published>),
    Watch(WatchState),
    Progress(Progress),
    Events(Vec<EventLine>),
}

/// Translates an engine notice; `latest` is called when the notice means a new snapshot.
pub fn translate(
    n: &Notice,
    since: Instant,
    latest: &dyn Fn() -> Arc<Published>,
) -> Vec<FeedEvent> {
    let at = since.elapsed();
    let line = |kind, band, text: String| EventLine {
        at,
        kind,
        band,
        text,
    };
    match n {
        Notice::Watch(w) => vec![FeedEvent::Watch(match w.backend {
            "poll" => WatchState::Polling {
                interval_ms: w.poll_interval_ms,
                reason: w.reason.clone(),
            },
            _ => WatchState::Live,
        })],
        Notice::Early { files, .. } => vec![
            FeedEvent::Progress(Progress::Parsing { files: *files }),
            FeedEvent::Published(latest()),
        ],
        Notice::Ready(r) => vec![
            FeedEvent::Progress(Progress::Ready {
                files: r.files,
                ms: u64::try_from(r.elapsed.as_millis()).unwrap_or(u64::MAX),
            }),
            FeedEvent::Published(latest()),
            FeedEvent::Events(vec![line(
                EventKind::Info,
                None,
                format!(
                    "ready: {} files, {} components, {} lines in {} ms",
                    r.files,
                    r.components,
                    r.lines,
                    r.elapsed.as_millis()
                ),
            )]),
        ],
        Notice::Batch(b) => {
            let mut lines: Vec<EventLine> = b.changes.iter().map(|c| change_line(c, at)).collect();
            if b.omitted > 0 {
                lines.push(line(
                    EventKind::Info,
                    None,
                    format!("… and {} more changes", b.omitted),
                ));
            }
            let mut out = vec![FeedEvent::Published(latest())];
            if !lines.is_empty() {
                out.push(FeedEvent::Events(lines));
            }
            out
        }
        Notice::History(h) => vec![
            FeedEvent::Published(latest()),
            FeedEvent::Events(vec![line(EventKind::Info, None, history_text(h))]),
        ],
        Notice::Config { source, .. } => vec![
            FeedEvent::Published(latest()),
            FeedEvent::Events(vec![line(
                EventKind::Info,
                None,
                format!("configuration reloaded ({source})"),
            )]),
        ],
        Notice::Error { message } => {
            vec![FeedEvent::Events(vec![line(
                EventKind::Error,
                None,
                message.clone(),
            )])]
        }
    }
}

fn history_text(h: &History) -> String {
    match (&h.from, &h.to, h.initial) {
        (_, _, true) => format!("history: {}", h.detail),
        (Some(f), Some(t), _) => format!("HEAD {} → {}: {}", short(f), short(t), h.detail),
        _ => format!("HEAD moved: {}", h.detail),
    }
}

fn short(id: &str) -> &str {
    id.get(..7).unwrap_or(id)
}

/// One line for one change of a batch.
pub fn change_line(c: &Change, at: Duration) -> EventLine {
    match c {
        Change::Band(b) => {
            let subject = match (&b.item, b.line) {
                (Some(item), line) if line > 0 => format!("{}:{line} {} {item}", b.path, b.node),
                (Some(item), _) => format!("{} {} {item}", b.path, b.node),
                (None, _) if b.path.is_empty() => "(root)".to_string(),
                (None, _) => b.path.clone(),
            };
            let was = b
                .previous
                .map(|p| format!(" (was {p})"))
                .unwrap_or_default();
            EventLine {
                at,
                kind: if b.worse() {
                    EventKind::Worse
                } else {
                    EventKind::Better
                },
                band: Some(b.to),
                text: format!(
                    "{subject}: {} → {}  {} {}/{}{was}",
                    b.from,
                    b.to,
                    b.metric.key(),
                    b.value,
                    b.limit
                ),
            }
        }
        Change::Created(e) => EventLine {
            at,
            kind: EventKind::Created,
            band: Some(e.band),
            text: format!("created {} {} ({} lines)", e.node, e.path, e.lines),
        },
        Change::Removed(e) => EventLine {
            at,
            kind: EventKind::Removed,
            band: None,
            text: format!("removed {} {} ({} lines)", e.node, e.path, e.lines),
        },
    }
}

/// Starts the one-shot loader for `--watch off`: the same publications as the engine, once.
pub fn load_once(
    root: PathBuf,
    config: Arc<Config>,
    cache_dir: Option<PathBuf>,
    threads: usize,
) -> Receiver<FeedEvent> {
    let (tx, rx) = unbounded();
    let spawned = std::thread::Builder::new()
        .name("seamline-loader".into())
        .spawn(move || loader(&root, &config, cache_dir, threads, &tx));
    if spawned.is_err() {
        let (tx, rx) = unbounded();
        let _ = tx.send(FeedEvent::Events(vec![EventLine {
            at: Duration::ZERO,
            kind: EventKind::Error,
            band: None,
            text: "cannot start the loader thread".into(),
        }]));
        return rx;
    }
    rx
}

fn loader(
    root: &std::path::Path,
    config: &Arc<Config>,
    cache_dir: Option<PathBuf>,
    threads: usize,
    tx: &Sender<FeedEvent>,
) {
    let t0 = Instant::now();
    let mut opts = ScanOptions::new(root);
    opts.threads = threads;
    opts.cache_dir = cache_dir.clone();
    opts.max_file_size = config.max_file_size;
    opts.ignore = config.ignore.clone();
    opts.languages = config.languages.clone();
    let publish = |generation, model: &Model, complete, session: Option<Session>, history| {
        Arc::new(Published {
            generation,
            snapshot: model.snapshot(),
            complete,
            config: config.clone(),
            session,
            backend: Backend::Poll,
            history,
        })
    };
    let error = |text: String| {
        let _ = tx.send(FeedEvent::Events(vec![EventLine {
            at: t0.elapsed(),
            kind: EventKind::Error,
            band: None,
            text,
        }]));
    };
    opts.lines_only = true;
    if let Ok(early) = scan(&opts) {
        if let Ok(model) = Model::from_scan(&early) {
            let _ = tx.send(FeedEvent::Progress(Progress::Parsing {
                files: early.files.len(),
            }));
            let _ = tx.send(FeedEvent::Published(publish(1, &model, false, None, None)));
        }
    }
    opts.lines_only = false;
    let full = match scan(&opts) {
        Ok(r) => r,
        Err(e) => return error(e.to_string()),
    };
    let model = match Model::from_scan(&full) {
        Ok(m) => m,
        Err(e) => return error(format!("building the model: {e}")),
    };
    let session = Session::start(model.snapshot(), config.as_ref());
    let ms = u64::try_from(t0.elapsed().as_millis()).unwrap_or(u64::MAX);
    let _ = tx.send(FeedEvent::Progress(Progress::Ready {
        files: model.totals().files,
        ms,
    }));
    let _ = tx.send(FeedEvent::Published(publish(
        2,
        &model,
        true,
        Some(session.clone()),
        None,
    )));
    let head = History {
        from: None,
        to: None,
        commits: None,
        initial: true,
        refreshed: false,
        detail: String::new(),
    };
    let req = history_jobs::Request {
        snapshot: model.snapshot(),
        config: config.clone(),
        head,
    };
    let done = history_jobs::refresh_history(root, cache_dir, req);
    let at = t0.elapsed();
    let _ = tx.send(FeedEvent::Published(publish(
        3,
        &model,
        true,
        Some(session),
        done.report,
    )));
    let _ = tx.send(FeedEvent::Events(vec![EventLine {
        at,
        kind: EventKind::Info,
        band: None,
        text: history_text(&done.notice),
    }]));
}
