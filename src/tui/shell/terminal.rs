//! The terminal guard: raw mode and the alternate screen on entry, and their undoing on every
//! way out — normal exit (the guard's `Drop`), a panic (a hook that restores before the panic
//! message prints), and signals (the event loop quits on the first; a second restores and exits
//! at once, should the shutdown hang). Suspending for `$EDITOR` uses the same two steps.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

use crossterm::cursor::{Hide, Show};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};

/// True while the terminal is in the cockpit's state (raw, alternate screen).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

/// Restores the terminal when dropped.
#[derive(Debug)]
pub struct Guard(());

/// Puts the terminal into the cockpit's state and installs the panic hook (once).
pub fn enter() -> io::Result<Guard> {
    install_panic_hook();
    activate()?;
    Ok(Guard(()))
}

fn activate() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, Hide)?;
    out.flush()
}

/// Restores the terminal if the cockpit has it; safe to call from anywhere, any number of
/// times. Errors are ignored: the terminal may be gone (a dropped SSH link).
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(out, LeaveAlternateScreen, Show);
        let _ = disable_raw_mode();
        let _ = out.flush();
    }
}

impl Guard {
    /// Gives the terminal back (for the editor); `resume` takes it again.
    pub fn suspend(&self) {
        restore();
    }

    /// Takes the terminal again after `suspend`.
    pub fn resume(&self) -> io::Result<()> {
        activate()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Runs `$VISUAL` (else `$EDITOR`, else `vi`) on `path` at `line`, waiting for it, with the
/// line syntax of that editor (`shell::editor`). The caller suspends the terminal around this.
pub fn run_editor(path: &std::path::Path, line: u32) -> Result<String, String> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            std::env::var("EDITOR")
                .ok()
                .filter(|v| !v.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".into());
    let Some((program, args)) = super::editor::command(&editor, path, line) else {
        return Err("no editor: set $EDITOR (an unclosed quote in it?)".into());
    };
    let status = std::process::Command::new(&program)
        .args(args)
        .status()
        .map_err(|e| format!("cannot run {}: {e}", crate::sanitize::sanitize(&program)))?;
    let program = crate::sanitize::sanitize(&program).into_owned();
    let shown = crate::sanitize::sanitize(&path.display().to_string()).into_owned();
    if status.success() {
        Ok(format!("back from {program} ({shown}:{line})"))
    } else {
        Err(format!("{program} exited with {status}"))
    }
}
