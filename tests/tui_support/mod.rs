//! A deterministic fixture repository for the cockpit's tests: fixed file contents, six commits
//! a week apart with fixed authors and dates (so commit ids, history, growth and time to breach
//! are the same on every machine), and helpers that build the cockpit's state from it without
//! a terminal, an engine or any clock.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use git2::{Repository, RepositoryInitOptions, Signature, Time};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use seamline::config::{Config, LoadOptions};
use seamline::engine::history_jobs::{refresh_history, Request};
use seamline::engine::notice::History;
use seamline::model::{Model, Snapshot};
use seamline::scan::{scan, ScanOptions};
use seamline::tui::action::Action;
use seamline::tui::app::{App, Effect, Setup};
use seamline::tui::color::Depth;
use seamline::tui::feed::{EventKind, EventLine, FeedEvent, Progress, WatchState};
use seamline::tui::finder::search;
use seamline::tui::history::{read_timeline, HistoryView};
use seamline::tui::index::{git_head, ViewData, ViewInput};
use seamline::tui::keymap::KeyMap;
use seamline::tui::suggest::{suggest, PlanInput};
use seamline::tui::theme;

mod stub;
pub use stub::StubPlanner;

/// 2024-01-01T00:00:00Z.
const START: i64 = 1_704_067_200;
const WEEK: i64 = 7 * 24 * 3600;

fn method(name: &str, lines: usize) -> String {
    let mut s = format!("    pub fn {name}(&mut self, input: &str) -> usize {{\n");
    for i in 0..lines.saturating_sub(3) {
        s.push_str(&format!("        let _v{i} = input.len() + {i};\n"));
    }
    s.push_str("        input.len()\n    }\n");
    s
}

/// A function nested `depth` deep with `branches` branches: high cognitive complexity.
fn tangled(depth: usize, branches: usize) -> String {
    let mut s = String::from(
        "    pub fn parse_expr(&mut self, tokens: &[u8]) -> i64 {\n        let mut acc = 0i64;\n",
    );
    for d in 0..depth {
        s.push_str(&format!("{}for t{d} in tokens {{\n", "    ".repeat(d + 2)));
    }
    let pad = "    ".repeat(depth + 2);
    for b in 0..branches {
        s.push_str(&format!(
            "{pad}if *t0 == {b} && acc > {b} {{ acc += 1; }} else if acc < 0 {{ acc -= 1; }}\n"
        ));
    }
    for d in (0..depth).rev() {
        s.push_str(&format!("{}}}\n", "    ".repeat(d + 2)));
    }
    s.push_str("        acc\n    }\n");
    s
}

/// `src/parser.rs` after commit `k` (0..=5): 300 lines growing by 32 a week.
pub fn parser_rs(k: usize) -> String {
    let mut s = String::from(
        "//! The parser.\n\npub struct Parser {\n    pos: usize,\n}\n\nimpl Parser {\n",
    );
    s.push_str(&tangled(4, 6));
    let mut i = 0;
    while s.lines().count() + 2 < 300 + 32 * k {
        let room = 300 + 32 * k - s.lines().count() - 2;
        s.push_str(&method(&format!("rule_{i:02}"), room.min(24)));
        i += 1;
    }
    s.push_str("}\n\n");
    while s.lines().count() < 300 + 32 * k {
        s.push_str("// end\n");
    }
    s
}

fn lexer_rs(k: usize) -> String {
    let mut s = String::from("//! The lexer.\n\npub struct Lexer;\n\nimpl Lexer {\n");
    for i in 0..(4 + k) {
        s.push_str(&method(&format!("token_{i}"), 20));
    }
    s.push_str("}\n");
    s
}

fn python(k: usize) -> String {
    let mut s = String::from(
        "\"\"\"Report tool.\"\"\"\n\n\ndef summarise(rows, limit, verbose):\n    total = 0\n",
    );
    for i in 0..(8 + k) {
        s.push_str(&format!("    for r in rows:\n        if r > {i} and verbose:\n            total += r\n        elif r < {i}:\n            total -= 1\n"));
    }
    s.push_str("    return total\n\n\ndef main():\n    print(summarise([1, 2, 3], 2, True))\n");
    s
}

/// The files of the tree after commit `k`.
pub fn files(k: usize) -> Vec<(String, String)> {
    let mut out = vec![
        ("Cargo.toml".to_string(), "[package]\nname = \"fixture\"\nversion = \"0.1.0\"\nedition = \"2021\"\n".to_string()),
        ("README.md".into(), "# fixture\n\nA small project for the cockpit's tests.\n".repeat(3)),
        ("src/main.rs".into(), "mod lexer;\nmod parser;\nmod util;\n\nfn main() {\n    let n = util::text::width(\"x\");\n    println!(\"{n}\");\n}\n".into()),
        ("src/parser.rs".into(), parser_rs(k)),
        ("src/lexer.rs".into(), lexer_rs(k)),
        ("src/util/mod.rs".into(), "pub mod text;\n".into()),
        ("src/util/text.rs".into(), "pub fn width(s: &str) -> usize {\n    s.chars().count()\n}\n".into()),
        ("scripts/report.py".into(), python(k)),
        ("docs/guide.md".into(), "# Guide\n\nRead the code.\n".into()),
    ];
    for t in 1..=17 {
        out.push((
            format!("tests/t{t:02}.rs"),
            format!("#[test]\nfn t{t}() {{\n    assert_eq!({t}, {t});\n}}\n"),
        ));
    }
    out
}

fn write_tree(root: &Path, k: usize) {
    for (path, text) in files(k) {
        let p = root.join(&path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(p, text).unwrap();
    }
}

/// Makes the fixture repository in a new temp dir: six weekly commits by two authors, each
/// growing the parser and the lexer together.
pub fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("fixture");
    std::fs::create_dir_all(&root).unwrap();
    let mut opts = RepositoryInitOptions::new();
    opts.initial_head("main");
    let repo = Repository::init_opts(&root, &opts).unwrap();
    let authors = [
        ("Ada Lovelace", "ada@example.com"),
        ("Grace Hopper", "grace@example.com"),
    ];
    let mut parent: Option<git2::Oid> = None;
    for k in 0..6 {
        write_tree(&root, k);
        let mut index = repo.index().unwrap();
        index
            .add_all(["*"], git2::IndexAddOption::DEFAULT, None)
            .unwrap();
        index.write().unwrap();
        let tree_id = index.write_tree().unwrap();
        let tree = repo.find_tree(tree_id).unwrap();
        let (name, email) = authors[k % 2];
        let sig = Signature::new(name, email, &Time::new(START + WEEK * k as i64, 0)).unwrap();
        let parents: Vec<git2::Commit> = parent
            .map(|p| repo.find_commit(p).unwrap())
            .into_iter()
            .collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        let id = repo
            .commit(Some("HEAD"), &sig, &sig, &format!("week {k}"), &tree, &refs)
            .unwrap();
        parent = Some(id);
    }
    dir
}

/// The fixture's root inside the temp dir.
pub fn root(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("fixture")
}

/// The configuration (no user file).
pub fn config(root: &Path) -> Arc<Config> {
    Arc::new(
        Config::load(&LoadOptions {
            root: root.to_path_buf(),
            ..LoadOptions::default()
        })
        .unwrap(),
    )
}

/// Scans the fixture (no cache), lines only or in full.
pub fn snapshot(root: &Path, lines_only: bool) -> Snapshot {
    let mut opts = ScanOptions::new(root);
    opts.lines_only = lines_only;
    opts.threads = 1;
    Model::from_scan(&scan(&opts).unwrap()).unwrap().snapshot()
}

/// The cockpit's setup for the fixture: name "fixture", dark theme, default keys.
pub fn setup(root: &Path, depth: Depth, ascii: bool) -> Setup {
    Setup {
        root: root.to_path_buf(),
        name: "fixture".into(),
        depth,
        ascii,
        theme: theme::load("dark", None).unwrap(),
        themes: theme::available(None),
        user_themes: None,
        keymap: KeyMap::new(&Default::default()).unwrap(),
        live: true,
    }
}

/// The full view of the fixture with its history.
pub fn full_view(root: &Path, generation: u64) -> Arc<ViewData> {
    let cfg = config(root);
    let snap = snapshot(root, false);
    let head = History {
        from: None,
        to: None,
        commits: None,
        initial: true,
        refreshed: false,
        detail: String::new(),
    };
    let done = refresh_history(
        root,
        None,
        Request {
            snapshot: snap.clone(),
            config: cfg.clone(),
            head,
        },
    );
    let mut v = ViewData::build(ViewInput {
        generation,
        snapshot: snap,
        complete: true,
        config: cfg,
        history: HistoryView::new(done.report),
        delta: None,
    });
    v.git = git_head(root);
    Arc::new(v)
}

/// A cockpit on the fixture, fully loaded, with a few events, at `size`.
pub struct Fixture {
    pub dir: tempfile::TempDir,
    pub app: App,
}

impl Fixture {
    pub fn new(size: (u16, u16)) -> Fixture {
        Fixture::with(size, Depth::TrueColor, false)
    }

    pub fn with(size: (u16, u16), depth: Depth, ascii: bool) -> Fixture {
        let dir = repo();
        let root = root(&dir);
        let view = full_view(&root, 2);
        let mut app = App::new(
            setup(&root, depth, ascii),
            Arc::new(ViewData::empty(config(&root))),
            size,
        );
        app.update(Action::Feed(FeedEvent::Watch(WatchState::Live)));
        app.update(Action::Feed(FeedEvent::Progress(Progress::Ready {
            files: 26,
            ms: 10,
        })));
        app.update(Action::View(view));
        app.update(Action::Timeline(Arc::new(read_timeline(&root, None))));
        let at = |s| Duration::from_secs(s);
        let line = |s, kind, band, text: &str| EventLine {
            at: at(s),
            kind,
            band,
            text: text.into(),
        };
        use seamline::bands::Band;
        app.update(Action::Feed(FeedEvent::Events(vec![
            line(
                2,
                EventKind::Info,
                None,
                "ready: 26 files, 61 components, 1325 lines in 12 ms",
            ),
            line(
                65,
                EventKind::Worse,
                Some(Band::Review),
                "src/parser.rs: watch → review  file_lines 460/500 (was 440)",
            ),
            line(
                130,
                EventKind::Created,
                Some(Band::Ok),
                "created file src/util/wide.rs (12 lines)",
            ),
            line(
                190,
                EventKind::Better,
                Some(Band::Ok),
                "src/lexer.rs: watch → ok  file_lines 150/500 (was 410)",
            ),
        ])));
        let mut f = Fixture { dir, app };
        f.settle();
        f.app.message = None;
        f
    }

    pub fn root(&self) -> PathBuf {
        root(&self.dir)
    }

    /// Applies an action and carries out its effects at once (search, suggestions with the stub
    /// planner), as the event loop's workers would.
    pub fn act(&mut self, a: Action) {
        self.app.update(a);
        self.settle();
    }

    pub fn settle(&mut self) {
        for _ in 0..10 {
            let effects = std::mem::take(&mut self.app.effects);
            if effects.is_empty() {
                return;
            }
            for e in effects {
                match e {
                    Effect::Find { query } => {
                        let hits =
                            search(&self.app.view.candidates, &query, self.app.view.generation);
                        self.app.update(Action::Found(hits));
                    }
                    Effect::Suggest {
                        key,
                        id,
                        generation,
                    } => {
                        let root = self.root();
                        let input = PlanInput {
                            root: &root,
                            snapshot: &self.app.view.snapshot,
                            node: id,
                            config: &self.app.view.config,
                            history: self.app.view.history.report.as_deref(),
                        };
                        let r = suggest(&StubPlanner, &input, key, generation);
                        self.app.update(Action::Suggested(r));
                    }
                    _ => {}
                }
            }
        }
    }

    /// Selects the node at `path` (a file or directory) as the finder would.
    pub fn select_path(&mut self, path: &str) {
        let id = self.app.view.tree().lookup(path).unwrap();
        self.app.select(id);
        self.app.clamp_scroll();
        self.settle();
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        render(&self.app).0
    }
}

/// Draws `app` on a test terminal of its size; returns the text and the backend.
pub fn render(app: &App) -> (String, TestBackend) {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| seamline::tui::draw::draw(f, app)).unwrap();
    let backend = t.backend().clone();
    (backend.to_string(), backend)
}
