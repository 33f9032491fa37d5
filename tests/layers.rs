//! The core stays free of the terminal and the async runtime: no module outside the shells
//! (`src/main.rs`, `src/cli.rs`, `src/commands/`, `src/tui/`) may mention ratatui, crossterm,
//! tokio or the `tui` module. Checked on the source text, so it holds before any of them is a
//! dependency and keeps holding after.

use std::path::{Path, PathBuf};

const SHELLS: &[&str] = &["main.rs", "cli.rs", "commands", "tui", "engine"];
const FORBIDDEN: &[&str] = &[
    "ratatui",
    "crossterm",
    "tokio",
    "crate::tui",
    "crate::engine",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn core_never_imports_terminal_or_runtime_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the sources");
    let mut offenders = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).expect("under src");
        let first = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or("");
        if SHELLS.contains(&first) {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            if FORBIDDEN
                .iter()
                .any(|f| code.contains(&format!("{f}::")) || code.contains(&format!("use {f}")))
            {
                offenders.push(format!("{}:{}: {}", rel.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "core modules import shell crates:\n{}",
        offenders.join("\n")
    );
}
