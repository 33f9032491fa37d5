//! End to end: the real binary in a real terminal (tmux). Opens the fixture repository,
//! navigates, searches, opens the heatmap's churn view, resizes the window, quits, and checks
//! the captured screens and that the terminal came back cooked (`stty -a` after the exit shows
//! `icanon` and `echo`, not `-icanon` / `-echo`). Skipped, with a message, only when tmux is not
//! installed. Waits are on conditions with deadlines, never fixed sleeps.

mod tui_support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"])
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.run(&["send-keys", "-t", "e2e", k]);
        }
    }

    /// Waits until `cond` holds for the screen; panics with the screen after `secs`.
    fn wait(&self, what: &str, secs: u64, cond: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let s = self.screen();
            if cond(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("kill-server")
            .output();
    }
}

fn has_tmux() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn shell_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// The cockpit started in a 120×40 tmux window on the fixture repository, with the paths it
/// was started with.
struct Session {
    t: Tmux,
    root: std::path::PathBuf,
    summary: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn start_cockpit() -> Session {
    let dir = tui_support::repo();
    let root = tui_support::root(&dir);
    let xdg = dir.path().join("xdg");
    std::fs::create_dir_all(&xdg).unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_seamline"));
    let summary = dir.path().join("summary.md");
    let script = format!(
        "cd {root} && XDG_CONFIG_HOME={xdg} {bin} --no-user-config --no-cache --summary {summary} .; echo \"exit=$?\"; stty -a; echo __DONE__; sleep 600",
        root = shell_quote(&root),
        xdg = shell_quote(&xdg),
        bin = shell_quote(bin),
        summary = shell_quote(&summary),
    );
    let t = Tmux {
        socket: format!("seamline-e2e-{}", std::process::id()),
    };
    t.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "40",
        "sh",
        "-c",
        &script,
    ]);
    Session {
        t,
        root,
        summary,
        _dir: dir,
    }
}

/// The first screen, then the full model (components parsed, history read).
fn wait_for_the_full_model(t: &Tmux) {
    let s = t.wait("the cockpit", 30, |s| {
        s.contains("fixture") && s.contains("tree")
    });
    assert!(s.contains("detail"), "{s}");
    t.wait("the full model and its history", 30, |s| {
        s.contains("src/")
            && !s.contains("parsing")
            && s.contains("session")
            && s.contains("history: 6 commits")
    });
}

/// Live: grow the lexer past 80 % of its limit; the band change shows in the events pane and
/// in the session delta of the status bar.
fn grow_the_lexer(t: &Tmux, root: &Path) {
    let lexer = root.join("src/lexer.rs");
    let mut text = std::fs::read_to_string(&lexer).unwrap();
    text.push_str(&"// more\n".repeat(230));
    std::fs::write(&lexer, text).unwrap();
    t.keys(&["5"]);
    t.wait("the band change event", 20, |s| {
        s.contains("src/lexer.rs: ok → watch") && s.contains("▲1")
    });
    t.keys(&["3", "1"]);
}

/// Navigate down to src/ and expand it, then search for a method and jump to it.
fn find_parse_expr(t: &Tmux) {
    t.keys(&["j", "j", "j", "l"]);
    t.wait("src/ expanded", 10, |s| {
        s.contains("lexer.rs") && s.contains("util/")
    });
    t.keys(&["/"]);
    t.wait("the finder", 10, |s| s.contains("find a file or component"));
    t.keys(&["-l", "parseexpr"]);
    t.wait("the match", 10, |s| {
        s.contains("src/parser.rs::Parser::parse_expr")
    });
    t.keys(&["Enter"]);
    let s = t.wait("the jump", 10, |s| {
        // The name column may truncate it to `fn parse_e…` at this width.
        !s.contains("find a file or component") && s.contains("fn parse_e")
    });
    assert!(
        s.contains("FREEZE"),
        "parse_expr is over its cognitive limit:\n{s}"
    );
}

/// The heatmap: focus it, switch to churn over time and back, then drill out twice.
fn tour_the_heatmap(t: &Tmux) {
    t.keys(&["2"]);
    t.wait("the heatmap focused", 10, |s| {
        s.contains("*heatmap") || s.contains("heatmap src/parser.rs")
    });
    t.keys(&["w"]);
    t.wait("churn over time", 10, |s| s.contains("churn per week"));
    // Back to the treemap, then drill out twice: impl Parser, parser.rs, src.
    t.keys(&["w"]);
    t.wait("the treemap", 10, |s| {
        s.contains("heatmap src/parser.rs/Parser") || s.contains("heatmap src/parser.rs")
    });
    t.keys(&["BSpace", "BSpace"]);
    t.wait("the treemap of src", 10, |s| {
        s.contains("heatmap src ") && s.contains("lexer.rs")
    });
}

/// Resize to 80×24: the narrow layout, nothing wider than the window.
fn shrink_the_window(t: &Tmux) {
    t.run(&["resize-window", "-t", "e2e", "-x", "80", "-y", "24"]);
    let s = t.wait("the narrow layout", 10, |s| {
        s.lines().count() <= 24
            && s.lines().all(|l| l.chars().count() <= 80)
            && s.contains("tree")
            && s.contains("heatmap")
    });
    assert!(
        s.lines().next().is_some_and(|l| l.contains("fixture")),
        "{s}"
    );
}

/// Quit: the shell's stty shows a cooked terminal again, and the summary was written.
fn quit_and_check_the_terminal(t: &Tmux, summary: &Path) {
    t.keys(&["q"]);
    let s = t.wait("the exit", 20, |s| s.contains("__DONE__"));
    assert!(s.contains("exit=0"), "{s}");
    let words: Vec<&str> = s.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && !words.contains(&"-icanon"),
        "canonical mode back:\n{s}"
    );
    assert!(
        words.contains(&"echo") && !words.contains(&"-echo"),
        "echo back:\n{s}"
    );
    let md = std::fs::read_to_string(summary).expect("the session summary was written");
    assert!(
        md.contains("refactor session") && md.contains("src/lexer.rs"),
        "{md}"
    );
}

#[test]
fn the_cockpit_runs_in_a_real_terminal_and_restores_it() {
    if !has_tmux() {
        eprintln!(
            "SKIPPED the_cockpit_runs_in_a_real_terminal_and_restores_it: tmux is not installed"
        );
        return;
    }
    let session = start_cockpit();
    let t = &session.t;
    wait_for_the_full_model(t);
    grow_the_lexer(t, &session.root);
    find_parse_expr(t);
    tour_the_heatmap(t);
    shrink_the_window(t);
    quit_and_check_the_terminal(t, &session.summary);
}

#[test]
fn sigterm_restores_the_terminal() {
    if !has_tmux() {
        eprintln!("SKIPPED sigterm_restores_the_terminal: tmux is not installed");
        return;
    }
    let dir = tui_support::repo();
    let root = tui_support::root(&dir);
    let bin = Path::new(env!("CARGO_BIN_EXE_seamline"));
    let pidfile = dir.path().join("pid");
    let script = format!(
        "cd {root} && {{ {bin} --no-user-config --no-cache --watch off . < /dev/tty & echo $! > {pid}; wait $!; echo \"exit=$?\"; }}; stty -a; echo __DONE__; sleep 600",
        root = shell_quote(&root),
        bin = shell_quote(bin),
        pid = shell_quote(&pidfile),
    );
    let t = Tmux {
        socket: format!("seamline-e2e-term-{}", std::process::id()),
    };
    t.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "100",
        "-y",
        "30",
        "sh",
        "-c",
        &script,
    ]);
    t.wait("the cockpit", 30, |s| {
        s.contains("watch off") && s.contains("src/")
    });
    let pid = std::fs::read_to_string(&pidfile).unwrap();
    let killed = Command::new("kill")
        .args(["-TERM", pid.trim()])
        .status()
        .unwrap();
    assert!(killed.success());
    let s = t.wait("the exit", 20, |s| s.contains("__DONE__"));
    let words: Vec<&str> = s.split_whitespace().collect();
    assert!(
        words.contains(&"icanon") && words.contains(&"echo") && !words.contains(&"-echo"),
        "cooked again:\n{s}"
    );
    assert!(
        !s.contains("tree · sort"),
        "the alternate screen is gone:\n{s}"
    );
}
