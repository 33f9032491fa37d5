//! The progress line: when asked for and stderr is a terminal, a scan that lasts longer than
//! [`DELAY`] shows one updating line on stderr (files, lines, skipped), cleared when the scan
//! ends. Otherwise nothing is printed and the walker threads do not even count.
//!
//! The line holds numbers only, never a path from the scanned tree, so it needs no sanitising.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

/// How long a scan runs before the progress line appears.
pub const DELAY: Duration = Duration::from_millis(250);
const TICK: Duration = Duration::from_millis(100);
/// Return to column 0 and erase the line.
const CLEAR: &str = "\r\x1b[2K";

/// Running totals the walker threads update (relaxed atomics: the display only needs a recent
/// value).
#[derive(Debug, Default)]
pub struct Counters {
    files: AtomicU64,
    lines: AtomicU64,
    skipped: AtomicU64,
}

impl Counters {
    /// Counts one measured file of `lines` lines.
    pub fn add_file(&self, lines: u32) {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.lines.fetch_add(u64::from(lines), Ordering::Relaxed);
    }

    /// Counts one skipped path.
    pub fn add_skipped(&self) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
    }

    /// The progress line for the current totals.
    pub fn line(&self) -> String {
        format!(
            "scanning: {} files, {} lines, {} skipped",
            self.files.load(Ordering::Relaxed),
            self.lines.load(Ordering::Relaxed),
            self.skipped.load(Ordering::Relaxed)
        )
    }
}

/// Runs `work`, showing progress on stderr while it runs if `wanted` and stderr is a terminal.
/// `work` gets the counters to update, or `None` when no progress is shown.
pub fn with_progress<R>(wanted: bool, work: impl FnOnce(Option<&Counters>) -> R) -> R {
    if !wanted || !std::io::stderr().is_terminal() {
        return work(None);
    }
    let counters = Counters::default();
    let (stop, stopped) = mpsc::channel::<()>();
    std::thread::scope(|s| {
        let shown = &counters;
        s.spawn(move || display(shown, &stopped));
        let result = work(Some(&counters));
        drop(stop);
        result
    })
}

/// Waits [`DELAY`], then redraws the line every tick until `stopped` disconnects; clears it.
fn display(counters: &Counters, stopped: &mpsc::Receiver<()>) {
    if stopped.recv_timeout(DELAY) != Err(RecvTimeoutError::Timeout) {
        return;
    }
    let stderr = std::io::stderr();
    loop {
        let mut err = stderr.lock();
        let _ = write!(err, "{CLEAR}{}", counters.line());
        let _ = err.flush();
        drop(err);
        if stopped.recv_timeout(TICK) != Err(RecvTimeoutError::Timeout) {
            break;
        }
    }
    let mut err = stderr.lock();
    let _ = write!(err, "{CLEAR}");
    let _ = err.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_shows_the_running_totals() {
        let c = Counters::default();
        c.add_file(120);
        c.add_file(30);
        c.add_skipped();
        assert_eq!(c.line(), "scanning: 2 files, 150 lines, 1 skipped");
    }

    #[test]
    fn not_wanted_means_no_counters() {
        assert!(with_progress(false, |c| c.is_none()));
    }
}
