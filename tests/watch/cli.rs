//! The binary end to end: `seamline watch --headless --format json`, a `ready` event, a band
//! event after an edit, and on SIGTERM a clean exit with the session summary.

use crate::support as watch_support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crossbeam_channel::{unbounded, Receiver};
use serde_json::Value;
use watch_support::{rust_lines, DEADLINE};

struct Running {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn spawn(args: &[&str]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_seamline"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn seamline");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = unbounded();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines: rx,
            seen: Vec::new(),
        }
    }

    /// Reads lines until one satisfies `pred` (deadline-bound).
    fn wait_line(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(l) => {
                    self.seen.push(l.clone());
                    if pred(&l) {
                        return l;
                    }
                }
                Err(_) => {
                    let _ = self.child.kill();
                    panic!("waited for {what}; output so far: {:#?}", self.seen)
                }
            }
        }
    }

    fn signal(&self, sig: &str) {
        let status = Command::new("kill")
            .args([sig, &self.child.id().to_string()])
            .status()
            .expect("kill");
        assert!(status.success());
    }

    /// Waits for the process to exit (deadline-bound) and returns its status.
    fn wait_exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("no exit after the signal; output: {:#?}", self.seen);
            }
            // Waiting on a child has no blocking form with a timeout in std; the lines channel
            // doubles as the wait: it closes when the child's stdout does.
            let _ = self
                .lines
                .recv_timeout(Duration::from_millis(50))
                .map(|l| self.seen.push(l));
        }
    }
}

fn json(line: &str) -> Value {
    serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
}

#[test]
fn headless_json_from_ready_to_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    watch_support::write(&root, "src/app.rs", &rust_lines(472));
    let out_dir = tempfile::tempdir().unwrap();
    let summary = out_dir.path().join("summary.md");
    let dir = root.to_str().unwrap();
    let sum = summary.to_str().unwrap();
    let mut run = Running::spawn(&[
        "watch",
        dir,
        "--headless",
        "--format",
        "json",
        "--why",
        "--no-cache",
        "--no-user-config",
        "--debounce",
        "100",
        "--summary",
        sum,
    ]);
    let ready = json(&run.wait_line("ready", |l| l.contains("\"ready\"")));
    assert_eq!(ready["schema_version"], 1);
    assert_eq!(
        (ready["files"].as_u64(), ready["lines"].as_u64()),
        (Some(1), Some(472))
    );
    watch_support::write(&root, "src/app.rs", &rust_lines(503));
    let band = json(&run.wait_line("band", |l| l.contains("\"band\"")));
    assert_eq!(band["path"], "src/app.rs");
    assert_eq!(
        (band["from"].as_str(), band["to"].as_str()),
        (Some("review"), Some("freeze"))
    );
    assert_eq!(
        (
            band["metric"].as_str(),
            band["value"].as_u64(),
            band["limit"].as_u64()
        ),
        (Some("file_lines"), Some(503), Some(500))
    );
    assert_eq!(band["previous"], 472);
    assert_eq!(band["why"], serde_json::json!(["src/app.rs"]));

    run.signal("-TERM");
    let end = json(&run.wait_line("summary", |l| l.contains("\"summary\"")));
    assert_eq!(end["file"], sum);
    assert_eq!(end["worsened"][0]["path"], "src/app.rs");
    let status = run.wait_exit();
    assert!(status.success(), "{status:?}");
    let md = std::fs::read_to_string(&summary).expect("summary written");
    assert!(md.contains("| `src/app.rs` | review (file_lines 472/500) | **freeze** (file_lines 503/500) | worse: review → freeze |"), "{md}");
    for line in &run.seen {
        json(line);
    }
}

#[test]
fn human_output_and_the_summary_on_sigint() {
    let tmp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    watch_support::write(&root, "src/app.rs", &rust_lines(472));
    let dir = root.to_str().unwrap();
    let mut run = Running::spawn(&["watch", dir, "--headless", "--no-cache", "--no-user-config"]);
    run.wait_line("ready", |l| l.starts_with("ready  "));
    watch_support::write(&root, "src/app.rs", &rust_lines(503));
    let line = run.wait_line("band", |l| l.starts_with("src/app.rs"));
    assert_eq!(
        line,
        "src/app.rs  472 → 503 lines  review → FREEZE (file_lines 503/500)"
    );
    run.signal("-INT");
    run.wait_line("summary", |l| {
        l.starts_with("## seamline: refactor session")
    });
    let status = run.wait_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_missing_root_is_an_error_with_exit_code_2() {
    let out = Command::new(env!("CARGO_BIN_EXE_seamline"))
        .args(["watch", "/nonexistent/seamline-watch", "--headless"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such file or directory"), "{err}");
}
