//! Where planners get source text. The model keeps facts, not text, so a plan is a pure function
//! of a snapshot *and* the text of the files it reads; the cockpit can hand in its own cache,
//! the headless command reads the files.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Source text by path (relative to the scanned root, `/`-separated).
pub trait Sources {
    /// The file's text (lossily decoded), or `None` when it cannot be read.
    fn text(&self, path: &str) -> Option<Arc<str>>;
}

/// Reads files under a root, each at most once.
#[derive(Debug)]
pub struct FsSources {
    root: PathBuf,
    max_bytes: u64,
    cache: Mutex<HashMap<String, Option<Arc<str>>>>,
}

impl FsSources {
    /// Files larger than `max_bytes` are not read.
    pub fn new(root: impl Into<PathBuf>, max_bytes: u64) -> Self {
        FsSources {
            root: root.into(),
            max_bytes,
            cache: Mutex::new(HashMap::new()),
        }
    }
}

impl Sources for FsSources {
    fn text(&self, path: &str) -> Option<Arc<str>> {
        if let Ok(cache) = self.cache.lock() {
            if let Some(hit) = cache.get(path) {
                return hit.clone();
            }
        }
        let full = if path.is_empty() {
            self.root.clone()
        } else {
            self.root.join(path)
        };
        let text = std::fs::metadata(&full)
            .ok()
            .filter(|m| m.len() <= self.max_bytes)
            .and_then(|_| std::fs::read(&full).ok())
            .map(|bytes| {
                let s = String::from_utf8_lossy(&bytes);
                Arc::<str>::from(s.strip_prefix('\u{feff}').unwrap_or(&s))
            });
        if let Ok(mut cache) = self.cache.lock() {
            cache.insert(path.to_string(), text.clone());
        }
        text
    }
}

/// Sources held in memory (tests, the cockpit's open buffers).
#[derive(Debug, Default)]
pub struct MemSources(pub HashMap<String, Arc<str>>);

impl Sources for MemSources {
    fn text(&self, path: &str) -> Option<Arc<str>> {
        self.0.get(path).cloned()
    }
}
